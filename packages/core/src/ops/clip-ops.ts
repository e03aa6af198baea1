// clip_ops.py (TF 1.15): clip_by_value, clip_by_norm, global_norm, clip_by_global_norm, clip_by_average_norm,
// composed from primitives as TF composes them (so their gradients are the primitives').
import { ValueError } from "../errors";
import { float32 } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import { mergeShapes, shapeToString } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { constant, identity, onesLike, rank, size } from "./array-ops";
import { binaryOp } from "./elementwise";
import { cast, truediv as divide, maximum, minimum, range, rsqrt, sqrt, where } from "./math-ops";
import { l2Loss } from "./nn-ops";
import { convertToTensor, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { add, mul, sub, truediv } from "./operators";
import { reduceSum } from "./reduction-ops";
import { stack } from "./slicing-ops";

/** tensor_shape.py: TensorShape.merge_with's ValueError (clip_ops checks a clip value did not broadcast t). */
function checkMerge(values: Tensor, other: Tensor): void {
  if (mergeShapes(values.shape, other.shape) === undefined) {
    throw new ValueError(`Shapes ${shapeToString(values.shape)} and ${shapeToString(other.shape)} are not compatible`);
  }
}

/** `number * t` (Python's __rmul__: a `Mul` named `mul`, the number taking t's dtype). */
function rmul(a: TensorLike, b: TensorLike): Tensor {
  return binaryOp(opDefs.Mul.type, a, b, undefined, { operatorName: "mul" });
}

/**
 * clip_ops.py: clip_by_value(t, clip_value_min, clip_value_max, name=None): `Minimum` with the max, then a
 * `Maximum` named after the scope (`clip_by_value`); a clip value that would broadcast t is TF's ValueError.
 */
export function clipByValue(t: TensorLike, clipValueMin: TensorLike, clipValueMax: TensorLike, name?: string): Tensor {
  return opScope(name, "clip_by_value", [t, clipValueMin, clipValueMax], (scope) => {
    const values = convertToTensor(t, { name: "t" });
    const tMin = minimum(values, clipValueMax);
    checkMerge(values, tMin);
    const tMax = maximum(tMin, clipValueMin, scope);
    checkMerge(values, tMax);
    return tMax;
  });
}

export interface ClipByNormOptions {
  axes?: number | readonly number[];
  name?: string;
}

/**
 * clip_ops.py: clip_by_norm(t, clip_norm, axes=None, name=None): `t * clip_norm / max(l2norm(t), clip_norm)`,
 * the norm over `axes` (all by default) with TF's two-`Select` guard for a zero norm; an `Identity` named
 * `clip_by_norm`.
 */
export function clipByNorm(
  t: TensorLike,
  clipNorm: TensorLike,
  axesOrOptions: number | readonly number[] | ClipByNormOptions | null = {},
  name?: string,
): Tensor {
  const options: ClipByNormOptions =
    axesOrOptions === null || typeof axesOrOptions === "number" || Array.isArray(axesOrOptions)
      ? { axes: (axesOrOptions ?? undefined) as number | number[] | undefined, name }
      : (axesOrOptions as ClipByNormOptions);
  return opScope(options.name, "clip_by_norm", [t, clipNorm], (scope) => {
    const values = convertToTensor(t, { name: "t" });
    const l2sum = reduceSum(mul(values, values), options.axes, true);
    const pred = binaryOp(opDefs.Greater.type, l2sum, 0, undefined);
    // Two-tap where to keep NaN out of the gradient at a zero norm.
    const l2sumSafe = where(pred, l2sum, onesLike(l2sum));
    const l2norm = where(pred, sqrt(l2sumSafe), l2sum);
    const intermediate = mul(values, clipNorm);
    checkMerge(values, intermediate);
    return identity(truediv(intermediate, maximum(l2norm, clipNorm)), scope);
  });
}

function checkSequence(tList: unknown): asserts tList is readonly (TensorLike | null)[] {
  // clip_ops.py: global_norm / clip_by_global_norm
  if (!Array.isArray(tList)) throw new TypeError("t_list should be a sequence");
}

/**
 * clip_ops.py: global_norm(t_list, name=None): `sqrt(sum(l2_loss(t)) * 2)`, one `L2Loss` per tensor (colocated
 * with it), a `Sqrt` named `global_norm/global_norm`. Null entries are skipped.
 */
export function globalNorm(tList: readonly (TensorLike | null)[], name?: string): Tensor {
  checkSequence(tList);
  return opScope(
    name,
    "global_norm",
    tList.filter((t) => t !== null),
    () => {
      const values = tList.map((t, i) => (t === null ? null : convertToTensor(t, { name: `t_${i}` })));
      const halfSquaredNorms: Tensor[] = [];
      for (const v of values) {
        if (v !== null) halfSquaredNorms.push(getDefaultGraph().colocateWith(v.op, () => l2Loss(v)));
      }
      const halfSquaredNorm = reduceSum(stack(halfSquaredNorms));
      return sqrt(mul(halfSquaredNorm, constant(2.0, halfSquaredNorm.dtype)), "global_norm");
    },
  );
}

export interface ClipByGlobalNormOptions {
  useNorm?: TensorLike;
  name?: string;
}

/**
 * clip_ops.py: clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None): each tensor times
 * `clip_norm / max(global_norm, clip_norm)` (NaN for a non-finite norm), as `Identity`s named
 * `clip_by_global_norm/clip_by_global_norm/_<i>`; returns `[list_clipped, global_norm]`, nulls kept.
 */
export function clipByGlobalNorm(
  tList: readonly (TensorLike | null)[],
  clipNorm: TensorLike,
  options: ClipByGlobalNormOptions = {},
): [(Tensor | null)[], Tensor] {
  checkSequence(tList);
  const useNorm = options.useNorm === undefined ? globalNorm(tList, options.name) : convertToTensor(options.useNorm);
  return opScope(options.name, "clip_by_global_norm", [...tList.filter((t) => t !== null), clipNorm], (scope) => {
    const scaleForFinite = rmul(
      clipNorm,
      minimum(divide(1.0, useNorm), truediv(constant(1.0, useNorm.dtype), clipNorm)),
    );
    // A no-op for a finite norm; NaN for inf/-inf/NaN.
    const scale = add(scaleForFinite, sub(useNorm, useNorm));
    const values = tList.map((t, i) => (t === null ? null : convertToTensor(t, { name: `t_${i}` })));
    const clipped = values.map((v, i) =>
      v === null ? null : getDefaultGraph().colocateWith(v.op, () => identity(mul(v, scale), `${scope}_${i}`)),
    );
    return [clipped, useNorm];
  });
}

/**
 * clip_ops.py: clip_by_average_norm(t, clip_norm, name=None) (deprecated in TF): `t * clip_norm /
 * max(l2norm_avg(t), clip_norm)` with the average over t's element count; an `Identity` named after the scope.
 */
export function clipByAverageNorm(t: TensorLike, clipNorm: TensorLike, name?: string): Tensor {
  return opScope(name, "clip_by_average_norm", [t, clipNorm], (scope) => {
    const x = convertToTensor(t, { name: "t" });
    const nElement = cast(size(x), float32);
    const l2normInv = rsqrt(reduceSum(mul(x, x), range(rank(x))));
    const scaled = mul(mul(x, clipNorm), minimum(mul(l2normInv, nElement), truediv(constant(1.0, float32), clipNorm)));
    return identity(scaled, scope);
  });
}
