// A small layered layout (Sugiyama style: cycles broken by DFS back edges, longest-path ranks, barycenter ordering)
// drawn as SVG, for the collapsed scope views of `scopeflow graph --html`; inputs at the top, consumers below.

export interface ViewNode {
  id: string;
  label: string;
  detail: string;
  kind: "scope" | "op";
  /** Where a click on the node goes (a scope's own view). */
  href?: string;
}

export interface ViewEdge {
  from: string;
  to: string;
  /** Only control inputs (`^x`) between the two: drawn dashed. */
  control: boolean;
}

const NODE_HEIGHT = 40;
const H_GAP = 18;
const V_GAP = 56;
const MARGIN = 16;

export const escapeXml = (text: string): string =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );

/** Ranks by longest path from the sources, after ignoring the back edges a DFS finds (so cycles still lay out). */
function ranks(nodes: readonly ViewNode[], edges: readonly ViewEdge[]): Map<string, number> {
  const out = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) out.get(e.from)?.push(e.to);
  const state = new Map<string, 1 | 2>();
  const forward: [string, string][] = [];
  for (const root of nodes) {
    if (state.has(root.id)) continue;
    const stack: [string, number][] = [[root.id, 0]];
    state.set(root.id, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const next = out.get(top[0])?.[top[1]++];
      if (next === undefined) {
        state.set(top[0], 2);
        stack.pop();
      } else if (!state.has(next)) {
        forward.push([top[0], next]);
        state.set(next, 1);
        stack.push([next, 0]);
      } else if (state.get(next) === 2) forward.push([top[0], next]);
    }
  }
  const indegree = new Map(nodes.map((n) => [n.id, 0]));
  for (const [, to] of forward) indegree.set(to, (indegree.get(to) ?? 0) + 1);
  const rank = new Map(nodes.map((n) => [n.id, 0]));
  const queue = nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const succ = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const [from, to] of forward) succ.get(from)?.push(to);
  while (queue.length) {
    const id = queue.shift() as string;
    for (const to of succ.get(id) ?? []) {
      rank.set(to, Math.max(rank.get(to) ?? 0, (rank.get(id) ?? 0) + 1));
      indegree.set(to, (indegree.get(to) ?? 0) - 1);
      if (indegree.get(to) === 0) queue.push(to);
    }
  }
  return rank;
}

/** The arrowhead every view's edges use (`url(#arrow)`): defined once per page, in a zero-size SVG. */
export const ARROW_DEFS =
  '<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0L10,5L0,10z" fill="#888"/></marker></defs></svg>';

/** The nodes and edges as an SVG: scopes as rounded boxes (links to their views), ops as ellipses. */
export function renderViewSvg(nodes: readonly ViewNode[], edges: readonly ViewEdge[], title: string): string {
  const rank = ranks(nodes, edges);
  const layers: ViewNode[][] = [];
  for (const n of nodes) (layers[rank.get(n.id) ?? 0] ??= []).push(n);
  const position = new Map<string, number>();
  const setPositions = () => {
    for (const layer of layers) layer.forEach((n, i) => position.set(n.id, i));
  };
  setPositions();
  const preds = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  const succs = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    preds.get(e.to)?.push(e.from);
    succs.get(e.from)?.push(e.to);
  }
  const barycenter = (id: string, neighbours: Map<string, string[]>) => {
    const ps = (neighbours.get(id) ?? []).map((p) => position.get(p) as number);
    return ps.length ? ps.reduce((a, b) => a + b, 0) / ps.length : (position.get(id) as number);
  };
  for (let sweep = 0; sweep < 4; sweep++) {
    const down = sweep % 2 === 0;
    const order = down ? layers.slice(1) : layers.slice(0, -1).reverse();
    for (const layer of order) {
      const keys = new Map(layer.map((n) => [n.id, barycenter(n.id, down ? preds : succs)]));
      layer.sort((a, b) => (keys.get(a.id) as number) - (keys.get(b.id) as number));
      setPositions();
    }
  }
  const widthOf = (n: ViewNode) => Math.max(80, 7 * Math.max(n.label.length, n.detail.length) + 24);
  const layerWidth = (layer: ViewNode[]) => layer.reduce((s, n) => s + widthOf(n), 0) + H_GAP * (layer.length - 1);
  const width = Math.max(160, ...layers.map(layerWidth)) + 2 * MARGIN;
  const height = layers.length * (NODE_HEIGHT + V_GAP) - V_GAP + 2 * MARGIN;
  const center = new Map<string, { x: number; y: number; w: number }>();
  layers.forEach((layer, r) => {
    let x = (width - layerWidth(layer)) / 2;
    for (const n of layer) {
      const w = widthOf(n);
      center.set(n.id, { x: x + w / 2, y: MARGIN + r * (NODE_HEIGHT + V_GAP) + NODE_HEIGHT / 2, w });
      x += w + H_GAP;
    }
  });
  const parts: string[] = [];
  for (const e of edges) {
    const a = center.get(e.from);
    const b = center.get(e.to);
    if (!a || !b) continue;
    const [x1, y1, x2, y2] = [a.x, a.y + NODE_HEIGHT / 2, b.x, b.y - NODE_HEIGHT / 2];
    const bend = Math.max(24, Math.abs(y2 - y1) / 2);
    const dash = e.control ? ' stroke-dasharray="4 3"' : "";
    parts.push(
      `<path class="edge" d="M${x1.toFixed(1)},${y1.toFixed(1)} C${x1.toFixed(1)},${(y1 + bend).toFixed(1)} ${x2.toFixed(1)},${(y2 - bend).toFixed(1)} ${x2.toFixed(1)},${y2.toFixed(1)}"${dash} marker-end="url(#arrow)"><title>${escapeXml(`${e.from} → ${e.to}${e.control ? " (control)" : ""}`)}</title></path>`,
    );
  }
  for (const n of nodes) {
    const c = center.get(n.id) as { x: number; y: number; w: number };
    const shape =
      n.kind === "scope"
        ? `<rect x="${(c.x - c.w / 2).toFixed(1)}" y="${(c.y - NODE_HEIGHT / 2).toFixed(1)}" width="${c.w}" height="${NODE_HEIGHT}" rx="8" class="scope"/>`
        : `<ellipse cx="${c.x.toFixed(1)}" cy="${c.y.toFixed(1)}" rx="${c.w / 2}" ry="${NODE_HEIGHT / 2}" class="op"/>`;
    const text =
      `<text x="${c.x.toFixed(1)}" y="${(c.y - 3).toFixed(1)}" class="label">${escapeXml(n.label)}</text>` +
      `<text x="${c.x.toFixed(1)}" y="${(c.y + 12).toFixed(1)}" class="detail">${escapeXml(n.detail)}</text>`;
    const body = `<g class="node" data-name="${escapeXml(n.id)}"><title>${escapeXml(n.id)}</title>${shape}${text}</g>`;
    parts.push(n.href ? `<a href="${escapeXml(n.href)}">${body}</a>` : body);
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    ...parts,
    "</svg>",
  ].join("\n");
}
