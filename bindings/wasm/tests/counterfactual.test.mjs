import { test } from "node:test";
import assert from "node:assert/strict";

import { Rule, VersionedRuleSet } from "berdaya";

test("eligibleFrom gives ISO dates; 29 February birthdays reach 17 on 1 March", () => {
  const rule = new Rule("age between 17 and 35 and days_in_care >= 180");
  const cf = rule.eligibleFrom({ birth_date: "2004-02-29", residence_since: "2020-06-01" }, "2020-09-09");
  assert.deepEqual(cf, { status: "eligible_from", date: "2021-03-01" });
  assert.deepEqual(rule.eligibleFrom({ birth_date: "1970-01-01" }, new Date(2020, 8, 9)), { status: "never" });
});

test("an agreement coming into force, as spans", () => {
  const rule = new Rule("agreement_in_force and age >= 17");
  const ctx = { agreement_in_force: [{ from: "2021-01-01", until: "2022-01-01" }] };
  assert.deepEqual(rule.eligibleFrom({ birth_date: "2000-01-01" }, "2020-09-09", ctx), { status: "eligible_from", date: "2021-01-01" });
});

test("settlingFacts", () => {
  const s = new Rule("care_status = resident and age >= 17").settlingFacts({ birth_date: "2000-01-01" }, "2020-09-09");
  assert.deepEqual(s, [{ fact: "care_status", could_make_eligible: true, could_make_ineligible: true }]);
});

test("VersionedRuleSet selects, pins and reports errors", () => {
  const vs = new VersionedRuleSet(
    "rule vokasi @2020 from 2020-01-01 until 2021-01-01 = age <= 35\nrule vokasi @2021 from 2021-01-01 = age <= 40\n",
  );
  const p = { birth_date: "1983-05-01" };
  const d = vs.evaluate("vokasi", p, "2021-06-01");
  assert.equal(d.decision.outcome, "eligible");
  assert.equal(d.version.label, "2021");
  assert.equal(d.version.until, null);
  assert.equal(vs.evaluate("vokasi@2020", p, "2021-06-01").decision.outcome, "ineligible");
  assert.throws(() => vs.evaluate("vokasi", p, "2019-01-01"), (e) => e.name === "BerdayaError" && e.code === "rule.version.none_in_force");
  const cf = vs.eligibleFrom("vokasi", p, "2020-06-01");
  assert.equal(cf.date, "2021-01-01");
  assert.equal(cf.version.label, "2021");
  const { rule, version } = vs.ruleOn("vokasi@2020", "2030-01-01");
  assert.equal(rule.name, "vokasi");
  assert.equal(version.label, "2020");
  assert.equal(VersionedRuleSet.fromJson(vs.toJson()).toText(), vs.toText());
  assert.throws(
    () => new VersionedRuleSet("rule a @1 from 2020-01-01 = age > 1\nrule a @2 from 2020-06-01 = age > 2"),
    (e) => e.code === "rule.invalid" && e.diagnostics[0].code === "rule.version.overlap",
  );
});

test("contextTimeline reads an agreement's spans from the registry", async () => {
  const { Registry, contextTimeline } = await import("berdaya");
  const reg = Registry.eastJava2020();
  const id = reg.agreementsInForceOn("2020-09-09")[0];
  const t = contextTimeline(reg, id);
  assert.ok(Array.isArray(t.agreement_in_force) && t.agreement_in_force.length > 0);
  assert.ok(t.agreement_in_force[0].from <= "2020-09-09");
  assert.throws(() => contextTimeline(reg, "no-such-pks"), (e) => e.code === "input.invalid");
});
