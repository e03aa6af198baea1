// Beyond TF1: the variables of a Graph, GraphDef or MetaGraphDef as plain records, read the way saver.py's Saver and
// meta_graph.py's collection_def (VariableDef collections, as variables.py registers them) describe them.
import { asDType } from "../framework/dtypes";
import { type Graph, isTensorConvertible } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import { Operation } from "../framework/operation";
import { Tensor } from "../framework/tensor";
import { shapeFromProto } from "../framework/tensor-proto";
import { opDefFor, opDefs } from "../ops/op-defs";
import { decodeMessage } from "../proto/codec";
import type { GraphDef, MetaGraphDef, NodeDef, SaverDef, VariableDef } from "../proto/types";
import { Variable } from "../variables/variable";

/** A variable as the tools report it: `name` as TF prints it (`dense/kernel:0`); the checkpoint key drops `:0`. */
export interface VariableRecord {
  name: string;
  /** The variable's op name: its checkpoint key under a default Saver. */
  opName: string;
  shape: (number | null)[] | null;
  dtype: string;
  trainable: boolean;
  /** The collections holding it, sorted. */
  collections: string[];
}

/** A Graph, or its serialized form (a GraphDef has no collections; a MetaGraphDef carries them). */
export type GraphOrDef = Graph | GraphDef | MetaGraphDef;

/** variables.py: ops.register_proto_function(..., proto_type=variable_pb2.VariableDef) for these keys. */
const VARIABLE_DEF_COLLECTIONS = new Set<string>([
  GraphKeys.GLOBAL_VARIABLES,
  GraphKeys.TRAINABLE_VARIABLES,
  GraphKeys.LOCAL_VARIABLES,
  GraphKeys.MODEL_VARIABLES,
  GraphKeys.MOVING_AVERAGE_VARIABLES,
  GraphKeys.METRIC_VARIABLES,
  GraphKeys.GLOBAL_STEP,
]);

const byteCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `x:0`, `^x` and `x` all name the op `x`. */
export const opNameOf = (tensorOrOpName: string): string => tensorOrOpName.replace(/^\^/, "").replace(/:\d+$/, "");

export function isGraph(value: unknown): value is Graph {
  return typeof value === "object" && value !== null && typeof (value as Graph).asGraphDef === "function";
}

/** A decoded message field: a plain object, not a variable or tensor (a `{ graphDef: variable }` var list is none). */
const isMessage = (value: unknown): boolean =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  !(value instanceof Tensor) &&
  !isTensorConvertible(value);

export function isMetaGraphDef(value: unknown): value is MetaGraphDef {
  if (!isMessage(value) || isGraph(value)) return false;
  const meta = value as MetaGraphDef;
  return [meta.graphDef, meta.saverDef, meta.metaInfoDef, meta.collectionDef].some(isMessage);
}

export function isGraphDef(value: unknown): value is GraphDef {
  return typeof value === "object" && value !== null && Array.isArray((value as GraphDef).node);
}

/** Whether a NodeDef's op type is a variable op of the op table (`VariableV2`). */
export function isVariableNode(node: NodeDef): boolean {
  return opDefFor(node.op)?.isVariable ?? false;
}

function recordOfNode(node: NodeDef, collections: string[]): VariableRecord {
  const attrs = node.attr ?? {};
  const outputShapes = attrs._output_shapes?.list?.shape;
  const shape = attrs.shape?.shape ? shapeFromProto(attrs.shape.shape) : shapeFromProto(outputShapes?.[0]);
  const dtype = attrs.dtype?.type ? asDType(attrs.dtype.type).name : "unknown";
  return {
    name: `${node.name}:0`,
    opName: node.name,
    shape,
    dtype,
    trainable: collections.includes(GraphKeys.TRAINABLE_VARIABLES),
    collections,
  };
}

/** The variables of a GraphDef or MetaGraphDef, in node order, with the collections its collection_def gives them. */
export function variablesOfDef(def: GraphDef | MetaGraphDef): VariableRecord[] {
  const meta: MetaGraphDef = isMetaGraphDef(def) ? def : { graphDef: def as GraphDef };
  const membership = new Map<string, Set<string>>();
  const add = (opName: string, key: string) => {
    if (!membership.has(opName)) membership.set(opName, new Set());
    membership.get(opName)?.add(key);
  };
  for (const [key, collection] of Object.entries(meta.collectionDef ?? {})) {
    for (const name of collection.nodeList?.value ?? []) add(opNameOf(name), key);
    if (!VARIABLE_DEF_COLLECTIONS.has(key)) continue;
    for (const bytes of collection.bytesList?.value ?? []) {
      const variableDef = decodeMessage<VariableDef>("VariableDef", bytes, `collection '${key}'`);
      add(opNameOf(variableDef.variableName), key);
    }
  }
  return (meta.graphDef?.node ?? [])
    .filter(isVariableNode)
    .map((node) => recordOfNode(node, [...(membership.get(node.name) ?? [])].sort(byteCompare)));
}

function opOf(item: unknown): Operation | undefined {
  if (item instanceof Variable) return item.op;
  if (item instanceof Tensor) return item.op;
  if (item instanceof Operation) return item;
  return undefined;
}

/** The variables of a Graph (its variable ops, in creation order) with the collections that hold them. */
export function variablesOfGraph(graph: Graph): VariableRecord[] {
  const membership = new Map<Operation, Set<string>>();
  for (const key of graph.getAllCollectionKeys()) {
    for (const item of graph.getCollection(key)) {
      const op = opOf(item);
      if (!op?.def.isVariable) continue;
      if (!membership.has(op)) membership.set(op, new Set());
      membership.get(op)?.add(key);
    }
  }
  return graph
    .getOperations()
    .filter((op) => op.def.isVariable)
    .map((op) => {
      const collections = [...(membership.get(op) ?? [])].sort(byteCompare);
      const out = op.outputs[0];
      return {
        name: out.name,
        opName: op.name,
        shape: out.shape === null ? null : [...out.shape],
        dtype: out.dtype.name,
        trainable: collections.includes(GraphKeys.TRAINABLE_VARIABLES),
        collections,
      };
    });
}

export function variablesOf(graphOrDef: GraphOrDef): VariableRecord[] {
  return isGraph(graphOrDef) ? variablesOfGraph(graphOrDef) : variablesOfDef(graphOrDef);
}

/** The Variable objects of a graph's collections by op name (what a Saver map should hold), else the op's output. */
export function variableObjectsOf(graph: Graph): Map<string, Variable | Tensor> {
  const out = new Map<string, Variable | Tensor>();
  for (const key of graph.getAllCollectionKeys()) {
    for (const item of graph.getCollection(key)) {
      if (item instanceof Variable && !out.has(item.op.name)) out.set(item.op.name, item);
    }
  }
  for (const op of graph.getOperations()) {
    if (op.def.isVariable && !out.has(op.name)) out.set(op.name, op.outputs[0]);
  }
  return out;
}

/** A restored variable: the checkpoint key a Saver reads it from, and its variable op. */
export interface SavedVariable {
  key: string;
  opName: string;
}

const decoder = new TextDecoder();

/**
 * The keys a SaverDef restores and the variable each one is assigned to, read from its restore graph as saver.py
 * builds it: `restore_op_name` (through `restore_shard` NoOps when sharded) → `Assign(variable, RestoreV2:i)`, the
 * key being entry i of RestoreV2's `tensor_names` Const. Older graphs have one RestoreV2 per variable.
 */
export function savedVariablesOf(graphDef: GraphDef, saverDef: SaverDef): SavedVariable[] {
  const nodes = new Map((graphDef.node ?? []).map((n) => [n.name, n]));
  const out: SavedVariable[] = [];
  const seen = new Set<string>();
  const pending = saverDef.restoreOpName ? [opNameOf(saverDef.restoreOpName)] : [];
  const through = (input: string): [NodeDef | undefined, number] => {
    let node = nodes.get(opNameOf(input));
    let index = Number(/:(\d+)$/.exec(input)?.[1] ?? 0);
    while (node && node.op === opDefs.Identity.type && node.input?.[0]) {
      index = Number(/:(\d+)$/.exec(node.input[0])?.[1] ?? 0);
      node = nodes.get(opNameOf(node.input[0]));
    }
    return [node, index];
  };
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const node = nodes.get(name);
    if (!node) continue;
    const [source, index] = node.op === opDefs.Assign.type && node.input?.[1] ? through(node.input[1]) : [undefined, 0];
    if (source?.op === opDefs.RestoreV2.type) {
      const names = nodes.get(opNameOf(source.input?.[1] ?? ""))?.attr?.value?.tensor?.stringVal ?? [];
      if (names[index]) out.push({ key: decoder.decode(names[index]), opName: opNameOf(node.input?.[0] ?? "") });
      continue;
    }
    for (const input of node.input ?? []) if (input.startsWith("^")) pending.push(opNameOf(input));
  }
  return out.sort((a, b) => byteCompare(a.key, b.key));
}
