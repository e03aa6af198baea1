// control_flow_ops_py_test.py ControlFlowTest (testCondGrad_*, testNestedCond_Simple, ...) and control_flow_grad.py's
// graph: `cond_grad` Switches and Merges under TF's gradient names, zeros for the untaken branch built by
// ZerosLikeOutsideLoop, values per branch, and float64 central differences through conds.
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

const nodes = (g: tf.Graph, prefix: string) =>
  (g.asGraphDef().node ?? [])
    .filter((n) => n.name.startsWith(prefix))
    .map((n) => `${n.name}:${n.op}(${(n.input ?? []).join(", ")})`);

describe("gradients through tf.cond (control_flow_grad.py)", () => {
  it("testCondGrad_1: identity in both branches", () =>
    inGraph(() => {
      const x = tf.constant(10.0, { dtype: "float32", name: "x" });
      const r = tf.cond(
        tf.less(1, 2),
        () => tf.identity(x),
        () => tf.identity(x),
      );
      const grad = tf.gradients(r, [x])[0] as tf.Tensor;
      expect(new tf.Session().run(grad).item()).toBe(1);
    }));

  it("testCondGrad_2: each branch's gradient when it is taken, under TF's gradient op names", () =>
    inGraph((g) => {
      const c = tf.placeholder("int32", [], "c");
      const x = tf.constant(10.0, { dtype: "float32" });
      const r = tf.cond(
        tf.less(c, 2),
        () => tf.multiply(x, 42.0),
        () => tf.multiply(x, 3.0),
      );
      const grad = tf.gradients(r, [x])[0] as tf.Tensor;
      expect(grad.name).toBe("gradients/AddN:0");
      expect(nodes(g, "gradients/")).toEqual([
        "gradients/Shape:Const()",
        "gradients/grad_ys_0:Const()",
        "gradients/Fill:Fill(gradients/Shape, gradients/grad_ys_0)",
        "gradients/cond/Merge_grad/cond_grad:Switch(gradients/Fill, cond/pred_id)",
        "gradients/cond/Mul_1_grad/Mul:Mul(gradients/cond/Merge_grad/cond_grad, cond/Mul_1/y)",
        "gradients/cond/Mul_1_grad/Mul_1:Mul(gradients/cond/Merge_grad/cond_grad, cond/Mul_1/Switch)",
        "gradients/cond/Mul_grad/Mul:Mul(gradients/cond/Merge_grad/cond_grad:1, cond/Mul/y)",
        "gradients/cond/Mul_grad/Mul_1:Mul(gradients/cond/Merge_grad/cond_grad:1, cond/Mul/Switch:1)",
        "gradients/Switch:Switch(Const, cond/pred_id)",
        "gradients/Identity:Identity(gradients/Switch:1)",
        "gradients/Shape_1:Shape(gradients/Switch:1)",
        "gradients/zeros/Const:Const(^gradients/Identity)",
        "gradients/zeros:Fill(gradients/Shape_1, gradients/zeros/Const)",
        "gradients/cond/Mul_1/Switch_grad/cond_grad:Merge(gradients/cond/Mul_1_grad/Mul, gradients/zeros)",
        "gradients/Switch_1:Switch(Const, cond/pred_id)",
        "gradients/Identity_1:Identity(gradients/Switch_1)",
        "gradients/Shape_2:Shape(gradients/Switch_1)",
        "gradients/zeros_1/Const:Const(^gradients/Identity_1)",
        "gradients/zeros_1:Fill(gradients/Shape_2, gradients/zeros_1/Const)",
        "gradients/cond/Mul/Switch_grad/cond_grad:Merge(gradients/zeros_1, gradients/cond/Mul_grad/Mul)",
        "gradients/AddN:AddN(gradients/cond/Mul_1/Switch_grad/cond_grad, gradients/cond/Mul/Switch_grad/cond_grad)",
      ]);
      // _MergeGrad's Switch is _SwitchRefOrTensor's: colocated with the incoming gradient.
      expect(g.getOperationByName("gradients/cond/Merge_grad/cond_grad").attrs._class).toEqual(["loc:@gradients/Fill"]);
      const sess = new tf.Session();
      expect(sess.run(grad, { "c:0": 1 }).item()).toBe(42);
      expect(sess.run(grad, { "c:0": 3 }).item()).toBe(3);
    }));

  it("testCondGrad_3: tf.gradients called inside a branch", () =>
    inGraph(() => {
      const c = tf.placeholder("int32", [], "c");
      const ox = tf.constant(10.0, { dtype: "float32" });
      const fn1 = (x: tf.Tensor) => {
        const m = x.mul(x);
        return tf.gradients(m, [ox])[0] as tf.Tensor;
      };
      const y = tf.multiply(tf.constant(7, { dtype: "float32" }), ox);
      const r = tf.cond(
        tf.less(c, 2),
        () => fn1(y),
        () => tf.multiply(ox, 3.0),
      );
      const sess = new tf.Session();
      expect(sess.run(r, { "c:0": 1 }).item()).toBe(980);
      expect(sess.run(r, { "c:0": 3 }).item()).toBe(30);
    }));

  it("testNestedCond_Simple: a nested cond returning the outer x in every branch", () =>
    inGraph(() => {
      const x = tf.constant(0, { dtype: "float32", name: "X" });
      const nested = () =>
        tf.cond(
          tf.less(x, 1),
          () => x,
          () => x,
        );
      const y = tf.cond(tf.constant(true), () => x, nested);
      const z = tf.cond(tf.constant(false), () => x, nested);
      const sess = new tf.Session();
      expect(sess.run(tf.gradients(y, x)[0] as tf.Tensor).item()).toBe(1);
      expect(sess.run(tf.gradients(z, x)[0] as tf.Tensor).item()).toBe(1);
    }));

  it("testCondGradMultiDevice (one device): 4 or 0 by branch; v1 control flow gives no second derivative", () =>
    inGraph(() => {
      const pred = tf.placeholder("bool", [], "pred");
      const x = tf.placeholder("float32", null, "x");
      const y = tf.placeholder("float32", null, "y");
      const z = tf.cond(
        pred,
        () => x.mul(y).mul(2.0),
        () => tf.constant(2, { dtype: "float32" }),
      );
      const grad = tf.gradients(z, x)[0] as tf.Tensor;
      const gradGrad = tf.gradients(grad, x)[0];
      const sess = new tf.Session();
      expect(sess.run(grad, { "pred:0": true, "x:0": 1.0, "y:0": 2.0 }).item()).toBe(4);
      expect(sess.run(grad, { "pred:0": false, "x:0": 1.0, "y:0": 2.0 }).item()).toBe(0);
      expect(gradGrad).toBeNull();
    }));

  it("testCondResourceGrad (a RefVariable, float32 and float64): the gradient reaches the variable", () => {
    for (const dtype of [tf.float32, tf.float64]) {
      inGraph(() => {
        const v1 = new tf.Variable(tf.constant([7], { dtype }));
        const age = tf.constant(3, { dtype });
        const r = tf.cond(
          tf.greater(age, 4),
          () => age,
          () => v1,
        );
        const grad = tf.gradients(r, v1)[0] as tf.Tensor;
        const sess = new tf.Session();
        sess.run(tf.globalVariablesInitializer());
        expect(sess.run(grad).toArray()).toEqual([1]);
      });
    }
  });

  it("testCondGrad_Gather: identity in one branch, gather in the other (a dense Tensor, as v1 aggregates it)", () =>
    inGraph(() => {
      const v1 = new tf.Variable([1.0, 42.0], { dtype: "float32" });
      const c = tf.placeholder("int32", [], "c");
      const r = tf.cond(
        tf.less(c, 2),
        () => tf.identity(v1),
        () => tf.gather(v1, [1, 1]),
      );
      const grad = tf.gradients(r, [v1])[0] as tf.Tensor;
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(sess.run(grad, { "c:0": 1 }).toArray()).toEqual([1, 1]);
      expect(sess.run(grad, { "c:0": 3 }).toArray()).toEqual([0, 2]);
    }));

  it("testCondInt: no gradient flows to an int32 tensor", () =>
    inGraph(() => {
      const p = tf.placeholder("bool", [], "p");
      const v = tf.constant(10);
      const y = tf.cond(
        p,
        () => tf.add(v, 1),
        () => tf.subtract(v, 1),
      );
      expect(tf.gradients(y, [v])).toEqual([null]);
    }));

  it("a Merge and Switch without a cond context (an imported graph) take the general gradients", () =>
    inGraph((g) => {
      const x = tf.placeholder("float32", [], "x");
      const p = tf.placeholder("bool", [], "p");
      const r = tf.cond(
        p,
        () => x.mul(3),
        () => x.mul(5),
      );
      const imported = new tf.Graph();
      imported.asDefault(() => {
        tf.importGraphDef(g.asGraphDef(), { name: "" });
        const [grad] = tf.gradients(imported.getTensorByName(r.name), imported.getTensorByName("x:0"));
        expect(imported.getOperationByName("gradients/cond/Merge_grad/Equal").type).toBe("Equal");
        expect(imported.getOperationByName("gradients/cond/Merge_grad/Switch").type).toBe("Switch");
        expect(imported.getOperationByName("gradients/cond/mul/Switch_grad/Merge").inputs.map((t) => t.name)).toEqual([
          "gradients/cond/mul/Switch_grad/Switch:0",
          "gradients/cond/mul/Switch_grad/Switch_1:1",
        ]);
        const sess = new tf.Session({ graph: imported });
        expect(sess.run(grad as tf.Tensor, { "x:0": 2, "p:0": true }).item()).toBe(3);
        expect(sess.run(grad as tf.Tensor, { "x:0": 2, "p:0": false }).item()).toBe(5);
      });
    }));
});

describe("cond gradients against central differences (float64)", () => {
  it("both branches, a captured tensor returned as is, and a nested cond", () => {
    for (const flag of [true, false]) {
      checkGradient(
        ([a, b]) => {
          const p = tf.constant(flag);
          return tf.cond(
            p,
            () => tf.add(tf.multiply(a, b), tf.sin(a)),
            () =>
              tf.cond(
                tf.logicalNot(p),
                () => tf.multiply(tf.square(b), a),
                () => b,
              ),
          );
        },
        [
          [0.5, -1.25, 2],
          [1.5, 0.25, -0.75],
        ],
        { name: `cond(${flag})` },
      );
      checkGradient(
        ([a]) =>
          tf.cond(
            tf.constant(flag),
            () => a,
            () => tf.exp(a),
          ),
        [[0.3, -0.2]],
      );
    }
  });
});
