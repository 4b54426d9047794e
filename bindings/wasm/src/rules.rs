//! The rule language in JS: `check`, `Rule`, `RuleSet`, `Decision`.

use berdaya::rules::{
    self, Context, Decision as CoreDecision, Facts, Rule as CoreRule, RuleError,
    RuleSet as CoreRuleSet,
};
use wasm_bindgen::prelude::*;

use crate::domain::{from_js, to_plain, Beneficiary};
use crate::errors::{date_arg, throw};

/// A `BerdayaError` with `code = "rule.invalid"` and every diagnostic in `diagnostics`.
pub(crate) fn rule_error(err: &RuleError, src: &str) -> JsValue {
    let e = throw(err, Some(src));
    if let Ok(d) = to_plain(&err.diagnostics()) {
        let _ = js_sys::Reflect::set(&e, &JsValue::from_str("diagnostics"), &d);
    }
    e
}

pub(crate) fn context_arg(context: JsValue) -> Result<Context, JsValue> {
    if context.is_undefined() || context.is_null() {
        Ok(Context::default())
    } else {
        from_js(context, "context")
    }
}

/// Checks a rule or rule set without compiling it: every diagnostic, as data (never throws).
#[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
pub fn check(source: &str) -> Result<JsValue, JsValue> {
    to_plain(&rules::check(source))
}

/// A checked, compiled eligibility rule.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Rule(pub(crate) CoreRule);

#[wasm_bindgen]
impl Rule {
    /// Compiles a rule; throws a `BerdayaError` (`rule.invalid`) with `diagnostics`.
    #[wasm_bindgen(constructor)]
    pub fn new(source: &str) -> Result<Rule, JsValue> {
        CoreRule::parse(source)
            .map(Rule)
            .map_err(|e| rule_error(&e, source))
    }

    /// Compiles a rule from its versioned JSON form.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(json: &str) -> Result<Rule, JsValue> {
        CoreRule::from_json(json)
            .map(Rule)
            .map_err(|e| rule_error(&e, json))
    }

    /// The rule's name, for a rule taken from a `RuleSet`.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> Option<String> {
        self.0.name().map(str::to_owned)
    }

    /// The rule's title, if any.
    #[wasm_bindgen(getter)]
    pub fn title(&self) -> Option<String> {
        self.0.title().map(str::to_owned)
    }

    /// Warnings of the checker.
    #[wasm_bindgen(getter, unchecked_return_type = "Diagnostic[]")]
    pub fn warnings(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.0.warnings())
    }

    /// SHA-256 of the canonical text, hex.
    #[wasm_bindgen(getter, js_name = contentHash)]
    pub fn content_hash(&self) -> String {
        self.0.content_hash()
    }

    /// The canonical text.
    #[wasm_bindgen(js_name = toText)]
    pub fn to_text(&self) -> String {
        self.0.to_text()
    }

    /// The versioned JSON form.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The personal facts the rule reads (also through the rules it refers to), classified.
    #[wasm_bindgen(js_name = sensitiveFacts, unchecked_return_type = "SensitiveFact[]")]
    pub fn sensitive_facts(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.0.sensitive_facts())
    }

    /// Decides for one person as of a date. `facts` is a plain object in the tabular form;
    /// `context` the facts of the commitment applied for.
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Facts")] facts: JsValue,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Context | undefined")] context: JsValue,
    ) -> Result<Decision, JsValue> {
        let as_of = date_arg(&as_of, "asOf")?;
        let facts: Facts = from_js(facts, "facts")?;
        let context = context_arg(context)?;
        Ok(Decision(self.0.evaluate(&facts, &context, as_of)))
    }

    /// Decides for every row of a `Population`: columns `id`, `outcome`, `reason` (first
    /// deciding clause) and `missing`.
    #[wasm_bindgen(js_name = evaluateBatch, unchecked_return_type = "BatchResult")]
    pub fn evaluate_batch(
        &self,
        population: &crate::population::Population,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Context | undefined")] context: JsValue,
    ) -> Result<JsValue, JsValue> {
        let as_of = date_arg(&as_of, "asOf")?;
        let context = context_arg(context)?;
        to_plain(&self.0.evaluate_batch(&population.pop, &context, as_of))
    }

    /// Decides for a registered `Beneficiary`, its facts derived as of `asOf`.
    #[wasm_bindgen(js_name = evaluateBeneficiary)]
    pub fn evaluate_beneficiary(
        &self,
        beneficiary: &Beneficiary,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Context | undefined")] context: JsValue,
    ) -> Result<Decision, JsValue> {
        let as_of = date_arg(&as_of, "asOf")?;
        let facts = Facts::from_beneficiary(beneficiary.core(), as_of);
        let context = context_arg(context)?;
        Ok(Decision(self.0.evaluate(&facts, &context, as_of)))
    }
}

/// A file of named rules that may reference each other.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct RuleSet(CoreRuleSet);

#[wasm_bindgen]
impl RuleSet {
    /// Compiles a rule set; throws a `BerdayaError` (`rule.invalid`) with `diagnostics`.
    #[wasm_bindgen(constructor)]
    pub fn new(source: &str) -> Result<RuleSet, JsValue> {
        CoreRuleSet::parse(source)
            .map(RuleSet)
            .map_err(|e| rule_error(&e, source))
    }

    /// Compiles a rule set from its versioned JSON form.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(json: &str) -> Result<RuleSet, JsValue> {
        CoreRuleSet::from_json(json)
            .map(RuleSet)
            .map_err(|e| rule_error(&e, json))
    }

    /// The personal facts any rule of the set reads, as `Rule.sensitiveFacts`.
    #[wasm_bindgen(js_name = sensitiveFacts, unchecked_return_type = "SensitiveFact[]")]
    pub fn sensitive_facts(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.0.sensitive_facts())
    }

    /// The rule called `name`.
    pub fn rule(&self, name: &str) -> Option<Rule> {
        self.0.rule(name).map(Rule)
    }

    /// The rule names, in source order.
    #[wasm_bindgen(getter)]
    pub fn names(&self) -> Vec<String> {
        self.0.names().into_iter().map(str::to_owned).collect()
    }

    /// Warnings of the checker.
    #[wasm_bindgen(getter, unchecked_return_type = "Diagnostic[]")]
    pub fn warnings(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.0.warnings())
    }

    /// The canonical text.
    #[wasm_bindgen(js_name = toText)]
    pub fn to_text(&self) -> String {
        self.0.to_text()
    }

    /// The versioned JSON form.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }
}

/// A decision: `outcome`, `missing` input facts, and the deciding clauses as `reasons`.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Decision(pub(crate) CoreDecision);

#[wasm_bindgen]
impl Decision {
    /// `eligible`, `ineligible` or `undetermined`.
    #[wasm_bindgen(getter, unchecked_return_type = "Outcome")]
    pub fn outcome(&self) -> String {
        self.0.outcome().as_str().to_owned()
    }

    /// Input facts whose knowledge could settle an undetermined decision, sorted.
    #[wasm_bindgen(getter)]
    pub fn missing(&self) -> Vec<String> {
        self.0.missing().into_iter().map(str::to_owned).collect()
    }

    /// The deciding clauses in source order, with actual values and thresholds.
    #[wasm_bindgen(getter, unchecked_return_type = "Reason[]")]
    pub fn reasons(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.0.reasons())
    }

    /// The whole decision as a plain object.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "DecisionReport")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.0.report())
    }

    /// The decision explained in `lang` (`"id"` or `"en"`, default `"id"`): the `"short"` form
    /// (default) in one line, or the `"full"` form with every deciding clause (or missing fact).
    pub fn explain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Lang | undefined")] lang: Option<String>,
        #[wasm_bindgen(unchecked_param_type = "Form | undefined")] form: Option<String>,
    ) -> Result<crate::explain::Explanation, JsValue> {
        let (lang, form) = crate::explain::args(lang, form)?;
        Ok(crate::explain::Explanation(self.0.explain(lang, form)))
    }

    /// `Decision(eligible)`.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!("Decision({})", self.0.outcome().as_str())
    }
}
