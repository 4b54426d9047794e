//! The checker: resolves names against the fact schema and the rule set, checks types, finds
//! cycles, warns about clauses that are always true or false, and compiles to a [`Program`].

use std::collections::HashMap;

use super::ast::*;
use super::diagnostic::{did_you_mean, Diag};
use super::eval::{day, shift, Clause, Dflt, Node, Num, Program, Test};
use super::facts::{disability, FactId, Ty, SCHEMA};
use super::phrases::{named, Lang};
use super::print::{clause_text, lit_text};
use super::MAX_EVAL_DEPTH;

/// Checks parsed definitions; returns the program if there are no errors, and all diagnostics.
pub(crate) fn analyze(
    source: &str,
    defs: Vec<RuleDef>,
    expression: bool,
    mut diags: Vec<Diag>,
) -> (Option<Program>, Vec<Diag>) {
    let mut c = Checker {
        diags: Vec::new(),
        names: HashMap::new(),
        nodes: Vec::new(),
        owner: Vec::new(),
        clauses: Vec::new(),
        roots: Vec::new(),
        depth: Vec::new(),
        current: 0,
    };
    for (i, d) in defs.iter().enumerate() {
        if FactId::lookup(&d.name).is_some() {
            c.diags.push(Diag::error(
                "rule.check.duplicate_rule",
                d.name_span,
                format!("rule `{}` has the name of a fact", d.name),
                format!("aturan `{}` memakai nama sebuah fakta", d.name),
            ));
        } else if c.names.contains_key(&d.name) {
            c.diags.push(Diag::error(
                "rule.check.duplicate_rule",
                d.name_span,
                format!("rule `{}` is defined more than once", d.name),
                format!("aturan `{}` didefinisikan lebih dari sekali", d.name),
            ));
        } else {
            c.names.insert(d.name.clone(), i);
        }
    }
    // references between rules
    let edges: Vec<Vec<(usize, Sp)>> = defs
        .iter()
        .map(|d| {
            let mut out = Vec::new();
            refs(&d.body, &c.names, &mut out);
            out
        })
        .collect();
    let (order, cyclic) = topo(&defs, &edges, &mut c.diags);
    c.roots = vec![u32::MAX; defs.len()];
    c.depth = vec![0; defs.len()];
    let mut failed = vec![false; defs.len()];
    for &i in &order {
        let Some(def) = defs.get(i) else { continue };
        if cyclic.get(i).copied().unwrap_or(true)
            || edges.get(i).is_some_and(|e| {
                e.iter()
                    .any(|(j, _)| failed.get(*j).copied().unwrap_or(true))
            })
        {
            if let Some(f) = failed.get_mut(i) {
                *f = true;
            }
            continue;
        }
        c.current = i;
        match c.expr(&def.body) {
            Ok((root, depth)) => {
                if let Some(r) = c.roots.get_mut(i) {
                    *r = root;
                }
                if let Some(d) = c.depth.get_mut(i) {
                    *d = depth;
                }
                c.warn(root);
            }
            Err(()) => {
                if let Some(f) = failed.get_mut(i) {
                    *f = true;
                }
            }
        }
    }
    diags.append(&mut c.diags);
    diags.sort_by_key(|d| (d.span.start, d.span.end));
    if diags.iter().any(|d| d.severity == super::Severity::Error) {
        return (None, diags);
    }
    // transitive dependencies, in topological order
    let pos: HashMap<usize, usize> = order.iter().enumerate().map(|(p, i)| (*i, p)).collect();
    let mut deps: Vec<Vec<usize>> = vec![Vec::new(); defs.len()];
    for &i in &order {
        let mut set: Vec<usize> = Vec::new();
        for (j, _) in edges.get(i).map_or(&[][..], |e| &e[..]) {
            set.extend(deps.get(*j).map_or(&[][..], |d| &d[..]));
            set.push(*j);
        }
        set.sort_by_key(|j| pos.get(j).copied().unwrap_or(0));
        set.dedup();
        if let Some(d) = deps.get_mut(i) {
            *d = set;
        }
    }
    let mut program = Program {
        source: source.to_owned(),
        defs,
        expression,
        nodes: c.nodes,
        clauses: c.clauses,
        roots: c.roots,
        deps,
        spans: Vec::new(),
        flat: Vec::new(),
    };
    program.resolve_spans();
    program.flatten();
    (Some(program), diags)
}

/// Collects references to other rules (bare names that are rules, not boolean facts).
fn refs(e: &Expr, names: &HashMap<String, usize>, out: &mut Vec<(usize, Sp)>) {
    match &e.kind {
        ExprKind::And(v) | ExprKind::Or(v) => v.iter().for_each(|x| refs(x, names, out)),
        ExprKind::Not(x) => refs(x, names, out),
        ExprKind::Name(n) if !is_bool_fact(n) => {
            if let Some(i) = names.get(n) {
                out.push((*i, e.span));
            }
        }
        _ => {}
    }
}

fn is_bool_fact(n: &str) -> bool {
    FactId::lookup(n).is_some_and(|f| f.ty() == Ty::Bool)
}

/// Topological order (dependencies first) by an iterative depth-first search; reports cycles.
fn topo(
    defs: &[RuleDef],
    edges: &[Vec<(usize, Sp)>],
    diags: &mut Vec<Diag>,
) -> (Vec<usize>, Vec<bool>) {
    let n = defs.len();
    let mut state = vec![0u8; n]; // 0 new, 1 on stack, 2 done
    let mut cyclic = vec![false; n];
    let mut order = Vec::with_capacity(n);
    for start in 0..n {
        if state.get(start) != Some(&0) {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        if let Some(s) = state.get_mut(start) {
            *s = 1;
        }
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let out = edges.get(node).map_or(&[][..], |e| &e[..]);
            if let Some(&(to, span)) = out.get(*next) {
                *next += 1;
                match state.get(to) {
                    Some(0) => {
                        if let Some(s) = state.get_mut(to) {
                            *s = 1;
                        }
                        stack.push((to, 0));
                    }
                    Some(1) => {
                        // a cycle: every rule on the stack from `to` is cyclic
                        let path: Vec<&str> = stack
                            .iter()
                            .skip_while(|(k, _)| *k != to)
                            .filter_map(|(k, _)| defs.get(*k).map(|d| d.name.as_str()))
                            .collect();
                        for (k, _) in stack.iter().skip_while(|(k, _)| *k != to) {
                            if let Some(c) = cyclic.get_mut(*k) {
                                *c = true;
                            }
                        }
                        let from = defs.get(node).map_or("", |d| d.name.as_str());
                        let target = defs.get(to).map_or("", |d| d.name.as_str());
                        let cycle = format!("{} → {target}", path.join(" → "));
                        diags.push(Diag::error(
                            "rule.check.cyclic_rule",
                            span,
                            format!("rule `{from}` refers to `{target}`, which forms a cycle: {cycle}"),
                            format!("aturan `{from}` merujuk `{target}` sehingga membentuk siklus: {cycle}"),
                        ));
                    }
                    _ => {}
                }
            } else {
                if let Some(s) = state.get_mut(node) {
                    *s = 2;
                }
                order.push(node);
                stack.pop();
            }
        }
    }
    // a rule that uses a cyclic rule cannot compile either (reported once, at the cycle)
    (order, cyclic)
}

pub(super) struct Checker {
    pub(super) diags: Vec<Diag>,
    pub(super) names: HashMap<String, usize>,
    pub(super) nodes: Vec<Node>,
    pub(super) owner: Vec<usize>,
    pub(super) clauses: Vec<Clause>,
    pub(super) roots: Vec<u32>,
    pub(super) depth: Vec<usize>,
    pub(super) current: usize,
}

type CResult<T> = Result<T, ()>;

fn mismatch(fact: &str, ty: Ty, found: &str, span: Sp) -> Diag {
    Diag::error(
        "rule.check.type_mismatch",
        span,
        format!(
            "{} is {} {}; `{found}` is not",
            named(fact, Lang::En),
            article(ty),
            ty.describe()
        ),
        format!(
            "{} bertipe {}; `{found}` bukan",
            named(fact, Lang::Id),
            ty.describe_id()
        ),
    )
}

fn article(ty: Ty) -> &'static str {
    if ty.describe().starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn bad_op(fact: &str, ty: Ty, op: &str, hint: &str, span: Sp) -> Diag {
    Diag::error(
        "rule.check.type_mismatch",
        span,
        format!(
            "`{op}` does not apply to {}, {} {}; {hint}",
            named(fact, Lang::En),
            article(ty),
            ty.describe()
        ),
        format!(
            "`{op}` tidak berlaku untuk {}, yang bertipe {}",
            named(fact, Lang::Id),
            ty.describe_id()
        ),
    )
}

fn list_hint() -> &'static str {
    "use `has`, `has any of`, `has all of`, `has none of` or `is empty`"
}

impl Checker {
    fn push(&mut self, n: Node) -> u32 {
        self.nodes.push(n);
        self.owner.push(self.current);
        (self.nodes.len() - 1) as u32
    }

    /// "Did you mean", unless the diagnostics are already beyond what is reported.
    fn dym<'a>(&self, word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
        if self.diags.len() >= super::MAX_DIAGNOSTICS {
            return None;
        }
        did_you_mean(word, candidates)
    }

    fn err<T>(&mut self, d: Diag) -> CResult<T> {
        self.diags.push(d);
        Err(())
    }

    /// The recursive part of compilation: connectives only, so that its stack frame stays small.
    fn expr(&mut self, e: &Expr) -> CResult<(u32, usize)> {
        match &e.kind {
            ExprKind::And(items) | ExprKind::Or(items) => {
                let mut kids = Vec::with_capacity(items.len());
                let mut depth = 0;
                let mut ok = true;
                for x in items {
                    match self.expr(x) {
                        Ok((k, d)) => {
                            kids.push(k);
                            depth = depth.max(d);
                        }
                        Err(()) => ok = false,
                    }
                }
                if !ok {
                    return Err(());
                }
                let node = if matches!(e.kind, ExprKind::And(_)) {
                    Node::And(kids)
                } else {
                    Node::Or(kids)
                };
                Ok((self.push(node), depth + 1))
            }
            ExprKind::Not(x) => {
                let (k, d) = self.expr(x)?;
                Ok((self.push(Node::Not(k)), d + 1))
            }
            _ => self.other(e),
        }
    }

    #[inline(never)]
    fn other(&mut self, e: &Expr) -> CResult<(u32, usize)> {
        match &e.kind {
            ExprKind::And(items) | ExprKind::Or(items) => {
                let mut kids = Vec::with_capacity(items.len());
                let mut depth = 0;
                let mut ok = true;
                for x in items {
                    match self.expr(x) {
                        Ok((k, d)) => {
                            kids.push(k);
                            depth = depth.max(d);
                        }
                        Err(()) => ok = false,
                    }
                }
                if !ok {
                    return Err(());
                }
                let node = if matches!(e.kind, ExprKind::And(_)) {
                    Node::And(kids)
                } else {
                    Node::Or(kids)
                };
                Ok((self.push(node), depth + 1))
            }
            ExprKind::Not(x) => {
                let (k, d) = self.expr(x)?;
                Ok((self.push(Node::Not(k)), d + 1))
            }
            ExprKind::Const(b) => Ok((self.push(Node::Const(*b)), 1)),
            ExprKind::Name(n) => {
                if let Some(f) = FactId::lookup(n) {
                    if f.ty() == Ty::Bool {
                        return self.leaf(e, f, None, Test::Cmp(CmpOp::Eq, Num::Lit(1)));
                    }
                    return self.err(Diag::error(
                        "rule.check.type_mismatch",
                        e.span,
                        format!(
                            "`{n}` is {} {}, not a yes/no fact; compare it with a value",
                            article(f.ty()),
                            f.ty().describe()
                        ),
                        format!(
                            "`{n}` bertipe {}, bukan fakta ya/tidak; bandingkan dengan suatu nilai",
                            f.ty().describe_id()
                        ),
                    ));
                }
                if let Some(&i) = self.names.get(n) {
                    let root = self.roots.get(i).copied().unwrap_or(u32::MAX);
                    let depth = self.depth.get(i).copied().unwrap_or(0);
                    if root == u32::MAX {
                        return Err(());
                    }
                    if depth + 1 > MAX_EVAL_DEPTH {
                        return self.err(Diag::error(
                            "rule.limit.too_deep",
                            e.span,
                            format!("rules nest more than {MAX_EVAL_DEPTH} levels deep through references"),
                            format!("aturan bersarang lebih dari {MAX_EVAL_DEPTH} tingkat melalui rujukan"),
                        ));
                    }
                    return Ok((root, depth));
                }
                let candidates = self
                    .names
                    .keys()
                    .map(String::as_str)
                    .filter(|k| !k.is_empty())
                    .chain(SCHEMA.iter().map(|f| f.1));
                let help = self
                    .dym(n, candidates)
                    .map(|s| format!("did you mean `{s}`?"));
                self.err(
                    Diag::error(
                        "rule.check.undefined_rule",
                        e.span,
                        format!("`{n}` is neither a rule nor a yes/no fact"),
                        format!("`{n}` bukan aturan maupun fakta ya/tidak"),
                    )
                    .with_help(help),
                )
            }
            ExprKind::Known(f) => {
                let id = self.fact(f)?;
                self.leaf(e, id, None, Test::Known)
            }
            ExprKind::Cmp { fact, op, value } => {
                let id = self.fact(fact)?;
                let dflt = self.default(fact, id)?;
                let ty = id.ty();
                let test = match ty {
                    Ty::Int | Ty::Date | Ty::Bool | Ty::Enum(_) => {
                        let ordered = matches!(ty, Ty::Int | Ty::Date)
                            || matches!(ty, Ty::Enum(k) if k.ordered());
                        if !ordered && !matches!(op, CmpOp::Eq | CmpOp::Ne) {
                            return self.err(bad_op(
                                &fact.name,
                                ty,
                                op.as_str(),
                                "it has no order; use `=`, `!=` or `in`",
                                e.span,
                            ));
                        }
                        Test::Cmp(*op, self.num(&fact.name, id, value)?)
                    }
                    Ty::Region | Ty::Text => {
                        if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
                            return self.err(bad_op(
                                &fact.name,
                                ty,
                                op.as_str(),
                                "use `=`, `!=` or `in`",
                                e.span,
                            ));
                        }
                        Test::EqStr(
                            *op == CmpOp::Ne,
                            self.text(&fact.name, ty, value)?,
                            ty == Ty::Region,
                        )
                    }
                    Ty::Disabilities | Ty::TextList => {
                        return self.err(bad_op(&fact.name, ty, op.as_str(), list_hint(), e.span))
                    }
                };
                self.leaf(e, id, dflt, test)
            }
            ExprKind::Between { fact, low, high } => {
                let id = self.fact(fact)?;
                let dflt = self.default(fact, id)?;
                let ty = id.ty();
                let ordered =
                    matches!(ty, Ty::Int | Ty::Date) || matches!(ty, Ty::Enum(k) if k.ordered());
                if !ordered {
                    return self.err(bad_op(&fact.name, ty, "between", "it has no order", e.span));
                }
                let lo = self.num(&fact.name, id, low);
                let hi = self.num(&fact.name, id, high);
                let (lo, hi) = (lo?, hi?);
                if let (Num::Lit(l), Num::Lit(h)) = (&lo, &hi) {
                    if l > h {
                        return self.err(Diag::error(
                            "rule.check.empty_range",
                            low.span.to(high.span),
                            format!(
                                "the range from `{}` to `{}` is empty",
                                lit_text(low),
                                lit_text(high)
                            ),
                            format!(
                                "rentang dari `{}` sampai `{}` kosong",
                                lit_text(low),
                                lit_text(high)
                            ),
                        ));
                    }
                }
                self.leaf(e, id, dflt, Test::Between(lo, hi))
            }
            ExprKind::In {
                fact,
                negated,
                values,
            } => {
                let id = self.fact(fact)?;
                let dflt = self.default(fact, id)?;
                let ty = id.ty();
                self.nonempty(values, e.span)?;
                let test = match ty {
                    Ty::Int | Ty::Date | Ty::Bool | Ty::Enum(_) => {
                        let mut v = Vec::with_capacity(values.len());
                        let mut ok = true;
                        for x in values {
                            match self.num(&fact.name, id, x) {
                                Ok(Num::Lit(n)) => v.push(n),
                                Ok(Num::AsOf(_)) => v.push(i64::MIN),
                                Err(()) => ok = false,
                            }
                        }
                        if !ok {
                            return Err(());
                        }
                        if v.contains(&i64::MIN) {
                            return self.err(mismatch(&fact.name, ty, "as_of", e.span));
                        }
                        Test::InNum(*negated, v)
                    }
                    Ty::Region | Ty::Text => {
                        let v = self.texts(&fact.name, ty, values)?;
                        Test::InStr(*negated, v, ty == Ty::Region)
                    }
                    Ty::Disabilities | Ty::TextList => {
                        return self.err(bad_op(&fact.name, ty, "in", list_hint(), e.span))
                    }
                };
                self.leaf(e, id, dflt, test)
            }
            ExprKind::Has {
                fact,
                quant,
                values,
            } => {
                let id = self.fact(fact)?;
                let dflt = self.default(fact, id)?;
                self.nonempty(values, e.span)?;
                let test = match id.ty() {
                    Ty::Disabilities => {
                        let mut v = Vec::with_capacity(values.len());
                        for x in values {
                            let name = match &x.kind {
                                LitKind::Ident(s) | LitKind::Str(s) => s.as_str(),
                                _ => {
                                    return self.err(mismatch(
                                        &fact.name,
                                        Ty::Disabilities,
                                        &lit_text(x),
                                        x.span,
                                    ))
                                }
                            };
                            match disability(name) {
                                Some(d) => v.push(d),
                                None => {
                                    let help = self
                                        .dym(
                                            name,
                                            crate::disability::ALL_DISABILITIES
                                                .iter()
                                                .map(|d| d.as_str()),
                                        )
                                        .map(|s| format!("did you mean `{s}`?"));
                                    return self.err(
                                        unknown_value(&fact.name, name, x.span).with_help(help),
                                    );
                                }
                            }
                        }
                        Test::HasDis(*quant, v)
                    }
                    Ty::TextList => {
                        Test::HasText(*quant, self.texts(&fact.name, Ty::TextList, values)?)
                    }
                    ty => {
                        return self.err(bad_op(&fact.name, ty, "has", "it is not a list", e.span))
                    }
                };
                self.leaf(e, id, dflt, test)
            }
            ExprKind::Empty { fact, negated } => {
                let id = self.fact(fact)?;
                let dflt = self.default(fact, id)?;
                if !id.ty().is_list() {
                    return self.err(bad_op(
                        &fact.name,
                        id.ty(),
                        "is empty",
                        "it is not a list",
                        e.span,
                    ));
                }
                self.leaf(e, id, dflt, Test::Empty(*negated))
            }
        }
    }

    fn leaf(
        &mut self,
        e: &Expr,
        fact: FactId,
        default: Option<Dflt>,
        test: Test,
    ) -> CResult<(u32, usize)> {
        self.clauses.push(Clause {
            fast: super::fast::Fast::of(fact, default.as_ref(), &test),
            fact,
            default,
            test,
            rule: self.current,
            span: e.span,
            text: clause_text(e),
            input: fact.input_bit(),
        });
        let c = (self.clauses.len() - 1) as u32;
        Ok((self.push(Node::Leaf(c)), 1))
    }

    fn nonempty(&mut self, values: &[Lit], span: Sp) -> CResult<()> {
        if values.is_empty() {
            return self.err(Diag::error(
                "rule.check.empty_set",
                span,
                "the list of values is empty".into(),
                "daftar nilai kosong".into(),
            ));
        }
        Ok(())
    }

    fn fact(&mut self, f: &FactRef) -> CResult<FactId> {
        match FactId::lookup(&f.name) {
            Some(id) => Ok(id),
            None => {
                let help = self
                    .dym(&f.name, SCHEMA.iter().map(|s| s.1))
                    .map(|s| format!("did you mean `{s}`?"));
                self.err(
                    Diag::error(
                        "rule.check.unknown_field",
                        f.span,
                        format!("unknown fact `{}`", f.name),
                        format!("fakta `{}` tidak dikenal", f.name),
                    )
                    .with_help(help),
                )
            }
        }
    }

    fn default(&mut self, f: &FactRef, id: FactId) -> CResult<Option<Dflt>> {
        let Some(lit) = &f.default else {
            return Ok(None);
        };
        let ty = id.ty();
        let is_empty_list = matches!(&lit.kind, LitKind::Ident(s) if s == "[]");
        Ok(Some(match ty {
            Ty::Disabilities | Ty::TextList if is_empty_list => {
                if ty == Ty::Disabilities {
                    Dflt::Dis
                } else {
                    Dflt::List
                }
            }
            Ty::Disabilities | Ty::TextList => {
                return self.err(mismatch(&f.name, ty, &lit_text(lit), lit.span))
            }
            _ if is_empty_list => return self.err(mismatch(&f.name, ty, "[]", lit.span)),
            Ty::Region | Ty::Text => Dflt::Str(self.text(&f.name, ty, lit)?),
            _ => match self.num(&f.name, id, lit)? {
                Num::Lit(n) => Dflt::Num(n),
                Num::AsOf(_) => return self.err(mismatch(&f.name, ty, &lit_text(lit), lit.span)),
            },
        }))
    }

    fn num(&mut self, fact: &str, id: FactId, lit: &Lit) -> CResult<Num> {
        let ty = id.ty();
        match (ty, &lit.kind) {
            (Ty::Int, LitKind::Int(n)) => Ok(Num::Lit(*n)),
            (Ty::Bool, LitKind::Bool(b)) => Ok(Num::Lit(i64::from(*b))),
            (Ty::Date, LitKind::Date(d)) => {
                let probe = d
                    .base
                    .unwrap_or(chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default());
                let Some(shifted) = shift(probe, &d.offsets)
                    .filter(|s| s.year_ce().1 < 9000 && s.year_ce().1 > 100)
                else {
                    return self.err(Diag::error(
                        "rule.check.bad_date",
                        lit.span,
                        format!("date `{}` is out of range", lit_text(lit)),
                        format!("tanggal `{}` di luar jangkauan", lit_text(lit)),
                    ));
                };
                Ok(match d.base {
                    Some(_) => Num::Lit(day(shifted)),
                    None => Num::AsOf(d.offsets.clone()),
                })
            }
            (Ty::Enum(k), LitKind::Ident(s) | LitKind::Str(s)) => match k.lookup(s) {
                Some(v) => Ok(Num::Lit(i64::from(v))),
                None => {
                    let names: Vec<&str> = (0..k.count()).map(|i| k.name(i)).collect();
                    let help = self
                        .dym(s, names.iter().copied())
                        .map(|x| format!("did you mean `{x}`?"))
                        .or_else(|| Some(format!("one of: {}", names.join(", "))));
                    self.err(unknown_value(fact, s, lit.span).with_help(help))
                }
            },
            _ => self.err(mismatch(fact, ty, &lit_text(lit), lit.span)),
        }
    }

    fn text(&mut self, fact: &str, ty: Ty, lit: &Lit) -> CResult<String> {
        let s = match &lit.kind {
            LitKind::Ident(s) | LitKind::Str(s) => s.clone(),
            LitKind::Int(n) if *n >= 0 => n.to_string(),
            _ => return self.err(mismatch(fact, ty, &lit_text(lit), lit.span)),
        };
        if ty == Ty::Region {
            let digits: String = s.chars().filter(|c| *c != '.').collect();
            if !digits.bytes().all(|b| b.is_ascii_digit()) || ![2, 4, 6, 10].contains(&digits.len())
            {
                return self.err(
                    Diag::error(
                        "rule.check.unknown_value",
                        lit.span,
                        format!("`{s}` is not a region code for {}", named(fact, Lang::En)),
                        format!("`{s}` bukan kode wilayah untuk {}", named(fact, Lang::Id)),
                    )
                    .with_help(Some("a Kemendagri code such as `35` or `35.20`".into())),
                );
            }
            return Ok(digits);
        }
        Ok(s)
    }

    fn texts(&mut self, fact: &str, ty: Ty, values: &[Lit]) -> CResult<Vec<String>> {
        let mut out = Vec::with_capacity(values.len());
        let mut ok = true;
        for v in values {
            match self.text(fact, ty, v) {
                Ok(s) => out.push(s),
                Err(()) => ok = false,
            }
        }
        if ok {
            Ok(out)
        } else {
            Err(())
        }
    }
}

fn unknown_value(fact: &str, value: &str, span: Sp) -> Diag {
    Diag::error(
        "rule.check.unknown_value",
        span,
        format!("unknown value `{value}` for {}", named(fact, Lang::En)),
        format!(
            "nilai `{value}` tidak dikenal untuk {}",
            named(fact, Lang::Id)
        ),
    )
}

use chrono::Datelike;
