// control_flow_ops.py: CondContext.from_proto, WhileContext.from_proto (_init_from_proto), ControlFlowContext.
// _init_values_from_proto and from_control_flow_context_def: the cond and while contexts of an imported MetaGraph
// rebuilt over its ops, so that tf.gradients goes through its loops and conds as through ones built here.
import type { Graph } from "../framework/graph";
import { prependNameScope } from "../framework/names";
import type { Tensor } from "../framework/tensor";
import type { CondContextDef, ControlFlowContextDef, ValuesDef, WhileContextDef } from "../proto/types";
import { CondContext } from "./cond-context";
import { opDefs } from "./op-defs";
import { WhileContext } from "./while-context";

type Context = CondContext | WhileContext;

/**
 * ControlFlowContext._init_values_from_proto: the context's values and external values under `importScope`; every
 * op with an output among the values (and not an external one) is put in `ctxt`.
 */
function initValuesFromProto(graph: Graph, ctxt: Context, def: ValuesDef, importScope?: string): void {
  const values = new Set(def.values.map((v) => prependNameScope(v, importScope)));
  const externalValues = new Map<string, Tensor>();
  for (const [k, v] of Object.entries(def.externalValues)) {
    externalValues.set(prependNameScope(k, importScope), graph.getTensorByName(prependNameScope(v, importScope)));
  }
  ctxt.initValuesFromProto(values, externalValues);
  const opNames = new Set<string>();
  for (const v of values) if (!externalValues.has(v)) opNames.add(v.split(":")[0]);
  for (const name of opNames) graph.getOperationByName(name).controlFlowContext = ctxt;
}

/** Runs `body` with `ctxt` entered: the nested contexts of an imported one are created inside it. */
function nestedIn(ctxt: Context, defs: readonly ControlFlowContextDef[], graph: Graph, importScope?: string): void {
  ctxt.enter();
  try {
    for (const nested of defs) fromControlFlowContextDef(graph, nested, importScope);
  } finally {
    ctxt.exit();
  }
}

/** CondContext.from_proto(context_def, import_scope) */
export function condContextFromProto(graph: Graph, def: CondContextDef, importScope?: string): CondContext {
  const tensor = (name: string) => graph.getTensorByName(prependNameScope(name, importScope));
  const branch = def.branch === 1 ? 1 : 0;
  const name = prependNameScope(def.contextName, importScope);
  const ctxt = new CondContext(tensor(def.predName), tensor(def.pivotName), branch, "cond_text", name);
  initValuesFromProto(graph, ctxt, def.valuesDef, importScope);
  nestedIn(ctxt, def.nestedContexts, graph, importScope);
  return ctxt;
}

/** WhileContext.from_proto(context_def, import_scope) */
export function whileContextFromProto(graph: Graph, def: WhileContextDef, importScope?: string): WhileContext {
  const tensor = (name: string) => graph.getTensorByName(prependNameScope(name, importScope));
  const name = prependNameScope(def.contextName, importScope);
  const maximumIterations = def.maximumIterationsName ? tensor(def.maximumIterationsName) : null;
  const ctxt = new WhileContext(
    graph,
    maximumIterations,
    def.parallelIterations,
    def.backProp,
    def.swapMemory,
    "while_context",
    null,
    name,
  );
  ctxt.pivotForPred = tensor(def.pivotForPredName);
  ctxt.pivotForBody = tensor(def.pivotForBodyName);
  ctxt.pivot = tensor(def.pivotName);
  ctxt.loopExits = def.loopExitNames.map(tensor);
  ctxt.loopEnters = def.loopEnterNames.map(tensor);
  initValuesFromProto(graph, ctxt, def.valuesDef, importScope);
  if (importScope) {
    // The import scope renamed the context: its Enters' frame_name follows.
    for (const value of def.valuesDef.values) {
      const op = tensor(value).op;
      if (op.def === opDefs.Enter || op.def === opDefs.RefEnter) op.attrs.frame_name = name;
    }
  }
  nestedIn(ctxt, def.nestedContexts, graph, importScope);
  return ctxt;
}

/** control_flow_ops.py: from_control_flow_context_def */
export function fromControlFlowContextDef(
  graph: Graph,
  def: ControlFlowContextDef,
  importScope?: string,
): CondContext | WhileContext {
  if (def.condCtxt) return condContextFromProto(graph, def.condCtxt, importScope);
  if (def.whileCtxt) return whileContextFromProto(graph, def.whileCtxt, importScope);
  throw new Error("Unknown ControlFlowContextDef field: None");
}
