// The offline eligibility checker (examples/web) in headless Chromium: serves it with its own
// server on 127.0.0.1, uploads the East Java sample, and checks the counts of every commitment
// rule against two computations made without the page:
//   1. the Node build of berdaya deciding person by person (`Rule.evaluateBeneficiary` on the
//      registry built in Rust by `Registry.eastJava2020()`: single-person evaluator, no
//      Population, no columnar batch, no CSV read in the browser);
//   2. the eligible counts printed by the Rust example `east_java_2020` (its report is the
//      golden file crates/berdaya/tests/golden/east_java_2020.txt, compared by `cargo test`).
// Then: diagnostics underlined at UTF-16 positions, language switch, an XLSX upload, the CSV
// export, keyboard order and labels, no console errors, and no request leaving 127.0.0.1.
// Saves a screenshot to target/web-demo.png (not committed).
//
//   node tests/browser/demo.mjs        (from bindings/wasm, after scripts/build-wasm)
import { readFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { Registry, Rule } from "berdaya";
import { serve } from "../../../../examples/web/serve.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
const AS_OF = "2020-09-09";
const problems = [];
const expect = (ok, what) => {
  if (!ok) problems.push(what);
};

// ---------- expected counts, without the page ----------
const reg = Registry.eastJava2020();
const expected = new Map(); // "agreement/commitment" -> { eligible, ineligible, undetermined }
for (const aid of reg.agreementIds()) {
  const a = reg.agreement(aid);
  const partnerId = a.toJSON().parties.map((p) => p.party.partner).find(Boolean);
  const ctx = { agreement_in_force: a.inForceOn(AS_OF), partner_kind: reg.partner(partnerId)?.kind };
  for (const c of a.commitmentsOn(AS_OF)) {
    if (!c.eligibility) continue;
    const rule = new Rule(c.eligibility);
    const n = { eligible: 0, ineligible: 0, undetermined: 0 };
    for (const bid of reg.beneficiaryIds()) n[rule.evaluateBeneficiary(reg.beneficiary(bid), AS_OF, ctx).outcome]++;
    expected.set(`${aid}/${c.id}`, n);
  }
}
const golden = readFileSync(resolve(root, "crates/berdaya/tests/golden/east_java_2020.txt"), "utf8");
for (const [key, n] of expected) {
  const m = golden.match(new RegExp(`^${key}: (\\d+) eligible now`, "m"));
  expect(m && Number(m[1]) === n.eligible, `${key}: Node per person ${n.eligible} eligible, Rust example ${m?.[1]}`);
}
expect(expected.size >= 4, `only ${expected.size} commitment rules in the sample`);

// ---------- the page ----------
const { server, url } = await serve(0);
const origin = new URL(url).origin;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});
let code = 1;
try {
  // A caseworker's browser in East Java: WIB (UTC+7), Indonesian locale.
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1280, height: 1400 },
    timezoneId: "Asia/Jakarta",
    locale: "id-ID",
  });
  const page = await context.newPage();
  const requests = [];
  const consoleMessages = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => consoleMessages.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => consoleMessages.push(`pageerror: ${e}`));

  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 60000 });
  const loadedRequests = requests.length;
  const initMs = await page.evaluate(() => Number(document.body.dataset.initMs));
  expect(await page.evaluate(() => document.documentElement.lang) === "id", "Indonesian is not the default");
  expect((await page.textContent("h1")).includes("Pemeriksa kelayakan"), "title not in Indonesian");

  // Every form control has a label; the first Tab reaches the skip link, then the language.
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea, button")]
      .filter((e) => !(e.labels?.length || e.textContent.trim() || e.getAttribute("aria-label")))
      .map((e) => e.id),
  );
  expect(unlabelled.length === 0, `controls without a label: ${unlabelled}`);
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement.className) === "skip", "first Tab is not the skip link");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement.id) === "lang", "second Tab is not the language");

  // Upload the sample from disk.
  await page.setInputFiles("#file", resolve(root, "examples/data/residents_2020.csv"));
  await page.waitForFunction(() => document.querySelector("#data-status")?.textContent.includes("200 orang"), null, { timeout: 30000 });

  const readCounts = () =>
    page.evaluate(() =>
      Object.fromEntries(["eligible", "ineligible", "undetermined"].map((o) => [o, Number(document.getElementById(`count-${o}`)?.dataset.count)])),
    );
  for (const [key, n] of expected) {
    await page.selectOption("#commitment", key);
    try {
      await page.waitForFunction(
        ([n]) => ["eligible", "ineligible", "undetermined"].every((o) => document.getElementById(`count-${o}`)?.dataset.count === String(n[o])),
        [n],
        { timeout: 10000 },
      );
    } catch {
      problems.push(`${key}: page shows ${JSON.stringify(await readCounts())}, expected ${JSON.stringify(n)}`);
    }
  }
  console.log(`demo: ${expected.size} commitment rules, page counts = per-person counts: ${JSON.stringify(Object.fromEntries(expected))}`);

  // Counterfactual dates: the one person of the jobs rule eligible later (per the Rust example).
  await page.selectOption("#commitment", "pks-2020-batik-wistara/jobs");
  await page.waitForFunction(() => document.getElementById("count-eligible")?.dataset.count === "67");
  const later = golden.match(/^ {2}(pm-\d+): eligible from (\d{4}-\d{2}-\d{2})/m);
  const laterCell = await page.evaluate((id) => {
    const tr = [...document.querySelectorAll("#results tbody tr")].find((r) => r.cells[0].textContent === id);
    return tr?.cells[5].textContent;
  }, later[1]);
  expect(laterCell === "20 Februari 2021" && later[2] === "2021-02-20", `counterfactual date of ${later[1]}: ${laterCell}`);

  // Diagnostics underlined at UTF-16 positions (a non-BMP character before the error).
  await page.fill("#editor", 'skills has "🧵 batik" and age >= 1x');
  await page.waitForSelector("#overlay mark.error", { timeout: 5000 });
  const marked = await page.evaluate(() => [...document.querySelectorAll("#overlay mark")].map((m) => m.textContent));
  expect(JSON.stringify(marked) === '["x"]', `underlined: ${JSON.stringify(marked)}`);
  expect(await page.getAttribute("#editor", "aria-invalid") === "true", "editor not marked invalid");
  expect((await page.textContent("#diagnostics")).includes("tidak terduga"), "diagnostic not in Indonesian");

  // An own rule, then the language switch.
  await page.fill("#editor", "age between 18 and 45 and disabilities is not empty");
  await page.waitForFunction(() => document.querySelector("#diagnostics")?.textContent.includes("valid"));
  await page.selectOption("#lang", "en");
  expect(await page.evaluate(() => document.documentElement.lang) === "en", "lang attribute not switched");
  expect((await page.textContent("h1")) === "Offline eligibility checker", "title not switched");
  const firstOutcome = await page.textContent("#results tbody tr td:nth-child(4)");
  const firstExplanation = await page.textContent("#results tbody tr td:nth-child(5) summary");
  expect(["Eligible", "Not eligible", "Cannot be decided yet"].includes(firstOutcome), `outcome cell: ${firstOutcome}`);
  expect(/^(Eligible|Not eligible|Cannot be decided)/.test(firstExplanation), `explanation not in English: ${firstExplanation}`);
  await page.screenshot({ path: resolve(root, "target/web-demo.png") });

  // Export: one line per person, outcomes as counted.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  const csv = readFileSync(await download.path(), "utf8").trim().split("\r\n");
  const shown = await readCounts();
  const exported = { eligible: 0, ineligible: 0, undetermined: 0 };
  for (const line of csv.slice(1)) exported[line.split(",")[1]]++;
  expect(csv[0] === "id,outcome,reason,missing,explanation,eligible_from", `export header: ${csv[0]}`);
  expect(csv.length === 201 && JSON.stringify(exported) === JSON.stringify(shown), `export: ${csv.length - 1} rows ${JSON.stringify(exported)}`);

  // An office workbook (.xlsx): rows with mangled NIKs are left out and reported
  // (fixture documented in crates/berdaya/tests/data/make_xlsx.py).
  await page.setInputFiles("#file", resolve(root, "crates/berdaya/tests/data/office_2020.xlsx"));
  await page.waitForFunction(() => document.querySelector("#data-status")?.textContent.includes("3 people"), null, { timeout: 10000 });
  expect((await page.textContent("#import-issues")).includes("import.nik_mangled"), "xlsx issues not shown");

  // A CSV saved by a spreadsheet in the Indonesian locale (`;`), with office forms of dates and sex.
  const semicolon = "id;nik;birth_date;sex;disabilities;care_status\nq1;3514140711950002;07/11/1995;L;fisik|rungu;eks\nq2;;29/02/2004;P;[];warga_binaan\n";
  await page.setInputFiles("#file", { name: "kantor.csv", mimeType: "text/csv", buffer: Buffer.from(semicolon) });
  await page.waitForFunction(() => document.querySelector("#data-status")?.textContent.includes("2 people loaded from kantor.csv"), null, { timeout: 10000 });
  expect((await page.textContent("#import-issues")).trim() === "", "semicolon CSV reported issues");

  // A file that is not a workbook: a BerdayaError shown, and the page keeps working.
  await page.setInputFiles("#file", { name: "broken.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("not a zip") });
  await page.waitForFunction(() => document.querySelector("#data-status")?.textContent.includes("import.bad_xlsx"), null, { timeout: 10000 });
  await page.click("#sample");
  await page.waitForFunction(() => document.querySelector("#data-status")?.textContent.includes("200 people"));

  const foreign = requests.filter((u) => !u.startsWith(origin + "/") && !u.startsWith("blob:") && !u.startsWith("data:"));
  expect(foreign.length === 0, `requests outside ${origin}: ${foreign}`);
  const after = requests.slice(loadedRequests).filter((u) => !u.startsWith("blob:"));
  expect(after.length === 0, `requests after load: ${after}`);
  expect(consoleMessages.length === 0, `console: ${consoleMessages.join(" | ")}`);

  // In WIB a Date at local midnight is that calendar day for the package in the browser too.
  const wib = await page.evaluate(async () => {
    const m = await import("./pkg/berdaya.js");
    const day = new m.Period("2020-09-09", "2020-09-09");
    return [new Date(2020, 8, 9).getTimezoneOffset(), day.contains(new Date(2020, 8, 9)), day.contains(new Date(2020, 8, 8, 23, 59))];
  });
  expect(JSON.stringify(wib) === "[-420,true,false]", `Date in WIB: ${JSON.stringify(wib)}`);
  console.log(`demo: init() (fetch + compile + instantiate the .wasm) ${initMs} ms in Chromium`);
  console.log(`demo: ${requests.length} requests, all to ${origin}, none after load; screenshot target/web-demo.png`);
  for (const p of problems) console.log(`  FAIL ${p}`);
  console.log(problems.length === 0 ? "demo: passed" : `demo: ${problems.length} failed`);
  code = problems.length === 0 ? 0 : 1;
} finally {
  await browser.close();
  server.close();
}
process.exit(code);
