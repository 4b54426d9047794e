#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(not(test), forbid(unsafe_code))]

pub mod agreement;
pub mod allocation;
pub mod atensi;
pub mod batch;
pub mod beneficiary;
pub mod disability;
pub mod education;
pub mod enrollment;
pub mod erasure;
pub mod error;
pub mod facility;
pub mod ids;
pub mod impact;
pub mod livelihood;
pub mod nik;
pub mod outcome;
pub mod partner;
pub mod period;
pub mod population;
pub mod ppks;
pub mod pseudonym;
pub mod receipt;
pub mod region;
pub mod registry;
pub mod report;
pub mod rules;
pub mod rules_bridge;
pub mod scenario;
pub mod sex;
pub mod snapshot;
pub mod snapshot_file;
pub mod vocab;
pub mod welfare;

pub use agreement::{
    Agreement, AgreementData, AgreementError, AgreementKind, AgreementStatus, Commitment,
    LifecycleEvent,
};
pub use allocation::{
    allocate, Allocation, AllocationError, AllocationRequest, CommitmentRef, Eligibility,
    EligibilityDecision, EligibilityOutcome, Priority,
};
pub use beneficiary::{Beneficiary, BeneficiaryData, BeneficiaryError, DerivedFacts, FactWarning};
pub use enrollment::{Enrollment, EnrollmentError, EnrollmentState, Enrollments};
pub use error::{Coded, ErrorReport, Span};
pub use facility::{Agency, Facility, VisitorCategory};
pub use ids::{AgencyId, AgreementId, BeneficiaryId, CommitmentId, FacilityId, PartnerId};
pub use impact::{rule_change_impact, RuleChangeImpact};
pub use livelihood::Livelihood;
pub use nik::{Nik, NikError, NikErrorKind, NikInfo, NikPart};
pub use outcome::{OutcomeError, OutcomeKind, OutcomeRecord, Outcomes};
pub use partner::{Ownership, Partner, PartnerKind, Service};
pub use period::Period;
pub use population::Population;
pub use ppks::Ppks;
pub use pseudonym::{pseudonymize, PseudonymError};
pub use receipt::{Receipt, ReceiptError, ReceiptKey, Replay};
pub use region::{RegionCode, RegionError, RegionErrorKind, RegionInfo, RegionLevel};
pub use registry::{Registry, RegistryError};
pub use report::{report, Report, ReportOptions};
pub use rules::{check, Decision, Diagnostic, Outcome, Reason, Rule, RuleError, RuleSet, Severity};
pub use sex::{Sex, SexError};
pub use snapshot::SnapshotError;
pub use snapshot_file::SnapshotFileError;

/// The workspace README's Rust quickstart, compiled and run as a doc test.
#[doc = include_str!("../../../README.md")]
#[cfg(doctest)]
pub struct WorkspaceReadme;
