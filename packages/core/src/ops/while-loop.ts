// control_flow_ops.py: while_loop and WhileContext.BuildLoop / _BuildLoop (TF 1.15 graph mode, v1 control flow):
// `while/Enter` per loop variable, `while/Merge` of it and the `while/NextIteration` back edge, the cond's
// `while/LoopCond`, `while/Switch` on it, the body reading `while/Identity`, and `while/Exit` per variable.
import { ValueError } from "../errors";
import { GraphKeys } from "../framework/graph-keys";
import { asShape, type Shape, type ShapeLike, shapeToString } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { constant, identity } from "./array-ops";
import { CondContext } from "./cond-context";
import { merge, refIdentity, switchRefOrTensor } from "./control-flow-switch";
import { less, logicalAnd } from "./math-ops";
import { assertSameStructure, flatten, isSequence, packSequenceAs, type Structure } from "./nest";
import { convertToTensor, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { add } from "./operators";
import { TensorArray } from "./tensor-array";
import {
  enter,
  exit,
  isLoopConstantEnter,
  loopCond,
  nextIteration,
  shapeLessThanOrEqual,
  WhileContext,
} from "./while-context";

export interface WhileLoopOptions {
  /** The shape each loop variable keeps across iterations (same structure as `loopVars`; null dims are free). */
  shapeInvariants?: Structure<ShapeLike | null> | null;
  parallelIterations?: number;
  backProp?: boolean;
  swapMemory?: boolean;
  /** At most this many iterations: an extra counter loop variable, as TF builds it. */
  maximumIterations?: TensorLike | null;
  /** Returns the loop variables' structure even for a single variable. */
  returnSameStructure?: boolean;
  name?: string;
}

type LoopFn = (...args: any[]) => unknown;

export const whileMessages = {
  noVars: () => "No loop variables provided",
  condCallable: () => "cond must be callable.",
  bodyCallable: () => "body must be callable.",
  parallel: () => "parallel_iterations must be a positive integer.",
  maxScalar: (shape: Shape) => `maximum_iterations must be a scalar, saw shape: ${shapeToString(shape)}`,
  arity: (a: number, b: number) => `Number of inputs and outputs of body must match loop_vars: ${a}, ${b}`,
  invariant: (name: string, input: Shape, next: Shape) =>
    `Input tensor '${name}' enters the loop with shape ${shapeToString(input)}, but has shape ${shapeToString(next)} after one iteration. To allow the shape to vary across iterations, use the \`shape_invariants\` argument of tf.while_loop to specify a less-specific shape.`,
  initialShape: (name: string, input: Shape, shape: Shape) =>
    `The shape invariant specified for ${name} is not compatible with the initial shape of the loop variable. It enters the loop with shape ${shapeToString(input)}, but the specified shape invariant is ${shapeToString(shape)}.`,
};

/**
 * control_flow_ops.py: while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10,
 * back_prop=True, swap_memory=False, name=None, maximum_iterations=None, return_same_structure=False): repeats
 * `body` while `cond` holds. Both take the loop variables positionally (`loopVars` an array or object structure;
 * a single tensor is one variable) and are called once, now. Returns the final values in the structure of what the
 * body returns; a single variable comes back alone unless `returnSameStructure`.
 */
export function whileLoop(cond: LoopFn, body: LoopFn, loopVars: unknown, options: WhileLoopOptions = {}): any {
  // control_flow_ops.py: while_loop
  if (typeof cond !== "function") throw new TypeError(whileMessages.condCallable());
  if (typeof body !== "function") throw new TypeError(whileMessages.bodyCallable());
  const parallelIterations = options.parallelIterations ?? 10;
  if (parallelIterations < 1) throw new TypeError(whileMessages.parallel());
  const returnSameStructure = options.returnSameStructure ?? false;
  const single = !Array.isArray(loopVars) && !isSequence(loopVars);
  let vars: unknown = single ? [loopVars] : loopVars;
  return opScope(options.name, "while", flatten(vars as Structure<unknown>), (_scope, graph) => {
    const count = Array.isArray(vars) ? vars.length : Object.keys(vars as object).length;
    if (count === 0) throw new ValueError(whileMessages.noVars());
    // A single variable is passed alone; an object structure, as one argument.
    let condFn: LoopFn = Array.isArray(vars) ? cond : (v: unknown) => cond(v);
    let bodyFn: LoopFn = Array.isArray(vars) ? body : (v: unknown) => body(v);
    let tryToPack = count === 1 && !returnSameStructure;
    let invariants = options.shapeInvariants ?? null;
    if (single && invariants !== null) invariants = [invariants];
    let maxIter: Tensor | null = null;
    if (options.maximumIterations !== undefined && options.maximumIterations !== null) {
      const max = convertToTensor(options.maximumIterations, { name: "maximum_iterations" });
      maxIter = max;
      if (max.shape === null || max.shape.length !== 0) throw new ValueError(whileMessages.maxScalar(max.shape));
      const counter = constant(0, { dtype: max.dtype, name: "iteration_counter" });
      const origCond = condFn;
      const origBody = bodyFn;
      const asArray = Array.isArray(vars);
      if (tryToPack && asArray) {
        vars = [counter, (vars as unknown[])[0]];
        condFn = (i: Tensor, lv: unknown) => logicalAnd(less(i, max), origCond(lv) as TensorLike);
        bodyFn = (i: Tensor, lv: unknown) => [add(i, 1), origBody(lv)];
      } else {
        vars = [counter, vars];
        const spread = (lv: unknown) => (asArray ? (lv as unknown[]) : [lv]);
        condFn = (i: Tensor, lv: unknown) => logicalAnd(less(i, max), origCond(...spread(lv)) as TensorLike);
        bodyFn = (i: Tensor, lv: unknown) => [add(i, 1), origBody(...spread(lv))];
      }
      tryToPack = false;
      if (invariants !== null) invariants = [[], invariants];
    }
    const shapes = invariants === null ? null : flattenInvariants(vars, invariants);
    const context = new WhileContext(
      graph,
      maxIter,
      parallelIterations,
      options.backProp ?? true,
      options.swapMemory ?? false,
    );
    if (context.outerContext === null) graph.addToCollection(GraphKeys.WHILE_CONTEXT, context);
    const [original, exits] = buildLoop(context, condFn, bodyFn, vars as Structure<unknown>, shapes);
    const flatResult = flatten(original as Structure<unknown>);
    const packed = packSequenceAs(original as Structure<unknown>, withTensorArrays(flatResult, exits)) as unknown[];
    let result: unknown = packed;
    if (!returnSameStructure && exits.length === 1) result = flatten(packed as Structure<unknown>)[0];
    if (maxIter !== null) {
      result = (result as unknown[])[1];
    }
    // A single tensor in, a single tensor out.
    if (single && Array.isArray(result) && returnSameStructure) return result[0];
    return result;
  });
}

/** control_flow_ops.py: _convert_tensorarray_to_flow */
function asFlow(v: unknown): TensorLike {
  return v instanceof TensorArray ? v.flow : (v as TensorLike);
}

/** control_flow_ops.py: _convert_flows_to_tensorarrays: a TensorArray of `flat` on the tensor standing for it. */
function withTensorArrays(flat: readonly unknown[], tensors: readonly Tensor[]): unknown[] {
  return tensors.map((t, i) => (flat[i] instanceof TensorArray ? (flat[i] as TensorArray).withFlow(t) : t));
}

/** nest.assert_same_structure(loop_vars, shape_invariants) and flatten: a shape (an array of dims) is a leaf. */
function flattenInvariants(vars: unknown, invariants: unknown): Shape[] {
  const out: Shape[] = [];
  const walk = (v: unknown, s: unknown) => {
    if (!isSequence(v)) {
      out.push(asShape(s as ShapeLike));
      return;
    }
    const keys = Array.isArray(v) ? Object.keys(v) : Object.keys(v).sort();
    const ok = isSequence(s) && Array.isArray(s) === Array.isArray(v) && Object.keys(s).length === keys.length;
    // nest.py: assert_same_structure
    if (!ok) throw new ValueError("The two structures don't have the same nested structure.");
    for (const k of keys) walk((v as Record<string, unknown>)[k], (s as Record<string, unknown>)[k]);
  };
  walk(vars, invariants);
  return out;
}

/** WhileContext.BuildLoop, in the context, leaving it whatever happens. */
function buildLoop(
  context: WhileContext,
  pred: LoopFn,
  body: LoopFn,
  originalVars: Structure<unknown>,
  shapes: Shape[] | null,
): [unknown, Tensor[]] {
  // TensorArrays enter the loop as their flows (_convert_tensorarray_to_flow).
  const loopVars = flatten(originalVars).map((v) => convertToTensor(asFlow(v), { asRef: true }));
  context.enter();
  try {
    return buildLoopInContext(context, pred, body, originalVars, loopVars, shapes);
  } finally {
    context.exit();
  }
}

/** The closest enclosing context's control pivot (a cond's pivot, an outer loop's). */
function outerControlPivot(context: WhileContext): Tensor | null {
  for (let outer = context.outerContext; outer !== null; outer = outer.outerContext as typeof outer) {
    const pivot = outer instanceof CondContext ? outer.pivot : outer.getControlPivot();
    if (pivot !== null) return pivot;
  }
  return null;
}

/** WhileContext._BuildLoop */
function buildLoopInContext(
  context: WhileContext,
  pred: LoopFn,
  body: LoopFn,
  originalVars: Structure<unknown>,
  loopVars: Tensor[],
  shapes: Shape[] | null,
): [unknown, Tensor[]] {
  const graph = loopVars[0].graph;
  context.initializeValues(loopVars);
  const outer = context.outerContext;
  const realVars = outer === null ? loopVars : loopVars.map((x) => outer.addValue(x));
  const enterVars = graph.controlDependencies(null, () =>
    realVars.map((x) => {
      const e = enter(x, context.name, false, context.parallelIterations, shapes === null);
      outer?.addInnerOp(e.op);
      return e;
    }),
  );
  const controlPivot = outerControlPivot(context);
  if (controlPivot !== null) {
    for (const v of enterVars) {
      if (isLoopConstantEnter(v.op.inputs[0].op)) graph.addControlInput(v.op, controlPivot.op);
    }
  }
  if (shapes !== null) {
    realVars.forEach((inp, i) => {
      // control_flow_ops.py: _SetShapeInvariants
      if (!shapeLessThanOrEqual(inp.shape, shapes[i]))
        throw new ValueError(whileMessages.initialShape(inp.name, inp.shape, shapes[i]));
      enterVars[i].setShape(shapes[i]);
    });
  }
  context.fixContext(enterVars);
  context.initializeValues(enterVars);
  context.loopEnters = enterVars;
  const mergeVars = enterVars.map((x) => merge([x, x])[0]);
  context.pivotForPred = mergeVars[0];

  const flatVars = flatten(originalVars);
  const packedVars = packSequenceAs(originalVars, withTensorArrays(flatVars, mergeVars));
  const c = convertToTensor(pred(...(Array.isArray(packedVars) ? packedVars : [packedVars])) as TensorLike);
  const pivot = loopCond(c, opDefs.LoopCond.type);
  context.pivot = pivot;
  const switchVars = mergeVars.map((x) => switchRefOrTensor(x, pivot));
  const varsForBody = switchVars.map((x) => (x[1].isRef ? refIdentity(x[1]) : identity(x[1])));
  context.pivotForBody = varsForBody[0];
  const packedForBody = packSequenceAs(originalVars, withTensorArrays(flatVars, varsForBody));
  let bodyResult = body(...(Array.isArray(packedForBody) ? packedForBody : [packedForBody]));
  if (!isSequence(bodyResult)) bodyResult = [bodyResult];
  const inputList = Array.isArray(packedForBody) ? packedForBody : [packedForBody];
  const outputList = Array.isArray(bodyResult) ? bodyResult : [bodyResult];
  assertSameStructure(inputList, outputList);
  const result = flatten(bodyResult as Structure<unknown>).map((v) => convertToTensor(asFlow(v)));
  // control_flow_ops.py: _BuildLoop
  if (mergeVars.length !== result.length) throw new ValueError(whileMessages.arity(mergeVars.length, result.length));
  mergeVars.forEach((m, i) => addNextAndBackEdge(m, result[i]));
  const exitVars = switchVars.map((x) => exit(x[0]));
  context.loopExits = exitVars;
  context.exitResult(exitVars);
  return [bodyResult, exitVars];
}

/** control_flow_ops.py: _AddNextAndBackEdge and _EnforceShapeInvariant */
export function addNextAndBackEdge(m: Tensor, v: Tensor, enforceShapeInvariant = true): Tensor {
  const next = nextIteration(convertToTensor(v));
  if (enforceShapeInvariant && !shapeLessThanOrEqual(next.shape, m.shape)) {
    const input = m.op.inputs[0].op.inputs[0];
    throw new ValueError(whileMessages.invariant(input.name, input.shape, next.shape));
  }
  m.graph.updateInput(m.op, 1, next);
  return next;
}
