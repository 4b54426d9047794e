//! The duplicate-id check of the column import ([`Population::from_columns`](super::Population::from_columns)):
//! an open-addressing table of row numbers, found by a keyed hash of the id.
//!
//! A `HashMap<&str, usize>` did the same; this table costs a third of it in the size-optimised
//! WebAssembly build (no generic hashing machinery per id, 8 bytes per slot, the id itself read
//! back from its column only when a hash tag matches).

use std::hash::{BuildHasher, RandomState};

/// Mixes a word into the state (the multiply-rotate of the previous hasher).
#[inline]
fn mix(h: u64, w: u64) -> u64 {
    (h ^ w).wrapping_mul(0xf135_7aea_2e62_a9c5).rotate_left(26)
}

/// Row numbers of ids, at most one per distinct id.
pub(super) struct IdTable {
    /// Keyed from the standard library's random state, so that colliding ids cannot be
    /// prepared in advance.
    seed: u64,
    mask: usize,
    /// 0 empty; else the hash's top 24 bits over the row number (below 2^40).
    slots: Vec<u64>,
}

/// Where an id not in the table would go.
pub(super) struct Vacant {
    slot: usize,
    tag: u64,
}

const ROW_BITS: u32 = 40;
const ROW_MASK: u64 = (1 << ROW_BITS) - 1;

impl IdTable {
    /// A table for up to `n` ids (at most half full).
    pub(super) fn with_capacity(n: usize) -> Self {
        let size = n.saturating_mul(2).next_power_of_two().max(16);
        IdTable {
            seed: RandomState::new().hash_one(0x5eed_u64),
            mask: size - 1,
            slots: vec![0; size],
        }
    }

    fn hash(&self, id: &str) -> u64 {
        let b = id.as_bytes();
        let mut h = self.seed;
        let mut w = 0u64;
        for (j, &x) in b.iter().enumerate() {
            w |= u64::from(x) << ((j & 7) * 8);
            if j & 7 == 7 {
                h = mix(h, w);
                w = 0;
            }
        }
        if b.len() & 7 != 0 {
            h = mix(h, w);
        }
        let h = mix(h, b.len() as u64);
        // a final mix, so that the low bits (the slot) depend on every input bit
        let x = h ^ (h >> 29);
        x.wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ (x >> 32)
    }

    /// The row number of `id` if the table holds it (`id_of` gives the id of a row number in
    /// the table), otherwise where it would go.
    #[inline]
    pub(super) fn find<'s>(
        &self,
        id: &str,
        id_of: impl Fn(usize) -> Option<&'s str>,
    ) -> Result<usize, Vacant> {
        let h = self.hash(id);
        let tag = (h >> ROW_BITS) << ROW_BITS;
        let mut slot = (h as usize) & self.mask;
        loop {
            let s = self.slots.get(slot).copied().unwrap_or(0);
            if s == 0 {
                return Err(Vacant { slot, tag });
            }
            if s & !ROW_MASK == tag {
                let row_no = (s & ROW_MASK) as usize;
                if id_of(row_no) == Some(id) {
                    return Ok(row_no);
                }
            }
            slot = (slot + 1) & self.mask;
        }
    }

    /// Puts row number `row_no` (1-based, below 2^40) where [`find`](Self::find) said.
    pub(super) fn insert(&mut self, at: Vacant, row_no: usize) {
        if let Some(s) = self.slots.get_mut(at.slot) {
            *s = at.tag | (row_no as u64 & ROW_MASK);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_inserted_and_nothing_else() {
        let ids: Vec<String> = (0..5000)
            .map(|i| format!("{}{i}", "x".repeat(i % 20)))
            .collect();
        let mut t = IdTable::with_capacity(ids.len());
        let id_of = |r: usize| ids.get(r - 1).map(String::as_str);
        for (i, id) in ids.iter().enumerate() {
            match t.find(id, id_of) {
                Ok(_) => panic!("{id} found before insertion"),
                Err(v) => t.insert(v, i + 1),
            }
        }
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(t.find(id, id_of).ok(), Some(i + 1));
        }
        for other in ["", "y", "x0 ", "xxxxxxxxxxxxxxxxxxxx0"] {
            assert!(t.find(other, id_of).is_err(), "{other}");
        }
    }
}
