// array_ops.py: shape, fill, zeros_like; math_ops.py: add_n; control_flow_ops.py: tuple — as gradients_util.py calls them.
// Private builders with TF's op types, attrs and names, used until the array and math families export their own.

import { ValueError } from "../errors";
import { int32 } from "../framework/dtypes";
import { isFullyDefined, mergeShapes, type Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { identity } from "../ops/array-ops";
import { group } from "../ops/control-flow-ops";
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

/**
 * control_flow_ops.py: tuple(tensors): a `tuple/group_deps` NoOp after every tensor's op, and one
 * `tuple/control_dependency[_n]` Identity per tensor (colocated with it, as with_dependencies does) that runs after
 * the gate. `null` entries stay `null`.
 */
export function tuple(tensors: (Tensor | null)[], name?: string): (Tensor | null)[] {
  const present = tensors.filter((t): t is Tensor => t !== null);
  return opScope(name, "tuple", present, (_scope, graph) => {
    const gatingOps = [...new Set(present.map((t) => t.op))].sort((a, b) => a.id - b.id);
    if (gatingOps.length === 0) {
      // control_flow_ops.py: tuple
      throw new ValueError(
        `Must have at least one Tensor: [${tensors.map((t) => (t === null ? "None" : String(t))).join(", ")}]`,
      );
    }
    const gate = group(gatingOps);
    return tensors.map((t) => {
      if (t === null) return null;
      return opScope(undefined, "control_dependency", [gate, t], (scope) =>
        graph.colocateWith(t.op, () => graph.controlDependencies([gate], () => identity(t, scope))),
      );
    });
  });
}
