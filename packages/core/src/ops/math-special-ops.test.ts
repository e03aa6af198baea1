// cwise_ops_unary_test.py (UnaryOpTest.testFloatBasic / testDoubleBasic), cwise_ops_binary_test.py (atan2,
// polygamma, zeta), cwise_ops_test.py (RoundingTest), math_ops_test.py (XdivyTest, XlogyTest, DivAndModTest):
// values against numpy's and scipy.special's (the values scipy gives are listed where JS has no such function),
// TF 1.15's op names and type messages, and float64 finite-difference gradients.
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import * as tf from "../index";
import { inGraph, names, run } from "../scopes/test-helpers";

const close = (actual: unknown, expected: readonly number[], digits = 6) => {
  const a = (actual as number[]).flat(3) as number[];
  expect(a.length).toBe(expected.length);
  a.forEach((v, i) => {
    if (!Number.isFinite(expected[i])) expect(v).toBe(expected[i]);
    else expect(v).toBeCloseTo(expected[i], digits);
  });
};

// cwise_ops_unary_test.py: testFloatBasic's inputs.
const xs = [-3, -2, -1, 0, 1, 2];
const x = xs.map((v) => v); // np.arange(-3, 3)
const w = xs.map((v) => v - -3 + 1.02); // all greater than 1
const y = xs.map((v) => v + 0.5); // no zero
const k = [-0.9, -0.65, -0.4, -0.15, 0.1, 0.35, 0.6, 0.85]; // np.arange(-0.90, 0.90, 0.25)

// scipy.special / math values (what TF's test compares against).
const LGAMMA_Y = [
  -0.05624371649767457, 0.8600470153764812, 1.265512123484645, 0.5723649429247004, -0.12078223763524543,
  0.2846828704729196,
];
const ERF_X = [
  -0.9999779095030014, -0.9953222650189527, -0.8427007929497149, 0, 0.8427007929497149, 0.9953222650189527,
];
const ERFC_X = [
  1.9999779095030015, 1.9953222650189528, 1.842700792949715, 1, 0.15729920705028513, 0.004677734981047265,
];
const DIGAMMA_Y = [
  1.1031566406452433, 0.7031566406452434, 0.03648997397857651, -1.9635100260214235, 0.03648997397857652,
  0.7031566406452432,
];
const TRIGAMMA_Y = [
  9.539246644989124, 9.379246644989124, 8.934802200544679, 4.93480220054468, 0.9348022005446793, 0.4903577561002349,
];
const TETRAGAMMA_Y = [
  -0.1082040516417282, -0.23620405164172825, -0.82879664423432, -16.828796644234316, -0.8287966442343201,
  -0.23620405164172736,
];
const ZETA_25_Z = [
  0.016020160822491185, 0.014209967462653617, 0.01271660380297785, 0.011467553312041131, 0.010410320204859522,
  0.009506066827600886,
];

describe("cwise_ops_unary_test.py: testFloatBasic / testDoubleBasic", () => {
  const cases: [string, (t: tf.Tensor) => tf.Tensor, number[], number[]][] = [
    ["Tan", tf.tan, x, x.map(Math.tan)],
    ["Sinh", tf.sinh, x, x.map(Math.sinh)],
    ["Cosh", tf.cosh, x, x.map(Math.cosh)],
    ["Asinh", tf.asinh, y, y.map(Math.asinh)],
    ["Acosh", tf.acosh, w, w.map(Math.acosh)],
    ["Atanh", tf.atanh, k, k.map(Math.atanh)],
    ["Expm1", tf.expm1, x, x.map(Math.expm1)],
    ["Asin", tf.asin, k, k.map(Math.asin)],
    ["Acos", tf.acos, k, k.map(Math.acos)],
    ["Atan", tf.atan, x, x.map(Math.atan)],
    ["Lgamma", tf.lgamma, y, LGAMMA_Y],
    ["Erf", tf.erf, x, ERF_X],
    ["Erfc", tf.erfc, x, ERFC_X],
    ["Digamma", tf.digamma, y, DIGAMMA_Y],
  ];
  for (const dtype of ["float32", "float64"] as const) {
    it.each(cases)(`%s (${dtype}): values, the op type and its name`, (type, fn, input, expected) =>
      inGraph((g) => {
        const t = fn(tf.constant(input, { dtype }));
        expect(t.op.type).toBe(type);
        expect(t.op.name).toBe(type);
        expect(t.dtype.name).toBe(dtype);
        expect(t.shape).toEqual([input.length]);
        close(run(t), expected, dtype === "float32" ? 5 : 12);
        expect(names(g)).toEqual(["Const:Const", `${type}:${type}`]);
      }),
    );
  }

  it("lgamma's poles are +inf; digamma's are NaN", () =>
    inGraph(() => {
      expect(run(tf.lgamma(tf.constant([0, -1, -2], { dtype: "float64" })))).toEqual([Infinity, Infinity, Infinity]);
      expect(run(tf.digamma(tf.constant([-1], { dtype: "float64" })))).toEqual([Number.NaN]);
    }));

  it("type lists as math_ops.cc's UNARY, UNARY_REAL and UNARY_COMPLEX macros give them", () =>
    inGraph(() => {
      const i = tf.constant([1, 2]);
      expect(tf.tan(i).dtype.name).toBe("int32");
      expect(() => tf.erf(i)).toThrow(
        new TypeError(
          "Value passed to parameter 'x' has DataType int32 not in list of allowed values: bfloat16, float16, float32, float64",
        ),
      );
      expect(() => tf.sinh(i)).toThrow(
        "Value passed to parameter 'x' has DataType int32 not in list of allowed values: bfloat16, float16, float32, float64, complex64, complex128",
      );
      expect(() => tf.tan(tf.constant([true]))).toThrow(
        "Value passed to parameter 'x' has DataType bool not in list of allowed values: bfloat16, float16, float32, float64, int32, int64, complex64, complex128",
      );
    }));

  it("is_nan / is_inf / is_finite: bool outputs", () =>
    inGraph(() => {
      const v = tf.constant([0, Number.NaN, Infinity, -Infinity, 1]);
      expect(run(tf.isNan(v))).toEqual([false, true, false, false, false]);
      expect(run(tf.isInf(v))).toEqual([false, false, true, true, false]);
      const f = tf.isFinite(v, "fin");
      expect(run(f)).toEqual([true, false, false, false, true]);
      expect([f.op.name, f.op.type, f.dtype.name]).toEqual(["fin", "IsFinite", "bool"]);
    }));
});

describe("cwise_ops_test.py: RoundingTest (rint)", () => {
  it("data = arange(-3, 3) / 4; [0.5, 0.5000001]; numpy's example", () =>
    inGraph(() => {
      for (const dtype of ["float32", "float64"] as const) {
        const data = [-3, -2, -1, 0, 1, 2].map((v) => v / 4);
        expect(run(tf.rint(tf.constant(data, { dtype })))).toEqual([-1, -0, -0, 0, 0, 0]);
        expect(run(tf.rint(tf.constant([0.5, 0.5000001], { dtype: "float64" })))).toEqual([0, 1]);
        const t = tf.rint(tf.constant([-1.7, -1.5, -0.2, 0.2, 1.5, 1.7, 2.0], { dtype }));
        expect(run(t)).toEqual([-2, -2, -0, 0, 2, 2, 2]);
        expect(t.op.type).toBe("Rint");
      }
    }));
});

describe("cwise_ops_binary_test.py: atan2, polygamma, zeta", () => {
  it("atan2(y, x) against Math.atan2, inputs named y and x", () =>
    inGraph((g) => {
      const a = [-3, -2, -1, 0, 1, 2].map((v) => v + 0.5);
      const b = [2, -1, 0.5, -3, 4, 1];
      const t = tf.atan2(a, tf.constant(b));
      close(
        run(t),
        a.map((v, i) => Math.atan2(v, b[i])),
      );
      expect(names(g)).toEqual(["Const:Const", "Atan2/y:Const", "Atan2:Atan2"]);
      expect(() => tf.atan2(tf.constant([1]), tf.constant([2]))).toThrow(
        "Value passed to parameter 'y' has DataType int32 not in list of allowed values: bfloat16, float16, float32, float64",
      );
    }));

  it("polygamma(n, y) for n = 0, 1, 2 (n = 0 is digamma) and zeta(2.5, z)", () =>
    inGraph(() => {
      const yt = tf.constant(y, { dtype: "float64" });
      close(run(tf.polygamma(tf.constant(0, { dtype: "float64" }), yt)), DIGAMMA_Y, 12);
      close(run(tf.polygamma(tf.constant(1, { dtype: "float64" }), yt)), TRIGAMMA_Y, 11);
      close(run(tf.polygamma(tf.constant(2, { dtype: "float64" }), yt)), TETRAGAMMA_Y, 11);
      const z = tf.constant(
        xs.map((v) => v + 15.5),
        { dtype: "float64" },
      );
      const t = tf.zeta(tf.constant(2.5, { dtype: "float64" }), z);
      close(run(t), ZETA_25_Z, 14);
      expect([t.op.type, t.op.inputs.length]).toEqual(["Zeta", 2]);
      // A non-integer order is NaN (Eigen's polygamma).
      expect(
        run(tf.polygamma(tf.constant(0.5, { dtype: "float64" }), tf.constant(1.5, { dtype: "float64" }))),
      ).toBeNaN();
    }));
});

describe("math_ops_test.py: XdivyTest / XlogyTest", () => {
  for (const dtype of ["float32", "float64"] as const) {
    it(`no zero, with zero, zero broadcast (${dtype})`, () =>
      inGraph(() => {
        const xv = [
          [0.1, 0.2, 3.5],
          [-2, -5, 30],
        ];
        const yv = [
          [0.1, 0.2, 3.5],
          [3.1, 4, 2],
        ];
        const xt = tf.constant(xv, { dtype });
        const yt = tf.constant(yv, { dtype });
        close(run(tf.math.xdivy(xt, yt)), (run(tf.divide(xt, yt)) as number[][]).flat());
        close(
          run(tf.math.xlogy(xt, yt)),
          xv.flat().map((v, i) => v * Math.log(yv.flat()[i])),
          4,
        );
        const zero = tf.constant(
          [
            [0, 0, 0],
            [0, 0, 0],
          ],
          { dtype },
        );
        const yz = tf.constant(
          [
            [0.1, 0.2, 3.5],
            [0, 1, 2],
          ],
          { dtype },
        );
        expect(run(tf.math.xdivy(zero, yz))).toEqual([
          [0, 0, 0],
          [0, 0, 0],
        ]);
        expect(run(tf.math.xlogy(zero, yz))).toEqual([
          [0, 0, 0],
          [0, 0, 0],
        ]);
        const xb = tf.constant([[0], [1]], { dtype });
        const d = run(tf.math.xdivy(xb, yz)) as number[][];
        expect(d[0]).toEqual([0, 0, 0]);
        close(d[1], [1 / 0, 1, 0.5]);
        const l = run(tf.math.xlogy(xb, yz)) as number[][];
        expect(l[0]).toEqual([0, 0, 0]);
        close(l[1], [-Infinity, 0, Math.log(2)]);
      }));
  }
});

describe("math_ops_test.py: DivAndModTest", () => {
  const intNums = Array.from({ length: 20 }, (_, i) => [i - 10]);
  const intDivs = [[-3, -1, 1, 3]];
  const floatNums = Array.from({ length: 80 }, (_, i) => [-10 + i * 0.25]);
  const floatDivs = [Array.from({ length: 12 }, (_, i) => -3 + i * 0.25)];
  const outer = (a: number[][], b: number[][], f: (p: number, q: number) => number) =>
    a.map(([p]) => b[0].map((q) => f(p, q)));

  it("testTruncateModInt / testTruncateModFloat: np.fmod", () =>
    inGraph(() => {
      const fmod = (p: number, q: number) => p % q;
      const intFmod = (p: number, q: number) => (p % q) + 0; // integers have no -0
      expect(run(tf.truncatemod(tf.constant(intNums), tf.constant(intDivs)))).toEqual(outer(intNums, intDivs, intFmod));
      const f = run(
        tf.truncatemod(tf.constant(floatNums, { dtype: "float64" }), tf.constant(floatDivs, { dtype: "float64" })),
      );
      expect(f).toEqual(outer(floatNums, floatDivs, fmod));
    }));

  it("truncatediv rounds toward zero; an integer division by zero is TF's error", () =>
    inGraph(() => {
      const t = tf.truncatediv(tf.constant(intNums), tf.constant(intDivs));
      expect(run(t)).toEqual(outer(intNums, intDivs, (p, q) => Math.trunc(p / q) + 0));
      expect(t.op.type).toBe("TruncateDiv");
      expect(() => run(tf.truncatediv(tf.constant([1]), tf.constant([0])))).toThrow("Integer division by zero");
      expect(() => tf.truncatemod(tf.constant([1], { dtype: "uint8" }), tf.constant([1], { dtype: "uint8" }))).toThrow(
        "Value passed to parameter 'x' has DataType uint8 not in list of allowed values: int32, int64, bfloat16, float16, float32, float64",
      );
    }));

  it("tf.div (python-2 division): FloorDiv for integers, RealDiv for floats, named by the `div` scope", () =>
    inGraph((g) => {
      const i = tf.div(tf.constant(intNums), tf.constant(intDivs));
      expect(run(i)).toEqual(outer(intNums, intDivs, (p, q) => Math.floor(p / q) + 0));
      const f = tf.div(tf.constant(floatNums, { dtype: "float64" }), tf.constant(floatDivs, { dtype: "float64" }));
      expect(run(f)).toEqual(outer(floatNums, floatDivs, (p, q) => p / q));
      expect([i.op.name, i.op.type, f.op.name, f.op.type]).toEqual(["div", "FloorDiv", "div_1", "RealDiv"]);
      const named = tf.div(3, 4, "my_cool_div");
      expect(named.name).toBe("my_cool_div:0");
      expect(run(named)).toBe(0);
      expect(names(g).slice(-3)).toEqual(["my_cool_div/x:Const", "my_cool_div/y:Const", "my_cool_div:FloorDiv"]);
      // y is converted with x's dtype first (math_ops.py: _div_python2), so a float y is convert_to_tensor's error.
      expect(() => tf.div(tf.constant(1), tf.constant(1.5))).toThrow(
        /^Tensor conversion requested dtype int32 for Tensor with dtype float32/,
      );
    }));

  it("testFloorDivGrad: div and divide are differentiable, floordiv and truncatediv are not", () =>
    inGraph(() => {
      const a = tf.constant(2, { dtype: "float32" });
      const b = tf.constant(4, { dtype: "float32" });
      const [da, db] = tf.gradients(tf.div(a, b), [a, b]);
      expect([run(da as tf.Tensor), run(db as tf.Tensor)]).toEqual([0.25, -0.125]);
      expect(tf.gradients(tf.floordiv(a, b), [a, b])).toEqual([null, null]);
      expect(tf.gradients(tf.truncatediv(a, b), [a, b])).toEqual([null, null]);
      expect(tf.gradients(tf.rint(a), [a])).toEqual([null]);
    }));
});

describe("gradient checks (float64, central differences; math_grad_test.py / cwise gradient checks)", () => {
  const m = [
    [0.3, -0.6, 0.45],
    [0.7, 0.1, -0.2],
  ];
  const pos = [
    [1.3, 1.6, 2.45],
    [3.7, 1.1, 1.2],
  ];
  const cases: [string, (t: tf.Tensor[]) => tf.Tensor, unknown[]][] = [
    ["Tan", ([a]) => tf.tan(a), [m]],
    ["Asin", ([a]) => tf.asin(a), [m]],
    ["Acos", ([a]) => tf.acos(a), [m]],
    ["Atan", ([a]) => tf.atan(a), [m]],
    ["Sinh", ([a]) => tf.sinh(a), [m]],
    ["Cosh", ([a]) => tf.cosh(a), [m]],
    ["Asinh", ([a]) => tf.asinh(a), [m]],
    ["Acosh", ([a]) => tf.acosh(a), [pos]],
    ["Atanh", ([a]) => tf.atanh(a), [m]],
    ["Erf", ([a]) => tf.erf(a), [m]],
    ["Erfc", ([a]) => tf.erfc(a), [m]],
    ["Lgamma", ([a]) => tf.lgamma(a), [pos]],
    ["Digamma", ([a]) => tf.digamma(a), [pos]],
    ["Expm1", ([a]) => tf.expm1(a), [m]],
    ["Atan2", ([a, b]) => tf.atan2(a, b), [m, pos]],
    ["Xdivy (broadcast)", ([a, b]) => tf.math.xdivy(a, b), [m, [1.5, 2.5, 0.75]]],
    ["Xlogy (broadcast)", ([a, b]) => tf.math.xlogy(a, b), [[[0.5], [2]], pos]],
    ["Polygamma (x)", ([a]) => tf.polygamma(tf.constant(1, { dtype: "float64" }), a), [pos]],
    ["Zeta (q)", ([a]) => tf.zeta(tf.constant(3, { dtype: "float64" }), a), [pos]],
    ["LogSigmoid", ([a]) => tf.logSigmoid(a), [m]],
  ];
  it.each(cases)("%s", (_name, build, inputs) => {
    expect(checkGradient(build, inputs as never).maxError).toBeLessThan(1e-6);
  });

  it("TF 1.15's gradient op names: _TanGrad, _AsinGrad, _ErfGrad, _Atan2Grad, _XDivyGrad", () =>
    inGraph((g) => {
      const a = tf.placeholder(tf.float32, [2], "a");
      const b = tf.placeholder(tf.float32, [2], "b");
      tf.gradients([tf.tan(a), tf.asin(a), tf.erf(a), tf.atan2(a, b), tf.math.xdivy(a, b)], [a, b]);
      const grads = (prefix: string) =>
        names(g)
          .filter((n) => n.startsWith(`gradients/${prefix}_grad/`))
          .map((n) => n.slice(`gradients/${prefix}_grad/`.length));
      expect(grads("Tan")).toEqual(["Cos:Cos", "Reciprocal:Reciprocal", "Square:Square", "mul:Mul"]);
      expect(grads("Asin")).toEqual([
        "Square:Square",
        "Const:Const",
        "Sub:Sub",
        "Sqrt:Sqrt",
        "Reciprocal:Reciprocal",
        "mul:Mul",
      ]);
      expect(grads("Erf")).toEqual(["Const:Const", "mul:Mul", "Square:Square", "Neg:Neg", "Exp:Exp", "mul_1:Mul"]);
      expect(grads("Atan2")).toEqual([
        "Square:Square",
        "Square_1:Square",
        "add:AddV2",
        "truediv:RealDiv",
        "mul:Mul",
        "Neg:Neg",
        "mul_1:Mul",
      ]);
      expect(grads("Xdivy").slice(0, 3)).toEqual([
        "Shape:Const",
        "Shape_1:Const",
        "BroadcastGradientArgs:BroadcastGradientArgs",
      ]);
    }));
});

describe("log_sigmoid", () => {
  it("-softplus(-x) in scope LogSigmoid, the outer Neg named LogSigmoid", () =>
    inGraph((g) => {
      const t = tf.logSigmoid([-2.5, 0.5, 3.5]);
      close(
        run(t),
        [-2.5, 0.5, 3.5].map((v) => -Math.log1p(Math.exp(-v))),
      );
      expect(names(g)).toEqual([
        "LogSigmoid/x:Const",
        "LogSigmoid/Neg:Neg",
        "LogSigmoid/Softplus:Softplus",
        "LogSigmoid:Neg",
      ]);
    }));
});
