//! Golden test of the East Java 2020 example: key facts of the scenario, derived by hand from
//! DOMAIN.md §6, and the exact report text (`tests/golden/east_java_2020.txt`; regenerate with
//! `UPDATE_GOLDEN=1 cargo test -p berdaya --test east_java_example` after checking the diff).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use berdaya::disability::Multiplicity;
use berdaya::education::{Education, Paket};
use berdaya::facility::VisitorCategory;
use berdaya::ids::{AgreementId, BeneficiaryId, FacilityId, PartnerId};
use berdaya::livelihood::Livelihood;
use berdaya::partner::{Ownership, PartnerKind};
use berdaya::registry::Registry;
use berdaya::scenario::{east_java_2020, report, RESIDENTS_CSV};
use berdaya::vocab::CareStatus;
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn reg() -> Registry {
    east_java_2020().unwrap()
}

#[test]
fn five_pks_signed_on_9_september_2020_for_five_years() {
    let reg = reg();
    assert_eq!(reg.agreements().count(), 5);
    assert_eq!(reg.agreements_in_force_on(d(2020, 9, 8)).len(), 0);
    assert_eq!(reg.agreements_in_force_on(d(2020, 9, 9)).len(), 5);
    assert_eq!(reg.agreements_in_force_on(d(2025, 9, 8)).len(), 5);
    assert_eq!(reg.agreements_in_force_on(d(2025, 9, 9)).len(), 0);
    let dinsos =
        berdaya::agreement::PartyRef::Agency(berdaya::ids::AgencyId::new("dinsos-jatim").unwrap());
    for a in reg.agreements() {
        assert_eq!(a.signed_on(), Some(d(2020, 9, 9)));
        assert_eq!(
            a.parties()[0].party,
            dinsos,
            "Dinas Sosial is PIHAK PERTAMA"
        );
        assert_eq!(a.kind(), berdaya::agreement::AgreementKind::Pks);
    }
    assert_eq!(reg.agreements_expiring_within(d(2025, 6, 10), 90).len(), 5);
    assert_eq!(reg.agreements_expiring_within(d(2020, 9, 9), 90).len(), 0);
}

#[test]
fn partners_have_their_true_kinds_and_regions() {
    let reg = reg();
    let check = |id: &str, kind: PartnerKind, ownership: Ownership, region: &str| {
        let p = reg.partner(&PartnerId::new(id).unwrap()).unwrap();
        assert_eq!(
            (p.kind, p.ownership, p.region.to_string().as_str()),
            (kind, ownership, region),
            "{id}"
        );
    };
    check(
        "rsud-magetan",
        PartnerKind::Hospital,
        Ownership::RegionalGovernment,
        "35.20",
    );
    check(
        "stikes-hutama-abdi-husada",
        PartnerKind::HealthCollege,
        Ownership::Private,
        "35.04.03",
    );
    check(
        "stikes-bhakti-husada-mulia",
        PartnerKind::HealthCollege,
        Ownership::Private,
        "35.77",
    );
    check(
        "poltekesos-bandung",
        PartnerKind::Polytechnic,
        Ownership::CentralGovernment,
        "32.73",
    );
    check(
        "batik-wistara",
        PartnerKind::Business,
        Ownership::Private,
        "35.78.03",
    );
    for id in [
        "rsud-magetan",
        "stikes-hutama-abdi-husada",
        "stikes-bhakti-husada-mulia",
        "poltekesos-bandung",
        "batik-wistara",
    ] {
        let pid = PartnerId::new(id).unwrap();
        let n = reg
            .agreements_in_force_on(d(2020, 9, 9))
            .iter()
            .filter(|a| {
                a.parties()
                    .iter()
                    .any(|p| p.party == berdaya::agreement::PartyRef::Partner(pid.clone()))
            })
            .count();
        assert_eq!(n, 1, "{id} has one PKS in force");
    }
}

#[test]
fn upts_closed_to_families_in_2020_and_open_to_officials() {
    let reg = reg();
    let n = reg.facilities().count();
    assert!(n >= 2);
    assert_eq!(
        reg.facilities_closed_to(VisitorCategory::Family, d(2020, 9, 9))
            .len(),
        n
    );
    assert_eq!(
        reg.facilities_closed_to(VisitorCategory::Official, d(2020, 9, 9))
            .len(),
        0
    );
    assert_eq!(
        reg.facilities_closed_to(VisitorCategory::Family, d(2020, 1, 1))
            .len(),
        0
    );
    for id in ["upt-rsbd-pasuruan", "upt-rsbrw-pasuruan"] {
        let f = reg.facility(&FacilityId::new(id).unwrap()).unwrap();
        assert_eq!(f.region.to_string(), "35.14.14", "{id} is in Bangil");
    }
}

#[test]
fn seed_beneficiaries_of_domain_md() {
    let reg = reg();
    let as_of = d(2020, 9, 9);
    let b1 = reg
        .beneficiary(&BeneficiaryId::new("pm-0001").unwrap())
        .unwrap();
    let f = b1.derived(as_of);
    assert_eq!(f.age, Some(24));
    assert_eq!(f.care_status, Some(CareStatus::Alumnus));
    assert_eq!(
        f.facility,
        Some(FacilityId::new("upt-rsbrw-pasuruan").unwrap())
    );
    assert!(f.warnings.is_empty());
    assert_eq!(
        b1.data().disability.unwrap().multiplicity(),
        Some(Multiplicity::Ganda)
    );
    assert!(
        matches!(&b1.data().livelihood, Some(Livelihood::Employed { partner: Some(p), .. }) if p.as_str() == "batik-wistara")
    );
    assert_eq!(b1.data().education.unwrap().level(), Some(Education::Smp));
    assert_eq!(f.decile, Some(2));

    let b2 = reg
        .beneficiary(&BeneficiaryId::new("pm-0002").unwrap())
        .unwrap();
    let f = b2.derived(as_of);
    assert_eq!(f.age, Some(22));
    assert_eq!(f.care_status, Some(CareStatus::Alumnus));
    assert_eq!(
        f.facility,
        Some(FacilityId::new("upt-rsbd-pasuruan").unwrap())
    );
    let edu = b2.data().education.unwrap();
    assert_eq!(
        (edu.level(), edu.via_paket()),
        (Some(Education::Sma), Some(Paket::C))
    );
    assert_eq!(b2.nik().unwrap().sex(), berdaya::Sex::Female);
}

#[test]
fn about_two_hundred_people_mostly_registered_in_east_java() {
    let reg = reg();
    let n = reg.beneficiaries().count();
    assert!((180..=220).contains(&n), "{n}");
    let jatim = reg
        .beneficiaries()
        .filter(|b| b.nik().unwrap().province().to_string() == "35")
        .count();
    assert!(
        jatim * 100 >= n * 75 && jatim * 100 <= n * 90,
        "{jatim} of {n}"
    );
    let as_of = d(2020, 9, 9);
    let residents = reg
        .beneficiaries()
        .filter(|b| b.derived(as_of).care_status == Some(CareStatus::Resident))
        .count();
    let alumni = reg
        .beneficiaries()
        .filter(|b| b.derived(as_of).care_status == Some(CareStatus::Alumnus))
        .count();
    assert!(residents > 0 && alumni > 0);
    let rsbrw = FacilityId::new("upt-rsbrw-pasuruan").unwrap();
    assert!(reg
        .beneficiaries_by(&rsbrw, CareStatus::Alumnus, as_of)
        .iter()
        .any(|b| b.id().as_str() == "pm-0001"));
    // The scenario's deliberate NIK disagreements show up as warnings, never as errors.
    assert!(!reg.warnings(as_of).is_empty());
    // Everyone in the PSTW was admitted at 60 or older, and in the PSBR at 15 to 21.
    assert!(!reg
        .warnings(as_of)
        .iter()
        .any(|(_, w)| *w == berdaya::FactWarning::AdmittedOutsideAgeRange));
}

#[test]
fn commitments_and_quotas() {
    let reg = reg();
    let jobs = reg.commitments_by_service(berdaya::partner::Service::Employment, d(2020, 9, 9));
    assert_eq!(jobs.len(), 1);
    assert_eq!(
        jobs[0].0.id(),
        &AgreementId::new("pks-2020-batik-wistara").unwrap()
    );
    assert!(reg
        .commitments_by_service(berdaya::partner::Service::Employment, d(2025, 9, 9))
        .is_empty());
    assert_eq!(Ownership::Private.required_employees(100), 1);
    assert_eq!(Ownership::RegionalGovernment.required_employees(100), 2);
    assert_eq!(Ownership::RegionalGovernment.required_employees(101), 3);
}

#[test]
fn report_has_no_personal_data() {
    let text = report(&reg());
    for line in RESIDENTS_CSV.lines().skip(1) {
        let cols: Vec<&str> = line.split(',').collect();
        assert!(!text.contains(cols[1]), "a NIK is printed");
        assert!(!text.contains(cols[2]), "a name is printed");
    }
}

#[test]
fn report_matches_golden_output() {
    let text = report(&reg());
    let path = format!(
        "{}/tests/golden/east_java_2020.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let golden = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text, golden,
        "the report changed; check and regenerate with UPDATE_GOLDEN=1"
    );
    for line in [
        "2020-09-08: 0 in force",
        "2020-09-09: 5 in force",
        "2025-09-09: 0 in force",
        "closed to families: 7 of 7",
        "closed to families: 0 of 7",
        "batik-wistara: private (1%)",
        "rsud-magetan: regional_government (2%)",
    ] {
        assert!(text.contains(line), "{line}");
    }
}

/// The residents' CSV as maps from column to value, read naively (it has no quoted fields).
fn csv_rows() -> Vec<std::collections::BTreeMap<String, String>> {
    let mut lines = RESIDENTS_CSV.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    lines
        .map(|l| {
            header
                .iter()
                .zip(l.split(','))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// An independent reading of the CSV on the signing day: `alumnus` once the stay ended
/// (whatever the exit stage), `resident` once admitted and not yet out.
fn naive_status(r: &std::collections::BTreeMap<String, String>) -> &'static str {
    let on = d(2020, 9, 9);
    let day = |k: &str| r[k].parse::<NaiveDate>().ok();
    match (day("admitted_on"), day("exit_on")) {
        (_, Some(x)) if x <= on => "alumnus",
        (Some(a), _) if a <= on => "resident",
        _ => "other",
    }
}

fn naive_age(r: &std::collections::BTreeMap<String, String>) -> Option<i32> {
    use chrono::Datelike;
    let on = d(2020, 9, 9);
    let b: NaiveDate = r["birth_date"].parse().ok()?;
    Some(on.year() - b.year() - i32::from((on.month(), on.day()) < (b.month(), b.day())))
}

/// Kleene "and" of the jobs rule (`care_status = alumnus and disabilities has any of
/// [physical, sensory_hearing, sensory_speech] and age between 17 and 45`), from the CSV.
fn naive_jobs(r: &std::collections::BTreeMap<String, String>) -> Option<bool> {
    let alumnus = Some(naive_status(r) == "alumnus");
    let disabled = (!r["disabilities"].is_empty()).then(|| {
        r["disabilities"]
            .split(';')
            .any(|x| ["physical", "sensory_hearing", "sensory_speech"].contains(&x))
    });
    let age = naive_age(r).map(|a| (17..=45).contains(&a));
    let parts = [alumnus, disabled, age];
    if parts.contains(&Some(false)) {
        Some(false)
    } else if parts.contains(&None) {
        None
    } else {
        Some(true)
    }
}

#[test]
fn allocation_of_the_2020_places() {
    let reg = reg();
    let alloc = berdaya::scenario::allocate_2020(&reg).unwrap();
    let rows: std::collections::BTreeMap<String, _> = csv_rows()
        .into_iter()
        .map(|r| (r["id"].clone(), r))
        .collect();
    let by = |c: &str| {
        alloc
            .commitments
            .iter()
            .find(|x| x.commitment.as_str() == c)
            .unwrap()
    };
    // The commitments that place people, with their capacities (examples/data): 10 jobs at
    // a time, 20 trainees and 2 scholarships per year; practicum and health places are for
    // students and services, not beneficiaries.
    let offered: Vec<(&str, u32)> = alloc
        .commitments
        .iter()
        .map(|c| (c.commitment.as_str(), c.places))
        .collect();
    assert_eq!(
        offered,
        vec![("jobs", 10), ("batik-training", 20), ("scholarships", 2)]
    );
    // No commitment over capacity, nobody placed twice.
    for c in &alloc.commitments {
        assert!(c.placed.len() as u32 <= c.places, "{}", c.commitment);
    }
    let mut seen = std::collections::BTreeSet::new();
    for p in &alloc.placements {
        assert!(seen.insert(p.beneficiary.clone()), "placed twice");
    }
    // jobs: the CSV read by hand gives 67 eligible and 10 undetermined; 10 places.
    let naive: Vec<Option<bool>> = rows.values().map(naive_jobs).collect();
    let eligible = naive.iter().filter(|x| **x == Some(true)).count();
    let unknown = naive.iter().filter(|x| x.is_none()).count();
    assert_eq!((eligible, unknown), (67, 10));
    let jobs = by("jobs");
    assert_eq!(jobs.applicants, 67);
    assert_eq!((jobs.placed.len(), jobs.waitlist.len()), (10, 57));
    for id in &jobs.placed {
        assert_eq!(naive_jobs(&rows[id.as_str()]), Some(true), "{id}");
    }
    // batik training (`care_status = resident`): 59 residents on the signing day.
    let residents = rows
        .values()
        .filter(|r| naive_status(r) == "resident")
        .count();
    assert_eq!(residents, 59);
    let batik = by("batik-training");
    assert_eq!(batik.applicants, 59);
    assert_eq!((batik.placed.len(), batik.waitlist.len()), (20, 39));
    // the poorest first: no placed trainee has a higher decile than a waiting one, and
    // unknown deciles come last
    let decile = |id: &berdaya::ids::BeneficiaryId| {
        rows[id.as_str()]["decile"].parse::<u8>().unwrap_or(u8::MAX)
    };
    let worst_placed = batik.placed.iter().map(decile).max().unwrap();
    let best_waiting = batik.waitlist.iter().map(decile).min().unwrap();
    assert!(worst_placed <= best_waiting);
    for id in &batik.placed {
        assert_eq!(naive_status(&rows[id.as_str()]), "resident", "{id}");
    }
    // scholarships (`care_status = alumnus and education >= sma and age between 17 and
    // 35`): the 2 placed are such alumni; people placed in a job do not wait for one.
    let sch = by("scholarships");
    assert_eq!(sch.placed.len(), 2);
    for id in &sch.placed {
        let r = &rows[id.as_str()];
        assert_eq!(naive_status(r), "alumnus");
        assert!(r["education"] == "sma" || r["paket"] == "c", "{id}");
        assert!((17..=35).contains(&naive_age(r).unwrap()), "{id}");
    }
    // By hand from the CSV: 30 alumni aged 17-35 with SMA (or Paket C), 12 undetermined.
    let naive_sch = |r: &std::collections::BTreeMap<String, String>| {
        let edu = if r["education"] == "sma" || r["paket"] == "c" {
            Some(true)
        } else {
            (!r["education"].is_empty()).then_some(false)
        };
        let parts = [
            Some(naive_status(r) == "alumnus"),
            edu,
            naive_age(r).map(|a| (17..=35).contains(&a)),
        ];
        if parts.contains(&Some(false)) {
            Some(false)
        } else if parts.contains(&None) {
            None
        } else {
            Some(true)
        }
    };
    let sch_eligible: Vec<&String> = rows
        .iter()
        .filter(|(_, r)| naive_sch(r) == Some(true))
        .map(|(id, _)| id)
        .collect();
    assert_eq!(sch_eligible.len(), 30);
    assert_eq!(sch.applicants, 30);
    // each of them is placed there, waiting there, or already placed in a job (one place
    // per person; jobs are filled first, in agreement order)
    for id in sch_eligible {
        let id = berdaya::ids::BeneficiaryId::new(id).unwrap();
        let places = [&sch.placed, &sch.waitlist, &jobs.placed]
            .iter()
            .filter(|l| l.contains(&id))
            .count();
        assert_eq!(places, 1, "{id}");
    }
    // every placement carries the deciding rule's version
    assert!(alloc.placements.iter().all(|p| p.rule_version.is_some()));
    let text = report(&reg);
    assert!(text.contains("pks-2020-batik-wistara/jobs: 10 places, 67 eligible, 10 placed, 57 waiting, 10 need information"));
    assert!(text.contains("enrolled in the ledger: 32 of 32"));
}

/// The report's registry-wide summary comes from batch evaluation; every commitment's counts
/// equal those of single-person evaluation of the same beneficiaries with the commitment's
/// context (an independent evaluator: the rule tree over `Facts::from_beneficiary`).
#[test]
fn registry_wide_batch_summary_equals_single_person_counts() {
    use berdaya::agreement::PartyRef;
    use berdaya::population::Population;
    use berdaya::rules::{Context, Facts, Outcome, Rule};
    let reg = reg();
    let on = d(2020, 9, 9);
    let (pop, _) =
        Population::from_registry(&reg, &berdaya::population::ImportOptions::new(on)).unwrap();
    let text = report(&reg);
    let mut checked = 0;
    for a in reg.agreements() {
        let partner = a.parties().iter().find_map(|p| match &p.party {
            PartyRef::Partner(id) => reg.partner(id),
            PartyRef::Agency(_) => None,
        });
        let context = Context::for_agreement(a, partner, on);
        for c in a.commitments_on(on) {
            let Some(src) = c.eligibility.as_deref() else {
                continue;
            };
            let rule = Rule::parse(src).unwrap();
            let counts = rule.evaluate_batch(&pop, &context, on).counts();
            let mut single = [0usize; 3];
            for b in reg.beneficiaries() {
                let o = rule
                    .evaluate(&Facts::from_beneficiary(b, on), &context, on)
                    .outcome();
                single[match o {
                    Outcome::Eligible => 0,
                    Outcome::Ineligible => 1,
                    Outcome::Undetermined => 2,
                }] += 1;
            }
            assert_eq!(
                [counts.eligible, counts.ineligible, counts.undetermined],
                single,
                "{}/{}",
                a.id(),
                c.id
            );
            let line = format!(
                "{}/{}: {} of {} eligible, {} ineligible, {} undetermined",
                a.id(),
                c.id,
                single[0],
                pop.len(),
                single[1],
                single[2]
            );
            assert!(text.contains(&line), "report lacks {line:?}");
            checked += 1;
        }
    }
    assert_eq!(checked, 4);
}
