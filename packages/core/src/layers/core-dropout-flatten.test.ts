// Ports of tensorflow/python/layers/core_test.py (TF 1.15) DropoutTest and FlattenTest, graph mode, plus the ops
// TF 1.15 builds for them (nn.dropout or Identity under the layer's scope; Flatten's Reshape and its shape input).
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph, names } from "../scopes/test-helpers";

const min = (a: tf.NDArray) => Math.min(...Array.from(a.data as Float32Array));
const ones = (r: number, c: number) => Array.from({ length: r }, () => new Array(c).fill(1));

describe("core_test.py DropoutTest", () => {
  it("core_test.py DropoutTest.testDropoutProperties", () =>
    inGraph(() => {
      const dp = new tf.layers.Dropout(0.5, { name: "dropout" });
      expect(dp.rate).toBe(0.5);
      expect(dp.noiseShape).toBeNull();
      dp.apply(tf.ones([]));
      expect(dp.name).toBe("dropout");
    }));

  it("core_test.py DropoutTest.testBooleanLearningPhase", () =>
    inGraph(() => {
      const dp = new tf.layers.Dropout(0.5);
      const inputs = tf.ones([5, 3]);
      const sess = new tf.Session();
      let dropped = dp.apply(inputs, { training: true });
      sess.run(tf.globalVariablesInitializer());
      expect(min(sess.run(dropped))).toBe(0);
      dropped = dp.apply(inputs, { training: false });
      expect(sess.run(dropped).toArray()).toEqual(ones(5, 3));
    }));

  it("core_test.py DropoutTest.testDynamicLearningPhase: a placeholder `training` builds smart_cond's tf.cond", () =>
    inGraph((g) => {
      const dp = new tf.layers.Dropout(0.5, { seed: 1 });
      const inputs = tf.ones([5, 5]);
      const training = tf.placeholder("bool");
      const dropped = dp.apply(inputs, { training });
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(min(sess.run(dropped, new Map([[training, true]])))).toBe(0);
      expect(sess.run(dropped, new Map([[training, false]])).toArray()).toEqual(ones(5, 5));
      expect(dropped.name).toBe("dropout/cond/Merge:0");
      expect(g.getOperationByName("dropout/cond/dropout/random_uniform/RandomUniform").type).toBe("RandomUniform");
      expect(g.getOperationByName("dropout/cond/Identity").type).toBe("Identity");
      // smart_cond folds a constant pred (tensor_util.constant_value) without a cond.
      const folded = dp.apply(inputs, { training: tf.constant(false) });
      expect(folded.op.type).toBe("Identity");
      // training=null is keras' learning phase, not kept.
      expect(() => dp.apply(inputs, { training: null })).toThrow("Layer dropout_1: training=null means");
    }));

  it("core_test.py DropoutTest.testDynamicNoiseShape", () =>
    inGraph((g) => {
      const inputs = tf.ones([5, 3, 2]);
      const dp = new tf.layers.Dropout(0.5, { noiseShape: [null, 1, null], seed: 1 });
      const dropped = dp.apply(inputs, { training: true });
      const out = new tf.Session().run(dropped).toArray() as number[][][];
      expect(Math.min(...out.flat(2))).toBe(0);
      for (const row of out) expect(row[0]).toEqual(row[1]);
      // keras Dropout._get_noise_shape: shape(inputs)[i] for each None, the list auto-packed into `packed`.
      expect(names(g).filter((n) => n.startsWith("dropout/") && !n.startsWith("dropout/dropout/"))).toEqual([
        "dropout/Shape:Const",
        "dropout/strided_slice/stack:Const",
        "dropout/strided_slice/stack_1:Const",
        "dropout/strided_slice/stack_2:Const",
        "dropout/strided_slice:StridedSlice",
        "dropout/strided_slice_1/stack:Const",
        "dropout/strided_slice_1/stack_1:Const",
        "dropout/strided_slice_1/stack_2:Const",
        "dropout/strided_slice_1:StridedSlice",
        "dropout/packed/1:Const",
        "dropout/packed:Pack",
      ]);
    }));

  it("core_test.py DropoutTest.testCustomNoiseShape", () =>
    inGraph(() => {
      const inputs = tf.ones([5, 3, 2]);
      const dp = new tf.layers.Dropout(0.5, { noiseShape: [5, 1, 2], seed: 1 });
      const out = new tf.Session().run(dp.apply(inputs, { training: true })).toArray() as number[][][];
      expect(Math.min(...out.flat(2))).toBe(0);
      for (const row of out) expect(row[0]).toEqual(row[1]);
    }));

  it("core_test.py DropoutTest.testFunctionalDropout", () =>
    inGraph(() => {
      const inputs = tf.ones([5, 5]);
      const sess = new tf.Session();
      let dropped = tf.layers.dropout(inputs, 0.5, { training: true, seed: 1 });
      sess.run(tf.globalVariablesInitializer());
      expect(min(sess.run(dropped))).toBe(0);
      dropped = tf.layers.dropout(inputs, 0.5, { training: false, seed: 1 });
      expect(sess.run(dropped).toArray()).toEqual(ones(5, 5));
    }));

  it("core_test.py DropoutTest.testDynamicRate", () =>
    inGraph(() => {
      const rate = tf.placeholder("float32", undefined, "rate");
      const dp = new tf.layers.Dropout(rate, { name: "dropout" });
      const inputs = tf.ones([5, 5]);
      const dropped = dp.apply(inputs, { training: true });
      const sess = new tf.Session();
      expect(min(sess.run(dropped, { "rate:0": 0.5 }))).toBe(0);
      expect(sess.run(dropped, { "rate:0": 0.0 }).toArray()).toEqual(ones(5, 5));
    }));

  it("the graph: nn.dropout under the layer's scope when training, an Identity otherwise", () =>
    inGraph((g) => {
      const x = tf.placeholder("float32", [4, 3], "x");
      const y = tf.layers.dropout(x, { rate: 0.25, training: true, seed: 3 });
      expect(y.op.name).toBe("dropout/dropout/mul_1");
      expect(names(g).slice(1, 4)).toEqual([
        "dropout/dropout/rate:Const",
        "dropout/dropout/Shape:Const",
        "dropout/dropout/random_uniform/min:Const",
      ]);
      const z = tf.layers.dropout(x);
      expect(z.op.name).toBe("dropout_1/Identity");
      expect(z.op.type).toBe("Identity");
      expect(() => tf.layers.dropout(x, { training: null })).toThrow("training=null means the Keras learning phase");
    }));
});

describe("core_test.py FlattenTest", () => {
  it("core_test.py FlattenTest.testCreateFlatten", () =>
    inGraph((g) => {
      const sess = new tf.Session();
      let x = tf.placeholder("float32", [null, 2, 3], "x");
      let y = new tf.layers.Flatten().apply(x);
      expect(sess.run(y, { "x:0": [ones(2, 3), ones(2, 3), ones(2, 3)] }).shape).toEqual([3, 6]);
      expect(y.shape).toEqual([null, 6]);
      // keras Flatten.call: dims[1:] known, so a static Reshape to (-1, 6).
      expect(names(g).slice(1)).toEqual(["flatten/Reshape/shape:Const", "flatten/Reshape:Reshape"]);
      x = tf.placeholder("float32", [1, 2, 3, 2], "x2");
      y = new tf.layers.Flatten().apply(x);
      expect(sess.run(y, { "x2:0": [[ones(3, 2), ones(3, 2)]] }).shape).toEqual([1, 12]);
      expect(y.shape).toEqual([1, 12]);
      expect(y.op.name).toBe("flatten_1/Reshape");
    }));

  it("core_test.py FlattenTest.testComputeShape", () => {
    expect(new tf.layers.Flatten().computeOutputShape([1, 2, 3, 2])).toEqual([1, 12]);
    expect(new tf.layers.Flatten().computeOutputShape([null, 3, 2])).toEqual([null, 6]);
    expect(new tf.layers.Flatten().computeOutputShape([null, 3, null])).toEqual([null, null]);
  });

  it("core_test.py FlattenTest.testDataFormat5d", () =>
    inGraph(() => {
      const cl = tf.reshape(
        tf.constant(
          Array.from({ length: 120 }, (_, i) => i),
          { dtype: "float32" },
        ),
        [1, 5, 4, 3, 2],
      );
      const sess = new tf.Session();
      const x = tf.placeholder("float32", [1, 5, 4, 3, 2], "x");
      const outCl = sess.run(new tf.layers.Flatten({ dataFormat: "channels_last" }).apply(x), { "x:0": sess.run(cl) });
      const x2 = tf.placeholder("float32", [1, 2, 5, 4, 3], "x2");
      const y2 = new tf.layers.Flatten({ dataFormat: "channels_first" }).apply(x2);
      expect(y2.op.inputs[0].op.name).toBe("flatten_1/transpose");
      const cf = sess.run(tf.transpose(cl, [0, 4, 1, 2, 3]));
      expect(sess.run(y2, { "x2:0": cf }).toArray()).toEqual(outCl.toArray());
    }));

  it("core_test.py FlattenTest.testDataFormat4d", () =>
    inGraph(() => {
      const cl = tf.reshape(
        tf.constant(
          Array.from({ length: 24 }, (_, i) => i),
          { dtype: "float32" },
        ),
        [1, 4, 3, 2],
      );
      const sess = new tf.Session();
      const x = tf.placeholder("float32", [1, 4, 3, 2], "x");
      const outCl = sess.run(new tf.layers.Flatten({ dataFormat: "channels_last" }).apply(x), { "x:0": sess.run(cl) });
      const x2 = tf.placeholder("float32", [1, 2, 4, 3], "x2");
      const y2 = new tf.layers.Flatten({ dataFormat: "channels_first" }).apply(x2);
      const cf = sess.run(tf.transpose(cl, [0, 3, 1, 2]));
      expect(sess.run(y2, { "x2:0": cf }).toArray()).toEqual(outCl.toArray());
    }));

  it("core_test.py FlattenTest.testFunctionalFlatten", () =>
    inGraph(() => {
      const x = tf.placeholder("float32", [null, 2, 3], "x");
      const y = tf.layers.flatten(x, "flatten");
      expect(y.shape).toEqual([null, 6]);
      expect(y.op.name).toBe("flatten/Reshape");
    }));

  it("core_test.py FlattenTest.testFlatten0D", () =>
    inGraph(() => {
      const x = tf.placeholder("float32", [null], "x");
      const y = new tf.layers.Flatten().apply(x);
      expect(new tf.Session().run(y, { "x:0": [0, 0, 0, 0, 0] }).shape).toEqual([5, 1]);
      expect(y.shape).toEqual([null, 1]);
    }));

  it("core_test.py FlattenTest.testFlattenUnknownAxes", () =>
    inGraph((g) => {
      const sess = new tf.Session();
      const zeros = (a: number, b: number, c: number) =>
        Array.from({ length: a }, () => Array.from({ length: b }, () => new Array(c).fill(0)));
      let x = tf.placeholder("float32", [5, null, null], "x");
      let y = new tf.layers.Flatten().apply(x);
      expect(sess.run(y, { "x:0": zeros(5, 2, 3) }).shape).toEqual([5, 6]);
      expect(y.shape).toEqual([5, null]);
      x = tf.placeholder("float32", [5, null, 2], "x2");
      y = new tf.layers.Flatten().apply(x);
      expect(sess.run(y, { "x2:0": zeros(5, 3, 2) }).shape).toEqual([5, 6]);
      expect(y.shape).toEqual([5, null]);
      expect(names(g).filter((n) => n.startsWith("flatten_1/"))).toEqual([
        "flatten_1/Reshape/shape:Const",
        "flatten_1/Reshape:Reshape",
      ]);
    }));

  it("an unknown batch dim: (shape(x)[0], -1) auto-packed into Reshape/shape", () =>
    inGraph((g) => {
      const x = tf.placeholder("float32", [null, null, 2], "x");
      const y = tf.layers.flatten(x);
      expect(y.shape).toEqual([null, null]);
      expect(names(g).slice(1)).toEqual([
        "flatten/Shape:Shape",
        "flatten/strided_slice/stack:Const",
        "flatten/strided_slice/stack_1:Const",
        "flatten/strided_slice/stack_2:Const",
        "flatten/strided_slice:StridedSlice",
        "flatten/Reshape/shape/1:Const",
        "flatten/Reshape/shape:Pack",
        "flatten/Reshape:Reshape",
      ]);
      const v = new tf.Session().run(y, { "x:0": [[[1, 2]], [[3, 4]]] });
      expect(v.toArray()).toEqual([
        [1, 2],
        [3, 4],
      ]);
      expect(() => new tf.layers.Flatten({ dataFormat: "NHWC" })).toThrow(
        'The `data_format` argument must be one of "channels_first", "channels_last". Received: NHWC',
      );
      expect(() => tf.layers.flatten(tf.placeholder("float32"))).toThrow(
        "Input 0 of layer flatten_3 is incompatible with the layer: its rank is undefined, but the layer requires a defined rank.",
      );
    }));
});
