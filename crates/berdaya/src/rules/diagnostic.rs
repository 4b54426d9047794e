//! Diagnostics of the rule checker: stable codes, spans, English and Indonesian messages.

use serde::Serialize;

use super::ast::Sp;
use crate::error::{Coded, Span};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Severity {
    /// The rule cannot be compiled.
    Error,
    /// The rule compiles but probably does not say what its author meant.
    Warning,
}

impl Severity {
    /// The wire name: `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One finding about a rule source, as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Diagnostic {
    /// Stable machine code, e.g. `rule.check.unknown_field`.
    pub code: String,
    /// Error or warning.
    pub severity: Severity,
    /// One line in English, lowercase, no final period.
    pub message: String,
    /// The same in Indonesian.
    pub message_id: String,
    /// Longer help, if any (e.g. "did you mean").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Where: byte offsets, 1-based line and column (Unicode scalar values), UTF-16 offsets.
    pub span: Span,
    /// The source line with a caret under the span.
    pub snippet: String,
}

impl Diagnostic {
    /// Whether this diagnostic prevents compilation.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A diagnostic before it is resolved against its source.
#[derive(Debug, Clone)]
pub(crate) struct Diag {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub message_id: String,
    pub help: Option<String>,
    pub span: Sp,
}

impl Diag {
    pub fn error(code: &'static str, span: Sp, en: String, id: String) -> Diag {
        Diag {
            code,
            severity: Severity::Error,
            message: en,
            message_id: id,
            help: None,
            span,
        }
    }

    pub fn warning(code: &'static str, span: Sp, en: String, id: String) -> Diag {
        Diag {
            severity: Severity::Warning,
            ..Diag::error(code, span, en, id)
        }
    }

    pub fn with_help(mut self, help: Option<String>) -> Diag {
        self.help = help;
        self
    }

    pub fn resolve(self, src: &str) -> Diagnostic {
        let span = Span::resolve(src, self.span.start..self.span.end);
        self.with_span(src, span)
    }

    pub fn with_span(self, src: &str, span: Span) -> Diagnostic {
        Diagnostic {
            code: self.code.to_owned(),
            severity: self.severity,
            message: self.message,
            message_id: self.message_id,
            help: self.help,
            snippet: snippet(src, &span),
            span,
        }
    }
}

/// Resolves many byte spans against one source in a single pass (rather than one pass per
/// span, which a hostile source with many clauses would make quadratic).
pub(crate) fn resolve_all(src: &str, spans: &[Sp]) -> Vec<Span> {
    let clamp = |i: usize| i.min(src.len());
    let mut offsets: Vec<usize> = spans
        .iter()
        .flat_map(|s| [clamp(s.start), clamp(s.end.max(s.start))])
        .collect();
    offsets.sort_unstable();
    offsets.dedup();
    // (offset, line, column, utf16) for each needed offset, in order
    let mut table: Vec<(usize, usize, usize, usize)> = Vec::with_capacity(offsets.len());
    let (mut line, mut column, mut utf16) = (1, 1, 0);
    let mut next = offsets.iter().copied().peekable();
    for (i, ch) in src.char_indices() {
        while let Some(o) = next.next_if(|o| *o <= i) {
            table.push((o, line, column, utf16));
        }
        if ch == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
        utf16 += ch.len_utf16();
    }
    for o in next {
        table.push((o, line, column, utf16));
    }
    let at = |o: usize| {
        table
            .binary_search_by_key(&o, |t| t.0)
            .ok()
            .and_then(|i| table.get(i))
            .copied()
            .unwrap_or((o, 1, 1, 0))
    };
    spans
        .iter()
        .map(|s| {
            let (start, end) = (clamp(s.start), clamp(s.end.max(s.start)));
            let a = at(start);
            let b = at(end);
            Span {
                start,
                end,
                line: a.1,
                column: a.2,
                utf16_start: a.3,
                utf16_end: b.3,
            }
        })
        .collect()
}

/// Renders the line of `span` with a line number and carets under the span.
fn snippet(src: &str, span: &Span) -> String {
    let line_start = src
        .get(..span.start)
        .and_then(|b| b.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line_end = src
        .get(span.start..)
        .and_then(|r| r.find('\n'))
        .map_or(src.len(), |i| span.start + i);
    let line = src.get(line_start..line_end).unwrap_or("");
    let width = src
        .get(span.start..span.end.min(line_end).max(span.start))
        .map_or(0, |s| s.chars().count())
        .max(1);
    // long lines (e.g. generated rules) are shown in a window around the span
    let chars: Vec<char> = line.chars().collect();
    let col = span.column.saturating_sub(1).min(chars.len());
    let from = if chars.len() > WINDOW && col > WINDOW / 3 {
        col - WINDOW / 3
    } else {
        0
    };
    let to = (from + WINDOW).min(chars.len());
    let mut shown: String = if from > 0 {
        "…".into()
    } else {
        String::new()
    };
    shown.extend(chars.get(from..to).unwrap_or(&[]).iter());
    if to < chars.len() {
        shown.push('…');
    }
    let caret_at = usize::from(from > 0) + (col - from);
    let width = width.min(to.saturating_sub(col)).max(1);
    let number = span.line.to_string();
    let pad = " ".repeat(number.len());
    format!(
        "{number} | {shown}\n{pad} | {}{}",
        " ".repeat(caret_at),
        "^".repeat(width)
    )
}

/// The widest part of a line a snippet shows, in characters.
const WINDOW: usize = 100;

/// A rule that did not compile: every diagnostic, errors and warnings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", first_message(.diagnostics))]
pub struct RuleError {
    diagnostics: Vec<Diagnostic>,
}

fn first_message(d: &[Diagnostic]) -> String {
    let errors = d.iter().filter(|d| d.is_error()).count();
    match d.iter().find(|d| d.is_error()) {
        Some(first) if errors > 1 => format!(
            "{} (line {}, column {}; and {} more errors)",
            first.message,
            first.span.line,
            first.span.column,
            errors - 1
        ),
        Some(first) => format!(
            "{} (line {}, column {})",
            first.message, first.span.line, first.span.column
        ),
        None => "invalid rule".to_owned(),
    }
}

impl RuleError {
    pub(crate) fn new(diagnostics: Vec<Diagnostic>) -> RuleError {
        RuleError { diagnostics }
    }

    /// Every diagnostic, in source order (errors and warnings).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    fn first_error(&self) -> Option<&Diagnostic> {
        self.diagnostics.iter().find(|d| d.is_error())
    }
}

impl Coded for RuleError {
    fn code(&self) -> &'static str {
        "rule.invalid"
    }

    fn byte_span(&self) -> Option<std::ops::Range<usize>> {
        self.first_error().map(|d| d.span.start..d.span.end)
    }

    fn help(&self) -> Option<String> {
        self.first_error().and_then(|d| d.help.clone())
    }
}

/// Levenshtein distance, for "did you mean".
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            cur.push(sub.min(del).min(ins));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

/// The closest candidate within a small edit distance, if any.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1) + 1;
    candidates
        .map(|c| (distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_all_agrees_with_span_resolve() {
        let src = "ab\ncé𝟘x\n\n  y≥";
        let bounds: Vec<usize> = (0..=src.len())
            .filter(|i| src.is_char_boundary(*i))
            .collect();
        let spans: Vec<Sp> = bounds
            .iter()
            .flat_map(|a| {
                bounds
                    .iter()
                    .filter(move |b| *b >= a)
                    .map(move |b| Sp::new(*a, *b))
            })
            .chain([Sp::new(3, 999), Sp::new(999, 999)])
            .collect();
        let all = resolve_all(src, &spans);
        for (s, got) in spans.iter().zip(all) {
            assert_eq!(got, Span::resolve(src, s.start..s.end), "{s:?}");
        }
    }

    #[test]
    fn many_errors_are_capped() {
        let src = "rule a = umur > 1\n".repeat(20_000);
        let diags = crate::rules::check(&src);
        let codes: Vec<_> = diags
            .iter()
            .map(|d| (d.code.as_str(), d.span.line))
            .collect();
        assert_eq!(diags.len(), crate::rules::MAX_DIAGNOSTICS, "{codes:?}");
        assert_eq!(diags[99].span.line, 51);
    }
}
