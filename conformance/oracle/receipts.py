#!/usr/bin/env python3
"""An independent oracle for decision receipts, their replay and erasure.

Digests follow docs/receipts.md and are computed here with Python's `hmac`/`hashlib` over
`json.dumps(..., sort_keys=True, separators=(",", ":"), ensure_ascii=False)`; outcomes come
from the independent rule evaluator in conformance/rules/oracle.py. Written by hand, per
case: the rule in canonical text (its SHA-256 is the rule hash), the input facts the rule
reads, and for replays the expected status and changed facts. Nothing is taken from berdaya.

    python3 conformance/oracle/receipts.py          # writes receipts.json, replay.json, erasure.json
    python3 conformance/oracle/receipts.py --check  # recomputes and compares
"""
import datetime as dt
import hashlib
import hmac
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "rules"))
import oracle as R  # noqa: E402

D = dt.date.fromisoformat
V = "berdaya.canonical/1"
LABEL = {R.T: "eligible", R.F: "ineligible", R.U: "undetermined"}
KEY = "dinsos-jatim receipts 2020"
OTHER_KEY = "another office's key"


def canon(v):
    return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def mac(key, text):
    return hmac.new(key.encode(), text.encode(), hashlib.sha256).hexdigest()


def key_id(key):
    return mac(key, "berdaya.receipt.key_id")[:16]


def value(facts, context, name):
    v = facts.get(name, context.get(name))
    if isinstance(v, list):
        out = []
        for x in sorted(v, key=canon):
            if not out or out[-1] != x:
                out.append(x)
        return out
    return v


def parse(src, name=None):
    if src.lstrip().startswith("rule "):
        rules = R.Parser(src).file()
        return rules, rules[name or list(rules)[-1]]
    return {}, R.Parser(src).expr()


def receipt(c, facts=None, context=None, key=KEY):
    """The expected receipt of case `c` (optionally on other facts)."""
    facts = c["facts"] if facts is None else facts
    context = c.get("context", {}) if context is None else context
    rules, expr = parse(c["rules"], c.get("rule"))
    out, missing = R.ev(expr, rules, facts, context, D(c["as_of"]))
    values = {n: value(facts, context, n) for n in c["inputs"]}
    rule_hash = hashlib.sha256(c["canonical"].encode()).hexdigest()
    whole = {"v": V, "kind": "rule", "subject": c["subject"], "target": None,
             "as_of": c["as_of"], "rule": rule_hash, "facts": values}
    got = {
        "outcome": LABEL[out],
        "rule_hash": rule_hash,
        "key_id": key_id(key),
        "facts": {n: mac(key, canon({"v": V, "subject": c["subject"], "fact": n, "value": x}))
                  for n, x in values.items()},
        "input_digest": mac(key, canon(whole)),
    }
    if out == R.U:
        got["missing"] = sorted(missing)
    return got


def inp(c, **more):
    i = {k: c[k] for k in ("rules", "facts", "as_of", "subject") if k in c}
    for k in ("rule", "context", "version"):
        if k in c:
            i[k] = c[k]
    i["key_utf8"] = KEY
    i.update(more)
    return i


AGE = {"rules": "age between 18 and 45", "canonical": "age between 18 and 45",
       "inputs": ["birth_date"], "as_of": "2020-09-09", "subject": "pm-0001"}
POOR_ALUMNI = {"rules": "care_status = alumnus and dtks_decile <= 4",
               "canonical": "care_status = alumnus and dtks_decile <= 4",
               "inputs": ["care_status", "dtks_decile"], "as_of": "2020-09-09", "subject": "pm-0002"}
BATIK = {"rules": "agreement_in_force and partner_kind = business and skills has batik",
         "canonical": "agreement_in_force and partner_kind = business and skills has batik",
         "inputs": ["agreement_in_force", "partner_kind", "skills"], "as_of": "2021-01-04",
         "subject": "pm-0003"}
DIS = {"rules": "disabilities has any of [physical, sensory_hearing] and days_in_care >= 90",
       "canonical": "disabilities has any of [physical, sensory_hearing] and days_in_care >= 90",
       "inputs": ["disabilities", "residence_since"], "as_of": "2020-09-09", "subject": "pm-0004"}
NIK = {"rules": 'nik_regency = "3514" and sex = F', "canonical": 'nik_regency = "3514" and sex = F',
       "inputs": ["nik", "sex"], "as_of": "2020-09-09", "subject": "pm-0005"}
FILE = {"rules": "rule usia = age >= 17\nrule vokasi \"Vokasi\" = usia and education >= smp\n",
        "rule": "vokasi",
        "canonical": "rule usia = age >= 17\n\nrule vokasi \"Vokasi\" = usia and education >= smp\n",
        "inputs": ["birth_date", "education"], "as_of": "2020-09-09", "subject": "pm-0006"}


def case(base, **kw):
    c = dict(base)
    c.update(kw)
    return c


RECEIPT_CASES = [
    ("age-eligible", "a 22-year-old under `age between 18 and 45`: eligible; birth_date is the one input",
     case(AGE, facts={"birth_date": "1998-03-12"})),
    ("age-ineligible", "born 1960: 60 years old, ineligible",
     case(AGE, facts={"birth_date": "1960-01-01"})),
    ("age-unknown", "no birth date: undetermined, birth_date missing; its digest is of null",
     case(AGE, facts={})),
    ("age-other-facts-ignored", "facts the rule does not read (name, NIK) are not digested",
     case(AGE, facts={"birth_date": "1998-03-12", "name": "Contoh Dua", "nik": "3504035203980001"})),
    ("age-other-subject", "the same fact of another person has another digest (the subject is in the message)",
     case(AGE, facts={"birth_date": "1998-03-12"}, subject="pm-0099")),
    ("age-version-label", "a version label does not change the digests",
     case(AGE, facts={"birth_date": "1998-03-12"}, version="2020")),
    ("alumni-eligible", "an alumnus in decile 2: eligible",
     case(POOR_ALUMNI, facts={"care_status": "alumnus", "dtks_decile": 2})),
    ("alumni-resident", "a resident: ineligible",
     case(POOR_ALUMNI, facts={"care_status": "resident", "dtks_decile": 2})),
    ("alumni-no-decile", "an alumnus without a decile: undetermined",
     case(POOR_ALUMNI, facts={"care_status": "alumnus"})),
    ("batik-context", "context facts the rule names are digested like the person's",
     case(BATIK, facts={"skills": ["sewing", "batik"]},
          context={"agreement_in_force": True, "partner_kind": "business"})),
    ("batik-list-order", "list values are sorted and deduplicated before digesting",
     case(BATIK, facts={"skills": ["batik", "sewing", "batik"]},
          context={"agreement_in_force": True, "partner_kind": "business"})),
    ("batik-not-in-force", "the agreement not in force: ineligible",
     case(BATIK, facts={"skills": ["batik"]},
          context={"agreement_in_force": False, "partner_kind": "business"})),
    ("disability-derived", "days_in_care reads residence_since; disabilities sorted",
     case(DIS, facts={"disabilities": ["sensory_speech", "sensory_hearing"], "residence_since": "2019-01-02"})),
    ("disability-short-stay", "30 days in care: ineligible",
     case(DIS, facts={"disabilities": ["physical"], "residence_since": "2020-08-10"})),
    ("nik-derived", "nik_regency reads the NIK, whose digest is keyed (the NIK space is small)",
     case(NIK, facts={"nik": "3514145203980001", "sex": "F"})),
    ("nik-other-regency", "another regency: ineligible",
     case(NIK, facts={"nik": "3504035203980001", "sex": "F"})),
    ("file-reference", "a rule of a file: the hash covers the rules it refers to, in canonical file text",
     case(FILE, facts={"birth_date": "2000-01-01", "education": "sma"})),
    ("file-young", "16 years old: ineligible through the referenced rule",
     case(FILE, facts={"birth_date": "2004-01-01", "education": "smp"})),
]


def receipt_vectors():
    out = []
    for i, (slug, desc, c) in enumerate(RECEIPT_CASES, 1):
        out.append({"id": f"receipts-{i:03d}-{slug}", "description": desc, "input": inp(c),
                    "expect": {"ok": receipt(c)}})
    n = len(out)
    for j, (slug, k) in enumerate([("empty-key", ""), ("short-key", "fifteen bytes!!"),
                                   ("short-multibyte", "kunci-é")], 1):
        c = case(AGE, facts={"birth_date": "1998-03-12"})
        out.append({"id": f"receipts-{n + j:03d}-{slug}",
                    "description": f"a key of {len(k.encode())} bytes is refused (at least 16)",
                    "input": inp(c, key_utf8=k),
                    "expect": {"error": {"code": "receipt.short_key", "field": "key"}}})
    return out


def replay_expect(c, then):
    """Hand-stated change, checked against the oracle's outcome."""
    before = receipt(c)
    facts = then.get("facts", c["facts"])
    context = then.get("context", c.get("context", {}))
    if "rules" in then:
        c2 = case(c, **then)
        after = receipt(c2, facts, context)
    else:
        after = receipt(c, facts, context)
    changed = sorted(n for n in before["facts"] if n in after["facts"]
                     and before["facts"][n] != after["facts"][n])
    rule_changed = before["rule_hash"] != after["rule_hash"]
    if not changed and not rule_changed and before["outcome"] == after["outcome"]:
        return {"status": "holds"}
    return {"status": "changed", "facts": changed, "rule_changed": rule_changed,
            "outcome": before["outcome"], "new_outcome": after["outcome"]}


REPLAY_CASES = [
    ("same-facts", "nothing changed: holds", case(AGE, facts={"birth_date": "1998-03-12"}), {},
     {"status": "holds"}),
    ("unread-fact", "a fact the rule does not read changed: holds",
     case(AGE, facts={"birth_date": "1998-03-12", "dtks_decile": 3}),
     {"facts": {"birth_date": "1998-03-12", "dtks_decile": 9}}, {"status": "holds"}),
    ("corrected-birth-date", "birth date corrected to 1960: birth_date changed, now ineligible",
     case(AGE, facts={"birth_date": "1998-03-12"}), {"facts": {"birth_date": "1960-01-01"}},
     {"status": "changed", "facts": ["birth_date"], "rule_changed": False,
      "outcome": "eligible", "new_outcome": "ineligible"}),
    ("same-outcome", "birth date corrected within the range: changed input, same outcome",
     case(AGE, facts={"birth_date": "1998-03-12"}), {"facts": {"birth_date": "1997-03-12"}},
     {"status": "changed", "facts": ["birth_date"], "rule_changed": False,
      "outcome": "eligible", "new_outcome": "eligible"}),
    ("fact-learned", "an unknown decile became known: undetermined to eligible",
     case(POOR_ALUMNI, facts={"care_status": "alumnus"}),
     {"facts": {"care_status": "alumnus", "dtks_decile": 1}},
     {"status": "changed", "facts": ["dtks_decile"], "rule_changed": False,
      "outcome": "undetermined", "new_outcome": "eligible"}),
    ("two-facts", "both facts changed: both named, sorted",
     case(POOR_ALUMNI, facts={"care_status": "alumnus", "dtks_decile": 2}),
     {"facts": {"care_status": "resident", "dtks_decile": 7}},
     {"status": "changed", "facts": ["care_status", "dtks_decile"], "rule_changed": False,
      "outcome": "eligible", "new_outcome": "ineligible"}),
    ("reordered-list", "the same skills in another order: holds",
     case(BATIK, facts={"skills": ["sewing", "batik"]},
          context={"agreement_in_force": True, "partner_kind": "business"}),
     {"facts": {"skills": ["batik", "sewing"]}}, {"status": "holds"}),
    ("context-changed", "the agreement ended: agreement_in_force changed",
     case(BATIK, facts={"skills": ["batik"]},
          context={"agreement_in_force": True, "partner_kind": "business"}),
     {"context": {"agreement_in_force": False, "partner_kind": "business"}},
     {"status": "changed", "facts": ["agreement_in_force"], "rule_changed": False,
      "outcome": "eligible", "new_outcome": "ineligible"}),
    ("rule-narrowed", "the rule now ends at 20: the rule changed, no fact did",
     case(AGE, facts={"birth_date": "1998-03-12"}),
     {"rules": "age between 18 and 20", "canonical": "age between 18 and 20"},
     {"status": "changed", "facts": [], "rule_changed": True,
      "outcome": "eligible", "new_outcome": "ineligible"}),
    ("rule-same-outcome", "a wider rule: the rule changed, the outcome did not",
     case(AGE, facts={"birth_date": "1998-03-12"}),
     {"rules": "age between 17 and 60", "canonical": "age between 17 and 60"},
     {"status": "changed", "facts": [], "rule_changed": True,
      "outcome": "eligible", "new_outcome": "eligible"}),
    ("rule-and-fact", "a rule reading the same input and a corrected fact: both reported",
     case(AGE, facts={"birth_date": "1998-03-12"}),
     {"rules": "age >= 18", "canonical": "age >= 18", "facts": {"birth_date": "2005-01-01"}},
     {"status": "changed", "facts": ["birth_date"], "rule_changed": True,
      "outcome": "eligible", "new_outcome": "ineligible"}),
    ("file-rule", "a rule of a file replayed on the same facts: holds",
     case(FILE, facts={"birth_date": "2000-01-01", "education": "sma"}), {}, {"status": "holds"}),
]


def replay_vectors():
    out = []
    for i, (slug, desc, c, then, want) in enumerate(REPLAY_CASES, 1):
        got = replay_expect(c, then)
        assert got == want, (slug, got, want)
        t = {k: v for k, v in then.items() if k != "canonical"}
        out.append({"id": f"replay-{i:03d}-{slug}", "description": desc,
                    "input": inp(c, then=t), "expect": {"ok": want}})
    n = len(out)
    c = case(AGE, facts={"birth_date": "1998-03-12"})
    out.append({"id": f"replay-{n + 1:03d}-other-key",
                "description": "a replay with another key is refused, never reported as changed facts",
                "input": inp(c, then={"key_utf8": OTHER_KEY}),
                "expect": {"error": {"code": "receipt.key_mismatch", "field": "key"}}})
    return out


# pm-0001 of the East Java sample: NIK 3514140711950002, "Contoh Satu" (examples/data/residents_2020.csv)
ERASURE_CASES = [
    ("holds-without-erasure", "enrolled under pks-2020-batik-wistara/jobs; replay on the same registry holds",
     {"beneficiary": "pm-0001", "on": "2020-10-01"}, {"replay": {"status": "holds"}, "erased_on": None}),
    ("erased-after", "personal data erased on 2021-03-01: the replay says subject_erased with the day",
     {"beneficiary": "pm-0001", "on": "2020-10-01", "erase_on": "2021-03-01"},
     {"replay": {"status": "subject_erased", "erased_on": "2021-03-01"}, "erased_on": "2021-03-01"}),
    ("erased-twice", "a second erasure keeps the first day",
     {"beneficiary": "pm-0002", "on": "2020-10-01", "erase_on": "2021-03-01", "erase_again_on": "2022-01-01"},
     {"replay": {"status": "subject_erased", "erased_on": "2021-03-01"}, "erased_on": "2021-03-01"}),
    ("erased-other", "erasing someone else leaves this receipt holding",
     {"beneficiary": "pm-0001", "on": "2020-10-01", "erase_on": "2021-03-01", "erase_who": "pm-0002"},
     {"replay": {"status": "holds"}, "erased_on": None}),
    ("unknown-id", "erasing an id that is not registered is refused",
     {"beneficiary": "pm-0001", "on": "2020-10-01", "erase_on": "2021-03-01", "erase_who": "pm-9999"},
     {"error": {"code": "registry.not_found"}}),
]


def erasure_vectors():
    out = []
    for i, (slug, desc, i_, want) in enumerate(ERASURE_CASES, 1):
        i_ = dict(i_)
        i_.update({"registry": "east_java_2020",
                   "target": {"agreement": "pks-2020-batik-wistara", "commitment": "jobs"},
                   "key_utf8": KEY,
                   "secrets": {"pm-0001": ["3514140711950002", "Contoh Satu"],
                               "pm-0002": ["3504035203980001", "Contoh Dua"]}})
        if "error" in want:
            expect = want
        else:
            expect = {"ok": dict(want, round_trips=True, secrets_in_receipt=[],
                                 secrets_in_snapshot_of_erased=[])}
        out.append({"id": f"erasure-{i:03d}-{slug}", "description": desc, "input": i_, "expect": expect})
    return out


DESCRIPTIONS = {
    "receipts": "Decision receipts of a rule on given facts. Input: `rules` (an expression, or a file and `rule`), "
                "`facts`, optional `context`, `as_of`, `subject` (a registry id), `key_utf8` (the key's UTF-8 bytes), "
                "optional `version`. Call `Receipt::for_rule`. `ok` compares `outcome`, `rule_hash` (the receipt's "
                "`rule.content_hash`), `key_id`, `facts` (name to digest), `input_digest` and, when given, `missing`. "
                "Computed by conformance/oracle/receipts.py with hmac/hashlib per docs/receipts.md.",
    "replay": "Replay of a rule receipt. Input as in `receipts`, plus `then`: the `rules`, `facts`, `context` or "
              "`key_utf8` to replay with (absent: the same). Make the receipt, read it back from its JSON, call "
              "`replay_facts`. `ok` is the replay's wire form; statuses written by hand, checked by the oracle.",
    "erasure": "Erasure and registry replay on the East Java sample (`registry`: `east_java_2020`). Enrol `beneficiary` "
               "in `target` on `on` with `enrol_with_receipt` under the registry's commitment rules; then erase "
               "`erase_who` (default the beneficiary) on `erase_on` (and again on `erase_again_on`), if given. `ok`: "
               "`replay` (the receipt's replay against the registry), `erased_on` of the beneficiary (null: not erased), "
               "`round_trips` (the snapshot reads back equal), `secrets_in_receipt` (which of the `secrets`, NIK and "
               "name by id, occur in the receipt's JSON) and `secrets_in_snapshot_of_erased` (which secrets of the "
               "erased person occur in the snapshot). `error`: the erasure's code.",
}


def main():
    files = {"receipts": receipt_vectors(), "replay": replay_vectors(), "erasure": erasure_vectors()}
    check = "--check" in sys.argv
    bad = False
    for suite, vectors in files.items():
        path = os.path.join(ROOT, f"{suite}.json")
        doc = {"suite": suite, "description": DESCRIPTIONS[suite], "vectors": vectors}
        text = json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
        if check:
            with open(path, encoding="utf-8") as f:
                if f.read() != text:
                    print(f"{path} differs from the oracle", file=sys.stderr)
                    bad = True
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            print(f"{path}: {len(vectors)} vectors")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
