//! `Nik` and `pseudonymize`.

use berdaya::{Nik as CoreNik, NikInfo};
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::errors::{date_arg, throw, to_js};
use crate::region::Region;

/// A validated NIK. `toString()` shows only the province; `reveal()` returns the digits.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Nik(pub(crate) CoreNik);

#[wasm_bindgen]
impl Nik {
    /// Parses and validates a NIK; `referenceDate` (ISO `YYYY-MM-DD` or a `Date`, read by its local
    /// calendar date) resolves the century.
    /// Throws a `BerdayaError` whose `code` names the failing rule.
    #[wasm_bindgen(constructor)]
    pub fn new(
        nik: &str,
        #[wasm_bindgen(js_name = referenceDate, unchecked_param_type = "string | Date")]
        reference_date: JsValue,
    ) -> Result<Nik, JsValue> {
        let reference_date = date_arg(&reference_date, "referenceDate")?;
        CoreNik::parse(nik, reference_date)
            .map(Nik)
            .map_err(|e| throw(&e, Some(nik)))
    }

    /// The 16 digits (personal data).
    pub fn reveal(&self) -> String {
        self.0.reveal().to_owned()
    }

    /// Province of first registration.
    #[wasm_bindgen(getter)]
    pub fn province(&self) -> Region {
        Region(self.0.province())
    }

    /// Regency/city of first registration.
    #[wasm_bindgen(getter)]
    pub fn regency(&self) -> Region {
        Region(self.0.regency())
    }

    /// District of first registration.
    #[wasm_bindgen(getter)]
    pub fn district(&self) -> Region {
        Region(self.0.district())
    }

    /// Encoded birth date, ISO `YYYY-MM-DD`.
    #[wasm_bindgen(getter, js_name = birthDate)]
    pub fn birth_date(&self) -> String {
        self.0.birth_date().to_string()
    }

    /// Encoded sex, `M` or `F`.
    #[wasm_bindgen(getter)]
    pub fn sex(&self) -> String {
        self.0.sex().as_str().to_owned()
    }

    /// Serial, 1-9999.
    #[wasm_bindgen(getter)]
    pub fn serial(&self) -> u16 {
        self.0.serial()
    }

    /// The derived facts as a plain object.
    pub fn info(&self) -> Result<Ts<NikInfo>, JsValue> {
        to_js(&self.0.info())
    }

    /// Whether two NIKs are the same number.
    pub fn equals(&self, other: &Nik) -> bool {
        self.0 == other.0
    }

    /// `35**************`: no personal data.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        self.0.to_string()
    }

    /// `JSON.stringify` gives the masked form, never the digits.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> String {
        self.0.to_string()
    }
}

/// HMAC-SHA-256 pseudonym of a NIK under `key` (at least 16 bytes), as 64 hex characters.
#[wasm_bindgen]
pub fn pseudonymize(nik: &Nik, key: &[u8]) -> Result<String, JsValue> {
    berdaya::pseudonymize(&nik.0, key).map_err(|e| throw(&e, None))
}
