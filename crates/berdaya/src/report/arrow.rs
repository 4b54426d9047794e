//! A [`Report`]'s tables as one Arrow record batch (feature `arrow`).

use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch, StringArray, UInt64Array};
use arrow_schema::{DataType, Field, Schema, SchemaRef};

use super::{Report, ReportRow};

/// The measure columns, in order, after `dimension` and `group`.
const MEASURE_COLUMNS: [&str; 8] = [
    "committed",
    "filled",
    "waitlisted",
    "completed",
    "employed_6_months",
    "employed_12_months",
    "self_employed",
    "jobs_created",
];

fn measures(r: &ReportRow) -> [Option<u64>; 8] {
    [
        r.committed,
        r.filled,
        r.waitlisted,
        r.completed,
        r.employed_6_months,
        r.employed_12_months,
        r.self_employed,
        r.jobs_created,
    ]
}

/// The schema of [`Report::to_arrow`].
pub fn report_schema() -> SchemaRef {
    let mut fields = vec![
        Field::new("dimension", DataType::Utf8, false),
        Field::new("group", DataType::Utf8, false),
    ];
    fields.extend(
        MEASURE_COLUMNS
            .iter()
            .map(|m| Field::new(*m, DataType::UInt64, true)),
    );
    Arc::new(Schema::new(fields))
}

impl Report {
    /// Every table as rows of one Arrow record batch, in report order: `dimension`
    /// (`agreement`, `partner`, `facility`, `disability`, `sex`, `regency`), `group` (the
    /// table's groups, then `total`), and one nullable `UInt64` column per measure. A null is
    /// a suppressed cell (or, for `committed`, a table without commitments), exactly as in
    /// the serde form: suppression is applied before, never undone here. Expiring agreements
    /// and the quota stay in the serde form.
    ///
    /// ```
    /// use berdaya::outcome::Outcomes;
    /// use berdaya::report::{report, ReportOptions};
    /// use berdaya::Enrollments;
    /// use chrono::NaiveDate;
    ///
    /// let reg = berdaya::scenario::east_java_2020().unwrap();
    /// let r = report(&reg, &Enrollments::new(), &Outcomes::new(),
    ///                NaiveDate::from_ymd_opt(2021, 9, 9).unwrap(), &ReportOptions::default());
    /// let batch = r.to_arrow();
    /// assert_eq!(batch.num_columns(), 10);
    /// assert_eq!(batch.num_rows(), r.tables.iter().map(|t| t.rows.len() + 1).sum::<usize>());
    /// ```
    pub fn to_arrow(&self) -> RecordBatch {
        let rows: Vec<(&str, &ReportRow)> = self
            .tables
            .iter()
            .flat_map(|t| {
                let dim = t.dimension.as_str();
                t.rows
                    .iter()
                    .chain(std::iter::once(&t.total))
                    .map(move |r| (dim, r))
            })
            .collect();
        let mut columns: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from_iter_values(rows.iter().map(|(d, _)| *d))),
            Arc::new(StringArray::from_iter_values(
                rows.iter().map(|(_, r)| r.group.as_str()),
            )),
        ];
        for m in 0..MEASURE_COLUMNS.len() {
            columns.push(Arc::new(UInt64Array::from_iter(
                rows.iter()
                    .map(|(_, r)| measures(r).get(m).copied().flatten()),
            )));
        }
        RecordBatch::try_new(report_schema(), columns)
            .unwrap_or_else(|_| RecordBatch::new_empty(report_schema()))
    }
}

#[cfg(test)]
mod tests {
    use arrow_array::cast::AsArray;
    use arrow_array::types::UInt64Type;
    use arrow_array::Array;

    use super::*;
    use crate::outcome::Outcomes;
    use crate::report::{report, ReportOptions};
    use crate::Enrollments;

    /// Each Arrow row is the serde row of the same (dimension, group), nulls included.
    #[test]
    fn arrow_rows_are_the_report_rows() {
        let reg = crate::scenario::east_java_2020().unwrap();
        let as_of = chrono::NaiveDate::from_ymd_opt(2021, 9, 9).unwrap();
        let r = report(
            &reg,
            &Enrollments::new(),
            &Outcomes::new(),
            as_of,
            &ReportOptions::default(),
        );
        let b = r.to_arrow();
        let json = serde_json::to_value(&r).unwrap();
        let mut i = 0;
        for t in json["tables"].as_array().unwrap() {
            let rows = t["rows"].as_array().unwrap().iter().chain([&t["total"]]);
            for row in rows {
                assert_eq!(b.column(0).as_string::<i32>().value(i), t["dimension"]);
                assert_eq!(b.column(1).as_string::<i32>().value(i), row["group"]);
                for (m, name) in MEASURE_COLUMNS.iter().enumerate() {
                    let col = b.column(m + 2).as_primitive::<UInt64Type>();
                    let got = (!col.is_null(i)).then(|| col.value(i));
                    assert_eq!(
                        got,
                        row.get(*name).and_then(serde_json::Value::as_u64),
                        "{name} row {i}"
                    );
                }
                i += 1;
            }
        }
        assert_eq!(i, b.num_rows());
    }
}
