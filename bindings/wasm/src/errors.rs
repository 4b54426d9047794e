//! The one place where core errors become JavaScript exceptions.

use berdaya::{Coded, ErrorReport};
use chrono::NaiveDate;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsValue;

/// Re-exported so the generated `.d.ts` describes the fields of a thrown `BerdayaError`.
pub type BerdayaErrorReport = ErrorReport;

/// Builds the `Error` to throw for a core error: `name = "BerdayaError"`, `message`, and the
/// report's `code`, `field`, `span`, `help` as properties.
pub fn throw(err: &dyn Coded, input: Option<&str>) -> JsValue {
    from_report(&err.report(input))
}

/// Builds a `BerdayaError` from a report.
pub fn from_report(report: &ErrorReport) -> JsValue {
    let e = js_sys::Error::new(&report.message);
    e.set_name("BerdayaError");
    let obj: &JsValue = e.as_ref();
    let set = |k: &str, v: JsValue| {
        // Setting a property on a fresh Error object cannot fail; ignore the impossible case.
        let _ = js_sys::Reflect::set(obj, &JsValue::from_str(k), &v);
    };
    set("code", JsValue::from_str(&report.code));
    set(
        "field",
        report
            .field
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str),
    );
    set(
        "help",
        report
            .help
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str),
    );
    let span = match &report.span {
        Some(s) => {
            let o = js_sys::Object::new();
            for (k, v) in [
                ("start", s.start),
                ("end", s.end),
                ("line", s.line),
                ("column", s.column),
                ("utf16Start", s.utf16_start),
                ("utf16End", s.utf16_end),
            ] {
                let _ =
                    js_sys::Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_f64(v as f64));
            }
            o.into()
        }
        None => JsValue::NULL,
    };
    set("span", span);
    set("diagnostics", js_sys::Array::new().into());
    e.into()
}

/// A `BerdayaError` for a bad argument that never reached the core (wrong JS type).
pub fn bad_argument(name: &str, expected: &str) -> JsValue {
    from_report(&ErrorReport {
        code: "input.bad_argument".to_owned(),
        message: format!("`{name}` must be {expected}"),
        help: None,
        field: Some(name.to_owned()),
        span: None,
    })
}

/// Reads a date argument: an ISO `YYYY-MM-DD` string, or a JS `Date` read by its *local*
/// calendar date (so midnight in WIB is never the previous day).
pub fn date_arg(value: &JsValue, name: &str) -> Result<NaiveDate, JsValue> {
    use wasm_bindgen::JsCast;
    let bad = || bad_argument(name, "an ISO date string `YYYY-MM-DD` or a valid Date");
    if let Some(s) = value.as_string() {
        return NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .ok()
            .filter(|_| s.len() == 10)
            .ok_or_else(bad);
    }
    if let Some(d) = value.dyn_ref::<js_sys::Date>() {
        if d.get_time().is_nan() {
            return Err(bad());
        }
        return NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
            .ok_or_else(bad);
    }
    Err(bad())
}

/// Converts a serialisable value into a plain JS object.
pub fn to_js<T: tsify::Tsify + serde::Serialize>(value: &T) -> Result<tsify::Ts<T>, JsValue> {
    value.into_ts().map_err(|e| {
        from_report(&ErrorReport {
            code: "internal.conversion".to_owned(),
            message: format!("cannot convert value: {e}"),
            help: None,
            field: None,
            span: None,
        })
    })
}

#[wasm_bindgen(typescript_custom_section)]
const TS_ERROR: &'static str = r#"
/** What every error thrown by berdaya carries, besides `message`. */
export interface BerdayaError extends Error {
    name: "BerdayaError";
    /** Stable machine code, e.g. `nik.bad_birth_day`. */
    code: string;
    /** The field or part of the input concerned. */
    field: string | null;
    /** Where in the input; offsets in UTF-8 bytes and UTF-16 units, 1-based line and column. */
    span: { start: number; end: number; line: number; column: number; utf16Start: number; utf16End: number } | null;
    /** Longer help, if any. */
    help: string | null;
    /** Every diagnostic of a rule that does not compile, or every issue of a rejected import; else empty. */
    diagnostics: Diagnostic[] | ImportIssue[];
}
"#;
