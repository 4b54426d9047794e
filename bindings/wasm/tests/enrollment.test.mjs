import { test } from "node:test";
import assert from "node:assert/strict";

import { readFileSync, writeFileSync, rmSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { Enrollments, Registry, Rule, RuleEligibility, allocate, applicantsFromRegistry } from "berdaya";

const JOBS = { agreement: "pks-a", commitment: "jobs" };
const RULE = "age between 18 and 45";

function registry(rule = RULE) {
  return Registry.fromJson(
    JSON.stringify({
      schema_version: 1,
      agencies: [{ id: "dinsos-jatim", name: "Dinas Sosial", level: "province", region: "35" }],
      partners: [{ id: "mitra", name: "Mitra", kind: "business", ownership: "private", region: "35.78" }],
      agreements: [
        {
          id: "pks-a",
          kind: "pks",
          title: "PKS TENTANG UJI",
          parties: [
            { party: { agency: "dinsos-jatim" }, signatory: { name: "A", position: "Kepala" } },
            { party: { partner: "mitra" }, signatory: { name: "B", position: "Direktur" } },
          ],
          commitments: [
            {
              id: "jobs",
              by: { partner: "mitra" },
              service: "employment",
              capacity: { places: 1, unit: "jobs", basis: "concurrent" },
              eligibility: rule,
            },
          ],
          period: { from: "2020-09-09", until: "2022-09-08" },
          history: [
            { on: "2020-08-01", event: "negotiated" },
            { on: "2020-08-02", event: "approved" },
            { on: "2020-09-09", event: "signed" },
          ],
        },
      ],
      beneficiaries: [
        { id: "pm-1", registered_on: "2020-01-01", birth_date: "2000-03-01" }, // 20 on 2021-01-01
        { id: "pm-2", registered_on: "2020-01-01", birth_date: "1965-01-01" }, // 56
        { id: "pm-3", registered_on: "2020-01-01" }, // age unknown
        { id: "pm-4", registered_on: "2020-01-01", birth_date: "1990-06-15" }, // 30
      ],
    }),
  );
}

const ON = "2021-01-01";

function code(f) {
  try {
    f();
  } catch (e) {
    assert.equal(e.name, "BerdayaError");
    return e.code;
  }
  assert.fail("no error");
}

test("the ledger with the commitments' rules", () => {
  const reg = registry();
  const rules = new RuleEligibility(reg);
  const version = new Rule(RULE).contentHash;
  assert.deepEqual(rules.rules(), [{ agreement: "pks-a", commitment: "jobs", rule_version: version }]);
  assert.deepEqual(rules.decide(reg.beneficiary("pm-3"), JOBS, ON), {
    outcome: "undetermined",
    missing: ["birth_date"],
    rule_version: version,
  });
  const ledger = new Enrollments();
  assert.equal(ledger.enrol(reg, rules, "pm-1", JOBS, ON), 1);
  assert.equal(ledger.get(1).rule_version, version);
  assert.equal(code(() => ledger.enrol(reg, rules, "pm-2", JOBS, ON)), "enrollment.not_eligible");
  assert.equal(code(() => ledger.enrol(reg, rules, "pm-3", JOBS, ON)), "enrollment.needs_information");
  assert.deepEqual(ledger.needsInformation[0].missing, ["birth_date"]);
  assert.deepEqual(ledger.enrolOrWait(reg, rules, "pm-4", JOBS, ON), { outcome: "waitlisted", position: 1 });
  assert.equal(ledger.waitlistPosition("pm-4", JOBS), 1);
  assert.equal(ledger.placesLeft(reg, JOBS, ON), 0);
  ledger.activate(1, "2021-02-01");
  assert.deepEqual(ledger.dropOut(reg, rules, 1, new Date(2021, 2, 1), "withdrawn"), [
    { outcome: "enrolled", beneficiary: "pm-4", enrollment: 2 },
  ]);
  assert.deepEqual(
    ledger.enrollments.map((e) => e.state),
    ["dropped", "registered"],
  );
  const again = Enrollments.fromJSON(ledger.toJSON());
  assert.deepEqual(again.toJSON(), ledger.toJSON());
  assert.equal(again.length, 2);
});

test("a broken rule names the commitment", () => {
  try {
    new RuleEligibility(registry("age betwen 18 and 45"));
    assert.fail("no error");
  } catch (e) {
    assert.equal(e.name, "BerdayaError");
    assert.equal(e.code, "eligibility.rule_invalid");
    assert.equal(e.field, "eligibility");
    assert.match(e.message, /`pks-a\/jobs`/);
    assert.equal(e.span.line, 1);
    assert.ok(e.diagnostics.length > 0);
  }
});

test("a failing eligibility function leaves the ledger unchanged", () => {
  const reg = registry();
  const ledger = new Enrollments();
  const boom = () => {
    throw new TypeError("boom");
  };
  assert.throws(() => ledger.enrol(reg, boom, "pm-3", JOBS, ON), TypeError);
  assert.deepEqual(ledger.toJSON(), new Enrollments().toJSON());
  assert.equal(code(() => ledger.enrol(reg, () => ({ outcome: "maybe" }), "pm-3", JOBS, ON)), "input.invalid");
  assert.equal(code(() => ledger.enrol(reg, {}, "pm-3", JOBS, ON)), "input.bad_argument");
  const freed = new RuleEligibility(reg);
  freed.free();
  assert.equal(code(() => ledger.enrol(reg, freed, "pm-1", JOBS, ON)), "input.bad_argument");
  assert.equal(ledger.length, 0);
});

test("allocation against the registry", () => {
  const reg = registry();
  const rules = new RuleEligibility(reg);
  const applicants = applicantsFromRegistry(reg, ["pm-1", "pm-2", "pm-3", "pm-4"], [JOBS], rules, ON);
  const out = allocate({ seed: "s", commitments: [{ ...JOBS, places: 1 }], applicants, priorities: [] });
  // pm-1 and pm-4 eligible, pm-2 too old, pm-3 undetermined
  assert.equal(out.commitments[0].applicants, 2);
  assert.ok(["pm-1", "pm-4"].includes(out.placements[0].beneficiary));
  assert.deepEqual(
    out.needs_information.map((n) => n.beneficiary),
    ["pm-3"],
  );
  assert.equal(code(() => applicantsFromRegistry(reg, ["pm-9"], [JOBS], rules, ON)), "allocation.unknown_beneficiary");
});

test("docs/enrollment.md js blocks run", async () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const doc = readFileSync(join(here, "..", "..", "..", "docs", "enrollment.md"), "utf8");
  const blocks = [...doc.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(blocks.length > 0);
  const original = console.assert;
  console.assert = (ok, ...msg) => {
    if (!ok) throw new Error(`docs assertion failed ${msg.join(" ")}`);
  };
  try {
    for (const [i, block] of blocks.entries()) {
      const file = join(here, `.enrollment-doc-${i}.mjs`);
      writeFileSync(file, block);
      try {
        await import(pathToFileURL(file).href);
      } finally {
        rmSync(file);
      }
    }
  } finally {
    console.assert = original;
  }
});
