// The seed thread's `scoping(fn, scope1, scope2, vals)` (Salvador Dali's answer), shared by the seed CLI and the
// graph view: the same program under tf.variableScope and under tf.nameScope.
import * as tf from "@scopeflow/node";

export type Scope = <T>(name: string, body: () => T) => T;

export function scoping(fn: Scope, scope1: string, scope2: string, vals: number[]) {
  return fn(scope1, () => {
    const a = new tf.Variable(vals[0], { name: "a" });
    const b = tf.getVariable("b", { initializer: vals[1] });
    const c = tf.constant(vals[2], { name: "c" });
    const d = fn(scope2, () => tf.add(a.mul(b), c, "res"));
    return { names: [scope1, a.name, b.name, c.name, d.name], d };
  });
}
