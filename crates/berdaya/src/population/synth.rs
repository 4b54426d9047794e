//! A seeded, deterministic synthetic population for tests and benchmarks.
//!
//! Distributions (per row, independently; "unknown" = null cell):
//! - birth date: 60% ages 15-59, 40% ages 5-80, uniform by day; 3% unknown;
//! - sex 50/50, 2% unknown; NIK: 3% unknown, otherwise 80% East Java (a real regency),
//!   20% another province, always valid for [`Nik::parse`](crate::Nik::parse) at the as-of
//!   date and consistent with the birth date and sex drawn (also when those are unknown);
//! - disabilities: none 20%, one 50%, two 25%, unknown 5%, over physical, intellectual, mental,
//!   sensory_visual, sensory_hearing, sensory_speech;
//! - care status: resident 35%, alumnus 30%, none 30%, unknown 5%; residents admitted 0-2,500
//!   days before the as-of date (1% not yet admitted), alumni discharged 1-3,000 days before and
//!   admitted 60-1,560 days before discharge; 3% of admission dates unknown; UPT among 8;
//! - education none 12%, sd 28%, smp 24%, sma 22%, diploma 5%, bachelor 4%, master and
//!   doctorate 1%; 4% unknown;
//! - DTKS decile: 30% unknown (not registered), poorer deciles more frequent;
//! - employment unemployed 50%, employed 20%, self-employed 20%, employer 5%, unknown 5%;
//! - skills: 0-3 of batik, computer, cooking, handicraft, jamu, massage, sewing; 5% unknown;
//! - regency of domicile: 90% East Java, 7% elsewhere, 3% unknown.
//!
//! The generator is SplitMix64 (no dependency); the same `(n, seed, as_of)` always gives the
//! same population.

use chrono::{Datelike, NaiveDate};

use super::column::{Col, StrArena};
use super::{code, date_of_day_number, day_number, Population, Row};
use crate::disability::Disability;
use crate::region::{JATIM_REGENCIES, JAWA_TIMUR, PROVINCES};
use crate::sex::Sex;
use crate::vocab::{CareStatus, EmploymentStatus};

/// The skills drawn, sorted (the dictionary order).
pub const SKILLS: [&str; 7] = [
    "batik",
    "computer",
    "cooking",
    "handicraft",
    "jamu",
    "massage",
    "sewing",
];

/// The facilities drawn, sorted.
pub const UPTS: [&str; 8] = [
    "upt-pplsu-blitar",
    "upt-pplsu-pasuruan",
    "upt-psbd-pasuruan",
    "upt-psbg-ngawi",
    "upt-psbl-kediri",
    "upt-psbn-malang",
    "upt-psbr-bojonegoro",
    "upt-rsbg-tuban",
];

const FIRST: [&str; 16] = [
    "Siti", "Budi", "Agus", "Dewi", "Sri", "Eko", "Rina", "Joko", "Wati", "Bambang", "Nur", "Yuli",
    "Ahmad", "Lestari", "Hadi", "Ratna",
];
const LAST: [&str; 16] = [
    "Rahayu",
    "Santoso",
    "Wijaya",
    "Setiawan",
    "Purnomo",
    "Hidayat",
    "Susanto",
    "Lestari",
    "Pratama",
    "Utomo",
    "Saputra",
    "Kurniawan",
    "Handayani",
    "Nugroho",
    "Wibowo",
    "Sari",
];

const DISABILITIES: [(Disability, u32); 6] = [
    (Disability::Physical, 30),
    (Disability::Intellectual, 20),
    (Disability::Mental, 15),
    (Disability::SensoryVisual, 12),
    (Disability::SensoryHearing, 13),
    (Disability::SensorySpeech, 10),
];

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, statistically fine for synthetic data.
#[derive(Debug, Clone)]
struct SplitMix64(u64);

impl SplitMix64 {
    #[inline]
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` below 2^32).
    #[inline]
    fn below(&mut self, n: u32) -> u32 {
        (((self.next() >> 32) * u64::from(n)) >> 32) as u32
    }

    /// True with probability `per_mille / 1000`.
    #[inline]
    fn chance(&mut self, per_mille: u32) -> bool {
        self.below(1000) < per_mille
    }

    /// An index drawn with the given weights.
    #[inline]
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = self.below(total.max(1));
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        0
    }
}

/// A NIK as a number from its parts (all in range by construction).
fn nik_number(
    province: u8,
    regency: u8,
    district: u8,
    birth: NaiveDate,
    female: bool,
    serial: u16,
) -> u64 {
    let day = u64::from(birth.day()) + if female { 40 } else { 0 };
    let yy = birth.year().rem_euclid(100) as u64;
    (((((u64::from(province) * 100 + u64::from(regency)) * 100 + u64::from(district)) * 100 + day)
        * 100
        + u64::from(birth.month()))
        * 100
        + yy)
        * 10_000
        + u64::from(serial)
}

/// Appends `B` and `n` zero-padded to at least 7 digits (`B0000042`), without `fmt`.
fn push_id(buf: &mut String, n: usize) {
    let mut digits = [b'0'; 20];
    let mut len = 0;
    let mut n = n;
    while n > 0 || len < 7 {
        if let Some(d) = digits.get_mut(len) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        len += 1;
    }
    buf.push('B');
    for d in digits.iter().take(len).rev() {
        buf.push(char::from(*d));
    }
}

/// `n` synthetic people as of `as_of`, from `seed`. See the [module docs](self).
pub fn generate(n: usize, seed: u64, as_of: NaiveDate) -> Population {
    let mut rng = SplitMix64(seed ^ 0x6265_7264_6179_6121);
    let today = day_number(as_of);
    let mut p = Population {
        ids: StrArena::with_capacity(n, n * 8),
        names: StrArena::with_capacity(n, n * 14),
        nik: Col::with_capacity(n),
        nik_province: Vec::with_capacity(n),
        birth_date: Col::with_capacity(n),
        sex: Col::with_capacity(n),
        disabilities: Col::with_capacity(n),
        care_status: Col::with_capacity(n),
        upt: Col::with_capacity(n),
        upt_dictionary: UPTS.iter().map(|s| (*s).to_owned()).collect(),
        residence_since: Col::with_capacity(n),
        discharged_on: Col::with_capacity(n),
        education: Col::with_capacity(n),
        dtks_decile: Col::with_capacity(n),
        employment: Col::with_capacity(n),
        skills: Col::with_capacity(n),
        skill_dictionary: SKILLS.iter().map(|s| (*s).to_owned()).collect(),
        regency: Col::with_capacity(n),
    };
    let other_provinces: Vec<u8> = PROVINCES
        .iter()
        .map(|p| p.code)
        .filter(|&c| c != JAWA_TIMUR)
        .collect();
    let pick = |rng: &mut SplitMix64, v: &[u8]| {
        v.get(rng.below(v.len() as u32) as usize)
            .copied()
            .unwrap_or(JAWA_TIMUR)
    };
    let jatim: Vec<u8> = JATIM_REGENCIES.iter().map(|r| r.code).collect();
    let mut buf = String::with_capacity(32);
    for i in 0..n {
        buf.clear();
        push_id(&mut buf, i + 1);
        p.ids.push(Some(&buf));

        // Birth and sex, drawn always (the NIK encodes them), recorded mostly.
        let (lo, hi) = if rng.chance(600) { (15, 60) } else { (5, 81) };
        // Ages lo..hi-1 in completed years, kept a day inside each bound.
        let min_days = lo * 366;
        let max_days = hi * 365 - 1;
        let birth_day = today - min_days - rng.below((max_days - min_days) as u32) as i32;
        let birth = date_of_day_number(birth_day).unwrap_or(as_of);
        p.birth_date.push((!rng.chance(30)).then_some(birth_day));
        let female = rng.chance(500);
        let sex = if female { Sex::Female } else { Sex::Male };
        p.sex.push((!rng.chance(20)).then_some(code::sex(sex)));

        buf.clear();
        let first = FIRST.get(rng.below(16) as usize).copied().unwrap_or("Siti");
        let last = LAST
            .get(rng.below(16) as usize)
            .copied()
            .unwrap_or("Rahayu");
        buf.push_str(first);
        buf.push(' ');
        buf.push_str(last);
        p.names.push((!rng.chance(10)).then_some(buf.as_str()));

        let (province, regency) = if rng.chance(800) {
            (JAWA_TIMUR, pick(&mut rng, &jatim))
        } else {
            (pick(&mut rng, &other_provinces), 1 + rng.below(30) as u8)
        };
        let district = 1 + rng.below(30) as u8;
        let serial = 1 + rng.below(9_999) as u16;
        let nik = (!rng.chance(30))
            .then(|| nik_number(province, regency, district, birth, female, serial));
        p.nik.push(nik);
        p.nik_province
            .push(if nik.is_some() { province } else { 0 });

        let disabilities = match rng.weighted(&[20, 50, 25, 5]) {
            3 => None,
            count => {
                let weights = DISABILITIES.map(|(_, w)| w);
                let mut bits = 0u16;
                for _ in 0..count {
                    let (d, _) = DISABILITIES
                        .get(rng.weighted(&weights))
                        .copied()
                        .unwrap_or((Disability::Physical, 0));
                    bits |= d.bit();
                }
                Some(bits)
            }
        };
        p.disabilities.push(disabilities);

        let care = [CareStatus::Resident, CareStatus::Alumnus, CareStatus::None]
            .get(rng.weighted(&[35, 30, 30, 5]))
            .copied();
        p.care_status.push(care.map(code::care_status));
        let (since, discharged) = match care {
            Some(CareStatus::Resident) => (
                Some(today - rng.below(2_500) as i32 + if rng.chance(10) { 30 } else { 0 }),
                None,
            ),
            Some(CareStatus::Alumnus) => {
                let out = today - 1 - rng.below(3_000) as i32;
                (Some(out - 60 - rng.below(1_500) as i32), Some(out))
            }
            _ => (None, None),
        };
        let since = since.filter(|_| !rng.chance(30));
        p.residence_since.push(since);
        p.discharged_on.push(discharged);
        let upt = matches!(care, Some(CareStatus::Resident | CareStatus::Alumnus))
            .then(|| rng.below(UPTS.len() as u32));
        p.upt.push(upt);

        let education = match rng.weighted(&[120, 280, 240, 220, 50, 40, 7, 3, 40]) {
            8 => None,
            level => super::code::education_of(level as u8),
        };
        p.education.push(education.map(code::education));

        let decile = (!rng.chance(300))
            .then(|| 1 + rng.weighted(&[16, 15, 14, 12, 10, 9, 8, 7, 5, 4]) as u8);
        p.dtks_decile.push(decile);

        let employment = [
            EmploymentStatus::Unemployed,
            EmploymentStatus::Employed,
            EmploymentStatus::SelfEmployed,
            EmploymentStatus::Employer,
        ]
        .get(rng.weighted(&[50, 20, 20, 5, 5]))
        .copied();
        p.employment.push(employment.map(code::employment));

        let skills = (!rng.chance(50)).then(|| {
            let count = rng.weighted(&[35, 35, 20, 10]);
            (0..count).fold(0u64, |bits, _| bits | 1 << rng.below(SKILLS.len() as u32))
        });
        p.skills.push(skills);

        let regency = match rng.weighted(&[900, 70, 30]) {
            0 => Some(u16::from(JAWA_TIMUR) * 100 + u16::from(pick(&mut rng, &jatim))),
            1 => Some(u16::from(pick(&mut rng, &other_provinces)) * 100 + 1 + rng.below(20) as u16),
            _ => None,
        };
        p.regency.push(regency);
    }
    p
}

/// The rows of [`generate`]`(n, seed, as_of)`, in order.
pub fn rows(n: usize, seed: u64, as_of: NaiveDate) -> impl Iterator<Item = Row> {
    let pop = generate(n, seed, as_of);
    (0..n).filter_map(move |i| pop.row(i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Nik;

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, 9, 9).unwrap()
    }

    #[test]
    fn deterministic_and_seed_dependent() {
        let a = generate(1000, 7, as_of());
        assert_eq!(a, generate(1000, 7, as_of()));
        assert_ne!(a, generate(1000, 8, as_of()));
        assert_eq!(a.len(), 1000);
    }

    #[test]
    fn niks_are_valid_and_consistent() {
        let p = generate(5000, 1, as_of());
        let mut jatim = 0;
        let mut known = 0;
        for i in 0..p.len() {
            let Some(n) = p.nik().get(i) else { continue };
            known += 1;
            let nik = Nik::parse(&format!("{n:016}"), as_of()).unwrap();
            assert_eq!(
                p.nik_province().get(i),
                Some(nik.province().province_number())
            );
            if let Some(b) = p.birth_date().get(i) {
                assert_eq!(day_number(nik.birth_date()), b);
            }
            if let Some(s) = p.sex().get(i) {
                assert_eq!(code::sex(nik.sex()), s);
            }
            jatim += usize::from(nik.province().province_number() == 35);
        }
        let share = jatim as f64 / known as f64;
        assert!((0.75..0.85).contains(&share), "{share}");
    }

    #[test]
    fn distributions_are_plausible() {
        let p = generate(20_000, 3, as_of());
        let today = day_number(as_of());
        let n = p.len() as f64;
        let null = |c: usize| c as f64 / n;
        assert!((0.27..0.33).contains(&null(p.dtks_decile().null_count())));
        for i in 0..p.len() {
            if let Some(b) = p.birth_date().get(i) {
                let age_days = today - b;
                assert!((5 * 365..81 * 365).contains(&age_days));
            }
            if let (Some(since), Some(out)) = (p.residence_since().get(i), p.discharged_on().get(i))
            {
                assert!(since < out && out < today);
            }
            if p.care_status().get(i) == Some(code::care_status(CareStatus::None)) {
                assert_eq!(p.residence_since().get(i), None);
                assert_eq!(p.upt().get(i), None);
            }
            assert!(p.disabilities().get(i).is_none_or(|d| d.count_ones() <= 2));
            assert!(p
                .skills()
                .get(i)
                .is_none_or(|s| s.count_ones() <= 3 && s < 1 << 7));
        }
    }

    #[test]
    fn ids_are_padded() {
        let mut s = String::new();
        push_id(&mut s, 42);
        assert_eq!(s, "B0000042");
        s.clear();
        push_id(&mut s, 123_456_789);
        assert_eq!(s, "B123456789");
    }

    #[test]
    fn rows_match_population() {
        let rows: Vec<Row> = rows(50, 9, as_of()).collect();
        let p = generate(50, 9, as_of());
        assert_eq!(rows.len(), 50);
        assert_eq!(rows[3], p.row(3).unwrap());
    }
}
