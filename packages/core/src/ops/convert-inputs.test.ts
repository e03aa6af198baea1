// API.md "JS numbers": a plain JS value takes the dtype it meets (an explicit dtype, the other operands', a fed
// placeholder's) when every value fits; TF's errors where they still mean something (op_def_library.py,
// variable_scope.py, session.py), and ops_test.py / math_ops_test.py cases on conversion.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { graphSnapshot, inGraph, names, run } from "../scopes/test-helpers";

/** Runs `fetch` after initializing the graph's variables. */
function runInit(fetch: tf.Tensor | tf.Variable) {
  const sess = new tf.Session({ graph: fetch.graph });
  sess.run(tf.globalVariablesInitializer());
  return sess.run(fetch);
}

describe("API.md JS numbers: an explicit dtype", () => {
  it("getVariable, Variable and constant take the dtype a plain value is given with", () =>
    inGraph(() => {
      const v = tf.getVariable("v", { initializer: [0, 0], dtype: tf.float32 });
      expect(v.dtype).toBe(tf.float32);
      expect(v.initialValue.dtype).toBe(tf.float32);
      expect(runInit(v).toArray()).toEqual([0, 0]);
      const step = tf.getVariable("step", { initializer: 0, dtype: tf.int64 });
      expect(step.dtype).toBe(tf.int64);
      expect(runInit(step).data).toEqual(new BigInt64Array([0n]));
      const w = new tf.Variable(1, { dtype: tf.float32 });
      expect(w.dtype).toBe(tf.float32);
      expect(runInit(w).item()).toBe(1);
      const c = tf.constant([[1, 2]], { dtype: tf.float64 });
      expect([c.dtype, run(c)]).toEqual([tf.float64, [[1, 2]]]);
      // A scope's plain initializer takes the explicit dtype too, when it fits.
      const u = tf.variableScope("s", { initializer: 3 }, () => tf.getVariable("u", { dtype: tf.float64 }));
      expect([u.dtype, runInit(u).item()]).toEqual([tf.float64, 3]);
    }));

  it("without a dtype, integers are int32 (int64 past int32) and anything else float32", () =>
    inGraph(() => {
      expect(tf.getVariable("i", { initializer: 0 }).dtype).toBe(tf.int32);
      expect(tf.getVariable("f", { initializer: [0.5, 1] }).dtype).toBe(tf.float32);
      expect(tf.getVariable("big", { initializer: 2 ** 40 }).dtype).toBe(tf.int64);
      expect(new tf.Variable(1).dtype).toBe(tf.int32);
      expect(tf.constant(1.5).dtype).toBe(tf.float32);
      // A scope's dtype is not an explicit one: TF makes the value's own dtype (variable_dtype=None).
      expect(tf.variableScope("d", { dtype: tf.float64 }, () => tf.getVariable("z", { initializer: 0 })).dtype).toBe(
        tf.int32,
      );
    }));

  it("TF's initializer check where it still means something (variable_scope.py: VariableScope.get_variable)", () =>
    inGraph(() => {
      const mismatch = (init: string, dtype: string) =>
        `Initializer type '<dtype: '${init}'>' and explicit dtype '<dtype: '${dtype}'>' don't match.`;
      expect(() => tf.getVariable("a", { initializer: 1.5, dtype: tf.int32 })).toThrow(mismatch("float32", "int32"));
      expect(() => tf.getVariable("b", { initializer: [1, 2.5], dtype: tf.int64 })).toThrow(
        mismatch("float32", "int64"),
      );
      expect(() => tf.getVariable("c", { initializer: tf.constant(0), dtype: tf.int64 })).toThrow(
        mismatch("int32", "int64"),
      );
      expect(() => tf.getVariable("d", { initializer: new Int32Array([1, 2]), dtype: tf.float32 })).toThrow(
        mismatch("int32", "float32"),
      );
      const nd = new tf.Session().run(tf.constant([1, 2], { dtype: tf.float64 }));
      expect(() => tf.getVariable("e", { initializer: nd, dtype: tf.float32 })).toThrow(mismatch("float64", "float32"));
      expect(() => tf.getVariable("f", { initializer: 2 ** 40, dtype: tf.int32 })).toThrow(mismatch("int64", "int32"));
      // tensor_util.py: _AssertCompatible, through RefVariable._init_from_args' convert_to_tensor(dtype=dtype)
      expect(() => new tf.Variable(1.5, { dtype: tf.int32 })).toThrow(
        "Expected int32, got 1.5 of type 'float' instead.",
      );
      expect(() => tf.constant([1, 2 ** 31], { dtype: tf.int32 })).toThrow(
        "Expected int32, got 2147483648 of type 'int' instead.",
      );
      expect(() => tf.constant(-1, { dtype: tf.uint8 })).toThrow("Expected uint8, got -1 of type 'int' instead.");
    }));
});

describe("API.md JS numbers: a plain operand takes the tensor operand's dtype, in any position", () => {
  it("binary ops with the number first or second", () =>
    inGraph((g) => {
      const x = tf.constant([2, 4], { dtype: tf.float32, name: "x" });
      const cases: [tf.Tensor, number[] | boolean[]][] = [
        [tf.divide(1, x), [0.5, 0.25]],
        [tf.subtract(1, x), [-1, -3]],
        [tf.add(1, x), [3, 5]],
        [tf.multiply(x, 3), [6, 12]],
        [tf.maximum(3, x), [3, 4]],
        [tf.minimum(x, 3), [2, 3]],
        [tf.pow(2, x), [4, 16]],
        [tf.squaredDifference(1, x), [1, 9]],
        [tf.floordiv(9, x), [4, 2]],
        [x.add(1), [3, 5]],
        [x.div(2), [1, 2]],
      ];
      for (const [t, value] of cases) {
        expect(t.dtype).toBe(tf.float32);
        expect(run(t)).toEqual(value);
      }
      const comparisons: [tf.Tensor, boolean[]][] = [
        [tf.less(3, x), [false, true]],
        [tf.equal(2, x), [true, false]],
        [tf.greaterEqual(x, 4), [false, true]],
      ];
      for (const [t, value] of comparisons) {
        expect(t.op.inputs.map((i) => i.dtype)).toEqual([tf.float32, tf.float32]);
        expect(run(t)).toEqual(value);
      }
      // The number is converted inside the op's name scope under its argument name, as TF does.
      expect(names(g).slice(1, 7)).toEqual([
        "truediv/x:Const",
        "truediv:RealDiv",
        "Sub/x:Const",
        "Sub:Sub",
        "Add/x:Const",
        "Add:Add",
      ]);
      const i = tf.constant([7, 9], { name: "i" });
      expect([tf.subtract(10, i).dtype, run(tf.subtract(10, i))]).toEqual([tf.int32, [3, 1]]);
      // An int tensor is divided as float64 (math_ops.py: _TRUEDIV_TABLE), the number having taken int32 first.
      expect([tf.divide(14, i).dtype, run(tf.divide(14, i))]).toEqual([tf.float64, [2, 14 / 9]]);
      const l = tf.constant([1, 2], { dtype: tf.int64 });
      expect([tf.add(1, l).dtype, run(tf.add(1, l))]).toEqual([tf.int64, [2, 3]]);
      // Two plain values meet each other: `tf.add(1, 2.5)` is Python's `tf.add(1.0, 2.5)`.
      expect([tf.add(1, 2.5).dtype, run(tf.add(1, 2.5))]).toEqual([tf.float32, 3.5]);
    }));

  it("matmul, where, addN, concat, stack, assign", () =>
    inGraph(() => {
      const x = tf.constant([[1], [2]], { dtype: tf.float64 });
      const m = tf.matmul([[3, 4]], x);
      expect([m.dtype, run(m)]).toEqual([tf.float64, [[11]]]);
      const v = tf.constant([1.5, 2.5]);
      const w = tf.where([true, false], [0, 0], v);
      expect([w.dtype, run(w)]).toEqual([tf.float32, [0, 2.5]]);
      for (const s of [tf.addN([[1, 1], v, [2, 2]]), tf.addN([v, [1, 1]])]) expect(s.dtype).toBe(tf.float32);
      expect(run(tf.addN([[1, 1], v, [2, 2]]))).toEqual([4.5, 5.5]);
      const c = tf.concat([[0], v, [3]], 0);
      expect([c.dtype, run(c)]).toEqual([tf.float32, [0, 1.5, 2.5, 3]]);
      const s = tf.stack([[0, 1], v]);
      expect([s.dtype, run(s)]).toEqual([
        tf.float32,
        [
          [0, 1],
          [1.5, 2.5],
        ],
      ]);
      const f = new tf.Variable([0.5, 0.5], { name: "f" });
      const sess = new tf.Session();
      sess.run(f.initializer);
      expect(sess.run(f.assign([1, 2])).toArray()).toEqual([1, 2]);
      expect(sess.run(f.assignAdd([1, 1])).toArray()).toEqual([2, 3]);
      expect(sess.run(tf.assignSub(f, [2, 2])).toArray()).toEqual([0, 1]);
    }));

  it("a plain value fed to a placeholder takes its dtype", () =>
    inGraph(() => {
      const p = tf.placeholder(tf.float32, [2], "p");
      const q = tf.placeholder(tf.int64, [], "q");
      const sess = new tf.Session();
      const fed = sess.run(p, { "p:0": [1, 2] });
      expect([fed.dtype, fed.data]).toEqual([tf.float32, new Float32Array([1, 2])]);
      expect(sess.run(q, { "q:0": 3 }).data).toEqual(new BigInt64Array([3n]));
      expect(sess.run(p.add(1), { "p:0": [0.5, 1] }).toArray()).toEqual([1.5, 2]);
    }));
});

describe("TF's errors where they still mean something", () => {
  it("math_ops_test.py BinaryOpsTest.testErrorReceivedIfDtypeMismatchFromOp (with 1.5: JS writes 1.0 as 1)", () =>
    inGraph(() => {
      // binary_op_wrapper converts y with x's dtype as a hint, so the gen op sees two tensors.
      expect(() => tf.ones([1], tf.int32).add(1.5)).toThrow(
        "Input 'y' of 'AddV2' Op has type float32 that does not match type int32 of argument 'x'.",
      );
      expect(tf.ones([1], tf.int32).add(1).dtype).toBe(tf.int32);
    }));

  it("op_def_library.py _apply_op_helper: a non-integer meeting an int tensor", () =>
    inGraph((g) => {
      const i = tf.constant([1, 2], { name: "i" });
      const n = new tf.Variable([1, 2], { name: "n" });
      const column = tf.reshape(i, [2, 1]);
      const halves = tf.constant([0.5, 1]);
      const before = graphSnapshot(g);
      expect(() => tf.add(i, 1.5)).toThrow(
        "Expected int32 passed to parameter 'y' of op 'Add', got 1.5 of type 'float' instead. Error: Expected int32, got 1.5 of type 'float' instead.",
      );
      expect(() => tf.maximum(i, [1, 2.5])).toThrow(
        "Expected int32 passed to parameter 'y' of op 'Maximum', got [1, 2.5] of type 'list' instead. Error: Expected int32, got 2.5 of type 'float' instead.",
      );
      // The number first keeps its own dtype (float32), and the tensor then disagrees with it.
      expect(() => tf.add(1.5, i)).toThrow(
        "Input 'y' of 'Add' Op has type int32 that does not match type float32 of argument 'x'.",
      );
      expect(() => tf.where([true, false], i, [0.5, 1])).toThrow(
        "Expected int32 passed to parameter 'e' of op 'Select', got [0.5, 1] of type 'list' instead. Error: Expected int32, got 0.5 of type 'float' instead.",
      );
      expect(() => tf.divide(1.5, i)).toThrow("x and y must have the same dtype, got tf.float32 != tf.int32");
      expect(() => tf.matmul([[0.5, 1]], column)).toThrow(
        "Input 'b' of 'MatMul' Op has type int32 that does not match type float32 of argument 'a'.",
      );
      expect(() => tf.concat([i, [0.5]], 0)).toThrow(
        "Tensors in list passed to 'values' of 'ConcatV2' Op have types [int32, float32] that don't all match.",
      );
      expect(() => tf.addN([[0.5, 1], i])).toThrow(
        "Tensors in list passed to 'inputs' of 'AddN' Op have types [float32, int32] that don't all match.",
      );
      expect(() => tf.stack([i, [0.5, 1]])).toThrow(
        "Tensors in list passed to 'values' of 'Pack' Op have types [int32, float32] that don't all match.",
      );
      expect(() => n.assign([0.5, 1])).toThrow(
        "Expected int32 passed to parameter 'value' of op 'Assign', got [0.5, 1] of type 'list' instead. Error: Expected int32, got 0.5 of type 'float' instead.",
      );
      expect(() => tf.assign(n, halves)).toThrow(
        "Input 'value' of 'Assign' Op has type float32 that does not match type int32 of argument 'ref'.",
      );
      // state_ops.cc: Assign's shape function, once the value has converted.
      expect(() => n.assign([1, 2, 3])).toThrow(
        "Dimension 0 in both shapes must be equal, but are 2 and 3. Shapes are [2] and [3]. for 'Assign' (op: 'Assign') with input shapes: [2], [3].",
      );
      // A failing builder leaves the graph as it was.
      expect(graphSnapshot(g)).toEqual(before);
    }));

  it("session.py BaseSession._run: feeds that would lose their value", () =>
    inGraph(() => {
      const i = tf.placeholder(tf.int32, [], "i");
      const f = tf.placeholder(tf.float32, [], "f");
      const sess = new tf.Session();
      expect(() => sess.run(i, { "i:0": 2 ** 31 })).toThrow(
        "Type of feed value 2147483648 with type <class 'int'> is not compatible with Tensor type <class 'numpy.int32'>. Try explicitly setting the type of the feed tensor to a larger type (e.g. int64).",
      );
      expect(() => sess.run(f, { "f:0": 2 ** 24 + 1 })).toThrow(
        "Type of feed value 16777217 with type <class 'int'> is not compatible with Tensor type <class 'numpy.float32'>.",
      );
      // numpy would truncate 1.5 to 1; scopeflow refuses with _AssertCompatible's message.
      expect(() => sess.run(i, { "i:0": 1.5 })).toThrow("Expected int32, got 1.5 of type 'float' instead.");
      expect(sess.run(f, { "f:0": 2 ** 24 }).item()).toBe(2 ** 24);
    }));
});

describe("ops.py: convert_to_tensor with a preferred dtype", () => {
  it("ops_test.py OperationTest.testConvertToTensorPreferred", () =>
    inGraph(() => {
      expect(tf.convertToTensor([2, 3, 5, 7], { preferredDtype: tf.float32 }).dtype).toBe(tf.float32);
      // Convert empty tensor to anything.
      expect(tf.convertToTensor([], { preferredDtype: tf.int64 }).dtype).toBe(tf.int64);
      // The preferred dtype is a type error and will convert to float32 instead.
      expect(tf.convertToTensor([1.23], { preferredDtype: tf.int64 }).dtype).toBe(tf.float32);
    }));

  it("math_ops_test.py ScalarMulTest.testAcceptsRefs / testAcceptsConstant / testAcceptsTensor", () =>
    inGraph(() => {
      const v = new tf.Variable(10);
      expect(runInit(tf.scalarMul(3, v.value())).item()).toBe(30);
      expect(run(tf.scalarMul(3, tf.constant(10)))).toBe(30);
      const ones = tf.ones([2, 2]);
      const result = tf.scalarMul(3, ones);
      expect([result.dtype, run(result)]).toEqual([tf.float32, run(ones.mul(3))]);
    }));
});

describe("property: a plain nested array converts to the dtype it meets, or raises TF's message", () => {
  const DTYPES = [tf.float32, tf.float64, tf.int8, tf.uint8, tf.int16, tf.uint16, tf.int32, tf.int64];
  const RANGES: Record<string, [number, number]> = {
    int8: [-(2 ** 7), 2 ** 7 - 1],
    uint8: [0, 2 ** 8 - 1],
    int16: [-(2 ** 15), 2 ** 15 - 1],
    uint16: [0, 2 ** 16 - 1],
    int32: [-(2 ** 31), 2 ** 31 - 1],
    int64: [-(2 ** 63), 2 ** 63 - 1],
  };
  const element = fc.oneof(
    fc.integer({ min: -300, max: 300 }),
    fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
    // Python prints floats below 1e-4 as `1e-05`: those come only from the constants below.
    fc.double({ min: -1e6, max: 1e6 }).filter((x) => x === 0 || Math.abs(x) >= 1e-4),
    fc.constantFrom(0.5, -2.5, 1e-7, 2 ** 31, -(2 ** 31), 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY),
  );
  const value = fc.oneof(
    element,
    fc.array(element, { minLength: 1, maxLength: 5 }),
    fc.array(fc.array(element, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 3 }),
  );
  const fits = (x: number, dtype: tf.DType) => {
    const range = RANGES[dtype.name];
    return !range || (Number.isInteger(x) && x >= range[0] && x <= range[1]);
  };
  const pyRepr = (x: number) =>
    Number.isNaN(x) ? "nan" : x === Number.POSITIVE_INFINITY ? "inf" : x === 1e-7 ? "1e-07" : String(x);
  const pyType = (x: number) => (Number.isInteger(x) ? "int" : "float");
  /** Every element of `data` is the element of `flat` it came from, as `dtype` holds it (no silent truncation). */
  const exact = (data: ArrayLike<number | bigint>, flat: number[], dtype: tf.DType) =>
    flat.every((x, k) => {
      const got = data[k];
      if (dtype.name === "int64") return got === BigInt(x);
      const want = dtype === tf.float32 ? Math.fround(x) : x;
      return Number.isNaN(want) ? Number.isNaN(got as number) : got === want;
    });

  it("tf.constant(value, { dtype }) and tf.add(value, tensor) / tf.add(tensor, value)", () =>
    fc.assert(
      fc.property(value, fc.constantFrom(...DTYPES), (v, dtype) =>
        inGraph(() => {
          const flat = [v].flat(2) as number[];
          const bad = flat.find((x) => !fits(x, dtype));
          const shape = Array.isArray(v)
            ? Array.isArray(v[0])
              ? [v.length, (v[0] as number[]).length]
              : [v.length]
            : [];
          const other = tf.zeros(shape, dtype);
          if (bad === undefined) {
            const c = tf.constant(v, { dtype });
            expect(c.dtype).toBe(dtype);
            expect(exact((c.op.attrs.value as tf.NDArray).data as ArrayLike<number>, flat, dtype)).toBe(true);
            for (const sum of [tf.add(v, other), tf.add(other, v)]) {
              expect(sum.dtype).toBe(dtype);
              const plain = sum.op.inputs.find((t) => t !== other) as tf.Tensor;
              expect(exact((plain.op.attrs.value as tf.NDArray).data as ArrayLike<number>, flat, dtype)).toBe(true);
            }
          } else {
            const message = `Expected ${dtype.name}, got ${pyRepr(bad)} of type '${pyType(bad)}' instead.`;
            expect(() => tf.constant(v, { dtype })).toThrow(message);
            const own = tf.constant(v).dtype.name;
            expect(() => tf.add(v, other)).toThrow(
              `Input 'y' of 'Add' Op has type ${dtype.name} that does not match type ${own} of argument 'x'.`,
            );
            const list = Array.isArray(v) ? "list" : pyType(v);
            let error = "";
            try {
              tf.add(other, v);
            } catch (e) {
              error = (e as Error).message;
            }
            expect(error.startsWith(`Expected ${dtype.name} passed to parameter 'y' of op 'Add', got `)).toBe(true);
            expect(error.endsWith(`of type '${list}' instead. Error: ${message}`)).toBe(true);
          }
        }),
      ),
      { numRuns: 300 },
    ));
});
