// direct_session.cc: the pruned subgraph of a run: the ops the fetches need, given what is fed, in execution order.
import { InvalidArgumentError } from "../errors";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import { opDefs } from "../ops/op-defs";
import { isMerge } from "./dead-tensors";
import { isNextIteration } from "./loop-frames";

export interface RunPlan {
  /** Needed ops in a valid execution order: every op after its inputs and control inputs. */
  readonly ops: Operation[];
  /** The op that reads a fetched tensor, for error messages (the producer itself for a direct fetch). */
  fetchReader(tensor: Tensor): Operation;
}

/**
 * subgraph.cc: FeedInputs: a fed Placeholder's outgoing control edges move to the value that replaces it, so a
 * control dependency on a fed placeholder (`with control_dependencies([values])` in tf.metrics) is met by the feed.
 */
function controlMetByFeed(control: Operation, fed: ReadonlySet<Tensor>): boolean {
  return control.type === opDefs.Placeholder.type && fed.has(control.outputs[0]);
}

/** Walks back from the targets through data and control inputs, stopping at fed tensors. */
export function planRun(targets: readonly (Tensor | Operation)[], fed: ReadonlySet<Tensor>): RunPlan {
  const needed = new Set<Operation>();
  const stack: Operation[] = [];
  const visit = (op: Operation) => {
    if (!needed.has(op)) {
      needed.add(op);
      stack.push(op);
    }
  };
  for (const target of targets) {
    if ("valueIndex" in target) {
      if (!fed.has(target)) visit(target.op);
    } else visit(target);
  }
  while (stack.length > 0) {
    const op = stack.pop()!;
    for (const input of op.inputs) if (!fed.has(input)) visit(input.op);
    for (const control of op.controlInputs) if (!controlMetByFeed(control, fed)) visit(control);
  }
  return { ops: executionOrder(needed, fed), fetchReader: (tensor) => tensor.op };
}

/**
 * Creation order, except where an op reads an op made after it (a cond rewires an op's input to a Switch it adds
 * afterwards, ops.py: Operation._update_input): such inputs are placed first. Graphs without that keep creation order.
 */
function executionOrder(needed: ReadonlySet<Operation>, fed: ReadonlySet<Tensor>): Operation[] {
  const byId = [...needed].sort((a, b) => a.id - b.id);
  const order: Operation[] = [];
  const state = new Map<Operation, "open" | "done">();
  const dependency = (op: Operation, k: number): Operation | undefined => {
    if (k < op.inputs.length) {
      const input = op.inputs[k];
      // A while loop's back edge (NextIteration -> Merge) is the only cycle: the Merge runs first.
      if (isMerge(op) && isNextIteration(input.op)) return undefined;
      return fed.has(input) ? undefined : input.op;
    }
    const control = op.controlInputs[k - op.inputs.length];
    return controlMetByFeed(control, fed) ? undefined : control;
  };
  for (const root of byId) {
    if (state.has(root)) continue;
    const walk: [Operation, number][] = [[root, 0]];
    state.set(root, "open");
    while (walk.length > 0) {
      const top = walk[walk.length - 1];
      const [op, k] = top;
      if (k < op.inputs.length + op.controlInputs.length) {
        top[1]++;
        const dep = dependency(op, k);
        if (dep === undefined || !needed.has(dep)) continue;
        const seen = state.get(dep);
        if (seen === "open") {
          // executor.cc handles cycles only inside while loops (NextIteration), which scopeflow does not run.
          throw new InvalidArgumentError(`The graph has a cycle through ${dep.name} (needed by ${op.name})`);
        }
        if (seen === undefined) {
          state.set(dep, "open");
          walk.push([dep, 0]);
        }
        continue;
      }
      walk.pop();
      state.set(op, "done");
      order.push(op);
    }
  }
  return order;
}
