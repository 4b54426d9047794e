import { test } from "node:test";
import assert from "node:assert/strict";

import { Enrollments, Receipt, Registry, Rule, RuleEligibility, allocate, allocationReceipts, applicantsFromRegistry } from "berdaya";

const KEY = new TextEncoder().encode("dinsos-jatim receipts 2020");
const JOBS = { agreement: "pks-2020-batik-wistara", commitment: "jobs" };

test("an enrollment receipt holds, round-trips and names a corrected fact", () => {
  const reg = Registry.eastJava2020();
  const rules = new RuleEligibility(reg);
  const r = new Enrollments().enrolWithReceipt(reg, rules, KEY, "pm-0014", JOBS, "2020-10-01");
  assert.equal(r.kind, "enrollment");
  assert.equal(r.outcome, "eligible");
  assert.deepEqual(r.toJSON().action, { action: "enrolled", enrollment: 1 });
  assert.deepEqual(r.replay(reg, KEY), { status: "holds" });
  const back = Receipt.fromJson(r.toJson());
  assert.equal(back.toJson(), r.toJson());
  const snap = JSON.parse(reg.toJson());
  snap.beneficiaries.find((b) => b.id === "pm-0014").birth_date = "1960-01-01";
  assert.deepEqual(back.replay(Registry.fromJson(JSON.stringify(snap)), KEY), {
    status: "changed",
    facts: ["birth_date"],
    rule_changed: false,
    outcome: "eligible",
    new_outcome: "ineligible",
  });
});

test("erasure: replay says subject_erased, the snapshot forgets the NIK", () => {
  const reg = Registry.eastJava2020();
  const rules = new RuleEligibility(reg);
  const r = new Enrollments().enrolWithReceipt(reg, rules, KEY, "pm-0001", JOBS, "2020-10-01");
  reg.erasePersonalData("pm-0001", "2021-03-01");
  assert.equal(reg.erasedOn("pm-0001"), "2021-03-01");
  assert.deepEqual(r.replay(reg, KEY), { status: "subject_erased", erased_on: "2021-03-01" });
  const snap = reg.toJson();
  assert.ok(!snap.includes("3514140711950002"));
  assert.equal(Registry.fromJson(snap).toJson(), snap);
  assert.throws(() => reg.erasePersonalData("pm-9999", "2021-03-01"), (e) => e.name === "BerdayaError" && e.code === "registry.not_found");
});

test("errors: short key, other key, unknown person", () => {
  const reg = Registry.eastJava2020();
  const rules = new RuleEligibility(reg);
  const ledger = new Enrollments();
  assert.throws(() => ledger.enrolWithReceipt(reg, rules, "short", "pm-0001", JOBS, "2020-10-01"), (e) => e.code === "receipt.short_key" && e.field === "key");
  assert.throws(() => ledger.enrolWithReceipt(reg, rules, KEY, "pm-9999", JOBS, "2020-10-01"), (e) => e.code === "receipt.unknown_beneficiary");
  const r = ledger.enrolWithReceipt(reg, rules, KEY, "pm-0001", JOBS, "2020-10-01");
  assert.throws(() => r.replay(reg, "another office's key!"), (e) => e.code === "receipt.key_mismatch");
  assert.ok(!String(r).includes("Contoh"));
});

test("allocation receipts and rule receipts", () => {
  const reg = Registry.eastJava2020();
  const rules = new RuleEligibility(reg);
  const ids = ["pm-0001", "pm-0002", "pm-0014", "pm-0048"];
  const request = {
    seed: "2020-1",
    commitments: [{ ...JOBS, places: 1 }],
    applicants: applicantsFromRegistry(reg, ids, [JOBS], rules, "2020-09-09"),
    priorities: [{ fact: "dtks_decile", order: "asc" }],
  };
  const out = allocate(request);
  const receipts = allocationReceipts(reg, rules, KEY, request, out, "2020-09-09");
  assert.equal(receipts.length, ids.length);
  assert.equal(receipts.filter((r) => r.toJSON().action.action === "placed").length, out.placements.length);
  for (const r of receipts) assert.deepEqual(r.replay(reg, KEY), { status: "holds" });
  for (const r of receipts) assert.deepEqual(r.replay(reg, KEY, rules), { status: "holds" });
  assert.throws(() => receipts[0].replay(reg, KEY, {}), (e) => e.name === "BerdayaError");
  const rule = new Rule("age between 18 and 45");
  const own = Receipt.forRule(rule, { birth_date: "1998-03-12" }, "2020-09-09", "pm-1", KEY);
  assert.deepEqual(own.replayFacts(rule, { birth_date: "1998-03-12" }, KEY), { status: "holds" });
  assert.equal(own.replayFacts(rule, { birth_date: "1960-01-01" }, KEY).new_outcome, "ineligible");
});

test("the snapshot envelope is verified", () => {
  const reg = Registry.eastJava2020();
  const text = reg.toEnvelope();
  assert.equal(Registry.fromEnvelope(text).toJson(), reg.toJson());
  assert.throws(() => Registry.fromEnvelope(text.slice(0, text.length - 100)), (e) => e.code === "snapshot.truncated");
  const i = text.indexOf("\n") + 5000;
  const flipped = text.slice(0, i) + (text[i] === "a" ? "b" : "a") + text.slice(i + 1);
  assert.throws(() => Registry.fromEnvelope(flipped), (e) => e.code === "snapshot.corrupted");
  assert.throws(() => Registry.fromEnvelope(reg.toJson()), (e) => e.code === "snapshot.bad_header");
});

test("offered places have receipts", () => {
  const reg = Registry.eastJava2020();
  const rules = new RuleEligibility(reg);
  const target = { agreement: "pks-2020-stikes-hutama-abdi-husada", commitment: "scholarships" };
  const ids = JSON.parse(reg.toJson()).beneficiaries.map((b) => b.id);
  const outcome = (id) => rules.decide(reg.beneficiary(id), target, "2020-10-01").outcome;
  const ok = ids.filter((id) => outcome(id) === "eligible");
  const waiting = [ok[0], ok[1], ok[2]];
  const ledger = Enrollments.fromJSON({ waitlists: [{ target, entries: waiting.map((beneficiary) => ({ beneficiary, since: "2020-09-09" })) }] });
  const { offers, receipts } = ledger.offerPlacesWithReceipts(reg, rules, KEY, target, "2020-10-01");
  assert.deepEqual(offers.map((o) => o.outcome), ["enrolled", "enrolled"]);
  assert.deepEqual(receipts.map((r) => r.subject), [ok[0], ok[1]]);
  for (const r of receipts) assert.deepEqual(r.replay(reg, KEY), { status: "holds" });
});
