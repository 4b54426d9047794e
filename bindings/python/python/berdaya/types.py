"""The shapes of the dicts berdaya returns, as ``TypedDict``s (no ``Any``).

Each type mirrors the serde wire form of a type of the Rust core (the same form the
WebAssembly package's TypeScript types are generated from): keys are snake_case, dates are ISO
``YYYY-MM-DD`` strings (except where a docstring says ``datetime.date``), an optional field
that the core omits when empty is a key of a ``total=False`` part. The tests check these types
against real outputs (every key returned is declared, every required key is present), so they
stay honest when the core changes.

>>> from berdaya.types import AllocationResult
>>> def first_rank(result: AllocationResult) -> int:
...     return result["placements"][0]["rank"]

Inputs are typed ``Mapping[str, object]`` in the signatures (any JSON-like mapping; dates may
be ``datetime.date``); the request types here (``AllocationRequest``, ``Applicant``, ...) are
for annotating such inputs when you want them checked.
"""

from datetime import date
from typing import Dict, List, Literal, Optional, TypedDict, Union

__all__ = [
    "Outcome",
    "Sex",
    "Value",
    "FactValue",
    "CommitmentRef",
    "Span",
    "Diagnostic",
    "Reason",
    "DecisionDict",
    "ExplanationSentence",
    "ExplanationDict",
    "SensitiveFact",
    "Counterfactual",
    "SettlingFact",
    "RuleVersion",
    "DateSpan",
    "VersionedCounterfactual",
    "ContextTimeline",
    "NikInfo",
    "RegionInfo",
    "ImportIssue",
    "ImportReport",
    "PeriodDict",
    "Capacity",
    "PartyRef",
    "Signatory",
    "Party",
    "Commitment",
    "AgreementChange",
    "Addendum",
    "LifecycleEvent",
    "AgreementDict",
    "AgeRange",
    "VisitRestriction",
    "FacilityDict",
    "Workforce",
    "PartnerDict",
    "DisabilityProfile",
    "EducationRecord",
    "WelfareRanking",
    "CareEvent",
    "CareEpisode",
    "Livelihood",
    "Skill",
    "Certificate",
    "BeneficiaryDict",
    "DerivedFacts",
    "ExpiringSoon",
    "ServiceCommitment",
    "CareCount",
    "RegistryWarning",
    "PriorityFacts",
    "EligibilityDecision",
    "EligibilityEntry",
    "Applicant",
    "CommitmentPlaces",
    "PriorityKey",
    "AllocationRequest",
    "Placement",
    "WaitReason",
    "Unplaced",
    "NeedsInformation",
    "CommitmentResult",
    "AllocationResult",
    "CommitmentRule",
    "Enrolled",
    "Waitlisted",
    "EnrolOutcome",
    "OfferEnrolled",
    "OfferSkipped",
    "Offer",
    "EnrollmentState",
    "EnrollmentRecord",
    "WaitlistEntry",
    "Waitlist",
    "NeedsInformationEntry",
    "EnrollmentsDict",
    "OutcomeKind",
    "OutcomeRecord",
    "OutcomesDict",
    "Dimension",
    "ReportRow",
    "ReportTable",
    "UnfilledPlaces",
    "ExpiringAgreement",
    "PartnerQuota",
    "Report",
    "ImpactGroup",
    "Transition",
    "RuleChangeImpact",
    "ReceiptReason",
    "RuleStamp",
    "ReceiptAction",
    "ReceiptDict",
    "Replay",
]

# ---------------------------------------------------------------------------------------------
# Shared pieces

Outcome = Literal["eligible", "ineligible", "undetermined"]
"""The three outcomes of a decision."""

Sex = Literal["M", "F"]

Value = Union[bool, int, str, List[Union[bool, int, str]]]
"""A fact's value in a reason: yes/no, an integer, text (dates and enum values too) or a list."""

FactValue = Union[int, str]
"""A priority fact's value in an allocation (a number, or text such as a care status)."""


class CommitmentRef(TypedDict):
    """A commitment of an agreement: ``{"agreement": ..., "commitment": ...}``."""

    agreement: str
    commitment: str


class Span(TypedDict):
    """Where in the rule text: byte offsets, 1-based line and column, UTF-16 offsets."""

    start: int
    end: int
    line: int
    column: int
    utf16_start: int
    utf16_end: int


# ---------------------------------------------------------------------------------------------
# Rules, decisions, explanations


class _DiagnosticBase(TypedDict):
    code: str
    severity: Literal["error", "warning"]
    message: str
    message_id: str
    span: Span
    snippet: str


class Diagnostic(_DiagnosticBase, total=False):
    """A checker error or warning (``check``, ``Rule.warnings``, ``RuleError.diagnostics``)."""

    help: str


class _ReasonBase(TypedDict):
    clause: str
    fact: str
    op: str
    result: bool
    actual: Optional[Value]
    threshold: Optional[Value]
    span: Span


class Reason(_ReasonBase, total=False):
    """A deciding clause with the fact's actual value and the threshold (personal data:
    ``actual`` is the person's value)."""

    rule: str


class DecisionDict(TypedDict):
    """``Decision.to_dict()``."""

    outcome: Outcome
    missing: List[str]
    reasons: List[Reason]


class _SentenceBase(TypedDict):
    kind: Literal["summary", "outcome", "reason", "missing"]
    text: str
    facts: List[str]


class ExplanationSentence(_SentenceBase, total=False):
    """A sentence of an explanation."""

    clause: str
    rule: str


class ExplanationDict(TypedDict):
    """``Explanation.to_dict()``."""

    lang: Literal["en", "id"]
    form: Literal["short", "full"]
    outcome: Outcome
    text: str
    sentences: List[ExplanationSentence]


SensitiveFact = TypedDict(
    "SensitiveFact",
    {
        "fact": str,
        "input": str,
        "class": Literal["disability", "nik_derived", "welfare", "care", "demographic", "location", "livelihood"],
        "specific": bool,
        "name_en": str,
        "name_id": str,
    },
)
"""An input fact of a rule that is personal data, with its class (``Rule.sensitive_facts``)."""


RuleVersion = TypedDict(
    "RuleVersion",
    {"name": str, "label": str, "from": date, "until": Optional[date], "content_hash": str},
)
"""A version of a versioned rule, its bounds as ``datetime.date`` (``until`` None: open)."""

DateSpan = TypedDict("DateSpan", {"from": Optional[date], "until": Optional[date]})
"""A span of dates, both ends ``datetime.date`` or None (open)."""


class _CounterfactualBase(TypedDict):
    status: Literal["eligible_now", "eligible_from", "never", "unknown"]


class Counterfactual(_CounterfactualBase, total=False):
    """``Rule.eligible_from``: ``date`` (a ``datetime.date``) with ``eligible_from``,
    ``missing`` with ``unknown``."""

    date: date
    missing: List[str]


class VersionedCounterfactual(Counterfactual, total=False):
    """``VersionedRuleSet.eligible_from``: with the version that would decide."""

    version: RuleVersion


class SettlingFact(TypedDict):
    """A fact whose knowledge could settle an undetermined decision."""

    fact: str
    could_make_eligible: bool
    could_make_ineligible: bool


class ContextTimeline(TypedDict):
    """``context_timeline``: the commitment's context over time (spans with ``datetime.date``)."""

    agreement_in_force: Union[Optional[bool], List[DateSpan]]
    partner_kind: Optional[str]


# ---------------------------------------------------------------------------------------------
# NIK, regions, imports


class NikInfo(TypedDict):
    """``Nik.info()``: the derived facts (region codes, birth date, sex, serial)."""

    province: str
    regency: str
    district: str
    birth_date: str
    sex: Sex
    serial: int


class _RegionInfoBase(TypedDict):
    code: str
    level: Literal["province", "regency", "district", "village"]
    province: str


class RegionInfo(_RegionInfoBase, total=False):
    """``Region.info()``."""

    regency: str
    regency_kind: Literal["kabupaten", "kota"]
    name: str


class ImportIssue(TypedDict):
    """A bad cell of an import: 1-based row, column, the cell's text, a stable code."""

    row: int
    column: str
    value: str
    code: str
    message: str


class ImportReport(TypedDict):
    """``Population.import_report``: rows read, rows skipped, issues."""

    rows_read: int
    skipped_rows: List[int]
    issues: List[ImportIssue]


# ---------------------------------------------------------------------------------------------
# Agreements, facilities, partners, beneficiaries (the to_dict() wire forms)

PeriodDict = TypedDict("PeriodDict", {"from": str, "until": str})
"""A period, both ends included (ISO dates)."""

Ppks = Literal[
    "anak_balita_terlantar",
    "anak_terlantar",
    "anak_berhadapan_dengan_hukum",
    "anak_jalanan",
    "anak_dengan_kedisabilitasan",
    "anak_korban_tindak_kekerasan",
    "anak_yang_memerlukan_perlindungan_khusus",
    "lanjut_usia_terlantar",
    "penyandang_disabilitas",
    "tuna_susila",
    "gelandangan",
    "pengemis",
    "pemulung",
    "kelompok_minoritas",
    "bwblp",
    "odha",
    "korban_napza",
    "korban_trafficking",
    "korban_tindak_kekerasan",
    "pekerja_migran_bermasalah_sosial",
    "korban_bencana_alam",
    "korban_bencana_sosial",
    "perempuan_rawan_sosial_ekonomi",
    "fakir_miskin",
    "keluarga_bermasalah_sosial_psikologis",
    "komunitas_adat_terpencil",
]

Service = Literal[
    "education",
    "vocational_training",
    "internship",
    "employment",
    "health_service",
    "student_practicum",
    "community_service",
    "market_access",
]

Ownership = Literal["regional_government", "central_government", "state_owned", "private", "foundation"]


class Capacity(TypedDict):
    """Places of a commitment, their unit and how they are counted."""

    places: int
    unit: Literal["persons", "scholarships", "jobs", "sessions"]
    basis: Literal["concurrent", "per_year", "total"]


class _AgencyRef(TypedDict):
    agency: str


class _PartnerRef(TypedDict):
    partner: str


PartyRef = Union[_AgencyRef, _PartnerRef]
"""``{"agency": id}`` or ``{"partner": id}``."""


class _SignatoryBase(TypedDict):
    name: str
    position: str


class Signatory(_SignatoryBase, total=False):
    """Who signs for a party (an official's name and position: not a beneficiary)."""

    authority: str


class _PartyBase(TypedDict):
    party: PartyRef
    signatory: Signatory


class Party(_PartyBase, total=False):
    """A party of an agreement."""

    number: str


class _CommitmentBase(TypedDict):
    id: str
    by: PartyRef
    service: Service


class Commitment(_CommitmentBase, total=False):
    """A commitment of an agreement (``Agreement.commitments_on``)."""

    description: str
    target_facilities: List[str]
    capacity: Capacity
    period: PeriodDict
    eligibility: str
    exclusive: bool


class _ChangeBase(TypedDict):
    change: Literal["set_clause", "remove_clause", "set_commitment", "remove_commitment", "set_period"]


class AgreementChange(_ChangeBase, total=False):
    """A change of an addendum; its other keys depend on ``change``."""

    clause: str
    text: str
    commitment: Commitment
    id: str
    period: PeriodDict


class Addendum(TypedDict):
    """An addendum (amendment) of an agreement."""

    number: str
    changes: List[AgreementChange]


class _LifecycleEventBase(TypedDict):
    on: str
    event: Literal["negotiated", "approved", "signed", "suspended", "resumed", "terminated", "extended", "amended"]


class LifecycleEvent(_LifecycleEventBase, total=False):
    """A dated event of an agreement's history; its other keys depend on ``event``."""

    reason: str
    successor: str
    addendum: Addendum


class _AgreementBase(TypedDict):
    id: str
    kind: Literal["mou", "umbrella_agreement", "pks"]
    title: str
    parties: List[Party]
    period: PeriodDict


class AgreementDict(_AgreementBase, total=False):
    """``Agreement.to_dict()``."""

    parent: str
    clauses: Dict[str, str]
    commitments: List[Commitment]
    place: str
    history: List[LifecycleEvent]


class AgeRange(TypedDict, total=False):
    """An admission age range (either end may be open)."""

    min: int
    max: int


class VisitRestriction(TypedDict):
    """A period a facility is closed to some visitors."""

    period: PeriodDict
    reason: str
    categories: List[Literal["family", "official", "public"]]


class _FacilityBase(TypedDict):
    id: str
    agency: str
    name: str
    kind: str
    cluster: Literal["disability", "children_youth", "elderly", "social_exclusion", "napza", "other"]
    region: str
    residential: bool


class FacilityDict(_FacilityBase, total=False):
    """``Facility.to_dict()`` (``kind`` is a facility kind such as ``rehsos_bina_netra``)."""

    short_code: str
    capacity: int
    admission_age: AgeRange
    target_ppks: List[Ppks]
    visit_restrictions: List[VisitRestriction]


class Workforce(TypedDict, total=False):
    """A partner's headcount and employees with disabilities."""

    headcount: int
    with_disabilities: int


class _PartnerBase(TypedDict):
    id: str
    name: str
    kind: Literal["university", "health_college", "polytechnic", "hospital", "business", "ngo", "government_unit"]
    ownership: Ownership
    region: str


class PartnerDict(_PartnerBase, total=False):
    """``Registry.partner(id)``."""

    address: str
    signatory_title: str
    services: List[Service]
    workforce: Workforce


class _DisabilityProfileBase(TypedDict):
    types: List[str]


class DisabilityProfile(_DisabilityProfileBase, total=False):
    """A beneficiary's disabilities (personal data)."""

    assessed_by_medical: bool
    assessed_on: str


class EducationRecord(TypedDict, total=False):
    """A beneficiary's education."""

    level: str
    via_paket: Literal["a", "b", "c"]
    slb: bool


class WelfareRanking(TypedDict):
    """A DTKS/DTSEN welfare decile."""

    source: Literal["dtks", "dtsen"]
    decile: int
    as_of: str


class CareEvent(TypedDict):
    """A dated step of a care episode."""

    on: str
    stage: Literal[
        "applicant", "assessment", "resident", "graduated", "alumnus", "referred", "returned_to_family", "left", "died"
    ]


class CareEpisode(TypedDict):
    """A stay at a facility."""

    facility: str
    events: List[CareEvent]


class _LivelihoodBase(TypedDict):
    kind: Literal["unemployed", "employed", "self_employed", "employer"]


class Livelihood(_LivelihoodBase, total=False):
    """How a beneficiary makes a living; its other keys depend on ``kind``."""

    partner: str
    employer: str
    trade: str
    employees: int


class _SkillBase(TypedDict):
    name: str


class Skill(_SkillBase, total=False):
    """A skill and where it was learnt."""

    learnt_at: str


class _CertificateBase(TypedDict):
    kind: Literal["rehabilitation_completion", "competency", "training", "diploma", "other"]
    title: str


class Certificate(_CertificateBase, total=False):
    """A certificate (of a completed enrollment or a beneficiary)."""

    issuer: str
    issued_on: str


class _BeneficiaryBase(TypedDict):
    id: str
    registered_on: str


class BeneficiaryDict(_BeneficiaryBase, total=False):
    """``Beneficiary.to_dict()``: personal data, asked for explicitly."""

    nik: str
    name: str
    sex: Sex
    birth_date: str
    domicile: str
    ppks: List[Ppks]
    disability: DisabilityProfile
    education: EducationRecord
    welfare: List[WelfareRanking]
    care: List[CareEpisode]
    livelihood: Livelihood
    skills: List[Skill]
    certificates: List[Certificate]


CareStatus = Literal["applicant", "resident", "alumnus", "none"]
EmploymentStatus = Literal["unemployed", "employed", "self_employed", "employer"]


class DerivedFacts(TypedDict):
    """``Beneficiary.derived(as_of)``."""

    as_of: str
    age: Optional[int]
    care_status: Optional[CareStatus]
    days_in_care: Optional[int]
    days_since_discharge: Optional[int]
    facility: Optional[str]
    decile: Optional[int]
    employment: Optional[EmploymentStatus]
    deceased: bool
    warnings: List[Literal["nik_birth_date_mismatch", "nik_sex_mismatch", "birth_after_as_of", "admitted_outside_age_range"]]


class ExpiringSoon(TypedDict):
    """``Registry.agreements_expiring_within``: an agreement and its last day."""

    agreement: str
    until: str


class ServiceCommitment(TypedDict):
    """``Registry.commitments_by_service``: an agreement's id and the whole commitment."""

    agreement: str
    commitment: Commitment


class CareCount(TypedDict):
    """``Registry.care_counts``: people of a facility with a care status."""

    facility: str
    care_status: CareStatus
    count: int


class RegistryWarning(TypedDict):
    """``Registry.warnings``: a beneficiary id and the warning's code (no personal data)."""

    beneficiary: str
    code: str


# ---------------------------------------------------------------------------------------------
# Allocation


class PriorityFacts(TypedDict, total=False):
    """An applicant's priority facts (each may be unknown)."""

    age: int
    dtks_decile: int
    days_in_care: int
    days_since_discharge: int
    care_status: CareStatus
    employment: EmploymentStatus
    education: str


class _EligibilityDecisionBase(TypedDict):
    outcome: Outcome


class EligibilityDecision(_EligibilityDecisionBase, total=False):
    """A decision for a person and a commitment (``RuleEligibility.decide``; also what an
    eligibility callable returns)."""

    missing: List[str]
    rule_version: str


class _EligibilityEntryBase(CommitmentRef):
    outcome: Outcome


class EligibilityEntry(_EligibilityEntryBase, total=False):
    """An applicant's eligibility for one commitment."""

    missing: List[str]
    rule_version: str


class _ApplicantBase(TypedDict):
    id: str
    facts: PriorityFacts
    eligibility: List[EligibilityEntry]


class Applicant(_ApplicantBase, total=False):
    """An applicant of an allocation (``applicants_from_registry`` returns these)."""

    preferences: List[CommitmentRef]


class CommitmentPlaces(CommitmentRef):
    """A commitment's places in an allocation request."""

    places: int


class _PriorityKeyBase(TypedDict):
    fact: str
    order: Union[str, List[str]]


class PriorityKey(_PriorityKeyBase, total=False):
    """A priority key: ``order`` is ``"asc"``, ``"desc"`` or the values in order."""

    nulls: Literal["first", "last"]


class _AllocationRequestBase(TypedDict):
    seed: str
    commitments: List[CommitmentPlaces]
    applicants: List[Applicant]


class AllocationRequest(_AllocationRequestBase, total=False):
    """The request of ``allocate`` (annotate a request with it to have it checked)."""

    priorities: List[PriorityKey]
    max_places_per_person: int


class _PlacementBase(CommitmentRef):
    beneficiary: str
    rank: int
    of: int
    places: int
    priority: List[Optional[FactValue]]
    lottery: str


class Placement(_PlacementBase, total=False):
    """A person placed in a commitment: rank among its applicants (1 first) of ``of``, the
    priority values and the lottery draw that ordered them."""

    choice: int
    rule_version: str


class WaitReason(CommitmentRef):
    """Why a person was not placed in a commitment: rank, places and waitlist position."""

    rank: int
    of: int
    places: int
    waitlist_position: int


class Unplaced(TypedDict):
    """A person placed nowhere, with a reason per commitment."""

    beneficiary: str
    priority: List[Optional[FactValue]]
    lottery: str
    reasons: List[WaitReason]


class NeedsInformation(CommitmentRef):
    """A person whose eligibility for a commitment was undetermined, and the facts missing."""

    beneficiary: str
    missing: List[str]


class CommitmentResult(CommitmentRef):
    """A commitment's places, applicants, people placed and waitlist (ids, in order)."""

    places: int
    applicants: int
    placed: List[str]
    waitlist: List[str]


class AllocationResult(TypedDict):
    """The result of ``allocate``."""

    seed: str
    mode: Literal["priority_order", "deferred_acceptance"]
    priority_facts: List[str]
    commitments: List[CommitmentResult]
    placements: List[Placement]
    unplaced: List[Unplaced]
    needs_information: List[NeedsInformation]


# ---------------------------------------------------------------------------------------------
# Enrollment


class CommitmentRule(CommitmentRef):
    """``RuleEligibility.rules()``: a commitment with a rule and the rule's content hash."""

    rule_version: str


class Enrolled(TypedDict):
    """``enrol_or_wait``: enrolled, with the enrollment's number."""

    outcome: Literal["enrolled"]
    enrollment: int


class Waitlisted(TypedDict):
    """``enrol_or_wait``: put on the waitlist at ``position`` (1 first)."""

    outcome: Literal["waitlisted"]
    position: int


EnrolOutcome = Union[Enrolled, Waitlisted]


class OfferEnrolled(TypedDict):
    """A freed place offered to the waitlist and taken."""

    outcome: Literal["enrolled"]
    beneficiary: str
    enrollment: int


class OfferSkipped(TypedDict):
    """A person on the waitlist skipped (no longer eligible, ...): the refusal's code."""

    outcome: Literal["skipped"]
    beneficiary: str
    code: str


Offer = Union[OfferEnrolled, OfferSkipped]

EnrollmentState = Literal["registered", "active", "completed", "dropped"]


class _EnrollmentBase(TypedDict):
    id: int
    beneficiary: str
    target: CommitmentRef
    state: EnrollmentState
    registered_on: str


class EnrollmentRecord(_EnrollmentBase, total=False):
    """An enrollment (``Enrollments.get``, ``.enrollments``)."""

    activated_on: str
    ended_on: str
    drop_reason: str
    certificate: Certificate
    rule_version: str


class WaitlistEntry(TypedDict):
    """A person on a waitlist since a date."""

    beneficiary: str
    since: str


class Waitlist(TypedDict):
    """A commitment's waitlist, first in line first."""

    target: CommitmentRef
    entries: List[WaitlistEntry]


class NeedsInformationEntry(TypedDict):
    """A person whose eligibility was undetermined when enrolling."""

    beneficiary: str
    target: CommitmentRef
    missing: List[str]
    on: str


class EnrollmentsDict(TypedDict, total=False):
    """``Enrollments.to_dict()``, readable by ``Enrollments(data)``."""

    enrollments: List[EnrollmentRecord]
    waitlists: List[Waitlist]
    needs_information: List[NeedsInformationEntry]


# ---------------------------------------------------------------------------------------------
# Outcomes


class _OutcomeKindBase(TypedDict):
    kind: Literal[
        "completed_training", "certified", "employed", "self_employed", "employer_of", "continued_education"
    ]


class OutcomeKind(_OutcomeKindBase, total=False):
    """An outcome; its other keys depend on ``kind``."""

    certificate: Certificate
    partner: str
    employer_kind: Ownership
    employer: str
    trade: str
    employees: int
    institution: str


class OutcomeRecord(TypedDict):
    """A dated outcome attributed to an enrollment and its agreement."""

    id: int
    beneficiary: str
    enrollment: int
    agreement: str
    commitment: str
    on: str
    outcome: OutcomeKind


class OutcomesDict(TypedDict, total=False):
    """``Outcomes.to_dict()``, readable by ``Outcomes(data)``."""

    records: List[OutcomeRecord]


# ---------------------------------------------------------------------------------------------
# Reports and impact

Dimension = Literal["agreement", "partner", "facility", "disability", "sex", "regency"]


class _ReportRowBase(TypedDict):
    group: str
    filled: Optional[int]
    waitlisted: Optional[int]
    completed: Optional[int]
    employed_6_months: Optional[int]
    employed_12_months: Optional[int]
    self_employed: Optional[int]
    jobs_created: Optional[int]


class ReportRow(_ReportRowBase, total=False):
    """A row of a report table; ``None`` is a suppressed cell. ``committed`` only where the
    dimension has places (agreement, partner, facility)."""

    committed: int


class ReportTable(TypedDict):
    """A report table by one dimension, with its total and the number of suppressed cells."""

    dimension: Dimension
    rows: List[ReportRow]
    total: ReportRow
    suppressed: int


class UnfilledPlaces(TypedDict):
    """A commitment's places and how many are unfilled."""

    commitment: str
    places: int
    unfilled: int


class ExpiringAgreement(TypedDict):
    """An agreement ending soon, with its unfilled places."""

    agreement: str
    ends_on: str
    days_left: int
    commitments: List[UnfilledPlaces]
    unfilled: int


class PartnerQuota(TypedDict):
    """A partner against the UU 8/2016 employment quota (None: unknown)."""

    partner: str
    ownership: Ownership
    quota_percent: int
    headcount: Optional[int]
    required: Optional[int]
    with_disabilities: Optional[int]
    meets_quota: Optional[bool]
    employed_from_programs: Optional[int]


class Report(TypedDict):
    """The result of ``report``."""

    as_of: str
    min_cell: int
    tables: List[ReportTable]
    expiring: List[ExpiringAgreement]
    quota: List[PartnerQuota]


class ImpactGroup(TypedDict):
    """People whose outcome changes one way: count, ids, counts by facility, disability and
    regency."""

    count: int
    ids: List[str]
    by_facility: Dict[str, int]
    by_disability: Dict[str, int]
    by_regency: Dict[str, int]


class Transition(TypedDict):
    """How many people go from one outcome to another."""

    before: Outcome
    after: Outcome
    count: int


class RuleChangeImpact(TypedDict):
    """The result of ``rule_change_impact``."""

    as_of: str
    population: int
    gains: ImpactGroup
    losses: ImpactGroup
    becomes_undetermined: ImpactGroup
    leaves_undetermined: ImpactGroup
    transitions: List[Transition]


# ---------------------------------------------------------------------------------------------
# Receipts


class _ReceiptReasonBase(TypedDict):
    clause: str
    fact: str
    op: str
    result: bool


class ReceiptReason(_ReceiptReasonBase, total=False):
    """A deciding clause of a receipt, without values."""

    rule: str


class _RuleStampBase(TypedDict):
    content_hash: str


class RuleStamp(_RuleStampBase, total=False):
    """The rule a receipt's decision used."""

    version: str


class _ReceiptActionBase(TypedDict):
    action: Literal["enrolled", "waitlisted", "refused", "placed", "not_placed", "not_considered"]


class ReceiptAction(_ReceiptActionBase, total=False):
    """What was done; its other keys depend on ``action``."""

    enrollment: int
    position: int
    code: str
    rank: int
    of: int
    places: int
    waitlist_position: int


class _ReceiptBase(TypedDict):
    schema: str
    kind: Literal["rule", "enrollment", "allocation"]
    subject: str
    as_of: str
    key_id: str
    facts: Dict[str, str]
    input_digest: str
    outcome: Outcome


class ReceiptDict(_ReceiptBase, total=False):
    """``Receipt.to_dict()``: digests, no personal data."""

    target: CommitmentRef
    rule: RuleStamp
    missing: List[str]
    reasons: List[ReceiptReason]
    action: ReceiptAction


class _ReplayBase(TypedDict):
    status: Literal["holds", "changed", "subject_erased", "subject_missing"]


class Replay(_ReplayBase, total=False):
    """``Receipt.replay``: ``changed`` has ``facts``, ``rule_changed``, ``outcome`` and
    ``new_outcome``; ``subject_erased`` has ``erased_on``."""

    facts: List[str]
    rule_changed: bool
    outcome: Outcome
    new_outcome: Outcome
    erased_on: str
