//! The compiled form of a checked rule and its evaluation with Kleene logic.
//!
//! Facts are resolved to [`FactId`]s, literal values to integers (dates as day numbers, enum
//! values as ordinals) and sets to bitmasks, so that one decision costs a walk over a small
//! arena. Reasons and missing inputs are collected in the same walk.

use chrono::{Datelike, Months, NaiveDate};

use super::ast::{CmpOp, Quant, RuleDef, Sp, Unit};
use super::facts::{fetch, region_eq, AsOf, Context, FVal, FactId, Facts};
use crate::disability::{Disability, DisabilitySet};

/// A number a fact is compared with: a literal, or the as-of date plus offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Num {
    Lit(i64),
    AsOf(Vec<(i64, Unit)>),
}

/// The day number of a date.
pub(crate) fn day(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

/// The date of a day number.
pub(crate) fn from_day(n: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(n).ok()?)
}

/// Applies date offsets; `None` if the result leaves the calendar.
pub(crate) fn shift(mut d: NaiveDate, offsets: &[(i64, Unit)]) -> Option<NaiveDate> {
    for &(n, unit) in offsets {
        d = match unit {
            Unit::Days => d.checked_add_signed(chrono::TimeDelta::try_days(n)?)?,
            Unit::Weeks => d.checked_add_signed(chrono::TimeDelta::try_weeks(n)?)?,
            Unit::Months | Unit::Years => {
                let m = if unit == Unit::Years {
                    n.checked_mul(12)?
                } else {
                    n
                };
                let months = Months::new(u32::try_from(m.unsigned_abs()).ok()?);
                if m >= 0 {
                    d.checked_add_months(months)?
                } else {
                    d.checked_sub_months(months)?
                }
            }
        };
    }
    Some(d)
}

impl Num {
    #[inline]
    pub fn value(&self, as_of: NaiveDate) -> Option<i64> {
        match self {
            Num::Lit(n) => Some(*n),
            Num::AsOf(off) if off.is_empty() => Some(day(as_of)),
            Num::AsOf(off) => shift(as_of, off).map(day),
        }
    }
}

/// A clause's test on its fact's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Test {
    Known,
    /// Ordered or equality comparison on integers, dates, enums and booleans.
    Cmp(CmpOp, Num),
    Between(Num, Num),
    /// Membership of an integer or enum ordinal.
    InNum(bool, Vec<i64>),
    /// Equality of text or region codes.
    EqStr(bool, String, bool),
    /// Membership of text or region codes: (negated, values, region).
    InStr(bool, Vec<String>, bool),
    HasDis(Quant, Vec<Disability>),
    HasText(Quant, Vec<String>),
    Empty(bool),
}

/// A default for an unknown fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Dflt {
    Num(i64),
    Str(String),
    Dis,
    List,
}

/// A leaf of a compiled rule.
#[derive(Debug, Clone)]
pub(crate) struct Clause {
    pub fact: FactId,
    pub default: Option<Dflt>,
    pub test: Test,
    /// Index of the rule definition it is written in.
    pub rule: usize,
    pub span: Sp,
    /// Canonical text of the clause.
    pub text: String,
    /// The bit of the input fact it derives from, for `missing`.
    pub input: u32,
    /// Its specialised evaluation form, if it has one.
    pub fast: super::fast::Fast,
}

/// The longest flattened child list [`Program::flatten`] builds: splicing stops there, so that
/// rules referencing each other many times cannot blow the lists up.
const MAX_FLAT: usize = 64;

impl Program {
    /// Splices nested junctions of the same kind into their parents' child lists
    /// (`(a and b) and c` is evaluated as `a and b and c`). Kleene `and` and `or` are
    /// associative, and [`Program::junction`] keeps the reasons of the same children either
    /// way (all of them when the junction is decided by all its children, only the first
    /// dominant child's otherwise, in source order), so decisions are unchanged; each
    /// splice saves a call and a junction's set-up. Children precede their parents in
    /// `nodes` (rule references point to earlier definitions), so one forward pass suffices.
    pub(crate) fn flatten(&mut self) {
        let mut flat: Vec<Box<[u32]>> = Vec::with_capacity(self.nodes.len());
        for node in &self.nodes {
            let (items, and) = match node {
                Node::And(items) => (items, true),
                Node::Or(items) => (items, false),
                _ => {
                    flat.push(Box::new([]));
                    continue;
                }
            };
            let mut out: Vec<u32> = Vec::with_capacity(items.len());
            for (i, &k) in items.iter().enumerate() {
                let same = matches!(
                    (self.nodes.get(k as usize), and),
                    (Some(Node::And(_)), true) | (Some(Node::Or(_)), false)
                );
                let spliced = flat.get(k as usize).filter(|_| same);
                match spliced {
                    Some(sub) if out.len() + sub.len() + (items.len() - i - 1) <= MAX_FLAT => {
                        out.extend_from_slice(sub);
                    }
                    _ => out.push(k),
                }
            }
            flat.push(out.into_boxed_slice());
        }
        self.flat = flat;
    }

    /// Resolves every clause's span against the source once, for rendering reasons.
    pub(crate) fn resolve_spans(&mut self) {
        let spans: Vec<Sp> = self.clauses.iter().map(|c| c.span).collect();
        self.spans = super::diagnostic::resolve_all(&self.source, &spans);
    }
}

#[derive(Debug, Clone)]
pub(crate) enum Node {
    And(Vec<u32>),
    Or(Vec<u32>),
    Not(u32),
    Const(bool),
    Leaf(u32),
}

/// A checked and compiled rule set (a single expression is a set of one unnamed rule).
#[derive(Debug)]
pub(crate) struct Program {
    pub source: String,
    pub defs: Vec<RuleDef>,
    /// Whether the source was a single expression rather than a rule file.
    pub expression: bool,
    pub nodes: Vec<Node>,
    pub clauses: Vec<Clause>,
    /// Root node of each definition.
    pub roots: Vec<u32>,
    /// Each definition's transitive dependencies (definition indices, topological order).
    pub deps: Vec<Vec<usize>>,
    /// Each clause's span, resolved.
    pub spans: Vec<crate::error::Span>,
    /// Per node, for `and` and `or`: the children with nested junctions of the same kind
    /// (including those reached through rule references) spliced in, for evaluation; see
    /// [`Program::flatten`]. Empty for other nodes.
    pub flat: Vec<Box<[u32]>>,
}

/// A Kleene truth value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tri {
    False,
    True,
    Unknown,
}

/// A fact's actual value as recorded in a reason: small and `Copy`, so that building a
/// reason costs no allocation; long text and text lists go to [`Sink::extra`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Actual {
    /// Unknown, or not applicable.
    None,
    Bool(bool),
    /// An integer, a day number or an enum ordinal, per the fact's type.
    Num(i64),
    Dis(DisabilitySet),
    /// Which of the clause's values the person's list holds (for lists of up to 64 values).
    Hits(u64),
    /// Text of up to 8 bytes, packed.
    Short(u8, [u8; 8]),
    /// Index into the decision's extra values.
    Extra(u32),
}

/// A deciding clause and the value it saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawReason {
    pub clause: u32,
    pub result: bool,
    /// [`Actual`], packed into scalars so that building a reason never writes an enum to a
    /// stack slot in parts and reads it whole (a store-forwarding stall per clause).
    kind: u8,
    len: u8,
    bits: u64,
}

impl RawReason {
    #[inline(always)]
    pub(crate) fn new(clause: u32, result: bool, actual: Actual) -> RawReason {
        let (kind, len, bits) = match actual {
            Actual::None => (0, 0, 0),
            Actual::Bool(b) => (1, 0, u64::from(b)),
            Actual::Num(n) => (2, 0, n as u64),
            Actual::Dis(d) => (3, 0, u64::from(d.bits())),
            Actual::Hits(h) => (4, 0, h),
            Actual::Short(l, b) => (5, l, u64::from_le_bytes(b)),
            Actual::Extra(i) => (6, 0, u64::from(i)),
        };
        RawReason {
            clause,
            result,
            kind,
            len,
            bits,
        }
    }

    /// The value the clause saw.
    pub(crate) fn actual(&self) -> Actual {
        match self.kind {
            1 => Actual::Bool(self.bits != 0),
            2 => Actual::Num(self.bits as i64),
            3 => Actual::Dis(DisabilitySet::from_bits_truncate(self.bits as u16)),
            4 => Actual::Hits(self.bits),
            5 => Actual::Short(self.len, self.bits.to_le_bytes()),
            6 => Actual::Extra(self.bits as u32),
            _ => Actual::None,
        }
    }
}

/// Where evaluation writes reasons.
#[derive(Debug, Default)]
pub(crate) struct Sink {
    pub reasons: Vec<RawReason>,
    pub extra: Vec<Vec<String>>,
}

#[inline]
fn text_actual(s: &str, extra: &mut Vec<Vec<String>>) -> Actual {
    let b = s.as_bytes();
    if b.len() <= 8 {
        let mut buf = [0u8; 8];
        for (d, s) in buf.iter_mut().zip(b) {
            *d = *s;
        }
        Actual::Short(b.len() as u8, buf)
    } else {
        extra.push(vec![s.to_owned()]);
        Actual::Extra((extra.len() - 1) as u32)
    }
}

fn list_actual(list: &[String], extra: &mut Vec<Vec<String>>) -> Actual {
    extra.push(list.to_vec());
    Actual::Extra((extra.len() - 1) as u32)
}

#[inline]
pub(crate) fn num_of(v: FVal<'_>) -> Option<i64> {
    match v {
        FVal::Int(i) => Some(i),
        FVal::Date(d) => Some(day(d)),
        FVal::Enum(e) => Some(i64::from(e)),
        FVal::Bool(b) => Some(i64::from(b)),
        _ => None,
    }
}

#[inline]
pub(crate) fn cmp(op: CmpOp, a: i64, b: i64) -> bool {
    match op {
        CmpOp::Eq => a == b,
        CmpOp::Ne => a != b,
        CmpOp::Lt => a < b,
        CmpOp::Le => a <= b,
        CmpOp::Gt => a > b,
        CmpOp::Ge => a >= b,
    }
}

fn text_eq(a: &str, b: &str, region: bool) -> bool {
    if region {
        region_eq(a, b)
    } else {
        // byte by byte: the texts compared are short codes (`"35"`), for which a call of
        // `memcmp` costs more than the comparison
        a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
    }
}

fn list_test(q: Quant, n: usize, hit: impl Fn(usize) -> bool) -> bool {
    match q {
        Quant::One | Quant::Any => (0..n).any(&hit),
        Quant::All => (0..n).all(&hit),
        Quant::None => !(0..n).any(&hit),
    }
}

pub(crate) struct Env<'a> {
    pub facts: &'a Facts,
    pub ctx: &'a Context,
    pub as_of: NaiveDate,
    pub at: AsOf,
}

impl Program {
    /// Evaluates one clause: its truth value and the value it saw.
    #[inline(always)]
    pub(crate) fn clause(
        &self,
        c: &Clause,
        env: &Env<'_>,
        extra: &mut Vec<Vec<String>>,
    ) -> (Tri, Actual) {
        let empty: &[String] = &[];
        let v = match fetch(c.fact, env.facts, env.ctx, &env.at) {
            Some(v) => Some(v),
            None => match &c.default {
                None => None,
                Some(Dflt::Num(n)) => Some(FVal::Int(*n)),
                Some(Dflt::Str(s)) => Some(FVal::Str(s)),
                Some(Dflt::Dis) => Some(FVal::Dis(DisabilitySet::EMPTY)),
                Some(Dflt::List) => Some(FVal::List(empty)),
            },
        };
        if let Test::Known = c.test {
            return (
                if v.is_some() { Tri::True } else { Tri::False },
                Actual::Bool(v.is_some()),
            );
        }
        let Some(v) = v else {
            return (Tri::Unknown, Actual::None);
        };
        let tri = |b: bool| if b { Tri::True } else { Tri::False };
        match (&c.test, v) {
            (Test::Cmp(op, Num::Lit(b)), FVal::Int(a)) => (tri(cmp(*op, a, *b)), Actual::Num(a)),
            (Test::Between(Num::Lit(l), Num::Lit(h)), FVal::Int(a)) => {
                (tri(*l <= a && a <= *h), Actual::Num(a))
            }
            (Test::Cmp(op, n), v) => match (num_of(v), n.value(env.as_of)) {
                (Some(a), Some(b)) => (tri(cmp(*op, a, b)), Actual::Num(a)),
                _ => (Tri::Unknown, Actual::None),
            },
            (Test::Between(lo, hi), v) => {
                match (num_of(v), lo.value(env.as_of), hi.value(env.as_of)) {
                    (Some(a), Some(l), Some(h)) => (tri(l <= a && a <= h), Actual::Num(a)),
                    _ => (Tri::Unknown, Actual::None),
                }
            }
            (Test::InNum(neg, set), v) => match num_of(v) {
                Some(a) => (tri(set.contains(&a) != *neg), Actual::Num(a)),
                None => (Tri::Unknown, Actual::None),
            },
            (Test::EqStr(neg, s, region), FVal::Str(a)) => {
                (tri(text_eq(a, s, *region) != *neg), text_actual(a, extra))
            }
            (Test::InStr(neg, set, region), FVal::Str(a)) => (
                tri(set.iter().any(|s| text_eq(a, s, *region)) != *neg),
                text_actual(a, extra),
            ),
            (Test::HasDis(q, items), FVal::Dis(set)) => {
                let r = match q {
                    Quant::One | Quant::Any => items.iter().any(|d| set.has(*d)),
                    Quant::All => items.iter().all(|d| set.has(*d)),
                    Quant::None => !items.iter().any(|d| set.has(*d)),
                };
                (tri(r), Actual::Dis(set))
            }
            (Test::HasText(q, items), FVal::List(list)) => {
                let hit = |it: &String| list.iter().any(|l| l == it);
                if items.len() <= 64 {
                    // one pass: which of the clause's values the person has
                    let mut m = 0u64;
                    for (i, it) in items.iter().enumerate() {
                        if hit(it) {
                            m |= 1 << i;
                        }
                    }
                    let all = if items.len() == 64 {
                        u64::MAX
                    } else {
                        (1u64 << items.len()) - 1
                    };
                    let r = match q {
                        Quant::One | Quant::Any => m != 0,
                        Quant::All => m == all,
                        Quant::None => m == 0,
                    };
                    (tri(r), Actual::Hits(m))
                } else {
                    let r = list_test(*q, items.len(), |i| items.get(i).is_some_and(hit));
                    (tri(r), list_actual(list, extra))
                }
            }
            (Test::Empty(neg), FVal::Dis(set)) => (tri(set.is_empty() != *neg), Actual::Dis(set)),
            (Test::Empty(neg), FVal::List(list)) => {
                (tri(list.is_empty() != *neg), list_actual(list, extra))
            }
            _ => (Tri::Unknown, Actual::None),
        }
    }

    /// Evaluates node `n`: its value, the missing inputs if unknown, and pushes the reasons of
    /// a known value to `out` (dropping those of sub-trees that did not decide).
    pub(crate) fn eval(&self, n: u32, env: &Env<'_>, out: &mut Sink) -> (Tri, u32) {
        self.eval_in::<true>(n, env, out)
    }

    /// The children of junction `n` to evaluate: flattened (`FLAT`) or as written.
    #[inline(always)]
    fn children<'p, const FLAT: bool>(&'p self, n: u32, kids: &'p [u32]) -> &'p [u32] {
        match self.flat.get(n as usize) {
            Some(f) if FLAT => f,
            _ => kids,
        }
    }

    /// [`Program::eval`] over the flattened junctions (`FLAT`) or the nodes as written (for
    /// the tests that show both agree).
    fn eval_in<const FLAT: bool>(&self, n: u32, env: &Env<'_>, out: &mut Sink) -> (Tri, u32) {
        match self.nodes.get(n as usize) {
            Some(Node::Leaf(c)) => self.leaf(*c, env, out),
            Some(Node::And(kids)) => {
                self.junction::<FLAT>(self.children::<FLAT>(n, kids), Tri::False, env, out)
            }
            Some(Node::Or(kids)) => {
                self.junction::<FLAT>(self.children::<FLAT>(n, kids), Tri::True, env, out)
            }
            Some(Node::Not(c)) => {
                let (t, m) = self.eval_in::<FLAT>(*c, env, out);
                let t = match t {
                    Tri::True => Tri::False,
                    Tri::False => Tri::True,
                    Tri::Unknown => Tri::Unknown,
                };
                (t, m)
            }
            Some(Node::Const(b)) => (if *b { Tri::True } else { Tri::False }, 0),
            None => (Tri::Unknown, 0),
        }
    }

    /// Evaluates clause `c` and records its reason if it is known: the clause's fast form
    /// (see [`super::fast`]) when it has one, else the generic evaluator.
    #[inline(never)]
    fn leaf(&self, c: u32, env: &Env<'_>, out: &mut Sink) -> (Tri, u32) {
        use super::fast::Fast;
        let Some(clause) = self.clauses.get(c as usize) else {
            return (Tri::Unknown, 0);
        };
        match &clause.fast {
            Fast::Num(get, test) => match (get.0)(env) {
                Some(a) => {
                    let r = test.holds(a);
                    out.reasons.push(RawReason::new(c, r, Actual::Num(a)));
                    (if r { Tri::True } else { Tri::False }, 0)
                }
                None => (Tri::Unknown, clause.input),
            },
            Fast::Dis(test) => match env.facts.disabilities {
                Some(set) => {
                    let r = test.holds(set.bits());
                    out.reasons.push(RawReason::new(c, r, Actual::Dis(set)));
                    (if r { Tri::True } else { Tri::False }, 0)
                }
                None => (Tri::Unknown, clause.input),
            },
            Fast::Known => {
                let k = fetch(clause.fact, env.facts, env.ctx, &env.at).is_some();
                out.reasons.push(RawReason::new(c, k, Actual::Bool(k)));
                (if k { Tri::True } else { Tri::False }, 0)
            }
            Fast::Str(get, test) => match (get.0)(env) {
                Some(a) => {
                    let hit = test.values.iter().any(|s| text_eq(a, s, test.region));
                    let r = hit != test.negated;
                    let actual = text_actual(a, &mut out.extra);
                    out.reasons.push(RawReason::new(c, r, actual));
                    (if r { Tri::True } else { Tri::False }, 0)
                }
                None => (Tri::Unknown, clause.input),
            },
            Fast::List(get, test) => match (get.0)(env) {
                Some(list) => {
                    let (r, m) = test.hits(list);
                    out.reasons.push(RawReason::new(c, r, Actual::Hits(m)));
                    (if r { Tri::True } else { Tri::False }, 0)
                }
                None => (Tri::Unknown, clause.input),
            },
            Fast::Generic => self.leaf_generic(c, clause, env, out),
        }
    }

    /// [`Program::leaf`] through the generic evaluator.
    #[inline(never)]
    fn leaf_generic(&self, c: u32, clause: &Clause, env: &Env<'_>, out: &mut Sink) -> (Tri, u32) {
        let (t, actual) = self.clause(clause, env, &mut out.extra);
        match t {
            Tri::Unknown => (t, clause.input),
            _ => {
                out.reasons.push(RawReason::new(c, t == Tri::True, actual));
                (t, 0)
            }
        }
    }

    #[cfg(test)]
    pub(crate) fn eval_nested_for_tests(
        &self,
        n: u32,
        env: &Env<'_>,
        out: &mut Sink,
    ) -> (Tri, u32) {
        self.eval_in::<false>(n, env, out)
    }

    #[cfg(test)]
    pub(crate) fn leaf_for_tests(&self, c: u32, env: &Env<'_>, out: &mut Sink) -> (Tri, u32) {
        self.leaf(c, env, out)
    }

    #[cfg(test)]
    pub(crate) fn leaf_generic_for_tests(
        &self,
        c: u32,
        env: &Env<'_>,
        out: &mut Sink,
    ) -> (Tri, u32) {
        match self.clauses.get(c as usize) {
            Some(clause) => self.leaf_generic(c, clause, env, out),
            None => (Tri::Unknown, 0),
        }
    }

    /// `and` (dominant = false) or `or` (dominant = true) in Kleene logic.
    fn junction<const FLAT: bool>(
        &self,
        items: &[u32],
        dominant: Tri,
        env: &Env<'_>,
        out: &mut Sink,
    ) -> (Tri, u32) {
        let mark = out.reasons.len();
        let mut missing = 0u32;
        let mut unknown = false;
        for &c in items {
            let before = out.reasons.len();
            // leaves directly: most children are clauses, and a call of the recursive `eval`
            // (a large frame) per clause cost a fifth of a decision's instructions
            let (t, m) = match self.nodes.get(c as usize) {
                Some(Node::Leaf(l)) => match self.clauses.get(*l as usize) {
                    // the most common clause, inline
                    Some(Clause {
                        fast: super::fast::Fast::Num(get, test),
                        input,
                        ..
                    }) => match (get.0)(env) {
                        Some(a) => {
                            let r = test.holds(a);
                            out.reasons.push(RawReason::new(*l, r, Actual::Num(a)));
                            (if r { Tri::True } else { Tri::False }, 0)
                        }
                        None => (Tri::Unknown, *input),
                    },
                    _ => self.leaf(*l, env, out),
                },
                _ => self.eval_in::<FLAT>(c, env, out),
            };
            if t == dominant {
                // the first dominant child decides alone
                out.reasons.drain(mark..before);
                return (t, 0);
            }
            if t == Tri::Unknown {
                out.reasons.truncate(before);
                unknown = true;
                missing |= m;
            }
        }
        if unknown {
            out.reasons.truncate(mark);
            (Tri::Unknown, missing)
        } else {
            let t = if dominant == Tri::True {
                Tri::False
            } else {
                Tri::True
            };
            (t, 0)
        }
    }
}
