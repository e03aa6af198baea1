import { describe, expect, it } from "vitest";
import { topLevelGraph } from "./graph-svg";
import { buildScopeTree, countOps, renderScopeTree } from "./scope-tree";

const nodes = [
  { name: "scope_vars/a", op: "VariableV2" },
  { name: "scope_vars/a/read", op: "Identity", input: ["scope_vars/a"] },
  { name: "b", op: "VariableV2" },
  { name: "scope_name/res/res", op: "Add", input: ["scope_vars/a/read", "b:0", "^init"] },
  { name: "init", op: "NoOp" },
];

describe("scope explorer", () => {
  it("groups ops by name scope as TensorBoard does", () => {
    const tree = buildScopeTree(nodes);
    expect([...tree.scopes.keys()]).toEqual(["scope_vars", "scope_name"]);
    expect(countOps(tree.scopes.get("scope_vars")!)).toBe(2);
    expect(tree.ops.map((o) => o.name)).toEqual(["b", "init"]);
    expect(renderScopeTree(tree)).toBe(
      [
        "scope_name/  (1 ops)",
        "  res/  (1 ops)",
        "    res  [Add]",
        "scope_vars/  (2 ops)",
        "  a/  (1 ops)",
        "    read  [Identity]",
        "  a  [VariableV2]",
        "b  [VariableV2]",
        "init  [NoOp]",
      ].join("\n"),
    );
  });

  it("draws one box per top-level scope with edges across scopes, control inputs included", () => {
    const { boxes, edges } = topLevelGraph(nodes);
    expect(boxes.map((b) => `${b.kind}:${b.label}`)).toEqual([
      "scope:scope_vars/",
      "scope:scope_name/",
      "op:b",
      "op:init",
    ]);
    expect(edges).toEqual([
      ["scope_vars", "scope_name"],
      ["b", "scope_name"],
      ["init", "scope_name"],
    ]);
  });
});
