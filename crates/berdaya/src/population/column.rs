//! Storage pieces of a [`Population`](super::Population): a value column with its validity
//! bitmap, and a string arena.

use std::fmt;

/// A read-only view of one column: values and a validity bitmap (bit `i % 64` of word
/// `i / 64` set when row `i` is known).
///
/// A value under a cleared validity bit is the type's default (0) and means nothing. Bits past
/// the last row are always clear, so kernels may process the last word whole.
/// `Debug` shows only the length and the number of unknowns, never values.
#[derive(Clone, Copy)]
pub struct Column<'a, T> {
    values: &'a [T],
    validity: &'a [u64],
}

impl<'a, T: Copy> Column<'a, T> {
    pub(crate) fn new(values: &'a [T], validity: &'a [u64]) -> Self {
        Column { values, validity }
    }

    /// All values, one per row; unknown rows hold 0.
    pub fn values(&self) -> &'a [T] {
        self.values
    }

    /// The validity bitmap: `ceil(len / 64)` words, 64 rows per word, least significant bit
    /// first.
    pub fn validity(&self) -> &'a [u64] {
        self.validity
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Whether row `row` is known (false past the end).
    pub fn is_valid(&self, row: usize) -> bool {
        self.validity
            .get(row / 64)
            .is_some_and(|w| w >> (row % 64) & 1 == 1)
    }

    /// The value of row `row`, `None` when unknown or past the end.
    pub fn get(&self, row: usize) -> Option<T> {
        if self.is_valid(row) {
            self.values.get(row).copied()
        } else {
            None
        }
    }

    /// The number of unknown rows.
    pub fn null_count(&self) -> usize {
        let known: u32 = self.validity.iter().map(|w| w.count_ones()).sum();
        self.values.len() - known as usize
    }
}

impl<T: Copy> fmt::Debug for Column<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Column")
            .field("len", &self.len())
            .field("null_count", &self.null_count())
            .finish()
    }
}

/// An owned value column with its validity bitmap.
#[derive(Clone, PartialEq, Eq, Default)]
pub(crate) struct Col<T> {
    pub(crate) values: Vec<T>,
    pub(crate) valid: Vec<u64>,
}

impl<T: Copy + Default> Col<T> {
    pub(crate) fn with_capacity(n: usize) -> Self {
        Col {
            values: Vec::with_capacity(n),
            valid: Vec::with_capacity(n.div_ceil(64)),
        }
    }

    /// Appends a value, `None` meaning unknown.
    #[inline]
    pub(crate) fn push(&mut self, v: Option<T>) {
        let i = self.values.len();
        if i % 64 == 0 {
            self.valid.push(0);
        }
        match v {
            Some(v) => {
                self.values.push(v);
                if let Some(w) = self.valid.last_mut() {
                    *w |= 1 << (i % 64);
                }
            }
            None => self.values.push(T::default()),
        }
    }

    pub(crate) fn view(&self) -> Column<'_, T> {
        Column {
            values: &self.values,
            validity: &self.valid,
        }
    }

    pub(crate) fn get(&self, row: usize) -> Option<T> {
        self.view().get(row)
    }

    /// Bytes held by values and validity (capacity not counted).
    pub(crate) fn bytes(&self) -> usize {
        std::mem::size_of_val(self.values.as_slice()) + std::mem::size_of_val(self.valid.as_slice())
    }
}

/// Strings stored end to end with offsets; an optional validity bitmap for nullable columns.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct StrArena {
    offsets: Vec<u64>,
    bytes: String,
    valid: Vec<u64>,
}

impl Default for StrArena {
    fn default() -> Self {
        StrArena::with_capacity(0, 0)
    }
}

impl StrArena {
    pub(crate) fn with_capacity(rows: usize, bytes: usize) -> Self {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        StrArena {
            offsets,
            bytes: String::with_capacity(bytes),
            valid: Vec::with_capacity(rows.div_ceil(64)),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Appends a string, `None` meaning unknown (stored as empty).
    #[inline]
    pub(crate) fn push(&mut self, s: Option<&str>) {
        let i = self.len();
        if i % 64 == 0 {
            self.valid.push(0);
        }
        if let Some(s) = s {
            self.bytes.push_str(s);
            if let Some(w) = self.valid.last_mut() {
                *w |= 1 << (i % 64);
            }
        }
        self.offsets.push(self.bytes.len() as u64);
    }

    /// Appends `n` unknown strings.
    pub(crate) fn push_nulls(&mut self, n: usize) {
        let len = self.len() + n;
        self.offsets.resize(len + 1, self.bytes.len() as u64);
        self.valid.resize(len.div_ceil(64), 0);
    }

    pub(crate) fn get(&self, row: usize) -> Option<&str> {
        let known = self
            .valid
            .get(row / 64)
            .is_some_and(|w| w >> (row % 64) & 1 == 1);
        if !known {
            return None;
        }
        let start = usize::try_from(*self.offsets.get(row)?).ok()?;
        let end = usize::try_from(*self.offsets.get(row + 1)?).ok()?;
        self.bytes.get(start..end)
    }

    /// The arena as stored: `len + 1` offsets into the text, the text, and the validity
    /// bitmap (64 rows a word, bit set: known).
    #[cfg(feature = "arrow")]
    pub(crate) fn raw(&self) -> (&[u64], &str, &[u64]) {
        (&self.offsets, &self.bytes, &self.valid)
    }

    /// Bytes of the offsets and validity (the per-row cost besides the text itself).
    pub(crate) fn offset_bytes(&self) -> usize {
        std::mem::size_of_val(self.offsets.as_slice())
            + std::mem::size_of_val(self.valid.as_slice())
    }

    /// Bytes of the text.
    pub(crate) fn text_bytes(&self) -> usize {
        self.bytes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn col_validity_and_defaults() {
        let mut c = Col::<i32>::with_capacity(0);
        for i in 0..130 {
            c.push((i % 3 != 0).then_some(i));
        }
        let v = c.view();
        assert_eq!(v.len(), 130);
        assert_eq!(v.validity().len(), 3);
        assert_eq!(v.get(0), None);
        assert_eq!(v.values()[0], 0);
        assert_eq!(v.get(128), Some(128));
        assert_eq!(v.get(130), None);
        assert_eq!(v.null_count(), 44);
        // bits past the end are clear
        assert_eq!(v.validity()[2] >> 2, 0);
        assert_eq!(format!("{v:?}"), "Column { len: 130, null_count: 44 }");
    }

    #[test]
    fn arena_round_trips() {
        let mut a = StrArena::default();
        a.push(Some("abc"));
        a.push(None);
        a.push(Some(""));
        a.push(Some("é"));
        assert_eq!(a.len(), 4);
        assert_eq!(a.get(0), Some("abc"));
        assert_eq!(a.get(1), None);
        assert_eq!(a.get(2), Some(""));
        assert_eq!(a.get(3), Some("é"));
        assert_eq!(a.get(4), None);
    }
}
