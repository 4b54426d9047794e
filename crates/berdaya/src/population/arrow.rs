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
//! rules of parsing), once per distinct value of an enumerated column or of a dictionary;
//! cells are read in place (no per-row strings or vectors), a NIK is validated once per
//! distinct region and birth-date part, and with the `parallel` feature the columns of a batch
//! are converted on several threads — the same population and report on any number of threads
//! (`benches/population_arrow.rs`). Every bad cell is an
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
    Date32Type, Date64Type, Float32Type, Float64Type, Int32Type, Int8Type,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType,
};
use arrow_array::{
    Array, ArrayRef, Date32Array, DictionaryArray, Int32Array, Int8Array, RecordBatch,
    RecordBatchReader, StringArray, UInt8Array,
};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef, TimeUnit};

use super::builder::{clean_skill, sort_dictionaries, MAX_SKILLS};
use super::column::{Col, StrArena};
use super::import::{
    Cell, Filler, ImportError, ImportIssue, ImportOptions, ImportReport, OnError, COLUMNS,
};
use super::{code, Population, Row};

#[path = "arrow_cells.rs"]
mod cells;
use crate::batch::BatchEvaluation;
use crate::disability::DisabilitySet;
use crate::rules::Outcome;
use cells::{each_integer, Distinct, Lists, NikChecker, Texts};

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

type Parsed<T> = (Option<T>, Vec<ImportIssue>);

/// Reads a column's value from a parsed row.
type Extract<T> = fn(&Row) -> Option<T>;

/// Stores one parsed cell of row `row` (1-based): its value, or unknown and its issues.
#[inline(always)]
fn record<T: Copy + Default>(
    out: &mut Col<T>,
    issues: &mut Issues,
    col: usize,
    row: usize,
    (v, found): &Parsed<T>,
) {
    if found.is_empty() {
        out.push(*v);
    } else {
        out.push(None);
        for f in found {
            issues.push(col, f.clone().at(row));
        }
    }
}

/// A column of text cells interpreted by the CSV parser and stored with `extract`; each
/// distinct value parsed once when `cached` or dictionary-encoded.
fn text_column<T: Copy + Default>(
    cells: &Texts<'_>,
    col: usize,
    row0: usize,
    out: &mut Col<T>,
    issues: &mut Issues,
    extract: impl Fn(&Row) -> Option<T>,
    cached: bool,
) {
    let parse = |t: &str| {
        let (row, found) = parse_cell(col, text_cell(t));
        (extract(&row), found)
    };
    let n = cells.len();
    out.values.reserve(n);
    let mut distinct: Distinct<'_, Parsed<T>> = Distinct::new(cells);
    let once = cached || cells.dictionary_len().is_some();
    for i in 0..n {
        let done = if once {
            distinct.with(cells, i, parse, |p| {
                record(out, issues, col, row0 + i + 1, p)
            })
        } else {
            cells
                .get(i)
                .map(|t| record(out, issues, col, row0 + i + 1, &parse(t)))
        };
        if done.is_none() {
            out.push(None);
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
            let start = out.values.len();
            let nulls = arr.nulls().filter(|n| n.null_count() > 0);
            if (nulls.is_none() || start % 64 == 0) && arr.values().iter().all(sane) {
                // day numbers copied as they are; validity words from the null bitmap
                out.values.extend_from_slice(arr.values());
                match nulls {
                    None => extend_valid(out, arr.len()),
                    Some(nulls) => {
                        let words = arr.len().div_ceil(64);
                        out.valid
                            .extend(nulls.inner().bit_chunks().iter_padded().take(words));
                        // unknown values are 0
                        let first = start / 64;
                        for (k, w) in out.valid.get(first..).unwrap_or(&[]).iter().enumerate() {
                            let mut unknown = !w;
                            while unknown != 0 {
                                let b = unknown.trailing_zeros() as usize;
                                if let Some(v) = out.values.get_mut(start + k * 64 + b) {
                                    *v = 0;
                                }
                                unknown &= unknown - 1;
                            }
                        }
                    }
                }
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
            let cells = Texts::of(a, 0).ok_or_else(|| bad_type(col, a.data_type(), DATE_TYPES))?;
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
    let mut i = end - n;
    out.valid.resize(end.div_ceil(64), 0);
    while i < end {
        // the bits of rows i.. up to the end of i's word or of the rows
        let upto = (i / 64 * 64 + 64).min(end);
        let bits = if upto - i == 64 {
            u64::MAX
        } else {
            ((1u64 << (upto - i)) - 1) << (i % 64)
        };
        if let Some(w) = out.valid.get_mut(i / 64) {
            *w |= bits;
        }
        i = upto;
    }
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
    if let Some(lists) = Lists::of(a) {
        let parse = |t: &str| {
            let (row, found) = parse_cell(DIS, Cell::List(vec![t.trim().to_owned()]));
            (row.disabilities, found)
        };
        let mut distinct: Distinct<'_, Parsed<DisabilitySet>> = Distinct::new(&lists.items);
        let mut memo: Vec<(u16, u16)> = Vec::new();
        out.values.reserve(lists.len());
        for i in 0..lists.len() {
            let Some(range) = lists.range(i) else {
                out.push(None);
                continue;
            };
            let mut set = DisabilitySet::EMPTY;
            let mut ok = true;
            for j in range {
                distinct.with(&lists.items, j, parse, |(d, found)| {
                    for f in found {
                        ok = false;
                        issues.push(DIS, f.clone().at(row0 + i + 1));
                    }
                    if let Some(d) = d {
                        set = DisabilitySet::from_bits_truncate(set.bits() | d.bits());
                    }
                });
            }
            out.push(ok.then(|| {
                // few distinct sets: normalise each once
                match memo.iter().find(|(raw, _)| *raw == set.bits()) {
                    Some((_, n)) => *n,
                    None => {
                        let n = normalise(set);
                        if memo.len() < 64 {
                            memo.push((set.bits(), n));
                        }
                        n
                    }
                }
            }));
        }
        return Ok(());
    }
    let cells = Texts::of(a, 0).ok_or_else(|| bad_type(DIS, a.data_type(), LIST_TYPES))?;
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

/// The local index of a cleaned skill, added at its first use.
fn intern(
    dictionary: &mut Vec<String>,
    index: &mut HashMap<String, u32, FxBuild>,
    s: String,
) -> u32 {
    match index.get(&s) {
        Some(i) => *i,
        None => {
            let i = dictionary.len() as u32;
            index.insert(s.clone(), i);
            dictionary.push(s);
            i
        }
    }
}

impl SkillRows {
    fn push_row(&mut self, list: Option<Vec<String>>) {
        match list {
            None => self.known.push(false),
            Some(list) => {
                self.known.push(true);
                let start = self.items.len();
                for s in list {
                    let i = intern(&mut self.dictionary, &mut self.index, s);
                    push_item(&mut self.items, start, i);
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

/// Adds skill `i` to the row starting at `start` unless already there.
#[inline]
fn push_item(items: &mut Vec<u32>, start: usize, i: u32) {
    if !items.get(start..).is_some_and(|r| r.contains(&i)) {
        items.push(i);
    }
}

fn skills_column(
    a: &dyn Array,
    row0: usize,
    out: &mut SkillRows,
    issues: &mut Issues,
) -> Result<(), ImportError> {
    if let Some(lists) = Lists::of(a) {
        // Few distinct skills: clean and number each raw item once.
        let SkillRows {
            dictionary,
            index,
            offsets,
            items,
            known,
        } = out;
        let mut distinct: Distinct<'_, Result<Option<u32>, ImportIssue>> =
            Distinct::new(&lists.items);
        for i in 0..lists.len() {
            let Some(range) = lists.range(i) else {
                known.push(false);
                offsets.push(items.len());
                continue;
            };
            known.push(true);
            let start = items.len();
            for j in range {
                let parse =
                    |t: &str| clean_skill(t).map(|s| s.map(|s| intern(dictionary, index, s)));
                distinct.with(&lists.items, j, parse, |r| match r {
                    Ok(Some(s)) => push_item(items, start, *s),
                    Ok(None) => {}
                    Err(issue) => issues.push(SKILLS, issue.clone().at(row0 + i + 1)),
                });
            }
            offsets.push(items.len());
        }
        return Ok(());
    }
    let cells = Texts::of(a, 0).ok_or_else(|| bad_type(SKILLS, a.data_type(), LIST_TYPES))?;
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
    for i in 0..cells.len() {
        let list = cells.get(i).and_then(|t| {
            let (row, _) = parse_cell(SKILLS, text_cell(t));
            row.skills
        });
        let list = list.map(|l| clean_all(i, &mut l.iter().map(String::as_str)));
        out.push_row(list);
    }
    Ok(())
}

/// What the id column tells of its order, for duplicate detection.
struct IdOrder {
    /// Known ids so far are strictly increasing (so none repeats: no set of ids is needed).
    sorted: bool,
    /// The last known id while `sorted`.
    last: Option<String>,
    /// Rows without an id.
    missing: usize,
}

/// Everything read so far, all rows (bad ones included).
struct Reader {
    selected: [bool; 15],
    rows: usize,
    ids: StrArena,
    id_order: IdOrder,
    names: StrArena,
    nik: Col<u64>,
    nik_check: NikChecker,
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

/// Where a column's cells go: disjoint parts of the [`Reader`], so columns convert in
/// parallel.
enum Target<'r> {
    Ids(&'r mut StrArena, &'r mut IdOrder),
    Names(&'r mut StrArena),
    Nik(&'r mut Col<u64>, &'r mut NikChecker),
    Date(&'r mut Col<i32>),
    Small(&'r mut Col<u8>),
    Dis(&'r mut Col<u16>),
    Upt(
        &'r mut Col<u32>,
        &'r mut Vec<String>,
        &'r mut HashMap<String, u32, FxBuild>,
    ),
    Skills(&'r mut SkillRows),
    Regency(&'r mut Col<u16>),
}

/// One column of one batch to convert.
struct Job<'r, 'a> {
    col: usize,
    array: &'a dyn Array,
    target: Target<'r>,
}

/// Batches of fewer rows convert their columns on one thread.
#[cfg(feature = "parallel")]
const PARALLEL_ROWS: usize = 16_384;

impl Reader {
    fn batch(&mut self, batch: &RecordBatch, mapping: &[Option<usize>]) -> Result<(), ImportError> {
        let n = batch.num_rows();
        let row0 = self.rows;
        self.rows += n;
        self.issues.bad.resize(self.rows, false);
        let mut seen = [false; 15];
        let mut work: Vec<(usize, &dyn Array)> = Vec::new();
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
            work.push((col, array.as_ref()));
        }
        for found in self.convert(&work, row0, n)? {
            for (_, col, issue) in found {
                self.issues.push(col, issue);
            }
        }
        // Columns the input lacks (or not selected) are unknown in every row.
        for (col, s) in seen.iter().enumerate() {
            if !*s {
                self.unknown(col, n);
            }
        }
        Ok(())
    }

    /// Converts the columns of a batch of `n` rows (in parallel with the `parallel` feature;
    /// the same result on any number of threads): each column's issues in row order, or the
    /// first failure in schema order.
    #[allow(clippy::type_complexity)]
    fn convert(
        &mut self,
        work: &[(usize, &dyn Array)],
        row0: usize,
        n: usize,
    ) -> Result<Vec<Vec<(usize, usize, ImportIssue)>>, ImportError> {
        let Reader {
            ids,
            id_order,
            names,
            nik,
            nik_check,
            birth,
            sex,
            dis,
            care,
            upt,
            upt_dictionary,
            upt_index,
            since,
            discharged,
            edu,
            decile,
            employment,
            skills,
            regency,
            ..
        } = self;
        let (mut ids, mut names, mut nik, mut birth, mut sex, mut dis, mut care) = (
            Some((ids, id_order)),
            Some(names),
            Some((nik, nik_check)),
            Some(birth),
            Some(sex),
            Some(dis),
            Some(care),
        );
        let (mut upt, mut since, mut discharged, mut edu, mut decile, mut employment) = (
            Some((upt, upt_dictionary, upt_index)),
            Some(since),
            Some(discharged),
            Some(edu),
            Some(decile),
            Some(employment),
        );
        let (mut skills, mut regency) = (Some(skills), Some(regency));
        let mut jobs: Vec<Job<'_, '_>> = Vec::with_capacity(work.len());
        for &(col, array) in work {
            let target = match col {
                ID => ids.take().map(|(a, o)| Target::Ids(a, o)),
                NAME => names.take().map(Target::Names),
                NIK => nik.take().map(|(c, k)| Target::Nik(c, k)),
                BIRTH => birth.take().map(Target::Date),
                SINCE => since.take().map(Target::Date),
                DISCHARGED => discharged.take().map(Target::Date),
                SEX => sex.take().map(Target::Small),
                CARE => care.take().map(Target::Small),
                EDU => edu.take().map(Target::Small),
                DECILE => decile.take().map(Target::Small),
                EMPLOYMENT => employment.take().map(Target::Small),
                DIS => dis.take().map(Target::Dis),
                UPT => upt.take().map(|(c, d, i)| Target::Upt(c, d, i)),
                SKILLS => skills.take().map(Target::Skills),
                REGENCY => regency.take().map(Target::Regency),
                _ => None,
            };
            if let Some(target) = target {
                jobs.push(Job { col, array, target });
            }
        }
        let run = |job: &mut Job<'_, '_>| {
            let mut issues = Issues {
                list: Vec::new(),
                bad: Vec::new(),
            };
            column(job.array, job.col, row0, &mut job.target, &mut issues)?;
            Ok(issues.list)
        };
        #[cfg(feature = "parallel")]
        let results: Vec<Result<_, ImportError>> = if n >= PARALLEL_ROWS && jobs.len() > 1 {
            use rayon::prelude::*;
            jobs.par_iter_mut().map(run).collect()
        } else {
            jobs.iter_mut().map(run).collect()
        };
        #[cfg(not(feature = "parallel"))]
        let results: Vec<Result<_, ImportError>> = {
            let _ = n;
            jobs.iter_mut().map(run).collect()
        };
        results.into_iter().collect()
    }

    fn unknown(&mut self, col: usize, n: usize) {
        // Unknown values are 0 under cleared validity bits: a fill, not n pushes.
        fn none<T: Copy + Default>(c: &mut Col<T>, n: usize) {
            if c.values.is_empty() {
                // zeroed memory from the allocator, not a fill
                c.values = vec![T::default(); n];
                c.valid = vec![0; n.div_ceil(64)];
                return;
            }
            let len = c.values.len() + n;
            c.values.resize(len, T::default());
            c.valid.resize(len.div_ceil(64), 0);
        }
        match col {
            ID => {
                self.ids.push_nulls(n);
                self.id_order.missing += n;
            }
            NIK => none(&mut self.nik, n),
            NAME => self.names.push_nulls(n),
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
}

/// A trimmed, non-empty text cell.
#[inline]
fn trimmed(t: Option<&str>) -> Option<&str> {
    t.map(trim).filter(|s| !s.is_empty())
}

/// `str::trim`, without its Unicode machinery when both ends are visible ASCII.
#[inline]
fn trim(s: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|b| *b > b' ' && *b < 0x80);
    if visible(s.as_bytes().first()) && visible(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

/// Converts one column of a batch into `target`, pushing the issues of its cells.
fn column(
    a: &dyn Array,
    col: usize,
    row0: usize,
    target: &mut Target<'_>,
    issues: &mut Issues,
) -> Result<(), ImportError> {
    let text_types = || bad_type(col, a.data_type(), TEXT_TYPES);
    match target {
        Target::Ids(out, order) => {
            let cells = Texts::of(a, 0).ok_or_else(text_types)?;
            let mut sorted = order.sorted;
            let mut previous: Option<&str> = None;
            for i in 0..cells.len() {
                let id = trimmed(cells.get(i));
                match id {
                    None => order.missing += 1,
                    Some(id) if sorted => {
                        sorted = match previous {
                            Some(p) => p < id,
                            None => order.last.as_deref().is_none_or(|l| l < id),
                        };
                        previous = Some(id);
                    }
                    Some(_) => {}
                }
                out.push(id);
            }
            order.sorted = sorted;
            if let (true, Some(p)) = (sorted, previous) {
                order.last = Some(p.to_owned());
            }
        }
        Target::Names(out) => {
            let cells = Texts::strings(a).ok_or_else(text_types)?;
            for i in 0..cells.len() {
                out.push(trimmed(cells.get(i)));
            }
        }
        Target::Nik(out, checker) => {
            if let Some(f) = floats(a) {
                for (i, v) in f.iter().enumerate() {
                    out.push(None);
                    if let Some(v) = v {
                        issues.push(col, ImportIssue::new(row0 + i + 1, "nik", &format!("{v:e}"), "import.nik_mangled", "the NIK is stored as a floating-point number, which cannot hold 16 digits; store it as text"));
                    }
                }
                return Ok(());
            }
            let cells = Texts::of(a, 0).ok_or_else(text_types)?;
            out.values.reserve(cells.len());
            for i in 0..cells.len() {
                let v = trimmed(cells.get(i)).and_then(|t| match checker.check(t) {
                    Ok(n) => Some(n),
                    Err((code, message)) => {
                        issues.push(
                            col,
                            ImportIssue::new(row0 + i + 1, "nik", t, code, &message),
                        );
                        None
                    }
                });
                out.push(v);
            }
        }
        Target::Date(out) => date_column(a, col, row0, out, issues)?,
        Target::Small(out) if col == DECILE => {
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
            out.values.reserve(a.len());
            let ints = each_integer(a, |i, v| match v {
                None => out.push(None),
                Some(d) if (1..=10).contains(&d) => out.push(u8::try_from(d).ok()),
                Some(d) => {
                    out.push(None);
                    bad(issues, i, d.to_string());
                }
            });
            if ints.is_some() {
                return Ok(());
            }
            if let Some(fl) = floats(a) {
                for (i, v) in fl.iter().enumerate() {
                    match v {
                        None => out.push(None),
                        Some(d) if d.is_nan() => out.push(None),
                        Some(d) if d.fract() == 0.0 && (1.0..=10.0).contains(d) => {
                            out.push(Some(*d as u8))
                        }
                        Some(d) => {
                            out.push(None);
                            bad(issues, i, d.to_string());
                        }
                    }
                }
            } else {
                let cells = Texts::of(a, 0)
                    .ok_or_else(|| bad_type(col, a.data_type(), "integers, floats or strings"))?;
                text_column(&cells, col, row0, out, issues, |r| r.dtks_decile, true);
            }
        }
        Target::Small(out) => {
            let cells = Texts::of(a, 0).ok_or_else(text_types)?;
            let extract: Extract<u8> = match col {
                SEX => |r| r.sex.map(code::sex),
                CARE => |r| r.care_status.map(code::care_status),
                EDU => |r| r.education.map(code::education),
                _ => |r| r.employment.map(code::employment),
            };
            text_column(&cells, col, row0, out, issues, extract, true);
        }
        Target::Upt(out, dictionary, index) => {
            let cells = Texts::of(a, 0).ok_or_else(text_types)?;
            let mut number = |u: &str| match index.get(u) {
                Some(i) => *i,
                None => {
                    let i = dictionary.len() as u32;
                    index.insert(u.to_owned(), i);
                    dictionary.push(u.to_owned());
                    i
                }
            };
            let mut by_key: Vec<Option<Option<u32>>> =
                vec![None; cells.dictionary_len().unwrap_or(0)];
            let mut last: Option<(&str, u32)> = None;
            out.values.reserve(cells.len());
            for i in 0..cells.len() {
                if let Some(slot) = cells.key(i).and_then(|k| by_key.get_mut(k)) {
                    let v = *slot.get_or_insert_with(|| trimmed(cells.get(i)).map(&mut number));
                    out.push(v);
                    continue;
                }
                let v = trimmed(cells.get(i)).map(|u| match last {
                    Some((l, i)) if l == u => i,
                    _ => {
                        let i = number(u);
                        last = Some((u, i));
                        i
                    }
                });
                out.push(v);
            }
        }
        Target::Dis(out) => disability_column(a, row0, out, issues)?,
        Target::Skills(out) => skills_column(a, row0, out, issues)?,
        Target::Regency(out) => {
            let cells = Texts::of(a, 4)
                .ok_or_else(|| bad_type(col, a.data_type(), "strings or integers"))?;
            text_column(
                &cells,
                col,
                row0,
                out,
                issues,
                |r| r.regency.as_ref().and_then(code::regency),
                true,
            );
        }
    }
    Ok(())
}

impl Reader {
    /// Row-level checks in row order (as the builder commits): missing and duplicate ids
    /// against earlier accepted rows, the 64-skill limit; then the population of the
    /// accepted rows.
    fn finish(mut self, on_error: OnError) -> Result<(Population, ImportReport), ImportError> {
        let n = self.rows;
        let sorted = self.id_order.sorted;
        let mut accepted_ids: HashSet<&str, FxBuild> =
            HashSet::with_capacity_and_hasher(if sorted { 0 } else { n }, FxBuild::default());
        let mut skill_bit: Vec<Option<u8>> = vec![None; self.skills.dictionary.len()];
        let mut skill_dictionary: Vec<String> = Vec::new();
        let mut skills = Col::<u64>::with_capacity(n);
        let rows = if sorted && self.id_order.missing == 0 && !self.skills.known.contains(&true) {
            // Nothing to check row by row: no id is missing or repeated, no skills.
            skills.values.resize(n, 0);
            skills.valid.resize(n.div_ceil(64), 0);
            0..0
        } else {
            0..n
        };
        for r in rows {
            let id = self.ids.get(r);
            let mut extra = false;
            match id {
                None => {
                    extra = true;
                    self.issues.push(
                        ID,
                        ImportIssue::new(r + 1, "id", "", "import.missing_id", "the id is missing"),
                    );
                }
                Some(id) if !sorted && accepted_ids.contains(id) => {
                    extra = true;
                    self.issues.push(
                        ID,
                        ImportIssue::new(
                            r + 1,
                            "id",
                            id,
                            "import.duplicate_id",
                            "this id is already used by an earlier row",
                        ),
                    );
                }
                Some(_) => {}
            }
            let row_skills = self.skills.row(r);
            if let Some(list) = row_skills {
                // only new skills can pass the limit
                let new = if skill_dictionary.len() + list.len() > MAX_SKILLS {
                    list.iter()
                        .filter(|i| skill_bit.get(**i as usize).copied().flatten().is_none())
                        .count()
                } else {
                    0
                };
                if skill_dictionary.len() + new > MAX_SKILLS {
                    let shown: Vec<&str> = list
                        .iter()
                        .filter_map(|i| self.skills.dictionary.get(*i as usize))
                        .map(String::as_str)
                        .collect();
                    extra = true;
                    self.issues.push(
                        SKILLS,
                        ImportIssue::new(
                            r + 1,
                            "skills",
                            &shown.join("|"),
                            "import.too_many_skills",
                            "a population holds at most 64 distinct skills",
                        ),
                    );
                }
            }
            if extra || self.issues.bad.get(r).copied().unwrap_or(true) {
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
        // (without a dictionary no row has a facility)
        let values: &mut [u32] = if used.is_empty() {
            &mut []
        } else {
            upt.values.as_mut_slice()
        };
        for (i, v) in values.iter_mut().enumerate() {
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
            rows: 0,
            ids: StrArena::default(),
            id_order: IdOrder {
                sorted: true,
                last: None,
                missing: 0,
            },
            names: StrArena::default(),
            nik: Col::default(),
            nik_check: NikChecker::new(opts.reference_date),
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
        // Every column is built from flat buffers in one pass (no value per row through an
        // Arrow builder, no `Vec` per row): this is most of `evaluate_batch`'s time in Python.
        let n = self.len().min(population.len());
        let columns = (|| -> Result<Vec<ArrayRef>, ArrowError> {
            Ok(vec![
                batch_ids(&population.ids, n)?,
                Arc::new(self.outcome_array(n)?),
                Arc::new(self.reason_array(n)?),
                self.missing_array(n)?,
            ])
        })();
        let Ok(columns) = columns else {
            return RecordBatch::new_empty(batch_schema(DataType::Utf8, DataType::Utf8));
        };
        let (id, item) = match (columns.first(), columns.get(3)) {
            (Some(id), Some(missing)) => (id.data_type().clone(), list_item_type(missing)),
            _ => (DataType::Utf8, DataType::Utf8),
        };
        RecordBatch::try_new(batch_schema(id.clone(), item.clone()), columns)
            .unwrap_or_else(|_| RecordBatch::new_empty(batch_schema(id, item)))
    }

    fn outcome_array(&self, n: usize) -> Result<DictionaryArray<Int8Type>, ArrowError> {
        // key 0 eligible, 1 ineligible, 2 undetermined: 2 - known × (1 + true)
        let mut keys: Vec<i8> = Vec::with_capacity(n);
        let words = self.known_bits().iter().zip(self.eligible_bits());
        for (w, (&k, &t)) in words.enumerate() {
            let rows = n.saturating_sub(w * 64).min(64);
            keys.extend((0..rows).map(|j| {
                let known = (k >> j & 1) as i8;
                let truth = (t >> j & 1) as i8;
                2 - known * (1 + truth)
            }));
        }
        keys.resize(n, 2);
        let values = Arc::new(StringArray::from(vec![
            Outcome::Eligible.as_str(),
            Outcome::Ineligible.as_str(),
            Outcome::Undetermined.as_str(),
        ]));
        DictionaryArray::<Int8Type>::try_new(Int8Array::from(keys), values)
    }

    fn reason_array(&self, n: usize) -> Result<DictionaryArray<Int32Type>, ArrowError> {
        let codes = self.reason_codes();
        let code = |row: usize| {
            codes
                .get(row)
                .filter(|&&c| c != crate::rules::NO_REASON)
                .and_then(|&c| i32::try_from(c).ok())
        };
        let keys: Vec<i32> = (0..n).map(|row| code(row).unwrap_or(0)).collect();
        let nulls =
            arrow_buffer::NullBuffer::new(arrow_buffer::BooleanBuffer::collect_bool(n, |row| {
                code(row).is_some()
            }));
        let keys = Int32Array::new(keys.into(), Some(nulls).filter(|b| b.null_count() > 0));
        let values = Arc::new(
            self.reason_texts()
                .iter()
                .map(|s| Some(s.as_str()))
                .collect::<StringArray>(),
        );
        DictionaryArray::<Int32Type>::try_new(keys, values)
    }

    fn missing_array(&self, n: usize) -> Result<ArrayRef, ArrowError> {
        let names = BatchEvaluation::missing_input_names();
        let mut list_offsets: Vec<usize> = Vec::with_capacity(n + 1);
        let mut item_offsets: Vec<usize> = vec![0];
        let mut bytes: Vec<u8> = Vec::new();
        list_offsets.push(0);
        for row in 0..n {
            let mut m = self.missing_mask(row);
            while m != 0 {
                let bit = m.trailing_zeros() as usize;
                m &= m - 1;
                if let Some(name) = names.get(bit) {
                    bytes.extend_from_slice(name.as_bytes());
                    item_offsets.push(bytes.len());
                }
            }
            list_offsets.push(item_offsets.len() - 1);
        }
        // names are never empty, so the list offsets fit wherever the text's do
        if i32::try_from(bytes.len()).is_ok() {
            let items: ArrayRef = Arc::new(utf8::<i32>(&item_offsets, bytes, None)?);
            let field = Arc::new(Field::new("item", DataType::Utf8, true));
            let offsets = offset_buffer::<i32>(&list_offsets)?;
            Ok(Arc::new(arrow_array::ListArray::try_new(
                field, offsets, items, None,
            )?))
        } else {
            let items: ArrayRef = Arc::new(utf8::<i64>(&item_offsets, bytes, None)?);
            let field = Arc::new(Field::new("item", DataType::LargeUtf8, true));
            let offsets = offset_buffer::<i64>(&list_offsets)?;
            Ok(Arc::new(arrow_array::LargeListArray::try_new(
                field, offsets, items, None,
            )?))
        }
    }
}

/// Offsets as an Arrow offset buffer of `O`; an error if they do not fit.
fn offset_buffer<O: arrow_array::OffsetSizeTrait>(
    offsets: &[usize],
) -> Result<arrow_buffer::OffsetBuffer<O>, ArrowError> {
    // offsets only grow: if the last fits, all do
    if offsets.last().is_some_and(|&o| O::from_usize(o).is_none()) {
        return Err(ArrowError::InvalidArgumentError("offset overflow".into()));
    }
    let v: Vec<O> = offsets
        .iter()
        .map(|&o| arrow_buffer::ArrowNativeType::usize_as(o))
        .collect();
    Ok(arrow_buffer::OffsetBuffer::new(v.into()))
}

/// A string array over `bytes` cut at `offsets`.
fn utf8<O: arrow_array::OffsetSizeTrait>(
    offsets: &[usize],
    bytes: Vec<u8>,
    nulls: Option<arrow_buffer::NullBuffer>,
) -> Result<arrow_array::GenericStringArray<O>, ArrowError> {
    arrow_array::GenericStringArray::<O>::try_new(
        offset_buffer::<O>(offsets)?,
        arrow_buffer::Buffer::from_vec(bytes),
        nulls,
    )
}

/// The population's ids as one Arrow string array (`Utf8`, or `LargeUtf8` past 2 GiB of text),
/// copied from its arena in bulk.
fn batch_ids(ids: &StrArena, n: usize) -> Result<ArrayRef, ArrowError> {
    let (offsets, text, valid) = ids.raw();
    let offsets: Vec<usize> = offsets
        .iter()
        .take(n + 1)
        .map(|&o| usize::try_from(o).unwrap_or(usize::MAX))
        .collect();
    let end = offsets.last().copied().unwrap_or(0);
    let bytes = text.as_bytes().get(..end).unwrap_or_default().to_vec();
    if valid.len() * 64 < n || offsets.len() != n + 1 {
        return Err(ArrowError::InvalidArgumentError(
            "the id column is shorter than the population".into(),
        ));
    }
    let valid =
        arrow_buffer::BooleanBuffer::new(arrow_buffer::Buffer::from_vec(valid.to_vec()), 0, n);
    let nulls = Some(arrow_buffer::NullBuffer::new(valid)).filter(|b| b.null_count() > 0);
    if i32::try_from(end).is_ok() {
        Ok(Arc::new(utf8::<i32>(&offsets, bytes, nulls)?))
    } else {
        Ok(Arc::new(utf8::<i64>(&offsets, bytes, nulls)?))
    }
}

/// The item type of a list column.
fn list_item_type(a: &ArrayRef) -> DataType {
    match a.data_type() {
        DataType::List(f) | DataType::LargeList(f) => f.data_type().clone(),
        _ => DataType::Utf8,
    }
}

fn batch_schema(id: DataType, item: DataType) -> SchemaRef {
    let dict = |k: DataType| DataType::Dictionary(Box::new(k), Box::new(DataType::Utf8));
    let item = Arc::new(Field::new("item", item, true));
    let missing = if item.data_type() == &DataType::LargeUtf8 {
        DataType::LargeList(item)
    } else {
        DataType::List(item)
    };
    Arc::new(Schema::new(vec![
        Field::new("id", id, false),
        Field::new("outcome", dict(DataType::Int8), false),
        Field::new("reason", dict(DataType::Int32), true),
        Field::new("missing", missing, false),
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
