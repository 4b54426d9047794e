//! Importing a [`Population`] from columns: each column of the tabular schema given whole,
//! either dictionary-encoded (a code per row into a list of distinct values) or as numbers.
//!
//! This is the fast path for callers that already hold columns (a JS array of objects
//! converted to columns on the JS side, a dataframe): each *distinct* value is parsed and
//! validated once (a date, a NIK, an enumerated value, a list cell), and rows take the parsed
//! value by code. The result — population, report and every issue — is what
//! [`Population::from_rows`] gives for the same typed rows, and what
//! [`Population::from_csv`] gives for the same text cells (one exception, see
//! [`Population::from_columns`]).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::NaiveDate;

use super::builder::{clean_skill, sort_dictionaries, MAX_SKILLS};
use super::column::{Col, StrArena};
use super::id_table::IdTable;
use super::import::{map_header, Cell, Filler, COLUMNS};
use super::nik_check::NikChecker;
use super::{code, date_of_day_number, day_number, Population, Row};
use super::{ImportError, ImportIssue, ImportOptions, ImportReport, OnError};
use crate::disability::DisabilitySet;
use crate::region::RegionCode;

/// The code of an unknown (null) cell in a dictionary-encoded column.
pub const NULL_CODE: u32 = u32::MAX;

/// One distinct value of a dictionary-encoded column.
///
/// `Debug` does not show the value (it may be a NIK or a name).
#[derive(Clone, PartialEq)]
pub enum ColumnValue<'a> {
    /// A cell as text, read as a CSV or JSON-lines cell of its column (trimmed; empty is
    /// unknown).
    Text(Cow<'a, str>),
    /// A list of strings (for `disabilities` and `skills`; a list elsewhere is
    /// `import.bad_type`), as a JSON array of strings.
    List(Vec<Cow<'a, str>>),
    /// A number: in the date columns a day number (days since 1970-01-01, as Arrow
    /// `date32`), in `dtks_decile` the decile, elsewhere read as the text of the number
    /// (`3520`, `3`); `NaN` is unknown.
    Number(f64),
}

impl fmt::Debug for ColumnValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ColumnValue::Text(_) => f.write_str("Text(..)"),
            ColumnValue::List(v) => write!(f, "List({} items)", v.len()),
            ColumnValue::Number(_) => f.write_str("Number(..)"),
        }
    }
}

/// The values of one column.
#[derive(Clone)]
enum ColumnData<'a> {
    Dictionary {
        codes: Cow<'a, [u32]>,
        values: Vec<ColumnValue<'a>>,
    },
    Text(Vec<Option<Cow<'a, str>>>),
    Numbers(Cow<'a, [f64]>),
}

/// The columns of a population to import with [`Population::from_columns`].
///
/// Column names are those of the tabular schema (any case; surrounding spaces ignored);
/// columns of other names are ignored, as extra CSV columns are; a schema column not given is
/// unknown for every row. `id` is required.
///
/// `Debug` shows the number of rows and the column names only.
#[derive(Clone, Default)]
pub struct ColumnsInput<'a> {
    len: usize,
    columns: Vec<(String, ColumnData<'a>)>,
}

impl fmt::Debug for ColumnsInput<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.columns.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("ColumnsInput")
            .field("len", &self.len)
            .field("columns", &names)
            .finish()
    }
}

impl<'a> ColumnsInput<'a> {
    /// Columns of `len` rows.
    pub fn new(len: usize) -> Self {
        ColumnsInput {
            len,
            columns: Vec::new(),
        }
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds a dictionary-encoded column: `codes` has one entry per row, an index into
    /// `values` or [`NULL_CODE`] for unknown. Each distinct value is parsed once.
    pub fn dictionary(
        mut self,
        name: &str,
        codes: impl Into<Cow<'a, [u32]>>,
        values: Vec<ColumnValue<'a>>,
    ) -> Self {
        let data = ColumnData::Dictionary {
            codes: codes.into(),
            values,
        };
        self.columns.push((name.to_owned(), data));
        self
    }

    /// Adds a column of one text cell per row (`None` unknown), for columns whose values are
    /// all different: `id`, `nik`, `name`.
    pub fn text(mut self, name: &str, values: Vec<Option<Cow<'a, str>>>) -> Self {
        self.columns
            .push((name.to_owned(), ColumnData::Text(values)));
        self
    }

    /// Adds a column of numbers, one per row, read as [`ColumnValue::Number`] (`NaN`
    /// unknown): day numbers for dates, the decile, or numbers read as text.
    pub fn numbers(mut self, name: &str, values: impl Into<Cow<'a, [f64]>>) -> Self {
        self.columns
            .push((name.to_owned(), ColumnData::Numbers(values.into())));
        self
    }
}

/// A value parsed for storage.
#[derive(Clone, Default)]
enum Val<'a> {
    #[default]
    Null,
    Str(Cow<'a, str>),
    Num(u64),
    Skills(Vec<String>),
}

/// One distinct value, parsed: its value and the issues of its cell (reported in the cell
/// phase, in column order) and of the row checks (reported after, as `PopulationBuilder`
/// does: nik, decile range, regency level, skills), all with row 0.
#[derive(Clone, Default)]
struct Entry<'a> {
    val: Val<'a>,
    cell: Vec<ImportIssue>,
    check: Vec<ImportIssue>,
}

const DATE_MESSAGE: &str = "a date is written `YYYY-MM-DD` or `DD/MM/YYYY`";
const DECILE_MESSAGE: &str = "a DTKS decile is an integer from 1 to 10";
const REGENCY_MESSAGE: &str = "a regency code has 4 digits, e.g. `3520` or `35.20`";

fn number_text(n: f64) -> String {
    format!("{n}")
}

/// `s` without surrounding whitespace, as `str::trim`; most cells have none, told by their
/// first and last bytes.
#[inline]
fn trim(s: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x80);
    let b = s.as_bytes();
    if plain(b.first()) && plain(b.last()) {
        s
    } else {
        s.trim()
    }
}

/// Parses one value of schema column `col` (an index into [`COLUMNS`]).
fn parse<'a>(col: usize, value: &ColumnValue<'a>, nik: &mut NikChecker) -> Entry<'a> {
    let name = COLUMNS.get(col).copied().unwrap_or("");
    let mut e = Entry::default();
    let text: Cow<'a, str> = match value {
        ColumnValue::Number(n) if n.is_nan() => return e,
        ColumnValue::Number(n) => match name {
            "birth_date" | "residence_since" | "discharged_on" => {
                let day =
                    (n.fract() == 0.0 && *n >= f64::from(i32::MIN) && *n <= f64::from(i32::MAX))
                        .then_some(*n as i32)
                        .filter(|d| date_of_day_number(*d).is_some());
                match day {
                    Some(d) => e.val = Val::Num(d as u32 as u64),
                    None => e.cell.push(ImportIssue::new(
                        0,
                        name,
                        &number_text(*n),
                        "import.bad_date",
                        DATE_MESSAGE,
                    )),
                }
                return e;
            }
            "dtks_decile" => {
                if n.fract() == 0.0 && (0.0..=255.0).contains(n) {
                    let d = *n as u8;
                    if (1..=10).contains(&d) {
                        e.val = Val::Num(u64::from(d));
                    } else {
                        // As `PopulationBuilder::check` for a typed decile.
                        e.check.push(ImportIssue::new(
                            0,
                            name,
                            &d.to_string(),
                            "import.bad_decile",
                            DECILE_MESSAGE,
                        ));
                    }
                } else {
                    e.cell.push(ImportIssue::new(
                        0,
                        name,
                        &number_text(*n),
                        "import.bad_decile",
                        DECILE_MESSAGE,
                    ));
                }
                return e;
            }
            _ => Cow::Owned(number_text(*n)),
        },
        ColumnValue::Text(Cow::Borrowed(s)) => {
            let s: &'a str = s;
            Cow::Borrowed(trim(s))
        }
        ColumnValue::Text(Cow::Owned(s)) => Cow::Owned(trim(s).to_owned()),
        ColumnValue::List(items) => {
            let items = items.iter().map(|s| s.trim().to_owned()).collect();
            return parse_with_filler(col, Cell::List(items), e);
        }
    };
    if text.is_empty() {
        return e;
    }
    match name {
        "id" | "name" | "upt_id" => e.val = Val::Str(text),
        "nik" => match nik.check(&text) {
            Ok(n) => e.val = Val::Num(n),
            Err((code, message)) => {
                e.check
                    .push(ImportIssue::new(0, "nik", &text, code, &message));
            }
        },
        "regency" => match RegionCode::parse(&text) {
            Ok(r) => match code::regency(&r) {
                Some(c) => e.val = Val::Num(u64::from(c)),
                // As `PopulationBuilder::check` for a typed code of another level.
                None => e.check.push(ImportIssue::new(
                    0,
                    name,
                    &r.to_string(),
                    "import.bad_regency",
                    REGENCY_MESSAGE,
                )),
            },
            Err(_) => e.cell.push(ImportIssue::new(
                0,
                name,
                &text,
                "import.bad_regency",
                REGENCY_MESSAGE,
            )),
        },
        _ => return parse_with_filler(col, Cell::Text(text), e),
    }
    e
}

/// Parses a cell as CSV and JSON lines do, through the same [`Filler`].
fn parse_with_filler<'a>(col: usize, cell: Cell<'_>, mut e: Entry<'a>) -> Entry<'a> {
    let mut filler = Filler {
        row_no: 0,
        semicolon_lists: true,
        issues: Vec::new(),
    };
    let mut row = Row::default();
    filler.fill(&mut row, col, cell);
    e.cell = filler.issues;
    let small = |v: Option<u8>| v.map_or(Val::Null, |v| Val::Num(u64::from(v)));
    let day = |d: Option<NaiveDate>| d.map_or(Val::Null, |d| Val::Num(day_number(d) as u32 as u64));
    e.val = match COLUMNS.get(col).copied().unwrap_or("") {
        "birth_date" => day(row.birth_date),
        "residence_since" => day(row.residence_since),
        "discharged_on" => day(row.discharged_on),
        "sex" => small(row.sex.map(code::sex)),
        "care_status" => small(row.care_status.map(code::care_status)),
        "education" => small(row.education.map(code::education)),
        "employment" => small(row.employment.map(code::employment)),
        "dtks_decile" => small(row.dtks_decile),
        "disabilities" => row.disabilities.map_or(Val::Null, |d| {
            // Normalised as the builder does: an unspecified type beside a sub-type is dropped.
            Val::Num(u64::from(d.iter().collect::<DisabilitySet>().bits()))
        }),
        "skills" => match row.skills {
            None => Val::Null,
            Some(list) => {
                let mut out: Vec<String> = Vec::with_capacity(list.len());
                for s in &list {
                    match clean_skill(s) {
                        Ok(None) => {}
                        Ok(Some(s)) => {
                            if !out.contains(&s) {
                                out.push(s);
                            }
                        }
                        Err(issue) => e.check.push(issue),
                    }
                }
                Val::Skills(out)
            }
        },
        // id, name, upt_id, nik, regency given as a list: the filler reported the type.
        _ => Val::Null,
    };
    e
}

impl Population {
    /// Builds a population from columns (see [`ColumnsInput`]) under the chosen
    /// [`OnError`] policy. Each distinct value of a dictionary-encoded column is parsed and
    /// validated once; rows are numbered from 1.
    ///
    /// The result and every issue (row, column, masked value, code, message, and their order)
    /// are those of [`from_rows`](Self::from_rows) for the same typed rows (text cells in the
    /// canonical forms, dates as day numbers or ISO text, the decile as a number, lists as
    /// [`ColumnValue::List`]); text cells are read as [`from_csv`](Self::from_csv) reads
    /// them, with one difference: a code of another level than a regency in the `regency`
    /// column (`35.20.01`) is reported after the row's other cell issues, with the code as
    /// written canonically, as `from_rows` does.
    ///
    /// With [`ImportOptions::columns`] only the named columns (and `id`) are read, e.g. a
    /// rule's [`input_columns`](crate::rules::Rule::input_columns); the others are unknown
    /// for every row.
    ///
    /// # Errors
    /// [`ImportError`] with every issue under [`OnError::RejectAll`]; under either policy
    /// when there is no `id` column (`import.missing_column`), a column is given twice
    /// (`import.duplicate_column`), a column's length is not the number of rows
    /// (`import.bad_field_count`) or a code is outside its dictionary (`import.bad_type`).
    ///
    /// # Examples
    /// ```
    /// use berdaya::population::{ColumnValue, ColumnsInput, ImportOptions, OnError, Population, NULL_CODE};
    /// use chrono::NaiveDate;
    /// let ids = vec![Some("p1".into()), Some("p2".into()), Some("p3".into())];
    /// let input = ColumnsInput::new(3)
    ///     .text("id", ids)
    ///     // two distinct birth dates, one unknown, each parsed once
    ///     .dictionary("birth_date", vec![0, 1, NULL_CODE], vec![
    ///         ColumnValue::Text("07/11/1995".into()),
    ///         ColumnValue::Text("1990-13-01".into()),
    ///     ])
    ///     .numbers("dtks_decile", vec![3.0, f64::NAN, 4.0]);
    /// let opts = ImportOptions::new(NaiveDate::from_ymd_opt(2020, 9, 9).unwrap())
    ///     .on_error(OnError::SkipRow);
    /// let (pop, report) = Population::from_columns(&input, &opts)?;
    /// assert_eq!(pop.len(), 2);
    /// assert_eq!(report.skipped_rows, vec![2]);
    /// assert_eq!(report.issues[0].code, "import.bad_date");
    /// assert_eq!(pop.dtks_decile().get(1), Some(4));
    /// # Ok::<(), berdaya::population::ImportError>(())
    /// ```
    pub fn from_columns(
        input: &ColumnsInput<'_>,
        opts: &ImportOptions,
    ) -> Result<(Population, ImportReport), ImportError> {
        let n = input.len;
        let columns = parse_columns(input, opts)?;
        let mut report = ImportReport {
            rows_read: n,
            ..ImportReport::default()
        };
        // Rows with an issue of their own cells (independent of other rows).
        let mut bad = vec![false; n];
        for c in &columns {
            if c.entries.iter().any(|e| e.issues.is_some()) {
                for (row, flag) in bad.iter_mut().enumerate() {
                    *flag |= c.entry(row).is_some_and(|e| e.issues.is_some());
                }
            }
        }
        let id_col = columns.iter().find(|c| c.col == 0);
        let skills_col = columns.iter().find(|c| c.col == 13);
        // What depends on the rows committed before: duplicate ids, and (only when the input
        // holds more than 64 distinct skills) too many skills. One pass in row order, as
        // `PopulationBuilder` does.
        let mut committed = vec![false; n];
        let mut ids = IdTable::with_capacity(n);
        // The id of a committed row, by row number.
        let id_of = |row_no: usize| text_of(row_no.wrapping_sub(1), id_col);
        let skill_limit = skills_col.is_some_and(|c| {
            let mut all: HashSet<&str> = HashSet::new();
            for e in &c.entries {
                if let Val::Skills(list) = &e.val {
                    all.extend(list.iter().map(String::as_str));
                }
            }
            all.len() > MAX_SKILLS
        });
        let mut skill_set: HashSet<&str> = HashSet::new();
        for row in 0..n {
            let row_no = row + 1;
            let id = id_col
                .and_then(|c| c.entry(row))
                .and_then(|e| match &e.val {
                    Val::Str(s) => Some(s.as_ref()),
                    _ => None,
                })
                .unwrap_or("");
            let skills = skills_col
                .and_then(|c| c.entry(row))
                .and_then(|e| match &e.val {
                    Val::Skills(list) => Some(list),
                    _ => None,
                });
            let mut too_many = None;
            if let (true, Some(list)) = (skill_limit, skills) {
                let new = list
                    .iter()
                    .filter(|s| !skill_set.contains(s.as_str()))
                    .count();
                if skill_set.len() + new > MAX_SKILLS {
                    too_many = Some(ImportIssue::new(
                        row_no,
                        "skills",
                        &list.join("|"),
                        "import.too_many_skills",
                        "a population holds at most 64 distinct skills",
                    ));
                }
            }
            let clean = too_many.is_none() && !bad.get(row).copied().unwrap_or(true);
            let mut late = Vec::new();
            if id.is_empty() {
                late.push(ImportIssue::new(
                    row_no,
                    "id",
                    "",
                    "import.missing_id",
                    "the id is missing",
                ));
            } else {
                // One hash per row: the id is taken only if the row is committed.
                match ids.find(id, id_of) {
                    Ok(first) => late.push(ImportIssue::new(
                        row_no,
                        "id",
                        id,
                        "import.duplicate_id",
                        &format!("this id is already used by row {first}"),
                    )),
                    Err(slot) if clean => {
                        ids.insert(slot, row_no);
                        if let Some(c) = committed.get_mut(row) {
                            *c = true;
                        }
                        if let (true, Some(list)) = (skill_limit, skills) {
                            skill_set.extend(list.iter().map(String::as_str));
                        }
                        continue;
                    }
                    Err(_) => {}
                }
            }
            // The row's issues in the order of `PopulationBuilder`: its cells in column
            // order, then the id, nik, decile, regency and skills checks.
            let mut issues: Vec<ImportIssue> = Vec::new();
            for c in &columns {
                if let Some(i) = c.entry(row).and_then(|e| e.issues.as_ref()) {
                    issues.extend(i.0.iter().map(|x| x.clone().at(row_no)));
                }
            }
            issues.append(&mut late);
            for col in [1, 11, 14, 13] {
                for c in columns.iter().filter(|c| c.col == col) {
                    if let Some(i) = c.entry(row).and_then(|e| e.issues.as_ref()) {
                        issues.extend(i.1.iter().map(|x| x.clone().at(row_no)));
                    }
                }
            }
            issues.extend(too_many);
            report.skipped_rows.push(row_no);
            report.issues.append(&mut issues);
        }
        let kept: Vec<usize> = (0..n)
            .filter(|&r| committed.get(r).copied().unwrap_or(false))
            .collect();
        if opts.on_error == OnError::RejectAll && !report.issues.is_empty() {
            return Err(ImportError::from_issues(report.issues));
        }
        Ok((sort_dictionaries(fill(&columns, &kept)), report))
    }
}

/// A column of the input, parsed: an entry per distinct value (or per row) and the entry of
/// each row.
struct Parsed<'c, 'a> {
    /// Index into [`COLUMNS`].
    col: usize,
    entries: Vec<Slim<'a>>,
    /// Per row, an index into `entries` or [`NULL_CODE`]; `None`: the row's own entry.
    codes: Option<&'c [u32]>,
}

impl<'a> Parsed<'_, 'a> {
    #[inline]
    fn entry(&self, row: usize) -> Option<&Slim<'a>> {
        let code = match self.codes {
            Some(codes) => *codes.get(row)?,
            None => row as u32,
        };
        self.entries.get(code as usize)
    }
}

/// A parsed value and, if any, its cell and check issues (row 0).
struct Slim<'a> {
    val: Val<'a>,
    issues: Option<Box<(Vec<ImportIssue>, Vec<ImportIssue>)>>,
}

impl<'a> From<Entry<'a>> for Slim<'a> {
    fn from(e: Entry<'a>) -> Self {
        let issues =
            (!e.cell.is_empty() || !e.check.is_empty()).then(|| Box::new((e.cell, e.check)));
        Slim { val: e.val, issues }
    }
}

fn fatal(issue: ImportIssue) -> ImportError {
    ImportError::from_issues(vec![issue])
}

/// Maps the input's columns to the schema and parses each distinct value once.
fn parse_columns<'c, 'a>(
    input: &'c ColumnsInput<'a>,
    opts: &ImportOptions,
) -> Result<Vec<Parsed<'c, 'a>>, ImportError> {
    // one for the whole import: every NIK's region and birth-date parts checked once
    let mut nik = NikChecker::new(opts.reference_date);
    let n = input.len;
    let mapping = map_header(input.columns.iter().map(|(name, _)| name.as_str()))?;
    let mut out = Vec::with_capacity(mapping.len());
    for ((name, data), col) in input.columns.iter().zip(&mapping) {
        let Some(col) = *col else { continue };
        let column = COLUMNS.get(col).copied().unwrap_or("");
        let selected = opts.columns.as_ref().is_none_or(|cols| {
            col == 0 || cols.iter().any(|c| c.trim().eq_ignore_ascii_case(column))
        });
        if !selected {
            continue;
        }
        let len = match data {
            ColumnData::Dictionary { codes, .. } => codes.len(),
            ColumnData::Text(v) => v.len(),
            ColumnData::Numbers(v) => v.len(),
        };
        if len != n {
            return Err(fatal(ImportIssue::new(
                0,
                column,
                "",
                "import.bad_field_count",
                &format!("the column `{}` has {len} values for {n} rows", name.trim()),
            )));
        }
        let parsed = match data {
            ColumnData::Dictionary { codes, values } => {
                if let Some(row) = codes
                    .iter()
                    .position(|&c| c != NULL_CODE && c as usize >= values.len())
                {
                    return Err(fatal(ImportIssue::new(
                        row + 1,
                        column,
                        "",
                        "import.bad_type",
                        &format!(
                            "the code is outside the column's dictionary of {} values",
                            values.len()
                        ),
                    )));
                }
                Parsed {
                    col,
                    entries: values
                        .iter()
                        .map(|v| parse(col, v, &mut nik).into())
                        .collect(),
                    codes: Some(codes.as_ref()),
                }
            }
            ColumnData::Text(values) => {
                let plain_text = matches!(column, "id" | "name" | "upt_id");
                let mut entries = Vec::with_capacity(values.len());
                for v in values {
                    entries.push(match v {
                        // the text itself, without an `Entry` per row
                        Some(v) if plain_text => {
                            let t: Cow<'a, str> = match v {
                                Cow::Borrowed(s) => Cow::Borrowed(trim(s)),
                                Cow::Owned(s) => Cow::Owned(trim(s).to_owned()),
                            };
                            Slim {
                                val: if t.is_empty() { Val::Null } else { Val::Str(t) },
                                issues: None,
                            }
                        }
                        // a valid NIK without an `Entry`; a bad one through `parse`
                        Some(v) if column == "nik" => {
                            let t = trim(v);
                            match nik.check(t) {
                                Ok(n) if !t.is_empty() => Slim {
                                    val: Val::Num(n),
                                    issues: None,
                                },
                                _ => parse(col, &ColumnValue::Text(v.clone()), &mut nik).into(),
                            }
                        }
                        Some(v) => parse(col, &ColumnValue::Text(v.clone()), &mut nik).into(),
                        None => Slim {
                            val: Val::Null,
                            issues: None,
                        },
                    });
                }
                Parsed {
                    col,
                    entries,
                    codes: None,
                }
            }
            ColumnData::Numbers(values) => Parsed {
                col,
                entries: values
                    .iter()
                    .map(|&v| parse(col, &ColumnValue::Number(v), &mut nik).into())
                    .collect(),
                codes: None,
            },
        };
        out.push(parsed);
    }
    Ok(out)
}

/// A column of the kept rows from the entries' numbers.
fn numbers<T: Copy + Default>(
    column: Option<&Parsed<'_, '_>>,
    kept: &[usize],
    conv: impl Fn(u64) -> T,
) -> Col<T> {
    let m = kept.len();
    let mut values = vec![T::default(); m];
    let mut valid = vec![0u64; m.div_ceil(64)];
    let Some(c) = column else {
        return Col { values, valid };
    };
    let value = |e: &Slim<'_>| match e.val {
        Val::Num(v) => Some(conv(v)),
        _ => None,
    };
    let mut set = |i: usize, v: Option<T>| {
        if let (Some(v), Some(slot)) = (v, values.get_mut(i)) {
            *slot = v;
            if let Some(w) = valid.get_mut(i / 64) {
                *w |= 1 << (i % 64);
            }
        }
    };
    match c.codes {
        // the value of each distinct entry once, then a lookup per row
        Some(codes) => {
            let table: Vec<Option<T>> = c.entries.iter().map(value).collect();
            for (i, &row) in kept.iter().enumerate() {
                let code = codes.get(row).copied().unwrap_or(NULL_CODE);
                set(i, table.get(code as usize).copied().flatten());
            }
        }
        None => {
            for (i, &row) in kept.iter().enumerate() {
                set(i, c.entries.get(row).and_then(value));
            }
        }
    }
    Col { values, valid }
}

/// The text of a row's entry (`id`, `name`, `upt_id`).
fn text_of<'p>(row: usize, c: Option<&'p Parsed<'_, '_>>) -> Option<&'p str> {
    c.and_then(|c| c.entry(row)).and_then(|e| match &e.val {
        Val::Str(s) => Some(s.as_ref()),
        _ => None,
    })
}

/// The population of the kept rows (dictionaries not yet sorted).
fn fill(columns: &[Parsed<'_, '_>], kept: &[usize]) -> Population {
    let m = kept.len();
    let find = |col: usize| columns.iter().find(|c| c.col == col);
    let (id_col, name_col) = (find(0), find(2));
    let id_bytes: usize = kept
        .iter()
        .map(|&r| text_of(r, id_col).map_or(0, str::len))
        .sum();
    let mut ids = StrArena::with_capacity(m, id_bytes);
    let mut names = StrArena::with_capacity(m, 0);
    for &row in kept {
        ids.push(text_of(row, id_col));
    }
    // a column not read (e.g. not an input of the rule) is unknown for every row, at once
    match name_col {
        None => names.push_nulls(m),
        Some(_) => kept
            .iter()
            .for_each(|&row| names.push(text_of(row, name_col))),
    }
    let nik = numbers(find(1), kept, |v| v);
    let nik_province = nik
        .values
        .iter()
        .map(|&n| (n / 100_000_000_000_000) as u8)
        .collect();
    let day = |v: u64| v as u32 as i32;
    let small = |v: u64| v as u8;
    // upt: a dictionary of the kept rows' values, an index per entry once assigned.
    let mut upt_dictionary: Vec<String> = Vec::new();
    let mut upt = Col::with_capacity(m);
    match find(7) {
        None => upt = numbers(None, kept, |v| v as u32),
        Some(c) => {
            let mut index: HashMap<&str, u32> = HashMap::new();
            // Per dictionary entry, its index once assigned (no hashing per row).
            let mut cache: Vec<u32> = vec![u32::MAX; c.codes.map_or(0, |_| c.entries.len())];
            for &row in kept {
                let code = c.codes.and_then(|codes| codes.get(row)).copied();
                let cached = code.and_then(|k| cache.get(k as usize)).copied();
                if let Some(i) = cached.filter(|&i| i != u32::MAX) {
                    upt.push(Some(i));
                    continue;
                }
                let i = text_of(row, Some(c)).map(|u| {
                    *index.entry(u).or_insert_with(|| {
                        upt_dictionary.push(u.to_owned());
                        upt_dictionary.len() as u32 - 1
                    })
                });
                if let (Some(k), Some(i)) = (code, i) {
                    if let Some(slot) = cache.get_mut(k as usize) {
                        *slot = i;
                    }
                }
                upt.push(i);
            }
        }
    }
    // skills: bits over the kept rows' skills, cached per entry.
    let mut skill_dictionary: Vec<String> = Vec::new();
    let mut skills = Col::with_capacity(m);
    match find(13) {
        None => skills = numbers(None, kept, |v| v),
        Some(c) => {
            let mut index: HashMap<&str, u8> = HashMap::new();
            let mut cache: Vec<Option<u64>> = vec![
                None;
                if c.codes.is_some() {
                    c.entries.len()
                } else {
                    0
                }
            ];
            for &row in kept {
                let code = c.codes.and_then(|codes| codes.get(row)).copied();
                if let Some(bits) = code.and_then(|k| cache.get(k as usize).copied().flatten()) {
                    skills.push(Some(bits));
                    continue;
                }
                let bits = c.entry(row).and_then(|e| match &e.val {
                    Val::Skills(list) => Some(list.iter().fold(0u64, |bits, s| {
                        let i = *index.entry(s.as_str()).or_insert_with(|| {
                            skill_dictionary.push(s.clone());
                            (skill_dictionary.len() - 1) as u8
                        });
                        bits | 1u64.checked_shl(u32::from(i)).unwrap_or(0)
                    })),
                    _ => None,
                });
                if let (Some(k), Some(b)) = (code, bits) {
                    if let Some(slot) = cache.get_mut(k as usize) {
                        *slot = Some(b);
                    }
                }
                skills.push(bits);
            }
        }
    }
    Population {
        ids,
        names,
        nik,
        nik_province,
        birth_date: numbers(find(3), kept, day),
        sex: numbers(find(4), kept, small),
        disabilities: numbers(find(5), kept, |v| v as u16),
        care_status: numbers(find(6), kept, small),
        upt,
        upt_dictionary,
        residence_since: numbers(find(8), kept, day),
        discharged_on: numbers(find(9), kept, day),
        education: numbers(find(10), kept, small),
        dtks_decile: numbers(find(11), kept, small),
        employment: numbers(find(12), kept, small),
        skills,
        skill_dictionary,
        regency: numbers(find(14), kept, |v| v as u16),
    }
}
