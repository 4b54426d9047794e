//! Enrollment of beneficiaries in commitments: a ledger beside the [`Registry`] with
//! enrollments (registered → active → completed | dropped), waitlists and the people whose
//! eligibility needs more information.
//!
//! [`Enrollments::enrol`] checks, in this order, and refuses with the first failure:
//! the beneficiary, agreement and commitment exist (`enrollment.unknown_*`); the agreement is
//! in force on the date (`enrollment.agreement_not_in_force`); the commitment's period (or
//! else the agreement's) covers the date (`enrollment.outside_commitment_period`); the person
//! is not already registered or active there (`enrollment.already_enrolled`) nor, when either
//! commitment is `exclusive`, in another commitment whose period overlaps
//! (`enrollment.overlapping_enrollment`); eligibility decides `eligible`
//! (`enrollment.not_eligible`; undetermined: `enrollment.needs_information`, and the person is
//! put on the needs-information list with the missing facts); and a place is left
//! (`enrollment.capacity_full`).
//!
//! Places are counted per the commitment's capacity basis: `concurrent` counts registered and
//! active enrollments; `per_year` counts the enrollments registered in the commitment year
//! (from the period's first day, year by year) that were not dropped; `total` counts every
//! enrollment not dropped. No capacity means unlimited. So a drop-out frees a place under
//! every basis, a completion only under `concurrent`. A freed place is offered to the
//! waitlist in order, each person re-checked as of the offer date; a person who no longer
//! qualifies leaves the waitlist with the refusal's code.

use std::fmt;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::agreement::{Agreement, AgreementStatus, CapacityBasis, Commitment};
use crate::allocation::{CommitmentRef, Eligibility, EligibilityOutcome};
use crate::error::Coded;
use crate::ids::BeneficiaryId;
use crate::livelihood::Certificate;
use crate::period::Period;
use crate::registry::Registry;

/// The state of an enrollment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum EnrollmentState {
    /// Registered (*terdaftar*), not yet started.
    Registered,
    /// Taking part (*aktif*).
    Active,
    /// Completed (*lulus*).
    Completed,
    /// Dropped out or withdrawn (*drop out*).
    Dropped,
}

impl EnrollmentState {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            EnrollmentState::Registered => "registered",
            EnrollmentState::Active => "active",
            EnrollmentState::Completed => "completed",
            EnrollmentState::Dropped => "dropped",
        }
    }

    fn ongoing(self) -> bool {
        matches!(self, EnrollmentState::Registered | EnrollmentState::Active)
    }
}

impl fmt::Display for EnrollmentState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One person's enrollment in one commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Enrollment {
    /// The ledger's number for it, from 1.
    pub id: u32,
    /// Who.
    pub beneficiary: BeneficiaryId,
    /// Where.
    pub target: CommitmentRef,
    /// The state.
    pub state: EnrollmentState,
    /// The day of registration.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub registered_on: NaiveDate,
    /// The day it started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "string | undefined"))]
    pub activated_on: Option<NaiveDate>,
    /// The day it was completed or dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "string | undefined"))]
    pub ended_on: Option<NaiveDate>,
    /// Why it was dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drop_reason: Option<String>,
    /// The certificate issued on completion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<Certificate>,
    /// The version of the eligibility rule that admitted the person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_version: Option<String>,
}

/// A person waiting for a place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct WaitlistEntry {
    /// Who.
    pub beneficiary: BeneficiaryId,
    /// Since when.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub since: NaiveDate,
}

/// The waitlist of one commitment, first in line first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Waitlist {
    /// The commitment.
    pub target: CommitmentRef,
    /// The people waiting, in order.
    pub entries: Vec<WaitlistEntry>,
}

/// A person whose eligibility was undetermined when enrolling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct NeedsInformationEntry {
    /// Who.
    pub beneficiary: BeneficiaryId,
    /// The commitment.
    pub target: CommitmentRef,
    /// The facts that would settle it.
    pub missing: Vec<String>,
    /// When it was found.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub on: NaiveDate,
}

/// What happened when a freed place was offered to a waiting person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Offer {
    /// Enrolled.
    Enrolled {
        /// Who.
        beneficiary: BeneficiaryId,
        /// The new enrollment's number.
        enrollment: u32,
    },
    /// No longer qualified and left the waitlist.
    Skipped {
        /// Who.
        beneficiary: BeneficiaryId,
        /// The refusal's code, e.g. `enrollment.not_eligible`.
        code: String,
    },
}

/// The result of [`Enrollments::enrol_or_wait`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum EnrolOutcome {
    /// Enrolled, with the enrollment's number.
    Enrolled {
        /// The enrollment's number.
        enrollment: u32,
    },
    /// No place left: put on the waitlist.
    Waitlisted {
        /// The position, 1 first.
        position: u32,
    },
}

/// The enrollment ledger. Serialisable on its own, beside the registry snapshot.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// In TypeScript the wire form is `EnrollmentsData`: `Enrollments` is the ledger class.
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "EnrollmentsData")
)]
pub struct Enrollments {
    /// Every enrollment, by number.
    #[serde(default)]
    pub enrollments: Vec<Enrollment>,
    /// Waitlists, by commitment.
    #[serde(default)]
    pub waitlists: Vec<Waitlist>,
    /// People whose eligibility could not be decided.
    #[serde(default)]
    pub needs_information: Vec<NeedsInformationEntry>,
}

/// Why an enrollment or a change to it was refused. Never contains personal data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct EnrollmentError {
    kind: EnrollmentErrorKind,
}

impl EnrollmentError {
    /// What went wrong.
    pub fn kind(&self) -> &EnrollmentErrorKind {
        &self.kind
    }

    /// Whether the refusal is about the commitment (no place, not in force, outside its
    /// period, unknown) rather than about the person.
    fn concerns_commitment(&self) -> bool {
        use EnrollmentErrorKind as K;
        matches!(
            self.kind,
            K::CapacityFull { .. }
                | K::AgreementNotInForce { .. }
                | K::OutsideCommitmentPeriod
                | K::UnknownAgreement(_)
                | K::UnknownCommitment(_)
                | K::LedgerFull
        )
    }
}

impl From<EnrollmentErrorKind> for EnrollmentError {
    fn from(kind: EnrollmentErrorKind) -> Self {
        EnrollmentError { kind }
    }
}

/// The kinds of [`EnrollmentError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EnrollmentErrorKind {
    /// No such beneficiary.
    #[error("unknown beneficiary `{0}`")]
    UnknownBeneficiary(String),
    /// No such agreement.
    #[error("unknown agreement `{0}`")]
    UnknownAgreement(String),
    /// The agreement has no such commitment on the date.
    #[error("unknown commitment `{0}` on that date")]
    UnknownCommitment(String),
    /// No such enrollment number.
    #[error("unknown enrollment {0}")]
    UnknownEnrollment(u32),
    /// The agreement is not in force on the date.
    #[error("the agreement is {status} on that date, not in force")]
    AgreementNotInForce {
        /// Its status on the date.
        status: AgreementStatus,
    },
    /// The date lies outside the commitment's period.
    #[error("the date lies outside the commitment's period")]
    OutsideCommitmentPeriod,
    /// Already registered or active in the commitment.
    #[error("already enrolled in this commitment")]
    AlreadyEnrolled,
    /// Enrolled in an overlapping commitment while one of them is exclusive.
    #[error("enrolled in `{other}`, whose period overlaps, and one of them is exclusive")]
    OverlappingEnrollment {
        /// The other commitment.
        other: String,
    },
    /// Eligibility decided `ineligible`.
    #[error("not eligible")]
    NotEligible,
    /// Eligibility undetermined.
    #[error("eligibility undetermined; missing: {}", .missing.join(", "))]
    NeedsInformation {
        /// The facts that would settle it.
        missing: Vec<String>,
    },
    /// No place left.
    #[error("all {places} places are taken")]
    CapacityFull {
        /// The capacity.
        places: u32,
    },
    /// Already on the waitlist.
    #[error("already on the waitlist")]
    AlreadyWaitlisted,
    /// Not on the waitlist.
    #[error("not on the waitlist")]
    NotWaitlisted,
    /// A change not allowed in the current state.
    #[error("an enrollment that is {from} cannot be {event}")]
    IllegalTransition {
        /// The current state.
        from: EnrollmentState,
        /// The change.
        event: &'static str,
    },
    /// A change dated before the enrollment's last date.
    #[error("changes must be dated on or after the enrollment's last change")]
    OutOfOrder,
    /// More enrollments than can be numbered.
    #[error("the ledger is full")]
    LedgerFull,
}

impl Coded for EnrollmentError {
    fn code(&self) -> &'static str {
        use EnrollmentErrorKind as K;
        match self.kind {
            K::UnknownBeneficiary(_) => "enrollment.unknown_beneficiary",
            K::UnknownAgreement(_) => "enrollment.unknown_agreement",
            K::UnknownCommitment(_) => "enrollment.unknown_commitment",
            K::UnknownEnrollment(_) => "enrollment.unknown_enrollment",
            K::AgreementNotInForce { .. } => "enrollment.agreement_not_in_force",
            K::OutsideCommitmentPeriod => "enrollment.outside_commitment_period",
            K::AlreadyEnrolled => "enrollment.already_enrolled",
            K::OverlappingEnrollment { .. } => "enrollment.overlapping_enrollment",
            K::NotEligible => "enrollment.not_eligible",
            K::NeedsInformation { .. } => "enrollment.needs_information",
            K::CapacityFull { .. } => "enrollment.capacity_full",
            K::AlreadyWaitlisted => "enrollment.already_waitlisted",
            K::NotWaitlisted => "enrollment.not_waitlisted",
            K::IllegalTransition { .. } => "enrollment.illegal_transition",
            K::OutOfOrder => "enrollment.out_of_order",
            K::LedgerFull => "enrollment.ledger_full",
        }
    }
}

/// The agreement and the commitment (as amended by `on`).
fn lookup<'r>(
    reg: &'r Registry,
    target: &CommitmentRef,
    on: NaiveDate,
) -> Result<(&'r Agreement, Commitment), EnrollmentError> {
    use EnrollmentErrorKind as K;
    let a = reg
        .agreement(&target.agreement)
        .ok_or_else(|| K::UnknownAgreement(target.agreement.to_string()))?;
    let c = a
        .commitments_on(on)
        .into_iter()
        .find(|c| c.id == target.commitment)
        .ok_or_else(|| K::UnknownCommitment(target.to_string()))?;
    Ok((a, c))
}

fn period_of(a: &Agreement, c: &Commitment, on: NaiveDate) -> Period {
    c.period.unwrap_or_else(|| a.period_on(on))
}

/// The commitment year containing `on`, counted from `from` (`None` before `from`).
fn year_containing(from: NaiveDate, on: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    if on < from {
        return None;
    }
    let mut k = u32::try_from(on.year() - from.year()).ok()?;
    loop {
        let start = from.checked_add_months(Months::new(k.checked_mul(12)?))?;
        if start <= on {
            let end = from.checked_add_months(Months::new(k.checked_add(1)?.checked_mul(12)?));
            return Some((start, end.unwrap_or(NaiveDate::MAX)));
        }
        k = k.checked_sub(1)?;
    }
}

fn overlaps(a: &Period, b: &Period) -> bool {
    a.from() <= b.until() && b.from() <= a.until()
}

impl Enrollments {
    /// An empty ledger.
    pub fn new() -> Self {
        Enrollments::default()
    }

    /// An enrollment by number.
    pub fn get(&self, id: u32) -> Option<&Enrollment> {
        self.enrollments.iter().find(|e| e.id == id)
    }

    /// The enrollments of a beneficiary, by number.
    pub fn of_beneficiary<'s>(
        &'s self,
        b: &'s BeneficiaryId,
    ) -> impl Iterator<Item = &'s Enrollment> + 's {
        self.enrollments.iter().filter(move |e| &e.beneficiary == b)
    }

    /// The waitlist of a commitment, first in line first (empty if none).
    pub fn waitlist(&self, target: &CommitmentRef) -> &[WaitlistEntry] {
        self.waitlists
            .iter()
            .find(|w| &w.target == target)
            .map_or(&[], |w| w.entries.as_slice())
    }

    /// A person's position on a commitment's waitlist, 1 first.
    pub fn waitlist_position(&self, b: &BeneficiaryId, target: &CommitmentRef) -> Option<u32> {
        self.waitlist(target)
            .iter()
            .position(|e| &e.beneficiary == b)
            .and_then(|p| u32::try_from(p).ok())
            .map(|p| p.saturating_add(1))
    }

    /// Places taken in a commitment on a date under its capacity basis, and the capacity
    /// (`None`: unlimited).
    pub fn places_used(
        &self,
        reg: &Registry,
        target: &CommitmentRef,
        on: NaiveDate,
    ) -> Result<(u32, Option<u32>), EnrollmentError> {
        let (a, c) = lookup(reg, target, on)?;
        let Some(cap) = c.capacity else {
            return Ok((0, None));
        };
        let here = self.enrollments.iter().filter(|e| &e.target == target);
        let used = match cap.basis {
            CapacityBasis::Concurrent => here.filter(|e| e.state.ongoing()).count(),
            CapacityBasis::Total => here.filter(|e| e.state != EnrollmentState::Dropped).count(),
            CapacityBasis::PerYear => {
                let (start, end) =
                    year_containing(period_of(a, &c, on).from(), on).unwrap_or((on, on));
                here.filter(|e| e.state != EnrollmentState::Dropped)
                    .filter(|e| start <= e.registered_on && e.registered_on < end)
                    .count()
            }
        };
        Ok((u32::try_from(used).unwrap_or(u32::MAX), Some(cap.places)))
    }

    /// Places left in a commitment on a date (`None`: unlimited), e.g. the `places` to
    /// offer in an allocation.
    ///
    /// # Errors
    /// `enrollment.unknown_agreement`, `enrollment.unknown_commitment`.
    pub fn places_left(
        &self,
        reg: &Registry,
        target: &CommitmentRef,
        on: NaiveDate,
    ) -> Result<Option<u32>, EnrollmentError> {
        let (used, cap) = self.places_used(reg, target, on)?;
        Ok(cap.map(|c| c.saturating_sub(used)))
    }

    /// Checks everything but capacity; returns the rule version on success.
    fn check(
        &mut self,
        reg: &Registry,
        elig: &dyn Eligibility,
        b: &BeneficiaryId,
        target: &CommitmentRef,
        on: NaiveDate,
    ) -> Result<Option<String>, EnrollmentError> {
        use EnrollmentErrorKind as K;
        let person = reg
            .beneficiary(b)
            .ok_or_else(|| K::UnknownBeneficiary(b.to_string()))?;
        let a = reg
            .agreement(&target.agreement)
            .ok_or_else(|| K::UnknownAgreement(target.agreement.to_string()))?;
        let status = a.status_on(on);
        if status != AgreementStatus::InForce {
            return Err(K::AgreementNotInForce { status }.into());
        }
        let (a, c) = lookup(reg, target, on)?;
        let period = period_of(a, &c, on);
        if !period.contains(on) {
            return Err(K::OutsideCommitmentPeriod.into());
        }
        let mine: Vec<&Enrollment> = self
            .enrollments
            .iter()
            .filter(|e| &e.beneficiary == b && e.state.ongoing())
            .collect();
        if mine.iter().any(|e| &e.target == target) {
            return Err(K::AlreadyEnrolled.into());
        }
        for e in mine {
            let Ok((oa, oc)) = lookup(reg, &e.target, on) else {
                continue;
            };
            if (c.exclusive || oc.exclusive) && overlaps(&period, &period_of(oa, &oc, on)) {
                return Err(K::OverlappingEnrollment {
                    other: e.target.to_string(),
                }
                .into());
            }
        }
        let d = elig.decide(person, target, on);
        match d.outcome {
            EligibilityOutcome::Eligible => Ok(d.rule_version),
            EligibilityOutcome::Ineligible => Err(K::NotEligible.into()),
            EligibilityOutcome::Undetermined => {
                self.needs_information
                    .retain(|n| !(&n.beneficiary == b && &n.target == target));
                self.needs_information.push(NeedsInformationEntry {
                    beneficiary: b.clone(),
                    target: target.clone(),
                    missing: d.missing.clone(),
                    on,
                });
                Err(K::NeedsInformation { missing: d.missing }.into())
            }
        }
    }

    /// Enrols a beneficiary in a commitment on a date (state `registered`), returning the
    /// enrollment's number. On a refusal nothing changes, except that an undetermined
    /// person is put on the needs-information list.
    ///
    /// # Errors
    /// See the module documentation for the checks and their order.
    pub fn enrol(
        &mut self,
        reg: &Registry,
        elig: &dyn Eligibility,
        b: &BeneficiaryId,
        target: &CommitmentRef,
        on: NaiveDate,
    ) -> Result<u32, EnrollmentError> {
        let rule_version = self.check(reg, elig, b, target, on)?;
        let (used, cap) = self.places_used(reg, target, on)?;
        if let Some(places) = cap.filter(|p| used >= *p) {
            return Err(EnrollmentErrorKind::CapacityFull { places }.into());
        }
        let id = u32::try_from(self.enrollments.len())
            .ok()
            .and_then(|n| n.checked_add(1))
            .ok_or(EnrollmentErrorKind::LedgerFull)?;
        self.needs_information
            .retain(|n| !(&n.beneficiary == b && &n.target == target));
        self.enrollments.push(Enrollment {
            id,
            beneficiary: b.clone(),
            target: target.clone(),
            state: EnrollmentState::Registered,
            registered_on: on,
            activated_on: None,
            ended_on: None,
            drop_reason: None,
            certificate: None,
            rule_version,
        });
        Ok(id)
    }

    /// Enrols, or puts the person at the end of the waitlist when no place is left.
    ///
    /// # Errors
    /// The refusals of [`Enrollments::enrol`] other than `enrollment.capacity_full`, and
    /// `enrollment.already_waitlisted`.
    pub fn enrol_or_wait(
        &mut self,
        reg: &Registry,
        elig: &dyn Eligibility,
        b: &BeneficiaryId,
        target: &CommitmentRef,
        on: NaiveDate,
    ) -> Result<EnrolOutcome, EnrollmentError> {
        if self.waitlist_position(b, target).is_some() {
            return Err(EnrollmentErrorKind::AlreadyWaitlisted.into());
        }
        match self.enrol(reg, elig, b, target, on) {
            Ok(enrollment) => Ok(EnrolOutcome::Enrolled { enrollment }),
            Err(e) if matches!(e.kind, EnrollmentErrorKind::CapacityFull { .. }) => {
                let entry = WaitlistEntry {
                    beneficiary: b.clone(),
                    since: on,
                };
                let list = match self.waitlists.iter_mut().position(|w| &w.target == target) {
                    Some(i) => self.waitlists.get_mut(i),
                    None => {
                        self.waitlists.push(Waitlist {
                            target: target.clone(),
                            entries: Vec::new(),
                        });
                        self.waitlists.last_mut()
                    }
                };
                let list = list.ok_or(EnrollmentErrorKind::LedgerFull)?;
                list.entries.push(entry);
                let position = u32::try_from(list.entries.len()).unwrap_or(u32::MAX);
                Ok(EnrolOutcome::Waitlisted { position })
            }
            Err(e) => Err(e),
        }
    }

    /// Takes a person off a commitment's waitlist.
    ///
    /// # Errors
    /// `enrollment.not_waitlisted`.
    pub fn leave_waitlist(
        &mut self,
        b: &BeneficiaryId,
        target: &CommitmentRef,
    ) -> Result<(), EnrollmentError> {
        let w = self
            .waitlists
            .iter_mut()
            .find(|w| &w.target == target)
            .ok_or(EnrollmentErrorKind::NotWaitlisted)?;
        let before = w.entries.len();
        w.entries.retain(|e| &e.beneficiary != b);
        if w.entries.len() == before {
            return Err(EnrollmentErrorKind::NotWaitlisted.into());
        }
        Ok(())
    }

    fn transition(
        &mut self,
        id: u32,
        on: NaiveDate,
        event: &'static str,
        allowed: &[EnrollmentState],
        to: EnrollmentState,
    ) -> Result<&mut Enrollment, EnrollmentError> {
        let e = self
            .enrollments
            .iter_mut()
            .find(|e| e.id == id)
            .ok_or(EnrollmentErrorKind::UnknownEnrollment(id))?;
        if !allowed.contains(&e.state) {
            return Err(EnrollmentErrorKind::IllegalTransition {
                from: e.state,
                event,
            }
            .into());
        }
        let last = e.activated_on.unwrap_or(e.registered_on);
        if on < last {
            return Err(EnrollmentErrorKind::OutOfOrder.into());
        }
        e.state = to;
        Ok(e)
    }

    /// Starts an enrollment: registered → active.
    ///
    /// # Errors
    /// `enrollment.unknown_enrollment`, `enrollment.illegal_transition`,
    /// `enrollment.out_of_order`.
    pub fn activate(&mut self, id: u32, on: NaiveDate) -> Result<(), EnrollmentError> {
        let e = self.transition(
            id,
            on,
            "activated",
            &[EnrollmentState::Registered],
            EnrollmentState::Active,
        )?;
        e.activated_on = Some(on);
        Ok(())
    }

    /// Completes an enrollment (active → completed) with its certificate, if any, and
    /// offers a freed place (under a concurrent capacity) to the waitlist.
    ///
    /// # Errors
    /// `enrollment.unknown_enrollment`, `enrollment.illegal_transition`,
    /// `enrollment.out_of_order`.
    pub fn complete(
        &mut self,
        reg: &Registry,
        elig: &dyn Eligibility,
        id: u32,
        on: NaiveDate,
        certificate: Option<Certificate>,
    ) -> Result<Vec<Offer>, EnrollmentError> {
        let e = self.transition(
            id,
            on,
            "completed",
            &[EnrollmentState::Active],
            EnrollmentState::Completed,
        )?;
        e.ended_on = Some(on);
        e.certificate = certificate;
        let target = e.target.clone();
        Ok(self.offer_places(reg, elig, &target, on))
    }

    /// Drops an enrollment (registered or active → dropped) with a reason, and offers the
    /// freed place to the waitlist. A withdrawal is a drop with the reason `withdrawn`.
    ///
    /// # Errors
    /// `enrollment.unknown_enrollment`, `enrollment.illegal_transition`,
    /// `enrollment.out_of_order`.
    pub fn drop_out(
        &mut self,
        reg: &Registry,
        elig: &dyn Eligibility,
        id: u32,
        on: NaiveDate,
        reason: &str,
    ) -> Result<Vec<Offer>, EnrollmentError> {
        let e = self.transition(
            id,
            on,
            "dropped",
            &[EnrollmentState::Registered, EnrollmentState::Active],
            EnrollmentState::Dropped,
        )?;
        e.ended_on = Some(on);
        e.drop_reason = Some(reason.to_owned());
        let target = e.target.clone();
        Ok(self.offer_places(reg, elig, &target, on))
    }

    /// Offers the free places of a commitment to its waitlist in order, re-checking each
    /// person as of `on`, until the places or the waitlist run out.
    pub fn offer_places(
        &mut self,
        reg: &Registry,
        elig: &dyn Eligibility,
        target: &CommitmentRef,
        on: NaiveDate,
    ) -> Vec<Offer> {
        let mut out = Vec::new();
        while let Some(first) = self.waitlist(target).first().map(|e| e.beneficiary.clone()) {
            match self.enrol(reg, elig, &first, target, on) {
                Ok(enrollment) => out.push(Offer::Enrolled {
                    beneficiary: first.clone(),
                    enrollment,
                }),
                // About the commitment, not the person: the waitlist stays as it is.
                Err(e) if e.concerns_commitment() => break,
                Err(e) => out.push(Offer::Skipped {
                    beneficiary: first.clone(),
                    code: e.code().to_owned(),
                }),
            }
            // Leaves the waitlist whether enrolled or skipped.
            let _ = self.leave_waitlist(&first, target);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn commitment_years() {
        let from = d(2020, 9, 9);
        assert_eq!(
            year_containing(from, d(2021, 9, 8)),
            Some((from, d(2021, 9, 9)))
        );
        assert_eq!(
            year_containing(from, d(2021, 9, 9)).unwrap().0,
            d(2021, 9, 9)
        );
        assert_eq!(year_containing(from, d(2020, 9, 8)), None);
        assert!(year_containing(NaiveDate::MIN, NaiveDate::MAX).is_some());
    }
}
