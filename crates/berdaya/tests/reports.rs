//! Outcomes and reports: suppression invariants (proptest) and reports on the East Java
//! sample worked out by hand.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use berdaya::allocation::{CommitmentRef, RuleEligibility};
use berdaya::outcome::{OutcomeKind, Outcomes};
use berdaya::report::{report, suppress, Dimension, ReportOptions};
use berdaya::{Coded, Enrollments, Registry};
use chrono::NaiveDate;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A full two-way table with margins, row-major (rows + 1) × (cols + 1), and its lines.
fn two_way(cells: &[Vec<u64>]) -> (Vec<u64>, Vec<Vec<usize>>) {
    let r = cells.len();
    let c = cells[0].len();
    let w = c + 1;
    let mut v = vec![0u64; (r + 1) * w];
    for i in 0..r {
        for j in 0..c {
            v[i * w + j] = cells[i][j];
            v[i * w + c] += cells[i][j];
            v[r * w + j] += cells[i][j];
            v[r * w + c] += cells[i][j];
        }
    }
    let mut lines = Vec::new();
    for i in 0..=r {
        lines.push((0..=c).map(|j| i * w + j).collect());
    }
    for j in 0..=c {
        lines.push((0..=r).map(|i| i * w + j).collect());
    }
    (v, lines)
}

/// Whether `cell` can be computed from one line: as its total minus the visible cells, or
/// (for the total, the last cell of a line) as the sum of the visible cells.
fn derivable(cell: usize, v: &[u64], hidden: &[bool], lines: &[Vec<usize>]) -> Option<u64> {
    for line in lines.iter().filter(|l| l.contains(&cell)) {
        let others_visible = line.iter().all(|&i| i == cell || !hidden[i]);
        if !others_visible {
            continue;
        }
        let total = *line.last().unwrap();
        let parts: u64 = line[..line.len() - 1]
            .iter()
            .filter(|&&i| i != cell)
            .map(|&i| v[i])
            .sum();
        return Some(if cell == total {
            parts
        } else {
            v[total] - parts
        });
    }
    None
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_suppressed_cell_is_derivable_from_one_line(
        cells in (1usize..6, 1usize..6).prop_flat_map(|(r, c)| {
            prop::collection::vec(prop::collection::vec(
                prop_oneof![3 => 0u64..8, 1 => 0u64..40], c), r)
        }),
        min in 0u64..7,
    ) {
        let (v, lines) = two_way(&cells);
        let hidden = suppress(&v, &v, &lines, min);
        for (i, &x) in v.iter().enumerate() {
            // every small non-zero cell is suppressed
            if x > 0 && x < min {
                prop_assert!(hidden[i], "cell {i} = {x} shown");
            }
            if hidden[i] {
                prop_assert_eq!(derivable(i, &v, &hidden, &lines), None, "cell {} of {:?}", i, v);
            }
        }
        for line in &lines {
            prop_assert_ne!(line.iter().filter(|&&i| hidden[i]).count(), 1);
        }
        // suppressing is idempotent: a second pass over the result hides nothing more
        let again = suppress(&v, &v, &lines, min);
        prop_assert_eq!(&again, &hidden);
    }

    #[test]
    fn one_way_columns_with_contributors(
        column in prop::collection::vec((0u64..30, 0u64..8), 1..8),
        min in 2u64..7,
    ) {
        // a sum with its contributor counts (as jobs created): sensitive when few contribute
        let mut values: Vec<u64> = column.iter().map(|c| c.0).collect();
        let mut units: Vec<u64> = column.iter().map(|c| c.1).collect();
        values.push(values.iter().sum());
        units.push(units.iter().sum());
        let lines = vec![(0..values.len()).collect::<Vec<_>>()];
        let hidden = suppress(&values, &units, &lines, min);
        for i in 0..values.len() {
            if units[i] > 0 && units[i] < min {
                prop_assert!(hidden[i]);
            }
            if hidden[i] {
                prop_assert_eq!(derivable(i, &values, &hidden, &lines), None);
            }
        }
    }
}

fn target(agreement: &str, commitment: &str) -> CommitmentRef {
    serde_json::from_value(serde_json::json!({"agreement": agreement, "commitment": commitment}))
        .unwrap()
}

/// The 2020 batik training with 7 trainees from the scenario's residents, 5 completing on
/// 2021-03-31 and 2 dropping out; outcomes after completion.
fn cohort() -> (Registry, Enrollments, Outcomes, Vec<u32>) {
    let reg = berdaya::scenario::east_java_2020().unwrap();
    let elig = RuleEligibility::from_registry(&reg).unwrap();
    let batik = target("pks-2020-batik-wistara", "batik-training");
    let mut ledger = Enrollments::new();
    let residents: Vec<_> = reg
        .beneficiaries()
        .filter(|b| {
            b.derived(d(2020, 9, 9)).care_status == Some(berdaya::vocab::CareStatus::Resident)
        })
        .map(|b| b.id().clone())
        .take(7)
        .collect();
    let mut ids = Vec::new();
    for b in &residents {
        let n = ledger.enrol(&reg, &elig, b, &batik, d(2020, 9, 9)).unwrap();
        ledger.activate(n, d(2020, 10, 1)).unwrap();
        ids.push(n);
    }
    for &n in &ids[..5] {
        ledger
            .complete(&reg, &elig, n, d(2021, 3, 31), None)
            .unwrap();
    }
    for &n in &ids[5..] {
        ledger
            .drop_out(&reg, &elig, n, d(2020, 12, 1), "moved")
            .unwrap();
    }
    let mut out = Outcomes::new();
    let k = |s: &str| -> OutcomeKind { serde_json::from_str(s).unwrap() };
    for &n in &ids[..5] {
        out.record(
            &reg,
            &ledger,
            n,
            d(2021, 3, 31),
            k(r#"{"kind":"completed_training"}"#),
        )
        .unwrap();
    }
    // within 6 months: two employed at the partner; within 12: one more, self-employed;
    // after 12 months: one employer of 3
    let emp = r#"{"kind":"employed","partner":"batik-wistara"}"#;
    out.record(&reg, &ledger, ids[0], d(2021, 5, 1), k(emp))
        .unwrap();
    out.record(&reg, &ledger, ids[1], d(2021, 9, 30), k(emp))
        .unwrap();
    out.record(
        &reg,
        &ledger,
        ids[2],
        d(2022, 1, 15),
        k(r#"{"kind":"self_employed"}"#),
    )
    .unwrap();
    out.record(
        &reg,
        &ledger,
        ids[3],
        d(2022, 4, 1),
        k(r#"{"kind":"employer_of","employees":3}"#),
    )
    .unwrap();
    (reg, ledger, out, ids)
}

#[test]
fn outcomes_are_validated() {
    let (reg, ledger, mut out, ids) = cohort();
    let k = |s: &str| -> OutcomeKind { serde_json::from_str(s).unwrap() };
    let code = |r: Result<u32, berdaya::OutcomeError>| r.unwrap_err().code();
    assert_eq!(
        code(out.record(
            &reg,
            &ledger,
            99,
            d(2021, 1, 1),
            k(r#"{"kind":"self_employed"}"#)
        )),
        "outcome.unknown_enrollment"
    );
    assert_eq!(
        code(out.record(
            &reg,
            &ledger,
            ids[0],
            d(2020, 9, 30),
            k(r#"{"kind":"self_employed"}"#)
        )),
        "outcome.before_enrollment"
    );
    assert_eq!(
        code(out.record(
            &reg,
            &ledger,
            ids[5],
            d(2021, 1, 1),
            k(r#"{"kind":"completed_training"}"#)
        )),
        "outcome.not_completed"
    );
    assert_eq!(
        code(out.record(
            &reg,
            &ledger,
            ids[0],
            d(2021, 3, 30),
            k(r#"{"kind":"completed_training"}"#)
        )),
        "outcome.not_completed"
    );
    assert_eq!(
        code(out.record(
            &reg,
            &ledger,
            ids[0],
            d(2021, 6, 1),
            k(r#"{"kind":"employed","partner":"nobody"}"#)
        )),
        "outcome.unknown_partner"
    );
    assert_eq!(
        code(out.record(
            &reg,
            &ledger,
            ids[0],
            d(2021, 5, 1),
            k(r#"{"kind":"employed","partner":"batik-wistara"}"#)
        )),
        "outcome.duplicate"
    );
    let before = out.clone();
    let json = serde_json::to_string(&out).unwrap();
    assert_eq!(serde_json::from_str::<Outcomes>(&json).unwrap(), before);
    let person = &ledger.get(ids[0]).unwrap().beneficiary;
    let t = out.timeline(person);
    assert_eq!(
        t.iter().map(|r| r.outcome.as_str()).collect::<Vec<_>>(),
        ["completed_training", "employed"]
    );
    assert!(t
        .iter()
        .all(|r| r.agreement.as_str() == "pks-2020-batik-wistara"));
}

#[test]
fn report_counts_and_suppresses() {
    let (reg, ledger, out, _) = cohort();
    let opts = ReportOptions::default();
    // 2022-09-09: 7 enrolled, 5 filled (2 dropped), 5 completed; employed within 6 months
    // of 2021-03-31 (by 2021-09-30): 2; within 12: 3; self-employed or employer: 2; jobs: 3.
    let r = report(&reg, &ledger, &out, d(2022, 9, 9), &opts);
    let t = r.table(Dimension::Agreement).unwrap();
    let batik = t
        .rows
        .iter()
        .find(|r| r.group == "pks-2020-batik-wistara")
        .unwrap();
    assert_eq!(batik.filled, Some(5));
    assert_eq!(batik.completed, Some(5));
    // 2, 3, 2 and 3 (one contributor) are below 5; the other agreements' zeros are the
    // smallest visible cells of each column, so one of them is suppressed too
    assert_eq!(batik.employed_6_months, None);
    assert_eq!(batik.employed_12_months, None);
    assert_eq!(batik.self_employed, None);
    assert_eq!(batik.jobs_created, None);
    assert_eq!(t.total.employed_6_months, None);
    assert_eq!(t.total.filled, Some(5));
    assert_eq!(batik.committed, Some(30)); // 10 jobs + 20 trainees per year
                                           // nothing suppressed with min_cell 1
    let open = report(
        &reg,
        &ledger,
        &out,
        d(2022, 9, 9),
        &ReportOptions {
            min_cell: 1,
            ..opts
        },
    );
    let t = open.table(Dimension::Agreement).unwrap();
    assert_eq!(t.suppressed, 0);
    assert_eq!(
        (
            t.total.employed_6_months,
            t.total.employed_12_months,
            t.total.self_employed,
            t.total.jobs_created
        ),
        (Some(2), Some(3), Some(2), Some(3))
    );
    // as of 2021-06-30 only the first job counts and nobody is self-employed yet
    let early = report(
        &reg,
        &ledger,
        &out,
        d(2021, 6, 30),
        &ReportOptions {
            min_cell: 1,
            ..opts
        },
    );
    let t = early.table(Dimension::Sex).unwrap();
    assert_eq!(
        (
            t.total.employed_6_months,
            t.total.employed_12_months,
            t.total.self_employed
        ),
        (Some(1), Some(1), Some(0))
    );
    // every table's columns add up to its totals when nothing is suppressed
    for t in &open.tables {
        let sum = |f: fn(&berdaya::report::ReportRow) -> Option<u64>| {
            t.rows.iter().map(|r| f(r).unwrap()).sum::<u64>()
        };
        assert_eq!(Some(sum(|r| r.filled)), t.total.filled, "{:?}", t.dimension);
        assert_eq!(Some(sum(|r| r.completed)), t.total.completed);
        assert_eq!(Some(sum(|r| r.jobs_created)), t.total.jobs_created);
    }
    // the partner employed two of the programme's people: suppressed at 5, shown at 1
    let q = |r: &berdaya::Report| {
        r.quota
            .iter()
            .find(|q| q.partner.as_str() == "batik-wistara")
            .unwrap()
            .employed_from_programs
    };
    assert_eq!(q(&r), None);
    assert_eq!(q(&open), Some(2));
}

#[test]
fn expiring_agreements_list_unfilled_places() {
    let (reg, ledger, out, _) = cohort();
    let r = report(
        &reg,
        &ledger,
        &out,
        d(2025, 6, 10),
        &ReportOptions::default(),
    );
    assert_eq!(r.expiring.len(), 5);
    let batik = r
        .expiring
        .iter()
        .find(|e| e.agreement.as_str() == "pks-2020-batik-wistara")
        .unwrap();
    assert_eq!(batik.ends_on, d(2025, 9, 8));
    assert_eq!(batik.days_left, 90);
    // 20 trainees per year; the 2024-09-09 year has nobody enrolled; 10 jobs at a time, none
    let places: Vec<(&str, u32, u32)> = batik
        .commitments
        .iter()
        .map(|c| (c.commitment.as_str(), c.places, c.unfilled))
        .collect();
    assert!(places.contains(&("batik-training", 20, 20)), "{places:?}");
    assert!(places.contains(&("jobs", 10, 10)), "{places:?}");
    // in the first commitment year 5 of 20 places are taken (the drop-outs freed theirs)
    let first = report(
        &reg,
        &ledger,
        &out,
        d(2020, 12, 31),
        &ReportOptions {
            expiring_within_days: 2000,
            ..ReportOptions::default()
        },
    );
    let batik = first
        .expiring
        .iter()
        .find(|e| e.agreement.as_str() == "pks-2020-batik-wistara")
        .unwrap();
    let training = batik
        .commitments
        .iter()
        .find(|c| c.commitment.as_str() == "batik-training")
        .unwrap();
    assert_eq!(training.unfilled, 15);
}
