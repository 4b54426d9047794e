//! `berdaya.Outcomes` (the outcome ledger), `berdaya.report` and
//! `berdaya.rule_change_impact`.

use berdaya::impact::rule_change_impact as core_impact;
use berdaya::outcome::{OutcomeKind, Outcomes};
use berdaya::report::{report as core_report, suppress as core_suppress, ReportOptions};
use berdaya::BeneficiaryId;
use pyo3::prelude::*;

use crate::domain::PyRegistry;
use crate::enrollment::PyEnrollments;
use crate::population::PyPopulation;
use crate::rules::{context_arg, PyRule};
use crate::{date_arg, from_py, raise, to_py};

fn beneficiary_arg(py: Python<'_>, s: &str) -> PyResult<BeneficiaryId> {
    BeneficiaryId::new(s).map_err(|e| raise(py, "InputError", &e, Some(s)))
}

/// The outcome ledger: dated outcomes (completed training, certified, employed,
/// self-employed, employer of N, continued education), each attributed to an enrollment and
/// so to its agreement. Refusals raise `OutcomeError` with a stable code and change nothing.
#[pyclass(name = "Outcomes", module = "berdaya._native")]
#[derive(Debug, Clone, Default)]
pub struct PyOutcomes(pub(crate) Outcomes);

#[pymethods]
impl PyOutcomes {
    /// An empty ledger, or one read from its wire form (`to_dict()`).
    #[new]
    #[pyo3(signature = (data=None))]
    fn new(data: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        match data {
            None => Ok(PyOutcomes::default()),
            Some(d) => Ok(PyOutcomes(from_py(d, "outcomes")?)),
        }
    }

    /// Records `outcome` (a dict with `kind` and its fields) of enrollment `enrollment` of
    /// `enrollments` on `on`; returns the record's number. Refusals, in order:
    /// `outcome.unknown_enrollment`, `before_enrollment`, `not_completed`,
    /// `unknown_partner`, `duplicate`.
    fn record(
        &mut self,
        py: Python<'_>,
        registry: PyRef<'_, PyRegistry>,
        enrollments: PyRef<'_, PyEnrollments>,
        enrollment: u32,
        on: &Bound<'_, PyAny>,
        outcome: &Bound<'_, PyAny>,
    ) -> PyResult<u32> {
        let on = date_arg(on, "on")?;
        let kind: OutcomeKind = from_py(outcome, "outcome")?;
        self.0
            .record(&registry.0, &enrollments.0, enrollment, on, kind)
            .map_err(|e| raise(py, "OutcomeError", &e, None))
    }

    /// A record by number (a dict), or None.
    fn get<'py>(&self, py: Python<'py>, id: u32) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.0.get(id).map(|r| to_py(py, r)).transpose()
    }

    /// A person's timeline: their outcomes by date (dicts).
    fn timeline<'py>(&self, py: Python<'py>, beneficiary: &str) -> PyResult<Bound<'py, PyAny>> {
        let b = beneficiary_arg(py, beneficiary)?;
        to_py(py, &self.0.timeline(&b))
    }

    /// The outcomes attributed to an enrollment, by date (dicts).
    fn of_enrollment<'py>(&self, py: Python<'py>, enrollment: u32) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.of_enrollment(enrollment))
    }

    /// Every record, by number (dicts).
    #[getter]
    fn records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.records)
    }

    /// The wire form (a dict), readable by `Outcomes(data)`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0)
    }

    fn __len__(&self) -> usize {
        self.0.len()
    }

    fn __repr__(&self) -> String {
        format!("Outcomes({} records)", self.0.len())
    }
}

/// The core report for the arguments `report` and `report_table` share.
fn build_report(
    registry: &PyRegistry,
    enrollments: &PyEnrollments,
    outcomes: &PyOutcomes,
    as_of: &Bound<'_, PyAny>,
    min_cell: u32,
    expiring_within_days: u32,
) -> PyResult<berdaya::report::Report> {
    let as_of = date_arg(as_of, "as_of")?;
    let options = ReportOptions {
        min_cell,
        expiring_within_days,
    };
    Ok(core_report(
        &registry.0,
        &enrollments.0,
        &outcomes.0,
        as_of,
        &options,
    ))
}

/// The report as of `as_of` (a dict): tables by agreement, partner, facility, disability,
/// sex and regency with small cells suppressed (`None`), expiring agreements with their
/// unfilled places, and the partners' UU 8/2016 quota.
#[pyfunction]
#[pyo3(signature = (registry, enrollments, outcomes, as_of, *, min_cell=5, expiring_within_days=90))]
fn report<'py>(
    py: Python<'py>,
    registry: PyRef<'_, PyRegistry>,
    enrollments: PyRef<'_, PyEnrollments>,
    outcomes: PyRef<'_, PyOutcomes>,
    as_of: &Bound<'_, PyAny>,
    min_cell: u32,
    expiring_within_days: u32,
) -> PyResult<Bound<'py, PyAny>> {
    let r = build_report(
        &registry,
        &enrollments,
        &outcomes,
        as_of,
        min_cell,
        expiring_within_days,
    )?;
    to_py(py, &r)
}

/// The same report's tables as one `pyarrow.Table`: `dimension`, `group` (the groups, then
/// `total`) and one nullable integer column per measure; a null is a suppressed cell.
/// Expiring agreements and the quota are in `report(...)`.
#[pyfunction]
#[pyo3(signature = (registry, enrollments, outcomes, as_of, *, min_cell=5, expiring_within_days=90))]
fn report_table<'py>(
    py: Python<'py>,
    registry: PyRef<'_, PyRegistry>,
    enrollments: PyRef<'_, PyEnrollments>,
    outcomes: PyRef<'_, PyOutcomes>,
    as_of: &Bound<'_, PyAny>,
    min_cell: u32,
    expiring_within_days: u32,
) -> PyResult<Bound<'py, PyAny>> {
    let r = build_report(
        &registry,
        &enrollments,
        &outcomes,
        as_of,
        min_cell,
        expiring_within_days,
    )?;
    crate::arrow::table(py, r.to_arrow())
}

/// Who a change from rule `before` to rule `after` affects in `population` as of `as_of`
/// (a dict): `gains`, `losses`, `becomes_undetermined`, `leaves_undetermined` (each with
/// `count`, `ids`, `by_facility`, `by_disability`, `by_regency`) and `transitions`.
#[pyfunction]
#[pyo3(signature = (before, after, population, *, as_of, context=None))]
fn rule_change_impact<'py>(
    py: Python<'py>,
    before: PyRef<'_, PyRule>,
    after: PyRef<'_, PyRule>,
    population: PyRef<'_, PyPopulation>,
    as_of: &Bound<'_, PyAny>,
    context: Option<&Bound<'_, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let as_of = date_arg(as_of, "as_of")?;
    let context = context_arg(context)?;
    let (a, b, pop) = (&before.0, &after.0, &population.pop);
    let out = py.detach(|| core_impact(a, b, pop, &context, as_of));
    to_py(py, &out)
}

/// Small-cell suppression with complementary suppression (the method of `report`): which
/// cells to hide (`True`) of a table given as flat `values`, the `lines` (lists of cell
/// indices bound by one equation: a row or column with its total), `min_cell` and optionally
/// the people each cell counts (`units`, default the values).
#[pyfunction]
#[pyo3(signature = (values, lines, *, min_cell=5, units=None))]
fn suppress(
    values: Vec<u64>,
    lines: Vec<Vec<usize>>,
    min_cell: u32,
    units: Option<Vec<u64>>,
) -> Vec<bool> {
    let units = units.unwrap_or_else(|| values.clone());
    core_suppress(&values, &units, &lines, u64::from(min_cell))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(suppress, m)?)?;
    m.add_class::<PyOutcomes>()?;
    m.add_function(wrap_pyfunction!(report, m)?)?;
    m.add_function(wrap_pyfunction!(report_table, m)?)?;
    m.add_function(wrap_pyfunction!(rule_change_impact, m)?)?;
    Ok(())
}
