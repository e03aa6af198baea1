// sparse_to_dense_op.cc: SparseToDense over sparse_tensor.h's IndicesValid and ToDense.
import { InvalidArgumentError } from "../../errors";
import { NDArray, sizeOf } from "../../framework/ndarray";
import type { Kernel, KernelContext } from "../contract";
import { registerKernels } from "../lazy-kernel-registry";
import { dimsText, intList } from "./strided";

function invalid(message: string, ctx: KernelContext): never {
  throw new InvalidArgumentError(`${message}\n\t [[{{node ${ctx.opName}}}]]`);
}

/** sparse_to_dense_op.cc: CheckSparseToDenseShapes */
function checkShapes(
  indices: NDArray,
  outputShape: NDArray,
  values: NDArray,
  defaultValue: NDArray,
  ctx: KernelContext,
) {
  if (indices.rank > 2) {
    invalid(`sparse_indices should be a scalar, vector, or matrix, got shape ${dimsText(indices.shape)}`, ctx);
  }
  const numElems = indices.rank > 0 ? indices.shape[0] : 1;
  const numDims = indices.rank > 1 ? indices.shape[1] : 1;
  if (outputShape.rank !== 1) invalid(`output_shape should be a vector, got shape ${dimsText(outputShape.shape)}`, ctx);
  if (outputShape.size !== numDims) {
    invalid(`output_shape has incorrect number of elements: ${outputShape.size} should be: ${numDims}`, ctx);
  }
  if (values.rank !== 0 && (values.rank !== 1 || values.size !== numElems)) {
    invalid(`sparse_values has incorrect shape ${dimsText(values.shape)}, should be [] or [${numElems}]`, ctx);
  }
  if (defaultValue.rank !== 0) invalid("default_value should be a scalar.", ctx);
  return { numElems, numDims };
}

/** sparse_tensor.h: IndexValid for index n (in bounds, strictly increasing in row-major order). */
function checkIndex(ix: readonly number[], n: number, numDims: number, shape: readonly number[], ctx: KernelContext) {
  let valid = true;
  let different = n === 0;
  let increasing = true;
  for (let d = 0; d < numDims; d++) {
    const v = ix[n * numDims + d];
    if (v < 0 || v >= shape[d]) valid = false;
    if (n > 0) {
      const diff = v - ix[(n - 1) * numDims + d];
      if (diff > 0) different = true;
      if (!different && diff < 0) increasing = false;
    }
  }
  if (valid && increasing && different) return;
  const index = `indices[${n}] = [${ix.slice(n * numDims, (n + 1) * numDims).join(",")}]`;
  if (!valid) invalid(`${index} is out of bounds: need 0 <= index < [${shape.join(",")}]`, ctx);
  if (!increasing) {
    invalid(
      `${index} is out of order. Many sparse ops require sorted indices.\n    Use \`tf.sparse.reorder\` to create a correctly ordered copy.\n\n`,
      ctx,
    );
  }
  invalid(`${index} is repeated`, ctx);
}

/** sparse_to_dense_op.cc: SparseToDense::Compute: default_value everywhere, then each value at its index. */
const sparseToDense: Kernel = ([indices, outputShape, values, defaultValue], ctx) => {
  const { numElems, numDims } = checkShapes(indices, outputShape, values, defaultValue, ctx);
  const shape = intList(outputShape);
  // tensor_shape.cc: TensorShapeUtils::MakeShape
  if (shape.some((d) => d < 0)) invalid(`Dimension ${shape.find((d) => d < 0)} must be >= 0`, ctx);
  const ix = intList(indices);
  if (ctx.attrs.validate_indices !== false) {
    for (let n = 0; n < numElems; n++) checkIndex(ix, n, numDims, shape, ctx);
  }
  const out = new NDArray(values.dtype, shape);
  const dst = out.data as unknown as unknown[];
  dst.fill(defaultValue.data[0]);
  const src = values.data as unknown as unknown[];
  const strides = shape.map((_, d) => sizeOf(shape.slice(d + 1)));
  for (let n = 0; n < numElems; n++) {
    let flat = 0;
    for (let d = 0; d < numDims; d++) {
      const v = ix[n * numDims + d];
      // sparse_tensor.h: ToDense's FastBoundsCheck
      if (v < 0 || v >= shape[d]) invalid(`Indices are not valid (out of bounds).  Shape: ${dimsText(shape)}`, ctx);
      flat += strides[d] * v;
    }
    dst[flat] = values.rank === 0 ? src[0] : src[n];
  }
  return [out];
};

export const sparseKernels = { SparseToDense: sparseToDense } satisfies Record<string, Kernel>;

/** Makes SparseToDense run in every Session (idempotent): their builders call it. */
export function useSparseKernels(): void {
  registerKernels(sparseKernels);
}
