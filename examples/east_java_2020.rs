//! The East Java example of 9 September 2020: Dinas Sosial Jawa Timur and its partners.
//!
//! This first version validates the seed beneficiaries' NIKs (DOMAIN.md §6); the domain core
//! extends it with facilities, partners, agreements and the report.
use berdaya::{Coded, Nik, RegionCode};
use chrono::NaiveDate;

fn main() {
    let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap_or_default();
    println!("berdaya — Dinas Sosial Provinsi Jawa Timur, as of {as_of}");
    for (label, nik) in [
        (
            "seed beneficiary A (alumnus, RSBRW Pasuruan)",
            "3514140711950002",
        ),
        (
            "seed beneficiary B (alumna, RSBD Pasuruan)",
            "3504035203980001",
        ),
    ] {
        match Nik::parse(nik, as_of) {
            Ok(n) => println!(
                "  {label}: NIK {n} registered in {} ({}), sex {}, born {}",
                n.regency(),
                n.regency().name().unwrap_or("?"),
                n.sex(),
                n.birth_date().format("%Y")
            ),
            Err(e) => println!("  {label}: invalid NIK ({}): {e}", e.code()),
        }
    }
    if let Ok(r) = RegionCode::parse("35.78.03") {
        println!(
            "  partner Batik Wistara lies in {r}, {}",
            r.regency().and_then(|x| x.name()).unwrap_or("?")
        );
    }
}
