// Depthwise and separable convolutions: depthwise_conv_op_test.py (DepthwiseConv2DTest: configs, hand values,
// gradients), nn_impl.py's graphs (names), common_shape_fns.cc's messages; values against a naive loop in this file.
import { uniform } from "@scopeflow/test-kit";
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import { expectClose } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";
import { graphSnapshot, inGraph, names } from "../scopes/test-helpers";
import { depthwiseConv2dNativeBackpropFilter, depthwiseConv2dNativeBackpropInput } from "./nn-depthwise-ops";

const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
/** depthwise_conv_op_test.py: _VerifyValues' inputs, f / size for f in 1..size. */
const ramp = (s: number[]) => Array.from({ length: size(s) }, (_, i) => (i + 1) / size(s));

/** output[b, i, j, k*M + q] = sum filter[di, dj, k, q] * input[b, s*i + di - top, s*j + dj - left, k] (zero outside). */
function naiveDepthwise(x: ArrayLike<number>, xs: number[], f: ArrayLike<number>, fs: number[], s: number, p: string) {
  const [n, h, w, c] = xs;
  const [fh, fw, , m] = fs;
  const oh = p === "SAME" ? Math.ceil(h / s) : Math.ceil((h - fh + 1) / s);
  const ow = p === "SAME" ? Math.ceil(w / s) : Math.ceil((w - fw + 1) / s);
  const top = p === "SAME" ? Math.floor(Math.max((oh - 1) * s + fh - h, 0) / 2) : 0;
  const left = p === "SAME" ? Math.floor(Math.max((ow - 1) * s + fw - w, 0) / 2) : 0;
  const out = new Float64Array(n * oh * ow * c * m);
  let o = 0;
  for (let b = 0; b < n; b++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++)
        for (let k = 0; k < c; k++)
          for (let q = 0; q < m; q++) {
            let sum = 0;
            for (let di = 0; di < fh; di++)
              for (let dj = 0; dj < fw; dj++) {
                const y = s * i + di - top;
                const z = s * j + dj - left;
                if (y >= 0 && y < h && z >= 0 && z < w)
                  sum += x[((b * h + y) * w + z) * c + k] * f[((di * fw + dj) * c + k) * m + q];
              }
            out[o++] = sum;
          }
  return { shape: [n, oh, ow, c * m], data: out };
}

const float64 = (shape: number[], seed: number) =>
  new tf.NDArray("float64", shape, Float64Array.from(uniform(size(shape), seed)));

describe("DepthwiseConv2dNative (gen_nn_ops.py; common_shape_fns.cc: DepthwiseConv2DNativeShape)", () => {
  it("builds TF's attrs, converts inputs inside its scope and infers NHWC / NCHW shapes", () =>
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [null, 5, 6, 3], "x");
      const f = tf.placeholder(tf.float32, [3, 3, 3, 2], "f");
      const y = tf.nn.depthwiseConv2dNative(x, f, [1, 2, 2, 1], "SAME");
      expect([y.op.type, y.name, y.shape]).toEqual([
        "DepthwiseConv2dNative",
        "DepthwiseConv2dNative:0",
        [null, 3, 3, 6],
      ]);
      expect(y.op.attrs).toEqual({
        T: tf.float32,
        strides: [1, 2, 2, 1],
        padding: "SAME",
        data_format: "NHWC",
        dilations: [1, 1, 1, 1],
      });
      expect(tf.nn.depthwiseConv2dNative(x, f, [1, 1, 1, 1], "VALID", "d").shape).toEqual([null, 3, 4, 6]);
      const nchw = tf.nn.depthwiseConv2dNative(tf.placeholder(tf.float32, [2, 3, 5, 6]), f, [1, 1, 2, 2], "VALID", {
        dataFormat: "NCHW",
      });
      expect(nchw.shape).toEqual([2, 6, 2, 2]);
      const c = tf.nn.depthwiseConv2dNative([[[[1.5]]]], [[[[2.5]]]], [1, 1, 1, 1], "SAME");
      expect(c.op.inputs.map((t) => t.name)).toEqual([
        "DepthwiseConv2dNative_2/input:0",
        "DepthwiseConv2dNative_2/filter:0",
      ]);
    }));

  it("gives TF 1.15's shape-function, attr and type messages and leaves the graph as it was", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [1, 5, 5, 3], "x");
      const before = graphSnapshot(g);
      expect(() =>
        tf.nn.depthwiseConv2dNative(x, tf.placeholder(tf.float32, [3, 3, 2, 1]), [1, 1, 1, 1], "SAME"),
      ).toThrow(
        "Dimensions must be equal, but are 3 and 2 for 'DepthwiseConv2dNative' (op: 'DepthwiseConv2dNative') with input shapes: [1,5,5,3], [3,3,2,1].",
      );
      expect(graphSnapshot(g)).toEqual({ ...before, ops: [...before.ops, "Placeholder"], nextName: before.nextName });
      const f = tf.placeholder(tf.float32, [3, 3, 3, 1], "f");
      expect(() => tf.nn.depthwiseConv2dNative(tf.placeholder(tf.float32, [5, 5, 3]), f, [1, 1, 1, 1], "SAME")).toThrow(
        "Shape must be rank 4 but is rank 3 for 'DepthwiseConv2dNative' (op: 'DepthwiseConv2dNative') with input shapes: [5,5,3], [3,3,3,1].",
      );
      expect(() => tf.nn.depthwiseConv2dNative(x, f, [1, 1, 1], "SAME")).toThrow(
        "DepthwiseConv2D requires the stride attribute to contain 4 values, but got: 3 for 'DepthwiseConv2dNative' (op: 'DepthwiseConv2dNative') with input shapes: [1,5,5,3], [3,3,3,1].",
      );
      expect(() =>
        tf.nn.depthwiseConv2dNative(x, tf.placeholder(tf.float32, [6, 1, 3, 1]), [1, 1, 1, 1], "VALID"),
      ).toThrow(
        "Negative dimension size caused by subtracting 6 from 5 for 'DepthwiseConv2dNative' (op: 'DepthwiseConv2dNative') with input shapes: [1,5,5,3], [6,1,3,1].",
      );
      expect(() => tf.nn.depthwiseConv2dNative(x, f, [1, 1, 1, 1], "FULL")).toThrow(
        `Attr 'padding' of 'DepthwiseConv2dNative' Op passed string 'FULL' not in: "SAME", "VALID".`,
      );
      expect(() => tf.nn.depthwiseConv2dNative(x, f, 1 as unknown as number[], "SAME")).toThrow(
        new TypeError("Expected list for 'strides' argument to 'depthwise_conv2d_native' Op, not 1."),
      );
      expect(() => tf.nn.depthwiseConv2dNative([[[[1]]]], [[[[1]]]], [1, 1, 1, 1], "SAME")).toThrow(
        "Value passed to parameter 'input' has DataType int32 not in list of allowed values: float16, bfloat16, float32, float64",
      );
    }));

  it("depthwise_conv_op_test.py DepthwiseConv2DTest.testConv2D2x2Filter: hand-computed values", () =>
    inGraph(() => {
      const t1 = tf.constant(
        Array.from({ length: 12 }, (_, i) => i + 1),
        { shape: [1, 2, 3, 2], dtype: tf.float32 },
      );
      const t2 = tf.constant(
        Array.from({ length: 16 }, (_, i) => i + 1),
        { shape: [2, 2, 2, 2], dtype: tf.float32 },
      );
      const conv = tf.nn.depthwiseConv2dNative(t1, t2, [1, 1, 1, 1], "VALID");
      const value = new tf.Session().run(conv);
      expect(value.shape).toEqual([1, 1, 2, 4]);
      expect(Array.from(value.data as Float32Array)).toEqual([196, 216, 272, 296, 252, 280, 344, 376]);
    }));

  // depthwise_conv_op_test.py ConfigsToTest (the last two are the largest; every other one runs here).
  const configs: [number[], number[], number[], number, string][] = [
    [[4, 5, 5, 48], [1, 1, 48, 2], [4, 5, 5, 96], 1, "SAME"],
    [[4, 8, 8, 84], [1, 3, 84, 1], [4, 8, 8, 84], 1, "SAME"],
    [[4, 17, 17, 48], [3, 1, 48, 4], [4, 17, 17, 192], 1, "SAME"],
    [[4, 9, 27, 8], [3, 3, 8, 1], [4, 9, 27, 8], 1, "SAME"],
    [[4, 31, 31, 7], [3, 3, 7, 1], [4, 31, 31, 7], 1, "SAME"],
    [[4, 35, 35, 2], [5, 5, 2, 1], [4, 35, 35, 2], 1, "SAME"],
    [[4, 147, 147, 2], [3, 3, 2, 8], [4, 49, 49, 16], 3, "VALID"],
  ];
  it.each(configs)(
    "depthwise_conv_op_test.py DepthwiseConv2DTest.testDepthwiseConv2D: %j * %j -> %j, stride %d, %s (native = depthwise_conv2d = a naive loop)",
    (inputSize, filterSize, outSize, stride, padding) =>
      inGraph(() => {
        const x1 = ramp(inputSize);
        const x2 = ramp(filterSize);
        const expected = naiveDepthwise(x1, inputSize, x2, filterSize, stride, padding);
        expect(expected.shape).toEqual(outSize);
        for (const [dtype, tol] of [
          [tf.float32, 1e-5],
          [tf.float64, 1e-12],
        ] as const) {
          const t1 = tf.constant(x1, { shape: inputSize, dtype });
          const t2 = tf.constant(x2, { shape: filterSize, dtype });
          const strides = [1, stride, stride, 1];
          const native = tf.nn.depthwiseConv2dNative(t1, t2, strides, padding);
          const iface = tf.nn.depthwiseConv2d(t1, t2, strides, padding);
          expect([native.shape, iface.shape]).toEqual([outSize, outSize]);
          const [a, b] = new tf.Session().run([native, iface]);
          expectClose(a.data as Float64Array, expected.data, tol);
          expectClose(b.data as Float64Array, expected.data, tol);
        }
      }),
  );
});

describe("nn_impl.py: depthwise_conv2d and separable_conv2d (graphs as TF 1.15 builds them)", () => {
  it("depthwise_conv2d: depthwise/{tensor_in, filter_in, Shape, dilation_rate} and the op named `depthwise`", () =>
    inGraph((g) => {
      const y = tf.nn.depthwiseConv2d([[[[1.5, 2]]]], [[[[1], [2.5]]]], [1, 1, 1, 1], "SAME");
      expect(names(g)).toEqual([
        "depthwise/tensor_in:Const",
        "depthwise/filter_in:Const",
        "depthwise/Shape:Const",
        "depthwise/dilation_rate:Const",
        "depthwise:DepthwiseConv2dNative",
      ]);
      expect(y.shape).toEqual([1, 1, 1, 2]);
      expect(y.op.attrs.data_format).toBe("NHWC");
      const x = tf.placeholder(tf.float32, [null, 4, 4, 2], "x");
      const f = tf.placeholder(tf.float32, [null, 3, 2, 1], "f");
      const z = tf.nn.depthwiseConv2d(x, f, [1, 1, 1, 1], "VALID", { rate: [1, 1], name: "dw" });
      expect(names(g).slice(7)).toEqual(["dw/Shape:Shape", "dw/dilation_rate:Const", "dw:DepthwiseConv2dNative"]);
      expect(z.shape).toEqual([null, null, 2, 2]);
      expect(new tf.Session().run(y).toArray()).toEqual([[[[1.5, 5]]]]);
    }));

  it("separable_conv2d: the depthwise op `separable_conv2d/depthwise`, then the pointwise Conv2D `separable_conv2d`", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float64, [2, 5, 4, 2], "x");
      const df = tf.placeholder(tf.float64, [3, 3, 2, 2], "df");
      const pf = tf.placeholder(tf.float64, [1, 1, 4, 3], "pf");
      const y = tf.nn.separableConv2d(x, df, pf, [1, 2, 2, 1], "SAME");
      expect(names(g).slice(3)).toEqual([
        "separable_conv2d/Shape:Const",
        "separable_conv2d/dilation_rate:Const",
        "separable_conv2d/depthwise:DepthwiseConv2dNative",
        "separable_conv2d:Conv2D",
      ]);
      expect(y.shape).toEqual([2, 3, 2, 3]);
      expect(y.op.attrs).toMatchObject({ strides: [1, 1, 1, 1], padding: "VALID" });
      const xv = float64([2, 5, 4, 2], 1);
      const dv = float64([3, 3, 2, 2], 2);
      const pv = float64([1, 1, 4, 3], 3);
      const dw = naiveDepthwise(
        xv.data as Float64Array,
        [2, 5, 4, 2],
        dv.data as Float64Array,
        [3, 3, 2, 2],
        2,
        "SAME",
      );
      const pw = dw.data;
      const expected = new Float64Array(2 * 3 * 2 * 3);
      for (let cell = 0; cell < 12; cell++)
        for (let o = 0; o < 3; o++)
          for (let k = 0; k < 4; k++) expected[cell * 3 + o] += pw[cell * 4 + k] * (pv.data as Float64Array)[k * 3 + o];
      const out = new tf.Session().run(
        y,
        new Map([
          [x, xv],
          [df, dv],
          [pf, pv],
        ]),
      );
      expectClose(out.data as Float64Array, expected, 1e-12);
    }));

  it("checks the pointwise filter, the rate and its alias as TF does; the graph is left as it was", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [1, 4, 4, 2], "x");
      const df = tf.placeholder(tf.float32, [3, 3, 2, 1], "df");
      const before = graphSnapshot(g);
      expect(() => tf.nn.separableConv2d(x, df, tf.zeros([1, 2, 3]), [1, 1, 1, 1], "SAME")).toThrow(
        "Shape (1, 2, 3) must have rank 4",
      );
      expect(() => tf.nn.separableConv2d(x, df, tf.zeros([2, 1, 2, 3]), [1, 1, 1, 1], "SAME")).toThrow(
        "Dimensions 2 and 1 are not compatible",
      );
      expect(() => tf.nn.depthwiseConv2d(x, df, [1, 1, 1, 1], "SAME", { rate: [1, 1], dilations: [1, 1] })).toThrow(
        "Cannot specify both 'rate' and 'dilations'",
      );
      expect(() => tf.nn.depthwiseConv2d(x, df, [1, 1, 1, 1], "SAME", { rate: 2 })).toThrow("rate must be rank 1");
      expect(() => tf.nn.depthwiseConv2d(x, df, [1, 1, 1, 1], "SAME", { rate: [0, 1] })).toThrow(
        "dilation_rate must be positive",
      );
      expect(() => tf.nn.depthwiseConv2d(tf.placeholder(tf.float32, [4, 4]), df, [1, 1, 1, 1], "SAME")).toThrow(
        "input tensor must have rank 3 at least",
      );
      const after = graphSnapshot(g);
      expect({ ...after, ops: after.ops.filter((n) => !n.startsWith("zeros") && n !== "Placeholder") }).toEqual({
        ...before,
        nextConst: after.nextConst,
      });
      expect(after.ops.filter((n) => n.startsWith("depthwise") || n.startsWith("separable"))).toEqual([]);
    }));
});

describe("depthwise gradients (nn_grad.py)", () => {
  // depthwise_conv_op_test.py CheckGradConfigsToTest: input, filter, output, stride, padding.
  const gradConfigs: [number[], number[], number[], number, string][] = [
    [[2, 5, 8, 1], [4, 4, 1, 2], [2, 5, 8, 2], 1, "SAME"],
    [[4, 5, 5, 1], [2, 2, 1, 2], [4, 2, 2, 2], 2, "VALID"],
    [[2, 4, 4, 2], [3, 1, 2, 2], [2, 4, 4, 4], 1, "SAME"],
    [[1, 15, 15, 2], [1, 3, 2, 1], [1, 15, 15, 2], 1, "SAME"],
    [[2, 15, 16, 1], [3, 3, 1, 2], [2, 5, 5, 2], 3, "VALID"],
  ];
  it.each(gradConfigs)(
    "depthwise_conv_op_test.py testDepthwiseConv2DInputGrad / FilterGrad: %j * %j -> %j, stride %d, %s (float64 central differences)",
    (inputShape, filterShape, outShape, stride, padding) => {
      const report = checkGradient(
        ([x, f]) => {
          const y = tf.nn.depthwiseConv2d(x, f, [1, stride, stride, 1], padding);
          expect(y.shape).toEqual(outShape);
          return y;
        },
        [float64(inputShape, 11), float64(filterShape, 12)],
        { tolerance: 1e-7 },
      );
      expect(report.unconnected).toEqual([false, false]);
    },
  );

  it("the backprop ops' own gradients, and separable_conv2d's", () => {
    const attrs = { strides: [1, 2, 2, 1], padding: "SAME" };
    checkGradient(
      ([f, dy]) => depthwiseConv2dNativeBackpropInput([1, 5, 4, 2], f, dy, attrs),
      [float64([3, 3, 2, 2], 13), float64([1, 3, 2, 4], 14)],
      { tolerance: 1e-7 },
    );
    checkGradient(
      ([x, dy]) => depthwiseConv2dNativeBackpropFilter(x, [3, 3, 2, 2], dy, attrs),
      [float64([1, 5, 4, 2], 15), float64([1, 3, 2, 4], 16)],
      { tolerance: 1e-7 },
    );
    checkGradient(
      ([x, df, pf]) => tf.nn.separableConv2d(x, df, pf, [1, 1, 1, 1], "VALID"),
      [float64([1, 4, 5, 2], 17), float64([2, 2, 2, 2], 18), float64([1, 1, 4, 3], 19)],
      { tolerance: 1e-7 },
    );
  });

  it("names the gradient ops as TF 1.15 does", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [1, 4, 4, 2], "x");
      const f = tf.placeholder(tf.float32, [3, 3, 2, 1], "f");
      const y = tf.nn.depthwiseConv2d(x, f, [1, 1, 1, 1], "SAME");
      const before = g.getOperations().length;
      const [dx, df] = tf.gradients(y, [x, f]) as tf.Tensor[];
      expect(names(g).slice(before)).toEqual([
        "gradients/Shape:Const",
        "gradients/grad_ys_0:Const",
        "gradients/Fill:Fill",
        "gradients/depthwise_grad/Shape:Const",
        "gradients/depthwise_grad/DepthwiseConv2dNativeBackpropInput:DepthwiseConv2dNativeBackpropInput",
        "gradients/depthwise_grad/Shape_1:Const",
        "gradients/depthwise_grad/DepthwiseConv2dNativeBackpropFilter:DepthwiseConv2dNativeBackpropFilter",
      ]);
      expect([dx.shape, df.shape]).toEqual([
        [1, 4, 4, 2],
        [3, 3, 2, 1],
      ]);
      expect(dx.op.attrs).toEqual(y.op.attrs);
    }));
});
