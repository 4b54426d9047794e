//! Typed, string-based identifiers of the registry's records.
//!
//! Each kind of record has its own id type, so a facility id cannot be passed where a partner
//! id is expected. An id is 1-64 characters of lowercase ASCII letters, digits, `-`, `_` and
//! `.`, starting with a letter or digit: stable, readable and safe in file names and URLs.
//!
//! ```
//! use berdaya::ids::FacilityId;
//! let id = FacilityId::new("upt-rsbrw-pasuruan")?;
//! assert_eq!(id.as_str(), "upt-rsbrw-pasuruan");
//! assert_eq!(serde_json::to_string(&id).unwrap(), "\"upt-rsbrw-pasuruan\"");
//! assert!(FacilityId::new("UPT Pasuruan").is_err());
//! # Ok::<(), berdaya::ids::IdError>(())
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::Coded;

/// The longest id accepted, in bytes.
pub const MAX_ID_LEN: usize = 64;

fn check(s: &str) -> Result<(), IdError> {
    let ok_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c);
    let first_ok = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    if s.is_empty() || s.len() > MAX_ID_LEN || !first_ok || !s.chars().all(ok_char) {
        return Err(IdError { len: s.len() });
    }
    Ok(())
}

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        // Shared text: ids are cloned into many results (placements, waitlists, reasons),
        // and a clone is then a reference-count increment, not an allocation and a copy.
        pub struct $name(std::sync::Arc<str>);

        impl $name {
            /// Validates and wraps an id.
            ///
            /// # Errors
            /// `id.bad_format` unless the id is 1-64 characters of `a-z`, `0-9`, `-`, `_`, `.`
            /// starting with a letter or digit.
            pub fn new(s: impl Into<String>) -> Result<Self, IdError> {
                let s = s.into();
                check(&s)?;
                Ok($name(s.into()))
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, IdError> {
                $name::new(s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0.as_ref().to_owned()
            }
        }

        impl std::str::FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                $name::new(s)
            }
        }
    };
}

id_type!(
    /// The id of an [`Agency`](crate::facility::Agency), e.g. `dinsos-jatim`.
    AgencyId
);
id_type!(
    /// The id of a [`Facility`](crate::facility::Facility) (UPT), e.g. `upt-rsbrw-pasuruan`.
    FacilityId
);
id_type!(
    /// The id of a [`Partner`](crate::partner::Partner), e.g. `batik-wistara`.
    PartnerId
);
id_type!(
    /// The id of an [`Agreement`](crate::agreement::Agreement), e.g. `pks-2020-rsud-magetan`.
    AgreementId
);
id_type!(
    /// The id of a commitment, unique within its agreement, e.g. `health-checks`.
    CommitmentId
);
id_type!(
    /// The id of a [`Beneficiary`](crate::beneficiary::Beneficiary), e.g. `pm-0001`.
    BeneficiaryId
);

/// An id that is empty, too long or has characters outside `a-z 0-9 - _ .`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("an id is 1-64 characters of a-z, 0-9, `-`, `_` and `.`, starting with a letter or digit (got {len} bytes)")]
pub struct IdError {
    len: usize,
}

impl Coded for IdError {
    fn code(&self) -> &'static str {
        "id.bad_format"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_validate() {
        assert!(PartnerId::new("batik-wistara").is_ok());
        assert!(PartnerId::new("").is_err());
        assert!(PartnerId::new("-x").is_err());
        assert!(PartnerId::new("a".repeat(65)).is_err());
        assert!(serde_json::from_str::<PartnerId>("\"Bad Id\"").is_err());
    }
}
