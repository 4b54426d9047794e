//! Single-person evaluation of the reference rules R3 and R5 (BENCHMARK.md), with reasons.
//!
//! Run: `cargo bench -p berdaya --bench rules_single`

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use berdaya::disability::{Disability, DisabilitySet};
use berdaya::education::Education;
use berdaya::rules::{Context, Facts, RuleSet};
use berdaya::vocab::{CareStatus, EmploymentStatus};
use chrono::NaiveDate;
use criterion::{criterion_group, Criterion, Throughput};

const RULES: &str = include_str!("../conformance/rules/reference.rules");

/// A seeded xorshift generator: deterministic synthetic people.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// People with ages 5-80, ~80% East Java NIKs, 0-2 disabilities and some unknown values.
fn people(n: usize, seed: u64) -> Vec<Facts> {
    let mut r = Rng(seed);
    let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
    let skills = [
        "sewing",
        "batik",
        "jamu",
        "computer",
        "massage",
        "handicraft",
        "cooking",
    ];
    (0..n)
        .map(|i| {
            let age_days = 5 * 365 + r.below(75 * 365) as i64;
            let birth = as_of - chrono::TimeDelta::days(age_days);
            let province = if r.chance(80) { 35 } else { 31 + r.below(4) };
            let nik = format!(
                "{province}{:02}{:02}{}0001",
                1 + r.below(29),
                1 + r.below(20),
                birth.format("%d%m%y")
            );
            let mut dis = DisabilitySet::EMPTY;
            for _ in 0..r.below(3) {
                dis.insert(berdaya::disability::ALL_DISABILITIES[r.below(9) as usize]);
            }
            let care =
                [CareStatus::Resident, CareStatus::Alumnus, CareStatus::None][r.below(3) as usize];
            Facts {
                id: Some(format!("p{i}")),
                nik: Some(nik),
                birth_date: (!r.chance(3)).then_some(birth),
                disabilities: (!r.chance(5)).then_some(dis),
                care_status: Some(care),
                residence_since: (care != CareStatus::None)
                    .then(|| as_of - chrono::TimeDelta::days(r.below(1000) as i64)),
                education: (!r.chance(5))
                    .then(|| berdaya::education::ALL_EDUCATION[r.below(8) as usize]),
                dtks_decile: (!r.chance(30)).then(|| 1 + r.below(10) as i64),
                employment: Some(
                    [
                        EmploymentStatus::Unemployed,
                        EmploymentStatus::SelfEmployed,
                        EmploymentStatus::Employed,
                    ][r.below(3) as usize],
                ),
                skills: Some(
                    (0..r.below(3))
                        .map(|_| skills[r.below(7) as usize].to_owned())
                        .collect(),
                ),
                ..Facts::default()
            }
        })
        .collect()
}

/// A person eligible for R5, so every clause is evaluated and every reason is built.
fn eligible() -> Facts {
    Facts {
        nik: Some("3520125708950001".into()),
        birth_date: NaiveDate::from_ymd_opt(1995, 8, 17),
        disabilities: Some([Disability::SensoryHearing].into_iter().collect()),
        care_status: Some(CareStatus::Resident),
        residence_since: NaiveDate::from_ymd_opt(2020, 1, 1),
        education: Some(Education::Sma),
        employment: Some(EmploymentStatus::Unemployed),
        skills: Some(vec!["batik".into()]),
        ..Facts::default()
    }
}

fn bench(c: &mut Criterion) {
    let set = RuleSet::parse(RULES).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
    let ctx = Context::default();
    let pop = people(4096, 0x5eed_2020_0909);
    let one = eligible();
    let mut g = c.benchmark_group("rules_single");
    g.throughput(Throughput::Elements(1));
    for name in ["r3", "r5"] {
        let rule = set.rule(name).unwrap();
        g.bench_function(format!("{name}/eligible_person"), |b| {
            b.iter(|| black_box(rule.evaluate(black_box(&one), &ctx, as_of)))
        });
        let mut i = 0;
        g.bench_function(format!("{name}/synthetic_mix"), |b| {
            b.iter(|| {
                i = (i + 1) & 4095;
                black_box(rule.evaluate(black_box(&pop[i]), &ctx, as_of))
            })
        });
        g.bench_function(format!("{name}/eligible_person_rendered_reasons"), |b| {
            b.iter(|| black_box(rule.evaluate(black_box(&one), &ctx, as_of).reasons()))
        });
    }
    g.finish();
}

/// `BERDAYA_RULES_LOOP=r5:10000000` evaluates a rule that many times for the eligible person
/// without criterion, for `perf stat` on a busy machine (CPU time, not wall time).
fn plain_loop(spec: &str) {
    let (name, n) = spec.split_once(':').unwrap();
    let n: usize = n.parse().unwrap();
    let set = RuleSet::parse(&format!("{RULES}\nrule always = true\n")).unwrap();
    let rule = set.rule(name).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
    let ctx = Context::default();
    let one = eligible();
    let start = std::time::Instant::now();
    let mut reasons = 0;
    for _ in 0..n {
        reasons += black_box(rule.evaluate(black_box(&one), &ctx, as_of)).reason_count();
    }
    let wall = start.elapsed();
    println!("{name}: {n} decisions, {reasons} reasons, wall {wall:?}");
}

criterion_group!(benches, bench);

fn main() {
    if let Ok(spec) = std::env::var("BERDAYA_RULES_LOOP") {
        plain_loop(&spec);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
