"""Runs conformance/domain_*.json through the public Python API (mirrors
crates/berdaya/tests/conformance_domain.rs)."""

from datetime import date

import berdaya
from conftest import CONFORMANCE, load

DEFAULT_PARTIES = [
    {"party": {"agency": "dinsos-jatim"}, "signatory": {"name": "Kepala Dinas", "position": "Kepala Dinas Sosial"}},
    {"party": {"partner": "mitra"}, "signatory": {"name": "Direktur", "position": "Direktur"}},
]


def _agreement_data(id_, kind, period, inp):
    return {
        "id": id_,
        "kind": kind,
        "title": "PERJANJIAN KERJA SAMA TENTANG UJI",
        "parties": inp.get("parties", DEFAULT_PARTIES),
        "commitments": inp.get("commitments", []),
        "period": {"from": period.start, "until": period.end},
        "history": [],
    }


def _period(p):
    return berdaya.Period(date.fromisoformat(p["from"]), date.fromisoformat(p["until"]))


def _lifecycle(inp):
    try:
        period = _period(inp["period"])
    except berdaya.BerdayaError as e:
        return None, (e.code, "new")
    data = _agreement_data("pks-under-test", "pks", period, inp)
    if "parent_period" in inp:
        data["parent"] = "mou-parent"
    try:
        a = berdaya.Agreement(data)
    except berdaya.BerdayaError as e:
        return None, (e.code, "new")
    for i, event in enumerate(inp["history"]):
        try:
            a.apply(event)
        except berdaya.BerdayaError as e:
            return None, (e.code, i)
    if "parent_period" in inp:
        parent = berdaya.Agreement(_agreement_data("mou-parent", "mou", _period(inp["parent_period"]), {}))
        try:
            a.check_within_parent(parent)
        except berdaya.BerdayaError as e:
            return None, (e.code, "parent")
    return a, None


def test_lifecycle_vectors():
    suite = load(CONFORMANCE / "domain_lifecycle.json")
    failures = []
    for v in suite["vectors"]:
        a, err = _lifecycle(v["input"])
        want = v["expect"]
        if err is not None:
            if "error" not in want or (want["error"], want["at"]) != err:
                failures.append(f"{v['id']}: got error {err}, want {want}")
            continue
        if "error" in want:
            failures.append(f"{v['id']}: expected error {want['error']}")
            continue
        got = [a.status_on(date.fromisoformat(d)) for d in v["input"].get("status_on", [])]
        if got != want["status"]:
            failures.append(f"{v['id']}: got {got}, want {want['status']}")
        # the wire form round-trips
        assert berdaya.Agreement(a.to_dict()) == a, v["id"]
    assert len(suite["vectors"]) >= 50
    assert not failures, "\n".join(failures)


def test_facts_vectors():
    suite = load(CONFORMANCE / "domain_facts.json")
    failures = []
    for v in suite["vectors"]:
        want = v["expect"]
        try:
            b = berdaya.Beneficiary(v["input"]["beneficiary"])
        except berdaya.BerdayaError as e:
            if want.get("error") != e.code:
                failures.append(f"{v['id']}: got {e.code}, want {want}")
            continue
        if "error" in want:
            failures.append(f"{v['id']}: expected error {want['error']}")
            continue
        facts = b.derived(date.fromisoformat(v["input"]["as_of"]))
        for key, value in want.items():
            if facts.get(key) != value:
                failures.append(f"{v['id']}: {key} = {facts.get(key)!r}, want {value!r}")
    assert len(suite["vectors"]) >= 40
    assert not failures, "\n".join(failures)
