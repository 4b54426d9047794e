//! Runners of the `receipts`, `replay` and `erasure` suites (conformance/oracle/receipts.py).
#![allow(clippy::result_large_err, clippy::indexing_slicing)]

use berdaya::allocation::{CommitmentRef, RuleEligibility};
use berdaya::receipt::{Receipt, ReceiptKey};
use berdaya::rules::{Context, Facts};
use berdaya::{BeneficiaryId, Coded, Enrollments};
use serde_json::{json, Map, Value};

use super::{date_field, parsed, rule_input, str_field, to_value, Outcome};

fn key(input: &Map<String, Value>) -> Result<Result<ReceiptKey, Outcome>, String> {
    let k = str_field(input, "key_utf8")?;
    Ok(ReceiptKey::new(k.as_bytes()).map_err(|e| Err(e.report(None))))
}

fn issue(input: &Map<String, Value>) -> Result<Result<Receipt, Outcome>, String> {
    let rule = rule_input(input)?;
    let facts: Facts = parsed(input, "facts")?;
    let context: Context = parsed(input, "context")?;
    let as_of = date_field(input, "as_of")?;
    let subject = BeneficiaryId::new(str_field(input, "subject")?).map_err(|e| e.to_string())?;
    let version = input.get("version").and_then(Value::as_str);
    let key = match key(input)? {
        Ok(k) => k,
        Err(o) => return Ok(Err(o)),
    };
    Ok(Ok(Receipt::for_rule(
        &rule, version, &facts, &context, as_of, &subject, &key,
    )))
}

/// `receipts`: `Receipt::for_rule`.
pub fn run_receipts(input: &Map<String, Value>) -> Result<Outcome, String> {
    let r = match issue(input)? {
        Ok(r) => r,
        Err(o) => return Ok(o),
    };
    let mut out = json!({
        "outcome": r.outcome,
        "rule_hash": r.rule.as_ref().map(|s| s.content_hash.clone()),
        "key_id": r.key_id,
        "facts": r.facts,
        "input_digest": r.input_digest,
    });
    if !r.missing.is_empty() {
        out["missing"] = json!(r.missing);
    }
    Ok(Ok(out))
}

/// `replay`: the receipt through its JSON, then `replay_facts` with `then`.
pub fn run_replay(input: &Map<String, Value>) -> Result<Outcome, String> {
    let r = match issue(input)? {
        Ok(r) => r,
        Err(o) => return Ok(o),
    };
    let r = Receipt::from_json(&r.to_json()).map_err(|e| e.to_string())?;
    let mut then = input.clone();
    if let Some(Value::Object(t)) = input.get("then") {
        then.extend(t.clone());
    }
    let rule = rule_input(&then)?;
    let facts: Facts = parsed(&then, "facts")?;
    let context: Context = parsed(&then, "context")?;
    let key = match key(&then)? {
        Ok(k) => k,
        Err(o) => return Ok(o),
    };
    Ok(match r.replay_facts(&rule, &facts, &context, &key) {
        Ok(x) => Ok(to_value(&x)?),
        Err(e) => Err(e.report(None)),
    })
}

/// `erasure`: a receipt on the East Java sample, erasure, replay against the registry.
pub fn run_erasure(input: &Map<String, Value>) -> Result<Outcome, String> {
    if str_field(input, "registry")? != "east_java_2020" {
        return Err("only the east_java_2020 registry is known".into());
    }
    let mut reg = berdaya::scenario::east_java_2020().map_err(|e| e.to_string())?;
    let rules = RuleEligibility::from_registry(&reg).map_err(|e| e.to_string())?;
    let key = match key(input)? {
        Ok(k) => k,
        Err(o) => return Ok(o),
    };
    let who = BeneficiaryId::new(str_field(input, "beneficiary")?).map_err(|e| e.to_string())?;
    let target: CommitmentRef = parsed(input, "target")?;
    let on = date_field(input, "on")?;
    let receipt = Enrollments::new()
        .enrol_with_receipt(&reg, &rules, &key, &who, &target, on)
        .map_err(|e| e.to_string())?;
    let erased = match input.get("erase_who").and_then(Value::as_str) {
        Some(s) => BeneficiaryId::new(s).map_err(|e| e.to_string())?,
        None => who.clone(),
    };
    let erasing = input.contains_key("erase_on");
    for k in ["erase_on", "erase_again_on"] {
        if input.contains_key(k) {
            if let Err(e) = reg.erase_personal_data(&erased, date_field(input, k)?) {
                return Ok(Err(e.report(None)));
            }
        }
    }
    let snapshot = reg.to_json().map_err(|e| e.to_string())?;
    let back = berdaya::Registry::from_json(&snapshot).map_err(|e| e.to_string())?;
    let text = format!("{}{receipt:?}", receipt.to_json());
    let secrets = input
        .get("secrets")
        .and_then(Value::as_object)
        .ok_or("input.secrets must be an object")?;
    let all: Vec<&str> = secrets
        .values()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let of_erased: Vec<&str> = secrets
        .get(erased.as_str())
        .and_then(Value::as_array)
        .map(|v| v.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let replay = receipt
        .replay_with(&reg, &rules, &key)
        .map_err(|e| e.to_string())?;
    Ok(Ok(json!({
        "replay": to_value(&replay)?,
        "erased_on": reg.erased_on(&who).map(|d| d.to_string()),
        "round_trips": back == reg && back.to_json().map_err(|e| e.to_string())? == snapshot,
        "secrets_in_receipt": all.iter().filter(|s| text.contains(*s)).collect::<Vec<_>>(),
        "secrets_in_snapshot_of_erased": of_erased
            .iter()
            .filter(|s| erasing && snapshot.contains(*s))
            .collect::<Vec<_>>(),
    })))
}
