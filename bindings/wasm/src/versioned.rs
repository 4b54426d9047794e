//! Counterfactual dates and versioned rule sets in JS: `Rule.eligibleFrom`,
//! `Rule.settlingFacts`, `VersionedRuleSet`, `VersionedDecision`.

use berdaya::rules::{ContextTimeline, Facts, RuleVersion, VersionedRuleSet as CoreSet};
use wasm_bindgen::prelude::*;

use crate::domain::{from_js, to_plain};
use crate::errors::{date_arg, throw};
use crate::rules::{context_arg, rule_error, Decision, Rule};

fn timeline_arg(context: JsValue) -> Result<ContextTimeline, JsValue> {
    if context.is_undefined() || context.is_null() {
        Ok(ContextTimeline::default())
    } else {
        from_js(context, "context")
    }
}

#[wasm_bindgen]
impl Rule {
    /// The earliest day on or after `asOf` on which the rule decides `eligible` if nothing
    /// but time changes: `{status, date?, missing?}`. `context.agreement_in_force` may be a
    /// list of `{from, until}` spans (ISO dates, `until` exclusive).
    #[wasm_bindgen(js_name = eligibleFrom, unchecked_return_type = "CounterfactualReport")]
    pub fn eligible_from(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Facts")] facts: JsValue,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ContextTimeline | undefined")] context: JsValue,
    ) -> Result<JsValue, JsValue> {
        let as_of = date_arg(&as_of, "asOf")?;
        let facts: Facts = from_js(facts, "facts")?;
        let timeline = timeline_arg(context)?;
        to_plain(&self.0.eligible_from(&facts, &timeline, as_of).report(as_of))
    }

    /// For an undetermined decision: each missing input fact and whether knowing it could
    /// make the decision eligible or ineligible (empty otherwise).
    #[wasm_bindgen(js_name = settlingFacts, unchecked_return_type = "SettlingFact[]")]
    pub fn settling_facts(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Facts")] facts: JsValue,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Context | undefined")] context: JsValue,
    ) -> Result<JsValue, JsValue> {
        let as_of = date_arg(&as_of, "asOf")?;
        let facts: Facts = from_js(facts, "facts")?;
        let context = context_arg(context)?;
        to_plain(&self.0.settling_facts(&facts, &context, as_of))
    }
}

/// The context of a commitment under agreement `agreementId` of `registry` over time, for
/// `eligibleFrom`: `agreement_in_force` as `{from, until}` spans read from the agreement's
/// history, and the partner's kind. Throws `input.invalid` for an unknown agreement.
#[wasm_bindgen(js_name = contextTimeline, unchecked_return_type = "ContextTimeline")]
pub fn context_timeline(
    registry: &crate::domain::Registry,
    #[wasm_bindgen(js_name = agreementId)] agreement_id: &str,
) -> Result<JsValue, JsValue> {
    let unknown = || {
        crate::errors::from_report(&berdaya::ErrorReport {
            code: "input.invalid".to_owned(),
            message: format!("unknown agreement `{agreement_id}`"),
            help: None,
            field: Some("agreementId".to_owned()),
            span: None,
        })
    };
    let id = berdaya::AgreementId::new(agreement_id).map_err(|_| unknown())?;
    let t = ContextTimeline::in_registry(&registry.0, &id).ok_or_else(unknown)?;
    to_plain(&t)
}

fn version_value(v: Option<&RuleVersion>) -> Result<JsValue, JsValue> {
    match v {
        Some(v) => to_plain(v),
        None => Ok(JsValue::NULL),
    }
}

/// A decision of a versioned rule set and the version that made it.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct VersionedDecision {
    decision: berdaya::rules::Decision,
    version: Option<RuleVersion>,
}

#[wasm_bindgen]
impl VersionedDecision {
    /// The decision.
    #[wasm_bindgen(getter)]
    pub fn decision(&self) -> Decision {
        Decision(self.decision.clone())
    }

    /// The version used, or `null` for an unversioned rule.
    #[wasm_bindgen(getter, unchecked_return_type = "RuleVersion | null")]
    pub fn version(&self) -> Result<JsValue, JsValue> {
        version_value(self.version.as_ref())
    }
}

/// A rule file whose rules may have versions with effective periods.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct VersionedRuleSet(CoreSet);

#[wasm_bindgen]
impl VersionedRuleSet {
    /// Compiles a versioned rule file; throws a `BerdayaError` (`rule.invalid`) with
    /// `diagnostics`.
    #[wasm_bindgen(constructor)]
    pub fn new(source: &str) -> Result<VersionedRuleSet, JsValue> {
        CoreSet::parse(source)
            .map(VersionedRuleSet)
            .map_err(|e| rule_error(&e, source))
    }

    /// Compiles the JSON form (rules with a `version` member).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(json: &str) -> Result<VersionedRuleSet, JsValue> {
        CoreSet::from_json(json)
            .map(VersionedRuleSet)
            .map_err(|e| rule_error(&e, json))
    }

    /// The rule names, in source order.
    #[wasm_bindgen(getter)]
    pub fn names(&self) -> Vec<String> {
        self.0.names().into_iter().map(str::to_owned).collect()
    }

    /// Warnings of the checker (including `rule.version.gap`).
    #[wasm_bindgen(getter, unchecked_return_type = "Diagnostic[]")]
    pub fn warnings(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.0.warnings())
    }

    /// The versions of rule `name`, by start date.
    #[wasm_bindgen(unchecked_return_type = "RuleVersion[]")]
    pub fn versions(&self, name: &str) -> Result<JsValue, JsValue> {
        to_plain(&self.0.versions(name))
    }

    /// The gaps between consecutive versions of rule `name`.
    #[wasm_bindgen(unchecked_return_type = "DateSpan[]")]
    pub fn gaps(&self, name: &str) -> Result<JsValue, JsValue> {
        to_plain(&self.0.gaps(name))
    }

    /// The rule a reference (`name` or pinned `name@label`) names on `asOf`, and its
    /// version; throws `rule.version.*`.
    #[wasm_bindgen(js_name = ruleOn, unchecked_return_type = "{ rule: Rule; version: RuleVersion | null }")]
    pub fn rule_on(
        &self,
        reference: &str,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
    ) -> Result<JsValue, JsValue> {
        let as_of = date_arg(&as_of, "asOf")?;
        let (rule, v) = self
            .0
            .rule_on(reference, as_of)
            .map_err(|e| throw(&e, None))?;
        let o = js_sys::Object::new();
        js_sys::Reflect::set(&o, &"rule".into(), &JsValue::from(Rule(rule)))?;
        js_sys::Reflect::set(&o, &"version".into(), &version_value(v.as_ref())?)?;
        Ok(o.into())
    }

    /// Decides with the version in force on `asOf` (or the pinned one); throws
    /// `rule.version.*` (e.g. `rule.version.none_in_force`).
    pub fn evaluate(
        &self,
        reference: &str,
        #[wasm_bindgen(unchecked_param_type = "Facts")] facts: JsValue,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Context | undefined")] context: JsValue,
    ) -> Result<VersionedDecision, JsValue> {
        let as_of = date_arg(&as_of, "asOf")?;
        let facts: Facts = from_js(facts, "facts")?;
        let context = context_arg(context)?;
        let v = self
            .0
            .evaluate(reference, &facts, &context, as_of)
            .map_err(|e| throw(&e, None))?;
        Ok(VersionedDecision {
            decision: v.decision,
            version: v.version,
        })
    }

    /// The earliest day the rule decides `eligible`, each day by the version in force then
    /// (or the pinned one): `{status, date?, missing?, version?}`.
    #[wasm_bindgen(js_name = eligibleFrom, unchecked_return_type = "CounterfactualReport")]
    pub fn eligible_from(
        &self,
        reference: &str,
        #[wasm_bindgen(unchecked_param_type = "Facts")] facts: JsValue,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ContextTimeline | undefined")] context: JsValue,
    ) -> Result<JsValue, JsValue> {
        let as_of = date_arg(&as_of, "asOf")?;
        let facts: Facts = from_js(facts, "facts")?;
        let timeline = timeline_arg(context)?;
        let v = self
            .0
            .eligible_from(reference, &facts, &timeline, as_of)
            .map_err(|e| throw(&e, None))?;
        to_plain(&v.report(as_of))
    }

    /// The canonical text.
    #[wasm_bindgen(js_name = toText)]
    pub fn to_text(&self) -> String {
        self.0.to_text()
    }

    /// The JSON form.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }
}
