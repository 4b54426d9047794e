"""Random Arrow data and random arguments through the batch and frame API: only documented
errors (BerdayaError subclasses, TypeError, ImportError for a missing optional package), never a
PanicException; and memory stays flat over 10,000 repeated batch calls."""

from datetime import date
import pickle

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import pytest

import berdaya

pa = pytest.importorskip("pyarrow")

DOCUMENTED = (berdaya.BerdayaError, TypeError)
AS_OF = date(2020, 9, 9)
COLUMNS = ["id", "nik", "name", "birth_date", "sex", "disabilities", "care_status", "upt_id", "residence_since",
           "discharged_on", "education", "dtks_decile", "employment", "skills", "regency", "other"]

texts = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["", " ", "L", "P", "M", "F", "resident", "alumnus", "smp", "sma", "4", "NaN", "3.0", "11",
                     "physical|mental", "[]", "rungu;wicara", "1995-11-07", "31/02/1990", "07/11/1995",
                     "3514140711950002", "3.51414E+15", "3514140711950000", "35.20", "3520", "99"]),
)


def column(n):
    """A random Arrow array of n rows, of a type real producers emit (or not)."""
    strings = st.lists(st.one_of(st.none(), texts), min_size=n, max_size=n)
    ints = st.lists(st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1)), min_size=n, max_size=n)
    floats = st.lists(st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)), min_size=n, max_size=n)
    days = st.lists(st.one_of(st.none(), st.integers(-(2**31), 2**31 - 1)), min_size=n, max_size=n)
    lists = st.lists(st.one_of(st.none(), st.lists(st.one_of(st.none(), texts), max_size=4)), min_size=n, max_size=n)
    return st.one_of(
        strings.map(lambda v: pa.array(v, pa.string())),
        strings.map(lambda v: pa.array(v, pa.large_string())),
        strings.map(lambda v: pa.array(v, pa.string_view())),
        strings.map(lambda v: pa.array(v, pa.string()).dictionary_encode()),
        ints.map(lambda v: pa.array(v, pa.int64())),
        floats.map(lambda v: pa.array(v, pa.float64())),
        days.map(lambda v: pa.array(v, pa.int32()).cast(pa.date32())),
        days.map(lambda v: pa.array(v, pa.int64()).cast(pa.timestamp("ns", tz="Asia/Jakarta"))),
        days.map(lambda v: pa.array(v, pa.int64()).cast(pa.date64())),
        lists.map(lambda v: pa.array(v, pa.list_(pa.string()))),
        lists.map(lambda v: pa.array(v, pa.large_list(pa.string()))),
        st.lists(st.one_of(st.none(), st.booleans()), min_size=n, max_size=n).map(pa.array),
    )


@st.composite
def tables(draw):
    n = draw(st.integers(0, 12))
    names = draw(st.lists(st.sampled_from(COLUMNS), max_size=6))
    if draw(st.booleans()):
        names = ["id"] + names
    arrays = [draw(column(n)) for _ in names]
    return pa.table(arrays, names=[f"c{i}" for i in range(len(names))]).rename_columns(names)


RULES = [
    "age between 18 and 45 and disabilities is not empty",
    "care_status = alumnus or (care_status = resident and days_in_care >= 180)",
    "nik_province = \"35\" and education >= smp and (dtks_decile <= 4 or not known(dtks_decile))",
    "skills has any of [batik, sewing] and domicile_regency = \"35.20\" and sex = F",
    "upt_id = \"upt-a\" and days_since_discharge < 365 and employment in [unemployed, self_employed]",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.sampled_from(RULES), st.sampled_from(["reject_all", "skip_row"]))
def test_random_arrow_tables(table, source, on_error):
    rule = berdaya.Rule(source)
    try:
        pop = berdaya.Population.from_arrow(table, reference_date=AS_OF, on_error=on_error)
    except DOCUMENTED as e:
        assert isinstance(e, TypeError) or "." in e.code
    else:
        # what was accepted round-trips and evaluates
        assert berdaya.Population.from_arrow(pop.to_arrow(), reference_date=AS_OF) == pop
        assert pickle.loads(pickle.dumps(pop)) == pop
        assert rule.evaluate_batch(pop, as_of=AS_OF).num_rows == len(pop)
    try:
        out = rule.evaluate_batch(table, as_of=AS_OF)
        assert out.column_names == ["id", "outcome", "reason", "missing"]
    except DOCUMENTED as e:
        assert isinstance(e, TypeError) or "." in e.code


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(st.none(), st.integers(), st.text(max_size=5), st.lists(st.integers(), max_size=3),
              st.dictionaries(st.text(max_size=3), st.lists(st.integers(), max_size=2), max_size=2)),
    st.one_of(st.dates(), st.none(), st.text(max_size=3)),
    st.one_of(st.none(), st.dictionaries(st.sampled_from(["agreement_in_force", "partner_kind", "x"]),
                                         st.one_of(st.booleans(), st.text(max_size=5), st.none()), max_size=2)),
)
def test_random_arguments(data, as_of, context):
    rule = berdaya.Rule("age >= 18")
    try:
        rule.evaluate_batch(data, as_of=as_of, context=context)
    except DOCUMENTED:
        pass
    try:
        berdaya.Population.from_arrow(data, reference_date=as_of)
    except DOCUMENTED:
        pass
    try:
        list(berdaya.evaluate_partitions(rule, [data], as_of=as_of, context=context))  # type: ignore[arg-type]
    except DOCUMENTED:
        pass


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * __import__("os").sysconf("SC_PAGE_SIZE")


def test_memory_stays_flat_over_10000_batch_calls():
    pop = berdaya.Population.synthetic(1000, seed=1, as_of=AS_OF)
    table = pop.to_arrow()
    rule = berdaya.RuleSet(
        (__import__("pathlib").Path(__file__).parents[3] / "conformance" / "rules" / "reference.rules").read_text()
    ).rule("r5")
    assert rule is not None
    for i in range(500):  # warm up allocators and caches
        rule.evaluate_batch(pop if i % 2 else table, as_of=AS_OF)
    before = rss_bytes()
    for i in range(10_000):
        rule.evaluate_batch(pop if i % 2 else table, as_of=AS_OF)
    grown = rss_bytes() - before
    # a leak of one result table per call (~60 KiB) would be ~600 MB; allow allocator slack
    assert grown < 16 * 1024 * 1024, f"RSS grew by {grown / 1e6:.1f} MB"
