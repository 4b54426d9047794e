// A small consumer that must type-check against the generated .d.ts.
import { Nik, Region, pseudonymize } from "berdaya";
import type { NikInfo, RegionInfo, BerdayaError } from "berdaya";

const nik: Nik = new Nik("3514140711950002", "2020-09-09");
const sex: string = nik.sex;
const info: NikInfo = nik.info();
const birth: string = info.birth_date;
const serial: number = info.serial;
const region: RegionInfo = new Region("3520").info();
const name: string | undefined = new Region("3520").name;
const p: string = pseudonymize(nik, new TextEncoder().encode("a key of at least sixteen bytes"));

function describe(e: unknown): string {
  const err = e as BerdayaError;
  return `${err.code} at ${err.span?.column ?? "?"}`;
}

export { sex, birth, serial, region, name, p, describe };

// The domain core.
import { Registry, Agreement, Beneficiary, Period } from "berdaya";
import type { AgreementStatus, DerivedFacts, LifecycleEvent } from "berdaya";

const reg: Registry = Registry.eastJava2020();
const inForce: string[] = reg.agreementsInForceOn("2020-09-09");
const firstId: string | undefined = inForce[0];
const agreement: Agreement | undefined = firstId === undefined ? undefined : reg.agreement(firstId);
const status: AgreementStatus | undefined = agreement?.statusOn(new Date(2020, 8, 9));
const event: LifecycleEvent = { on: "2021-01-01", event: "terminated", reason: "partner closed" };
const period: Period = new Period("2020-09-09", "2025-09-08");
const facts: DerivedFacts = new Beneficiary({ id: "pm-1", registered_on: "2020-09-09" } as never).derived("2020-09-09");
const expiring: { agreement: string; until: string }[] = reg.agreementsExpiringWithin("2025-06-10", 90);

export { inForce, status, event, period, facts, expiring };

// The rule language.
import { Rule, RuleSet, Decision, check } from "berdaya";
import type { Diagnostic, Facts, Reason } from "berdaya";

const diagnostics: Diagnostic[] = check("age betwen 18 and 45");
const r5: Rule | undefined = new RuleSet("rule r1 = age between 18 and 45\nrule r2 = r1 and disabilities is not empty").rule("r2");
const person: Facts = { birth_date: "1995-11-07", disabilities: ["rungu", "wicara"] } as Facts;
const decision: Decision | undefined = r5?.evaluate(person, "2020-09-09", undefined);
const outcome: string | undefined = decision?.outcome;
const reasons: Reason[] = decision?.reasons ?? [];
const hash: string = new Rule("age >= 18").contentHash;

import { Population } from "berdaya";
const pop: Population = Population.synthetic(10, 1, "2020-09-09");
const explained: Decision | undefined = new Rule("age >= 18").decideRow(pop, 0, "2020-09-09", undefined);

export { diagnostics, outcome, reasons, hash, explained };
