// topk_op.cc (TF 1.15): TopKV2, the k largest entries of each last-axis row, in descending order, equal values by
// ascending index (a stable sort; sorted=false may return any order, this one returns the same).
import { InvalidArgumentError } from "../../errors";
import { NDArray, sizeOf } from "../../framework/ndarray";
import type { Kernel } from "../contract";
import { registerKernels } from "../lazy-kernel-registry";
import { fromNumbers, nodeSuffix, numbers } from "./nn-util";

const shapeString = (shape: readonly number[]) => `[${shape.join(",")}]`;

/** topk_op.cc: TopK<Device, T>::Compute */
const topKV2: Kernel = ([input, kArray], ctx) => {
  const fail = (message: string): never => {
    throw new InvalidArgumentError(`${message}${nodeSuffix(ctx)}`);
  };
  // topk_op.cc: k must be scalar
  if (kArray.rank !== 0) fail(`k must be scalar, got shape ${shapeString(kArray.shape)}`);
  const k = Number(numbers(kArray)[0]);
  if (k < 0) fail(`Need k >= 0, got ${k}`);
  if (input.rank < 1) fail(`input must be >= 1-D, got shape ${shapeString(input.shape)}`);
  const cols = input.shape[input.rank - 1];
  if (cols < k) fail(`input must have at least k columns. Had ${cols}, needed ${k}`);
  const outShape = [...input.shape.slice(0, -1), k];
  const rows = cols === 0 ? sizeOf(input.shape.slice(0, -1)) : sizeOf(input.shape) / cols;
  const x = numbers(input);
  const values = new Float64Array(rows * k);
  const indices = new Int32Array(rows * k);
  const order = Array.from({ length: cols }, (_, i) => i);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let i = 0; i < cols; i++) order[i] = i;
    // Descending by value, ties by index (Array.prototype.sort is stable); NaN compares as equal.
    order.sort((a, b) => x[base + b] - x[base + a] || 0);
    for (let j = 0; j < k; j++) {
      values[r * k + j] = x[base + order[j]];
      indices[r * k + j] = order[j];
    }
  }
  return [fromNumbers(input.dtype, outShape, values), new NDArray("int32", outShape, indices)];
};

export const sortKernels = {
  TopKV2: topKV2,
} satisfies Record<string, Kernel>;

/** Makes this family run in every Session (idempotent): the module that builds its ops calls it when loaded. */
export function useSortKernels(): void {
  registerKernels(sortKernels);
}
