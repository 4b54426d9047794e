//! Reports as plain data: places, completion, employment and jobs created, by agreement,
//! partner, facility, disability type, sex and regency, with small cells suppressed; the
//! agreements about to expire with their unfilled places; and the partners' employment of
//! persons with disabilities against the UU 8/2016 quota.
//!
//! The method (units counted, windows, groups, suppression) is documented in
//! `docs/reports.md`. In short: every measure counts *units* as of the report date —
//! enrollments (`filled`, `completed`, `employed_6_months`, `employed_12_months`,
//! `self_employed`), waitlist entries (`waitlisted`) — and `jobs_created` sums the employees
//! of the employers among them. Each unit falls in exactly one group of each dimension, so
//! each measure's column adds up to the total row. Cells counting 1 to `min_cell - 1` units
//! are suppressed (`null`), with complementary suppression down each column
//! ([`suppress`]). `committed` (places written in the agreements) is not about people and
//! is never suppressed.
//!
//! ```
//! use berdaya::report::{report, Dimension, ReportOptions};
//! use chrono::NaiveDate;
//! let reg = berdaya::scenario::east_java_2020()?;
//! let r = report(&reg, &berdaya::Enrollments::new(), &berdaya::outcome::Outcomes::new(),
//!                NaiveDate::from_ymd_opt(2025, 6, 10).unwrap(), &ReportOptions::default());
//! let by_agreement = r.table(Dimension::Agreement).unwrap();
//! assert_eq!(by_agreement.rows.len(), 5);
//! assert_eq!(by_agreement.total.filled, Some(0));
//! assert_eq!(r.expiring.len(), 5); // all five PKS end on 2025-09-08
//! # Ok::<(), berdaya::scenario::ScenarioError>(())
//! ```

#[cfg(feature = "arrow")]
mod arrow;
mod suppress;

#[cfg(feature = "arrow")]
pub use arrow::report_schema;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

pub use suppress::suppress;

use crate::allocation::CommitmentRef;
use crate::beneficiary::Beneficiary;
use crate::disability::{Disability, DisabilitySet};
use crate::enrollment::{Enrollment, EnrollmentState, Enrollments};
use crate::ids::{AgreementId, BeneficiaryId, CommitmentId, PartnerId};
use crate::outcome::{partner_of, OutcomeKind, Outcomes};
use crate::partner::Ownership;
use crate::registry::Registry;

/// The smallest count shown by default: cells counting 1-4 people are suppressed.
pub const DEFAULT_MIN_CELL: u32 = 5;

/// The default window for [`Report::expiring`], in days.
pub const DEFAULT_EXPIRING_WITHIN_DAYS: u32 = 90;

/// What a report is computed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ReportOptions {
    /// Cells counting at least one and fewer than this many people are suppressed (default
    /// 5; 0 or 1 suppresses nothing).
    pub min_cell: u32,
    /// Agreements in force on the report date that end within this many days are listed with
    /// their unfilled places (default 90).
    pub expiring_within_days: u32,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            min_cell: DEFAULT_MIN_CELL,
            expiring_within_days: DEFAULT_EXPIRING_WITHIN_DAYS,
        }
    }
}

/// What a table is broken down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Dimension {
    /// The agreement (PKS) of the commitment.
    Agreement,
    /// The agreement's (first) partner.
    Partner,
    /// The person's UPT on the day of enrollment (or of joining the waitlist).
    Facility,
    /// The type (*ragam*) of disability: `physical`, `intellectual`, `mental`, `sensory`,
    /// `multiple` (two or more types), `none` or `unknown`.
    Disability,
    /// Sex as recorded (else as in the NIK): `M`, `F` or `unknown`.
    Sex,
    /// The regency or city of domicile, e.g. `35.20`, or `unknown`.
    Regency,
}

impl Dimension {
    /// The wire name: `agreement`, `partner`, `facility`, `disability`, `sex`, `regency`.
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Agreement => "agreement",
            Dimension::Partner => "partner",
            Dimension::Facility => "facility",
            Dimension::Disability => "disability",
            Dimension::Sex => "sex",
            Dimension::Regency => "regency",
        }
    }
}

/// Every dimension, in report order.
pub const ALL_DIMENSIONS: [Dimension; 6] = [
    Dimension::Agreement,
    Dimension::Partner,
    Dimension::Facility,
    Dimension::Disability,
    Dimension::Sex,
    Dimension::Regency,
];

/// The measures of a table, in column order.
const MEASURES: usize = 7;

/// One row of a table: a group and its measures; `null` (None) is a suppressed cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ReportRow {
    /// The group, e.g. an agreement id, `F`, `35.20` or `unknown`; `total` for the total row.
    pub group: String,
    /// Places written in the commitments in force on the report date (agreement and partner
    /// tables only; absent where no commitment has a capacity). Never suppressed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub committed: Option<u64>,
    /// Enrollments registered by the report date and not dropped by then.
    pub filled: Option<u64>,
    /// People on a waitlist (entries since the report date or earlier).
    pub waitlisted: Option<u64>,
    /// Enrollments completed by the report date.
    pub completed: Option<u64>,
    /// Completed enrollments with work (employed, self-employed or employing others) recorded
    /// no later than 6 months after completion and by the report date.
    pub employed_6_months: Option<u64>,
    /// The same within 12 months.
    pub employed_12_months: Option<u64>,
    /// Enrollments with self-employment or employing others recorded by the report date.
    pub self_employed: Option<u64>,
    /// People employed by those who employ others (the latest count per enrollment).
    pub jobs_created: Option<u64>,
}

/// A table by one dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ReportTable {
    /// The dimension.
    pub dimension: Dimension,
    /// One row per group, in group order.
    pub rows: Vec<ReportRow>,
    /// The totals (group `total`), suppressed like any other cell.
    pub total: ReportRow,
    /// Number of suppressed cells (primary and complementary).
    pub suppressed: u32,
}

/// Unfilled places of one commitment of an expiring agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct UnfilledPlaces {
    /// The commitment.
    pub commitment: CommitmentId,
    /// Its capacity.
    pub places: u32,
    /// Places left on the report date under its capacity basis.
    pub unfilled: u32,
}

/// An agreement in force that ends soon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct ExpiringAgreement {
    /// The agreement.
    pub agreement: AgreementId,
    /// Its last day.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub ends_on: NaiveDate,
    /// Days from the report date to the last day.
    pub days_left: i64,
    /// The commitments with a capacity and their unfilled places.
    pub commitments: Vec<UnfilledPlaces>,
    /// Unfilled places in all of them.
    pub unfilled: u64,
}

/// A partner's employment of persons with disabilities against the UU 8/2016 quota.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct PartnerQuota {
    /// The partner.
    pub partner: PartnerId,
    /// Its ownership, which sets the quota.
    pub ownership: Ownership,
    /// The quota: 2 % (government, state-owned) or 1 % (private).
    pub quota_percent: u32,
    /// Its workforce, if known.
    pub headcount: Option<u32>,
    /// Employees with disabilities required (`ceil(headcount × quota)`), if the headcount
    /// is known.
    pub required: Option<u32>,
    /// Employees with disabilities it reports, if known.
    pub with_disabilities: Option<u32>,
    /// Whether the quota is met; unknown without both numbers.
    pub meets_quota: Option<bool>,
    /// Beneficiaries with employment at this partner recorded by the report date (distinct
    /// people; `null` when suppressed).
    pub employed_from_programs: Option<u64>,
}

/// A report as of a date. See the [module docs](self).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub struct Report {
    /// The report date.
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    pub as_of: NaiveDate,
    /// The smallest count shown.
    pub min_cell: u32,
    /// One table per dimension, in the order of [`ALL_DIMENSIONS`].
    pub tables: Vec<ReportTable>,
    /// Agreements in force ending within the window, by id.
    pub expiring: Vec<ExpiringAgreement>,
    /// Every partner, by id.
    pub quota: Vec<PartnerQuota>,
}

impl Report {
    /// The table by `dimension`.
    pub fn table(&self, dimension: Dimension) -> Option<&ReportTable> {
        self.tables.iter().find(|t| t.dimension == dimension)
    }
}

/// The disability group of a person for reports and impact counts: the one type (*ragam*)
/// present, `multiple` for two or more types, `none` for a known empty set, `unknown`.
pub fn disability_group(set: Option<DisabilitySet>) -> &'static str {
    let Some(set) = set else {
        return "unknown";
    };
    match set.ragam().as_slice() {
        [] => "none",
        [one] => match one {
            Disability::Physical => "physical",
            Disability::Intellectual => "intellectual",
            Disability::Mental => "mental",
            _ => "sensory",
        },
        _ => "multiple",
    }
}

const UNKNOWN: &str = "unknown";

/// The groups of one unit (enrollment or waitlist entry), one per dimension.
fn groups(
    reg: &Registry,
    person: Option<&Beneficiary>,
    agreement: &AgreementId,
    on: NaiveDate,
) -> [String; 6] {
    let data = person.map(Beneficiary::data);
    let facility = person
        .and_then(|b| b.derived(on).facility)
        .map_or_else(|| UNKNOWN.to_owned(), |f| f.to_string());
    let sex = data
        .and_then(|d| d.sex)
        .or_else(|| person.and_then(|b| b.nik()).map(|n| n.sex()))
        .map_or(UNKNOWN, |s| s.as_str());
    let regency = data
        .and_then(|d| d.domicile.as_ref())
        .and_then(|r| r.regency())
        .map_or_else(|| UNKNOWN.to_owned(), |r| r.to_string());
    [
        agreement.to_string(),
        partner_of(reg, agreement).map_or_else(|| UNKNOWN.to_owned(), |p| p.to_string()),
        facility,
        disability_group(data.and_then(|d| d.disability.map(|p| p.types))).to_owned(),
        sex.to_owned(),
        regency,
    ]
}

/// One unit's contribution: a value and a unit count per measure.
type Contribution = [(u64, u64); MEASURES];

fn state_on(e: &Enrollment, as_of: NaiveDate) -> EnrollmentState {
    match e.ended_on {
        Some(d) if d <= as_of => e.state,
        _ if e.activated_on.is_some_and(|d| d <= as_of) => EnrollmentState::Active,
        _ => EnrollmentState::Registered,
    }
}

fn enrollment_contribution(e: &Enrollment, outcomes: &Outcomes, as_of: NaiveDate) -> Contribution {
    let state = state_on(e, as_of);
    let one = |b: bool| (u64::from(b), u64::from(b));
    let mine: Vec<_> = outcomes
        .of_enrollment(e.id)
        .into_iter()
        .filter(|r| r.on <= as_of)
        .collect();
    let completed = state == EnrollmentState::Completed;
    let within = |months: u32| {
        let end = e
            .ended_on
            .and_then(|d| d.checked_add_months(Months::new(months)));
        completed
            && mine
                .iter()
                .any(|r| r.outcome.is_work() && end.is_some_and(|end| r.on <= end))
    };
    let self_employed = mine.iter().any(|r| {
        matches!(
            r.outcome,
            OutcomeKind::SelfEmployed { .. } | OutcomeKind::EmployerOf { .. }
        )
    });
    // the latest count of employees (by date, then number)
    let jobs = mine
        .iter()
        .filter_map(|r| match r.outcome {
            OutcomeKind::EmployerOf { employees } => Some((r.on, r.id, employees.get())),
            _ => None,
        })
        .max()
        .map(|(_, _, n)| u64::from(n));
    [
        one(state != EnrollmentState::Dropped),
        (0, 0),
        one(completed),
        one(within(6)),
        one(within(12)),
        one(self_employed),
        jobs.map_or((0, 0), |n| (n, 1)),
    ]
}

/// Accumulates units per group, per dimension.
#[derive(Default)]
struct Tally {
    by: [BTreeMap<String, Contribution>; 6],
}

impl Tally {
    fn add(&mut self, groups: [String; 6], c: &Contribution) {
        for (map, g) in self.by.iter_mut().zip(groups) {
            let cell = map.entry(g).or_insert([(0, 0); MEASURES]);
            for (acc, x) in cell.iter_mut().zip(c) {
                acc.0 = acc.0.saturating_add(x.0);
                acc.1 = acc.1.saturating_add(x.1);
            }
        }
    }

    fn ensure(&mut self, dim: usize, group: String) {
        if let Some(map) = self.by.get_mut(dim) {
            map.entry(group).or_insert([(0, 0); MEASURES]);
        }
    }
}

fn row(group: String, committed: Option<u64>, cells: &[Option<u64>]) -> ReportRow {
    let at = |i: usize| cells.get(i).copied().flatten();
    ReportRow {
        group,
        committed,
        filled: at(0),
        waitlisted: at(1),
        completed: at(2),
        employed_6_months: at(3),
        employed_12_months: at(4),
        self_employed: at(5),
        jobs_created: at(6),
    }
}

/// Builds one suppressed table from the groups' contributions.
fn table(
    dimension: Dimension,
    groups: &BTreeMap<String, Contribution>,
    committed: &BTreeMap<String, u64>,
    min: u64,
) -> ReportTable {
    let mut values = Vec::new();
    let mut units = Vec::new();
    let mut total = [(0u64, 0u64); MEASURES];
    for c in groups.values() {
        for (m, (v, u)) in c.iter().enumerate() {
            values.push(*v);
            units.push(*u);
            if let Some(t) = total.get_mut(m) {
                t.0 = t.0.saturating_add(*v);
                t.1 = t.1.saturating_add(*u);
            }
        }
    }
    for (v, u) in total {
        values.push(v);
        units.push(u);
    }
    let n_rows = groups.len() + 1;
    let lines: Vec<Vec<usize>> = (0..MEASURES)
        .map(|m| (0..n_rows).map(|r| r * MEASURES + m).collect())
        .collect();
    let hidden = suppress(&values, &units, &lines, min);
    let shown: Vec<Option<u64>> = values
        .iter()
        .zip(&hidden)
        .map(|(v, h)| (!h).then_some(*v))
        .collect();
    let with_committed = matches!(dimension, Dimension::Agreement | Dimension::Partner);
    let rows = groups
        .keys()
        .enumerate()
        .map(|(i, g)| {
            let c = with_committed.then(|| committed.get(g).copied()).flatten();
            let from = i * MEASURES;
            row(
                g.clone(),
                c,
                shown.get(from..from + MEASURES).unwrap_or_default(),
            )
        })
        .collect();
    let total_committed = with_committed
        .then(|| committed.values().copied().reduce(u64::saturating_add))
        .flatten();
    let from = groups.len() * MEASURES;
    ReportTable {
        dimension,
        rows,
        total: row(
            "total".to_owned(),
            total_committed,
            shown.get(from..from + MEASURES).unwrap_or_default(),
        ),
        suppressed: u32::try_from(hidden.iter().filter(|h| **h).count()).unwrap_or(u32::MAX),
    }
}

/// The report as of `as_of`. See the [module docs](self) and `docs/reports.md`.
pub fn report(
    registry: &Registry,
    enrollments: &Enrollments,
    outcomes: &Outcomes,
    as_of: NaiveDate,
    options: &ReportOptions,
) -> Report {
    let min = u64::from(options.min_cell);
    let mut tally = Tally::default();
    for e in enrollments
        .enrollments
        .iter()
        .filter(|e| e.registered_on <= as_of)
    {
        let person = registry.beneficiary(&e.beneficiary);
        let g = groups(registry, person, &e.target.agreement, e.registered_on);
        tally.add(g, &enrollment_contribution(e, outcomes, as_of));
    }
    let mut waiting = [(0, 0); MEASURES];
    if let Some(w) = waiting.get_mut(1) {
        *w = (1, 1);
    }
    for list in &enrollments.waitlists {
        for entry in list.entries.iter().filter(|e| e.since <= as_of) {
            let person = registry.beneficiary(&entry.beneficiary);
            let g = groups(registry, person, &list.target.agreement, entry.since);
            tally.add(g, &waiting);
        }
    }
    // Agreements in force (and their partners) appear even with nothing to count, with the
    // places they commit.
    let mut committed_by_agreement: BTreeMap<String, u64> = BTreeMap::new();
    let mut committed_by_partner: BTreeMap<String, u64> = BTreeMap::new();
    for a in registry.agreements_in_force_on(as_of) {
        let partner =
            partner_of(registry, a.id()).map_or_else(|| UNKNOWN.to_owned(), |p| p.to_string());
        tally.ensure(0, a.id().to_string());
        tally.ensure(1, partner.clone());
        let places = a
            .commitments_on(as_of)
            .iter()
            .filter_map(|c| c.capacity.map(|cap| u64::from(cap.places)))
            .reduce(u64::saturating_add);
        if let Some(p) = places {
            *committed_by_agreement
                .entry(a.id().to_string())
                .or_default() += p;
            *committed_by_partner.entry(partner).or_default() += p;
        }
    }
    let tables = ALL_DIMENSIONS
        .iter()
        .zip(&tally.by)
        .map(|(dim, groups)| {
            let committed = match dim {
                Dimension::Agreement => &committed_by_agreement,
                Dimension::Partner => &committed_by_partner,
                _ => &committed_by_agreement,
            };
            table(*dim, groups, committed, min)
        })
        .collect();
    Report {
        as_of,
        min_cell: options.min_cell,
        tables,
        expiring: expiring(registry, enrollments, as_of, options.expiring_within_days),
        quota: quota(registry, outcomes, as_of, min),
    }
}

fn expiring(
    reg: &Registry,
    enrollments: &Enrollments,
    as_of: NaiveDate,
    days: u32,
) -> Vec<ExpiringAgreement> {
    reg.agreements_expiring_within(as_of, days)
        .into_iter()
        .map(|(a, ends_on)| {
            let commitments: Vec<UnfilledPlaces> = a
                .commitments_on(as_of)
                .into_iter()
                .filter_map(|c| {
                    let places = c.capacity?.places;
                    let target = CommitmentRef {
                        agreement: a.id().clone(),
                        commitment: c.id.clone(),
                    };
                    let unfilled = enrollments
                        .places_left(reg, &target, as_of)
                        .ok()
                        .flatten()
                        .unwrap_or(places);
                    Some(UnfilledPlaces {
                        commitment: c.id,
                        places,
                        unfilled,
                    })
                })
                .collect();
            ExpiringAgreement {
                agreement: a.id().clone(),
                ends_on,
                days_left: (ends_on - as_of).num_days(),
                unfilled: commitments.iter().map(|c| u64::from(c.unfilled)).sum(),
                commitments,
            }
        })
        .collect()
}

fn quota(reg: &Registry, outcomes: &Outcomes, as_of: NaiveDate, min: u64) -> Vec<PartnerQuota> {
    let mut employed: BTreeMap<&PartnerId, BTreeSet<&BeneficiaryId>> = BTreeMap::new();
    for r in outcomes.records.iter().filter(|r| r.on <= as_of) {
        if let OutcomeKind::Employed {
            partner: Some(p), ..
        } = &r.outcome
        {
            employed.entry(p).or_default().insert(&r.beneficiary);
        }
    }
    reg.partners()
        .map(|p| {
            let n = employed.get(&p.id).map_or(0, |s| s.len() as u64);
            PartnerQuota {
                partner: p.id.clone(),
                ownership: p.ownership,
                quota_percent: p.ownership.quota_percent(),
                headcount: p.workforce.headcount(),
                required: p.required_disability_employees(),
                with_disabilities: p.workforce.with_disabilities(),
                meets_quota: p.meets_quota(),
                employed_from_programs: (n == 0 || n >= min).then_some(n),
            }
        })
        .collect()
}
