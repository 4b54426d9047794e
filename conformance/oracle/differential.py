#!/usr/bin/env python3
"""Random (rule, person, date) triples with the expectations of a deliberately naive oracle.

The differential test of issue 11: every runner (Rust single-person and columnar batch on 1 and 2
threads, Python, JS) evaluates the same generated cases and must agree with the independent
Python re-implementation of the rule language in conformance/rules/oracle.py (its own tokenizer,
parser and Kleene evaluator; standard library only, no code shared with berdaya).

A case group is one rule (an expression, or a file whose `main` rule refers to a helper rule),
one as-of date, one context and a list of people; the triples are group x person. Rules are
generated as text from a grammar that covers every fact and operator of docs/rules.md; people
have every field unknown, known-empty, or set, with date edges (29 February, birthdays on the
as-of date, dates after it).

    python3 conformance/oracle/differential.py --seed 1 --groups 1000 --people 100 > cases.json

Output: {"seed", "groups": [{"source", "rule", "as_of", "context", "people", "expect",
"single_only"}]}; `expect[i]` = {"outcome", "missing"} for people[i] (missing sorted).
`single_only` marks groups that read facts a Population has no column for (certificates, ppks),
which only single-person evaluation can take.
"""
import argparse
import datetime as dt
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "rules"))
import oracle as R  # noqa: E402

LABEL = {R.T: "eligible", R.F: "ineligible", R.U: "undetermined"}

DISABILITIES = ["physical", "intellectual", "mental", "mental_psychosocial", "mental_developmental",
                "sensory", "sensory_visual", "sensory_hearing", "sensory_speech"]
DIS_LITERALS = DISABILITIES + ["rungu", "netra", "fisik", "grahita", "psikososial", "wicara"]
EDUCATION = ["none", "sd", "smp", "sma", "diploma", "bachelor", "master", "doctorate"]
EDU_LITERALS = EDUCATION + ["sltp", "slta", "s1"]
CARE = ["applicant", "resident", "alumnus", "none"]
CARE_LITERALS = CARE + ["calon", "warga_binaan", "eks"]
EMPLOYMENT = ["unemployed", "employed", "self_employed", "employer"]
EMP_LITERALS = EMPLOYMENT + ["wirausaha", "bekerja", "belum_bekerja"]
MULTIPLICITY = ["none", "tunggal", "ganda", "multi", "single", "double", "multiple"]
PARTNERS = ["university", "health_college", "polytechnic", "hospital", "business", "ngo",
            "government_unit", "universitas", "rsud"]
SKILLS = ["batik", "sewing", "jamu", "welding", "handicraft"]
CERTIFICATES = ["sttr", "bnsp_menjahit", "k3"]
PPKS = ["penyandang_disabilitas", "fakir_miskin", "anak_terlantar"]
UPTS = ["UPT-PSBN-MALANG", "UPT-PSBRW-MAGETAN", "UPT-PSPD-PASURUAN"]
UNITS = ["day", "days", "week", "weeks", "month", "months", "year", "years", "hari", "bulan", "tahun"]


def load_pools():
    """Valid NIKs and regency codes, taken from the hand-written NIK and region vectors."""
    niks = []
    for v in json.load(open(os.path.join(ROOT, "nik.json"), encoding="utf-8"))["vectors"]:
        if "ok" in v["expect"] and v["input"].get("reference_date", "") <= "2020-09-09":
            niks.append(v["input"]["nik"])
    regencies = []
    for v in json.load(open(os.path.join(ROOT, "region.json"), encoding="utf-8"))["vectors"]:
        ok = v["expect"].get("ok")
        if ok and ok.get("level") == "regency":
            regencies.append(ok["regency"])
    return sorted(set(niks)), sorted(set(regencies))


NIKS, REGENCIES = load_pools()


def rand_date(rng, lo=1930, hi=2030):
    if rng.random() < 0.05:
        y = rng.choice([y for y in range(lo, hi) if y % 4 == 0 and y != 1900])
        return dt.date(y, 2, 29)
    start = dt.date(lo, 1, 1).toordinal()
    return dt.date.fromordinal(rng.randrange(start, dt.date(hi, 12, 31).toordinal()))


def near(rng, as_of, spread_days):
    return as_of + dt.timedelta(days=rng.randint(-spread_days, spread_days))


def maybe(rng, p_unknown, make):
    return None if rng.random() < p_unknown else make()


def person(rng, i, as_of, single_only):
    p = {"id": f"p{i}"}

    def put(key, value):
        if value is not None:
            p[key] = value
        elif rng.random() < 0.5:
            p[key] = None  # explicit null and absent key both mean unknown

    def birth():
        r = rng.random()
        if r < 0.15:  # birthday on or next to the as-of date, some years back
            years = rng.randint(0, 70)
            try:
                b = as_of.replace(year=as_of.year - years)
            except ValueError:
                b = dt.date(as_of.year - years, 2, 28)
            return b + dt.timedelta(days=rng.choice([-1, 0, 0, 1]))
        if r < 0.2:
            return near(rng, as_of, 400)  # includes dates after the as-of date
        return rand_date(rng, 1935, 2020)

    put("birth_date", maybe(rng, 0.15, lambda: birth().isoformat()))
    put("nik", maybe(rng, 0.3, lambda: rng.choice(NIKS)))
    put("sex", maybe(rng, 0.15, lambda: rng.choice(["M", "F"])))
    put("disabilities", maybe(rng, 0.15, lambda: rng.sample(DISABILITIES, rng.choice([0, 1, 1, 2, 3]))))
    put("care_status", maybe(rng, 0.2, lambda: rng.choice(CARE)))
    put("upt_id", maybe(rng, 0.3, lambda: rng.choice(UPTS)))
    put("residence_since", maybe(rng, 0.3, lambda: near(rng, as_of, 2500).isoformat()))
    put("discharged_on", maybe(rng, 0.5, lambda: near(rng, as_of, 2500).isoformat()))
    put("education", maybe(rng, 0.2, lambda: rng.choice(EDUCATION)))
    put("dtks_decile", maybe(rng, 0.25, lambda: rng.randint(1, 10)))
    put("employment", maybe(rng, 0.3, lambda: rng.choice(EMPLOYMENT)))
    put("skills", maybe(rng, 0.3, lambda: rng.sample(SKILLS, rng.randint(0, 3))))
    put("regency", maybe(rng, 0.2, lambda: rng.choice(REGENCIES)))
    if single_only:
        put("certificates", maybe(rng, 0.3, lambda: rng.sample(CERTIFICATES, rng.randint(0, 2))))
        put("ppks", maybe(rng, 0.3, lambda: rng.sample(PPKS, rng.randint(0, 2))))
    return p


def date_lit(rng, as_of):
    if rng.random() < 0.5:
        base = "as_of"
    else:
        base = (near(rng, as_of, 3000) if rng.random() < 0.7 else rand_date(rng)).isoformat()
    terms = ""
    for _ in range(rng.choice([0, 1, 1, 2])):
        terms += f" {rng.choice('+-')} {rng.randint(0, 40)} {rng.choice(UNITS)}"
    return base + terms


def int_clause(rng, fact, lo, hi):
    k = rng.random()
    if k < 0.55:
        return f"{fact} {rng.choice(['=', '!=', '<', '<=', '>', '>='])} {rng.randint(lo, hi)}"
    if k < 0.8:
        a = rng.randint(lo, hi)
        return f"{fact} between {a} and {a + rng.randint(0, (hi - lo) // 2)}"
    vals = ", ".join(str(rng.randint(lo, hi)) for _ in range(rng.randint(1, 4)))
    return f"{fact} {rng.choice(['in', 'not in'])} [{vals}]"


def ordered_clause(rng, fact, literals):
    k = rng.random()
    if k < 0.6:
        return f"{fact} {rng.choice(['=', '!=', '<', '<=', '>', '>='])} {rng.choice(literals)}"
    if k < 0.8:
        return f"{fact} {rng.choice(['in', 'not in'])} [{', '.join(rng.sample(literals, rng.randint(1, 3)))}]"
    return f"default({fact}, {rng.choice(literals)}) >= {rng.choice(literals)}"


def enum_clause(rng, fact, literals):
    k = rng.random()
    if k < 0.6:
        return f"{fact} {rng.choice(['=', '!='])} {rng.choice(literals)}"
    if k < 0.85:
        return f"{fact} {rng.choice(['in', 'not in'])} [{', '.join(rng.sample(literals, rng.randint(1, 3)))}]"
    return f"default({fact}, {rng.choice(literals)}) = {rng.choice(literals)}"


def list_clause(rng, fact, literals):
    k = rng.random()
    if k < 0.3:
        return f"{fact} has {rng.choice(literals)}"
    if k < 0.7:
        q = rng.choice(["any", "all", "none"])
        return f"{fact} has {q} of [{', '.join(rng.sample(literals, rng.randint(1, 3)))}]"
    if k < 0.85:
        return f"{fact} is {rng.choice(['', 'not '])}empty"
    return f"default({fact}, []) has {rng.choice(['any', 'none'])} of [{rng.choice(literals)}]"


def region_clause(rng, fact):
    province = fact.endswith("province")
    pick = lambda: rng.choice(REGENCIES)[:2] if province else rng.choice(REGENCIES)
    show = lambda c: f'"{c}"' if rng.random() < 0.7 else f'"{c[:2]}.{c[2:]}"' if len(c) == 4 else f'"{c}"'
    if rng.random() < 0.6:
        return f"{fact} {rng.choice(['=', '!='])} {show(pick())}"
    return f"{fact} {rng.choice(['in', 'not in'])} [{', '.join(show(pick()) for _ in range(rng.randint(1, 3)))}]"


def clause(rng, as_of, single_only):
    kinds = ["age", "age", "birth", "days_in_care", "days_since_discharge", "residence", "sex",
             "disabilities", "disabilities", "disability_count", "multiplicity", "care", "upt",
             "education", "decile", "decile", "employment", "skills", "nik_region", "domicile",
             "agreement", "partner", "known", "default_age", "const"]
    if single_only:
        kinds += ["certificates", "ppks", "certificates"]
    k = rng.choice(kinds)
    if k == "age":
        return int_clause(rng, "age", 0, 90)
    if k == "default_age":
        return f"default(age, {rng.randint(0, 80)}) {rng.choice(['<', '>='])} {rng.randint(10, 60)}"
    if k == "birth":
        if rng.random() < 0.7:
            return f"birth_date {rng.choice(['<', '<=', '>', '>=', '=', '!='])} {date_lit(rng, as_of)}"
        a = near(rng, as_of, 20000)
        return f"birth_date between {a.isoformat()} and {(a + dt.timedelta(days=rng.randint(0, 9000))).isoformat()}"
    if k == "days_in_care":
        return int_clause(rng, "days_in_care", -100, 3000)
    if k == "days_since_discharge":
        return int_clause(rng, "days_since_discharge", -100, 1500)
    if k == "residence":
        fact = rng.choice(["residence_since", "discharged_on"])
        return f"{fact} {rng.choice(['<', '<=', '>', '>='])} {date_lit(rng, as_of)}"
    if k == "sex":
        return enum_clause(rng, "sex", ["M", "F", "L", "P"])
    if k == "disabilities":
        return list_clause(rng, "disabilities", DIS_LITERALS)
    if k == "disability_count":
        return int_clause(rng, "disability_count", 0, 4)
    if k == "multiplicity":
        return ordered_clause(rng, "multiplicity", MULTIPLICITY)
    if k == "care":
        return enum_clause(rng, "care_status", CARE_LITERALS)
    if k == "upt":
        return f'upt_id {rng.choice(["=", "!="])} "{rng.choice(UPTS)}"'
    if k == "education":
        return ordered_clause(rng, "education", EDU_LITERALS)
    if k == "decile":
        return int_clause(rng, "dtks_decile", 1, 10) if rng.random() < 0.8 else \
            f"default(dtks_decile, {rng.randint(1, 10)}) <= {rng.randint(1, 10)}"
    if k == "employment":
        return enum_clause(rng, "employment", EMP_LITERALS)
    if k == "skills":
        return list_clause(rng, "skills", SKILLS)
    if k == "certificates":
        return list_clause(rng, "certificates", CERTIFICATES)
    if k == "ppks":
        return list_clause(rng, "ppks", PPKS)
    if k == "nik_region":
        return region_clause(rng, rng.choice(["nik_province", "nik_regency"]))
    if k == "domicile":
        return region_clause(rng, rng.choice(["domicile_province", "domicile_regency"]))
    if k == "agreement":
        return rng.choice(["agreement_in_force", "not agreement_in_force", "agreement_in_force = true"])
    if k == "partner":
        return enum_clause(rng, "partner_kind", PARTNERS)
    if k == "known":
        facts = ["age", "birth_date", "dtks_decile", "disabilities", "education", "care_status",
                 "nik_province", "domicile_regency", "days_in_care", "skills", "agreement_in_force"]
        return f"known({rng.choice(facts)})"
    return rng.choice(["true", "false"])


def expr(rng, as_of, single_only, depth, names=()):
    if depth <= 0 or rng.random() < 0.3:
        if names and rng.random() < 0.3:
            return rng.choice(names)
        return clause(rng, as_of, single_only)
    op = rng.choice(["and", "and", "or", "not"])
    if op == "not":
        return f"not ({expr(rng, as_of, single_only, depth - 1, names)})"
    parts = [expr(rng, as_of, single_only, depth - 1, names) for _ in range(rng.randint(2, 4))]
    return "(" + f" {op} ".join(parts) + ")"


def group(rng, people_per_group):
    as_of = rand_date(rng, 1995, 2030) if rng.random() < 0.8 else rng.choice(
        [dt.date(2020, 9, 9), dt.date(2024, 2, 29), dt.date(2021, 2, 28), dt.date(2021, 3, 1)])
    single_only = rng.random() < 0.15
    depth = rng.choice([1, 2, 2, 3, 4])
    if rng.random() < 0.25:
        helper = expr(rng, as_of, single_only, 2)
        main = expr(rng, as_of, single_only, depth, names=("helper",))
        if "helper" not in main:
            main = f"helper {rng.choice(['and', 'or'])} ({main})"
        source, rule = f"# generated\nrule helper = {helper}\nrule main \"utama\" = {main}\n", "main"
    else:
        source, rule = expr(rng, as_of, single_only, depth), None
    context = {}
    if rng.random() < 0.7:
        context["agreement_in_force"] = rng.random() < 0.7
    if rng.random() < 0.6:
        context["partner_kind"] = rng.choice(PARTNERS[:7])
    people = [person(rng, i, as_of, single_only) for i in range(people_per_group)]

    parser = R.Parser(source)
    if rule:
        rules = parser.file()
        root = rules[rule]
    else:
        rules, root = {}, parser.expr()
    expect = []
    for p in people:
        val, miss = R.ev(root, rules, {k: v for k, v in p.items() if v is not None}, context, as_of)
        expect.append({"outcome": LABEL[val], "missing": sorted(miss)})
    return {"source": source, "rule": rule, "as_of": as_of.isoformat(), "context": context,
            "single_only": single_only, "people": people, "expect": expect}


def generate(seed, groups, people):
    rng = random.Random(seed)
    return {"seed": seed, "groups": [group(rng, people) for _ in range(groups)]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=20200909)
    ap.add_argument("--groups", type=int, default=1000)
    ap.add_argument("--people", type=int, default=100)
    a = ap.parse_args()
    json.dump(generate(a.seed, a.groups, a.people), sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main()
