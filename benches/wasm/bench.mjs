// berdaya (WebAssembly, Node) against json-logic-js on the reference rules R1-R5 of
// BENCHMARK.md over 100,000 synthetic people, as of 2020-09-09, one thread.
//
//   scripts/build-wasm && (cd bindings/wasm && npm ci) && node benches/wasm/bench.mjs
//
// Env: BENCH_ROWS (100000), BENCH_RUNS (5), BERDAYA_WASM (another .wasm built from the same
// sources, e.g. to compare opt-levels; the glue of pkg/web is used with it).
//
// Measured, median of BENCH_RUNS (each a fresh run over all rows), CPU time of the process
// (BENCH_CLOCK=wall for wall time):
// - berdaya columnar: `rule.evaluateColumns(population, asOf, undefined, detail)` on a
//   Population built once, the result as typed arrays (`outcomes`: outcome per row and counts;
//   `full`: also the reason and missing inputs per row);
// - berdaya evaluateBatch: the row-per-entry result (ids, outcomes, reasons, missing as JS
//   arrays of strings);
// - berdaya end-to-end: `Population.fromRecords(records, asOf)` from the plain objects (converted
//   to columns in JS, each distinct value parsed once in wasm), then `evaluateColumns(..., "full")`;
//   and the same converting only the rule's columns (`fromRecords(records, asOf, undefined,
//   rule.inputColumns())`);
// - json-logic-js: `jsonLogic.apply(rule, record)` per record, counting `true`. json-logic has
//   no dates, so it gets records with `age`, `days_in_care` and `nik_province` already derived
//   in JS (that step is timed separately and NOT added to its time).
// The eligible counts of both engines must agree (an independent check of R1-R5).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const pkgUrl = new URL("../../bindings/wasm/", import.meta.url);
const wasmPath = process.env.BERDAYA_WASM ?? fileURLToPath(new URL("pkg/web/berdaya_bg.wasm", pkgUrl));
const glue = await import(new URL("pkg/web/berdaya.js", pkgUrl));
const wasmBytes = readFileSync(wasmPath);
let t0 = performance.now();
glue.initSync({ module: wasmBytes });
const instantiateMs = performance.now() - t0;
const { Population, RuleSet } = glue;
const jsonLogic = createRequire(new URL("package.json", pkgUrl))("json-logic-js");

const ROWS = Number(process.env.BENCH_ROWS ?? 100000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const AS_OF = "2020-09-09";

const RULES = new RuleSet(`
rule r1 "Usia kerja" = age between 18 and 45
rule r2 = r1 and disabilities is not empty
rule r3 "Pelatihan vokasional" =
    age between 17 and 40
    and disabilities has any of [physical, sensory_hearing, sensory_speech]
    and (care_status = alumnus or (care_status = resident and days_in_care >= 180))
    and education >= smp
    and nik_province = "35"
rule r4 = r3
    and employment in [unemployed, self_employed]
    and (dtks_decile <= 4 or not known(dtks_decile))
rule r5 = r4
    and (skills has any of [batik, sewing] or (skills has handicraft and education >= sma))
    and not (disabilities has all of [intellectual, mental])
`);

// The same rules in json-logic, over records with derived age, days_in_care, nik_province.
const v = (name) => ({ var: name });
const atLeast = (levels) => ({ in: [v("education"), levels] });
const SMP_UP = ["smp", "sma", "diploma", "bachelor", "master", "doctorate"];
const SMA_UP = ["sma", "diploma", "bachelor", "master", "doctorate"];
const hasAny = (field, values) => ({ some: [{ var: field }, { in: [{ var: "" }, values] }] });
const has = (field, value) => ({ in: [value, { var: field }] });
const known = (field) => ({ "!==": [v(field), null] });
const J1 = { and: [known("age"), { "<=": [18, v("age"), 45] }] };
const J2 = { and: [J1, { ">": [v("disabilities.length"), 0] }] };
const J3 = {
  and: [
    known("age"),
    { "<=": [17, v("age"), 40] },
    hasAny("disabilities", ["physical", "sensory_hearing", "sensory_speech"]),
    { or: [{ "==": [v("care_status"), "alumnus"] }, { and: [{ "==": [v("care_status"), "resident"] }, known("days_in_care"), { ">=": [v("days_in_care"), 180] }] }] },
    atLeast(SMP_UP),
    { "==": [v("nik_province"), "35"] },
  ],
};
const J4 = { and: [J3, { in: [v("employment"), ["unemployed", "self_employed"]] }, { or: [{ "==": [v("dtks_decile"), null] }, { "<=": [v("dtks_decile"), 4] }] }] };
const J5 = {
  and: [
    J4,
    { or: [hasAny("skills", ["batik", "sewing"]), { and: [has("skills", "handicraft"), atLeast(SMA_UP)] }] },
    { "!": { and: [has("disabilities", "intellectual"), has("disabilities", "mental")] } },
  ],
};
const JSON_LOGIC = { r1: J1, r2: J2, r3: J3, r4: J4, r5: J5 };

// Data: berdaya's seeded synthetic generator (population::synth), read back as plain objects.
const synth = Population.synthetic(ROWS, 2020, AS_OF);
const records = [];
for (let i = 0; i < synth.length; i++) records.push(synth.row(i));
synth.free();

const DAY = 86400000;
const asOfMs = Date.parse(AS_OF);
function derive(r) {
  let age = null;
  if (r.birth_date && r.birth_date <= AS_OF) {
    const [y, m, d] = r.birth_date.split("-").map(Number);
    // Completed years; a 29 February birthday is reached on 1 March (irrelevant on 9 September).
    age = 2020 - y - (m * 100 + d > 909 ? 1 : 0);
  }
  return {
    ...r,
    age,
    days_in_care: r.residence_since ? Math.round((asOfMs - Date.parse(r.residence_since)) / DAY) : null,
    nik_province: r.nik ? r.nik.slice(0, 2) : null,
  };
}
t0 = performance.now();
const derived = records.map(derive);
const deriveMs = performance.now() - t0;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// CPU time of this process (user + system) by default: the machines this runs on are shared,
// and wall time counts the time other processes hold the core. BENCH_CLOCK=wall for wall time.
const WALL = process.env.BENCH_CLOCK === "wall";
const clock = () => {
  if (WALL) return performance.now();
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const countEligible = (result) => result.outcome.reduce((n, o) => n + (o === "eligible"), 0);

// Each run calls every variant once in turn (interleaved), so that a burst of load from other
// processes falls on all of them alike; the median of RUNS per variant is reported.
function interleaved(variants) {
  const ms = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const out = {};
  for (let k = 0; k < RUNS; k++) {
    for (const [name, f] of Object.entries(variants)) {
      const t = clock();
      out[name] = f();
      ms[name].push(clock() - t);
    }
  }
  return Object.fromEntries(Object.keys(variants).map((k) => [k, { ms: median(ms[k]), out: out[k] }]));
}

const pop = Population.fromRecords(records, AS_OF);
const rows = [];
for (const name of ["r1", "r2", "r3", "r4", "r5"]) {
  const rule = RULES.rule(name);
  const logic = JSON_LOGIC[name];
  const inputs = rule.inputColumns();
  const m = interleaved({
    columnsOutcomes: () => rule.evaluateColumns(pop, AS_OF, undefined, "outcomes"),
    columnsFull: () => rule.evaluateColumns(pop, AS_OF, undefined, "full"),
    prepared: () => rule.evaluateBatch(pop, AS_OF),
    // every column of the objects converted
    endToEnd: () => {
      const p = Population.fromRecords(records, AS_OF);
      const r = rule.evaluateColumns(p, AS_OF, undefined, "full");
      p.free();
      return r;
    },
    // only the columns the rule reads (and id), as `rule.inputColumns()` names them
    endToEndRule: () => {
      const p = Population.fromRecords(records, AS_OF, undefined, inputs);
      const r = rule.evaluateColumns(p, AS_OF, undefined, "full");
      p.free();
      return r;
    },
    jsonLogic: () => {
      let n = 0;
      for (const r of derived) if (jsonLogic.apply(logic, r) === true) n++;
      return n;
    },
  });
  const eligible = countEligible(m.prepared.out);
  const others = [m.columnsOutcomes.out.counts.eligible, m.columnsFull.out.counts.eligible, m.endToEnd.out.counts.eligible,
    m.endToEndRule.out.counts.eligible, m.jsonLogic.out];
  if (others.some((n) => n !== eligible)) {
    console.error(`${name}: eligible counts differ: evaluateBatch ${eligible}, columns/end-to-end/rule columns/json-logic ${others}`);
    process.exitCode = 1;
  }
  rows.push({
    name, eligible, inputs, outcomes: m.columnsOutcomes.ms, full: m.columnsFull.ms, prepared: m.prepared.ms,
    endToEnd: m.endToEnd.ms, endToEndRule: m.endToEndRule.ms, jsonLogic: m.jsonLogic.ms,
  });
  rule.free();
}
// The import alone: through columns (every column) and row by row as before (`fromRecordsByRow`).
const imports = interleaved({
  columns: () => Population.fromRecords(records, AS_OF).free(),
  byRow: () => Population.fromRecordsByRow(records, AS_OF).free(),
});

const rate = (ms) => `${((ROWS / ms) * 1000 / 1e6).toFixed(2)} M/s`;
const gz = execFileSync("gzip", ["-9c", wasmPath], { maxBuffer: 64 << 20 }).length;
console.log(`berdaya ${glue.version()} (${wasmPath.split("/").slice(-3).join("/")}: ${wasmBytes.length} bytes, ${gz} gzipped), node ${process.version}`);
console.log(`${ROWS} rows as of ${AS_OF}, median of ${RUNS} runs (${WALL ? "wall" : "CPU"} time), 1 thread; instantiate ${instantiateMs.toFixed(1)} ms; json-logic derive step ${deriveMs.toFixed(0)} ms (not counted)`);
console.log("rule | eligible | columns, outcomes | columns, full | evaluateBatch (objects) | end-to-end from objects, all columns | end-to-end, the rule's columns | json-logic-js per row | json-logic ÷ columns (outcomes / full) | json-logic ÷ end-to-end (all / rule's columns)");
console.log("---|---|---|---|---|---|---|---|---|---");
const cell = (ms) => `${ms.toFixed(1)} ms (${rate(ms)})`;
for (const r of rows) {
  console.log(
    `${r.name.toUpperCase()} | ${r.eligible} | ${cell(r.outcomes)} | ${cell(r.full)} | ${cell(r.prepared)} | ${cell(r.endToEnd)} | ${cell(r.endToEndRule)} | ${cell(r.jsonLogic)} | ` +
      `${(r.jsonLogic / r.outcomes).toFixed(1)}× / ${(r.jsonLogic / r.full).toFixed(1)}× | ${(r.jsonLogic / r.endToEnd).toFixed(2)}× / ${(r.jsonLogic / r.endToEndRule).toFixed(2)}×`,
  );
}
for (const r of rows) console.log(`${r.name.toUpperCase()} reads ${r.inputs.join(", ")}`);
console.log(`import alone, every column: fromRecords ${cell(imports.columns.ms)}, the row-by-row import it replaced ${cell(imports.byRow.ms)}`);
