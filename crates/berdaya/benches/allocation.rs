//! Allocation at the scale of the issue: 1,000,000 applicants, 1,000 commitments of 500
//! places, preference lists of 5 with eligibility already known (eligible for all five),
//! priorities decile ascending then days in care descending, then the lottery. Timed in
//! compact form (`allocate_compact`, the issue's target) and with the full wire output
//! (`allocate`).
//!
//! A second group times eligibility of the 5M preferred pairs separately: each applicant a
//! registered `Beneficiary`, each commitment with an eligibility rule of the rule language,
//! decided through `RuleEligibility` (facts derived per pair, as `applicants_from_registry`
//! does).
//!
//! Each is measured twice: wall-clock time (criterion's default) and the CPU time of the
//! benchmarking thread (`/proc/thread-self/schedstat`), which a shared, loaded machine
//! inflates much less.
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
    allocate, allocate_compact, AllocationRequest, Applicant, CommitmentPlaces, CommitmentRef,
    Eligibility, EligibilityEntry, EligibilityOutcome, PriorityFacts, RuleEligibility,
};
use berdaya::beneficiary::{Beneficiary, BeneficiaryData};
use berdaya::ids::{AgreementId, BeneficiaryId, CommitmentId};
use berdaya::registry::Registry;
use chrono::NaiveDate;
use criterion::{criterion_group, Criterion};

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

/// CPU time of this thread so far.
fn thread_cpu() -> Duration {
    let ns = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .unwrap_or(0);
    Duration::from_nanos(ns)
}

fn cpu_iter<O>(b: &mut criterion::Bencher<'_>, mut f: impl FnMut() -> O) {
    b.iter_custom(|iters| {
        let start = thread_cpu();
        for _ in 0..iters {
            std::hint::black_box(f());
        }
        thread_cpu() - start
    });
}

fn size() -> usize {
    std::env::var("BERDAYA_BENCH_APPLICANTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000)
}

fn bench(c: &mut Criterion) {
    let n = size();
    let req = market(n);
    let mut g = c.benchmark_group("allocation");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    // The target: the allocation in compact form, including dropping it.
    g.bench_function(format!("compact_{n}x{COMMITMENTS}_lists_of_{LIST}"), |b| {
        b.iter(|| allocate_compact(&req).unwrap())
    });
    g.bench_function(
        format!("compact_{n}x{COMMITMENTS}_lists_of_{LIST}_cpu"),
        |b| cpu_iter(b, || allocate_compact(&req).unwrap()),
    );
    // The full wire form (`allocate` = compact + `to_allocation`).
    g.bench_function(
        format!("deferred_acceptance_{n}x{COMMITMENTS}_lists_of_{LIST}"),
        |b| b.iter(|| allocate(&req).unwrap()),
    );
    g.bench_function(
        format!("deferred_acceptance_{n}x{COMMITMENTS}_lists_of_{LIST}_cpu"),
        |b| cpu_iter(b, || allocate(&req).unwrap()),
    );
    g.finish();
}

/// Eligibility rules of the kind the PKS carry, one per commitment in turn.
const RULES: &[&str] = &[
    "care_status = alumnus and disabilities has any of [physical, sensory_hearing, sensory_speech] and age between 17 and 45",
    "care_status = resident",
    "care_status = alumnus and education >= sma and age between 17 and 35",
    "age between 18 and 60 and dtks_decile <= 4",
];

fn eligibility_market(n: usize) -> (RuleEligibility, Vec<Beneficiary>, Vec<Vec<CommitmentRef>>) {
    let req = market(n);
    let agreements: Vec<serde_json::Value> = (0..COMMITMENTS / 4)
        .map(|a| {
            serde_json::json!({
                "id": format!("pks-2020-{a:03}"), "kind": "pks", "title": "PKS",
                "parties": [
                    {"party": {"agency": "dinsos-jatim"}, "signatory": {"name": "A", "position": "Kepala Dinas"}},
                    {"party": {"partner": "mitra"}, "signatory": {"name": "B", "position": "Direktur"}}],
                "commitments": (0..4).map(|c| serde_json::json!({
                    "id": format!("c{c}"), "by": {"partner": "mitra"}, "service": "employment",
                    "capacity": {"places": PLACES, "unit": "persons", "basis": "concurrent"},
                    "eligibility": RULES[(a + c) % RULES.len()]})).collect::<Vec<_>>(),
                "period": {"from": "2020-09-09", "until": "2025-09-08"},
                "history": [{"on": "2020-08-01", "event": "negotiated"},
                            {"on": "2020-08-02", "event": "approved"},
                            {"on": "2020-09-09", "event": "signed"}]
            })
        })
        .collect();
    let reg = Registry::from_json(
        &serde_json::json!({
            "schema_version": 1,
            "agencies": [{"id": "dinsos-jatim", "name": "Dinas Sosial", "level": "province", "region": "35"}],
            "partners": [{"id": "mitra", "name": "Mitra", "kind": "business", "ownership": "private", "region": "35.78"}],
            "agreements": agreements,
        })
        .to_string(),
    )
    .unwrap();
    let elig = RuleEligibility::from_registry(&reg).unwrap();
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let on = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let people = req
        .applicants
        .iter()
        .map(|a| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut d = BeneficiaryData::new(a.id.clone(), on);
            d.birth_date =
                NaiveDate::from_ymd_opt(1960 + (x % 45) as i32, 1 + (x >> 8) as u32 % 12, 1);
            Beneficiary::new(d).unwrap()
        })
        .collect();
    let prefs = req
        .applicants
        .into_iter()
        .map(|a| a.preferences.unwrap())
        .collect();
    (elig, people, prefs)
}

fn bench_eligibility(c: &mut Criterion) {
    let n = size();
    let (elig, people, prefs) = eligibility_market(n);
    let as_of = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
    let run = || {
        let mut eligible = 0usize;
        for (b, ps) in people.iter().zip(&prefs) {
            for p in ps {
                eligible +=
                    usize::from(elig.decide(b, p, as_of).outcome == EligibilityOutcome::Eligible);
            }
        }
        eligible
    };
    let mut g = c.benchmark_group("eligibility");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    g.bench_function(format!("rule_eligibility_{}_pairs", n * LIST), |b| {
        b.iter(run)
    });
    g.bench_function(format!("rule_eligibility_{}_pairs_cpu", n * LIST), |b| {
        cpu_iter(b, run)
    });
    g.finish();
}

criterion_group!(benches, bench, bench_eligibility);

/// `BERDAYA_ALLOC_ONCE=1` builds the market and allocates once, without criterion, in compact
/// form and in full, printing the thread CPU time of each step: for quick comparisons and
/// `perf stat` / `valgrind --tool=callgrind --toggle-collect='berdaya::allocation::*'`.
fn once() {
    let req = market(size());
    let cpu = thread_cpu();
    let compact = allocate_compact(&req).unwrap();
    let t_compact = thread_cpu() - cpu;
    println!(
        "{} applicants: {} placed, {} unplaced",
        req.applicants.len(),
        compact.placement_count(),
        compact.unplaced_count()
    );
    let cpu = thread_cpu();
    let full = compact.to_allocation();
    let t_materialise = thread_cpu() - cpu;
    let cpu = thread_cpu();
    drop(compact);
    let t_drop_compact = thread_cpu() - cpu;
    let cpu = thread_cpu();
    drop(full);
    let t_drop_full = thread_cpu() - cpu;
    println!(
        "allocate_compact: CPU {t_compact:?} + drop {t_drop_compact:?} = {:?}",
        t_compact + t_drop_compact
    );
    println!("to_allocation: CPU {t_materialise:?} + drop of the Allocation {t_drop_full:?}");
    let cpu = thread_cpu();
    let out = allocate(&req).unwrap();
    let t_full = thread_cpu() - cpu;
    let cpu = thread_cpu();
    drop(out);
    println!(
        "allocate: CPU {t_full:?}, drop: CPU {:?}",
        thread_cpu() - cpu
    );
}

fn main() {
    if std::env::var_os("BERDAYA_ALLOC_ONCE").is_some() {
        once();
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
