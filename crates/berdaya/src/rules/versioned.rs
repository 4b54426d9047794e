//! Versioned rule sets: a named rule may have versions, each in force over an effective
//! period; evaluation as of a date uses the version in force then and says which.
//!
//! ```text
//! rule usia = age >= 17                      # unversioned: in force on every day
//! rule vokasi @2020 from 2020-01-01 until 2021-01-01 = usia and age <= 35
//! rule vokasi @2021 from 2021-01-01 "Vokasi 2021" = usia and age <= 40
//! ```
//!
//! `from` is the first day, `until` the day after the last (absent: open-ended). Periods of
//! one rule may not overlap (`rule.version.overlap`); gaps are allowed and reported as
//! `rule.version.gap` warnings and by [`VersionedRuleSet::gaps`]. A version may use the
//! unversioned rules of the file; a rule may not refer to a *versioned* rule
//! (`rule.version.versioned_reference`), because which version it meant would depend on
//! the date. A reference `name@label` pins a version: it applies on every day, whatever its
//! period (so a commitment agreed under `vokasi@2020` keeps that text after `@2021` comes
//! into force); a bare `name` floats with the date.
//!
//! ```
//! use berdaya::rules::{Context, Facts, Outcome, VersionedRuleSet};
//! use chrono::NaiveDate;
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let set = VersionedRuleSet::parse(
//!     "rule vokasi @2020 from 2020-01-01 until 2021-01-01 = age <= 35\n\
//!      rule vokasi @2021 from 2021-01-01 = age <= 40\n",
//! )?;
//! let p = Facts { birth_date: Some(d(1983, 5, 1)), ..Facts::default() };
//! let late = set.evaluate("vokasi", &p, &Context::default(), d(2021, 6, 1)).unwrap();
//! assert_eq!(late.decision.outcome(), Outcome::Eligible);
//! assert_eq!(late.version.as_ref().unwrap().label, "2021");
//! let pinned = set.evaluate("vokasi@2020", &p, &Context::default(), d(2021, 6, 1)).unwrap();
//! assert_eq!(pinned.decision.outcome(), Outcome::Ineligible);
//! # Ok::<(), berdaya::rules::RuleError>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use super::ast::Sp;
use super::counterfactual::{conclude, horizon, ContextTimeline, Counterfactual, DateSpan, Days};
use super::diagnostic::Diag;
use super::eval::day;
use super::{json, print, Context, Decision, Diagnostic, Facts, Rule, RuleError, RuleSet};
use crate::error::Coded;

/// One version of a named rule: its label, effective period and content hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct RuleVersion {
    /// The rule's name.
    pub name: String,
    /// The version label, e.g. `2021`.
    pub label: String,
    /// First day in force.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub from: NaiveDate,
    /// The day after the last day in force; `None`: open-ended.
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub until: Option<NaiveDate>,
    /// SHA-256 (hex) of the version's canonical text with the rules it uses
    /// (as [`Rule::content_hash`]).
    pub content_hash: String,
}

impl RuleVersion {
    /// Whether it is in force on `d`.
    pub fn in_force_on(&self, d: NaiveDate) -> bool {
        self.from <= d && self.until.is_none_or(|u| d < u)
    }
}

/// A decision of a versioned rule set and the version that made it (`None` for an
/// unversioned rule).
#[derive(Debug, Clone)]
pub struct VersionedDecision {
    /// The decision.
    pub decision: Decision,
    /// The version used.
    pub version: Option<RuleVersion>,
}

/// A counterfactual of a versioned rule and the version that decides `eligible` on its
/// date (`None` for an unversioned rule or when there is no such date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionedCounterfactual {
    /// When.
    pub counterfactual: Counterfactual,
    /// Which version.
    pub version: Option<RuleVersion>,
}

impl VersionedCounterfactual {
    /// The wire form, with the date resolved and the version.
    pub fn report(&self, as_of: NaiveDate) -> super::CounterfactualReport {
        super::CounterfactualReport {
            version: self.version.clone(),
            ..self.counterfactual.report(as_of)
        }
    }
}

/// Why a versioned rule could not be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VersionErrorKind {
    /// No rule of that name.
    #[error("no rule named `{0}`")]
    UnknownRule(String),
    /// The rule has no version of that label.
    #[error("rule `{0}` has no version `{1}`")]
    UnknownLabel(String, String),
    /// No version of the rule is in force on the date.
    #[error("no version of rule `{0}` is in force on {1}")]
    NoneInForce(String, NaiveDate),
    /// The reference is not `name` or `name@label`.
    #[error("`{0}` is not a rule reference (`name` or `name@label`)")]
    BadReference(String),
}

/// An error taking a rule from a [`VersionedRuleSet`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct VersionError {
    kind: VersionErrorKind,
}

impl VersionError {
    /// What went wrong.
    pub fn kind(&self) -> &VersionErrorKind {
        &self.kind
    }
}

impl Coded for VersionError {
    fn code(&self) -> &'static str {
        match self.kind {
            VersionErrorKind::UnknownRule(_) => "rule.version.unknown_rule",
            VersionErrorKind::UnknownLabel(..) => "rule.version.unknown_label",
            VersionErrorKind::NoneInForce(..) => "rule.version.none_in_force",
            VersionErrorKind::BadReference(_) => "rule.version.bad_reference",
        }
    }
    fn field(&self) -> Option<&'static str> {
        Some("rule")
    }
}

/// Most versions in one versioned rule set. Each version is checked on its own, with the
/// shared rules it uses, in a source of the file's size (so that positions stay those of the
/// file): parsing costs about versions × source size.
pub const MAX_VERSIONS: usize = 256;

fn err<T>(kind: VersionErrorKind) -> Result<T, VersionError> {
    Err(VersionError { kind })
}

/// A reference to a rule of a versioned set: `name` (the version in force on the date) or
/// `name@label` (that version, pinned).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleReference {
    /// The rule.
    pub name: String,
    /// The pinned label, if any.
    pub label: Option<String>,
}

fn is_name(s: &str) -> bool {
    let mut c = s.chars();
    c.next()
        .is_some_and(|f| f.is_ascii_alphabetic() || f == '_')
        && c.all(|x| x.is_ascii_alphanumeric() || x == '_')
}

fn is_label(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

impl RuleReference {
    /// Reads `name` or `name@label` (surrounding blanks ignored); `None` for anything else,
    /// e.g. a rule expression.
    pub fn parse(s: &str) -> Option<RuleReference> {
        let s = s.trim();
        let (name, label) = match s.split_once('@') {
            Some((n, l)) => (n, Some(l)),
            None => (s, None),
        };
        (is_name(name) && label.is_none_or(is_label)).then(|| RuleReference {
            name: name.to_owned(),
            label: label.map(str::to_owned),
        })
    }
}

/// A compiled version.
#[derive(Debug, Clone)]
struct Compiled {
    info: RuleVersion,
    rule: Rule,
    /// Canonical text of its definition alone, with its version annotation.
    text: String,
    json: Value,
}

/// An unversioned rule's definitions: byte ranges, and the words they use.
type Shared<'a> = (Vec<(usize, usize)>, Vec<&'a str>);

/// A definition of the source, in order.
#[derive(Debug, Clone)]
enum Entry {
    Plain(String),
    Version(String, String),
}

/// A checked rule file whose rules may have versions with effective periods.
#[derive(Debug, Clone)]
pub struct VersionedRuleSet {
    base: RuleSet,
    versions: BTreeMap<String, Vec<Compiled>>,
    order: Vec<Entry>,
    warnings: Vec<Diagnostic>,
}

/// A `rule` definition as the header scanner sees it.
#[derive(Debug)]
struct Header {
    /// Byte range of the whole definition.
    start: usize,
    end: usize,
    name: String,
    name_span: Sp,
    /// The `@label from D until D` annotation: byte range, label, period.
    version: Option<(Sp, String, NaiveDate, Option<NaiveDate>)>,
    /// A version header that could not be read (already reported): left out of checking.
    broken: bool,
}

/// The words (identifiers) of `src` outside comments and strings, with their positions.
fn words(src: &str) -> Vec<(usize, &str)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'#' => {
                while b.get(i).is_some_and(|c| *c != b'\n') {
                    i += 1;
                }
            }
            b'"' => {
                i += 1;
                while let Some(&c) = b.get(i) {
                    i += 1;
                    match c {
                        b'\\' => i += 1,
                        b'"' | b'\n' => break,
                        _ => {}
                    }
                }
            }
            c if c.is_ascii_alphanumeric() || c == b'_' => {
                let s = i;
                while b
                    .get(i)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
                {
                    i += 1;
                }
                out.extend(src.get(s..i).map(|w| (s, w)));
            }
            _ => i += 1,
        }
    }
    out
}

/// Positions of top-level `rule` keywords (outside comments and strings).
fn rule_keywords(src: &str) -> Vec<usize> {
    words(src)
        .into_iter()
        .filter(|(_, w)| *w == "rule")
        .map(|(i, _)| i)
        .collect()
}

/// Reads the word (name, label or date characters) at `i` after blanks: its span.
fn word(src: &str, mut i: usize, label: bool) -> Sp {
    let b = src.as_bytes();
    while b
        .get(i)
        .is_some_and(|c| *c == b' ' || *c == b'\t' || *c == b'\r' || *c == b'\n')
    {
        i += 1;
    }
    let s = i;
    while b.get(i).is_some_and(|c| {
        c.is_ascii_alphanumeric() || *c == b'_' || (label && matches!(c, b'-' | b'.'))
    }) {
        i += 1;
    }
    Sp::new(s, i)
}

fn text(src: &str, sp: Sp) -> &str {
    src.get(sp.start..sp.end).unwrap_or("")
}

fn bad_header(at: Sp, what: &str) -> Diag {
    Diag::error(
        "rule.version.bad_header",
        at,
        format!("expected {what} in a version header (`rule NAME @LABEL from YYYY-MM-DD [until YYYY-MM-DD]`)"),
        format!("seharusnya {what} di kepala versi (`rule NAMA @LABEL from YYYY-MM-DD [until YYYY-MM-DD]`)"),
    )
}

fn headers(src: &str, diags: &mut Vec<Diag>) -> Vec<Header> {
    let kws = rule_keywords(src);
    let mut out = Vec::new();
    let mut broken: Vec<(usize, usize)> = Vec::new();
    for (k, &start) in kws.iter().enumerate() {
        let end = kws.get(k + 1).copied().unwrap_or(src.len());
        let name_span = word(src, start + 4, false);
        let name = text(src, name_span).to_owned();
        let mut at = name_span.end;
        let b = src.as_bytes();
        while b.get(at).is_some_and(|c| c.is_ascii_whitespace()) {
            at += 1;
        }
        let mut version = None;
        if b.get(at) == Some(&b'@') {
            let label = word(src, at + 1, true);
            let date = |sp: Sp| text(src, sp).parse::<NaiveDate>().ok();
            let from_kw = word(src, label.end, false);
            let from = word(src, from_kw.end, true);
            if label.start != at + 1 || !is_label(text(src, label)) {
                diags.push(bad_header(label, "a version label after `@`"));
                broken.push((start, end));
                continue;
            }
            if text(src, from_kw) != "from" {
                diags.push(bad_header(from_kw, "`from`"));
                broken.push((start, end));
                continue;
            }
            let Some(from_d) = date(from) else {
                diags.push(bad_header(from, "a date `YYYY-MM-DD` after `from`"));
                broken.push((start, end));
                continue;
            };
            let until_kw = word(src, from.end, false);
            let (until_d, ann_end) = if text(src, until_kw) == "until" {
                let until = word(src, until_kw.end, true);
                let Some(u) = date(until) else {
                    diags.push(bad_header(until, "a date `YYYY-MM-DD` after `until`"));
                    broken.push((start, end));
                    continue;
                };
                (Some(u), until.end)
            } else {
                (None, from.end)
            };
            version = Some((
                Sp::new(at, ann_end),
                text(src, label).to_owned(),
                from_d,
                until_d,
            ));
        }
        out.push(Header {
            start,
            end,
            name,
            name_span,
            version,
            broken: false,
        });
    }
    out.extend(broken.into_iter().map(|(start, end)| Header {
        start,
        end,
        name: String::new(),
        name_span: Sp::new(start, start),
        version: None,
        broken: true,
    }));
    out.sort_by_key(|h| h.start);
    out
}

/// `src` with the bytes of the given ranges replaced by blanks (newlines kept), so that
/// offsets, lines and columns stay those of the original.
fn blank(src: &str, ranges: &[(usize, usize)]) -> String {
    // one pass over the bytes: ranges are disjoint definitions (or an annotation inside one)
    let mut sorted = ranges.to_vec();
    sorted.sort_unstable();
    let mut out = String::with_capacity(src.len());
    let mut at = 0;
    for (a, b) in sorted {
        let (a, b) = (a.max(at).min(src.len()), b.min(src.len()));
        if a >= b {
            continue;
        }
        out.push_str(src.get(at..a).unwrap_or(""));
        for c in src.get(a..b).unwrap_or("").chars() {
            if c == '\n' {
                out.push('\n');
            } else {
                out.extend(std::iter::repeat_n(' ', c.len_utf8()));
            }
        }
        at = b;
    }
    out.push_str(src.get(at..).unwrap_or(""));
    out
}

fn annotation(v: &RuleVersion) -> String {
    match v.until {
        Some(u) => format!("@{} from {} until {u}", v.label, v.from),
        None => format!("@{} from {}", v.label, v.from),
    }
}

/// Inserts a version annotation after `rule NAME` in canonical text of one definition.
fn annotate(def_text: &str, v: &RuleVersion) -> String {
    let head = format!("rule {}", v.name);
    match def_text.strip_prefix(&head) {
        Some(rest) => format!("{head} {}{rest}", annotation(v)),
        None => def_text.to_owned(),
    }
}

fn def_json(set: &RuleSet, name: &str) -> Value {
    let v: Value = serde_json::from_str(&set.to_json()).unwrap_or(Value::Null);
    v.get("rules")
        .and_then(Value::as_array)
        .and_then(|a| {
            a.iter()
                .find(|r| r.get("name").and_then(Value::as_str) == Some(name))
        })
        .cloned()
        .unwrap_or(Value::Null)
}

fn def_text(set: &RuleSet, name: &str) -> String {
    set.program
        .defs
        .iter()
        .find(|d| d.name == name)
        .map(|d| print::file_text(std::iter::once(d)))
        .unwrap_or_default()
}

impl VersionedRuleSet {
    /// Parses and checks a rule file whose definitions may carry version annotations
    /// (`rule NAME @LABEL from DATE [until DATE] = ...`). A file without any is a valid
    /// versioned set whose rules are all unversioned.
    ///
    /// # Errors
    /// A [`RuleError`] with every diagnostic if any is an error: those of the checker (with
    /// positions in `src`) and `rule.version.bad_header`, `rule.version.overlap`,
    /// `rule.version.empty_period`, `rule.version.duplicate_label`, `rule.version.mixed`,
    /// `rule.version.versioned_reference`. Gaps are `rule.version.gap` warnings.
    pub fn parse(src: &str) -> Result<VersionedRuleSet, RuleError> {
        let mut diags: Vec<Diag> = Vec::new();
        let hs = headers(src, &mut diags);
        let versioned: Vec<&Header> = hs.iter().filter(|h| h.version.is_some()).collect();
        if let Some(h) = versioned.get(MAX_VERSIONS) {
            let d = Diag::error(
                "rule.limit.too_large",
                h.version.as_ref().map_or(h.name_span, |v| v.0),
                format!("more than {MAX_VERSIONS} rule versions"),
                format!("lebih dari {MAX_VERSIONS} versi aturan"),
            );
            return Err(RuleError::new(vec![d.resolve(src)]));
        }
        let vnames: BTreeSet<&str> = versioned.iter().map(|h| h.name.as_str()).collect();
        for h in hs.iter().filter(|h| h.version.is_none() && !h.broken) {
            if vnames.contains(h.name.as_str()) {
                diags.push(Diag::error(
                    "rule.version.mixed",
                    h.name_span,
                    format!("rule `{}` has versions, so every definition of it needs `@LABEL from DATE`", h.name),
                    format!("aturan `{}` berversi, jadi setiap definisinya perlu `@LABEL from TANGGAL`", h.name),
                ));
            }
        }
        // periods per name: empty, duplicate labels, overlaps, gaps
        let mut by_name: BTreeMap<&str, Vec<&Header>> = BTreeMap::new();
        for h in &versioned {
            by_name.entry(h.name.as_str()).or_default().push(h);
        }
        for list in by_name.values_mut() {
            list.sort_by_key(|h| h.version.as_ref().map(|v| (v.2, v.1.clone())));
            let mut seen: Vec<&str> = Vec::new();
            for h in list.iter() {
                let Some((sp, label, from, until)) = &h.version else {
                    continue;
                };
                if until.is_some_and(|u| u <= *from) {
                    diags.push(Diag::error(
                        "rule.version.empty_period",
                        *sp,
                        format!(
                            "version `{label}` of rule `{}` ends before it starts",
                            h.name
                        ),
                        format!("versi `{label}` aturan `{}` berakhir sebelum mulai", h.name),
                    ));
                }
                if seen.contains(&label.as_str()) {
                    diags.push(Diag::error(
                        "rule.version.duplicate_label",
                        *sp,
                        format!("rule `{}` has two versions `{label}`", h.name),
                        format!("aturan `{}` punya dua versi `{label}`", h.name),
                    ));
                }
                seen.push(label);
            }
            for pair in list.windows(2) {
                let (Some(a), Some(b)) = (
                    pair.first().and_then(|h| h.version.as_ref()),
                    pair.get(1).and_then(|h| h.version.as_ref()),
                ) else {
                    continue;
                };
                let name = pair.first().map_or("", |h| h.name.as_str());
                match a.3 {
                    Some(u) if u < b.2 => diags.push(Diag::warning(
                        "rule.version.gap",
                        b.0,
                        format!("no version of rule `{name}` is in force from {u} until {} (between `{}` and `{}`)", b.2, a.1, b.1),
                        format!("tidak ada versi aturan `{name}` yang berlaku dari {u} sampai {} (antara `{}` dan `{}`)", b.2, a.1, b.1),
                    )),
                    Some(u) if u == b.2 => {}
                    _ => diags.push(Diag::error(
                        "rule.version.overlap",
                        b.0,
                        format!("version `{}` of rule `{name}` overlaps version `{}`", b.1, a.1),
                        format!("versi `{}` aturan `{name}` tumpang tindih dengan versi `{}`", b.1, a.1),
                    )),
                }
            }
        }
        let vranges: Vec<(usize, usize)> = hs
            .iter()
            .filter(|h| h.version.is_some() || h.broken)
            .map(|h| (h.start, h.end))
            .collect();
        let base_src = blank(src, &vranges);
        // unversioned definitions: name -> (byte ranges, words they use)
        let mut shared: BTreeMap<&str, Shared<'_>> = BTreeMap::new();
        for h in hs.iter().filter(|h| h.version.is_none() && !h.broken) {
            let e = shared.entry(h.name.as_str()).or_default();
            e.0.push((h.start, h.end));
            e.1.extend(
                words(src.get(h.start..h.end).unwrap_or(""))
                    .into_iter()
                    .map(|(_, w)| w),
            );
        }
        let mut out: Vec<Diagnostic> = diags.into_iter().map(|d| d.resolve(src)).collect();
        let recode = |mut d: Diagnostic| {
            if d.code == "rule.check.undefined_rule"
                && vnames.contains(src.get(d.span.start..d.span.end).unwrap_or(""))
            {
                let name = src.get(d.span.start..d.span.end).unwrap_or("");
                d.code = "rule.version.versioned_reference".into();
                d.message =
                    format!("rule `{name}` has versions and cannot be used inside another rule");
                d.message_id = format!(
                    "aturan `{name}` berversi dan tidak dapat dipakai di dalam aturan lain"
                );
                d.help = Some(format!("give this rule versions too, or refer to `{name}` from a commitment (`{name}@LABEL`)"));
            }
            d
        };
        let base = match RuleSet::parse(&base_src) {
            Ok(set) => {
                out.extend(set.warnings().iter().cloned().map(recode));
                Some(set)
            }
            Err(e) => {
                out.extend(e.diagnostics().iter().cloned().map(recode));
                None
            }
        };
        let mut versions: BTreeMap<String, Vec<Compiled>> = BTreeMap::new();
        let mut order = Vec::new();
        for h in hs.iter().filter(|h| !h.broken) {
            let Some((sp, label, from, until)) = &h.version else {
                if !order
                    .iter()
                    .any(|e| matches!(e, Entry::Plain(n) if *n == h.name))
                {
                    order.push(Entry::Plain(h.name.clone()));
                }
                continue;
            };
            // the shared rules this version uses (by name, transitively) and this definition,
            // its annotation blanked, at their places in `src`: offsets, lines and columns stay
            // those of `src`, and each version compiles only what it needs
            let mut used: BTreeSet<&str> = BTreeSet::new();
            let mut todo: Vec<&str> = words(src.get(h.start..h.end).unwrap_or(""))
                .into_iter()
                .map(|(_, w)| w)
                .collect();
            while let Some(w) = todo.pop() {
                if let Some((_, ws)) = shared.get(w) {
                    if used.insert(w) {
                        todo.extend(ws.iter().copied());
                    }
                }
            }
            let unused: Vec<(usize, usize)> = shared
                .iter()
                .filter(|(n, _)| !used.contains(*n))
                .flat_map(|(_, (ranges, _))| ranges.iter().copied())
                .collect();
            let mut vsrc = blank(&base_src, &unused);
            let def = blank(
                src.get(h.start..h.end).unwrap_or(""),
                &[(
                    sp.start.saturating_sub(h.start),
                    sp.end.saturating_sub(h.start),
                )],
            );
            if vsrc.get(h.start..h.end).is_some() {
                vsrc.replace_range(h.start..h.end, &def);
            }
            let inside = |d: &Diagnostic| d.span.start >= h.start && d.span.start < h.end;
            match RuleSet::parse(&vsrc) {
                Ok(set) => {
                    out.extend(
                        set.warnings()
                            .iter()
                            .filter(|d| inside(d))
                            .cloned()
                            .map(recode),
                    );
                    let Some(rule) = set.rule(&h.name) else {
                        continue;
                    };
                    let info = RuleVersion {
                        name: h.name.clone(),
                        label: label.clone(),
                        from: *from,
                        until: *until,
                        content_hash: rule.content_hash(),
                    };
                    let mut json = def_json(&set, &h.name);
                    if let Value::Object(m) = &mut json {
                        m.insert(
                            "version".into(),
                            serde_json::json!({"label": label, "from": from.to_string(),
                                               "until": until.map(|u| u.to_string())}),
                        );
                    }
                    let text = annotate(&def_text(&set, &h.name), &info);
                    let list = versions.entry(h.name.clone()).or_default();
                    order.push(Entry::Version(h.name.clone(), label.clone()));
                    list.push(Compiled {
                        info,
                        rule,
                        text,
                        json,
                    });
                }
                Err(e) => {
                    out.extend(
                        e.diagnostics()
                            .iter()
                            .filter(|d| inside(d))
                            .cloned()
                            .map(recode),
                    );
                }
            }
        }
        out.sort_by_key(|d| (d.span.start, d.span.end));
        out.dedup();
        match base {
            Some(base) if !out.iter().any(Diagnostic::is_error) => {
                for list in versions.values_mut() {
                    list.sort_by_key(|c| c.info.from);
                }
                Ok(VersionedRuleSet {
                    base,
                    versions,
                    order,
                    warnings: out,
                })
            }
            _ => Err(RuleError::new(out)),
        }
    }

    /// Reads the JSON form: schema `berdaya.rules/1` whose rules may carry
    /// `"version": {"label": L, "from": "YYYY-MM-DD", "until": "YYYY-MM-DD" | null}`.
    ///
    /// # Errors
    /// `rule.json.*` for malformed JSON; otherwise as [`VersionedRuleSet::parse`] of the
    /// canonical text.
    pub fn from_json(text: &str) -> Result<VersionedRuleSet, RuleError> {
        let bad = |msg: String, id: String| {
            RuleError::new(vec![Diag::error(
                "rule.json.invalid",
                Sp::default(),
                msg,
                id,
            )
            .resolve(text)])
        };
        let doc: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            // the rule reader reports the syntax error with its position
            Err(_) => {
                return Err(RuleSet::from_json(text)
                    .err()
                    .unwrap_or_else(|| bad("invalid JSON".into(), "JSON tidak sah".into())))
            }
        };
        let Some(rules) = doc.get("rules").and_then(Value::as_array) else {
            return RuleSet::from_json(text).and_then(|s| VersionedRuleSet::parse(&s.to_text()));
        };
        let mut src = String::new();
        for (i, r) in rules.iter().enumerate() {
            let mut r = r.clone();
            let version = match &mut r {
                Value::Object(m) => m.remove("version"),
                _ => None,
            };
            let one = serde_json::json!({"schema": doc.get("schema"), "rules": [r]}).to_string();
            let defs = match json::from_json(&one) {
                Ok(json::Doc::Rules(defs)) => defs,
                Ok(json::Doc::Expression(_)) => Vec::new(),
                Err(d) => {
                    return Err(RuleError::new(vec![Diag {
                        span: Sp::default(),
                        ..d
                    }
                    .resolve(text)]))
                }
            };
            let mut def = print::file_text(defs.iter());
            if let Some(v) = version {
                let field = |k: &str| v.get(k).and_then(Value::as_str);
                let date = |k: &str| field(k).and_then(|s| s.parse::<NaiveDate>().ok());
                let label = field("label").filter(|l| is_label(l));
                let until = match v.get("until") {
                    None | Some(Value::Null) => Some(None),
                    Some(_) => date("until").map(Some),
                };
                let (Some(label), Some(from), Some(until), Some(name)) = (
                    label,
                    date("from"),
                    until,
                    defs.first().map(|d| d.name.clone()),
                ) else {
                    return Err(bad(
                        format!("rule {i}: `version` needs `label`, `from` (YYYY-MM-DD) and optional `until`"),
                        format!("aturan {i}: `version` perlu `label`, `from` (YYYY-MM-DD) dan `until` opsional"),
                    ));
                };
                def = annotate(
                    &def,
                    &RuleVersion {
                        name,
                        label: label.to_owned(),
                        from,
                        until,
                        content_hash: String::new(),
                    },
                );
            }
            if i > 0 {
                src.push('\n');
            }
            src.push_str(&def);
        }
        VersionedRuleSet::parse(&src)
    }

    /// The names of the rules, in source order (each once).
    pub fn names(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for e in &self.order {
            let n = match e {
                Entry::Plain(n) | Entry::Version(n, _) => n.as_str(),
            };
            if !out.contains(&n) {
                out.push(n);
            }
        }
        out
    }

    /// The versions of rule `name`, by start date (empty for an unversioned or unknown rule).
    pub fn versions(&self, name: &str) -> Vec<RuleVersion> {
        self.versions
            .get(name)
            .map(|l| l.iter().map(|c| c.info.clone()).collect())
            .unwrap_or_default()
    }

    /// The gaps between consecutive versions of rule `name` (days on which none is in
    /// force, before the first and after an ended last version excluded).
    pub fn gaps(&self, name: &str) -> Vec<DateSpan> {
        let list = self.versions(name);
        list.windows(2)
            .filter_map(|w| match (w.first()?.until, w.get(1)) {
                (Some(u), Some(b)) if u < b.from => Some(DateSpan {
                    from: Some(u),
                    until: Some(b.from),
                }),
                _ => None,
            })
            .collect()
    }

    /// Warnings found when checking (including `rule.version.gap`).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// The rule a reference names on `as_of`: for `name`, the version in force then (or the
    /// unversioned rule); for `name@label`, that version whatever the date.
    ///
    /// # Errors
    /// `rule.version.bad_reference`, `rule.version.unknown_rule`,
    /// `rule.version.unknown_label`, `rule.version.none_in_force`.
    pub fn rule_on(
        &self,
        reference: &str,
        as_of: NaiveDate,
    ) -> Result<(Rule, Option<RuleVersion>), VersionError> {
        let Some(r) = RuleReference::parse(reference) else {
            return err(VersionErrorKind::BadReference(reference.to_owned()));
        };
        match (self.versions.get(&r.name), r.label) {
            (None, None) => match self.base.rule(&r.name) {
                Some(rule) => Ok((rule, None)),
                None => err(VersionErrorKind::UnknownRule(r.name)),
            },
            (None, Some(l)) => match self.base.rule(&r.name) {
                Some(_) => err(VersionErrorKind::UnknownLabel(r.name, l)),
                None => err(VersionErrorKind::UnknownRule(r.name)),
            },
            (Some(list), Some(l)) => match list.iter().find(|c| c.info.label == l) {
                Some(c) => Ok((c.rule.clone(), Some(c.info.clone()))),
                None => err(VersionErrorKind::UnknownLabel(r.name, l)),
            },
            (Some(list), None) => match list.iter().find(|c| c.info.in_force_on(as_of)) {
                Some(c) => Ok((c.rule.clone(), Some(c.info.clone()))),
                None => err(VersionErrorKind::NoneInForce(r.name, as_of)),
            },
        }
    }

    /// Decides with the rule `reference` names on `as_of` (see [`VersionedRuleSet::rule_on`]).
    ///
    /// # Errors
    /// As [`VersionedRuleSet::rule_on`].
    pub fn evaluate(
        &self,
        reference: &str,
        facts: &Facts,
        context: &Context,
        as_of: NaiveDate,
    ) -> Result<VersionedDecision, VersionError> {
        let (rule, version) = self.rule_on(reference, as_of)?;
        Ok(VersionedDecision {
            decision: rule.evaluate(facts, context, as_of),
            version,
        })
    }

    /// The earliest day on or after `as_of` on which the rule `reference` names decides
    /// `eligible` (see [`Rule::eligible_from`]). For a bare name, each day is decided by the
    /// version in force that day — so a later version coming into force counts like any other
    /// change in time — and days in a gap between versions decide nothing; the result names
    /// the version in force on the date found. A pinned `name@label` uses that version on
    /// every day.
    ///
    /// # Errors
    /// `rule.version.bad_reference`, `rule.version.unknown_rule`, `rule.version.unknown_label`
    /// (a day without a version in force is not an error here).
    pub fn eligible_from(
        &self,
        reference: &str,
        facts: &Facts,
        timeline: &ContextTimeline,
        as_of: NaiveDate,
    ) -> Result<VersionedCounterfactual, VersionError> {
        let r = RuleReference::parse(reference).ok_or_else(|| VersionError {
            kind: VersionErrorKind::BadReference(reference.to_owned()),
        })?;
        let list = match (self.versions.get(&r.name), &r.label) {
            (Some(list), None) => list,
            _ => {
                let (rule, version) = self.rule_on(reference, as_of)?;
                let counterfactual = rule.eligible_from(facts, timeline, as_of);
                return Ok(VersionedCounterfactual {
                    version: version.filter(|_| counterfactual.date(as_of).is_some()),
                    counterfactual,
                });
            }
        };
        let (lo, hi) = horizon(as_of);
        let mut truth = super::counterfactual::Truth::default();
        let mut covered = Days::default();
        for c in list {
            let a = lo.max(day(c.info.from));
            let b = c.info.until.map_or(hi, |u| hi.min(day(u)));
            if a >= b {
                continue;
            }
            let t = c.rule.truth(facts, timeline, a, b);
            truth.yes = truth.yes.union(&t.yes);
            truth.no = truth.no.union(&t.no);
            covered = covered.union(&Days::span(a, b));
        }
        let on = |d: NaiveDate| list.iter().find(|c| c.info.in_force_on(d));
        let cf = conclude(as_of, &truth, &covered, |d| {
            on(d)
                .map(|c| c.rule.evaluate(facts, &timeline.on(d), d).missing())
                .unwrap_or_default()
        });
        let version = cf.date(as_of).and_then(on).map(|c| c.info.clone());
        Ok(VersionedCounterfactual {
            counterfactual: cf,
            version,
        })
    }

    /// Canonical text: every definition in source order, versions with their annotations.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for e in &self.order {
            let t = match e {
                Entry::Plain(n) => def_text(&self.base, n),
                Entry::Version(n, l) => self
                    .versions
                    .get(n)
                    .and_then(|list| list.iter().find(|c| c.info.label == *l))
                    .map(|c| c.text.clone())
                    .unwrap_or_default(),
            };
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&t);
        }
        out
    }

    /// The JSON form (schema `berdaya.rules/1`, versions in a `version` member).
    pub fn to_json(&self) -> String {
        let rules: Vec<Value> = self
            .order
            .iter()
            .map(|e| match e {
                Entry::Plain(n) => def_json(&self.base, n),
                Entry::Version(n, l) => self
                    .versions
                    .get(n)
                    .and_then(|list| list.iter().find(|c| c.info.label == *l))
                    .map(|c| c.json.clone())
                    .unwrap_or(Value::Null),
            })
            .collect();
        serde_json::json!({"schema": json::SCHEMA, "rules": rules}).to_string()
    }
}
