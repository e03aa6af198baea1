// control_flow_ops.py: tuple (with_dependencies), as gradients_util.py's gate_gradients and Optimizer's GATE_GRAPH call it.
import { ValueError } from "../errors";
import { IndexedSlices } from "../framework/indexed-slices";
import type { Tensor } from "../framework/tensor";
import { identity } from "../ops/array-ops";
import { group } from "../ops/control-flow-ops";
import { opScope } from "../ops/op-builder";

/**
 * control_flow_ops.py: tuple(tensors): a `tuple/group_deps` NoOp after every tensor's op, and one
 * `tuple/control_dependency[_n]` Identity per tensor (colocated with it, as with_dependencies does) that runs after
 * the gate. `null` entries stay `null`; an IndexedSlices gets the Identity on its values (with_dependencies).
 */
export function tuple<T extends Tensor | IndexedSlices>(tensors: (T | null)[], name?: string): (T | null)[] {
  const present = tensors.filter((t): t is T => t !== null);
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
        graph.colocateWith(t.op, () =>
          graph.controlDependencies([gate], () =>
            t instanceof IndexedSlices
              ? new IndexedSlices(identity(t.values, scope), t.indices, t.denseShape)
              : identity(t, scope),
          ),
        ),
      ) as T;
    });
  });
}
