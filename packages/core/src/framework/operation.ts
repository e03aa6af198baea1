// ops.py: Operation, a node of the graph.
import { ValueError } from "../errors";
import type { AttrValue } from "./attr-value";
import type { ControlFlowContext } from "./control-flow-context";
import { type DefaultSession, runUsingDefaultSession } from "./default-session";
import type { Graph } from "./graph";
import type { OpDef } from "./op-def";
import type { Tensor } from "./tensor";

export class Operation {
  /** Tensors this op reads, in input order. */
  readonly inputs: Tensor[];
  readonly outputs: Tensor[] = [];
  readonly controlInputs: Operation[];
  /** Attrs keyed by TF attr name (`T`, `transpose_a`, `_class`, ...). */
  readonly attrs: Record<string, AttrValue>;
  device = "";
  /**
   * ops.py: Operation._control_flow_context: the cond context the op was created in (null outside any); a cond sets
   * it on the Switch ops it adds for captured tensors (CondContext.AddValue).
   */
  controlFlowContext: ControlFlowContext | null = null;

  constructor(
    readonly graph: Graph,
    /** Creation order within the graph (TF's `_id`). */
    readonly id: number,
    readonly name: string,
    /** The op's table entry: its TF type, inputs, attrs and output rule. */
    readonly def: OpDef,
    inputs: Tensor[],
    controlInputs: Operation[],
    attrs: Record<string, AttrValue>,
  ) {
    this.inputs = inputs;
    this.controlInputs = controlInputs;
    this.attrs = attrs;
  }

  /** The TF op type (`MatMul`, `VariableV2`). */
  get type(): string {
    return this.def.type;
  }

  /** ops.py: Operation.run(feed_dict=None, session=None): runs this op in `session`, else the default session. */
  run(feedDict?: unknown, session?: DefaultSession | null): void {
    runUsingDefaultSession(this, feedDict, this.graph, session);
  }

  /** ops.py: Operation.get_attr; throws as TF does for an attr the op lacks. */
  getAttr(name: string): AttrValue {
    if (!Object.hasOwn(this.attrs, name)) {
      // ops.py: Operation.get_attr (the C API's InvalidArgument, re-raised as ValueError)
      throw new ValueError(`Operation '${this.name}' has no attr named '${name}'.`);
    }
    return this.attrs[name];
  }

  /** Operations that have this op as a control input. */
  get controlOutputs(): Operation[] {
    return this.graph.controlConsumersOf(this);
  }

  toString(): string {
    return `<tf.Operation '${this.name}' type=${this.type}>`;
  }
}
