// control_flow_ops.py (TF 1.15): Assert (guarded by `AssertGuard` unless its data is all int32/string) and case
// (nested `cond`s, with `_assert_at_most_n_true` when exclusive).
import { int32, string } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import type { Operation } from "../framework/operation";
import { Tensor } from "../framework/tensor";
import { constant } from "./array-ops";
import { cond } from "./cond";
import { noOp } from "./control-flow-ops";
import { cast, lessEqual } from "./math-ops";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { reduceSum } from "./reduction-ops";
import { stack } from "./slicing-ops";

export interface AssertOptions {
  summarize?: number;
  name?: string;
}

/** gen_logging_ops.py: _assert: the `Assert` op; plain values in `data` become `data_<i>` consts in its scope. */
function assertOp(condition: Tensor, data: readonly TensorLike[], summarize: number | undefined): Operation {
  return opScope(opDefs.Assert.type, opDefs.Assert.type, [condition, ...data], (scope) => {
    const xs = data.map((d, i) => (d instanceof Tensor ? d : convertToTensor(d, { name: `data_${i}` })));
    return createOp(opDefs.Assert, [condition, ...xs], {
      name: scope,
      attrs: { T: xs.map((x) => x.dtype), summarize: summarize ?? 3 },
      shapes: [],
    });
  });
}

/**
 * control_flow_ops.py: Assert(condition, data, summarize=None, name=None): in scope `Assert`, an `Assert` op when
 * every data entry is int32 or string, else one inside `cond(condition, no_op, assert, name="AssertGuard")` so the
 * data is only computed when the condition fails. Returns the op to depend on.
 */
export function Assert(condition: TensorLike, data: readonly TensorLike[], options: AssertOptions = {}): Operation {
  return opScope(options.name, opDefs.Assert.type, [condition, ...data], () => {
    const xs = data.map((d) => (d instanceof Tensor ? d : convertToTensor(d)));
    if (xs.every((x) => x.dtype === string || x.dtype === int32)) {
      return assertOp(convertToTensor(condition, { name: "condition" }), data, options.summarize);
    }
    const c = convertToTensor(condition, { name: "Condition" });
    const guarded = cond(
      c,
      () => noOp(),
      () => assertOp(c, data, options.summarize),
      { name: "AssertGuard" },
    ) as Tensor;
    return guarded.op;
  });
}

export type PredFnPair<T> = readonly [TensorLike, () => T];

export interface CaseOptions<T> {
  default?: () => T;
  exclusive?: boolean;
  strict?: boolean;
  name?: string;
}

function predName(p: TensorLike): string {
  return p instanceof Tensor ? p.name : "?";
}

/** control_flow_ops.py: _case_verify_and_canonicalize_args (graph mode: predicates must be bool Tensors). */
function verifyPairs<T>(pairs: unknown): [Tensor[], (() => T)[]] {
  if (!Array.isArray(pairs)) throw new TypeError("fns must be a list, tuple, or dict");
  const preds: Tensor[] = [];
  const fns: (() => T)[] = [];
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new TypeError("Each entry in pred_fn_pairs must be a 2-tuple");
    }
    const [pred, fn] = pair;
    if (!(pred instanceof Tensor) || pred.dtype.name !== "bool") {
      throw new TypeError(`pred must be Tensor of type bool: ${pred instanceof Tensor ? pred.name : String(pred)}`);
    }
    if (typeof fn !== "function") throw new TypeError(`fn for pred ${pred.name} must be callable.`);
    preds.push(pred);
    fns.push(fn as () => T);
  }
  return [preds, fns];
}

/** control_flow_ops.py: _assert_at_most_n_true. */
function assertAtMostNTrue(predicates: Tensor[], n: number, msg: string): Operation {
  const predsC = stack(predicates, 0, "preds_c");
  const numTrue = reduceSum(cast(predsC, int32), undefined, false, "num_true_conds");
  const condition = lessEqual(numTrue, constant(n, { name: "n_true_conds" }));
  const names = predicates.map(predName).join(", ");
  return Assert(condition, [`${msg}: more than ${n} conditions (${names}) evaluated as True:`, predsC], {
    summarize: predicates.length,
  });
}

/**
 * control_flow_ops.py: case(pred_fn_pairs, default=None, exclusive=False, strict=False, name="case"): the first
 * pair whose predicate holds, as nested `cond`s built in reverse (`case/cond`, `case/cond/cond`, ...). Without a
 * default the last pair's fn is the default, guarded by an Assert; `exclusive` adds an Assert that at most one
 * predicate holds, as a control dependency of the conds.
 */
export function case_<T>(predFnPairs: readonly PredFnPair<T>[], options: CaseOptions<T> = {}): unknown {
  const [preds, fns] = verifyPairs<T>(predFnPairs);
  return opScope(options.name, "case", preds, () => {
    let predicates = preds;
    let actions = fns;
    let fallback = options.default;
    if (fallback === undefined) {
      // control_flow_ops.py: _case_create_default_action
      const k = predicates.length - 1;
      const [predicate, action] = [predicates[k], actions[k]];
      const otherPreds = predicates.slice(0, k);
      actions = actions.slice(0, k);
      fallback = () => {
        const othersMsg = `Implementation error: selected default action #${k} was called, but some of other predicates are True: `;
        const defaultData = ["Input error: None of conditions evaluated as True:", stack(preds, 0, "preds_c")];
        return getDefaultGraph().controlDependencies(
          [assertAtMostNTrue(otherPreds, 0, othersMsg), Assert(predicate, defaultData)],
          action,
        );
      };
      predicates = otherPreds;
    }
    let fn: () => unknown = fallback;
    for (let i = predicates.length - 1; i >= 0; i--) {
      const [p, a, f] = [predicates[i], actions[i], fn];
      fn = () => (options.strict ? cond(p, a, f, { strict: true }) : cond(p, a, f));
    }
    if (options.exclusive) {
      return getDefaultGraph().controlDependencies(
        [assertAtMostNTrue(predicates, 1, "Input error: exclusive=True")],
        fn,
      );
    }
    return fn();
  });
}
