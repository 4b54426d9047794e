//! The checksummed snapshot envelope in JS. There is no file API: a browser has no file
//! system to write atomically to, and Node code can write the envelope text with `fs` itself
//! (the integrity check, not the write, is what must not be re-implemented).

use berdaya::registry::Registry as CoreRegistry;
use wasm_bindgen::prelude::*;

use crate::domain::Registry;
use crate::errors::throw;

#[wasm_bindgen]
impl Registry {
    /// The snapshot in its checksummed envelope (what `Registry::save` writes in Rust and
    /// Python).
    #[wasm_bindgen(js_name = toEnvelope)]
    pub fn to_envelope(&self) -> Result<String, JsValue> {
        self.core().to_envelope().map_err(|e| throw(&e, None))
    }

    /// Verifies an envelope (header, length, per-block and whole SHA-256) and reads the
    /// snapshot in it; throws `snapshot.truncated`, `snapshot.corrupted`,
    /// `snapshot.checksum_mismatch`, `snapshot.bad_header` or the snapshot's own codes.
    #[wasm_bindgen(js_name = fromEnvelope)]
    pub fn from_envelope(text: &str) -> Result<Registry, JsValue> {
        CoreRegistry::from_envelope(text)
            .map(Registry)
            .map_err(|e| throw(&e, None))
    }
}
