//! Word kernels: one leaf test over 64 rows of a column into one `u64` of bits.
//!
//! Written like the hand-written baseline (`benches/batch_kernels.rs`): a byte mask per row
//! computed 16 rows at a time (LLVM compares whole vector registers) and packed into bits
//! ([`pack`]: a masked or and an 8x8 bit transpose), no `unsafe`, no bounds checks in the loops.

/// Bits of the rows of word `w` that exist (`len` rows in all).
#[inline(always)]
pub(super) fn live(len: usize, w: usize) -> u64 {
    let end = (w + 1) * 64;
    if end <= len {
        u64::MAX
    } else {
        let n = len.saturating_sub(w * 64);
        if n == 0 {
            0
        } else {
            (1u64 << n) - 1
        }
    }
}

/// The validity word `w` of a bitmap (0 past the end).
#[inline(always)]
pub(super) fn valid(bits: &[u64], w: usize) -> u64 {
    bits.get(w).copied().unwrap_or(0)
}

/// A byte per row, `0xFF` where `f` holds.
#[inline(always)]
pub(super) fn mask<T: Copy>(xs: &[T; 64], f: impl Fn(T) -> bool) -> [u8; 64] {
    let mut m = [0u8; 64];
    for (mo, xi) in m.chunks_exact_mut(16).zip(xs.chunks_exact(16)) {
        let Ok(xi) = <&[T; 16]>::try_from(xi) else {
            continue;
        };
        let mut t = [0u8; 16];
        for (o, &x) in t.iter_mut().zip(xi) {
            *o = 0u8.wrapping_sub(u8::from(f(x)));
        }
        mo.copy_from_slice(&t);
    }
    m
}

/// Packs 64 mask bytes (bit 0 of each read) into a word, byte `i` to bit `i`.
///
/// Byte `8a + b` first goes to bit `8b + a` (the 8x8 bit matrix transposed): one masked or of
/// the eight 8-byte groups, which LLVM does in vector registers (`pand`/`por`, no multiply
/// and no move per group), then one scalar 8x8 bit transpose puts the bits in row order.
/// About 35 instructions a word against 45 for eight multiply-gathers.
#[inline(always)]
pub(super) fn pack(m: &[u8; 64]) -> u64 {
    let mut y = 0u64;
    for (i, b) in m.chunks_exact(8).enumerate() {
        let mut x = [0u8; 8];
        x.copy_from_slice(b);
        y |= u64::from_le_bytes(x) & (0x0101_0101_0101_0101 << i);
    }
    transpose8(y)
}

/// Transposes a word seen as an 8x8 bit matrix (bit `8r + c` to bit `8c + r`).
#[inline(always)]
pub(super) fn transpose8(y: u64) -> u64 {
    let t = (y ^ (y >> 7)) & 0x00AA_00AA_00AA_00AA;
    let y = y ^ t ^ (t << 7);
    let t = (y ^ (y >> 14)) & 0x0000_CCCC_0000_CCCC;
    let y = y ^ t ^ (t << 14);
    let t = (y ^ (y >> 28)) & 0x0000_0000_F0F0_F0F0;
    y ^ t ^ (t << 28)
}

/// Bits where `f` holds.
#[inline(always)]
pub(super) fn bits<T: Copy>(xs: &[T; 64], f: impl Fn(T) -> bool) -> u64 {
    pack(&mask(xs, f))
}

/// A lane type tested against inclusive ranges with one unsigned compare.
pub(super) trait Lane: Copy + Default {
    /// The unsigned type of the same width.
    type U: Copy + PartialOrd;
    /// `self - lo` as unsigned (wrapping).
    fn off(self, lo: Self) -> Self::U;
}

macro_rules! lane {
    ($($t:ty => $u:ty),*) => {$(
        impl Lane for $t {
            type U = $u;
            #[inline(always)]
            fn off(self, lo: Self) -> $u {
                self.wrapping_sub(lo) as $u
            }
        }
    )*};
}

lane!(i32 => u32, u8 => u8, u16 => u16, u32 => u32);

/// Bits of the rows whose value lies in one of `ranges` (inclusive, each `lo <= hi`).
#[inline(always)]
pub(super) fn in_ranges<T: Lane>(xs: &[T; 64], ranges: &[(T, T)]) -> u64 {
    match ranges {
        [] => 0,
        [(lo, hi)] => {
            let (lo, span) = (*lo, hi.off(*lo));
            bits(xs, |v| v.off(lo) <= span)
        }
        _ => {
            // or-ed as bytes, packed once
            let mut m = [0u8; 64];
            for &(lo, hi) in ranges {
                let span = hi.off(lo);
                for (o, x) in m.iter_mut().zip(mask(xs, |v| v.off(lo) <= span)) {
                    *o |= x;
                }
            }
            pack(&m)
        }
    }
}

/// Bits of the rows where every test of `tests` holds (and-ed as bytes, packed once).
#[inline(always)]
pub(super) fn all_of<T: Copy>(xs: &[T; 64], tests: &[T], f: impl Fn(T, T) -> bool) -> u64 {
    let mut m = [0xFFu8; 64];
    for &a in tests {
        for (o, x) in m.iter_mut().zip(mask(xs, |v| f(v, a))) {
            *o &= x;
        }
    }
    pack(&m)
}

/// Bits of the rows whose value is greater than `x`.
#[inline(always)]
pub(super) fn above(xs: &[i32; 64], x: i32) -> u64 {
    // Quick exit: no value above `x` in the whole word (the usual case for birth dates and
    // the as-of date) costs a subtract and an or per row instead of a compare and a pack.
    let mut acc = 0i32;
    for &v in xs {
        acc |= x.wrapping_sub(v);
    }
    if acc >= 0 {
        0
    } else {
        bits(xs, |v| v > x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_packing() {
        let mut xs = [0i32; 64];
        for (i, x) in xs.iter_mut().enumerate() {
            *x = i as i32 - 10;
        }
        let b = in_ranges(&xs, &[(-2, 3)]);
        assert_eq!(b, 0b11_1111 << 8);
        let b = in_ranges(&xs, &[(-10, -10), (53, 60)]);
        assert_eq!(b, 1 | (1 << 63));
        assert_eq!(above(&xs, 52), 1 << 63);
        assert_eq!(above(&xs, 53), 0);
        assert_eq!(live(130, 2), 0b11);
        assert_eq!(live(128, 1), u64::MAX);
        assert_eq!(live(128, 2), 0);
    }

    #[test]
    fn pack_puts_byte_i_on_bit_i() {
        let mut s = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..2_000 {
            let mut m = [0u8; 64];
            let mut want = 0u64;
            for (i, b) in m.iter_mut().enumerate() {
                s = s
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                if s >> 61 & 1 == 1 {
                    *b = 0xFF;
                    want |= 1 << i;
                }
            }
            assert_eq!(pack(&m), want);
            assert_eq!(transpose8(transpose8(want)), want);
        }
        assert_eq!(pack(&[0xFF; 64]), u64::MAX);
        assert_eq!(pack(&[0; 64]), 0);
    }
}
