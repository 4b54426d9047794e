//! The report's registry-wide eligibility summary: every commitment with a rule, decided for
//! the whole registry at once by columnar batch evaluation (issue 6), with the input facts
//! most often missing for the undetermined.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::agreement::PartyRef;
use crate::population::{ImportOptions, Population};
use crate::registry::Registry;
use crate::rules::{Context, Rule};

/// Writes the section for the commitments in force on `as_of`.
pub(super) fn write_section(out: &mut String, reg: &Registry, as_of: NaiveDate) {
    let _ = writeln!(
        out,
        "\n== registry-wide eligibility on {as_of} (batch evaluation) =="
    );
    let pop = match Population::from_registry(reg, &ImportOptions::new(as_of)) {
        Ok((pop, _)) => pop,
        Err(e) => {
            let _ = writeln!(out, "population not built: {e}");
            return;
        }
    };
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
            let Some(rule) = c.eligibility.as_deref().and_then(|s| Rule::parse(s).ok()) else {
                continue;
            };
            let result = rule.evaluate_batch(&pop, &context, as_of);
            let counts = result.counts();
            let mut missing: BTreeMap<&str, usize> = BTreeMap::new();
            for m in result.missing.iter().flatten() {
                *missing.entry(m.as_str()).or_default() += 1;
            }
            let mut missing: Vec<(&str, usize)> = missing.into_iter().collect();
            missing.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
            let missing: Vec<String> = missing
                .iter()
                .take(3)
                .map(|(fact, n)| format!("{fact} {n}"))
                .collect();
            let _ = writeln!(
                out,
                "{}/{}: {} of {} eligible, {} ineligible, {} undetermined{}",
                a.id(),
                c.id,
                counts.eligible,
                pop.len(),
                counts.ineligible,
                counts.undetermined,
                if missing.is_empty() {
                    String::new()
                } else {
                    format!(" (missing: {})", missing.join(", "))
                }
            );
        }
    }
}
