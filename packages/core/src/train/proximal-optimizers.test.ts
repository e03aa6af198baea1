// proximal_gradient_descent_test.py (ProximalGradientDescentOptimizerTest) and proximal_adagrad_test.py
// (ProximalAdagradOptimizerTest), TF 1.15: values after N steps with and without L1/L2, the sparse minimize step, and
// the equivalence with GradientDescent / Adagrad without regularization (dense and IndexedSlices gradients).
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";
import { allClose, minimizeSparseStep, read } from "./test-optimizers";

/** The tests' two-variable run: `steps` updates of var0, var1 with the gradients [0.1, 0.2] and [0.01, 0.02]. */
function twoVariables(make: () => tf.train.Optimizer, init: [number[], number[]], steps: number) {
  return inGraph((g) => {
    const var0 = new tf.Variable(init[0], { dtype: tf.float32, name: "var0" });
    const var1 = new tf.Variable(init[1], { dtype: tf.float32, name: "var1" });
    const opt = make();
    const update = opt.applyGradients([
      [tf.constant([0.1, 0.2]), var0],
      [tf.constant([0.01, 0.02]), var1],
    ]);
    const sess = new tf.Session();
    sess.run(tf.globalVariablesInitializer());
    allClose(read(sess, var0), init[0]);
    allClose(read(sess, var1), init[1]);
    for (let i = 0; i < steps; i++) sess.run(update);
    return { v0: read(sess, var0), v1: read(sess, var1), opt, optVars: opt.variables(), g };
  });
}

/** proximal_*_test.py: applyOptimizer(opt, steps=5, is_sparse): 5 steps from [1, 2] and [3, 4]. */
function applyOptimizer(make: () => tf.train.Optimizer, isSparse: boolean, steps = 5) {
  return inGraph(() => {
    const var0 = new tf.Variable(isSparse ? [[1.0], [2.0]] : [1.0, 2.0], { dtype: tf.float32 });
    const var1 = new tf.Variable(isSparse ? [[3.0], [4.0]] : [3.0, 4.0], { dtype: tf.float32 });
    const slices = (v: number, i: number) =>
      new tf.IndexedSlices(tf.constant([v], { shape: [1, 1] }), tf.constant([i]), tf.constant([2, 1]));
    const grads0 = isSparse ? slices(0.1, 0) : tf.constant([0.1, 0.2]);
    const grads1 = isSparse ? slices(0.02, 1) : tf.constant([0.01, 0.02]);
    const update = make().applyGradients([
      [grads0, var0],
      [grads1, var1],
    ]);
    const sess = new tf.Session();
    sess.run(tf.globalVariablesInitializer());
    for (let i = 0; i < steps; i++) sess.run(update);
    return [read(sess, var0), read(sess, var1)] as const;
  });
}

describe("ProximalGradientDescentOptimizer (proximal_gradient_descent_test.py)", () => {
  const make = (l1: number, l2: number) => () =>
    new tf.train.ProximalGradientDescentOptimizer(3.0, { l1RegularizationStrength: l1, l2RegularizationStrength: l2 });

  it("testProximalGradientDescentwithoutRegularization: 3 steps from zeros", () => {
    const r = twoVariables(
      make(0.0, 0.0),
      [
        [0.0, 0.0],
        [0.0, 0.0],
      ],
      3,
    );
    allClose(r.v0, [-0.9, -1.8]);
    allClose(r.v1, [-0.09, -0.18]);
    const op = r.g.getOperationByName("ProximalGradientDescent/update_var0/ApplyProximalGradientDescent");
    expect(op.inputs.map((t) => t.name)).toEqual([
      "var0:0",
      "ProximalGradientDescent/learning_rate:0",
      "ProximalGradientDescent/l1_regularization_strength:0",
      "ProximalGradientDescent/l2_regularization_strength:0",
      "Const:0",
    ]);
    expect(r.opt.getSlotNames()).toEqual([]);
  });

  it("testProximalGradientDescentwithoutRegularization2: 3 steps", () => {
    const r = twoVariables(
      make(0.0, 0.0),
      [
        [1.0, 2.0],
        [4.0, 3.0],
      ],
      3,
    );
    allClose(r.v0, [0.1, 0.2]);
    allClose(r.v1, [3.91, 2.82]);
  });

  for (const dtype of [tf.float32, tf.float64]) {
    it(`testMinimizeSparseResourceVariable (${dtype.name}): one step`, () => {
      // TF's case runs _resource_apply_sparse, which casts the hyperparameters to grad's dtype; the ref-variable
      // _apply_sparse does not cast, so here they are given as tensors of the variable's dtype.
      const { value, g } = minimizeSparseStep(
        dtype,
        () =>
          new tf.train.ProximalGradientDescentOptimizer(
            tf.constant(1.0, { dtype }),
            tf.constant(0.0, { dtype }),
            tf.constant(0.0, { dtype }),
          ),
      );
      allClose(value, [[-111, -138]], { atol: 0.01 });
      expect(g.getOperationByName("ProximalGradientDescent/update_var0/SparseApplyProximalGradientDescent").type).toBe(
        "SparseApplyProximalGradientDescent",
      );
    });
  }

  it("a float64 variable with the float32 learning_rate: op_def_library's TypeError", () =>
    inGraph(() => {
      const v = new tf.Variable([1.0], { dtype: tf.float64 });
      const opt = new tf.train.ProximalGradientDescentOptimizer(1.0);
      expect(() => opt.applyGradients([[tf.constant([1.0], { dtype: tf.float64 }), v]])).toThrow(
        "Input 'alpha' of 'ApplyProximalGradientDescent' Op has type float32 that does not match type float64 of argument 'var'.",
      );
    }));

  it("testProximalGradientDescentWithL1_L2: 10 steps", () => {
    const r = twoVariables(
      make(0.001, 2.0),
      [
        [1.0, 2.0],
        [4.0, 3.0],
      ],
      10,
    );
    allClose(r.v0, [-0.0495, -0.0995]);
    allClose(r.v1, [-0.0045, -0.0095]);
  });

  for (const isSparse of [true, false]) {
    it(`testEquiv${isSparse ? "Sparse" : ""}GradientDescentwithoutRegularization`, () => {
      const [val0, val1] = applyOptimizer(make(0.0, 0.0), isSparse);
      const [val2, val3] = applyOptimizer(() => new tf.train.GradientDescentOptimizer(3.0), isSparse);
      allClose(val0, (val2 as number[]).flat());
      allClose(val1, (val3 as number[]).flat());
    });
  }
});

describe("ProximalAdagradOptimizer (proximal_adagrad_test.py)", () => {
  const make = (l1: number, l2: number) => () =>
    new tf.train.ProximalAdagradOptimizer(3.0, {
      initialAccumulatorValue: 0.1,
      l1RegularizationStrength: l1,
      l2RegularizationStrength: l2,
    });

  it("testProximalAdagradwithoutRegularization: 3 steps from zeros; the slot variables", () => {
    const r = twoVariables(
      make(0.0, 0.0),
      [
        [0.0, 0.0],
        [0.0, 0.0],
      ],
      3,
    );
    allClose(r.v0, [-2.60260963, -4.29698515]);
    allClose(r.v1, [-0.28432083, -0.56694895]);
    expect(r.optVars.map((v) => v.name)).toEqual(["var0/ProximalAdagrad:0", "var1/ProximalAdagrad:0"]);
    expect(r.opt.getSlotNames()).toEqual(["accumulator"]);
    // slot_creator.create_slot: the slot's initial value is the Const _create_slots made (outside any scope).
    const assign = r.g.getOperationByName("var0/ProximalAdagrad/Assign");
    expect(assign.inputs[1].op.type).toBe("Const");
    expect(r.g.getOperationByName("ProximalAdagrad/update_var0/ApplyProximalAdagrad").type).toBe(
      "ApplyProximalAdagrad",
    );
  });

  it("testProximalAdagradwithoutRegularization2: 3 steps", () => {
    const r = twoVariables(
      make(0.0, 0.0),
      [
        [1.0, 2.0],
        [4.0, 3.0],
      ],
      3,
    );
    allClose(r.v0, [-1.60261, -2.296985]);
    allClose(r.v1, [3.715679, 2.433051]);
  });

  it("testMinimizeSparseResourceVariable (float32): one step", () => {
    const { value, g } = minimizeSparseStep(tf.float32, () => new tf.train.ProximalAdagradOptimizer(1.0));
    allClose(value, [[0, 1]], { atol: 0.01 });
    expect(g.getOperationByName("ProximalAdagrad/update_var0/SparseApplyProximalAdagrad").type).toBe(
      "SparseApplyProximalAdagrad",
    );
  });

  it("testProximalAdagradWithL1: 10 steps", () => {
    const r = twoVariables(
      make(0.001, 0.0),
      [
        [1.0, 2.0],
        [4.0, 3.0],
      ],
      10,
    );
    allClose(r.v0, [-6.663634, -9.190331]);
    allClose(r.v1, [2.959304, 1.029232]);
  });

  it("testProximalAdagradWithL1_L2: 10 steps", () => {
    const r = twoVariables(
      make(0.001, 2.0),
      [
        [1.0, 2.0],
        [4.0, 3.0],
      ],
      10,
    );
    allClose(r.v0, [-0.0495, -0.0995]);
    allClose(r.v1, [-0.0045, -0.0095]);
  });

  for (const isSparse of [false, true]) {
    it(`testEquiv${isSparse ? "Sparse" : ""}AdagradwithoutRegularization`, () => {
      const [val0, val1] = applyOptimizer(make(0.0, 0.0), isSparse);
      const [val2, val3] = applyOptimizer(
        () => new tf.train.AdagradOptimizer(3.0, { initialAccumulatorValue: 0.1 }),
        isSparse,
      );
      allClose(val0, (val2 as number[]).flat());
      allClose(val1, (val3 as number[]).flat());
    });
  }

  it("initial_accumulator_value must be positive (TF's ValueError)", () => {
    expect(() => new tf.train.ProximalAdagradOptimizer(1.0, 0.0)).toThrow(
      "initial_accumulator_value must be positive: 0.0",
    );
  });

  it("the kernel's argument checks: lr must be a positive scalar", () =>
    inGraph(() => {
      const v = new tf.Variable([1.0, 2.0], { dtype: tf.float32 });
      const update = new tf.train.ProximalAdagradOptimizer(-1.0).applyGradients([[tf.constant([0.1, 0.2]), v]]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(() => sess.run(update)).toThrow("lr is not a positive scalar: []");
    }));
});
