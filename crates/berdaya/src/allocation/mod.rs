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
//! [`allocate`] returns all of that as wire types ([`Allocation`]);
//! [`allocate_compact`] computes the same allocation as a [`CompactAllocation`] that refers
//! to applicants and commitments by position and builds the wire types on demand: the form
//! for large requests (a million applicants), where the full output costs more than the
//! allocation.
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

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::{AgreementId, BeneficiaryId, CommitmentId};

mod compact;
#[cfg(test)]
mod deferred_acceptance;
mod eligibility;
mod error;
mod index;
mod order;
mod priority;
mod rule_eligibility;

pub use compact::{allocate_compact, CompactAllocation};
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
/// This is [`allocate_compact`] followed by [`CompactAllocation::to_allocation`]: at large
/// scale, building the full output costs more than the allocation; a caller that shows only
/// part of it can use the compact form.
///
/// # Errors
/// The priority errors of [`Priority::new`], `allocation.duplicate_commitment`,
/// `allocation.duplicate_applicant`, `allocation.unknown_commitment`,
/// `allocation.duplicate_decision`, `allocation.duplicate_preference`,
/// `allocation.bad_places_per_person`, `allocation.too_large`.
pub fn allocate(req: &AllocationRequest) -> Result<Allocation, AllocationError> {
    allocate_compact(req).map(|c| c.to_allocation())
}
