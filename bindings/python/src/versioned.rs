//! Counterfactual dates and versioned rule sets in Python: `Rule.eligible_from`,
//! `Rule.settling_facts`, `VersionedRuleSet`, `VersionedDecision`.

use berdaya::rules::{
    ContextTimeline, CounterfactualReport, Rule, RuleVersion, VersionError, VersionedRuleSet,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::rules::{facts_arg, rule_error, PyDecision, PyRule};
use crate::{date_arg, from_py, to_py};

fn timeline_arg(value: Option<&Bound<'_, PyAny>>) -> PyResult<ContextTimeline> {
    match value {
        None => Ok(ContextTimeline::default()),
        Some(v) if v.is_none() => Ok(ContextTimeline::default()),
        Some(v) => from_py(v, "context"),
    }
}

fn version_error(py: Python<'_>, e: &VersionError) -> PyErr {
    crate::errors::raise(py, "RuleVersionError", e, None)
}

/// A counterfactual report as a dict: `status`, and `date` (a `datetime.date`), `missing`
/// and `version` where the report has them.
fn counterfactual_dict<'py>(
    py: Python<'py>,
    r: &CounterfactualReport,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("status", &r.status)?;
    if let Some(date) = r.date {
        d.set_item("date", date)?;
    }
    if !r.missing.is_empty() {
        d.set_item("missing", r.missing.clone())?;
    }
    if let Some(v) = &r.version {
        d.set_item("version", version_dict(py, v)?)?;
    }
    Ok(d)
}

/// A rule version as a dict with `datetime.date` bounds.
fn version_dict<'py>(py: Python<'py>, v: &RuleVersion) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("name", &v.name)?;
    d.set_item("label", &v.label)?;
    d.set_item("from", v.from)?;
    d.set_item("until", v.until)?;
    d.set_item("content_hash", &v.content_hash)?;
    Ok(d)
}

fn opt_version<'py>(py: Python<'py>, v: Option<&RuleVersion>) -> PyResult<Bound<'py, PyAny>> {
    match v {
        Some(v) => Ok(version_dict(py, v)?.into_any()),
        None => Ok(py.None().into_bound(py)),
    }
}

/// `Rule.eligible_from`: see the method's docstring in `rules.rs`.
pub(crate) fn eligible_from<'py>(
    py: Python<'py>,
    rule: &Rule,
    facts: &Bound<'_, PyAny>,
    as_of: &Bound<'_, PyAny>,
    context: Option<&Bound<'_, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let as_of = date_arg(as_of, "as_of")?;
    let facts = facts_arg(facts, as_of)?;
    let timeline = timeline_arg(context)?;
    let cf = py.detach(|| rule.eligible_from(&facts, &timeline, as_of));
    counterfactual_dict(py, &cf.report(as_of))
}

/// `Rule.settling_facts`.
pub(crate) fn settling_facts<'py>(
    py: Python<'py>,
    rule: &Rule,
    facts: &Bound<'_, PyAny>,
    as_of: &Bound<'_, PyAny>,
    context: Option<&Bound<'_, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let as_of = date_arg(as_of, "as_of")?;
    let facts = facts_arg(facts, as_of)?;
    let context = crate::rules::context_arg(context)?;
    to_py(py, &rule.settling_facts(&facts, &context, as_of))
}

/// A decision of a versioned rule set and the version that made it.
#[pyclass(name = "VersionedDecision", module = "berdaya._native", frozen)]
#[derive(Debug, Clone)]
pub struct PyVersionedDecision {
    decision: PyDecision,
    version: Option<RuleVersion>,
}

#[pymethods]
impl PyVersionedDecision {
    /// The decision.
    #[getter]
    fn decision(&self) -> PyDecision {
        self.decision.clone()
    }

    /// The version used (`name`, `label`, `from`, `until`, `content_hash`), or None for an
    /// unversioned rule.
    #[getter]
    fn version<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        opt_version(py, self.version.as_ref())
    }

    fn __repr__(&self) -> String {
        match &self.version {
            Some(v) => format!(
                "VersionedDecision({}, {}@{})",
                self.decision.0.outcome().as_str(),
                v.name,
                v.label
            ),
            None => format!("VersionedDecision({})", self.decision.0.outcome().as_str()),
        }
    }
}

/// A rule file whose rules may have versions with effective periods.
#[pyclass(name = "VersionedRuleSet", module = "berdaya._native", frozen)]
#[derive(Debug, Clone)]
pub struct PyVersionedRuleSet(VersionedRuleSet);

#[pymethods]
impl PyVersionedRuleSet {
    /// Compiles a versioned rule file. Raises `RuleError` with `.diagnostics`.
    #[new]
    fn new(py: Python<'_>, source: &str) -> PyResult<Self> {
        VersionedRuleSet::parse(source)
            .map(PyVersionedRuleSet)
            .map_err(|e| rule_error(py, &e, source))
    }

    /// Compiles the JSON form (rules with a `version` member).
    #[staticmethod]
    fn from_json(py: Python<'_>, json: &str) -> PyResult<Self> {
        VersionedRuleSet::from_json(json)
            .map(PyVersionedRuleSet)
            .map_err(|e| rule_error(py, &e, json))
    }

    /// The rule names, in source order.
    #[getter]
    fn names(&self) -> Vec<String> {
        self.0.names().into_iter().map(str::to_owned).collect()
    }

    /// Warnings of the checker (including `rule.version.gap`), as dicts.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.warnings())
    }

    /// The versions of rule `name` by start date, as dicts.
    fn versions<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.0
            .versions(name)
            .iter()
            .map(|v| version_dict(py, v))
            .collect()
    }

    /// The gaps between consecutive versions of rule `name`: dicts `from`, `until`.
    fn gaps<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.0
            .gaps(name)
            .iter()
            .map(|g| {
                let d = PyDict::new(py);
                d.set_item("from", g.from)?;
                d.set_item("until", g.until)?;
                Ok(d)
            })
            .collect()
    }

    /// The rule a reference (`name` or pinned `name@label`) names on `as_of`, and its version.
    /// Raises `RuleVersionError`.
    #[pyo3(signature = (reference, *, as_of))]
    fn rule_on<'py>(
        &self,
        py: Python<'py>,
        reference: &str,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let as_of = date_arg(as_of, "as_of")?;
        let (rule, v) = self
            .0
            .rule_on(reference, as_of)
            .map_err(|e| version_error(py, &e))?;
        let rule = Bound::new(py, PyRule(rule))?.into_any();
        PyTuple::new(py, [rule, opt_version(py, v.as_ref())?])
    }

    /// Decides with the version in force on `as_of` (or the pinned one).
    /// Raises `RuleVersionError` (e.g. `rule.version.none_in_force`).
    #[pyo3(signature = (reference, facts, *, as_of, context = None))]
    fn evaluate(
        &self,
        py: Python<'_>,
        reference: &str,
        facts: &Bound<'_, PyAny>,
        as_of: &Bound<'_, PyAny>,
        context: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyVersionedDecision> {
        let as_of = date_arg(as_of, "as_of")?;
        let facts = facts_arg(facts, as_of)?;
        let context = crate::rules::context_arg(context)?;
        let v = self
            .0
            .evaluate(reference, &facts, &context, as_of)
            .map_err(|e| version_error(py, &e))?;
        Ok(PyVersionedDecision {
            decision: PyDecision(v.decision),
            version: v.version,
        })
    }

    /// The earliest day the rule decides `eligible`, each day by the version in force then
    /// (or the pinned one): the dict of `Rule.eligible_from` plus `version`.
    #[pyo3(signature = (reference, facts, *, as_of, context = None))]
    fn eligible_from<'py>(
        &self,
        py: Python<'py>,
        reference: &str,
        facts: &Bound<'_, PyAny>,
        as_of: &Bound<'_, PyAny>,
        context: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let as_of = date_arg(as_of, "as_of")?;
        let facts = facts_arg(facts, as_of)?;
        let timeline = timeline_arg(context)?;
        let set = &self.0;
        let v = py
            .detach(|| set.eligible_from(reference, &facts, &timeline, as_of))
            .map_err(|e| version_error(py, &e))?;
        counterfactual_dict(py, &v.report(as_of))
    }

    /// The canonical text.
    fn to_text(&self) -> String {
        self.0.to_text()
    }

    /// The JSON form.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let cls = py.import("berdaya._native")?.getattr("VersionedRuleSet")?;
        Ok((
            cls.getattr("from_json")?,
            PyTuple::new(py, [self.0.to_json()])?,
        ))
    }

    fn __repr__(&self) -> String {
        format!("VersionedRuleSet({})", self.0.names().join(", "))
    }
}

/// The context of a commitment under agreement `agreement_id` of `registry` over time, for
/// `eligible_from`: `agreement_in_force` as spans (`from`, `until` as `datetime.date`, `until`
/// exclusive, None = open) read from the agreement's history, and the partner's kind.
/// Raises `InputError` (`input.invalid`) for an unknown agreement.
#[pyfunction]
fn context_timeline<'py>(
    py: Python<'py>,
    registry: &Bound<'_, crate::domain::PyRegistry>,
    agreement_id: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let unknown = || crate::errors::bad_input(py, &format!("unknown agreement `{agreement_id}`"));
    let id = berdaya::AgreementId::new(agreement_id).map_err(|_| unknown())?;
    let t = ContextTimeline::in_registry(&registry.borrow().0, &id).ok_or_else(unknown)?;
    let d = PyDict::new(py);
    match &t.agreement_in_force {
        berdaya::rules::InForce::Always(b) => d.set_item("agreement_in_force", *b)?,
        berdaya::rules::InForce::During(spans) => {
            let list = spans
                .iter()
                .map(|s| {
                    let x = PyDict::new(py);
                    x.set_item("from", s.from)?;
                    x.set_item("until", s.until)?;
                    Ok(x)
                })
                .collect::<PyResult<Vec<_>>>()?;
            d.set_item("agreement_in_force", list)?
        }
    }
    d.set_item("partner_kind", t.partner_kind.as_deref())?;
    Ok(d)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(context_timeline, m)?)?;
    m.add_class::<PyVersionedRuleSet>()?;
    m.add_class::<PyVersionedDecision>()?;
    Ok(())
}
