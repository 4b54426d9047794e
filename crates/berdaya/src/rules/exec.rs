//! The execution form of a compiled program, derived once after checking.
//!
//! Two changes against the checked tree ([`Node`]) make single-person evaluation cheap:
//!
//! - **Flattened junctions.** An `and` whose child is an `and` used nowhere else (typically the
//!   root of a referenced rule, as in `rule r5 = r4 and …`) takes over the child's children;
//!   likewise for `or`. Kleene `and`/`or` are associative and the reasons kept are the same
//!   (the first dominant child alone, or all children), so decisions are unchanged. Children
//!   live in one arena, so a junction is a slice.
//! - **Specialised leaves.** A clause comparing a number, date, enum or yes/no fact with
//!   literals becomes an inclusive range test (`x >= 180` is `[180, MAX]`, `x != 3` is the
//!   complement of `[3, 3]`); membership of small integers and enum ordinals a 64-bit mask;
//!   disability tests a mask over the disability bits. Anything else takes the general path
//!   ([`Program::clause`]), which remains the reference for what every clause means.

use super::ast::{CmpOp, Quant};
use super::eval::{
    num_of, Actual, Clause, Dflt, Env, Node, Num, Program, RawReason, Sink, Test, Tri,
};
use super::facts::fetch;
use crate::disability::DisabilitySet;

/// A node of the execution form.
#[derive(Debug, Clone, Copy)]
pub(crate) enum XNode {
    Leaf(u32),
    /// Children `kids[start..start + len]`.
    And(u32, u32),
    Or(u32, u32),
    Not(u32),
    Const(bool),
}

/// How a clause is evaluated.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Fast {
    /// [`Program::clause`].
    General,
    /// The numeric value (number, day number, enum ordinal, 0/1) in `[lo, hi]`, XOR `neg`.
    Range {
        lo: i64,
        hi: i64,
        neg: bool,
    },
    /// The numeric value is a bit of `mask` (values 0..64), XOR `neg`.
    Mask {
        mask: u64,
        neg: bool,
    },
    /// Disabilities: any, all or none of the bits.
    DisAny(u16),
    DisAll(u16),
    DisNone(u16),
}

/// The execution form: flattened nodes, the children arena, one [`Fast`] per clause, and the
/// root of each rule definition.
#[derive(Debug, Default)]
pub(crate) struct Exec {
    nodes: Vec<XNode>,
    kids: Vec<u32>,
    fast: Vec<Fast>,
    roots: Vec<u32>,
}

impl Exec {
    /// Derives the execution form of a checked program.
    pub(crate) fn build(p: &Program) -> Exec {
        let mut uses = vec![0u32; p.nodes.len()];
        for n in &p.nodes {
            match n {
                Node::And(k) | Node::Or(k) => {
                    for &c in k {
                        if let Some(u) = uses.get_mut(c as usize) {
                            *u = u.saturating_add(1);
                        }
                    }
                }
                Node::Not(c) => {
                    if let Some(u) = uses.get_mut(*c as usize) {
                        *u = u.saturating_add(1);
                    }
                }
                Node::Const(_) | Node::Leaf(_) => {}
            }
        }
        for &r in &p.roots {
            if let Some(u) = uses.get_mut(r as usize) {
                *u = u.saturating_add(1);
            }
        }
        let mut b = Builder {
            p,
            uses,
            memo: vec![u32::MAX; p.nodes.len()],
            out: Exec::default(),
        };
        // Nodes are pushed children first, so one pass in index order converts every child
        // before its parents.
        for i in 0..p.nodes.len() {
            b.convert(i);
        }
        let roots = p
            .roots
            .iter()
            .map(|&r| b.memo.get(r as usize).copied().unwrap_or(u32::MAX))
            .collect();
        b.out.roots = roots;
        b.out.fast = p.clauses.iter().map(fast).collect();
        b.out
    }

    /// The execution root of rule definition `def`.
    pub(crate) fn root(&self, def: usize) -> u32 {
        self.roots.get(def).copied().unwrap_or(u32::MAX)
    }
}

struct Builder<'p> {
    p: &'p Program,
    uses: Vec<u32>,
    memo: Vec<u32>,
    out: Exec,
}

impl Builder<'_> {
    fn convert(&mut self, i: usize) {
        let x = match self.p.nodes.get(i) {
            Some(Node::Leaf(c)) => XNode::Leaf(*c),
            Some(Node::Const(b)) => XNode::Const(*b),
            Some(Node::Not(c)) => XNode::Not(self.xid(*c)),
            Some(Node::And(k)) => {
                let (s, l) = self.junction(k, true);
                XNode::And(s, l)
            }
            Some(Node::Or(k)) => {
                let (s, l) = self.junction(k, false);
                XNode::Or(s, l)
            }
            None => XNode::Const(false),
        };
        let id = self.out.nodes.len() as u32;
        self.out.nodes.push(x);
        if let Some(m) = self.memo.get_mut(i) {
            *m = id;
        }
    }

    fn xid(&self, n: u32) -> u32 {
        self.memo.get(n as usize).copied().unwrap_or(u32::MAX)
    }

    /// The children of a junction, splicing in those of same-kind children used only here.
    fn junction(&mut self, kids: &[u32], and: bool) -> (u32, u32) {
        let mut list: Vec<u32> = Vec::with_capacity(kids.len());
        for &k in kids {
            let xk = self.xid(k);
            let single = self.uses.get(k as usize).copied() == Some(1);
            match self.out.nodes.get(xk as usize).copied() {
                Some(XNode::And(s, l)) if and && single => self.splice(&mut list, s, l),
                Some(XNode::Or(s, l)) if !and && single => self.splice(&mut list, s, l),
                _ => list.push(xk),
            }
        }
        let start = self.out.kids.len() as u32;
        let len = list.len() as u32;
        self.out.kids.extend(list);
        (start, len)
    }

    fn splice(&self, list: &mut Vec<u32>, s: u32, l: u32) {
        let range = s as usize..(s as usize).saturating_add(l as usize);
        list.extend(self.out.kids.get(range).unwrap_or(&[]));
    }
}

/// The specialised form of a clause, if it has one.
fn fast(c: &Clause) -> Fast {
    match &c.test {
        Test::Cmp(op, Num::Lit(b)) => {
            let b = *b;
            match op {
                CmpOp::Eq => Fast::Range {
                    lo: b,
                    hi: b,
                    neg: false,
                },
                CmpOp::Ne => Fast::Range {
                    lo: b,
                    hi: b,
                    neg: true,
                },
                CmpOp::Lt => match b.checked_sub(1) {
                    Some(h) => Fast::Range {
                        lo: i64::MIN,
                        hi: h,
                        neg: false,
                    },
                    None => Fast::General,
                },
                CmpOp::Le => Fast::Range {
                    lo: i64::MIN,
                    hi: b,
                    neg: false,
                },
                CmpOp::Gt => match b.checked_add(1) {
                    Some(l) => Fast::Range {
                        lo: l,
                        hi: i64::MAX,
                        neg: false,
                    },
                    None => Fast::General,
                },
                CmpOp::Ge => Fast::Range {
                    lo: b,
                    hi: i64::MAX,
                    neg: false,
                },
            }
        }
        Test::Between(Num::Lit(lo), Num::Lit(hi)) => Fast::Range {
            lo: *lo,
            hi: *hi,
            neg: false,
        },
        Test::InNum(neg, set) if set.iter().all(|v| (0..64).contains(v)) => Fast::Mask {
            mask: set.iter().fold(0u64, |m, v| m | (1u64 << v)),
            neg: *neg,
        },
        Test::HasDis(q, items) => {
            // a type matches any of its sub-types: `any`/`none` of a union of match masks;
            // `all` only when every item is a single bit
            let m = items.iter().fold(0u16, |m, d| m | d.match_mask());
            match q {
                Quant::One | Quant::Any => Fast::DisAny(m),
                Quant::None => Fast::DisNone(m),
                Quant::All if items.iter().all(|d| d.match_mask().count_ones() == 1) => {
                    Fast::DisAll(m)
                }
                Quant::All => Fast::General,
            }
        }
        _ => Fast::General,
    }
}

#[inline(always)]
fn tri(b: bool) -> Tri {
    if b {
        Tri::True
    } else {
        Tri::False
    }
}

impl Program {
    /// Evaluates execution node `n`: its value, the missing inputs if unknown, and pushes the
    /// reasons of a known value to `out` (dropping those of sub-trees that did not decide).
    pub(crate) fn run(&self, n: u32, env: &Env<'_>, out: &mut Sink) -> (Tri, u32) {
        match self.exec.nodes.get(n as usize) {
            Some(XNode::Leaf(c)) => self.run_leaf(*c, env, out),
            Some(XNode::And(s, l)) => self.run_junction(*s, *l, Tri::False, env, out),
            Some(XNode::Or(s, l)) => self.run_junction(*s, *l, Tri::True, env, out),
            Some(XNode::Not(c)) => {
                let (t, m) = self.run(*c, env, out);
                let t = match t {
                    Tri::True => Tri::False,
                    Tri::False => Tri::True,
                    Tri::Unknown => Tri::Unknown,
                };
                (t, m)
            }
            Some(XNode::Const(b)) => (tri(*b), 0),
            None => (Tri::Unknown, 0),
        }
    }

    /// `and` (dominant = false) or `or` (dominant = true) in Kleene logic.
    fn run_junction(
        &self,
        s: u32,
        l: u32,
        dominant: Tri,
        env: &Env<'_>,
        out: &mut Sink,
    ) -> (Tri, u32) {
        let range = s as usize..(s as usize).saturating_add(l as usize);
        let kids = self.exec.kids.get(range).unwrap_or(&[]);
        let mark = out.reasons.len();
        let mut missing = 0u32;
        let mut unknown = false;
        for &c in kids {
            let before = out.reasons.len();
            let (t, m) = match self.exec.nodes.get(c as usize) {
                Some(XNode::Leaf(k)) => self.run_leaf(*k, env, out),
                _ => self.run(c, env, out),
            };
            if t == dominant {
                // the first dominant child decides alone
                out.reasons.drain(mark..before);
                return (t, 0);
            }
            if t == Tri::Unknown {
                out.reasons.truncate(before);
                unknown = true;
                missing |= m;
            }
        }
        if unknown {
            out.reasons.truncate(mark);
            (Tri::Unknown, missing)
        } else if dominant == Tri::True {
            (Tri::False, 0)
        } else {
            (Tri::True, 0)
        }
    }

    /// [`Program::clause`], kept out of line so that the specialised paths stay small.
    #[inline(never)]
    fn general(&self, c: &Clause, env: &Env<'_>, extra: &mut Vec<Vec<String>>) -> (Tri, Actual) {
        self.clause(c, env, extra)
    }

    /// Evaluates clause `c` and records its reason if it is known.
    #[inline(always)]
    fn run_leaf(&self, c: u32, env: &Env<'_>, out: &mut Sink) -> (Tri, u32) {
        let (Some(clause), Some(fast)) =
            (self.clauses.get(c as usize), self.exec.fast.get(c as usize))
        else {
            return (Tri::Unknown, 0);
        };
        // Each specialised arm pushes its reason itself: merging `(Tri, Actual)` across arms
        // goes through a stack slot written in parts and read whole, which stalls
        // store-to-load forwarding on every clause.
        let known = |out: &mut Sink, r: bool, actual: Actual| {
            out.reasons.push(RawReason::new(c, r, actual));
            (tri(r), 0)
        };
        match *fast {
            Fast::General => match self.general(clause, env, &mut out.extra) {
                (Tri::Unknown, _) => (Tri::Unknown, clause.input),
                (t, actual) => known(out, t == Tri::True, actual),
            },
            Fast::Range { lo, hi, neg } => match number(clause, env) {
                Some(a) => known(out, (lo <= a && a <= hi) != neg, Actual::Num(a)),
                None => (Tri::Unknown, clause.input),
            },
            Fast::Mask { mask, neg } => match number(clause, env) {
                Some(a) => {
                    let hit = (0..64).contains(&a) && (mask >> a) & 1 == 1;
                    known(out, hit != neg, Actual::Num(a))
                }
                None => (Tri::Unknown, clause.input),
            },
            Fast::DisAny(m) | Fast::DisAll(m) | Fast::DisNone(m) => {
                match disabilities(clause, env) {
                    Some(set) => {
                        let has = set.bits() & m;
                        let r = match fast {
                            Fast::DisAny(_) => has != 0,
                            Fast::DisAll(_) => has == m,
                            _ => has == 0,
                        };
                        known(out, r, Actual::Dis(set))
                    }
                    None => (Tri::Unknown, clause.input),
                }
            }
        }
    }
}

/// A clause's fact as a number (default applied), as [`Program::clause`] reads it.
#[inline(always)]
fn number(c: &Clause, env: &Env<'_>) -> Option<i64> {
    match fetch(c.fact, env.facts, env.ctx, &env.at) {
        Some(v) => num_of(v),
        None => match c.default {
            Some(Dflt::Num(n)) => Some(n),
            _ => None,
        },
    }
}

/// A clause's disability set (default applied), as [`Program::clause`] reads it.
#[inline(always)]
fn disabilities(c: &Clause, env: &Env<'_>) -> Option<DisabilitySet> {
    match fetch(c.fact, env.facts, env.ctx, &env.at) {
        Some(super::facts::FVal::Dis(s)) => Some(s),
        Some(_) => None,
        None => match c.default {
            Some(Dflt::Dis) => Some(DisabilitySet::EMPTY),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    //! The execution form against the checked tree's own evaluator ([`Program::eval`], kept
    //! for tests): same outcome, missing inputs and reasons on random rules and people.

    use chrono::NaiveDate;

    use super::super::eval::{Env, Sink};
    use super::super::facts::AsOf;
    use super::super::{Context, Facts, RuleSet};
    use crate::disability::{DisabilitySet, ALL_DISABILITIES};
    use crate::education::ALL_EDUCATION;
    use crate::vocab::{CareStatus, EmploymentStatus};

    const CLAUSES: &[&str] = &[
        "age between 17 and 40",
        "age >= 18",
        "age < 60",
        "age != 30",
        "age in [20, 21, 22, 63]",
        "age not in [25, 26]",
        "disabilities has any of [physical, sensory]",
        "disabilities has all of [intellectual, mental]",
        "disabilities has all of [physical, sensory_hearing]",
        "disabilities has none of [mental]",
        "disabilities has sensory_hearing",
        "disabilities is empty",
        "disabilities is not empty",
        "disability_count >= 2",
        "care_status = alumnus",
        "care_status != resident",
        "care_status in [resident, alumnus]",
        "days_in_care >= 180",
        "days_in_care > 30",
        "education >= smp",
        "education <= sma",
        "dtks_decile <= 4",
        "dtks_decile in [1, 2, 3]",
        "known(dtks_decile)",
        "known(birth_date)",
        "nik_province = \"35\"",
        "nik_regency in [\"3520\", \"35.78\"]",
        "employment in [unemployed, self_employed]",
        "skills has any of [batik, sewing]",
        "skills has handicraft",
        "skills is empty",
        "birth_date >= 2000-01-01",
        "birth_date <= today - 17 years",
        "residence_since <= today - 6 months",
        "dtks_decile (default 10) <= 4",
        "sex = female",
        "agreement_in_force",
        "true",
        "false",
    ];

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn maybe(&mut self) -> bool {
            self.below(4) != 0
        }
    }

    fn expr(r: &mut Rng, depth: u32, refs: &[&str]) -> String {
        if depth == 0 || r.below(3) == 0 {
            if !refs.is_empty() && r.below(5) == 0 {
                return refs[r.below(refs.len())].to_owned();
            }
            return CLAUSES[r.below(CLAUSES.len())].to_owned();
        }
        match r.below(3) {
            0 => format!("not ({})", expr(r, depth - 1, refs)),
            k => {
                let op = if k == 1 { " and " } else { " or " };
                let n = 2 + r.below(3);
                let parts: Vec<String> = (0..n)
                    .map(|_| format!("({})", expr(r, depth - 1, refs)))
                    .collect();
                parts.join(op)
            }
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn person(r: &mut Rng, as_of: NaiveDate) -> Facts {
        let days = |r: &mut Rng, max: usize| chrono::TimeDelta::days(r.below(max) as i64);
        let mut dis = DisabilitySet::EMPTY;
        for _ in 0..r.below(3) {
            dis.insert(ALL_DISABILITIES[r.below(9)]);
        }
        let skills = ["batik", "sewing", "handicraft", "cooking"];
        Facts {
            nik: r.maybe().then(|| {
                ["3520125708950001", "3578011203000002", "3171010101990003"][r.below(3)].to_owned()
            }),
            birth_date: r.maybe().then(|| as_of - days(r, 70 * 366)),
            sex: r
                .maybe()
                .then(|| [crate::sex::Sex::Male, crate::sex::Sex::Female][r.below(2)]),
            disabilities: r.maybe().then_some(dis),
            care_status: r
                .maybe()
                .then(|| [CareStatus::Resident, CareStatus::Alumnus, CareStatus::None][r.below(3)]),
            residence_since: r.maybe().then(|| as_of - days(r, 400)),
            education: r.maybe().then(|| ALL_EDUCATION[r.below(8)]),
            dtks_decile: r.maybe().then(|| 1 + r.below(10) as i64),
            employment: r.maybe().then(|| {
                [
                    EmploymentStatus::Unemployed,
                    EmploymentStatus::SelfEmployed,
                    EmploymentStatus::Employed,
                ][r.below(3)]
            }),
            skills: r.maybe().then(|| {
                (0..r.below(3))
                    .map(|_| skills[r.below(4)].to_owned())
                    .collect()
            }),
            ..Facts::default()
        }
    }

    #[test]
    fn execution_form_decides_as_the_checked_tree() {
        let mut r = Rng(0x0bad_5eed_2020_0909);
        let as_of = d(2020, 9, 9);
        let mut compared = 0;
        for _ in 0..800 {
            let a = expr(&mut r, 3, &[]);
            let b = expr(&mut r, 3, &["a"]);
            let c = expr(&mut r, 2, &["a", "b"]);
            let src = format!("rule a = {a}\nrule b = {b}\nrule c = a and ({c}) and b\n");
            let Ok(set) = RuleSet::parse(&src) else {
                continue; // e.g. a contradiction the checker rejects
            };
            let p = &set.program;
            for _ in 0..20 {
                let facts = person(&mut r, as_of);
                let ctx = Context {
                    agreement_in_force: r.maybe().then(|| r.below(2) == 0),
                    partner_kind: None,
                };
                let env = Env {
                    facts: &facts,
                    ctx: &ctx,
                    as_of,
                    at: AsOf::new(as_of),
                };
                for def in 0..p.defs.len() {
                    let mut want = Sink::default();
                    let root = p.roots[def];
                    let (wt, wm) = p.eval(root, &env, &mut want);
                    let mut got = Sink::default();
                    let (gt, gm) = p.run(p.exec.root(def), &env, &mut got);
                    assert_eq!((gt, gm), (wt, wm), "{src}\n{facts:?}");
                    let key = |s: &Sink| {
                        let mut v: Vec<_> = s
                            .reasons
                            .iter()
                            .map(|x| (x.clause, x.result, x.actual()))
                            .collect();
                        v.sort_by_key(|x| x.0);
                        v
                    };
                    assert_eq!(key(&got), key(&want), "{src}");
                    compared += 1;
                }
            }
        }
        assert!(compared > 10_000, "only {compared} decisions compared");
    }
}
