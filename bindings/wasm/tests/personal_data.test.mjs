// Personal data never shows in String(x), `${x}` or util.inspect(x) of any exported class
// (issue 11). Every exported class must be registered in SAMPLES with a factory that builds
// instances holding a known NIK, name and birth date; the test fails when a new class is
// exported without being registered. (toJSON()/toJson() are explicit exports of the caller's
// own data and may carry it. The Rust side is crates/berdaya/tests/personal_data.rs.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";

import * as api from "berdaya";

const NIK = "3514140711950002";
const NAME = "Contoh Rahasia";
const BIRTH = "1995-11-07";
// the East Java registry holds pm-0001, "Contoh Satu", with the same NIK
const SECRETS = [NIK, NAME, BIRTH, "Rahasia", "Contoh Satu"];
const AS_OF = "2020-09-09";
const KEY = new TextEncoder().encode("0123456789abcdef-office-key");
const PERSON = { id: "pm-9", nik: NIK, name: NAME, birth_date: BIRTH, disabilities: ["rungu"] };

const registry = () => api.Registry.eastJava2020();
const decision = () => new api.Rule("age >= 18 and disabilities has rungu").evaluate(PERSON, AS_OF);
const versioned = () => new api.VersionedRuleSet("rule r @v1 from 2020-01-01 = age >= 18");

const SAMPLES = {
  Nik: () => [new api.Nik(NIK, AS_OF)],
  Region: () => [new api.Region("35.14")],
  Period: () => [new api.Period("2020-09-09", "2025-09-08")],
  Beneficiary: () => [new api.Beneficiary({ id: "pm-9", registered_on: AS_OF, nik: NIK, name: NAME, birth_date: BIRTH })],
  Registry: () => [registry()],
  Agreement: () => registry().agreementIds().map((id) => registry().agreement(id)),
  Facility: () => registry().facilityIds().map((id) => registry().facility(id)),
  Rule: () => [new api.Rule("age >= 18")],
  RuleSet: () => [new api.RuleSet("rule r = age >= 18")],
  VersionedRuleSet: () => [versioned()],
  Decision: () => [decision()],
  Explanation: () => [decision().explain("id", "full"), decision().explain("en", "short")],
  VersionedDecision: () => [versioned().evaluate("r", PERSON, AS_OF)],
  Population: () => [api.Population.fromRecords([PERSON], AS_OF, undefined)],
  RuleEligibility: () => [new api.RuleEligibility(registry())],
  Enrollments: () => [new api.Enrollments()],
  Outcomes: () => [new api.Outcomes()],
  Receipt: () => [api.Receipt.forRule(new api.Rule("age >= 18"), PERSON, AS_OF, "pm-9", KEY)],
};

const classes = () =>
  Object.keys(api)
    .filter((k) => typeof api[k] === "function" && /^[A-Z]/.test(k))
    .sort();

test("every exported class is registered", () => {
  const missing = classes().filter((k) => !(k in SAMPLES));
  assert.deepEqual(missing, [], `register these exported classes in SAMPLES: ${missing}`);
});

test("String, template literals and inspect show no personal data", () => {
  for (const name of classes()) {
    const objects = SAMPLES[name]();
    assert.ok(objects.length > 0, name);
    for (const obj of objects) {
      assert.ok(obj, name);
      for (const text of [String(obj), `${obj}`, inspect(obj, { depth: 4 })]) {
        const leaked = SECRETS.filter((s) => text.includes(s));
        assert.deepEqual(leaked, [], `${name}: ${text.slice(0, 200)}`);
      }
    }
  }
});
