"""Arrow in and out: pyarrow, pandas and polars data frames through the PyCapsule interface.

Expectations come from the domain (BENCHMARK.md) computed by hand-written pandas code, or from
the same data read as CSV, never from recorded berdaya output.
"""

from datetime import date, datetime, timezone
import pickle

import pytest

import berdaya

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

AS_OF = date(2020, 9, 9)
REFERENCE = (__import__("pathlib").Path(__file__).parents[3] / "conformance" / "rules" / "reference.rules").read_text()


def frame():
    return pd.DataFrame(
        {
            "id": ["p1", "p2", "p3", "p4", "p5"],
            "birth_date": pd.to_datetime(["1995-11-07", "2002-09-10", "1975-09-09", None, "1974-09-10"]),
            "sex": pd.Categorical(["L", "P", "P", "L", None]),
            "disabilities": [["physical"], [], ["rungu", "wicara"], None, ["mental"]],
            "dtks_decile": [3.0, float("nan"), 10.0, 1.0, 2.0],
        }
    )


def r1_by_hand(df):
    """R1 (age 18..45 inclusive as of 2020-09-09) in plain pandas: an independent oracle."""
    out = []
    for b in df["birth_date"]:
        if pd.isna(b):
            out.append("undetermined")
            continue
        age = AS_OF.year - b.year - ((AS_OF.month, AS_OF.day) < (b.month, b.day))
        out.append("eligible" if 18 <= age <= 45 else "ineligible")
    return out


def test_pandas_frame_evaluates_like_hand_written_pandas():
    df = frame()
    result = berdaya.Rule("age between 18 and 45").evaluate_batch(df, as_of=AS_OF)
    assert isinstance(result, pa.Table)
    assert result.column_names == ["id", "outcome", "reason", "missing"]
    assert result.column("id").to_pylist() == list(df["id"])
    assert result.column("outcome").to_pylist() == r1_by_hand(df)
    assert result.column("missing").to_pylist() == [[], [], [], ["birth_date"], []]
    # to pandas and polars
    back = result.to_pandas()
    assert list(back["outcome"].astype(str)) == r1_by_hand(df)


def test_pyarrow_pandas_polars_and_population_agree():
    pl = pytest.importorskip("polars")
    rules = berdaya.RuleSet(REFERENCE)
    pop = berdaya.Population.synthetic(3000, seed=5, as_of=AS_OF)
    table = pop.to_arrow()
    inputs = {
        "population": pop,
        "pyarrow": table,
        "record batch reader": pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=700)),
        "pandas": table.to_pandas(),
        "polars": pl.from_arrow(table),
        "polars categoricals": pl.from_arrow(table).with_columns(
            pl.col("care_status", "education", "employment").cast(pl.Categorical)
        ),
    }
    for name in ["r1", "r2", "r3", "r4", "r5"]:
        rule = rules.rule(name)
        assert rule is not None
        expected = rule.evaluate_batch(pop, as_of=AS_OF)
        for what, data in inputs.items():
            if what == "record batch reader":
                data = pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=700))
            got = rule.evaluate_batch(data, as_of=AS_OF)
            assert got.to_pydict() == expected.to_pydict(), (name, what)


def test_population_from_arrow_round_trips_and_reports_bad_cells():
    pop = berdaya.Population.synthetic(500, seed=9, as_of=AS_OF)
    assert berdaya.Population.from_arrow(pop.to_arrow(), reference_date=AS_OF) == pop
    assert berdaya.Population.from_arrow(pop.to_arrow().to_pandas(), reference_date=AS_OF) == pop
    assert berdaya.Population.from_arrow(pop, reference_date=AS_OF) == pop  # it exports Arrow itself
    bad = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "nik": ["3514140711950002", "3.51414E+15", None],
            "birth_date": ["1995-11-07", "31/02/1990", "07/11/1995"],
            "dtks_decile": [3, 11, None],
        }
    )
    with pytest.raises(berdaya.DataImportError) as info:
        berdaya.Population.from_arrow(bad, reference_date=AS_OF)
    found = [(i["row"], i["column"], i["code"]) for i in info.value.diagnostics]
    assert found == [
        (2, "nik", "import.nik_mangled"),
        (2, "birth_date", "import.bad_date"),
        (2, "dtks_decile", "import.bad_decile"),
    ]
    assert "3514" not in str(info.value.diagnostics)
    skipped = berdaya.Population.from_arrow(bad, reference_date=AS_OF, on_error="skip_row")
    assert len(skipped) == 2 and skipped.import_report["skipped_rows"] == [2]
    # the same through evaluate_batch: any bad cell raises
    with pytest.raises(berdaya.DataImportError):
        berdaya.Rule("age >= 18").evaluate_batch(bad, as_of=AS_OF)


def test_only_the_columns_a_rule_reads_are_converted():
    rule = berdaya.Rule("age >= 18")
    assert rule.input_columns == ["id", "birth_date"]
    df = pd.DataFrame({"id": ["a"], "birth_date": ["1990-01-01"], "sex": ["X"]})  # bad sex, unread
    assert rule.evaluate_batch(df, as_of=AS_OF).column("outcome").to_pylist() == ["eligible"]
    with pytest.raises(berdaya.DataImportError):
        berdaya.Population.from_arrow(df, reference_date=AS_OF)
    pop = berdaya.Population.from_arrow(df, reference_date=AS_OF, columns=rule.input_columns)
    assert len(pop) == 1


def test_timestamps_with_indonesian_time_zones_keep_the_local_date():
    ts = pd.Series([datetime(1995, 11, 7, 0, 0)]).dt.tz_localize("Asia/Jakarta")
    df = pd.DataFrame({"id": ["a"], "birth_date": ts})
    pop = berdaya.Population.from_arrow(df, reference_date=AS_OF)
    assert '"birth_date":"1995-11-07"' in pop.to_json_lines()
    utc = pd.DataFrame({"id": ["a"], "birth_date": pd.Series([datetime(1995, 11, 7, tzinfo=timezone.utc)])})
    assert '"birth_date":"1995-11-07"' in berdaya.Population.from_arrow(utc, reference_date=AS_OF).to_json_lines()


def test_not_arrow_is_a_type_error():
    with pytest.raises(TypeError):
        berdaya.Rule("age >= 18").evaluate_batch(42, as_of=AS_OF)
    with pytest.raises(berdaya.DataImportError) as info:
        berdaya.Population.from_arrow(pa.table({"nik": ["x"]}), reference_date=AS_OF)
    assert info.value.diagnostics[0]["code"] == "import.missing_column"


def test_rules_and_populations_pickle():
    rule = berdaya.RuleSet(REFERENCE).rule("r3")
    assert rule is not None
    again = pickle.loads(pickle.dumps(rule))
    assert again == rule and hash(again) == hash(rule)
    pop = berdaya.Population.synthetic(200, seed=2, as_of=AS_OF)
    assert pickle.loads(pickle.dumps(pop)) == pop
