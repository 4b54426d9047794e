//! Runs the language-neutral allocation and enrollment vectors
//! (`conformance/allocation.json`, `conformance/enrollment.json`) through the public Rust API.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use berdaya::allocation::{
    allocate, Allocation, AllocationRequest, CommitmentRef, EligibilityDecision,
};
use berdaya::beneficiary::Beneficiary;
use berdaya::enrollment::Enrollments;
use berdaya::ids::BeneficiaryId;
use berdaya::registry::Registry;
use berdaya::Coded;
use chrono::NaiveDate;
use serde_json::{json, Map, Value};

fn load(name: &str) -> Value {
    let path = format!("{}/../../conformance/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn vectors(doc: &Value) -> &Vec<Value> {
    doc["vectors"].as_array().expect("vectors")
}

fn error_matches(want: &Value, e: &impl Coded) -> Result<(), String> {
    let r = e.report(None);
    if want["code"] != json!(r.code) {
        return Err(format!("expected error {}, got {}", want["code"], r.code));
    }
    if let Some(f) = want.get("field") {
        if *f != json!(r.field) {
            return Err(format!("expected field {f}, got {:?}", r.field));
        }
    }
    Ok(())
}

/// `expected` is a subset of `actual`: objects compared on the keys of `expected`.
fn subset(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e
            .iter()
            .all(|(k, v)| subset(v, a.get(k).unwrap_or(&Value::Null))),
        _ => expected == actual,
    }
}

fn key(o: &Value) -> String {
    format!(
        "{}/{}",
        o["agreement"].as_str().unwrap(),
        o["commitment"].as_str().unwrap()
    )
}

fn check_allocation(want: &Map<String, Value>, out: &Allocation) -> Vec<String> {
    let got = serde_json::to_value(out).unwrap();
    let mut problems = Vec::new();
    let by_commitment = |field: &str| -> Value {
        let mut m = Map::new();
        for c in got["commitments"].as_array().unwrap() {
            m.insert(key(c), c[field].clone());
        }
        Value::Object(m)
    };
    let placed = by_commitment("placed");
    let waitlist = by_commitment("waitlist");
    let applicants = by_commitment("applicants");
    let mut unplaced = Map::new();
    for u in got["unplaced"].as_array().unwrap() {
        let reasons: Vec<Value> = u["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                json!({"commitment": key(r), "rank": r["rank"], "of": r["of"],
                       "places": r["places"], "waitlist_position": r["waitlist_position"]})
            })
            .collect();
        unplaced.insert(
            u["beneficiary"].as_str().unwrap().to_owned(),
            json!(reasons),
        );
    }
    let mut placements: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for p in got["placements"].as_array().unwrap() {
        let mut p = p.clone();
        p["commitment"] = json!(key(&p));
        placements
            .entry(p["beneficiary"].as_str().unwrap().to_owned())
            .or_default()
            .push(p);
    }
    for (k, w) in want {
        let ok = match k.as_str() {
            "mode" => *w == got["mode"],
            "placed" => subset(w, &placed),
            "waitlist" => subset(w, &waitlist),
            "applicants" => subset(w, &applicants),
            "unplaced" => *w == Value::Object(unplaced.clone()),
            "needs_information" => *w == got["needs_information"],
            "priority_facts" => *w == got["priority_facts"],
            "placements" => w.as_object().unwrap().iter().all(|(id, list)| {
                let have = placements.get(id).cloned().unwrap_or_default();
                let list = list.as_array().unwrap();
                list.len() == have.len() && list.iter().zip(&have).all(|(e, a)| subset(e, a))
            }),
            other => {
                problems.push(format!("unknown expect key {other}"));
                true
            }
        };
        if !ok {
            problems.push(format!("{k}: expected {w}, got {got}"));
        }
    }
    problems
}

#[test]
fn allocation_vectors() {
    let doc = load("allocation.json");
    assert_eq!(doc["suite"], "allocation");
    let mut failures = Vec::new();
    for v in vectors(&doc) {
        let id = v["id"].as_str().unwrap();
        assert!(id.starts_with("allocation-"), "{id}");
        let req: AllocationRequest = match serde_json::from_value(v["input"].clone()) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{id}: bad input: {e}"));
                continue;
            }
        };
        let expect = v["expect"].as_object().unwrap();
        let problems = match (allocate(&req), expect.get("ok"), expect.get("error")) {
            (Ok(out), Some(ok), None) => check_allocation(ok.as_object().unwrap(), &out),
            (Err(e), None, Some(want)) => error_matches(want, &e).err().into_iter().collect(),
            (Ok(_), _, Some(want)) => vec![format!("expected error {want}, got ok")],
            (Err(e), _, _) => vec![format!("expected ok, got {}: {e}", e.code())],
            _ => vec!["expect needs one of ok, error".into()],
        };
        failures.extend(problems.into_iter().map(|p| format!("{id}: {p}")));
    }
    assert!(vectors(&doc).len() >= 30);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn registry(input: &Value) -> Registry {
    let mut history = vec![
        json!({"on": "2020-08-01", "event": "negotiated"}),
        json!({"on": "2020-08-02", "event": "approved"}),
        json!({"on": "2020-09-09", "event": "signed"}),
    ];
    history.extend(input["history"].as_array().cloned().unwrap_or_default());
    let snapshot = json!({
        "schema_version": 1,
        "agencies": [{"id": "dinsos-jatim", "name": "Dinas Sosial", "level": "province", "region": "35"}],
        "partners": [{"id": "mitra", "name": "Mitra", "kind": "business", "ownership": "private", "region": "35.78"}],
        "agreements": [{
            "id": "pks-a", "kind": "pks", "title": "PKS TENTANG UJI",
            "parties": [
                {"party": {"agency": "dinsos-jatim"}, "signatory": {"name": "A", "position": "Kepala Dinas"}},
                {"party": {"partner": "mitra"}, "signatory": {"name": "B", "position": "Direktur"}}],
            "commitments": input["commitments"],
            "period": {"from": "2020-09-09", "until": "2022-09-08"},
            "history": history
        }],
        "beneficiaries": (1..=9).map(|i| json!({"id": format!("pm-{i}"), "registered_on": "2020-01-01"})).collect::<Vec<_>>()
    });
    Registry::from_json(&snapshot.to_string()).unwrap()
}

/// Dated decisions per beneficiary; the last one in force applies; default eligible.
struct Table(BTreeMap<String, Vec<(Option<NaiveDate>, EligibilityDecision)>>);

impl berdaya::allocation::Eligibility for Table {
    fn decide(&self, b: &Beneficiary, _c: &CommitmentRef, on: NaiveDate) -> EligibilityDecision {
        self.0
            .get(b.id().as_str())
            .and_then(|ds| {
                ds.iter()
                    .rev()
                    .find(|(from, _)| from.is_none_or(|f| f <= on))
            })
            .map_or_else(EligibilityDecision::eligible, |(_, d)| d.clone())
    }
}

fn table(input: &Value) -> Table {
    let mut t = BTreeMap::new();
    for (id, ds) in input["eligibility"]
        .as_object()
        .cloned()
        .unwrap_or_default()
    {
        let ds = ds
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let mut d = d.clone();
                let from = d
                    .as_object_mut()
                    .unwrap()
                    .remove("from")
                    .map(|f| serde_json::from_value(f).unwrap());
                (from, serde_json::from_value(d).unwrap())
            })
            .collect();
        t.insert(id, ds);
    }
    Table(t)
}

fn run_step(
    l: &mut Enrollments,
    reg: &Registry,
    t: &Table,
    s: &Value,
) -> Result<Value, berdaya::EnrollmentError> {
    let date = |k: &str| -> NaiveDate { serde_json::from_value(s[k].clone()).unwrap() };
    let b = || BeneficiaryId::new(s["beneficiary"].as_str().unwrap()).unwrap();
    let c = || -> CommitmentRef {
        serde_json::from_value(json!({"agreement": "pks-a", "commitment": s["commitment"]}))
            .unwrap()
    };
    let n = || u32::try_from(s["enrollment"].as_u64().unwrap()).unwrap();
    Ok(match s["op"].as_str().unwrap() {
        "enrol" => json!({"enrollment": l.enrol(reg, t, &b(), &c(), date("on"))?}),
        "enrol_or_wait" => {
            serde_json::to_value(l.enrol_or_wait(reg, t, &b(), &c(), date("on"))?).unwrap()
        }
        "activate" => {
            l.activate(n(), date("on"))?;
            Value::Null
        }
        "complete" => json!({"offers": l.complete(reg, t, n(), date("on"), None)?}),
        "drop_out" => {
            json!({"offers": l.drop_out(reg, t, n(), date("on"), s["reason"].as_str().unwrap())?})
        }
        "leave_waitlist" => {
            l.leave_waitlist(&b(), &c())?;
            Value::Null
        }
        op => panic!("unknown op {op}"),
    })
}

#[test]
fn enrollment_vectors() {
    let doc = load("enrollment.json");
    assert_eq!(doc["suite"], "enrollment");
    let mut failures = Vec::new();
    for v in vectors(&doc) {
        let id = v["id"].as_str().unwrap();
        assert!(id.starts_with("enrollment-"), "{id}");
        let input = &v["input"];
        let reg = registry(input);
        let t = table(input);
        let mut l = Enrollments::new();
        let want = &v["expect"];
        let results = want["results"].as_array().unwrap();
        let steps = input["steps"].as_array().unwrap();
        assert_eq!(results.len(), steps.len(), "{id}: one result per step");
        for (i, (s, r)) in steps.iter().zip(results).enumerate() {
            let problem = match (run_step(&mut l, &reg, &t, s), r.get("ok"), r.get("error")) {
                (Ok(got), Some(ok), None) => {
                    (got != *ok).then(|| format!("expected ok {ok}, got {got}"))
                }
                (Err(e), None, Some(err)) => error_matches(err, &e).err(),
                (Ok(got), _, _) => Some(format!("expected {r}, got ok {got}")),
                (Err(e), _, _) => Some(format!("expected {r}, got error {}", e.code())),
            };
            if let Some(p) = problem {
                failures.push(format!("{id}: step {i}: {p}"));
            }
        }
        if let Some(w) = want.get("waitlist") {
            let jobs: CommitmentRef =
                serde_json::from_value(json!({"agreement": "pks-a", "commitment": "jobs"}))
                    .unwrap();
            let got: Vec<&str> = l
                .waitlist(&jobs)
                .iter()
                .map(|e| e.beneficiary.as_str())
                .collect();
            if *w != json!(got) {
                failures.push(format!("{id}: waitlist: expected {w}, got {got:?}"));
            }
        }
        if let Some(w) = want.get("states") {
            let got: Map<String, Value> = l
                .enrollments
                .iter()
                .map(|e| (e.id.to_string(), json!(e.state)))
                .collect();
            if *w != Value::Object(got.clone()) {
                failures.push(format!("{id}: states: expected {w}, got {got:?}"));
            }
        }
        if let Some(w) = want.get("needs_information") {
            let got: Vec<Value> = l
                .needs_information
                .iter()
                .map(|n| json!({"beneficiary": n.beneficiary, "commitment": n.target.commitment, "missing": n.missing}))
                .collect();
            if *w != json!(got) {
                failures.push(format!(
                    "{id}: needs_information: expected {w}, got {got:?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
