//! Partners of the office: universities, colleges, hospitals, businesses, NGOs and
//! government units, with the services they can offer and the disability employment quota
//! of UU 8/2016 Pasal 53.
//!
//! The quota is at least 2 % of the workforce for government, regional government and
//! state- or region-owned enterprises, and at least 1 % for private employers (including
//! foundations), rounded up: `ceil(headcount × pct / 100)` in integer arithmetic.
//!
//! ```
//! use berdaya::partner::{Ownership, Workforce};
//! assert_eq!(Ownership::RegionalGovernment.quota_percent(), 2);
//! assert_eq!(Ownership::Private.required_employees(250), 3); // ceil(2.5)
//! assert_eq!(Ownership::StateOwned.required_employees(50), 1);
//! assert_eq!(Ownership::Private.required_employees(0), 0);
//! let w = Workforce::new(Some(250), Some(3))?;
//! assert_eq!(w.meets_quota(Ownership::Private), Some(true));
//! assert!(Workforce::new(Some(2), Some(3)).is_err());
//! # Ok::<(), berdaya::partner::PartnerError>(())
//! ```

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::error::Coded;
use crate::ids::PartnerId;
use crate::region::RegionCode;

/// What kind of organisation a partner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum PartnerKind {
    /// University.
    University,
    /// Health-sciences college (STIKES).
    HealthCollege,
    /// Polytechnic (e.g. Poltekesos).
    Polytechnic,
    /// Hospital (RSUD, RS).
    Hospital,
    /// Business (UMKM, PT).
    Business,
    /// Non-governmental organisation (LKS, *lembaga kesejahteraan sosial*).
    Ngo,
    /// A government unit.
    GovernmentUnit,
}

/// Who owns a partner; decides the employment quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Ownership {
    /// Regional government (*Pemda*: province, regency, city), e.g. an RSUD (assumed).
    RegionalGovernment,
    /// Central government (*Kementerian*), e.g. Poltekesos under Kemensos.
    CentralGovernment,
    /// State- or region-owned enterprise (BUMN, BUMD).
    StateOwned,
    /// Private (*swasta*).
    Private,
    /// Foundation (*yayasan*): private for the quota.
    Foundation,
}

impl Ownership {
    /// The minimum share of employees with disabilities, in percent (UU 8/2016 Pasal 53).
    pub fn quota_percent(self) -> u32 {
        match self {
            Ownership::RegionalGovernment
            | Ownership::CentralGovernment
            | Ownership::StateOwned => 2,
            Ownership::Private | Ownership::Foundation => 1,
        }
    }

    /// The minimum number of employees with disabilities for a workforce of `headcount`:
    /// `ceil(headcount × pct / 100)`.
    pub fn required_employees(self, headcount: u32) -> u32 {
        let n = u64::from(headcount) * u64::from(self.quota_percent());
        // at most ceil(u32::MAX * 2 / 100), which fits in u32
        u32::try_from(n.div_ceil(100)).unwrap_or(u32::MAX)
    }
}

/// A service a partner can offer or commit to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Service {
    /// Study places or scholarships (*pendidikan*).
    Education,
    /// Vocational training in a skill (*pelatihan vokasional*).
    VocationalTraining,
    /// Internship (*magang*, PKL).
    Internship,
    /// Job placement (*penempatan kerja*).
    Employment,
    /// Health services (*layanan kesehatan*).
    HealthService,
    /// Students' practicum in the UPT (*praktik mahasiswa*).
    StudentPracticum,
    /// Community service and research (*pengabdian*, *penelitian*).
    CommunityService,
    /// Market access for residents' products (*pemasaran produk*).
    MarketAccess,
}

/// A partner's workforce; either number may be unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "WorkforceWire", into = "WorkforceWire")]
pub struct Workforce {
    headcount: Option<u32>,
    with_disabilities: Option<u32>,
}

/// The wire form of a [`Workforce`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct WorkforceWire {
    /// Number of employees, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headcount: Option<u32>,
    /// Number of employees with disabilities, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_disabilities: Option<u32>,
}

impl Workforce {
    /// A workforce.
    ///
    /// # Errors
    /// `partner.more_disabled_than_employees` when both are known and the second is larger.
    pub fn new(
        headcount: Option<u32>,
        with_disabilities: Option<u32>,
    ) -> Result<Self, PartnerError> {
        if let (Some(h), Some(d)) = (headcount, with_disabilities) {
            if d > h {
                return Err(PartnerError);
            }
        }
        Ok(Workforce {
            headcount,
            with_disabilities,
        })
    }

    /// Number of employees, if known.
    pub fn headcount(&self) -> Option<u32> {
        self.headcount
    }

    /// Number of employees with disabilities, if known.
    pub fn with_disabilities(&self) -> Option<u32> {
        self.with_disabilities
    }

    /// Whether the quota for `ownership` is met; unknown when either number is.
    pub fn meets_quota(&self, ownership: Ownership) -> Option<bool> {
        Some(self.with_disabilities? >= ownership.required_employees(self.headcount?))
    }
}

impl TryFrom<WorkforceWire> for Workforce {
    type Error = PartnerError;
    fn try_from(w: WorkforceWire) -> Result<Self, PartnerError> {
        Workforce::new(w.headcount, w.with_disabilities)
    }
}

impl From<Workforce> for WorkforceWire {
    fn from(w: Workforce) -> Self {
        WorkforceWire {
            headcount: w.headcount,
            with_disabilities: w.with_disabilities,
        }
    }
}

/// A partner of the office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// Id, e.g. `batik-wistara`.
    pub id: PartnerId,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: PartnerKind,
    /// Ownership.
    pub ownership: Ownership,
    /// Where it is.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub region: RegionCode,
    /// Postal address, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Title of its signatory, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signatory_title: Option<String>,
    /// Services it can offer.
    #[serde(default)]
    pub services: BTreeSet<Service>,
    /// Its workforce, as far as known.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(type = "WorkforceWire"))]
    pub workforce: Workforce,
}

impl Partner {
    /// The minimum number of employees with disabilities, if the headcount is known.
    pub fn required_disability_employees(&self) -> Option<u32> {
        Some(
            self.ownership
                .required_employees(self.workforce.headcount()?),
        )
    }

    /// Whether the partner meets its quota; unknown without both numbers.
    pub fn meets_quota(&self) -> Option<bool> {
        self.workforce.meets_quota(self.ownership)
    }
}

/// More employees with disabilities than employees.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("employees with disabilities cannot outnumber the headcount")]
pub struct PartnerError;

impl Coded for PartnerError {
    fn code(&self) -> &'static str {
        "partner.more_disabled_than_employees"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_rounds_up_in_integers() {
        assert_eq!(Ownership::Private.required_employees(1), 1);
        assert_eq!(Ownership::Private.required_employees(100), 1);
        assert_eq!(Ownership::Private.required_employees(101), 2);
        assert_eq!(Ownership::CentralGovernment.required_employees(1000), 20);
        assert_eq!(
            Ownership::StateOwned.required_employees(u32::MAX),
            85_899_346
        );
        assert_eq!(Workforce::default().meets_quota(Ownership::Private), None);
    }
}
