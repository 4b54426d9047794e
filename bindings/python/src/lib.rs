//! The native module `berdaya._native`: converts Python values, delegates to the `berdaya`
//! crate, converts back. No rule of the domain lives here.

use chrono::NaiveDate;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

mod errors;
mod nik;
mod region;

pub use errors::raise;

/// Converts a serde value into Python objects (dicts, lists, str, int, float, bool, None).
pub(crate) fn to_py<'py, T: serde::Serialize>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_value(value)
        .map_err(|e| PyTypeError::new_err(format!("cannot convert value: {e}")))?;
    json_to_py(py, &json)
}

fn json_to_py<'py>(py: Python<'py>, v: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use pyo3::IntoPyObjectExt;
    use serde_json::Value;
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_bound_py_any(py)?,
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_bound_py_any(py)?
            } else if let Some(u) = n.as_u64() {
                u.into_bound_py_any(py)?
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_bound_py_any(py)?
            }
        }
        Value::String(s) => s.into_bound_py_any(py)?,
        Value::Array(a) => {
            let items = a
                .iter()
                .map(|x| json_to_py(py, x))
                .collect::<PyResult<Vec<_>>>()?;
            pyo3::types::PyList::new(py, items)?.into_any()
        }
        Value::Object(o) => {
            let d = PyDict::new(py);
            for (k, x) in o {
                d.set_item(k, json_to_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}

/// Reads a `datetime.date` (a `datetime.datetime` is refused: the time of day would be lost).
pub(crate) fn date_arg(value: &Bound<'_, PyAny>, name: &str) -> PyResult<NaiveDate> {
    let is_datetime = value
        .is_instance(&value.py().import("datetime")?.getattr("datetime")?)
        .unwrap_or(false);
    if is_datetime {
        return Err(PyTypeError::new_err(format!(
            "`{name}` must be a datetime.date, not a datetime.datetime"
        )));
    }
    value
        .extract::<NaiveDate>()
        .map_err(|_| PyTypeError::new_err(format!("`{name}` must be a datetime.date")))
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    nik::register(m)?;
    region::register(m)?;
    Ok(())
}
