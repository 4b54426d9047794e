//! `berdaya.Population` and `Rule.evaluate_batch`.

use berdaya::population::{
    synth, ImportError, ImportOptions, ImportReport, OnError, Population, Row,
};
use pyo3::prelude::*;

use crate::{date_arg, from_py, to_py};

pub(crate) fn options(
    reference_date: &Bound<'_, PyAny>,
    on_error: &str,
    delimiter: Option<&str>,
) -> PyResult<ImportOptions> {
    let date = date_arg(reference_date, "reference_date")?;
    let on_error = match on_error {
        "reject_all" => OnError::RejectAll,
        "skip_row" => OnError::SkipRow,
        other => {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "`on_error` must be \"reject_all\" or \"skip_row\", not {other:?}"
            )))
        }
    };
    let mut opts = ImportOptions::new(date).on_error(on_error);
    if let Some(d) = delimiter {
        match d.as_bytes() {
            [b] => opts = opts.delimiter(*b),
            _ => {
                return Err(pyo3::exceptions::PyValueError::new_err(
                    "`delimiter` must be a single ASCII character",
                ))
            }
        }
    }
    Ok(opts)
}

pub(crate) fn import_error(py: Python<'_>, e: &ImportError) -> PyErr {
    match to_py(py, &e.issues()) {
        Ok(issues) => crate::errors::raise_with(py, "DataImportError", e, None, Some(issues)),
        Err(err) => err,
    }
}

/// A columnar population of beneficiaries (the tabular schema of BENCHMARK.md): dates as
/// day numbers, enums as small integers, disabilities and skills as bitmasks, validity
/// bitmaps for unknowns.
#[pyclass(name = "Population", module = "berdaya._native", frozen)]
#[derive(Debug)]
pub struct PyPopulation {
    pub(crate) pop: Population,
    report: ImportReport,
    /// The date NIKs were validated against (kept so that a pickled population reads back).
    reference_date: chrono::NaiveDate,
}

#[pymethods]
impl PyPopulation {
    /// Reads CSV text. Every bad cell is reported; with `on_error="reject_all"` (default)
    /// any issue raises `DataImportError` (its `.diagnostics` lists every issue: row,
    /// column, masked value, code, message); with `"skip_row"` bad rows are skipped and
    /// listed in `import_report`.
    #[staticmethod]
    #[pyo3(signature = (text, *, reference_date, on_error = "reject_all", delimiter = None))]
    fn from_csv(
        py: Python<'_>,
        text: &str,
        reference_date: &Bound<'_, PyAny>,
        on_error: &str,
        delimiter: Option<&str>,
    ) -> PyResult<Self> {
        let opts = options(reference_date, on_error, delimiter)?;
        let (pop, report) = py
            .detach(|| Population::from_csv(text.as_bytes(), &opts))
            .map_err(|e| import_error(py, &e))?;
        Ok(PyPopulation {
            pop,
            report,
            reference_date: opts.reference_date,
        })
    }

    /// Reads JSON lines (one object per line).
    #[staticmethod]
    #[pyo3(signature = (text, *, reference_date, on_error = "reject_all"))]
    fn from_json_lines(
        py: Python<'_>,
        text: &str,
        reference_date: &Bound<'_, PyAny>,
        on_error: &str,
    ) -> PyResult<Self> {
        let opts = options(reference_date, on_error, None)?;
        let (pop, report) = py
            .detach(|| Population::from_json_lines(text.as_bytes(), &opts))
            .map_err(|e| import_error(py, &e))?;
        Ok(PyPopulation {
            pop,
            report,
            reference_date: opts.reference_date,
        })
    }

    /// Reads the first worksheet of an `.xlsx` workbook, given as `bytes` or a file path.
    /// Date cells are read as dates; a NIK a spreadsheet stored as a number is reported
    /// (`import.nik_mangled`), not accepted; a file that is not a readable workbook raises
    /// `DataImportError` with code `import.bad_xlsx`.
    #[staticmethod]
    #[pyo3(signature = (source, *, reference_date, on_error = "reject_all"))]
    fn from_xlsx(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        reference_date: &Bound<'_, PyAny>,
        on_error: &str,
    ) -> PyResult<Self> {
        let opts = options(reference_date, on_error, None)?;
        let bytes: Vec<u8> = if let Ok(b) = source.cast::<pyo3::types::PyBytes>() {
            b.as_bytes().to_vec()
        } else if let Ok(path) = source.extract::<std::path::PathBuf>() {
            py.detach(|| std::fs::read(&path))
                .map_err(|e| pyo3::exceptions::PyOSError::new_err(e.to_string()))?
        } else {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "from_xlsx takes bytes or a path to an .xlsx file",
            ));
        };
        let (pop, report) = py
            .detach(|| Population::from_xlsx(&bytes, &opts))
            .map_err(|e| import_error(py, &e))?;
        Ok(PyPopulation {
            pop,
            report,
            reference_date: opts.reference_date,
        })
    }

    /// Builds a population from a list of dicts in the tabular form.
    #[staticmethod]
    #[pyo3(signature = (records, *, reference_date, on_error = "reject_all"))]
    fn from_records(
        py: Python<'_>,
        records: &Bound<'_, PyAny>,
        reference_date: &Bound<'_, PyAny>,
        on_error: &str,
    ) -> PyResult<Self> {
        let opts = options(reference_date, on_error, None)?;
        let rows: Vec<Row> = from_py(records, "records")?;
        let (pop, report) =
            Population::from_rows(&rows, &opts).map_err(|e| import_error(py, &e))?;
        Ok(PyPopulation {
            pop,
            report,
            reference_date: opts.reference_date,
        })
    }

    /// The registry's beneficiaries as of `as_of`, one row each, with the facts
    /// single-person evaluation derives (care status, UPT and stay dates from the care history
    /// as of the date, the welfare decile then, the domicile's regency).
    #[staticmethod]
    #[pyo3(signature = (registry, *, as_of))]
    fn from_registry(
        py: Python<'_>,
        registry: &Bound<'_, crate::domain::PyRegistry>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let as_of = date_arg(as_of, "as_of")?;
        let (pop, report) =
            Population::from_registry(&registry.borrow().0, &ImportOptions::new(as_of))
                .map_err(|e| import_error(py, &e))?;
        Ok(PyPopulation {
            pop,
            report,
            reference_date: as_of,
        })
    }

    /// A seeded synthetic population (BENCHMARK.md distributions), for tests and benchmarks.
    #[staticmethod]
    #[pyo3(signature = (n, *, seed, as_of))]
    fn synthetic(py: Python<'_>, n: usize, seed: u64, as_of: &Bound<'_, PyAny>) -> PyResult<Self> {
        let as_of = date_arg(as_of, "as_of")?;
        let pop = py.detach(|| synth::generate(n, seed, as_of));
        Ok(PyPopulation {
            pop,
            report: ImportReport::default(),
            reference_date: as_of,
        })
    }

    /// Reads Arrow data: anything with `__arrow_c_stream__` (a pyarrow Table or
    /// RecordBatchReader, a pandas ≥ 2.2 or polars DataFrame); other objects are given to
    /// `pyarrow.table` first. Strings may be plain, large, views or dictionaries (categoricals);
    /// dates `date32`/`date64`/timestamps or ISO strings; the decile integers or floats with
    /// NaN; lists lists of strings. `columns` limits the conversion to those schema columns
    /// (and `id`). Bad cells are reported as for CSV. The GIL is released while it reads.
    #[staticmethod]
    #[pyo3(signature = (data, *, reference_date, on_error = "reject_all", columns = None))]
    fn from_arrow(
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        reference_date: &Bound<'_, PyAny>,
        on_error: &str,
        columns: Option<Vec<String>>,
    ) -> PyResult<Self> {
        let mut opts = options(reference_date, on_error, None)?;
        if let Some(c) = columns {
            opts = opts.columns(c);
        }
        let reader = crate::arrow::reader(data)?;
        let (pop, report) = py
            .detach(|| Population::from_arrow(reader, &opts))
            .map_err(|e| import_error(py, &e))?;
        Ok(PyPopulation {
            pop,
            report,
            reference_date: opts.reference_date,
        })
    }

    /// The population as a `pyarrow.Table` in the canonical schema (strings, `date32`,
    /// `uint8` decile, lists of strings); `from_arrow` reads it back to an equal population.
    fn to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let batch = py.detach(|| self.pop.to_arrow());
        crate::arrow::table(py, batch)
    }

    /// The Arrow PyCapsule stream interface: `pyarrow.table(pop)`, `polars.DataFrame(pop)`.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, pyo3::types::PyCapsule>> {
        let _ = requested_schema;
        let batch = py.detach(|| self.pop.to_arrow());
        crate::arrow::capsule(py, batch)
    }

    /// Unpickles (see `__reduce__`).
    #[staticmethod]
    fn _from_pickle(
        py: Python<'_>,
        json_lines: &str,
        reference_date: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        Self::from_json_lines(py, json_lines, reference_date, "reject_all")
    }

    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyAny>, (String, chrono::NaiveDate))> {
        let cls = py.import("berdaya._native")?.getattr("Population")?;
        let text = py.detach(|| self.pop.to_json_lines());
        Ok((cls.getattr("_from_pickle")?, (text, self.reference_date)))
    }

    /// Same rows, same values (the import report is not compared).
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyPopulation>()
            .is_ok_and(|o| o.get().pop == self.pop)
    }

    /// What the import read, skipped and reported, as a dict.
    #[getter]
    fn import_report<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.report)
    }

    /// CSV text in the tabular schema (export then import is the identity).
    fn to_csv(&self) -> String {
        self.pop.to_csv()
    }

    /// JSON lines in the tabular schema.
    fn to_json_lines(&self) -> String {
        self.pop.to_json_lines()
    }

    fn __len__(&self) -> usize {
        self.pop.len()
    }

    fn __repr__(&self) -> String {
        format!("Population({} rows)", self.pop.len())
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPopulation>()?;
    crate::arrow::register(m)?;
    Ok(())
}
