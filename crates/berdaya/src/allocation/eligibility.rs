//! The eligibility seam: decisions per person and commitment, supplied by the rule language
//! or computed beforehand.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::beneficiary::Beneficiary;
use crate::ids::{AgreementId, BeneficiaryId, CommitmentId};

/// A commitment of an agreement.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct CommitmentRef {
    /// The agreement.
    pub agreement: AgreementId,
    /// The commitment in it.
    pub commitment: CommitmentId,
}

impl fmt::Display for CommitmentRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.agreement, self.commitment)
    }
}

/// The outcome of an eligibility decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum EligibilityOutcome {
    /// Eligible.
    Eligible,
    /// Not eligible.
    Ineligible,
    /// Cannot be decided without more facts.
    Undetermined,
}

/// An eligibility decision for one person and one commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct EligibilityDecision {
    /// The outcome.
    pub outcome: EligibilityOutcome,
    /// The input facts that would settle an undetermined case.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// The version of the rule that decided, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_version: Option<String>,
}

impl EligibilityDecision {
    /// An `eligible` decision without a rule version.
    pub fn eligible() -> Self {
        EligibilityDecision {
            outcome: EligibilityOutcome::Eligible,
            missing: Vec::new(),
            rule_version: None,
        }
    }

    /// An `ineligible` decision without a rule version.
    pub fn ineligible() -> Self {
        EligibilityDecision {
            outcome: EligibilityOutcome::Ineligible,
            ..EligibilityDecision::eligible()
        }
    }
}

/// Decides eligibility: the seam where the rule language plugs in.
pub trait Eligibility {
    /// The decision for a beneficiary and a commitment as of a date.
    fn decide(
        &self,
        beneficiary: &Beneficiary,
        commitment: &CommitmentRef,
        as_of: NaiveDate,
    ) -> EligibilityDecision;
}

impl<F> Eligibility for F
where
    F: Fn(&Beneficiary, &CommitmentRef, NaiveDate) -> EligibilityDecision,
{
    fn decide(&self, b: &Beneficiary, c: &CommitmentRef, as_of: NaiveDate) -> EligibilityDecision {
        self(b, c, as_of)
    }
}

/// Decisions computed beforehand, by beneficiary and commitment; pairs not listed are
/// undetermined with `eligibility` missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrecomputedEligibility {
    /// The decisions.
    pub decisions: BTreeMap<(BeneficiaryId, CommitmentRef), EligibilityDecision>,
}

impl Eligibility for PrecomputedEligibility {
    fn decide(&self, b: &Beneficiary, c: &CommitmentRef, _as_of: NaiveDate) -> EligibilityDecision {
        self.decisions
            .get(&(b.id().clone(), c.clone()))
            .cloned()
            .unwrap_or_else(|| EligibilityDecision {
                outcome: EligibilityOutcome::Undetermined,
                missing: vec!["eligibility".into()],
                rule_version: None,
            })
    }
}
