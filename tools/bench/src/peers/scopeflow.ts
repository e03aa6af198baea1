// The scopeflow peers, through the public API of @scopeflow/node as a user would call it: build a graph once,
// then Session.run it repeatedly. "reference" is core's plain-TS backend, "wasm" the one `await tf.ready()` selects.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as tf from "@scopeflow/node";

export type Scopeflow = typeof tf;
export type ScopeflowBackend = "reference" | "wasm";

/** Thrown when a case needs an API that scopeflow does not export yet; the table shows it as n/a. */
export class Unavailable extends Error {
  override name = "Unavailable";
}

/** An exported function or class of the API, called or constructed loosely (see `op`). */
type AnyFunction = ((...args: any[]) => any) & (new (...args: any[]) => any);

/**
 * `tf.<path>` as a function, or Unavailable. Cases reach ops through this so that the bench builds and runs
 * while colleagues are still adding ops, optimizers and `ready()`; a missing one turns a cell into "n/a".
 */
export function op(path: string): AnyFunction {
  let value: unknown = tf;
  for (const part of path.split(".")) value = value == null ? undefined : (value as Record<string, unknown>)[part];
  if (typeof value !== "function") throw new Unavailable(`tf.${path} not exported yet`);
  return value as AnyFunction;
}

/** How the wasm backend was selected, for the report. */
export let wasmSetup = "";

/**
 * Registers and selects the wasm backend: `await tf.ready()` when @scopeflow/node has it; until then the bench
 * builds the backend itself from @scopeflow/wasm-kernels (reached through @scopeflow/node's own dependency, so the
 * bench declares no extra workspace package for a stopgap).
 */
async function loadWasm(): Promise<void> {
  const ready = (tf as Record<string, unknown>).ready;
  if (typeof ready === "function") {
    await ready();
    wasmSetup = "await tf.ready()";
    return;
  }
  const fromNode = createRequire(createRequire(import.meta.url).resolve("@scopeflow/node"));
  const wasmKernels: WasmKernelsModule = await import(fromNode.resolve("@scopeflow/wasm-kernels"));
  const bytes = readFileSync(wasmKernels.defaultWasmUrl());
  const { kernels } = await wasmKernels.createWasmKernels(bytes, { NDArray: tf.NDArray });
  tf.registerBackend({ name: "wasm", kernels });
  wasmSetup = "registerBackend(createWasmKernels(...)) (tf.ready() not available yet: kernels copy in/out per op)";
}

/** The part of @scopeflow/wasm-kernels the stopgap uses (the bench does not depend on that package). */
interface WasmKernelsModule {
  defaultWasmUrl(): URL;
  createWasmKernels(
    bytes: Uint8Array,
    options: { NDArray: typeof tf.NDArray },
  ): Promise<{ kernels: Parameters<typeof tf.registerBackend>[0]["kernels"] }>;
}

let wasmLoaded: Promise<void> | undefined;

export async function useScopeflow(backend: ScopeflowBackend): Promise<Scopeflow> {
  if (backend === "wasm") await (wasmLoaded ??= loadWasm());
  tf.setBackend(backend);
  return tf;
}
