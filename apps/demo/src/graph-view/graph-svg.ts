// The graph view: TensorBoard's collapsed top level (one box per top-level name scope, one ellipse per top-level op),
// laid out bottom-to-top with dagre (the layout library TensorBoard itself uses), drawn as a standalone SVG.
import dagre from "@dagrejs/dagre";
import { buildScopeTree, countOps, type GraphNodeLike, type ScopeNode } from "./scope-tree";

interface Box {
  id: string;
  label: string;
  detail: string;
  kind: "scope" | "op";
}

/** The top-level group a node belongs to: its first path component. */
function groupOf(nodeName: string): string {
  return nodeName.split("/")[0];
}

/** An input reference ("x", "x:1", "^x") to the producing node's name. */
function producerOf(input: string): string {
  return input.replace(/^\^/, "").replace(/:\d+$/, "");
}

const escapeXml = (text: string) => text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Top-level boxes and the edges between them (inputs crossing groups; a scope and an op of one name merge). */
export function topLevelGraph(nodes: readonly GraphNodeLike[]): { boxes: Box[]; edges: [string, string][] } {
  const tree: ScopeNode = buildScopeTree(nodes);
  const boxes = new Map<string, Box>();
  for (const scope of tree.scopes.values()) {
    boxes.set(scope.name, { id: scope.name, label: `${scope.name}/`, detail: `${countOps(scope)} ops`, kind: "scope" });
  }
  for (const op of tree.ops) {
    if (!boxes.has(op.name)) boxes.set(op.name, { id: op.name, label: op.name, detail: op.op, kind: "op" });
  }
  const edges = new Map<string, [string, string]>();
  for (const node of nodes) {
    const to = groupOf(node.name);
    for (const input of node.input ?? []) {
      const from = groupOf(producerOf(input));
      if (from !== to) edges.set(`${from}->${to}`, [from, to]);
    }
  }
  return { boxes: [...boxes.values()], edges: [...edges.values()] };
}

/** Renders the top level of a graph as SVG text. */
export function renderGraphSvg(nodes: readonly GraphNodeLike[], title: string): string {
  const { boxes, edges } = topLevelGraph(nodes);
  const layout = new dagre.graphlib.Graph();
  layout.setGraph({ rankdir: "BT", nodesep: 24, ranksep: 40, marginx: 16, marginy: 16 });
  layout.setDefaultEdgeLabel(() => ({}));
  for (const box of boxes) {
    const width = Math.max(90, 8 * Math.max(box.label.length, box.detail.length) + 24);
    layout.setNode(box.id, { width, height: 44 });
  }
  for (const [from, to] of edges) layout.setEdge(from, to);
  dagre.layout(layout);
  const size = layout.graph();
  const parts: string[] = [];
  for (const e of layout.edges()) {
    const points = layout
      .edge(e)
      .points.map((p: { x: number; y: number }) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`)
      .join(" ");
    parts.push(`<polyline points="${points}" fill="none" stroke="#888" marker-end="url(#arrow)"/>`);
  }
  for (const box of boxes) {
    const n = layout.node(box.id);
    const x = n.x - n.width / 2;
    const y = n.y - n.height / 2;
    const shape =
      box.kind === "scope"
        ? `<rect x="${x}" y="${y}" width="${n.width}" height="${n.height}" rx="8" fill="#fdd9a5" stroke="#c88"/>`
        : `<ellipse cx="${n.x}" cy="${n.y}" rx="${n.width / 2}" ry="${n.height / 2}" fill="#dde8fb" stroke="#89a"/>`;
    parts.push(
      `<g>${shape}<text x="${n.x}" y="${n.y - 3}" text-anchor="middle" font-size="13">${escapeXml(box.label)}</text>` +
        `<text x="${n.x}" y="${n.y + 13}" text-anchor="middle" font-size="10" fill="#555">${escapeXml(box.detail)}</text></g>`,
    );
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}" font-family="sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0L10,5L0,10z" fill="#888"/></marker></defs>`,
    ...parts,
    "</svg>",
  ].join("\n");
}
