//! Batch baseline (issue 6): hand-written column loops for R1-R5 over 1,000,000 synthetic
//! people as of 2020-09-09 on one core, beside an idiomatic `Vec<struct>` loop, and the cost
//! of building a `Population` for a rule's columns from CSV and from rows.
//!
//! Run: `cargo bench -p berdaya --bench batch_baseline`. Results: `benches/README.md`.

use std::hint::black_box;
use std::time::Duration;

use berdaya::disability::{Disability, DisabilitySet};
use berdaya::education::Education;
use berdaya::population::{synth, ImportOptions, Population, Row};
use berdaya::vocab::{CareStatus, EmploymentStatus};
use chrono::{Datelike, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[allow(dead_code)]
#[path = "batch_kernels.rs"]
mod kernels;

use kernels::{eval, Cols, Kernel};

const ROWS: usize = 1_000_000;
const IMPORT_ROWS: usize = 200_000;
const SEED: u64 = 2020;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 9, 9).unwrap_or_default()
}

fn bench_kernel<K: Kernel>(c: &mut Criterion, name: &str, cols: &Cols<'_>, k: &K) {
    let mut group = c.benchmark_group("baseline");
    group.throughput(Throughput::Elements(cols.len as u64));
    let mut out = Vec::new();
    group.bench_function(name, |b| b.iter(|| eval(black_box(cols), k, &mut out)));
    group.finish();
}

fn baseline(c: &mut Criterion) {
    let pop = synth::generate(ROWS, SEED, as_of());
    let cols = Cols::of(&pop);
    let (r1, r2, r3, r4, r5) = kernels::rules(as_of(), &pop);
    bench_kernel(c, "R1", &cols, &r1);
    bench_kernel(c, "R2", &cols, &r2);
    bench_kernel(c, "R3", &cols, &r3);
    bench_kernel(c, "R4", &cols, &r4);
    bench_kernel(c, "R5", &cols, &r5);
}

/// One person as idiomatic Rust application code would hold it.
#[derive(Debug, Clone)]
struct Person {
    birth_date: Option<NaiveDate>,
    disabilities: Option<DisabilitySet>,
    care_status: Option<CareStatus>,
    residence_since: Option<NaiveDate>,
    education: Option<Education>,
    nik: Option<String>,
    employment: Option<EmploymentStatus>,
    dtks_decile: Option<u8>,
    skills: Option<Vec<String>>,
}

fn age(birth: NaiveDate, as_of: NaiveDate) -> Option<i32> {
    if birth > as_of {
        return None;
    }
    let before_birthday = (as_of.month(), as_of.day()) < (birth.month(), birth.day());
    Some(as_of.year() - birth.year() - i32::from(before_birthday))
}

fn idiomatic_r1(p: &Person, as_of: NaiveDate) -> bool {
    p.birth_date
        .and_then(|b| age(b, as_of))
        .is_some_and(|a| (18..=45).contains(&a))
}

fn idiomatic_r3(p: &Person, as_of: NaiveDate) -> bool {
    let age_ok = p
        .birth_date
        .and_then(|b| age(b, as_of))
        .is_some_and(|a| (17..=40).contains(&a));
    let dis_ok = p.disabilities.is_some_and(|d| {
        d.has(Disability::Physical)
            || d.has(Disability::SensoryHearing)
            || d.has(Disability::SensorySpeech)
    });
    let care_ok = match p.care_status {
        Some(CareStatus::Alumnus) => true,
        Some(CareStatus::Resident) => p
            .residence_since
            .is_some_and(|s| (as_of - s).num_days() >= 180),
        _ => false,
    };
    let edu_ok = p.education.is_some_and(|e| e >= Education::Smp);
    let prov_ok = p.nik.as_deref().is_some_and(|n| n.starts_with("35"));
    age_ok && dis_ok && care_ok && edu_ok && prov_ok
}

fn idiomatic_r5(p: &Person, as_of: NaiveDate) -> bool {
    let has = |s: &str| p.skills.as_ref().map(|v| v.iter().any(|x| x == s));
    let emp_ok = matches!(
        p.employment,
        Some(EmploymentStatus::Unemployed | EmploymentStatus::SelfEmployed)
    );
    let dtks_ok = p.dtks_decile.is_none_or(|d| d <= 4);
    let skill_ok = has("batik") == Some(true)
        || has("sewing") == Some(true)
        || (has("handicraft") == Some(true) && p.education.is_some_and(|e| e >= Education::Sma));
    let not_both = p
        .disabilities
        .is_some_and(|d| !(d.has(Disability::Intellectual) && d.has(Disability::Mental)));
    idiomatic_r3(p, as_of) && emp_ok && dtks_ok && skill_ok && not_both
}

fn idiomatic(c: &mut Criterion) {
    let people: Vec<Person> = synth::rows(ROWS, SEED, as_of())
        .map(|r| Person {
            birth_date: r.birth_date,
            disabilities: r.disabilities,
            care_status: r.care_status,
            residence_since: r.residence_since,
            education: r.education,
            nik: r.nik,
            employment: r.employment,
            dtks_decile: r.dtks_decile,
            skills: r.skills,
        })
        .collect();
    let d = as_of();
    let mut group = c.benchmark_group("idiomatic_vec_struct");
    group.throughput(Throughput::Elements(ROWS as u64));
    group.sample_size(20);
    group.bench_function("R1", |b| {
        b.iter(|| people.iter().filter(|p| idiomatic_r1(p, d)).count())
    });
    group.bench_function("R3", |b| {
        b.iter(|| people.iter().filter(|p| idiomatic_r3(p, d)).count())
    });
    group.bench_function("R5", |b| {
        b.iter(|| people.iter().filter(|p| idiomatic_r5(p, d)).count())
    });
    group.finish();
}

/// The columns R5 reads (with `id`), as rows and as CSV.
fn r5_rows() -> Vec<Row> {
    synth::rows(IMPORT_ROWS, SEED, as_of())
        .map(|r| Row {
            id: r.id,
            nik: r.nik,
            birth_date: r.birth_date,
            disabilities: r.disabilities,
            care_status: r.care_status,
            residence_since: r.residence_since,
            education: r.education,
            dtks_decile: r.dtks_decile,
            employment: r.employment,
            skills: r.skills,
            ..Row::default()
        })
        .collect()
}

fn import(c: &mut Criterion) {
    let rows = r5_rows();
    let opts = ImportOptions::new(as_of());
    let Ok((pop, _)) = Population::from_rows(&rows, &opts) else {
        return;
    };
    let full_csv = pop.to_csv();
    // Keep the R5 columns only (and id): the empty columns are dropped from the text.
    let keep = [
        "id",
        "nik",
        "birth_date",
        "disabilities",
        "care_status",
        "residence_since",
        "education",
        "dtks_decile",
        "employment",
        "skills",
    ];
    let mut rdr = csv::Reader::from_reader(full_csv.as_bytes());
    let header = rdr.headers().cloned().unwrap_or_default();
    let idx: Vec<usize> = keep
        .iter()
        .filter_map(|k| header.iter().position(|h| h == *k))
        .collect();
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(keep);
    for rec in rdr.records().flatten() {
        let _ = w.write_record(idx.iter().map(|&i| rec.get(i).unwrap_or("")));
    }
    let csv_text = w.into_inner().unwrap_or_default();
    let jsonl = pop.to_json_lines();

    let mut group = c.benchmark_group("import_r5_columns");
    group.throughput(Throughput::Elements(IMPORT_ROWS as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("from_csv", |b| {
        b.iter(|| Population::from_csv(black_box(csv_text.as_slice()), &opts).map(|(p, _)| p.len()))
    });
    group.bench_function("from_json_lines", |b| {
        b.iter(|| {
            Population::from_json_lines(black_box(jsonl.as_bytes()), &opts).map(|(p, _)| p.len())
        })
    });
    group.bench_function("from_rows", |b| {
        b.iter(|| Population::from_rows(black_box(&rows), &opts).map(|(p, _)| p.len()))
    });
    group.finish();

    let mut group = c.benchmark_group("synth");
    group.throughput(Throughput::Elements(ROWS as u64));
    group.sample_size(10);
    group.bench_function("generate_1m", |b| {
        b.iter(|| synth::generate(ROWS, black_box(SEED), as_of()).len())
    });
    group.finish();
}

criterion_group!(benches, baseline, idiomatic, import);
criterion_main!(benches);
