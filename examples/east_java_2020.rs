//! The East Java example of 9 September 2020: builds the scenario (Dinas Sosial Jawa Timur,
//! its UPTs, the five partners and the five PKS signed that day, ~200 synthetic residents and
//! alumni) and prints the report, then the outcomes report one year later (2021-09-09).
//! Counts and ids only: no personal data is printed.
//!
//! Run with `cargo run --release --example east_java_2020`.

use std::process::ExitCode;

use berdaya::Coded;

fn main() -> ExitCode {
    match berdaya::scenario::east_java_2020() {
        Ok(reg) => {
            print!("{}", berdaya::scenario::report(&reg));
            print!("{}", berdaya::scenario::outcomes_report_2021(&reg));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error [{}]: {e}", e.code());
            ExitCode::FAILURE
        }
    }
}
