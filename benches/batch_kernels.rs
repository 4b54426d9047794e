//! The hand-written baseline: R1-R5 of BENCHMARK.md as loops over a `Population`'s columns,
//! 64 rows into one `u64` word of "definitely eligible" bits (Kleene: an unknown fact that the
//! rule needs leaves the row not eligible). Shared by `batch_baseline.rs` (criterion) and the
//! differential test `crates/berdaya/tests/population.rs`.
//!
//! The driver [`eval`] is generic over the rule ([`Kernel`]), so each rule is inlined into its
//! own loop; per 64-row chunk a rule computes byte masks (one compare per row, which
//! vectorises), packs them into a word ([`pack`]) and combines words with validity bitmaps.
//! Age bounds are folded into birth-date bounds for the as-of date ([`Bounds`]).

use berdaya::disability::Disability;
use berdaya::education::Education;
use berdaya::population::{code, day_number, Column, Population};
use berdaya::vocab::{CareStatus, EmploymentStatus};
use chrono::{Datelike, NaiveDate};

/// The columns the five rules read.
#[derive(Debug, Clone, Copy)]
pub struct Cols<'a> {
    /// Rows.
    pub len: usize,
    /// Birth date (day number).
    pub birth: Column<'a, i32>,
    /// Disabilities (bits).
    pub dis: Column<'a, u16>,
    /// Care status code.
    pub care: Column<'a, u8>,
    /// Admission day number.
    pub since: Column<'a, i32>,
    /// Education code.
    pub edu: Column<'a, u8>,
    /// NIK province.
    pub prov: Column<'a, u8>,
    /// Employment code.
    pub emp: Column<'a, u8>,
    /// DTKS decile.
    pub dtks: Column<'a, u8>,
    /// Skill bits.
    pub skills: Column<'a, u64>,
}

impl<'a> Cols<'a> {
    /// The rule columns of a population.
    pub fn of(p: &'a Population) -> Self {
        Cols {
            len: p.len(),
            birth: p.birth_date(),
            dis: p.disabilities(),
            care: p.care_status(),
            since: p.residence_since(),
            edu: p.education(),
            prov: p.nik_province(),
            emp: p.employment(),
            dtks: p.dtks_decile(),
            skills: p.skills(),
        }
    }
}

/// 64 rows of every rule column, values and validity word.
#[derive(Debug, Clone, Copy)]
pub struct Chunk<'a> {
    /// Birth dates.
    pub birth: &'a [i32; 64],
    /// Validity of `birth`.
    pub birth_v: u64,
    /// Disabilities.
    pub dis: &'a [u16; 64],
    /// Validity of `dis`.
    pub dis_v: u64,
    /// Care status.
    pub care: &'a [u8; 64],
    /// Validity of `care`.
    pub care_v: u64,
    /// Admission dates.
    pub since: &'a [i32; 64],
    /// Validity of `since`.
    pub since_v: u64,
    /// Education.
    pub edu: &'a [u8; 64],
    /// Validity of `edu`.
    pub edu_v: u64,
    /// NIK province.
    pub prov: &'a [u8; 64],
    /// Validity of `prov`.
    pub prov_v: u64,
    /// Employment.
    pub emp: &'a [u8; 64],
    /// Validity of `emp`.
    pub emp_v: u64,
    /// DTKS decile.
    pub dtks: &'a [u8; 64],
    /// Validity of `dtks`.
    pub dtks_v: u64,
    /// Skills.
    pub skills: &'a [u64; 64],
    /// Validity of `skills`.
    pub skills_v: u64,
}

/// A rule compiled by hand: the eligible bits of one 64-row chunk.
pub trait Kernel {
    /// Bit `i` set when row `i` of the chunk is definitely eligible.
    fn word(&self, c: &Chunk<'_>) -> u64;
}

#[inline(always)]
fn arr<T>(values: &[T], w: usize) -> Option<&[T; 64]> {
    values.get(w * 64..w * 64 + 64)?.try_into().ok()
}

#[inline(always)]
fn word(validity: &[u64], w: usize) -> u64 {
    validity.get(w).copied().unwrap_or(0)
}

#[inline(always)]
fn chunk<'a>(c: &Cols<'a>, w: usize) -> Option<Chunk<'a>> {
    Some(Chunk {
        birth: arr(c.birth.values(), w)?,
        birth_v: word(c.birth.validity(), w),
        dis: arr(c.dis.values(), w)?,
        dis_v: word(c.dis.validity(), w),
        care: arr(c.care.values(), w)?,
        care_v: word(c.care.validity(), w),
        since: arr(c.since.values(), w)?,
        since_v: word(c.since.validity(), w),
        edu: arr(c.edu.values(), w)?,
        edu_v: word(c.edu.validity(), w),
        prov: arr(c.prov.values(), w)?,
        prov_v: word(c.prov.validity(), w),
        emp: arr(c.emp.values(), w)?,
        emp_v: word(c.emp.validity(), w),
        dtks: arr(c.dtks.values(), w)?,
        dtks_v: word(c.dtks.validity(), w),
        skills: arr(c.skills.values(), w)?,
        skills_v: word(c.skills.validity(), w),
    })
}

/// The last, partial chunk copied into zero-padded arrays (its validity bits past the end are
/// clear).
fn padded<T: Copy + Default>(values: &[T], w: usize) -> [T; 64] {
    let mut out = [T::default(); 64];
    for (o, v) in out.iter_mut().zip(values.iter().skip(w * 64)) {
        *o = *v;
    }
    out
}

/// Evaluates a rule over all rows: the eligible bitmap into `out` (resized to
/// `ceil(len / 64)` words) and the number of eligible rows.
#[inline(always)]
pub fn eval<K: Kernel>(c: &Cols<'_>, k: &K, out: &mut Vec<u64>) -> usize {
    let words = c.len.div_ceil(64);
    out.clear();
    out.resize(words, 0);
    let full = c.len / 64;
    let mut count = 0usize;
    for (w, o) in out.iter_mut().enumerate().take(full) {
        if let Some(ch) = chunk(c, w) {
            let bits = k.word(&ch);
            *o = bits;
            count += bits.count_ones() as usize;
        }
    }
    if full < words {
        let (birth, dis, care, since) = (
            padded(c.birth.values(), full),
            padded(c.dis.values(), full),
            padded(c.care.values(), full),
            padded(c.since.values(), full),
        );
        let (edu, prov, emp, dtks, skills) = (
            padded(c.edu.values(), full),
            padded(c.prov.values(), full),
            padded(c.emp.values(), full),
            padded(c.dtks.values(), full),
            padded(c.skills.values(), full),
        );
        let ch = Chunk {
            birth: &birth,
            birth_v: word(c.birth.validity(), full),
            dis: &dis,
            dis_v: word(c.dis.validity(), full),
            care: &care,
            care_v: word(c.care.validity(), full),
            since: &since,
            since_v: word(c.since.validity(), full),
            edu: &edu,
            edu_v: word(c.edu.validity(), full),
            prov: &prov,
            prov_v: word(c.prov.validity(), full),
            emp: &emp,
            emp_v: word(c.emp.validity(), full),
            dtks: &dtks,
            dtks_v: word(c.dtks.validity(), full),
            skills: &skills,
            skills_v: word(c.skills.validity(), full),
        };
        let live = (1u64 << (c.len % 64)) - 1;
        let bits = k.word(&ch) & live;
        if let Some(o) = out.get_mut(full) {
            *o = bits;
        }
        count += bits.count_ones() as usize;
    }
    count
}

/// A byte per row: 1 where `f` holds, else 0.
#[inline(always)]
pub fn mask<T: Copy>(xs: &[T; 64], f: impl Fn(T) -> bool) -> [u8; 64] {
    let mut m = [0u8; 64];
    for (o, &x) in m.iter_mut().zip(xs) {
        *o = u8::from(f(x));
    }
    m
}

/// `m &= f(xs)` byte-wise.
#[inline(always)]
pub fn and_mask<T: Copy>(m: &mut [u8; 64], xs: &[T; 64], f: impl Fn(T) -> bool) {
    for (o, &x) in m.iter_mut().zip(xs) {
        *o &= u8::from(f(x));
    }
}

/// Packs 64 bytes of 0/1 into a word, byte `i` to bit `i`.
#[inline(always)]
pub fn pack(m: &[u8; 64]) -> u64 {
    let mut w = 0u64;
    for (i, b) in m.chunks_exact(8).enumerate() {
        let mut x = [0u8; 8];
        x.copy_from_slice(b);
        // Eight 0/1 bytes gathered into the top byte: byte j lands on bit 56 + j.
        let g = u64::from_le_bytes(x).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        w |= g << (8 * i);
    }
    w
}

/// Birth-date bounds for an age range as of a date, in day numbers: age in `lo..=hi`
/// exactly when `after < birth <= until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// Exclusive lower bound (born on or before it: older than `hi`).
    pub after: i32,
    /// Inclusive upper bound (the latest birth date of someone aged `lo`).
    pub until: i32,
}

/// The latest birth date of someone aged at least `years` on `as_of`: the same day and month
/// `years` earlier, or 28 February when that is 29 February of a common year (a 29 February
/// birthday is reached on 1 March).
fn latest_birth(as_of: NaiveDate, years: i32) -> i32 {
    let y = as_of.year() - years;
    let d = as_of
        .with_year(y)
        .or_else(|| NaiveDate::from_ymd_opt(y, 2, 28))
        .unwrap_or(as_of);
    day_number(d)
}

impl Bounds {
    /// Age (completed years) from `lo` to `hi` inclusive on `as_of`.
    pub fn age(as_of: NaiveDate, lo: i32, hi: i32) -> Self {
        Bounds {
            after: latest_birth(as_of, hi + 1),
            until: latest_birth(as_of, lo),
        }
    }

    /// Whether a birth date lies inside (one unsigned compare).
    #[inline(always)]
    pub fn contains(self, birth: i32) -> bool {
        (birth.wrapping_sub(self.after).wrapping_sub(1) as u32)
            < (self.until.wrapping_sub(self.after) as u32)
    }
}

/// R1: age from 18 to 45.
#[derive(Debug, Clone, Copy)]
pub struct R1 {
    /// Birth-date bounds.
    pub age: Bounds,
}

impl R1 {
    /// R1 as of a date.
    pub fn new(as_of: NaiveDate) -> Self {
        R1 {
            age: Bounds::age(as_of, 18, 45),
        }
    }
}

impl Kernel for R1 {
    #[inline(always)]
    fn word(&self, c: &Chunk<'_>) -> u64 {
        let age = self.age;
        pack(&mask(c.birth, |b| age.contains(b))) & c.birth_v
    }
}

/// R2: R1 and at least one disability.
#[derive(Debug, Clone, Copy)]
pub struct R2(pub R1);

impl Kernel for R2 {
    #[inline(always)]
    fn word(&self, c: &Chunk<'_>) -> u64 {
        let age = self.0.age;
        let mut m = mask(c.birth, |b| age.contains(b));
        and_mask(&mut m, c.dis, |d| d != 0);
        pack(&m) & c.birth_v & c.dis_v
    }
}

const RESIDENT: u8 = code::care_status(CareStatus::Resident);
const ALUMNUS: u8 = code::care_status(CareStatus::Alumnus);
const SMP: u8 = code::education(Education::Smp);
const SMA: u8 = code::education(Education::Sma);
const UNEMPLOYED: u8 = code::employment(EmploymentStatus::Unemployed);
const SELF_EMPLOYED: u8 = code::employment(EmploymentStatus::SelfEmployed);
const R3_DISABILITIES: u16 = Disability::Physical.match_mask()
    | Disability::SensoryHearing.match_mask()
    | Disability::SensorySpeech.match_mask();
const INTELLECTUAL: u16 = Disability::Intellectual.match_mask();
const MENTAL: u16 = Disability::Mental.match_mask();

/// R3: age 17-40, a physical/hearing/speech disability, alumnus or resident for 180 days or
/// more, education at least smp, NIK province 35.
#[derive(Debug, Clone, Copy)]
pub struct R3 {
    /// Birth-date bounds.
    pub age: Bounds,
    /// Latest admission day giving 180 days in care.
    pub admitted_by: i32,
}

impl R3 {
    /// R3 as of a date.
    pub fn new(as_of: NaiveDate) -> Self {
        R3 {
            age: Bounds::age(as_of, 17, 40),
            admitted_by: day_number(as_of) - 180,
        }
    }

    /// The R3 word, with `extra` and-ed into the byte mask before the care branches.
    #[inline(always)]
    fn word_with(&self, c: &Chunk<'_>, extra: impl Fn(&mut [u8; 64])) -> u64 {
        let age = self.age;
        let by = self.admitted_by;
        let mut m = mask(c.birth, |b| age.contains(b));
        and_mask(&mut m, c.dis, |d| d & R3_DISABILITIES != 0);
        and_mask(&mut m, c.edu, |e| e >= SMP);
        and_mask(&mut m, c.prov, |p| p == 35);
        extra(&mut m);
        let mut resident = m;
        and_mask(&mut resident, c.care, |s| s == RESIDENT);
        and_mask(&mut resident, c.since, |s| s <= by);
        and_mask(&mut m, c.care, |s| s == ALUMNUS);
        (pack(&m) | (pack(&resident) & c.since_v))
            & c.birth_v
            & c.dis_v
            & c.edu_v
            & c.prov_v
            & c.care_v
    }
}

impl Kernel for R3 {
    #[inline(always)]
    fn word(&self, c: &Chunk<'_>) -> u64 {
        self.word_with(c, |_| {})
    }
}

/// R4: R3, unemployed or self-employed, DTKS decile at most 4 or not registered.
#[derive(Debug, Clone, Copy)]
pub struct R4(pub R3);

impl Kernel for R4 {
    #[inline(always)]
    fn word(&self, c: &Chunk<'_>) -> u64 {
        let emp = c.emp;
        let r3 = self.0.word_with(c, |m| {
            and_mask(m, emp, |e| e == UNEMPLOYED || e == SELF_EMPLOYED);
        });
        r3 & c.emp_v & (pack(&mask(c.dtks, |d| d <= 4)) | !c.dtks_v)
    }
}

/// R5: R4, skill batik or sewing or (handicraft and education at least sma), and not both
/// intellectual and mental disability.
#[derive(Debug, Clone, Copy)]
pub struct R5 {
    /// R4.
    pub r4: R4,
    /// Bits of batik and sewing in the population's skill dictionary.
    pub batik_or_sewing: u64,
    /// Bit of handicraft.
    pub handicraft: u64,
}

impl R5 {
    /// R5 as of a date, for a population's skill dictionary.
    pub fn new(as_of: NaiveDate, p: &Population) -> Self {
        R5 {
            r4: R4(R3::new(as_of)),
            batik_or_sewing: p.skill_bit("batik") | p.skill_bit("sewing"),
            handicraft: p.skill_bit("handicraft"),
        }
    }
}

impl Kernel for R5 {
    #[inline(always)]
    fn word(&self, c: &Chunk<'_>) -> u64 {
        let (bs, hc) = (self.batik_or_sewing, self.handicraft);
        let (emp, skills, edu, dis) = (c.emp, c.skills, c.edu, c.dis);
        let r3 = self.r4.0.word_with(c, |m| {
            and_mask(m, emp, |e| e == UNEMPLOYED || e == SELF_EMPLOYED);
            and_mask(m, dis, |d| !(d & INTELLECTUAL != 0 && d & MENTAL != 0));
            let mut hm = mask(skills, |s| s & hc != 0);
            and_mask(&mut hm, edu, |e| e >= SMA);
            for ((o, &s), &h) in m.iter_mut().zip(skills).zip(&hm) {
                *o &= u8::from(s & bs != 0) | h;
            }
        });
        r3 & c.emp_v & c.skills_v & (pack(&mask(c.dtks, |d| d <= 4)) | !c.dtks_v)
    }
}

/// The five rules as of a date, for a population.
pub fn rules(as_of: NaiveDate, p: &Population) -> (R1, R2, R3, R4, R5) {
    let r1 = R1::new(as_of);
    let r3 = R3::new(as_of);
    (r1, R2(r1), r3, R4(r3), R5::new(as_of, p))
}
