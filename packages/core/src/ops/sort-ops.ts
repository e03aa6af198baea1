// nn_ops.py top_k (a `TopKV2`, nn_ops.cc's TopKShapeFn), sort_ops.py sort and argsort (built on top_k with its
// names), and nn_grad.py's _TopKGrad (TF 1.15).
import { ValueError } from "../errors";
import { int32, int64 } from "../framework/dtypes";
import { inferenceShapeString, type Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import type { GradTable } from "../gradients/grad-types";
import { useSortKernels } from "../kernels/reference/sort";
import { constant, expandDims, rank, reshape, shape, size, transpose, zeros } from "./array-ops";
import { scatterNd } from "./gather-scatter-nd-ops";
import { cast, range } from "./math-ops";
import { checkDtypeAllowed, REAL_NUMBER_TYPES, rankAtLeastMessage, shapeFnError } from "./nn-messages";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { add, mul, neg, sub } from "./operators";
import { positionalArgs } from "./positional-args";
import { reduceProd } from "./reduction-ops";
import { constantValue } from "./shape-inference";
import { gather, stack } from "./slicing-ops";
import { indexTensor } from "./tensor-index";

// The kernels of this family ship with the module that builds its ops (kernels/lazy-kernel-registry.ts).
useSortKernels();

/**
 * shape_refiner.cc: the value of a scalar input as a shape function sees it: constant_value, or the C++ refiner's
 * constant folding of `shape(x)[i]` (the k sort_ops.py passes) when x's dim i is known.
 */
function scalarInputValue(t: Tensor): number | null {
  const direct = constantValue(t);
  if (direct !== null) return direct[0] ?? null;
  const op = t.op;
  if (op.type !== opDefs.StridedSlice.type || Number(op.attrs.shrink_axis_mask) !== 1) return null;
  const whole = constantValue(op.inputs[0]);
  const begin = constantValue(op.inputs[1]);
  if (whole === null || begin === null || begin.length !== 1) return null;
  return whole.at(begin[0]) ?? null;
}

export interface TopKOptions {
  k?: TensorLike;
  sorted?: boolean;
  name?: string | null;
}

/**
 * nn_ops.py: top_k(input, k=1, sorted=True, name=None): a `TopKV2`, returning `[values, indices]` (indices int32)
 * of the k largest entries of each last-axis row.
 */
export function topK(
  input: TensorLike,
  k?: TensorLike | TopKOptions,
  sorted?: boolean | TopKOptions,
  name?: string | null | TopKOptions,
): [Tensor, Tensor] {
  const opts = positionalArgs<TopKOptions>("top_k", ["k", "sorted", "name"], [k, sorted, name]);
  const type = opDefs.TopKV2.type;
  return opScope(opts.name, type, [input, opts.k ?? 1], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    const kt = convertToTensor(opts.k ?? 1, { name: "k", dtype: int32 });
    checkDtypeAllowed("input", x.dtype, REAL_NUMBER_TYPES);
    const opName = scope.slice(0, -1);
    // nn_ops.cc: TopKShapeFn
    if (x.shape !== null && x.shape.length < 1) {
      throw shapeFnError(rankAtLeastMessage(1, x.shape.length), opName, type, [x, kt]);
    }
    if (kt.shape !== null && kt.shape.length !== 0) {
      throw shapeFnError(`Shape must be rank 0 but is rank ${kt.shape.length}`, opName, type, [x, kt]);
    }
    const kValue = scalarInputValue(kt);
    const computed = kValue === null ? "" : ` and with computed input tensors: input[1] = <${kValue}>`;
    const fail = (message: string) =>
      new ValueError(
        `${message} for '${opName}' (op: '${type}') with input shapes: ${[x, kt].map((t) => inferenceShapeString(t.shape)).join(", ")}${computed}.`,
      );
    if (kValue !== null && kValue < 0) {
      // shape_inference.cc: MakeDimForScalarInput
      throw fail(`Dimension size, given by scalar input 1, must be non-negative but is ${kValue}`);
    }
    let out: Shape = null;
    if (x.shape !== null) {
      const last = x.shape[x.shape.length - 1];
      if (last !== null && kValue !== null && last < kValue) {
        throw fail(`input must have last dimension >= k = ${kValue} but is ${last}`);
      }
      out = [...x.shape.slice(0, -1), kValue];
    }
    const op = createOp(opDefs.TopKV2, [x, kt], {
      name: scope,
      attrs: { sorted: opts.sorted ?? true, T: x.dtype },
      shapes: [out, out],
    });
    return [op.outputs[0], op.outputs[1]] as [Tensor, Tensor];
  });
}

export interface SortOptions {
  axis?: TensorLike;
  direction?: string;
  name?: string | null;
  /** argsort only; unused, as in TF 1.15. */
  stable?: boolean;
}

/** sort_ops.py: _descending_sort: top_k over the last axis, transposing `axis` there and back. */
function descendingSort(values: Tensor, axisIn: number, returnArgsort: boolean): Tensor {
  const k = indexTensor(shape(values), axisIn);
  let axis = axisIn;
  rank(values); // sort_ops.py builds it whether or not the transposition needs it
  const staticRank = values.shape === null ? null : values.shape.length;
  let transposition: Tensor | null = null;
  let topKInput = values;
  if (!(axis === -1 || axis + 1 === staticRank)) {
    if (staticRank === null) {
      // scopeflow: sort_ops.py's dynamic-rank transposition is not built
      throw new ValueError("sort along an axis other than the last needs a known rank");
    }
    if (axis < 0) axis += staticRank;
    const perm = [
      ...Array.from({ length: axis }, (_, i) => i),
      staticRank - 1,
      ...Array.from({ length: Math.max(staticRank - 1 - (axis + 1), 0) }, (_, i) => axis + 1 + i),
      axis,
    ];
    transposition = constant(perm, { name: "transposition" });
    topKInput = transpose(values, transposition);
  }
  const [sortedValues, indices] = topK(topKInput, k);
  let result = returnArgsort ? indices : sortedValues;
  if (transposition !== null) result = transpose(result, transposition);
  return result;
}

/** sort_ops.py: _sort_or_argsort: the direction and the constant scalar axis checked, then the sort. */
function sortOrArgsort(values: TensorLike, axis: TensorLike, direction: string, returnArgsort: boolean): Tensor {
  if (direction !== "ASCENDING" && direction !== "DESCENDING") {
    // sort_ops.py: _sort_or_argsort
    throw new ValueError(`${direction} should be one of ASCENDING, DESCENDING`);
  }
  const axisTensor = convertToTensor(axis, { name: "axis" });
  const axisStatic = constantValue(axisTensor);
  if ((axisTensor.shape !== null && axisTensor.shape.length !== 0) || axisStatic === null) {
    // sort_ops.py: _sort_or_argsort
    throw new ValueError("axis must be a constant scalar");
  }
  const v = convertToTensor(values, { name: "values" });
  if (direction === "DESCENDING") return descendingSort(v, axisStatic[0], returnArgsort);
  // sort_ops.py: _ascending_sort: negate, sort descending, negate the values back.
  const sortedOrIndices = descendingSort(neg(v), axisStatic[0], returnArgsort);
  return returnArgsort ? sortedOrIndices : neg(sortedOrIndices);
}

/** sort_ops.py: sort(values, axis=-1, direction='ASCENDING', name=None), in scope `sort`. */
export function sort(
  values: TensorLike,
  axis?: TensorLike | SortOptions,
  direction?: string | SortOptions,
  name?: string | null | SortOptions,
): Tensor {
  const opts = positionalArgs<SortOptions>("sort", ["axis", "direction", "name"], [axis, direction, name]);
  return opScope(opts.name, "sort", [], () =>
    sortOrArgsort(values, opts.axis ?? -1, opts.direction ?? "ASCENDING", false),
  );
}

/** sort_ops.py: argsort(values, axis=-1, direction='ASCENDING', stable=False, name=None), in scope `argsort`. */
export function argsort(
  values: TensorLike,
  axis?: TensorLike | SortOptions,
  direction?: string | SortOptions,
  stable?: boolean | SortOptions,
  name?: string | null | SortOptions,
): Tensor {
  const opts = positionalArgs<SortOptions>(
    "argsort",
    ["axis", "direction", "stable", "name"],
    [axis, direction, stable, name],
  );
  return opScope(opts.name, "argsort", [], () =>
    sortOrArgsort(values, opts.axis ?? -1, opts.direction ?? "ASCENDING", true),
  );
}

export const sortGrads: GradTable = {
  // nn_grad.py: _TopKGrad: the values' gradient scattered to the selected positions (int64 index arithmetic).
  TopKV2: (op, [grad]) => {
    const inShape = shape(op.inputs[0]);
    const indShape = shape(op.outputs[1]);
    const indLastdim = gather(cast(indShape, int64), sub(size(indShape), 1));
    const ind2d = reshape(op.outputs[1], stack([-1, indLastdim]));
    const inLastdim = gather(cast(inShape, int64), sub(size(inShape), 1));
    const outerdim = indexTensor(shape(ind2d), 0);
    const offsets = range(0, mul(cast(outerdim, int64), inLastdim), inLastdim);
    const ind = reshape(add(ind2d, cast(expandDims(offsets, -1), int32)), [-1]);
    const indices = expandDims(ind, -1);
    const updates = reshape(grad as Tensor, [-1]);
    const total = reduceProd(inShape);
    // `[reduce_prod(in_shape)]` is auto-packed where scatter_nd converts it: a Pack `ScatterNd/shape`.
    const scattered = opScope(null, opDefs.ScatterNd.type, [indices, updates, total], (scope) =>
      scatterNd(indices, updates, stack([total], 0, "shape"), scope),
    );
    return [reshape(scattered, inShape), zeros([], int32)];
  },
};
