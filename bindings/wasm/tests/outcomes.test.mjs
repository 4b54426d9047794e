import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

import * as api from "berdaya";
import { Enrollments, Outcomes, Population, Registry, Rule, RuleEligibility, report, ruleChangeImpact, suppress } from "berdaya";

const batik = { agreement: "pks-2020-batik-wistara", commitment: "batik-training" };

function cohort() {
  const reg = Registry.eastJava2020();
  const rules = new RuleEligibility(reg);
  const ledger = new Enrollments();
  const residents = [
    ...reg.beneficiariesBy("upt-rsbd-pasuruan", "resident", "2020-09-09"),
    ...reg.beneficiariesBy("upt-rsbrw-pasuruan", "resident", "2020-09-09"),
  ].slice(0, 6);
  const ns = residents.map((b) => {
    const n = ledger.enrol(reg, rules, b, batik, "2020-09-09");
    ledger.activate(n, "2020-10-01");
    ledger.complete(reg, rules, n, "2021-03-31", undefined);
    return n;
  });
  return { reg, ledger, ns };
}

test("outcomes: record, refuse with codes, round trip", () => {
  const { reg, ledger, ns } = cohort();
  const out = new Outcomes();
  assert.equal(out.record(reg, ledger, ns[0], "2021-03-31", { kind: "completed_training" }), 1);
  assert.throws(
    () => out.record(reg, ledger, ns[0], "2020-09-01", { kind: "self_employed" }),
    (e) => e.name === "BerdayaError" && e.code === "outcome.before_enrollment" && e.field === "on",
  );
  assert.throws(
    () => out.record(reg, ledger, ns[0], "2021-05-01", { kind: "employer_of", employees: 0 }),
    (e) => e.name === "BerdayaError" && e.code === "input.invalid",
  );
  out.record(reg, ledger, ns[0], new Date(2021, 4, 3), { kind: "employed", partner: "batik-wistara" });
  assert.equal(out.length, 2);
  const copy = Outcomes.fromJSON(out.toJSON());
  assert.deepEqual(copy.records, out.records);
  const person = ledger.get(ns[0]).beneficiary;
  assert.deepEqual(out.timeline(person).map((r) => r.outcome.kind), ["completed_training", "employed"]);
  assert.equal(out.ofEnrollment(ns[0]).length, 2);
});

test("report: suppressed cells are null, options default", () => {
  const { reg, ledger, ns } = cohort();
  const out = new Outcomes();
  for (const n of ns) out.record(reg, ledger, n, "2021-04-05", { kind: "employed", partner: "batik-wistara" });
  const r = report(reg, ledger, out, "2021-09-09", undefined);
  assert.equal(r.min_cell, 5);
  const byAgreement = r.tables.find((t) => t.dimension === "agreement");
  const row = byAgreement.rows.find((x) => x.group === batik.agreement);
  assert.equal(row.filled, 6);
  assert.equal(row.committed, 30);
  const open = report(reg, ledger, out, "2021-09-09", { min_cell: 1 });
  for (const t of open.tables) {
    assert.equal(t.rows.reduce((s, x) => s + x.filled, 0), t.total.filled, t.dimension);
  }
  assert.deepEqual(suppress([3, 2, 5, 10], [[0, 1, 2, 3]], undefined, undefined), [true, true, false, false]);
});

test("ruleChangeImpact agrees with evaluateBatch", () => {
  const pop = Population.synthetic(300, 4, "2020-09-09");
  const before = new Rule("age between 18 and 35");
  const after = new Rule("age between 18 and 40");
  const impact = ruleChangeImpact(before, after, pop, "2020-09-09", undefined);
  const a = before.evaluateBatch(pop, "2020-09-09", undefined);
  const b = after.evaluateBatch(pop, "2020-09-09", undefined);
  const gains = a.id.filter((_, i) => b.outcome[i] === "eligible" && a.outcome[i] !== "eligible");
  assert.deepEqual(impact.gains.ids, gains);
  assert.equal(impact.losses.count, 0);
  assert.equal(impact.transitions.reduce((s, t) => s + t.count, 0), 300);
});

test("docs/reports.md JavaScript blocks run", () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const text = readFileSync(join(here, "..", "..", "..", "docs", "reports.md"), "utf8");
  const blocks = [...text.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(blocks.length > 0);
  for (const block of blocks) {
    const body = block.replace(/^import .*$/gm, "");
    new Function("api", `const { ${Object.keys(api).filter((k) => /^[A-Za-z_]\w*$/.test(k) && k !== "default").join(", ")} } = api;\n${body}`)(api);
  }
});
