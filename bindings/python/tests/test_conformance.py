"""Runs the language-neutral vectors of conformance/ through the public Python API."""

from datetime import date

import pytest

import berdaya
from conftest import conformance_files, load


def _d(s):
    return date.fromisoformat(s)


def _nik(inp):
    return berdaya.Nik(inp["nik"], reference_date=_d(inp["reference_date"])).info()


def _region(inp):
    return berdaya.Region(inp["code"]).info()


def _pseudonym(inp):
    nik = berdaya.Nik(inp["nik"], reference_date=_d(inp["reference_date"]))
    return {"pseudonym": berdaya.pseudonymize(nik, inp["key_utf8"].encode("utf-8"))}


def _iso(v):
    """Dates as ISO strings, recursively, to compare with the JSON expectations."""
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, dict):
        return {k: _iso(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_iso(x) for x in v]
    return v


def _counterfactual(inp):
    src = inp["rules"]
    rule = berdaya.RuleSet(src).rule(inp["rule"]) if "rule" in inp else berdaya.Rule(src)
    assert rule is not None
    as_of = _d(inp["as_of"])
    out = _iso(rule.eligible_from(inp["facts"], as_of=as_of, context=inp.get("context")))
    if inp.get("settle"):
        out["settling"] = rule.settling_facts(inp["facts"], as_of=as_of, context=inp.get("context"))
    return out


def _versions(inp):
    diag = lambda d: [d["code"], d["span"]["line"], d["span"]["column"]]  # noqa: E731
    try:
        vs = berdaya.VersionedRuleSet(inp["rules"])
    except berdaya.RuleError as e:
        return {"diagnostics": [diag(d) for d in e.diagnostics]}
    if inp["op"] == "check":
        names = [n for n in vs.names if vs.versions(n)]
        return {
            "warnings": [diag(d) for d in vs.warnings],
            "versions": {n: _iso(vs.versions(n)) for n in names},
            "gaps": {n: _iso(vs.gaps(n)) for n in names},
        }
    as_of = _d(inp["as_of"])
    if inp["op"] == "evaluate":
        v = vs.evaluate(inp["reference"], inp["facts"], as_of=as_of, context=inp.get("context"))
        return {"outcome": v.decision.outcome, "version": _iso(v.version)}
    return _iso(vs.eligible_from(inp["reference"], inp["facts"], as_of=as_of, context=inp.get("context")))


SUITES = {
    "nik": _nik,
    "region": _region,
    "pseudonym": _pseudonym,
    "counterfactual": _counterfactual,
    "versions": _versions,
}
# Suites with their own shape, run by test_conformance_domain.py.
OWN_RUNNER = {"domain_lifecycle", "domain_facts", "rules", "allocation", "explain", "enrollment"}
# Run by test_conformance_reports.py.
OWN_RUNNER |= {"outcomes", "reports", "impact"}
# Run by test_conformance_receipts.py.
OWN_RUNNER |= {"receipts", "replay", "erasure"}


def _check_error(exc, expected):
    assert isinstance(exc, berdaya.BerdayaError), f"not a BerdayaError: {exc!r}"
    assert exc.code == expected["code"]
    if "field" in expected:
        assert exc.field == expected["field"]
    if expected.get("span"):
        assert exc.span is not None
        assert (exc.span["start"], exc.span["end"]) == (
            expected["span"]["start"],
            expected["span"]["end"],
        )


FILES = conformance_files()


def test_vectors_exist():
    assert FILES, "no conformance vectors found"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_conformance_file(path):
    file = load(path)
    if file["suite"] in OWN_RUNNER:
        return
    run = SUITES.get(file["suite"])
    assert run is not None, f"suite {file['suite']} has no Python runner"
    failures = []
    for v in file["vectors"]:
        try:
            got = run(v["input"])
        except berdaya.BerdayaError as exc:
            if "error" not in v["expect"]:
                failures.append(f"{v['id']}: unexpected {exc.code}: {exc}")
                continue
            try:
                _check_error(exc, v["expect"]["error"])
            except AssertionError as why:
                failures.append(f"{v['id']}: {why}")
            continue
        if "error" in v["expect"]:
            failures.append(f"{v['id']}: expected {v['expect']['error']['code']}, got {got}")
        elif got != v["expect"]["ok"]:
            failures.append(f"{v['id']}: got {got}, want {v['expect']['ok']}")
    assert not failures, "\n".join(failures)
