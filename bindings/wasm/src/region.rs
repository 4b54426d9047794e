//! `Region`.

use berdaya::{RegionCode, RegionInfo};
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::errors::{throw, to_js};

/// A validated Kemendagri region code (`35`, `35.20`, `35.20.03`, `35.20.03.2001`).
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Region(pub(crate) RegionCode);

#[wasm_bindgen]
impl Region {
    /// Parses `3520` or `35.20` (any level). Throws a `BerdayaError` on bad input.
    #[wasm_bindgen(constructor)]
    pub fn new(code: &str) -> Result<Region, JsValue> {
        RegionCode::parse(code)
            .map(Region)
            .map_err(|e| throw(&e, Some(code)))
    }

    /// Canonical dotted code.
    #[wasm_bindgen(getter)]
    pub fn code(&self) -> String {
        self.0.to_string()
    }

    /// The code without dots.
    #[wasm_bindgen(getter)]
    pub fn compact(&self) -> String {
        self.0.compact()
    }

    /// `province`, `regency`, `district` or `village`.
    #[wasm_bindgen(getter)]
    pub fn level(&self) -> String {
        self.0.level().as_str().to_owned()
    }

    /// Official name where known.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> Option<String> {
        self.0.name().map(str::to_owned)
    }

    /// The province containing this code.
    #[wasm_bindgen(getter)]
    pub fn province(&self) -> Region {
        Region(self.0.province())
    }

    /// The regency or city containing this code, if deep enough.
    #[wasm_bindgen(getter)]
    pub fn regency(&self) -> Option<Region> {
        self.0.regency().map(Region)
    }

    /// Whether this code equals or lies inside `other`.
    #[wasm_bindgen(js_name = isWithin)]
    pub fn is_within(&self, other: &Region) -> bool {
        self.0.is_within(&other.0)
    }

    /// Whether two codes are equal.
    pub fn equals(&self, other: &Region) -> bool {
        self.0 == other.0
    }

    /// The region's facts as a plain object.
    pub fn info(&self) -> Result<Ts<RegionInfo>, JsValue> {
        to_js(&RegionInfo::from(&self.0))
    }

    /// The canonical code.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        self.0.to_string()
    }

    /// The canonical code.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> String {
        self.0.to_string()
    }
}
