//! Snapshot files: the registry's JSON snapshot in a checksummed envelope, written atomically.
//!
//! The **envelope** is one header line and the snapshot's JSON:
//!
//! ```text
//! berdaya-snapshot/1 bytes=<n> sha256=<64 hex> block=4096 blocks=<8 hex>,<8 hex>,...
//! <n bytes of JSON>
//! ```
//!
//! `sha256` is the SHA-256 of the `n` bytes after the header's newline; `blocks` holds the first
//! 8 hex digits of the SHA-256 of each 4,096-byte block of them, so that a damaged file is
//! reported with the place of the damage: [`Registry::from_envelope`] checks the header, the
//! length (`snapshot.truncated` with the bytes expected and found, and the line where the data
//! stops), every block (`snapshot.corrupted` with the byte range and the line of the first
//! damaged block) and the whole (`snapshot.checksum_mismatch`) before it reads the JSON. The
//! envelope needs no file system, so the WebAssembly package offers it too.
//!
//! With the `fs` feature (on by default; never on wasm32, which has no file system),
//! [`Registry::save`] writes the envelope to a temporary file in the target's directory,
//! flushes it to disk (`fsync`), renames it over the target and flushes the directory, so a
//! crash leaves either the old file or the new one, never a mix; [`Registry::load`] reads and
//! verifies it.
//!
//! ```
//! use berdaya::{scenario, Coded, Registry};
//! let reg = scenario::east_java_2020()?;
//! let text = reg.to_envelope()?;
//! assert_eq!(Registry::from_envelope(&text)?, reg);
//! let cut = &text[..text.len() - 10];
//! assert_eq!(Registry::from_envelope(cut).unwrap_err().code(), "snapshot.truncated");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use sha2::{Digest, Sha256};

use crate::error::Coded;
use crate::registry::Registry;
use crate::snapshot::SnapshotError;

/// The first word of an envelope's header.
pub const ENVELOPE_MAGIC: &str = "berdaya-snapshot/1";
/// The bytes per checksummed block.
pub const BLOCK: usize = 4096;

/// Why a snapshot file or envelope could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct SnapshotFileError {
    kind: SnapshotFileErrorKind,
}

impl SnapshotFileError {
    /// What went wrong.
    pub fn kind(&self) -> &SnapshotFileErrorKind {
        &self.kind
    }

    /// The 1-based line of the file where the problem is, where known.
    pub fn line(&self) -> Option<usize> {
        match &self.kind {
            SnapshotFileErrorKind::BadHeader(_) => Some(1),
            SnapshotFileErrorKind::Truncated { line, .. }
            | SnapshotFileErrorKind::Corrupted { line, .. } => Some(*line),
            SnapshotFileErrorKind::Snapshot(e) => e.line().map(|l| l + 1),
            _ => None,
        }
    }

    /// The byte range of the body (after the header) where the problem is, where known.
    pub fn bytes(&self) -> Option<std::ops::Range<usize>> {
        match &self.kind {
            SnapshotFileErrorKind::Truncated {
                found, expected, ..
            } => Some(*found..*expected),
            SnapshotFileErrorKind::Corrupted { start, end, .. } => Some(*start..*end),
            _ => None,
        }
    }
}

impl From<SnapshotFileErrorKind> for SnapshotFileError {
    fn from(kind: SnapshotFileErrorKind) -> Self {
        SnapshotFileError { kind }
    }
}

/// The kinds of [`SnapshotFileError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SnapshotFileErrorKind {
    /// The file does not exist.
    #[error("no snapshot file at `{0}`")]
    NotFound(String),
    /// Reading or writing failed.
    #[error("cannot {action} `{path}`: {message}")]
    Io {
        /// `read`, `write`, `rename` ...
        action: &'static str,
        /// The path.
        path: String,
        /// The system's message.
        message: String,
    },
    /// The first line is not an envelope header.
    #[error("not a berdaya snapshot file (line 1): {0}")]
    BadHeader(String),
    /// Fewer bytes than the header declares (or more).
    #[error("the snapshot has {found} bytes, the header declares {expected} (the data stops at line {line})")]
    Truncated {
        /// Declared.
        expected: usize,
        /// Present.
        found: usize,
        /// The file's line where the data stops.
        line: usize,
    },
    /// A block's checksum does not match: the bytes were changed.
    #[error("the snapshot is damaged in bytes {start}..{end} (from line {line})")]
    Corrupted {
        /// First byte of the block, in the body.
        start: usize,
        /// End of the block (exclusive).
        end: usize,
        /// The file's line of the block's first byte.
        line: usize,
    },
    /// Every block matches but the whole does not: the header's checksum is wrong.
    #[error("the snapshot's checksum does not match its header")]
    ChecksumMismatch,
    /// The verified JSON is not a valid snapshot.
    #[error("{0}")]
    Snapshot(SnapshotError),
}

impl Coded for SnapshotFileError {
    fn code(&self) -> &'static str {
        use SnapshotFileErrorKind as K;
        match &self.kind {
            K::NotFound(_) => "snapshot.not_found",
            K::Io { .. } => "snapshot.io",
            K::BadHeader(_) => "snapshot.bad_header",
            K::Truncated { .. } => "snapshot.truncated",
            K::Corrupted { .. } => "snapshot.corrupted",
            K::ChecksumMismatch => "snapshot.checksum_mismatch",
            K::Snapshot(e) => e.code(),
        }
    }

    fn field(&self) -> Option<&'static str> {
        None
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn block_sums(body: &[u8]) -> Vec<String> {
    body.chunks(BLOCK)
        .map(|c| {
            let mut h = hex(&Sha256::digest(c));
            h.truncate(8);
            h
        })
        .collect()
}

/// The 1-based line of the file (the header is line 1) holding body byte `at`.
fn line_of(body: &[u8], at: usize) -> usize {
    let upto = body.get(..at).unwrap_or(body);
    2 + upto.iter().filter(|b| **b == b'\n').count()
}

struct Header {
    bytes: usize,
    sha256: String,
    blocks: Vec<String>,
}

fn header(line: &str) -> Result<Header, SnapshotFileError> {
    let bad = |m: &str| SnapshotFileError::from(SnapshotFileErrorKind::BadHeader(m.to_owned()));
    let mut words = line.split(' ');
    if words.next() != Some(ENVELOPE_MAGIC) {
        return Err(bad("it does not start with `berdaya-snapshot/1`"));
    }
    let (mut bytes, mut sha256, mut block, mut blocks) = (None, None, None, None);
    for w in words {
        match w.split_once('=') {
            Some(("bytes", v)) => bytes = v.parse::<usize>().ok(),
            Some(("sha256", v)) => sha256 = Some(v.to_owned()),
            Some(("block", v)) => block = v.parse::<usize>().ok(),
            Some(("blocks", v)) => {
                blocks = Some(if v.is_empty() {
                    Vec::new()
                } else {
                    v.split(',').map(str::to_owned).collect()
                });
            }
            _ => return Err(bad("unknown field")),
        }
    }
    let (Some(bytes), Some(sha256), Some(BLOCK), Some(blocks)) = (bytes, sha256, block, blocks)
    else {
        return Err(bad(
            "`bytes`, `sha256`, `block=4096` and `blocks` are required",
        ));
    };
    let ok_hex = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit());
    if !ok_hex(&sha256, 64)
        || blocks.len() != bytes.div_ceil(BLOCK)
        || !blocks.iter().all(|b| ok_hex(b, 8))
    {
        return Err(bad("malformed checksums"));
    }
    Ok(Header {
        bytes,
        sha256,
        blocks,
    })
}

/// Checks an envelope and returns its JSON body.
fn verify(file: &[u8]) -> Result<&str, SnapshotFileError> {
    let nl = file
        .iter()
        .position(|b| *b == b'\n')
        .ok_or_else(|| SnapshotFileErrorKind::BadHeader("no header line".into()))?;
    let (head, rest) = file.split_at(nl);
    let body = rest.get(1..).unwrap_or(&[]);
    let head = std::str::from_utf8(head)
        .map_err(|_| SnapshotFileErrorKind::BadHeader("not text".into()))?;
    let h = header(head)?;
    if body.len() < h.bytes {
        return Err(SnapshotFileErrorKind::Truncated {
            expected: h.bytes,
            found: body.len(),
            line: line_of(body, body.len()),
        }
        .into());
    }
    for (i, (got, want)) in block_sums(body).iter().zip(&h.blocks).enumerate() {
        if got != want {
            let start = i * BLOCK;
            return Err(SnapshotFileErrorKind::Corrupted {
                start,
                end: (start + BLOCK).min(body.len()),
                line: line_of(body, start),
            }
            .into());
        }
    }
    if body.len() > h.bytes {
        return Err(SnapshotFileErrorKind::Corrupted {
            start: h.bytes,
            end: body.len(),
            line: line_of(body, h.bytes),
        }
        .into());
    }
    if hex(&Sha256::digest(body)) != h.sha256 {
        return Err(SnapshotFileErrorKind::ChecksumMismatch.into());
    }
    // Every block matched, so this holds unless the writer wrote bad UTF-8.
    std::str::from_utf8(body).map_err(|e| {
        let at = e.valid_up_to();
        SnapshotFileErrorKind::Corrupted {
            start: at,
            end: at + 1,
            line: line_of(body, at),
        }
        .into()
    })
}

impl Registry {
    /// The snapshot in its checksummed envelope (see the module documentation).
    ///
    /// # Errors
    /// `snapshot.write` if serialisation fails.
    pub fn to_envelope(&self) -> Result<String, SnapshotFileError> {
        let json = self.to_json().map_err(SnapshotFileErrorKind::Snapshot)?;
        let body = json.as_bytes();
        Ok(format!(
            "{ENVELOPE_MAGIC} bytes={} sha256={} block={BLOCK} blocks={}\n{json}",
            body.len(),
            hex(&Sha256::digest(body)),
            block_sums(body).join(",")
        ))
    }

    /// Verifies an envelope and reads the snapshot in it.
    ///
    /// # Errors
    /// `snapshot.bad_header`, `snapshot.truncated`, `snapshot.corrupted`,
    /// `snapshot.checksum_mismatch` (with [`SnapshotFileError::line`] and
    /// [`SnapshotFileError::bytes`]), then the errors of [`Registry::from_json`].
    pub fn from_envelope(text: &str) -> Result<Registry, SnapshotFileError> {
        Self::from_envelope_bytes(text.as_bytes())
    }

    fn from_envelope_bytes(file: &[u8]) -> Result<Registry, SnapshotFileError> {
        let json = verify(file)?;
        Registry::from_json(json).map_err(|e| SnapshotFileErrorKind::Snapshot(e).into())
    }
}

#[cfg(all(feature = "fs", not(target_arch = "wasm32")))]
mod files {
    use std::io::Write;
    use std::path::Path;
    use std::sync::atomic::{AtomicU64, Ordering};

    use super::{SnapshotFileError, SnapshotFileErrorKind};
    use crate::registry::Registry;

    static COUNTER: AtomicU64 = AtomicU64::new(0);

    fn io(action: &'static str, path: &Path, e: &std::io::Error) -> SnapshotFileError {
        if e.kind() == std::io::ErrorKind::NotFound && action == "read" {
            return SnapshotFileErrorKind::NotFound(path.display().to_string()).into();
        }
        SnapshotFileErrorKind::Io {
            action,
            path: path.display().to_string(),
            message: e.to_string(),
        }
        .into()
    }

    impl Registry {
        /// Writes the snapshot envelope to `path` atomically: a temporary file in the same
        /// directory, flushed to disk, renamed over `path`, and the directory flushed.
        ///
        /// # Errors
        /// `snapshot.io` with the path and the system's message.
        ///
        /// # Examples
        /// ```
        /// # let dir = std::env::temp_dir().join(format!("berdaya-doc-{}", std::process::id()));
        /// # std::fs::create_dir_all(&dir)?;
        /// let reg = berdaya::scenario::east_java_2020()?;
        /// let path = dir.join("registry.snapshot");
        /// reg.save(&path)?;
        /// assert_eq!(berdaya::Registry::load(&path)?, reg);
        /// # std::fs::remove_dir_all(&dir)?;
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        pub fn save(&self, path: impl AsRef<Path>) -> Result<(), SnapshotFileError> {
            let path = path.as_ref();
            let text = self.to_envelope()?;
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => std::path::PathBuf::from("."),
            };
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "snapshot".into());
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let tmp = dir.join(format!(".{name}.tmp-{}-{n}", std::process::id()));
            let write = || -> Result<(), SnapshotFileError> {
                let mut f = std::fs::File::create(&tmp).map_err(|e| io("write", &tmp, &e))?;
                f.write_all(text.as_bytes())
                    .map_err(|e| io("write", &tmp, &e))?;
                f.sync_all().map_err(|e| io("flush", &tmp, &e))?;
                std::fs::rename(&tmp, path).map_err(|e| io("rename", path, &e))?;
                Ok(())
            };
            if let Err(e) = write() {
                let _ = std::fs::remove_file(&tmp);
                return Err(e);
            }
            // The rename is durable once the directory is flushed; not every platform allows
            // opening a directory, and the file itself is complete either way.
            if let Ok(d) = std::fs::File::open(&dir) {
                let _ = d.sync_all();
            }
            Ok(())
        }

        /// Reads and verifies a snapshot file written by [`Registry::save`].
        ///
        /// # Errors
        /// `snapshot.not_found`, `snapshot.io`, and those of [`Registry::from_envelope`].
        pub fn load(path: impl AsRef<Path>) -> Result<Registry, SnapshotFileError> {
            let path = path.as_ref();
            let bytes = std::fs::read(path).map_err(|e| io("read", path, &e))?;
            Registry::from_envelope_bytes(&bytes)
        }
    }
}
