// The nn reference kernels against independent computations: conv/pool against explicit-padding loops, and every
// gradient kernel against central finite differences of its forward kernel (float64).
import { expectClose, seeded, uniform } from "@scopeflow/test-kit";
import { describe, expect, it } from "vitest";
import { NDArray, sizeOf } from "../../framework/ndarray";
import type { Attrs, Kernel, KernelContext } from "../contract";
import { nnKernels } from "./nn";

const K: Record<string, Kernel> = nnKernels;

function ctx(opType: string, attrs: Attrs = {}): KernelContext {
  return {
    opName: `test/${opType}`,
    opType,
    attrs,
    outputDtypes: [],
    refName: () => undefined,
    variables: { get: () => undefined, set: () => {} },
  };
}

function f64(shape: number[], values: ArrayLike<number>): NDArray {
  return new NDArray("float64", shape, Float64Array.from(values));
}

function randomArray(shape: number[], seed: number, scale = 1): NDArray {
  return f64(shape, uniform(sizeOf(shape), seed, scale));
}

function run(op: string, inputs: NDArray[], attrs: Attrs = {}): NDArray[] {
  return K[op](inputs, ctx(op, attrs));
}

/** Central differences of L(x) = sum(f(x) * w) with respect to x. */
function numericGrad(f: (x: NDArray) => NDArray, x: NDArray, w: NDArray, delta = 1e-6): number[] {
  const out: number[] = [];
  const data = x.data as Float64Array;
  const dot = (y: NDArray) => {
    let s = 0;
    const d = y.data as Float64Array;
    for (let i = 0; i < d.length; i++) s += d[i] * (w.data as Float64Array)[i];
    return s;
  };
  for (let i = 0; i < data.length; i++) {
    const keep = data[i];
    data[i] = keep + delta;
    const plus = dot(f(x));
    data[i] = keep - delta;
    const minus = dot(f(x));
    data[i] = keep;
    out.push((plus - minus) / (2 * delta));
  }
  return out;
}

/** An independent Conv2D: pad explicitly by TF's rule, then a VALID correlation with dilation. */
function naiveConv(x: NDArray, f: NDArray, strides: number[], padding: string, dilations = [1, 1, 1, 1]): NDArray {
  const [n, h, w, c] = x.shape;
  const [fh, fw, , o] = f.shape;
  const effH = (fh - 1) * dilations[1] + 1;
  const effW = (fw - 1) * dilations[2] + 1;
  let oh: number;
  let ow: number;
  let top = 0;
  let left = 0;
  if (padding === "SAME") {
    oh = Math.ceil(h / strides[1]);
    ow = Math.ceil(w / strides[2]);
    top = Math.floor(Math.max((oh - 1) * strides[1] + effH - h, 0) / 2);
    left = Math.floor(Math.max((ow - 1) * strides[2] + effW - w, 0) / 2);
  } else {
    oh = Math.ceil((h - effH + 1) / strides[1]);
    ow = Math.ceil((w - effW + 1) / strides[2]);
  }
  const ph = h + 2 * top + effH;
  const pw = w + 2 * left + effW;
  const padded = new Float64Array(n * ph * pw * c);
  const xv = x.data as Float64Array;
  for (let b = 0; b < n; b++)
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++)
        for (let k = 0; k < c; k++)
          padded[((b * ph + i + top) * pw + j + left) * c + k] = xv[((b * h + i) * w + j) * c + k];
  const fv = f.data as Float64Array;
  const out = new Float64Array(n * oh * ow * o);
  for (let b = 0; b < n; b++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++)
        for (let q = 0; q < o; q++) {
          let s = 0;
          for (let a = 0; a < fh; a++)
            for (let e = 0; e < fw; e++)
              for (let k = 0; k < c; k++) {
                const pi = i * strides[1] + a * dilations[1];
                const pj = j * strides[2] + e * dilations[2];
                s += padded[((b * ph + pi) * pw + pj) * c + k] * fv[((a * fw + e) * c + k) * o + q];
              }
          out[((b * oh + i) * ow + j) * o + q] = s;
        }
  return f64([n, oh, ow, o], out);
}

const CONV_CASES: {
  name: string;
  x: number[];
  f: number[];
  strides: number[];
  padding: string;
  dilations?: number[];
}[] = [
  { name: "VALID stride 1", x: [1, 5, 5, 2], f: [3, 3, 2, 3], strides: [1, 1, 1, 1], padding: "VALID" },
  {
    name: "SAME stride 1 (odd total padding)",
    x: [2, 4, 5, 3],
    f: [2, 2, 3, 2],
    strides: [1, 1, 1, 1],
    padding: "SAME",
  },
  { name: "SAME stride 2", x: [1, 7, 6, 2], f: [3, 3, 2, 2], strides: [1, 2, 2, 1], padding: "SAME" },
  { name: "VALID stride (2,3)", x: [1, 7, 8, 1], f: [2, 3, 1, 2], strides: [1, 2, 3, 1], padding: "VALID" },
  {
    name: "SAME dilation 2",
    x: [1, 6, 6, 2],
    f: [3, 3, 2, 1],
    strides: [1, 1, 1, 1],
    padding: "SAME",
    dilations: [1, 2, 2, 1],
  },
];

describe("Conv2D reference kernel (conv_ops.cc)", () => {
  it("computes a hand-worked 3x3 VALID convolution", () => {
    const x = f64([1, 3, 3, 1], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const f = f64([2, 2, 1, 1], [1, 0, 0, -1]);
    const [y] = run("Conv2D", [x, f], { strides: [1, 1, 1, 1], padding: "VALID" });
    expect(y.shape).toEqual([1, 2, 2, 1]);
    expect(Array.from(y.data as Float64Array)).toEqual([-4, -4, -4, -4]);
  });

  it("SAME pads floor(total/2) before: a 2x2 all-ones filter over 3x3 sums the window starting at the cell", () => {
    const x = f64([1, 3, 3, 1], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const f = f64([2, 2, 1, 1], [1, 1, 1, 1]);
    const [y] = run("Conv2D", [x, f], { strides: [1, 1, 1, 1], padding: "SAME" });
    // total padding 1 per axis: 0 before, 1 after.
    expect(Array.from(y.data as Float64Array)).toEqual([12, 16, 9, 24, 28, 15, 15, 17, 9]);
  });

  for (const c of CONV_CASES) {
    it(`matches an explicit-padding convolution: ${c.name}`, () => {
      const x = randomArray(c.x, 1);
      const f = randomArray(c.f, 2);
      const attrs = { strides: c.strides, padding: c.padding, dilations: c.dilations ?? [1, 1, 1, 1] };
      const [y] = run("Conv2D", [x, f], attrs);
      const expected = naiveConv(x, f, c.strides, c.padding, c.dilations);
      expect(y.shape).toEqual(expected.shape);
      expectClose(y.data as Float64Array, expected.data as Float64Array, 1e-12);
    });

    it(`Conv2DBackpropInput and Conv2DBackpropFilter are finite differences of Conv2D: ${c.name}`, () => {
      const x = randomArray(c.x, 3);
      const f = randomArray(c.f, 4);
      const attrs = { strides: c.strides, padding: c.padding, dilations: c.dilations ?? [1, 1, 1, 1] };
      const [y] = run("Conv2D", [x, f], attrs);
      const dy = randomArray(y.shape, 5);
      const [dx] = run("Conv2DBackpropInput", [new NDArray("int32", [4], Int32Array.from(c.x)), f, dy], attrs);
      const [df] = run("Conv2DBackpropFilter", [x, new NDArray("int32", [4], Int32Array.from(c.f)), dy], attrs);
      expect(dx.shape).toEqual(c.x);
      expect(df.shape).toEqual(c.f);
      expectClose(
        dx.data as Float64Array,
        numericGrad((v) => run("Conv2D", [v, f], attrs)[0], x, dy),
        1e-7,
      );
      expectClose(
        df.data as Float64Array,
        numericGrad((v) => run("Conv2D", [x, v], attrs)[0], f, dy),
        1e-7,
      );
    });
  }

  it("rejects NCHW on the CPU and depth mismatches as TF's kernels do", () => {
    const x = randomArray([1, 3, 3, 2], 1);
    expect(() =>
      run("Conv2D", [x, randomArray([1, 1, 2, 1], 2)], {
        strides: [1, 1, 1, 1],
        padding: "VALID",
        data_format: "NCHW",
      }),
    ).toThrow(
      "The Conv2D op currently only supports the NHWC tensor format on the CPU. The op was given the format: NCHW\n\t [[{{node test/Conv2D}}]]",
    );
    expect(() => run("Conv2D", [x, randomArray([1, 1, 1, 1], 2)], { strides: [1, 1, 1, 1], padding: "VALID" })).toThrow(
      "input and filter must have the same depth: 2 vs 1\n\t [[{{node test/Conv2D}}]]",
    );
  });
});

/** Independent pooling: window cells listed by explicit coordinates, padded cells excluded. */
function naivePool(x: NDArray, k: number[], s: number[], padding: string, kind: "max" | "avg"): NDArray {
  const [n, h, w, c] = x.shape;
  const oh = padding === "SAME" ? Math.ceil(h / s[1]) : Math.ceil((h - k[1] + 1) / s[1]);
  const ow = padding === "SAME" ? Math.ceil(w / s[2]) : Math.ceil((w - k[2] + 1) / s[2]);
  const top = padding === "SAME" ? Math.floor(Math.max((oh - 1) * s[1] + k[1] - h, 0) / 2) : 0;
  const left = padding === "SAME" ? Math.floor(Math.max((ow - 1) * s[2] + k[2] - w, 0) / 2) : 0;
  const xv = x.data as Float64Array;
  const out: number[] = [];
  for (let b = 0; b < n; b++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++)
        for (let q = 0; q < c; q++) {
          const vals: number[] = [];
          for (let a = i * s[1] - top; a < i * s[1] - top + k[1]; a++)
            for (let e = j * s[2] - left; e < j * s[2] - left + k[2]; e++)
              if (a >= 0 && a < h && e >= 0 && e < w) vals.push(xv[((b * h + a) * w + e) * c + q]);
          out.push(kind === "max" ? Math.max(...vals) : vals.reduce((p, v) => p + v, 0) / vals.length);
        }
  return f64([n, oh, ow, c], out);
}

const POOL_CASES = [
  { name: "2x2 stride 2 VALID", x: [1, 4, 4, 2], k: [1, 2, 2, 1], s: [1, 2, 2, 1], padding: "VALID" },
  { name: "3x3 stride 2 SAME", x: [2, 5, 6, 1], k: [1, 3, 3, 1], s: [1, 2, 2, 1], padding: "SAME" },
  { name: "2x3 stride 1 SAME", x: [1, 3, 4, 2], k: [1, 2, 3, 1], s: [1, 1, 1, 1], padding: "SAME" },
];

describe("MaxPool / AvgPool reference kernels (maxpooling_op.cc, avgpooling_op.cc)", () => {
  it("averages only the cells inside the input under SAME padding", () => {
    const x = f64([1, 2, 2, 1], [1, 2, 3, 4]);
    const attrs = { ksize: [1, 2, 2, 1], strides: [1, 1, 1, 1], padding: "SAME" };
    expect(Array.from(run("AvgPool", [x], attrs)[0].data as Float64Array)).toEqual([2.5, 3, 3.5, 4]);
    expect(Array.from(run("MaxPool", [x], attrs)[0].data as Float64Array)).toEqual([4, 4, 4, 4]);
  });

  for (const c of POOL_CASES) {
    it(`matches explicit windows and finite differences: ${c.name}`, () => {
      // Distinct values, so that each max window has a single argmax and the max is differentiable.
      const size = c.x.reduce((a, b) => a * b, 1);
      const r = seeded(7);
      const order = Array.from({ length: size }, (_, i) => i).sort(() => r() - 0.5);
      const x = f64(
        c.x,
        order.map((v) => v / size - 0.5),
      );
      const attrs = { ksize: c.k, strides: c.s, padding: c.padding };
      for (const [op, kind] of [
        ["MaxPool", "max"],
        ["AvgPool", "avg"],
      ] as const) {
        const [y] = run(op, [x], attrs);
        const expected = naivePool(x, c.k, c.s, c.padding, kind);
        expect(y.shape).toEqual(expected.shape);
        expectClose(y.data as Float64Array, expected.data as Float64Array, 1e-12);
        const dy = randomArray(y.shape, 9);
        const [dx] =
          op === "MaxPool"
            ? run("MaxPoolGrad", [x, y, dy], attrs)
            : run("AvgPoolGrad", [new NDArray("int32", [4], Int32Array.from(c.x)), dy], attrs);
        expectClose(
          dx.data as Float64Array,
          numericGrad((v) => run(op, [v], attrs)[0], x, dy),
          1e-7,
        );
      }
    });
  }

  it("MaxPoolGrad sends a tied window's gradient to its first maximum", () => {
    const x = f64([1, 2, 2, 1], [5, 5, 5, 5]);
    const attrs = { ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: "VALID" };
    const [dx] = run("MaxPoolGrad", [x, f64([1, 1, 1, 1], [5]), f64([1, 1, 1, 1], [3])], attrs);
    expect(Array.from(dx.data as Float64Array)).toEqual([3, 0, 0, 0]);
  });

  it("rejects batch pooling and NCHW as TF's CPU kernels do", () => {
    const x = randomArray([2, 2, 2, 1], 1);
    expect(() => run("MaxPool", [x], { ksize: [2, 1, 1, 1], strides: [1, 1, 1, 1], padding: "VALID" })).toThrow(
      "Pooling is not yet supported on the batch dimension.\n\t [[{{node test/MaxPool}}]]",
    );
    expect(() =>
      run("AvgPool", [x], { ksize: [1, 1, 1, 1], strides: [1, 1, 1, 1], padding: "VALID", data_format: "NCHW" }),
    ).toThrow("Default AvgPoolingOp only supports NHWC on device type CPU\n\t [[{{node test/AvgPool}}]]");
  });
});

describe("activation, bias, loss and batch-matmul kernels", () => {
  it("computes Relu, Sigmoid, Tanh, Softmax and LogSoftmax", () => {
    const x = f64([2, 3], [-1, 0, 2, 1, 2, 3]);
    expect(Array.from(run("Relu", [x])[0].data as Float64Array)).toEqual([0, 0, 2, 1, 2, 3]);
    expectClose(
      run("Sigmoid", [x])[0].data as Float64Array,
      [-1, 0, 2, 1, 2, 3].map((v) => 1 / (1 + Math.exp(-v))),
      1e-15,
    );
    expectClose(run("Tanh", [x])[0].data as Float64Array, [-1, 0, 2, 1, 2, 3].map(Math.tanh), 1e-15);
    const row = (r: number[]) => r.map((v) => Math.exp(v) / r.reduce((s, u) => s + Math.exp(u), 0));
    const sm = [...row([-1, 0, 2]), ...row([1, 2, 3])];
    expectClose(run("Softmax", [x])[0].data as Float64Array, sm, 1e-14);
    expectClose(run("LogSoftmax", [x])[0].data as Float64Array, sm.map(Math.log), 1e-14);
    const big = new NDArray("float32", [2], Float32Array.from([1000, 1000]));
    expect(Array.from(run("Softmax", [big])[0].data as Float32Array)).toEqual([0.5, 0.5]);
    const ints = new NDArray("int32", [3], Int32Array.from([-2, 0, 5]));
    expect(Array.from(run("Relu", [ints])[0].data as Int32Array)).toEqual([0, 0, 5]);
  });

  it("ReluGrad, SigmoidGrad and TanhGrad are finite differences of their forward kernels", () => {
    const x = f64([2, 3], [-1.5, -0.2, 0.3, 0.7, 1.1, 2.5]);
    const dy = randomArray([2, 3], 11);
    const [relu] = run("Relu", [x]);
    expectClose(
      run("ReluGrad", [dy, relu])[0].data as Float64Array,
      numericGrad((v) => run("Relu", [v])[0], x, dy),
      1e-8,
    );
    for (const op of ["Sigmoid", "Tanh"]) {
      const [y] = run(op, [x]);
      expectClose(
        run(`${op}Grad`, [y, dy])[0].data as Float64Array,
        numericGrad((v) => run(op, [v])[0], x, dy),
        1e-8,
      );
    }
  });

  it("BiasAdd adds along the channel axis; BiasAddGrad is its finite difference", () => {
    const x = randomArray([2, 3, 4], 1);
    const b = f64([4], [1, 2, 3, 4]);
    const [y] = run("BiasAdd", [x, b], { data_format: "NHWC" });
    const xv = x.data as Float64Array;
    expectClose(
      y.data as Float64Array,
      Array.from(xv, (v, i) => v + [1, 2, 3, 4][i % 4]),
      1e-15,
    );
    const dy = randomArray([2, 3, 4], 2);
    expectClose(
      run("BiasAddGrad", [dy], { data_format: "NHWC" })[0].data as Float64Array,
      numericGrad((v) => run("BiasAdd", [x, v])[0], b, dy),
      1e-8,
    );
    const nchw = randomArray([2, 3, 2, 2], 3);
    const bc = f64([3], [10, 20, 30]);
    const [yc] = run("BiasAdd", [nchw, bc], { data_format: "NCHW" });
    expect((yc.data as Float64Array)[4] - (nchw.data as Float64Array)[4]).toBeCloseTo(20, 12);
    const dyc = randomArray([2, 3, 2, 2], 4);
    expectClose(
      run("BiasAddGrad", [dyc], { data_format: "NCHW" })[0].data as Float64Array,
      numericGrad((v) => run("BiasAdd", [nchw, v], { data_format: "NCHW" })[0], bc, dyc),
      1e-8,
    );
  });

  it("L2Loss is sum(t^2)/2", () => {
    expect(run("L2Loss", [f64([3], [1, 2, 3])])[0].item()).toBe(7);
  });

  it("SoftmaxCrossEntropyWithLogits: loss by hand, backprop = d(loss)/d(logits), labels broadcast", () => {
    const logits = f64([2, 3], [1, 2, 3, 0, 0, 0]);
    const labels = f64([2, 3], [0, 0, 1, 0.5, 0.5, 0]);
    const [loss, backprop] = run("SoftmaxCrossEntropyWithLogits", [logits, labels]);
    const lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    expectClose(loss.data as Float64Array, [lse - 3, Math.log(3)], 1e-14);
    const w = f64([2], [0.7, -1.3]);
    expectClose(
      backprop.data as Float64Array,
      numericGrad((v) => run("SoftmaxCrossEntropyWithLogits", [v, labels])[0], logits, w).map(
        (g, i) => g / (i < 3 ? 0.7 : -1.3),
      ),
      1e-8,
    );
    const [lossB] = run("SoftmaxCrossEntropyWithLogits", [logits, f64([1, 3], [0, 0, 1])]);
    expectClose(lossB.data as Float64Array, [lse - 3, Math.log(3)], 1e-14);
  });

  it("SparseSoftmaxCrossEntropyWithLogits agrees with the dense op on one-hot labels and checks label range", () => {
    const logits = randomArray([3, 4], 5, 3);
    const labels = new NDArray("int64", [3], BigInt64Array.from([2n, 0n, 3n]));
    const onehot = f64([3, 4], [0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1]);
    const [sl, sb] = run("SparseSoftmaxCrossEntropyWithLogits", [logits, labels]);
    const [dl, db] = run("SoftmaxCrossEntropyWithLogits", [logits, onehot]);
    expectClose(sl.data as Float64Array, dl.data as Float64Array, 1e-14);
    expectClose(sb.data as Float64Array, db.data as Float64Array, 1e-14);
    const bad = new NDArray("int32", [3], Int32Array.from([0, 5, 1]));
    expect(() => run("SparseSoftmaxCrossEntropyWithLogits", [logits, bad])).toThrow(
      "Received a label value of 5 which is outside the valid range of [0, 4).  Label values: 0 5 1\n\t [[{{node test/SparseSoftmaxCrossEntropyWithLogits}}]]",
    );
  });

  it("BatchMatMul multiplies per batch with adjoints; BatchMatMulV2 broadcasts batch dims", () => {
    const x = f64([2, 2, 3], [1, 2, 3, 4, 5, 6, 1, 0, 0, 0, 1, 0]);
    const y = f64([2, 3, 1], [1, 1, 1, 2, 3, 4]);
    expect(run("BatchMatMul", [x, y])[0].toArray()).toEqual([
      [[6], [15]],
      [[2], [3]],
    ]);
    const yt = f64([2, 1, 3], [1, 1, 1, 2, 3, 4]);
    expect(run("BatchMatMul", [x, yt], { adj_y: true })[0].toArray()).toEqual([
      [[6], [15]],
      [[2], [3]],
    ]);
    const xt = f64([2, 3, 2], [1, 4, 2, 5, 3, 6, 1, 0, 0, 1, 0, 0]);
    expect(run("BatchMatMul", [xt, y], { adj_x: true })[0].toArray()).toEqual([
      [[6], [15]],
      [[2], [3]],
    ]);
    const shared = f64([3, 1], [1, 1, 1]);
    expect(run("BatchMatMulV2", [x, shared])[0].toArray()).toEqual([
      [[6], [15]],
      [[1], [1]],
    ]);
    expect(() => run("BatchMatMul", [x, shared])).toThrow(
      "In[0] and In[1] must have compatible batch dimensions: [2,2,3] vs. [3,1]",
    );
  });
});
