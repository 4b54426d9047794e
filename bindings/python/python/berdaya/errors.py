"""The berdaya exception hierarchy.

Every error berdaya raises for bad input is a :class:`BerdayaError` with a stable machine
``code`` (e.g. ``"nik.bad_birth_day"``), the ``field`` it concerns, and a ``span`` locating it
in the input. Errors for bad values also subclass :class:`ValueError`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional, Sequence, Union

if TYPE_CHECKING:  # pragma: no cover
    from berdaya.types import Diagnostic, ImportIssue, Span


class BerdayaError(Exception):
    """Base class of every berdaya error.

    Attributes:
        code: stable machine code, dotted snake_case, e.g. ``"nik.zero_serial"``.
        field: the field or part of the input concerned, if any.
        span: ``{"start", "end", "line", "column", "utf16_start", "utf16_end"}`` or None.
        help: longer help, if any.
        diagnostics: for rule errors, every diagnostic as a dict; else empty.
    """

    code: str
    field: Optional[str]
    span: Optional[Span]
    help: Optional[str]
    diagnostics: List[Union[Diagnostic, ImportIssue]]

    def __init__(
        self,
        message: str,
        *,
        code: str,
        field: Optional[str] = None,
        span: Optional[Span] = None,
        help: Optional[str] = None,
        diagnostics: Optional[Sequence[Union[Diagnostic, ImportIssue]]] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field
        self.span = span
        self.help = help
        self.diagnostics = list(diagnostics or [])

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (
            _rebuild,
            (type(self), self.message, self.code, self.field, self.span, self.help, self.diagnostics),
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, code={self.code!r})"


def _rebuild(cls, message, code, field, span, help, diagnostics):  # type: ignore[no-untyped-def]
    return cls(message, code=code, field=field, span=span, help=help, diagnostics=diagnostics)


class NikError(BerdayaError, ValueError):
    """A NIK that breaks a structural rule; ``field`` names the part (``province``, ...)."""


class RegionError(BerdayaError, ValueError):
    """A malformed or unknown Kemendagri region code."""


class PseudonymError(BerdayaError, ValueError):
    """A pseudonymisation key that is too short."""


class PeriodError(BerdayaError, ValueError):
    """A period whose end is before its start."""


class AgreementError(BerdayaError, ValueError):
    """An inconsistent agreement or an illegal lifecycle transition (``agreement.*``)."""


class BeneficiaryError(BerdayaError, ValueError):
    """A beneficiary record that breaks a rule (``beneficiary.*``)."""


class RegistryError(BerdayaError, ValueError):
    """A broken reference or a duplicate in the registry (``registry.*``)."""


class SnapshotError(BerdayaError, ValueError):
    """A registry snapshot that cannot be read (``snapshot.*``); ``span`` locates JSON errors."""


class RuleError(BerdayaError, ValueError):
    """A rule that does not compile: ``code`` is ``rule.invalid`` and ``diagnostics`` lists
    every diagnostic (dicts with ``code``, ``severity``, ``message``, ``message_id``,
    ``span``, ``snippet``)."""

    diagnostics: List[Diagnostic]  # type: ignore[assignment]


class RuleVersionError(BerdayaError, ValueError):
    """A rule of a versioned set that cannot be taken (``rule.version.*``): an unknown rule
    or label, a bad reference, or no version in force on the date."""


class AllocationError(BerdayaError, ValueError):
    """An allocation request that cannot be allocated (``allocation.*``: unknown priority
    fact, duplicate applicant, unknown commitment ...)."""


class EnrollmentError(BerdayaError, ValueError):
    """An enrollment refused, or a ledger change not allowed (``enrollment.*``:
    ``agreement_not_in_force``, ``not_eligible``, ``needs_information``, ``capacity_full``,
    ``illegal_transition`` ...)."""


class OutcomeError(BerdayaError, ValueError):
    """An outcome refused (``outcome.*``: ``unknown_enrollment``, ``before_enrollment``,
    ``not_completed``, ``unknown_partner``, ``duplicate``)."""


class EligibilityRuleError(BerdayaError, ValueError):
    """A commitment's eligibility rule that does not compile (``eligibility.rule_invalid``):
    the message names the agreement and commitment, ``span`` locates the first error in the
    rule's source and ``diagnostics`` lists every diagnostic."""

    diagnostics: List[Diagnostic]  # type: ignore[assignment]


class DataImportError(BerdayaError, ValueError):
    """Tabular input rejected: ``diagnostics`` lists every issue as a dict with ``row``
    (1-based data row), ``column``, ``value`` (masked for ``nik`` and ``name``), ``code`` and
    ``message``."""

    diagnostics: List[ImportIssue]  # type: ignore[assignment]


class ReceiptError(BerdayaError, ValueError):
    """A decision receipt that cannot be made, read or replayed (``receipt.*``:
    ``short_key``, ``key_mismatch``, ``unknown_beneficiary``, ``wrong_kind``,
    ``invalid_json`` ...)."""


class InputError(BerdayaError, ValueError):
    """Structured input (a dict, a record, a snapshot) that does not have the documented form."""


__all__ = [
    "AgreementError",
    "AllocationError",
    "BeneficiaryError",
    "BerdayaError",
    "DataImportError",
    "EligibilityRuleError",
    "EnrollmentError",
    "InputError",
    "NikError",
    "OutcomeError",
    "PeriodError",
    "PseudonymError",
    "ReceiptError",
    "RegionError",
    "RegistryError",
    "RuleError",
    "SnapshotError",
]
