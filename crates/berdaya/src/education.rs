//! Education levels, ordered, with the family-card (KK) coding.
//!
//! | level | KK codes | meaning |
//! |---|---|---|
//! | `none` | 1, 2 | not or not yet in school; primary school not completed |
//! | `sd` | 3 | primary school (SD) completed, or Paket A |
//! | `smp` | 4 | junior secondary (SLTP/SMP) completed, or Paket B |
//! | `sma` | 5 | senior secondary (SLTA: SMA or SMK) completed, or Paket C |
//! | `diploma` | 6, 7 | Diploma I/II; Akademi/Diploma III/Sarjana Muda |
//! | `bachelor` | 8 | Diploma IV or Strata I |
//! | `master` | 9 | Strata II |
//! | `doctorate` | 10 | Strata III |
//!
//! The KK coding 1-10 is the one used consistently by population systems; no official Dukcapil
//! document was seen (DOMAIN.md §3). Paket A/B/C (*kesetaraan*, equivalency schooling) count as
//! SD/SMP/SMA.
//!
//! ```
//! use berdaya::education::Education;
//! assert!(Education::from_kk_code(5)? > Education::Smp);
//! assert_eq!("slta".parse::<Education>()?, Education::Sma);
//! # Ok::<(), berdaya::education::EducationError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Coded;

/// Highest completed education level, ordered from `none` to `doctorate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Education {
    /// No completed schooling (KK 1-2).
    None = 0,
    /// Primary (SD, Paket A; KK 3).
    Sd = 1,
    /// Junior secondary (SMP/SLTP, Paket B; KK 4).
    Smp = 2,
    /// Senior secondary (SMA/SMK/SLTA, Paket C; KK 5).
    Sma = 3,
    /// Diploma I-III (KK 6-7).
    Diploma = 4,
    /// Diploma IV or Strata I (KK 8).
    Bachelor = 5,
    /// Strata II (KK 9).
    Master = 6,
    /// Strata III (KK 10).
    Doctorate = 7,
}

/// Every level, in order.
pub const ALL_EDUCATION: [Education; 8] = [
    Education::None,
    Education::Sd,
    Education::Smp,
    Education::Sma,
    Education::Diploma,
    Education::Bachelor,
    Education::Master,
    Education::Doctorate,
];

/// Equivalency schooling (*pendidikan kesetaraan*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Paket {
    /// Paket A, equivalent to SD.
    A,
    /// Paket B, equivalent to SMP.
    B,
    /// Paket C, equivalent to SMA.
    C,
}

impl Paket {
    /// The level a Paket certificate is equivalent to.
    pub fn level(self) -> Education {
        match self {
            Paket::A => Education::Sd,
            Paket::B => Education::Smp,
            Paket::C => Education::Sma,
        }
    }
}

impl Education {
    /// The canonical wire name, e.g. `smp`.
    pub fn as_str(self) -> &'static str {
        match self {
            Education::None => "none",
            Education::Sd => "sd",
            Education::Smp => "smp",
            Education::Sma => "sma",
            Education::Diploma => "diploma",
            Education::Bachelor => "bachelor",
            Education::Master => "master",
            Education::Doctorate => "doctorate",
        }
    }

    /// The level for a family-card (KK) education code 1-10.
    ///
    /// # Errors
    /// `education.bad_kk_code` for codes outside 1-10.
    pub fn from_kk_code(code: u8) -> Result<Education, EducationError> {
        Ok(match code {
            1 | 2 => Education::None,
            3 => Education::Sd,
            4 => Education::Smp,
            5 => Education::Sma,
            6 | 7 => Education::Diploma,
            8 => Education::Bachelor,
            9 => Education::Master,
            10 => Education::Doctorate,
            _ => return Err(EducationError::BadKkCode),
        })
    }

    /// Parses an English or Indonesian name (case-insensitive): `none`/`tidak_sekolah`,
    /// `sd`/`paket_a`, `smp`/`sltp`/`paket_b`, `sma`/`smk`/`slta`/`paket_c`,
    /// `diploma`/`d1`/`d2`/`d3`, `bachelor`/`d4`/`s1`/`sarjana`, `master`/`s2`,
    /// `doctorate`/`s3`.
    pub fn from_name(s: &str) -> Option<Education> {
        let norm = crate::vocab::normalize_name(s);
        Some(match norm.as_str() {
            "none" | "tidak_sekolah" | "belum_sekolah" | "tidak_tamat_sd" => Education::None,
            "sd" | "paket_a" | "primary" => Education::Sd,
            "smp" | "sltp" | "paket_b" | "junior_secondary" => Education::Smp,
            "sma" | "smk" | "slta" | "paket_c" | "senior_secondary" => Education::Sma,
            "diploma" | "d1" | "d2" | "d3" => Education::Diploma,
            "bachelor" | "d4" | "s1" | "sarjana" => Education::Bachelor,
            "master" | "s2" | "magister" => Education::Master,
            "doctorate" | "s3" | "doktor" => Education::Doctorate,
            _ => return None,
        })
    }
}

impl fmt::Display for Education {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Education {
    type Err = EducationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Education::from_name(s).ok_or(EducationError::UnknownLevel)
    }
}

impl Serialize for Education {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Education {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Education::from_name(&s)
            .ok_or_else(|| serde::de::Error::custom(EducationError::UnknownLevel))
    }
}

/// An unknown education level or KK code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EducationError {
    /// Not a known name.
    #[error("unknown education level; expected none, sd, smp, sma, diploma, bachelor, master or doctorate")]
    UnknownLevel,
    /// Not 1-10.
    #[error("a family-card education code is 1-10")]
    BadKkCode,
    /// A Paket certificate that does not match the recorded level.
    #[error("the level reached via Paket A, B or C must be sd, smp or sma respectively")]
    PaketMismatch,
}

impl Coded for EducationError {
    fn code(&self) -> &'static str {
        match self {
            EducationError::UnknownLevel => "education.unknown",
            EducationError::BadKkCode => "education.bad_kk_code",
            EducationError::PaketMismatch => "education.paket_mismatch",
        }
    }
}

/// What is known of a person's schooling. Each part may be unknown (`None`), which is not the
/// same as "no": `slb: Some(false)` means known not to have attended a special school.
///
/// ```
/// use berdaya::education::{Education, EducationRecord, Paket};
/// let r = EducationRecord::new(Some(Education::Sma), Some(Paket::C), Some(false))?;
/// assert_eq!(r.level(), Some(Education::Sma));
/// // The level follows from the Paket when not given:
/// assert_eq!(EducationRecord::new(None, Some(Paket::B), None)?.level(), Some(Education::Smp));
/// assert!(EducationRecord::new(Some(Education::Sd), Some(Paket::C), None).is_err());
/// # Ok::<(), berdaya::education::EducationError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "EducationRecordWire", into = "EducationRecordWire")]
pub struct EducationRecord {
    level: Option<Education>,
    via_paket: Option<Paket>,
    slb: Option<bool>,
}

/// The wire form of an [`EducationRecord`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct EducationRecordWire {
    /// Highest completed level; absent when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "string | undefined"))]
    pub level: Option<Education>,
    /// The Paket (equivalency) through which the level was reached, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via_paket: Option<Paket>,
    /// Whether schooling was in a special school (SLB); absent when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slb: Option<bool>,
}

impl EducationRecord {
    /// A record; a level reached via Paket must be the Paket's level (and follows from it
    /// when not given).
    ///
    /// # Errors
    /// `education.paket_mismatch`.
    pub fn new(
        level: Option<Education>,
        via_paket: Option<Paket>,
        slb: Option<bool>,
    ) -> Result<Self, EducationError> {
        let level = match (level, via_paket) {
            (Some(l), Some(p)) if l != p.level() => return Err(EducationError::PaketMismatch),
            (None, Some(p)) => Some(p.level()),
            (l, _) => l,
        };
        Ok(EducationRecord {
            level,
            via_paket,
            slb,
        })
    }

    /// Highest completed level, if known.
    pub fn level(&self) -> Option<Education> {
        self.level
    }

    /// The Paket through which the level was reached, if any.
    pub fn via_paket(&self) -> Option<Paket> {
        self.via_paket
    }

    /// Whether schooling was in a special school (SLB), if known.
    pub fn slb(&self) -> Option<bool> {
        self.slb
    }
}

impl TryFrom<EducationRecordWire> for EducationRecord {
    type Error = EducationError;
    fn try_from(w: EducationRecordWire) -> Result<Self, EducationError> {
        EducationRecord::new(w.level, w.via_paket, w.slb)
    }
}

impl From<EducationRecord> for EducationRecordWire {
    fn from(r: EducationRecord) -> Self {
        EducationRecordWire {
            level: r.level,
            via_paket: r.via_paket,
            slb: r.slb,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kk_codes_are_monotone() {
        let levels: Vec<_> = (1..=10)
            .map(|c| Education::from_kk_code(c).unwrap())
            .collect();
        assert!(levels.windows(2).all(|w| w[0] <= w[1]));
        assert!(Education::from_kk_code(0).is_err() && Education::from_kk_code(11).is_err());
    }

    #[test]
    fn names_round_trip() {
        for e in ALL_EDUCATION {
            assert_eq!(Education::from_name(e.as_str()), Some(e));
        }
    }
}

#[cfg(feature = "wasm")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_EDUCATION: &'static str = r#"/** Highest completed education level, ordered (Indonesian names such as `slta` are accepted on input). */
export type Education = "none" | "sd" | "smp" | "sma" | "diploma" | "bachelor" | "master" | "doctorate";"#;
