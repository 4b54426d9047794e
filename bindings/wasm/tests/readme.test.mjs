// The README's JavaScript quickstart must run as written (console.assert made fatal).
import { test } from "node:test";
import { readFileSync, writeFileSync, rmSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const readme = readFileSync(join(here, "..", "..", "..", "README.md"), "utf8");

test("README js blocks run", async () => {
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  if (blocks.length === 0) throw new Error("README has no js block");
  const original = console.assert;
  console.assert = (ok, ...msg) => {
    if (!ok) throw new Error(`README assertion failed ${msg.join(" ")}`);
  };
  try {
    for (const [i, block] of blocks.entries()) {
      const file = join(here, `.readme-${i}.mjs`);
      writeFileSync(file, block);
      try {
        await import(pathToFileURL(file).href);
      } finally {
        rmSync(file);
      }
    }
  } finally {
    console.assert = original;
  }
});
