//! The one place where core errors become Python exceptions.
//!
//! The exception classes live in the pure-Python module `berdaya.errors` (so they can inherit
//! from both `BerdayaError` and `ValueError`); this module instantiates them from the core's
//! language-neutral [`berdaya::ErrorReport`].

use berdaya::Coded;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// Builds the Python exception `berdaya.errors.<class>` for a core error.
///
/// `input` is the text that was parsed, so that spans carry line and column.
pub fn raise(py: Python<'_>, class: &str, err: &dyn Coded, input: Option<&str>) -> PyErr {
    raise_with(py, class, err, input, None)
}

/// As [`raise`], with a list of diagnostics (dicts) for the exception's `.diagnostics`.
pub fn raise_with(
    py: Python<'_>,
    class: &str,
    err: &dyn Coded,
    input: Option<&str>,
    diagnostics: Option<Bound<'_, PyAny>>,
) -> PyErr {
    let report = err.report(input);
    match build(py, class, &report, diagnostics) {
        Ok(e) => e,
        // Importing our own pure-Python module failed: still raise something truthful.
        Err(import_err) => {
            let e = PyValueError::new_err(format!("{}: {}", report.code, report.message));
            e.set_cause(py, Some(import_err));
            e
        }
    }
}

fn build(
    py: Python<'_>,
    class: &str,
    report: &berdaya::ErrorReport,
    diagnostics: Option<Bound<'_, PyAny>>,
) -> PyResult<PyErr> {
    let cls = py.import("berdaya.errors")?.getattr(class)?;
    let kwargs = pyo3::types::PyDict::new(py);
    kwargs.set_item("code", &report.code)?;
    kwargs.set_item("field", report.field.as_deref())?;
    kwargs.set_item("help", report.help.as_deref())?;
    let span = match &report.span {
        Some(s) => Some(crate::to_py(py, s)?),
        None => None,
    };
    kwargs.set_item("span", span)?;
    if let Some(d) = diagnostics {
        kwargs.set_item("diagnostics", d)?;
    }
    let exc = cls.call((&report.message,), Some(&kwargs))?;
    Ok(PyErr::from_value(exc))
}

/// A `berdaya.errors.InputError` for malformed structured input from Python.
pub fn bad_input(py: Python<'_>, message: &str) -> PyErr {
    let report = berdaya::ErrorReport {
        code: "input.invalid".to_owned(),
        message: message.to_owned(),
        help: None,
        field: None,
        span: None,
    };
    match build(py, "InputError", &report, None) {
        Ok(e) => e,
        Err(import_err) => {
            let e = PyValueError::new_err(message.to_owned());
            e.set_cause(py, Some(import_err));
            e
        }
    }
}
