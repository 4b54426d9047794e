//! Properties of `allocate`: capacity, eligibility, stability, determinism, order
//! independence and strategy-proofness, on random small markets.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use berdaya::allocation::{
    allocate, lottery, Allocation, AllocationRequest, Applicant, CommitmentPlaces, CommitmentRef,
    EligibilityEntry, EligibilityOutcome, PriorityFacts,
};
use berdaya::ids::{AgreementId, BeneficiaryId, CommitmentId};
use proptest::prelude::*;
use serde_json::json;

fn cref(c: usize) -> CommitmentRef {
    CommitmentRef {
        agreement: AgreementId::new(format!("pks-{}", c % 2)).unwrap(),
        commitment: CommitmentId::new(format!("c{c}")).unwrap(),
    }
}

/// Decile, outcome per commitment (None: absent), preferences.
type Person = (Option<u8>, Vec<Option<EligibilityOutcome>>, Vec<usize>);

#[derive(Debug, Clone)]
struct Market {
    seed: String,
    places: Vec<u32>,
    /// Per applicant: decile, outcome per commitment (None: absent), preferences.
    people: Vec<Person>,
}

fn outcome() -> impl Strategy<Value = Option<EligibilityOutcome>> {
    prop_oneof![
        3 => Just(Some(EligibilityOutcome::Eligible)),
        1 => Just(Some(EligibilityOutcome::Ineligible)),
        1 => Just(Some(EligibilityOutcome::Undetermined)),
        1 => Just(None),
    ]
}

fn market() -> impl Strategy<Value = Market> {
    (1usize..6, 0usize..25, "[a-z]{0,6}").prop_flat_map(|(m, n, seed)| {
        let person = (
            proptest::option::of(1u8..=10),
            proptest::collection::vec(outcome(), m),
            Just((0..m).collect::<Vec<_>>()).prop_shuffle(),
            0..=m,
        )
            .prop_map(|(d, el, prefs, k)| (d, el, prefs.into_iter().take(k).collect()));
        (
            Just(seed),
            proptest::collection::vec(0u32..4, m),
            proptest::collection::vec(person, n),
        )
            .prop_map(|(seed, places, people)| Market {
                seed,
                places,
                people,
            })
    })
}

fn request(mk: &Market, ranked: bool) -> AllocationRequest {
    AllocationRequest {
        seed: mk.seed.clone(),
        commitments: mk
            .places
            .iter()
            .enumerate()
            .map(|(c, &places)| {
                let r = cref(c);
                CommitmentPlaces {
                    agreement: r.agreement,
                    commitment: r.commitment,
                    places,
                }
            })
            .collect(),
        applicants: mk
            .people
            .iter()
            .enumerate()
            .map(|(i, (decile, el, prefs))| Applicant {
                id: BeneficiaryId::new(format!("pm-{i}")).unwrap(),
                facts: PriorityFacts {
                    dtks_decile: *decile,
                    ..Default::default()
                },
                eligibility: el
                    .iter()
                    .enumerate()
                    .filter_map(|(c, o)| {
                        let r = cref(c);
                        o.map(|outcome| EligibilityEntry {
                            agreement: r.agreement,
                            commitment: r.commitment,
                            outcome,
                            missing: vec![],
                            rule_version: Some("v1".into()),
                        })
                    })
                    .collect(),
                preferences: ranked.then(|| prefs.iter().map(|&c| cref(c)).collect()),
            })
            .collect(),
        priorities: serde_json::from_value(json!([{"fact": "dtks_decile", "order": "asc"}]))
            .unwrap(),
        max_places_per_person: 1,
    }
}

/// The documented order, derived independently: decile ascending (unknown last), then the
/// lottery, then the id.
fn order_key(req: &AllocationRequest, i: usize) -> (u8, u64, String) {
    let a = &req.applicants[i];
    (
        a.facts.dtks_decile.unwrap_or(u8::MAX),
        lottery(&req.seed, a.id.as_str()),
        a.id.to_string(),
    )
}

fn assignment(out: &Allocation) -> BTreeMap<String, Vec<CommitmentRef>> {
    let mut m: BTreeMap<String, Vec<CommitmentRef>> = BTreeMap::new();
    for p in &out.placements {
        m.entry(p.beneficiary.to_string())
            .or_default()
            .push(CommitmentRef {
                agreement: p.agreement.clone(),
                commitment: p.commitment.clone(),
            });
    }
    m
}

fn eligible(mk: &Market, i: usize, c: usize) -> bool {
    mk.people[i].1[c] == Some(EligibilityOutcome::Eligible)
}

fn check_basics(mk: &Market, req: &AllocationRequest, out: &Allocation) {
    let asg = assignment(out);
    for (c, &places) in mk.places.iter().enumerate() {
        let held = asg.values().filter(|v| v.contains(&cref(c))).count();
        assert!(held as u32 <= places, "capacity of c{c} exceeded");
        assert_eq!(out.commitments[c].placed.len(), held);
    }
    for (i, a) in req.applicants.iter().enumerate() {
        let got = asg.get(a.id.as_str()).cloned().unwrap_or_default();
        assert!(got.len() <= req.max_places_per_person as usize);
        for r in &got {
            let c: usize = r.commitment.as_str()[1..].parse().unwrap();
            assert!(
                eligible(mk, i, c),
                "{} placed in c{c} without eligibility",
                a.id
            );
        }
    }
    // every unplaced applicant has a reason per commitment it applied for, with a position
    for u in &out.unplaced {
        assert!(!asg.contains_key(u.beneficiary.as_str()));
        assert!(!u.reasons.is_empty());
        for r in &u.reasons {
            assert!(r.rank >= 1 && r.rank <= r.of && r.waitlist_position >= 1);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn priority_order_mode(mk in market()) {
        let req = request(&mk, false);
        let out = allocate(&req).unwrap();
        check_basics(&mk, &req, &out);
        // each commitment is filled, in request order, by its best eligible applicants not
        // yet placed in an earlier one
        let mut taken = vec![false; req.applicants.len()];
        for (c, &places) in mk.places.iter().enumerate() {
            let mut cands: Vec<usize> = (0..req.applicants.len())
                .filter(|&i| eligible(&mk, i, c) && !taken[i])
                .collect();
            cands.sort_by_key(|&i| order_key(&req, i));
            let want: Vec<String> = cands.iter().take(places as usize).map(|&i| req.applicants[i].id.to_string()).collect();
            for &i in cands.iter().take(places as usize) { taken[i] = true; }
            let got: Vec<String> = out.commitments[c].placed.iter().map(ToString::to_string).collect();
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn deferred_acceptance_is_stable(mk in market()) {
        let req = request(&mk, true);
        let out = allocate(&req).unwrap();
        check_basics(&mk, &req, &out);
        let asg = assignment(&out);
        for (i, (_, _, prefs)) in mk.people.iter().enumerate() {
            let id = req.applicants[i].id.to_string();
            let mine = asg.get(&id).and_then(|v| v.first()).cloned();
            let mine_pos = mine.as_ref().and_then(|r| prefs.iter().position(|&c| cref(c) == *r));
            if mine.is_some() { prop_assert!(mine_pos.is_some(), "placed outside own list"); }
            for (pos, &c) in prefs.iter().enumerate() {
                if mine_pos.is_some_and(|p| p <= pos) { break; }
                if !eligible(&mk, i, c) { continue; }
                // `i` prefers `c`: `c` must be full of applicants ahead of `i`
                let holders: Vec<usize> = (0..req.applicants.len())
                    .filter(|&j| asg.get(req.applicants[j].id.as_str()).is_some_and(|v| v.contains(&cref(c))))
                    .collect();
                prop_assert_eq!(holders.len() as u32, mk.places[c], "blocking pair: c{} not full", c);
                for j in holders {
                    prop_assert!(order_key(&req, j) < order_key(&req, i), "blocking pair at c{}", c);
                }
            }
        }
    }

    #[test]
    fn deterministic_and_order_independent(mk in market(), ranked in any::<bool>(), perm in any::<u64>()) {
        let req = request(&mk, ranked);
        let out = allocate(&req).unwrap();
        prop_assert_eq!(&allocate(&req).unwrap(), &out);
        let mut shuffled = req.clone();
        let n = shuffled.applicants.len();
        if n > 1 {
            // a deterministic pseudo-random permutation from `perm`
            let mut x = perm | 1;
            for k in (1..n).rev() {
                x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                shuffled.applicants.swap(k, (x % (k as u64 + 1)) as usize);
            }
        }
        for a in &mut shuffled.applicants { a.eligibility.reverse(); }
        prop_assert_eq!(allocate(&shuffled).unwrap(), out);
    }

    #[test]
    fn misreporting_never_helps(mk in market(), who in any::<prop::sample::Index>(), lie in proptest::collection::vec(0usize..6, 0..6)) {
        prop_assume!(!mk.people.is_empty());
        let i = who.index(mk.people.len());
        let truth = &mk.people[i].2;
        let honest = request(&mk, true);
        let mut liar = mk.clone();
        let mut l: Vec<usize> = Vec::new();
        for c in lie { let c = c % mk.places.len(); if !l.contains(&c) { l.push(c); } }
        liar.people[i].2 = l;
        let id = honest.applicants[i].id.to_string();
        let pos = |out: &Allocation| assignment(out).get(&id).and_then(|v| v.first()).and_then(|r| truth.iter().position(|&c| cref(c) == *r));
        let h = pos(&allocate(&honest).unwrap());
        let d = pos(&allocate(&request(&liar, true)).unwrap());
        if let Some(d) = d {
            prop_assert!(h.is_some_and(|h| h <= d), "misreport improved from {:?} to {}", h, d);
        }
    }
}

#[test]
fn several_places_per_person() {
    let mk = Market {
        seed: "s".into(),
        places: vec![2, 2],
        people: vec![
            (Some(1), vec![Some(EligibilityOutcome::Eligible); 2], vec![]),
            (Some(2), vec![Some(EligibilityOutcome::Eligible); 2], vec![]),
            (Some(3), vec![Some(EligibilityOutcome::Eligible); 2], vec![]),
        ],
    };
    let mut req = request(&mk, false);
    req.max_places_per_person = 2;
    let out = allocate(&req).unwrap();
    let got: Vec<Vec<String>> = out
        .commitments
        .iter()
        .map(|c| c.placed.iter().map(ToString::to_string).collect())
        .collect();
    assert_eq!(got, vec![vec!["pm-0", "pm-1"], vec!["pm-0", "pm-1"]]);
    assert_eq!(out.unplaced[0].beneficiary.as_str(), "pm-2");
    assert_eq!(out.unplaced[0].reasons.len(), 2);
    req.applicants[0].preferences = Some(vec![]);
    assert_eq!(
        berdaya::Coded::code(&allocate(&req).unwrap_err()),
        "allocation.bad_places_per_person"
    );
}
