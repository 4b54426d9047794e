"""Runs conformance/allocation.json through the public Python API (mirrors
crates/berdaya/tests/conformance_allocation.rs)."""

import berdaya
from conftest import CONFORMANCE, load


def _key(o):
    return f"{o['agreement']}/{o['commitment']}"


def _subset(expected, actual):
    if isinstance(expected, dict) and isinstance(actual, dict):
        return all(_subset(v, actual.get(k)) for k, v in expected.items())
    return expected == actual


def _check(want, got):
    placed = {_key(c): c["placed"] for c in got["commitments"]}
    waitlist = {_key(c): c["waitlist"] for c in got["commitments"]}
    applicants = {_key(c): c["applicants"] for c in got["commitments"]}
    unplaced = {
        u["beneficiary"]: [
            {"commitment": _key(r), "rank": r["rank"], "of": r["of"], "places": r["places"],
             "waitlist_position": r["waitlist_position"]}
            for r in u["reasons"]
        ]
        for u in got["unplaced"]
    }
    placements = {}
    for p in got["placements"]:
        p = dict(p, commitment=_key(p))
        placements.setdefault(p["beneficiary"], []).append(p)
    problems = []
    for k, w in want.items():
        if k == "mode":
            ok = w == got["mode"]
        elif k == "placed":
            ok = _subset(w, placed)
        elif k == "waitlist":
            ok = _subset(w, waitlist)
        elif k == "applicants":
            ok = _subset(w, applicants)
        elif k == "unplaced":
            ok = w == unplaced
        elif k in ("needs_information", "priority_facts"):
            ok = w == got[k]
        elif k == "placements":
            ok = all(
                len(lst) == len(placements.get(i, [])) and all(_subset(e, a) for e, a in zip(lst, placements.get(i, [])))
                for i, lst in w.items()
            )
        else:
            problems.append(f"unknown expect key {k}")
            continue
        if not ok:
            problems.append(f"{k}: expected {w}, got {got}"[:500])
    return problems


def test_allocation_vectors():
    doc = load(CONFORMANCE / "allocation.json")
    failures = []
    for v in doc["vectors"]:
        expect = v["expect"]
        try:
            got = berdaya.allocate(v["input"])
        except berdaya.BerdayaError as e:
            want = expect.get("error")
            if want is None or want["code"] != e.code or ("field" in want and want["field"] != e.field):
                failures.append(f"{v['id']}: got error {e.code} ({e.field}), want {expect}")
            continue
        if "error" in expect:
            failures.append(f"{v['id']}: expected error {expect['error']}")
            continue
        failures.extend(f"{v['id']}: {p}" for p in _check(expect["ok"], got))
    assert len(doc["vectors"]) >= 30
    assert not failures, "\n".join(failures)
