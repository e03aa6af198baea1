// The tfjs peers: @tensorflow/tfjs-core with -backend-cpu and -backend-wasm (single-threaded SIMD build, .wasm
// loaded from the folder the platform gives: the package's dist in Node, a served copy in Chromium).
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
// tfjs-core's Node bundle registers no gradients (the @tensorflow/tfjs umbrella does, from these ESM files, which
// Node cannot load as they sit in a CommonJS package): tsup bundles them in. They register into tfjs's global
// gradient registry and run their ops on the global engine, so the Node bundle's engine sees them.
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import { setThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

export type Tfjs = typeof tf;
export type TfjsBackend = "cpu" | "wasm";

let initialized = false;

/**
 * Selects a tfjs backend; the first call points the wasm backend at `wasmDir` (ending in "/") and turns threads
 * off.
 */
export async function useTfjs(backend: TfjsBackend, wasmDir: string): Promise<Tfjs> {
  if (!initialized) {
    setWasmPaths(wasmDir);
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    setThreadsCount(1);
    initialized = true;
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend '${backend}' failed to initialize`);
  return tf;
}

export function tfjsVersion(): string {
  return tf.version_core;
}
