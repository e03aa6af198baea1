// direct_session.cc: the pruned subgraph of a run: the ops the fetches need, given what is fed, in execution order.
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";

export interface RunPlan {
  /** Needed ops in a valid execution order (creation order is topological: inputs always exist first). */
  readonly ops: Operation[];
  /** The op that reads a fetched tensor, for error messages (the producer itself for a direct fetch). */
  fetchReader(tensor: Tensor): Operation;
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
    for (const control of op.controlInputs) visit(control);
  }
  const ops = [...needed].sort((a, b) => a.id - b.id);
  return { ops, fetchReader: (tensor) => tensor.op };
}
