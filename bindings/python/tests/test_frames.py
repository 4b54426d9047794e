"""berdaya.frames: partitions with progress, column projection, per-partition counts."""

from datetime import date

import pytest

import berdaya

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

AS_OF = date(2020, 9, 9)


def test_partitions_report_progress_and_equal_the_whole():
    pop = berdaya.Population.synthetic(5000, seed=4, as_of=AS_OF)
    table = pop.to_arrow()
    parts = [table.slice(i, 1000) for i in range(0, 5000, 1000)]
    rule = berdaya.Rule("age between 18 and 45 and disabilities is not empty")
    seen = []
    out = list(
        berdaya.evaluate_partitions(rule, parts, as_of=AS_OF, progress=lambda d, t, r: seen.append((d, t, r)))
    )
    assert seen == [(i, 5, 1000 * i) for i in range(1, 6)]
    assert pa.concat_tables(out).to_pydict() == rule.evaluate_batch(pop, as_of=AS_OF).to_pydict()
    # a generator has no length; progress=True without tqdm installed is silent
    gen = (p for p in parts)
    seen.clear()
    list(berdaya.evaluate_partitions(rule, gen, as_of=AS_OF, progress=lambda d, t, r: seen.append(t)))
    assert seen == [None] * 5
    assert len(list(berdaya.evaluate_partitions(rule, parts, as_of=AS_OF, progress=True))) == 5


def test_only_inputs_projects_frames_and_counts_per_partition():
    from berdaya.frames import only_inputs, outcome_counts

    rule = berdaya.Rule("age >= 18")
    df = pd.DataFrame({"ID": ["a", "b"], "birth_date": ["1990-01-01", None], "sex": ["X", "Y"]})
    assert list(only_inputs(df, rule).columns) == ["ID", "birth_date"]
    assert only_inputs(pa.Table.from_pandas(df), rule).column_names == ["ID", "birth_date"]
    counts = outcome_counts(df, rule, AS_OF)  # the bad `sex` column is never read
    assert counts.to_dict("records") == [{"eligible": 1, "ineligible": 0, "undetermined": 1}]
    frame = berdaya.evaluate_frame(df, rule, AS_OF)
    assert list(frame["outcome"]) == ["eligible", "undetermined"]
    assert list(frame["reason"]) == ["age >= 18", None]


def test_python_readme_blocks_run():
    import re
    from pathlib import Path

    readme = Path(__file__).resolve().parents[1] / "README.md"
    blocks = re.findall(r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 4
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, str(readme), "exec"), namespace)
    assert namespace["out"].column("outcome").to_pylist() == ["eligible", "ineligible", "undetermined"]
    assert namespace["out"].column("missing").to_pylist()[2] == ["birth_date", "disabilities"]
