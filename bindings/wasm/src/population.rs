//! `Population` and `Rule.evaluateBatch`.

use berdaya::population::{
    synth, ImportOptions, ImportReport, OnError, Population as CorePopulation,
};
use wasm_bindgen::prelude::*;

use crate::domain::to_plain;
use crate::errors::{bad_argument, date_arg, throw};

pub(crate) fn options(
    reference_date: &JsValue,
    on_error: Option<String>,
) -> Result<ImportOptions, JsValue> {
    let date = date_arg(reference_date, "referenceDate")?;
    let on_error = match on_error.as_deref() {
        None | Some("reject_all") => OnError::RejectAll,
        Some("skip_row") => OnError::SkipRow,
        Some(_) => return Err(bad_argument("onError", "`reject_all` or `skip_row`")),
    };
    Ok(ImportOptions::new(date).on_error(on_error))
}

pub(crate) fn import_error(e: &berdaya::population::ImportError) -> JsValue {
    let err = throw(e, None);
    if let Ok(issues) = to_plain(&e.issues()) {
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str("diagnostics"), &issues);
    }
    err
}

/// A columnar population of beneficiaries (the tabular schema).
#[wasm_bindgen]
#[derive(Debug)]
pub struct Population {
    pub(crate) pop: CorePopulation,
    pub(crate) report: ImportReport,
}

#[wasm_bindgen]
impl Population {
    /// Reads CSV text; bad cells throw a `BerdayaError` (`import.rejected`) whose
    /// `diagnostics` list every issue, unless `onError` is `skip_row`. `delimiter` is `,`
    /// (default), `;` (spreadsheets in the Indonesian locale) or a tab.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        text: &str,
        #[wasm_bindgen(js_name = referenceDate, unchecked_param_type = "string | Date")]
        reference_date: JsValue,
        #[wasm_bindgen(js_name = onError, unchecked_param_type = "\"reject_all\" | \"skip_row\" | undefined")]
        on_error: Option<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "\",\" | \";\" | \"\\t\"")]
        delimiter: Option<String>,
    ) -> Result<Population, JsValue> {
        let mut opts = options(&reference_date, on_error)?;
        match delimiter.as_deref() {
            None | Some(",") => {}
            Some(";") => opts = opts.delimiter(b';'),
            Some("\t") => opts = opts.delimiter(b'\t'),
            Some(_) => return Err(bad_argument("delimiter", "`,`, `;` or a tab")),
        }
        let (pop, report) =
            CorePopulation::from_csv(text.as_bytes(), &opts).map_err(|e| import_error(&e))?;
        Ok(Population { pop, report })
    }

    /// Reads the first worksheet of an `.xlsx` workbook (e.g. the bytes of a file the user
    /// picked); date cells are read as dates. A file that is not a readable workbook throws
    /// `import.bad_xlsx`; bad cells as in `fromCsv`.
    #[wasm_bindgen(js_name = fromXlsx)]
    pub fn from_xlsx(
        bytes: &[u8],
        #[wasm_bindgen(js_name = referenceDate, unchecked_param_type = "string | Date")]
        reference_date: JsValue,
        #[wasm_bindgen(js_name = onError, unchecked_param_type = "\"reject_all\" | \"skip_row\" | undefined")]
        on_error: Option<String>,
    ) -> Result<Population, JsValue> {
        let opts = options(&reference_date, on_error)?;
        let (pop, report) =
            CorePopulation::from_xlsx(bytes, &opts).map_err(|e| import_error(&e))?;
        Ok(Population { pop, report })
    }

    /// A seeded synthetic population.
    pub fn synthetic(
        n: usize,
        seed: u32,
        #[wasm_bindgen(js_name = asOf, unchecked_param_type = "string | Date")] as_of: JsValue,
    ) -> Result<Population, JsValue> {
        let as_of = date_arg(&as_of, "asOf")?;
        Ok(Population {
            pop: synth::generate(n, u64::from(seed), as_of),
            report: ImportReport::default(),
        })
    }

    /// Number of rows.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.pop.len()
    }

    /// What the import read, skipped and reported.
    #[wasm_bindgen(getter, js_name = importReport, unchecked_return_type = "ImportReport")]
    pub fn import_report(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.report)
    }

    /// CSV text in the tabular schema.
    #[wasm_bindgen(js_name = toCsv)]
    pub fn to_csv(&self) -> String {
        self.pop.to_csv()
    }
}
