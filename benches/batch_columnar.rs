//! Columnar batch evaluation (issue 6) beside the hand-written baseline: R1-R5 of
//! BENCHMARK.md over 1,000,000 synthetic people as of 2020-09-09, evaluation only (the plan is
//! compiled once, outside the timing).
//!
//! - `baseline/Rn`: `batch_kernels.rs`, the rule written by hand (eligible bits only);
//! - `plan_outcomes_1t/Rn`: the compiled plan, Kleene known/true bitmaps and counts, one thread;
//! - `plan_full_1t/Rn`: also every row's reason code and missing inputs, one thread;
//! - `plan_outcomes_2t/Rn`, `plan_full_2t/Rn`: the same on 2 threads (feature `parallel`).
//!
//! Run: `cargo bench -p berdaya --features parallel --bench batch_columnar`. Results:
//! `benches/README.md`.

use std::hint::black_box;
use std::time::Duration;

use berdaya::population::synth;
use berdaya::rules::{Context, Detail, RuleSet};
use chrono::NaiveDate;
use criterion::{criterion_group, Criterion, Throughput};

#[allow(dead_code)]
#[path = "batch_kernels.rs"]
mod kernels;

use kernels::{eval, Cols};

const ROWS: usize = 1_000_000;
const SEED: u64 = 2020;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 9, 9).unwrap_or_default()
}

fn columnar(c: &mut Criterion) {
    let pop = synth::generate(ROWS, SEED, as_of());
    let cols = Cols::of(&pop);
    let (r1, r2, r3, r4, r5) = kernels::rules(as_of(), &pop);
    let Ok(set) = RuleSet::parse(include_str!("../conformance/rules/reference.rules")) else {
        return;
    };
    let names = ["R1", "R2", "R3", "R4", "R5"];
    let plans: Vec<_> = names
        .iter()
        .filter_map(|n| set.rule(&n.to_lowercase()))
        .map(|r| r.plan_batch(&pop, &Context::default(), as_of()))
        .collect();

    let mut g = c.benchmark_group("baseline");
    g.throughput(Throughput::Elements(ROWS as u64));
    g.measurement_time(Duration::from_secs(3));
    let mut out = Vec::new();
    g.bench_function("R1", |b| b.iter(|| eval(black_box(&cols), &r1, &mut out)));
    g.bench_function("R2", |b| b.iter(|| eval(black_box(&cols), &r2, &mut out)));
    g.bench_function("R3", |b| b.iter(|| eval(black_box(&cols), &r3, &mut out)));
    g.bench_function("R4", |b| b.iter(|| eval(black_box(&cols), &r4, &mut out)));
    g.bench_function("R5", |b| b.iter(|| eval(black_box(&cols), &r5, &mut out)));
    g.finish();

    let threads: &[usize] = if cfg!(feature = "parallel") {
        &[1, 2]
    } else {
        &[1]
    };
    for &t in threads {
        for (detail, label) in [(Detail::Outcomes, "outcomes"), (Detail::Full, "full")] {
            let mut g = c.benchmark_group(format!("plan_{label}_{t}t"));
            g.throughput(Throughput::Elements(ROWS as u64));
            g.measurement_time(Duration::from_secs(3));
            for (name, plan) in names.iter().zip(&plans) {
                let plan = plan.clone().with_threads(t);
                g.bench_function(*name, |b| {
                    b.iter(|| plan.evaluate_with(black_box(&pop), detail).len())
                });
            }
            g.finish();
        }
    }

    let mut g = c.benchmark_group("evaluate_batch_rows_vec");
    g.throughput(Throughput::Elements(ROWS as u64));
    g.sample_size(10);
    if let Some(r5) = set.rule("r5") {
        g.bench_function("R5", |b| {
            b.iter(|| {
                r5.evaluate_batch(black_box(&pop), &Context::default(), as_of())
                    .len()
            })
        });
    }
    g.finish();
}

/// `BERDAYA_COLUMNAR_LOOP=r5:plan:6` evaluates R5 six times over 200,000 rows with the plan
/// (`base` for the hand-written kernel), without criterion: for instruction counts
/// (`valgrind --tool=cachegrind`) that do not depend on the machine's load.
fn plain_loop(spec: &str) {
    let mut parts = spec.split(':');
    let (Some(name), Some(which), Some(n)) = (parts.next(), parts.next(), parts.next()) else {
        return;
    };
    let n: usize = n.parse().unwrap_or(1);
    let pop = synth::generate(200_000, SEED, as_of());
    let cols = Cols::of(&pop);
    let (r1, r2, r3, r4, r5) = kernels::rules(as_of(), &pop);
    let Ok(set) = RuleSet::parse(include_str!("../conformance/rules/reference.rules")) else {
        return;
    };
    let Some(rule) = set.rule(name) else { return };
    let plan = rule
        .plan_batch(&pop, &Context::default(), as_of())
        .with_threads(1);
    let mut out = Vec::new();
    let mut total = 0usize;
    for _ in 0..n {
        total += match (which, name) {
            ("base", "r1") => eval(black_box(&cols), &r1, &mut out),
            ("base", "r2") => eval(black_box(&cols), &r2, &mut out),
            ("base", "r3") => eval(black_box(&cols), &r3, &mut out),
            ("base", "r4") => eval(black_box(&cols), &r4, &mut out),
            ("base", _) => eval(black_box(&cols), &r5, &mut out),
            _ => {
                plan.evaluate_with(black_box(&pop), Detail::Outcomes)
                    .counts()
                    .eligible
            }
        };
    }
    println!("{name} {which}: {n} runs, {total} eligible");
}

criterion_group!(benches, columnar);

fn main() {
    if let Ok(spec) = std::env::var("BERDAYA_COLUMNAR_LOOP") {
        plain_loop(&spec);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
