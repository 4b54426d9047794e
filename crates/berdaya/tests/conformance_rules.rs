//! Runs the language-neutral rule vectors of `conformance/rules/*.json` through the public API.
//!
//! Evaluation vectors are matched on outcome, missing facts and deciding clauses (only the
//! fields a vector gives); diagnostic vectors on code, severity and position. Message text is
//! never compared. Every evaluation vector is also run through text → JSON → rule.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use berdaya::rules::{check, Context, Facts, Rule, RuleSet};
use chrono::NaiveDate;
use serde_json::Value;

fn is_file(src: &str) -> bool {
    src.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .is_some_and(|l| l.starts_with("rule "))
}

/// The source of a vector: `rules`, or `rules_repeat` (`prefix` + `text` × `times` + `suffix`)
/// for the limit vectors, which would otherwise be megabytes of JSON.
fn source(v: &Value) -> String {
    if let Some(r) = v.get("rules_repeat") {
        let mut s = r["prefix"].as_str().unwrap_or("").to_owned();
        s.push_str(
            &r["text"]
                .as_str()
                .unwrap()
                .repeat(r["times"].as_u64().unwrap() as usize),
        );
        s.push_str(r["suffix"].as_str().unwrap_or(""));
        return s;
    }
    v["rules"].as_str().unwrap_or_default().to_owned()
}

fn compile(v: &Value) -> Result<Rule, String> {
    let src = &source(v);
    if is_file(src) {
        let set = RuleSet::parse(src).map_err(|e| format!("{e}: {:?}", e.diagnostics()))?;
        let name = v["rule"]
            .as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| set.names().last().unwrap().to_string());
        set.rule(&name).ok_or_else(|| format!("no rule {name}"))
    } else {
        Rule::parse(src).map_err(|e| format!("{e}: {:?}", e.diagnostics()))
    }
}

fn subset(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e
            .iter()
            .all(|(k, ev)| a.get(k).is_some_and(|av| subset(ev, av))),
        _ => expected == actual,
    }
}

fn run_vector(v: &Value) -> Result<(), String> {
    let expect = &v["expect"];
    if let Some(diags) = expect.get("diagnostics") {
        let src = &source(v);
        let got = match v.get("rules_json") {
            Some(j) => match Rule::from_json(j.as_str().unwrap()) {
                Ok(r) => r.warnings().to_vec(),
                Err(e) => e.diagnostics().to_vec(),
            },
            None => check(src),
        };
        let got: Vec<Value> = got
            .iter()
            .map(|d| {
                let mut j = serde_json::to_value(d).unwrap();
                let span = j["span"].clone();
                for k in ["line", "column", "start", "end", "utf16_start", "utf16_end"] {
                    j[k] = span[k].clone();
                }
                assert!(!d.message.is_empty() && !d.message_id.is_empty());
                assert!(d.snippet.contains('^'));
                j
            })
            .collect();
        let want = diags.as_array().unwrap();
        if want.len() != got.len() || !want.iter().zip(&got).all(|(w, g)| subset(w, g)) {
            return Err(format!(
                "diagnostics: want {want:?}\n got {}",
                serde_json::to_string(&got).unwrap()
            ));
        }
        return Ok(());
    }
    let rule = compile(v)?;
    let facts: Facts = serde_json::from_value(v["facts"].clone()).map_err(|e| e.to_string())?;
    let context: Context = match v.get("context") {
        Some(c) => serde_json::from_value(c.clone()).map_err(|e| e.to_string())?,
        None => Context::default(),
    };
    let as_of = NaiveDate::parse_from_str(v["as_of"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    let d = rule.evaluate(&facts, &context, as_of);
    let got = serde_json::to_value(&d).unwrap();
    if got["outcome"] != expect["outcome"] {
        return Err(format!("outcome: want {} got {}", expect["outcome"], got));
    }
    let want_missing = expect
        .get("missing")
        .cloned()
        .unwrap_or(Value::Array(vec![]));
    if got["missing"] != want_missing {
        return Err(format!(
            "missing: want {want_missing} got {}",
            got["missing"]
        ));
    }
    if let Some(want) = expect.get("reasons") {
        let want = want.as_array().unwrap();
        let g = got["reasons"].as_array().unwrap();
        if want.len() != g.len() || !want.iter().zip(g).all(|(w, g)| subset(w, g)) {
            return Err(format!("reasons: want {want:?}\n got {}", got["reasons"]));
        }
    }
    // the JSON form decides the same
    let again = Rule::from_json(&rule.to_json()).map_err(|e| format!("from_json: {e}"))?;
    let d2 = again.evaluate(&facts, &context, as_of);
    if serde_json::to_value(&d2).unwrap()["outcome"] != got["outcome"]
        || d2.missing() != d.missing()
    {
        return Err("JSON form decides differently".into());
    }
    if again.to_text() != rule.to_text() || again.content_hash() != rule.content_hash() {
        return Err(format!(
            "text → JSON → text changed:\n{}\n{}",
            rule.to_text(),
            again.to_text()
        ));
    }
    Ok(())
}

#[test]
fn rule_vectors() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../conformance/rules");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut total = 0;
    let mut failures = Vec::new();
    let mut ids = std::collections::BTreeSet::new();
    for f in files {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        assert_eq!(doc["suite"], "rules", "{f:?}");
        for v in doc["vectors"].as_array().unwrap() {
            total += 1;
            let id = v["id"].as_str().unwrap().to_owned();
            assert!(ids.insert(id.clone()), "duplicate id {id}");
            if let Err(e) = run_vector(v) {
                failures.push(format!("{id}: {e}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(total >= 200, "only {total} vectors");
}
