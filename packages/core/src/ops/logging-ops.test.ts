// logging_ops_test.py PrintGradientTest, numerics_test.py (VerifyTensorAllFiniteTest, NumericsTest), tensor_test.cc
// SummarizeValue (the text Print logs), control_flow_ops_test.py TupleTest (TF 1.15).
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { NDArray } from "../framework/ndarray";
import * as tf from "../index";
import { summarizeValue } from "../kernels/reference/summarize-value";
import { inGraph } from "../scopes/test-helpers";

const lines: string[] = [];
const restore = tf.tools.setPrintSink((line) => lines.push(line));
afterEach(() => {
  lines.length = 0;
});
afterAll(() => {
  tf.tools.setPrintSink(restore);
});

describe("logging_ops_test.py PrintGradientTest", () => {
  it("testPrintShape / testPrintString: the input's shape; op type Print with TF's default attrs", () =>
    inGraph(() => {
      const inp = tf.constant(2, { shape: [100, 32], dtype: tf.float32 });
      const printed = tf.Print(inp, [inp]);
      expect(printed.shape).toEqual(inp.shape);
      expect([printed.op.name, printed.op.type]).toEqual(["Print", "Print"]);
      expect(printed.op.attrs).toMatchObject({ message: "", first_n: -1, summarize: 3 });
      const s = tf.Print(inp, ["hello"]);
      expect(s.shape).toEqual([100, 32]);
      expect(s.op.inputs[1].op.name).toBe("Print_1/data_0");
      expect(s.op.inputs[1].dtype).toBe(tf.string);
    }));

  it("testPrintGradient: the gradient through Print equals the one without it", () =>
    inGraph((g) => {
      const inp = tf.constant(2, { shape: [100, 32], name: "in", dtype: tf.float32 });
      const w = tf.constant(4, { shape: [10, 100], name: "w", dtype: tf.float32 });
      const wx = tf.matmul(w, inp, { name: "wx" });
      const wxPrint = tf.Print(wx, [w, w, w]);
      const wxGrad = tf.gradients(wx, w)[0] as tf.Tensor;
      const wxPrintGrad = tf.gradients(wxPrint, w)[0] as tf.Tensor;
      const sess = new tf.Session({ graph: g });
      expect(sess.run(wxPrintGrad).toArray()).toEqual(sess.run(wxGrad).toArray());
    }));

  it("the kernel logs message + [summary] per data tensor, first_n runs only, and passes the input through", () =>
    inGraph((g) => {
      const x = tf.constant([
        [1, 2],
        [3, 4],
      ]);
      const p = tf.Print(x, [x, "hello", tf.constant(0.1)], "x: ", { firstN: 2 });
      const all = tf.Print(x, [x], { message: "all ", summarize: -1 });
      const sess = new tf.Session({ graph: g });
      expect(sess.run(p).toArray()).toEqual([
        [1, 2],
        [3, 4],
      ]);
      sess.run(p);
      sess.run(p);
      expect(lines).toEqual(["x: [[1 2][3...]...][hello][0.1]", "x: [[1 2][3...]...][hello][0.1]"]);
      lines.length = 0;
      new tf.Session({ graph: g }).run(p);
      expect(lines).toEqual(["x: [[1 2][3...]...][hello][0.1]"]);
      lines.length = 0;
      sess.run(all);
      expect(lines).toEqual(["all [[1 2][3 4]]"]);
    }));
});

describe("tensor_test.cc SummarizeValue", () => {
  const ints = (shape: number[], values: number[]) =>
    new NDArray(
      tf.int32,
      shape,
      Int32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => values[i % values.length]),
    );
  it("INT32: flat, nested, cut", () => {
    expect(summarizeValue(ints([5], [1, 2, 3, 4, 0]), 16)).toBe("1 2 3 4 0");
    expect(summarizeValue(ints([2, 2], [1, 2, 3, 4, 0]), 16)).toBe("[1 2][3 4]");
    expect(summarizeValue(ints([2, 2, 1, 1], [1, 2, 3, 4, 0]), 16)).toBe("[[[1]][[2]]][[[3]][[4]]]");
    expect(summarizeValue(ints([2, 2, 1, 1], [1, 2, 3, 4, 0]), 3)).toBe("[[[1]][[2]]][[[3]]]...");
    expect(summarizeValue(ints([0], []), 16)).toBe("");
  });
  it("FLOAT, BOOL, STRING: %g floats, 1/0 bools, C-escaped strings", () => {
    expect(summarizeValue(new NDArray(tf.float32, [4], Float32Array.of(1, 0.1, 1e-5, 1234567)), 16)).toBe(
      "1 0.1 1e-05 1234567",
    );
    expect(summarizeValue(new NDArray(tf.float32, [3], Float32Array.of(Number.NaN, -Infinity, 2.5e10)), 16)).toBe(
      "nan -inf 2.5e+10",
    );
    expect(summarizeValue(new NDArray(tf.float64, [1], Float64Array.of(0.1)), 16)).toBe("0.1");
    expect(summarizeValue(new NDArray(tf.bool, [2, 2], Uint8Array.of(0, 1, 1, 0)), 16)).toBe("[0 1][1 0]");
    const enc = new TextEncoder();
    expect(summarizeValue(new NDArray(tf.string, [2], [enc.encode("one"), enc.encode('a"\n')]), 16)).toBe(
      'one a\\"\\n',
    );
  });
});

describe("numerics_test.py", () => {
  const x = [
    [0.5, 0.25],
    [0.125, 1],
  ];
  it("VerifyTensorAllFiniteTest.testVerifyTensorAllFiniteSucceeds: TF's ops, the value passes", () =>
    inGraph((g) => {
      const t = tf.constant(x);
      const verified = tf.verifyTensorAllFinite(t, "Input is not a number.");
      expect(verified.op.name).toBe("VerifyFinite/control_dependency");
      expect(verified.op.controlInputs.map((op) => `${op.name}:${op.type}`)).toEqual([
        "VerifyFinite/CheckNumerics:CheckNumerics",
      ]);
      expect(verified.op.controlInputs[0].attrs.message).toBe("Input is not a number.");
      expect(new tf.Session({ graph: g }).run(verified).toArray()).toEqual(x);
    }));

  it("VerifyTensorAllFiniteTest.testVerifyTensorAllFiniteFails: NaN, then Inf", () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      inGraph((g) => {
        const t = tf.constant([[bad, 1]]);
        const verified = tf.verifyTensorAllFinite(t, "Input is not a number.");
        const sess = new tf.Session({ graph: g });
        expect(() => sess.run(verified)).toThrow(tf.errors.InvalidArgumentError);
        expect(() => sess.run(verified)).toThrow(
          `Input is not a number. : Tensor had ${Number.isNaN(bad) ? "NaN" : "Inf"} values`,
        );
      });
    }
  });

  const checked = (t1: unknown, t2: unknown) =>
    inGraph((g) => {
      const a = tf.realdiv(
        tf.constant(t1 as number, { dtype: tf.float32 }),
        tf.constant(t2 as number, { dtype: tf.float32 }),
      );
      const check = tf.addCheckNumericsOps();
      const out = tf.identity(a);
      const sess = new tf.Session({ graph: g });
      try {
        sess.run(tf.controlDependencies([check], () => tf.identity(out)));
        return "";
      } catch (e) {
        return (e as Error).message.split("\n")[0];
      }
    });

  it("NumericsTest.testInf / testNaN / testBoth: one CheckNumerics per float output, messages op:index", () => {
    expect(checked(1, 0)).toBe("RealDiv:0 : Tensor had Inf values");
    expect(checked(0, 0)).toBe("RealDiv:0 : Tensor had NaN values");
    expect(checked([1, 0], [0, 0])).toBe("RealDiv:0 : Tensor had Inf and NaN values");
  });

  it("add_check_numerics_ops chains the checks by control dependencies and groups the last", () =>
    inGraph(() => {
      tf.constant(1, { name: "a", dtype: tf.float32 });
      tf.constant(1, { name: "i" });
      tf.constant(2, { name: "b", dtype: tf.float32 });
      const check = tf.addCheckNumericsOps();
      expect(check.name).toBe("group_deps");
      expect(check.controlInputs.map((op) => op.name)).toEqual(["CheckNumerics_1"]);
      const [c1] = check.controlInputs;
      expect(c1.controlInputs.map((op) => op.name)).toEqual(["CheckNumerics"]);
      expect(c1.attrs.message).toBe("b:0");
    }));

  it("NumericsTest.testPassThrough: value and shape", () =>
    inGraph((g) => {
      const t1 = tf.constant([1, 2, 3, 4, 5, 6], { shape: [2, 3], dtype: tf.float32 });
      const c = tf.checkNumerics(t1, "pass through test");
      expect(c.shape).toEqual([2, 3]);
      expect(new tf.Session({ graph: g }).run(c).toArray()).toEqual([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      expect(() => tf.checkNumerics(tf.constant(1), "m")).toThrow(
        "Value passed to parameter 'tensor' has DataType int32 not in list of allowed values: bfloat16, float16, float32, float64",
      );
    }));

  const controlFlowMessage =
    "`tf.add_check_numerics_ops() is not compatible with TensorFlow control flow operations such as `tf.cond()` or `tf.while_loop()`.";
  it("NumericsTest.testControlFlowCond / testControlFlowWhile", () => {
    inGraph(() => {
      const predicate = tf.placeholder(tf.bool, []);
      tf.cond(
        predicate,
        () => tf.constant([37], { dtype: tf.float32 }),
        () => tf.constant([42], { dtype: tf.float32 }),
      );
      expect(() => tf.addCheckNumericsOps()).toThrow(new tf.errors.ValueError(controlFlowMessage));
    });
    inGraph(() => {
      const predicate = tf.placeholder(tf.bool, []);
      tf.whileLoop(
        () => predicate,
        () => tf.constant([37], { dtype: tf.float32 }),
        [tf.constant([42], { dtype: tf.float32 })],
      );
      expect(() => tf.addCheckNumericsOps()).toThrow(new tf.errors.ValueError(controlFlowMessage));
    });
  });

  it("array_grad.py _CheckNumericsGrad: the gradient is checked too", () =>
    inGraph(() => {
      const x0 = tf.constant(1, { dtype: tf.float32 });
      const y = tf.checkNumerics(x0, "fwd");
      const [grad] = tf.gradients(y, x0) as tf.Tensor[];
      expect(grad.op.type).toBe("CheckNumerics");
      expect(grad.op.attrs.message).toBe("Not a number (NaN) or infinity (Inf) values detected in gradient. fwd");
    }));
});

describe("control_flow_ops_test.py TupleTest", () => {
  it("testTensors: tuple/group_deps gates tuple/control_dependency[_n]; values pass", () =>
    inGraph((g) => {
      const t1 = tf.constant([1.0, 2.0]);
      const t2 = tf.constant([3.0, 4.0]);
      const v = new tf.Variable([5.0], { name: "v" });
      const [o1, o2] = tf.tuple([t1, t2]) as tf.Tensor[];
      expect([o1.op.name, o2.op.name]).toEqual(["tuple/control_dependency", "tuple/control_dependency_1"]);
      expect(o1.op.controlInputs.map((op) => op.name)).toEqual(["tuple/group_deps"]);
      const sess = new tf.Session({ graph: g });
      expect(sess.run([o1, o2]).map((a) => a.toArray())).toEqual([
        [1, 2],
        [3, 4],
      ]);
      const init = tf.noOp("extra");
      const [withCtl] = tf.tuple([t1], { name: "t", controlInputs: [init, v.value()] }) as tf.Tensor[];
      expect(withCtl.op.name).toBe("t/control_dependency");
      expect(withCtl.op.controlInputs[0].controlInputs.map((op) => op.name)).toEqual([t1.op.name, "v/read", "extra"]);
      expect(() => tf.tuple([null])).toThrow(new tf.errors.ValueError("Must have at least one Tensor: [None]"));
      expect(() => tf.tuple([t1], { controlInputs: [1 as never] })).toThrow(
        new TypeError("Control input must be Operation or Tensor: 1"),
      );
      const [op, none, converted] = tf.tuple([init, null, 7]);
      expect([(op as tf.Operation).type, none, (converted as tf.Tensor).op.name]).toEqual([
        "NoOp",
        null,
        // The failed calls above leave the graph (and its names) as they were.
        "tuple_1/control_dependency",
      ]);
    }));
});
