//! The rule language in Python: `check`, `Rule`, `RuleSet`, `Decision`.

use berdaya::rules::{self, Context, Decision, Facts, Rule, RuleError, RuleSet};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::domain::PyBeneficiary;
use crate::{date_arg, from_py, to_py};

/// Raises `berdaya.RuleError` carrying every diagnostic.
pub(crate) fn rule_error(py: Python<'_>, err: &RuleError, src: &str) -> PyErr {
    let diagnostics = match to_py(py, &err.diagnostics()) {
        Ok(d) => d,
        Err(e) => return e,
    };
    crate::errors::raise_with(py, "RuleError", err, Some(src), Some(diagnostics))
}

/// Reads the facts of one person: a dict in the tabular wire form, or a `Beneficiary`
/// (whose facts are derived as of `as_of`).
pub(crate) fn facts_arg(value: &Bound<'_, PyAny>, as_of: chrono::NaiveDate) -> PyResult<Facts> {
    if let Ok(b) = value.cast::<PyBeneficiary>() {
        return Ok(Facts::from_beneficiary(&b.get().0, as_of));
    }
    from_py(value, "facts")
}

pub(crate) fn context_arg(value: Option<&Bound<'_, PyAny>>) -> PyResult<Context> {
    match value {
        None => Ok(Context::default()),
        Some(v) if v.is_none() => Ok(Context::default()),
        Some(v) => from_py(v, "context"),
    }
}

/// Checks a rule or rule set without compiling it: every diagnostic, as dicts.
#[pyfunction]
fn check<'py>(py: Python<'py>, source: &str) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &rules::check(source))
}

/// A checked, compiled eligibility rule. Only a rule that compiled can be evaluated.
#[pyclass(name = "Rule", module = "berdaya._native", frozen)]
#[derive(Debug, Clone)]
pub struct PyRule(pub Rule);

#[pymethods]
impl PyRule {
    /// Compiles a single rule expression (or a rule set whose last rule is the one wanted:
    /// use `RuleSet` for files of named rules). Raises `RuleError` with `.diagnostics`.
    #[new]
    fn new(py: Python<'_>, source: &str) -> PyResult<Self> {
        Rule::parse(source)
            .map(PyRule)
            .map_err(|e| rule_error(py, &e, source))
    }

    /// Compiles a rule from its versioned JSON form.
    #[staticmethod]
    fn from_json(py: Python<'_>, json: &str) -> PyResult<Self> {
        Rule::from_json(json)
            .map(PyRule)
            .map_err(|e| rule_error(py, &e, json))
    }

    /// The rule's name, for a rule taken from a `RuleSet`.
    #[getter]
    fn name(&self) -> Option<&str> {
        self.0.name()
    }

    /// The rule's title, if it has one.
    #[getter]
    fn title(&self) -> Option<&str> {
        self.0.title()
    }

    /// Warnings of the checker (always-true or always-false clauses), as dicts.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.warnings())
    }

    /// SHA-256 of the canonical text, hex: stable across formatting and languages.
    #[getter]
    fn content_hash(&self) -> String {
        self.0.content_hash()
    }

    /// The canonical text.
    fn to_text(&self) -> String {
        self.0.to_text()
    }

    /// The versioned JSON form.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// Decides for one person as of a date: `facts` is a dict in the tabular form (or a
    /// `Beneficiary`), `context` the facts of the commitment applied for.
    #[pyo3(signature = (facts, *, as_of, context = None))]
    fn evaluate(
        &self,
        facts: &Bound<'_, PyAny>,
        as_of: &Bound<'_, PyAny>,
        context: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyDecision> {
        let as_of = date_arg(as_of, "as_of")?;
        let facts = facts_arg(facts, as_of)?;
        let context = context_arg(context)?;
        Ok(PyDecision(self.0.evaluate(&facts, &context, as_of)))
    }

    /// Decides for every row of `data` — a `Population`, or Arrow data (anything with
    /// `__arrow_c_stream__`: a pyarrow Table, a pandas ≥ 2.2 or polars DataFrame, of which
    /// only the columns the rule reads are converted; NIKs are validated against `as_of`;
    /// any bad cell raises `DataImportError`, so use `Population.from_arrow(...,
    /// on_error="skip_row")` to skip bad rows with a report). Returns a `pyarrow.Table`
    /// with `id`, `outcome` (dictionary), `reason` (first deciding clause, dictionary; null
    /// where none) and `missing` (list of input facts). The GIL is released while it runs.
    #[pyo3(signature = (data, *, as_of, context = None))]
    fn evaluate_batch<'py>(
        slf: &Bound<'py, Self>,
        py: Python<'py>,
        data: &Bound<'py, PyAny>,
        as_of: &Bound<'_, PyAny>,
        context: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let as_of = date_arg(as_of, "as_of")?;
        let context = context_arg(context)?;
        let rule = &slf.get().0;
        // Only the columns the rule reads cross into Arrow (pandas converts every column it
        // exports); `berdaya.frames.only_inputs` leaves anything else as it is.
        let projected;
        let data = if data.is_instance_of::<crate::population::PyPopulation>() {
            data
        } else {
            projected = py
                .import("berdaya.frames")
                .and_then(|m| m.getattr("only_inputs"))
                .and_then(|f| f.call1((data, slf)))
                .unwrap_or_else(|_| data.clone());
            &projected
        };
        let batch = if let Ok(p) = data.cast::<crate::population::PyPopulation>() {
            let pop = &p.get().pop;
            py.detach(|| rule.evaluate_columnar(pop, &context, as_of).to_arrow(pop))
        } else {
            let reader = crate::arrow::reader(data)?;
            let opts = berdaya::population::ImportOptions::new(as_of).columns(rule.input_columns());
            let pop = py
                .detach(|| berdaya::population::Population::from_arrow(reader, &opts))
                .map_err(|e| crate::population::import_error(py, &e))?
                .0;
            py.detach(|| rule.evaluate_columnar(&pop, &context, as_of).to_arrow(&pop))
        };
        crate::arrow::table(py, batch)
    }

    /// The columns of the tabular schema this rule reads (`id` first): what a data frame
    /// needs for `evaluate_batch`.
    #[getter]
    fn input_columns(&self) -> Vec<&'static str> {
        self.0.input_columns()
    }

    /// The earliest day on or after `as_of` on which the rule decides `eligible` if nothing
    /// but time changes: a dict with `status` (`eligible_now`, `eligible_from`, `never`,
    /// `unknown`) and `date` (a `datetime.date`) or `missing`. `context` may give
    /// `agreement_in_force` as a list of `{"from": date, "until": date}` spans.
    #[pyo3(signature = (facts, *, as_of, context = None))]
    fn eligible_from<'py>(
        &self,
        py: Python<'py>,
        facts: &Bound<'_, PyAny>,
        as_of: &Bound<'_, PyAny>,
        context: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        crate::versioned::eligible_from(py, &self.0, facts, as_of, context)
    }

    /// For an undetermined decision: each missing input fact with `could_make_eligible`
    /// and `could_make_ineligible`, as dicts (empty otherwise).
    #[pyo3(signature = (facts, *, as_of, context = None))]
    fn settling_facts<'py>(
        &self,
        py: Python<'py>,
        facts: &Bound<'_, PyAny>,
        as_of: &Bound<'_, PyAny>,
        context: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::versioned::settling_facts(py, &self.0, facts, as_of, context)
    }

    /// The personal facts the rule reads (also through the rules it refers to), classified,
    /// as dicts: `fact`, `input`, `class`, `specific`, `name_en`, `name_id`.
    fn sensitive_facts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.sensitive_facts())
    }

    /// The full decision for row `row` of a `Population` (single-person evaluation), to
    /// explain chosen rows of a batch; `None` past the end.
    #[pyo3(signature = (population, row, *, as_of, context = None))]
    fn decide_row(
        &self,
        population: &Bound<'_, crate::population::PyPopulation>,
        row: usize,
        as_of: &Bound<'_, PyAny>,
        context: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<PyDecision>> {
        let as_of = date_arg(as_of, "as_of")?;
        let context = context_arg(context)?;
        let pop = &population.get().pop;
        Ok(self.0.decide_row(pop, row, &context, as_of).map(PyDecision))
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let cls = py.import("berdaya._native")?.getattr("Rule")?;
        let from_json = cls.getattr("from_json")?;
        Ok((from_json, PyTuple::new(py, [self.0.to_json()])?))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyRule>()
            .is_ok_and(|o| o.get().0.content_hash() == self.0.content_hash())
    }

    fn __hash__(&self) -> u64 {
        u64::from_str_radix(self.0.content_hash().get(..15).unwrap_or("0"), 16).unwrap_or(0)
    }

    fn __repr__(&self) -> String {
        match self.0.name() {
            Some(n) => format!(
                "Rule({n}, {})",
                self.0.content_hash().get(..12).unwrap_or("")
            ),
            None => format!("Rule({})", self.0.content_hash().get(..12).unwrap_or("")),
        }
    }
}

/// A file of named rules that may reference each other.
#[pyclass(name = "RuleSet", module = "berdaya._native", frozen)]
#[derive(Debug, Clone)]
pub struct PyRuleSet(pub RuleSet);

#[pymethods]
impl PyRuleSet {
    /// Compiles a rule set. Raises `RuleError` with `.diagnostics`.
    #[new]
    fn new(py: Python<'_>, source: &str) -> PyResult<Self> {
        RuleSet::parse(source)
            .map(PyRuleSet)
            .map_err(|e| rule_error(py, &e, source))
    }

    /// Compiles a rule set from its versioned JSON form.
    #[staticmethod]
    fn from_json(py: Python<'_>, json: &str) -> PyResult<Self> {
        RuleSet::from_json(json)
            .map(PyRuleSet)
            .map_err(|e| rule_error(py, &e, json))
    }

    /// The rule called `name`, or None.
    fn rule(&self, name: &str) -> Option<PyRule> {
        self.0.rule(name).map(PyRule)
    }

    /// The rule names, in source order.
    #[getter]
    fn names(&self) -> Vec<String> {
        self.0.names().into_iter().map(str::to_owned).collect()
    }

    /// Warnings of the checker, as dicts.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.warnings())
    }

    /// The canonical text.
    fn to_text(&self) -> String {
        self.0.to_text()
    }

    /// The versioned JSON form.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The personal facts any rule of the set reads, as `Rule.sensitive_facts`.
    fn sensitive_facts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.sensitive_facts())
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let cls = py.import("berdaya._native")?.getattr("RuleSet")?;
        Ok((
            cls.getattr("from_json")?,
            PyTuple::new(py, [self.0.to_json()])?,
        ))
    }

    fn __repr__(&self) -> String {
        format!("RuleSet({})", self.0.names().join(", "))
    }

    /// Equal canonical JSON (same rules, same text up to formatting).
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyRuleSet>()
            .is_ok_and(|o| o.get().0.to_json() == self.0.to_json())
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.0.to_json().hash(&mut h);
        h.finish()
    }
}

/// A decision: `outcome` (`eligible`, `ineligible`, `undetermined`), the `missing` input
/// facts, and the deciding clauses as `reasons`. Its repr shows only the outcome.
#[pyclass(name = "Decision", module = "berdaya._native", frozen)]
#[derive(Debug, Clone)]
pub struct PyDecision(pub Decision);

#[pymethods]
impl PyDecision {
    /// `eligible`, `ineligible` or `undetermined`.
    #[getter]
    fn outcome(&self) -> &'static str {
        self.0.outcome().as_str()
    }

    /// Input facts whose knowledge could settle an undetermined decision, sorted.
    #[getter]
    fn missing(&self) -> Vec<&'static str> {
        self.0.missing()
    }

    /// The deciding clauses in source order, with actual values and thresholds, as dicts.
    #[getter]
    fn reasons<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.reasons())
    }

    /// The whole decision as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.report())
    }

    /// The decision explained in `lang` (`"id"` or `"en"`): the `"short"` form in one line,
    /// or the `"full"` form with every deciding clause (or every missing fact).
    #[pyo3(signature = (lang = "id", form = "short"))]
    fn explain(
        &self,
        py: Python<'_>,
        lang: &str,
        form: &str,
    ) -> PyResult<crate::explain::PyExplanation> {
        let (lang, form) = crate::explain::args(py, lang, form)?;
        Ok(crate::explain::PyExplanation(self.0.explain(lang, form)))
    }

    fn __repr__(&self) -> String {
        format!("Decision({})", self.0.outcome().as_str())
    }

    /// Jupyter: outcome, deciding clauses (the rule's text) and missing facts; no values.
    fn _repr_html_(&self) -> String {
        crate::html::decision(&self.0)
    }

    /// Equal outcome, missing facts and reasons (with their values).
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyDecision>()
            .is_ok_and(|o| o.get().0.report() == self.0.report())
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        serde_json::to_string(&self.0.report())
            .unwrap_or_default()
            .hash(&mut h);
        h.finish()
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_class::<PyRule>()?;
    m.add_class::<PyRuleSet>()?;
    m.add_class::<PyDecision>()?;
    Ok(())
}
