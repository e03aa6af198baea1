// Test helper: which ops of a Session run would leave the wasm backend for the reference kernels.
import type * as tf from "@scopeflow/test-kit/platform";
import type { WasmKernels } from "@scopeflow/wasm-kernels";

/**
 * The ops a Session run of `fetches` (with `fed` fed) executes whose wasm kernel is missing or declines their dtypes
 * or attrs, so that the Session runs the reference kernel (executor.ts plans exactly these ops, kernelFor picks),
 * as `Type(input dtypes)`, sorted.
 */
export function referenceFallbacks(
  wasm: WasmKernels,
  fetches: (tf.Tensor | tf.Operation)[],
  fed: tf.Tensor[],
): string[] {
  const seen = new Set<tf.Operation>();
  const fallbacks = new Set<string>();
  const visit = (op: tf.Operation) => {
    if (seen.has(op)) return;
    seen.add(op);
    const { kernels, supports } = wasm.backend;
    const dtypes = op.inputs.map((t) => t.dtype);
    if (!Object.hasOwn(kernels, op.type) || supports?.(op.type, dtypes, op.attrs) === false) {
      fallbacks.add(`${op.type}(${dtypes.map((d) => d.name).join(",")})`);
    }
    for (const t of op.inputs) if (!fed.includes(t)) visit(t.op);
    for (const c of op.controlInputs) visit(c);
  };
  for (const f of fetches) visit("op" in f ? f.op : f);
  return [...fallbacks].sort();
}
