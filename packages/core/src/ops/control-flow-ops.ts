// control_flow_ops.py: no_op, group (the NoOp that runs after its inputs).
import { getDefaultGraph, isTensorConvertible, type TensorConvertible } from "../framework/graph";
import { Operation } from "../framework/operation";
import { Tensor } from "../framework/tensor";
import { createOp, opScope } from "./op-builder";
import { opDefs } from "./op-defs";

/** gen_control_flow_ops.py: no_op(name=None): a `NoOp` named `NoOp`. */
export function noOp(name?: string): Operation {
  return opScope(name, opDefs.NoOp.type, [], (scope) => createOp(opDefs.NoOp, [], { name: scope }));
}

export type GroupInput = Operation | Tensor | TensorConvertible;

export interface GroupOptions {
  name?: string;
}

type GroupArg = GroupInput | readonly GroupArg[];

function isGroupOptions(x: unknown): x is GroupOptions {
  return (
    typeof x === "object" &&
    x !== null &&
    !Array.isArray(x) &&
    !(x instanceof Operation) &&
    !(x instanceof Tensor) &&
    !isTensorConvertible(x)
  );
}

/**
 * control_flow_ops.py: group(*inputs, name=None): a NoOp (named `group_deps` by default) with a control input
 * on each input's op. The ops come as separate arguments (Python's `*inputs`) or arrays (flattened, as
 * nest.flatten does), then `{ name }` (or a name string, the internal spelling). With no inputs it is a plain NoOp.
 */
export function group(...args: (GroupArg | GroupOptions | string | undefined)[]): Operation {
  let name: string | undefined;
  const last = args[args.length - 1];
  if (typeof last === "string" || last === undefined) {
    name = last as string | undefined;
    args = args.slice(0, -1);
  } else if (isGroupOptions(last)) {
    name = last.name;
    args = args.slice(0, -1);
  }
  const inputs: GroupInput[] = [];
  const flatten = (x: unknown): void => {
    if (Array.isArray(x)) for (const y of x) flatten(y);
    else inputs.push(x as GroupInput);
  };
  flatten(args);
  return opScope(name, "group_deps", inputs, (scope) => {
    if (inputs.length === 0) return noOp(scope);
    const ops = inputs.map((input) => {
      if (input instanceof Operation) return input;
      if (input instanceof Tensor) return input.op;
      if (isTensorConvertible(input)) return input.asGraphElement().op;
      // control_flow_ops.py: group
      throw new TypeError(
        `Expected tf.group() expected Tensor arguments not '${String(input)}' with type '${typeof input}'`,
      );
    });
    return getDefaultGraph().controlDependencies(ops, () => noOp(scope));
  });
}

/**
 * ops.py: control_dependencies(control_inputs): ops created in `body` (on the default graph) run after
 * `controlInputs`; `null` clears the enclosing dependencies, as `None` does. Returns `body`'s result.
 */
export function controlDependencies<T>(controlInputs: readonly GroupInput[] | null, body: () => T): T {
  return getDefaultGraph().controlDependencies(controlInputs, body);
}
