//! Receipts of enrollment and allocation decisions, and their replay against a registry.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::{
    input_values, issue, Inputs, Receipt, ReceiptAction, ReceiptError, ReceiptErrorKind,
    ReceiptKey, ReceiptKind, Replay,
};
use crate::allocation::{
    Allocation, AllocationRequest, CommitmentRef, EligibilityOutcome, RuleEligibility, RuleOn,
};
use crate::beneficiary::Beneficiary;
use crate::enrollment::{EnrolOutcome, Enrollments, Offer};
use crate::error::Coded;
use crate::ids::BeneficiaryId;
use crate::registry::Registry;
use crate::rules::Facts;

/// Every commitment decision reads whether the agreement is in force (the ledger refuses
/// otherwise), whatever the rule says.
const ALWAYS: &str = "agreement_in_force";

/// The input behind each priority fact of an allocation.
fn priority_input(fact: &str) -> Option<&'static str> {
    Some(match fact {
        "age" => "birth_date",
        "dtks_decile" => "dtks_decile",
        "days_in_care" => "residence_since",
        "days_since_discharge" => "discharged_on",
        "care_status" => "care_status",
        "employment" => "employment",
        "education" => "education",
        _ => return None,
    })
}

/// Which input facts a receipt digests.
enum Read<'a> {
    /// Those the rule reads, the agreement's status, and these.
    RuleAnd(&'a BTreeSet<String>),
    /// Exactly these (a replay under the same rule).
    Exactly(&'a BTreeSet<String>),
}

/// The receipt of the eligibility of `b` for `target` as of `as_of` under the registry's
/// commitment rules.
fn commitment_receipt(
    kind: ReceiptKind,
    b: &Beneficiary,
    target: &CommitmentRef,
    as_of: NaiveDate,
    rules: &RuleEligibility,
    key: &ReceiptKey,
    inputs: Read<'_>,
) -> Receipt {
    let facts = Facts::from_beneficiary(b, as_of);
    let ctx = rules.context_on(target, as_of);
    let (rule, read) = match rules.rule_on(target, as_of) {
        RuleOn::Absent => (Err(EligibilityOutcome::Ineligible), BTreeSet::new()),
        RuleOn::Open => (Err(EligibilityOutcome::Eligible), BTreeSet::new()),
        RuleOn::Rule(r, hash, read) => (Ok((r, hash, None)), read.clone()),
    };
    let names = match inputs {
        Read::Exactly(i) => i.clone(),
        Read::RuleAnd(extra) => {
            let mut n = read;
            n.insert(ALWAYS.to_owned());
            n.extend(extra.iter().cloned());
            n
        }
    };
    let inp = Inputs {
        kind,
        subject: b.id(),
        target: Some(target),
        as_of,
        rule,
        values: input_values(&facts, &ctx, &names),
    };
    issue(&inp, key, &facts, &ctx)
}

fn person<'r>(reg: &'r Registry, b: &BeneficiaryId) -> Result<&'r Beneficiary, ReceiptError> {
    reg.beneficiary(b)
        .ok_or_else(|| ReceiptErrorKind::UnknownBeneficiary(b.to_string()).into())
}

impl Receipt {
    /// Re-derives an enrollment or allocation receipt from `registry` (its commitment rules
    /// compiled afresh) and says whether the decision still holds. The as-of date is the
    /// receipt's: a replay asks whether the records, as they are now, still give the same
    /// decision for that day.
    ///
    /// # Errors
    /// `receipt.key_mismatch`, `receipt.wrong_kind` (a `rule` receipt: use
    /// [`Receipt::replay_facts`]), `receipt.rule_invalid`.
    pub fn replay(&self, registry: &Registry, key: &ReceiptKey) -> Result<Replay, ReceiptError> {
        self.check_key(key)?;
        let rules = RuleEligibility::from_registry(registry)
            .map_err(|e| ReceiptErrorKind::RuleInvalid(e.to_string()))?;
        self.replay_with(registry, &rules, key)
    }

    /// As [`Receipt::replay`], with the commitment rules already compiled.
    ///
    /// # Errors
    /// `receipt.key_mismatch`, `receipt.wrong_kind`.
    pub fn replay_with(
        &self,
        registry: &Registry,
        rules: &RuleEligibility,
        key: &ReceiptKey,
    ) -> Result<Replay, ReceiptError> {
        self.check_key(key)?;
        let Some(target) = &self.target else {
            return Err(ReceiptErrorKind::WrongKind {
                kind: self.kind.as_str(),
                with: "with its rule and facts",
            }
            .into());
        };
        if let Some(erased_on) = registry.erased_on(&self.subject) {
            return Ok(Replay::SubjectErased { erased_on });
        }
        let Some(b) = registry.beneficiary(&self.subject) else {
            return Ok(Replay::SubjectMissing);
        };
        let same_rule = match (rules.rule_on(target, self.as_of), &self.rule) {
            (RuleOn::Rule(_, hash, _), Some(s)) => hash == s.content_hash,
            (RuleOn::Rule(..), None) | (_, Some(_)) => false,
            (_, None) => true,
        };
        let mine: BTreeSet<String> = self.facts.keys().cloned().collect();
        let extra: BTreeSet<String> = if self.kind == ReceiptKind::Allocation {
            // keep the priority inputs the receipt read
            mine.clone()
        } else {
            BTreeSet::new()
        };
        let now = commitment_receipt(
            self.kind,
            b,
            target,
            self.as_of,
            rules,
            key,
            if same_rule {
                Read::Exactly(&mine)
            } else {
                Read::RuleAnd(&extra)
            },
        );
        Ok(self.compare(&now))
    }
}

impl Enrollments {
    fn receipt(
        reg: &Registry,
        rules: &RuleEligibility,
        key: &ReceiptKey,
        b: &BeneficiaryId,
        target: &CommitmentRef,
        on: NaiveDate,
    ) -> Result<Receipt, ReceiptError> {
        Ok(commitment_receipt(
            ReceiptKind::Enrollment,
            person(reg, b)?,
            target,
            on,
            rules,
            key,
            Read::RuleAnd(&BTreeSet::new()),
        ))
    }

    /// [`Enrollments::enrol`] under the registry's commitment rules, returning the decision's
    /// receipt: its `action` is `enrolled` or `refused` with the refusal's code. The ledger
    /// changes exactly as with `enrol`.
    ///
    /// # Errors
    /// `receipt.unknown_beneficiary` (then nothing is decided or changed).
    ///
    /// # Examples
    /// ```
    /// use berdaya::allocation::RuleEligibility;
    /// use berdaya::receipt::{ReceiptAction, ReceiptKey, Replay};
    /// use berdaya::{scenario, Enrollments};
    /// use chrono::NaiveDate;
    ///
    /// let reg = scenario::east_java_2020()?;
    /// let rules = RuleEligibility::from_registry(&reg)?;
    /// let key = ReceiptKey::new(b"dinsos-jatim receipts 2020")?;
    /// let (target, _) = rules.rules().next().unwrap();
    /// let who = reg.beneficiaries().next().unwrap().id().clone();
    /// let on = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
    /// let mut ledger = Enrollments::new();
    /// let receipt = ledger.enrol_with_receipt(&reg, &rules, &key, &who, &target, on)?;
    /// assert!(receipt.action.is_some());
    /// assert_eq!(receipt.replay(&reg, &key)?, Replay::Holds);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn enrol_with_receipt(
        &mut self,
        reg: &Registry,
        rules: &RuleEligibility,
        key: &ReceiptKey,
        b: &BeneficiaryId,
        target: &CommitmentRef,
        on: NaiveDate,
    ) -> Result<Receipt, ReceiptError> {
        let mut r = Self::receipt(reg, rules, key, b, target, on)?;
        r.action = Some(match self.enrol(reg, rules, b, target, on) {
            Ok(enrollment) => ReceiptAction::Enrolled { enrollment },
            Err(e) => ReceiptAction::Refused {
                code: e.code().to_owned(),
            },
        });
        Ok(r)
    }

    /// [`Enrollments::enrol_or_wait`] with the decision's receipt (`enrolled`, `waitlisted`
    /// or `refused`).
    ///
    /// # Errors
    /// `receipt.unknown_beneficiary`.
    pub fn enrol_or_wait_with_receipt(
        &mut self,
        reg: &Registry,
        rules: &RuleEligibility,
        key: &ReceiptKey,
        b: &BeneficiaryId,
        target: &CommitmentRef,
        on: NaiveDate,
    ) -> Result<Receipt, ReceiptError> {
        let mut r = Self::receipt(reg, rules, key, b, target, on)?;
        r.action = Some(match self.enrol_or_wait(reg, rules, b, target, on) {
            Ok(EnrolOutcome::Enrolled { enrollment }) => ReceiptAction::Enrolled { enrollment },
            Ok(EnrolOutcome::Waitlisted { position }) => ReceiptAction::Waitlisted { position },
            Err(e) => ReceiptAction::Refused {
                code: e.code().to_owned(),
            },
        });
        Ok(r)
    }

    /// [`Enrollments::offer_places`] with one receipt per person offered a place.
    pub fn offer_places_with_receipts(
        &mut self,
        reg: &Registry,
        rules: &RuleEligibility,
        key: &ReceiptKey,
        target: &CommitmentRef,
        on: NaiveDate,
    ) -> (Vec<Offer>, Vec<Receipt>) {
        let offers = self.offer_places(reg, rules, target, on);
        let receipts = offers
            .iter()
            .filter_map(|o| {
                let (b, action) = match o {
                    Offer::Enrolled {
                        beneficiary,
                        enrollment,
                    } => (
                        beneficiary,
                        ReceiptAction::Enrolled {
                            enrollment: *enrollment,
                        },
                    ),
                    Offer::Skipped { beneficiary, code } => {
                        (beneficiary, ReceiptAction::Refused { code: code.clone() })
                    }
                };
                let mut r = Self::receipt(reg, rules, key, b, target, on).ok()?;
                r.action = Some(action);
                Some(r)
            })
            .collect();
        (offers, receipts)
    }
}

/// The receipts of an allocation: one per applicant and commitment the applicant has a
/// decision for, in request order, with eligibility re-derived from the registry's
/// commitment rules as of `as_of`, the inputs of the priority keys among the digested facts,
/// and the action the allocation took (`placed`, `not_placed` with rank and waitlist
/// position, or `not_considered`).
///
/// # Errors
/// `receipt.unknown_beneficiary` for an applicant not in the registry.
pub fn allocation_receipts(
    registry: &Registry,
    rules: &RuleEligibility,
    key: &ReceiptKey,
    request: &AllocationRequest,
    allocation: &Allocation,
    as_of: NaiveDate,
) -> Result<Vec<Receipt>, ReceiptError> {
    let extra: BTreeSet<String> = request
        .priorities
        .iter()
        .filter_map(|k| priority_input(&k.fact))
        .map(str::to_owned)
        .collect();
    let mut out = Vec::new();
    for a in &request.applicants {
        let b = person(registry, &a.id)?;
        for e in &a.eligibility {
            let target = CommitmentRef {
                agreement: e.agreement.clone(),
                commitment: e.commitment.clone(),
            };
            let mut r = commitment_receipt(
                ReceiptKind::Allocation,
                b,
                &target,
                as_of,
                rules,
                key,
                Read::RuleAnd(&extra),
            );
            let placed = allocation.placements.iter().find(|p| {
                p.beneficiary == a.id
                    && p.agreement == target.agreement
                    && p.commitment == target.commitment
            });
            let waiting = allocation
                .unplaced
                .iter()
                .filter(|u| u.beneficiary == a.id)
                .flat_map(|u| u.reasons.iter())
                .find(|w| w.agreement == target.agreement && w.commitment == target.commitment);
            r.action = Some(match (placed, waiting) {
                (Some(p), _) => ReceiptAction::Placed {
                    rank: p.rank,
                    of: p.of,
                    places: p.places,
                },
                (None, Some(w)) => ReceiptAction::NotPlaced {
                    rank: w.rank,
                    of: w.of,
                    places: w.places,
                    waitlist_position: w.waitlist_position,
                },
                (None, None) => ReceiptAction::NotConsidered,
            });
            out.push(r);
        }
    }
    Ok(out)
}
