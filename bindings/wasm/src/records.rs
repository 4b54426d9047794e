//! `Population.fromRecords` and `Population.fromColumns`: plain objects (or arrays per column)
//! are converted to columns in JS (`js/columns.js`), which cross into wasm once per column and
//! go to the core's column import (`Population::from_columns`), where each distinct value is
//! parsed once.

use std::borrow::Cow;

use berdaya::population::{ColumnValue, ColumnsInput, Population as CorePopulation, Row};
use js_sys::{Array, Float64Array, Reflect, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::domain::from_js;
use crate::errors::from_report;
use crate::population::{import_error, options, Population};
use crate::rules::Rule;

#[wasm_bindgen(module = "/js/columns.js")]
extern "C" {
    #[wasm_bindgen(js_name = encodeRecords)]
    fn encode_records(records: &JsValue, only: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = encodeColumns)]
    fn encode_columns(columns: &JsValue) -> JsValue;
}

fn invalid(what: &str, message: &str) -> JsValue {
    from_report(&berdaya::ErrorReport {
        code: "input.invalid".to_owned(),
        message: format!("invalid {what}: {message}"),
        help: None,
        field: Some(what.to_owned()),
        span: None,
    })
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// What `js/columns.js` wrote: every string as UTF-8 in `text`, indices and ends in `u32`.
struct Encoded {
    text: String,
    u32: Vec<u32>,
}

impl Encoded {
    /// The `k` slots from `at`.
    fn slots(&self, at: usize, k: usize) -> &[u32] {
        self.u32.get(at..at.saturating_add(k)).unwrap_or(&[])
    }

    /// `count` strings that start at byte `start` and end at the byte ends in slot `ends`.
    fn strings(&self, start: usize, ends: usize, count: usize) -> Vec<Option<Cow<'_, str>>> {
        let mut from = start;
        self.slots(ends, count)
            .iter()
            .map(|&end| {
                let end = end as usize;
                let s = self.text.get(from..end).unwrap_or("");
                from = end.max(from);
                (!s.is_empty()).then_some(Cow::Borrowed(s))
            })
            .collect()
    }
}

fn num(obj: &JsValue, key: &str) -> usize {
    get(obj, key).as_f64().unwrap_or(0.0) as usize
}

/// Reads what `js/columns.js` produced and imports it.
fn import(
    encoded: JsValue,
    what: &str,
    reference_date: JsValue,
    on_error: Option<String>,
) -> Result<Population, JsValue> {
    let opts = options(&reference_date, on_error)?;
    if let Some(message) = get(&encoded, "invalid").as_string() {
        return Err(invalid(what, &message));
    }
    let n = num(&encoded, "length");
    let bytes = Uint8Array::from(get(&encoded, "bytes")).to_vec();
    // The writer writes UTF-8; lossy only if it did not.
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    let enc = Encoded {
        text,
        u32: Uint32Array::from(get(&encoded, "u32")).to_vec(),
    };
    let columns: Array = get(&encoded, "columns").into();
    let mut input = ColumnsInput::new(n);
    for c in columns.iter() {
        let name = get(&c, "name").as_string().unwrap_or_default();
        let start = num(&c, "start");
        input = match get(&c, "kind").as_string().as_deref() {
            Some("text") => input.text(&name, enc.strings(start, num(&c, "ends"), n)),
            Some("dict") => {
                let codes = enc.slots(num(&c, "codes"), n);
                let numbers = get(&c, "numbers");
                let values: Vec<ColumnValue<'_>> = if !numbers.is_undefined() {
                    Float64Array::from(numbers)
                        .to_vec()
                        .into_iter()
                        .map(ColumnValue::Number)
                        .collect()
                } else {
                    let strings = enc.strings(start, num(&c, "ends"), num(&c, "count"));
                    let strings = strings.into_iter().map(Option::unwrap_or_default);
                    if get(&c, "counts").is_undefined() {
                        strings.map(ColumnValue::Text).collect()
                    } else {
                        let mut items = strings;
                        enc.slots(num(&c, "counts"), num(&c, "lists"))
                            .iter()
                            .map(|&k| ColumnValue::List(items.by_ref().take(k as usize).collect()))
                            .collect()
                    }
                };
                input.dictionary(&name, codes, values)
            }
            _ => input.numbers(&name, Float64Array::from(get(&c, "numbers")).to_vec()),
        };
    }
    let (pop, report) =
        CorePopulation::from_columns(&input, &opts).map_err(|e| import_error(&e))?;
    Ok(Population { pop, report })
}

#[wasm_bindgen]
impl Population {
    /// Builds a population from an array of plain objects in the tabular form: strings,
    /// numbers for `dtks_decile`, arrays of strings for `disabilities` and `skills`, ISO
    /// strings or `Date`s (read by their local calendar date) for dates, `null` or
    /// `undefined` for unknown. The objects are converted to columns in JS, and each distinct
    /// value is parsed once. A value of another type or an unknown field throws
    /// `input.invalid`; a bad value is an import issue, as in `fromCsv`. Keys other than the
    /// schema's are ignored. With `columns` (e.g. `rule.inputColumns()`) only those columns
    /// and `id` are read; the others are unknown for every row.
    #[wasm_bindgen(js_name = fromRecords)]
    pub fn from_records(
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>[]")] records: JsValue,
        #[wasm_bindgen(js_name = referenceDate, unchecked_param_type = "string | Date")]
        reference_date: JsValue,
        #[wasm_bindgen(js_name = onError, unchecked_param_type = "\"reject_all\" | \"skip_row\" | undefined")]
        on_error: Option<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "string[]")] columns: JsValue,
    ) -> Result<Population, JsValue> {
        import(
            encode_records(&records, &columns),
            "records",
            reference_date,
            on_error,
        )
    }

    /// The row-by-row import that `fromRecords` used before it converted to columns in JS
    /// (every object deserialised into a typed row): kept, out of the TypeScript types, as
    /// the reference of the differential test `tests/records.test.mjs`. Not part of the API.
    #[wasm_bindgen(js_name = fromRecordsByRow, skip_typescript)]
    pub fn from_records_by_row(
        records: JsValue,
        reference_date: JsValue,
        on_error: Option<String>,
    ) -> Result<Population, JsValue> {
        let opts = options(&reference_date, on_error)?;
        let rows: Vec<Row> = from_js(records, "records")?;
        let (pop, report) =
            CorePopulation::from_rows(&rows, &opts).map_err(|e| import_error(&e))?;
        Ok(Population { pop, report })
    }

    /// Builds a population from columns: an object mapping column names of the tabular form
    /// to arrays of equal length (values as in `fromRecords`) or, for the date columns (day
    /// numbers since 1970-01-01) and `dtks_decile`, `Float64Array`s or `Int32Array`s (`NaN`
    /// unknown). The `id` column is required.
    #[wasm_bindgen(js_name = fromColumns)]
    pub fn from_columns(
        #[wasm_bindgen(
            unchecked_param_type = "Record<string, unknown[] | Float64Array | Int32Array>"
        )]
        columns: JsValue,
        #[wasm_bindgen(js_name = referenceDate, unchecked_param_type = "string | Date")]
        reference_date: JsValue,
        #[wasm_bindgen(js_name = onError, unchecked_param_type = "\"reject_all\" | \"skip_row\" | undefined")]
        on_error: Option<String>,
    ) -> Result<Population, JsValue> {
        import(
            encode_columns(&columns),
            "columns",
            reference_date,
            on_error,
        )
    }
}

#[wasm_bindgen]
impl Rule {
    /// The columns of the tabular schema this rule reads, with `id`: what
    /// `Population.fromRecords(records, date, onError, rule.inputColumns())` needs to convert.
    #[wasm_bindgen(js_name = inputColumns)]
    pub fn input_columns(&self) -> Vec<String> {
        self.0
            .input_columns()
            .into_iter()
            .map(str::to_owned)
            .collect()
    }
}
