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
};

/** Known suites, so a runner can refuse files it does not understand. */
export const knownSuites = Object.keys(suites);

/**
 * Runs every vector of `file` (a parsed conformance JSON file) and returns a list of
 * failure strings (empty when all pass).
 */
export function runFile(api, file, name = file.suite) {
  const failures = [];
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
