// tools.checkpointDoctor against estimator_model_dir/model.ckpt-2000 (TF 1.14's Estimator: two tf.layers.dense, Adam,
// global_step): the refactors from user reports (an extra outer scope, dense_1 → dense_2, a layer added in front,
// layers renamed), each restored through the proposed var list and checked against the checkpoint's values.
import { expectClose } from "@scopeflow/test-kit";
import { describe, expect, it } from "vitest";
import { NotFoundError, ValueError } from "../errors";
import { decodeMetaGraphDef } from "../graphdef/graphdef-codec";
import { fixture } from "../graphdef/test-fixture";
import * as tf from "../index";
import { memoryFs } from "../io/memory-fs";
import { checkpointDoctor } from "./checkpoint-doctor";
import { checkpointEntries } from "./checkpoint-entries";

const EST = "estimator_model_dir/";
const PREFIX = "/model/model.ckpt-2000";
const KERNEL = [0.03589049, -1.07259, -0.1854141, 0.78352, 0.6175917, -0.1792978, 0.01616185, -0.0859901];
const BIAS = [-7.316306, 3.842671, 17.33366, 4.293669];
const KERNEL_1 = [0.4876374, -0.8209959, -0.7761993, 0.7485965];

function estimatorFs() {
  const fs = memoryFs();
  fs.makeDirs("/model");
  for (const name of ["checkpoint", "model.ckpt-2000.index", "model.ckpt-2000.data-00000-of-00001"]) {
    fs.writeFileAtomic(`/model/${name}`, fixture(EST + name));
  }
  return fs;
}

/** model.py's dense layers as getVariable calls, under the given scope names, optionally trained with Adam. */
function denseGraph(
  scopes: { name: string; inputs: number; units: number; leaves?: [string, string] }[],
  adam = true,
  outer?: string,
) {
  const x = tf.placeholder("float32", [null, scopes[0].inputs], "x");
  let out: tf.Tensor = x;
  const vars: tf.Variable[] = [];
  const layers = () => {
    for (const { name, inputs, units, leaves = ["kernel", "bias"] } of scopes) {
      out = tf.variableScope(name, () => {
        const kernel = tf.getVariable(leaves[0], [inputs, units]);
        const bias = tf.getVariable(leaves[1], [units], { initializer: tf.initializers.zeros() });
        vars.push(kernel, bias);
        return tf.add(tf.matmul(out, kernel), bias);
      });
    }
  };
  if (outer) tf.variableScope(outer, layers);
  else layers();
  if (adam) {
    const step = tf.train.getOrCreateGlobalStep();
    new tf.train.AdamOptimizer(0.5).minimize(tf.reduceSum(out), { globalStep: step });
  }
  return vars;
}

/** Restores through the proposed var list and reads the given variables. */
function restoreWith(fs: ReturnType<typeof memoryFs>, varList: Record<string, tf.Variable | tf.Tensor>) {
  const sess = new tf.Session({ fileSystem: fs });
  sess.run(tf.globalVariablesInitializer());
  new tf.train.Saver(varList).restore(sess, PREFIX);
  return sess;
}

describe("tools.checkpointDoctor", () => {
  it("the Estimator's own MetaGraphDef against its checkpoint: restores as given", () => {
    const meta = decodeMetaGraphDef(fixture(`${EST}model.ckpt-2000.meta`));
    const report = checkpointDoctor(meta, "/model", estimatorFs());
    expect(report.checkpoint).toBe(PREFIX);
    expect(report.ok).toBe(true);
    expect([report.missing, report.unexpected, report.shapeMismatches, report.leftovers]).toEqual([
      [],
      [],
      [],
      { variables: [], checkpointKeys: [] },
    ]);
    expect(Object.keys(report.proposedVarList)).toHaveLength(15);
    expect(report.proposedVarList["dense/kernel"]).toBe("dense/kernel:0");
    expect(report.text).toBe(
      [
        "Checkpoint /model/model.ckpt-2000: 15 keys; the var list restores 15 variables.",
        "Saver.restore works as given: every key is in the checkpoint with the same shape and dtype.",
      ].join("\n"),
    );
  });

  it("variables under an extra outer scope (variableScope('model') around the layers): the scope is taken off", () => {
    const fs = estimatorFs();
    new tf.Graph().asDefault(() => {
      const vars = denseGraph(
        [
          { name: "dense", inputs: 2, units: 4 },
          { name: "dense_1", inputs: 4, units: 1 },
        ],
        true,
        "model",
      );
      const report = tf.tools.checkpointDoctor(new tf.train.Saver(), PREFIX, fs);
      expect(report.ok).toBe(false);
      expect(report.missing).toEqual([
        "model/dense/bias",
        "model/dense/bias/Adam",
        "model/dense/bias/Adam_1",
        "model/dense/kernel",
        "model/dense/kernel/Adam",
        "model/dense/kernel/Adam_1",
        "model/dense_1/bias",
        "model/dense_1/bias/Adam",
        "model/dense_1/bias/Adam_1",
        "model/dense_1/kernel",
        "model/dense_1/kernel/Adam",
        "model/dense_1/kernel/Adam_1",
      ]);
      expect(report.unexpected).toEqual(report.missing.map((k) => k.slice("model/".length)));
      expect(report.matches.filter((m) => m.kind === "exact").map((m) => m.checkpointKey)).toEqual([
        "beta1_power",
        "beta2_power",
        "global_step",
      ]);
      expect(report.matches.find((m) => m.checkpointKey === "dense_1/kernel/Adam_1")).toEqual({
        checkpointKey: "dense_1/kernel/Adam_1",
        variable: "model/dense_1/kernel/Adam_1:0",
        kind: "outerScopeAdded",
        from: "model",
        to: "",
      });
      expect(report.proposedVarList["dense/kernel"]).toBe(vars[0]);
      expect(report.leftovers).toEqual({ variables: [], checkpointKeys: [] });
      expect(report.text.split("\n").slice(0, 9)).toEqual([
        "Checkpoint /model/model.ckpt-2000: 15 keys; the var list restores 15 variables.",
        "Saver.restore fails: 12 keys not in the checkpoint.",
        "  Not in the checkpoint (12): model/dense/bias, model/dense/bias/Adam, model/dense/bias/Adam_1, model/dense/kernel, model/dense/kernel/Adam, model/dense/kernel/Adam_1, model/dense_1/bias, model/dense_1/bias/Adam, model/dense_1/bias/Adam_1, model/dense_1/kernel, ... (2 more)",
        "  Checkpoint keys not restored (12): dense/bias, dense/bias/Adam, dense/bias/Adam_1, dense/kernel, dense/kernel/Adam, dense/kernel/Adam_1, dense_1/bias, dense_1/bias/Adam, dense_1/bias/Adam_1, dense_1/kernel, ... (2 more)",
        "Proposed var list: restores 15 of 15 variables from 15 of 15 checkpoint keys.",
        "  same name (3)",
        '  outer scope "model/" added in the graph (12):',
        "    dense/bias <- model/dense/bias:0",
        "    dense/bias/Adam <- model/dense/bias/Adam:0",
      ]);
      expect(report.text.split("\n").at(-1)).toBe(
        'Restore with: new tf.train.Saver(report.proposedVarList).restore(sess, "/model/model.ckpt-2000")',
      );
      // The plain Saver fails as TF does; the proposed map restores every value.
      const sess = new tf.Session({ fileSystem: fs });
      expect(() => new tf.train.Saver().restore(sess, PREFIX)).toThrow(NotFoundError);
      const restored = restoreWith(fs, report.proposedVarList);
      expectClose(restored.run(vars[0]).data as Float32Array, KERNEL, 1e-6);
      expectClose(restored.run(vars[2]).data as Float32Array, KERNEL_1, 1e-6);
      expect(Number(restored.run(tf.train.getGlobalStep() as tf.Variable).item())).toBe(2000);
    });
  });

  it("a checkpoint whose names have an outer scope the graph lacks: the scope is put back", () => {
    const fs = memoryFs();
    fs.makeDirs("/tower");
    new tf.Graph().asDefault(() => {
      denseGraph([{ name: "dense", inputs: 2, units: 3 }], false, "tower");
      const sess = new tf.Session({ fileSystem: fs });
      sess.run(tf.globalVariablesInitializer());
      new tf.train.Saver().save(sess, "/tower/ckpt");
    });
    new tf.Graph().asDefault(() => {
      denseGraph([{ name: "dense", inputs: 2, units: 3 }], false);
      const report = tf.tools.checkpointDoctor(tf.globalVariables(), "/tower/ckpt", fs);
      expect(report.missing).toEqual(["dense/kernel", "dense/bias"]);
      expect(report.matches.map((m) => [m.checkpointKey, m.variable, m.kind, m.to])).toEqual([
        ["tower/dense/bias", "dense/bias:0", "outerScopeRemoved", "tower"],
        ["tower/dense/kernel", "dense/kernel:0", "outerScopeRemoved", "tower"],
      ]);
      expect(report.text).toContain('  outer scope "tower/" of the checkpoint absent from the graph (2):');
    });
  });

  it("dense_1 renamed dense_2 (the second layer uniquified differently): an _N suffix shift", () => {
    const fs = estimatorFs();
    new tf.Graph().asDefault(() => {
      const vars = denseGraph([
        { name: "dense", inputs: 2, units: 4 },
        { name: "dense_2", inputs: 4, units: 1 },
      ]);
      const report = tf.tools.checkpointDoctor(new tf.train.Saver(), PREFIX, fs);
      expect(report.missing).toHaveLength(6);
      const shifted = report.matches.filter((m) => m.kind === "suffixShift");
      expect(shifted.map((m) => `${m.checkpointKey} <- ${m.variable}`)).toEqual([
        "dense_1/bias <- dense_2/bias:0",
        "dense_1/bias/Adam <- dense_2/bias/Adam:0",
        "dense_1/bias/Adam_1 <- dense_2/bias/Adam_1:0",
        "dense_1/kernel <- dense_2/kernel:0",
        "dense_1/kernel/Adam <- dense_2/kernel/Adam:0",
        "dense_1/kernel/Adam_1 <- dense_2/kernel/Adam_1:0",
      ]);
      expect(report.text).toContain(
        '  scope "dense_2/" in the graph was "dense_1/" in the checkpoint (uniquified with another _N suffix) (6):',
      );
      const sess = restoreWith(fs, report.proposedVarList);
      expectClose(sess.run(vars[2]).data as Float32Array, KERNEL_1, 1e-6);
    });
  });

  it("a layer added in front (dense → dense_1 → dense_2): shape mismatches reported, both layers shifted, the new one left", () => {
    const fs = estimatorFs();
    new tf.Graph().asDefault(() => {
      const vars = denseGraph(
        [
          { name: "dense", inputs: 2, units: 2 },
          { name: "dense_1", inputs: 2, units: 4 },
          { name: "dense_2", inputs: 4, units: 1 },
        ],
        false,
      );
      const report = tf.tools.checkpointDoctor(vars, PREFIX, fs);
      expect(report.missing).toEqual(["dense_2/kernel", "dense_2/bias"]);
      expect(report.shapeMismatches).toEqual([
        { key: "dense/kernel", variable: "dense/kernel:0", graphShape: [2, 2], checkpointShape: [2, 4] },
        { key: "dense/bias", variable: "dense/bias:0", graphShape: [2], checkpointShape: [4] },
        { key: "dense_1/kernel", variable: "dense_1/kernel:0", graphShape: [2, 4], checkpointShape: [4, 1] },
        { key: "dense_1/bias", variable: "dense_1/bias:0", graphShape: [4], checkpointShape: [1] },
      ]);
      expect(report.matches.map((m) => [m.checkpointKey, m.variable, m.from, m.to])).toEqual([
        ["dense/bias", "dense_1/bias:0", "dense_1", "dense"],
        ["dense/kernel", "dense_1/kernel:0", "dense_1", "dense"],
        ["dense_1/bias", "dense_2/bias:0", "dense_2", "dense_1"],
        ["dense_1/kernel", "dense_2/kernel:0", "dense_2", "dense_1"],
      ]);
      expect(report.leftovers.variables).toEqual(["dense/kernel:0", "dense/bias:0"]);
      expect(report.text).toContain(
        "  Shape mismatch: dense/kernel: the variable dense/kernel:0 is [2,2], the checkpoint holds [2,4]",
      );
      expect(report.text).toContain("Variables left with their initial values (2): dense/kernel:0, dense/bias:0");
      expect(report.text).toContain(
        "Checkpoint keys left unread (11): beta1_power, beta2_power, dense/bias/Adam, dense/bias/Adam_1, dense/kernel/Adam, dense/kernel/Adam_1, dense_1/bias/Adam, dense_1/bias/Adam_1, dense_1/kernel/Adam, dense_1/kernel/Adam_1, global_step\n  (all optimizer state: slots, beta powers and the global step, which a graph without that optimizer does not restore)",
      );
      const sess = restoreWith(fs, report.proposedVarList);
      expectClose(sess.run(vars[2]).data as Float32Array, KERNEL, 1e-6);
      expectClose(sess.run(vars[3]).data as Float32Array, BIAS, 1e-5);
    });
  });

  it("the optimizer built inside the outer scope too (model/model/dense/kernel/Adam): two scope rules", () => {
    const fs = estimatorFs();
    new tf.Graph().asDefault(() => {
      tf.variableScope("model", () =>
        denseGraph([
          { name: "dense", inputs: 2, units: 4 },
          { name: "dense_1", inputs: 4, units: 1 },
        ]),
      );
      const report = tf.tools.checkpointDoctor(new tf.train.Saver(), PREFIX, fs);
      expect(report.missing).toContain("model/model/dense/kernel/Adam");
      expect(report.missing).toContain("model/global_step");
      expect(report.leftovers).toEqual({ variables: [], checkpointKeys: [] });
      const rules = new Set(report.matches.map((m) => `${m.kind} ${m.from}`));
      expect([...rules].sort()).toEqual(["outerScopeAdded model", "outerScopeAdded model/model"]);
      expect(report.proposedVarList["dense/kernel/Adam"]).toBe(
        tf.globalVariables().find((v) => v.name === "model/model/dense/kernel/Adam:0"),
      );
    });
  });

  it("layers renamed with new leaf names (fc1/weights, fc2/biases), no optimizer: matched by shape and order", () => {
    const fs = estimatorFs();
    new tf.Graph().asDefault(() => {
      const vars = denseGraph(
        [
          { name: "fc1", inputs: 2, units: 4, leaves: ["weights", "biases"] },
          { name: "fc2", inputs: 4, units: 1, leaves: ["weights", "biases"] },
        ],
        false,
      );
      const report = tf.tools.checkpointDoctor(vars, PREFIX, fs);
      expect(report.matches.map((m) => `${m.checkpointKey} <- ${m.variable} ${m.kind} ${m.from} ${m.to}`)).toEqual([
        "dense/bias <- fc1/biases:0 shapeAndOrder fc1 dense",
        "dense/kernel <- fc1/weights:0 shapeAndOrder fc1 dense",
        "dense_1/bias <- fc2/biases:0 shapeAndOrder fc2 dense_1",
        "dense_1/kernel <- fc2/weights:0 shapeAndOrder fc2 dense_1",
      ]);
      expect(report.text).toContain(
        '  layer "fc1/" in the graph matched to "dense/" in the checkpoint by shapes and order (2):',
      );
      const sess = restoreWith(fs, report.proposedVarList);
      expectClose(sess.run(vars[0]).data as Float32Array, KERNEL, 1e-6);
      expectClose(sess.run(vars[2]).data as Float32Array, KERNEL_1, 1e-6);
    });
  });

  it("the same layers trained with Adam: their shared slot names pair each variable (a rename, slots with it)", () => {
    const fs = estimatorFs();
    new tf.Graph().asDefault(() => {
      const vars = denseGraph([
        { name: "fc1", inputs: 2, units: 4, leaves: ["weights", "biases"] },
        { name: "fc2", inputs: 4, units: 1, leaves: ["weights", "biases"] },
      ]);
      const report = tf.tools.checkpointDoctor(new tf.train.Saver(), PREFIX, fs);
      expect(report.leftovers).toEqual({ variables: [], checkpointKeys: [] });
      const pairs = Object.fromEntries(report.matches.map((m) => [m.checkpointKey, `${m.variable} ${m.kind}`]));
      expect(pairs).toMatchObject({
        "dense/kernel": "fc1/weights:0 variableRenamed",
        "dense/kernel/Adam_1": "fc1/weights/Adam_1:0 variableRenamed",
        "dense_1/bias": "fc2/biases:0 variableRenamed",
        "dense_1/bias/Adam": "fc2/biases/Adam:0 variableRenamed",
        global_step: "global_step:0 exact",
      });
      expect(report.text).toContain(
        '  variable "fc1/weights" in the graph was "dense/kernel" in the checkpoint (renamed, with its slots) (3):',
      );
      const sess = restoreWith(fs, report.proposedVarList);
      expectClose(sess.run(vars[0]).data as Float32Array, KERNEL, 1e-6);
      expectClose(sess.run(vars[3]).data as Float32Array, [16.96274], 1e-5);
    });
  });

  it("an inference graph (no optimizer): restores as given, the optimizer state is named as such", () => {
    new tf.Graph().asDefault(() => {
      denseGraph(
        [
          { name: "dense", inputs: 2, units: 4 },
          { name: "dense_1", inputs: 4, units: 1 },
        ],
        false,
      );
      const report = tf.tools.checkpointDoctor(tf.globalVariables(), PREFIX, estimatorFs());
      expect(report.ok).toBe(true);
      expect(report.unexpected).toHaveLength(11);
      expect(report.text.split("\n")).toEqual([
        "Checkpoint /model/model.ckpt-2000: 15 keys; the var list restores 4 variables.",
        "Saver.restore works as given: every key is in the checkpoint with the same shape and dtype.",
        "  Checkpoint keys not restored (11): beta1_power, beta2_power, dense/bias/Adam, dense/bias/Adam_1, dense/kernel/Adam, dense/kernel/Adam_1, dense_1/bias/Adam, dense_1/bias/Adam_1, dense_1/kernel/Adam, dense_1/kernel/Adam_1, ... (1 more)",
        "Checkpoint keys left unread (11): beta1_power, beta2_power, dense/bias/Adam, dense/bias/Adam_1, dense/kernel/Adam, dense/kernel/Adam_1, dense_1/bias/Adam, dense_1/bias/Adam_1, dense_1/kernel/Adam, dense_1/kernel/Adam_1, global_step",
        "  (all optimizer state: slots, beta powers and the global step, which a graph without that optimizer does not restore)",
      ]);
    });
  });

  it("a { checkpointKey: variable } map is diagnosed by its keys; a dtype change is reported", () => {
    new tf.Graph().asDefault(() => {
      const w = tf.getVariable("w", [2, 4], { dtype: "float64" });
      const step = tf.getVariable("step", [], { dtype: "int64", initializer: tf.initializers.zeros() });
      const report = tf.tools.checkpointDoctor({ "dense/kernel": w, global_step: step }, PREFIX, estimatorFs());
      expect(report.missing).toEqual([]);
      expect(report.dtypeMismatches).toEqual([
        { key: "dense/kernel", variable: "w:0", graphDtype: "float64", checkpointDtype: "float32" },
      ]);
      expect(report.ok).toBe(false);
      expect(Object.keys(report.proposedVarList)).toEqual(["global_step"]);
      expect(report.text).toContain(
        "  Dtype mismatch: dense/kernel: the variable w:0 is float64, the checkpoint holds float32",
      );
    });
  });

  it("errors name what is wrong: a missing checkpoint, a folder without one, a var list item that is no variable", () => {
    const fs = estimatorFs();
    fs.makeDirs("/empty");
    new tf.Graph().asDefault(() => {
      const v = tf.getVariable("v", [1]);
      expect(() => tf.tools.checkpointDoctor([v], "/model/model.ckpt-7", fs)).toThrow(
        new NotFoundError(
          "Unsuccessful TensorSliceReader constructor: Failed to find any matching files for /model/model.ckpt-7",
        ),
      );
      expect(() => tf.tools.checkpointDoctor([v], "/empty", fs)).toThrow(
        new ValueError("Couldn't find 'checkpoint' file or checkpoints in given directory /empty"),
      );
      const c = tf.constant(1);
      expect(() => tf.tools.checkpointDoctor([c as unknown as tf.Variable], PREFIX, fs)).toThrow(
        `Variable to save is not a Variable: ${String(c)}`,
      );
      expect(() => tf.tools.checkpointDoctor([v], PREFIX)).toThrow(
        "tools.checkpointDoctor needs a file system: pass one (for example tf.io.memoryFs()) in core; @scopeflow/node and @scopeflow/browser bind theirs.",
      );
    });
  });
});

describe("tools.checkpointEntries", () => {
  it("lists model.ckpt-2000's keys with dtypes, shapes and sizes (the fixture README's table)", () => {
    const { prefix, entries } = checkpointEntries("/model", estimatorFs());
    expect(prefix).toBe(PREFIX);
    expect(entries.map((e) => `${e.key} ${e.dtype} [${e.shape}] ${e.size}`)).toEqual([
      "beta1_power float32 [] 4",
      "beta2_power float32 [] 4",
      "dense/bias float32 [4] 16",
      "dense/bias/Adam float32 [4] 16",
      "dense/bias/Adam_1 float32 [4] 16",
      "dense/kernel float32 [2,4] 32",
      "dense/kernel/Adam float32 [2,4] 32",
      "dense/kernel/Adam_1 float32 [2,4] 32",
      "dense_1/bias float32 [1] 4",
      "dense_1/bias/Adam float32 [1] 4",
      "dense_1/bias/Adam_1 float32 [1] 4",
      "dense_1/kernel float32 [4,1] 16",
      "dense_1/kernel/Adam float32 [4,1] 16",
      "dense_1/kernel/Adam_1 float32 [4,1] 16",
      "global_step int64 [] 8",
    ]);
  });
});
