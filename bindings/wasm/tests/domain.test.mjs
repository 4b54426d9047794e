import { test } from "node:test";
import assert from "node:assert/strict";

import { Registry, Agreement, Beneficiary } from "berdaya";

test("the East Java scenario: five PKS in force on the signing day, none ten years later", () => {
  const reg = Registry.eastJava2020();
  assert.equal(reg.agreementsInForceOn("2020-09-09").length, 5);
  assert.equal(reg.agreementsInForceOn("2030-01-01").length, 0);
  // family visits closed during the pandemic
  assert.ok(reg.facilitiesClosedTo("family", "2020-09-09").length > 0);
  assert.deepEqual(reg.facilitiesClosedTo("official", "2020-09-09"), []);
});

test("snapshot round trip", () => {
  const reg = Registry.eastJava2020();
  const again = Registry.fromJson(reg.toJson());
  assert.equal(again.toJson(), reg.toJson());
  assert.throws(() => Registry.fromJson('{"schema_version": 999}'), { code: "snapshot.unsupported_version" });
  assert.throws(() => Registry.fromJson("{"), (e) => e.name === "BerdayaError" && e.code.startsWith("snapshot."));
});

test("illegal lifecycle transitions throw and change nothing", () => {
  const reg = Registry.eastJava2020();
  const id = reg.agreementIds()[0];
  const a = reg.agreement(id);
  const before = JSON.stringify(a.toJSON());
  assert.throws(() => a.sign("2020-09-10"), { name: "BerdayaError", code: "agreement.illegal_transition" });
  assert.equal(JSON.stringify(a.toJSON()), before);
});

test("beneficiaries print no personal data", () => {
  const b = new Beneficiary({ id: "pm-9", registered_on: "2020-09-09", nik: "3514140711950002", name: "Nama Rahasia" });
  assert.equal(String(b), "Beneficiary(pm-9)");
  assert.equal(JSON.stringify({ b }), '{"b":"pm-9"}');
  assert.equal(b.derived("2020-09-09").age ?? null, null);
  assert.equal(b.toData().name, "Nama Rahasia");
});
