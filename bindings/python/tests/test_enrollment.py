"""The enrollment ledger and rule eligibility from Python; expectations worked out by hand."""

import json
import pickle
from datetime import date

import pytest

import berdaya

JOBS = {"agreement": "pks-a", "commitment": "jobs"}
RULE = "age between 18 and 45"


def registry(rule=RULE):
    return berdaya.Registry.from_json(
        json.dumps(
            {
                "schema_version": 1,
                "agencies": [{"id": "dinsos-jatim", "name": "Dinas Sosial", "level": "province", "region": "35"}],
                "partners": [
                    {"id": "mitra", "name": "Mitra", "kind": "business", "ownership": "private", "region": "35.78"}
                ],
                "agreements": [
                    {
                        "id": "pks-a",
                        "kind": "pks",
                        "title": "PKS TENTANG UJI",
                        "parties": [
                            {"party": {"agency": "dinsos-jatim"}, "signatory": {"name": "A", "position": "Kepala"}},
                            {"party": {"partner": "mitra"}, "signatory": {"name": "B", "position": "Direktur"}},
                        ],
                        "commitments": [
                            {
                                "id": "jobs",
                                "by": {"partner": "mitra"},
                                "service": "employment",
                                "capacity": {"places": 1, "unit": "jobs", "basis": "concurrent"},
                                "eligibility": rule,
                            }
                        ],
                        "period": {"from": "2020-09-09", "until": "2022-09-08"},
                        "history": [
                            {"on": "2020-08-01", "event": "negotiated"},
                            {"on": "2020-08-02", "event": "approved"},
                            {"on": "2020-09-09", "event": "signed"},
                        ],
                    }
                ],
                "beneficiaries": [
                    {"id": "pm-1", "registered_on": "2020-01-01", "birth_date": "2000-03-01"},  # 20
                    {"id": "pm-2", "registered_on": "2020-01-01", "birth_date": "1965-01-01"},  # 56
                    {"id": "pm-3", "registered_on": "2020-01-01"},  # unknown age
                    {"id": "pm-4", "registered_on": "2020-01-01", "birth_date": "1990-06-15"},  # 30
                ],
            }
        )
    )


ON = date(2021, 1, 1)


def test_rule_eligibility_and_ledger():
    reg = registry()
    rules = berdaya.RuleEligibility(reg)
    version = berdaya.Rule(RULE).content_hash
    assert rules.rules() == [{"agreement": "pks-a", "commitment": "jobs", "rule_version": version}]
    d = rules.decide(reg.beneficiary("pm-3"), JOBS, ON)
    assert d == {"outcome": "undetermined", "missing": ["birth_date"], "rule_version": version}

    ledger = berdaya.Enrollments()
    n = ledger.enrol(reg, rules, "pm-1", JOBS, ON)
    assert n == 1 and ledger.get(1)["rule_version"] == version
    with pytest.raises(berdaya.EnrollmentError) as e:
        ledger.enrol(reg, rules, "pm-2", JOBS, ON)
    assert e.value.code == "enrollment.not_eligible"
    assert isinstance(e.value, ValueError)
    with pytest.raises(berdaya.EnrollmentError) as e:
        ledger.enrol(reg, rules, "pm-3", JOBS, ON)
    assert e.value.code == "enrollment.needs_information"
    assert ledger.needs_information[0]["missing"] == ["birth_date"]
    # one place, taken: pm-4 waits
    assert ledger.enrol_or_wait(reg, rules, "pm-4", JOBS, ON) == {"outcome": "waitlisted", "position": 1}
    assert ledger.waitlist_position("pm-4", JOBS) == 1
    assert ledger.places_left(reg, JOBS, ON) == 0
    ledger.activate(1, date(2021, 2, 1))
    offers = ledger.drop_out(reg, rules, 1, date(2021, 3, 1), "withdrawn")
    assert offers == [{"outcome": "enrolled", "beneficiary": "pm-4", "enrollment": 2}]
    assert [e["state"] for e in ledger.enrollments] == ["dropped", "registered"]
    # the ledger round-trips through its wire form
    again = berdaya.Enrollments(ledger.to_dict())
    assert again.to_dict() == ledger.to_dict() and len(again) == 2
    assert pickle.loads(pickle.dumps(e.value)).code == "enrollment.needs_information"


def test_broken_rule_names_the_commitment():
    with pytest.raises(berdaya.EligibilityRuleError) as e:
        berdaya.RuleEligibility(registry("age betwen 18 and 45"))
    assert e.value.code == "eligibility.rule_invalid"
    assert e.value.field == "eligibility"
    assert "`pks-a/jobs`" in str(e.value)
    assert e.value.span is not None and e.value.span["line"] == 1
    assert e.value.diagnostics


def test_callable_failure_leaves_the_ledger_unchanged():
    reg = registry()
    ledger = berdaya.Enrollments()

    def boom(beneficiary, target, as_of):
        raise KeyError(beneficiary)

    with pytest.raises(KeyError):
        ledger.enrol(reg, boom, "pm-3", JOBS, ON)
    assert ledger.to_dict() == berdaya.Enrollments().to_dict()
    with pytest.raises(berdaya.InputError):
        ledger.enrol(reg, lambda b, t, d: {"outcome": "maybe"}, "pm-3", JOBS, ON)
    with pytest.raises(TypeError):
        ledger.enrol(reg, "not eligibility", "pm-3", JOBS, ON)  # type: ignore[arg-type]
    assert len(ledger) == 0


def test_allocation_against_the_registry():
    reg = registry()
    rules = berdaya.RuleEligibility(reg)
    applicants = berdaya.applicants_from_registry(reg, ["pm-1", "pm-2", "pm-3", "pm-4"], [JOBS], rules, ON)
    out = berdaya.allocate(
        {"seed": "s", "commitments": [dict(JOBS, places=1)], "applicants": applicants, "priorities": []}
    )
    # pm-1 and pm-4 eligible, pm-2 too old, pm-3 undetermined
    assert out["commitments"][0]["applicants"] == 2
    assert [p["beneficiary"] for p in out["placements"]] in (["pm-1"], ["pm-4"])
    assert [n["beneficiary"] for n in out["needs_information"]] == ["pm-3"]
    with pytest.raises(berdaya.AllocationError) as e:
        berdaya.applicants_from_registry(reg, ["pm-9"], [JOBS], rules, ON)
    assert e.value.code == "allocation.unknown_beneficiary"


def test_docs_python_blocks_run():
    import re
    from pathlib import Path

    doc = Path(__file__).resolve().parents[3] / "docs" / "enrollment.md"
    blocks = re.findall(r"```python\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 2
    for block in blocks:
        exec(compile(block, str(doc), "exec"), {})
