//! Arrow across the Python boundary through the Arrow PyCapsule interface: any object with
//! `__arrow_c_stream__` (pyarrow tables and readers, pandas ≥ 2.2 and polars data frames,
//! duckdb relations) in; `pyarrow.Table` and `__arrow_c_stream__` out. No per-row Python
//! objects; the conversion itself is the core's (`Population::from_arrow`).

use std::sync::Mutex;

use arrow_array::ffi_stream::{FFI_ArrowArrayStream, RecordBatchStreamReader};
use arrow_array::{RecordBatch, RecordBatchIterator};
use pyo3::exceptions::{PyImportError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyCapsuleMethods};

const STREAM: &std::ffi::CStr = c"arrow_array_stream";

/// Reads the Arrow stream `data` exports. An object without `__arrow_c_stream__` is first
/// given to `pyarrow.table` (dicts of lists, older pandas).
pub(crate) fn reader(data: &Bound<'_, PyAny>) -> PyResult<RecordBatchStreamReader> {
    let py = data.py();
    let exporter = if data.hasattr("__arrow_c_stream__")? {
        data.clone()
    } else {
        let pa = pyarrow(py).map_err(|_| not_arrow(data))?;
        pa.getattr("table")?
            .call1((data,))
            .map_err(|_| not_arrow(data))?
    };
    let capsule = exporter.call_method0("__arrow_c_stream__")?;
    let capsule = capsule
        .cast::<PyCapsule>()
        .map_err(|_| PyTypeError::new_err("`__arrow_c_stream__` did not return a PyCapsule"))?;
    let ptr = capsule.pointer_checked(Some(STREAM))?;
    // SAFETY: the Arrow PyCapsule interface guarantees that a capsule named
    // `arrow_array_stream` points to a valid `ArrowArrayStream`. `from_raw` moves the stream
    // out and marks the capsule's copy as released, so the capsule's destructor (run when
    // Python drops it) does not release it a second time.
    #[allow(unsafe_code)]
    let stream = unsafe { FFI_ArrowArrayStream::from_raw(ptr.as_ptr().cast()) };
    RecordBatchStreamReader::try_new(stream).map_err(|e| {
        crate::errors::bad_input(py, &format!("the Arrow stream could not be read: {e}"))
    })
}

fn not_arrow(data: &Bound<'_, PyAny>) -> PyErr {
    let name = data
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_default();
    PyTypeError::new_err(format!(
        "expected a Population or Arrow data (an object with `__arrow_c_stream__`: a pyarrow Table, a pandas or polars DataFrame), not {name}"
    ))
}

fn pyarrow(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    py.import("pyarrow").map_err(|_| {
        PyImportError::new_err(
            "this needs pyarrow (`pip install pyarrow`): berdaya returns Arrow tables",
        )
    })
}

/// One Arrow record batch behind the PyCapsule stream interface, consumed once.
#[pyclass(name = "_ArrowStream", module = "berdaya._native", frozen)]
pub struct ArrowStream(Mutex<Option<RecordBatch>>);

impl std::fmt::Debug for ArrowStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ArrowStream")
    }
}

/// A capsule holding a stream of `batch`.
pub(crate) fn capsule(py: Python<'_>, batch: RecordBatch) -> PyResult<Bound<'_, PyCapsule>> {
    let schema = batch.schema();
    let reader = RecordBatchIterator::new([Ok(batch)], schema);
    let stream = FFI_ArrowArrayStream::new(Box::new(reader));
    PyCapsule::new_with_value(py, stream, STREAM)
}

#[pymethods]
impl ArrowStream {
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let batch = self
            .0
            .lock()
            .ok()
            .and_then(|mut b| b.take())
            .ok_or_else(|| PyTypeError::new_err("this Arrow stream was already consumed"))?;
        capsule(py, batch)
    }
}

/// `batch` as a `pyarrow.Table` (zero-copy through the C stream interface).
pub(crate) fn table(py: Python<'_>, batch: RecordBatch) -> PyResult<Bound<'_, PyAny>> {
    let pa = pyarrow(py)?;
    let stream = Bound::new(py, ArrowStream(Mutex::new(Some(batch))))?;
    pa.getattr("RecordBatchReader")?
        .call_method1("from_stream", (stream,))?
        .call_method0("read_all")
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<ArrowStream>()?;
    Ok(())
}
