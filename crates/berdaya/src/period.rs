//! Closed date ranges.
//!
//! ```
//! use berdaya::period::Period;
//! use chrono::NaiveDate;
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let p = Period::new(d(2020, 9, 9), d(2025, 9, 8))?;
//! assert!(p.contains(d(2025, 9, 8)) && !p.contains(d(2025, 9, 9)));
//! assert!(Period::new(d(2020, 9, 9), d(2020, 9, 8)).is_err());
//! # Ok::<(), berdaya::period::PeriodError>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Coded;

/// A closed range of days, `from` to `until` inclusive, `until >= from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "PeriodWire")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Period {
    /// First day.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    from: NaiveDate,
    /// Last day.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    until: NaiveDate,
}

#[derive(Deserialize)]
struct PeriodWire {
    from: NaiveDate,
    until: NaiveDate,
}

impl TryFrom<PeriodWire> for Period {
    type Error = PeriodError;
    fn try_from(w: PeriodWire) -> Result<Self, PeriodError> {
        Period::new(w.from, w.until)
    }
}

impl Period {
    /// A period from `from` to `until`, both inclusive.
    ///
    /// # Errors
    /// `period.end_before_start` when `until < from`.
    pub fn new(from: NaiveDate, until: NaiveDate) -> Result<Period, PeriodError> {
        if until < from {
            return Err(PeriodError);
        }
        Ok(Period { from, until })
    }

    /// First day.
    pub fn from(&self) -> NaiveDate {
        self.from
    }

    /// Last day.
    pub fn until(&self) -> NaiveDate {
        self.until
    }

    /// Whether `date` lies in the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.until
    }

    /// Whether `other` lies wholly inside this period.
    pub fn covers(&self, other: &Period) -> bool {
        self.from <= other.from && other.until <= self.until
    }
}

/// A period whose end is before its start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a period cannot end before it starts")]
pub struct PeriodError;

impl Coded for PeriodError {
    fn code(&self) -> &'static str {
        "period.end_before_start"
    }
}
