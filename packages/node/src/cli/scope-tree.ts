// TensorBoard's grouping of a GraphDef (tf_graph_common/hierarchy.ts): an op named `a/b/c` sits in name scope `a/b`;
// an op and a scope of the same name are one node. Used by `scopeflow graph` (text and HTML).
import type { NodeDef } from "@scopeflow/core/graphdef";

export interface ScopeNode {
  /** Full path without a trailing "/" ("" for the root). */
  path: string;
  /** Last component. */
  name: string;
  scopes: Map<string, ScopeNode>;
  ops: NodeDef[];
}

export function buildScopeTree(nodes: readonly NodeDef[]): ScopeNode {
  const root: ScopeNode = { path: "", name: "", scopes: new Map(), ops: [] };
  for (const node of nodes) {
    let scope = root;
    for (const part of node.name.split("/").slice(0, -1)) {
      let child = scope.scopes.get(part);
      if (!child) {
        child = { path: scope.path ? `${scope.path}/${part}` : part, name: part, scopes: new Map(), ops: [] };
        scope.scopes.set(part, child);
      }
      scope = child;
    }
    scope.ops.push(node);
  }
  return root;
}

export function countOps(scope: ScopeNode): number {
  let total = scope.ops.length;
  for (const child of scope.scopes.values()) total += countOps(child);
  return total;
}

/** `1 op`, `32 ops`. */
export const opsText = (n: number): string => `${n} op${n === 1 ? "" : "s"}`;

export const byName = (a: { name: string }, b: { name: string }): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** The tree as text: scopes with their op counts (down to `maxDepth`), then ops with their types. */
export function scopeTreeText(root: ScopeNode, maxDepth: number): string {
  const lines: string[] = [];
  const walk = (scope: ScopeNode, indent: string, depth: number) => {
    for (const child of [...scope.scopes.values()].sort(byName)) {
      lines.push(`${indent}${child.name}/  (${opsText(countOps(child))})`);
      if (depth + 1 < maxDepth) walk(child, `${indent}  `, depth + 1);
    }
    for (const op of scope.ops) lines.push(`${indent}${op.name.split("/").at(-1)}  ${op.op}`);
  };
  walk(root, "  ", 0);
  return lines.join("\n");
}
