// `npx pnpm@12.4.2 bench:browser`: the same cases in Chromium (what @scopeflow/browser users get), driven with
// Playwright over the system Chromium, in two settings: a page without cross-origin isolation (the default: no
// SharedArrayBuffer, so every peer runs one thread) and isolated pages (COOP + COEP), where onnxruntime-web also
// runs 2 threads in a page of its own (a runtime fixes its thread count when it first initializes). Peers:
// scopeflow wasm, tfjs wasm, onnxruntime-web. Writes the Chromium sections of RESULTS.md.
// Flags as `bench`: --quick, --only=<substring>, --budget=<ms>, --peers=..., --no-write.
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "@scopeflow/test-kit/chromium";
import { type Browser, chromium, type Page } from "playwright";
import { parseArgs } from "./args";
import { startServer } from "./browser/server";
import { allCases } from "./cases";
import { PEER_TITLES, type PeerId, type Row, renderText } from "./format";
import type { Outcome } from "./host";
import { writeSection } from "./results";
import { rowOf, runCase, type Sampler } from "./runner";
import { systemInfo } from "./system";

interface PageInfo {
  userAgent: string;
  crossOriginIsolated: boolean;
  /** tf.backendInfo() after tf.ready(): the build, the default threads, and why 1 when it is. */
  scopeflow: { build?: string; numThreads: number; reason?: string };
  ortVersion: string;
}

type BenchWindow = {
  scopeflowBench: {
    sample(peer: PeerId, caseId: string, budgetMs: number): Promise<Outcome>;
    info(): Promise<PageInfo>;
  };
};

/** A page of the bench, loaded and ready to sample. */
async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  page.on("pageerror", (error) => process.stderr.write(`page error: ${error.message}\n`));
  await page.goto(url);
  await page.waitForFunction(() => "scopeflowBench" in globalThis);
  return page;
}

const sampleOn =
  (page: Page, peer: PeerId): Sampler["sample"] =>
  (caseId, budgetMs) =>
    page.evaluate(([p, c, b]) => (globalThis as unknown as BenchWindow).scopeflowBench.sample(p, c, b), [
      peer,
      caseId,
      budgetMs,
    ] as const);

interface Setting {
  key: string;
  title: string;
  /** Which page each peer runs in. */
  pages: { path: string; peers: PeerId[] }[];
  notes: string[];
}

const SETTINGS: Setting[] = [
  {
    key: "chromium",
    title: "Chromium, page not cross-origin isolated",
    pages: [{ path: "/plain.html", peers: ["sf-wasm", "tfjs-wasm", "ort-1", "limit"] }],
    notes: [
      "Without cross-origin isolation a page has no SharedArrayBuffer: onnxruntime-web and scopeflow run one thread (tf.backendInfo() gives the reason); the threaded columns are in the isolated table.",
    ],
  },
  {
    key: "chromium-isolated",
    title: "Chromium, cross-origin isolated (COOP same-origin, COEP require-corp)",
    pages: [
      { path: "/isolated.html", peers: ["sf-wasm-1", "sf-wasm", "tfjs-wasm", "ort-1", "limit"] },
      { path: "/isolated.html", peers: ["ort-2"] },
    ],
    notes: ["onnxruntime-web with 2 threads runs in a page of its own (its thread count is fixed per page)."],
  },
];

const NOTES = [
  "Same cases and method as the Node table; the scopeflow reference backend and tfjs-cpu are left out (minutes per case at these sizes).",
  "onnxruntime-web copies every output out of its heap (its API has no resident outputs); the other kernel cases do not read the output back.",
];

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const cases = allCases().filter((c) => (!options.quick || c.quick) && (!options.only || c.id.includes(options.only)));
  const { server, origin } = await startServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    for (const setting of SETTINGS) {
      const started = performance.now();
      const samplers: Sampler[] = [];
      let info: PageInfo | undefined;
      for (const { path, peers } of setting.pages) {
        const wanted = peers.filter((p) => options.peers.has(p));
        if (wanted.length === 0) continue;
        const page = await openPage(browser, origin + path);
        info ??= await page.evaluate(() => (globalThis as unknown as BenchWindow).scopeflowBench.info());
        for (const peer of wanted) samplers.push({ peer, sample: sampleOn(page, peer) });
      }
      if (!info) continue;
      const rows: Row[] = [];
      for (const spec of cases) {
        const cells = await runCase(spec, samplers, options);
        rows.push(rowOf(spec, cells));
        process.stderr.write(
          `${setting.key} ${spec.id}: ${Object.entries(cells)
            .map(([p, c]) => `${PEER_TITLES[p as PeerId]} ${"ms" in c ? `${c.ms.toFixed(3)} ms` : "-"}`)
            .join(", ")}\n`,
        );
      }
      const sys = systemInfo();
      const intro = [
        `Date: ${sys.date}; ${info.userAgent}; crossOriginIsolated: ${info.crossOriginIsolated}; scopeflow: ${info.scopeflow.build} build, ${info.scopeflow.numThreads} thread(s)${info.scopeflow.reason ? ` (${info.scopeflow.reason})` : ""}; CPU: ${sys.cpu} (${sys.cores} cores, load average ${sys.load})`,
        `Peers: @tensorflow/tfjs-core with -backend-wasm (SIMD, 1 thread); onnxruntime-web ${info.ortVersion} (wasm); scopeflow wasm via await tf.ready() (@scopeflow/browser, the build WebAssembly.validate picks); hand-written limits: tools/bench/limits in the same build, 1 thread`,
        `Method: median of the samples taken for ${options.budgetMs} ms per case and peer, in ${options.rounds} interleaved rounds each after a warm-up; ratio = rival time / scopeflow-wasm time (> 1: scopeflow ahead).`,
        `Total time: ${((performance.now() - started) / 1000).toFixed(0)} s${options.quick ? " (--quick subset)" : ""}.`,
      ];
      console.log(`\n${setting.title}\n${intro.join("\n")}\n\n${renderText(rows)}`);
      if (options.write && !options.quick && !options.only && !process.argv.some((a) => a.startsWith("--peers="))) {
        console.log(`Wrote ${writeSection(setting.key, setting.title, intro, rows, [...setting.notes, ...NOTES])}`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
