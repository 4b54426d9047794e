//! `allocate_compact` against `allocate`, on random small markets: the compact form
//! materialises to exactly the allocation `allocate` returns, and its per-applicant and
//! per-commitment accessors agree with that allocation.
//!
//! The expectations come from `allocate`, which is itself checked against the domain's
//! properties (capacity, eligibility, stability, strategy-proofness, determinism, order
//! independence) in `allocation_props.rs`, and whose one-pass algorithm is checked against
//! the textbook algorithms (heap-based deferred acceptance, filling in request order) in the
//! unit tests of `allocation::compact`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use berdaya::allocation::{
    allocate, allocate_compact, lottery, Allocation, AllocationRequest, Applicant,
    CommitmentPlaces, CommitmentRef, EligibilityEntry, EligibilityOutcome, Placement,
    PriorityFacts,
};
use berdaya::ids::{AgreementId, BeneficiaryId, CommitmentId};
use berdaya::Coded;
use proptest::prelude::*;

fn cref(c: usize) -> CommitmentRef {
    CommitmentRef {
        agreement: AgreementId::new(format!("pks-{}", c % 2)).unwrap(),
        commitment: CommitmentId::new(format!("c{c}")).unwrap(),
    }
}

/// Decile, days in care, outcome per commitment (None: absent), preferences.
type Person = (
    Option<u8>,
    Option<i64>,
    Vec<Option<EligibilityOutcome>>,
    Vec<usize>,
);

fn outcome() -> impl Strategy<Value = Option<EligibilityOutcome>> {
    prop_oneof![
        4 => Just(Some(EligibilityOutcome::Eligible)),
        1 => Just(Some(EligibilityOutcome::Ineligible)),
        1 => Just(Some(EligibilityOutcome::Undetermined)),
        1 => Just(None),
    ]
}

fn request() -> impl Strategy<Value = AllocationRequest> {
    (1usize..6, 0usize..25, any::<bool>(), 1u32..4).prop_flat_map(|(m, n, ranked, max)| {
        let person = (
            proptest::option::of(1u8..=10),
            proptest::option::of(0i64..50),
            proptest::collection::vec(outcome(), m),
            Just((0..m).collect::<Vec<_>>()).prop_shuffle(),
            0..=m,
        )
            .prop_map(|(d, days, el, prefs, k)| {
                (d, days, el, prefs.into_iter().take(k).collect::<Vec<_>>())
            });
        (
            "[a-z]{0,4}",
            proptest::collection::vec(0u32..4, m),
            proptest::collection::vec(person, n),
        )
            .prop_map(
                move |(seed, places, people): (String, Vec<u32>, Vec<Person>)| {
                    build(
                        &seed,
                        &places,
                        &people,
                        ranked,
                        if ranked { 1 } else { max },
                    )
                },
            )
    })
}

fn build(
    seed: &str,
    places: &[u32],
    people: &[Person],
    ranked: bool,
    max: u32,
) -> AllocationRequest {
    AllocationRequest {
        seed: seed.into(),
        commitments: places
            .iter()
            .enumerate()
            .map(|(c, &places)| CommitmentPlaces {
                agreement: cref(c).agreement,
                commitment: cref(c).commitment,
                places,
            })
            .collect(),
        applicants: people
            .iter()
            .enumerate()
            .map(|(i, (decile, days, el, prefs))| Applicant {
                id: BeneficiaryId::new(format!("pm-{i}")).unwrap(),
                facts: PriorityFacts {
                    dtks_decile: *decile,
                    days_in_care: *days,
                    ..Default::default()
                },
                eligibility: el
                    .iter()
                    .enumerate()
                    .filter_map(|(c, o)| {
                        o.map(|outcome| EligibilityEntry {
                            agreement: cref(c).agreement,
                            commitment: cref(c).commitment,
                            outcome,
                            missing: if outcome == EligibilityOutcome::Undetermined {
                                vec!["age".into()]
                            } else {
                                vec![]
                            },
                            rule_version: (c % 2 == 0).then(|| format!("v{c}")),
                        })
                    })
                    .collect(),
                // an applicant in three without a list ranks in request order
                preferences: (ranked && i % 3 != 2)
                    .then(|| prefs.iter().map(|&c| cref(c)).collect()),
            })
            .collect(),
        priorities: serde_json::from_value(serde_json::json!([
            {"fact": "dtks_decile", "order": "asc"},
            {"fact": "days_in_care", "order": "desc", "nulls": "first"}
        ]))
        .unwrap(),
        max_places_per_person: max,
    }
}

fn ids(req: &AllocationRequest, v: &[u32]) -> Vec<BeneficiaryId> {
    v.iter()
        .map(|&a| req.applicants[a as usize].id.clone())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn compact_agrees_with_allocate(req in request()) {
        let full = allocate(&req).unwrap();
        let c = allocate_compact(&req).unwrap();
        prop_assert_eq!(&c.to_allocation(), &full);
        prop_assert_eq!(&Allocation::from(&c), &full);
        prop_assert_eq!(c.mode(), full.mode);
        prop_assert_eq!(c.placements().collect::<Vec<_>>(), full.placements.clone());
        prop_assert_eq!(c.unplaced().collect::<Vec<_>>(), full.unplaced.clone());
        prop_assert_eq!(c.commitments().collect::<Vec<_>>(), full.commitments.clone());
        prop_assert_eq!(c.needs_information().collect::<Vec<_>>(), full.needs_information.clone());
        prop_assert_eq!(c.placement_count(), full.placements.len());
        prop_assert_eq!(c.unplaced_count(), full.unplaced.len());

        let n = req.applicants.len();
        let m = req.commitments.len();
        // the priority order is a permutation in which placements and the unplaced appear
        let mut sorted = c.priority_order().to_vec();
        sorted.sort_unstable();
        prop_assert_eq!(sorted, (0..n as u32).collect::<Vec<_>>());
        let at = |id: &BeneficiaryId| {
            c.priority_order().iter().position(|&a| req.applicants[a as usize].id == *id).unwrap()
        };
        let seen: Vec<usize> = full.placements.iter().map(|p| at(&p.beneficiary)).collect();
        prop_assert!(seen.windows(2).all(|w| w[0] <= w[1]));
        let seen: Vec<usize> = full.unplaced.iter().map(|u| at(&u.beneficiary)).collect();
        prop_assert!(seen.windows(2).all(|w| w[0] < w[1]));

        for (i, a) in req.applicants.iter().enumerate() {
            let mine: Vec<Placement> =
                full.placements.iter().filter(|p| p.beneficiary == a.id).cloned().collect();
            prop_assert_eq!(c.placements_of(i).collect::<Vec<_>>(), mine.clone());
            let held: Vec<usize> = mine
                .iter()
                .map(|p| {
                    req.commitments
                        .iter()
                        .position(|x| x.agreement == p.agreement && x.commitment == p.commitment)
                        .unwrap()
                })
                .collect();
            prop_assert_eq!(c.places_of(i).collect::<Vec<_>>(), held);
            prop_assert_eq!(
                c.unplaced_of(i),
                full.unplaced.iter().find(|u| u.beneficiary == a.id).cloned()
            );
            prop_assert_eq!(c.lottery(i), Some(lottery(&req.seed, a.id.as_str())));
        }
        for (k, cr) in full.commitments.iter().enumerate() {
            prop_assert_eq!(c.commitment(k), Some(cr.clone()));
            prop_assert_eq!(ids(&req, c.placed_in(k)), cr.placed.clone());
            prop_assert_eq!(ids(&req, c.waitlist_of(k)), cr.waitlist.clone());
            prop_assert_eq!(c.applicant_count(k), Some(cr.applicants));
        }
        // out of range: nothing, never a panic
        prop_assert!(c.commitment(m).is_none() && c.placed_in(m).is_empty());
        prop_assert!(c.waitlist_of(m).is_empty() && c.applicant_count(m).is_none());
        prop_assert!(c.placements_of(n).next().is_none() && c.places_of(n).next().is_none());
        prop_assert!(c.unplaced_of(n).is_none() && c.lottery(n).is_none());
        prop_assert!(c.priority_values(n).is_none());
    }
}

#[test]
fn errors_are_those_of_allocate() {
    let people: Vec<Person> = (0..3)
        .map(|_| {
            (
                Some(1),
                None,
                vec![Some(EligibilityOutcome::Eligible); 2],
                vec![1, 0],
            )
        })
        .collect();
    let mut req = build("s", &[1, 1], &people, true, 1);
    req.applicants[2].id = req.applicants[0].id.clone();
    let code = |r: &AllocationRequest| allocate_compact(r).unwrap_err().code();
    assert_eq!(code(&req), "allocation.duplicate_applicant");
    assert_eq!(
        allocate_compact(&req).unwrap_err(),
        allocate(&req).unwrap_err()
    );
    let mut req = build("s", &[1, 1], &people, true, 1);
    req.max_places_per_person = 2;
    assert_eq!(code(&req), "allocation.bad_places_per_person");
    let mut req = build("s", &[1, 1], &people, true, 1);
    req.applicants[1].preferences = Some(vec![cref(0), cref(0)]);
    assert_eq!(code(&req), "allocation.duplicate_preference");
    let mut req = build("s", &[1, 1], &people, true, 1);
    req.applicants[1].preferences = Some(vec![cref(7)]);
    assert_eq!(code(&req), "allocation.unknown_commitment");
}

#[test]
fn debug_shows_counts_not_ids() {
    let people: Vec<Person> = vec![(
        Some(1),
        None,
        vec![Some(EligibilityOutcome::Eligible)],
        vec![],
    )];
    let req = build("s", &[1], &people, false, 1);
    let c = allocate_compact(&req).unwrap();
    let d = format!("{c:?}");
    assert!(d.contains("placements: 1"), "{d}");
    assert!(!d.contains("pm-0"), "{d}");
}
