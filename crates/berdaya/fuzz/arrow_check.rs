// The Arrow-import fuzz check, shared by `fuzz_targets/arrow.rs` and the corpus replay in
// `tests/population_arrow.rs` (both `include!` it). The fuzz bytes are decoded into a record
// batch: a few columns, each named after a tabular column (or not), each of one of the Arrow
// types real producers emit, with values drawn from office-like fragments, raw integers and
// raw float bits. Invariants: no panic; an import either succeeds, with every row either read
// or listed as skipped (and no issue under reject-all), or fails with at least one issue; what
// it read exports to Arrow and reads back to the same population.

use std::sync::Arc;

use berdaya::population::arrow::arrow_array::builder::{
    GenericListBuilder, StringBuilder, StringDictionaryBuilder,
};
use berdaya::population::arrow::arrow_array::types::Int32Type;
use berdaya::population::arrow::arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Date64Array, Float64Array, Int64Array,
    LargeStringArray, RecordBatch, RecordBatchIterator, StringArray, StringViewArray,
    TimestampNanosecondArray,
};
use berdaya::population::{ImportOptions, OnError, Population};

const ARROW_NAMES: [&str; 17] = [
    "id", "nik", "name", "birth_date", "sex", "disabilities", "care_status", "upt_id",
    "residence_since", "discharged_on", "education", "dtks_decile", "employment", "skills",
    "regency", "extra", "ID",
];

const ARROW_FRAGMENTS: [&str; 28] = [
    "35", "14", "1995-11-07", "07/11/1995", "L", "P", "M", "F", "rungu", "|", ";", "batik",
    "3.0", "NaN", "[]", "3514140711950002", "3.51414E+15", "sma", "resident", "eks", "é", " ",
    "9999-12-31", "-", "x", "2020-02-29", "35.20", "s1",
];

struct ArrowBytes<'a> {
    data: &'a [u8],
    at: usize,
}

impl ArrowBytes<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }
    fn u64(&mut self) -> u64 {
        (0..8).fold(0u64, |acc, _| (acc << 8) | u64::from(self.byte()))
    }
    fn present(&mut self) -> bool {
        self.byte() % 5 != 0
    }
    fn text(&mut self) -> Option<String> {
        if !self.present() {
            return None;
        }
        let n = self.byte() % 4;
        Some(
            (0..n)
                .map(|_| ARROW_FRAGMENTS[usize::from(self.byte()) % ARROW_FRAGMENTS.len()])
                .collect(),
        )
    }
}

fn arrow_column(b: &mut ArrowBytes<'_>, rows: usize) -> ArrayRef {
    match b.byte() % 11 {
        0 => Arc::new(StringArray::from_iter((0..rows).map(|_| b.text()))),
        1 => Arc::new(LargeStringArray::from_iter((0..rows).map(|_| b.text()))),
        2 => Arc::new(StringViewArray::from_iter((0..rows).map(|_| b.text()))),
        3 => {
            let mut d = StringDictionaryBuilder::<Int32Type>::new();
            for _ in 0..rows {
                match b.text() {
                    Some(t) => {
                        d.append_value(t);
                    }
                    None => d.append_null(),
                }
            }
            Arc::new(d.finish())
        }
        4 => Arc::new(Date32Array::from_iter((0..rows).map(|_| {
            let v = b.u64() as i32;
            b.present().then_some(if b.byte() % 2 == 0 { v % 40_000 } else { v })
        }))),
        5 => Arc::new(Date64Array::from_iter(
            (0..rows).map(|_| b.present().then(|| b.u64() as i64)),
        )),
        6 => Arc::new(TimestampNanosecondArray::from_iter(
            (0..rows).map(|_| b.present().then(|| b.u64() as i64)),
        )),
        7 => Arc::new(Int64Array::from_iter((0..rows).map(|_| {
            let v = b.u64() as i64;
            b.present().then_some(if b.byte() % 2 == 0 { v % 12 } else { v })
        }))),
        8 => Arc::new(Float64Array::from_iter((0..rows).map(|_| {
            let v = f64::from_bits(b.u64());
            b.present().then_some(if b.byte() % 2 == 0 { f64::from(b.byte() % 12) } else { v })
        }))),
        9 => {
            let mut l = GenericListBuilder::<i32, StringBuilder>::new(StringBuilder::new());
            for _ in 0..rows {
                if b.present() {
                    for _ in 0..b.byte() % 3 {
                        l.values().append_option(b.text());
                    }
                    l.append(true);
                } else {
                    l.append(false);
                }
            }
            Arc::new(l.finish())
        }
        _ => Arc::new(BooleanArray::from_iter(
            (0..rows).map(|_| b.present().then(|| b.byte() % 2 == 0)),
        )),
    }
}

pub fn check_arrow(data: &[u8]) {
    let mut b = ArrowBytes { data, at: 0 };
    let rows = usize::from(b.byte() % 9);
    let mut columns: Vec<(&str, ArrayRef)> = Vec::new();
    for i in 0..usize::from(b.byte() % 6) + 1 {
        // the first column is usually the id, so that most inputs get past the schema
        let name = if i == 0 && b.byte() % 4 != 0 {
            "id"
        } else {
            ARROW_NAMES[usize::from(b.byte()) % ARROW_NAMES.len()]
        };
        columns.push((name, arrow_column(&mut b, rows)));
    }
    let Ok(batch) = RecordBatch::try_from_iter(columns) else {
        return;
    };
    let as_of = chrono::NaiveDate::from_ymd_opt(2020, 9, 9).expect("date");
    for skip in [false, true] {
        let opts = ImportOptions::new(as_of).on_error(if skip {
            OnError::SkipRow
        } else {
            OnError::RejectAll
        });
        let reader = RecordBatchIterator::new([Ok(batch.clone())], batch.schema());
        match Population::from_arrow(reader, &opts) {
            Ok((pop, report)) => {
                assert_eq!(pop.len() + report.skipped_rows.len(), rows, "every row read or skipped");
                if !skip {
                    assert!(report.issues.is_empty(), "reject-all accepted an issue");
                }
                let out = pop.to_arrow();
                let back = Population::from_arrow(
                    RecordBatchIterator::new([Ok(out.clone())], out.schema()),
                    &ImportOptions::new(as_of),
                )
                .expect("an exported population reads back");
                assert_eq!(back.0.to_csv(), pop.to_csv(), "export then import is the identity");
            }
            Err(e) => assert!(!e.issues().is_empty(), "an error without issues"),
        }
    }
}
