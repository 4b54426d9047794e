// Differential test (issue 11): berdaya in JS against a deliberately naive oracle.
//
// The cases come from conformance/oracle/differential.py (random rules, people and as-of dates,
// with the expectations of the independent Python re-implementation of the rule language in
// conformance/rules/oracle.py). Single-person `rule.evaluate` and the columnar `evaluateBatch`
// over a Population must both agree with it on every triple, and with each other on the first
// deciding clause. The seed is printed; rerun a failure with BERDAYA_DIFF_SEED=<seed>;
// BERDAYA_DIFF_GROUPS / BERDAYA_DIFF_PEOPLE scale the run (default 1,000 x 100 = 100,000).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

import { Population, Rule, RuleSet } from "berdaya";

const SEED = process.env.BERDAYA_DIFF_SEED ?? "20200909";
const GROUPS = process.env.BERDAYA_DIFF_GROUPS ?? "1000";
const PEOPLE = process.env.BERDAYA_DIFF_PEOPLE ?? "100";
const GENERATOR = fileURLToPath(new URL("../../../conformance/oracle/differential.py", import.meta.url));
// NIKs are validated against the import date; every pooled NIK is valid on it.
const IMPORT_DATE = "2031-01-01";

test("single and batch agree with the naive oracle", () => {
  console.log(`differential seed ${SEED}: ${GROUPS} groups x ${PEOPLE} people`);
  const python = process.env.PYTHON ?? "python3";
  const out = execFileSync(
    python,
    [GENERATOR, "--seed", SEED, "--groups", GROUPS, "--people", PEOPLE],
    { maxBuffer: 1 << 30, encoding: "utf8" },
  );
  const cases = JSON.parse(out);
  const mismatches = [];
  let triples = 0;
  cases.groups.forEach((group, g) => {
    if (mismatches.length > 20) return;
    const rule = group.rule ? new RuleSet(group.source).rule(group.rule) : new Rule(group.source);
    const where = `seed ${SEED} group ${g} rule ${JSON.stringify(group.source)} asOf ${group.as_of} context ${JSON.stringify(group.context)}`;
    const singles = group.people.map((person, i) => {
      const d = rule.evaluate(person, group.as_of, group.context).toJSON();
      triples += 1;
      const want = group.expect[i];
      if (d.outcome !== want.outcome || JSON.stringify([...d.missing].sort()) !== JSON.stringify(want.missing)) {
        mismatches.push(`${where} person ${JSON.stringify(person)}: single ${d.outcome} ${d.missing}, oracle ${JSON.stringify(want)}`);
      }
      return d;
    });
    if (group.single_only) return;
    const pop = Population.fromRecords(group.people, IMPORT_DATE);
    const batch = rule.evaluateBatch(pop, group.as_of, group.context);
    singles.forEach((d, i) => {
      const got = [batch.id[i], batch.outcome[i], batch.missing[i], batch.reason[i] ?? null];
      const want = [group.people[i].id, d.outcome, d.missing, d.reasons[0]?.clause ?? null];
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        mismatches.push(`${where} row ${i}: batch ${JSON.stringify(got)}, single ${JSON.stringify(want)}`);
      }
    });
    pop.free();
    rule.free();
  });
  assert.deepEqual(mismatches.slice(0, 20), [], `${mismatches.length} mismatches`);
  assert.ok(triples >= Number(GROUPS) * Number(PEOPLE));
});
