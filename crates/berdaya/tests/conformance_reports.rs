//! Runs the language-neutral outcome, report and impact vectors (`conformance/outcomes.json`,
//! `conformance/reports.json`, `conformance/impact.json`) through the public Rust API.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use berdaya::enrollment::Enrollments;
use berdaya::impact::rule_change_impact;
use berdaya::outcome::{OutcomeKind, Outcomes};
use berdaya::population::{ImportOptions, Population};
use berdaya::registry::Registry;
use berdaya::report::{report, suppress, ReportOptions};
use berdaya::rules::{Context, Rule};
use berdaya::Coded;
use chrono::NaiveDate;
use serde_json::{json, Value};

fn load(name: &str) -> Value {
    let path = format!("{}/../../conformance/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn date(v: &Value) -> NaiveDate {
    v.as_str().unwrap().parse().unwrap()
}

fn registry(doc: &Value) -> Registry {
    Registry::from_json(&doc["registry"].to_string()).unwrap()
}

fn finish(failures: Vec<String>, n: usize) {
    assert!(
        failures.is_empty(),
        "{} of {n} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn outcome_vectors() {
    let doc = load("outcomes.json");
    let reg = registry(&doc);
    let ledger: Enrollments = serde_json::from_value(doc["enrollments"].clone()).unwrap();
    let vectors = doc["vectors"].as_array().unwrap();
    let mut failures = Vec::new();
    for v in vectors {
        let id = v["id"].as_str().unwrap();
        let mut out = Outcomes::new();
        let mut results = Vec::new();
        let mut malformed = None;
        for s in v["input"]["steps"].as_array().unwrap() {
            let kind: OutcomeKind = match serde_json::from_value(s["outcome"].clone()) {
                Ok(k) => k,
                Err(_) => {
                    malformed = Some("input.invalid");
                    break;
                }
            };
            let n = s["enrollment"].as_u64().unwrap() as u32;
            match out.record(&reg, &ledger, n, date(&s["on"]), kind) {
                Ok(id) => results.push(json!({"ok": id})),
                Err(e) => results.push(json!({"error": e.code()})),
            }
        }
        let got = match malformed {
            Some(code) => json!({"error": {"code": code}}),
            None => json!({"ok": {"results": results, "records": out.records}}),
        };
        if got != v["expect"] {
            failures.push(format!("{id}: got {got}, want {}", v["expect"]));
        }
    }
    finish(failures, vectors.len());
}

#[test]
fn report_vectors() {
    let doc = load("reports.json");
    let reg = registry(&doc);
    let vectors = doc["vectors"].as_array().unwrap();
    let mut failures = Vec::new();
    for v in vectors {
        let id = v["id"].as_str().unwrap();
        let input = &v["input"];
        let got = match input["op"].as_str().unwrap() {
            "suppress" => {
                let values: Vec<u64> = serde_json::from_value(input["values"].clone()).unwrap();
                let units: Vec<u64> = input.get("units").map_or_else(
                    || values.clone(),
                    |u| serde_json::from_value(u.clone()).unwrap(),
                );
                let lines: Vec<Vec<usize>> =
                    serde_json::from_value(input["lines"].clone()).unwrap();
                let min = input["min_cell"].as_u64().unwrap();
                json!({"hidden": suppress(&values, &units, &lines, min)})
            }
            "report" => {
                let pick = |k: &str| input.get(k).unwrap_or(&doc[k]).clone();
                let ledger: Enrollments = serde_json::from_value(pick("enrollments")).unwrap();
                let outcomes: Outcomes = serde_json::from_value(pick("outcomes")).unwrap();
                let opts = ReportOptions {
                    min_cell: input["min_cell"].as_u64().unwrap() as u32,
                    expiring_within_days: input["expiring_within_days"].as_u64().unwrap() as u32,
                };
                serde_json::to_value(report(
                    &reg,
                    &ledger,
                    &outcomes,
                    date(&input["as_of"]),
                    &opts,
                ))
                .unwrap()
            }
            other => panic!("{id}: unknown op {other}"),
        };
        if got != v["expect"]["ok"] {
            failures.push(format!("{id}: got {got}\nwant {}", v["expect"]["ok"]));
        }
    }
    finish(failures, vectors.len());
}

#[test]
fn impact_vectors() {
    let doc = load("impact.json");
    let vectors = doc["vectors"].as_array().unwrap();
    let mut failures = Vec::new();
    for v in vectors {
        let id = v["id"].as_str().unwrap();
        let input = &v["input"];
        let as_of = date(&input["as_of"]);
        let lines: Vec<String> = doc["population"]
            .as_array()
            .unwrap()
            .iter()
            .map(Value::to_string)
            .collect();
        let (pop, _) =
            Population::from_json_lines(lines.join("\n").as_bytes(), &ImportOptions::new(as_of))
                .unwrap();
        let before = Rule::parse(input["before"].as_str().unwrap()).unwrap();
        let after = Rule::parse(input["after"].as_str().unwrap()).unwrap();
        let got = serde_json::to_value(rule_change_impact(
            &before,
            &after,
            &pop,
            &Context::default(),
            as_of,
        ))
        .unwrap();
        if got != v["expect"]["ok"] {
            failures.push(format!("{id}: got {got}\nwant {}", v["expect"]["ok"]));
        }
    }
    finish(failures, vectors.len());
}
