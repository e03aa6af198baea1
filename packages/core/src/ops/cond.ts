// control_flow_ops.py: cond (TF 1.15 graph mode, v1 control flow): `cond/Switch` of the predicate, the pivots
// `cond/switch_t` and `cond/switch_f`, `cond/pred_id`, each branch built in its CondContext, and one `cond/Merge` per
// output.
import { ValueError } from "../errors";
import type { TensorConvertible } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import type { NDArray } from "../framework/ndarray";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import { warnOnce } from "../scopes/variable-scope";
import { identity } from "./array-ops";
import { type BranchResult, CondContext } from "./cond-context";
import { merge, switch_ } from "./control-flow-switch";
import { assertSameStructure, flatten, packSequenceAs, type Structure } from "./nest";
import { opScope, type TensorLike } from "./op-builder";

/** A branch of tf.cond: returns tensors, operations, variables or values, alone or in arrays and plain objects. */
export type BranchFn = () => unknown;

export interface CondOptions {
  /** Whether singleton arrays stay arrays (strict) or are unpacked (TF's default). */
  strict?: boolean;
  name?: string;
  /** `true_fn` given by name. */
  trueFn?: BranchFn;
  /** `false_fn` given by name. */
  falseFn?: BranchFn;
  /** Deprecated name of `true_fn`. */
  fn1?: BranchFn;
  /** Deprecated name of `false_fn`. */
  fn2?: BranchFn;
}

type Leaf = Tensor | Operation | TensorConvertible | NDArray | number | bigint | boolean | string;

/** A branch result's structure with a Tensor (a Merge output) for each leaf. */
export type CondStructure<T> = T extends Leaf
  ? Tensor
  : T extends readonly unknown[]
    ? { -readonly [K in keyof T]: CondStructure<T[K]> }
    : T extends object
      ? { -readonly [K in keyof T]: CondStructure<T[K]> }
      : Tensor;

/** What tf.cond returns without `strict`: a one-element tuple is unpacked (an array's length is known only at run time). */
export type CondOutput<T> = T extends readonly [infer Only] ? CondStructure<Only> : CondStructure<T>;

export const condMessages = {
  fnRequired: (arg: string) => `cond(): ${arg} argument required`,
  fnTwice: (arg: string, legacy: string) => `cond(): ${arg} and ${legacy} may not be set simultaneously.`,
  notCallable: (arg: string) => `${arg} must be callable.`,
  pythonBool: () => "pred must not be a Python bool",
  noReturn: (arg: string) => `${arg} must have a return value.`,
  noResult: () => "true_fn and false_fn must return at least one result.",
  types: (a: string, b: string) => `Outputs of true_fn and false_fn must have the same type: ${a}, ${b}`,
  deprecatedArg: (arg: string) =>
    `calling cond (from tensorflow.python.ops.control_flow_ops) with ${arg} is deprecated and will be removed in a future version.\nInstructions for updating:\nfn1/fn2 are deprecated in favor of the true_fn/false_fn arguments.`,
};

/** control_flow_ops.py: _UnpackIfSingleton */
function unpackIfSingleton<T>(res: T): T {
  return Array.isArray(res) && res.length === 1 ? (res[0] as T) : res;
}

/** True_fn or false_fn from the positional argument, the options object, or the deprecated fn1/fn2. */
function branchFn(positional: unknown, named: unknown, legacy: unknown, arg: string, legacyName: string): BranchFn {
  let fn = positional ?? named;
  if (legacy !== undefined && legacy !== null) {
    warnOnce(`cond.${legacyName}`, condMessages.deprecatedArg(legacyName));
    // control_flow_ops.py: cond
    if (fn !== undefined && fn !== null) throw new TypeError(condMessages.fnTwice(arg, legacyName));
    fn = legacy;
  } else if (fn === undefined || fn === null) {
    throw new TypeError(condMessages.fnRequired(arg));
  }
  // control_flow_ops.py: cond
  if (typeof fn !== "function") throw new TypeError(condMessages.notCallable(arg));
  return fn as BranchFn;
}

function dtypeName(t: Tensor): string {
  return t.isRef ? `${t.dtype.name}_ref` : t.dtype.name;
}

/**
 * control_flow_ops.py: cond(pred, true_fn=None, false_fn=None, strict=False, name=None): `trueFn()` when `pred` holds,
 * else `falseFn()`, as one graph in which only the taken branch runs. Both functions are called once, now; they
 * must return the same structure (arrays, plain objects) of tensors of the same dtypes. Singleton arrays are
 * unpacked unless `strict`. A branch returning an Operation yields a bool tensor that depends on it.
 */
export function cond<T>(
  pred: TensorLike,
  trueFn: () => T,
  falseFn: () => unknown,
  options?: CondOptions & { strict?: false },
): CondOutput<T>;
export function cond<T>(
  pred: TensorLike,
  trueFn: () => T,
  falseFn: () => unknown,
  options: CondOptions & { strict: true },
): CondStructure<T>;
/** The branches by name (`{ trueFn, falseFn }`, or the deprecated `{ fn1, fn2 }`). */
export function cond(pred: TensorLike, options: CondOptions): CondOutput<unknown>;
export function cond(
  pred: TensorLike,
  trueFn?: BranchFn | CondOptions,
  falseFn?: BranchFn,
  options: CondOptions = {},
): unknown {
  if (typeof trueFn === "object" && trueFn !== null) {
    options = trueFn;
    trueFn = undefined;
  }
  const fnTrue = branchFn(trueFn, options.trueFn, options.fn1, "true_fn", "fn1");
  const fnFalse = branchFn(falseFn, options.falseFn, options.fn2, "false_fn", "fn2");
  const strict = options.strict ?? false;
  return opScope(options.name, "cond", [pred], (_scope, graph) => {
    // control_flow_ops.py: cond
    if (typeof pred === "boolean") throw new TypeError(condMessages.pythonBool());
    const [p2, p1] = switch_(pred, pred);
    const pivotTrue = identity(p1, "switch_t");
    const pivotFalse = identity(p2, "switch_f");
    const predId = identity(pred, "pred_id");
    // Tensors on one branch only cannot be fetched.
    for (const t of [p1, p2, pivotTrue, pivotFalse, predId]) graph.preventFetching(t.op);

    const contextTrue = new CondContext(predId, pivotTrue, 1);
    const [origTrue, resTrue] = buildBranch(contextTrue, fnTrue, "true_fn");
    const contextFalse = new CondContext(predId, pivotFalse, 0);
    const [origFalse, resFalse] = buildBranch(contextFalse, fnFalse, "false_fn");

    const structureTrue = strict ? origTrue : unpackIfSingleton(origTrue);
    const structureFalse = strict ? origFalse : unpackIfSingleton(origFalse);
    assertSameStructure(structureTrue, structureFalse);
    // control_flow_ops.py: cond
    if (resTrue.length === 0) throw new ValueError(condMessages.noResult());
    const flatTrue = flatten<Tensor>(resTrue);
    const flatFalse = flatten<Tensor>(resFalse);
    flatTrue.forEach((x, i) => {
      const y = flatFalse[i];
      // control_flow_ops.py: cond
      if (x.dtype !== y.dtype) throw new ValueError(condMessages.types(dtypeName(x), dtypeName(y)));
    });
    const merges = flatFalse.map((f, i) => merge([f, flatTrue[i]])[0]);
    // Nested conds are reached through the outermost one's contexts.
    if (contextTrue.outerContext === null) {
      graph.addToCollection(GraphKeys.COND_CONTEXT, contextTrue);
      graph.addToCollection(GraphKeys.COND_CONTEXT, contextFalse);
    }
    const packed = packSequenceAs(structureTrue as Structure<unknown>, merges);
    return strict ? packed : unpackIfSingleton(packed);
  });
}

/** Builds one branch in its context (BuildCondBranch, ExitResult), leaving the context whatever happens. */
function buildBranch(context: CondContext, fn: BranchFn, arg: string): [BranchResult, Structure<Tensor>[]] {
  context.enter();
  try {
    const [original, result] = context.buildCondBranch(fn, `tf.cond's ${arg}`);
    // control_flow_ops.py: cond
    if (original === null || result === null) throw new ValueError(condMessages.noReturn(arg));
    context.exitResult(flatten<Tensor>(result));
    return [original, result];
  } finally {
    context.exit();
  }
}
