// control_flow_ops.py: WhileContext (TF 1.x v1 control flow) and the frame-op builders _Enter, exit, _NextIteration,
// loop_cond: while a loop's cond and body are built, every new op passes through AddOp: a tensor from outside the
// loop is read through a loop-constant Enter (AddValue), and an op that depends only on loop invariants gets a
// control input on the loop's pivot, so it runs once per iteration.
import type { ControlFlowContext } from "../framework/control-flow-context";
import type { Graph } from "../framework/graph";
import type { Operation } from "../framework/operation";
import type { Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import type { ControlFlowContextDef, WhileContextDef } from "../proto/types";
import { CondContext, type ContextWithDef, valuesDef } from "./cond-context";
import { convertToTensor, createOp, opScope } from "./op-builder";
import { opDefs } from "./op-defs";

/** control_flow_util.py: IsLoopConstantEnter */
export function isLoopConstantEnter(op: Operation): boolean {
  return (op.def === opDefs.Enter || op.def === opDefs.RefEnter) && op.attrs.is_constant === true;
}

/** control_flow_util.py: IsLoopExit */
export function isLoopExit(op: Operation): boolean {
  return op.def === opDefs.Exit || op.def === opDefs.RefExit;
}

/** control_flow_ops.py: _Enter: `data` made known to the frame `frameName` (RefEnter for a reference). */
export function enter(
  data: Tensor,
  frameName: string,
  isConstant: boolean,
  parallelIterations: number,
  useInputShape = true,
  name: string = opDefs.Enter.type,
): Tensor {
  return opScope(name, opDefs.Enter.type, [data], (scope) => {
    const def = data.isRef ? opDefs.RefEnter : opDefs.Enter;
    const attrs = {
      T: data.dtype,
      frame_name: frameName,
      is_constant: isConstant,
      parallel_iterations: parallelIterations,
    };
    return createOp(def, [data], { name: scope, attrs, shapes: [useInputShape ? data.shape : null] }).outputs[0];
  });
}

/** control_flow_ops.py: exit (RefExit for a reference). */
export function exit(data: Tensor, name?: string): Tensor {
  return opScope(name, opDefs.Exit.type, [data], (scope) => {
    const def = data.isRef ? opDefs.RefExit : opDefs.Exit;
    return createOp(def, [data], { name: scope, attrs: { T: data.dtype }, shapes: [data.shape] }).outputs[0];
  });
}

/** control_flow_ops.py: _NextIteration (RefNextIteration for a reference). */
export function nextIteration(data: Tensor, name?: string): Tensor {
  return opScope(name, opDefs.NextIteration.type, [data], (scope) => {
    const def = data.isRef ? opDefs.RefNextIteration : opDefs.NextIteration;
    return createOp(def, [data], { name: scope, attrs: { T: data.dtype }, shapes: [data.shape] }).outputs[0];
  });
}

/** gen_control_flow_ops.py: loop_cond */
export function loopCond(input: Tensor, name?: string): Tensor {
  return opScope(name, opDefs.LoopCond.type, [input], (scope) => {
    const pred = convertToTensor(input, { name: "input" });
    if (pred.dtype.name !== "bool") {
      // op_def_library.py: _apply_op_helper
      throw new TypeError(
        `Input 'input' of '${opDefs.LoopCond.type}' Op has type ${pred.dtype.name} that does not match expected type of bool.`,
      );
    }
    return createOp(opDefs.LoopCond, [pred], { name: scope, shapes: [[]] }).outputs[0];
  });
}

type OuterContext = WhileContext | CondContext;

/**
 * control_flow_state.py: _GradLoopState as a gradient loop's context sees it (ops/grad-loop-state.ts): the forward
 * loop it differentiates, and GetRealValue, which reads a forward value through a stack.
 */
export interface LoopGradState {
  readonly forwardContext: WhileContext;
  getRealValue(value: Tensor): Tensor;
}

/** ControlFlowContext.GetWhileContext: the closest while loop around (or at) `ctxt`. */
export function enclosingWhileContext(ctxt: ControlFlowContext | null): WhileContext | null {
  let c = ctxt;
  while (c !== null && !(c instanceof WhileContext)) c = c.outerContext;
  return c;
}

/** control_flow_util.py: GetWhileContext: the while loop `op` was built in, if any. */
export function whileContextOf(op: Operation): WhileContext | null {
  return enclosingWhileContext(op.controlFlowContext);
}

/** control_flow_util.py: GetOutputContext: the context of `op`'s outputs (a loop's outer context for an Exit). */
export function outputContextOf(op: Operation): ControlFlowContext | null {
  const ctxt = op.controlFlowContext;
  return ctxt !== null && isLoopExit(op) ? ctxt.outerContext : ctxt;
}

/** control_flow_util.py: GetLoopConstantEnter: the loop-constant Enter `value` comes from, through Identities. */
export function loopConstantEnterOf(value: Tensor): Operation | null {
  const identities = new Set<string>([opDefs.Identity.type, opDefs.RefIdentity.type, opDefs.Switch.type]);
  let op = value.op;
  while (identities.has(op.type)) op = op.inputs[0].op;
  return isLoopConstantEnter(op) ? op : null;
}

/** control_flow_ops.py: WhileContext */
export class WhileContext implements ControlFlowContext {
  /** The context's name, also the loop's frame name (`while/while_context`). */
  readonly name: string;
  readonly outerContext: OuterContext | null;
  /** The loops and conds built in this loop (ControlFlowContext._nested_contexts). */
  readonly nestedContexts: ContextWithDef[] = [];
  /** Names of the tensors seen in this context (ControlFlowContext._values). */
  private values = new Set<string>();
  /** External tensor name -> the loop-constant Enter this loop reads instead. */
  private externalValues = new Map<string, Tensor>();
  private readonly contextStack: (ControlFlowContext | null)[] = [];
  private readonly graph: Graph;
  pivotForPred: Tensor | null = null;
  pivotForBody: Tensor | null = null;
  /** The LoopCond output. */
  pivot: Tensor | null = null;
  loopEnters: Tensor[] = [];
  loopExits: Tensor[] = [];

  constructor(
    graph: Graph,
    readonly maximumIterations: Tensor | null,
    readonly parallelIterations: number,
    readonly backProp: boolean,
    readonly swapMemory: boolean,
    name = "while_context",
    /** The state of the loop this one differentiates (a gradient loop's), else null. */
    readonly gradState: LoopGradState | null = null,
    /** WhileContext._init_from_proto: the imported context's name, taken as is. */
    importedName?: string,
  ) {
    this.graph = graph;
    this.name = importedName ?? graph.uniqueName(name);
    const outer = graph.getControlFlowContext();
    if (outer !== null && !(outer instanceof WhileContext) && !(outer instanceof CondContext)) {
      throw new Error("scopeflow: a while loop inside this control flow context is not supported");
    }
    this.outerContext = outer as OuterContext | null;
    // ControlFlowContext.__init__: a loop is nested in the loop or cond branch it is built in.
    this.outerContext?.nestedContexts.push(this);
  }

  /** WhileContext.to_proto (names unscoped; the MetaGraph export strips its export scope). */
  toProto(): WhileContextDef {
    const name = (t: Tensor | null) => (t === null ? "" : t.name);
    return {
      contextName: this.name,
      parallelIterations: this.parallelIterations,
      backProp: this.backProp,
      swapMemory: this.swapMemory,
      pivotName: name(this.pivot),
      pivotForPredName: name(this.pivotForPred),
      pivotForBodyName: name(this.pivotForBody),
      loopExitNames: this.loopExits.map((t) => t.name),
      loopEnterNames: this.loopEnters.map((t) => t.name),
      valuesDef: valuesDef(this.values, this.externalValues),
      maximumIterationsName: name(this.maximumIterations),
      nestedContexts: this.nestedContexts.map((c) => c.toControlFlowContextDef()),
    };
  }

  /** WhileContext.to_control_flow_context_def */
  toControlFlowContextDef(): ControlFlowContextDef {
    return { whileCtxt: this.toProto() };
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

  /** ControlFlowContext._init_values_from_proto: the values and external values of an imported context. */
  initValuesFromProto(values: Set<string>, externalValues: Map<string, Tensor>): void {
    this.values = values;
    this.externalValues = externalValues;
  }

  /** ControlFlowContext._InitializeValues: the context's values start over with `values`. */
  initializeValues(values: readonly Tensor[]): void {
    this.values = new Set(values.map((t) => t.name));
  }

  /** ControlFlowContext.ExitResult */
  exitResult(result: readonly Tensor[]): void {
    for (const t of result) this.outerContext?.addName(t.name);
  }

  /** ControlFlowContext.AddInnerOp */
  addInnerOp(op: Operation): void {
    this.outerContext?.addInnerOp(op);
  }

  /** WhileContext.GetControlPivot */
  getControlPivot(): Tensor | null {
    return this.pivotForBody ?? this.pivotForPred;
  }

  /** The graph the loop is built in. */
  get loopGraph(): Graph {
    return this.graph;
  }

  /**
   * WhileContext.AddValue: a tensor from outside the loop is read through a loop-constant Enter; in a gradient loop,
   * a value of the forward loop is read through its stack (GetRealValue).
   */
  addValue(val: Tensor): Tensor {
    let result = val;
    const isNew = !this.values.has(val.name) && val.op.controlFlowContext !== this;
    if (isNew) {
      this.values.add(val.name);
      const gradCtxt = enclosingWhileContext(this.graph.getControlFlowContext());
      const gradState = gradCtxt?.gradState ?? null;
      if (gradState !== null) {
        let forwardCtxt = whileContextOf(val.op);
        if (isLoopExit(val.op)) forwardCtxt = enclosingWhileContext(forwardCtxt?.outerContext ?? null);
        if (forwardCtxt === gradState.forwardContext) {
          const realVal = gradState.getRealValue(val);
          this.externalValues.set(val.name, realVal);
          return realVal;
        }
      }
      if (this.outerContext !== null) result = this.outerContext.addValue(val);
      const source = result;
      const entered = this.graph.controlDependencies(null, () =>
        enter(source, this.name, true, this.parallelIterations),
      );
      this.outerContext?.addInnerOp(entered.op);
      this.fixContext([entered]);
      this.values.add(entered.name);
      this.externalValues.set(val.name, entered);
      result = entered;
    } else {
      result = this.externalValues.get(val.name) ?? result;
    }
    return result;
  }

  /** WhileContext._FixControlInputsAndContext (the Enters are made outside any control dependency). */
  fixContext(enters: readonly Tensor[]): void {
    for (const e of enters) e.op.controlFlowContext = this;
  }

  /**
   * WhileContext.AddOp: a Shape, Size or Rank a gradient loop builds of a forward value moves into the forward loop,
   * so the forward loop keeps the (small) shape on its stack rather than the tensor.
   */
  addOp(op: Operation): void {
    if (shapeOpTypes.has(op.type)) {
      const gradState = enclosingWhileContext(this.graph.getControlFlowContext())?.gradState ?? null;
      const inputCtxt = op.inputs[0].op.controlFlowContext;
      if (gradState !== null && whileContextOf(op.inputs[0].op) === gradState.forwardContext && inputCtxt !== null) {
        op.controlFlowContext = inputCtxt;
        (inputCtxt as WhileContext | CondContext).addOpInternal(op);
        return;
      }
    }
    this.addOpInternal(op);
  }

  /** WhileContext._AddOpInternal */
  addOpInternal(op: Operation): void {
    const pivot = this.getControlPivot();
    if (op.inputs.length === 0) {
      // Without inputs, the op runs once per iteration: after the pivot.
      if (op.controlInputs.length === 0 && pivot !== null) this.graph.addControlInput(op, pivot.op);
    } else {
      for (let index = 0; index < op.inputs.length; index++) {
        const x = op.inputs[index];
        const realX = this.addValue(x);
        if (realX !== x) this.graph.updateInput(op, index, realX);
      }
      // _MaybeAddControlDependency: loop invariants alone must not enable the op.
      const free = op.controlInputs.length === 0 && op.inputs.every((x) => isLoopConstantEnter(x.op));
      if (free && pivot !== null) this.graph.addControlInput(op, pivot.op);
    }
    for (const x of op.outputs) this.values.add(x.name);
    if (this.outerContext !== null || !isLoopExit(op)) this.graph.preventFetching(op);
    this.outerContext?.addInnerOp(op);
  }
}

/** The op types WhileContext.AddOp moves from a gradient loop into its forward loop. */
const shapeOpTypes = new Set<string>([opDefs.Shape.type, opDefs.Size.type, opDefs.Rank.type]);

/** control_flow_ops.py: _ShapeLessThanOrEqual */
export function shapeLessThanOrEqual(shape1: Shape, shape2: Shape): boolean {
  if (shape2 === null) return true;
  if (shape1 === null || shape1.length !== shape2.length) return false;
  return shape2.every((d, i) => d === null || shape1[i] === d);
}
