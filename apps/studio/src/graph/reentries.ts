// Which sibling scopes are one variable scope entered again (`siamese` and `siamese_1`, the second with reuse), so the
// graph view can fold them. Names alone cannot tell: `dense` and `dense_1` are two layers with their own variables.
import type { GraphModel } from "./model";

/** Scope `parent/instance` is `parent/base` entered again (`instance` is `base_N`). `parent` is "" at the top. */
export interface Reentry {
  parent: string;
  base: string;
  instance: string;
}

/** What tf.tools.sharingAudit says of a variable: the name scope that made it and those that reused it. */
export interface SharingPlaces {
  createdAt: { nameScope: string };
  reusedAt: { nameScope: string }[];
}

const INSTANCE = /^(.+)_(\d+)$/;

/** `a/b` made, `a/b_1/c` reusing: the first segment where they part must be `b` → `b_1`. */
function reentryOf(made: string, reused: string): Reentry | undefined {
  const a = made.split("/");
  const b = reused.split("/");
  const i = a.findIndex((segment, k) => segment !== b[k]);
  if (i < 0 || i >= b.length || INSTANCE.exec(b[i])?.[1] !== a[i]) return undefined;
  return { parent: a.slice(0, i).join("/"), base: a[i], instance: b[i] };
}

function unique(list: Reentry[]): Reentry[] {
  const seen = new Map(list.map((r) => [`${r.parent}\u0000${r.instance}`, r]));
  return [...seen.values()];
}

/** From a live graph's sharing audit: name scopes where a getVariable reused a variable made in a sibling scope. */
export function reentriesOfAudit(rows: readonly SharingPlaces[]): Reentry[] {
  const found: Reentry[] = [];
  for (const row of rows) {
    for (const at of row.reusedAt) {
      const r = reentryOf(row.createdAt.nameScope, at.nameScope);
      if (r) found.push(r);
    }
  }
  return unique(found);
}

const VARIABLE_OPS = new Set(["VariableV2", "Variable", "VarHandleOp"]);

/**
 * From a GraphDef alone (an opened file has no name record): `p_N` is `p` entered again when its ops read variables
 * under `p/` and it holds no variable of its own.
 */
export function reentriesOfGraph(model: GraphModel): Reentry[] {
  const variables = model.nodes.filter((n) => VARIABLE_OPS.has(n.type)).map((n) => n.name);
  const ownsVariable = (scope: string) => variables.some((v) => v.startsWith(`${scope}/`));
  const found: Reentry[] = [];
  for (const node of model.nodes) {
    for (const input of node.inputs) {
      const source = input.replace(/^\^/, "").replace(/:\d+$/, "");
      const variable = variables.find((v) => source === v || source.startsWith(`${v}/`));
      if (!variable) continue;
      const r = reentryOf(variable.slice(0, variable.lastIndexOf("/")), node.name);
      if (r && !ownsVariable(r.parent ? `${r.parent}/${r.instance}` : r.instance)) found.push(r);
    }
  }
  return unique(found);
}
