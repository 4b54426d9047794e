//! Sex as recorded on Indonesian civil documents.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Coded;

/// Sex as recorded on the family card (KK) and encoded in the NIK.
///
/// Parsed from `M` or `F` (English) or `L` or `P` (*laki-laki*, *perempuan*), in either case;
/// serialised as `M` or `F`.
///
/// ```
/// use berdaya::Sex;
/// assert_eq!("P".parse::<Sex>()?, Sex::Female);
/// assert_eq!("l".parse::<Sex>()?, Sex::Male);
/// # Ok::<(), berdaya::SexError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Sex {
    /// Male (*laki-laki*).
    #[serde(rename = "M", alias = "L", alias = "m", alias = "l")]
    Male,
    /// Female (*perempuan*).
    #[serde(rename = "F", alias = "P", alias = "f", alias = "p")]
    Female,
}

impl Sex {
    /// `M` or `F`.
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Male => "M",
            Sex::Female => "F",
        }
    }
}

impl fmt::Display for Sex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Sex {
    type Err = SexError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "M" | "m" | "L" | "l" => Ok(Sex::Male),
            "F" | "f" | "P" | "p" => Ok(Sex::Female),
            _ => Err(SexError),
        }
    }
}

/// A sex value that is not `M`, `F`, `L` or `P`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("sex must be `M` or `F` (or `L` or `P`)")]
pub struct SexError;

impl Coded for SexError {
    fn code(&self) -> &'static str {
        "sex.unknown"
    }
}
