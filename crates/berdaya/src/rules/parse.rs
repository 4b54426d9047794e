//! The recursive-descent parser. Nesting is counted before recursing, so hostile input gives a
//! `rule.limit.too_deep` diagnostic rather than a stack overflow.

use super::ast::*;
use super::diagnostic::Diag;
use super::lex::{lex, Tok, Token};
use super::{MAX_DEPTH, MAX_NODES, MAX_SET, MAX_SOURCE};

/// Words that cannot name a fact or a rule.
pub(crate) const RESERVED: &[&str] = &[
    "and", "or", "not", "rule", "true", "false", "known", "default", "between", "in", "has", "is",
    "as_of",
];

/// One open parenthesis (or the whole expression) while reading an expression.
#[derive(Default)]
struct Frame {
    /// `not`s written before the `(`.
    nots: Vec<Sp>,
    /// Operands joined by `and` so far.
    and: Vec<Expr>,
    /// Completed `and` runs joined by `or`.
    or: Vec<Expr>,
}

struct Parser {
    toks: Vec<Token>,
    pos: usize,
    depth: usize,
    nodes: usize,
}

type PResult<T> = Result<T, Diag>;

fn check_size(src: &str) -> PResult<()> {
    if src.len() > MAX_SOURCE {
        return Err(Diag::error(
            "rule.limit.too_large",
            Sp::new(0, 0),
            format!(
                "rule source is {} bytes; the limit is {MAX_SOURCE}",
                src.len()
            ),
            format!("sumber aturan {} byte; batasnya {MAX_SOURCE}", src.len()),
        ));
    }
    Ok(())
}

/// Parses a single expression.
pub(crate) fn parse_expr(src: &str) -> PResult<Expr> {
    check_size(src)?;
    let mut p = Parser::new(lex(src)?);
    let e = p.expr()?;
    p.expect_eof()?;
    Ok(e)
}

/// Parses a file of named rules; recovers at the next `rule` after an error.
pub(crate) fn parse_file(src: &str) -> (Vec<RuleDef>, Vec<Diag>) {
    if let Err(d) = check_size(src) {
        return (Vec::new(), vec![d]);
    }
    let toks = match lex(src) {
        Ok(t) => t,
        Err(d) => return (Vec::new(), vec![d]),
    };
    let mut p = Parser::new(toks);
    let mut rules = Vec::new();
    let mut diags = Vec::new();
    while p.peek() != &Tok::Eof {
        match p.rule_def() {
            Ok(r) => rules.push(r),
            Err(d) => {
                let fatal = d.code.starts_with("rule.limit");
                diags.push(d);
                if fatal {
                    break;
                }
                if !p.at_word("rule") {
                    p.bump();
                }
                while !matches!(p.peek(), Tok::Eof) && !p.at_word("rule") {
                    p.bump();
                }
            }
        }
    }
    (rules, diags)
}

impl Parser {
    fn new(toks: Vec<Token>) -> Parser {
        Parser {
            toks,
            pos: 0,
            depth: 0,
            nodes: 0,
        }
    }

    fn peek(&self) -> &Tok {
        self.toks.get(self.pos).map_or(&Tok::Eof, |t| &t.tok)
    }

    fn peek_at(&self, n: usize) -> &Tok {
        self.toks.get(self.pos + n).map_or(&Tok::Eof, |t| &t.tok)
    }

    fn span(&self) -> Sp {
        self.toks
            .get(self.pos)
            .or_else(|| self.toks.last())
            .map_or(Sp::default(), |t| t.span)
    }

    fn prev_span(&self) -> Sp {
        self.toks
            .get(self.pos.saturating_sub(1))
            .map_or(Sp::default(), |t| t.span)
    }

    fn bump(&mut self) -> Token {
        let t = self.toks.get(self.pos).cloned().unwrap_or(Token {
            tok: Tok::Eof,
            span: self.span(),
        });
        if self.pos < self.toks.len() {
            self.pos += 1;
        }
        t
    }

    fn at_word(&self, w: &str) -> bool {
        matches!(self.peek(), Tok::Ident(s) if s == w)
    }

    fn eat_word(&mut self, w: &str) -> bool {
        let at = self.at_word(w);
        if at {
            self.pos += 1;
        }
        at
    }

    fn unexpected(&self, expected: &str, expected_id: &str) -> Diag {
        let found = self.peek().describe();
        Diag::error(
            "rule.parse.unexpected_token",
            self.span(),
            format!("expected {expected}, found {found}"),
            format!("seharusnya {expected_id}, ditemukan {found}"),
        )
    }

    fn expect(&mut self, t: Tok, en: &str, id: &str) -> PResult<Sp> {
        if self.peek() == &t {
            Ok(self.bump().span)
        } else {
            Err(self.unexpected(en, id))
        }
    }

    fn expect_word(&mut self, w: &str) -> PResult<Sp> {
        if self.at_word(w) {
            Ok(self.bump().span)
        } else {
            Err(self.unexpected(&format!("`{w}`"), &format!("`{w}`")))
        }
    }

    fn expect_eof(&mut self) -> PResult<()> {
        if self.peek() == &Tok::Eof {
            Ok(())
        } else {
            Err(self.unexpected("`and`, `or` or end of input", "`and`, `or` atau akhir teks"))
        }
    }

    fn name(&mut self, what: &str, what_id: &str) -> PResult<(String, Sp)> {
        match self.peek() {
            Tok::Ident(s) if !RESERVED.contains(&s.as_str()) => {
                let t = self.bump();
                match t.tok {
                    Tok::Ident(s) => Ok((s, t.span)),
                    _ => Err(self.unexpected(what, what_id)),
                }
            }
            _ => Err(self.unexpected(what, what_id)),
        }
    }

    fn count(&mut self, n: usize, span: Sp) -> PResult<()> {
        self.nodes += n;
        if self.nodes > MAX_NODES {
            return Err(Diag::error(
                "rule.limit.too_large",
                span,
                format!("rule has more than {MAX_NODES} nodes"),
                format!("aturan memiliki lebih dari {MAX_NODES} simpul"),
            ));
        }
        Ok(())
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Diag::error(
                "rule.limit.too_deep",
                self.span(),
                format!("rule is nested more than {MAX_DEPTH} levels deep"),
                format!("aturan bersarang lebih dari {MAX_DEPTH} tingkat"),
            ));
        }
        Ok(())
    }

    fn rule_def(&mut self) -> PResult<RuleDef> {
        self.expect_word("rule")?;
        let (name, name_span) = self.name("a rule name", "nama aturan")?;
        let title = match self.peek() {
            Tok::Str(_) => match self.bump().tok {
                Tok::Str(s) => Some(s),
                _ => None,
            },
            _ => None,
        };
        self.expect(Tok::Op("="), "`=`", "`=`")?;
        let body = self.expr()?;
        if !matches!(self.peek(), Tok::Eof) && !self.at_word("rule") {
            return Err(self.unexpected(
                "`and`, `or`, `rule` or end of input",
                "`and`, `or`, `rule` atau akhir teks",
            ));
        }
        Ok(RuleDef {
            name,
            name_span,
            title,
            body,
        })
    }

    /// Reads an expression without recursion: an explicit stack holds one frame per open
    /// parenthesis, so nesting costs heap, not stack.
    pub(crate) fn expr(&mut self) -> PResult<Expr> {
        let mut stack: Vec<Frame> = vec![Frame::default()];
        loop {
            // an operand: `not`*, then `(` or an atom
            let mut nots = Vec::new();
            while self.at_word("not") {
                nots.push(self.bump().span);
                self.enter()?;
            }
            if self.peek() == &Tok::LParen {
                let open = self.bump().span;
                self.count(1, open)?;
                self.enter()?;
                stack.push(Frame {
                    nots,
                    ..Frame::default()
                });
                continue;
            }
            let mut operand = self.atom()?;
            operand = self.negate(operand, nots)?;
            // attach the operand, closing groups as far as `)` allows
            loop {
                let Some(top) = stack.last_mut() else {
                    return Err(self.unexpected("an expression", "ekspresi"));
                };
                top.and.push(operand);
                if self.eat_word("and") {
                    break;
                }
                if self.eat_word("or") {
                    let and = std::mem::take(&mut top.and);
                    let e = self.junction(and, false)?;
                    if let Some(top) = stack.last_mut() {
                        top.or.push(e);
                    }
                    break;
                }
                let Some(frame) = stack.pop() else {
                    return Err(self.unexpected("an expression", "ekspresi"));
                };
                let e = self.close(frame)?;
                if stack.is_empty() {
                    return Ok(e);
                }
                if self.peek() != &Tok::RParen {
                    return Err(self.unexpected("`and`, `or` or `)`", "`and`, `or` atau `)`"));
                }
                self.bump();
                self.depth -= 1;
                // `e` keeps the nots written before its `(`: they were stored on the frame
                operand = e;
            }
        }
    }

    /// Ends a group: its `and` run joins its `or` list; the nots before it apply.
    fn close(&mut self, mut frame: Frame) -> PResult<Expr> {
        let and = std::mem::take(&mut frame.and);
        let last = self.junction(and, false)?;
        frame.or.push(last);
        let e = self.junction(frame.or, true)?;
        self.negate(e, frame.nots)
    }

    fn negate(&mut self, mut e: Expr, mut nots: Vec<Sp>) -> PResult<Expr> {
        self.depth -= nots.len();
        while let Some(start) = nots.pop() {
            let span = start.to(e.span);
            self.count(1, span)?;
            e = Expr {
                kind: ExprKind::Not(Box::new(e)),
                span,
            };
        }
        Ok(e)
    }

    /// Joins a run of `and` (or `or`) operands, flattening nested runs of the same kind.
    fn junction(&mut self, items: Vec<Expr>, is_or: bool) -> PResult<Expr> {
        if items.len() <= 1 {
            return items
                .into_iter()
                .next()
                .ok_or_else(|| self.unexpected("an expression", "ekspresi"));
        }
        let mut out = Vec::with_capacity(items.len());
        for e in items {
            match e.kind {
                ExprKind::Or(v) if is_or => out.extend(v),
                ExprKind::And(v) if !is_or => out.extend(v),
                kind => out.push(Expr { kind, span: e.span }),
            }
        }
        let first = out.first().map_or(Sp::default(), |e| e.span);
        let span = first.to(out.last().map_or(first, |e| e.span));
        self.count(1, span)?;
        Ok(Expr {
            kind: if is_or {
                ExprKind::Or(out)
            } else {
                ExprKind::And(out)
            },
            span,
        })
    }

    /// A primary expression other than a parenthesised one (never recurses into `expr`).
    #[inline(never)]
    fn atom(&mut self) -> PResult<Expr> {
        let start = self.span();
        self.count(1, start)?;
        match self.peek().clone() {
            Tok::Ident(w) if w == "true" || w == "false" => {
                self.bump();
                Ok(Expr {
                    kind: ExprKind::Const(w == "true"),
                    span: start,
                })
            }
            Tok::Ident(w) if w == "known" => {
                self.bump();
                self.expect(Tok::LParen, "`(`", "`(`")?;
                let (name, span) = self.name("a fact name", "nama fakta")?;
                let end = self.expect(Tok::RParen, "`)`", "`)`")?;
                Ok(Expr {
                    kind: ExprKind::Known(FactRef {
                        name,
                        span,
                        default: None,
                    }),
                    span: start.to(end),
                })
            }
            Tok::Ident(w) if w == "default" => {
                let fact = self.operand()?;
                self.clause(fact, start)
            }
            Tok::Ident(w) if !RESERVED.contains(&w.as_str()) => {
                let (name, span) = self.name("a fact", "fakta")?;
                let fact = FactRef {
                    name,
                    span,
                    default: None,
                };
                let clause_start = matches!(self.peek(), Tok::Op(_))
                    || self.at_word("between")
                    || self.at_word("in")
                    || self.at_word("has")
                    || self.at_word("is")
                    || (self.at_word("not")
                        && matches!(self.peek_at(1), Tok::Ident(s) if s == "in"));
                if clause_start {
                    self.clause(fact, start)
                } else {
                    Ok(Expr {
                        kind: ExprKind::Name(fact.name),
                        span,
                    })
                }
            }
            _ => Err(self.unexpected(
                "a clause, `not`, `known` or `(`",
                "klausa, `not`, `known` atau `(`",
            )),
        }
    }

    fn operand(&mut self) -> PResult<FactRef> {
        if self.eat_word("default") {
            self.expect(Tok::LParen, "`(`", "`(`")?;
            let (name, span) = self.name("a fact name", "nama fakta")?;
            self.expect(Tok::Comma, "`,`", "`,`")?;
            let value = if self.peek() == &Tok::LBracket {
                let (values, sp) = self.list()?;
                if !values.is_empty() {
                    return Err(Diag::error(
                        "rule.parse.unexpected_token",
                        sp,
                        "a list default must be `[]`".into(),
                        "nilai bawaan daftar harus `[]`".into(),
                    ));
                }
                Lit {
                    kind: LitKind::Ident("[]".into()),
                    span: sp,
                }
            } else {
                self.value()?
            };
            self.expect(Tok::RParen, "`)`", "`)`")?;
            Ok(FactRef {
                name,
                span,
                default: Some(value),
            })
        } else {
            let (name, span) = self.name("a fact name", "nama fakta")?;
            Ok(FactRef {
                name,
                span,
                default: None,
            })
        }
    }

    fn clause(&mut self, fact: FactRef, start: Sp) -> PResult<Expr> {
        let kind = if let Tok::Op(op) = self.peek().clone() {
            self.bump();
            let op = CmpOp::from_name(op).unwrap_or(CmpOp::Eq);
            let value = self.value()?;
            ExprKind::Cmp { fact, op, value }
        } else if self.eat_word("between") {
            let low = self.value()?;
            self.expect_word("and")?;
            let high = self.value()?;
            ExprKind::Between { fact, low, high }
        } else if self.at_word("not") || self.at_word("in") {
            let negated = self.eat_word("not");
            self.expect_word("in")?;
            let (values, _) = self.list()?;
            ExprKind::In {
                fact,
                negated,
                values,
            }
        } else if self.eat_word("has") {
            let quant = match self.peek() {
                Tok::Ident(w) if matches!(self.peek_at(1), Tok::Ident(o) if o == "of") => {
                    match w.as_str() {
                        "any" => Some(Quant::Any),
                        "all" => Some(Quant::All),
                        "none" => Some(Quant::None),
                        _ => None,
                    }
                }
                _ => None,
            };
            match quant {
                Some(quant) => {
                    self.bump();
                    self.bump();
                    let (values, _) = self.list()?;
                    ExprKind::Has {
                        fact,
                        quant,
                        values,
                    }
                }
                None => {
                    let v = self.value()?;
                    ExprKind::Has {
                        fact,
                        quant: Quant::One,
                        values: vec![v],
                    }
                }
            }
        } else if self.eat_word("is") {
            let negated = self.eat_word("not");
            self.expect_word("empty")?;
            ExprKind::Empty { fact, negated }
        } else {
            return Err(self.unexpected(
                "a comparison, `between`, `in`, `has` or `is`",
                "perbandingan, `between`, `in`, `has` atau `is`",
            ));
        };
        Ok(Expr {
            kind,
            span: start.to(self.prev_span()),
        })
    }

    fn list(&mut self) -> PResult<(Vec<Lit>, Sp)> {
        let start = self.expect(Tok::LBracket, "`[`", "`[`")?;
        let mut values = Vec::new();
        while self.peek() != &Tok::RBracket {
            values.push(self.value()?);
            if values.len() > MAX_SET {
                return Err(Diag::error(
                    "rule.limit.too_large",
                    self.prev_span(),
                    format!("literal set has more than {MAX_SET} values"),
                    format!("himpunan literal berisi lebih dari {MAX_SET} nilai"),
                ));
            }
            if self.peek() == &Tok::Comma {
                self.bump();
            } else {
                break;
            }
        }
        let end = self.expect(Tok::RBracket, "`,` or `]`", "`,` atau `]`")?;
        self.count(values.len(), start)?;
        Ok((values, start.to(end)))
    }

    fn value(&mut self) -> PResult<Lit> {
        let start = self.span();
        let kind = match self.peek().clone() {
            Tok::Int(n) => {
                self.bump();
                LitKind::Int(n)
            }
            Tok::Minus if matches!(self.peek_at(1), Tok::Int(_)) => {
                self.bump();
                match self.bump().tok {
                    Tok::Int(n) => LitKind::Int(-n),
                    _ => LitKind::Int(0),
                }
            }
            Tok::Str(s) => {
                self.bump();
                LitKind::Str(s)
            }
            Tok::Date(d) => {
                self.bump();
                LitKind::Date(self.date_offsets(Some(d))?)
            }
            Tok::Ident(w) if w == "as_of" => {
                self.bump();
                LitKind::Date(self.date_offsets(None)?)
            }
            Tok::Ident(w) if w == "true" || w == "false" => {
                self.bump();
                LitKind::Bool(w == "true")
            }
            Tok::Ident(w) if !RESERVED.contains(&w.as_str()) => {
                self.bump();
                LitKind::Ident(w)
            }
            _ => return Err(self.unexpected("a value", "nilai")),
        };
        Ok(Lit {
            kind,
            span: start.to(self.prev_span()),
        })
    }

    fn date_offsets(&mut self, base: Option<chrono::NaiveDate>) -> PResult<DateExpr> {
        let mut offsets = Vec::new();
        while matches!(self.peek(), Tok::Plus | Tok::Minus)
            && matches!(self.peek_at(1), Tok::Int(_))
        {
            let sign = if self.bump().tok == Tok::Minus { -1 } else { 1 };
            let n = match self.bump().tok {
                Tok::Int(n) => n,
                _ => 0,
            };
            let unit = match self.peek() {
                Tok::Ident(u) => Unit::from_name(u),
                _ => None,
            };
            let Some(unit) = unit else {
                return Err(self.unexpected(
                    "a unit (`days`, `weeks`, `months` or `years`)",
                    "satuan (`days`, `weeks`, `months` atau `years`)",
                ));
            };
            self.bump();
            offsets.push((sign * n, unit));
            if offsets.len() > 16 {
                return Err(Diag::error(
                    "rule.limit.too_large",
                    self.prev_span(),
                    "date expression has more than 16 terms".into(),
                    "ekspresi tanggal memiliki lebih dari 16 suku".into(),
                ));
            }
        }
        Ok(DateExpr { base, offsets })
    }
}
