// tf.compat.v1.nn.dropout(x, keep_prob=None, noise_shape=None, seed=None, name=None, rate=None) called positionally,
// as TF1 programs do (nn_test.py DropoutTest.testDropoutPlaceholderKeepProb), or with a trailing options object.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph, names } from "../scopes/test-helpers";

describe("tf.nn.dropout: TF 1.15's positional signature", () => {
  it("dropout(x, 0.5) builds the graph dropout(x, { keepProb: 0.5 }) builds", () => {
    const build = (call: (x: tf.Tensor) => tf.Tensor) =>
      inGraph((g) => {
        call(tf.placeholder(tf.float32, [2, 3], "x"));
        return names(g);
      });
    const positional = build((x) => tf.nn.dropout(x, 0.5));
    expect(positional).toEqual(build((x) => tf.nn.dropout(x, { keepProb: 0.5 })));
    expect(positional.at(-1)).toBe("dropout/mul_1:Mul");
  });

  it("nn_test.py DropoutTest.testDropoutPlaceholderKeepProb: dropout(t, keep_prob_placeholder)", () =>
    inGraph(() => {
      const [xDim, yDim, numIter] = [40, 30, 10];
      const t = tf.constant(1.0, { shape: [xDim, yDim], dtype: tf.float32 });
      const keepProbPlaceholder = tf.placeholder(tf.float32);
      const dropout = tf.nn.dropout(t, keepProbPlaceholder);
      expect(dropout.shape).toEqual([xDim, yDim]);
      const sess = new tf.Session();
      for (const keepProb of [0.1, 0.5, 0.8]) {
        let finalCount = 0;
        for (let i = 0; i < numIter; i++) {
          const value = Array.from(sess.run(dropout, new Map([[keepProbPlaceholder, keepProb]])).data as Float32Array);
          finalCount += value.filter((v) => v !== 0).length;
          // Only two values: 0 and 1 / keep_prob.
          const distinct = [...new Set(value)].sort((a, b) => a - b);
          expect(distinct[0]).toBe(0);
          expect(distinct[1]).toBeCloseTo(1 / keepProb, 5);
        }
        // Within 15% of the expected count.
        const expected = xDim * yDim * keepProb * numIter;
        expect(Math.abs(finalCount - expected) / expected).toBeLessThan(0.15);
      }
    }));

  it("noise_shape, seed, name and rate by position; options after positional values", () =>
    inGraph((g) => {
      const x = tf.ones([4, 3]);
      const a = tf.nn.dropout(x, 0.5, [4, 1], 3, "drop");
      expect(a.op.name).toBe("drop/mul_1");
      expect(g.getOperationByName("drop/random_uniform/RandomUniform").attrs.seed2).toBe(3);
      const rows = new tf.Session().run(a).toArray() as number[][];
      for (const row of rows) expect(new Set(row).size).toBe(1);
      const b = tf.nn.dropout(x, null, null, null, "by_rate", 0.25);
      expect(Number((g.getOperationByName("by_rate/rate").attrs.value as tf.NDArray).item())).toBe(0.25);
      expect(b.op.name).toBe("by_rate/mul_1");
      const c = tf.nn.dropout(x, 0.5, { seed: 1, name: "opts" });
      expect(c.op.name).toBe("opts/mul_1");
    }));

  it("TF's errors: no rate, both keep_prob and rate, a parameter given twice", () =>
    inGraph(() => {
      const x = tf.ones([2]);
      expect(() => tf.nn.dropout(x, null)).toThrow("You must provide a rate to dropout.");
      expect(() => tf.nn.dropout(x, 0.5, null, null, null, 0.5)).toThrow("Cannot specify both 'keep_prob' and 'rate'");
      expect(() => tf.nn.dropout(x, 0.5, { keepProb: 0.3 })).toThrow(
        "dropout() got multiple values for argument 'keep_prob'",
      );
      expect(() => tf.nn.dropout(x, 0.5, { noiseShape: [2] }, 1 as never)).toThrow(
        "dropout(): the options object must be the last argument",
      );
      const untyped = tf.nn.dropout as (...args: unknown[]) => tf.Tensor;
      expect(() => untyped(x, 0.5, null, null, null, null, 1)).toThrow(
        "dropout() got 6 arguments after its inputs; TF 1.15's signature has 5 (keep_prob, noise_shape, seed, name, rate)",
      );
    }));
});
