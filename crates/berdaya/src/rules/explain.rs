//! Explanations: a decision's reasons as sentences in English or Indonesian.
//!
//! Rendered from the public form of a decision ([`Decision::outcome`], [`Decision::missing`],
//! [`Decision::reasons`]) through the phrase catalogue of [`super::phrases`]: each fact is
//! named as an office names it, dates are written as people write them ("9 September 2020"),
//! numbers use the language's thousands separator (`1,500` / `1.500`) and their unit.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::Serialize;

use super::facts::{FactId, Ty};
use super::phrases::{self, capitalise, join, Lang, Unit};
use super::{Decision, Outcome, Reason, Value};

use super::phrases::ExplainError;

/// How much an explanation says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Form {
    /// One line: the outcome and the first deciding clause, or the missing facts.
    Short,
    /// The outcome, then one sentence per deciding clause, or per missing fact.
    Full,
}

impl Form {
    /// The name: `short` or `full`.
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Short => "short",
            Form::Full => "full",
        }
    }
}

impl FromStr for Form {
    type Err = ExplainError;

    /// `short` or `full` (case and surrounding spaces ignored).
    fn from_str(s: &str) -> Result<Form, ExplainError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "short" => Ok(Form::Short),
            "full" => Ok(Form::Full),
            _ => Err(ExplainError::UnknownForm(s.chars().take(40).collect())),
        }
    }
}

/// What a sentence of an explanation states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum SentenceKind {
    /// The whole short form: the outcome and why, in one line.
    Summary,
    /// The outcome (first sentence of the full form).
    Outcome,
    /// One deciding clause.
    Reason,
    /// One input fact that is not recorded (undetermined decisions).
    Missing,
}

/// One sentence of an explanation, with the clause and facts it speaks of.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Sentence {
    /// What the sentence states.
    pub kind: SentenceKind,
    /// The sentence, capitalised, with its final period.
    pub text: String,
    /// The rule the clause is written in (absent for a single expression or no clause).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The deciding clause in canonical text, if the sentence states one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// The facts it names (a clause's fact, or the missing input facts), by wire name.
    pub facts: Vec<String>,
}

/// An explanation of a decision: structured sentences; `to_string()` gives the text.
///
/// The text states the person's facts (their age, disability types, welfare decile), as it is
/// meant for them and their caseworker; `Debug` shows only the structure, never the text.
/// (No TypeScript type is derived: the JS binding exposes it as a class of the same name.)
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The language.
    pub lang: Lang,
    /// Short or full.
    pub form: Form,
    /// The decision's outcome.
    pub outcome: Outcome,
    /// The whole text: the short form's one line, or the full form's sentences one per line.
    pub text: String,
    /// The sentences, in order.
    pub sentences: Vec<Sentence>,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Sentence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sentence")
            .field("kind", &self.kind)
            .field("rule", &self.rule)
            .field("clause", &self.clause)
            .field("facts", &self.facts)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Explanation")
            .field("lang", &self.lang)
            .field("form", &self.form)
            .field("outcome", &self.outcome)
            .field("sentences", &self.sentences)
            .finish_non_exhaustive()
    }
}

impl Decision {
    /// Explains the decision in `lang`: the short form in one line (the outcome and the first
    /// deciding clause, or the missing facts), or the full form (the outcome, then every
    /// deciding clause, or every missing fact).
    ///
    /// # Examples
    /// ```
    /// use berdaya::rules::{Context, Facts, Form, Lang, Rule};
    /// use chrono::NaiveDate;
    ///
    /// let rule = Rule::parse("age >= 17 and days_in_care >= 180")?;
    /// let person: Facts = serde_json::from_str(
    ///     r#"{"birth_date": "2004-02-29", "residence_since": "2020-03-01"}"#,
    /// ).unwrap();
    /// let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
    /// let d = rule.evaluate(&person, &Context::default(), as_of);
    /// assert_eq!(
    ///     d.explain(Lang::Id, Form::Short).to_string(),
    ///     "Tidak memenuhi syarat: usia 16 tahun, kurang dari batas minimal 17 tahun."
    /// );
    /// assert_eq!(
    ///     d.explain(Lang::En, Form::Short).to_string(),
    ///     "Not eligible: age is 16 years, below the minimum of 17 years."
    /// );
    /// # Ok::<(), berdaya::rules::RuleError>(())
    /// ```
    pub fn explain(&self, lang: Lang, form: Form) -> Explanation {
        explain(self.outcome(), &self.missing(), &self.reasons(), lang, form)
    }
}

fn outcome_words(o: Outcome, lang: Lang) -> &'static str {
    match (o, lang) {
        (Outcome::Eligible, Lang::En) => "Eligible",
        (Outcome::Ineligible, Lang::En) => "Not eligible",
        (Outcome::Undetermined, Lang::En) => "Cannot be decided yet",
        (Outcome::Eligible, Lang::Id) => "Memenuhi syarat",
        (Outcome::Ineligible, Lang::Id) => "Tidak memenuhi syarat",
        (Outcome::Undetermined, Lang::Id) => "Belum dapat diputuskan",
    }
}

/// Renders an explanation from the public parts of a decision.
pub(crate) fn explain(
    outcome: Outcome,
    missing: &[&str],
    reasons: &[Reason],
    lang: Lang,
    form: Form,
) -> Explanation {
    let head = outcome_words(outcome, lang);
    let missing_facts: Vec<String> = missing.iter().map(|m| (*m).to_owned()).collect();
    let sentences = match form {
        Form::Short => {
            let s = match reasons.first() {
                Some(r) => Sentence {
                    kind: SentenceKind::Summary,
                    text: format!("{head}: {}.", reason_phrase(r, lang)),
                    rule: r.rule.clone(),
                    clause: Some(r.clause.clone()),
                    facts: vec![r.fact.clone()],
                },
                None if outcome == Outcome::Undetermined && !missing.is_empty() => Sentence {
                    kind: SentenceKind::Summary,
                    text: format!("{head}: {}.", not_recorded(missing, lang)),
                    rule: None,
                    clause: None,
                    facts: missing_facts,
                },
                None => Sentence {
                    kind: SentenceKind::Summary,
                    text: format!("{head}."),
                    rule: None,
                    clause: None,
                    facts: Vec::new(),
                },
            };
            vec![s]
        }
        Form::Full => {
            let mut out = Vec::with_capacity(1 + reasons.len() + missing.len());
            out.push(Sentence {
                kind: SentenceKind::Outcome,
                text: format!("{head}."),
                rule: None,
                clause: None,
                facts: Vec::new(),
            });
            for r in reasons {
                out.push(Sentence {
                    kind: SentenceKind::Reason,
                    text: format!("{}.", capitalise(&reason_phrase(r, lang))),
                    rule: r.rule.clone(),
                    clause: Some(r.clause.clone()),
                    facts: vec![r.fact.clone()],
                });
            }
            if outcome == Outcome::Undetermined {
                for m in missing {
                    out.push(Sentence {
                        kind: SentenceKind::Missing,
                        text: format!("{}.", capitalise(&not_recorded(&[m], lang))),
                        rule: None,
                        clause: None,
                        facts: vec![(*m).to_owned()],
                    });
                }
            }
            out
        }
    };
    let sep = match form {
        Form::Short => " ",
        Form::Full => "\n",
    };
    let text = sentences
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(sep);
    Explanation {
        lang,
        form,
        outcome,
        text,
        sentences,
    }
}

/// "date of birth and welfare decile (DTKS/DTSEN) are not recorded" /
/// "tanggal lahir dan desil kesejahteraan (DTKS/DTSEN) belum tercatat".
fn not_recorded(facts: &[&str], lang: Lang) -> String {
    let names: Vec<String> = facts
        .iter()
        .map(|f| phrases::fact_name(f, lang).to_owned())
        .collect();
    let plural = facts.len() > 1
        || facts
            .iter()
            .any(|f| phrases::fact(f).is_some_and(|p| p.plural));
    match lang {
        Lang::En => format!(
            "{} {} not recorded",
            join(&names, lang, false),
            if plural { "are" } else { "is" }
        ),
        Lang::Id => format!("{} belum tercatat", join(&names, lang, false)),
    }
}

fn ty_of(fact: &str) -> Option<Ty> {
    FactId::lookup(fact).map(FactId::ty)
}

/// One value of `fact` as the language writes it.
fn value_text(fact: &str, ty: Option<Ty>, v: &Value, lang: Lang) -> String {
    match v {
        Value::Bool(b) => match (b, lang) {
            (true, Lang::En) => "yes".into(),
            (false, Lang::En) => "no".into(),
            (true, Lang::Id) => "ya".into(),
            (false, Lang::Id) => "tidak".into(),
        },
        Value::Int(n) => match phrases::unit_of(fact) {
            Unit::None => phrases::number(*n, lang),
            u => phrases::with_unit(*n, u, lang),
        },
        Value::Text(s) => match ty {
            Some(Ty::Date) => s
                .parse::<NaiveDate>()
                .map_or_else(|_| s.clone(), |d| phrases::date(d, lang)),
            Some(Ty::Region) => phrases::region(s),
            _ => phrases::value(fact, s, lang),
        },
        Value::List(items) => join(&items_text(fact, ty, items, lang), lang, false),
    }
}

fn items_text(fact: &str, ty: Option<Ty>, items: &[Value], lang: Lang) -> Vec<String> {
    items
        .iter()
        .map(|v| value_text(fact, ty, v, lang))
        .collect()
}

/// The items of a list value (a single value is a list of one).
fn items_of(fact: &str, ty: Option<Ty>, v: Option<&Value>, lang: Lang) -> Vec<String> {
    match v {
        None => Vec::new(),
        Some(Value::List(items)) => items_text(fact, ty, items, lang),
        Some(other) => vec![value_text(fact, ty, other, lang)],
    }
}

/// The clause of `r` stated as a phrase: lowercase start, no final period.
pub(crate) fn reason_phrase(r: &Reason, lang: Lang) -> String {
    let fact = r.fact.as_str();
    let ty = ty_of(fact);
    let noun = phrases::fact_name(fact, lang);
    let plural = phrases::fact(fact).is_some_and(|p| p.plural);
    if r.op == "known" {
        return known_phrase(fact, noun, plural, r.result, lang);
    }
    if ty == Some(Ty::Bool) {
        let holds = match &r.actual {
            Some(Value::Bool(b)) => *b,
            _ => r.result,
        };
        return match (holds, lang) {
            (true, Lang::En) => "the agreement (PKS) is in force".into(),
            (false, Lang::En) => "the agreement (PKS) is not in force".into(),
            (true, Lang::Id) => "PKS sedang berlaku".into(),
            (false, Lang::Id) => "PKS tidak sedang berlaku".into(),
        };
    }
    if ty.is_some_and(Ty::is_list) {
        return list_phrase(r, fact, ty, noun, lang);
    }
    let actual = r.actual.as_ref().map_or_else(
        || unknown_word(lang).to_owned(),
        |v| value_text(fact, ty, v, lang),
    );
    let stated = match (phrases::fact(fact), lang) {
        (Some(p), Lang::En) => p.en_is.replace("{v}", &actual),
        (Some(p), Lang::Id) => p.id_is.replace("{v}", &actual),
        (None, _) => format!("{noun} {actual}"),
    };
    let one = |v: Option<&Value>| v.map_or_else(String::new, |v| value_text(fact, ty, v, lang));
    let t = one(r.threshold.as_ref());
    let list = items_of(fact, ty, r.threshold.as_ref(), lang);
    let date = ty == Some(Ty::Date);
    use Lang::{En, Id};
    let rel = match (r.op.as_str(), r.result, lang) {
        ("=", true, En) => "as required".to_owned(),
        ("=", true, Id) => "sesuai syarat".to_owned(),
        ("=", false, En) => format!("not {t}"),
        ("=", false, Id) => format!("bukan {t}"),
        ("!=", true, En) => format!("not {t}"),
        ("!=", true, Id) => format!("bukan {t}"),
        ("!=", false, En) => "which is excluded".to_owned(),
        ("!=", false, Id) => "yang dikecualikan".to_owned(),
        (">=", true, _) if date => on_or(lang, true, &t),
        (">=", false, _) if date => strict(lang, false, &t),
        (">", true, _) if date => strict(lang, true, &t),
        (">", false, _) if date => on_or(lang, false, &t),
        ("<=", true, _) if date => on_or(lang, false, &t),
        ("<=", false, _) if date => strict(lang, true, &t),
        ("<", true, _) if date => strict(lang, false, &t),
        ("<", false, _) if date => on_or(lang, true, &t),
        (">=", true, En) => format!("at least {t}"),
        (">=", true, Id) => format!("memenuhi batas minimal {t}"),
        (">=", false, En) => format!("below the minimum of {t}"),
        (">=", false, Id) => format!("kurang dari batas minimal {t}"),
        (">", true, En) => format!("more than {t}"),
        (">", true, Id) => format!("lebih dari {t}"),
        (">", false, En) => format!("not more than {t}"),
        (">", false, Id) => format!("tidak lebih dari {t}"),
        ("<=", true, En) => format!("at most {t}"),
        ("<=", true, Id) => format!("tidak melebihi batas maksimal {t}"),
        ("<=", false, En) => format!("above the maximum of {t}"),
        ("<=", false, Id) => format!("melebihi batas maksimal {t}"),
        ("<", true, En) => format!("less than {t}"),
        ("<", true, Id) => format!("kurang dari {t}"),
        ("<", false, En) => format!("not less than {t}"),
        ("<", false, Id) => format!("tidak kurang dari {t}"),
        ("between", held, _) => {
            let (lo, hi) = match (list.as_slice(), &r.threshold) {
                // "17 to 40 years": the unit once, after the upper bound
                ([_, hi], Some(Value::List(b))) if matches!(b.first(), Some(Value::Int(_))) => {
                    let lo = match b.first() {
                        Some(Value::Int(n)) => phrases::number(*n, lang),
                        _ => String::new(),
                    };
                    (lo, hi.clone())
                }
                ([lo, hi], _) => (lo.clone(), hi.clone()),
                _ => (t.clone(), String::new()),
            };
            match (held, lang, date) {
                (true, En, false) => format!("within {lo} to {hi}"),
                (true, En, true) => format!("between {lo} and {hi}"),
                (true, Id, false) => format!("dalam rentang {lo} sampai {hi}"),
                (true, Id, true) => format!("antara {lo} dan {hi}"),
                (false, En, _) => format!("outside {lo} to {hi}"),
                (false, Id, _) => format!("di luar rentang {lo} sampai {hi}"),
            }
        }
        ("in", true, En) => format!("one of {}", join(&list, lang, true)),
        ("in", true, Id) => format!("termasuk salah satu dari {}", join(&list, lang, true)),
        ("in", false, En) => format!("not one of {}", join(&list, lang, true)),
        ("in", false, Id) => format!("bukan salah satu dari {}", join(&list, lang, true)),
        ("not_in", true, En) => {
            format!("none of the excluded values ({})", join(&list, lang, true))
        }
        ("not_in", true, Id) => format!(
            "bukan salah satu yang dikecualikan ({})",
            join(&list, lang, true)
        ),
        ("not_in", false, En) => {
            format!("one of the excluded values ({})", join(&list, lang, true))
        }
        ("not_in", false, Id) => {
            format!("termasuk yang dikecualikan ({})", join(&list, lang, true))
        }
        (_, true, En) => "which holds".to_owned(),
        (_, true, Id) => "terpenuhi".to_owned(),
        (_, false, En) => "which does not hold".to_owned(),
        (_, false, Id) => "tidak terpenuhi".to_owned(),
    };
    format!("{stated}, {rel}")
}

fn unknown_word(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "unknown",
        Lang::Id => "tidak diketahui",
    }
}

/// "on or after" (`after` = true) / "on or before", for dates.
fn on_or(lang: Lang, after: bool, t: &str) -> String {
    match (lang, after) {
        (Lang::En, true) => format!("on or after {t}"),
        (Lang::En, false) => format!("on or before {t}"),
        (Lang::Id, true) => format!("pada atau setelah {t}"),
        (Lang::Id, false) => format!("pada atau sebelum {t}"),
    }
}

/// "after" (`after` = true) / "before", for dates.
fn strict(lang: Lang, after: bool, t: &str) -> String {
    match (lang, after) {
        (Lang::En, true) => format!("after {t}"),
        (Lang::En, false) => format!("before {t}"),
        (Lang::Id, true) => format!("setelah {t}"),
        (Lang::Id, false) => format!("sebelum {t}"),
    }
}

fn known_phrase(fact: &str, noun: &str, plural: bool, known: bool, lang: Lang) -> String {
    let dtks = fact == "dtks_decile";
    match (lang, known) {
        (Lang::En, true) => format!("{noun} {} recorded", if plural { "are" } else { "is" }),
        (Lang::En, false) if dtks => {
            format!("{noun} is not recorded (not registered in DTKS/DTSEN)")
        }
        (Lang::En, false) => format!("{noun} {} not recorded", if plural { "are" } else { "is" }),
        (Lang::Id, true) => format!("{noun} sudah tercatat"),
        (Lang::Id, false) if dtks => {
            format!("{noun} belum tercatat (tidak terdaftar di DTKS/DTSEN)")
        }
        (Lang::Id, false) => format!("{noun} belum tercatat"),
    }
}

/// Tests on lists: disability types (the person's whole set is stated) and lists of text
/// (the person's values among the clause's).
fn list_phrase(r: &Reason, fact: &str, ty: Option<Ty>, noun: &str, lang: Lang) -> String {
    use Lang::{En, Id};
    let have = items_of(fact, ty, r.actual.as_ref(), lang);
    let want = items_of(fact, ty, r.threshold.as_ref(), lang);
    let have_and = join(&have, lang, false);
    let want_and = join(&want, lang, false);
    let want_or = join(&want, lang, true);
    let empty_test = matches!(r.op.as_str(), "is_empty" | "is_not_empty");
    if empty_test {
        let nonempty = (r.op == "is_not_empty") == r.result;
        return match (nonempty, lang) {
            (true, En) => format!("{noun} recorded: {have_and}"),
            (true, Id) => format!("{noun} yang tercatat: {have_and}"),
            (false, En) => format!("no {noun} are recorded"),
            (false, Id) => format!("tidak ada {noun} yang tercatat"),
        };
    }
    // the relation between the list and the clause's values
    let rel = match (r.op.as_str(), r.result, lang) {
        ("has", true, En) => format!("include {want_and}"),
        ("has", true, Id) => format!("mencakup {want_and}"),
        ("has", false, En) => format!("do not include {want_and}"),
        ("has", false, Id) => format!("tidak mencakup {want_and}"),
        ("has_any", true, En) => format!("include at least one of {want_or}"),
        ("has_any", true, Id) => format!("mencakup salah satu dari {want_or}"),
        ("has_any", false, En) | ("has_none", true, En) => format!("include none of {want_or}"),
        ("has_any", false, Id) | ("has_none", true, Id) => {
            format!("tidak mencakup satu pun dari {want_or}")
        }
        ("has_all", true, En) => format!("include all of {want_and}"),
        ("has_all", true, Id) => format!("mencakup seluruh {want_and}"),
        ("has_all", false, En) => format!("do not include all of {want_and}"),
        ("has_all", false, Id) => format!("tidak mencakup seluruh {want_and}"),
        ("has_none", false, En) => format!("include one of the excluded {want_or}"),
        ("has_none", false, Id) => format!("mencakup salah satu yang dikecualikan: {want_or}"),
        (_, true, En) => "meet the condition".to_owned(),
        (_, true, Id) => "memenuhi syarat".to_owned(),
        (_, false, En) => "do not meet the condition".to_owned(),
        (_, false, Id) => "tidak memenuhi syarat".to_owned(),
    };
    if ty == Some(Ty::Disabilities) {
        // the whole set is known: state it, then how it relates
        let stated = match (phrases::fact(fact), lang) {
            (Some(p), En) => p.en_is.replace("{v}", &have_and),
            (Some(p), Id) => p.id_is.replace("{v}", &have_and),
            (None, _) => format!("{noun} {have_and}"),
        };
        return match lang {
            En => format!("{stated}, which {rel}"),
            Id => format!("{stated}, {rel}"),
        };
    }
    // lists of text: the actual value is the person's values among the clause's
    match (r.op.as_str(), r.result, lang) {
        ("has_any", true, En) => format!("{noun} include {have_and}, one of {want_or}"),
        ("has_any", true, Id) => format!("{noun} mencakup {have_and}, salah satu dari {want_or}"),
        ("has_all", false, En) if !have.is_empty() => {
            format!("{noun} include only {have_and} of {want_and}")
        }
        ("has_all", false, Id) if !have.is_empty() => {
            format!("{noun} hanya mencakup {have_and} dari {want_and}")
        }
        ("has_none", false, En) => format!(
            "{noun} include {have_and}, which {} excluded",
            if have.len() > 1 { "are" } else { "is" }
        ),
        ("has_none", false, Id) => format!("{noun} mencakup {have_and} yang dikecualikan"),
        _ => format!("{noun} {rel}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Context, Facts, Rule};

    fn decide(src: &str, facts: &str) -> Decision {
        let f: Facts = serde_json::from_str(facts).unwrap();
        let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
        Rule::parse(src)
            .unwrap()
            .evaluate(&f, &Context::default(), as_of)
    }

    #[test]
    fn days_in_care_in_indonesian() {
        let d = decide(
            "days_in_care >= 180",
            r#"{"residence_since": "2016-01-01"}"#,
        );
        assert_eq!(
            d.explain(Lang::Id, Form::Short).to_string(),
            "Memenuhi syarat: lama tinggal di UPT 1.713 hari, memenuhi batas minimal 180 hari."
        );
    }

    #[test]
    fn undetermined_lists_missing_facts() {
        let d = decide("age >= 17 and dtks_decile <= 4", "{}");
        let e = d.explain(Lang::Id, Form::Full);
        assert_eq!(
            e.to_string(),
            "Belum dapat diputuskan.\nTanggal lahir belum tercatat.\n\
             Desil kesejahteraan (DTKS/DTSEN) belum tercatat."
        );
        let s = d.explain(Lang::En, Form::Short);
        assert_eq!(
            s.to_string(),
            "Cannot be decided yet: date of birth and welfare decile (DTKS/DTSEN) are not recorded."
        );
        assert_eq!(s.sentences[0].facts, vec!["birth_date", "dtks_decile"]);
        assert!(
            !format!("{e:?}").contains("tercatat"),
            "Debug shows no text"
        );
    }

    #[test]
    fn disabilities_are_named_by_ragam() {
        let d = decide(
            "disabilities has any of [fisik, rungu]",
            r#"{"disabilities": ["netra"]}"#,
        );
        assert_eq!(
            d.explain(Lang::Id, Form::Short).to_string(),
            "Tidak memenuhi syarat: ragam disabilitas yang tercatat sensorik netra, \
             tidak mencakup satu pun dari fisik atau sensorik rungu."
        );
    }
}
