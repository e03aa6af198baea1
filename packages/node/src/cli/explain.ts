// `scopeflow explain <graph file> <name>`: an op or tensor of a graph file with its type, inputs, outputs, device,
// attrs, consumers and enclosing name scopes; plus tf.tools.explainName's account of the name where it exists.

import * as core from "@scopeflow/core";
import type { AttrValue, GraphDef, NodeDef } from "@scopeflow/core/graphdef";
import * as tf from "../files";
import { EXIT_DRIFT, EXIT_OK, type Output } from "./cli-errors";
import { type LoadedGraph, loadGraph } from "./load-graph";
import { opsText } from "./scope-tree";

const opNameOf = (input: string) => input.replace(/^\^/, "").replace(/:\d+$/, "");
const decoder = new TextDecoder();

function shapeText(shape: { dim?: { size: number | bigint }[]; unknownRank?: boolean } | undefined): string {
  if (!shape || shape.unknownRank) return "<unknown>";
  return `[${(shape.dim ?? []).map((d) => (Number(d.size) < 0 ? "?" : String(d.size))).join(",")}]`;
}

const dtypeText = (protoName: string) => {
  try {
    const ref = protoName.endsWith("_REF");
    return `${core.asDType(protoName).name}${ref ? "_ref" : ""}`;
  } catch {
    return protoName;
  }
};

/** An attr as TF's text shows it, shortened: tensors by dtype and shape only. */
function attrText(value: AttrValue): string {
  if (value.type !== undefined) return dtypeText(value.type);
  if (value.shape !== undefined) return shapeText(value.shape);
  if (value.s !== undefined) return JSON.stringify(decoder.decode(value.s));
  if (value.tensor !== undefined)
    return `<${dtypeText(value.tensor.dtype ?? "?")} tensor ${shapeText(value.tensor.tensorShape)}>`;
  if (value.list !== undefined) {
    const l = value.list;
    const items = [
      ...(l.s ?? []).map((s) => JSON.stringify(decoder.decode(s))),
      ...(l.i ?? []).map(String),
      ...(l.f ?? []).map(String),
      ...(l.b ?? []).map(String),
      ...(l.type ?? []).map(dtypeText),
      ...(l.shape ?? []).map(shapeText),
    ];
    return `[${items.join(", ")}]`;
  }
  if (value.func !== undefined) return `<function ${value.func.name ?? ""}>`;
  return String(value.i ?? value.f ?? value.b ?? "");
}

/** An imported Graph for exact output dtypes and shapes (and explainName), or the reason there is none. */
function importGraph(graphDef: GraphDef): { graph?: core.Graph; reason?: string } {
  const graph = new core.Graph();
  try {
    core.importGraphDef(graphDef, { name: "", graph });
    return { graph };
  } catch (error) {
    return { reason: (error as Error).message.split("\n")[0] };
  }
}

function outputsOf(node: NodeDef, isVariable: boolean, graph?: core.Graph): string[] {
  const op = graph?.findOperation(node.name);
  if (op)
    return op.outputs.map(
      (t) => `${t.name}  ${t.dtype.name}${t.isRef ? "_ref" : ""} ${shapeText(shapeProto(t.shape))}`,
    );
  const shapes = node.attr?._output_shapes?.list?.shape ?? [];
  const dtype = node.attr?.dtype?.type ?? node.attr?.T?.type;
  const type = dtype ? `${dtypeText(dtype)}${isVariable ? "_ref" : ""}` : "?";
  return shapes.map((s, i) => `${node.name}:${i}  ${type} ${shapeText(s)}`);
}

function shapeProto(shape: (number | null)[] | null) {
  return shape === null ? { unknownRank: true } : { dim: shape.map((d) => ({ size: d ?? -1 })) };
}

/** Names ending like `name` first (same last component), then names containing it; shorter first. */
function suggestions(nodes: readonly NodeDef[], name: string): string[] {
  const leaf = name.split("/").at(-1) as string;
  const lower = name.toLowerCase();
  const score = (n: NodeDef) =>
    n.name.endsWith(`/${name}`)
      ? 0
      : n.name.split("/").at(-1) === leaf
        ? 1
        : n.name.toLowerCase().includes(lower)
          ? 2
          : 3;
  return nodes
    .map((n) => ({ name: n.name, score: score(n) }))
    .filter((n) => n.score < 3)
    .sort((a, b) => a.score - b.score || a.name.length - b.name.length || (a.name < b.name ? -1 : 1))
    .slice(0, 6)
    .map((n) => n.name);
}

export function explainCommand(file: string, name: string, io: Output): number {
  const loaded: LoadedGraph = loadGraph(file);
  const nodes = loaded.graphDef.node ?? [];
  const opName = opNameOf(name);
  const node = nodes.find((n) => n.name === opName);
  if (!node) {
    const close = suggestions(nodes, opName);
    io.err(
      `scopeflow explain: no op named "${opName}" in ${loaded.path} (${opsText(nodes.length)})${close.length ? `; did you mean: ${close.join(", ")}?` : "."}`,
    );
    return EXIT_DRIFT;
  }
  const { graph, reason } = importGraph(loaded.graphDef);
  const lines: string[] = [];
  const tensorIndex = /:(\d+)$/.exec(name)?.[1];
  lines.push(
    tensorIndex === undefined
      ? `${node.name}  (op ${node.op}, from the ${loaded.kind} ${loaded.path})`
      : `${name}  (output ${tensorIndex} of op ${node.name}, a ${node.op}; from the ${loaded.kind} ${loaded.path})`,
  );
  lines.push(`  device:   ${node.device || "(none)"}`);
  const inputs = node.input ?? [];
  lines.push(`  inputs:   ${inputs.length ? inputs.join(", ") : "(none)"}`);
  const variables = loaded.metaGraphDef
    ? tf.tools.variablesOf(loaded.metaGraphDef)
    : tf.tools.variablesOf(loaded.graphDef);
  const variable = variables.find((v) => v.opName === node.name);
  const outputs = outputsOf(node, variable !== undefined, graph);
  lines.push(`  outputs:  ${outputs.length ? outputs.join("\n            ") : "(none)"}`);
  const attrs = Object.entries(node.attr ?? {})
    .filter(([key]) => key !== "_output_shapes")
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${attrText(value)}`);
  lines.push(`  attrs:    ${attrs.length ? attrs.join(", ") : "(none)"}`);
  const consumers = nodes.filter((n) => (n.input ?? []).some((i) => opNameOf(i) === node.name)).map((n) => n.name);
  lines.push(
    `  used by:  ${consumers.length ? `${consumers.slice(0, 12).join(", ")}${consumers.length > 12 ? `, ... (${consumers.length} in all)` : ""}` : "(nothing)"}`,
  );
  const parts = node.name.split("/");
  const scopes = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("/"));
  const scopeLines = scopes.map((scope) => {
    const count = nodes.filter((n) => n.name.startsWith(`${scope}/`)).length;
    const sibling = nodes.some((n) => n.name === scope) ? `; an op is also named ${scope}` : "";
    return `${scope}/ (${opsText(count)}${sibling})`;
  });
  lines.push(`  scopes:   ${scopeLines.length ? scopeLines.join(" > ") : "(top level)"}`);
  if (variable && loaded.metaGraphDef) {
    lines.push(
      `  variable: ${variable.name} ${shapeText(shapeProto(variable.shape))} ${variable.dtype}${variable.trainable ? ", trainable" : ""}; collections ${variable.collections.join(", ") || "(none)"}; checkpoint key ${variable.opName}`,
    );
  }
  const explainName = (tf.tools as Record<string, unknown>).explainName;
  if (typeof explainName === "function") {
    if (graph) {
      try {
        const explained = explainName(name, { graph }) as { text?: string };
        if (explained?.text) lines.push("", explained.text);
      } catch (error) {
        lines.push("", `(tf.tools.explainName: ${(error as Error).message})`);
      }
    } else {
      lines.push("", `(tf.tools.explainName needs the graph imported, and it does not import here: ${reason})`);
    }
  }
  io.out(lines.join("\n"));
  return EXIT_OK;
}
