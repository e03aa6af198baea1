// gradients_test.py GradientsTest: the graph tf.gradients builds (op names, types, attrs) and its errors.
// These tests register their own gradient functions for the forward ops they use, so that they check the walk
// (pending counts, aggregation, zeros, stop ops, names) independently of the op families' gradient tables.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Tensor } from "../framework/tensor";
import * as tf from "../index";
import { registerGradient } from "./registry";

let undo: (() => void)[] = [];

beforeEach(() => {
  // d(x*y) = (g*y, g*x); d(x+y) = (g, g); d(identity) = g — written with the forward ops themselves.
  undo = [
    registerGradient("Mul", (op, [g]) => [tf.multiply(g, op.inputs[1]), tf.multiply(g, op.inputs[0])]),
    registerGradient("Add", (_op, [g]) => [g, g]),
    registerGradient("AddV2", (_op, [g]) => [g, g]),
    registerGradient("Identity", (_op, [g]) => [g]),
  ];
});
afterEach(() => {
  for (const u of undo.reverse()) u();
});

function opsAfter(graph: tf.Graph, before: number): [string, string][] {
  return graph
    .getOperations()
    .slice(before)
    .map((op) => [op.name, op.type]);
}

describe("tf.gradients graph (gradients_test.py GradientsTest)", () => {
  it("names the default grad_ys Shape, grad_ys_0 and Fill, then gradients_1 on a second call", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.constant([1, 2], { dtype: tf.float64, name: "x" });
      const w = tf.constant([3, 4], { dtype: tf.float64, name: "w" });
      const y = tf.multiply(x, w, "y");
      const before = g.getOperations().length;
      const [dx] = tf.gradients(y, x);
      expect(opsAfter(g, before)).toEqual([
        ["gradients/Shape", "Const"],
        ["gradients/grad_ys_0", "Const"],
        ["gradients/Fill", "Fill"],
        ["gradients/y_grad/Mul", "Mul"],
        ["gradients/y_grad/Mul_1", "Mul"],
      ]);
      expect(dx?.name).toBe("gradients/y_grad/Mul:0");
      const shape = g.getOperationByName("gradients/Shape");
      expect((shape.attrs.value as tf.NDArray).toArray()).toEqual([2]);
      expect(shape.attrs.dtype).toBe(tf.int32);
      const fill = g.getOperationByName("gradients/Fill");
      expect(fill.attrs).toEqual({ T: tf.float64, index_type: tf.int32 });
      expect(fill.outputs[0].shape).toEqual([2]);
      expect((g.getOperationByName("gradients/grad_ys_0").attrs.value as tf.NDArray).dtype).toBe(tf.float64);

      const [dw] = tf.gradients(y, w);
      expect(dw?.name).toBe("gradients_1/y_grad/Mul_1:0");
      expect(g.getOperationByName("gradients_1/Fill").type).toBe("Fill");
    });
  });

  it("gates an op's input gradients through tuple/control_dependency with gateGradients (GATE_OP)", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.constant([1, 2], { dtype: tf.float32, name: "x" });
      const w = tf.constant([3, 4], { dtype: tf.float32, name: "w" });
      const y = tf.multiply(x, w, "y");
      const before = g.getOperations().length;
      const [dx, dw] = tf.gradients(y, [x, w], { gateGradients: true });
      expect(opsAfter(g, before).slice(3)).toEqual([
        ["gradients/y_grad/Mul", "Mul"],
        ["gradients/y_grad/Mul_1", "Mul"],
        ["gradients/y_grad/tuple/group_deps", "NoOp"],
        ["gradients/y_grad/tuple/control_dependency", "Identity"],
        ["gradients/y_grad/tuple/control_dependency_1", "Identity"],
      ]);
      expect([dx?.name, dw?.name]).toEqual([
        "gradients/y_grad/tuple/control_dependency:0",
        "gradients/y_grad/tuple/control_dependency_1:0",
      ]);
      const gate = g.getOperationByName("gradients/y_grad/tuple/group_deps");
      expect(gate.controlInputs.map((op) => op.name)).toEqual(["gradients/y_grad/Mul", "gradients/y_grad/Mul_1"]);
      const dep = g.getOperationByName("gradients/y_grad/tuple/control_dependency_1");
      expect(dep.controlInputs.map((op) => op.name)).toEqual(["gradients/y_grad/tuple/group_deps"]);
      expect(dep.attrs._class).toEqual(["loc:@gradients/y_grad/Mul_1"]);
    });
  });

  it("uses a Shape op when y's shape is not fully defined", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.placeholder(tf.float32, [null, 3], "x");
      const y = tf.identity(x, "y");
      tf.gradients(y, x);
      const shape = g.getOperationByName("gradients/Shape");
      expect(shape.type).toBe("Shape");
      expect(shape.attrs).toEqual({ T: tf.float32, out_type: tf.int32 });
      expect(shape.inputs.map((t) => t.name)).toEqual(["y:0"]);
      expect(g.getOperationByName("gradients/Fill").outputs[0].shape).toEqual([null, 3]);
    });
  });

  it("sums gradients from several consumers with AddN colocated with the first (_AggregatedGrads)", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.constant(1.0, { dtype: tf.float32, name: "x" });
      const y = x.mul(2.0); // mul
      const z = y.add(y).add(y); // add, add_1: y feeds three inputs
      const [dx, dy] = tf.gradients(z, [x, y]);
      const addN = g.getOperationByName("gradients/AddN");
      expect(addN.type).toBe("AddN");
      expect(addN.attrs.N).toBe(3);
      expect(addN.attrs.T).toBe(tf.float32);
      expect(addN.attrs._class).toEqual([`loc:@${addN.inputs[0].op.name}`]);
      // add_1 hands y the initial Fill; add hands y the Fill it received (these test GradFns pass g through).
      expect(addN.inputs.map((t) => t.name)).toEqual(["gradients/Fill:0", "gradients/Fill:0", "gradients/Fill:0"]);
      expect(addN.attrs._class).toEqual(["loc:@gradients/Fill"]);
      expect(dy?.name).toBe("gradients/AddN:0");
      expect(dx?.name).toBe("gradients/mul_grad/Mul:0");
    });
  });

  it("testBoundaryStop, testPartialDerivatives: stop ops and stopGradients", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const c = tf.constant(1.0, { dtype: tf.float32, name: "c" });
      const x = tf.identity(c, "x");
      const y = x.add(1.0);
      const z = y.add(1);
      const before = g.getOperations().length;
      const [dx] = tf.gradients(z, [x]);
      expect(dx?.name).toBe("gradients/Fill:0");
      // The Identity x is a stop op: its GradFn is not called, so no gradients/x_grad ops exist.
      expect(opsAfter(g, before).map(([n]) => n)).toEqual(["gradients/Shape", "gradients/grad_ys_0", "gradients/Fill"]);

      const a = tf.constant(1.0, { dtype: tf.float32, name: "a" });
      const b = a.mul(2, "b");
      const s = a.add(b, "s");
      const total = tf.gradients(s, [a, b]);
      expect(total.map((t) => t?.name)).toEqual(["gradients_1/AddN:0", "gradients_1/Fill:0"]);
      expect(g.getOperationByName("gradients_1/AddN").inputs.map((t) => t.name)).toEqual([
        "gradients_1/Fill:0",
        "gradients_1/b_grad/Mul:0",
      ]);
      const partial = tf.gradients(s, [a, b], { stopGradients: [a, b] });
      expect(partial.map((t) => t?.name)).toEqual(["gradients_2/Fill:0", "gradients_2/Fill:0"]);
    });
  });

  it("gives null for an x not connected to ys (testUnconnectedGradientsNoneUnconnectedGradients)", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.constant(1.0, { shape: [2, 2], dtype: tf.float32, name: "x" });
      const y = tf.constant(3.0, { shape: [3, 1], dtype: tf.float32, name: "y" });
      expect(tf.gradients([y], [x])).toEqual([null]);
      const i = tf.constant(1, { name: "i" });
      const f = tf.identity(x);
      expect(tf.gradients(f, [x, i])[1]).toBeNull();
    });
  });

  it("takes grad_ys: an Identity named grad_ys_0, a plain value converted as grad_y_0", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.constant([1, 2], { dtype: tf.float64, name: "x" });
      const y = tf.identity(x, "y");
      const gy = tf.constant([5, 6], { dtype: tf.float64, name: "gy" });
      const before = g.getOperations().length;
      const [dx] = tf.gradients(y, x, { gradYs: [gy] });
      expect(opsAfter(g, before)).toEqual([["gradients/grad_ys_0", "Identity"]]);
      expect(dx?.name).toBe("gradients/grad_ys_0:0");
      const before2 = g.getOperations().length;
      tf.gradients(y, x, { gradYs: [[7, 8]] });
      expect(opsAfter(g, before2)).toEqual([
        ["gradients_1/grad_y_0", "Const"],
        ["gradients_1/grad_ys_0", "Identity"],
      ]);
      expect(g.getOperationByName("gradients_1/grad_y_0").outputs[0].dtype).toBe(tf.float64);
      expect(() => tf.gradients(y, x, { gradYs: [gy, gy] })).toThrow("Passed 2 grad_ys for 1 ys");
    });
  });

  it("uses the name option as the scope", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.constant(1.0, { dtype: tf.float32, name: "x" });
      const y = tf.identity(x, "y");
      const [dx] = tf.gradients(y, x, { name: "my_grads" });
      expect(dx?.name).toBe("my_grads/Fill:0");
    });
  });

  it("differentiates with respect to a Variable through its read snapshot (testVariableReadValueGradient)", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const v = new tf.Variable(tf.constant(100.0, { dtype: tf.float32 }), { name: "v" });
      const y = v.value().mul(3.0, "y");
      const [dv] = tf.gradients(y, v);
      expect(dv?.name).toBe("gradients/y_grad/Mul:0");
      const [dr] = tf.gradients(v.readValue(), v);
      expect(dr?.name).toBe("gradients_1/Fill:0");
    });
  });

  it("fills zeros_like for an output without a gradient", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.constant([1, 2], { dtype: tf.float32, name: "x" });
      const two = g.createOp("TestTwoOutputs", [x], {
        name: "two",
        outputs: [
          { dtype: tf.float32, shape: [2] },
          { dtype: tf.float32, shape: [2] },
        ],
      });
      let seen: Tensor[] = [];
      undo.push(
        registerGradient("TestTwoOutputs", (_op, grads) => {
          seen = grads;
          return [grads[0]];
        }),
      );
      const y = tf.identity(two.outputs[0], "y");
      const [dx] = tf.gradients(y, x);
      expect(seen.map((t) => t.name)).toEqual(["gradients/Fill:0", "gradients/zeros_like:0"]);
      expect(g.getOperationByName("gradients/zeros_like").type).toBe("ZerosLike");
      expect(g.getOperationByName("gradients/zeros_like").inputs[0].name).toBe("two:1");
      expect(dx?.name).toBe("gradients/Fill:0");
    });
  });

  it("raises TF's LookupError for an op without a gradient, and passes None through a NotDifferentiable op", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.constant([1, 2], { dtype: tf.float32, name: "x" });
      const op = g.createOp("TestNoGradient", [x], { name: "nograd", outputs: [{ dtype: tf.float32, shape: [2] }] });
      const y = tf.identity(op.outputs[0], "y");
      const before = g.getOperations().length;
      let error: unknown;
      try {
        tf.gradients(y, x);
      } catch (e) {
        error = e;
      }
      expect(String(error)).toBe("LookupError: No gradient defined for operation 'nograd' (op type: TestNoGradient)");
      expect(tf.LookupError.isInstance(error)).toBe(true);
      expect(g.getOperations().length).toBe(before); // a failed call leaves the graph as it was
      undo.push(registerGradient("TestNoGradient", null));
      expect(tf.gradients(y, x)).toEqual([null]);
    });
  });

  it("checks the number of gradients a GradFn returns (_VerifyGeneratedGradients)", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.constant([1, 2], { dtype: tf.float32, name: "x" });
      const op = g.createOp("TestBadGrad", [x], { name: "bad", outputs: [{ dtype: tf.float32, shape: [2] }] });
      undo.push(registerGradient("TestBadGrad", (_op, [grad]) => [grad, grad]));
      expect(() => tf.gradients(op.outputs[0], x)).toThrow(
        "Num gradients 2 generated for op bad do not match num inputs 1",
      );
    });
  });
});

describe("state_grad.py: Assign, AssignAdd and AssignSub are NotDifferentiable", () => {
  it("a loss read through assignAdd's output gets no gradient for the assigned variable, without a LookupError", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const v = new tf.Variable(tf.constant([1, 2], tf.float32), { name: "v" });
      const w = new tf.Variable(tf.constant([3, 4], tf.float32), { name: "w" });
      const updated = tf.assignAdd(v, tf.constant([1, 1], tf.float32));
      const loss = tf.reduceSum(tf.multiply(updated, w));
      const [dv, dw] = tf.gradients(loss, [v, w]);
      expect(dv).toBeNull();
      expect(dw?.name).toBe("gradients/Mul_grad/Mul_1:0"); // _MulGrad: equal, fully known shapes skip the reshapes
    });
  });
});
