//! Differential tests of columnar batch evaluation: random rules × random populations (with
//! unknowns and date edges) give, row by row, the same outcome, first reason and missing
//! inputs as single-person evaluation; the five reference rules agree both ways; the result
//! does not depend on the number of threads.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use berdaya::batch::BatchResult;
use berdaya::disability::ALL_DISABILITIES;
use berdaya::population::{synth, Population, PopulationBuilder, Row};
use berdaya::rules::{Context, Detail, Facts, Outcome, Rule, RuleSet};
use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;

fn clause() -> impl Strategy<Value = String> {
    let edu = prop::sample::select(vec!["none", "sd", "smp", "sma", "diploma", "s1", "master"]);
    let dis = prop::sample::select(vec![
        "physical",
        "rungu",
        "sensory_speech",
        "sensory",
        "mental",
        "intellectual",
        "netra",
    ]);
    let care = prop::sample::select(vec!["resident", "alumnus", "none", "applicant"]);
    let quant = prop::sample::select(vec!["any of", "all of", "none of"]);
    let op = prop::sample::select(vec!["=", "!=", "<", "<=", ">", ">="]);
    let skill = prop::sample::select(vec!["batik", "sewing", "handicraft", "welding"]);
    prop_oneof![
        (0i64..90, op.clone()).prop_map(|(n, op)| format!("age {op} {n}")),
        (0i64..60, 0i64..40).prop_map(|(a, d)| format!("age between {a} and {}", a + d)),
        (0i64..60, 0i64..3).prop_map(|(a, d)| format!("age in [{a}, {}]", a + d * 7)),
        (0i64..60, 0i64..70).prop_map(|(a, n)| format!("default(age, {n}) >= {a}")),
        (1i64..11, op.clone()).prop_map(|(n, op)| format!("dtks_decile {op} {n}")),
        (1i64..11).prop_map(|n| format!("default(dtks_decile, 10) > {n}")),
        (1i64..11, 0i64..4).prop_map(|(n, d)| format!("dtks_decile not in [{n}, {}]", n + d)),
        (
            edu.clone(),
            prop::sample::select(vec![">=", "<", "=", "!="])
        )
            .prop_map(|(e, op)| format!("education {op} {e}")),
        (edu.clone(), edu).prop_map(|(a, b)| format!("education in [{a}, {b}]")),
        care.clone().prop_map(|c| format!("care_status = {c}")),
        care.prop_map(|c| format!("default(care_status, {c}) != alumnus")),
        (quant.clone(), prop::collection::vec(dis.clone(), 1..4))
            .prop_map(|(q, v)| format!("disabilities has {q} [{}]", v.join(", "))),
        dis.prop_map(|d| format!("disabilities has {d}")),
        (quant, prop::collection::vec(skill.clone(), 1..3))
            .prop_map(|(q, v)| format!("skills has {q} [{}]", v.join(", "))),
        skill.prop_map(|s| format!("skills has {s}")),
        (0i64..4, op.clone()).prop_map(|(n, op)| format!("disability_count {op} {n}")),
        prop::sample::select(vec!["none", "tunggal", "ganda", "multi"])
            .prop_map(|m| format!("multiplicity >= {m}")),
        prop::sample::select(vec!["M", "F", "L", "P"]).prop_map(|s| format!("sex = {s}")),
        Just("known(dtks_decile)".to_owned()),
        Just("known(birth_date)".to_owned()),
        Just("known(age)".to_owned()),
        Just("known(skills)".to_owned()),
        Just("known(disabilities)".to_owned()),
        Just("known(upt_id)".to_owned()),
        Just("known(days_in_care)".to_owned()),
        prop::sample::select(vec!["35", "31", "33"])
            .prop_map(|p| format!("nik_province = \"{p}\"")),
        prop::sample::select(vec!["35", "31"])
            .prop_map(|p| format!("nik_province in [\"{p}\", \"33\"]")),
        prop::sample::select(vec!["3520", "35.20", "3578", "3171"])
            .prop_map(|p| format!("domicile_regency = \"{p}\"")),
        prop::sample::select(vec!["35", "31"])
            .prop_map(|p| format!("domicile_province != \"{p}\"")),
        prop::sample::select(vec!["3520", "35.78", "3171"])
            .prop_map(|p| format!("nik_regency in [\"{p}\", \"3507\"]")),
        prop::sample::select(vec!["upt-psbn-malang", "upt-rsbg-tuban", "nowhere"])
            .prop_map(|u| format!("upt_id = \"{u}\"")),
        prop::sample::select(vec!["upt-psbn-malang", "nowhere"])
            .prop_map(|u| format!("upt_id not in [\"{u}\", \"upt-psbg-ngawi\"]")),
        (0i64..400).prop_map(|n| format!("residence_since <= as_of - {n} days")),
        (0i64..30).prop_map(|n| format!("birth_date > as_of - {n} years")),
        (0i64..30).prop_map(|n| format!("discharged_on >= 2015-01-01 + {n} months")),
        (-5i64..400, op.clone()).prop_map(|(n, op)| format!("days_in_care {op} {n}")),
        (0i64..3000, op).prop_map(|(n, op)| format!("days_since_discharge {op} {n}")),
        Just("employment in [unemployed, wirausaha]".to_owned()),
        Just("employment not in [employer]".to_owned()),
        Just("disabilities is empty".to_owned()),
        Just("disabilities is not empty".to_owned()),
        Just("skills is not empty".to_owned()),
        Just("skills is empty".to_owned()),
        Just("agreement_in_force".to_owned()),
        Just("default(agreement_in_force, true) = true".to_owned()),
        Just("partner_kind = ngo".to_owned()),
        Just("ppks has fakir_miskin".to_owned()),
        Just("certificates is empty".to_owned()),
        Just("known(ppks)".to_owned()),
        Just("true".to_owned()),
        Just("false".to_owned()),
    ]
}

fn expr() -> impl Strategy<Value = String> {
    clause().prop_recursive(5, 24, 4, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) and ({b})")),
            (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(a, b, c)| format!("({a}) and ({b}) and ({c})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) or ({b})")),
            (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(a, b, c)| format!("({a}) or ({b}) or ({c})")),
            inner.prop_map(|a| format!("not ({a})")),
        ]
    })
}

/// A rule file where the last rule refers to the others (shared sub-rules).
fn rule_file() -> impl Strategy<Value = String> {
    (expr(), expr(), 0usize..4).prop_map(|(a, b, shape)| {
        let body = match shape {
            0 => "a and b",
            1 => "a or not b",
            2 => "(a and b) or (a and not b)",
            _ => "not a and (b or a)",
        };
        format!("rule a = {a}\nrule b = {b}\nrule c = {body}\n")
    })
}

fn as_of() -> impl Strategy<Value = NaiveDate> {
    prop::sample::select(vec![
        NaiveDate::from_ymd_opt(2020, 9, 9).unwrap(),
        NaiveDate::from_ymd_opt(2021, 2, 28).unwrap(),
        NaiveDate::from_ymd_opt(2020, 2, 29).unwrap(),
        NaiveDate::from_ymd_opt(2021, 3, 1).unwrap(),
        NaiveDate::from_ymd_opt(2019, 12, 31).unwrap(),
    ])
}

/// A change to one synthetic row: date edges and unknowns.
#[derive(Debug, Clone)]
enum Edit {
    /// Born `years` years before the as-of date, shifted by `days` (-1, 0, +1).
    BirthEdge(u32, i64),
    /// Born on 29 February of a leap year.
    Feb29(i32),
    /// Born after the as-of date.
    Future(u64),
    /// Admitted `180 + days` days before the as-of date.
    SinceEdge(i64),
    Unknown(u8),
    EmptyLists,
    Dis(Vec<usize>),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0u32..90, -1i64..2).prop_map(|(y, d)| Edit::BirthEdge(y, d)),
        (0i32..20).prop_map(|k| Edit::Feb29(1960 + 4 * k)),
        (1u64..400).prop_map(Edit::Future),
        (-2i64..3).prop_map(Edit::SinceEdge),
        (0u8..12).prop_map(Edit::Unknown),
        Just(Edit::EmptyLists),
        prop::collection::vec(0usize..ALL_DISABILITIES.len(), 0..4).prop_map(Edit::Dis),
    ]
}

fn apply(r: &mut Row, e: &Edit, as_of: NaiveDate) {
    match e {
        Edit::BirthEdge(y, d) => {
            let y = as_of.year() - *y as i32;
            let b = as_of
                .with_year(y)
                .or_else(|| NaiveDate::from_ymd_opt(y, 2, 28))
                .unwrap();
            r.birth_date = b.checked_add_signed(chrono::TimeDelta::days(*d));
        }
        Edit::Feb29(y) => r.birth_date = NaiveDate::from_ymd_opt(*y, 2, 29),
        Edit::Future(d) => r.birth_date = as_of.checked_add_days(Days::new(*d)),
        Edit::SinceEdge(d) => {
            r.residence_since = as_of.checked_sub_signed(chrono::TimeDelta::days(180 + d))
        }
        Edit::Unknown(k) => match k {
            0 => r.birth_date = None,
            1 => r.disabilities = None,
            2 => r.care_status = None,
            3 => r.residence_since = None,
            4 => r.education = None,
            5 => r.dtks_decile = None,
            6 => r.employment = None,
            7 => r.skills = None,
            8 => r.nik = None,
            9 => r.regency = None,
            10 => r.upt_id = None,
            _ => r.discharged_on = None,
        },
        Edit::EmptyLists => {
            r.skills = Some(Vec::new());
            r.disabilities = Some(Default::default());
        }
        Edit::Dis(v) => {
            r.disabilities = Some(v.iter().map(|i| ALL_DISABILITIES[*i]).collect());
        }
    }
}

fn population() -> impl Strategy<Value = (Population, NaiveDate)> {
    (
        1usize..200,
        any::<u64>(),
        as_of(),
        prop::collection::vec((any::<prop::sample::Index>(), edit()), 0..120),
    )
        .prop_map(|(n, seed, as_of, edits)| {
            let mut rows: Vec<Row> = synth::rows(n, seed, as_of).collect();
            for (i, e) in &edits {
                let k = i.index(rows.len());
                apply(&mut rows[k], e, as_of);
            }
            let mut b = PopulationBuilder::new(as_of);
            for r in &rows {
                let _ = b.push(r);
            }
            (b.finish(), as_of)
        })
}

fn context() -> impl Strategy<Value = Context> {
    (
        prop::option::of(any::<bool>()),
        prop::option::of(prop::sample::select(vec!["ngo", "lks", "hospital"])),
    )
        .prop_map(|(f, p)| Context {
            agreement_in_force: f,
            partner_kind: p.map(str::to_owned),
        })
}

/// Columnar == single for every row: outcome, first reason, missing.
fn same(rule: &Rule, pop: &Population, ctx: &Context, as_of: NaiveDate) {
    let plan = rule.plan_batch(pop, ctx, as_of);
    assert_eq!(plan.fallback_clauses(), 0);
    let got = plan.evaluate(pop);
    let outcomes_only = plan.evaluate_with(pop, Detail::Outcomes);
    assert_eq!(got.len(), pop.len());
    for (i, row) in pop.rows().enumerate() {
        let d = rule.evaluate(&Facts::from(&row), ctx, as_of);
        let first = d.reasons().into_iter().next().map(|r| r.clause);
        assert_eq!(got.outcome(i), d.outcome(), "row {i} {row:?}");
        assert_eq!(outcomes_only.outcome(i), d.outcome(), "row {i}");
        assert_eq!(got.reason(i).map(str::to_owned), first, "row {i} {row:?}");
        assert_eq!(got.missing(i), d.missing(), "row {i} {row:?}");
    }
    let c = got.counts();
    assert_eq!(c.eligible + c.ineligible + c.undetermined, pop.len());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn columnar_equals_single(src in expr(), (pop, as_of) in population(), ctx in context()) {
        let rule = Rule::parse(&src).unwrap_or_else(|e| panic!("{src}: {e}"));
        same(&rule, &pop, &ctx, as_of);
    }

    #[test]
    fn columnar_equals_single_with_references(src in rule_file(), (pop, as_of) in population(), ctx in context()) {
        let rule = Rule::parse(&src).unwrap_or_else(|e| panic!("{src}: {e}"));
        same(&rule, &pop, &ctx, as_of);
    }
}

/// `X or not known(f)` (R4's decile clause): outcomes only evaluate it as one leaf, which must
/// not change any outcome, also with the pieces shared or on different facts.
fn or_not_known() -> impl Strategy<Value = String> {
    let tests = vec![
        ("dtks_decile <= 4", "dtks_decile"),
        ("age between 18 and 45", "age"),
        ("skills has any of [batik, sewing]", "skills"),
        ("disabilities has any of [physical, mental]", "disabilities"),
        ("days_in_care >= 180", "days_in_care"),
        ("education >= smp", "education"),
    ];
    (
        prop::sample::select(tests.clone()),
        prop::sample::select(tests),
        0usize..5,
    )
        .prop_map(|((x, f), (y, g), shape)| match shape {
            0 => format!("({x}) or not known({f})"),
            1 => format!("not known({f}) or ({x})"),
            2 => format!("(({x}) or not known({f})) and ({x})"),
            3 => format!("(({x}) or not known({f})) and not (not known({f}))"),
            _ => format!("({x}) or not known({g}) or ({y})"),
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn or_not_known_equals_single(src in or_not_known(), (pop, as_of) in population(), ctx in context()) {
        let rule = Rule::parse(&src).unwrap_or_else(|e| panic!("{src}: {e}"));
        same(&rule, &pop, &ctx, as_of);
    }
}

fn reference() -> RuleSet {
    RuleSet::parse(include_str!("../../../conformance/rules/reference.rules")).unwrap()
}

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 9, 9).unwrap()
}

#[test]
fn reference_rules_agree_both_ways() {
    let pop = synth::generate(20_000, 11, date());
    let set = reference();
    for name in ["r1", "r2", "r3", "r4", "r5"] {
        let rule = set.rule(name).unwrap();
        same(&rule, &pop, &Context::default(), date());
        let batch: BatchResult = rule.evaluate_batch(&pop, &Context::default(), date());
        let cols = rule.evaluate_columnar(&pop, &Context::default(), date());
        let ids: Vec<&str> = cols
            .eligible_rows()
            .into_iter()
            .map(|r| pop.id(r).unwrap())
            .collect();
        assert_eq!(batch.eligible_ids(), ids, "{name}");
        assert_eq!(batch.counts(), cols.counts(), "{name}");
        assert!(cols.counts().eligible > 0, "{name}");
    }
}

#[test]
fn decide_row_explains_a_batch_row() {
    let pop = synth::generate(500, 3, date());
    let rule = reference().rule("r3").unwrap();
    let cols = rule.evaluate_columnar(&pop, &Context::default(), date());
    let row = cols.eligible_rows()[0];
    let d = rule
        .decide_row(&pop, row, &Context::default(), date())
        .unwrap();
    assert_eq!(d.outcome(), Outcome::Eligible);
    assert_eq!(d.reasons()[0].clause, cols.reason(row).unwrap());
    assert!(rule
        .decide_row(&pop, 500, &Context::default(), date())
        .is_none());
}

#[test]
fn thread_counts_give_identical_results() {
    let pop = synth::generate(50_000, 5, date());
    let set = reference();
    for name in ["r1", "r3", "r5"] {
        let rule = set.rule(name).unwrap();
        let plan = rule.plan_batch(&pop, &Context::default(), date());
        let one = plan.clone().with_threads(1).evaluate(&pop);
        let two = plan.clone().with_threads(2).evaluate(&pop);
        let all = plan.with_threads(0).evaluate(&pop);
        assert_eq!(one, two, "{name}");
        assert_eq!(one, all, "{name}");
    }
}

#[test]
fn empty_population() {
    let pop = PopulationBuilder::new(date()).finish();
    let rule = Rule::parse("age > 3").unwrap();
    let r = rule.evaluate_columnar(&pop, &Context::default(), date());
    assert!(r.is_empty());
    assert_eq!(r.counts().eligible, 0);
}
