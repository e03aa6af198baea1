// Ports of tensorflow/contrib/layers/python/layers/regularizers_test.py (RegularizerTest) and initializers_test.py
// (InitializerTest, VarianceScalingInitializerTest), TF 1.15.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

const layers = tf.contrib.layers;
const run = (t: tf.Tensor) => new tf.Session().run(t).item() as number;

describe("regularizers_test.py RegularizerTest", () => {
  it("RegularizerTest.test_l1", () =>
    inGraph(() => {
      expect(() => layers.l1Regularizer(-1)).toThrow("Setting a scale less than 0 on a regularizer: -1");
      expect(layers.l1Regularizer(0)(null as never)).toBeNull();
      const values = [1, -1, 4, 2];
      const result = layers.l1Regularizer(0.5)(tf.constant(values, tf.float32)) as tf.Tensor;
      expect(result.op.name).toBe("l1_regularizer");
      expect(result.op.inputs.map((t) => t.op.name)).toEqual(["l1_regularizer/scale", "l1_regularizer/Sum"]);
      expect(run(result)).toBeCloseTo(8 * 0.5, 5);
    }));

  it("RegularizerTest.test_l2", () =>
    inGraph(() => {
      expect(() => layers.l2Regularizer(-1)).toThrow("Setting a scale less than 0 on a regularizer: -1");
      expect(layers.l2Regularizer(0)(null as never)).toBeNull();
      const values = [1, -1, 4, 2];
      const result = layers.l2Regularizer(0.42)(tf.constant(values, tf.float32)) as tf.Tensor;
      expect(result.op.name).toBe("l2_regularizer");
      expect(result.op.inputs[1].op.type).toBe("L2Loss");
      expect(run(result)).toBeCloseTo((22 / 2) * 0.42, 5);
    }));

  it("RegularizerTest.test_l1_l2 / testL1L2RegularizerWithScope", () =>
    inGraph(() => {
      const tensor = tf.constant(1.0, { dtype: tf.float32, shape: [5, 5, 5] });
      const loss = layers.l1L2Regularizer(1.0, 1.0)(tensor) as tf.Tensor;
      expect(loss.op.name).toBe("l1_l2_regularizer");
      expect(run(loss)).toBeCloseTo(125 + 125 / 2, 3);
      const scoped = tf.nameScope("foo", () => layers.l1L2Regularizer(1.0, 1.0, "l1_l2")(tensor) as tf.Tensor);
      expect(scoped.op.name).toBe("foo/l1_l2");
    }));

  it("RegularizerTest.test_l1_l2_scale_l1Zero / scale_l2Zero / scales_Zero", () =>
    inGraph(() => {
      const tensor = tf.constant(1.0, { dtype: tf.float32, shape: [5, 5, 5] });
      const l2only = layers.l1L2Regularizer(0.0, 1.0)(tensor) as tf.Tensor;
      expect(l2only.op.name).toBe("l1_l2_regularizer");
      expect(run(l2only)).toBeCloseTo(125 / 2, 4);
      const l1only = layers.l1L2Regularizer(1.0, 0.0)(tensor) as tf.Tensor;
      expect(run(l1only)).toBeCloseTo(125, 4);
      expect(layers.l1L2Regularizer(0.0, 0.0)(tensor)).toBeNull();
      expect(() => layers.l1L2Regularizer(-1, 1)).toThrow("Setting a scale_l1 less than 0 on a regularizer: -1");
    }));

  it("RegularizerTest.test_sum_regularizer", () =>
    inGraph(() => {
      const l1 = layers.l1Regularizer(0.1);
      const l2 = layers.l2Regularizer(0.2);
      expect(layers.sumRegularizer([])).toBeNull();
      expect(layers.sumRegularizer([null])).toBeNull();
      expect(layers.sumRegularizer([layers.l1Regularizer(0.0)])?.(null as never)).toBeNull();
      const weights = tf.constant([-3], tf.float32);
      expect(run(layers.sumRegularizer([l1])?.(weights) as tf.Tensor)).toBeCloseTo(0.3, 5);
      expect(run(layers.sumRegularizer([l1, null])?.(weights) as tf.Tensor)).toBeCloseTo(0.3, 5);
      const both = layers.sumRegularizer([l1, l2])?.(weights) as tf.Tensor;
      expect(both.op.name).toBe("sum_regularizer_3");
      expect(run(both)).toBeCloseTo(0.3 + (0.2 * 9) / 2, 5);
    }));

  it("RegularizerTest.test_apply_regularization / test_apply_zero_regularization / invalid regularizer", () =>
    inGraph((g) => {
      const lists = [[1.5], [2, 3, 4.2], [10, 42, 666.6]];
      const weights = lists.map((x) => tf.constant(x, tf.float32));
      const result = layers.applyRegularization((x) => tf.reduceSum(tf.multiply(2, x)), weights);
      expect(result.op.name).toBe("get_regularization_penalty");
      expect(g.getCollection(tf.GraphKeys.REGULARIZATION_LOSSES)).toEqual([result]);
      expect(run(result)).toBeCloseTo(2 * lists.flat().reduce((a, b) => a + b, 0), 2);
      expect(run(layers.applyRegularization(layers.l2Regularizer(0.0), weights))).toBe(0);
      expect(() => layers.applyRegularization((x) => tf.concat([x, x], 0), weights)).toThrow(
        "regularizer must return a scalar Tensor instead of a Tensor with rank 1.",
      );
    }));
});

/** np.var of a variable initialized by `initializer`. */
function variance(initializer: tf.Initializer, shape: number[]): number {
  return inGraph(() => {
    const v = tf.getVariable("test", shape, { dtype: tf.float32, initializer });
    const sess = new tf.Session();
    sess.run(tf.globalVariablesInitializer());
    const values = Array.from(sess.run(v).data as Float32Array);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  });
}

const closeTo = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-3 + 1e-3 * Math.abs(expected));

describe("initializers_test.py InitializerTest (xavier)", () => {
  it("InitializerTest.test_xavier_wrong_dtype", () => {
    expect(() => layers.xavierInitializer({ dtype: tf.int32 })).toThrow(
      "Cannot create initializer for non-floating point type.",
    );
  });

  for (const uniform of [true, false]) {
    it(`InitializerTest.test_xavier_${uniform ? "uniform" : "normal"} / test_xavier_conv2d_${uniform ? "uniform" : "normal"}`, () => {
      closeTo(variance(layers.xavierInitializer({ uniform, seed: 1 }), [100, 40]), 2 / 140);
      closeTo(variance(layers.xavierInitializerConv2d({ uniform, seed: 1 }), [100, 40, 5, 7]), 2 / (100 * 40 * 12));
    });
  }

  it("InitializerTest.test_xavier_scalar", () => {
    closeTo(variance(layers.xavierInitializer({ uniform: true, seed: 1 }), []), 0);
  });
});

describe("initializers_test.py VarianceScalingInitializerTest", () => {
  it("VarianceScalingInitializerTest.test_wrong_dtype", () =>
    inGraph(() => {
      const message = "Cannot create initializer for non-floating point type.";
      expect(() => layers.varianceScalingInitializer({ dtype: tf.int32 })).toThrow(message);
      const initializer = layers.varianceScalingInitializer();
      expect(() => initializer([], tf.int32)).toThrow(message);
      expect(() => layers.varianceScalingInitializer({ mode: "FAN_NO" })).toThrow(
        "('Unknown mode %s [FAN_IN, FAN_OUT, FAN_AVG]', 'FAN_NO')",
      );
    }));

  const cases: [string, number[], number, number, string][] = [
    ["test_fan_in", [100, 40], 2 / 100, 2, "FAN_IN"],
    ["test_fan_out", [100, 40], 2 / 40, 2, "FAN_OUT"],
    ["test_fan_avg", [100, 40], 4 / 140, 2, "FAN_AVG"],
    ["test_conv2d_fan_in", [100, 40, 5, 7], 2 / (100 * 40 * 5), 2, "FAN_IN"],
    ["test_conv2d_fan_out", [100, 40, 5, 7], 2 / (100 * 40 * 7), 2, "FAN_OUT"],
    ["test_conv2d_fan_avg", [100, 40, 5, 7], 2 / (100 * 40 * 12), 2, "FAN_AVG"],
    ["test_xavier_uniform", [100, 40], 2 / 140, 1, "FAN_AVG"],
    ["test_xavier_scalar", [], 0, 1, "FAN_AVG"],
    ["test_1d_shape_fan_in", [100], 2 / 100, 2, "FAN_IN"],
    ["test_1d_shape_fan_out", [100], 2 / 100, 2, "FAN_OUT"],
    ["test_1d_shape_fan_avg", [100], 4 / 200, 2, "FAN_AVG"],
  ];
  for (const [title, shape, expected, factor, mode] of cases) {
    it(`VarianceScalingInitializerTest.${title}`, () => {
      for (const uniform of [false, true]) {
        closeTo(variance(layers.varianceScalingInitializer({ factor, mode, uniform, seed: 1 }), shape), expected);
      }
    });
  }
});
