//! Columnar batch evaluation: a checked rule compiled to a plan over a [`Population`]'s
//! columns, evaluated 64 rows a word with Kleene logic on pairs of bitmaps (*known*, *true*).
//!
//! Compiling a rule for a population and an as-of date ([`Rule::plan_batch`]) folds every
//! constant it can:
//! - `age` bounds become birth-date bounds for the as-of date (a 29 February birthday is
//!   reached on 1 March; a birth date after the as-of date gives an unknown age);
//! - `days_in_care` and `days_since_discharge` bounds become `residence_since` and
//!   `discharged_on` bounds; dates relative to the as-of date are resolved;
//! - comparisons, `between` and `in` become inclusive ranges tested with one unsigned compare;
//! - disability and skill lists become bitmasks (skills over the population's dictionary);
//!   region codes and `upt_id` become numbers and dictionary indices;
//! - facts of the commitment (`agreement_in_force`, `partner_kind`) and facts a population
//!   does not hold (`ppks`, `certificates`) are the same for every row and become constants;
//! - rule references are inlined (a rule used twice is evaluated once per word).
//!
//! `and`, `or` and `not` are word-wise Kleene operations. The per-row details are computed
//! from the same bitmaps in a second, top-down pass: which clauses decided each row (the first
//! in source order becomes the row's reason code) and which inputs an undetermined row misses.
//! The result equals [`Rule::evaluate`] row by row (outcome, first reason, missing), which the
//! differential tests in `tests/columnar.rs` check on random rules and populations.
//!
//! A clause the kernels cannot evaluate (none today: only a fact/test pairing the checker
//! rejects would reach it) falls back to single-person evaluation of that clause, row by row,
//! inside the same plan; [`BatchPlan::fallback_clauses`] counts them.
//!
//! Rows are split into ranges of words over threads when the `parallel` feature (rayon) is on;
//! results do not depend on the number of threads.

mod kernel;
mod run;

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

use super::ast::{CmpOp, Quant};
use super::eval::{Clause, Env, Node, Program, Sink, Test, Tri};
use super::facts::{self, FactId, INPUTS};
use super::{Context, Decision, Facts, Outcome, Rule};
use crate::disability::Disability;
use crate::population::{day_number, Population};

/// `NaiveDate::num_days_from_ce` of 1970-01-01 (day numbers of a population count from it).
const EPOCH_CE: i64 = 719_163;

/// No reason (an undetermined row, or a row decided by constants alone).
pub const NO_REASON: u32 = u32::MAX;

/// A date column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateCol {
    Birth,
    Since,
    Discharged,
}

/// A one-byte column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ByteCol {
    Sex,
    Care,
    Education,
    Decile,
    Employment,
    NikProvince,
}

/// A 16-bit value, stored or derived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordCol {
    Regency,
    /// Regency code / 100.
    Province,
    /// The NIK's first four digits.
    NikRegency,
    DisabilityCount,
    Multiplicity,
}

/// How a leaf computes its raw bits: whether the fact is known and whether the test holds.
#[derive(Debug, Clone)]
enum Kind {
    /// The same for every row (commitment facts, facts no population holds, thresholds outside
    /// the calendar).
    Const(Tri),
    Date {
        col: DateCol,
        ranges: Vec<(i32, i32)>,
        /// `age`: a birth date after this day number makes the fact unknown.
        future_after: Option<i32>,
    },
    Byte(ByteCol, Vec<(u8, u8)>),
    Word(WordCol, Vec<(u16, u16)>),
    Upt(Vec<(u32, u32)>),
    /// `disabilities has ...`: for `any`/`none` one mask, for `all` one per item.
    Dis(Quant, Vec<u16>),
    DisEmpty,
    /// `skills has ...` over dictionary bits; `all_held` false when an item is in no row's
    /// dictionary (then `all` never holds).
    Skills(Quant, u64, bool),
    SkillsEmpty,
    /// Evaluated row by row with the single-person evaluator.
    Fallback,
}

#[derive(Debug, Clone)]
struct Leaf {
    kind: Kind,
    /// The test's result is negated (`!=`, `not in`, `is not empty`).
    neg: bool,
    /// `known(fact)`.
    known_test: bool,
    /// The test's result on the default value, when the clause has a default.
    default: Option<bool>,
    clause: u32,
    rank: u32,
    input: u32,
}

#[derive(Debug, Clone)]
enum Op {
    Leaf(Leaf),
    And(Vec<usize>),
    Or(Vec<usize>),
    Not(usize),
    Const(bool),
}

/// A rule compiled for one population's dictionaries, a context and an as-of date. Build it
/// with [`Rule::plan_batch`]; evaluate with [`BatchPlan::evaluate`].
#[derive(Debug, Clone)]
pub struct BatchPlan {
    rule: Rule,
    context: Context,
    as_of: NaiveDate,
    ops: Vec<Op>,
    /// Leaves (op indices) in reason order.
    by_rank: Vec<usize>,
    /// Reason texts by code.
    reasons: Arc<[String]>,
    skills: Vec<String>,
    upts: Vec<String>,
    threads: usize,
    fallbacks: usize,
    /// The ops run when only outcomes are wanted ([`Detail::Outcomes`]): `ops` with patterns
    /// whose reasons differ but whose outcome is simpler rewritten (see [`outcome_ops`]).
    fast: Vec<Op>,
}

/// How much a batch evaluation computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Outcome bitmaps and counts only.
    Outcomes,
    /// Also the reason code and missing inputs of every row.
    Full,
}

/// The result of a columnar evaluation: outcome bitmaps, and per row (with [`Detail::Full`])
/// the first deciding clause as a code and the missing inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchEvaluation {
    len: usize,
    known: Vec<u64>,
    truth: Vec<u64>,
    reason: Vec<u32>,
    missing: Vec<u32>,
    reasons: Arc<[String]>,
}

impl BatchEvaluation {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The outcome of row `row` (`Undetermined` past the end).
    pub fn outcome(&self, row: usize) -> Outcome {
        let bit = |v: &[u64]| v.get(row / 64).is_some_and(|w| w >> (row % 64) & 1 == 1);
        match (bit(&self.known), bit(&self.truth)) {
            (true, true) => Outcome::Eligible,
            (true, false) => Outcome::Ineligible,
            _ => Outcome::Undetermined,
        }
    }

    /// Bitmap (64 rows a word) of the rows whose outcome is known.
    pub fn known_bits(&self) -> &[u64] {
        &self.known
    }

    /// Bitmap of the eligible rows (a subset of [`known_bits`](Self::known_bits)).
    pub fn eligible_bits(&self) -> &[u64] {
        &self.truth
    }

    /// Counts by outcome.
    pub fn counts(&self) -> crate::batch::OutcomeCounts {
        let known: usize = self.known.iter().map(|w| w.count_ones() as usize).sum();
        let eligible: usize = self.truth.iter().map(|w| w.count_ones() as usize).sum();
        crate::batch::OutcomeCounts {
            eligible,
            ineligible: known - eligible,
            undetermined: self.len - known,
        }
    }

    /// The eligible rows, in order.
    pub fn eligible_rows(&self) -> Vec<usize> {
        let mut out = Vec::new();
        for (w, &word) in self.truth.iter().enumerate() {
            let mut b = word;
            while b != 0 {
                out.push(w * 64 + b.trailing_zeros() as usize);
                b &= b - 1;
            }
        }
        out
    }

    /// The reason code of row `row`: the first deciding clause in source order, an index into
    /// [`reason_texts`](Self::reason_texts); `None` for an undetermined row, a row decided by
    /// constants alone, or when details were not computed.
    pub fn reason_code(&self, row: usize) -> Option<u32> {
        self.reason.get(row).copied().filter(|c| *c != NO_REASON)
    }

    /// Every row's reason code ([`NO_REASON`] for none); empty without [`Detail::Full`].
    pub fn reason_codes(&self) -> &[u32] {
        &self.reason
    }

    /// The canonical text of each clause, by reason code (source order).
    pub fn reason_texts(&self) -> &[String] {
        &self.reasons
    }

    /// The reason of row `row` as clause text.
    pub fn reason(&self, row: usize) -> Option<&str> {
        self.reason_code(row)
            .and_then(|c| self.reasons.get(c as usize))
            .map(String::as_str)
    }

    /// Row `row`'s missing inputs as a bitmask: bit `i` set when
    /// [`missing_input_names`](Self::missing_input_names)`()[i]` would help settle it (0
    /// unless undetermined, or when details were not computed).
    pub fn missing_mask(&self, row: usize) -> u32 {
        self.missing.get(row).copied().unwrap_or(0)
    }

    /// The input fact of each bit of [`missing_mask`](Self::missing_mask).
    pub fn missing_input_names() -> &'static [&'static str] {
        INPUTS
    }

    /// The input facts that would settle row `row` (sorted; empty unless undetermined).
    pub fn missing(&self, row: usize) -> Vec<&'static str> {
        let m = self.missing.get(row).copied().unwrap_or(0);
        INPUTS
            .iter()
            .enumerate()
            .filter(|(i, _)| m >> i & 1 == 1)
            .map(|(_, n)| *n)
            .collect()
    }
}

/// Clamps inclusive `i64` ranges to a lane type, dropping empty ones.
fn clamp<T: TryFrom<i64> + Copy>(ranges: &[(i64, i64)], min: i64, max: i64) -> Vec<(T, T)> {
    ranges
        .iter()
        .filter_map(|&(lo, hi)| {
            let (lo, hi) = (lo.max(min), hi.min(max));
            if lo > hi {
                return None;
            }
            Some((T::try_from(lo).ok()?, T::try_from(hi).ok()?))
        })
        .collect()
}

/// The latest birth day number of someone at least `years` old on `as_of`; `None` when that is
/// before the calendar (nobody is that old).
fn latest_birth(as_of: NaiveDate, years: i64) -> Option<i64> {
    let y = i64::from(as_of.year()).checked_sub(years)?;
    let y = i32::try_from(y).ok()?;
    let d = as_of
        .with_year(y)
        .or_else(|| NaiveDate::from_ymd_opt(y, 2, 28))?;
    Some(i64::from(day_number(d)))
}

/// Birth-date ranges for age ranges.
fn age_ranges(ranges: &[(i64, i64)], as_of: NaiveDate) -> Vec<(i64, i64)> {
    ranges
        .iter()
        .filter_map(|&(a, b)| {
            let a = a.max(0);
            if a > b {
                return None;
            }
            let hi = latest_birth(as_of, a)?;
            let lo = match b.checked_add(1) {
                Some(b1) => latest_birth(as_of, b1).map_or(i64::MIN, |d| d + 1),
                None => i64::MIN,
            };
            Some((lo, hi))
        })
        .collect()
}

/// The fact's values (on its own scale) for which a numeric test holds, before negation.
fn num_ranges(test: &Test, as_of: NaiveDate) -> Option<(Vec<(i64, i64)>, bool)> {
    Some(match test {
        Test::Cmp(op, n) => {
            let b = n.value(as_of)?;
            let r = match op {
                CmpOp::Eq | CmpOp::Ne => Some((b, b)),
                CmpOp::Lt => b.checked_sub(1).map(|h| (i64::MIN, h)),
                CmpOp::Le => Some((i64::MIN, b)),
                CmpOp::Gt => b.checked_add(1).map(|l| (l, i64::MAX)),
                CmpOp::Ge => Some((b, i64::MAX)),
            };
            (r.into_iter().collect(), *op == CmpOp::Ne)
        }
        Test::Between(l, h) => (vec![(l.value(as_of)?, h.value(as_of)?)], false),
        Test::InNum(neg, v) => (v.iter().map(|x| (*x, *x)).collect(), *neg),
        _ => return None,
    })
}

/// Region-code literals as numbers of `digits` digits (dots and surrounding blanks ignored, as
/// the single-person evaluator compares them); others can never match.
fn region_values(test: &Test, digits: usize) -> Option<(Vec<(i64, i64)>, bool)> {
    let parse = |s: &str| -> Option<i64> {
        let t: String = s.trim().chars().filter(|c| *c != '.').collect();
        (t.len() == digits && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    let (neg, vals): (bool, Vec<&String>) = match test {
        Test::EqStr(neg, s, true) => (*neg, vec![s]),
        Test::InStr(neg, v, true) => (*neg, v.iter().collect()),
        _ => return None,
    };
    Some((
        vals.into_iter()
            .filter_map(|s| parse(s))
            .map(|n| (n, n))
            .collect(),
        neg,
    ))
}

struct Planner<'a> {
    program: &'a Program,
    as_of: NaiveDate,
    context: &'a Context,
    skills: &'a [String],
    upts: &'a [String],
}

impl Planner<'_> {
    /// The clause on a person with no facts: its value where the fact is unknown (a default,
    /// `known`, or a constant fact).
    fn on_nothing(&self, c: &Clause) -> Tri {
        let facts = Facts::default();
        let env = Env {
            facts: &facts,
            ctx: self.context,
            as_of: self.as_of,
            at: facts::AsOf::new(self.as_of),
        };
        let mut sink = Sink::default();
        self.program.clause(c, &env, &mut sink.extra).0
    }

    fn kind(&self, c: &Clause) -> (Kind, bool) {
        let as_of = self.as_of;
        let asof_dn = i64::from(day_number(as_of));
        let unknown = (Kind::Const(Tri::Unknown), false);
        let fallback = (Kind::Fallback, false);
        match c.fact {
            FactId::AgreementInForce
            | FactId::PartnerKind
            | FactId::Ppks
            | FactId::Certificates => (Kind::Const(self.on_nothing(c)), false),
            FactId::Age
            | FactId::BirthDate
            | FactId::ResidenceSince
            | FactId::DaysInCare
            | FactId::DischargedOn
            | FactId::DaysSinceDischarge => {
                if matches!(c.test, Test::Known) {
                    let col = match c.fact {
                        FactId::Age | FactId::BirthDate => DateCol::Birth,
                        FactId::ResidenceSince | FactId::DaysInCare => DateCol::Since,
                        _ => DateCol::Discharged,
                    };
                    let future = (c.fact == FactId::Age).then_some(asof_dn as i32);
                    return (
                        Kind::Date {
                            col,
                            ranges: Vec::new(),
                            future_after: future,
                        },
                        false,
                    );
                }
                let Some((ranges, neg)) = num_ranges(&c.test, as_of) else {
                    return match c.test {
                        Test::Cmp(..) | Test::Between(..) => unknown,
                        _ => fallback,
                    };
                };
                let (col, ranges, future) = match c.fact {
                    FactId::Age => (
                        DateCol::Birth,
                        age_ranges(&ranges, as_of),
                        Some(asof_dn as i32),
                    ),
                    FactId::BirthDate | FactId::ResidenceSince | FactId::DischargedOn => {
                        let col = match c.fact {
                            FactId::BirthDate => DateCol::Birth,
                            FactId::ResidenceSince => DateCol::Since,
                            _ => DateCol::Discharged,
                        };
                        let r = ranges
                            .iter()
                            .map(|&(l, h)| (l.saturating_sub(EPOCH_CE), h.saturating_sub(EPOCH_CE)))
                            .collect();
                        (col, r, None)
                    }
                    _ => {
                        // days = as_of - date
                        let col = if c.fact == FactId::DaysInCare {
                            DateCol::Since
                        } else {
                            DateCol::Discharged
                        };
                        let r = ranges
                            .iter()
                            .map(|&(l, h)| (asof_dn.saturating_sub(h), asof_dn.saturating_sub(l)))
                            .collect();
                        (col, r, None)
                    }
                };
                let ranges = clamp(&ranges, i64::from(i32::MIN), i64::from(i32::MAX));
                (
                    Kind::Date {
                        col,
                        ranges,
                        future_after: future,
                    },
                    neg,
                )
            }
            FactId::Sex
            | FactId::CareStatus
            | FactId::Education
            | FactId::DtksDecile
            | FactId::Employment => {
                let col = match c.fact {
                    FactId::Sex => ByteCol::Sex,
                    FactId::CareStatus => ByteCol::Care,
                    FactId::Education => ByteCol::Education,
                    FactId::DtksDecile => ByteCol::Decile,
                    _ => ByteCol::Employment,
                };
                if matches!(c.test, Test::Known) {
                    return (Kind::Byte(col, Vec::new()), false);
                }
                match num_ranges(&c.test, as_of) {
                    Some((r, neg)) => (Kind::Byte(col, clamp(&r, 0, 255)), neg),
                    None => fallback,
                }
            }
            FactId::DisabilityCount | FactId::Multiplicity => {
                let col = if c.fact == FactId::DisabilityCount {
                    WordCol::DisabilityCount
                } else {
                    WordCol::Multiplicity
                };
                if matches!(c.test, Test::Known) {
                    return (Kind::Word(col, Vec::new()), false);
                }
                match num_ranges(&c.test, as_of) {
                    Some((r, neg)) => (Kind::Word(col, clamp(&r, 0, 65535)), neg),
                    None => fallback,
                }
            }
            FactId::NikProvince => {
                if matches!(c.test, Test::Known) {
                    return (Kind::Byte(ByteCol::NikProvince, Vec::new()), false);
                }
                match region_values(&c.test, 2) {
                    Some((r, neg)) => (Kind::Byte(ByteCol::NikProvince, clamp(&r, 0, 255)), neg),
                    None => fallback,
                }
            }
            FactId::NikRegency | FactId::DomicileRegency | FactId::DomicileProvince => {
                let (col, digits) = match c.fact {
                    FactId::NikRegency => (WordCol::NikRegency, 4),
                    FactId::DomicileRegency => (WordCol::Regency, 4),
                    _ => (WordCol::Province, 2),
                };
                if matches!(c.test, Test::Known) {
                    return (Kind::Word(col, Vec::new()), false);
                }
                match region_values(&c.test, digits) {
                    Some((r, neg)) => (Kind::Word(col, clamp(&r, 0, 65535)), neg),
                    None => fallback,
                }
            }
            FactId::UptId => {
                let (neg, vals): (bool, Vec<&String>) = match &c.test {
                    Test::Known => return (Kind::Upt(Vec::new()), false),
                    Test::EqStr(neg, s, false) => (*neg, vec![s]),
                    Test::InStr(neg, v, false) => (*neg, v.iter().collect()),
                    _ => return fallback,
                };
                let r = vals
                    .into_iter()
                    .filter_map(|s| self.upts.iter().position(|u| u == s))
                    .filter_map(|i| u32::try_from(i).ok())
                    .map(|i| (i, i))
                    .collect();
                (Kind::Upt(r), neg)
            }
            FactId::Disabilities => match &c.test {
                Test::Known => (Kind::DisEmpty, false),
                Test::Empty(neg) => (Kind::DisEmpty, *neg),
                Test::HasDis(q, items) => {
                    let masks: Vec<u16> =
                        items.iter().map(|d| Disability::match_mask(*d)).collect();
                    match q {
                        Quant::All => (Kind::Dis(Quant::All, masks), false),
                        q => (
                            Kind::Dis(*q, vec![masks.iter().fold(0, |a, m| a | m)]),
                            false,
                        ),
                    }
                }
                _ => fallback,
            },
            FactId::Skills => match &c.test {
                Test::Known => (Kind::SkillsEmpty, false),
                Test::Empty(neg) => (Kind::SkillsEmpty, *neg),
                Test::HasText(q, items) => {
                    let mut mask = 0u64;
                    let mut all_held = true;
                    for it in items {
                        match self.skills.iter().position(|s| s == it) {
                            Some(i) if i < 64 => mask |= 1 << i,
                            _ => all_held = false,
                        }
                    }
                    (Kind::Skills(*q, mask, all_held), false)
                }
                _ => fallback,
            },
        }
    }
}

impl Rule {
    /// Compiles this rule to a columnar plan for `population`'s dictionaries (skills,
    /// facilities), `context` and `as_of`. See [`BatchPlan`].
    ///
    /// ```
    /// use berdaya::population::synth;
    /// use berdaya::rules::{Context, Rule};
    /// use chrono::NaiveDate;
    ///
    /// let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
    /// let pop = synth::generate(2_000, 1, as_of);
    /// let rule = Rule::parse("age between 18 and 45 and disabilities is not empty")?;
    /// let plan = rule.plan_batch(&pop, &Context::default(), as_of);
    /// let result = plan.evaluate(&pop);
    /// for row in [0, 1, 2] {
    ///     let single = rule.decide_row(&pop, row, &Context::default(), as_of).unwrap();
    ///     assert_eq!(result.outcome(row), single.outcome());
    /// }
    /// # Ok::<(), berdaya::RuleError>(())
    /// ```
    pub fn plan_batch(
        &self,
        population: &Population,
        context: &Context,
        as_of: NaiveDate,
    ) -> BatchPlan {
        let p = &*self.program;
        let planner = Planner {
            program: p,
            as_of,
            context,
            skills: population.skill_dictionary(),
            upts: population.upt_dictionary(),
        };
        let root = p.roots.get(self.def).copied().unwrap_or(u32::MAX) as usize;
        // Reachable nodes; node indices are a topological order (children first).
        let mut reach = vec![false; p.nodes.len()];
        let mut stack = vec![root];
        while let Some(n) = stack.pop() {
            let Some(r) = reach.get_mut(n) else { continue };
            if *r {
                continue;
            }
            *r = true;
            match p.nodes.get(n) {
                Some(Node::And(k) | Node::Or(k)) => stack.extend(k.iter().map(|&c| c as usize)),
                Some(Node::Not(c)) => stack.push(*c as usize),
                _ => {}
            }
        }
        let mut slot = vec![usize::MAX; p.nodes.len()];
        let mut ops = Vec::new();
        let mut leaves: Vec<(usize, u32)> = Vec::new();
        let map = |slot: &[usize], k: &[u32]| -> Vec<usize> {
            k.iter()
                .map(|&c| slot.get(c as usize).copied().unwrap_or(usize::MAX))
                .collect()
        };
        let mut fallbacks = 0;
        for (n, node) in p.nodes.iter().enumerate() {
            if !reach.get(n).copied().unwrap_or(false) {
                continue;
            }
            let op = match node {
                Node::And(k) => Op::And(map(&slot, k)),
                Node::Or(k) => Op::Or(map(&slot, k)),
                Node::Not(c) => Op::Not(slot.get(*c as usize).copied().unwrap_or(usize::MAX)),
                Node::Const(b) => Op::Const(*b),
                Node::Leaf(ci) => match p.clauses.get(*ci as usize) {
                    Some(c) => {
                        let (kind, neg) = planner.kind(c);
                        if matches!(kind, Kind::Fallback) {
                            fallbacks += 1;
                        }
                        let default = match (&kind, &c.default) {
                            (Kind::Const(_), _) | (_, None) => None,
                            (_, Some(_)) => match planner.on_nothing(c) {
                                Tri::True => Some(true),
                                Tri::False => Some(false),
                                // a threshold outside the calendar: unknown for everybody
                                Tri::Unknown => None,
                            },
                        };
                        let kind = match (&c.default, default) {
                            (Some(_), None) if !matches!(kind, Kind::Const(_)) => {
                                Kind::Const(Tri::Unknown)
                            }
                            _ => kind,
                        };
                        leaves.push((ops.len(), *ci));
                        Op::Leaf(Leaf {
                            kind,
                            neg,
                            known_test: matches!(c.test, Test::Known),
                            default,
                            clause: *ci,
                            rank: 0,
                            input: c.input,
                        })
                    }
                    None => Op::Const(false),
                },
            };
            if let Some(s) = slot.get_mut(n) {
                *s = ops.len();
            }
            ops.push(op);
        }
        // Reason codes: distinct clauses in source order.
        let mut clauses: Vec<u32> = leaves.iter().map(|l| l.1).collect();
        clauses.sort_unstable();
        clauses.dedup();
        let key = |c: &u32| {
            p.clauses
                .get(*c as usize)
                .map(|c| (c.span.start, c.span.end))
        };
        clauses.sort_by_key(key);
        let mut by_rank = Vec::with_capacity(leaves.len());
        for &(op, ci) in &leaves {
            let rank = clauses.iter().position(|c| *c == ci).unwrap_or(0) as u32;
            if let Some(Op::Leaf(l)) = ops.get_mut(op) {
                l.rank = rank;
            }
            by_rank.push((rank, op));
        }
        by_rank.sort_unstable();
        let reasons: Arc<[String]> = clauses
            .iter()
            .map(|c| {
                p.clauses
                    .get(*c as usize)
                    .map_or_else(String::new, |c| c.text.clone())
            })
            .collect();
        let fast = outcome_ops(&ops, |c| p.clauses.get(c as usize).map(|c| c.fact));
        BatchPlan {
            fast,
            rule: self.clone(),
            context: context.clone(),
            as_of,
            ops,
            by_rank: by_rank.into_iter().map(|x| x.1).collect(),
            reasons,
            skills: population.skill_dictionary().to_vec(),
            upts: population.upt_dictionary().to_vec(),
            threads: 0,
            fallbacks,
        }
    }

    /// Decides for every row of `population` as of `as_of` with the columnar plan, computing
    /// the reason code and missing inputs of every row ([`Detail::Full`]).
    pub fn evaluate_columnar(
        &self,
        population: &Population,
        context: &Context,
        as_of: NaiveDate,
    ) -> BatchEvaluation {
        self.plan_batch(population, context, as_of)
            .evaluate(population)
    }

    /// The full [`Decision`] for one row of a population (single-person evaluation), for
    /// explaining chosen rows of a batch; `None` past the end.
    pub fn decide_row(
        &self,
        population: &Population,
        row: usize,
        context: &Context,
        as_of: NaiveDate,
    ) -> Option<Decision> {
        let r = population.row(row)?;
        Some(self.evaluate(&Facts::from(&r), context, as_of))
    }
}

/// `ops` for outcomes only: `X or not known(f)` (either order), with `X` a kernel test of the
/// same fact `f` without default, has the outcome of `X` with `default(true)` — true where `f`
/// is unknown, `X` where it is known, never unknown — so the `or` becomes that one leaf (the
/// `known` leaf, the `not` and the separate `X` become constants when nothing else uses
/// them). Its reason would differ (`known(f)` instead of `X`), hence outcomes only.
fn outcome_ops(ops: &[Op], fact: impl Fn(u32) -> Option<FactId>) -> Vec<Op> {
    let mut uses = vec![0u32; ops.len()];
    for op in ops {
        match op {
            Op::And(kids) | Op::Or(kids) => {
                for &c in kids {
                    if let Some(u) = uses.get_mut(c) {
                        *u += 1;
                    }
                }
            }
            Op::Not(c) => {
                if let Some(u) = uses.get_mut(*c) {
                    *u += 1;
                }
            }
            _ => {}
        }
    }
    let plain = |l: &Leaf| {
        !l.known_test && l.default.is_none() && !matches!(l.kind, Kind::Const(_) | Kind::Fallback)
    };
    let mut fast = ops.to_vec();
    for (i, op) in ops.iter().enumerate() {
        let Op::Or(kids) = op else { continue };
        let [a, b] = kids.as_slice() else { continue };
        for (x, nt) in [(*a, *b), (*b, *a)] {
            let (Some(Op::Leaf(xl)), Some(Op::Not(kn))) = (ops.get(x), ops.get(nt)) else {
                continue;
            };
            let Some(Op::Leaf(kl)) = ops.get(*kn) else {
                continue;
            };
            let same = fact(xl.clause).is_some() && fact(xl.clause) == fact(kl.clause);
            if !(plain(xl) && kl.known_test && kl.default.is_none() && same) {
                continue;
            }
            if let Some(o) = fast.get_mut(i) {
                *o = Op::Leaf(Leaf {
                    default: Some(true),
                    ..xl.clone()
                });
            }
            let single = |c: usize| uses.get(c).copied() == Some(1);
            for c in [x, nt] {
                if single(c) {
                    if let Some(o) = fast.get_mut(c) {
                        *o = Op::Const(false);
                    }
                }
            }
            if single(nt) && single(*kn) {
                if let Some(o) = fast.get_mut(*kn) {
                    *o = Op::Const(false);
                }
            }
            break;
        }
    }
    fast
}

/// Column views the kernels read.
struct Cols<'a> {
    pop: &'a Population,
}

impl BatchPlan {
    /// Uses `n` threads (0 = all available; only with the `parallel` feature, otherwise one).
    pub fn with_threads(mut self, n: usize) -> Self {
        self.threads = n;
        self
    }

    /// How many clauses are evaluated row by row rather than by a kernel.
    pub fn fallback_clauses(&self) -> usize {
        self.fallbacks
    }

    /// The rule planned.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }

    /// Evaluates every row with every detail ([`Detail::Full`]).
    pub fn evaluate(&self, population: &Population) -> BatchEvaluation {
        self.evaluate_with(population, Detail::Full)
    }

    /// Evaluates every row. A population whose dictionaries differ from the one planned for
    /// is planned again first.
    pub fn evaluate_with(&self, population: &Population, detail: Detail) -> BatchEvaluation {
        if population.skill_dictionary() != self.skills.as_slice()
            || population.upt_dictionary() != self.upts.as_slice()
        {
            let plan = self
                .rule
                .plan_batch(population, &self.context, self.as_of)
                .with_threads(self.threads);
            return plan.evaluate_with(population, detail);
        }
        let len = population.len();
        let words = len.div_ceil(64);
        let full = detail == Detail::Full;
        let mut out = BatchEvaluation {
            len,
            known: vec![0; words],
            truth: vec![0; words],
            reason: if full {
                vec![NO_REASON; len]
            } else {
                Vec::new()
            },
            missing: if full { vec![0; len] } else { Vec::new() },
            reasons: Arc::clone(&self.reasons),
        };
        let cols = Cols { pop: population };
        self.run(&cols, &mut out, full);
        out
    }

    #[cfg(not(feature = "parallel"))]
    fn run(&self, cols: &Cols<'_>, out: &mut BatchEvaluation, full: bool) {
        self.range(
            cols,
            0,
            &mut out.known,
            &mut out.truth,
            &mut out.reason,
            &mut out.missing,
            full,
        );
    }

    #[cfg(feature = "parallel")]
    fn run(&self, cols: &Cols<'_>, out: &mut BatchEvaluation, full: bool) {
        let words = out.known.len();
        let threads = match self.threads {
            0 => rayon::current_num_threads(),
            n => n,
        };
        if threads <= 1 || words < 64 {
            self.range(
                cols,
                0,
                &mut out.known,
                &mut out.truth,
                &mut out.reason,
                &mut out.missing,
                full,
            );
            return;
        }
        if self.threads == 0 {
            self.split(cols, out, full);
        } else {
            match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
                Ok(pool) => pool.install(|| self.split(cols, out, full)),
                Err(_) => self.split(cols, out, full),
            }
        }
    }

    /// Ranges of 64 words (4,096 rows) in parallel: small enough to balance, large enough to
    /// amortise.
    #[cfg(feature = "parallel")]
    fn split(&self, cols: &Cols<'_>, out: &mut BatchEvaluation, full: bool) {
        use rayon::prelude::*;
        const STEP: usize = 64;
        let rows = STEP * 64;
        let kn = out.known.par_chunks_mut(STEP);
        let tr = out.truth.par_chunks_mut(STEP);
        if full {
            kn.zip(tr)
                .zip(out.reason.par_chunks_mut(rows))
                .zip(out.missing.par_chunks_mut(rows))
                .enumerate()
                .for_each(|(i, (((k, t), r), m))| self.range(cols, i * STEP, k, t, r, m, true));
        } else {
            kn.zip(tr)
                .enumerate()
                .for_each(|(i, (k, t))| self.range(cols, i * STEP, k, t, &mut [], &mut [], false));
        }
    }
}
