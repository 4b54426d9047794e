//! Cooperation agreements: MoU (*Nota Kesepahaman*), umbrella agreements (*Kesepakatan
//! Bersama*) and PKS (*Perjanjian Kerja Sama*), with parties, clauses, commitments, addenda
//! and a dated lifecycle history.
//!
//! The history is a chronological list of [`LifecycleEvent`]s: negotiated, approved, signed,
//! suspended, resumed, terminated, extended and amended (an addendum). [`Agreement::status_on`]
//! is a pure function of that history and the effective period: once signed, an agreement is
//! *in force* from `effective_from` and *expired* after `effective_until` (as amended by then),
//! unless an extension was recorded, in which case it is *extended*. Operations that would make
//! an illegal transition or inconsistent dates are rejected with an [`AgreementError`].
//!
//! ```
//! use berdaya::agreement::{Agreement, AgreementStatus};
//! use chrono::NaiveDate;
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let mut a: Agreement = serde_json::from_value(serde_json::json!({
//!   "id": "pks-2020-batik-wistara", "kind": "pks", "title": "PKS TENTANG PENEMPATAN KERJA",
//!   "parties": [
//!     {"party": {"agency": "dinsos-jatim"}, "number": "060/123/107.3/2020",
//!      "signatory": {"name": "Kepala Dinas", "position": "Kepala Dinas Sosial"}},
//!     {"party": {"partner": "batik-wistara"}, "number": "01/BW/IX/2020",
//!      "signatory": {"name": "Pemilik", "position": "Pemilik"}}],
//!   "period": {"from": "2020-09-09", "until": "2025-09-08"},
//!   "history": [{"on": "2020-08-01", "event": "negotiated"}, {"on": "2020-08-20", "event": "approved"}]
//! })).unwrap();
//! assert_eq!(a.status_on(d(2020, 9, 1)), AgreementStatus::Approved);
//! a.sign(d(2020, 9, 9))?;
//! assert_eq!(a.status_on(d(2020, 9, 9)), AgreementStatus::InForce);
//! assert_eq!(a.status_on(d(2025, 9, 9)), AgreementStatus::Expired);
//! assert_eq!(a.sign(d(2020, 9, 10)).unwrap_err().code(), "agreement.illegal_transition");
//! # use berdaya::Coded;
//! # Ok::<(), berdaya::agreement::AgreementError>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::AgreementId;
use crate::period::Period;

mod error;
mod terms;

pub use error::{AgreementError, AgreementErrorKind};
pub use terms::{
    Addendum, AgreementKind, Capacity, CapacityBasis, CapacityUnit, Change, ClauseKind, Commitment,
    Party, PartyRef, Signatory,
};
/// What happened to an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(rename = "AgreementEvent")
)]
pub enum Event {
    /// Discussed with the partner (*dibahas*).
    Negotiated,
    /// Approved internally (*disetujui*).
    Approved,
    /// Signed (*ditandatangani*).
    Signed,
    /// Suspended.
    Suspended {
        /// Why.
        reason: String,
    },
    /// Resumed after a suspension.
    Resumed,
    /// Ended early (*diakhiri*).
    Terminated {
        /// Why.
        reason: String,
    },
    /// Extended by a successor agreement (*diperpanjang*).
    Extended {
        /// The agreement that continues it.
        successor: AgreementId,
    },
    /// Amended by an addendum.
    Amended {
        /// The addendum.
        addendum: Addendum,
    },
}

/// A dated lifecycle event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "wasm",
    derive(tsify::Tsify),
    tsify(type = "{ on: string } & AgreementEvent")
)]
pub struct LifecycleEvent {
    /// The day it happened.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub on: NaiveDate,
    /// What happened.
    #[serde(flatten)]
    pub event: Event,
}

/// The status of an agreement on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum AgreementStatus {
    /// Being drafted.
    Draft,
    /// Negotiated (*dibahas*).
    Negotiated,
    /// Approved (*disetujui*).
    Approved,
    /// Signed, not yet effective.
    Signed,
    /// In force (*berlaku*).
    InForce,
    /// Suspended.
    Suspended,
    /// Past its end (*berakhir*).
    Expired,
    /// Ended early (*diakhiri*).
    Terminated,
    /// Past its end and continued by a successor (*diperpanjang*).
    Extended,
}

impl AgreementStatus {
    /// The wire name, e.g. `in_force`.
    pub fn as_str(self) -> &'static str {
        match self {
            AgreementStatus::Draft => "draft",
            AgreementStatus::Negotiated => "negotiated",
            AgreementStatus::Approved => "approved",
            AgreementStatus::Signed => "signed",
            AgreementStatus::InForce => "in_force",
            AgreementStatus::Suspended => "suspended",
            AgreementStatus::Expired => "expired",
            AgreementStatus::Terminated => "terminated",
            AgreementStatus::Extended => "extended",
        }
    }
}

impl fmt::Display for AgreementStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The wire form of an [`Agreement`]: plain data, validated by [`Agreement::new`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct AgreementData {
    /// Id.
    pub id: AgreementId,
    /// Kind.
    pub kind: AgreementKind,
    /// The MoU or umbrella agreement this one implements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<AgreementId>,
    /// Title, `... TENTANG ...`.
    pub title: String,
    /// The parties, first party first; at least two.
    pub parties: Vec<Party>,
    /// Clause texts by kind, as signed.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(type = "Partial<Record<ClauseKind, string>>"))]
    pub clauses: BTreeMap<ClauseKind, String>,
    /// Commitments, as signed.
    #[serde(default)]
    pub commitments: Vec<Commitment>,
    /// Place of signing, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The effective period, as signed.
    pub period: Period,
    /// The lifecycle history, in chronological order (starting as a draft).
    #[serde(default)]
    pub history: Vec<LifecycleEvent>,
}

/// A validated agreement. Build it with [`Agreement::new`] (or deserialise it) and move it
/// through its lifecycle with the operations, each dated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "AgreementData", into = "AgreementData")]
pub struct Agreement {
    data: AgreementData,
}

/// The procedural state from the history alone, before dates decide in force/expired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Procedural {
    Draft,
    Negotiated,
    Approved,
    Active,
    Suspended,
    Terminated,
}

impl Agreement {
    /// Validates an agreement and replays its history.
    ///
    /// # Errors
    /// `agreement.too_few_parties`, `agreement.duplicate_party`, `agreement.missing_signatory`,
    /// `agreement.bad_parent`, `agreement.duplicate_commitment`, `agreement.unknown_party`,
    /// `agreement.zero_capacity`, `agreement.commitment_outside_period`, and any error of the
    /// operations for the history.
    pub fn new(data: AgreementData) -> Result<Agreement, AgreementError> {
        use AgreementErrorKind as K;
        if data.parties.len() < 2 {
            return Err(K::TooFewParties.into());
        }
        let mut seen = BTreeSet::new();
        for p in &data.parties {
            if !seen.insert(&p.party) {
                return Err(K::DuplicateParty.into());
            }
            if p.signatory.name.trim().is_empty() || p.signatory.position.trim().is_empty() {
                return Err(K::MissingSignatory.into());
            }
        }
        if data.kind == AgreementKind::Mou && data.parent.is_some()
            || data.parent.as_ref() == Some(&data.id)
        {
            return Err(K::BadParent.into());
        }
        let history = data.history.clone();
        let mut a = Agreement {
            data: AgreementData {
                history: Vec::new(),
                ..data
            },
        };
        let commitments = a.data.commitments.clone();
        a.check_commitments(&commitments, &a.data.period)?;
        for e in history {
            a.apply(e)?;
        }
        Ok(a)
    }

    fn check_commitments(&self, cs: &[Commitment], period: &Period) -> Result<(), AgreementError> {
        use AgreementErrorKind as K;
        let mut ids = BTreeSet::new();
        for c in cs {
            if !ids.insert(&c.id) {
                return Err(K::DuplicateCommitment.into());
            }
            self.check_commitment(c, period)?;
        }
        Ok(())
    }

    fn check_commitment(&self, c: &Commitment, period: &Period) -> Result<(), AgreementError> {
        use AgreementErrorKind as K;
        if !self.data.parties.iter().any(|p| p.party == c.by) {
            return Err(K::UnknownParty.into());
        }
        if c.capacity.is_some_and(|cap| cap.places == 0) {
            return Err(K::ZeroCapacity.into());
        }
        if c.period.is_some_and(|p| !period.covers(&p)) {
            return Err(K::CommitmentOutsidePeriod.into());
        }
        Ok(())
    }

    /// The wire form.
    pub fn data(&self) -> &AgreementData {
        &self.data
    }

    /// Id.
    pub fn id(&self) -> &AgreementId {
        &self.data.id
    }

    /// Kind.
    pub fn kind(&self) -> AgreementKind {
        self.data.kind
    }

    /// The parent MoU or umbrella agreement, if any.
    pub fn parent(&self) -> Option<&AgreementId> {
        self.data.parent.as_ref()
    }

    /// The parties, first party first.
    pub fn parties(&self) -> &[Party] {
        &self.data.parties
    }

    /// The lifecycle history.
    pub fn history(&self) -> &[LifecycleEvent] {
        &self.data.history
    }

    /// The day it was signed, if it was.
    pub fn signed_on(&self) -> Option<NaiveDate> {
        self.data
            .history
            .iter()
            .find(|e| e.event == Event::Signed)
            .map(|e| e.on)
    }

    /// The addenda with their dates, in order.
    pub fn addenda(&self) -> impl Iterator<Item = (NaiveDate, &Addendum)> {
        self.data.history.iter().filter_map(|e| match &e.event {
            Event::Amended { addendum } => Some((e.on, addendum)),
            _ => None,
        })
    }

    /// The successor recorded by an extension, if any.
    pub fn successor(&self) -> Option<&AgreementId> {
        self.data.history.iter().find_map(|e| match &e.event {
            Event::Extended { successor } => Some(successor),
            _ => None,
        })
    }

    /// The reason of a termination, if terminated.
    pub fn termination_reason(&self) -> Option<&str> {
        self.data.history.iter().find_map(|e| match &e.event {
            Event::Terminated { reason } => Some(reason.as_str()),
            _ => None,
        })
    }

    fn changes_until(&self, date: NaiveDate) -> impl Iterator<Item = &Change> {
        self.data
            .history
            .iter()
            .filter(move |e| e.on <= date)
            .filter_map(|e| match &e.event {
                Event::Amended { addendum } => Some(addendum.changes.iter()),
                _ => None,
            })
            .flatten()
    }

    /// The effective period as amended by addenda dated on or before `date`.
    pub fn period_on(&self, date: NaiveDate) -> Period {
        self.changes_until(date)
            .fold(self.data.period, |p, c| match c {
                Change::SetPeriod { period } => *period,
                _ => p,
            })
    }

    /// The effective period after all addenda.
    pub fn current_period(&self) -> Period {
        self.period_on(NaiveDate::MAX)
    }

    /// The clauses as amended by addenda dated on or before `date`.
    pub fn clauses_on(&self, date: NaiveDate) -> BTreeMap<ClauseKind, String> {
        let mut out = self.data.clauses.clone();
        for c in self.changes_until(date) {
            match c {
                Change::SetClause { clause, text } => {
                    out.insert(*clause, text.clone());
                }
                Change::RemoveClause { clause } => {
                    out.remove(clause);
                }
                _ => {}
            }
        }
        out
    }

    /// The commitments as amended by addenda dated on or before `date`.
    pub fn commitments_on(&self, date: NaiveDate) -> Vec<Commitment> {
        let mut out = self.data.commitments.clone();
        for c in self.changes_until(date) {
            match c {
                Change::SetCommitment { commitment } => {
                    match out.iter_mut().find(|x| x.id == commitment.id) {
                        Some(x) => *x = commitment.clone(),
                        None => out.push(commitment.clone()),
                    }
                }
                Change::RemoveCommitment { id } => out.retain(|x| &x.id != id),
                _ => {}
            }
        }
        out
    }

    fn procedural_on(&self, date: NaiveDate) -> (Procedural, bool) {
        let mut state = Procedural::Draft;
        let mut extended = false;
        for e in self.data.history.iter().filter(|e| e.on <= date) {
            state = match &e.event {
                Event::Negotiated => Procedural::Negotiated,
                Event::Approved => Procedural::Approved,
                Event::Signed | Event::Resumed => Procedural::Active,
                Event::Suspended { .. } => Procedural::Suspended,
                Event::Terminated { .. } => Procedural::Terminated,
                Event::Extended { .. } => {
                    extended = true;
                    state
                }
                Event::Amended { .. } => state,
            };
        }
        (state, extended)
    }

    /// The status on `date`, a pure function of the history and the (amended) period.
    pub fn status_on(&self, date: NaiveDate) -> AgreementStatus {
        let (state, extended) = self.procedural_on(date);
        let period = self.period_on(date);
        let past = || {
            if extended {
                AgreementStatus::Extended
            } else {
                AgreementStatus::Expired
            }
        };
        match state {
            Procedural::Draft => AgreementStatus::Draft,
            Procedural::Negotiated => AgreementStatus::Negotiated,
            Procedural::Approved => AgreementStatus::Approved,
            Procedural::Terminated => AgreementStatus::Terminated,
            Procedural::Active if date < period.from() => AgreementStatus::Signed,
            Procedural::Active if date <= period.until() => AgreementStatus::InForce,
            Procedural::Suspended if date <= period.until() => AgreementStatus::Suspended,
            Procedural::Active | Procedural::Suspended => past(),
        }
    }

    /// Whether it is in force on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.status_on(date) == AgreementStatus::InForce
    }

    /// Whether the current period is longer than `years` years (a configurable maximum; five
    /// years is common practice but unverified).
    pub fn exceeds_years(&self, years: u32) -> bool {
        let p = self.current_period();
        p.from()
            .checked_add_months(chrono::Months::new(years.saturating_mul(12)))
            .is_some_and(|limit| p.until() >= limit)
    }

    /// Records that it was negotiated. Allowed from draft.
    ///
    /// # Errors
    /// `agreement.illegal_transition`, `agreement.out_of_order`.
    pub fn negotiate(&mut self, on: NaiveDate) -> Result<(), AgreementError> {
        self.apply(LifecycleEvent {
            on,
            event: Event::Negotiated,
        })
    }

    /// Records its approval. Allowed from negotiated.
    ///
    /// # Errors
    /// `agreement.illegal_transition`, `agreement.out_of_order`.
    pub fn approve(&mut self, on: NaiveDate) -> Result<(), AgreementError> {
        self.apply(LifecycleEvent {
            on,
            event: Event::Approved,
        })
    }

    /// Records its signature. Allowed from approved; the effective period may not start
    /// before the signing day.
    ///
    /// # Errors
    /// `agreement.illegal_transition`, `agreement.out_of_order`,
    /// `agreement.effective_before_signing`.
    pub fn sign(&mut self, on: NaiveDate) -> Result<(), AgreementError> {
        self.apply(LifecycleEvent {
            on,
            event: Event::Signed,
        })
    }

    /// Suspends it. Allowed while in force.
    ///
    /// # Errors
    /// `agreement.illegal_transition`, `agreement.out_of_order`.
    pub fn suspend(
        &mut self,
        on: NaiveDate,
        reason: impl Into<String>,
    ) -> Result<(), AgreementError> {
        self.apply(LifecycleEvent {
            on,
            event: Event::Suspended {
                reason: reason.into(),
            },
        })
    }

    /// Resumes it. Allowed while suspended.
    ///
    /// # Errors
    /// `agreement.illegal_transition`, `agreement.out_of_order`.
    pub fn resume(&mut self, on: NaiveDate) -> Result<(), AgreementError> {
        self.apply(LifecycleEvent {
            on,
            event: Event::Resumed,
        })
    }

    /// Ends it early. Allowed when signed, in force or suspended.
    ///
    /// # Errors
    /// `agreement.illegal_transition`, `agreement.out_of_order`.
    pub fn terminate(
        &mut self,
        on: NaiveDate,
        reason: impl Into<String>,
    ) -> Result<(), AgreementError> {
        self.apply(LifecycleEvent {
            on,
            event: Event::Terminated {
                reason: reason.into(),
            },
        })
    }

    /// Records its extension by a successor. Allowed once, when in force or expired.
    ///
    /// # Errors
    /// `agreement.illegal_transition`, `agreement.out_of_order`, `agreement.bad_successor`.
    pub fn extend(&mut self, on: NaiveDate, successor: AgreementId) -> Result<(), AgreementError> {
        self.apply(LifecycleEvent {
            on,
            event: Event::Extended { successor },
        })
    }

    /// Amends it. Allowed from signing to the end of the period as amended so far, unless
    /// terminated.
    ///
    /// # Errors
    /// `agreement.addendum_outside_period`, `agreement.out_of_order`, and the commitment and
    /// period errors of [`Agreement::new`] for the amended state.
    pub fn amend(&mut self, on: NaiveDate, addendum: Addendum) -> Result<(), AgreementError> {
        self.apply(LifecycleEvent {
            on,
            event: Event::Amended { addendum },
        })
    }

    /// Applies one dated event after checking it.
    ///
    /// # Errors
    /// As the operation the event stands for.
    pub fn apply(&mut self, e: LifecycleEvent) -> Result<(), AgreementError> {
        use AgreementErrorKind as K;
        use AgreementStatus as S;
        if self.data.history.last().is_some_and(|l| e.on < l.on) {
            return Err(K::OutOfOrder.into());
        }
        let status = self.status_on(e.on);
        let illegal = || -> AgreementError {
            K::IllegalTransition {
                from: status,
                event: event_name(&e.event),
            }
            .into()
        };
        match &e.event {
            Event::Negotiated if status != S::Draft => return Err(illegal()),
            Event::Approved if status != S::Negotiated => return Err(illegal()),
            Event::Signed => {
                if status != S::Approved {
                    return Err(illegal());
                }
                if self.period_on(e.on).from() < e.on {
                    return Err(K::EffectiveBeforeSigning.into());
                }
            }
            Event::Suspended { .. } if status != S::InForce => return Err(illegal()),
            Event::Resumed if status != S::Suspended => return Err(illegal()),
            Event::Terminated { .. }
                if !matches!(status, S::Signed | S::InForce | S::Suspended) =>
            {
                return Err(illegal())
            }
            Event::Extended { successor } => {
                if !matches!(status, S::InForce | S::Expired) || self.successor().is_some() {
                    return Err(illegal());
                }
                if successor == &self.data.id {
                    return Err(K::BadSuccessor.into());
                }
            }
            Event::Amended { addendum } => self.check_addendum(e.on, status, addendum)?,
            _ => {}
        }
        self.data.history.push(e);
        Ok(())
    }

    fn check_addendum(
        &self,
        on: NaiveDate,
        status: AgreementStatus,
        addendum: &Addendum,
    ) -> Result<(), AgreementError> {
        use AgreementErrorKind as K;
        use AgreementStatus as S;
        match status {
            S::Signed | S::InForce | S::Suspended => {}
            S::Draft | S::Negotiated | S::Approved => return Err(K::AddendumBeforeSigning.into()),
            S::Terminated => {
                return Err(K::IllegalTransition {
                    from: status,
                    event: "amended",
                }
                .into())
            }
            S::Expired | S::Extended => return Err(K::AddendumOutsidePeriod.into()),
        }
        // Check the state the addendum would produce.
        let mut next = self.clone();
        next.data.history.push(LifecycleEvent {
            on,
            event: Event::Amended {
                addendum: addendum.clone(),
            },
        });
        let period = next.period_on(on);
        let signed = self.signed_on().unwrap_or(on);
        if period.from() < signed {
            return Err(K::EffectiveBeforeSigning.into());
        }
        if on > period.until() {
            return Err(K::AddendumOutsidePeriod.into());
        }
        for c in &addendum.changes {
            if let Change::RemoveCommitment { id } = c {
                if !self.commitments_on(on).iter().any(|x| &x.id == id) {
                    return Err(K::UnknownCommitment.into());
                }
            }
        }
        next.check_commitments(&next.commitments_on(on), &period)
    }

    /// Checks that this agreement fits its parent: the parent is an MoU or umbrella agreement
    /// and this agreement's period (as amended) lies inside the parent's.
    ///
    /// # Errors
    /// `agreement.bad_parent`, `agreement.outside_parent`.
    pub fn check_within_parent(&self, parent: &Agreement) -> Result<(), AgreementError> {
        use AgreementErrorKind as K;
        if parent.kind() == AgreementKind::Pks || parent.id() == self.id() {
            return Err(K::BadParent.into());
        }
        if !parent.current_period().covers(&self.current_period()) {
            return Err(K::OutsideParent.into());
        }
        Ok(())
    }
}

fn event_name(e: &Event) -> &'static str {
    match e {
        Event::Negotiated => "negotiated",
        Event::Approved => "approved",
        Event::Signed => "signed",
        Event::Suspended { .. } => "suspended",
        Event::Resumed => "resumed",
        Event::Terminated { .. } => "terminated",
        Event::Extended { .. } => "extended",
        Event::Amended { .. } => "amended",
    }
}

impl TryFrom<AgreementData> for Agreement {
    type Error = AgreementError;
    fn try_from(d: AgreementData) -> Result<Self, AgreementError> {
        Agreement::new(d)
    }
}

impl From<Agreement> for AgreementData {
    fn from(a: Agreement) -> Self {
        a.data
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::CommitmentId;
    use crate::partner::Service;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn signed() -> Agreement {
        let mut a = Agreement::new(
            serde_json::from_value(serde_json::json!({
                "id": "pks-x", "kind": "pks", "title": "PKS TENTANG X",
                "parties": [
                    {"party": {"agency": "dinsos-jatim"}, "signatory": {"name": "A", "position": "Kepala Dinas"}},
                    {"party": {"partner": "mitra"}, "signatory": {"name": "B", "position": "Direktur"}}],
                "clauses": {"scope": "lama"},
                "commitments": [{"id": "jobs", "by": {"partner": "mitra"}, "service": "employment",
                    "capacity": {"places": 5, "unit": "jobs", "basis": "concurrent"}}],
                "period": {"from": "2020-09-09", "until": "2025-09-08"}
            }))
            .unwrap(),
        )
        .unwrap();
        a.negotiate(d(2020, 8, 1)).unwrap();
        a.approve(d(2020, 8, 2)).unwrap();
        a.sign(d(2020, 9, 9)).unwrap();
        a
    }

    #[test]
    fn addenda_keep_history() {
        let mut a = signed();
        let mut more = a.commitments_on(d(2021, 1, 1))[0].clone();
        more.capacity = Some(Capacity {
            places: 8,
            unit: CapacityUnit::Jobs,
            basis: CapacityBasis::Concurrent,
        });
        a.amend(
            d(2022, 1, 10),
            Addendum {
                number: "ADD/1".into(),
                changes: vec![
                    Change::SetClause {
                        clause: ClauseKind::Scope,
                        text: "baru".into(),
                    },
                    Change::SetCommitment { commitment: more },
                ],
            },
        )
        .unwrap();
        assert_eq!(a.clauses_on(d(2022, 1, 9))[&ClauseKind::Scope], "lama");
        assert_eq!(a.clauses_on(d(2022, 1, 10))[&ClauseKind::Scope], "baru");
        let cap = |date| a.commitments_on(date)[0].capacity.unwrap().places;
        assert_eq!((cap(d(2021, 1, 1)), cap(d(2023, 1, 1))), (5, 8));
        assert_eq!(a.signed_on(), Some(d(2020, 9, 9)));
        assert_eq!(a.addenda().count(), 1);
        a.amend(
            d(2023, 1, 1),
            Addendum {
                number: "ADD/2".into(),
                changes: vec![Change::RemoveCommitment {
                    id: CommitmentId::new("jobs").unwrap(),
                }],
            },
        )
        .unwrap();
        assert!(a.commitments_on(d(2023, 1, 1)).is_empty());
        assert_eq!(
            a.commitments_on(d(2022, 6, 1))[0].service,
            Service::Employment
        );
        let back: Agreement = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(back, a);
    }

    #[test]
    fn operations_that_fail_change_nothing() {
        let mut a = signed();
        let before = a.clone();
        assert!(a.resume(d(2021, 1, 1)).is_err());
        assert!(a.negotiate(d(2019, 1, 1)).is_err());
        assert_eq!(a, before);
        let e = a.sign(d(2021, 1, 1)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "an agreement that is in_force cannot be signed"
        );
    }

    #[test]
    fn five_year_limit_is_configurable() {
        let a = signed();
        assert!(!a.exceeds_years(5));
        assert!(a.exceeds_years(4));
    }
}
