// check_ops_test.py (TF 1.15) graph-mode cases: names, static errors, run-time InvalidArgumentError; tf.group forms.
import { describe, expect, it } from "vitest";
import * as tf from "../index";

function inGraph(body: (g: tf.Graph) => void): void {
  new tf.Graph().asDefault(body);
}

describe("check_ops_test.py AssertEqualTest", () => {
  it("test_doesnt_raise_when_equal: names as TF builds them", () =>
    inGraph((g) => {
      const small = tf.constant([1, 2], { name: "small" });
      const op = tf.assertEqual(small, small);
      // int32 data: the Assert is not guarded.
      expect([op.name, op.type]).toEqual(["assert_equal/Assert/Assert", "Assert"]);
      expect(op.inputs[0].name).toBe("assert_equal/All:0");
      expect(g.getOperationByName("assert_equal/Equal").type).toBe("Equal");
      expect(op.inputs.slice(1).map((t) => t.name)).toEqual([
        "assert_equal/Assert/Assert/data_0:0",
        "assert_equal/Assert/Assert/data_1:0",
        "assert_equal/Assert/Assert/data_2:0",
        "small:0",
        "assert_equal/Assert/Assert/data_4:0",
        "small:0",
      ]);
      expect(op.attrs.summarize).toBe(3);
      new tf.Session().run(op);
    }));

  it("test_raises_when_greater (static: InvalidArgumentError at graph time)", () =>
    inGraph(() => {
      const small = tf.constant([1, 2], { name: "small" });
      const big = tf.constant([3, 4], { name: "big" });
      let error: unknown;
      try {
        tf.assertEqual(big, small, { message: "fail" });
      } catch (e) {
        error = e;
      }
      expect(tf.errors.InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as Error).message).toBe(
        "fail\nCondition x == y did not hold element-wise:\nx (big:0) = \n[3 4]\ny (small:0) = \n[1 2]",
      );
    }));

  it("float data: the Assert under AssertGuard, failing at run time", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [2], "x");
      const op = tf.assertEqual(x, 1.0);
      expect(op.name).toBe("assert_equal/Assert/AssertGuard/Merge");
      expect(g.getOperationByName("assert_equal/Assert/AssertGuard/Assert").type).toBe("Assert");
      const sess = new tf.Session();
      sess.run(op, { "x:0": [1, 1] });
      expect(() => sess.run(op, { "x:0": [1, 2] })).toThrow(tf.errors.InvalidArgumentError);
      expect(() => sess.run(op, { "x:0": [1, 2] })).toThrow("Condition x == y did not hold element-wise:");
    }));
});

describe("check_ops_test.py AssertLess/LessEqual/Greater, NonNegative, Positive", () => {
  it("raise statically with TF's condition text; pass otherwise", () =>
    inGraph(() => {
      const small = tf.constant([1, 2], { name: "small" });
      const big = tf.constant([3, 4], { name: "big" });
      expect(() => tf.assertLess(big, small)).toThrow("Condition x < y did not hold element-wise:");
      expect(() => tf.assertLessEqual(big, small)).toThrow("Condition x <= y did not hold element-wise:");
      expect(() => tf.assertGreater(small, big)).toThrow("Condition x > y did not hold element-wise:");
      new tf.Session().run([tf.assertLess(small, big), tf.assertLessEqual(small, small), tf.assertGreater(big, small)]);
    }));

  it("assert_non_negative / assert_positive: nested scopes, data", () =>
    inGraph(() => {
      const zoe = tf.constant([-1, -2], { name: "zoe" });
      expect(() => tf.assertNonNegative(zoe)).toThrow(
        "Condition x >= 0 did not hold element-wise:\nx (zoe:0) = \n[-1 -2]",
      );
      expect(() => tf.assertPositive(tf.constant([0, 2], { name: "freddie" }))).toThrow(
        "Condition x > 0 did not hold element-wise:",
      );
      const x = tf.placeholder(tf.int32, [2], "x");
      const op = tf.assertPositive(x);
      expect(op.name).toBe("assert_positive/assert_less/Assert/Assert");
      const sess = new tf.Session();
      sess.run(op, { "x:0": [1, 2] });
      expect(() => sess.run(op, { "x:0": [0, 2] })).toThrow(tf.errors.InvalidArgumentError);
    }));
});

describe("check_ops_test.py AssertRankTest, AssertTypeTest", () => {
  it("rank known statically: ValueError or a NoOp", () =>
    inGraph(() => {
      const tensor = tf.constant(1, { name: "my_tensor" });
      expect(() => tf.assertRank(tensor, 1, { message: "fail" })).toThrow(
        "fail.  Tensor my_tensor:0 must have rank 1.  Received rank 0, shape ()",
      );
      // A failing builder leaves the graph unchanged (house rule), so the scope name is still free.
      expect(tf.assertRank(tensor, 0).name).toBe("assert_rank/static_checks_determined_all_ok");
      expect(() => tf.assertRank(tensor, [1, 2])).toThrow("Rank must be a scalar.");
    }));

  it("rank unknown: an Assert that fails at run time", () =>
    inGraph(() => {
      const x = tf.placeholder(tf.float32, null, "x");
      const op = tf.assertRank(x, 1);
      const sess = new tf.Session();
      sess.run(op, { "x:0": [1, 2] });
      expect(() => sess.run(op, { "x:0": [[1, 2]] })).toThrow(tf.errors.InvalidArgumentError);
    }));

  it("assert_type", () =>
    inGraph(() => {
      const i = tf.constant([1, 2], { name: "i" });
      expect(tf.assertType(i, tf.int32).name).toBe("assert_type/statically_determined_correct_type");
      expect(() => tf.assertType(i, tf.float32)).toThrow("  i:0 must be of type <dtype: 'float32'>");
      expect(tf.debugging.assertType).toBe(tf.assertType);
    }));
});

describe("control_flow_ops.py group(*inputs, name=None)", () => {
  it("separate arguments, an array, and { name }", () =>
    inGraph(() => {
      const a = tf.constant(1, { name: "a" });
      const b = tf.constant(2, { name: "b" });
      expect(tf.group(a, b).controlInputs.map((o) => o.name)).toEqual(["a", "b"]);
      expect(tf.group([a, b], { name: "g" }).name).toBe("g");
      const g2 = tf.group(a.op, [b], { name: "g2" });
      expect([g2.name, g2.controlInputs.map((o) => o.name)]).toEqual(["g2", ["a", "b"]]);
      expect(tf.group().type).toBe("NoOp");
    }));
});
