//! Rule-change impact: for two versions of a rule and a [`Population`] as of a date, who
//! gains, who loses, who becomes undetermined and who leaves undetermined — counts by
//! facility, disability and regency, and the ids.
//!
//! Both versions are decided for every row by the columnar batch evaluator (the plan behind
//! [`Rule::evaluate_batch`], outcome bitmaps only). See `docs/reports.md`.
//!
//! ```
//! use berdaya::impact::rule_change_impact;
//! use berdaya::population::synth;
//! use berdaya::rules::{Context, Rule};
//! use chrono::NaiveDate;
//! let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
//! let pop = synth::generate(500, 7, as_of);
//! let before = Rule::parse("age between 18 and 35")?;
//! let after = Rule::parse("age between 18 and 40")?;
//! let i = rule_change_impact(&before, &after, &pop, &Context::default(), as_of);
//! assert_eq!(i.losses.count, 0);
//! assert!(i.gains.count > 0);
//! assert_eq!(i.gains.by_facility.values().sum::<u64>(), i.gains.count);
//! # Ok::<(), berdaya::RuleError>(())
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::disability::DisabilitySet;
use crate::population::{code, Population};
use crate::report::disability_group;
use crate::rules::{Context, Detail, Outcome, Rule, VersionError, VersionedRuleSet};

/// The people in one category of change, with counts by group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ImpactGroup {
    /// How many.
    pub count: u64,
    /// Their ids, in row order.
    pub ids: Vec<String>,
    /// Counts by `upt_id` (`unknown` where not known).
    #[cfg_attr(feature = "wasm", tsify(type = "Record<string, number>"))]
    pub by_facility: BTreeMap<String, u64>,
    /// Counts by disability group (`physical`, `intellectual`, `mental`, `sensory`,
    /// `multiple`, `none`, `unknown`).
    #[cfg_attr(feature = "wasm", tsify(type = "Record<string, number>"))]
    pub by_disability: BTreeMap<String, u64>,
    /// Counts by regency of domicile, e.g. `35.20` (`unknown` where not known).
    #[cfg_attr(feature = "wasm", tsify(type = "Record<string, number>"))]
    pub by_regency: BTreeMap<String, u64>,
}

/// How many rows went from one outcome to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Transition {
    /// The outcome under the first version.
    pub before: Outcome,
    /// The outcome under the second version.
    pub after: Outcome,
    /// How many rows.
    pub count: u64,
}

/// Who a rule change affects. See the [module docs](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct RuleChangeImpact {
    /// The as-of date.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub as_of: NaiveDate,
    /// Rows in the population.
    pub population: u64,
    /// Eligible after, not before.
    pub gains: ImpactGroup,
    /// Eligible before, not after.
    pub losses: ImpactGroup,
    /// Undetermined after, decided before.
    pub becomes_undetermined: ImpactGroup,
    /// Undetermined before, decided after.
    pub leaves_undetermined: ImpactGroup,
    /// All nine before × after counts, eligible / ineligible / undetermined order.
    pub transitions: Vec<Transition>,
}

const OUTCOMES: [Outcome; 3] = [
    Outcome::Eligible,
    Outcome::Ineligible,
    Outcome::Undetermined,
];

/// Counts of one group under integer keys (UPT index, disability bits, regency number),
/// turned into names once at the end: a changed row costs its id and three map updates.
#[derive(Default)]
struct Acc {
    ids: Vec<String>,
    facility: BTreeMap<Option<u32>, u64>,
    disability: BTreeMap<Option<u16>, u64>,
    regency: BTreeMap<Option<u16>, u64>,
}

impl Acc {
    fn add(&mut self, pop: &Population, row: usize) {
        self.ids.push(pop.id(row).unwrap_or_default().to_owned());
        *self.facility.entry(pop.upt().get(row)).or_default() += 1;
        *self
            .disability
            .entry(pop.disabilities().get(row))
            .or_default() += 1;
        *self.regency.entry(pop.regency().get(row)).or_default() += 1;
    }

    fn finish(self, pop: &Population) -> ImpactGroup {
        let mut g = ImpactGroup {
            count: self.ids.len() as u64,
            ids: self.ids,
            ..ImpactGroup::default()
        };
        let unknown = || "unknown".to_owned();
        for (k, n) in self.facility {
            let name = k
                .and_then(|u| pop.upt_dictionary().get(u as usize).cloned())
                .unwrap_or_else(unknown);
            *g.by_facility.entry(name).or_default() += n;
        }
        for (k, n) in self.disability {
            let name = disability_group(k.map(DisabilitySet::from_bits_truncate));
            *g.by_disability.entry(name.to_owned()).or_default() += n;
        }
        for (k, n) in self.regency {
            let name = k
                .and_then(code::regency_of)
                .map_or_else(unknown, |r| r.to_string());
            *g.by_regency.entry(name).or_default() += n;
        }
        g
    }
}

/// Who a change from `before` to `after` affects in `population` as of `as_of`, both rules
/// decided with the same context.
///
/// Both rules run through the columnar plan ([`Rule::plan_batch`], outcomes only, the engine
/// of [`Rule::evaluate_batch`]); their outcome bitmaps are compared 64 rows a word, so only
/// the rows that change are visited one by one.
pub fn rule_change_impact(
    before: &Rule,
    after: &Rule,
    population: &Population,
    context: &Context,
    as_of: NaiveDate,
) -> RuleChangeImpact {
    let run = |r: &Rule| {
        r.plan_batch(population, context, as_of)
            .evaluate_with(population, Detail::Outcomes)
    };
    let (a, b) = (run(before), run(after));
    let [mut gains, mut losses, mut becomes, mut leaves] = [(); 4].map(|()| Acc::default());
    let mut matrix = [[0u64; 3]; 3];
    let words = a.known_bits().len().min(b.known_bits().len());
    for w in 0..words {
        let bit = |v: &[u64]| v.get(w).copied().unwrap_or(0);
        // rows of this word that exist
        let rows_here = population.len().saturating_sub(w * 64).min(64);
        let valid = if rows_here == 64 {
            u64::MAX
        } else {
            (1u64 << rows_here) - 1
        };
        let (ka, ea) = (bit(a.known_bits()), bit(a.eligible_bits()));
        let (kb, eb) = (bit(b.known_bits()), bit(b.eligible_bits()));
        let classes = |k: u64, e: u64| [e & valid, k & !e & valid, !k & valid];
        let (xa, xb) = (classes(ka, ea), classes(kb, eb));
        for (row, x) in matrix.iter_mut().zip(xa) {
            for (c, y) in row.iter_mut().zip(xb) {
                *c += u64::from((x & y).count_ones());
            }
        }
        let mut changed = ((ka ^ kb) | (ea ^ eb)) & valid;
        while changed != 0 {
            let i = changed.trailing_zeros() as usize;
            changed &= changed - 1;
            let row = w * 64 + i;
            let (x, y) = (a.outcome(row), b.outcome(row));
            use Outcome::{Eligible, Undetermined};
            if y == Eligible {
                gains.add(population, row);
            }
            if x == Eligible {
                losses.add(population, row);
            }
            if y == Undetermined {
                becomes.add(population, row);
            }
            if x == Undetermined {
                leaves.add(population, row);
            }
        }
    }
    let mut transitions = Vec::with_capacity(9);
    for (x, counts) in OUTCOMES.iter().zip(matrix) {
        for (y, count) in OUTCOMES.iter().zip(counts) {
            transitions.push(Transition {
                before: *x,
                after: *y,
                count,
            });
        }
    }
    RuleChangeImpact {
        as_of,
        population: population.len() as u64,
        gains: gains.finish(population),
        losses: losses.finish(population),
        becomes_undetermined: becomes.finish(population),
        leaves_undetermined: leaves.finish(population),
        transitions,
    }
}

/// [`rule_change_impact`] between two rules of a versioned set, each named by a reference
/// (`name@label` pins a version; a bare `name` is the version in force on `as_of`).
///
/// # Errors
/// The `rule.version.*` errors of [`VersionedRuleSet::rule_on`].
pub fn versions_impact(
    set: &VersionedRuleSet,
    before: &str,
    after: &str,
    population: &Population,
    context: &Context,
    as_of: NaiveDate,
) -> Result<RuleChangeImpact, VersionError> {
    let (a, _) = set.rule_on(before, as_of)?;
    let (b, _) = set.rule_on(after, as_of)?;
    Ok(rule_change_impact(&a, &b, population, context, as_of))
}
