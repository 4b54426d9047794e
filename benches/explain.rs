//! Explaining a decision of the reference rule R5 (BENCHMARK.md): short and full forms, in
//! English and Indonesian, for a person eligible for R5 (9 deciding clauses)
//! and for an undetermined one.
//!
//! Run: `cargo bench -p berdaya --bench explain`

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use berdaya::rules::{Context, Facts, Form, Lang, RuleSet};
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};

const RULES: &str = include_str!("../conformance/rules/reference.rules");

fn bench(c: &mut Criterion) {
    let set = RuleSet::parse(RULES).unwrap();
    let r5 = set.rule("r5").unwrap();
    let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
    let eligible: Facts = serde_json::from_str(
        r#"{"birth_date": "1995-11-07", "disabilities": ["rungu", "wicara"],
            "care_status": "alumnus", "education": "sma", "nik": "3514140711950002",
            "employment": "unemployed", "dtks_decile": 2, "skills": ["batik"]}"#,
    )
    .unwrap();
    let undetermined: Facts = serde_json::from_str(r#"{"care_status": "alumnus"}"#).unwrap();
    let ctx = Context::default();
    assert_eq!(r5.evaluate(&eligible, &ctx, as_of).reason_count(), 9);
    let mut g = c.benchmark_group("explain");
    for (who, facts) in [
        ("eligible_r5", &eligible),
        ("undetermined_r5", &undetermined),
    ] {
        let d = r5.evaluate(facts, &ctx, as_of);
        for lang in [Lang::En, Lang::Id] {
            for form in [Form::Short, Form::Full] {
                let name = format!("{who}/{}/{}", lang.as_str(), form.as_str());
                g.bench_function(name, |b| b.iter(|| black_box(&d).explain(lang, form)));
            }
        }
    }
    g.bench_function("eligible_r5/reasons_only", |b| {
        let d = r5.evaluate(&eligible, &ctx, as_of);
        b.iter(|| black_box(&d).reasons())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
