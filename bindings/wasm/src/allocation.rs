//! `allocate`.

use berdaya::allocation::{allocate as core_allocate, AllocationRequest};
use wasm_bindgen::prelude::*;

use crate::domain::{from_js, to_plain};
use crate::errors::throw;

/// Allocates places: `request` is the wire form of an allocation request; returns the
/// allocation (placements, waitlists, reasons, needs-information list) as a plain object.
#[wasm_bindgen(unchecked_return_type = "Allocation")]
pub fn allocate(
    #[wasm_bindgen(unchecked_param_type = "AllocationRequest")] request: JsValue,
) -> Result<JsValue, JsValue> {
    let req: AllocationRequest = from_js(request, "allocation request")?;
    let out = core_allocate(&req).map_err(|e| throw(&e, None))?;
    to_plain(&out)
}
