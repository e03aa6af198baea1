// What the index-driven kernels (segment, scatter, sparse training) share: the `wide` flag of an int32 or int64 index
// input, an index read back from linear memory for an error message, and TF's SliceDebugString.
import type { TensorSpec } from "@scopeflow/core/kernels";
import type { Runtime } from "../runtime";

export const INDEX_DTYPES = ["int32", "int64"];

/** 1 for int64 indices, 0 for int32: the kernels' `wide` argument. */
export function wideOf(indices: TensorSpec): number {
  return indices.dtype.name === "int64" ? 1 : 0;
}

/** Index `k` of an index array at `ptr` in linear memory. */
export function indexValue(rt: Runtime, ptr: number, k: number, wide: number): number {
  const view = new DataView(rt.mem.current);
  return wide ? Number(view.getBigInt64(ptr + 8 * k, true)) : view.getInt32(ptr + 4 * k, true);
}

/** tensor_shape.cc: SliceDebugString: the multi-index of flat element `flat` of `shape` ("" for a scalar). */
export function sliceDebugString(shape: readonly number[], flat: number): string {
  if (shape.length === 0) return "";
  const index: number[] = [];
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    index[d] = rest % shape[d];
    rest = Math.floor(rest / shape[d]);
  }
  return `[${index.join(",")}]`;
}
