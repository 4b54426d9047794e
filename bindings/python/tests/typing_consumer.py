"""Type-checked by mypy --strict in scripts/test: the public API must be fully typed."""

from datetime import date

import pyarrow

import berdaya
from berdaya.types import (
    AllocationResult,
    CommitmentRef,
    DecisionDict,
    EligibilityDecision,
    Offer,
    Placement,
    Report,
    RuleChangeImpact,
)


def use() -> str:
    nik = berdaya.Nik("3514140711950002", reference_date=date(2020, 9, 9))
    born: date = nik.birth_date
    sex: str = nik.sex
    name: "str | None" = nik.regency.name
    try:
        berdaya.Region("35.80")
    except berdaya.RegionError as e:
        code: str = e.code
        return code
    return f"{born}{sex}{name}{berdaya.pseudonymize(nik, b'0123456789abcdef')}"


def use_domain() -> int:
    reg = berdaya.Registry.east_java_2020()
    in_force: list[str] = reg.agreements_in_force_on(date(2020, 9, 9))
    agreement = reg.agreement(in_force[0])
    assert agreement is not None
    status: str = agreement.status_on(date(2020, 9, 9))
    period: berdaya.Period = agreement.period_on(date(2020, 9, 9))
    closed: list[str] = reg.facilities_closed_to("family", date(2020, 9, 9))
    return len(in_force) + len(status) + len(closed) + period.end.year


def use_rules() -> str:
    rs = berdaya.RuleSet("rule r1 = age between 18 and 45\nrule r2 = r1 and disabilities is not empty")
    rule = rs.rule("r2")
    assert rule is not None
    d: berdaya.Decision = rule.evaluate({"birth_date": date(1995, 11, 7)}, as_of=date(2020, 9, 9))
    missing: list[str] = d.missing
    diagnostics = berdaya.check("age betwen 18 and 45")
    return d.outcome + ",".join(missing) + str(len(diagnostics)) + rule.content_hash


def use_counterfactual() -> str:
    rule = berdaya.Rule("age >= 17 and days_in_care >= 180")
    cf = rule.eligible_from(
        {"birth_date": date(2004, 2, 29), "residence_since": date(2020, 6, 1)},
        as_of=date(2020, 9, 9),
        context={"agreement_in_force": [{"from": date(2021, 1, 1), "until": None}]},
    )
    when: "date | None" = cf.get("date")
    settle = rule.settling_facts({}, as_of=date(2020, 9, 9))
    could: bool = settle[0]["could_make_eligible"]
    vs = berdaya.VersionedRuleSet("rule v @2020 from 2020-01-01 = age >= 17")
    vd: berdaya.VersionedDecision = vs.evaluate("v@2020", {}, as_of=date(2020, 9, 9))
    version = vd.version
    label: str = version["label"] if version is not None else ""
    start: "date | None" = vs.versions("v")[0]["from"]
    vcf = vs.eligible_from("v", {}, as_of=date(2020, 9, 9))
    try:
        vs.evaluate("v", {}, as_of=date(2019, 1, 1))
    except berdaya.RuleVersionError as e:
        label += e.code
    return f"{cf['status']}{when}{could}{label}{start}{vcf['status']}{vd.decision.outcome}"


def use_context_timeline() -> object:
    reg = berdaya.Registry.east_java_2020()
    t = berdaya.context_timeline(reg, "pks-2020-batik-wistara")
    return berdaya.Rule("agreement_in_force").eligible_from({}, as_of=date(2020, 9, 9), context=dict(t))


def use_explain() -> str:
    rule = berdaya.Rule("age >= 17 and disabilities has fisik")
    d = rule.evaluate({"birth_date": date(2004, 2, 29)}, as_of=date(2020, 9, 9))
    e: berdaya.Explanation = d.explain("en", "full")
    short: str = str(d.explain())
    kinds = [s["kind"] for s in e.sentences]
    clause = e.sentences[-1].get("clause")
    classes = [f["class"] for f in rule.sensitive_facts()]
    specific: bool = rule.sensitive_facts()[0]["specific"]
    return short + e.text + e.lang + e.form + ",".join(kinds) + (clause or "") + ",".join(classes) + str(specific)


def use_enrollment() -> int:
    reg = berdaya.Registry.east_java_2020()
    rules = berdaya.RuleEligibility(reg)
    target = {"agreement": "pks-a", "commitment": "jobs"}
    ledger = berdaya.Enrollments()

    def table(beneficiary: str, target: CommitmentRef, as_of: date) -> EligibilityDecision:
        return {"outcome": "eligible"}

    try:
        n: int = ledger.enrol(reg, rules, "pm-1", target, date(2020, 9, 9))
        ledger.activate(n, date(2020, 9, 10))
        offers: list[Offer] = ledger.drop_out(reg, table, n, date(2020, 9, 11), "withdrawn")
    except berdaya.EnrollmentError as e:
        code: str = e.code
        return len(code)
    position: "int | None" = ledger.waitlist_position("pm-2", target)
    applicants = berdaya.applicants_from_registry(reg, ["pm-1"], [target], rules, date(2020, 9, 9))
    return len(offers) + (position or 0) + len(applicants) + len(ledger.enrollments)


def use_batch() -> int:
    pop = berdaya.Population.synthetic(100, seed=1, as_of=date(2020, 9, 9))
    rule = berdaya.Rule("age between 18 and 45")
    result = rule.evaluate_batch(pop, as_of=date(2020, 9, 9))
    d: "berdaya.Decision | None" = rule.decide_row(pop, 0, as_of=date(2020, 9, 9))
    return len(result["outcome"]) + (len(d.missing) if d is not None else 0)


def population_from_registry() -> int:
    reg = berdaya.Registry.east_java_2020()
    pop: berdaya.Population = berdaya.Population.from_registry(reg, as_of=date(2020, 9, 9))
    return len(pop)


def use_outcomes_and_reports() -> int:
    reg = berdaya.Registry.east_java_2020()
    ledger = berdaya.Enrollments()
    outcomes = berdaya.Outcomes()
    try:
        outcomes.record(reg, ledger, 1, date(2021, 1, 1), {"kind": "self_employed"})
    except berdaya.OutcomeError as e:
        code: str = e.code
        assert code == "outcome.unknown_enrollment"
    timeline: list[str] = [r["outcome"]["kind"] for r in outcomes.timeline("pm-0001")]
    r = berdaya.report(reg, ledger, outcomes, date(2021, 9, 9), min_cell=5)
    filled: "int | None" = r["tables"][0]["total"]["filled"]
    unfilled: int = sum(e["unfilled"] for e in r["expiring"])
    pop = berdaya.Population.synthetic(100, seed=1, as_of=date(2020, 9, 9))
    impact = berdaya.rule_change_impact(
        berdaya.Rule("age >= 18"), berdaya.Rule("age >= 21"), pop, as_of=date(2020, 9, 9)
    )
    lost: list[str] = impact["losses"]["ids"]
    by: dict[str, int] = impact["losses"]["by_regency"]
    return len(timeline) + (filled or 0) + unfilled + len(lost) + len(by)


def use_receipts() -> int:
    reg = berdaya.Registry.east_java_2020()
    rules = berdaya.RuleEligibility(reg)
    key = b"dinsos-jatim receipts 2020"
    target = {"agreement": "pks-2020-batik-wistara", "commitment": "jobs"}
    try:
        r: berdaya.Receipt = berdaya.Enrollments().enrol_with_receipt(
            reg, rules, key, "pm-0001", target, date(2020, 10, 1)
        )
    except berdaya.ReceiptError as e:
        return len(e.code)
    back: berdaya.Receipt = berdaya.Receipt.from_json(r.to_json())
    replay = back.replay(reg, key)
    status: str = replay["status"]
    changed: list[str] = replay.get("facts", [])
    reg.erase_personal_data("pm-0001", date(2021, 3, 1))
    erased: "date | None" = reg.erased_on("pm-0001")
    rule = berdaya.Rule("age between 18 and 45")
    own = berdaya.Receipt.for_rule(rule, {"birth_date": date(1998, 3, 12)}, as_of=date(2020, 9, 9), subject="pm-1", key="a key of sixteen+ bytes")
    again = own.replay_facts(rule, {"birth_date": date(1998, 3, 12)}, key="a key of sixteen+ bytes")
    digests: dict[str, str] = own.facts
    return len(status) + len(changed) + len(digests) + len(again["status"]) + (1 if erased else 0)


def use_snapshot_files(tmp: str) -> int:
    import pathlib

    reg = berdaya.Registry.east_java_2020()
    reg.save(tmp)
    reg.save(pathlib.Path(tmp))
    try:
        back: berdaya.Registry = berdaya.Registry.load(tmp)
    except berdaya.SnapshotError as e:
        return len(e.code)
    return len(berdaya.Registry.from_envelope(back.to_envelope()).to_json())


def use_arrow() -> int:
    import pyarrow as pa

    pop = berdaya.Population.synthetic(10, seed=1, as_of=date(2020, 9, 9))
    rule = berdaya.Rule("age between 18 and 45")
    table: pa.Table = rule.evaluate_batch(pop, as_of=date(2020, 9, 9))
    again: pa.Table = rule.evaluate_batch(pop.to_arrow(), as_of=date(2020, 9, 9))
    columns: list[str] = rule.input_columns
    back = berdaya.Population.from_arrow(table, reference_date=date(2020, 9, 9), columns=columns)
    return table.num_rows + again.num_rows + len(back)


def use_frames() -> int:
    import pyarrow as pa

    pop = berdaya.Population.synthetic(10, seed=1, as_of=date(2020, 9, 9))
    rule = berdaya.Rule("age >= 18")
    seen: list[int] = []

    def progress(done: int, total: "int | None", rows: int) -> None:
        seen.append(rows)

    parts: list[pa.Table] = list(berdaya.evaluate_partitions(rule, [pop], as_of=date(2020, 9, 9), progress=progress))
    return len(parts) + len(seen)


def use_types() -> int:
    """The results are TypedDicts: nested fields read with their own types, no casts."""
    reg = berdaya.Registry.east_java_2020()
    rules = berdaya.RuleEligibility(reg)
    on = date(2020, 9, 9)
    target: CommitmentRef = {"agreement": "pks-2020-batik-wistara", "commitment": "jobs"}
    result: AllocationResult = berdaya.allocate(
        {
            "seed": "2020-1",
            "commitments": [{**target, "places": 2}],
            "applicants": berdaya.applicants_from_registry(reg, reg.beneficiary_ids()[:10], [target], rules, on),
        }
    )
    rank: int = result["placements"][0]["rank"]
    first: Placement = result["placements"][0]
    choice: "int | None" = first.get("choice")
    waitlist_position: int = result["unplaced"][0]["reasons"][0]["waitlist_position"]
    mode: str = result["mode"]
    shown: bool = isinstance(result, berdaya.Allocation)
    decision: DecisionDict = berdaya.Rule("age >= 18").evaluate({}, as_of=on).to_dict()
    clause: str = decision["reasons"][0]["clause"] if decision["reasons"] else ""
    report: Report = berdaya.report(reg, berdaya.Enrollments(), berdaya.Outcomes(), on)
    committed: int = report["tables"][0]["total"].get("committed", 0)
    pop = berdaya.Population.synthetic(50, seed=1, as_of=on)
    impact: RuleChangeImpact = berdaya.rule_change_impact(berdaya.Rule("age >= 18"), berdaya.Rule("age >= 21"), pop, as_of=on)
    counts: pyarrow.Table = berdaya.impact_table(impact)
    ids: pyarrow.Table = berdaya.impact_ids_table(impact)
    issues: int = len(pop.import_report["issues"])
    care: int = sum(c["count"] for c in reg.care_counts(on))
    info: str = berdaya.Nik("3514140711950002", reference_date=on).info()["regency"]
    outcome: str = rules.decide(reg.beneficiary("pm-0014") or _no(), target, on)["outcome"]
    return (
        rank + (choice or 0) + waitlist_position + len(mode) + int(shown) + len(clause) + committed
        + counts.num_rows + ids.num_rows + issues + care + len(info) + len(outcome)
    )


def _no() -> berdaya.Beneficiary:
    raise LookupError("pm-0014")
