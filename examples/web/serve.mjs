// A tiny static server for the offline eligibility checker, on 127.0.0.1 only, no
// dependencies. Serves this folder at `/`, the browser build of the npm package
// (bindings/wasm/pkg/web, built by scripts/build-wasm) at `/pkg/`, and the East Java sample
// (examples/data) at `/data/`.
//
//   node examples/web/serve.mjs [port]     (default 8080; 0 picks a free port)
//
// Also importable: `const { server, url } = await serve(0)`.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const here = resolve(fileURLToPath(new URL(".", import.meta.url)));
const root = resolve(here, "../..");
const mounts = [
  ["/pkg/", join(root, "bindings/wasm/pkg/web")],
  ["/data/", join(root, "examples/data")],
  ["/", here],
];
const types = {
  ".html": "text/html; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
};
// Everything the page needs is on this server: forbid any other origin outright.
const csp =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

async function handle(req, res) {
  const path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
  const [prefix, dir] = mounts.find(([p]) => path.startsWith(p));
  const rel = path.slice(prefix.length) || "index.html";
  const file = normalize(join(dir, rel));
  if (!(file === dir || file.startsWith(dir + sep)) || rel.includes("\0")) {
    res.writeHead(403).end();
    return;
  }
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new Error("not a file");
    const body = await readFile(file);
    res.writeHead(200, {
      "content-type": types[extname(file)] ?? "application/octet-stream",
      "content-security-policy": csp,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }
}

export function serve(port = 8080) {
  return new Promise((ok, fail) => {
    const server = createServer((req, res) => {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405).end();
        return;
      }
      handle(req, res).catch(() => res.writeHead(500).end());
    });
    server.on("error", fail);
    server.listen(port, "127.0.0.1", () => {
      ok({ server, url: `http://127.0.0.1:${server.address().port}/` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { url } = await serve(Number(process.argv[2] ?? 8080));
  console.log(`berdaya offline checker: ${url}`);
}
