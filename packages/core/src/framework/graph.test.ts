import { describe, expect, it } from "vitest";
import * as tf from "../index";

describe("Graph naming (ops_test.py)", () => {
  it("ops_test.py NameTest.testGenerateName", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const op0 = g.createOp("TwoFloatOutputs", [], { outputs: [] });
      expect(op0.name).toBe("TwoFloatOutputs");
      const op1 = g.createOp("FloatOutput", [], { name: "myop", outputs: [] });
      expect(op1.name).toBe("myop");
      const op2 = g.createOp("FloatOutput", [], { name: "myop", outputs: [] });
      expect(op2.name).toBe("myop_1");
      const op3 = g.createOp("Foo3", [], { name: "myop", outputs: [] });
      expect(op3.name).toBe("myop_2");
    });
  });

  it("ops_test.py NameTest.testNameScope / unique names skip explicit suffixes", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      expect(g.uniqueName("foo")).toBe("foo");
      expect(g.uniqueName("foo_1")).toBe("foo_1");
      expect(g.uniqueName("foo")).toBe("foo_2");
      expect(g.uniqueName("Foo")).toBe("Foo_3");
      tf.nameScope("a", (s) => {
        expect(s).toBe("a/");
        expect(tf.constant(1).name).toBe("a/Const:0");
        tf.nameScope("b", (s2) => expect(s2).toBe("a/b/"));
        tf.nameScope("b", (s2) => expect(s2).toBe("a/b_1/"));
        tf.nameScope("x/", (s2) => expect(s2).toBe("x/"));
        tf.nameScope(null, (s2) => expect(s2).toBe(""));
      });
      expect(tf.constant(1.5).add(2).name).toBe("add:0");
      expect(g.getOperationByName("add/y").type).toBe("Const");
      expect(tf.add(tf.constant(1.5), 2).op.type).toBe("Add");
    });
  });

  it("rolls back a failing op", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const a = tf.constant([1, 2]);
      const n = g.getOperations().length;
      expect(() => tf.add(a, [1, 2, 3])).toThrow(
        "Dimensions must be equal, but are 2 and 3 for 'Add' (op: 'Add') with input shapes: [2], [3].",
      );
      expect(g.getOperations().length).toBe(n);
      expect(tf.add(a, [1, 2]).name).toBe("Add:0");
    });
  });
});
