//! The native module `berdaya._native`: converts Python values, delegates to the `berdaya`
//! crate, converts back. No rule of the domain lives here.

use chrono::NaiveDate;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

mod allocation;
mod arrow;
mod domain;
mod enrollment;
mod errors;
mod explain;
mod html;
mod nik;
mod outcomes;
mod population;
mod receipt;
mod region;
mod rules;
mod versioned;

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

/// Converts a Python value (dicts, lists, str, int, float, bool, None, `datetime.date`) into
/// a serde value of type `T`. Errors name the path of the offending value.
pub(crate) fn from_py<T: serde::de::DeserializeOwned>(
    value: &Bound<'_, PyAny>,
    what: &str,
) -> PyResult<T> {
    let json = py_to_json(value, what)?;
    serde_json::from_value(json)
        .map_err(|e| errors::bad_input(value.py(), &format!("invalid {what}: {e}")))
}

fn py_to_json(value: &Bound<'_, PyAny>, path: &str) -> PyResult<serde_json::Value> {
    use pyo3::types::{PyBool, PyDate, PyDateTime, PyFloat, PyInt, PyList, PyString, PyTuple};
    use serde_json::Value;
    if value.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if value.is_instance_of::<PyInt>() {
        if let Ok(i) = value.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = value.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(PyTypeError::new_err(format!(
            "`{path}`: integer out of range"
        )));
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        let f = f.value();
        // NaN (pandas' missing value) means unknown.
        return Ok(serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number));
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if value.is_instance_of::<PyDateTime>() {
        return Err(PyTypeError::new_err(format!(
            "`{path}`: expected a datetime.date, not a datetime.datetime"
        )));
    }
    if value.is_instance_of::<PyDate>() {
        let d: chrono::NaiveDate = value.extract()?;
        return Ok(Value::String(d.to_string()));
    }
    if let Ok(d) = value.cast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (k, v) in d.iter() {
            let key: String = k
                .extract()
                .map_err(|_| PyTypeError::new_err(format!("`{path}`: dict keys must be str")))?;
            let child = py_to_json(&v, &format!("{path}.{key}"))?;
            map.insert(key, child);
        }
        return Ok(Value::Object(map));
    }
    // Any other `collections.abc.Mapping` (the stubs type JSON-like inputs as `Mapping`).
    if let Ok(m) = value.cast::<pyo3::types::PyMapping>() {
        let mut map = serde_json::Map::new();
        for item in m.items()?.iter() {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
            let key: String = k
                .extract()
                .map_err(|_| PyTypeError::new_err(format!("`{path}`: dict keys must be str")))?;
            let child = py_to_json(&v, &format!("{path}.{key}"))?;
            map.insert(key, child);
        }
        return Ok(Value::Object(map));
    }
    if value.is_instance_of::<PyList>()
        || value.is_instance_of::<PyTuple>()
        || value.is_instance_of::<pyo3::types::PySet>()
        || value.is_instance_of::<pyo3::types::PyFrozenSet>()
    {
        let mut out = Vec::new();
        for (i, item) in value.try_iter()?.enumerate() {
            out.push(py_to_json(&item?, &format!("{path}[{i}]"))?);
        }
        return Ok(Value::Array(out));
    }
    Err(PyTypeError::new_err(format!(
        "`{path}`: unsupported type {}",
        value.get_type().name()?
    )))
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
    domain::register(m)?;
    rules::register(m)?;
    versioned::register(m)?;
    population::register(m)?;
    allocation::register(m)?;
    explain::register(m)?;
    enrollment::register(m)?;
    outcomes::register(m)?;
    receipt::register(m)?;
    Ok(())
}
