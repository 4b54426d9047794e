//! Types of disability per UU 8/2016 Pasal 4, with sub-types, as a compact set.
//!
//! The law names four types (*ragam*): physical (*fisik*), intellectual (*intelektual*), mental
//! (*mental*: psychosocial or developmental) and sensory (*sensorik*: visual, hearing, speech).
//! A person's disabilities are a [`DisabilitySet`]; a test for a type matches its sub-types, and
//! the multiplicity (*tunggal*, *ganda*, *multi*) is derived from the number of types or
//! sub-types present, never entered.
//!
//! ```
//! use berdaya::disability::{Disability, DisabilitySet, Multiplicity};
//! let set: DisabilitySet = ["rungu", "wicara"].iter().map(|s| s.parse()).collect::<Result<_, _>>()?;
//! assert!(set.has(Disability::Sensory));
//! assert!(!set.has(Disability::SensoryVisual));
//! assert_eq!(set.multiplicity(), Some(Multiplicity::Ganda));
//! # Ok::<(), berdaya::disability::DisabilityError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Coded;

/// A type or sub-type of disability.
///
/// `Mental` and `Sensory` on their own mean "of that type, sub-type not recorded".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Disability {
    /// *Fisik* (e.g. *daksa*): amputation, paralysis, cerebral palsy, leprosy, short stature.
    Physical = 0,
    /// *Intelektual* (*grahita*): slow learners, Down syndrome.
    Intellectual = 1,
    /// *Mental*, sub-type not recorded.
    Mental = 2,
    /// *Mental psikososial* (*laras*): schizophrenia, bipolar disorder, depression, anxiety.
    MentalPsychosocial = 3,
    /// *Mental perkembangan*: autism, hyperactivity.
    MentalDevelopmental = 4,
    /// *Sensorik*, sub-type not recorded.
    Sensory = 5,
    /// *Sensorik netra*: blind or low vision.
    SensoryVisual = 6,
    /// *Sensorik rungu*: deaf or hard of hearing.
    SensoryHearing = 7,
    /// *Sensorik wicara*: speech impairment.
    SensorySpeech = 8,
}

/// Every disability value, in wire order.
pub const ALL_DISABILITIES: [Disability; 9] = [
    Disability::Physical,
    Disability::Intellectual,
    Disability::Mental,
    Disability::MentalPsychosocial,
    Disability::MentalDevelopmental,
    Disability::Sensory,
    Disability::SensoryVisual,
    Disability::SensoryHearing,
    Disability::SensorySpeech,
];

impl Disability {
    /// The canonical (English, snake_case) wire name, e.g. `sensory_hearing`.
    pub fn as_str(self) -> &'static str {
        match self {
            Disability::Physical => "physical",
            Disability::Intellectual => "intellectual",
            Disability::Mental => "mental",
            Disability::MentalPsychosocial => "mental_psychosocial",
            Disability::MentalDevelopmental => "mental_developmental",
            Disability::Sensory => "sensory",
            Disability::SensoryVisual => "sensory_visual",
            Disability::SensoryHearing => "sensory_hearing",
            Disability::SensorySpeech => "sensory_speech",
        }
    }

    /// The Indonesian name, e.g. `rungu`.
    pub fn indonesian(self) -> &'static str {
        match self {
            Disability::Physical => "fisik",
            Disability::Intellectual => "intelektual",
            Disability::Mental => "mental",
            Disability::MentalPsychosocial => "psikososial",
            Disability::MentalDevelopmental => "perkembangan",
            Disability::Sensory => "sensorik",
            Disability::SensoryVisual => "netra",
            Disability::SensoryHearing => "rungu",
            Disability::SensorySpeech => "wicara",
        }
    }

    /// Parses an English or Indonesian name (case-insensitive; `-` and space read as `_`).
    ///
    /// Accepted: `physical`/`fisik`/`daksa`, `intellectual`/`intelektual`/`grahita`,
    /// `mental`, `mental_psychosocial`/`psychosocial`/`psikososial`/`laras`,
    /// `mental_developmental`/`developmental`/`perkembangan`, `sensory`/`sensorik`,
    /// `sensory_visual`/`visual`/`netra`, `sensory_hearing`/`hearing`/`rungu`,
    /// `sensory_speech`/`speech`/`wicara`.
    pub fn from_name(s: &str) -> Option<Disability> {
        let norm = crate::vocab::normalize_name(s);
        Some(match norm.as_str() {
            "physical" | "fisik" | "daksa" => Disability::Physical,
            "intellectual" | "intelektual" | "grahita" => Disability::Intellectual,
            "mental" => Disability::Mental,
            "mental_psychosocial"
            | "psychosocial"
            | "psikososial"
            | "mental_psikososial"
            | "laras" => Disability::MentalPsychosocial,
            "mental_developmental" | "developmental" | "perkembangan" | "mental_perkembangan" => {
                Disability::MentalDevelopmental
            }
            "sensory" | "sensorik" => Disability::Sensory,
            "sensory_visual" | "visual" | "netra" | "sensorik_netra" => Disability::SensoryVisual,
            "sensory_hearing" | "hearing" | "rungu" | "sensorik_rungu" => {
                Disability::SensoryHearing
            }
            "sensory_speech" | "speech" | "wicara" | "sensorik_wicara" => Disability::SensorySpeech,
            _ => return None,
        })
    }

    /// The bit of this value in a [`DisabilitySet`].
    pub const fn bit(self) -> u16 {
        1 << (self as u8)
    }

    /// The bits a test for this value matches: a type matches its sub-types.
    pub const fn match_mask(self) -> u16 {
        match self {
            Disability::Mental => {
                Disability::Mental.bit()
                    | Disability::MentalPsychosocial.bit()
                    | Disability::MentalDevelopmental.bit()
            }
            Disability::Sensory => {
                Disability::Sensory.bit()
                    | Disability::SensoryVisual.bit()
                    | Disability::SensoryHearing.bit()
                    | Disability::SensorySpeech.bit()
            }
            d => d.bit(),
        }
    }

    /// The type (*ragam*) this value belongs to.
    pub fn ragam(self) -> Disability {
        match self {
            Disability::MentalPsychosocial | Disability::MentalDevelopmental => Disability::Mental,
            Disability::SensoryVisual | Disability::SensoryHearing | Disability::SensorySpeech => {
                Disability::Sensory
            }
            d => d,
        }
    }
}

impl fmt::Display for Disability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Disability {
    type Err = DisabilityError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Disability::from_name(s).ok_or(DisabilityError)
    }
}

impl Serialize for Disability {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Disability {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Disability::from_name(&s).ok_or_else(|| serde::de::Error::custom(DisabilityError))
    }
}

/// A name that is not a disability type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown disability type; expected one of physical, intellectual, mental, mental_psychosocial, mental_developmental, sensory, sensory_visual, sensory_hearing, sensory_speech (or fisik, intelektual, psikososial, perkembangan, netra, rungu, wicara)")]
pub struct DisabilityError;

impl Coded for DisabilityError {
    fn code(&self) -> &'static str {
        "disability.unknown"
    }
}

/// *Tunggal*, *ganda* or *multi*: how many types or sub-types a person has (UU 8/2016 Pasal 4(2)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Multiplicity {
    /// One.
    Tunggal,
    /// Two.
    Ganda,
    /// Three or more.
    Multi,
}

/// A set of disabilities, as a bitmask. Empty means "known: no disability"; an unknown set is
/// `Option<DisabilitySet>::None` wherever it is held.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct DisabilitySet(u16);

impl DisabilitySet {
    /// The empty set (no disability).
    pub const EMPTY: DisabilitySet = DisabilitySet(0);

    /// The raw bits (bit `n` = [`Disability`] with discriminant `n`).
    pub const fn bits(self) -> u16 {
        self.0
    }

    /// Builds a set from raw bits; bits beyond the nine values are dropped.
    pub const fn from_bits_truncate(bits: u16) -> Self {
        DisabilitySet(bits & 0x1ff)
    }

    /// Adds a value. Adding a sub-type removes the now redundant unspecified parent
    /// (`sensory` + `sensory_hearing` is just `sensory_hearing`).
    pub fn insert(&mut self, d: Disability) {
        let parent = d.ragam();
        if parent != d {
            self.0 &= !parent.bit();
        } else if self.0 & d.match_mask() & !d.bit() != 0 {
            return; // a sub-type is already recorded
        }
        self.0 |= d.bit();
    }

    /// Whether the set holds `d`, a type matching any of its sub-types.
    pub fn has(self, d: Disability) -> bool {
        self.0 & d.match_mask() != 0
    }

    /// Whether no disability is recorded.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The values present, in wire order.
    pub fn iter(self) -> impl Iterator<Item = Disability> {
        ALL_DISABILITIES
            .into_iter()
            .filter(move |d| self.0 & d.bit() != 0)
    }

    /// The types (*ragam*) present, each once.
    pub fn ragam(self) -> Vec<Disability> {
        let mut out: Vec<Disability> = self.iter().map(Disability::ragam).collect();
        out.dedup();
        out
    }

    /// The number of types or sub-types present (an unspecified type counts once).
    pub fn count(self) -> u32 {
        self.0.count_ones()
    }

    /// Derived multiplicity; `None` for the empty set.
    pub fn multiplicity(self) -> Option<Multiplicity> {
        match self.count() {
            0 => None,
            1 => Some(Multiplicity::Tunggal),
            2 => Some(Multiplicity::Ganda),
            _ => Some(Multiplicity::Multi),
        }
    }
}

impl FromIterator<Disability> for DisabilitySet {
    fn from_iter<T: IntoIterator<Item = Disability>>(iter: T) -> Self {
        let mut s = DisabilitySet::EMPTY;
        for d in iter {
            s.insert(d);
        }
        s
    }
}

impl fmt::Debug for DisabilitySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set()
            .entries(self.iter().map(Disability::as_str))
            .finish()
    }
}

impl Serialize for DisabilitySet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for DisabilitySet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Vec::<Disability>::deserialize(d)?;
        Ok(v.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_in_both_languages() {
        for d in ALL_DISABILITIES {
            assert_eq!(Disability::from_name(d.as_str()), Some(d));
            assert_eq!(Disability::from_name(d.indonesian()), Some(d));
        }
    }

    #[test]
    fn types_match_sub_types_and_multiplicity_counts_leaves() {
        let s: DisabilitySet = [Disability::SensoryHearing, Disability::SensorySpeech]
            .into_iter()
            .collect();
        assert!(s.has(Disability::Sensory) && !s.has(Disability::Mental));
        assert_eq!(s.multiplicity(), Some(Multiplicity::Ganda));
        assert_eq!(s.ragam(), vec![Disability::Sensory]);
        let t: DisabilitySet = [Disability::Sensory, Disability::SensoryVisual]
            .into_iter()
            .collect();
        assert_eq!(t.count(), 1);
        assert_eq!(DisabilitySet::EMPTY.multiplicity(), None);
    }
}

#[cfg(feature = "wasm")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_DISABILITY: &'static str = r#"/** A disability type or sub-type per UU 8/2016 (Indonesian names such as `rungu` are accepted on input). */
export type Disability = "physical" | "intellectual" | "mental" | "mental_psychosocial" | "mental_developmental" | "sensory" | "sensory_visual" | "sensory_hearing" | "sensory_speech";"#;
