//! Keyed pseudonyms for sharing datasets without NIKs.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::Coded;
use crate::nik::Nik;

/// The shortest key [`pseudonymize`] accepts, in bytes.
pub const MIN_KEY_LEN: usize = 16;

/// A stable pseudonym for a NIK: lowercase hex of HMAC-SHA-256(`key`, the 16 ASCII digits).
///
/// The same NIK and key always give the same 64-character pseudonym, so datasets pseudonymised
/// with one key can still be joined; without the key a pseudonym cannot be linked back to the
/// NIK by trying the (small) space of valid NIKs. Keep the key secret and at least
/// [`MIN_KEY_LEN`] bytes long.
///
/// # Errors
/// [`PseudonymError`] (`pseudonym.short_key`) when the key is shorter than [`MIN_KEY_LEN`].
///
/// # Examples
/// ```
/// use berdaya::{pseudonymize, Nik};
/// use chrono::NaiveDate;
/// let nik = Nik::parse("3514140711950002", NaiveDate::from_ymd_opt(2020, 9, 9).unwrap())?;
/// let p = pseudonymize(&nik, b"a secret key of the office")?;
/// assert_eq!(p.len(), 64);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn pseudonymize(nik: &Nik, key: &[u8]) -> Result<String, PseudonymError> {
    if key.len() < MIN_KEY_LEN {
        return Err(PseudonymError { len: key.len() });
    }
    let mut mac =
        Hmac::<Sha256>::new_from_slice(key).map_err(|_| PseudonymError { len: key.len() })?;
    mac.update(nik.reveal().as_bytes());
    let out = mac.finalize().into_bytes();
    Ok(out.iter().map(|b| format!("{b:02x}")).collect())
}

/// A pseudonymisation key that is too short.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a pseudonymisation key needs at least 16 bytes, not {len}")]
pub struct PseudonymError {
    len: usize,
}

impl Coded for PseudonymError {
    fn code(&self) -> &'static str {
        "pseudonym.short_key"
    }
    fn field(&self) -> Option<&'static str> {
        Some("key")
    }
}
