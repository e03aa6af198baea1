// adagrad_da_test.py (AdagradDAOptimizerTest), TF 1.15: one step with and without L1/L2 in float64 and float32, the
// sparse minimize step; plus the global step's Identity/add ops, slot names and TF's ValueError.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";
import { allClose, minimizeSparseStep, read } from "./test-optimizers";

/** One apply_gradients step with global_step from `init`, regularization `l1`, `l2`. */
function oneStep(dtype: tf.DType, init: [number[], number[]], l1: number, l2: number) {
  return inGraph((g) => {
    const globalStep = new tf.Variable(0, { dtype: tf.int64, name: "global_step" });
    const var0 = new tf.Variable(init[0], { dtype, name: "var0" });
    const var1 = new tf.Variable(init[1], { dtype, name: "var1" });
    const opt = new tf.train.AdagradDAOptimizer(3.0, globalStep, {
      initialGradientSquaredAccumulatorValue: 0.1,
      l1RegularizationStrength: l1,
      l2RegularizationStrength: l2,
    });
    const update = opt.applyGradients(
      [
        [tf.constant([0.1, 0.2], { dtype }), var0],
        [tf.constant([0.01, 0.02], { dtype }), var1],
      ],
      { globalStep },
    );
    const sess = new tf.Session();
    sess.run(tf.globalVariablesInitializer());
    allClose(read(sess, var0), init[0]);
    allClose(read(sess, var1), init[1]);
    sess.run(update);
    return {
      v0: read(sess, var0),
      v1: read(sess, var1),
      step: read(sess, globalStep),
      opt,
      g,
      optVars: opt.variables(),
    };
  });
}

describe("AdagradDAOptimizer (adagrad_da_test.py)", () => {
  for (const dtype of [tf.float64, tf.float32]) {
    it(`testAdagradDAWithoutRegularizationBasic1 (${dtype.name}): one step from zeros`, () => {
      const r = oneStep(
        dtype,
        [
          [0.0, 0.0],
          [0.0, 0.0],
        ],
        0.0,
        0.0,
      );
      // -0.1*3.0*(0.1 - 0)/(0 + sqrt(0.1 + 0.1*0.1)) = -0.904534
      allClose(r.v0, [-0.904534, -1.603567]);
      allClose(r.v1, [-0.094821, -0.189358]);
      expect(Number(r.step)).toBe(1);
      expect(r.opt.getSlotNames()).toEqual(["gradient_accumulator", "gradient_squared_accumulator"]);
      expect(r.optVars.map((v) => v.name)).toEqual([
        "var0/AdagradDA:0",
        "var0/AdagradDA_1:0",
        "var1/AdagradDA:0",
        "var1/AdagradDA_1:0",
      ]);
      const op = r.g.getOperationByName("AdagradDA/update_var0/ApplyAdagradDA");
      // adagrad_da.py: _prepare's Identity(global_step) + 1, then an Identity of it per update.
      expect(op.inputs[7].name).toBe("AdagradDA/update_var0/Identity:0");
      expect(r.g.getOperationByName("AdagradDA/update_var0/Identity").inputs[0].name).toBe("AdagradDA/add:0");
      expect(r.g.getOperationByName("AdagradDA/add").inputs[0].name).toBe("AdagradDA/Identity:0");
      expect(op.inputs[5].name).toBe(
        dtype === tf.float32 ? "AdagradDA/update_var0/Cast/x:0" : "AdagradDA/update_var0/Cast_1:0",
      );
    });

    it(`testAdagradDAwithoutRegularizationBasic2 (${dtype.name}): one step`, () => {
      const r = oneStep(
        dtype,
        [
          [1.0, 2.0],
          [4.0, 3.0],
        ],
        0.0,
        0.0,
      );
      allClose(r.v0, [-0.904534, -1.603567]);
      allClose(r.v1, [-0.094821, -0.189358]);
    });

    it(`testAdagradDAWithL1 (${dtype.name}): one step`, () => {
      const r = oneStep(
        dtype,
        [
          [1.0, 2.0],
          [4.0, 3.0],
        ],
        0.001,
        0.0,
      );
      allClose(r.v0, [-0.895489, -1.59555]);
      allClose(r.v1, [-0.085339, -0.17989]);
    });

    it(`testAdagradDAWithL1_L2 (${dtype.name}): one step`, () => {
      const r = oneStep(
        dtype,
        [
          [1.0, 2.0],
          [4.0, 3.0],
        ],
        0.001,
        2.0,
      );
      allClose(r.v0, [-0.046907, -0.093659]);
      allClose(r.v1, [-0.004275, -0.009023]);
    });

    it(`testMinimizeSparseResourceVariable (${dtype.name}): one step`, () => {
      let step: tf.Variable | null = null;
      const { value, g } = minimizeSparseStep(dtype, () => {
        step = new tf.Variable(0, { dtype: tf.int64, name: "global_step" });
        return new tf.train.AdagradDAOptimizer(1.0, step);
      });
      allClose(value, [[-1, -1]], { rtol: 0.01 });
      expect(step).not.toBeNull();
      expect(g.getOperationByName("AdagradDA/update_var0/SparseApplyAdagradDA").type).toBe("SparseApplyAdagradDA");
    });
  }

  it("initial_gradient_squared_accumulator_value must be positive (TF's ValueError)", () =>
    inGraph(() => {
      const step = new tf.Variable(0, { dtype: tf.int64 });
      expect(() => new tf.train.AdagradDAOptimizer(1.0, step, 0.0)).toThrow(
        "initial_gradient_squared_accumulator_value must be positive: 0.0",
      );
    }));
});
