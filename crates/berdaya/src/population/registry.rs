//! A population from the beneficiaries of a [`Registry`], for batch evaluation of the
//! registry's own commitments.

use chrono::NaiveDate;

use super::{ImportError, ImportIssue, Population, PopulationBuilder, Row};
use crate::registry::Registry;
use crate::rules::Facts;

impl Population {
    /// The registry's beneficiaries as of `as_of`, one row each in the registry's order, with
    /// exactly the facts single-person evaluation reads ([`Facts::from_beneficiary`]): care
    /// status, UPT, `residence_since` and `discharged_on` derived from the care history as of
    /// the date, the welfare decile in force then, the domicile's regency. (PPKS categories and
    /// certificates have no column; a rule that reads them is evaluated row by row.)
    ///
    /// NIKs are checked again against `as_of`; a registry's records are already valid, so an
    /// error means more than 64 distinct skills or a NIK whose birth date lies after `as_of`
    /// (every issue is reported, with the row).
    ///
    /// ```
    /// use berdaya::population::Population;
    /// use berdaya::rules::{Context, Rule};
    ///
    /// let reg = berdaya::scenario::east_java_2020().unwrap();
    /// let as_of = berdaya::scenario::signing_day();
    /// let pop = Population::from_registry(&reg, as_of).unwrap();
    /// assert_eq!(pop.len(), reg.beneficiaries().count());
    /// let counts = Rule::parse("care_status = alumnus")?
    ///     .evaluate_batch(&pop, &Context::default(), as_of)
    ///     .counts();
    /// assert!(counts.eligible > 0);
    /// # Ok::<(), berdaya::rules::RuleError>(())
    /// ```
    pub fn from_registry(reg: &Registry, as_of: NaiveDate) -> Result<Population, ImportError> {
        let mut builder = PopulationBuilder::with_capacity(reg.beneficiaries().count(), as_of);
        let mut issues: Vec<ImportIssue> = Vec::new();
        for b in reg.beneficiaries() {
            let f = Facts::from_beneficiary(b, as_of);
            let row = Row {
                id: b.id().to_string(),
                nik: f.nik,
                name: f.name,
                birth_date: f.birth_date,
                sex: f.sex,
                disabilities: f.disabilities,
                care_status: f.care_status,
                upt_id: f.upt_id,
                residence_since: f.residence_since,
                discharged_on: f.discharged_on,
                education: f.education,
                dtks_decile: f.dtks_decile.and_then(|d| u8::try_from(d).ok()),
                employment: f.employment,
                skills: f.skills,
                regency: b.data().domicile.and_then(|r| r.regency()),
            };
            if let Err(mut row_issues) = builder.push(&row) {
                issues.append(&mut row_issues);
            }
        }
        if issues.is_empty() {
            Ok(builder.finish())
        } else {
            Err(ImportError::from_issues(issues))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Context, Outcome, RuleSet};

    /// Batch evaluation over the registry's population agrees, person by person, with
    /// single-person evaluation of the same beneficiaries (the tree evaluator over
    /// `Facts::from_beneficiary`), on rules over every column, on several dates.
    #[test]
    fn batch_over_the_registry_equals_single_person_evaluation() {
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
            let pop = Population::from_registry(&reg, as_of).unwrap();
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
