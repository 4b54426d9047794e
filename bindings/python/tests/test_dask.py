"""Scale-out: examples/python/dask_scale_out.py on a LocalCluster with 2 worker processes gives
exactly the single-process result (counts for R1-R5, and every row for R5)."""

import importlib.util
from pathlib import Path

import pytest

pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")

ROOT = Path(__file__).parents[3]


def load_example():
    spec = importlib.util.spec_from_file_location("dask_scale_out", ROOT / "examples" / "python" / "dask_scale_out.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cluster_result_equals_single_process():
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    import berdaya

    ex = load_example()
    frame = ex.registry_frame(100_000)
    rules = berdaya.RuleSet(ex.RULES.read_text())
    r5 = rules.rule("r5")
    assert r5 is not None
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            assert len(client.scheduler_info()["workers"]) == 2
            counts = ex.counts_on_cluster(frame, 8, client)
            rows = berdaya.evaluate_dask(dd.from_pandas(frame, npartitions=8), r5, as_of=ex.AS_OF).compute()
    assert counts == ex.counts_single_process(frame)
    assert sum(counts["r1"].values()) == 100_000
    single = r5.evaluate_batch(frame, as_of=ex.AS_OF).to_pydict()
    assert list(rows["id"]) == single["id"]
    assert list(rows["outcome"]) == single["outcome"]
    assert [r if isinstance(r, str) else None for r in rows["reason"]] == single["reason"]
    assert [list(m) for m in rows["missing"]] == single["missing"]
