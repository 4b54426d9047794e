"""berdaya: social-services partnership programs for Python.

Eligibility, agreements (PKS), beneficiaries and outcomes for a provincial social-services
office, computed by the same Rust core as the Rust crate and the WebAssembly package.

>>> from datetime import date
>>> import berdaya
>>> nik = berdaya.Nik("3514140711950002", reference_date=date(2020, 9, 9))
>>> nik.sex, nik.birth_date.isoformat(), nik.regency.name
('M', '1995-11-07', 'Kabupaten Pasuruan')
>>> nik
Nik('35**************')
"""

from berdaya._native import (
    Agreement,
    Beneficiary,
    Decision,
    Explanation,
    allocation_receipts,
    applicants_from_registry,
    Enrollments,
    Outcomes,
    report_table,
    rule_change_impact,
    suppress,
    RuleEligibility,
    Rule,
    RuleSet,
    VersionedDecision,
    VersionedRuleSet,
    check,
    context_timeline,
    Facility,
    Nik,
    Period,
    Population,
    Receipt,
    Region,
    Registry,
    __version__,
    pseudonymize,
)
from berdaya.frames import evaluate_dask, evaluate_frame, evaluate_partitions
from berdaya.display import Allocation, Report, allocate, report
from berdaya.tables import impact_ids_table, impact_table
from berdaya.errors import (
    AgreementError,
    AllocationError,
    BeneficiaryError,
    BerdayaError,
    DataImportError,
    EligibilityRuleError,
    EnrollmentError,
    InputError,
    NikError,
    OutcomeError,
    PeriodError,
    PseudonymError,
    ReceiptError,
    RegionError,
    RegistryError,
    RuleError,
    RuleVersionError,
    SnapshotError,
)

__all__ = [
    "Allocation",
    "Report",
    "impact_table",
    "impact_ids_table",
    "Receipt",
    "ReceiptError",
    "allocation_receipts",
    "evaluate_dask",
    "evaluate_frame",
    "evaluate_partitions",
    "AllocationError",
    "allocate",
    "applicants_from_registry",
    "EligibilityRuleError",
    "Enrollments",
    "EnrollmentError",
    "Outcomes",
    "OutcomeError",
    "report",
    "report_table",
    "rule_change_impact",
    "suppress",
    "RuleEligibility",
    "DataImportError",
    "Population",
    "Decision",
    "Explanation",
    "Rule",
    "RuleError",
    "RuleSet",
    "RuleVersionError",
    "VersionedDecision",
    "VersionedRuleSet",
    "check",
    "context_timeline",
    "Agreement",
    "AgreementError",
    "Beneficiary",
    "BeneficiaryError",
    "BerdayaError",
    "Facility",
    "Period",
    "PeriodError",
    "Registry",
    "RegistryError",
    "SnapshotError",
    "InputError",
    "Nik",
    "NikError",
    "PseudonymError",
    "Region",
    "RegionError",
    "__version__",
    "pseudonymize",
]
