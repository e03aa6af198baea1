// The interactive graph view: scopes as groups (click or Enter to expand/collapse), an op's details on click,
// shapes on edges, search, reuse folding, pan (drag) and zoom (wheel). Groups start collapsed; only the visible
// part is laid out.
import { clear, h, svg } from "../dom";
import { allGroups, buildHierarchy, type Group, type Hierarchy, pathTo } from "./hierarchy";
import { type Layout, layoutGraph, type PlacedNode } from "./layout";
import { type GraphModel, type OpNode, parseInput } from "./model";
import { opId, visibleGraph } from "./visible";

export class GraphView {
  readonly element: HTMLElement;
  private readonly canvas: HTMLElement;
  private readonly details: HTMLElement;
  private readonly status: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly foldToggle: HTMLInputElement;
  private model: GraphModel = { nodes: [] };
  private hierarchy: Hierarchy = buildHierarchy(this.model, true);
  private expanded = new Set<string>();
  private selected: string | null = null;
  private view = { x: 0, y: 0, scale: 1 };
  private layout: Layout | null = null;

  constructor(private readonly title: string) {
    this.search = h("input", { type: "search", placeholder: "op name", "aria-label": `Search ops in the ${title}` });
    this.search.addEventListener("keydown", (e) => {
      if (e.key === "Enter") this.find(this.search.value);
    });
    this.foldToggle = h("input", {
      type: "checkbox",
      checked: true,
      "aria-label": `Fold re-entered scopes in the ${title}`,
    });
    this.foldToggle.addEventListener("change", () => this.setModel(this.model));
    this.status = h("span", { class: "muted", role: "status" });
    this.canvas = h("div", { class: "graph-canvas", tabindex: 0, "aria-label": `${title} canvas` });
    this.details = h("aside", { class: "op-details", "aria-label": "Op details" }, "Click an op for its details.");
    const toolbar = h(
      "div",
      { class: "toolbar" },
      h("label", {}, "Search ", this.search),
      h("button", { type: "button", onclick: () => this.find(this.search.value) }, "Find"),
      h("label", {}, this.foldToggle, " fold re-entered variable scopes"),
      h("button", { type: "button", onclick: () => this.expandAll(false) }, "Collapse all"),
      h("button", { type: "button", onclick: () => this.zoom(1.25) }, "Zoom in"),
      h("button", { type: "button", onclick: () => this.zoom(0.8) }, "Zoom out"),
      h("button", { type: "button", onclick: () => this.fit() }, "Fit"),
      this.status,
    );
    this.element = h(
      "section",
      { class: "graph-view", "aria-label": title },
      toolbar,
      h("div", { class: "graph-body" }, this.canvas, this.details),
    );
    this.enablePanZoom();
  }

  /** Shows a graph; `fitToWidth` for a new one (an opened file), not for a re-run of the same program. */
  setModel(model: GraphModel, fitToWidth = false): void {
    this.model = model;
    this.hierarchy = buildHierarchy(model, this.foldToggle.checked);
    // Keep what was expanded when the same scopes still exist (a re-run after an edit).
    const ids = new Set<string>();
    for (const g of groupsOf(this.hierarchy.root)) ids.add(g.id);
    this.expanded = new Set([...this.expanded].filter((id) => ids.has(id)));
    if (this.selected && !this.hierarchy.ops.has(this.selected.slice("op:".length))) {
      this.selected = null;
      clear(this.details);
      this.details.append("Click an op for its details.");
    }
    this.render();
    if (fitToWidth) this.fit();
  }

  toggle(group: Group): void {
    if (this.expanded.has(group.id)) this.expanded.delete(group.id);
    else this.expanded.add(group.id);
    this.render(`group:${group.id}`);
  }

  expandAll(on: boolean): void {
    this.expanded = on ? new Set([...groupsOf(this.hierarchy.root)].map((g) => g.id)) : new Set();
    this.render();
  }

  /** Expands the groups holding the first op whose name contains `query`, and selects it. */
  find(query: string): boolean {
    const q = query.trim();
    if (!q) return false;
    const hit = this.model.nodes.find((n) => n.name === q) ?? this.model.nodes.find((n) => n.name.includes(q));
    if (!hit) {
      this.status.textContent = `no op matches "${q}"`;
      return false;
    }
    for (const g of pathTo(this.hierarchy.groupOf.get(hit.name)!)) this.expanded.add(g.id);
    this.select(hit);
    this.render(opId(hit.name));
    return true;
  }

  private select(op: OpNode): void {
    this.selected = opId(op.name);
    clear(this.details);
    const row = (k: string, v: string) => h("tr", {}, h("th", { scope: "row" }, k), h("td", {}, v));
    this.details.append(
      h("h3", {}, op.name),
      h(
        "table",
        {},
        h(
          "tbody",
          {},
          row("type", op.type),
          row("device", op.device || "(none)"),
          row("outputs", op.shapes.length ? op.shapes.map((s, i) => `${i}: ${s}`).join("  ") : "(shapes not recorded)"),
          h("tr", {}, h("th", { scope: "row" }, "inputs"), h("td", {}, ...this.inputLinks(op))),
          ...op.attrs.map(([k, v]) => row(k, v)),
        ),
      ),
    );
  }

  /** Each input as a button that goes to the op producing it (TensorBoard's "inputs" list). */
  private inputLinks(op: OpNode): (HTMLElement | string)[] {
    if (!op.inputs.length) return ["(none)"];
    return op.inputs.map((input) =>
      h(
        "button",
        {
          type: "button",
          class: "name input-link",
          "aria-label": `Go to input ${input}`,
          onclick: () => this.find(parseInput(input).op),
        },
        input,
      ),
    );
  }

  private render(focus?: string): void {
    const started = performance.now();
    const visible = visibleGraph(this.hierarchy, this.expanded);
    this.layout = layoutGraph(visible);
    clear(this.canvas);
    const root = svg("svg", { class: "graph-svg", role: "group", "aria-label": `${this.title} drawing` });
    const scene = svg("g", { class: "scene" });
    root.append(scene);
    const defs = svg(
      "defs",
      {},
      svg(
        "marker",
        {
          id: "arrow",
          viewBox: "0 0 10 10",
          refX: 9,
          refY: 5,
          markerWidth: 6,
          markerHeight: 6,
          orient: "auto-start-reverse",
        },
        svg("path", { d: "M0,0L10,5L0,10z", fill: "#667" }),
      ),
    );
    root.prepend(defs);
    const byId = new Map<string, PlacedNode>();
    for (const node of this.layout.nodes) byId.set(node.id, node);
    // Clusters first (drawn under), outermost first.
    for (const node of this.layout.nodes.filter((n) => n.kind === "cluster")) scene.append(this.drawNode(node));
    for (const edge of this.layout.edges) {
      const d = edge.points.map((p, i) => `${i ? "L" : "M"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join("");
      scene.append(svg("path", { d, class: edge.control ? "edge control" : "edge", "marker-end": "url(#arrow)" }));
      if (edge.label && edge.points.length) {
        const mid = edge.points[Math.floor(edge.points.length / 2)];
        scene.append(svg("text", { x: mid.x + 4, y: mid.y, class: "edge-label" }, edge.label));
      }
    }
    for (const node of this.layout.nodes.filter((n) => n.kind !== "cluster")) scene.append(this.drawNode(node));
    this.canvas.append(root);
    this.applyView();
    const ops = this.model.nodes.length;
    this.status.textContent = `${ops} ops, ${this.layout.nodes.length} boxes drawn, laid out in ${Math.round(performance.now() - started)} ms`;
    if (focus) {
      const el = this.canvas.querySelector<SVGGElement>(`[data-id="${CSS.escape(focus)}"]`);
      el?.focus();
    }
  }

  private drawNode(node: PlacedNode): SVGGElement {
    const x = node.x - node.width / 2;
    const y = node.y - node.height / 2;
    const group = node.kind === "op" ? null : this.groupById(node.id.slice("group:".length));
    const label =
      node.kind === "op"
        ? `op ${node.label}, ${node.detail}`
        : `scope ${node.label}, ${node.detail}, ${node.kind === "cluster" ? "expanded" : "collapsed"}`;
    const el = svg("g", {
      class: `node ${node.kind}${this.selected === node.id ? " selected" : ""}`,
      tabindex: 0,
      role: "button",
      "aria-label": label,
      "data-id": node.id,
    });
    el.append(svg("rect", { x, y, width: node.width, height: node.height, rx: node.kind === "op" ? 12 : 4 }));
    if (node.kind === "cluster") {
      el.append(svg("text", { x: x + 6, y: y + 13, class: "cluster-label" }, `− ${node.label}`));
    } else {
      el.append(
        svg(
          "text",
          { x: node.x, y: node.y - 2, "text-anchor": "middle", class: "node-label" },
          node.kind === "group" ? `+ ${node.label}` : node.label,
        ),
      );
      el.append(svg("text", { x: node.x, y: node.y + 11, "text-anchor": "middle", class: "node-detail" }, node.detail));
    }
    const activate = () => {
      if (group) this.toggle(group);
      else {
        const op = this.hierarchy.ops.get(node.id.slice("op:".length));
        if (op) {
          this.select(op);
          for (const s of this.canvas.querySelectorAll(".node.selected")) s.classList.remove("selected");
          el.classList.add("selected");
        }
      }
    };
    el.addEventListener("click", (e) => {
      e.stopPropagation();
      activate();
    });
    el.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        activate();
      }
    });
    return el;
  }

  private groupById(id: string): Group | undefined {
    for (const g of groupsOf(this.hierarchy.root)) if (g.id === id) return g;
    return undefined;
  }

  /** Scales the drawing to the canvas's width (never above 1:1). */
  fit(): void {
    if (!this.layout || !this.canvas.clientWidth) return;
    this.view.scale = Math.max(0.05, Math.min(1, (this.canvas.clientWidth - 8) / Math.max(1, this.layout.width)));
    this.applyView();
  }

  private zoom(factor: number): void {
    this.view.scale = Math.min(4, Math.max(0.05, this.view.scale * factor));
    this.applyView();
  }

  private applyView(): void {
    const scene = this.canvas.querySelector("g.scene");
    const svgEl = this.canvas.querySelector("svg");
    if (!scene || !svgEl || !this.layout) return;
    svgEl.setAttribute("width", String(Math.max(this.layout.width * this.view.scale, 200)));
    svgEl.setAttribute("height", String(Math.max(this.layout.height * this.view.scale, 120)));
    scene.setAttribute("transform", `translate(${this.view.x},${this.view.y}) scale(${this.view.scale})`);
  }

  private enablePanZoom(): void {
    this.canvas.addEventListener(
      "wheel",
      (e) => {
        if (!e.ctrlKey) return;
        e.preventDefault();
        this.zoom(e.deltaY < 0 ? 1.1 : 0.9);
      },
      { passive: false },
    );
  }
}

/** Every group below the root. */
function groupsOf(root: Group): Group[] {
  return [...allGroups(root)].slice(1);
}
