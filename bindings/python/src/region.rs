//! `berdaya.Region`.

use berdaya::{RegionCode, RegionInfo};
use pyo3::prelude::*;

use crate::{raise, to_py};

/// A validated Kemendagri region code (`35`, `35.20`, `35.20.03`, `35.20.03.2001`).
#[pyclass(name = "Region", module = "berdaya._native", frozen, eq, hash, ord)]
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PyRegion(pub RegionCode);

#[pymethods]
impl PyRegion {
    #[new]
    fn new(py: Python<'_>, code: &str) -> PyResult<Self> {
        RegionCode::parse(code)
            .map(PyRegion)
            .map_err(|e| raise(py, "RegionError", &e, Some(code)))
    }

    /// Canonical dotted code, e.g. `35.20`.
    #[getter]
    fn code(&self) -> String {
        self.0.to_string()
    }

    /// The code without dots, e.g. `3520`.
    #[getter]
    fn compact(&self) -> String {
        self.0.compact()
    }

    /// `province`, `regency`, `district` or `village`.
    #[getter]
    fn level(&self) -> &'static str {
        self.0.level().as_str()
    }

    /// Official name where known (provinces, East Java regencies and cities).
    #[getter]
    fn name(&self) -> Option<&'static str> {
        self.0.name()
    }

    /// The province containing this code.
    #[getter]
    fn province(&self) -> PyRegion {
        PyRegion(self.0.province())
    }

    /// The regency or city containing this code, if deep enough.
    #[getter]
    fn regency(&self) -> Option<PyRegion> {
        self.0.regency().map(PyRegion)
    }

    /// Whether this code equals or lies inside `other`.
    fn is_within(&self, other: &Bound<'_, PyRegion>) -> bool {
        self.0.is_within(&other.get().0)
    }

    /// The region's facts as a dict.
    fn info<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &RegionInfo::from(&self.0))
    }

    fn __repr__(&self) -> String {
        format!("Region('{}')", self.0)
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyRegion>()?;
    Ok(())
}
