//! Kemendagri region codes: provinces, regencies/cities (kabupaten/kota), districts
//! (kecamatan) and villages (desa/kelurahan), written `PP.KK.CC.DDDD`.
//!
//! Codes are accepted dotted (`35.20`) or undotted (`3520`) and always printed dotted. The
//! province must be one of the 38 provinces of the current Kemendagri list. For East Java
//! (`35`) the regency must be one of its 38 kabupaten/kota; elsewhere only its form is checked.
//!
//! ```
//! use berdaya::RegionCode;
//! let magetan: RegionCode = "3520".parse()?;
//! assert_eq!(magetan.to_string(), "35.20");
//! assert_eq!(magetan.name(), Some("Kabupaten Magetan"));
//! assert_eq!(magetan.province().name(), Some("Jawa Timur"));
//! # Ok::<(), berdaya::RegionError>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Coded;

/// A province of Indonesia, with its two-digit Kemendagri code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Province {
    /// Two-digit code, e.g. 35.
    pub code: u8,
    /// Official name, e.g. "Jawa Timur".
    pub name: &'static str,
}

/// The 38 provinces (Kepmendagri 2022 onwards; Papua's four new provinces as 93-96).
pub const PROVINCES: &[Province] = &[
    Province {
        code: 11,
        name: "Aceh",
    },
    Province {
        code: 12,
        name: "Sumatera Utara",
    },
    Province {
        code: 13,
        name: "Sumatera Barat",
    },
    Province {
        code: 14,
        name: "Riau",
    },
    Province {
        code: 15,
        name: "Jambi",
    },
    Province {
        code: 16,
        name: "Sumatera Selatan",
    },
    Province {
        code: 17,
        name: "Bengkulu",
    },
    Province {
        code: 18,
        name: "Lampung",
    },
    Province {
        code: 19,
        name: "Kepulauan Bangka Belitung",
    },
    Province {
        code: 21,
        name: "Kepulauan Riau",
    },
    Province {
        code: 31,
        name: "DKI Jakarta",
    },
    Province {
        code: 32,
        name: "Jawa Barat",
    },
    Province {
        code: 33,
        name: "Jawa Tengah",
    },
    Province {
        code: 34,
        name: "Daerah Istimewa Yogyakarta",
    },
    Province {
        code: 35,
        name: "Jawa Timur",
    },
    Province {
        code: 36,
        name: "Banten",
    },
    Province {
        code: 51,
        name: "Bali",
    },
    Province {
        code: 52,
        name: "Nusa Tenggara Barat",
    },
    Province {
        code: 53,
        name: "Nusa Tenggara Timur",
    },
    Province {
        code: 61,
        name: "Kalimantan Barat",
    },
    Province {
        code: 62,
        name: "Kalimantan Tengah",
    },
    Province {
        code: 63,
        name: "Kalimantan Selatan",
    },
    Province {
        code: 64,
        name: "Kalimantan Timur",
    },
    Province {
        code: 65,
        name: "Kalimantan Utara",
    },
    Province {
        code: 71,
        name: "Sulawesi Utara",
    },
    Province {
        code: 72,
        name: "Sulawesi Tengah",
    },
    Province {
        code: 73,
        name: "Sulawesi Selatan",
    },
    Province {
        code: 74,
        name: "Sulawesi Tenggara",
    },
    Province {
        code: 75,
        name: "Gorontalo",
    },
    Province {
        code: 76,
        name: "Sulawesi Barat",
    },
    Province {
        code: 81,
        name: "Maluku",
    },
    Province {
        code: 82,
        name: "Maluku Utara",
    },
    Province {
        code: 91,
        name: "Papua",
    },
    Province {
        code: 92,
        name: "Papua Barat",
    },
    Province {
        code: 93,
        name: "Papua Selatan",
    },
    Province {
        code: 94,
        name: "Papua Tengah",
    },
    Province {
        code: 95,
        name: "Papua Pegunungan",
    },
    Province {
        code: 96,
        name: "Papua Barat Daya",
    },
];

/// The province code of East Java (Jawa Timur).
pub const JAWA_TIMUR: u8 = 35;

/// A regency (kabupaten) or city (kota).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Regency {
    /// Province code.
    pub province: u8,
    /// Two-digit regency code within the province.
    pub code: u8,
    /// Official name, e.g. "Kabupaten Magetan".
    pub name: &'static str,
}

macro_rules! jatim {
    ($($code:literal $name:literal),* $(,)?) => {
        &[$(Regency { province: JAWA_TIMUR, code: $code, name: $name }),*]
    };
}

/// The 38 regencies and cities of East Java (29 kabupaten, 9 kota; unchanged since Kota Batu,
/// 35.79, in 2001).
pub const JATIM_REGENCIES: &[Regency] = jatim![
    1 "Kabupaten Pacitan", 2 "Kabupaten Ponorogo", 3 "Kabupaten Trenggalek",
    4 "Kabupaten Tulungagung", 5 "Kabupaten Blitar", 6 "Kabupaten Kediri", 7 "Kabupaten Malang",
    8 "Kabupaten Lumajang", 9 "Kabupaten Jember", 10 "Kabupaten Banyuwangi",
    11 "Kabupaten Bondowoso", 12 "Kabupaten Situbondo", 13 "Kabupaten Probolinggo",
    14 "Kabupaten Pasuruan", 15 "Kabupaten Sidoarjo", 16 "Kabupaten Mojokerto",
    17 "Kabupaten Jombang", 18 "Kabupaten Nganjuk", 19 "Kabupaten Madiun", 20 "Kabupaten Magetan",
    21 "Kabupaten Ngawi", 22 "Kabupaten Bojonegoro", 23 "Kabupaten Tuban", 24 "Kabupaten Lamongan",
    25 "Kabupaten Gresik", 26 "Kabupaten Bangkalan", 27 "Kabupaten Sampang",
    28 "Kabupaten Pamekasan", 29 "Kabupaten Sumenep",
    71 "Kota Kediri", 72 "Kota Blitar", 73 "Kota Malang", 74 "Kota Probolinggo", 75 "Kota Pasuruan",
    76 "Kota Mojokerto", 77 "Kota Madiun", 78 "Kota Surabaya", 79 "Kota Batu",
];

/// Looks up a province by its two-digit code.
pub fn province(code: u8) -> Option<&'static Province> {
    PROVINCES.iter().find(|p| p.code == code)
}

/// Looks up a regency or city; names are known for East Java only.
pub fn regency(province: u8, code: u8) -> Option<&'static Regency> {
    JATIM_REGENCIES
        .iter()
        .find(|r| r.province == province && r.code == code)
}

/// How deep a region code goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum RegionLevel {
    /// Provinsi, `PP`.
    Province,
    /// Kabupaten or kota, `PP.KK`.
    Regency,
    /// Kecamatan, `PP.KK.CC`.
    District,
    /// Desa or kelurahan, `PP.KK.CC.DDDD`.
    Village,
}

impl RegionLevel {
    /// The wire name: `province`, `regency`, `district` or `village`.
    pub fn as_str(self) -> &'static str {
        match self {
            RegionLevel::Province => "province",
            RegionLevel::Regency => "regency",
            RegionLevel::District => "district",
            RegionLevel::Village => "village",
        }
    }
}

/// Whether a regency code names a kabupaten (below 71) or a kota (71-99).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum RegencyKind {
    /// Kabupaten (regency), codes 01-70.
    Kabupaten,
    /// Kota (city), codes 71-99 (verified for East Java; assumed nationally).
    Kota,
}

/// A validated Kemendagri region code at any level.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RegionCode {
    province: u8,
    regency: Option<u8>,
    district: Option<u8>,
    village: Option<u16>,
}

impl RegionCode {
    /// Parses `PP`, `PP.KK`, `PP.KK.CC` or `PP.KK.CC.DDDD`, dotted or without dots.
    ///
    /// # Errors
    /// [`RegionError`] with code `region.bad_format`, `region.unknown_province`,
    /// `region.zero_code` or `region.unknown_regency` (East Java only).
    pub fn parse(s: &str) -> Result<RegionCode, RegionError> {
        let all = 0..s.len();
        let bad = || RegionError::new(RegionErrorKind::BadFormat, all.clone());
        let dotted = s.contains('.');
        // Group boundaries as byte ranges into `s`.
        let mut groups: Vec<std::ops::Range<usize>> = Vec::with_capacity(4);
        if dotted {
            let mut start = 0;
            for part in s.split('.') {
                groups.push(start..start + part.len());
                start += part.len() + 1;
            }
        } else {
            let widths: &[usize] = match s.len() {
                2 => &[2],
                4 => &[2, 2],
                6 => &[2, 2, 2],
                10 => &[2, 2, 2, 4],
                _ => return Err(bad()),
            };
            let mut start = 0;
            for w in widths {
                groups.push(start..start + w);
                start += w;
            }
        }
        const WIDTHS: [usize; 4] = [2, 2, 2, 4];
        if groups.is_empty() || groups.len() > 4 {
            return Err(bad());
        }
        let mut values = [0u16; 4];
        for (i, g) in groups.iter().enumerate() {
            let text = s.get(g.clone()).ok_or_else(bad)?;
            let width = WIDTHS.get(i).copied().unwrap_or(0);
            if text.len() != width || !text.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            let v: u16 = text.parse().map_err(|_| bad())?;
            if let Some(slot) = values.get_mut(i) {
                *slot = v;
            }
        }
        let span = |i: usize| groups.get(i).cloned().unwrap_or(all.clone());
        let [p, k, c, d] = values;
        // Two-digit groups are at most 99, so these casts cannot truncate.
        let (p, k, c) = (p as u8, k as u8, c as u8);
        if province(p).is_none() {
            return Err(RegionError::new(RegionErrorKind::UnknownProvince, span(0)));
        }
        let n = groups.len();
        if n >= 2 {
            if k == 0 {
                return Err(RegionError::new(
                    RegionErrorKind::ZeroCode(RegionLevel::Regency),
                    span(1),
                ));
            }
            if p == JAWA_TIMUR && regency(p, k).is_none() {
                return Err(RegionError::new(RegionErrorKind::UnknownRegency, span(1)));
            }
        }
        if n >= 3 && c == 0 {
            return Err(RegionError::new(
                RegionErrorKind::ZeroCode(RegionLevel::District),
                span(2),
            ));
        }
        if n >= 4 && d == 0 {
            return Err(RegionError::new(
                RegionErrorKind::ZeroCode(RegionLevel::Village),
                span(3),
            ));
        }
        Ok(RegionCode {
            province: p,
            regency: (n >= 2).then_some(k),
            district: (n >= 3).then_some(c),
            village: (n >= 4).then_some(d),
        })
    }

    /// Builds a code from already-checked parts (used by [`crate::Nik`]).
    pub(crate) fn from_parts_unchecked(
        province: u8,
        regency: Option<u8>,
        district: Option<u8>,
    ) -> Self {
        RegionCode {
            province,
            regency,
            district: regency.and(district),
            village: None,
        }
    }

    /// The level of this code.
    pub fn level(&self) -> RegionLevel {
        match (self.regency, self.district, self.village) {
            (None, _, _) => RegionLevel::Province,
            (Some(_), None, _) => RegionLevel::Regency,
            (Some(_), Some(_), None) => RegionLevel::District,
            (Some(_), Some(_), Some(_)) => RegionLevel::Village,
        }
    }

    /// The province this code lies in.
    pub fn province(&self) -> RegionCode {
        RegionCode {
            province: self.province,
            regency: None,
            district: None,
            village: None,
        }
    }

    /// The regency/city this code lies in, if the code goes that deep.
    pub fn regency(&self) -> Option<RegionCode> {
        self.regency.map(|k| RegionCode {
            province: self.province,
            regency: Some(k),
            district: None,
            village: None,
        })
    }

    /// The district this code lies in, if the code goes that deep.
    pub fn district(&self) -> Option<RegionCode> {
        self.district.map(|c| RegionCode {
            province: self.province,
            regency: self.regency,
            district: Some(c),
            village: None,
        })
    }

    /// The two-digit province number, e.g. 35.
    pub fn province_number(&self) -> u8 {
        self.province
    }

    /// The two-digit regency number within the province, if any.
    pub fn regency_number(&self) -> Option<u8> {
        self.regency
    }

    /// Kabupaten or kota, for regency-level and deeper codes.
    pub fn regency_kind(&self) -> Option<RegencyKind> {
        self.regency.map(|k| {
            if k >= 71 {
                RegencyKind::Kota
            } else {
                RegencyKind::Kabupaten
            }
        })
    }

    /// Whether `self` equals `other` or lies inside it (e.g. a district inside its province).
    pub fn is_within(&self, other: &RegionCode) -> bool {
        self.province == other.province
            && (other.regency.is_none() || self.regency == other.regency)
            && (other.district.is_none() || self.district == other.district)
            && (other.village.is_none() || self.village == other.village)
    }

    /// The official name, where known: every province and every East Java regency/city.
    pub fn name(&self) -> Option<&'static str> {
        match self.level() {
            RegionLevel::Province => province(self.province).map(|p| p.name),
            RegionLevel::Regency => self
                .regency
                .and_then(|k| regency(self.province, k))
                .map(|r| r.name),
            _ => None,
        }
    }

    /// The code without dots, e.g. `3520`.
    pub fn compact(&self) -> String {
        self.to_string().replace('.', "")
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}", self.province)?;
        if let Some(k) = self.regency {
            write!(f, ".{k:02}")?;
        }
        if let Some(c) = self.district {
            write!(f, ".{c:02}")?;
        }
        if let Some(d) = self.village {
            write!(f, ".{d:04}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RegionCode({self})")
    }
}

impl FromStr for RegionCode {
    type Err = RegionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RegionCode::parse(s)
    }
}

impl Serialize for RegionCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RegionCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        RegionCode::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Why a region code was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct RegionError {
    kind: RegionErrorKind,
    span: std::ops::Range<usize>,
}

/// The kinds of [`RegionError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegionErrorKind {
    /// Not `PP`, `PP.KK`, `PP.KK.CC` or `PP.KK.CC.DDDD` in ASCII digits.
    #[error(
        "a region code is written `PP`, `PP.KK`, `PP.KK.CC` or `PP.KK.CC.DDDD` (dots optional)"
    )]
    BadFormat,
    /// The province is not on the Kemendagri list.
    #[error("unknown province code")]
    UnknownProvince,
    /// A regency, district or village part is all zeros.
    #[error("the {} part of a region code cannot be zero", .0.as_str())]
    ZeroCode(RegionLevel),
    /// Not one of the 38 regencies/cities of East Java.
    #[error("not one of the 38 regencies and cities of East Java")]
    UnknownRegency,
}

impl RegionError {
    fn new(kind: RegionErrorKind, span: std::ops::Range<usize>) -> Self {
        RegionError { kind, span }
    }

    /// What went wrong.
    pub fn kind(&self) -> &RegionErrorKind {
        &self.kind
    }
}

impl Coded for RegionError {
    fn code(&self) -> &'static str {
        match self.kind {
            RegionErrorKind::BadFormat => "region.bad_format",
            RegionErrorKind::UnknownProvince => "region.unknown_province",
            RegionErrorKind::ZeroCode(_) => "region.zero_code",
            RegionErrorKind::UnknownRegency => "region.unknown_regency",
        }
    }

    fn field(&self) -> Option<&'static str> {
        match self.kind {
            RegionErrorKind::BadFormat => None,
            RegionErrorKind::UnknownProvince => Some("province"),
            RegionErrorKind::ZeroCode(level) => Some(level.as_str()),
            RegionErrorKind::UnknownRegency => Some("regency"),
        }
    }

    fn byte_span(&self) -> Option<std::ops::Range<usize>> {
        Some(self.span.clone())
    }
}

/// Region facts as data, for the bindings and conformance vectors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct RegionInfo {
    /// Canonical dotted code.
    pub code: String,
    /// The level.
    pub level: RegionLevel,
    /// Province code, two digits.
    pub province: String,
    /// Regency code `PP.KK`, if deep enough.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regency: Option<String>,
    /// Kabupaten or kota, if deep enough.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regency_kind: Option<RegencyKind>,
    /// Official name where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl From<&RegionCode> for RegionInfo {
    fn from(r: &RegionCode) -> Self {
        RegionInfo {
            code: r.to_string(),
            level: r.level(),
            province: r.province().to_string(),
            regency: r.regency().map(|x| x.to_string()),
            regency_kind: r.regency_kind(),
            name: r.name().map(str::to_owned),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_have_the_documented_sizes() {
        assert_eq!(PROVINCES.len(), 38);
        assert_eq!(JATIM_REGENCIES.len(), 38);
        assert_eq!(JATIM_REGENCIES.iter().filter(|r| r.code >= 71).count(), 9);
    }

    #[test]
    fn dotted_and_compact_agree() {
        for s in ["35", "3520", "352003", "3520032001"] {
            let a = RegionCode::parse(s).unwrap();
            let b = RegionCode::parse(&a.to_string()).unwrap();
            assert_eq!(a, b);
            assert_eq!(a.compact(), s);
        }
    }

    #[test]
    fn rejects_with_codes() {
        let code = |s: &str| RegionCode::parse(s).unwrap_err().code();
        assert_eq!(code("3580"), "region.unknown_regency");
        assert_eq!(code("20"), "region.unknown_province");
        assert_eq!(code("32.00"), "region.zero_code");
        assert_eq!(code("35.2"), "region.bad_format");
        assert_eq!(code("35.20."), "region.bad_format");
        assert_eq!(code(""), "region.bad_format");
    }

    #[test]
    fn containment() {
        let sukun = RegionCode::parse("35.73.04").unwrap();
        assert!(sukun.is_within(&RegionCode::parse("35").unwrap()));
        assert!(sukun.is_within(&RegionCode::parse("3573").unwrap()));
        assert!(!sukun.is_within(&RegionCode::parse("3507").unwrap()));
    }
}
