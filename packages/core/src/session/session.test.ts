import { describe, expect, it } from "vitest";
import * as tf from "../index";

describe("Session.run (session_test.py)", () => {
  it("fetches tensors, ops and names in the structure given", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const c = tf.constant(
        [
          [1, 2],
          [3, 4],
        ],
        { name: "c" },
      );
      const i = tf.identity(c, "i");
      const sess = new tf.Session();
      const out = sess.run({ a: i, b: [c, "i:0"], op: i.op, byName: "i" });
      expect(out.a.shape).toEqual([2, 2]);
      expect(Array.from(out.a.data as Int32Array)).toEqual([1, 2, 3, 4]);
      expect(out.b[0]?.toArray()).toEqual([
        [1, 2],
        [3, 4],
      ]);
      expect(out.op).toBeNull();
      expect(out.byName).toBeNull();
    });
  });

  it("feeds placeholders and rejects what TF rejects", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.placeholder(tf.float32, [null, 3], "x");
      const y = tf.identity(x, "y");
      const sess = new tf.Session();
      expect(sess.run(y, { "x:0": [[1, 2, 3]] }).toArray()).toEqual([[1, 2, 3]]);
      expect(
        sess.run(y, new Map([[x, new tf.NDArray("float32", [1, 3], new Float32Array([4, 5, 6]))]])).toArray(),
      ).toEqual([[4, 5, 6]]);
      // placeholder_op.cc: the shape as PartialTensorShape::DebugString prints it, `?` for an unknown dim
      expect(() => sess.run(y)).toThrow(
        "You must feed a value for placeholder tensor 'x' with dtype float and shape [?,3]",
      );
      // ... and no shape for a scalar or an unknown rank (only when dims() > 0)
      const scalar = tf.placeholder(tf.int32, [], "scalar");
      const anyRank = tf.placeholder(tf.float32, null, "any");
      expect(() => sess.run(scalar)).toThrow(
        /^You must feed a value for placeholder tensor 'scalar' with dtype int32\n/,
      );
      expect(() => sess.run(anyRank)).toThrow(/^You must feed a value for placeholder tensor 'any' with dtype float\n/);
      expect(() => sess.run(y, { "x:0": [[1, 2]] })).toThrow(
        "Cannot feed value of shape (1, 2) for Tensor 'x:0', which has shape '(?, 3)'",
      );
      expect(() => sess.run("nope:0")).toThrow(
        `Fetch argument 'nope:0' cannot be interpreted as a Tensor. ("The name 'nope:0' refers to a Tensor which does not exist. The operation, 'nope', does not exist in the graph.")`,
      );
      sess.close();
      expect(() => sess.run(y, { "x:0": [[1, 2, 3]] })).toThrow("Attempted to use a closed Session.");
    });
  });

  it("returns copies of constants so callers cannot corrupt the graph", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const c = tf.constant([1, 2]);
      const sess = new tf.Session();
      const first = sess.run(c);
      (first.data as Int32Array)[0] = 99;
      expect(sess.run(c).toArray()).toEqual([1, 2]);
    });
  });
});

describe("control dependencies on fed placeholders (subgraph.cc: FeedInputs)", () => {
  it("a fed Placeholder's control edges are met by the feed; an unfed one still must be fed", () =>
    new tf.Graph().asDefault(() => {
      const x = tf.placeholder(tf.float32, [2], "x");
      const y = tf.getDefaultGraph().controlDependencies([x], () => tf.constant(3, { name: "y" }));
      const sess = new tf.Session();
      expect(Number((sess.run(y, new Map([[x, [1, 2]]])) as tf.NDArray).item())).toBe(3);
      expect(() => sess.run(y)).toThrow("You must feed a value for placeholder tensor 'x'");
    }));
});

describe("feed keys", () => {
  it("session.py: a feed key must name a tensor, not an op", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.placeholder(tf.float32, [], "x");
      expect(() => new tf.Session().run(tf.identity(x), { x: 1 })).toThrow(
        `Cannot interpret feed_dict key as Tensor: The name 'x' refers to an Operation, not a Tensor. Tensor names must be of the form "<op_name>:<output_index>".`,
      );
    });
  });
});

describe("a Session's backend (new Session({ graph?, backend? }))", () => {
  // A backend whose only kernel, Neg, answers 42 everywhere: which kernel ran shows in the value.
  tf.registerBackend({
    name: "marked",
    kernels: {
      Neg: { prepare: () => ({ run: ([x]) => [new tf.NDArray(x.dtype, x.shape, new Float32Array(x.size).fill(42))] }) },
    },
  });
  const negOf = (values: number[]) => tf.negative(tf.constant(values, { dtype: tf.float32 }));
  const data = (value: tf.NDArray) => Array.from(value.data as Float32Array);

  it("runs on the backend it names, else on the default; core alone defaults to reference", () =>
    new tf.Graph().asDefault(() => {
      const y = negOf([1, -2]);
      expect(tf.getBackend()).toBe("reference");
      const byDefault = new tf.Session();
      const marked = new tf.Session({ backend: "marked" });
      expect(byDefault.backend).toBe("reference");
      expect(marked.backend).toBe("marked");
      expect(data(byDefault.run(y))).toEqual([-1, 2]);
      expect(data(marked.run(y))).toEqual([42, 42]);
      expect(new tf.Session({ graph: y.graph, backend: "reference" }).backend).toBe("reference");
    }));

  it("a Session naming 'reference' runs on reference while the default is another backend", () =>
    new tf.Graph().asDefault(() => {
      const y = negOf([3]);
      tf.setBackend("marked");
      try {
        const reference = new tf.Session({ backend: "reference" });
        expect(reference.backend).toBe("reference");
        expect(data(reference.run(y))).toEqual([-3]);
        expect(new tf.Session().backend).toBe("marked");
        expect(data(new tf.Session().run(y))).toEqual([42]);
      } finally {
        tf.setBackend("reference");
      }
    }));

  it("keeps its backend when the default changes after it was made", () =>
    new tf.Graph().asDefault(() => {
      const y = negOf([5]);
      const sess = new tf.Session();
      expect(data(sess.run(y))).toEqual([-5]);
      tf.setBackend("marked");
      try {
        expect(tf.getBackend()).toBe("marked");
        expect(sess.backend).toBe("reference");
        expect(data(sess.run(y))).toEqual([-5]);
        expect(data(sess.run(negOf([6])))).toEqual([-6]);
      } finally {
        tf.setBackend("reference");
      }
    }));

  it("names an unknown backend and lists the registered ones (NotFoundError)", () => {
    const message =
      "No backend named 'webgpu' is registered (registered: reference, marked). Name a registered backend; " +
      '"wasm" is registered by `await tf.ready()` of @scopeflow/node or @scopeflow/browser.';
    let caught: unknown;
    try {
      new tf.Session({ backend: "webgpu" });
    } catch (error) {
      caught = error;
    }
    expect(tf.errors.NotFoundError.isInstance(caught)).toBe(true);
    expect(String(caught)).toBe(`NotFoundError: ${message}`);
    expect(() => tf.setBackend("webgpu")).toThrow(message);
    expect(tf.getBackend()).toBe("reference");
  });
});
