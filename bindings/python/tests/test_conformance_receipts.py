"""Runs conformance/receipts.json, replay.json and erasure.json through the public Python API."""

from datetime import date

import pytest

import berdaya
from conftest import conformance_files, load


def _d(s):
    return date.fromisoformat(s)


def _rule(inp):
    src = inp["rules"]
    if "rule" in inp:
        r = berdaya.RuleSet(src).rule(inp["rule"])
        assert r is not None
        return r
    return berdaya.Rule(src)


def _issue(inp):
    return berdaya.Receipt.for_rule(
        _rule(inp),
        inp["facts"],
        as_of=_d(inp["as_of"]),
        subject=inp["subject"],
        key=inp["key_utf8"].encode("utf-8"),
        context=inp.get("context"),
        version=inp.get("version"),
    )


def _receipts(inp):
    r = _issue(inp)
    out = {
        "outcome": r.outcome,
        "rule_hash": r.rule["content_hash"] if r.rule else None,
        "key_id": r.key_id,
        "facts": r.facts,
        "input_digest": r.input_digest,
    }
    if r.missing:
        out["missing"] = r.missing
    return out


def _replay(inp):
    r = berdaya.Receipt.from_json(_issue(inp).to_json())
    then = {**inp, **inp["then"]}
    return r.replay_facts(
        _rule(then), then["facts"], key=then["key_utf8"].encode("utf-8"), context=then.get("context")
    )


def _erasure(inp):
    assert inp["registry"] == "east_java_2020"
    reg = berdaya.Registry.east_java_2020()
    rules = berdaya.RuleEligibility(reg)
    key = inp["key_utf8"]
    who = inp["beneficiary"]
    receipt = berdaya.Enrollments().enrol_with_receipt(reg, rules, key, who, inp["target"], _d(inp["on"]))
    erased = inp.get("erase_who", who)
    if "erase_on" in inp:
        reg.erase_personal_data(erased, _d(inp["erase_on"]))
    if "erase_again_on" in inp:
        reg.erase_personal_data(erased, _d(inp["erase_again_on"]))
    snapshot = reg.to_json()
    back = berdaya.Registry.from_json(snapshot)
    on = reg.erased_on(who)
    text = receipt.to_json() + repr(receipt)
    secrets = inp["secrets"]
    return {
        "replay": receipt.replay(reg, key),
        "erased_on": on.isoformat() if on else None,
        "round_trips": back.to_json() == snapshot,
        "secrets_in_receipt": [s for v in secrets.values() for s in v if s in text],
        "secrets_in_snapshot_of_erased": [
            s for s in secrets.get(erased, []) if "erase_on" in inp and s in snapshot
        ],
    }


SUITES = {"receipts": _receipts, "replay": _replay, "erasure": _erasure}
MIN = {"receipts": 20, "replay": 12, "erasure": 5}
FILES = [p for p in conformance_files() if load(p)["suite"] in SUITES]


def test_every_suite_has_a_file():
    assert sorted(load(p)["suite"] for p in FILES) == sorted(SUITES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_receipt_vectors(path):
    file = load(path)
    run = SUITES[file["suite"]]
    assert len(file["vectors"]) >= MIN[file["suite"]]
    failures = []
    for v in file["vectors"]:
        assert v["id"].startswith(file["suite"] + "-")
        want = v["expect"]
        try:
            got = run(v["input"])
        except berdaya.BerdayaError as exc:
            if "error" not in want:
                failures.append(f"{v['id']}: unexpected {exc.code}: {exc}")
            elif exc.code != want["error"]["code"] or (
                "field" in want["error"] and exc.field != want["error"]["field"]
            ):
                failures.append(f"{v['id']}: got {exc.code}/{exc.field}, want {want['error']}")
            continue
        if "error" in want:
            failures.append(f"{v['id']}: expected {want['error']['code']}, got {got}")
        elif got != want["ok"]:
            failures.append(f"{v['id']}: got {got}, want {want['ok']}")
    assert not failures, "\n".join(failures)
