//! What a browser page needs besides batch evaluation: the residents file of the East Java
//! example read into a registry, a registry as a `Population`, one row back as a plain
//! object, and the counterfactual date of one row.

use berdaya::population::{ImportOptions, Population as CorePopulation};
use berdaya::rules::{ContextTimeline, Facts};
use wasm_bindgen::prelude::*;

use crate::domain::{from_js, to_plain, Registry};
use crate::errors::{bad_argument, date_arg, throw};
use crate::population::Population;
use crate::rules::Rule;

#[wasm_bindgen]
impl Registry {
    /// Adds the residents of a CSV in the format of `examples/data/residents_2020.csv`
    /// (registry records with care history: `facility`, `admitted_on`, `exit_stage`, ...);
    /// the facilities and partners they refer to must be in the registry. Throws a
    /// `BerdayaError` (`scenario.bad_row`, or the registry's code for a rejected record);
    /// rows before the bad one stay added.
    #[wasm_bindgen(js_name = loadResidents)]
    pub fn load_residents(&mut self, csv: &str) -> Result<(), JsValue> {
        berdaya::scenario::load_residents(&mut self.0, csv).map_err(|e| throw(&e, None))
    }
}

#[wasm_bindgen]
impl Population {
    /// The beneficiaries of `registry` as a population, their facts (care status,
    /// admission, discharge, decile, employment) taken as of `asOf`.
    #[wasm_bindgen(js_name = fromRegistry)]
    pub fn from_registry(
        registry: &Registry,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
    ) -> Result<Population, JsValue> {
        let as_of = date_arg(&as_of, "asOf")?;
        let (pop, report) = CorePopulation::from_registry(&registry.0, &ImportOptions::new(as_of))
            .map_err(|e| {
                let err = throw(&e, None);
                if let Ok(issues) = to_plain(&e.issues()) {
                    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("diagnostics"), &issues);
                }
                err
            })?;
        Ok(Population { pop, report })
    }

    /// Row `row` as a plain object in the tabular form (personal data included: it is the
    /// caller's own data); `undefined` past the end.
    #[wasm_bindgen(unchecked_return_type = "Facts | undefined")]
    pub fn row(&self, row: usize) -> Result<JsValue, JsValue> {
        match self.pop.row(row) {
            Some(r) => to_plain(&r),
            None => Ok(JsValue::UNDEFINED),
        }
    }
}

#[wasm_bindgen]
impl Rule {
    /// `eligibleFrom` for row `row` of a `Population` (its facts as imported).
    #[wasm_bindgen(js_name = eligibleFromRow, unchecked_return_type = "CounterfactualReport")]
    pub fn eligible_from_row(
        &self,
        population: &Population,
        row: usize,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ContextTimeline | undefined")] context: JsValue,
    ) -> Result<JsValue, JsValue> {
        let as_of = date_arg(&as_of, "asOf")?;
        let r = population
            .pop
            .row(row)
            .ok_or_else(|| bad_argument("row", "a row number of the population"))?;
        let timeline: ContextTimeline = if context.is_undefined() || context.is_null() {
            ContextTimeline::default()
        } else {
            from_js(context, "context")?
        };
        to_plain(
            &self
                .0
                .eligible_from(&Facts::from(&r), &timeline, as_of)
                .report(as_of),
        )
    }
}

/// The context on `asOf` of a `ContextTimeline` (e.g. from `contextTimeline(registry,
/// agreementId)`): whether the agreement is in force that day, and the partner's kind.
#[wasm_bindgen(js_name = contextOn, unchecked_return_type = "Context")]
pub fn context_on(
    #[wasm_bindgen(unchecked_param_type = "ContextTimeline")] timeline: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
) -> Result<JsValue, JsValue> {
    let as_of = date_arg(&as_of, "asOf")?;
    let timeline: ContextTimeline = from_js(timeline, "timeline")?;
    to_plain(&timeline.on(as_of))
}
