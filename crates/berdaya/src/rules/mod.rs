#![doc = include_str!("../../../../docs/rules.md")]

mod ast;
mod check;
mod columnar;
mod counterfactual;
mod diagnostic;
/// Levenshtein distance, shared with other "did you mean" helpers of the crate.
pub(crate) use diagnostic::distance as edit_distance;
mod eval;
mod explain;
mod facts;
mod fast;
mod json;
mod lex;
mod lint;
mod parse;
mod phrases;
mod print;
mod sensitive;
mod versioned;

use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};
use sha2::{Digest, Sha256};

pub use columnar::{BatchEvaluation, BatchPlan, Detail, NO_REASON};
pub use counterfactual::{
    ContextTimeline, Counterfactual, CounterfactualReport, DateSpan, InForce, SettlingFact,
    HORIZON_YEARS,
};
pub use diagnostic::{Diagnostic, RuleError, Severity};
pub use explain::{Explanation, Form, Sentence, SentenceKind};
pub use facts::{Context, Facts};
pub use json::SCHEMA as JSON_SCHEMA;
pub use phrases::{ExplainError, Lang};
pub use sensitive::{SensitiveFact, Sensitivity};
pub use versioned::{
    RuleReference, RuleVersion, VersionError, VersionErrorKind, VersionedCounterfactual,
    VersionedDecision, VersionedRuleSet, MAX_VERSIONS,
};

use crate::error::Span;
use ast::{Quant, RuleDef, Sp};
use diagnostic::Diag;
use eval::{from_day, Actual, Env, Num, Program, RawReason, Sink, Test, Tri};
use facts::{FactId, Ty};

/// Largest accepted source, in bytes.
pub const MAX_SOURCE: usize = 1 << 20;
/// Deepest nesting of `not` and parentheses within one rule.
pub const MAX_DEPTH: usize = 256;
/// Deepest nesting counted through references to other rules.
pub const MAX_EVAL_DEPTH: usize = 1024;
/// Most syntax nodes (clauses, connectives, literal values) in one source.
pub const MAX_NODES: usize = 100_000;
/// Most values in one literal list.
pub const MAX_SET: usize = 100_000;

/// Whether `src` is a rule file (its first word is `rule`) rather than a single expression.
fn is_rule_file(src: &str) -> bool {
    let mut rest = src;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix('#') {
            rest = r.find('\n').map_or("", |i| r.get(i..).unwrap_or(""));
        } else {
            break;
        }
    }
    rest.strip_prefix("rule")
        .is_some_and(|r| !r.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
}

fn compile(src: &str, file: bool) -> (Option<Program>, Vec<Diagnostic>) {
    let (program, diags) = if file {
        let (defs, diags) = parse::parse_file(src);
        check::analyze(src, defs, false, diags)
    } else {
        match parse::parse_expr(src) {
            Ok(body) => {
                let def = RuleDef {
                    name: String::new(),
                    name_span: Sp::default(),
                    title: None,
                    body,
                };
                check::analyze(src, vec![def], true, Vec::new())
            }
            Err(d) => (None, vec![d]),
        }
    };
    (program, resolve(src, diags))
}

/// At most this many diagnostics are reported (the first, in source order).
pub const MAX_DIAGNOSTICS: usize = 100;

fn resolve(src: &str, mut diags: Vec<Diag>) -> Vec<Diagnostic> {
    diags.truncate(MAX_DIAGNOSTICS);
    let spans: Vec<Sp> = diags.iter().map(|d| d.span).collect();
    let resolved = diagnostic::resolve_all(src, &spans);
    diags
        .into_iter()
        .zip(resolved)
        .map(|(d, s)| d.with_span(src, s))
        .collect()
}

/// Checks a rule source without compiling it: every diagnostic, errors and warnings, as data.
/// A source whose first word is `rule` is a rule file; anything else is a single expression.
pub fn check(src: &str) -> Vec<Diagnostic> {
    compile(src, is_rule_file(src)).1
}

fn compiled(src: &str, file: bool) -> Result<(Arc<Program>, Vec<Diagnostic>), RuleError> {
    match compile(src, file) {
        (Some(p), diags) => Ok((Arc::new(p), diags)),
        (None, diags) => Err(RuleError::new(diags)),
    }
}

fn json_error(src: &str, d: Diag) -> RuleError {
    RuleError::new(vec![d.resolve(src)])
}

/// A checked, compiled rule: the only thing that can be evaluated.
#[derive(Debug, Clone)]
pub struct Rule {
    program: Arc<Program>,
    def: usize,
    warnings: Arc<[Diagnostic]>,
}

/// A checked file of named rules that may refer to each other.
#[derive(Debug, Clone)]
pub struct RuleSet {
    program: Arc<Program>,
    warnings: Arc<[Diagnostic]>,
}

impl RuleSet {
    #[cfg(test)]
    pub(crate) fn program_for_tests(&self) -> Arc<Program> {
        Arc::clone(&self.program)
    }

    /// Parses and checks a rule file.
    ///
    /// # Errors
    /// A [`RuleError`] with every diagnostic if any is an error.
    pub fn parse(src: &str) -> Result<RuleSet, RuleError> {
        let (program, warnings) = compiled(src, true)?;
        Ok(RuleSet {
            program,
            warnings: warnings.into(),
        })
    }

    /// Reads the JSON form (schema `berdaya.rules/1` with `rules`).
    ///
    /// # Errors
    /// A [`RuleError`]: `rule.json.*` for malformed JSON, or the checker's diagnostics against
    /// the canonical text of the rules.
    pub fn from_json(json: &str) -> Result<RuleSet, RuleError> {
        match json::from_json(json).map_err(|d| json_error(json, d))? {
            json::Doc::Rules(defs) => RuleSet::parse(&print::file_text(defs.iter())),
            json::Doc::Expression(_) => Err(json_error(
                json,
                Diag::error(
                    "rule.json.invalid",
                    Sp::default(),
                    "expected `rules`, found `expression`".into(),
                    "seharusnya `rules`, ditemukan `expression`".into(),
                ),
            )),
        }
    }

    /// The rule named `name`.
    pub fn rule(&self, name: &str) -> Option<Rule> {
        let def = self.program.defs.iter().position(|d| d.name == name)?;
        Some(Rule {
            program: Arc::clone(&self.program),
            def,
            warnings: Arc::clone(&self.warnings),
        })
    }

    /// The names of the rules, in source order.
    pub fn names(&self) -> Vec<&str> {
        self.program.defs.iter().map(|d| d.name.as_str()).collect()
    }

    /// Warnings found when checking.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Canonical text of the whole file.
    pub fn to_text(&self) -> String {
        print::file_text(self.program.defs.iter())
    }

    /// The JSON form of the whole file (of its canonical text).
    pub fn to_json(&self) -> String {
        file_json(&self.to_text())
    }
}

/// The JSON of canonical file text (read back so that values are spelled canonically).
fn file_json(text: &str) -> String {
    let (defs, _) = parse::parse_file(text);
    json::defs_to_json(defs.iter()).to_string()
}

impl Rule {
    /// Parses and checks a single expression. (A source whose first word is `rule` is read as
    /// a rule file and its last rule is taken, so that [`Rule::to_text`] of a rule from a set
    /// reads back.)
    ///
    /// # Errors
    /// A [`RuleError`] with every diagnostic if any is an error.
    pub fn parse(src: &str) -> Result<Rule, RuleError> {
        let (program, warnings) = compiled(src, is_rule_file(src))?;
        let def = program.defs.len().saturating_sub(1);
        Ok(Rule {
            program,
            def,
            warnings: warnings.into(),
        })
    }

    /// Reads the JSON form (schema `berdaya.rules/1`, `expression` or `rules`; of `rules` the
    /// last is taken).
    ///
    /// # Errors
    /// As [`RuleSet::from_json`].
    pub fn from_json(json: &str) -> Result<Rule, RuleError> {
        match json::from_json(json).map_err(|d| json_error(json, d))? {
            json::Doc::Rules(defs) => Rule::parse(&print::file_text(defs.iter())),
            json::Doc::Expression(e) => Rule::parse(&print::expr_text(&e)),
        }
    }

    fn def(&self) -> Option<&RuleDef> {
        self.program.defs.get(self.def)
    }

    /// The rule's name (`None` for a single expression).
    pub fn name(&self) -> Option<&str> {
        self.def()
            .map(|d| d.name.as_str())
            .filter(|_| !self.program.expression)
    }

    /// The rule's title, if written.
    pub fn title(&self) -> Option<&str> {
        self.def().and_then(|d| d.title.as_deref())
    }

    /// Warnings found when checking.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    fn closure(&self) -> impl Iterator<Item = &RuleDef> {
        let deps = self.program.deps.get(self.def).map_or(&[][..], |d| &d[..]);
        deps.iter()
            .chain(std::iter::once(&self.def))
            .filter_map(|i| self.program.defs.get(*i))
    }

    /// Canonical text: the expression, or for a rule of a set the rules it uses (in dependency
    /// order) and then itself.
    pub fn to_text(&self) -> String {
        if self.program.expression {
            self.def()
                .map_or_else(String::new, |d| print::expr_text(&d.body))
        } else {
            print::file_text(self.closure())
        }
    }

    /// The JSON form (schema `berdaya.rules/1`) of the canonical text.
    pub fn to_json(&self) -> String {
        let text = self.to_text();
        if self.program.expression {
            match parse::parse_expr(&text) {
                Ok(e) => json::expr_to_json(&e).to_string(),
                Err(_) => serde_json::Value::Null.to_string(),
            }
        } else {
            file_json(&text)
        }
    }

    /// SHA-256 (hex) of the canonical text: equal for rules that print the same.
    pub fn content_hash(&self) -> String {
        let digest = Sha256::digest(self.to_text().as_bytes());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Decides for one person as of a date. Unknown facts make clauses unknown (never true);
    /// the connectives follow Kleene logic.
    pub fn evaluate(&self, facts: &Facts, context: &Context, as_of: NaiveDate) -> Decision {
        let root = self
            .program
            .roots
            .get(self.def)
            .copied()
            .unwrap_or(u32::MAX);
        let env = Env {
            facts,
            ctx: context,
            as_of,
            at: facts::AsOf::new(as_of),
        };
        let mut sink = Sink {
            reasons: Vec::with_capacity(self.program.clauses.len().min(16)),
            extra: Vec::new(),
        };
        let (t, missing) = self.program.eval(root, &env, &mut sink);
        let outcome = match t {
            Tri::True => Outcome::Eligible,
            Tri::False => Outcome::Ineligible,
            Tri::Unknown => Outcome::Undetermined,
        };
        Decision {
            outcome,
            missing,
            reasons: sink.reasons,
            extra: sink.extra,
            as_of,
            program: Arc::clone(&self.program),
        }
    }
}

/// The three outcomes of a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Outcome {
    /// The rule holds.
    Eligible,
    /// The rule does not hold.
    Ineligible,
    /// Unknown facts leave it open; see [`Decision::missing`].
    Undetermined,
}

impl Outcome {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Eligible => "eligible",
            Outcome::Ineligible => "ineligible",
            Outcome::Undetermined => "undetermined",
        }
    }
}

/// A decision for one person: the outcome, the missing input facts, and the deciding clauses.
///
/// Reasons are held compactly (clause and actual value) and rendered by
/// [`Decision::reasons`]; the serialised form is [`DecisionReport`].
#[derive(Debug, Clone)]
pub struct Decision {
    outcome: Outcome,
    missing: u32,
    reasons: Vec<RawReason>,
    extra: Vec<Vec<String>>,
    as_of: NaiveDate,
    program: Arc<Program>,
}

/// A value in a reason: a yes/no, an integer, text (dates as `YYYY-MM-DD`, enum values by
/// their English name), or a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Value {
    /// Yes/no.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// Text, a date or an enum value.
    Text(String),
    /// A list of values.
    List(Vec<Value>),
}

/// A clause that decided the outcome, with the fact's actual value and the threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Reason {
    /// The rule the clause is written in (absent for a single expression).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The clause in canonical text.
    pub clause: String,
    /// The fact it tests.
    pub fact: String,
    /// The operator: `=`, `!=`, `<`, `<=`, `>`, `>=`, `between`, `in`, `not_in`, `has`,
    /// `has_any`, `has_all`, `has_none`, `is_empty`, `is_not_empty` or `known`.
    pub op: String,
    /// Whether the clause held.
    pub result: bool,
    /// The fact's value (for list tests against text values: the person's values among the
    /// clause's); `null` for `known`.
    pub actual: Option<Value>,
    /// The value(s) compared with (dates relative to the as-of date resolved).
    pub threshold: Option<Value>,
    /// Where the clause is in the rule's source.
    pub span: Span,
}

/// The wire form of a [`Decision`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct DecisionReport {
    /// `eligible`, `ineligible` or `undetermined`.
    pub outcome: Outcome,
    /// Input facts whose knowledge could settle an undetermined decision, sorted.
    pub missing: Vec<String>,
    /// The deciding clauses, in source order.
    pub reasons: Vec<Reason>,
}

impl Decision {
    /// Eligible, ineligible or undetermined.
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// The input facts (e.g. `birth_date`, not `age`) whose knowledge could settle an
    /// undetermined decision, sorted; empty otherwise.
    pub fn missing(&self) -> Vec<&'static str> {
        facts::INPUTS
            .iter()
            .enumerate()
            .filter(|(i, _)| self.missing & (1 << i) != 0)
            .map(|(_, n)| *n)
            .collect()
    }

    /// How many deciding clauses there are.
    pub fn reason_count(&self) -> usize {
        self.reasons.len()
    }

    /// The deciding clauses, first in source order: for an eligible decision every clause
    /// that made it hold, for an ineligible one the first clause (in source order) that made
    /// each `and` fail; none for an undetermined one.
    pub fn reasons(&self) -> Vec<Reason> {
        let mut out: Vec<Reason> = self.reasons.iter().filter_map(|r| self.render(r)).collect();
        out.sort_by_key(|r| (r.span.start, r.span.end));
        out
    }

    /// The wire form.
    pub fn report(&self) -> DecisionReport {
        DecisionReport {
            outcome: self.outcome,
            missing: self.missing().into_iter().map(str::to_owned).collect(),
            reasons: self.reasons(),
        }
    }

    fn render(&self, r: &RawReason) -> Option<Reason> {
        let p = &self.program;
        let c = p.clauses.get(r.clause as usize)?;
        let ty = c.fact.ty();
        let num = |n: &Num| n.value(self.as_of).map(|v| render_num(c.fact, v));
        let names = |v: &[String]| Value::List(v.iter().map(|s| Value::Text(s.clone())).collect());
        let (op, threshold) = match &c.test {
            Test::Known => ("known", None),
            Test::Cmp(op, n) => (op.as_str(), num(n)),
            Test::Between(l, h) => ("between", Some(Value::List(vec![num(l)?, num(h)?]))),
            Test::InNum(neg, v) => (
                if *neg { "not_in" } else { "in" },
                Some(Value::List(
                    v.iter().map(|n| render_num(c.fact, *n)).collect(),
                )),
            ),
            Test::EqStr(neg, s, _) => (if *neg { "!=" } else { "=" }, Some(Value::Text(s.clone()))),
            Test::InStr(neg, v, _) => (if *neg { "not_in" } else { "in" }, Some(names(v))),
            Test::HasDis(q, v) => (
                quant_op(*q),
                Some(Value::List(
                    v.iter().map(|d| Value::Text(d.as_str().into())).collect(),
                )),
            ),
            Test::HasText(q, v) => (quant_op(*q), Some(names(v))),
            Test::Empty(neg) => (if *neg { "is_not_empty" } else { "is_empty" }, None),
        };
        let actual = match &r.actual() {
            Actual::None => None,
            Actual::Bool(b) => Some(Value::Bool(*b)),
            Actual::Num(n) => Some(render_num(c.fact, *n)),
            Actual::Dis(s) => Some(Value::List(
                s.iter().map(|d| Value::Text(d.as_str().into())).collect(),
            )),
            Actual::Hits(m) => match &c.test {
                Test::HasText(_, v) => Some(Value::List(
                    v.iter()
                        .enumerate()
                        .filter(|(i, _)| m & (1u64 << i) != 0)
                        .map(|(_, s)| Value::Text(s.clone()))
                        .collect(),
                )),
                _ => None,
            },
            Actual::Short(len, buf) => Some(Value::Text(
                String::from_utf8_lossy(buf.get(..usize::from(*len)).unwrap_or(&[])).into_owned(),
            )),
            Actual::Extra(i) => {
                let v = self.extra.get(*i as usize)?;
                match c.fact.ty() {
                    Ty::Region | Ty::Text => v.first().map(|s| Value::Text(s.clone())),
                    _ => Some(names(v)),
                }
            }
        };
        let _ = ty;
        let rule = p
            .defs
            .get(c.rule)
            .filter(|_| !p.expression)
            .map(|d| d.name.clone());
        Some(Reason {
            rule,
            clause: c.text.clone(),
            fact: c.fact.name().to_owned(),
            op: op.to_owned(),
            result: r.result,
            actual,
            threshold,
            span: p
                .spans
                .get(r.clause as usize)
                .copied()
                .unwrap_or_else(|| Span::resolve(&p.source, c.span.start..c.span.end)),
        })
    }
}

fn quant_op(q: Quant) -> &'static str {
    match q {
        Quant::One => "has",
        Quant::Any => "has_any",
        Quant::All => "has_all",
        Quant::None => "has_none",
    }
}

fn render_num(fact: FactId, n: i64) -> Value {
    match fact.ty() {
        Ty::Date => from_day(n).map_or(Value::Int(n), |d| Value::Text(d.to_string())),
        Ty::Enum(k) => Value::Text(k.name(u8::try_from(n).unwrap_or(u8::MAX)).to_owned()),
        Ty::Bool => Value::Bool(n != 0),
        _ => Value::Int(n),
    }
}

impl Serialize for Decision {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.report().serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn schema_is_in_fact_order() {
        for (i, f) in facts::SCHEMA.iter().enumerate() {
            assert_eq!(f.0 as usize, i, "{}", f.1);
            assert_eq!(FactId::lookup(f.1), Some(f.0));
            assert_ne!(f.0.input_bit(), 0, "{} has an input", f.1);
        }
        let mut sorted = facts::INPUTS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, facts::INPUTS, "inputs are sorted so `missing` is");
    }

    #[test]
    fn age_in_completed_years() {
        assert_eq!(facts::age(d(2002, 9, 9), d(2020, 9, 9)), Some(18));
        assert_eq!(facts::age(d(2002, 9, 10), d(2020, 9, 9)), Some(17));
        assert_eq!(facts::age(d(2000, 2, 29), d(2021, 2, 28)), Some(20));
        assert_eq!(facts::age(d(2000, 2, 29), d(2021, 3, 1)), Some(21));
        assert_eq!(facts::age(d(2000, 2, 29), d(2024, 2, 29)), Some(24));
        assert_eq!(facts::age(d(2020, 9, 10), d(2020, 9, 9)), None);
        // the precomputed form agrees with the reference form on every day of 2019-2021
        let mut b = d(1999, 12, 1);
        while b < d(2001, 4, 1) {
            let mut a = d(2019, 1, 1);
            while a < d(2021, 12, 31) {
                assert_eq!(facts::AsOf::new(a).age(b), facts::age(b, a), "{b} {a}");
                a = a.succ_opt().unwrap();
            }
            b = b.checked_add_days(chrono::Days::new(7)).unwrap();
        }
    }

    #[test]
    fn date_shift_clamps_to_month_end() {
        use ast::Unit;
        assert_eq!(
            eval::shift(d(2020, 3, 31), &[(-1, Unit::Months)]),
            Some(d(2020, 2, 29))
        );
        assert_eq!(
            eval::shift(d(2024, 2, 29), &[(-1, Unit::Years)]),
            Some(d(2023, 2, 28))
        );
        assert_eq!(
            eval::shift(d(2020, 9, 9), &[(-180, Unit::Days)]),
            Some(d(2020, 3, 13))
        );
        assert_eq!(eval::shift(d(2020, 9, 9), &[(i64::MAX, Unit::Years)]), None);
    }

    #[test]
    fn snippet_has_a_caret_under_the_span() {
        let diags = check("age >= 18 and\n  umur < 40");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].snippet, "2 |   umur < 40\n  |   ^^^^");
        assert_eq!(diags[0].help.as_deref(), None);
        let diags = check("agee >= 18");
        assert_eq!(diags[0].help.as_deref(), Some("did you mean `age`?"));
    }

    #[test]
    fn long_lines_are_windowed() {
        let src = format!("{}umur > 1", "age > 1 and ".repeat(50));
        let diags = check(&src);
        let s = &diags[0].snippet;
        assert!(
            s.contains('…') && s.lines().all(|l| l.chars().count() < 120),
            "{s}"
        );
        let caret_line = s.lines().nth(1).unwrap();
        let text_line = s.lines().next().unwrap();
        let at = caret_line.find('^').unwrap();
        assert_eq!(
            text_line.chars().skip(at).take(4).collect::<String>(),
            "umur"
        );
    }

    #[test]
    fn rule_error_carries_every_diagnostic() {
        let e = Rule::parse("umur > 1 and age > x").unwrap_err();
        assert_eq!(e.diagnostics().len(), 2);
        assert_eq!(
            e.to_string(),
            "unknown fact `umur` (line 1, column 1; and 1 more errors)"
        );
        use crate::error::Coded;
        assert_eq!(e.code(), "rule.invalid");
        assert_eq!(e.report(None).span.map(|s| s.start), Some(0));
    }

    #[test]
    fn warnings_do_not_prevent_compiling() {
        let r = Rule::parse("dtks_decile <= 10").unwrap();
        assert_eq!(r.warnings().len(), 1);
        assert_eq!(r.warnings()[0].code, "rule.check.always_true");
    }

    #[test]
    fn rule_from_a_set_prints_its_dependencies() {
        let set = RuleSet::parse(
            "rule a = age > 1\nrule b = sex = F\nrule c = a and known(nik_province)",
        )
        .unwrap();
        let c = set.rule("c").unwrap();
        assert_eq!(
            c.to_text(),
            "rule a = age > 1\n\nrule c = a and known(nik_province)\n"
        );
        assert_eq!(c.name(), Some("c"));
        let again = Rule::parse(&c.to_text()).unwrap();
        assert_eq!(again.content_hash(), c.content_hash());
        assert_eq!(c.content_hash().len(), 64);
        assert!(set.rule("zz").is_none());
        assert_eq!(set.names(), vec!["a", "b", "c"]);
    }

    #[test]
    fn many_reasons_spill_to_the_heap() {
        let f = Facts {
            birth_date: Some(d(1990, 1, 1)),
            ..Facts::default()
        };
        let many: Vec<String> = (1..=20).map(|i| format!("age > {i}")).collect();
        let all = many.join(" and ");
        let r = Rule::parse(&all).unwrap();
        let dcs = r.evaluate(&f, &Context::default(), d(2020, 9, 9));
        assert_eq!(dcs.outcome(), Outcome::Eligible);
        assert_eq!(dcs.reason_count(), 20);
        assert_eq!(dcs.reasons()[19].clause, "age > 20");
        // the false clause after 20 true ones decides alone
        let r = Rule::parse(&format!("{all} and age > 99")).unwrap();
        let dcs = r.evaluate(&f, &Context::default(), d(2020, 9, 9));
        assert_eq!(dcs.outcome(), Outcome::Ineligible);
        assert_eq!(dcs.reasons().len(), 1);
        assert_eq!(dcs.reasons()[0].clause, "age > 99");
        // an `or` keeps only its first true child's reasons
        let r = Rule::parse(&format!("(age > 99 or ({all})) and age > 1")).unwrap();
        let dcs = r.evaluate(&f, &Context::default(), d(2020, 9, 9));
        assert_eq!(dcs.reason_count(), 21);
        let r = Rule::parse(&format!("(age > 99 or age < 1) or ({all})")).unwrap();
        let dcs = r.evaluate(&f, &Context::default(), d(2020, 9, 9));
        assert_eq!(dcs.reason_count(), 20);
    }

    #[test]
    fn decision_serialises_as_its_report() {
        let r = Rule::parse("upt_id = \"rsbg-tuban-001\" and skills is not empty").unwrap();
        let f = Facts {
            upt_id: Some("rsbg-tuban-001".into()),
            skills: Some(vec!["batik".into()]),
            ..Facts::default()
        };
        let dcs = r.evaluate(&f, &Context::default(), d(2020, 9, 9));
        let j = serde_json::to_value(&dcs).unwrap();
        assert_eq!(j["outcome"], "eligible");
        assert_eq!(j["reasons"][0]["actual"], "rsbg-tuban-001");
        assert_eq!(j["reasons"][1]["actual"], serde_json::json!(["batik"]));
        assert!(j["reasons"][0].get("rule").is_none());
    }
}
