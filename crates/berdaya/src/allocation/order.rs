//! The global priority order of an allocation's applicants: priority keys, then the lottery
//! number, then the id (ids are unique, so the order is total and input order never matters).
//!
//! The keys are computed once into a flat array; for up to [`INLINE`] keys each applicant's
//! key, lottery number and index are sorted inline (no indirection, cache-friendly), which is
//! what a million applicants need.

use super::{AllocationRequest, Priority};

/// Most keys sorted inline.
const INLINE: usize = 3;

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
    if k <= INLINE {
        let mut rows: Vec<([i64; INLINE], u64, u32)> = (0..n)
            .filter_map(|i| {
                let mut key = [0i64; INLINE];
                for (dst, src) in key.iter_mut().zip(flat.get(i * k..i * k + k)?) {
                    *dst = *src;
                }
                Some((key, lotteries.get(i).copied()?, u32::try_from(i).ok()?))
            })
            .collect();
        rows.sort_unstable_by(|x, y| {
            (x.0, x.1)
                .cmp(&(y.0, y.1))
                .then_with(|| id(x.2).cmp(&id(y.2)))
        });
        rows.into_iter().map(|r| r.2).collect()
    } else {
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
}
