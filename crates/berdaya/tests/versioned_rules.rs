//! Versioned rule sets: selection by date, pinning, diagnostics, text and JSON forms.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use berdaya::rules::{
    Context, ContextTimeline, Counterfactual, Facts, Outcome, Rule, VersionedRuleSet,
};
use berdaya::Coded;
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const SRC: &str = "# program rules\n\
rule usia = age >= 17\n\
rule vokasi @2020 from 2020-01-01 until 2021-01-01 = usia and age <= 35\n\
rule vokasi @2021 from 2021-01-01 until 2022-01-01 \"Vokasi 2021\" = usia and age <= 40\n\
rule vokasi @2023 from 2023-01-01 = usia and age <= 45\n";

fn codes(src: &str) -> Vec<(String, usize, usize)> {
    berdaya::rules::VersionedRuleSet::parse(src)
        .err()
        .map(|e| e.diagnostics().to_vec())
        .unwrap_or_else(|| VersionedRuleSet::parse(src).unwrap().warnings().to_vec())
        .into_iter()
        .map(|d| (d.code, d.span.line, d.span.column))
        .collect()
}

#[test]
fn selects_the_version_in_force() {
    let set = VersionedRuleSet::parse(SRC).unwrap();
    assert_eq!(set.names(), vec!["usia", "vokasi"]);
    let p = Facts {
        birth_date: Some(d(1983, 5, 1)),
        ..Facts::default()
    };
    let ctx = Context::default();
    let at = |date| set.evaluate("vokasi", &p, &ctx, date);
    let v = at(d(2020, 12, 31)).unwrap();
    assert_eq!(v.version.as_ref().unwrap().label, "2020");
    assert_eq!(v.decision.outcome(), Outcome::Ineligible);
    let v = at(d(2021, 1, 1)).unwrap();
    assert_eq!(v.version.as_ref().unwrap().label, "2021");
    assert_eq!(v.decision.outcome(), Outcome::Eligible);
    let e = at(d(2022, 6, 1)).unwrap_err();
    assert_eq!(e.code(), "rule.version.none_in_force");
    assert_eq!(
        at(d(2019, 12, 31)).unwrap_err().code(),
        "rule.version.none_in_force"
    );
    assert_eq!(at(d(2030, 1, 1)).unwrap().version.unwrap().label, "2023");
    // pinned
    let v = set
        .evaluate("vokasi@2020", &p, &ctx, d(2030, 1, 1))
        .unwrap();
    assert_eq!(v.decision.outcome(), Outcome::Ineligible);
    assert_eq!(
        set.evaluate("vokasi@1999", &p, &ctx, d(2030, 1, 1))
            .unwrap_err()
            .code(),
        "rule.version.unknown_label"
    );
    assert_eq!(
        set.evaluate("nope", &p, &ctx, d(2030, 1, 1))
            .unwrap_err()
            .code(),
        "rule.version.unknown_rule"
    );
    assert_eq!(
        set.evaluate("a and b", &p, &ctx, d(2030, 1, 1))
            .unwrap_err()
            .code(),
        "rule.version.bad_reference"
    );
    // unversioned rule
    let v = set.evaluate("usia", &p, &ctx, d(2030, 1, 1)).unwrap();
    assert!(v.version.is_none());
    // the hash is the canonical text's
    let h = Rule::parse("rule usia = age >= 17\nrule vokasi \"Vokasi 2021\" = usia and age <= 40")
        .unwrap()
        .content_hash();
    assert_eq!(set.versions("vokasi")[1].content_hash, h);
    assert_eq!(set.gaps("vokasi").len(), 1);
    assert_eq!(set.gaps("vokasi")[0].from, Some(d(2022, 1, 1)));
}

#[test]
fn diagnostics_point_into_the_source() {
    assert_eq!(
        codes(SRC),
        vec![("rule.version.gap".into(), 5, 13)],
        "the gap is reported at the later version"
    );
    let overlap = "rule a @1 from 2020-01-01 until 2021-06-01 = age > 1\n\
                   rule a @2 from 2021-01-01 = age > 2\n";
    assert_eq!(codes(overlap), vec![("rule.version.overlap".into(), 2, 8)]);
    let open_then = "rule a @1 from 2020-01-01 = age > 1\nrule a @2 from 2021-01-01 = age > 2\n";
    assert_eq!(
        codes(open_then),
        vec![("rule.version.overlap".into(), 2, 8)]
    );
    let mixed = "rule a @1 from 2020-01-01 = age > 1\nrule a = age > 2\n";
    assert_eq!(codes(mixed), vec![("rule.version.mixed".into(), 2, 6)]);
    let dup = "rule a @1 from 2020-01-01 until 2020-02-01 = age > 1\nrule a @1 from 2020-02-01 = age > 2\n";
    assert_eq!(
        codes(dup),
        vec![("rule.version.duplicate_label".into(), 2, 8)]
    );
    let empty = "rule a @1 from 2020-01-01 until 2020-01-01 = age > 1\n";
    assert_eq!(
        codes(empty),
        vec![("rule.version.empty_period".into(), 1, 8)]
    );
    let bad = "rule a @1 form 2020-01-01 = age > 1\n";
    assert_eq!(codes(bad), vec![("rule.version.bad_header".into(), 1, 11)]);
    let bad_date = "rule a @1 from 2021-02-29 = age > 1\n";
    assert_eq!(
        codes(bad_date),
        vec![("rule.version.bad_header".into(), 1, 16)]
    );
    let uses = "rule a @1 from 2020-01-01 = age > 1\nrule b = a and age < 9\n";
    assert_eq!(
        codes(uses),
        vec![("rule.version.versioned_reference".into(), 2, 10)]
    );
    let typo = "rule a @1 from 2020-01-01 = umur > 1\n";
    assert_eq!(
        codes(typo),
        vec![("rule.check.unknown_field".into(), 1, 29)]
    );
    // the annotation may not hide in a comment or a string
    let plain = "# rule a @1 from 2020-01-01\nrule a \"@1 from\" = age > 1\n";
    assert_eq!(codes(plain), vec![]);
}

#[test]
fn text_and_json_round_trip() {
    let set = VersionedRuleSet::parse(SRC).unwrap();
    let text = set.to_text();
    assert!(text.contains("rule vokasi @2021 from 2021-01-01 until 2022-01-01 \"Vokasi 2021\" = usia and age <= 40"), "{text}");
    let again = VersionedRuleSet::parse(&text).unwrap();
    assert_eq!(again.to_text(), text);
    let json = set.to_json();
    let from_json = VersionedRuleSet::from_json(&json).unwrap();
    assert_eq!(from_json.to_text(), text);
    assert_eq!(from_json.versions("vokasi"), set.versions("vokasi"));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["rules"][1]["version"]["label"], "2020");
    assert_eq!(v["rules"][3]["version"]["until"], serde_json::Value::Null);
    // plain sources stay valid
    let plain = VersionedRuleSet::parse("rule r1 = age between 18 and 45").unwrap();
    assert!(plain.versions("r1").is_empty());
    assert_eq!(
        VersionedRuleSet::from_json("{").unwrap_err().diagnostics()[0].code,
        "rule.json.syntax"
    );
}

#[test]
fn counterfactual_follows_versions() {
    let set = VersionedRuleSet::parse(SRC).unwrap();
    let t = ContextTimeline::default();
    // 37 in 2020: too old for @2020 (<= 35), eligible under @2021 (<= 40) from 2021-01-01
    let p = Facts {
        birth_date: Some(d(1983, 5, 1)),
        ..Facts::default()
    };
    let cf = set.eligible_from("vokasi", &p, &t, d(2020, 6, 1)).unwrap();
    assert_eq!(
        cf.counterfactual,
        Counterfactual::EligibleFrom {
            date: d(2021, 1, 1)
        }
    );
    assert_eq!(cf.version.unwrap().label, "2021");
    // pinned to @2020 it never is
    let cf = set
        .eligible_from("vokasi@2020", &p, &t, d(2020, 6, 1))
        .unwrap();
    assert_eq!(cf.counterfactual, Counterfactual::Never);
    // 16 until 2022-03-10: turns 17 in the gap, so the first eligible day is when @2023 starts
    let young = Facts {
        birth_date: Some(d(2005, 3, 10)),
        ..Facts::default()
    };
    let cf = set
        .eligible_from("vokasi", &young, &t, d(2021, 6, 1))
        .unwrap();
    assert_eq!(
        cf.counterfactual,
        Counterfactual::EligibleFrom {
            date: d(2023, 1, 1)
        }
    );
    // 41 in 2021 and 43 in 2023: never under 2021, eligible when 2023 starts
    let older = Facts {
        birth_date: Some(d(1980, 1, 1)),
        ..Facts::default()
    };
    let cf = set
        .eligible_from("vokasi", &older, &t, d(2021, 6, 1))
        .unwrap();
    assert_eq!(
        cf.counterfactual,
        Counterfactual::EligibleFrom {
            date: d(2023, 1, 1)
        }
    );
    // 50: never
    let old = Facts {
        birth_date: Some(d(1970, 1, 1)),
        ..Facts::default()
    };
    let cf = set
        .eligible_from("vokasi", &old, &t, d(2021, 6, 1))
        .unwrap();
    assert_eq!(cf.counterfactual, Counterfactual::Never);
    assert!(cf.version.is_none());
    // unknown birth date
    let cf = set
        .eligible_from("vokasi", &Facts::default(), &t, d(2021, 6, 1))
        .unwrap();
    assert_eq!(
        cf.counterfactual,
        Counterfactual::Unknown {
            missing: vec!["birth_date".into()]
        }
    );
}

#[test]
fn many_versions_stay_bounded() {
    use berdaya::rules::MAX_VERSIONS;
    // a large shared part and the most versions allowed: linear work per version
    let shared: String = (0..20)
        .map(|i| format!("rule s{i} = age > {i} and disabilities is not empty\n"))
        .collect();
    let versions = |n: usize| -> String {
        (0..n)
            .map(|i| {
                let from = d(1900, 1, 1) + chrono::Days::new(i as u64 * 10);
                let until = from + chrono::Days::new(10);
                format!("rule v @{i} from {from} until {until} = s1 and age < {i}\n")
            })
            .collect()
    };
    let t = std::time::Instant::now();
    let set = VersionedRuleSet::parse(&format!("{shared}{}", versions(MAX_VERSIONS))).unwrap();
    assert_eq!(set.versions("v").len(), MAX_VERSIONS);
    eprintln!("{MAX_VERSIONS} versions: {:?}", t.elapsed());
    let e = VersionedRuleSet::parse(&versions(MAX_VERSIONS + 1)).unwrap_err();
    assert_eq!(e.diagnostics()[0].code, "rule.limit.too_large");
}
