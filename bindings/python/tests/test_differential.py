"""Differential test (issue 11): berdaya in Python against a deliberately naive oracle.

The cases come from conformance/oracle/differential.py: random rules (text), random people and
as-of dates, with the expectations of the independent Python re-implementation of the rule
language in conformance/rules/oracle.py. Single-person `rule.evaluate` and the columnar
`rule.evaluate_batch` over a `Population` must both agree with it on every triple, and with each
other on the first deciding clause.

The seed is printed; rerun a failure with BERDAYA_DIFF_SEED=<seed>. BERDAYA_DIFF_GROUPS and
BERDAYA_DIFF_PEOPLE scale the run (default 1,000 x 100 = 100,000 triples).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
from pathlib import Path
from typing import Any

import berdaya

ROOT = Path(__file__).resolve().parents[3]
SEED = int(os.environ.get("BERDAYA_DIFF_SEED", "20200909"))
GROUPS = int(os.environ.get("BERDAYA_DIFF_GROUPS", "1000"))
PEOPLE = int(os.environ.get("BERDAYA_DIFF_PEOPLE", "100"))
# NIKs are validated against the import date; every pooled NIK is valid on it
IMPORT_DATE = dt.date(2031, 1, 1)


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location(
        "berdaya_differential", ROOT / "conformance" / "oracle" / "differential.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _compile(source: str, name: str | None) -> Any:
    return berdaya.RuleSet(source).rule(name) if name else berdaya.Rule(source)


def _columns(result: Any) -> dict[str, list[Any]]:
    # a dict of lists, or a pyarrow.Table
    return result.to_pydict() if hasattr(result, "to_pydict") else dict(result)


def test_single_and_batch_agree_with_the_naive_oracle() -> None:
    print(f"differential seed {SEED}: {GROUPS} groups x {PEOPLE} people")
    cases = _generator().generate(SEED, GROUPS, PEOPLE)
    triples = 0
    mismatches: list[str] = []
    for g_index, group in enumerate(cases["groups"]):
        rule = _compile(group["source"], group["rule"])
        as_of = dt.date.fromisoformat(group["as_of"])
        context = group["context"]
        where = f"seed {SEED} group {g_index} rule {group['source']!r} as_of {group['as_of']} context {context}"
        singles = []
        for person, want in zip(group["people"], group["expect"]):
            d = rule.evaluate(person, as_of=as_of, context=context)
            singles.append(d)
            triples += 1
            if d.outcome != want["outcome"] or sorted(d.missing) != want["missing"]:
                mismatches.append(
                    f"{where} person {person}: single {d.outcome} {d.missing}, oracle {want}"
                )
        if group["single_only"]:
            continue
        pop = berdaya.Population.from_records(group["people"], reference_date=IMPORT_DATE)
        cols = _columns(rule.evaluate_batch(pop, as_of=as_of, context=context))
        for i, (person, d) in enumerate(zip(group["people"], singles)):
            first = d.reasons[0]["clause"] if d.reasons else None
            got = (cols["id"][i], cols["outcome"][i], list(cols["missing"][i]), cols["reason"][i])
            want_row = (person["id"], d.outcome, list(d.missing), first)
            if got != want_row:
                mismatches.append(f"{where} row {i}: batch {got}, single {want_row}")
        if len(mismatches) > 20:
            break
    assert not mismatches, f"{len(mismatches)} mismatches (first 20):\n" + "\n".join(mismatches[:20])
    assert triples >= GROUPS * PEOPLE
