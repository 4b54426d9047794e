// `Population.fromRecords` (objects converted to columns in JS, then the core's column import)
// against the row-by-row import it replaced (`fromRecordsByRow`: every object deserialised
// into a typed row), on seeded random records with bad values (BERDAYA_PROPS_SEED,
// BERDAYA_PROPS_CASES): same `toCsv()`, same import report, same error codes and rows.
import { test } from "node:test";
import assert from "node:assert/strict";

import { Population, Rule } from "berdaya";

const SEED = Number(process.env.BERDAYA_PROPS_SEED ?? 20200909);
const CASES = Number(process.env.BERDAYA_PROPS_CASES ?? 400);

// mulberry32
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (xs) => xs[int(xs.length)];
  return { next, int, pick, chance: (p) => next() < p };
}

// Per column: [values both imports read alike (good ones, and bad ones that are import issues
// in both: NIKs, deciles out of range, regencies of another level, bad skills, missing and
// duplicate ids)], [values the row-by-row import rejected whole (`input.invalid`: a wrong
// type, or a string its typed row could not hold)].
const COLUMNS = {
  id: [["p1", "p2", "p3", "p4", " p5 ", "", "🧵", "a\u0000b"], [1, true, ["p1"]]],
  nik: [["3514140711950002", "3514144711950003", "3578010101900001", "3.51414E+15", "351414071195000",
    "3514140711950000", "3514000711950002", "35141407119500021", " 3514140711950002 ", "", null], [3514140711950002]],
  name: [["Siti", "Budi Santoso", "", "  ", "é", null], [1]],
  birth_date: [["1995-11-07", "2000-02-29", "1960-01-01", "2020-09-09", null], ["1995-02-30", "x", 19951107]],
  residence_since: [["2019-01-01", "2020-03-01", null], ["2019-13-01"]],
  discharged_on: [["2020-01-01", null], [{}]],
  sex: [["M", "F", "L", "P", "m", null], ["X", 1]],
  disabilities: [[[], ["physical"], ["rungu", "wicara"], ["mental", "intellectual"], ["sensory"], null], [["nope"], "physical", [1]]],
  care_status: [["resident", "alumnus", "none", "applicant", "warga_binaan", null], ["retired"]],
  upt_id: [["UPT-1", "UPT-2", " UPT-1 ", "", null], [7]],
  education: [["sma", "smp", "none", "bachelor", null], ["phd"]],
  dtks_decile: [[1, 3, 10, 0, 11, 255, null], [3.5, -1, "3"]],
  employment: [["unemployed", "employed", "self_employed", "employer", null], ["retired"]],
  skills: [[[], ["sewing"], ["Batik", "sewing"], ["batik", "batik"], ["a|b"], [" "], null], [[1], "sewing"]],
  regency: [["3520", "35.20", "3578", "35.20.01", "35", null], ["3x", 3520]],
};
const KEYS = Object.keys(COLUMNS);

function genRecord(r, badRate) {
  const rec = {};
  for (const k of KEYS) {
    if (r.chance(0.25)) continue;
    const [good, bad] = COLUMNS[k];
    rec[k] = r.chance(badRate) ? r.pick(bad) : r.pick(good);
  }
  // Other keys are ignored by both.
  if (r.chance(0.1)) rec[r.pick(["extra", "birthDate", "ID"])] = r.pick(["x", 1, null]);
  if (r.chance(0.05)) rec.skills = Array.from({ length: 70 }, (_, i) => `s${i}`);
  return rec;
}

function run(f) {
  try {
    const pop = f();
    return { csv: pop.toCsv(), report: pop.importReport };
  } catch (e) {
    assert.equal(e.name, "BerdayaError", `${e.name}: ${e.message}`);
    return { code: e.code, diagnostics: e.diagnostics };
  }
}

const CELL_CODES = new Set(["import.bad_date", "import.bad_sex", "import.bad_disability", "import.bad_care_status",
  "import.bad_education", "import.bad_decile", "import.bad_employment", "import.bad_regency"]);

test(`fromRecords through columns equals the row-by-row import on random records (seed ${SEED})`, () => {
  const r = rng(SEED);
  const seen = { same: 0, rejected: 0, invalidBoth: 0, nowIssues: 0 };
  for (let i = 0; i < CASES; i++) {
    const records = Array.from({ length: r.int(8) }, () => genRecord(r, r.pick([0, 0, 0.02])));
    const onError = r.pick(["skip_row", "reject_all", undefined]);
    const what = `case ${i} ${onError} ${JSON.stringify(records)}`;
    const old = run(() => Population.fromRecordsByRow(records, "2020-09-09", onError));
    const now = run(() => Population.fromRecords(records, "2020-09-09", onError));
    if (old.code !== "input.invalid") {
      assert.deepEqual(now, old, what);
      seen[old.code ? "rejected" : "same"]++;
    } else if (now.code === "input.invalid") {
      seen.invalidBoth++;
    } else {
      // A string the typed row could not hold is now a cell issue in its row, as in fromCsv.
      const issues = now.code ? now.diagnostics : now.report.issues;
      assert.ok(issues.some((d) => CELL_CODES.has(d.code)), `${what}: ${JSON.stringify(now)}`);
      seen.nowIssues++;
    }
  }
  if (process.env.BERDAYA_PROPS_VERBOSE) console.log(seen);
  // The cases cover each class.
  assert.ok(seen.same > CASES / 4 && seen.rejected > CASES / 10, JSON.stringify(seen));
  assert.ok(seen.invalidBoth > 0 && seen.nowIssues > 0, JSON.stringify(seen));
});

test("fromRecords: Dates by their local calendar date, undefined as unknown, types checked", () => {
  const iso = [
    { id: "a", birth_date: "1995-11-07", residence_since: "2019-01-02", dtks_decile: 3 },
    { id: "b", birth_date: "2000-02-29" },
  ];
  const dates = [
    { id: "a", birth_date: new Date(1995, 10, 7), residence_since: new Date(2019, 0, 2, 23, 59), dtks_decile: 3, name: undefined },
    { id: "b", birth_date: new Date(2000, 1, 29), sex: undefined },
  ];
  assert.equal(Population.fromRecords(dates, "2020-09-09").toCsv(), Population.fromRecords(iso, "2020-09-09").toCsv());
  // Date columns are encoded side by side, each with its own dictionary.
  const crossed = [
    { id: "a", birth_date: "1995-11-07", residence_since: "2019-01-02", discharged_on: "2019-01-02" },
    { id: "b", birth_date: "2019-01-02", residence_since: "1995-11-07", discharged_on: null },
    { id: "c", birth_date: "2019-01-02", residence_since: "2019-01-02", discharged_on: "1995-11-07" },
  ];
  assert.equal(Population.fromRecords(crossed, "2020-09-09").toCsv(), Population.fromRecordsByRow(crossed, "2020-09-09").toCsv());
  // NaN is an unknown decile (as pandas writes it).
  assert.equal(Population.fromRecords([{ id: "a", dtks_decile: NaN }], "2020-09-09").toCsv(),
    Population.fromRecords([{ id: "a" }], "2020-09-09").toCsv());
  for (const [records, message] of [
    [[{ id: 1 }], /record 1, `id`: expected a string or null, found a number/],
    [[{ id: "a", birth_date: new Date(NaN) }], /expected a valid Date/],
    [[{ id: "a", skills: ["x", 2] }], /`skills`: expected an array of strings, found a number/],
    [[null], /record 1: expected an object, found null/],
    ["not an array", /expected an array of objects, found a string/],
  ]) {
    assert.throws(() => Population.fromRecords(records, "2020-09-09"), (e) =>
      e.name === "BerdayaError" && e.code === "input.invalid" && e.field === "records" && message.test(e.message));
  }
  // Bad values are import issues with their row and column, as in fromCsv.
  const pop = Population.fromRecords([{ id: "a", birth_date: "07/11/1995", sex: "L" }, { id: "b", birth_date: "1995-02-30" }],
    "2020-09-09", "skip_row");
  assert.equal(pop.length, 1);
  assert.deepEqual(pop.importReport.issues.map((i) => [i.row, i.column, i.code]), [[2, "birth_date", "import.bad_date"]]);
});

test("fromColumns: arrays per column, typed arrays of day numbers and deciles", () => {
  const records = [
    { id: "a", birth_date: "1995-11-07", dtks_decile: 3, skills: ["batik"], sex: "F" },
    { id: "b", birth_date: null, dtks_decile: null, skills: null, sex: null },
    { id: "c", birth_date: "1970-01-01", dtks_decile: 10, skills: [], sex: "M" },
  ];
  const expected = Population.fromRecords(records, "2020-09-09").toCsv();
  const columns = Object.fromEntries(Object.keys(records[0]).map((k) => [k, records.map((r) => r[k])]));
  assert.equal(Population.fromColumns(columns, "2020-09-09").toCsv(), expected);
  const typed = {
    ...columns,
    birth_date: new Float64Array([9441, NaN, 0]),
    dtks_decile: new Float64Array([3, NaN, 10]),
  };
  assert.equal(Population.fromColumns(typed, "2020-09-09").toCsv(), expected);
  assert.equal(Population.fromColumns({ ...typed, birth_date: new Int32Array([9441, 0, 0]) }, "2020-09-09").length, 3);
  assert.throws(() => Population.fromColumns({ birth_date: ["1995-11-07"] }, "2020-09-09"), (e) =>
    e.code === "import.rejected" && e.diagnostics[0].code === "import.missing_column");
  assert.throws(() => Population.fromColumns({ id: ["a", "b"], sex: ["M"] }, "2020-09-09"), (e) => e.code === "input.invalid");
  assert.throws(() => Population.fromColumns({ id: ["a"], sex: new Float64Array(1) }, "2020-09-09"), (e) => e.code === "input.invalid");
  const rule = new Rule("age >= 18");
  assert.equal(rule.evaluateColumns(Population.fromColumns(typed, "2020-09-09"), "2020-09-09", undefined, "outcomes").counts.eligible, 2);
});
