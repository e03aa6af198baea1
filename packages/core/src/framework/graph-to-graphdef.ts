// python/framework/ops.py: Graph.as_graph_def / _as_graph_def: one NodeDef per op in creation order.

import { setOwn } from "../io/own-keys";
import type { AttrValue, GraphDef, NodeDef } from "../proto/types";
import { attrToProto } from "./attr-values";
import type { Graph } from "./graph";
import type { Operation } from "./operation";
import type { Tensor } from "./tensor";
import { shapeToProto } from "./tensor-proto";

/**
 * tensorflow/core/public/version.h in TF 1.15: TF_GRAPH_DEF_VERSION 134 (and MIN_CONSUMER 0), the `versions` every
 * GraphDef scopeflow writes carries, so TF 1.15 reads it as one of its own.
 */
export const GRAPH_DEF_VERSION = 134;
export const GRAPH_DEF_VERSION_MIN_CONSUMER = 0;

export interface AsGraphDefOptions {
  /** Adds `_output_shapes` (one shape per output) to every node with outputs, as TF's FileWriter asks for. */
  addShapes?: boolean;
}

/** A tensor as a NodeDef input: `op` for output 0, `op:i` otherwise. */
export function tensorInputName(tensor: Tensor): string {
  return tensor.valueIndex === 0 ? tensor.op.name : `${tensor.op.name}:${tensor.valueIndex}`;
}

/** node_def.proto for one Operation: inputs, then `^control` inputs; device when set; attrs by the op conventions. */
export function operationToNodeDef(op: Operation, options: AsGraphDefOptions = {}): NodeDef {
  const node: NodeDef = {
    name: op.name,
    op: op.type,
    input: [...op.inputs.map(tensorInputName), ...op.controlInputs.map((c) => `^${c.name}`)],
  };
  if (op.device) node.device = op.device;
  const attr: Record<string, AttrValue> = {};
  for (const [name, value] of Object.entries(op.attrs)) {
    if (name === "_output_shapes") continue;
    const proto = attrToProto(name, value);
    if (proto) setOwn(attr, name, proto);
  }
  // ops.py: Graph._as_graph_def: `if add_shapes and op.outputs`.
  if (options.addShapes && op.outputs.length > 0) {
    attr._output_shapes = { list: { shape: op.outputs.map((t) => shapeToProto(t.shape)) } };
  }
  node.attr = attr;
  return node;
}

/** Graph.as_graph_def(add_shapes=False): every op in creation order, `versions { producer: 134 }`. */
export function graphToGraphDef(graph: Graph, options: AsGraphDefOptions = {}): GraphDef {
  return {
    node: graph.getOperations().map((op) => operationToNodeDef(op, options)),
    versions: { producer: GRAPH_DEF_VERSION, minConsumer: GRAPH_DEF_VERSION_MIN_CONSUMER },
  };
}
