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


SUITES = {"nik": _nik, "region": _region, "pseudonym": _pseudonym}
# Suites with their own shape, run by test_conformance_domain.py.
OWN_RUNNER = {"domain_lifecycle", "domain_facts", "rules", "allocation", "enrollment"}


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
