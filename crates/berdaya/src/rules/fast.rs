//! Specialised forms of the most common clauses, for single-person evaluation.
//!
//! The generic clause evaluator ([`Program::clause`](super::eval::Program)) dispatches twice per
//! clause — once on the fact (to fetch and derive its value) and once on the pair (test, value
//! kind) — and, being large, makes every clause pay for a large stack frame. Most clauses of
//! real rules are a comparison, range or membership test on a numeric fact (ages, dates as day
//! numbers, enum ordinals, deciles) or a set test on the disabilities, without a default. For
//! those, the compiler picks a [`Fast`] form when it builds the clause: a function that reads
//! exactly that fact and a test on a plain integer or bitmask. Everything else keeps the generic
//! path.
//!
//! The fast form must give exactly what the generic one gives — the truth value, the value the
//! clause saw (for the reason) and, when unknown, the missing input. The tests at the end of
//! this file check that on every clause of the conformance rule files against random facts.

use super::ast::{CmpOp, Quant};
use super::eval::{cmp, num_of, Dflt, Env, Num, Test};
use super::facts::{fetch, FVal, FactId};

/// Reads a numeric fact (integer, date as a day number, enum ordinal, yes/no as 0/1).
#[derive(Clone, Copy)]
pub(crate) struct NumGetter(pub fn(&Env<'_>) -> Option<i64>);

impl std::fmt::Debug for NumGetter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NumGetter")
    }
}

/// A test on an integer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NumTest {
    Cmp(CmpOp, i64),
    Between(i64, i64),
    In(bool, Box<[i64]>),
}

impl NumTest {
    #[inline(always)]
    pub(crate) fn holds(&self, a: i64) -> bool {
        match self {
            NumTest::Cmp(op, b) => cmp(*op, a, *b),
            NumTest::Between(l, h) => *l <= a && a <= *h,
            NumTest::In(neg, set) => set.contains(&a) != *neg,
        }
    }
}

/// A test on the disabilities, as bitmasks of [`Disability::match_mask`](crate::disability::Disability::match_mask).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DisTest {
    /// Holds any of the values (the union of their masks).
    Any(u16),
    /// Holds every value: each mask meets the set.
    All(Box<[u16]>),
    /// Holds none of the values.
    None(u16),
    /// `is empty` (`true`: `is not empty`).
    Empty(bool),
}

impl DisTest {
    #[inline(always)]
    pub(crate) fn holds(&self, bits: u16) -> bool {
        match self {
            DisTest::Any(m) => bits & m != 0,
            DisTest::All(ms) => ms.iter().all(|m| bits & m != 0),
            DisTest::None(m) => bits & m == 0,
            DisTest::Empty(neg) => (bits == 0) != *neg,
        }
    }
}

/// Reads a text fact (a code or a region code).
#[derive(Clone, Copy)]
pub(crate) struct StrGetter(pub for<'e, 'a> fn(&'e Env<'a>) -> Option<&'a str>);

impl std::fmt::Debug for StrGetter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StrGetter")
    }
}

/// Reads a list-of-text fact.
#[derive(Clone, Copy)]
pub(crate) struct ListGetter(pub for<'e, 'a> fn(&'e Env<'a>) -> Option<&'a [String]>);

impl std::fmt::Debug for ListGetter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ListGetter")
    }
}

/// Membership of a text in literal values: `= "35"`, `in ["35", "36"]` (`true`: negated;
/// region codes compare ignoring dots).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StrTest {
    pub negated: bool,
    pub values: Box<[String]>,
    pub region: bool,
}

/// A set test on a list of texts with at most 64 literal values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ListTest {
    pub quant: Quant,
    pub values: Box<[String]>,
}

impl ListTest {
    /// Which of the values the list holds (bit `i`: value `i`), and whether the test holds.
    #[inline(always)]
    pub(crate) fn hits(&self, list: &[String]) -> (bool, u64) {
        let mut m = 0u64;
        for (i, it) in self.values.iter().enumerate() {
            if list.iter().any(|l| l == it) {
                m |= 1 << i;
            }
        }
        let all = if self.values.len() >= 64 {
            u64::MAX
        } else {
            (1u64 << self.values.len()) - 1
        };
        let r = match self.quant {
            Quant::One | Quant::Any => m != 0,
            Quant::All => m == all,
            Quant::None => m == 0,
        };
        (r, m)
    }
}

/// The evaluation form of a clause.
#[derive(Debug, Clone)]
pub(crate) enum Fast {
    /// The generic evaluator.
    Generic,
    /// A numeric fact without a default, and a test on its integer.
    Num(NumGetter, NumTest),
    /// The disabilities without a default, and a set test.
    Dis(DisTest),
    /// `known(fact)` without a default.
    Known,
    /// A text fact without a default, and equality or membership.
    Str(StrGetter, StrTest),
    /// A list fact without a default, and a set test on up to 64 values.
    List(ListGetter, ListTest),
}

macro_rules! str_getter {
    ($fact:expr, $($f:ident),*) => {
        match $fact {
            $(FactId::$f => Some(StrGetter(|e| match fetch(FactId::$f, e.facts, e.ctx, &e.at)? {
                FVal::Str(s) => Some(s),
                _ => None,
            })),)*
            _ => None,
        }
    };
}

macro_rules! list_getter {
    ($fact:expr, $($f:ident),*) => {
        match $fact {
            $(FactId::$f => Some(ListGetter(|e| match fetch(FactId::$f, e.facts, e.ctx, &e.at)? {
                FVal::List(l) => Some(l),
                _ => None,
            })),)*
            _ => None,
        }
    };
}

/// The getter of a text fact.
fn str_getter(fact: FactId) -> Option<StrGetter> {
    str_getter!(
        fact,
        UptId,
        DomicileRegency,
        DomicileProvince,
        NikProvince,
        NikRegency
    )
}

/// The getter of a list fact.
fn list_getter(fact: FactId) -> Option<ListGetter> {
    list_getter!(fact, Skills, Certificates, Ppks)
}

macro_rules! num_getter {
    ($fact:expr, $($f:ident),*) => {
        match $fact {
            $(FactId::$f => Some(NumGetter(|e| num_of(fetch(FactId::$f, e.facts, e.ctx, &e.at)?))),)*
            _ => None,
        }
    };
}

/// The getter of a fact whose value is a number (per [`num_of`]), if it is one.
fn num_getter(fact: FactId) -> Option<NumGetter> {
    num_getter!(
        fact,
        Age,
        BirthDate,
        Sex,
        DisabilityCount,
        Multiplicity,
        CareStatus,
        ResidenceSince,
        DaysInCare,
        DischargedOn,
        DaysSinceDischarge,
        Education,
        DtksDecile,
        Employment,
        AgreementInForce,
        PartnerKind
    )
}

impl Fast {
    /// The form of a clause reading `fact` with `default` and `test`.
    pub(crate) fn of(fact: FactId, default: Option<&Dflt>, test: &Test) -> Fast {
        if default.is_some() {
            return Fast::Generic;
        }
        if let Test::Known = test {
            return Fast::Known;
        }
        if let Some(get) = str_getter(fact) {
            return match test {
                Test::EqStr(negated, value, region) => Fast::Str(
                    get,
                    StrTest {
                        negated: *negated,
                        values: Box::new([value.clone()]),
                        region: *region,
                    },
                ),
                Test::InStr(negated, values, region) => Fast::Str(
                    get,
                    StrTest {
                        negated: *negated,
                        values: values.clone().into_boxed_slice(),
                        region: *region,
                    },
                ),
                _ => Fast::Generic,
            };
        }
        if let Some(get) = list_getter(fact) {
            return match test {
                Test::HasText(quant, values) if values.len() <= 64 => Fast::List(
                    get,
                    ListTest {
                        quant: *quant,
                        values: values.clone().into_boxed_slice(),
                    },
                ),
                _ => Fast::Generic,
            };
        }
        if fact == FactId::Disabilities {
            let masks = |items: &[crate::disability::Disability]| {
                items.iter().fold(0u16, |m, d| m | d.match_mask())
            };
            return match test {
                Test::HasDis(Quant::One | Quant::Any, items) => {
                    Fast::Dis(DisTest::Any(masks(items)))
                }
                Test::HasDis(Quant::None, items) => Fast::Dis(DisTest::None(masks(items))),
                Test::HasDis(Quant::All, items) => {
                    Fast::Dis(DisTest::All(items.iter().map(|d| d.match_mask()).collect()))
                }
                Test::Empty(neg) => Fast::Dis(DisTest::Empty(*neg)),
                _ => Fast::Generic,
            };
        }
        let Some(get) = num_getter(fact) else {
            return Fast::Generic;
        };
        let test = match test {
            Test::Cmp(op, Num::Lit(b)) => NumTest::Cmp(*op, *b),
            Test::Between(Num::Lit(l), Num::Lit(h)) => NumTest::Between(*l, *h),
            Test::InNum(neg, set) => NumTest::In(*neg, set.clone().into_boxed_slice()),
            _ => return Fast::Generic,
        };
        Fast::Num(get, test)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    //! The oracle is the generic evaluator: every clause of the conformance rule files, with
    //! its fast form where it has one, must give what the generic path gives.

    use super::super::eval::{Program, Sink};
    use super::super::facts::{AsOf, Context, Facts};
    use super::super::RuleSet;
    use super::Fast;
    use crate::disability::{DisabilitySet, ALL_DISABILITIES};
    use crate::education::ALL_EDUCATION;
    use crate::vocab::{CareStatus, EmploymentStatus};
    use chrono::{Datelike, NaiveDate};
    use proptest::prelude::*;

    fn programs() -> Vec<std::sync::Arc<Program>> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../conformance/rules");
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rules") {
                let text = std::fs::read_to_string(&path).unwrap();
                if let Ok(set) = RuleSet::parse(&text) {
                    out.push(set.program_for_tests());
                }
            }
        }
        let extra = "rule a = age in [17, 18, 40] and sex = female and dtks_decile not in [1, 2]\n\
                     rule b = disabilities is empty or disabilities is not empty\n\
                     rule c = disabilities has none of [mental, sensory] and birth_date < 2000-01-01\n\
                     rule d = disabilities has all of [sensory, physical] and multiplicity >= double\n\
                     rule e = days_since_discharge between 0 and 365 and discharged_on >= 2019-01-01\n\
                     rule f = agreement_in_force and partner_kind = university and disability_count > 1\n\
                     rule g = employment != employed and residence_since <= 2020-01-01 and care_status in [resident, alumnus]\n\
                     rule h = nik_regency in [\"3520\", \"35.78\"] and domicile_province = \"35\" and upt_id != \"upt-kediri\" and domicile_regency not in [\"35.20\"]\n\
                     rule i = skills has all of [batik, sewing] or certificates has none of [sttr] or ppks has penyandang_disabilitas or skills has any of [jamu]\n\
                     rule j = known(nik_province) and not known(skills) and known(upt_id) and known(age) and known(disabilities)";
        out.push(RuleSet::parse(extra).unwrap().program_for_tests());
        out
    }

    fn facts() -> impl Strategy<Value = (Facts, Context)> {
        let date = (0i64..40_000).prop_map(|d| {
            NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::TimeDelta::days(d)
        });
        (
            (
                proptest::option::of(date.clone()),
                proptest::option::of(0u16..(1 << ALL_DISABILITIES.len())),
                proptest::option::of(0usize..4),
                proptest::option::of(date.clone()),
                proptest::option::of(date),
            ),
            (
                proptest::option::of(0usize..ALL_EDUCATION.len()),
                proptest::option::of(-2i64..13),
                proptest::option::of(0usize..3),
                proptest::option::of(any::<bool>()),
                proptest::option::of(any::<bool>()),
                proptest::option::of(prop_oneof![
                    Just("university".to_owned()),
                    Just("business".to_owned()),
                    Just("unknown kind".to_owned())
                ]),
            ),
            (
                proptest::option::of(prop_oneof![
                    Just("3520125708950001"),
                    Just("3578015708950001"),
                    Just("3171015708950001"),
                    Just("35"),
                    Just("x520125708950001"),
                ]),
                proptest::option::of(prop_oneof![
                    Just("35.20"),
                    Just("3520"),
                    Just(" 35.78 "),
                    Just("31.71"),
                    Just("3"),
                ]),
                proptest::option::of(prop_oneof![
                    Just("upt-kediri"),
                    Just("upt-malang"),
                    Just("a-very-long-upt-id")
                ]),
                proptest::option::of(proptest::collection::vec(
                    prop_oneof![
                        Just("batik"),
                        Just("sewing"),
                        Just("jamu"),
                        Just("computer")
                    ],
                    0..4,
                )),
                proptest::option::of(proptest::collection::vec(
                    prop_oneof![Just("sttr"), Just("k3")],
                    0..3,
                )),
                proptest::option::of(proptest::collection::vec(
                    prop_oneof![Just("penyandang_disabilitas"), Just("lansia_terlantar")],
                    0..3,
                )),
            ),
        )
            .prop_map(
                |(
                    (birth, dis, care, since, out),
                    (edu, decile, emp, sex, force, kind),
                    (nik, regency, upt, skills, certs, ppks),
                )| {
                    let owned = |v: Vec<&str>| v.into_iter().map(str::to_owned).collect::<Vec<_>>();
                    let mut set = DisabilitySet::EMPTY;
                    if let Some(bits) = dis {
                        for (i, d) in ALL_DISABILITIES.iter().enumerate() {
                            if bits & (1 << i) != 0 {
                                set.insert(*d);
                            }
                        }
                    }
                    let f = Facts {
                        birth_date: birth,
                        disabilities: dis.map(|_| set),
                        care_status: care.map(|c| {
                            [
                                CareStatus::Resident,
                                CareStatus::Alumnus,
                                CareStatus::Applicant,
                                CareStatus::None,
                            ][c]
                        }),
                        residence_since: since,
                        discharged_on: out,
                        education: edu.map(|e| ALL_EDUCATION[e]),
                        dtks_decile: decile,
                        employment: emp.map(|e| {
                            [
                                EmploymentStatus::Unemployed,
                                EmploymentStatus::SelfEmployed,
                                EmploymentStatus::Employed,
                            ][e]
                        }),
                        sex: sex.map(|s| {
                            if s {
                                crate::sex::Sex::Male
                            } else {
                                crate::sex::Sex::Female
                            }
                        }),
                        nik: nik.map(str::to_owned),
                        regency: regency.map(str::to_owned),
                        upt_id: upt.map(str::to_owned),
                        skills: skills.map(owned),
                        certificates: certs.map(owned),
                        ppks: ppks.map(owned),
                        ..Facts::default()
                    };
                    let ctx = Context {
                        agreement_in_force: force,
                        partner_kind: kind,
                    };
                    (f, ctx)
                },
            )
    }

    #[test]
    fn every_fast_form_is_exercised_by_the_equivalence_test() {
        use super::{DisTest, NumTest};
        let mut seen = [false; 10];
        for p in programs() {
            for c in &p.clauses {
                let k = match &c.fast {
                    Fast::Generic => continue,
                    Fast::Num(_, NumTest::Cmp(..)) => 0,
                    Fast::Num(_, NumTest::Between(..)) => 1,
                    Fast::Num(_, NumTest::In(..)) => 2,
                    Fast::Dis(DisTest::Any(_)) => 3,
                    Fast::Dis(DisTest::All(_)) => 4,
                    Fast::Dis(DisTest::None(_)) => 5,
                    Fast::Dis(DisTest::Empty(_)) => 6,
                    Fast::Known => 7,
                    Fast::Str(..) => 8,
                    Fast::List(..) => 9,
                };
                seen[k] = true;
            }
        }
        assert_eq!(seen, [true; 10]);
    }

    /// The literals of a test and their neighbours: where a wrong bound shows.
    fn edges(test: &super::NumTest) -> Vec<i64> {
        use super::NumTest;
        let lits: Vec<i64> = match test {
            NumTest::Cmp(_, b) => vec![*b],
            NumTest::Between(l, h) => vec![*l, *h],
            NumTest::In(_, set) => set.to_vec(),
        };
        lits.iter().flat_map(|x| [x - 1, *x, x + 1]).collect()
    }

    #[test]
    fn every_numeric_test_agrees_with_the_generic_evaluator_at_its_bounds() {
        use super::super::eval::{Actual, Clause, Tri};
        use super::super::facts::FactId;
        let ctx = Context::default();
        let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
        let mut checked = 0;
        for p in programs() {
            for c in &p.clauses {
                let Fast::Num(_, test) = &c.fast else {
                    continue;
                };
                // the same test on an integer fact, through the generic evaluator
                let probe = Clause {
                    fact: FactId::DtksDecile,
                    fast: Fast::Generic,
                    ..c.clone()
                };
                for a in edges(test) {
                    let f = Facts {
                        dtks_decile: Some(a),
                        ..Facts::default()
                    };
                    let env = super::super::eval::Env {
                        facts: &f,
                        ctx: &ctx,
                        as_of,
                        at: AsOf::new(as_of),
                    };
                    let (t, actual) = p.clause(&probe, &env, &mut Vec::new());
                    assert_eq!(actual, Actual::Num(a));
                    assert_eq!(t == Tri::True, test.holds(a), "{} at {a}", c.text);
                    checked += 1;
                }
            }
        }
        assert!(checked > 50);
    }

    #[test]
    fn references_to_junctions_of_the_same_kind_are_spliced() {
        let set = RuleSet::parse(
            "rule a = age > 1 and age < 90\nrule b = a and education >= smp\nrule c = b or a",
        )
        .unwrap();
        let p = set.program_for_tests();
        let len = |def: usize| p.flat[p.roots[def] as usize].len();
        assert_eq!((len(0), len(1), len(2)), (2, 3, 2));
    }

    /// Random expressions over clauses of every fast form and the generic one.
    fn expr() -> impl Strategy<Value = String> {
        let clause = prop::sample::select(vec![
            "age between 17 and 40",
            "age >= 30",
            "dtks_decile <= 4",
            "default(dtks_decile, 10) > 3",
            "not known(dtks_decile)",
            "known(birth_date)",
            "education >= smp",
            "care_status = alumnus",
            "care_status in [resident, applicant]",
            "days_in_care >= 180",
            "residence_since <= as_of - 30 days",
            "disabilities has any of [physical, sensory_hearing]",
            "disabilities has all of [intellectual, mental]",
            "disabilities is empty",
            "skills has any of [batik, sewing]",
            "skills is not empty",
            "nik_province = \"35\"",
            "domicile_regency in [\"35.20\", \"3578\"]",
            "agreement_in_force",
            "true",
            "false",
        ]);
        clause
            .prop_map(str::to_owned)
            .prop_recursive(4, 24, 4, |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 2..4)
                        .prop_map(|v| format!("({})", v.join(") and ("))),
                    prop::collection::vec(inner.clone(), 2..4)
                        .prop_map(|v| format!("({})", v.join(") or ("))),
                    inner.prop_map(|a| format!("not ({a})")),
                ]
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn every_fast_clause_gives_what_the_generic_evaluator_gives(
            (f, ctx) in facts(),
            as_of in (0i64..30_000).prop_map(|d| NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::TimeDelta::days(d)),
        ) {
            let env = super::super::eval::Env { facts: &f, ctx: &ctx, as_of, at: AsOf::new(as_of) };
            for p in programs() {
                for (i, c) in p.clauses.iter().enumerate() {
                    let i = u32::try_from(i).unwrap();
                    let mut fast = Sink::default();
                    let mut generic = Sink::default();
                    let a = p.leaf_for_tests(i, &env, &mut fast);
                    let b = p.leaf_generic_for_tests(i, &env, &mut generic);
                    prop_assert_eq!(a, b, "clause {}", c.text);
                    prop_assert_eq!(&fast.reasons, &generic.reasons, "clause {}", c.text);
                    prop_assert_eq!(&fast.extra, &generic.extra, "clause {}", c.text);
                }
            }
        }

        #[test]
        fn flattened_junctions_decide_as_the_nested_ones(
            (f, ctx) in facts(),
            e in prop::collection::vec(expr(), 4),
            joins in prop::collection::vec(any::<bool>(), 4),
        ) {
            // rule references nest junctions of the same kind, which `Program::flatten` splices
            let j = |b: bool| if b { "and" } else { "or" };
            let src = format!(
                "rule a = {}\nrule b = a {} ({})\nrule c = (b) {} (a) {} ({})\nrule d = (c) {} not (b) {} (c) {} ({})",
                e[0], j(joins[0]), e[1], j(joins[1]), j(joins[1]), e[2],
                j(joins[2]), j(joins[2]), j(joins[3]), e[3]
            );
            let set = RuleSet::parse(&src).unwrap();
            let p = set.program_for_tests();
            let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
            let env = super::super::eval::Env { facts: &f, ctx: &ctx, as_of, at: AsOf::new(as_of) };
            for &root in &p.roots {
                let mut flat = Sink::default();
                let mut nested = Sink::default();
                let a = p.eval(root, &env, &mut flat);
                let b = p.eval_nested_for_tests(root, &env, &mut nested);
                prop_assert_eq!(a, b, "{}", src);
                prop_assert_eq!(&flat.reasons, &nested.reasons, "{}", src);
                prop_assert_eq!(&flat.extra, &nested.extra, "{}", src);
            }
        }

        #[test]
        fn every_getter_reads_what_fetch_reads(
            (f, ctx) in facts(),
            days in -800i64..800,
            birthday in any::<bool>(),
        ) {
            // as of a date near the birth date's anniversaries (birthdays, 29 February)
            let base = f.birth_date.unwrap_or_else(|| NaiveDate::from_ymd_opt(2000, 2, 29).unwrap());
            let as_of = if birthday {
                base.with_year(2020).or_else(|| base.with_day(28).and_then(|d| d.with_year(2020))).unwrap() + chrono::TimeDelta::days(days % 2)
            } else {
                base + chrono::TimeDelta::days(days * 37)
            };
            let env = super::super::eval::Env { facts: &f, ctx: &ctx, as_of, at: AsOf::new(as_of) };
            for &(fact, ..) in super::super::facts::SCHEMA {
                if let Some(get) = super::num_getter(fact) {
                    let want = super::super::facts::fetch(fact, &f, &ctx, &env.at).and_then(super::super::eval::num_of);
                    prop_assert_eq!((get.0)(&env), want, "{:?}", fact);
                }
            }
        }
    }
}
