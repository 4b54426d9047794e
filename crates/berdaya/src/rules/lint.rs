//! Warnings for clauses that are always true or always false when their fact is known, given
//! the clauses before them in the same `and`: integer and date ranges, enum values, set tests.

use std::collections::BTreeMap;

use super::ast::{CmpOp, Quant};
use super::check::Checker;
use super::diagnostic::Diag;
use super::eval::{Clause, Node, Num, Test};
use super::facts::Ty;

/// What a clause constrains, for the warnings.
enum Con {
    Range(i64, i64),
    Mask(u32),
    Set(Quant, Vec<String>),
    Empty(bool),
}

#[derive(Default, Clone)]
struct SetState {
    has: Vec<String>,
    not: Vec<String>,
    empty: Option<bool>,
}

#[derive(Default)]
struct ConjState {
    ranges: BTreeMap<u8, (i64, i64)>,
    masks: BTreeMap<u8, u32>,
    sets: BTreeMap<u8, SetState>,
}

fn cmp_range(op: CmpOp, v: i64) -> Option<(i64, i64)> {
    Some(match op {
        CmpOp::Eq => (v, v),
        CmpOp::Lt => (i64::MIN, v.checked_sub(1)?),
        CmpOp::Le => (i64::MIN, v),
        CmpOp::Gt => (v.checked_add(1)?, i64::MAX),
        CmpOp::Ge => (v, i64::MAX),
        CmpOp::Ne => return None,
    })
}

fn constraint(c: &Clause) -> Option<Con> {
    if c.default.is_some() {
        return None;
    }
    let ty = c.fact.ty();
    let enum_count = match ty {
        Ty::Enum(k) => Some(u32::from(k.count())),
        Ty::Bool => Some(2),
        _ => None,
    };
    if let Some(n) = enum_count {
        let mask_of = |f: &dyn Fn(i64) -> bool| {
            (0..n)
                .filter(|o| f(i64::from(*o)))
                .fold(0u32, |m, o| m | (1 << o))
        };
        return Some(Con::Mask(match &c.test {
            Test::Cmp(op, Num::Lit(v)) => mask_of(&|o| super::eval::cmp(*op, o, *v)),
            Test::Between(Num::Lit(l), Num::Lit(h)) => mask_of(&|o| *l <= o && o <= *h),
            Test::InNum(neg, vs) => mask_of(&|o| vs.contains(&o) != *neg),
            _ => return None,
        }));
    }
    match (&c.test, ty) {
        (Test::Cmp(op, Num::Lit(v)), Ty::Int | Ty::Date) => {
            cmp_range(*op, *v).map(|(a, b)| Con::Range(a, b))
        }
        (Test::Between(Num::Lit(l), Num::Lit(h)), Ty::Int | Ty::Date) => Some(Con::Range(*l, *h)),
        (Test::HasDis(q, v), _) => Some(Con::Set(
            *q,
            v.iter().map(|d| d.as_str().to_owned()).collect(),
        )),
        (Test::HasText(q, v), _) => Some(Con::Set(*q, v.clone())),
        (Test::Empty(neg), _) => Some(Con::Empty(*neg)),
        _ => None,
    }
}

impl Checker {
    /// Walks the nodes of the current rule (not into referenced rules) and warns.
    pub(super) fn warn(&mut self, root: u32) {
        let owned = |c: &Checker, n: u32| c.owner.get(n as usize) == Some(&c.current);
        if !owned(self, root) {
            return;
        }
        match self.nodes.get(root as usize).cloned() {
            Some(Node::And(kids)) => {
                self.conj(&kids);
                for k in kids {
                    if owned(self, k) && !matches!(self.nodes.get(k as usize), Some(Node::Leaf(_)))
                    {
                        self.warn(k);
                    }
                }
            }
            Some(Node::Or(kids)) => {
                for k in kids {
                    if matches!(self.nodes.get(k as usize), Some(Node::Leaf(_))) {
                        self.conj(&[k]);
                    } else {
                        self.warn(k);
                    }
                }
            }
            Some(Node::Not(k)) => {
                if matches!(self.nodes.get(k as usize), Some(Node::Leaf(_))) {
                    self.conj(&[k]);
                } else {
                    self.warn(k);
                }
            }
            Some(Node::Leaf(_)) => self.conj(&[root]),
            _ => {}
        }
    }

    fn conj(&mut self, kids: &[u32]) {
        let mut st = ConjState::default();
        for &k in kids {
            let Some(Node::Leaf(ci)) = self.nodes.get(k as usize) else {
                continue;
            };
            let Some(c) = self.clauses.get(*ci as usize) else {
                continue;
            };
            let Some(con) = constraint(c) else { continue };
            let f = c.fact as u8;
            let (span, text) = (c.span, c.text.clone());
            let verdict = match con {
                Con::Range(lo, hi) => {
                    let dom = c.fact.domain().unwrap_or((i64::MIN, i64::MAX));
                    let had = st.ranges.contains_key(&f);
                    let prior = st.ranges.get(&f).copied().unwrap_or(dom);
                    let new = (prior.0.max(lo), prior.1.min(hi));
                    let v = if new.0 > new.1 {
                        Some(false)
                    } else if lo <= prior.0 && prior.1 <= hi {
                        Some(true)
                    } else {
                        None
                    };
                    if new.0 <= new.1 {
                        st.ranges.insert(f, new);
                    }
                    v.map(|v| (v, had))
                }
                Con::Mask(m) => {
                    let all = match c.fact.ty() {
                        Ty::Enum(k) => (1u32 << k.count()) - 1,
                        _ => 3,
                    };
                    let had = st.masks.contains_key(&f);
                    let prior = st.masks.get(&f).copied().unwrap_or(all);
                    let new = prior & m;
                    let v = if new == 0 {
                        Some(false)
                    } else if prior & !m == 0 {
                        Some(true)
                    } else {
                        None
                    };
                    if new != 0 {
                        st.masks.insert(f, new);
                    }
                    v.map(|v| (v, had))
                }
                Con::Set(q, items) => {
                    let had = st.sets.contains_key(&f);
                    let s = st.sets.entry(f).or_default();
                    let in_has = |x: &String| s.has.contains(x);
                    let in_not = |x: &String| s.not.contains(x);
                    let empty = s.empty == Some(true);
                    let v = match q {
                        Quant::One | Quant::All => {
                            if empty || items.iter().any(in_not) {
                                Some(false)
                            } else if items.iter().all(in_has) {
                                Some(true)
                            } else {
                                None
                            }
                        }
                        Quant::Any => {
                            if empty || items.iter().all(in_not) {
                                Some(false)
                            } else if items.iter().any(in_has) {
                                Some(true)
                            } else {
                                None
                            }
                        }
                        Quant::None => {
                            if items.iter().any(in_has) {
                                Some(false)
                            } else if empty || items.iter().all(in_not) {
                                Some(true)
                            } else {
                                None
                            }
                        }
                    };
                    let q = if q == Quant::Any && items.len() == 1 {
                        Quant::One
                    } else {
                        q
                    };
                    match q {
                        Quant::One | Quant::All => {
                            s.has.extend(items);
                            s.empty = Some(false);
                        }
                        Quant::None => s.not.extend(items),
                        Quant::Any => {}
                    }
                    v.map(|v| (v, had))
                }
                Con::Empty(neg) => {
                    let had = st.sets.contains_key(&f);
                    let s = st.sets.entry(f).or_default();
                    let nonempty = !s.has.is_empty() || s.empty == Some(false);
                    let v = match (neg, s.empty == Some(true), nonempty) {
                        (false, _, true) | (true, true, _) => Some(false),
                        (false, true, _) | (true, _, true) => Some(true),
                        _ => None,
                    };
                    s.empty = Some(!neg);
                    v.map(|v| (v, had))
                }
            };
            if let Some((always, had)) = verdict {
                let (code, en, id) = if always {
                    ("rule.check.always_true", "always true", "selalu benar")
                } else {
                    ("rule.check.always_false", "always false", "selalu salah")
                };
                let (ctx_en, ctx_id) = if had {
                    (
                        " given the clauses before it",
                        " mengingat klausa sebelumnya",
                    )
                } else {
                    ("", "")
                };
                self.diags.push(Diag::warning(
                    code,
                    span,
                    format!("clause `{text}` is {en}{ctx_en} when its fact is known"),
                    format!("klausa `{text}` {id}{ctx_id} bila faktanya diketahui"),
                ));
            }
        }
    }
}
