// ftrl_test.py (FtrlOptimizerTest), TF 1.15: values after N steps (no regularization, L1, L1+L2, L2 shrinkage dense
// and sparse), the sparse minimize step, the equivalences with Adagrad and GradientDescent, slot names and TF's
// argument errors.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";
import { allClose, minimizeSparseStep, read } from "./test-optimizers";

type FtrlArgs = Omit<tf.train.FtrlOptions, "name" | "useLocking">;
const dtypes = [tf.float32, tf.float64];

/** The tests' run: `steps` updates of var0, var1 from `init` with [0.1, 0.2] and [0.01, 0.02]. */
function run(dtype: tf.DType, options: FtrlArgs, init: [number[], number[]], steps: number) {
  return inGraph((g) => {
    const var0 = new tf.Variable(init[0], { dtype, name: "var0" });
    const var1 = new tf.Variable(init[1], { dtype, name: "var1" });
    const opt = new tf.train.FtrlOptimizer(3.0, options);
    const update = opt.applyGradients([
      [tf.constant([0.1, 0.2], { dtype }), var0],
      [tf.constant([0.01, 0.02], { dtype }), var1],
    ]);
    const sess = new tf.Session();
    sess.run(tf.globalVariablesInitializer());
    allClose(read(sess, var0), init[0]);
    allClose(read(sess, var1), init[1]);
    for (let i = 0; i < steps; i++) sess.run(update);
    return { v0: read(sess, var0), v1: read(sess, var1), optVars: opt.variables(), opt, g };
  });
}

/** ftrl_test.py: applyOptimizer(opt, dtype, steps=5, is_sparse): 5 steps from zeros. */
function applyOptimizer(make: () => tf.train.Optimizer, dtype: tf.DType, isSparse: boolean, steps = 5) {
  return inGraph(() => {
    const var0 = new tf.Variable(isSparse ? [[0.0], [0.0]] : [0.0, 0.0], { dtype });
    const var1 = new tf.Variable(isSparse ? [[0.0], [0.0]] : [0.0, 0.0], { dtype });
    const slices = (v: number, i: number) =>
      new tf.IndexedSlices(tf.constant([v], { dtype, shape: [1, 1] }), tf.constant([i]), tf.constant([2, 1]));
    const update = make().applyGradients([
      [isSparse ? slices(0.1, 0) : tf.constant([0.1, 0.2], { dtype }), var0],
      [isSparse ? slices(0.02, 1) : tf.constant([0.01, 0.02], { dtype }), var1],
    ]);
    const sess = new tf.Session();
    sess.run(tf.globalVariablesInitializer());
    for (let i = 0; i < steps; i++) sess.run(update);
    return [read(sess, var0), read(sess, var1)] as const;
  });
}

const base = { initialAccumulatorValue: 0.1, l1RegularizationStrength: 0.0, l2RegularizationStrength: 0.0 };

describe("FtrlOptimizer (ftrl_test.py)", () => {
  for (const dtype of dtypes) {
    it(`testFtrlWithoutRegularization (${dtype.name}): 3 steps from zeros; slots var0/Ftrl, var0/Ftrl_1`, () => {
      const r = run(
        dtype,
        base,
        [
          [0.0, 0.0],
          [0.0, 0.0],
        ],
        3,
      );
      allClose(r.v0, [-2.60260963, -4.29698515]);
      allClose(r.v1, [-0.28432083, -0.56694895]);
      expect(r.opt.getSlotNames()).toEqual(["accum", "linear"]);
      expect(r.optVars.map((v) => v.name)).toEqual(["var0/Ftrl:0", "var0/Ftrl_1:0", "var1/Ftrl:0", "var1/Ftrl_1:0"]);
      const op = r.g.getOperationByName("Ftrl/update_var0/ApplyFtrl");
      // ftrl.py casts each scalar to var's dtype: no op for float32, `update_var0/Cast`, `Cast_1`, ... for float64.
      expect(op.inputs.slice(4).map((t) => t.name)).toEqual(
        dtype === tf.float32
          ? [
              "Ftrl/learning_rate:0",
              "Ftrl/l1_regularization_strength:0",
              "Ftrl/l2_regularization_strength:0",
              "Ftrl/learning_rate_power:0",
            ]
          : ["Cast", "Cast_1", "Cast_2", "Cast_3"].map((c) => `Ftrl/update_var0/${c}:0`),
      );
    });

    it(`testFtrlwithoutRegularization2 (${dtype.name}): 3 steps`, () => {
      const r = run(
        dtype,
        base,
        [
          [1.0, 2.0],
          [4.0, 3.0],
        ],
        3,
      );
      allClose(r.v0, [-2.55607247, -3.98729396]);
      allClose(r.v1, [-0.28232238, -0.56096673]);
    });

    it(`testMinimizeSparseResourceVariable (${dtype.name}): one step`, () => {
      const { value, g } = minimizeSparseStep(dtype, () => new tf.train.FtrlOptimizer(1.0));
      allClose(value, [[0, 1]], { atol: 0.01 });
      expect(g.getOperationByName("Ftrl/update_var0/SparseApplyFtrl").type).toBe("SparseApplyFtrl");
    });

    it(`testFtrlWithL1 (${dtype.name}): 10 steps`, () => {
      const r = run(
        dtype,
        { ...base, l1RegularizationStrength: 0.001 },
        [
          [1.0, 2.0],
          [4.0, 3.0],
        ],
        10,
      );
      allClose(r.v0, [-7.66718769, -10.91273689]);
      allClose(r.v1, [-0.93460727, -1.86147261]);
    });

    it(`testFtrlWithL1_L2 (${dtype.name}): 10 steps`, () => {
      const options = { ...base, l1RegularizationStrength: 0.001, l2RegularizationStrength: 2.0 };
      const r = run(
        dtype,
        options,
        [
          [1.0, 2.0],
          [4.0, 3.0],
        ],
        10,
      );
      allClose(r.v0, [-0.24059935, -0.46829352]);
      allClose(r.v1, [-0.02406147, -0.04830509]);
    });

    it(`testFtrlWithL1_L2_L2Shrinkage (${dtype.name}): 10 steps of ApplyFtrlV2`, () => {
      const options = {
        ...base,
        l1RegularizationStrength: 0.001,
        l2RegularizationStrength: 2.0,
        l2ShrinkageRegularizationStrength: 0.1,
      };
      const r = run(
        dtype,
        options,
        [
          [1.0, 2.0],
          [4.0, 3.0],
        ],
        10,
      );
      allClose(r.v0, [-0.22578995, -0.44345796]);
      allClose(r.v1, [-0.14378493, -0.13229476]);
      expect(
        r.g
          .getOperationByName("Ftrl/update_var0/ApplyFtrlV2")
          .inputs.map((t) => t.name)
          .slice(7),
      ).toEqual(
        dtype === tf.float32
          ? ["Ftrl/l2_shrinkage_regularization_strength:0", "Ftrl/learning_rate_power:0"]
          : ["Ftrl/update_var0/Cast_3:0", "Ftrl/update_var0/Cast_4:0"],
      );
    });

    it(`testFtrlWithL1_L2_L2ShrinkageSparse (${dtype.name}): 10 steps of SparseApplyFtrlV2`, () =>
      inGraph((g) => {
        const var0 = new tf.Variable([[1.0], [2.0]], { dtype, name: "var0" });
        const var1 = new tf.Variable([[4.0], [3.0]], { dtype, name: "var1" });
        const slices = (v: number, i: number) =>
          new tf.IndexedSlices(tf.constant([v], { dtype, shape: [1, 1] }), tf.constant([i]), tf.constant([2, 1]));
        const opt = new tf.train.FtrlOptimizer(3.0, {
          ...base,
          l1RegularizationStrength: 0.001,
          l2RegularizationStrength: 2.0,
          l2ShrinkageRegularizationStrength: 0.1,
        });
        const update = opt.applyGradients([
          [slices(0.1, 0), var0],
          [slices(0.02, 1), var1],
        ]);
        expect(g.getOperationByName("Ftrl/update_var0/SparseApplyFtrlV2").type).toBe("SparseApplyFtrlV2");
        const sess = new tf.Session();
        sess.run(tf.globalVariablesInitializer());
        for (let i = 0; i < 10; i++) sess.run(update);
        allClose(read(sess, var0), [[-0.22578995], [2.0]]);
        allClose(read(sess, var1), [[4.0], [-0.13229476]]);
      }));

    it(`testFtrlWithL2ShrinkageDoesNotChangeLrSchedule (${dtype.name})`, () =>
      inGraph(() => {
        const var0 = new tf.Variable([1.0, 2.0], { dtype });
        const var1 = new tf.Variable([1.0, 2.0], { dtype });
        const options = { ...base, l1RegularizationStrength: 0.001, l2RegularizationStrength: 2.0 };
        const opt0 = new tf.train.FtrlOptimizer(3.0, { ...options, l2ShrinkageRegularizationStrength: 0.1 });
        const opt1 = new tf.train.FtrlOptimizer(3.0, options);
        const update0 = opt0.applyGradients([[tf.constant([0.1, 0.2], { dtype }), var0]]);
        const update1 = opt1.applyGradients([[tf.constant([0.1, 0.2], { dtype }), var1]]);
        const sess = new tf.Session();
        sess.run(tf.globalVariablesInitializer());
        for (let i = 0; i < 10; i++) {
          sess.run(update0);
          sess.run(update1);
        }
        const [v0, v1] = [read(sess, var0), read(sess, var1)] as number[][];
        v0.forEach((x, i) => expect(x ** 2).toBeLessThan(v1[i] ** 2));
        const accum0 = read(sess, opt0.getSlot(var0, "accum") as tf.Variable);
        const accum1 = read(sess, opt1.getSlot(var1, "accum") as tf.Variable);
        allClose(accum0, accum1 as number[]);
      }));

    for (const isSparse of [false, true]) {
      const sparse = isSparse ? "Sparse" : "";
      it(`testEquiv${sparse}AdagradwithoutRegularization (${dtype.name})`, () => {
        const [val0, val1] = applyOptimizer(
          () => new tf.train.FtrlOptimizer(3.0, { ...base, learningRatePower: -0.5 }),
          dtype,
          isSparse,
        );
        const [val2, val3] = applyOptimizer(
          () => new tf.train.AdagradOptimizer(3.0, { initialAccumulatorValue: 0.1 }),
          dtype,
          isSparse,
        );
        allClose(val0, (val2 as number[]).flat());
        allClose(val1, (val3 as number[]).flat());
      });

      it(`testEquiv${sparse}GradientDescentwithoutRegularization (${dtype.name})`, () => {
        const [val0, val1] = applyOptimizer(
          () => new tf.train.FtrlOptimizer(3.0, { ...base, learningRatePower: -0.0, initialAccumulatorValue: 0.1 }),
          dtype,
          isSparse,
        );
        const [val2, val3] = applyOptimizer(() => new tf.train.GradientDescentOptimizer(3.0), dtype, isSparse);
        allClose(val0, (val2 as number[]).flat());
        allClose(val1, (val3 as number[]).flat());
      });
    }
  }

  it("accum_name and linear_name name the slot variables", () =>
    inGraph(() => {
      const v = new tf.Variable([1.0, 2.0], { dtype: tf.float32, name: "w" });
      const opt = new tf.train.FtrlOptimizer(0.1, { accumName: "acc", linearName: "lin" });
      opt.applyGradients([[tf.constant([0.1, 0.2], { dtype: tf.float32 }), v]]);
      expect((opt.getSlot(v, "accum") as tf.Variable).name).toBe("w/acc:0");
      expect((opt.getSlot(v, "linear") as tf.Variable).name).toBe("w/lin:0");
    }));

  it("ftrl.py's ValueErrors, in TF's order and %f format", () => {
    expect(() => new tf.train.FtrlOptimizer(1.0, { initialAccumulatorValue: -0.1 })).toThrow(
      "initial_accumulator_value -0.100000 needs to be positive or zero",
    );
    expect(() => new tf.train.FtrlOptimizer(1.0, 0.5)).toThrow(
      "learning_rate_power 0.500000 needs to be negative or zero",
    );
    expect(() => new tf.train.FtrlOptimizer(1.0, { l1RegularizationStrength: -1 })).toThrow(
      "l1_regularization_strength -1.000000 needs to be positive or zero",
    );
    expect(() => new tf.train.FtrlOptimizer(1.0, { l2RegularizationStrength: -1 })).toThrow(
      "l2_regularization_strength -1.000000 needs to be positive or zero",
    );
    expect(() => new tf.train.FtrlOptimizer(1.0, { l2ShrinkageRegularizationStrength: -1 })).toThrow(
      "l2_shrinkage_regularization_strength -1.000000 needs to be positive or zero",
    );
    expect(() => new tf.train.FtrlOptimizer(1.0, { name: "" })).toThrow("Must specify the optimizer name");
  });
});
