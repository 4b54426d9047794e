//! A [`Population`] from and to Apache Arrow (feature `arrow`), and batch results as Arrow.
//!
//! [`Population::from_arrow`] reads any [`RecordBatchReader`] (in Python: anything exporting
//! the Arrow PyCapsule stream interface — pyarrow, pandas ≥ 2.2, polars) column by column:
//!
//! | schema column | Arrow types accepted |
//! |---|---|
//! | text columns (`id`, `nik`, `name`, `upt_id`, enums, `regency`) | `Utf8`, `LargeUtf8`, `Utf8View`, dictionaries of them (polars categoricals); integers for `id`, `nik`, `upt_id`, `education` (family-card code), `regency` |
//! | dates | `Date32`, `Date64`, `Timestamp` of any unit (the calendar date; with a time zone `UTC`, `±HH:MM` or an Indonesian zone `Asia/Jakarta`, `Asia/Pontianak`, `Asia/Makassar`, `Asia/Jayapura`), or ISO / `DD/MM/YYYY` strings |
//! | `dtks_decile` | integers, floats (`NaN` = unknown, as pandas writes a missing value) or strings |
//! | `disabilities`, `skills` | `List` / `LargeList` of strings, or `|`-separated strings as in CSV |
//!
//! Text cells are interpreted by the same cell parsers as CSV import (one place for the domain
//! rules of parsing), once per distinct value of an enumerated column. Every bad cell is an
//! [`ImportIssue`] (1-based row across all batches, column, masked value, code) and
//! [`OnError`] chooses reject-all or skip-bad as for CSV. A column of an unsupported Arrow type
//! (say `Boolean` for `sex`) fails the import with `import.bad_type` in row 0. A NIK stored as
//! a float is `import.nik_mangled`.
//!
//! With [`ImportOptions::columns`] only the named columns (and `id`) are read — e.g. a rule's
//! [`input_columns`](crate::rules::Rule::input_columns); the rest stays unknown.
//!
//! [`Population::to_arrow`] writes the canonical schema (strings, `Date32`, `UInt8` decile,
//! `List<Utf8>` lists), which [`Population::from_arrow`] reads back to an equal population;
//! [`BatchEvaluation::to_arrow`] gives the `id`, `outcome`, `reason`, `missing` columns of a
//! batch.
//!
//! The arrow-rs crates are re-exported ([`arrow_array`], [`arrow_schema`]) so callers use
//! the same versions.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

pub use arrow_array;
pub use arrow_schema;

use arrow_array::builder::{GenericListBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{
    Array, ArrayRef, Date32Array, DictionaryArray, Int32Array, Int8Array, RecordBatch,
    RecordBatchReader, StringArray, UInt8Array,
};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef, TimeUnit};

use super::builder::{clean_skill, sort_dictionaries, MAX_SKILLS};
use super::column::{Col, StrArena};
use super::import::{
    check_nik, Cell, Filler, ImportError, ImportIssue, ImportOptions, ImportReport, OnError,
    COLUMNS,
};
use super::{code, Population, Row};
use crate::batch::BatchEvaluation;
use crate::disability::DisabilitySet;
use crate::rules::Outcome;

const ID: usize = 0;
const NIK: usize = 1;
const NAME: usize = 2;
const BIRTH: usize = 3;
const SEX: usize = 4;
const DIS: usize = 5;
const CARE: usize = 6;
const UPT: usize = 7;
const SINCE: usize = 8;
const DISCHARGED: usize = 9;
const EDU: usize = 10;
const DECILE: usize = 11;
const EMPLOYMENT: usize = 12;
const SKILLS: usize = 13;
const REGENCY: usize = 14;

/// FxHash: ids are hashed once each, and SipHash would dominate the import.
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        // Fx alone leaves the low bits (hashbrown's bucket index) nearly constant for ids that
        // differ only in their last characters; murmur3's finaliser spreads every bit.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

impl Fx {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type FxBuild = BuildHasherDefault<Fx>;

/// Issues found so far, and which rows have one.
struct Issues {
    list: Vec<(usize, usize, ImportIssue)>,
    bad: Vec<bool>,
}

impl Issues {
    /// An issue in 1-based row `row`, column `col` (an index into [`COLUMNS`]).
    fn push(&mut self, col: usize, issue: ImportIssue) {
        let row = issue.row;
        if let Some(b) = self.bad.get_mut(row.wrapping_sub(1)) {
            *b = true;
        }
        self.list.push((row, col, issue));
    }
}

fn fatal(column: &str, value: &str, code: &str, message: &str) -> ImportError {
    ImportError::from_issues(vec![ImportIssue::new(0, column, value, code, message)])
}

fn bad_type(col: usize, dt: &DataType, expected: &str) -> ImportError {
    let name = COLUMNS.get(col).copied().unwrap_or("");
    fatal(
        name,
        &dt.to_string(),
        "import.bad_type",
        &format!("column `{name}` has Arrow type {dt}; expected {expected}"),
    )
}

/// The cells of a string-like array (`Utf8`, `LargeUtf8`, `Utf8View`, or a dictionary of
/// them); `None` for other types.
fn strings(a: &dyn Array) -> Option<Vec<Option<&str>>> {
    match a.data_type() {
        DataType::Utf8 => Some(a.as_string_opt::<i32>()?.iter().collect()),
        DataType::LargeUtf8 => Some(a.as_string_opt::<i64>()?.iter().collect()),
        DataType::Utf8View => Some(a.as_string_view_opt()?.iter().collect()),
        DataType::Dictionary(..) => {
            let d = a.as_any_dictionary_opt()?;
            let values = strings(d.values().as_ref())?;
            if values.is_empty() {
                // every key is null (`normalized_keys` refuses an empty dictionary)
                return Some(vec![None; a.len()]);
            }
            let keys = d.normalized_keys();
            Some(
                keys.iter()
                    .enumerate()
                    .map(|(i, k)| {
                        if a.is_null(i) {
                            None
                        } else {
                            values.get(*k).copied().flatten()
                        }
                    })
                    .collect(),
            )
        }
        _ => None,
    }
}

/// The cells of an integer array as `i128` (every Arrow integer fits); `None` for other types.
fn integers(a: &dyn Array) -> Option<Vec<Option<i128>>> {
    macro_rules! prim {
        ($t:ty) => {
            Some(
                a.as_primitive_opt::<$t>()?
                    .iter()
                    .map(|v| v.map(i128::from))
                    .collect(),
            )
        };
    }
    match a.data_type() {
        DataType::Int8 => prim!(Int8Type),
        DataType::Int16 => prim!(Int16Type),
        DataType::Int32 => prim!(Int32Type),
        DataType::Int64 => prim!(Int64Type),
        DataType::UInt8 => prim!(UInt8Type),
        DataType::UInt16 => prim!(UInt16Type),
        DataType::UInt32 => prim!(UInt32Type),
        DataType::UInt64 => prim!(UInt64Type),
        _ => None,
    }
}

fn floats(a: &dyn Array) -> Option<Vec<Option<f64>>> {
    match a.data_type() {
        DataType::Float32 => Some(
            a.as_primitive_opt::<Float32Type>()?
                .iter()
                .map(|v| v.map(f64::from))
                .collect(),
        ),
        DataType::Float64 => Some(a.as_primitive_opt::<Float64Type>()?.iter().collect()),
        _ => None,
    }
}

/// Text cells of a column that may also be integers (formatted in decimal, or with `width`
/// digits and leading zeros).
fn texts<'a>(a: &'a dyn Array, width: usize) -> Option<Vec<Option<Cow<'a, str>>>> {
    if let Some(s) = strings(a) {
        return Some(s.into_iter().map(|c| c.map(Cow::Borrowed)).collect());
    }
    let ints = integers(a)?;
    Some(
        ints.into_iter()
            .map(|v| v.map(|n| Cow::Owned(format!("{n:0width$}"))))
            .collect(),
    )
}

/// One cell interpreted by the CSV cell parser: the row it fills and its issues (row 0).
fn parse_cell(col: usize, cell: Cell<'_>) -> (Row, Vec<ImportIssue>) {
    let mut f = Filler {
        row_no: 0,
        semicolon_lists: true,
        issues: Vec::new(),
    };
    let mut row = Row::default();
    f.fill(&mut row, col, cell);
    (row, f.issues)
}

fn text_cell(t: &str) -> Cell<'_> {
    let t = t.trim();
    if t.is_empty() {
        Cell::Null
    } else {
        Cell::Text(Cow::Borrowed(t))
    }
}

/// Parses of distinct values, for enumerated columns (few distinct values; a linear scan of
/// short strings beats hashing them). Stops remembering after 64 values.
struct Cache<'a, V> {
    seen: Vec<(&'a str, V)>,
}

impl<'a, V: Clone> Cache<'a, V> {
    fn new() -> Self {
        Cache { seen: Vec::new() }
    }

    fn get(&mut self, key: &'a str, parse: impl FnOnce(&str) -> V) -> V {
        if let Some((_, v)) = self.seen.iter().find(|(k, _)| *k == key) {
            return v.clone();
        }
        let v = parse(key);
        if self.seen.len() < 64 {
            self.seen.push((key, v.clone()));
        }
        v
    }
}

type Parsed<T> = (Option<T>, Vec<ImportIssue>);

/// Reads a column's value from a parsed row.
type Extract<T> = fn(&Row) -> Option<T>;

/// A column of text cells interpreted by the CSV parser and stored with `extract`.
fn text_column<T: Copy + Default>(
    cells: &[Option<Cow<'_, str>>],
    col: usize,
    row0: usize,
    out: &mut Col<T>,
    issues: &mut Issues,
    extract: impl Fn(&Row) -> Option<T>,
    cached: bool,
) {
    let mut cache: Cache<'_, Parsed<T>> = Cache::new();
    let parse = |t: &str| {
        let (row, found) = parse_cell(col, text_cell(t));
        (extract(&row), found)
    };
    for (i, c) in cells.iter().enumerate() {
        let Some(t) = c else {
            out.push(None);
            continue;
        };
        let (v, found) = if cached {
            cache.get(t.as_ref(), &parse)
        } else {
            parse(t.as_ref())
        };
        if found.is_empty() {
            out.push(v);
        } else {
            out.push(None);
            for f in found {
                issues.push(col, f.at(row0 + i + 1));
            }
        }
    }
}

/// Seconds east of UTC of a time zone of an Arrow timestamp; `None` if not supported.
fn tz_offset(tz: &str) -> Option<i64> {
    match tz {
        "UTC" | "Etc/UTC" | "Z" | "GMT" => return Some(0),
        "Asia/Jakarta" | "Asia/Pontianak" => return Some(7 * 3600),
        "Asia/Makassar" => return Some(8 * 3600),
        "Asia/Jayapura" => return Some(9 * 3600),
        _ => {}
    }
    let b = tz.as_bytes();
    let sign = match b.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: Vec<i64> = b
        .get(1..)?
        .iter()
        .filter(|c| **c != b':')
        .map(|c| c.is_ascii_digit().then_some(i64::from(c - b'0')))
        .collect::<Option<_>>()?;
    match digits.as_slice() {
        [h1, h2, m1, m2] => Some(sign * ((h1 * 10 + h2) * 3600 + (m1 * 10 + m2) * 60)),
        [h1, h2] => Some(sign * (h1 * 10 + h2) * 3600),
        _ => None,
    }
}

const DATE_TYPES: &str = "Date32, Date64, Timestamp or ISO date strings";

/// Appends a day number (`None` = unknown), reporting one outside the calendar.
fn push_day(
    out: &mut Col<i32>,
    issues: &mut Issues,
    col: usize,
    row: usize,
    v: Option<i64>,
    shown: &dyn Fn() -> String,
) {
    let Some(d) = v else {
        out.push(None);
        return;
    };
    match i32::try_from(d) {
        Ok(d) if super::date_of_day_number(d).is_some() => out.push(Some(d)),
        _ => {
            out.push(None);
            let name = COLUMNS.get(col).copied().unwrap_or("");
            issues.push(
                col,
                ImportIssue::new(
                    row,
                    name,
                    &shown(),
                    "import.bad_date",
                    "the date is outside the calendar",
                ),
            );
        }
    }
}

/// A date column as day numbers.
fn date_column(
    a: &dyn Array,
    col: usize,
    row0: usize,
    out: &mut Col<i32>,
    issues: &mut Issues,
) -> Result<(), ImportError> {
    let name = COLUMNS.get(col).copied().unwrap_or("");
    match a.data_type() {
        DataType::Date32 => {
            let arr = a
                .as_primitive_opt::<Date32Type>()
                .ok_or_else(|| bad_type(col, a.data_type(), DATE_TYPES))?;
            // chrono's calendar spans ±262,000 years: about ±95 million days.
            let sane = |d: &i32| (-95_000_000..=95_000_000).contains(d);
            if arr.null_count() == 0 && arr.values().iter().all(sane) {
                out.values.extend_from_slice(arr.values());
                extend_valid(out, arr.len());
            } else {
                for (i, v) in arr.iter().enumerate() {
                    push_day(out, issues, col, row0 + i + 1, v.map(i64::from), &|| {
                        v.unwrap_or(0).to_string()
                    });
                }
            }
        }
        DataType::Date64 => {
            let arr = a
                .as_primitive_opt::<Date64Type>()
                .ok_or_else(|| bad_type(col, a.data_type(), DATE_TYPES))?;
            for (i, v) in arr.iter().enumerate() {
                let d = v.map(|ms| ms.div_euclid(86_400_000));
                push_day(out, issues, col, row0 + i + 1, d, &|| {
                    v.unwrap_or(0).to_string()
                });
            }
        }
        DataType::Timestamp(unit, tz) => {
            let offset = match tz {
                None => 0,
                Some(tz) => tz_offset(tz).ok_or_else(|| {
                    fatal(
                        name,
                        tz,
                        "import.bad_type",
                        &format!("column `{name}` has time zone `{tz}`; use UTC, a fixed offset or an Indonesian zone, or convert to dates"),
                    )
                })?,
            };
            let per_second: i64 = match unit {
                TimeUnit::Second => 1,
                TimeUnit::Millisecond => 1_000,
                TimeUnit::Microsecond => 1_000_000,
                TimeUnit::Nanosecond => 1_000_000_000,
            };
            let raw: Vec<Option<i64>> = match unit {
                TimeUnit::Second => a
                    .as_primitive_opt::<TimestampSecondType>()
                    .map(|x| x.iter().collect()),
                TimeUnit::Millisecond => a
                    .as_primitive_opt::<TimestampMillisecondType>()
                    .map(|x| x.iter().collect()),
                TimeUnit::Microsecond => a
                    .as_primitive_opt::<TimestampMicrosecondType>()
                    .map(|x| x.iter().collect()),
                TimeUnit::Nanosecond => a
                    .as_primitive_opt::<TimestampNanosecondType>()
                    .map(|x| x.iter().collect()),
            }
            .ok_or_else(|| bad_type(col, a.data_type(), DATE_TYPES))?;
            for (i, v) in raw.iter().enumerate() {
                let d = v.map(|t| (t.div_euclid(per_second) + offset).div_euclid(86_400));
                push_day(out, issues, col, row0 + i + 1, d, &|| {
                    v.unwrap_or(0).to_string()
                });
            }
        }
        _ => {
            let cells = texts(a, 0).ok_or_else(|| bad_type(col, a.data_type(), DATE_TYPES))?;
            let extract = |r: &Row| match col {
                BIRTH => r.birth_date,
                SINCE => r.residence_since,
                _ => r.discharged_on,
            };
            text_column(
                &cells,
                col,
                row0,
                out,
                issues,
                |r| extract(r).map(super::day_number),
                false,
            );
        }
    }
    Ok(())
}

/// Marks `n` rows just appended to `out.values` as known.
fn extend_valid<T: Copy + Default>(out: &mut Col<T>, n: usize) {
    let end = out.values.len();
    let start = end - n;
    out.valid.resize(end.div_ceil(64), 0);
    for i in start..end {
        if let Some(w) = out.valid.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }
}

/// The string items of a list cell, per row (`None` = null list).
fn list_items(a: &dyn Array) -> Option<Vec<Option<Vec<Option<&str>>>>> {
    let (offsets, values): (Vec<usize>, &ArrayRef) = match a.data_type() {
        DataType::List(_) => {
            let l = a.as_list_opt::<i32>()?;
            (
                l.value_offsets()
                    .iter()
                    .map(|o| usize::try_from(*o).unwrap_or(0))
                    .collect(),
                l.values(),
            )
        }
        DataType::LargeList(_) => {
            let l = a.as_list_opt::<i64>()?;
            (
                l.value_offsets()
                    .iter()
                    .map(|o| usize::try_from(*o).unwrap_or(0))
                    .collect(),
                l.values(),
            )
        }
        _ => return None,
    };
    let items = strings(values.as_ref())?;
    Some(
        offsets
            .windows(2)
            .enumerate()
            .map(|(i, w)| match w {
                [s, e] if !a.is_null(i) => Some(items.get(*s..*e).unwrap_or(&[]).to_vec()),
                _ => None,
            })
            .collect(),
    )
}

const LIST_TYPES: &str = "List or LargeList of strings, or `|`-separated strings";

/// The disabilities column as [`DisabilitySet`] bits, normalised as the builder does.
fn disability_column(
    a: &dyn Array,
    row0: usize,
    out: &mut Col<u16>,
    issues: &mut Issues,
) -> Result<(), ImportError> {
    let normalise = |d: DisabilitySet| d.iter().collect::<DisabilitySet>().bits();
    if let Some(lists) = list_items(a) {
        let mut cache: Cache<'_, Parsed<DisabilitySet>> = Cache::new();
        for (i, l) in lists.iter().enumerate() {
            let Some(items) = l else {
                out.push(None);
                continue;
            };
            let mut set = DisabilitySet::EMPTY;
            let mut ok = true;
            for item in items.iter().flatten() {
                let (d, found) = cache.get(item, |t| {
                    let (row, found) = parse_cell(DIS, Cell::List(vec![t.trim().to_owned()]));
                    (row.disabilities, found)
                });
                for f in found {
                    ok = false;
                    issues.push(DIS, f.at(row0 + i + 1));
                }
                if let Some(d) = d {
                    set = DisabilitySet::from_bits_truncate(set.bits() | d.bits());
                }
            }
            out.push(ok.then(|| normalise(set)));
        }
        return Ok(());
    }
    let cells = texts(a, 0).ok_or_else(|| bad_type(DIS, a.data_type(), LIST_TYPES))?;
    text_column(
        &cells,
        DIS,
        row0,
        out,
        issues,
        |r| r.disabilities.map(normalise),
        true,
    );
    Ok(())
}

/// Skills of every row as indices into a local dictionary (`None` = unknown).
struct SkillRows {
    dictionary: Vec<String>,
    index: HashMap<String, u32, FxBuild>,
    offsets: Vec<usize>,
    items: Vec<u32>,
    known: Vec<bool>,
}

impl SkillRows {
    fn push_row(&mut self, list: Option<Vec<String>>) {
        match list {
            None => self.known.push(false),
            Some(list) => {
                self.known.push(true);
                for s in list {
                    let i = match self.index.get(&s) {
                        Some(i) => *i,
                        None => {
                            let i = self.dictionary.len() as u32;
                            self.index.insert(s.clone(), i);
                            self.dictionary.push(s);
                            i
                        }
                    };
                    if !self
                        .items
                        .get(*self.offsets.last().unwrap_or(&0)..)
                        .is_some_and(|r| r.contains(&i))
                    {
                        self.items.push(i);
                    }
                }
            }
        }
        self.offsets.push(self.items.len());
    }

    fn row(&self, r: usize) -> Option<&[u32]> {
        if !self.known.get(r).copied().unwrap_or(false) {
            return None;
        }
        let s = *self.offsets.get(r)?;
        let e = *self.offsets.get(r + 1)?;
        self.items.get(s..e)
    }
}

fn skills_column(
    a: &dyn Array,
    row0: usize,
    out: &mut SkillRows,
    issues: &mut Issues,
) -> Result<(), ImportError> {
    if let Some(lists) = list_items(a) {
        // Few distinct skills: clean each raw item once.
        let mut cache: Cache<'_, Result<Option<String>, ImportIssue>> = Cache::new();
        for (i, l) in lists.iter().enumerate() {
            let Some(items) = l else {
                out.push_row(None);
                continue;
            };
            let mut list = Vec::with_capacity(items.len());
            for item in items.iter().flatten() {
                match cache.get(item, clean_skill) {
                    Ok(Some(s)) => list.push(s),
                    Ok(None) => {}
                    Err(issue) => issues.push(SKILLS, issue.at(row0 + i + 1)),
                }
            }
            out.push_row(Some(list));
        }
        return Ok(());
    }
    let cells = texts(a, 0).ok_or_else(|| bad_type(SKILLS, a.data_type(), LIST_TYPES))?;
    let mut clean_all = |i: usize, items: &mut dyn Iterator<Item = &str>| -> Vec<String> {
        let mut list = Vec::new();
        for item in items {
            match clean_skill(item) {
                Ok(Some(s)) => list.push(s),
                Ok(None) => {}
                Err(issue) => issues.push(SKILLS, issue.at(row0 + i + 1)),
            }
        }
        list
    };
    for (i, c) in cells.iter().enumerate() {
        let list = c.as_ref().and_then(|t| {
            let (row, _) = parse_cell(SKILLS, text_cell(t));
            row.skills
        });
        let list = list.map(|l| clean_all(i, &mut l.iter().map(String::as_str)));
        out.push_row(list);
    }
    Ok(())
}

/// Everything read so far, all rows (bad ones included).
struct Reader {
    selected: [bool; 15],
    reference: chrono::NaiveDate,
    rows: usize,
    ids: StrArena,
    names: StrArena,
    nik: Col<u64>,
    birth: Col<i32>,
    sex: Col<u8>,
    dis: Col<u16>,
    care: Col<u8>,
    upt: Col<u32>,
    upt_dictionary: Vec<String>,
    upt_index: HashMap<String, u32, FxBuild>,
    since: Col<i32>,
    discharged: Col<i32>,
    edu: Col<u8>,
    decile: Col<u8>,
    employment: Col<u8>,
    skills: SkillRows,
    regency: Col<u16>,
    issues: Issues,
}

const TEXT_TYPES: &str = "Utf8, LargeUtf8, Utf8View or a dictionary of strings";

impl Reader {
    fn batch(&mut self, batch: &RecordBatch, mapping: &[Option<usize>]) -> Result<(), ImportError> {
        let n = batch.num_rows();
        let row0 = self.rows;
        self.rows += n;
        self.issues.bad.resize(self.rows, false);
        let mut seen = [false; 15];
        for (array, col) in batch.columns().iter().zip(mapping) {
            let Some(col) = *col else { continue };
            if !self.selected.get(col).copied().unwrap_or(false) {
                continue;
            }
            if let Some(s) = seen.get_mut(col) {
                *s = true;
            }
            if array.data_type() == &DataType::Null {
                // pandas exports a column of only `None` as the Null type: unknown everywhere
                self.unknown(col, n);
                continue;
            }
            self.column(array.as_ref(), col, row0)?;
        }
        // Columns the input lacks (or not selected) are unknown in every row.
        for (col, s) in seen.iter().enumerate() {
            if !*s {
                self.unknown(col, n);
            }
        }
        Ok(())
    }

    fn unknown(&mut self, col: usize, n: usize) {
        // Unknown values are 0 under cleared validity bits: a fill, not n pushes.
        fn none<T: Copy + Default>(c: &mut Col<T>, n: usize) {
            let len = c.values.len() + n;
            c.values.resize(len, T::default());
            c.valid.resize(len.div_ceil(64), 0);
        }
        match col {
            ID => (0..n).for_each(|_| self.ids.push(None)),
            NIK => none(&mut self.nik, n),
            NAME => (0..n).for_each(|_| self.names.push(None)),
            BIRTH => none(&mut self.birth, n),
            SEX => none(&mut self.sex, n),
            DIS => none(&mut self.dis, n),
            CARE => none(&mut self.care, n),
            UPT => none(&mut self.upt, n),
            SINCE => none(&mut self.since, n),
            DISCHARGED => none(&mut self.discharged, n),
            EDU => none(&mut self.edu, n),
            DECILE => none(&mut self.decile, n),
            EMPLOYMENT => none(&mut self.employment, n),
            SKILLS => {
                let s = &mut self.skills;
                s.known.resize(s.known.len() + n, false);
                let end = s.items.len();
                s.offsets.resize(s.offsets.len() + n, end);
            }
            REGENCY => none(&mut self.regency, n),
            _ => {}
        }
    }

    fn column(&mut self, a: &dyn Array, col: usize, row0: usize) -> Result<(), ImportError> {
        let issues = &mut self.issues;
        match col {
            ID => {
                let cells = texts(a, 0).ok_or_else(|| bad_type(col, a.data_type(), TEXT_TYPES))?;
                for c in &cells {
                    let id = c.as_deref().map(str::trim).filter(|s| !s.is_empty());
                    self.ids.push(id);
                }
            }
            NAME => {
                let cells = strings(a).ok_or_else(|| bad_type(col, a.data_type(), TEXT_TYPES))?;
                for c in cells {
                    self.names.push(c.map(str::trim).filter(|s| !s.is_empty()));
                }
            }
            NIK => {
                if let Some(f) = floats(a) {
                    for (i, v) in f.iter().enumerate() {
                        self.nik.push(None);
                        if let Some(v) = v {
                            issues.push(col, ImportIssue::new(row0 + i + 1, "nik", &format!("{v:e}"), "import.nik_mangled", "the NIK is stored as a floating-point number, which cannot hold 16 digits; store it as text"));
                        }
                    }
                    return Ok(());
                }
                let cells = texts(a, 0).ok_or_else(|| bad_type(col, a.data_type(), TEXT_TYPES))?;
                for (i, c) in cells.iter().enumerate() {
                    let t = c.as_deref().map(str::trim).filter(|s| !s.is_empty());
                    let v = t.and_then(|t| match check_nik(t, self.reference) {
                        Ok(n) => Some(n),
                        Err((code, message)) => {
                            issues.push(
                                col,
                                ImportIssue::new(row0 + i + 1, "nik", t, code, &message),
                            );
                            None
                        }
                    });
                    self.nik.push(v);
                }
            }
            BIRTH => date_column(a, col, row0, &mut self.birth, issues)?,
            SINCE => date_column(a, col, row0, &mut self.since, issues)?,
            DISCHARGED => date_column(a, col, row0, &mut self.discharged, issues)?,
            SEX | CARE | EDU | EMPLOYMENT => {
                let cells = texts(a, 0).ok_or_else(|| bad_type(col, a.data_type(), TEXT_TYPES))?;
                let (out, extract): (&mut Col<u8>, Extract<u8>) = match col {
                    SEX => (&mut self.sex, |r| r.sex.map(code::sex)),
                    CARE => (&mut self.care, |r| r.care_status.map(code::care_status)),
                    EDU => (&mut self.edu, |r| r.education.map(code::education)),
                    _ => (&mut self.employment, |r| r.employment.map(code::employment)),
                };
                text_column(&cells, col, row0, out, issues, extract, true);
            }
            DECILE => {
                let bad = |issues: &mut Issues, i: usize, shown: String| {
                    issues.push(
                        col,
                        ImportIssue::new(
                            row0 + i + 1,
                            "dtks_decile",
                            &shown,
                            "import.bad_decile",
                            "a DTKS decile is an integer from 1 to 10",
                        ),
                    );
                };
                if let Some(ints) = integers(a) {
                    for (i, v) in ints.iter().enumerate() {
                        match v {
                            None => self.decile.push(None),
                            Some(d) if (1..=10).contains(d) => {
                                self.decile.push(u8::try_from(*d).ok())
                            }
                            Some(d) => {
                                self.decile.push(None);
                                bad(issues, i, d.to_string());
                            }
                        }
                    }
                } else if let Some(fl) = floats(a) {
                    for (i, v) in fl.iter().enumerate() {
                        match v {
                            None => self.decile.push(None),
                            Some(d) if d.is_nan() => self.decile.push(None),
                            Some(d) if d.fract() == 0.0 && (1.0..=10.0).contains(d) => {
                                self.decile.push(Some(*d as u8))
                            }
                            Some(d) => {
                                self.decile.push(None);
                                bad(issues, i, d.to_string());
                            }
                        }
                    }
                } else {
                    let cells = texts(a, 0).ok_or_else(|| {
                        bad_type(col, a.data_type(), "integers, floats or strings")
                    })?;
                    text_column(
                        &cells,
                        col,
                        row0,
                        &mut self.decile,
                        issues,
                        |r| r.dtks_decile,
                        true,
                    );
                }
            }
            UPT => {
                let cells = texts(a, 0).ok_or_else(|| bad_type(col, a.data_type(), TEXT_TYPES))?;
                let mut last: Option<(&str, u32)> = None;
                for c in &cells {
                    let u = c.as_deref().map(str::trim).filter(|s| !s.is_empty());
                    let v = u.map(|u| match last {
                        Some((l, i)) if l == u => i,
                        _ => {
                            let next = self.upt_dictionary.len() as u32;
                            let i = *self.upt_index.entry(u.to_owned()).or_insert(next);
                            if i == next {
                                self.upt_dictionary.push(u.to_owned());
                            }
                            last = Some((u, i));
                            i
                        }
                    });
                    self.upt.push(v);
                }
            }
            DIS => disability_column(a, row0, &mut self.dis, issues)?,
            SKILLS => skills_column(a, row0, &mut self.skills, issues)?,
            REGENCY => {
                let cells = texts(a, 4)
                    .ok_or_else(|| bad_type(col, a.data_type(), "strings or integers"))?;
                text_column(
                    &cells,
                    col,
                    row0,
                    &mut self.regency,
                    issues,
                    |r| r.regency.as_ref().and_then(code::regency),
                    true,
                );
            }
            _ => {}
        }
        Ok(())
    }

    /// Row-level checks in row order (as the builder commits): missing and duplicate ids
    /// against earlier accepted rows, the 64-skill limit; then the population of the
    /// accepted rows.
    fn finish(mut self, on_error: OnError) -> Result<(Population, ImportReport), ImportError> {
        let n = self.rows;
        // Ids in strictly increasing order (registries are usually sorted by id) cannot repeat:
        // no set of accepted ids is needed.
        let mut previous: Option<&str> = None;
        let sorted = (0..n).all(|r| match self.ids.get(r) {
            None => true,
            Some(id) => {
                let ok = previous.is_none_or(|p| p < id);
                previous = Some(id);
                ok
            }
        });
        let mut accepted_ids: HashSet<&str, FxBuild> =
            HashSet::with_capacity_and_hasher(if sorted { 0 } else { n }, FxBuild::default());
        let mut skill_bit: Vec<Option<u8>> = vec![None; self.skills.dictionary.len()];
        let mut skill_dictionary: Vec<String> = Vec::new();
        let mut skills = Col::<u64>::with_capacity(n);
        let mut more = Vec::new();
        for r in 0..n {
            let id = self.ids.get(r);
            match id {
                None => more.push(ImportIssue::new(
                    r + 1,
                    "id",
                    "",
                    "import.missing_id",
                    "the id is missing",
                )),
                Some(id) if !sorted && accepted_ids.contains(id) => more.push(ImportIssue::new(
                    r + 1,
                    "id",
                    id,
                    "import.duplicate_id",
                    "this id is already used by an earlier row",
                )),
                Some(_) => {}
            }
            let row_skills = self.skills.row(r);
            if let Some(list) = row_skills {
                let new = list
                    .iter()
                    .filter(|i| skill_bit.get(**i as usize).copied().flatten().is_none())
                    .count();
                if skill_dictionary.len() + new > MAX_SKILLS {
                    let shown: Vec<&str> = list
                        .iter()
                        .filter_map(|i| self.skills.dictionary.get(*i as usize))
                        .map(String::as_str)
                        .collect();
                    more.push(ImportIssue::new(
                        r + 1,
                        "skills",
                        &shown.join("|"),
                        "import.too_many_skills",
                        "a population holds at most 64 distinct skills",
                    ));
                }
            }
            let bad = self.issues.bad.get(r).copied().unwrap_or(true) || !more.is_empty();
            for issue in more.drain(..) {
                let col = if issue.column == "id" { ID } else { SKILLS };
                self.issues.push(col, issue);
            }
            if bad {
                skills.push(None);
                continue;
            }
            if let (Some(id), false) = (id, sorted) {
                accepted_ids.insert(id);
            }
            let bits = row_skills.map(|list| {
                list.iter().fold(0u64, |bits, i| {
                    let slot = skill_bit.get_mut(*i as usize);
                    let b = match slot {
                        Some(Some(b)) => *b,
                        Some(s) => {
                            let b = skill_dictionary.len() as u8;
                            *s = Some(b);
                            if let Some(name) = self.skills.dictionary.get(*i as usize) {
                                skill_dictionary.push(name.clone());
                            }
                            b
                        }
                        None => return bits,
                    };
                    bits | 1 << b
                })
            });
            skills.push(bits);
        }
        drop(accepted_ids);
        let mut list = std::mem::take(&mut self.issues.list);
        list.sort_by_key(|(row, col, _)| (*row, *col));
        let mut report = ImportReport {
            rows_read: n,
            skipped_rows: Vec::new(),
            issues: list.into_iter().map(|(_, _, i)| i).collect(),
        };
        if on_error == OnError::RejectAll && !report.issues.is_empty() {
            return Err(ImportError::from_issues(report.issues));
        }
        let keep: Vec<bool> = self.issues.bad.iter().map(|b| !b).collect();
        report.skipped_rows = keep
            .iter()
            .enumerate()
            .filter(|(_, k)| !**k)
            .map(|(i, _)| i + 1)
            .collect();
        let all = report.skipped_rows.is_empty();
        let nik = if all {
            self.nik
        } else {
            filter(&self.nik, &keep)
        };
        let nik_province = nik
            .values
            .iter()
            .map(|n| (n / 100_000_000_000_000) as u8)
            .collect();
        let pick = |c: Col<i32>| if all { c } else { filter(&c, &keep) };
        let (birth, since, discharged) =
            (pick(self.birth), pick(self.since), pick(self.discharged));
        let pick8 = |c: Col<u8>| if all { c } else { filter(&c, &keep) };
        let (sex, care, edu, decile, employment) = (
            pick8(self.sex),
            pick8(self.care),
            pick8(self.edu),
            pick8(self.decile),
            pick8(self.employment),
        );
        let mut upt = if all {
            self.upt
        } else {
            filter(&self.upt, &keep)
        };
        // Only facilities of accepted rows enter the dictionary.
        let mut used: Vec<Option<u32>> = vec![None; self.upt_dictionary.len()];
        let mut upt_dictionary = Vec::new();
        for (i, v) in upt.values.iter_mut().enumerate() {
            if upt
                .valid
                .get(i / 64)
                .is_some_and(|w| w >> (i % 64) & 1 == 1)
            {
                if let Some(slot) = used.get_mut(*v as usize) {
                    let u = match slot {
                        Some(u) => *u,
                        None => {
                            let u = upt_dictionary.len() as u32;
                            *slot = Some(u);
                            if let Some(name) = self.upt_dictionary.get(*v as usize) {
                                upt_dictionary.push(name.clone());
                            }
                            u
                        }
                    };
                    *v = u;
                }
            }
        }
        let pop = Population {
            ids: if all {
                self.ids
            } else {
                filter_arena(&self.ids, &keep)
            },
            names: if all {
                self.names
            } else {
                filter_arena(&self.names, &keep)
            },
            nik,
            nik_province,
            birth_date: birth,
            sex,
            disabilities: if all {
                self.dis
            } else {
                filter(&self.dis, &keep)
            },
            care_status: care,
            upt,
            upt_dictionary,
            residence_since: since,
            discharged_on: discharged,
            education: edu,
            dtks_decile: decile,
            employment,
            skills: if all { skills } else { filter(&skills, &keep) },
            skill_dictionary,
            regency: if all {
                self.regency
            } else {
                filter(&self.regency, &keep)
            },
        };
        Ok((sort_dictionaries(pop), report))
    }
}

fn filter<T: Copy + Default>(c: &Col<T>, keep: &[bool]) -> Col<T> {
    let mut out = Col::with_capacity(keep.iter().filter(|k| **k).count());
    for (i, k) in keep.iter().enumerate() {
        if *k {
            out.push(c.get(i));
        }
    }
    out
}

fn filter_arena(a: &StrArena, keep: &[bool]) -> StrArena {
    let mut out = StrArena::default();
    for (i, k) in keep.iter().enumerate() {
        if *k {
            out.push(a.get(i));
        }
    }
    out
}

impl Population {
    /// Reads Arrow record batches (any [`RecordBatchReader`]; for batches in memory,
    /// [`arrow_array::RecordBatchIterator`]). Columns are matched by name as for CSV (any
    /// case; extra columns ignored; a missing optional column is unknown for every row). See
    /// the [module docs](self) for the accepted Arrow types. Rows are numbered from 1 across
    /// batches.
    ///
    /// # Errors
    /// [`ImportError`] with every issue under [`OnError::RejectAll`]; under either policy when
    /// the schema has no `id` column (`import.missing_column`), names a column twice
    /// (`import.duplicate_column`), a column has an unsupported Arrow type
    /// (`import.bad_type`) or the reader fails (`import.bad_arrow`).
    ///
    /// # Examples
    /// ```
    /// use std::sync::Arc;
    /// use berdaya::population::arrow::arrow_array::{
    ///     ArrayRef, Date32Array, Float64Array, RecordBatch, RecordBatchIterator, StringArray,
    /// };
    /// use berdaya::population::{day_number, ImportOptions, OnError, Population};
    /// use chrono::NaiveDate;
    ///
    /// let d = |y, m, d| day_number(NaiveDate::from_ymd_opt(y, m, d).unwrap());
    /// let batch = RecordBatch::try_from_iter([
    ///     ("id", Arc::new(StringArray::from(vec!["p1", "p2", "p3"])) as ArrayRef),
    ///     ("birth_date", Arc::new(Date32Array::from(vec![Some(d(1995, 11, 7)), None, None]))),
    ///     ("sex", Arc::new(StringArray::from(vec![Some("L"), Some("P"), Some("X")]))),
    ///     ("dtks_decile", Arc::new(Float64Array::from(vec![3.0, f64::NAN, 4.0]))),
    /// ])?;
    /// let schema = batch.schema();
    /// let opts = ImportOptions::new(NaiveDate::from_ymd_opt(2020, 9, 9).unwrap())
    ///     .on_error(OnError::SkipRow);
    /// let reader = RecordBatchIterator::new([Ok(batch)], schema);
    /// let (pop, report) = Population::from_arrow(reader, &opts)?;
    /// assert_eq!(pop.len(), 2);
    /// assert_eq!(pop.dtks_decile().get(1), None); // NaN: not registered
    /// assert_eq!(report.skipped_rows, vec![3]);
    /// assert_eq!(report.issues[0].code, "import.bad_sex");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_arrow<R: RecordBatchReader>(
        reader: R,
        opts: &ImportOptions,
    ) -> Result<(Population, ImportReport), ImportError> {
        let schema = reader.schema();
        let mapping = map_schema(&schema)?;
        let mut selected = [true; 15];
        if let Some(cols) = &opts.columns {
            for (i, s) in selected.iter_mut().enumerate() {
                let name = COLUMNS.get(i).copied().unwrap_or("");
                *s = i == ID || cols.iter().any(|c| c.trim().eq_ignore_ascii_case(name));
            }
        }
        let mut r = Reader {
            selected,
            reference: opts.reference_date,
            rows: 0,
            ids: StrArena::default(),
            names: StrArena::default(),
            nik: Col::default(),
            birth: Col::default(),
            sex: Col::default(),
            dis: Col::default(),
            care: Col::default(),
            upt: Col::default(),
            upt_dictionary: Vec::new(),
            upt_index: HashMap::default(),
            since: Col::default(),
            discharged: Col::default(),
            edu: Col::default(),
            decile: Col::default(),
            employment: Col::default(),
            skills: SkillRows {
                dictionary: Vec::new(),
                index: HashMap::default(),
                offsets: vec![0],
                items: Vec::new(),
                known: Vec::new(),
            },
            regency: Col::default(),
            issues: Issues {
                list: Vec::new(),
                bad: Vec::new(),
            },
        };
        for batch in reader {
            let batch = batch.map_err(|e| arrow_failed(&e, r.rows + 1))?;
            r.batch(&batch, &mapping)?;
        }
        r.finish(opts.on_error)
    }

    /// The population as one Arrow record batch in the canonical schema ([`Population::arrow_schema`]):
    /// strings, `Date32` dates, a `UInt8` decile, `List<Utf8>` lists (an empty list = known,
    /// none; null = unknown), regency `3520`, NIK as 16 digits. [`from_arrow`](Self::from_arrow)
    /// reads it back to an equal population.
    ///
    /// # Examples
    /// ```
    /// use berdaya::population::arrow::arrow_array::RecordBatchIterator;
    /// use berdaya::population::{synth, ImportOptions, Population};
    /// use chrono::NaiveDate;
    /// let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
    /// let pop = synth::generate(500, 7, as_of);
    /// let batch = pop.to_arrow();
    /// let reader = RecordBatchIterator::new([Ok(batch.clone())], batch.schema());
    /// let (back, _) = Population::from_arrow(reader, &ImportOptions::new(as_of))?;
    /// assert_eq!(back, pop);
    /// # Ok::<(), berdaya::population::ImportError>(())
    /// ```
    pub fn to_arrow(&self) -> RecordBatch {
        let n = self.len();
        let rows: Vec<Row> = self.rows().collect();
        let text = |f: &dyn Fn(&Row) -> Option<String>| -> ArrayRef {
            Arc::new(rows.iter().map(f).collect::<StringArray>())
        };
        let date = |c: &Col<i32>| -> ArrayRef {
            Arc::new((0..n).map(|i| c.get(i)).collect::<Date32Array>())
        };
        let list = |f: &dyn Fn(&Row) -> Option<Vec<String>>| -> ArrayRef {
            let mut b = GenericListBuilder::<i32, _>::new(StringBuilder::new());
            for r in &rows {
                match f(r) {
                    Some(items) => {
                        for s in items {
                            b.values().append_value(s);
                        }
                        b.append(true);
                    }
                    None => b.append(false),
                }
            }
            Arc::new(b.finish())
        };
        let columns: Vec<ArrayRef> = vec![
            text(&|r| Some(r.id.clone())),
            text(&|r| r.nik.clone()),
            text(&|r| r.name.clone()),
            date(&self.birth_date),
            text(&|r| r.sex.map(|s| s.as_str().to_owned())),
            list(&|r| {
                r.disabilities
                    .map(|d| d.iter().map(|d| d.as_str().to_owned()).collect())
            }),
            text(&|r| r.care_status.map(|c| c.as_str().to_owned())),
            text(&|r| r.upt_id.clone()),
            date(&self.residence_since),
            date(&self.discharged_on),
            text(&|r| r.education.map(|e| e.as_str().to_owned())),
            Arc::new(
                (0..n)
                    .map(|i| self.dtks_decile.get(i))
                    .collect::<UInt8Array>(),
            ),
            text(&|r| r.employment.map(|e| e.as_str().to_owned())),
            list(&|r| r.skills.clone()),
            text(&|r| r.regency.map(|c| c.compact())),
        ];
        // The schema is built from the columns themselves, so this cannot fail; an empty
        // batch of the schema is the fallback all the same.
        RecordBatch::try_new(Population::arrow_schema(), columns)
            .unwrap_or_else(|_| RecordBatch::new_empty(Population::arrow_schema()))
    }

    /// The canonical Arrow schema of [`to_arrow`](Self::to_arrow).
    pub fn arrow_schema() -> SchemaRef {
        let item = || Arc::new(Field::new("item", DataType::Utf8, true));
        let fields: Vec<Field> = COLUMNS
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let dt = match i {
                    BIRTH | SINCE | DISCHARGED => DataType::Date32,
                    DIS | SKILLS => DataType::List(item()),
                    DECILE => DataType::UInt8,
                    _ => DataType::Utf8,
                };
                Field::new(*name, dt, i != ID)
            })
            .collect();
        Arc::new(Schema::new(fields))
    }
}

fn arrow_failed(e: &ArrowError, row: usize) -> ImportError {
    let message = format!("the Arrow input could not be read: {e}").to_lowercase();
    ImportError::from_issues(vec![ImportIssue::new(
        row,
        "",
        "",
        "import.bad_arrow",
        &message,
    )])
}

/// For each field, the schema column it fills (names as in CSV headers).
fn map_schema(schema: &Schema) -> Result<Vec<Option<usize>>, ImportError> {
    let mut mapping: Vec<Option<usize>> = Vec::new();
    for f in schema.fields() {
        let h = f.name().trim().to_ascii_lowercase();
        let col = COLUMNS.iter().position(|c| *c == h);
        if col.is_some() && mapping.contains(&col) {
            return Err(fatal(
                &h,
                &h,
                "import.duplicate_column",
                "the schema names this column twice",
            ));
        }
        mapping.push(col);
    }
    if !mapping.contains(&Some(ID)) {
        return Err(fatal(
            "id",
            "",
            "import.missing_column",
            "the input has no `id` column",
        ));
    }
    Ok(mapping)
}

impl BatchEvaluation {
    /// The result as Arrow columns: `id` (`Utf8`), `outcome` (dictionary of `eligible`,
    /// `ineligible`, `undetermined`), `reason` (dictionary of clause texts; null where none)
    /// and `missing` (`List<Utf8>`), one row per person of `population` (the population
    /// evaluated). Needs [`Detail::Full`](crate::batch::Detail::Full) for `reason` and
    /// `missing` (otherwise null and empty).
    ///
    /// # Examples
    /// ```
    /// use berdaya::population::synth;
    /// use berdaya::rules::{Context, Rule};
    /// use chrono::NaiveDate;
    /// let as_of = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
    /// let pop = synth::generate(100, 1, as_of);
    /// let e = Rule::parse("age >= 18")?.evaluate_columnar(&pop, &Context::default(), as_of);
    /// let batch = e.to_arrow(&pop);
    /// assert_eq!(batch.num_rows(), 100);
    /// assert_eq!(batch.schema().field(1).name(), "outcome");
    /// # Ok::<(), berdaya::RuleError>(())
    /// ```
    pub fn to_arrow(&self, population: &Population) -> RecordBatch {
        let n = self.len().min(population.len());
        let ids: StringArray = (0..n).map(|i| population.id(i)).collect();
        let outcome_keys: Int8Array = (0..n)
            .map(|i| {
                Some(match self.outcome(i) {
                    Outcome::Eligible => 0i8,
                    Outcome::Ineligible => 1,
                    Outcome::Undetermined => 2,
                })
            })
            .collect();
        let outcome_values = Arc::new(StringArray::from(vec![
            Outcome::Eligible.as_str(),
            Outcome::Ineligible.as_str(),
            Outcome::Undetermined.as_str(),
        ]));
        let reason_keys: Int32Array = (0..n)
            .map(|i| self.reason_code(i).and_then(|c| i32::try_from(c).ok()))
            .collect();
        let reason_values = Arc::new(
            self.reason_texts()
                .iter()
                .map(|s| Some(s.as_str()))
                .collect::<StringArray>(),
        );
        let mut missing = GenericListBuilder::<i32, _>::new(StringBuilder::new());
        for i in 0..n {
            for m in self.missing(i) {
                missing.values().append_value(m);
            }
            missing.append(true);
        }
        let outcome = DictionaryArray::<Int8Type>::try_new(outcome_keys, outcome_values);
        let reason = DictionaryArray::<Int32Type>::try_new(reason_keys, reason_values);
        let (Ok(outcome), Ok(reason)) = (outcome, reason) else {
            return RecordBatch::new_empty(batch_schema());
        };
        RecordBatch::try_new(
            batch_schema(),
            vec![
                Arc::new(ids),
                Arc::new(outcome),
                Arc::new(reason),
                Arc::new(missing.finish()),
            ],
        )
        .unwrap_or_else(|_| RecordBatch::new_empty(batch_schema()))
    }
}

fn batch_schema() -> SchemaRef {
    let dict = |k: DataType| DataType::Dictionary(Box::new(k), Box::new(DataType::Utf8));
    Arc::new(Schema::new(vec![
        Field::new("id", DataType::Utf8, false),
        Field::new("outcome", dict(DataType::Int8), false),
        Field::new("reason", dict(DataType::Int32), true),
        Field::new(
            "missing",
            DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
            false,
        ),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_zones() {
        assert_eq!(tz_offset("UTC"), Some(0));
        assert_eq!(tz_offset("+07:00"), Some(25_200));
        assert_eq!(tz_offset("-0530"), Some(-19_800));
        assert_eq!(tz_offset("Asia/Makassar"), Some(28_800));
        assert_eq!(tz_offset("Europe/Paris"), None);
        assert_eq!(tz_offset("+7"), None);
    }
}
