"""Personal data never shows in `repr` or `str` of any public class (issue 11).

Every public class of `berdaya` must be registered in SAMPLES with a factory that builds an
instance holding a known NIK, name and birth date; the test fails when a new public class is
not registered, so a new type cannot skip the check. (The Rust side is
crates/berdaya/tests/personal_data.rs; to_dict()/to_json() are explicit exports and may carry
the data.)
"""

from __future__ import annotations

import inspect
from datetime import date
from typing import Any, Callable, Dict, List

import berdaya

NIK = "3514140711950002"
NAME = "Contoh Rahasia"
BIRTH = "1995-11-07"
SECRETS = [NIK, NAME, BIRTH, "07/11/1995", "Rahasia", "Contoh Satu"]
AS_OF = date(2020, 9, 9)
KEY = b"0123456789abcdef-office-key"
PERSON = {"id": "pm-9", "nik": NIK, "name": NAME, "birth_date": BIRTH, "disabilities": ["rungu"]}


def _registry() -> Any:
    # holds pm-0001 "Contoh Satu" with the same NIK
    return berdaya.Registry.east_java_2020()


def _beneficiary() -> Any:
    return berdaya.Beneficiary(
        {"id": "pm-9", "registered_on": AS_OF, "nik": NIK, "name": NAME, "birth_date": BIRTH}
    )


def _decision() -> Any:
    return berdaya.Rule("age >= 18 and disabilities has rungu").evaluate(PERSON, as_of=AS_OF)


def _allocation() -> Any:
    # pm-0001 ("Contoh Satu", the NIK above) applies with everybody else.
    reg = _registry()
    rules = berdaya.RuleEligibility(reg)
    jobs = {"agreement": "pks-2020-batik-wistara", "commitment": "jobs"}
    applicants = berdaya.applicants_from_registry(reg, reg.beneficiary_ids(), [jobs], rules, AS_OF)
    return berdaya.allocate({"seed": "s", "commitments": [{**jobs, "places": 3}], "applicants": applicants})


def _report() -> Any:
    reg = _registry()
    rules = berdaya.RuleEligibility(reg)
    ledger = berdaya.Enrollments()
    target = {"agreement": "pks-2020-batik-wistara", "commitment": "batik-training"}
    for b in reg.beneficiary_ids():
        try:
            ledger.enrol(reg, rules, b, target, AS_OF)
        except berdaya.EnrollmentError:
            pass
    return berdaya.report(reg, ledger, berdaya.Outcomes(), AS_OF, min_cell=1)


SAMPLES: Dict[str, Callable[[], List[Any]]] = {
    "Nik": lambda: [berdaya.Nik(NIK, reference_date=AS_OF)],
    "Region": lambda: [berdaya.Region("35.14")],
    "Period": lambda: [berdaya.Period(date(2020, 9, 9), date(2025, 9, 8))],
    "Beneficiary": lambda: [_beneficiary()],
    "Registry": lambda: [_registry()],
    "Agreement": lambda: [_registry().agreement(a) for a in _registry().agreement_ids()],
    "Facility": lambda: [_registry().facility(_registry().facility_ids()[0])],
    "Rule": lambda: [berdaya.Rule("age >= 18")],
    "RuleSet": lambda: [berdaya.RuleSet("rule r = age >= 18")],
    "VersionedRuleSet": lambda: [berdaya.VersionedRuleSet("rule r @v1 from 2020-01-01 = age >= 18")],
    "Decision": lambda: [_decision()],
    "Explanation": lambda: [_decision().explain(lang="id", form="full"), _decision().explain(lang="en", form="short")],
    "VersionedDecision": lambda: [
        berdaya.VersionedRuleSet("rule r @v1 from 2020-01-01 = age >= 18").evaluate("r", PERSON, as_of=AS_OF)
    ],
    "Population": lambda: [berdaya.Population.from_records([PERSON], reference_date=AS_OF)],
    "RuleEligibility": lambda: [berdaya.RuleEligibility(_registry())],
    "Enrollments": lambda: [berdaya.Enrollments()],
    "Outcomes": lambda: [berdaya.Outcomes()],
    "Allocation": lambda: [_allocation()],
    "Report": lambda: [_report()],
    "Receipt": lambda: [
        berdaya.Receipt.for_rule(berdaya.Rule("age >= 18"), PERSON, as_of=AS_OF, subject="pm-9", key=KEY)
    ],
}


def _public_classes() -> List[str]:
    return sorted(
        n
        for n in berdaya.__all__
        if inspect.isclass(getattr(berdaya, n)) and not issubclass(getattr(berdaya, n), BaseException)
    )


def test_every_public_class_is_registered() -> None:
    missing = [n for n in _public_classes() if n not in SAMPLES]
    assert not missing, f"register these public classes in SAMPLES: {missing}"


def test_repr_and_str_show_no_personal_data() -> None:
    for name in _public_classes():
        for obj in SAMPLES[name]():
            assert obj is not None, name
            for text in (repr(obj), str(obj)):
                leaked = [s for s in SECRETS if s in text]
                assert not leaked, f"{name}: {leaked} in {text[:200]!r}"
            html = getattr(obj, "_repr_html_", None)
            if html is not None:
                leaked = [s for s in SECRETS if s in html()]
                assert not leaked, f"{name}._repr_html_: {leaked}"
