//! Runs the language-neutral domain vectors (`conformance/domain_lifecycle.json` and
//! `conformance/domain_facts.json`) through the public Rust API.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use berdaya::agreement::{Agreement, AgreementData, AgreementKind, LifecycleEvent, Party};
use berdaya::beneficiary::{Beneficiary, BeneficiaryData};
use berdaya::ids::AgreementId;
use berdaya::period::Period;
use berdaya::Coded;
use chrono::NaiveDate;
use serde_json::{json, Value};

fn load(name: &str) -> Value {
    let path = format!("{}/../../conformance/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn date(v: &Value) -> NaiveDate {
    serde_json::from_value(v.clone()).unwrap()
}

fn default_parties() -> Vec<Party> {
    serde_json::from_value(json!([
        {"party": {"agency": "dinsos-jatim"}, "signatory": {"name": "Kepala Dinas", "position": "Kepala Dinas Sosial"}},
        {"party": {"partner": "mitra"}, "signatory": {"name": "Direktur", "position": "Direktur"}}
    ]))
    .unwrap()
}

fn agreement_data(id: &str, kind: AgreementKind, period: Period, input: &Value) -> AgreementData {
    AgreementData {
        id: AgreementId::new(id).unwrap(),
        kind,
        parent: None,
        title: "PERJANJIAN KERJA SAMA TENTANG UJI".into(),
        parties: input
            .get("parties")
            .map(|p| serde_json::from_value(p.clone()).unwrap())
            .unwrap_or_else(default_parties),
        clauses: Default::default(),
        commitments: input
            .get("commitments")
            .map(|c| serde_json::from_value(c.clone()).unwrap())
            .unwrap_or_default(),
        place: None,
        period,
        history: Vec::new(),
    }
}

fn period(v: &Value) -> Result<Period, String> {
    Period::new(date(&v["from"]), date(&v["until"])).map_err(|e| e.code().to_owned())
}

/// Runs one lifecycle vector: `Err((code, at))` for the first failure, else the agreement.
fn lifecycle(input: &Value) -> Result<Agreement, (String, Value)> {
    let p = period(&input["period"]).map_err(|c| (c, json!("new")))?;
    let mut data = agreement_data("pks-under-test", AgreementKind::Pks, p, input);
    if input.get("parent_period").is_some() {
        data.parent = Some(AgreementId::new("mou-parent").unwrap());
    }
    let mut a = Agreement::new(data).map_err(|e| (e.code().to_owned(), json!("new")))?;
    for (i, e) in input["history"].as_array().unwrap().iter().enumerate() {
        let e: LifecycleEvent = serde_json::from_value(e.clone()).unwrap();
        a.apply(e)
            .map_err(|err| (err.code().to_owned(), json!(i)))?;
    }
    if let Some(pp) = input.get("parent_period") {
        let pp = period(pp).unwrap();
        let parent = Agreement::new(agreement_data(
            "mou-parent",
            AgreementKind::Mou,
            pp,
            &json!({}),
        ))
        .unwrap();
        a.check_within_parent(&parent)
            .map_err(|e| (e.code().to_owned(), json!("parent")))?;
    }
    Ok(a)
}

fn check_ids(suite: &Value) -> usize {
    let vectors = suite["vectors"].as_array().unwrap();
    let ids: BTreeSet<&str> = vectors.iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), vectors.len(), "vector ids are unique");
    vectors.len()
}

#[test]
fn there_are_at_least_sixty_vectors() {
    let n = check_ids(&load("domain_lifecycle.json")) + check_ids(&load("domain_facts.json"));
    assert!(n >= 60, "{n} vectors");
}

#[test]
fn lifecycle_vectors() {
    let suite = load("domain_lifecycle.json");
    let mut failures = Vec::new();
    for v in suite["vectors"].as_array().unwrap() {
        let id = v["id"].as_str().unwrap();
        let expect = &v["expect"];
        match (lifecycle(&v["input"]), expect.get("error")) {
            (Err((code, at)), Some(want)) => {
                if want != code.as_str() || expect["at"] != at {
                    failures.push(format!(
                        "{id}: got error {code} at {at}, want {want} at {}",
                        expect["at"]
                    ));
                }
            }
            (Err((code, at)), None) => {
                failures.push(format!("{id}: unexpected error {code} at {at}"))
            }
            (Ok(_), Some(want)) => failures.push(format!("{id}: expected error {want}")),
            (Ok(a), None) => {
                let days = v["input"]["status_on"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                let got: Vec<Value> = days.iter().map(|d| json!(a.status_on(date(d)))).collect();
                if Value::Array(got.clone()) != expect["status"] {
                    failures.push(format!("{id}: got {got:?}, want {}", expect["status"]));
                }
                // the history round-trips through the wire form
                let back: Agreement =
                    serde_json::from_value(serde_json::to_value(&a).unwrap()).unwrap();
                assert_eq!(back, a, "{id}");
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn facts_vectors() {
    let suite = load("domain_facts.json");
    let mut failures = Vec::new();
    for v in suite["vectors"].as_array().unwrap() {
        let id = v["id"].as_str().unwrap();
        let expect = v["expect"].as_object().unwrap();
        let data: BeneficiaryData =
            serde_json::from_value(v["input"]["beneficiary"].clone()).unwrap();
        match (Beneficiary::new(data), expect.get("error")) {
            (Err(e), Some(want)) => {
                if want != e.code() {
                    failures.push(format!("{id}: got {}, want {want}", e.code()));
                }
            }
            (Err(e), None) => failures.push(format!("{id}: unexpected error {}", e.code())),
            (Ok(_), Some(want)) => failures.push(format!("{id}: expected error {want}")),
            (Ok(b), None) => {
                let facts = serde_json::to_value(b.derived(date(&v["input"]["as_of"]))).unwrap();
                for (key, want) in expect {
                    if &facts[key] != want {
                        failures.push(format!("{id}: {key} = {}, want {want}", facts[key]));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
