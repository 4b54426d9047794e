"""Scale-out with Dask: evaluate the reference rules over a partitioned registry.

The same code runs on a laptop (a ``LocalCluster`` with 2 worker processes, as here) and on a
real cluster: connect the ``Client`` to the scheduler instead (``Client("tcp://scheduler:8786")``)
and read the registry where the workers can see it (``dd.read_parquet("s3://.../dtsen/")``).
Every worker needs ``pip install berdaya`` (the same version); rules travel to the workers by
pickle, in their checked JSON form. Each partition crosses into Rust through the Arrow PyCapsule
interface and only the columns the rule reads are converted.

    python examples/python/dask_scale_out.py [rows] [partitions]
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path
from typing import Dict

import dask
import dask.dataframe as dd
import pandas as pd
from dask.distributed import Client, LocalCluster

import berdaya

AS_OF = date(2020, 9, 9)

# Dask turns object columns into strings by default, which would flatten list columns held as
# Python lists into their repr; the Arrow-backed frames here have none, but a frame built from
# Python lists would.
dask.config.set({"dataframe.convert-string": False})
RULES = Path(__file__).resolve().parents[2] / "conformance" / "rules" / "reference.rules"


def registry_frame(rows: int, seed: int = 2020) -> pd.DataFrame:
    """A synthetic registry (BENCHMARK.md distributions) as a pandas frame backed by Arrow
    (``pd.ArrowDtype``, what ``dd.read_parquet(..., dtype_backend="pyarrow")`` gives): the
    partitions travel to the workers and into berdaya as Arrow buffers, without Python objects
    per row."""
    table = berdaya.Population.synthetic(rows, seed=seed, as_of=AS_OF).to_arrow()
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def counts_on_cluster(frame: pd.DataFrame, partitions: int, client: Client) -> Dict[str, Dict[str, int]]:
    """Outcome counts per reference rule, computed by the cluster's workers."""
    rules = berdaya.RuleSet(RULES.read_text())
    ddf = dd.from_pandas(frame, npartitions=partitions).persist()
    out: Dict[str, Dict[str, int]] = {}
    for name in rules.names:
        rule = rules.rule(name)
        assert rule is not None
        counts = berdaya.evaluate_dask(ddf, rule, as_of=AS_OF, counts_only=True).sum().compute()
        out[name] = {str(k): int(v) for k, v in counts.items() if v}
    return out


def eligible_ids_on_cluster(frame: pd.DataFrame, partitions: int, rule: berdaya.Rule) -> pd.Series:
    ddf = dd.from_pandas(frame, npartitions=partitions)
    result = berdaya.evaluate_dask(ddf, rule, as_of=AS_OF)
    return result[result["outcome"] == "eligible"]["id"].compute()


def counts_single_process(frame: pd.DataFrame) -> Dict[str, Dict[str, int]]:
    rules = berdaya.RuleSet(RULES.read_text())
    out: Dict[str, Dict[str, int]] = {}
    for name in rules.names:
        rule = rules.rule(name)
        assert rule is not None
        table = rule.evaluate_batch(frame, as_of=AS_OF)
        values = table.to_pandas()["outcome"].astype(str).value_counts()
        out[name] = {str(k): int(v) for k, v in values.items()}
    return out


def main(rows: int = 100_000, partitions: int = 8) -> None:
    frame = registry_frame(rows)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            start = time.perf_counter()
            on_cluster = counts_on_cluster(frame, partitions, client)
            took = time.perf_counter() - start
    single = counts_single_process(frame)
    print(f"{rows:,} rows in {partitions} partitions on 2 workers: {took:.2f} s for 5 rules")
    for name, counts in on_cluster.items():
        print(f"  {name}: " + ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items())))
    assert on_cluster == single, "the cluster must agree with a single process"
    print("same counts as a single process")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
