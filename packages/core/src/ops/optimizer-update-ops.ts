// gen_training_ops.py: apply_adadelta, apply_ftrl(_v2), apply_proximal_gradient_descent, apply_proximal_adagrad,
// apply_adagrad_da and their sparse_apply_* forms, with training_ops.cc's shape functions (scalars of rank 0; a
// dense grad merged with var's shape; a sparse grad's trailing dims merged with var's, indices a vector).
import { ValueError } from "../errors";
import { int32, int64 } from "../framework/dtypes";
import { getDefaultGraph, isTensorConvertible, type TensorConvertible } from "../framework/graph";
import { inferenceShapeString, mergeShapes, type Shape } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { useOptimizerUpdateKernels } from "../kernels/reference/optimizer-updates";
import { convertToTensor, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import type { optimizerUpdateDefs } from "./optimizer-update-defs";

// The kernels of this family ship with the module that builds its ops (kernels/lazy-kernel-registry.ts).
useOptimizerUpdateKernels();

/** A variable reference: a Variable, or a VariableV2 output. */
export type UpdateRef = Tensor | TensorConvertible;

/** How one input is converted and checked: a ref, a scalar of var's dtype, grad (dense/sparse), indices, a step. */
type Kind = "ref" | "scalar" | "grad" | "sparseGrad" | "indices" | "step";

/** One of the update ops of optimizer-update-defs.ts. */
type UpdateDef = (typeof optimizerUpdateDefs)[keyof typeof optimizerUpdateDefs];

export interface UpdateOptions {
  useLocking?: boolean;
  name?: string;
}

function refOf(ref: UpdateRef): Tensor {
  if (ref instanceof Tensor) return ref;
  if (isTensorConvertible(ref)) return ref.asGraphElement();
  throw new TypeError(`'var' needs to be a variable reference (a Variable or a VariableV2 output), got ${String(ref)}`);
}

/**
 * Builds one update op as op_def_library does: inside `name` (default the op type), colocated with var, each input
 * converted under its arg name (T = var's dtype; indices int32 by default; global_step int64), then the shape
 * function's checks; output 0 has var's shape.
 */
function updateOp(def: UpdateDef, values: (UpdateRef | TensorLike)[], kinds: Kind[], options: UpdateOptions): Tensor {
  const var_ = refOf(values[0] as UpdateRef);
  const argNames = def.inputs.map((arg) => arg.name);
  const scopeInputs = values.map((v, i) => (kinds[i] === "ref" ? refOf(v as UpdateRef) : v));
  return opScope(options.name, def.type, scopeInputs, (scope, graph) =>
    graph.colocateWith(var_.op, () => {
      const opName = scope.slice(0, -1);
      const dtype = var_.dtype;
      const tensors = values.map((v, i) => {
        const name = argNames[i];
        switch (kinds[i]) {
          case "ref":
            return refOf(v as UpdateRef);
          case "indices":
            return convertToTensor(v as TensorLike, { name, preferredDtype: int32 });
          case "step":
            if (v instanceof Tensor && v.dtype !== int64) {
              // op_def_library.py: _apply_op_helper (an input of a fixed type)
              throw new TypeError(
                `Input '${name}' of '${def.type}' Op has type ${v.dtype.name} that does not match expected type of int64.`,
              );
            }
            return convertToTensor(v as TensorLike, { name, dtype: int64 });
          default:
            if (v instanceof Tensor && v.dtype !== dtype) {
              // op_def_library.py: _apply_op_helper (type attr T already set by var)
              throw new TypeError(
                `Input '${name}' of '${def.type}' Op has type ${v.dtype.name} that does not match type ${dtype.name} of argument 'var'.`,
              );
            }
            return convertToTensor(v as TensorLike, { name, dtype });
        }
      });
      const shapes = tensors.map((t) => inferenceShapeString(t.shape)).join(", ");
      const where = `for '${opName}' (op: '${def.type}') with input shapes: ${shapes}.`;
      let shape: Shape = var_.shape;
      const merge = (other: Shape) => {
        const merged = mergeShapes(shape, other);
        if (merged === undefined) {
          // training_ops.cc: shape function (Merge(s, grad))
          throw new ValueError(
            `Shapes ${inferenceShapeString(shape)} and ${inferenceShapeString(other)} are not compatible ${where}`,
          );
        }
        shape = merged;
      };
      const requireRank = (t: Tensor, rank: number) => {
        if (t.shape !== null && t.shape.length !== rank) {
          // training_ops.cc: shape function (WithRank)
          throw new ValueError(`Shape must be rank ${rank} but is rank ${t.shape.length} ${where}`);
        }
      };
      tensors.forEach((t, i) => {
        const kind = kinds[i];
        if (kind === "ref" && i > 0) merge(t.shape);
        else if (kind === "scalar" || kind === "step") requireRank(t, 0);
        else if (kind === "grad") merge(t.shape);
        else if (kind === "indices") requireRank(t, 1);
        else if (kind === "sparseGrad" && t.shape !== null) {
          if (t.shape.length === 0) {
            // training_ops.cc: HandleGradAndIndicesInputs (ReplaceDim(grad, 0) needs rank >= 1)
            throw new ValueError(`Shape must be at least rank 1 but is rank 0 ${where}`);
          }
          merge([null, ...t.shape.slice(1)]);
        }
      });
      const indices = tensors[kinds.indexOf("indices")];
      const attrs = {
        T: dtype,
        ...(indices ? { Tindices: indices.dtype } : {}),
        use_locking: options.useLocking ?? false,
      };
      return getDefaultGraph().createOp(def, tensors, { name: scope, attrs, shapes: [shape] }).outputs[0];
    }),
  );
}

/** Adadelta's scalars, by TF's arg names. */
export interface AdadeltaScalars {
  lr: TensorLike;
  rho: TensorLike;
  epsilon: TensorLike;
}

/**
 * gen_training_ops.py: apply_adadelta(var, accum, accum_update, lr, rho, epsilon, grad, use_locking=False):
 * accum = rho * accum + (1 - rho) * grad^2; update = sqrt(accum_update + epsilon) / sqrt(accum + epsilon) * grad;
 * var -= lr * update; accum_update = rho * accum_update + (1 - rho) * update^2.
 */
export function applyAdadelta(
  var_: UpdateRef,
  accum: UpdateRef,
  accumUpdate: UpdateRef,
  s: AdadeltaScalars,
  grad: TensorLike,
  options: UpdateOptions = {},
): Tensor {
  const kinds: Kind[] = ["ref", "ref", "ref", "scalar", "scalar", "scalar", "grad"];
  return updateOp(opDefs.ApplyAdadelta, [var_, accum, accumUpdate, s.lr, s.rho, s.epsilon, grad], kinds, options);
}

/** gen_training_ops.py: sparse_apply_adadelta(var, accum, accum_update, lr, rho, epsilon, grad, indices, ...). */
export function sparseApplyAdadelta(
  var_: UpdateRef,
  accum: UpdateRef,
  accumUpdate: UpdateRef,
  s: AdadeltaScalars,
  grad: TensorLike,
  indices: TensorLike,
  options: UpdateOptions = {},
): Tensor {
  const kinds: Kind[] = ["ref", "ref", "ref", "scalar", "scalar", "scalar", "sparseGrad", "indices"];
  const values = [var_, accum, accumUpdate, s.lr, s.rho, s.epsilon, grad, indices];
  return updateOp(opDefs.SparseApplyAdadelta, values, kinds, options);
}

/** Ftrl's scalars, by TF's arg names; with `l2Shrinkage` the op is the V2 one. */
export interface FtrlScalars {
  lr: TensorLike;
  l1: TensorLike;
  l2: TensorLike;
  l2Shrinkage?: TensorLike;
  lrPower: TensorLike;
}

function ftrlScalars(s: FtrlScalars): { values: TensorLike[]; kinds: Kind[] } {
  const values = [s.lr, s.l1, s.l2, ...(s.l2Shrinkage === undefined ? [] : [s.l2Shrinkage]), s.lrPower];
  return { values, kinds: values.map(() => "scalar") };
}

/**
 * gen_training_ops.py: apply_ftrl(var, accum, linear, grad, lr, l1, l2, lr_power, use_locking=False), or with
 * `l2Shrinkage` apply_ftrl_v2(var, accum, linear, grad, lr, l1, l2, l2_shrinkage, lr_power, use_locking=False).
 */
export function applyFtrl(
  var_: UpdateRef,
  accum: UpdateRef,
  linear: UpdateRef,
  grad: TensorLike,
  s: FtrlScalars,
  options: UpdateOptions = {},
): Tensor {
  const def = s.l2Shrinkage === undefined ? opDefs.ApplyFtrl : opDefs.ApplyFtrlV2;
  const h = ftrlScalars(s);
  return updateOp(def, [var_, accum, linear, grad, ...h.values], ["ref", "ref", "ref", "grad", ...h.kinds], options);
}

/** gen_training_ops.py: sparse_apply_ftrl(var, accum, linear, grad, indices, lr, l1, l2, lr_power) (or _v2). */
export function sparseApplyFtrl(
  var_: UpdateRef,
  accum: UpdateRef,
  linear: UpdateRef,
  grad: TensorLike,
  indices: TensorLike,
  s: FtrlScalars,
  options: UpdateOptions = {},
): Tensor {
  const def = s.l2Shrinkage === undefined ? opDefs.SparseApplyFtrl : opDefs.SparseApplyFtrlV2;
  const h = ftrlScalars(s);
  const kinds: Kind[] = ["ref", "ref", "ref", "sparseGrad", "indices", ...h.kinds];
  return updateOp(def, [var_, accum, linear, grad, indices, ...h.values], kinds, options);
}

/**
 * gen_training_ops.py: apply_proximal_gradient_descent(var, alpha, l1, l2, delta, use_locking=False):
 * prox_v = var - alpha * delta; var = sign(prox_v) * max(|prox_v| - alpha * l1, 0) / (1 + alpha * l2).
 */
export function applyProximalGradientDescent(
  var_: UpdateRef,
  alpha: TensorLike,
  l1: TensorLike,
  l2: TensorLike,
  delta: TensorLike,
  options: UpdateOptions = {},
): Tensor {
  const kinds: Kind[] = ["ref", "scalar", "scalar", "scalar", "grad"];
  return updateOp(opDefs.ApplyProximalGradientDescent, [var_, alpha, l1, l2, delta], kinds, options);
}

/** gen_training_ops.py: sparse_apply_proximal_gradient_descent(var, alpha, l1, l2, grad, indices, ...). */
export function sparseApplyProximalGradientDescent(
  var_: UpdateRef,
  alpha: TensorLike,
  l1: TensorLike,
  l2: TensorLike,
  grad: TensorLike,
  indices: TensorLike,
  options: UpdateOptions = {},
): Tensor {
  const kinds: Kind[] = ["ref", "scalar", "scalar", "scalar", "sparseGrad", "indices"];
  return updateOp(opDefs.SparseApplyProximalGradientDescent, [var_, alpha, l1, l2, grad, indices], kinds, options);
}

/**
 * gen_training_ops.py: apply_proximal_adagrad(var, accum, lr, l1, l2, grad, use_locking=False): accum += grad^2,
 * then proximal gradient descent with the rate lr / sqrt(accum).
 */
export function applyProximalAdagrad(
  var_: UpdateRef,
  accum: UpdateRef,
  lr: TensorLike,
  l1: TensorLike,
  l2: TensorLike,
  grad: TensorLike,
  options: UpdateOptions = {},
): Tensor {
  const kinds: Kind[] = ["ref", "ref", "scalar", "scalar", "scalar", "grad"];
  return updateOp(opDefs.ApplyProximalAdagrad, [var_, accum, lr, l1, l2, grad], kinds, options);
}

/** gen_training_ops.py: sparse_apply_proximal_adagrad(var, accum, lr, l1, l2, grad, indices, use_locking=False). */
export function sparseApplyProximalAdagrad(
  var_: UpdateRef,
  accum: UpdateRef,
  lr: TensorLike,
  l1: TensorLike,
  l2: TensorLike,
  grad: TensorLike,
  indices: TensorLike,
  options: UpdateOptions = {},
): Tensor {
  const kinds: Kind[] = ["ref", "ref", "scalar", "scalar", "scalar", "sparseGrad", "indices"];
  return updateOp(opDefs.SparseApplyProximalAdagrad, [var_, accum, lr, l1, l2, grad, indices], kinds, options);
}

/** AdagradDA's scalars, by TF's arg names (global_step is int64). */
export interface AdagradDAScalars {
  lr: TensorLike;
  l1: TensorLike;
  l2: TensorLike;
  globalStep: TensorLike;
}

/**
 * gen_training_ops.py: apply_adagrad_da(var, gradient_accumulator, gradient_squared_accumulator, grad, lr, l1, l2,
 * global_step, use_locking=False).
 */
export function applyAdagradDA(
  var_: UpdateRef,
  gradientAccumulator: UpdateRef,
  gradientSquaredAccumulator: UpdateRef,
  grad: TensorLike,
  s: AdagradDAScalars,
  options: UpdateOptions = {},
): Tensor {
  const kinds: Kind[] = ["ref", "ref", "ref", "grad", "scalar", "scalar", "scalar", "step"];
  const values = [var_, gradientAccumulator, gradientSquaredAccumulator, grad, s.lr, s.l1, s.l2, s.globalStep];
  return updateOp(opDefs.ApplyAdagradDA, values, kinds, options);
}

/** gen_training_ops.py: sparse_apply_adagrad_da(var, ..., grad, indices, lr, l1, l2, global_step, ...). */
export function sparseApplyAdagradDA(
  var_: UpdateRef,
  gradientAccumulator: UpdateRef,
  gradientSquaredAccumulator: UpdateRef,
  grad: TensorLike,
  indices: TensorLike,
  s: AdagradDAScalars,
  options: UpdateOptions = {},
): Tensor {
  const kinds: Kind[] = ["ref", "ref", "ref", "sparseGrad", "indices", "scalar", "scalar", "scalar", "step"];
  const values = [var_, gradientAccumulator, gradientSquaredAccumulator, grad, indices, s.lr, s.l1, s.l2, s.globalStep];
  return updateOp(opDefs.SparseApplyAdagradDA, values, kinds, options);
}
