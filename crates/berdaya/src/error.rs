//! The shared shape of every berdaya error and its language-neutral wire form.
//!
//! Each concern has its own error type (`NikError`, `RegionError`, ...). They all implement
//! [`Coded`], so a binding converts any of them through one function into an [`ErrorReport`]:
//! a stable machine `code`, a one-line `message`, optional `help`, the `field` it concerns and a
//! [`Span`] into the input.

use serde::{Deserialize, Serialize};

/// Implemented by every berdaya error: a stable machine code and a wire report.
pub trait Coded: std::error::Error {
    /// The stable, dotted snake_case machine code, e.g. `nik.bad_serial`.
    fn code(&self) -> &'static str;

    /// The field or part of the input the error concerns, if any (e.g. `province`).
    fn field(&self) -> Option<&'static str> {
        None
    }

    /// The byte range of the input the error concerns, if any.
    fn byte_span(&self) -> Option<std::ops::Range<usize>> {
        None
    }

    /// Longer help, if any.
    fn help(&self) -> Option<String> {
        None
    }

    /// The language-neutral report of this error, with the span resolved against `input`
    /// (the text that was parsed), so that no binding converts offsets itself.
    fn report(&self, input: Option<&str>) -> ErrorReport {
        ErrorReport {
            code: self.code().to_owned(),
            message: self.to_string(),
            help: self.help(),
            field: self.field().map(str::to_owned),
            span: match (self.byte_span(), input) {
                (Some(r), Some(src)) => Some(Span::resolve(src, r)),
                (Some(r), None) => Some(Span::bytes_only(r)),
                _ => None,
            },
        }
    }
}

/// An error as data: what every binding raises or throws.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ErrorReport {
    /// Stable machine code, e.g. `nik.bad_birth_date`.
    pub code: String,
    /// One line, lowercase, no final period.
    pub message: String,
    /// Longer help, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The field or part of the input concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Where in the input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// A location in a text input, in every unit a caller may need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Span {
    /// Start byte offset (UTF-8), inclusive.
    pub start: usize,
    /// End byte offset (UTF-8), exclusive.
    pub end: usize,
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based column of the start, counted in Unicode scalar values.
    pub column: usize,
    /// Start offset in UTF-16 code units (for JavaScript editors).
    pub utf16_start: usize,
    /// End offset in UTF-16 code units.
    pub utf16_end: usize,
}

impl Span {
    /// Resolves a byte range against its source text. Offsets beyond the text or inside a
    /// character are clamped to the nearest character boundary before them.
    pub fn resolve(src: &str, range: std::ops::Range<usize>) -> Span {
        let clamp = |mut i: usize| {
            i = i.min(src.len());
            while i > 0 && !src.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let start = clamp(range.start);
        let end = clamp(range.end.max(range.start));
        let before = src.get(..start).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(line_start..).unwrap_or("").chars().count() + 1;
        let utf16 = |s: &str| s.chars().map(char::len_utf16).sum::<usize>();
        let utf16_start = utf16(before);
        let utf16_end = utf16_start + utf16(src.get(start..end).unwrap_or(""));
        Span {
            start,
            end,
            line,
            column,
            utf16_start,
            utf16_end,
        }
    }

    fn bytes_only(range: std::ops::Range<usize>) -> Span {
        Span {
            start: range.start,
            end: range.end,
            line: 1,
            column: range.start + 1,
            utf16_start: range.start,
            utf16_end: range.end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_counts_lines_scalars_and_utf16() {
        let src = "ab\ncé𝟘x";
        // `x` is after c (1 byte), é (2 bytes), 𝟘 (4 bytes, 2 UTF-16 units)
        let x = src.find('x').unwrap();
        let s = Span::resolve(src, x..x + 1);
        assert_eq!((s.line, s.column), (2, 4));
        assert_eq!(s.utf16_start, 3 + 1 + 1 + 2);
        assert_eq!(s.utf16_end, s.utf16_start + 1);
    }

    #[test]
    fn span_clamps_out_of_range() {
        let s = Span::resolve("é", 1..99);
        assert_eq!((s.start, s.end), (0, 2));
    }
}
