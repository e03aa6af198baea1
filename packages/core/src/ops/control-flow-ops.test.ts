import { describe, expect, it } from "vitest";
import * as tf from "../index";

describe("tf.controlDependencies (ops_test.py ControlDependenciesTest)", () => {
  it("testBasic: ops created inside depend on the control inputs; null clears them", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const a = tf.constant(1, { name: "a" });
      const b = tf.constant(2, { name: "b" });
      const [c, d, e] = tf.controlDependencies([a], () => {
        const c = tf.constant(3, { name: "c" });
        const d = tf.identity(b, "d");
        const e = tf.controlDependencies(null, () => tf.constant(5, { name: "e" }));
        return [c, d, e];
      });
      expect(c.op.controlInputs.map((op) => op.name)).toEqual(["a"]);
      expect(d.op.controlInputs.map((op) => op.name)).toEqual(["a"]);
      expect(e.op.controlInputs).toEqual([]);
      expect(a.op.controlOutputs.map((op) => op.name)).toEqual(["c", "d"]);
    });
  });

  it("testNested / dominated: an op reading an op made inside the block gets no extra edge", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const a = tf.constant(1, { name: "a" });
      tf.controlDependencies([a], () => {
        const b = tf.constant(2, { name: "b" });
        const c = tf.identity(b, "c");
        expect(b.op.controlInputs.map((op) => op.name)).toEqual(["a"]);
        expect(c.op.controlInputs).toEqual([]);
      });
    });
  });

  it("rejects what is neither an Operation nor a Tensor", () => {
    expect(() => tf.controlDependencies([42 as never], () => 0)).toThrow(
      "Control input must be Operation or Tensor: 42",
    );
  });
});
