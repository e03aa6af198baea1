import { describe, expect, it } from "vitest";
import { buildHierarchy, pathTo } from "./hierarchy";
import type { GraphModel, OpNode } from "./model";
import { visibleGraph } from "./visible";

const op = (name: string, type: string, inputs: string[] = [], shapes: string[] = ["[2]"]): OpNode => ({
  name,
  type,
  device: "",
  inputs,
  attrs: [],
  shapes,
});

// The towers of the README's sharing-audit example: tower/ and tower_1/ (a default-named scope used twice).
const model: GraphModel = {
  nodes: [
    op("x", "Placeholder"),
    op("tower/w", "VariableV2"),
    op("tower/w/read", "Identity", ["tower/w"]),
    op("tower/MatMul", "MatMul", ["x", "tower/w/read"]),
    op("tower_1/w", "VariableV2"),
    op("tower_1/w/read", "Identity", ["tower_1/w"]),
    op("tower_1/MatMul", "MatMul", ["x", "tower_1/w/read"]),
    op("init", "NoOp", ["^tower/w", "^tower_1/w"], []),
  ],
};

describe("buildHierarchy", () => {
  it("puts an op whose name is also a scope inside that scope's group, as TensorBoard does", () => {
    const h = buildHierarchy(model, false);
    expect([...h.root.groups.keys()]).toEqual(["tower", "tower_1"]);
    const w = h.root.groups.get("tower")!.groups.get("w")!;
    expect(w.ops.map((o) => o.name)).toEqual(["tower/w", "tower/w/read"]);
    expect(h.root.groups.get("tower")!.count).toBe(3);
    expect(h.root.ops.map((o) => o.name)).toEqual(["x", "init"]);
  });

  it("does not fold tower and tower_1 when each owns its variables (copies, not reuse)", () => {
    const h = buildHierarchy(model, true);
    expect([...h.root.groups.keys()]).toEqual(["tower", "tower_1"]);
  });

  it("folds tower and tower_1 into one group when tower_1 reuses tower's variables, with the toggle on", () => {
    // tower_1 = tower entered again with reuse: its MatMul reads tower/w, it owns no variable.
    const reused: GraphModel = {
      nodes: [
        op("x", "Placeholder"),
        op("tower/w", "VariableV2"),
        op("tower/w/read", "Identity", ["tower/w"]),
        op("tower/MatMul", "MatMul", ["x", "tower/w/read"]),
        op("tower_1/MatMul", "MatMul", ["x", "tower/w/read"]),
      ],
    };
    const h = buildHierarchy(reused, true);
    const fold = h.root.groups.get("tower*")!;
    expect(fold.label).toBe("tower (×2)");
    expect(fold.instances).toEqual(["tower", "tower_1"]);
    expect([...fold.groups.keys()]).toEqual(["tower", "tower_1"]);
    expect(fold.count).toBe(4);
    expect([...buildHierarchy(reused, false).root.groups.keys()]).toEqual(["tower", "tower_1"]);
  });

  it("folds by the re-entries the model carries (a live program's sharing audit) over name guesses", () => {
    const h = buildHierarchy({ ...model, reentries: [{ parent: "", base: "tower", instance: "tower_1" }] }, true);
    expect([...h.root.groups.keys()]).toEqual(["tower*"]);
  });
});

describe("visibleGraph", () => {
  it("draws collapsed groups as boxes, merging their edges and labelling single ones with the tensor's shape", () => {
    const h = buildHierarchy(model, false);
    const g = visibleGraph(h, new Set());
    expect(g.nodes.map((n) => `${n.kind}:${n.id}`)).toEqual([
      "group:group:tower",
      "group:group:tower_1",
      "op:op:x",
      "op:op:init",
    ]);
    expect(g.edges).toEqual([
      { from: "op:x", to: "group:tower", label: "[2]", control: false },
      { from: "op:x", to: "group:tower_1", label: "[2]", control: false },
      { from: "group:tower", to: "op:init", label: "", control: true },
      { from: "group:tower_1", to: "op:init", label: "", control: true },
    ]);
  });

  it("draws an expanded group as a cluster holding its ops and counts parallel edges", () => {
    const h = buildHierarchy(model, false);
    const g = visibleGraph(h, new Set(["tower"]));
    expect(g.nodes.filter((n) => n.parent === "group:tower").map((n) => n.id)).toEqual([
      "group:tower/w",
      "op:tower/MatMul",
    ]);
    expect(g.edges).toContainEqual({ from: "group:tower/w", to: "op:tower/MatMul", label: "[2]", control: false });
  });
});

describe("big graphs", () => {
  it("puts a flat GraphDef of 2,500 ops in groups of 100, so the top level lays out 25 boxes", () => {
    const nodes = Array.from({ length: 2500 }, (_, i) => op(`Add_${i}`, "Add", i ? [`Add_${i - 1}`] : []));
    const h = buildHierarchy({ nodes }, true);
    expect(h.root.ops).toEqual([]);
    expect([...h.root.groups.values()].map((g) => g.label).slice(0, 2)).toEqual(["items 1–100", "items 101–200"]);
    const g = visibleGraph(h, new Set());
    expect(g.nodes).toHaveLength(25);
    expect(g.edges).toHaveLength(24); // one chain edge between consecutive chunks
    const opened = visibleGraph(h, new Set(["#101-200"]));
    expect(opened.nodes.filter((n) => n.kind === "op")).toHaveLength(100);
  });

  it("chunks sub-groups too (2,000 top-level scopes), keeping each group's id its path", () => {
    const nodes = Array.from({ length: 2000 }, (_, i) => [op(`Add_${i}`, "Add"), op(`Add_${i}/y`, "Const")]).flat();
    const h = buildHierarchy({ nodes }, false);
    expect(h.root.groups.size).toBe(20);
    const inner = h.groupOf.get("Add_150/y")!;
    expect(inner.id).toBe("#101-200/Add_150");
    expect(pathTo(inner).map((g) => g.id)).toEqual(["#101-200", "#101-200/Add_150"]);
    expect(visibleGraph(h, new Set()).nodes).toHaveLength(20);
  });
});
