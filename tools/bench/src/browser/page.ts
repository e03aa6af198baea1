// The bench inside a Chromium page (bundled to dist/browser/page.js, served by src/browser/server.ts): the same
// host as in Node, over @scopeflow/browser, tfjs from the bundle, and onnxruntime-web loaded from the server
// (its .mjs spawns its own workers from its URL, so it is not bundled). The driver calls `scopeflowBench.sample`.
import * as scopeflow from "@scopeflow/browser";
import { createHost } from "../host";
import type { Ort } from "../peers/onnxruntime";
import type { Scopeflow } from "../peers/scopeflow";

/** Where the server puts onnxruntime-web's dist folder. */
const ORT_DIR = "/ort/";
let ortThreads: number | undefined;

const host = createHost({
  // @scopeflow/browser exports the API of @scopeflow/node, less the file-system writers the cases do not use.
  scopeflow: scopeflow as unknown as Scopeflow,
  tfjsWasmDir: "/tfjs-wasm/",
  limitsWasm: async (file) => (await fetch(`/limits/${file}`)).arrayBuffer(),
  // performance.now() ticks every 100 µs in a page that is not cross-origin isolated (5 µs in one that is).
  minSampleMs: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated ? 1 : 10,
  async ort(threads) {
    const ort: Ort = await import(/* @vite-ignore */ `${ORT_DIR}ort.wasm.min.mjs`);
    if (ortThreads === undefined) {
      ort.env.wasm.wasmPaths = ORT_DIR;
      ort.env.wasm.numThreads = threads;
      ortThreads = threads;
    } else if (ortThreads !== threads) {
      throw new Error(`onnxruntime-web runs ${ortThreads} thread(s) in this page, not ${threads}`);
    }
    return ort;
  },
});

Object.assign(globalThis, {
  scopeflowBench: {
    sample: host.sample,
    /** What the table's header says about the page. */
    info: async () => {
      await scopeflow.ready();
      const ort: Ort = await import(/* @vite-ignore */ `${ORT_DIR}ort.wasm.min.mjs`);
      const page = globalThis as unknown as { navigator: { userAgent: string }; crossOriginIsolated: boolean };
      return {
        userAgent: page.navigator.userAgent,
        crossOriginIsolated: page.crossOriginIsolated,
        ortVersion: ort.env.versions.web,
        scopeflow: scopeflow.backendInfo(),
      };
    },
  },
});
