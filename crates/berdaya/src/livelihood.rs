//! Livelihood (how a person earns a living), skills and certificates.
//!
//! ```
//! use berdaya::livelihood::Livelihood;
//! use berdaya::vocab::EmploymentStatus;
//! let l: Livelihood = serde_json::from_str(r#"{"kind": "employer", "employees": 3}"#).unwrap();
//! assert_eq!(l.status(), EmploymentStatus::Employer);
//! assert!(serde_json::from_str::<Livelihood>(r#"{"kind": "employer", "employees": 0}"#).is_err());
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Coded;
use crate::ids::PartnerId;
use crate::vocab::EmploymentStatus;

/// How a person earns a living. Unknown livelihood is `Option<Livelihood>::None` where held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Livelihood {
    /// Not working (*belum bekerja*).
    Unemployed,
    /// Employed by someone else, optionally at a partner of the office.
    Employed {
        /// The partner employing the person, if it is one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        partner: Option<PartnerId>,
        /// The employer's name when not a partner (not personal data of the beneficiary).
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
    Employer {
        /// Number of people employed, at least 1.
        employees: EmployeeCount,
    },
}

impl Livelihood {
    /// The category, as used by rules and tables.
    pub fn status(&self) -> EmploymentStatus {
        match self {
            Livelihood::Unemployed => EmploymentStatus::Unemployed,
            Livelihood::Employed { .. } => EmploymentStatus::Employed,
            Livelihood::SelfEmployed { .. } => EmploymentStatus::SelfEmployed,
            Livelihood::Employer { .. } => EmploymentStatus::Employer,
        }
    }
}

/// A number of employees, at least 1 (someone with none is self-employed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "wasm", tsify(type = "number"))]
pub struct EmployeeCount(u32);

impl EmployeeCount {
    /// A count.
    ///
    /// # Errors
    /// `livelihood.no_employees` for 0.
    pub fn new(n: u32) -> Result<Self, LivelihoodError> {
        if n == 0 {
            Err(LivelihoodError)
        } else {
            Ok(EmployeeCount(n))
        }
    }

    /// The number.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for EmployeeCount {
    type Error = LivelihoodError;
    fn try_from(n: u32) -> Result<Self, LivelihoodError> {
        EmployeeCount::new(n)
    }
}

impl From<EmployeeCount> for u32 {
    fn from(c: EmployeeCount) -> u32 {
        c.0
    }
}

/// An employer with no employees.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("an employer employs at least one person; someone with none is self-employed")]
pub struct LivelihoodError;

impl Coded for LivelihoodError {
    fn code(&self) -> &'static str {
        "livelihood.no_employees"
    }
}

/// A skill, e.g. `sewing`, `shiatsu massage`, `batik`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Skill {
    /// The skill in lowercase words.
    pub name: String,
    /// Where it was learnt, if recorded (e.g. the UPT's programme).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learnt_at: Option<String>,
}

/// The kind of a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum CertificateKind {
    /// *STTR*: certificate of completed social rehabilitation.
    RehabilitationCompletion,
    /// A competency certificate (e.g. BNSP).
    Competency,
    /// A training certificate.
    Training,
    /// An education diploma (e.g. Paket C).
    Diploma,
    /// Anything else.
    Other,
}

/// A certificate held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Certificate {
    /// Kind.
    pub kind: CertificateKind,
    /// Title, e.g. `Menjahit Tingkat Dasar`.
    pub title: String,
    /// Issuer, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Date of issue, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "string | undefined"))]
    pub issued_on: Option<NaiveDate>,
}
