// control_flow_ops.py: tuple (with_dependencies), tf.tuple and as gradients_util.py's gate_gradients and Optimizer's
// GATE_GRAPH call it.
import { ValueError } from "../errors";
import { IndexedSlices } from "../framework/indexed-slices";
import { Operation } from "../framework/operation";
import { Tensor } from "../framework/tensor";
import { identity } from "../ops/array-ops";
import { group } from "../ops/control-flow-ops";
import { withDependencies } from "../ops/control-flow-switch";
import { convertToTensor, opScope, type TensorLike } from "../ops/op-builder";

export interface TupleOptions {
  name?: string;
  /** Further ops (or tensors' ops) that must finish before the returned values are available. */
  controlInputs?: readonly (Operation | Tensor)[] | null;
}

type TupleItem = Tensor | IndexedSlices | Operation;

/**
 * control_flow_ops.py: tuple(tensors, name=None, control_inputs=None): a `tuple/group_deps` NoOp after every
 * entry's op (and the control inputs), then one `tuple/control_dependency[_n]` Identity per tensor (colocated with
 * it, as with_dependencies does) that runs after the gate; an Operation entry becomes a `group_deps` NoOp after the
 * gate. `null` entries stay `null`; an IndexedSlices gets the Identity on its values; other values are converted.
 */
export function tuple<T extends TupleItem>(
  tensors: readonly (T | null)[],
  options?: TupleOptions | string,
): (T | null)[];
export function tuple(
  tensors: readonly (TupleItem | TensorLike | null)[],
  options?: TupleOptions | string,
): (TupleItem | null)[];
export function tuple(
  tensors: readonly (TupleItem | TensorLike | null)[],
  options: TupleOptions | string = {},
): (TupleItem | null)[] {
  const opts = typeof options === "string" ? { name: options } : options;
  return opScope(opts.name, "tuple", tensors, (_scope, graph) => {
    const items = tensors.map((t): TupleItem | null =>
      t === null || t instanceof Operation || t instanceof Tensor || t instanceof IndexedSlices
        ? t
        : convertToTensor(t),
    );
    const gatingOps = items.filter((t) => t !== null).map((t) => (t instanceof Operation ? t : t.op));
    for (const c of opts.controlInputs ?? []) {
      if (c instanceof Tensor) gatingOps.push(c.op);
      else if (c instanceof Operation) gatingOps.push(c);
      // control_flow_ops.py: tuple
      else throw new TypeError(`Control input must be Operation or Tensor: ${String(c)}`);
    }
    const gating = [...new Set(gatingOps)].sort((a, b) => a.id - b.id);
    if (gating.length === 0) {
      // control_flow_ops.py: tuple
      throw new ValueError(
        `Must have at least one Tensor: [${items.map((t) => (t === null ? "None" : String(t))).join(", ")}]`,
      );
    }
    const gate = group(gating);
    return items.map((t) => {
      if (t === null) return null;
      if (t instanceof Operation) return graph.controlDependencies([gate], () => group(t));
      if (t instanceof IndexedSlices) {
        // with_dependencies on an IndexedSlices: the Identity on its values.
        return opScope(undefined, "control_dependency", [gate, t], (scope) =>
          graph.colocateWith(t.op, () =>
            graph.controlDependencies(
              [gate],
              () => new IndexedSlices(identity(t.values, scope), t.indices, t.denseShape),
            ),
          ),
        );
      }
      return withDependencies([gate], t);
    });
  });
}
