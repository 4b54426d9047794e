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
use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;

use super::builder::{clean_skill, sort_dictionaries, MAX_SKILLS};
use super::column::{Col, StrArena};
use super::import::{check_nik, map_header, Cell, Filler, COLUMNS};
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
    /// The committed upt index or skill bits, once known (dictionary entries only).
    slot: Option<u64>,
}

const DATE_MESSAGE: &str = "a date is written `YYYY-MM-DD` or `DD/MM/YYYY`";
const DECILE_MESSAGE: &str = "a DTKS decile is an integer from 1 to 10";
const REGENCY_MESSAGE: &str = "a regency code has 4 digits, e.g. `3520` or `35.20`";

fn number_text(n: f64) -> String {
    format!("{n}")
}

/// Parses one value of schema column `col` (an index into [`COLUMNS`]).
fn parse<'a>(col: usize, value: &ColumnValue<'a>, reference: NaiveDate) -> Entry<'a> {
    let name = COLUMNS.get(col).copied().unwrap_or("");
    let mut e = Entry::default();
    let text: Cow<'a, str> = match value {
        ColumnValue::Number(n) if n.is_nan() => return e,
        ColumnValue::Number(n) => match name {
            "birth_date" | "residence_since" | "discharged_on" => {
                let day =
                    (n.fract() == 0.0 && *n >= f64::from(i32::MIN) && *n <= f64::from(i32::MAX))
                        .then(|| *n as i32)
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
            Cow::Borrowed(s.trim())
        }
        ColumnValue::Text(Cow::Owned(s)) => Cow::Owned(s.trim().to_owned()),
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
        "nik" => match check_nik(&text, reference) {
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

/// Where the value of a row comes from.
enum Source<'c, 'a> {
    Dictionary {
        codes: &'c [u32],
        entries: Vec<Entry<'a>>,
    },
    Text(&'c [Option<Cow<'a, str>>]),
    Numbers(&'c [f64]),
}

struct Input<'c, 'a> {
    /// Index into [`COLUMNS`].
    col: usize,
    source: Source<'c, 'a>,
    scratch: Entry<'a>,
}

impl<'a> Input<'_, 'a> {
    /// The entry of `row`, and its dictionary index (for the slot cache); `None` when unknown.
    fn entry(&mut self, row: usize, reference: NaiveDate) -> Option<(&mut Entry<'a>, bool)> {
        let value = match &mut self.source {
            Source::Dictionary { codes, entries } => {
                let code = *codes.get(row)?;
                return entries.get_mut(code as usize).map(|e| (e, true));
            }
            Source::Text(values) => ColumnValue::Text(values.get(row)?.as_ref()?.clone()),
            Source::Numbers(values) => {
                let n = *values.get(row)?;
                if n.is_nan() {
                    return None;
                }
                ColumnValue::Number(n)
            }
        };
        self.scratch = parse(self.col, &value, reference);
        Some((&mut self.scratch, false))
    }
}

fn fatal(issue: ImportIssue) -> ImportError {
    ImportError::from_issues(vec![issue])
}

/// The parsed values of one row, before it is committed.
#[derive(Default)]
struct RowVals<'a> {
    id: Cow<'a, str>,
    name: Option<Cow<'a, str>>,
    upt: Option<Cow<'a, str>>,
    /// `(input, cached)` of the upt and skills values, to cache their committed slots.
    upt_at: Option<(usize, bool)>,
    skills_at: Option<(usize, bool)>,
    skills: Option<Vec<String>>,
    skill_bits: Option<u64>,
    nums: [Option<u64>; 15],
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
        let reference = opts.reference_date;
        let n = input.len;
        let mapping = map_header(input.columns.iter().map(|(name, _)| name.as_str()))?;
        let mut inputs: Vec<Input<'_, '_>> = Vec::with_capacity(mapping.len());
        for ((name, data), col) in input.columns.iter().zip(&mapping) {
            let Some(col) = *col else { continue };
            let column = COLUMNS.get(col).copied().unwrap_or("");
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
            let source = match data {
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
                    let entries = values.iter().map(|v| parse(col, v, reference)).collect();
                    Source::Dictionary {
                        codes: codes.as_ref(),
                        entries,
                    }
                }
                ColumnData::Text(v) => Source::Text(v.as_slice()),
                ColumnData::Numbers(v) => Source::Numbers(v.as_ref()),
            };
            inputs.push(Input {
                col,
                source,
                scratch: Entry::default(),
            });
        }
        let mut b = Build::new(n);
        let mut issues: Vec<ImportIssue> = Vec::new();
        let mut checks: [Vec<ImportIssue>; 15] = Default::default();
        for row in 0..n {
            let row_no = row + 1;
            b.report.rows_read += 1;
            issues.clear();
            let mut vals = RowVals::default();
            for (k, input) in inputs.iter_mut().enumerate() {
                let col = input.col;
                let Some((e, cached)) = input.entry(row, reference) else {
                    continue;
                };
                issues.extend(e.cell.iter().map(|i| i.clone().at(row_no)));
                if let Some(c) = checks.get_mut(col) {
                    c.extend(e.check.iter().map(|i| i.clone().at(row_no)));
                }
                match &e.val {
                    Val::Null => {}
                    Val::Str(s) => match col {
                        0 => vals.id = s.clone(),
                        2 => vals.name = Some(s.clone()),
                        _ => {
                            vals.upt = Some(s.clone());
                            vals.upt_at = Some((k, cached));
                            if cached {
                                vals.nums[7] = e.slot;
                            }
                        }
                    },
                    Val::Num(v) => {
                        if let Some(slot) = vals.nums.get_mut(col) {
                            *slot = Some(*v);
                        }
                    }
                    Val::Skills(list) => {
                        vals.skills_at = Some((k, cached));
                        vals.skill_bits = if cached { e.slot } else { None };
                        if vals.skill_bits.is_none() {
                            vals.skills = Some(list.clone());
                        }
                    }
                }
            }
            // The row checks, in the order of `PopulationBuilder::check`.
            let id = vals.id.trim();
            if id.is_empty() {
                issues.push(ImportIssue::new(
                    row_no,
                    "id",
                    "",
                    "import.missing_id",
                    "the id is missing",
                ));
            } else if let Some(first) = b.ids.get(id) {
                issues.push(ImportIssue::new(
                    row_no,
                    "id",
                    id,
                    "import.duplicate_id",
                    &format!("this id is already used by row {first}"),
                ));
            }
            for col in [1, 11, 14, 13] {
                if let Some(c) = checks.get_mut(col) {
                    issues.append(c);
                }
            }
            if let Some(list) = &vals.skills {
                let new = list
                    .iter()
                    .filter(|s| !b.skill_index.contains_key(s.as_str()))
                    .count();
                if b.skill_index.len() + new > MAX_SKILLS {
                    issues.push(ImportIssue::new(
                        row_no,
                        "skills",
                        &list.join("|"),
                        "import.too_many_skills",
                        "a population holds at most 64 distinct skills",
                    ));
                }
            }
            for c in &mut checks {
                c.clear();
            }
            if !issues.is_empty() {
                b.report.skipped_rows.push(row_no);
                b.report.issues.append(&mut issues);
                continue;
            }
            let upt = b.commit(row_no, &vals);
            // Cache the committed slots of dictionary entries.
            if let Some((k, true)) = vals.upt_at {
                set_slot(&mut inputs, k, row, upt);
            }
            if let (Some((k, true)), Some(bits)) = (vals.skills_at, b.last_skill_bits) {
                set_slot(&mut inputs, k, row, Some(bits));
            }
        }
        if opts.on_error == OnError::RejectAll && !b.report.issues.is_empty() {
            return Err(ImportError::from_issues(b.report.issues));
        }
        Ok((sort_dictionaries(b.pop), b.report))
    }
}

fn set_slot(inputs: &mut [Input<'_, '_>], k: usize, row: usize, slot: Option<u64>) {
    if let Some(Input {
        source: Source::Dictionary { codes, entries },
        ..
    }) = inputs.get_mut(k)
    {
        if let Some(e) = codes.get(row).and_then(|&c| entries.get_mut(c as usize)) {
            e.slot = slot;
        }
    }
}

/// The population under construction, as `PopulationBuilder` keeps it.
struct Build<'a> {
    pop: Population,
    ids: HashMap<Cow<'a, str>, usize>,
    upt_index: HashMap<String, u32>,
    skill_index: HashMap<String, u8>,
    report: ImportReport,
    last_skill_bits: Option<u64>,
}

impl<'a> Build<'a> {
    fn new(rows: usize) -> Self {
        Build {
            pop: Population {
                ids: StrArena::with_capacity(rows, rows * 8),
                names: StrArena::with_capacity(rows, 0),
                nik: Col::with_capacity(rows),
                nik_province: Vec::with_capacity(rows),
                birth_date: Col::with_capacity(rows),
                sex: Col::with_capacity(rows),
                disabilities: Col::with_capacity(rows),
                care_status: Col::with_capacity(rows),
                upt: Col::with_capacity(rows),
                upt_dictionary: Vec::new(),
                residence_since: Col::with_capacity(rows),
                discharged_on: Col::with_capacity(rows),
                education: Col::with_capacity(rows),
                dtks_decile: Col::with_capacity(rows),
                employment: Col::with_capacity(rows),
                skills: Col::with_capacity(rows),
                skill_dictionary: Vec::new(),
                regency: Col::with_capacity(rows),
            },
            ids: HashMap::with_capacity(rows),
            upt_index: HashMap::new(),
            skill_index: HashMap::new(),
            report: ImportReport::default(),
            last_skill_bits: None,
        }
    }

    /// Stores a row without issues; the upt index it used.
    fn commit(&mut self, row_no: usize, v: &RowVals<'a>) -> Option<u64> {
        let p = &mut self.pop;
        let num = |col: usize| v.nums.get(col).copied().flatten();
        let small = |col: usize| num(col).map(|x| x as u8);
        let day = |col: usize| num(col).map(|x| x as u32 as i32);
        let id = match &v.id {
            Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
            Cow::Owned(s) => Cow::Owned(s.trim().to_owned()),
        };
        p.ids.push(Some(&id));
        self.ids.insert(id, row_no);
        p.names.push(v.name.as_deref());
        let nik = num(1);
        p.nik.push(nik);
        p.nik_province
            .push(nik.map_or(0, |n| (n / 100_000_000_000_000) as u8));
        p.birth_date.push(day(3));
        p.sex.push(small(4));
        p.disabilities.push(num(5).map(|x| x as u16));
        p.care_status.push(small(6));
        let upt = match (num(7), v.upt.as_deref()) {
            (Some(i), _) => Some(i as u32),
            (None, None) => None,
            (None, Some(u)) => Some(match self.upt_index.get(u) {
                Some(&i) => i,
                None => {
                    let i = p.upt_dictionary.len() as u32;
                    p.upt_dictionary.push(u.to_owned());
                    self.upt_index.insert(u.to_owned(), i);
                    i
                }
            }),
        };
        p.upt.push(upt);
        p.residence_since.push(day(8));
        p.discharged_on.push(day(9));
        p.education.push(small(10));
        p.dtks_decile.push(small(11));
        p.employment.push(small(12));
        let skills = match (&v.skills, v.skill_bits) {
            (_, Some(bits)) => Some(bits),
            (None, None) => None,
            (Some(list), None) => Some(list.iter().fold(0u64, |bits, s| {
                let i = match self.skill_index.get(s) {
                    Some(&i) => i,
                    None => {
                        let i = p.skill_dictionary.len() as u8;
                        p.skill_dictionary.push(s.clone());
                        self.skill_index.insert(s.clone(), i);
                        i
                    }
                };
                bits | 1 << i
            })),
        };
        self.last_skill_bits = skills;
        p.skills.push(skills);
        p.regency.push(num(14).map(|x| x as u16));
        upt.map(u64::from)
    }
}
