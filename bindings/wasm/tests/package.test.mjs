// The npm package as a package: what `npm pack` ships, the Node entry, `Date` arguments read
// by their local calendar date in any time zone, and a module that keeps working after errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import init, * as berdaya from "berdaya";

const pkgDir = fileURLToPath(new URL("..", import.meta.url));

test("npm pack ships one .wasm, its glue, its types and the Node entry, nothing else", () => {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: pkgDir, encoding: "utf8" });
  const files = JSON.parse(out)[0].files.map((f) => f.path).sort();
  // The glue imports the JS that converts records to columns as a wasm-bindgen snippet.
  const snippet = "pkg/web/snippets/berdaya-wasm-HASH/js/columns.js";
  assert.deepEqual(files.map((f) => f.replace(/berdaya-wasm-[0-9a-f]+/, "berdaya-wasm-HASH")), [
    "README.md",
    "js/node.mjs",
    "package.json",
    "pkg/web/berdaya.d.ts",
    "pkg/web/berdaya.js",
    "pkg/web/berdaya_bg.wasm",
    snippet,
  ]);
  // Every module the glue imports is shipped.
  const glue = readFileSync(new URL("../pkg/web/berdaya.js", import.meta.url), "utf8");
  const imports = [...glue.matchAll(/^import .* from ["']\.\/([^"']+)["']/gm)].map((m) => `pkg/web/${m[1]}`);
  assert.ok(imports.length >= 1, "the glue imports its snippet");
  for (const i of imports) assert.ok(files.includes(i), i);
  // Every path that package.json points to is shipped.
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  const targets = [pkg.types, pkg.module, ...Object.values(pkg.exports["."]), pkg.exports["./berdaya_bg.wasm"]];
  for (const t of targets) assert.ok(files.includes(t.replace(/^\.\//, "")), t);
});

test("in Node the module is ready on import; the browser-style init() is harmless", async () => {
  assert.equal(typeof init, "function");
  await init();
  assert.equal(new berdaya.Region("3520").code, "35.20");
});

// Runs `code` in a fresh Node process with time zone `tz`; returns its stdout.
function inZone(tz, code) {
  return execFileSync(process.execPath, ["--input-type=module", "-e", code], {
    cwd: pkgDir,
    env: { ...process.env, TZ: tz },
    encoding: "utf8",
  }).trim();
}

test("a Date is read by its local calendar date: midnight in WIB (and UTC+14, UTC-10) is never the previous day", () => {
  const code = `
    import { Period, Rule, Nik } from "berdaya";
    const sep9 = new Period("2020-09-09", "2020-09-09");
    const out = [
      new Date(2020, 8, 9).getTimezoneOffset(),
      sep9.contains(new Date(2020, 8, 9)),              // 00:00 local
      sep9.contains(new Date(2020, 8, 9, 23, 59, 59)),  // last second of the day
      sep9.contains(new Date(2020, 8, 8, 23, 59, 59)),
      sep9.contains(new Date(2020, 8, 10)),
      // Born 9 Sep 2002: 18 on 9 Sep 2020 (a birthday on the date counts), 17 the day before.
      new Rule("age >= 18").evaluate({ birth_date: "2002-09-09" }, new Date(2020, 8, 9), undefined).outcome,
      new Nik("3578030909200001", new Date(2020, 8, 9)).birthDate,
    ];
    console.log(JSON.stringify(out));`;
  for (const [tz, offset] of [["Asia/Jakarta", -420], ["Pacific/Kiritimati", -840], ["Pacific/Honolulu", 600], ["UTC", 0]]) {
    const [off, ...rest] = JSON.parse(inZone(tz, code));
    assert.equal(off, offset, `${tz} is not applied by this Node build`);
    assert.deepEqual(rest, [true, true, false, false, "eligible", "2020-09-09"], tz);
  }
});

test("after every kind of error the module keeps working", () => {
  const { Nik, Population, Rule, RuleSet, Registry, check } = berdaya;
  const person = { birth_date: "1995-11-07", disabilities: ["physical"] };
  const rule = new Rule("age between 18 and 45 and disabilities is not empty");
  const failures = [
    () => new Nik("3514140711950000", "2020-09-09"),
    () => new Nik("3514140711950002", "9 Sep 2020"),
    () => new Rule("age >= "),
    () => new Rule("x".repeat(100000) + " >>> "),
    () => new RuleSet("rule a = b\nrule b = a"),
    () => rule.evaluate("not an object", "2020-09-09", undefined),
    () => rule.evaluate(person, new Date(NaN), undefined),
    () => rule.evaluate({ birth_date: "1995-02-30" }, "2020-09-09", undefined),
    () => rule.evaluate(person, "2020-09-09", { agreement_in_force: "yes" }),
    () => rule.evaluate(person, "2020-09-09", undefined).explain("fr", "short"),
    () => Population.fromCsv("id,birth_date\np1,bad\n", "2020-09-09", undefined),
    () => Population.fromCsv("name\nx\n", "2020-09-09", "skip_row"),
    () => Population.fromXlsx(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), "2020-09-09", undefined),
    () => Population.fromRecords([{ id: 1 }], "2020-09-09", undefined),
    () => Registry.fromJson("{"),
    () => Registry.eastJava2020().loadResidents("id,birth_date\npm-x,not-a-date\n"),
    () => rule.eligibleFromRow(Population.synthetic(3, 1, "2020-09-09"), 99, "2020-09-09", undefined),
    () => berdaya.contextOn({ agreement_in_force: 3 }, "2020-09-09"),
  ];
  for (const [i, f] of failures.entries()) {
    let thrown;
    try {
      f();
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown instanceof Error, `case ${i} did not throw an Error`);
    assert.equal(thrown.name, "BerdayaError", `case ${i}: ${thrown.name}: ${thrown.message}`);
    assert.match(thrown.code, /^[a-z]+(\.[a-z_]+)+$/, `case ${i}`);
    assert.ok(Array.isArray(thrown.diagnostics), `case ${i}`);
    // ...and the module still answers.
    assert.equal(rule.evaluate(person, "2020-09-09", undefined).outcome, "eligible", `after case ${i}`);
  }
  assert.equal(check("age >= ").length, 1);
  assert.equal(new Rule("age >= 18").evaluateBatch(Population.synthetic(1000, 7, "2020-09-09"), "2020-09-09").id.length, 1000);
});

test("an argument of a JS type its TypeScript type forbids throws in the glue; the module keeps working", () => {
  const { Nik, Rule, Population } = berdaya;
  const rule = new Rule("age >= 18");
  const wrong = [
    () => new Nik(42, "2020-09-09"),
    () => new Nik(null, "2020-09-09"),
    () => new Nik({}, "2020-09-09"),
    () => new Rule(["age >= 1"]),
    () => Population.fromCsv(true, "2020-09-09", undefined),
    () => rule.evaluate({}, "2020-09-09", undefined).explain(7, "short"),
    () => rule.evaluateBatch({ length: 3 }, "2020-09-09"),
    () => rule.decideRow(Population.synthetic(2, 1, "2020-09-09"), "0", "2020-09-09", undefined),
  ];
  for (const [i, f] of wrong.entries()) {
    assert.throws(f, (e) => e instanceof Error && !(e instanceof WebAssembly.RuntimeError), `case ${i}`);
    assert.equal(rule.evaluate({ birth_date: "2000-01-01" }, "2020-09-09", undefined).outcome, "eligible", `after case ${i}`);
  }
});

test("fromCsv reads `;`- and tab-separated files; another delimiter is a bad argument", () => {
  const { Population } = berdaya;
  for (const [d, text] of [[";", "id;birth_date;disabilities\np1;07/11/1995;fisik|rungu\n"], ["\t", "id\tbirth_date\tdisabilities\np1\t07/11/1995\tfisik|rungu\n"]]) {
    const pop = Population.fromCsv(text, "2020-09-09", undefined, d);
    assert.match(pop.toCsv(), /^id,.*\np1,,,1995-11-07,/s, JSON.stringify(d));
  }
  assert.throws(() => Population.fromCsv("id\n", "2020-09-09", undefined, ":"), { name: "BerdayaError", code: "input.bad_argument" });
});
