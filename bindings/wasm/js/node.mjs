// The Node.js entry of the npm package: the browser build (pkg/web), instantiated
// synchronously from its .wasm file, so that one .wasm serves both and `import { Rule } from
// "berdaya"` works in Node without `await init()` (calling it anyway is harmless).
import { readFileSync } from "node:fs";
import { initSync } from "../pkg/web/berdaya.js";

initSync({ module: readFileSync(new URL("../pkg/web/berdaya_bg.wasm", import.meta.url)) });

export * from "../pkg/web/berdaya.js";
export { default } from "../pkg/web/berdaya.js";
