//! Fair allocation of places: who gets the places of the commitments when more people are
//! eligible than there are places.
//!
//! The request names the commitments with their places, the applicants with their priority
//! facts, their eligibility per commitment (decided elsewhere, e.g. by the rule language) and
//! optionally their ranked preferences, a [`Priority`] declared as data and a seed.
//! Applicants are ordered by the priority's keys and then by a lottery number,
//! [`lottery`]`(seed, id)`, so input order never matters.
//!
//! - Without preferences, the commitments are filled one after another in the order the
//!   request lists them, each with its eligible applicants in priority order; a person takes
//!   at most `max_places_per_person` places (one by default), never two in one commitment.
//! - With ranked preferences (any applicant has `preferences`), places go by
//!   applicant-proposing deferred acceptance: the result is stable and nobody gains by
//!   misreporting. An applicant without a list ranks its eligible commitments in request
//!   order. Only one place per person.
//!
//! Every placed person gets its rank, the priority values and the rule version; every
//! eligible person left out gets a [`WaitReason`] per commitment with its rank and waitlist
//! position.
//!
//! ```
//! use berdaya::allocation::{allocate, AllocationRequest};
//! let req: AllocationRequest = serde_json::from_value(serde_json::json!({
//!   "seed": "2020-1",
//!   "priorities": [{"fact": "dtks_decile", "order": "asc"}],
//!   "commitments": [{"agreement": "pks-a", "commitment": "jobs", "places": 1}],
//!   "applicants": [
//!     {"id": "pm-1", "facts": {"dtks_decile": 3},
//!      "eligibility": [{"agreement": "pks-a", "commitment": "jobs", "outcome": "eligible"}]},
//!     {"id": "pm-2", "facts": {"dtks_decile": 1},
//!      "eligibility": [{"agreement": "pks-a", "commitment": "jobs", "outcome": "eligible"}]}]
//! })).unwrap();
//! let out = allocate(&req)?;
//! assert_eq!(out.placements[0].beneficiary.as_str(), "pm-2");
//! let why = &out.unplaced[0].reasons[0];
//! assert_eq!((why.rank, why.of, why.places, why.waitlist_position), (2, 2, 1, 1));
//! assert_eq!(why.message(), "rank 2 of 2 for 1 place under pks-a/jobs");
//! # Ok::<(), berdaya::allocation::AllocationError>(())
//! ```

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::{AgreementId, BeneficiaryId, CommitmentId};

mod deferred_acceptance;
mod eligibility;
mod error;
mod order;
mod priority;
mod rule_eligibility;

use deferred_acceptance::{deferred_acceptance, fill_in_order, Lists};
pub use eligibility::{
    CommitmentRef, Eligibility, EligibilityDecision, EligibilityOutcome, PrecomputedEligibility,
};
pub use error::{AllocationError, AllocationErrorKind};
pub use priority::{
    lottery, FactValue, KeyOrder, Nulls, Priority, PriorityFacts, PriorityKey, PRIORITY_FACTS,
};
pub(crate) use rule_eligibility::RuleOn;
pub use rule_eligibility::{EligibilityRuleError, RuleEligibility};

/// A commitment offered in an allocation, with its places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct CommitmentPlaces {
    /// The agreement.
    pub agreement: AgreementId,
    /// The commitment.
    pub commitment: CommitmentId,
    /// Places to allocate now.
    pub places: u32,
}

/// An applicant's eligibility for one commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct EligibilityEntry {
    /// The agreement.
    pub agreement: AgreementId,
    /// The commitment.
    pub commitment: CommitmentId,
    /// The outcome.
    pub outcome: EligibilityOutcome,
    /// Facts that would settle an undetermined case.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// The deciding rule's version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_version: Option<String>,
}

/// One applicant of an allocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    /// The beneficiary.
    pub id: BeneficiaryId,
    /// The facts the priority reads.
    #[serde(default)]
    pub facts: PriorityFacts,
    /// Eligibility per commitment; a commitment not listed is not open to the applicant.
    #[serde(default)]
    pub eligibility: Vec<EligibilityEntry>,
    /// Ranked preferences, most wanted first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferences: Option<Vec<CommitmentRef>>,
}

fn one() -> u32 {
    1
}

/// What to allocate among whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct AllocationRequest {
    /// The lottery seed.
    pub seed: String,
    /// The commitments, in the order they are filled when there are no preferences.
    pub commitments: Vec<CommitmentPlaces>,
    /// The applicants (their order does not matter).
    pub applicants: Vec<Applicant>,
    /// Priority keys, applied before the lottery.
    #[serde(default)]
    pub priorities: Vec<PriorityKey>,
    /// The most places one person may take (one by default; one with preferences).
    #[serde(default = "one")]
    pub max_places_per_person: u32,
}

/// How the places were allocated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum AllocationMode {
    /// Commitments filled in request order, applicants in priority order.
    PriorityOrder,
    /// Applicant-proposing deferred acceptance over ranked preferences.
    DeferredAcceptance,
}

/// A place given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Placement {
    /// Who.
    pub beneficiary: BeneficiaryId,
    /// The agreement.
    pub agreement: AgreementId,
    /// The commitment.
    pub commitment: CommitmentId,
    /// Rank among the commitment's applicants, 1 first.
    pub rank: u32,
    /// The commitment's applicants (eligible, and ranking it when preferences are used).
    pub of: u32,
    /// The commitment's places.
    pub places: u32,
    /// Its position in the applicant's stated preferences, 1 first (with preferences).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<u32>,
    /// The version of the eligibility rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_version: Option<String>,
    /// The values of the priority's facts, in key order (`null`: unknown).
    pub priority: Vec<Option<FactValue>>,
    /// The lottery number, 16 hex digits.
    pub lottery: String,
}

/// Why an eligible person did not get a place in one commitment, and where it waits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct WaitReason {
    /// The agreement.
    pub agreement: AgreementId,
    /// The commitment.
    pub commitment: CommitmentId,
    /// Rank among the commitment's applicants, 1 first.
    pub rank: u32,
    /// The commitment's applicants.
    pub of: u32,
    /// The commitment's places.
    pub places: u32,
    /// Position on the commitment's waitlist, 1 first.
    pub waitlist_position: u32,
}

impl WaitReason {
    /// One line, e.g. `rank 37 of 52 for 20 places under pks-2020-x/jobs`.
    pub fn message(&self) -> String {
        let s = if self.places == 1 { "" } else { "s" };
        format!(
            "rank {} of {} for {} place{s} under {}/{}",
            self.rank, self.of, self.places, self.agreement, self.commitment
        )
    }
}

/// An eligible person without a place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Unplaced {
    /// Who.
    pub beneficiary: BeneficiaryId,
    /// The values of the priority's facts, in key order (`null`: unknown).
    pub priority: Vec<Option<FactValue>>,
    /// The lottery number, 16 hex digits.
    pub lottery: String,
    /// One reason per commitment applied for, in preference (or request) order.
    pub reasons: Vec<WaitReason>,
}

/// A person whose eligibility for a commitment is undetermined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct NeedsInformation {
    /// Who.
    pub beneficiary: BeneficiaryId,
    /// The agreement.
    pub agreement: AgreementId,
    /// The commitment.
    pub commitment: CommitmentId,
    /// The facts that would settle it.
    pub missing: Vec<String>,
}

/// The outcome for one commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct CommitmentResult {
    /// The agreement.
    pub agreement: AgreementId,
    /// The commitment.
    pub commitment: CommitmentId,
    /// Places offered.
    pub places: u32,
    /// Its applicants.
    pub applicants: u32,
    /// Who got places, in rank order.
    pub placed: Vec<BeneficiaryId>,
    /// The waitlist, in order.
    pub waitlist: Vec<BeneficiaryId>,
}

/// The result of [`allocate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Allocation {
    /// The seed used.
    pub seed: String,
    /// How places were allocated.
    pub mode: AllocationMode,
    /// The facts of the priority keys, in order: the names of the `priority` values.
    pub priority_facts: Vec<String>,
    /// Per commitment, in request order.
    pub commitments: Vec<CommitmentResult>,
    /// Places given, in priority order and then commitment order.
    pub placements: Vec<Placement>,
    /// Eligible people without a place, in priority order.
    pub unplaced: Vec<Unplaced>,
    /// Undetermined decisions, in priority order and then commitment order.
    pub needs_information: Vec<NeedsInformation>,
}

/// FNV-1a: fast on short ids, and deterministic (the index never leaks into output order).
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

fn key_str(a: &AgreementId, c: &CommitmentId) -> String {
    format!("{a}/{c}")
}

/// The checked, indexed form of a request.
struct Indexed<'r> {
    req: &'r AllocationRequest,
    priority: Priority,
    /// Per applicant: eligible commitments with the decision's index in `eligibility`.
    eligible: Vec<Vec<(u32, usize)>>,
    /// Per applicant: undetermined commitments with the decision's index.
    undetermined: Vec<Vec<(u32, usize)>>,
    /// Per applicant: acceptable commitments in preference order.
    acceptable: Lists,
    ranked: bool,
}

fn index<'r>(req: &'r AllocationRequest) -> Result<Indexed<'r>, AllocationError> {
    use AllocationErrorKind as K;
    let priority = Priority::new(req.priorities.clone())?;
    if u32::try_from(req.commitments.len()).is_err() || u32::try_from(req.applicants.len()).is_err()
    {
        return Err(K::TooLarge.into());
    }
    let ranked = req.applicants.iter().any(|a| a.preferences.is_some());
    if req.max_places_per_person == 0 || ranked && req.max_places_per_person != 1 {
        return Err(K::BadPlacesPerPerson.into());
    }
    let mut cix: FnvMap<(&AgreementId, &CommitmentId), u32> =
        FnvMap::with_capacity_and_hasher(req.commitments.len(), Default::default());
    for (i, c) in req.commitments.iter().enumerate() {
        let i = u32::try_from(i).map_err(|_| AllocationError::from(K::TooLarge))?;
        if cix.insert((&c.agreement, &c.commitment), i).is_some() {
            return Err(K::DuplicateCommitment {
                commitment: key_str(&c.agreement, &c.commitment),
            }
            .into());
        }
    }
    let lookup = |a: &AgreementId, c: &CommitmentId, in_preferences: bool| {
        cix.get(&(a, c)).copied().ok_or_else(|| {
            AllocationError::from(K::UnknownCommitment {
                commitment: key_str(a, c),
                in_preferences,
            })
        })
    };
    let mut eligible = Vec::with_capacity(req.applicants.len());
    let mut undetermined = Vec::with_capacity(req.applicants.len());
    let mut acceptable = Lists::new(req.applicants.len());
    let mut seen = vec![usize::MAX; req.commitments.len()];
    for (ai, a) in req.applicants.iter().enumerate() {
        let mut el: Vec<(u32, usize)> = Vec::with_capacity(a.eligibility.len());
        let mut und: Vec<(u32, usize)> = Vec::new();
        for (ei, e) in a.eligibility.iter().enumerate() {
            let c = lookup(&e.agreement, &e.commitment, false)?;
            let s = seen.get_mut(c as usize).ok_or(K::TooLarge)?;
            if *s == ai {
                return Err(K::DuplicateDecision {
                    id: a.id.to_string(),
                    commitment: key_str(&e.agreement, &e.commitment),
                }
                .into());
            }
            *s = ai;
            match e.outcome {
                EligibilityOutcome::Eligible => el.push((c, ei)),
                EligibilityOutcome::Undetermined => und.push((c, ei)),
                EligibilityOutcome::Ineligible => {}
            }
        }
        match &a.preferences {
            Some(prefs) => {
                let mut listed: Vec<u32> = Vec::with_capacity(prefs.len());
                for p in prefs {
                    let c = lookup(&p.agreement, &p.commitment, true)?;
                    if listed.contains(&c) {
                        return Err(K::DuplicatePreference {
                            id: a.id.to_string(),
                            commitment: p.to_string(),
                        }
                        .into());
                    }
                    listed.push(c);
                    if el.iter().any(|(x, _)| *x == c) {
                        acceptable.lists.push(c);
                    }
                }
            }
            None => {
                let mut cs: Vec<u32> = el.iter().map(|(c, _)| *c).collect();
                cs.sort_unstable();
                acceptable.lists.extend(cs);
            }
        }
        acceptable.finish();
        eligible.push(el);
        und.sort_unstable();
        undetermined.push(und);
    }
    Ok(Indexed {
        req,
        priority,
        eligible,
        undetermined,
        acceptable,
        ranked,
    })
}

/// The applicants of a request from the registry: each beneficiary's priority facts as of
/// `as_of` and a decision for each commitment, in commitment order, without preferences.
///
/// # Errors
/// `allocation.unknown_beneficiary`.
pub fn applicants_from_registry(
    registry: &crate::registry::Registry,
    beneficiaries: &[BeneficiaryId],
    commitments: &[CommitmentRef],
    eligibility: &dyn Eligibility,
    as_of: NaiveDate,
) -> Result<Vec<Applicant>, AllocationError> {
    beneficiaries
        .iter()
        .map(|id| {
            let b = registry.beneficiary(id).ok_or_else(|| {
                AllocationError::from(AllocationErrorKind::UnknownBeneficiary {
                    id: id.to_string(),
                })
            })?;
            Ok(Applicant {
                id: id.clone(),
                facts: PriorityFacts::of(b, as_of),
                eligibility: commitments
                    .iter()
                    .map(|c| {
                        let d = eligibility.decide(b, c, as_of);
                        EligibilityEntry {
                            agreement: c.agreement.clone(),
                            commitment: c.commitment.clone(),
                            outcome: d.outcome,
                            missing: d.missing,
                            rule_version: d.rule_version,
                        }
                    })
                    .collect(),
                preferences: None,
            })
        })
        .collect()
}

/// Allocates the places of a request.
///
/// # Errors
/// The priority errors of [`Priority::new`], `allocation.duplicate_commitment`,
/// `allocation.duplicate_applicant`, `allocation.unknown_commitment`,
/// `allocation.duplicate_decision`, `allocation.duplicate_preference`,
/// `allocation.bad_places_per_person`, `allocation.too_large`.
pub fn allocate(req: &AllocationRequest) -> Result<Allocation, AllocationError> {
    let ix = index(req)?;
    let n = req.applicants.len();
    let m = req.commitments.len();
    let mut ids: std::collections::HashSet<&str, std::hash::BuildHasherDefault<Fnv>> =
        std::collections::HashSet::with_capacity_and_hasher(n, Default::default());
    for a in &req.applicants {
        if !ids.insert(a.id.as_str()) {
            return Err(AllocationErrorKind::DuplicateApplicant {
                id: a.id.to_string(),
            }
            .into());
        }
    }
    drop(ids);
    let lotteries: Vec<u64> = req
        .applicants
        .iter()
        .map(|a| lottery(&req.seed, a.id.as_str()))
        .collect();
    // The global order: priority keys, lottery, then id (ids are unique).
    let order = order::priority_order(req, &ix.priority, &lotteries);
    let mut rank = vec![0u32; n];
    for (r, &a) in order.iter().enumerate() {
        if let Some(slot) = rank.get_mut(a as usize) {
            *slot = u32::try_from(r).unwrap_or(u32::MAX);
        }
    }
    // Candidates per commitment, in rank order.
    let mut candidates: Vec<Vec<u32>> = vec![Vec::new(); m];
    for &a in &order {
        for &c in ix.acceptable.of(a as usize) {
            if let Some(v) = candidates.get_mut(c as usize) {
                v.push(a);
            }
        }
    }
    let places: Vec<u32> = req.commitments.iter().map(|c| c.places).collect();
    // Commitments held per applicant, as (commitment, choice index).
    let held: Vec<Vec<(u32, Option<u32>)>> = if ix.ranked || req.max_places_per_person == 1 {
        deferred_acceptance(&ix.acceptable, &rank, &places)
            .into_iter()
            .enumerate()
            .map(|(a, k)| {
                k.and_then(|k| {
                    let c = ix.acceptable.of(a).get(k as usize).copied()?;
                    let stated = req.applicants.get(a)?.preferences.as_ref();
                    let choice = stated.and_then(|ps| {
                        let cp = req.commitments.get(c as usize)?;
                        let p = ps.iter().position(|p| {
                            p.agreement == cp.agreement && p.commitment == cp.commitment
                        })?;
                        u32::try_from(p).ok()?.checked_add(1)
                    });
                    Some(vec![(c, choice)])
                })
                .unwrap_or_default()
            })
            .collect()
    } else {
        fill_in_order(&candidates, &places, n, req.max_places_per_person)
            .into_iter()
            .map(|cs| cs.into_iter().map(|c| (c, None)).collect())
            .collect()
    };
    Ok(assemble(&ix, &order, &candidates, &held, &lotteries))
}

/// `x` as 16 lower-case hex digits (as `format!("{x:016x}")`, without the formatting
/// machinery: it runs once per applicant).
fn hex(x: u64) -> String {
    let mut s = String::with_capacity(16);
    for i in (0..16).rev() {
        s.push(char::from_digit(((x >> (4 * i)) & 0xf) as u32, 16).unwrap_or('0'));
    }
    s
}

fn assemble(
    ix: &Indexed<'_>,
    order: &[u32],
    candidates: &[Vec<u32>],
    held: &[Vec<(u32, Option<u32>)>],
    lotteries: &[u64],
) -> Allocation {
    let req = ix.req;
    let mut commitments: Vec<CommitmentResult> = req
        .commitments
        .iter()
        .map(|c| CommitmentResult {
            agreement: c.agreement.clone(),
            commitment: c.commitment.clone(),
            places: c.places,
            applicants: 0,
            placed: Vec::new(),
            waitlist: Vec::new(),
        })
        .collect();
    // Rank among the commitment's candidates and waitlist position (0: not waiting), per
    // entry of the acceptable lists.
    let mut pos: Vec<(u32, u32)> = vec![(0, 0); ix.acceptable.lists.len()];
    for (c, cands) in candidates.iter().enumerate() {
        let Some(out) = commitments.get_mut(c) else {
            continue;
        };
        out.applicants = u32::try_from(cands.len()).unwrap_or(u32::MAX);
        let c = u32::try_from(c).unwrap_or(u32::MAX);
        let mut wait = 0u32;
        for (r, &a) in cands.iter().enumerate() {
            let h = held.get(a as usize).map_or(&[][..], Vec::as_slice);
            let list = ix.acceptable.of(a as usize);
            let want = list.iter().position(|x| *x == c);
            let here = h.iter().any(|(x, _)| *x == c);
            // Waiting for `c` makes sense unless placed there or somewhere preferred (with
            // preferences) or placed as often as allowed (without).
            let waits = !here
                && if ix.ranked {
                    !h.iter().any(|(x, _)| {
                        list.iter()
                            .position(|y| y == x)
                            .is_some_and(|p| Some(p) < want)
                    })
                } else {
                    (h.len() as u64) < u64::from(req.max_places_per_person)
                };
            let Some(b) = req.applicants.get(a as usize) else {
                continue;
            };
            if here {
                out.placed.push(b.id.clone());
            } else if waits {
                wait = wait.saturating_add(1);
                out.waitlist.push(b.id.clone());
            }
            let r = u32::try_from(r).unwrap_or(u32::MAX).saturating_add(1);
            let at = ix.acceptable.starts.get(a as usize).copied().unwrap_or(0) + want.unwrap_or(0);
            if let Some(slot) = pos.get_mut(at) {
                *slot = (r, if waits { wait } else { 0 });
            }
        }
    }
    let mut placements = Vec::new();
    let mut unplaced = Vec::new();
    let mut needs = Vec::new();
    for &a in order {
        let (Some(app), Some(h)) = (req.applicants.get(a as usize), held.get(a as usize)) else {
            continue;
        };
        let lot = hex(lotteries.get(a as usize).copied().unwrap_or(0));
        let start = ix.acceptable.starts.get(a as usize).copied().unwrap_or(0);
        let list = ix.acceptable.of(a as usize);
        let rank_of = |c: u32| {
            list.iter()
                .position(|x| *x == c)
                .and_then(|k| pos.get(start + k))
                .copied()
                .unwrap_or((0, 0))
        };
        let com = |c: u32| req.commitments.get(c as usize);
        let mut held_sorted = h.clone();
        held_sorted.sort_unstable();
        for (c, choice) in held_sorted {
            let Some(cp) = com(c) else { continue };
            let rule_version = ix
                .eligible
                .get(a as usize)
                .and_then(|el| el.iter().find(|(x, _)| *x == c))
                .and_then(|(_, ei)| app.eligibility.get(*ei))
                .and_then(|e| e.rule_version.clone());
            let (rank, _) = rank_of(c);
            placements.push(Placement {
                beneficiary: app.id.clone(),
                agreement: cp.agreement.clone(),
                commitment: cp.commitment.clone(),
                rank,
                of: commitments.get(c as usize).map_or(0, |x| x.applicants),
                places: cp.places,
                choice,
                rule_version,
                priority: ix.priority.values(&app.facts),
                lottery: lot.clone(),
            });
        }
        if h.is_empty() && !list.is_empty() {
            let reasons = list
                .iter()
                .filter_map(|&c| {
                    let cp = com(c)?;
                    let (rank, waitlist_position) = rank_of(c);
                    Some(WaitReason {
                        agreement: cp.agreement.clone(),
                        commitment: cp.commitment.clone(),
                        rank,
                        of: commitments.get(c as usize).map_or(0, |x| x.applicants),
                        places: cp.places,
                        waitlist_position,
                    })
                })
                .collect();
            unplaced.push(Unplaced {
                beneficiary: app.id.clone(),
                priority: ix.priority.values(&app.facts),
                lottery: lot,
                reasons,
            });
        }
        for (_, ei) in ix
            .undetermined
            .get(a as usize)
            .map_or(&[][..], Vec::as_slice)
        {
            if let Some(e) = app.eligibility.get(*ei) {
                needs.push(NeedsInformation {
                    beneficiary: app.id.clone(),
                    agreement: e.agreement.clone(),
                    commitment: e.commitment.clone(),
                    missing: e.missing.clone(),
                });
            }
        }
    }
    Allocation {
        seed: req.seed.clone(),
        priority_facts: req.priorities.iter().map(|k| k.fact.clone()).collect(),
        mode: if ix.ranked {
            AllocationMode::DeferredAcceptance
        } else {
            AllocationMode::PriorityOrder
        },
        commitments,
        placements,
        unplaced,
        needs_information: needs,
    }
}

#[cfg(test)]
mod tests {
    use super::hex;

    #[test]
    fn hex_is_the_zero_padded_lower_case_form() {
        for x in [0, 1, 0xabc, 0x0123_4567_89ab_cdef, u64::MAX, 1 << 63] {
            assert_eq!(hex(x), format!("{x:016x}"));
        }
    }
}
