//! Outcomes: what came of each placement, as a dated timeline per person — completed
//! training, a certificate, employment (at a partner or elsewhere), self-employment,
//! employing others, continued education — each attributed to the enrollment (and so the
//! agreement and commitment) that led to it.
//!
//! [`Outcomes`] is a ledger beside the enrollment ledger ([`Enrollments`]). [`Outcomes::record`]
//! checks, in this order, and refuses with the first failure: the enrollment exists
//! (`outcome.unknown_enrollment`); the date is not before the enrollment started — its
//! activation, else its registration (`outcome.before_enrollment`); a `completed_training`
//! outcome belongs to a completed enrollment and is dated on or after its completion
//! (`outcome.not_completed`); an employer that is a partner is in the registry
//! (`outcome.unknown_partner`); the same outcome (kind and date) is not recorded twice for the
//! enrollment (`outcome.duplicate`).
//!
//! Records hold ids, dates and the names of organisations only, never personal data, so their
//! `Debug` form is safe to log.
//!
//! ```
//! use berdaya::outcome::{OutcomeKind, Outcomes};
//! use berdaya::Coded;
//! use chrono::NaiveDate;
//! # use berdaya::allocation::{CommitmentRef, EligibilityDecision, EligibilityOutcome, PrecomputedEligibility};
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let reg = berdaya::scenario::east_java_2020()?;
//! let mut ledger = berdaya::Enrollments::new();
//! let elig = berdaya::allocation::RuleEligibility::from_registry(&reg)?;
//! let jobs: CommitmentRef = serde_json::from_str(
//!     r#"{"agreement": "pks-2020-batik-wistara", "commitment": "batik-training"}"#)?;
//! let n = ledger.enrol(&reg, &elig, &"pm-0003".parse()?, &jobs, d(2020, 9, 9))?;
//! ledger.activate(n, d(2020, 10, 1))?;
//!
//! let mut outcomes = Outcomes::new();
//! let employed: OutcomeKind = serde_json::from_str(r#"{"kind": "employed", "partner": "batik-wistara"}"#)?;
//! let err = outcomes.record(&reg, &ledger, n, d(2020, 9, 1), employed.clone()).unwrap_err();
//! assert_eq!(err.code(), "outcome.before_enrollment");
//! outcomes.record(&reg, &ledger, n, d(2021, 4, 1), employed)?;
//! let timeline = outcomes.timeline(&"pm-0003".parse()?);
//! assert_eq!(timeline[0].agreement.as_str(), "pks-2020-batik-wistara");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::agreement::PartyRef;
use crate::enrollment::{EnrollmentState, Enrollments};
use crate::error::Coded;
use crate::ids::{AgreementId, BeneficiaryId, CommitmentId, PartnerId};
use crate::livelihood::{Certificate, EmployeeCount};
use crate::partner::Ownership;
use crate::registry::Registry;

/// What came of a placement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum OutcomeKind {
    /// Completed the training or programme (*lulus*).
    CompletedTraining,
    /// Received a certificate (e.g. a BNSP competency certificate).
    Certified {
        /// The certificate.
        certificate: Certificate,
    },
    /// Employed by someone else: a partner of the office, or another employer.
    Employed {
        /// The partner employing the person, if it is one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        partner: Option<PartnerId>,
        /// The kind of employer (its ownership, as for the UU 8/2016 quota), if known; for
        /// a partner, its registry ownership applies when this is absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        employer_kind: Option<Ownership>,
        /// The employer's name when not a partner (an organisation, not personal data).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        employer: Option<String>,
    },
    /// Self-employed without employees (*wirausaha*), e.g. a tailoring shop.
    SelfEmployed {
        /// The trade, e.g. `tailoring`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        trade: Option<String>,
    },
    /// Runs a business employing `employees` (at least 1) other people.
    EmployerOf {
        /// Number of people employed, at least 1.
        employees: EmployeeCount,
    },
    /// Went on to further education (e.g. a diploma programme, Paket C).
    ContinuedEducation {
        /// The partner providing it, if it is one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        partner: Option<PartnerId>,
        /// The institution or programme, if recorded.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        institution: Option<String>,
    },
}

impl OutcomeKind {
    /// The wire name of the kind, e.g. `employed`.
    pub fn as_str(&self) -> &'static str {
        match self {
            OutcomeKind::CompletedTraining => "completed_training",
            OutcomeKind::Certified { .. } => "certified",
            OutcomeKind::Employed { .. } => "employed",
            OutcomeKind::SelfEmployed { .. } => "self_employed",
            OutcomeKind::EmployerOf { .. } => "employer_of",
            OutcomeKind::ContinuedEducation { .. } => "continued_education",
        }
    }

    /// Whether the person is in work: employed, self-employed or employing others.
    pub fn is_work(&self) -> bool {
        matches!(
            self,
            OutcomeKind::Employed { .. }
                | OutcomeKind::SelfEmployed { .. }
                | OutcomeKind::EmployerOf { .. }
        )
    }

    /// The partner concerned (employer or education provider), if any.
    pub fn partner(&self) -> Option<&PartnerId> {
        match self {
            OutcomeKind::Employed { partner, .. }
            | OutcomeKind::ContinuedEducation { partner, .. } => partner.as_ref(),
            _ => None,
        }
    }
}

/// One dated outcome, attributed to an enrollment and through it to an agreement and
/// commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct OutcomeRecord {
    /// The ledger's number for it, from 1.
    pub id: u32,
    /// Who.
    pub beneficiary: BeneficiaryId,
    /// The enrollment that led to it.
    pub enrollment: u32,
    /// The enrollment's agreement.
    pub agreement: AgreementId,
    /// The enrollment's commitment.
    pub commitment: CommitmentId,
    /// The day.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub on: NaiveDate,
    /// What.
    pub outcome: OutcomeKind,
}

/// The outcome ledger: every recorded outcome, by number. Serialisable on its own, beside
/// the registry snapshot and the enrollment ledger.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
// In TypeScript the wire form is `OutcomesData`: `Outcomes` is the ledger class.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(rename = "OutcomesData"))]
pub struct Outcomes {
    /// Every outcome, by number.
    #[serde(default)]
    pub records: Vec<OutcomeRecord>,
}

/// Why an outcome was refused. Never contains personal data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct OutcomeError {
    kind: OutcomeErrorKind,
}

impl OutcomeError {
    /// What went wrong.
    pub fn kind(&self) -> &OutcomeErrorKind {
        &self.kind
    }
}

impl From<OutcomeErrorKind> for OutcomeError {
    fn from(kind: OutcomeErrorKind) -> Self {
        OutcomeError { kind }
    }
}

/// The kinds of [`OutcomeError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OutcomeErrorKind {
    /// No such enrollment number in the ledger.
    #[error("unknown enrollment {0}")]
    UnknownEnrollment(u32),
    /// Dated before the enrollment started.
    #[error("the outcome is dated before the enrollment started ({started})")]
    BeforeEnrollment {
        /// The enrollment's start (activation, else registration).
        started: NaiveDate,
    },
    /// `completed_training` for an enrollment that is not completed (or before completion).
    #[error("the enrollment is {state}, not completed, on that date")]
    NotCompleted {
        /// The enrollment's state.
        state: EnrollmentState,
    },
    /// The employer or provider is given as a partner the registry does not know.
    #[error("unknown partner `{0}`")]
    UnknownPartner(String),
    /// The same outcome (kind and date) is already recorded for the enrollment.
    #[error("this outcome is already recorded for the enrollment on that date")]
    Duplicate,
    /// More outcomes than can be numbered.
    #[error("the outcome ledger is full")]
    LedgerFull,
}

impl Coded for OutcomeError {
    fn code(&self) -> &'static str {
        use OutcomeErrorKind as K;
        match self.kind {
            K::UnknownEnrollment(_) => "outcome.unknown_enrollment",
            K::BeforeEnrollment { .. } => "outcome.before_enrollment",
            K::NotCompleted { .. } => "outcome.not_completed",
            K::UnknownPartner(_) => "outcome.unknown_partner",
            K::Duplicate => "outcome.duplicate",
            K::LedgerFull => "outcome.ledger_full",
        }
    }

    fn field(&self) -> Option<&'static str> {
        use OutcomeErrorKind as K;
        Some(match self.kind {
            K::UnknownEnrollment(_) => "enrollment",
            K::BeforeEnrollment { .. } | K::NotCompleted { .. } | K::Duplicate => "on",
            K::UnknownPartner(_) => "partner",
            K::LedgerFull => return None,
        })
    }
}

/// The first partner party of an agreement, if any.
pub(crate) fn partner_of(reg: &Registry, agreement: &AgreementId) -> Option<PartnerId> {
    reg.agreement(agreement)?
        .parties()
        .iter()
        .find_map(|p| match &p.party {
            PartyRef::Partner(id) => Some(id.clone()),
            PartyRef::Agency(_) => None,
        })
}

impl Outcomes {
    /// An empty ledger.
    pub fn new() -> Self {
        Outcomes::default()
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// A record by number.
    pub fn get(&self, id: u32) -> Option<&OutcomeRecord> {
        self.records.iter().find(|r| r.id == id)
    }

    /// Records an outcome of enrollment `enrollment` of `enrollments` on `on`, returning its
    /// number. On a refusal nothing changes.
    ///
    /// # Errors
    /// See the module documentation for the checks and their order.
    pub fn record(
        &mut self,
        registry: &Registry,
        enrollments: &Enrollments,
        enrollment: u32,
        on: NaiveDate,
        outcome: OutcomeKind,
    ) -> Result<u32, OutcomeError> {
        use OutcomeErrorKind as K;
        let e = enrollments
            .get(enrollment)
            .ok_or(K::UnknownEnrollment(enrollment))?;
        let started = e.activated_on.unwrap_or(e.registered_on);
        if on < started {
            return Err(K::BeforeEnrollment { started }.into());
        }
        if outcome == OutcomeKind::CompletedTraining {
            let done = e.state == EnrollmentState::Completed && e.ended_on.is_some_and(|d| d <= on);
            if !done {
                return Err(K::NotCompleted { state: e.state }.into());
            }
        }
        if let Some(p) = outcome.partner() {
            if registry.partner(p).is_none() {
                return Err(K::UnknownPartner(p.to_string()).into());
            }
        }
        if self
            .records
            .iter()
            .any(|r| r.enrollment == enrollment && r.on == on && r.outcome == outcome)
        {
            return Err(K::Duplicate.into());
        }
        let id = u32::try_from(self.records.len())
            .ok()
            .and_then(|n| n.checked_add(1))
            .ok_or(K::LedgerFull)?;
        self.records.push(OutcomeRecord {
            id,
            beneficiary: e.beneficiary.clone(),
            enrollment,
            agreement: e.target.agreement.clone(),
            commitment: e.target.commitment.clone(),
            on,
            outcome,
        });
        Ok(id)
    }

    /// A person's timeline: their outcomes by date (then by number).
    pub fn timeline(&self, beneficiary: &BeneficiaryId) -> Vec<&OutcomeRecord> {
        let mut out: Vec<&OutcomeRecord> = self
            .records
            .iter()
            .filter(|r| &r.beneficiary == beneficiary)
            .collect();
        out.sort_by_key(|r| (r.on, r.id));
        out
    }

    /// The outcomes attributed to an enrollment, by date (then by number).
    pub fn of_enrollment(&self, enrollment: u32) -> Vec<&OutcomeRecord> {
        let mut out: Vec<&OutcomeRecord> = self
            .records
            .iter()
            .filter(|r| r.enrollment == enrollment)
            .collect();
        out.sort_by_key(|r| (r.on, r.id));
        out
    }

    /// The outcomes attributed to an agreement, by date (then by number).
    pub fn of_agreement(&self, agreement: &AgreementId) -> Vec<&OutcomeRecord> {
        let mut out: Vec<&OutcomeRecord> = self
            .records
            .iter()
            .filter(|r| &r.agreement == agreement)
            .collect();
        out.sort_by_key(|r| (r.on, r.id));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_employers_need_employees() {
        for s in [
            r#"{"kind":"completed_training"}"#,
            r#"{"kind":"employed","partner":"batik-wistara"}"#,
            r#"{"kind":"employed","employer_kind":"private","employer":"CV Maju"}"#,
            r#"{"kind":"self_employed","trade":"tailoring"}"#,
            r#"{"kind":"employer_of","employees":3}"#,
            r#"{"kind":"continued_education","institution":"Paket C"}"#,
            r#"{"kind":"certified","certificate":{"kind":"competency","title":"Menjahit"}}"#,
        ] {
            let k: OutcomeKind = serde_json::from_str(s).unwrap();
            assert_eq!(serde_json::to_string(&k).unwrap(), s);
        }
        assert!(
            serde_json::from_str::<OutcomeKind>(r#"{"kind":"employer_of","employees":0}"#).is_err()
        );
        assert!(serde_json::from_str::<OutcomeKind>(r#"{"kind":"retired"}"#).is_err());
    }
}
