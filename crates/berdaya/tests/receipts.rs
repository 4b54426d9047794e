//! Decision receipts, replay and erasure on the East Java scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use berdaya::allocation::{CommitmentRef, RuleEligibility};
use berdaya::receipt::{allocation_receipts, Receipt, ReceiptAction, ReceiptKey, Replay};
use berdaya::{scenario, BeneficiaryId, Coded, EligibilityOutcome, Enrollments, Registry};
use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::Value;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn key() -> ReceiptKey {
    ReceiptKey::new(b"dinsos-jatim receipts 2020").unwrap()
}

fn jobs() -> CommitmentRef {
    CommitmentRef {
        agreement: "pks-2020-batik-wistara".parse().unwrap(),
        commitment: "jobs".parse().unwrap(),
    }
}

fn id(s: &str) -> BeneficiaryId {
    BeneficiaryId::new(s).unwrap()
}

/// The registry after `edit` of its snapshot.
fn edited(reg: &Registry, edit: impl FnOnce(&mut Value)) -> Registry {
    let mut v: Value = serde_json::from_str(&reg.to_json().unwrap()).unwrap();
    edit(&mut v);
    Registry::from_json(&v.to_string()).unwrap()
}

fn beneficiary<'a>(v: &'a mut Value, who: &str) -> &'a mut Value {
    v["beneficiaries"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|b| b["id"] == who)
        .unwrap()
}

fn receipt_for(reg: &Registry, who: &str) -> Receipt {
    let rules = RuleEligibility::from_registry(reg).unwrap();
    let mut ledger = Enrollments::new();
    ledger
        .enrol_with_receipt(reg, &rules, &key(), &id(who), &jobs(), d(2020, 10, 1))
        .unwrap()
}

#[test]
fn an_enrollment_receipt_records_the_decision_and_holds() {
    let reg = scenario::east_java_2020().unwrap();
    // pm-0014: alumnus, physical disability, 32: eligible for the jobs rule.
    let r = receipt_for(&reg, "pm-0014");
    assert_eq!(r.outcome, EligibilityOutcome::Eligible);
    assert_eq!(r.action, Some(ReceiptAction::Enrolled { enrollment: 1 }));
    let facts: Vec<&str> = r.facts.keys().map(String::as_str).collect();
    assert_eq!(
        facts,
        [
            "agreement_in_force",
            "birth_date",
            "care_status",
            "disabilities"
        ]
    );
    assert_eq!(r.reasons.len(), 3);
    assert!(r.rule.is_some());
    assert_eq!(r.replay(&reg, &key()).unwrap(), Replay::Holds);
    assert_eq!(Receipt::from_json(&r.to_json()).unwrap(), r);
    // a later schema with new fields, and broken JSON
    let mut v: Value = serde_json::from_str(&r.to_json()).unwrap();
    v["schema"] = "berdaya.receipt/2".into();
    v["new_field"] = 1.into();
    let e = Receipt::from_json(&v.to_string()).unwrap_err();
    assert_eq!(e.code(), "receipt.unsupported_schema");
    let e = Receipt::from_json("{\n  \"schema\": ").unwrap_err();
    assert_eq!(e.code(), "receipt.invalid_json");
    assert!(e.to_string().contains("line 2"), "{e}");
}

#[test]
fn a_corrected_fact_is_named() {
    let reg = scenario::east_java_2020().unwrap();
    let r = receipt_for(&reg, "pm-0014");
    // The birth date is corrected: 60 years old, outside 17-45.
    let now = edited(&reg, |v| {
        let b = beneficiary(v, "pm-0014");
        b["birth_date"] = "1960-01-01".into();
    });
    assert_eq!(
        r.replay(&now, &key()).unwrap(),
        Replay::Changed {
            facts: vec!["birth_date".into()],
            rule_changed: false,
            outcome: EligibilityOutcome::Eligible,
            new_outcome: EligibilityOutcome::Ineligible,
        }
    );
    // A change to a fact the rule does not read changes nothing.
    let now = edited(&reg, |v| {
        beneficiary(v, "pm-0014")["name"] = "Nama Lain".into();
    });
    assert_eq!(r.replay(&now, &key()).unwrap(), Replay::Holds);
}

#[test]
fn a_changed_rule_is_named() {
    let reg = scenario::east_java_2020().unwrap();
    let r = receipt_for(&reg, "pm-0014");
    let now = edited(&reg, |v| {
        for a in v["agreements"].as_array_mut().unwrap() {
            if a["id"] == "pks-2020-batik-wistara" {
                for c in a["commitments"].as_array_mut().unwrap() {
                    if c["id"] == "jobs" {
                        c["eligibility"] = "care_status = alumnus and age between 17 and 30".into();
                    }
                }
            }
        }
    });
    let Replay::Changed {
        facts,
        rule_changed,
        new_outcome,
        ..
    } = r.replay(&now, &key()).unwrap()
    else {
        panic!("expected a change")
    };
    assert!(facts.is_empty(), "{facts:?}");
    assert!(rule_changed);
    assert_eq!(new_outcome, EligibilityOutcome::Ineligible);
}

#[test]
fn erasure_keeps_receipts_valid() {
    let mut reg = scenario::east_java_2020().unwrap();
    let r = receipt_for(&reg, "pm-0014");
    let nik = reg
        .beneficiary(&id("pm-0014"))
        .unwrap()
        .nik()
        .unwrap()
        .reveal()
        .to_owned();
    reg.erase_personal_data(&id("pm-0014"), d(2021, 3, 1))
        .unwrap();
    assert_eq!(
        r.replay(&reg, &key()).unwrap(),
        Replay::SubjectErased {
            erased_on: d(2021, 3, 1)
        }
    );
    let json = reg.to_json().unwrap();
    assert!(!json.contains(&nik));
    let back = Registry::from_json(&json).unwrap();
    assert_eq!(back, reg);
    assert_eq!(
        r.replay(&back, &key()).unwrap(),
        Replay::SubjectErased {
            erased_on: d(2021, 3, 1)
        }
    );
    // the record is there, without personal data
    let b = back.beneficiary(&id("pm-0014")).unwrap();
    assert!(b.nik().is_none() && b.data().name.is_none() && b.data().disability.is_none());
    assert!(b.data().care.is_some());
    // erasing twice keeps the first date; an unknown id is an error
    reg.erase_personal_data(&id("pm-0014"), d(2022, 1, 1))
        .unwrap();
    assert_eq!(reg.erased_on(&id("pm-0014")), Some(d(2021, 3, 1)));
    let e = reg
        .erase_personal_data(&id("pm-9999"), d(2021, 3, 1))
        .unwrap_err();
    assert_eq!(e.code(), "registry.not_found");
    // the NIK is free again
    assert!(!reg.to_json().unwrap().contains(&nik));
    // a snapshot claiming an erasure of a record with personal data is refused
    let mut v: Value = serde_json::from_str(&reg.to_json().unwrap()).unwrap();
    v["erased"] = serde_json::json!([{"beneficiary": "pm-0001", "on": "2021-01-01"}]);
    let e = Registry::from_json(&v.to_string()).unwrap_err();
    assert_eq!(e.code(), "registry.not_erased");
    assert_eq!(e.path(), Some("erased[0]"));
}

#[test]
fn another_key_is_refused() {
    let reg = scenario::east_java_2020().unwrap();
    let r = receipt_for(&reg, "pm-0014");
    let other = ReceiptKey::new(b"another office key!").unwrap();
    assert_eq!(
        r.replay(&reg, &other).unwrap_err().code(),
        "receipt.key_mismatch"
    );
    assert_eq!(
        ReceiptKey::new(b"short").unwrap_err().code(),
        "receipt.short_key"
    );
}

#[test]
fn refusals_and_waitlists_have_receipts() {
    let reg = scenario::east_java_2020().unwrap();
    let rules = RuleEligibility::from_registry(&reg).unwrap();
    let mut ledger = Enrollments::new();
    // pm-0001 is a resident? take anyone ineligible for jobs: a resident.
    let resident = reg
        .beneficiaries()
        .find(|b| b.care_status_on(d(2020, 10, 1)) == Some(berdaya::vocab::CareStatus::Resident))
        .unwrap()
        .id()
        .clone();
    let r = ledger
        .enrol_with_receipt(&reg, &rules, &key(), &resident, &jobs(), d(2020, 10, 1))
        .unwrap();
    assert_eq!(r.outcome, EligibilityOutcome::Ineligible);
    assert_eq!(
        r.action,
        Some(ReceiptAction::Refused {
            code: "enrollment.not_eligible".into()
        })
    );
    let e = ledger
        .enrol_with_receipt(
            &reg,
            &rules,
            &key(),
            &id("pm-9999"),
            &jobs(),
            d(2020, 10, 1),
        )
        .unwrap_err();
    assert_eq!(e.code(), "receipt.unknown_beneficiary");
}

#[test]
fn allocation_receipts_cover_every_decision() {
    let reg = scenario::east_java_2020().unwrap();
    let out = scenario::allocate_2020(&reg).unwrap();
    let rules = RuleEligibility::from_registry(&reg).unwrap();
    // Rebuild the request the example used, to pass it alongside the allocation.
    let on = scenario::signing_day();
    let targets: Vec<CommitmentRef> = out
        .commitments
        .iter()
        .map(|c| CommitmentRef {
            agreement: c.agreement.clone(),
            commitment: c.commitment.clone(),
        })
        .collect();
    let people: Vec<BeneficiaryId> = reg.beneficiaries().map(|b| b.id().clone()).collect();
    let applicants =
        berdaya::allocation::applicants_from_registry(&reg, &people, &targets, &rules, on).unwrap();
    let request = berdaya::allocation::AllocationRequest {
        seed: out.seed.clone(),
        commitments: out
            .commitments
            .iter()
            .map(|c| berdaya::allocation::CommitmentPlaces {
                agreement: c.agreement.clone(),
                commitment: c.commitment.clone(),
                places: c.places,
            })
            .collect(),
        applicants,
        priorities: berdaya::allocation::Priority::from_json(scenario::ALLOCATION_PRIORITY)
            .unwrap()
            .keys()
            .to_vec(),
        max_places_per_person: 1,
    };
    let receipts = allocation_receipts(&reg, &rules, &key(), &request, &out, on).unwrap();
    assert_eq!(receipts.len(), people.len() * targets.len());
    let placed = receipts
        .iter()
        .filter(|r| matches!(r.action, Some(ReceiptAction::Placed { .. })))
        .count();
    assert_eq!(placed, out.placements.len());
    for r in &receipts {
        // the priority inputs are among the facts read
        assert!(r.facts.contains_key("dtks_decile"));
        assert!(r.facts.contains_key("residence_since"));
        assert_eq!(r.replay_with(&reg, &rules, &key()).unwrap(), Replay::Holds);
    }
}

#[test]
fn receipts_hold_no_personal_data() {
    let reg = scenario::east_java_2020().unwrap();
    for who in ["pm-0001", "pm-0002", "pm-0014"] {
        let b = reg.beneficiary(&id(who)).unwrap();
        let nik = b.nik().unwrap().reveal().to_owned();
        let name = b.data().name.clone().unwrap();
        let birth = b.data().birth_date.unwrap().to_string();
        let r = receipt_for(&reg, who);
        for text in [r.to_json(), format!("{r:?}")] {
            assert!(!text.contains(&nik), "{text}");
            assert!(!text.contains(&name), "{text}");
            assert!(!text.contains(&birth), "{text}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Receipts round-trip through JSON, and replaying on the unchanged registry holds.
    #[test]
    fn round_trip_and_unchanged_replay_holds(who in 1usize..=200, c in 0usize..4, day in 0u64..900) {
        let reg = scenario_registry();
        let rules = RuleEligibility::from_registry(&reg).unwrap();
        let ids: Vec<BeneficiaryId> = reg.beneficiaries().map(|b| b.id().clone()).collect();
        let who = &ids[(who - 1) % ids.len()];
        let targets: Vec<CommitmentRef> = rules.rules().map(|(t, _)| t).collect();
        let target = &targets[c % targets.len()];
        let on = d(2020, 1, 1) + chrono::Days::new(day);
        let mut ledger = Enrollments::new();
        let r = ledger.enrol_with_receipt(&reg, &rules, &key(), who, target, on).unwrap();
        prop_assert_eq!(&Receipt::from_json(&r.to_json()).unwrap(), &r);
        prop_assert_eq!(r.replay_with(&reg, &rules, &key()).unwrap(), Replay::Holds);
    }
}

fn scenario_registry() -> Registry {
    use std::sync::OnceLock;
    static REG: OnceLock<Registry> = OnceLock::new();
    REG.get_or_init(|| scenario::east_java_2020().unwrap())
        .clone()
}
