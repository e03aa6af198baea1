// The four packages as npm users get them: packed with pnpm (workspace versions filled in), installed with plain npm
// into a project outside the monorepo, then imported as ESM and CJS under --disallow-code-generation-from-strings,
// type-checked with skipLibCheck: false (node16 and bundler resolution, no DOM lib), linted by publint and attw, and
// bundled by Vite into a page that loads the wasm in Chromium under a strict Content-Security-Policy.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../test-kit/chromium";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const HERE = fileURLToPath(new URL(".", import.meta.url));
const PACKAGES = ["core", "wasm-kernels", "node", "browser"];
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
const BIN = join(HERE, "node_modules/.bin");
/** The CSP a strict site sends: no eval, no Function, WebAssembly compilation allowed. */
const CSP = "script-src 'self' 'wasm-unsafe-eval'";

let project = "";
const tarballs = new Map<string, string>();
/** Outputs of the slower tools (tsc, publint, attw, vite build), run once in beforeAll: a busy machine needs minutes. */
const outputs = new Map<string, { status: number | null; output: string }>();

function run(command: string, args: string[], cwd: string): { status: number | null; output: string } {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function runOk(command: string, args: string[], cwd: string): string {
  const { status, output } = run(command, args, cwd);
  if (status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${status}:\n${output}`);
  return output;
}

const TSCONFIGS = ["tsconfig.node16.json", "tsconfig.bundler.json", "tsconfig.browser.json"];
const tsconfig = (name: string, module: string, resolution: string, lib: string[], files: string[]) =>
  writeFileSync(
    join(project, name),
    JSON.stringify({
      compilerOptions: {
        noEmit: true,
        strict: true,
        skipLibCheck: false,
        target: "es2022",
        module,
        moduleResolution: resolution,
        lib,
        types: [],
      },
      files,
    }),
  );

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), "scopeflow-consumer-"));
  const packs = join(project, "packs");
  mkdirSync(packs);
  for (const name of PACKAGES) {
    runOk("npx", ["-y", "pnpm@12.4.2", "pack", "--pack-destination", packs], join(ROOT, "packages", name));
  }
  for (const file of readdirSync(packs)) tarballs.set(file.replace(/^scopeflow-(.*)-\d+\.\d+\.\d+\.tgz$/, "$1"), file);
  expect([...tarballs.keys()].sort()).toEqual([...PACKAGES].sort());
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", version: "0.0.0", private: true }));
  const files = PACKAGES.map((name) => `./packs/${tarballs.get(name)}`);
  runOk("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...files], project);
  cpSync(join(HERE, "fixture"), project, { recursive: true });
  tsconfig("tsconfig.node16.json", "node16", "node16", ["es2022"], ["types.mts", "types.cts"]);
  tsconfig("tsconfig.bundler.json", "esnext", "bundler", ["es2022"], ["types.mts"]);
  tsconfig("tsconfig.browser.json", "esnext", "bundler", ["es2022", "dom"], ["browser-types.mts"]);
  for (const config of TSCONFIGS) outputs.set(config, run("node", [TSC, "-p", config], project));
  for (const name of PACKAGES) {
    const tarball = `packs/${tarballs.get(name)}`;
    outputs.set(`publint ${name}`, run(join(BIN, "publint"), ["--strict", tarball], project));
    // The kernels builds (.wasm) are binary asset exports, not modules: there is nothing for attw to resolve types for.
    const exclude =
      name === "wasm-kernels"
        ? [
            "--exclude-entrypoints",
            "./kernels.wasm",
            "./kernels-relaxed.wasm",
            "./kernels-threads.wasm",
            "./kernels-relaxed-threads.wasm",
          ]
        : [];
    outputs.set(`attw ${name}`, run(join(BIN, "attw"), [tarball, ...exclude], project));
  }
}, 480_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

const STRICT = ["--disallow-code-generation-from-strings"];

describe("installed with npm outside the monorepo", () => {
  it("ESM: every package and subpath imports, trains on wasm, writes and reads every file format without eval", () => {
    const logdir = join(project, "logs");
    const out = JSON.parse(runOk("node", [...STRICT, "esm.mjs", logdir], project));
    expect(out).toEqual({
      backend: "wasm",
      simd: true,
      restored: out.before,
      before: [expect.closeTo(0.2, 6), expect.closeTo(0.4, 6)],
      eventSteps: [0, 1, 2],
      imported: ["a", "b", "s"],
      sameFileWriter: true,
      sameDType: true,
      memoryFs: "function",
    });
    expect(readdirSync(logdir).sort()).toEqual(
      expect.arrayContaining(["checkpoint", "graph.pb", "graph.pbtxt", "model.ckpt.index", "model.ckpt.meta"]),
    );
  });

  it("CJS: the subpaths are the package root's modules (a graph exports and imports across them)", () => {
    const out = JSON.parse(runOk("node", [...STRICT, "cjs.cjs"], project));
    expect(out).toEqual({
      nodes: ["a", "b", "m"],
      imported: ["a", "b", "m"],
      value: [3, 6],
      sameFileWriter: true,
      sameMemoryFs: true,
      sameNDArray: true,
    });
  });

  it.each(TSCONFIGS)(
    "declarations type-check with skipLibCheck: false (%s; only the browser one has the DOM lib)",
    (config) => {
      expect(outputs.get(config)).toEqual({ status: 0, output: "" });
    },
  );

  it.each(PACKAGES)("publint --strict finds nothing in @scopeflow/%s", (name) => {
    const { status, output } = outputs.get(`publint ${name}`) ?? { status: null, output: "" };
    expect(output).toContain("Linting...");
    expect(output).not.toMatch(/Errors:|Warnings:/);
    expect(status).toBe(0);
  });

  it.each(PACKAGES)("attw finds no problem in @scopeflow/%s (node10, node16 CJS and ESM, bundler)", (name) => {
    const { status, output } = outputs.get(`attw ${name}`) ?? { status: null, output: "" };
    expect(output).toContain("No problems found");
    expect(status).toBe(0);
  });
});

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".map": "application/json",
};

function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = join(dir, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    const file = existsSync(path) && !path.endsWith("/") ? path : join(dir, "index.html");
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "content-security-policy": CSP,
    });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// test-kit's rule: the Chromium it locates, skipped when there is none (one line says so), required under CI=true.
describe.skipIf(CHROMIUM_PATH === undefined)(`a Vite page in Chromium, CSP ${CSP}`, () => {
  const root = () => join(project, "page");
  beforeAll(async () => {
    const requireHere = createRequire(join(HERE, "package.json"));
    const { build } = (await import(requireHere.resolve("vite"))) as typeof import("vite");
    await build({ root: root(), logLevel: "error", build: { outDir: join(root(), "dist"), target: "es2022" } });
  }, 240_000);

  it("finds the .wasm with no configuration, trains on wasm and writes an event file and a checkpoint", async () => {
    expect(readdirSync(join(root(), "dist/assets")).some((f) => f.endsWith(".wasm"))).toBe(true);
    const server = await serve(join(root(), "dist"));
    const { chromium } = await import("playwright");
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const address = server.address() as { port: number };
      await page.goto(`http://127.0.0.1:${address.port}/`);
      await page.waitForFunction(() => document.body.dataset.result !== undefined, undefined, { timeout: 20_000 });
      const result = JSON.parse((await page.evaluate(() => document.body.dataset.result)) ?? "{}");
      expect(result.error).toBeUndefined();
      expect(result.backend).toBe("wasm");
      expect(result.w[0]).toBeCloseTo(0.2, 6);
      expect(result.w[1]).toBeCloseTo(0.4, 6);
      expect(result.files).toEqual(
        expect.arrayContaining([
          "/logs/checkpoint",
          "/logs/events.out.tfevents",
          "/logs/model.ckpt.index",
          "/logs/model.ckpt.meta",
        ]),
      );
    } finally {
      await browser.close();
      server.close();
    }
  });
});
