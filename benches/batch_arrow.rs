//! The result of a batch evaluation as Arrow columns (`BatchEvaluation::to_arrow`), what
//! Python's `rule.evaluate_batch(population)` returns: R1, R3 and R5 over 1,000,000 synthetic
//! people (`synth::generate(1_000_000, 2020, 2020-09-09)`), as of 2020-09-09, one thread.
//!
//! - `evaluate_full/<rule>`: `rule.evaluate_columnar` (outcomes, reasons and missing inputs);
//! - `to_arrow/<rule>`: the Arrow record batch of that evaluation (`id`, `outcome`, `reason`,
//!   `missing`).
//!
//! Run: `cargo bench -p berdaya --features arrow --bench batch_arrow`. Results:
//! `benches/README.md`, "Python: berdaya vs pandas vs polars".

use std::hint::black_box;
use std::time::Duration;

use berdaya::population::synth;
use berdaya::rules::{Context, RuleSet};
use chrono::NaiveDate;
use criterion::{criterion_group, Criterion, Throughput};

const ROWS: usize = 1_000_000;

fn bench(c: &mut Criterion) {
    let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap_or_default();
    let pop = synth::generate(ROWS, 2020, as_of);
    let Ok(set) = RuleSet::parse(include_str!("../conformance/rules/reference.rules")) else {
        return;
    };
    let ctx = Context::default();
    let mut g = c.benchmark_group("batch_arrow");
    g.throughput(Throughput::Elements(ROWS as u64));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(4));
    for name in ["r1", "r3", "r5"] {
        let Some(rule) = set.rule(name) else { continue };
        g.bench_function(format!("evaluate_full/{name}"), |b| {
            b.iter(|| black_box(rule.evaluate_columnar(&pop, &ctx, as_of)))
        });
        let e = rule.evaluate_columnar(&pop, &ctx, as_of);
        g.bench_function(format!("to_arrow/{name}"), |b| {
            b.iter(|| black_box(e.to_arrow(&pop)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);

/// `BERDAYA_TO_ARROW_LOOP=r3:5` builds R3's result table five times without criterion (after
/// one evaluation), for instruction counts (`valgrind --tool=callgrind`) and CPU time
/// (`perf stat -e task-clock`) that do not depend on the machine's load.
fn plain_loop(spec: &str) {
    let (name, times) = spec.split_once(':').unwrap_or((spec, "1"));
    let times: usize = times.parse().unwrap_or(1);
    let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap_or_default();
    let pop = synth::generate(ROWS, 2020, as_of);
    let Ok(set) = RuleSet::parse(include_str!("../conformance/rules/reference.rules")) else {
        return;
    };
    let Some(rule) = set.rule(name) else { return };
    let e = rule.evaluate_columnar(&pop, &Context::default(), as_of);
    let start = std::time::Instant::now();
    for _ in 0..times {
        black_box(e.to_arrow(&pop));
    }
    println!("{name}: {times} x to_arrow in {:?}", start.elapsed());
}

fn main() {
    if let Ok(spec) = std::env::var("BERDAYA_TO_ARROW_LOOP") {
        plain_loop(&spec);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
