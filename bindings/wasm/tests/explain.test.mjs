import { test } from "node:test";
import assert from "node:assert/strict";

import { Rule, RuleSet } from "berdaya";

test("decision.explain in Indonesian and English", () => {
  const rule = new Rule("age >= 17 and days_in_care >= 180");
  const d = rule.evaluate({ birth_date: "2004-02-29", residence_since: "2020-03-01" }, "2020-09-09", undefined);
  const e = d.explain("id", "short");
  assert.equal(String(e), "Tidak memenuhi syarat: usia 16 tahun, kurang dari batas minimal 17 tahun.");
  assert.equal(d.explain(undefined, undefined).text, e.text, "defaults are id, short");
  const full = d.explain("en", "full");
  assert.deepEqual(full.sentences.map((s) => s.kind), ["outcome", "reason"]);
  assert.equal(full.sentences[1].clause, "age >= 17");
  assert.equal(full.toJSON().lang, "en");
  assert.throws(() => d.explain("fr", "short"), (err) => err.name === "BerdayaError" && err.code === "rule.explain.unknown_language" && err.field === "lang");
  assert.throws(() => d.explain("en", "long"), (err) => err.code === "rule.explain.unknown_form");
});

test("rule.sensitiveFacts lists personal facts through references", () => {
  const set = new RuleSet('rule a = disabilities has fisik\nrule b = a and nik_province = "35" and agreement_in_force');
  const facts = set.rule("b").sensitiveFacts();
  assert.deepEqual(facts.map((f) => [f.fact, f.class, f.specific]), [
    ["disabilities", "disability", true],
    ["nik_province", "nik_derived", false],
  ]);
  assert.equal(facts[0].name_id, "ragam disabilitas");
  assert.equal(set.sensitiveFacts().length, 2);
});
