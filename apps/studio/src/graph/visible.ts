// What the graph view draws: expanded groups as clusters, collapsed groups as single boxes, ops whose groups are all
// expanded; edges between what is drawn (many op edges between two boxes become one, labelled with their count).
import type { Group, Hierarchy } from "./hierarchy";
import { parseInput } from "./model";

export interface VisibleNode {
  id: string;
  kind: "op" | "group" | "cluster";
  label: string;
  /** The cluster it is drawn in ("" at the top). */
  parent: string;
  /** The op type, or `n ops` for a group. */
  detail: string;
}

export interface VisibleEdge {
  from: string;
  to: string;
  label: string;
  control: boolean;
}

export interface VisibleGraph {
  nodes: VisibleNode[];
  edges: VisibleEdge[];
}

const opId = (name: string) => `op:${name}`;
const groupId = (group: Group) => `group:${group.id}`;

/** The box an op is drawn as: its outermost collapsed group, or the op itself. */
function representative(h: Hierarchy, name: string, expanded: Set<string>): string | undefined {
  const group = h.groupOf.get(name);
  if (!group) return undefined;
  const chain: Group[] = [];
  for (let g: Group | null = group; g && g.parent; g = g.parent) chain.unshift(g);
  for (const g of chain) if (!expanded.has(g.id)) return groupId(g);
  return opId(name);
}

export function visibleGraph(h: Hierarchy, expanded: Set<string>): VisibleGraph {
  const nodes: VisibleNode[] = [];
  const walk = (group: Group, parent: string) => {
    for (const child of group.groups.values()) {
      if (expanded.has(child.id)) {
        const id = groupId(child);
        nodes.push({ id, kind: "cluster", label: child.label, parent, detail: `${child.count} ops` });
        walk(child, id);
      } else {
        nodes.push({ id: groupId(child), kind: "group", label: child.label, parent, detail: `${child.count} ops` });
      }
    }
    for (const op of group.ops) {
      const label = op.name.slice(op.name.lastIndexOf("/") + 1);
      nodes.push({ id: opId(op.name), kind: "op", label, parent, detail: op.type });
    }
  };
  walk(h.root, "");
  const edges = new Map<string, VisibleEdge & { count: number }>();
  for (const op of h.ops.values()) {
    const to = representative(h, op.name, expanded);
    if (!to) continue;
    for (const input of op.inputs) {
      const { op: source, index, control } = parseInput(input);
      const from = representative(h, source, expanded);
      if (!from || from === to) continue;
      const key = `${from}→${to}${control ? "^" : ""}`;
      const edge = edges.get(key);
      if (edge) {
        edge.count++;
        edge.label = `${edge.count} tensors`;
      } else {
        const shape = control ? "" : (h.ops.get(source)?.shapes[index] ?? "");
        edges.set(key, { from, to, label: shape, control, count: 1 });
      }
    }
  }
  return { nodes, edges: [...edges.values()].map(({ from, to, label, control }) => ({ from, to, label, control })) };
}

export { groupId, opId };
