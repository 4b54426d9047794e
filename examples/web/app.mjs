// The offline eligibility checker: a client of the `berdaya` npm package (browser build,
// served from ./pkg/). Every decision, explanation, counterfactual date and diagnostic comes
// from berdaya; this file only reads files, calls the package and displays. Results come as
// typed arrays (`rule.evaluateColumns`), so large files stay fast.
//
// Personal data: the caseworker's own file is read in this tab and shown to them; nothing is
// logged, stored or sent (the server's Content-Security-Policy forbids other origins).
import init, {
  Population,
  Region,
  Registry,
  Rule,
  check,
  contextOn,
  contextTimeline,
  version,
} from "./pkg/berdaya.js";

const TEXT = {
  id: {
    skip: "Langsung ke hasil",
    title: "Pemeriksa kelayakan luring",
    lead: "Data penerima manfaat diperiksa di perangkat ini saja: berkas tidak dikirim ke mana pun.",
    langLabel: "Bahasa",
    loading: "Memuat pemeriksa…",
    ready: "Pemeriksa siap.",
    dataHeading: "1. Data penerima manfaat",
    fileLabel: "Buka berkas CSV atau XLSX dari perangkat",
    fileHelp:
      "Kolom tabel berdaya (id, nik, birth_date, disabilities, care_status, …) atau format daftar warga binaan contoh Jawa Timur.",
    sample: "Pakai contoh Jawa Timur 2020",
    ruleHeading: "2. Aturan kelayakan",
    asOfLabel: "Tanggal keputusan",
    commitmentLabel: "Komitmen dalam PKS",
    custom: "Aturan sendiri (tulis di editor)",
    editorLabel: "Aturan (dapat diubah; kesalahan digarisbawahi saat mengetik)",
    resultsHeading: "3. Hasil",
    filterLabel: "Tampilkan",
    all: "Semua",
    eligible: "Memenuhi syarat",
    ineligible: "Tidak memenuhi syarat",
    undetermined: "Belum dapat diputuskan",
    export: "Unduh hasil (CSV)",
    chartCaption: "Hasil menurut kabupaten/kota domisili",
    colId: "ID",
    colName: "Nama",
    colRegency: "Kabupaten/kota",
    colOutcome: "Keputusan",
    colExplanation: "Penjelasan",
    colWhen: "Memenuhi syarat mulai",
    footer: "Dihitung oleh berdaya (WebAssembly) di peramban ini.",
    loaded: (n, file) => `${n} orang dimuat dari ${file}.`,
    skipped: (n) => `${n} baris dilewati karena bermasalah:`,
    rejected: "Berkas tidak dapat dibaca",
    noData: "Belum ada data. Buka berkas atau pakai contoh.",
    noRule: "Aturan belum dapat dijalankan.",
    ruleOk: "Aturan valid.",
    diagCount: (e, w) => `${e} kesalahan, ${w} peringatan.`,
    line: (l, c) => `baris ${l}, kolom ${c}`,
    summary: (n, date) => `${n} orang diperiksa per ${date}:`,
    shown: (n, total) => `Menampilkan ${n} dari ${total} orang.`,
    details: "Penjelasan lengkap",
    now: "sudah",
    never: "tidak dengan berjalannya waktu saja",
    unknown: "belum diketahui",
    unknownRegency: "tidak diketahui",
    chartLabel: (rows) => `Diagram batang: ${rows}.`,
    people: "orang",
    context: (a) => `Konteks: ${a}`,
    row: "baris",
    column: "kolom",
  },
  en: {
    skip: "Skip to results",
    title: "Offline eligibility checker",
    lead: "Beneficiary data is checked on this device only: the file is not sent anywhere.",
    langLabel: "Language",
    loading: "Loading the checker…",
    ready: "The checker is ready.",
    dataHeading: "1. Beneficiary data",
    fileLabel: "Open a CSV or XLSX file from this device",
    fileHelp:
      "berdaya table columns (id, nik, birth_date, disabilities, care_status, …) or the residents-list format of the East Java example.",
    sample: "Use the East Java 2020 sample",
    ruleHeading: "2. Eligibility rule",
    asOfLabel: "Decision date",
    commitmentLabel: "Commitment in an agreement (PKS)",
    custom: "Own rule (write it in the editor)",
    editorLabel: "Rule (editable; errors are underlined as you type)",
    resultsHeading: "3. Results",
    filterLabel: "Show",
    all: "All",
    eligible: "Eligible",
    ineligible: "Not eligible",
    undetermined: "Cannot be decided yet",
    export: "Download results (CSV)",
    chartCaption: "Outcomes by regency of domicile",
    colId: "ID",
    colName: "Name",
    colRegency: "Regency/city",
    colOutcome: "Decision",
    colExplanation: "Explanation",
    colWhen: "Eligible from",
    footer: "Computed by berdaya (WebAssembly) in this browser.",
    loaded: (n, file) => `${n} people loaded from ${file}.`,
    skipped: (n) => `${n} rows left out because of problems:`,
    rejected: "The file cannot be read",
    noData: "No data yet. Open a file or use the sample.",
    noRule: "The rule cannot run yet.",
    ruleOk: "The rule is valid.",
    diagCount: (e, w) => `${e} errors, ${w} warnings.`,
    line: (l, c) => `line ${l}, column ${c}`,
    summary: (n, date) => `${n} people checked as of ${date}:`,
    shown: (n, total) => `Showing ${n} of ${total} people.`,
    details: "Full explanation",
    now: "already",
    never: "not by the passage of time alone",
    unknown: "not known yet",
    unknownRegency: "unknown",
    chartLabel: (rows) => `Bar chart: ${rows}.`,
    people: "people",
    context: (a) => `Context: ${a}`,
    row: "row",
    column: "column",
  },
};

const OUTCOMES = ["eligible", "ineligible", "undetermined"];
const TABLE_LIMIT = 300;
const $ = (id) => document.getElementById(id);

const state = {
  lang: "id",
  registry: null, // the agreements (examples/data/east_java_2020.json)
  orgsJson: "",
  sampleCsv: "",
  file: null, // { name, kind: "csv" | "xlsx", data }
  pop: null,
  rows: [], // pop.row(i) for display: id, name, regency
  rule: null,
  diagnostics: [],
  agreement: null, // agreement id of the chosen commitment
  result: null,
};

const t = (key, ...args) => {
  const v = TEXT[state.lang][key];
  return typeof v === "function" ? v(...args) : v;
};

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

function formatDate(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Intl.DateTimeFormat(state.lang === "id" ? "id-ID" : "en-GB", {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

function asOf() {
  return $("as-of").value || "2020-09-09";
}

// ---------- language ----------

function applyLanguage() {
  document.documentElement.lang = state.lang;
  document.title = `${t("title")} — berdaya`;
  for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
  $("loading").textContent = t(document.body.dataset.ready ? "ready" : "loading");
  fillCommitments();
  renderDiagnostics();
  renderDataStatus();
  renderResults();
}

// ---------- agreements and commitments ----------

function fillCommitments() {
  const select = $("commitment");
  const chosen = select.value;
  select.replaceChildren(el("option", { value: "", text: t("custom") }));
  if (!state.registry) return;
  for (const aid of state.registry.agreementIds()) {
    const a = state.registry.agreement(aid);
    if (!a) continue;
    let commitments = [];
    try {
      commitments = a.commitmentsOn(asOf()).filter((c) => c.eligibility);
    } finally {
      a.free();
    }
    if (!commitments.length) continue;
    const group = el("optgroup", { label: aid });
    for (const c of commitments) {
      const label = c.description ? `${c.id} — ${c.description}` : c.id;
      const opt = el("option", { value: `${aid}/${c.id}`, text: label });
      opt.dataset.rule = c.eligibility;
      group.append(opt);
    }
    select.append(group);
  }
  select.value = [...select.options].some((o) => o.value === chosen) ? chosen : "";
}

function onCommitment() {
  const opt = $("commitment").selectedOptions[0];
  if (opt && opt.value) {
    state.agreement = opt.value.split("/")[0];
    $("editor").value = opt.dataset.rule;
  } else {
    state.agreement = null;
  }
  onRuleInput();
}

function context() {
  if (!state.agreement || !state.registry) return { ctx: undefined, timeline: undefined };
  const timeline = contextTimeline(state.registry, state.agreement);
  return { ctx: contextOn(timeline, asOf()), timeline };
}

// ---------- the rule editor ----------

let checkTimer = 0;
function onRuleInput() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(checkRule, 120);
  syncOverlay();
}

function checkRule() {
  const src = $("editor").value;
  state.diagnostics = check(src);
  state.rule?.free();
  state.rule = null;
  if (src.trim() && !state.diagnostics.some((d) => d.severity === "error")) {
    try {
      state.rule = new Rule(src);
    } catch (e) {
      // `check` and `new Rule` agree; keep the thrown diagnostics if they ever differ.
      state.diagnostics = e.diagnostics?.length ? e.diagnostics : [{ severity: "error", message: e.message, message_id: e.message, code: e.code }];
    }
  }
  // A rule edited away from the chosen commitment's text is the caseworker's own rule.
  const opt = $("commitment").selectedOptions[0];
  if (opt && opt.value && opt.dataset.rule !== src) {
    $("commitment").value = "";
    state.agreement = null;
  }
  renderDiagnostics();
  evaluate();
}

function syncOverlay() {
  const src = $("editor").value;
  const overlay = $("overlay");
  const marks = state.diagnostics
    .filter((d) => d.span)
    .map((d) => ({ start: d.span.utf16_start, end: Math.max(d.span.utf16_end, d.span.utf16_start + 1), cls: d.severity }))
    .sort((a, b) => a.start - b.start);
  const parts = [];
  let at = 0;
  for (const m of marks) {
    if (m.start < at) continue; // overlapping spans: the first one is drawn
    parts.push(src.slice(at, m.start));
    // A span at the very end (e.g. "unexpected end") underlines one space.
    parts.push(el("mark", { class: m.cls, text: src.slice(m.start, m.end).padEnd(m.end - m.start, " ") }));
    at = m.end;
  }
  parts.push(src.slice(at), "\n");
  overlay.replaceChildren(...parts);
  overlay.scrollTop = $("editor").scrollTop;
}

function renderDiagnostics() {
  const box = $("diagnostics");
  const editor = $("editor");
  const errors = state.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = state.diagnostics.length - errors;
  editor.setAttribute("aria-invalid", errors ? "true" : "false");
  syncOverlay();
  if (!editor.value.trim()) {
    box.replaceChildren();
    return;
  }
  if (!state.diagnostics.length) {
    box.replaceChildren(el("p", { class: "ok", text: t("ruleOk") }));
    return;
  }
  const list = el("ul");
  for (const d of state.diagnostics) {
    const where = d.span ? ` (${t("line", d.span.line, d.span.column)})` : "";
    const msg = state.lang === "id" ? d.message_id : d.message;
    list.append(el("li", { class: `diag-${d.severity}`, text: `${msg}${where} [${d.code}]` }));
  }
  box.replaceChildren(el("p", { text: t("diagCount", errors, warnings) }), list);
}

// ---------- data ----------

async function loadFile(file) {
  const name = file.name;
  const kind = /\.xlsx$/i.test(name) ? "xlsx" : "csv";
  const data = kind === "xlsx" ? new Uint8Array(await file.arrayBuffer()) : await file.text();
  state.file = { name, kind, data };
  buildPopulation();
}

const headerLine = (csv) => csv.slice(0, csv.indexOf("\n") >>> 0).trim();

/** The residents-list format of the East Java example (registry records with care history). */
function isResidentsList(csv) {
  const header = headerLine(csv).split(",");
  return header.includes("admitted_on") && header.includes("facility");
}

/** Spreadsheets in the Indonesian locale save CSV with `;`: the header's separator is used. */
function delimiterOf(csv) {
  const h = headerLine(csv);
  const count = (c) => h.split(c).length - 1;
  return [",", ";", "\t"].reduce((best, c) => (count(c) > count(best) ? c : best), ",");
}

function buildPopulation() {
  state.pop?.free();
  state.pop = null;
  state.rows = [];
  state.importError = null;
  const f = state.file;
  if (!f) return renderAll();
  try {
    if (f.kind === "xlsx") {
      state.pop = Population.fromXlsx(f.data, asOf(), "skip_row");
    } else if (isResidentsList(f.data)) {
      // Care status, admission and discharge depend on the decision date: rebuilt when it changes.
      const reg = Registry.fromJson(state.orgsJson);
      try {
        reg.loadResidents(f.data);
        state.pop = Population.fromRegistry(reg, asOf());
      } finally {
        reg.free();
      }
    } else {
      state.pop = Population.fromCsv(f.data, asOf(), "skip_row", delimiterOf(f.data));
    }
    for (let i = 0; i < state.pop.length; i++) state.rows.push(state.pop.row(i));
  } catch (e) {
    state.importError = e;
  }
  renderAll();
}

function renderDataStatus() {
  const status = $("data-status");
  const issuesBox = $("import-issues");
  issuesBox.replaceChildren();
  if (state.importError) {
    const e = state.importError;
    status.replaceChildren(el("p", { class: "problem", text: `${t("rejected")}: ${e.message} [${e.code ?? "?"}]` }));
    issuesBox.append(issueList(e.diagnostics ?? []));
    return;
  }
  if (!state.pop) {
    status.replaceChildren(el("p", { text: t("noData") }));
    return;
  }
  status.replaceChildren(el("p", { text: t("loaded", state.pop.length, state.file.name) }));
  const report = state.pop.importReport;
  if (report?.skipped_rows?.length) {
    issuesBox.append(el("p", { class: "problem", text: t("skipped", report.skipped_rows.length) }), issueList(report.issues));
  }
}

function issueList(issues) {
  const list = el("ul", { class: "issues" });
  for (const i of issues.slice(0, 20)) {
    // Values of personal columns are masked by berdaya.
    list.append(el("li", { text: `${t("row")} ${i.row}, ${t("column")} ${i.column}: ${i.message} [${i.code}]` }));
  }
  return list;
}

// ---------- evaluation and results ----------

function evaluate() {
  state.result = null;
  if (state.pop && state.rule) {
    const { ctx } = context();
    state.result = state.rule.evaluateColumns(state.pop, asOf(), ctx, "full");
  }
  renderResults();
}

const outcomeOf = (i) => state.result.outcomes[state.result.outcome[i]];
const reasonOf = (i) => (state.result.reason[i] === 0xffffffff ? "" : state.result.reasonTexts[state.result.reason[i]]);
const missingOf = (i) => state.result.missingSets[state.result.missing[i]];

function regencyName(code) {
  if (!code) return t("unknownRegency");
  try {
    const r = new Region(code);
    try {
      return r.info().name ?? code;
    } finally {
      r.free();
    }
  } catch {
    return code;
  }
}

function whenEligible(i, outcome, timeline) {
  if (outcome === "eligible") return t("now");
  const cf = state.rule.eligibleFromRow(state.pop, i, asOf(), timeline);
  if (cf.status === "eligible_from") return formatDate(cf.date);
  if (cf.status === "eligible_now") return t("now");
  if (cf.status === "never") return t("never");
  return t("unknown");
}

function explanation(i, form, ctx) {
  const d = state.rule.decideRow(state.pop, i, asOf(), ctx);
  if (!d) return "";
  try {
    const e = d.explain(state.lang, form);
    try {
      return e.text;
    } finally {
      e.free();
    }
  } finally {
    d.free();
  }
}

function renderResults() {
  const table = $("results");
  const tbody = table.querySelector("tbody");
  const summary = $("summary");
  $("export").disabled = !state.result;
  if (!state.result) {
    table.hidden = true;
    $("table-wrap").hidden = true;
    $("chart-figure").hidden = true;
    tbody.replaceChildren();
    summary.replaceChildren(el("p", { text: !state.pop ? t("noData") : t("noRule") }));
    return;
  }
  const c = state.result.counts;
  const n = state.result.length;
  const list = el("ul");
  for (const o of OUTCOMES) {
    const li = el("li", { class: `outcome-${o}`, id: `count-${o}`, "data-count": String(c[o]) });
    li.textContent = `${t(o)}: ${c[o]}`;
    list.append(li);
  }
  const head = el("p", { text: t("summary", n, formatDate(asOf())) });
  summary.replaceChildren(head, list);
  if (state.agreement) summary.append(el("p", { class: "help", text: t("context", state.agreement) }));

  renderChart();

  const { ctx, timeline } = context();
  const filter = $("filter").value;
  const rows = [];
  for (let i = 0; i < n && rows.length < TABLE_LIMIT; i++) {
    const outcome = outcomeOf(i);
    if (filter !== "all" && outcome !== filter) continue;
    const r = state.rows[i] ?? {};
    const details = el("details", {}, el("summary", { text: explanation(i, "short", ctx) }));
    details.append(el("p", { text: explanation(i, "full", ctx) }));
    rows.push(
      el(
        "tr",
        { "data-outcome": outcome },
        el("td", { text: r.id ?? "" }),
        el("td", { text: r.name ?? "" }),
        el("td", { text: regencyName(r.regency) }),
        el("td", { class: `outcome-${outcome}`, text: t(outcome) }),
        el("td", {}, details),
        el("td", { text: whenEligible(i, outcome, timeline) }),
      ),
    );
  }
  tbody.replaceChildren(...rows);
  const total = filter === "all" ? n : c[filter];
  $("table-caption").textContent = t("shown", rows.length, total);
  table.hidden = false;
  $("table-wrap").hidden = false;
}

function renderChart() {
  const by = new Map();
  for (let i = 0; i < state.result.length; i++) {
    const code = state.rows[i]?.regency ?? "";
    if (!by.has(code)) by.set(code, { eligible: 0, ineligible: 0, undetermined: 0 });
    by.get(code)[outcomeOf(i)]++;
  }
  const groups = [...by.entries()]
    .map(([code, c]) => ({ name: regencyName(code), c, total: c.eligible + c.ineligible + c.undetermined }))
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name))
    .slice(0, 15);
  const max = Math.max(1, ...groups.map((g) => g.total));
  const NS = "http://www.w3.org/2000/svg";
  const labelW = 210, barW = 420, rowH = 22, top = 4;
  const svg = document.createElementNS(NS, "svg");
  const height = top + groups.length * rowH + 4;
  svg.setAttribute("viewBox", `0 0 ${labelW + barW + 60} ${height}`);
  svg.setAttribute("width", String(labelW + barW + 60));
  svg.setAttribute("height", String(height));
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-labelledby", "chart-caption chart-desc");
  const desc = document.createElementNS(NS, "desc");
  desc.id = "chart-desc";
  desc.textContent = t(
    "chartLabel",
    groups.map((g) => `${g.name}: ${OUTCOMES.map((o) => `${t(o)} ${g.c[o]}`).join(", ")}`).join("; "),
  );
  svg.append(desc);
  const defs = document.createElementNS(NS, "defs");
  defs.innerHTML =
    '<pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="4" height="4" fill="#fff"/><rect width="2" height="4" fill="#6b4f00"/></pattern>';
  svg.append(defs);
  const fill = { eligible: "#0b6b2b", ineligible: "#a3121d", undetermined: "url(#hatch)" };
  groups.forEach((g, k) => {
    const y = top + k * rowH;
    const label = document.createElementNS(NS, "text");
    label.setAttribute("x", String(labelW - 6));
    label.setAttribute("y", String(y + 15));
    label.setAttribute("text-anchor", "end");
    label.textContent = g.name;
    svg.append(label);
    let x = labelW;
    for (const o of OUTCOMES) {
      if (!g.c[o]) continue;
      const w = (g.c[o] / max) * barW;
      const rect = document.createElementNS(NS, "rect");
      rect.setAttribute("x", String(x));
      rect.setAttribute("y", String(y + 3));
      rect.setAttribute("width", String(w));
      rect.setAttribute("height", String(rowH - 6));
      rect.setAttribute("fill", fill[o]);
      rect.setAttribute("stroke", "#000");
      rect.setAttribute("stroke-width", "0.5");
      svg.append(rect);
      x += w;
    }
    const total = document.createElementNS(NS, "text");
    total.setAttribute("x", String(x + 6));
    total.setAttribute("y", String(y + 15));
    total.textContent = String(g.total);
    svg.append(total);
  });
  const legend = el("p", { class: "legend", "aria-hidden": "true" });
  for (const o of OUTCOMES) legend.append(el("span", {}, el("span", { class: `swatch ${o}` }), t(o)));
  $("chart").replaceChildren(svg, legend);
  $("chart-figure").hidden = false;
}

function renderAll() {
  renderDataStatus();
  evaluate();
}

// ---------- export ----------

function csvCell(v) {
  let s = String(v ?? "");
  // A spreadsheet must not run a cell as a formula.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function exportCsv() {
  if (!state.result) return;
  const { ctx, timeline } = context();
  const lines = [["id", "outcome", "reason", "missing", "explanation", "eligible_from"].join(",")];
  for (let i = 0; i < state.result.length; i++) {
    let from = "";
    if (outcomeOf(i) !== "eligible") {
      const cf = state.rule.eligibleFromRow(state.pop, i, asOf(), timeline);
      from = cf.status === "eligible_from" ? cf.date : cf.status;
    }
    lines.push(
      [state.rows[i]?.id, outcomeOf(i), reasonOf(i), missingOf(i).join("|"), explanation(i, "short", ctx), from]
        .map(csvCell)
        .join(","),
    );
  }
  const blob = new Blob([lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
  const a = el("a", { href: URL.createObjectURL(blob), download: `berdaya-hasil-${asOf()}.csv` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

// ---------- start ----------

async function start() {
  const t0 = performance.now();
  await init();
  // Load time of the package (fetch, compile, instantiate), read by the page test.
  document.body.dataset.initMs = (performance.now() - t0).toFixed(1);
  // The only fetches: the package, the agreements and the sample, all from this server, before
  // the checker is ready. Nothing is requested afterwards.
  const [orgs, sample] = await Promise.all([
    fetch("./data/east_java_2020.json").then((r) => r.text()),
    fetch("./data/residents_2020.csv").then((r) => r.text()),
  ]);
  state.orgsJson = orgs;
  state.sampleCsv = sample;
  state.registry = Registry.fromJson(orgs);
  $("version").textContent = `berdaya ${version()}`;

  $("lang").addEventListener("change", (e) => {
    state.lang = e.target.value;
    applyLanguage();
  });
  $("file").addEventListener("change", (e) => {
    const f = e.target.files?.[0];
    if (f) loadFile(f);
  });
  $("sample").addEventListener("click", () => {
    state.file = { name: "residents_2020.csv", kind: "csv", data: state.sampleCsv };
    buildPopulation();
  });
  $("as-of").addEventListener("change", () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test($("as-of").value)) return;
    fillCommitments();
    buildPopulation(); // facts of a residents list depend on the date
  });
  $("commitment").addEventListener("change", onCommitment);
  $("editor").addEventListener("input", onRuleInput);
  $("editor").addEventListener("scroll", () => ($("overlay").scrollTop = $("editor").scrollTop));
  $("filter").addEventListener("change", renderResults);
  $("export").addEventListener("click", exportCsv);

  // Start with the first commitment that has a rule.
  fillCommitments();
  const first = [...$("commitment").options].find((o) => o.value);
  if (first) {
    $("commitment").value = first.value;
    onCommitment();
  }
  applyLanguage();
  for (const id of ["file", "sample"]) $(id).disabled = false;
  document.body.dataset.ready = "true";
  $("loading").textContent = t("ready");
}

start().catch((e) => {
  $("loading").textContent = `${e.name}: ${e.message}`;
  $("loading").className = "problem";
});
