//! The JSON form of rules (schema `berdaya.rules/1`, documented in `docs/rules.md`).
//!
//! ```json
//! {"schema": "berdaya.rules/1",
//!  "rules": [{"name": "r1", "title": "Usia kerja",
//!             "when": {"fact": "age", "op": "between", "low": 18, "high": 45}}]}
//! ```
//! A single expression is `{"schema": "berdaya.rules/1", "expression": {...}}`.

use chrono::NaiveDate;
use serde_json::{json, Map, Value};

use super::ast::*;
use super::diagnostic::Diag;

/// The schema tag of this version of the JSON form.
pub const SCHEMA: &str = "berdaya.rules/1";

pub(crate) fn defs_to_json<'a>(defs: impl Iterator<Item = &'a RuleDef>) -> Value {
    let rules: Vec<Value> = defs
        .map(|d| {
            let mut m = Map::new();
            m.insert("name".into(), json!(d.name));
            if let Some(t) = &d.title {
                m.insert("title".into(), json!(t));
            }
            m.insert("when".into(), expr(&d.body));
            Value::Object(m)
        })
        .collect();
    json!({"schema": SCHEMA, "rules": rules})
}

pub(crate) fn expr_to_json(e: &Expr) -> Value {
    json!({"schema": SCHEMA, "expression": expr(e)})
}

fn expr(e: &Expr) -> Value {
    let mut m = Map::new();
    match &e.kind {
        ExprKind::And(v) => {
            m.insert("and".into(), Value::Array(v.iter().map(expr).collect()));
        }
        ExprKind::Or(v) => {
            m.insert("or".into(), Value::Array(v.iter().map(expr).collect()));
        }
        ExprKind::Not(x) => {
            m.insert("not".into(), expr(x));
        }
        _ => return leaf(e),
    }
    Value::Object(m)
}

#[inline(never)]
fn leaf(e: &Expr) -> Value {
    match &e.kind {
        ExprKind::And(_) | ExprKind::Or(_) | ExprKind::Not(_) => Value::Null,
        ExprKind::Const(b) => json!(b),
        ExprKind::Name(n) => {
            if super::facts::FactId::lookup(n).is_some() {
                json!({ "test": n })
            } else {
                json!({ "rule": n })
            }
        }
        ExprKind::Known(f) => json!({ "known": f.name }),
        ExprKind::Cmp { fact, op, value } => clause(fact, op.as_str(), vec![("value", lit(value))]),
        ExprKind::Between { fact, low, high } => clause(
            fact,
            "between",
            vec![("low", lit(low)), ("high", lit(high))],
        ),
        ExprKind::In {
            fact,
            negated,
            values,
        } => clause(
            fact,
            if *negated { "not_in" } else { "in" },
            vec![("values", Value::Array(values.iter().map(lit).collect()))],
        ),
        ExprKind::Has {
            fact,
            quant,
            values,
        } => match quant {
            Quant::One if values.len() == 1 => clause(
                fact,
                "has",
                vec![("value", values.first().map_or(Value::Null, lit))],
            ),
            _ => clause(
                fact,
                match quant {
                    Quant::All => "has_all",
                    Quant::None => "has_none",
                    _ => "has_any",
                },
                vec![("values", Value::Array(values.iter().map(lit).collect()))],
            ),
        },
        ExprKind::Empty { fact, negated } => clause(
            fact,
            if *negated { "is_not_empty" } else { "is_empty" },
            vec![],
        ),
    }
}

fn clause(fact: &FactRef, op: &str, rest: Vec<(&str, Value)>) -> Value {
    let mut m = Map::new();
    m.insert("fact".into(), json!(fact.name));
    if let Some(d) = &fact.default {
        m.insert("default".into(), lit(d));
    }
    m.insert("op".into(), json!(op));
    for (k, v) in rest {
        m.insert(k.into(), v);
    }
    Value::Object(m)
}

fn lit(l: &Lit) -> Value {
    match &l.kind {
        LitKind::Int(n) => json!(n),
        LitKind::Ident(s) if s == "[]" => json!([]),
        LitKind::Ident(s) | LitKind::Str(s) => json!(s),
        LitKind::Bool(b) => json!(b),
        LitKind::Date(d) => {
            let base = d
                .base
                .map_or_else(|| "as_of".to_owned(), |b| b.format("%Y-%m-%d").to_string());
            if d.offsets.is_empty() {
                json!({ "date": base })
            } else {
                let add: Vec<Value> = d
                    .offsets
                    .iter()
                    .map(|(n, u)| json!([n, u.as_str()]))
                    .collect();
                json!({"date": base, "add": add})
            }
        }
    }
}

/// What a JSON document holds.
pub(crate) enum Doc {
    Rules(Vec<RuleDef>),
    Expression(Expr),
}

fn bad(msg: &str, id: &str) -> Diag {
    Diag::error(
        "rule.json.invalid",
        Sp::default(),
        msg.to_owned(),
        id.to_owned(),
    )
}

/// Reads the JSON form; errors are `rule.json.*` diagnostics against the JSON text.
pub(crate) fn from_json(text: &str) -> Result<Doc, Diag> {
    if text.len() > super::MAX_SOURCE {
        return Err(Diag::error(
            "rule.limit.too_large",
            Sp::default(),
            format!("rule JSON is larger than {} bytes", super::MAX_SOURCE),
            format!("JSON aturan lebih besar dari {} byte", super::MAX_SOURCE),
        ));
    }
    // serde_json refuses nesting beyond 128 levels, which bounds the recursion below
    let v: Value = serde_json::from_str(text).map_err(|e| {
        let offset = offset_of(text, e.line(), e.column());
        Diag::error(
            "rule.json.syntax",
            Sp::new(offset, offset),
            format!("invalid JSON: {e}"),
            format!("JSON tidak sah: {e}"),
        )
    })?;
    match v.get("schema").and_then(Value::as_str) {
        Some(SCHEMA) => {}
        Some(other) => {
            return Err(Diag::error(
                "rule.json.unsupported_schema",
                Sp::default(),
                format!("unsupported schema `{other}`; expected `{SCHEMA}`"),
                format!("skema `{other}` tidak didukung; seharusnya `{SCHEMA}`"),
            ))
        }
        None => {
            return Err(bad(
                "missing `schema` (expected `berdaya.rules/1`)",
                "`schema` tidak ada (seharusnya `berdaya.rules/1`)",
            ))
        }
    }
    if let Some(e) = v.get("expression") {
        return Ok(Doc::Expression(to_expr(e)?));
    }
    let Some(rules) = v.get("rules").and_then(Value::as_array) else {
        return Err(bad(
            "expected `rules` (a list) or `expression`",
            "seharusnya `rules` (daftar) atau `expression`",
        ));
    };
    let mut defs = Vec::with_capacity(rules.len());
    for r in rules {
        let name = r
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| bad("a rule needs a `name`", "aturan memerlukan `name`"))?;
        let title = r.get("title").and_then(Value::as_str).map(str::to_owned);
        let body = r
            .get("when")
            .ok_or_else(|| bad("a rule needs `when`", "aturan memerlukan `when`"))?;
        defs.push(RuleDef {
            name: name.to_owned(),
            name_span: Sp::default(),
            title,
            body: to_expr(body)?,
        });
    }
    Ok(Doc::Rules(defs))
}

fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut off = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return off + column.saturating_sub(1).min(l.len());
        }
        off += l.len();
    }
    text.len()
}

fn e(kind: ExprKind) -> Expr {
    Expr {
        kind,
        span: Sp::default(),
    }
}

fn to_expr(v: &Value) -> Result<Expr, Diag> {
    if let Some(b) = v.as_bool() {
        return Ok(e(ExprKind::Const(b)));
    }
    let Some(o) = v.as_object() else {
        return Err(bad(
            "an expression must be an object or `true`/`false`",
            "ekspresi harus berupa objek atau `true`/`false`",
        ));
    };
    let list = |k: &str| -> Result<Vec<Expr>, Diag> {
        let items = o
            .get(k)
            .and_then(Value::as_array)
            .ok_or_else(|| bad("`and`/`or` need a list", "`and`/`or` memerlukan daftar"))?;
        let mut out = Vec::with_capacity(items.len());
        for x in items {
            let x = to_expr(x)?;
            // flatten as the parser does
            match (k, x.kind) {
                ("and", ExprKind::And(v)) | ("or", ExprKind::Or(v)) => out.extend(v),
                (_, kind) => out.push(e(kind)),
            }
        }
        Ok(out)
    };
    if o.contains_key("and") {
        let v = list("and")?;
        return Ok(match v.len() {
            0 => e(ExprKind::Const(true)),
            1 => v
                .into_iter()
                .next()
                .unwrap_or_else(|| e(ExprKind::Const(true))),
            _ => e(ExprKind::And(v)),
        });
    }
    if o.contains_key("or") {
        let v = list("or")?;
        return Ok(match v.len() {
            0 => e(ExprKind::Const(false)),
            1 => v
                .into_iter()
                .next()
                .unwrap_or_else(|| e(ExprKind::Const(false))),
            _ => e(ExprKind::Or(v)),
        });
    }
    if let Some(x) = o.get("not") {
        return Ok(e(ExprKind::Not(Box::new(to_expr(x)?))));
    }
    let string = |k: &str| o.get(k).and_then(Value::as_str).map(str::to_owned);
    if let Some(n) = string("rule").or_else(|| string("test")) {
        return Ok(e(ExprKind::Name(n)));
    }
    if let Some(n) = string("known") {
        return Ok(e(ExprKind::Known(FactRef {
            name: n,
            span: Sp::default(),
            default: None,
        })));
    }
    let Some(name) = string("fact") else {
        return Err(bad(
            "unknown expression; expected `and`, `or`, `not`, `rule`, `test`, `known` or `fact`",
            "ekspresi tidak dikenal; seharusnya `and`, `or`, `not`, `rule`, `test`, `known` atau `fact`",
        ));
    };
    let default = match o.get("default") {
        Some(d) => Some(to_lit(d)?),
        None => None,
    };
    let fact = FactRef {
        name,
        span: Sp::default(),
        default,
    };
    let op = string("op").unwrap_or_default();
    let one = |k: &str| -> Result<Lit, Diag> {
        to_lit(o.get(k).ok_or_else(|| {
            bad(
                &format!("operator `{op}` needs `{k}`"),
                &format!("operator `{op}` memerlukan `{k}`"),
            )
        })?)
    };
    let many = || -> Result<Vec<Lit>, Diag> {
        o.get("values")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("`values` must be a list", "`values` harus berupa daftar"))?
            .iter()
            .map(to_lit)
            .collect()
    };
    let kind = match op.as_str() {
        "between" => ExprKind::Between {
            low: one("low")?,
            high: one("high")?,
            fact,
        },
        "in" | "not_in" => ExprKind::In {
            negated: op == "not_in",
            values: many()?,
            fact,
        },
        "has" => ExprKind::Has {
            quant: Quant::One,
            values: vec![one("value")?],
            fact,
        },
        "has_any" | "has_all" | "has_none" => ExprKind::Has {
            quant: match op.as_str() {
                "has_all" => Quant::All,
                "has_none" => Quant::None,
                _ => Quant::Any,
            },
            values: many()?,
            fact,
        },
        "is_empty" | "is_not_empty" => ExprKind::Empty {
            negated: op == "is_not_empty",
            fact,
        },
        other => match CmpOp::from_name(other) {
            Some(cmp) => ExprKind::Cmp {
                op: cmp,
                value: one("value")?,
                fact,
            },
            None => {
                return Err(bad(
                    &format!("unknown operator `{other}`"),
                    &format!("operator `{other}` tidak dikenal"),
                ))
            }
        },
    };
    Ok(e(kind))
}

fn to_lit(v: &Value) -> Result<Lit, Diag> {
    let kind = match v {
        Value::Bool(b) => LitKind::Bool(*b),
        Value::Number(n) => LitKind::Int(n.as_i64().ok_or_else(|| {
            bad(
                &format!("`{n}` is not an integer"),
                &format!("`{n}` bukan bilangan bulat"),
            )
        })?),
        Value::String(s) => LitKind::Str(s.clone()),
        Value::Array(a) if a.is_empty() => LitKind::Ident("[]".into()),
        Value::Object(o) => {
            let base = o.get("date").and_then(Value::as_str).ok_or_else(|| {
                bad(
                    "a date value needs `date`",
                    "nilai tanggal memerlukan `date`",
                )
            })?;
            let base = if base == "as_of" {
                None
            } else {
                Some(NaiveDate::parse_from_str(base, "%Y-%m-%d").map_err(|_| {
                    bad(
                        &format!("`{base}` is not a date"),
                        &format!("`{base}` bukan tanggal"),
                    )
                })?)
            };
            let mut offsets = Vec::new();
            for a in o
                .get("add")
                .and_then(Value::as_array)
                .map_or(&[][..], |a| &a[..])
            {
                let n = a.get(0).and_then(Value::as_i64);
                let u = a.get(1).and_then(Value::as_str).and_then(Unit::from_name);
                match (n, u) {
                    (Some(n), Some(u)) => offsets.push((n, u)),
                    _ => {
                        return Err(bad(
                            "`add` holds pairs like `[-180, \"days\"]`",
                            "`add` berisi pasangan seperti `[-180, \"days\"]`",
                        ))
                    }
                }
            }
            LitKind::Date(DateExpr { base, offsets })
        }
        _ => {
            return Err(bad(
                "a value must be a number, string, boolean, date object or `[]`",
                "nilai harus berupa angka, string, boolean, objek tanggal atau `[]`",
            ))
        }
    };
    Ok(Lit {
        kind,
        span: Sp::default(),
    })
}
