//! Counterfactual dates: from which day a rule would decide `eligible` if nothing but time
//! changed, and which unknown facts would settle an undetermined decision.
//!
//! Time moves four kinds of facts: `age` (a step at each birthday), `days_in_care` and
//! `days_since_discharge` (one more every day), `agreement_in_force` (the periods of a
//! [`ContextTimeline`]), and every date compared with `as_of ± offsets`. Each clause is
//! turned into two sets of day intervals over a bounded [`HORIZON_YEARS`] horizon — the days
//! where it is true and those where it is false — from its *breakpoints* (the birthdays,
//! admission + n days, period bounds and threshold crossings where its value can change),
//! evaluating it once per piece with the same evaluator as [`Rule::evaluate`]. The
//! connectives then combine the sets with Kleene logic: `and` intersects the true sets and
//! unites the false ones, `or` the reverse, `not` swaps them. Nothing is scanned day by day,
//! so the cost is in the number of clauses and breakpoints, not of days.
//!
//! ```
//! use berdaya::rules::{Counterfactual, ContextTimeline, Facts, Rule};
//! use chrono::NaiveDate;
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let rule = Rule::parse("age between 17 and 35 and days_in_care >= 180")?;
//! let person = Facts {
//!     birth_date: Some(d(2004, 2, 29)),
//!     residence_since: Some(d(2020, 6, 1)),
//!     ..Facts::default()
//! };
//! // 180 days in care on 2020-11-28; 17 years old on 2021-03-01 (no 29 February in 2021)
//! assert_eq!(
//!     rule.eligible_from(&person, &ContextTimeline::default(), d(2020, 9, 9)),
//!     Counterfactual::EligibleFrom { date: d(2021, 3, 1) },
//! );
//! # Ok::<(), berdaya::rules::RuleError>(())
//! ```

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::eval::{day, from_day, shift, Env, Num, Program, Sink, Test, Tri};
use super::facts::{self, AsOf, Context, FactId, Facts};
use super::{Outcome, Rule};
use crate::agreement::{Agreement, AgreementStatus};
use crate::partner::Partner;

/// How far ahead a counterfactual looks: 150 years from the as-of date (longer than any
/// age limit can matter). A rule that becomes eligible only later is reported as
/// [`Counterfactual::Never`].
pub const HORIZON_YEARS: u32 = 150;

/// A span of days, `from` inclusive to `until` exclusive; `None` is open on that side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct DateSpan {
    /// First day; absent means since ever.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null", optional))]
    pub from: Option<NaiveDate>,
    /// The day after the last; absent means open-ended.
    #[serde(default)]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null", optional))]
    pub until: Option<NaiveDate>,
}

impl DateSpan {
    /// Whether `d` lies in the span.
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= d) && self.until.is_none_or(|u| d < u)
    }
}

/// Whether the agreement is in force: unknown, the same on every day, or in force exactly on
/// the days of some spans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum InForce {
    /// `null`: unknown; `true`/`false`: on every day.
    Always(Option<bool>),
    /// In force on the days of these spans, not in force on any other day.
    During(Vec<DateSpan>),
}

impl Default for InForce {
    fn default() -> Self {
        InForce::Always(None)
    }
}

/// The facts of a commitment over time, for counterfactual dates: a [`Context`] whose
/// `agreement_in_force` may be a list of spans. A plain context (JSON) is a valid timeline,
/// constant in time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ContextTimeline {
    /// `true`/`false`/`null`, or the spans in which the agreement is in force.
    pub agreement_in_force: InForce,
    /// The partner's kind (constant in time).
    pub partner_kind: Option<String>,
}

impl From<Context> for ContextTimeline {
    fn from(c: Context) -> Self {
        ContextTimeline {
            agreement_in_force: InForce::Always(c.agreement_in_force),
            partner_kind: c.partner_kind,
        }
    }
}

impl From<&Context> for ContextTimeline {
    fn from(c: &Context) -> Self {
        ContextTimeline::from(c.clone())
    }
}

impl ContextTimeline {
    /// The context on day `d`.
    pub fn on(&self, d: NaiveDate) -> Context {
        Context {
            agreement_in_force: match &self.agreement_in_force {
                InForce::Always(b) => *b,
                InForce::During(spans) => Some(spans.iter().any(|s| s.contains(d))),
            },
            partner_kind: self.partner_kind.clone(),
        }
    }

    /// The timeline of a commitment under `agreement` with `partner`: the days the agreement
    /// is in force as its recorded history and (amended) period say, as spans. Only what is
    /// recorded counts — a signed agreement whose period starts later comes into force then;
    /// a draft never does.
    pub fn for_agreement(agreement: &Agreement, partner: Option<&Partner>) -> ContextTimeline {
        // The status is a function of the events on or before the day and of the period in
        // force that day, so it can change only on an event day, a period's first day or
        // the day after a period's last.
        let mut cuts: Vec<NaiveDate> = Vec::new();
        let mut periods = vec![agreement.period_on(NaiveDate::MIN)];
        for e in agreement.history() {
            cuts.push(e.on);
            periods.push(agreement.period_on(e.on));
        }
        for p in periods {
            cuts.push(p.from());
            cuts.extend(p.until().succ_opt());
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut spans: Vec<DateSpan> = Vec::new();
        let mut open: Option<NaiveDate> = None;
        for c in &cuts {
            let on = agreement.status_on(*c) == AgreementStatus::InForce;
            match (on, open) {
                (true, None) => open = Some(*c),
                (false, Some(f)) => {
                    spans.push(DateSpan {
                        from: Some(f),
                        until: Some(*c),
                    });
                    open = None;
                }
                _ => {}
            }
        }
        if let Some(f) = open {
            spans.push(DateSpan {
                from: Some(f),
                until: None,
            });
        }
        ContextTimeline {
            agreement_in_force: InForce::During(spans),
            partner_kind: Context::for_agreement(agreement, partner, NaiveDate::MIN).partner_kind,
        }
    }

    /// The timeline of agreement `id` of `registry`, with the kind of its (first) partner
    /// party; `None` if the registry has no such agreement.
    pub fn in_registry(
        registry: &crate::registry::Registry,
        id: &crate::ids::AgreementId,
    ) -> Option<ContextTimeline> {
        let a = registry.agreement(id)?;
        let partner = a.parties().iter().find_map(|p| match &p.party {
            crate::agreement::PartyRef::Partner(id) => registry.partner(id),
            crate::agreement::PartyRef::Agency(_) => None,
        });
        Some(ContextTimeline::for_agreement(a, partner))
    }

    /// Days (day numbers) where the context can change.
    fn cuts(&self) -> Vec<i64> {
        match &self.agreement_in_force {
            InForce::Always(_) => Vec::new(),
            InForce::During(spans) => spans
                .iter()
                .flat_map(|s| [s.from, s.until])
                .flatten()
                .map(day)
                .collect(),
        }
    }
}

/// When a person would become eligible if nothing but time changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Counterfactual {
    /// Eligible on the as-of date already.
    EligibleNow,
    /// Not eligible on the as-of date, eligible from `date` (the earliest such day).
    EligibleFrom {
        /// The first day the rule decides `eligible`.
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        date: NaiveDate,
    },
    /// Not eligible on any day of the horizon (e.g. already too old, or a clause that does
    /// not depend on time fails).
    Never,
    /// Never eligible on the facts known, but undetermined on some day of the horizon: these
    /// input facts (of the first such day) could settle it.
    Unknown {
        /// Input facts, sorted.
        missing: Vec<String>,
    },
}

impl Counterfactual {
    /// The wire name of the case: `eligible_now`, `eligible_from`, `never` or `unknown`.
    pub fn status(&self) -> &'static str {
        match self {
            Counterfactual::EligibleNow => "eligible_now",
            Counterfactual::EligibleFrom { .. } => "eligible_from",
            Counterfactual::Never => "never",
            Counterfactual::Unknown { .. } => "unknown",
        }
    }

    /// The first eligible day: the as-of date for [`Counterfactual::EligibleNow`].
    pub fn date(&self, as_of: NaiveDate) -> Option<NaiveDate> {
        match self {
            Counterfactual::EligibleNow => Some(as_of),
            Counterfactual::EligibleFrom { date } => Some(*date),
            _ => None,
        }
    }
}

impl Counterfactual {
    /// The wire form, with the date resolved (the as-of date for `eligible_now`).
    pub fn report(&self, as_of: NaiveDate) -> CounterfactualReport {
        CounterfactualReport {
            status: self.status().to_owned(),
            date: self.date(as_of),
            missing: match self {
                Counterfactual::Unknown { missing } => missing.clone(),
                _ => Vec::new(),
            },
            version: None,
        }
    }
}

/// The wire form of a counterfactual, the same in every language: `status`, the first
/// eligible `date` (for `eligible_now` the as-of date), the `missing` facts of an `unknown`
/// one, and for a versioned rule the `version` deciding on that date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct CounterfactualReport {
    /// `eligible_now`, `eligible_from`, `never` or `unknown`.
    #[cfg_attr(
        feature = "wasm",
        tsify(type = "\"eligible_now\" | \"eligible_from\" | \"never\" | \"unknown\"")
    )]
    pub status: String,
    /// The first day it decides `eligible`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "string", optional))]
    pub date: Option<NaiveDate>,
    /// For `unknown`: the input facts that could settle it, sorted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub missing: Vec<String>,
    /// For a versioned rule: the version in force on `date`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub version: Option<super::RuleVersion>,
}

/// What knowing one missing fact could do to an undetermined decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct SettlingFact {
    /// The input fact, e.g. `birth_date`.
    pub fact: String,
    /// Some value of it would make the decision `eligible` (other unknowns staying unknown).
    pub could_make_eligible: bool,
    /// Some value of it would make the decision `ineligible`.
    pub could_make_ineligible: bool,
}

/// Sorted, disjoint, non-adjacent half-open day intervals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Days(Vec<(i64, i64)>);

impl Days {
    pub(crate) fn span(lo: i64, hi: i64) -> Days {
        if lo < hi {
            Days(vec![(lo, hi)])
        } else {
            Days::default()
        }
    }

    fn push(&mut self, lo: i64, hi: i64) {
        if lo >= hi {
            return;
        }
        if let Some(last) = self.0.last_mut() {
            if last.1 >= lo {
                last.1 = last.1.max(hi);
                return;
            }
        }
        self.0.push((lo, hi));
    }

    pub(crate) fn union(&self, o: &Days) -> Days {
        let mut all: Vec<(i64, i64)> = self.0.iter().chain(&o.0).copied().collect();
        all.sort_unstable();
        let mut out = Days::default();
        for (a, b) in all {
            out.push(a, b);
        }
        out
    }

    fn intersect(&self, o: &Days) -> Days {
        let (mut i, mut j) = (0, 0);
        let mut out = Days::default();
        while let (Some(&(a, b)), Some(&(c, d))) = (self.0.get(i), o.0.get(j)) {
            out.push(a.max(c), b.min(d));
            if b < d {
                i += 1;
            } else {
                j += 1;
            }
        }
        out
    }

    /// The days of `[lo, hi)` not in the set.
    fn complement(&self, lo: i64, hi: i64) -> Days {
        let mut out = Days::default();
        let mut at = lo;
        for &(a, b) in &self.0 {
            out.push(at, a.min(hi));
            at = at.max(b);
        }
        out.push(at, hi);
        out
    }

    fn first(&self) -> Option<i64> {
        self.0.first().map(|p| p.0)
    }

    fn contains(&self, d: i64) -> bool {
        self.0.iter().any(|&(a, b)| a <= d && d < b)
    }
}

/// The days a node is true and those it is false (the rest are unknown).
#[derive(Debug, Clone, Default)]
pub(crate) struct Truth {
    pub yes: Days,
    pub no: Days,
}

/// The horizon of a counterfactual from `as_of`: day numbers `[lo, hi)`.
pub(crate) fn horizon(as_of: NaiveDate) -> (i64, i64) {
    let end = as_of
        .checked_add_months(Months::new(HORIZON_YEARS * 12))
        .map_or(day(NaiveDate::MAX) + 1, day);
    (day(as_of), end)
}

/// The `k`-th birthday of someone born on `b`; a 29 February birthday falls on 1 March in
/// common years, as `age` counts it.
fn birthday(b: NaiveDate, k: i64) -> Option<NaiveDate> {
    use chrono::Datelike;
    let y = i32::try_from(i64::from(b.year()).checked_add(k)?).ok()?;
    NaiveDate::from_ymd_opt(y, b.month(), b.day()).or_else(|| NaiveDate::from_ymd_opt(y, 3, 1))
}

/// The integer thresholds of a test and the values next to them: the values of an integer
/// fact at which the test's result can change.
fn int_thresholds(t: &Test) -> Vec<i64> {
    let lits: Vec<i64> = match t {
        Test::Cmp(_, Num::Lit(k)) => vec![*k],
        Test::Between(Num::Lit(l), Num::Lit(h)) => vec![*l, *h],
        Test::InNum(_, v) => v.clone(),
        _ => Vec::new(),
    };
    lits.iter()
        .flat_map(|k| [*k, k.saturating_add(1)])
        .collect()
}

/// The first day in `[lo, hi)` where `pred` holds, for a `pred` false then true; `hi` if none.
fn first_where(lo: i64, hi: i64, pred: impl Fn(i64) -> bool) -> i64 {
    let (mut a, mut b) = (lo, hi);
    while a < b {
        let m = a + (b - a) / 2;
        if pred(m) {
            b = m;
        } else {
            a = m + 1;
        }
    }
    a
}

/// The days at which the value of clause `c` can change (besides `lo`).
fn breakpoints(
    p: &Program,
    c: u32,
    facts: &Facts,
    timeline: &ContextTimeline,
    lo: i64,
    hi: i64,
) -> Vec<i64> {
    let Some(clause) = p.clauses.get(c as usize) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    match clause.fact {
        FactId::Age => {
            if let Some(b) = facts.birth_date {
                out.push(day(b));
                for k in int_thresholds(&clause.test) {
                    out.extend(birthday(b, k.max(0)).map(day));
                }
            }
        }
        FactId::DaysInCare | FactId::DaysSinceDischarge => {
            let base = if clause.fact == FactId::DaysInCare {
                facts.residence_since
            } else {
                facts.discharged_on
            };
            if let Some(b) = base {
                for k in int_thresholds(&clause.test) {
                    out.push(day(b).saturating_add(k));
                }
            }
        }
        FactId::AgreementInForce => out.extend(timeline.cuts()),
        _ => {}
    }
    // a date compared with `as_of ± offsets`: the threshold grows with the as-of date, so it
    // crosses the fact's value at most twice (reaching it, passing it)
    let nums: Vec<&Num> = match &clause.test {
        Test::Cmp(_, n) => vec![n],
        Test::Between(l, h) => vec![l, h],
        _ => Vec::new(),
    };
    let value = match clause.fact {
        FactId::BirthDate => facts.birth_date,
        FactId::ResidenceSince => facts.residence_since,
        FactId::DischargedOn => facts.discharged_on,
        _ => None,
    }
    .map(day)
    .or(match clause.default {
        Some(super::eval::Dflt::Num(n)) => Some(n),
        _ => None,
    });
    for n in nums {
        let Num::AsOf(off) = n else { continue };
        let at = |d: i64| from_day(d).and_then(|d| shift(d, off)).map(day);
        // where the threshold leaves the calendar the clause is unknown: find that edge too
        let (a, b) = (at(lo), at(hi - 1));
        if a.is_some() != b.is_some() {
            let first_defined = a.is_none();
            out.push(first_where(lo, hi, |d| at(d).is_some() == first_defined));
        }
        if let Some(x) = value {
            out.push(first_where(lo, hi, |d| at(d).is_some_and(|t| t >= x)));
            out.push(first_where(lo, hi, |d| at(d).is_some_and(|t| t > x)));
        }
    }
    out.retain(|d| *d > lo && *d < hi);
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether a clause's value may depend on the as-of date.
fn moves_with_time(p: &Program, c: u32) -> bool {
    p.clauses.get(c as usize).is_some_and(|cl| {
        matches!(
            cl.fact,
            FactId::Age
                | FactId::DaysInCare
                | FactId::DaysSinceDischarge
                | FactId::AgreementInForce
        ) || match &cl.test {
            Test::Cmp(_, n) => matches!(n, Num::AsOf(_)),
            Test::Between(l, h) => matches!(l, Num::AsOf(_)) || matches!(h, Num::AsOf(_)),
            _ => false,
        }
    })
}

/// The value of leaf node `n` (clause `c`) on day `d`.
fn leaf_on(p: &Program, n: u32, facts: &Facts, timeline: &ContextTimeline, d: i64) -> Tri {
    let Some(date) = from_day(d) else {
        return Tri::Unknown;
    };
    let ctx = timeline.on(date);
    let env = Env {
        facts,
        ctx: &ctx,
        as_of: date,
        at: AsOf::new(date),
    };
    p.eval(n, &env, &mut Sink::default()).0
}

/// Computes the true/false day sets of every node of a program over a horizon.
pub(crate) struct Intervals<'a> {
    p: &'a Program,
    facts: &'a Facts,
    timeline: &'a ContextTimeline,
    lo: i64,
    hi: i64,
    memo: Vec<Option<Truth>>,
}

impl<'a> Intervals<'a> {
    pub(crate) fn new(
        p: &'a Program,
        facts: &'a Facts,
        timeline: &'a ContextTimeline,
        lo: i64,
        hi: i64,
    ) -> Self {
        Intervals {
            p,
            facts,
            timeline,
            lo,
            hi,
            memo: vec![None; p.nodes.len()],
        }
    }

    /// The truth of node `n` over `[lo, hi)`. Nesting is bounded by the checker
    /// ([`super::MAX_EVAL_DEPTH`]), as for evaluation.
    pub(crate) fn node(&mut self, n: u32) -> Truth {
        if let Some(Some(t)) = self.memo.get(n as usize) {
            return t.clone();
        }
        let (lo, hi) = (self.lo, self.hi);
        let t = match self.p.nodes.get(n as usize) {
            Some(super::eval::Node::Const(b)) => {
                let all = Days::span(lo, hi);
                if *b {
                    Truth {
                        yes: all,
                        no: Days::default(),
                    }
                } else {
                    Truth {
                        yes: Days::default(),
                        no: all,
                    }
                }
            }
            Some(super::eval::Node::Not(c)) => {
                let t = self.node(*c);
                Truth {
                    yes: t.no,
                    no: t.yes,
                }
            }
            Some(super::eval::Node::And(items)) => self.junction(items, true),
            Some(super::eval::Node::Or(items)) => self.junction(items, false),
            Some(super::eval::Node::Leaf(c)) => self.leaf(n, *c),
            None => Truth::default(),
        };
        if let Some(slot) = self.memo.get_mut(n as usize) {
            *slot = Some(t.clone());
        }
        t
    }

    fn junction(&mut self, items: &[u32], and: bool) -> Truth {
        let all = Days::span(self.lo, self.hi);
        let mut acc = if and {
            Truth {
                yes: all,
                no: Days::default(),
            }
        } else {
            Truth {
                yes: Days::default(),
                no: all,
            }
        };
        for &c in items {
            let t = self.node(c);
            if and {
                acc.yes = acc.yes.intersect(&t.yes);
                acc.no = acc.no.union(&t.no);
            } else {
                acc.yes = acc.yes.union(&t.yes);
                acc.no = acc.no.intersect(&t.no);
            }
        }
        acc
    }

    fn leaf(&mut self, n: u32, c: u32) -> Truth {
        let (p, f, tl, lo, hi) = (self.p, self.facts, self.timeline, self.lo, self.hi);
        let mut starts = vec![lo];
        if moves_with_time(p, c) {
            starts.extend(breakpoints(p, c, f, tl, lo, hi));
        }
        let mut t = Truth::default();
        for (i, &s) in starts.iter().enumerate() {
            let e = starts.get(i + 1).copied().unwrap_or(hi);
            match leaf_on(p, n, f, tl, s) {
                Tri::True => t.yes.push(s, e),
                Tri::False => t.no.push(s, e),
                Tri::Unknown => {}
            }
        }
        t
    }
}

/// Reads the outcome over the horizon from the true/false day sets, given the days on which
/// the rule decides at all (`covered`; a versioned rule decides nothing in a gap between
/// versions) and the missing inputs of the decision on a day.
pub(crate) fn conclude(
    as_of: NaiveDate,
    truth: &Truth,
    covered: &Days,
    missing_on: impl Fn(NaiveDate) -> Vec<&'static str>,
) -> Counterfactual {
    let (lo, _) = horizon(as_of);
    if truth.yes.contains(lo) {
        return Counterfactual::EligibleNow;
    }
    if let Some(d) = truth.yes.first().and_then(from_day) {
        return Counterfactual::EligibleFrom { date: d };
    }
    let decided = truth.no.union(&truth.yes);
    let open = covered.intersect(&decided.complement(lo, i64::MAX));
    match open.first().and_then(from_day) {
        None => Counterfactual::Never,
        Some(d) => Counterfactual::Unknown {
            missing: missing_on(d).into_iter().map(str::to_owned).collect(),
        },
    }
}

impl Rule {
    /// The earliest day on or after `as_of` on which this rule decides `eligible` for
    /// `facts`, if nothing changes but time (birthdays, days in care, the agreement's periods
    /// in `timeline`): [`Counterfactual::EligibleNow`], [`Counterfactual::EligibleFrom`],
    /// [`Counterfactual::Never`] within [`HORIZON_YEARS`], or
    /// [`Counterfactual::Unknown`] when only unknown facts keep it open.
    ///
    /// Computed from day intervals (see the [module docs](self)), exactly as
    /// [`Rule::evaluate`] would decide on each day. A plain [`Context`] converts into a
    /// constant timeline with `Context::into()`.
    ///
    /// # Examples
    /// ```
    /// use berdaya::rules::{Counterfactual, ContextTimeline, DateSpan, Facts, InForce, Rule};
    /// use chrono::NaiveDate;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let rule = Rule::parse("agreement_in_force and age < 30")?;
    /// let person = Facts { birth_date: Some(d(1995, 1, 1)), ..Facts::default() };
    /// let signed = ContextTimeline {
    ///     agreement_in_force: InForce::During(vec![DateSpan { from: Some(d(2021, 1, 1)), until: None }]),
    ///     ..ContextTimeline::default()
    /// };
    /// let as_of = d(2020, 9, 9);
    /// assert_eq!(rule.eligible_from(&person, &signed, as_of),
    ///            Counterfactual::EligibleFrom { date: d(2021, 1, 1) });
    /// let too_old = Facts { birth_date: Some(d(1980, 1, 1)), ..Facts::default() };
    /// assert_eq!(rule.eligible_from(&too_old, &signed, as_of), Counterfactual::Never);
    /// # Ok::<(), berdaya::rules::RuleError>(())
    /// ```
    pub fn eligible_from(
        &self,
        facts: &Facts,
        timeline: &ContextTimeline,
        as_of: NaiveDate,
    ) -> Counterfactual {
        let (lo, hi) = horizon(as_of);
        let truth = self.truth(facts, timeline, lo, hi);
        conclude(as_of, &truth, &Days::span(lo, hi), |d| {
            self.evaluate(facts, &timeline.on(d), d).missing()
        })
    }

    /// The true/false day sets of this rule over `[lo, hi)`.
    pub(crate) fn truth(
        &self,
        facts: &Facts,
        timeline: &ContextTimeline,
        lo: i64,
        hi: i64,
    ) -> Truth {
        let root = self
            .program
            .roots
            .get(self.def)
            .copied()
            .unwrap_or(u32::MAX);
        Intervals::new(&self.program, facts, timeline, lo, hi).node(root)
    }

    /// For an undetermined decision on `as_of`: each missing input fact and whether knowing
    /// it (the other unknown facts staying unknown) could make the decision `eligible`, and
    /// whether it could make it `ineligible`. Empty when the decision is not undetermined.
    ///
    /// Each clause on the fact is taken as free to be true or false; clauses that contradict
    /// each other (`age < 10` and `age > 20` on one path) can make this say "could" where no
    /// single value would.
    ///
    /// # Examples
    /// ```
    /// use berdaya::rules::{Context, Facts, Rule};
    /// use chrono::NaiveDate;
    /// let rule = Rule::parse("age >= 17 and (dtks_decile <= 4 or care_status = resident)")?;
    /// let person = Facts { dtks_decile: Some(7), ..Facts::default() };
    /// let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
    /// let s = rule.settling_facts(&person, &Context::default(), as_of);
    /// // knowing the birth date alone can only make it ineligible (care status is unknown too)
    /// assert_eq!((s[0].fact.as_str(), s[0].could_make_eligible, s[0].could_make_ineligible),
    ///            ("birth_date", false, true));
    /// # Ok::<(), berdaya::rules::RuleError>(())
    /// ```
    pub fn settling_facts(
        &self,
        facts: &Facts,
        context: &Context,
        as_of: NaiveDate,
    ) -> Vec<SettlingFact> {
        let decision = self.evaluate(facts, context, as_of);
        if decision.outcome() != Outcome::Undetermined {
            return Vec::new();
        }
        let p = &self.program;
        let root = p.roots.get(self.def).copied().unwrap_or(u32::MAX);
        let env = Env {
            facts,
            ctx: context,
            as_of,
            at: AsOf::new(as_of),
        };
        decision
            .missing()
            .into_iter()
            .map(|fact| {
                let bit = facts::INPUTS
                    .iter()
                    .position(|n| *n == fact)
                    .map_or(0, |i| 1u32 << i);
                let (yes, no) = reach(p, root, &env, bit, 0);
                SettlingFact {
                    fact: fact.to_owned(),
                    could_make_eligible: yes,
                    could_make_ineligible: no,
                }
            })
            .collect()
    }
}

/// Whether node `n` can become true / false once the input with bit `bit` is known.
fn reach(p: &Program, n: u32, env: &Env<'_>, bit: u32, depth: usize) -> (bool, bool) {
    use super::eval::Node;
    if depth > super::MAX_EVAL_DEPTH {
        return (false, false);
    }
    match p.nodes.get(n as usize) {
        Some(Node::Const(b)) => (*b, !*b),
        Some(Node::Not(c)) => {
            let (y, f) = reach(p, *c, env, bit, depth + 1);
            (f, y)
        }
        Some(Node::And(items)) => items.iter().fold((true, false), |(y, f), c| {
            let (cy, cf) = reach(p, *c, env, bit, depth + 1);
            (y && cy, f || cf)
        }),
        Some(Node::Or(items)) => items.iter().fold((false, true), |(y, f), c| {
            let (cy, cf) = reach(p, *c, env, bit, depth + 1);
            (y || cy, f && cf)
        }),
        Some(Node::Leaf(c)) => {
            let (t, missing) = p.eval(n, env, &mut Sink::default());
            let Some(clause) = p.clauses.get(*c as usize) else {
                return (false, false);
            };
            if clause.input == bit
                && facts::fetch(clause.fact, env.facts, env.ctx, &env.at).is_none()
            {
                // `known(f)` turns true once f is known; any other clause on f (with or
                // without a default) may then go either way
                return if matches!(clause.test, Test::Known) {
                    (true, false)
                } else {
                    (true, true)
                };
            }
            match t {
                Tri::True => (true, false),
                Tri::False => (false, true),
                Tri::Unknown if missing & bit != 0 => (true, true),
                Tri::Unknown => (false, false),
            }
        }
        None => (false, false),
    }
}
