//! The East Java example one year later (2021-09-09): counts worked out by hand from the
//! illustrative progression in `scenario::outcomes_2021`'s docs, and the exact text
//! (`tests/golden/east_java_2021_outcomes.txt`; regenerate with
//! `UPDATE_GOLDEN=1 cargo test -p berdaya --test east_java_outcomes` after checking the diff).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use berdaya::report::{report, Dimension, ReportOptions};
use berdaya::scenario::{
    east_java_2020, outcomes_2021, outcomes_day, outcomes_report_2021, RESIDENTS_CSV,
};

#[test]
fn one_year_later_by_hand() {
    let reg = east_java_2020().unwrap();
    let (ledger, outcomes) = outcomes_2021(&reg).unwrap();
    // 10 jobs + 20 trainees + 2 scholarships placed in 2020; every fifth trainee (4) drops
    // out, 16 complete; of those, 4 employed at the partner, 4 self-employed, 4 employ two
    // people each, 4 nothing recorded.
    assert_eq!(ledger.enrollments.len(), 32);
    // 10 employed (jobs) + 2 continued education + 16 × (completed + certified) + 12
    assert_eq!(outcomes.len(), 56);
    let open = report(
        &reg,
        &ledger,
        &outcomes,
        outcomes_day(),
        &ReportOptions {
            min_cell: 1,
            ..ReportOptions::default()
        },
    );
    let t = &open.table(Dimension::Agreement).unwrap().total;
    assert_eq!(t.filled, Some(28));
    assert_eq!(t.completed, Some(16));
    assert_eq!(t.employed_6_months, Some(12));
    assert_eq!(t.employed_12_months, Some(12));
    assert_eq!(t.self_employed, Some(8));
    assert_eq!(t.jobs_created, Some(8));
    let batik = open
        .quota
        .iter()
        .find(|q| q.partner.as_str() == "batik-wistara")
        .unwrap();
    assert_eq!(batik.employed_from_programs, Some(14));
    // With the default minimum of 5, the 8 jobs created by 4 employers are hidden.
    let r = report(
        &reg,
        &ledger,
        &outcomes,
        outcomes_day(),
        &ReportOptions::default(),
    );
    assert_eq!(
        r.table(Dimension::Agreement).unwrap().total.jobs_created,
        None
    );
    assert_eq!(r.table(Dimension::Sex).unwrap().total.filled, Some(28));
}

#[test]
fn outcomes_report_has_no_personal_data_and_matches_golden() {
    let text = outcomes_report_2021(&east_java_2020().unwrap());
    for line in RESIDENTS_CSV.lines().skip(1) {
        let cols: Vec<&str> = line.split(',').collect();
        assert!(!text.contains(cols[1]), "a NIK is printed");
        assert!(!text.contains(cols[2]), "a name is printed");
    }
    let path = format!(
        "{}/tests/golden/east_java_2021_outcomes.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let golden = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text, golden,
        "the outcomes report changed; check and regenerate with UPDATE_GOLDEN=1"
    );
    assert!(text.contains("== outcomes one year later, on 2021-09-09 =="));
}
