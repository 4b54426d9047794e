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
    allocate,
    applicants_from_registry,
    Enrollments,
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
    Region,
    Registry,
    __version__,
    pseudonymize,
)
from berdaya.frames import evaluate_dask, evaluate_frame, evaluate_partitions
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
    PeriodError,
    PseudonymError,
    RegionError,
    RegistryError,
    RuleError,
    RuleVersionError,
    SnapshotError,
)

__all__ = [
    "evaluate_dask",
    "evaluate_frame",
    "evaluate_partitions",
    "AllocationError",
    "allocate",
    "applicants_from_registry",
    "EligibilityRuleError",
    "Enrollments",
    "EnrollmentError",
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
