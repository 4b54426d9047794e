"""Random input through the public API raises only documented errors (never a panic)."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

import berdaya

DOCUMENTED = (berdaya.BerdayaError, TypeError)

json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.text(max_size=12),
    st.sampled_from(["2020-09-09", "1995-11-07", "2020-02-30", "9999-12-31", "pks", "mou", "signed", "resident"]),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
)
json_value = st.recursive(
    json_leaf,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=20,
)
keys = st.sampled_from(
    ["id", "kind", "title", "parties", "period", "history", "commitments", "clauses", "registered_on", "nik",
     "name", "birth_date", "sex", "care", "from", "until", "agency", "on", "event", "schema_version"]
)
record = st.dictionaries(keys, json_value, max_size=8)


@settings(max_examples=400, deadline=None)
@given(record)
def test_random_records(data):
    for make in (berdaya.Agreement, berdaya.Beneficiary, berdaya.Facility):
        try:
            make(data)
        except DOCUMENTED:
            pass


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), record.map(lambda d: __import__("json").dumps(d, default=str))))
def test_random_snapshots(text):
    try:
        berdaya.Registry.from_json(text)
    except berdaya.BerdayaError as e:
        assert "." in e.code


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)), st.integers(0, 2**32 - 1))
def test_queries_at_any_date(d, days):
    reg = berdaya.Registry.east_java_2020()
    reg.agreements_in_force_on(d)
    reg.agreements_expiring_within(d, days)
    reg.care_counts(d)
    reg.warnings(d)
    for agreement_id in reg.agreement_ids():
        a = reg.agreement(agreement_id)
        assert a is not None
        a.status_on(d)
        for op in (a.sign, a.approve, a.negotiate, a.resume):
            try:
                op(d)
            except berdaya.AgreementError:
                pass
        try:
            a.terminate(d, "x")
        except berdaya.AgreementError:
            pass
