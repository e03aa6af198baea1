// The self-contained page of `scopeflow graph --html`: a graph view per name scope (TensorBoard's collapsed
// groups, a click on a scope opens its view, CSS :target only, no script), the name-scope tree and the variables.
import type { tools } from "@scopeflow/core";
import type { NodeDef } from "@scopeflow/core/graphdef";
import * as tf from "../files";
import { ARROW_DEFS, escapeXml, renderViewSvg, type ViewEdge, type ViewNode } from "./graph-layout";
import type { LoadedGraph } from "./load-graph";
import { metaGraphOf } from "./load-graph";
import { buildScopeTree, byName, countOps, opsText, type ScopeNode } from "./scope-tree";

/** Views with more items than this are listed, not drawn (a browser would crawl). */
const MAX_DRAWN = 400;

const opNameOf = (input: string) => input.replace(/^\^/, "").replace(/:\d+$/, "");

/** The items of one scope's view (its child scopes collapsed, its ops) and the edges between them. */
function viewOf(scope: ScopeNode, nodes: readonly NodeDef[], ids: Map<string, string>) {
  const prefix = scope.path ? `${scope.path}/` : "";
  const childOf = (name: string) => (name.startsWith(prefix) ? name.slice(prefix.length).split("/")[0] : undefined);
  const items = new Map<string, ViewNode>();
  for (const child of [...scope.scopes.values()].sort(byName)) {
    const id = ids.get(child.path);
    items.set(child.name, {
      id: child.name,
      label: `${child.name}/`,
      detail: opsText(countOps(child)),
      kind: "scope",
      href: id ? `#${id}` : undefined,
    });
  }
  for (const op of scope.ops) {
    const leaf = op.name.slice(prefix.length);
    if (!items.has(leaf)) items.set(leaf, { id: leaf, label: leaf, detail: op.op, kind: "op" });
  }
  const edges = new Map<string, ViewEdge>();
  for (const node of nodes) {
    const to = childOf(node.name);
    if (to === undefined) continue;
    for (const input of node.input ?? []) {
      const from = childOf(opNameOf(input));
      if (from === undefined || from === to) continue;
      const key = `${from}\u0000${to}`;
      const control = input.startsWith("^");
      const seen = edges.get(key);
      edges.set(key, { from, to, control: seen ? seen.control && control : control });
    }
  }
  return { items: [...items.values()], edges: [...edges.values()] };
}

function treeHtml(scope: ScopeNode, ids: Map<string, string>): string {
  const parts: string[] = [];
  for (const child of [...scope.scopes.values()].sort(byName)) {
    const id = ids.get(child.path);
    const link = id ? ` <a href="#${id}" title="graph view">view</a>` : "";
    parts.push(
      `<li><details><summary><b>${escapeXml(child.name)}/</b> <span class="n">${opsText(countOps(child))}</span>${link}</summary><ul>${treeHtml(child, ids)}</ul></details></li>`,
    );
  }
  for (const op of scope.ops) {
    const inputs = (op.input ?? []).map((i) => escapeXml(i)).join(", ");
    parts.push(
      `<li><code>${escapeXml(op.name.split("/").at(-1) as string)}</code> <span class="t">${escapeXml(op.op)}</span>${op.device ? ` <span class="n">${escapeXml(op.device)}</span>` : ""}${inputs ? ` <span class="n">&larr; ${inputs}</span>` : ""}</li>`,
    );
  }
  return parts.join("");
}

function variablesHtml(loaded: LoadedGraph): string {
  const variables = tf.tools.variablesOf(metaGraphOf(loaded));
  if (variables.length === 0) return "<p>No variables.</p>";
  const root = buildScopeTree(variables.map((v) => ({ name: v.opName, op: "" })));
  const byOp = new Map(variables.map((v) => [v.opName, v]));
  const walk = (scope: ScopeNode): string =>
    [
      ...[...scope.scopes.values()]
        .sort(byName)
        .map(
          (child) =>
            `<li><details open><summary><b>${escapeXml(child.name)}/</b> <span class="n">${countOps(child)}</span></summary><ul>${walk(child)}</ul></details></li>`,
        ),
      ...scope.ops.map((node) => {
        const v = byOp.get(node.name) as tools.VariableRecord;
        const shape = v.shape === null ? "&lt;unknown&gt;" : `[${v.shape.map((d) => d ?? "?").join(",")}]`;
        return `<li><code>${escapeXml(node.name.split("/").at(-1) as string)}</code> ${shape} ${escapeXml(v.dtype)}${v.trainable ? " <b>trainable</b>" : ""} <span class="n">${escapeXml(v.collections.join(", "))}</span></li>`;
      }),
    ].join("");
  return `<ul class="tree">${walk(root)}</ul>`;
}

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#222}header{padding:12px 20px;background:#f4f4f6;border-bottom:1px solid #ddd}
h1{font-size:18px;margin:0 0 4px}h2{font-size:15px;margin:16px 0 8px}main{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:20px;padding:0 20px 20px}
.view{display:none;overflow:auto;border:1px solid #ddd;border-radius:6px;padding:8px}.view:target{display:block}.root-view{display:block}.view:target~.root-view{display:none}
.view h3{font-size:14px;margin:0 0 6px}.scope{fill:#fdd9a5;stroke:#c88}.op{fill:#dde8fb;stroke:#89a}.edge{fill:none;stroke:#888}
.label{font-size:12px;text-anchor:middle}.detail{font-size:10px;fill:#555;text-anchor:middle}a .node:hover rect{stroke:#a44;stroke-width:2}
.side{position:sticky;top:0;max-height:100vh;overflow:auto}ul.tree,ul.tree ul{list-style:none;padding-left:16px;margin:0}ul.tree{padding-left:0}.n{color:#777;font-size:12px}.t{color:#2a5db0}code{font-size:13px}`;

/** The page for a loaded graph file. */
export function graphHtml(loaded: LoadedGraph): string {
  const nodes = loaded.graphDef.node ?? [];
  const root = buildScopeTree(nodes);
  const scopes: ScopeNode[] = [];
  const collect = (scope: ScopeNode) => {
    for (const child of [...scope.scopes.values()].sort(byName)) {
      scopes.push(child);
      collect(child);
    }
  };
  collect(root);
  const ids = new Map(scopes.map((s, i) => [s.path, `scope-${i}`]));
  const section = (scope: ScopeNode, id: string, extraClass = "") => {
    const { items, edges } = viewOf(scope, nodes, ids);
    const up = scope.path.includes("/") ? ids.get(scope.path.slice(0, scope.path.lastIndexOf("/"))) : undefined;
    const back = scope.path ? ` <a href="#${up ?? "top"}">up</a>` : "";
    const title = scope.path ? `${scope.path}/` : "top level";
    const body =
      items.length > MAX_DRAWN
        ? `<p>${items.length} items: too many to draw; see the name-scope tree.</p>`
        : renderViewSvg(items, edges, title);
    return `<section class="view${extraClass}" id="${id}"><h3>${escapeXml(title)} <span class="n">${items.length} items, ${edges.length} edges</span>${back}</h3>${body}</section>`;
  };
  const views = scopes.map((s) => section(s, ids.get(s.path) as string));
  const types = new Map<string, number>();
  for (const n of nodes) types.set(n.op, (types.get(n.op) ?? 0) + 1);
  const typeList = [...types]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([t, n]) => `${escapeXml(t)} ${n}`)
    .join(", ");
  const title = `${loaded.path} (${loaded.kind})`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title><style>${STYLE}</style></head>
<body>${ARROW_DEFS}<header id="top"><h1>${escapeXml(title)}</h1><div>${opsText(nodes.length)}, ${scopes.length} name scopes. Op types: ${typeList}</div></header>
<main><div><h2>Graph</h2><p class="n">Name scopes are collapsed as TensorBoard draws them; click a scope to open it. Dashed: control inputs only.</p>
${views.join("\n")}
${section(root, "view-top", " root-view")}
</div><div class="side"><h2>Name scopes</h2><ul class="tree">${treeHtml(root, ids)}</ul><h2>Variables</h2>${variablesHtml(loaded)}</div></main>
<footer class="n" style="padding:0 20px 20px">Written by scopeflow graph.</footer></body></html>
`;
}
