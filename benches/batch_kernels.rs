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

/// One 64-row chunk of the rule columns: word `w` of each column, read only when a rule asks
/// for it (so a rule pays for the columns it reads and nothing else).
#[derive(Debug, Clone, Copy)]
pub struct Chunk<'a> {
    w: usize,
    birth: (&'a [i32], &'a [u64]),
    dis: (&'a [u16], &'a [u64]),
    care: (&'a [u8], &'a [u64]),
    since: (&'a [i32], &'a [u64]),
    edu: (&'a [u8], &'a [u64]),
    prov: (&'a [u8], &'a [u64]),
    emp: (&'a [u8], &'a [u64]),
    dtks: (&'a [u8], &'a [u64]),
    skills: (&'a [u64], &'a [u64]),
}

/// A rule compiled by hand: the eligible bits of one 64-row chunk.
pub trait Kernel {
    /// Bit `i` set when row `i` of the chunk is definitely eligible.
    fn word(&self, c: &Chunk<'_>) -> u64;
}

macro_rules! accessors {
    ($($name:ident, $valid:ident: $t:ty;)*) => {
        impl<'a> Chunk<'a> {
            $(
                #[doc = concat!("The 64 values of `", stringify!($name), "`.")]
                #[inline(always)]
                pub fn $name(&self) -> &'a [$t; 64] {
                    self.$name
                        .0
                        .get(self.w * 64..self.w * 64 + 64)
                        .and_then(|s| s.try_into().ok())
                        .unwrap_or(&[0; 64])
                }

                #[doc = concat!("The validity word of `", stringify!($name), "`.")]
                #[inline(always)]
                pub fn $valid(&self) -> u64 {
                    self.$name.1.get(self.w).copied().unwrap_or(0)
                }
            )*
        }
    };
}

accessors! {
    birth, birth_v: i32;
    dis, dis_v: u16;
    care, care_v: u8;
    since, since_v: i32;
    edu, edu_v: u8;
    prov, prov_v: u8;
    emp, emp_v: u8;
    dtks, dtks_v: u8;
    skills, skills_v: u64;
}

/// The last, partial chunk copied into zero-padded arrays (its validity bits past the end are
/// clear).
fn padded<T: Copy + Default>(values: &[T], from: usize) -> [T; 64] {
    let mut out = [T::default(); 64];
    for (o, v) in out.iter_mut().zip(values.iter().skip(from)) {
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
    let mut ch = Chunk {
        w: 0,
        birth: (c.birth.values(), c.birth.validity()),
        dis: (c.dis.values(), c.dis.validity()),
        care: (c.care.values(), c.care.validity()),
        since: (c.since.values(), c.since.validity()),
        edu: (c.edu.values(), c.edu.validity()),
        prov: (c.prov.values(), c.prov.validity()),
        emp: (c.emp.values(), c.emp.validity()),
        dtks: (c.dtks.values(), c.dtks.validity()),
        skills: (c.skills.values(), c.skills.validity()),
    };
    let mut count = 0usize;
    for (w, o) in out.iter_mut().enumerate().take(full) {
        ch.w = w;
        let bits = k.word(&ch);
        *o = bits;
        count += bits.count_ones() as usize;
    }
    if full < words {
        let from = full * 64;
        let v = |validity: &[u64]| [validity.get(full).copied().unwrap_or(0)];
        let (birth, dis, care, since) = (
            padded(c.birth.values(), from),
            padded(c.dis.values(), from),
            padded(c.care.values(), from),
            padded(c.since.values(), from),
        );
        let (edu, prov, emp, dtks, skills) = (
            padded(c.edu.values(), from),
            padded(c.prov.values(), from),
            padded(c.emp.values(), from),
            padded(c.dtks.values(), from),
            padded(c.skills.values(), from),
        );
        let vs = [
            v(c.birth.validity()),
            v(c.dis.validity()),
            v(c.care.validity()),
            v(c.since.validity()),
            v(c.edu.validity()),
            v(c.prov.validity()),
            v(c.emp.validity()),
            v(c.dtks.validity()),
            v(c.skills.validity()),
        ];
        let [b_v, d_v, c_v, s_v, e_v, p_v, m_v, t_v, k_v] = &vs;
        let tail = Chunk {
            w: 0,
            birth: (&birth, b_v),
            dis: (&dis, d_v),
            care: (&care, c_v),
            since: (&since, s_v),
            edu: (&edu, e_v),
            prov: (&prov, p_v),
            emp: (&emp, m_v),
            dtks: (&dtks, t_v),
            skills: (&skills, k_v),
        };
        let live = (1u64 << (c.len % 64)) - 1;
        let bits = k.word(&tail) & live;
        if let Some(o) = out.get_mut(full) {
            *o = bits;
        }
        count += bits.count_ones() as usize;
    }
    count
}

/// A byte per row: `0xFF` where `f` holds, else 0.
///
/// Written 16 rows at a time: with a fixed 16-lane body LLVM compares a whole vector register
/// of bytes' worth of rows and narrows with one chain of packs (a 64-lane body is split into
/// 4-lane pieces with a pack and a scalar move each, about 40% more instructions for R1).
#[inline(always)]
pub fn mask<T: Copy>(xs: &[T; 64], f: impl Fn(T) -> bool) -> [u8; 64] {
    let mut m = [0u8; 64];
    and16(&mut m, xs, f, true);
    m
}

/// `m &= f(xs)` byte-wise, 16 rows at a time.
#[inline(always)]
pub fn and_mask<T: Copy>(m: &mut [u8; 64], xs: &[T; 64], f: impl Fn(T) -> bool) {
    and16(m, xs, f, false);
}

/// A byte per row computed by `f`, 16 rows at a time.
#[inline(always)]
pub fn map<T: Copy>(xs: &[T; 64], f: impl Fn(T) -> u8) -> [u8; 64] {
    let mut m = [0u8; 64];
    for (mo, xi) in m.chunks_exact_mut(16).zip(xs.chunks_exact(16)) {
        let Ok(xi) = <&[T; 16]>::try_from(xi) else {
            continue;
        };
        let mut t = [0u8; 16];
        for (o, &x) in t.iter_mut().zip(xi) {
            *o = f(x);
        }
        mo.copy_from_slice(&t);
    }
    m
}

#[inline(always)]
fn and16<T: Copy>(m: &mut [u8; 64], xs: &[T; 64], f: impl Fn(T) -> bool, set: bool) {
    for (mo, xi) in m.chunks_exact_mut(16).zip(xs.chunks_exact(16)) {
        let Ok(xi) = <&[T; 16]>::try_from(xi) else {
            continue;
        };
        let mut t = [0u8; 16];
        for (o, &x) in t.iter_mut().zip(xi) {
            // 0xFF rather than 1: the compare's own lane mask, so LLVM keeps it in a vector
            // register (a 0/1 byte from a byte compare gets rebuilt through scalar code).
            *o = 0u8.wrapping_sub(u8::from(f(x)));
        }
        if set {
            mo.copy_from_slice(&t);
        } else {
            for (o, x) in mo.iter_mut().zip(t) {
                *o &= x;
            }
        }
    }
}

/// Packs 64 mask bytes (0 or `0xFF`; only bit 0 is read) into a word, byte `i` to bit `i`.
#[inline(always)]
pub fn pack(m: &[u8; 64]) -> u64 {
    let mut w = 0u64;
    for (i, b) in m.chunks_exact(8).enumerate() {
        let mut x = [0u8; 8];
        x.copy_from_slice(b);
        // Eight 0/1 bytes gathered into the top byte: byte j lands on bit 56 + j.
        let g = (u64::from_le_bytes(x) & 0x0101_0101_0101_0101).wrapping_mul(0x0102_0408_1020_4080)
            >> 56;
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
        pack(&mask(c.birth(), |b| age.contains(b))) & c.birth_v()
    }
}

/// R2: R1 and at least one disability.
#[derive(Debug, Clone, Copy)]
pub struct R2(pub R1);

impl Kernel for R2 {
    #[inline(always)]
    fn word(&self, c: &Chunk<'_>) -> u64 {
        let age = self.0.age;
        let mut m = mask(c.birth(), |b| age.contains(b));
        and_mask(&mut m, c.dis(), |d| d != 0);
        pack(&m) & c.birth_v() & c.dis_v()
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

    /// The R3 word, with `dis_also` and-ed into the disability test and `extra` into the byte
    /// mask before the care branches (one pass per column: passes, not predicates, cost).
    #[inline(always)]
    fn word_with(
        &self,
        c: &Chunk<'_>,
        dis_also: impl Fn(u16) -> bool,
        extra: impl Fn(&mut [u8; 64]),
    ) -> u64 {
        let age = self.age;
        let by = self.admitted_by;
        let mut m = mask(c.birth(), |b| age.contains(b));
        and_mask(&mut m, c.dis(), |d| {
            (d & R3_DISABILITIES != 0) & dis_also(d)
        });
        and_mask(&mut m, c.edu(), |e| e >= SMP);
        and_mask(&mut m, c.prov(), |p| p == 35);
        extra(&mut m);
        let mut resident = m;
        and_mask(&mut resident, c.care(), |s| s == RESIDENT);
        and_mask(&mut resident, c.since(), |s| s <= by);
        and_mask(&mut m, c.care(), |s| s == ALUMNUS);
        (pack(&m) | (pack(&resident) & c.since_v()))
            & c.birth_v()
            & c.dis_v()
            & c.edu_v()
            & c.prov_v()
            & c.care_v()
    }
}

impl Kernel for R3 {
    #[inline(always)]
    fn word(&self, c: &Chunk<'_>) -> u64 {
        self.word_with(c, |_| true, |_| {})
    }
}

/// R4: R3, unemployed or self-employed, DTKS decile at most 4 or not registered.
#[derive(Debug, Clone, Copy)]
pub struct R4(pub R3);

impl Kernel for R4 {
    #[inline(always)]
    fn word(&self, c: &Chunk<'_>) -> u64 {
        let (emp, dtks) = (c.emp(), c.dtks());
        let r3 = self.0.word_with(
            c,
            |_| true,
            |m| {
                and_mask(m, emp, is_unemployed_or_self_employed);
                // `dtks_decile <= 4 or not known(dtks_decile)`: an unknown decile is stored as 0,
                // which passes `<= 4`, so the test needs no validity word (folded by hand).
                and_mask(m, dtks, |d| d <= 4);
            },
        );
        r3 & c.emp_v()
    }
}

/// `employment in [unemployed, self_employed]` as one compare: the codes are 0 and 2.
#[inline(always)]
fn is_unemployed_or_self_employed(e: u8) -> bool {
    const _: () = assert!(UNEMPLOYED == 0 && SELF_EMPLOYED == 2);
    e | SELF_EMPLOYED == SELF_EMPLOYED
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
        let (emp, dtks, skills, edu) = (c.emp(), c.dtks(), c.skills(), c.edu());
        let not_both = |d: u16| (d & INTELLECTUAL == 0) | (d & MENTAL == 0);
        let r3 = self.r4.0.word_with(c, not_both, |m| {
            and_mask(m, emp, is_unemployed_or_self_employed);
            and_mask(m, dtks, |d| d <= 4);
            // One pass over the wide skills column: bit 0 batik/sewing, bit 1 handicraft.
            // `skills has any of [batik, sewing] or (skills has handicraft and education >= sma)`
            let (either, handicraft) = if (bs | hc) >> 32 == 0 {
                // The tested skills sit in the low 32 bits (the usual case: dictionaries are
                // small). SSE2 has no 64-bit compare, so narrow the lanes first (a vectorised
                // shuffle) and test 32-bit lanes; a 64-bit test stays scalar.
                let mut low = [0u32; 64];
                for (o, &s) in low.iter_mut().zip(skills) {
                    *o = s as u32;
                }
                let (bs, hc) = (bs as u32, hc as u32);
                (mask(&low, |s| s & bs != 0), mask(&low, |s| s & hc != 0))
            } else {
                (mask(skills, |s| s & bs != 0), mask(skills, |s| s & hc != 0))
            };
            let mut sma = mask(edu, |e| e >= SMA);
            for ((x, &h), &b) in sma.iter_mut().zip(&handicraft).zip(&either) {
                *x = (*x & h) | b;
            }
            for (o, &x) in m.iter_mut().zip(&sma) {
                *o &= x;
            }
        });
        r3 & c.emp_v() & c.skills_v()
    }
}

/// The five rules as of a date, for a population.
pub fn rules(as_of: NaiveDate, p: &Population) -> (R1, R2, R3, R4, R5) {
    let r1 = R1::new(as_of);
    let r3 = R3::new(as_of);
    (r1, R2(r1), r3, R4(r3), R5::new(as_of, p))
}
