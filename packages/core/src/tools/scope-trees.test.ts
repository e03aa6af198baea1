// tf.tools.scopeTrees: name scopes of ops and scopes of variables, re-entered instances folded under one node.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

/** A node without its children, for compact comparisons. */
const flat = (node: tf.tools.ScopeNode) => {
  const { children: _, ...rest } = node;
  return rest;
};
const child = (node: tf.tools.ScopeNode, name: string) =>
  node.children.find((c) => c.name === name) as tf.tools.ScopeNode;

describe("tf.tools.scopeTrees", () => {
  it("x and x_1 (a variable scope entered twice) fold into one node listing both instances", () =>
    inGraph(() => {
      const block = (reuse: boolean) =>
        tf.variableScope("x", { reuse }, () =>
          tf.getVariable("w", [2]).mul(tf.constant(2, { name: "c", dtype: tf.float32 }), "y"),
        );
      block(false);
      block(true);
      const { nameScopes, variableScopes } = tf.tools.scopeTrees();
      expect(nameScopes.name).toBe("");
      expect(nameScopes.children.map((c) => c.name)).toEqual(["x"]);
      const x = child(nameScopes, "x");
      expect(flat(x)).toEqual({ name: "x", ops: ["x/w", "x/c", "x/y", "x_1/c", "x_1/y"], instances: ["x", "x_1"] });
      expect(x.children.map((c) => c.name)).toEqual(["x/w"]);
      expect(flat(child(x, "x/w"))).toEqual({ name: "x/w", ops: ["x/w/Assign", "x/w/read"], instances: ["x/w"] });
      expect(variableScopes).toEqual({
        name: "",
        children: [{ name: "x", children: [], variables: ["x/w"], instances: ["x"] }],
        variables: [],
        instances: [""],
      });
    }));

  it("nested re-entries fold level by level; a scope named x_1 by hand stays apart", () =>
    inGraph(() => {
      for (let i = 0; i < 3; i++)
        tf.nameScope("outer", () => tf.nameScope("inner", () => tf.constant(i, { name: "k" })));
      tf.nameScope("y", () => tf.constant(0, { name: "k" }));
      tf.nameScope("y_1", () => tf.constant(0, { name: "k" })); // "y_1" asked for: not a re-entry of y
      const { nameScopes } = tf.tools.scopeTrees();
      expect(nameScopes.children.map((c) => flat(c))).toEqual([
        { name: "outer", ops: [], instances: ["outer", "outer_1", "outer_2"] },
        { name: "y", ops: ["y/k"], instances: ["y"] },
        { name: "y_1", ops: ["y_1/k"], instances: ["y_1"] },
      ]);
      expect(flat(child(child(nameScopes, "outer"), "outer/inner"))).toEqual({
        name: "outer/inner",
        ops: ["outer/inner/k", "outer_1/inner/k", "outer_2/inner/k"],
        instances: ["outer/inner", "outer_1/inner", "outer_2/inner"],
      });
    }));

  it("variables by scope: default-named variable scopes (dense, dense_1) fold; tf.Variable copies in t, t_1 fold", () =>
    inGraph(() => {
      const dense = () => tf.variableScope(null, { defaultName: "dense" }, () => tf.getVariable("kernel", [2, 2]));
      dense();
      dense();
      tf.nameScope("t", () => new tf.Variable(1, { name: "b" }));
      tf.nameScope("t", () => new tf.Variable(1, { name: "b" }));
      const { variableScopes } = tf.tools.scopeTrees();
      expect(variableScopes.children.map((c) => flat(c))).toEqual([
        { name: "dense", variables: ["dense/kernel", "dense_1/kernel"], instances: ["dense", "dense_1"] },
        { name: "t", variables: ["t/b", "t_1/b"], instances: ["t", "t_1"] },
      ]);
    }));

  it("the two trees differ where getVariable ignores a name scope", () =>
    inGraph(() => {
      tf.nameScope("scope_name", () => {
        new tf.Variable(1, { name: "a" });
        tf.getVariable("b", { initializer: 2 });
      });
      const { nameScopes, variableScopes } = tf.tools.scopeTrees();
      expect(flat(variableScopes)).toEqual({ name: "", variables: ["b"], instances: [""] });
      expect(variableScopes.children.map((c) => flat(c))).toEqual([
        { name: "scope_name", variables: ["scope_name/a"], instances: ["scope_name"] },
      ]);
      expect(nameScopes.ops).toEqual(["b"]);
    }));

  it("an imported graph: no record of re-entries, so nothing folds; names keep their import prefix", () =>
    inGraph(() => {
      const source = new tf.Graph();
      source.asDefault(() => {
        tf.nameScope("x", () => tf.constant(1));
        tf.nameScope("x", () => tf.constant(1));
      });
      tf.importGraphDef(source.asGraphDef());
      const imported = child(tf.tools.scopeTrees().nameScopes, "import");
      expect(imported.children.map((c) => flat(c))).toEqual([
        { name: "import/x", ops: ["import/x/Const"], instances: ["import/x"] },
        { name: "import/x_1", ops: ["import/x_1/Const"], instances: ["import/x_1"] },
      ]);
    }));
});
