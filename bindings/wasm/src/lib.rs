//! The npm package `berdaya`: wasm-bindgen exports that convert JavaScript values, delegate
//! to the `berdaya` crate and convert back. No rule of the domain lives here.
//!
//! Names are the Rust/Python names in camelCase. Dates cross as ISO `YYYY-MM-DD` strings (a JS
//! `Date` carries a time zone that a calendar date does not have). Errors are thrown as `Error`
//! objects with `name = "BerdayaError"` and the fields of the core's `ErrorReport`: `code`,
//! `field`, `span`, `help`.

mod allocation;
mod domain;
mod enrollment;
mod errors;
mod explain;
mod nik;
mod population;
mod receipt;
mod region;
mod rules;
mod snapshot_file;
mod versioned;

pub use errors::BerdayaErrorReport;

/// The package version.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
