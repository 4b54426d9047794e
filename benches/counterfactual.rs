//! Counterfactual dates (`Rule::eligible_from`) for the reference rules and a versioned rule,
//! and, for scale, one `evaluate` (a day-by-day scan over the 150-year horizon would cost
//! about 55,000 of those).
//!
//! Run: `cargo bench -p berdaya --bench counterfactual`

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use berdaya::rules::{
    Context, ContextTimeline, DateSpan, Facts, InForce, RuleSet, VersionedRuleSet,
};
use berdaya::vocab::{CareStatus, EmploymentStatus};
use chrono::{NaiveDate, TimeDelta};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const RULES: &str = include_str!("../conformance/rules/reference.rules");

const VERSIONED: &str = "rule usia = age >= 17
rule vokasi @2020 from 2020-01-01 until 2021-01-01 = usia and age <= 35 and days_in_care >= 180
rule vokasi @2021 from 2021-01-01 until 2022-01-01 = usia and age <= 40 and days_in_care >= 180
rule vokasi @2023 from 2023-01-01 = usia and age <= 45 and days_in_care >= 90
";

/// Deterministic people aged 5-60 with care histories (xorshift).
fn people(n: usize) -> Vec<Facts> {
    let mut s = 0x5eed_2020_0909_u64;
    let mut next = move |m: u64| {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s % m
    };
    let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
    (0..n)
        .map(|_| {
            let birth = as_of - TimeDelta::days(5 * 365 + next(55 * 365) as i64);
            Facts {
                nik: Some(format!("35{:02}120101950001", 1 + next(29))),
                birth_date: Some(birth),
                disabilities: Some(
                    [berdaya::disability::ALL_DISABILITIES[next(9) as usize]]
                        .into_iter()
                        .collect(),
                ),
                care_status: Some([CareStatus::Resident, CareStatus::Alumnus][next(2) as usize]),
                residence_since: Some(as_of - TimeDelta::days(next(400) as i64 - 100)),
                education: Some(berdaya::education::ALL_EDUCATION[next(8) as usize]),
                dtks_decile: (next(10) < 7).then(|| 1 + next(10) as i64),
                employment: Some(EmploymentStatus::Unemployed),
                skills: Some(vec!["batik".into()]),
                ..Facts::default()
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let set = RuleSet::parse(RULES).unwrap();
    let versioned = VersionedRuleSet::parse(VERSIONED).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
    let pop = people(1024);
    let constant = ContextTimeline::default();
    let signed = ContextTimeline {
        agreement_in_force: InForce::During(vec![DateSpan {
            from: NaiveDate::from_ymd_opt(2021, 1, 1),
            until: NaiveDate::from_ymd_opt(2026, 1, 1),
        }]),
        ..ContextTimeline::default()
    };
    let mut g = c.benchmark_group("counterfactual");
    g.throughput(Throughput::Elements(1));
    for name in ["r3", "r5"] {
        let rule = set.rule(name).unwrap();
        let mut i = 0;
        g.bench_function(format!("{name}/eligible_from"), |b| {
            b.iter(|| {
                i = (i + 1) & 1023;
                black_box(rule.eligible_from(black_box(&pop[i]), &constant, as_of))
            })
        });
        let mut i = 0;
        g.bench_function(format!("{name}/evaluate_once"), |b| {
            b.iter(|| {
                i = (i + 1) & 1023;
                black_box(rule.evaluate(black_box(&pop[i]), &Context::default(), as_of))
            })
        });
    }
    let gated = RuleSet::parse(&format!("{RULES}\nrule g = agreement_in_force and r3\n"))
        .unwrap()
        .rule("g")
        .unwrap();
    let mut i = 0;
    g.bench_function("r3_with_agreement_spans/eligible_from", |b| {
        b.iter(|| {
            i = (i + 1) & 1023;
            black_box(gated.eligible_from(black_box(&pop[i]), &signed, as_of))
        })
    });
    let mut i = 0;
    g.bench_function("versioned_3_versions/eligible_from", |b| {
        b.iter(|| {
            i = (i + 1) & 1023;
            black_box(versioned.eligible_from("vokasi", black_box(&pop[i]), &constant, as_of))
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
