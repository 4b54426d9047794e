//! The global priority order of an allocation's applicants: priority keys, then the lottery
//! number, then the id (ids are unique, so the order is total and input order never matters).
//!
//! The keys are computed once into a flat array. When every key's values span a small
//! range (deciles, days, vocabulary positions: almost always), each applicant's keys are
//! packed into one 64-bit number with the same order, and the applicants are sorted on
//! (packed keys, lottery) pairs of machine words: a million applicants sort in tens of
//! milliseconds. Otherwise the keys are compared one by one.

use super::{AllocationRequest, Priority};

/// The applicants' indices in priority order.
pub(crate) fn priority_order(
    req: &AllocationRequest,
    priority: &Priority,
    lotteries: &[u64],
) -> Vec<u32> {
    let n = req.applicants.len();
    let k = priority.keys().len();
    let mut flat: Vec<i64> = Vec::with_capacity(n.saturating_mul(k));
    for a in &req.applicants {
        priority.sort_key_into(&a.facts, &mut flat);
    }
    let id = |i: u32| req.applicants.get(i as usize).map(|a| a.id.as_str());
    if let Some(packed) = pack(&flat, n, k) {
        let mut rows: Vec<(u64, u64, u32)> = packed
            .into_iter()
            .zip(lotteries)
            .zip(0u32..)
            .map(|((p, &l), i)| (p, l, i))
            .collect();
        rows.sort_unstable_by(|x, y| {
            (x.0, x.1)
                .cmp(&(y.0, y.1))
                .then_with(|| id(x.2).cmp(&id(y.2)))
        });
        return rows.into_iter().map(|r| r.2).collect();
    }
    let key = |i: u32| flat.get(i as usize * k..i as usize * k + k);
    let mut order: Vec<u32> = (0..n).filter_map(|i| u32::try_from(i).ok()).collect();
    order.sort_unstable_by(|&x, &y| {
        key(x)
            .cmp(&key(y))
            .then(lotteries.get(x as usize).cmp(&lotteries.get(y as usize)))
            .then_with(|| id(x).cmp(&id(y)))
    });
    order
}

/// Each row's `k` keys (row-major in `flat`) packed into one number, key 1 in the high bits,
/// such that packed numbers compare as the key rows do; `None` when they need more than 64
/// bits.
///
/// Per key, `i64::MIN` and `i64::MAX` (the places of unknown values) map to 0 and to the top
/// of the key's range, every other value `v` to `v - lo + 1` (`lo`, `hi`: the least and
/// greatest other value): strictly increasing, so the order is kept exactly.
fn pack(flat: &[i64], n: usize, k: usize) -> Option<Vec<u64>> {
    // (lo, top, bits) per key
    let mut cols: Vec<(i64, u64, u32)> = Vec::with_capacity(k);
    let mut total = 0u32;
    for j in 0..k {
        let (mut lo, mut hi) = (i64::MAX, i64::MIN);
        for &v in flat.iter().skip(j).step_by(k) {
            if v != i64::MIN && v != i64::MAX {
                lo = lo.min(v);
                hi = hi.max(v);
            }
        }
        let top = if lo <= hi {
            u64::try_from(i128::from(hi) - i128::from(lo) + 2).ok()?
        } else {
            lo = 0;
            1
        };
        let bits = 64 - top.leading_zeros();
        total += bits;
        cols.push((lo, top, bits));
    }
    if total > 64 {
        return None;
    }
    let one = |v: i64, (lo, top, _): (i64, u64, u32)| -> u64 {
        if v == i64::MIN {
            0
        } else if v == i64::MAX {
            top
        } else {
            // lo <= v <= hi here, so the difference fits
            u64::try_from(i128::from(v) - i128::from(lo) + 1).unwrap_or(top)
        }
    };
    if k == 0 {
        return Some(vec![0; n]);
    }
    Some(
        flat.chunks_exact(k)
            .map(|row| {
                row.iter().zip(&cols).fold(0u64, |acc, (&v, &col)| {
                    // `total <= 64`, so the shifted-out bits are zero (and a 64-bit shift of
                    // the first key's accumulator never happens: it starts at 0)
                    acc.checked_shl(col.2).unwrap_or(0) | one(v, col)
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::pack;
    use proptest::prelude::*;

    fn value() -> impl Strategy<Value = i64> {
        prop_oneof![
            Just(i64::MIN),
            Just(i64::MAX),
            Just(i64::MIN + 1),
            Just(i64::MAX - 1),
            -3i64..3,
            0i64..2000,
            any::<i64>(),
        ]
    }

    proptest! {
        #[test]
        fn packing_keeps_the_order_of_key_rows(
            k in 0usize..4,
            rows in proptest::collection::vec(proptest::collection::vec(value(), 3), 0..30),
        ) {
            let flat: Vec<i64> = rows.iter().flat_map(|r| r.iter().take(k).copied()).collect();
            let n = rows.len();
            if let Some(p) = pack(&flat, n, k) {
                for i in 0..n {
                    for j in 0..n {
                        let (a, b) = (&flat[i * k..i * k + k], &flat[j * k..j * k + k]);
                        prop_assert_eq!(a.cmp(b), p[i].cmp(&p[j]), "{:?} {:?}", a, b);
                    }
                }
            } else {
                prop_assert!(k >= 2, "one key always fits");
            }
        }
    }

    #[test]
    fn small_ranges_pack() {
        let flat = [1, -2000, 10, i64::MAX, i64::MAX, 0];
        assert!(pack(&flat, 3, 2).is_some());
        assert!(pack(&[i64::MIN + 1, i64::MAX - 1, 0, 0], 2, 2).is_none());
    }
}
