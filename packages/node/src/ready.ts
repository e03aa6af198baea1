// tf.ready() for Node: reads kernels.wasm from disk (next to @scopeflow/wasm-kernels, or options.wasmPath),
// registers the "wasm" backend and selects it. Lazy and once; a failure leaves the reference backend selected.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { NDArray, registerBackend, setBackend } from "@scopeflow/core";
import { createReady, type WasmLocation } from "@scopeflow/wasm-kernels";

export interface ReadyOptions {
  /** The `.wasm` file: a path or a file: URL. Default: `kernels.wasm` of the installed @scopeflow/wasm-kernels. */
  wasmPath?: WasmLocation;
}

async function read(where: WasmLocation): Promise<Uint8Array> {
  return new Uint8Array(await readFile(typeof where === "string" ? where : fileURLToPath(where.href)));
}

const load = createReady(read, { NDArray, registerBackend, setBackend });

/**
 * Loads the WebAssembly SIMD kernels and selects the "wasm" backend (`tf.getBackend()` then says "wasm").
 * The first successful call loads; later calls only select the backend again. A failed load can be retried.
 */
export function ready(options: ReadyOptions = {}): Promise<void> {
  return load(options.wasmPath);
}
