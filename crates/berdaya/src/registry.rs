//! The registry: the aggregate that owns agencies, facilities, partners, agreements and
//! beneficiaries, keeps references valid and ids, NIKs and agreement numbers unique, and
//! answers the office's questions as of a date.
//!
//! ```
//! use berdaya::registry::Registry;
//! use chrono::NaiveDate;
//! let reg = berdaya::scenario::east_java_2020()?;
//! let d = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
//! assert_eq!(reg.agreements_in_force_on(d).len(), 5);
//! let copy = Registry::from_json(&reg.to_json()?)?;
//! assert_eq!(copy, reg);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::agreement::{Agreement, AgreementError, Commitment, PartyRef};
use crate::beneficiary::{age_on, Beneficiary, CareStage, FactWarning};
use crate::error::Coded;
use crate::facility::{Agency, Facility, VisitorCategory};
use crate::ids::{AgencyId, AgreementId, BeneficiaryId, FacilityId, PartnerId};
use crate::livelihood::Livelihood;
use crate::partner::{Partner, Service};
use crate::vocab::CareStatus;

/// The aggregate of all records, with referential integrity and uniqueness.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Registry {
    pub(crate) agencies: BTreeMap<AgencyId, Agency>,
    pub(crate) facilities: BTreeMap<FacilityId, Facility>,
    pub(crate) partners: BTreeMap<PartnerId, Partner>,
    pub(crate) agreements: BTreeMap<AgreementId, Agreement>,
    pub(crate) beneficiaries: BTreeMap<BeneficiaryId, Beneficiary>,
    /// NIK digits to beneficiary; personal data, so `Debug` is written by hand to skip it.
    pub(crate) niks: BTreeMap<String, BeneficiaryId>,
    /// Beneficiaries whose personal data was erased, with the day (see `erasure.rs`).
    pub(crate) erased: BTreeMap<BeneficiaryId, NaiveDate>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("agencies", &self.agencies)
            .field("facilities", &self.facilities)
            .field("partners", &self.partners)
            .field("agreements", &self.agreements)
            .field("beneficiaries", &self.beneficiaries)
            .finish_non_exhaustive()
    }
}

fn dup(what: &'static str, id: &str) -> RegistryError {
    RegistryErrorKind::DuplicateId {
        what,
        id: id.to_owned(),
    }
    .into()
}

fn unknown(what: &'static str, id: &str) -> RegistryError {
    RegistryErrorKind::UnknownReference {
        what,
        id: id.to_owned(),
    }
    .into()
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Registry::default()
    }

    /// Adds an agency.
    ///
    /// # Errors
    /// `registry.duplicate_id`.
    pub fn add_agency(&mut self, a: Agency) -> Result<(), RegistryError> {
        if self.agencies.contains_key(&a.id) {
            return Err(dup("agency", a.id.as_str()));
        }
        self.agencies.insert(a.id.clone(), a);
        Ok(())
    }

    /// Adds a facility; its agency must exist.
    ///
    /// # Errors
    /// `registry.duplicate_id`, `registry.unknown_reference`.
    pub fn add_facility(&mut self, f: Facility) -> Result<(), RegistryError> {
        if self.facilities.contains_key(&f.id) {
            return Err(dup("facility", f.id.as_str()));
        }
        if !self.agencies.contains_key(&f.agency) {
            return Err(unknown("agency", f.agency.as_str()));
        }
        self.facilities.insert(f.id.clone(), f);
        Ok(())
    }

    /// Adds a partner.
    ///
    /// # Errors
    /// `registry.duplicate_id`.
    pub fn add_partner(&mut self, p: Partner) -> Result<(), RegistryError> {
        if self.partners.contains_key(&p.id) {
            return Err(dup("partner", p.id.as_str()));
        }
        self.partners.insert(p.id.clone(), p);
        Ok(())
    }

    /// Adds an agreement. Its parties, target facilities, parent and successor must exist
    /// (add a parent or successor first), it must fit its parent's period, and no party may
    /// have used its number for another agreement.
    ///
    /// # Errors
    /// `registry.duplicate_id`, `registry.unknown_reference`,
    /// `registry.duplicate_agreement_number`, `agreement.bad_parent`, `agreement.outside_parent`.
    pub fn add_agreement(&mut self, a: Agreement) -> Result<(), RegistryError> {
        if self.agreements.contains_key(a.id()) {
            return Err(dup("agreement", a.id().as_str()));
        }
        self.check_agreement(&a)?;
        self.agreements.insert(a.id().clone(), a);
        Ok(())
    }

    /// Changes an agreement through `op` (e.g. `|a| a.terminate(date, "reason")`), then
    /// re-checks its references; on any error nothing changes.
    ///
    /// # Errors
    /// `registry.not_found`, the operation's `agreement.*` error, or a reference error.
    pub fn update_agreement(
        &mut self,
        id: &AgreementId,
        op: impl FnOnce(&mut Agreement) -> Result<(), AgreementError>,
    ) -> Result<(), RegistryError> {
        let mut a = self.agreements.get(id).cloned().ok_or_else(|| {
            RegistryError::from(RegistryErrorKind::NotFound {
                what: "agreement",
                id: id.to_string(),
            })
        })?;
        op(&mut a).map_err(RegistryErrorKind::Agreement)?;
        self.check_agreement(&a)?;
        self.agreements.insert(id.clone(), a);
        Ok(())
    }

    fn check_party(&self, p: &PartyRef) -> Result<(), RegistryError> {
        match p {
            PartyRef::Agency(id) if !self.agencies.contains_key(id) => {
                Err(unknown("agency", id.as_str()))
            }
            PartyRef::Partner(id) if !self.partners.contains_key(id) => {
                Err(unknown("partner", id.as_str()))
            }
            _ => Ok(()),
        }
    }

    fn check_agreement(&self, a: &Agreement) -> Result<(), RegistryError> {
        for p in a.parties() {
            self.check_party(&p.party)?;
            if let Some(n) = &p.number {
                let clash = self.agreements.values().any(|o| {
                    o.id() != a.id()
                        && o.parties()
                            .iter()
                            .any(|q| q.party == p.party && q.number.as_ref() == Some(n))
                });
                if clash {
                    return Err(RegistryErrorKind::DuplicateAgreementNumber {
                        party: p.party.to_string(),
                    }
                    .into());
                }
            }
        }
        let mut commitments: Vec<&Commitment> = a.data().commitments.iter().collect();
        for (_, add) in a.addenda() {
            for c in &add.changes {
                if let crate::agreement::Change::SetCommitment { commitment } = c {
                    commitments.push(commitment);
                }
            }
        }
        for c in commitments {
            for f in &c.target_facilities {
                if !self.facilities.contains_key(f) {
                    return Err(unknown("facility", f.as_str()));
                }
            }
        }
        if let Some(pid) = a.parent() {
            let parent = self
                .agreements
                .get(pid)
                .ok_or_else(|| unknown("agreement", pid.as_str()))?;
            a.check_within_parent(parent)
                .map_err(RegistryErrorKind::Agreement)?;
        }
        if let Some(s) = a.successor() {
            if !self.agreements.contains_key(s) {
                return Err(unknown("agreement", s.as_str()));
            }
        }
        Ok(())
    }

    /// Adds a beneficiary. Its NIK must be unique, and the facilities of its care history and
    /// the partner employing it must exist.
    ///
    /// # Errors
    /// `registry.duplicate_id`, `registry.duplicate_nik`, `registry.unknown_reference`.
    pub fn add_beneficiary(&mut self, b: Beneficiary) -> Result<(), RegistryError> {
        if self.beneficiaries.contains_key(b.id()) {
            return Err(dup("beneficiary", b.id().as_str()));
        }
        if let Some(nik) = b.nik() {
            if self.niks.contains_key(nik.reveal()) {
                return Err(RegistryErrorKind::DuplicateNik.into());
            }
        }
        for ep in b.data().care.iter().flatten() {
            if !self.facilities.contains_key(&ep.facility) {
                return Err(unknown("facility", ep.facility.as_str()));
            }
        }
        if let Some(Livelihood::Employed {
            partner: Some(p), ..
        }) = &b.data().livelihood
        {
            if !self.partners.contains_key(p) {
                return Err(unknown("partner", p.as_str()));
            }
        }
        if let Some(nik) = b.nik() {
            self.niks.insert(nik.reveal().to_owned(), b.id().clone());
        }
        self.beneficiaries.insert(b.id().clone(), b);
        Ok(())
    }

    /// Inserts agreements in an order where parents and successors come first.
    pub(crate) fn add_agreements(
        &mut self,
        all: Vec<Agreement>,
    ) -> Result<(), (usize, RegistryError)> {
        let mut pending: Vec<(usize, Agreement)> = all.into_iter().enumerate().collect();
        let ids: BTreeSet<AgreementId> = pending.iter().map(|(_, a)| a.id().clone()).collect();
        while !pending.is_empty() {
            let before = pending.len();
            let mut rest = Vec::new();
            for (i, a) in pending {
                let waits = |d: Option<&AgreementId>| {
                    d.is_some_and(|d| ids.contains(d) && !self.agreements.contains_key(d))
                };
                if waits(a.parent()) || waits(a.successor()) {
                    rest.push((i, a));
                } else {
                    self.add_agreement(a).map_err(|e| (i, e))?;
                }
            }
            if rest.len() == before {
                // a cycle: report the first
                if let Some((i, a)) = rest.into_iter().next() {
                    return Err((
                        i,
                        unknown(
                            "agreement",
                            a.successor().or(a.parent()).map_or("", |x| x.as_str()),
                        ),
                    ));
                }
                break;
            }
            pending = rest;
        }
        Ok(())
    }

    /// An agency by id.
    pub fn agency(&self, id: &AgencyId) -> Option<&Agency> {
        self.agencies.get(id)
    }

    /// A facility by id.
    pub fn facility(&self, id: &FacilityId) -> Option<&Facility> {
        self.facilities.get(id)
    }

    /// A partner by id.
    pub fn partner(&self, id: &PartnerId) -> Option<&Partner> {
        self.partners.get(id)
    }

    /// An agreement by id.
    pub fn agreement(&self, id: &AgreementId) -> Option<&Agreement> {
        self.agreements.get(id)
    }

    /// A beneficiary by id.
    pub fn beneficiary(&self, id: &BeneficiaryId) -> Option<&Beneficiary> {
        self.beneficiaries.get(id)
    }

    /// All agencies in id order.
    pub fn agencies(&self) -> impl Iterator<Item = &Agency> {
        self.agencies.values()
    }

    /// All facilities in id order.
    pub fn facilities(&self) -> impl Iterator<Item = &Facility> {
        self.facilities.values()
    }

    /// All partners in id order.
    pub fn partners(&self) -> impl Iterator<Item = &Partner> {
        self.partners.values()
    }

    /// All agreements in id order.
    pub fn agreements(&self) -> impl Iterator<Item = &Agreement> {
        self.agreements.values()
    }

    /// All beneficiaries in id order.
    pub fn beneficiaries(&self) -> impl Iterator<Item = &Beneficiary> {
        self.beneficiaries.values()
    }

    /// The agreements in force on `date`, in id order.
    pub fn agreements_in_force_on(&self, date: NaiveDate) -> Vec<&Agreement> {
        self.agreements
            .values()
            .filter(|a| a.in_force_on(date))
            .collect()
    }

    /// The agreements in force on `date` whose period (as amended by then) ends within
    /// `days` days after it (`date + days` included), with their end dates, in id order.
    pub fn agreements_expiring_within(
        &self,
        date: NaiveDate,
        days: u32,
    ) -> Vec<(&Agreement, NaiveDate)> {
        // Near the end of the calendar the window is cut at the last representable day.
        let limit = date
            .checked_add_days(chrono::Days::new(u64::from(days)))
            .unwrap_or(NaiveDate::MAX);
        self.agreements
            .values()
            .filter(|a| a.in_force_on(date))
            .map(|a| (a, a.period_on(date).until()))
            .filter(|(_, until)| *until <= limit)
            .collect()
    }

    /// The commitments for `service` in the agreements in force on `date`, as amended by then
    /// and whose own period (if any) contains the date.
    pub fn commitments_by_service(
        &self,
        service: Service,
        date: NaiveDate,
    ) -> Vec<(&Agreement, Commitment)> {
        self.agreements_in_force_on(date)
            .into_iter()
            .flat_map(|a| {
                a.commitments_on(date)
                    .into_iter()
                    .filter(|c| c.service == service && c.period.is_none_or(|p| p.contains(date)))
                    .map(move |c| (a, c))
            })
            .collect()
    }

    /// The facilities closed to `category` on `date`, in id order.
    pub fn facilities_closed_to(
        &self,
        category: VisitorCategory,
        date: NaiveDate,
    ) -> Vec<&Facility> {
        self.facilities
            .values()
            .filter(|f| !f.visits_allowed_on(date, category))
            .collect()
    }

    /// The beneficiaries whose derived facility and care status as of `as_of` are the given
    /// ones, in id order.
    pub fn beneficiaries_by(
        &self,
        facility: &FacilityId,
        status: CareStatus,
        as_of: NaiveDate,
    ) -> Vec<&Beneficiary> {
        self.beneficiaries
            .values()
            .filter(|b| {
                let f = b.derived(as_of);
                f.care_status == Some(status) && f.facility.as_ref() == Some(facility)
            })
            .collect()
    }

    /// Counts of beneficiaries by derived facility and care status as of `as_of`; records
    /// with no facility or unknown status are counted under `None`.
    pub fn care_counts(
        &self,
        as_of: NaiveDate,
    ) -> BTreeMap<Option<FacilityId>, BTreeMap<Option<CareStatus>, usize>> {
        let mut out: BTreeMap<Option<FacilityId>, BTreeMap<Option<CareStatus>, usize>> =
            BTreeMap::new();
        for b in self.beneficiaries.values() {
            let f = b.derived(as_of);
            *out.entry(f.facility)
                .or_default()
                .entry(f.care_status)
                .or_default() += 1;
        }
        out
    }

    /// Warnings of every beneficiary as of `as_of`, by id: those of
    /// [`Beneficiary::derived`], and admissions (by `as_of`) at an age outside the UPT's
    /// admission ages.
    pub fn warnings(&self, as_of: NaiveDate) -> Vec<(&BeneficiaryId, FactWarning)> {
        let mut out = Vec::new();
        for b in self.beneficiaries.values() {
            out.extend(b.derived(as_of).warnings.into_iter().map(|w| (b.id(), w)));
            let Some(birth) = b.data().birth_date else {
                continue;
            };
            for ep in b.data().care.iter().flatten() {
                let range = self
                    .facilities
                    .get(&ep.facility)
                    .and_then(|f| f.admission_age);
                let admitted = ep
                    .events
                    .iter()
                    .find(|e| e.stage == CareStage::Resident && e.on <= as_of);
                if let (Some(range), Some(e)) = (range, admitted) {
                    if age_on(birth, e.on).is_some_and(|age| !range.contains(age)) {
                        out.push((b.id(), FactWarning::AdmittedOutsideAgeRange));
                    }
                }
            }
        }
        out
    }
}

/// Why the registry refused a change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct RegistryError {
    kind: RegistryErrorKind,
}

impl RegistryError {
    /// What went wrong.
    pub fn kind(&self) -> &RegistryErrorKind {
        &self.kind
    }
}

impl From<RegistryErrorKind> for RegistryError {
    fn from(kind: RegistryErrorKind) -> Self {
        RegistryError { kind }
    }
}

/// The kinds of [`RegistryError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegistryErrorKind {
    /// An id already taken.
    #[error("there is already a {what} with id `{id}`")]
    DuplicateId {
        /// The kind of record.
        what: &'static str,
        /// The id.
        id: String,
    },
    /// A reference to a record that does not exist.
    #[error("no {what} with id `{id}`")]
    UnknownReference {
        /// The kind of record.
        what: &'static str,
        /// The id.
        id: String,
    },
    /// A record that does not exist.
    #[error("no {what} with id `{id}` to change")]
    NotFound {
        /// The kind of record.
        what: &'static str,
        /// The id.
        id: String,
    },
    /// A snapshot records an erasure for a beneficiary whose record still holds personal data.
    #[error("beneficiary `{id}` is recorded as erased but still has personal data")]
    NotErased {
        /// The beneficiary.
        id: String,
    },
    /// A NIK already registered (the NIK is not shown).
    #[error("another beneficiary has the same NIK")]
    DuplicateNik,
    /// A party using one number for two agreements.
    #[error("{party} already used this number for another agreement")]
    DuplicateAgreementNumber {
        /// The party.
        party: String,
    },
    /// An agreement error.
    #[error("{0}")]
    Agreement(AgreementError),
}

impl Coded for RegistryError {
    fn code(&self) -> &'static str {
        match &self.kind {
            RegistryErrorKind::DuplicateId { .. } => "registry.duplicate_id",
            RegistryErrorKind::UnknownReference { .. } => "registry.unknown_reference",
            RegistryErrorKind::NotFound { .. } => "registry.not_found",
            RegistryErrorKind::DuplicateNik => "registry.duplicate_nik",
            RegistryErrorKind::NotErased { .. } => "registry.not_erased",
            RegistryErrorKind::DuplicateAgreementNumber { .. } => {
                "registry.duplicate_agreement_number"
            }
            RegistryErrorKind::Agreement(e) => e.code(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::beneficiary::BeneficiaryData;
    use crate::ids::CommitmentId;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn scenario() -> Registry {
        crate::scenario::east_java_2020().unwrap()
    }

    fn person(id: &str, nik: &str) -> Beneficiary {
        let mut b = BeneficiaryData::new(BeneficiaryId::new(id).unwrap(), d(2020, 9, 9));
        b.nik = Some(nik.into());
        Beneficiary::new(b).unwrap()
    }

    #[test]
    fn duplicate_nik_is_rejected_without_showing_it() {
        let mut reg = scenario();
        let e = reg
            .add_beneficiary(person("pm-9999", "3514140711950002"))
            .unwrap_err();
        assert_eq!(e.code(), "registry.duplicate_nik");
        assert!(!e.to_string().contains("3514"));
        let e = reg
            .add_beneficiary(person("pm-0001", "3514140711950003"))
            .unwrap_err();
        assert_eq!(e.code(), "registry.duplicate_id");
    }

    #[test]
    fn debug_shows_no_nik() {
        let s = format!("{:?}", scenario());
        assert!(!s.contains("3514140711950002") && !s.contains("Contoh"));
    }

    #[test]
    fn references_must_exist() {
        let mut reg = scenario();
        let mut b = BeneficiaryData::new(BeneficiaryId::new("pm-9999").unwrap(), d(2020, 9, 9));
        b.care = Some(vec![crate::beneficiary::CareEpisode {
            facility: FacilityId::new("upt-nowhere").unwrap(),
            events: vec![crate::beneficiary::CareEvent {
                on: d(2020, 1, 1),
                stage: crate::beneficiary::CareStage::Resident,
            }],
        }]);
        let e = reg
            .add_beneficiary(Beneficiary::new(b).unwrap())
            .unwrap_err();
        assert_eq!(e.code(), "registry.unknown_reference");
        assert_eq!(e.to_string(), "no facility with id `upt-nowhere`");

        let id = AgreementId::new("pks-2020-batik-wistara").unwrap();
        let mut a = reg.agreement(&id).unwrap().data().clone();
        a.id = AgreementId::new("pks-copy").unwrap();
        a.history.clear();
        let e = reg
            .add_agreement(Agreement::new(a.clone()).unwrap())
            .unwrap_err();
        assert_eq!(e.code(), "registry.duplicate_agreement_number");
        for p in &mut a.parties {
            p.number = None;
        }
        a.commitments[0]
            .target_facilities
            .insert(FacilityId::new("upt-nowhere").unwrap());
        let e = reg
            .add_agreement(Agreement::new(a.clone()).unwrap())
            .unwrap_err();
        assert_eq!(e.code(), "registry.unknown_reference");
        a.commitments[0].id = CommitmentId::new("x").unwrap();
        a.commitments[0].target_facilities.clear();
        a.parent = Some(AgreementId::new("mou-missing").unwrap());
        let e = reg.add_agreement(Agreement::new(a).unwrap()).unwrap_err();
        assert_eq!(e.code(), "registry.unknown_reference");
    }

    #[test]
    fn update_agreement_applies_or_changes_nothing() {
        let mut reg = scenario();
        let id = AgreementId::new("pks-2020-rsud-magetan").unwrap();
        reg.update_agreement(&id, |a| a.terminate(d(2022, 1, 1), "hospital restructured"))
            .unwrap();
        assert_eq!(reg.agreements_in_force_on(d(2022, 1, 1)).len(), 4);
        let before = reg.clone();
        let e = reg
            .update_agreement(&id, |a| a.resume(d(2022, 2, 1)))
            .unwrap_err();
        assert_eq!(e.code(), "agreement.illegal_transition");
        assert_eq!(reg, before);
        // extension needs an existing successor
        let other = AgreementId::new("pks-2020-batik-wistara").unwrap();
        let e = reg
            .update_agreement(&other, |a| {
                a.extend(
                    d(2025, 8, 1),
                    AgreementId::new("pks-2025-batik-wistara").unwrap(),
                )
            })
            .unwrap_err();
        assert_eq!(e.code(), "registry.unknown_reference");
        let e = reg
            .update_agreement(&AgreementId::new("nope").unwrap(), |_| Ok(()))
            .unwrap_err();
        assert_eq!(e.code(), "registry.not_found");
    }

    #[test]
    fn queries() {
        let reg = scenario();
        let pstw = FacilityId::new("upt-pstw-magetan").unwrap();
        let health = reg.commitments_by_service(Service::HealthService, d(2021, 1, 1));
        assert_eq!(health.len(), 2);
        assert!(health
            .iter()
            .all(|(_, c)| c.target_facilities.contains(&pstw)));
        let residents = reg.beneficiaries_by(&pstw, CareStatus::Resident, d(2020, 9, 9));
        let counted = reg.care_counts(d(2020, 9, 9))[&Some(pstw)][&Some(CareStatus::Resident)];
        assert_eq!(residents.len(), counted);
    }

    #[test]
    fn admission_outside_the_age_range_is_a_warning() {
        let mut reg = scenario();
        let mut b = BeneficiaryData::new(BeneficiaryId::new("pm-9999").unwrap(), d(2020, 9, 9));
        b.birth_date = Some(d(1965, 3, 1));
        b.care = Some(vec![crate::beneficiary::CareEpisode {
            facility: FacilityId::new("upt-pstw-magetan").unwrap(),
            events: vec![crate::beneficiary::CareEvent {
                on: d(2020, 1, 1),
                stage: crate::beneficiary::CareStage::Resident,
            }],
        }]);
        reg.add_beneficiary(Beneficiary::new(b).unwrap()).unwrap();
        let id = BeneficiaryId::new("pm-9999").unwrap();
        let mine = |date| {
            reg.warnings(date)
                .into_iter()
                .filter(|(b, _)| **b == id)
                .map(|(_, w)| w)
                .collect::<Vec<_>>()
        };
        // 54 at admission, the PSTW admits from 60
        assert_eq!(
            mine(d(2020, 9, 9)),
            vec![FactWarning::AdmittedOutsideAgeRange]
        );
        assert_eq!(mine(d(2019, 12, 31)), vec![]);
    }
}
