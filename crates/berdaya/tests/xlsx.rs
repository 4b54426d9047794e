//! `Population::from_xlsx` on workbooks written by an independent producer (openpyxl) and by
//! hand in Excel's own form (`tests/data/make_xlsx.py` documents every row). Expectations are
//! read off those fixtures, not recorded from berdaya.
#![cfg(feature = "xlsx")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use berdaya::disability::{Disability, DisabilitySet};
use berdaya::education::Education;
use berdaya::population::{ImportOptions, OnError, Population};
use berdaya::vocab::{CareStatus, EmploymentStatus};
use berdaya::{Coded, Sex};
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn opts(on_error: OnError) -> ImportOptions {
    ImportOptions::new(d(2020, 9, 9)).on_error(on_error)
}

const OFFICE: &[u8] = include_bytes!("data/office_2020.xlsx");
const EXCEL_1904: &[u8] = include_bytes!("data/shared_strings_1904.xlsx");

fn dis(v: &[Disability]) -> Option<DisabilitySet> {
    Some(v.iter().copied().collect())
}

#[test]
fn office_workbook_reads_dates_numbers_and_reports_mangled_niks() {
    let (pop, report) = Population::from_xlsx(OFFICE, &opts(OnError::SkipRow)).unwrap();
    // five data rows (the empty sheet row 4 is not a row); p2 and p4 have mangled NIKs
    assert_eq!(report.rows_read, 5);
    assert_eq!(pop.len(), 3);
    // rows are counted from the header (sheet row 1): p2 is sheet row 3, p4 sheet row 6
    assert_eq!(report.skipped_rows, vec![2, 5]);
    let codes: Vec<(usize, &str, &str)> = report
        .issues
        .iter()
        .map(|i| (i.row, i.column.as_str(), i.code.as_str()))
        .collect();
    assert_eq!(
        codes,
        vec![
            (2, "nik", "import.nik_mangled"),
            (5, "nik", "import.nik_mangled")
        ]
    );
    // a rejected NIK is never shown whole
    assert!(report
        .issues
        .iter()
        .all(|i| !i.value.contains("3514140711950000")));

    let p1 = pop.row(0).unwrap();
    assert_eq!(p1.id, "p1");
    assert_eq!(p1.nik.as_deref(), Some("3514140711950002"));
    assert_eq!(
        p1.birth_date,
        Some(d(1995, 11, 7)),
        "a date cell (serial 35010)"
    );
    assert_eq!(p1.sex, Some(Sex::Male), "L = laki-laki");
    assert_eq!(
        p1.disabilities,
        dis(&[Disability::SensoryHearing, Disability::SensorySpeech])
    );
    assert_eq!(p1.care_status, Some(CareStatus::Alumnus));
    assert_eq!(p1.education, Some(Education::Smp));
    assert_eq!(p1.dtks_decile, Some(2));
    assert_eq!(p1.employment, Some(EmploymentStatus::Unemployed));
    assert_eq!(
        p1.skills.as_deref(),
        Some(&["batik".to_owned(), "sewing".to_owned()][..])
    );

    let p3 = pop.row(1).unwrap();
    assert_eq!(p3.id, "p3");
    assert_eq!(
        p3.birth_date,
        Some(d(2000, 2, 29)),
        "29 February as a date cell"
    );
    assert_eq!(p3.sex, Some(Sex::Female));
    assert_eq!(p3.residence_since, Some(d(2019, 3, 13)));
    assert_eq!(p3.dtks_decile, Some(3), "a float 3.0 in the sheet");
    assert_eq!(p3.disabilities, None, "an empty cell is unknown");

    let p5 = pop.row(2).unwrap();
    assert_eq!(p5.id, "p5");
    assert_eq!(p5.nik, None);
    assert_eq!(p5.disabilities, dis(&[Disability::SensoryVisual]));
    assert_eq!(p5.residence_since, Some(d(2020, 3, 13)));
}

#[test]
fn reject_all_reports_every_bad_cell() {
    let err = Population::from_xlsx(OFFICE, &opts(OnError::RejectAll)).unwrap_err();
    assert_eq!(err.code(), "import.rejected");
    assert_eq!(err.issues().len(), 2);
}

#[test]
fn excel_form_shared_strings_rich_text_and_1904_dates() {
    let (pop, report) = Population::from_xlsx(EXCEL_1904, &opts(OnError::SkipRow)).unwrap();
    assert_eq!(report.rows_read, 2);
    assert_eq!(pop.len(), 1);
    let p1 = pop.row(0).unwrap();
    assert_eq!(p1.id, "p1");
    assert_eq!(p1.nik.as_deref(), Some("3578014509960001"));
    assert_eq!(
        p1.birth_date,
        Some(d(1996, 9, 5)),
        "serial 33851 in the 1904 system"
    );
    assert_eq!(p1.sex, Some(Sex::Female));
    assert_eq!(
        p1.skills.as_deref(),
        Some(&["batik".to_owned(), "jamu".to_owned()][..]),
        "rich-text runs joined"
    );
    assert_eq!(
        p1.disabilities,
        dis(&[Disability::SensoryHearing]),
        "phonetic hint left out"
    );
    // p2's id is a formula's cached value; its birth date is a number in a time format
    assert_eq!(report.skipped_rows, vec![3]);
    let issue = &report.issues[0];
    assert_eq!(
        (issue.row, issue.column.as_str(), issue.code.as_str()),
        (3, "birth_date", "import.bad_date")
    );
}

#[test]
fn broken_workbooks_are_one_clear_error() {
    let bad = |bytes: &[u8]| {
        let e = Population::from_xlsx(bytes, &opts(OnError::SkipRow)).unwrap_err();
        assert_eq!(e.issues()[0].code, "import.bad_xlsx");
        e.issues()[0].message.clone()
    };
    assert!(bad(b"id,nik\np1,\n").contains("not an .xlsx"));
    // truncated anywhere: never a panic, always import.bad_xlsx
    for cut in (0..OFFICE.len()).step_by(97) {
        let _ = bad(&OFFICE[..cut]);
    }
    // one flipped byte inside the deflated data: an error or (rarely) other cell values
    for at in (40..OFFICE.len()).step_by(131) {
        let mut b = OFFICE.to_vec();
        b[at] ^= 0x5a;
        let _ = Population::from_xlsx(&b, &opts(OnError::SkipRow));
    }
}
