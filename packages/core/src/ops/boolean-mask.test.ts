// array_ops_test.py (TF 1.15) BooleanMaskTest: values against numpy's tensor[mask], and its static errors.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

describe("array_ops_test.py BooleanMaskTest", () => {
  it("testOneDimensionalMask / testMultiDimensionalMask / testMaskWithAxis (values as numpy)", () =>
    inGraph((g) => {
      const sess = new tf.Session({ graph: g });
      const oneD = tf.booleanMask([0, 1, 2, 3], [true, false, true, false]);
      expect(sess.run(oneD).toArray()).toEqual([0, 2]);
      const rows = tf.booleanMask(
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        [true, false, true],
      );
      expect(rows.shape).toEqual([null, 2]);
      expect(sess.run(rows).toArray()).toEqual([
        [1, 2],
        [5, 6],
      ]);
      const twoD = tf.booleanMask(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [true, false],
          [false, true],
        ],
      );
      expect(sess.run(twoD).toArray()).toEqual([1, 4]);
      const axis1 = tf.booleanMask(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        [false, true, true],
        null,
        1,
      );
      expect(axis1.shape).toEqual([2, null]);
      expect(sess.run(axis1).toArray()).toEqual([
        [2, 3],
        [5, 6],
      ]);
      const none = tf.booleanMask([1, 2], [false, false]);
      expect(sess.run(none).shape).toEqual([0]);
    }));

  it("testMaskIsScalarRaises / testMaskShapeDifferentThanFirstPartOfTensorShapeRaises / unknown mask rank", () =>
    inGraph(() => {
      expect(() => tf.booleanMask([1, 2], true)).toThrow(new tf.errors.ValueError("mask cannot be scalar."));
      expect(() => tf.booleanMask([[1, 2, 3]], [true, false])).toThrow(
        new tf.errors.ValueError("Shapes (1,) and (2,) are incompatible"),
      );
      const unknown = tf.placeholder(tf.bool, null);
      expect(() => tf.booleanMask([1, 2], unknown)).toThrow(
        "Number of mask dimensions must be specified, even if some dimensions are None.  E.g. shape=[None] is ok, but shape=None is not.",
      );
    }));

  it("testWorksWithDimensionsEqualToNoneDuringGraphBuild: fed shapes", () =>
    inGraph((g) => {
      const t = tf.placeholder(tf.int32, [null, 2]);
      const m = tf.placeholder(tf.bool, [null]);
      const masked = tf.booleanMask(t, m);
      expect(masked.shape).toEqual([null, 2]);
      const out = new tf.Session({ graph: g }).run(
        masked,
        new Map<tf.Tensor, unknown>([
          [
            t,
            [
              [1, 2],
              [3, 4],
              [5, 6],
            ],
          ],
          [m, [false, true, true]],
        ]) as never,
      );
      expect(out.toArray()).toEqual([
        [3, 4],
        [5, 6],
      ]);
    }));
});
