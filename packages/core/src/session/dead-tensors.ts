// executor.cc (ExecutorState::PropagateOutputs, ActivateNodes): which ops of a run may be dead, decided once per plan.
// A Switch leaves its untaken output dead; an op with a dead data input, or a dead control input, does not run and
// its outputs are dead; a Merge runs on any live data input (its control inputs only order it); a ControlTrigger
// always runs. Steps that may be dead are checked at run time; everything else runs as before.
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import { opDefs } from "../ops/op-defs";

export function isSwitch(op: Operation): boolean {
  return op.def === opDefs.Switch || op.def === opDefs.RefSwitch;
}

export function isMerge(op: Operation): boolean {
  return op.def === opDefs.Merge || op.def === opDefs.RefMerge;
}

/** The ops of `ops` (in execution order) that may be dead in some run, given the fed tensors. */
export function opsThatMayDie(
  ops: readonly Operation[],
  fed: ReadonlySet<Tensor>,
  /** For the Exits of a while loop run as one step: the tensors the loop reads (it dies only when they do). */
  loopInputs?: ReadonlyMap<Operation, readonly Tensor[]>,
): Set<Operation> {
  const mayDie = new Set<Operation>();
  const deadInput = (t: Tensor) => !fed.has(t) && (mayDie.has(t.op) || isSwitch(t.op));
  for (const op of ops) {
    if (op.def.isVariable || op.def === opDefs.ControlTrigger) continue;
    const outer = loopInputs?.get(op);
    if (outer !== undefined) {
      if (outer.some(deadInput)) mayDie.add(op);
      continue;
    }
    if (isMerge(op)) {
      if (op.inputs.every(deadInput)) mayDie.add(op);
    } else if (op.inputs.some(deadInput) || op.controlInputs.some((c) => mayDie.has(c))) {
      mayDie.add(op);
    }
  }
  return mayDie;
}

/**
 * The variable a reference tensor points at through RefSwitch and RefIdentity ops (the variable op itself for its
 * own output), or undefined for a value. They forward the reference: reads and writes through it reach the variable.
 */
export function refRootOf(tensor: Tensor): Operation | undefined {
  let current = tensor;
  for (;;) {
    if (current.op.def.isVariable) return current.op;
    const def = current.op.def;
    if (def !== opDefs.RefSwitch && def !== opDefs.RefIdentity && def !== opDefs.RefEnter && def !== opDefs.RefExit)
      return undefined;
    current = current.op.inputs[0];
  }
}

/** How a NodeDef names an input (`op` for output 0, `op:1` otherwise), as executor.cc's messages quote it. */
export function requestedInputName(tensor: Tensor): string {
  return tensor.valueIndex === 0 ? tensor.op.name : tensor.name;
}
