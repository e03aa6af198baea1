// gather_nd_op.h: DoGatherNd and scatter_nd_op.cc: ScatterNdOp / DoScatterNd in plain TS, with TF's messages.
import { InvalidArgumentError } from "../../errors";
import { NDArray, sizeOf } from "../../framework/ndarray";
import type { Kernel, KernelContext } from "../contract";
import { registerKernels } from "../lazy-kernel-registry";
import { dimsText, intList, numberAt, setNumber, stridesOf, take } from "./strided";

function invalid(message: string, ctx: KernelContext): never {
  throw new InvalidArgumentError(`${message}\n\t [[{{node ${ctx.opName}}}]]`);
}

/** util.cc: SliceDebugString: the multi-index of flat slice `flat` of `shape` ("" for a scalar, "[k]" for a vector). */
function sliceDebugString(shape: readonly number[], flat: number): string {
  if (shape.length === 0) return "";
  return `[${stridesOf(shape).map((s, i) => Math.floor(flat / s) % shape[i])}]`;
}

/**
 * The flat offsets of the slices `indices` (shape [..., nd]) select in an array of `shape`, or the position of the
 * first index that is out of range (`bad`): GatherNdSlice / ScatterNdFunctor report it the same way.
 */
function sliceOffsets(indices: NDArray, shape: readonly number[]): { offsets: number[]; bad?: number; nd: number } {
  const nd = indices.rank > 0 ? indices.shape[indices.rank - 1] : 0;
  const idx = intList(indices);
  const count = nd === 0 ? sizeOf(indices.shape.slice(0, -1)) : idx.length / nd;
  const strides = stridesOf(shape.slice(0, nd));
  const offsets: number[] = [];
  for (let n = 0; n < count; n++) {
    let offset = 0;
    for (let d = 0; d < nd; d++) {
      const v = idx[n * nd + d];
      if (v < 0 || v >= shape[d]) return { offsets, bad: n, nd };
      offset += v * strides[d];
    }
    offsets.push(offset);
  }
  return { offsets, nd };
}

function badIndexText(indices: NDArray, bad: number, nd: number): string {
  const at = sliceDebugString(indices.shape.slice(0, -1), bad);
  return `indices${at} = [${intList(indices)
    .slice(bad * nd, (bad + 1) * nd)
    .join(", ")}]`;
}

/** gather_nd_op.h: DoGatherNd: output shape indices.shape[:-1] + params.shape[indices.shape[-1]:]. */
const gatherNd: Kernel = ([params, indices], ctx) => {
  if (params.rank < 1) invalid("params must be at least a vector", ctx);
  if (indices.rank < 1) invalid("indices must be at least a vector", ctx);
  const nd = indices.shape[indices.rank - 1];
  if (nd > params.rank)
    invalid(`index innermost dimension length must be <= params rank; saw: ${nd} vs. ${params.rank}`, ctx);
  const sliceShape = params.shape.slice(nd);
  const outShape = [...indices.shape.slice(0, -1), ...sliceShape];
  const slice = sizeOf(sliceShape);
  const count = sizeOf(indices.shape.slice(0, -1));
  if (count > 0 && params.size === 0)
    invalid(`Requested more than 0 entries, but params is empty.  Params shape: ${dimsText(params.shape)}`, ctx);
  const { offsets, bad } = count > 0 ? sliceOffsets(indices, params.shape) : { offsets: [] };
  if (bad !== undefined)
    invalid(`${badIndexText(indices, bad, nd)} does not index into param shape ${dimsText(params.shape)}`, ctx);
  const from = new Int32Array(sizeOf(outShape));
  offsets.forEach((o, n) => {
    for (let j = 0; j < slice; j++) from[n * slice + j] = o * slice + j;
  });
  return [take(params, outShape, from)];
};

/** scatter_nd_op.cc: ValidEmptyOutputShape */
function validEmptyOutputShape(numInputs: number, numIndices: number, numUpdates: number): boolean {
  if (numIndices === 0 && numUpdates === 0) return true;
  return numInputs !== 0 && numIndices !== 0 && numUpdates !== 0;
}

/** scatter_nd_op.cc: PrepareAndValidateInputs with ValidateUpdateShape (DoScatterNd's checks). */
function prepareAndValidateInputs(shape: number[], indices: NDArray, updates: NDArray, ctx: KernelContext): void {
  if (shape.length < 1) invalid(`Output must be at least 1-D, got shape: ${dimsText(shape)}`, ctx);
  if (!validEmptyOutputShape(sizeOf(shape), indices.size, updates.size))
    invalid(`Indices and updates specified for empty output.  indices shape: ${dimsText(indices.shape)}`, ctx);
  if (updates.shape[0] !== indices.shape[0])
    invalid(
      `The outermost dimension of updates and indices must match. Got indices.shape ${dimsText(indices.shape)}, updates.shape ${dimsText(updates.shape)}`,
      ctx,
    );
  const sliceDim = indices.rank > 1 ? indices.shape[indices.rank - 1] : 1;
  const batchDim = indices.rank > 1 ? indices.rank - 1 : 1;
  const matches =
    updates.rank >= batchDim &&
    shape.length >= sliceDim + (updates.rank - batchDim) &&
    updates.rank === batchDim + shape.length - sliceDim &&
    updates.shape.slice(0, batchDim).every((d, i) => d === indices.shape[i]) &&
    updates.shape.slice(batchDim).every((d, i) => d === shape[i + sliceDim]);
  if (!matches)
    invalid(
      `Must have updates.shape = indices.shape[:batch_dim] + params_shape[slice_dim:], got updates.shape: ${dimsText(updates.shape)}, indices.shape: ${dimsText(indices.shape)}, params_shape: ${dimsText(shape)}, slice_dim: ${sliceDim}, and batch_dim: ${batchDim}`,
      ctx,
    );
}

/** scatter_nd_op.cc: ScatterNdOp: zeros of `shape` with `updates` added at the slices `indices` select. */
const scatterNd: Kernel = ([indices, updates, shapeInput], ctx) => {
  if (indices.rank < 1) invalid(`Indices shape must have rank at least one. Found:${dimsText(indices.shape)}`, ctx);
  if (updates.rank < 1) invalid(`Updates shape must have rank at least one. Found:${dimsText(updates.shape)}`, ctx);
  const shape = intList(shapeInput);
  if (!validEmptyOutputShape(shapeInput.size, indices.size, updates.size))
    invalid("Indices and updates specified for empty output shape", ctx);
  const outer = indices.rank - 1;
  for (let i = 0; i < outer; i++)
    if (indices.shape[i] !== updates.shape[i])
      invalid(
        `Outer dimensions of indices and update must match. Indices shape: ${dimsText(indices.shape)}, updates shape:${dimsText(updates.shape)}`,
        ctx,
      );
  const ix = indices.shape[outer];
  if (updates.rank - outer !== shape.length - ix)
    invalid(
      `Inner dimensions of output shape must match inner dimensions of updates shape. Output: ${dimsText(shape)} updates: ${dimsText(updates.shape)}`,
      ctx,
    );
  for (let i = 0; i + outer < updates.rank; i++)
    if (updates.shape[i + outer] !== shape[ix + i])
      invalid(
        `The inner ${shape.length - ix} dimensions of output.shape=${dimsText(shape)} must match the inner ${updates.rank - outer} dimensions of updates.shape=${dimsText(updates.shape)}`,
        ctx,
      );
  if (shapeInput.rank !== 1) invalid("Shape must be a vector", ctx);
  prepareAndValidateInputs(shape, indices, updates, ctx);
  const out = new NDArray(updates.dtype, shape);
  if (out.size === 0) return [out];
  if (ix < 1 || ix > 7)
    invalid(`Only indices.shape[-1] values between 1 and 5 are currently supported.  Requested rank: ${ix}`, ctx);
  const slice = sizeOf(shape.slice(ix));
  const { offsets, bad } = sliceOffsets(indices, shape);
  if (bad !== undefined) invalid(`${badIndexText(indices, bad, ix)} does not index into shape ${dimsText(shape)}`, ctx);
  offsets.forEach((o, n) => {
    for (let j = 0; j < slice; j++)
      setNumber(out, o * slice + j, numberAt(out, o * slice + j) + numberAt(updates, n * slice + j));
  });
  return [out];
};

export const gatherScatterNdKernels = { GatherNd: gatherNd, ScatterNd: scatterNd } satisfies Record<string, Kernel>;

/** Makes GatherNd and ScatterNd run in every Session (idempotent): their builders call it. */
export function useGatherScatterNdKernels(): void {
  registerKernels(gatherScatterNdKernels);
}
