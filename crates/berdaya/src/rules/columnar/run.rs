//! Running a [`BatchPlan`]: blocks of [`B`] words (2,048 rows) per op, so that an op is
//! dispatched once per block; each leaf kind is its own small kernel function, fully inlined
//! and vectorised by LLVM.

use super::kernel::{self, above, in_ranges, live, valid, Lane};
use super::{BatchPlan, ByteCol, Cols, DateCol, Kind, Leaf, Op, WordCol};
use crate::population::{Column, Population};
use crate::rules::ast::Quant;
use crate::rules::eval::{Env, Sink, Tri};
use crate::rules::facts;
use crate::rules::Facts;

/// Words per block.
pub(super) const B: usize = 32;
type Blk = [u64; B];
const ZERO: Blk = [0; B];

/// Per-thread scratch: a block of (known, true) per op, and the top-down masks of one word.
struct Scratch {
    kn: Vec<Blk>,
    tr: Vec<Blk>,
    down: Vec<u64>,
}

impl BatchPlan {
    /// Evaluates words `first..first + known.len()`; `reason` and `missing` start at row
    /// `first * 64`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn range(
        &self,
        cols: &Cols<'_>,
        first: usize,
        known: &mut [u64],
        truth: &mut [u64],
        reason: &mut [u32],
        missing: &mut [u32],
        full: bool,
    ) {
        let n = self.ops.len();
        let mut s = Scratch {
            kn: vec![ZERO; n],
            tr: vec![ZERO; n],
            down: vec![0; n],
        };
        let root = n.saturating_sub(1);
        let len = cols.pop.len();
        for (bi, (kb, tb)) in known.chunks_mut(B).zip(truth.chunks_mut(B)).enumerate() {
            let w0 = first + bi * B;
            let mut lv = ZERO;
            for (j, l) in lv.iter_mut().enumerate().take(kb.len()) {
                *l = live(len, w0 + j);
            }
            let ops = if full { &self.ops } else { &self.fast };
            self.block(ops, cols, w0, kb.len(), &lv, &mut s);
            let rk = s.kn.get(root).copied().unwrap_or(ZERO);
            let rt = s.tr.get(root).copied().unwrap_or(ZERO);
            for (j, (k, t)) in kb.iter_mut().zip(tb.iter_mut()).enumerate() {
                let l = lv.get(j).copied().unwrap_or(0);
                *k = rk.get(j).copied().unwrap_or(0) & l;
                *t = rt.get(j).copied().unwrap_or(0) & *k;
                if full {
                    let base = (bi * B + j) * 64;
                    let end = (base + 64).min(reason.len());
                    let (Some(r), Some(m)) =
                        (reason.get_mut(base..end), missing.get_mut(base..end))
                    else {
                        continue;
                    };
                    self.details(&mut s, root, j, *k, l, r, m);
                }
            }
        }
    }

    /// Evaluates every op for the block of `n` words starting at `w0`, each writing its
    /// (known, true) block in place in the scratch (children come before their parent). Every
    /// op leaves `true` within `known` and both within the live rows `lv`.
    fn block(&self, ops: &[Op], cols: &Cols<'_>, w0: usize, n: usize, lv: &Blk, s: &mut Scratch) {
        for (i, op) in ops.iter().enumerate() {
            let (kprev, krest) = s.kn.split_at_mut(i);
            let (tprev, trest) = s.tr.split_at_mut(i);
            let (Some(k), Some(t)) = (krest.first_mut(), trest.first_mut()) else {
                continue;
            };
            let get = |c: usize| (kprev.get(c).unwrap_or(&ZERO), tprev.get(c).unwrap_or(&ZERO));
            match op {
                Op::Const(b) => {
                    *k = *lv;
                    *t = if *b { *lv } else { ZERO };
                }
                Op::Leaf(l) => self.leaf(l, cols, w0, n, lv, k, t),
                Op::Not(c) => {
                    let (ck, ct) = get(*c);
                    for (((k, t), ck), ct) in k.iter_mut().zip(t.iter_mut()).zip(ck).zip(ct) {
                        *k = *ck;
                        *t = ck & !ct;
                    }
                }
                Op::And(kids) => {
                    // t: all true; k: any false, then known = all true or any false
                    *t = *lv;
                    *k = ZERO;
                    for &c in kids {
                        let (ck, ct) = get(c);
                        for (((a, f), ck), ct) in t.iter_mut().zip(k.iter_mut()).zip(ck).zip(ct) {
                            *a &= ct;
                            *f |= ck & !ct;
                        }
                    }
                    for (k, t) in k.iter_mut().zip(t.iter()) {
                        *k |= t;
                    }
                }
                Op::Or(kids) => {
                    // t: any true; k: all false, then known = any true or all false
                    *t = ZERO;
                    *k = *lv;
                    for &c in kids {
                        let (ck, ct) = get(c);
                        for (((a, f), ck), ct) in t.iter_mut().zip(k.iter_mut()).zip(ck).zip(ct) {
                            *a |= ct;
                            *f &= ck & !ct;
                        }
                    }
                    for (k, t) in k.iter_mut().zip(t.iter()) {
                        *k |= t;
                    }
                }
            }
        }
    }

    /// Reason codes and missing inputs of word `j` of the block, from the op bitmaps,
    /// top-down.
    #[allow(clippy::too_many_arguments)]
    fn details(
        &self,
        s: &mut Scratch,
        root: usize,
        j: usize,
        known: u64,
        lv: u64,
        reason: &mut [u32],
        missing: &mut [u32],
    ) {
        // Which clauses decided each row: rows where each op's reasons are part of the root's.
        s.down.iter_mut().for_each(|d| *d = 0);
        if let Some(d) = s.down.get_mut(root) {
            *d = known;
        }
        for i in (0..self.ops.len()).rev() {
            let x = s.down.get(i).copied().unwrap_or(0);
            if x == 0 {
                continue;
            }
            let (kn, tr) = at(s, i, j);
            match self.ops.get(i) {
                Some(Op::And(kids)) => {
                    let mut seen = 0u64;
                    for &c in kids {
                        let (k, tc) = at(s, c, j);
                        let f = k & !tc;
                        let first = f & !seen;
                        seen |= f;
                        or_at(&mut s.down, c, x & (tr | first));
                    }
                }
                Some(Op::Or(kids)) => {
                    let f = kn & !tr;
                    let mut seen = 0u64;
                    for &c in kids {
                        let (_, tc) = at(s, c, j);
                        let first = tc & !seen;
                        seen |= tc;
                        or_at(&mut s.down, c, x & (f | first));
                    }
                }
                Some(Op::Not(c)) => or_at(&mut s.down, *c, x),
                _ => {}
            }
        }
        let mut assigned = 0u64;
        for &op in &self.by_rank {
            if assigned == known {
                break;
            }
            let Some(Op::Leaf(l)) = self.ops.get(op) else {
                continue;
            };
            let mut newly = s.down.get(op).copied().unwrap_or(0) & !assigned;
            assigned |= newly;
            while newly != 0 {
                let b = newly.trailing_zeros() as usize;
                if let Some(r) = reason.get_mut(b) {
                    *r = l.rank;
                }
                newly &= newly - 1;
            }
        }
        // Missing inputs: unknown rows of the root, down through unknown children.
        let unknown = lv & !known;
        if unknown == 0 {
            return;
        }
        s.down.iter_mut().for_each(|d| *d = 0);
        if let Some(d) = s.down.get_mut(root) {
            *d = unknown;
        }
        for i in (0..self.ops.len()).rev() {
            let y = s.down.get(i).copied().unwrap_or(0);
            if y == 0 {
                continue;
            }
            match self.ops.get(i) {
                Some(Op::And(kids) | Op::Or(kids)) => {
                    for &c in kids {
                        let (k, _) = at(s, c, j);
                        or_at(&mut s.down, c, y & !k);
                    }
                }
                Some(Op::Not(c)) => or_at(&mut s.down, *c, y),
                Some(Op::Leaf(l)) => {
                    let mut b = y;
                    while b != 0 {
                        let r = b.trailing_zeros() as usize;
                        if let Some(m) = missing.get_mut(r) {
                            *m |= l.input;
                        }
                        b &= b - 1;
                    }
                }
                _ => {}
            }
        }
    }

    /// One leaf over a block of `n` words: (known, true), written to `k` and `t`.
    #[allow(clippy::too_many_arguments)]
    fn leaf(
        &self,
        l: &Leaf,
        cols: &Cols<'_>,
        w0: usize,
        n: usize,
        lv: &Blk,
        k: &mut Blk,
        t: &mut Blk,
    ) {
        let pop = cols.pop;
        let kt = l.known_test;
        match &l.kind {
            Kind::Const(Tri::True) => {
                (*k, *t) = (*lv, *lv);
                return;
            }
            Kind::Const(Tri::False) => {
                (*k, *t) = (*lv, ZERO);
                return;
            }
            Kind::Const(Tri::Unknown) => {
                (*k, *t) = (ZERO, ZERO);
                return;
            }
            Kind::Fallback => {
                for (j, ((k, t), l2)) in k.iter_mut().zip(t.iter_mut()).zip(lv).enumerate() {
                    (*k, *t) = self.fallback(l, pop, w0 + j, *l2);
                }
                return;
            }
            Kind::Date {
                col,
                ranges,
                future_after,
            } => {
                let c = match col {
                    DateCol::Birth => pop.birth_date(),
                    DateCol::Since => pop.residence_since(),
                    DateCol::Discharged => pop.discharged_on(),
                };
                date_block(c, w0, n, ranges, *future_after, kt, k, t)
            }
            Kind::Byte(col, ranges) => {
                let c = match col {
                    ByteCol::Sex => pop.sex(),
                    ByteCol::Care => pop.care_status(),
                    ByteCol::Education => pop.education(),
                    ByteCol::Decile => pop.dtks_decile(),
                    ByteCol::Employment => pop.employment(),
                    ByteCol::NikProvince => pop.nik_province(),
                };
                range_block(c, w0, n, ranges, kt, k, t)
            }
            Kind::Word(col, ranges) => match col {
                WordCol::Regency => range_block(pop.regency(), w0, n, ranges, kt, k, t),
                WordCol::Province => {
                    derived_block(pop.regency(), w0, n, ranges, kt, k, t, |v| v / 100)
                }
                WordCol::NikRegency => derived_block(pop.nik(), w0, n, ranges, kt, k, t, |v| {
                    u16::try_from(v / 1_000_000_000_000).unwrap_or(u16::MAX)
                }),
                WordCol::DisabilityCount => {
                    derived_block(pop.disabilities(), w0, n, ranges, kt, k, t, |v| {
                        (v & 0x1ff).count_ones() as u16
                    })
                }
                WordCol::Multiplicity => {
                    derived_block(pop.disabilities(), w0, n, ranges, kt, k, t, |v| {
                        ((v & 0x1ff).count_ones() as u16).min(3)
                    })
                }
            },
            Kind::Upt(ranges) => range_block(pop.upt(), w0, n, ranges, kt, k, t),
            Kind::Dis(q, masks) => dis_block(pop.disabilities(), w0, n, *q, masks, k, t),
            Kind::DisEmpty => {
                let c = pop.disabilities();
                if kt {
                    scan(c, w0, n, k, t, |_| (!0, 0));
                } else {
                    scan(c, w0, n, k, t, |xs| {
                        (!0, kernel::bits(xs, |d| d & 0x1ff == 0))
                    });
                }
            }
            Kind::Skills(q, mask, all_held) => {
                skills_block(pop.skills(), w0, n, *q, *mask, *all_held, k, t)
            }
            Kind::SkillsEmpty => {
                let c = pop.skills();
                if kt {
                    scan(c, w0, n, k, t, |_| (!0, 0));
                } else {
                    scan(c, w0, n, k, t, |xs| (!0, skills_none(xs)));
                }
            }
        };
        finish_block(l, k, t, lv);
    }

    /// A clause the kernels cannot do: the single-person evaluator, row by row.
    fn fallback(&self, l: &Leaf, pop: &Population, w: usize, lv: u64) -> (u64, u64) {
        let p = &*self.rule.program;
        let Some(c) = p.clauses.get(l.clause as usize) else {
            return (0, 0);
        };
        let (mut k, mut t) = (0u64, 0u64);
        let mut b = lv;
        while b != 0 {
            let j = b.trailing_zeros() as usize;
            b &= b - 1;
            let Some(row) = pop.row(w * 64 + j) else {
                continue;
            };
            let facts = Facts::from(&row);
            let env = Env {
                facts: &facts,
                ctx: &self.context,
                as_of: self.as_of,
                at: facts::AsOf::new(self.as_of),
            };
            let mut sink = Sink::default();
            match p.clause(c, &env, &mut sink.extra).0 {
                Tri::True => {
                    k |= 1 << j;
                    t |= 1 << j;
                }
                Tri::False => k |= 1 << j,
                Tri::Unknown => {}
            }
        }
        (k, t)
    }
}

/// Runs `f` over the `n` words of a block starting at word `w0` of column `c`: `k[j]` gets
/// the validity word and-ed with `f`'s first result, `t[j]` its second. A whole block reads
/// the column in place (one bounds check a block, not a word); words past `n` are zero.
#[inline(always)]
fn scan<T: Copy + Default>(
    c: Column<'_, T>,
    w0: usize,
    n: usize,
    k: &mut Blk,
    t: &mut Blk,
    mut f: impl FnMut(&[T; 64]) -> (u64, u64),
) {
    let (vals, bits) = (c.values(), c.validity());
    let owned;
    // `f` is called from one place only, so LLVM inlines it into this loop (a closure called
    // from two loops stays a call a word, its constants reloaded each time).
    let (vs, vd) = match vals.get(w0 * 64..(w0 + n) * 64).zip(bits.get(w0..w0 + n)) {
        Some(whole) => whole,
        None => {
            owned = tail(vals, bits, w0, n);
            (owned.0.as_slice(), owned.1.as_slice())
        }
    };
    for ((k, t), (xs, v)) in k
        .iter_mut()
        .zip(t.iter_mut())
        .zip(vs.chunks_exact(64).zip(vd))
    {
        let Ok(xs) = <&[T; 64]>::try_from(xs) else {
            continue;
        };
        let (km, tb) = f(xs);
        *k = v & km;
        *t = tb;
    }
    for (k, t) in k.iter_mut().zip(t.iter_mut()).skip(n) {
        (*k, *t) = (0, 0);
    }
}

/// The last, partial words of a column copied zero-padded (values and validity).
#[cold]
fn tail<T: Copy + Default>(vals: &[T], bits: &[u64], w0: usize, n: usize) -> (Vec<T>, Vec<u64>) {
    let mut v = vec![T::default(); n * 64];
    for (o, x) in v.iter_mut().zip(vals.iter().skip(w0 * 64)) {
        *o = *x;
    }
    let b = (w0..w0 + n).map(|w| valid(bits, w)).collect();
    (v, b)
}

/// Rows of a word known beyond the validity bits (a trait rather than a closure, so that it
/// inlines into every loop it is used in).
trait KnownMask<T>: Copy {
    fn mask(self, xs: &[T; 64]) -> u64;
}

/// Every stored value is a known fact.
#[derive(Clone, Copy)]
struct Stored;

impl<T> KnownMask<T> for Stored {
    #[inline(always)]
    fn mask(self, _: &[T; 64]) -> u64 {
        !0
    }
}

/// `age`: a birth date after this day number makes the fact unknown.
#[derive(Clone, Copy)]
struct BornBy(i32);

impl KnownMask<i32> for BornBy {
    #[inline(always)]
    fn mask(self, xs: &[i32; 64]) -> u64 {
        !above(xs, self.0)
    }
}

/// Values against ranges, the one-range case (the usual one) with its constants hoisted.
#[inline(always)]
fn ranged<T: Lane>(
    c: Column<'_, T>,
    w0: usize,
    n: usize,
    ranges: &[(T, T)],
    known: impl KnownMask<T>,
    k: &mut Blk,
    t: &mut Blk,
) {
    match ranges {
        [] => scan(c, w0, n, k, t, |xs| (known.mask(xs), 0)),
        [(lo, hi)] => {
            let (lo, span) = (*lo, hi.off(*lo));
            scan(c, w0, n, k, t, |xs| {
                (known.mask(xs), kernel::bits(xs, |v| v.off(lo) <= span))
            })
        }
        _ => scan(c, w0, n, k, t, |xs| (known.mask(xs), in_ranges(xs, ranges))),
    }
}

/// Dates against ranges; with `future_after` (age) a later date makes the fact unknown.
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn date_block(
    c: Column<'_, i32>,
    w0: usize,
    n: usize,
    ranges: &[(i32, i32)],
    future_after: Option<i32>,
    known_test: bool,
    k: &mut Blk,
    t: &mut Blk,
) {
    let ranges = if known_test { &[][..] } else { ranges };
    match future_after {
        Some(a) => ranged(c, w0, n, ranges, BornBy(a), k, t),
        None => ranged(c, w0, n, ranges, Stored, k, t),
    }
}

/// Stored values against ranges.
#[inline(never)]
fn range_block<T: Lane>(
    c: Column<'_, T>,
    w0: usize,
    n: usize,
    ranges: &[(T, T)],
    known_test: bool,
    k: &mut Blk,
    t: &mut Blk,
) {
    let ranges = if known_test { &[][..] } else { ranges };
    ranged(c, w0, n, ranges, Stored, k, t);
}

/// Values derived from a column (`f`) against ranges.
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn derived_block<S: Copy + Default>(
    c: Column<'_, S>,
    w0: usize,
    n: usize,
    ranges: &[(u16, u16)],
    known_test: bool,
    k: &mut Blk,
    t: &mut Blk,
    f: impl Fn(S) -> u16,
) {
    if known_test {
        return scan(c, w0, n, k, t, |_| (!0, 0));
    }
    scan(c, w0, n, k, t, |xs| {
        let mut d = [0u16; 64];
        for (o, v) in d.iter_mut().zip(xs) {
            *o = f(*v);
        }
        (!0, in_ranges(&d, ranges))
    });
}

/// `disabilities has ...`.
#[inline(never)]
fn dis_block(
    c: Column<'_, u16>,
    w0: usize,
    n: usize,
    q: Quant,
    masks: &[u16],
    k: &mut Blk,
    t: &mut Blk,
) {
    let first = masks.first().copied().unwrap_or(0);
    match q {
        Quant::All => scan(c, w0, n, k, t, |xs| {
            (!0, kernel::all_of(xs, masks, |d, m| d & m != 0))
        }),
        Quant::None => scan(c, w0, n, k, t, |xs| {
            (!0, kernel::bits(xs, |d| d & first == 0))
        }),
        Quant::One | Quant::Any => scan(c, w0, n, k, t, |xs| {
            (!0, kernel::bits(xs, |d| d & first != 0))
        }),
    }
}

/// `skills has ...` over dictionary bits.
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn skills_block(
    c: Column<'_, u64>,
    w0: usize,
    n: usize,
    q: Quant,
    m: u64,
    all_held: bool,
    k: &mut Blk,
    t: &mut Blk,
) {
    match q {
        Quant::One | Quant::Any => scan(c, w0, n, k, t, |xs| (!0, skill_any(xs, m))),
        Quant::None => scan(c, w0, n, k, t, |xs| (!0, !skill_any(xs, m))),
        Quant::All if !all_held => scan(c, w0, n, k, t, |_| (!0, 0)),
        Quant::All => scan(c, w0, n, k, t, |xs| (!0, kernel::bits(xs, |s| s & m == m))),
    }
}

/// Rows with no skill.
#[inline(always)]
fn skills_none(xs: &[u64; 64]) -> u64 {
    kernel::bits(xs, |s| s == 0)
}

/// Known and true of a leaf over a block, from the fact's known bits and the raw test bits
/// in `k` and `t`.
#[inline(always)]
fn finish_block(l: &Leaf, k: &mut Blk, t: &mut Blk, lv: &Blk) {
    let each = |k: &mut Blk, t: &mut Blk, f: &dyn Fn(u64, u64, u64) -> (u64, u64)| {
        for ((k, t), lv) in k.iter_mut().zip(t.iter_mut()).zip(lv) {
            (*k, *t) = f(*k & lv, *t, *lv);
        }
    };
    match (l.known_test, l.default, l.neg) {
        (true, Some(_), _) => (*k, *t) = (*lv, *lv),
        (true, None, _) => {
            for ((k, t), lv) in k.iter_mut().zip(t.iter_mut()).zip(lv) {
                (*k, *t) = (*lv, *k & lv);
            }
        }
        (false, None, false) => {
            for ((k, t), lv) in k.iter_mut().zip(t.iter_mut()).zip(lv) {
                *k &= lv;
                *t &= *k;
            }
        }
        (false, None, true) => {
            for ((k, t), lv) in k.iter_mut().zip(t.iter_mut()).zip(lv) {
                *k &= lv;
                *t = !*t & *k;
            }
        }
        (false, Some(_), _) => each(k, t, &|rk, rt, lv| finish(l, rk, rt, lv)),
    }
}

/// Known and true of a leaf from the fact's known bits and the raw test bits.
#[inline(always)]
fn finish(l: &Leaf, rk: u64, rt: u64, lv: u64) -> (u64, u64) {
    if l.known_test {
        return match l.default {
            Some(_) => (lv, lv),
            None => (lv, rk),
        };
    }
    let t = (if l.neg { !rt } else { rt }) & rk;
    match l.default {
        Some(d) => (lv, t | if d { lv & !rk } else { 0 }),
        None => (rk, t),
    }
}

#[inline(always)]
fn skill_any(xs: &[u64; 64], m: u64) -> u64 {
    if m >> 32 == 0 {
        // SSE2 has no 64-bit compare: test the low halves when the bits live there.
        let mut low = [0u32; 64];
        for (o, &s) in low.iter_mut().zip(xs) {
            *o = s as u32;
        }
        let m = m as u32;
        kernel::bits(&low, |s| s & m != 0)
    } else {
        kernel::bits(xs, |s| s & m != 0)
    }
}

#[inline(always)]
fn at(s: &Scratch, i: usize, j: usize) -> (u64, u64) {
    (
        s.kn.get(i).and_then(|b| b.get(j)).copied().unwrap_or(0),
        s.tr.get(i).and_then(|b| b.get(j)).copied().unwrap_or(0),
    )
}

#[inline(always)]
fn or_at(v: &mut [u64], i: usize, x: u64) {
    if let Some(d) = v.get_mut(i) {
        *d |= x;
    }
}
