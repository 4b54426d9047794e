//! A columnar population of beneficiaries for batch evaluation.
//!
//! A [`Population`] holds the BENCHMARK tabular schema as a struct of arrays, one
//! [`Column`] per fact, each with a validity bitmap (64 rows a word; a cleared bit means
//! *unknown*). Kernels read the value slices and validity words directly and produce result
//! bitmaps 64 rows at a time.
//!
//! | column | storage | encoding |
//! |---|---|---|
//! | `id` | string arena | required, unique |
//! | `nik` | `u64` | the 16 digits as a number; see [`Population::nik_province`] |
//! | `name` | string arena | personal data |
//! | `birth_date`, `residence_since`, `discharged_on` | `i32` | days since 1970-01-01 ([`day_number`]) |
//! | `sex` | `u8` | [`code::sex`]: 0 male, 1 female |
//! | `disabilities` | `u16` | [`DisabilitySet`] bits; empty set = known, no disability |
//! | `care_status` | `u8` | [`code::care_status`] |
//! | `upt_id` | `u32` | index into [`Population::upt_dictionary`] (sorted) |
//! | `education` | `u8` | [`Education`] `as u8`, ordered |
//! | `dtks_decile` | `u8` | 1-10 |
//! | `employment` | `u8` | [`code::employment`] |
//! | `skills` | `u64` | bit `i` = [`Population::skill_dictionary`]`[i]` (sorted, at most 64) |
//! | `regency` | `u16` | Kemendagri code as a number, e.g. `3520` |
//!
//! Memory per person (measured by `bytes_per_person_within_budget` in `tests/population.rs`):
//! the fixed-width columns take 42 bytes and their 13 validity bitmaps 1.6 bytes, **43.6
//! bytes** excluding strings ([`Population::column_bytes`]); the offsets and name validity of
//! the two string arenas (ids and names) add 16.3 bytes, 59.9 in all
//! ([`Population::string_offset_bytes`]); the text itself comes on top
//! ([`Population::string_text_bytes`], about 20 bytes for synthetic ids and names).
//!
//! Built with a [`PopulationBuilder`] from [`Row`]s, imported from CSV, JSON lines or the
//! first sheet of an `.xlsx` workbook ([`Population::from_csv`],
//! [`Population::from_json_lines`], `Population::from_xlsx` with the default `xlsx` feature:
//! date cells read as dates in the 1900 or 1904 system, a NIK stored as a number reported as
//! `import.nik_mangled`, a file that is not a readable workbook `import.bad_xlsx`), from
//! columns ([`Population::from_columns`]: dictionary-encoded or numeric columns, each distinct
//! value parsed once; what the JS `Population.fromRecords` uses), exported losslessly
//! ([`Population::to_csv`], [`Population::to_json_lines`]) or generated ([`synth`]).
//!
//! # Import
//!
//! Every bad cell becomes an [`ImportIssue`] (1-based data row, column, masked value, stable
//! code, message); the caller chooses with [`OnError`] whether any issue rejects the whole
//! input or only its row. Nothing is dropped silently.
//!
//! Accepted cell forms (cells are trimmed; an empty cell is unknown):
//! - dates `YYYY-MM-DD` or `DD/MM/YYYY`;
//! - sex `M`/`F` or `L`/`P` (any case);
//! - lists (`disabilities`, `skills`) separated by `|` (canonical) or `;` (when `;` is not
//!   the field delimiter); `[]` is a known empty list; in JSON also an array of strings;
//! - `dtks_decile` an integer 1-10 (`3.0` accepted, as pandas writes it), empty or `NaN`;
//! - `education` a level name or a family-card code 1-10;
//! - `regency` `3520` or `35.20`;
//! - `nik` 16 digits, validated with [`Nik::parse`](crate::Nik::parse) against
//!   [`ImportOptions::reference_date`]. A NIK damaged by a spreadsheet (scientific notation,
//!   a decimal point, fewer than 16 digits, the last four digits zeroed) is
//!   `import.nik_mangled`; other structural faults carry the `nik.*` code. (Excel keeps 15
//!   significant digits, so often only the last digit is zeroed; that cannot be told from a
//!   real serial ending in 0 and is accepted.)
//!
//! Other codes: `import.bad_date`, `import.bad_sex`, `import.bad_disability`,
//! `import.bad_care_status`, `import.bad_education`, `import.bad_decile`,
//! `import.bad_employment`, `import.bad_regency`, `import.bad_skill`,
//! `import.too_many_skills` (more than 64 distinct skills), `import.missing_id`,
//! `import.duplicate_id`, `import.bad_field_count`, `import.bad_csv`, `import.bad_json`,
//! `import.bad_type`; fatal for the whole input: `import.missing_column` (no `id`),
//! `import.duplicate_column`, `import.io`.
//!
//! Export writes the canonical forms, which import reads back to an equal population: ISO
//! dates, `M`/`F`, `|`-separated lists with `[]` for a known empty list, an empty cell (CSV) or
//! `null` (JSON) for unknown, regency `3520`, NIK as 16 digits.
//!
//! CSV `row` numbers count data records after the header (1 = first record); JSON lines
//! `row` numbers are line numbers.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize, Serializer};

use crate::disability::DisabilitySet;
use crate::education::{Education, ALL_EDUCATION};
use crate::region::RegionCode;
use crate::sex::Sex;
use crate::vocab::{CareStatus, EmploymentStatus, ALL_CARE_STATUSES, ALL_EMPLOYMENT_STATUSES};

#[cfg(feature = "arrow")]
pub mod arrow;
mod builder;
mod column;
mod columns;
mod export;
mod from_registry;
mod id_table;
mod import;
mod nik_check;
pub mod synth;
#[cfg(feature = "xlsx")]
pub mod xlsx;

pub use builder::PopulationBuilder;
pub use column::Column;
pub use columns::{ColumnValue, ColumnsInput, NULL_CODE};
pub(crate) use import::COLUMNS;
pub use import::{ImportError, ImportIssue, ImportOptions, ImportReport, OnError};

use column::{Col, StrArena};

/// `NaiveDate::num_days_from_ce` of 1970-01-01.
const UNIX_EPOCH_CE: i32 = 719_163;

/// The day number of a date: days since 1970-01-01 (as Arrow `date32`).
pub fn day_number(d: NaiveDate) -> i32 {
    d.num_days_from_ce() - UNIX_EPOCH_CE
}

/// The date of a day number (days since 1970-01-01), `None` outside chrono's range.
pub fn date_of_day_number(n: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(n.checked_add(UNIX_EPOCH_CE)?)
}

/// The small-integer encodings of enumerated columns.
pub mod code {
    use super::*;

    /// `0` male, `1` female.
    pub const fn sex(s: Sex) -> u8 {
        match s {
            Sex::Male => 0,
            Sex::Female => 1,
        }
    }

    /// The position in [`ALL_CARE_STATUSES`]: applicant 0, resident 1, alumnus 2, none 3.
    pub const fn care_status(c: CareStatus) -> u8 {
        c as u8
    }

    /// The position in [`ALL_EMPLOYMENT_STATUSES`]: unemployed 0, employed 1,
    /// self_employed 2, employer 3.
    pub const fn employment(e: EmploymentStatus) -> u8 {
        e as u8
    }

    /// The level as ordered small integer: none 0 ... doctorate 7.
    pub const fn education(e: Education) -> u8 {
        e as u8
    }

    /// The regency code as a number, e.g. `3520`, for regency-level codes.
    pub fn regency(r: &RegionCode) -> Option<u16> {
        let k = r.regency_number()?;
        (r.district().is_none()).then(|| u16::from(r.province_number()) * 100 + u16::from(k))
    }

    pub(crate) fn sex_of(c: u8) -> Option<Sex> {
        match c {
            0 => Some(Sex::Male),
            1 => Some(Sex::Female),
            _ => None,
        }
    }

    pub(crate) fn care_status_of(c: u8) -> Option<CareStatus> {
        ALL_CARE_STATUSES.get(usize::from(c)).copied()
    }

    pub(crate) fn employment_of(c: u8) -> Option<EmploymentStatus> {
        ALL_EMPLOYMENT_STATUSES.get(usize::from(c)).copied()
    }

    pub(crate) fn education_of(c: u8) -> Option<Education> {
        ALL_EDUCATION.get(usize::from(c)).copied()
    }

    pub(crate) fn regency_of(c: u16) -> Option<RegionCode> {
        RegionCode::parse(&format!("{c:04}")).ok()
    }
}

/// One beneficiary as a flat record of the tabular schema, every fact optional (`None` =
/// unknown). The typed form that [`PopulationBuilder::push`] takes and [`Population::row`]
/// gives back; serde uses the BENCHMARK column names.
///
/// `Debug` masks the NIK and the name.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Row {
    /// Required, unique within a population.
    pub id: String,
    /// 16 digits; validated against the import's reference date. Personal data.
    pub nik: Option<String>,
    /// Personal data.
    pub name: Option<String>,
    /// Date of birth.
    pub birth_date: Option<NaiveDate>,
    /// Sex.
    pub sex: Option<Sex>,
    /// Disabilities; `Some(empty)` = known, none.
    pub disabilities: Option<DisabilitySet>,
    /// Care status as recorded.
    pub care_status: Option<CareStatus>,
    /// The facility (UPT).
    pub upt_id: Option<String>,
    /// Admission to the facility.
    pub residence_since: Option<NaiveDate>,
    /// Discharge (alumni).
    pub discharged_on: Option<NaiveDate>,
    /// Highest completed education.
    pub education: Option<Education>,
    /// DTKS welfare decile 1-10; `None` = not registered.
    pub dtks_decile: Option<u8>,
    /// Employment.
    pub employment: Option<EmploymentStatus>,
    /// Skills; `Some(empty)` = known, none.
    pub skills: Option<Vec<String>>,
    /// Regency of domicile (regency level), written `3520`.
    #[serde(serialize_with = "serialize_regency")]
    pub regency: Option<RegionCode>,
}

fn serialize_regency<S: Serializer>(r: &Option<RegionCode>, s: S) -> Result<S::Ok, S::Error> {
    match r {
        Some(r) => s.serialize_str(&r.compact()),
        None => s.serialize_none(),
    }
}

impl fmt::Debug for Row {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let masked = |o: &Option<String>| o.as_ref().map(|_| "***");
        f.debug_struct("Row")
            .field("id", &self.id)
            .field("nik", &masked(&self.nik))
            .field("name", &masked(&self.name))
            .field("birth_date", &self.birth_date)
            .field("sex", &self.sex)
            .field("disabilities", &self.disabilities)
            .field("care_status", &self.care_status)
            .field("upt_id", &self.upt_id)
            .field("residence_since", &self.residence_since)
            .field("discharged_on", &self.discharged_on)
            .field("education", &self.education)
            .field("dtks_decile", &self.dtks_decile)
            .field("employment", &self.employment)
            .field("skills", &self.skills)
            .field("regency", &self.regency)
            .finish()
    }
}

/// A columnar population. See the [module docs](self).
///
/// `Debug` shows the size only.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Population {
    ids: StrArena,
    names: StrArena,
    nik: Col<u64>,
    nik_province: Vec<u8>,
    birth_date: Col<i32>,
    sex: Col<u8>,
    disabilities: Col<u16>,
    care_status: Col<u8>,
    upt: Col<u32>,
    upt_dictionary: Vec<String>,
    residence_since: Col<i32>,
    discharged_on: Col<i32>,
    education: Col<u8>,
    dtks_decile: Col<u8>,
    employment: Col<u8>,
    skills: Col<u64>,
    skill_dictionary: Vec<String>,
    regency: Col<u16>,
}

impl fmt::Debug for Population {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Population")
            .field("len", &self.len())
            .field("upt_dictionary", &self.upt_dictionary.len())
            .field("skill_dictionary", &self.skill_dictionary)
            .finish()
    }
}

impl Population {
    /// The number of people.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there is nobody.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The id of row `row`.
    pub fn id(&self, row: usize) -> Option<&str> {
        self.ids.get(row)
    }

    /// The name of row `row`, if known. Personal data.
    pub fn name(&self, row: usize) -> Option<&str> {
        self.names.get(row)
    }

    /// The NIK digits as a number (`3514140711950002`). Personal data: use
    /// [`nik_province`](Self::nik_province) for rules.
    pub fn nik(&self) -> Column<'_, u64> {
        self.nik.view()
    }

    /// The NIK's province (its first two digits, e.g. 35), valid where the NIK is known.
    pub fn nik_province(&self) -> Column<'_, u8> {
        let v = self.nik.view();
        Column::new(&self.nik_province, v.validity())
    }

    /// Birth dates as day numbers.
    pub fn birth_date(&self) -> Column<'_, i32> {
        self.birth_date.view()
    }

    /// Sex, [`code::sex`].
    pub fn sex(&self) -> Column<'_, u8> {
        self.sex.view()
    }

    /// Disabilities as [`DisabilitySet`] bits.
    pub fn disabilities(&self) -> Column<'_, u16> {
        self.disabilities.view()
    }

    /// Care status, [`code::care_status`].
    pub fn care_status(&self) -> Column<'_, u8> {
        self.care_status.view()
    }

    /// The facility, as an index into [`upt_dictionary`](Self::upt_dictionary).
    pub fn upt(&self) -> Column<'_, u32> {
        self.upt.view()
    }

    /// The distinct `upt_id` values, sorted.
    pub fn upt_dictionary(&self) -> &[String] {
        &self.upt_dictionary
    }

    /// Admission dates as day numbers.
    pub fn residence_since(&self) -> Column<'_, i32> {
        self.residence_since.view()
    }

    /// Discharge dates as day numbers.
    pub fn discharged_on(&self) -> Column<'_, i32> {
        self.discharged_on.view()
    }

    /// Education, [`code::education`] (ordered).
    pub fn education(&self) -> Column<'_, u8> {
        self.education.view()
    }

    /// DTKS decile 1-10; unknown = not registered.
    pub fn dtks_decile(&self) -> Column<'_, u8> {
        self.dtks_decile.view()
    }

    /// Employment, [`code::employment`].
    pub fn employment(&self) -> Column<'_, u8> {
        self.employment.view()
    }

    /// Skills as bits over [`skill_dictionary`](Self::skill_dictionary).
    pub fn skills(&self) -> Column<'_, u64> {
        self.skills.view()
    }

    /// The distinct skills, sorted; bit `i` of a skills value is entry `i`.
    pub fn skill_dictionary(&self) -> &[String] {
        &self.skill_dictionary
    }

    /// The bit of a skill in this population's [`skills`](Self::skills) column; `0` when
    /// nobody has it (a test for it is then false for every known row).
    pub fn skill_bit(&self, skill: &str) -> u64 {
        self.skill_dictionary
            .iter()
            .position(|s| s == skill)
            .map_or(0, |i| 1 << i)
    }

    /// Regency of domicile as a number, e.g. `3520`.
    pub fn regency(&self) -> Column<'_, u16> {
        self.regency.view()
    }

    /// Bytes per population of the fixed-width columns and validity bitmaps (no strings).
    pub fn column_bytes(&self) -> usize {
        self.nik.bytes()
            + self.nik_province.len()
            + self.birth_date.bytes()
            + self.sex.bytes()
            + self.disabilities.bytes()
            + self.care_status.bytes()
            + self.upt.bytes()
            + self.residence_since.bytes()
            + self.discharged_on.bytes()
            + self.education.bytes()
            + self.dtks_decile.bytes()
            + self.employment.bytes()
            + self.skills.bytes()
            + self.regency.bytes()
    }

    /// Bytes of the string arenas' offsets and the name validity bitmap.
    pub fn string_offset_bytes(&self) -> usize {
        self.ids.offset_bytes() + self.names.offset_bytes()
    }

    /// Bytes of id and name text and the dictionaries.
    pub fn string_text_bytes(&self) -> usize {
        self.ids.text_bytes()
            + self.names.text_bytes()
            + self.upt_dictionary.iter().map(String::len).sum::<usize>()
            + self.skill_dictionary.iter().map(String::len).sum::<usize>()
    }

    /// Row `row` as a [`Row`] (for debugging, export and single-person evaluation).
    pub fn row(&self, row: usize) -> Option<Row> {
        let id = self.ids.get(row)?.to_owned();
        let date = |c: &Col<i32>| c.get(row).and_then(date_of_day_number);
        Some(Row {
            id,
            nik: self.nik.get(row).map(|n| format!("{n:016}")),
            name: self.names.get(row).map(str::to_owned),
            birth_date: date(&self.birth_date),
            sex: self.sex.get(row).and_then(code::sex_of),
            disabilities: self
                .disabilities
                .get(row)
                .map(DisabilitySet::from_bits_truncate),
            care_status: self.care_status.get(row).and_then(code::care_status_of),
            upt_id: self
                .upt
                .get(row)
                .and_then(|u| self.upt_dictionary.get(u as usize).cloned()),
            residence_since: date(&self.residence_since),
            discharged_on: date(&self.discharged_on),
            education: self.education.get(row).and_then(code::education_of),
            dtks_decile: self.dtks_decile.get(row),
            employment: self.employment.get(row).and_then(code::employment_of),
            skills: self.skills.get(row).map(|bits| {
                self.skill_dictionary
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| bits >> i & 1 == 1)
                    .map(|(_, s)| s.clone())
                    .collect()
            }),
            regency: self.regency.get(row).and_then(code::regency_of),
        })
    }

    /// Every row, in order.
    pub fn rows(&self) -> impl Iterator<Item = Row> + '_ {
        (0..self.len()).filter_map(|i| self.row(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_match_unix_days() {
        let d = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        assert_eq!(day_number(d), 0);
        let d = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
        assert_eq!(day_number(d), 18_514);
        assert_eq!(date_of_day_number(18_514), Some(d));
        assert_eq!(
            date_of_day_number(-1),
            NaiveDate::from_ymd_opt(1969, 12, 31)
        );
    }

    #[test]
    fn row_debug_masks_personal_data() {
        let r = Row {
            id: "p1".into(),
            nik: Some("3514140711950002".into()),
            name: Some("Siti".into()),
            ..Row::default()
        };
        let s = format!("{r:?}");
        assert!(!s.contains("1407") && !s.contains("Siti"), "{s}");
        assert!(s.contains("p1"));
    }
}
