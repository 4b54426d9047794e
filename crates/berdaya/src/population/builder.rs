//! Building a [`Population`] row by row.

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;

use crate::disability::DisabilitySet;

use super::column::{Col, StrArena};
use super::import::{check_nik, ImportIssue};
use super::{code, day_number, Population, Row};

/// The most distinct skills a population can hold (one bit each in a `u64`).
pub const MAX_SKILLS: usize = 64;

/// A skill as stored: trimmed and lowercased; `None` when empty. A name containing `|` or
/// `;`, or `[]`, is `import.bad_skill` (row 0: the caller sets it).
pub(super) fn clean_skill(s: &str) -> Result<Option<String>, ImportIssue> {
    let s = s.trim();
    let s = if s.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        s.to_lowercase()
    } else {
        s.to_owned()
    };
    if s.is_empty() {
        return Ok(None);
    }
    if s.contains(['|', ';']) || s == "[]" {
        return Err(ImportIssue::new(
            0,
            "skills",
            &s,
            "import.bad_skill",
            "a skill name cannot contain `|` or `;` or be `[]`",
        ));
    }
    Ok(Some(s))
}

/// Builds a [`Population`] from [`Row`]s, validating each row as a whole.
///
/// A row is added only if it has no issue; otherwise nothing of it is kept and every issue is
/// returned. Strings are trimmed and an empty name or `upt_id` is unknown; skills are
/// lowercased. The dictionaries of `upt_id` and skills are sorted by [`finish`](Self::finish),
/// so equal data gives equal populations whatever the row order of first appearance.
///
/// ```
/// use berdaya::population::{PopulationBuilder, Row};
/// use chrono::NaiveDate;
/// let mut b = PopulationBuilder::new(NaiveDate::from_ymd_opt(2020, 9, 9).unwrap());
/// b.push(&Row { id: "p1".into(), dtks_decile: Some(3), ..Row::default() })?;
/// let issues = b.push(&Row { id: "p1".into(), ..Row::default() }).unwrap_err();
/// assert_eq!(issues[0].code, "import.duplicate_id");
/// let pop = b.finish();
/// assert_eq!(pop.len(), 1);
/// assert_eq!(pop.dtks_decile().get(0), Some(3));
/// # Ok::<(), Vec<berdaya::population::ImportIssue>>(())
/// ```
pub struct PopulationBuilder {
    pop: Population,
    reference_date: NaiveDate,
    /// Each id with the row number that first used it.
    ids: HashMap<Box<str>, usize>,
    upt_index: HashMap<String, u32>,
    skill_index: HashMap<String, u8>,
    attempts: usize,
}

impl fmt::Debug for PopulationBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PopulationBuilder")
            .field("len", &self.pop.len())
            .finish()
    }
}

/// A row that passed validation, ready to be stored.
pub(crate) struct Checked<'r> {
    row_no: usize,
    id: &'r str,
    nik: Option<u64>,
    skills: Option<Vec<String>>,
    regency: Option<u16>,
}

impl PopulationBuilder {
    /// A builder validating NIKs against `reference_date` (which resolves their century).
    pub fn new(reference_date: NaiveDate) -> Self {
        Self::with_capacity(0, reference_date)
    }

    /// As [`new`](Self::new), with room for `rows` rows.
    pub fn with_capacity(rows: usize, reference_date: NaiveDate) -> Self {
        let pop = Population {
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
        };
        PopulationBuilder {
            pop,
            reference_date,
            ids: HashMap::with_capacity(rows),
            upt_index: HashMap::new(),
            skill_index: HashMap::new(),
            attempts: 0,
        }
    }

    /// The number of rows added so far.
    pub fn len(&self) -> usize {
        self.pop.len()
    }

    /// Whether no row was added yet.
    pub fn is_empty(&self) -> bool {
        self.pop.is_empty()
    }

    /// Validates and adds a row. Issues carry the 1-based number of this `push` call.
    ///
    /// # Errors
    /// Every issue of the row (`import.missing_id`, `import.duplicate_id`,
    /// `import.nik_mangled`, a `nik.*` code, `import.bad_decile`, `import.bad_regency`,
    /// `import.bad_skill`, `import.too_many_skills`); the row is then not added.
    pub fn push(&mut self, row: &Row) -> Result<(), Vec<ImportIssue>> {
        self.attempts += 1;
        self.push_at(self.attempts, row)
    }

    pub(crate) fn push_at(&mut self, row_no: usize, row: &Row) -> Result<(), Vec<ImportIssue>> {
        let mut issues = Vec::new();
        let checked = self.check(row_no, row, &mut issues);
        match checked {
            Some(c) if issues.is_empty() => {
                self.commit(row, c);
                Ok(())
            }
            _ => Err(issues),
        }
    }

    /// Validates a row, appending its issues; `Some` when it can be committed.
    pub(crate) fn check<'r>(
        &self,
        row_no: usize,
        row: &'r Row,
        issues: &mut Vec<ImportIssue>,
    ) -> Option<Checked<'r>> {
        let before = issues.len();
        let id = row.id.trim();
        if id.is_empty() {
            issues.push(ImportIssue::new(
                row_no,
                "id",
                "",
                "import.missing_id",
                "the id is missing",
            ));
        } else if let Some(first) = self.ids.get(id) {
            issues.push(ImportIssue::new(
                row_no,
                "id",
                id,
                "import.duplicate_id",
                &format!("this id is already used by row {first}"),
            ));
        }
        let nik = match row.nik.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) => match check_nik(s, self.reference_date) {
                Ok(n) => Some(n),
                Err((code, message)) => {
                    issues.push(ImportIssue::new(row_no, "nik", s, code, &message));
                    None
                }
            },
        };
        if let Some(d) = row.dtks_decile {
            if !(1..=10).contains(&d) {
                issues.push(ImportIssue::new(
                    row_no,
                    "dtks_decile",
                    &d.to_string(),
                    "import.bad_decile",
                    "a DTKS decile is an integer from 1 to 10",
                ));
            }
        }
        let regency = match &row.regency {
            None => None,
            Some(r) => {
                let c = code::regency(r);
                if c.is_none() {
                    issues.push(ImportIssue::new(
                        row_no,
                        "regency",
                        &r.to_string(),
                        "import.bad_regency",
                        "a regency code has 4 digits, e.g. `3520` or `35.20`",
                    ));
                }
                c
            }
        };
        let skills = row
            .skills
            .as_ref()
            .map(|list| self.check_skills(row_no, list, issues));
        (issues.len() == before).then_some(Checked {
            row_no,
            id,
            nik,
            skills,
            regency,
        })
    }

    fn check_skills(
        &self,
        row_no: usize,
        list: &[String],
        issues: &mut Vec<ImportIssue>,
    ) -> Vec<String> {
        let mut out: Vec<String> = Vec::with_capacity(list.len());
        for s in list {
            match clean_skill(s) {
                Ok(None) => {}
                Ok(Some(s)) => {
                    if !out.contains(&s) {
                        out.push(s);
                    }
                }
                Err(issue) => issues.push(issue.at(row_no)),
            }
        }
        let new = out
            .iter()
            .filter(|s| !self.skill_index.contains_key(s.as_str()))
            .count();
        if self.skill_index.len() + new > MAX_SKILLS {
            issues.push(ImportIssue::new(
                row_no,
                "skills",
                &out.join("|"),
                "import.too_many_skills",
                "a population holds at most 64 distinct skills",
            ));
        }
        out
    }

    pub(crate) fn commit(&mut self, row: &Row, c: Checked<'_>) {
        let p = &mut self.pop;
        self.ids.insert(c.id.into(), c.row_no);
        p.ids.push(Some(c.id));
        let name = row.name.as_deref().map(str::trim).filter(|s| !s.is_empty());
        p.names.push(name);
        p.nik.push(c.nik);
        p.nik_province
            .push(c.nik.map_or(0, |n| (n / 100_000_000_000_000) as u8));
        p.birth_date.push(row.birth_date.map(day_number));
        p.sex.push(row.sex.map(code::sex));
        // Normalised: an unspecified type beside one of its sub-types is dropped.
        p.disabilities.push(
            row.disabilities
                .map(|d| d.iter().collect::<DisabilitySet>().bits()),
        );
        p.care_status.push(row.care_status.map(code::care_status));
        let upt = row
            .upt_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let upt = upt.map(|u| match self.upt_index.get(u) {
            Some(&i) => i,
            None => {
                let i = p.upt_dictionary.len() as u32;
                p.upt_dictionary.push(u.to_owned());
                self.upt_index.insert(u.to_owned(), i);
                i
            }
        });
        p.upt.push(upt);
        p.residence_since.push(row.residence_since.map(day_number));
        p.discharged_on.push(row.discharged_on.map(day_number));
        p.education.push(row.education.map(code::education));
        p.dtks_decile.push(row.dtks_decile);
        p.employment.push(row.employment.map(code::employment));
        let skills = c.skills.map(|list| {
            list.into_iter().fold(0u64, |bits, s| {
                let i = match self.skill_index.get(&s) {
                    Some(&i) => i,
                    None => {
                        let i = p.skill_dictionary.len() as u8;
                        p.skill_dictionary.push(s.clone());
                        self.skill_index.insert(s, i);
                        i
                    }
                };
                bits | 1 << i
            })
        });
        p.skills.push(skills);
        p.regency.push(c.regency);
    }

    /// The population, with its dictionaries sorted.
    pub fn finish(self) -> Population {
        sort_dictionaries(self.pop)
    }
}

/// Sorts the `upt_id` and skill dictionaries and renumbers the rows' codes, so that equal data
/// gives equal populations whatever the order of first appearance.
pub(super) fn sort_dictionaries(mut p: Population) -> Population {
    // upt: sort the dictionary and renumber.
    let mut order: Vec<usize> = (0..p.upt_dictionary.len()).collect();
    order.sort_by(|&a, &b| p.upt_dictionary.get(a).cmp(&p.upt_dictionary.get(b)));
    let mut new_index = vec![0u32; order.len()];
    for (new, &old) in order.iter().enumerate() {
        if let Some(slot) = new_index.get_mut(old) {
            *slot = new as u32;
        }
    }
    let valid = p.upt.valid.clone();
    for (i, v) in p.upt.values.iter_mut().enumerate() {
        // Unknown rows keep 0.
        if valid.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1) {
            *v = new_index.get(*v as usize).copied().unwrap_or(0);
        }
    }
    p.upt_dictionary = order
        .iter()
        .filter_map(|&i| p.upt_dictionary.get(i).cloned())
        .collect();
    // skills: the same, bit by bit.
    let mut order: Vec<usize> = (0..p.skill_dictionary.len()).collect();
    order.sort_by(|&a, &b| p.skill_dictionary.get(a).cmp(&p.skill_dictionary.get(b)));
    let mut new_bit = [0u64; MAX_SKILLS];
    for (new, &old) in order.iter().enumerate() {
        if let Some(slot) = new_bit.get_mut(old) {
            *slot = 1 << new;
        }
    }
    if order.iter().enumerate().any(|(new, &old)| new != old) {
        for v in &mut p.skills.values {
            let mut bits = *v;
            let mut out = 0;
            while bits != 0 {
                let i = bits.trailing_zeros() as usize;
                out |= new_bit.get(i).copied().unwrap_or(0);
                bits &= bits - 1;
            }
            *v = out;
        }
    }
    p.skill_dictionary = order
        .iter()
        .filter_map(|&i| p.skill_dictionary.get(i).cloned())
        .collect();
    p
}
