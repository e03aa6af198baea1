// scope tools (no TF equivalent): tf.tools.scopeTrees, the name scopes of ops and the scopes of variables side by side,
// with the instances ops.py's unique_name (`parent`, `parent_1`) and variable_scope.py's default names made folded.
import { type Graph, getDefaultGraph } from "../framework/graph";
import { type Frame, NameScopeFrame, nameRecordOf, OpEntry, VariableScopeFrame } from "../framework/name-record";
import { opDefs } from "../ops/op-defs";

/** A scope: its full path (no trailing "/"), sub-scopes, what it holds, and the paths folded into it. */
export interface ScopeNode {
  name: string;
  children: ScopeNode[];
  ops?: string[];
  variables?: string[];
  /** The scopes this node stands for: itself and its re-entered instances ("parent", "parent_1"). */
  instances: string[];
}

export interface ScopeTrees {
  nameScopes: ScopeNode;
  variableScopes: ScopeNode;
}

interface RawNode {
  path: string;
  children: Map<string, RawNode>;
  items: string[];
}

/**
 * tf.tools.scopeTrees(graph?): `nameScopes` holds every op under the name scope its name puts it in; `variableScopes`
 * every variable (by op name, as checkpoints key them) under the scope its name puts it in. A scope the graph made
 * unique (`x_1` because `x` was taken, or a variable scope's default name used again) is folded into the first one.
 */
export function scopeTrees(graph: Graph = getDefaultGraph()): ScopeTrees {
  const instanceOf = recordedInstances(graph);
  const ops = graph.getOperations();
  const opNames = ops.map((op) => op.name);
  const variableNames = ops.filter((op) => op.type === opDefs.VariableV2.type).map((op) => op.name);
  return {
    nameScopes: fold(rawTree(opNames), instanceOf, "ops"),
    variableScopes: fold(rawTree(variableNames), instanceOf, "variables"),
  };
}

/** Each uniquified scope's path and the path that was taken (`x_1` -> `x`), from the graph's name record. */
function recordedInstances(graph: Graph): Map<string, string> {
  const record = nameRecordOf(graph);
  const instanceOf = new Map<string, string>();
  const seen = new Set<Frame>();
  for (const op of graph.getOperations()) {
    const rec = record.ops.get(op);
    for (let f = rec instanceof OpEntry ? rec.frame : (rec ?? null); f && !seen.has(f); f = f.parent) {
      seen.add(f);
      if (f instanceof NameScopeFrame && f.taken !== undefined) instanceOf.set(f.scope, f.taken);
      if (f instanceof VariableScopeFrame && f.entry === "defaultName") {
        const outer = outerScopeName(f);
        const wanted = outer ? `${outer}/${f.requested}` : f.requested;
        if (wanted !== f.name) instanceOf.set(f.name, wanted);
      }
    }
  }
  return instanceOf;
}

function outerScopeName(v: VariableScopeFrame): string {
  for (let f = v.parent; f; f = f.parent) if (f instanceof VariableScopeFrame) return f.name;
  return "";
}

function rawTree(names: readonly string[]): RawNode {
  const root: RawNode = { path: "", children: new Map(), items: [] };
  for (const name of names) {
    const parts = name.split("/");
    let node = root;
    for (const part of parts.slice(0, -1)) {
      let child = node.children.get(part);
      if (!child) {
        child = { path: node.path ? `${node.path}/${part}` : part, children: new Map(), items: [] };
        node.children.set(part, child);
      }
      node = child;
    }
    node.items.push(name);
  }
  return root;
}

/** Merges raw nodes standing for one scope into a node named after the first, recursively. */
function fold(root: RawNode, instanceOf: Map<string, string>, key: "ops" | "variables"): ScopeNode {
  const build = (name: string, group: RawNode[]): ScopeNode => {
    const byBase = new Map<string, RawNode[]>();
    for (const raw of group) {
      for (const [part, child] of raw.children) {
        const base = baseComponent(child.path, part, instanceOf);
        const list = byBase.get(base) ?? [];
        list.push(child);
        byBase.set(base, list);
      }
    }
    const children = [...byBase.entries()].map(([base, members]) => build(name ? `${name}/${base}` : base, members));
    return {
      name,
      children,
      [key]: group.flatMap((raw) => raw.items),
      instances: group.map((raw) => raw.path),
    };
  };
  return build("", [root]);
}

/** The last component of the scope `path` stands for: its own, or the taken one it was made unique from. */
function baseComponent(path: string, part: string, instanceOf: Map<string, string>): string {
  const taken = instanceOf.get(path);
  if (taken === undefined) return part;
  const parent = path.slice(0, path.length - part.length);
  return taken.startsWith(parent) && !taken.slice(parent.length).includes("/") ? taken.slice(parent.length) : part;
}
