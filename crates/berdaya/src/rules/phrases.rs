//! The phrase catalogue: how an office names each fact and value, and how each language writes
//! dates, numbers and lists. Explanations and the checker's diagnostics both read it, so a fact
//! is called the same thing everywhere (`days_in_care` is "lama tinggal di UPT").
//!
//! The Indonesian follows the glossary of the office (DOMAIN.md §1): *penyandang disabilitas*,
//! *ragam disabilitas* (fisik, intelektual, mental, sensorik netra/rungu/wicara), *UPT*,
//! *warga binaan*, *eks warga binaan*, *PKS*, *desil kesejahteraan*.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::error::Coded;

/// The language of an explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Lang {
    /// English (`en`).
    En,
    /// Indonesian, Bahasa Indonesia (`id`).
    Id,
}

impl Lang {
    /// The code: `en` or `id`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Id => "id",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Lang {
    type Err = ExplainError;

    /// `en` or `id` (case and surrounding spaces ignored).
    fn from_str(s: &str) -> Result<Lang, ExplainError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" => Ok(Lang::En),
            "id" => Ok(Lang::Id),
            _ => Err(ExplainError::UnknownLanguage(s.chars().take(40).collect())),
        }
    }
}

/// A bad argument to an explanation: an unknown language or form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExplainError {
    /// Not `en` or `id`.
    #[error("unknown language `{0}`; expected `en` or `id`")]
    UnknownLanguage(String),
    /// Not `short` or `full`.
    #[error("unknown explanation form `{0}`; expected `short` or `full`")]
    UnknownForm(String),
}

impl Coded for ExplainError {
    fn code(&self) -> &'static str {
        match self {
            ExplainError::UnknownLanguage(_) => "rule.explain.unknown_language",
            ExplainError::UnknownForm(_) => "rule.explain.unknown_form",
        }
    }

    fn field(&self) -> Option<&'static str> {
        match self {
            ExplainError::UnknownLanguage(_) => Some("lang"),
            ExplainError::UnknownForm(_) => Some("form"),
        }
    }
}

/// How a fact is named and how a value of it is stated, in both languages.
pub(crate) struct FactPhrase {
    /// The noun, lowercase: "time in care at the UPT" / "lama tinggal di UPT".
    pub en: &'static str,
    pub id: &'static str,
    /// Whether the English noun is plural ("skills are not recorded").
    pub plural: bool,
    /// A statement of the value, `{v}` replaced by it ("age is {v}" / "usia {v}").
    pub en_is: &'static str,
    pub id_is: &'static str,
}

const fn p(
    en: &'static str,
    id: &'static str,
    plural: bool,
    en_is: &'static str,
    id_is: &'static str,
) -> FactPhrase {
    FactPhrase {
        en,
        id,
        plural,
        en_is,
        id_is,
    }
}

/// Every fact of the schema and every input field, by wire name.
const FACTS: &[(&str, FactPhrase)] = &[
    ("age", p("age", "usia", false, "age is {v}", "usia {v}")),
    (
        "birth_date",
        p(
            "date of birth",
            "tanggal lahir",
            false,
            "date of birth is {v}",
            "tanggal lahir {v}",
        ),
    ),
    (
        "sex",
        p(
            "sex",
            "jenis kelamin",
            false,
            "sex is {v}",
            "jenis kelamin {v}",
        ),
    ),
    (
        "disabilities",
        p(
            "disability types",
            "ragam disabilitas",
            true,
            "disability types recorded are {v}",
            "ragam disabilitas yang tercatat {v}",
        ),
    ),
    (
        "disability_count",
        p(
            "number of disability types",
            "jumlah ragam disabilitas",
            false,
            "number of disability types is {v}",
            "jumlah ragam disabilitas {v}",
        ),
    ),
    (
        "multiplicity",
        p(
            "multiplicity of the disability (single, double, multiple)",
            "sifat disabilitas (tunggal, ganda, multi)",
            false,
            "the disability is {v}",
            "disabilitas bersifat {v}",
        ),
    ),
    (
        "care_status",
        p(
            "care status",
            "status di UPT",
            false,
            "care status is {v}",
            "status di UPT adalah {v}",
        ),
    ),
    (
        "upt_id",
        p(
            "UPT",
            "UPT",
            false,
            "the UPT is {v}",
            "UPT yang tercatat {v}",
        ),
    ),
    (
        "residence_since",
        p(
            "date of admission to the UPT",
            "tanggal masuk UPT",
            false,
            "date of admission to the UPT is {v}",
            "tanggal masuk UPT {v}",
        ),
    ),
    (
        "days_in_care",
        p(
            "time in care at the UPT",
            "lama tinggal di UPT",
            false,
            "time in care at the UPT is {v}",
            "lama tinggal di UPT {v}",
        ),
    ),
    (
        "discharged_on",
        p(
            "date of discharge from the UPT",
            "tanggal keluar dari UPT",
            false,
            "date of discharge from the UPT is {v}",
            "tanggal keluar dari UPT {v}",
        ),
    ),
    (
        "days_since_discharge",
        p(
            "time since discharge from the UPT",
            "lama sejak keluar dari UPT",
            false,
            "time since discharge from the UPT is {v}",
            "lama sejak keluar dari UPT {v}",
        ),
    ),
    (
        "education",
        p(
            "highest education",
            "pendidikan terakhir",
            false,
            "highest education is {v}",
            "pendidikan terakhir {v}",
        ),
    ),
    (
        "dtks_decile",
        p(
            "welfare decile (DTKS/DTSEN)",
            "desil kesejahteraan (DTKS/DTSEN)",
            false,
            "welfare decile is {v}",
            "desil kesejahteraan {v}",
        ),
    ),
    (
        "employment",
        p(
            "employment status",
            "status pekerjaan",
            false,
            "employment status is {v}",
            "status pekerjaan {v}",
        ),
    ),
    (
        "skills",
        p(
            "skills",
            "keterampilan",
            true,
            "skills recorded are {v}",
            "keterampilan yang tercatat {v}",
        ),
    ),
    (
        "certificates",
        p(
            "certificates",
            "sertifikat",
            true,
            "certificates held are {v}",
            "sertifikat yang dimiliki {v}",
        ),
    ),
    (
        "ppks",
        p(
            "PPKS categories",
            "kategori PPKS",
            true,
            "PPKS categories recorded are {v}",
            "kategori PPKS yang tercatat {v}",
        ),
    ),
    (
        "domicile_regency",
        p(
            "regency/city of domicile",
            "kabupaten/kota domisili",
            false,
            "regency/city of domicile is {v}",
            "kabupaten/kota domisili adalah {v}",
        ),
    ),
    (
        "domicile_province",
        p(
            "province of domicile",
            "provinsi domisili",
            false,
            "province of domicile is {v}",
            "provinsi domisili adalah {v}",
        ),
    ),
    (
        "nik_province",
        p(
            "province code of the NIK",
            "kode provinsi pada NIK",
            false,
            "province code of the NIK is {v}",
            "kode provinsi pada NIK adalah {v}",
        ),
    ),
    (
        "nik_regency",
        p(
            "regency/city code of the NIK",
            "kode kabupaten/kota pada NIK",
            false,
            "regency/city code of the NIK is {v}",
            "kode kabupaten/kota pada NIK adalah {v}",
        ),
    ),
    (
        "agreement_in_force",
        p(
            "whether the agreement (PKS) is in force",
            "keberlakuan PKS",
            false,
            "the agreement (PKS) is in force: {v}",
            "PKS berlaku: {v}",
        ),
    ),
    (
        "partner_kind",
        p(
            "partner kind",
            "jenis mitra",
            false,
            "the partner is {v}",
            "jenis mitra adalah {v}",
        ),
    ),
    // input fields that are not facts by the same name
    ("nik", p("NIK", "NIK", false, "NIK is {v}", "NIK {v}")),
    (
        "regency",
        p(
            "regency/city of domicile",
            "kabupaten/kota domisili",
            false,
            "regency/city of domicile is {v}",
            "kabupaten/kota domisili adalah {v}",
        ),
    ),
];

/// The phrase of a fact or input field, by wire name.
pub(crate) fn fact(name: &str) -> Option<&'static FactPhrase> {
    FACTS.iter().find(|(n, _)| *n == name).map(|(_, p)| p)
}

/// How an office names a fact (or input field), e.g. `days_in_care` → "lama tinggal di UPT";
/// the wire name itself if it is not in the catalogue.
pub fn fact_name(name: &str, lang: Lang) -> &str {
    match (fact(name), lang) {
        (Some(p), Lang::En) => p.en,
        (Some(p), Lang::Id) => p.id,
        (None, _) => name,
    }
}

/// A fact in a diagnostic: its wire name in backticks, then how the office names it
/// (`` `days_in_care` (lama tinggal di UPT) ``); just the wire name if the two are the same.
pub(crate) fn named(name: &str, lang: Lang) -> String {
    let office = fact_name(name, lang);
    if office == name {
        format!("`{name}`")
    } else {
        format!("`{name}` ({office})")
    }
}

/// An integer with the language's thousands separator: `1,500` / `1.500`.
pub fn number(n: i64, lang: Lang) -> String {
    let sep = match lang {
        Lang::En => ',',
        Lang::Id => '.',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// A date as people write it: `9 September 2020` / `29 Februari 2024`.
pub fn date(d: NaiveDate, lang: Lang) -> String {
    let months = match lang {
        Lang::En => &MONTHS_EN,
        Lang::Id => &MONTHS_ID,
    };
    let month = months.get(d.month0() as usize).copied().unwrap_or_default();
    format!("{} {month} {}", d.day(), d.year())
}

/// A count with its unit: `1 year`, `2 years` / `2 tahun`; `180 days` / `180 hari`.
pub(crate) fn with_unit(n: i64, unit: Unit, lang: Lang) -> String {
    let num = number(n, lang);
    let word = match (unit, lang, n.abs() == 1) {
        (Unit::Years, Lang::En, true) => "year",
        (Unit::Years, Lang::En, false) => "years",
        (Unit::Years, Lang::Id, _) => "tahun",
        (Unit::Days, Lang::En, true) => "day",
        (Unit::Days, Lang::En, false) => "days",
        (Unit::Days, Lang::Id, _) => "hari",
        (Unit::None, _, _) => return num,
    };
    format!("{num} {word}")
}

/// The unit of an integer fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Years,
    Days,
    None,
}

pub(crate) fn unit_of(fact: &str) -> Unit {
    match fact {
        "age" => Unit::Years,
        "days_in_care" | "days_since_discharge" => Unit::Days,
        _ => Unit::None,
    }
}

/// The name of an enum or list value of `fact` (given by its canonical English wire name), as
/// the office writes it.
pub(crate) fn value(fact: &str, v: &str, lang: Lang) -> String {
    let pair: Option<(&str, &str)> = match (fact, v) {
        ("sex", "M") => Some(("male", "laki-laki")),
        ("sex", "F") => Some(("female", "perempuan")),
        ("care_status", "applicant") => Some(("applicant", "calon warga binaan")),
        ("care_status", "resident") => Some(("resident", "warga binaan")),
        ("care_status", "alumnus") => Some(("alumnus (former resident)", "eks warga binaan")),
        ("care_status", "none") => Some(("not in care", "tidak dalam layanan UPT")),
        ("employment", "unemployed") => Some(("unemployed", "belum bekerja")),
        ("employment", "employed") => Some(("employed", "bekerja")),
        ("employment", "self_employed") => Some(("self-employed", "wirausaha")),
        ("employment", "employer") => Some(("employer", "pemberi kerja")),
        ("education", "none") => Some(("no schooling", "tidak/belum sekolah")),
        ("education", "sd") => Some(("primary school (SD)", "SD")),
        ("education", "smp") => Some(("junior secondary school (SMP)", "SMP/SLTP")),
        ("education", "sma") => Some(("senior secondary school (SMA)", "SMA/SLTA")),
        ("education", "diploma") => Some(("diploma", "diploma")),
        ("education", "bachelor") => Some(("bachelor's degree (S1)", "S1")),
        ("education", "master") => Some(("master's degree (S2)", "S2")),
        ("education", "doctorate") => Some(("doctorate (S3)", "S3")),
        ("multiplicity", "none") => Some(("absent", "tidak ada")),
        ("multiplicity", "tunggal") => Some(("single (tunggal)", "tunggal")),
        ("multiplicity", "ganda") => Some(("double (ganda)", "ganda")),
        ("multiplicity", "multi") => Some(("multiple (multi)", "multi")),
        ("partner_kind", "university") => Some(("a university", "perguruan tinggi")),
        ("partner_kind", "health_college") => Some((
            "a health-sciences college (STIKES)",
            "sekolah tinggi ilmu kesehatan (STIKES)",
        )),
        ("partner_kind", "polytechnic") => Some(("a polytechnic", "politeknik")),
        ("partner_kind", "hospital") => Some(("a hospital", "rumah sakit")),
        ("partner_kind", "business") => Some(("a business", "badan usaha atau UMKM")),
        ("partner_kind", "ngo") => Some((
            "a social welfare institution (LKS)",
            "lembaga kesejahteraan sosial (LKS)",
        )),
        ("partner_kind", "government_unit") => Some(("a government unit", "instansi pemerintah")),
        ("disabilities", "physical") => Some(("physical", "fisik")),
        ("disabilities", "intellectual") => Some(("intellectual", "intelektual")),
        ("disabilities", "mental") => Some(("mental", "mental")),
        ("disabilities", "mental_psychosocial") => {
            Some(("mental (psychosocial)", "mental psikososial"))
        }
        ("disabilities", "mental_developmental") => {
            Some(("mental (developmental)", "mental perkembangan"))
        }
        ("disabilities", "sensory") => Some(("sensory", "sensorik")),
        ("disabilities", "sensory_visual") => Some(("visual (netra)", "sensorik netra")),
        ("disabilities", "sensory_hearing") => Some(("hearing (rungu)", "sensorik rungu")),
        ("disabilities", "sensory_speech") => Some(("speech (wicara)", "sensorik wicara")),
        ("ppks", _) => return v.replace('_', " "),
        ("certificates", "sttr") => Some(("STTR", "STTR")),
        ("certificates", "rehabilitation_completion") => Some((
            "rehabilitation completion (STTR)",
            "tanda tamat rehabilitasi (STTR)",
        )),
        _ => None,
    };
    match (pair, lang) {
        (Some((en, _)), Lang::En) => en.to_owned(),
        (Some((_, id)), Lang::Id) => id.to_owned(),
        (None, _) => v.to_owned(),
    }
}

/// A region code with its official name where known: `35 (Jawa Timur)`,
/// `35.20 (Kabupaten Magetan)`.
pub(crate) fn region(code: &str) -> String {
    match crate::region::RegionCode::parse(code) {
        Ok(r) => match r.name() {
            Some(n) => format!("{r} ({n})"),
            None => r.to_string(),
        },
        Err(_) => code.to_owned(),
    }
}

/// A list joined as a sentence does: `a, b and c` / `a, b, dan c` (`or`: `atau`).
pub(crate) fn join(items: &[String], lang: Lang, or: bool) -> String {
    let word = match (lang, or) {
        (Lang::En, false) => "and",
        (Lang::En, true) => "or",
        (Lang::Id, false) => "dan",
        (Lang::Id, true) => "atau",
    };
    match items {
        [] => match lang {
            Lang::En => "none".to_owned(),
            Lang::Id => "tidak ada".to_owned(),
        },
        [one] => one.clone(),
        [a, b] => format!("{a} {word} {b}"),
        [init @ .., last] => {
            let head = init.join(", ");
            match lang {
                Lang::En => format!("{head} {word} {last}"),
                Lang::Id => format!("{head}, {word} {last}"),
            }
        }
    }
}

/// The first letter in upper case.
pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_each_language() {
        assert_eq!(number(1500, Lang::Id), "1.500");
        assert_eq!(number(1500, Lang::En), "1,500");
        assert_eq!(number(-1_234_567, Lang::Id), "-1.234.567");
        assert_eq!(number(999, Lang::Id), "999");
        assert_eq!(number(i64::MIN, Lang::En), "-9,223,372,036,854,775,808");
        assert_eq!(with_unit(1, Unit::Years, Lang::En), "1 year");
        assert_eq!(with_unit(1500, Unit::Days, Lang::Id), "1.500 hari");
    }

    #[test]
    fn dates_as_people_write_them() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(date(d, Lang::Id), "29 Februari 2024");
        assert_eq!(date(d, Lang::En), "29 February 2024");
        let d = NaiveDate::from_ymd_opt(2020, 9, 9).unwrap();
        assert_eq!(date(d, Lang::Id), "9 September 2020");
    }

    #[test]
    fn every_fact_and_input_is_named() {
        for f in super::super::facts::SCHEMA {
            assert!(fact(f.1).is_some(), "{}", f.1);
        }
        for i in super::super::facts::INPUTS {
            assert!(fact(i).is_some(), "{i}");
        }
        assert_eq!(fact_name("days_in_care", Lang::Id), "lama tinggal di UPT");
    }

    #[test]
    fn lists_read_as_sentences() {
        let v: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        assert_eq!(join(&v, Lang::Id, true), "a, b, atau c");
        assert_eq!(join(&v, Lang::En, false), "a, b and c");
        assert_eq!(
            "x".parse::<Lang>().unwrap_err().code(),
            "rule.explain.unknown_language"
        );
        assert_eq!(" ID ".parse::<Lang>(), Ok(Lang::Id));
    }
}
