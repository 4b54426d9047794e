//! Property tests of counterfactual dates against `Rule::evaluate` on sampled days.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use berdaya::rules::{
    ContextTimeline, Counterfactual, DateSpan, Facts, InForce, Outcome, Rule, HORIZON_YEARS,
};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;

fn clause() -> impl Strategy<Value = String> {
    prop_oneof![
        (
            0i64..80,
            prop::sample::select(vec!["=", "!=", "<", "<=", ">", ">="])
        )
            .prop_map(|(n, op)| format!("age {op} {n}")),
        (0i64..60, 0i64..30).prop_map(|(a, d)| format!("age between {a} and {}", a + d)),
        prop::collection::vec(0i64..70, 1..4).prop_map(|v| format!(
            "age in [{}]",
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )),
        (
            -50i64..800,
            prop::sample::select(vec!["<", "<=", ">", ">=", "=", "!="])
        )
            .prop_map(|(n, op)| format!("days_in_care {op} {n}")),
        (0i64..400).prop_map(|n| format!("days_since_discharge <= {n}")),
        (0i64..400).prop_map(|n| format!("days_since_discharge > {n}")),
        (
            0i64..40,
            prop::sample::select(vec!["<", "<=", ">", ">=", "="]),
            prop::sample::select(vec!["years", "months", "days", "weeks"])
        )
            .prop_map(|(n, op, u)| format!("birth_date {op} as_of - {n} {u}")),
        (0i64..400).prop_map(|n| format!("residence_since <= as_of - {n} days")),
        (0i64..30).prop_map(|n| format!(
            "residence_since between as_of - {} months and as_of - {n} months",
            n + 6
        )),
        Just("agreement_in_force".to_owned()),
        Just("known(birth_date)".to_owned()),
        Just("dtks_decile <= 4".to_owned()),
        (0i64..90).prop_map(|n| format!("default(age, 20) >= {n}")),
        Just("care_status = resident".to_owned()),
        Just("true".to_owned()),
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

fn date(lo: i32, hi: i32) -> impl Strategy<Value = NaiveDate> {
    (lo..hi).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap())
}

const BASE: i32 = 737_000; // around 2018

fn person() -> impl Strategy<Value = Facts> {
    (
        prop::option::of(prop_oneof![
            date(BASE - 30_000, BASE + 1_200),
            // 29 February birthdays
            prop::sample::select(vec![1996, 2000, 2004, 1980, 2008])
                .prop_map(|y| NaiveDate::from_ymd_opt(y, 2, 29).unwrap()),
        ]),
        prop::option::of(date(BASE - 1_000, BASE + 1_000)),
        prop::option::of(date(BASE - 1_000, BASE + 1_000)),
        prop::option::of(1i64..11),
    )
        .prop_map(|(b, r, dis, dtks)| Facts {
            birth_date: b,
            residence_since: r,
            discharged_on: dis,
            dtks_decile: dtks,
            ..Facts::default()
        })
}

fn timeline() -> impl Strategy<Value = ContextTimeline> {
    prop_oneof![
        Just(ContextTimeline::default()),
        any::<bool>().prop_map(|b| ContextTimeline {
            agreement_in_force: InForce::Always(Some(b)),
            ..ContextTimeline::default()
        }),
        prop::collection::vec((BASE - 500..BASE + 3_000, 1i32..800), 0..3).prop_map(|v| {
            ContextTimeline {
                agreement_in_force: InForce::During(
                    v.into_iter()
                        .map(|(f, len)| DateSpan {
                            from: NaiveDate::from_num_days_from_ce_opt(f),
                            until: NaiveDate::from_num_days_from_ce_opt(f + len),
                        })
                        .collect(),
                ),
                ..ContextTimeline::default()
            }
        }),
    ]
}

fn outcome(rule: &Rule, f: &Facts, t: &ContextTimeline, d: NaiveDate) -> Outcome {
    rule.evaluate(f, &t.on(d), d).outcome()
}

/// Sampled days in `[from, until)`: every day of the first two years, then every 7th, plus
/// the days around every birthday and anniversary of the facts' dates.
fn samples(from: NaiveDate, until: NaiveDate, f: &Facts) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut d = from;
    let mut i = 0u64;
    while d < until {
        out.push(d);
        i += 1;
        d = from
            .checked_add_days(Days::new(if i < 730 { i } else { 730 + (i - 730) * 7 }))
            .unwrap_or(NaiveDate::MAX);
    }
    for base in [f.birth_date, f.residence_since, f.discharged_on]
        .into_iter()
        .flatten()
    {
        for y in 0..100u32 {
            if let Some(a) = base.checked_add_months(chrono::Months::new(12 * y)) {
                for k in 0..3 {
                    for x in [
                        a.checked_sub_days(Days::new(k)),
                        a.checked_add_days(Days::new(k)),
                    ] {
                        if let Some(x) = x.filter(|x| *x >= from && *x < until) {
                            out.push(x);
                        }
                    }
                }
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn counterfactual_agrees_with_evaluate(
        src in expr(),
        f in person(),
        t in timeline(),
        as_of in date(BASE - 200, BASE + 1_500),
    ) {
        let rule = Rule::parse(&src).unwrap();
        let cf = rule.eligible_from(&f, &t, as_of);
        match &cf {
            Counterfactual::EligibleNow => {
                prop_assert_eq!(outcome(&rule, &f, &t, as_of), Outcome::Eligible);
            }
            Counterfactual::EligibleFrom { date } => {
                prop_assert!(*date > as_of);
                prop_assert_eq!(outcome(&rule, &f, &t, *date), Outcome::Eligible, "{}", src);
                for d in samples(as_of, *date, &f) {
                    prop_assert_ne!(outcome(&rule, &f, &t, d), Outcome::Eligible, "{} on {}", src, d);
                }
            }
            Counterfactual::Never | Counterfactual::Unknown { .. } => {
                let end = as_of
                    .checked_add_months(chrono::Months::new(HORIZON_YEARS * 12))
                    .unwrap();
                let mut undetermined = false;
                for d in samples(as_of, end, &f) {
                    let o = outcome(&rule, &f, &t, d);
                    prop_assert_ne!(o, Outcome::Eligible, "{} on {}", src, d);
                    undetermined |= o == Outcome::Undetermined;
                }
                if matches!(cf, Counterfactual::Never) {
                    prop_assert!(!undetermined, "{}: never but undetermined somewhere", src);
                }
            }
        }
    }

    #[test]
    fn settling_facts_are_the_missing_ones(
        src in expr(),
        f in person(),
        as_of in date(BASE - 200, BASE + 1_500),
    ) {
        let rule = Rule::parse(&src).unwrap();
        let ctx = berdaya::rules::Context::default();
        let d = rule.evaluate(&f, &ctx, as_of);
        let s = rule.settling_facts(&f, &ctx, as_of);
        let names: Vec<&str> = s.iter().map(|x| x.fact.as_str()).collect();
        prop_assert_eq!(names, d.missing());
        if d.missing().len() == 1 {
            // the only unknown fact: some value of it decides, one way or the other
            prop_assert!(s[0].could_make_eligible || s[0].could_make_ineligible);
        }
    }
}

#[test]
fn leap_day_birthdays_follow_age() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let rule = Rule::parse("age >= 17").unwrap();
    let leap = Facts {
        birth_date: Some(d(2004, 2, 29)),
        ..Facts::default()
    };
    let t = ContextTimeline::default();
    // 2021 is a common year: 17 on 1 March
    assert_eq!(
        rule.eligible_from(&leap, &t, d(2020, 1, 1)),
        Counterfactual::EligibleFrom {
            date: d(2021, 3, 1)
        }
    );
    let leap2 = Facts {
        birth_date: Some(d(2003, 2, 28)),
        ..Facts::default()
    };
    assert_eq!(
        rule.eligible_from(&leap2, &t, d(2020, 1, 1)),
        Counterfactual::EligibleFrom {
            date: d(2020, 2, 28)
        }
    );
    // born 29 Feb 2000, 20 in 2020 (a leap year): on 29 February itself
    let r20 = Rule::parse("age >= 20").unwrap();
    let b = Facts {
        birth_date: Some(d(2000, 2, 29)),
        ..Facts::default()
    };
    assert_eq!(
        r20.eligible_from(&b, &t, d(2019, 6, 1)),
        Counterfactual::EligibleFrom {
            date: d(2020, 2, 29)
        }
    );
    assert_eq!(
        Rule::parse("age < 17")
            .unwrap()
            .eligible_from(&leap, &t, d(2022, 1, 1)),
        Counterfactual::Never
    );
    assert_eq!(
        Rule::parse("age < 17 and dtks_decile <= 4")
            .unwrap()
            .eligible_from(&leap, &t, d(2019, 1, 1)),
        Counterfactual::Unknown {
            missing: vec!["dtks_decile".into()]
        }
    );
}

#[test]
fn agreement_timelines_match_in_force_on() {
    let reg = berdaya::scenario::east_java_2020().unwrap();
    let mut spans = 0;
    for a in reg.agreements() {
        let t = ContextTimeline::in_registry(&reg, a.id()).unwrap();
        if let InForce::During(s) = &t.agreement_in_force {
            spans += s.len();
        }
        let mut d = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
        while d < NaiveDate::from_ymd_opt(2027, 1, 1).unwrap() {
            assert_eq!(
                t.on(d).agreement_in_force,
                Some(a.in_force_on(d)),
                "{} on {d}",
                a.id()
            );
            d = d.succ_opt().unwrap();
        }
    }
    assert!(spans >= 3, "{spans}");
}

fn lifecycle_day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Days::new(n)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever the history (signature, suspensions, resumption, termination, extension,
    /// period amendments), the timeline's spans agree with `in_force_on` on every day.
    #[test]
    fn agreement_timeline_agrees_with_lifecycle(
        from in 0u64..200,
        len in 0u64..900,
        ops in prop::collection::vec((0u64..90, 0u8..8, 0u64..1200), 0..20),
    ) {
        use berdaya::agreement::{Addendum, Agreement, AgreementData, Change};
        use berdaya::ids::AgreementId;
        use berdaya::period::Period;
        let data: AgreementData = serde_json::from_value(serde_json::json!({
            "id": "pks-prop", "kind": "pks", "title": "PKS TENTANG UJI",
            "parties": [
                {"party": {"agency": "dinsos-jatim"}, "signatory": {"name": "A", "position": "Kepala Dinas"}},
                {"party": {"partner": "mitra"}, "signatory": {"name": "B", "position": "Direktur"}}],
            "period": {"from": lifecycle_day(from), "until": lifecycle_day(from + len)}
        }))
        .unwrap();
        let mut a = Agreement::new(data).unwrap();
        let mut at = 0u64;
        for (n, (step, op, until)) in ops.into_iter().enumerate() {
            at += step;
            let on = lifecycle_day(at);
            let _ = match op {
                0 => a.negotiate(on),
                1 => a.approve(on),
                2 => a.sign(on),
                3 => a.suspend(on, "x"),
                4 => a.resume(on),
                5 => a.terminate(on, "x"),
                6 => a.extend(on, AgreementId::new("pks-next").unwrap()),
                _ => match Period::new(a.period_on(on).from(), lifecycle_day(until)) {
                    Ok(period) => a.amend(on, Addendum {
                        number: format!("ADD/{n}"),
                        changes: vec![Change::SetPeriod { period }],
                    }),
                    Err(_) => continue,
                },
            };
        }
        let t = ContextTimeline::for_agreement(&a, None);
        for n in 0..2_400 {
            let d = lifecycle_day(n);
            prop_assert_eq!(t.on(d).agreement_in_force, Some(a.in_force_on(d)), "day {}", d);
        }
    }
}
