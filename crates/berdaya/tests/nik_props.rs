//! Property tests for NIK and region-code parsing: valid parts round-trip through the parser,
//! each malformed part is rejected with its own code, arbitrary text never panics.
//!
//! The 16 digits are formatted here, not with `Nik::from_parts`, so the test does not share
//! the code under test.

use berdaya::region::{JATIM_REGENCIES, JAWA_TIMUR, PROVINCES};
use berdaya::{Coded, Nik, RegionCode, Sex};
use chrono::{Datelike, Days, Months, NaiveDate};
use proptest::prelude::*;

const NIK_CODES: &[&str] = &[
    "nik.invalid_character",
    "nik.bad_length",
    "nik.unknown_province",
    "nik.zero_regency",
    "nik.unknown_regency",
    "nik.zero_district",
    "nik.bad_birth_day",
    "nik.bad_birth_month",
    "nik.bad_birth_date",
    "nik.birth_date_in_future",
    "nik.zero_serial",
];

const NIK_FIELDS: &[&str] = &[
    "nik",
    "province",
    "regency",
    "district",
    "birth_day",
    "birth_month",
    "birth_date",
    "serial",
];

const REGION_CODES: &[&str] = &[
    "region.bad_format",
    "region.unknown_province",
    "region.zero_code",
    "region.unknown_regency",
];

/// A date from literals; only ever called with real dates (1900-01-01, 2000-01-01, ...).
#[allow(clippy::expect_used)]
fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a literal real date")
}

/// The parts of a NIK, before formatting.
#[derive(Debug, Clone)]
struct Parts {
    province: u8,
    regency: u8,
    district: u8,
    /// Raw digits 7-8 (day, plus 40 for women).
    day: u8,
    month: u8,
    yy: u8,
    serial: u16,
}

impl Parts {
    fn digits(&self) -> String {
        format!(
            "{:02}{:02}{:02}{:02}{:02}{:02}{:04}",
            self.province, self.regency, self.district, self.day, self.month, self.yy, self.serial
        )
    }
}

fn is_province(p: u8) -> bool {
    PROVINCES.iter().any(|x| x.code == p)
}

fn is_jatim_regency(k: u8) -> bool {
    JATIM_REGENCIES.iter().any(|r| r.code == k)
}

/// A province and a regency valid for it: East Java regencies from the list, elsewhere 01-99.
fn province_and_regency() -> impl Strategy<Value = (u8, u8)> {
    (
        prop::sample::select(PROVINCES),
        prop::sample::select(JATIM_REGENCIES),
        1u8..=99,
    )
        .prop_map(|(p, jatim, other)| {
            let k = if p.code == JAWA_TIMUR {
                jatim.code
            } else {
                other
            };
            (p.code, k)
        })
}

/// A reference date in 2000-2099 and a birth date in the 100 years up to it, so the birth date
/// is the one the century rule picks.
fn reference_and_birth() -> impl Strategy<Value = (NaiveDate, NaiveDate)> {
    (0u64..36_524, 0u64..36_524).prop_map(|(r, b)| {
        let reference = date(2000, 1, 1) + Days::new(r);
        let earliest = reference - Months::new(1200) + Days::new(1);
        let span = (reference - earliest).num_days().unsigned_abs() + 1;
        (reference, reference - Days::new(b % span))
    })
}

/// Valid parts with the resolved birth date, sex and the reference date.
fn valid_nik() -> impl Strategy<Value = (Parts, NaiveDate, Sex, NaiveDate)> {
    (
        province_and_regency(),
        1u8..=99,
        reference_and_birth(),
        any::<bool>(),
        1u16..=9999,
    )
        .prop_map(
            |((province, regency), district, (reference, birth), female, serial)| {
                let sex = if female { Sex::Female } else { Sex::Male };
                let day = u8::try_from(birth.day()).unwrap_or(0) + if female { 40 } else { 0 };
                let parts = Parts {
                    province,
                    regency,
                    district,
                    day,
                    month: u8::try_from(birth.month()).unwrap_or(0),
                    yy: u8::try_from(birth.year().rem_euclid(100)).unwrap_or(0),
                    serial,
                };
                (parts, birth, sex, reference)
            },
        )
}

fn code_of(s: &str, reference: NaiveDate) -> Option<&'static str> {
    Nik::parse(s, reference).err().map(|e| e.code())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn valid_parts_round_trip((parts, birth, sex, reference) in valid_nik()) {
        let s = parts.digits();
        let nik = Nik::parse(&s, reference).map_err(|e| {
            TestCaseError::fail(format!("{s} at {reference}: {}", e.code()))
        })?;
        let p = parts.province;
        let k = parts.regency;
        let c = parts.district;
        prop_assert_eq!(nik.reveal(), s.as_str());
        prop_assert_eq!(nik.province().to_string(), format!("{p:02}"));
        prop_assert_eq!(nik.regency().to_string(), format!("{p:02}.{k:02}"));
        prop_assert_eq!(nik.district().to_string(), format!("{p:02}.{k:02}.{c:02}"));
        prop_assert_eq!(nik.birth_date(), birth);
        prop_assert!(nik.birth_date() <= reference);
        prop_assert_eq!(nik.sex(), sex);
        prop_assert_eq!(nik.serial(), parts.serial);
        let info = nik.info();
        prop_assert_eq!(info.birth_date, birth);
        prop_assert_eq!(info.sex, sex);
        prop_assert_eq!(info.district, format!("{p:02}.{k:02}.{c:02}"));
    }

    #[test]
    fn unknown_province_rejected(
        (parts, _, _, reference) in valid_nik(),
        p in (0u8..=99).prop_filter("not a province", |p| !is_province(*p)),
    ) {
        let s = Parts { province: p, ..parts }.digits();
        let e = Nik::parse(&s, reference).expect_err("unknown province");
        prop_assert_eq!(e.code(), "nik.unknown_province");
        prop_assert_eq!(e.span(), 0..2);
    }

    #[test]
    fn zero_regency_rejected((parts, _, _, reference) in valid_nik()) {
        let s = Parts { regency: 0, ..parts }.digits();
        prop_assert_eq!(code_of(&s, reference), Some("nik.zero_regency"));
    }

    #[test]
    fn unknown_east_java_regency_rejected(
        (parts, _, _, reference) in valid_nik(),
        k in (1u8..=99).prop_filter("not in East Java", |k| !is_jatim_regency(*k)),
    ) {
        let s = Parts { province: JAWA_TIMUR, regency: k, ..parts }.digits();
        prop_assert_eq!(code_of(&s, reference), Some("nik.unknown_regency"));
    }

    #[test]
    fn zero_district_rejected((parts, _, _, reference) in valid_nik()) {
        let s = Parts { district: 0, ..parts }.digits();
        prop_assert_eq!(code_of(&s, reference), Some("nik.zero_district"));
    }

    #[test]
    fn bad_day_rejected(
        (parts, _, _, reference) in valid_nik(),
        day in prop_oneof![Just(0u8), 32u8..=40, 72u8..=99],
    ) {
        let s = Parts { day, ..parts }.digits();
        let e = Nik::parse(&s, reference).expect_err("bad day");
        prop_assert_eq!(e.code(), "nik.bad_birth_day");
        prop_assert_eq!(e.span(), 6..8);
    }

    #[test]
    fn bad_month_rejected(
        (parts, _, _, reference) in valid_nik(),
        month in prop_oneof![Just(0u8), 13u8..=99],
    ) {
        let s = Parts { month, ..parts }.digits();
        prop_assert_eq!(code_of(&s, reference), Some("nik.bad_birth_month"));
    }

    #[test]
    fn impossible_date_rejected(
        (parts, _, _, reference) in valid_nik(),
        (day, month, yy) in (29u8..=31, 1u8..=12, 0u8..=99).prop_filter(
            "no real date in either century",
            |&(d, m, yy)| [1900, 2000].iter().all(|c| {
                NaiveDate::from_ymd_opt(c + i32::from(yy), u32::from(m), u32::from(d)).is_none()
            }),
        ),
        female in any::<bool>(),
    ) {
        let day = day + if female { 40 } else { 0 };
        let s = Parts { day, month, yy, ..parts }.digits();
        prop_assert_eq!(code_of(&s, reference), Some("nik.bad_birth_date"));
    }

    #[test]
    fn future_birth_date_rejected(
        (parts, _, _, _) in valid_nik(),
        (reference, birth) in (0u64..36_000, 1u64..36_524).prop_map(|(r, b)| {
            let reference = date(1900, 1, 1) + Days::new(r);
            let latest = (date(1999, 12, 31) - reference).num_days().unsigned_abs();
            (reference, reference + Days::new(1 + b % latest.max(1)))
        }),
        female in any::<bool>(),
    ) {
        prop_assume!(birth.year() <= 1999);
        let day = u8::try_from(birth.day()).unwrap_or(0) + if female { 40 } else { 0 };
        let s = Parts {
            day,
            month: u8::try_from(birth.month()).unwrap_or(0),
            yy: u8::try_from(birth.year() - 1900).unwrap_or(0),
            ..parts
        }
        .digits();
        prop_assert_eq!(code_of(&s, reference), Some("nik.birth_date_in_future"));
    }

    #[test]
    fn zero_serial_rejected((parts, _, _, reference) in valid_nik()) {
        let s = Parts { serial: 0, ..parts }.digits();
        let e = Nik::parse(&s, reference).expect_err("zero serial");
        prop_assert_eq!(e.code(), "nik.zero_serial");
        prop_assert_eq!(e.span(), 12..16);
    }

    /// With several parts broken at once, the leftmost check in the documented order wins.
    #[test]
    fn first_failure_in_check_order_wins(
        (parts, _, _, reference) in valid_nik(),
        broken in prop::array::uniform6(any::<bool>()),
    ) {
        let mut p = parts;
        let order = [
            "nik.unknown_province",
            "nik.zero_regency",
            "nik.zero_district",
            "nik.bad_birth_day",
            "nik.bad_birth_month",
            "nik.zero_serial",
        ];
        let [bp, bk, bc, bd, bm, bs] = broken;
        if bp { p.province = 20; }
        if bk { p.regency = 0; }
        if bc { p.district = 0; }
        if bd { p.day = 0; }
        if bm { p.month = 13; }
        if bs { p.serial = 0; }
        let expected = broken.iter().zip(order).find(|(b, _)| **b).map(|(_, c)| c);
        prop_assert_eq!(code_of(&p.digits(), reference), expected);
    }

    #[test]
    fn arbitrary_text_never_panics(
        s in prop_oneof![
            any::<String>(),
            "[0-9]{16}",
            "[0-9]{0,20}",
            "[0-9０-９٠-٩ \t.a-zé]{0,20}",
        ],
        days in 0u64..73_000,
    ) {
        let reference = date(1900, 1, 1) + Days::new(days);
        match Nik::parse(&s, reference) {
            Ok(nik) => {
                prop_assert_eq!(nik.reveal(), s.as_str());
                prop_assert!(s.len() == 16 && s.bytes().all(|b| b.is_ascii_digit()));
                prop_assert!(nik.birth_date() <= reference);
            }
            Err(e) => {
                let report = e.report(Some(&s));
                prop_assert!(NIK_CODES.contains(&report.code.as_str()), "{}", report.code);
                let field = report.field.clone().unwrap_or_default();
                prop_assert!(NIK_FIELDS.contains(&field.as_str()), "{}", field);
                let span = e.span();
                prop_assert!(span.start <= span.end && span.end <= s.len());
                prop_assert!(s.is_char_boundary(span.start) && s.is_char_boundary(span.end));
                let first_bad = s.char_indices().find(|(_, c)| !c.is_ascii_digit());
                match report.code.as_str() {
                    "nik.invalid_character" => {
                        let (i, c) = first_bad.expect("a bad character");
                        prop_assert_eq!(span, i..i + c.len_utf8());
                    }
                    "nik.bad_length" => {
                        prop_assert!(first_bad.is_none());
                        prop_assert!(s.len() != 16);
                        prop_assert_eq!(span, 0..s.len());
                    }
                    _ => prop_assert!(first_bad.is_none() && s.len() == 16),
                }
            }
        }
    }

    #[test]
    fn region_compact_and_dotted_round_trip(
        (p, k) in province_and_regency(),
        c in 1u8..=99,
        v in 1u16..=9999,
        level in 1usize..=4,
    ) {
        let groups = [format!("{p:02}"), format!("{k:02}"), format!("{c:02}"), format!("{v:04}")];
        let used = groups.get(..level).unwrap_or_default();
        let dotted = used.join(".");
        let compact = used.concat();
        let a = RegionCode::parse(&dotted).map_err(|e| TestCaseError::fail(e.code()))?;
        let b = RegionCode::parse(&compact).map_err(|e| TestCaseError::fail(e.code()))?;
        prop_assert_eq!(a, b);
        prop_assert_eq!(a.to_string(), dotted.clone());
        prop_assert_eq!(a.compact(), compact);
        prop_assert_eq!(RegionCode::parse(&a.to_string()), Ok(a));
        prop_assert_eq!(a.province_number(), p);
        prop_assert_eq!(a.regency_number(), (level >= 2).then_some(k));
        prop_assert!(a.is_within(&a.province()));
    }

    #[test]
    fn region_arbitrary_text_never_panics(
        s in prop_oneof![any::<String>(), "[0-9.]{0,14}", "[0-9０-９٠-٩ .a]{0,12}"],
    ) {
        match RegionCode::parse(&s) {
            Ok(r) => {
                prop_assert_eq!(r.compact(), s.replace('.', ""));
                prop_assert_eq!(RegionCode::parse(&r.to_string()), Ok(r));
            }
            Err(e) => {
                let report = e.report(Some(&s));
                prop_assert!(REGION_CODES.contains(&report.code.as_str()), "{}", report.code);
                let span = report.span.expect("a span");
                prop_assert!(span.start <= span.end && span.end <= s.len());
            }
        }
    }
}
