//! Differential test (issue 11): single-person evaluation and columnar batch evaluation on one
//! and two threads against a deliberately naive oracle.
//!
//! The cases come from `conformance/oracle/differential.py`: random rules (as text), random
//! people and as-of dates, with the expectations of the independent Python re-implementation
//! of the rule language in `conformance/rules/oracle.py` (its own tokenizer, parser and Kleene
//! evaluator, standard library only). The Python and JS runners read the same cases
//! (`bindings/python/tests/test_differential.py`, `bindings/wasm/tests/differential.test.mjs`).
//!
//! The seed is printed; rerun a failure with `BERDAYA_DIFF_SEED=<seed>`. `BERDAYA_DIFF_GROUPS`
//! and `BERDAYA_DIFF_PEOPLE` scale the run (default 1,000 × 100 = 100,000 triples). The
//! generator runs with `$PYTHON` or `python3`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::process::Command;

use berdaya::batch::BatchResult;
use berdaya::population::{ImportOptions, Population};
use berdaya::rules::{Context, Facts, Rule, RuleSet};
use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Deserialize)]
struct Cases {
    seed: u64,
    groups: Vec<Group>,
}

#[derive(Deserialize)]
struct Group {
    source: String,
    rule: Option<String>,
    as_of: NaiveDate,
    context: serde_json::Value,
    single_only: bool,
    people: Vec<serde_json::Value>,
    expect: Vec<Expect>,
}

#[derive(Deserialize)]
struct Expect {
    outcome: String,
    missing: Vec<String>,
}

fn env(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

fn cases() -> Cases {
    let seed = env("BERDAYA_DIFF_SEED", "20200909");
    let groups = env("BERDAYA_DIFF_GROUPS", "1000");
    let people = env("BERDAYA_DIFF_PEOPLE", "100");
    println!("differential seed {seed}: {groups} groups x {people} people");
    let generator =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../conformance/oracle/differential.py");
    let python = env("PYTHON", "python3");
    let out = Command::new(&python)
        .arg(&generator)
        .args(["--seed", &seed, "--groups", &groups, "--people", &people])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {python} {}: {e}", generator.display()));
    assert!(
        out.status.success(),
        "generator failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("generator output")
}

#[test]
fn single_and_batch_on_one_and_two_threads_agree_with_the_naive_oracle() {
    let cases = cases();
    // NIKs are validated against the import date; every pooled NIK is valid on it.
    let import = ImportOptions::new(NaiveDate::from_ymd_opt(2031, 1, 1).unwrap());
    let mut mismatches = Vec::new();
    let mut triples = 0usize;
    let mut batch_rows = 0usize;
    for (g, group) in cases.groups.iter().enumerate() {
        let rule: Rule = match &group.rule {
            Some(name) => RuleSet::parse(&group.source)
                .unwrap_or_else(|e| panic!("group {g}: {e}"))
                .rule(name)
                .unwrap(),
            None => Rule::parse(&group.source).unwrap_or_else(|e| panic!("group {g}: {e}")),
        };
        let context: Context = serde_json::from_value(group.context.clone()).unwrap();
        let where_ = format!(
            "seed {} group {g} rule {:?} as_of {} context {}",
            cases.seed, group.source, group.as_of, group.context
        );
        let mut singles = Vec::with_capacity(group.people.len());
        for (person, want) in group.people.iter().zip(&group.expect) {
            let facts: Facts = serde_json::from_value(person.clone())
                .unwrap_or_else(|e| panic!("{where_}: person {person}: {e}"));
            let d = rule.evaluate(&facts, &context, group.as_of);
            triples += 1;
            let mut missing: Vec<String> = d.missing().iter().map(|s| (*s).to_owned()).collect();
            missing.sort();
            if d.outcome().as_str() != want.outcome || missing != want.missing {
                mismatches.push(format!(
                    "{where_} person {person}: single {} {:?}, oracle {} {:?}",
                    d.outcome().as_str(),
                    d.missing(),
                    want.outcome,
                    want.missing
                ));
            }
            singles.push(d);
        }
        if group.single_only {
            continue;
        }
        let lines: String = group.people.iter().map(|p| format!("{p}\n")).collect();
        let (pop, _) = Population::from_json_lines(lines.as_bytes(), &import)
            .unwrap_or_else(|e| panic!("{where_}: import: {e}"));
        let plan = rule.plan_batch(&pop, &context, group.as_of);
        let one = BatchResult::from_evaluation(&pop, &plan.clone().with_threads(1).evaluate(&pop));
        let two = BatchResult::from_evaluation(&pop, &plan.with_threads(2).evaluate(&pop));
        if one != two {
            mismatches.push(format!("{where_}: one thread and two threads differ"));
        }
        for (i, d) in singles.iter().enumerate() {
            batch_rows += 1;
            let single = (
                group.people[i]["id"].as_str().unwrap().to_owned(),
                d.outcome(),
                d.reasons().first().map(|r| r.clause.clone()),
                d.missing()
                    .iter()
                    .map(|s| (*s).to_owned())
                    .collect::<Vec<_>>(),
            );
            let batch = (
                one.id[i].clone(),
                one.outcome[i],
                one.reason[i].clone(),
                one.missing[i].clone(),
            );
            if batch != single {
                mismatches.push(format!(
                    "{where_} row {i}: batch {batch:?}, single {single:?}"
                ));
            }
        }
        if mismatches.len() > 20 {
            break;
        }
    }
    mismatches.extend(two_threads_over_one_population(&cases, &import));
    assert!(
        mismatches.is_empty(),
        "{} mismatches (first 20):\n{}",
        mismatches.len(),
        mismatches[..mismatches.len().min(20)].join("\n")
    );
    println!("{triples} triples agree with the oracle, {batch_rows} of them also in batch");
    assert!(triples >= 1000);
}

/// Groups are too small to be split over threads (a range is at least 64 words), so every
/// group's people go into one population of about 85,000 rows; every eighth group's rule is
/// evaluated over all of it on one and on two threads. The results must be identical, and the
/// rows of the group's own people must still agree with the oracle.
fn two_threads_over_one_population(cases: &Cases, import: &ImportOptions) -> Vec<String> {
    println!(
        "parallel feature: {}",
        if cfg!(feature = "parallel") {
            "on (two threads)"
        } else {
            "off (one thread; run with --workspace or --features parallel)"
        }
    );
    let mut lines = String::new();
    let mut offsets = Vec::new();
    let mut rows = 0usize;
    for (g, group) in cases.groups.iter().enumerate() {
        offsets.push(rows);
        if group.single_only {
            continue;
        }
        for p in &group.people {
            let mut p = p.clone();
            p["id"] = format!("g{g}-{}", p["id"].as_str().unwrap()).into();
            lines.push_str(&format!("{p}\n"));
            rows += 1;
        }
    }
    let (pop, _) = Population::from_json_lines(lines.as_bytes(), import).unwrap();
    let mut mismatches = Vec::new();
    for (g, group) in cases.groups.iter().enumerate().step_by(8) {
        let rule = match &group.rule {
            Some(name) => RuleSet::parse(&group.source).unwrap().rule(name).unwrap(),
            None => Rule::parse(&group.source).unwrap(),
        };
        let context: Context = serde_json::from_value(group.context.clone()).unwrap();
        let plan = rule.plan_batch(&pop, &context, group.as_of);
        let one = plan.clone().with_threads(1).evaluate(&pop);
        let two = plan.with_threads(2).evaluate(&pop);
        if one != two {
            mismatches.push(format!(
                "seed {} group {g}: one and two threads differ over {rows} rows",
                cases.seed
            ));
        }
        if group.single_only {
            continue;
        }
        let two = BatchResult::from_evaluation(&pop, &two);
        for (i, want) in group.expect.iter().enumerate() {
            let row = offsets[g] + i;
            let mut missing = two.missing[row].clone();
            missing.sort();
            if two.outcome[row].as_str() != want.outcome || missing != want.missing {
                mismatches.push(format!(
                    "seed {} group {g} person {i} (two threads, row {row}): {} {:?}, oracle {} {:?}",
                    cases.seed, two.outcome[row].as_str(), missing, want.outcome, want.missing
                ));
            }
        }
    }
    mismatches
}
