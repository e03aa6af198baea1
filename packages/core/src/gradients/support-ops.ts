// array_ops.py: shape, fill, zeros_like; math_ops.py: add_n — as gradients_util.py calls them.
// Private builders with TF's op types, attrs and names, used until the array and math families export their own.

import { ValueError } from "../errors";
import { int32 } from "../framework/dtypes";
import { isFullyDefined, mergeShapes, type Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { constantOp, createOp, opScope } from "../ops/op-builder";
import { messages } from "./messages";

/** array_ops.py: shape(input) with optimize=True: a `Const` when the static shape is fully defined, else `Shape`. */
export function shapeOf(input: Tensor, name?: string): Tensor {
  return opScope(name, "Shape", [input], (scope) => {
    const shape = input.shape;
    if (isFullyDefined(shape)) return constantOp(shape, int32, [shape.length], scope);
    return createOp("Shape", [input], {
      name: scope,
      attrs: { T: input.dtype, out_type: int32 },
      outputs: [{ dtype: int32, shape: [shape === null ? null : shape.length] }],
    }).outputs[0];
  });
}

/** array_ops.py: fill(dims, value): a `Fill` whose static shape is `staticShape` (maybe_set_static_shape). */
export function fill(dims: Tensor, value: Tensor, staticShape: Shape, name = "Fill"): Tensor {
  return createOp("Fill", [dims, value], {
    name,
    attrs: { T: value.dtype, index_type: dims.dtype },
    outputs: [{ dtype: value.dtype, shape: staticShape }],
  }).outputs[0];
}

/** array_ops.py: zeros_like(tensor, optimize=False): a `ZerosLike` named `zeros_like`. */
export function zerosLike(tensor: Tensor, name?: string): Tensor {
  return opScope(
    name,
    "zeros_like",
    [tensor],
    (scope) =>
      createOp("ZerosLike", [tensor], {
        name: scope,
        attrs: { T: tensor.dtype },
        outputs: [{ dtype: tensor.dtype, shape: tensor.shape }],
      }).outputs[0],
  );
}

/** math_ops.py: add_n(inputs) without a name: one input is returned as is; more become an `AddN` named `AddN`. */
export function addN(inputs: Tensor[]): Tensor {
  if (inputs.length === 1) return inputs[0];
  let shape: Shape | undefined = inputs[0].shape;
  for (const t of inputs) {
    shape = shape === undefined ? undefined : mergeShapes(shape, t.shape);
    if (shape === undefined || t.dtype !== inputs[0].dtype) {
      // math_ops.py: add_n
      throw new ValueError(messages.addNMismatch());
    }
  }
  return createOp("AddN", inputs, {
    name: "AddN",
    attrs: { N: inputs.length, T: inputs[0].dtype },
    outputs: [{ dtype: inputs[0].dtype, shape: shape ?? null }],
  }).outputs[0];
}
