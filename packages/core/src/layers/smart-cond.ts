// keras/utils/tf_utils.py (TF 1.15): smart_cond and constant_value, over framework/smart_cond.py: a pred whose value
// is known now (a bool, 0 or 1, a constant Tensor) picks a branch in Python; otherwise a control_flow_ops.cond.
import { Tensor } from "../framework/tensor";
import { cond } from "../ops/cond";
import { constantValue as tensorConstantValue } from "../ops/shape-inference";
import { messages } from "./messages";

/** Whether to run a layer in training mode: a boolean, 0 or 1, or a (bool) Tensor such as a placeholder. */
export type Training = boolean | number | Tensor | null;

/** tf_utils.py: constant_value: the pred's value when known while building the graph, else null. */
export function constantValue(pred: Training): boolean | null {
  if (pred instanceof Tensor) {
    const value = tensorConstantValue(pred);
    return value === null || value.length !== 1 ? null : value[0] !== 0;
  }
  if (pred === 0 || pred === 1) return pred === 1;
  if (typeof pred === "boolean") return pred;
  // tf_utils.py: constant_value
  throw new TypeError(messages.predType(pred));
}

/** tf_utils.py: smart_cond(pred, true_fn, false_fn, name): a branch now, or a `cond` (control_flow_ops.cond). */
export function smartCond<T>(pred: Training, trueFn: () => T, falseFn: () => T, name?: string): T {
  const value = constantValue(pred);
  if (value !== null) return value ? trueFn() : falseFn();
  return cond(pred as Tensor, trueFn, falseFn, name === undefined ? {} : { name }) as T;
}
