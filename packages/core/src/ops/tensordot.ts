// math_ops.py (TF 1.15): tensordot(a, b, axes, name=None), a composite of Transpose, Reshape and MatMul under
// `Tensordot/` (with Shape, GatherV2, Prod, ConcatV2 and Pack when a's shape is only partly known).
import { ValueError } from "../errors";
import { int32 } from "../framework/dtypes";
import { isFullyDefined, type Shape } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { rank, reshape, setdiff1d, shape as shapeOf, transpose } from "./array-ops";
import { greaterEqual, matmul, range, where } from "./math-ops";
import { convertToTensor, opScope, type TensorLike } from "./op-builder";
import { add, sub } from "./operators";
import { reduceProd } from "./reduction-ops";
import { concat, gather, stack } from "./slicing-ops";
import { indexTensor } from "./tensor-index";

/** `axes` as tensordot takes it: a count, a pair of axis lists (or of single axes), or an int32 Tensor. */
export type TensordotAxes = number | readonly [number | readonly number[], number | readonly number[]] | Tensor;

type AxisList = readonly number[] | Tensor;

interface Reshaped {
  reshaped: Tensor;
  freeDims: number[] | Tensor;
  freeDimsStatic: Shape;
}

/** Python's list indexing of a shape by the contraction axes, negative ones first counted from the end. */
function normalizeAxes(axes: readonly number[], rank: number): number[] {
  const ax = axes.map((i) => (i >= 0 ? i : i + rank));
  if (ax.some((i) => i >= rank || i < -rank)) {
    // math_ops.py: tensordot._tensordot_reshape (`shape_a[i]` raises Python's IndexError)
    const error = new Error("list index out of range");
    error.name = "IndexError";
    throw error;
  }
  return ax;
}

/** math_ops.py: tensordot._tensordot_reshape: moves `axes` last (or first when flipped) and flattens to a matrix. */
function tensordotReshape(a: Tensor, axes: AxisList, flipped: boolean): Reshaped {
  const sa = a.shape;
  if (isFullyDefined(sa) && Array.isArray(axes)) {
    const ax = normalizeAxes(axes as readonly number[], sa.length);
    const free = sa.map((_, i) => i).filter((i) => !ax.includes(i));
    const freeDims = free.map((i) => sa[i]);
    const prodFree = freeDims.reduce((p, d) => p * d, 1);
    const prodAxes = ax.reduce((p, i) => p * sa[i], 1);
    const perm = flipped ? [...ax, ...free] : [...free, ...ax];
    const newShape = flipped ? [prodAxes, prodFree] : [prodFree, prodAxes];
    return { reshaped: reshape(transpose(a, perm), newShape), freeDims, freeDimsStatic: freeDims };
  }
  let axesT: Tensor;
  let freeT: Tensor;
  let freeDimsStatic: Shape = null;
  let shapeA: Tensor;
  if (sa !== null && Array.isArray(axes)) {
    const ax = normalizeAxes(axes as readonly number[], sa.length);
    const free = sa.map((_, i) => i).filter((i) => !ax.includes(i));
    freeDimsStatic = free.map((i) => sa[i]);
    axesT = convertToTensor(ax, { dtype: int32, name: "axes" });
    freeT = convertToTensor(free, { dtype: int32, name: "free" });
    shapeA = shapeOf(a);
  } else {
    shapeA = shapeOf(a);
    const rankA = rank(a);
    axesT = convertToTensor(axes as TensorLike, { dtype: int32, name: "axes" });
    axesT = where(greaterEqual(axesT, 0), axesT, add(axesT, rankA));
    [freeT] = setdiff1d(range(rankA), axesT);
  }
  const freeDims = gather(shapeA, freeT);
  const axesDims = gather(shapeA, axesT);
  const prodFree = reduceProd(freeDims);
  const prodAxes = reduceProd(axesDims);
  const perm = flipped ? concat([axesT, freeT], 0) : concat([freeT, axesT], 0);
  const newShape = flipped ? stack([prodAxes, prodFree]) : stack([prodFree, prodAxes]);
  return { reshaped: reshape(transpose(a, perm), newShape), freeDims, freeDimsStatic };
}

/** math_ops.py: tensordot._tensordot_axes */
function tensordotAxes(a: Tensor, axes: TensordotAxes): [AxisList, AxisList] {
  if (typeof axes === "number") {
    if (axes < 0) {
      // math_ops.py: tensordot._tensordot_axes
      throw new ValueError("'axes' must be at least 0.");
    }
    if (a.shape !== null) {
      if (axes > a.shape.length) {
        // math_ops.py: tensordot._tensordot_axes
        throw new ValueError(`'axes' must not be larger than the number of dimensions of tensor ${a.repr()}.`);
      }
      const n = a.shape.length;
      return [Array.from({ length: axes }, (_, i) => n - axes + i), Array.from({ length: axes }, (_, i) => i)];
    }
    // The unknown-rank count: range(rank - axes, rank) and range(axes) as int32 Tensors.
    const r = rank(a);
    return [range(sub(r, axes), r, 1, { dtype: int32 }), range(axes, null, 1, { dtype: int32 })];
  }
  if (axes instanceof Tensor) {
    const t = convertToTensor(axes, { name: "axes", dtype: int32 });
    return [indexTensor(t, 0), indexTensor(t, 1)];
  }
  if (axes.length !== 2) {
    // math_ops.py: tensordot._tensordot_axes
    throw new ValueError("'axes' must be an integer or have length 2.");
  }
  let [aAxes, bAxes] = axes;
  if (typeof aAxes === "number" && typeof bAxes === "number") [aAxes, bAxes] = [[aAxes], [bAxes]];
  const al = typeof aAxes === "number" ? [aAxes] : aAxes;
  const bl = typeof bAxes === "number" ? [bAxes] : bAxes;
  if (al.length !== bl.length) {
    // math_ops.py: tensordot._tensordot_axes
    throw new ValueError(`Different number of contraction axes 'a' and 'b', ${al.length} != ${bl.length}.`);
  }
  return [al, bl];
}

/**
 * math_ops.py: tensordot(a, b, axes, name=None): sums a's `axes[0]` against b's `axes[1]`. Both operands become
 * matrices (Transpose + Reshape), one MatMul contracts them, and a Reshape named `Tensordot` restores the free dims.
 */
export function tensordot(a: TensorLike, b: TensorLike, axes: TensordotAxes, name?: string): Tensor {
  return opScope(name, "Tensordot", [a, b], (scope) => {
    const at = convertToTensor(a, { name: "a" });
    const bt = convertToTensor(b, { name: "b" });
    const [aAxes, bAxes] = tensordotAxes(at, axes);
    const ra = tensordotReshape(at, aAxes, false);
    const rb = tensordotReshape(bt, bAxes, true);
    const product = matmul(ra.reshaped, rb.reshaped);
    if (Array.isArray(ra.freeDims) && Array.isArray(rb.freeDims)) {
      return reshape(product, [...ra.freeDims, ...rb.freeDims], scope);
    }
    const aFree = convertToTensor(ra.freeDims, { dtype: int32 });
    const bFree = convertToTensor(rb.freeDims, { dtype: int32 });
    const out = reshape(product, concat([aFree, bFree], 0), scope);
    if (ra.freeDimsStatic !== null && rb.freeDimsStatic !== null) {
      out.setShape([...ra.freeDimsStatic, ...rb.freeDimsStatic]);
    }
    return out;
  });
}
