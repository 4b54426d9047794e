import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

import * as api from "berdaya";
import { runFile, knownSuites } from "./conformance-runner.mjs";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "conformance");

function jsonFiles(d) {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsonFiles(join(d, e.name)) : e.name.endsWith(".json") ? [join(d, e.name)] : [],
  );
}

const files = jsonFiles(dir).map((p) => ({ path: p, file: JSON.parse(readFileSync(p, "utf8")) }));

test("conformance files exist", () => {
  assert.ok(files.length > 0, `no vectors under ${dir}`);
});

for (const { path, file } of files) {
  test(`conformance ${path.slice(dir.length + 1)}`, (t) => {
    if (!knownSuites.includes(file.suite)) {
      // A suite that this runner does not implement yet is a failure, never a silent skip.
      assert.fail(`suite ${file.suite} has no JS runner`);
    }
    const failures = runFile(api, file, path);
    assert.deepEqual(failures, [], failures.join("\n"));
    t.diagnostic(`${file.vectors.length} vectors`);
  });
}
