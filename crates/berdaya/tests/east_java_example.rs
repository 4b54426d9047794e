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
