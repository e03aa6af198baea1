// Loading: SIMD feature checks, the choice of module, instantiation with wrapper-owned memory, and the raw exports.
import type { UrlLike, WasmMemory, WasmModule, WasmSource } from "./wasm-types";

/** The smallest module using a v128 instruction (i8x16.splat + i8x16.popcnt), as wasm-feature-detect's simd probe. */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/**
 * The smallest module using f32x4.relaxed_madd (three i8x16.splat operands, opcode 0xfd 0x105): what validates it
 * runs the relaxed-SIMD build, as XNNPACK picks its wasmrelaxedsimd kernels.
 */
const RELAXED_SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 19, 1, 17, 0, 65, 0, 253, 15, 65, 0, 253, 15, 65,
  0, 253, 15, 253, 133, 2, 11,
]);

/** What a runtime says about itself in error messages: Node's version, else the user agent. */
export function describeRuntime(): string {
  const g = globalThis as { process?: { versions?: { node?: string } }; navigator?: { userAgent?: string } };
  if (g.process?.versions?.node) return `Node.js ${g.process.versions.node}`;
  if (g.navigator?.userAgent) return g.navigator.userAgent;
  return "this JavaScript runtime";
}

export function hasWasmSimd(): boolean {
  return typeof WebAssembly === "object" && WebAssembly.validate(SIMD_PROBE);
}

/** Relaxed SIMD: on by default in Chrome >= 114 and Node >= 22; Node 20 needs --experimental-wasm-relaxed-simd. */
export function hasWasmRelaxedSimd(): boolean {
  return typeof WebAssembly === "object" && WebAssembly.validate(RELAXED_SIMD_PROBE);
}

/**
 * The two builds of the same kernels (asconfig.json targets "release" and "relaxed"): "relaxed-simd" fuses the
 * kernels' multiply-adds (f32x4.relaxed_madd), "simd128" runs them as mul then add.
 */
export type InstructionSet = "simd128" | "relaxed-simd";

/** The build this runtime can run fastest: relaxed SIMD where `WebAssembly.validate` accepts it. */
export function bestInstructionSet(): InstructionSet {
  return hasWasmRelaxedSimd() ? "relaxed-simd" : "simd128";
}

/**
 * Where the build for `set` sits relative to this module (dist/ or src/ alike), by default the best one this
 * runtime validates; `threaded` names its shared-memory twin (asconfig.json targets "threads" and
 * "relaxed-threads": the same source over a shared imported memory, for worker threads). `tf.ready()` loads this
 * unless given a `wasmPath`. Literal `new URL(..., import.meta.url)` so that bundlers see and copy every file.
 */
export function kernelsWasmUrl(set: InstructionSet = bestInstructionSet(), threaded = false): UrlLike {
  if (threaded) {
    return set === "relaxed-simd"
      ? new URL("../build/kernels-relaxed-threads.wasm", import.meta.url)
      : new URL("../build/kernels-threads.wasm", import.meta.url);
  }
  return set === "relaxed-simd"
    ? new URL("../build/kernels-relaxed.wasm", import.meta.url)
    : new URL("../build/kernels.wasm", import.meta.url);
}

/** Throws when the runtime cannot run the kernels, naming the runtime and what it lacks. */
export function assertWasmSimd(): void {
  if (typeof WebAssembly !== "object") {
    throw new Error(
      `@scopeflow/wasm-kernels: ${describeRuntime()} has no WebAssembly. Use the reference backend (do not call tf.ready()) or a runtime with WebAssembly SIMD.`,
    );
  }
  if (!hasWasmSimd()) {
    throw new Error(
      `@scopeflow/wasm-kernels: ${describeRuntime()} lacks WebAssembly SIMD (the fixed-width simd128 feature), which the kernels need. ` +
        "Use Node.js >= 16.4, Chrome >= 91, Firefox >= 89 or Safari >= 16.4, or stay on the reference backend (do not call tf.ready()).",
    );
  }
}

/** Every export is a function of numbers (pointers, counts, flags, scalars); booleans pass as 0 or 1. */
export type KernelExports = Record<string, (...args: number[]) => number>;

export interface LoadedModule {
  readonly exports: KernelExports;
  readonly memory: WasmMemory;
  readonly heapBase: number;
  /** Which build was instantiated, as the module itself reports it. */
  readonly instructionSet: InstructionSet;
  /** The compiled module, which worker threads instantiate over the same memory. */
  readonly module: WasmModule;
  /** Whether its memory is a shared WebAssembly.Memory (a threaded build), which workers can share. */
  readonly shared: boolean;
}

/** 4 GiB of pages: the most a wasm32 memory holds (a shared memory must declare its maximum). */
const MAX_PAGES = 65536;

/**
 * Instantiates the kernels module from its bytes or a compiled WebAssembly.Module, importing memory we own: a
 * shared one when the build imports shared memory (the threaded builds), else a plain one.
 */
export async function instantiateKernels(source: WasmSource): Promise<LoadedModule> {
  assertWasmSimd();
  let module: WebAssembly.Module;
  let instance: WebAssembly.Instance;
  let memory: WebAssembly.Memory;
  let shared = false;
  try {
    module = source instanceof WebAssembly.Module ? source : await WebAssembly.compile(source as BufferSource);
    memory = new WebAssembly.Memory({ initial: 64, maximum: MAX_PAGES });
    try {
      instance = await WebAssembly.instantiate(module, { env: { memory } });
    } catch (plainError) {
      // A threaded build imports a shared memory; a plain memory does not link to it (nor the reverse).
      if (!(plainError instanceof WebAssembly.LinkError) || typeof SharedArrayBuffer !== "function") throw plainError;
      memory = new WebAssembly.Memory({
        initial: 64,
        maximum: MAX_PAGES,
        shared: true,
      } as WebAssembly.MemoryDescriptor);
      instance = await WebAssembly.instantiate(module, { env: { memory } });
      shared = true;
    }
  } catch (cause) {
    throw new Error(
      `@scopeflow/wasm-kernels: the kernels module failed to instantiate in ${describeRuntime()}: ${String(cause)}. ` +
        "Pass the bytes of @scopeflow/wasm-kernels/kernels.wasm from the same package version.",
      { cause },
    );
  }
  const exports = instance.exports as KernelExports;
  const instructionSet = exports.relaxedSimd() === 1 ? "relaxed-simd" : "simd128";
  return { exports, memory, heapBase: exports.heapBase(), instructionSet, module, shared };
}
