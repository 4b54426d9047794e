//! Explanations in JS: `decision.explain(lang, form)` returns an `Explanation`.

use berdaya::rules::{Explanation as CoreExplanation, Form, Lang};
use wasm_bindgen::prelude::*;

use crate::domain::to_plain;
use crate::errors::throw;

/// Reads `lang` (`"en"` / `"id"`, default `"id"`) and `form` (`"short"` / `"full"`, default
/// `"short"`); throws a `BerdayaError` `rule.explain.unknown_language` / `unknown_form`.
pub(crate) fn args(lang: Option<String>, form: Option<String>) -> Result<(Lang, Form), JsValue> {
    let lang = match lang {
        None => Lang::Id,
        Some(l) => l.parse::<Lang>().map_err(|e| throw(&e, None))?,
    };
    let form = match form {
        None => Form::Short,
        Some(f) => f.parse::<Form>().map_err(|e| throw(&e, None))?,
    };
    Ok((lang, form))
}

/// A decision explained in English or Indonesian: `toString()` is the text; `sentences` say
/// which clause and facts each sentence speaks of.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Explanation(pub(crate) CoreExplanation);

#[wasm_bindgen]
impl Explanation {
    /// `"en"` or `"id"`.
    #[wasm_bindgen(getter, unchecked_return_type = "Lang")]
    pub fn lang(&self) -> String {
        self.0.lang.as_str().to_owned()
    }

    /// `"short"` or `"full"`.
    #[wasm_bindgen(getter, unchecked_return_type = "Form")]
    pub fn form(&self) -> String {
        self.0.form.as_str().to_owned()
    }

    /// `eligible`, `ineligible` or `undetermined`.
    #[wasm_bindgen(getter, unchecked_return_type = "Outcome")]
    pub fn outcome(&self) -> String {
        self.0.outcome.as_str().to_owned()
    }

    /// The whole text (the full form has one sentence per line).
    #[wasm_bindgen(getter)]
    pub fn text(&self) -> String {
        self.0.text.clone()
    }

    /// The sentences, with the clause and facts each speaks of.
    #[wasm_bindgen(getter, unchecked_return_type = "Sentence[]")]
    pub fn sentences(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.0.sentences)
    }

    /// The whole explanation as a plain object.
    #[wasm_bindgen(
        js_name = toJSON,
        unchecked_return_type = "{ lang: Lang; form: Form; outcome: Outcome; text: string; sentences: Sentence[] }"
    )]
    pub fn to_json(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.0)
    }

    /// The text.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        self.0.text.clone()
    }
}
