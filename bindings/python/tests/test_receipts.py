"""Decision receipts, replay and erasure from Python."""

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings, strategies as st

import berdaya

KEY = b"dinsos-jatim receipts 2020"
JOBS = {"agreement": "pks-2020-batik-wistara", "commitment": "jobs"}


@pytest.fixture(scope="module")
def reg():
    return berdaya.Registry.east_java_2020()


@pytest.fixture(scope="module")
def rules(reg):
    return berdaya.RuleEligibility(reg)


def _edited(reg, edit):
    snap = json.loads(reg.to_json())
    edit(snap)
    return berdaya.Registry.from_json(json.dumps(snap))


def test_enrol_with_receipt_holds_and_round_trips(reg, rules):
    r = berdaya.Enrollments().enrol_with_receipt(reg, rules, KEY, "pm-0014", JOBS, date(2020, 10, 1))
    assert r.kind == "enrollment" and r.subject == "pm-0014" and r.as_of == date(2020, 10, 1)
    assert r.outcome == "eligible"
    assert r.action == {"action": "enrolled", "enrollment": 1}
    assert sorted(r.facts) == ["agreement_in_force", "birth_date", "care_status", "disabilities"]
    assert r.replay(reg, KEY) == {"status": "holds"}
    assert berdaya.Receipt.from_json(r.to_json()) == r
    assert r.to_dict()["schema"] == "berdaya.receipt/1"


def test_a_corrected_birth_date_is_named(reg, rules):
    r = berdaya.Enrollments().enrol_with_receipt(reg, rules, KEY, "pm-0014", JOBS, date(2020, 10, 1))

    def older(snap):
        for b in snap["beneficiaries"]:
            if b["id"] == "pm-0014":
                b["birth_date"] = "1960-01-01"

    assert r.replay(_edited(reg, older), KEY) == {
        "status": "changed",
        "facts": ["birth_date"],
        "rule_changed": False,
        "outcome": "eligible",
        "new_outcome": "ineligible",
    }


def test_refusals_are_receipts_not_exceptions(reg, rules):
    ledger = berdaya.Enrollments()
    resident = next(
        i for i in reg.beneficiary_ids() if reg.beneficiary(i).derived(date(2020, 10, 1)).get("care_status") == "resident"
    )
    r = ledger.enrol_with_receipt(reg, rules, KEY, resident, JOBS, date(2020, 10, 1))
    assert r.outcome == "ineligible"
    assert r.action == {"action": "refused", "code": "enrollment.not_eligible"}
    with pytest.raises(berdaya.ReceiptError) as e:
        ledger.enrol_with_receipt(reg, rules, KEY, "pm-9999", JOBS, date(2020, 10, 1))
    assert e.value.code == "receipt.unknown_beneficiary"
    assert isinstance(e.value, ValueError)
    with pytest.raises(berdaya.ReceiptError) as e:
        ledger.enrol_with_receipt(reg, rules, b"short", resident, JOBS, date(2020, 10, 1))
    assert e.value.code == "receipt.short_key" and e.value.field == "key"


def test_another_key_is_refused(reg, rules):
    r = berdaya.Enrollments().enrol_with_receipt(reg, rules, KEY, "pm-0014", JOBS, date(2020, 10, 1))
    with pytest.raises(berdaya.ReceiptError) as e:
        r.replay(reg, "another office's key!")
    assert e.value.code == "receipt.key_mismatch"


def test_erasure_keeps_receipts_valid(rules):
    reg = berdaya.Registry.east_java_2020()
    nik = reg.beneficiary("pm-0001").to_dict()["nik"]
    r = berdaya.Enrollments().enrol_with_receipt(reg, rules, KEY, "pm-0001", JOBS, date(2020, 10, 1))
    reg.erase_personal_data("pm-0001", date(2021, 3, 1))
    assert reg.erased_on("pm-0001") == date(2021, 3, 1)
    assert r.replay(reg, KEY) == {"status": "subject_erased", "erased_on": "2021-03-01"}
    snap = reg.to_json()
    assert nik not in snap and "Contoh Satu" not in snap
    back = berdaya.Registry.from_json(snap)
    assert back.to_json() == snap
    assert r.replay(back, KEY)["status"] == "subject_erased"
    with pytest.raises(berdaya.RegistryError) as e:
        reg.erase_personal_data("pm-9999", date(2021, 3, 1))
    assert e.value.code == "registry.not_found"


def test_no_personal_data_in_receipts(reg, rules):
    b = reg.beneficiary("pm-0002").to_dict()
    r = berdaya.Enrollments().enrol_with_receipt(reg, rules, KEY, "pm-0002", JOBS, date(2020, 10, 1))
    for text in (repr(r), str(r), r.to_json()):
        assert b["nik"] not in text and b["name"] not in text and b["birth_date"] not in text


def test_allocation_receipts(reg, rules):
    on = date(2020, 9, 9)
    ids = reg.beneficiary_ids()[:30]
    request = {
        "seed": "2020-1",
        "commitments": [{**JOBS, "places": 2}],
        "applicants": berdaya.applicants_from_registry(reg, ids, [JOBS], rules, on),
        "priorities": [{"fact": "dtks_decile", "order": "asc"}],
    }
    out = berdaya.allocate(request)
    receipts = berdaya.allocation_receipts(reg, rules, KEY, request, out, on)
    assert len(receipts) == len(ids)
    placed = [r for r in receipts if r.action["action"] == "placed"]
    assert len(placed) == len(out["placements"])
    assert all("dtks_decile" in r.facts for r in receipts)
    assert all(r.replay(reg, KEY) == {"status": "holds"} for r in receipts[:5])
    assert all(r.replay(reg, KEY, rules) == {"status": "holds"} for r in receipts)


@settings(max_examples=40, deadline=None)
@given(
    birth=st.dates(min_value=date(1940, 1, 1), max_value=date(2015, 12, 31)),
    decile=st.one_of(st.none(), st.integers(1, 10)),
    skills=st.lists(st.sampled_from(["batik", "sewing", "massage", "braille"]), max_size=4),
    days=st.integers(0, 3000),
)
def test_rule_receipts_round_trip_and_hold(birth, decile, skills, days):
    rule = berdaya.Rule("age between 18 and 45 and dtks_decile <= 4 or skills has batik")
    facts = {"birth_date": birth, "dtks_decile": decile, "skills": skills}
    as_of = date(2020, 1, 1) + timedelta(days=days)
    r = berdaya.Receipt.for_rule(rule, facts, as_of=as_of, subject="pm-1", key=KEY)
    assert berdaya.Receipt.from_json(r.to_json()) == r
    assert r.replay_facts(rule, facts, key=KEY) == {"status": "holds"}
    # the list order never matters
    again = dict(facts, skills=list(reversed(skills)))
    assert r.replay_facts(rule, again, key=KEY) == {"status": "holds"}
    assert birth.isoformat() not in r.to_json()


def test_offered_places_have_receipts(reg, rules):
    target = {"agreement": "pks-2020-stikes-hutama-abdi-husada", "commitment": "scholarships"}
    on = date(2020, 10, 1)
    ok = [i for i in reg.beneficiary_ids() if rules.decide(reg.beneficiary(i), target, on)["outcome"] == "eligible"]
    no = [i for i in reg.beneficiary_ids() if rules.decide(reg.beneficiary(i), target, on)["outcome"] == "ineligible"]
    waiting = [no[0], ok[0], ok[1], ok[2]]
    ledger = berdaya.Enrollments(
        {"waitlists": [{"target": target, "entries": [{"beneficiary": b, "since": "2020-09-09"} for b in waiting]}]}
    )
    offers, receipts = ledger.offer_places_with_receipts(reg, rules, KEY, target, on)
    assert [o["outcome"] for o in offers] == ["skipped", "enrolled", "enrolled"]
    assert [r.subject for r in receipts] == waiting[:3]
    assert [r.action["action"] for r in receipts] == ["refused", "enrolled", "enrolled"]
    assert receipts[0].action["code"] == "enrollment.not_eligible"
    assert all(r.replay(reg, KEY) == {"status": "holds"} for r in receipts)
    assert [e["beneficiary"] for e in ledger.waitlist(target)] == [ok[2]]
