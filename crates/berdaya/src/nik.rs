//! The Indonesian national identity number (NIK, *Nomor Induk Kependudukan*).
//!
//! A NIK is 16 ASCII digits `PP KK CC DD MM YY SSSS` (PP 37/2007, PP 40/2019):
//!
//! | digits | meaning | rule |
//! |---|---|---|
//! | 1-2 | province where first registered | one of the 38 Kemendagri provinces |
//! | 3-4 | regency/city | not `00`; in East Java one of its 38 codes |
//! | 5-6 | district (kecamatan) | not `00` |
//! | 7-8 | day of birth; women add 40 | `01`-`31` or `41`-`71` |
//! | 9-10 | month of birth | `01`-`12` |
//! | 11-12 | year of birth, two digits | with day and month a real date |
//! | 13-16 | serial | not `0000` |
//!
//! There is no check digit. The region is where the NIK was *first* registered, not the domicile;
//! birth date and sex are hints that a corrected civil record may contradict.
//!
//! The century is resolved against an explicit reference date (there is no hidden clock): of
//! 19YY and 20YY, the latest year whose date is a real date not after the reference date.
//!
//! A [`Nik`] is personal data: `Debug` and `Display` show only the province
//! (`35**************`). The digits are available through [`Nik::reveal`] only.
//!
//! ```
//! use berdaya::{Nik, Sex};
//! use chrono::NaiveDate;
//! let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
//! let nik = Nik::parse("3504035203980001", as_of)?;
//! assert_eq!(nik.sex(), Sex::Female);
//! assert_eq!(nik.birth_date(), NaiveDate::from_ymd_opt(1998, 3, 12).unwrap());
//! assert_eq!(nik.regency().to_string(), "35.04");
//! assert_eq!(format!("{nik}"), "35**************");
//! # Ok::<(), berdaya::NikError>(())
//! ```

use std::fmt;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::Coded;
use crate::region::{self, RegionCode, JAWA_TIMUR};
use crate::sex::Sex;

/// A structurally valid NIK. See the [module docs](self) for the rules.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Nik {
    digits: [u8; 16],
    birth_date: NaiveDate,
}

/// The parts of a NIK, by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum NikPart {
    /// The whole value (length, characters).
    Whole,
    /// Digits 1-2.
    Province,
    /// Digits 3-4.
    Regency,
    /// Digits 5-6.
    District,
    /// Digits 7-8.
    BirthDay,
    /// Digits 9-10.
    BirthMonth,
    /// Digits 7-12 together.
    BirthDate,
    /// Digits 13-16.
    Serial,
}

impl NikPart {
    /// The wire name, e.g. `birth_day`.
    pub fn as_str(self) -> &'static str {
        match self {
            NikPart::Whole => "nik",
            NikPart::Province => "province",
            NikPart::Regency => "regency",
            NikPart::District => "district",
            NikPart::BirthDay => "birth_day",
            NikPart::BirthMonth => "birth_month",
            NikPart::BirthDate => "birth_date",
            NikPart::Serial => "serial",
        }
    }
}

fn two(d: &[u8; 16], at: usize) -> u8 {
    let hi = d.get(at).copied().unwrap_or(b'0') - b'0';
    let lo = d.get(at + 1).copied().unwrap_or(b'0') - b'0';
    hi * 10 + lo
}

impl Nik {
    /// Number of digits in a NIK.
    pub const LEN: usize = 16;

    /// Parses and validates a NIK; `reference_date` resolves the century of the birth year.
    ///
    /// Checks run left to right and the first failure is reported: characters (ASCII digits
    /// only; whitespace and Unicode digits are rejected, not trimmed), length, province,
    /// regency, district, day, month, date, serial.
    ///
    /// # Errors
    /// A [`NikError`] whose [`code`](Coded::code) names the failing part:
    /// `nik.invalid_character`, `nik.bad_length`, `nik.unknown_province`, `nik.zero_regency`,
    /// `nik.unknown_regency`, `nik.zero_district`, `nik.bad_birth_day`, `nik.bad_birth_month`,
    /// `nik.bad_birth_date`, `nik.birth_date_in_future`, `nik.zero_serial`.
    ///
    /// # Examples
    /// ```
    /// use berdaya::{Coded, Nik};
    /// use chrono::NaiveDate;
    /// let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
    /// let err = Nik::parse("3514140711950000", as_of).unwrap_err();
    /// assert_eq!(err.code(), "nik.zero_serial");
    /// ```
    pub fn parse(s: &str, reference_date: NaiveDate) -> Result<Nik, NikError> {
        use NikErrorKind as K;
        if let Some((i, c)) = s.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
            return Err(NikError::new(K::InvalidCharacter, i..i + c.len_utf8()));
        }
        let mut digits = [0u8; 16];
        if s.len() != Self::LEN {
            return Err(NikError::new(K::BadLength { len: s.len() }, 0..s.len()));
        }
        digits.copy_from_slice(s.as_bytes());
        let province = two(&digits, 0);
        if region::province(province).is_none() {
            return Err(NikError::new(K::UnknownProvince, 0..2));
        }
        let regency = two(&digits, 2);
        if regency == 0 {
            return Err(NikError::new(K::ZeroRegency, 2..4));
        }
        if province == JAWA_TIMUR && region::regency(province, regency).is_none() {
            return Err(NikError::new(K::UnknownRegency, 2..4));
        }
        if two(&digits, 4) == 0 {
            return Err(NikError::new(K::ZeroDistrict, 4..6));
        }
        let raw_day = two(&digits, 6);
        let day = match raw_day {
            1..=31 => raw_day,
            41..=71 => raw_day - 40,
            _ => return Err(NikError::new(K::BadBirthDay, 6..8)),
        };
        let month = two(&digits, 8);
        if !(1..=12).contains(&month) {
            return Err(NikError::new(K::BadBirthMonth, 8..10));
        }
        let yy = i32::from(two(&digits, 10));
        let candidates = [2000 + yy, 1900 + yy]
            .map(|y| NaiveDate::from_ymd_opt(y, u32::from(month), u32::from(day)));
        if candidates.iter().all(Option::is_none) {
            return Err(NikError::new(K::BadBirthDate, 6..12));
        }
        let birth_date = candidates
            .into_iter()
            .flatten()
            .find(|d| *d <= reference_date)
            .ok_or_else(|| NikError::new(K::BirthDateInFuture, 6..12))?;
        if &digits[12..16] == b"0000" {
            return Err(NikError::new(K::ZeroSerial, 12..16));
        }
        Ok(Nik { digits, birth_date })
    }

    /// The 16 digits. This is personal data: use it only where the caller explicitly needs
    /// the identifier (matching against a civil register); share [`crate::pseudonymize`]
    /// output instead.
    pub fn reveal(&self) -> &str {
        // Always 16 ASCII digits by construction.
        std::str::from_utf8(&self.digits).unwrap_or_default()
    }

    /// The province where the NIK was first registered (digits 1-2).
    pub fn province(&self) -> RegionCode {
        RegionCode::from_parts_unchecked(two(&self.digits, 0), None, None)
    }

    /// The regency/city where the NIK was first registered (digits 1-4).
    pub fn regency(&self) -> RegionCode {
        RegionCode::from_parts_unchecked(two(&self.digits, 0), Some(two(&self.digits, 2)), None)
    }

    /// The district where the NIK was first registered (digits 1-6).
    pub fn district(&self) -> RegionCode {
        RegionCode::from_parts_unchecked(
            two(&self.digits, 0),
            Some(two(&self.digits, 2)),
            Some(two(&self.digits, 4)),
        )
    }

    /// The birth date encoded in the NIK, century resolved at parse time. A hint only: a
    /// corrected civil record does not reissue the NIK.
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }

    /// The sex encoded in the NIK (day + 40 for women).
    pub fn sex(&self) -> Sex {
        if two(&self.digits, 6) > 40 {
            Sex::Female
        } else {
            Sex::Male
        }
    }

    /// The serial number (digits 13-16), 1 to 9999.
    pub fn serial(&self) -> u16 {
        self.digits
            .get(12..16)
            .unwrap_or_default()
            .iter()
            .fold(0u16, |acc, b| acc * 10 + u16::from(b - b'0'))
    }

    /// Builds the NIK for the given parts (for generators and tests).
    ///
    /// # Errors
    /// As [`Nik::parse`], for the resulting digits.
    pub fn from_parts(
        district: &RegionCode,
        birth_date: NaiveDate,
        sex: Sex,
        serial: u16,
        reference_date: NaiveDate,
    ) -> Result<Nik, NikError> {
        let day = birth_date.day() + if sex == Sex::Female { 40 } else { 0 };
        let s = format!(
            "{:02}{:02}{:02}{:02}{:02}{:02}{:04}",
            district.province_number(),
            district.regency_number().unwrap_or(0),
            district
                .district()
                .map_or(0, |d| d.compact()[4..].parse::<u8>().unwrap_or(0)),
            day,
            birth_date.month(),
            birth_date.year().rem_euclid(100),
            serial
        );
        Nik::parse(&s, reference_date)
    }

    /// Facts of this NIK as data (no digits beyond the region codes).
    pub fn info(&self) -> NikInfo {
        NikInfo {
            province: self.province().to_string(),
            regency: self.regency().to_string(),
            district: self.district().to_string(),
            birth_date: self.birth_date,
            sex: self.sex(),
            serial: self.serial(),
        }
    }
}

impl fmt::Debug for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Nik({self})")
    }
}

impl fmt::Display for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}**************", two(&self.digits, 0))
    }
}

/// A NIK's derived facts as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct NikInfo {
    /// Province code, e.g. `35`.
    pub province: String,
    /// Regency code, e.g. `35.14`.
    pub regency: String,
    /// District code, e.g. `35.14.14`.
    pub district: String,
    /// Birth date, ISO `YYYY-MM-DD`.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub birth_date: NaiveDate,
    /// Sex, `M` or `F`.
    pub sex: Sex,
    /// Serial, 1-9999.
    pub serial: u16,
}

/// Why a NIK was rejected. Never contains the input's digits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct NikError {
    kind: NikErrorKind,
    span: Range<usize>,
}

/// The kinds of [`NikError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NikErrorKind {
    /// A character that is not an ASCII digit (including whitespace and non-ASCII digits).
    #[error("a NIK holds only the digits 0-9")]
    InvalidCharacter,
    /// Not 16 digits.
    #[error("a NIK has 16 digits, not {len}")]
    BadLength {
        /// Number of digits found.
        len: usize,
    },
    /// Digits 1-2 are not a province code.
    #[error("digits 1-2 are not a known province code")]
    UnknownProvince,
    /// Digits 3-4 are `00`.
    #[error("digits 3-4 (regency) cannot be `00`")]
    ZeroRegency,
    /// Digits 3-4 are not an East Java regency/city.
    #[error("digits 3-4 are not one of the 38 regencies and cities of East Java")]
    UnknownRegency,
    /// Digits 5-6 are `00`.
    #[error("digits 5-6 (district) cannot be `00`")]
    ZeroDistrict,
    /// Digits 7-8 are outside 01-31 and 41-71.
    #[error("digits 7-8 (day of birth) must be 01-31, or 41-71 for women")]
    BadBirthDay,
    /// Digits 9-10 are outside 01-12.
    #[error("digits 9-10 (month of birth) must be 01-12")]
    BadBirthMonth,
    /// Day, month and year do not form a real date in 19YY or 20YY.
    #[error("digits 7-12 are not a real date of birth")]
    BadBirthDate,
    /// The birth date is after the reference date in both centuries.
    #[error("digits 7-12 give a date of birth after the reference date")]
    BirthDateInFuture,
    /// Digits 13-16 are `0000`.
    #[error("digits 13-16 (serial) cannot be `0000`")]
    ZeroSerial,
}

impl NikError {
    fn new(kind: NikErrorKind, span: Range<usize>) -> Self {
        NikError { kind, span }
    }

    /// What went wrong.
    pub fn kind(&self) -> &NikErrorKind {
        &self.kind
    }

    /// Which part of the NIK is wrong.
    pub fn part(&self) -> NikPart {
        use NikErrorKind as K;
        match self.kind {
            K::InvalidCharacter | K::BadLength { .. } => NikPart::Whole,
            K::UnknownProvince => NikPart::Province,
            K::ZeroRegency | K::UnknownRegency => NikPart::Regency,
            K::ZeroDistrict => NikPart::District,
            K::BadBirthDay => NikPart::BirthDay,
            K::BadBirthMonth => NikPart::BirthMonth,
            K::BadBirthDate | K::BirthDateInFuture => NikPart::BirthDate,
            K::ZeroSerial => NikPart::Serial,
        }
    }

    /// The byte range of the input at fault.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }
}

impl Coded for NikError {
    fn code(&self) -> &'static str {
        use NikErrorKind as K;
        match self.kind {
            K::InvalidCharacter => "nik.invalid_character",
            K::BadLength { .. } => "nik.bad_length",
            K::UnknownProvince => "nik.unknown_province",
            K::ZeroRegency => "nik.zero_regency",
            K::UnknownRegency => "nik.unknown_regency",
            K::ZeroDistrict => "nik.zero_district",
            K::BadBirthDay => "nik.bad_birth_day",
            K::BadBirthMonth => "nik.bad_birth_month",
            K::BadBirthDate => "nik.bad_birth_date",
            K::BirthDateInFuture => "nik.birth_date_in_future",
            K::ZeroSerial => "nik.zero_serial",
        }
    }

    fn field(&self) -> Option<&'static str> {
        Some(self.part().as_str())
    }

    fn byte_span(&self) -> Option<Range<usize>> {
        Some(self.span.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn seed_beneficiaries_parse() {
        let nik = Nik::parse("3514140711950002", d(2020, 9, 9)).unwrap();
        assert_eq!(nik.sex(), Sex::Male);
        assert_eq!(nik.birth_date(), d(1995, 11, 7));
        assert_eq!(nik.district().to_string(), "35.14.14");
        assert_eq!(nik.serial(), 2);
    }

    #[test]
    fn debug_and_display_hide_digits() {
        let nik = Nik::parse("3514140711950002", d(2020, 9, 9)).unwrap();
        assert_eq!(format!("{nik:?}"), "Nik(35**************)");
        assert!(!format!("{nik:?}{nik}").contains("1407"));
    }

    #[test]
    fn century_follows_reference_date() {
        let nik = Nik::parse("3578030101150001", d(2020, 1, 1)).unwrap();
        assert_eq!(nik.birth_date(), d(2015, 1, 1));
        let nik = Nik::parse("3578030101150001", d(2014, 12, 31)).unwrap();
        assert_eq!(nik.birth_date(), d(1915, 1, 1));
    }

    #[test]
    fn leap_day_of_2000_only_in_the_21st_century() {
        assert!(Nik::parse("3578032902000001", d(2020, 1, 1)).is_ok());
        let e = Nik::parse("3578032902000001", d(1999, 1, 1)).unwrap_err();
        assert_eq!(e.code(), "nik.birth_date_in_future");
        let e = Nik::parse("3578032902010001", d(2020, 1, 1)).unwrap_err();
        assert_eq!(e.code(), "nik.bad_birth_date");
    }

    #[test]
    fn from_parts_round_trips() {
        let district = RegionCode::parse("35.04.03").unwrap();
        let nik =
            Nik::from_parts(&district, d(1998, 3, 12), Sex::Female, 1, d(2020, 9, 9)).unwrap();
        assert_eq!(nik.reveal(), "3504035203980001");
    }
}
