//! Reports and rule-change impact (issue 8): rule-change impact R3 → R4 and R4 → R5
//! (BENCHMARK.md) over 1,000,000 synthetic people as of 2020-09-09, compared with two plain
//! `evaluate_batch` calls (the floor of any implementation that decides both versions in
//! full); small-cell suppression of a 40 × 40 two-way table with margins; and the outcomes
//! report of the East Java example one year later.
//!
//! Run: `cargo bench -p berdaya --bench reports -- --warm-up-time 1 --measurement-time 5`

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use berdaya::impact::rule_change_impact;
use berdaya::population::synth;
use berdaya::report::{report, suppress, ReportOptions};
use berdaya::rules::{Context, Detail, RuleSet};
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};

const RULES: &str = include_str!("../conformance/rules/reference.rules");

fn impact(c: &mut Criterion) {
    let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
    let pop = synth::generate(1_000_000, 42, as_of);
    let set = RuleSet::parse(RULES).unwrap();
    let ctx = Context::default();
    let mut g = c.benchmark_group("impact_1m");
    g.sample_size(10);
    for (x, y) in [("r3", "r4"), ("r4", "r5")] {
        let (a, b) = (set.rule(x).unwrap(), set.rule(y).unwrap());
        g.bench_function(format!("{x}_to_{y}"), |bench| {
            bench.iter(|| rule_change_impact(black_box(&a), black_box(&b), &pop, &ctx, as_of))
        });
        g.bench_function(format!("{x}_and_{y}_outcomes_only"), |bench| {
            bench.iter(|| {
                let e = |r: &berdaya::Rule| {
                    r.plan_batch(&pop, &ctx, as_of)
                        .evaluate_with(&pop, Detail::Outcomes)
                };
                (e(black_box(&a)).counts(), e(black_box(&b)).counts())
            })
        });
    }
    g.finish();
}

fn suppression(c: &mut Criterion) {
    // 40 x 40 counts 0..12 (many small cells) with both margins.
    let (r, k) = (40usize, 40usize);
    let w = k + 1;
    let mut v = vec![0u64; (r + 1) * w];
    let mut s = 12345u64;
    for i in 0..r {
        for j in 0..k {
            s = s
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let x = (s >> 33) % 13;
            v[i * w + j] = x;
            v[i * w + k] += x;
            v[r * w + j] += x;
            v[r * w + k] += x;
        }
    }
    let mut lines: Vec<Vec<usize>> = (0..=r)
        .map(|i| (0..=k).map(|j| i * w + j).collect())
        .collect();
    lines.extend((0..=k).map(|j| (0..=r).map(|i| i * w + j).collect()));
    c.bench_function("suppress/two_way_40x40", |b| {
        b.iter(|| suppress(black_box(&v), &v, &lines, 5))
    });
}

fn east_java(c: &mut Criterion) {
    let reg = berdaya::scenario::east_java_2020().unwrap();
    let (ledger, outcomes) = berdaya::scenario::outcomes_2021(&reg).unwrap();
    let on = berdaya::scenario::outcomes_day();
    c.bench_function("report/east_java_2021", |b| {
        b.iter(|| report(&reg, &ledger, &outcomes, on, &ReportOptions::default()))
    });
}

criterion_group!(benches, impact, suppression, east_java);
criterion_main!(benches);
