// gen_array_ops.py: shape_n and prevent_gradient, which nn_grad.py builds (array_ops.shape_n in _Conv2DGrad,
// array_ops.prevent_gradient in _SparseSoftmaxCrossEntropyWithLogitsGrad). Kept here until array-ops.ts has them.
import { int32 } from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";

/** array_ops.py: shape_n(input, out_type=tf.int32, name=None): one `ShapeN` op with an output per input (never folded). */
export function shapeN(inputs: readonly TensorLike[], name?: string): Tensor[] {
  return opScope(name, opDefs.ShapeN.type, inputs, (scope) => {
    const xs = inputs.map((v) => convertToTensor(v, { name: "input" }));
    return createOp(opDefs.ShapeN, xs, {
      name: scope,
      attrs: { N: xs.length, T: xs[0].dtype, out_type: int32 },
      shapes: xs.map((x) => [x.shape === null ? null : x.shape.length]),
    }).outputs;
  });
}

/** gen_array_ops.py: prevent_gradient(input, message="", name=None): a `PreventGradient` (identity forward). */
export function preventGradient(input: TensorLike, message = "", name?: string): Tensor {
  return opScope(name, opDefs.PreventGradient.type, [input], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    return createOp(opDefs.PreventGradient, [x], {
      name: scope,
      attrs: { T: x.dtype, message },
      shapes: [x.shape],
    }).outputs[0];
  });
}
