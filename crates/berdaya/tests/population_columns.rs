//! `Population::from_columns` against the row and CSV imports: random rows (with bad cells)
//! and random text cells give the same population (`to_csv`), report and issues either way.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::borrow::Cow;

use berdaya::disability::DisabilitySet;
use berdaya::education::ALL_EDUCATION;
use berdaya::population::{
    day_number, ColumnValue, ColumnsInput, ImportError, ImportOptions, ImportReport, OnError,
    Population, Row, NULL_CODE,
};
use berdaya::region::RegionCode;
use berdaya::vocab::{ALL_CARE_STATUSES, ALL_EMPLOYMENT_STATUSES};
use berdaya::Sex;
use chrono::NaiveDate;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn opts(skip: bool) -> ImportOptions {
    let o = ImportOptions::new(d(2020, 9, 9));
    if skip {
        o.on_error(OnError::SkipRow)
    } else {
        o
    }
}

type Outcome = Result<(String, ImportReport), ImportError>;

fn outcome(r: Result<(Population, ImportReport), ImportError>) -> Outcome {
    r.map(|(p, rep)| (p.to_csv(), rep))
}

/// Dictionary-encodes one column of values (`None` = unknown).
fn dict<'a>(cells: Vec<Option<ColumnValue<'a>>>) -> (Vec<u32>, Vec<ColumnValue<'a>>) {
    let mut values: Vec<ColumnValue<'a>> = Vec::new();
    let codes = cells
        .into_iter()
        .map(|c| match c {
            None => NULL_CODE,
            Some(v) => match values.iter().position(|x| *x == v) {
                Some(i) => i as u32,
                None => {
                    values.push(v);
                    values.len() as u32 - 1
                }
            },
        })
        .collect();
    (codes, values)
}

fn text(s: &str) -> ColumnValue<'_> {
    ColumnValue::Text(Cow::Borrowed(s))
}

/// The rows as columns: text in canonical forms, dates as day numbers or ISO text, the
/// decile as numbers, lists as lists. `date_as_text` and `columns_order` vary the forms.
fn columns_of(rows: &[Row], date_as_text: bool, reverse: bool) -> ColumnsInput<'static> {
    let n = rows.len();
    let mut input = ColumnsInput::new(n);
    let mut parts: Vec<Box<dyn FnOnce(ColumnsInput<'static>) -> ColumnsInput<'static>>> =
        Vec::new();
    let own = |s: &str| ColumnValue::Text(Cow::Owned(s.to_owned()));
    let ids: Vec<Option<Cow<'static, str>>> = rows
        .iter()
        .map(|r| Some(Cow::Owned(r.id.clone())))
        .collect();
    parts.push(Box::new(move |i| i.text("id", ids)));
    let niks: Vec<Option<Cow<'static, str>>> =
        rows.iter().map(|r| r.nik.clone().map(Cow::Owned)).collect();
    parts.push(Box::new(move |i| i.text("NIK", niks)));
    let (c, v) = dict(rows.iter().map(|r| r.name.as_deref().map(own)).collect());
    parts.push(Box::new(move |i| i.dictionary("name", c, v)));
    for (name, get) in [
        (
            "birth_date",
            (|r: &Row| r.birth_date) as fn(&Row) -> Option<NaiveDate>,
        ),
        ("residence_since", |r: &Row| r.residence_since),
        ("discharged_on", |r: &Row| r.discharged_on),
    ] {
        if date_as_text {
            let (c, v) = dict(
                rows.iter()
                    .map(|r| get(r).map(|x| own(&x.to_string())))
                    .collect(),
            );
            parts.push(Box::new(move |i| i.dictionary(name, c, v)));
        } else {
            let nums: Vec<f64> = rows
                .iter()
                .map(|r| get(r).map_or(f64::NAN, |x| f64::from(day_number(x))))
                .collect();
            parts.push(Box::new(move |i| i.numbers(name, nums)));
        }
    }
    let (c, v) = dict(
        rows.iter()
            .map(|r| r.sex.map(|s| own(s.as_str())))
            .collect(),
    );
    parts.push(Box::new(move |i| i.dictionary("sex", c, v)));
    let (c, v) = dict(
        rows.iter()
            .map(|r| {
                r.disabilities.map(|s| {
                    ColumnValue::List(s.iter().map(|d| Cow::Borrowed(d.as_str())).collect())
                })
            })
            .collect(),
    );
    parts.push(Box::new(move |i| i.dictionary("disabilities", c, v)));
    let (c, v) = dict(
        rows.iter()
            .map(|r| r.care_status.map(|s| own(s.as_str())))
            .collect(),
    );
    parts.push(Box::new(move |i| i.dictionary("care_status", c, v)));
    let (c, v) = dict(rows.iter().map(|r| r.upt_id.as_deref().map(own)).collect());
    parts.push(Box::new(move |i| i.dictionary("upt_id", c, v)));
    let (c, v) = dict(
        rows.iter()
            .map(|r| r.education.map(|s| own(s.as_str())))
            .collect(),
    );
    parts.push(Box::new(move |i| i.dictionary("education", c, v)));
    let dec: Vec<f64> = rows
        .iter()
        .map(|r| r.dtks_decile.map_or(f64::NAN, f64::from))
        .collect();
    parts.push(Box::new(move |i| i.numbers("dtks_decile", dec)));
    let (c, v) = dict(
        rows.iter()
            .map(|r| r.employment.map(|s| own(s.as_str())))
            .collect(),
    );
    parts.push(Box::new(move |i| i.dictionary("employment", c, v)));
    let (c, v) = dict(
        rows.iter()
            .map(|r| {
                r.skills
                    .as_ref()
                    .map(|s| ColumnValue::List(s.iter().map(|x| Cow::Owned(x.clone())).collect()))
            })
            .collect(),
    );
    parts.push(Box::new(move |i| i.dictionary("skills", c, v)));
    let (c, v) = dict(
        rows.iter()
            .map(|r| r.regency.map(|x| own(&x.to_string())))
            .collect(),
    );
    parts.push(Box::new(move |i| i.dictionary("regency", c, v)));
    // The builder reports cell issues in column order; rows have none (typed), so any
    // order of columns gives the same issues.
    if reverse {
        parts.reverse();
    }
    for p in parts {
        input = p(input);
    }
    input
}

// ---- random typed rows, with the bad values a typed row can hold ----

fn arb_nik() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (0usize..38, 1u8..=20, 1u8..=28, 1u32..=12, 1950i32..2020, any::<bool>(), 1u16..=9999)
            .prop_map(|(r, dist, day, m, y, f, serial)| {
                let regency = berdaya::region::JATIM_REGENCIES[r].code;
                let day = if f { day + 40 } else { day };
                format!("35{regency:02}{dist:02}{day:02}{m:02}{:02}{serial:04}", y % 100)
            }),
        1 => prop::sample::select(vec![
            "3.51414E+15", "351414071195000", "3514140711950000", "3514000711950002",
            "35141407119500021", "3514143211950002", " 3514140711950002 ", "", "  ", "x",
        ]).prop_map(str::to_owned),
    ]
}

fn arb_row() -> impl Strategy<Value = Row> {
    let txt = "[ a-zA-Z0-9,\"'\\n;|é-]{0,8}";
    let skill = prop_oneof![
        "[a-z]{1,2}",
        Just("sewing".to_owned()),
        Just("Batik ".to_owned()),
        Just("a|b".to_owned()),
        Just(" ".to_owned()),
    ];
    let date =
        (-30_000i32..30_000).prop_map(|n| berdaya::population::date_of_day_number(n).unwrap());
    (
        (
            prop_oneof![8 => "p[0-9]{1,2}", 1 => Just(String::new()), 1 => Just(" p1 ".to_owned())],
            proptest::option::of(arb_nik()),
            proptest::option::of(txt),
            proptest::option::of(date.clone()),
            proptest::option::of(any::<bool>()),
            proptest::option::of(0u16..0x200),
            proptest::option::of(0usize..4),
            proptest::option::of(prop_oneof!["[a-c]{1,2}", Just(" ".to_owned())]),
        ),
        (
            proptest::option::of(date.clone()),
            proptest::option::of(date),
            proptest::option::of(0usize..8),
            proptest::option::of(prop_oneof![8 => 1u8..=10, 1 => 0u8..=255]),
            proptest::option::of(0usize..4),
            proptest::option::of(proptest::collection::vec(skill, 0..5)),
            proptest::option::of((0usize..38, any::<bool>(), 0u8..3)),
        ),
    )
        .prop_map(|((id, nik, name, birth, sex, dis, care, upt), rest)| {
            let (since, out, edu, dtks, emp, skills, reg) = rest;
            Row {
                id,
                nik,
                name,
                birth_date: birth,
                sex: sex.map(|f| if f { Sex::Female } else { Sex::Male }),
                disabilities: dis.map(DisabilitySet::from_bits_truncate),
                care_status: care.map(|i| ALL_CARE_STATUSES[i]),
                upt_id: upt,
                residence_since: since,
                discharged_on: out,
                education: edu.map(|i| ALL_EDUCATION[i]),
                dtks_decile: dtks,
                employment: emp.map(|i| ALL_EMPLOYMENT_STATUSES[i]),
                skills,
                regency: reg.map(|(i, dotted, level)| {
                    let k = berdaya::region::JATIM_REGENCIES[i].code;
                    let s = match (level, dotted) {
                        (0, true) => format!("35.{k:02}"),
                        (0, false) => format!("35{k:02}"),
                        // a district: a bad regency for a population
                        (1, _) => format!("35.{k:02}.01"),
                        _ => "35".to_owned(),
                    };
                    RegionCode::parse(&s).unwrap()
                }),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn columns_equal_rows(
        rows in proptest::collection::vec(arb_row(), 0..60),
        skip in any::<bool>(),
        date_as_text in any::<bool>(),
        reverse in any::<bool>(),
    ) {
        let o = opts(skip);
        let expected = outcome(Population::from_rows(&rows, &o));
        let input = columns_of(&rows, date_as_text, reverse);
        prop_assert_eq!(outcome(Population::from_columns(&input, &o)), expected);
    }

    #[test]
    fn columns_equal_csv(
        cells in proptest::collection::vec(proptest::collection::vec(arb_cell(), 15), 0..40)
            .prop_map(|rows| rows.into_iter().map(|mut r| {
                // the one documented difference: region codes of another level
                let other_level = RegionCode::parse(&r[14])
                    .is_ok_and(|c| berdaya::population::code::regency(&c).is_none());
                if other_level {
                    r[14] = String::new();
                }
                r
            }).collect::<Vec<_>>()),
        order in Just((0..15).collect::<Vec<usize>>()).prop_shuffle(),
        skip in any::<bool>(),
    ) {
        let o = opts(skip);
        let names: Vec<&str> = order.iter().map(|&c| COLUMNS[c]).collect();
        let mut w = csv::WriterBuilder::new().quote_style(csv::QuoteStyle::Always).from_writer(vec![]);
        w.write_record(&names).unwrap();
        for row in &cells {
            w.write_record(order.iter().map(|&c| row[c].as_str())).unwrap();
        }
        let csv_text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let expected = outcome(Population::from_csv(csv_text.as_bytes(), &o));
        let mut input = ColumnsInput::new(cells.len());
        for &c in &order {
            let column: Vec<Option<ColumnValue<'_>>> = cells
                .iter()
                .map(|row| Some(text(row[c].as_str())))
                .collect();
            if c == 0 || c == 1 {
                let values = cells.iter().map(|row| Some(Cow::Borrowed(row[c].as_str()))).collect();
                input = input.text(COLUMNS[c], values);
            } else {
                let (codes, values) = dict(column);
                input = input.dictionary(COLUMNS[c], codes, values);
            }
        }
        prop_assert_eq!(outcome(Population::from_columns(&input, &o)), expected, "{}", csv_text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Enough rows that the NIK checker uses its tables (from the 513th NIK) and the id table
    /// holds many distinct ids beside duplicates.
    #[test]
    fn many_rows_columns_equal_rows(
        rows in proptest::collection::vec(arb_row(), 600..900),
        distinct in any::<bool>(),
        skip in any::<bool>(),
    ) {
        let mut rows = rows;
        if distinct {
            for (i, r) in rows.iter_mut().enumerate().filter(|(i, _)| i % 7 != 0) {
                r.id = format!("q{i}");
            }
        }
        let o = opts(skip);
        let expected = outcome(Population::from_rows(&rows, &o));
        let input = columns_of(&rows, false, false);
        prop_assert_eq!(outcome(Population::from_columns(&input, &o)), expected);
    }
}

const COLUMNS: [&str; 15] = [
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

/// Text cells as offices write them, good and bad. District-level regency codes are left
/// out: `from_columns` reports them as `from_rows` does (see its docs).
fn arb_cell() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "",
        " ",
        "p1",
        "p2",
        " p3 ",
        "3514140711950002",
        "3.51414E+15",
        "3514140711950000",
        "3514000711950002",
        "1995-11-07",
        "07/11/1995",
        "7/1/1995",
        "1995-02-30",
        "M",
        "p",
        "X",
        "physical|rungu",
        "[]",
        "fisik;mental",
        "nope",
        "warga_binaan",
        "resident",
        "sma",
        "11",
        "3",
        "3.0",
        "NaN",
        "0",
        "3520",
        "35.20",
        "99.99",
        "35",
        "sewing|Batik",
        "a|b;c",
        "employed",
        "UPT-1",
        "é",
        "12345678901",
    ])
    .prop_map(str::to_owned)
}

#[test]
fn structural_faults_are_fatal() {
    let o = opts(true);
    let no_id = ColumnsInput::new(1).numbers("dtks_decile", vec![3.0]);
    let e = Population::from_columns(&no_id, &o).unwrap_err();
    assert_eq!(e.issues()[0].code, "import.missing_column");
    let twice = ColumnsInput::new(0).text("id", vec![]).text(" ID ", vec![]);
    assert_eq!(
        Population::from_columns(&twice, &o).unwrap_err().issues()[0].code,
        "import.duplicate_column"
    );
    let short = ColumnsInput::new(2).text("id", vec![Some("a".into())]);
    assert_eq!(
        Population::from_columns(&short, &o).unwrap_err().issues()[0].code,
        "import.bad_field_count"
    );
    let outside = ColumnsInput::new(1)
        .text("id", vec![Some("a".into())])
        .dictionary("sex", vec![1], vec![text("M")]);
    let e = Population::from_columns(&outside, &o).unwrap_err();
    assert_eq!(
        (e.issues()[0].code.as_str(), e.issues()[0].row),
        ("import.bad_type", 1)
    );
    // Columns of other names are ignored, as extra CSV columns are.
    let extra = ColumnsInput::new(1)
        .text("id", vec![Some("a".into())])
        .numbers("weight", vec![1.0, 2.0]);
    assert_eq!(Population::from_columns(&extra, &o).unwrap().0.len(), 1);
}

#[test]
fn numbers_forms_and_each_distinct_value_once() {
    // Day numbers and deciles as numbers; NaN unknown; a fraction or an out-of-range day is
    // a bad date, a fractional decile a bad decile.
    let ids: Vec<Option<Cow<'_, str>>> = (0..5).map(|i| Some(format!("p{i}").into())).collect();
    let input = ColumnsInput::new(5)
        .text("id", ids)
        .numbers("birth_date", vec![0.0, f64::NAN, 1.5, 1e12, -1.0])
        .numbers("dtks_decile", vec![3.0, 11.0, f64::NAN, 2.5, 10.0])
        .numbers(
            "regency",
            vec![3520.0, f64::NAN, f64::NAN, f64::NAN, 3578.0],
        );
    let (pop, report) = Population::from_columns(&input, &opts(true)).unwrap();
    let got: Vec<(usize, &str, &str, &str)> = report
        .issues
        .iter()
        .map(|i| (i.row, i.column.as_str(), i.code.as_str(), i.value.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, "dtks_decile", "import.bad_decile", "11"),
            (3, "birth_date", "import.bad_date", "1.5"),
            (4, "birth_date", "import.bad_date", "10***********"),
            (4, "dtks_decile", "import.bad_decile", "2.5"),
        ]
    );
    assert_eq!(pop.len(), 2);
    assert_eq!(pop.birth_date().get(0), Some(0));
    assert_eq!(pop.birth_date().get(1), Some(-1));
    assert_eq!(pop.regency().get(0), Some(3520));
    assert_eq!(pop.regency().get(1), Some(3578));
}
