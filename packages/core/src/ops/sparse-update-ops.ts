// gen_state_ops.py (scatter_update, scatter_add, scatter_sub), gen_array_ops.py (unique),
// gen_training_ops.py (sparse_apply_momentum), with the shape functions of state_ops.cc / training_ops.cc.
import { ValueError } from "../errors";
import { asDType, type DTypeLike, int32 } from "../framework/dtypes";
import { getDefaultGraph, isTensorConvertible, type TensorConvertible } from "../framework/graph";
import { inferenceShapeString, type Shape } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";

/** A variable reference: a Variable, or a VariableV2 output. */
export type ScatterRef = Tensor | TensorConvertible;

function refOf(ref: ScatterRef): Tensor {
  if (ref instanceof Tensor) return ref;
  if (isTensorConvertible(ref)) return ref.asGraphElement();
  throw new TypeError(`'ref' needs to be a variable reference (a Variable or a VariableV2 output), got ${String(ref)}`);
}

export interface ScatterOptions {
  useLocking?: boolean;
  name?: string;
}

type ScatterType = typeof opDefs.ScatterUpdate.type | typeof opDefs.ScatterAdd.type | typeof opDefs.ScatterSub.type;

/**
 * One Scatter* op as op_def_library builds it: inside `name` (default the op type), colocated with the ref
 * (a ref input), `updates` converted to the ref's dtype; state_ops.cc ScatterUpdateShape checks
 * updates.shape == indices.shape + ref.shape[1:].
 */
function scatterOp(
  type: ScatterType,
  ref: ScatterRef,
  indices: TensorLike,
  updates: TensorLike,
  options: ScatterOptions,
  defaultLocking: boolean,
): Tensor {
  const r = refOf(ref);
  return opScope(options.name, type, [r, indices, updates], (scope, graph) =>
    graph.colocateWith(r.op, () => {
      const i = convertToTensor(indices, { name: "indices", preferredDtype: int32 });
      const u = convertToTensor(updates, { name: "updates", dtype: r.dtype });
      if (r.shape !== null && i.shape !== null && u.shape !== null) {
        const expected = [...i.shape, ...r.shape.slice(1)];
        const ok =
          expected.length === u.shape.length &&
          expected.every((d, k) => d === null || u.shape?.[k] === null || d === u.shape?.[k]);
        if (!ok) {
          // state_ops.cc: ScatterUpdateShape
          throw new ValueError(
            `Shapes must be equal rank, but are ${u.shape.length} and ${expected.length} for '${scope.slice(0, -1)}' (op: '${type}') with input shapes: ${inferenceShapeString(r.shape)}, ${inferenceShapeString(i.shape)}, ${inferenceShapeString(u.shape)}.`,
          );
        }
      }
      return createOp(opDefs[type], [r, i, u], {
        name: scope,
        attrs: { T: u.dtype, Tindices: i.dtype, use_locking: options.useLocking ?? defaultLocking },
        shapes: [r.shape as Shape],
      }).outputs[0];
    }),
  );
}

/** state_ops.py: scatter_update(ref, indices, updates, use_locking=True, name=None): ref[indices] = updates. */
export function scatterUpdate(ref: ScatterRef, indices: TensorLike, updates: TensorLike, options: ScatterOptions = {}) {
  return scatterOp(opDefs.ScatterUpdate.type, ref, indices, updates, options, true);
}

/** state_ops.py: scatter_add(ref, indices, updates, use_locking=False, name=None): ref[indices] += updates. */
export function scatterAdd(ref: ScatterRef, indices: TensorLike, updates: TensorLike, options: ScatterOptions = {}) {
  return scatterOp(opDefs.ScatterAdd.type, ref, indices, updates, options, false);
}

/** state_ops.py: scatter_sub(ref, indices, updates, use_locking=False, name=None): ref[indices] -= updates. */
export function scatterSub(ref: ScatterRef, indices: TensorLike, updates: TensorLike, options: ScatterOptions = {}) {
  return scatterOp(opDefs.ScatterSub.type, ref, indices, updates, options, false);
}

/**
 * array_ops.py: unique(x, out_idx=tf.int32, name=None): `[y, idx]`, the distinct values of the 1-D `x` in order of
 * first appearance and, per element of x, its position in y.
 */
export function unique(x: TensorLike, options: { outIdx?: DTypeLike; name?: string } | string = {}): [Tensor, Tensor] {
  const opts = typeof options === "string" ? { name: options } : options;
  return opScope(opts.name, opDefs.Unique.type, [x], (scope) => {
    const t = convertToTensor(x, { name: "x" });
    if (t.shape !== null && t.shape.length !== 1) {
      // array_ops.cc: Unique shape function (WithRank(c->input(0), 1))
      throw new ValueError(
        `Shape must be rank 1 but is rank ${t.shape.length} for '${scope.slice(0, -1)}' (op: '${opDefs.Unique.type}') with input shapes: ${inferenceShapeString(t.shape)}.`,
      );
    }
    const op = createOp(opDefs.Unique, [t], {
      name: scope,
      attrs: { T: t.dtype, out_idx: asDType(opts.outIdx ?? int32) },
      shapes: [[null], t.shape === null ? [null] : t.shape],
    });
    return [op.outputs[0], op.outputs[1]];
  });
}

/**
 * gen_training_ops.py: sparse_apply_momentum(var, accum, lr, grad, indices, momentum, use_locking=False,
 * use_nesterov=False): for each row i of grad, accum[indices[i]] = accum * momentum + grad[i]; var[indices[i]] -=
 * lr * accum (Nesterov: lr * grad[i] + lr * momentum * accum).
 */
export function sparseApplyMomentum(
  var_: ScatterRef,
  accum: ScatterRef,
  lr: TensorLike,
  grad: TensorLike,
  indices: TensorLike,
  momentum: TensorLike,
  options: ScatterOptions & { useNesterov?: boolean } = {},
): Tensor {
  const v = refOf(var_);
  const a = refOf(accum);
  return opScope(options.name, opDefs.SparseApplyMomentum.type, [v, a, lr, grad, indices, momentum], (scope, graph) =>
    graph.colocateWith(v.op, () => {
      const dtype = v.dtype;
      const l = convertToTensor(lr, { name: "lr", dtype });
      const g = convertToTensor(grad, { name: "grad", dtype });
      const i = convertToTensor(indices, { name: "indices", preferredDtype: int32 });
      const m = convertToTensor(momentum, { name: "momentum", dtype });
      for (const [argName, t] of [
        ["lr", l],
        ["momentum", m],
      ] as const) {
        if (t.shape !== null && t.shape.length !== 0) {
          // training_ops.cc: SparseApplyMomentum shape function (WithRank(lr, 0))
          throw new ValueError(
            `Shape must be rank 0 but is rank ${t.shape.length} for '${scope.slice(0, -1)}' (op: '${opDefs.SparseApplyMomentum.type}') with input shapes: ${[v, a, l, g, i, m].map((x) => inferenceShapeString(x.shape)).join(", ")}. (${argName})`,
          );
        }
      }
      return getDefaultGraph().createOp(opDefs.SparseApplyMomentum, [v, a, l, g, i, m], {
        name: scope,
        attrs: {
          T: dtype,
          Tindices: i.dtype,
          use_locking: options.useLocking ?? false,
          use_nesterov: options.useNesterov ?? false,
        },
        shapes: [v.shape],
      }).outputs[0];
    }),
  );
}

/**
 * One SparseApply* op of the adaptive optimizers: `refs` (var and its slots), the named scalars (rank 0, as the
 * shape function checks), grad's rows and their `indices`; colocated with var.
 */
function sparseApply(
  def: typeof opDefs.SparseApplyAdagrad | typeof opDefs.SparseApplyRMSProp | typeof opDefs.SparseApplyCenteredRMSProp,
  refs: ScatterRef[],
  scalars: [string, TensorLike][],
  grad: TensorLike,
  indices: TensorLike,
  attrs: Record<string, boolean>,
  name: string | undefined,
): Tensor {
  const tensors = refs.map(refOf);
  const v = tensors[0];
  return opScope(name, def.type, [...tensors, ...scalars.map((s) => s[1]), grad, indices], (scope, graph) =>
    graph.colocateWith(v.op, () => {
      const dtype = v.dtype;
      const hs = scalars.map(([argName, value]) => convertToTensor(value, { name: argName, dtype }));
      const g = convertToTensor(grad, { name: "grad", dtype });
      const i = convertToTensor(indices, { name: "indices", preferredDtype: int32 });
      const inputs = [...tensors, ...hs, g, i];
      hs.forEach((t) => {
        if (t.shape !== null && t.shape.length !== 0) {
          // training_ops.cc: SparseApply* shape function (WithRank(lr, 0))
          throw new ValueError(
            `Shape must be rank 0 but is rank ${t.shape.length} for '${scope.slice(0, -1)}' (op: '${def.type}') with input shapes: ${inputs.map((x) => inferenceShapeString(x.shape)).join(", ")}.`,
          );
        }
      });
      return getDefaultGraph().createOp(def, inputs, {
        name: scope,
        attrs: { T: dtype, Tindices: i.dtype, ...attrs },
        shapes: [v.shape],
      }).outputs[0];
    }),
  );
}

/** gen_training_ops.py: sparse_apply_adagrad(var, accum, lr, grad, indices, use_locking=False, update_slots=True). */
export function sparseApplyAdagrad(
  var_: ScatterRef,
  accum: ScatterRef,
  lr: TensorLike,
  grad: TensorLike,
  indices: TensorLike,
  options: ScatterOptions & { updateSlots?: boolean } = {},
): Tensor {
  return sparseApply(
    opDefs.SparseApplyAdagrad,
    [var_, accum],
    [["lr", lr]],
    grad,
    indices,
    { use_locking: options.useLocking ?? false, update_slots: options.updateSlots ?? true },
    options.name,
  );
}

/**
 * gen_training_ops.py: sparse_apply_rms_prop(var, ms, mom, lr, rho, momentum, epsilon, grad, indices), or with `mg`
 * sparse_apply_centered_rms_prop(var, mg, ms, mom, ...).
 */
export function sparseApplyRMSProp(
  var_: ScatterRef,
  slots: { mg?: ScatterRef; ms: ScatterRef; mom: ScatterRef },
  scalars: { lr: TensorLike; rho: TensorLike; momentum: TensorLike; epsilon: TensorLike },
  grad: TensorLike,
  indices: TensorLike,
  options: ScatterOptions = {},
): Tensor {
  const centered = slots.mg !== undefined;
  return sparseApply(
    centered ? opDefs.SparseApplyCenteredRMSProp : opDefs.SparseApplyRMSProp,
    centered ? [var_, slots.mg as ScatterRef, slots.ms, slots.mom] : [var_, slots.ms, slots.mom],
    [
      ["lr", scalars.lr],
      ["rho", scalars.rho],
      ["momentum", scalars.momentum],
      ["epsilon", scalars.epsilon],
    ],
    grad,
    indices,
    { use_locking: options.useLocking ?? false },
    options.name,
  );
}
