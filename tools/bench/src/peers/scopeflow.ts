// The scopeflow peers, through the public API as a user would call it (@scopeflow/node in Node, @scopeflow/browser
// in Chromium: the entry point passes it to `setScopeflow`): build a graph once, then Session.run it repeatedly.
// "reference" is core's plain-TS backend, "wasm" the one `await tf.ready()` selects.
import type * as api from "@scopeflow/node";

export type Scopeflow = typeof api;
export type ScopeflowBackend = "reference" | "wasm";

let tf: Scopeflow | undefined;

/** The API the cases and peers use: @scopeflow/node or @scopeflow/browser (they export the same). */
export function setScopeflow(scopeflow: Scopeflow): void {
  tf = scopeflow;
}

function scopeflow(): Scopeflow {
  if (!tf) throw new Error("setScopeflow() was not called: the bench entry point passes @scopeflow/node or /browser");
  return tf;
}

/** Thrown when a case needs an API that scopeflow does not export; the table shows it as n/a. */
export class Unavailable extends Error {
  override name = "Unavailable";
}

/** An exported function or class of the API, called or constructed loosely (see `op`). */
type AnyFunction = ((...args: any[]) => any) & (new (...args: any[]) => any);

/**
 * `tf.<path>` as a function, or Unavailable. Cases reach the API through this so that an op someone renames or
 * has not added yet turns one cell into "n/a" instead of stopping the whole run.
 */
export function op(path: string): AnyFunction {
  let value: unknown = scopeflow();
  for (const part of path.split(".")) value = value == null ? undefined : (value as Record<string, unknown>)[part];
  if (typeof value !== "function") throw new Unavailable(`tf.${path} not exported`);
  return value as AnyFunction;
}

/** How the wasm backend was selected, for the report. */
export const wasmSetup =
  "await tf.ready() (its default threads), and tf.ready({ numThreads: 1 }) for the 1-thread column";

/**
 * The API, with `backend` loaded; a Session names the backend it runs on (`new tf.Session({ backend })`). For
 * "wasm", `numThreads` (default: tf.ready()'s, the cores available) restarts its workers when it differs.
 */
export async function useScopeflow(backend: ScopeflowBackend, numThreads?: number): Promise<Scopeflow> {
  const api = scopeflow();
  if (backend === "wasm") await api.ready(numThreads === undefined ? {} : { numThreads }); // loads once
  return api;
}
