//! `Receipt` (decision receipts and their replay), `allocationReceipts`, and the receipt
//! methods of `Enrollments`.

use berdaya::allocation::{Allocation, AllocationRequest, CommitmentRef};
use berdaya::receipt::{allocation_receipts as core_receipts, Receipt as CoreReceipt, ReceiptKey};
use berdaya::rules::Facts;
use berdaya::BeneficiaryId;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::{from_js, to_plain, Registry};
use crate::enrollment::{Enrollments, RuleEligibility};
use crate::errors::{bad_argument, date_arg, throw};
use crate::rules::{context_arg, Rule};

/// Reads a receipt key: a `Uint8Array` or a string (its UTF-8 bytes), at least 16 bytes.
fn key_arg(value: &JsValue) -> Result<ReceiptKey, JsValue> {
    let bytes = if let Some(s) = value.as_string() {
        s.into_bytes()
    } else if let Some(a) = value.dyn_ref::<js_sys::Uint8Array>() {
        a.to_vec()
    } else {
        return Err(bad_argument("key", "a Uint8Array or a string"));
    };
    ReceiptKey::new(&bytes).map_err(|e| throw(&e, None))
}

/// A decision receipt: keyed digests of the facts a decision read, the rule's content hash,
/// the outcome and what was done. Holds no personal data.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Receipt(CoreReceipt);

#[wasm_bindgen]
impl Receipt {
    /// Reads the JSON form (schema `berdaya.receipt/1`).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(json: &str) -> Result<Receipt, JsValue> {
        CoreReceipt::from_json(json)
            .map(Receipt)
            .map_err(|e| throw(&e, None))
    }

    /// The receipt of `rule` evaluated on `facts` as of `asOf` for the registry id `subject`.
    #[wasm_bindgen(js_name = forRule)]
    pub fn for_rule(
        rule: &Rule,
        #[wasm_bindgen(unchecked_param_type = "Facts")] facts: JsValue,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
        subject: &str,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Context | undefined")] context: JsValue,
        version: Option<String>,
    ) -> Result<Receipt, JsValue> {
        let as_of = date_arg(&as_of, "asOf")?;
        let facts: Facts = from_js(facts, "facts")?;
        let context = context_arg(context)?;
        let subject = BeneficiaryId::new(subject).map_err(|e| throw(&e, Some(subject)))?;
        let key = key_arg(&key)?;
        Ok(Receipt(CoreReceipt::for_rule(
            &rule.0,
            version.as_deref(),
            &facts,
            &context,
            as_of,
            &subject,
            &key,
        )))
    }

    /// Re-derives an enrollment or allocation decision from `registry`; pass `rules` (a
    /// `RuleEligibility` of that registry) to replay many receipts without recompiling.
    #[wasm_bindgen(unchecked_return_type = "Replay")]
    pub fn replay(
        &self,
        registry: &Registry,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "RuleEligibility | undefined")] rules: JsValue,
    ) -> Result<JsValue, JsValue> {
        let key = key_arg(&key)?;
        let r = if rules.is_undefined() || rules.is_null() {
            self.0.replay(registry.core(), &key)
        } else {
            let rules = crate::enrollment::rules_of(&rules)
                .ok_or_else(|| bad_argument("rules", "a RuleEligibility"))?;
            self.0.replay_with(registry.core(), &rules, &key)
        };
        to_plain(&r.map_err(|e| throw(&e, None))?)
    }

    /// Re-derives a `rule` receipt from `rule` and the facts as they are now.
    #[wasm_bindgen(js_name = replayFacts, unchecked_return_type = "Replay")]
    pub fn replay_facts(
        &self,
        rule: &Rule,
        #[wasm_bindgen(unchecked_param_type = "Facts")] facts: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Context | undefined")] context: JsValue,
    ) -> Result<JsValue, JsValue> {
        let facts: Facts = from_js(facts, "facts")?;
        let context = context_arg(context)?;
        let key = key_arg(&key)?;
        let r = self
            .0
            .replay_facts(&rule.0, &facts, &context, &key)
            .map_err(|e| throw(&e, None))?;
        to_plain(&r)
    }

    /// The JSON form as text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The JSON form as a plain object (what `JSON.stringify` writes).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "ReceiptData")]
    pub fn to_data(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.0)
    }

    /// `rule`, `enrollment` or `allocation`.
    #[wasm_bindgen(getter)]
    pub fn kind(&self) -> String {
        self.0.kind.as_str().to_owned()
    }

    /// The registry id of the person.
    #[wasm_bindgen(getter)]
    pub fn subject(&self) -> String {
        self.0.subject.to_string()
    }

    /// The as-of date (ISO).
    #[wasm_bindgen(getter, js_name = asOf)]
    pub fn as_of(&self) -> String {
        self.0.as_of.to_string()
    }

    /// `eligible`, `ineligible` or `undetermined`.
    #[wasm_bindgen(getter, unchecked_return_type = "EligibilityOutcome")]
    pub fn outcome(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.0.outcome)
    }

    /// One line without personal data.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!(
            "Receipt({} {} as of {})",
            self.0.kind.as_str(),
            self.0.subject,
            self.0.as_of
        )
    }
}

/// The receipts of an allocation: one per applicant and commitment.
#[wasm_bindgen(js_name = allocationReceipts)]
pub fn allocation_receipts(
    registry: &Registry,
    rules: &RuleEligibility,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] key: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AllocationRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Allocation")] allocation: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
) -> Result<Vec<Receipt>, JsValue> {
    let key = key_arg(&key)?;
    let request: AllocationRequest = from_js(request, "request")?;
    let allocation: Allocation = from_js(allocation, "allocation")?;
    let as_of = date_arg(&as_of, "asOf")?;
    core_receipts(
        registry.core(),
        rules.core(),
        &key,
        &request,
        &allocation,
        as_of,
    )
    .map(|rs| rs.into_iter().map(Receipt).collect())
    .map_err(|e| throw(&e, None))
}

#[wasm_bindgen]
impl Enrollments {
    /// `enrol` under the registry's commitment rules, returning the decision's `Receipt`
    /// (its `action`: `enrolled`, or `refused` with the refusal's code) instead of throwing
    /// on a refusal.
    #[wasm_bindgen(js_name = enrolWithReceipt)]
    pub fn enrol_with_receipt(
        &mut self,
        registry: &Registry,
        rules: &RuleEligibility,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] key: JsValue,
        beneficiary: &str,
        #[wasm_bindgen(unchecked_param_type = "CommitmentRef")] target: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] on: JsValue,
    ) -> Result<Receipt, JsValue> {
        let key = key_arg(&key)?;
        let b = BeneficiaryId::new(beneficiary).map_err(|e| throw(&e, Some(beneficiary)))?;
        let t: CommitmentRef = from_js(target, "target")?;
        let on = date_arg(&on, "on")?;
        self.core_mut()
            .enrol_with_receipt(registry.core(), rules.core(), &key, &b, &t, on)
            .map(Receipt)
            .map_err(|e| throw(&e, None))
    }

    /// `enrolOrWait` with the decision's `Receipt` (`enrolled`, `waitlisted` or `refused`).
    #[wasm_bindgen(js_name = enrolOrWaitWithReceipt)]
    pub fn enrol_or_wait_with_receipt(
        &mut self,
        registry: &Registry,
        rules: &RuleEligibility,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] key: JsValue,
        beneficiary: &str,
        #[wasm_bindgen(unchecked_param_type = "CommitmentRef")] target: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] on: JsValue,
    ) -> Result<Receipt, JsValue> {
        let key = key_arg(&key)?;
        let b = BeneficiaryId::new(beneficiary).map_err(|e| throw(&e, Some(beneficiary)))?;
        let t: CommitmentRef = from_js(target, "target")?;
        let on = date_arg(&on, "on")?;
        self.core_mut()
            .enrol_or_wait_with_receipt(registry.core(), rules.core(), &key, &b, &t, on)
            .map(Receipt)
            .map_err(|e| throw(&e, None))
    }
}

#[wasm_bindgen]
impl Enrollments {
    /// `offerPlaces` under the registry's commitment rules: the offers and one `Receipt` per
    /// person offered a place (`enrolled`, or `refused` with the code).
    #[wasm_bindgen(
        js_name = offerPlacesWithReceipts,
        unchecked_return_type = "{ offers: Offer[]; receipts: Receipt[] }"
    )]
    pub fn offer_places_with_receipts(
        &mut self,
        registry: &Registry,
        rules: &RuleEligibility,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CommitmentRef")] target: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] on: JsValue,
    ) -> Result<JsValue, JsValue> {
        let key = key_arg(&key)?;
        let t: CommitmentRef = from_js(target, "target")?;
        let on = date_arg(&on, "on")?;
        let (offers, receipts) =
            self.core_mut()
                .offer_places_with_receipts(registry.core(), rules.core(), &key, &t, on);
        let out = js_sys::Object::new();
        let list = js_sys::Array::new();
        for r in receipts {
            list.push(&JsValue::from(Receipt(r)));
        }
        js_sys::Reflect::set(&out, &JsValue::from_str("offers"), &to_plain(&offers)?)?;
        js_sys::Reflect::set(&out, &JsValue::from_str("receipts"), &list)?;
        Ok(out.into())
    }
}

#[wasm_bindgen]
impl Registry {
    /// Erases the personal data of a beneficiary on `on` (UU 27/2022): keeps the id, the
    /// registration date and the care history; receipts about the person stay valid and
    /// replay as `subject_erased`. Throws `registry.not_found`.
    #[wasm_bindgen(js_name = erasePersonalData)]
    pub fn erase_personal_data(
        &mut self,
        beneficiary: &str,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] on: JsValue,
    ) -> Result<(), JsValue> {
        let id = BeneficiaryId::new(beneficiary).map_err(|e| throw(&e, Some(beneficiary)))?;
        let on = date_arg(&on, "on")?;
        self.0
            .erase_personal_data(&id, on)
            .map_err(|e| throw(&e, None))
    }

    /// The day (ISO) the beneficiary's personal data was erased, or `undefined`.
    #[wasm_bindgen(js_name = erasedOn)]
    pub fn erased_on(&self, beneficiary: &str) -> Option<String> {
        let id = BeneficiaryId::new(beneficiary).ok()?;
        self.0.erased_on(&id).map(|d| d.to_string())
    }
}
