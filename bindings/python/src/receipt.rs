//! `berdaya.Receipt` (decision receipts and their replay) and `berdaya.allocation_receipts`.

use berdaya::allocation::{Allocation, AllocationRequest};
use berdaya::receipt::{allocation_receipts as core_receipts, Receipt, ReceiptKey};
use berdaya::BeneficiaryId;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString};

use crate::domain::PyRegistry;
use crate::enrollment::PyRuleEligibility;
use crate::rules::{context_arg, facts_arg, PyRule};
use crate::{date_arg, from_py, raise, to_py};

/// Reads a receipt key: `bytes`, `bytearray` or `str` (its UTF-8 bytes), at least 16 bytes.
pub(crate) fn key_arg(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<ReceiptKey> {
    let bytes: Vec<u8> = if let Ok(b) = value.cast::<PyBytes>() {
        b.as_bytes().to_vec()
    } else if let Ok(b) = value.cast::<PyByteArray>() {
        b.to_vec()
    } else if let Ok(s) = value.cast::<PyString>() {
        s.to_cow()?.as_bytes().to_vec()
    } else {
        return Err(PyTypeError::new_err("`key` must be bytes or str"));
    };
    ReceiptKey::new(&bytes).map_err(|e| raise(py, "ReceiptError", &e, None))
}

/// A decision receipt: digests of the facts a decision read, the rule's hash, the outcome and
/// what was done. Holds no personal data.
#[pyclass(name = "Receipt", module = "berdaya._native", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyReceipt(pub Receipt);

#[pymethods]
impl PyReceipt {
    /// Reads the JSON form (schema `berdaya.receipt/1`).
    #[staticmethod]
    fn from_json(py: Python<'_>, json: &str) -> PyResult<Self> {
        Receipt::from_json(json)
            .map(PyReceipt)
            .map_err(|e| raise(py, "ReceiptError", &e, None))
    }

    /// The receipt of `rule` evaluated on `facts` (a dict or a `Beneficiary`) as of `as_of`
    /// for the registry id `subject`.
    #[staticmethod]
    #[pyo3(signature = (rule, facts, *, as_of, subject, key, context=None, version=None))]
    #[allow(clippy::too_many_arguments)]
    fn for_rule(
        py: Python<'_>,
        rule: PyRef<'_, PyRule>,
        facts: &Bound<'_, PyAny>,
        as_of: &Bound<'_, PyAny>,
        subject: &str,
        key: &Bound<'_, PyAny>,
        context: Option<&Bound<'_, PyAny>>,
        version: Option<&str>,
    ) -> PyResult<Self> {
        let as_of = date_arg(as_of, "as_of")?;
        let facts = facts_arg(facts, as_of)?;
        let context = context_arg(context)?;
        let subject = BeneficiaryId::new(subject).map_err(|e| raise(py, "InputError", &e, None))?;
        let key = key_arg(py, key)?;
        Ok(PyReceipt(Receipt::for_rule(
            &rule.0, version, &facts, &context, as_of, &subject, &key,
        )))
    }

    /// Re-derives an enrollment or allocation decision from `registry`: a dict with `status`
    /// `holds`, `changed` (with `facts`, `rule_changed`, `outcome`, `new_outcome`),
    /// `subject_erased` (with `erased_on`) or `subject_missing`. Pass `rules` (a
    /// `RuleEligibility` of that registry) to replay many receipts without recompiling.
    #[pyo3(signature = (registry, key, rules=None))]
    fn replay<'py>(
        &self,
        py: Python<'py>,
        registry: PyRef<'_, PyRegistry>,
        key: &Bound<'_, PyAny>,
        rules: Option<PyRef<'_, PyRuleEligibility>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let key = key_arg(py, key)?;
        let r = match rules {
            Some(rules) => self.0.replay_with(&registry.0, &rules.0, &key),
            None => self.0.replay(&registry.0, &key),
        }
        .map_err(|e| raise(py, "ReceiptError", &e, None))?;
        to_py(py, &r)
    }

    /// Re-derives a `rule` receipt from `rule` and `facts` as they are now (as `replay`).
    #[pyo3(signature = (rule, facts, *, key, context=None))]
    fn replay_facts<'py>(
        &self,
        py: Python<'py>,
        rule: PyRef<'_, PyRule>,
        facts: &Bound<'_, PyAny>,
        key: &Bound<'_, PyAny>,
        context: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let facts = facts_arg(facts, self.0.as_of)?;
        let context = context_arg(context)?;
        let key = key_arg(py, key)?;
        let r = self
            .0
            .replay_facts(&rule.0, &facts, &context, &key)
            .map_err(|e| raise(py, "ReceiptError", &e, None))?;
        to_py(py, &r)
    }

    /// The JSON form.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The JSON form as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0)
    }

    /// `rule`, `enrollment` or `allocation`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.as_str()
    }

    /// The registry id of the person.
    #[getter]
    fn subject(&self) -> String {
        self.0.subject.to_string()
    }

    /// `{"agreement", "commitment"}` or None.
    #[getter]
    fn target<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.target)
    }

    /// The as-of date.
    #[getter]
    fn as_of(&self) -> chrono::NaiveDate {
        self.0.as_of
    }

    /// `{"content_hash", "version"?}` or None.
    #[getter]
    fn rule<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.rule)
    }

    /// The public id of the key.
    #[getter]
    fn key_id(&self) -> String {
        self.0.key_id.clone()
    }

    /// Input fact name → digest.
    #[getter]
    fn facts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.facts)
    }

    /// The digest of the whole input.
    #[getter]
    fn input_digest(&self) -> String {
        self.0.input_digest.clone()
    }

    /// `eligible`, `ineligible` or `undetermined`.
    #[getter]
    fn outcome<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.outcome)
    }

    /// Facts that would settle an undetermined decision.
    #[getter]
    fn missing(&self) -> Vec<String> {
        self.0.missing.clone()
    }

    /// The deciding clauses, without values.
    #[getter]
    fn reasons<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.reasons)
    }

    /// What was done (`{"action": "enrolled", "enrollment": 1}` ...) or None.
    #[getter]
    fn action<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.action)
    }

    fn __repr__(&self) -> String {
        format!(
            "Receipt(kind={:?}, subject={:?}, as_of={}, outcome={:?})",
            self.0.kind.as_str(),
            self.0.subject.as_str(),
            self.0.as_of,
            to_wire(&self.0.outcome)
        )
    }
}

fn to_wire<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The receipts of an allocation (see the Rust `receipt::allocation_receipts`).
#[pyfunction]
fn allocation_receipts(
    py: Python<'_>,
    registry: PyRef<'_, PyRegistry>,
    rules: PyRef<'_, PyRuleEligibility>,
    key: &Bound<'_, PyAny>,
    request: &Bound<'_, PyAny>,
    allocation: &Bound<'_, PyAny>,
    as_of: &Bound<'_, PyAny>,
) -> PyResult<Vec<PyReceipt>> {
    let key = key_arg(py, key)?;
    let request: AllocationRequest = from_py(request, "request")?;
    let allocation: Allocation = from_py(allocation, "allocation")?;
    let as_of = date_arg(as_of, "as_of")?;
    core_receipts(&registry.0, &rules.0, &key, &request, &allocation, as_of)
        .map(|rs| rs.into_iter().map(PyReceipt).collect())
        .map_err(|e| raise(py, "ReceiptError", &e, None))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyReceipt>()?;
    m.add_function(wrap_pyfunction!(allocation_receipts, m)?)?;
    Ok(())
}
