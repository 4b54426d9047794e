// Serves the repository on 127.0.0.1, opens tests/browser/index.html in headless Chromium,
// and fails unless every conformance vector passes in the browser with no console errors.
import { createServer } from "node:http";
import { readFile, readdir } from "node:fs/promises";
import { join, dirname, extname, resolve, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json", ".wasm": "application/wasm" };

async function vectorList() {
  const out = [];
  async function walk(d) {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith(".json")) out.push(relative(root, p).split(sep).join("/"));
    }
  }
  await walk(join(root, "conformance"));
  return out.sort();
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, "http://127.0.0.1");
    if (url.pathname === "/__vectors") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(await vectorList()));
      return;
    }
    const path = resolve(root, "." + decodeURIComponent(url.pathname));
    if (!path.startsWith(root + sep)) throw new Error("outside root");
    const body = await readFile(path);
    res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const port = server.address().port;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});
let code = 1;
try {
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.goto(`http://127.0.0.1:${port}/bindings/wasm/tests/browser/index.html`);
  await page.waitForFunction(() => window.__berdaya_result !== undefined, null, { timeout: 60000 });
  const r = await page.evaluate(() => window.__berdaya_result);
  const problems = [...r.failures, ...consoleErrors.map((e) => `console: ${e}`)];
  if (r.masked !== "35**************") problems.push(`NIK shown unmasked: ${r.masked}`);
  if (r.vectors === 0) problems.push("no vectors ran");
  console.log(`browser: ${r.vectors} vectors in ${r.files} files`);
  for (const p of problems) console.log(`  FAIL ${p}`);
  console.log(`${r.vectors - r.failures.length} passed, ${problems.length} failed`);
  code = problems.length === 0 ? 0 : 1;
} finally {
  await browser.close();
  server.close();
}
process.exit(code);
