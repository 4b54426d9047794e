//! Evaluating a rule over a whole [`Population`].
//!
//! [`Rule::evaluate_batch`] compiles the rule to a columnar [`BatchPlan`] (kernels over the
//! population's columns, 64 rows a word, Kleene known/true bitmaps; see
//! [`Rule::plan_batch`]) and expands its [`BatchEvaluation`] into a row-per-entry
//! [`BatchResult`]. Callers that want only bitmaps, counts, reason codes or a few
//! explanations use the plan directly ([`BatchPlan::evaluate_with`], [`Rule::decide_row`]).
//! [`Rule::evaluate_batch_rows`] is the row-at-a-time reference (each row becomes the
//! [`Facts`] record and is decided by the single-person evaluator); both give the same
//! result, which `tests/columnar.rs` checks on random rules and populations.
//!
//! ```
//! use berdaya::population::synth;
//! use berdaya::rules::{Context, Rule};
//! use chrono::NaiveDate;
//!
//! let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
//! let pop = synth::generate(1_000, 42, as_of);
//! let rule = Rule::parse("age between 18 and 45 and disabilities is not empty")?;
//! let result = rule.evaluate_batch(&pop, &Context::default(), as_of);
//! assert_eq!(result.len(), 1_000);
//! let c = result.counts();
//! assert_eq!(c.eligible + c.ineligible + c.undetermined, 1_000);
//! # Ok::<(), berdaya::RuleError>(())
//! ```

use chrono::NaiveDate;
use serde::Serialize;

use crate::population::{Population, Row};
pub use crate::rules::{BatchEvaluation, BatchPlan, Detail, NO_REASON};
use crate::rules::{Context, Facts, Outcome, Rule};

impl From<&Row> for Facts {
    fn from(r: &Row) -> Facts {
        Facts {
            id: Some(r.id.clone()),
            nik: r.nik.clone(),
            name: r.name.clone(),
            birth_date: r.birth_date,
            sex: r.sex,
            disabilities: r.disabilities,
            care_status: r.care_status,
            upt_id: r.upt_id.clone(),
            residence_since: r.residence_since,
            discharged_on: r.discharged_on,
            education: r.education,
            dtks_decile: r.dtks_decile.map(i64::from),
            employment: r.employment,
            skills: r.skills.clone(),
            regency: r.regency.map(|c| c.to_string()),
            ppks: None,
            certificates: None,
        }
    }
}

/// Outcome counts of a batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct OutcomeCounts {
    /// Rows decided eligible.
    pub eligible: usize,
    /// Rows decided ineligible.
    pub ineligible: usize,
    /// Rows left undetermined.
    pub undetermined: usize,
}

/// The decisions for every row of a population, in row order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct BatchResult {
    /// Row ids.
    pub id: Vec<String>,
    /// Outcome per row.
    pub outcome: Vec<Outcome>,
    /// The first deciding clause (canonical text) per row; none for undetermined rows.
    pub reason: Vec<Option<String>>,
    /// The input facts that would settle an undetermined row (empty otherwise).
    pub missing: Vec<Vec<String>>,
}

impl BatchResult {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.id.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.id.is_empty()
    }

    /// Counts by outcome.
    pub fn counts(&self) -> OutcomeCounts {
        let mut c = OutcomeCounts::default();
        for o in &self.outcome {
            match o {
                Outcome::Eligible => c.eligible += 1,
                Outcome::Ineligible => c.ineligible += 1,
                Outcome::Undetermined => c.undetermined += 1,
            }
        }
        c
    }

    /// The ids of the eligible rows, in row order.
    pub fn eligible_ids(&self) -> Vec<&str> {
        self.id
            .iter()
            .zip(&self.outcome)
            .filter(|(_, o)| **o == Outcome::Eligible)
            .map(|(id, _)| id.as_str())
            .collect()
    }
}

impl BatchResult {
    /// Expands a columnar evaluation (computed with [`Detail::Full`]) into one entry per row.
    pub fn from_evaluation(population: &Population, e: &BatchEvaluation) -> BatchResult {
        let n = population.len().min(e.len());
        let mut out = BatchResult {
            id: Vec::with_capacity(n),
            outcome: Vec::with_capacity(n),
            reason: Vec::with_capacity(n),
            missing: Vec::with_capacity(n),
        };
        for row in 0..n {
            out.id
                .push(population.id(row).unwrap_or_default().to_owned());
            out.outcome.push(e.outcome(row));
            out.reason.push(e.reason(row).map(str::to_owned));
            out.missing
                .push(e.missing(row).into_iter().map(str::to_owned).collect());
        }
        out
    }
}

impl Rule {
    /// The columns of the tabular schema this rule reads (also through the rules it refers
    /// to), `id` first, then in schema order: what a population needs for it. Arrow import
    /// converts only these with [`ImportOptions::columns`](crate::population::ImportOptions::columns).
    ///
    /// ```
    /// use berdaya::rules::Rule;
    /// let rule = Rule::parse("age >= 18 and days_in_care >= 180 and nik_province = \"35\"")?;
    /// assert_eq!(rule.input_columns(), ["id", "nik", "birth_date", "residence_since"]);
    /// # Ok::<(), berdaya::RuleError>(())
    /// ```
    pub fn input_columns(&self) -> Vec<&'static str> {
        let inputs: Vec<String> = self
            .sensitive_facts()
            .into_iter()
            .map(|f| f.input)
            .collect();
        crate::population::COLUMNS
            .iter()
            .copied()
            .filter(|c| *c == "id" || inputs.iter().any(|i| i == c))
            .collect()
    }

    /// Decides for every row of `population` as of `as_of`, with the same semantics as
    /// [`Rule::evaluate`] row by row, through the columnar plan ([`Rule::plan_batch`]).
    pub fn evaluate_batch(
        &self,
        population: &Population,
        context: &Context,
        as_of: NaiveDate,
    ) -> BatchResult {
        let e = self.evaluate_columnar(population, context, as_of);
        BatchResult::from_evaluation(population, &e)
    }

    /// The row-at-a-time reference of [`evaluate_batch`](Self::evaluate_batch): each row is
    /// decided by the single-person evaluator. Slow; for tests and cross-checks.
    pub fn evaluate_batch_rows(
        &self,
        population: &Population,
        context: &Context,
        as_of: NaiveDate,
    ) -> BatchResult {
        let n = population.len();
        let mut out = BatchResult {
            id: Vec::with_capacity(n),
            outcome: Vec::with_capacity(n),
            reason: Vec::with_capacity(n),
            missing: Vec::with_capacity(n),
        };
        for row in population.rows() {
            let facts = Facts::from(&row);
            let d = self.evaluate(&facts, context, as_of);
            out.id.push(row.id);
            out.outcome.push(d.outcome());
            out.reason
                .push(d.reasons().into_iter().next().map(|r| r.clause));
            out.missing
                .push(d.missing().into_iter().map(str::to_owned).collect());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::population::synth;

    /// Batch equals single evaluation on every row, for the five reference rules.
    #[test]
    fn batch_equals_single_on_the_reference_rules() {
        let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
        let pop = synth::generate(3_000, 7, as_of);
        let src = include_str!("../../../conformance/rules/reference.rules");
        let set = crate::rules::RuleSet::parse(src).unwrap();
        for name in ["r1", "r2", "r3", "r4", "r5"] {
            let rule = set.rule(name).unwrap();
            let batch = rule.evaluate_batch(&pop, &Context::default(), as_of);
            assert_eq!(batch.len(), pop.len());
            assert_eq!(
                batch,
                rule.evaluate_batch_rows(&pop, &Context::default(), as_of),
                "{name}"
            );
            for (i, row) in pop.rows().enumerate() {
                let single = rule.evaluate(&Facts::from(&row), &Context::default(), as_of);
                assert_eq!(batch.outcome[i], single.outcome(), "{name} row {i}");
            }
            let c = batch.counts();
            assert!(c.eligible > 0 || name == "r5", "{name}: {c:?}");
        }
    }
}
