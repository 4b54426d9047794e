//! Population: export → import identity, every import error class, and the differential test
//! of the hand-written R1-R5 baseline (`benches/batch_kernels.rs`) against a naive per-row
//! evaluation written here, independently, from BENCHMARK.md.

// The whole crate is test code (clippy.toml allows these in tests; its helpers outside
// `#[test]` functions are not recognised as such).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use berdaya::disability::{Disability, DisabilitySet};
use berdaya::education::{Education, ALL_EDUCATION};
use berdaya::population::{synth, ImportIssue, ImportOptions, OnError, Population, Row};
use berdaya::region::RegionCode;
use berdaya::vocab::{CareStatus, EmploymentStatus, ALL_CARE_STATUSES, ALL_EMPLOYMENT_STATUSES};
use berdaya::{Coded, Nik, Sex};
use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;

#[allow(dead_code)]
#[path = "../../../benches/batch_kernels.rs"]
mod kernels;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn as_of() -> NaiveDate {
    d(2020, 9, 9)
}

fn opts() -> ImportOptions {
    ImportOptions::new(as_of())
}

fn skip() -> ImportOptions {
    opts().on_error(OnError::SkipRow)
}

fn same(a: &Population, b: &Population, what: &str) {
    for (i, (x, y)) in a.rows().zip(b.rows()).enumerate() {
        assert_eq!(
            serde_json::to_string(&x).unwrap(),
            serde_json::to_string(&y).unwrap(),
            "{what} row {i}"
        );
    }
    assert_eq!(a, b, "{what}");
}

fn round_trips(pop: &Population) {
    let (back, report) = Population::from_csv(pop.to_csv().as_bytes(), &opts()).unwrap();
    assert!(report.issues.is_empty());
    same(&back, pop, "csv");
    let (back, report) =
        Population::from_json_lines(pop.to_json_lines().as_bytes(), &opts()).unwrap();
    assert!(report.issues.is_empty());
    same(&back, pop, "json lines");
    let rows: Vec<Row> = pop.rows().collect();
    let (back, _) = Population::from_rows(&rows, &opts()).unwrap();
    same(&back, pop, "rows");
    #[cfg(feature = "arrow")]
    {
        use berdaya::population::arrow::arrow_array::RecordBatchIterator;
        let batch = pop.to_arrow();
        let reader = RecordBatchIterator::new([Ok(batch.clone())], batch.schema());
        let (back, report) = Population::from_arrow(reader, &opts()).unwrap();
        assert!(report.issues.is_empty());
        same(&back, pop, "arrow");
    }
}

#[test]
fn synthetic_population_round_trips() {
    let pop = synth::generate(3_000, 11, as_of());
    round_trips(&pop);
}

#[test]
fn bytes_per_person_within_budget() {
    let n = 100_000;
    let pop = synth::generate(n, 1, as_of());
    let fixed = pop.column_bytes() as f64 / n as f64;
    let with_offsets = (pop.column_bytes() + pop.string_offset_bytes()) as f64 / n as f64;
    assert!((43.6..43.7).contains(&fixed), "{fixed}");
    assert!((59.8..60.0).contains(&with_offsets), "{with_offsets}");
}

#[test]
fn debug_shows_no_personal_data() {
    let pop = synth::generate(10, 1, as_of());
    let row = pop.row(0).unwrap();
    let nik = row.nik.clone().unwrap();
    let name = row.name.clone().unwrap();
    for s in [
        format!("{pop:?}"),
        format!("{row:?}"),
        format!("{:?}", pop.nik()),
    ] {
        assert!(!s.contains(&nik[4..]) && !s.contains(&name), "{s}");
    }
}

// ---- import errors: one snippet per class ----

fn issues(csv: &str) -> Vec<ImportIssue> {
    Population::from_csv(csv.as_bytes(), &opts())
        .unwrap_err()
        .issues()
        .to_vec()
}

fn one(csv: &str) -> (usize, String, String, String) {
    let all = issues(csv);
    assert_eq!(all.len(), 1, "{all:?}");
    let i = &all[0];
    (i.row, i.column.clone(), i.code.clone(), i.value.clone())
}

const NIK: &str = "3514140711950002";

#[test]
fn every_cell_error_class_has_row_column_and_code() {
    let cases: &[(&str, &str, &str, &str)] = &[
        ("birth_date", "1995-02-30", "import.bad_date", "1995-02-30"),
        ("birth_date", "1995/11/07", "import.bad_date", "1995/11/07"),
        (
            "residence_since",
            "yesterday",
            "import.bad_date",
            "yesterday",
        ),
        ("sex", "X", "import.bad_sex", "X"),
        (
            "disabilities",
            "physical|flying",
            "import.bad_disability",
            "flying",
        ),
        (
            "care_status",
            "visitor",
            "import.bad_care_status",
            "visitor",
        ),
        ("education", "phd", "import.bad_education", "phd"),
        ("dtks_decile", "11", "import.bad_decile", "11"),
        ("dtks_decile", "0", "import.bad_decile", "0"),
        ("dtks_decile", "4.5", "import.bad_decile", "4.5"),
        ("employment", "retired", "import.bad_employment", "retired"),
        ("regency", "35", "import.bad_regency", "35"),
        ("regency", "3599", "import.bad_regency", "3599"),
        ("regency", "35.20.01", "import.bad_regency", "35.20.01"),
        ("nik", "3.51414E+15", "import.nik_mangled", "3.*****E+**"),
        (
            "nik",
            "3514140711950002.0",
            "import.nik_mangled",
            "35**************.*",
        ),
        (
            "nik",
            "351414071195000",
            "import.nik_mangled",
            "35*************",
        ),
        (
            "nik",
            "3514140711950000",
            "import.nik_mangled",
            "35**************",
        ),
        (
            "nik",
            "3514001311950002",
            "nik.zero_district",
            "35**************",
        ),
        (
            "nik",
            "3514143211950002",
            "nik.bad_birth_day",
            "35**************",
        ),
        (
            "nik",
            "35141407119500a2",
            "nik.invalid_character",
            "35************a*",
        ),
        ("skills", "sewing|[]", "import.bad_skill", "[]"),
    ];
    for (column, value, code, shown) in cases {
        let csv = format!("id,{column}\np0,\np1,\"{value}\"\n");
        let got = one(&csv);
        assert_eq!(
            got,
            (2, column.to_string(), code.to_string(), shown.to_string()),
            "{column}={value}"
        );
    }
}

#[test]
fn rejected_values_never_show_personal_data() {
    let csv = "id,nik,name\np1,3.51414E+15,Siti Rahayu\n";
    let err = Population::from_csv(csv.as_bytes(), &opts()).unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(!text.contains("51414") && !text.contains("Siti"), "{text}");
    assert_eq!(err.code(), "import.rejected");
}

#[test]
fn row_level_error_classes() {
    // missing id, duplicate id
    let got = issues("id,sex\n,M\np1,F\np1,M\n");
    let codes: Vec<_> = got.iter().map(|i| (i.row, i.code.as_str())).collect();
    assert_eq!(
        codes,
        [(1, "import.missing_id"), (3, "import.duplicate_id")]
    );
    // wrong field count
    assert_eq!(
        one("id,sex\np1,M,extra\n"),
        (
            1,
            String::new(),
            "import.bad_field_count".into(),
            String::new()
        )
    );
    // header faults are fatal under either policy
    let e = Population::from_csv("sex\nM\n".as_bytes(), &skip()).unwrap_err();
    assert_eq!(e.issues()[0].code, "import.missing_column");
    let e = Population::from_csv("id,sex,SEX\np1,M,M\n".as_bytes(), &skip()).unwrap_err();
    assert_eq!(e.issues()[0].code, "import.duplicate_column");
    // too many skills
    let skills: Vec<String> = (0..65).map(|i| format!("s{i}")).collect();
    let csv = format!(
        "id,skills\np1,{}\np2,{}\n",
        skills[..64].join("|"),
        skills[64]
    );
    assert_eq!(one(&csv).2, "import.too_many_skills");
}

#[test]
fn all_issues_of_all_rows_are_reported_then_skip_keeps_good_rows() {
    let csv = format!(
        "id,nik,birth_date,sex,dtks_decile\n\
         p1,{NIK},07/11/1995,L,3\n\
         p2,3.51414E+15,1995-13-01,Q,NaN\n\
         p3,,1990-01-01,P,\n"
    );
    let all = issues(&csv);
    let cols: Vec<_> = all.iter().map(|i| (i.row, i.column.as_str())).collect();
    assert_eq!(cols, [(2, "birth_date"), (2, "sex"), (2, "nik")]);
    let (pop, report) = Population::from_csv(csv.as_bytes(), &skip()).unwrap();
    assert_eq!(pop.len(), 2);
    assert_eq!(report.skipped_rows, [2]);
    assert_eq!(report.rows_read, 3);
    assert_eq!(report.issues.len(), 3);
    assert_eq!(pop.id(1), Some("p3"));
    assert_eq!(pop.sex().get(1), Some(1));
}

#[test]
fn office_realities_are_read() {
    let csv = format!(
        "ID;Nik;Birth_Date;Sex;Disabilities;Regency;Dtks_Decile;Education;Skills;Extra\n\
         p1;{NIK};07/11/1995;L;fisik|rungu;35.20;3.0;5;Batik|sewing;x\n\
         p2;;1995-11-07;p;[];3520;nan;smp;[];y\n\
         p3;;;;;;;;;\n"
    );
    let (pop, _) = Population::from_csv(csv.as_bytes(), &opts().delimiter(b';')).unwrap();
    let r = pop.row(0).unwrap();
    assert_eq!(r.birth_date, Some(d(1995, 11, 7)));
    assert_eq!(r.sex, Some(Sex::Male));
    assert_eq!(r.regency, Some(RegionCode::parse("3520").unwrap()));
    assert_eq!(r.dtks_decile, Some(3));
    assert_eq!(r.education, Some(Education::Sma));
    assert_eq!(r.skills, Some(vec!["batik".into(), "sewing".into()]));
    assert_eq!(pop.nik_province().get(0), Some(35));
    let r = pop.row(1).unwrap();
    assert_eq!(r.disabilities, Some(DisabilitySet::EMPTY));
    assert_eq!(r.skills, Some(vec![]));
    assert_eq!(r.dtks_decile, None);
    assert_eq!(r.sex, Some(Sex::Female));
    let r = pop.row(2).unwrap();
    assert_eq!((r.disabilities, r.skills, r.birth_date), (None, None, None));
    // `;` inside list cells with a `,` delimiter
    let (pop, _) = Population::from_csv("id,skills\np1,jamu;batik\n".as_bytes(), &opts()).unwrap();
    assert_eq!(pop.skills().get(0).map(u64::count_ones), Some(2));
}

#[test]
fn json_lines_errors_and_forms() {
    let text = format!(
        "{{\"id\":\"p1\",\"nik\":\"{NIK}\",\"dtks_decile\":4,\"skills\":[\"batik\"],\"regency\":3520}}\n\
         \n\
         not json\n\
         {{\"id\":\"p3\",\"sex\":true,\"skills\":[1]}}\n\
         {{\"id\":\"p4\",\"nik\":3514140711950002,\"dtks_decile\":null,\"birth_date\":\"07/11/1995\"}}\n\
         {{\"id\":\"p5\",\"nik\":3.51414e15}}\n"
    );
    let (pop, report) = Population::from_json_lines(text.as_bytes(), &skip()).unwrap();
    let codes: Vec<_> = report
        .issues
        .iter()
        .map(|i| (i.row, i.column.as_str(), i.code.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            (3, "", "import.bad_json"),
            (4, "sex", "import.bad_type"),
            (4, "skills", "import.bad_type"),
            (6, "nik", "import.nik_mangled"),
        ]
    );
    assert_eq!(pop.len(), 2);
    assert_eq!(pop.regency().get(0), Some(3520));
    assert_eq!(pop.nik().get(1), Some(3_514_140_711_950_002));
}

// ---- proptest: random populations round-trip ----

fn arb_date() -> impl Strategy<Value = NaiveDate> {
    (-30_000i32..30_000).prop_map(|n| berdaya::population::date_of_day_number(n).unwrap())
}

fn arb_nik() -> impl Strategy<Value = String> {
    (
        0usize..38,
        1u8..=20,
        1u8..=28,
        1u32..=12,
        1950i32..2020,
        any::<bool>(),
        1u16..=9999,
    )
        .prop_filter_map("valid nik", |(r, dist, day, m, y, f, serial)| {
            let regency = berdaya::region::JATIM_REGENCIES[r].code;
            let district = RegionCode::parse(&format!("35{regency:02}{dist:02}")).ok()?;
            let sex = if f { Sex::Female } else { Sex::Male };
            let nik =
                Nik::from_parts(&district, d(y, m, u32::from(day)), sex, serial, as_of()).ok()?;
            (!nik.reveal().ends_with("0000")).then(|| nik.reveal().to_owned())
        })
}

fn arb_row() -> impl Strategy<Value = Row> {
    let text = "[ a-zA-Z0-9,\"'\\n;|é-]{0,12}";
    let skill = prop_oneof![
        "[a-z]{1,6}",
        Just("sewing".to_owned()),
        Just("batik".to_owned()),
        Just("handicraft".to_owned())
    ];
    (
        (
            text,
            proptest::option::of(arb_nik()),
            proptest::option::of(text),
            proptest::option::of(arb_date()),
            proptest::option::of(any::<bool>()),
            proptest::option::of(0u16..0x200),
            proptest::option::of(0usize..4),
            proptest::option::of("[a-z-]{1,10}"),
        ),
        (
            proptest::option::of(arb_date()),
            proptest::option::of(arb_date()),
            proptest::option::of(0usize..8),
            proptest::option::of(1u8..=10),
            proptest::option::of(0usize..4),
            proptest::option::of(proptest::collection::vec(skill, 0..4)),
            proptest::option::of((0usize..38, any::<bool>())),
        ),
    )
        .prop_map(
            |((name_seed, nik, name, birth, sex, dis, care, upt), rest)| {
                let (since, out, edu, dtks, emp, skills, reg) = rest;
                Row {
                    id: name_seed,
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
                    regency: reg.map(|(i, dotted)| {
                        let k = berdaya::region::JATIM_REGENCIES[i].code;
                        let s = if dotted {
                            format!("35.{k:02}")
                        } else {
                            format!("35{k:02}")
                        };
                        RegionCode::parse(&s).unwrap()
                    }),
                }
            },
        )
}

fn arb_rows() -> impl Strategy<Value = Vec<Row>> {
    proptest::collection::vec(arb_row(), 0..150).prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, mut r)| {
                // unique, non-empty ids that still carry awkward characters
                r.id = format!("{i}:{}", r.id);
                r
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn export_import_is_identity(rows in arb_rows()) {
        let (pop, report) = Population::from_rows(&rows, &opts()).unwrap();
        prop_assert!(report.issues.is_empty());
        prop_assert_eq!(pop.len(), rows.len());
        round_trips(&pop);
    }

    #[test]
    fn baseline_matches_naive_on_random_rows(rows in arb_rows(), k in 0usize..AS_OF.len()) {
        let (pop, _) = Population::from_rows(&rows, &opts()).unwrap();
        let (y, m, day) = AS_OF[k];
        differential(&pop, d(y, m, day));
    }
}

// ---- differential: kernels vs naive per-row Kleene evaluation ----

/// Kleene logic over `Option<bool>` (None = unknown).
fn and(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

fn or(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }
}

// Not `try_fold`: an unknown must not stop the fold, a later false still decides.
#[allow(clippy::manual_try_fold)]
fn all(xs: &[Option<bool>]) -> Option<bool> {
    xs.iter().fold(Some(true), |acc, x| and(acc, *x))
}

/// Completed years: counted by walking anniversaries, with 29 February reached on 1 March in
/// common years; unknown for a birth after the as-of date.
fn naive_age(birth: NaiveDate, as_of: NaiveDate) -> Option<i32> {
    if birth > as_of {
        return None;
    }
    let anniversary = |n: i32| {
        let y = birth.year() + n;
        NaiveDate::from_ymd_opt(y, birth.month(), birth.day())
            .unwrap_or_else(|| NaiveDate::from_ymd_opt(y, 3, 1).unwrap())
    };
    let mut age = as_of.year() - birth.year() - 1;
    while anniversary(age + 1) <= as_of {
        age += 1;
    }
    Some(age.max(0))
}

fn between(r: &Row, as_of: NaiveDate, lo: i32, hi: i32) -> Option<bool> {
    let a = naive_age(r.birth_date?, as_of)?;
    Some(lo <= a && a <= hi)
}

fn has(r: &Row, d: Disability) -> Option<bool> {
    r.disabilities.map(|s| s.has(d))
}

fn skill(r: &Row, s: &str) -> Option<bool> {
    r.skills.as_ref().map(|v| v.iter().any(|x| x == s))
}

fn naive_r1(r: &Row, a: NaiveDate) -> Option<bool> {
    between(r, a, 18, 45)
}

fn naive_r2(r: &Row, a: NaiveDate) -> Option<bool> {
    and(naive_r1(r, a), r.disabilities.map(|s| !s.is_empty()))
}

fn naive_r3(r: &Row, a: NaiveDate) -> Option<bool> {
    let days_in_care = r.residence_since.map(|s| (a - s).num_days());
    let care = or(
        r.care_status.map(|c| c == CareStatus::Alumnus),
        and(
            r.care_status.map(|c| c == CareStatus::Resident),
            days_in_care.map(|n| n >= 180),
        ),
    );
    all(&[
        between(r, a, 17, 40),
        or(
            or(
                has(r, Disability::Physical),
                has(r, Disability::SensoryHearing),
            ),
            has(r, Disability::SensorySpeech),
        ),
        care,
        r.education.map(|e| e >= Education::Smp),
        r.nik.as_deref().map(|n| &n[..2] == "35"),
    ])
}

fn naive_r4(r: &Row, a: NaiveDate) -> Option<bool> {
    all(&[
        naive_r3(r, a),
        r.employment
            .map(|e| e == EmploymentStatus::Unemployed || e == EmploymentStatus::SelfEmployed),
        or(r.dtks_decile.map(|d| d <= 4), Some(r.dtks_decile.is_none())),
    ])
}

fn naive_r5(r: &Row, a: NaiveDate) -> Option<bool> {
    let skills = or(
        or(skill(r, "batik"), skill(r, "sewing")),
        and(
            skill(r, "handicraft"),
            r.education.map(|e| e >= Education::Sma),
        ),
    );
    let both = and(has(r, Disability::Intellectual), has(r, Disability::Mental));
    all(&[naive_r4(r, a), skills, both.map(|b| !b)])
}

const AS_OF: [(i32, u32, u32); 6] = [
    (2020, 9, 9),
    (2020, 2, 29),
    (2021, 2, 28),
    (2021, 3, 1),
    (2024, 2, 29),
    (2019, 12, 31),
];

fn differential(pop: &Population, as_of: NaiveDate) {
    let cols = kernels::Cols::of(pop);
    let (r1, r2, r3, r4, r5) = kernels::rules(as_of, pop);
    let mut out = Vec::new();
    let rows: Vec<Row> = pop.rows().collect();
    type Naive = fn(&Row, NaiveDate) -> Option<bool>;
    let check = |name: &str, count: usize, out: &[u64], naive: Naive| {
        assert_eq!(out.len(), pop.len().div_ceil(64), "{name} words");
        let mut expected = 0;
        for (i, r) in rows.iter().enumerate() {
            let want = naive(r, as_of) == Some(true);
            let got = out[i / 64] >> (i % 64) & 1 == 1;
            assert_eq!(got, want, "{name} row {i} as of {as_of}: {r:?}");
            expected += usize::from(want);
        }
        assert_eq!(count, expected, "{name} count");
    };
    let n = kernels::eval(&cols, &r1, &mut out);
    check("R1", n, &out, naive_r1);
    let n = kernels::eval(&cols, &r2, &mut out);
    check("R2", n, &out, naive_r2);
    let n = kernels::eval(&cols, &r3, &mut out);
    check("R3", n, &out, naive_r3);
    let n = kernels::eval(&cols, &r4, &mut out);
    check("R4", n, &out, naive_r4);
    let n = kernels::eval(&cols, &r5, &mut out);
    check("R5", n, &out, naive_r5);
}

#[test]
fn baseline_matches_naive_on_synthetic_population() {
    // 20_011 rows: not a multiple of 64, so the padded tail is exercised.
    let pop = synth::generate(20_011, 5, as_of());
    for (y, m, day) in AS_OF {
        differential(&pop, d(y, m, day));
    }
    let cols = kernels::Cols::of(&pop);
    let (_, _, _, _, r5) = kernels::rules(as_of(), &pop);
    assert!(
        kernels::eval(&cols, &r5, &mut Vec::new()) > 50,
        "R5 selects someone"
    );
}

#[test]
fn baseline_matches_naive_on_date_edges() {
    // Birth dates around every age bound of every as-of date, 29 February births, births
    // after the as-of date; admissions around 180 days.
    let mut rows = Vec::new();
    for (y, m, day) in AS_OF {
        let a = d(y, m, day);
        for years in [17, 18, 40, 41, 45, 46] {
            let base = a
                .with_year(a.year() - years)
                .unwrap_or(d(a.year() - years, 2, 28));
            for delta in -2i64..=2 {
                rows.push(base + chrono::Duration::days(delta));
            }
        }
        rows.push(a + chrono::Duration::days(1));
        rows.push(a);
    }
    for y in [1976, 1980, 1996, 2000, 2002, 2003, 2004] {
        rows.extend(NaiveDate::from_ymd_opt(y, 2, 29));
        rows.push(d(y, 3, 1));
        rows.push(d(y, 2, 28));
    }
    let people: Vec<Row> = rows
        .iter()
        .enumerate()
        .map(|(i, b)| Row {
            id: format!("e{i}"),
            nik: Some(NIK.into()),
            birth_date: Some(*b),
            disabilities: Some([Disability::SensoryHearing].into_iter().collect()),
            care_status: Some(if i % 2 == 0 {
                CareStatus::Resident
            } else {
                CareStatus::Alumnus
            }),
            residence_since: Some(as_of() - chrono::Duration::days(178 + (i % 5) as i64)),
            education: Some(Education::Sma),
            employment: Some(EmploymentStatus::SelfEmployed),
            dtks_decile: if i % 3 == 0 {
                None
            } else {
                Some((i % 10 + 1) as u8)
            },
            skills: Some(vec![if i % 4 == 0 { "handicraft" } else { "batik" }.into()]),
            ..Row::default()
        })
        .collect();
    let (pop, _) = Population::from_rows(&people, &opts()).unwrap();
    for (y, m, day) in AS_OF {
        differential(&pop, d(y, m, day));
    }
}

#[test]
fn age_bounds_fold_as_specified() {
    // 29 Feb 2000 turns 18 on 1 March 2018; a birthday on the as-of date counts.
    let b = kernels::Bounds::age(d(2018, 2, 28), 18, 45);
    assert!(!b.contains(berdaya::population::day_number(d(2000, 2, 29))));
    let b = kernels::Bounds::age(d(2018, 3, 1), 18, 45);
    assert!(b.contains(berdaya::population::day_number(d(2000, 2, 29))));
    let b = kernels::Bounds::age(d(2020, 9, 9), 18, 45);
    assert!(b.contains(berdaya::population::day_number(d(2002, 9, 9))));
    assert!(!b.contains(berdaya::population::day_number(d(2002, 9, 10))));
    assert!(b.contains(berdaya::population::day_number(d(1974, 9, 10))));
    assert!(!b.contains(berdaya::population::day_number(d(1974, 9, 9))));
    assert_eq!(naive_age(d(2000, 2, 29), d(2018, 2, 28)), Some(17));
    assert_eq!(naive_age(d(2000, 2, 29), d(2018, 3, 1)), Some(18));
    assert_eq!(naive_age(d(2020, 9, 10), d(2020, 9, 9)), None);
}

#[test]
fn pack_puts_byte_i_on_bit_i() {
    for i in 0..64 {
        let mut m = [0u8; 64];
        m[i] = 1;
        assert_eq!(kernels::pack(&m), 1u64 << i);
    }
    assert_eq!(kernels::pack(&[1; 64]), u64::MAX);
}
