// Lays out the visible graph with dagre's compound layout (expanded groups are clusters), bottom to top as
// TensorBoard draws TF graphs. Only what is visible is laid out, so a collapsed big graph stays quick.
import dagre from "@dagrejs/dagre";
import type { VisibleGraph, VisibleNode } from "./visible";

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedNode extends VisibleNode, Box {}

export interface PlacedEdge {
  from: string;
  to: string;
  label: string;
  control: boolean;
  points: { x: number; y: number }[];
}

export interface Layout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

const CHAR = 7;

function sizeOf(node: VisibleNode): { width: number; height: number } {
  const text = Math.max(node.label.length, node.detail.length);
  return { width: Math.max(60, text * CHAR + 24), height: node.kind === "group" ? 40 : 34 };
}

export function layoutGraph(graph: VisibleGraph): Layout {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: "BT", nodesep: 18, ranksep: 34, edgesep: 8, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) {
    g.setNode(node.id, node.kind === "cluster" ? { label: node.label } : sizeOf(node));
  }
  for (const node of graph.nodes) if (node.parent) g.setParent(node.id, node.parent);
  graph.edges.forEach((edge, i) => {
    g.setEdge(
      edge.from,
      edge.to,
      { label: edge.label, width: edge.label.length * 6, height: edge.label ? 12 : 0, labelpos: "c" },
      String(i),
    );
  });
  dagre.layout(g);
  const nodes = graph.nodes.map((node) => {
    const placed = g.node(node.id) as { x: number; y: number; width: number; height: number };
    return { ...node, x: placed.x, y: placed.y, width: placed.width, height: placed.height };
  });
  const edges = graph.edges.map((edge, i) => {
    const placed = g.edge({ v: edge.from, w: edge.to, name: String(i) }) as { points: { x: number; y: number }[] };
    return { ...edge, points: placed.points ?? [] };
  });
  const size = g.graph() as { width?: number; height?: number };
  return { nodes, edges, width: size.width ?? 0, height: size.height ?? 0 };
}
