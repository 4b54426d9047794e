// Runs the language-neutral conformance vectors through the public JS API.
// Pure ESM without Node imports, so the same runner serves Node and the browser.

const eq = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  }
  return v;
}

function checkError(e, expected) {
  if (!(e instanceof Error) || e.name !== "BerdayaError") {
    return `threw a non-BerdayaError: ${e}`;
  }
  if (e.code !== expected.code) return `code ${e.code} != ${expected.code}`;
  if ("field" in expected && e.field !== expected.field) return `field ${e.field} != ${expected.field}`;
  if (expected.span) {
    if (!e.span) return "no span";
    if (e.span.start !== expected.span.start || e.span.end !== expected.span.end) {
      return `span ${e.span.start}..${e.span.end} != ${expected.span.start}..${expected.span.end}`;
    }
  }
  return null;
}

function utf8(s) {
  return new TextEncoder().encode(s);
}

const suites = {
  nik(api, input) {
    return sortKeys(new api.Nik(input.nik, input.reference_date).info());
  },
  region(api, input) {
    return sortKeys(new api.Region(input.code).info());
  },
  pseudonym(api, input) {
    const nik = new api.Nik(input.nik, input.reference_date);
    return { pseudonym: api.pseudonymize(nik, utf8(input.key_utf8)) };
  },
  counterfactual(api, input) {
    const rule = input.rule ? new api.RuleSet(input.rules).rule(input.rule) : new api.Rule(input.rules);
    const out = rule.eligibleFrom(input.facts, input.as_of, input.context);
    if (input.settle) out.settling = rule.settlingFacts(input.facts, input.as_of, input.context);
    return out;
  },
  versions(api, input) {
    const diag = (d) => [d.code, d.span.line, d.span.column];
    let vs;
    try {
      vs = new api.VersionedRuleSet(input.rules);
    } catch (e) {
      if (e.code !== "rule.invalid") throw e;
      return { diagnostics: e.diagnostics.map(diag) };
    }
    if (input.op === "check") {
      const names = vs.names.filter((n) => vs.versions(n).length > 0);
      return {
        warnings: vs.warnings.map(diag),
        versions: Object.fromEntries(names.map((n) => [n, vs.versions(n)])),
        gaps: Object.fromEntries(names.map((n) => [n, vs.gaps(n)])),
      };
    }
    if (input.op === "evaluate") {
      const v = vs.evaluate(input.reference, input.facts, input.as_of, input.context);
      return { outcome: v.decision.outcome, version: v.version };
    }
    return vs.eligibleFrom(input.reference, input.facts, input.as_of, input.context);
  },
  // Decision receipts (conformance/oracle/receipts.py).
  receipts(api, input) {
    const r = issueReceipt(api, input);
    const data = r.toJSON();
    const out = {
      outcome: data.outcome,
      rule_hash: data.rule ? data.rule.content_hash : null,
      key_id: data.key_id,
      facts: data.facts,
      input_digest: data.input_digest,
    };
    if (data.missing && data.missing.length > 0) out.missing = data.missing;
    return out;
  },
  replay(api, input) {
    const r = api.Receipt.fromJson(issueReceipt(api, input).toJson());
    const then = { ...input, ...input.then };
    return r.replayFacts(ruleOf(api, then), then.facts, utf8(then.key_utf8), then.context);
  },
  erasure(api, input) {
    if (input.registry !== "east_java_2020") throw new Error(`unknown registry ${input.registry}`);
    const reg = api.Registry.eastJava2020();
    const rules = new api.RuleEligibility(reg);
    const who = input.beneficiary;
    const receipt = new api.Enrollments().enrolWithReceipt(reg, rules, input.key_utf8, who, input.target, input.on);
    const erased = input.erase_who ?? who;
    if (input.erase_on) reg.erasePersonalData(erased, input.erase_on);
    if (input.erase_again_on) reg.erasePersonalData(erased, input.erase_again_on);
    const snapshot = reg.toJson();
    const back = api.Registry.fromJson(snapshot);
    const text = receipt.toJson() + String(receipt) + JSON.stringify(receipt);
    const all = Object.values(input.secrets).flat();
    return {
      replay: receipt.replay(reg, input.key_utf8),
      erased_on: reg.erasedOn(who) ?? null,
      round_trips: back.toJson() === snapshot,
      secrets_in_receipt: all.filter((s) => text.includes(s)),
      secrets_in_snapshot_of_erased: (input.secrets[erased] ?? []).filter((s) => input.erase_on && snapshot.includes(s)),
    };
  },
};

function ruleOf(api, input) {
  return input.rule ? new api.RuleSet(input.rules).rule(input.rule) : new api.Rule(input.rules);
}

function issueReceipt(api, input) {
  return api.Receipt.forRule(
    ruleOf(api, input),
    input.facts,
    input.as_of,
    input.subject,
    utf8(input.key_utf8),
    input.context,
    input.version,
  );
}

// Suites whose vectors have their own shape (see conformance/README.md and the Rust runner
// crates/berdaya/tests/conformance_domain.rs, which these mirror).
const DEFAULT_PARTIES = [
  { party: { agency: "dinsos-jatim" }, signatory: { name: "Kepala Dinas", position: "Kepala Dinas Sosial" } },
  { party: { partner: "mitra" }, signatory: { name: "Direktur", position: "Direktur" } },
];

function agreementData(id, kind, period, input) {
  return {
    id,
    kind,
    title: "PERJANJIAN KERJA SAMA TENTANG UJI",
    parties: input.parties ?? DEFAULT_PARTIES,
    commitments: input.commitments ?? [],
    period: { from: period.start, until: period.end },
    history: [],
  };
}

function lifecycle(api, input) {
  let period;
  try {
    period = new api.Period(input.period.from, input.period.until);
  } catch (e) {
    return { error: [e.code, "new"] };
  }
  const data = agreementData("pks-under-test", "pks", period, input);
  if (input.parent_period) data.parent = "mou-parent";
  let a;
  try {
    a = new api.Agreement(data);
  } catch (e) {
    return { error: [e.code, "new"] };
  }
  for (const [i, event] of input.history.entries()) {
    try {
      a.apply(event);
    } catch (e) {
      return { error: [e.code, i] };
    }
  }
  if (input.parent_period) {
    const pp = new api.Period(input.parent_period.from, input.parent_period.until);
    const parent = new api.Agreement(agreementData("mou-parent", "mou", pp, {}));
    try {
      a.checkWithinParent(parent);
    } catch (e) {
      return { error: [e.code, "parent"] };
    }
  }
  return { agreement: a };
}

function ruleSource(v) {
  const r = v.rules_repeat;
  if (r) return (r.prefix ?? "") + r.text.repeat(r.times) + (r.suffix ?? "");
  return v.rules ?? "";
}

function isRuleFile(src) {
  for (const line of src.split(/\r?\n/)) {
    const t = line.trim();
    if (t && !t.startsWith("#")) return t.startsWith("rule ");
  }
  return false;
}

function subset(expected, actual) {
  if (expected && typeof expected === "object" && !Array.isArray(expected) && actual && typeof actual === "object") {
    return Object.entries(expected).every(([k, e]) => k in actual && subset(e, actual[k]));
  }
  return eq(expected, actual);
}

function runRuleVector(api, v) {
  const expect = v.expect;
  if (expect.diagnostics) {
    let got;
    if (v.rules_json) {
      try {
        got = api.Rule.fromJson(v.rules_json).warnings;
      } catch (e) {
        if (e.code !== "rule.invalid") throw e;
        got = e.diagnostics;
      }
    } else {
      got = api.check(ruleSource(v));
    }
    got = got.map((d) => ({ ...d, ...Object.fromEntries(["line", "column", "start", "end", "utf16_start", "utf16_end"].map((k) => [k, d.span[k]])) }));
    const want = expect.diagnostics;
    if (want.length !== got.length || !want.every((w, i) => subset(w, got[i]))) {
      return `diagnostics: want ${JSON.stringify(want)} got ${JSON.stringify(got)}`;
    }
    return null;
  }
  const src = ruleSource(v);
  let rule;
  if (isRuleFile(src)) {
    const set = new api.RuleSet(src);
    rule = set.rule(v.rule ?? set.names[set.names.length - 1]);
  } else {
    rule = new api.Rule(src);
  }
  const d = rule.evaluate(v.facts, v.as_of, v.context);
  const got = d.toJSON();
  if (got.outcome !== expect.outcome) return `outcome: want ${expect.outcome} got ${JSON.stringify(got)}`;
  if (!eq(got.missing, expect.missing ?? [])) return `missing: want ${JSON.stringify(expect.missing ?? [])} got ${JSON.stringify(got.missing)}`;
  if (expect.reasons) {
    if (expect.reasons.length !== got.reasons.length || !expect.reasons.every((w, i) => subset(w, got.reasons[i]))) {
      return `reasons: want ${JSON.stringify(expect.reasons)} got ${JSON.stringify(got.reasons)}`;
    }
  }
  const again = api.Rule.fromJson(rule.toJson());
  if (again.toText() !== rule.toText() || again.contentHash !== rule.contentHash) return "text -> JSON -> text changed";
  if (again.evaluate(v.facts, v.as_of, v.context).outcome !== d.outcome) return "JSON form decides differently";
  return null;
}

function key(o) {
  return `${o.agreement}/${o.commitment}`;
}

function checkAllocation(want, got) {
  const byCommitment = (field) => Object.fromEntries(got.commitments.map((c) => [key(c), c[field]]));
  const placed = byCommitment("placed");
  const waitlist = byCommitment("waitlist");
  const applicants = byCommitment("applicants");
  const unplaced = Object.fromEntries(
    got.unplaced.map((u) => [
      u.beneficiary,
      u.reasons.map((r) => ({ commitment: key(r), rank: r.rank, of: r.of, places: r.places, waitlist_position: r.waitlist_position })),
    ]),
  );
  const placements = {};
  for (const p of got.placements) (placements[p.beneficiary] ??= []).push({ ...p, commitment: key(p) });
  const problems = [];
  for (const [k, w] of Object.entries(want)) {
    let ok;
    if (k === "mode") ok = w === got.mode;
    else if (k === "placed") ok = subset(w, placed);
    else if (k === "waitlist") ok = subset(w, waitlist);
    else if (k === "applicants") ok = subset(w, applicants);
    else if (k === "unplaced") ok = eq(sortKeys(w), sortKeys(unplaced));
    else if (k === "needs_information" || k === "priority_facts") ok = eq(sortKeys(w), sortKeys(got[k]));
    else if (k === "placements") {
      ok = Object.entries(w).every(([id, list]) => {
        const have = placements[id] ?? [];
        return list.length === have.length && list.every((e, i) => subset(e, have[i]));
      });
    } else {
      problems.push(`unknown expect key ${k}`);
      continue;
    }
    if (!ok) problems.push(`${k}: expected ${JSON.stringify(w)}, got ${JSON.stringify(got)}`.slice(0, 500));
  }
  return problems;
}

function enrollmentRegistry(api, input) {
  const history = [
    { on: "2020-08-01", event: "negotiated" },
    { on: "2020-08-02", event: "approved" },
    { on: "2020-09-09", event: "signed" },
    ...(input.history ?? []),
  ];
  const snapshot = {
    schema_version: 1,
    agencies: [{ id: "dinsos-jatim", name: "Dinas Sosial", level: "province", region: "35" }],
    partners: [{ id: "mitra", name: "Mitra", kind: "business", ownership: "private", region: "35.78" }],
    agreements: [
      {
        id: "pks-a",
        kind: "pks",
        title: "PKS TENTANG UJI",
        parties: [
          { party: { agency: "dinsos-jatim" }, signatory: { name: "A", position: "Kepala Dinas" } },
          { party: { partner: "mitra" }, signatory: { name: "B", position: "Direktur" } },
        ],
        commitments: input.commitments,
        period: { from: "2020-09-09", until: "2022-09-08" },
        history,
      },
    ],
    beneficiaries: Array.from({ length: 9 }, (_, i) => ({ id: `pm-${i + 1}`, registered_on: "2020-01-01" })),
  };
  return api.Registry.fromJson(JSON.stringify(snapshot));
}

/** The vector's dated eligibility table as a function; anyone not listed is eligible. */
function enrollmentTable(input) {
  const table = input.eligibility ?? {};
  return (beneficiary, target, asOf) => {
    if (typeof asOf !== "string" || typeof target.commitment !== "string") throw new Error("bad call");
    const applies = (table[beneficiary] ?? []).filter((d) => !("from" in d) || d.from <= asOf);
    if (applies.length === 0) return { outcome: "eligible" };
    const { from, ...decision } = applies[applies.length - 1];
    return decision;
  };
}

function enrollmentStep(ledger, reg, elig, s) {
  const target = { agreement: "pks-a", commitment: s.commitment };
  switch (s.op) {
    case "enrol":
      return { enrollment: ledger.enrol(reg, elig, s.beneficiary, target, s.on) };
    case "enrol_or_wait":
      return ledger.enrolOrWait(reg, elig, s.beneficiary, target, s.on);
    case "activate":
      ledger.activate(s.enrollment, s.on);
      return null;
    case "complete":
      return { offers: ledger.complete(reg, elig, s.enrollment, s.on, undefined) };
    case "drop_out":
      return { offers: ledger.dropOut(reg, elig, s.enrollment, s.on, s.reason) };
    case "leave_waitlist":
      ledger.leaveWaitlist(s.beneficiary, target);
      return null;
    default:
      throw new Error(`unknown op ${s.op}`);
  }
}

// Explanations: matched on structure (kind, clause, rule, facts of every sentence) and on
// key phrases (substrings), never on whole texts; mirrors tests/conformance_explain.rs.
function runExplainVector(api, v) {
  const inp = v.input;
  let rule;
  if (isRuleFile(inp.rules)) {
    const set = new api.RuleSet(inp.rules);
    rule = set.rule(inp.rule ?? set.names[set.names.length - 1]);
  } else {
    rule = new api.Rule(inp.rules);
  }
  const d = rule.evaluate(inp.facts, inp.as_of, inp.context);
  if (v.expect.error) {
    try {
      d.explain(inp.lang, inp.form);
    } catch (e) {
      return checkError(e, v.expect.error);
    }
    return `expected error ${v.expect.error.code}`;
  }
  const want = v.expect.ok;
  const e = d.explain(inp.lang, inp.form);
  if (e.outcome !== want.outcome) return `outcome ${e.outcome} != ${want.outcome}`;
  const got = e.sentences;
  if (got.length !== want.sentences.length) return `${got.length} sentences, want ${want.sentences.length}: ${e}`;
  for (const [i, w] of want.sentences.entries()) {
    const g = got[i];
    for (const k of ["kind", "facts", "clause", "rule"]) {
      if (k in w && !eq(g[k] ?? null, w[k])) return `sentence ${i}: ${k} ${JSON.stringify(g[k])} != ${JSON.stringify(w[k])}`;
    }
    for (const phrase of w.contains) {
      if (!g.text.includes(phrase)) return `sentence ${i}: ${JSON.stringify(g.text)} lacks ${JSON.stringify(phrase)}`;
    }
  }
  const joined = got.map((s) => s.text).join(e.form === "short" ? " " : "\n");
  if (String(e) !== joined || e.text !== joined || e.toJSON().text !== joined) return "text is not the sentences joined";
  return null;
}

const ownSuites = {
  explain(api, file) {
    const failures = [];
    for (const v of file.vectors) {
      try {
        const why = runExplainVector(api, v);
        if (why) failures.push(`${v.id}: ${why}`.slice(0, 600));
      } catch (e) {
        failures.push(`${v.id}: threw ${e.code ?? ""} ${e.message}`.slice(0, 600));
      }
    }
    return failures;
  },
  allocation(api, file) {
    const failures = [];
    for (const v of file.vectors) {
      let got;
      try {
        got = api.allocate(v.input);
      } catch (e) {
        const want = v.expect.error;
        if (!want || want.code !== e.code || ("field" in want && want.field !== e.field)) {
          failures.push(`${v.id}: got error ${e.code} (${e.field}) ${e.message}, want ${JSON.stringify(v.expect)}`);
        }
        continue;
      }
      if (v.expect.error) {
        failures.push(`${v.id}: expected error ${JSON.stringify(v.expect.error)}`);
        continue;
      }
      failures.push(...checkAllocation(v.expect.ok, got).map((p) => `${v.id}: ${p}`));
    }
    return failures;
  },
  enrollment(api, file) {
    const failures = [];
    for (const v of file.vectors) {
      const { input, expect: want } = v;
      const reg = enrollmentRegistry(api, input);
      const elig = enrollmentTable(input);
      const ledger = new api.Enrollments();
      if (want.results.length !== input.steps.length) failures.push(`${v.id}: one result per step`);
      input.steps.forEach((s, i) => {
        const r = want.results[i];
        let got;
        try {
          got = enrollmentStep(ledger, reg, elig, s);
        } catch (e) {
          if (e.name !== "BerdayaError" || !r.error || r.error.code !== e.code) {
            failures.push(`${v.id}: step ${i}: expected ${JSON.stringify(r)}, got error ${e.code} ${e.message}`);
          }
          return;
        }
        if (!("ok" in r) || !eq(sortKeys(r.ok), sortKeys(got))) {
          failures.push(`${v.id}: step ${i}: expected ${JSON.stringify(r)}, got ok ${JSON.stringify(got)}`);
        }
      });
      if (want.waitlist) {
        const got = ledger.waitlist({ agreement: "pks-a", commitment: "jobs" }).map((e) => e.beneficiary);
        if (!eq(got, want.waitlist)) failures.push(`${v.id}: waitlist: expected ${JSON.stringify(want.waitlist)}, got ${JSON.stringify(got)}`);
      }
      if (want.states) {
        const got = Object.fromEntries(ledger.enrollments.map((e) => [String(e.id), e.state]));
        if (!eq(sortKeys(got), sortKeys(want.states))) failures.push(`${v.id}: states: expected ${JSON.stringify(want.states)}, got ${JSON.stringify(got)}`);
      }
      if (want.needs_information) {
        const got = ledger.needsInformation.map((n) => ({ beneficiary: n.beneficiary, commitment: n.target.commitment, missing: n.missing }));
        if (!eq(sortKeys(got), sortKeys(want.needs_information))) {
          failures.push(`${v.id}: needs_information: expected ${JSON.stringify(want.needs_information)}, got ${JSON.stringify(got)}`);
        }
      }
    }
    if (file.vectors.length < 30) failures.push("fewer than 30 vectors");
    return failures;
  },
  rules(api, file) {
    const failures = [];
    for (const v of file.vectors) {
      try {
        const why = runRuleVector(api, v);
        if (why) failures.push(`${v.id}: ${why}`.slice(0, 600));
      } catch (e) {
        failures.push(`${v.id}: threw ${e.code ?? ""} ${e.message}`.slice(0, 600));
      }
    }
    return failures;
  },
  domain_lifecycle(api, file) {
    const failures = [];
    for (const v of file.vectors) {
      const r = lifecycle(api, v.input);
      const want = v.expect;
      if (r.error) {
        if (!("error" in want) || want.error !== r.error[0] || want.at !== r.error[1]) {
          failures.push(`${v.id}: got error ${r.error}, want ${JSON.stringify(want)}`);
        }
        continue;
      }
      if ("error" in want) {
        failures.push(`${v.id}: expected error ${want.error}`);
        continue;
      }
      const got = (v.input.status_on ?? []).map((d) => r.agreement.statusOn(d));
      if (!eq(got, want.status)) failures.push(`${v.id}: got ${JSON.stringify(got)}, want ${JSON.stringify(want.status)}`);
      const back = new api.Agreement(r.agreement.toJSON());
      if (!back.equals(r.agreement)) failures.push(`${v.id}: wire form does not round-trip`);
    }
    return failures;
  },
  domain_facts(api, file) {
    const failures = [];
    for (const v of file.vectors) {
      const want = v.expect;
      let b;
      try {
        b = new api.Beneficiary(v.input.beneficiary);
      } catch (e) {
        if (want.error !== e.code) failures.push(`${v.id}: got ${e.code} (${e.message}), want ${JSON.stringify(want)}`);
        continue;
      }
      if ("error" in want) {
        failures.push(`${v.id}: expected error ${want.error}`);
        continue;
      }
      const facts = b.derived(v.input.as_of);
      for (const [k, value] of Object.entries(want)) {
        if (!eq(sortKeys(facts[k] ?? null), sortKeys(value))) {
          failures.push(`${v.id}: ${k} = ${JSON.stringify(facts[k])}, want ${JSON.stringify(value)}`);
        }
      }
    }
    return failures;
  },
  // Outcomes, reports and rule-change impact: mirrors tests/conformance_reports.rs.
  outcomes(api, file) {
    const failures = [];
    const reg = api.Registry.fromJson(JSON.stringify(file.registry));
    const ledger = api.Enrollments.fromJSON(file.enrollments);
    for (const v of file.vectors) {
      const out = new api.Outcomes();
      const results = [];
      let got;
      try {
        for (const s of v.input.steps) {
          try {
            results.push({ ok: out.record(reg, ledger, s.enrollment, s.on, s.outcome) });
          } catch (e) {
            if (e.name !== "BerdayaError" || !e.code.startsWith("outcome.")) throw e;
            results.push({ error: e.code });
          }
        }
        got = { ok: { results, records: out.records } };
      } catch (e) {
        if (e.name !== "BerdayaError") throw e;
        got = { error: { code: e.code } };
      }
      if (!eq(sortKeys(got), sortKeys(v.expect))) {
        failures.push(`${v.id}: got ${JSON.stringify(got)}, want ${JSON.stringify(v.expect)}`);
      }
    }
    return failures;
  },
  reports(api, file) {
    const failures = [];
    const reg = api.Registry.fromJson(JSON.stringify(file.registry));
    for (const v of file.vectors) {
      const inp = v.input;
      let got;
      if (inp.op === "suppress") {
        got = { hidden: api.suppress(inp.values, inp.lines, inp.min_cell, inp.units) };
      } else {
        const ledger = api.Enrollments.fromJSON(inp.enrollments ?? file.enrollments);
        const outcomes = api.Outcomes.fromJSON(inp.outcomes ?? file.outcomes);
        got = api.report(reg, ledger, outcomes, inp.as_of, {
          min_cell: inp.min_cell,
          expiring_within_days: inp.expiring_within_days,
        });
      }
      if (!eq(sortKeys(got), sortKeys(v.expect.ok))) {
        failures.push(`${v.id}: got ${JSON.stringify(got)}, want ${JSON.stringify(v.expect.ok)}`);
      }
    }
    return failures;
  },
  impact(api, file) {
    const failures = [];
    for (const v of file.vectors) {
      const inp = v.input;
      const pop = api.Population.fromRecords(file.population, inp.as_of);
      const got = api.ruleChangeImpact(new api.Rule(inp.before), new api.Rule(inp.after), pop, inp.as_of);
      if (!eq(sortKeys(got), sortKeys(v.expect.ok))) {
        failures.push(`${v.id}: got ${JSON.stringify(got)}, want ${JSON.stringify(v.expect.ok)}`);
      }
    }
    return failures;
  },
};

/** Known suites, so a runner can refuse files it does not understand. */
export const knownSuites = [...Object.keys(suites), ...Object.keys(ownSuites)];

/**
 * Runs every vector of `file` (a parsed conformance JSON file) and returns a list of
 * failure strings (empty when all pass).
 */
export function runFile(api, file, name = file.suite) {
  const failures = [];
  if (ownSuites[file.suite]) return ownSuites[file.suite](api, file).map((f) => `${name}: ${f}`);
  const run = suites[file.suite];
  if (!run) return [`${name}: unknown suite ${file.suite}`];
  for (const v of file.vectors) {
    let got;
    let thrown = null;
    try {
      got = run(api, v.input);
    } catch (e) {
      thrown = e;
    }
    if (v.expect.error) {
      if (!thrown) {
        failures.push(`${v.id}: expected error ${v.expect.error.code}, got ${JSON.stringify(got)}`);
      } else {
        const why = checkError(thrown, v.expect.error);
        if (why) failures.push(`${v.id}: ${why}`);
      }
    } else if (thrown) {
      failures.push(`${v.id}: unexpected error ${thrown.code ?? ""} ${thrown.message}`);
    } else if (!eq(sortKeys(got), sortKeys(v.expect.ok))) {
      failures.push(`${v.id}: got ${JSON.stringify(sortKeys(got))}, want ${JSON.stringify(sortKeys(v.expect.ok))}`);
    }
  }
  return failures;
}
