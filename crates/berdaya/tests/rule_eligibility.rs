//! Eligibility from the commitments' own rules, through the public API. Every expectation is
//! worked out by hand from the birth dates, rules and dates below.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use berdaya::allocation::{
    allocate, applicants_from_registry, AllocationRequest, CommitmentPlaces, CommitmentRef,
    Eligibility, EligibilityOutcome, RuleEligibility,
};
use berdaya::enrollment::Enrollments;
use berdaya::ids::BeneficiaryId;
use berdaya::registry::Registry;
use berdaya::{Coded, Rule};
use chrono::NaiveDate;
use serde_json::{json, Value};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const JOBS_2020: &str = "age between 18 and 45";
const JOBS_2021: &str = "age between 18 and 60";
const BUSINESS: &str = "partner_kind = business and agreement_in_force";

fn registry(jobs_rule: &str, history: Vec<Value>) -> Registry {
    let mut events = vec![
        json!({"on": "2020-08-01", "event": "negotiated"}),
        json!({"on": "2020-08-02", "event": "approved"}),
        json!({"on": "2020-09-09", "event": "signed"}),
    ];
    events.extend(history);
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
                    {"id": "jobs", "by": {"partner": "mitra"}, "service": "employment",
                     "capacity": {"places": 1, "unit": "jobs", "basis": "concurrent"},
                     "eligibility": jobs_rule},
                    {"id": "open", "by": {"partner": "mitra"}, "service": "vocational_training"},
                    {"id": "biz", "by": {"partner": "mitra"}, "service": "vocational_training",
                     "eligibility": BUSINESS}],
                "period": {"from": "2020-09-09", "until": "2022-09-08"},
                "history": events
            }],
            "beneficiaries": [
                // 20 on 2021-01-01
                {"id": "pm-1", "registered_on": "2020-01-01", "birth_date": "2000-03-01"},
                // 56 on 2021-01-01: too old under JOBS_2020, not under JOBS_2021
                {"id": "pm-2", "registered_on": "2020-01-01", "birth_date": "1965-01-01"},
                // birth date unknown
                {"id": "pm-3", "registered_on": "2020-01-01"},
                // 30 on 2021-01-01
                {"id": "pm-4", "registered_on": "2020-01-01", "birth_date": "1990-06-15"}
            ]
        })
        .to_string(),
    )
    .unwrap()
}

fn target(c: &str) -> CommitmentRef {
    serde_json::from_value(json!({"agreement": "pks-a", "commitment": c})).unwrap()
}

fn id(s: &str) -> BeneficiaryId {
    BeneficiaryId::new(s).unwrap()
}

fn hash(src: &str) -> String {
    Rule::parse(src).unwrap().content_hash()
}

#[test]
fn decides_with_the_commitment_rule() {
    let reg = registry(JOBS_2020, vec![]);
    let e = RuleEligibility::from_registry(&reg).unwrap();
    let on = d(2021, 1, 1);
    let dec = |b: &str, c: &str| e.decide(reg.beneficiary(&id(b)).unwrap(), &target(c), on);

    let d1 = dec("pm-1", "jobs");
    assert_eq!(d1.outcome, EligibilityOutcome::Eligible);
    assert!(d1.missing.is_empty());
    assert_eq!(d1.rule_version, Some(hash(JOBS_2020)));

    assert_eq!(dec("pm-2", "jobs").outcome, EligibilityOutcome::Ineligible);
    assert_eq!(dec("pm-2", "jobs").rule_version, Some(hash(JOBS_2020)));

    let d3 = dec("pm-3", "jobs");
    assert_eq!(d3.outcome, EligibilityOutcome::Undetermined);
    assert_eq!(d3.missing, vec!["birth_date".to_owned()]);

    // no rule: open to everyone, no version
    let open = dec("pm-3", "open");
    assert_eq!(open.outcome, EligibilityOutcome::Eligible);
    assert_eq!(open.rule_version, None);

    // the context: the partner is a business and the agreement in force on the date
    assert_eq!(dec("pm-3", "biz").outcome, EligibilityOutcome::Eligible);
    let before = e.decide(
        reg.beneficiary(&id("pm-3")).unwrap(),
        &target("biz"),
        d(2020, 9, 8),
    );
    assert_eq!(before.outcome, EligibilityOutcome::Ineligible);

    // no such commitment: nobody
    assert_eq!(dec("pm-1", "nope").outcome, EligibilityOutcome::Ineligible);

    let versions: Vec<(String, String)> = e
        .rules()
        .map(|(t, v)| (t.to_string(), v.to_owned()))
        .collect();
    assert_eq!(
        versions,
        vec![
            ("pks-a/jobs".to_owned(), hash(JOBS_2020)),
            ("pks-a/biz".to_owned(), hash(BUSINESS))
        ]
    );
}

#[test]
fn an_addendum_changes_the_rule_from_its_date() {
    let amended = json!({"on": "2021-06-01", "event": "amended", "addendum": {
        "number": "ADD-1", "changes": [{"change": "set_commitment", "commitment":
            {"id": "jobs", "by": {"partner": "mitra"}, "service": "employment",
             "capacity": {"places": 1, "unit": "jobs", "basis": "concurrent"},
             "eligibility": JOBS_2021}},
            {"change": "remove_commitment", "id": "biz"}]}});
    let reg = registry(JOBS_2020, vec![amended]);
    let e = RuleEligibility::from_registry(&reg).unwrap();
    let pm2 = reg.beneficiary(&id("pm-2")).unwrap();
    // 56 on both days: too old before the addendum, young enough after it
    let before = e.decide(pm2, &target("jobs"), d(2021, 5, 31));
    assert_eq!(before.outcome, EligibilityOutcome::Ineligible);
    assert_eq!(before.rule_version, Some(hash(JOBS_2020)));
    let after = e.decide(pm2, &target("jobs"), d(2021, 6, 1));
    assert_eq!(after.outcome, EligibilityOutcome::Eligible);
    assert_eq!(after.rule_version, Some(hash(JOBS_2021)));
    // `biz` is removed by the same addendum: open before, nobody after
    let biz = |on| e.decide(pm2, &target("biz"), on).outcome;
    assert_eq!(biz(d(2021, 5, 31)), EligibilityOutcome::Eligible);
    assert_eq!(biz(d(2021, 6, 1)), EligibilityOutcome::Ineligible);
}

#[test]
fn a_broken_rule_is_refused_naming_the_commitment() {
    let reg = registry("age betwen 18 and 45", vec![]);
    let err = RuleEligibility::from_registry(&reg).unwrap_err();
    assert_eq!(err.code(), "eligibility.rule_invalid");
    assert_eq!(err.field(), Some("eligibility"));
    assert_eq!(err.target().to_string(), "pks-a/jobs");
    assert!(err.to_string().contains("`pks-a/jobs`"), "{err}");
    assert!(!err.diagnostics().is_empty());
    let report = err.report(Some(err.source_text()));
    let span = report.span.unwrap();
    assert_eq!(span.line, 1);
    // a broken rule in an addendum is refused too
    let amended = json!({"on": "2021-06-01", "event": "amended", "addendum": {
        "number": "ADD-1", "changes": [{"change": "set_commitment", "commitment":
            {"id": "late", "by": {"partner": "mitra"}, "service": "employment",
             "eligibility": "age >"}}]}});
    let err = RuleEligibility::from_registry(&registry(JOBS_2020, vec![amended])).unwrap_err();
    assert_eq!(err.target().to_string(), "pks-a/late");
}

#[test]
fn enrollment_uses_the_rules() {
    let reg = registry(JOBS_2020, vec![]);
    let e = RuleEligibility::from_registry(&reg).unwrap();
    let on = d(2021, 1, 1);
    let mut l = Enrollments::new();
    let n = l.enrol(&reg, &e, &id("pm-1"), &target("jobs"), on).unwrap();
    assert_eq!(l.get(n).unwrap().rule_version, Some(hash(JOBS_2020)));
    let err = l
        .enrol(&reg, &e, &id("pm-2"), &target("jobs"), on)
        .unwrap_err();
    assert_eq!(err.code(), "enrollment.not_eligible");
    let err = l
        .enrol(&reg, &e, &id("pm-3"), &target("jobs"), on)
        .unwrap_err();
    assert_eq!(err.code(), "enrollment.needs_information");
    assert_eq!(l.needs_information.len(), 1);
    assert_eq!(
        l.needs_information[0].missing,
        vec!["birth_date".to_owned()]
    );
}

#[test]
fn allocation_from_the_registry_uses_the_rules() {
    let reg = registry(JOBS_2020, vec![]);
    let e = RuleEligibility::from_registry(&reg).unwrap();
    let on = d(2021, 1, 1);
    let people: Vec<BeneficiaryId> = ["pm-1", "pm-2", "pm-3", "pm-4"].map(id).to_vec();
    let applicants = applicants_from_registry(&reg, &people, &[target("jobs")], &e, on).unwrap();
    let out = allocate(&AllocationRequest {
        seed: "s".into(),
        commitments: vec![CommitmentPlaces {
            agreement: target("jobs").agreement,
            commitment: target("jobs").commitment,
            places: 1,
        }],
        applicants,
        priorities: vec![],
        max_places_per_person: 1,
    })
    .unwrap();
    // eligible: pm-1 and pm-4; pm-2 too old; pm-3 undetermined
    assert_eq!(out.commitments[0].applicants, 2);
    assert_eq!(out.placements.len(), 1);
    let placed = out.placements[0].beneficiary.as_str();
    assert!(placed == "pm-1" || placed == "pm-4");
    assert_eq!(out.placements[0].rule_version, Some(hash(JOBS_2020)));
    assert_eq!(out.unplaced.len(), 1);
    assert_eq!(out.needs_information.len(), 1);
    assert_eq!(out.needs_information[0].beneficiary.as_str(), "pm-3");
    assert_eq!(
        out.needs_information[0].missing,
        vec!["birth_date".to_owned()]
    );
}
