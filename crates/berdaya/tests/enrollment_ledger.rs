//! The enrollment ledger through the public API: refusals in order, lifecycle, waitlists,
//! capacity bases, and the registry-to-allocation path.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use berdaya::allocation::{
    allocate, applicants_from_registry, AllocationRequest, CommitmentPlaces, CommitmentRef,
    EligibilityDecision, EligibilityOutcome,
};
use berdaya::beneficiary::Beneficiary;
use berdaya::enrollment::{EnrolOutcome, EnrollmentError, EnrollmentState, Enrollments};
use berdaya::ids::BeneficiaryId;
use berdaya::registry::Registry;
use berdaya::Coded;
use chrono::NaiveDate;
use serde_json::json;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn registry(capacity: serde_json::Value) -> Registry {
    Registry::from_json(
        &json!({
            "schema_version": 1,
            "agencies": [{"id": "dinsos-jatim", "name": "Dinas Sosial", "level": "province", "region": "35"}],
            "partners": [{"id": "mitra", "name": "Mitra", "kind": "business", "ownership": "private", "region": "35.78"}],
            "agreements": [{
                "id": "pks-a", "kind": "pks", "title": "PKS TENTANG UJI",
                "parties": [
                    {"party": {"agency": "dinsos-jatim"}, "signatory": {"name": "A", "position": "Kepala Dinas"}},
                    {"party": {"partner": "mitra"}, "signatory": {"name": "B", "position": "Direktur"}}],
                "commitments": [
                    {"id": "jobs", "by": {"partner": "mitra"}, "service": "employment", "capacity": capacity},
                    {"id": "train", "by": {"partner": "mitra"}, "service": "vocational_training", "exclusive": true,
                     "period": {"from": "2021-01-01", "until": "2021-12-31"}}],
                "period": {"from": "2020-09-09", "until": "2022-09-08"},
                "history": [{"on": "2020-08-01", "event": "negotiated"}, {"on": "2020-08-02", "event": "approved"},
                            {"on": "2020-09-09", "event": "signed"}]
            }],
            "beneficiaries": (1..=5).map(|i| json!({"id": format!("pm-{i}"), "registered_on": "2020-01-01"})).collect::<Vec<_>>()
        })
        .to_string(),
    )
    .unwrap()
}

fn t(c: &str) -> CommitmentRef {
    serde_json::from_value(json!({"agreement": "pks-a", "commitment": c})).unwrap()
}

fn b(i: u32) -> BeneficiaryId {
    BeneficiaryId::new(format!("pm-{i}")).unwrap()
}

/// pm-4 is ineligible from 2021-03-01, pm-5 undetermined (missing birth_date).
fn rule(p: &Beneficiary, _c: &CommitmentRef, on: NaiveDate) -> EligibilityDecision {
    match p.id().as_str() {
        "pm-4" if on >= d(2021, 3, 1) => EligibilityDecision::ineligible(),
        "pm-5" => EligibilityDecision {
            outcome: EligibilityOutcome::Undetermined,
            missing: vec!["birth_date".into()],
            rule_version: None,
        },
        _ => EligibilityDecision {
            rule_version: Some("v1".into()),
            ..EligibilityDecision::eligible()
        },
    }
}

#[test]
fn refusals_in_order() {
    let reg = registry(json!({"places": 2, "unit": "jobs", "basis": "concurrent"}));
    let mut l = Enrollments::new();
    let code = |r: Result<u32, EnrollmentError>| r.unwrap_err().code();
    let try_ = |l: &mut Enrollments, i, c: &str, on| l.enrol(&reg, &rule, &b(i), &t(c), on);
    assert_eq!(
        code(try_(&mut l, 1, "jobs", d(2020, 9, 8))),
        "enrollment.agreement_not_in_force"
    );
    assert_eq!(
        code(try_(&mut l, 9, "jobs", d(2021, 1, 1))),
        "enrollment.unknown_beneficiary"
    );
    assert_eq!(
        code(try_(&mut l, 1, "nope", d(2021, 1, 1))),
        "enrollment.unknown_commitment"
    );
    assert_eq!(
        code(try_(&mut l, 1, "train", d(2020, 12, 31))),
        "enrollment.outside_commitment_period"
    );
    assert_eq!(
        code(try_(&mut l, 4, "jobs", d(2021, 3, 1))),
        "enrollment.not_eligible"
    );
    let e = try_(&mut l, 5, "jobs", d(2021, 1, 1)).unwrap_err();
    assert_eq!(e.code(), "enrollment.needs_information");
    assert_eq!(
        l.needs_information[0].missing,
        vec!["birth_date".to_owned()]
    );
    let first = try_(&mut l, 1, "jobs", d(2021, 1, 1)).unwrap();
    assert_eq!(l.get(first).unwrap().rule_version.as_deref(), Some("v1"));
    assert_eq!(
        code(try_(&mut l, 1, "jobs", d(2021, 1, 2))),
        "enrollment.already_enrolled"
    );
    assert_eq!(
        code(try_(&mut l, 1, "train", d(2021, 1, 2))),
        "enrollment.overlapping_enrollment"
    );
    try_(&mut l, 2, "jobs", d(2021, 1, 1)).unwrap();
    assert_eq!(
        code(try_(&mut l, 3, "jobs", d(2021, 1, 1))),
        "enrollment.capacity_full"
    );
    assert!(!format!("{l:?}").contains("Synthetic"));
}

#[test]
fn lifecycle_and_waitlist() {
    let reg = registry(json!({"places": 1, "unit": "jobs", "basis": "concurrent"}));
    let mut l = Enrollments::new();
    let jobs = t("jobs");
    let on = d(2021, 1, 1);
    let first = l.enrol(&reg, &rule, &b(1), &jobs, on).unwrap();
    assert_eq!(
        l.enrol_or_wait(&reg, &rule, &b(4), &jobs, on).unwrap(),
        EnrolOutcome::Waitlisted { position: 1 }
    );
    assert_eq!(
        l.enrol_or_wait(&reg, &rule, &b(2), &jobs, on).unwrap(),
        EnrolOutcome::Waitlisted { position: 2 }
    );
    assert_eq!(
        l.enrol_or_wait(&reg, &rule, &b(2), &jobs, on)
            .unwrap_err()
            .code(),
        "enrollment.already_waitlisted"
    );
    assert_eq!(l.waitlist_position(&b(2), &jobs), Some(2));
    assert_eq!(
        l.complete(&reg, &rule, first, on, None).unwrap_err().code(),
        "enrollment.illegal_transition"
    );
    assert_eq!(
        l.activate(first, d(2020, 12, 31)).unwrap_err().code(),
        "enrollment.out_of_order"
    );
    l.activate(first, d(2021, 2, 1)).unwrap();
    let offers = l.complete(&reg, &rule, first, d(2021, 6, 1), None).unwrap();
    // pm-4 is no longer eligible: skipped; pm-2 gets the place
    assert_eq!(
        serde_json::to_value(&offers).unwrap(),
        json!([{"outcome": "skipped", "beneficiary": "pm-4", "code": "enrollment.not_eligible"},
               {"outcome": "enrolled", "beneficiary": "pm-2", "enrollment": 2}])
    );
    assert!(l.waitlist(&jobs).is_empty());
    assert_eq!(l.get(first).unwrap().state, EnrollmentState::Completed);
    assert_eq!(
        l.drop_out(&reg, &rule, first, d(2021, 7, 1), "x")
            .unwrap_err()
            .code(),
        "enrollment.illegal_transition"
    );
    l.drop_out(&reg, &rule, 2, d(2021, 7, 1), "moved away")
        .unwrap();
    let back: Enrollments = serde_json::from_str(&serde_json::to_string(&l).unwrap()).unwrap();
    assert_eq!(back, l);
}

#[test]
fn per_year_and_total_count_completions() {
    for (basis, second_year_ok) in [("per_year", true), ("total", false)] {
        let reg = registry(json!({"places": 1, "unit": "persons", "basis": basis}));
        let mut l = Enrollments::new();
        let jobs = t("jobs");
        let id = l.enrol(&reg, &rule, &b(1), &jobs, d(2020, 10, 1)).unwrap();
        l.activate(id, d(2020, 10, 1)).unwrap();
        l.complete(&reg, &rule, id, d(2020, 12, 1), None).unwrap();
        // the completed place is used for the commitment year 2020-09-09..2021-09-08
        assert_eq!(
            l.enrol(&reg, &rule, &b(2), &jobs, d(2021, 9, 8))
                .unwrap_err()
                .code(),
            "enrollment.capacity_full"
        );
        assert_eq!(
            l.enrol(&reg, &rule, &b(2), &jobs, d(2021, 9, 9)).is_ok(),
            second_year_ok,
            "{basis}"
        );
    }
}

#[test]
fn registry_to_allocation() {
    let reg = registry(json!({"places": 3, "unit": "jobs", "basis": "concurrent"}));
    let mut l = Enrollments::new();
    let jobs = t("jobs");
    let on = d(2021, 1, 1);
    l.enrol(&reg, &rule, &b(1), &jobs, on).unwrap();
    assert_eq!(l.places_left(&reg, &jobs, on).unwrap(), Some(2));
    let ids: Vec<BeneficiaryId> = (2..=5).map(b).collect();
    let applicants =
        applicants_from_registry(&reg, &ids, std::slice::from_ref(&jobs), &rule, on).unwrap();
    let req = AllocationRequest {
        seed: "s".into(),
        commitments: vec![CommitmentPlaces {
            agreement: jobs.agreement.clone(),
            commitment: jobs.commitment.clone(),
            places: l.places_left(&reg, &jobs, on).unwrap().unwrap(),
        }],
        applicants,
        priorities: vec![],
        max_places_per_person: 1,
    };
    let out = allocate(&req).unwrap();
    // pm-4 is eligible on 2021-01-01, pm-5 undetermined: two of pm-2..pm-4 are placed
    assert_eq!(out.placements.len(), 2);
    assert_eq!(out.unplaced.len(), 1);
    assert_eq!(out.needs_information[0].beneficiary.as_str(), "pm-5");
    for p in &out.placements {
        let target = CommitmentRef {
            agreement: p.agreement.clone(),
            commitment: p.commitment.clone(),
        };
        l.enrol(&reg, &rule, &p.beneficiary, &target, on).unwrap();
    }
    assert_eq!(l.places_left(&reg, &jobs, on).unwrap(), Some(0));
    let unknown = applicants_from_registry(&reg, &[b(99)], &[jobs], &rule, on).unwrap_err();
    assert_eq!(unknown.code(), "allocation.unknown_beneficiary");
}
