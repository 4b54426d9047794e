"""Outcomes, reports and rule-change impact through the Python API."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import berdaya

BATIK = {"agreement": "pks-2020-batik-wistara", "commitment": "batik-training"}


def _cohort():
    reg = berdaya.Registry.east_java_2020()
    rules = berdaya.RuleEligibility(reg)
    ledger = berdaya.Enrollments()
    residents = reg.beneficiaries_by("upt-rsbd-pasuruan", "resident", date(2020, 9, 9))
    residents += reg.beneficiaries_by("upt-rsbrw-pasuruan", "resident", date(2020, 9, 9))
    ns = []
    for b in residents[:6]:
        n = ledger.enrol(reg, rules, b, BATIK, date(2020, 9, 9))
        ledger.activate(n, date(2020, 10, 1))
        ledger.complete(reg, rules, n, date(2021, 3, 31))
        ns.append(n)
    return reg, ledger, ns


def test_outcome_ledger_round_trips_and_refuses():
    reg, ledger, ns = _cohort()
    out = berdaya.Outcomes()
    assert out.record(reg, ledger, ns[0], date(2021, 3, 31), {"kind": "completed_training"}) == 1
    out.record(reg, ledger, ns[0], date(2021, 5, 3), {"kind": "employer_of", "employees": 2})
    with pytest.raises(berdaya.OutcomeError) as e:
        out.record(reg, ledger, ns[0], date(2021, 5, 3), {"kind": "employer_of", "employees": 2})
    assert e.value.code == "outcome.duplicate" and isinstance(e.value, ValueError)
    with pytest.raises(berdaya.OutcomeError) as e:
        out.record(reg, ledger, 999, date(2021, 5, 3), {"kind": "self_employed"})
    assert e.value.code == "outcome.unknown_enrollment" and e.value.field == "enrollment"
    with pytest.raises(berdaya.InputError):
        out.record(reg, ledger, ns[0], date(2021, 5, 3), {"kind": "employer_of", "employees": 0})
    assert len(out) == 2
    copy = berdaya.Outcomes(out.to_dict())
    assert copy.records == out.records
    person = ledger.get(ns[0])["beneficiary"]
    assert [r["outcome"]["kind"] for r in out.timeline(person)] == ["completed_training", "employer_of"]
    assert person in repr(out.records) and "Outcomes(2 records)" == repr(out)


def test_report_suppresses_small_cells_and_columns_add_up():
    reg, ledger, ns = _cohort()
    out = berdaya.Outcomes()
    for n in ns:
        out.record(reg, ledger, n, date(2021, 4, 5), {"kind": "employed", "partner": "batik-wistara"})
    r = berdaya.report(reg, ledger, out, date(2021, 9, 9))
    by_agreement = {t["dimension"]: t for t in r["tables"]}["agreement"]
    batik = next(x for x in by_agreement["rows"] if x["group"] == BATIK["agreement"])
    assert batik["filled"] == 6 and batik["employed_6_months"] == 6
    assert batik["committed"] == 30
    open_ = berdaya.report(reg, ledger, out, date(2021, 9, 9), min_cell=1)
    for t in open_["tables"]:
        for m in ("filled", "completed", "employed_12_months"):
            assert sum(row[m] for row in t["rows"]) == t["total"][m], (t["dimension"], m)
    quota = {q["partner"]: q for q in r["quota"]}
    assert quota["batik-wistara"]["employed_from_programs"] == 6
    assert quota["rsud-magetan"]["quota_percent"] == 2 and quota["rsud-magetan"]["required"] is None


def test_rule_change_impact_matches_single_decisions():
    as_of = date(2020, 9, 9)
    pop = berdaya.Population.synthetic(500, seed=5, as_of=as_of)
    before, after = berdaya.Rule("age between 18 and 35"), berdaya.Rule("age between 18 and 40")
    impact = berdaya.rule_change_impact(before, after, pop, as_of=as_of)
    # evaluate_batch gives a pyarrow.Table
    a = before.evaluate_batch(pop, as_of=as_of).to_pydict()
    b = after.evaluate_batch(pop, as_of=as_of).to_pydict()
    gains = [i for i, x, y in zip(a["id"], a["outcome"], b["outcome"]) if y == "eligible" and x != "eligible"]
    assert impact["gains"]["ids"] == gains and impact["losses"]["count"] == 0
    assert sum(impact["gains"]["by_disability"].values()) == len(gains)
    assert sum(t["count"] for t in impact["transitions"]) == 500


def _naive_suppress(values, lines, minimum):
    hidden = [0 < v < minimum for v in values]
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(hidden[i] for i in line) == 1:
                i = min((i for i in line if not hidden[i]), key=lambda i: (values[i], i))
                hidden[i] = True
                changed = True
    return hidden


def _sex(reg, b):
    d = reg.beneficiary(b).to_dict()
    if d.get("sex"):
        return d["sex"]
    if d.get("nik"):
        return berdaya.Nik(d["nik"], reference_date=date.fromisoformat(d["registered_on"])).sex
    return "unknown"


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 30), st.randoms(use_true_random=False))
def test_report_by_sex_hides_what_one_line_would_reveal(k, rnd):
    """Enrol k random people; the sex table's `filled` column must be what a naive
    suppression of the true counts gives, and no column hides exactly one cell."""
    reg = berdaya.Registry.east_java_2020()
    ledger = berdaya.Enrollments()
    ids = reg.beneficiary_ids()
    rnd.shuffle(ids)
    eligible = lambda b, t, d: {"outcome": "eligible", "missing": []}  # noqa: E731
    jobs = {"agreement": "pks-2020-batik-wistara", "commitment": "jobs"}
    counts = {}
    for i, b in enumerate(ids[:k]):
        ledger.enrol(reg, eligible, b, BATIK if i < 20 else jobs, date(2020, 9, 10))
        counts[_sex(reg, b)] = counts.get(_sex(reg, b), 0) + 1
    r = berdaya.report(reg, ledger, berdaya.Outcomes(), date(2020, 9, 10))
    t = {t["dimension"]: t for t in r["tables"]}["sex"]
    groups = sorted(counts)
    values = [counts[g] for g in groups] + [k]
    hidden = _naive_suppress(values, [list(range(len(values)))], 5)
    got = {row["group"]: row["filled"] for row in t["rows"]}
    for g, v, h in zip(groups, values, hidden):
        assert got[g] == (None if h else v)
    assert t["total"]["filled"] == (None if hidden[-1] else k)
    assert sum(hidden) != 1


def test_docs_reports_python_blocks_run():
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[3] / "docs" / "reports.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, "docs/reports.md", "exec"), {})


def test_report_table_is_the_report_as_pyarrow() -> None:
    pa = pytest.importorskip("pyarrow")
    reg, ledger, ns = _cohort()
    out = berdaya.Outcomes()
    out.record(reg, ledger, ns[0], date(2021, 3, 31), {"kind": "completed_training"})
    r = berdaya.report(reg, ledger, out, date(2021, 9, 9))
    t = berdaya.report_table(reg, ledger, out, date(2021, 9, 9))
    assert isinstance(t, pa.Table)
    expected = [
        {"dimension": tab["dimension"], "group": row["group"], **{k: row.get(k) for k in t.column_names[2:]}}
        for tab in r["tables"]
        for row in [*tab["rows"], tab["total"]]
    ]
    assert t.to_pylist() == expected
    assert t.to_pandas().shape[0] == len(expected) if hasattr(t, "to_pandas") else True
