//! Errors of priorities and allocation requests.

use crate::error::Coded;

use super::PRIORITY_FACTS;

/// Why a priority or an allocation request was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}{}", .index.map_or(String::new(), |i| format!(" (priority key {})", i + 1)))]
pub struct AllocationError {
    kind: AllocationErrorKind,
    index: Option<usize>,
}

impl AllocationError {
    pub(crate) fn at(kind: AllocationErrorKind, index: usize) -> Self {
        AllocationError {
            kind,
            index: Some(index),
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> &AllocationErrorKind {
        &self.kind
    }

    /// The 0-based index of the priority key at fault, if any.
    pub fn index(&self) -> Option<usize> {
        self.index
    }
}

impl From<AllocationErrorKind> for AllocationError {
    fn from(kind: AllocationErrorKind) -> Self {
        AllocationError { kind, index: None }
    }
}

/// The kinds of [`AllocationError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AllocationErrorKind {
    /// A fact priorities cannot use.
    #[error("unknown fact `{fact}`{}", .suggestion.map_or(String::new(), |s| format!("; did you mean `{s}`?")))]
    UnknownFact {
        /// The name given.
        fact: String,
        /// The closest known fact.
        suggestion: Option<&'static str>,
    },
    /// A direction other than `asc` or `desc`.
    #[error("unknown order `{order}`; expected `asc`, `desc` or a list of values")]
    BadOrder {
        /// The order given.
        order: String,
    },
    /// A direction for a vocabulary fact, or values for a numeric one.
    #[error("`{fact}` is ordered by {expected}")]
    WrongOrderKind {
        /// The fact.
        fact: &'static str,
        /// What it takes.
        expected: &'static str,
    },
    /// A value outside the fact's vocabulary.
    #[error("`{value}` is not a value of `{fact}`")]
    UnknownValue {
        /// The fact.
        fact: &'static str,
        /// The value given.
        value: String,
    },
    /// A value listed twice.
    #[error("`{value}` is listed twice for `{fact}`")]
    DuplicateValue {
        /// The fact.
        fact: &'static str,
        /// The value given.
        value: String,
    },
    /// A fact used by two keys.
    #[error("`{fact}` is used by two keys")]
    DuplicateFact {
        /// The fact.
        fact: &'static str,
    },
    /// Priorities that are not a list of keys.
    #[error("priorities must be a list of keys: {detail}")]
    BadPriorityJson {
        /// The parser's message.
        detail: String,
    },
    /// A commitment listed twice in the request.
    #[error("commitment `{commitment}` is listed twice")]
    DuplicateCommitment {
        /// The commitment.
        commitment: String,
    },
    /// An applicant listed twice.
    #[error("applicant `{id}` is listed twice")]
    DuplicateApplicant {
        /// The beneficiary id.
        id: String,
    },
    /// Eligibility or a preference for a commitment not in the request.
    #[error("commitment `{commitment}` is not in the request")]
    UnknownCommitment {
        /// The commitment.
        commitment: String,
        /// Whether it was named in preferences (else in eligibility).
        in_preferences: bool,
    },
    /// Two decisions for one applicant and commitment.
    #[error("applicant `{id}` has two decisions for `{commitment}`")]
    DuplicateDecision {
        /// The beneficiary id.
        id: String,
        /// The commitment.
        commitment: String,
    },
    /// A commitment ranked twice by one applicant.
    #[error("applicant `{id}` ranks `{commitment}` twice")]
    DuplicatePreference {
        /// The beneficiary id.
        id: String,
        /// The commitment.
        commitment: String,
    },
    /// Zero places per person, or several with ranked preferences.
    #[error("max_places_per_person must be at least 1, and exactly 1 with ranked preferences")]
    BadPlacesPerPerson,
    /// A beneficiary not in the registry.
    #[error("unknown beneficiary `{id}`")]
    UnknownBeneficiary {
        /// The id.
        id: String,
    },
    /// More applicants or commitments than can be indexed.
    #[error("too many applicants or commitments")]
    TooLarge,
}

impl Coded for AllocationError {
    fn code(&self) -> &'static str {
        use AllocationErrorKind as K;
        match self.kind {
            K::UnknownFact { .. } => "allocation.unknown_fact",
            K::BadOrder { .. } => "allocation.bad_order",
            K::WrongOrderKind { .. } => "allocation.wrong_order_kind",
            K::UnknownValue { .. } => "allocation.unknown_value",
            K::DuplicateValue { .. } => "allocation.duplicate_value",
            K::DuplicateFact { .. } => "allocation.duplicate_fact",
            K::BadPriorityJson { .. } => "allocation.bad_priority_json",
            K::DuplicateCommitment { .. } => "allocation.duplicate_commitment",
            K::DuplicateApplicant { .. } => "allocation.duplicate_applicant",
            K::UnknownCommitment { .. } => "allocation.unknown_commitment",
            K::DuplicateDecision { .. } => "allocation.duplicate_decision",
            K::DuplicatePreference { .. } => "allocation.duplicate_preference",
            K::BadPlacesPerPerson => "allocation.bad_places_per_person",
            K::UnknownBeneficiary { .. } => "allocation.unknown_beneficiary",
            K::TooLarge => "allocation.too_large",
        }
    }

    fn field(&self) -> Option<&'static str> {
        use AllocationErrorKind as K;
        match self.kind {
            K::UnknownFact { .. }
            | K::BadOrder { .. }
            | K::WrongOrderKind { .. }
            | K::UnknownValue { .. }
            | K::DuplicateValue { .. }
            | K::DuplicateFact { .. }
            | K::BadPriorityJson { .. } => Some("priorities"),
            K::DuplicateCommitment { .. } => Some("commitments"),
            K::DuplicateApplicant { .. } => Some("applicants"),
            K::UnknownCommitment {
                in_preferences: false,
                ..
            }
            | K::DuplicateDecision { .. } => Some("eligibility"),
            K::UnknownCommitment {
                in_preferences: true,
                ..
            }
            | K::DuplicatePreference { .. } => Some("preferences"),
            K::BadPlacesPerPerson => Some("max_places_per_person"),
            K::UnknownBeneficiary { .. } => Some("applicants"),
            K::TooLarge => None,
        }
    }

    fn help(&self) -> Option<String> {
        match &self.kind {
            AllocationErrorKind::UnknownFact { .. } => {
                Some(format!("priorities can use: {}", PRIORITY_FACTS.join(", ")))
            }
            _ => None,
        }
    }
}
