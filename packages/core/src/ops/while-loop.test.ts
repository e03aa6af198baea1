// control_flow_ops_py_test.py ControlFlowTest (graph mode, v1 control flow): the graph tf.whileLoop builds (op
// names, frames, loop-constant Enters, maximum_iterations' counter, shape invariants), its values and TF's errors.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

/** Each op as a GraphDef shows it: `name:Type(input, ^control)`. */
const nodes = (g: tf.Graph) =>
  (g.asGraphDef().node ?? []).map((n) => `${n.name}:${n.op}(${(n.input ?? []).join(", ")})`);

describe("tf.whileLoop's graph (control_flow_ops.py: while_loop, WhileContext)", () => {
  it("testWhile_1: Enter, Merge, Less (its Enter), LoopCond, Switch, Identity, add, NextIteration, Exit", () =>
    inGraph((g) => {
      const n = tf.constant(0);
      const r = tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 10000),
        (i: tf.Tensor) => tf.add(i, 1),
        [n],
      );
      expect(r.name).toBe("while/Exit:0");
      expect(nodes(g)).toEqual([
        "Const:Const()",
        "while/Enter:Enter(Const)",
        "while/Merge:Merge(while/Enter, while/NextIteration)",
        "while/Less/y:Const(^while/Merge)",
        "while/Less:Less(while/Merge, while/Less/y)",
        "while/LoopCond:LoopCond(while/Less)",
        "while/Switch:Switch(while/Merge, while/LoopCond)",
        "while/Identity:Identity(while/Switch:1)",
        "while/Add/y:Const(^while/Identity)",
        "while/Add:Add(while/Identity, while/Add/y)",
        "while/NextIteration:NextIteration(while/Add)",
        "while/Exit:Exit(while/Switch)",
      ]);
      const enter = g.getOperationByName("while/Enter");
      expect(enter.attrs.frame_name).toBe("while/while_context");
      expect(enter.attrs.is_constant).toBe(false);
      expect(enter.attrs.parallel_iterations).toBe(10);
      expect(g.getCollection(tf.GraphKeys.WHILE_CONTEXT)).toHaveLength(1);
      expect(new tf.Session().run(r as tf.Tensor).toArray()).toEqual(10000);
    }));

  it("testWhile_2: a loop-invariant tensor is read through a constant Enter (while/add/Enter)", () =>
    inGraph((g) => {
      const s = tf.constant(0);
      const r = tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 10),
        (i: tf.Tensor) => i.add(s),
        [tf.constant(1)],
      );
      const e = g.getOperationByName("while/add/Enter");
      expect(e.type).toBe("Enter");
      expect(e.attrs.is_constant).toBe(true);
      expect(e.inputs[0].name).toBe("Const:0");
      void r;
    }));

  it("testWhile_3: several loop variables with a captured tensor; values", () =>
    inGraph(() => {
      const d = tf.constant(2);
      const n = tf.constant(0);
      const o = tf.constant(0);
      const r = tf.whileLoop(
        (x: tf.Tensor) => tf.less(x, 10),
        (x: tf.Tensor, y: tf.Tensor) => [tf.add(x, d), tf.add(y, x)],
        [n, o],
      ) as tf.Tensor[];
      // compute: x = 0,2,4,6,8 -> 10; y = 0+0+2+4+6+8 = 20
      const [x, y] = new tf.Session().run(r);
      expect(x.toArray()).toEqual(10);
      expect(y.toArray()).toEqual(20);
    }));

  it("testWhile_4 style: a float loop variable and tf.multiply; result per iteration", () =>
    inGraph(() => {
      const r = tf.whileLoop(
        (i: tf.Tensor, _x: tf.Tensor) => tf.less(i, 5),
        (i: tf.Tensor, x: tf.Tensor) => [tf.add(i, 1), tf.multiply(x, 2)],
        [tf.constant(0), tf.constant(1.5)],
      ) as tf.Tensor[];
      expect(new tf.Session().run(r[1]).toArray()).toEqual(48);
    }));

  it("testWhileWithMaximumIterations: the iteration_counter loop variable and LogicalAnd", () =>
    inGraph((g) => {
      const r = tf.whileLoop(
        (_i: tf.Tensor) => tf.constant(true),
        (i: tf.Tensor) => tf.add(i, 1),
        [tf.constant(0)],
        { maximumIterations: 3 },
      );
      expect(r.name).toBe("while/Exit_1:0");
      expect(g.getOperationByName("while/iteration_counter").type).toBe("Const");
      expect(g.getOperationByName("while/maximum_iterations").type).toBe("Const");
      expect(g.getOperationByName("while/LogicalAnd").type).toBe("LogicalAnd");
      expect(g.getOperationByName("while/Less/Enter").attrs.is_constant).toBe(true);
      expect(new tf.Session().run(r as tf.Tensor).toArray()).toEqual(3);
    }));

  it("a single tensor in, a single tensor out; returnSameStructure keeps arrays", () =>
    inGraph(() => {
      const r = tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 3),
        (i: tf.Tensor) => tf.add(i, 1),
        tf.constant(0),
      );
      expect(r.name).toBe("while/Exit:0");
      const s = tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 3),
        (i: tf.Tensor) => [tf.add(i, 1)],
        [tf.constant(0)],
        { returnSameStructure: true },
      ) as tf.Tensor[];
      expect(Array.isArray(s)).toBe(true);
      expect(new tf.Session().run(s[0]).toArray()).toEqual(3);
    }));

  it("an object structure of loop variables comes back in the same structure", () =>
    inGraph(() => {
      const r = tf.whileLoop(
        (v: { i: tf.Tensor; x: tf.Tensor }) => tf.less(v.i, 4),
        (v: { i: tf.Tensor; x: tf.Tensor }) => ({ i: tf.add(v.i, 1), x: tf.add(v.x, v.i) }),
        { i: tf.constant(0), x: tf.constant(0) },
      ) as { i: tf.Tensor; x: tf.Tensor };
      expect(new tf.Session().run(r.x).toArray()).toEqual(6);
    }));

  it("testWhileShapeInference: a shape change is TF's ValueError; shape invariants allow it", () =>
    inGraph(() => {
      const i = tf.constant(0);
      const m = tf.ones([2, 2]);
      expect(() =>
        tf.whileLoop(
          (j: tf.Tensor) => tf.less(j, 10),
          (j: tf.Tensor, mm: tf.Tensor) => [tf.add(j, 1), tf.concat([mm, mm], 0)],
          [i, m],
        ),
      ).toThrow(
        "Input tensor 'ones:0' enters the loop with shape (2, 2), but has shape (4, 2) after one iteration. To allow the shape to vary across iterations, use the `shape_invariants` argument of tf.while_loop to specify a less-specific shape.",
      );
      const r = tf.whileLoop(
        (j: tf.Tensor) => tf.less(j, 3),
        (j: tf.Tensor, mm: tf.Tensor) => [tf.add(j, 1), tf.concat([mm, mm], 0)],
        [i, m],
        { shapeInvariants: [[], [null, 2]] },
      ) as tf.Tensor[];
      expect(r[1].shape).toEqual([null, 2]);
      expect(new tf.Session().run(r[1]).shape).toEqual([16, 2]);
    }));

  it("testNestedWhile_1: an inner loop's frame is nested (while/while/while_context); values", () =>
    inGraph((g) => {
      const n = tf.constant(0);
      const inner = (x: tf.Tensor) =>
        tf.whileLoop(
          (j: tf.Tensor) => tf.less(j, 3),
          (j: tf.Tensor) => tf.add(j, 1),
          [x],
        );
      const r = tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 10),
        (i: tf.Tensor) => tf.add(inner(i), 1),
        [n],
      );
      expect(g.getOperationByName("while/while/Enter").attrs.frame_name).toBe("while/while/while_context");
      // i: 0 -> inner 3 -> 4 -> inner 4 -> 5 ... -> 10
      expect(new tf.Session().run(r as tf.Tensor).toArray()).toEqual(10);
    }));

  it("a stateful op in the body runs once per iteration; a variable is read each iteration", () =>
    inGraph(() => {
      const v = new tf.Variable(0, { name: "v" });
      const r = tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 5),
        (i: tf.Tensor) => tf.controlDependencies([tf.assignAdd(v, 1)], () => tf.add(i, 1)),
        [tf.constant(0)],
      );
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(sess.run(r as tf.Tensor).toArray()).toEqual(5);
      expect(sess.run(v).toArray()).toEqual(5);
    }));

  it("errors: no loop variables, not callable, arity", () =>
    inGraph(() => {
      expect(() =>
        tf.whileLoop(
          (i: tf.Tensor) => i,
          (i: tf.Tensor) => i,
          [],
        ),
      ).toThrow("No loop variables provided");
      expect(() => tf.whileLoop(1 as never, (i: tf.Tensor) => i, [1])).toThrow("cond must be callable.");
      expect(() =>
        tf.whileLoop(
          (i: tf.Tensor) => tf.less(i, 2),
          (i: tf.Tensor) => [i, i],
          [tf.constant(0)],
        ),
      ).toThrow();
    }));
});

describe("tf.whileLoop with conds, feeds and fetches", () => {
  it("testCondInWhile: a tf.cond inside the body routes per iteration", () =>
    inGraph(() => {
      const r = tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 10),
        (i: tf.Tensor) =>
          tf.cond(
            tf.less(i, 5),
            () => tf.add(i, 1),
            () => tf.add(i, 2),
          ),
        [tf.constant(0)],
      );
      // 0..5 by 1, then 7, 9, 11
      expect(new tf.Session().run(r as tf.Tensor).toArray()).toEqual(11);
    }));

  it("testWhileInCond: a loop inside a branch runs only when the branch is taken", () =>
    inGraph(() => {
      const p = tf.placeholder(tf.bool, [], "p");
      const r = tf.cond(
        p,
        () =>
          tf.whileLoop(
            (i: tf.Tensor) => tf.less(i, 10),
            (i: tf.Tensor) => tf.add(i, 1),
            [tf.constant(0)],
          ),
        () => tf.constant(-1),
      );
      const sess = new tf.Session();
      expect(sess.run(r as tf.Tensor, { "p:0": true }).toArray()).toEqual(10);
      expect(sess.run(r as tf.Tensor, { "p:0": false }).toArray()).toEqual(-1);
    }));

  it("a fed placeholder is read inside the loop; tensors inside the loop cannot be fetched", () =>
    inGraph((g) => {
      const n = tf.placeholder(tf.int32, [], "n");
      const r = tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, n),
        (i: tf.Tensor) => tf.add(i, 1),
        [tf.constant(0)],
      );
      const sess = new tf.Session();
      expect(sess.run(r as tf.Tensor, { "n:0": 7 }).toArray()).toEqual(7);
      expect(sess.run(r as tf.Tensor, { "n:0": -3 }).toArray()).toEqual(0);
      expect(() => sess.run(g.getTensorByName("while/Identity:0"))).toThrow();
    }));
});
