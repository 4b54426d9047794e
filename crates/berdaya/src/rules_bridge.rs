//! From the domain to the rule language: the [`Facts`] of a registered [`Beneficiary`] as of
//! a date, and the [`Context`] of an agreement's commitment.
//!
//! The rule language reads one flat record per person (the tabular form of BENCHMARK.md). A
//! beneficiary's care history, welfare rankings and livelihood are dated, so the record
//! depends on the as-of date: care status, the facility, the admission of the current or
//! last stay and its discharge, the latest decile and the employment category are taken as
//! of that date.
//!
//! ```
//! use berdaya::rules::{Facts, Rule};
//! use berdaya::{scenario, Outcome};
//! use chrono::NaiveDate;
//!
//! let reg = scenario::east_java_2020()?;
//! let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
//! let rule = Rule::parse("care_status in [resident, alumnus] and age between 17 and 60")?;
//! let eligible = reg
//!     .beneficiaries()
//!     .map(|b| rule.evaluate(&Facts::from_beneficiary(b, as_of), &Default::default(), as_of))
//!     .filter(|d| d.outcome() == Outcome::Eligible)
//!     .count();
//! assert!(eligible > 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;

use crate::agreement::Agreement;
use crate::beneficiary::Beneficiary;
use crate::partner::Partner;
use crate::rules::{Context, Facts};

fn wire_name<T: serde::Serialize>(v: &T) -> Option<String> {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => Some(s),
        _ => None,
    }
}

impl Facts {
    /// The facts of `b` as of `as_of`. Unknown stays unknown: a field the record does not
    /// hold is `None`, never a default.
    ///
    /// `residence_since` is the admission day of the current or last stay and
    /// `discharged_on` the day it ended (derived from the care history as of the date);
    /// `certificates` are the kinds of the certificates held (e.g.
    /// `rehabilitation_completion`); `regency` is the domicile's regency.
    pub fn from_beneficiary(b: &Beneficiary, as_of: NaiveDate) -> Facts {
        let data = b.data();
        let derived = b.derived(as_of);
        let days_back = |days: Option<i64>| {
            days.and_then(|d| u64::try_from(d).ok())
                .and_then(|d| as_of.checked_sub_days(chrono::Days::new(d)))
        };
        Facts {
            id: Some(b.id().to_string()),
            nik: b.nik().map(|n| n.reveal().to_owned()),
            name: data.name.clone(),
            birth_date: data.birth_date,
            sex: data.sex,
            disabilities: data.disability.map(|p| p.types),
            care_status: derived.care_status,
            upt_id: derived.facility.as_ref().map(ToString::to_string),
            residence_since: days_back(derived.days_in_care),
            discharged_on: days_back(derived.days_since_discharge),
            education: data.education.as_ref().and_then(|e| e.level()),
            dtks_decile: derived.decile.map(i64::from),
            employment: derived.employment,
            skills: data
                .skills
                .as_ref()
                .map(|s| s.iter().map(|k| k.name.clone()).collect()),
            regency: data
                .domicile
                .and_then(|r| r.regency())
                .map(|r| r.to_string()),
            ppks: data
                .ppks
                .as_ref()
                .map(|s| s.iter().filter_map(wire_name).collect()),
            certificates: Some(
                data.certificates
                    .iter()
                    .filter_map(|c| wire_name(&c.kind))
                    .collect(),
            ),
        }
    }
}

impl Context {
    /// The context of a commitment under `agreement` with `partner` as of `as_of`: whether
    /// the agreement is in force then, and the partner's kind.
    pub fn for_agreement(
        agreement: &Agreement,
        partner: Option<&Partner>,
        as_of: NaiveDate,
    ) -> Context {
        Context {
            agreement_in_force: Some(agreement.in_force_on(as_of)),
            partner_kind: partner.and_then(|p| wire_name(&p.kind)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rule;

    #[test]
    fn scenario_beneficiaries_become_facts() {
        let reg = crate::scenario::east_java_2020().unwrap();
        let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
        let rule = Rule::parse("known(birth_date) and known(care_status)").unwrap();
        let mut decided = 0;
        for b in reg.beneficiaries() {
            let f = Facts::from_beneficiary(b, as_of);
            let derived = b.derived(as_of);
            assert_eq!(f.care_status, derived.care_status);
            // days in care computed by the rule language equal the domain's
            if let (Some(since), Some(days)) = (f.residence_since, derived.days_in_care) {
                assert_eq!((as_of - since).num_days(), days);
            }
            if rule.evaluate(&f, &Context::default(), as_of).outcome() == crate::Outcome::Eligible {
                decided += 1;
            }
        }
        assert!(decided > 100);
    }
}

#[cfg(test)]
mod scenario_rules {
    use crate::rules::Rule;

    /// Every eligibility rule written into the East Java agreements compiles.
    #[test]
    fn scenario_commitment_rules_compile() {
        let reg = crate::scenario::east_java_2020().unwrap();
        let as_of = chrono::NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
        let mut n = 0;
        for a in reg.agreements() {
            for c in a.commitments_on(as_of) {
                if let Some(src) = &c.eligibility {
                    Rule::parse(src).unwrap_or_else(|e| panic!("{}/{}: {e}", a.id(), c.id));
                    n += 1;
                }
            }
        }
        assert!(n >= 4, "{n} rules");
    }
}
