//! Allocation at the scale of the issue: 1,000,000 applicants, 1,000 commitments of 500
//! places, preference lists of 5 with eligibility already known (eligible for all five),
//! priorities decile ascending then days in care descending, then the lottery.
//!
//! Run: `cargo bench -p berdaya --bench allocation` (set `BERDAYA_BENCH_APPLICANTS` for a
//! smaller market).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::time::Duration;

use berdaya::allocation::{
    allocate, AllocationRequest, Applicant, CommitmentPlaces, CommitmentRef, EligibilityEntry,
    EligibilityOutcome, PriorityFacts,
};
use berdaya::ids::{AgreementId, BeneficiaryId, CommitmentId};
use criterion::{criterion_group, criterion_main, Criterion};

const COMMITMENTS: usize = 1_000;
const PLACES: u32 = 500;
const LIST: usize = 5;

fn market(n: usize) -> AllocationRequest {
    let refs: Vec<CommitmentRef> = (0..COMMITMENTS)
        .map(|c| CommitmentRef {
            agreement: AgreementId::new(format!("pks-2020-{:03}", c / 4)).unwrap(),
            commitment: CommitmentId::new(format!("c{}", c % 4)).unwrap(),
        })
        .collect();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let applicants = (0..n)
        .map(|i| {
            let mut prefs: Vec<usize> = Vec::with_capacity(LIST);
            while prefs.len() < LIST {
                // popular commitments are more likely: squares skew towards low indices
                let u = (next() % 1_000_000) as f64 / 1_000_000.0;
                let c = (u * u * COMMITMENTS as f64) as usize;
                if !prefs.contains(&c) {
                    prefs.push(c);
                }
            }
            let r = next();
            Applicant {
                id: BeneficiaryId::new(format!("pm-{i:07}")).unwrap(),
                facts: PriorityFacts {
                    dtks_decile: Some((r % 10) as u8 + 1),
                    days_in_care: (r % 7 != 0).then_some(((r >> 8) % 2000) as i64),
                    ..Default::default()
                },
                eligibility: prefs
                    .iter()
                    .map(|&c| EligibilityEntry {
                        agreement: refs[c].agreement.clone(),
                        commitment: refs[c].commitment.clone(),
                        outcome: EligibilityOutcome::Eligible,
                        missing: vec![],
                        rule_version: None,
                    })
                    .collect(),
                preferences: Some(prefs.iter().map(|&c| refs[c].clone()).collect()),
            }
        })
        .collect();
    AllocationRequest {
        seed: "bench".into(),
        commitments: refs
            .iter()
            .map(|r| CommitmentPlaces {
                agreement: r.agreement.clone(),
                commitment: r.commitment.clone(),
                places: PLACES,
            })
            .collect(),
        applicants,
        priorities: serde_json::from_str(
            r#"[{"fact": "dtks_decile", "order": "asc"}, {"fact": "days_in_care", "order": "desc"}]"#,
        )
        .unwrap(),
        max_places_per_person: 1,
    }
}

fn bench(c: &mut Criterion) {
    let n = std::env::var("BERDAYA_BENCH_APPLICANTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let req = market(n);
    let mut g = c.benchmark_group("allocation");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    g.bench_function(
        format!("deferred_acceptance_{n}x{COMMITMENTS}_lists_of_{LIST}"),
        |b| b.iter(|| allocate(&req).unwrap()),
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
