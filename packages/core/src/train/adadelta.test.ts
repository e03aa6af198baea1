// adadelta_test.py (AdadeltaOptimizerTest), TF 1.15: slots, values after each of 4 steps against the test's numpy
// update, the sparse minimize step; plus TF's op names and the update op of IndexedSlices gradients.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";
import { allClose, minimizeSparseStep, read } from "./test-optimizers";

describe("AdadeltaOptimizer (adadelta_test.py)", () => {
  // adadelta_test.py: doTestBasic (dtypes half and float32: float32 and float64 here)
  for (const dtype of [tf.float32, tf.float64]) {
    for (const grad of [0.2, 0.1, 0.01]) {
      for (const lr of [1.0, 0.5, 0.1]) {
        it(`testBasic (${dtype.name}) grad ${grad} lr ${lr}: slots and 4 steps`, () =>
          inGraph((g) => {
            const var0Init = [1.0, 2.0];
            const var1Init = [3.0, 4.0];
            const var0 = new tf.Variable(var0Init, { dtype, name: "var0" });
            const var1 = new tf.Variable(var1Init, { dtype, name: "var1" });
            const grads = tf.constant([grad, grad], { dtype });
            const rho = 0.95;
            const epsilon = 1e-8;
            const opt = new tf.train.AdadeltaOptimizer({ learningRate: lr, rho, epsilon });
            const update = opt.applyGradients([
              [grads, var0],
              [grads, var1],
            ]);
            const sess = new tf.Session();
            sess.run(tf.globalVariablesInitializer());
            const optVars = opt.variables();
            expect(optVars.map((v) => v.name)).toEqual([
              "var0/Adadelta:0",
              "var0/Adadelta_1:0",
              "var1/Adadelta:0",
              "var1/Adadelta_1:0",
            ]);
            expect(opt.getSlotNames()).toEqual(["accum", "accum_update"]);
            const slot = [opt.getSlot(var0, "accum"), opt.getSlot(var1, "accum")] as tf.Variable[];
            const slotUpdate = [opt.getSlot(var0, "accum_update"), opt.getSlot(var1, "accum_update")] as tf.Variable[];
            const trainable = tf.trainableVariables();
            for (const s of [...slot, ...slotUpdate]) {
              expect(s.shape).toEqual([2]);
              expect(trainable.includes(s)).toBe(false);
            }
            expect(g.getOperationByName("Adadelta/update_var0/ApplyAdadelta").type).toBe("ApplyAdadelta");
            expect(g.getOperationByName("Adadelta/lr").type).toBe("Const");
            allClose(read(sess, var0), var0Init);
            allClose(read(sess, var1), var1Init);
            let accum = 0.0;
            let accumUpdate = 0.0;
            let totUpdate = 0;
            for (let step = 0; step < 4; step++) {
              sess.run(update);
              accum = accum * rho + grad ** 2 * (1 - rho);
              const u = Math.sqrt(accumUpdate + epsilon) * (1 / Math.sqrt(accum + epsilon)) * grad;
              accumUpdate = accumUpdate * rho + u ** 2 * (1.0 - rho);
              totUpdate += u * lr;
              for (let k = 0; k < 2; k++) {
                allClose(read(sess, slot[k]), [accum, accum], { rtol: 1e-5 });
                allClose(read(sess, slotUpdate[k]), [accumUpdate, accumUpdate], { rtol: 1e-5 });
              }
              allClose(read(sess, var0), [var0Init[0] - totUpdate, var0Init[1] - totUpdate], { rtol: 1e-5 });
              allClose(read(sess, var1), [var1Init[0] - totUpdate, var1Init[1] - totUpdate], { rtol: 1e-5 });
            }
          }));
      }
    }
  }

  for (const dtype of [tf.float32, tf.float64]) {
    it(`testMinimizeSparseResourceVariable (${dtype.name}): AdadeltaOptimizer(1.0, 1.0, 1.0), one step`, () => {
      const { value, g } = minimizeSparseStep(dtype, () => new tf.train.AdadeltaOptimizer(1.0, 1.0, 1.0));
      allClose(value, [[-111, -138]]);
      expect(g.getOperationByName("Adadelta/update_var0/SparseApplyAdadelta").type).toBe("SparseApplyAdadelta");
    });
  }

  it("testBasicCallableParams: hyperparameters given as functions, called in _prepare", () =>
    inGraph(() => {
      const var0 = new tf.Variable([1.0, 2.0], { dtype: tf.float32 });
      const opt = new tf.train.AdadeltaOptimizer(
        () => 1.0,
        () => 0.95,
        () => 1e-8,
      );
      const update = opt.applyGradients([[tf.constant([0.1, 0.1], { dtype: tf.float32 }), var0]]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      sess.run(update);
      const accum = 0.1 ** 2 * 0.05;
      const u = (Math.sqrt(1e-8) / Math.sqrt(accum + 1e-8)) * 0.1;
      allClose(read(sess, var0), [1.0 - u, 2.0 - u], { rtol: 1e-5 });
    }));

  it("a hyperparameter given positionally and in the options object is Python's TypeError", () => {
    expect(() => new tf.train.AdadeltaOptimizer(1.0, { learningRate: 2.0 })).toThrow(
      "AdadeltaOptimizer() got multiple values for argument 'learning_rate'",
    );
  });
});
