// `Rule.evaluateColumns` (typed arrays) says row for row what `evaluateBatch` says.
import { test } from "node:test";
import assert from "node:assert/strict";

import { Population, Rule } from "berdaya";

const RULES = [
  "age between 18 and 45",
  "age between 18 and 45 and disabilities is not empty",
  "age between 17 and 40 and disabilities has any of [physical, sensory_hearing, sensory_speech] and (care_status = alumnus or (care_status = resident and days_in_care >= 180)) and education >= smp and nik_province = \"35\"",
  "employment in [unemployed, self_employed] and (dtks_decile <= 4 or not known(dtks_decile))",
  "skills has any of [batik, sewing] or (skills has handicraft and education >= sma)",
  "agreement_in_force and age >= 17",
  "true",
];

test("evaluateColumns equals evaluateBatch on every row (outcome, reason, missing)", () => {
  const pop = Population.synthetic(3000, 11, "2020-09-09");
  for (const src of RULES) {
    for (const ctx of [undefined, { agreement_in_force: true }]) {
      const rule = new Rule(src);
      const batch = rule.evaluateBatch(pop, "2020-09-09", ctx);
      const cols = rule.evaluateColumns(pop, "2020-09-09", ctx);
      assert.equal(cols.length, batch.id.length);
      assert.ok(cols.outcome instanceof Uint8Array && cols.reason instanceof Uint32Array && cols.missing instanceof Uint32Array);
      assert.deepEqual(cols.missingSets[0], []);
      const counts = { eligible: 0, ineligible: 0, undetermined: 0 };
      for (let i = 0; i < cols.length; i++) {
        const outcome = cols.outcomes[cols.outcome[i]];
        counts[outcome]++;
        assert.equal(outcome, batch.outcome[i], `${src} row ${i}`);
        const reason = cols.reason[i] === 0xffffffff ? undefined : cols.reasonTexts[cols.reason[i]];
        assert.equal(reason ?? null, batch.reason[i] ?? null, `${src} row ${i}`);
        assert.deepEqual(cols.missingSets[cols.missing[i]], batch.missing[i], `${src} row ${i}`);
      }
      assert.deepEqual(cols.counts, counts);
      const only = rule.evaluateColumns(pop, new Date(2020, 8, 9), ctx, "outcomes");
      assert.deepEqual([...only.outcome], [...cols.outcome]);
      assert.equal(only.reason, undefined);
    }
  }
  assert.throws(() => new Rule("true").evaluateColumns(pop, "2020-09-09", undefined, "all"), { name: "BerdayaError", code: "input.bad_argument" });
});
