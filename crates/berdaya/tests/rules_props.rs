//! Property tests of the rule language: round trips, Kleene laws, robustness.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use berdaya::disability::{DisabilitySet, ALL_DISABILITIES};
use berdaya::education::ALL_EDUCATION;
use berdaya::rules::{check, Context, Facts, Outcome, Rule};
use berdaya::vocab::{ALL_CARE_STATUSES, ALL_EMPLOYMENT_STATUSES};
use chrono::NaiveDate;
use proptest::prelude::*;

fn clause() -> impl Strategy<Value = String> {
    let edu = prop::sample::select(vec![
        "none", "sd", "smp", "sltp", "sma", "diploma", "s1", "master",
    ]);
    let dis = prop::sample::select(vec![
        "physical",
        "fisik",
        "rungu",
        "sensory_speech",
        "mental",
        "intellectual",
        "sensorik",
        "netra",
    ]);
    let care = prop::sample::select(vec!["resident", "alumnus", "eks", "none", "applicant"]);
    let quant = prop::sample::select(vec!["any of", "all of", "none of"]);
    prop_oneof![
        (
            0i64..90,
            prop::sample::select(vec!["=", "!=", "<", "<=", ">", ">="])
        )
            .prop_map(|(n, op)| format!("age {op} {n}")),
        (0i64..60, 0i64..40).prop_map(|(a, d)| format!("age between {a} and {}", a + d)),
        (1i64..11).prop_map(|n| format!("dtks_decile <= {n}")),
        (1i64..11).prop_map(|n| format!("default(dtks_decile, 10) > {n}")),
        (edu.clone(), prop::sample::select(vec![">=", "<", "="]))
            .prop_map(|(e, op)| format!("education {op} {e}")),
        care.prop_map(|c| format!("care_status = {c}")),
        (quant, prop::collection::vec(dis.clone(), 1..4))
            .prop_map(|(q, v)| format!("disabilities has {q} [{}]", v.join(", "))),
        dis.prop_map(|d| format!("disabilities has {d}")),
        prop::sample::select(vec!["batik", "sewing", "handicraft"])
            .prop_map(|s| format!("skills has {s}")),
        Just("known(dtks_decile)".to_owned()),
        Just("known(birth_date)".to_owned()),
        Just("nik_province = \"35\"".to_owned()),
        Just("domicile_regency = \"35.20\"".to_owned()),
        (0i64..400).prop_map(|n| format!("residence_since <= as_of - {n} days")),
        (0i64..400).prop_map(|n| format!("days_in_care >= {n}")),
        Just("employment in [unemployed, wirausaha]".to_owned()),
        Just("disabilities is empty".to_owned()),
        Just("skills is not empty".to_owned()),
        Just("agreement_in_force".to_owned()),
        Just("true".to_owned()),
        Just("false".to_owned()),
    ]
}

fn expr() -> impl Strategy<Value = String> {
    clause().prop_recursive(5, 24, 3, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) and ({b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a}) or ({b})")),
            inner.prop_map(|a| format!("not ({a})")),
        ]
    })
}

fn facts() -> impl Strategy<Value = (Facts, Context)> {
    let date =
        |lo: i32, hi: i32| (lo..hi).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap());
    let base = 737_000; // around 2018
    (
        (
            prop::option::of(date(base - 30_000, base + 1_200)),
            prop::option::of(prop::collection::vec(
                prop::sample::select(ALL_DISABILITIES.to_vec()),
                0..3,
            )),
            prop::option::of(prop::sample::select(ALL_CARE_STATUSES.to_vec())),
            prop::option::of(date(base - 1_000, base + 1_200)),
            prop::option::of(prop::sample::select(ALL_EDUCATION.to_vec())),
            prop::option::of(1i64..11),
        ),
        (
            prop::option::of(prop::sample::select(ALL_EMPLOYMENT_STATUSES.to_vec())),
            prop::option::of(prop::collection::vec(
                prop::sample::select(vec![
                    "batik".to_owned(),
                    "sewing".to_owned(),
                    "handicraft".to_owned(),
                ]),
                0..3,
            )),
            prop::option::of(prop::sample::select(vec![
                "3520125708950001",
                "3171015708950002",
                "123",
            ])),
            prop::option::of(prop::sample::select(vec!["3520", "35.20", "3171"])),
            prop::option::of(any::<bool>()),
        ),
    )
        .prop_map(
            |((birth, dis, care, since, edu, decile), (emp, skills, nik, regency, in_force))| {
                (
                    Facts {
                        birth_date: birth,
                        disabilities: dis.map(|v| v.into_iter().collect::<DisabilitySet>()),
                        care_status: care,
                        residence_since: since,
                        education: edu,
                        dtks_decile: decile,
                        employment: emp,
                        skills,
                        nik: nik.map(str::to_owned),
                        regency: regency.map(str::to_owned),
                        ..Facts::default()
                    },
                    Context {
                        agreement_in_force: in_force,
                        partner_kind: None,
                    },
                )
            },
        )
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 9, 9).unwrap()
}

fn decide(src: &str, f: &(Facts, Context)) -> (Outcome, Vec<&'static str>) {
    let r = Rule::parse(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    let d = r.evaluate(&f.0, &f.1, as_of());
    (d.outcome(), d.missing())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn print_parse_round_trip(src in expr()) {
        let r = Rule::parse(&src).unwrap();
        let text = r.to_text();
        let again = Rule::parse(&text).unwrap();
        prop_assert_eq!(again.to_text(), text.clone());
        prop_assert_eq!(again.content_hash(), r.content_hash());
    }

    #[test]
    fn text_json_text_round_trip(src in expr()) {
        let r = Rule::parse(&src).unwrap();
        let json = r.to_json();
        let back = Rule::from_json(&json).unwrap();
        prop_assert_eq!(back.to_text(), r.to_text());
        prop_assert_eq!(back.to_json(), json);
    }

    #[test]
    fn canonical_text_decides_the_same(src in expr(), f in facts()) {
        let r = Rule::parse(&src).unwrap();
        prop_assert_eq!(decide(&src, &f), decide(&r.to_text(), &f));
    }

    #[test]
    fn de_morgan(a in expr(), b in expr(), f in facts()) {
        prop_assert_eq!(
            decide(&format!("not (({a}) and ({b}))"), &f),
            decide(&format!("(not ({a})) or (not ({b}))"), &f)
        );
        prop_assert_eq!(
            decide(&format!("not (({a}) or ({b}))"), &f),
            decide(&format!("(not ({a})) and (not ({b}))"), &f)
        );
    }

    #[test]
    fn double_negation(a in expr(), f in facts()) {
        prop_assert_eq!(decide(&format!("not not ({a})"), &f), decide(&a, &f));
    }

    #[test]
    fn absorption(a in expr(), b in expr(), f in facts()) {
        let base = decide(&a, &f).0;
        prop_assert_eq!(decide(&format!("({a}) or (({a}) and ({b}))"), &f).0, base);
        prop_assert_eq!(decide(&format!("({a}) and (({a}) or ({b}))"), &f).0, base);
    }

    #[test]
    fn missing_only_when_undetermined(a in expr(), f in facts()) {
        let (o, m) = decide(&a, &f);
        prop_assert_eq!(o == Outcome::Undetermined, !m.is_empty() || o == Outcome::Undetermined);
        if o != Outcome::Undetermined {
            prop_assert!(m.is_empty());
        }
    }

    #[test]
    fn learning_a_missing_fact_never_contradicts(a in expr(), f in facts()) {
        // Kleene monotonicity: a decided outcome stays decided when more facts are known
        // (`known` and `default` look at knowledge itself, so they are exempt)
        prop_assume!(!a.contains("known") && !a.contains("default"));
        let (o, _) = decide(&a, &f);
        let mut more = f.clone();
        if more.0.birth_date.is_none() { more.0.birth_date = NaiveDate::from_ymd_opt(1990, 1, 1); }
        if more.0.dtks_decile.is_none() { more.0.dtks_decile = Some(3); }
        if more.0.skills.is_none() { more.0.skills = Some(vec![]); }
        if o != Outcome::Undetermined {
            prop_assert_eq!(decide(&a, &more).0, o);
        }
    }

    #[test]
    fn random_text_never_panics(src in "\\PC{0,80}") {
        let diags = check(&src);
        match Rule::parse(&src) {
            Ok(_) => prop_assert!(diags.iter().all(|d| !d.is_error())),
            Err(e) => prop_assert!(e.diagnostics().iter().any(|d| d.is_error())),
        }
        let _ = Rule::from_json(&src);
    }

    #[test]
    fn token_soup_never_panics(words in prop::collection::vec(prop::sample::select(vec![
        "age", "and", "or", "not", "(", ")", "[", "]", ",", "=", "<=", ">", "between", "in", "has",
        "any", "of", "all", "none", "is", "empty", "known", "default", "rule", "r1", "\"35\"", "18",
        "-", "+", "as_of", "days", "2020-02-29", "skills", "disabilities", "rungu", "education",
        "smp", "true", "false", "\n", "#", "nik_province", "\"", "é", "𝟘",
    ]), 0..40)) {
        let src = words.join(" ");
        let diags = check(&src);
        for d in &diags {
            prop_assert!(d.span.start <= d.span.end && d.span.end <= src.len());
            prop_assert!(src.is_char_boundary(d.span.start));
        }
        if let Ok(r) = Rule::parse(&src) {
            let _ = r.evaluate(&Facts::default(), &Context::default(), as_of());
            prop_assert_eq!(Rule::parse(&r.to_text()).unwrap().to_text(), r.to_text());
        }
    }
}
