import { test } from "node:test";
import assert from "node:assert/strict";

import { Rule, RuleSet, check, Registry } from "berdaya";

test("undetermined names the missing input fact", () => {
  const d = new Rule("age between 18 and 45").evaluate({}, "2020-09-09");
  assert.equal(d.outcome, "undetermined");
  assert.deepEqual(d.missing, ["birth_date"]);
  assert.equal(String(d), "Decision(undetermined)");
});

test("compile errors throw BerdayaError with diagnostics; check() returns them", () => {
  try {
    new Rule("umur between 18 and 45");
    assert.fail("no error");
  } catch (e) {
    assert.equal(e.name, "BerdayaError");
    assert.equal(e.code, "rule.invalid");
    assert.equal(e.diagnostics[0].code, "rule.check.unknown_field");
    assert.equal(e.span.column, 1);
  }
  assert.equal(check("umur between 18 and 45")[0].code, "rule.check.unknown_field");
});

test("UTF-16 offsets for editors", () => {
  const src = "# 😀 catatan\numur >= 18";
  const [d] = check(src);
  assert.equal(src.slice(d.span.utf16_start, d.span.utf16_end), "umur");
});

test("a registered beneficiary can be evaluated", () => {
  const reg = Registry.eastJava2020();
  const rule = new RuleSet("rule r = care_status in [resident, alumnus] and age between 17 and 60").rule("r");
  const outcomes = new Set(reg.beneficiaryIds().map((id) => rule.evaluateBeneficiary(reg.beneficiary(id), "2020-09-09").outcome));
  assert.ok(outcomes.has("eligible"));
});

test("random sources give diagnostics or rules, never anything else", () => {
  let seed = 3;
  const rnd = (n) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const tokens = ["age", "and", "or", "not", "(", ")", "between", "18", "45", ">=", "=", "known", "disabilities", "has", "any", "of", "[", "]", ",", "rungu", "rule", "r", "\"35\"", "2020-09-09", "days", "#", "\n", "😀", "in", "education", "smp"];
  for (let i = 0; i < 3000; i++) {
    const src = Array.from({ length: rnd(12) }, () => tokens[rnd(tokens.length)]).join(" ");
    const diags = check(src);
    assert.ok(Array.isArray(diags));
    try {
      new Rule(src).evaluate({ birth_date: "1990-01-01" }, "2020-09-09");
    } catch (e) {
      assert.equal(e.name, "BerdayaError", `${JSON.stringify(src)}: ${e}`);
    }
  }
});
