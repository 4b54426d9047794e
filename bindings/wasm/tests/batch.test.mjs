import { test } from "node:test";
import assert from "node:assert/strict";

import { Population, Rule } from "berdaya";

test("batch equals single, from columns of plain objects", () => {
  const records = [
    { id: "a", birth_date: "1995-11-07", disabilities: ["rungu"] },
    { id: "b", birth_date: "2010-01-01", disabilities: [] },
    { id: "c" },
  ];
  const pop = Population.fromRecords(records, "2020-09-09");
  assert.equal(pop.length, 3);
  const rule = new Rule("age >= 18 and disabilities is not empty");
  const r = rule.evaluateBatch(pop, "2020-09-09");
  assert.deepEqual(r.outcome, ["eligible", "ineligible", "undetermined"]);
  assert.deepEqual(r.missing[2], ["birth_date", "disabilities"]);
  for (const [i, rec] of records.entries()) {
    assert.equal(rule.evaluate(rec, "2020-09-09").outcome, r.outcome[i]);
  }
});

test("synthetic population and CSV round trip", () => {
  const pop = Population.synthetic(1000, 42, "2020-09-09");
  const again = Population.fromCsv(pop.toCsv(), "2020-09-09");
  assert.equal(again.toCsv(), pop.toCsv());
  const rule = new Rule("age between 18 and 45");
  assert.deepEqual(rule.evaluateBatch(again, "2020-09-09"), rule.evaluateBatch(pop, "2020-09-09"));
});

test("bad cells are all reported, NIKs masked", () => {
  const csv = "id,nik,birth_date\np1,3.51414E+15,31/02/1990\n";
  try {
    Population.fromCsv(csv, "2020-09-09");
    assert.fail("no error");
  } catch (e) {
    assert.equal(e.name, "BerdayaError");
    assert.equal(e.code, "import.rejected");
    assert.ok(e.diagnostics.length >= 2);
  }
  const pop = Population.fromCsv(csv, "2020-09-09", "skip_row");
  assert.equal(pop.length, 0);
  assert.deepEqual(pop.importReport.skipped_rows, [1]);
});

test("columnar batch equals single-person evaluation on the reference rules", async () => {
  const { readFile } = await import("node:fs/promises");
  const { RuleSet } = await import("berdaya");
  const src = await readFile(new URL("../../../conformance/rules/reference.rules", import.meta.url), "utf8");
  const rules = new RuleSet(src);
  const pop = Population.synthetic(2000, 7, "2020-09-09");
  const [head, ...lines] = pop.toCsv().trim().split("\n");
  const cols = head.split(",");
  assert.ok(!lines.some((l) => l.includes('"')), "synthetic CSV has no quoted cells");
  const records = lines.map((line) => {
    const rec = {};
    line.split(",").forEach((cell, i) => {
      const c = cols[i];
      if (cell === "") rec[c] = null;
      else if (c === "disabilities" || c === "skills") rec[c] = cell === "[]" ? [] : cell.split("|");
      else if (c === "dtks_decile") rec[c] = Number(cell);
      else rec[c] = cell;
    });
    return rec;
  });
  for (const name of ["r1", "r2", "r3", "r4", "r5"]) {
    const rule = rules.rule(name);
    const batch = rule.evaluateBatch(pop, "2020-09-09");
    records.forEach((rec, i) => {
      const d = rule.evaluate(rec, "2020-09-09").toJSON();
      assert.equal(batch.id[i], rec.id);
      assert.equal(batch.outcome[i], d.outcome, `${name} row ${i}`);
      assert.equal(batch.reason[i] ?? null, d.reasons[0]?.clause ?? null, `${name} row ${i}`);
      assert.deepEqual(batch.missing[i], d.missing, `${name} row ${i}`);
    });
  }
});

test("decideRow explains a batch row", () => {
  const pop = Population.synthetic(300, 3, "2020-09-09");
  const rule = new Rule("age between 18 and 45 and disabilities is not empty");
  const batch = rule.evaluateBatch(pop, "2020-09-09");
  const row = batch.outcome.indexOf("eligible");
  const d = rule.decideRow(pop, row, "2020-09-09");
  assert.equal(d.outcome, "eligible");
  assert.equal(d.reasons[0].clause, batch.reason[row]);
  assert.equal(rule.decideRow(pop, 300, "2020-09-09"), undefined);
});

test("Population.fromRegistry agrees with single-person decisions", async () => {
  const { Registry } = await import("berdaya");
  const reg = Registry.eastJava2020();
  const pop = Population.fromRegistry(reg, "2020-09-09");
  assert.equal(pop.length, 200);
  const rule = new Rule("care_status = alumnus and age between 17 and 45");
  const r = rule.evaluateBatch(pop, "2020-09-09");
  assert.deepEqual(r.id, reg.beneficiaryIds());
  r.id.forEach((id, i) => {
    const single = rule.evaluateBeneficiary(reg.beneficiary(id), "2020-09-09").outcome;
    assert.equal(r.outcome[i], single, id);
  });
  assert.ok(r.outcome.includes("eligible") && r.outcome.includes("ineligible"));
});
