// random_ops_test.py RandomUniformTest in spirit: tf.random_uniform with an integer dtype builds TF 1.15's
// RandomUniformInt and runs it: values in [minval, maxval) for int32 and int64, the shape, seeds, TF's messages.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { graphSnapshot, inGraph, names } from "../scopes/test-helpers";

const sample = (t: tf.Tensor) => Array.from(new tf.Session().run(t).data as ArrayLike<number | bigint>, Number);

describe("random_uniform with an integer dtype (RandomUniformInt)", () => {
  it("builds TF 1.15's ops and attrs", () =>
    inGraph((g) => {
      const r = tf.randomUniform([3], { dtype: "int32", maxval: 10, seed: 4 });
      expect(names(g)).toEqual([
        "random_uniform/shape:Const",
        "random_uniform/min:Const",
        "random_uniform/max:Const",
        "random_uniform:RandomUniformInt",
      ]);
      expect(r.name).toBe("random_uniform:0");
      expect(r.dtype).toBe(tf.int32);
      expect(r.shape).toEqual([3]);
      expect(r.op.attrs.seed).toBe(87654321);
      expect(r.op.attrs.seed2).toBe(4);
      expect(r.op.attrs.Tout).toBe(tf.int32);
      expect(r.op.attrs.T).toBe(tf.int32);
    }));

  it("runs: int32 values in [minval, maxval) with the requested shape (random_ops_test.py testUniformInts)", () =>
    inGraph(() => {
      const r = tf.randomUniform([3], { dtype: "int32", maxval: 10 });
      const value = new tf.Session().run(r);
      expect(value.dtype.name).toBe("int32");
      expect(value.shape).toEqual([3]);
      const many = sample(tf.randomUniform([40, 25], { dtype: tf.int32, minval: -7, maxval: 9, seed: 1 }));
      expect(many.length).toBe(1000);
      expect(Math.min(...many)).toBe(-7);
      expect(Math.max(...many)).toBe(8);
      expect(many.every((v) => Number.isInteger(v))).toBe(true);
    }));

  it("runs: int64 values in [minval, maxval), also beyond 2^32", () =>
    inGraph(() => {
      const small = tf.randomUniform([2, 250], { dtype: "int64", minval: 3, maxval: 6, seed: 2 });
      const value = new tf.Session().run(small);
      expect(value.dtype.name).toBe("int64");
      expect(value.shape).toEqual([2, 250]);
      expect([...new Set(sample(small))].sort()).toEqual([3, 4, 5]);
      const wide = sample(tf.randomUniform([200], { dtype: "int64", minval: -(2 ** 40), maxval: 2 ** 40, seed: 3 }));
      expect(wide.every((v) => v >= -(2 ** 40) && v < 2 ** 40)).toBe(true);
      expect(wide.some((v) => Math.abs(v) > 2 ** 32)).toBe(true);
    }));

  it("is deterministic with a seed, and different seeds differ (random_ops_test.py testSeed)", () => {
    const draw = (graphSeed: number | null, seed: number | null) =>
      inGraph(() => {
        tf.setRandomSeed(graphSeed);
        return sample(tf.randomUniform([100], { dtype: "int32", maxval: 1000, seed }));
      });
    const a = draw(null, 7);
    expect(draw(null, 7)).toEqual(a);
    expect(draw(null, 8)).not.toEqual(a);
    expect(draw(5, null)).toEqual(draw(5, null));
    expect(draw(5, null)).not.toEqual(draw(6, null));
  });

  it("continues its stream on a second run in the same Session", () =>
    inGraph(() => {
      const r = tf.randomUniform([20], { dtype: "int32", maxval: 1000, seed: 9 });
      const sess = new tf.Session();
      const first = sess.run(r).toArray();
      expect(sess.run(r).toArray()).not.toEqual(first);
      expect(new tf.Session().run(r).toArray()).toEqual(first);
    }));

  it("random_ops.py: an integer dtype needs maxval; other dtypes are invalid", () =>
    inGraph((g) => {
      const before = graphSnapshot(g);
      expect(() => tf.randomUniform([3], { dtype: "int32" })).toThrow(
        new tf.errors.ValueError("Must specify maxval for integer dtype tf.int32"),
      );
      expect(() => tf.randomUniform([3], { dtype: tf.int64, maxval: null })).toThrow(
        "Must specify maxval for integer dtype tf.int64",
      );
      expect(() => tf.randomUniform([3], { dtype: "bool", maxval: 1 })).toThrow("Invalid dtype tf.bool");
      expect(graphSnapshot(g)).toEqual(before);
    }));

  it("random_ops.cc shape function: minval and maxval must be scalars; the graph is left as it was", () =>
    inGraph((g) => {
      const before = graphSnapshot(g);
      expect(() => tf.randomUniform([3], { dtype: "int32", minval: [0, 1], maxval: 10 })).toThrow(
        "Shape must be rank 0 but is rank 1 for 'random_uniform' (op: 'RandomUniformInt') with input shapes: [1], [2], [].",
      );
      expect(graphSnapshot(g)).toEqual(before);
    }));

  it("random_op.cc: Need minval < maxval at run time, unless the output is empty", () =>
    inGraph(() => {
      const r = tf.randomUniform([2], { dtype: "int32", minval: 5, maxval: 5 });
      let caught: unknown;
      try {
        new tf.Session().run(r);
      } catch (error) {
        caught = error;
      }
      expect(tf.errors.InvalidArgumentError.isInstance(caught)).toBe(true);
      expect(String(caught)).toBe(
        "InvalidArgumentError: Need minval < maxval, got 5 >= 5\n\t [[{{node random_uniform}}]]",
      );
      const empty = tf.randomUniform([0, 3], { dtype: "int64", minval: 5, maxval: 5 });
      expect(new tf.Session().run(empty).shape).toEqual([0, 3]);
    }));

  it("random_op.cc: a fed shape must be a vector of non-negative dimensions", () =>
    inGraph(() => {
      const shape = tf.placeholder("int32", null, "shape");
      const r = tf.randomUniform(shape, { dtype: "int32", maxval: 4 });
      const sess = new tf.Session();
      expect(sess.run(r, { "shape:0": [2, 2] }).shape).toEqual([2, 2]);
      expect(() => sess.run(r, { "shape:0": [[2, 2]] })).toThrow(
        "shape must be a vector of {int32,int64}, got shape [1,2]\n\t [[{{node random_uniform}}]]",
      );
      expect(() => sess.run(r, { "shape:0": [2, -1] })).toThrow(
        "Dimension -1 must be >= 0\n\t [[{{node random_uniform}}]]",
      );
    }));
});
