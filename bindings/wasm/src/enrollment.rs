//! `Enrollments` (the enrollment ledger), `RuleEligibility` (eligibility from the
//! commitments' rules) and `applicantsFromRegistry`.
//!
//! Eligibility is passed to every ledger operation that needs it: a `RuleEligibility` or a
//! function `(beneficiaryId, target, asOf) => EligibilityDecision` (`asOf` an ISO date). If
//! the function throws or returns something that is not a decision, that error is thrown and
//! the ledger is left exactly as it was.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use berdaya::allocation::{
    applicants_from_registry as core_applicants, CommitmentRef, Eligibility, EligibilityDecision,
    EligibilityOutcome, RuleEligibility as CoreRuleEligibility,
};
use berdaya::beneficiary::Beneficiary as CoreBeneficiary;
use berdaya::enrollment::{EnrollmentError, Enrollments as CoreEnrollments};
use berdaya::livelihood::Certificate;
use berdaya::BeneficiaryId;
use chrono::NaiveDate;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::{from_js, to_plain, Beneficiary, Registry};
use crate::errors::{bad_argument, date_arg, throw};

thread_local! {
    /// Live `RuleEligibility` objects by handle, so that a ledger method taking "a
    /// RuleEligibility or a function" can find the compiled rules behind a JS object.
    static RULES: RefCell<BTreeMap<u32, Rc<CoreRuleEligibility>>> = const { RefCell::new(BTreeMap::new()) };
    static NEXT: Cell<u32> = const { Cell::new(1) };
}

/// Eligibility decided by the commitments' own rules in a registry, compiled once.
#[wasm_bindgen]
#[derive(Debug)]
pub struct RuleEligibility {
    handle: u32,
    inner: Rc<CoreRuleEligibility>,
}

impl Drop for RuleEligibility {
    fn drop(&mut self) {
        let h = self.handle;
        RULES.with(|r| r.borrow_mut().remove(&h));
    }
}

impl RuleEligibility {
    /// The compiled rules (for the receipt functions in `receipt.rs`).
    pub(crate) fn core(&self) -> &CoreRuleEligibility {
        &self.inner
    }
}

#[wasm_bindgen]
impl RuleEligibility {
    /// Compiles the eligibility rule of every commitment in `registry`; a rule that does not
    /// compile throws a `BerdayaError` with code `eligibility.rule_invalid` naming the
    /// agreement and commitment, its span in the rule's source and the diagnostics.
    #[wasm_bindgen(constructor)]
    pub fn new(registry: &Registry) -> Result<RuleEligibility, JsValue> {
        let inner = CoreRuleEligibility::from_registry(registry.core()).map_err(|e| {
            let err = throw(&e, Some(e.source_text()));
            if let Ok(d) = to_plain(&e.diagnostics()) {
                let _ = js_sys::Reflect::set(&err, &JsValue::from_str("diagnostics"), &d);
            }
            err
        })?;
        let inner = Rc::new(inner);
        let handle = NEXT.with(|n| {
            let h = n.get();
            n.set(h.wrapping_add(1).max(1));
            h
        });
        RULES.with(|r| r.borrow_mut().insert(handle, Rc::clone(&inner)));
        Ok(RuleEligibility { handle, inner })
    }

    #[doc(hidden)]
    #[wasm_bindgen(getter, js_name = "__handle", skip_typescript)]
    pub fn handle(&self) -> u32 {
        self.handle
    }

    /// The decision for `beneficiary` and `target` as of `asOf`.
    #[wasm_bindgen(unchecked_return_type = "EligibilityDecision")]
    pub fn decide(
        &self,
        beneficiary: &Beneficiary,
        #[wasm_bindgen(unchecked_param_type = "CommitmentRef")] target: JsValue,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
    ) -> Result<JsValue, JsValue> {
        let t: CommitmentRef = from_js(target, "target")?;
        let as_of = date_arg(&as_of, "asOf")?;
        to_plain(&self.inner.decide(beneficiary.core(), &t, as_of))
    }

    /// The commitments (as first agreed) that have a rule, with the rule's version.
    #[wasm_bindgen(
        unchecked_return_type = "{ agreement: string; commitment: string; rule_version: string }[]"
    )]
    pub fn rules(&self) -> Result<JsValue, JsValue> {
        let out: Vec<serde_json::Value> = self
            .inner
            .rules()
            .map(|(t, v)| {
                serde_json::json!({
                    "agreement": t.agreement,
                    "commitment": t.commitment,
                    "rule_version": v,
                })
            })
            .collect();
        to_plain(&out)
    }
}

/// The eligibility argument: compiled rules or a JS function.
enum Elig {
    Rules(Rc<CoreRuleEligibility>),
    Function {
        f: js_sys::Function,
        err: RefCell<Option<JsValue>>,
    },
}

/// The compiled rules behind a JS `RuleEligibility` object, if `value` is one.
pub(crate) fn rules_of(value: &JsValue) -> Option<Rc<CoreRuleEligibility>> {
    let handle = js_sys::Reflect::get(value, &JsValue::from_str("__handle"))
        .ok()
        .and_then(|h| h.as_f64())?;
    RULES.with(|r| r.borrow().get(&(handle as u32)).cloned())
}

impl Elig {
    fn new(value: &JsValue) -> Result<Elig, JsValue> {
        if let Some(f) = value.dyn_ref::<js_sys::Function>() {
            return Ok(Elig::Function {
                f: f.clone(),
                err: RefCell::new(None),
            });
        }
        let handle = js_sys::Reflect::get(value, &JsValue::from_str("__handle"))
            .ok()
            .and_then(|h| h.as_f64());
        let rules = handle.and_then(|h| RULES.with(|r| r.borrow().get(&(h as u32)).cloned()));
        rules.map(Elig::Rules).ok_or_else(|| {
            bad_argument(
                "eligibility",
                "a RuleEligibility or a function (beneficiaryId, target, asOf) => EligibilityDecision",
            )
        })
    }

    fn take_error(&self) -> Option<JsValue> {
        match self {
            Elig::Rules(_) => None,
            Elig::Function { err, .. } => err.borrow_mut().take(),
        }
    }
}

impl Eligibility for Elig {
    fn decide(
        &self,
        b: &CoreBeneficiary,
        c: &CommitmentRef,
        as_of: NaiveDate,
    ) -> EligibilityDecision {
        match self {
            Elig::Rules(r) => r.decide(b, c, as_of),
            Elig::Function { f, err } => {
                let undetermined = || EligibilityDecision {
                    outcome: EligibilityOutcome::Undetermined,
                    missing: vec!["eligibility".into()],
                    rule_version: None,
                };
                if err.borrow().is_some() {
                    return undetermined();
                }
                let call = || -> Result<EligibilityDecision, JsValue> {
                    let target = to_plain(c)?;
                    let got = f.call3(
                        &JsValue::NULL,
                        &JsValue::from_str(b.id().as_str()),
                        &target,
                        &JsValue::from_str(&as_of.to_string()),
                    )?;
                    from_js(got, "eligibility decision")
                };
                call().unwrap_or_else(|e| {
                    *err.borrow_mut() = Some(e);
                    undetermined()
                })
            }
        }
    }
}

fn beneficiary_arg(s: &str) -> Result<BeneficiaryId, JsValue> {
    BeneficiaryId::new(s).map_err(|e| throw(&e, Some(s)))
}

fn refused(e: &EnrollmentError) -> JsValue {
    throw(e, None)
}

/// The enrollment ledger: enrollments (registered → active → completed | dropped), waitlists
/// and the people whose eligibility needs more information. Refusals throw a `BerdayaError`
/// with a stable code (`enrollment.capacity_full`, ...) and change nothing (except that an
/// undetermined person is put on the needs-information list).
#[wasm_bindgen]
#[derive(Debug, Clone, Default)]
pub struct Enrollments(pub(crate) CoreEnrollments);

impl Enrollments {
    /// The core ledger (for the receipt methods in `receipt.rs`).
    pub(crate) fn core_mut(&mut self) -> &mut CoreEnrollments {
        &mut self.0
    }

    fn with_elig<T>(
        &mut self,
        eligibility: &JsValue,
        op: impl FnOnce(&mut CoreEnrollments, &dyn Eligibility) -> Result<T, EnrollmentError>,
    ) -> Result<T, JsValue> {
        let elig = Elig::new(eligibility)?;
        let before = matches!(elig, Elig::Function { .. }).then(|| self.0.clone());
        let out = op(&mut self.0, &elig);
        if let Some(e) = elig.take_error() {
            if let Some(b) = before {
                self.0 = b;
            }
            return Err(e);
        }
        out.map_err(|e| refused(&e))
    }
}

#[wasm_bindgen]
impl Enrollments {
    /// An empty ledger.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Enrollments {
        Enrollments::default()
    }

    /// A ledger read from its wire form (`toJSON()`).
    #[wasm_bindgen(js_name = fromJSON)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "EnrollmentsData")] data: JsValue,
    ) -> Result<Enrollments, JsValue> {
        from_js(data, "enrollments").map(Enrollments)
    }

    /// Enrols `beneficiary` in `target` on `on`; returns the enrollment's number. Refusals,
    /// in order: `enrollment.unknown_beneficiary`, `unknown_agreement`,
    /// `agreement_not_in_force`, `unknown_commitment`, `outside_commitment_period`,
    /// `already_enrolled`, `overlapping_enrollment`, `not_eligible`, `needs_information`,
    /// `capacity_full`.
    pub fn enrol(
        &mut self,
        registry: &Registry,
        #[wasm_bindgen(unchecked_param_type = "RuleEligibility | EligibilityFn")]
        eligibility: JsValue,
        beneficiary: &str,
        #[wasm_bindgen(unchecked_param_type = "CommitmentRef")] target: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] on: JsValue,
    ) -> Result<u32, JsValue> {
        let b = beneficiary_arg(beneficiary)?;
        let t: CommitmentRef = from_js(target, "target")?;
        let on = date_arg(&on, "on")?;
        self.with_elig(&eligibility, |l, e| l.enrol(registry.core(), e, &b, &t, on))
    }

    /// Enrols, or puts the person at the end of the waitlist when no place is left.
    #[wasm_bindgen(js_name = enrolOrWait, unchecked_return_type = "EnrolOutcome")]
    pub fn enrol_or_wait(
        &mut self,
        registry: &Registry,
        #[wasm_bindgen(unchecked_param_type = "RuleEligibility | EligibilityFn")]
        eligibility: JsValue,
        beneficiary: &str,
        #[wasm_bindgen(unchecked_param_type = "CommitmentRef")] target: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] on: JsValue,
    ) -> Result<JsValue, JsValue> {
        let b = beneficiary_arg(beneficiary)?;
        let t: CommitmentRef = from_js(target, "target")?;
        let on = date_arg(&on, "on")?;
        let out = self.with_elig(&eligibility, |l, e| {
            l.enrol_or_wait(registry.core(), e, &b, &t, on)
        })?;
        to_plain(&out)
    }

    /// Starts an enrollment: registered → active.
    pub fn activate(
        &mut self,
        enrollment: u32,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] on: JsValue,
    ) -> Result<(), JsValue> {
        let on = date_arg(&on, "on")?;
        self.0.activate(enrollment, on).map_err(|e| refused(&e))
    }

    /// Completes an enrollment (active → completed) with an optional certificate, and
    /// offers a freed place to the waitlist; returns the offers.
    #[wasm_bindgen(unchecked_return_type = "Offer[]")]
    pub fn complete(
        &mut self,
        registry: &Registry,
        #[wasm_bindgen(unchecked_param_type = "RuleEligibility | EligibilityFn")]
        eligibility: JsValue,
        enrollment: u32,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] on: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Certificate | undefined")] certificate: JsValue,
    ) -> Result<JsValue, JsValue> {
        let on = date_arg(&on, "on")?;
        let cert: Option<Certificate> = if certificate.is_undefined() || certificate.is_null() {
            None
        } else {
            Some(from_js(certificate, "certificate")?)
        };
        let out = self.with_elig(&eligibility, |l, e| {
            l.complete(registry.core(), e, enrollment, on, cert)
        })?;
        to_plain(&out)
    }

    /// Drops an enrollment (registered or active → dropped) with a reason (`withdrawn` for a
    /// withdrawal) and offers the freed place to the waitlist; returns the offers.
    #[wasm_bindgen(js_name = dropOut, unchecked_return_type = "Offer[]")]
    pub fn drop_out(
        &mut self,
        registry: &Registry,
        #[wasm_bindgen(unchecked_param_type = "RuleEligibility | EligibilityFn")]
        eligibility: JsValue,
        enrollment: u32,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] on: JsValue,
        reason: &str,
    ) -> Result<JsValue, JsValue> {
        let on = date_arg(&on, "on")?;
        let out = self.with_elig(&eligibility, |l, e| {
            l.drop_out(registry.core(), e, enrollment, on, reason)
        })?;
        to_plain(&out)
    }

    /// Offers the free places of `target` to its waitlist in order, re-checking each person
    /// as of `on`; returns the offers.
    #[wasm_bindgen(js_name = offerPlaces, unchecked_return_type = "Offer[]")]
    pub fn offer_places(
        &mut self,
        registry: &Registry,
        #[wasm_bindgen(unchecked_param_type = "RuleEligibility | EligibilityFn")]
        eligibility: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CommitmentRef")] target: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] on: JsValue,
    ) -> Result<JsValue, JsValue> {
        let t: CommitmentRef = from_js(target, "target")?;
        let on = date_arg(&on, "on")?;
        let out = self.with_elig(&eligibility, |l, e| {
            Ok(l.offer_places(registry.core(), e, &t, on))
        })?;
        to_plain(&out)
    }

    /// Takes `beneficiary` off the waitlist of `target` (`enrollment.not_waitlisted`).
    #[wasm_bindgen(js_name = leaveWaitlist)]
    pub fn leave_waitlist(
        &mut self,
        beneficiary: &str,
        #[wasm_bindgen(unchecked_param_type = "CommitmentRef")] target: JsValue,
    ) -> Result<(), JsValue> {
        let b = beneficiary_arg(beneficiary)?;
        let t: CommitmentRef = from_js(target, "target")?;
        self.0.leave_waitlist(&b, &t).map_err(|e| refused(&e))
    }

    /// The waitlist of `target`, first in line first.
    #[wasm_bindgen(unchecked_return_type = "WaitlistEntry[]")]
    pub fn waitlist(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CommitmentRef")] target: JsValue,
    ) -> Result<JsValue, JsValue> {
        let t: CommitmentRef = from_js(target, "target")?;
        to_plain(self.0.waitlist(&t))
    }

    /// The position of `beneficiary` on the waitlist of `target`, 1 first, or undefined.
    #[wasm_bindgen(js_name = waitlistPosition)]
    pub fn waitlist_position(
        &self,
        beneficiary: &str,
        #[wasm_bindgen(unchecked_param_type = "CommitmentRef")] target: JsValue,
    ) -> Result<Option<u32>, JsValue> {
        let b = beneficiary_arg(beneficiary)?;
        let t: CommitmentRef = from_js(target, "target")?;
        Ok(self.0.waitlist_position(&b, &t))
    }

    /// Places left in `target` on `on` under its capacity basis (undefined: unlimited).
    #[wasm_bindgen(js_name = placesLeft)]
    pub fn places_left(
        &self,
        registry: &Registry,
        #[wasm_bindgen(unchecked_param_type = "CommitmentRef")] target: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | Date")] on: JsValue,
    ) -> Result<Option<u32>, JsValue> {
        let t: CommitmentRef = from_js(target, "target")?;
        let on = date_arg(&on, "on")?;
        self.0
            .places_left(registry.core(), &t, on)
            .map_err(|e| refused(&e))
    }

    /// An enrollment by number, or undefined.
    #[wasm_bindgen(unchecked_return_type = "Enrollment | undefined")]
    pub fn get(&self, enrollment: u32) -> Result<JsValue, JsValue> {
        match self.0.get(enrollment) {
            Some(e) => to_plain(e),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// The enrollments of `beneficiary`, by number.
    #[wasm_bindgen(js_name = ofBeneficiary, unchecked_return_type = "Enrollment[]")]
    pub fn of_beneficiary(&self, beneficiary: &str) -> Result<JsValue, JsValue> {
        let b = beneficiary_arg(beneficiary)?;
        let out: Vec<_> = self.0.of_beneficiary(&b).collect();
        to_plain(&out)
    }

    /// Every enrollment, by number.
    #[wasm_bindgen(getter, unchecked_return_type = "Enrollment[]")]
    pub fn enrollments(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.0.enrollments)
    }

    /// Every waitlist.
    #[wasm_bindgen(getter, unchecked_return_type = "Waitlist[]")]
    pub fn waitlists(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.0.waitlists)
    }

    /// The people whose eligibility was undetermined.
    #[wasm_bindgen(
        getter,
        js_name = needsInformation,
        unchecked_return_type = "NeedsInformationEntry[]"
    )]
    pub fn needs_information(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.0.needs_information)
    }

    /// The number of enrollments.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.0.enrollments.len()
    }

    /// The wire form, readable by `Enrollments.fromJSON`.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "EnrollmentsData")]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.0)
    }
}

/// The applicants of an allocation request from the registry: each beneficiary's priority
/// facts as of `asOf` and a decision for each commitment, without preferences.
#[wasm_bindgen(js_name = applicantsFromRegistry, unchecked_return_type = "Applicant[]")]
pub fn applicants_from_registry(
    registry: &Registry,
    beneficiaries: Vec<String>,
    #[wasm_bindgen(unchecked_param_type = "CommitmentRef[]")] commitments: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RuleEligibility | EligibilityFn")] eligibility: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
) -> Result<JsValue, JsValue> {
    let ids = beneficiaries
        .iter()
        .map(|s| beneficiary_arg(s))
        .collect::<Result<Vec<_>, _>>()?;
    let targets: Vec<CommitmentRef> = from_js(commitments, "commitments")?;
    let as_of = date_arg(&as_of, "asOf")?;
    let elig = Elig::new(&eligibility)?;
    let out = core_applicants(registry.core(), &ids, &targets, &elig, as_of);
    if let Some(e) = elig.take_error() {
        return Err(e);
    }
    let out = out.map_err(|e| throw(&e, None))?;
    to_plain(&out)
}

#[wasm_bindgen(typescript_custom_section)]
const TS_ELIGIBILITY_FN: &'static str = r#"
/** Decides eligibility for one person and commitment as of an ISO date. */
export type EligibilityFn = (beneficiaryId: string, target: CommitmentRef, asOf: string) => EligibilityDecision;
"#;
