//! `berdaya.allocate`.

use berdaya::allocation::{allocate as core_allocate, AllocationRequest};
use pyo3::prelude::*;

use crate::{from_py, raise, to_py};

/// Allocates places: `request` is the wire form of an allocation request (seed,
/// commitments with places, applicants with priority facts, eligibility per commitment and
/// optional ranked preferences, priority keys); returns the allocation as a dict
/// (placements with rank and priority values, waitlists, reasons for everyone not placed,
/// the needs-information list). The GIL is released while it runs.
#[pyfunction]
fn allocate<'py>(py: Python<'py>, request: &Bound<'_, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let req: AllocationRequest = from_py(request, "allocation request")?;
    let out = py
        .detach(|| core_allocate(&req))
        .map_err(|e| raise(py, "AllocationError", &e, None))?;
    to_py(py, &out)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(allocate, m)?)?;
    Ok(())
}
