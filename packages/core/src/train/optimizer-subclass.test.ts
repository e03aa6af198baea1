// tf.train.Optimizer subclassed as TF 1.15 programs do (optimizer.py's _create_slots/_prepare/_apply_dense/_finish
// hooks, or an applyGradients override): the update scopes are TF's and the model trains.
import { describe, expect, it } from "vitest";
import * as tf from "../index";

class MySGD extends tf.train.Optimizer {
  private lrTensor: tf.Tensor | null = null;
  constructor(
    private readonly lr: number,
    name = "MySGD",
  ) {
    super(false, name);
  }
  override _prepare(): void {
    this.lrTensor = tf.convertToTensor(this.lr, { name: "learning_rate", dtype: tf.float32 });
  }
  override _applyDense(grad: tf.Tensor, v: tf.Variable): tf.Operation {
    return tf.assignSub(v, tf.multiply(this.lrTensor as tf.Tensor, grad)).op;
  }
}

/** A momentum-like subclass with a slot, created in _createSlots through _zerosSlot. */
class MyMomentum extends tf.train.Optimizer {
  constructor() {
    super(false, "MyMomentum");
  }
  override _createSlots(varList: tf.Variable[]): void {
    for (const v of varList) this._zerosSlot(v, "m", this.getName());
  }
  override _applyDense(grad: tf.Tensor, v: tf.Variable): tf.Operation {
    const m = this.getSlot(v, "m") as tf.Variable;
    const mT = tf.assign(m, tf.add(tf.multiply(m.value(), 0.9), grad));
    return tf.assignSub(v, tf.multiply(mT, 0.05)).op;
  }
}

function regression(opt: tf.train.Optimizer) {
  const x = tf.constant(
    [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
    { dtype: tf.float32 },
  );
  const target = tf.constant([[5], [11], [17]], { dtype: tf.float32 });
  const w = tf.getVariable("w", { shape: [2, 1], initializer: tf.zerosInitializer() });
  const loss = tf.reduceMean(tf.square(tf.subtract(tf.matmul(x, w), target)));
  const step = tf.train.getOrCreateGlobalStep();
  const train = opt.minimize(loss, { globalStep: step });
  return { w, loss, train, step };
}

describe("tf.train.Optimizer subclasses", () => {
  it("a TF-style SGD (_prepare, _applyDense): scopes as TF's, loss falls", () =>
    new tf.Graph().asDefault((g) => {
      const { loss, train, step } = regression(new MySGD(0.01));
      expect(train.name).toBe("MySGD");
      expect(g.getOperationByName("MySGD/learning_rate").type).toBe("Const");
      expect(g.getOperationByName("MySGD/update_w/AssignSub").type).toBe("AssignSub");
      expect(g.getOperationByName("MySGD/update").type).toBe("NoOp");
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const first = sess.run(loss).item() as number;
      for (let i = 0; i < 200; i++) sess.run(train);
      expect(sess.run(loss).item() as number).toBeLessThan(first / 100);
      expect(Number(sess.run(step).item())).toBe(200);
    }));

  it("_createSlots with _zerosSlot: slot `w/MyMomentum`, trains", () =>
    new tf.Graph().asDefault(() => {
      const opt = new MyMomentum();
      const { w, loss, train } = regression(opt);
      expect(opt.getSlotNames()).toEqual(["m"]);
      expect(opt.getSlot(w, "m")?.name).toBe("w/MyMomentum:0");
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const first = sess.run(loss).item() as number;
      for (let i = 0; i < 100; i++) sess.run(train);
      expect(sess.run(loss).item() as number).toBeLessThan(first / 10);
    }));

  it("overriding applyGradients (gradient clipping before the base update)", () =>
    new tf.Graph().asDefault(() => {
      class Clipped extends tf.train.GradientDescentOptimizer {
        override applyGradients(
          gradsAndVars: readonly (readonly [tf.Tensor | null, tf.Variable])[],
          options?: tf.train.ApplyGradientsOptions,
        ): tf.Operation {
          const [clipped] = tf.clipByGlobalNorm(
            gradsAndVars.map(([g]) => g),
            1.0,
          );
          return super.applyGradients(
            gradsAndVars.map(([, v], i) => [clipped[i], v] as const),
            options,
          );
        }
      }
      const { loss, train } = regression(new Clipped(0.05));
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const first = sess.run(loss).item() as number;
      for (let i = 0; i < 100; i++) sess.run(train);
      expect(sess.run(loss).item() as number).toBeLessThan(first / 10);
    }));

  it("a subclass without _applyDense raises NotImplementedError as TF's base does", () =>
    new tf.Graph().asDefault(() => {
      class Empty extends tf.train.Optimizer {}
      expect(() => regression(new Empty(false, "Empty"))).toThrow("NotImplementedError");
    }));
});
