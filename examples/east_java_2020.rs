//! The East Java example of 9 September 2020: builds the scenario (Dinas Sosial Jawa Timur,
//! its UPTs, the five partners and the five PKS signed that day, ~200 synthetic residents and
//! alumni) and prints the report. Counts and ids only: no personal data is printed.
//!
//! Run with `cargo run --release --example east_java_2020`.

use std::process::ExitCode;

use berdaya::Coded;

fn main() -> ExitCode {
    match berdaya::scenario::east_java_2020() {
        Ok(reg) => {
            print!("{}", berdaya::scenario::report(&reg));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error [{}]: {e}", e.code());
            ExitCode::FAILURE
        }
    }
}
