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

test("queries at the edges of the calendar never panic", () => {
  const reg = Registry.eastJava2020();
  let seed = 7;
  const rnd = (n) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const dates = ["0001-01-01", "9999-12-31", "2020-02-29", "2025-09-08", "2025-09-09"];
  for (let i = 0; i < 300; i++) {
    const d = i < dates.length ? dates[i] : `${String(1 + rnd(9999)).padStart(4, "0")}-${String(1 + rnd(12)).padStart(2, "0")}-${String(1 + rnd(28)).padStart(2, "0")}`;
    reg.agreementsInForceOn(d);
    reg.agreementsExpiringWithin(d, rnd(2 ** 31));
    reg.agreementsExpiringWithin(d, 4294967295);
    reg.careCounts(d);
    for (const id of reg.agreementIds()) {
      const a = reg.agreement(id);
      a.statusOn(d);
      for (const op of [() => a.sign(d), () => a.terminate(d, "x"), () => a.resume(d)]) {
        try {
          op();
        } catch (e) {
          assert.equal(e.name, "BerdayaError", String(e));
        }
      }
    }
  }
});

test("random objects into constructors give only BerdayaError", () => {
  let seed = 11;
  const rnd = (n) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const leaves = [null, true, 0, -1, 2 ** 53, "x", "2020-09-09", "2020-02-30", "pks", "signed", [], {}];
  const keys = ["id", "kind", "title", "parties", "period", "history", "registered_on", "nik", "birth_date", "care", "on", "event"];
  const value = (depth) => {
    if (depth > 2 || rnd(3) === 0) return leaves[rnd(leaves.length)];
    if (rnd(2) === 0) return Array.from({ length: rnd(3) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: rnd(4) }, () => [keys[rnd(keys.length)], value(depth + 1)]));
  };
  for (let i = 0; i < 2000; i++) {
    const data = value(0);
    for (const make of [(x) => new Agreement(x), (x) => new Beneficiary(x)]) {
      try {
        make(data);
      } catch (e) {
        assert.equal(e.name, "BerdayaError", `${JSON.stringify(data)}: ${e}`);
      }
    }
  }
});
