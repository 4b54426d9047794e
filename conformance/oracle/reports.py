#!/usr/bin/env python3
"""A deliberately naive oracle for the `outcomes`, `reports` and `impact` suites.

Standard library only; it shares no code with berdaya. The registry, ledgers and populations
are written here by hand; the expectations are computed from them with plain loops that
follow docs/reports.md: outcome checks in their documented order, report counts per unit and
group, small-cell suppression re-implemented from its definition, expiring agreements with
places counted per capacity basis, the UU 8/2016 quota as ceil(headcount * pct / 100), and
rule decisions from the independent rule evaluator of conformance/rules/oracle.py.

    python3 conformance/oracle/reports.py          # writes the three JSON files
    python3 conformance/oracle/reports.py --check  # recomputes and compares
"""
import datetime as dt
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "rules"))
import oracle as R  # noqa: E402

D = dt.date.fromisoformat
PARTIES = lambda partner: [  # noqa: E731
    {"party": {"agency": "dinsos-jatim"}, "signatory": {"name": "Kepala Dinas", "position": "Kepala Dinas Sosial"}},
    {"party": {"partner": partner}, "signatory": {"name": "Direktur", "position": "Direktur"}},
]
HISTORY = [{"on": "2020-08-10", "event": "negotiated"}, {"on": "2020-08-31", "event": "approved"},
           {"on": "2020-09-09", "event": "signed"}]


def person(i, sex, born, domicile, types, facility, resident_on, alumnus_on=None, record_sex=True):
    """A beneficiary with a synthetic East Java NIK (registered in Bangil, 35.14.14)."""
    b = D(born)
    day = b.day + (40 if sex == "F" else 0)
    nik = f"351414{day:02d}{b.month:02d}{b.year % 100:02d}{i:04d}"
    p = {"id": f"pm-{i:02d}", "registered_on": "2020-01-02", "nik": nik, "name": f"Orang {i}",
         "birth_date": born}
    if record_sex:
        p["sex"] = sex
    if domicile:
        p["domicile"] = domicile
    if types is not None:
        p["disability"] = {"types": types}
    if facility:
        events = [{"on": resident_on, "stage": "resident"}]
        if alumnus_on:
            events += [{"on": alumnus_on, "stage": "graduated"}, {"on": alumnus_on, "stage": "alumnus"}]
        p["care"] = [{"facility": facility, "events": events}]
    return p


PEOPLE = [
    person(1, "M", "1995-11-07", "35.14.14", ["sensory_hearing", "sensory_speech"], "upt-rsbrw", "2018-07-02", "2020-06-30"),
    person(2, "F", "1998-03-12", "35.04.03", ["physical"], "upt-rsbd", "2017-07-17", "2019-07-15"),
    person(3, "F", "1999-01-20", "35.14", ["physical"], "upt-rsbd", "2019-02-01"),
    person(4, "M", "2000-05-05", "35.14.20", ["physical", "sensory_hearing"], "upt-rsbd", "2019-03-01"),
    person(5, "M", "1997-08-30", "35.78.03", ["sensory_speech"], "upt-rsbrw", "2019-04-01"),
    person(6, "F", "2001-12-01", "35.78", ["sensory_hearing"], "upt-rsbrw", "2019-05-01"),
    person(7, "M", "1996-02-14", None, ["intellectual"], "upt-rsbrw", "2019-06-01"),
    person(8, "F", "1994-10-10", "35.20", [], "upt-rsbd", "2019-07-01", record_sex=False),
    person(9, "M", "1993-09-09", "35.20", None, "upt-rsbd", "2019-08-01"),
    person(10, "F", "2002-04-04", "35.14.14", ["mental_psychosocial"], "upt-rsbrw", "2021-01-10"),
    person(11, "M", "1999-07-07", "35.04", ["physical"], None, None),
    person(12, "F", "1998-06-06", "35.14.14", ["physical"], "upt-rsbd", "2019-09-01"),
]

FACILITY = lambda fid, name: {  # noqa: E731
    "id": fid, "agency": "dinsos-jatim", "name": name, "kind": "rehsos_bina_daksa",
    "cluster": "disability", "region": "35.14.14", "residential": True}

REGISTRY = {
    "schema_version": 1,
    "agencies": [{"id": "dinsos-jatim", "name": "Dinas Sosial Provinsi Jawa Timur", "level": "province",
                  "region": "35.78"}],
    "facilities": [FACILITY("upt-rsbd", "UPT RSBD Pasuruan"), FACILITY("upt-rsbrw", "UPT RSBRW Pasuruan")],
    "partners": [
        {"id": "batik-wistara", "name": "Batik Wistara", "kind": "business", "ownership": "private",
         "region": "35.78.03", "workforce": {"headcount": 250, "with_disabilities": 2}},
        {"id": "rsud-magetan", "name": "RSUD Magetan", "kind": "hospital", "ownership": "regional_government",
         "region": "35.20", "workforce": {"headcount": 120, "with_disabilities": 3}},
        {"id": "stikes", "name": "STIKES", "kind": "health_college", "ownership": "private", "region": "35.04"},
    ],
    "agreements": [
        {"id": "pks-a", "kind": "pks", "title": "PKS PELATIHAN DAN PENEMPATAN KERJA", "parties": PARTIES("batik-wistara"),
         "commitments": [
             {"id": "training", "by": {"partner": "batik-wistara"}, "service": "vocational_training",
              "capacity": {"places": 20, "unit": "persons", "basis": "per_year"}},
             {"id": "jobs", "by": {"partner": "batik-wistara"}, "service": "employment",
              "capacity": {"places": 3, "unit": "jobs", "basis": "concurrent"}}],
         "period": {"from": "2020-09-09", "until": "2022-09-08"}, "history": HISTORY},
        {"id": "pks-b", "kind": "pks", "title": "PKS MAGANG", "parties": PARTIES("rsud-magetan"),
         "commitments": [
             {"id": "internship", "by": {"partner": "rsud-magetan"}, "service": "internship",
              "capacity": {"places": 4, "unit": "persons", "basis": "total"}},
             {"id": "health", "by": {"partner": "rsud-magetan"}, "service": "health_service"}],
         "period": {"from": "2020-09-09", "until": "2025-09-08"}, "history": HISTORY},
        {"id": "pks-c", "kind": "pks", "title": "PKS PENDIDIKAN", "parties": PARTIES("stikes"),
         "commitments": [
             {"id": "study", "by": {"partner": "stikes"}, "service": "education",
              "capacity": {"places": 2, "unit": "scholarships", "basis": "per_year"}}],
         "period": {"from": "2021-01-01", "until": "2023-12-31"},
         "history": [{"on": "2020-12-01", "event": "negotiated"}, {"on": "2020-12-10", "event": "approved"},
                     {"on": "2021-01-01", "event": "signed"}]},
    ],
    "beneficiaries": PEOPLE,
}
BY_ID = {p["id"]: p for p in PEOPLE}


def enr(n, who, agreement, commitment, reg, act=None, state="registered", end=None):
    e = {"id": n, "beneficiary": who, "target": {"agreement": agreement, "commitment": commitment},
         "state": state, "registered_on": reg}
    if act:
        e["activated_on"] = act
    if end:
        e["ended_on"] = end
    if state == "dropped":
        e["drop_reason"] = "moved"
    return e


# The training cohort of pks-a: 9 trainees from 2020-09-10, activated 2020-10-01; seven
# complete on 2021-03-31, two drop out; two jobs; two internships at pks-b; one study place.
LEDGER = {
    "enrollments": [
        enr(1, "pm-03", "pks-a", "training", "2020-09-10", "2020-10-01", "completed", "2021-03-31"),
        enr(2, "pm-04", "pks-a", "training", "2020-09-10", "2020-10-01", "completed", "2021-03-31"),
        enr(3, "pm-05", "pks-a", "training", "2020-09-10", "2020-10-01", "completed", "2021-03-31"),
        enr(4, "pm-06", "pks-a", "training", "2020-09-10", "2020-10-01", "completed", "2021-03-31"),
        enr(5, "pm-07", "pks-a", "training", "2020-09-10", "2020-10-01", "completed", "2021-03-31"),
        enr(6, "pm-08", "pks-a", "training", "2020-09-10", "2020-10-01", "completed", "2021-03-31"),
        enr(7, "pm-09", "pks-a", "training", "2020-09-10", "2020-10-01", "completed", "2021-03-31"),
        enr(8, "pm-12", "pks-a", "training", "2020-09-10", "2020-10-01", "dropped", "2020-12-01"),
        enr(9, "pm-10", "pks-a", "training", "2021-01-15", None, "dropped", "2021-02-01"),
        enr(10, "pm-01", "pks-a", "jobs", "2020-09-10", "2020-09-14", "active"),
        enr(11, "pm-02", "pks-a", "jobs", "2020-09-10", "2020-09-14", "active"),
        enr(12, "pm-02", "pks-b", "internship", "2020-10-01", "2020-10-05", "completed", "2021-03-31"),
        enr(13, "pm-11", "pks-b", "internship", "2021-05-01", None, "registered"),
        enr(14, "pm-01", "pks-c", "study", "2021-02-01", "2021-02-15", "active"),
    ],
    "waitlists": [
        {"target": {"agreement": "pks-a", "commitment": "jobs"},
         "entries": [{"beneficiary": "pm-03", "since": "2021-04-01"},
                     {"beneficiary": "pm-04", "since": "2021-04-01"},
                     {"beneficiary": "pm-05", "since": "2021-11-01"}]},
    ],
    "needs_information": [],
}


def rec(n, enrollment, on, outcome):
    e = next(x for x in LEDGER["enrollments"] if x["id"] == enrollment)
    return {"id": n, "beneficiary": e["beneficiary"], "enrollment": enrollment,
            "agreement": e["target"]["agreement"], "commitment": e["target"]["commitment"],
            "on": on, "outcome": outcome}


EMP = {"kind": "employed", "partner": "batik-wistara"}
OUTCOMES = {"records": [
    rec(1, 1, "2021-03-31", {"kind": "completed_training"}),
    rec(2, 1, "2021-05-01", EMP),                                    # within 6 months
    rec(3, 2, "2021-09-30", EMP),                                    # 6 months to the day
    rec(4, 3, "2021-10-01", EMP),                                    # one day later: 12 only
    rec(5, 4, "2021-06-15", {"kind": "self_employed", "trade": "tailoring"}),
    rec(6, 5, "2022-03-31", {"kind": "employer_of", "employees": 2}),  # 12 months to the day
    rec(7, 5, "2022-06-01", {"kind": "employer_of", "employees": 4}),  # later count wins
    rec(8, 6, "2021-02-01", {"kind": "employed", "employer_kind": "state_owned", "employer": "PT KAI"}),
    rec(9, 7, "2022-04-01", {"kind": "continued_education", "institution": "Paket C"}),
    rec(10, 8, "2021-01-05", EMP),                                   # a drop-out: no completion
    rec(11, 12, "2021-04-20", {"kind": "employed", "partner": "rsud-magetan"}),
    rec(12, 6, "2021-04-01", {"kind": "certified", "certificate": {"kind": "competency", "title": "Membatik"}}),
]}

# ---------------------------------------------------------------- the naive report


def sex_of(p):
    if p.get("sex"):
        return p["sex"]
    if p.get("nik"):
        return "F" if int(p["nik"][6:8]) > 40 else "M"
    return "unknown"


RAGAM = {"physical": "physical", "intellectual": "intellectual", "mental": "mental",
         "mental_psychosocial": "mental", "mental_developmental": "mental", "sensory": "sensory",
         "sensory_visual": "sensory", "sensory_hearing": "sensory", "sensory_speech": "sensory"}


def disability_of(types):
    if types is None:
        return "unknown"
    kinds = {RAGAM[t] for t in types}
    return "none" if not kinds else (kinds.pop() if len(kinds) == 1 else "multiple")


def facility_of(p, day):
    """One episode per person here: its UPT once it has begun."""
    for ep in p.get("care") or []:
        if D(ep["events"][0]["on"]) <= day:
            return ep["facility"]
    return "unknown"


def regency_of(p):
    d = p.get("domicile")
    return d[:5] if d else "unknown"


def partner_of(reg, agreement):
    a = next((x for x in reg["agreements"] if x["id"] == agreement), None)
    if a is None:
        return "unknown"
    return next((x["party"]["partner"] for x in a["parties"] if "partner" in x["party"]), "unknown")


def groups(reg, who, agreement, day):
    p = BY_ID.get(who, {})
    return [agreement, partner_of(reg, agreement), facility_of(p, day) if p else "unknown",
            disability_of(p.get("disability", {}).get("types") if "disability" in p else None),
            sex_of(p) if p else "unknown", regency_of(p) if p else "unknown"]


MEASURES = ["filled", "waitlisted", "completed", "employed_6_months", "employed_12_months",
            "self_employed", "jobs_created"]
DIMS = ["agreement", "partner", "facility", "disability", "sex", "regency"]


def in_force(a, day):
    signed = any(h["event"] == "signed" and D(h["on"]) <= day for h in a["history"])
    return signed and D(a["period"]["from"]) <= day <= D(a["period"]["until"])


def naive_suppress(values, units, lines, minimum):
    hidden = [0 < u < minimum for u in units]
    while True:
        changed = False
        for line in lines:
            if sum(hidden[i] for i in line) == 1:
                i = min((i for i in line if not hidden[i]), key=lambda i: (values[i], i))
                hidden[i] = True
                changed = True
        if not changed:
            return hidden


def units_of_enrollment(e, outcomes, as_of):
    """[(value, units)] per measure for one enrollment."""
    end = D(e["ended_on"]) if e.get("ended_on") else None
    state = e["state"] if end is not None and end <= as_of else "ongoing"
    mine = [r for r in outcomes["records"] if r["enrollment"] == e["id"] and D(r["on"]) <= as_of]
    work = [r for r in mine if r["outcome"]["kind"] in ("employed", "self_employed", "employer_of")]
    done = state == "completed"

    def within(months):
        return done and any(D(r["on"]) <= R.add_months(end, months) for r in work)

    emp = sorted((D(r["on"]), r["id"], r["outcome"]["employees"]) for r in mine
                 if r["outcome"]["kind"] == "employer_of")
    one = lambda b: (1, 1) if b else (0, 0)  # noqa: E731
    return [one(state != "dropped"), (0, 0), one(done), one(within(6)), one(within(12)),
            one(any(r["outcome"]["kind"] in ("self_employed", "employer_of") for r in mine)),
            (emp[-1][2], 1) if emp else (0, 0)]


def naive_report(reg, ledger, outcomes, as_of, min_cell=5, days=90):
    as_of = D(as_of)
    tally = [dict() for _ in DIMS]

    def add(gs, contrib):
        for t, g in zip(tally, gs):
            cell = t.setdefault(g, [(0, 0)] * len(MEASURES))
            t[g] = [(a + x, b + y) for (a, b), (x, y) in zip(cell, contrib)]

    for e in ledger["enrollments"]:
        if D(e["registered_on"]) <= as_of:
            add(groups(reg, e["beneficiary"], e["target"]["agreement"], D(e["registered_on"])),
                units_of_enrollment(e, outcomes, as_of))
    for w in ledger["waitlists"]:
        for x in w["entries"]:
            if D(x["since"]) <= as_of:
                add(groups(reg, x["beneficiary"], w["target"]["agreement"], D(x["since"])),
                    [(0, 0), (1, 1)] + [(0, 0)] * 5)
    committed = [{}, {}]
    for a in reg["agreements"]:
        if in_force(a, as_of):
            p = partner_of(reg, a["id"])
            tally[0].setdefault(a["id"], [(0, 0)] * len(MEASURES))
            tally[1].setdefault(p, [(0, 0)] * len(MEASURES))
            caps = [c["capacity"]["places"] for c in a["commitments"] if c.get("capacity")]
            if caps:
                committed[0][a["id"]] = committed[0].get(a["id"], 0) + sum(caps)
                committed[1][p] = committed[1].get(p, 0) + sum(caps)
    tables = []
    for k, dim in enumerate(DIMS):
        names = sorted(tally[k])
        vals, units = [], []
        for g in names:
            vals += [v for v, _ in tally[k][g]]
            units += [u for _, u in tally[k][g]]
        tot = [sum(tally[k][g][m][0] for g in names) for m in range(len(MEASURES))]
        totu = [sum(tally[k][g][m][1] for g in names) for m in range(len(MEASURES))]
        vals += tot
        units += totu
        M = len(MEASURES)
        lines = [[r * M + m for r in range(len(names) + 1)] for m in range(M)]
        hidden = naive_suppress(vals, units, lines, min_cell)

        def row(r, group, c):
            out = {"group": group}
            if k < 2 and c is not None:
                out["committed"] = c
            for m, name in enumerate(MEASURES):
                out[name] = None if hidden[r * M + m] else vals[r * M + m]
            return out

        rows = [row(r, g, committed[k].get(g) if k < 2 else None) for r, g in enumerate(names)]
        total_c = sum(committed[k].values()) if k < 2 and committed[k] else None
        tables.append({"dimension": dim, "rows": rows, "total": row(len(names), "total", total_c),
                       "suppressed": sum(hidden)})
    expiring = []
    for a in sorted(reg["agreements"], key=lambda a: a["id"]):
        until = D(a["period"]["until"])
        if not in_force(a, as_of) or until > as_of + dt.timedelta(days=days):
            continue
        cs = []
        for c in a["commitments"]:
            if not c.get("capacity"):
                continue
            cap = c["capacity"]
            here = [e for e in ledger["enrollments"]
                    if e["target"] == {"agreement": a["id"], "commitment": c["id"]}]
            if cap["basis"] == "concurrent":
                used = sum(e["state"] in ("registered", "active") for e in here)
            elif cap["basis"] == "total":
                used = sum(e["state"] != "dropped" for e in here)
            else:
                start = D(a["period"]["from"])
                k = 0
                while R.add_months(start, 12 * (k + 1)) <= as_of:
                    k += 1
                lo, hi = R.add_months(start, 12 * k), R.add_months(start, 12 * (k + 1))
                used = sum(e["state"] != "dropped" and lo <= D(e["registered_on"]) < hi for e in here)
            cs.append({"commitment": c["id"], "places": cap["places"], "unfilled": max(cap["places"] - used, 0)})
        expiring.append({"agreement": a["id"], "ends_on": str(until), "days_left": (until - as_of).days,
                         "commitments": cs, "unfilled": sum(c["unfilled"] for c in cs)})
    quota = []
    for p in sorted(reg["partners"], key=lambda p: p["id"]):
        pct = 1 if p["ownership"] in ("private", "foundation") else 2
        w = p.get("workforce", {})
        h, wd = w.get("headcount"), w.get("with_disabilities")
        req = None if h is None else -(-h * pct // 100)
        people = {r["beneficiary"] for r in outcomes["records"]
                  if r["outcome"]["kind"] == "employed" and r["outcome"].get("partner") == p["id"]
                  and D(r["on"]) <= as_of}
        n = len(people)
        quota.append({"partner": p["id"], "ownership": p["ownership"], "quota_percent": pct,
                      "headcount": h, "required": req, "with_disabilities": wd,
                      "meets_quota": None if req is None or wd is None else wd >= req,
                      "employed_from_programs": n if n == 0 or n >= min_cell else None})
    return {"as_of": str(as_of), "min_cell": min_cell, "tables": tables, "expiring": expiring,
            "quota": quota}


# ---------------------------------------------------------------- outcomes


def naive_record(reg, ledger, records, enrollment, on, outcome):
    """The code of the first failed check, or the new record."""
    e = next((x for x in ledger["enrollments"] if x["id"] == enrollment), None)
    if e is None:
        return "outcome.unknown_enrollment"
    start = D(e.get("activated_on") or e["registered_on"])
    if D(on) < start:
        return "outcome.before_enrollment"
    if outcome["kind"] == "completed_training" and not (
            e["state"] == "completed" and D(e["ended_on"]) <= D(on)):
        return "outcome.not_completed"
    partner = outcome.get("partner")
    if partner and partner not in {p["id"] for p in reg["partners"]}:
        return "outcome.unknown_partner"
    if any(r["enrollment"] == enrollment and r["on"] == on and r["outcome"] == outcome for r in records):
        return "outcome.duplicate"
    return {"id": len(records) + 1, "beneficiary": e["beneficiary"], "enrollment": enrollment,
            "agreement": e["target"]["agreement"], "commitment": e["target"]["commitment"],
            "on": on, "outcome": outcome}


def outcome_vector(vid, description, steps):
    records, results = [], []
    for s in steps:
        got = naive_record(REGISTRY, LEDGER, records, s["enrollment"], s["on"], s["outcome"])
        if isinstance(got, str):
            results.append({"error": got})
        else:
            records.append(got)
            results.append({"ok": got["id"]})
    return {"id": vid, "description": description, "input": {"steps": steps},
            "expect": {"ok": {"results": results, "records": records}}}


def outcomes_suite():
    s = lambda n, on, o: {"enrollment": n, "on": on, "outcome": o}  # noqa: E731
    ct = {"kind": "completed_training"}
    vs = [
        outcome_vector("outcomes-record-all-kinds", "every kind of outcome on a completed enrollment",
                       [s(1, "2021-03-31", ct), s(1, "2021-04-01", {"kind": "certified", "certificate": {"kind": "training", "title": "Membatik"}}),
                        s(1, "2021-05-01", EMP), s(1, "2021-06-01", {"kind": "self_employed", "trade": "batik"}),
                        s(1, "2021-07-01", {"kind": "employer_of", "employees": 3}),
                        s(1, "2021-08-01", {"kind": "continued_education", "partner": "stikes", "institution": "D3"})]),
        outcome_vector("outcomes-unknown-enrollment", "an enrollment number the ledger does not have",
                       [s(99, "2021-05-01", EMP)]),
        outcome_vector("outcomes-before-activation", "dated before the activation (2020-10-01) although after registration",
                       [s(1, "2020-09-30", EMP), s(1, "2020-10-01", EMP)]),
        outcome_vector("outcomes-before-registration", "a registered, never activated enrollment starts on its registration",
                       [s(13, "2021-04-30", EMP), s(13, "2021-05-01", EMP)]),
        outcome_vector("outcomes-completed-training-needs-completion", "completed_training: dropped, active, before the completion day, on it",
                       [s(8, "2021-01-01", ct), s(10, "2021-01-01", ct), s(2, "2021-03-30", ct), s(2, "2021-03-31", ct)]),
        outcome_vector("outcomes-unknown-partner", "employed at, and studying with, partners the registry lacks; other employers need no partner",
                       [s(3, "2021-05-01", {"kind": "employed", "partner": "pt-entah"}),
                        s(3, "2021-05-01", {"kind": "continued_education", "partner": "kampus-x"}),
                        s(3, "2021-05-01", {"kind": "employed", "employer_kind": "private", "employer": "CV Maju"})]),
        outcome_vector("outcomes-duplicate", "the same outcome twice on one day is refused; another day or another employer is not",
                       [s(4, "2021-05-01", EMP), s(4, "2021-05-01", EMP), s(4, "2021-05-02", EMP),
                        s(4, "2021-05-01", {"kind": "employed", "partner": "rsud-magetan"})]),
        outcome_vector("outcomes-checks-in-order", "before the start and a completed_training on an unfinished enrollment: the date check comes first",
                       [s(9, "2021-01-01", ct)]),
        outcome_vector("outcomes-dropped-may-have-outcomes", "a drop-out may still find work (attributed to the enrollment)",
                       [s(8, "2021-01-05", EMP), s(8, "2020-09-09", EMP)]),
        outcome_vector("outcomes-numbers-skip-refusals", "refusals take no number",
                       [s(5, "2021-04-01", EMP), s(99, "2021-04-01", EMP), s(6, "2021-04-01", EMP)]),
    ]
    err = lambda vid, d, o, code: {"id": vid, "description": d,  # noqa: E731
                                   "input": {"steps": [s(1, "2021-05-01", o)]},
                                   "expect": {"error": {"code": code}}}
    vs += [err("outcomes-employer-of-none", "an employer employs at least one person", {"kind": "employer_of", "employees": 0}, "input.invalid"),
           err("outcomes-unknown-kind", "an outcome kind that does not exist", {"kind": "retired"}, "input.invalid")]
    return {"suite": "outcomes", "description": (
        "Outcome ledger. The runner reads `registry` (a snapshot) and `enrollments` (a ledger in its "
        "wire form) from this file's top level, starts an empty outcome ledger and records each step "
        "`{enrollment, on, outcome}` in order. `ok.results[i]` is `{ok: record number}` or `{error: code}`; "
        "`ok.records` is the ledger's records afterwards. A step whose outcome is malformed raises "
        "(`expect.error`, code `input.invalid`). Expectations from conformance/oracle/reports.py."),
        "registry": REGISTRY, "enrollments": LEDGER, "vectors": vs}


# ---------------------------------------------------------------- reports


def reports_suite():
    vs = []

    def sup(vid, d, values, lines, minimum=5, units=None):
        hidden = naive_suppress(values, units or values, lines, minimum)
        inp = {"op": "suppress", "values": values, "lines": lines, "min_cell": minimum}
        if units:
            inp["units"] = units
        vs.append({"id": vid, "description": d, "input": inp, "expect": {"ok": {"hidden": hidden}}})

    sup("reports-suppress-nothing-small", "no cell below 5: nothing hidden", [7, 9, 16], [[0, 1, 2]])
    sup("reports-suppress-complementary-one-way", "2 < 5 and would be 10 - 3 - 5: the next smallest (3) goes too",
        [3, 2, 5, 10], [[0, 1, 2, 3]])
    sup("reports-suppress-lone-group", "a line of one group and its total hides both", [3, 3], [[0, 1]])
    sup("reports-suppress-zero-shown", "zeros are not sensitive", [0, 7, 7], [[0, 1, 2]])
    sup("reports-suppress-zero-complementary", "a zero can be the complementary cell", [0, 4, 9, 13], [[0, 1, 2, 3]])
    sup("reports-suppress-tie-by-position", "equal candidates: the first in the line", [2, 6, 6, 14], [[0, 1, 2, 3]])
    two = [2, 10, 12, 10, 10, 20, 12, 20, 32]
    rc = [[0, 1, 2], [3, 4, 5], [6, 7, 8], [0, 3, 6], [1, 4, 7], [2, 5, 8]]
    sup("reports-suppress-two-way", "2x2 with margins: one small cell forces a rectangle", two, rc)
    three = [1, 6, 8, 15, 7, 9, 6, 22, 9, 12, 2, 23, 17, 27, 16, 60]
    rc3 = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11], [12, 13, 14, 15],
           [0, 4, 8, 12], [1, 5, 9, 13], [2, 6, 10, 14], [3, 7, 11, 15]]
    sup("reports-suppress-three-by-three", "3x3 with margins: two small cells on a diagonal", three, rc3)
    sup("reports-suppress-iterates", "a complementary cell that is alone in a crossing line pulls in a third",
        [1, 8, 9, 5, 6, 11, 6, 14, 20], rc)
    sup("reports-suppress-min-one", "min_cell 1 hides nothing", [1, 2, 3], [[0, 1, 2]], minimum=1)
    sup("reports-suppress-min-zero", "min_cell 0 hides nothing", [1, 2, 3], [[0, 1, 2]], minimum=0)
    sup("reports-suppress-contributors", "12 jobs from one employer are hidden (1 contributor); 9 from 5 are not",
        [12, 9, 21], [[0, 1, 2]], units=[1, 5, 6])
    sup("reports-suppress-small-total", "a total below 5 with one non-zero cell", [0, 4, 0, 4], [[0, 1, 2, 3]])

    def rep(vid, d, as_of, min_cell=5, days=90, ledger=None, outcomes=None):
        inp = {"op": "report", "as_of": as_of, "min_cell": min_cell, "expiring_within_days": days}
        ledger_ = LEDGER
        outcomes_ = OUTCOMES
        if ledger is not None:
            inp["enrollments"] = ledger
            ledger_ = ledger
        if outcomes is not None:
            inp["outcomes"] = outcomes
            outcomes_ = outcomes
        vs.append({"id": vid, "description": d, "input": inp,
                   "expect": {"ok": naive_report(REGISTRY, ledger_, outcomes_, as_of, min_cell, days)}})

    empty = {"enrollments": [], "waitlists": [], "needs_information": []}
    rep("reports-empty-ledger", "agreements in force with their committed places, all counts 0", "2021-01-01",
        ledger=empty, outcomes={"records": []})
    rep("reports-before-signing", "nothing in force, nothing enrolled", "2020-09-01", ledger=empty, outcomes={"records": []})
    rep("reports-cohort-open", "the cohort on 2022-06-30 with nothing suppressed (min_cell 1): the counts by hand", "2022-06-30", min_cell=1)
    rep("reports-cohort-suppressed", "the same with min_cell 5: small cells and their complements hidden", "2022-06-30")
    rep("reports-cohort-min-3", "min_cell 3", "2022-06-30", min_cell=3)
    rep("reports-during-training", "2020-12-31: registered and active, one drop-out, no completion yet", "2020-12-31", min_cell=1)
    rep("reports-six-month-window", "2021-09-30: the six-month window ends that day; 2021-10-01 job is not in it",
        "2021-10-15", min_cell=1)
    rep("reports-waitlist-dates", "waitlist entries count from their date", "2021-06-01", min_cell=1)
    rep("reports-expiring-pks-a", "2022-07-01: pks-a ends 2022-09-08 (69 days) with its unfilled places", "2022-07-01", days=90)
    rep("reports-expiring-window-edge", "exactly 90 days before the end is inside the window", "2022-06-10", days=90)
    rep("reports-expiring-outside", "91 days before the end is outside", "2022-06-09", days=90)
    rep("reports-expiring-long-window", "a long window lists every agreement in force", "2021-06-01", days=2000)
    jobs_only = {"records": [rec(1, 5, "2021-06-01", {"kind": "employer_of", "employees": 12})]}
    rep("reports-jobs-created-one-employer", "12 jobs created by one person are hidden", "2021-12-31", outcomes=jobs_only)
    return {"suite": "reports", "description": (
        "Reports and small-cell suppression. `op: suppress`: call `suppress(values, lines, min_cell, units?)`; "
        "`ok.hidden` is the flag per cell. `op: report`: read `registry`, `enrollments` and `outcomes` from "
        "this file's top level (a vector's own `enrollments`/`outcomes` replace them) and call "
        "`report(registry, enrollments, outcomes, as_of, {min_cell, expiring_within_days})`; `ok` is the whole "
        "report. Expectations from the naive conformance/oracle/reports.py (docs/reports.md)."),
        "registry": REGISTRY, "enrollments": LEDGER, "outcomes": OUTCOMES, "vectors": vs}


# ---------------------------------------------------------------- impact

POPULATION = [
    {"id": "p01", "birth_date": "1985-01-01", "disabilities": ["physical"], "upt_id": "upt-rsbd", "regency": "3514", "education": "sma", "dtks_decile": 2},
    {"id": "p02", "birth_date": "1983-09-10", "disabilities": ["sensory_hearing"], "upt_id": "upt-rsbrw", "regency": "3578", "education": "smp"},
    {"id": "p03", "birth_date": "1990-05-05", "disabilities": [], "upt_id": "upt-rsbd", "regency": "3514", "education": "sd", "dtks_decile": 7},
    {"id": "p04", "birth_date": "1981-02-02", "disabilities": ["intellectual", "physical"], "regency": "3520", "education": "sma", "dtks_decile": 1},
    {"id": "p05", "disabilities": ["physical"], "upt_id": "upt-rsbd", "regency": "3514", "education": "smp", "dtks_decile": 3},
    {"id": "p06", "birth_date": "2004-09-09", "upt_id": "upt-rsbrw", "education": "smp", "dtks_decile": 4},
    {"id": "p07", "birth_date": "1986-09-10", "disabilities": ["mental_psychosocial"], "upt_id": "upt-rsbrw", "regency": "3578", "dtks_decile": 5},
    {"id": "p08", "birth_date": "1979-12-31", "disabilities": ["sensory_speech"], "upt_id": "upt-rsbd", "regency": "3504", "education": "diploma"},
    {"id": "p09", "birth_date": "1995-03-03", "disabilities": ["physical"], "upt_id": "upt-rsbrw", "regency": "3504", "education": "sma", "dtks_decile": 9},
    {"id": "p10", "birth_date": "1980-09-09", "disabilities": ["sensory_visual"], "regency": "3520", "education": "bachelor"},
]


def naive_impact(before, after, as_of):
    day = D(as_of)

    def decide(src, f):
        v, _ = R.ev(R.Parser(src).expr(), {}, f, {}, day)
        return {R.T: "eligible", R.F: "ineligible", R.U: "undetermined"}[v]

    def group():
        return {"count": 0, "ids": [], "by_facility": {}, "by_disability": {}, "by_regency": {}}

    out = {"as_of": as_of, "population": len(POPULATION), "gains": group(), "losses": group(),
           "becomes_undetermined": group(), "leaves_undetermined": group()}
    order = ["eligible", "ineligible", "undetermined"]
    matrix = {(a, b): 0 for a in order for b in order}
    for f in POPULATION:
        x, y = decide(before, f), decide(after, f)
        matrix[(x, y)] += 1
        if x == y:
            continue
        keys = [k for k, ok in [("gains", y == "eligible"), ("losses", x == "eligible"),
                                ("becomes_undetermined", y == "undetermined"),
                                ("leaves_undetermined", x == "undetermined")] if ok]
        reg = f.get("regency")
        for k in keys:
            g = out[k]
            g["count"] += 1
            g["ids"].append(f["id"])
            for name, val in [("by_facility", f.get("upt_id") or "unknown"),
                              ("by_disability", disability_of(f.get("disabilities"))),
                              ("by_regency", f"{reg[:2]}.{reg[2:]}" if reg else "unknown")]:
                g[name][val] = g[name].get(val, 0) + 1
    out["transitions"] = [{"before": a, "after": b, "count": matrix[(a, b)]} for a in order for b in order]
    return out


def impact_suite():
    cases = [
        ("impact-widen-age", "an upper age limit raised from 35 to 40 on 2020-09-09: only gains",
         "age between 18 and 35", "age between 18 and 40"),
        ("impact-narrow-age", "the reverse: only losses",
         "age between 18 and 40", "age between 18 and 35"),
        ("impact-add-disability", "adding a disability condition: people with none lose, people with unknown birth date stay undetermined",
         "age between 18 and 45", "age between 18 and 45 and disabilities is not empty"),
        ("impact-decile-unknown", "a welfare test: the unregistered become undetermined, then a rule that counts them leaves it",
         "education >= smp", "education >= smp and dtks_decile <= 4"),
        ("impact-decile-explicit-unknown", "unknown decile counted explicitly",
         "education >= smp and dtks_decile <= 4", "education >= smp and (dtks_decile <= 4 or not known(dtks_decile))"),
        ("impact-same-rule", "the same rule twice: nobody changes", "age >= 18", "age >= 18"),
        ("impact-birthday-edge", "a 40th birthday on the as-of date counts: p10 (born 1980-09-09) gains with p08 (40); p07 turns 34 a day later",
         "age <= 39 and age >= 34", "age <= 40 and age >= 34"),
    ]
    vs = []
    for vid, d, a, b in cases:
        vs.append({"id": vid, "description": d, "input": {"before": a, "after": b, "as_of": "2020-09-09"},
                   "expect": {"ok": naive_impact(a, b, "2020-09-09")}})
    return {"suite": "impact", "description": (
        "Rule-change impact. The runner builds a population from this file's `population` records (the "
        "tabular schema; reference date = as_of), compiles `before` and `after` and calls "
        "`rule_change_impact(before, after, population, as_of)`; `ok` is the whole result. Expectations from "
        "conformance/oracle/reports.py using the independent rule evaluator of conformance/rules/oracle.py."),
        "population": POPULATION, "vectors": vs}


FILES = {"outcomes.json": outcomes_suite, "reports.json": reports_suite, "impact.json": impact_suite}


def main():
    check = "--check" in sys.argv
    bad = 0
    for name, build in FILES.items():
        path = os.path.join(ROOT, name)
        text = json.dumps(build(), ensure_ascii=False, indent=1) + "\n"
        if check:
            with open(path, encoding="utf-8") as fh:
                if fh.read() != text:
                    print(f"{name}: differs from the oracle")
                    bad += 1
        else:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
