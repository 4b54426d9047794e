import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { Population, Rule } from "berdaya";

const data = (name) =>
  new Uint8Array(readFileSync(new URL(`../../../crates/berdaya/tests/data/${name}`, import.meta.url)));

// Fixture rows are documented in crates/berdaya/tests/data/make_xlsx.py.
test("an office workbook: date cells, L/P, mangled NIKs reported", () => {
  const pop = Population.fromXlsx(data("office_2020.xlsx"), "2020-09-09", "skip_row");
  assert.equal(pop.length, 3);
  const report = pop.importReport;
  assert.equal(report.rows_read, 5);
  assert.deepEqual(report.skipped_rows, [2, 5]);
  assert.deepEqual(
    report.issues.map((i) => [i.row, i.column, i.code]),
    [
      [2, "nik", "import.nik_mangled"],
      [5, "nik", "import.nik_mangled"],
    ],
  );
  const csv = pop.toCsv().split("\n");
  assert.match(csv[1], /^p1,3514140711950002,Satu,1995-11-07,M,/);
  assert.match(csv[2], /^p3,3578016902000001,Tiga,2000-02-29,F,/);
  const r = new Rule("age >= 18").evaluateBatch(pop, "2020-09-09");
  assert.deepEqual(r.outcome, ["eligible", "eligible", "undetermined"]);
});

test("Excel's own form: shared strings and the 1904 date system", () => {
  const pop = Population.fromXlsx(data("shared_strings_1904.xlsx"), "2020-09-09", "skip_row");
  assert.equal(pop.length, 1);
  assert.match(pop.toCsv().split("\n")[1], /^p1,3578014509960001,,1996-09-05,F,/);
});

test("a file that is not a workbook is one clear error, and the module keeps working", () => {
  for (const bytes of [new TextEncoder().encode("id,nik\n"), new Uint8Array(0), data("office_2020.xlsx").slice(0, 999)]) {
    try {
      Population.fromXlsx(bytes, "2020-09-09");
      assert.fail("no error");
    } catch (e) {
      assert.equal(e.name, "BerdayaError");
      assert.equal(e.code, "import.rejected");
      assert.equal(e.diagnostics[0].code, "import.bad_xlsx");
    }
  }
  assert.equal(Population.fromXlsx(data("office_2020.xlsx"), "2020-09-09", "skip_row").length, 3);
});
