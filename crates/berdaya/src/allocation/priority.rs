//! Priorities declared as data: an ordered list of keys over the facts the rule language
//! reads, each with a direction (or an explicit order of values) and a placement for unknown
//! values, checked when built; ties are broken by a seeded lottery.
//!
//! ```
//! use berdaya::allocation::{Priority, PriorityFacts};
//! let p = Priority::from_json(r#"[
//!   {"fact": "dtks_decile", "order": "asc", "nulls": "last"},
//!   {"fact": "days_in_care", "order": "desc"},
//!   {"fact": "care_status", "order": ["alumnus", "resident"]}
//! ]"#)?;
//! assert_eq!(p.keys().len(), 3);
//! let err = Priority::from_json(r#"[{"fact": "dtks_decil", "order": "asc"}]"#).unwrap_err();
//! assert_eq!(berdaya::Coded::code(&err), "allocation.unknown_fact");
//! assert!(err.to_string().contains("did you mean `dtks_decile`"));
//! # Ok::<(), berdaya::allocation::AllocationError>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{AllocationError, AllocationErrorKind as K};
use crate::beneficiary::Beneficiary;
use crate::education::Education;
use crate::vocab::{CareStatus, EmploymentStatus};

/// The facts a priority may use, by their rule-language names.
pub const PRIORITY_FACTS: &[&str] = &[
    "age",
    "dtks_decile",
    "days_in_care",
    "days_since_discharge",
    "care_status",
    "employment",
    "education",
];

/// The facts of one applicant that priorities read; `None` means unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct PriorityFacts {
    /// Age in completed years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
    /// Latest DTKS welfare decile (1 poorest).
    #[serde(default, skip_serializing_if = "Option::is_none", alias = "decile")]
    pub dtks_decile: Option<u8>,
    /// Days in care of the current or last stay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_in_care: Option<i64>,
    /// Days since the last stay ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_since_discharge: Option<i64>,
    /// Care status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "CareStatus | undefined"))]
    pub care_status: Option<CareStatus>,
    /// Employment category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "EmploymentStatus | undefined"))]
    pub employment: Option<EmploymentStatus>,
    /// Highest completed education level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "wasm", tsify(type = "string | undefined"))]
    pub education: Option<Education>,
}

impl PriorityFacts {
    /// The facts of a registered beneficiary as of a date.
    pub fn of(b: &Beneficiary, as_of: NaiveDate) -> PriorityFacts {
        let f = b.derived(as_of);
        PriorityFacts {
            age: f.age,
            dtks_decile: f.decile,
            days_in_care: f.days_in_care,
            days_since_discharge: f.days_since_discharge,
            care_status: f.care_status,
            employment: f.employment,
            education: b.data().education.and_then(|e| e.level()),
        }
    }

    /// The value of a fact, by its canonical name.
    fn value(&self, fact: Fact) -> Option<FactValue> {
        match fact {
            Fact::Age => self.age.map(|v| FactValue::Number(i64::from(v))),
            Fact::DtksDecile => self.dtks_decile.map(|v| FactValue::Number(i64::from(v))),
            Fact::DaysInCare => self.days_in_care.map(FactValue::Number),
            Fact::DaysSinceDischarge => self.days_since_discharge.map(FactValue::Number),
            Fact::CareStatus => self.care_status.map(|v| FactValue::Text(v.as_str().into())),
            Fact::Employment => self.employment.map(|v| FactValue::Text(v.as_str().into())),
            Fact::Education => self.education.map(|v| FactValue::Text(v.as_str().into())),
        }
    }

    /// A number for ordering: numeric facts as is, education by level, vocabularies by
    /// position in their explicit order (`None`: not listed).
    fn ordinal(&self, fact: Fact) -> Option<i64> {
        match fact {
            Fact::Age => self.age.map(i64::from),
            Fact::DtksDecile => self.dtks_decile.map(i64::from),
            Fact::DaysInCare => self.days_in_care,
            Fact::DaysSinceDischarge => self.days_since_discharge,
            Fact::Education => self.education.map(|e| e as i64),
            Fact::CareStatus | Fact::Employment => None,
        }
    }

    fn text(&self, fact: Fact) -> Option<&'static str> {
        match fact {
            Fact::CareStatus => self.care_status.map(CareStatus::as_str),
            Fact::Employment => self.employment.map(EmploymentStatus::as_str),
            Fact::Education => self.education.map(Education::as_str),
            _ => None,
        }
    }
}

/// The value of a fact as shown in an allocation's output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(untagged)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum FactValue {
    /// A number (age, decile, days).
    Number(i64),
    /// A vocabulary value (care status, employment, education).
    Text(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fact {
    Age,
    DtksDecile,
    DaysInCare,
    DaysSinceDischarge,
    CareStatus,
    Employment,
    Education,
}

impl Fact {
    fn parse(s: &str) -> Option<Fact> {
        Some(match s {
            "age" => Fact::Age,
            "dtks_decile" | "decile" => Fact::DtksDecile,
            "days_in_care" => Fact::DaysInCare,
            "days_since_discharge" => Fact::DaysSinceDischarge,
            "care_status" => Fact::CareStatus,
            "employment" => Fact::Employment,
            "education" => Fact::Education,
            _ => return None,
        })
    }

    fn has_direction(self) -> bool {
        !matches!(self, Fact::CareStatus | Fact::Employment)
    }

    fn has_values(self) -> bool {
        matches!(self, Fact::CareStatus | Fact::Employment | Fact::Education)
    }

    fn canonical(self, value: &str) -> Option<&'static str> {
        match self {
            Fact::CareStatus => CareStatus::from_name(value).map(CareStatus::as_str),
            Fact::Employment => EmploymentStatus::from_name(value).map(EmploymentStatus::as_str),
            Fact::Education => Education::from_name(value).map(Education::as_str),
            _ => None,
        }
    }
}

/// The order of a key: a direction, or the values in order of priority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum KeyOrder {
    /// `asc` (smallest first) or `desc` (largest first).
    Direction(String),
    /// Listed values first, in this order; unlisted known values after them, tied.
    Values(Vec<String>),
}

/// Where unknown values go.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Nulls {
    /// Before every known value.
    First,
    /// After every known value (the default).
    #[default]
    Last,
}

/// One priority key as data, e.g. `{"fact": "dtks_decile", "order": "asc", "nulls": "last"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct PriorityKey {
    /// The fact's name.
    pub fact: String,
    /// The order.
    pub order: KeyOrder,
    /// Where unknown values go; last when absent.
    #[serde(default)]
    pub nulls: Nulls,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Compiled {
    Asc,
    Desc,
    Values(Vec<&'static str>),
}

/// A checked priority: keys applied in order, then the seeded lottery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Priority {
    keys: Vec<PriorityKey>,
    #[serde(skip)]
    compiled: Vec<(Fact, Compiled, Nulls)>,
}

/// The closest name within a small edit distance, for "did you mean" help.
pub(crate) fn did_you_mean(name: &str, candidates: &[&'static str]) -> Option<&'static str> {
    candidates
        .iter()
        .map(|c| (crate::rules::edit_distance(name, c), *c))
        .filter(|(d, c)| *d <= 3.max(c.len() / 3))
        .min()
        .map(|(_, c)| c)
}

impl Priority {
    /// Checks a list of keys.
    ///
    /// # Errors
    /// `allocation.unknown_fact` (with a suggestion), `allocation.bad_order` (neither `asc`
    /// nor `desc`), `allocation.wrong_order_kind` (a direction for a vocabulary fact or a
    /// list of values for a numeric one), `allocation.unknown_value`,
    /// `allocation.duplicate_value`, `allocation.duplicate_fact`.
    pub fn new(keys: Vec<PriorityKey>) -> Result<Priority, AllocationError> {
        let mut compiled = Vec::with_capacity(keys.len());
        let mut seen: Vec<&'static str> = Vec::new();
        for (index, k) in keys.iter().enumerate() {
            let at = |kind: K| AllocationError::at(kind, index);
            let fact = Fact::parse(&k.fact).ok_or_else(|| {
                at(K::UnknownFact {
                    fact: k.fact.clone(),
                    suggestion: did_you_mean(&k.fact, PRIORITY_FACTS),
                })
            })?;
            let name = PRIORITY_FACTS
                .iter()
                .copied()
                .find(|n| Fact::parse(n) == Some(fact))
                .unwrap_or("");
            if seen.contains(&name) {
                return Err(at(K::DuplicateFact { fact: name }));
            }
            seen.push(name);
            let order = match &k.order {
                KeyOrder::Direction(d) => {
                    let c = match d.as_str() {
                        "asc" => Compiled::Asc,
                        "desc" => Compiled::Desc,
                        _ => return Err(at(K::BadOrder { order: d.clone() })),
                    };
                    if !fact.has_direction() {
                        return Err(at(K::WrongOrderKind {
                            fact: name,
                            expected: "a list of values",
                        }));
                    }
                    c
                }
                KeyOrder::Values(vs) => {
                    if !fact.has_values() {
                        return Err(at(K::WrongOrderKind {
                            fact: name,
                            expected: "`asc` or `desc`",
                        }));
                    }
                    let mut out: Vec<&'static str> = Vec::with_capacity(vs.len());
                    for v in vs {
                        let c = fact.canonical(v).ok_or_else(|| {
                            at(K::UnknownValue {
                                fact: name,
                                value: v.clone(),
                            })
                        })?;
                        if out.contains(&c) {
                            return Err(at(K::DuplicateValue {
                                fact: name,
                                value: v.clone(),
                            }));
                        }
                        out.push(c);
                    }
                    Compiled::Values(out)
                }
            };
            compiled.push((fact, order, k.nulls));
        }
        Ok(Priority { keys, compiled })
    }

    /// Parses and checks the JSON wire form (an array of keys).
    ///
    /// # Errors
    /// `allocation.bad_priority_json` when the text is not a list of keys, and the errors of
    /// [`Priority::new`].
    pub fn from_json(s: &str) -> Result<Priority, AllocationError> {
        let keys: Vec<PriorityKey> = serde_json::from_str(s).map_err(|e| {
            AllocationError::from(K::BadPriorityJson {
                detail: e.to_string(),
            })
        })?;
        Priority::new(keys)
    }

    /// The keys as declared.
    pub fn keys(&self) -> &[PriorityKey] {
        &self.keys
    }

    /// The sort key of an applicant: smaller is served first.
    #[cfg(test)]
    pub(crate) fn sort_key(&self, facts: &PriorityFacts) -> Vec<i64> {
        let mut out = Vec::with_capacity(self.compiled.len());
        self.sort_key_into(facts, &mut out);
        out
    }

    /// Appends the sort key of an applicant to `out` (one number per key).
    pub(crate) fn sort_key_into(&self, facts: &PriorityFacts, out: &mut Vec<i64>) {
        out.extend(self.compiled.iter().map(|(fact, order, nulls)| {
            let null = match nulls {
                Nulls::First => i64::MIN,
                Nulls::Last => i64::MAX,
            };
            match order {
                Compiled::Asc => facts.ordinal(*fact).unwrap_or(null),
                Compiled::Desc => facts.ordinal(*fact).map_or(null, |v| v.saturating_neg()),
                Compiled::Values(vs) => match facts.text(*fact) {
                    None => null,
                    Some(t) => vs
                        .iter()
                        .position(|v| *v == t)
                        .unwrap_or(vs.len())
                        .try_into()
                        .unwrap_or(i64::MAX - 1),
                },
            }
        }));
    }

    /// The values of the priority's facts for an applicant, in key order.
    pub(crate) fn values(&self, facts: &PriorityFacts) -> Vec<Option<FactValue>> {
        self.compiled
            .iter()
            .map(|(fact, _, _)| facts.value(*fact))
            .collect()
    }
}

impl<'de> Deserialize<'de> for Priority {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let keys = Vec::<PriorityKey>::deserialize(d)?;
        Priority::new(keys).map_err(serde::de::Error::custom)
    }
}

/// The lottery number of a person: the first 8 bytes (big-endian) of
/// SHA-256(seed bytes, 0x00, id bytes). Smaller is served first.
pub fn lottery(seed: &str, id: &str) -> u64 {
    SeededLottery::new(seed).number(id)
}

/// The lottery of one seed, with the seed's part of the hash computed once.
#[derive(Clone)]
pub(crate) struct SeededLottery(Sha256);

impl SeededLottery {
    pub(crate) fn new(seed: &str) -> Self {
        let mut h = Sha256::new();
        h.update(seed.as_bytes());
        h.update([0u8]);
        SeededLottery(h)
    }

    /// [`lottery`]`(seed, id)`.
    pub(crate) fn number(&self, id: &str) -> u64 {
        let mut h = self.0.clone();
        h.update(id.as_bytes());
        let out = h.finalize();
        let mut b = [0u8; 8];
        for (dst, src) in b.iter_mut().zip(out.iter()) {
            *dst = *src;
        }
        u64::from_be_bytes(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Coded;

    fn p(json: &str) -> Result<Priority, AllocationError> {
        Priority::from_json(json)
    }

    #[test]
    fn checks_keys() {
        let code = |j: &str| p(j).unwrap_err().code();
        assert_eq!(
            code(r#"[{"fact":"agee","order":"asc"}]"#),
            "allocation.unknown_fact"
        );
        assert_eq!(
            code(r#"[{"fact":"age","order":"up"}]"#),
            "allocation.bad_order"
        );
        assert_eq!(
            code(r#"[{"fact":"care_status","order":"asc"}]"#),
            "allocation.wrong_order_kind"
        );
        assert_eq!(
            code(r#"[{"fact":"age","order":["a"]}]"#),
            "allocation.wrong_order_kind"
        );
        assert_eq!(
            code(r#"[{"fact":"care_status","order":["x"]}]"#),
            "allocation.unknown_value"
        );
        assert_eq!(
            code(r#"[{"fact":"care_status","order":["eks","alumnus"]}]"#),
            "allocation.duplicate_value"
        );
        assert_eq!(
            code(r#"[{"fact":"decile","order":"asc"},{"fact":"dtks_decile","order":"desc"}]"#),
            "allocation.duplicate_fact"
        );
        assert_eq!(code(r#"{"fact":"age"}"#), "allocation.bad_priority_json");
        let e = p(r#"[{"fact":"age","order":"asc"},{"fact":"days_in_car","order":"asc"}]"#)
            .unwrap_err();
        assert_eq!(e.index(), Some(1));
        assert!(e.to_string().contains("did you mean `days_in_care`"), "{e}");
    }

    #[test]
    fn sorts_with_nulls_and_values() {
        let pr = p(r#"[{"fact":"dtks_decile","order":"asc","nulls":"first"},
                      {"fact":"care_status","order":["alumnus","resident"]}]"#)
        .unwrap();
        let f = |d: Option<u8>, c: Option<CareStatus>| PriorityFacts {
            dtks_decile: d,
            care_status: c,
            ..Default::default()
        };
        let k = |x: &PriorityFacts| pr.sort_key(x);
        assert!(k(&f(None, None)) < k(&f(Some(1), None)));
        assert!(
            k(&f(Some(1), Some(CareStatus::Alumnus))) < k(&f(Some(1), Some(CareStatus::Resident)))
        );
        assert!(
            k(&f(Some(1), Some(CareStatus::Resident))) < k(&f(Some(1), Some(CareStatus::None)))
        );
        assert!(k(&f(Some(1), Some(CareStatus::None))) < k(&f(Some(1), None)));
        assert_eq!(
            serde_json::to_value(pr.values(&f(Some(2), None))).unwrap(),
            serde_json::json!([2, null])
        );
    }

    #[test]
    fn lottery_is_stable() {
        assert_eq!(lottery("s", "pm-1"), lottery("s", "pm-1"));
        assert_ne!(lottery("s", "pm-1"), lottery("t", "pm-1"));
        assert_ne!(lottery("s", "pm-1"), lottery("s", "pm-2"));
    }
}
