//! A [`Population`] of the beneficiaries held in a [`Registry`], as of a date.
//!
//! Each beneficiary becomes the tabular [`Row`] of its [`Facts`] as of the date
//! ([`Facts::from_beneficiary`]: care status, facility, admission, discharge, latest decile
//! and employment derived from the dated history), so that batch evaluation of a registry
//! decides exactly as single-person evaluation of its beneficiaries does.
//!
//! ```
//! use berdaya::population::{ImportOptions, Population};
//! use berdaya::rules::{Context, Facts, Rule};
//! use chrono::NaiveDate;
//!
//! let reg = berdaya::scenario::east_java_2020()?;
//! let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
//! let (pop, _) = Population::from_registry(&reg, &ImportOptions::new(as_of))?;
//! assert_eq!(pop.len(), reg.beneficiaries().count());
//! let rule = Rule::parse("care_status = alumnus and age between 17 and 45")?;
//! let batch = rule.evaluate_batch(&pop, &Context::default(), as_of);
//! let single = reg
//!     .beneficiaries()
//!     .filter(|b| {
//!         let d = rule.evaluate(&Facts::from_beneficiary(b, as_of), &Context::default(), as_of);
//!         d.outcome() == berdaya::Outcome::Eligible
//!     })
//!     .count();
//! assert_eq!(batch.counts().eligible, single);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::{ImportError, ImportOptions, ImportReport, Population, Row};
use crate::registry::Registry;
use crate::rules::Facts;

impl From<&Facts> for Row {
    /// The tabular row of a facts record (the inverse of `Facts::from(&Row)` on the columns
    /// both have; `ppks` and `certificates` have no column). A decile outside 1-255 or a
    /// regency that is not a region code becomes unknown here and is never guessed.
    fn from(f: &Facts) -> Row {
        Row {
            id: f.id.clone().unwrap_or_default(),
            nik: f.nik.clone(),
            name: f.name.clone(),
            birth_date: f.birth_date,
            sex: f.sex,
            disabilities: f.disabilities,
            care_status: f.care_status,
            upt_id: f.upt_id.clone(),
            residence_since: f.residence_since,
            discharged_on: f.discharged_on,
            education: f.education,
            dtks_decile: f.dtks_decile.and_then(|d| u8::try_from(d).ok()),
            employment: f.employment,
            skills: f.skills.clone(),
            regency: f.regency.as_deref().and_then(|r| r.parse().ok()),
        }
    }
}

impl Population {
    /// The beneficiaries of `reg` (in the registry's order) as a population, their facts
    /// taken as of `opts.reference_date`.
    ///
    /// # Errors
    /// As [`Population::from_rows`] (a row the tabular schema cannot hold, e.g. more than 64
    /// distinct skills), under `opts.on_error`.
    pub fn from_registry(
        reg: &Registry,
        opts: &ImportOptions,
    ) -> Result<(Population, ImportReport), ImportError> {
        let as_of = opts.reference_date;
        let rows: Vec<Row> = reg
            .beneficiaries()
            .map(|b| Row::from(&Facts::from_beneficiary(b, as_of)))
            .collect();
        Population::from_rows(&rows, opts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Context, Outcome, Rule, RuleSet};
    use chrono::NaiveDate;

    /// Batch evaluation of the registry's population and single-person evaluation of its
    /// beneficiaries agree on every commitment rule of the East Java scenario, row by row.
    #[test]
    fn batch_of_registry_equals_single_person_decisions() {
        let reg = crate::scenario::east_java_2020().unwrap();
        let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
        let (pop, report) = Population::from_registry(&reg, &ImportOptions::new(as_of)).unwrap();
        assert!(report.issues.is_empty());
        let rules: Vec<String> = reg
            .agreements()
            .flat_map(|a| a.commitments_on(as_of))
            .filter_map(|c| c.eligibility.clone())
            .collect();
        assert!(rules.len() >= 4);
        for src in rules {
            let rule = Rule::parse(&src).unwrap();
            let batch = rule.evaluate_batch(&pop, &Context::default(), as_of);
            for (i, b) in reg.beneficiaries().enumerate() {
                let d = rule.evaluate(
                    &Facts::from_beneficiary(b, as_of),
                    &Context::default(),
                    as_of,
                );
                assert_eq!(batch.outcome[i], d.outcome(), "{src} row {i}");
                assert_eq!(batch.id[i], b.id().to_string());
            }
        }
    }

    /// Batch evaluation over the registry's population agrees, person by person, with
    /// single-person evaluation of the same beneficiaries (the tree evaluator over
    /// `Facts::from_beneficiary`), on rules over every column, on several dates.
    #[test]
    fn batch_over_the_registry_equals_single_person_evaluation_on_every_column() {
        let reg = crate::scenario::east_java_2020().unwrap();
        let set = RuleSet::parse(
            "rule a = care_status in [resident, alumnus] and age between 17 and 45\n\
             rule b = disabilities has any of [rungu, wicara, physical] and education >= smp\n\
             rule c = default(dtks_decile, 10) <= 4 or days_in_care >= 365\n\
             rule d = days_since_discharge <= 90 and employment != employed\n\
             rule e = upt_id in [\"upt-rsbrw-pasuruan\"] or domicile_regency = \"35.14\" or skills has sewing\n\
             rule f = nik_province = \"35\" and sex = F",
        )
        .unwrap();
        for as_of in [
            crate::scenario::signing_day(),
            NaiveDate::from_ymd_opt(2019, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2021, 9, 9).unwrap(),
        ] {
            let (pop, _) = Population::from_registry(&reg, &ImportOptions::new(as_of)).unwrap();
            assert_eq!(pop.len(), reg.beneficiaries().count());
            for name in ["a", "b", "c", "d", "e", "f"] {
                let rule = set.rule(name).unwrap();
                let batch = rule.evaluate_batch(&pop, &Context::default(), as_of);
                let mut seen = [0usize; 3];
                for (i, b) in reg.beneficiaries().enumerate() {
                    let d = rule.evaluate(
                        &Facts::from_beneficiary(b, as_of),
                        &Context::default(),
                        as_of,
                    );
                    assert_eq!(batch.id.get(i).map(String::as_str), Some(b.id().as_str()));
                    assert_eq!(
                        batch.outcome.get(i),
                        Some(&d.outcome()),
                        "{name} {as_of} row {i}"
                    );
                    seen[match d.outcome() {
                        Outcome::Eligible => 0,
                        Outcome::Ineligible => 1,
                        Outcome::Undetermined => 2,
                    }] += 1;
                }
                assert_eq!(seen.iter().sum::<usize>(), pop.len());
            }
        }
    }
}
