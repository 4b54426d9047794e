#!/usr/bin/env python3
"""A deliberately naive oracle for counterfactual dates and versioned rule sets.

It reuses the independent rule evaluator of conformance/rules/oracle.py (a separate Python
re-implementation of the rule language) and answers every question the slow, obvious way:

- counterfactual: evaluate the rule on every single day from the as-of date to the horizon
  (as-of + 150 years) and take the first eligible day;
- settling facts: try many concrete values of the missing fact at the as-of date;
- versions: read `rule NAME @LABEL from D [until D]` headers with a regular expression and, per
  day, pick the version whose period holds the day.

The cases below are written by hand; only the expectations are computed. Run:
    python3 conformance/oracle/counterfactual.py          # writes both JSON files
    python3 conformance/oracle/counterfactual.py --check  # recomputes and compares
"""
import datetime as dt
import hashlib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "rules"))
import oracle as R  # noqa: E402

D = dt.date.fromisoformat
HORIZON_MONTHS = 150 * 12
LABEL = {R.T: "eligible", R.F: "ineligible", R.U: "undetermined"}


def parse_rules(src, name=None):
    first = next((l.strip() for l in src.splitlines() if l.strip() and not l.strip().startswith("#")), "")
    if first.startswith("rule "):
        rules = R.Parser(src).file()
        return rules, rules[name or list(rules)[-1]]
    return {}, R.Parser(src).expr()


def context_on(ctx, day):
    out = dict(ctx or {})
    aif = out.get("agreement_in_force")
    if isinstance(aif, list):
        out["agreement_in_force"] = any(
            (s.get("from") is None or D(s["from"]) <= day) and (s.get("until") is None or day < D(s["until"]))
            for s in aif)
    return out


def outcome(rules, root, facts, ctx, day):
    return R.ev(root, rules, facts, context_on(ctx, day), day)


def horizon_end(as_of):
    return R.add_months(as_of, HORIZON_MONTHS)


def scan(decide, as_of):
    """decide(day) -> (value, missing) or None (no rule in force). Day by day."""
    day, end = as_of, horizon_end(as_of)
    first_unknown = None
    while day < end:
        r = decide(day)
        if r is not None:
            v, miss = r
            if v == R.T:
                if day == as_of:
                    return {"status": "eligible_now", "date": as_of.isoformat()}, day
                return {"status": "eligible_from", "date": day.isoformat()}, day
            if v == R.U and first_unknown is None:
                first_unknown = sorted(miss)
        day += dt.timedelta(days=1)
    if first_unknown is not None:
        out = {"status": "unknown"}
        if first_unknown:
            out["missing"] = first_unknown
        return out, None
    return {"status": "never"}, None


# --- settling facts: concrete values of one fact
def candidates(fact, as_of, src):
    words = set(re.findall(r"[A-Za-z_]\w*", src))
    if fact == "birth_date":
        out = [as_of + dt.timedelta(days=1)]
        for k in range(0, 121):
            b = R.add_months(as_of, -12 * k)
            out += [b, b - dt.timedelta(days=1), b + dt.timedelta(days=1)]
        return [d.isoformat() for d in out]
    if fact in ("residence_since", "discharged_on"):
        return [(as_of - dt.timedelta(days=k)).isoformat() for k in range(-400, 4000)]
    if fact in ("care_status", "education", "employment", "sex"):
        return list(R.ENUMS[fact][0])
    if fact == "dtks_decile":
        return list(range(1, 11))
    if fact == "agreement_in_force":
        return [True, False]
    if fact in ("skills", "certificates", "ppks"):
        lits = sorted(w for w in words if w in ("batik", "sewing", "handicraft", "sttr", "fakir_miskin", "jamu"))
        out = [[]] + [[w] for w in lits] + [lits] + [["other"]]
        return out
    if fact == "disabilities":
        kinds = list(R.DIS)
        return [[]] + [[k] for k in kinds] + [[a, b] for a in kinds for b in kinds if a < b]
    if fact == "nik":
        return ["3514140711950002", "3171140711950002", "12"]
    if fact == "regency":
        return ["35.20", "31.71", "35.14"]
    if fact == "partner_kind":
        return list(R.ENUMS["partner_kind"][0])
    raise ValueError(fact)


def settling(src, name, facts, ctx, as_of):
    rules, root = parse_rules(src, name)
    v, miss = R.ev(root, rules, facts, ctx or {}, as_of)
    if v != R.U:
        return []
    out = []
    for fact in sorted(miss):
        seen = set()
        for val in candidates(fact, as_of, src):
            f2, c2 = dict(facts), dict(ctx or {})
            if fact in ("agreement_in_force", "partner_kind"):
                c2[fact] = val
            else:
                f2[fact] = val
            seen.add(R.ev(root, rules, f2, c2, as_of)[0])
        out.append({"fact": fact, "could_make_eligible": R.T in seen, "could_make_ineligible": R.F in seen})
    return out


# --- counterfactual vectors
CF = []


def cf(slug, desc, rules, facts, as_of, context=None, rule=None, settle=False):
    as_of_d = D(as_of)
    rs, root = parse_rules(rules, rule)
    ok, _ = scan(lambda d: outcome(rs, root, facts, context, d), as_of_d)
    inp = {"rules": rules, "facts": facts, "as_of": as_of}
    if rule:
        inp["rule"] = rule
    if context is not None:
        inp["context"] = context
    if settle:
        inp["settle"] = True
        ok["settling"] = settling(rules, rule, facts, context, as_of_d)
    CF.append({"id": f"counterfactual-{len(CF) + 1:03d}-{slug}", "description": desc, "input": inp,
               "expect": {"ok": ok}})


AS = "2020-09-09"
# turning 17 (and 29 February birthdays)
cf("turns-17", "age >= 17: eligible on the 17th birthday", "age >= 17", {"birth_date": "2004-05-20"}, AS)
cf("already-17", "age >= 17 and already 18: eligible now", "age >= 17", {"birth_date": "2002-01-01"}, AS)
cf("birthday-is-as-of", "the 17th birthday is the as-of date: eligible now", "age >= 17", {"birth_date": "2003-09-09"}, AS)
cf("leap-common-year", "born 29 Feb 2004, 17 in 2021 (common year): reached on 1 March", "age >= 17", {"birth_date": "2004-02-29"}, AS)
cf("leap-leap-year", "born 29 Feb 2004, 20 in 2024 (leap year): reached on 29 February", "age >= 20", {"birth_date": "2004-02-29"}, "2023-06-01")
cf("leap-gt", "born 29 Feb 2000, age > 20 means 21, in 2021 (common year): 1 March", "age > 20", {"birth_date": "2000-02-29"}, "2020-03-01")
cf("leap-28-feb-birthday", "born 28 Feb 2004: 17 on 28 Feb 2021, a day before the leap-day child", "age >= 17", {"birth_date": "2004-02-28"}, AS)
cf("leap-1-mar-birthday", "born 1 Mar 2004: 17 on 1 Mar 2021, the same day as a 29 Feb child", "age >= 17", {"birth_date": "2004-03-01"}, AS)
cf("leap-upper-bound", "born 29 Feb 1996, age <= 24 holds until 28 Feb 2021; asked on 28 Feb 2021: eligible now", "age <= 24", {"birth_date": "1996-02-29"}, "2021-02-28")
cf("leap-upper-bound-passed", "born 29 Feb 1996, age <= 24 stops on 1 Mar 2021 (25th birthday in a common year): never", "age <= 24", {"birth_date": "1996-02-29"}, "2021-03-01")
cf("leap-age-in", "born 29 Feb 2008, age in [16] : 16th birthday in 2024 is a leap year", "age in [16]", {"birth_date": "2008-02-29"}, "2023-01-01")
cf("leap-birth-date-threshold", "birth_date <= as_of - 17 years, born 29 Feb 2004: on 28 Feb 2021 the threshold is 28 Feb 2004, so from 1 March", "birth_date <= as_of - 17 years", {"birth_date": "2004-02-29"}, AS)
cf("not-born-yet", "a birth date after the as-of date: age unknown until birth, then 0", "age >= 0", {"birth_date": "2021-01-15"}, AS)
# too old / too young windows
cf("too-old", "age <= 35 and already 40: never", "age <= 35", {"birth_date": "1980-01-01"}, AS)
cf("window-ahead", "age between 17 and 35, now 15: from the 17th birthday", "age between 17 and 35", {"birth_date": "2005-06-30"}, AS)
cf("window-passed", "age between 17 and 35, now 36: never", "age between 17 and 35", {"birth_date": "1984-01-01"}, AS)
cf("age-equal", "age = 18: only during the 19th year", "age = 18", {"birth_date": "2003-10-01"}, AS)
cf("age-not-equal", "age != 16 while 16: from the 17th birthday", "age != 16", {"birth_date": "2004-01-01"}, AS)
cf("not-age", "not (age < 21): from the 21st birthday", "not (age < 21)", {"birth_date": "2000-11-11"}, AS)
# days in care
cf("180-days", "days_in_care >= 180, admitted 2020-06-01: 2020-11-28", "days_in_care >= 180", {"residence_since": "2020-06-01"}, AS)
cf("180-days-today", "days_in_care >= 180 reached exactly on the as-of date", "days_in_care >= 180", {"residence_since": "2020-03-13"}, AS)
cf("admitted-later", "admission after the as-of date (negative days) then 180 days", "days_in_care >= 180", {"residence_since": "2020-12-01"}, AS)
cf("days-upper", "days_in_care < 30 after 100 days: never", "days_in_care < 30", {"residence_since": "2020-06-01"}, AS)
cf("discharge-window", "days_since_discharge between 90 and 365: from 90 days after discharge", "days_since_discharge between 90 and 365", {"discharged_on": "2020-08-01"}, AS)
cf("discharge-window-passed", "days_since_discharge <= 365 after 2 years: never", "days_since_discharge <= 365", {"discharged_on": "2018-01-01"}, AS)
cf("residence-as-of", "residence_since <= as_of - 6 months: six calendar months after admission", "residence_since <= as_of - 6 months", {"residence_since": "2020-08-31"}, AS)
# intersections
cf("intersect-age-first", "age between 17 and 35 and days_in_care >= 180: 180 days first, then 17", "age between 17 and 35 and days_in_care >= 180", {"birth_date": "2004-02-29", "residence_since": "2020-06-01"}, AS)
cf("intersect-care-first", "age between 17 and 35 and days_in_care >= 180: 17 first, then 180 days", "age between 17 and 35 and days_in_care >= 180", {"birth_date": "2003-01-01", "residence_since": "2020-08-01"}, AS)
cf("intersect-empty", "age between 17 and 35 and days_in_care >= 180: 180 days only after turning 36: never", "age between 17 and 35 and days_in_care >= 180", {"birth_date": "1985-01-01", "residence_since": "2020-09-01"}, AS)
cf("intersect-window-closes", "age <= 35 and days_in_care >= 180: 180 days reached on the 36th birthday, one day late: never", "age <= 35 and days_in_care >= 180", {"birth_date": "1985-03-10", "residence_since": "2020-09-11"}, AS)
cf("union", "age >= 60 or days_in_care >= 365: whichever comes first", "age >= 60 or days_in_care >= 365", {"birth_date": "1961-01-01", "residence_since": "2020-06-01"}, AS)
cf("care-status-r3", "R3's care clause: resident and 180 days", "care_status = alumnus or (care_status = resident and days_in_care >= 180)", {"care_status": "resident", "residence_since": "2020-05-01"}, AS)
cf("r3-full", "reference rule R3 for a 16-year-old resident", 'age between 17 and 40 and disabilities has any of [physical, sensory_hearing, sensory_speech] and (care_status = alumnus or (care_status = resident and days_in_care >= 180)) and education >= smp and nik_province = "35"',
   {"birth_date": "2004-02-29", "disabilities": ["rungu"], "care_status": "resident", "residence_since": "2020-07-01", "education": "smp", "nik": "3514140711950002"}, AS)
# agreement coming into force
SIGNED_2021 = {"agreement_in_force": [{"from": "2021-01-01", "until": "2023-01-01"}]}
cf("agreement-starts", "the agreement comes into force on 2021-01-01", "agreement_in_force and age >= 17", {"birth_date": "1990-01-01"}, AS, SIGNED_2021)
cf("agreement-then-age", "the agreement starts first, then the 17th birthday", "agreement_in_force and age >= 17", {"birth_date": "2004-06-01"}, AS, SIGNED_2021)
cf("agreement-ends-first", "the 17th birthday comes after the agreement has expired: never", "agreement_in_force and age >= 17", {"birth_date": "2006-06-01"}, AS, SIGNED_2021)
cf("agreement-two-spans", "in force in two spans: the second one after turning 17", "agreement_in_force and age >= 17", {"birth_date": "2004-06-01"}, AS,
   {"agreement_in_force": [{"from": "2019-01-01", "until": "2020-12-31"}, {"from": "2022-01-01"}]})
cf("agreement-false", "agreement never in force: never", "agreement_in_force", {}, AS, {"agreement_in_force": False})
cf("agreement-unknown", "whether the agreement is in force is unknown: unknown", "agreement_in_force and age >= 17", {"birth_date": "1990-01-01"}, AS)
cf("agreement-not", "not agreement_in_force: eligible once it has ended", "not agreement_in_force", {}, AS, {"agreement_in_force": [{"until": "2021-03-01"}]})
# never because a clause that does not move with time fails
cf("static-fails", "education >= sma fails and does not change with time: never", "age >= 17 and education >= sma", {"birth_date": "2005-01-01", "education": "smp"}, AS)
cf("static-holds", "a static clause holds, the age clause decides", "age >= 17 and education >= sma", {"birth_date": "2005-01-01", "education": "sma"}, AS)
cf("false-const", "false: never", "false", {}, AS)
# undetermined
cf("unknown-birth", "birth date unknown: unknown, missing birth_date", "age >= 17", {}, AS, settle=True)
cf("unknown-other", "age will hold, but dtks_decile is unknown: unknown with dtks_decile", "age >= 17 and dtks_decile <= 4", {"birth_date": "2005-01-01"}, AS, settle=True)
cf("unknown-but-or", "undetermined now, eligible from the 17th birthday whatever dtks_decile is", "age >= 17 or dtks_decile <= 4", {"birth_date": "2005-01-01"}, AS, settle=True)
cf("unknown-never", "too old and dtks unknown: never (the known part fails on every day)", "age <= 35 and dtks_decile <= 4", {"birth_date": "1970-01-01"}, AS)
cf("known-default", "default(dtks_decile, 10) <= 4 with dtks unknown: never", "age >= 17 and default(dtks_decile, 10) <= 4", {"birth_date": "2000-01-01"}, AS)
cf("settle-two", "age and care status unknown, dtks 7: each alone can only make it ineligible", "age >= 17 and (dtks_decile <= 4 or care_status = resident)", {"dtks_decile": 7}, AS, settle=True)
cf("settle-known", "known(dtks_decile) or (dtks_decile <= 4 and age >= 17): knowing dtks can only make it eligible", "known(dtks_decile) or (dtks_decile <= 4 and age >= 17)", {"birth_date": "1990-01-01"}, AS, settle=True)
cf("settle-known-later", "known(dtks_decile) or age >= 60: ineligible now, eligible at 60", "known(dtks_decile) or age >= 60", {"birth_date": "1990-01-01"}, AS, settle=True)
cf("settle-either", "one unknown fact decides both ways", "care_status = resident and age >= 17", {"birth_date": "2000-01-01"}, AS, settle=True)
cf("rule-file", "a rule file: r2 uses r1", "rule r1 = age between 18 and 45\nrule r2 = r1 and disabilities is not empty\n", {"birth_date": "2003-01-01", "disabilities": ["fisik"]}, AS, rule="r2")


# --- versioned vectors
VERSIONED = """# vocational training, three versions with a gap in 2022
rule usia = age >= 17
rule vokasi @2020 from 2020-01-01 until 2021-01-01 = usia and age <= 35
rule vokasi @2021 from 2021-01-01 until 2022-01-01 "Vokasi 2021" = usia and age <= 40
rule vokasi @2023 from 2023-01-01 = usia and age <= 45 and days_in_care >= 90
"""
CANON = {
    "2020": "rule usia = age >= 17\n\nrule vokasi = usia and age <= 35\n",
    "2021": "rule usia = age >= 17\n\nrule vokasi \"Vokasi 2021\" = usia and age <= 40\n",
    "2023": "rule usia = age >= 17\n\nrule vokasi = usia and age <= 45 and days_in_care >= 90\n",
}
HEADER = re.compile(r"^rule\s+(\w+)\s+@([\w.-]+)\s+from\s+(\d{4}-\d{2}-\d{2})(?:\s+until\s+(\d{4}-\d{2}-\d{2}))?\s*(\"[^\"]*\")?\s*=\s*(.*)$")


def read_versions(src):
    plain, versions = [], {}
    for line in src.splitlines():
        m = HEADER.match(line.strip())
        if m:
            name, label, frm, until, _title, body = m.groups()
            versions.setdefault(name, []).append({"label": label, "from": frm, "until": until, "body": body})
        elif line.strip().startswith("rule "):
            plain.append(line.strip())
    return plain, versions


def version_rules(plain, name, v):
    rules = R.Parser("\n".join(plain)).file() if plain else {}
    rules = dict(rules)
    rules[name] = R.Parser(v["body"]).expr()
    return rules


def in_force(v, day):
    return D(v["from"]) <= day and (v["until"] is None or day < D(v["until"]))


def vinfo(name, v, canon=None):
    out = {"name": name, "label": v["label"], "from": v["from"], "until": v["until"]}
    if canon is not None:
        out["content_hash"] = hashlib.sha256(canon.encode()).hexdigest()
    return out


VS = []


def vs_add(slug, desc, inp, expect):
    VS.append({"id": f"versions-{len(VS) + 1:03d}-{slug}", "description": desc, "input": inp, "expect": expect})


def vs_eval(slug, desc, reference, facts, as_of, src=VERSIONED, canon=CANON):
    plain, versions = read_versions(src)
    name, _, label = reference.partition("@")
    day = D(as_of)
    inp = {"op": "evaluate", "rules": src, "reference": reference, "facts": facts, "as_of": as_of}
    if label:
        pick = [v for v in versions[name] if v["label"] == label]
    else:
        pick = [v for v in versions[name] if in_force(v, day)]
    if not pick:
        return vs_add(slug, desc, inp, {"error": {"code": "rule.version.unknown_label" if label else "rule.version.none_in_force", "field": "rule"}})
    v = pick[0]
    val, _ = R.ev(version_rules(plain, name, v)[name], version_rules(plain, name, v), facts, {}, day)
    vs_add(slug, desc, inp, {"ok": {"outcome": LABEL[val], "version": vinfo(name, v, canon.get(v["label"]))}})


def vs_cf(slug, desc, reference, facts, as_of, src=VERSIONED):
    plain, versions = read_versions(src)
    name, _, label = reference.partition("@")
    compiled = [(v, version_rules(plain, name, v)) for v in versions[name]]

    def decide(day):
        for v, rules in compiled:
            if (label and v["label"] == label) or (not label and in_force(v, day)):
                return R.ev(rules[name], rules, facts, {}, day)
        return None

    ok, day = scan(decide, D(as_of))
    if day is not None:
        v = next(v for v, _ in compiled if (label and v["label"] == label) or (not label and in_force(v, day)))
        ok["version"] = vinfo(name, v, CANON.get(v["label"]))
    vs_add(slug, desc, {"op": "eligible_from", "rules": src, "reference": reference, "facts": facts, "as_of": as_of}, {"ok": ok})


def vs_check(slug, desc, src, diagnostics=None, warnings=(), versions=None, gaps=None):
    """Diagnostics written by hand (code, line, column)."""
    if diagnostics:
        ok = {"diagnostics": [list(d) for d in diagnostics]}
    else:
        ok = {"warnings": [list(w) for w in warnings], "versions": versions or {}, "gaps": gaps or {}}
    vs_add(slug, desc, {"op": "check", "rules": src}, {"ok": ok})


P = {"birth_date": "1983-05-01"}  # 37 on 2020-09-09, 40 on 2023-05-01
vs_eval("select-2020", "2020-12-31 is the last day of @2020 (37 > 35)", "vokasi", P, "2020-12-31")
vs_eval("select-2021-boundary", "@2020's until is exclusive: 2021-01-01 is @2021", "vokasi", P, "2021-01-01")
vs_eval("select-2021-last", "2021-12-31 is the last day of @2021", "vokasi", P, "2021-12-31")
vs_eval("gap", "2022 is a gap: no version in force", "vokasi", P, "2022-06-01")
vs_eval("gap-first-day", "2022-01-01 (until of @2021) is in the gap", "vokasi", P, "2022-01-01")
vs_eval("before-first", "before the first version: none in force", "vokasi", P, "2019-12-31")
vs_eval("open-ended", "@2023 has no until: in force in 2040", "vokasi", {"birth_date": "1999-01-01", "residence_since": "2039-01-01"}, "2040-01-01")
vs_eval("open-ended-start", "2023-01-01 is the first day of @2023", "vokasi", {"birth_date": "1990-01-01", "residence_since": "2022-01-01"}, "2023-01-01")
vs_eval("pinned-old", "vokasi@2020 pinned: applied in 2021 though @2021 is in force", "vokasi@2020", P, "2021-06-01")
vs_eval("pinned-future", "vokasi@2023 pinned: applied in 2020, before its period", "vokasi@2023", {"birth_date": "1990-01-01", "residence_since": "2020-01-01"}, "2020-09-09")
vs_eval("pinned-in-gap", "a pinned version applies in the gap", "vokasi@2021", P, "2022-06-01")
vs_eval("pinned-unknown-label", "an unknown label is an error", "vokasi@2019", P, "2020-09-09")
vs_eval("undetermined", "version chosen, birth date unknown", "vokasi", {}, "2021-03-03")
vs_add("plain-rule", "an unversioned rule has no version", {"op": "evaluate", "rules": VERSIONED, "reference": "usia", "facts": P, "as_of": "2020-09-09"},
       {"ok": {"outcome": "eligible", "version": None}})
vs_add("unknown-rule", "no such rule", {"op": "evaluate", "rules": VERSIONED, "reference": "nope", "facts": P, "as_of": "2020-09-09"},
       {"error": {"code": "rule.version.unknown_rule", "field": "rule"}})
vs_add("bad-reference", "an expression is not a reference", {"op": "evaluate", "rules": VERSIONED, "reference": "vokasi and usia", "facts": P, "as_of": "2020-09-09"},
       {"error": {"code": "rule.version.bad_reference", "field": "rule"}})
vs_cf("cf-later-version", "37 in 2020, too old for @2020, eligible when @2021 comes into force", "vokasi", P, "2020-06-01")
vs_cf("cf-pinned-never", "pinned to @2020 (<= 35) at 37: never", "vokasi@2020", P, "2020-06-01")
vs_cf("cf-gap-then-2023", "turns 17 during the gap: eligible when @2023 starts, after 90 days in care", "vokasi", {"birth_date": "2005-03-10", "residence_since": "2022-12-01"}, "2021-06-01")
vs_cf("cf-2023-care", "in @2023, eligible once 90 days in care", "vokasi", {"birth_date": "1990-01-01", "residence_since": "2023-06-01"}, "2023-02-01")
vs_cf("cf-too-old", "50 in 2021: never under any version", "vokasi", {"birth_date": "1970-01-01", "residence_since": "2000-01-01"}, "2021-06-01")
vs_cf("cf-unknown", "birth date unknown: unknown", "vokasi", {"residence_since": "2000-01-01"}, "2021-06-01")
vs_cf("cf-now", "eligible now under @2021", "vokasi", {"birth_date": "1990-01-01"}, "2021-06-01")
vs_cf("cf-gap-now", "asked in the gap, eligible from the start of @2023", "vokasi", {"birth_date": "1990-01-01", "residence_since": "2020-01-01"}, "2022-03-01")
vs_check("valid", "three versions of vokasi, a gap in 2022 reported as a warning on @2023's header", VERSIONED,
         warnings=[("rule.version.gap", 5, 13)],
         versions={"vokasi": [vinfo("vokasi", v, CANON[v["label"]]) for v in read_versions(VERSIONED)[1]["vokasi"]]},
         gaps={"vokasi": [{"from": "2022-01-01", "until": "2023-01-01"}]})
vs_check("plain-file", "a file without versions is valid", "rule r1 = age between 18 and 45\nrule r2 = r1 and disabilities is not empty\n")
vs_check("adjacent", "until = next from: no gap, no overlap",
         "rule a @v1 from 2020-01-01 until 2021-01-01 = age > 1\nrule a @v2 from 2021-01-01 = age > 2\n",
         versions={"a": [vinfo("a", {"label": "v1", "from": "2020-01-01", "until": "2021-01-01"}, "rule a = age > 1\n"),
                         vinfo("a", {"label": "v2", "from": "2021-01-01", "until": None}, "rule a = age > 2\n")]},
         gaps={"a": []})
vs_check("overlap", "periods overlap by a day: error at the later header (line 2, column 8)",
         "rule a @v1 from 2020-01-01 until 2021-01-02 = age > 1\nrule a @v2 from 2021-01-01 = age > 2\n",
         diagnostics=[("rule.version.overlap", 2, 8)])
vs_check("overlap-open", "an open-ended version followed by another overlaps",
         "rule a @v1 from 2020-01-01 = age > 1\nrule a @v2 from 2025-01-01 = age > 2\n",
         diagnostics=[("rule.version.overlap", 2, 8)])
vs_check("overlap-out-of-order", "versions written out of order still overlap",
         "rule a @v2 from 2021-01-01 = age > 2\nrule a @v1 from 2020-01-01 until 2021-06-01 = age > 1\n",
         diagnostics=[("rule.version.overlap", 1, 8)])
vs_check("empty-period", "until on or before from", "rule a @v1 from 2020-01-01 until 2020-01-01 = age > 1\n",
         diagnostics=[("rule.version.empty_period", 1, 8)])
vs_check("duplicate-label", "two versions with one label",
         "rule a @v1 from 2020-01-01 until 2020-06-01 = age > 1\nrule a @v1 from 2020-06-01 = age > 2\n",
         diagnostics=[("rule.version.duplicate_label", 2, 8)])
vs_check("mixed", "a versioned rule also defined without a version", "rule a @v1 from 2020-01-01 = age > 1\nrule a = age > 2\n",
         diagnostics=[("rule.version.mixed", 2, 6)])
vs_check("bad-header", "`form` instead of `from`", "rule a @v1 form 2020-01-01 = age > 1\n",
         diagnostics=[("rule.version.bad_header", 1, 12)])
vs_check("bad-date", "2021-02-29 is not a date", "rule a @v1 from 2021-02-29 = age > 1\n",
         diagnostics=[("rule.version.bad_header", 1, 17)])
vs_check("versioned-reference", "a rule may not use a versioned rule", "rule a @v1 from 2020-01-01 = age > 1\nrule b = a and age < 9\n",
         diagnostics=[("rule.version.versioned_reference", 2, 10)])
vs_check("checker-error-inside", "the checker's diagnostics keep their positions in a version", "rule a @v1 from 2020-01-01 = umur > 1\n",
         diagnostics=[("rule.check.unknown_field", 1, 30)])
vs_check("comment-not-header", "an annotation in a comment or a title is not a header",
         "# rule a @v1 from 2020-01-01\nrule a \"@v1 from 2020\" = age > 1\n")


def write(path, suite, vectors, description):
    doc = {"suite": suite, "description": description, "vectors": vectors}
    text = json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
    if "--check" in sys.argv:
        with open(path, encoding="utf-8") as f:
            if f.read() != text:
                print(f"{path}: differs from the oracle")
                return False
        print(f"{path}: {len(vectors)} vectors agree with the oracle")
        return True
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {path}: {len(vectors)} vectors")
    return True


ok = write(os.path.join(ROOT, "counterfactual.json"), "counterfactual", CF,
           "Rule::eligible_from (and settling_facts when input.settle): expectations from "
           "conformance/oracle/counterfactual.py, a day-by-day scan with the independent rule oracle")
ok &= write(os.path.join(ROOT, "versions.json"), "versions", VS,
            "VersionedRuleSet: op evaluate / eligible_from / check; expectations from "
            "conformance/oracle/counterfactual.py (regex headers, per-day version choice) and by hand for diagnostics")
sys.exit(0 if ok else 1)
