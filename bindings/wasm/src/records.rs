//! `Population.fromRecords` and `Population.fromColumns`: plain objects (or arrays per column)
//! are converted to columns in JS (`js/columns.js`), which cross into wasm once per column and
//! go to the core's column import (`Population::from_columns`), where each distinct value is
//! parsed once.

use std::borrow::Cow;

use berdaya::population::{ColumnValue, ColumnsInput, Population as CorePopulation, Row};
use js_sys::{Array, Float64Array, Reflect, Uint32Array};
use wasm_bindgen::prelude::*;

use crate::domain::from_js;
use crate::errors::from_report;
use crate::population::{import_error, options, Population};

#[wasm_bindgen(module = "/js/columns.js")]
extern "C" {
    #[wasm_bindgen(js_name = encodeRecords)]
    fn encode_records(records: &JsValue) -> JsValue;
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

/// Splits `text` at the cumulative UTF-16 lengths `ends` (what JS measured), as each piece
/// would have been converted alone: a surrogate pair formed only by the concatenation becomes
/// two U+FFFD, as two lone surrogates do.
fn split_utf16<'t>(text: &'t str, ends: &[u32]) -> Vec<Option<Cow<'t, str>>> {
    let piece = |s: Cow<'t, str>| (!s.is_empty()).then_some(s);
    if text.is_ascii() && ends.last().map_or(0, |&e| e as usize) == text.len() {
        let mut start = 0usize;
        return ends
            .iter()
            .map(|&end| {
                let end = (end as usize).max(start);
                let s = text.get(start..end).unwrap_or("");
                start = end;
                piece(Cow::Borrowed(s))
            })
            .collect();
    }
    let mut out = Vec::with_capacity(ends.len());
    let mut chars = text.char_indices().peekable();
    let mut units = 0u32;
    let mut start = 0usize;
    let mut carry = false;
    for &end in ends {
        let mut owned: Option<String> = carry.then(|| "\u{FFFD}".to_owned());
        carry = false;
        let mut stop = start;
        while units < end {
            let Some((at, c)) = chars.next() else { break };
            let next = units + c.len_utf16() as u32;
            if next > end {
                // A pair split between two pieces.
                let mut s = owned.take().unwrap_or_default();
                s.push_str(text.get(start..at).unwrap_or(""));
                s.push('\u{FFFD}');
                owned = Some(s);
                carry = true;
                units = next;
                stop = at + c.len_utf8();
                start = stop;
                break;
            }
            units = next;
            stop = at + c.len_utf8();
        }
        let s = match owned {
            Some(s) if carry => Cow::Owned(s),
            Some(mut s) => {
                s.push_str(text.get(start..stop).unwrap_or(""));
                Cow::Owned(s)
            }
            None => Cow::Borrowed(text.get(start..stop).unwrap_or("")),
        };
        if !carry {
            start = stop;
        }
        out.push(piece(s));
    }
    out
}

/// The strings that per-row text columns borrow from, kept alive during the import.
struct Texts {
    columns: Vec<(String, String, Vec<u32>)>,
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
    let n = get(&encoded, "length").as_f64().unwrap_or(0.0) as usize;
    let columns: Array = get(&encoded, "columns").into();
    let mut texts = Texts {
        columns: Vec::new(),
    };
    let mut dicts: Vec<(String, Vec<u32>, Vec<ColumnValue<'static>>)> = Vec::new();
    let mut numbers: Vec<(String, Vec<f64>)> = Vec::new();
    let mut order: Vec<(u8, usize)> = Vec::new();
    for c in columns.iter() {
        let name = get(&c, "name").as_string().unwrap_or_default();
        match get(&c, "kind").as_string().as_deref() {
            Some("text") => {
                let text = get(&c, "text").as_string().unwrap_or_default();
                let ends = Uint32Array::from(get(&c, "ends")).to_vec();
                order.push((0, texts.columns.len()));
                texts.columns.push((name, text, ends));
            }
            Some("dict") => {
                let codes = Uint32Array::from(get(&c, "codes")).to_vec();
                let values: Array = get(&c, "values").into();
                let values = values
                    .iter()
                    .map(|v| {
                        if let Some(s) = v.as_string() {
                            ColumnValue::Text(Cow::Owned(s))
                        } else if let Some(x) = v.as_f64() {
                            ColumnValue::Number(x)
                        } else {
                            let items: Array = v.into();
                            ColumnValue::List(
                                items
                                    .iter()
                                    .map(|i| Cow::Owned(i.as_string().unwrap_or_default()))
                                    .collect(),
                            )
                        }
                    })
                    .collect();
                order.push((1, dicts.len()));
                dicts.push((name, codes, values));
            }
            _ => {
                let values = Float64Array::from(get(&c, "numbers")).to_vec();
                order.push((2, numbers.len()));
                numbers.push((name, values));
            }
        }
    }
    let mut input = ColumnsInput::new(n);
    for (kind, i) in order {
        input = match kind {
            0 => match texts.columns.get(i) {
                Some((name, text, ends)) => input.text(name, split_utf16(text, ends)),
                None => input,
            },
            1 => match dicts.get(i) {
                Some((name, codes, values)) => {
                    input.dictionary(name, codes.as_slice(), values.clone())
                }
                None => input,
            },
            _ => match numbers.get(i) {
                Some((name, values)) => input.numbers(name, values.as_slice()),
                None => input,
            },
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
    /// `input.invalid`; a bad value is an import issue, as in `fromCsv`.
    #[wasm_bindgen(js_name = fromRecords)]
    pub fn from_records(
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>[]")] records: JsValue,
        #[wasm_bindgen(js_name = referenceDate, unchecked_param_type = "string | Date")]
        reference_date: JsValue,
        #[wasm_bindgen(js_name = onError, unchecked_param_type = "\"reject_all\" | \"skip_row\" | undefined")]
        on_error: Option<String>,
    ) -> Result<Population, JsValue> {
        import(
            encode_records(&records),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_utf16_lengths() {
        let got = split_utf16("p1p22", &[2, 2, 5]);
        assert_eq!(got, vec![Some("p1".into()), None, Some("p22".into())]);
        // é is one unit, 🧵 two.
        let got = split_utf16("é🧵ab", &[1, 3, 4, 5]);
        assert_eq!(
            got,
            vec![
                Some("é".into()),
                Some("🧵".into()),
                Some("a".into()),
                Some("b".into())
            ]
        );
        // A pair formed only by concatenation: two lone surrogates, each U+FFFD.
        let got = split_utf16("a🧵b", &[2, 4]);
        assert_eq!(
            got,
            vec![Some("a\u{FFFD}".into()), Some("\u{FFFD}b".into())]
        );
    }
}
