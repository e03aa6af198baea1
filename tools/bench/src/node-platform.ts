// The Node platform of the bench: @scopeflow/node, tfjs-backend-wasm's .wasm from its dist folder, and
// onnxruntime-web's Node build (its threads are worker_threads).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import * as scopeflow from "@scopeflow/node";
import type { Platform } from "./host";
import type { Ort } from "./peers/onnxruntime";

let ortThreads: number | undefined;

export const nodePlatform: Platform = {
  scopeflow,
  tfjsWasmDir: `${dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm"))}/`,
  // dist/bench.js and dist/host-process.js sit next to dist/limits/.
  limitsWasm: (file) => readFile(new URL(`./limits/${file}`, import.meta.url)),
  async ort(threads) {
    const ort: Ort = await import("onnxruntime-web");
    if (ortThreads === undefined) {
      ort.env.wasm.numThreads = threads;
      ortThreads = threads;
    } else if (ortThreads !== threads) {
      throw new Error(`onnxruntime-web runs ${ortThreads} thread(s) in this process, not ${threads}`);
    }
    return ort;
  },
};
