//! The report's section on decision receipts: one enrollment decision's receipt, and its
//! replay after the record of a fact is corrected, after the commitment's rule is changed in
//! the records, and after the person's personal data is erased. Ids, digests and codes only.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde_json::Value;

use crate::allocation::{CommitmentRef, RuleEligibility};
use crate::enrollment::Enrollments;
use crate::error::Coded;
use crate::ids::BeneficiaryId;
use crate::receipt::{Receipt, ReceiptKey, Replay};
use crate::registry::Registry;

/// The example's receipt key. A real office keeps its key secret (and out of source code).
pub const EXAMPLE_RECEIPT_KEY: &[u8] = b"east-java-2020 example receipt key (not secret)";

/// The person and commitment of the example's receipt.
const PERSON: &str = "pm-0014";
const AGREEMENT: &str = "pks-2020-batik-wistara";
const COMMITMENT: &str = "jobs";

/// The jobs rule as the records would hold it after a change: ages 17 to 30.
pub const CHANGED_JOBS_RULE: &str = "care_status = alumnus and disabilities has any of \
     [physical, sensory_hearing, sensory_speech] and age between 17 and 30";

fn replay_line(r: &Result<Replay, crate::receipt::ReceiptError>) -> String {
    match r {
        Ok(Replay::Holds) => "holds".to_owned(),
        Ok(Replay::Changed {
            facts,
            rule_changed,
            outcome,
            new_outcome,
        }) => format!(
            "changed: facts [{}], rule changed: {}, {} -> {}",
            facts.join(", "),
            if *rule_changed { "yes" } else { "no" },
            wire(outcome),
            wire(new_outcome)
        ),
        Ok(Replay::SubjectErased { erased_on }) => format!("subject erased on {erased_on}"),
        Ok(Replay::SubjectMissing) => "subject missing".to_owned(),
        Err(e) => format!("error {}", e.code()),
    }
}

fn wire<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => s,
        Ok(v) => v.to_string(),
        Err(_) => String::new(),
    }
}

/// A copy of `reg` with its snapshot edited by `edit` (the records as corrected later).
fn edited(reg: &Registry, edit: impl FnOnce(&mut Value)) -> Option<Registry> {
    let mut v: Value = serde_json::from_str(&reg.to_json().ok()?).ok()?;
    edit(&mut v);
    Registry::from_json(&v.to_string()).ok()
}

fn each_object<'a>(v: &'a mut Value, list: &str) -> impl Iterator<Item = &'a mut Value> {
    v.get_mut(list)
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
}

/// Writes the section.
pub(super) fn write_section(out: &mut String, reg: &Registry, on: NaiveDate) {
    let _ = writeln!(out, "\n== decision receipts ==");
    let (Ok(key), Ok(rules), Ok(who), Ok(agreement), Ok(commitment)) = (
        ReceiptKey::new(EXAMPLE_RECEIPT_KEY),
        RuleEligibility::from_registry(reg),
        BeneficiaryId::new(PERSON),
        AGREEMENT.parse(),
        COMMITMENT.parse(),
    ) else {
        let _ = writeln!(out, "(the example's receipt could not be set up)");
        return;
    };
    let target = CommitmentRef {
        agreement,
        commitment,
    };
    let receipt: Receipt =
        match Enrollments::new().enrol_with_receipt(reg, &rules, &key, &who, &target, on) {
            Ok(r) => r,
            Err(e) => {
                let _ = writeln!(out, "error {}", e.code());
                return;
            }
        };
    let short = |s: &str| s.chars().take(16).collect::<String>();
    let _ = writeln!(
        out,
        "{PERSON} enrolled in {target} on {on}: {} ({}), key {}",
        wire(&receipt.outcome),
        receipt
            .action
            .as_ref()
            .map_or_else(String::new, wire_action),
        receipt.key_id
    );
    let _ = writeln!(
        out,
        "  rule {}..., input digest {}...",
        receipt
            .rule
            .as_ref()
            .map_or("none".to_owned(), |r| short(&r.content_hash)),
        short(&receipt.input_digest)
    );
    for (fact, digest) in &receipt.facts {
        let _ = writeln!(out, "  fact {fact}: {}...", short(digest));
    }
    let _ = writeln!(
        out,
        "  JSON {} bytes; reads back equal: {}",
        receipt.to_json().len(),
        Receipt::from_json(&receipt.to_json()).ok().as_ref() == Some(&receipt)
    );

    let _ = writeln!(
        out,
        "replay on the same records: {}",
        replay_line(&receipt.replay(reg, &key))
    );
    let corrected = edited(reg, |v| {
        for b in each_object(v, "beneficiaries") {
            if b.get("id").and_then(Value::as_str) == Some(PERSON) {
                if let Some(o) = b.as_object_mut() {
                    o.insert("birth_date".into(), Value::from("1960-01-01"));
                }
            }
        }
    });
    if let Some(c) = corrected {
        let _ = writeln!(
            out,
            "replay after the birth date is corrected to 1960: {}",
            replay_line(&receipt.replay(&c, &key))
        );
    }
    let changed = edited(reg, |v| {
        for a in each_object(v, "agreements") {
            if a.get("id").and_then(Value::as_str) != Some(AGREEMENT) {
                continue;
            }
            for c in each_object(a, "commitments") {
                if c.get("id").and_then(Value::as_str) == Some(COMMITMENT) {
                    if let Some(o) = c.as_object_mut() {
                        o.insert("eligibility".into(), Value::from(CHANGED_JOBS_RULE));
                    }
                }
            }
        }
    });
    if let Some(c) = changed {
        let _ = writeln!(
            out,
            "replay after the jobs rule is changed to ages 17-30: {}",
            replay_line(&receipt.replay(&c, &key))
        );
    }
    let mut erased = reg.clone();
    let day = NaiveDate::from_ymd_opt(2021, 9, 9).unwrap_or(on);
    match erased.erase_personal_data(&who, day) {
        Ok(()) => {
            let _ = writeln!(
                out,
                "replay after {PERSON}'s personal data is erased on {day}: {}",
                replay_line(&receipt.replay(&erased, &key))
            );
        }
        Err(e) => {
            let _ = writeln!(out, "erasure failed: {}", e.code());
        }
    }
}

fn wire_action(a: &crate::receipt::ReceiptAction) -> String {
    match serde_json::to_value(a) {
        Ok(Value::Object(m)) => m
            .iter()
            .map(|(k, v)| match v {
                Value::String(s) if k == "action" => s.clone(),
                v => format!("{k} {v}"),
            })
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    }
}
