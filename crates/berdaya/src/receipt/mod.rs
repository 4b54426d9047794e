//! Decision receipts: a verifiable record of every eligibility, enrollment and allocation
//! decision that holds digests, never personal data, and can be replayed later.
//!
//! A [`Receipt`] names the subject by its registry id, the commitment, the as-of date, the
//! rule (its [`Rule::content_hash`], SHA-256 of the canonical text) and, for each input fact
//! the decision read (the inputs of the rule's clauses, such as `birth_date` for `age`, the
//! agreement context and, in an allocation, the inputs of the priority keys), a keyed digest
//! of its value; then a digest of the whole input, the outcome, the facts that were missing,
//! the deciding clauses (without their values) and what was done (`enrolled`, `waitlisted`,
//! `refused`, `placed`, ...). Digests are HMAC-SHA-256 under the office's [`ReceiptKey`], so
//! a NIK or birth date cannot be recovered from a receipt by trying every value. The
//! canonical form digests are computed over is documented in `docs/receipts.md` and written
//! by [`canonical_json`].
//!
//! [`Receipt::replay`] re-derives the decision from a registry and says whether it still
//! holds ([`Replay::Holds`]) or what changed ([`Replay::Changed`]); a person whose personal
//! data was erased ([`Registry::erase_personal_data`]) gives [`Replay::SubjectErased`].
//!
//! ```
//! use berdaya::receipt::{Receipt, ReceiptKey, Replay};
//! use berdaya::rules::{Context, Facts, Rule};
//! use berdaya::{BeneficiaryId, EligibilityOutcome};
//! use chrono::NaiveDate;
//!
//! let key = ReceiptKey::new(b"office secret, 16+ bytes")?;
//! let rule = Rule::parse("age between 18 and 45")?;
//! let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
//! let mut facts: Facts = serde_json::from_str(r#"{"birth_date": "1998-03-12"}"#)?;
//! let who = BeneficiaryId::new("pm-1")?;
//! let receipt = Receipt::for_rule(&rule, None, &facts, &Context::default(), as_of, &who, &key);
//! assert_eq!(receipt.outcome, EligibilityOutcome::Eligible);
//! assert!(!receipt.to_json().contains("1998"));        // digests, not data
//! assert_eq!(Receipt::from_json(&receipt.to_json())?, receipt);
//! assert_eq!(receipt.replay_facts(&rule, &facts, &Context::default(), &key)?, Replay::Holds);
//! facts.birth_date = NaiveDate::from_ymd_opt(1970, 1, 1);
//! let Replay::Changed { facts: changed, new_outcome, .. } =
//!     receipt.replay_facts(&rule, &facts, &Context::default(), &key)? else { panic!() };
//! assert_eq!(changed, ["birth_date"]);
//! assert_eq!(new_outcome, EligibilityOutcome::Ineligible);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`Registry::erase_personal_data`]: crate::registry::Registry::erase_personal_data

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::allocation::{CommitmentRef, EligibilityOutcome};
use crate::error::Coded;
use crate::ids::BeneficiaryId;
use crate::rules::{Context, Facts, Outcome, Rule};

mod canonical;
mod decisions;

pub use canonical::{canonical_json, ReceiptKey, CANONICAL_VERSION};
pub use decisions::allocation_receipts;

/// The schema tag of a receipt's JSON form.
pub const RECEIPT_SCHEMA: &str = "berdaya.receipt/1";

/// What kind of decision a receipt records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum ReceiptKind {
    /// A rule evaluated on facts given by the caller.
    Rule,
    /// An enrollment decision ([`crate::Enrollments::enrol_with_receipt`]).
    Enrollment,
    /// An allocation decision ([`allocation_receipts`]).
    Allocation,
}

impl ReceiptKind {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            ReceiptKind::Rule => "rule",
            ReceiptKind::Enrollment => "enrollment",
            ReceiptKind::Allocation => "allocation",
        }
    }
}

/// The rule that decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct RuleStamp {
    /// SHA-256 (hex) of the rule's canonical text ([`Rule::content_hash`]).
    pub content_hash: String,
    /// The rule-set version label, where the caller knows it (e.g. of a versioned rule set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// A deciding clause, without the person's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct ReceiptReason {
    /// The rule the clause is written in (absent for a single expression).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The clause in canonical text.
    pub clause: String,
    /// The fact it tests.
    pub fact: String,
    /// The operator, as in a decision's reasons.
    pub op: String,
    /// Whether the clause held.
    pub result: bool,
}

/// What was done on the decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum ReceiptAction {
    /// Enrolled, with the enrollment's number.
    Enrolled {
        /// The enrollment's number.
        enrollment: u32,
    },
    /// Put on the waitlist of the commitment.
    Waitlisted {
        /// The position, 1 first.
        position: u32,
    },
    /// The enrollment was refused with this code (e.g. `enrollment.capacity_full`).
    Refused {
        /// The refusal's code.
        code: String,
    },
    /// Given a place in an allocation.
    Placed {
        /// Rank among the commitment's applicants, 1 first.
        rank: u32,
        /// The commitment's applicants.
        of: u32,
        /// The commitment's places.
        places: u32,
    },
    /// Eligible but without a place in an allocation.
    NotPlaced {
        /// Rank among the commitment's applicants, 1 first.
        rank: u32,
        /// The commitment's applicants.
        of: u32,
        /// The commitment's places.
        places: u32,
        /// Position on the waitlist, 1 first (0: not waiting).
        waitlist_position: u32,
    },
    /// Not open to the person (ineligible or undetermined) in an allocation.
    NotConsidered,
}

/// A decision receipt (see the module documentation). Holds no personal data: its `Debug`
/// and JSON show ids, digests and rule text only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
// In TypeScript the wire form is `ReceiptData`: `Receipt` is the class.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify), tsify(rename = "ReceiptData"))]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    /// [`RECEIPT_SCHEMA`].
    pub schema: String,
    /// The kind of decision.
    pub kind: ReceiptKind,
    /// The person's registry id (a pseudonymous identifier, not the NIK).
    pub subject: BeneficiaryId,
    /// The commitment (absent for a rule receipt).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<CommitmentRef>,
    /// The as-of date.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub as_of: NaiveDate,
    /// The rule (absent: the commitment has no rule, or does not exist on the date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<RuleStamp>,
    /// The public id of the key the digests are made with ([`ReceiptKey::id`]).
    pub key_id: String,
    /// Input fact name → keyed digest of its value.
    pub facts: BTreeMap<String, String>,
    /// Keyed digest of the whole input.
    pub input_digest: String,
    /// The eligibility outcome.
    pub outcome: EligibilityOutcome,
    /// Input facts that would settle an undetermined decision, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// The deciding clauses, in source order, without values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<ReceiptReason>,
    /// What was done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<ReceiptAction>,
}

/// What a replay found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Replay {
    /// The same inputs, the same rule, the same outcome.
    Holds,
    /// Something changed.
    Changed {
        /// The input facts whose values changed, sorted.
        facts: Vec<String>,
        /// Whether the deciding rule changed (or appeared or disappeared).
        rule_changed: bool,
        /// The outcome recorded in the receipt.
        outcome: EligibilityOutcome,
        /// The outcome re-derived now.
        new_outcome: EligibilityOutcome,
    },
    /// The person's personal data was erased; the receipt is still a valid record of what
    /// was decided, but cannot be re-derived.
    SubjectErased {
        /// The day of the erasure.
        #[cfg_attr(feature = "wasm", tsify(type = "string"))]
        erased_on: NaiveDate,
    },
    /// The person is not in the registry.
    SubjectMissing,
}

impl Replay {
    /// The wire name of the status: `holds`, `changed`, `subject_erased`, `subject_missing`.
    pub fn status(&self) -> &'static str {
        match self {
            Replay::Holds => "holds",
            Replay::Changed { .. } => "changed",
            Replay::SubjectErased { .. } => "subject_erased",
            Replay::SubjectMissing => "subject_missing",
        }
    }
}

/// Why a receipt could not be made, read or replayed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct ReceiptError {
    kind: ReceiptErrorKind,
}

impl ReceiptError {
    /// What went wrong.
    pub fn kind(&self) -> &ReceiptErrorKind {
        &self.kind
    }
}

impl From<ReceiptErrorKind> for ReceiptError {
    fn from(kind: ReceiptErrorKind) -> Self {
        ReceiptError { kind }
    }
}

/// The kinds of [`ReceiptError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReceiptErrorKind {
    /// The key is too short.
    #[error("a receipt key needs at least 16 bytes, not {len}")]
    ShortKey {
        /// Its length.
        len: usize,
    },
    /// The replay's key is not the one the receipt was made with.
    #[error("the receipt was made with key `{expected}`, not `{found}`")]
    KeyMismatch {
        /// The receipt's key id.
        expected: String,
        /// The given key's id.
        found: String,
    },
    /// No such beneficiary.
    #[error("unknown beneficiary `{0}`")]
    UnknownBeneficiary(String),
    /// A commitment rule of the registry does not compile.
    #[error("a commitment rule does not compile: {0}")]
    RuleInvalid(String),
    /// The replay does not fit the receipt's kind.
    #[error("a `{kind}` receipt is replayed {with}")]
    WrongKind {
        /// The receipt's kind.
        kind: &'static str,
        /// How it must be replayed.
        with: &'static str,
    },
    /// Not a receipt's JSON.
    #[error("invalid receipt JSON at line {line}, column {column}: {message}")]
    Json {
        /// What is wrong.
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// A schema this library does not read.
    #[error("unsupported receipt schema `{0}`")]
    UnsupportedSchema(String),
}

impl Coded for ReceiptError {
    fn code(&self) -> &'static str {
        use ReceiptErrorKind as K;
        match self.kind {
            K::ShortKey { .. } => "receipt.short_key",
            K::KeyMismatch { .. } => "receipt.key_mismatch",
            K::UnknownBeneficiary(_) => "receipt.unknown_beneficiary",
            K::RuleInvalid(_) => "receipt.rule_invalid",
            K::WrongKind { .. } => "receipt.wrong_kind",
            K::Json { .. } => "receipt.invalid_json",
            K::UnsupportedSchema(_) => "receipt.unsupported_schema",
        }
    }

    fn field(&self) -> Option<&'static str> {
        use ReceiptErrorKind as K;
        match self.kind {
            K::ShortKey { .. } | K::KeyMismatch { .. } => Some("key"),
            K::UnsupportedSchema(_) => Some("schema"),
            _ => None,
        }
    }
}

/// Input facts of the commitment (the rule's context), as opposed to the person's.
const CONTEXT_INPUTS: &[&str] = &["agreement_in_force", "partner_kind"];

/// The input facts a rule reads: those behind its personal facts and the context facts its
/// clauses name.
pub(crate) fn rule_inputs(rule: &Rule) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = rule
        .sensitive_facts()
        .into_iter()
        .map(|f| f.input)
        .collect();
    fn walk(v: &Value, out: &mut BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                // `{"fact": ..}` in a clause, `{"test": ..}` for a yes/no fact on its own
                for k in ["fact", "test"] {
                    if let Some(Value::String(f)) = m.get(k) {
                        if CONTEXT_INPUTS.contains(&f.as_str()) {
                            out.insert(f.clone());
                        }
                    }
                }
                m.values().for_each(|x| walk(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    if let Ok(v) = serde_json::from_str::<Value>(&rule.to_json()) {
        walk(&v, &mut out);
    }
    out
}

/// The canonical value of each named input: the wire form of [`Facts`] or [`Context`]
/// (`null` when unknown), lists sorted and without duplicates.
pub(crate) fn input_values(
    facts: &Facts,
    context: &Context,
    inputs: &BTreeSet<String>,
) -> BTreeMap<String, Value> {
    let f = serde_json::to_value(facts).unwrap_or(Value::Null);
    let c = serde_json::to_value(context).unwrap_or(Value::Null);
    inputs
        .iter()
        .map(|name| {
            let v = f
                .get(name)
                .or_else(|| c.get(name))
                .cloned()
                .unwrap_or(Value::Null);
            let v = match v {
                Value::Array(mut items) => {
                    items.sort_by_cached_key(canonical_json);
                    items.dedup();
                    Value::Array(items)
                }
                v => v,
            };
            (name.clone(), v)
        })
        .collect()
}

fn outcome_of(o: Outcome) -> EligibilityOutcome {
    match o {
        Outcome::Eligible => EligibilityOutcome::Eligible,
        Outcome::Ineligible => EligibilityOutcome::Ineligible,
        Outcome::Undetermined => EligibilityOutcome::Undetermined,
    }
}

/// Everything a receipt is computed from.
pub(crate) struct Inputs<'a> {
    pub kind: ReceiptKind,
    pub subject: &'a BeneficiaryId,
    pub target: Option<&'a CommitmentRef>,
    pub as_of: NaiveDate,
    /// The rule, its content hash and version label; or, decided without a rule, the outcome.
    pub rule: Result<(&'a Rule, &'a str, Option<&'a str>), EligibilityOutcome>,
    pub values: BTreeMap<String, Value>,
}

/// The digests of the inputs: one per fact, and of the whole.
fn digests(inp: &Inputs<'_>, key: &ReceiptKey) -> (BTreeMap<String, String>, String) {
    let subject = inp.subject.as_str();
    let facts = inp
        .values
        .iter()
        .map(|(name, value)| {
            let msg =
                json!({"v": CANONICAL_VERSION, "subject": subject, "fact": name, "value": value});
            (name.clone(), key.digest(canonical_json(&msg).as_bytes()))
        })
        .collect();
    let rule = inp.rule.as_ref().ok().map(|(_, hash, _)| *hash);
    let whole = json!({
        "v": CANONICAL_VERSION,
        "kind": inp.kind.as_str(),
        "subject": subject,
        "target": inp.target,
        "as_of": inp.as_of.to_string(),
        "rule": rule,
        "facts": inp.values,
    });
    (facts, key.digest(canonical_json(&whole).as_bytes()))
}

/// Decides and writes the receipt.
pub(crate) fn issue(inp: &Inputs<'_>, key: &ReceiptKey, facts: &Facts, ctx: &Context) -> Receipt {
    let (digest_facts, input_digest) = digests(inp, key);
    let (rule, outcome, missing, reasons) = match inp.rule {
        Ok((r, hash, version)) => {
            let d = r.evaluate(facts, ctx, inp.as_of);
            let reasons = d
                .reasons()
                .into_iter()
                .map(|x| ReceiptReason {
                    rule: x.rule,
                    clause: x.clause,
                    fact: x.fact,
                    op: x.op,
                    result: x.result,
                })
                .collect();
            (
                Some(RuleStamp {
                    content_hash: hash.to_owned(),
                    version: version.map(str::to_owned),
                }),
                outcome_of(d.outcome()),
                d.missing().into_iter().map(str::to_owned).collect(),
                reasons,
            )
        }
        Err(o) => (None, o, Vec::new(), Vec::new()),
    };
    Receipt {
        schema: RECEIPT_SCHEMA.to_owned(),
        kind: inp.kind,
        subject: inp.subject.clone(),
        target: inp.target.cloned(),
        as_of: inp.as_of,
        rule,
        key_id: key.id(),
        facts: digest_facts,
        input_digest,
        outcome,
        missing,
        reasons,
        action: None,
    }
}

impl Receipt {
    /// The receipt of `rule` evaluated on `facts` and `context` as of `as_of` for `subject`
    /// (kind `rule`), with an optional rule-set version label.
    pub fn for_rule(
        rule: &Rule,
        version: Option<&str>,
        facts: &Facts,
        context: &Context,
        as_of: NaiveDate,
        subject: &BeneficiaryId,
        key: &ReceiptKey,
    ) -> Receipt {
        let values = input_values(facts, context, &rule_inputs(rule));
        let hash = rule.content_hash();
        let inp = Inputs {
            kind: ReceiptKind::Rule,
            subject,
            target: None,
            as_of,
            rule: Ok((rule, &hash, version)),
            values,
        };
        issue(&inp, key, facts, context)
    }

    /// The JSON form (schema [`RECEIPT_SCHEMA`], keys in a fixed order).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads the JSON form.
    ///
    /// # Errors
    /// `receipt.invalid_json` (with line and column), `receipt.unsupported_schema`.
    pub fn from_json(s: &str) -> Result<Receipt, ReceiptError> {
        let r: Receipt = serde_json::from_str(s).map_err(|e| {
            // A receipt of another schema may have other fields: say so, not "unknown field".
            let schema = serde_json::from_str::<Value>(s).ok().and_then(|v| {
                v.get("schema")
                    .and_then(Value::as_str)
                    .filter(|x| *x != RECEIPT_SCHEMA)
                    .map(str::to_owned)
            });
            match schema {
                Some(other) => ReceiptErrorKind::UnsupportedSchema(other),
                None => ReceiptErrorKind::Json {
                    message: e.to_string(),
                    line: e.line(),
                    column: e.column(),
                },
            }
        })?;
        if r.schema != RECEIPT_SCHEMA {
            return Err(ReceiptErrorKind::UnsupportedSchema(r.schema).into());
        }
        Ok(r)
    }

    fn check_key(&self, key: &ReceiptKey) -> Result<(), ReceiptError> {
        let found = key.id();
        if found != self.key_id {
            return Err(ReceiptErrorKind::KeyMismatch {
                expected: self.key_id.clone(),
                found,
            }
            .into());
        }
        Ok(())
    }

    /// Compares the receipt with one re-derived now.
    pub(crate) fn compare(&self, now: &Receipt) -> Replay {
        let facts: Vec<String> = self
            .facts
            .iter()
            .filter(|(name, d)| now.facts.get(*name).is_some_and(|n| n != *d))
            .map(|(name, _)| name.clone())
            .collect();
        let rule_changed = self.rule.as_ref().map(|r| &r.content_hash)
            != now.rule.as_ref().map(|r| &r.content_hash);
        if facts.is_empty()
            && !rule_changed
            && self.outcome == now.outcome
            && self.input_digest == now.input_digest
        {
            return Replay::Holds;
        }
        Replay::Changed {
            facts,
            rule_changed,
            outcome: self.outcome,
            new_outcome: now.outcome,
        }
    }

    /// Re-derives a `rule` receipt from `rule` and the facts as they are now.
    ///
    /// # Errors
    /// `receipt.key_mismatch`; `receipt.wrong_kind` for an enrollment or allocation receipt
    /// (replay those with [`Receipt::replay`]).
    pub fn replay_facts(
        &self,
        rule: &Rule,
        facts: &Facts,
        context: &Context,
        key: &ReceiptKey,
    ) -> Result<Replay, ReceiptError> {
        self.check_key(key)?;
        if self.kind != ReceiptKind::Rule {
            return Err(ReceiptErrorKind::WrongKind {
                kind: self.kind.as_str(),
                with: "against a registry",
            }
            .into());
        }
        // The facts the receipt read, and those the rule reads now.
        let mut inputs: BTreeSet<String> = self.facts.keys().cloned().collect();
        let now_inputs = rule_inputs(rule);
        let hash = rule.content_hash();
        let same_rule = self.rule.as_ref().is_some_and(|r| r.content_hash == hash);
        if !same_rule {
            inputs = now_inputs;
        }
        let version = self.rule.as_ref().and_then(|r| r.version.as_deref());
        let inp = Inputs {
            kind: ReceiptKind::Rule,
            subject: &self.subject,
            target: None,
            as_of: self.as_of,
            rule: Ok((rule, &hash, version)),
            values: input_values(facts, context, &inputs),
        };
        Ok(self.compare(&issue(&inp, key, facts, context)))
    }
}
