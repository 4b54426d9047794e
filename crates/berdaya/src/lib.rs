#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(not(test), forbid(unsafe_code))]

pub mod error;
pub mod nik;
pub mod pseudonym;
pub mod region;
pub mod sex;

pub use error::{Coded, ErrorReport, Span};
pub use nik::{Nik, NikError, NikErrorKind, NikInfo, NikPart};
pub use pseudonym::{pseudonymize, PseudonymError};
pub use region::{RegionCode, RegionError, RegionErrorKind, RegionInfo, RegionLevel};
pub use sex::{Sex, SexError};
pub mod agreement;
pub mod atensi;
pub mod beneficiary;
pub mod disability;
pub mod education;
pub mod facility;
pub mod ids;
pub mod livelihood;
pub mod partner;
pub mod period;
pub mod ppks;
pub mod registry;
pub mod scenario;
pub mod snapshot;
pub mod vocab;
pub mod welfare;
