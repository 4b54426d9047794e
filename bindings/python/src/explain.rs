//! Explanations in Python: `Decision.explain(lang, form)` returns an `Explanation`.

use berdaya::rules::{Explanation, Form, Lang};
use pyo3::prelude::*;

use crate::to_py;

/// Reads `lang` (`"en"` / `"id"`) and `form` (`"short"` / `"full"`); raises `InputError` with
/// code `rule.explain.unknown_language` / `rule.explain.unknown_form`.
pub(crate) fn args(py: Python<'_>, lang: &str, form: &str) -> PyResult<(Lang, Form)> {
    let lang = lang
        .parse::<Lang>()
        .map_err(|e| crate::errors::raise(py, "InputError", &e, None))?;
    let form = form
        .parse::<Form>()
        .map_err(|e| crate::errors::raise(py, "InputError", &e, None))?;
    Ok((lang, form))
}

/// A decision explained in English or Indonesian: `str(e)` is the text; `sentences` say which
/// clause and facts each sentence speaks of. Its repr shows no text (the text states the
/// person's facts).
#[pyclass(name = "Explanation", module = "berdaya._native", frozen)]
#[derive(Debug, Clone)]
pub struct PyExplanation(pub Explanation);

#[pymethods]
impl PyExplanation {
    /// `"en"` or `"id"`.
    #[getter]
    fn lang(&self) -> &'static str {
        self.0.lang.as_str()
    }

    /// `"short"` or `"full"`.
    #[getter]
    fn form(&self) -> &'static str {
        self.0.form.as_str()
    }

    /// `eligible`, `ineligible` or `undetermined`.
    #[getter]
    fn outcome(&self) -> &'static str {
        self.0.outcome.as_str()
    }

    /// The whole text (the full form has one sentence per line).
    #[getter]
    fn text(&self) -> &str {
        &self.0.text
    }

    /// The sentences as dicts: `kind`, `text`, `facts`, and `clause` and `rule` when they apply.
    #[getter]
    fn sentences<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0.sentences)
    }

    /// The whole explanation as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.0)
    }

    fn __str__(&self) -> &str {
        &self.0.text
    }

    /// Jupyter: outcome and, per sentence, kind, clause and facts (no values: see `str()`).
    fn _repr_html_(&self) -> String {
        crate::html::explanation(&self.0)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyExplanation>()
            .is_ok_and(|o| o.get().0 == self.0)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.0.text.hash(&mut h);
        h.finish()
    }

    fn __repr__(&self) -> String {
        format!(
            "Explanation({}, {}, {}, {} sentences)",
            self.0.lang.as_str(),
            self.0.form.as_str(),
            self.0.outcome.as_str(),
            self.0.sentences.len()
        )
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyExplanation>()
}
