//! Exporting a [`Population`] to CSV and JSON lines, in the forms import reads back
//! identically.

use std::io::{self, Write};

use super::import::COLUMNS;
use super::{Population, Row};

/// The CSV cells of a row, in [`COLUMNS`] order; unknown is the empty cell, a known empty
/// list is `[]`, lists are `|`-separated.
fn csv_cells(r: &Row) -> [String; 15] {
    let opt = |o: Option<String>| o.unwrap_or_default();
    let date = |d: Option<chrono::NaiveDate>| opt(d.map(|d| d.format("%Y-%m-%d").to_string()));
    let list = |items: Vec<&str>| {
        if items.is_empty() {
            "[]".to_owned()
        } else {
            items.join("|")
        }
    };
    [
        r.id.clone(),
        opt(r.nik.clone()),
        opt(r.name.clone()),
        date(r.birth_date),
        opt(r.sex.map(|s| s.as_str().to_owned())),
        opt(r
            .disabilities
            .map(|d| list(d.iter().map(|d| d.as_str()).collect()))),
        opt(r.care_status.map(|c| c.as_str().to_owned())),
        opt(r.upt_id.clone()),
        date(r.residence_since),
        date(r.discharged_on),
        opt(r.education.map(|e| e.as_str().to_owned())),
        opt(r.dtks_decile.map(|d| d.to_string())),
        opt(r.employment.map(|e| e.as_str().to_owned())),
        opt(r
            .skills
            .as_ref()
            .map(|s| list(s.iter().map(String::as_str).collect()))),
        opt(r.regency.map(|r| r.compact())),
    ]
}

impl Population {
    /// Writes CSV: a header with every schema column, one record per person.
    ///
    /// # Errors
    /// Only those of the writer.
    pub fn write_csv<W: Write>(&self, out: W) -> io::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(COLUMNS).map_err(io::Error::other)?;
        for r in self.rows() {
            w.write_record(csv_cells(&r)).map_err(io::Error::other)?;
        }
        w.flush()
    }

    /// CSV text, as [`write_csv`](Self::write_csv). Importing it with
    /// [`from_csv`](Self::from_csv) gives back an equal population.
    pub fn to_csv(&self) -> String {
        let mut buf = Vec::new();
        // Writing into memory cannot fail.
        let _ = self.write_csv(&mut buf);
        String::from_utf8(buf).unwrap_or_default()
    }

    /// Writes JSON lines: one object per person with every schema key (`null` = unknown).
    ///
    /// # Errors
    /// Only those of the writer.
    pub fn write_json_lines<W: Write>(&self, mut out: W) -> io::Result<()> {
        for r in self.rows() {
            serde_json::to_writer(&mut out, &r)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    /// JSON lines text, as [`write_json_lines`](Self::write_json_lines). Importing it with
    /// [`from_json_lines`](Self::from_json_lines) gives back an equal population.
    pub fn to_json_lines(&self) -> String {
        let mut buf = Vec::new();
        let _ = self.write_json_lines(&mut buf);
        String::from_utf8(buf).unwrap_or_default()
    }
}
