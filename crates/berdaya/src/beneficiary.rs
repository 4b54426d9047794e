//! Beneficiaries (*penerima manfaat*): residents and alumni of the UPTs and applicants, with
//! identity, disability, education, welfare ranking, care history and livelihood, each of which
//! may be unknown, and the facts derived from them as of a date.
//!
//! Personal data (NIK, name, disability) never appears in `Debug` output.
//!
//! ```
//! use berdaya::beneficiary::Beneficiary;
//! use berdaya::vocab::CareStatus;
//! use chrono::NaiveDate;
//! let b: Beneficiary = serde_json::from_value(serde_json::json!({
//!   "id": "pm-0001", "registered_on": "2020-09-09", "nik": "3514140711950002",
//!   "name": "Synthetic Person", "sex": "M", "birth_date": "1995-11-07",
//!   "care": [{"facility": "upt-rsbrw-pasuruan", "events": [
//!     {"on": "2018-07-02", "stage": "resident"}, {"on": "2020-06-30", "stage": "graduated"},
//!     {"on": "2020-07-01", "stage": "alumnus"}]}]
//! })).unwrap();
//! let f = b.derived(NaiveDate::from_ymd_opt(2020, 9, 9).unwrap());
//! assert_eq!(f.age, Some(24));
//! assert_eq!(f.care_status, Some(CareStatus::Alumnus));
//! assert_eq!(f.days_since_discharge, Some(71));
//! assert!(!format!("{b:?}").contains("Synthetic"));
//! ```

use std::collections::BTreeSet;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::disability::{DisabilitySet, Multiplicity};
use crate::education::EducationRecord;
use crate::error::Coded;
use crate::ids::{BeneficiaryId, FacilityId};
use crate::livelihood::{Certificate, Livelihood, Skill};
use crate::nik::{Nik, NikError};
use crate::ppks::Ppks;
use crate::region::RegionCode;
use crate::sex::Sex;
use crate::vocab::{CareStatus, EmploymentStatus};
use crate::welfare::{latest_decile, WelfareRanking};

/// What is known of a person's disabilities. An empty set means "known: no disability";
/// an unknown profile is `None` where held.
#[derive(Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct DisabilityProfile {
    /// The types and sub-types present.
    #[cfg_attr(feature = "wasm", tsify(type = "string[]"))]
    pub types: DisabilitySet,
    /// Whether a medical professional assessed them (UU 8/2016 Pasal 4(2)), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessed_by_medical: Option<bool>,
    /// When they were assessed, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "string | undefined"))]
    pub assessed_on: Option<NaiveDate>,
}

impl DisabilityProfile {
    /// Tunggal, ganda or multi; `None` for no disability.
    pub fn multiplicity(&self) -> Option<Multiplicity> {
        self.types.multiplicity()
    }
}

impl fmt::Debug for DisabilityProfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DisabilityProfile(<redacted>)")
    }
}

/// A stage of a care episode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum CareStage {
    /// Applied (*calon*).
    Applicant,
    /// Under assessment (*asesmen*).
    Assessment,
    /// Admitted and living in the UPT (*warga binaan*); the day of this event is day 0.
    Resident,
    /// Graduated and discharged (*lulus*, *dilepas*).
    Graduated,
    /// In after-care (*eks warga binaan*, *bimbingan lanjut*).
    Alumnus,
    /// Referred to another service (*dirujuk*).
    Referred,
    /// Returned to the family (*dikembalikan ke keluarga*).
    ReturnedToFamily,
    /// Left (*keluar*).
    Left,
    /// Died (*meninggal*).
    Died,
}

impl CareStage {
    fn may_follow(self, prev: Option<CareStage>) -> bool {
        use CareStage as S;
        match prev {
            None => matches!(self, S::Applicant | S::Assessment | S::Resident),
            Some(S::Applicant) => matches!(self, S::Assessment | S::Referred | S::Left | S::Died),
            Some(S::Assessment) => matches!(self, S::Resident | S::Referred | S::Left | S::Died),
            Some(S::Resident) => matches!(
                self,
                S::Graduated | S::Referred | S::ReturnedToFamily | S::Left | S::Died
            ),
            Some(S::Graduated) => matches!(self, S::Alumnus | S::Died),
            Some(S::Alumnus) => self == S::Died,
            Some(S::Referred | S::ReturnedToFamily | S::Left | S::Died) => false,
        }
    }
}

/// A dated stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct CareEvent {
    /// The day.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub on: NaiveDate,
    /// The stage entered.
    pub stage: CareStage,
}

/// One episode of care at one UPT: applicant → assessment → resident → graduated → alumnus,
/// or an exit (referred, returned to family, left, died).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct CareEpisode {
    /// The UPT.
    pub facility: FacilityId,
    /// The stages, in order; at least one.
    pub events: Vec<CareEvent>,
}

/// A residential stay derived from an episode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stay<'a> {
    facility: &'a FacilityId,
    admitted: NaiveDate,
    discharged: Option<NaiveDate>,
}

impl CareEpisode {
    fn check(&self) -> Result<(), BeneficiaryError> {
        use BeneficiaryErrorKind as K;
        if self.events.is_empty() {
            return Err(K::EmptyEpisode.into());
        }
        let mut prev: Option<&CareEvent> = None;
        for e in &self.events {
            if prev.is_some_and(|p| e.on < p.on) {
                return Err(K::CareOutOfOrder.into());
            }
            if !e.stage.may_follow(prev.map(|p| p.stage)) {
                return Err(K::IllegalCareTransition {
                    from: prev.map(|p| p.stage),
                    to: e.stage,
                }
                .into());
            }
            prev = Some(e);
        }
        Ok(())
    }

    /// The stage on `date`, if the episode had begun.
    pub fn stage_on(&self, date: NaiveDate) -> Option<CareStage> {
        self.events
            .iter()
            .take_while(|e| e.on <= date)
            .last()
            .map(|e| e.stage)
    }

    /// The stay as known on `date` (discharge only if it happened by then).
    fn stay_on(&self, date: NaiveDate) -> Option<Stay<'_>> {
        let mut it = self
            .events
            .iter()
            .skip_while(|e| e.stage != CareStage::Resident);
        let admitted = it.next().filter(|e| e.on <= date)?.on;
        let discharged = it.next().map(|e| e.on).filter(|d| *d <= date);
        Some(Stay {
            facility: &self.facility,
            admitted,
            discharged,
        })
    }
}

/// The wire form of a [`Beneficiary`]: every field but the id and registration date may be
/// absent (unknown). Unknown is not "none": an empty `ppks` list, an empty disability set or an
/// empty `care` list are known facts.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct BeneficiaryData {
    /// Id.
    pub id: BeneficiaryId,
    /// The day the record was registered; the reference date for the NIK's century.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub registered_on: NaiveDate,
    /// The 16-digit NIK.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nik: Option<String>,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Sex as recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    /// Birth date as recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "string | undefined"))]
    pub birth_date: Option<NaiveDate>,
    /// Region of domicile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "string | undefined"))]
    pub domicile: Option<RegionCode>,
    /// PPKS categories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ppks: Option<BTreeSet<Ppks>>,
    /// Disabilities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disability: Option<DisabilityProfile>,
    /// Education.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "EducationRecordWire | undefined"))]
    pub education: Option<EducationRecord>,
    /// Welfare rankings over time (empty: none known).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub welfare: Vec<WelfareRanking>,
    /// Care episodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub care: Option<Vec<CareEpisode>>,
    /// Livelihood now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub livelihood: Option<Livelihood>,
    /// Skills.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skills: Option<Vec<Skill>>,
    /// Certificates (empty: none known).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub certificates: Vec<Certificate>,
}

impl BeneficiaryData {
    /// A record with only an id and registration date: everything else unknown.
    pub fn new(id: BeneficiaryId, registered_on: NaiveDate) -> Self {
        BeneficiaryData {
            id,
            registered_on,
            nik: None,
            name: None,
            sex: None,
            birth_date: None,
            domicile: None,
            ppks: None,
            disability: None,
            education: None,
            welfare: Vec::new(),
            care: None,
            livelihood: None,
            skills: None,
            certificates: Vec::new(),
        }
    }
}

fn redacted_nik(s: &str) -> String {
    let province: String = s.chars().take(2).filter(char::is_ascii_digit).collect();
    format!("{province:0>2}**************")
}

impl fmt::Debug for BeneficiaryData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BeneficiaryData")
            .field("id", &self.id)
            .field(
                "nik",
                &format_args!(
                    "{}",
                    self.nik.as_deref().map_or("None".into(), redacted_nik)
                ),
            )
            .field("name", &format_args!("<redacted>"))
            .finish_non_exhaustive()
    }
}

/// A validated beneficiary.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "BeneficiaryData", into = "BeneficiaryData")]
pub struct Beneficiary {
    data: BeneficiaryData,
    nik: Option<Nik>,
}

impl fmt::Debug for Beneficiary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let nik = self
            .nik
            .as_ref()
            .map_or("None".to_owned(), ToString::to_string);
        f.debug_struct("Beneficiary")
            .field("id", &self.data.id)
            .field("nik", &format_args!("{nik}"))
            .field("name", &format_args!("<redacted>"))
            .finish_non_exhaustive()
    }
}

/// A warning about a beneficiary's record found while deriving facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum FactWarning {
    /// The birth date in the NIK differs from the recorded one (a NIK is not reissued when a
    /// birth date is corrected).
    NikBirthDateMismatch,
    /// The sex in the NIK differs from the recorded one.
    NikSexMismatch,
    /// The recorded birth date is after the as-of date, so the age is unknown.
    BirthAfterAsOf,
    /// Admitted to a UPT at an age outside the UPT's admission ages (a registry check).
    AdmittedOutsideAgeRange,
}

impl FactWarning {
    /// The stable code, e.g. `beneficiary.nik_sex_mismatch`.
    pub fn code(self) -> &'static str {
        match self {
            FactWarning::NikBirthDateMismatch => "beneficiary.nik_birth_date_mismatch",
            FactWarning::NikSexMismatch => "beneficiary.nik_sex_mismatch",
            FactWarning::BirthAfterAsOf => "beneficiary.birth_after_as_of",
            FactWarning::AdmittedOutsideAgeRange => "beneficiary.admitted_outside_age_range",
        }
    }
}

/// The facts derived from a beneficiary's record as of a date: the flat record the rule
/// language reads. `None` means unknown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct DerivedFacts {
    /// The as-of date.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub as_of: NaiveDate,
    /// Age in completed years.
    pub age: Option<u32>,
    /// Care status (unknown when the care history is unknown or the person died).
    pub care_status: Option<CareStatus>,
    /// Days in care of the current or last stay, admission day = day 0.
    pub days_in_care: Option<i64>,
    /// Days since the last stay ended; unknown while in care or without a stay.
    pub days_since_discharge: Option<i64>,
    /// The UPT of the current application or stay, or of the last stay.
    pub facility: Option<FacilityId>,
    /// Latest welfare decile.
    pub decile: Option<u8>,
    /// Employment category.
    pub employment: Option<EmploymentStatus>,
    /// Whether a death was recorded by the as-of date.
    pub deceased: bool,
    /// Warnings about the record.
    pub warnings: Vec<FactWarning>,
}

/// Completed years from `birth` to `on`; a birthday on `on` counts, and a 29 February
/// birthday is reached on 1 March in common years. `None` if `birth > on`.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> Option<u32> {
    if birth > on {
        return None;
    }
    let years = on.year() - birth.year();
    let before_birthday = (on.month(), on.day()) < (birth.month(), birth.day());
    u32::try_from(years - i32::from(before_birthday)).ok()
}

impl Beneficiary {
    /// Validates a record: the NIK (checked as of `registered_on`) and the care history.
    ///
    /// # Errors
    /// Any `nik.*` code, `beneficiary.empty_episode`, `beneficiary.care_out_of_order`,
    /// `beneficiary.illegal_care_transition`, `beneficiary.overlapping_stays`.
    pub fn new(data: BeneficiaryData) -> Result<Beneficiary, BeneficiaryError> {
        let nik = data
            .nik
            .as_deref()
            .map(|s| Nik::parse(s, data.registered_on))
            .transpose()
            .map_err(|e| BeneficiaryError::from(BeneficiaryErrorKind::Nik(e)))?;
        if let Some(care) = &data.care {
            for ep in care {
                ep.check()?;
            }
            let mut stays: Vec<Stay<'_>> = care
                .iter()
                .filter_map(|e| e.stay_on(NaiveDate::MAX))
                .collect();
            stays.sort_by_key(|s| s.admitted);
            for w in stays.windows(2) {
                if let [a, b] = w {
                    if a.discharged.is_none_or(|d| d > b.admitted) {
                        return Err(BeneficiaryErrorKind::OverlappingStays.into());
                    }
                }
            }
        }
        Ok(Beneficiary { data, nik })
    }

    /// The record as data (personal data included: handle with care).
    pub fn data(&self) -> &BeneficiaryData {
        &self.data
    }

    /// Id.
    pub fn id(&self) -> &BeneficiaryId {
        &self.data.id
    }

    /// The validated NIK, if known.
    pub fn nik(&self) -> Option<&Nik> {
        self.nik.as_ref()
    }

    fn latest_stay(&self, as_of: NaiveDate) -> Option<Stay<'_>> {
        self.data
            .care
            .as_ref()?
            .iter()
            .filter_map(|e| e.stay_on(as_of))
            .max_by_key(|s| s.admitted)
    }

    /// The care status as of a date; see [`Beneficiary::derived`].
    pub fn care_status_on(&self, as_of: NaiveDate) -> Option<CareStatus> {
        self.derived(as_of).care_status
    }

    /// The facts derived as of `as_of`.
    ///
    /// Care status: resident if any episode is at the resident stage; applicant if any is at
    /// the applicant or assessment stage; alumnus if the person ever stayed; none if the care
    /// history is known and has no stay; unknown if the history is unknown or the person died.
    pub fn derived(&self, as_of: NaiveDate) -> DerivedFacts {
        let d = &self.data;
        let mut warnings = Vec::new();
        let age = d.birth_date.and_then(|b| {
            let a = age_on(b, as_of);
            if a.is_none() {
                warnings.push(FactWarning::BirthAfterAsOf);
            }
            a
        });
        if let Some(nik) = &self.nik {
            if d.birth_date.is_some_and(|b| b != nik.birth_date()) {
                warnings.push(FactWarning::NikBirthDateMismatch);
            }
            if d.sex.is_some_and(|s| s != nik.sex()) {
                warnings.push(FactWarning::NikSexMismatch);
            }
        }
        let care = d.care.as_deref();
        let deceased =
            care.is_some_and(|c| c.iter().any(|e| e.stage_on(as_of) == Some(CareStage::Died)));
        let stay = self.latest_stay(as_of);
        let now_at = |pred: fn(CareStage) -> bool| {
            care.and_then(|c| {
                c.iter()
                    .filter(|e| e.stage_on(as_of).is_some_and(pred))
                    .max_by_key(|e| e.events.first().map(|x| x.on))
            })
        };
        let (care_status, facility) = match care {
            None => (None, None),
            Some(_) if deceased => (None, stay.map(|s| s.facility.clone())),
            Some(_) => {
                if let Some(e) = now_at(|s| s == CareStage::Resident) {
                    (Some(CareStatus::Resident), Some(e.facility.clone()))
                } else if let Some(e) =
                    now_at(|s| matches!(s, CareStage::Applicant | CareStage::Assessment))
                {
                    (Some(CareStatus::Applicant), Some(e.facility.clone()))
                } else if let Some(s) = stay {
                    (Some(CareStatus::Alumnus), Some(s.facility.clone()))
                } else {
                    (Some(CareStatus::None), None)
                }
            }
        };
        let days_in_care = stay.map(|s| (s.discharged.unwrap_or(as_of) - s.admitted).num_days());
        let days_since_discharge = stay
            .and_then(|s| s.discharged)
            .map(|dis| (as_of - dis).num_days());
        DerivedFacts {
            as_of,
            age,
            care_status,
            days_in_care,
            days_since_discharge,
            facility,
            decile: latest_decile(&d.welfare, as_of).map(|x| x.get()),
            employment: d.livelihood.as_ref().map(Livelihood::status),
            deceased,
            warnings,
        }
    }
}

impl TryFrom<BeneficiaryData> for Beneficiary {
    type Error = BeneficiaryError;
    fn try_from(d: BeneficiaryData) -> Result<Self, BeneficiaryError> {
        Beneficiary::new(d)
    }
}

impl From<Beneficiary> for BeneficiaryData {
    fn from(b: Beneficiary) -> Self {
        b.data
    }
}

/// Why a beneficiary record was rejected. Never contains personal data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct BeneficiaryError {
    kind: BeneficiaryErrorKind,
}

impl BeneficiaryError {
    /// What went wrong.
    pub fn kind(&self) -> &BeneficiaryErrorKind {
        &self.kind
    }
}

impl From<BeneficiaryErrorKind> for BeneficiaryError {
    fn from(kind: BeneficiaryErrorKind) -> Self {
        BeneficiaryError { kind }
    }
}

/// The kinds of [`BeneficiaryError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BeneficiaryErrorKind {
    /// An invalid NIK.
    #[error("invalid NIK: {0}")]
    Nik(NikError),
    /// A care episode without events.
    #[error("a care episode needs at least one event")]
    EmptyEpisode,
    /// Care events out of date order.
    #[error("care events must be in date order")]
    CareOutOfOrder,
    /// A stage that cannot follow the previous one.
    #[error("care stage {} cannot follow {}", stage_name(*.to), .from.map_or("the start", stage_name))]
    IllegalCareTransition {
        /// The previous stage (`None` at the start).
        from: Option<CareStage>,
        /// The stage entered.
        to: CareStage,
    },
    /// Two residential stays at the same time.
    #[error("two residential stays overlap")]
    OverlappingStays,
}

fn stage_name(s: CareStage) -> &'static str {
    match s {
        CareStage::Applicant => "applicant",
        CareStage::Assessment => "assessment",
        CareStage::Resident => "resident",
        CareStage::Graduated => "graduated",
        CareStage::Alumnus => "alumnus",
        CareStage::Referred => "referred",
        CareStage::ReturnedToFamily => "returned_to_family",
        CareStage::Left => "left",
        CareStage::Died => "died",
    }
}

impl Coded for BeneficiaryError {
    fn code(&self) -> &'static str {
        match &self.kind {
            BeneficiaryErrorKind::Nik(e) => e.code(),
            BeneficiaryErrorKind::EmptyEpisode => "beneficiary.empty_episode",
            BeneficiaryErrorKind::CareOutOfOrder => "beneficiary.care_out_of_order",
            BeneficiaryErrorKind::IllegalCareTransition { .. } => {
                "beneficiary.illegal_care_transition"
            }
            BeneficiaryErrorKind::OverlappingStays => "beneficiary.overlapping_stays",
        }
    }

    fn field(&self) -> Option<&'static str> {
        match &self.kind {
            BeneficiaryErrorKind::Nik(_) => Some("nik"),
            _ => Some("care"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn leap_day_birthdays() {
        let b = d(2000, 2, 29);
        assert_eq!(age_on(b, d(2001, 2, 28)), Some(0));
        assert_eq!(age_on(b, d(2001, 3, 1)), Some(1));
        assert_eq!(age_on(b, d(2004, 2, 29)), Some(4));
        assert_eq!(age_on(b, d(2000, 2, 28)), None);
    }

    #[test]
    fn debug_redacts() {
        let mut data = BeneficiaryData::new(BeneficiaryId::new("pm-1").unwrap(), d(2020, 9, 9));
        data.nik = Some("3514140711950002".into());
        data.name = Some("Secret Name".into());
        let s = format!("{data:?}");
        assert!(!s.contains("Secret") && !s.contains("1407"), "{s}");
        let b = Beneficiary::new(data).unwrap();
        let s = format!("{b:?}");
        assert_eq!(s, "Beneficiary { id: BeneficiaryId(\"pm-1\"), nik: 35**************, name: <redacted>, .. }");
    }
}
