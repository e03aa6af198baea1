// tf.tools' file calls as users make them, with no file-system argument: on the disk with @scopeflow/node, in the
// in-memory file map with @scopeflow/browser. A name lock that catches a refactor, and the checkpoint doctor mapping
// a checkpoint saved under an outer scope back onto the refactored graph.
import * as tf from "@scopeflow/test-kit/platform";
import { describe, expect, it } from "vitest";

const dir = `/tmp/scopeflow-tools-${Date.now()}-${Math.random().toString(36).slice(2)}`;

/** Two getVariable layers, optionally under an outer variable scope. */
function build(outer?: string) {
  const layers = () =>
    ["dense", "dense_1"].map((name, i) =>
      tf.variableScope(name, () =>
        tf.getVariable("kernel", [2, 2 + i], { initializer: tf.initializers.constant(i + 1) }),
      ),
    );
  return outer ? tf.variableScope(outer, layers) : layers();
}

describe("tf.tools in each runtime", () => {
  it("writeNameLock / checkNameLock: ok for the same graph, the renames named after an outer scope is added", () => {
    const path = `${dir}/names.lock.json`;
    const before = new tf.Graph();
    before.asDefault(() => build());
    const lock = tf.tools.writeNameLock(path, before);
    expect(lock.variables.map((v) => `${v.name} [${v.shape}]`)).toEqual([
      "dense/kernel:0 [2,2]",
      "dense_1/kernel:0 [2,3]",
    ]);
    expect(tf.tools.checkNameLock(path, before).text).toBe(`Name lock ${path}: 2 variables, as locked.`);
    const after = new tf.Graph();
    after.asDefault(() => build("model"));
    const check = tf.tools.checkNameLock(path, after);
    expect([check.ok, check.added, check.removed]).toEqual([
      false,
      ["model/dense/kernel:0", "model/dense_1/kernel:0"],
      ["dense/kernel:0", "dense_1/kernel:0"],
    ]);
    expect(check.renamed.map((r) => `${r.before} -> ${r.after}`)).toEqual([
      "dense/kernel:0 -> model/dense/kernel:0",
      "dense_1/kernel:0 -> model/dense_1/kernel:0",
    ]);
  });

  it("checkpointDoctor: a checkpoint saved under tower/ restores into the graph without it through proposedVarList", () => {
    const saved = new tf.Graph();
    saved.asDefault(() => {
      build("tower");
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      tf.tools.writeNameLock(`${dir}/ckpt/names.lock.json`); // creates the folder in either runtime
      new tf.train.Saver().save(sess, `${dir}/ckpt/model.ckpt`, { globalStep: 3 });
    });
    const graph = new tf.Graph();
    graph.asDefault(() => {
      const [kernel, kernel1] = build();
      const report = tf.tools.checkpointDoctor(tf.globalVariables(), `${dir}/ckpt`);
      expect(report.checkpoint).toBe(`${dir}/ckpt/model.ckpt-3`);
      expect(report.ok).toBe(false);
      expect(report.missing).toEqual(["dense/kernel", "dense_1/kernel"]);
      expect(Object.keys(report.proposedVarList)).toEqual(["tower/dense/kernel", "tower/dense_1/kernel"]);
      expect(report.text).toContain('outer scope "tower/" of the checkpoint absent from the graph (2):');
      const sess = new tf.Session();
      new tf.train.Saver(report.proposedVarList).restore(sess, report.checkpoint);
      expect(Array.from(sess.run(kernel).data as Float32Array)).toEqual([1, 1, 1, 1]);
      expect(Array.from(sess.run(kernel1).data as Float32Array)).toEqual([2, 2, 2, 2, 2, 2]);
      expect(tf.tools.checkpointEntries(`${dir}/ckpt`).entries.map((e) => `${e.key} ${e.size}`)).toEqual([
        "tower/dense/kernel 16",
        "tower/dense_1/kernel 24",
      ]);
    });
  });
});
