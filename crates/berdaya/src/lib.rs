#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(not(test), forbid(unsafe_code))]

pub mod error;
pub mod nik;
pub mod population;
pub mod pseudonym;
pub mod region;
pub mod sex;

pub use error::{Coded, ErrorReport, Span};
pub use nik::{Nik, NikError, NikErrorKind, NikInfo, NikPart};
pub use population::Population;
pub use pseudonym::{pseudonymize, PseudonymError};
pub use region::{RegionCode, RegionError, RegionErrorKind, RegionInfo, RegionLevel};
pub use sex::{Sex, SexError};
pub mod disability;
pub mod education;
pub mod vocab;

/// The workspace README's Rust quickstart, compiled and run as a doc test.
#[doc = include_str!("../../../README.md")]
#[cfg(doctest)]
pub struct WorkspaceReadme;
