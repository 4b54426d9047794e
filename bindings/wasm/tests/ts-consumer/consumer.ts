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

export { diagnostics, outcome, reasons, hash };

// Counterfactual dates and versioned rule sets.
import { VersionedRuleSet, VersionedDecision } from "berdaya";
import type { CounterfactualReport, ContextTimeline, RuleVersion, SettlingFact, DateSpan } from "berdaya";

const timeline: ContextTimeline = { agreement_in_force: [{ from: "2021-01-01", until: null }] } as ContextTimeline;
const cf: CounterfactualReport = new Rule("agreement_in_force and age >= 17").eligibleFrom(person, "2020-09-09", timeline);
const when: string | undefined = cf.status === "eligible_from" ? cf.date : undefined;
const settling: SettlingFact[] = new Rule("age >= 17").settlingFacts({} as Facts, "2020-09-09", undefined);
const vs = new VersionedRuleSet("rule v @2020 from 2020-01-01 = age >= 17");
const vd: VersionedDecision = vs.evaluate("v@2020", person, "2020-09-09", undefined);
const version: RuleVersion | null = vd.version;
const gaps: DateSpan[] = vs.gaps("v");
const pinned: { rule: Rule; version: RuleVersion | null } = vs.ruleOn("v@2020", "2020-09-09");
const vcf: CounterfactualReport = vs.eligibleFrom("v", person, "2020-09-09", undefined);

export { when, settling, version, gaps, pinned, vcf };

import { contextTimeline } from "berdaya";
const agreementTimeline: ContextTimeline = contextTimeline(reg, "pks-2020-batik-wistara");
export { agreementTimeline };
// Explanations and sensitive facts.
import { Explanation } from "berdaya";
import type { Sentence, SensitiveFact, Lang, Form } from "berdaya";

const lang: Lang = "id";
const form: Form = "full";
const explanation: Explanation | undefined = decision?.explain(lang, form);
const explained: string = explanation?.toString() ?? "";
const sentences: Sentence[] = explanation?.sentences ?? [];
const firstClause: string | undefined = sentences[0]?.clause ?? undefined;
const sensitive: SensitiveFact[] = new Rule("disabilities has fisik").sensitiveFacts();
const sensitiveClass: string | undefined = sensitive[0]?.class;
const shortText: string = new Rule("age >= 17").evaluate(person, "2020-09-09", undefined).explain("en", undefined).text;

export { explained, firstClause, sensitiveClass, shortText };
// Enrollment and allocation against the registry.
import { Enrollments, RuleEligibility, applicantsFromRegistry } from "berdaya";
import type { Applicant, CommitmentRef, EligibilityFn, EnrolOutcome, Enrollment, Offer } from "berdaya";

const target: CommitmentRef = { agreement: "pks-a", commitment: "jobs" } as CommitmentRef;
const rulesOfCommitments: RuleEligibility = new RuleEligibility(reg);
const table: EligibilityFn = (_id, _target, _asOf) => ({ outcome: "eligible" });
const ledger: Enrollments = new Enrollments();
const enrolled: number = ledger.enrol(reg, rulesOfCommitments, "pm-1", target, "2020-09-09");
const waited: EnrolOutcome = ledger.enrolOrWait(reg, table, "pm-2", target, new Date(2020, 8, 9));
const offers: Offer[] = ledger.dropOut(reg, table, enrolled, "2020-10-01", "withdrawn");
const position: number | undefined = ledger.waitlistPosition("pm-2", target);
const first: Enrollment | undefined = ledger.get(1);
const applicants: Applicant[] = applicantsFromRegistry(reg, ["pm-1"], [target], rulesOfCommitments, "2020-09-09");

export { waited, offers, position, first, applicants };

import { Population } from "berdaya";
const pop: Population = Population.synthetic(10, 1, "2020-09-09");
const explainedRow: Decision | undefined = new Rule("age >= 18").decideRow(pop, 0, "2020-09-09", undefined);

export { explainedRow };

import { Registry as RegistryForPopulation, memoryBytes } from "berdaya";
const registryPopulation: Population = Population.fromRegistry(RegistryForPopulation.eastJava2020(), "2020-09-09");
const linearMemory: number = memoryBytes();
export { registryPopulation, linearMemory };
// Outcomes, reports and rule-change impact.
import { Outcomes, report, ruleChangeImpact, suppress } from "berdaya";
import type { OutcomeKind, OutcomeRecord, Report, ReportRow, RuleChangeImpact } from "berdaya";

const outcomes: Outcomes = new Outcomes();
const employed: OutcomeKind = { kind: "employed", partner: "batik-wistara" };
const recorded: number = outcomes.record(reg, ledger, enrolled, "2021-05-01", employed);
const outcomeTimeline: OutcomeRecord[] = outcomes.timeline("pm-1");
const yearly: Report = report(reg, ledger, outcomes, "2021-09-09", { min_cell: 5 });
const totalRow: ReportRow | undefined = yearly.tables[0]?.total;
const filledTotal: number | null | undefined = totalRow?.filled;
const impact: RuleChangeImpact = ruleChangeImpact(new Rule("age >= 18"), new Rule("age >= 21"), pop, "2020-09-09", undefined);
const lost: string[] = impact.losses.ids;
const byRegency: Record<string, number> = impact.losses.by_regency;
const hidden: boolean[] = suppress([3, 2, 5, 10], [[0, 1, 2, 3]], 5, undefined);

export { recorded, outcomeTimeline, filledTotal, lost, byRegency, hidden };
// Decision receipts, replay and erasure.
import { Receipt, allocationReceipts } from "berdaya";
import type { Allocation, AllocationRequest, ReceiptData, Replay } from "berdaya";

const receiptKey = new TextEncoder().encode("dinsos-jatim receipts 2020");
const receipt: Receipt = new Enrollments().enrolWithReceipt(reg, rulesOfCommitments, receiptKey, "pm-0001", target, "2020-10-01");
const receiptData: ReceiptData = receipt.toJSON();
const replayed: Replay = Receipt.fromJson(receipt.toJson()).replay(reg, receiptKey, rulesOfCommitments);
const replayStatus: string = replayed.status;
reg.erasePersonalData("pm-0001", "2021-03-01");
const erasedOn: string | undefined = reg.erasedOn("pm-0001");
const ownReceipt: Receipt = Receipt.forRule(new Rule("age >= 18"), person, "2020-09-09", "pm-1", "a key of sixteen+ bytes", undefined, undefined);
const ownReplay: Replay = ownReceipt.replayFacts(new Rule("age >= 18"), person, "a key of sixteen+ bytes", undefined);
const allocated: Receipt[] = allocationReceipts(reg, rulesOfCommitments, receiptKey, {} as AllocationRequest, {} as Allocation, "2020-09-09");

export { receiptData, replayStatus, erasedOn, ownReplay, allocated };

const envelope: string = reg.toEnvelope();
const fromEnvelope: Registry = Registry.fromEnvelope(envelope);
export { fromEnvelope };
const offered: { offers: Offer[]; receipts: Receipt[] } = new Enrollments().offerPlacesWithReceipts(reg, rulesOfCommitments, receiptKey, target, "2020-10-01");
export { offered };
// Objects and columns into a Population, only a rule's columns.
const ageRule = new Rule("age >= 18");
const readsColumns: string[] = ageRule.inputColumns();
const fromObjects: Population = Population.fromRecords(
  [{ id: "a", birth_date: new Date(1995, 10, 7), disabilities: ["physical"], dtks_decile: 3 }],
  "2020-09-09",
  "skip_row",
  readsColumns,
);
const fromColumns: Population = Population.fromColumns(
  { id: ["a", "b"], birth_date: new Float64Array([9441, NaN]), sex: ["F", null] },
  "2020-09-09",
  undefined,
);
export { fromObjects, fromColumns };
