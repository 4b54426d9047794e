from datetime import date

import pytest

import berdaya

AS_OF = date(2020, 9, 9)


def test_batch_equals_single_on_a_synthetic_population():
    pop = berdaya.Population.synthetic(2000, seed=42, as_of=AS_OF)
    assert len(pop) == 2000
    rule = berdaya.Rule("age between 18 and 45 and disabilities is not empty")
    result = rule.evaluate_batch(pop, as_of=AS_OF)
    assert result.column_names == ["id", "outcome", "reason", "missing"]
    assert result.num_rows == 2000
    # the same decisions one by one, through the records the population exports
    again = berdaya.Population.from_csv(pop.to_csv(), reference_date=AS_OF)
    assert again.to_csv() == pop.to_csv()
    assert rule.evaluate_batch(again, as_of=AS_OF).equals(result)


def test_csv_import_reports_every_bad_cell():
    csv = "id,nik,birth_date,sex\np1,3514140711950002,1995-11-07,L\np2,3.51414E+15,31/02/1990,X\n"
    with pytest.raises(berdaya.DataImportError) as info:
        berdaya.Population.from_csv(csv, reference_date=AS_OF)
    issues = info.value.diagnostics
    assert {i["column"] for i in issues} >= {"nik", "birth_date", "sex"}
    assert all(i["row"] == 2 for i in issues)
    assert "3514" not in str(issues)  # NIKs are masked in reports
    pop = berdaya.Population.from_csv(csv, reference_date=AS_OF, on_error="skip_row")
    assert len(pop) == 1 and pop.import_report["skipped_rows"] == [2]


def test_records_in_and_results_to_pyarrow():
    pa = pytest.importorskip("pyarrow")
    pop = berdaya.Population.from_records(
        [{"id": "a", "birth_date": "1995-11-07", "disabilities": ["rungu"]}, {"id": "b"}],
        reference_date=AS_OF,
    )
    table = berdaya.Rule("age >= 18").evaluate_batch(pop, as_of=AS_OF)
    assert isinstance(table, pa.Table)
    assert table.column("outcome").to_pylist() == ["eligible", "undetermined"]
    assert table.column("missing").to_pylist() == [[], ["birth_date"]]


def test_columnar_batch_equals_single_person_evaluation_on_the_reference_rules():
    import json
    from pathlib import Path

    src = (Path(__file__).parents[3] / "conformance" / "rules" / "reference.rules").read_text()
    rules = berdaya.RuleSet(src)
    pop = berdaya.Population.synthetic(3000, seed=7, as_of=AS_OF)
    records = [json.loads(line) for line in pop.to_json_lines().splitlines() if line]
    assert len(records) == 3000
    for name in ["r1", "r2", "r3", "r4", "r5"]:
        rule = rules.rule(name)
        batch = rule.evaluate_batch(pop, as_of=AS_OF).to_pydict()
        for i, rec in enumerate(records):
            d = rule.evaluate(rec, as_of=AS_OF)
            assert batch["id"][i] == rec["id"]
            assert batch["outcome"][i] == d.outcome, (name, i)
            first = d.reasons[0]["clause"] if d.reasons else None
            assert batch["reason"][i] == first, (name, i)
            assert batch["missing"][i] == list(d.missing), (name, i)


def test_decide_row_explains_a_batch_row():
    pop = berdaya.Population.synthetic(300, seed=3, as_of=AS_OF)
    rule = berdaya.Rule("age between 18 and 45 and disabilities is not empty")
    batch = rule.evaluate_batch(pop, as_of=AS_OF).to_pydict()
    row = batch["outcome"].index("eligible")
    d = rule.decide_row(pop, row, as_of=AS_OF)
    assert d is not None and d.outcome == "eligible"
    assert d.reasons[0]["clause"] == batch["reason"][row]
    assert rule.decide_row(pop, 300, as_of=AS_OF) is None


def test_population_from_registry_agrees_with_single_person_decisions() -> None:
    reg = berdaya.Registry.east_java_2020()
    pop = berdaya.Population.from_registry(reg, as_of=AS_OF)
    ids = reg.beneficiary_ids()
    rule = berdaya.Rule("care_status = alumnus and age between 17 and 45")
    result = rule.evaluate_batch(pop, as_of=AS_OF)
    cols = result.to_pydict() if hasattr(result, "to_pydict") else result
    assert len(cols["id"]) == len(pop) == 200
    assert list(cols["id"]) == list(ids)
    for i, bid in enumerate(cols["id"]):
        d = rule.evaluate(reg.beneficiary(bid), as_of=AS_OF)
        assert cols["outcome"][i] == d.outcome, bid
    assert "eligible" in cols["outcome"] and "ineligible" in cols["outcome"]
