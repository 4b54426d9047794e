"""Counterfactual dates and versioned rule sets from Python."""

import pickle
from datetime import date

import pytest

import berdaya

VERSIONED = """rule usia = age >= 17
rule vokasi @2020 from 2020-01-01 until 2021-01-01 = usia and age <= 35
rule vokasi @2021 from 2021-01-01 = usia and age <= 40
"""


def test_eligible_from_dates_are_dates() -> None:
    rule = berdaya.Rule("age between 17 and 35 and days_in_care >= 180")
    cf = rule.eligible_from(
        {"birth_date": date(2004, 2, 29), "residence_since": date(2020, 6, 1)},
        as_of=date(2020, 9, 9),
    )
    assert cf == {"status": "eligible_from", "date": date(2021, 3, 1)}
    now = rule.eligible_from(
        {"birth_date": date(2000, 1, 1), "residence_since": date(2019, 1, 1)}, as_of=date(2020, 9, 9)
    )
    assert now == {"status": "eligible_now", "date": date(2020, 9, 9)}
    assert rule.eligible_from({"birth_date": date(1970, 1, 1)}, as_of=date(2020, 9, 9)) == {"status": "never"}
    assert rule.eligible_from({"birth_date": date(2000, 1, 1)}, as_of=date(2020, 9, 9)) == {
        "status": "unknown",
        "missing": ["residence_since"],
    }


def test_agreement_coming_into_force() -> None:
    rule = berdaya.Rule("agreement_in_force and age >= 17")
    ctx = {"agreement_in_force": [{"from": date(2021, 1, 1), "until": date(2022, 1, 1)}]}
    cf = rule.eligible_from({"birth_date": date(2000, 1, 1)}, as_of=date(2020, 9, 9), context=ctx)
    assert cf == {"status": "eligible_from", "date": date(2021, 1, 1)}
    cf = rule.eligible_from({"birth_date": date(2000, 1, 1)}, as_of=date(2022, 1, 1), context=ctx)
    assert cf == {"status": "never"}


def test_settling_facts() -> None:
    rule = berdaya.Rule("age >= 17 and (dtks_decile <= 4 or care_status = resident)")
    s = rule.settling_facts({"dtks_decile": 7}, as_of=date(2020, 9, 9))
    assert s == [
        {"fact": "birth_date", "could_make_eligible": False, "could_make_ineligible": True},
        {"fact": "care_status", "could_make_eligible": False, "could_make_ineligible": True},
    ]
    assert rule.settling_facts({"birth_date": date(1990, 1, 1), "dtks_decile": 1}, as_of=date(2020, 9, 9)) == []


def test_versioned_rule_set() -> None:
    vs = berdaya.VersionedRuleSet(VERSIONED)
    assert vs.names == ["usia", "vokasi"]
    person = {"birth_date": date(1983, 5, 1)}
    d = vs.evaluate("vokasi", person, as_of=date(2021, 6, 1))
    assert d.decision.outcome == "eligible"
    assert d.version is not None and d.version["label"] == "2021"
    assert d.version["from"] == date(2021, 1, 1) and d.version["until"] is None
    assert len(d.version["content_hash"]) == 64
    pinned = vs.evaluate("vokasi@2020", person, as_of=date(2021, 6, 1))
    assert pinned.decision.outcome == "ineligible"
    with pytest.raises(berdaya.RuleVersionError) as e:
        vs.evaluate("vokasi", person, as_of=date(2019, 6, 1))
    assert e.value.code == "rule.version.none_in_force"
    assert isinstance(e.value, ValueError)
    cf = vs.eligible_from("vokasi", person, as_of=date(2020, 6, 1))
    assert cf["status"] == "eligible_from" and cf["date"] == date(2021, 1, 1)
    assert cf["version"]["label"] == "2021"
    rule, version = vs.rule_on("usia", as_of=date(2020, 1, 1))
    assert version is None and rule.name == "usia"
    again = pickle.loads(pickle.dumps(vs))
    assert again.to_text() == vs.to_text()
    assert berdaya.VersionedRuleSet.from_json(vs.to_json()).versions("vokasi") == vs.versions("vokasi")


def test_versioned_diagnostics() -> None:
    with pytest.raises(berdaya.RuleError) as e:
        berdaya.VersionedRuleSet("rule a @1 from 2020-01-01 = age > 1\nrule a @2 from 2020-06-01 = age > 2\n")
    assert [d["code"] for d in e.value.diagnostics] == ["rule.version.overlap"]
    vs = berdaya.VersionedRuleSet("rule a @1 from 2020-01-01 until 2020-02-01 = age > 1\nrule a @2 from 2020-03-01 = age > 2\n")
    assert [w["code"] for w in vs.warnings] == ["rule.version.gap"]
    assert vs.gaps("a") == [{"from": date(2020, 2, 1), "until": date(2020, 3, 1)}]


from datetime import timedelta  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

CLAUSES = [
    "age >= 17",
    "age between 17 and 35",
    "age <= 40",
    "days_in_care >= 180",
    "days_in_care < 400",
    "residence_since <= as_of - 6 months",
    "birth_date <= as_of - 21 years",
    "agreement_in_force",
]


@settings(max_examples=60, deadline=None)
@given(
    clauses=st.lists(st.sampled_from(CLAUSES), min_size=1, max_size=3),
    joiner=st.sampled_from([" and ", " or "]),
    birth=st.dates(date(1960, 1, 1), date(2015, 12, 31)),
    admitted=st.dates(date(2018, 1, 1), date(2022, 12, 31)),
    starts=st.dates(date(2019, 1, 1), date(2024, 12, 31)),
    as_of=st.dates(date(2019, 1, 1), date(2023, 12, 31)),
)
def test_eligible_from_agrees_with_evaluate(clauses, joiner, birth, admitted, starts, as_of):
    rule = berdaya.Rule(joiner.join(f"({c})" for c in clauses))
    facts = {"birth_date": birth, "residence_since": admitted}
    ctx = {"agreement_in_force": [{"from": starts, "until": None}]}

    def outcome(d):
        return rule.evaluate(facts, as_of=d, context={"agreement_in_force": d >= starts}).outcome

    cf = rule.eligible_from(facts, as_of=as_of, context=ctx)
    if cf["status"] in ("eligible_now", "eligible_from"):
        assert outcome(cf["date"]) == "eligible"
        if cf["date"] > as_of:
            assert outcome(cf["date"] - timedelta(days=1)) != "eligible"
            assert outcome(as_of) != "eligible"
    else:
        assert cf["status"] == "never"
        for years in range(0, 60, 3):
            assert outcome(as_of + timedelta(days=365 * years + 17)) != "eligible"


def test_context_timeline_of_a_registry_agreement() -> None:
    reg = berdaya.Registry.east_java_2020()
    ids = reg.agreements_in_force_on(date(2020, 9, 9))
    t = berdaya.context_timeline(reg, ids[0])
    spans = t["agreement_in_force"]
    assert isinstance(spans, list) and spans
    assert spans[0]["from"] is not None and spans[0]["from"] <= date(2020, 9, 9)
    rule = berdaya.Rule("agreement_in_force")
    assert rule.eligible_from({}, as_of=date(2020, 9, 8), context=t)["status"] in ("eligible_now", "eligible_from")
    with pytest.raises(berdaya.InputError):
        berdaya.context_timeline(reg, "no-such-pks")
