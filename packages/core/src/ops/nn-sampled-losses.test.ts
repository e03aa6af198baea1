// candidate_sampling_ops_test.py (CandidateSamplingOpsTest), nn_test.py (ComputeSampledLogitsTest, NCELossTest):
// the samplers' op attrs, shapes and distributions, accidental hits, and nce_loss's names and values.
import { describe, expect, it } from "vitest";
import { expectClose } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";

function inGraph<T>(body: (g: tf.Graph) => T): T {
  const g = new tf.Graph();
  return g.asDefault(() => body(g));
}

const TRUE = [
  [1, 2],
  [0, 4],
  [3, 3],
];

describe("candidate samplers (candidate_sampling_ops_test.py)", () => {
  it("testTrueCandidates / testSampledCandidates: shapes, dtypes, TF's seeds and values in range", () =>
    inGraph((g) => {
      tf.setRandomSeed(7);
      const [sampled, trueExpected, sampledExpected] = tf.nn.logUniformCandidateSampler(TRUE, 2, 5, true, 10);
      const op = sampled.op;
      expect(op.name).toBe("LogUniformCandidateSampler");
      expect(op.type).toBe("LogUniformCandidateSampler");
      expect(op.inputs[0].name).toBe("LogUniformCandidateSampler/true_classes:0");
      expect(op.inputs[0].dtype).toBe(tf.int64);
      expect(op.attrs).toMatchObject({ num_true: 2, num_sampled: 5, unique: true, range_max: 10, seed: 7 });
      expect([sampled.dtype, trueExpected.dtype, sampledExpected.dtype]).toEqual([tf.int64, tf.float32, tf.float32]);
      expect([sampled.shape, trueExpected.shape, sampledExpected.shape]).toEqual([[5], [3, 2], [5]]);
      const sess = new tf.Session({ graph: g });
      const [s, te, se] = sess.run([sampled, trueExpected, sampledExpected]);
      const values = Array.from(s.data as BigInt64Array, Number);
      expect(new Set(values).size).toBe(5);
      for (const v of values) expect(v >= 0 && v < 10).toBe(true);
      expect(te.shape).toEqual([3, 2]);
      for (const c of Array.from(se.data as Float32Array)) expect(c > 0 && c <= 1).toBe(true);
      // Each run continues the Philox stream; a new Session starts it again (seeded: deterministic).
      const again = new tf.Session({ graph: g }).run(sampled);
      expect(Array.from(again.data as BigInt64Array, Number)).toEqual(values);
    }));

  it("testCheckNumTrue-like: the kernel checks true_classes' columns with TF's message", () =>
    inGraph(() => {
      const t = tf.placeholder(tf.int64, [null, null], "t");
      const [sampled] = tf.nn.uniformCandidateSampler(t, 2, 3, false, 5, { seed: 1 });
      expect(() => new tf.Session().run(sampled, { "t:0": [[1, 2, 3]] })).toThrow(
        "true_classes must have num_true columns, expected: 3 was: 2",
      );
    }));

  it("uniform expected counts: p * num_sampled without unique, 1 - (1 - p)^tries with it", () =>
    inGraph(() => {
      const [, te, se] = tf.nn.uniformCandidateSampler(TRUE, 2, 4, false, 8, { seed: 3 });
      const sess = new tf.Session();
      const [a, b] = sess.run([te, se]);
      expectClose(Array.from(a.data as Float32Array), new Array(6).fill(0.5), 1e-7);
      expectClose(Array.from(b.data as Float32Array), new Array(4).fill(0.5), 1e-7);
      const [s] = tf.nn.uniformCandidateSampler(TRUE, 2, 8, true, 8, { seed: 3 });
      const all = Array.from(sess.run(s).data as BigInt64Array, Number).sort((x, y) => x - y);
      expect(all).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    }));

  it("log-uniform sampling follows P(k) = log((k + 2) / (k + 1)) / log(range + 1)", () =>
    inGraph(() => {
      const [s] = tf.nn.logUniformCandidateSampler([[0]], 1, 20000, false, 5, { seed: 11 });
      const counts = new Array(5).fill(0);
      for (const v of new tf.Session().run(s).data as BigInt64Array) counts[Number(v)]++;
      const p = (k: number) => Math.log((k + 2) / (k + 1)) / Math.log(6);
      counts.forEach((c, k) => expect(Math.abs(c / 20000 - p(k))).toBeLessThan(0.015));
    }));

  it("testAccidentalHits: (row, sampled position) pairs with weight -FLT_MAX", () =>
    inGraph(() => {
      const [indices, ids, weights] = tf.nn.computeAccidentalHits(TRUE, [4, 3, 1, 9], 2);
      expect(indices.op.name).toBe("ComputeAccidentalHits");
      const [i, j, w] = new tf.Session().run([indices, ids, weights]);
      expect(i.toArray()).toEqual([0, 1, 2, 2]);
      expect(Array.from(j.data as BigInt64Array, Number)).toEqual([2, 0, 1, 1]);
      expect(Array.from(w.data as Float32Array)).toEqual(new Array(4).fill(-3.4028234663852886e38));
    }));
});

describe("tf.nn.nceLoss (nn_test.py NCELossTest)", () => {
  // nn_test.py _GenerateTestData's idea: fixed sampled values, so the loss is checked against numpy-style math.
  const weights = [
    [0.1, 0.2],
    [0.3, -0.4],
    [0.5, 0.6],
    [-0.7, 0.8],
  ];
  const biases = [0.01, 0.02, 0.03, 0.04];
  const inputs = [
    [1.0, 2.0],
    [-1.0, 0.5],
  ];
  const labels = [[2], [0]];
  const sampledIds = [1, 3];
  const trueExp = [[0.5], [0.25]];
  const sampledExp = [0.4, 0.2];

  function expected(): number[] {
    const dot = (a: number[], b: number[]) => a[0] * b[0] + a[1] * b[1];
    const xent = (logit: number, label: number) =>
      Math.max(logit, 0) - logit * label + Math.log1p(Math.exp(-Math.abs(logit)));
    return inputs.map((x, r) => {
      const t = labels[r][0];
      const trueLogit = dot(x, weights[t]) + biases[t] - Math.log(trueExp[r][0]);
      let loss = xent(trueLogit, 1);
      sampledIds.forEach((s, k) => {
        loss += xent(dot(x, weights[s]) + biases[s] - Math.log(sampledExp[k]), 0);
      });
      return loss;
    });
  }

  it("testNCELoss: values, TF's scopes (nce_loss/, sampled_losses/) and a sparse gradient for the weights", () =>
    inGraph((g) => {
      const w = new tf.Variable(weights, { dtype: tf.float32, name: "w" });
      const b = new tf.Variable(biases, { dtype: tf.float32, name: "b" });
      const sampledValues: [tf.Tensor, tf.Tensor, tf.Tensor] = [
        tf.constant(sampledIds, { dtype: tf.int64 }),
        tf.constant(trueExp, { dtype: tf.float32 }),
        tf.constant(sampledExp, { dtype: tf.float32 }),
      ];
      const loss = tf.nn.nceLoss(w, b, tf.constant(labels, { dtype: tf.int64 }), inputs, 2, 4, { sampledValues });
      expect(loss.shape).toEqual([2]);
      expect(loss.name).toBe("Reshape:0");
      const names = g.getOperations().map((op) => op.name);
      expect(names).toContain("nce_loss/embedding_lookup");
      expect(names).toContain("nce_loss/embedding_lookup_1");
      expect(names).toContain("nce_loss/concat");
      expect(names).toContain("sampled_losses/Select");
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expectClose(Array.from(sess.run(loss).data as Float32Array), expected(), 1e-5);
      const [gw, gb] = tf.gradients(tf.reduceSum(loss), [w, b]);
      expect(gw).toBeInstanceOf(tf.IndexedSlices);
      expect(gb).toBeInstanceOf(tf.IndexedSlices);
      const train = new tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduceSum(loss));
      const before = sess.run(tf.reduceSum(loss)).item() as number;
      sess.run(train);
      expect(sess.run(tf.reduceSum(loss)).item() as number).toBeLessThan(before);
    }));

  it("defaults to the log-uniform sampler; remove_accidental_hits builds ComputeAccidentalHits and SparseToDense", () =>
    inGraph((g) => {
      const w = tf.constant(weights, { dtype: tf.float32 });
      const bias = tf.constant(biases, { dtype: tf.float32 });
      const loss = tf.nn.nceLoss(w, bias, labels, inputs, 2, 4, { seed: 5 });
      expect(g.getOperationByName("nce_loss/LogUniformCandidateSampler").attrs).toMatchObject({
        num_true: 1,
        num_sampled: 2,
        unique: true,
        range_max: 4,
      });
      expect(new tf.Session().run(loss).shape).toEqual([2]);
      const removed = tf.nn.nceLoss(w, bias, labels, inputs, 2, 4, { removeAccidentalHits: true, name: "nce_hits" });
      expect(g.getOperationByName("nce_hits/SparseToDense").attrs).toMatchObject({ validate_indices: false });
      expect(new tf.Session().run(removed).shape).toEqual([2]);
    }));
});
