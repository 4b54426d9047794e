//! The binding in a real browser (headless Chromium through chromedriver), with
//! wasm-bindgen-test: the JS values a page passes (plain objects, `Date`s in the browser's
//! time zone, CSV text) and what it gets back (decisions, `BerdayaError`s, typed-array
//! columns). The npm package's JS-level tests run in Node (`tests/*.test.mjs`) and in
//! Chromium (`tests/browser/run.mjs`); these check the Rust side of the same exports.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p berdaya-wasm --target
//! wasm32-unknown-unknown --test web` (the runner is set in `.cargo/config.toml`).
//!
//! Expectations are from the domain: ages counted in whole years on the as-of date, Kleene
//! logic for unknown facts (BENCHMARK.md, docs/rules.md).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use berdaya_wasm::{check, Population, Rule};
use js_sys::{Date, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn obj(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

fn field(v: &JsValue, name: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(name)).unwrap()
}

#[wasm_bindgen_test]
fn decides_three_ways_with_missing_inputs() {
    let rule = Rule::new("age between 17 and 40").unwrap();
    // 20 on 2020-09-09 (born 2000-01-01); 50 (born 1970-01-01); birth date unknown
    let young = rule
        .evaluate(
            obj(r#"{"birth_date": "2000-01-01"}"#),
            "2020-09-09".into(),
            JsValue::UNDEFINED,
        )
        .unwrap();
    assert_eq!(young.outcome(), "eligible");
    let old = rule
        .evaluate(
            obj(r#"{"birth_date": "1970-01-01"}"#),
            "2020-09-09".into(),
            JsValue::UNDEFINED,
        )
        .unwrap();
    assert_eq!(old.outcome(), "ineligible");
    let unknown = rule
        .evaluate(obj("{}"), "2020-09-09".into(), JsValue::UNDEFINED)
        .unwrap();
    assert_eq!(unknown.outcome(), "undetermined");
    assert_eq!(unknown.missing(), vec!["birth_date".to_owned()]);
}

#[wasm_bindgen_test]
fn birthday_on_the_as_of_date_counts() {
    // 17 exactly on 2020-09-09
    let rule = Rule::new("age >= 17").unwrap();
    let d = rule
        .evaluate(
            obj(r#"{"birth_date": "2003-09-09"}"#),
            "2020-09-09".into(),
            JsValue::UNDEFINED,
        )
        .unwrap();
    assert_eq!(d.outcome(), "eligible");
    let d = rule
        .evaluate(
            obj(r#"{"birth_date": "2003-09-10"}"#),
            "2020-09-09".into(),
            JsValue::UNDEFINED,
        )
        .unwrap();
    assert_eq!(d.outcome(), "ineligible");
}

#[wasm_bindgen_test]
fn a_date_is_read_by_its_local_calendar_day() {
    // Local midnight of 9 September 2020 (months are 0-based in JS) is 2020-09-09 whatever
    // the browser's time zone; so is local 23:59 of that day.
    let rule = Rule::new("age >= 17").unwrap();
    let facts = r#"{"birth_date": "2003-09-09"}"#;
    let midnight = Date::new_with_year_month_day(2020, 8, 9);
    let late = Date::new_with_year_month_day_hr_min(2020, 8, 9, 23, 59);
    for when in [midnight, late] {
        let d = rule
            .evaluate(obj(facts), when.into(), JsValue::UNDEFINED)
            .unwrap();
        assert_eq!(d.outcome(), "eligible");
    }
    // and the day before is still 16
    let before = Date::new_with_year_month_day_hr_min(2020, 8, 8, 23, 59);
    let d = rule
        .evaluate(obj(facts), before.into(), JsValue::UNDEFINED)
        .unwrap();
    assert_eq!(d.outcome(), "ineligible");
}

#[wasm_bindgen_test]
fn a_bad_rule_throws_a_berdaya_error_and_the_module_keeps_working() {
    let err = Rule::new("agee >= 17").unwrap_err();
    let err: js_sys::Error = err.dyn_into().unwrap();
    assert_eq!(String::from(err.name()), "BerdayaError");
    assert_eq!(
        field(&err, "code").as_string().as_deref(),
        Some("rule.invalid")
    );
    let diags: js_sys::Array = field(&err, "diagnostics").dyn_into().unwrap();
    assert!(diags.length() >= 1);
    // a wrong-typed date argument is an error too, not a trap
    let rule = Rule::new("age >= 17").unwrap();
    assert!(rule
        .evaluate(obj("{}"), JsValue::from_f64(3.0), JsValue::UNDEFINED)
        .is_err());
    // check() reports without throwing; unknown fact `agee` at 1:1
    let diags: js_sys::Array = check("agee >= 17").unwrap().dyn_into().unwrap();
    let first = diags.get(0);
    assert_eq!(
        field(&first, "severity").as_string().as_deref(),
        Some("error")
    );
    // still working after the errors
    let d = rule
        .evaluate(
            obj(r#"{"birth_date": "1990-01-01"}"#),
            "2020-09-09".into(),
            JsValue::UNDEFINED,
        )
        .unwrap();
    assert_eq!(d.outcome(), "eligible");
}

#[wasm_bindgen_test]
fn a_csv_population_is_decided_in_columns() {
    // three people: eligible (30, East Java NIK), ineligible (10), undetermined (no birth date)
    let csv = "id,nik,birth_date\n\
               a,3520125708900001,1990-08-17\n\
               b,3520125708100001,2010-08-17\n\
               c,3520125708900002,\n";
    let pop = Population::from_csv(csv, "2020-09-09".into(), None, None).unwrap();
    assert_eq!(pop.length(), 3);
    let rule = Rule::new("age >= 17 and nik_province = \"35\"").unwrap();
    let cols = rule
        .evaluate_columns(
            &pop,
            "2020-09-09".into(),
            JsValue::UNDEFINED,
            Some("outcomes".into()),
        )
        .unwrap();
    let outcome: js_sys::Uint8Array = field(&cols, "outcome").dyn_into().unwrap();
    // indices into ["eligible", "ineligible", "undetermined"]
    assert_eq!(outcome.to_vec(), vec![0, 1, 2]);
    let counts = field(&cols, "counts");
    assert_eq!(field(&counts, "eligible").as_f64(), Some(1.0));
    assert_eq!(field(&counts, "ineligible").as_f64(), Some(1.0));
    assert_eq!(field(&counts, "undetermined").as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
fn a_bad_csv_cell_names_row_and_column() {
    let csv = "id,birth_date\na,1990-02-30\n";
    let err = Population::from_csv(csv, "2020-09-09".into(), None, None).unwrap_err();
    assert_eq!(
        field(&err, "code").as_string().as_deref(),
        Some("import.rejected")
    );
    let diags: js_sys::Array = field(&err, "diagnostics").dyn_into().unwrap();
    let first = diags.get(0);
    assert_eq!(field(&first, "row").as_f64(), Some(1.0));
    assert_eq!(
        field(&first, "column").as_string().as_deref(),
        Some("birth_date")
    );
    assert_eq!(
        field(&first, "code").as_string().as_deref(),
        Some("import.bad_date")
    );
}
