// control_flow_ops_test.py CondTest and control_flow_ops_py_test.py ControlFlowTest (graph mode, v1 control flow):
// the graph tf.cond builds (op names, inputs, pivots, colocation, contexts, fetchability), its values, the
// untaken branch not running, and TF's errors.
import { describe, expect, it, vi } from "vitest";
import * as tf from "../index";
import { graphSnapshot, inGraph } from "../scopes/test-helpers";
import type { CondContext } from "./cond-context";

/** Each op as a GraphDef shows it: `name:Type(input, ^control)`. */
const nodes = (g: tf.Graph) =>
  (g.asGraphDef().node ?? []).map((n) => `${n.name}:${n.op}(${(n.input ?? []).join(", ")})`);

const run = (t: tf.Tensor | tf.Tensor[], feeds?: tf.Feeds) => new tf.Session().run(t as tf.Tensor, feeds).toArray();

describe("tf.cond's graph (control_flow_ops.py: cond, CondContext)", () => {
  it("CondTest.testCondTrue: Switch, pivots, pred_id, a Switch per captured tensor, Merge; the true branch's value", () =>
    inGraph((g) => {
      const x = tf.constant(2);
      const y = tf.constant(5);
      const z = tf.cond(
        tf.less(x, y),
        () => tf.multiply(x, 17),
        () => tf.add(y, 23),
      );
      expect(z.name).toBe("cond/Merge:0");
      expect(nodes(g)).toEqual([
        "Const:Const()",
        "Const_1:Const()",
        "Less:Less(Const, Const_1)",
        "cond/Switch:Switch(Less, Less)",
        "cond/switch_t:Identity(cond/Switch:1)",
        "cond/switch_f:Identity(cond/Switch)",
        "cond/pred_id:Identity(Less)",
        "cond/Mul/y:Const(^cond/switch_t)",
        "cond/Mul:Mul(cond/Mul/Switch:1, cond/Mul/y)",
        "cond/Mul/Switch:Switch(Const, cond/pred_id)",
        "cond/Add/y:Const(^cond/switch_f)",
        "cond/Add:Add(cond/Add/Switch, cond/Add/y)",
        "cond/Add/Switch:Switch(Const_1, cond/pred_id)",
        "cond/Merge:Merge(cond/Add, cond/Mul)",
      ]);
      // _SwitchRefOrTensor colocates each Switch with the tensor it guards.
      expect(g.getOperationByName("cond/Mul/Switch").attrs._class).toEqual(["loc:@Const"]);
      expect(g.getOperationByName("cond/Switch").attrs._class).toBeUndefined();
      expect(z.op.attrs).toMatchObject({ N: 2 });
      expect(run(z)).toBe(34);
    }));

  it("ControlFlowTest.testCondColocation (colocation, not devices): a captured variable's Switch joins its group", () =>
    inGraph((g) => {
      const v = new tf.Variable(7.0, { dtype: "float32" });
      const x = tf.constant(10.0, { dtype: "float32" });
      tf.cond(
        tf.less(1.5, 2.5),
        () => tf.add(v, 1.0),
        () => tf.subtract(x, 1.0),
      );
      expect(g.getOperationByName("cond/Add/Switch").inputs[0].name).toBe("Variable/read:0");
      expect(g.getOperationByName("cond/Add/Switch").attrs._class).toEqual(["loc:@Variable"]);
      expect(g.getOperationByName("cond/Sub/Switch").attrs._class).toEqual(["loc:@Const"]);
    }));

  it("CondTest.testCondFalse", () =>
    inGraph(() => {
      const x = tf.constant(2);
      const y = tf.constant(1);
      const z = tf.cond(
        tf.less(x, y),
        () => tf.multiply(x, 17),
        () => tf.add(y, 23),
      );
      expect(run(z)).toBe(24);
    }));

  it("CondTest.testCondTrueLegacy / testCondFalseLegacy: fn1 and fn2 by name, with TF's deprecation warning", () =>
    inGraph(() => {
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      const x = tf.constant(2);
      const y = tf.constant(5);
      const z = tf.cond(tf.less(x, y), { fn1: () => tf.multiply(x, 17), fn2: () => tf.add(y, 23) });
      expect(warn.mock.calls.map((c) => c[0])).toEqual([
        "calling cond (from tensorflow.python.ops.control_flow_ops) with fn1 is deprecated and will be removed in a future version.\nInstructions for updating:\nfn1/fn2 are deprecated in favor of the true_fn/false_fn arguments.",
        "calling cond (from tensorflow.python.ops.control_flow_ops) with fn2 is deprecated and will be removed in a future version.\nInstructions for updating:\nfn1/fn2 are deprecated in favor of the true_fn/false_fn arguments.",
      ]);
      warn.mockRestore();
      expect(run(z)).toBe(34);
      const w = tf.cond(tf.less(y, x), { fn1: () => tf.multiply(x, 17), fn2: () => tf.add(y, 23) });
      expect(run(w)).toBe(28);
      const named = tf.cond(tf.less(x, y), { trueFn: () => x, falseFn: () => y, name: "named" });
      expect(named.name).toBe("named/Merge:0");
    }));

  it("CondTest.testCondMissingArg1/2, testCondDuplicateArg1/2: TypeErrors, and a callable check", () =>
    inGraph(() => {
      const x = tf.constant(1);
      const p = tf.constant(true);
      expect(() => tf.cond(p, { falseFn: () => x })).toThrow(new TypeError("cond(): true_fn argument required"));
      expect(() => tf.cond(p, { trueFn: () => x })).toThrow(new TypeError("cond(): false_fn argument required"));
      expect(() =>
        tf.cond(
          p,
          () => x,
          () => x,
          { fn1: () => x },
        ),
      ).toThrow(new TypeError("cond(): true_fn and fn1 may not be set simultaneously."));
      expect(() =>
        tf.cond(
          p,
          () => x,
          () => x,
          { fn2: () => x },
        ),
      ).toThrow(new TypeError("cond(): false_fn and fn2 may not be set simultaneously."));
      expect(() => tf.cond(p, 1 as never, () => x)).toThrow(new TypeError("true_fn must be callable."));
      expect(() => tf.cond(p, () => x, "f" as never)).toThrow(new TypeError("false_fn must be callable."));
    }));

  it("ControlFlowTest.testCondBool: a JS boolean predicate is refused, the graph unchanged", () =>
    inGraph((g) => {
      const values = tf.constant(10);
      const before = graphSnapshot(g);
      expect(() =>
        tf.cond(
          false as never,
          () => tf.add(values, 1),
          () => tf.subtract(values, 1),
        ),
      ).toThrow(new TypeError("pred must not be a Python bool"));
      expect(graphSnapshot(g)).toEqual(before);
    }));

  it("ControlFlowTest.testCondOutputShape, and the Merge shape of differing branch shapes", () =>
    inGraph(() => {
      const x = tf.constant(1, { dtype: "float32" });
      const b = tf.cond(
        tf.constant(true),
        () => tf.square(x),
        () => tf.subtract(x, 1),
      );
      expect(b.shape).toEqual([]);
      const p = tf.placeholder("bool", [], "p");
      const c = tf.cond(
        p,
        () => tf.zeros([2, 3]),
        () => tf.zeros([2, 4]),
      );
      expect(c.shape).toEqual([2, null]);
      const d = tf.cond(
        p,
        () => tf.zeros([2]),
        () => tf.zeros([2, 4]),
      );
      expect(d.shape).toBeNull();
    }));

  it("ControlFlowTest.testFetchable: ops inside the branches and the pivots cannot be fetched", () =>
    inGraph((g) => {
      const x = tf.placeholder("float32", null, "x");
      tf.cond(
        tf.constant(true),
        () => x.add(2),
        () => x.add(0),
      );
      const sess = new tf.Session();
      let fetchable = 0;
      let refused = 0;
      for (const op of g.getOperations()) {
        for (const t of op.inputs) {
          if (g.isFetchable(t.op)) {
            sess.run(t, { "x:0": 3 });
            fetchable++;
          } else {
            expect(() => sess.run(t, { "x:0": 3 })).toThrow(
              `Operation '${t.op.name}' has been marked as not fetchable.`,
            );
            refused++;
          }
        }
      }
      expect([fetchable, refused]).toEqual([5, 10]);
      for (const name of [
        "cond/Switch",
        "cond/switch_t",
        "cond/switch_f",
        "cond/pred_id",
        "cond/add",
        "cond/add/Switch",
      ])
        expect(g.isFetchable(g.getOperationByName(name))).toBe(false);
      expect(g.isFetchable(g.getOperationByName("cond/Merge"))).toBe(true);
    }));

  it("records the two branch contexts in the cond_context collection; nested ones are reached through them", () =>
    inGraph((g) => {
      const x = tf.constant(0, { dtype: "float32", name: "X" });
      tf.cond(
        tf.constant(true),
        () => x,
        () =>
          tf.cond(
            tf.less(x, 1),
            () => x,
            () => x,
          ),
      );
      const contexts = g.getCollection<CondContext>(tf.GraphKeys.COND_CONTEXT);
      expect(contexts.map((c) => [c.name, c.branch, c.pivot.name, c.pred.name])).toEqual([
        ["cond/cond_text", 1, "cond/switch_t:0", "cond/pred_id:0"],
        ["cond/cond_text_1", 0, "cond/switch_f:0", "cond/pred_id:0"],
      ]);
      expect(contexts[1].nestedContexts.map((c) => c.name)).toEqual(["cond/cond/cond_text", "cond/cond/cond_text_1"]);
      expect(g.getOperationByName("cond/cond/Merge").controlFlowContext).toBe(contexts[1]);
      expect(g.getOperationByName("cond/Merge").controlFlowContext).toBeNull();
    }));

  it("a branch that throws leaves the graph, its names and its control flow context as they were", () =>
    inGraph((g) => {
      const x = tf.constant(1, { dtype: "float32", name: "x" });
      const before = graphSnapshot(g);
      expect(() =>
        tf.cond(
          tf.constant(true, { name: "p" }),
          () => x.add(1),
          () => tf.matmul(x, x),
        ),
      ).toThrow("Shape must be rank 2 but is rank 0");
      expect(g.getControlFlowContext()).toBeNull();
      expect(graphSnapshot(g)).toEqual({ ...before, ops: [...before.ops, "p"], nextConst: before.nextConst });
      expect(g.getOperations().map((op) => op.name)).toEqual(["x", "p"]);
      expect(g.getCollection(tf.GraphKeys.COND_CONTEXT)).toEqual([]);
      const ok = tf.cond(
        tf.constant(true),
        () => x,
        () => x,
      );
      expect(ok.name).toBe("cond/Merge:0");
    }));

  it("a branch returning a Promise is refused (the context is a dynamic stack)", () =>
    inGraph((g) => {
      const x = tf.constant(1);
      expect(() =>
        tf.cond(
          tf.constant(true),
          async () => x,
          () => x,
        ),
      ).toThrow("The body of tf.cond's true_fn returned a Promise.");
      expect(g.getControlFlowContext()).toBeNull();
    }));
});
