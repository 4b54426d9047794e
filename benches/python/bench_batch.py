"""berdaya vs hand-written pandas vs polars lazy on the reference rules R1-R5 (BENCHMARK.md).

One run, same data: N synthetic people (the project's seeded generator,
``Population.synthetic``), evaluated as of 2020-09-09.

- berdaya end-to-end: ``rule.evaluate_batch(data)`` from a pyarrow Table, a pandas DataFrame and a
  polars DataFrame (conversion of the rule's columns + evaluation + the result as a pyarrow
  Table with id, outcome, reason and missing);
- berdaya prepared: the Population built once (``Population.from_arrow``), then
  ``rule.evaluate_batch(population)`` (evaluation + the result table);
- pandas: the rule written by hand with vectorised pandas (eligible mask only);
- polars: the rule as lazy expressions, ``.collect()`` (eligible mask only, all threads).

Every contender's eligible count is checked against berdaya's before timing. Prints medians and
ratios. Run: ``python benches/python/bench_batch.py [N] [repeats]`` (default 1,000,000 and 5).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any, Callable, Dict, List

import pandas as pd
import polars as pl
import pyarrow as pa

import berdaya

AS_OF = date(2020, 9, 9)
RULES = Path(__file__).resolve().parents[2] / "conformance" / "rules" / "reference.rules"
EDU = ["none", "sd", "smp", "sma", "diploma", "bachelor", "master", "doctorate"]
R3_DIS = ["physical", "sensory_hearing", "sensory_speech"]


def matches(category: str) -> List[str]:
    """The disability names a category matches (itself and its sub-types)."""
    names = ["physical", "intellectual", "mental", "mental_psychosocial", "mental_developmental",
             "sensory", "sensory_visual", "sensory_hearing", "sensory_speech"]
    return [n for n in names if n == category or n.startswith(category + "_")]


# ---------- pandas, by hand ----------

def pandas_rules(df: pd.DataFrame) -> Dict[str, Callable[[], pd.Series]]:
    def age() -> pd.Series:
        b = df["birth_date"]
        years = AS_OF.year - b.dt.year
        before = (b.dt.month > AS_OF.month) | ((b.dt.month == AS_OF.month) & (b.dt.day > AS_OF.day))
        a = years - before.astype("int64")
        return a.where(b <= pd.Timestamp(AS_OF))  # future births: unknown

    def has_any(col: str, items: List[str]) -> pd.Series:
        ex = df[col].explode()
        return ex.isin(items).groupby(level=0).any() & df[col].notna()

    def r1() -> pd.Series:
        a = age()
        return (a >= 18) & (a <= 45)

    def r2() -> pd.Series:
        return r1() & (df["disabilities"].str.len() > 0)

    def r3() -> pd.Series:
        a = age()
        edu = df["education"].map({e: i for i, e in enumerate(EDU)})
        days = (pd.Timestamp(AS_OF) - df["residence_since"]).dt.days
        care = (df["care_status"] == "alumnus") | ((df["care_status"] == "resident") & (days >= 180))
        dis = has_any("disabilities", [m for c in R3_DIS for m in matches(c)])
        return (a >= 17) & (a <= 40) & dis & care & (edu >= 2) & (df["nik"].str[:2] == "35")

    def r4() -> pd.Series:
        dec = df["dtks_decile"]
        return r3() & df["employment"].isin(["unemployed", "self_employed"]) & ((dec <= 4) | dec.isna())

    def r5() -> pd.Series:
        edu = df["education"].map({e: i for i, e in enumerate(EDU)})
        skills = has_any("skills", ["batik", "sewing"]) | (has_any("skills", ["handicraft"]) & (edu >= 3))
        both = has_any("disabilities", matches("intellectual")) & has_any("disabilities", matches("mental"))
        return r4() & skills & ~both

    return {"r1": r1, "r2": r2, "r3": r3, "r4": r4, "r5": r5}


# ---------- polars, lazy ----------

def polars_rules(df: pl.DataFrame) -> Dict[str, Callable[[], pl.DataFrame]]:
    as_of = pl.lit(AS_OF)
    b = pl.col("birth_date")
    before = (b.dt.month() > AS_OF.month) | ((b.dt.month() == AS_OF.month) & (b.dt.day() > AS_OF.day))
    age = pl.when(b <= as_of).then(AS_OF.year - b.dt.year() - before.cast(pl.Int32))
    edu = pl.col("education").replace_strict({e: i for i, e in enumerate(EDU)}, default=None)

    def has_any(col: str, items: List[str]) -> pl.Expr:
        return pl.col(col).list.eval(pl.element().is_in(items)).list.any()

    r1 = (age >= 18) & (age <= 45)
    r2 = r1 & (pl.col("disabilities").list.len() > 0)
    days = (as_of - pl.col("residence_since")).dt.total_days()
    care = (pl.col("care_status") == "alumnus") | ((pl.col("care_status") == "resident") & (days >= 180))
    r3 = ((age >= 17) & (age <= 40) & has_any("disabilities", [m for c in R3_DIS for m in matches(c)])
          & care & (edu >= 2) & (pl.col("nik").str.slice(0, 2) == "35"))
    dec = pl.col("dtks_decile")
    r4 = r3 & pl.col("employment").is_in(["unemployed", "self_employed"]) & ((dec <= 4) | dec.is_null())
    skills = has_any("skills", ["batik", "sewing"]) | (has_any("skills", ["handicraft"]) & (edu >= 3))
    both = has_any("disabilities", matches("intellectual")) & has_any("disabilities", matches("mental"))
    r5 = r4 & skills & ~both
    lazy = df.lazy()
    exprs = {"r1": r1, "r2": r2, "r3": r3, "r4": r4, "r5": r5}
    return {k: (lambda e=e: lazy.select(e.fill_null(False).alias("eligible")).collect()) for k, e in exprs.items()}


def median_time(f: Callable[[], Any], repeats: int) -> float:
    f()  # warm up
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(n: int = 1_000_000, repeats: int = 5) -> Dict[str, Dict[str, float]]:
    pop = berdaya.Population.synthetic(n, seed=2020, as_of=AS_OF)
    table = pop.to_arrow()
    pdf = table.to_pandas()
    pdf["birth_date"] = pd.to_datetime(pdf["birth_date"])
    pdf["residence_since"] = pd.to_datetime(pdf["residence_since"])
    plf = pl.from_arrow(table)
    assert isinstance(plf, pl.DataFrame)
    rules = berdaya.RuleSet(RULES.read_text())
    by_hand = pandas_rules(pdf)
    lazy = polars_rules(plf)
    prepared = {}
    results: Dict[str, Dict[str, float]] = {}
    print(f"{n:,} rows, as of {AS_OF}, median of {repeats}; threads: berdaya and polars all "
          f"({os.cpu_count()} cores), pandas 1; load average {os.getloadavg()[0]:.1f}")
    header = ("rule", "berdaya prepared", "berdaya from pyarrow", "berdaya from polars", "berdaya from pandas",
              "polars lazy", "pandas by hand", "e2e pyarrow / polars", "prepared / polars")
    print(" | ".join(header))
    for name in ["r1", "r2", "r3", "r4", "r5"]:
        rule = rules.rule(name)
        assert rule is not None
        if not prepared:
            start = time.perf_counter()
            prepared_pop = berdaya.Population.from_arrow(table, reference_date=AS_OF)
            prepared["build"] = time.perf_counter() - start
        expected = rule.evaluate_batch(prepared_pop, as_of=AS_OF)
        eligible = sum(1 for o in expected.column("outcome").to_pylist() if o == "eligible")
        assert int(by_hand[name]().fillna(False).astype(bool).sum()) == eligible, (name, "pandas")
        assert int(lazy[name]()["eligible"].sum()) == eligible, (name, "polars")
        t = {
            "berdaya prepared": median_time(lambda: rule.evaluate_batch(prepared_pop, as_of=AS_OF), repeats),
            "berdaya from pyarrow": median_time(lambda: rule.evaluate_batch(table, as_of=AS_OF), repeats),
            "berdaya from polars": median_time(lambda: rule.evaluate_batch(plf, as_of=AS_OF), repeats),
            "berdaya from pandas": median_time(lambda: rule.evaluate_batch(pdf, as_of=AS_OF), max(1, repeats // 2)),
            "polars lazy": median_time(lazy[name], repeats),
            "pandas by hand": median_time(by_hand[name], max(1, repeats // 2)),
        }
        results[name] = t
        rate = {k: n / v / 1e6 for k, v in t.items()}
        cells = [name.upper()] + [f"{rate[k]:.1f} M/s" for k in header[1:7]] + [
            f"{t['polars lazy'] / t['berdaya from pyarrow']:.1f}×",
            f"{t['polars lazy'] / t['berdaya prepared']:.1f}×",
        ]
        print(" | ".join(cells))
    print(f"Population.from_arrow (all 15 columns, once): {prepared['build']:.3f} s "
          f"({n / prepared['build'] / 1e6:.1f} M rows/s)")
    return results


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*args)
