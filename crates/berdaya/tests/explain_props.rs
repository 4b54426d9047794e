//! Property tests of explanations: their structure follows the decision, every sentence is a
//! sentence, and no NIK or name ever appears in the text.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use berdaya::disability::{DisabilitySet, ALL_DISABILITIES};
use berdaya::education::ALL_EDUCATION;
use berdaya::rules::{Context, Facts, Form, Lang, Outcome, Rule, SentenceKind};
use berdaya::vocab::{ALL_CARE_STATUSES, ALL_EMPLOYMENT_STATUSES};
use chrono::NaiveDate;
use proptest::prelude::*;

const NIK: &str = "3520125708950001";
const NAME: &str = "Siti Aminah";

fn clause() -> impl Strategy<Value = String> {
    let op = || prop::sample::select(vec!["=", "!=", "<", "<=", ">", ">="]);
    let dis = prop::sample::select(vec![
        "fisik",
        "rungu",
        "wicara",
        "mental",
        "intelektual",
        "sensorik",
        "netra",
        "laras",
    ]);
    let edu = prop::sample::select(vec!["none", "sd", "smp", "sma", "diploma", "s1"]);
    prop_oneof![
        (0i64..90, op()).prop_map(|(n, op)| format!("age {op} {n}")),
        (0i64..60, 0i64..40).prop_map(|(a, d)| format!("age between {a} and {}", a + d)),
        (1i64..11, op()).prop_map(|(n, op)| format!("dtks_decile {op} {n}")),
        (edu, op()).prop_map(|(e, op)| format!("education {op} {e}")),
        (0i64..3000, op()).prop_map(|(n, op)| format!("days_in_care {op} {n}")),
        (0i64..3000, op()).prop_map(|(n, op)| format!("birth_date {op} as_of - {n} weeks")),
        (
            prop::sample::select(vec!["any of", "all of", "none of"]),
            prop::collection::vec(dis.clone(), 1..4)
        )
            .prop_map(|(q, v)| format!("disabilities has {q} [{}]", v.join(", "))),
        dis.prop_map(|d| format!("disabilities has {d}")),
        prop::sample::select(vec!["any of", "all of", "none of"])
            .prop_map(|q| format!("skills has {q} [batik, sewing]")),
        prop::sample::select(vec![
            "care_status = eks",
            "care_status in [resident, applicant]",
            "care_status not in [none]",
            "employment in [unemployed, wirausaha]",
            "multiplicity >= ganda",
            "disability_count > 1",
            "known(dtks_decile)",
            "known(nik_regency)",
            "nik_province = \"35\"",
            "nik_regency in [\"3520\", \"3578\"]",
            "domicile_regency = \"35.20\"",
            "domicile_province != \"35\"",
            "disabilities is empty",
            "skills is not empty",
            "agreement_in_force",
            "partner_kind = rsud",
            "sex = P",
            "true",
            "false",
        ])
        .prop_map(str::to_owned),
    ]
}

fn expr() -> impl Strategy<Value = String> {
    clause().prop_recursive(4, 16, 3, |inner| {
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
            prop::option::of(date(base - 3_000, base + 1_200)),
            prop::option::of(prop::sample::select(ALL_EDUCATION.to_vec())),
            prop::option::of(1i64..11),
        ),
        (
            prop::option::of(prop::sample::select(ALL_EMPLOYMENT_STATUSES.to_vec())),
            prop::option::of(prop::collection::vec(
                prop::sample::select(vec!["batik".to_owned(), "sewing".to_owned()]),
                0..3,
            )),
            any::<bool>(),
            prop::option::of(prop::sample::select(vec!["3520", "3171"])),
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
                        nik: nik.then(|| NIK.to_owned()),
                        name: Some(NAME.to_owned()),
                        regency: regency.map(str::to_owned),
                        ..Facts::default()
                    },
                    Context {
                        agreement_in_force: in_force,
                        partner_kind: Some("hospital".to_owned()),
                    },
                )
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn explanations_follow_the_decision(src in expr(), f in facts()) {
        let rule = Rule::parse(&src).unwrap_or_else(|e| panic!("{src}: {e}"));
        let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
        let d = rule.evaluate(&f.0, &f.1, as_of);
        let reasons = d.reasons();
        let missing = d.missing();
        for lang in [Lang::En, Lang::Id] {
            let short = d.explain(lang, Form::Short);
            prop_assert_eq!(short.sentences.len(), 1);
            prop_assert_eq!(short.sentences[0].kind, SentenceKind::Summary);
            prop_assert!(!short.text.contains('\n'));
            prop_assert_eq!(short.outcome, d.outcome());
            match reasons.first() {
                Some(r) => prop_assert_eq!(short.sentences[0].clause.as_deref(), Some(r.clause.as_str())),
                None if d.outcome() == Outcome::Undetermined => {
                    prop_assert_eq!(&short.sentences[0].facts, &missing);
                }
                None => prop_assert!(short.sentences[0].facts.is_empty()),
            }
            let full = d.explain(lang, Form::Full);
            let extra = if d.outcome() == Outcome::Undetermined { missing.len() } else { 0 };
            prop_assert_eq!(full.sentences.len(), 1 + reasons.len() + extra);
            prop_assert_eq!(full.sentences[0].kind, SentenceKind::Outcome);
            for (s, r) in full.sentences[1..].iter().zip(&reasons) {
                prop_assert_eq!(s.kind, SentenceKind::Reason);
                prop_assert_eq!(s.clause.as_deref(), Some(r.clause.as_str()));
                prop_assert_eq!(&s.facts, &vec![r.fact.clone()]);
            }
            for s in full.sentences.iter().chain(&short.sentences) {
                prop_assert!(s.text.ends_with('.'), "{}", s.text);
                prop_assert!(s.text.chars().next().is_some_and(char::is_uppercase), "{}", s.text);
                prop_assert!(!s.text.contains("{v}") && !s.text.contains("  "), "{}", s.text);
                prop_assert!(!s.text.contains(NIK) && !s.text.contains(NAME), "{}", s.text);
                // no wire spelling leaks into the Indonesian text
                if lang == Lang::Id {
                    for w in ["sensory_", "self_employed", "alumnus", "resident", " and ", " or "] {
                        prop_assert!(!s.text.contains(w), "{w} in {}", s.text);
                    }
                }
            }
            let debug = format!("{full:?}");
            prop_assert!(!debug.contains(NAME) && !debug.contains(full.sentences[0].text.as_str()));
        }
    }
}
