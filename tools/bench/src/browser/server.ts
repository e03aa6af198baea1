// A static server for bench:browser: the bundled page, scopeflow's kernels, tfjs's and onnxruntime-web's .wasm,
// and two documents, /isolated.html (COOP same-origin + COEP require-corp: crossOriginIsolated, SharedArrayBuffer,
// threads) and /plain.html (neither: what a page gets by default).
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** URL prefix → folder on disk. */
const ROOTS: Record<string, string> = {
  "/bench/": fileURLToPath(new URL("./browser/", import.meta.url)), // dist/browser, next to dist/bench-browser.js
  "/limits/": fileURLToPath(new URL("./limits/", import.meta.url)), // the hand-written limits' .wasm
  // page.js is bundled from wasm-kernels' dist, whose `new URL("../build/...", import.meta.url)` lands here.
  "/build/": dirname(require.resolve("@scopeflow/wasm-kernels/kernels.wasm")),
  "/tfjs-wasm/": dirname(require.resolve("@tensorflow/tfjs-backend-wasm")),
  "/ort/": dirname(require.resolve("onnxruntime-web")),
};

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".wasm": "application/wasm",
  ".map": "application/json",
};

const PAGE =
  '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="/bench/page.js"></script>';

const ISOLATION = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };

async function respond(
  path: string,
): Promise<{ status: number; headers: Record<string, string>; body: string | Buffer }> {
  if (path === "/isolated.html")
    return { status: 200, headers: { "Content-Type": "text/html", ...ISOLATION }, body: PAGE };
  if (path === "/plain.html") return { status: 200, headers: { "Content-Type": "text/html" }, body: PAGE };
  const prefix = Object.keys(ROOTS).find((p) => path.startsWith(p));
  const file = prefix && normalize(join(ROOTS[prefix]!, path.slice(prefix.length)));
  if (!file || !file.startsWith(ROOTS[prefix!]!)) return { status: 404, headers: {}, body: "not found" };
  try {
    const body = await readFile(file);
    // Same-origin subresources pass COEP; CORP says so explicitly for the workers onnxruntime starts.
    const headers = { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", ...ISOLATION };
    return { status: 200, headers: { ...headers, "Cross-Origin-Resource-Policy": "same-origin" }, body };
  } catch {
    return { status: 404, headers: {}, body: "not found" };
  }
}

/** Listens on a free port of 127.0.0.1; resolves to the server and its origin. */
export async function startServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    void respond(path).then(({ status, headers, body }) => {
      res.writeHead(status, headers);
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the bench server has no port");
  return { server, origin: `http://127.0.0.1:${address.port}` };
}
