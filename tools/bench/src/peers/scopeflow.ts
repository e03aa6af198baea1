// The scopeflow peers, through the public API of @scopeflow/node as a user would call it: build a graph once,
// then Session.run it repeatedly. "reference" is core's plain-TS backend, "wasm" the one `await tf.ready()` selects.
import * as tf from "@scopeflow/node";

export type Scopeflow = typeof tf;
export type ScopeflowBackend = "reference" | "wasm";

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
  let value: unknown = tf;
  for (const part of path.split(".")) value = value == null ? undefined : (value as Record<string, unknown>)[part];
  if (typeof value !== "function") throw new Unavailable(`tf.${path} not exported`);
  return value as AnyFunction;
}

/** How the wasm backend was selected, for the report. */
export const wasmSetup = "await tf.ready()";

/** The API, with `backend` loaded; a Session names the backend it runs on (`new tf.Session({ backend })`). */
export async function useScopeflow(backend: ScopeflowBackend): Promise<Scopeflow> {
  if (backend === "wasm") await tf.ready(); // loads once; later calls return at once
  return tf;
}
