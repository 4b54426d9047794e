"""Runs the outcome, report and impact vectors (conformance/outcomes.json, reports.json,
impact.json) through the public Python API."""

import json
from datetime import date

import berdaya
from conftest import CONFORMANCE, load


def _d(s):
    return date.fromisoformat(s)


def _registry(doc):
    return berdaya.Registry.from_json(json.dumps(doc["registry"]))


def test_outcome_vectors():
    doc = load(CONFORMANCE / "outcomes.json")
    reg = _registry(doc)
    ledger = berdaya.Enrollments(doc["enrollments"])
    failures = []
    assert len(doc["vectors"]) >= 10
    for v in doc["vectors"]:
        out = berdaya.Outcomes()
        results = []
        try:
            for s in v["input"]["steps"]:
                try:
                    results.append({"ok": out.record(reg, ledger, s["enrollment"], _d(s["on"]), s["outcome"])})
                except berdaya.OutcomeError as e:
                    results.append({"error": e.code})
            got = {"ok": {"results": results, "records": out.records}}
        except berdaya.BerdayaError as e:
            got = {"error": {"code": e.code}}
        if got != v["expect"]:
            failures.append(f"{v['id']}: got {got}, want {v['expect']}")
    assert not failures, "\n".join(failures)


def test_report_vectors():
    doc = load(CONFORMANCE / "reports.json")
    reg = _registry(doc)
    failures = []
    assert len(doc["vectors"]) >= 20
    for v in doc["vectors"]:
        inp = v["input"]
        if inp["op"] == "suppress":
            got = {"hidden": berdaya.suppress(inp["values"], inp["lines"], min_cell=inp["min_cell"], units=inp.get("units"))}
        else:
            ledger = berdaya.Enrollments(inp.get("enrollments", doc["enrollments"]))
            outcomes = berdaya.Outcomes(inp.get("outcomes", doc["outcomes"]))
            got = berdaya.report(
                reg,
                ledger,
                outcomes,
                _d(inp["as_of"]),
                min_cell=inp["min_cell"],
                expiring_within_days=inp["expiring_within_days"],
            )
        if got != v["expect"]["ok"]:
            failures.append(f"{v['id']}: got {got}, want {v['expect']['ok']}")
    assert not failures, "\n".join(failures)


def test_impact_vectors():
    doc = load(CONFORMANCE / "impact.json")
    failures = []
    assert len(doc["vectors"]) >= 6
    for v in doc["vectors"]:
        inp = v["input"]
        as_of = _d(inp["as_of"])
        pop = berdaya.Population.from_records(doc["population"], reference_date=as_of)
        got = berdaya.rule_change_impact(berdaya.Rule(inp["before"]), berdaya.Rule(inp["after"]), pop, as_of=as_of)
        if got != v["expect"]["ok"]:
            failures.append(f"{v['id']}: got {got}, want {v['expect']['ok']}")
    assert not failures, "\n".join(failures)


def test_vectors_are_the_oracles_output():
    """The three files are exactly what the naive oracle writes (nobody edited an expectation
    by hand or pasted berdaya's output)."""
    import subprocess
    import sys

    oracle = CONFORMANCE / "oracle" / "reports.py"
    run = subprocess.run([sys.executable, str(oracle), "--check"], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
