// ops.py: the control flow context as Graph and Operation hold it (_control_flow_context); control_flow_ops.py's
// CondContext implements it one floor up (ops/cond-context.ts), so the graph calls into it without importing it.
import type { Operation } from "./operation";

export interface ControlFlowContext {
  /** The context this one was created in (null at the top level). */
  readonly outerContext: ControlFlowContext | null;
  /**
   * ops.py: Operation._control_flow_post_processing -> ctxt.AddOp(op): called right after `op` was created while
   * this context was the graph's, inside `op`'s own name scope (as _apply_op_helper creates ops).
   */
  addOp(op: Operation): void;
}

/** control_flow_util.py: IsContainingContext: whether `ctxt` is `maybeContaining` or nested in it. */
export function isContainingContext(
  ctxt: ControlFlowContext | null,
  maybeContaining: ControlFlowContext | null,
): boolean {
  let current = ctxt;
  while (current !== maybeContaining) {
    if (current === null) return false;
    current = current.outerContext;
  }
  return true;
}
