//! Cells of Arrow arrays read in place, for [`Population::from_arrow`](super::Population::from_arrow):
//! no per-row vectors or strings; a dictionary-encoded column hands out its keys so each
//! distinct value is parsed once; NIKs are validated once per distinct region and birth-date
//! part ([`NikChecker`], shared with the column import).

use std::borrow::Cow;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrayRef, GenericStringArray, StringViewArray};
use arrow_schema::DataType;

pub(super) use crate::population::nik_check::NikChecker;

/// A string array (`Utf8`, `LargeUtf8`, `Utf8View`) read in place.
#[derive(Clone, Copy)]
pub(super) enum StrArr<'a> {
    Utf8(&'a GenericStringArray<i32>),
    Large(&'a GenericStringArray<i64>),
    View(&'a StringViewArray),
}

impl<'a> StrArr<'a> {
    pub(super) fn of(a: &'a dyn Array) -> Option<Self> {
        match a.data_type() {
            DataType::Utf8 => Some(StrArr::Utf8(a.as_string_opt::<i32>()?)),
            DataType::LargeUtf8 => Some(StrArr::Large(a.as_string_opt::<i64>()?)),
            DataType::Utf8View => Some(StrArr::View(a.as_string_view_opt()?)),
            _ => None,
        }
    }

    pub(super) fn len(&self) -> usize {
        match self {
            StrArr::Utf8(s) => s.len(),
            StrArr::Large(s) => s.len(),
            StrArr::View(s) => s.len(),
        }
    }

    /// Cell `i`; `None` when null or past the end.
    #[inline(always)]
    pub(super) fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            StrArr::Utf8(s) => (i < s.len() && s.is_valid(i)).then(|| s.value(i)),
            StrArr::Large(s) => (i < s.len() && s.is_valid(i)).then(|| s.value(i)),
            StrArr::View(s) => (i < s.len() && s.is_valid(i)).then(|| s.value(i)),
        }
    }
}

/// The text cells of a column: strings read in place, a dictionary's keys and values, or
/// (integers, nested dictionaries) formatted strings.
pub(super) enum Texts<'a> {
    Plain(StrArr<'a>),
    Dict {
        array: &'a dyn Array,
        keys: Vec<usize>,
        values: StrArr<'a>,
    },
    Owned(Vec<Option<Cow<'a, str>>>),
}

impl<'a> Texts<'a> {
    /// Strings or dictionaries of strings; `None` for other types.
    pub(super) fn strings(a: &'a dyn Array) -> Option<Self> {
        if let Some(s) = StrArr::of(a) {
            return Some(Texts::Plain(s));
        }
        if let DataType::Dictionary(..) = a.data_type() {
            let d = a.as_any_dictionary_opt()?;
            if let Some(values) = StrArr::of(d.values().as_ref()) {
                if values.len() == 0 {
                    // every key is null (`normalized_keys` refuses an empty dictionary)
                    return Some(Texts::Owned(vec![None; a.len()]));
                }
                return Some(Texts::Dict {
                    array: a,
                    keys: d.normalized_keys(),
                    values,
                });
            }
        }
        strings(a).map(|s| Texts::Owned(s.into_iter().map(|c| c.map(Cow::Borrowed)).collect()))
    }

    /// Strings, or integers formatted in decimal (with at least `width` digits, leading
    /// zeros); `None` for other types.
    pub(super) fn of(a: &'a dyn Array, width: usize) -> Option<Self> {
        if let Some(t) = Texts::strings(a) {
            return Some(t);
        }
        let ints = integers(a)?;
        Some(Texts::Owned(
            ints.into_iter()
                .map(|v| v.map(|n| Cow::Owned(format!("{n:0width$}"))))
                .collect(),
        ))
    }

    pub(super) fn len(&self) -> usize {
        match self {
            Texts::Plain(s) => s.len(),
            Texts::Dict { array, .. } => array.len(),
            Texts::Owned(v) => v.len(),
        }
    }

    /// The dictionary key of row `i` (`None` when null), for a dictionary column.
    #[inline]
    pub(super) fn key(&self, i: usize) -> Option<usize> {
        match self {
            Texts::Dict { array, keys, .. } if !array.is_null(i) => keys.get(i).copied(),
            _ => None,
        }
    }

    /// Cell `i`; `None` when null.
    #[inline(always)]
    pub(super) fn get(&self, i: usize) -> Option<&str> {
        match self {
            Texts::Plain(s) => s.get(i),
            Texts::Dict { values, .. } => values.get(self.key(i)?),
            Texts::Owned(v) => v.get(i)?.as_deref(),
        }
    }

    /// The number of distinct values when dictionary-encoded.
    pub(super) fn dictionary_len(&self) -> Option<usize> {
        match self {
            Texts::Dict { values, .. } => Some(values.len()),
            _ => None,
        }
    }
}

/// The cells of a string-like array, nested dictionaries included (the slow path).
fn strings(a: &dyn Array) -> Option<Vec<Option<&str>>> {
    match a.data_type() {
        DataType::Utf8 => Some(a.as_string_opt::<i32>()?.iter().collect()),
        DataType::LargeUtf8 => Some(a.as_string_opt::<i64>()?.iter().collect()),
        DataType::Utf8View => Some(a.as_string_view_opt()?.iter().collect()),
        DataType::Dictionary(..) => {
            let d = a.as_any_dictionary_opt()?;
            let values = strings(d.values().as_ref())?;
            if values.is_empty() {
                return Some(vec![None; a.len()]);
            }
            let keys = d.normalized_keys();
            Some(
                keys.iter()
                    .enumerate()
                    .map(|(i, k)| {
                        if a.is_null(i) {
                            None
                        } else {
                            values.get(*k).copied().flatten()
                        }
                    })
                    .collect(),
            )
        }
        _ => None,
    }
}

/// Calls `f` with each cell of an integer array as `i128` (every Arrow integer fits);
/// `None` for other types.
pub(super) fn each_integer(a: &dyn Array, mut f: impl FnMut(usize, Option<i128>)) -> Option<()> {
    macro_rules! prim {
        ($t:ty) => {{
            let p = a.as_primitive_opt::<$t>()?;
            if p.null_count() == 0 {
                for (i, v) in p.values().iter().enumerate() {
                    f(i, Some(i128::from(*v)));
                }
            } else {
                for (i, v) in p.iter().enumerate() {
                    f(i, v.map(i128::from));
                }
            }
            Some(())
        }};
    }
    match a.data_type() {
        DataType::Int8 => prim!(Int8Type),
        DataType::Int16 => prim!(Int16Type),
        DataType::Int32 => prim!(Int32Type),
        DataType::Int64 => prim!(Int64Type),
        DataType::UInt8 => prim!(UInt8Type),
        DataType::UInt16 => prim!(UInt16Type),
        DataType::UInt32 => prim!(UInt32Type),
        DataType::UInt64 => prim!(UInt64Type),
        _ => None,
    }
}

fn integers(a: &dyn Array) -> Option<Vec<Option<i128>>> {
    let mut out = Vec::with_capacity(a.len());
    each_integer(a, |_, v| out.push(v))?;
    Some(out)
}

/// The offsets of a `List` or `LargeList` column and its items.
pub(super) struct Lists<'a> {
    array: &'a dyn Array,
    offsets: Offsets<'a>,
    pub(super) items: Texts<'a>,
}

enum Offsets<'a> {
    Small(&'a [i32]),
    Large(&'a [i64]),
}

impl<'a> Lists<'a> {
    /// `None` when `a` is not a list of strings.
    pub(super) fn of(a: &'a dyn Array) -> Option<Self> {
        let (offsets, values): (Offsets<'a>, &'a ArrayRef) = match a.data_type() {
            DataType::List(_) => {
                let l = a.as_list_opt::<i32>()?;
                (Offsets::Small(l.value_offsets()), l.values())
            }
            DataType::LargeList(_) => {
                let l = a.as_list_opt::<i64>()?;
                (Offsets::Large(l.value_offsets()), l.values())
            }
            _ => return None,
        };
        Some(Lists {
            array: a,
            offsets,
            items: Texts::strings(values.as_ref())?,
        })
    }

    pub(super) fn len(&self) -> usize {
        self.array.len()
    }

    /// The item range of row `i`; `None` when the list is null.
    #[inline]
    pub(super) fn range(&self, i: usize) -> Option<std::ops::Range<usize>> {
        if self.array.is_null(i) {
            return None;
        }
        let (s, e) = match self.offsets {
            Offsets::Small(o) => (
                usize::try_from(*o.get(i)?).unwrap_or(0),
                usize::try_from(*o.get(i + 1)?).unwrap_or(0),
            ),
            Offsets::Large(o) => (
                usize::try_from(*o.get(i)?).unwrap_or(0),
                usize::try_from(*o.get(i + 1)?).unwrap_or(0),
            ),
        };
        // as before: a range outside the items (or reversed) is an empty list
        Some(if s <= e && e <= self.items.len() {
            s..e
        } else {
            0..0
        })
    }
}

/// Parses of distinct values, for enumerated columns (few distinct values; a linear scan of
/// short strings beats hashing them). Stops remembering after 64 values.
pub(super) struct Cache<'a, V> {
    /// The first 16 bytes (zero-padded) and the length of each key: equal words and lengths
    /// are equal keys up to 16 bytes, so the common hit needs no byte comparison.
    words: Vec<([u64; 2], usize)>,
    seen: Vec<(&'a str, V)>,
}

/// The first 16 bytes of `s`, zero-padded.
#[inline(always)]
fn words(s: &str) -> [u64; 2] {
    let mut b = [0u8; 16];
    let n = s.len().min(16);
    if let (Some(dst), Some(src)) = (b.get_mut(..n), s.as_bytes().get(..n)) {
        dst.copy_from_slice(src);
    }
    let (lo, hi) = b.split_at(8);
    let word = |h: &[u8]| h.try_into().map(u64::from_le_bytes).unwrap_or(0);
    [word(lo), word(hi)]
}

impl<'a, V> Cache<'a, V> {
    pub(super) fn new() -> Self {
        Cache {
            words: Vec::new(),
            seen: Vec::new(),
        }
    }

    /// Calls `use_it` with the parse of `key`.
    #[inline(always)]
    pub(super) fn with<R>(
        &mut self,
        key: &'a str,
        parse: impl FnOnce(&str) -> V,
        use_it: impl FnOnce(&V) -> R,
    ) -> R {
        let w = words(key);
        let len = key.len();
        let hit = self
            .words
            .iter()
            .zip(&self.seen)
            .position(|((kw, kl), (k, _))| *kw == w && *kl == len && (len <= 16 || *k == key));
        if let Some((_, v)) = hit.and_then(|p| self.seen.get(p)) {
            return use_it(v);
        }
        let v = parse(key);
        let r = use_it(&v);
        if self.seen.len() < 64 {
            self.words.push((w, len));
            self.seen.push((key, v));
        }
        r
    }
}

/// Parses of the distinct values of a column: per dictionary key when dictionary-encoded
/// (each value parsed at its first use), otherwise a [`Cache`] of text.
pub(super) struct Distinct<'a, V> {
    by_key: Vec<Option<V>>,
    by_text: Cache<'a, V>,
}

impl<'a, V> Distinct<'a, V> {
    pub(super) fn new(texts: &Texts<'_>) -> Self {
        let mut by_key = Vec::new();
        by_key.resize_with(texts.dictionary_len().unwrap_or(0), || None);
        Distinct {
            by_key,
            by_text: Cache::new(),
        }
    }

    /// Calls `use_it` with the parse of row `i`'s cell (trimmed by `parse` as it likes);
    /// `None` when the cell is null.
    #[inline(always)]
    pub(super) fn with<R>(
        &mut self,
        texts: &'a Texts<'a>,
        i: usize,
        parse: impl FnOnce(&str) -> V,
        use_it: impl FnOnce(&V) -> R,
    ) -> Option<R> {
        if let Some(k) = texts.key(i) {
            let text = texts.get(i)?;
            let slot = self.by_key.get_mut(k)?;
            let v = slot.get_or_insert_with(|| parse(text));
            return Some(use_it(v));
        }
        let text = texts.get(i)?;
        Some(self.by_text.with(text, parse, use_it))
    }
}
