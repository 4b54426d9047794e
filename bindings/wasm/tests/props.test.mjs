// Random inputs through the JS API (a seeded generator; set BERDAYA_PROPS_SEED and
// BERDAYA_PROPS_CASES to explore): every call either answers or throws a BerdayaError with a
// documented code, diagnostics point inside the input (UTF-16), and the module keeps working.
import { test } from "node:test";
import assert from "node:assert/strict";

import { Nik, Population, Registry, Rule, RuleSet, check } from "berdaya";

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

// Documented codes (docs/rules.md, the population module, the snapshot module, errors.rs).
const IMPORT_CODES = new Set([
  "import.bad_care_status", "import.bad_csv", "import.bad_date", "import.bad_decile", "import.bad_disability",
  "import.bad_education", "import.bad_employment", "import.bad_field_count", "import.bad_json", "import.bad_regency",
  "import.bad_sex", "import.bad_skill", "import.bad_type", "import.bad_xlsx", "import.duplicate_column",
  "import.duplicate_id", "import.io", "import.missing_column", "import.missing_id", "import.nik_mangled",
  "import.too_many_skills",
]);
const isImportIssueCode = (c) => IMPORT_CODES.has(c) || /^nik\.[a-z_]+$/.test(c);

function expectBerdayaError(f, codeOk, what) {
  try {
    return { value: f() };
  } catch (e) {
    assert.ok(e instanceof Error, `${what}: threw a non-Error ${e}`);
    assert.equal(e.name, "BerdayaError", `${what}: ${e.name}: ${e.message}`);
    assert.ok(codeOk(e.code), `${what}: undocumented code ${e.code}`);
    assert.ok(Array.isArray(e.diagnostics), what);
    assert.ok(!/\n/.test(e.message), `${what}: message of several lines`);
    return { error: e };
  }
}

const FACTS = ["age", "birth_date", "sex", "disabilities", "disability_count", "multiplicity", "care_status", "upt_id",
  "residence_since", "days_in_care", "discharged_on", "days_since_discharge", "education", "dtks_decile", "employment",
  "skills", "certificates", "ppks", "nik_province", "nik_regency", "domicile_regency", "domicile_province",
  "agreement_in_force", "partner_kind", "nope", "usia"];
const VALUES = ["17", "-3", "0", "99999999999999999999", "2020-02-29", "2021-02-29", "as_of - 1 year", "as_of + 3 bulan",
  "physical", "rungu", "alumnus", "eks", "sma", "smp", "\"35\"", "\"35.20\"", "3520", "true", "false", "batik", "\"🧵\"",
  "[physical, mental]", "[]", "[sewing, batik,]", "M", "P"];
const OPS = ["=", "!=", "<", "<=", ">", ">=", "in", "not in", "has", "has any of", "has all of", "has none of", "between"];

// Clauses that type-check, so that many random rules compile and run.
const TYPED = [
  (r) => `age ${r.pick(["<", "<=", ">", ">=", "=", "!="])} ${r.int(90)}`,
  (r) => `age between ${r.int(30)} and ${30 + r.int(50)}`,
  (r) => `disabilities has ${r.pick(["any", "all", "none"])} of [${r.pick(["physical", "rungu, wicara", "intellectual, mental", "sensory"])}]`,
  (r) => `disabilities is ${r.pick(["", "not "])}empty`,
  (r) => `care_status ${r.pick(["=", "!="])} ${r.pick(["resident", "alumnus", "eks", "none"])}`,
  (r) => `days_in_care >= ${r.int(400)}`,
  (r) => `education ${r.pick([">=", "<", "="])} ${r.pick(["sd", "smp", "sma", "s1"])}`,
  (r) => `(dtks_decile <= ${1 + r.int(10)} or not known(dtks_decile))`,
  (r) => `employment in [${r.pick(["unemployed", "unemployed, self_employed", "bekerja"])}]`,
  (r) => `skills has ${r.pick(["batik", "sewing", "\"🧵 jahit\""])}`,
  (r) => `nik_province = "${r.pick(["35", "32"])}"`,
  (r) => `birth_date ${r.pick(["<", ">="])} ${r.pick(["2000-01-01", "as_of - 17 years", "as_of - 2 tahun + 3 hari"])}`,
  (r) => `default(dtks_decile, ${1 + r.int(10)}) <= 4`,
  (r) => "agreement_in_force",
];

function genExpr(r, depth = 0) {
  if ((depth > 3 || r.chance(0.4)) && r.chance(0.6)) return r.pick(TYPED)(r);
  if (depth > 3 || r.chance(0.4)) {
    const f = r.pick(FACTS);
    switch (r.int(6)) {
      case 0: return `known(${f})`;
      case 1: return `${f} is ${r.chance(0.5) ? "not " : ""}empty`;
      case 2: return `${f} between ${r.pick(VALUES)} and ${r.pick(VALUES)}`;
      case 3: return `default(${f}, ${r.pick(VALUES)}) ${r.pick(OPS)} ${r.pick(VALUES)}`;
      default: return `${f} ${r.pick(OPS)} ${r.pick(VALUES)}`;
    }
  }
  const a = genExpr(r, depth + 1);
  const b = genExpr(r, depth + 1);
  return r.pick([`${a} and ${b}`, `${a} or ${b}`, `not (${a})`, `(${a})`, `${a} and not ${b}`]);
}

function mutate(r, s) {
  const junk = ["(", ")", "\"", "#", "\n", "é", "🧵", "=", "and", " ", "[", ",", "\u0000", "\\"];
  for (let k = r.int(3); k > 0; k--) {
    const at = r.int(s.length + 1);
    s = r.chance(0.5) ? s.slice(0, at) + r.pick(junk) + s.slice(at) : s.slice(0, at) + s.slice(at + 1 + r.int(3));
  }
  return s;
}

function genSource(r) {
  if (r.chance(0.3)) {
    const n = 1 + r.int(3);
    const names = ["a", "b", "c"].slice(0, n);
    return names.map((nm, i) => `rule ${nm}${r.chance(0.3) ? ' "Judul"' : ""} = ${genExpr(r)}${i > 0 && r.chance(0.5) ? ` and ${names[r.int(n)]}` : ""}`).join("\n");
  }
  const src = genExpr(r);
  return r.chance(0.5) ? mutate(r, src) : src;
}

function genValue(r, depth = 0) {
  switch (r.int(depth > 1 ? 7 : 9)) {
    case 0: return null;
    case 1: return r.int(200) - 50;
    case 2: return r.pick(["2004-02-29", "1995-11-07", "2020-13-01", "07/11/1995", "", "sma", "rungu", "3520", "35.20", "🧵", "M"]);
    case 3: return r.chance(0.5);
    case 4: return r.next() * 1e6;
    case 5: return undefined;
    case 6: return "x".repeat(r.int(40));
    case 7: return Array.from({ length: r.int(4) }, () => genValue(r, depth + 1));
    default: return { nested: genValue(r, depth + 1) };
  }
}

function genFacts(r) {
  const keys = ["birth_date", "sex", "disabilities", "care_status", "residence_since", "discharged_on", "education",
    "dtks_decile", "employment", "skills", "regency", "nik", "ppks", "certificates", "upt_id", "unknown_key"];
  const good = {
    birth_date: () => r.pick(["1995-11-07", "2004-02-29", "2020-09-10"]),
    sex: () => r.pick(["M", "F", "L", "P"]),
    disabilities: () => r.pick([[], ["physical"], ["rungu", "wicara"], ["intellectual", "mental"]]),
    care_status: () => r.pick(["resident", "alumnus", "none", "eks"]),
    education: () => r.pick(["sd", "smp", "sma", "s1"]),
    dtks_decile: () => 1 + r.int(10),
    skills: () => r.pick([[], ["batik"], ["sewing", "handicraft"]]),
    nik: () => r.pick(["3514140711950002", "3204014210036417"]),
  };
  const facts = {};
  for (const k of keys) {
    if (r.chance(0.5)) continue;
    facts[k] = good[k] && r.chance(0.7) ? good[k]() : genValue(r);
  }
  return facts;
}

function genDate(r) {
  return r.pick([
    () => "2020-09-09",
    () => `${1900 + r.int(200)}-${String(1 + r.int(13)).padStart(2, "0")}-${String(1 + r.int(31)).padStart(2, "0")}`,
    () => new Date(2000 + r.int(40), r.int(12), 1 + r.int(28)),
    () => new Date(NaN),
    () => "9/9/2020",
    () => "",
  ])();
}

test(`random rules: check, compile, evaluate, explain, print (seed ${SEED}, ${CASES} cases)`, () => {
  const r = rng(SEED);
  let compiled = 0;
  for (let i = 0; i < CASES; i++) {
    const src = genSource(r);
    const what = `case ${i} ${JSON.stringify(src)}`;
    const diags = check(src);
    assert.ok(Array.isArray(diags), what);
    for (const d of diags) {
      assert.ok(d.span.utf16_start <= d.span.utf16_end && d.span.utf16_end <= src.length, `${what}: span ${JSON.stringify(d.span)}`);
      assert.ok(d.span.start <= d.span.end && d.span.end <= Buffer.byteLength(src), `${what}: byte span`);
      assert.match(d.code, /^rule\.[a-z_.]+$/, what);
    }
    const errors = diags.filter((d) => d.severity === "error").map((d) => d.code);
    const { value: rule, error } = expectBerdayaError(() => new Rule(src), (c) => c === "rule.invalid", what);
    if (error) {
      assert.ok(errors.length > 0, `${what}: check found no error but compiling failed`);
      assert.deepEqual(error.diagnostics.filter((d) => d.severity === "error").map((d) => d.code), errors, what);
      continue;
    }
    assert.deepEqual(errors, [], `${what}: check found errors but it compiled`);
    compiled++;
    // Printing is a fixpoint.
    const text = rule.toText();
    assert.equal(new Rule(text).toText(), text, what);
    for (let k = 0; k < 3; k++) {
      const facts = genFacts(r);
      const asOf = genDate(r);
      const ctx = r.chance(0.3) ? { agreement_in_force: genValue(r), partner_kind: genValue(r) } : undefined;
      const { value: d } = expectBerdayaError(
        () => rule.evaluate(facts, asOf, ctx),
        (c) => c === "input.invalid" || c === "input.bad_argument",
        `${what} facts ${JSON.stringify(facts)} asOf ${asOf} ctx ${JSON.stringify(ctx)}`,
      );
      if (!d) continue;
      assert.ok(["eligible", "ineligible", "undetermined"].includes(d.outcome), what);
      const lang = r.pick(["id", "en", undefined, "fr", ""]);
      const form = r.pick(["short", "full", undefined, "long"]);
      const { value: e } = expectBerdayaError(() => d.explain(lang, form), (c) => /^rule\.explain\.unknown_(language|form)$/.test(c), what);
      if (e) assert.ok(e.text.length > 0, what);
      expectBerdayaError(() => rule.eligibleFrom(facts, asOf, undefined), (c) => c.startsWith("input."), what);
    }
  }
  assert.ok(compiled > CASES / 10, `only ${compiled} of ${CASES} random rules compiled`);
});

test(`random CSV, XLSX bytes, records and snapshots: only documented import and snapshot errors (seed ${SEED})`, () => {
  const r = rng(SEED + 1);
  const columns = ["id", "nik", "name", "birth_date", "sex", "disabilities", "care_status", "upt_id", "residence_since",
    "discharged_on", "education", "dtks_decile", "employment", "skills", "regency", "extra"];
  const cell = () =>
    r.pick(["", "p1", "3514140711950002", "3.51414E+15", "1995-11-07", "07/11/1995", "1995-02-30", "M", "P", "X",
      "physical|rungu", "[]", "fisik;mental", "warga_binaan", "sma", "11", "3.0", "NaN", "3520", "99.99", "\"a,b\"", "🧵", "\"", "a\nb"]);
  const rule = new Rule("age between 18 and 45 and disabilities is not empty");
  for (let i = 0; i < CASES / 2; i++) {
    const header = Array.from({ length: 1 + r.int(6) }, () => r.pick(columns));
    if (r.chance(0.8) && !header.includes("id")) header.unshift("id");
    const lines = [header.join(",")];
    for (let k = r.int(6); k > 0; k--) lines.push(Array.from({ length: header.length + (r.chance(0.1) ? 1 : 0) }, cell).join(","));
    const csv = lines.join(r.pick(["\n", "\r\n"]));
    const onError = r.pick(["reject_all", "skip_row", undefined, "ignore"]);
    const what = `csv case ${i} ${JSON.stringify(csv)} ${onError}`;
    const { value: pop, error } = expectBerdayaError(
      () => Population.fromCsv(csv, genDate(r), onError),
      (c) => c === "import.rejected" || c === "input.bad_argument",
      what,
    );
    if (error) {
      for (const d of error.diagnostics) assert.ok(isImportIssueCode(d.code), `${what}: issue code ${d.code}`);
      continue;
    }
    for (const issue of pop.importReport.issues) {
      assert.ok(isImportIssueCode(issue.code), `${what}: issue code ${issue.code}`);
      if (issue.column === "nik" || issue.column === "name") assert.ok(!/\d{5}/.test(issue.value), `${what}: unmasked ${issue.value}`);
    }
    const batch = rule.evaluateBatch(pop, "2020-09-09");
    assert.equal(batch.id.length, pop.length, what);
    assert.equal(Population.fromCsv(pop.toCsv(), "2020-09-09", undefined).toCsv(), pop.toCsv(), `${what}: export round trip`);
  }
  for (let i = 0; i < CASES / 4; i++) {
    const bytes = new Uint8Array(r.int(300));
    for (let k = 0; k < bytes.length; k++) bytes[k] = r.int(256);
    if (r.chance(0.5)) bytes.set([0x50, 0x4b, 0x03, 0x04].slice(0, bytes.length));
    expectBerdayaError(() => Population.fromXlsx(bytes, "2020-09-09", undefined), (c) => c === "import.rejected", `xlsx case ${i}`);
  }
  for (let i = 0; i < CASES / 4; i++) {
    const records = Array.from({ length: r.int(4) }, () => genFacts(r)).map((f, k) => (r.chance(0.8) ? { id: `p${k}`, ...f } : f));
    expectBerdayaError(
      () => Population.fromRecords(records, "2020-09-09", r.pick(["skip_row", undefined])),
      (c) => c === "import.rejected" || c === "input.invalid",
      `records case ${i} ${JSON.stringify(records)}`,
    );
    const snapshot = r.pick(["{", "[]", "{}", '{"schema_version": 99}', '{"schema_version": 1}', JSON.stringify({ schema_version: 1, agencies: genValue(r) })]);
    expectBerdayaError(() => Registry.fromJson(snapshot), (c) => /^snapshot\.[a-z_]+$/.test(c), `snapshot case ${i} ${snapshot}`);
    expectBerdayaError(() => new Nik(String(genValue(r)), genDate(r)), (c) => /^(nik|input)\.[a-z_]+$/.test(c), `nik case ${i}`);
    expectBerdayaError(() => new RuleSet(genSource(r)), (c) => c === "rule.invalid", `ruleset case ${i}`);
  }
  // Still working.
  assert.equal(rule.evaluate({ birth_date: "1995-11-07", disabilities: ["physical"] }, "2020-09-09", undefined).outcome, "eligible");
});
