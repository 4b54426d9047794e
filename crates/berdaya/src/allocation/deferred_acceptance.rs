//! The textbook matching cores over dense indices, kept as oracles for the tests of the
//! one-pass allocation in `compact.rs`: applicant-proposing deferred acceptance (Gale and
//! Shapley) with binary heaps, and filling commitments one after another in priority order.
//!
//! Both take each applicant's acceptable commitments (eligible ones only) and a priority rank
//! per applicant (0 is served first, all distinct), shared by every commitment.

use std::collections::BinaryHeap;

/// Acceptable commitments per applicant, in order of preference, flattened: applicant `i`'s
/// list is `lists[starts[i]..starts[i + 1]]`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lists {
    pub(crate) starts: Vec<usize>,
    pub(crate) lists: Vec<u32>,
}

impl Lists {
    pub(crate) fn new(n: usize) -> Lists {
        let mut starts = Vec::with_capacity(n + 1);
        starts.push(0);
        Lists {
            starts,
            lists: Vec::new(),
        }
    }

    /// Closes the current applicant's list.
    pub(crate) fn finish(&mut self) {
        self.starts.push(self.lists.len());
    }

    pub(crate) fn of(&self, i: usize) -> &[u32] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.lists.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }
}

/// Applicant-proposing deferred acceptance. Returns, per applicant, the index in its list of
/// the commitment it holds at the end (`None`: unplaced). The result is the
/// applicant-optimal stable matching, so reporting true preferences is a dominant strategy.
pub(crate) fn deferred_acceptance(prefs: &Lists, rank: &[u32], places: &[u32]) -> Vec<Option<u32>> {
    let n = prefs.len();
    // held[c]: max-heap of (rank, applicant), so the worst holder is on top.
    let mut held: Vec<BinaryHeap<(u32, u32)>> = places.iter().map(|_| BinaryHeap::new()).collect();
    let mut next = vec![0u32; n];
    let mut free: Vec<u32> = (0..n).filter_map(|i| u32::try_from(i).ok()).rev().collect();
    while let Some(a) = free.pop() {
        let ai = a as usize;
        let list = prefs.of(ai);
        let Some(k) = next.get_mut(ai) else { continue };
        let Some(&c) = list.get(*k as usize) else {
            continue; // list exhausted: unplaced
        };
        *k += 1;
        let r = rank.get(ai).copied().unwrap_or(u32::MAX);
        let (Some(heap), Some(&cap)) = (held.get_mut(c as usize), places.get(c as usize)) else {
            free.push(a);
            continue;
        };
        if (heap.len() as u64) < u64::from(cap) {
            heap.push((r, a));
        } else if heap.peek().is_some_and(|&(worst, _)| r < worst) {
            if let Some((_, out)) = heap.pop() {
                free.push(out);
            }
            heap.push((r, a));
        } else {
            free.push(a);
        }
    }
    let mut out = vec![None; n];
    for heap in held {
        for (_, a) in heap {
            if let (Some(slot), Some(k)) = (out.get_mut(a as usize), next.get(a as usize)) {
                *slot = Some(k.saturating_sub(1));
            }
        }
    }
    out
}

/// Fills commitments in the given order, each with its acceptable applicants in rank order,
/// while an applicant holds fewer than `max_each` places. `candidates[c]` lists the
/// applicants of commitment `c` sorted by rank. Returns the commitments held per applicant.
pub(crate) fn fill_in_order(
    candidates: &[Vec<u32>],
    places: &[u32],
    n: usize,
    max_each: u32,
) -> Vec<Vec<u32>> {
    let mut held: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (c, (cands, &cap)) in candidates.iter().zip(places).enumerate() {
        let mut left = cap;
        for &a in cands {
            if left == 0 {
                break;
            }
            if let Some(h) = held.get_mut(a as usize) {
                if (h.len() as u64) < u64::from(max_each) {
                    h.push(u32::try_from(c).unwrap_or(u32::MAX));
                    left -= 1;
                }
            }
        }
    }
    held
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists(v: &[&[u32]]) -> Lists {
        let mut l = Lists::new(v.len());
        for x in v {
            l.lists.extend_from_slice(x);
            l.finish();
        }
        l
    }

    #[test]
    fn textbook_case() {
        // three applicants, two commitments of one place; rank 0 is best
        let prefs = lists(&[&[0, 1], &[0, 1], &[0]]);
        let out = deferred_acceptance(&prefs, &[2, 0, 1], &[1, 1]);
        // applicant 1 (rank 0) takes 0; applicant 0 is displaced to 1; applicant 2 unplaced
        assert_eq!(out, vec![Some(1), Some(0), None]);
    }

    #[test]
    fn fill_respects_max() {
        let held = fill_in_order(&[vec![0, 1], vec![0, 1]], &[1, 2], 2, 1);
        assert_eq!(held, vec![vec![0], vec![1]]);
        let held = fill_in_order(&[vec![0, 1], vec![0, 1]], &[1, 2], 2, 2);
        assert_eq!(held, vec![vec![0, 1], vec![1]]);
    }
}
