//! `Outcomes` (the outcome ledger), `report` and `ruleChangeImpact`.

use berdaya::impact::rule_change_impact as core_impact;
use berdaya::outcome::{OutcomeKind, Outcomes as CoreOutcomes};
use berdaya::report::{report as core_report, suppress as core_suppress, ReportOptions};
use berdaya::BeneficiaryId;
use wasm_bindgen::prelude::*;

use crate::domain::{from_js, to_plain, Registry};
use crate::enrollment::Enrollments;
use crate::errors::{date_arg, throw};
use crate::population::Population;
use crate::rules::{context_arg, Rule};

/// The outcome ledger: dated outcomes (completed training, certified, employed,
/// self-employed, employer of N, continued education), each attributed to an enrollment and
/// so to its agreement. Refusals throw a `BerdayaError` with a stable code (`outcome.*`) and
/// change nothing.
#[wasm_bindgen]
#[derive(Debug, Clone, Default)]
pub struct Outcomes(CoreOutcomes);

#[wasm_bindgen]
impl Outcomes {
    /// An empty ledger.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Outcomes {
        Outcomes::default()
    }

    /// A ledger read from its wire form (`toJSON()`).
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "OutcomesData")] data: JsValue,
    ) -> Result<Outcomes, JsValue> {
        from_js(data, "outcomes").map(Outcomes)
    }

    /// Records `outcome` of enrollment `enrollment` of `enrollments` on `on`; returns the
    /// record's number. Refusals, in order: `outcome.unknown_enrollment`,
    /// `before_enrollment`, `not_completed`, `unknown_partner`, `duplicate`.
    pub fn record(
        &mut self,
        registry: &Registry,
        enrollments: &Enrollments,
        enrollment: u32,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] on: JsValue,
        #[wasm_bindgen(unchecked_param_type = "OutcomeKind")] outcome: JsValue,
    ) -> Result<u32, JsValue> {
        let on = date_arg(&on, "on")?;
        let kind: OutcomeKind = from_js(outcome, "outcome")?;
        self.0
            .record(registry.core(), &enrollments.0, enrollment, on, kind)
            .map_err(|e| throw(&e, None))
    }

    /// A record by number, or undefined.
    #[wasm_bindgen(unchecked_return_type = "OutcomeRecord | undefined")]
    pub fn get(&self, id: u32) -> Result<JsValue, JsValue> {
        match self.0.get(id) {
            Some(r) => to_plain(r),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// A person's timeline: their outcomes by date.
    #[wasm_bindgen(unchecked_return_type = "OutcomeRecord[]")]
    pub fn timeline(&self, beneficiary: &str) -> Result<JsValue, JsValue> {
        let b = BeneficiaryId::new(beneficiary).map_err(|e| throw(&e, Some(beneficiary)))?;
        to_plain(&self.0.timeline(&b))
    }

    /// The outcomes attributed to an enrollment, by date.
    #[wasm_bindgen(js_name = ofEnrollment, unchecked_return_type = "OutcomeRecord[]")]
    pub fn of_enrollment(&self, enrollment: u32) -> Result<JsValue, JsValue> {
        to_plain(&self.0.of_enrollment(enrollment))
    }

    /// Every record, by number.
    #[wasm_bindgen(getter, unchecked_return_type = "OutcomeRecord[]")]
    pub fn records(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.0.records)
    }

    /// The number of records.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.0.len()
    }

    /// The wire form, readable by `Outcomes.fromJSON`.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "OutcomesData")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.0)
    }
}

/// The report as of `asOf`: tables by agreement, partner, facility, disability, sex and
/// regency with small cells suppressed (`null`), expiring agreements with their unfilled
/// places, and the partners' UU 8/2016 quota. `options`: `{min_cell, expiring_within_days}`
/// (defaults 5 and 90).
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn report(
    registry: &Registry,
    enrollments: &Enrollments,
    outcomes: &Outcomes,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Partial<ReportOptions> | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let as_of = date_arg(&as_of, "asOf")?;
    let options: ReportOptions = if options.is_undefined() || options.is_null() {
        ReportOptions::default()
    } else {
        from_js(options, "options")?
    };
    to_plain(&core_report(
        registry.core(),
        &enrollments.0,
        &outcomes.0,
        as_of,
        &options,
    ))
}

/// Who a change from rule `before` to rule `after` affects in `population` as of `asOf`:
/// `gains`, `losses`, `becomes_undetermined`, `leaves_undetermined` (each with `count`,
/// `ids`, `by_facility`, `by_disability`, `by_regency`) and `transitions`.
#[wasm_bindgen(js_name = ruleChangeImpact, unchecked_return_type = "RuleChangeImpact")]
pub fn rule_change_impact(
    before: &Rule,
    after: &Rule,
    population: &Population,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Context | undefined")] context: JsValue,
) -> Result<JsValue, JsValue> {
    let as_of = date_arg(&as_of, "asOf")?;
    let context = context_arg(context)?;
    to_plain(&core_impact(
        &before.0,
        &after.0,
        &population.pop,
        &context,
        as_of,
    ))
}

/// Small-cell suppression with complementary suppression (the method of `report`): which
/// cells to hide (`true`) of a table given as flat `values`, the `lines` (lists of cell
/// indices bound by one equation: a row or column with its total), `minCell` (default 5)
/// and optionally the people each cell counts (`units`, default the values).
#[wasm_bindgen(unchecked_return_type = "boolean[]")]
pub fn suppress(
    values: Vec<f64>,
    #[wasm_bindgen(unchecked_param_type = "number[][]")] lines: JsValue,
    #[wasm_bindgen(js_name = minCell)] min_cell: Option<u32>,
    units: Option<Vec<f64>>,
) -> Result<JsValue, JsValue> {
    let lines: Vec<Vec<usize>> = from_js(lines, "lines")?;
    let count = |x: f64| {
        if x.is_finite() && x > 0.0 {
            x as u64
        } else {
            0
        }
    };
    let values: Vec<u64> = values.into_iter().map(count).collect();
    let units: Vec<u64> =
        units.map_or_else(|| values.clone(), |u| u.into_iter().map(count).collect());
    let min = u64::from(min_cell.unwrap_or(berdaya::report::DEFAULT_MIN_CELL));
    to_plain(&core_suppress(&values, &units, &lines, min))
}
