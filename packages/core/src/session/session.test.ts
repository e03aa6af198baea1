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
      expect(() => sess.run(y)).toThrow(
        "You must feed a value for placeholder tensor 'x' with dtype float and shape [-1,3]",
      );
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
