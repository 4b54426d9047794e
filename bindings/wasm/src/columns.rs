//! `Rule.evaluateColumns`: a batch result as typed arrays, so that 100,000 decisions cross
//! into JS as a few buffers instead of 100,000 strings and arrays.

use std::collections::BTreeMap;

use berdaya::rules::{Detail, Outcome};
use js_sys::{Array, Object, Reflect, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::domain::to_plain;
use crate::errors::{bad_argument, date_arg};
use crate::population::Population;
use crate::rules::{context_arg, Rule};

/// Marks "no reason" in `BatchColumns.reason`.
const NONE: u32 = berdaya::rules::NO_REASON;

fn set(obj: &Object, key: &str, value: &JsValue) {
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

#[wasm_bindgen]
impl Rule {
    /// Decides for every row of a `Population` like `evaluateBatch`, returning columns as
    /// typed arrays: `outcome` (a `Uint8Array` of indices into `outcomes`:
    /// `["eligible", "ineligible", "undetermined"]`) and `counts`; with `detail` `"full"`
    /// (the default) also `reason` (a `Uint32Array` of indices into `reasonTexts`, the
    /// canonical text of each clause; `0xFFFFFFFF` for none) and `missing` (a `Uint32Array`
    /// of indices into `missingSets`, the distinct sets of missing input facts; `0` is the
    /// empty set). Row order is the population's; ids are `population.row(i).id`.
    #[wasm_bindgen(js_name = evaluateColumns, unchecked_return_type = "BatchColumns")]
    pub fn evaluate_columns(
        &self,
        population: &Population,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Context | undefined")] context: JsValue,
        #[wasm_bindgen(unchecked_param_type = "\"outcomes\" | \"full\" | undefined")]
        detail: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let as_of = date_arg(&as_of, "asOf")?;
        let context = context_arg(context)?;
        let detail = match detail.as_deref() {
            None | Some("full") => Detail::Full,
            Some("outcomes") => Detail::Outcomes,
            Some(_) => return Err(bad_argument("detail", "`outcomes` or `full`")),
        };
        let pop = &population.pop;
        let e = self
            .0
            .plan_batch(pop, &context, as_of)
            .evaluate_with(pop, detail);
        let n = e.len();
        let outcome: Vec<u8> = (0..n)
            .map(|row| match e.outcome(row) {
                Outcome::Eligible => 0,
                Outcome::Ineligible => 1,
                Outcome::Undetermined => 2,
            })
            .collect();
        let out = Object::new();
        set(&out, "length", &JsValue::from_f64(n as f64));
        set(&out, "counts", &to_plain(&e.counts())?);
        set(
            &out,
            "outcome",
            &Uint8Array::from(outcome.as_slice()).into(),
        );
        let names = Array::of3(
            &JsValue::from_str("eligible"),
            &JsValue::from_str("ineligible"),
            &JsValue::from_str("undetermined"),
        );
        set(&out, "outcomes", &names.into());
        if detail == Detail::Full {
            let codes = e.reason_codes();
            let reason: Vec<u32> = (0..n)
                .map(|row| codes.get(row).copied().unwrap_or(NONE))
                .collect();
            set(&out, "reason", &Uint32Array::from(reason.as_slice()).into());
            set(&out, "reasonTexts", &to_plain(e.reason_texts())?);
            let mut sets: BTreeMap<Vec<&'static str>, u32> = BTreeMap::new();
            let mut list: Vec<Vec<&'static str>> = vec![Vec::new()];
            sets.insert(Vec::new(), 0);
            let missing: Vec<u32> = (0..n)
                .map(|row| {
                    if outcome.get(row) != Some(&2) {
                        return 0;
                    }
                    let m = e.missing(row);
                    *sets.entry(m.clone()).or_insert_with(|| {
                        list.push(m);
                        u32::try_from(list.len() - 1).unwrap_or(NONE)
                    })
                })
                .collect();
            set(
                &out,
                "missing",
                &Uint32Array::from(missing.as_slice()).into(),
            );
            set(&out, "missingSets", &to_plain(&list)?);
        }
        Ok(out.into())
    }
}

#[wasm_bindgen(typescript_custom_section)]
const TS_BATCH_COLUMNS: &'static str = r#"
/** The result of `Rule.evaluateColumns`: one entry per population row, as typed arrays. */
export interface BatchColumns {
    /** Number of rows. */
    length: number;
    /** Rows by outcome. */
    counts: OutcomeCounts;
    /** Outcome per row, an index into `outcomes`. */
    outcome: Uint8Array;
    /** `["eligible", "ineligible", "undetermined"]`. */
    outcomes: Outcome[];
    /** With detail `"full"`: the first deciding clause per row, an index into `reasonTexts`; `0xFFFFFFFF` for none. */
    reason?: Uint32Array;
    /** With detail `"full"`: the canonical text of each clause. */
    reasonTexts?: string[];
    /** With detail `"full"`: the missing input facts per row, an index into `missingSets` (`0`: none). */
    missing?: Uint32Array;
    /** With detail `"full"`: the distinct sets of missing input facts, sorted; the first is empty. */
    missingSets?: string[][];
}
"#;
