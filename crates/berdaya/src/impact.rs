//! Rule-change impact: for two versions of a rule and a [`Population`] as of a date, who
//! gains, who loses, who becomes undetermined and who leaves undetermined — counts by
//! facility, disability and regency, and the ids.
//!
//! Both versions are decided for every row by the columnar batch evaluator
//! ([`Rule::evaluate_batch`]). See `docs/reports.md`.
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
use crate::rules::{Context, Outcome, Rule, VersionError, VersionedRuleSet};

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

fn index(o: Outcome) -> usize {
    match o {
        Outcome::Eligible => 0,
        Outcome::Ineligible => 1,
        Outcome::Undetermined => 2,
    }
}

impl ImpactGroup {
    fn add(&mut self, pop: &Population, row: usize, id: &str) {
        self.count += 1;
        self.ids.push(id.to_owned());
        let facility = pop
            .upt()
            .get(row)
            .and_then(|u| pop.upt_dictionary().get(u as usize).cloned())
            .unwrap_or_else(|| "unknown".to_owned());
        let disability = disability_group(
            pop.disabilities()
                .get(row)
                .map(DisabilitySet::from_bits_truncate),
        );
        let regency = pop
            .regency()
            .get(row)
            .and_then(code::regency_of)
            .map_or_else(|| "unknown".to_owned(), |r| r.to_string());
        *self.by_facility.entry(facility).or_default() += 1;
        *self.by_disability.entry(disability.to_owned()).or_default() += 1;
        *self.by_regency.entry(regency).or_default() += 1;
    }
}

/// Who a change from `before` to `after` affects in `population` as of `as_of`, both rules
/// decided with the same context.
pub fn rule_change_impact(
    before: &Rule,
    after: &Rule,
    population: &Population,
    context: &Context,
    as_of: NaiveDate,
) -> RuleChangeImpact {
    let a = before.evaluate_batch(population, context, as_of);
    let b = after.evaluate_batch(population, context, as_of);
    let mut out = RuleChangeImpact {
        as_of,
        population: population.len() as u64,
        gains: ImpactGroup::default(),
        losses: ImpactGroup::default(),
        becomes_undetermined: ImpactGroup::default(),
        leaves_undetermined: ImpactGroup::default(),
        transitions: Vec::new(),
    };
    let mut matrix = [[0u64; 3]; 3];
    for (row, ((id, x), y)) in a.id.iter().zip(&a.outcome).zip(&b.outcome).enumerate() {
        if let Some(c) = matrix.get_mut(index(*x)).and_then(|r| r.get_mut(index(*y))) {
            *c += 1;
        }
        if x == y {
            continue;
        }
        use Outcome::{Eligible, Undetermined};
        if *y == Eligible {
            out.gains.add(population, row, id);
        }
        if *x == Eligible {
            out.losses.add(population, row, id);
        }
        if *y == Undetermined {
            out.becomes_undetermined.add(population, row, id);
        }
        if *x == Undetermined {
            out.leaves_undetermined.add(population, row, id);
        }
    }
    for (x, counts) in OUTCOMES.iter().zip(matrix) {
        for (y, count) in OUTCOMES.iter().zip(counts) {
            out.transitions.push(Transition {
                before: *x,
                after: *y,
                count,
            });
        }
    }
    out
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
