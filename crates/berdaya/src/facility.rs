//! Agencies (Dinas Sosial) and their technical implementing units (UPT): residential homes
//! with kinds, clusters, capacities, target groups and visit restrictions.
//!
//! ```
//! use berdaya::facility::{Facility, VisitorCategory};
//! use chrono::NaiveDate;
//! let f: Facility = serde_json::from_str(r#"{
//!   "id": "upt-rsbrw-pasuruan", "agency": "dinsos-jatim",
//!   "name": "UPT Rehabilitasi Sosial Bina Rungu Wicara Pasuruan", "short_code": "RSBRW",
//!   "kind": "rehsos_bina_rungu_wicara", "cluster": "disability", "region": "35.14.14",
//!   "capacity": 80, "target_ppks": ["penyandang_disabilitas"], "residential": true,
//!   "visit_restrictions": [{"period": {"from": "2020-03-16", "until": "2021-12-31"},
//!     "reason": "covid-19", "categories": ["family", "public"]}]
//! }"#).unwrap();
//! let d = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
//! assert!(!f.visits_allowed_on(d, VisitorCategory::Family));
//! assert!(f.visits_allowed_on(d, VisitorCategory::Official));
//! ```

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Coded;
use crate::ids::{AgencyId, FacilityId};
use crate::period::Period;
use crate::ppks::Ppks;
use crate::region::RegionCode;

/// The level of government an agency belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum AgencyLevel {
    /// Provincial office (*Dinas Provinsi*).
    Province,
    /// Regency office (*Dinas Kabupaten*).
    Regency,
    /// City office (*Dinas Kota*).
    City,
    /// Ministry (*Kementerian*).
    Ministry,
}

/// A government social-services agency, e.g. Dinas Sosial Provinsi Jawa Timur.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// Id.
    pub id: AgencyId,
    /// Official name.
    pub name: String,
    /// Level of government.
    pub level: AgencyLevel,
    /// Where it sits.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub region: RegionCode,
    /// Postal address, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Title of its head, who signs for it (e.g. `Kepala Dinas Sosial Provinsi Jawa Timur`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head_title: Option<String>,
}

/// The kind of a UPT, after the services it gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum FacilityKind {
    /// Rehabilitation of blind people (*Bina Netra*).
    RehsosBinaNetra,
    /// Rehabilitation of people with physical disability (*Bina Daksa*).
    RehsosBinaDaksa,
    /// Rehabilitation of deaf and speech-impaired people (*Bina Rungu Wicara*).
    RehsosBinaRunguWicara,
    /// Rehabilitation of people with intellectual disability (*Bina Grahita*).
    RehsosBinaGrahita,
    /// Rehabilitation of people with psychosocial disability (*Bina Laras*).
    RehsosBinaLaras,
    /// Care of former leprosy patients and the chronically ill (*Bina Lara Kronis*).
    RehsosBinaLaraKronis,
    /// Home for the elderly (*Tresna Werdha*).
    PelayananSosialTresnaWerdha,
    /// Vocational home for youth (*Bina Remaja*).
    PelayananSosialBinaRemaja,
    /// Child care (*Asuhan Anak*).
    AsuhanAnak,
    /// Toddler care (*Asuhan Balita*).
    AsuhanBalita,
    /// Children in conflict with the law (*Marsudi Putra*).
    MarsudiPutra,
    /// Street people and others (*PMKS jalanan*).
    PmksJalanan,
    /// Any other kind.
    Other,
}

/// The service cluster (*klaster*) of a UPT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Cluster {
    /// *Disabilitas*.
    Disability,
    /// *Anak dan remaja*.
    ChildrenYouth,
    /// *Lanjut usia*.
    Elderly,
    /// *Tuna sosial* (and victims of trafficking).
    SocialExclusion,
    /// *NAPZA* (drug abuse).
    Napza,
    /// Anything else.
    Other,
}

/// Who wants to visit a UPT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum VisitorCategory {
    /// Residents' families.
    Family,
    /// Officials, partners on duty, inspectors.
    Official,
    /// Everyone else (students, donors, the press).
    Public,
}

/// All visitor categories.
pub const ALL_VISITOR_CATEGORIES: [VisitorCategory; 3] = [
    VisitorCategory::Family,
    VisitorCategory::Official,
    VisitorCategory::Public,
];

/// A closure of a UPT to some visitors over a period, with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "VisitRestrictionWire", into = "VisitRestrictionWire")]
pub struct VisitRestriction {
    period: Period,
    reason: String,
    categories: BTreeSet<VisitorCategory>,
}

/// The wire form of a [`VisitRestriction`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct VisitRestrictionWire {
    /// The days visits are closed, both ends included.
    pub period: Period,
    /// Why, e.g. `covid-19`.
    pub reason: String,
    /// The visitors it closes the UPT to; at least one.
    pub categories: BTreeSet<VisitorCategory>,
}

impl VisitRestriction {
    /// A restriction.
    ///
    /// # Errors
    /// `facility.empty_restriction` when it covers no visitor category.
    pub fn new(
        period: Period,
        reason: impl Into<String>,
        categories: impl IntoIterator<Item = VisitorCategory>,
    ) -> Result<Self, FacilityError> {
        let categories: BTreeSet<_> = categories.into_iter().collect();
        if categories.is_empty() {
            return Err(FacilityError::EmptyRestriction);
        }
        Ok(VisitRestriction {
            period,
            reason: reason.into(),
            categories,
        })
    }

    /// The days visits are closed.
    pub fn period(&self) -> Period {
        self.period
    }

    /// Why.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The visitor categories it covers.
    pub fn categories(&self) -> &BTreeSet<VisitorCategory> {
        &self.categories
    }

    /// Whether it closes the UPT to `category` on `date`.
    pub fn closes(&self, date: NaiveDate, category: VisitorCategory) -> bool {
        self.period.contains(date) && self.categories.contains(&category)
    }
}

impl TryFrom<VisitRestrictionWire> for VisitRestriction {
    type Error = FacilityError;
    fn try_from(w: VisitRestrictionWire) -> Result<Self, FacilityError> {
        VisitRestriction::new(w.period, w.reason, w.categories)
    }
}

impl From<VisitRestriction> for VisitRestrictionWire {
    fn from(r: VisitRestriction) -> Self {
        VisitRestrictionWire {
            period: r.period,
            reason: r.reason,
            categories: r.categories,
        }
    }
}

/// An admission age range in completed years, both ends inclusive and each optional, e.g.
/// at least 60 for a PSTW, 15 to 21 for a PSBR (kept per facility: reports differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "AgeRangeWire", into = "AgeRangeWire")]
pub struct AgeRange {
    min: Option<u32>,
    max: Option<u32>,
}

/// The wire form of an [`AgeRange`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct AgeRangeWire {
    /// Youngest age admitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    /// Oldest age admitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
}

impl AgeRange {
    /// A range.
    ///
    /// # Errors
    /// `facility.bad_age_range` when `min > max`.
    pub fn new(min: Option<u32>, max: Option<u32>) -> Result<Self, FacilityError> {
        if let (Some(a), Some(b)) = (min, max) {
            if a > b {
                return Err(FacilityError::BadAgeRange);
            }
        }
        Ok(AgeRange { min, max })
    }

    /// Youngest age admitted.
    pub fn min(&self) -> Option<u32> {
        self.min
    }

    /// Oldest age admitted.
    pub fn max(&self) -> Option<u32> {
        self.max
    }

    /// Whether `age` lies in the range.
    pub fn contains(&self, age: u32) -> bool {
        self.min.is_none_or(|m| age >= m) && self.max.is_none_or(|m| age <= m)
    }
}

impl TryFrom<AgeRangeWire> for AgeRange {
    type Error = FacilityError;
    fn try_from(w: AgeRangeWire) -> Result<Self, FacilityError> {
        AgeRange::new(w.min, w.max)
    }
}

impl From<AgeRange> for AgeRangeWire {
    fn from(r: AgeRange) -> Self {
        AgeRangeWire {
            min: r.min,
            max: r.max,
        }
    }
}

/// A UPT (*Unit Pelaksana Teknis*): a residential social-rehabilitation home.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(rename = "FacilityData"))]
#[serde(deny_unknown_fields)]
pub struct Facility {
    /// Id, e.g. `upt-rsbrw-pasuruan`.
    pub id: FacilityId,
    /// The agency running it.
    pub agency: AgencyId,
    /// Official name.
    pub name: String,
    /// Short code, e.g. `RSBRW`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_code: Option<String>,
    /// Kind.
    pub kind: FacilityKind,
    /// Cluster.
    pub cluster: Cluster,
    /// Where it is (regency, or district when known).
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub region: RegionCode,
    /// Number of residential places, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    /// The ages it admits, if it has a rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "AgeRangeWire | undefined"))]
    pub admission_age: Option<AgeRange>,
    /// The PPKS categories it serves.
    #[serde(default)]
    pub target_ppks: BTreeSet<Ppks>,
    /// Whether residents live there.
    pub residential: bool,
    /// Visit restrictions, in any order; they may overlap.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(type = "VisitRestrictionWire[]"))]
    pub visit_restrictions: Vec<VisitRestriction>,
}

impl Facility {
    /// Whether `category` may visit on `date`: true unless a restriction closes it.
    pub fn visits_allowed_on(&self, date: NaiveDate, category: VisitorCategory) -> bool {
        !self
            .visit_restrictions
            .iter()
            .any(|r| r.closes(date, category))
    }

    /// The restrictions in force on `date` (any category).
    pub fn restrictions_on(&self, date: NaiveDate) -> impl Iterator<Item = &VisitRestriction> {
        self.visit_restrictions
            .iter()
            .filter(move |r| r.period.contains(date))
    }
}

/// Why a facility record was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FacilityError {
    /// A restriction naming no visitor category.
    #[error("a visit restriction must name at least one visitor category")]
    EmptyRestriction,
    /// An age range whose minimum is above its maximum.
    #[error("an age range's minimum cannot be above its maximum")]
    BadAgeRange,
}

impl Coded for FacilityError {
    fn code(&self) -> &'static str {
        match self {
            FacilityError::EmptyRestriction => "facility.empty_restriction",
            FacilityError::BadAgeRange => "facility.bad_age_range",
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
    fn overlapping_restrictions_combine() {
        let r1 = VisitRestriction::new(
            Period::new(d(2020, 3, 16), d(2020, 12, 31)).unwrap(),
            "covid-19",
            [VisitorCategory::Family, VisitorCategory::Public],
        )
        .unwrap();
        let r2 = VisitRestriction::new(
            Period::new(d(2020, 12, 1), d(2021, 1, 31)).unwrap(),
            "renovation",
            [VisitorCategory::Official],
        )
        .unwrap();
        let f: Facility = serde_json::from_value(serde_json::json!({
            "id": "upt-x", "agency": "dinsos-jatim", "name": "UPT X", "kind": "other",
            "cluster": "other", "region": "35.78", "residential": true,
            "visit_restrictions": [r1, r2]
        }))
        .unwrap();
        let open = |day, c| f.visits_allowed_on(day, c);
        assert!(open(d(2020, 3, 15), VisitorCategory::Family));
        assert!(!open(d(2020, 3, 16), VisitorCategory::Family));
        assert!(open(d(2020, 11, 30), VisitorCategory::Official));
        assert!(!open(d(2020, 12, 1), VisitorCategory::Official));
        assert!(!open(d(2020, 12, 31), VisitorCategory::Public));
        assert!(open(d(2021, 1, 1), VisitorCategory::Public));
        assert!(open(d(2021, 2, 1), VisitorCategory::Official));
        assert_eq!(f.restrictions_on(d(2020, 12, 15)).count(), 2);
        assert!(
            VisitRestriction::new(Period::new(d(2020, 1, 1), d(2020, 1, 1)).unwrap(), "x", [])
                .is_err()
        );
        let e = serde_json::from_str::<VisitRestriction>(
            r#"{"period": {"from": "2020-01-01", "until": "2020-01-02"}, "reason": "x", "categories": []}"#,
        );
        assert!(e.is_err());
    }
}
