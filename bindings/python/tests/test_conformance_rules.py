"""Runs conformance/rules/*.json through the public Python API (mirrors
crates/berdaya/tests/conformance_rules.rs)."""

from datetime import date

import pytest

import berdaya
from conftest import CONFORMANCE, load

FILES = sorted((CONFORMANCE / "rules").glob("*.json"))


def _source(v):
    r = v.get("rules_repeat")
    if r:
        return r.get("prefix", "") + r["text"] * r["times"] + r.get("suffix", "")
    return v.get("rules", "")


def _is_file(src):
    for line in src.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            return line.startswith("rule ")
    return False


def _compile(v):
    src = _source(v)
    if _is_file(src):
        rs = berdaya.RuleSet(src)
        name = v.get("rule") or rs.names[-1]
        rule = rs.rule(name)
        assert rule is not None, f"no rule {name}"
        return rule
    return berdaya.Rule(src)


def _subset(expected, actual):
    if isinstance(expected, dict) and isinstance(actual, dict):
        return all(k in actual and _subset(e, actual[k]) for k, e in expected.items())
    return expected == actual


def _flatten(d):
    d = dict(d)
    for k in ("line", "column", "start", "end", "utf16_start", "utf16_end"):
        d[k] = d["span"][k]
    return d


def _run(v):
    expect = v["expect"]
    if "diagnostics" in expect:
        if "rules_json" in v:
            try:
                got = berdaya.Rule.from_json(v["rules_json"]).warnings
            except berdaya.RuleError as e:
                got = e.diagnostics
        else:
            got = berdaya.check(_source(v))
        got = [_flatten(d) for d in got]
        want = expect["diagnostics"]
        assert len(want) == len(got) and all(_subset(w, g) for w, g in zip(want, got)), (want, got)
        for d in got:
            assert d["message"] and d["message_id"] and "^" in d["snippet"]
        return
    rule = _compile(v)
    as_of = date.fromisoformat(v["as_of"])
    d = rule.evaluate(v["facts"], as_of=as_of, context=v.get("context"))
    got = d.to_dict()
    assert got["outcome"] == expect["outcome"], got
    assert got["missing"] == expect.get("missing", []), got
    if "reasons" in expect:
        want = expect["reasons"]
        assert len(want) == len(got["reasons"]) and all(
            _subset(w, g) for w, g in zip(want, got["reasons"])
        ), (want, got["reasons"])
    again = berdaya.Rule.from_json(rule.to_json())
    assert again.to_text() == rule.to_text() and again.content_hash == rule.content_hash
    assert again.evaluate(v["facts"], as_of=as_of, context=v.get("context")).outcome == d.outcome


def test_rule_vectors_exist():
    assert sum(len(load(f)["vectors"]) for f in FILES) >= 200


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_rule_vectors(path):
    doc = load(path)
    assert doc["suite"] == "rules"
    failures = []
    for v in doc["vectors"]:
        try:
            _run(v)
        except (AssertionError, berdaya.BerdayaError) as e:
            failures.append(f"{v['id']}: {e!r}"[:400])
    assert not failures, "\n".join(failures)
