// scope tools (no TF equivalent): tf.tools.explainName, the rules of ops.py (name_scope, unique_name) and
// variable_scope.py (variable_scope, get_variable) that produced a name, read back from the graph's name record.
import { type Graph, getDefaultGraph, isTensorConvertible, type TensorConvertible } from "../framework/graph";
import { type Frame, NameScopeFrame, nameRecordOf, OpEntry, VariableScopeFrame } from "../framework/name-record";
import { Operation } from "../framework/operation";
import { Tensor } from "../framework/tensor";
import { opDefs } from "../ops/op-defs";
import { explainText as say } from "./explain-text";
import { Walk } from "./explain-walk";

export type StepKind =
  | "nameScope"
  | "variableScope"
  | "auxiliaryNameScope"
  | "originalNameScope"
  | "uniquified"
  | "getVariable"
  | "reuse"
  | "variable"
  | "opName"
  | "slot"
  | "imported"
  | "unrecorded";

/** One rule that shaped the name: its kind, what it did (a plain object per kind), the sentence, and where (capture on). */
export interface ExplainStep {
  kind: StepKind;
  detail: Record<string, unknown>;
  text: string;
  site?: string;
}

export interface Explanation {
  /** As TF prints it: `scope/op:0` for a tensor or variable, `scope/op` for an operation, `scope/` for a name scope. */
  name: string;
  steps: ExplainStep[];
  text: string;
}

/**
 * tf.tools.explainName(tensorOrOpOrVariableOrName, { graph? }): the chain of rules that produced a name, outermost
 * first, as steps and as sentences. A string is looked up in `graph` (default: the default graph); a name ending in
 * "/" is a name scope.
 */
export function explainName(
  x: Tensor | Operation | TensorConvertible | string,
  options: { graph?: Graph } = {},
): Explanation {
  let graph = options.graph ?? getDefaultGraph();
  let element: Tensor | Operation;
  if (typeof x === "string") {
    if (x.endsWith("/")) return explainScope(graph, x);
    element = graph.asGraphElement(x);
  } else if (x instanceof Tensor || x instanceof Operation) element = x;
  else if (isTensorConvertible(x)) element = x.asGraphElement();
  else throw new TypeError(`explainName takes a Tensor, Operation, Variable or name, not ${String(x)}.`);
  graph = element.graph;
  const op = element instanceof Tensor ? element.op : element;
  const walk = new Walk(graph, nameRecordOf(graph));
  walk.op(op);
  const steps = walk.result();
  const isVariable = op.type === opDefs.VariableV2.type;
  if (isVariable && (element instanceof Tensor ? element.valueIndex === 0 : true)) steps.push(...walk.reuses(op));
  const name = element.name;
  const what =
    isVariable && element instanceof Tensor
      ? say.variableWhat(op.name, walk.madeByGetVariable ? "tf.getVariable" : "new tf.Variable")
      : element instanceof Tensor
        ? say.tensorWhat(element.valueIndex, op.type, op.name)
        : say.opWhat(op.type);
  return finish(name, what, steps);
}

function finish(name: string, what: string, steps: ExplainStep[]): Explanation {
  const lines = steps.map((s, i) => `${i + 1}. ${s.text}${s.site ? ` (at ${s.site})` : ""}`);
  return { name, steps, text: [say.header(name, what, steps.length), ...lines].join("\n") };
}

/** A name scope ("my_scope_1/"): the frames that opened it, found through any op made inside it. */
function explainScope(graph: Graph, name: string): Explanation {
  const target = name.slice(0, -1);
  const record = nameRecordOf(graph);
  for (const op of graph.getOperations()) {
    const rec = record.ops.get(op);
    let child: Frame | null = null;
    for (let f = rec instanceof OpEntry ? rec.frame : (rec ?? null); f; child = f, f = f.parent) {
      if (!(f instanceof NameScopeFrame) || f.scope !== target) continue;
      const walk = new Walk(graph, record);
      const opened = child instanceof VariableScopeFrame && child.nameScope === "opened" && child.parent === f;
      walk.frames(opened ? child : f);
      return finish(name, "a name scope", walk.result());
    }
  }
  throw new Error(`explainName: no op of the graph is in the name scope ${JSON.stringify(name)}.`);
}
