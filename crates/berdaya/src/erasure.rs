//! Erasure of a beneficiary's personal data (UU 27/2022 on personal data protection, the
//! data subject's right to erasure).
//!
//! [`Registry::erase_personal_data`] replaces the record by its id, its registration date and
//! its care history (the stays in the office's own UPTs, which the office's capacity and
//! occupancy records are built on), and forgets everything else: NIK, name, sex, birth date,
//! domicile, PPKS categories, disabilities, education, welfare rankings, livelihood, skills
//! and certificates. The registry remembers the day of the erasure, and the snapshot keeps it
//! (`erased`), so that:
//!
//! - the id stays valid: enrollments, allocations and reports that name it keep working (the
//!   person counts as "unknown" in breakdowns by personal attributes);
//! - a decision receipt about the person stays a valid record of what was decided (it holds
//!   digests only) and its replay says [`Replay::SubjectErased`](crate::receipt::Replay)
//!   instead of reporting changed facts;
//! - the NIK is free again and nothing in the registry can be linked back to it.
//!
//! ```
//! use berdaya::{scenario, Coded};
//! use chrono::NaiveDate;
//! let mut reg = scenario::east_java_2020()?;
//! let id = reg.beneficiaries().find(|b| b.nik().is_some()).unwrap().id().clone();
//! let on = NaiveDate::from_ymd_opt(2021, 3, 1).unwrap();
//! reg.erase_personal_data(&id, on)?;
//! assert!(reg.beneficiary(&id).unwrap().nik().is_none());
//! assert_eq!(reg.erased_on(&id), Some(on));
//! let back = berdaya::Registry::from_json(&reg.to_json()?)?;
//! assert_eq!(back, reg);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::beneficiary::{Beneficiary, BeneficiaryData};
use crate::ids::BeneficiaryId;
use crate::registry::{Registry, RegistryError, RegistryErrorKind};

/// The record of one erasure, as the snapshot keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Erasure {
    /// Whose personal data was erased.
    pub beneficiary: BeneficiaryId,
    /// The day.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub on: NaiveDate,
}

/// What is left of a record after erasure.
fn erased_form(d: &BeneficiaryData) -> BeneficiaryData {
    let mut out = BeneficiaryData::new(d.id.clone(), d.registered_on);
    out.care = d.care.clone();
    out
}

impl Registry {
    /// Erases the personal data of a beneficiary on a date (see the module documentation).
    /// Erasing again keeps the first date and changes nothing.
    ///
    /// # Errors
    /// `registry.not_found` when there is no such beneficiary.
    pub fn erase_personal_data(
        &mut self,
        id: &BeneficiaryId,
        on: NaiveDate,
    ) -> Result<(), RegistryError> {
        if self.erased.contains_key(id) {
            return Ok(());
        }
        let Some(b) = self.beneficiaries.get(id) else {
            return Err(RegistryErrorKind::NotFound {
                what: "beneficiary",
                id: id.to_string(),
            }
            .into());
        };
        let kept = Beneficiary::new(erased_form(b.data())).map_err(|_| {
            RegistryError::from(RegistryErrorKind::NotFound {
                what: "beneficiary",
                id: id.to_string(),
            })
        })?;
        self.niks.retain(|_, b| b != id);
        self.beneficiaries.insert(id.clone(), kept);
        self.erased.insert(id.clone(), on);
        Ok(())
    }

    /// The day the beneficiary's personal data was erased, if it was.
    pub fn erased_on(&self, id: &BeneficiaryId) -> Option<NaiveDate> {
        self.erased.get(id).copied()
    }

    /// Every erasure, by beneficiary id.
    pub fn erasures(&self) -> Vec<Erasure> {
        self.erased
            .iter()
            .map(|(b, on)| Erasure {
                beneficiary: b.clone(),
                on: *on,
            })
            .collect()
    }

    /// Reads an erasure back from a snapshot: the beneficiary must exist and hold nothing
    /// but what erasure keeps.
    pub(crate) fn restore_erasure(&mut self, e: Erasure) -> Result<(), RegistryError> {
        let Some(b) = self.beneficiaries.get(&e.beneficiary) else {
            return Err(RegistryErrorKind::UnknownReference {
                what: "beneficiary",
                id: e.beneficiary.to_string(),
            }
            .into());
        };
        if erased_form(b.data()) != *b.data() {
            return Err(RegistryErrorKind::NotErased {
                id: e.beneficiary.to_string(),
            }
            .into());
        }
        self.erased.insert(e.beneficiary, e.on);
        Ok(())
    }
}
