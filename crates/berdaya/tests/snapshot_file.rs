//! Snapshot files: atomic writes and checksums that find truncation and damage.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use berdaya::snapshot_file::{SnapshotFileErrorKind, BLOCK};
use berdaya::{scenario, Coded, Registry};
use proptest::prelude::*;

fn dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("berdaya-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn sample() -> (Registry, String) {
    let reg = scenario::east_java_2020().unwrap();
    let text = reg.to_envelope().unwrap();
    (reg, text)
}

#[test]
fn save_and_load_round_trip_and_leave_no_temporary_file() {
    let d = dir("roundtrip");
    let (reg, _) = sample();
    let path = d.join("registry.snapshot");
    reg.save(&path).unwrap();
    // overwrite in place
    reg.save(&path).unwrap();
    assert_eq!(Registry::load(&path).unwrap(), reg);
    let names: Vec<_> = std::fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["registry.snapshot"]);
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn a_missing_file_is_named() {
    let e = Registry::load("/nonexistent/berdaya/registry.snapshot").unwrap_err();
    assert_eq!(e.code(), "snapshot.not_found");
    assert!(e.to_string().contains("registry.snapshot"));
    let e = scenario::east_java_2020()
        .unwrap()
        .save("/nonexistent/berdaya/registry.snapshot")
        .unwrap_err();
    assert_eq!(e.code(), "snapshot.io");
}

#[test]
fn truncation_says_where_the_data_stops() {
    let (_, text) = sample();
    let body_start = text.find('\n').unwrap() + 1;
    let cut = body_start + 10_000;
    let e = Registry::from_envelope(&text[..cut]).unwrap_err();
    assert_eq!(e.code(), "snapshot.truncated");
    let expected_line = 1 + text[..cut].matches('\n').count();
    assert_eq!(e.line(), Some(expected_line));
    assert_eq!(e.bytes().unwrap().start, 10_000);
    // cut inside the header
    let e = Registry::from_envelope(&text[..20]).unwrap_err();
    assert_eq!(e.code(), "snapshot.bad_header");
    assert_eq!(e.line(), Some(1));
    // an empty file
    assert_eq!(
        Registry::from_envelope("").unwrap_err().code(),
        "snapshot.bad_header"
    );
}

#[test]
fn a_flipped_bit_is_located() {
    let (_, text) = sample();
    let body_start = text.find('\n').unwrap() + 1;
    let mut bytes = text.clone().into_bytes();
    let at = body_start + 3 * BLOCK + 17;
    bytes[at] ^= 0x01;
    let d = dir("flip");
    let path = d.join("r.snapshot");
    std::fs::write(&path, &bytes).unwrap();
    let e = Registry::load(&path).unwrap_err();
    assert_eq!(e.code(), "snapshot.corrupted");
    assert_eq!(e.bytes(), Some(3 * BLOCK..4 * BLOCK));
    let line = 1 + text[..body_start + 3 * BLOCK].matches('\n').count();
    assert_eq!(e.line(), Some(line));
    assert!(matches!(e.kind(), SnapshotFileErrorKind::Corrupted { .. }));
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn a_wrong_checksum_in_the_header_is_refused() {
    let (_, text) = sample();
    let i = text.find("sha256=").unwrap() + 7;
    let mut t = text.clone();
    let c = if &t[i..=i] == "0" { "1" } else { "0" };
    t.replace_range(i..=i, c);
    assert_eq!(
        Registry::from_envelope(&t).unwrap_err().code(),
        "snapshot.checksum_mismatch"
    );
    // extra bytes after the declared length
    let e = Registry::from_envelope(&format!("{text}x")).unwrap_err();
    assert_eq!(e.code(), "snapshot.corrupted");
    // plain JSON is not an envelope
    let json = scenario::east_java_2020().unwrap().to_json().unwrap();
    assert_eq!(
        Registry::from_envelope(&json).unwrap_err().code(),
        "snapshot.bad_header"
    );
}

#[test]
fn an_erased_person_round_trips_through_a_file() {
    let d = dir("erased");
    let (mut reg, _) = sample();
    let id = berdaya::BeneficiaryId::new("pm-0001").unwrap();
    reg.erase_personal_data(&id, chrono::NaiveDate::from_ymd_opt(2021, 3, 1).unwrap())
        .unwrap();
    let path = d.join("r.snapshot");
    reg.save(&path).unwrap();
    let back = Registry::load(&path).unwrap();
    assert_eq!(back, reg);
    assert!(back.erased_on(&id).is_some());
    assert!(!std::fs::read_to_string(&path)
        .unwrap()
        .contains("3514140711950002"));
    std::fs::remove_dir_all(&d).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any single flipped bit or truncation is an error, never a panic or a wrong registry.
    #[test]
    fn damage_is_always_detected(pos in 0usize..usize::MAX, bit in 0u8..8, cut in proptest::bool::ANY) {
        let (_, text) = envelope();
        let mut bytes = text.into_bytes();
        let at = pos % bytes.len();
        if cut {
            bytes.truncate(at);
        } else {
            bytes[at] ^= 1 << bit;
        }
        let s = String::from_utf8_lossy(&bytes);
        prop_assert!(Registry::from_envelope(&s).is_err());
    }
}

fn envelope() -> (Registry, String) {
    use std::sync::OnceLock;
    static S: OnceLock<(Registry, String)> = OnceLock::new();
    S.get_or_init(sample).clone()
}
