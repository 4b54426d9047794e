//! Rule-change impact against a row-at-a-time reading of the same decisions.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use berdaya::impact::{rule_change_impact, versions_impact};
use berdaya::population::synth;
use berdaya::rules::{Context, Facts, Outcome, Rule, VersionedRuleSet};
use chrono::NaiveDate;

#[test]
fn impact_matches_single_person_decisions() {
    for n in [0, 1, 63, 64, 65, 130, 2_000] {
        check_size(n);
    }
}

fn check_size(n: usize) {
    let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
    let pop = synth::generate(n, 11 + n as u64, as_of);
    let pairs = [
        ("age between 18 and 35", "age between 18 and 40"),
        (
            "age between 17 and 40 and disabilities is not empty",
            "age between 17 and 40 and (dtks_decile <= 4 or not known(dtks_decile))",
        ),
        (
            "education >= smp",
            "education >= sma and employment = unemployed",
        ),
    ];
    for (x, y) in pairs {
        let (a, b) = (Rule::parse(x).unwrap(), Rule::parse(y).unwrap());
        let ctx = Context::default();
        let got = rule_change_impact(&a, &b, &pop, &ctx, as_of);
        let (mut gains, mut losses, mut becomes, mut leaves) = (vec![], vec![], vec![], vec![]);
        let mut matrix = std::collections::BTreeMap::new();
        for row in pop.rows() {
            let f = Facts::from(&row);
            let before = a.evaluate(&f, &ctx, as_of).outcome();
            let after = b.evaluate(&f, &ctx, as_of).outcome();
            *matrix
                .entry((before.as_str(), after.as_str()))
                .or_insert(0u64) += 1;
            if after == Outcome::Eligible && before != Outcome::Eligible {
                gains.push(row.id.clone());
            }
            if before == Outcome::Eligible && after != Outcome::Eligible {
                losses.push(row.id.clone());
            }
            if after == Outcome::Undetermined && before != Outcome::Undetermined {
                becomes.push(row.id.clone());
            }
            if before == Outcome::Undetermined && after != Outcome::Undetermined {
                leaves.push(row.id.clone());
            }
        }
        assert_eq!(got.gains.ids, gains, "{x} -> {y}");
        assert_eq!(got.losses.ids, losses);
        assert_eq!(got.becomes_undetermined.ids, becomes);
        assert_eq!(got.leaves_undetermined.ids, leaves);
        assert_eq!(got.population, n as u64);
        assert_eq!(got.transitions.len(), 9);
        for t in &got.transitions {
            let want = matrix
                .get(&(t.before.as_str(), t.after.as_str()))
                .copied()
                .unwrap_or(0);
            assert_eq!(t.count, want);
        }
        for g in [
            &got.gains,
            &got.losses,
            &got.becomes_undetermined,
            &got.leaves_undetermined,
        ] {
            assert_eq!(g.count as usize, g.ids.len());
            for by in [&g.by_facility, &g.by_disability, &g.by_regency] {
                assert_eq!(by.values().sum::<u64>(), g.count);
            }
        }
    }
}

#[test]
fn versions_of_a_rule() {
    let as_of = NaiveDate::from_ymd_opt(2021, 6, 1).unwrap();
    let pop = synth::generate(300, 3, as_of);
    let set = VersionedRuleSet::parse(
        "rule vokasi @2020 from 2020-01-01 until 2021-01-01 = age <= 35\n\
         rule vokasi @2021 from 2021-01-01 = age <= 40\n",
    )
    .unwrap();
    let i = versions_impact(
        &set,
        "vokasi@2020",
        "vokasi",
        &pop,
        &Context::default(),
        as_of,
    )
    .unwrap();
    assert_eq!(i.losses.count, 0);
    assert!(i.gains.count > 0);
    let e = versions_impact(
        &set,
        "vokasi@1999",
        "vokasi",
        &pop,
        &Context::default(),
        as_of,
    )
    .unwrap_err();
    assert_eq!(berdaya::Coded::code(&e), "rule.version.unknown_label");
}
