// state_ops.py / gen_state_ops.py: VariableV2, Assign, AssignAdd, AssignSub, IsVariableInitialized.

import { ValueError } from "../errors";
import type { DType } from "../framework/dtypes";
import { getDefaultGraph, isTensorConvertible, type TensorConvertible } from "../framework/graph";
import { inferenceShapeString, isCompatible, mergeShapes, type Shape } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { convertSameTypeInputs } from "./convert-inputs";
import { createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";

/** A variable reference: a VariableV2 output, or an object (a Variable) that stands for one. */
export type RefLike = Tensor | TensorConvertible;

/** state_ops.py: variable_op_v2(shape, dtype, name, container, shared_name): the `VariableV2` op. */
export function variableOpV2(
  shape: Shape,
  dtype: DType,
  name: string,
  options: { container?: string; sharedName?: string } = {},
): Tensor {
  return createOp(opDefs.VariableV2, [], {
    name,
    attrs: { shape: { shape }, dtype, container: options.container ?? "", shared_name: options.sharedName ?? "" },
    shapes: [shape],
  }).outputs[0];
}

function refTensor(ref: RefLike): Tensor {
  if (ref instanceof Tensor) return ref;
  if (isTensorConvertible(ref)) return ref.asGraphElement();
  // state_ops.py: assign (a non-ref first argument)
  throw new TypeError(`'ref' needs to be a variable reference (a Variable or a VariableV2 output), got ${String(ref)}`);
}

export interface AssignOptions {
  validateShape?: boolean;
  useLocking?: boolean;
  name?: string;
}

/**
 * Builds one of the ref-updating ops as op_def_library does: inside `name` (default: the op type), the value is
 * converted to the ref's dtype as input `value`, and the op is colocated with the variable (`_class: loc:@v`).
 */
function refUpdate(
  type: typeof opDefs.Assign.type | typeof opDefs.AssignAdd.type | typeof opDefs.AssignSub.type,
  ref: RefLike,
  value: TensorLike,
  options: AssignOptions,
): Tensor {
  const refT = refTensor(ref);
  return opScope(options.name, type, [refT, value], (scope) => {
    const [, v] = convertSameTypeInputs(type, [refT, value], ["ref", "value"]);
    const opName = scope.slice(0, -1);
    let shape: Shape = refT.shape;
    const attrs: Record<string, unknown> = { T: refT.dtype };
    if (type === opDefs.Assign.type) {
      const validate = options.validateShape ?? true;
      if (validate) {
        const merged = mergeShapes(refT.shape, v.shape);
        if (merged === undefined) {
          // state_ops.cc: Assign shape function (shape_inference Merge)
          throw new ValueError(
            `Dimension ${firstMismatch(refT.shape, v.shape)} in both shapes must be equal, but are ${mismatchDims(refT.shape, v.shape)}. Shapes are ${inferenceShapeString(refT.shape)} and ${inferenceShapeString(v.shape)}. for '${opName}' (op: '${opDefs.Assign.type}') with input shapes: ${inferenceShapeString(refT.shape)}, ${inferenceShapeString(v.shape)}.`,
          );
        }
        shape = merged;
      } else {
        shape = v.shape;
      }
      attrs.use_locking = options.useLocking ?? true;
      attrs.validate_shape = validate;
    } else {
      if (!isCompatible(refT.shape, v.shape)) {
        // state_ops.cc: AssignAdd/AssignSub shape function (Merge)
        throw new ValueError(
          `Shapes must be equal rank, but are ${v.shape?.length} and ${refT.shape?.length} for '${opName}' (op: '${type}') with input shapes: ${inferenceShapeString(refT.shape)}, ${inferenceShapeString(v.shape)}.`,
        );
      }
      attrs.use_locking = options.useLocking ?? false;
    }
    const graph = getDefaultGraph();
    return graph.colocateWith(refT.op, () =>
      createOp(opDefs[type], [refT, v], {
        name: scope,
        attrs: attrs as never,
        shapes: [shape],
      }),
    ).outputs[0];
  });
}

function firstMismatch(a: Shape, b: Shape): number {
  if (!a || !b || a.length !== b.length) return 0;
  return a.findIndex((d, i) => d !== null && b[i] !== null && d !== b[i]);
}
function mismatchDims(a: Shape, b: Shape): string {
  if (!a || !b || a.length !== b.length) return `${a?.length} and ${b?.length}`;
  const i = firstMismatch(a, b);
  return `${a[i]} and ${b[i]}`;
}

/** state_ops.py: assign(ref, value, validate_shape=None, use_locking=None, name=None) */
export function assign(ref: RefLike, value: TensorLike, options: AssignOptions | string = {}): Tensor {
  return refUpdate(opDefs.Assign.type, ref, value, typeof options === "string" ? { name: options } : options);
}

/** state_ops.py: assign_add(ref, value, use_locking=None, name=None) */
export function assignAdd(ref: RefLike, value: TensorLike, options: AssignOptions | string = {}): Tensor {
  return refUpdate(opDefs.AssignAdd.type, ref, value, typeof options === "string" ? { name: options } : options);
}

/** state_ops.py: assign_sub(ref, value, use_locking=None, name=None) */
export function assignSub(ref: RefLike, value: TensorLike, options: AssignOptions | string = {}): Tensor {
  return refUpdate(opDefs.AssignSub.type, ref, value, typeof options === "string" ? { name: options } : options);
}

/** state_ops.py: is_variable_initialized(ref, name=None): a scalar bool. */
export function isVariableInitialized(ref: RefLike, name?: string): Tensor {
  const refT = refTensor(ref);
  return opScope(
    name,
    opDefs.IsVariableInitialized.type,
    [refT],
    (scope) =>
      getDefaultGraph().colocateWith(refT.op, () =>
        createOp(opDefs.IsVariableInitialized, [refT], {
          name: scope,
          attrs: { dtype: refT.dtype },
          shapes: [[]],
        }),
      ).outputs[0],
  );
}
