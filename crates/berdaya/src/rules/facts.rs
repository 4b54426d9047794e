//! The fact schema: the input record ([`Facts`], [`Context`]) and the facts a rule may name,
//! with their types and the input each is derived from.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::disability::{Disability, DisabilitySet};
use crate::education::Education;
use crate::sex::Sex;
use crate::vocab::{CareStatus, EmploymentStatus};

/// What a rule knows about one person: the tabular beneficiary columns of `BENCHMARK.md`,
/// plus PPKS categories and certificates. Every field may be absent or `null` (unknown); an
/// empty list is known and empty. Unknown keys are ignored.
///
/// `Debug` shows the NIK's province digits only and hides the name, the birth date and the
/// disabilities (personal data); read the fields to see them.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Facts {
    /// Record id (not a fact; carried for the caller).
    pub id: Option<String>,
    /// The 16-digit NIK; `nik_province` and `nik_regency` are its first 2 and 4 digits.
    pub nik: Option<String>,
    /// Name (personal data; not a fact).
    pub name: Option<String>,
    /// Date of birth; `age` derives from it.
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub birth_date: Option<NaiveDate>,
    /// `M` or `F` (`L`/`P` accepted).
    pub sex: Option<Sex>,
    /// Disability types (English or Indonesian names).
    #[cfg_attr(feature = "wasm", tsify(type = "string[] | null"))]
    pub disabilities: Option<DisabilitySet>,
    /// `resident`, `alumnus`, `applicant` or `none`, as recorded.
    pub care_status: Option<CareStatus>,
    /// The facility (UPT) id.
    pub upt_id: Option<String>,
    /// Admission to the facility; `days_in_care` derives from it.
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub residence_since: Option<NaiveDate>,
    /// Discharge from the facility; `days_since_discharge` derives from it.
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub discharged_on: Option<NaiveDate>,
    /// Highest education level.
    pub education: Option<Education>,
    /// DTKS/DTSEN welfare decile 1..10 (1 = poorest); unknown = not registered.
    pub dtks_decile: Option<i64>,
    /// Livelihood category.
    pub employment: Option<EmploymentStatus>,
    /// Skills, free names such as `sewing`, `batik`.
    pub skills: Option<Vec<String>>,
    /// Domicile regency code, `3520` or `35.20`.
    #[serde(alias = "domicile_regency")]
    pub regency: Option<String>,
    /// PPKS categories, snake_case names such as `penyandang_disabilitas`.
    pub ppks: Option<Vec<String>>,
    /// Certificates held, free names such as `sttr`.
    pub certificates: Option<Vec<String>>,
}

impl std::fmt::Debug for Facts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hidden = |known: bool| if known { "<redacted>" } else { "None" };
        let nik = self.nik.as_deref().map_or("None".to_owned(), |n| {
            let province: String = n.chars().take(2).filter(char::is_ascii_digit).collect();
            format!("{province:0>2}**************")
        });
        f.debug_struct("Facts")
            .field("id", &self.id)
            .field("nik", &format_args!("{nik}"))
            .field("name", &format_args!("{}", hidden(self.name.is_some())))
            .field(
                "birth_date",
                &format_args!("{}", hidden(self.birth_date.is_some())),
            )
            .field("sex", &self.sex)
            .field(
                "disabilities",
                &format_args!("{}", hidden(self.disabilities.is_some())),
            )
            .field("care_status", &self.care_status)
            .field("upt_id", &self.upt_id)
            .field("residence_since", &self.residence_since)
            .field("discharged_on", &self.discharged_on)
            .field("education", &self.education)
            .field("dtks_decile", &self.dtks_decile)
            .field("employment", &self.employment)
            .field("skills", &self.skills)
            .field("regency", &self.regency)
            .field("ppks", &self.ppks)
            .field("certificates", &self.certificates)
            .finish()
    }
}

/// Facts of the commitment applied for. Every field may be unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Context {
    /// Whether the agreement (PKS) is in force on the as-of date.
    pub agreement_in_force: Option<bool>,
    /// The partner's kind: `university`, `health_college`, `polytechnic`, `hospital`,
    /// `business`, `ngo` or `government_unit`.
    pub partner_kind: Option<String>,
}

/// The inputs, in the order of their bit in a missing-set.
pub(crate) const INPUTS: &[&str] = &[
    "agreement_in_force",
    "birth_date",
    "care_status",
    "certificates",
    "disabilities",
    "discharged_on",
    "dtks_decile",
    "education",
    "employment",
    "nik",
    "partner_kind",
    "ppks",
    "regency",
    "residence_since",
    "sex",
    "skills",
    "upt_id",
];

fn input_bit(name: &str) -> u32 {
    INPUTS
        .iter()
        .position(|n| *n == name)
        .map_or(0, |i| 1u32 << i)
}

/// Enumerations a fact may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EnumKind {
    Sex,
    Care,
    Employment,
    Education,
    Multiplicity,
    Partner,
}

pub(crate) const PARTNER_KINDS: &[&str] = &[
    "university",
    "health_college",
    "polytechnic",
    "hospital",
    "business",
    "ngo",
    "government_unit",
];

const MULTIPLICITY: &[&str] = &["none", "tunggal", "ganda", "multi"];

impl EnumKind {
    pub fn ordered(self) -> bool {
        matches!(self, EnumKind::Education | EnumKind::Multiplicity)
    }

    /// The ordinal of a value name (English or Indonesian).
    pub fn lookup(self, s: &str) -> Option<u8> {
        let norm = crate::vocab::normalize_name(s);
        match self {
            EnumKind::Sex => match norm.as_str() {
                "m" | "l" | "male" | "laki_laki" => Some(0),
                "f" | "p" | "female" | "perempuan" => Some(1),
                _ => None,
            },
            EnumKind::Care => CareStatus::from_name(&norm).map(|c| c as u8),
            EnumKind::Employment => EmploymentStatus::from_name(&norm).map(|c| c as u8),
            EnumKind::Education => Education::from_name(&norm).map(|c| c as u8),
            EnumKind::Multiplicity => match norm.as_str() {
                "none" | "tidak_ada" => Some(0),
                "tunggal" | "single" => Some(1),
                "ganda" | "double" => Some(2),
                "multi" | "multiple" => Some(3),
                _ => None,
            },
            EnumKind::Partner => match norm.as_str() {
                "universitas" | "perguruan_tinggi" => Some(0),
                "stikes" => Some(1),
                "politeknik" => Some(2),
                "rumah_sakit" | "rsud" => Some(3),
                "usaha" | "umkm" => Some(4),
                "lks" => Some(5),
                "instansi_pemerintah" => Some(6),
                n => PARTNER_KINDS.iter().position(|p| *p == n).map(|i| i as u8),
            },
        }
    }

    /// The canonical (English) name of an ordinal.
    pub fn name(self, v: u8) -> &'static str {
        let all: &[&'static str] = match self {
            EnumKind::Sex => &["M", "F"],
            EnumKind::Care => &["applicant", "resident", "alumnus", "none"],
            EnumKind::Employment => &["unemployed", "employed", "self_employed", "employer"],
            EnumKind::Education => &[
                "none",
                "sd",
                "smp",
                "sma",
                "diploma",
                "bachelor",
                "master",
                "doctorate",
            ],
            EnumKind::Multiplicity => MULTIPLICITY,
            EnumKind::Partner => PARTNER_KINDS,
        };
        all.get(usize::from(v)).copied().unwrap_or("?")
    }

    pub fn count(self) -> u8 {
        match self {
            EnumKind::Sex => 2,
            EnumKind::Care | EnumKind::Employment | EnumKind::Multiplicity => 4,
            EnumKind::Education => 8,
            EnumKind::Partner => 7,
        }
    }
}

/// The type of a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ty {
    Bool,
    Int,
    Date,
    Enum(EnumKind),
    /// A region code (dots ignored).
    Region,
    Text,
    Disabilities,
    TextList,
}

impl Ty {
    pub fn describe(self) -> &'static str {
        match self {
            Ty::Bool => "yes/no",
            Ty::Int => "integer",
            Ty::Date => "date",
            Ty::Enum(k) if k.ordered() => "ordered value",
            Ty::Enum(_) => "value",
            Ty::Region => "region code",
            Ty::Text => "text",
            Ty::Disabilities | Ty::TextList => "list",
        }
    }
    pub fn describe_id(self) -> &'static str {
        match self {
            Ty::Bool => "ya/tidak",
            Ty::Int => "bilangan bulat",
            Ty::Date => "tanggal",
            Ty::Enum(k) if k.ordered() => "nilai berurutan",
            Ty::Enum(_) => "nilai",
            Ty::Region => "kode wilayah",
            Ty::Text => "teks",
            Ty::Disabilities | Ty::TextList => "daftar",
        }
    }
    pub fn is_list(self) -> bool {
        matches!(self, Ty::Disabilities | Ty::TextList)
    }
}

/// Every fact a rule may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FactId {
    Age,
    BirthDate,
    Sex,
    Disabilities,
    DisabilityCount,
    Multiplicity,
    CareStatus,
    UptId,
    ResidenceSince,
    DaysInCare,
    DischargedOn,
    DaysSinceDischarge,
    Education,
    DtksDecile,
    Employment,
    Skills,
    Certificates,
    Ppks,
    DomicileRegency,
    DomicileProvince,
    NikProvince,
    NikRegency,
    AgreementInForce,
    PartnerKind,
}

/// (fact, name, type, input it derives from, inclusive domain for ints/enums)
pub(crate) const SCHEMA: &[(FactId, &str, Ty, &str)] = &[
    (FactId::Age, "age", Ty::Int, "birth_date"),
    (FactId::BirthDate, "birth_date", Ty::Date, "birth_date"),
    (FactId::Sex, "sex", Ty::Enum(EnumKind::Sex), "sex"),
    (
        FactId::Disabilities,
        "disabilities",
        Ty::Disabilities,
        "disabilities",
    ),
    (
        FactId::DisabilityCount,
        "disability_count",
        Ty::Int,
        "disabilities",
    ),
    (
        FactId::Multiplicity,
        "multiplicity",
        Ty::Enum(EnumKind::Multiplicity),
        "disabilities",
    ),
    (
        FactId::CareStatus,
        "care_status",
        Ty::Enum(EnumKind::Care),
        "care_status",
    ),
    (FactId::UptId, "upt_id", Ty::Text, "upt_id"),
    (
        FactId::ResidenceSince,
        "residence_since",
        Ty::Date,
        "residence_since",
    ),
    (
        FactId::DaysInCare,
        "days_in_care",
        Ty::Int,
        "residence_since",
    ),
    (
        FactId::DischargedOn,
        "discharged_on",
        Ty::Date,
        "discharged_on",
    ),
    (
        FactId::DaysSinceDischarge,
        "days_since_discharge",
        Ty::Int,
        "discharged_on",
    ),
    (
        FactId::Education,
        "education",
        Ty::Enum(EnumKind::Education),
        "education",
    ),
    (FactId::DtksDecile, "dtks_decile", Ty::Int, "dtks_decile"),
    (
        FactId::Employment,
        "employment",
        Ty::Enum(EnumKind::Employment),
        "employment",
    ),
    (FactId::Skills, "skills", Ty::TextList, "skills"),
    (
        FactId::Certificates,
        "certificates",
        Ty::TextList,
        "certificates",
    ),
    (FactId::Ppks, "ppks", Ty::TextList, "ppks"),
    (
        FactId::DomicileRegency,
        "domicile_regency",
        Ty::Region,
        "regency",
    ),
    (
        FactId::DomicileProvince,
        "domicile_province",
        Ty::Region,
        "regency",
    ),
    (FactId::NikProvince, "nik_province", Ty::Region, "nik"),
    (FactId::NikRegency, "nik_regency", Ty::Region, "nik"),
    (
        FactId::AgreementInForce,
        "agreement_in_force",
        Ty::Bool,
        "agreement_in_force",
    ),
    (
        FactId::PartnerKind,
        "partner_kind",
        Ty::Enum(EnumKind::Partner),
        "partner_kind",
    ),
];

impl FactId {
    pub fn lookup(name: &str) -> Option<FactId> {
        SCHEMA.iter().find(|f| f.1 == name).map(|f| f.0)
    }
    fn entry(self) -> &'static (FactId, &'static str, Ty, &'static str) {
        SCHEMA
            .get(self as usize)
            .unwrap_or(&(FactId::Age, "age", Ty::Int, "birth_date"))
    }
    pub fn name(self) -> &'static str {
        self.entry().1
    }
    pub fn ty(self) -> Ty {
        self.entry().2
    }
    pub fn input_bit(self) -> u32 {
        input_bit(self.entry().3)
    }
    /// The values an integer or ordered fact can take, for always-true/false warnings.
    pub fn domain(self) -> Option<(i64, i64)> {
        match self {
            FactId::Age | FactId::DisabilityCount => Some((0, i64::MAX)),
            FactId::DtksDecile => Some((1, 10)),
            FactId::Education => Some((0, 7)),
            FactId::Multiplicity => Some((0, 3)),
            _ => None,
        }
    }
}

/// A fact's value for one person as of a date.
#[derive(Debug, Clone, Copy)]
pub(crate) enum FVal<'a> {
    Bool(bool),
    Int(i64),
    Date(NaiveDate),
    Enum(u8),
    Str(&'a str),
    Dis(DisabilitySet),
    List(&'a [String]),
}

#[cfg(test)]
/// Completed years from `birth` to `as_of`; `None` if born after `as_of`. A 29 February
/// birthday is reached on 1 March in common years.
pub(crate) fn age(birth: NaiveDate, as_of: NaiveDate) -> Option<i64> {
    if birth > as_of {
        return None;
    }
    let mut years = i64::from(as_of.year() - birth.year());
    if (as_of.month(), as_of.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    Some(years)
}

fn nik_digits(nik: &str, n: usize) -> Option<&str> {
    if all_16_digits(nik.as_bytes()) {
        nik.get(..n)
    } else {
        None
    }
}

/// Whether `b` is exactly 16 ASCII digits, tested 16 bytes at once: every byte's high nibble
/// is 3, and adding 6 to each byte leaves it so (a low nibble above 9 would carry into it;
/// no byte can carry into the next, as each is at most `0x3f` after the first test).
#[inline]
pub(crate) fn all_16_digits(b: &[u8]) -> bool {
    const HI: u128 = 0xf0f0_f0f0_f0f0_f0f0_f0f0_f0f0_f0f0_f0f0;
    const THREES: u128 = 0x3030_3030_3030_3030_3030_3030_3030_3030;
    const SIXES: u128 = 0x0606_0606_0606_0606_0606_0606_0606_0606;
    let Ok(b) = <[u8; 16]>::try_from(b) else {
        return false;
    };
    let x = u128::from_le_bytes(b);
    x & HI == THREES && (x + SIXES) & HI == THREES
}

/// The as-of date with the parts evaluation needs, computed once per decision.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AsOf {
    pub date: NaiveDate,
    year: i32,
    /// month × 32 + day
    md: u32,
    days: i32,
}

impl AsOf {
    pub fn new(date: NaiveDate) -> AsOf {
        AsOf {
            date,
            year: date.year(),
            md: date.month() * 32 + date.day(),
            days: date.num_days_from_ce(),
        }
    }

    /// As [`age`], with the as-of parts precomputed.
    #[inline]
    pub(crate) fn age(&self, birth: NaiveDate) -> Option<i64> {
        if birth > self.date {
            return None;
        }
        let years = i64::from(self.year - birth.year());
        Some(years - i64::from(self.md < birth.month() * 32 + birth.day()))
    }

    #[inline]
    fn days_since(&self, d: NaiveDate) -> i64 {
        i64::from(self.days) - i64::from(d.num_days_from_ce())
    }
}

/// The value of `fact` for `f` in `ctx` as of `at`; `None` when unknown.
#[inline]
pub(crate) fn fetch<'a>(
    fact: FactId,
    f: &'a Facts,
    ctx: &'a Context,
    at: &AsOf,
) -> Option<FVal<'a>> {
    Some(match fact {
        FactId::Age => FVal::Int(at.age(f.birth_date?)?),
        FactId::BirthDate => FVal::Date(f.birth_date?),
        FactId::Sex => FVal::Enum(match f.sex? {
            Sex::Male => 0,
            Sex::Female => 1,
        }),
        FactId::Disabilities => FVal::Dis(f.disabilities?),
        FactId::DisabilityCount => FVal::Int(i64::from(f.disabilities?.count())),
        FactId::Multiplicity => FVal::Enum(f.disabilities?.count().min(3) as u8),
        FactId::CareStatus => FVal::Enum(f.care_status? as u8),
        FactId::UptId => FVal::Str(f.upt_id.as_deref()?),
        FactId::ResidenceSince => FVal::Date(f.residence_since?),
        FactId::DaysInCare => FVal::Int(at.days_since(f.residence_since?)),
        FactId::DischargedOn => FVal::Date(f.discharged_on?),
        FactId::DaysSinceDischarge => FVal::Int(at.days_since(f.discharged_on?)),
        FactId::Education => FVal::Enum(f.education? as u8),
        FactId::DtksDecile => FVal::Int(f.dtks_decile?),
        FactId::Employment => FVal::Enum(f.employment? as u8),
        FactId::Skills => FVal::List(f.skills.as_deref()?),
        FactId::Certificates => FVal::List(f.certificates.as_deref()?),
        FactId::Ppks => FVal::List(f.ppks.as_deref()?),
        FactId::DomicileRegency => FVal::Str(f.regency.as_deref()?),
        FactId::DomicileProvince => FVal::Str(region_prefix(f.regency.as_deref()?, 2)?),
        FactId::NikProvince => FVal::Str(nik_digits(f.nik.as_deref()?, 2)?),
        FactId::NikRegency => FVal::Str(nik_digits(f.nik.as_deref()?, 4)?),
        FactId::AgreementInForce => FVal::Bool(ctx.agreement_in_force?),
        FactId::PartnerKind => FVal::Enum(EnumKind::Partner.lookup(ctx.partner_kind.as_deref()?)?),
    })
}

/// The first `n` digits of a region code written with or without dots (`35.20` or `3520`).
fn region_prefix(code: &str, n: usize) -> Option<&str> {
    let code = code.trim();
    let digits = code.bytes().take_while(u8::is_ascii_digit).count();
    if digits >= n {
        code.get(..n)
    } else {
        None
    }
}

/// Compares region codes ignoring dots and surrounding blanks.
#[inline]
pub(crate) fn region_eq(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let mut x = a.trim().bytes().filter(|c| *c != b'.');
    let mut y = b.trim().bytes().filter(|c| *c != b'.');
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p == q => {}
            _ => return false,
        }
    }
}

/// Normalises a disability literal.
pub(crate) fn disability(s: &str) -> Option<Disability> {
    Disability::from_name(s)
}

#[cfg(test)]
mod digit_tests {
    use super::all_16_digits;

    fn naive(b: &[u8]) -> bool {
        b.len() == 16 && b.iter().all(u8::is_ascii_digit)
    }

    #[test]
    fn the_word_test_agrees_with_the_byte_test_on_every_single_byte_change() {
        for base in [b'0', b'5', b'9'] {
            for at in 0..16 {
                for v in 0..=255u8 {
                    let mut b = [base; 16];
                    b[at] = v;
                    assert_eq!(all_16_digits(&b), naive(&b), "byte {v:#x} at {at}");
                }
            }
        }
        for len in [0, 15, 17] {
            assert!(!all_16_digits(&vec![b'1'; len]));
        }
        assert!(all_16_digits(b"3520125708950001"));
    }

    #[test]
    fn the_word_test_agrees_with_the_byte_test_on_pairs_of_changes() {
        // two bytes changed at once, e.g. a carry from one byte reaching its neighbour
        for v in 0..=255u8 {
            for w in [0u8, b'/', b':', 0x3f, 0x40, 0xff, b'0', b'9'] {
                for at in 0..15 {
                    let mut b = [b'7'; 16];
                    b[at] = v;
                    b[at + 1] = w;
                    assert_eq!(all_16_digits(&b), naive(&b));
                }
            }
        }
    }
}
