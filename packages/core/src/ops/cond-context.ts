// control_flow_ops.py: ControlFlowContext and CondContext (TF 1.x v1 control flow): while a branch of tf.cond is
// built, every new op passes through AddOp: a tensor from outside the branch is read through a Switch on the
// predicate (AddValue), and an op without inputs gets a control input on the branch's pivot, so that nothing of the
// untaken branch runs.
import { type ControlFlowContext, isContainingContext } from "../framework/control-flow-context";
import type { Graph } from "../framework/graph";
import { Operation } from "../framework/operation";
import { runScopeBody } from "../framework/scope-body";
import type { Tensor } from "../framework/tensor";
import type { CondContextDef, ControlFlowContextDef, ValuesDef } from "../proto/types";
import { switchRefOrTensor, withDependencies } from "./control-flow-switch";
import { mapStructure, type Structure } from "./nest";
import { convertToTensor, type TensorLike } from "./op-builder";

/** control_flow_util.py: OpInContext: whether `op` was built in `ctxt` or a context nested in it. */
export function opInContext(op: Operation, ctxt: ControlFlowContext): boolean {
  return isContainingContext(op.controlFlowContext, ctxt);
}

/** What a branch function may return: tensors, operations, variables and values, in arrays and plain objects. */
export type BranchResult = Structure<TensorLike | Operation>;

/** The context a cond is built in: another cond's branch, or a while loop (ops/while-context.ts). */
export interface OuterContext extends ControlFlowContext {
  readonly outerContext: ControlFlowContext | null;
  addValue(val: Tensor): Tensor;
  addName(name: string): void;
  addInnerOp(op: Operation): void;
}

/** A context that can describe itself as control_flow.proto does (CondContext, WhileContext). */
export interface ContextWithDef {
  readonly name: string;
  toControlFlowContextDef(): ControlFlowContextDef;
}

/** ControlFlowContext._to_values_def: the names seen, sorted, and the outer tensors read through others. */
export function valuesDef(values: ReadonlySet<string>, externalValues: ReadonlyMap<string, Tensor>): ValuesDef {
  const external: Record<string, string> = {};
  for (const [k, v] of externalValues) external[k] = v.name;
  return { values: [...values].sort(), externalValues: external };
}

/** control_flow_ops.py: CondContext, one branch (0 false, 1 true) of a cond. */
export class CondContext implements ControlFlowContext {
  /** The context's name (`cond/cond_text`, `cond/cond_text_1`), taken from the graph's names as TF takes it. */
  readonly name: string;
  readonly outerContext: CondContext | OuterContext | null;
  /** The conds and loops built in this branch (ControlFlowContext._nested_contexts). */
  readonly nestedContexts: ContextWithDef[] = [];
  /** Names of the tensors seen in this context (ControlFlowContext._values). */
  private values = new Set<string>();
  /** External tensor name -> the tensor this branch reads instead (its Switch output). */
  private externalValues = new Map<string, Tensor>();
  private readonly contextStack: (ControlFlowContext | null)[] = [];
  private readonly graph: Graph;

  constructor(
    /** The predicate (`cond/pred_id:0`). */
    readonly pred: Tensor,
    /** The branch's pivot (`cond/switch_t:0` or `cond/switch_f:0`). */
    readonly pivot: Tensor,
    readonly branch: 0 | 1,
    name = "cond_text",
    /** CondContext._init_from_proto: the imported context's name (TF still takes a unique `name` first). */
    importedName?: string,
  ) {
    this.graph = pred.graph;
    const unique = this.graph.uniqueName(name);
    this.name = importedName ?? unique;
    const outer = this.graph.getControlFlowContext();
    if (outer !== null && typeof (outer as Partial<OuterContext>).addValue !== "function") {
      throw new Error("scopeflow: a cond inside this control flow context is not supported");
    }
    this.outerContext = outer as OuterContext | null;
    (outer as { nestedContexts?: ContextWithDef[] } | null)?.nestedContexts?.push(this);
    this.values.add(pred.name);
    this.externalValues.set(pred.name, pred);
    this.values.add(pivot.name);
    pivot.op.controlFlowContext = this;
  }

  /** CondContext.to_proto (names unscoped; the MetaGraph export strips its export scope). */
  toProto(): CondContextDef {
    return {
      contextName: this.name,
      predName: this.pred.name,
      pivotName: this.pivot.name,
      branch: this.branch,
      valuesDef: valuesDef(this.values, this.externalValues),
      nestedContexts: this.nestedContexts.map((c) => c.toControlFlowContextDef()),
    };
  }

  /** ControlFlowContext._init_values_from_proto: the values and external values of an imported context. */
  initValuesFromProto(values: Set<string>, externalValues: Map<string, Tensor>): void {
    this.values = values;
    this.externalValues = externalValues;
  }

  /** CondContext.to_control_flow_context_def */
  toControlFlowContextDef(): ControlFlowContextDef {
    return { condCtxt: this.toProto() };
  }

  /** ControlFlowContext.Enter */
  enter(): void {
    this.contextStack.push(this.graph.getControlFlowContext());
    this.graph.setControlFlowContext(this);
  }

  /** ControlFlowContext.Exit */
  exit(): void {
    this.graph.setControlFlowContext(this.contextStack.pop() ?? null);
  }

  /** ControlFlowContext.AddName */
  addName(name: string): void {
    this.values.add(name);
  }

  /** ControlFlowContext.ExitResult: the branch's results are known to the outer context. */
  exitResult(result: readonly Tensor[]): void {
    for (const t of result) this.outerContext?.addName(t.name);
  }

  /** ControlFlowContext.AddInnerOp: only while loops act on it; a cond passes it outwards. */
  addInnerOp(op: Operation): void {
    this.outerContext?.addInnerOp(op);
  }

  /** CondContext.AddValue: the tensor this branch reads for `val`, a Switch output for a tensor from outside. */
  addValue(val: Tensor): Tensor {
    if (this.values.has(val.name)) {
      // The real value from an outer context, for nested conds.
      return this.externalValues.get(val.name) ?? val;
    }
    let result = val;
    this.values.add(val.name);
    if (this.outerContext !== null) {
      result = this.outerContext.addValue(val);
      this.values.add(result.name);
      this.externalValues.set(result.name, result);
    }
    const source = result;
    // Outside any control dependency and context: the Switch must run whichever branch is taken.
    result = this.graph.controlDependencies(null, () => switchRefOrTensor(source, this.pred)[this.branch]);
    this.outerContext?.addInnerOp(result.op);
    this.graph.preventFetching(result.op);
    result.op.controlFlowContext = this;
    markSeen(this, [result]);
    this.externalValues.set(val.name, result);
    return result;
  }

  /** CondContext.AddOp, called by the graph for each op created in this context. */
  addOp(op: Operation): void {
    this.addOpInternal(op);
  }

  /** CondContext._AddOpInternal (also what a gradient loop calls to move a Shape into a forward cond). */
  addOpInternal(op: Operation): void {
    if (op.inputs.length === 0) {
      // Without inputs, the op runs only when the pivot does.
      if (!op.controlInputs.some((c) => opInContext(c, this))) this.graph.addControlInput(op, this.pivot.op);
    } else {
      for (let index = 0; index < op.inputs.length; index++) {
        const x = op.inputs[index];
        const realX = this.addValue(x);
        if (realX !== x) this.graph.updateInput(op, index, realX);
      }
    }
    markSeen(this, op.outputs);
    this.graph.preventFetching(op);
    this.outerContext?.addInnerOp(op);
  }

  /** CondContext._ProcessOutputTensor: a branch result; a tensor from outside is passed through a Switch. */
  private processOutputTensor(val: Tensor): Tensor {
    if (this.values.has(val.name)) return this.externalValues.get(val.name) ?? val;
    // The special case of `() => x` for an outside x.
    let realVal = val;
    this.values.add(val.name);
    if (this.outerContext !== null) {
      realVal = this.outerContext.addValue(val);
      this.values.add(realVal.name);
      this.externalValues.set(realVal.name, realVal);
    }
    realVal = switchRefOrTensor(realVal, this.pred)[this.branch];
    this.externalValues.set(val.name, realVal);
    return realVal;
  }

  /** CondContext._BuildCondTensor: an Operation stands as the pivot after it; anything else as a tensor. */
  private buildCondTensor(v: TensorLike | Operation): Tensor {
    if (v instanceof Operation) return withDependencies([v], this.pivot);
    return this.processOutputTensor(convertToTensor(v));
  }

  /**
   * CondContext.BuildCondBranch: calls `fn` in this context; returns its result and the tensors standing for it
   * (an array, the result wrapped when it is not one), or nulls when `fn` returned nothing.
   */
  buildCondBranch(fn: () => unknown, what: string): [BranchResult, Structure<Tensor>[]] | [null, null] {
    // The branch runs inside this context: it must finish before the context is left.
    const original = runScopeBody(what, fn, undefined);
    if (original === null || original === undefined) return [null, null];
    const result = mapStructure(original as BranchResult, (v) => this.buildCondTensor(v));
    return [original as BranchResult, Array.isArray(result) ? [...result] : [result]];
  }
}

/** Marks tensors as seen by `ctxt` and every context around it (a while loop's too). */
function markSeen(ctxt: CondContext, tensors: readonly Tensor[]): void {
  for (let c: ControlFlowContext | null = ctxt; c !== null; c = c.outerContext as ControlFlowContext | null) {
    for (const t of tensors) (c as OuterContext).addName(t.name);
  }
}
