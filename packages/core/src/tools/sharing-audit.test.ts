// tf.tools.sharingAudit: where each variable was made and reused, and the sharing mistakes TF1 lets through.
import { afterEach, describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

afterEach(() => tf.tools.captureCallSites(false));

const tower = (x: tf.Tensor) => tf.matmul(x, tf.getVariable("w", [2, 2]));

describe("tf.tools.sharingAudit", () => {
  it("towers without reuse: tower/w and tower_1/w, one shape, never shared", () =>
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [1, 2], "x");
      tf.variableScope(null, { defaultName: "tower" }, () => tower(x));
      tf.variableScope(null, { defaultName: "tower" }, () => tower(x));
      const rows = tf.tools.sharingAudit();
      expect(rows.map((r) => [r.variable, r.createdBy, r.createdAt, r.reusedAt])).toEqual([
        ["tower/w", "getVariable", { scope: "tower", nameScope: "tower", reuse: false }, []],
        ["tower_1/w", "getVariable", { scope: "tower_1", nameScope: "tower_1", reuse: false }, []],
      ]);
      expect(rows[0].findings).toEqual([
        {
          kind: "nonSharing",
          message:
            "tower/w and tower_1/w have the same shape (2, 2) and name but for a _N suffix, and are separate variables: nothing reused them. If they should be one variable (towers sharing weights), open the later scopes with the same variable scope name and { reuse: true } (or tf.AUTO_REUSE); if they are separate on purpose, ignore this.",
          related: ["tower_1/w"],
        },
      ]);
      expect(rows[1].findings.map((f) => [f.kind, f.related])).toEqual([["nonSharing", ["tower/w"]]]);
    }));

  it("towers that share: the reuses are listed, no finding", () =>
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [1, 2], "x");
      tf.variableScope("tower", () => tower(x));
      tf.variableScope("tower", { reuse: true }, () => tower(x));
      tf.nameScope("gpu1", () => tf.variableScope("tower", { reuse: true }, () => tower(x)));
      expect(tf.tools.sharingAudit()).toEqual([
        {
          variable: "tower/w",
          createdBy: "getVariable",
          createdAt: { scope: "tower", nameScope: "tower", reuse: false },
          reusedAt: [
            { scope: "tower", nameScope: "tower_1", reuse: true },
            { scope: "tower", nameScope: "gpu1/tower", reuse: true },
          ],
          findings: [],
        },
      ]);
    }));

  it("different shapes, or numbered layers of other shapes, are not flagged", () =>
    inGraph(() => {
      tf.variableScope("layer_1", () => tf.getVariable("w", [2, 3]));
      tf.variableScope("layer_2", () => tf.getVariable("w", [3, 4]));
      expect(tf.tools.sharingAudit().flatMap((r) => r.findings)).toEqual([]);
    }));

  it("tf.Variable copies in re-entered name scopes: the fix says to use getVariable", () =>
    inGraph(() => {
      tf.nameScope("t", () => new tf.Variable([1, 2], { name: "b" }));
      tf.nameScope("t", () => new tf.Variable([1, 2], { name: "b" }));
      const rows = tf.tools.sharingAudit();
      expect(rows.map((r) => [r.variable, r.createdBy, r.createdAt])).toEqual([
        ["t/b", "Variable", { scope: "", nameScope: "t", reuse: false }],
        ["t_1/b", "Variable", { scope: "", nameScope: "t_1", reuse: false }],
      ]);
      expect(rows[0].findings[0].message).toContain("make it with tf.getVariable (tf.Variable never shares)");
    }));

  it("AUTO_REUSE silently picking up an existing variable, from another line", () =>
    inGraph(() => {
      tf.tools.captureCallSites(true);
      const encoder = () =>
        tf.variableScope("net", { reuse: tf.AUTO_REUSE }, () => tf.getVariable("embedding", [4, 2]));
      const decoder = () =>
        tf.variableScope("net", { reuse: tf.AUTO_REUSE }, () => tf.getVariable("embedding", [4, 2]));
      encoder();
      decoder();
      const [row] = tf.tools.sharingAudit();
      expect(row.createdAt).toMatchObject({ scope: "net", reuse: "AUTO_REUSE" });
      expect(row.createdAt.site).toMatch(/sharing-audit\.test\.ts:\d+$/);
      expect(row.reusedAt).toHaveLength(1);
      expect(row.reusedAt[0].site).not.toBe(row.createdAt.site);
      expect(row.findings).toEqual([
        {
          kind: "autoReuse",
          message: `tf.AUTO_REUSE in variable scope "net" at ${row.reusedAt[0].site} silently picked up the existing net/embedding (made in variable scope "net" at ${row.createdAt.site}): the two calls are different lines, so two pieces of code share one variable by name. Give them different scope names if they should not.`,
          related: [],
        },
      ]);
    }));

  it("AUTO_REUSE from one line called twice, without call sites", () =>
    inGraph(() => {
      const layer = () => tf.variableScope("dense", { reuse: tf.AUTO_REUSE }, () => tf.getVariable("kernel", [2]));
      layer();
      layer();
      expect(tf.tools.sharingAudit()[0].findings.map((f) => f.message)).toEqual([
        'tf.AUTO_REUSE in variable scope "dense" silently picked up the existing dense/kernel (made in variable scope "dense"). If this call should have its own variable, give its scope a different name.',
      ]);
    }));

  it("new tf.Variable inside a reuse scope is never shared", () =>
    inGraph(() => {
      tf.variableScope("tower", () => tf.getVariable("w", [1]));
      tf.variableScope("tower", { reuse: true }, () => new tf.Variable([1], { name: "bias" }));
      const row = tf.tools.sharingAudit().find((r) => r.variable === "tower_1/bias");
      expect(row?.createdAt).toEqual({ scope: "tower", nameScope: "tower_1", reuse: true });
      expect(row?.findings).toEqual([
        {
          kind: "variableInReuseScope",
          message:
            'tower_1/bias was made by new tf.Variable inside variable scope "tower" (reuse: true): tf.Variable never shares, so the scope\'s reuse does nothing for it. Use tf.getVariable to share it.',
          related: [],
        },
      ]);
    }));

  it("an optimizer's slots and beta powers are not copies of each other", () =>
    inGraph(() => {
      const v = tf.getVariable("v", [3]);
      new tf.train.AdamOptimizer(0.1).minimize(tf.reduceSum(v));
      const rows = tf.tools.sharingAudit();
      expect(rows.map((r) => r.variable)).toEqual(["v", "beta1_power", "beta2_power", "v/Adam", "v/Adam_1"]);
      expect(rows.flatMap((r) => r.findings)).toEqual([]);
    }));
});
