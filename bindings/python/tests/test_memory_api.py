"""No memory growth over 10,000 repeated calls through the public API (issue 11).

Resident memory after a warm-up and after 10,000 more calls of the same kind must stay within
a few megabytes of allocator slack: a leak of 1 KB a call, in Python objects or in the Rust
heap behind them, would show as 10 MB. Error paths (exceptions raised from Rust) count too.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Callable

import pytest

import berdaya

AS_OF = date(2020, 9, 9)
SLACK = 4 * 1024 * 1024
PAGE = os.sysconf("SC_PAGE_SIZE")


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


def _steady(name: str, n: int, call: Callable[[int], None]) -> None:
    for i in range(1000):
        call(i)
    before = _rss()
    for i in range(n):
        call(i)
    grown = _rss() - before
    print(f"{name}: {n} calls, RSS {before} -> {before + grown} bytes")
    assert grown <= SLACK, f"{name}: RSS grew by {grown} bytes over {n} calls"


pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc")


def test_compile_decide_explain() -> None:
    def call(i: int) -> None:
        rule = berdaya.Rule(f"age between 18 and {40 + i % 20} and disabilities has any of [rungu, netra]")
        d = rule.evaluate({"birth_date": "1995-11-07", "disabilities": ["rungu"]}, as_of=AS_OF)
        assert d.explain(lang="id" if i % 2 else "en", form="full").text

    _steady("rule+evaluate+explain", 10_000, call)


def test_errors_raised_from_rust() -> None:
    def compile_error(i: int) -> None:
        with pytest.raises(berdaya.BerdayaError):
            berdaya.Rule(f"age > {i} and agee < 3")

    def nik_error(i: int) -> None:
        with pytest.raises(berdaya.BerdayaError):
            berdaya.Nik(f"35141407119{i % 10}00002x", reference_date=AS_OF)

    _steady("compile errors", 10_000, compile_error)
    _steady("nik errors", 10_000, nik_error)
    _steady("check", 10_000, lambda i: None if berdaya.check(f"dtks_decile in [{i % 10}, x") else None)


def test_batch_evaluation() -> None:
    csv = berdaya.Population.synthetic(50, seed=7, as_of=AS_OF).to_csv()
    rule = berdaya.Rule("age >= 18 and care_status = resident")

    def call(_: int) -> None:
        pop = berdaya.Population.from_csv(csv, reference_date=AS_OF)
        result = rule.evaluate_batch(pop, as_of=AS_OF)
        assert len(result["outcome"]) == 50

    _steady("from_csv+evaluate_batch", 10_000, call)


def test_registry_snapshots() -> None:
    json = berdaya.Registry.east_java_2020().to_json()
    _steady("Registry.from_json", 2_000, lambda _: None if berdaya.Registry.from_json(json) else None)
