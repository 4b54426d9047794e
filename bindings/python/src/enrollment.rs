//! `berdaya.Enrollments` (the enrollment ledger), `berdaya.RuleEligibility` (eligibility from
//! the commitments' rules) and `berdaya.applicants_from_registry`.
//!
//! Eligibility is passed to every ledger operation that needs it: either a `RuleEligibility`
//! or a callable `(beneficiary_id, target, as_of) -> decision dict`. If the callable raises
//! or returns something that is not a decision, the exception propagates and the ledger is
//! left exactly as it was.

use std::cell::RefCell;

use berdaya::allocation::{
    applicants_from_registry as core_applicants, CommitmentRef, Eligibility, EligibilityDecision,
    EligibilityOutcome, RuleEligibility,
};
use berdaya::beneficiary::Beneficiary;
use berdaya::enrollment::Enrollments;
use berdaya::livelihood::Certificate;
use berdaya::BeneficiaryId;
use chrono::NaiveDate;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

use crate::domain::{PyBeneficiary, PyRegistry};
use crate::errors::raise_with;
use crate::{date_arg, from_py, raise, to_py};

/// Eligibility decided by the commitments' own rules in a registry, compiled once.
#[pyclass(name = "RuleEligibility", module = "berdaya._native", frozen)]
#[derive(Debug)]
pub struct PyRuleEligibility(pub(crate) RuleEligibility);

#[pymethods]
impl PyRuleEligibility {
    /// Compiles the eligibility rule of every commitment in `registry`; a rule that does not
    /// compile raises `EligibilityRuleError` (code `eligibility.rule_invalid`) naming the
    /// agreement and commitment, with the rule's diagnostics.
    #[new]
    fn new(py: Python<'_>, registry: PyRef<'_, PyRegistry>) -> PyResult<Self> {
        match RuleEligibility::from_registry(&registry.0) {
            Ok(e) => Ok(PyRuleEligibility(e)),
            Err(e) => {
                let diags = to_py(py, &e.diagnostics())?;
                Err(raise_with(
                    py,
                    "EligibilityRuleError",
                    &e,
                    Some(e.source_text()),
                    Some(diags),
                ))
            }
        }
    }

    /// The decision for `beneficiary` and `target` (`{"agreement", "commitment"}`) as of
    /// `as_of`: a dict with `outcome`, `missing` and `rule_version`.
    fn decide<'py>(
        &self,
        py: Python<'py>,
        beneficiary: PyRef<'_, PyBeneficiary>,
        target: &Bound<'_, PyAny>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let target: CommitmentRef = from_py(target, "target")?;
        let as_of = date_arg(as_of, "as_of")?;
        to_py(py, &self.0.decide(&beneficiary.0, &target, as_of))
    }

    /// The commitments (as first agreed) that have a rule: dicts with `agreement`,
    /// `commitment` and `rule_version`.
    fn rules<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let out: Vec<serde_json::Value> = self
            .0
            .rules()
            .map(|(t, v)| {
                serde_json::json!({
                    "agreement": t.agreement,
                    "commitment": t.commitment,
                    "rule_version": v,
                })
            })
            .collect();
        to_py(py, &out)
    }

    fn __repr__(&self) -> String {
        format!("RuleEligibility({} rules)", self.0.rules().count())
    }
}

/// The eligibility argument: compiled rules or a Python callable.
enum Elig<'a, 'py> {
    Rules(&'a RuleEligibility),
    Callable {
        f: &'a Bound<'py, PyAny>,
        err: RefCell<Option<PyErr>>,
    },
}

impl<'a, 'py> Elig<'a, 'py> {
    fn new(
        value: &'a Bound<'py, PyAny>,
        rules: &'a Option<PyRef<'py, PyRuleEligibility>>,
    ) -> PyResult<Self> {
        if let Some(r) = rules {
            return Ok(Elig::Rules(&r.0));
        }
        if value.is_callable() {
            return Ok(Elig::Callable {
                f: value,
                err: RefCell::new(None),
            });
        }
        Err(PyTypeError::new_err(
            "`eligibility` must be a RuleEligibility or a callable (beneficiary_id, target, as_of) -> dict",
        ))
    }

    /// The callable's first failure, if any.
    fn take_error(&self) -> Option<PyErr> {
        match self {
            Elig::Rules(_) => None,
            Elig::Callable { err, .. } => err.borrow_mut().take(),
        }
    }
}

fn undetermined() -> EligibilityDecision {
    EligibilityDecision {
        outcome: EligibilityOutcome::Undetermined,
        missing: vec!["eligibility".into()],
        rule_version: None,
    }
}

impl Eligibility for Elig<'_, '_> {
    fn decide(&self, b: &Beneficiary, c: &CommitmentRef, as_of: NaiveDate) -> EligibilityDecision {
        match self {
            Elig::Rules(r) => r.decide(b, c, as_of),
            Elig::Callable { f, err } => {
                if err.borrow().is_some() {
                    return undetermined();
                }
                let py = f.py();
                let call = || -> PyResult<EligibilityDecision> {
                    let target = to_py(py, c)?;
                    let got = f.call1((b.id().as_str(), target, as_of))?;
                    from_py(&got, "eligibility decision")
                };
                call().unwrap_or_else(|e| {
                    *err.borrow_mut() = Some(e);
                    undetermined()
                })
            }
        }
    }
}

fn rules_of<'py>(value: &Bound<'py, PyAny>) -> Option<PyRef<'py, PyRuleEligibility>> {
    value.cast::<PyRuleEligibility>().ok().map(|r| r.borrow())
}

fn beneficiary_arg(py: Python<'_>, s: &str) -> PyResult<BeneficiaryId> {
    BeneficiaryId::new(s).map_err(|e| raise(py, "InputError", &e, Some(s)))
}

/// The enrollment ledger: enrollments (registered → active → completed | dropped), waitlists
/// and the people whose eligibility needs more information. Refusals raise
/// `EnrollmentError` with a stable code (`enrollment.capacity_full`, ...) and change nothing
/// (except that an undetermined person is put on the needs-information list).
#[pyclass(name = "Enrollments", module = "berdaya._native")]
#[derive(Debug, Clone, Default)]
pub struct PyEnrollments(pub(crate) Enrollments);

impl PyEnrollments {
    /// Runs a ledger operation with eligibility, undoing it if the callable failed.
    fn with_elig<T>(
        &mut self,
        py: Python<'_>,
        eligibility: &Bound<'_, PyAny>,
        op: impl FnOnce(&mut Enrollments, &dyn Eligibility) -> Result<T, berdaya::EnrollmentError>,
    ) -> PyResult<T> {
        let rules = rules_of(eligibility);
        let elig = Elig::new(eligibility, &rules)?;
        let before = matches!(elig, Elig::Callable { .. }).then(|| self.0.clone());
        let out = op(&mut self.0, &elig);
        if let Some(e) = elig.take_error() {
            if let Some(b) = before {
                self.0 = b;
            }
            return Err(e);
        }
        out.map_err(|e| raise(py, "EnrollmentError", &e, None))
    }
}

#[pymethods]
impl PyEnrollments {
    /// An empty ledger, or one read from its wire form (`to_dict()`).
    #[new]
    #[pyo3(signature = (data=None))]
    fn new(data: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        match data {
            None => Ok(PyEnrollments::default()),
            Some(d) => Ok(PyEnrollments(from_py(d, "enrollments")?)),
        }
    }

    /// Enrols `beneficiary` in `target` (`{"agreement", "commitment"}`) on `on`; returns the
    /// enrollment's number. Refusals, in order: `enrollment.unknown_beneficiary`,
    /// `unknown_agreement`, `agreement_not_in_force`, `unknown_commitment`,
    /// `outside_commitment_period`, `already_enrolled`, `overlapping_enrollment`,
    /// `not_eligible`, `needs_information`, `capacity_full`.
    fn enrol(
        &mut self,
        py: Python<'_>,
        registry: PyRef<'_, PyRegistry>,
        eligibility: &Bound<'_, PyAny>,
        beneficiary: &str,
        target: &Bound<'_, PyAny>,
        on: &Bound<'_, PyAny>,
    ) -> PyResult<u32> {
        let b = beneficiary_arg(py, beneficiary)?;
        let t: CommitmentRef = from_py(target, "target")?;
        let on = date_arg(on, "on")?;
        self.with_elig(py, eligibility, |l, e| l.enrol(&registry.0, e, &b, &t, on))
    }

    /// Enrols, or puts the person at the end of the waitlist when no place is left: returns
    /// `{"outcome": "enrolled", "enrollment": n}` or `{"outcome": "waitlisted", "position": p}`.
    fn enrol_or_wait<'py>(
        &mut self,
        py: Python<'py>,
        registry: PyRef<'_, PyRegistry>,
        eligibility: &Bound<'_, PyAny>,
        beneficiary: &str,
        target: &Bound<'_, PyAny>,
        on: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let b = beneficiary_arg(py, beneficiary)?;
        let t: CommitmentRef = from_py(target, "target")?;
        let on = date_arg(on, "on")?;
        let out = self.with_elig(py, eligibility, |l, e| {
            l.enrol_or_wait(&registry.0, e, &b, &t, on)
        })?;
        to_py(py, &out)
    }

    /// `enrol` under the registry's commitment rules, returning the decision's `Receipt`
    /// (its `action`: `enrolled`, or `refused` with the refusal's code) instead of raising
    /// on a refusal. Raises `ReceiptError` (`receipt.unknown_beneficiary`, `receipt.short_key`).
    #[allow(clippy::too_many_arguments)]
    fn enrol_with_receipt(
        &mut self,
        py: Python<'_>,
        registry: PyRef<'_, PyRegistry>,
        rules: PyRef<'_, PyRuleEligibility>,
        key: &Bound<'_, PyAny>,
        beneficiary: &str,
        target: &Bound<'_, PyAny>,
        on: &Bound<'_, PyAny>,
    ) -> PyResult<crate::receipt::PyReceipt> {
        let key = crate::receipt::key_arg(py, key)?;
        let b = beneficiary_arg(py, beneficiary)?;
        let t: CommitmentRef = from_py(target, "target")?;
        let on = date_arg(on, "on")?;
        self.0
            .enrol_with_receipt(&registry.0, &rules.0, &key, &b, &t, on)
            .map(crate::receipt::PyReceipt)
            .map_err(|e| raise(py, "ReceiptError", &e, None))
    }

    /// `enrol_or_wait` with the decision's `Receipt` (`enrolled`, `waitlisted` or `refused`).
    #[allow(clippy::too_many_arguments)]
    fn enrol_or_wait_with_receipt(
        &mut self,
        py: Python<'_>,
        registry: PyRef<'_, PyRegistry>,
        rules: PyRef<'_, PyRuleEligibility>,
        key: &Bound<'_, PyAny>,
        beneficiary: &str,
        target: &Bound<'_, PyAny>,
        on: &Bound<'_, PyAny>,
    ) -> PyResult<crate::receipt::PyReceipt> {
        let key = crate::receipt::key_arg(py, key)?;
        let b = beneficiary_arg(py, beneficiary)?;
        let t: CommitmentRef = from_py(target, "target")?;
        let on = date_arg(on, "on")?;
        self.0
            .enrol_or_wait_with_receipt(&registry.0, &rules.0, &key, &b, &t, on)
            .map(crate::receipt::PyReceipt)
            .map_err(|e| raise(py, "ReceiptError", &e, None))
    }

    /// Starts an enrollment: registered → active.
    fn activate(&mut self, py: Python<'_>, enrollment: u32, on: &Bound<'_, PyAny>) -> PyResult<()> {
        let on = date_arg(on, "on")?;
        self.0
            .activate(enrollment, on)
            .map_err(|e| raise(py, "EnrollmentError", &e, None))
    }

    /// Completes an enrollment (active → completed) with an optional certificate (dict), and
    /// offers a freed place to the waitlist; returns the offers (dicts).
    #[pyo3(signature = (registry, eligibility, enrollment, on, certificate=None))]
    fn complete<'py>(
        &mut self,
        py: Python<'py>,
        registry: PyRef<'_, PyRegistry>,
        eligibility: &Bound<'_, PyAny>,
        enrollment: u32,
        on: &Bound<'_, PyAny>,
        certificate: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let on = date_arg(on, "on")?;
        let cert: Option<Certificate> =
            certificate.map(|c| from_py(c, "certificate")).transpose()?;
        let out = self.with_elig(py, eligibility, |l, e| {
            l.complete(&registry.0, e, enrollment, on, cert)
        })?;
        to_py(py, &out)
    }

    /// Drops an enrollment (registered or active → dropped) with a reason (`withdrawn` for a
    /// withdrawal) and offers the freed place to the waitlist; returns the offers.
    fn drop_out<'py>(
        &mut self,
        py: Python<'py>,
        registry: PyRef<'_, PyRegistry>,
        eligibility: &Bound<'_, PyAny>,
        enrollment: u32,
        on: &Bound<'_, PyAny>,
        reason: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let on = date_arg(on, "on")?;
        let out = self.with_elig(py, eligibility, |l, e| {
            l.drop_out(&registry.0, e, enrollment, on, reason)
        })?;
        to_py(py, &out)
    }

    /// Offers the free places of `target` to its waitlist in order, re-checking each person
    /// as of `on`; returns the offers.
    fn offer_places<'py>(
        &mut self,
        py: Python<'py>,
        registry: PyRef<'_, PyRegistry>,
        eligibility: &Bound<'_, PyAny>,
        target: &Bound<'_, PyAny>,
        on: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let t: CommitmentRef = from_py(target, "target")?;
        let on = date_arg(on, "on")?;
        let out = self.with_elig(py, eligibility, |l, e| {
            Ok(l.offer_places(&registry.0, e, &t, on))
        })?;
        to_py(py, &out)
    }

    /// `offer_places` under the registry's commitment rules: the offers and one `Receipt`
    /// per person offered a place (`enrolled`, or `refused` with the code).
    #[allow(clippy::type_complexity)]
    fn offer_places_with_receipts<'py>(
        &mut self,
        py: Python<'py>,
        registry: PyRef<'_, PyRegistry>,
        rules: PyRef<'_, PyRuleEligibility>,
        key: &Bound<'_, PyAny>,
        target: &Bound<'_, PyAny>,
        on: &Bound<'_, PyAny>,
    ) -> PyResult<(Bound<'py, PyAny>, Vec<crate::receipt::PyReceipt>)> {
        let key = crate::receipt::key_arg(py, key)?;
        let t: CommitmentRef = from_py(target, "target")?;
        let on = date_arg(on, "on")?;
        let (offers, receipts) =
            self.0
                .offer_places_with_receipts(&registry.0, &rules.0, &key, &t, on);
        Ok((
            to_py(py, &offers)?,
            receipts
                .into_iter()
                .map(crate::receipt::PyReceipt)
                .collect(),
        ))
    }

    /// Takes `beneficiary` off the waitlist of `target` (`enrollment.not_waitlisted`).
    fn leave_waitlist(
        &mut self,
        py: Python<'_>,
        beneficiary: &str,
        target: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let b = beneficiary_arg(py, beneficiary)?;
        let t: CommitmentRef = from_py(target, "target")?;
        self.0
            .leave_waitlist(&b, &t)
            .map_err(|e| raise(py, "EnrollmentError", &e, None))
    }

    /// The waitlist of `target`, first in line first: dicts with `beneficiary` and `since`.
    fn waitlist<'py>(
        &self,
        py: Python<'py>,
        target: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let t: CommitmentRef = from_py(target, "target")?;
        to_py(py, &self.0.waitlist(&t))
    }

    /// The position of `beneficiary` on the waitlist of `target`, 1 first, or None.
    fn waitlist_position(
        &self,
        py: Python<'_>,
        beneficiary: &str,
        target: &Bound<'_, PyAny>,
    ) -> PyResult<Option<u32>> {
        let b = beneficiary_arg(py, beneficiary)?;
        let t: CommitmentRef = from_py(target, "target")?;
        Ok(self.0.waitlist_position(&b, &t))
    }

    /// Places left in `target` on `on` under its capacity basis (None: unlimited).
    fn places_left(
        &self,
        py: Python<'_>,
        registry: PyRef<'_, PyRegistry>,
        target: &Bound<'_, PyAny>,
        on: &Bound<'_, PyAny>,
    ) -> PyResult<Option<u32>> {
        let t: CommitmentRef = from_py(target, "target")?;
        let on = date_arg(on, "on")?;
        self.0
            .places_left(&registry.0, &t, on)
            .map_err(|e| raise(py, "EnrollmentError", &e, None))
    }

    /// An enrollment by number (a dict), or None.
    fn get<'py>(&self, py: Python<'py>, enrollment: u32) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.0.get(enrollment).map(|e| to_py(py, e)).transpose()
    }

    /// The enrollments of `beneficiary`, by number.
    fn of_beneficiary<'py>(
        &self,
        py: Python<'py>,
        beneficiary: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let b = beneficiary_arg(py, beneficiary)?;
        let out: Vec<_> = self.0.of_beneficiary(&b).collect();
        to_py(py, &out)
    }

    /// Every enrollment, by number (dicts).
    #[getter]
    fn enrollments<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.enrollments)
    }

    /// Every waitlist (dicts with `target` and `entries`).
    #[getter]
    fn waitlists<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.waitlists)
    }

    /// The people whose eligibility was undetermined (dicts with `beneficiary`, `target`,
    /// `missing`, `on`).
    #[getter]
    fn needs_information<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.needs_information)
    }

    /// The wire form (a dict), readable by `Enrollments(data)`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0)
    }

    fn __len__(&self) -> usize {
        self.0.enrollments.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Enrollments({} enrollments, {} waitlists)",
            self.0.enrollments.len(),
            self.0.waitlists.len()
        )
    }
}

/// The applicants of an allocation request from the registry: each beneficiary's priority
/// facts as of `as_of` and a decision for each commitment (dicts `{"agreement",
/// "commitment"}`), without preferences.
#[pyfunction]
fn applicants_from_registry<'py>(
    py: Python<'py>,
    registry: PyRef<'_, PyRegistry>,
    beneficiaries: Vec<String>,
    commitments: &Bound<'_, PyAny>,
    eligibility: &Bound<'_, PyAny>,
    as_of: &Bound<'_, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let ids = beneficiaries
        .iter()
        .map(|s| beneficiary_arg(py, s))
        .collect::<PyResult<Vec<_>>>()?;
    let targets: Vec<CommitmentRef> = from_py(commitments, "commitments")?;
    let as_of = date_arg(as_of, "as_of")?;
    let rules = rules_of(eligibility);
    let elig = Elig::new(eligibility, &rules)?;
    let out = core_applicants(&registry.0, &ids, &targets, &elig, as_of);
    if let Some(e) = elig.take_error() {
        return Err(e);
    }
    let out = out.map_err(|e| raise(py, "AllocationError", &e, None))?;
    to_py(py, &out)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyRuleEligibility>()?;
    m.add_class::<PyEnrollments>()?;
    m.add_function(wrap_pyfunction!(applicants_from_registry, m)?)?;
    Ok(())
}
