//! Importing a [`Population`] from CSV and JSON lines, as offices actually have them.
//!
//! The accepted cell forms are documented on the [population module](crate::population).

use std::borrow::Cow;
use std::fmt;
use std::io::{BufRead, BufReader, Read};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::builder::PopulationBuilder;
use super::{Population, Row};
use crate::disability::{Disability, DisabilitySet, ALL_DISABILITIES};
use crate::education::{Education, ALL_EDUCATION};
use crate::error::Coded;
use crate::nik::Nik;
use crate::region::RegionCode;
use crate::vocab::{CareStatus, EmploymentStatus, ALL_CARE_STATUSES, ALL_EMPLOYMENT_STATUSES};

/// What to do with a row that has an issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnError {
    /// Any issue fails the import, reporting every issue of every row.
    #[default]
    RejectAll,
    /// Rows with issues are left out and reported; the rest is imported.
    SkipRow,
}

/// Options of an import.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ImportOptions {
    /// Resolves the century of NIK birth dates (no hidden clock).
    pub reference_date: NaiveDate,
    /// Reject everything or skip bad rows.
    pub on_error: OnError,
    /// The CSV field delimiter, `,` by default (Indonesian-locale spreadsheets write `;`).
    pub delimiter: u8,
    /// Arrow import: convert only these schema columns (`id` always); `None` = all.
    pub columns: Option<Vec<String>>,
}

impl ImportOptions {
    /// Defaults: [`OnError::RejectAll`], delimiter `,`.
    pub fn new(reference_date: NaiveDate) -> Self {
        ImportOptions {
            reference_date,
            on_error: OnError::RejectAll,
            delimiter: b',',
            columns: None,
        }
    }

    /// Sets what to do with bad rows.
    pub fn on_error(mut self, on_error: OnError) -> Self {
        self.on_error = on_error;
        self
    }

    /// Sets the CSV field delimiter.
    pub fn delimiter(mut self, delimiter: u8) -> Self {
        self.delimiter = delimiter;
        self
    }

    /// Arrow import converts only these columns of the schema (and `id`), e.g. a rule's
    /// [`input_columns`](crate::rules::Rule::input_columns); the others are unknown for
    /// every row and their input columns are not read at all.
    pub fn columns<I: IntoIterator<Item = S>, S: Into<String>>(mut self, columns: I) -> Self {
        self.columns = Some(columns.into_iter().map(Into::into).collect());
        self
    }
}

/// One bad cell (or row). The value of a `nik` or `name` cell is masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ImportIssue {
    /// 1-based data row (0 for the header).
    pub row: usize,
    /// The column, e.g. `birth_date`.
    pub column: String,
    /// The cell as found, masked for personal columns.
    pub value: String,
    /// Stable machine code, e.g. `import.bad_date`.
    pub code: String,
    /// One line, lowercase.
    pub message: String,
}

impl ImportIssue {
    /// The same issue in row `row`.
    pub(crate) fn at(mut self, row: usize) -> Self {
        self.row = row;
        self
    }

    pub(crate) fn new(row: usize, column: &str, value: &str, code: &str, message: &str) -> Self {
        ImportIssue {
            row,
            column: column.to_owned(),
            value: mask(column, value),
            code: code.to_owned(),
            message: message.to_owned(),
        }
    }
}

/// Keeps the shape of a personal value, not the value: a NIK keeps its first two characters
/// (the province) and its non-digits; a name is `***`. In any other column, a run of ten or
/// more digits (a NIK typed into the wrong column, or a column shifted by a spreadsheet) is
/// masked the same way.
fn mask(column: &str, value: &str) -> String {
    let digits = |v: &str| {
        v.chars()
            .enumerate()
            .map(|(i, c)| if i < 2 || !c.is_ascii_digit() { c } else { '*' })
            .collect()
    };
    match column {
        "nik" => digits(value),
        "name" if !value.is_empty() => "***".to_owned(),
        _ => {
            let longest = value
                .split(|c: char| !c.is_ascii_digit())
                .map(str::len)
                .max()
                .unwrap_or(0);
            if longest >= 10 {
                digits(value)
            } else {
                value.to_owned()
            }
        }
    }
}

/// What an import found, besides the population.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ImportReport {
    /// Data rows read.
    pub rows_read: usize,
    /// The data rows left out ([`OnError::SkipRow`]), ascending.
    pub skipped_rows: Vec<usize>,
    /// Every issue, in input order.
    pub issues: Vec<ImportIssue>,
}

/// An import that failed: with [`OnError::RejectAll`] every issue, otherwise a fault of the
/// whole input (a missing `id` column, unreadable input). Code `import.rejected`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ImportError {
    issues: Vec<ImportIssue>,
}

impl ImportError {
    pub(crate) fn from_issues(issues: Vec<ImportIssue>) -> Self {
        ImportError { issues }
    }

    /// Every issue found.
    pub fn issues(&self) -> &[ImportIssue] {
        &self.issues
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "import rejected with {} issue(s)", self.issues.len())?;
        if let Some(i) = self.issues.first() {
            write!(
                f,
                "; first in row {}, column `{}`: {} ({})",
                i.row, i.column, i.message, i.code
            )?;
        }
        Ok(())
    }
}

impl Coded for ImportError {
    fn code(&self) -> &'static str {
        "import.rejected"
    }
}

/// The columns of the tabular schema, in export order.
pub(crate) const COLUMNS: [&str; 15] = [
    "id",
    "nik",
    "name",
    "birth_date",
    "sex",
    "disabilities",
    "care_status",
    "upt_id",
    "residence_since",
    "discharged_on",
    "education",
    "dtks_decile",
    "employment",
    "skills",
    "regency",
];

/// A cell before interpretation.
pub(super) enum Cell<'a> {
    Null,
    Text(Cow<'a, str>),
    List(Vec<String>),
}

/// Checks a NIK cell; the digits as a number, or a code and message.
pub(crate) fn check_nik(s: &str, reference: NaiveDate) -> Result<u64, (&'static str, String)> {
    let all_digits = s.bytes().all(|b| b.is_ascii_digit());
    let numeric = s.bytes().any(|b| b.is_ascii_digit())
        && s.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'e' | b'E' | b'+' | b'-'));
    let mangled = |why: &str| Err(("import.nik_mangled", why.to_owned()));
    if !all_digits && numeric && s.bytes().any(|b| matches!(b, b'e' | b'E')) {
        return mangled("the NIK is in scientific notation: a spreadsheet stored it as a number; format the column as text and re-enter it");
    }
    if !all_digits && numeric && s.bytes().any(|b| matches!(b, b'.' | b',')) {
        return mangled("the NIK has a decimal point: a spreadsheet stored it as a number; format the column as text and re-enter it");
    }
    if all_digits && !s.is_empty() && s.len() < Nik::LEN {
        return mangled(
            "the NIK has fewer than 16 digits: digits were lost, e.g. in a spreadsheet",
        );
    }
    if all_digits && s.len() == Nik::LEN && s.ends_with("0000") {
        return mangled("the NIK's last four digits are zero: a spreadsheet rounded it to 15 significant digits");
    }
    match Nik::parse(s, reference) {
        Ok(_) => Ok(s.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'))),
        Err(e) => Err((e.code(), e.to_string())),
    }
}

fn digits(s: &[u8]) -> Option<u32> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    // checked: a long run of digits is not a number we read (and must not wrap)
    s.iter().try_fold(0u32, |n, b| {
        n.checked_mul(10)?.checked_add(u32::from(b - b'0'))
    })
}

/// `YYYY-MM-DD` or `DD/MM/YYYY` (day and month may have one digit in the latter).
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() == 10 && b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-') {
        let y = digits(b.get(0..4)?)?;
        let m = digits(b.get(5..7)?)?;
        let d = digits(b.get(8..10)?)?;
        return NaiveDate::from_ymd_opt(y as i32, m, d);
    }
    let mut parts = s.split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || d.len() > 2 || m.len() > 2 || y.len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(
        digits(y.as_bytes())? as i32,
        digits(m.as_bytes())?,
        digits(d.as_bytes())?,
    )
}

fn parse_decile(s: &str) -> Result<Option<u8>, ()> {
    if s.eq_ignore_ascii_case("nan") {
        return Ok(None);
    }
    let int = s.strip_suffix(".0").unwrap_or(s);
    match digits(int.as_bytes()) {
        Some(n) if (1..=10).contains(&n) => Ok(Some(n as u8)),
        _ => Err(()),
    }
}

/// The value whose wire name is exactly `text` (the common case, without the allocation of
/// the alias-aware `from_name`).
fn canonical<T: Copy>(all: &[T], text: &str, name: fn(T) -> &'static str) -> Option<T> {
    all.iter().copied().find(|v| name(*v) == text)
}

fn parse_education(s: &str) -> Option<Education> {
    canonical(&ALL_EDUCATION, s, Education::as_str)
        .or_else(|| Education::from_name(s))
        .or_else(|| {
            let n = digits(s.as_bytes())?;
            Education::from_kk_code(u8::try_from(n).ok()?).ok()
        })
}

fn split_list<'c>(cell: &'c Cell<'_>, semicolon: bool) -> Vec<&'c str> {
    match cell {
        Cell::Null => Vec::new(),
        Cell::List(v) => v.iter().map(String::as_str).collect(),
        Cell::Text(t) if t.as_ref() == "[]" => Vec::new(),
        Cell::Text(t) => t
            .split(|c| c == '|' || (semicolon && c == ';'))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect(),
    }
}

/// Interprets cells into a [`Row`], collecting issues.
pub(super) struct Filler {
    pub(super) row_no: usize,
    pub(super) semicolon_lists: bool,
    pub(super) issues: Vec<ImportIssue>,
}

impl Filler {
    fn bad(&mut self, column: &str, value: &str, code: &str, message: &str) {
        self.issues
            .push(ImportIssue::new(self.row_no, column, value, code, message));
    }

    pub(super) fn fill(&mut self, row: &mut Row, column: usize, cell: Cell<'_>) {
        let name = COLUMNS.get(column).copied().unwrap_or("");
        let is_list = matches!(name, "disabilities" | "skills");
        let text: &str = match &cell {
            Cell::Null => return,
            Cell::Text(t) => t.as_ref(),
            Cell::List(_) if is_list => "",
            Cell::List(v) => {
                let shown = v.join("|");
                self.bad(
                    name,
                    &shown,
                    "import.bad_type",
                    "a list is not allowed here",
                );
                return;
            }
        };
        match name {
            "id" => row.id = text.to_owned(),
            "nik" => row.nik = Some(text.to_owned()),
            "name" => row.name = Some(text.to_owned()),
            "upt_id" => row.upt_id = Some(text.to_owned()),
            "birth_date" | "residence_since" | "discharged_on" => match parse_date(text) {
                Some(d) => match name {
                    "birth_date" => row.birth_date = Some(d),
                    "residence_since" => row.residence_since = Some(d),
                    _ => row.discharged_on = Some(d),
                },
                None => self.bad(
                    name,
                    text,
                    "import.bad_date",
                    "a date is written `YYYY-MM-DD` or `DD/MM/YYYY`",
                ),
            },
            "sex" => match text.parse() {
                Ok(s) => row.sex = Some(s),
                Err(_) => self.bad(
                    name,
                    text,
                    "import.bad_sex",
                    "sex is `M` or `F` (or `L` or `P`)",
                ),
            },
            "disabilities" => {
                let mut set = DisabilitySet::EMPTY;
                let mut ok = true;
                for item in split_list(&cell, self.semicolon_lists) {
                    let canonical = ALL_DISABILITIES.into_iter().find(|d| d.as_str() == item);
                    match canonical.or_else(|| Disability::from_name(item)) {
                        Some(d) => set.insert(d),
                        None => {
                            ok = false;
                            self.bad(
                                name,
                                item,
                                "import.bad_disability",
                                "unknown disability type; expected physical, intellectual, mental, sensory_visual, sensory_hearing, sensory_speech (or a sub-type)",
                            );
                        }
                    }
                }
                if ok {
                    row.disabilities = Some(set);
                }
            }
            "skills" => {
                let list = split_list(&cell, self.semicolon_lists);
                row.skills = Some(list.into_iter().map(str::to_owned).collect());
            }
            "care_status" => match canonical(ALL_CARE_STATUSES, text, CareStatus::as_str)
                .or_else(|| CareStatus::from_name(text))
            {
                Some(c) => row.care_status = Some(c),
                None => self.bad(
                    name,
                    text,
                    "import.bad_care_status",
                    "care status is `resident`, `alumnus`, `none` or `applicant`",
                ),
            },
            "education" => match parse_education(text) {
                Some(e) => row.education = Some(e),
                None => self.bad(
                    name,
                    text,
                    "import.bad_education",
                    "education is none, sd, smp, sma, diploma, bachelor, master, doctorate or a family-card code 1-10",
                ),
            },
            "dtks_decile" => match parse_decile(text) {
                Ok(d) => row.dtks_decile = d,
                Err(()) => self.bad(
                    name,
                    text,
                    "import.bad_decile",
                    "a DTKS decile is an integer from 1 to 10",
                ),
            },
            "employment" => match canonical(ALL_EMPLOYMENT_STATUSES, text, EmploymentStatus::as_str)
                .or_else(|| EmploymentStatus::from_name(text))
            {
                Some(e) => row.employment = Some(e),
                None => self.bad(
                    name,
                    text,
                    "import.bad_employment",
                    "employment is `unemployed`, `employed`, `self_employed` or `employer`",
                ),
            },
            "regency" => match RegionCode::parse(text) {
                Ok(r) if super::code::regency(&r).is_some() => row.regency = Some(r),
                _ => self.bad(
                    name,
                    text,
                    "import.bad_regency",
                    "a regency code has 4 digits, e.g. `3520` or `35.20`",
                ),
            },
            _ => {}
        }
    }
}

/// Collects rows into a builder under the chosen [`OnError`] policy.
struct Collector {
    builder: PopulationBuilder,
    on_error: OnError,
    report: ImportReport,
}

impl Collector {
    fn new(opts: &ImportOptions) -> Self {
        Collector {
            builder: PopulationBuilder::new(opts.reference_date),
            on_error: opts.on_error,
            report: ImportReport::default(),
        }
    }

    /// A row with the issues of its cells (cells at fault are already left unknown).
    fn take(&mut self, row_no: usize, row: &Row, mut issues: Vec<ImportIssue>) {
        self.report.rows_read += 1;
        let checked = self.builder.check(row_no, row, &mut issues);
        match checked {
            Some(c) if issues.is_empty() => self.builder.commit(row, c),
            _ => self.skip(row_no, issues),
        }
    }

    fn skip(&mut self, row_no: usize, issues: Vec<ImportIssue>) {
        self.report.skipped_rows.push(row_no);
        self.report.issues.extend(issues);
    }

    fn fatal(issue: ImportIssue) -> ImportError {
        ImportError {
            issues: vec![issue],
        }
    }

    fn finish(self) -> Result<(Population, ImportReport), ImportError> {
        if self.on_error == OnError::RejectAll && !self.report.issues.is_empty() {
            return Err(ImportError {
                issues: self.report.issues,
            });
        }
        Ok((self.builder.finish(), self.report))
    }
}

/// For each input field, the schema column it fills; the header must name `id` and may not
/// name a column twice.
pub(super) fn map_header<'h>(
    header: impl Iterator<Item = &'h str>,
) -> Result<Vec<Option<usize>>, ImportError> {
    let mut mapping: Vec<Option<usize>> = Vec::new();
    for h in header {
        let h = h.trim().to_ascii_lowercase();
        let col = COLUMNS.iter().position(|c| *c == h);
        if col.is_some() && mapping.contains(&col) {
            return Err(Collector::fatal(ImportIssue::new(
                0,
                &h,
                &h,
                "import.duplicate_column",
                "the header names this column twice",
            )));
        }
        mapping.push(col);
    }
    if !mapping.contains(&Some(0)) {
        return Err(Collector::fatal(ImportIssue::new(
            0,
            "id",
            "",
            "import.missing_column",
            "the header has no `id` column",
        )));
    }
    Ok(mapping)
}

/// Fills one row from its text fields (empty = unknown) and hands it to the collector.
fn fill_record<'f>(
    collector: &mut Collector,
    row_no: usize,
    fields: impl Iterator<Item = &'f str>,
    mapping: &[Option<usize>],
    semicolon_lists: bool,
) {
    let mut filler = Filler {
        row_no,
        semicolon_lists,
        issues: Vec::new(),
    };
    let mut row = Row::default();
    for (field, col) in fields.zip(mapping) {
        if let Some(col) = *col {
            let cell = if field.is_empty() {
                Cell::Null
            } else {
                Cell::Text(Cow::Borrowed(field))
            };
            filler.fill(&mut row, col, cell);
        }
    }
    collector.take(row_no, &row, filler.issues);
}

impl Population {
    /// Imports CSV with a header row naming the columns (any order, any case; extra columns
    /// ignored; a missing optional column is unknown for every row). See the
    /// [population module](crate::population) for the accepted cell forms.
    ///
    /// # Errors
    /// [`ImportError`] with every issue under [`OnError::RejectAll`]; under either policy
    /// when the header has no `id` column (`import.missing_column`), names a column twice
    /// (`import.duplicate_column`) or the input cannot be read (`import.io`).
    ///
    /// # Examples
    /// ```
    /// use berdaya::population::{ImportOptions, OnError, Population};
    /// use chrono::NaiveDate;
    /// let csv = "id,birth_date,sex,dtks_decile\np1,07/11/1995,L,3\np2,1990-13-01,P,NaN\n";
    /// let opts = ImportOptions::new(NaiveDate::from_ymd_opt(2020, 9, 9).unwrap())
    ///     .on_error(OnError::SkipRow);
    /// let (pop, report) = Population::from_csv(csv.as_bytes(), &opts)?;
    /// assert_eq!(pop.len(), 1);
    /// assert_eq!(report.skipped_rows, vec![2]);
    /// assert_eq!(report.issues[0].code, "import.bad_date");
    /// # Ok::<(), berdaya::population::ImportError>(())
    /// ```
    pub fn from_csv<R: Read>(
        input: R,
        opts: &ImportOptions,
    ) -> Result<(Population, ImportReport), ImportError> {
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(opts.delimiter)
            .trim(csv::Trim::All)
            .has_headers(true)
            .from_reader(input);
        let header = rdr.headers().map_err(|e| {
            Collector::fatal(ImportIssue::new(0, "", "", "import.io", &csv_message(&e)))
        })?;
        let mapping = map_header(header.iter())?;
        let mut collector = Collector::new(opts);
        let semicolon_lists = opts.delimiter != b';';
        let mut record = csv::StringRecord::new();
        let mut row_no = 0;
        loop {
            row_no += 1;
            match rdr.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    let code = match e.kind() {
                        csv::ErrorKind::Io(_) => {
                            return Err(Collector::fatal(ImportIssue::new(
                                row_no,
                                "",
                                "",
                                "import.io",
                                &csv_message(&e),
                            )))
                        }
                        csv::ErrorKind::UnequalLengths { .. } => "import.bad_field_count",
                        _ => "import.bad_csv",
                    };
                    let issue = ImportIssue::new(row_no, "", "", code, &csv_message(&e));
                    collector.report.rows_read += 1;
                    collector.skip(row_no, vec![issue]);
                    continue;
                }
            }
            fill_record(
                &mut collector,
                row_no,
                record.iter(),
                &mapping,
                semicolon_lists,
            );
        }
        collector.finish()
    }

    /// Imports the first worksheet of an `.xlsx` workbook: the first non-empty row is the
    /// header, as for [`from_csv`](Self::from_csv); cells may be text, numbers, or dates
    /// (numbers in a date format are read as their calendar date, in the 1900 or 1904
    /// system). A NIK stored as a number is reported as `import.nik_mangled`, not accepted.
    /// Issue rows are counted from the header: row `n` is the sheet's row `n + h` when the
    /// header is in sheet row `h` (so with the header in row 1, issue row 1 is sheet row 2).
    ///
    /// # Errors
    /// As [`from_csv`](Self::from_csv); a file that is not a readable workbook (not a ZIP, a
    /// truncated or corrupted one, a part over 256 MiB inflated) is `import.bad_xlsx`.
    #[cfg(feature = "xlsx")]
    pub fn from_xlsx(
        bytes: &[u8],
        opts: &ImportOptions,
    ) -> Result<(Population, ImportReport), ImportError> {
        let rows = super::xlsx::read_first_sheet(bytes)
            .map_err(|m| Collector::fatal(ImportIssue::new(0, "", "", "import.bad_xlsx", &m)))?;
        let mut rows = rows.into_iter();
        let Some((header_row, header)) = rows.next() else {
            return Err(Collector::fatal(ImportIssue::new(
                0,
                "id",
                "",
                "import.missing_column",
                "the sheet is empty: it has no header row",
            )));
        };
        let names: Vec<&str> = header.iter().map(|h| h.as_deref().unwrap_or("")).collect();
        let mapping = map_header(names.into_iter())?;
        let mut collector = Collector::new(opts);
        for (sheet_row, cells) in rows {
            let row_no = sheet_row.saturating_sub(header_row);
            let fields = cells.iter().map(|c| c.as_deref().unwrap_or(""));
            fill_record(&mut collector, row_no, fields, &mapping, true);
        }
        collector.finish()
    }

    /// Imports JSON lines: one object per line with the schema's keys (extra keys ignored,
    /// blank lines skipped). Values may be strings, numbers, arrays of strings (for lists) or
    /// `null`. See the [population module](crate::population) for the accepted forms.
    ///
    /// # Errors
    /// As [`from_csv`](Self::from_csv); a line that is not a JSON object is
    /// `import.bad_json`, a value of the wrong JSON type `import.bad_type`.
    pub fn from_json_lines<R: Read>(
        input: R,
        opts: &ImportOptions,
    ) -> Result<(Population, ImportReport), ImportError> {
        let mut collector = Collector::new(opts);
        for (i, line) in BufReader::new(input).lines().enumerate() {
            let row_no = i + 1;
            let line = line.map_err(|e| {
                Collector::fatal(ImportIssue::new(
                    row_no,
                    "",
                    "",
                    "import.io",
                    &e.to_string().to_lowercase(),
                ))
            })?;
            if line.trim().is_empty() {
                continue;
            }
            let object: serde_json::Map<String, Value> = match serde_json::from_str(&line) {
                Ok(o) => o,
                Err(_) => {
                    let issue = ImportIssue::new(
                        row_no,
                        "",
                        "",
                        "import.bad_json",
                        "the line is not a JSON object",
                    );
                    collector.report.rows_read += 1;
                    collector.skip(row_no, vec![issue]);
                    continue;
                }
            };
            let mut filler = Filler {
                row_no,
                semicolon_lists: true,
                issues: Vec::new(),
            };
            let mut row = Row::default();
            for (key, value) in &object {
                let Some(col) = COLUMNS.iter().position(|c| c.eq_ignore_ascii_case(key)) else {
                    continue;
                };
                let column = COLUMNS.get(col).copied().unwrap_or("");
                let cell = match value {
                    Value::Null => Cell::Null,
                    Value::String(s) if s.trim().is_empty() => Cell::Null,
                    Value::String(s) => Cell::Text(Cow::Borrowed(s.trim())),
                    Value::Number(n) => Cell::Text(Cow::Owned(n.to_string())),
                    Value::Array(items) => {
                        let strings: Option<Vec<String>> = items
                            .iter()
                            .map(|v| v.as_str().map(|s| s.trim().to_owned()))
                            .collect();
                        match strings {
                            Some(s) => Cell::List(s),
                            None => {
                                filler.bad(
                                    column,
                                    &value.to_string(),
                                    "import.bad_type",
                                    "a list holds strings only",
                                );
                                continue;
                            }
                        }
                    }
                    Value::Bool(_) | Value::Object(_) => {
                        filler.bad(
                            column,
                            &value.to_string(),
                            "import.bad_type",
                            "expected a string, a number, a list of strings or null",
                        );
                        continue;
                    }
                };
                filler.fill(&mut row, col, cell);
            }
            collector.take(row_no, &row, filler.issues);
        }
        collector.finish()
    }

    /// Builds a population from typed rows under the chosen [`OnError`] policy (rows are
    /// numbered from 1).
    ///
    /// # Errors
    /// As [`PopulationBuilder::push`], collected under [`OnError::RejectAll`].
    pub fn from_rows<'r, I: IntoIterator<Item = &'r Row>>(
        rows: I,
        opts: &ImportOptions,
    ) -> Result<(Population, ImportReport), ImportError> {
        let mut collector = Collector::new(opts);
        for (i, row) in rows.into_iter().enumerate() {
            collector.report.rows_read += 1;
            if let Err(issues) = collector.builder.push_at(i + 1, row) {
                collector.skip(i + 1, issues);
            }
        }
        collector.finish()
    }
}

fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("the record has {len} fields, the header {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "the record is not valid UTF-8".to_owned(),
        csv::ErrorKind::Io(_) => "the input could not be read".to_owned(),
        _ => "the record is not valid CSV".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_both_office_forms() {
        assert_eq!(parse_date("1995-11-07"), Some(d(1995, 11, 7)));
        assert_eq!(parse_date("07/11/1995"), Some(d(1995, 11, 7)));
        assert_eq!(parse_date("7/1/1995"), Some(d(1995, 1, 7)));
        assert_eq!(parse_date("1995-02-30"), None);
        assert_eq!(parse_date("11/1995"), None);
        assert_eq!(parse_date("1995/11/07"), None);
    }

    #[test]
    fn nik_mangling_is_told_apart() {
        let r = d(2020, 9, 9);
        assert_eq!(check_nik("3514140711950002", r), Ok(3_514_140_711_950_002));
        for s in [
            "3.51414E+15",
            "3,51414E+15",
            "3514140711950002.0",
            "351414071195000",
            "3514140711950000",
        ] {
            assert_eq!(check_nik(s, r).unwrap_err().0, "import.nik_mangled", "{s}");
        }
        assert_eq!(
            check_nik("3514000711950002", r).unwrap_err().0,
            "nik.zero_district"
        );
        assert_eq!(
            check_nik("35141407119500021", r).unwrap_err().0,
            "nik.bad_length"
        );
    }

    #[test]
    fn masks_personal_values() {
        assert_eq!(mask("nik", "3.51414E+15"), "3.*****E+**");
        assert_eq!(mask("nik", "3514140711950000"), "35**************");
        assert_eq!(mask("name", "Siti"), "***");
        assert_eq!(mask("sex", "X"), "X");
    }

    #[test]
    fn deciles() {
        assert_eq!(parse_decile("3"), Ok(Some(3)));
        assert_eq!(parse_decile("10.0"), Ok(Some(10)));
        assert_eq!(parse_decile("NaN"), Ok(None));
        assert!(
            parse_decile("0").is_err() && parse_decile("11").is_err() && parse_decile("x").is_err()
        );
    }
}
