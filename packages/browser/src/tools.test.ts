// tf.tools as each runtime's users load it (@scopeflow/node under node, @scopeflow/browser under chromium): the
// seed's b:0 explained, folded scope trees, a sharing audit, strict lint warnings, slot ownership, and call sites.
import * as tf from "@scopeflow/test-kit/platform";
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  tf.tools.setStrict(false);
  tf.tools.captureCallSites(false);
  vi.restoreAllMocks();
});

describe("tf.tools in each runtime", () => {
  it("explainName: why b:0 escapes scope_name/ and why scope_name/res/res:0 doubles", () =>
    new tf.Graph().asDefault(() => {
      const [b, d] = tf.nameScope("scope_name", () => {
        const a = new tf.Variable(1, { name: "a" });
        const b = tf.getVariable("b", { initializer: 2 });
        const c = tf.constant(3, { name: "c" });
        return [b, tf.nameScope("res", () => tf.add(a.mul(b), c, "res"))] as const;
      });
      expect(tf.tools.explainName(b).text.split("\n")).toEqual([
        "b:0 (the variable b, made by tf.getVariable) is named by 1 rule:",
        '1. tf.getVariable("b") made the variable b: getVariable names variables after the variable scope (the root, which adds no prefix), not the name scope, so the enclosing name scope "scope_name/" does not prefix it.',
      ]);
      expect(tf.tools.explainName(d).steps.map((s) => s.kind)).toEqual(["nameScope", "nameScope", "opName"]);
    }));

  it("scopeTrees folds x and x_1; sharingAudit lists the reuse", () =>
    new tf.Graph().asDefault(() => {
      tf.variableScope("x", () => tf.getVariable("w", [1]));
      tf.variableScope("x", { reuse: true }, () => tf.getVariable("w", [1]).add(1));
      const x = tf.tools.scopeTrees().nameScopes.children[0];
      expect([x.name, x.instances, x.ops]).toEqual(["x", ["x", "x_1"], ["x/w", "x_1/add"]]);
      expect(tf.tools.sharingAudit().map((r) => [r.variable, r.reusedAt.map((p) => p.nameScope)])).toEqual([
        ["x/w", ["x_1"]],
      ]);
    }));

  it("setStrict warns inside the call; lint keeps the finding; call sites point at this file", () =>
    new tf.Graph().asDefault(() => {
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      tf.tools.setStrict(true);
      tf.tools.captureCallSites(true);
      const v = tf.nameScope("my_scope", () => tf.getVariable("var1", [1]));
      expect(v.name).toBe("var1:0");
      expect(warn).toHaveBeenCalledTimes(1);
      const [finding] = tf.tools.lint();
      expect(finding.rule).toBe("getVariableUnderNameScope");
      expect(finding.where.site).toMatch(/tools\.test\.ts:\d+$/);
      expect(warn).toHaveBeenCalledWith(finding.message);
      expect(tf.tools.explainName(v).steps[0].site).toBe(finding.where.site);
    }));

  it("slotOwnership: a second Adam's v/Adam_2 and beta1_power_1", () =>
    new tf.Graph().asDefault(() => {
      const v = tf.getVariable("v", [2]);
      new tf.train.AdamOptimizer(0.1).minimize(tf.reduceSum(v));
      new tf.train.AdamOptimizer(0.1).minimize(tf.reduceSum(v));
      const [row] = tf.tools.slotOwnership();
      expect(row.duplicates).toEqual(["v/Adam_2", "v/Adam_3"]);
      expect(row.nonSlots.map((n) => n.name)).toContain("beta1_power_1");
    }));
});
