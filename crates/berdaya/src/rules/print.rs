//! The printer: canonical text of rules. Values are spelled canonically (English enum names,
//! region codes without dots), comments are dropped, `and` inside `or` is parenthesised.

use std::fmt::Write;

use super::ast::*;
use super::facts::{disability, FactId, Ty};
use super::parse::RESERVED;

/// Canonical text of a rule file.
pub(crate) fn file_text<'a>(defs: impl Iterator<Item = &'a RuleDef>) -> String {
    let mut out = String::new();
    for (i, d) in defs.enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line_start = out.len();
        let _ = write!(out, "rule {}", d.name);
        if let Some(t) = &d.title {
            let _ = write!(out, " {}", quote(t));
        }
        out.push_str(" =");
        let one_line = expr_text(&d.body);
        match &d.body.kind {
            ExprKind::And(items)
                if items.len() > 1 && out.len() - line_start + one_line.len() > 80 =>
            {
                for (j, x) in items.iter().enumerate() {
                    out.push_str(if j == 0 { "\n    " } else { "\n    and " });
                    expr(&mut out, x, Ctx::And);
                }
            }
            _ => {
                out.push(' ');
                out.push_str(&one_line);
            }
        }
        out.push('\n');
    }
    out
}

/// Canonical text of an expression.
pub(crate) fn expr_text(e: &Expr) -> String {
    let mut out = String::new();
    expr(&mut out, e, Ctx::Top);
    out
}

/// Canonical text of a clause (used in reasons and diagnostics).
pub(crate) fn clause_text(e: &Expr) -> String {
    expr_text(e)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Top,
    And,
    Or,
    Not,
}

fn expr(out: &mut String, e: &Expr, ctx: Ctx) {
    match &e.kind {
        ExprKind::And(items) | ExprKind::Or(items) => {
            let is_and = matches!(e.kind, ExprKind::And(_));
            let paren = match ctx {
                Ctx::Top => false,
                Ctx::Not => true,
                Ctx::And => !is_and,
                Ctx::Or => is_and || items.len() < 2,
            };
            if paren {
                out.push('(');
            }
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(if is_and { " and " } else { " or " });
                }
                expr(out, x, if is_and { Ctx::And } else { Ctx::Or });
            }
            if paren {
                out.push(')');
            }
        }
        ExprKind::Not(x) => {
            out.push_str("not ");
            let bare = matches!(
                x.kind,
                ExprKind::Not(_) | ExprKind::Name(_) | ExprKind::Known(_) | ExprKind::Const(_)
            );
            if bare || matches!(x.kind, ExprKind::And(_) | ExprKind::Or(_)) {
                expr(out, x, Ctx::Not);
            } else {
                out.push('(');
                expr(out, x, Ctx::Not);
                out.push(')');
            }
        }
        _ => leaf(out, e),
    }
}

/// Writes a clause (never recurses).
#[inline(never)]
fn leaf(out: &mut String, e: &Expr) {
    match &e.kind {
        ExprKind::And(_) | ExprKind::Or(_) | ExprKind::Not(_) => {}
        ExprKind::Const(b) => out.push_str(if *b { "true" } else { "false" }),
        ExprKind::Name(n) => out.push_str(n),
        ExprKind::Known(f) => {
            let _ = write!(out, "known({})", f.name);
        }
        ExprKind::Cmp { fact, op, value } => {
            operand(out, fact);
            let _ = write!(out, " {} ", op.as_str());
            lit(out, &fact.name, value);
        }
        ExprKind::Between { fact, low, high } => {
            operand(out, fact);
            out.push_str(" between ");
            lit(out, &fact.name, low);
            out.push_str(" and ");
            lit(out, &fact.name, high);
        }
        ExprKind::In {
            fact,
            negated,
            values,
        } => {
            operand(out, fact);
            out.push_str(if *negated { " not in " } else { " in " });
            list(out, &fact.name, values);
        }
        ExprKind::Has {
            fact,
            quant,
            values,
        } => {
            operand(out, fact);
            match (quant, values.first()) {
                (Quant::One, Some(v)) if values.len() == 1 => {
                    out.push_str(" has ");
                    lit(out, &fact.name, v);
                }
                _ => {
                    out.push_str(match quant {
                        Quant::All => " has all of ",
                        Quant::None => " has none of ",
                        _ => " has any of ",
                    });
                    list(out, &fact.name, values);
                }
            }
        }
        ExprKind::Empty { fact, negated } => {
            operand(out, fact);
            out.push_str(if *negated {
                " is not empty"
            } else {
                " is empty"
            });
        }
    }
}

fn operand(out: &mut String, f: &FactRef) {
    match &f.default {
        Some(d) => {
            let _ = write!(out, "default({}, ", f.name);
            lit(out, &f.name, d);
            out.push(')');
        }
        None => out.push_str(&f.name),
    }
}

fn list(out: &mut String, fact: &str, values: &[Lit]) {
    out.push('[');
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        lit(out, fact, v);
    }
    out.push(']');
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !RESERVED.contains(&s)
        && !matches!(s, "any" | "all" | "of" | "empty")
}

pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Writes a literal, spelled canonically for the fact it is compared with.
fn lit(out: &mut String, fact: &str, l: &Lit) {
    let ty = FactId::lookup(fact).map(FactId::ty);
    match &l.kind {
        LitKind::Ident(s) | LitKind::Str(s) => {
            if s == "[]" && matches!(l.kind, LitKind::Ident(_)) {
                out.push_str("[]");
                return;
            }
            match ty {
                Some(Ty::Enum(k)) => {
                    if let Some(v) = k.lookup(s) {
                        out.push_str(k.name(v));
                        return;
                    }
                }
                Some(Ty::Disabilities) => {
                    if let Some(d) = disability(s) {
                        out.push_str(d.as_str());
                        return;
                    }
                }
                Some(Ty::Region) => {
                    let digits: String = s.chars().filter(|c| *c != '.').collect();
                    out.push_str(&quote(&digits));
                    return;
                }
                Some(Ty::Text) => {
                    out.push_str(&quote(s));
                    return;
                }
                _ => {}
            }
            if is_ident(s) {
                out.push_str(s);
            } else {
                out.push_str(&quote(s));
            }
        }
        LitKind::Int(n) => match ty {
            Some(Ty::Region | Ty::Text) => out.push_str(&quote(&n.to_string())),
            Some(Ty::TextList) if *n >= 0 => out.push_str(&quote(&n.to_string())),
            _ => {
                let _ = write!(out, "{n}");
            }
        },
        LitKind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        LitKind::Date(d) => {
            match d.base {
                Some(b) => {
                    let _ = write!(out, "{}", b.format("%Y-%m-%d"));
                }
                None => out.push_str("as_of"),
            }
            for (n, u) in &d.offsets {
                let sign = if *n < 0 { '-' } else { '+' };
                let _ = write!(out, " {sign} {} {}", n.unsigned_abs(), u.as_str());
            }
        }
    }
}

/// A literal as written, for messages.
pub(crate) fn lit_text(l: &Lit) -> String {
    let mut out = String::new();
    lit(&mut out, "", l);
    out
}
