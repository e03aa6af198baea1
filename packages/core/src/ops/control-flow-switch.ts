// control_flow_ops.py: switch, ref_switch, _SwitchRefOrTensor, merge, with_dependencies: the primitives v1 tf.cond is
// built from (control_flow_ops.cc gives their shape functions).
import { ValueError } from "../errors";
import { bool, type DTypeLike } from "../framework/dtypes";
import type { OpDef } from "../framework/op-def";
import type { Operation } from "../framework/operation";
import type { Shape } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { identity } from "./array-ops";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { shapeError } from "./shape-inference";

/** `[output_false, output_true]`: `data` reaches output_true when `pred` holds, else output_false. */
export type SwitchOutputs = [Tensor, Tensor];

/** The Switch / RefSwitch op itself, after op_def_library's type check and control_flow_ops.cc's shape function. */
function switchOp(def: OpDef, data: Tensor, pred: Tensor, scope: string): SwitchOutputs {
  if (pred.dtype !== bool) {
    // op_def_library.py: _apply_op_helper
    throw new TypeError(
      `Input 'pred' of '${def.type}' Op has type ${pred.dtype.name} that does not match expected type of bool.`,
    );
  }
  if (pred.shape !== null && pred.shape.length !== 0) {
    // control_flow_ops.cc: SwitchShape (WithRank(pred, 0))
    throw shapeError(`Shape must be rank 0 but is rank ${pred.shape.length}`, scope.slice(0, -1), def.type, [
      data,
      pred,
    ]);
  }
  const op = createOp(def, [data, pred], { name: scope, attrs: { T: data.dtype }, shapes: [data.shape, data.shape] });
  return [op.outputs[0], op.outputs[1]];
}

export interface SwitchOptions {
  dtype?: DTypeLike;
  name?: string;
}

/** control_flow_ops.py: switch(data, pred, dtype=None, name=None): a `Switch` (a reference is read, not forwarded). */
export function switch_(data: TensorLike, pred: TensorLike, options: SwitchOptions | string = {}): SwitchOutputs {
  const opts = typeof options === "string" ? { name: options } : options;
  return opScope(opts.name, opDefs.Switch.type, [data, pred], (scope) => {
    const d = convertToTensor(data, { dtype: opts.dtype, name: "data", asRef: true });
    const p = convertToTensor(pred, { name: "pred" });
    return switchOp(opDefs.Switch, d, p, scope);
  });
}

/** gen_control_flow_ops.py: ref_switch(data, pred, name=None): a `RefSwitch` forwarding a variable's reference. */
export function refSwitch(data: TensorLike, pred: TensorLike, name?: string): SwitchOutputs {
  return opScope(name, opDefs.RefSwitch.type, [data, pred], (scope) => {
    const d = convertToTensor(data, { name: "data", asRef: true });
    if (!d.isRef) {
      // op_def_library.py: _apply_op_helper
      throw new TypeError(
        `'${opDefs.RefSwitch.type}' Op requires that input 'data' be a mutable tensor (e.g.: a tf.Variable)`,
      );
    }
    return switchOp(opDefs.RefSwitch, d, convertToTensor(pred, { name: "pred" }), scope);
  });
}

/**
 * control_flow_ops.py: _SwitchRefOrTensor(data, pred, name="Switch"): a RefSwitch for a reference, else a Switch,
 * colocated with `data` alone (ops.colocate_with(data, ignore_existing=True)).
 */
export function switchRefOrTensor(data: Tensor, pred: Tensor, name: string = opDefs.Switch.type): SwitchOutputs {
  return data.graph.colocateWith(data.op, () => (data.isRef ? refSwitch(data, pred, name) : switch_(data, pred, name)));
}

/** control_flow_ops.cc: MergeShape: the inputs' common rank, unknown dims where they differ. */
function mergeShape(inputs: readonly Tensor[]): Shape {
  const first = inputs[0].shape;
  if (first === null) return null;
  const out: (number | null)[] = [...first];
  for (const t of inputs.slice(1)) {
    const s = t.shape;
    if (s === null || s.length !== out.length) return null;
    s.forEach((d, i) => {
      if (d !== out[i]) out[i] = null;
    });
  }
  return out;
}

/**
 * control_flow_ops.py: merge(inputs, name=None): `[output, value_index]`, the one live input and its position.
 * A `RefMerge` when every input is a reference.
 */
export function merge(inputs: readonly (TensorLike | null | undefined)[], name?: string): [Tensor, Tensor] {
  if (inputs.some((x) => x === null || x === undefined)) {
    // control_flow_ops.py: merge
    throw new ValueError(
      `At least one of the merge inputs is None: [${inputs.map((x) => (x instanceof Tensor ? x.repr() : x === null || x === undefined ? "None" : String(x))).join(", ")}]`,
    );
  }
  return opScope(name, opDefs.Merge.type, inputs, (scope) => {
    const tensors = (inputs as TensorLike[]).map((x) => convertToTensor(x, { asRef: true }));
    const def = tensors.every((t) => t.isRef) ? opDefs.RefMerge : opDefs.Merge;
    if (tensors.some((t) => t.dtype !== tensors[0].dtype)) {
      // op_def_library.py: _apply_op_helper (a list of one type attr)
      throw new TypeError(
        `Tensors in list passed to 'inputs' of '${def.type}' Op have types [${tensors.map((t) => t.dtype.name).join(", ")}] that don't all match.`,
      );
    }
    const op = createOp(def, tensors, {
      name: scope,
      attrs: { T: tensors[0].dtype, N: tensors.length },
      shapes: [mergeShape(tensors), []],
    });
    return [op.outputs[0], op.outputs[1]];
  });
}

/** gen_array_ops.py: ref_identity(input, name=None): a `RefIdentity` that forwards a variable's reference. */
export function refIdentity(input: Tensor, name?: string): Tensor {
  return opScope(name, opDefs.RefIdentity.type, [input], (scope) => {
    if (!input.isRef) {
      // op_def_library.py: _apply_op_helper
      throw new TypeError(
        `'${opDefs.RefIdentity.type}' Op requires that input 'input' be a mutable tensor (e.g.: a tf.Variable)`,
      );
    }
    return createOp(opDefs.RefIdentity, [input], { name: scope, attrs: { T: input.dtype }, shapes: [input.shape] })
      .outputs[0];
  });
}

/**
 * control_flow_ops.py: with_dependencies(dependencies, output_tensor, name=None): an Identity of `output` named
 * `control_dependency` (a RefIdentity for a reference, as _Identity makes) that runs after `dependencies`, colocated
 * with `output`.
 */
export function withDependencies(dependencies: readonly (Operation | Tensor)[], output: Tensor, name?: string): Tensor {
  return opScope(name, "control_dependency", [...dependencies, output], (scope, graph) =>
    graph.colocateWith(output.op, () =>
      graph.controlDependencies(dependencies, () =>
        output.isRef ? refIdentity(output, scope) : identity(output, scope),
      ),
    ),
  );
}
