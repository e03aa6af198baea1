// tf.ready() for browsers: fetches kernels.wasm (next to @scopeflow/wasm-kernels, or options.wasmPath), compiles it
// while it streams when the server sends application/wasm (else from an ArrayBuffer), registers the "wasm" backend
// and selects it. Lazy and once; a failure leaves the reference backend selected.
import { getBackend, NDArray, registerBackend, setBackend } from "@scopeflow/core";
import { type BackendInfo, createReady, type WasmLocation } from "@scopeflow/wasm-kernels";

export type { BackendInfo };

export interface ReadyOptions {
  /** URL of the `.wasm` (absolute or relative to the page). Default: `kernels.wasm` of @scopeflow/wasm-kernels. */
  wasmPath?: WasmLocation;
  /**
   * Threads big kernels (MatMul, Conv2D and its gradients, large elementwise ops) split across, this one included.
   * Default: the cores available; 1 where memory cannot be shared with workers (a page that is not
   * cross-origin isolated: serve it with COOP/COEP headers). Results are the same bits for any count.
   */
  numThreads?: number;
}

/** Why a file: URL cannot be read here, and what to use instead (Node resolves the default `.wasm` to one). */
export const FILE_URL_HINT =
  "fetch cannot read file: URLs. In Node, use @scopeflow/node (the same API; its ready() reads the .wasm from disk), " +
  "or pass wasmPath as an http(s) URL";

async function read(where: WasmLocation): Promise<WebAssembly.Module | Uint8Array> {
  const href = typeof where === "string" ? where : where.href;
  if (href.startsWith("file:")) throw new Error(FILE_URL_HINT);
  const response = await fetch(href);
  if (!response.ok)
    throw new Error(`GET ${response.url || String(where)} answered ${response.status} ${response.statusText}`.trim());
  const type = response.headers.get("content-type") ?? "";
  // compileStreaming rejects any other MIME type, so a misconfigured server falls back to the bytes.
  if (typeof WebAssembly.compileStreaming === "function" && type.split(";")[0].trim() === "application/wasm") {
    return WebAssembly.compileStreaming(response);
  }
  return new Uint8Array(await response.arrayBuffer());
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
