//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/*`) through the fuzz targets'
//! invariants on stable Rust, so every input a fuzzer ever kept stays a regression test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

include!("../fuzz/checks.rs");

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        check(&std::fs::read(&path).unwrap());
        n += 1;
    }
    n
}

#[test]
fn nik_corpus() {
    assert!(replay("nik", check_nik) >= 5);
}

#[test]
fn region_corpus() {
    assert!(replay("region", check_region) >= 4);
}

#[test]
fn snapshot_corpus() {
    assert!(replay("snapshot", check_snapshot) >= 4);
}

#[test]
fn rules_corpus() {
    assert!(replay("rules", check_rules) >= 4);
}

#[test]
fn rule_json_corpus() {
    assert!(replay("rule_json", check_rule_json) >= 4);
}

#[test]
fn import_corpus() {
    assert!(replay("import", check_import) >= 2);
}

#[test]
fn eval_corpus() {
    assert!(replay("eval", check_eval) >= 4);
}

#[test]
fn xlsx_corpus() {
    assert!(replay("xlsx", check_xlsx) >= 2);
}

#[test]
fn receipt_corpus() {
    assert!(replay("receipt", check_receipt) >= 3);
}

#[test]
fn envelope_corpus() {
    assert!(replay("envelope", check_envelope) >= 3);
}
