//! Small shared vocabularies: derived care status and employment status.
//!
//! These are the values the rule language and tabular input use (`care_status`,
//! `employment`); the domain types (care episodes, livelihood) derive them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Coded;

/// Normalises a vocabulary name for lookup: trimmed, ASCII-lowercased, `-` and space read
/// as `_` (so `Sensory Hearing`, `sensory-hearing` and `sensory_hearing` are the same name).
pub(crate) fn normalize_name(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            '-' | ' ' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

macro_rules! vocab {
    (
        $(#[$meta:meta])* $name:ident, $err_code:literal, $all:ident {
            $($(#[$vmeta:meta])* $variant:ident = $wire:literal $(| $alias:literal)*),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),*
        }

        /// Every value, in wire order.
        pub const $all: &[$name] = &[$($name::$variant),*];

        #[cfg(feature = "wasm")]
        const _: () = {
            #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
            const TS: &'static str = concat!(
                "export type ", stringify!($name), " = ", $("\"", $wire, "\" | ",)* "never;"
            );
        };

        impl $name {
            /// The canonical wire name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),* }
            }

            /// Parses the wire name or an Indonesian alias (case-insensitive).
            pub fn from_name(s: &str) -> Option<$name> {
                let norm = $crate::vocab::normalize_name(s);
                match norm.as_str() {
                    $($wire $(| $alias)* => Some($name::$variant),)*
                    _ => None,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = VocabError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::from_name(s).ok_or(VocabError { code: $err_code, expected: concat!($($wire, " "),*) })
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

vocab! {
    /// Where a person stands with the office's residential units as of a date, derived from
    /// the care history (or taken as recorded in tabular input).
    CareStatus, "care_status.unknown", ALL_CARE_STATUSES {
        /// Applied or under assessment, not yet admitted (*calon*, *asesmen*).
        Applicant = "applicant" | "calon" | "asesmen",
        /// Living in a UPT now (*warga binaan*).
        Resident = "resident" | "warga_binaan",
        /// Graduated or discharged from a UPT (*eks warga binaan*, *lulus*, *dilepas*).
        Alumnus = "alumnus" | "eks" | "eks_warga_binaan" | "alumni",
        /// No stay in a UPT.
        None = "none" | "tidak_ada",
    }
}

vocab! {
    /// Livelihood as a category: the `employment` fact.
    EmploymentStatus, "employment.unknown", ALL_EMPLOYMENT_STATUSES {
        /// Not working (*belum bekerja*).
        Unemployed = "unemployed" | "belum_bekerja" | "tidak_bekerja",
        /// Employed by someone else (*bekerja*).
        Employed = "employed" | "bekerja",
        /// Self-employed without employees (*wirausaha*).
        SelfEmployed = "self_employed" | "wirausaha",
        /// Runs a business that employs others (*mempekerjakan orang lain*).
        Employer = "employer" | "pemberi_kerja",
    }
}

/// A name outside a vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown value; expected one of: {expected}")]
pub struct VocabError {
    code: &'static str,
    expected: &'static str,
}

impl Coded for VocabError {
    fn code(&self) -> &'static str {
        self.code
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases() {
        assert_eq!("Eks".parse::<CareStatus>().unwrap(), CareStatus::Alumnus);
        assert_eq!(
            "wirausaha".parse::<EmploymentStatus>().unwrap(),
            EmploymentStatus::SelfEmployed
        );
        assert!("x".parse::<CareStatus>().is_err());
        for s in ALL_CARE_STATUSES {
            assert_eq!(CareStatus::from_name(s.as_str()), Some(*s));
        }
    }
}
