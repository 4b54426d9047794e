//! The lexer: source text to tokens with byte spans. Comments run from `#` to the end of line.

use chrono::NaiveDate;

use super::ast::Sp;
use super::diagnostic::Diag;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tok {
    Ident(String),
    Int(i64),
    Str(String),
    Date(NaiveDate),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    Plus,
    Minus,
    Op(&'static str),
    Eof,
}

impl Tok {
    pub fn describe(&self) -> String {
        match self {
            Tok::Ident(s) => format!("`{s}`"),
            Tok::Int(i) => format!("`{i}`"),
            Tok::Str(s) => format!("`\"{s}\"`"),
            Tok::Date(d) => format!("`{d}`"),
            Tok::LParen => "`(`".into(),
            Tok::RParen => "`)`".into(),
            Tok::LBracket => "`[`".into(),
            Tok::RBracket => "`]`".into(),
            Tok::Comma => "`,`".into(),
            Tok::Plus => "`+`".into(),
            Tok::Minus => "`-`".into(),
            Tok::Op(o) => format!("`{o}`"),
            Tok::Eof => "end of input".into(),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub tok: Tok,
    pub span: Sp,
}

/// Splits `src` into tokens; stops at the first lexical error.
pub(crate) fn lex(src: &str) -> Result<Vec<Token>, Diag> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let Some(&c) = bytes.get(i) else { break };
        let start = i;
        let single = |t: Tok| Token {
            tok: t,
            span: Sp::new(start, start + 1),
        };
        match c {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'#' => {
                while i < bytes.len() && bytes.get(i) != Some(&b'\n') {
                    i += 1;
                }
            }
            b'(' => {
                out.push(single(Tok::LParen));
                i += 1;
            }
            b')' => {
                out.push(single(Tok::RParen));
                i += 1;
            }
            b'[' => {
                out.push(single(Tok::LBracket));
                i += 1;
            }
            b']' => {
                out.push(single(Tok::RBracket));
                i += 1;
            }
            b',' => {
                out.push(single(Tok::Comma));
                i += 1;
            }
            b'+' => {
                out.push(single(Tok::Plus));
                i += 1;
            }
            b'-' => {
                out.push(single(Tok::Minus));
                i += 1;
            }
            b'=' | b'!' | b'<' | b'>' => {
                let next = bytes.get(i + 1).copied();
                let (op, len) = match (c, next) {
                    (b'=', Some(b'=')) => ("=", 2),
                    (b'=', _) => ("=", 1),
                    (b'!', Some(b'=')) => ("!=", 2),
                    (b'<', Some(b'=')) => ("<=", 2),
                    (b'<', _) => ("<", 1),
                    (b'>', Some(b'=')) => (">=", 2),
                    (b'>', _) => (">", 1),
                    _ => return Err(unexpected_char(src, start)),
                };
                out.push(Token {
                    tok: Tok::Op(op),
                    span: Sp::new(start, start + len),
                });
                i += len;
            }
            b'"' => {
                i += 1;
                let mut s = String::new();
                loop {
                    match src.get(i..).and_then(|r| r.chars().next()) {
                        None | Some('\n') => {
                            return Err(Diag::error(
                                "rule.parse.unterminated_string",
                                Sp::new(start, i),
                                "unterminated string".into(),
                                "string tidak ditutup".into(),
                            ))
                        }
                        Some('"') => {
                            i += 1;
                            break;
                        }
                        Some('\\') => {
                            match bytes.get(i + 1) {
                                Some(b'"') => s.push('"'),
                                Some(b'\\') => s.push('\\'),
                                _ => {
                                    return Err(Diag::error(
                                        "rule.parse.bad_escape",
                                        Sp::new(i, i + 2),
                                        "unknown escape in string; only `\\\"` and `\\\\` are allowed".into(),
                                        "escape tidak dikenal dalam string; hanya `\\\"` dan `\\\\` yang diizinkan".into(),
                                    ))
                                }
                            }
                            i += 2;
                        }
                        Some(ch) => {
                            s.push(ch);
                            i += ch.len_utf8();
                        }
                    }
                }
                out.push(Token {
                    tok: Tok::Str(s),
                    span: Sp::new(start, i),
                });
            }
            b'0'..=b'9' => {
                while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
                // a date: dddd-dd-dd
                let is_date = i - start == 4
                    && bytes.get(i) == Some(&b'-')
                    && bytes
                        .get(i + 1..i + 3)
                        .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
                    && bytes.get(i + 3) == Some(&b'-')
                    && bytes
                        .get(i + 4..i + 6)
                        .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
                    && !bytes.get(i + 6).is_some_and(u8::is_ascii_alphanumeric);
                if is_date {
                    let text = src.get(start..i + 6).unwrap_or("");
                    let span = Sp::new(start, i + 6);
                    let d = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                        Diag::error(
                            "rule.parse.bad_date",
                            span,
                            format!("`{text}` is not a valid date"),
                            format!("`{text}` bukan tanggal yang sah"),
                        )
                    })?;
                    out.push(Token {
                        tok: Tok::Date(d),
                        span,
                    });
                    i += 6;
                } else {
                    let text = src.get(start..i).unwrap_or("");
                    let span = Sp::new(start, i);
                    let n: i64 = text.parse().map_err(|_| {
                        Diag::error(
                            "rule.parse.bad_number",
                            span,
                            format!("number `{text}` is too large"),
                            format!("angka `{text}` terlalu besar"),
                        )
                    })?;
                    if bytes
                        .get(i)
                        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
                    {
                        return Err(unexpected_char(src, i));
                    }
                    out.push(Token {
                        tok: Tok::Int(n),
                        span,
                    });
                }
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while bytes
                    .get(i)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
                {
                    i += 1;
                }
                out.push(Token {
                    tok: Tok::Ident(src.get(start..i).unwrap_or("").to_owned()),
                    span: Sp::new(start, i),
                });
            }
            _ => return Err(unexpected_char(src, start)),
        }
    }
    out.push(Token {
        tok: Tok::Eof,
        span: Sp::new(src.len(), src.len()),
    });
    Ok(out)
}

fn unexpected_char(src: &str, at: usize) -> Diag {
    let ch = src.get(at..).and_then(|r| r.chars().next()).unwrap_or(' ');
    Diag::error(
        "rule.parse.unexpected_character",
        Sp::new(at, at + ch.len_utf8()),
        format!("unexpected character `{ch}`"),
        format!("karakter `{ch}` tidak terduga"),
    )
}
