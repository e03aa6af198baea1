// The graph view's data: one plain record per op, made from a GraphDef (live graphs go through graph.asGraphDef
// with shapes, opened files are GraphDefs already), so the worker can post it and the page never needs scopeflow.

import type { AttrValue, GraphDef, NodeDef, TensorShapeProto } from "../tf-types";
import type { Reentry } from "./reentries";

export interface OpNode {
  name: string;
  type: string;
  device: string;
  /** Input tensor names as the NodeDef lists them (`x:1`, `^init` for a control input). */
  inputs: string[];
  /** Attributes, formatted for reading; `_output_shapes` is taken out into `shapes`. */
  attrs: [string, string][];
  /** One shape per output (`[2,4]`, `?` when unknown), when the GraphDef carried `_output_shapes`. */
  shapes: string[];
}

export interface GraphModel {
  nodes: OpNode[];
  /** Scopes that are one variable scope entered again, when known (a live program's sharing audit). */
  reentries?: Reentry[];
}

const text = new TextDecoder();

export function formatShape(shape: TensorShapeProto | undefined): string {
  if (!shape || shape.unknownRank) return "?";
  return `[${(shape.dim ?? []).map((d) => (Number(d.size) < 0 ? "?" : String(d.size))).join(",")}]`;
}

function formatBytes(bytes: Uint8Array): string {
  const s = text.decode(bytes);
  return JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);
}

export function formatAttr(value: AttrValue): string {
  if (value.s !== undefined) return formatBytes(value.s);
  if (value.i !== undefined) return String(value.i);
  if (value.f !== undefined) return String(value.f);
  if (value.b !== undefined) return String(value.b);
  if (value.type !== undefined) return value.type;
  if (value.shape !== undefined) return formatShape(value.shape);
  if (value.tensor !== undefined) {
    const t = value.tensor;
    const values = t.floatVal ?? t.intVal ?? t.doubleVal ?? [];
    const shown = values.length ? ` ${JSON.stringify(values.slice(0, 6))}` : "";
    return `${t.dtype ?? "?"} ${formatShape(t.tensorShape)}${shown}`;
  }
  if (value.list !== undefined) {
    const l = value.list;
    const items = [
      ...(l.s ?? []).map(formatBytes),
      ...(l.i ?? []).map(String),
      ...(l.f ?? []).map(String),
      ...(l.b ?? []).map(String),
      ...(l.type ?? []),
      ...(l.shape ?? []).map(formatShape),
    ];
    return `[${items.join(", ")}]`;
  }
  if (value.func !== undefined) return `fn ${value.func.name ?? "?"}`;
  return "";
}

export function opNodeOf(node: NodeDef): OpNode {
  const attrs: [string, string][] = [];
  let shapes: string[] = [];
  for (const [key, value] of Object.entries(node.attr ?? {})) {
    if (key === "_output_shapes") shapes = (value.list?.shape ?? []).map(formatShape);
    else attrs.push([key, formatAttr(value)]);
  }
  attrs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { name: node.name, type: node.op, device: node.device ?? "", inputs: node.input ?? [], attrs, shapes };
}

export function modelOfGraphDef(def: GraphDef): GraphModel {
  return { nodes: (def.node ?? []).map(opNodeOf) };
}

/** `scope/op:1` → { op: "scope/op", index: 1, control: false }; `^init` → a control input. */
export function parseInput(input: string): { op: string; index: number; control: boolean } {
  if (input.startsWith("^")) return { op: input.slice(1), index: -1, control: true };
  const m = /^(.*):(\d+)$/.exec(input);
  return m ? { op: m[1], index: Number(m[2]), control: false } : { op: input, index: 0, control: false };
}
