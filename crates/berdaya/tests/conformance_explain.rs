//! Runs `conformance/explain.json` through the public Rust API: each explanation is matched on
//! its structure (the kind, clause, rule and facts of every sentence, in order) and on key
//! phrases per language (substrings of each sentence), never on the whole text.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use berdaya::rules::{Context, Facts, Form, Lang, Rule, RuleSet};
use berdaya::Coded;
use chrono::NaiveDate;
use serde_json::Value;

fn is_file(src: &str) -> bool {
    src.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .is_some_and(|l| l.starts_with("rule "))
}

fn compile(input: &Value) -> Rule {
    let src = input["rules"].as_str().unwrap();
    if is_file(src) {
        let set = RuleSet::parse(src).unwrap();
        let name = input["rule"]
            .as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| set.names().last().unwrap().to_string());
        set.rule(&name).unwrap()
    } else {
        Rule::parse(src).unwrap()
    }
}

/// The problems of one vector (empty when it passes).
fn run(v: &Value) -> Vec<String> {
    let input = &v["input"];
    let lang = input["lang"].as_str().unwrap().parse::<Lang>();
    let form = input["form"].as_str().unwrap().parse::<Form>();
    let (lang, form) = match (lang, form, v["expect"].get("error")) {
        (Ok(l), Ok(f), None) => (l, f),
        (Err(e), _, Some(want)) | (Ok(_), Err(e), Some(want)) => {
            let r = e.report(None);
            let ok =
                want["code"] == r.code.as_str() && want["field"].as_str() == r.field.as_deref();
            return if ok {
                vec![]
            } else {
                vec![format!("got {} ({:?}), want {want}", r.code, r.field)]
            };
        }
        (Ok(_), Ok(_), Some(want)) => return vec![format!("expected error {want}")],
        (Err(e), _, None) | (_, Err(e), None) => return vec![format!("unexpected error {e}")],
    };
    let rule = compile(input);
    let facts: Facts = serde_json::from_value(input["facts"].clone()).unwrap();
    let context: Context = input
        .get("context")
        .map(|c| serde_json::from_value(c.clone()).unwrap())
        .unwrap_or_default();
    let as_of: NaiveDate = input["as_of"].as_str().unwrap().parse().unwrap();
    let e = rule.evaluate(&facts, &context, as_of).explain(lang, form);
    check(
        &v["expect"]["ok"],
        &serde_json::to_value(&e).unwrap(),
        &e.to_string(),
    )
}

/// Matches an explanation (wire form) against `want`; shared shape with the Python and JS runners.
fn check(want: &Value, got: &Value, text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if want["outcome"] != got["outcome"] {
        problems.push(format!("outcome {} != {}", got["outcome"], want["outcome"]));
    }
    let ws = want["sentences"].as_array().unwrap();
    let gs = got["sentences"].as_array().unwrap();
    if ws.len() != gs.len() {
        problems.push(format!("{} sentences, want {}: {text}", gs.len(), ws.len()));
        return problems;
    }
    for (i, (w, g)) in ws.iter().zip(gs).enumerate() {
        for key in ["kind", "facts", "clause", "rule"] {
            if let Some(wv) = w.get(key) {
                if g.get(key).unwrap_or(&Value::Null) != wv {
                    problems.push(format!("sentence {i}: {key} {:?} != {wv}", g.get(key)));
                }
            }
        }
        let t = g["text"].as_str().unwrap();
        for c in w["contains"].as_array().unwrap() {
            if !t.contains(c.as_str().unwrap()) {
                problems.push(format!("sentence {i}: {t:?} lacks {c}"));
            }
        }
    }
    let sep = if got["form"] == "short" { " " } else { "\n" };
    let joined: Vec<&str> = gs.iter().map(|s| s["text"].as_str().unwrap()).collect();
    if joined.join(sep) != text || got["text"] != text {
        problems.push("text is not the sentences joined".to_owned());
    }
    problems
}

#[test]
fn explanation_vectors() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../conformance/explain.json"
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(doc["suite"], "explain");
    let vectors = doc["vectors"].as_array().unwrap();
    assert!(vectors.len() >= 40);
    let failures: Vec<String> = vectors
        .iter()
        .flat_map(|v| {
            let id = v["id"].as_str().unwrap().to_owned();
            run(v).into_iter().map(move |p| format!("{id}: {p}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
