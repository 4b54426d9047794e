//! The canonical serialisation digests are computed over, and the keyed digest itself.

use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

use super::{ReceiptError, ReceiptErrorKind};
use crate::pseudonym::MIN_KEY_LEN;

/// The version tag written into every canonical message (`"v"`), so that a change of the
/// canonical form can never produce the digest of an older one.
pub const CANONICAL_VERSION: &str = "berdaya.canonical/1";

/// The canonical text of a JSON value: object keys sorted by Unicode code point, no
/// whitespace, strings escaped minimally (`"` `\` and control characters; `\b \f \n \r \t`
/// short, other controls as `\u00xx` lowercase), non-ASCII written as UTF-8, integers in
/// decimal. Python's `json.dumps(v, sort_keys=True, separators=(",", ":"),
/// ensure_ascii=False)` writes the same text for the values receipts use (no floats).
///
/// # Examples
/// ```
/// use berdaya::receipt::canonical_json;
/// let v = serde_json::json!({"b": [2, 1], "a": {"z": null, "y": "é\n"}});
/// assert_eq!(canonical_json(&v), r#"{"a":{"y":"é\n","z":null},"b":[2,1]}"#);
/// ```
pub fn canonical_json(v: &Value) -> String {
    let mut out = String::new();
    write(v, &mut out);
    out
}

fn write(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => string(s, out),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(x, out);
            }
            out.push(']');
        }
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(k, out);
                out.push(':');
                if let Some(x) = m.get(k) {
                    write(x, out);
                }
            }
            out.push('}');
        }
    }
}

fn string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The office's secret for receipt digests: HMAC-SHA-256 keys of at least 16 bytes.
///
/// A NIK or a birth date has few possible values, so a plain SHA-256 of a fact could be
/// reversed by trying them all; a keyed digest cannot without the key. `Debug` never shows the
/// key, only its public [`ReceiptKey::id`].
#[derive(Clone, PartialEq, Eq)]
pub struct ReceiptKey {
    bytes: Vec<u8>,
}

impl std::fmt::Debug for ReceiptKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ReceiptKey(id {})", self.id())
    }
}

impl ReceiptKey {
    /// A key from its bytes.
    ///
    /// # Errors
    /// `receipt.short_key` when shorter than 16 bytes.
    pub fn new(bytes: &[u8]) -> Result<ReceiptKey, ReceiptError> {
        if bytes.len() < MIN_KEY_LEN {
            return Err(ReceiptErrorKind::ShortKey { len: bytes.len() }.into());
        }
        Ok(ReceiptKey {
            bytes: bytes.to_vec(),
        })
    }

    /// Lowercase hex HMAC-SHA-256 of `message` under the key.
    pub fn digest(&self, message: &[u8]) -> String {
        // `new_from_slice` accepts keys of any length for HMAC.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.bytes) else {
            return String::new();
        };
        mac.update(message);
        hex(&mac.finalize().into_bytes())
    }

    /// The key's public id: the first 16 hex digits of the digest of
    /// `berdaya.receipt.key_id`. Written into receipts so that a replay with another key is
    /// refused instead of reporting every fact as changed.
    pub fn id(&self) -> String {
        let mut d = self.digest(b"berdaya.receipt.key_id");
        d.truncate(16);
        d
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_escapes() {
        let v = serde_json::json!({"k\u{1f}": "\"\\\u{7f}\u{2028}", "a": [true, false, -3]});
        assert_eq!(
            canonical_json(&v),
            "{\"a\":[true,false,-3],\"k\\u001f\":\"\\\"\\\\\u{7f}\u{2028}\"}"
        );
    }

    #[test]
    fn keys_are_checked_and_hidden() {
        assert!(ReceiptKey::new(b"short").is_err());
        let k = ReceiptKey::new(b"0123456789abcdef").unwrap();
        assert_eq!(k.id().len(), 16);
        assert!(!format!("{k:?}").contains("0123456789abcdef"));
    }
}
