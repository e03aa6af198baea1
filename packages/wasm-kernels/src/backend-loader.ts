// What node and browser share when they load the backend: the SIMD check before any bytes are read, instantiation,
// and one error that names the backend, the path and the cause. Only the byte source differs (fs / fetch).
import type { Backend } from "@scopeflow/core/kernels";
import { createWasmKernels, type WasmKernels } from "./index";
import { assertWasmSimd } from "./module";
import type { NDArrayClass } from "./runtime";

/** Where the `.wasm` is, as a user gave it or as `defaultWasmUrl()` found it. */
export type WasmLocation = string | URL;

/**
 * Checks SIMD, reads the module with `read`, and instantiates it. Throws `Error("The wasm backend failed to load
 * from <where>: <why>")` with the original error as `cause`.
 */
export async function loadWasmBackend(
  where: WasmLocation,
  read: (where: WasmLocation) => Promise<BufferSource | WebAssembly.Module>,
  NDArray: NDArrayClass,
): Promise<WasmKernels & { backend: Backend }> {
  const shown = where instanceof URL ? where.href : where;
  try {
    assertWasmSimd();
    return await createWasmKernels(await read(where), { NDArray });
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`The wasm backend failed to load from ${shown}: ${why}. The reference backend stays selected.`, {
      cause,
    });
  }
}
