// nn_test.py DropoutTest in spirit: tf.compat.v1.nn.dropout's graph as TF 1.15 builds it (names and op types), kept
// values scaled by 1 / (1 - rate), determinism with a seed, noise_shape, early returns, TF's messages, and the
// gradient through the mask against central differences in float64.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph, names } from "../scopes/test-helpers";

describe("dropout", () => {
  it("builds TF 1.15's ops under `dropout`", () =>
    inGraph((g) => {
      const x = tf.placeholder("float32", [2, 3], "x");
      const y = tf.nn.dropout(x, { keepProb: 0.75, seed: 1 });
      expect(y.shape).toEqual([2, 3]);
      expect(y.op.name).toBe("dropout/mul_1");
      expect(names(g)).toEqual([
        "x:Placeholder",
        "dropout/rate:Const",
        "dropout/Shape:Const",
        "dropout/random_uniform/min:Const",
        "dropout/random_uniform/max:Const",
        "dropout/random_uniform/RandomUniform:RandomUniform",
        "dropout/random_uniform/sub:Sub",
        "dropout/random_uniform/mul:Mul",
        "dropout/random_uniform:Add",
        "dropout/sub/x:Const",
        "dropout/sub:Sub",
        "dropout/truediv/x:Const",
        "dropout/truediv:RealDiv",
        "dropout/GreaterEqual:GreaterEqual",
        "dropout/mul:Mul",
        "dropout/Cast:Cast",
        "dropout/mul_1:Mul",
      ]);
    }));

  it("keeps each element with probability 1 - rate, scaled; deterministic with a seed", () =>
    inGraph(() => {
      const ones = tf.ones([40, 50], "float64");
      const y = tf.nn.dropout(ones, { rate: 0.25, seed: 7 });
      const sess = new tf.Session();
      const a = sess.run(y).data as Float64Array;
      const b = new tf.Session().run(y).data as Float64Array;
      expect(Array.from(a)).toEqual(Array.from(b));
      const kept = Array.from(a).filter((v) => v !== 0);
      expect(new Set(kept)).toEqual(new Set([1 / 0.75]));
      expect(Math.abs(kept.length / a.length - 0.75)).toBeLessThan(0.05);
    }));

  it("noiseShape drops whole rows; its unknown entries come from x", () =>
    inGraph(() => {
      const x = tf.ones([6, 4]);
      const y = tf.nn.dropout(x, { rate: 0.5, noiseShape: [null, 1], seed: 3 });
      const v = new tf.Session().run(y).toArray() as number[][];
      for (const row of v) expect(new Set(row).size).toBe(1);
      expect(v.flat().every((e) => e === 0 || e === 2)).toBe(true);
    }));

  it("a rate of 0 returns x; a tensor rate; scalar and empty x", () =>
    inGraph(() => {
      const x = tf.constant([1, 2], { dtype: "float32" });
      expect(tf.nn.dropout(x, { rate: 0 })).toBe(x);
      expect(tf.nn.dropout(x, { keepProb: 1 })).toBe(x);
      const r = tf.placeholder("float32", [], "r");
      const y = tf.nn.dropout(x, { rate: r, seed: 2, name: "drop" });
      expect(y.op.name).toBe("drop/mul_1");
      const half = Array.from(new tf.Session().run(y, new Map([[r, 0.5]])).data as Float32Array);
      expect(half.every((v, i) => v === 0 || v === 2 * (i + 1))).toBe(true);
      expect(new tf.Session().run(y, new Map([[r, 0]])).toArray()).toEqual([1, 2]);
      const s = tf.nn.dropout(tf.constant(3, { dtype: "float64" }), { rate: 0.5, seed: 1 });
      expect(s.shape).toEqual([]);
      expect([0, 6]).toContain(new tf.Session().run(s).item());
      expect(new tf.Session().run(tf.nn.dropout(tf.zeros([0, 2]), { rate: 0.5 })).toArray()).toEqual([]);
    }));

  it("TF's messages", () =>
    inGraph(() => {
      const x = tf.zeros([2]);
      expect(() => tf.nn.dropout(x)).toThrow("You must provide a rate to dropout.");
      expect(() => tf.nn.dropout(x, { rate: 0.5, keepProb: 0.5 })).toThrow(
        "Cannot specify both 'keep_prob' and 'rate'",
      );
      expect(() => tf.nn.dropout(x, { rate: 1 })).toThrow(
        "rate must be a scalar tensor or a float in the range [0, 1), got 1",
      );
      expect(() => tf.nn.dropout(x, { keepProb: 1.5 })).toThrow(
        "rate must be a scalar tensor or a float in the range [0, 1), got -0.5",
      );
      expect(() => tf.nn.dropout(tf.constant([1, 2]), { rate: 0.5 })).toThrow(
        "x has to be a floating point tensor since it's going to be scaled. Got a <dtype: 'int32'> tensor instead.",
      );
      expect(() => tf.nn.dropout(x, { rate: tf.constant([0.5, 0.5]) })).toThrow("Shape (2,) must have rank 0");
    }));

  it("gradient: the mask's scale where kept, 0 where dropped (float64)", () =>
    // RandomUniform draws anew on every run (as in TF), so central differences over several runs would see several
    // masks; the gradient and the output are fetched in one run and checked against each other instead.
    inGraph(() => {
      const x = tf.constant(
        Array.from({ length: 24 }, (_, i) => 0.25 + i / 8),
        { dtype: "float64", shape: [4, 6] },
      );
      const y = tf.nn.dropout(x, { rate: 0.4, seed: 11 });
      const w = tf.constant(
        Array.from({ length: 24 }, (_, i) => ((i * 7) % 5) - 2.5),
        { dtype: "float64", shape: [4, 6] },
      );
      const [g] = tf.gradients(y, [x], { gradYs: [w] });
      const [yv, gv, xv, wv] = new tf.Session().run([y, g as tf.Tensor, x, w]).map((a) => a.data as Float64Array);
      for (let i = 0; i < 24; i++) expect(gv[i]).toBeCloseTo((wv[i] * yv[i]) / xv[i], 12);
      expect(Array.from(yv).some((v) => v === 0)).toBe(true);
      expect(Array.from(yv).some((v) => v !== 0)).toBe(true);
    }));
});
