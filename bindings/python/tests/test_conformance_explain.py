"""Runs conformance/explain.json through the public Python API (mirrors
crates/berdaya/tests/conformance_explain.rs): structure and key phrases, never whole texts."""

from datetime import date

import pytest

import berdaya
from conftest import CONFORMANCE, load

DOC = load(CONFORMANCE / "explain.json")


def _is_file(src):
    for line in src.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            return line.startswith("rule ")
    return False


def _rule(inp):
    src = inp["rules"]
    if _is_file(src):
        rs = berdaya.RuleSet(src)
        rule = rs.rule(inp.get("rule") or rs.names[-1])
        assert rule is not None
        return rule
    return berdaya.Rule(src)


def _check(want, e):
    assert e.outcome == want["outcome"]
    got = e.sentences
    assert len(got) == len(want["sentences"]), (str(e), want)
    for i, (w, g) in enumerate(zip(want["sentences"], got)):
        for key in ("kind", "facts", "clause", "rule"):
            if key in w:
                assert g.get(key) == w[key], (i, key, g, w)
        for phrase in w["contains"]:
            assert phrase in g["text"], (i, g["text"], phrase)
    sep = " " if e.form == "short" else "\n"
    assert str(e) == e.text == sep.join(s["text"] for s in got)


def test_enough_vectors():
    assert DOC["suite"] == "explain" and len(DOC["vectors"]) >= 40


@pytest.mark.parametrize("v", DOC["vectors"], ids=lambda v: v["id"])
def test_explain_vector(v):
    inp = v["input"]
    d = _rule(inp).evaluate(inp["facts"], as_of=date.fromisoformat(inp["as_of"]), context=inp.get("context"))
    if "error" in v["expect"]:
        with pytest.raises(berdaya.BerdayaError) as info:
            d.explain(inp["lang"], inp["form"])
        assert info.value.code == v["expect"]["error"]["code"]
        assert info.value.field == v["expect"]["error"]["field"]
        assert isinstance(info.value, ValueError)
        return
    _check(v["expect"]["ok"], d.explain(inp["lang"], inp["form"]))
