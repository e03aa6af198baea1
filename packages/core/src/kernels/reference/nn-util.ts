// Helpers shared by the nn reference kernels: element access as JS numbers, and TF's kernel error suffix.
import type { DType } from "../../framework/dtypes";
import { NDArray } from "../../framework/ndarray";
import type { KernelContext } from "../contract";

/** The elements of a numeric array as JS numbers (int64 converted). */
export function numbers(a: NDArray): ArrayLike<number> {
  return a.data instanceof BigInt64Array ? Array.from(a.data, (v) => Number(v)) : (a.data as ArrayLike<number>);
}

/** A new array of `dtype` and `shape` holding `values` (rounded toward zero for integer types, as a C++ cast does). */
export function fromNumbers(dtype: DType, shape: readonly number[], values: ArrayLike<number>): NDArray {
  const out = new NDArray(dtype, shape);
  const data = out.data;
  if (data instanceof BigInt64Array) {
    for (let i = 0; i < values.length; i++) data[i] = BigInt(Math.trunc(values[i]));
  } else {
    const target = data as unknown as { [i: number]: number };
    for (let i = 0; i < values.length; i++) target[i] = values[i];
  }
  return out;
}

/** An output array's elements, computed in float64. */
export function zerosF64(size: number): Float64Array {
  return new Float64Array(size);
}

/** executor.cc: a kernel's error names its node: `message\n\t [[{{node name}}]]`. */
export function nodeSuffix(ctx: KernelContext): string {
  return `\n\t [[{{node ${ctx.opName}}}]]`;
}

/** The `[n]` values of a shape-vector input (int32 or int64). */
export function shapeValues(a: NDArray): number[] {
  return Array.from(numbers(a));
}
