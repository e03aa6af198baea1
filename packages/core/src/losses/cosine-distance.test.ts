// losses_test.py (TF 1.15) CosineDistanceLossTest: values, weights, the `cosine_distance_loss` scope, and the
// axis/dim argument checks of losses_impl.cosine_distance.
import { describe, expect, it } from "vitest";
import * as tf from "../index";

const value = (t: tf.Tensor) => Number(new tf.Session().run(t).item());
const inGraph = (body: (g: tf.Graph) => void) => () => new tf.Graph().asDefault(body);

describe("losses_test.py CosineDistanceLossTest", () => {
  const predictions = () =>
    tf.constant([1, 0, 0, 0, 0, -1, 1, 0, 0, 1, 0, 0, 0, 0, -1, 1, 0, 0], { shape: [3, 2, 3], dtype: tf.int32 });
  const labels = () =>
    tf.constant([1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0], { shape: [3, 2, 3], dtype: tf.int32 });

  it(
    "testValueErrorThrownWhenWeightIsNone; no axis, or both axis and dim, are ValueErrors",
    inGraph((g) => {
      const l = labels();
      const before = g.getOperations().length;
      expect(() => tf.losses.cosineDistance(l, l, { dim: 2, weights: null })).toThrow(tf.errors.ValueError);
      expect(() => tf.losses.cosineDistance(l, l)).toThrow(new tf.errors.ValueError("You must specify 'axis'."));
      expect(() => tf.losses.cosineDistance(l, l, { axis: 2, dim: 2 })).toThrow(
        new tf.errors.ValueError("Cannot specify both 'dim' and 'axis'"),
      );
      expect(g.getOperations().length).toBe(before);
    }),
  );

  it(
    "testAllCorrectNoWeights",
    inGraph(() => {
      expect(value(tf.losses.cosineDistance(labels(), labels(), { dim: 2 }))).toBeCloseTo(0, 5);
    }),
  );

  it(
    "testPartiallyCorrectWithIntegerValues: names, the LOSSES collection, value",
    inGraph((g) => {
      const loss = tf.losses.cosineDistance(labels(), predictions(), { dim: 2 });
      expect(loss.op.name).toBe("cosine_distance_loss/value");
      expect(
        ["ToFloat", "ToFloat_1", "Mul", "Sum", "sub"].map(
          (n) => g.getOperationByName(`cosine_distance_loss/${n}`).type,
        ),
      ).toEqual(["Cast", "Cast", "Mul", "Sum", "Sub"]);
      expect(g.getOperationByName("cosine_distance_loss/Sum").attrs.keep_dims).toBe(true);
      expect(g.getCollection(tf.GraphKeys.LOSSES)).toEqual([loss]);
      expect(value(loss)).toBeCloseTo(1, 5);
      // `axis` positionally, as TF 1.15's signature orders it.
      expect(value(tf.losses.cosineDistance(labels(), predictions(), 2))).toBeCloseTo(1, 5);
    }),
  );

  it(
    "testPartiallyCorrectFloatingPointValues",
    inGraph(() => {
      const p = [
        0.819031913261206,
        0.567041924552012,
        0.08746531232459,
        -0.665139432070255,
        -0.739487441769973,
        -0.103671883216994,
        Math.SQRT1_2,
        -Math.SQRT1_2,
        0,
      ];
      const l = [
        0.819031913261206,
        0.567041924552012,
        0.08746531232459,
        0.665139432070255,
        0.739487441769973,
        0.103671883216994,
        Math.SQRT1_2,
        Math.SQRT1_2,
        0,
      ];
      const tfP = tf.constant(p, { shape: [3, 1, 3], dtype: tf.float32 });
      const tfL = tf.constant(l, { shape: [3, 1, 3], dtype: tf.float32 });
      expect(value(tf.losses.cosineDistance(tfL, tfP, { dim: 2 }))).toBeCloseTo(1, 5);
    }),
  );

  it(
    "testSampleSpecificWeights / testMeasurementSpecificWeights",
    inGraph(() => {
      const sample = tf.constant([1, 0, 0], { shape: [3, 1, 1], dtype: tf.float32 });
      expect(value(tf.losses.cosineDistance(labels(), predictions(), { dim: 2, weights: sample }))).toBe(1);
      const measurement = tf.constant([1, 0, 0, 1, 1, 1], { shape: [3, 2, 1], dtype: tf.int32 });
      expect(value(tf.losses.cosineDistance(labels(), predictions(), { dim: 2, weights: measurement }))).toBe(3 / 4);
    }),
  );

  it(
    "testZeroLossWhenAllSampleSpecificWeightsAreZero / AllMeasurementSpecificWeightsAreZero",
    inGraph(() => {
      for (const shape of [
        [3, 1, 1],
        [3, 2, 1],
      ])
        expect(value(tf.losses.cosineDistance(labels(), predictions(), { dim: 2, weights: tf.zeros(shape) }))).toBe(0);
    }),
  );
});
