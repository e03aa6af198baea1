// gen_training_ops.py / training_ops.cc (op defs and shape functions): ApplyGradientDescent, ApplyMomentum, ApplyAdam.
import { ValueError } from "../errors";
import type { DType } from "../framework/dtypes";
import { getDefaultGraph, isTensorConvertible, type TensorConvertible } from "../framework/graph";
import { inferenceShapeString, mergeShapes, type Shape } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { type OpType, opDefs } from "./op-defs";

/** A variable reference: a Variable, or a VariableV2 output. */
export type VarRef = Tensor | TensorConvertible;

function refOf(ref: VarRef): Tensor {
  return ref instanceof Tensor ? ref : (ref as TensorConvertible).asGraphElement();
}

interface InputSpec {
  name: string;
  value: VarRef | TensorLike;
  ref?: boolean;
  /** Shape rule of the op's shape function: "scalar" (WithRank 0) or "var" (Merge with var's shape). */
  shape: "scalar" | "var";
}

/**
 * Builds one Apply* op as op_def_library does: inside `name` (default: the op type), non-ref inputs are converted
 * to var's dtype T under their arg names; the shape function checks scalars and merges shapes with var's.
 */
function applyOp(type: OpType, inputs: InputSpec[], attrs: Record<string, boolean>, name: string | undefined): Tensor {
  const var_ = refOf(inputs[0].value as VarRef);
  const values = inputs.map((i) => (isTensorConvertible(i.value) && i.ref ? refOf(i.value) : i.value));
  return opScope(name, type, values, (scope) => {
    const opName = scope.slice(0, -1);
    const dtype: DType = var_.dtype;
    const tensors = inputs.map((input) =>
      input.ref
        ? refOf(input.value as VarRef)
        : convertToTensor(input.value as TensorLike, { name: input.name, dtype }),
    );
    const allShapes = tensors.map((t) => inferenceShapeString(t.shape)).join(", ");
    let shape: Shape = var_.shape;
    tensors.forEach((t, i) => {
      if (t.dtype !== dtype) {
        // op_def_library.py: _apply_op_helper (type attr T disagrees)
        throw new TypeError(
          `Input '${inputs[i].name}' of '${type}' Op has type ${t.dtype.name} that does not match type ${dtype.name} of argument '${inputs[0].name}'.`,
        );
      }
      if (inputs[i].shape === "scalar") {
        if (t.shape !== null && t.shape.length !== 0) {
          // training_ops.cc: shape function (WithRank(c->input(i), 0))
          throw new ValueError(
            `Shape must be rank 0 but is rank ${t.shape.length} for '${opName}' (op: '${type}') with input shapes: ${allShapes}.`,
          );
        }
      } else if (i > 0) {
        const merged = mergeShapes(shape, t.shape);
        if (merged === undefined) {
          // training_ops.cc: shape function (Merge(s, c->input(i)))
          throw new ValueError(
            `Shapes ${inferenceShapeString(shape)} and ${inferenceShapeString(t.shape)} are not compatible for '${opName}' (op: '${type}') with input shapes: ${allShapes}.`,
          );
        }
        shape = merged;
      }
    });
    return getDefaultGraph().colocateWith(var_.op, () =>
      createOp(opDefs[type], tensors, { name: scope, attrs: { T: dtype, ...attrs }, shapes: [shape] }),
    ).outputs[0];
  });
}

export interface ApplyOptions {
  useLocking?: boolean;
  name?: string;
}

/** gen_training_ops.py: apply_gradient_descent(var, alpha, delta, use_locking=False, name=None): var -= alpha * delta. */
export function applyGradientDescent(
  var_: VarRef,
  alpha: TensorLike,
  delta: TensorLike,
  options: ApplyOptions = {},
): Tensor {
  return applyOp(
    opDefs.ApplyGradientDescent.type,
    [
      { name: "var", value: var_, ref: true, shape: "var" },
      { name: "alpha", value: alpha, shape: "scalar" },
      { name: "delta", value: delta, shape: "var" },
    ],
    { use_locking: options.useLocking ?? false },
    options.name,
  );
}

/** gen_training_ops.py: apply_momentum(var, accum, lr, grad, momentum, use_locking=False, use_nesterov=False). */
export function applyMomentum(
  var_: VarRef,
  accum: VarRef,
  lr: TensorLike,
  grad: TensorLike,
  momentum: TensorLike,
  options: ApplyOptions & { useNesterov?: boolean } = {},
): Tensor {
  return applyOp(
    opDefs.ApplyMomentum.type,
    [
      { name: "var", value: var_, ref: true, shape: "var" },
      { name: "accum", value: accum, ref: true, shape: "var" },
      { name: "lr", value: lr, shape: "scalar" },
      { name: "grad", value: grad, shape: "var" },
      { name: "momentum", value: momentum, shape: "scalar" },
    ],
    { use_locking: options.useLocking ?? false, use_nesterov: options.useNesterov ?? false },
    options.name,
  );
}

/** gen_training_ops.py: apply_adam(var, m, v, beta1_power, beta2_power, lr, beta1, beta2, epsilon, grad, ...). */
export function applyAdam(
  var_: VarRef,
  m: VarRef,
  v: VarRef,
  scalars: {
    beta1Power: TensorLike;
    beta2Power: TensorLike;
    lr: TensorLike;
    beta1: TensorLike;
    beta2: TensorLike;
    epsilon: TensorLike;
  },
  grad: TensorLike,
  options: ApplyOptions & { useNesterov?: boolean } = {},
): Tensor {
  return applyOp(
    opDefs.ApplyAdam.type,
    [
      { name: "var", value: var_, ref: true, shape: "var" },
      { name: "m", value: m, ref: true, shape: "var" },
      { name: "v", value: v, ref: true, shape: "var" },
      { name: "beta1_power", value: scalars.beta1Power, shape: "scalar" },
      { name: "beta2_power", value: scalars.beta2Power, shape: "scalar" },
      { name: "lr", value: scalars.lr, shape: "scalar" },
      { name: "beta1", value: scalars.beta1, shape: "scalar" },
      { name: "beta2", value: scalars.beta2, shape: "scalar" },
      { name: "epsilon", value: scalars.epsilon, shape: "scalar" },
      { name: "grad", value: grad, shape: "var" },
    ],
    { use_locking: options.useLocking ?? false, use_nesterov: options.useNesterov ?? false },
    options.name,
  );
}

/** gen_training_ops.py: apply_adagrad(var, accum, lr, grad, use_locking=False, update_slots=True). */
export function applyAdagrad(
  var_: VarRef,
  accum: VarRef,
  lr: TensorLike,
  grad: TensorLike,
  options: ApplyOptions & { updateSlots?: boolean } = {},
): Tensor {
  return applyOp(
    opDefs.ApplyAdagrad.type,
    [
      { name: "var", value: var_, ref: true, shape: "var" },
      { name: "accum", value: accum, ref: true, shape: "var" },
      { name: "lr", value: lr, shape: "scalar" },
      { name: "grad", value: grad, shape: "var" },
    ],
    { use_locking: options.useLocking ?? false, update_slots: options.updateSlots ?? true },
    options.name,
  );
}

/** RMSProp's scalar hyperparameters, by TF's arg names. */
export interface RMSPropScalars {
  lr: TensorLike;
  rho: TensorLike;
  momentum: TensorLike;
  epsilon: TensorLike;
}

/**
 * gen_training_ops.py: apply_rms_prop(var, ms, mom, lr, rho, momentum, epsilon, grad, use_locking=False), or with
 * `mg` apply_centered_rms_prop(var, mg, ms, mom, lr, rho, momentum, epsilon, grad, use_locking=False).
 */
export function applyRMSProp(
  var_: VarRef,
  slots: { mg?: VarRef; ms: VarRef; mom: VarRef },
  scalars: RMSPropScalars,
  grad: TensorLike,
  options: ApplyOptions = {},
): Tensor {
  const centered = slots.mg !== undefined;
  return applyOp(
    centered ? opDefs.ApplyCenteredRMSProp.type : opDefs.ApplyRMSProp.type,
    [
      { name: "var", value: var_, ref: true, shape: "var" },
      ...(centered ? [{ name: "mg", value: slots.mg as VarRef, ref: true, shape: "var" as const }] : []),
      { name: "ms", value: slots.ms, ref: true, shape: "var" },
      { name: "mom", value: slots.mom, ref: true, shape: "var" },
      { name: "lr", value: scalars.lr, shape: "scalar" },
      { name: "rho", value: scalars.rho, shape: "scalar" },
      { name: "momentum", value: scalars.momentum, shape: "scalar" },
      { name: "epsilon", value: scalars.epsilon, shape: "scalar" },
      { name: "grad", value: grad, shape: "var" },
    ],
    { use_locking: options.useLocking ?? false },
    options.name,
  );
}
