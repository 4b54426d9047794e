//! The npm package `berdaya`: wasm-bindgen exports that convert JavaScript values, delegate
//! to the `berdaya` crate and convert back. No rule of the domain lives here.
//!
//! Names are the Rust/Python names in camelCase. Dates cross as ISO `YYYY-MM-DD` strings (a JS
//! `Date` carries a time zone that a calendar date does not have). Errors are thrown as `Error`
//! objects with `name = "BerdayaError"` and the fields of the core's `ErrorReport`: `code`,
//! `field`, `span`, `help`.

mod allocation;
mod columns;
mod domain;
mod enrollment;
mod errors;
mod explain;
mod nik;
mod outcomes;
mod population;
mod receipt;
mod records;
mod region;
mod rules;
mod snapshot_file;
mod versioned;
mod web;

pub use errors::BerdayaErrorReport;
// The exported classes by path, for Rust tests of the binding (tests/web.rs).
pub use population::Population;
pub use rules::{check, Decision, Rule};

/// The package version.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// The size of the module's linear memory in bytes. WebAssembly memory only grows, so an app
/// (or a test) can watch this to see that repeated calls do not leak.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        (core::arch::wasm32::memory_size(0) as f64) * 65536.0
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}
