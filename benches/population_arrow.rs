//! `Population::from_arrow` over 1,000,000 synthetic people (`synth::generate(1_000_000,
//! 2020, 2020-09-09)` written with `Population::to_arrow`), reading the columns R1, R3 and R5
//! of BENCHMARK.md need (`ImportOptions::columns(rule.input_columns())`), and all columns:
//!
//! - `from_arrow_plain/<cols>`: the canonical schema (`Utf8` strings, `Date32`, `UInt8` decile,
//!   `List<Utf8>` lists);
//! - `from_arrow_dict/<cols>`: enumerated text columns (and list items) dictionary-encoded, as
//!   polars exports categoricals.
//!
//! Run: `cargo bench -p berdaya --features arrow,parallel --bench population_arrow` (without
//! `parallel` for one thread). Results: `benches/README.md`, "Population from Arrow".
//!
//! `BERDAYA_ARROW_LOOP=r5:plain:3` converts R5's columns three times without criterion, for
//! instruction counts (`valgrind --tool=callgrind`) and CPU time (`perf stat -e task-clock`)
//! that do not depend on the machine's load; `cols=nik+skills:dict:3` names the columns.

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use berdaya::population::arrow::arrow_array::builder::{
    GenericListBuilder, StringDictionaryBuilder,
};
use berdaya::population::arrow::arrow_array::types::UInt32Type;
use berdaya::population::arrow::arrow_array::{
    Array, ArrayRef, ListArray, RecordBatch, RecordBatchIterator, StringArray,
};
use berdaya::population::arrow::arrow_schema::{DataType, Field, Schema};
use berdaya::population::{synth, ImportOptions, Population};
use berdaya::rules::RuleSet;
use chrono::NaiveDate;
use criterion::{criterion_group, Criterion, Throughput};

const ROWS: usize = 1_000_000;
const SEED: u64 = 2020;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 9, 9).unwrap_or_default()
}

/// Enumerated text columns and list items as `Dictionary<UInt32, Utf8>`.
fn dictionary_encoded(batch: &RecordBatch) -> RecordBatch {
    const DICT: [&str; 6] = [
        "sex",
        "care_status",
        "upt_id",
        "education",
        "employment",
        "regency",
    ];
    let dict = || DataType::Dictionary(Box::new(DataType::UInt32), Box::new(DataType::Utf8));
    let mut fields = Vec::new();
    let mut columns: Vec<ArrayRef> = Vec::new();
    for (f, a) in batch.schema().fields().iter().zip(batch.columns()) {
        let name = f.name().as_str();
        if DICT.contains(&name) {
            let Some(s) = a.as_any().downcast_ref::<StringArray>() else {
                continue;
            };
            let d: berdaya::population::arrow::arrow_array::DictionaryArray<UInt32Type> =
                s.iter().collect();
            fields.push(Field::new(name, dict(), true));
            columns.push(Arc::new(d));
        } else if let Some(l) = a.as_any().downcast_ref::<ListArray>() {
            let mut b =
                GenericListBuilder::<i32, _>::new(StringDictionaryBuilder::<UInt32Type>::new());
            for i in 0..l.len() {
                if l.is_null(i) {
                    b.append(false);
                    continue;
                }
                let v = l.value(i);
                if let Some(items) = v.as_any().downcast_ref::<StringArray>() {
                    for s in items.iter().flatten() {
                        b.values().append_value(s);
                    }
                }
                b.append(true);
            }
            let a = b.finish();
            fields.push(Field::new(name, a.data_type().clone(), true));
            columns.push(Arc::new(a));
        } else {
            fields.push(f.as_ref().clone());
            columns.push(a.clone());
        }
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).unwrap_or_else(|_| batch.clone())
}

fn convert(batch: &RecordBatch, opts: &ImportOptions) -> usize {
    let reader = RecordBatchIterator::new([Ok(batch.clone())], batch.schema());
    match Population::from_arrow(reader, opts) {
        Ok((pop, _)) => pop.len(),
        Err(_) => 0,
    }
}

/// (label, options) for R1, R3, R5 and all columns.
fn cases() -> Vec<(&'static str, ImportOptions)> {
    let Ok(set) = RuleSet::parse(include_str!("../conformance/rules/reference.rules")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (label, name) in [("R1", "r1"), ("R3", "r3"), ("R5", "r5")] {
        if let Some(rule) = set.rule(name) {
            out.push((
                label,
                ImportOptions::new(as_of()).columns(rule.input_columns()),
            ));
        }
    }
    out.push(("all", ImportOptions::new(as_of())));
    out
}

fn from_arrow(c: &mut Criterion) {
    let pop = synth::generate(ROWS, SEED, as_of());
    let plain = pop.to_arrow();
    let dict = dictionary_encoded(&plain);
    drop(pop);
    for (label, batch) in [("plain", &plain), ("dict", &dict)] {
        let mut g = c.benchmark_group(format!("from_arrow_{label}"));
        g.throughput(Throughput::Elements(ROWS as u64));
        g.sample_size(10);
        g.measurement_time(Duration::from_secs(5));
        for (name, opts) in cases() {
            assert_eq!(convert(batch, &opts), ROWS, "{label} {name}");
            g.bench_function(name, |b| b.iter(|| convert(black_box(batch), &opts)));
        }
        g.finish();
    }
}

fn plain_loop(spec: &str) {
    let mut parts = spec.split(':');
    let (Some(name), Some(which), Some(n)) = (parts.next(), parts.next(), parts.next()) else {
        return;
    };
    let n: usize = n.parse().unwrap_or(1);
    let pop = synth::generate(ROWS, SEED, as_of());
    let mut batch = pop.to_arrow();
    drop(pop);
    if which == "dict" {
        batch = dictionary_encoded(&batch);
    }
    // `cols=nik+care_status`: those columns (and `id`) alone
    let opts = match name.strip_prefix("cols=") {
        Some(cols) => ImportOptions::new(as_of()).columns(cols.split('+')),
        None => {
            let label = name.to_uppercase();
            let Some((_, opts)) = cases()
                .into_iter()
                .find(|(l, _)| l.eq_ignore_ascii_case(&label))
            else {
                return;
            };
            opts
        }
    };
    let mut total = 0;
    for _ in 0..n {
        total += convert(black_box(&batch), &opts);
    }
    println!("{total}");
}

criterion_group!(benches, from_arrow);

fn main() {
    if let Ok(spec) = std::env::var("BERDAYA_ARROW_LOOP") {
        plain_loop(&spec);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
