"""Runs conformance/enrollment.json through the public Python API (mirrors
crates/berdaya/tests/conformance_allocation.rs): a registry as the suite describes, a ledger,
and the vector's dated eligibility table as a Python callable."""

import json
from datetime import date

import berdaya
from conftest import CONFORMANCE, load


def _registry(inp):
    history = [
        {"on": "2020-08-01", "event": "negotiated"},
        {"on": "2020-08-02", "event": "approved"},
        {"on": "2020-09-09", "event": "signed"},
    ] + inp.get("history", [])
    snapshot = {
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
                    {"party": {"agency": "dinsos-jatim"}, "signatory": {"name": "A", "position": "Kepala Dinas"}},
                    {"party": {"partner": "mitra"}, "signatory": {"name": "B", "position": "Direktur"}},
                ],
                "commitments": inp["commitments"],
                "period": {"from": "2020-09-09", "until": "2022-09-08"},
                "history": history,
            }
        ],
        "beneficiaries": [{"id": f"pm-{i}", "registered_on": "2020-01-01"} for i in range(1, 10)],
    }
    return berdaya.Registry.from_json(json.dumps(snapshot))


def _table(inp):
    table = inp.get("eligibility", {})

    def decide(beneficiary, target, as_of):
        assert isinstance(as_of, date) and set(target) == {"agreement", "commitment"}
        applies = [
            d for d in table.get(beneficiary, []) if "from" not in d or date.fromisoformat(d["from"]) <= as_of
        ]
        if not applies:
            return {"outcome": "eligible"}
        return {k: v for k, v in applies[-1].items() if k != "from"}

    return decide


def _step(ledger, reg, elig, s):
    target = {"agreement": "pks-a", "commitment": s.get("commitment")}
    on = date.fromisoformat(s["on"]) if "on" in s else None
    op = s["op"]
    if op == "enrol":
        return {"enrollment": ledger.enrol(reg, elig, s["beneficiary"], target, on)}
    if op == "enrol_or_wait":
        return ledger.enrol_or_wait(reg, elig, s["beneficiary"], target, on)
    if op == "activate":
        return ledger.activate(s["enrollment"], on)
    if op == "complete":
        return {"offers": ledger.complete(reg, elig, s["enrollment"], on)}
    if op == "drop_out":
        return {"offers": ledger.drop_out(reg, elig, s["enrollment"], on, s["reason"])}
    if op == "leave_waitlist":
        return ledger.leave_waitlist(s["beneficiary"], target)
    raise AssertionError(f"unknown op {op}")


def test_enrollment_vectors():
    doc = load(CONFORMANCE / "enrollment.json")
    assert doc["suite"] == "enrollment"
    failures = []
    for v in doc["vectors"]:
        vid, inp, want = v["id"], v["input"], v["expect"]
        assert vid.startswith("enrollment-")
        reg, elig, ledger = _registry(inp), _table(inp), berdaya.Enrollments()
        assert len(want["results"]) == len(inp["steps"])
        for i, (s, r) in enumerate(zip(inp["steps"], want["results"])):
            try:
                got = _step(ledger, reg, elig, s)
            except berdaya.EnrollmentError as e:
                if "error" not in r or r["error"]["code"] != e.code:
                    failures.append(f"{vid}: step {i}: expected {r}, got error {e.code}")
                continue
            if "ok" not in r or r["ok"] != got:
                failures.append(f"{vid}: step {i}: expected {r}, got ok {got}")
        if "waitlist" in want:
            got = [e["beneficiary"] for e in ledger.waitlist({"agreement": "pks-a", "commitment": "jobs"})]
            if got != want["waitlist"]:
                failures.append(f"{vid}: waitlist: expected {want['waitlist']}, got {got}")
        if "states" in want:
            got = {str(e["id"]): e["state"] for e in ledger.enrollments}
            if got != want["states"]:
                failures.append(f"{vid}: states: expected {want['states']}, got {got}")
        if "needs_information" in want:
            got = [
                {"beneficiary": n["beneficiary"], "commitment": n["target"]["commitment"], "missing": n["missing"]}
                for n in ledger.needs_information
            ]
            if got != want["needs_information"]:
                failures.append(f"{vid}: needs_information: expected {want['needs_information']}, got {got}")
    assert len(doc["vectors"]) >= 30
    assert not failures, "\n".join(failures)
