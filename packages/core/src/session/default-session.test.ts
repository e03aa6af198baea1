// session_test.py (TF 1.15): testUseExistingGraph, testUseDefaultGraph, testDefaultGraph, testInteractive,
// testAsDefault, and ops.py's eval/run errors: Tensor.eval, Operation.run, Variable.eval/load with the default
// session (Session.asDefault, InteractiveSession).
import { afterEach, describe, expect, it } from "vitest";
import * as tf from "../index";

const f32 = (value: number, shape: number[]) => tf.constant(value, { dtype: tf.float32, shape });
const values = (a: unknown) => (a as tf.NDArray).toArray();

afterEach(() => {
  // A failing test must not leave a default session behind for the next.
  expect(tf.getDefaultSession()).toBeNull();
});

describe("the default session (session_test.py)", () => {
  it("testUseExistingGraph / testUseDefaultGraph: c.eval() under asDefault", () => {
    const g = new tf.Graph();
    const c = g.asDefault(() => tf.matmul(f32(6, [1, 1]), f32(7, [1, 1]), { name: "matmul" }));
    new tf.Session({ graph: g }).asDefault(() => {
      expect(values(c.eval())).toEqual([[42]]);
    });
    g.asDefault(() => {
      new tf.Session().asDefault((sess) => {
        expect(sess.graph).toBe(g);
        expect(values(c.eval())).toEqual([[42]]);
      });
    });
  });

  it("testDefaultGraph: initializer.run(), v.eval(), e.eval() and an assign run through the session", () =>
    new tf.Graph().asDefault(() => {
      const s = new tf.Session();
      s.asDefault(() => {
        const a = f32(1, [1, 2]);
        const b = f32(2, [2, 3]);
        const v = new tf.Variable(tf.matmul(a, b), { name: "testDefaultGraph_v" });
        v.initializer.run();
        expect(values(v.eval())).toEqual([[4, 4, 4]]);
        const e = tf.matmul(a, f32(3, [2, 3]));
        const assignEToV = tf.assign(v, e);
        expect(values(e.eval())).toEqual([[6, 6, 6]]);
        expect(values(v.eval())).toEqual([[4, 4, 4]]);
        s.run(assignEToV);
        expect(values(v.eval())).toEqual([[6, 6, 6]]);
      });
    }));

  it("testAsDefault: a feed dict, and an explicit session instead of the default", () =>
    new tf.Graph().asDefault(() => {
      const c = tf.constant(37);
      new tf.Session().asDefault(() => expect((c.eval() as tf.NDArray).item()).toBe(37));
      const x = tf.placeholder(tf.int32, [], "x");
      const y = x.mul(2);
      const sess = new tf.Session();
      expect((y.eval({ "x:0": 4 }, sess) as tf.NDArray).item()).toBe(8);
      expect((y.eval(new Map([[x, 5]]), sess) as tf.NDArray).item()).toBe(10);
    }));

  it("testInteractive: the session and its graph are the defaults until close()", () => {
    const sess = new tf.InteractiveSession({ graph: new tf.Graph() });
    try {
      expect(tf.getDefaultSession()).toBe(sess);
      expect(tf.getDefaultGraph()).toBe(sess.graph);
      const c = tf.matmul(f32(1, [1, 2]), f32(2, [2, 3]));
      expect(values(c.eval())).toEqual([[4, 4, 4]]);
      const e = tf.matmul(c, tf.constant([1, 2, 3], { dtype: tf.float32, shape: [3, 1] }));
      expect(values(e.eval())).toEqual([[24]]);
      const v = new tf.Variable(tf.zeros([2]), { name: "v" });
      v.load([3, 4]);
      expect(values(v.eval())).toEqual([3, 4]);
    } finally {
      sess.close();
    }
    expect(tf.getDefaultSession()).toBeNull();
    expect(tf.getDefaultGraph()).not.toBe(sess.graph);
    sess.close();
  });

  it("ops.py's errors: no default session, another graph's session, an explicit session of another graph", () => {
    const g = new tf.Graph();
    const [c, init] = g.asDefault(() => [tf.constant(1), tf.noOp()] as const);
    expect(() => c.eval()).toThrow(
      new tf.errors.ValueError(
        "Cannot evaluate tensor using `eval()`: No default session is registered. Use `with sess.as_default()` or pass an explicit session to `eval(session=sess)`",
      ),
    );
    expect(() => init.run()).toThrow(
      "Cannot execute operation using `run()`: No default session is registered. Use `with sess.as_default():` or pass an explicit session to `run(session=sess)`",
    );
    const other = new tf.Session({ graph: new tf.Graph() });
    other.asDefault(() => {
      expect(() => c.eval()).toThrow(
        "Cannot use the default session to evaluate tensor: the tensor's graph is different from the session's graph. Pass an explicit session to `eval(session=sess)`.",
      );
      expect(() => init.run()).toThrow(
        "Cannot use the default session to execute operation: the operation's graph is different from the session's graph. Pass an explicit session to run(session=sess).",
      );
    });
    expect(() => c.eval(null, other)).toThrow(
      "Cannot use the given session to evaluate tensor: the tensor's graph is different from the session's graph.",
    );
    expect(() => init.run(null, other)).toThrow(
      "Cannot use the given session to execute operation: the operation's graph is different from the session's graph.",
    );
    const v = g.asDefault(() => new tf.Variable(1, { name: "w" }));
    expect(() => v.load(2)).toThrow(
      "Either session argument should be provided or default session should be established",
    );
  });

  it("nested asDefault restores the outer default; a throwing body leaves none behind", () => {
    const g = new tf.Graph();
    const outer = new tf.Session({ graph: g });
    const inner = new tf.Session({ graph: g });
    outer.asDefault(() => {
      inner.asDefault(() => expect(tf.getDefaultSession()).toBe(inner));
      expect(tf.getDefaultSession()).toBe(outer);
    });
    expect(() =>
      outer.asDefault(() => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
  });
});
