//! The compact result of an allocation: applicants and commitments referred to by their
//! positions in the request, in a few flat arrays, with the wire types
//! ([`Placement`], [`Unplaced`], [`CommitmentResult`], ...) built on demand.
//!
//! [`allocate`](super::allocate) is [`allocate_compact`] followed by
//! [`CompactAllocation::to_allocation`]; at a million applicants the full [`Allocation`]
//! (millions of small heap objects: reasons, waitlist entries, priority values, lottery
//! strings) costs more than the allocation itself, and the compact form lets a caller
//! build only what it shows.
//!
//! How it is computed (applicant `r` below is the `r`-th in priority order):
//! 1. the request is checked and indexed: each applicant's acceptable commitments as
//!    commitment indices, in preference order, in one flat list;
//! 2. lottery numbers, the duplicate-id check and the global priority order;
//! 3. the lists are gathered into priority order, so that everything after reads them
//!    front to back;
//! 4. one pass in priority order places people and numbers ranks and waitlists. Every
//!    commitment ranks its applicants by the same priority, so applicant-proposing deferred
//!    acceptance ends where serving applicants one after another in priority order, each
//!    taking its most preferred commitment with a place left, ends (serial dictatorship:
//!    nobody served later can displace anybody served earlier); the rank of an applicant in
//!    a commitment and its waitlist position are counters of that commitment at the time
//!    the applicant is served. Without preferences and with several places per person,
//!    commitments are first filled one after another in request order.

use std::fmt;

use super::index::{index, WordMap};
use super::order::priority_order;
use super::priority::SeededLottery;
use super::{
    Allocation, AllocationError, AllocationErrorKind, AllocationMode, AllocationRequest, Applicant,
    CommitmentPlaces, CommitmentResult, EligibilityOutcome, FactValue, NeedsInformation, Placement,
    Priority, Unplaced, WaitReason,
};

/// `wait` of an entry whose commitment holds the applicant.
const HELD: u32 = u32::MAX;

/// One acceptable commitment of one applicant.
#[derive(Debug, Clone, Copy)]
struct Entry {
    commitment: u32,
    /// Rank among the commitment's applicants, 1 first.
    rank: u32,
    /// Waitlist position, 1 first; 0: not waiting; [`HELD`]: placed there.
    wait: u32,
}

/// The result of [`allocate_compact`]: who got which place, ranks and waitlists, referring
/// to the request's applicants and commitments by their positions (0-based indices into
/// `request.applicants` and `request.commitments`).
///
/// It borrows the request, holds a few flat arrays (no heap object per applicant), and
/// builds the wire types of [`Allocation`] on demand, for one applicant or commitment or
/// for all of them ([`to_allocation`](Self::to_allocation) gives exactly what
/// [`allocate`](super::allocate) returns).
///
/// ```
/// use berdaya::allocation::{allocate, allocate_compact, AllocationRequest};
/// let req: AllocationRequest = serde_json::from_value(serde_json::json!({
///   "seed": "2020-1",
///   "priorities": [{"fact": "dtks_decile", "order": "asc"}],
///   "commitments": [{"agreement": "pks-a", "commitment": "jobs", "places": 1}],
///   "applicants": [
///     {"id": "pm-1", "facts": {"dtks_decile": 3},
///      "eligibility": [{"agreement": "pks-a", "commitment": "jobs", "outcome": "eligible"}]},
///     {"id": "pm-2", "facts": {"dtks_decile": 1},
///      "eligibility": [{"agreement": "pks-a", "commitment": "jobs", "outcome": "eligible"}]}]
/// })).unwrap();
/// let out = allocate_compact(&req)?;
/// // by position: applicant 1 (pm-2) holds commitment 0, applicant 0 waits first
/// assert_eq!(out.placed_in(0), &[1]);
/// assert_eq!(out.waitlist_of(0), &[0]);
/// assert_eq!(out.places_of(1).collect::<Vec<_>>(), vec![0]);
/// assert_eq!(out.priority_order(), &[1, 0]);
/// // the wire types, for one applicant
/// let p = out.placements_of(1).next().unwrap();
/// assert_eq!((p.beneficiary.as_str(), p.rank, p.of), ("pm-2", 1, 2));
/// let u = out.unplaced_of(0).unwrap();
/// assert_eq!(u.reasons[0].message(), "rank 2 of 2 for 1 place under pks-a/jobs");
/// // or all of them: the same as `allocate`
/// assert_eq!(out.to_allocation(), allocate(&req)?);
/// # Ok::<(), berdaya::allocation::AllocationError>(())
/// ```
pub struct CompactAllocation<'r> {
    req: &'r AllocationRequest,
    priority: Priority,
    mode: AllocationMode,
    /// Applicant indices in priority order.
    order: Vec<u32>,
    /// Per applicant: its position in `order`.
    position: Vec<u32>,
    /// Per applicant: its lottery number.
    lotteries: Vec<u64>,
    /// The `r`-th applicant in priority order has `entries[starts[r]..starts[r + 1]]`.
    starts: Vec<u32>,
    entries: Vec<Entry>,
    /// Per commitment: its applicants, who holds it and who waits, in rank order.
    applicants: Vec<u32>,
    placed: Vec<Vec<u32>>,
    waitlist: Vec<Vec<u32>>,
    /// Undetermined decisions as (applicant, index in its `eligibility`), in output order.
    undetermined: Vec<(u32, u32)>,
    placements: usize,
    unplaced: usize,
}

impl fmt::Debug for CompactAllocation<'_> {
    // counts only: ids stay out of logs
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CompactAllocation")
            .field("mode", &self.mode)
            .field("applicants", &self.order.len())
            .field("commitments", &self.applicants.len())
            .field("placements", &self.placements)
            .field("unplaced", &self.unplaced)
            .field("needs_information", &self.undetermined.len())
            .finish_non_exhaustive()
    }
}

/// Allocates the places of a request, with the result in compact form: the same
/// allocation as [`allocate`](super::allocate), whose wire types are built on demand.
///
/// # Errors
/// As [`allocate`](super::allocate).
pub fn allocate_compact(req: &AllocationRequest) -> Result<CompactAllocation<'_>, AllocationError> {
    let ix = index(req)?;
    let n = req.applicants.len();
    let m = req.commitments.len();
    let seeded = SeededLottery::new(&req.seed);
    let lotteries: Vec<u64> = req
        .applicants
        .iter()
        .map(|a| seeded.number(a.id.as_str()))
        .collect();
    check_unique_ids(req, &lotteries)?;
    let order = priority_order(req, &ix.priority, &lotteries);
    let mut position = vec![0u32; n];
    for (&a, r) in order.iter().zip(0u32..) {
        if let Some(p) = position.get_mut(a as usize) {
            *p = r;
        }
    }
    // The lists in priority order.
    let mut starts: Vec<u32> = Vec::with_capacity(n + 1);
    starts.push(0);
    let mut entries: Vec<Entry> = Vec::with_capacity(ix.lists.len());
    for &a in &order {
        let a = a as usize;
        let list = match (ix.starts.get(a), ix.starts.get(a + 1)) {
            (Some(&s), Some(&e)) => ix.lists.get(s as usize..e as usize).unwrap_or(&[]),
            _ => &[],
        };
        entries.extend(list.iter().map(|&commitment| Entry {
            commitment,
            rank: 0,
            wait: 0,
        }));
        // no longer than `ix.lists`, whose length fits
        starts.push(u32::try_from(entries.len()).unwrap_or(u32::MAX));
    }
    let places: Vec<u32> = req.commitments.iter().map(|c| c.places).collect();
    let max = req.max_places_per_person;
    let serial = ix.ranked || max == 1;
    if !serial {
        fill_in_order(&starts, &mut entries, &places, max);
    }
    let mut left = places;
    let mut applicants = vec![0u32; m];
    let mut placed: Vec<Vec<u32>> = vec![Vec::new(); m];
    let mut waitlist: Vec<Vec<u32>> = vec![Vec::new(); m];
    let (mut placements, mut unplaced) = (0usize, 0usize);
    for (r, &a) in order.iter().enumerate() {
        let (Some(&s), Some(&e)) = (starts.get(r), starts.get(r + 1)) else {
            continue;
        };
        let Some(row) = entries.get_mut(s as usize..e as usize) else {
            continue;
        };
        if serial {
            let room = row
                .iter_mut()
                .find(|e| left.get(e.commitment as usize).is_some_and(|&l| l > 0));
            if let Some(e) = room {
                if let Some(l) = left.get_mut(e.commitment as usize) {
                    *l -= 1;
                }
                e.wait = HELD;
            }
        }
        let held = row.iter().filter(|e| e.wait == HELD).count();
        let first_held = row.iter().position(|e| e.wait == HELD).unwrap_or(row.len());
        placements += held;
        unplaced += usize::from(held == 0 && !row.is_empty());
        // Waiting for a commitment makes sense unless placed there, or (with preferences)
        // somewhere preferred, or (without) as often as allowed.
        let waits_for = |k: usize| {
            if ix.ranked {
                k < first_held
            } else {
                (held as u64) < u64::from(max)
            }
        };
        for (k, e) in row.iter_mut().enumerate() {
            let c = e.commitment as usize;
            let (Some(of), Some(p), Some(w)) = (
                applicants.get_mut(c),
                placed.get_mut(c),
                waitlist.get_mut(c),
            ) else {
                continue;
            };
            *of += 1;
            e.rank = *of;
            if e.wait == HELD {
                p.push(a);
            } else if waits_for(k) {
                w.push(a);
                e.wait = u32::try_from(w.len()).unwrap_or(u32::MAX - 1);
            }
        }
    }
    let mut undetermined: Vec<(u32, u32, u32)> = ix
        .undetermined
        .iter()
        .map(|&(a, c, ei)| (position.get(a as usize).copied().unwrap_or(0), c, ei))
        .collect();
    undetermined.sort_unstable();
    let undetermined = undetermined
        .into_iter()
        .filter_map(|(r, _, ei)| Some((*order.get(r as usize)?, ei)))
        .collect();
    Ok(CompactAllocation {
        req,
        priority: ix.priority,
        mode: if ix.ranked {
            AllocationMode::DeferredAcceptance
        } else {
            AllocationMode::PriorityOrder
        },
        order,
        position,
        lotteries,
        starts,
        entries,
        applicants,
        placed,
        waitlist,
        undetermined,
        placements,
        unplaced,
    })
}

/// `allocation.duplicate_applicant` for the first applicant (in input order) whose id came
/// before. Equal ids have equal lottery numbers, so the numbers are sorted and the ids are
/// only looked at when two numbers are equal (for distinct ids, a 64-bit collision).
fn check_unique_ids(req: &AllocationRequest, lotteries: &[u64]) -> Result<(), AllocationError> {
    let mut sorted = lotteries.to_vec();
    sorted.sort_unstable();
    if sorted.windows(2).all(|w| w.first() != w.get(1)) {
        return Ok(());
    }
    drop(sorted);
    let mut ids: WordMap<&str, ()> =
        WordMap::with_capacity_and_hasher(req.applicants.len(), Default::default());
    for a in &req.applicants {
        if ids.insert(a.id.as_str(), ()).is_some() {
            return Err(AllocationErrorKind::DuplicateApplicant {
                id: a.id.to_string(),
            }
            .into());
        }
    }
    Ok(())
}

/// Without preferences and with up to `max` places per person: fills the commitments in
/// request order, each with its applicants in priority order while they hold fewer than
/// `max` places; marks the entries held.
fn fill_in_order(starts: &[u32], entries: &mut [Entry], places: &[u32], max: u32) {
    let m = places.len();
    // entry indices per commitment, in priority order (a CSR table)
    let mut first = vec![0usize; m + 1];
    for e in entries.iter() {
        if let Some(x) = first.get_mut(e.commitment as usize + 1) {
            *x += 1;
        }
    }
    for c in 0..m {
        let before = first.get(c).copied().unwrap_or(0);
        if let Some(x) = first.get_mut(c + 1) {
            *x += before;
        }
    }
    let mut next = first.clone();
    let mut by_commitment = vec![(0u32, 0u32); entries.len()];
    for (r, w) in starts.windows(2).enumerate() {
        let (Some(&s), Some(&e)) = (w.first(), w.get(1)) else {
            continue;
        };
        for i in s..e {
            let Some(c) = entries.get(i as usize).map(|x| x.commitment as usize) else {
                continue;
            };
            if let (Some(at), Some(r)) = (next.get_mut(c), u32::try_from(r).ok()) {
                if let Some(slot) = by_commitment.get_mut(*at) {
                    *slot = (r, i);
                }
                *at += 1;
            }
        }
    }
    let mut held = vec![0u32; starts.len().saturating_sub(1)];
    for (c, &cap) in places.iter().enumerate() {
        let (Some(&s), Some(&e)) = (first.get(c), first.get(c + 1)) else {
            continue;
        };
        let mut left = cap;
        for &(r, i) in by_commitment.get(s..e).unwrap_or(&[]) {
            if left == 0 {
                break;
            }
            if let (Some(h), Some(entry)) = (held.get_mut(r as usize), entries.get_mut(i as usize))
            {
                if *h < max {
                    *h += 1;
                    entry.wait = HELD;
                    left -= 1;
                }
            }
        }
    }
}

/// `x` as 16 lower-case hex digits (as `format!("{x:016x}")`, without the formatting
/// machinery: it runs once per applicant).
pub(crate) fn hex(x: u64) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(16);
    for i in (0..16).rev() {
        let d = DIGITS.get(((x >> (4 * i)) & 0xf) as usize).copied();
        s.push(char::from(d.unwrap_or(b'0')));
    }
    s
}

impl<'r> CompactAllocation<'r> {
    /// The request allocated.
    pub fn request(&self) -> &'r AllocationRequest {
        self.req
    }

    /// How places were allocated.
    pub fn mode(&self) -> AllocationMode {
        self.mode
    }

    /// The applicants (indices into `request.applicants`) in priority order: priority keys,
    /// then lottery, then id.
    pub fn priority_order(&self) -> &[u32] {
        &self.order
    }

    /// An applicant's lottery number ([`lottery`](super::lottery)`(seed, id)`).
    pub fn lottery(&self, applicant: usize) -> Option<u64> {
        self.lotteries.get(applicant).copied()
    }

    /// How many places were given.
    pub fn placement_count(&self) -> usize {
        self.placements
    }

    /// How many eligible applicants got no place.
    pub fn unplaced_count(&self) -> usize {
        self.unplaced
    }

    /// The applicants of a commitment (eligible, and ranking it when preferences are used).
    pub fn applicant_count(&self, commitment: usize) -> Option<u32> {
        self.applicants.get(commitment).copied()
    }

    /// The applicants placed in a commitment, in rank order (indices into
    /// `request.applicants`; empty for an index out of range).
    pub fn placed_in(&self, commitment: usize) -> &[u32] {
        self.placed.get(commitment).map_or(&[], Vec::as_slice)
    }

    /// A commitment's waitlist, in order (indices into `request.applicants`).
    pub fn waitlist_of(&self, commitment: usize) -> &[u32] {
        self.waitlist.get(commitment).map_or(&[], Vec::as_slice)
    }

    /// The commitments (indices into `request.commitments`) where an applicant got a place,
    /// in request order without preferences (at most one with them).
    pub fn places_of(&self, applicant: usize) -> impl Iterator<Item = usize> + '_ {
        self.row_of(applicant)
            .iter()
            .filter(|e| e.wait == HELD)
            .map(|e| e.commitment as usize)
    }

    /// The entries of the applicant at position `r` of the priority order.
    fn row(&self, r: usize) -> &[Entry] {
        match (self.starts.get(r), self.starts.get(r + 1)) {
            (Some(&s), Some(&e)) => self.entries.get(s as usize..e as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    fn row_of(&self, applicant: usize) -> &[Entry] {
        self.position
            .get(applicant)
            .map_or(&[], |&r| self.row(r as usize))
    }

    fn commitment_places(&self, c: u32) -> Option<&'r CommitmentPlaces> {
        self.req.commitments.get(c as usize)
    }

    /// The placements of an applicant (none, one, or up to `max_places_per_person`), in
    /// request order of the commitments.
    pub fn placements_of(&self, applicant: usize) -> std::vec::IntoIter<Placement> {
        let mut out = Vec::new();
        self.push_placements(applicant, &mut out);
        out.into_iter()
    }

    fn push_placements(&self, a: usize, out: &mut Vec<Placement>) {
        let row = self.row_of(a);
        let mut held = row.iter().filter(|e| e.wait == HELD).count();
        let Some(app) = self.req.applicants.get(a) else {
            return;
        };
        if held == 0 {
            return;
        }
        let mut priority = self.priority.values(&app.facts);
        let mut lottery = hex(self.lottery(a).unwrap_or(0));
        for e in row.iter().filter(|e| e.wait == HELD) {
            held -= 1;
            let Some(cp) = self.commitment_places(e.commitment) else {
                continue;
            };
            let is_cp = |a: &super::AgreementId, c: &super::CommitmentId| {
                *a == cp.agreement && *c == cp.commitment
            };
            let choice = app.preferences.as_ref().and_then(|ps| {
                let p = ps.iter().position(|p| is_cp(&p.agreement, &p.commitment))?;
                u32::try_from(p).ok()?.checked_add(1)
            });
            let rule_version = app
                .eligibility
                .iter()
                .find(|x| {
                    x.outcome == EligibilityOutcome::Eligible && is_cp(&x.agreement, &x.commitment)
                })
                .and_then(|x| x.rule_version.clone());
            let (priority, lottery) = if held == 0 {
                (std::mem::take(&mut priority), std::mem::take(&mut lottery))
            } else {
                (priority.clone(), lottery.clone())
            };
            out.push(Placement {
                beneficiary: app.id.clone(),
                agreement: cp.agreement.clone(),
                commitment: cp.commitment.clone(),
                rank: e.rank,
                of: self.applicant_count(e.commitment as usize).unwrap_or(0),
                places: cp.places,
                choice,
                rule_version,
                priority,
                lottery,
            });
        }
    }

    fn reason(&self, e: &Entry) -> Option<WaitReason> {
        let cp = self.commitment_places(e.commitment)?;
        Some(WaitReason {
            agreement: cp.agreement.clone(),
            commitment: cp.commitment.clone(),
            rank: e.rank,
            of: self.applicant_count(e.commitment as usize).unwrap_or(0),
            places: cp.places,
            waitlist_position: e.wait,
        })
    }

    /// An eligible applicant without a place, with a reason per commitment it applied for
    /// (in preference, or request, order); `None` when placed or eligible nowhere.
    pub fn unplaced_of(&self, applicant: usize) -> Option<Unplaced> {
        let row = self.row_of(applicant);
        if row.is_empty() || row.iter().any(|e| e.wait == HELD) {
            return None;
        }
        let app: &Applicant = self.req.applicants.get(applicant)?;
        Some(Unplaced {
            beneficiary: app.id.clone(),
            priority: self.priority.values(&app.facts),
            lottery: hex(self.lottery(applicant)?),
            reasons: row.iter().filter_map(|e| self.reason(e)).collect(),
        })
    }

    /// The outcome for one commitment (by its index in `request.commitments`).
    pub fn commitment(&self, commitment: usize) -> Option<CommitmentResult> {
        let cp = self.req.commitments.get(commitment)?;
        let ids = |v: &[u32]| {
            v.iter()
                .filter_map(|&a| Some(self.req.applicants.get(a as usize)?.id.clone()))
                .collect()
        };
        Some(CommitmentResult {
            agreement: cp.agreement.clone(),
            commitment: cp.commitment.clone(),
            places: cp.places,
            applicants: self.applicant_count(commitment)?,
            placed: ids(self.placed_in(commitment)),
            waitlist: ids(self.waitlist_of(commitment)),
        })
    }

    /// Every commitment's outcome, in request order.
    pub fn commitments(&self) -> impl Iterator<Item = CommitmentResult> + '_ {
        (0..self.req.commitments.len()).filter_map(|c| self.commitment(c))
    }

    /// Every placement: in priority order, then commitment order.
    pub fn placements(&self) -> impl Iterator<Item = Placement> + '_ {
        self.order
            .iter()
            .flat_map(|&a| self.placements_of(a as usize))
    }

    /// Every eligible applicant without a place, in priority order.
    pub fn unplaced(&self) -> impl Iterator<Item = Unplaced> + '_ {
        self.order
            .iter()
            .filter_map(|&a| self.unplaced_of(a as usize))
    }

    /// Every undetermined decision: in priority order, then commitment order.
    pub fn needs_information(&self) -> impl Iterator<Item = NeedsInformation> + '_ {
        self.undetermined.iter().filter_map(|&(a, ei)| {
            let app = self.req.applicants.get(a as usize)?;
            let e = app.eligibility.get(ei as usize)?;
            Some(NeedsInformation {
                beneficiary: app.id.clone(),
                agreement: e.agreement.clone(),
                commitment: e.commitment.clone(),
                missing: e.missing.clone(),
            })
        })
    }

    /// The values of the priority's facts for an applicant, in key order.
    pub fn priority_values(&self, applicant: usize) -> Option<Vec<Option<FactValue>>> {
        let app = self.req.applicants.get(applicant)?;
        Some(self.priority.values(&app.facts))
    }

    /// The full wire form: exactly what [`allocate`](super::allocate) returns.
    pub fn to_allocation(&self) -> Allocation {
        let mut placements = Vec::with_capacity(self.placements);
        for &a in &self.order {
            self.push_placements(a as usize, &mut placements);
        }
        let mut unplaced = Vec::with_capacity(self.unplaced);
        unplaced.extend(self.unplaced());
        Allocation {
            seed: self.req.seed.clone(),
            mode: self.mode,
            priority_facts: self.req.priorities.iter().map(|k| k.fact.clone()).collect(),
            commitments: self.commitments().collect(),
            placements,
            unplaced,
            needs_information: self.needs_information().collect(),
        }
    }
}

impl From<CompactAllocation<'_>> for Allocation {
    fn from(c: CompactAllocation<'_>) -> Allocation {
        c.to_allocation()
    }
}

impl From<&CompactAllocation<'_>> for Allocation {
    fn from(c: &CompactAllocation<'_>) -> Allocation {
        c.to_allocation()
    }
}

#[cfg(test)]
mod tests {
    use super::super::deferred_acceptance::{
        deferred_acceptance, fill_in_order as textbook_fill, Lists,
    };
    use super::super::{index::index, Applicant, CommitmentPlaces, EligibilityEntry};
    use super::*;
    use crate::ids::{AgreementId, BeneficiaryId, CommitmentId};
    use proptest::prelude::*;

    /// Decile, eligible per commitment, stated preferences.
    type Person = (u8, Vec<bool>, Option<Vec<usize>>);

    fn request(places: &[u32], people: &[Person], max: u32) -> AllocationRequest {
        let c = |i: usize| {
            (
                AgreementId::new("pks").unwrap(),
                CommitmentId::new(format!("c{i}")).unwrap(),
            )
        };
        AllocationRequest {
            seed: "s".into(),
            commitments: places
                .iter()
                .enumerate()
                .map(|(i, &places)| CommitmentPlaces {
                    agreement: c(i).0,
                    commitment: c(i).1,
                    places,
                })
                .collect(),
            applicants: people
                .iter()
                .enumerate()
                .map(|(i, (decile, el, prefs))| Applicant {
                    id: BeneficiaryId::new(format!("pm-{i}")).unwrap(),
                    facts: super::super::PriorityFacts {
                        dtks_decile: Some(*decile),
                        ..Default::default()
                    },
                    eligibility: el
                        .iter()
                        .enumerate()
                        .map(|(k, &ok)| EligibilityEntry {
                            agreement: c(k).0,
                            commitment: c(k).1,
                            outcome: if ok {
                                EligibilityOutcome::Eligible
                            } else {
                                EligibilityOutcome::Ineligible
                            },
                            missing: vec![],
                            rule_version: None,
                        })
                        .collect(),
                    preferences: prefs.as_ref().map(|ps| {
                        ps.iter()
                            .map(|&k| super::super::CommitmentRef {
                                agreement: c(k).0,
                                commitment: c(k).1,
                            })
                            .collect()
                    }),
                })
                .collect(),
            priorities: serde_json::from_str(r#"[{"fact": "dtks_decile", "order": "asc"}]"#)
                .unwrap(),
            max_places_per_person: max,
        }
    }

    /// Held commitments per applicant by the textbook algorithms (heap-based deferred
    /// acceptance; filling commitments one after another).
    fn textbook(req: &AllocationRequest) -> Vec<Vec<usize>> {
        let ix = index(req).unwrap();
        let lot: Vec<u64> = req
            .applicants
            .iter()
            .map(|a| super::super::lottery(&req.seed, a.id.as_str()))
            .collect();
        let order = priority_order(req, &ix.priority, &lot);
        let mut rank = vec![0u32; order.len()];
        for (r, &a) in order.iter().enumerate() {
            rank[a as usize] = r as u32;
        }
        let mut lists = Lists::new(order.len());
        for a in 0..order.len() {
            lists
                .lists
                .extend_from_slice(&ix.lists[ix.starts[a] as usize..ix.starts[a + 1] as usize]);
            lists.finish();
        }
        let places: Vec<u32> = req.commitments.iter().map(|c| c.places).collect();
        if ix.ranked || req.max_places_per_person == 1 {
            deferred_acceptance(&lists, &rank, &places)
                .into_iter()
                .enumerate()
                .map(|(a, k)| {
                    k.map(|k| vec![lists.of(a)[k as usize] as usize])
                        .unwrap_or_default()
                })
                .collect()
        } else {
            let mut cands: Vec<Vec<u32>> = vec![Vec::new(); places.len()];
            for &a in &order {
                for &c in lists.of(a as usize) {
                    cands[c as usize].push(a);
                }
            }
            textbook_fill(&cands, &places, order.len(), req.max_places_per_person)
                .into_iter()
                .map(|mut v| {
                    v.sort_unstable();
                    v.into_iter().map(|c| c as usize).collect()
                })
                .collect()
        }
    }

    fn person(m: usize) -> impl Strategy<Value = Person> {
        (
            1u8..4,
            proptest::collection::vec(any::<bool>(), m),
            proptest::option::of(Just((0..m).collect::<Vec<_>>()).prop_shuffle()),
            0..=m,
        )
            .prop_map(|(d, el, prefs, k)| (d, el, prefs.map(|p| p.into_iter().take(k).collect())))
    }

    proptest! {
        /// The one-pass allocation (serial dictatorship; filling by counters) places exactly
        /// as the textbook algorithms do.
        #[test]
        fn one_pass_matches_the_textbook_algorithms(
            (places, people) in (1usize..6).prop_flat_map(|m| (
                proptest::collection::vec(0u32..4, m),
                proptest::collection::vec(person(m), 0..30),
            )),
            max in 1u32..4,
            ranked in any::<bool>(),
        ) {
            let mut people = people;
            if !ranked {
                for p in &mut people { p.2 = None; }
            }
            let max = if people.iter().any(|p| p.2.is_some()) { 1 } else { max };
            let req = request(&places, &people, max);
            let out = allocate_compact(&req).unwrap();
            let want = textbook(&req);
            for (a, w) in want.iter().enumerate() {
                prop_assert_eq!(&out.places_of(a).collect::<Vec<_>>(), w, "applicant {}", a);
            }
        }
    }

    #[test]
    fn hex_is_the_zero_padded_lower_case_form() {
        for x in [0, 1, 0xabc, 0x0123_4567_89ab_cdef, u64::MAX, 1 << 63] {
            assert_eq!(hex(x), format!("{x:016x}"));
        }
    }
}
