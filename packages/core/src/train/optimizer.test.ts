// optimizer_test.py, gradient_descent_test.py, momentum_test.py, adam_test.py (graph mode): slot and update op names,
// update values for a few steps against the TF tests' own reference formulas, global step, TF's errors.
import { describe, expect, it } from "vitest";
import { expectClose } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";

function floats(a: tf.NDArray): number[] {
  return Array.from(a.data as Float64Array);
}

describe("GradientDescentOptimizer (optimizer_test.py OptimizerTest)", () => {
  it("testBasic: minimize(5 * var0 + 3 * var1, global_step) takes one SGD step and increments the step", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const var0 = new tf.Variable([1.0, 2.0], { dtype: tf.float64, name: "var0" });
      const var1 = new tf.Variable([3.0, 4.0], { dtype: tf.float64, name: "var1" });
      const cost = tf.add(var0.mul(5), var1.mul(3), "cost"); // 5 * var0 + 3 * var1
      const globalStep = new tf.Variable(tf.constant(0, { dtype: tf.int64 }), {
        name: "global_step",
        trainable: false,
      });
      const sgd = new tf.train.GradientDescentOptimizer(3.0);
      const trainOp = sgd.minimize(cost, { globalStep, varList: [var0, var1] });
      expect(trainOp.name).toBe("GradientDescent");
      expect(trainOp.type).toBe("AssignAdd");
      expect(trainOp.inputs.map((t) => t.name)).toEqual(["global_step:0", "GradientDescent/value:0"]);
      // The AssignAdd reads `GradientDescent/value`, created inside control_dependencies([update]): the Const
      // carries the control edge, as in TF.
      expect(g.getOperationByName("GradientDescent/value").controlInputs.map((op) => op.name)).toEqual([
        "GradientDescent/update",
      ]);
      const update0 = g.getOperationByName("GradientDescent/update_var0/ApplyGradientDescent");
      expect(update0.type).toBe("ApplyGradientDescent");
      expect(update0.attrs).toEqual({ T: tf.float64, use_locking: false, _class: ["loc:@var0"] });
      expect(update0.inputs.map((t) => t.name)).toEqual([
        "var0:0",
        "GradientDescent/update_var0/Cast:0",
        "gradients/mul_grad/tuple/control_dependency:0",
      ]);
      expect(g.getOperationByName("GradientDescent/learning_rate").outputs[0].dtype).toBe(tf.float32);
      expect(g.getCollection(tf.GraphKeys.TRAIN_OP)).toEqual([trainOp]);

      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      sess.run(trainOp);
      expect(floats(sess.run(var0))).toEqual([-14, -13]);
      expect(floats(sess.run(var1))).toEqual([-6, -5]);
      expect(sess.run(globalStep).item()).toBe(1);
    });
  });

  it("names update ops GradientDescent/update_<var>/ApplyGradientDescent and the train op GradientDescent (float32)", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const w = tf.variableScope("scope", () => tf.getVariable("w", { initializer: tf.constant([1.0, 2.5]) }));
      const loss = tf.reduceSum(tf.square(w), undefined, undefined, "loss");
      const trainOp = new tf.train.GradientDescentOptimizer(0.1).minimize(loss);
      expect(trainOp.name).toBe("GradientDescent");
      expect(trainOp.type).toBe("NoOp");
      expect(trainOp.controlInputs.map((op) => op.name)).toEqual([
        "GradientDescent/update_scope/w/ApplyGradientDescent",
      ]);
      const update = g.getOperationByName("GradientDescent/update_scope/w/ApplyGradientDescent");
      expect(update.inputs.map((t) => t.name)).toEqual([
        "scope/w:0",
        "GradientDescent/learning_rate:0",
        "gradients/Square_grad/Mul_1:0",
      ]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      sess.run(trainOp);
      expectClose(sess.run(w).data as Float32Array, [1 - 0.1 * 2 * 1, 2.5 - 0.1 * 2 * 2.5]);
    });
  });

  it("testNoVariables, testNoGradients, testNoGradientsForAnyVariables_Minimize/_ApplyGradients", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const sgd = new tf.train.GradientDescentOptimizer(3.0);
      const c = tf.constant(5.0, { dtype: tf.float32, name: "c" });
      expect(() => sgd.minimize(c)).toThrow("No variables to optimize.");
      const var0 = new tf.Variable([1.0, 2.0], { dtype: tf.float32, name: "var0" });
      const var1 = new tf.Variable([3.0, 4.0], { dtype: tf.float32, name: "var1" });
      const cost = var0.mul(5, "cost");
      expect(() => sgd.minimize(cost, { varList: [var1] })).toThrow(
        "No gradients provided for any variable, check your graph for ops that do not support gradients, between variables " +
          `["<tf.Variable 'var1:0' shape=(2,) dtype=float32_ref>"] and loss Tensor("cost:0", shape=(2,), dtype=float32).`,
      );
      expect(() => sgd.applyGradients([[null, var0]])).toThrow(
        `No gradients provided for any variable: (["<tf.Variable 'var0:0' shape=(2,) dtype=float32_ref>"],).`,
      );
      expect(() => sgd.applyGradients([])).toThrow("No variables provided.");
      const i = tf.constant(1, { name: "i" });
      expect(() => sgd.minimize(i)).toThrow(
        "Invalid type tf.int32 for i:0, expected: [tf.float16, tf.bfloat16, tf.float32, tf.float64].",
      );
    });
  });
});

/**
 * momentum_test.py / adam_test.py testBasic: float64 variables var0 = [1, 2] and var1 = [3, 4], with the constant
 * gradients [0.1, 0.1] and [0.01, 0.01] (`Const`, `Const_1`), paired for applyGradients.
 */
function basicVariables(): { var0: tf.Variable; var1: tf.Variable; gradsAndVars: [tf.Tensor, tf.Variable][] } {
  const var0 = new tf.Variable([1.0, 2.0], { dtype: tf.float64, name: "var0" });
  const var1 = new tf.Variable([3.0, 4.0], { dtype: tf.float64, name: "var1" });
  const grads0 = tf.constant([0.1, 0.1], { dtype: tf.float64 });
  const grads1 = tf.constant([0.01, 0.01], { dtype: tf.float64 });
  return {
    var0,
    var1,
    gradsAndVars: [
      [grads0, var0],
      [grads1, var1],
    ],
  };
}

describe("MomentumOptimizer (momentum_test.py MomentumOptimizerTest)", () => {
  it("testBasic: slot var0/Momentum and two steps of accum = 0.9 * accum + g; var -= 2 * accum", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const { var0, var1, gradsAndVars } = basicVariables();
      const mom = new tf.train.MomentumOptimizer(2.0, 0.9);
      const update = mom.applyGradients(gradsAndVars);
      expect(mom.getSlotNames()).toEqual(["momentum"]);
      const slot0 = mom.getSlot(var0, "momentum") as tf.Variable;
      const slot1 = mom.getSlot(var1, "momentum") as tf.Variable;
      expect([slot0.name, slot1.name]).toEqual(["var0/Momentum:0", "var1/Momentum:0"]);
      expect(slot0.shape).toEqual([2]);
      // slot_creator.py: the slot is made under colocate_with(primary), which wins over its own attr scope.
      expect(slot0.op.attrs._class).toEqual(["loc:@var0"]);
      expect(g.getOperationByName("var0/Momentum/Assign").attrs._class).toEqual(["loc:@var0"]);
      expect(tf.trainableVariables()).not.toContain(slot0);
      const apply = g.getOperationByName("Momentum/update_var0/ApplyMomentum");
      expect(apply.attrs).toEqual({ T: tf.float64, use_locking: false, use_nesterov: false, _class: ["loc:@var0"] });
      expect(apply.inputs.map((t) => t.name)).toEqual([
        "var0:0",
        "var0/Momentum:0",
        "Momentum/update_var0/Cast:0",
        "Const:0",
        "Momentum/update_var0/Cast_1:0",
      ]);
      expect(update.name).toBe("Momentum");
      expect(mom.variables().map((v) => v.name)).toEqual(["var0/Momentum:0", "var1/Momentum:0"]);

      // lr 2.0 and momentum 0.9 are float32 constants cast to float64, as in TF: 0.9 is 0.89999997615.
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      sess.run(update);
      expectClose(floats(sess.run(slot0)), [0.1, 0.1], 1e-12);
      expectClose(floats(sess.run(slot1)), [0.01, 0.01], 1e-12);
      expectClose(floats(sess.run(var0)), [1.0 - 0.1 * 2.0, 2.0 - 0.1 * 2.0], 1e-12);
      expectClose(floats(sess.run(var1)), [3.0 - 0.01 * 2.0, 4.0 - 0.01 * 2.0], 1e-12);
      sess.run(update);
      expectClose(floats(sess.run(slot0)), [0.9 * 0.1 + 0.1, 0.9 * 0.1 + 0.1], 1e-7);
      expectClose(floats(sess.run(slot1)), [0.9 * 0.01 + 0.01, 0.9 * 0.01 + 0.01], 1e-7);
      expectClose(
        floats(sess.run(var0)),
        [1.0 - 0.1 * 2.0 - (0.9 * 0.1 + 0.1) * 2.0, 2.0 - 0.1 * 2.0 - (0.9 * 0.1 + 0.1) * 2.0],
        1e-7,
      );
      expectClose(floats(sess.run(var1)), [2.98 - (0.9 * 0.01 + 0.01) * 2.0, 3.98 - (0.9 * 0.01 + 0.01) * 2.0], 1e-7);
    });
  });

  it("testNesterovMomentum: var -= lr * g + lr * momentum * accum", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const var0 = new tf.Variable([1.0, 2.0], { dtype: tf.float64, name: "var0" });
      const grads0 = tf.constant([0.5, -0.25], { dtype: tf.float64 });
      const mom = new tf.train.MomentumOptimizer(0.1, 0.9, { useNesterov: true });
      const update = mom.applyGradients([[grads0, var0]]);
      expect(g.getOperationByName("Momentum/update_var0/ApplyMomentum").attrs.use_nesterov).toBe(true);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      let accum = [0, 0];
      let w = [1.0, 2.0];
      const grad = [0.5, -0.25];
      for (let step = 0; step < 3; step++) {
        sess.run(update);
        accum = accum.map((a, i) => a * 0.9 + grad[i]);
        w = w.map((x, i) => x - grad[i] * 0.1 - accum[i] * 0.9 * 0.1);
        // lr and momentum are float32 constants cast to float64, as in TF: 0.1 is 0.10000000149.
        expectClose(floats(sess.run(var0)), w, 1e-7);
      }
    });
  });
});

/** adam_test.py: adam_update_numpy */
function adamUpdate(param: number[], g: number[], t: number, m: number[], v: number[], alpha = 0.001) {
  const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
  const alphaT = (alpha * Math.sqrt(1 - beta2 ** (t + 1))) / (1 - beta1 ** (t + 1));
  const mT = m.map((x, i) => beta1 * x + (1 - beta1) * g[i]);
  const vT = v.map((x, i) => beta2 * x + (1 - beta2) * g[i] * g[i]);
  const paramT = param.map((p, i) => p - (alphaT * mT[i]) / (Math.sqrt(vT[i]) + epsilon));
  return { paramT, mT, vT };
}

describe("AdamOptimizer (adam_test.py AdamOptimizerTest)", () => {
  it("testBasic: slots var/Adam and var/Adam_1, beta powers, three steps against adam_update_numpy", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const { var0, var1, gradsAndVars } = basicVariables();
      const opt = new tf.train.AdamOptimizer();
      const update = opt.applyGradients(gradsAndVars);
      expect(opt.getSlotNames()).toEqual(["m", "v"]);
      expect(opt.getSlot(var0, "m")?.name).toBe("var0/Adam:0");
      expect(opt.getSlot(var0, "v")?.name).toBe("var0/Adam_1:0");
      expect(opt.getSlot(var1, "m")?.name).toBe("var1/Adam:0");
      expect(opt.variables().map((v) => v.name)).toEqual([
        "beta1_power:0",
        "beta2_power:0",
        "var0/Adam:0",
        "var0/Adam_1:0",
        "var1/Adam:0",
        "var1/Adam_1:0",
      ]);
      const beta1Power = g.getOperationByName("beta1_power");
      expect(beta1Power.attrs._class).toEqual(["loc:@var0"]);
      expect(beta1Power.attrs.dtype).toBe(tf.float32);
      expect(tf.trainableVariables().map((v) => v.name)).toEqual(["var0:0", "var1:0"]);
      const apply = g.getOperationByName("Adam/update_var0/ApplyAdam");
      expect(apply.inputs.map((t) => t.name)).toEqual([
        "var0:0",
        "var0/Adam:0",
        "var0/Adam_1:0",
        "Adam/update_var0/Cast:0",
        "Adam/update_var0/Cast_1:0",
        "Adam/update_var0/Cast_2:0",
        "Adam/update_var0/Cast_3:0",
        "Adam/update_var0/Cast_4:0",
        "Adam/update_var0/Cast_5:0",
        "Const:0",
      ]);
      expect(apply.attrs).toEqual({ T: tf.float64, use_locking: false, use_nesterov: false, _class: ["loc:@var0"] });
      expect(g.getOperationByName("Adam/update_var0/Cast").inputs[0].name).toBe("beta1_power/read:0");
      expect(g.getOperationByName("Adam/mul").inputs.map((t) => t.name)).toEqual([
        "beta1_power/read:0",
        "Adam/beta1:0",
      ]);
      const assign = g.getOperationByName("Adam/Assign");
      expect(assign.inputs.map((t) => t.name)).toEqual(["beta1_power:0", "Adam/mul:0"]);
      expect(assign.attrs._class).toEqual(["loc:@var0"]);
      // Adam/mul is the first op inside control_dependencies(update_ops); Assign reads it and needs no edge of its own.
      expect(g.getOperationByName("Adam/mul").controlInputs.map((op) => op.name)).toEqual([
        "Adam/update_var0/ApplyAdam",
        "Adam/update_var1/ApplyAdam",
      ]);
      expect(g.getOperationByName("Adam/Assign_1").inputs[1].name).toBe("Adam/mul_1:0");
      expect(update.name).toBe("Adam");
      expect(update.controlInputs.map((op) => op.name)).toEqual([
        "Adam/update_var0/ApplyAdam",
        "Adam/update_var1/ApplyAdam",
        "Adam/Assign",
        "Adam/Assign_1",
      ]);

      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      let s0 = { paramT: [1.0, 2.0], mT: [0, 0], vT: [0, 0] };
      let s1 = { paramT: [3.0, 4.0], mT: [0, 0], vT: [0, 0] };
      for (let t = 0; t < 3; t++) {
        expectClose([sess.run(g.getTensorByName("beta1_power:0")).item() as number], [0.9 ** (t + 1)], 1e-6);
        expectClose([sess.run(g.getTensorByName("beta2_power:0")).item() as number], [0.999 ** (t + 1)], 1e-6);
        sess.run(update);
        s0 = adamUpdate(s0.paramT, [0.1, 0.1], t, s0.mT, s0.vT);
        s1 = adamUpdate(s1.paramT, [0.01, 0.01], t, s1.mT, s1.vT);
        // beta1, beta2, lr, epsilon and the beta powers are float32 (as in TF), cast to the variables' float64.
        expectClose(floats(sess.run(var0)), s0.paramT, 1e-7);
        expectClose(floats(sess.run(var1)), s1.paramT, 1e-7);
        expectClose(floats(sess.run(opt.getSlot(var0, "m") as tf.Variable)), s0.mT, 1e-7);
        expectClose(floats(sess.run(opt.getSlot(var0, "v") as tf.Variable)), s0.vT, 1e-7);
      }
    });
  });

  it("float32 variables read beta powers without Cast ops; minimize with a global step", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const w = new tf.Variable([0.5, -1.5], { name: "w" });
      const loss = tf.reduceSum(tf.square(w), undefined, undefined, "loss");
      const globalStep = tf.train.getOrCreateGlobalStep();
      const trainOp = new tf.train.AdamOptimizer(0.1).minimize(loss, { globalStep });
      expect(trainOp.name).toBe("Adam");
      expect(trainOp.type).toBe("AssignAdd");
      expect(g.getOperationByName("Adam/update").type).toBe("NoOp");
      const apply = g.getOperationByName("Adam/update_w/ApplyAdam");
      expect(apply.inputs.slice(3, 9).map((t) => t.name)).toEqual([
        "beta1_power/read:0",
        "beta2_power/read:0",
        "Adam/learning_rate:0",
        "Adam/beta1:0",
        "Adam/beta2:0",
        "Adam/epsilon:0",
      ]);
      expect(apply.inputs[9].name).toBe("gradients/Square_grad/Mul_1:0");
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      let state = { paramT: [0.5, -1.5], mT: [0, 0], vT: [0, 0] };
      for (let t = 0; t < 5; t++) {
        sess.run(trainOp);
        state = adamUpdate(
          state.paramT,
          state.paramT.map((x) => 2 * x),
          t,
          state.mT,
          state.vT,
          0.1,
        );
        expectClose(sess.run(w).data as Float32Array, state.paramT, 1e-5);
      }
      expect(sess.run(globalStep).item()).toBe(5);
    });
  });
});

describe("getOrCreateGlobalStep (training_util_test.py)", () => {
  it("creates the int64 global_step once, in GLOBAL_STEP and GLOBAL_VARIABLES, not trainable", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      expect(tf.train.getGlobalStep()).toBeNull();
      const step = tf.nameScope("outer", () => tf.train.getOrCreateGlobalStep()) as tf.Variable;
      expect(step.name).toBe("global_step:0");
      expect(step.dtype).toBe(tf.int64);
      expect(step.shape).toEqual([]);
      expect(g.getCollection(tf.GraphKeys.GLOBAL_STEP)).toEqual([step]);
      expect(tf.globalVariables()).toEqual([step]);
      expect(tf.trainableVariables()).toEqual([]);
      expect(tf.train.getOrCreateGlobalStep()).toBe(step);
      expect(() => tf.train.createGlobalStep()).toThrow('"global_step" already exists.');
      expect(g.getOperationByName("global_step/Initializer/zeros").type).toBe("Const");
    });
  });

  it("rejects a global_step that is not an integer scalar (assert_global_step)", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      tf.constant([1.5], { name: "global_step" });
      expect(() => tf.train.getGlobalStep()).toThrow(
        `Existing "global_step" does not have integer type: <dtype: 'float32'>`,
      );
    });
  });
});
