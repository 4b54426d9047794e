//! The report's section on decisions: for a few people, the decision on each commitment that
//! has an eligibility rule, explained in Indonesian and English. People are shown by id only.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::agreement::PartyRef;
use crate::ids::BeneficiaryId;
use crate::registry::Registry;
use crate::rules::{Context, Facts, Form, Lang, Rule};

/// People shown: an alumnus and a resident of the rungu-wicara and daksa UPTs; to them the
/// section adds the first person (in id order) with an undetermined decision, so that every
/// outcome appears.
pub(super) const PEOPLE: &[&str] = &["pm-0001", "pm-0003"];

/// Writes the section: per person, per commitment with a rule in force on `as_of`, the
/// outcome and the short explanation in both languages.
pub(super) fn write_section(out: &mut String, reg: &Registry, as_of: NaiveDate) {
    let _ = writeln!(out, "\n== eligibility explained on {as_of} ==");
    let mut commitments = Vec::new();
    for a in reg.agreements() {
        if !a.in_force_on(as_of) {
            continue;
        }
        let partner = a.parties().iter().find_map(|p| match &p.party {
            PartyRef::Partner(id) => reg.partner(id),
            PartyRef::Agency(_) => None,
        });
        let context = Context::for_agreement(a, partner, as_of);
        for c in a.commitments_on(as_of) {
            let Some(src) = &c.eligibility else { continue };
            match Rule::parse(src) {
                Ok(rule) => {
                    commitments.push((format!("{}/{}", a.id(), c.id), rule, context.clone()))
                }
                Err(e) => {
                    let _ = writeln!(out, "{}/{}: rule does not compile ({e})", a.id(), c.id);
                }
            }
        }
    }
    let decide = |b: &crate::beneficiary::Beneficiary| {
        let facts = Facts::from_beneficiary(b, as_of);
        commitments
            .iter()
            .map(|(name, rule, context)| (name.as_str(), rule.evaluate(&facts, context, as_of)))
            .collect::<Vec<_>>()
    };
    let mut people: Vec<&crate::beneficiary::Beneficiary> = PEOPLE
        .iter()
        .filter_map(|id| BeneficiaryId::new(*id).ok())
        .filter_map(|id| reg.beneficiary(&id))
        .collect();
    if let Some(b) = reg.beneficiaries().find(|b| {
        decide(b)
            .iter()
            .any(|(_, d)| d.outcome() == crate::rules::Outcome::Undetermined)
    }) {
        people.push(b);
    }
    // the full form, its sentences on one line per language
    let line = |d: &crate::rules::Decision, lang: Lang| {
        d.explain(lang, Form::Full)
            .sentences
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    for b in people {
        let _ = writeln!(out, "{}:", b.id());
        for (name, d) in decide(b) {
            let _ = writeln!(out, "  {name}: {}", d.outcome().as_str());
            let _ = writeln!(out, "    id: {}", line(&d, Lang::Id));
            let _ = writeln!(out, "    en: {}", line(&d, Lang::En));
        }
    }
}
