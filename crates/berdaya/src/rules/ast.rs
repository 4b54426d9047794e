//! The syntax tree of the rule language, shared by the parser, checker, printer and JSON form.

use chrono::NaiveDate;

/// A byte range into the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Sp {
    pub start: usize,
    pub end: usize,
}

impl Sp {
    pub fn new(start: usize, end: usize) -> Sp {
        Sp { start, end }
    }
    pub fn to(self, other: Sp) -> Sp {
        Sp::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A unit of date arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Days,
    Weeks,
    Months,
    Years,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Days => "days",
            Unit::Weeks => "weeks",
            Unit::Months => "months",
            Unit::Years => "years",
        }
    }
    pub fn from_name(s: &str) -> Option<Unit> {
        Some(match s {
            "day" | "days" | "hari" => Unit::Days,
            "week" | "weeks" | "minggu" => Unit::Weeks,
            "month" | "months" | "bulan" => Unit::Months,
            "year" | "years" | "tahun" => Unit::Years,
            _ => return None,
        })
    }
}

/// A date expression: a literal date or the as-of date, plus signed offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateExpr {
    /// `None` is the as-of date.
    pub base: Option<NaiveDate>,
    pub offsets: Vec<(i64, Unit)>,
}

/// A literal value as written; its meaning depends on the fact it is compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LitKind {
    Int(i64),
    Str(String),
    Ident(String),
    Bool(bool),
    Date(DateExpr),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Lit {
    pub kind: LitKind,
    pub span: Sp,
}

/// A fact named in a clause, optionally with a default for when it is unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FactRef {
    pub name: String,
    pub span: Sp,
    pub default: Option<Lit>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
    pub fn from_name(s: &str) -> Option<CmpOp> {
        Some(match s {
            "=" | "==" => CmpOp::Eq,
            "!=" => CmpOp::Ne,
            "<" => CmpOp::Lt,
            "<=" => CmpOp::Le,
            ">" => CmpOp::Gt,
            ">=" => CmpOp::Ge,
            _ => return None,
        })
    }
}

/// The quantifier of a set test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Quant {
    /// `has x`: the list holds `x`.
    One,
    Any,
    All,
    None,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ExprKind {
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
    Const(bool),
    /// A bare name: a boolean fact or a reference to another rule.
    Name(String),
    Known(FactRef),
    Cmp {
        fact: FactRef,
        op: CmpOp,
        value: Lit,
    },
    Between {
        fact: FactRef,
        low: Lit,
        high: Lit,
    },
    In {
        fact: FactRef,
        negated: bool,
        values: Vec<Lit>,
    },
    Has {
        fact: FactRef,
        quant: Quant,
        values: Vec<Lit>,
    },
    Empty {
        fact: FactRef,
        negated: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Expr {
    pub kind: ExprKind,
    pub span: Sp,
}

/// One named rule of a rule set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RuleDef {
    pub name: String,
    pub name_span: Sp,
    pub title: Option<String>,
    pub body: Expr,
}
