//! Which personal and sensitive facts a rule reads, so that an office can justify the data a
//! program needs (data minimisation under UU 27/2022 on personal data protection).

use std::collections::BTreeSet;

use serde::Serialize;

use super::facts::{FactId, SCHEMA};
use super::phrases::{self, Lang};
use super::{Rule, RuleSet};

/// The kind of personal data a fact reveals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Sensitivity {
    /// Disability types: health data, a specific category of personal data (UU 27/2022
    /// Pasal 4(2)).
    Disability,
    /// Derived from the NIK (where it was first registered).
    NikDerived,
    /// Welfare ranking (DTKS/DTSEN decile) and PPKS categories: the person's economic and
    /// social-welfare situation (PPKS categories include health and criminal-record
    /// situations such as ODHA, korban NAPZA, BWBLP).
    Welfare,
    /// Residence in or discharge from a UPT (a *panti*): reveals the person's social situation.
    Care,
    /// Date of birth, age, sex.
    Demographic,
    /// Domicile.
    Location,
    /// Education, employment, skills and certificates.
    Livelihood,
}

impl Sensitivity {
    /// The wire name, e.g. `nik_derived`.
    pub fn as_str(self) -> &'static str {
        match self {
            Sensitivity::Disability => "disability",
            Sensitivity::NikDerived => "nik_derived",
            Sensitivity::Welfare => "welfare",
            Sensitivity::Care => "care",
            Sensitivity::Demographic => "demographic",
            Sensitivity::Location => "location",
            Sensitivity::Livelihood => "livelihood",
        }
    }

    /// Whether the law treats it as a specific (sensitive) category: health data (disability)
    /// and data revealing the person's welfare situation.
    pub fn is_specific(self) -> bool {
        matches!(self, Sensitivity::Disability | Sensitivity::Welfare)
    }
}

/// A personal fact a rule reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct SensitiveFact {
    /// The fact, e.g. `days_in_care`.
    pub fact: String,
    /// The input field it is derived from, e.g. `residence_since`.
    pub input: String,
    /// What kind of personal data it is.
    pub class: Sensitivity,
    /// A specific (sensitive) category of personal data (disability, welfare).
    pub specific: bool,
    /// How the office names it, in English.
    pub name_en: String,
    /// How the office names it, in Indonesian.
    pub name_id: String,
}

/// The class of a fact; `None` for facts of the commitment, not of the person.
fn class(f: FactId) -> Option<Sensitivity> {
    use Sensitivity::*;
    Some(match f {
        FactId::Disabilities | FactId::DisabilityCount | FactId::Multiplicity => Disability,
        FactId::NikProvince | FactId::NikRegency => NikDerived,
        FactId::DtksDecile | FactId::Ppks => Welfare,
        FactId::CareStatus
        | FactId::UptId
        | FactId::ResidenceSince
        | FactId::DaysInCare
        | FactId::DischargedOn
        | FactId::DaysSinceDischarge => Care,
        FactId::Age | FactId::BirthDate | FactId::Sex => Demographic,
        FactId::DomicileRegency | FactId::DomicileProvince => Location,
        FactId::Education | FactId::Employment | FactId::Skills | FactId::Certificates => {
            Livelihood
        }
        FactId::AgreementInForce | FactId::PartnerKind => return None,
    })
}

/// The entries for a set of facts, in schema order.
fn listed(facts: &BTreeSet<usize>) -> Vec<SensitiveFact> {
    SCHEMA
        .iter()
        .filter(|(f, ..)| facts.contains(&(*f as usize)))
        .filter_map(|(f, name, _, input)| {
            class(*f).map(|c| SensitiveFact {
                fact: (*name).to_owned(),
                input: (*input).to_owned(),
                class: c,
                specific: c.is_specific(),
                name_en: phrases::fact_name(name, Lang::En).to_owned(),
                name_id: phrases::fact_name(name, Lang::Id).to_owned(),
            })
        })
        .collect()
}

impl Rule {
    /// The personal facts the rule reads, also through the rules it refers to, in the order of
    /// the fact schema, each classified (disability, NIK-derived, welfare, care, ...). Facts of
    /// the commitment (`agreement_in_force`, `partner_kind`) are not personal and not listed.
    ///
    /// # Examples
    /// ```
    /// use berdaya::rules::{RuleSet, Sensitivity};
    /// let set = RuleSet::parse(
    ///     "rule a = nik_province = \"35\"\nrule b = a and disabilities has fisik",
    /// )?;
    /// let facts = set.rule("b").unwrap().sensitive_facts();
    /// let classes: Vec<_> = facts.iter().map(|f| (f.fact.as_str(), f.class)).collect();
    /// assert_eq!(
    ///     classes,
    ///     [("disabilities", Sensitivity::Disability), ("nik_province", Sensitivity::NikDerived)]
    /// );
    /// # Ok::<(), berdaya::rules::RuleError>(())
    /// ```
    pub fn sensitive_facts(&self) -> Vec<SensitiveFact> {
        let defs: BTreeSet<usize> = self
            .program
            .deps
            .get(self.def)
            .map_or(&[][..], |d| &d[..])
            .iter()
            .copied()
            .chain(std::iter::once(self.def))
            .collect();
        let facts: BTreeSet<usize> = self
            .program
            .clauses
            .iter()
            .filter(|c| self.program.expression || defs.contains(&c.rule))
            .map(|c| c.fact as usize)
            .collect();
        listed(&facts)
    }
}

impl RuleSet {
    /// The personal facts any rule of the set reads, as [`Rule::sensitive_facts`].
    pub fn sensitive_facts(&self) -> Vec<SensitiveFact> {
        let facts: BTreeSet<usize> = self
            .program
            .clauses
            .iter()
            .map(|c| c.fact as usize)
            .collect();
        listed(&facts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_rule_and_its_references_count() {
        let set = RuleSet::parse(
            "rule a = dtks_decile <= 4\nrule b = sex = F\nrule c = a and agreement_in_force",
        )
        .unwrap();
        let c = set.rule("c").unwrap().sensitive_facts();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].fact, "dtks_decile");
        assert!(c[0].specific);
        assert_eq!(c[0].name_id, "desil kesejahteraan (DTKS/DTSEN)");
        let all: Vec<_> = set.sensitive_facts().into_iter().map(|f| f.fact).collect();
        assert_eq!(all, ["sex", "dtks_decile"]);
        let e = Rule::parse("known(nik_regency) and days_in_care > 1").unwrap();
        let got: Vec<_> = e
            .sensitive_facts()
            .into_iter()
            .map(|f| (f.fact, f.input, f.class))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "days_in_care".into(),
                    "residence_since".into(),
                    Sensitivity::Care
                ),
                ("nik_regency".into(), "nik".into(), Sensitivity::NikDerived)
            ]
        );
    }
}
