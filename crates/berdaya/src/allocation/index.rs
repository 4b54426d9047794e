//! Checking a request and indexing it: commitments by position, each applicant's acceptable
//! commitments as one flat list of commitment indices (no `Vec` per applicant).
//!
//! A million applicants with five decisions and five preferences each make ten million
//! commitment references, so the look-up is the cost: an entry is first compared with the
//! commitment that follows the previous entry's (requests built commitment by commitment,
//! as `applicants_from_registry` does), a preference with the decision at the same position
//! and then the applicant's other decisions (requests that list decisions and preferences
//! alike); only what is left is hashed, with a word-at-a-time hash.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::{
    AllocationError, AllocationErrorKind as K, AllocationRequest, EligibilityOutcome, Priority,
};
use crate::ids::{AgreementId, CommitmentId};

/// A word-at-a-time multiplicative hash (as rustc's FxHash) with a final mix: fast on short
/// ids, and deterministic (the map never leaks into output order).
#[derive(Default)]
pub(crate) struct WordHasher(u64);

const K_MUL: u64 = 0x517c_c1b7_2722_0a95;

impl WordHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K_MUL);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn finish(&self) -> u64 {
        // the table takes its bucket from the low bits: fold the well-mixed high bits in
        self.0 ^ (self.0 >> 29) ^ (self.0 >> 47)
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        while let Some((w, tail)) = rest.split_first_chunk::<8>() {
            self.add(u64::from_le_bytes(*w));
            rest = tail;
        }
        // the last 0-7 bytes in one word, read as (overlapping) halves, and their count
        let n = rest.len();
        let w = if let (Some(lo), Some(hi)) = (rest.first_chunk::<4>(), rest.last_chunk::<4>()) {
            u64::from(u32::from_le_bytes(*lo)) | u64::from(u32::from_le_bytes(*hi)) << 32
        } else if let (Some(&lo), Some(&mid), Some(&hi)) =
            (rest.first(), rest.get(n / 2), rest.last())
        {
            u64::from(lo) | u64::from(mid) << 8 | u64::from(hi) << 16
        } else {
            0
        };
        self.add(w ^ (n as u64) << 59);
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

pub(crate) type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

pub(crate) fn key_str(a: &AgreementId, c: &CommitmentId) -> String {
    format!("{a}/{c}")
}

/// The checked, indexed form of a request. Applicants are in input order here.
pub(crate) struct Indexed {
    pub(crate) priority: Priority,
    /// Whether any applicant states preferences (deferred acceptance).
    pub(crate) ranked: bool,
    /// Applicant `a`'s acceptable commitments, in preference order (or request order
    /// without preferences): `lists[starts[a]..starts[a + 1]]`.
    pub(crate) starts: Vec<u32>,
    pub(crate) lists: Vec<u32>,
    /// Undetermined decisions as (applicant, commitment, index in its `eligibility`), in
    /// input order.
    pub(crate) undetermined: Vec<(u32, u32, u32)>,
}

/// Longest list of decisions searched for a preference before hashing it.
const SCAN: usize = 8;

pub(crate) fn index(req: &AllocationRequest) -> Result<Indexed, AllocationError> {
    let priority = Priority::new(req.priorities.clone())?;
    if u32::try_from(req.commitments.len()).is_err() || u32::try_from(req.applicants.len()).is_err()
    {
        return Err(K::TooLarge.into());
    }
    let ranked = req.applicants.iter().any(|a| a.preferences.is_some());
    if req.max_places_per_person == 0 || ranked && req.max_places_per_person != 1 {
        return Err(K::BadPlacesPerPerson.into());
    }
    let m = req.commitments.len();
    let mut cix: WordMap<(&str, &str), u32> =
        WordMap::with_capacity_and_hasher(m, Default::default());
    for (i, c) in req.commitments.iter().enumerate() {
        let i = u32::try_from(i).map_err(|_| AllocationError::from(K::TooLarge))?;
        if cix
            .insert((c.agreement.as_str(), c.commitment.as_str()), i)
            .is_some()
        {
            return Err(K::DuplicateCommitment {
                commitment: key_str(&c.agreement, &c.commitment),
            }
            .into());
        }
    }
    let lookup = |a: &AgreementId, c: &CommitmentId, in_preferences: bool| {
        cix.get(&(a.as_str(), c.as_str())).copied().ok_or_else(|| {
            AllocationError::from(K::UnknownCommitment {
                commitment: key_str(a, c),
                in_preferences,
            })
        })
    };
    let is = |i: u32, a: &AgreementId, c: &CommitmentId| {
        req.commitments
            .get(i as usize)
            .is_some_and(|x| x.agreement == *a && x.commitment == *c)
    };
    let total: usize = req
        .applicants
        .iter()
        .map(|a| match &a.preferences {
            Some(p) => p.len().min(a.eligibility.len()),
            None => a.eligibility.len(),
        })
        .sum();
    let mut starts: Vec<u32> = Vec::with_capacity(req.applicants.len() + 1);
    starts.push(0);
    let mut lists: Vec<u32> = Vec::with_capacity(total);
    let mut undetermined = Vec::new();
    // Stamps per commitment (the applicant that last had a decision, an eligible decision, a
    // preference for it) make each check O(1) without clearing anything between applicants.
    let mut decided = vec![usize::MAX; m];
    let mut eligible = vec![usize::MAX; m];
    let mut listed = vec![usize::MAX; m];
    // Per decision of the current applicant: its commitment.
    let mut decision_c: Vec<u32> = Vec::new();
    let mut eligible_cs: Vec<u32> = Vec::new();
    for (ai, a) in req.applicants.iter().enumerate() {
        let a32 = u32::try_from(ai).map_err(|_| AllocationError::from(K::TooLarge))?;
        decision_c.clear();
        eligible_cs.clear();
        let mut guess = 0u32;
        for (ei, e) in a.eligibility.iter().enumerate() {
            let c = if is(guess, &e.agreement, &e.commitment) {
                guess
            } else {
                lookup(&e.agreement, &e.commitment, false)?
            };
            guess = c.wrapping_add(1);
            let d = decided.get_mut(c as usize).ok_or(K::TooLarge)?;
            if *d == ai {
                return Err(K::DuplicateDecision {
                    id: a.id.to_string(),
                    commitment: key_str(&e.agreement, &e.commitment),
                }
                .into());
            }
            *d = ai;
            decision_c.push(c);
            match e.outcome {
                EligibilityOutcome::Eligible => {
                    if let Some(s) = eligible.get_mut(c as usize) {
                        *s = ai;
                    }
                    eligible_cs.push(c);
                }
                EligibilityOutcome::Undetermined => {
                    let ei = u32::try_from(ei).map_err(|_| AllocationError::from(K::TooLarge))?;
                    undetermined.push((a32, c, ei));
                }
                EligibilityOutcome::Ineligible => {}
            }
        }
        match &a.preferences {
            Some(prefs) => {
                for (j, p) in prefs.iter().enumerate() {
                    let same = |e: &super::EligibilityEntry| {
                        e.agreement == p.agreement && e.commitment == p.commitment
                    };
                    let at = match a.eligibility.get(j) {
                        Some(e) if same(e) => Some(j),
                        _ if a.eligibility.len() <= SCAN => a.eligibility.iter().position(same),
                        _ => None,
                    };
                    let c = match at.and_then(|k| decision_c.get(k)) {
                        Some(&c) => c,
                        None => lookup(&p.agreement, &p.commitment, true)?,
                    };
                    let l = listed.get_mut(c as usize).ok_or(K::TooLarge)?;
                    if *l == ai {
                        return Err(K::DuplicatePreference {
                            id: a.id.to_string(),
                            commitment: p.to_string(),
                        }
                        .into());
                    }
                    *l = ai;
                    if eligible.get(c as usize) == Some(&ai) {
                        lists.push(c);
                    }
                }
            }
            None => {
                eligible_cs.sort_unstable();
                lists.extend_from_slice(&eligible_cs);
            }
        }
        starts.push(u32::try_from(lists.len()).map_err(|_| AllocationError::from(K::TooLarge))?);
    }
    Ok(Indexed {
        priority,
        ranked,
        starts,
        lists,
        undetermined,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn h<T: Hash>(x: T) -> u64 {
        BuildHasherDefault::<WordHasher>::default().hash_one(x)
    }

    #[test]
    fn hash_separates_ids_and_their_split() {
        assert_ne!(h(("pks-2020-001", "c0")), h(("pks-2020-001", "c1")));
        assert_ne!(h(("pks-2020-001", "c0")), h(("pks-2020-00", "1c0")));
        assert_ne!(h(("a", "")), h(("", "a")));
        assert_eq!(h(("a", "b")), h(("a", "b")));
    }
}
