//! The example one year on: what came of the places allocated on 9 September 2020, and the
//! outcomes report as of 9 September 2021.
//!
//! The people and their placements are those of [`allocate_2020`](super::allocate_2020);
//! what happened next is **illustrative**, not real data (nothing is known of the real
//! cohort): placements start on 1 October 2020; the job placements are employment at the
//! partner from that day; every fifth trainee (in enrollment order) drops out on
//! 15 December 2020 and the others complete the batik training on 31 March 2021 with a
//! training certificate; after completion, trainees in turn are employed at the partner
//! (3 May 2021), become self-employed (1 July 2021), employ two people (1 August 2021) or have
//! nothing recorded; scholarship holders continue their education with the partner.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDate;

use super::{allocate_2020, d};
use crate::agreement::PartyRef;
use crate::allocation::{CommitmentRef, RuleEligibility};
use crate::enrollment::Enrollments;
use crate::error::Coded;
use crate::livelihood::{Certificate, CertificateKind, EmployeeCount};
use crate::outcome::{OutcomeKind, Outcomes};
use crate::partner::Service;
use crate::registry::Registry;
use crate::report::{report, ReportOptions, ReportRow};

/// The day of the outcomes report: one year after the signing.
pub fn outcomes_day() -> NaiveDate {
    d(2021, 9, 9)
}

/// The enrollment and outcome ledgers of the example one year on (see the module docs).
///
/// # Errors
/// The code of the first error met (allocation, enrollment or outcome).
pub fn outcomes_2021(reg: &Registry) -> Result<(Enrollments, Outcomes), &'static str> {
    let alloc = allocate_2020(reg)?;
    let elig = RuleEligibility::from_registry(reg).map_err(|e| e.code())?;
    let mut ledger = Enrollments::new();
    let mut outcomes = Outcomes::new();
    let start = d(2020, 10, 1);
    let mut trainee = 0usize;
    let mut completed = 0usize;
    for p in &alloc.placements {
        let target = CommitmentRef {
            agreement: p.agreement.clone(),
            commitment: p.commitment.clone(),
        };
        let n = ledger
            .enrol(reg, &elig, &p.beneficiary, &target, super::signing_day())
            .map_err(|e| e.code())?;
        ledger.activate(n, start).map_err(|e| e.code())?;
        let agreement = reg
            .agreement(&p.agreement)
            .ok_or("scenario.unknown_agreement")?;
        let partner = agreement.parties().iter().find_map(|x| match &x.party {
            PartyRef::Partner(id) => Some(id.clone()),
            PartyRef::Agency(_) => None,
        });
        let service = agreement
            .commitments_on(start)
            .into_iter()
            .find(|c| c.id == p.commitment)
            .map(|c| c.service);
        let mut record = |ledger: &Enrollments, on: NaiveDate, kind: OutcomeKind| {
            outcomes
                .record(reg, ledger, n, on, kind)
                .map(|_| ())
                .map_err(|e| e.code())
        };
        match service {
            Some(Service::Employment) => record(
                &ledger,
                start,
                OutcomeKind::Employed {
                    partner: partner.clone(),
                    employer_kind: None,
                    employer: None,
                },
            )?,
            Some(Service::Education) => record(
                &ledger,
                start,
                OutcomeKind::ContinuedEducation {
                    partner: partner.clone(),
                    institution: None,
                },
            )?,
            Some(Service::VocationalTraining) => {
                trainee += 1;
                if trainee % 5 == 0 {
                    ledger
                        .drop_out(reg, &elig, n, d(2020, 12, 15), "moved")
                        .map_err(|e| e.code())?;
                    continue;
                }
                let done = d(2021, 3, 31);
                let certificate = Certificate {
                    kind: CertificateKind::Training,
                    title: "Membatik".to_owned(),
                    issuer: None,
                    issued_on: Some(done),
                };
                ledger
                    .complete(reg, &elig, n, done, Some(certificate.clone()))
                    .map_err(|e| e.code())?;
                record(&ledger, done, OutcomeKind::CompletedTraining)?;
                record(&ledger, done, OutcomeKind::Certified { certificate })?;
                completed += 1;
                match completed % 4 {
                    1 => record(
                        &ledger,
                        d(2021, 5, 3),
                        OutcomeKind::Employed {
                            partner: partner.clone(),
                            employer_kind: None,
                            employer: None,
                        },
                    )?,
                    2 => record(
                        &ledger,
                        d(2021, 7, 1),
                        OutcomeKind::SelfEmployed {
                            trade: Some("batik".to_owned()),
                        },
                    )?,
                    3 => record(
                        &ledger,
                        d(2021, 8, 1),
                        OutcomeKind::EmployerOf {
                            employees: EmployeeCount::new(2).map_err(|e| e.code())?,
                        },
                    )?,
                    _ => {}
                }
            }
            _ => {}
        }
    }
    Ok((ledger, outcomes))
}

fn cell(x: Option<u64>) -> String {
    x.map_or_else(|| "x".to_owned(), |n| n.to_string())
}

fn row_text(r: &ReportRow) -> String {
    let committed = r
        .committed
        .map_or(String::new(), |c| format!("committed {c}, "));
    format!(
        "{}: {committed}filled {}, waitlisted {}, completed {}, employed in 6 months {}, in 12 months {}, self-employed {}, jobs created {}",
        r.group,
        cell(r.filled),
        cell(r.waitlisted),
        cell(r.completed),
        cell(r.employed_6_months),
        cell(r.employed_12_months),
        cell(r.self_employed),
        cell(r.jobs_created),
    )
}

/// The plain-text outcomes report of the example as of [`outcomes_day`]: counts only, cells
/// below 5 people suppressed (`x`), no personal data.
pub fn outcomes_report_2021(reg: &Registry) -> String {
    let mut out = String::new();
    let on = outcomes_day();
    let _ = writeln!(out, "\n== outcomes one year later, on {on} ==");
    let (ledger, outcomes) = match outcomes_2021(reg) {
        Ok(x) => x,
        Err(code) => {
            let _ = writeln!(out, "not computed: {code}");
            return out;
        }
    };
    let _ = writeln!(
        out,
        "illustrative progression (not real data); {} enrollments, {} outcomes recorded",
        ledger.enrollments.len(),
        outcomes.len()
    );
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for r in outcomes.records.iter().filter(|r| r.on <= on) {
        *kinds.entry(r.outcome.as_str()).or_default() += 1;
    }
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
    let _ = writeln!(out, "outcomes by kind: {}", kinds.join(", "));
    let options = ReportOptions::default();
    let r = report(reg, &ledger, &outcomes, on, &options);
    let _ = writeln!(
        out,
        "cells below {} people suppressed (x), with complementary suppression down each column",
        r.min_cell
    );
    for t in &r.tables {
        let name = serde_json::to_value(t.dimension)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let _ = writeln!(out, "by {name} ({} cells suppressed):", t.suppressed);
        for row in t.rows.iter().chain(std::iter::once(&t.total)) {
            let _ = writeln!(out, "  {}", row_text(row));
        }
    }
    let _ = writeln!(
        out,
        "agreements ending within {} days: {}",
        options.expiring_within_days,
        r.expiring.len()
    );
    for e in &r.expiring {
        let _ = writeln!(
            out,
            "  {} ends {} ({} unfilled places)",
            e.agreement, e.ends_on, e.unfilled
        );
    }
    let _ = writeln!(out, "employment of persons with disabilities (UU 8/2016):");
    for q in &r.quota {
        let required = q.required.map_or("headcount not recorded".to_owned(), |n| {
            format!("{n} required")
        });
        let _ = writeln!(
            out,
            "  {}: {}% quota, {required}; employed from the programmes: {}",
            q.partner,
            q.quota_percent,
            cell(q.employed_from_programs)
        );
    }
    out
}
