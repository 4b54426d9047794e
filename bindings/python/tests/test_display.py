"""Allocations and reports in Jupyter (dict subclasses with `_repr_html_`) and impact tables."""

import copy
import pickle
from datetime import date

import pyarrow
import pytest

import berdaya
from berdaya import _native

AS_OF = date(2020, 9, 9)
JOBS = {"agreement": "pks-2020-batik-wistara", "commitment": "jobs"}
BATIK = {"agreement": "pks-2020-batik-wistara", "commitment": "batik-training"}


@pytest.fixture(scope="module")
def reg():
    return berdaya.Registry.east_java_2020()


@pytest.fixture(scope="module")
def request_(reg):
    rules = berdaya.RuleEligibility(reg)
    applicants = berdaya.applicants_from_registry(reg, reg.beneficiary_ids()[:40], [JOBS, BATIK], rules, AS_OF)
    return {
        "seed": "<script>alert(1)</script>",
        "commitments": [{**JOBS, "places": 2}, {**BATIK, "places": 3}],
        "applicants": applicants,
        "priorities": [{"fact": "age", "order": "desc"}],
    }


def test_allocation_is_the_plain_dict(request_):
    out = berdaya.allocate(request_)
    plain = _native.allocate(request_)
    assert type(out) is berdaya.Allocation and isinstance(out, dict)
    assert out == plain and plain == out and dict(out) == plain
    assert repr(out) == repr(plain)
    assert pickle.loads(pickle.dumps(out)) == out and type(pickle.loads(pickle.dumps(out))) is berdaya.Allocation
    assert copy.deepcopy(out) == out
    # receipts take it as they take the plain dict
    rules = berdaya.RuleEligibility(berdaya.Registry.east_java_2020())
    receipts = berdaya.allocation_receipts(berdaya.Registry.east_java_2020(), rules, b"sixteen bytes key!", request_, out, AS_OF)
    assert len(receipts) == len(request_["applicants"]) * 2


def test_allocation_html_is_escaped_and_has_no_priority_values(request_):
    out = berdaya.allocate(request_)
    html = out._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("<table") >= 2
    first = out["placements"][0]
    assert first["beneficiary"] in html and f"{first['rank']} of {first['of']}" in html
    assert f"{len(out['placements'])} placed, {len(out['unplaced'])} not placed" in html
    if out["unplaced"] and out["unplaced"][0]["reasons"]:
        assert f"waitlist #{out['unplaced'][0]['reasons'][0]['waitlist_position']}" in html
    # priority values (here ages) and lottery draws stay out of the HTML
    assert first["lottery"] not in html
    ages = {str(v) for p in out["placements"] for v in p["priority"] if v is not None}
    assert all(f">{a}<" not in html for a in ages)


def test_allocation_html_cuts_long_tables():
    many = {
        "seed": "s",
        "commitments": [{**JOBS, "places": 30}],
        "applicants": [
            {"id": f"p{i:03}", "eligibility": [{**JOBS, "outcome": "eligible"}]} for i in range(60)
        ],
    }
    html = berdaya.allocate(many)._repr_html_()
    assert "… and 10 more" in html and "30 placed, 30 not placed" in html


def test_report_is_the_plain_dict_and_shows_suppressed_cells(reg):
    rules = berdaya.RuleEligibility(reg)
    ledger = berdaya.Enrollments()
    for b in reg.beneficiary_ids()[:12]:
        try:
            ledger.enrol(reg, rules, b, BATIK, AS_OF)
        except berdaya.EnrollmentError:
            pass
    out = berdaya.report(reg, ledger, berdaya.Outcomes(), date(2020, 10, 1))
    plain = _native.report(reg, ledger, berdaya.Outcomes(), date(2020, 10, 1))
    assert type(out) is berdaya.Report and out == plain and repr(out) == repr(plain)
    html = out._repr_html_()
    suppressed = sum(t["suppressed"] for t in out["tables"])
    assert suppressed > 0 and html.count(">suppressed<") == suppressed
    assert all(f"by {t['dimension']}" in html for t in out["tables"])
    assert "<b>total</b>" in html and "employment quota" in html
    kw = berdaya.report(reg, ledger, berdaya.Outcomes(), date(2020, 10, 1), min_cell=1, expiring_within_days=3650)
    assert kw == _native.report(reg, ledger, berdaya.Outcomes(), date(2020, 10, 1), min_cell=1, expiring_within_days=3650)
    assert ">suppressed<" not in kw._repr_html_() and "ending soon" in kw._repr_html_()


def test_impact_tables_lay_out_the_result():
    pop = berdaya.Population.synthetic(400, seed=11, as_of=AS_OF)
    impact = berdaya.rule_change_impact(
        berdaya.Rule("age between 18 and 35 and dtks_decile <= 4"),
        berdaya.Rule("age between 18 and 40 and days_in_care >= 30"),
        pop,
        as_of=AS_OF,
    )
    t = berdaya.impact_table(impact)
    assert t.column_names == ["change", "dimension", "group", "count"]
    assert t.schema.field("count").type == pyarrow.int64()
    rows = t.to_pylist()
    for change in berdaya.tables.IMPACT_CHANGES:
        for dim in berdaya.tables.IMPACT_DIMENSIONS:
            got = {r["group"]: r["count"] for r in rows if r["change"] == change and r["dimension"] == dim}
            assert got == impact[change][f"by_{dim}"]
            assert sum(got.values()) == impact[change]["count"]
    ids = berdaya.impact_ids_table(impact)
    assert ids.column_names == ["change", "id"]
    for change in berdaya.tables.IMPACT_CHANGES:
        assert [r["id"] for r in ids.to_pylist() if r["change"] == change] == impact[change]["ids"]
    assert impact["gains"]["count"] > 0 and impact["losses"]["count"] > 0
    # empty analysis: typed empty columns
    none = berdaya.rule_change_impact(berdaya.Rule("age >= 18"), berdaya.Rule("age >= 18"), pop, as_of=AS_OF)
    assert berdaya.impact_table(none).num_rows == 0 and berdaya.impact_ids_table(none).num_rows == 0
    assert berdaya.impact_table(none).schema == t.schema


def test_python_readme_blocks_run():
    import re
    from pathlib import Path

    readme = Path(__file__).resolve().parents[1] / "README.md"
    pytest.importorskip("pandas")
    scope: dict = {}
    for block in re.findall(r"```python\n(.*?)```", readme.read_text(encoding="utf-8"), re.S):
        exec(compile(block, str(readme), "exec"), scope)
    assert scope["rank"] == 1


def test_module_doctests():
    import doctest

    import berdaya.tables
    import berdaya.types

    for module in (berdaya.tables, berdaya.types):
        failures, tried = doctest.testmod(module, raise_on_error=False)
        assert failures == 0 and tried > 0, module.__name__
