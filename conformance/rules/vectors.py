#!/usr/bin/env python3
"""Writes the rule conformance vectors (*.json) of this folder.

Every expectation below is written by hand from the semantics in BENCHMARK.md and
docs/rules.md; nothing is recorded from berdaya. Positions in the few non-ASCII diagnostic
vectors are computed with Python's own string functions (an independent oracle).
Run: python3 conformance/rules/vectors.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
REF = open(os.path.join(HERE, "reference.rules"), encoding="utf-8").read()
AS_OF = "2020-09-09"
SUITES = {}

# The reference person: eligible for R5 (age 25, rungu, resident for 252 days, SMA, East Java NIK)
P = {
    "id": "p1",
    "nik": "3520125708950001",
    "birth_date": "1995-08-17",
    "sex": "F",
    "disabilities": ["sensory_hearing"],
    "care_status": "resident",
    "residence_since": "2020-01-01",
    "education": "sma",
    "employment": "unemployed",
    "skills": ["batik"],
    "regency": "3520",
}


def person(**kw):
    d = dict(P)
    for k, v in kw.items():
        if v is DROP:
            d.pop(k, None)
        else:
            d[k] = v
    return d


DROP = object()


def ev(suite, id, desc, rules, facts, outcome, missing=(), reasons=None, as_of=AS_OF,
       rule=None, context=None):
    v = {"id": id, "description": desc, "rules": rules}
    if rule:
        v["rule"] = rule
    v["as_of"] = as_of
    v["facts"] = facts
    if context is not None:
        v["context"] = context
    e = {"outcome": outcome, "missing": sorted(missing)}
    if reasons is not None:
        e["reasons"] = reasons
    v["expect"] = e
    SUITES.setdefault(suite, []).append(v)


def diag(suite, id, desc, rules, diags, **extra):
    v = {"id": id, "description": desc}
    if rules is not None:
        v["rules"] = rules
    v.update(extra)
    v["expect"] = {"diagnostics": diags}
    SUITES.setdefault(suite, []).append(v)


def d(code, line, column, severity="error", **kw):
    out = {"code": code, "severity": severity, "line": line, "column": column}
    out.update(kw)
    return out


def R(fact, result, **kw):
    out = {"fact": fact, "result": result}
    out.update(kw)
    return out


E, I, U = "eligible", "ineligible", "undetermined"

# ------------------------------------------------------------------------------------------
# reference rules R1-R5
S = "reference"
ev(S, "ref.r1.age25", "R1 for the reference person (25)", REF, P, E, rule="r1",
   reasons=[R("age", True, op="between", actual=25, threshold=[18, 45], rule="r1")])
ev(S, "ref.r1.age17", "R1: 17, a day before the 18th birthday", REF,
   person(birth_date="2002-09-10"), I, rule="r1",
   reasons=[R("age", False, actual=17, threshold=[18, 45])])
ev(S, "ref.r1.birthday_on_as_of", "R1: 18th birthday on the as-of date counts", REF,
   person(birth_date="2002-09-09"), E, rule="r1", reasons=[R("age", True, actual=18)])
ev(S, "ref.r1.upper_bound", "R1: 45 (inclusive)", REF, person(birth_date="1975-09-09"), E,
   rule="r1", reasons=[R("age", True, actual=45)])
ev(S, "ref.r1.upper_bound_past", "R1: 45 and a day", REF, person(birth_date="1975-09-08"), E,
   rule="r1", reasons=[R("age", True, actual=45)])
ev(S, "ref.r1.age46", "R1: 46th birthday on the as-of date", REF,
   person(birth_date="1974-09-09"), I, rule="r1", reasons=[R("age", False, actual=46)])
ev(S, "ref.r1.age44", "R1: a day before the 45th birthday", REF,
   person(birth_date="1975-09-10"), E, rule="r1", reasons=[R("age", True, actual=44)])
ev(S, "ref.r1.unknown_birth", "R1: unknown birth date", REF, person(birth_date=None), U,
   ["birth_date"], rule="r1", reasons=[])
ev(S, "ref.r1.born_after_as_of", "R1: a birth date after the as-of date gives an unknown age",
   REF, person(birth_date="2021-01-01"), U, ["birth_date"], rule="r1", reasons=[])
ev(S, "ref.r2.eligible", "R2 for the reference person", REF, P, E, rule="r2",
   reasons=[R("age", True, rule="r1"),
            R("disabilities", True, op="is_not_empty", actual=["sensory_hearing"], rule="r2")])
ev(S, "ref.r2.no_disability", "R2: an empty list is known and empty", REF,
   person(disabilities=[]), I, rule="r2",
   reasons=[R("disabilities", False, op="is_not_empty", actual=[])])
ev(S, "ref.r2.unknown_disability", "R2: unknown disabilities", REF,
   person(disabilities=None), U, ["disabilities"], rule="r2")
ev(S, "ref.r2.age_decides", "R2: age 50 decides although disabilities are unknown", REF,
   person(birth_date="1970-01-01", disabilities=None), I, rule="r2",
   reasons=[R("age", False, actual=50)])
ev(S, "ref.r2.both_unknown", "R2: both unknown", REF,
   person(birth_date=None, disabilities=None), U, ["birth_date", "disabilities"], rule="r2")
ev(S, "ref.r3.eligible", "R3 for the reference person", REF, P, E, rule="r3",
   reasons=[R("age", True, actual=25), R("disabilities", True, op="has_any",
            actual=["sensory_hearing"], threshold=["physical", "sensory_hearing", "sensory_speech"]),
            R("care_status", True, op="=", actual="resident", threshold="resident"),
            R("days_in_care", True, op=">=", actual=252, threshold=180),
            R("education", True, op=">=", actual="sma", threshold="smp"),
            R("nik_province", True, op="=", actual="35", threshold="35")])
ev(S, "ref.r3.alumnus", "R3: an alumnus needs no days in care", REF,
   person(care_status="alumnus", residence_since=None), E, rule="r3",
   reasons=[R("age", True), R("disabilities", True),
            R("care_status", True, op="=", actual="alumnus", threshold="alumnus"),
            R("education", True), R("nik_province", True)])
ev(S, "ref.r3.180_days", "R3: admitted exactly 180 days before", REF,
   person(residence_since="2020-03-13"), E, rule="r3")
ev(S, "ref.r3.179_days", "R3: admitted 179 days before", REF,
   person(residence_since="2020-03-14"), I, rule="r3",
   reasons=[R("care_status", False, op="=", actual="resident", threshold="alumnus"),
            R("days_in_care", False, actual=179, threshold=180)])
ev(S, "ref.r3.resident_unknown_since", "R3: resident with unknown admission", REF,
   person(residence_since=None), U, ["residence_since"], rule="r3")
ev(S, "ref.r3.unknown_status", "R3: unknown care status", REF, person(care_status=None), U,
   ["care_status"], rule="r3")
ev(S, "ref.r3.no_care", "R3: never in care", REF, person(care_status="none"), I, rule="r3",
   reasons=[R("care_status", False, threshold="alumnus"),
            R("care_status", False, threshold="resident")])
ev(S, "ref.r3.smp", "R3: SMP is enough", REF, person(education="smp"), E, rule="r3")
ev(S, "ref.r3.sd", "R3: SD is not", REF, person(education="sd"), I, rule="r3",
   reasons=[R("education", False, actual="sd", threshold="smp")])
ev(S, "ref.r3.indonesian_facts", "R3 with Indonesian values in the facts", REF,
   person(education="sltp", disabilities=["wicara"], care_status="eks"), E, rule="r3")
ev(S, "ref.r3.general_sensory", "R3: `sensory` alone does not match its sub-types", REF,
   person(disabilities=["sensory"]), I, rule="r3",
   reasons=[R("disabilities", False, actual=["sensory"])])
ev(S, "ref.r3.visual", "R3: visual is not among the types", REF,
   person(disabilities=["netra"]), I, rule="r3",
   reasons=[R("disabilities", False, actual=["sensory_visual"])])
ev(S, "ref.r3.other_province", "R3: a Jakarta NIK", REF, person(nik="3171015708950002"), I,
   rule="r3", reasons=[R("nik_province", False, actual="31", threshold="35")])
ev(S, "ref.r3.bad_nik", "R3: a malformed NIK gives unknown province", REF, person(nik="12345"),
   U, ["nik"], rule="r3")
ev(S, "ref.r3.age41", "R3: 41", REF, person(birth_date="1979-01-01"), I, rule="r3",
   reasons=[R("age", False, actual=41, threshold=[17, 40])])
ev(S, "ref.r3.age_decides_alone", "R3: age 50, all else unknown", REF,
   {"birth_date": "1970-01-01"}, I, rule="r3", reasons=[R("age", False, actual=50)])
ev(S, "ref.r3.not_missing_settled", "R3: alumnus makes residence_since irrelevant", REF,
   person(care_status="alumnus", residence_since=None, education=None), U, ["education"],
   rule="r3")
ev(S, "ref.r4.eligible", "R4: unknown decile counts explicitly", REF, P, E, rule="r4",
   reasons=[R("age", True), R("disabilities", True), R("care_status", True),
            R("days_in_care", True), R("education", True), R("nik_province", True),
            R("employment", True, op="in", actual="unemployed",
              threshold=["unemployed", "self_employed"]),
            R("dtks_decile", False, op="known", actual=False)])
ev(S, "ref.r4.decile4", "R4: decile 4", REF, person(dtks_decile=4), E, rule="r4")
ev(S, "ref.r4.decile5", "R4: decile 5", REF, person(dtks_decile=5), I, rule="r4",
   reasons=[R("dtks_decile", False, op="<=", actual=5, threshold=4),
            R("dtks_decile", True, op="known", actual=True)])
ev(S, "ref.r4.employed", "R4: employed", REF, person(employment="employed"), I, rule="r4",
   reasons=[R("employment", False, actual="employed")])
ev(S, "ref.r4.wirausaha", "R4: self-employed in Indonesian", REF,
   person(employment="wirausaha"), E, rule="r4")
ev(S, "ref.r4.unknown_employment", "R4: unknown employment", REF, person(employment=None), U,
   ["employment"], rule="r4")
ev(S, "ref.r5.eligible", "R5 for the reference person", REF, P, E, rule="r5")
ev(S, "ref.r5.no_skills", "R5: no skills", REF, person(skills=[]), I, rule="r5",
   reasons=[R("skills", False, op="has_any", actual=[], threshold=["batik", "sewing"]),
            R("skills", False, op="has", actual=[], threshold=["handicraft"])])
ev(S, "ref.r5.handicraft_sma", "R5: handicraft with SMA", REF, person(skills=["handicraft"]),
   E, rule="r5")
ev(S, "ref.r5.handicraft_smp", "R5: handicraft with SMP", REF,
   person(skills=["handicraft"], education="smp"), I, rule="r5",
   reasons=[R("skills", False, op="has_any"), R("education", False, threshold="sma")])
ev(S, "ref.r5.unknown_skills", "R5: unknown skills", REF, person(skills=None), U, ["skills"],
   rule="r5")
ev(S, "ref.r5.unknown_skills_smp", "R5: unknown skills, SMP: only skills could settle it", REF,
   person(skills=None, education="smp"), U, ["skills"], rule="r5")
ev(S, "ref.r5.intellectual_and_mental", "R5: both intellectual and (psychosocial) mental", REF,
   person(disabilities=["rungu", "grahita", "laras"]), I, rule="r5",
   reasons=[R("disabilities", True, op="has_all",
              actual=["intellectual", "mental_psychosocial", "sensory_hearing"],
              threshold=["intellectual", "mental"])])
ev(S, "ref.r5.only_intellectual", "R5: intellectual without mental", REF,
   person(disabilities=["rungu", "grahita"]), E, rule="r5")
ev(S, "ref.r5.nothing_known", "R5 with no facts", REF, {}, U,
   ["birth_date", "care_status", "disabilities", "education", "employment", "nik",
    "residence_since", "skills"], rule="r5", reasons=[])
ev(S, "ref.r5.as_expression", "R5's clauses written as one expression",
   "age between 17 and 40 and disabilities has any of [fisik, rungu, wicara] and "
   "(care_status = eks or (care_status = warga_binaan and days_in_care >= 180)) and "
   "education >= sltp and nik_province = \"35\" and employment in [belum_bekerja, wirausaha] and "
   "(dtks_decile <= 4 or not known(dtks_decile)) and (skills has any of [batik, sewing] or "
   "(skills has handicraft and education >= slta)) and not (disabilities has all of [grahita, mental])",
   P, E)

# ------------------------------------------------------------------------------------------
# operators, one fact type at a time
S = "operators"
n = 0


def op(rules, facts, outcome, missing=(), reasons=None, desc=None, **kw):
    global n
    n += 1
    ev(S, "op.%03d" % n, desc or rules, rules, facts, outcome, missing, reasons, **kw)


# integers
op("age = 25", P, E, reasons=[R("age", True, op="=", actual=25, threshold=25)])
op("age != 25", P, I)
op("age < 25", P, I)
op("age <= 25", P, E)
op("age > 24", P, E)
op("age >= 26", P, I, reasons=[R("age", False, op=">=", actual=25, threshold=26)])
op("dtks_decile in [1, 2, 3]", {"dtks_decile": 2}, E,
   reasons=[R("dtks_decile", True, op="in", actual=2, threshold=[1, 2, 3])])
op("dtks_decile in [1, 2, 3]", {"dtks_decile": 4}, I)
op("dtks_decile not in [1, 2]", {"dtks_decile": 2}, I,
   reasons=[R("dtks_decile", False, op="not_in")])
op("dtks_decile not in [1, 2]", {}, U, ["dtks_decile"])
op("dtks_decile between 1 and 4", {"dtks_decile": 1}, E)
op("dtks_decile between 1 and 4", {"dtks_decile": 4}, E)
op("dtks_decile between 1 and 4", {"dtks_decile": 5}, I)
op("days_since_discharge >= 30", {"discharged_on": "2020-08-10"}, E,
   reasons=[R("days_since_discharge", True, actual=30, threshold=30)])
op("days_since_discharge >= 30", {"discharged_on": "2020-08-11"}, I)
op("days_since_discharge >= 30", {}, U, ["discharged_on"])
op("days_in_care < 0", {"residence_since": "2020-09-10"}, E,
   reasons=[R("days_in_care", True, actual=-1)], desc="admission tomorrow: not yet admitted")
op("days_in_care = 0", {"residence_since": "2020-09-09"}, E, desc="admission day is day 0")
op("days_in_care >= -5", {"residence_since": "2020-09-12"}, E)
op("disability_count = 2", {"disabilities": ["rungu", "wicara"]}, E)
op("disability_count = 0", {"disabilities": []}, E)
op("disability_count > 0", {}, U, ["disabilities"])
# ordered enums
op("multiplicity = ganda", {"disabilities": ["rungu", "wicara"]}, E)
op("multiplicity = double", {"disabilities": ["physical", "mental"]}, E)
op("multiplicity >= tunggal", {"disabilities": []}, I,
   reasons=[R("multiplicity", False, actual="none", threshold="tunggal")])
op("multiplicity = multi", {"disabilities": ["physical", "netra", "rungu"]}, E)
op("multiplicity = tunggal", {"disabilities": ["sensory", "sensory_visual"]}, E,
   desc="a type and its own sub-type count once")
op("education > sma", {"education": "bachelor"}, E)
op("education between smp and diploma", {"education": "sma"}, E)
op("education between smp and diploma", {"education": "bachelor"}, I)
op("education in [sd, smp]", {"education": "sltp"}, E)
op("education = s1", {"education": "bachelor"}, E,
   reasons=[R("education", True, actual="bachelor", threshold="bachelor")])
op("education < sd", {"education": "none"}, E)
op("education >= slta", {"education": "s1"}, E)
op("education not in [none, sd]", {}, U, ["education"])
# unordered enums
op("care_status = warga_binaan", {"care_status": "resident"}, E)
op("care_status != alumnus", {"care_status": "none"}, E)
op("care_status in [applicant, none]", {"care_status": "calon"}, E)
op("care_status = eks", {"care_status": "alumnus"}, E)
op("employment = self_employed", {"employment": "wirausaha"}, E)
op("employment not in [employed, employer]", {"employment": "unemployed"}, E)
op("employment = belum_bekerja", {"employment": "employed"}, I)
op("sex = F", {"sex": "P"}, E)
op("sex = perempuan", {"sex": "F"}, E)
op("sex = M", {"sex": "F"}, I, reasons=[R("sex", False, actual="F", threshold="M")])
op("sex = L", {}, U, ["sex"])
op("partner_kind = university", {}, E, context={"partner_kind": "universitas"})
op("partner_kind in [hospital, polytechnic]", {}, E, context={"partner_kind": "rsud"})
op("partner_kind = ngo", {}, I, context={"partner_kind": "business"})
op("partner_kind = ngo", {}, U, ["partner_kind"])
# booleans
op("agreement_in_force", {}, E, context={"agreement_in_force": True},
   reasons=[R("agreement_in_force", True, actual=True)])
op("agreement_in_force", {}, I, context={"agreement_in_force": False})
op("agreement_in_force", {}, U, ["agreement_in_force"], context={})
op("not agreement_in_force", {}, E, context={"agreement_in_force": False})
op("agreement_in_force = false", {}, E, context={"agreement_in_force": False})
op("agreement_in_force and age >= 18", P, U, ["agreement_in_force"])
# regions
op('nik_regency = "3520"', P, E)
op('nik_regency = "35.20"', P, E)
op('nik_province in ["35", "31"]', {"nik": "3171015708950002"}, E)
op("nik_province = 35", P, E, desc="a region code may be written as a number")
op('domicile_regency = "3520"', {"regency": "35.20"}, E)
op('domicile_province = "35"', {"regency": "3578"}, E,
   reasons=[R("domicile_province", True, actual="35", threshold="35")])
op('domicile_province = "35"', {}, U, ["regency"])
op('domicile_province != "35"', {"regency": "3171"}, E)
op('domicile_regency in ["35.20", "35.78"]', {"regency": "3578"}, E)
op('nik_province = "35" and domicile_province != "35"', {"nik": "3520125708950001",
   "regency": "3171"}, E, desc="NIK province and domicile are different facts")
# text
op('upt_id = "rsbg-tuban"', {"upt_id": "rsbg-tuban"}, E)
op('upt_id in ["a", "b"]', {"upt_id": "c"}, I)
op('upt_id != "a"', {}, U, ["upt_id"])
# lists
op("disabilities has sensory", {"disabilities": ["rungu"]}, E,
   desc="a type matches its sub-types")
op("disabilities has mental", {"disabilities": ["psikososial"]}, E)
op("disabilities has rungu", {"disabilities": ["sensory_hearing"]}, E)
op("disabilities has none of [mental, intellectual]", {"disabilities": ["physical"]}, E)
op("disabilities has all of [physical, sensorik]", {"disabilities": ["fisik", "netra"]}, E)
op("disabilities is empty", {"disabilities": []}, E)
op("disabilities is empty", {}, U, ["disabilities"])
op("disabilities has any of [netra]", {"disabilities": ["physical"]}, I)
op("disabilities has any of [fisik, rungu, wicara]", {"disabilities": ["sensory_speech"]}, E)
op("skills has sewing", {"skills": ["sewing", "batik"]}, E,
   reasons=[R("skills", True, op="has", actual=["sewing"], threshold=["sewing"])])
op("skills has all of [sewing, batik]", {"skills": ["sewing"]}, I,
   reasons=[R("skills", False, op="has_all", actual=["sewing"])])
op("skills has none of [massage]", {"skills": []}, E)
op("skills is empty", {"skills": []}, E)
op("skills is not empty", {"skills": []}, I)
op('skills has "tata boga"', {"skills": ["tata boga"]}, E)
op("certificates has sttr", {"certificates": ["sttr"]}, E)
op("certificates has sttr", {}, U, ["certificates"])
op("ppks has any of [penyandang_disabilitas, fakir_miskin]", {"ppks": ["fakir_miskin"]}, E)
op("ppks is not empty", {"ppks": ["fakir_miskin"]}, E)
# dates
op("birth_date < 2000-01-01", P, E,
   reasons=[R("birth_date", True, actual="1995-08-17", threshold="2000-01-01")])
op("birth_date between 1995-08-17 and 1995-08-17", P, E)
op("birth_date <= as_of - 18 years", {"birth_date": "2002-09-09"}, E,
   reasons=[R("birth_date", True, threshold="2002-09-09")])
op("birth_date <= as_of - 18 years", {"birth_date": "2002-09-10"}, I)
op("residence_since <= as_of - 180 days", {"residence_since": "2020-03-13"}, E)
op("residence_since <= as_of - 180 days", {"residence_since": "2020-03-14"}, I)
op("discharged_on >= as_of - 6 months", {"discharged_on": "2020-03-09"}, E)
op("discharged_on >= as_of - 6 months", {"discharged_on": "2020-03-08"}, I)
op("residence_since >= as_of - 2 weeks", {"residence_since": "2020-08-26"}, E)
op("residence_since >= as_of - 2 weeks", {"residence_since": "2020-08-25"}, I)
op("discharged_on >= as_of - 1 month", {"discharged_on": "2020-02-29"}, E, as_of="2020-03-31",
   desc="a month before 31 March 2020 is 29 February (clamped to the month's end)")
op("discharged_on >= as_of - 1 month", {"discharged_on": "2020-02-28"}, I, as_of="2020-03-31")
op("birth_date = 2000-02-29", {"birth_date": "2000-02-29"}, E)
op("birth_date <= as_of - 1 year", {"birth_date": "2023-02-28"}, E, as_of="2024-02-29")
op("birth_date <= as_of - 1 year", {"birth_date": "2023-03-01"}, I, as_of="2024-02-29")
op("discharged_on > 2020-01-01 + 1 month", {"discharged_on": "2020-02-02"}, E)
op("discharged_on > 2020-01-01 + 1 month", {"discharged_on": "2020-02-01"}, I)
op("residence_since between 2020-01-01 and 2020-12-31", {"residence_since": "2020-01-01"}, E)
op("residence_since between 2020-01-01 and 2020-12-31", {"residence_since": "2020-12-31"}, E)
op("residence_since between 2020-01-01 and 2020-12-31", {"residence_since": "2021-01-01"}, I)
op("residence_since < as_of + 1 day - 1 week", {"residence_since": "2020-09-02"}, E)
op("residence_since < as_of + 1 day - 1 week", {"residence_since": "2020-09-03"}, I)
# known and defaults
op("known(birth_date)", {}, I, reasons=[R("birth_date", False, op="known", actual=False)])
op("known(age)", {"birth_date": "2021-01-01"}, I, desc="an age from a future birth date is unknown")
op("not known(dtks_decile)", {}, E)
op("default(dtks_decile, 10) <= 4", {}, I,
   reasons=[R("dtks_decile", False, actual=10, threshold=4)])
op("default(dtks_decile, 10) <= 4", {"dtks_decile": 3}, E)
op("default(skills, []) has batik", {}, I)
op("default(care_status, none) = none", {}, E)
op("default(birth_date, 2000-01-01) < 2001-01-01", {}, E)
op("default(age, 0) >= 18", {}, I)
op("default(disabilities, []) is empty", {}, E)
op('default(nik_province, "35") = "35"', {}, E)
op("default(agreement_in_force, false) = true", {}, I, context={})
op("default(education, tidak_sekolah) < sd", {}, E)
# constants
op("true", {}, E, reasons=[])
op("false", {}, I, reasons=[])
op("not false", {}, E)
op("true and age > 5", {}, U, ["birth_date"])
op("false or age > 5", {"birth_date": "2000-01-01"}, E)
# comments and layout
op("# comment\nage >= 18 # adult\n  and (skills has batik) # craft", P, E)
op("((age >= 18))", P, E)

# ------------------------------------------------------------------------------------------
# Kleene logic: unknown under every connective (age unknown, dtks_decile = 3, education sd)
S = "kleene"
K = {"dtks_decile": 3, "education": "sd"}
n = 0


def kl(rules, outcome, missing=(), reasons=None, facts=K, desc=None, **kw):
    global n
    n += 1
    ev(S, "kleene.%03d" % n, desc or rules, rules, facts, outcome, missing, reasons, **kw)


kl("age > 18 and dtks_decile <= 4", U, ["birth_date"], [])
kl("age > 18 and dtks_decile > 4", I, [], [R("dtks_decile", False)])
kl("age > 18 or dtks_decile <= 4", E, [], [R("dtks_decile", True)])
kl("age > 18 or dtks_decile > 4", U, ["birth_date"], [])
kl("not (age > 18)", U, ["birth_date"])
kl("not (age > 18 and dtks_decile > 4)", E, [], [R("dtks_decile", False)])
kl("not (age > 18 or dtks_decile <= 4)", I, [], [R("dtks_decile", True)])
kl("not not (age > 18)", U, ["birth_date"])
kl("age > 18 or not (age > 18)", U, ["birth_date"],
   desc="excluded middle does not hold for unknowns")
kl("age > 18 and not (age > 18)", U, ["birth_date"])
kl("age > 18 and employment = employed", U, ["birth_date", "employment"])
kl("age > 18 or employment = employed", U, ["birth_date", "employment"])
kl("(age > 18 or employment = employed) and dtks_decile > 5", I, [], [R("dtks_decile", False)])
kl("(age > 18 and employment = employed) or dtks_decile > 5", U, ["birth_date", "employment"])
kl("(age > 18 and dtks_decile > 5) or employment = employed", U, ["employment"],
   desc="age cannot change the outcome: its `and` is already false")
kl("age > 18 and (dtks_decile <= 4 or employment = employed)", U, ["birth_date"],
   desc="employment cannot change the outcome: its `or` is already true")
kl("dtks_decile > 5 and education > sma", I, [], [R("dtks_decile", False)],
   desc="the first false clause in source order decides")
kl("education > sma and dtks_decile > 5", I, [], [R("education", False)])
kl("dtks_decile <= 4 or education <= sma", E, [], [R("dtks_decile", True)])
kl("dtks_decile > 5 or education > sma", I, [],
   [R("dtks_decile", False), R("education", False)])
kl("dtks_decile <= 4 and education <= sma", E, [],
   [R("dtks_decile", True), R("education", True)])
kl("age > 18 and dtks_decile <= 4 and education > sma", I, [], [R("education", False)])
kl("age > 18 or dtks_decile > 5 or education <= sma", E, [], [R("education", True)])
kl("known(birth_date) and age > 18", I, [], [R("birth_date", False, op="known")])
kl("not known(birth_date) or age > 18", E, [], [R("birth_date", False, op="known")])
kl("rule a = age > 18\nrule b = a or dtks_decile > 5", U, ["birth_date"], rule="b")
kl("rule a = age > 18\nrule b = a and dtks_decile > 5", I, [], [R("dtks_decile", False, rule="b")],
   rule="b")
kl("rule a = dtks_decile < 5\nrule b = not a", I, [], [R("dtks_decile", True, rule="a")], rule="b")
kl("not (age > 18) and not (employment = employed)", U, ["birth_date", "employment"])
kl("not (age > 18 or employment = employed)", U, ["birth_date", "employment"])
kl("not (age > 18) or not (employment = employed)", U, ["birth_date", "employment"])
kl("age > 18 and age < 10", U, ["birth_date"], desc="contradiction still unknown when unknown")
kl("default(age, 30) > 18 and dtks_decile <= 4", E, [])
kl("employment = employed or (age > 18 and education > sma)", U, ["employment"])
kl("disabilities is empty and days_since_discharge > 1", U, ["disabilities", "discharged_on"],
   facts={}, desc="missing is sorted by name")
kl("age > 1 and sex = F and disabilities has rungu and care_status = eks and upt_id = \"x\" "
   "and days_in_care > 1 and days_since_discharge > 1 and education > sd and dtks_decile < 5 "
   "and employment = employed and skills has batik and certificates has sttr and ppks has "
   "fakir_miskin and nik_province = \"35\" and domicile_province = \"35\" and "
   "agreement_in_force and partner_kind = ngo", U,
   ["agreement_in_force", "birth_date", "care_status", "certificates", "disabilities",
    "discharged_on", "dtks_decile", "education", "employment", "nik", "partner_kind", "ppks",
    "regency", "residence_since", "sex", "skills", "upt_id"], facts={},
   desc="every input fact can be missing")
kl("(age > 18 or dtks_decile <= 4) and (employment = employed or education <= sma)", E, [],
   [R("dtks_decile", True), R("education", True)])

# ------------------------------------------------------------------------------------------
# date edges
S = "dates"
n = 0


def dt(rules, facts, outcome, as_of, missing=(), reasons=None, desc=None):
    global n
    n += 1
    ev(S, "date.%03d" % n, desc or rules, rules, facts, outcome, missing, reasons, as_of=as_of)


dt("age >= 21", {"birth_date": "2000-02-29"}, I, "2021-02-28",
   reasons=[R("age", False, actual=20)], desc="29 February birthday not yet reached on 28 February")
dt("age >= 21", {"birth_date": "2000-02-29"}, E, "2021-03-01",
   reasons=[R("age", True, actual=21)], desc="... reached on 1 March in a common year")
dt("age = 24", {"birth_date": "2000-02-29"}, E, "2024-02-29", desc="leap year birthday")
dt("age = 23", {"birth_date": "2000-02-29"}, E, "2024-02-28")
dt("age = 17", {"birth_date": "2004-02-29"}, E, "2022-02-28")
dt("age = 18", {"birth_date": "2004-02-29"}, E, "2022-03-01")
dt("age = 0", {"birth_date": "2020-09-09"}, E, "2020-09-09", desc="born on the as-of date")
dt("age < 1", {"birth_date": "2020-09-10"}, U, "2020-09-09", ["birth_date"],
   desc="born after the as-of date: unknown age")
dt("age > 100", {"birth_date": "1900-01-01"}, E, "2020-09-09")
dt("age = 120", {"birth_date": "1900-01-01"}, E, "2020-09-09")
dt("days_in_care = 2", {"residence_since": "2020-02-28"}, E, "2020-03-01",
   desc="leap year: 28 Feb to 1 Mar 2020 is 2 days")
dt("days_in_care = 1", {"residence_since": "2019-02-28"}, E, "2019-03-01")
dt("days_in_care = 366", {"residence_since": "2019-09-09"}, E, "2020-09-09")
dt("days_in_care = 365", {"residence_since": "2020-09-09"}, E, "2021-09-09")
dt("days_since_discharge = 1", {"discharged_on": "2020-12-31"}, E, "2021-01-01")
dt("age = 18", {"birth_date": "2002-09-09"}, E, "2020-09-09")
dt("age = 17", {"birth_date": "2002-09-10"}, E, "2020-09-09")
dt("age = 1", {"birth_date": "2019-12-31"}, E, "2020-12-31", desc="birthday on 31 December")
dt("age = 0", {"birth_date": "2019-12-31"}, E, "2020-12-30")
dt("birth_date <= as_of - 18 years", {"birth_date": "2002-02-28"}, E, "2020-02-29",
   desc="18 years before 29 Feb 2020 is 28 Feb 2002")
dt("birth_date <= as_of - 18 years", {"birth_date": "2002-03-01"}, I, "2020-02-29")
dt("residence_since <= as_of - 1 year", {"residence_since": "2019-09-09"}, E, "2020-09-09")
dt("residence_since <= as_of - 12 months", {"residence_since": "2019-09-10"}, I, "2020-09-09")
dt("discharged_on = as_of", {"discharged_on": "2020-09-09"}, E, "2020-09-09")
dt("discharged_on > as_of", {"discharged_on": "2020-09-09"}, I, "2020-09-09")

# ------------------------------------------------------------------------------------------
# diagnostics
S = "diagnostics"
n = 0


def dg(rules, diags, desc=None, **extra):
    global n
    n += 1
    diag(S, "diag.%03d" % n, desc or (rules if rules is not None else "json"), rules, diags,
         **extra)


dg("age >", [d("rule.parse.unexpected_token", 1, 6, start=5, end=5)])
dg("age >= 18 and", [d("rule.parse.unexpected_token", 1, 14)])
dg("(age >= 18", [d("rule.parse.unexpected_token", 1, 11)])
dg("age >= 18 age", [d("rule.parse.unexpected_token", 1, 11, start=10, end=13)])
dg("age >= 18\n  and\n  or x", [d("rule.parse.unexpected_token", 3, 3)])
dg("rule and = age > 1", [d("rule.parse.unexpected_token", 1, 6)])
dg("rule r1 age > 1", [d("rule.parse.unexpected_token", 1, 9)])
dg("skills has any of [batik sewing]", [d("rule.parse.unexpected_token", 1, 26)])
dg('upt_id = "abc', [d("rule.parse.unterminated_string", 1, 10, start=9, end=13)])
dg('upt_id = "a\\qb"', [d("rule.parse.bad_escape", 1, 12)])
dg("age \u2265 18", [d("rule.parse.unexpected_character", 1, 5, start=4, end=7, utf16_start=4,
                   utf16_end=5)])
dg("age >= 18 && age < 40", [d("rule.parse.unexpected_character", 1, 11)])
dg("birth_date < 2020-02-30", [d("rule.parse.bad_date", 1, 14, start=13, end=23)])
dg("birth_date < 2021-02-29", [d("rule.parse.bad_date", 1, 14)])
dg("age > 99999999999999999999", [d("rule.parse.bad_number", 1, 7)])
dg("residence_since < as_of - 3 fortnights", [d("rule.parse.unexpected_token", 1, 29)])
dg("umur >= 18", [d("rule.check.unknown_field", 1, 1, start=0, end=4)])
dg("age >= 18 and usia <= 40", [d("rule.check.unknown_field", 1, 15)])
dg("known(umur)", [d("rule.check.unknown_field", 1, 7)])
dg("rule a = age > 18\nrule b = a and pendidikan >= smp",
   [d("rule.check.unknown_field", 2, 16)])
dg("care_status = residen", [d("rule.check.unknown_value", 1, 15, start=14, end=21)])
dg("disabilities has buta", [d("rule.check.unknown_value", 1, 18)])
dg("education >= tk", [d("rule.check.unknown_value", 1, 14)])
dg('nik_province = "Jatim"', [d("rule.check.unknown_value", 1, 16)])
dg("employment in [unemployed, jobless]", [d("rule.check.unknown_value", 1, 28)])
dg("partner_kind = school", [d("rule.check.unknown_value", 1, 16)])
dg("sex = X", [d("rule.check.unknown_value", 1, 7)])
dg("age >= smp", [d("rule.check.type_mismatch", 1, 8)])
dg("education >= 3", [d("rule.check.type_mismatch", 1, 14)])
dg("care_status < alumnus", [d("rule.check.type_mismatch", 1, 1)])
dg("age has 5", [d("rule.check.type_mismatch", 1, 1)])
dg("disabilities = physical", [d("rule.check.type_mismatch", 1, 1)])
dg("skills in [batik]", [d("rule.check.type_mismatch", 1, 1)])
dg("age is empty", [d("rule.check.type_mismatch", 1, 1)])
dg("birth_date > 18", [d("rule.check.type_mismatch", 1, 14)])
dg("age", [d("rule.check.type_mismatch", 1, 1)])
dg("agreement_in_force = 1", [d("rule.check.type_mismatch", 1, 22)])
dg('upt_id > "a"', [d("rule.check.type_mismatch", 1, 1)])
dg("employment between unemployed and employer", [d("rule.check.type_mismatch", 1, 1)])
dg("default(skills, batik) is empty", [d("rule.check.type_mismatch", 1, 17)])
dg("age between 40 and 17", [d("rule.check.empty_range", 1, 13, start=12, end=21)])
dg("dtks_decile between 5 and 4", [d("rule.check.empty_range", 1, 21)])
dg("birth_date between 2001-01-01 and 2000-01-01", [d("rule.check.empty_range", 1, 20)])
dg("education between sma and smp", [d("rule.check.empty_range", 1, 19)])
dg("employment in []", [d("rule.check.empty_set", 1, 1)])
dg("birth_date > 2020-01-01 + 9000 years", [d("rule.check.bad_date", 1, 14, start=13, end=36)])
dg("residence_since < as_of - 99999999999 days", [d("rule.check.bad_date", 1, 19)])
dg("disabilities has none of []", [d("rule.check.empty_set", 1, 1)])
dg("r9", [d("rule.check.undefined_rule", 1, 1)])
dg("rule a = age > 18\nrule b = a and c", [d("rule.check.undefined_rule", 2, 16)])
dg("rule a = b\nrule b = a", [d("rule.check.cyclic_rule", 2, 10)])
dg("rule a = a", [d("rule.check.cyclic_rule", 1, 10)])
dg("rule a = b and age > 1\nrule b = c\nrule c = a", [d("rule.check.cyclic_rule", 3, 10)])
dg("rule a = age > 1\nrule a = age > 2", [d("rule.check.duplicate_rule", 2, 6)])
dg("rule age = sex = F", [d("rule.check.duplicate_rule", 1, 6, start=5, end=8)],
   desc="a rule may not take the name of a fact")
dg("age >= 18 and age < 10",
   [d("rule.check.always_false", 1, 15, "warning", start=14, end=22)])
dg("age >= 18 and age >= 10", [d("rule.check.always_true", 1, 15, "warning")])
dg("dtks_decile <= 10", [d("rule.check.always_true", 1, 1, "warning")])
dg("dtks_decile > 10", [d("rule.check.always_false", 1, 1, "warning")])
dg("education >= none", [d("rule.check.always_true", 1, 1, "warning")])
dg("care_status = alumnus and care_status = resident",
   [d("rule.check.always_false", 1, 27, "warning")])
dg("skills has batik and skills has none of [batik]",
   [d("rule.check.always_false", 1, 22, "warning")])
dg("disabilities is empty and disabilities has physical",
   [d("rule.check.always_false", 1, 27, "warning")])
dg("birth_date < 2000-01-01 and birth_date > 2001-01-01",
   [d("rule.check.always_false", 1, 29, "warning")])
dg("age between 18 and 45 and age between 20 and 30", [])
dg("age between 20 and 30 and age between 18 and 45",
   [d("rule.check.always_true", 1, 27, "warning")])
dg("skills has batik and skills has any of [batik, sewing]",
   [d("rule.check.always_true", 1, 22, "warning")])
dg("age >= 18 or age < 10", [], desc="no warnings across `or`")
dg("rule a = age > 1\nrule b = age > 18 and\n    age < 10",
   [d("rule.check.always_false", 3, 5, "warning")])
dg("age > x and umur > 1",
   [d("rule.check.type_mismatch", 1, 7), d("rule.check.unknown_field", 1, 13)],
   desc="all errors are reported")
dg("rule a = age >\nrule b = umur > 1",
   [d("rule.parse.unexpected_token", 2, 1), d("rule.check.unknown_field", 2, 10)],
   desc="the parser recovers at the next rule")
dg("not " * 300 + "true", [d("rule.limit.too_deep", 1, 1029)], desc="300 nested `not`")
dg("(" * 300 + "true" + ")" * 300, [d("rule.limit.too_deep", 1, 258)],
   desc="300 nested parentheses")
dg(None, [d("rule.limit.too_large", 1, 300017)], desc="a literal set of 100,001 values",
   rules_repeat={"prefix": "dtks_decile in [", "text": "1, ", "times": 100001, "suffix": "1]"})
dg(None, [d("rule.limit.too_large", 1, 800001)], desc="more than 100,000 nodes",
   rules_repeat={"prefix": "", "text": "true or ", "times": 100001, "suffix": "true"})
dg(None, [d("rule.limit.too_large", 1, 1)], desc="a source over 1 MiB",
   rules_repeat={"prefix": "", "text": "#", "times": 1048577, "suffix": ""})
dg(None, [d("rule.limit.too_deep", 1, 1038)], desc="deep nesting inside a rule file",
   rules_repeat={"prefix": "rule a = ", "text": "not ", "times": 300, "suffix": "true"})
# non-ASCII before the error: line/column in scalars, UTF-16 offsets (Python as the oracle)
src = "# usia \u2265 18 tahun \u2014 \U0001d7d8\nage > x"
dg(src, [d("rule.check.type_mismatch", 2, 7, start=len(src[:src.index("x")].encode()),
           utf16_start=len(src[:src.index("x")].encode("utf-16-le")) // 2)])
src = 'upt_id = "\U0001d7d8\u00e9" and umur > 1'
at = src.index("umur")
dg(src, [d("rule.check.unknown_field", 1, at + 1, start=len(src[:at].encode()),
           end=len(src[:at].encode()) + 4, utf16_start=len(src[:at].encode("utf-16-le")) // 2,
           utf16_end=len(src[:at].encode("utf-16-le")) // 2 + 4)])
# JSON form
J = "berdaya.rules/1"
dg(None, [d("rule.json.unsupported_schema", 1, 1)],
   rules_json=json.dumps({"schema": "berdaya.rules/2", "expression": True}))
dg(None, [d("rule.json.invalid", 1, 1)], rules_json=json.dumps({"expression": True}))
dg(None, [d("rule.json.invalid", 1, 1)],
   rules_json=json.dumps({"schema": J, "expression": {"fact": "age", "op": "~", "value": 1}}))
dg(None, [{"code": "rule.json.syntax", "severity": "error"}], rules_json='{"schema": ')
dg(None, [d("rule.check.unknown_field", 1, 1)],
   rules_json=json.dumps({"schema": J, "expression": {"fact": "umur", "op": ">=", "value": 18}}),
   desc="JSON diagnostics point into the canonical text")
dg(None, [d("rule.check.cyclic_rule", 1, 10)],
   rules_json=json.dumps({"schema": J, "rules": [{"name": "a", "when": {"rule": "a"}}]}))
dg(None, [],
   rules_json=json.dumps({"schema": J, "expression": {"and": [
       {"fact": "age", "op": "between", "low": 18, "high": 45},
       {"fact": "residence_since", "op": "<=", "value": {"date": "as_of", "add": [[-180, "days"]]}},
       {"not": {"known": "dtks_decile"}}]}}))
# the reference rules check clean
dg(REF, [], desc="the reference rules have no diagnostics")

for suite, vectors in SUITES.items():
    with open(os.path.join(HERE, suite + ".json"), "w", encoding="utf-8") as f:
        json.dump({"suite": "rules", "vectors": vectors}, f, indent=1, ensure_ascii=False)
        f.write("\n")
print({k: len(v) for k, v in SUITES.items()}, sum(len(v) for v in SUITES.values()))
