// No memory growth over 10,000 repeated calls (issue 11). WebAssembly memory only grows, so
// `memoryBytes()` after a warm-up and after 10,000 more calls of the same kind must be equal up
// to allocator slack; a leak of 32 bytes a call would show as 320 KB. Handles are freed as an
// app should (`free()` or `using`); thrown errors must not leak either.
import { test } from "node:test";
import assert from "node:assert/strict";

import { Nik, Population, Registry, Rule, check, memoryBytes } from "berdaya";

const AS_OF = "2020-09-09";
const SLACK = 256 * 1024;

function steady(name, n, call) {
  for (let i = 0; i < 1000; i++) call(i);
  const before = memoryBytes();
  for (let i = 0; i < n; i++) call(i);
  const grown = memoryBytes() - before;
  console.log(`${name}: ${n} calls, linear memory ${before} -> ${before + grown} bytes`);
  assert.ok(grown <= SLACK, `${name}: memory grew by ${grown} bytes over ${n} calls`);
}

test("memoryBytes reports the linear memory", () => {
  assert.ok(memoryBytes() >= 65536);
  assert.equal(memoryBytes() % 65536, 0);
});

test("compile, decide, explain", () => {
  steady("rule+evaluate+explain", 10_000, (i) => {
    const rule = new Rule(`age between 18 and ${40 + (i % 20)} and disabilities has any of [rungu, netra]`);
    const d = rule.evaluate({ birth_date: "1995-11-07", disabilities: ["rungu"], nik: "3514140711950002" }, AS_OF);
    const e = d.explain(i % 2 ? "id" : "en", "full");
    assert.ok(e.text.length > 0);
    e.free();
    d.free();
    rule.free();
  });
});

test("errors thrown across the boundary", () => {
  steady("compile errors", 10_000, (i) => {
    assert.throws(() => new Rule(`age > ${i} and agee < 3`), (e) => e.name === "BerdayaError");
  });
  steady("check", 10_000, (i) => {
    assert.ok(check(`dtks_decile in [${i % 10}, x`).length > 0);
  });
  steady("nik errors", 10_000, (i) => {
    assert.throws(() => new Nik(`35141407119${i % 10}00002x`, AS_OF), (e) => e.name === "BerdayaError");
  });
});

test("batch evaluation", () => {
  const csv = Population.synthetic(50, 7, AS_OF).toCsv();
  const rule = new Rule("age >= 18 and care_status = resident");
  steady("fromCsv+evaluateBatch", 10_000, () => {
    const pop = Population.fromCsv(csv, AS_OF, undefined);
    const r = rule.evaluateBatch(pop, AS_OF);
    assert.equal(r.outcome.length, 50);
    pop.free();
  });
  rule.free();
});

test("registry snapshots", () => {
  const json = Registry.eastJava2020().toJson();
  steady("Registry.fromJson", 2_000, () => {
    const reg = Registry.fromJson(json);
    reg.free();
  });
});
