//! Eligibility from the commitments' own rules: the rule-language side of the
//! [`Eligibility`] seam.
//!
//! [`RuleEligibility::from_registry`] compiles the `eligibility` source of every commitment
//! of every agreement once (the commitments as first agreed and as set by each addendum), so
//! a rule that does not compile is refused up front with an [`EligibilityRuleError`] naming
//! the agreement and commitment. A decision then evaluates the rule of the commitment as
//! amended by the as-of date against [`Facts::from_beneficiary`] and
//! [`Context::for_agreement`] (the agreement and its partner):
//!
//! - a commitment without a rule is open to everyone: `eligible`, no rule version;
//! - otherwise the rule's outcome, the input facts that would settle an `undetermined` case
//!   (`missing`), and the rule's [`Rule::content_hash`] as `rule_version`;
//! - an agreement or commitment that does not exist on the date admits nobody:
//!   `ineligible`.
//!
//! ```
//! use berdaya::allocation::{CommitmentRef, Eligibility, EligibilityOutcome, RuleEligibility};
//! use berdaya::{scenario, BeneficiaryId};
//! use chrono::NaiveDate;
//!
//! let reg = scenario::east_java_2020()?;
//! let elig = RuleEligibility::from_registry(&reg)?;
//! let on = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
//! let (target, _) = elig.rules().next().expect("the sample has commitment rules");
//! let decided = reg
//!     .beneficiaries()
//!     .map(|b| elig.decide(b, &target, on))
//!     .filter(|d| d.outcome != EligibilityOutcome::Undetermined)
//!     .count();
//! assert!(decided > 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::{CommitmentRef, Eligibility, EligibilityDecision, EligibilityOutcome};
use crate::agreement::{Agreement, Change, PartyRef};
use crate::beneficiary::Beneficiary;
use crate::error::Coded;
use crate::ids::AgreementId;
use crate::partner::Partner;
use crate::registry::Registry;
use crate::rules::{Context, Diagnostic, Facts, Rule, RuleError};
use crate::Outcome;

/// A compiled commitment rule and its version.
#[derive(Debug, Clone)]
struct Compiled {
    rule: Rule,
    version: String,
    /// The input facts the rule reads (for receipts).
    inputs: std::collections::BTreeSet<String>,
}

/// What a commitment is from a date on: absent, open to everyone, or under a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Absent,
    Open,
    Rule(usize),
}

/// Eligibility decided by the commitments' rules (see the module documentation).
#[derive(Debug, Clone)]
pub struct RuleEligibility {
    /// Each agreement with its partner (for the rule context).
    agreements: BTreeMap<AgreementId, (Agreement, Option<Partner>)>,
    /// Compiled rules, in order of first appearance.
    compiled: Vec<Compiled>,
    /// Per commitment, its states with the day each starts (`None`: as first agreed), in
    /// history order: the last one started on or before a date applies. The same answer as
    /// `Agreement::commitments_on`, without rebuilding the commitments for every decision.
    timeline: HashMap<CommitmentRef, Vec<(Option<NaiveDate>, State)>>,
}

/// A commitment's eligibility rule does not compile. Code `eligibility.rule_invalid`, field
/// `eligibility`; the span is in the rule's source ([`EligibilityRuleError::source_text`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the eligibility rule of `{target}` does not compile: {error}")]
pub struct EligibilityRuleError {
    target: CommitmentRef,
    source_text: String,
    error: RuleError,
}

impl EligibilityRuleError {
    /// The agreement and commitment whose rule is broken.
    pub fn target(&self) -> &CommitmentRef {
        &self.target
    }

    /// The rule's source, against which the span and diagnostics are located.
    pub fn source_text(&self) -> &str {
        &self.source_text
    }

    /// Every diagnostic of the rule.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        self.error.diagnostics()
    }
}

impl Coded for EligibilityRuleError {
    fn code(&self) -> &'static str {
        "eligibility.rule_invalid"
    }

    fn field(&self) -> Option<&'static str> {
        Some("eligibility")
    }

    fn byte_span(&self) -> Option<std::ops::Range<usize>> {
        self.error.byte_span()
    }

    fn help(&self) -> Option<String> {
        self.error.help()
    }
}

fn partner_of(reg: &Registry, a: &Agreement) -> Option<Partner> {
    a.parties().iter().find_map(|p| match &p.party {
        PartyRef::Partner(id) => reg.partner(id).cloned(),
        PartyRef::Agency(_) => None,
    })
}

impl RuleEligibility {
    /// Compiles the eligibility rules of every commitment in the registry.
    ///
    /// # Errors
    /// `eligibility.rule_invalid` for the first commitment (by agreement id, then as
    /// agreed, then by addendum) whose rule does not compile.
    pub fn from_registry(reg: &Registry) -> Result<RuleEligibility, EligibilityRuleError> {
        let mut agreements = BTreeMap::new();
        let mut by_source: HashMap<&str, usize> = HashMap::new();
        let mut compiled: Vec<Compiled> = Vec::new();
        let mut timeline: HashMap<CommitmentRef, Vec<(Option<NaiveDate>, State)>> = HashMap::new();
        for a in reg.agreements() {
            let agreed = a.data().commitments.iter().map(|c| (None, Some(c), &c.id));
            let amended = a.addenda().flat_map(|(on, add)| {
                add.changes.iter().filter_map(move |c| match c {
                    Change::SetCommitment { commitment } => {
                        Some((Some(on), Some(commitment), &commitment.id))
                    }
                    Change::RemoveCommitment { id } => Some((Some(on), None, id)),
                    _ => None,
                })
            });
            for (on, c, id) in agreed.chain(amended) {
                let target = CommitmentRef {
                    agreement: a.id().clone(),
                    commitment: id.clone(),
                };
                let state = match c.map(|c| c.eligibility.as_deref()) {
                    None => State::Absent,
                    Some(None) => State::Open,
                    Some(Some(src)) => match by_source.get(src) {
                        Some(&i) => State::Rule(i),
                        None => {
                            let rule = Rule::parse(src).map_err(|error| EligibilityRuleError {
                                target: target.clone(),
                                source_text: src.to_owned(),
                                error,
                            })?;
                            let version = rule.content_hash();
                            by_source.insert(src, compiled.len());
                            let inputs = crate::receipt::rule_inputs(&rule);
                            compiled.push(Compiled {
                                rule,
                                version,
                                inputs,
                            });
                            State::Rule(compiled.len() - 1)
                        }
                    },
                };
                timeline.entry(target).or_default().push((on, state));
            }
            agreements.insert(a.id().clone(), (a.clone(), partner_of(reg, a)));
        }
        Ok(RuleEligibility {
            agreements,
            compiled,
            timeline,
        })
    }

    /// The state of a commitment on a date.
    fn state(&self, target: &CommitmentRef, on: NaiveDate) -> State {
        self.timeline
            .get(target)
            .and_then(|t| {
                t.iter()
                    .rev()
                    .find(|(from, _)| from.is_none_or(|f| f <= on))
            })
            .map_or(State::Absent, |(_, s)| *s)
    }

    /// The commitments (as first agreed) that have a rule, with the rule's version, by
    /// agreement and then in agreement order.
    pub fn rules(&self) -> impl Iterator<Item = (CommitmentRef, &str)> + '_ {
        self.agreements.iter().flat_map(move |(id, (a, _))| {
            a.data().commitments.iter().filter_map(move |c| {
                let target = CommitmentRef {
                    agreement: id.clone(),
                    commitment: c.id.clone(),
                };
                let (_, first) = self.timeline.get(&target)?.first()?;
                match first {
                    State::Rule(i) => Some((target, self.compiled.get(*i)?.version.as_str())),
                    _ => None,
                }
            })
        })
    }
}

/// What decides a commitment on a date, for decision receipts (`crate::receipt`).
#[derive(Debug, Clone, Copy)]
pub(crate) enum RuleOn<'a> {
    /// The agreement or commitment does not exist on the date: nobody is admitted.
    Absent,
    /// No rule: open to everyone.
    Open,
    /// The rule, its content hash and the input facts it reads.
    Rule(&'a Rule, &'a str, &'a std::collections::BTreeSet<String>),
}

impl RuleEligibility {
    /// The rule deciding `target` on `on` (see [`RuleOn`]).
    pub(crate) fn rule_on(&self, target: &CommitmentRef, on: NaiveDate) -> RuleOn<'_> {
        if !self.agreements.contains_key(&target.agreement) {
            return RuleOn::Absent;
        }
        match self.state(target, on) {
            State::Absent => RuleOn::Absent,
            State::Open => RuleOn::Open,
            State::Rule(i) => self.compiled.get(i).map_or(RuleOn::Absent, |c| {
                RuleOn::Rule(&c.rule, &c.version, &c.inputs)
            }),
        }
    }

    /// The rule context of `target`'s agreement on `on`, as [`Eligibility::decide`] uses it.
    pub(crate) fn context_on(&self, target: &CommitmentRef, on: NaiveDate) -> Context {
        self.agreements
            .get(&target.agreement)
            .map(|(a, p)| Context::for_agreement(a, p.as_ref(), on))
            .unwrap_or_default()
    }
}

fn outcome(o: Outcome) -> EligibilityOutcome {
    match o {
        Outcome::Eligible => EligibilityOutcome::Eligible,
        Outcome::Ineligible => EligibilityOutcome::Ineligible,
        Outcome::Undetermined => EligibilityOutcome::Undetermined,
    }
}

impl Eligibility for RuleEligibility {
    fn decide(
        &self,
        b: &Beneficiary,
        target: &CommitmentRef,
        as_of: NaiveDate,
    ) -> EligibilityDecision {
        let Some((a, partner)) = self.agreements.get(&target.agreement) else {
            return EligibilityDecision::ineligible();
        };
        let compiled = match self.state(target, as_of) {
            State::Absent => return EligibilityDecision::ineligible(),
            State::Open => return EligibilityDecision::eligible(),
            State::Rule(i) => match self.compiled.get(i) {
                Some(c) => c,
                None => return EligibilityDecision::ineligible(),
            },
        };
        let facts = Facts::from_beneficiary(b, as_of);
        let context = Context::for_agreement(a, partner.as_ref(), as_of);
        let d = compiled.rule.evaluate(&facts, &context, as_of);
        let outcome = outcome(d.outcome());
        EligibilityDecision {
            outcome,
            missing: if outcome == EligibilityOutcome::Undetermined {
                d.missing().into_iter().map(str::to_owned).collect()
            } else {
                Vec::new()
            },
            rule_version: Some(compiled.version.clone()),
        }
    }
}
