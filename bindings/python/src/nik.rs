//! `berdaya.Nik` and `berdaya.pseudonymize`.

use berdaya::Nik;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::region::PyRegion;
use crate::{date_arg, raise, to_py};

/// A validated NIK. Its repr shows only the province; `reveal()` returns the digits.
#[pyclass(name = "Nik", module = "berdaya._native", frozen, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PyNik(pub Nik);

#[pymethods]
impl PyNik {
    #[new]
    #[pyo3(signature = (nik, *, reference_date))]
    fn new(py: Python<'_>, nik: &str, reference_date: &Bound<'_, PyAny>) -> PyResult<Self> {
        let reference_date = date_arg(reference_date, "reference_date")?;
        Nik::parse(nik, reference_date)
            .map(PyNik)
            .map_err(|e| raise(py, "NikError", &e, Some(nik)))
    }

    /// The 16 digits (personal data).
    fn reveal(&self) -> &str {
        self.0.reveal()
    }

    #[getter]
    fn province(&self) -> PyRegion {
        PyRegion(self.0.province())
    }

    #[getter]
    fn regency(&self) -> PyRegion {
        PyRegion(self.0.regency())
    }

    #[getter]
    fn district(&self) -> PyRegion {
        PyRegion(self.0.district())
    }

    #[getter]
    fn birth_date(&self) -> chrono::NaiveDate {
        self.0.birth_date()
    }

    #[getter]
    fn sex(&self) -> &'static str {
        self.0.sex().as_str()
    }

    #[getter]
    fn serial(&self) -> u16 {
        self.0.serial()
    }

    /// The derived facts as a dict (no digits beyond the region codes).
    fn info<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.info())
    }

    fn __repr__(&self) -> String {
        format!("Nik('{}')", self.0)
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }
}

/// HMAC-SHA-256 pseudonym of a NIK under `key` (at least 16 bytes), as 64 hex characters.
#[pyfunction]
fn pseudonymize(
    py: Python<'_>,
    nik: &Bound<'_, PyNik>,
    key: &Bound<'_, PyBytes>,
) -> PyResult<String> {
    berdaya::pseudonymize(&nik.get().0, key.as_bytes())
        .map_err(|e| raise(py, "PseudonymError", &e, None))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyNik>()?;
    m.add_function(wrap_pyfunction!(pseudonymize, m)?)?;
    Ok(())
}
