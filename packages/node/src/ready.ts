// tf.ready() for Node: reads kernels.wasm from disk (next to @scopeflow/wasm-kernels, or options.wasmPath),
// registers the "wasm" backend and selects it. Lazy and once; a failure leaves the reference backend selected.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { getBackend, NDArray, registerBackend, setBackend } from "@scopeflow/core";
import { type BackendInfo, createReady, type WasmLocation } from "@scopeflow/wasm-kernels";

export type { BackendInfo };

export interface ReadyOptions {
  /** The `.wasm` file: a path or a file: URL. Default: `kernels.wasm` of the installed @scopeflow/wasm-kernels. */
  wasmPath?: WasmLocation;
  /**
   * Threads big kernels (MatMul, Conv2D and its gradients, large elementwise ops) split across, this one included.
   * Default: the cores available; 1 where memory cannot be shared with workers. Results are the same bits for any count.
   */
  numThreads?: number;
}

async function read(where: WasmLocation): Promise<Uint8Array> {
  return new Uint8Array(await readFile(typeof where === "string" ? where : fileURLToPath(where.href)));
}

const wasm = createReady(read, { NDArray, registerBackend, setBackend, getBackend });

/**
 * Loads the WebAssembly SIMD kernels and selects the "wasm" backend (`tf.getBackend()` then says "wasm"), with big
 * kernels split across `numThreads` threads (default: the cores available; 1 where memory cannot be shared with
 * workers). The first successful call loads; later calls select the backend again and restart its worker threads
 * for their `numThreads`. A failed load can be retried.
 */
export function ready(options: ReadyOptions = {}): Promise<void> {
  return wasm.ready(options);
}

/**
 * The selected backend and, once `tf.ready()` has loaded the wasm kernels, their build ("relaxed-simd" or
 * "simd128"), the threads they split across, and the reason when only one thread could run.
 */
export function backendInfo(): BackendInfo {
  return wasm.backendInfo();
}
