"""Jupyter rendering without personal data, equality and hashing, pickling."""

from datetime import date
import pickle

import berdaya

AS_OF = date(2020, 9, 9)
PERSON = {"nik": "3514140711950002", "name": "Siti Aminah", "birth_date": date(1995, 11, 7),
          "disabilities": ["sensory_hearing"], "dtks_decile": 3}


def test_repr_html_shows_outcome_and_clauses_but_no_values():
    rule = berdaya.Rule("age between 18 and 45 and disabilities has any of [sensory_hearing] and dtks_decile <= 4")
    d = rule.evaluate(PERSON, as_of=AS_OF)
    for html in (d._repr_html_(), d.explain("id", "full")._repr_html_(), d.explain("en")._repr_html_()):
        assert "eligible" in html
        assert "age between 18 and 45" in html or "age" in html
        for secret in ("3514140711950002", "Siti", "1995", "24 tahun", "24 years"):
            assert secret not in html
    undetermined = rule.evaluate({}, as_of=AS_OF)
    assert "birth_date" in undetermined._repr_html_()


def test_equality_and_hashing():
    rule = berdaya.Rule("age >= 18")
    a = rule.evaluate(PERSON, as_of=AS_OF)
    b = rule.evaluate(dict(PERSON), as_of=AS_OF)
    c = rule.evaluate({}, as_of=AS_OF)
    assert a == b and hash(a) == hash(b) and a != c
    assert a.explain("id") == b.explain("id") and hash(a.explain("id")) == hash(b.explain("id"))
    s1 = berdaya.RuleSet("rule r = age >= 18")
    s2 = berdaya.RuleSet("rule   r =\n  age >= 18")
    assert s1 == s2 and hash(s1) == hash(s2) and s1 != berdaya.RuleSet("rule r = age >= 19")
    assert len({s1, s2}) == 1
    assert pickle.loads(pickle.dumps(s1)) == s1
