#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(not(test), forbid(unsafe_code))]

pub mod error;
pub mod nik;
pub mod pseudonym;
pub mod region;
pub mod rules;
pub mod sex;

pub use error::{Coded, ErrorReport, Span};
pub use nik::{Nik, NikError, NikErrorKind, NikInfo, NikPart};
pub use pseudonym::{pseudonymize, PseudonymError};
pub use region::{RegionCode, RegionError, RegionErrorKind, RegionInfo, RegionLevel};
pub use sex::{Sex, SexError};
pub mod disability;
pub mod education;
pub mod vocab;
pub use rules::{check, Decision, Diagnostic, Outcome, Reason, Rule, RuleError, RuleSet, Severity};
