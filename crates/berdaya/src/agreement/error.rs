//! Errors of agreements and their lifecycle operations.

use crate::error::Coded;

use super::AgreementStatus;

/// Why an agreement or an operation on it was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct AgreementError {
    kind: AgreementErrorKind,
}

impl AgreementError {
    /// What went wrong.
    pub fn kind(&self) -> &AgreementErrorKind {
        &self.kind
    }
}

impl From<AgreementErrorKind> for AgreementError {
    fn from(kind: AgreementErrorKind) -> Self {
        AgreementError { kind }
    }
}

/// The kinds of [`AgreementError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AgreementErrorKind {
    /// An event not allowed in the current status.
    #[error("an agreement that is {from} cannot be {event}")]
    IllegalTransition {
        /// The status on the event's day.
        from: AgreementStatus,
        /// The event's name.
        event: &'static str,
    },
    /// An event dated before the last one in the history.
    #[error("events must be recorded in date order")]
    OutOfOrder,
    /// The effective period starts before the signing day.
    #[error("an agreement cannot take effect before it is signed")]
    EffectiveBeforeSigning,
    /// An addendum before signing.
    #[error("an addendum needs a signed agreement")]
    AddendumBeforeSigning,
    /// An addendum after the end of the period.
    #[error("an addendum must be dated within the agreement's period")]
    AddendumOutsidePeriod,
    /// Fewer than two parties.
    #[error("an agreement needs at least two parties")]
    TooFewParties,
    /// A party listed twice.
    #[error("a party is listed twice")]
    DuplicateParty,
    /// A party without signatory name or position.
    #[error("every party needs a signatory with a name and a position")]
    MissingSignatory,
    /// An MoU with a parent, a self-parent, or a parent that is a PKS.
    #[error("only a PKS or umbrella agreement implements a parent, and the parent must be an MoU or umbrella agreement")]
    BadParent,
    /// A PKS whose period lies outside its parent's.
    #[error("the agreement's period lies outside its parent's")]
    OutsideParent,
    /// Two commitments with one id.
    #[error("two commitments share an id")]
    DuplicateCommitment,
    /// An addendum removing a commitment that does not exist.
    #[error("the addendum names a commitment the agreement does not have")]
    UnknownCommitment,
    /// A commitment by someone who is not a party.
    #[error("a commitment is made by someone who is not a party")]
    UnknownParty,
    /// A capacity of zero places.
    #[error("a capacity has at least one place; leave it out for unlimited")]
    ZeroCapacity,
    /// A commitment period outside the agreement's.
    #[error("a commitment's period lies outside the agreement's period")]
    CommitmentOutsidePeriod,
    /// An agreement extended by itself.
    #[error("an agreement cannot be its own successor")]
    BadSuccessor,
}

impl Coded for AgreementError {
    fn code(&self) -> &'static str {
        use AgreementErrorKind as K;
        match self.kind {
            K::IllegalTransition { .. } => "agreement.illegal_transition",
            K::OutOfOrder => "agreement.out_of_order",
            K::EffectiveBeforeSigning => "agreement.effective_before_signing",
            K::AddendumBeforeSigning => "agreement.addendum_before_signing",
            K::AddendumOutsidePeriod => "agreement.addendum_outside_period",
            K::TooFewParties => "agreement.too_few_parties",
            K::DuplicateParty => "agreement.duplicate_party",
            K::MissingSignatory => "agreement.missing_signatory",
            K::BadParent => "agreement.bad_parent",
            K::OutsideParent => "agreement.outside_parent",
            K::DuplicateCommitment => "agreement.duplicate_commitment",
            K::UnknownCommitment => "agreement.unknown_commitment",
            K::UnknownParty => "agreement.unknown_party",
            K::ZeroCapacity => "agreement.zero_capacity",
            K::CommitmentOutsidePeriod => "agreement.commitment_outside_period",
            K::BadSuccessor => "agreement.bad_successor",
        }
    }
}
