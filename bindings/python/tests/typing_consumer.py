"""Type-checked by mypy --strict in scripts/test: the public API must be fully typed."""

from datetime import date

import berdaya


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


def use_batch() -> int:
    pop = berdaya.Population.synthetic(100, seed=1, as_of=date(2020, 9, 9))
    rule = berdaya.Rule("age between 18 and 45")
    result = rule.evaluate_batch(pop, as_of=date(2020, 9, 9))
    d: "berdaya.Decision | None" = rule.decide_row(pop, 0, as_of=date(2020, 9, 9))
    return len(result["outcome"]) + (len(d.missing) if d is not None else 0)
