// rmsprop_test.py (RMSPropOptimizerTest) and adagrad_test.py (AdagradOptimizerTest), TF 1.15: slot names and
// values step by step against the numpy reference update of the TF test, dense and sparse (IndexedSlices).
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

type Row = { lr: number; decay: number; momentum: number; epsilon: number; centered: boolean };
// rmsprop_test.py: _TEST_PARAM_VALUES (learning_rate, decay, momentum, epsilon, centered), the use_resource rows aside.
const params: Row[] = [
  [0.5, 0.9, 0.0, 1e-3, true],
  [0.5, 0.9, 0.0, 1e-3, false],
  [0.1, 0.9, 0.0, 1e-3, true],
  [0.5, 0.95, 0.0, 1e-3, false],
  [0.5, 0.95, 0.0, 1e-5, true],
  [0.5, 0.95, 0.9, 1e-5, true],
].map(([lr, decay, momentum, epsilon, centered]) => ({
  lr: lr as number,
  decay: decay as number,
  momentum: momentum as number,
  epsilon: epsilon as number,
  centered: centered as boolean,
}));

/** rmsprop_test.py: _rmsprop_update_numpy, on the elements `at` (all of them for a dense gradient). */
function rmspropNumpy(
  s: { v: number[]; mg: number[]; rms: number[]; mom: number[] },
  g: number[],
  at: number[],
  p: Row,
) {
  at.forEach((i, k) => {
    s.rms[i] = s.rms[i] * p.decay + (1 - p.decay) * g[k] * g[k];
    let denom = s.rms[i] + p.epsilon;
    if (p.centered) {
      s.mg[i] = s.mg[i] * p.decay + (1 - p.decay) * g[k];
      denom -= s.mg[i] * s.mg[i];
    }
    s.mom[i] = p.momentum * s.mom[i] + (p.lr * g[k]) / Math.sqrt(denom);
    s.v[i] -= s.mom[i];
  });
}

const close = (got: unknown, want: number[], digits = 5) => {
  const g = (got as number[]).flat() as number[];
  expect(g.length).toBe(want.length);
  g.forEach((x, i) => expect(x).toBeCloseTo(want[i], digits));
};

describe("RMSPropOptimizer (rmsprop_test.py)", () => {
  for (const sparse of [false, true]) {
    for (const p of params) {
      it(`${sparse ? "testSparse" : "testDense"} lr ${p.lr} decay ${p.decay} momentum ${p.momentum} eps ${p.epsilon}${p.centered ? " centered" : ""}: 4 steps`, () =>
        inGraph((g) => {
          const var0 = new tf.Variable([1.0, 2.0], { dtype: tf.float32, name: "var0" });
          const var1 = new tf.Variable([3.0, 4.0], { dtype: tf.float32, name: "var1" });
          const g0 = sparse ? [0.1] : [0.1, 0.2];
          const g1 = sparse ? [0.01] : [0.01, 0.2];
          const grad = (values: number[], index: number) =>
            sparse
              ? new tf.IndexedSlices(tf.constant(values, { dtype: tf.float32 }), tf.constant([index]), tf.constant([1]))
              : tf.constant(values, { dtype: tf.float32 });
          const opt = new tf.train.RMSPropOptimizer(p.lr, {
            decay: p.decay,
            momentum: p.momentum,
            epsilon: p.epsilon,
            centered: p.centered,
          });
          const update = opt.applyGradients([
            [grad(g0, 0), var0],
            [grad(g1, 1), var1],
          ]);
          expect(opt.getSlot(var0, "mg") !== null).toBe(p.centered);
          const [rms0, mom0] = [opt.getSlot(var0, "rms"), opt.getSlot(var0, "momentum")] as tf.Variable[];
          expect([rms0.name, mom0.name]).toEqual(
            p.centered ? ["var0/RMSProp:0", "var0/RMSProp_2:0"] : ["var0/RMSProp:0", "var0/RMSProp_1:0"],
          );
          const type = sparse
            ? p.centered
              ? "SparseApplyCenteredRMSProp"
              : "SparseApplyRMSProp"
            : p.centered
              ? "ApplyCenteredRMSProp"
              : "ApplyRMSProp";
          expect(g.getOperationByName(`RMSProp/update_var0/${type}`).type).toBe(type);
          const sess = new tf.Session();
          sess.run(tf.globalVariablesInitializer());
          const s0 = { v: [1, 2], mg: [0, 0], rms: [1, 1], mom: [0, 0] };
          const s1 = { v: [3, 4], mg: [0, 0], rms: [1, 1], mom: [0, 0] };
          for (let step = 0; step < 4; step++) {
            sess.run(update);
            rmspropNumpy(s0, g0, sparse ? [0] : [0, 1], p);
            rmspropNumpy(s1, g1, sparse ? [1] : [0, 1], p);
            const [v0, v1, r0, m0] = sess.run([var0, var1, rms0, mom0] as unknown as tf.Tensor[]);
            close(v0.toArray(), s0.v);
            close(v1.toArray(), s1.v);
            close(r0.toArray(), s0.rms);
            close(m0.toArray(), s0.mom);
            if (p.centered) close(sess.run(opt.getSlot(var1, "mg") as tf.Variable).toArray(), s1.mg);
          }
        }));
    }
  }

  it("testWithoutMomentum: TF's rms and parameters after each of two steps", () =>
    inGraph(() => {
      const var0 = new tf.Variable([1.0, 2.0], { dtype: tf.float32 });
      const var1 = new tf.Variable([3.0, 4.0], { dtype: tf.float32 });
      const opt = new tf.train.RMSPropOptimizer(2.0, { decay: 0.9, momentum: 0.0, epsilon: 1.0 });
      const update = opt.applyGradients([
        [tf.constant([0.1, 0.1], { dtype: tf.float32 }), var0],
        [tf.constant([0.01, 0.01], { dtype: tf.float32 }), var1],
      ]);
      const [rms0, rms1] = [opt.getSlot(var0, "rms"), opt.getSlot(var1, "rms")] as tf.Variable[];
      const sess = new tf.Session();
      const read = (v: tf.Variable) => sess.run(v as unknown as tf.Tensor).toArray();
      sess.run(tf.globalVariablesInitializer());
      sess.run(update);
      close(read(rms0), [0.901, 0.901]);
      close(read(rms1), [0.90001, 0.90001]);
      const d0 = (0.1 * 2.0) / Math.sqrt(0.901 + 1.0);
      const d1 = (0.01 * 2.0) / Math.sqrt(0.90001 + 1.0);
      close(read(var0), [1.0 - d0, 2.0 - d0]);
      close(read(var1), [3.0 - d1, 4.0 - d1]);
      sess.run(update);
      close(read(rms0), [0.901 * 0.9 + 0.001, 0.901 * 0.9 + 0.001]);
      close(read(rms1), [0.90001 * 0.9 + 1e-5, 0.90001 * 0.9 + 1e-5]);
      const e0 = (0.1 * 2.0) / Math.sqrt(0.901 * 0.9 + 0.001 + 1.0);
      const e1 = (0.01 * 2.0) / Math.sqrt(0.90001 * 0.9 + 1e-5 + 1.0);
      close(read(var0), [1.0 - d0 - e0, 2.0 - d0 - e0]);
      close(read(var1), [3.0 - d1 - e1, 4.0 - d1 - e1]);
    }));
});

describe("AdagradOptimizer (adagrad_test.py)", () => {
  for (const dtype of [tf.float32, tf.float64]) {
    it(`testBasic (${dtype.name}): slot var0/Adagrad, 3 steps: TF's numbers`, () =>
      inGraph((g) => {
        const var0 = new tf.Variable([1.0, 2.0], { dtype, name: "var0" });
        const var1 = new tf.Variable([3.0, 4.0], { dtype, name: "var1" });
        const opt = new tf.train.AdagradOptimizer(3.0, { initialAccumulatorValue: 0.1 });
        const update = opt.applyGradients([
          [tf.constant([0.1, 0.1], { dtype }), var0],
          [tf.constant([0.01, 0.01], { dtype }), var1],
        ]);
        expect(opt.getSlotNames()).toEqual(["accumulator"]);
        expect((opt.getSlot(var0, "accumulator") as tf.Variable).name).toBe("var0/Adagrad:0");
        expect(g.getOperationByName("Adagrad/update_var0/ApplyAdagrad").type).toBe("ApplyAdagrad");
        const sess = new tf.Session();
        sess.run(tf.globalVariablesInitializer());
        for (let i = 0; i < 3; i++) sess.run(update);
        close(sess.run(var0 as unknown as tf.Tensor).toArray(), [-1.6026098728179932, -0.6026098728179932]);
        close(sess.run(var1 as unknown as tf.Tensor).toArray(), [2.715679168701172, 3.715679168701172]);
      }));
  }

  it("testTensorLearningRate and testSharing: two apply_gradients share the accumulators", () =>
    inGraph(() => {
      const var0 = new tf.Variable([1.0, 2.0], { dtype: tf.float32 });
      const var1 = new tf.Variable([3.0, 4.0], { dtype: tf.float32 });
      const opt = new tf.train.AdagradOptimizer(tf.constant(3.0, { dtype: tf.float32 }));
      const pairs = (): [tf.Tensor, tf.Variable][] => [
        [tf.constant([0.1, 0.1], { dtype: tf.float32 }), var0],
        [tf.constant([0.01, 0.01], { dtype: tf.float32 }), var1],
      ];
      const u1 = opt.applyGradients(pairs());
      const u2 = opt.applyGradients(pairs());
      expect(opt.getSlotNames()).toEqual(["accumulator"]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      sess.run(u1);
      sess.run(u2);
      sess.run(u1);
      close(sess.run(var0 as unknown as tf.Tensor).toArray(), [-1.6026098728179932, -0.6026098728179932]);
      close(sess.run(var1 as unknown as tf.Tensor).toArray(), [2.715679168701172, 3.715679168701172]);
    }));

  it("testSparseBasic: SparseApplyAdagrad on the rows given", () =>
    inGraph((g) => {
      const var0 = new tf.Variable([[1.0], [2.0]], { dtype: tf.float32, name: "var0" });
      const var1 = new tf.Variable([[3.0], [4.0]], { dtype: tf.float32, name: "var1" });
      const slices = (v: number, i: number) =>
        new tf.IndexedSlices(tf.constant([[v]], { dtype: tf.float32 }), tf.constant([i]), tf.constant([2, 1]));
      const opt = new tf.train.AdagradOptimizer(3.0, { initialAccumulatorValue: 0.1 });
      const update = opt.applyGradients([
        [slices(0.1, 0), var0],
        [slices(0.01, 1), var1],
      ]);
      expect(g.getOperationByName("Adagrad/update_var0/SparseApplyAdagrad").type).toBe("SparseApplyAdagrad");
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      for (let i = 0; i < 3; i++) sess.run(update);
      close(sess.run(var0 as unknown as tf.Tensor).toArray(), [-1.6026098728179932, 2.0]);
      close(sess.run(var1 as unknown as tf.Tensor).toArray(), [3.0, 3.715679168701172]);
    }));

  it("testSparseRepeatedIndices: repeated rows equal their sum", () =>
    inGraph(() => {
      const repeated = new tf.Variable([[1.0], [2.0]], { dtype: tf.float32 });
      const aggregated = new tf.Variable([[1.0], [2.0]], { dtype: tf.float32 });
      const gRepeated = new tf.IndexedSlices(
        tf.constant([[0.1], [0.1]], { dtype: tf.float32 }),
        tf.constant([1, 1]),
        tf.constant([2, 1]),
      );
      const gAggregated = new tf.IndexedSlices(
        tf.constant([[0.2]], { dtype: tf.float32 }),
        tf.constant([1]),
        tf.constant([2, 1]),
      );
      const u1 = new tf.train.AdagradOptimizer(3.0).applyGradients([[gRepeated, repeated]]);
      const u2 = new tf.train.AdagradOptimizer(3.0).applyGradients([[gAggregated, aggregated]]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      for (let i = 0; i < 3; i++) {
        sess.run(u1);
        sess.run(u2);
        close(
          sess.run(repeated as unknown as tf.Tensor).toArray(),
          (sess.run(aggregated as unknown as tf.Tensor).toArray() as number[][]).flat(),
        );
      }
    }));

  it("initial_accumulator_value must be positive (TF's ValueError)", () => {
    expect(() => new tf.train.AdagradOptimizer(1.0, { initialAccumulatorValue: 0 })).toThrow(
      "initial_accumulator_value must be positive: 0.0",
    );
  });
});
