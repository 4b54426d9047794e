import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";

import { Nik, Region, pseudonymize } from "berdaya";

test("the seed beneficiary's NIK", () => {
  const nik = new Nik("3504035203980001", "2020-09-09");
  assert.equal(nik.sex, "F");
  assert.equal(nik.birthDate, "1998-03-12");
  assert.equal(nik.regency.name, "Kabupaten Tulungagung");
  assert.equal(nik.district.code, "35.04.03");
  assert.equal(nik.reveal(), "3504035203980001");
});

test("no personal data in toString, JSON or inspect", () => {
  const nik = new Nik("3514140711950002", "2020-09-09");
  assert.equal(String(nik), "35**************");
  assert.equal(JSON.stringify({ nik }), '{"nik":"35**************"}');
  assert.ok(!inspect(nik).includes("1407"));
});

test("errors are BerdayaError with code, field and span", () => {
  try {
    new Nik("3514140711950000", "2020-09-09");
    assert.fail("no error");
  } catch (e) {
    assert.ok(e instanceof Error);
    assert.equal(e.name, "BerdayaError");
    assert.equal(e.code, "nik.zero_serial");
    assert.equal(e.field, "serial");
    assert.equal(e.span.start, 12);
    assert.equal(e.span.column, 13);
  }
});

test("a bad reference date is a BerdayaError too", () => {
  assert.throws(() => new Nik("3514140711950002", "9/9/2020"), { name: "BerdayaError", code: "input.bad_argument" });
});

test("pseudonyms are HMAC-SHA-256", async () => {
  const { createHmac } = await import("node:crypto");
  const nik = new Nik("3514140711950002", "2020-09-09");
  const key = new TextEncoder().encode("kunci rahasia dinas sosial");
  const oracle = createHmac("sha256", Buffer.from(key)).update("3514140711950002").digest("hex");
  assert.equal(pseudonymize(nik, key), oracle);
  assert.throws(() => pseudonymize(nik, new Uint8Array(15)), { code: "pseudonym.short_key" });
});

test("region codes in both spellings", () => {
  assert.equal(new Region("3520").code, "35.20");
  assert.ok(new Region("35.20").equals(new Region("3520")));
  assert.ok(new Region("35.73.04").isWithin(new Region("35")));
});

// Random strings: only documented errors, never anything else (a panic would be a RuntimeError).
test("random input never throws anything but BerdayaError", () => {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const alphabet = "0123456789 .-\u0661\uff10aZ\u00e9\ud83d\ude00";
  for (let i = 0; i < 3000; i++) {
    const len = Math.floor(rnd() * 20);
    let s = "";
    for (let j = 0; j < len; j++) s += alphabet[Math.floor(rnd() * alphabet.length)] ?? "0";
    if (rnd() < 0.5) s = "35" + "0123456789".repeat(2).slice(0, 14).split("").map((c) => (rnd() < 0.2 ? alphabet[Math.floor(rnd() * 10)] : c)).join("");
    for (const f of [() => new Nik(s, "2020-09-09"), () => new Region(s)]) {
      try {
        f();
      } catch (e) {
        assert.equal(e.name, "BerdayaError", `${JSON.stringify(s)} threw ${e}`);
        assert.match(e.code, /^(nik|region)\.[a-z_]+$/);
      }
    }
  }
});

test("a Date reference is read by its local calendar date", () => {
  const local = new Date(2020, 8, 9, 0, 0, 0); // midnight, local time
  const nik = new Nik("3578030909200001", local); // born 9 Sep 2020: only valid if the date is the 9th
  assert.equal(nik.birthDate, "2020-09-09");
  assert.throws(() => new Nik("3514140711950002", new Date("invalid")), { code: "input.bad_argument" });
  assert.throws(() => new Nik("3514140711950002", 20200909), { code: "input.bad_argument" });
});
