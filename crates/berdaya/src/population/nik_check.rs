//! NIK validation for imports of many rows: [`NikChecker`] gives the result of
//! [`check_nik`] with the region part and the birth-date part of a NIK each checked once per
//! distinct value, and [`sixteen_digits`] reads 16 ASCII digits 8 bytes at a time. Used by
//! the Arrow import and the column import ([`Population::from_columns`](super::Population::from_columns)),
//! where every NIK is distinct and [`check_nik`] on each would be most of the import.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::import::check_nik;
use crate::nik::Nik;

/// The number written by exactly 16 ASCII digits, 8 bytes at a time.
#[inline]
pub(crate) fn sixteen_digits(b: &[u8]) -> Option<u64> {
    const ZEROS: u64 = 0x3030_3030_3030_3030;
    const HIGH: u64 = 0xF0F0_F0F0_F0F0_F0F0;
    if b.len() != 16 {
        return None;
    }
    let (a, z) = b.split_at(8);
    let word = |h: &[u8]| h.try_into().ok().map(u64::from_le_bytes);
    let (a, z) = (word(a)?, word(z)?);
    // every byte 0x30-0x39: high nibble 3, and still 3 after adding 6
    let digits =
        |x: u64| x & HIGH == ZEROS && x.wrapping_add(0x0606_0606_0606_0606) & HIGH == ZEROS;
    if !digits(a) || !digits(z) {
        return None;
    }
    // eight digits, the first in the lowest byte: pairs, then fours, then all eight
    let eight = |x: u64| {
        let v = x.wrapping_sub(ZEROS);
        let v = v.wrapping_mul(10).wrapping_add(v >> 8) & 0x00FF_00FF_00FF_00FF;
        let v = v.wrapping_mul(100).wrapping_add(v >> 16) & 0x0000_FFFF_0000_FFFF;
        v.wrapping_mul(10_000).wrapping_add(v >> 32) & 0xFFFF_FFFF
    };
    Some(eight(a) * 100_000_000 + eight(z))
}

/// Whether the birth-date part `DDMMYY` of a NIK (digits 7-12, as a number) passes the
/// checks of [`Nik::parse`]: a day 1-31 (41-71 for women), a month 1-12, and a real date in
/// 2000+YY or 1900+YY that is not after `reference`. A `false` is confirmed (and its error
/// taken) from [`check_nik`] itself, so this only has to be right when it says `true`.
fn birth_part_valid(ddmmyy: u32, reference: NaiveDate) -> bool {
    let raw_day = ddmmyy / 10_000;
    let day = match raw_day {
        1..=31 => raw_day,
        41..=71 => raw_day - 40,
        _ => return false,
    };
    let month = ddmmyy / 100 % 100;
    let yy = (ddmmyy % 100) as i32;
    [2000 + yy, 1900 + yy]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .any(|d| d <= reference)
}

/// NIKs checked before the tables are allocated: a small import does not pay for them.
const WARM_UP: u32 = 512;

/// NIK validation with the region part (digits 1-6) and the birth-date part (digits 7-12)
/// each checked once per distinct value: for 16 digits not ending in `0000` the result of
/// [`check_nik`] depends on nothing else. Other texts go to [`check_nik`] itself.
pub(crate) struct NikChecker {
    reference: NaiveDate,
    /// NIKs checked while the tables are not allocated yet.
    checked: u32,
    /// Per 6-digit region value: 0 not seen, 1 valid, 2 invalid (error in `errors`).
    region: Vec<u8>,
    /// Per 6-digit `DDMMYY` value, as `region`.
    date: Vec<u8>,
    errors: HashMap<(bool, u32), (&'static str, String)>,
}

impl NikChecker {
    pub(crate) fn new(reference: NaiveDate) -> Self {
        NikChecker {
            reference,
            checked: 0,
            region: Vec::new(),
            date: Vec::new(),
            errors: HashMap::new(),
        }
    }

    /// As `check_nik(s, reference)`.
    #[inline]
    pub(crate) fn check(&mut self, s: &str) -> Result<u64, (&'static str, String)> {
        let Some(value) = sixteen_digits(s.as_bytes()) else {
            return check_nik(s, self.reference);
        };
        if value % 10_000 == 0 {
            // a zero serial: reported as mangled by `check_nik`
            return check_nik(s, self.reference);
        }
        if self.region.is_empty() {
            if self.checked < WARM_UP {
                self.checked += 1;
                return check_nik(s, self.reference);
            }
            // zeroed pages are only touched where used
            self.region = vec![0; 1_000_000];
            self.date = vec![0; 1_000_000];
        }
        let region = (value / 10_000_000_000) as u32;
        let date = (value / 10_000 % 1_000_000) as u32;
        match self.region.get(region as usize).copied() {
            Some(1) => {}
            Some(0) => {
                // region errors come first; any other outcome leaves the region valid
                let bad = matches!(Nik::parse(s, self.reference), Err(e) if e.span().start < 6);
                if bad {
                    if let Err(e) = check_nik(s, self.reference) {
                        self.errors.insert((false, region), e);
                    }
                }
                if let Some(slot) = self.region.get_mut(region as usize) {
                    *slot = if bad { 2 } else { 1 };
                }
                if bad {
                    return self.error(false, region, s);
                }
            }
            _ => return self.error(false, region, s),
        }
        match self.date.get(date as usize).copied() {
            Some(1) => {}
            Some(0) => {
                // The region is valid and the serial not zero: only the date can fail. Most
                // dates are valid, and told so without the whole of `check_nik`.
                let bad = !birth_part_valid(date, self.reference)
                    && match check_nik(s, self.reference) {
                        Ok(_) => false,
                        Err(e) => {
                            self.errors.insert((true, date), e);
                            true
                        }
                    };
                if let Some(slot) = self.date.get_mut(date as usize) {
                    *slot = if bad { 2 } else { 1 };
                }
                if bad {
                    return self.error(true, date, s);
                }
            }
            _ => return self.error(true, date, s),
        }
        Ok(value)
    }

    fn error(&self, date: bool, key: u32, s: &str) -> Result<u64, (&'static str, String)> {
        match self.errors.get(&(date, key)) {
            Some(e) => Err(e.clone()),
            None => check_nik(s, self.reference),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_digits_reads_exactly_sixteen_digits() {
        let n = |s: &str| sixteen_digits(s.as_bytes());
        assert_eq!(n("3514140711950002"), Some(3_514_140_711_950_002));
        assert_eq!(n("0000000000000000"), Some(0));
        assert_eq!(n("9999999999999999"), Some(9_999_999_999_999_999));
        assert_eq!(n("1234567890123456"), Some(1_234_567_890_123_456));
        for bad in [
            "351414071195000",
            "35141407119500021",
            "351414071195000/",
            "35141407119500:2",
            " 514140711950002",
            "3514140711950\u{e9}",
        ] {
            assert_eq!(n(bad), None, "{bad}");
        }
        // every byte position, every non-digit neighbour of the digits
        for i in 0..16 {
            for c in [b'/', b':', b'0' + 0x80, 0x2F, 0x3A, 0x3F, 0x40, 0x20] {
                let mut b = *b"1111111111111111";
                b[i] = c;
                assert_eq!(sixteen_digits(&b), None);
            }
        }
    }

    /// Every birth-date part (days 0-72, months 0-13, years 00-99) and a range of region parts,
    /// each twice (the second from the tables), against `check_nik`, around the reference date.
    #[test]
    fn checker_agrees_with_check_nik() {
        for reference in [
            NaiveDate::from_ymd_opt(2020, 9, 9).unwrap(),
            NaiveDate::from_ymd_opt(2000, 2, 29).unwrap(),
            NaiveDate::from_ymd_opt(2099, 12, 31).unwrap(),
        ] {
            let mut checker = NikChecker::new(reference);
            let mut niks = Vec::new();
            for region in [
                "351401", "350001", "351400", "359901", "990101", "310101", "000000",
            ] {
                for day in [0, 1, 9, 28, 29, 30, 31, 32, 40, 41, 68, 69, 70, 71, 72] {
                    for month in 0..=13 {
                        for yy in [0, 1, 4, 19, 20, 21, 50, 99] {
                            niks.push(format!("{region}{day:02}{month:02}{yy:02}0001"));
                        }
                    }
                }
            }
            for n in 0..=99 {
                niks.push(format!("35140710{n:02}950002"));
            }
            niks.extend(
                ["3514140711950000", "351414071195000", "3.51414E+15", "x"].map(String::from),
            );
            for round in 0..2 {
                for nik in &niks {
                    assert_eq!(
                        checker.check(nik),
                        check_nik(nik, reference),
                        "round {round}, reference {reference}"
                    );
                }
            }
            assert!(!checker.region.is_empty(), "the tables were used");
        }
    }
}
