//! Property tests: agreement lifecycles against a small independent model, and random
//! registries through the JSON snapshot.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use berdaya::agreement::{
    Addendum, Agreement, AgreementData, AgreementKind, AgreementStatus, Change,
};
use berdaya::beneficiary::{
    Beneficiary, BeneficiaryData, CareEpisode, CareEvent, CareStage, DisabilityProfile,
};
use berdaya::disability::{DisabilitySet, ALL_DISABILITIES};
use berdaya::facility::{
    Agency, AgencyLevel, Cluster, Facility, FacilityKind, VisitRestriction, VisitorCategory,
};
use berdaya::ids::{AgencyId, AgreementId, BeneficiaryId, FacilityId, PartnerId};
use berdaya::livelihood::{EmployeeCount, Livelihood};
use berdaya::partner::{Ownership, Partner, PartnerKind, Workforce};
use berdaya::period::Period;
use berdaya::registry::Registry;
use berdaya::{Nik, RegionCode, Sex};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use serde_json::json;

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
}

fn day(n: u64) -> NaiveDate {
    base() + Days::new(n)
}

// ---------------------------------------------------------------- the model

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Negotiate,
    Approve,
    Sign,
    Suspend,
    Resume,
    Terminate,
    Extend,
    /// Moves the end to this day offset.
    SetUntil(u64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Negotiated,
    Approved,
    Signed,
    Suspended,
    Resumed,
    Terminated,
    Extended,
    Until(u64),
}

/// An independent model: a list of dated steps and a status function written from the
/// domain rules, not calling the code under test.
#[derive(Debug, Clone)]
struct Model {
    from: u64,
    until: u64,
    steps: Vec<(u64, Step)>,
}

impl Model {
    fn status(&self, at: u64) -> &'static str {
        let mut stage = "draft";
        let mut extended = false;
        let mut until = self.until;
        for (d, s) in self.steps.iter().filter(|(d, _)| *d <= at) {
            let _ = d;
            match s {
                Step::Negotiated => stage = "negotiated",
                Step::Approved => stage = "approved",
                Step::Signed | Step::Resumed => stage = "active",
                Step::Suspended => stage = "suspended",
                Step::Terminated => stage = "terminated",
                Step::Extended => extended = true,
                Step::Until(u) => until = *u,
            }
        }
        let after_end = if extended { "extended" } else { "expired" };
        match stage {
            "active" if at < self.from => "signed",
            "active" if at <= until => "in_force",
            "suspended" if at <= until => "suspended",
            "active" | "suspended" => after_end,
            other => other,
        }
    }

    fn apply(&mut self, at: u64, op: Op) -> bool {
        if self.steps.last().is_some_and(|(d, _)| at < *d) {
            return false;
        }
        let s = self.status(at);
        let extended = self.steps.iter().any(|(_, s)| *s == Step::Extended);
        let step = match op {
            Op::Negotiate if s == "draft" => Step::Negotiated,
            Op::Approve if s == "negotiated" => Step::Approved,
            Op::Sign if s == "approved" && self.from >= at => Step::Signed,
            Op::Suspend if s == "in_force" => Step::Suspended,
            Op::Resume if s == "suspended" => Step::Resumed,
            Op::Terminate if ["signed", "in_force", "suspended"].contains(&s) => Step::Terminated,
            Op::Extend if ["in_force", "expired"].contains(&s) && !extended => Step::Extended,
            Op::SetUntil(u)
                if ["signed", "in_force", "suspended"].contains(&s)
                    && u >= self.from
                    && at <= u =>
            {
                Step::Until(u)
            }
            _ => return false,
        };
        self.steps.push((at, step));
        true
    }
}

fn agreement(from: u64, until: u64) -> Agreement {
    let data: AgreementData = serde_json::from_value(json!({
        "id": "pks-prop", "kind": "pks", "title": "PKS TENTANG UJI",
        "parties": [
            {"party": {"agency": "dinsos-jatim"}, "signatory": {"name": "A", "position": "Kepala Dinas"}},
            {"party": {"partner": "mitra"}, "signatory": {"name": "B", "position": "Direktur"}}],
        "period": {"from": day(from), "until": day(until)}
    }))
    .unwrap();
    Agreement::new(data).unwrap()
}

fn run(a: &mut Agreement, at: u64, op: Op, n: usize) -> bool {
    let on = day(at);
    match op {
        Op::Negotiate => a.negotiate(on),
        Op::Approve => a.approve(on),
        Op::Sign => a.sign(on),
        Op::Suspend => a.suspend(on, "x"),
        Op::Resume => a.resume(on),
        Op::Terminate => a.terminate(on, "x"),
        Op::Extend => a.extend(on, AgreementId::new("pks-next").unwrap()),
        Op::SetUntil(u) => {
            let p = a.period_on(on);
            match Period::new(p.from(), day(u)) {
                Ok(period) => a.amend(
                    on,
                    Addendum {
                        number: format!("ADD/{n}"),
                        changes: vec![Change::SetPeriod { period }],
                    },
                ),
                Err(_) => return false,
            }
        }
    }
    .is_ok()
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => Just(Op::Negotiate),
        3 => Just(Op::Approve),
        3 => Just(Op::Sign),
        2 => Just(Op::Suspend),
        2 => Just(Op::Resume),
        1 => Just(Op::Terminate),
        1 => Just(Op::Extend),
        2 => (0u64..1200).prop_map(Op::SetUntil),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn lifecycle_agrees_with_the_model(
        from in 0u64..200,
        len in 0u64..900,
        ops in prop::collection::vec((0u64..90, op()), 0..25),
        probes in prop::collection::vec(0u64..1400, 8),
    ) {
        let until = from + len;
        let mut a = agreement(from, until);
        let mut m = Model { from, until, steps: Vec::new() };
        let mut at: u64 = 0;
        for (n, (step, op)) in ops.into_iter().enumerate() {
            // mostly forward in time, sometimes backwards (out of order)
            at = if step < 5 { at.saturating_sub(step) } else { at + step - 5 };
            let got = run(&mut a, at, op, n);
            let want = m.apply(at, op);
            prop_assert_eq!(got, want, "op {:?} on day {} ({:?})", op, at, m);
            for &p in &probes {
                let s = a.status_on(day(p));
                prop_assert_eq!(s.as_str(), m.status(p), "day {}", p);
                // never an illegal state
                if matches!(s, AgreementStatus::InForce | AgreementStatus::Suspended) {
                    let signed = a.signed_on().unwrap();
                    prop_assert!(signed <= day(p) && a.period_on(day(p)).contains(day(p)));
                }
            }
        }
        // the history replays to the same agreement
        let back: Agreement = serde_json::from_value(serde_json::to_value(&a).unwrap()).unwrap();
        prop_assert_eq!(back, a);
    }
}

// ---------------------------------------------------------------- random registries

fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

fn facility(i: usize, closed: Option<(u64, u64, u8)>) -> Facility {
    Facility {
        id: FacilityId::new(format!("upt-{i}")).unwrap(),
        agency: AgencyId::new("dinsos-jatim").unwrap(),
        name: format!("UPT {i}"),
        short_code: None,
        kind: FacilityKind::RehsosBinaDaksa,
        cluster: Cluster::Disability,
        region: RegionCode::parse("35.14").unwrap(),
        capacity: if i % 2 == 0 {
            Some(50 + i as u32)
        } else {
            None
        },
        admission_age: None,
        target_ppks: Default::default(),
        residential: true,
        visit_restrictions: closed
            .map(|(a, len, cats)| {
                let cats: Vec<VisitorCategory> = [
                    VisitorCategory::Family,
                    VisitorCategory::Official,
                    VisitorCategory::Public,
                ]
                .into_iter()
                .enumerate()
                .filter(|(k, _)| cats & (1 << k) != 0)
                .map(|(_, c)| c)
                .collect();
                VisitRestriction::new(Period::new(day(a), day(a + len)).unwrap(), "x", cats).ok()
            })
            .into_iter()
            .flatten()
            .collect(),
    }
}

#[derive(Debug, Clone)]
struct Person {
    district: u8,
    birth: u64,
    female: bool,
    known: u16,
    disability: u16,
    stages: Vec<(u64, u8)>,
    facility: usize,
    employees: u32,
}

fn person() -> impl Strategy<Value = Person> {
    (
        1u8..30,
        0u64..20000,
        any::<bool>(),
        any::<u16>(),
        any::<u16>(),
        prop::collection::vec((0u64..400, 0u8..9), 0..6),
        0usize..4,
        0u32..5,
    )
        .prop_map(
            |(district, birth, female, known, disability, stages, facility, employees)| Person {
                district,
                birth,
                female,
                known,
                disability,
                stages,
                facility,
                employees,
            },
        )
}

const STAGES: [CareStage; 9] = [
    CareStage::Applicant,
    CareStage::Assessment,
    CareStage::Resident,
    CareStage::Graduated,
    CareStage::Alumnus,
    CareStage::Referred,
    CareStage::ReturnedToFamily,
    CareStage::Left,
    CareStage::Died,
];

fn beneficiary(i: usize, p: &Person, facilities: usize) -> Option<Beneficiary> {
    let reg_day = d(2020, 9, 9);
    let birth = d(1950, 1, 1) + Days::new(p.birth);
    let mut b = BeneficiaryData::new(BeneficiaryId::new(format!("pm-{i}")).unwrap(), reg_day);
    let bit = |k: u16| p.known & (1 << k) != 0;
    if bit(0) {
        let district = RegionCode::parse(&format!("35.14.{:02}", p.district)).unwrap();
        let sex = if p.female { Sex::Female } else { Sex::Male };
        b.nik = Some(
            Nik::from_parts(&district, birth, sex, i as u16 + 1, reg_day)
                .ok()?
                .reveal()
                .to_owned(),
        );
    }
    if bit(1) {
        b.name = Some(format!("Person {i} \u{e9}"));
    }
    if bit(2) {
        b.sex = Some(if p.female ^ bit(9) {
            Sex::Female
        } else {
            Sex::Male
        });
    }
    if bit(3) {
        b.birth_date = Some(birth);
    }
    if bit(4) {
        b.disability = Some(DisabilityProfile {
            types: ALL_DISABILITIES
                .into_iter()
                .filter(|x| p.disability & x.bit() != 0)
                .collect::<DisabilitySet>(),
            assessed_by_medical: if bit(10) { Some(bit(11)) } else { None },
            assessed_on: None,
        });
    }
    if bit(5) {
        b.livelihood = Some(match p.employees {
            0 => Livelihood::Unemployed,
            1 => Livelihood::Employed {
                partner: Some(PartnerId::new("mitra").unwrap()),
                employer: None,
            },
            2 => Livelihood::SelfEmployed {
                trade: Some("sewing".into()),
            },
            n => Livelihood::Employer {
                employees: EmployeeCount::new(n).unwrap(),
            },
        });
    }
    if bit(6) {
        // a valid care path: follow the generated stages while they are legal
        let mut events: Vec<CareEvent> = Vec::new();
        let mut on = d(2015, 1, 1);
        for &(gap, s) in &p.stages {
            on = on + Days::new(gap);
            events.push(CareEvent {
                on,
                stage: STAGES[usize::from(s)],
            });
            let ep = CareEpisode {
                facility: FacilityId::new(format!("upt-{}", p.facility % facilities)).unwrap(),
                events: events.clone(),
            };
            let mut probe = BeneficiaryData::new(BeneficiaryId::new("probe").unwrap(), reg_day);
            probe.care = Some(vec![ep]);
            if Beneficiary::new(probe).is_err() {
                events.pop();
            }
        }
        b.care = Some(if events.is_empty() {
            Vec::new()
        } else {
            vec![CareEpisode {
                facility: FacilityId::new(format!("upt-{}", p.facility % facilities)).unwrap(),
                events,
            }]
        });
    }
    Beneficiary::new(b).ok()
}

/// An agreement's period start, length and dated operations.
type Lifecycle = (u64, u64, Vec<(u64, Op)>);

fn registry(
    closures: Vec<Option<(u64, u64, u8)>>,
    lifecycles: Vec<Lifecycle>,
    people: Vec<Person>,
    headcount: Option<u32>,
) -> Registry {
    let mut reg = Registry::new();
    reg.add_agency(Agency {
        id: AgencyId::new("dinsos-jatim").unwrap(),
        name: "Dinas Sosial Provinsi Jawa Timur".into(),
        level: AgencyLevel::Province,
        region: RegionCode::parse("35.78").unwrap(),
        address: None,
        head_title: None,
    })
    .unwrap();
    let nf = closures.len();
    for (i, c) in closures.into_iter().enumerate() {
        reg.add_facility(facility(i, c)).unwrap();
    }
    reg.add_partner(Partner {
        id: PartnerId::new("mitra").unwrap(),
        name: "Mitra".into(),
        kind: PartnerKind::Business,
        ownership: Ownership::Private,
        region: RegionCode::parse("35.78.03").unwrap(),
        address: None,
        signatory_title: None,
        services: Default::default(),
        workforce: Workforce::new(headcount, headcount.map(|h| h / 50)).unwrap(),
    })
    .unwrap();
    for (k, (from, len, ops)) in lifecycles.into_iter().enumerate() {
        let mut data = agreement(from, from + len).data().clone();
        data.id = AgreementId::new(format!("pks-{k}")).unwrap();
        data.kind = AgreementKind::Pks;
        data.parties[1].number = Some(format!("{k}/MITRA/2020"));
        let mut a = Agreement::new(data).unwrap();
        let mut at: u64 = 0;
        for (n, (step, op)) in ops.into_iter().enumerate() {
            at += step;
            if op != Op::Extend {
                let _ = run(&mut a, at, op, n);
            }
        }
        reg.add_agreement(a).unwrap();
    }
    for (i, p) in people.iter().enumerate() {
        if let Some(b) = beneficiary(i, p, nf) {
            reg.add_beneficiary(b).unwrap();
        }
    }
    reg
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_registries_round_trip(
        closures in prop::collection::vec(prop::option::of((0u64..800, 0u64..400, 1u8..8)), 1..4),
        lifecycles in prop::collection::vec((0u64..100, 0u64..900, prop::collection::vec((0u64..60, op()), 0..10)), 0..4),
        people in prop::collection::vec(person(), 0..25),
        headcount in prop::option::of(0u32..5000),
    ) {
        let reg = registry(closures, lifecycles, people, headcount);
        let json = reg.to_json().unwrap();
        let back = Registry::from_json(&json).unwrap();
        prop_assert_eq!(&back, &reg);
        prop_assert_eq!(back.to_json().unwrap(), json);
    }
}

/// Found by the Python hostile-input test: a window past the end of the calendar panicked.
#[test]
fn expiring_window_past_the_end_of_the_calendar() {
    let reg = berdaya::scenario::east_java_2020().unwrap();
    let last = chrono::NaiveDate::MAX;
    assert!(reg.agreements_expiring_within(last, u32::MAX).is_empty());
    let d = chrono::NaiveDate::from_ymd_opt(2025, 6, 10).unwrap();
    assert_eq!(reg.agreements_expiring_within(d, u32::MAX).len(), 5);
}
