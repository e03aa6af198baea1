// math_ops.py linspace (gen_math_ops.lin_space), manip_ops.py roll and array_ops.py broadcast_to (TF 1.15), with
// their C++ shape functions' messages; manip_grad.py's _RollGrad and array_grad.py's _BroadcastToGrad.
import { float32, int32 } from "../framework/dtypes";
import { isCompatible, type Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import type { GradTable } from "../gradients/grad-types";
import { useArrayExtraKernels } from "../kernels/reference/array-extra";
import { broadcastGradientArgs, reshape, shape } from "./array-ops";
import { checkDtypeAllowed, dimsEqualMessage, rankAtLeastMessage, rankMessage } from "./nn-messages";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { neg } from "./operators";
import { reduceSum } from "./reduction-ops";
import { constantValue, constantValueAsShape, shapeError } from "./shape-inference";

// The kernels of this family ship with the module that builds its ops (kernels/lazy-kernel-registry.ts).
useArrayExtraKernels();

const LIN_SPACE_TYPES = ["bfloat16", "float32", "float64"] as const;
const INDEX_TYPES = ["int32", "int64"] as const;

/**
 * math_ops.py: linspace / lin_space(start, stop, num, name=None): a `LinSpace` of `num` evenly spaced values from
 * start to stop. A plain number start is a float (Python's `1.` literals).
 */
export function linspace(start: TensorLike, stop: TensorLike, num: TensorLike, name?: string | null): Tensor {
  const type = opDefs.LinSpace.type;
  return opScope(name, type, [start, stop, num], (scope) => {
    const s = convertToTensor(start, { name: "start", preferredDtype: float32 });
    const e = convertToTensor(stop, { name: "stop", dtype: s.dtype });
    const n = convertToTensor(num, { name: "num", preferredDtype: int32 });
    checkDtypeAllowed("start", s.dtype, LIN_SPACE_TYPES);
    checkDtypeAllowed("num", n.dtype, INDEX_TYPES);
    const opName = scope.slice(0, -1);
    // math_ops.cc: LinSpace's shape function
    [s, e, n].forEach((t) => {
      if (t.shape !== null && t.shape.length !== 0) {
        throw shapeError(rankMessage(0, t.shape.length), opName, type, [s, e, n]);
      }
    });
    const numValue = constantValue(n)?.[0] ?? null;
    if (numValue !== null && numValue <= 0) {
      throw shapeError(`Requires num > 0: ${numValue}`, opName, type, [s, e, n], { tensors: [[2, numValue]] });
    }
    return createOp(opDefs.LinSpace, [s, e, n], {
      name: scope,
      attrs: { T: s.dtype, Tidx: n.dtype },
      shapes: [[numValue]],
    }).outputs[0];
  });
}

/** manip_ops.py: roll(input, shift, axis, name=None): a `Roll`, elements shifted (cyclically) along the axes. */
export function roll(input: TensorLike, shift: TensorLike, axis: TensorLike, name?: string | null): Tensor {
  const type = opDefs.Roll.type;
  return opScope(name, type, [input, shift, axis], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    const sh = convertToTensor(shift, { name: "shift", preferredDtype: int32 });
    const ax = convertToTensor(axis, { name: "axis", preferredDtype: int32 });
    checkDtypeAllowed("shift", sh.dtype, INDEX_TYPES);
    checkDtypeAllowed("axis", ax.dtype, INDEX_TYPES);
    const opName = scope.slice(0, -1);
    const fail = (message: string) => shapeError(message, opName, type, [x, sh, ax]);
    // manip_ops.cc: Roll's shape function
    if (x.shape !== null && x.shape.length < 1) throw fail(rankAtLeastMessage(1, x.shape.length));
    for (const t of [sh, ax]) {
      if (t.shape !== null && t.shape.length > 1)
        throw fail(`Shape must be at most rank 1 but is rank ${t.shape.length}`);
    }
    if (sh.shape !== null && ax.shape !== null) {
      if (sh.shape.length !== ax.shape.length) {
        throw fail(`Shapes must be equal rank, but are ${sh.shape.length} and ${ax.shape.length}`);
      }
      if (!isCompatible(sh.shape, ax.shape)) {
        const [a, b] = [sh.shape[0] as number, ax.shape[0] as number];
        throw fail(`Dimension 0 in both shapes must be equal, but are ${a} and ${b}. Shapes are [${a}] and [${b}].`);
      }
    }
    return createOp(opDefs.Roll, [x, sh, ax], {
      name: scope,
      attrs: { T: x.dtype, Tshift: sh.dtype, Taxis: ax.dtype },
      shapes: [x.shape],
    }).outputs[0];
  });
}

/** array_ops.py: broadcast_to(input, shape, name=None): a `BroadcastTo` (array_ops.cc's shape function). */
export function broadcastTo(input: TensorLike, shapeValue: TensorLike, name?: string | null): Tensor {
  const type = opDefs.BroadcastTo.type;
  return opScope(name, type, [input, shapeValue], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    const s = convertToTensor(shapeValue, { name: "shape", preferredDtype: int32 });
    checkDtypeAllowed("shape", s.dtype, INDEX_TYPES);
    const opName = scope.slice(0, -1);
    if (s.shape !== null && s.shape.length !== 1)
      throw shapeError(rankMessage(1, s.shape.length), opName, type, [x, s]);
    let out: Shape = constantValueAsShape(s);
    if (out !== null && x.shape !== null) {
      const outRank = out.length;
      const inRank = x.shape.length;
      if (inRank > outRank) {
        throw shapeError(`Shape must be at most rank ${outRank} but is rank ${inRank}`, opName, type, [x, s]);
      }
      out = [...out];
      for (let i = 0; i < inRank; i++) {
        const inDim = x.shape[inRank - i - 1];
        const j = outRank - i - 1;
        // Only a dim > 1 must match: broadcasting goes from left to right.
        if (inDim !== null && inDim > 1) {
          if (out[j] !== null && out[j] !== inDim) {
            throw shapeError(dimsEqualMessage(inDim, out[j] as number), opName, type, [x, s]);
          }
          out[j] = inDim;
        }
      }
    }
    return createOp(opDefs.BroadcastTo, [x, s], {
      name: scope,
      attrs: { T: x.dtype, Tidx: s.dtype },
      shapes: [out],
    }).outputs[0];
  });
}

export const arrayExtraGrads: GradTable = {
  // math_grad.py: ops.NotDifferentiable("LinSpace")
  LinSpace: null,
  // manip_grad.py: _RollGrad: the roll reversed.
  Roll: (op, [grad]) => [roll(grad as Tensor, neg(op.inputs[1]), op.inputs[2]), null, null],
  // array_grad.py: _BroadcastToGrad: the gradient summed over the broadcast axes, reshaped to the input's shape.
  BroadcastTo: (op, [grad]) => {
    const inputValueShape = shape(op.inputs[0]);
    const [, reductionAxes] = broadcastGradientArgs(op.inputs[1], inputValueShape);
    const reshaped = reduceSum(grad as Tensor, reductionAxes, true);
    return [reshape(reshaped, inputValueShape), null];
  },
};
