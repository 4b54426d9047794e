import pickle
from datetime import date

import pytest

import berdaya

AS_OF = date(2020, 9, 9)
R3 = """
rule r3 "Pelatihan vokasional" =
    age between 17 and 40
    and disabilities has any of [physical, sensory_hearing, sensory_speech]
    and (care_status = alumnus or (care_status = resident and days_in_care >= 180))
    and education >= smp
    and nik_province = "35"
"""


def test_reference_rule_r3_on_the_seed_beneficiary():
    rule = berdaya.RuleSet(R3).rule("r3")
    assert rule is not None
    person = {
        "nik": "3514140711950002",
        "birth_date": date(1995, 11, 7),
        "disabilities": ["rungu", "wicara"],
        "care_status": "alumnus",
        "education": "smp",
    }
    d = rule.evaluate(person, as_of=AS_OF)
    assert d.outcome == "eligible" and d.missing == []
    assert repr(d) == "Decision(eligible)"
    assert any(r["fact"] == "age" and r["actual"] == 24 for r in d.reasons)


def test_unknown_birth_date_is_undetermined_and_named():
    rule = berdaya.Rule("age between 18 and 45")
    d = rule.evaluate({}, as_of=AS_OF)
    assert d.outcome == "undetermined" and d.missing == ["birth_date"]


def test_errors_carry_diagnostics():
    with pytest.raises(berdaya.RuleError) as info:
        berdaya.Rule("umur between 18 and 45")
    e = info.value
    assert e.code == "rule.invalid" and isinstance(e, ValueError)
    assert e.diagnostics and e.diagnostics[0]["code"] == "rule.check.unknown_field"
    assert e.diagnostics[0]["span"]["column"] == 1
    # check() returns the same as data and never raises
    assert berdaya.check("umur between 18 and 45")[0]["code"] == "rule.check.unknown_field"


def test_rules_pickle_and_compare_by_content():
    rule = berdaya.Rule("age between 18 and 45 and disabilities is not empty")
    again = pickle.loads(pickle.dumps(rule))
    assert again == rule and hash(again) == hash(rule)
    assert again.content_hash == rule.content_hash
    rs = berdaya.RuleSet(R3)
    assert pickle.loads(pickle.dumps(rs)).names == ["r3"]


def test_evaluate_a_registered_beneficiary():
    reg = berdaya.Registry.east_java_2020()
    rule = berdaya.Rule("care_status in [resident, alumnus] and age between 17 and 60")
    outcomes = {rule.evaluate(reg.beneficiary(i), as_of=AS_OF).outcome for i in reg.beneficiary_ids()}
    assert "eligible" in outcomes


def test_explain_and_sensitive_facts():
    from datetime import date

    rule = berdaya.Rule("age >= 17 and days_in_care >= 180")
    d = rule.evaluate({"birth_date": "2004-02-29", "residence_since": "2020-03-01"}, as_of=date(2020, 9, 9))
    e = d.explain()
    assert e.lang == "id" and e.form == "short" and e.outcome == "ineligible"
    assert str(e) == "Tidak memenuhi syarat: usia 16 tahun, kurang dari batas minimal 17 tahun."
    assert "16" not in repr(e)
    full = d.explain("en", "full")
    assert [s["kind"] for s in full.sentences] == ["outcome", "reason"]
    assert full.sentences[1]["clause"] == "age >= 17"
    assert full.to_dict()["text"] == full.text
    with pytest.raises(berdaya.InputError) as info:
        d.explain("fr")
    assert info.value.code == "rule.explain.unknown_language"
    facts = rule.sensitive_facts()
    assert [(f["fact"], f["input"], f["class"]) for f in facts] == [
        ("age", "birth_date", "demographic"),
        ("days_in_care", "residence_since", "care"),
    ]
    rs = berdaya.RuleSet('rule a = disabilities has fisik\nrule b = a and nik_province = "35"')
    assert [f["class"] for f in rs.sensitive_facts()] == ["disability", "nik_derived"]
    assert rs.sensitive_facts()[0]["specific"] is True


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(
    lang=st.one_of(st.sampled_from(["en", "id", "EN", " id "]), st.text(alphabet="enidIDxr ", max_size=4)),
    form=st.one_of(st.sampled_from(["short", "full", "FULL"]), st.text(alphabet="shortfulSL ", max_size=6)),
    age=st.integers(min_value=0, max_value=120),
    decile=st.one_of(st.none(), st.integers(min_value=1, max_value=10)),
)
def test_explain_never_fails_unexpectedly(lang, form, age, decile):
    rule = berdaya.Rule("age between 17 and 40 and (dtks_decile <= 4 or not known(dtks_decile))")
    facts = {"birth_date": date(2020 - age, 1, 1), "dtks_decile": decile}
    d = rule.evaluate(facts, as_of=date(2020, 9, 9))
    ok = lang.strip().lower() in ("en", "id") and form.strip().lower() in ("short", "full")
    try:
        e = d.explain(lang, form)
    except berdaya.InputError as err:
        assert not ok and err.code.startswith("rule.explain.")
        return
    assert ok and e.outcome == d.outcome and str(e).endswith(".")
    assert e.lang == lang.strip().lower()
    if e.form == "short":
        assert len(e.sentences) == 1 and "\n" not in str(e)
    else:
        assert len(e.sentences) == 1 + len(d.reasons) + (len(d.missing) if d.outcome == "undetermined" else 0)
