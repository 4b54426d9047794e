// Load time of the npm package in Node: `import("berdaya")` (read the .wasm, compile,
// instantiate, run the glue) in fresh processes; median of LOAD_RUNS (9). The Chromium figure
// (fetch + compile + instantiate via `init()`) is printed by bindings/wasm/tests/browser/demo.mjs.
//
//   node benches/wasm/load.mjs
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const entry = fileURLToPath(new URL("../../bindings/wasm/js/node.mjs", import.meta.url));
const RUNS = Number(process.env.LOAD_RUNS ?? 9);
const code = `const t = performance.now(); await import(${JSON.stringify(entry)}); console.log(performance.now() - t);`;
const ms = [];
for (let k = 0; k < RUNS; k++) {
  ms.push(Number(execFileSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" })));
}
ms.sort((a, b) => a - b);
console.log(`import("berdaya") in a fresh Node ${process.version} process: median ${ms[Math.floor(RUNS / 2)].toFixed(1)} ms (min ${ms[0].toFixed(1)}, max ${ms[RUNS - 1].toFixed(1)}) over ${RUNS} runs`);
