//! The versioned JSON snapshot of a [`Registry`].
//!
//! A snapshot is one JSON object: `schema_version` (currently [`SCHEMA_VERSION`]) and the
//! lists `agencies`, `facilities`, `partners`, `agreements` and `beneficiaries`, each in id
//! order, every record in its serde wire form. It round-trips losslessly.
//!
//! Older versions are read through explicit migrations, one per version step, applied to the
//! JSON value before it is read ([`MIGRATIONS`]). Version 0 is the pre-release form: it had no
//! `schema_version` key and called the agreements `pks`. Newer versions are rejected with
//! `snapshot.unsupported_version`.
//!
//! ```
//! use berdaya::{Coded, registry::Registry};
//! let empty = Registry::from_json(r#"{"pks": []}"#)?; // version 0
//! assert!(empty.to_json()?.contains("\"schema_version\": 1"));
//! let err = Registry::from_json(r#"{"schema_version": 2}"#).unwrap_err();
//! assert_eq!(err.code(), "snapshot.unsupported_version");
//! let err = Registry::from_json("{\n  \"schema_version\": 1,\n  \"partners\": [{\"id\": 5}]}").unwrap_err();
//! assert_eq!(err.code(), "snapshot.invalid");
//! assert_eq!(err.path(), Some("partners[0].id"));
//! assert_eq!(err.line(), Some(3));
//! # Ok::<(), berdaya::snapshot::SnapshotError>(())
//! ```

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::agreement::{Agreement, AgreementData};
use crate::beneficiary::{Beneficiary, BeneficiaryData};
use crate::error::Coded;
use crate::facility::{Agency, Facility};
use crate::partner::Partner;
use crate::registry::Registry;

/// The snapshot version this library writes.
pub const SCHEMA_VERSION: u64 = 1;

/// A migration from one version to the next, on the JSON value.
pub type Migration = fn(Value) -> Result<Value, SnapshotError>;

/// The migrations: entry `i` turns version `i` into version `i + 1`.
pub const MIGRATIONS: &[Migration] = &[migrate_v0_to_v1];

/// Version 0 → 1: add `schema_version` and rename `pks` to `agreements`.
fn migrate_v0_to_v1(mut v: Value) -> Result<Value, SnapshotError> {
    let obj = v
        .as_object_mut()
        .ok_or_else(|| SnapshotError::invalid("a snapshot is a JSON object", None))?;
    if let Some(pks) = obj.remove("pks") {
        obj.insert("agreements".into(), pks);
    }
    obj.insert("schema_version".into(), Value::from(1u64));
    Ok(v)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SnapshotIn {
    #[serde(rename = "schema_version")]
    _schema_version: u64,
    #[serde(default)]
    agencies: Vec<Agency>,
    #[serde(default)]
    facilities: Vec<Facility>,
    #[serde(default)]
    partners: Vec<Partner>,
    #[serde(default)]
    agreements: Vec<AgreementData>,
    #[serde(default)]
    beneficiaries: Vec<BeneficiaryData>,
    #[serde(default)]
    erased: Vec<crate::erasure::Erasure>,
}

#[derive(Serialize)]
struct SnapshotOut<'a> {
    schema_version: u64,
    agencies: Vec<&'a Agency>,
    facilities: Vec<&'a Facility>,
    partners: Vec<&'a Partner>,
    agreements: Vec<&'a Agreement>,
    beneficiaries: Vec<&'a Beneficiary>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    erased: Vec<crate::erasure::Erasure>,
}

impl Registry {
    /// The snapshot as pretty-printed JSON.
    ///
    /// # Errors
    /// `snapshot.write` if serialisation fails (it does not for valid registries).
    pub fn to_json(&self) -> Result<String, SnapshotError> {
        let out = SnapshotOut {
            schema_version: SCHEMA_VERSION,
            agencies: self.agencies().collect(),
            facilities: self.facilities().collect(),
            partners: self.partners().collect(),
            agreements: self.agreements().collect(),
            beneficiaries: self.beneficiaries().collect(),
            erased: self.erasures(),
        };
        serde_json::to_string_pretty(&out).map_err(|e| SnapshotError {
            kind: SnapshotErrorKind::Write(e.to_string()),
            line: None,
            column: None,
            path: None,
        })
    }

    /// Reads a snapshot of this or an older version and rebuilds the registry, checking every
    /// record and reference.
    ///
    /// # Errors
    /// `snapshot.syntax` (with line and column), `snapshot.invalid` (with the JSON path and,
    /// for current-version input, line and column), `snapshot.unsupported_version`, or the
    /// code of the record's own error (`agreement.*`, `nik.*`, `beneficiary.*`, `registry.*`)
    /// with the path of the record.
    pub fn from_json(s: &str) -> Result<Registry, SnapshotError> {
        let value: Value = serde_json::from_str(s).map_err(|e| SnapshotError {
            line: Some(e.line()),
            column: Some(e.column()),
            kind: SnapshotErrorKind::Syntax(e.to_string()),
            path: None,
        })?;
        let version = match value.get("schema_version") {
            None => 0,
            Some(v) => v.as_u64().ok_or_else(|| {
                SnapshotError::invalid(
                    "`schema_version` must be a whole number",
                    Some("schema_version"),
                )
            })?,
        };
        if version > SCHEMA_VERSION {
            return Err(SnapshotError {
                kind: SnapshotErrorKind::UnsupportedVersion { found: version },
                line: None,
                column: None,
                path: Some("schema_version".into()),
            });
        }
        let data: SnapshotIn = if version == SCHEMA_VERSION {
            let mut de = serde_json::Deserializer::from_str(s);
            serde_path_to_error::deserialize(&mut de).map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                SnapshotError {
                    line: Some(inner.line()),
                    column: Some(inner.column()),
                    kind: SnapshotErrorKind::Invalid(inner.to_string()),
                    path: Some(path),
                }
            })?
        } else {
            let mut v = value;
            for step in MIGRATIONS
                .iter()
                .skip(usize::try_from(version).unwrap_or(usize::MAX))
            {
                v = step(v)?;
            }
            serde_path_to_error::deserialize(v).map_err(|e| {
                let path = e.path().to_string();
                SnapshotError::invalid(&e.into_inner().to_string(), Some(&path))
            })?
        };
        let source = (version == SCHEMA_VERSION).then_some(s);
        build(data).map_err(|mut e| {
            // Point record errors at the record in the text, where the text is the input.
            if let (Some(src), Some(path)) = (source, e.path.as_deref()) {
                if let Some(offset) = locate(src, path) {
                    let span = crate::error::Span::resolve(src, offset..offset);
                    e.line = Some(span.line);
                    e.column = Some(span.column);
                }
            }
            e
        })
    }
}

/// The byte offset of the value at `path` (`list[index]`, a top-level array element) in a
/// JSON text, found by a small scanner that tracks nesting and skips strings.
fn locate(src: &str, path: &str) -> Option<usize> {
    let (list, rest) = path.split_once('[')?;
    let index: usize = rest.strip_suffix(']')?.parse().ok()?;
    let bytes = src.as_bytes();
    let key = format!("\"{list}\"");
    let mut depth = 0usize;
    let mut i = 0usize;
    let mut in_list = false;
    let mut element = 0usize;
    let mut expect_value = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                let start = i;
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    match c {
                        b'\\' => i += 2,
                        b'"' => break,
                        _ => i += 1,
                    }
                }
                if in_list && depth == 2 && expect_value {
                    if element == index {
                        return Some(start);
                    }
                    expect_value = false;
                }
                if depth == 1 && src.get(start..=i) == Some(key.as_str()) {
                    // the next `[` at depth 1 opens the list
                    in_list = true;
                    element = 0;
                }
            }
            b'[' | b'{' => {
                if in_list && depth == 2 && expect_value {
                    if element == index {
                        return Some(i);
                    }
                    expect_value = false;
                }
                depth += 1;
                if in_list && depth == 2 && b == b'[' {
                    expect_value = true;
                }
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if in_list && depth == 1 {
                    return None;
                }
            }
            b',' if in_list && depth == 2 => {
                element += 1;
                expect_value = true;
            }
            c if in_list && depth == 2 && expect_value && !c.is_ascii_whitespace() => {
                if element == index {
                    return Some(i);
                }
                expect_value = false;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn at<E: Coded>(list: &str, i: usize) -> impl FnOnce(E) -> SnapshotError + '_ {
    move |e| SnapshotError {
        kind: SnapshotErrorKind::Record {
            code: e.code(),
            message: e.to_string(),
        },
        line: None,
        column: None,
        path: Some(format!("{list}[{i}]")),
    }
}

fn build(data: SnapshotIn) -> Result<Registry, SnapshotError> {
    let mut reg = Registry::new();
    for (i, a) in data.agencies.into_iter().enumerate() {
        reg.add_agency(a).map_err(at("agencies", i))?;
    }
    for (i, f) in data.facilities.into_iter().enumerate() {
        reg.add_facility(f).map_err(at("facilities", i))?;
    }
    for (i, p) in data.partners.into_iter().enumerate() {
        reg.add_partner(p).map_err(at("partners", i))?;
    }
    let mut agreements = Vec::new();
    for (i, a) in data.agreements.into_iter().enumerate() {
        agreements.push(Agreement::new(a).map_err(at("agreements", i))?);
    }
    reg.add_agreements(agreements)
        .map_err(|(i, e)| at("agreements", i)(e))?;
    for (i, b) in data.beneficiaries.into_iter().enumerate() {
        let b = Beneficiary::new(b).map_err(at("beneficiaries", i))?;
        reg.add_beneficiary(b).map_err(at("beneficiaries", i))?;
    }
    for (i, e) in data.erased.into_iter().enumerate() {
        reg.restore_erasure(e).map_err(at("erased", i))?;
    }
    Ok(reg)
}

/// Why a snapshot could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct SnapshotError {
    kind: SnapshotErrorKind,
    line: Option<usize>,
    column: Option<usize>,
    path: Option<String>,
}

impl SnapshotError {
    fn invalid(msg: &str, path: Option<&str>) -> Self {
        SnapshotError {
            kind: SnapshotErrorKind::Invalid(msg.to_owned()),
            line: None,
            column: None,
            path: path.map(str::to_owned),
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> &SnapshotErrorKind {
        &self.kind
    }

    /// 1-based line in the JSON text, where known.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// 1-based column in the JSON text, where known.
    pub fn column(&self) -> Option<usize> {
        self.column
    }

    /// The JSON path of the offending value, e.g. `beneficiaries[3].care[0]`, where known.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }
}

/// The kinds of [`SnapshotError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SnapshotErrorKind {
    /// Not JSON.
    #[error("not valid JSON: {0}")]
    Syntax(String),
    /// JSON of the wrong shape or with an invalid value.
    #[error("invalid snapshot: {0}")]
    Invalid(String),
    /// A version newer than this library reads.
    #[error("snapshot version {found} is newer than this library reads (up to 1)")]
    UnsupportedVersion {
        /// The version found.
        found: u64,
    },
    /// A record rejected by its own validation or by the registry.
    #[error("{message}")]
    Record {
        /// The record error's code.
        code: &'static str,
        /// Its message.
        message: String,
    },
    /// Serialisation failed.
    #[error("could not write the snapshot: {0}")]
    Write(String),
}

impl Coded for SnapshotError {
    fn code(&self) -> &'static str {
        match &self.kind {
            SnapshotErrorKind::Syntax(_) => "snapshot.syntax",
            SnapshotErrorKind::Invalid(_) => "snapshot.invalid",
            SnapshotErrorKind::UnsupportedVersion { .. } => "snapshot.unsupported_version",
            SnapshotErrorKind::Record { code, .. } => code,
            SnapshotErrorKind::Write(_) => "snapshot.write",
        }
    }

    fn field(&self) -> Option<&'static str> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenario_round_trips_losslessly() {
        let reg = crate::scenario::east_java_2020().unwrap();
        let json = reg.to_json().unwrap();
        let back = Registry::from_json(&json).unwrap();
        assert_eq!(back, reg);
        assert_eq!(back.to_json().unwrap(), json);
    }

    #[test]
    fn version_0_is_migrated() {
        let reg = crate::scenario::east_java_2020().unwrap();
        let mut v: Value = serde_json::from_str(&reg.to_json().unwrap()).unwrap();
        let obj = v.as_object_mut().unwrap();
        obj.remove("schema_version");
        let agreements = obj.remove("agreements").unwrap();
        obj.insert("pks".into(), agreements);
        let back = Registry::from_json(&v.to_string()).unwrap();
        assert_eq!(back, reg);
        // an explicit version 0 too
        obj_insert_version(&mut v, 0);
        assert_eq!(Registry::from_json(&v.to_string()).unwrap(), reg);
    }

    fn obj_insert_version(v: &mut Value, n: u64) {
        v.as_object_mut()
            .unwrap()
            .insert("schema_version".into(), Value::from(n));
    }

    #[test]
    fn newer_versions_are_rejected() {
        let e = Registry::from_json(r#"{"schema_version": 7, "agencies": []}"#).unwrap_err();
        assert_eq!(e.code(), "snapshot.unsupported_version");
        assert_eq!(e.path(), Some("schema_version"));
        assert!(e.to_string().contains('7'));
        let e = Registry::from_json(r#"{"schema_version": "1"}"#).unwrap_err();
        assert_eq!(e.code(), "snapshot.invalid");
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let e = Registry::from_json("{\n  \"schema_version\": 1,\n  oops\n}").unwrap_err();
        assert_eq!(e.code(), "snapshot.syntax");
        assert_eq!((e.line(), e.column()), (Some(3), Some(3)));
    }

    #[test]
    fn shape_errors_have_a_path() {
        let e = Registry::from_json(
            r#"{"schema_version": 1, "beneficiaries": [{"id": "pm-1", "registered_on": "2020-09-09", "welfare": [{"source": "dtks", "decile": 11, "as_of": "2020-01-01"}]}]}"#,
        )
        .unwrap_err();
        assert_eq!(e.code(), "snapshot.invalid");
        assert_eq!(e.path(), Some("beneficiaries[0].welfare[0].decile"));
        assert_eq!(e.line(), Some(1));
        let e = Registry::from_json(r#"{"schema_version": 1, "extra": 1}"#).unwrap_err();
        assert_eq!(e.code(), "snapshot.invalid");
    }

    #[test]
    fn record_errors_keep_their_codes() {
        let reg = crate::scenario::east_java_2020().unwrap();
        let mut v: Value = serde_json::from_str(&reg.to_json().unwrap()).unwrap();
        let b = v["beneficiaries"].as_array_mut().unwrap();
        let copy = b[0].clone();
        b.push(copy);
        let last = b.len() - 1;
        b[last]["id"] = Value::from("pm-9999");
        let e = Registry::from_json(&v.to_string()).unwrap_err();
        assert_eq!(e.code(), "registry.duplicate_nik");
        assert_eq!(e.path(), Some(format!("beneficiaries[{last}]").as_str()));
        assert!(e.line().is_some());
        assert!(!e.to_string().contains("3514140711950002"));

        let mut v: Value = serde_json::from_str(&reg.to_json().unwrap()).unwrap();
        v["agreements"][0]["history"][2]["event"] = Value::from("negotiated");
        let e = Registry::from_json(&v.to_string()).unwrap_err();
        assert_eq!(e.code(), "agreement.illegal_transition");
        assert_eq!(e.path(), Some("agreements[0]"));
    }

    #[test]
    fn record_errors_point_into_the_text() {
        let src = "{\n  \"schema_version\": 1,\n  \"agencies\": [{\"x\": \"[\\\"\"}],\n  \"beneficiaries\": [\n    {\"id\": \"pm-1\", \"registered_on\": \"2020-09-09\"},\n    {\"id\": \"pm-2\", \"registered_on\": \"2020-09-09\", \"nik\": \"123\"}\n  ]\n}";
        assert_eq!(
            locate(src, "beneficiaries[1]").map(|o| &src[o..o + 12]),
            Some("{\"id\": \"pm-2")
        );
        assert_eq!(
            locate(src, "beneficiaries[0]").map(|o| &src[o..o + 1]),
            Some("{")
        );
        assert_eq!(locate(src, "beneficiaries[2]"), None);
        assert_eq!(
            locate(src, "agencies[0]").map(|o| &src[o..o + 2]),
            Some("{\"")
        );
        let ok = src.replace("{\"x\": \"[\\\"\"}", "");
        let e = Registry::from_json(&ok).unwrap_err();
        assert_eq!(e.code(), "nik.bad_length");
        assert_eq!(e.path(), Some("beneficiaries[1]"));
        assert_eq!((e.line(), e.column()), (Some(6), Some(5)));
    }

    #[test]
    fn parents_and_successors_load_in_any_order() {
        use crate::ids::AgreementId;
        let mut reg = crate::scenario::east_java_2020().unwrap();
        let d = |y, m, dd| chrono::NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let template = reg
            .agreement(&AgreementId::new("pks-2020-rsud-magetan").unwrap())
            .unwrap()
            .data()
            .clone();
        let strip = |id: &str, kind, from, until| {
            let mut a = template.clone();
            a.id = AgreementId::new(id).unwrap();
            a.kind = kind;
            a.history.clear();
            a.commitments.clear();
            a.period = crate::period::Period::new(from, until).unwrap();
            for p in &mut a.parties {
                p.number = None;
            }
            a
        };
        use crate::agreement::AgreementKind as K;
        // ids sort child before parent and old before successor
        let mou = Agreement::new(strip("z-mou", K::Mou, d(2020, 1, 1), d(2030, 12, 31))).unwrap();
        reg.add_agreement(mou).unwrap();
        let mut next = strip("b-next", K::Pks, d(2025, 9, 9), d(2030, 9, 8));
        next.parent = Some(AgreementId::new("z-mou").unwrap());
        reg.add_agreement(Agreement::new(next).unwrap()).unwrap();
        let mut old = strip("a-old", K::Pks, d(2020, 9, 9), d(2025, 9, 8));
        old.parent = Some(AgreementId::new("z-mou").unwrap());
        let mut old = Agreement::new(old).unwrap();
        old.negotiate(d(2020, 8, 1)).unwrap();
        old.approve(d(2020, 8, 2)).unwrap();
        old.sign(d(2020, 9, 9)).unwrap();
        old.extend(d(2025, 8, 1), AgreementId::new("b-next").unwrap())
            .unwrap();
        reg.add_agreement(old).unwrap();
        let json = reg.to_json().unwrap();
        let back = Registry::from_json(&json).unwrap();
        assert_eq!(back, reg);
        let old = back.agreement(&AgreementId::new("a-old").unwrap()).unwrap();
        assert_eq!(
            old.status_on(d(2025, 9, 9)),
            crate::agreement::AgreementStatus::Extended
        );

        // a successor that is missing from the snapshot is an unknown reference
        let mut v: Value = serde_json::from_str(&json).unwrap();
        let list = v["agreements"].as_array_mut().unwrap();
        list.retain(|a| a["id"] != "b-next");
        let e = Registry::from_json(&v.to_string()).unwrap_err();
        assert_eq!(e.code(), "registry.unknown_reference");
        assert_eq!(e.path(), Some("agreements[0]"));

        // a PKS outside its MoU
        let mut v: Value = serde_json::from_str(&json).unwrap();
        let list = v["agreements"].as_array_mut().unwrap();
        for a in list.iter_mut() {
            if a["id"] == "z-mou" {
                a["period"]["until"] = Value::from("2029-12-31");
            }
        }
        let e = Registry::from_json(&v.to_string()).unwrap_err();
        assert_eq!(e.code(), "agreement.outside_parent");
    }
}
