// TensorBoard's graph grouping (tensorboard/plugins/graph/tf_graph_common/hierarchy.ts): a node named "a/b/c"
// lives in scope "a/b". The scope explorer prints this tree; the graph view draws its top level.

export interface GraphNodeLike {
  name: string;
  op: string;
  input?: string[];
}

export interface ScopeNode {
  /** Last path component ("" for the root). */
  name: string;
  /** Full scope path without a trailing slash ("" for the root). */
  path: string;
  scopes: Map<string, ScopeNode>;
  ops: GraphNodeLike[];
}

function emptyScope(name: string, path: string): ScopeNode {
  return { name, path, scopes: new Map(), ops: [] };
}

/** Builds the name-scope hierarchy of a GraphDef's nodes. */
export function buildScopeTree(nodes: readonly GraphNodeLike[]): ScopeNode {
  const root = emptyScope("", "");
  for (const node of nodes) {
    const parts = node.name.split("/");
    let scope = root;
    for (const part of parts.slice(0, -1)) {
      const path = scope.path ? `${scope.path}/${part}` : part;
      let child = scope.scopes.get(part);
      if (!child) {
        child = emptyScope(part, path);
        scope.scopes.set(part, child);
      }
      scope = child;
    }
    scope.ops.push(node);
  }
  return root;
}

/** Number of ops in a scope and all scopes below it. */
export function countOps(scope: ScopeNode): number {
  let total = scope.ops.length;
  for (const child of scope.scopes.values()) total += countOps(child);
  return total;
}

/** The tree as text: scopes with their op counts, then ops with their types, down to `maxDepth` levels. */
export function renderScopeTree(root: ScopeNode, maxDepth = Number.POSITIVE_INFINITY): string {
  const lines: string[] = [];
  const walk = (scope: ScopeNode, indent: string, depth: number) => {
    const children = [...scope.scopes.values()].sort((a, b) => a.name.localeCompare(b.name));
    for (const child of children) {
      lines.push(`${indent}${child.name}/  (${countOps(child)} ops)`);
      if (depth + 1 < maxDepth) walk(child, `${indent}  `, depth + 1);
    }
    for (const op of scope.ops) lines.push(`${indent}${op.name.split("/").at(-1)}  [${op.op}]`);
  };
  walk(root, "", 0);
  return lines.join("\n");
}
