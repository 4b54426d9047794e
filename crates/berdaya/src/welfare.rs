//! Welfare ranking: the decile of a household in the national social-welfare register
//! (DTKS, replaced by DTSEN in 2025), 1 = poorest 10 %.
//!
//! ```
//! use berdaya::welfare::{latest_decile, Decile, WelfareRanking, WelfareSource};
//! use chrono::NaiveDate;
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let r = vec![
//!     WelfareRanking::new(WelfareSource::Dtks, Decile::new(3)?, d(2019, 1, 1)),
//!     WelfareRanking::new(WelfareSource::Dtsen, Decile::new(2)?, d(2025, 4, 1)),
//! ];
//! assert_eq!(latest_decile(&r, d(2020, 9, 9)).map(Decile::get), Some(3));
//! assert_eq!(latest_decile(&r, d(2025, 9, 9)).map(Decile::get), Some(2));
//! assert_eq!(latest_decile(&r, d(2018, 1, 1)), None);
//! assert!(Decile::new(11).is_err());
//! # Ok::<(), berdaya::welfare::DecileError>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Coded;

/// A welfare decile, 1 (poorest) to 10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "wasm", tsify(type = "number"))]
pub struct Decile(u8);

impl Decile {
    /// A decile.
    ///
    /// # Errors
    /// `welfare.bad_decile` outside 1-10.
    pub fn new(n: u8) -> Result<Decile, DecileError> {
        if (1..=10).contains(&n) {
            Ok(Decile(n))
        } else {
            Err(DecileError { value: n })
        }
    }

    /// The number, 1-10.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Decile {
    type Error = DecileError;
    fn try_from(n: u8) -> Result<Self, DecileError> {
        Decile::new(n)
    }
}

impl From<Decile> for u8 {
    fn from(d: Decile) -> u8 {
        d.0
    }
}

/// A decile outside 1-10.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a welfare decile is 1-10, not {value}")]
pub struct DecileError {
    value: u8,
}

impl Coded for DecileError {
    fn code(&self) -> &'static str {
        "welfare.bad_decile"
    }
}

/// The register a ranking comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum WelfareSource {
    /// *Data Terpadu Kesejahteraan Sosial*, the register until 2025.
    Dtks,
    /// *Data Tunggal Sosial dan Ekonomi Nasional* (Inpres 4/2025), re-ranked quarterly by BPS.
    Dtsen,
}

/// A household's decile in a register as of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct WelfareRanking {
    /// The register.
    pub source: WelfareSource,
    /// The decile.
    pub decile: Decile,
    /// The date the ranking holds from.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub as_of: NaiveDate,
}

impl WelfareRanking {
    /// A ranking.
    pub fn new(source: WelfareSource, decile: Decile, as_of: NaiveDate) -> Self {
        WelfareRanking {
            source,
            decile,
            as_of,
        }
    }
}

/// The decile of the latest ranking dated on or before `date`; on the same date DTSEN wins
/// over DTKS (it replaced it).
pub fn latest_decile(rankings: &[WelfareRanking], date: NaiveDate) -> Option<Decile> {
    rankings
        .iter()
        .filter(|r| r.as_of <= date)
        .max_by_key(|r| (r.as_of, r.source))
        .map(|r| r.decile)
}
