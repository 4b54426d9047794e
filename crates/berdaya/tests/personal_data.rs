//! No personal data in what berdaya prints: every public type that can hold a beneficiary's
//! NIK or name is formatted (`Debug`, and `Display` where it has one) on the East Java sample,
//! whose NIKs and names are known, and the output must contain none of them.
//!
//! The test also keeps itself complete: every `pub struct` / `pub enum` of the crate must be
//! listed either in [`FORMATTED`] (formatted below) or in [`NO_PERSONAL_DATA`] with the reason
//! it cannot hold a NIK or a name. A new public type fails this test until it is classified.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::fmt::{Debug, Display};
use std::path::Path;

use berdaya::population::{
    ColumnValue, ColumnsInput, ImportOptions, OnError, Population, PopulationBuilder, Row,
};
use berdaya::rules::{Context, Facts, Form, Lang};
use berdaya::scenario::{east_java_2020, signing_day};
use berdaya::{Coded, Nik, Rule};

/// Types formatted by [`nothing_personal_is_printed`].
const FORMATTED: &[&str] = &[
    "Registry",
    "Beneficiary",
    "BeneficiaryData",
    "Nik",
    "NikError",
    "NikInfo",
    "ErrorReport",
    "Facts",
    "Decision",
    "DecisionReport",
    "Reason",
    "Value",
    "Population",
    "PopulationBuilder",
    "Row",
    "ImportIssue",
    "ImportError",
    "ImportReport",
    "BatchResult",
    "DisabilityProfile",
    "DerivedFacts",
    "BeneficiaryError",
    "RegistryError",
    "SnapshotError",
    "Explanation",
    "Sentence",
    "Receipt",
    "ReceiptReason",
    "ReceiptAction",
    "Replay",
    "ReceiptKey",
    "ColumnsInput",
    "ColumnValue",
];

/// Types that cannot hold a NIK or a name, by kind.
const NO_PERSONAL_DATA: &[(&str, &[&str])] = &[
    (
        "vocabulary (closed sets of codes)",
        &[
            "AgencyLevel",
            "AgreementKind",
            "AgreementStatus",
            "AllocationMode",
            "AtensiComponent",
            "CapacityBasis",
            "CapacityUnit",
            "CareStage",
            "CertificateKind",
            "ClauseKind",
            "Cluster",
            "Disability",
            "Education",
            "EnrollmentState",
            "FacilityKind",
            "KeyOrder",
            "Livelihood",
            "Multiplicity",
            "Nulls",
            "OnError",
            "Outcome",
            "Ownership",
            "Paket",
            "PartnerKind",
            "Ppks",
            "RegencyKind",
            "RegionLevel",
            "Service",
            "Severity",
            "Sex",
            "Skill",
            "Therapy",
            "VisitorCategory",
            "WelfareSource",
            "EligibilityOutcome",
            "EnrolOutcome",
            "WaitReason",
            "NikErrorKind",
            "NikPart",
            "RegionErrorKind",
            "AgreementErrorKind",
            "AllocationErrorKind",
            "BeneficiaryErrorKind",
            "EnrollmentErrorKind",
            "RegistryErrorKind",
            "SnapshotErrorKind",
            "Event",
        ],
    ),
    (
        "numbers, dates, sets of codes and ranges",
        &[
            "AgeRange",
            "AgeRangeWire",
            "Capacity",
            "Decile",
            "DisabilitySet",
            "EmployeeCount",
            "Period",
            "Span",
            "Column",
            "OutcomeCounts",
            "PriorityKey",
            "Priority",
            "WelfareRanking",
        ],
    ),
    (
        "regions and institutions (public bodies and partners, not beneficiaries)",
        &[
            "Province",
            "Regency",
            "RegionCode",
            "RegionInfo",
            "Agency",
            "Facility",
            "Partner",
            "Workforce",
            "WorkforceWire",
            "Party",
            "PartyRef",
            "Signatory",
            "VisitRestriction",
            "VisitRestrictionWire",
            "Agreement",
            "AgreementData",
            "Addendum",
            "Change",
            "Commitment",
            "CommitmentPlaces",
            "CommitmentRef",
            "DeliveryBase",
            "LifecycleEvent",
        ],
    ),
    (
        "identified by beneficiary id only (ids are pseudonymous keys, no NIK or name)",
        &[
            "Allocation",
            "AllocationRequest",
            "CompactAllocation",
            "Applicant",
            "Placement",
            "Unplaced",
            "CommitmentResult",
            "EligibilityDecision",
            "EligibilityEntry",
            "NeedsInformation",
            "NeedsInformationEntry",
            "PrecomputedEligibility",
            "PriorityFacts",
            "Enrollment",
            "Enrollments",
            "Offer",
            "Waitlist",
            "WaitlistEntry",
            "CareEpisode",
            "CareEvent",
            "EducationRecord",
            "EducationRecordWire",
            "Certificate",
            "DisabilityProfileWire",
            "FactValue",
            "FactWarning",
        ],
    ),
    (
        "rules, options and errors about rules, codes or ids (messages name fields, not people)",
        &[
            "Rule",
            "RuleSet",
            "RuleError",
            "RuleEligibility",
            "EligibilityRuleError",
            "Diagnostic",
            "Context",
            "ImportOptions",
            "AgreementError",
            "AllocationError",
            "DecileError",
            "DisabilityError",
            "EducationError",
            "EnrollmentError",
            "FacilityError",
            "IdError",
            "LivelihoodError",
            "PartnerError",
            "PeriodError",
            "PseudonymError",
            "RegionError",
            "ScenarioError",
            "SexError",
            "VocabError",
        ],
    ),
    (
        "decision outputs: outcomes, dates, fact names and rule versions (a wrapped Decision is
         checked above)",
        &[
            "Counterfactual",
            "CounterfactualReport",
            "SettlingFact",
            "VersionedCounterfactual",
            "VersionedDecision",
            "DateSpan",
            "InForce",
            "ContextTimeline",
        ],
    ),
    (
        "versioned rule sets and their errors",
        &[
            "RuleReference",
            "RuleVersion",
            "VersionError",
            "VersionErrorKind",
            "VersionedRuleSet",
        ],
    ),
    (
        "outcomes, reports and rule-change impact: ids, dates, organisations, codes and counts \
         (small counts suppressed in reports)",
        &[
            "OutcomeKind",
            "OutcomeRecord",
            "Outcomes",
            "OutcomeError",
            "OutcomeErrorKind",
            "ReportOptions",
            "Dimension",
            "ReportRow",
            "ReportTable",
            "UnfilledPlaces",
            "ExpiringAgreement",
            "PartnerQuota",
            "Report",
            "ImpactGroup",
            "Transition",
            "RuleChangeImpact",
        ],
    ),
    (
        "explanation vocabulary and the classes of sensitive facts (names of facts, not values)",
        &[
            "ExplainError",
            "Form",
            "Lang",
            "SensitiveFact",
            "Sensitivity",
            "SentenceKind",
        ],
    ),
    (
        "batch results by row and id, compiled plans and rule-based eligibility",
        &[
            "BatchEvaluation",
            "BatchPlan",
            "Detail",
            "RuleEligibility",
            "EligibilityRuleError",
        ],
    ),
    (
        "receipts: rule hashes, keyed digests, codes and ids; erasure records (id and date)",
        &[
            "ReceiptKind",
            "RuleStamp",
            "ReceiptError",
            "ReceiptErrorKind",
            "Erasure",
            "SnapshotFileError",
            "SnapshotFileErrorKind",
        ],
    ),
    ("documentation only", &["WorkspaceReadme"]),
];

/// Every `pub struct` and `pub enum` declared in the crate's sources.
fn public_types() -> BTreeSet<String> {
    fn walk(dir: &Path, out: &mut BTreeSet<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                for line in text.lines() {
                    let t = line.trim_start();
                    for kw in ["pub struct ", "pub enum "] {
                        if let Some(rest) = t.strip_prefix(kw) {
                            let name: String = rest
                                .chars()
                                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                                .collect();
                            if name.starts_with(|c: char| c.is_ascii_uppercase()) {
                                out.insert(name);
                            }
                        }
                    }
                }
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

#[test]
fn every_public_type_is_classified() {
    let known: BTreeSet<&str> = FORMATTED
        .iter()
        .copied()
        .chain(NO_PERSONAL_DATA.iter().flat_map(|(_, v)| v.iter().copied()))
        .collect();
    let missing: Vec<String> = public_types()
        .into_iter()
        .filter(|t| !known.contains(t.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "public types not classified for personal data (add each to FORMATTED and format it \
         in `nothing_personal_is_printed`, or to NO_PERSONAL_DATA with the reason): {missing:?}"
    );
}

struct Secrets(Vec<String>);

impl Secrets {
    fn check(&self, what: &str, shown: &str) {
        for s in &self.0 {
            assert!(
                !shown.contains(s.as_str()),
                "{what} prints personal data ({} characters of it)",
                s.len()
            );
        }
    }
    fn debug<T: Debug>(&self, what: &str, v: &T) {
        self.check(what, &format!("{v:?}"));
        self.check(what, &format!("{v:#?}"));
    }
    fn display<T: Display + Debug>(&self, what: &str, v: &T) {
        self.debug(what, v);
        self.check(what, &v.to_string());
    }
}

#[test]
fn nothing_personal_is_printed() {
    let reg = east_java_2020().unwrap();
    let as_of = signing_day();
    let mut secrets = Vec::new();
    for b in reg.beneficiaries() {
        if let Some(n) = b.data().nik.as_deref() {
            secrets.push(n.to_owned());
        }
        if let Some(n) = b.data().name.as_deref() {
            secrets.push(n.to_owned());
        }
    }
    assert!(secrets.len() >= 100, "the sample has NIKs and names");
    let s = Secrets(secrets);

    s.debug("Registry", &reg);
    let rule =
        Rule::parse("age >= 18 and disabilities is not empty and nik_province = \"35\"").unwrap();
    let mut rows = Vec::new();
    for b in reg.beneficiaries() {
        s.debug("Beneficiary", b);
        s.debug("BeneficiaryData", b.data());
        s.debug("DisabilityProfile", &b.data().disability);
        s.debug("DerivedFacts", &b.derived(as_of));
        if let Some(nik) = b.nik() {
            s.display("Nik", nik);
            s.debug("NikInfo", &nik.info());
        }
        let facts = Facts::from_beneficiary(b, as_of);
        s.debug("Facts", &facts);
        let d = rule.evaluate(&facts, &Context::default(), as_of);
        s.debug("Decision", &d);
        s.debug("DecisionReport", &d.report());
        for lang in [Lang::En, Lang::Id] {
            let e = d.explain(lang, Form::Full);
            s.display("Explanation", &e);
            for sentence in &e.sentences {
                s.debug("Sentence", sentence);
            }
        }
        for r in d.reasons() {
            s.debug("Reason", &r);
            s.debug("Value", &r.actual);
        }
        rows.push(Row {
            id: b.id().to_string(),
            nik: b.data().nik.clone(),
            name: b.data().name.clone(),
            birth_date: facts.birth_date,
            ..Row::default()
        });
    }

    // Decision receipts of every beneficiary for every commitment rule, and their replays
    // (also after an erasure): ids, digests and rule text only.
    let rules = berdaya::allocation::RuleEligibility::from_registry(&reg).unwrap();
    let key = berdaya::ReceiptKey::new(b"personal data test key").unwrap();
    s.debug("ReceiptKey", &key);
    let targets: Vec<_> = rules.rules().map(|(t, _)| t).collect();
    let mut erased = reg.clone();
    for b in reg.beneficiaries() {
        erased.erase_personal_data(b.id(), as_of).unwrap();
    }
    for b in reg.beneficiaries() {
        for t in &targets {
            let mut ledger = berdaya::Enrollments::new();
            let r = ledger
                .enrol_with_receipt(&reg, &rules, &key, b.id(), t, as_of)
                .unwrap();
            s.debug("Receipt", &r);
            s.check("Receipt", &r.to_json());
            for reason in &r.reasons {
                s.debug("ReceiptReason", reason);
            }
            s.debug("ReceiptAction", &r.action);
            s.debug("Replay", &r.replay_with(&reg, &rules, &key).unwrap());
            s.debug("Replay", &r.replay_with(&erased, &rules, &key).unwrap());
        }
    }
    s.debug("Registry", &erased);
    s.check("Registry", &erased.to_json().unwrap());

    let opts = ImportOptions::new(as_of).on_error(OnError::SkipRow);
    let (pop, report) = Population::from_rows(&rows, &opts).unwrap();
    s.debug("Population", &pop);
    s.debug("ImportReport", &report);
    let mut builder = PopulationBuilder::new(as_of);
    for r in rows.iter().take(3) {
        builder.push(r).unwrap();
        s.debug("Row", r);
    }
    s.debug("PopulationBuilder", &builder);
    // the column-level import's input, holding every NIK and name as text and in a dictionary
    let text = |f: fn(&Row) -> Option<String>| -> Vec<Option<std::borrow::Cow<'_, str>>> {
        rows.iter().map(|r| f(r).map(Into::into)).collect()
    };
    let names: Vec<ColumnValue<'_>> = rows
        .iter()
        .filter_map(|r| r.name.clone())
        .map(|n| ColumnValue::Text(n.into()))
        .collect();
    for v in &names {
        s.debug("ColumnValue", v);
    }
    let list = ColumnValue::List(
        rows.iter()
            .filter_map(|r| r.nik.clone())
            .map(Into::into)
            .collect(),
    );
    s.debug("ColumnValue", &list);
    let codes: Vec<u32> = (0..rows.len())
        .map(|i| (i % names.len().max(1)) as u32)
        .collect();
    let columns = ColumnsInput::new(rows.len())
        .text("id", text(|r| Some(r.id.clone())))
        .text("nik", text(|r| r.nik.clone()))
        .dictionary("name", codes, names.clone());
    s.debug("ColumnsInput", &columns);
    s.debug(
        "BatchResult",
        &rule.evaluate_batch(&pop, &Context::default(), as_of),
    );

    // Errors about a person's data: a NIK whose birth date contradicts the record, bad cells
    // holding NIKs and names, a snapshot with a beneficiary's NIK in the wrong place.
    let (mut nik_errors, mut snapshot_errors) = (0, 0);
    for (i, b) in reg.beneficiaries().take(20).enumerate() {
        let Some(nik) = b.data().nik.as_deref() else {
            continue;
        };
        let name = b.data().name.clone().unwrap_or_default();
        // a NIK with a digit changed into an impossible month
        let mut bad = nik.to_owned();
        bad.replace_range(8..10, "13");
        if let Err(e) = Nik::parse(&bad, as_of) {
            nik_errors += 1;
            s.display("NikError", &e);
            s.debug("ErrorReport", &e.report(None));
        }
        let csv = format!("id,nik,name,birth_date\nx{i},{nik}1,{name},{nik}\n");
        let err = Population::from_csv(csv.as_bytes(), &ImportOptions::new(as_of)).unwrap_err();
        s.display("ImportError", &err);
        for issue in err.issues() {
            s.debug("ImportIssue", issue);
        }
        let snapshot = format!(
            "{{\"version\": 1, \"beneficiaries\": [{{\"id\": \"{nik}\", \"nik\": \"{nik}x\", \"name\": \"{name}\"}}]}}"
        );
        if let Err(e) = berdaya::Registry::from_json(&snapshot) {
            snapshot_errors += 1;
            s.display("SnapshotError", &e);
            s.debug("ErrorReport", &e.report(None));
        }
    }
    assert!(
        nik_errors >= 10 && snapshot_errors >= 10,
        "{nik_errors} {snapshot_errors}"
    );
}
