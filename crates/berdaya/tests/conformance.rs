//! Runs the language-neutral vectors of `conformance/` through the public Rust API.
//!
//! Every `*.json` file there is one suite (see `conformance/README.md`). All failures are
//! collected and reported together, by vector id, so one run shows every disagreement.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use berdaya::{pseudonymize, Coded, ErrorReport, Nik, RegionCode, RegionInfo};
use chrono::NaiveDate;
use serde_json::{json, Map, Value};

#[path = "conformance_runners/receipts.rs"]
mod receipts;

/// The outcome of one vector, in the wire shape of `expect`.
type Outcome = Result<Value, ErrorReport>;

/// Runs one vector's `input`; `Err(String)` means the input itself is malformed.
type Runner = fn(&Map<String, Value>) -> Result<Outcome, String>;

/// A known suite: its runner and the fewest vectors its file may hold, so that a file that is
/// emptied or deleted fails the test instead of passing vacuously.
struct Suite {
    name: &'static str,
    min_vectors: usize,
    /// `None`: the suite's vectors have their own shape and are checked by the named test
    /// file (`tests/conformance_<suite>.rs`); here only their presence and count are checked.
    run: Option<Runner>,
}

/// Adding a suite is one line here (plus its runner).
const SUITES: &[Suite] = &[
    Suite {
        name: "nik",
        min_vectors: 80,
        run: Some(run_nik),
    },
    Suite {
        name: "region",
        min_vectors: 60,
        run: Some(run_region),
    },
    Suite {
        name: "pseudonym",
        min_vectors: 8,
        run: Some(run_pseudonym),
    },
    // Checked vector by vector in tests/conformance_domain.rs.
    Suite {
        name: "domain_lifecycle",
        min_vectors: 50,
        run: None,
    },
    Suite {
        name: "domain_facts",
        min_vectors: 40,
        run: None,
    },
    // Checked vector by vector in tests/conformance_allocation.rs.
    Suite {
        name: "allocation",
        min_vectors: 30,
        run: None,
    },
    Suite {
        name: "enrollment",
        min_vectors: 30,
        run: None,
    },
    Suite {
        name: "counterfactual",
        min_vectors: 40,
        run: Some(run_counterfactual),
    },
    Suite {
        name: "versions",
        min_vectors: 30,
        run: Some(run_versions),
    },
    // Checked vector by vector in tests/conformance_reports.rs.
    Suite {
        name: "outcomes",
        min_vectors: 10,
        run: None,
    },
    Suite {
        name: "reports",
        min_vectors: 20,
        run: None,
    },
    Suite {
        name: "impact",
        min_vectors: 6,
        run: None,
    },
    Suite {
        name: "receipts",
        min_vectors: 20,
        run: Some(receipts::run_receipts),
    },
    Suite {
        name: "replay",
        min_vectors: 12,
        run: Some(receipts::run_replay),
    },
    Suite {
        name: "erasure",
        min_vectors: 5,
        run: Some(receipts::run_erasure),
    },
    // Checked vector by vector in tests/conformance_explain.rs.
    Suite {
        name: "explain",
        min_vectors: 40,
        run: None,
    },
];

fn str_field<'a>(input: &'a Map<String, Value>, key: &str) -> Result<&'a str, String> {
    input
        .get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("input.{key} must be a string"))
}

fn date_field(input: &Map<String, Value>, key: &str) -> Result<NaiveDate, String> {
    let s = str_field(input, key)?;
    s.parse::<NaiveDate>()
        .map_err(|e| format!("input.{key} {s:?} is not a YYYY-MM-DD date: {e}"))
}

fn to_value<T: serde::Serialize>(v: &T) -> Result<Value, String> {
    serde_json::to_value(v).map_err(|e| format!("cannot serialise the result: {e}"))
}

fn run_nik(input: &Map<String, Value>) -> Result<Outcome, String> {
    let nik = str_field(input, "nik")?;
    let as_of = date_field(input, "reference_date")?;
    Ok(match Nik::parse(nik, as_of) {
        Ok(n) => Ok(to_value(&n.info())?),
        Err(e) => Err(e.report(Some(nik))),
    })
}

fn run_region(input: &Map<String, Value>) -> Result<Outcome, String> {
    let code = str_field(input, "code")?;
    Ok(match RegionCode::parse(code) {
        Ok(r) => Ok(to_value(&RegionInfo::from(&r))?),
        Err(e) => Err(e.report(Some(code))),
    })
}

fn run_pseudonym(input: &Map<String, Value>) -> Result<Outcome, String> {
    let nik = str_field(input, "nik")?;
    let as_of = date_field(input, "reference_date")?;
    let key = str_field(input, "key_utf8")?;
    let nik = match Nik::parse(nik, as_of) {
        Ok(n) => n,
        Err(e) => return Ok(Err(e.report(Some(nik)))),
    };
    Ok(match pseudonymize(&nik, key.as_bytes()) {
        Ok(p) => Ok(json!({ "pseudonym": p })),
        Err(e) => Err(e.report(None)),
    })
}

fn rule_input(input: &Map<String, Value>) -> Result<berdaya::rules::Rule, String> {
    use berdaya::rules::{Rule, RuleSet};
    let src = str_field(input, "rules")?;
    match input.get("rule").and_then(Value::as_str) {
        Some(name) => RuleSet::parse(src)
            .map_err(|e| format!("rules do not compile: {e}"))?
            .rule(name)
            .ok_or_else(|| format!("no rule {name}")),
        None => Rule::parse(src).map_err(|e| format!("rule does not compile: {e}")),
    }
}

fn parsed<T: serde::de::DeserializeOwned>(
    input: &Map<String, Value>,
    key: &str,
) -> Result<T, String> {
    serde_json::from_value(input.get(key).cloned().unwrap_or(json!({})))
        .map_err(|e| format!("input.{key}: {e}"))
}

/// `counterfactual`: `Rule::eligible_from` (and `settling_facts` when `settle`).
fn run_counterfactual(input: &Map<String, Value>) -> Result<Outcome, String> {
    use berdaya::rules::{Context, ContextTimeline, Facts};
    let rule = rule_input(input)?;
    let facts: Facts = parsed(input, "facts")?;
    let timeline: ContextTimeline = parsed(input, "context")?;
    let as_of = date_field(input, "as_of")?;
    let mut out = to_value(&rule.eligible_from(&facts, &timeline, as_of).report(as_of))?;
    if input.get("settle") == Some(&Value::Bool(true)) {
        let context: Context = parsed(input, "context")?;
        let s = to_value(&rule.settling_facts(&facts, &context, as_of))?;
        if let Some(o) = out.as_object_mut() {
            o.insert("settling".into(), s);
        }
    }
    Ok(Ok(out))
}

/// `versions`: `VersionedRuleSet` — `op` is `check`, `evaluate` or `eligible_from`.
fn run_versions(input: &Map<String, Value>) -> Result<Outcome, String> {
    use berdaya::rules::{Context, ContextTimeline, Facts, VersionedRuleSet};
    let src = str_field(input, "rules")?;
    let diag = |d: &berdaya::rules::Diagnostic| json!([d.code, d.span.line, d.span.column]);
    let set = match VersionedRuleSet::parse(src) {
        Ok(set) => set,
        Err(e) => {
            return Ok(Ok(
                json!({"diagnostics": e.diagnostics().iter().map(diag).collect::<Vec<_>>()}),
            ))
        }
    };
    let op = str_field(input, "op")?;
    if op == "check" {
        let mut versions = Map::new();
        let mut gaps = Map::new();
        for name in set.names() {
            let v = set.versions(name);
            if !v.is_empty() {
                versions.insert(name.into(), to_value(&v)?);
                gaps.insert(name.into(), to_value(&set.gaps(name))?);
            }
        }
        return Ok(Ok(json!({
            "warnings": set.warnings().iter().map(diag).collect::<Vec<_>>(),
            "versions": versions,
            "gaps": gaps,
        })));
    }
    let reference = str_field(input, "reference")?;
    let facts: Facts = parsed(input, "facts")?;
    let as_of = date_field(input, "as_of")?;
    match op {
        "evaluate" => {
            let context: Context = parsed(input, "context")?;
            Ok(match set.evaluate(reference, &facts, &context, as_of) {
                Ok(v) => Ok(
                    json!({"outcome": v.decision.outcome().as_str(), "version": to_value(&v.version)?}),
                ),
                Err(e) => Err(e.report(None)),
            })
        }
        "eligible_from" => {
            let timeline: ContextTimeline = parsed(input, "context")?;
            Ok(
                match set.eligible_from(reference, &facts, &timeline, as_of) {
                    Ok(v) => Ok(to_value(&v.report(as_of))?),
                    Err(e) => Err(e.report(None)),
                },
            )
        }
        other => Err(format!("unknown op {other:?}")),
    }
}

/// Compares an actual error report with an expected `error` object (README: present keys must
/// match, `null` means absent, missing keys are not checked).
fn match_error(expected: &Value, actual: &ErrorReport) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(exp) = expected.as_object() else {
        return vec!["expect.error must be an object".to_owned()];
    };
    for key in exp.keys() {
        if !["code", "field", "span"].contains(&key.as_str()) {
            problems.push(format!("expect.error has an unknown key {key:?}"));
        }
    }
    match exp.get("code").and_then(Value::as_str) {
        Some(code) if code == actual.code => {}
        Some(code) => problems.push(format!("code: expected {code:?}, got {:?}", actual.code)),
        None => problems.push("expect.error.code must be a string".to_owned()),
    }
    match exp.get("field") {
        None => {}
        Some(Value::Null) if actual.field.is_none() => {}
        Some(Value::String(f)) if actual.field.as_deref() == Some(f.as_str()) => {}
        Some(f) => problems.push(format!("field: expected {f}, got {:?}", actual.field)),
    }
    match exp.get("span") {
        None => {}
        Some(Value::Null) if actual.span.is_none() => {}
        Some(s) => {
            let want = (
                s.get("start").and_then(Value::as_u64),
                s.get("end").and_then(Value::as_u64),
            );
            let got = actual.span.map(|sp| (sp.start as u64, sp.end as u64));
            match (want, got) {
                ((Some(ws), Some(we)), Some(g)) if (ws, we) == g => {}
                ((Some(_), Some(_)), _) => {
                    problems.push(format!("span: expected {s}, got {got:?}"));
                }
                _ => problems.push(format!("expect.error.span {s} needs start and end")),
            }
        }
    }
    problems
}

/// Checks one vector; returns its problems (empty when it passes).
fn check_vector(suite: &Suite, vector: &Value) -> Vec<String> {
    let Some(input) = vector.get("input").and_then(Value::as_object) else {
        return vec!["input must be an object".to_owned()];
    };
    let Some(expect) = vector.get("expect").and_then(Value::as_object) else {
        return vec!["expect must be an object".to_owned()];
    };
    let Some(run) = suite.run else {
        return vec![];
    };
    let outcome = match run(input) {
        Ok(o) => o,
        Err(e) => return vec![e],
    };
    let keys: Vec<&str> = expect.keys().map(String::as_str).collect();
    match (keys.as_slice(), outcome) {
        (["ok"], Ok(actual)) => {
            let want = expect.get("ok").cloned().unwrap_or(Value::Null);
            if want == actual {
                vec![]
            } else {
                vec![format!("expected ok {want}, got ok {actual}")]
            }
        }
        (["ok"], Err(report)) => vec![format!(
            "expected ok, got error {} (field {:?}, span {:?})",
            report.code,
            report.field,
            report.span.map(|s| s.start..s.end)
        )],
        (["error"], Ok(actual)) => vec![format!("expected an error, got ok {actual}")],
        (["error"], Err(report)) => {
            match_error(expect.get("error").unwrap_or(&Value::Null), &report)
        }
        _ => vec![format!(
            "expect must have exactly one key, `ok` or `error`; has {keys:?}"
        )],
    }
}

fn conformance_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../conformance")
}

/// Running totals over all files.
#[derive(Default)]
struct Tally {
    failures: Vec<String>,
    counts: BTreeMap<&'static str, usize>,
    seen_ids: BTreeSet<String>,
}

/// Checks one parsed file; unknown suites are failures, never skipped.
fn check_document(file: &str, doc: &Value, tally: &mut Tally) {
    let name = doc.get("suite").and_then(Value::as_str).unwrap_or("");
    let Some(suite) = SUITES.iter().find(|s| s.name == name) else {
        tally.failures.push(format!(
            "{file}: unknown suite {name:?}; add it to SUITES in tests/conformance.rs"
        ));
        return;
    };
    let Some(vectors) = doc.get("vectors").and_then(Value::as_array) else {
        tally
            .failures
            .push(format!("{file}: `vectors` must be an array"));
        return;
    };
    for (i, vector) in vectors.iter().enumerate() {
        let id = vector
            .get("id")
            .and_then(Value::as_str)
            .map_or_else(|| format!("{file}#{i} (no id)"), str::to_owned);
        let mut problems = Vec::new();
        if !id.starts_with(&format!("{}-", suite.name)) {
            problems.push(format!("id does not start with `{}-`", suite.name));
        }
        if !tally.seen_ids.insert(id.clone()) {
            problems.push("duplicate id".to_owned());
        }
        problems.extend(check_vector(suite, vector));
        tally
            .failures
            .extend(problems.into_iter().map(|p| format!("{file}: {id}: {p}")));
    }
    *tally.counts.entry(suite.name).or_default() += vectors.len();
}

#[test]
fn conformance_vectors() {
    let dir = conformance_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();

    let mut tally = Tally::default();
    for path in &files {
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let doc = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|t| serde_json::from_str::<Value>(&t).map_err(|e| format!("not JSON: {e}")));
        match doc {
            Ok(doc) => check_document(&file, &doc, &mut tally),
            Err(e) => tally.failures.push(format!("{file}: {e}")),
        }
    }

    for suite in SUITES {
        let n = tally.counts.get(suite.name).copied().unwrap_or(0);
        if n < suite.min_vectors {
            tally.failures.push(format!(
                "suite {:?}: {n} vectors, at least {} expected (was a file removed?)",
                suite.name, suite.min_vectors
            ));
        }
    }

    assert!(
        tally.failures.is_empty(),
        "{} conformance failure(s) over {} file(s) ({:?}):\n  {}",
        tally.failures.len(),
        files.len(),
        tally.counts,
        tally.failures.join("\n  ")
    );
    eprintln!("conformance: {:?}", tally.counts);
}

/// The dispatcher fails unknown suites and reports every failing vector, not just the first.
#[test]
fn unknown_suites_and_wrong_vectors_fail() {
    let mut tally = Tally::default();
    check_document(
        "x.json",
        &json!({"suite": "dates", "vectors": []}),
        &mut tally,
    );
    assert_eq!(tally.failures.len(), 1, "{:?}", tally.failures);
    assert!(tally.failures[0].contains("unknown suite"));

    let wrong = json!({"suite": "nik", "vectors": [
        {"id": "nik-a", "input": {"nik": "3514140711950000", "reference_date": "2020-09-09"},
         "expect": {"error": {"code": "nik.zero_serial", "field": "serial",
                              "span": {"start": 12, "end": 15}}}},
        {"id": "nik-b", "input": {"nik": "3514140711950002", "reference_date": "2020-09-09"},
         "expect": {"error": {"code": "nik.zero_serial"}}},
        {"id": "nik-a", "input": {"nik": "3514140711950002", "reference_date": "2020-09-09"},
         "expect": {"ok": {"serial": 2}}}
    ]});
    let mut tally = Tally::default();
    check_document("y.json", &wrong, &mut tally);
    let ids: Vec<_> = tally
        .failures
        .iter()
        .map(|f| f.split(": ").nth(1))
        .collect();
    assert_eq!(
        ids,
        [Some("nik-a"), Some("nik-b"), Some("nik-a"), Some("nik-a")],
        "{:?}",
        tally.failures
    );
}
