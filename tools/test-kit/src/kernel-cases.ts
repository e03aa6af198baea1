// Kernel conformance cases: per op family, inputs, attrs and the expected output computed by a plain-JS oracle.
// Backend-agnostic (no scopeflow imports), so the reference and wasm backends run the same tables. Every family
// has a scalar, a broadcast or axis case, an empty tensor, a negative axis where one applies, and lengths
// 1, 3, 4, 5, 17, 1000 that hit both a SIMD loop and its scalar tail.
import { expect } from "vitest";

export type CaseDType = "float32" | "int32" | "bool" | "int64";
export interface CaseTensor {
  dtype: CaseDType;
  shape: number[];
  data: number[];
}
export interface KernelCase {
  op: string;
  title: string;
  inputs: CaseTensor[];
  attrs?: Record<string, unknown>;
  /** Outputs, in order. For Apply* ops, [updated var, updated slots...]; slots are checked in the variable store. */
  expected: CaseTensor[];
  /** Absolute + relative tolerance for floats; integers and bools compare exactly. */
  tol?: number;
  /** For ops with ref inputs: the variable names of those inputs, by input index. */
  refs?: Record<number, string>;
  /** false: the ref variables are not in the store (uninitialized); by default they hold their input's value. */
  initialized?: boolean;
  /** The kernel throws an error whose message contains this text (then `expected` is empty). */
  throws?: string;
}

export const LENGTHS = [1, 3, 4, 5, 17, 1000];

let seed = 12345;
/** Deterministic values in [lo, hi): a 32-bit LCG, so tables are the same in every runtime. */
export function values(n: number, lo = -2, hi = 2, int = false): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const v = lo + (seed / 2 ** 32) * (hi - lo);
    out.push(int ? Math.floor(v) : Math.fround(v));
  }
  return out;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const f32 = (shape: number[], data = values(size(shape))): CaseTensor => ({ dtype: "float32", shape, data });
const i32 = (shape: number[], data = values(size(shape), -50, 50, true)): CaseTensor => ({
  dtype: "int32",
  shape,
  data,
});
const strides = (shape: number[]) => shape.map((_, i) => size(shape.slice(i + 1)));
const unravel = (flat: number, shape: number[]) => strides(shape).map((s, i) => Math.floor(flat / s) % shape[i]);

function broadcastShape(a: number[], b: number[]): number[] {
  const r = Math.max(a.length, b.length);
  const pa = [...Array(r - a.length).fill(1), ...a];
  const pb = [...Array(r - b.length).fill(1), ...b];
  return pa.map((d, i) => (d === 1 ? pb[i] : d));
}

/** Element of `t` at an index of the broadcast output shape. */
function at(t: CaseTensor, index: number[]): number {
  const idx = index.slice(index.length - t.shape.length).map((v, i) => (t.shape[i] === 1 ? 0 : v));
  return t.data[idx.reduce((acc, v, i) => acc + v * strides(t.shape)[i], 0)];
}

function binaryOracle(
  a: CaseTensor,
  b: CaseTensor,
  f: (x: number, y: number) => number,
  outDtype: CaseDType,
): CaseTensor {
  const shape = broadcastShape(a.shape, b.shape);
  const data = Array.from({ length: size(shape) }, (_, k) => {
    const idx = unravel(k, shape);
    return f(at(a, idx), at(b, idx));
  });
  return { dtype: outDtype, shape, data: outDtype === "int32" ? data.map((v) => v | 0) : data };
}

const BINARY: Record<string, [(x: number, y: number) => number, boolean]> = {
  Add: [(x, y) => x + y, true],
  AddV2: [(x, y) => x + y, true],
  Sub: [(x, y) => x - y, true],
  Mul: [(x, y) => (Number.isInteger(x) && Number.isInteger(y) ? Math.imul(x, y) : x * y), true],
  RealDiv: [(x, y) => x / y, false],
  Maximum: [Math.max, true],
  Minimum: [Math.min, true],
  Pow: [(x, y) => x ** y, false],
  SquaredDifference: [(x, y) => (x - y) * (x - y), true],
};
const COMPARE: Record<string, (x: number, y: number) => boolean> = {
  Equal: (x, y) => x === y,
  NotEqual: (x, y) => x !== y,
  Less: (x, y) => x < y,
  LessEqual: (x, y) => x <= y,
  Greater: (x, y) => x > y,
  GreaterEqual: (x, y) => x >= y,
};

/** Shape pairs: same shape at each length, scalar either side, row and column broadcasts, outer product, 5-D, empty. */
function shapePairs(): [number[], number[], string][] {
  const pairs: [number[], number[], string][] = LENGTHS.map((n) => [[n], [n], `same shape ${n}`]);
  pairs.push(
    [[], [], "scalar"],
    [[17], [], "scalar right"],
    [[], [5], "scalar left"],
    [[3, 17], [17], "row broadcast"],
    [[3, 17], [3, 1], "column broadcast"],
    [[5, 1], [1, 6], "outer product"],
    [[2, 1, 3, 1, 5, 2], [1, 4, 1, 6, 1, 2], "6-D strided broadcast"],
    [[0, 3], [3], "empty"],
  );
  return pairs;
}

export function elementwiseCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const [op, [f, hasInt]] of Object.entries(BINARY)) {
    for (const [sa, sb, title] of shapePairs()) {
      const a = f32(sa, op === "Pow" ? values(size(sa), 0.1, 3) : undefined);
      const b = f32(
        sb,
        op === "RealDiv" ? values(size(sb), 0.5, 3) : op === "Pow" ? values(size(sb), -2, 2) : undefined,
      );
      cases.push({
        op,
        title: `${title} float32`,
        inputs: [a, b],
        expected: [binaryOracle(a, b, f, "float32")],
        tol: 1e-5,
      });
      if (hasInt) {
        const ia = i32(sa);
        const ib = i32(sb);
        cases.push({ op, title: `${title} int32`, inputs: [ia, ib], expected: [binaryOracle(ia, ib, f, "int32")] });
      }
    }
  }
  for (const [op, f] of Object.entries(COMPARE)) {
    for (const [sa, sb, title] of shapePairs()) {
      // Few distinct values, so that equal elements occur.
      const ia = i32(sa, values(size(sa), 0, 3, true));
      const ib = i32(sb, values(size(sb), 0, 3, true));
      const fa = f32(sa, ia.data);
      const fb = f32(sb, ib.data);
      const g = (x: number, y: number) => (f(x, y) ? 1 : 0);
      cases.push({ op, title: `${title} float32`, inputs: [fa, fb], expected: [binaryOracle(fa, fb, g, "bool")] });
      cases.push({ op, title: `${title} int32`, inputs: [ia, ib], expected: [binaryOracle(ia, ib, g, "bool")] });
    }
  }
  for (const n of [1, 5, 17]) {
    const xs = [f32([n]), f32([n]), f32([n])];
    cases.push({
      op: "AddN",
      title: `3 inputs of ${n}`,
      inputs: xs,
      expected: [
        f32(
          [n],
          xs[0].data.map((v, i) => v + xs[1].data[i] + xs[2].data[i]),
        ),
      ],
      tol: 1e-5,
    });
  }
  cases.push({ op: "AddN", title: "scalar", inputs: [f32([], [1]), f32([], [2])], expected: [f32([], [3])] });
  cases.push({ op: "AddN", title: "empty", inputs: [f32([0, 2], []), f32([0, 2], [])], expected: [f32([0, 2], [])] });
  return cases;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const UNARY: Record<string, [(x: number) => number, [number, number], boolean]> = {
  Neg: [(x) => -x, [-3, 3], true],
  Square: [(x) => x * x, [-3, 3], true],
  Abs: [Math.abs, [-3, 3], true],
  Sqrt: [Math.sqrt, [0, 9], false],
  Rsqrt: [(x) => 1 / Math.sqrt(x), [0.1, 9], false],
  Reciprocal: [(x) => 1 / x, [0.5, 4], false],
  Exp: [Math.exp, [-20, 20], false],
  Log: [Math.log, [0.01, 100], false],
  Relu: [(x) => Math.max(x, 0), [-3, 3], false],
  Relu6: [(x) => Math.min(Math.max(x, 0), 6), [-3, 9], false],
  Sigmoid: [sigmoid, [-20, 20], false],
  Tanh: [Math.tanh, [-5, 5], false],
};

export function unaryCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  const shapes: [number[], string][] = [
    [[], "scalar"],
    ...LENGTHS.map((n): [number[], string] => [[n], `length ${n}`]),
    [[2, 0], "empty"],
    [[3, 7], "matrix"],
  ];
  for (const [op, [f, [lo, hi], hasInt]] of Object.entries(UNARY)) {
    for (const [shape, title] of shapes) {
      const x = f32(shape, values(size(shape), lo, hi));
      cases.push({ op, title: `${title} float32`, inputs: [x], expected: [f32(shape, x.data.map(f))], tol: 2e-6 });
      if (hasInt) {
        const ix = i32(shape);
        cases.push({
          op,
          title: `${title} int32`,
          inputs: [ix],
          expected: [
            i32(
              shape,
              ix.data.map((v) => f(v) | 0),
            ),
          ],
        });
      }
    }
  }
  for (const [shape, title] of shapes) {
    const n = size(shape);
    const dy = f32(shape);
    const x = f32(shape);
    const y = f32(shape, values(n, 0, 1));
    const t = f32(shape, values(n, -1, 1));
    cases.push({
      op: "ReluGrad",
      title,
      inputs: [dy, x],
      expected: [
        f32(
          shape,
          dy.data.map((g, i) => (x.data[i] > 0 ? g : 0)),
        ),
      ],
    });
    cases.push({
      op: "SigmoidGrad",
      title,
      inputs: [y, dy],
      expected: [
        f32(
          shape,
          y.data.map((s, i) => dy.data[i] * s * (1 - s)),
        ),
      ],
      tol: 1e-6,
    });
    cases.push({
      op: "TanhGrad",
      title,
      inputs: [t, dy],
      expected: [
        f32(
          shape,
          t.data.map((s, i) => dy.data[i] * (1 - s * s)),
        ),
      ],
      tol: 1e-6,
    });
  }
  return cases;
}

function reduceOracle(x: CaseTensor, axes: number[], keep: boolean, f: (xs: number[]) => number): CaseTensor {
  const norm = axes.map((a) => (a < 0 ? a + x.shape.length : a));
  const outFull = x.shape.map((d, i) => (norm.includes(i) ? 1 : d));
  const groups: number[][] = Array.from({ length: size(outFull) }, () => []);
  x.data.forEach((v, k) => {
    const idx = unravel(k, x.shape).map((v2, i) => (norm.includes(i) ? 0 : v2));
    groups[idx.reduce((acc, v2, i) => acc + v2 * strides(outFull)[i], 0)].push(v);
  });
  const shape = keep ? outFull : x.shape.filter((_, i) => !norm.includes(i));
  return { dtype: x.dtype, shape, data: groups.map(f) };
}

const REDUCE: Record<string, (xs: number[]) => number> = {
  Sum: (xs) => xs.reduce((a, b) => a + b, 0),
  Mean: (xs) => xs.reduce((a, b) => a + b, 0) / xs.length,
  Max: (xs) => Math.max(...xs),
  Min: (xs) => Math.min(...xs),
  Prod: (xs) => xs.reduce((a, b) => a * b, 1),
};

export function reduceCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  const setups: [number[], number[], boolean, string][] = [
    ...LENGTHS.map((n): [number[], number[], boolean, string] => [[n], [0], false, `length ${n}`]),
    [[], [], false, "scalar, no axes"],
    [[3, 17], [1], false, "rows"],
    [[3, 17], [0], true, "columns, keep_dims"],
    [[3, 17], [-1], false, "negative axis"],
    [[2, 3, 4, 5], [0, 2], false, "non-adjacent axes"],
    [[2, 3, 4, 5], [1, 2, 3], true, "trailing axes, keep_dims"],
    [[2, 3, 4], [0, 1, 2], false, "all axes"],
    [[0, 3], [1], false, "empty input, empty output"],
    [[4, 0], [1], false, "empty reduction"],
  ];
  for (const [op, f] of Object.entries(REDUCE)) {
    for (const [shape, axes, keep, title] of setups) {
      if ((op === "Max" || op === "Min" || op === "Mean") && title === "empty reduction") continue;
      const x = f32(shape, op === "Prod" ? values(size(shape), 0.9, 1.1) : undefined);
      const axis = i32([axes.length], axes);
      const tol = op === "Prod" || op === "Mean" || op === "Sum" ? 1e-4 : 0;
      cases.push({
        op,
        title: `${title} float32`,
        inputs: [x, axis],
        attrs: { keep_dims: keep },
        expected: [reduceOracle(x, axes, keep, f)],
        tol,
      });
      if (op !== "Prod" && op !== "Mean") {
        const ix = i32(shape);
        cases.push({
          op,
          title: `${title} int32`,
          inputs: [ix, axis],
          attrs: { keep_dims: keep },
          expected: [reduceOracle(ix, axes, keep, f)],
        });
      }
    }
  }
  // ArgMax: int64 output; ties give the first index.
  const argSetups: [number[], number, string][] = [
    [[17], 0, "vector"],
    [[3, 5], 1, "rows"],
    [[5, 9], 0, "columns"],
    [[2, 3, 4], -2, "negative axis"],
    [[0, 4], 1, "empty"],
    [[1000], 0, "length 1000"],
  ];
  for (const [shape, axis, title] of argSetups) {
    const x = f32(shape, values(size(shape), 0, 4, true));
    const ax = axis < 0 ? axis + shape.length : axis;
    const outShape = shape.filter((_, i) => i !== ax);
    const data = Array.from({ length: size(outShape) }, (_, k) => {
      const idx = unravel(k, outShape);
      let best = -Infinity;
      let bestAt = 0;
      for (let j = 0; j < shape[ax]; j++) {
        const full = [...idx.slice(0, ax), j, ...idx.slice(ax)];
        const v = x.data[full.reduce((acc, v2, i) => acc + v2 * strides(shape)[i], 0)];
        if (v > best) {
          best = v;
          bestAt = j;
        }
      }
      return bestAt;
    });
    cases.push({
      op: "ArgMax",
      title,
      inputs: [x, i32([], [axis])],
      attrs: { output_type: "int64" },
      expected: [{ dtype: "int64", shape: outShape, data }],
    });
  }
  for (const [shape, title] of [
    [[1], "one"],
    [[5], "vector 5"],
    [[3, 17], "rows of 17"],
    [[2, 1000], "rows of 1000"],
    [[0, 4], "empty"],
  ] as [number[], string][]) {
    const x = f32(shape, values(size(shape), -10, 10));
    const cols = shape[shape.length - 1];
    const soft: number[] = [];
    const logSoft: number[] = [];
    for (let r = 0; r < size(shape) / cols; r++) {
      const row = x.data.slice(r * cols, (r + 1) * cols);
      const m = Math.max(...row);
      const s = row.reduce((a, v) => a + Math.exp(v - m), 0);
      for (const v of row) {
        soft.push(Math.exp(v - m) / s);
        logSoft.push(v - m - Math.log(s));
      }
    }
    cases.push({ op: "Softmax", title, inputs: [x], expected: [f32(shape, soft)], tol: 1e-5 });
    cases.push({ op: "LogSoftmax", title, inputs: [x], expected: [f32(shape, logSoft)], tol: 1e-5 });
  }
  return cases;
}

function matmul(a: number[], b: number[], m: number, n: number, k: number, ta: boolean, tb: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let p = 0; p < k; p++) acc += a[ta ? p * m + i : i * k + p] * b[tb ? j * k + p : p * n + j];
      out.push(acc);
    }
  }
  return out;
}

export function matMulCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  const dims: [number, number, number][] = [
    [1, 1, 1],
    [3, 5, 4],
    [4, 8, 17],
    [7, 9, 3],
    [17, 13, 300],
    [64, 70, 65],
    [0, 3, 4],
    [3, 4, 0],
  ];
  for (const [m, n, k] of dims) {
    for (const ta of [false, true]) {
      for (const tb of [false, true]) {
        const a = f32(ta ? [k, m] : [m, k]);
        const b = f32(tb ? [n, k] : [k, n]);
        cases.push({
          op: "MatMul",
          title: `${m}x${k} * ${k}x${n}${ta ? " transpose_a" : ""}${tb ? " transpose_b" : ""}`,
          inputs: [a, b],
          attrs: { transpose_a: ta, transpose_b: tb },
          expected: [f32([m, n], matmul(a.data, b.data, m, n, k, ta, tb))],
          tol: 1e-4,
        });
      }
    }
  }
  // BatchMatMulV2 with a broadcast batch, and adj_x.
  const x = f32([2, 1, 3, 4]);
  const y = f32([3, 5, 4]);
  const out: number[] = [];
  for (let i = 0; i < 2; i++)
    for (let j = 0; j < 3; j++)
      out.push(...matmul(x.data.slice(i * 12, i * 12 + 12), y.data.slice(j * 20, j * 20 + 20), 3, 5, 4, false, true));
  cases.push({
    op: "BatchMatMulV2",
    title: "broadcast batch, adj_y",
    inputs: [x, y],
    attrs: { adj_x: false, adj_y: true },
    expected: [f32([2, 3, 3, 5], out)],
    tol: 1e-5,
  });
  const bx = f32([2, 4, 3]);
  const by = f32([2, 4, 6]);
  cases.push({
    op: "BatchMatMul",
    title: "adj_x",
    inputs: [bx, by],
    attrs: { adj_x: true, adj_y: false },
    expected: [
      f32(
        [2, 3, 6],
        [0, 1].flatMap((i) =>
          matmul(bx.data.slice(i * 12, i * 12 + 12), by.data.slice(i * 24, i * 24 + 24), 3, 6, 4, true, false),
        ),
      ),
    ],
    tol: 1e-5,
  });
  cases.push({
    op: "BatchMatMul",
    title: "empty batch",
    inputs: [f32([0, 2, 3], []), f32([0, 3, 2], [])],
    attrs: {},
    expected: [f32([0, 2, 2], [])],
  });
  return cases;
}

/** Direct-loop NHWC convolution geometry, as TF's GetWindowedOutputSize. */
function window(size: number, k: number, s: number, padding: string): [number, number] {
  if (padding === "VALID") return [Math.max(Math.ceil((size - k + 1) / s), 0), 0];
  const out = Math.ceil(size / s);
  return [out, Math.floor(Math.max((out - 1) * s + k - size, 0) / 2)];
}

export function convCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  const setups: [number[], number[], number, string][] = [
    [[1, 5, 5, 1], [3, 3, 1, 1], 1, "SAME"],
    [[2, 7, 6, 3], [3, 2, 3, 5], 2, "SAME"],
    [[1, 6, 6, 4], [2, 2, 4, 17], 1, "VALID"],
    [[1, 9, 9, 5], [3, 3, 5, 3], 3, "VALID"],
    [[0, 4, 4, 2], [3, 3, 2, 2], 1, "SAME"],
  ];
  for (const [xs, fs, s, padding] of setups) {
    const [n, h, w, c] = xs;
    const [kh, kw, , oc] = fs;
    const [oh, pt] = window(h, kh, s, padding);
    const [ow, pl] = window(w, kw, s, padding);
    const x = f32(xs);
    const f = f32(fs);
    const dy = f32([n, oh, ow, oc]);
    const y: number[] = new Array(n * oh * ow * oc).fill(0);
    const dx: number[] = new Array(size(xs)).fill(0);
    const df: number[] = new Array(size(fs)).fill(0);
    for (let b = 0; b < n; b++)
      for (let i = 0; i < oh; i++)
        for (let j = 0; j < ow; j++)
          for (let o = 0; o < oc; o++) {
            const yi = ((b * oh + i) * ow + j) * oc + o;
            for (let p = 0; p < kh; p++)
              for (let q = 0; q < kw; q++) {
                const ih = i * s - pt + p;
                const iw = j * s - pl + q;
                if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                for (let ci = 0; ci < c; ci++) {
                  const xi = ((b * h + ih) * w + iw) * c + ci;
                  const fi = ((p * kw + q) * c + ci) * oc + o;
                  y[yi] += x.data[xi] * f.data[fi];
                  dx[xi] += dy.data[yi] * f.data[fi];
                  df[fi] += dy.data[yi] * x.data[xi];
                }
              }
          }
    const attrs = { strides: [1, s, s, 1], padding, data_format: "NHWC" };
    const title = `${xs.join("x")} * ${fs.join("x")} stride ${s} ${padding}`;
    cases.push({ op: "Conv2D", title, inputs: [x, f], attrs, expected: [f32([n, oh, ow, oc], y)], tol: 1e-4 });
    cases.push({
      op: "Conv2DBackpropInput",
      title,
      inputs: [i32([4], xs), f, dy],
      attrs,
      expected: [f32(xs, dx)],
      tol: 1e-4,
    });
    cases.push({
      op: "Conv2DBackpropFilter",
      title,
      inputs: [x, i32([4], fs), dy],
      attrs,
      expected: [f32(fs, df)],
      tol: 1e-4,
    });
  }
  const pools: [number[], number, number, string][] = [
    [[1, 4, 4, 1], 2, 2, "VALID"],
    [[2, 5, 5, 5], 3, 2, "SAME"],
    [[1, 7, 6, 17], 2, 1, "SAME"],
    [[0, 3, 3, 2], 2, 2, "VALID"],
  ];
  for (const [xs, k, s, padding] of pools) {
    const [n, h, w, c] = xs;
    const [oh, pt] = window(h, k, s, padding);
    const [ow, pl] = window(w, k, s, padding);
    const x = f32(xs, values(size(xs), 0, 8, true)); // repeated values exercise "first maximum wins"
    const dy = f32([n, oh, ow, c]);
    const mx: number[] = [];
    const avg: number[] = [];
    const dmax: number[] = new Array(size(xs)).fill(0);
    const davg: number[] = new Array(size(xs)).fill(0);
    for (let b = 0; b < n; b++)
      for (let i = 0; i < oh; i++)
        for (let j = 0; j < ow; j++)
          for (let ci = 0; ci < c; ci++) {
            let best = -Infinity;
            let bestAt = -1;
            let sum = 0;
            const cells: number[] = [];
            for (let p = 0; p < k; p++)
              for (let q = 0; q < k; q++) {
                const ih = i * s - pt + p;
                const iw = j * s - pl + q;
                if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
                const xi = ((b * h + ih) * w + iw) * c + ci;
                cells.push(xi);
                sum += x.data[xi];
                if (x.data[xi] > best) {
                  best = x.data[xi];
                  bestAt = xi;
                }
              }
            const g = dy.data[((b * oh + i) * ow + j) * c + ci];
            mx.push(best);
            avg.push(sum / cells.length);
            dmax[bestAt] += g;
            for (const xi of cells) davg[xi] += g / cells.length;
          }
    const attrs = { ksize: [1, k, k, 1], strides: [1, s, s, 1], padding, data_format: "NHWC" };
    const title = `${xs.join("x")} window ${k} stride ${s} ${padding}`;
    const yShape = [n, oh, ow, c];
    cases.push({ op: "MaxPool", title, inputs: [x], attrs, expected: [f32(yShape, mx)] });
    cases.push({ op: "AvgPool", title, inputs: [x], attrs, expected: [f32(yShape, avg)], tol: 1e-5 });
    cases.push({
      op: "MaxPoolGrad",
      title,
      inputs: [x, f32(yShape, mx), dy],
      attrs,
      expected: [f32(xs, dmax)],
      tol: 1e-5,
    });
    cases.push({ op: "AvgPoolGrad", title, inputs: [i32([4], xs), dy], attrs, expected: [f32(xs, davg)], tol: 1e-5 });
  }
  return cases;
}

function gatherStrided(x: CaseTensor, outShape: number[], index: (out: number[]) => number[]): number[] {
  return Array.from({ length: size(outShape) }, (_, k) => {
    const src = index(unravel(k, outShape));
    return x.data[src.reduce((acc, v, i) => acc + v * strides(x.shape)[i], 0)];
  });
}

export function arrayCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const [shape, perm] of [
    [
      [3, 17],
      [1, 0],
    ],
    [
      [2, 3, 4],
      [2, 0, 1],
    ],
    [
      [2, 3, 4, 5],
      [0, 3, 1, 2],
    ],
    [[], []],
    [
      [0, 4],
      [1, 0],
    ],
    [[1000], [0]],
  ] as [number[], number[]][]) {
    const x = f32(shape);
    const outShape = perm.map((p) => shape[p]);
    const data = gatherStrided(x, outShape, (o) => {
      const src: number[] = [];
      perm.forEach((p, i) => {
        src[p] = o[i];
      });
      return src;
    });
    cases.push({
      op: "Transpose",
      title: `[${shape}] perm [${perm}]`,
      inputs: [x, i32([perm.length], perm)],
      expected: [f32(outShape, data)],
    });
    const ix = i32(shape);
    cases.push({
      op: "Transpose",
      title: `[${shape}] perm [${perm}] int32`,
      inputs: [ix, i32([perm.length], perm)],
      expected: [
        i32(
          outShape,
          gatherStrided(ix, outShape, (o) => {
            const src: number[] = [];
            perm.forEach((p, i) => {
              src[p] = o[i];
            });
            return src;
          }),
        ),
      ],
    });
  }
  for (const [shapes, axis] of [
    [
      [
        [2, 3],
        [2, 5],
      ],
      1,
    ],
    [
      [
        [2, 3],
        [4, 3],
        [1, 3],
      ],
      0,
    ],
    [
      [
        [2, 3, 4],
        [2, 1, 4],
      ],
      -2,
    ],
    [[[3], [0], [17]], 0],
    [
      [
        [0, 2],
        [0, 3],
      ],
      -1,
    ],
  ] as [number[][], number][]) {
    const xs = shapes.map((s) => f32(s));
    const ax = axis < 0 ? axis + shapes[0].length : axis;
    const outShape = [...shapes[0]];
    outShape[ax] = shapes.reduce((a, s) => a + s[ax], 0);
    const outer = size(shapes[0].slice(0, ax));
    const data: number[] = [];
    for (let o = 0; o < outer; o++)
      for (const x of xs) {
        const chunk = size(x.shape.slice(ax));
        data.push(...x.data.slice(o * chunk, (o + 1) * chunk));
      }
    cases.push({
      op: "ConcatV2",
      title: `${shapes.map((s) => `[${s}]`).join(" + ")} axis ${axis}`,
      inputs: [...xs, i32([], [axis])],
      expected: [f32(outShape, data)],
    });
  }
  const x = f32([4, 5, 6]);
  cases.push({
    op: "Slice",
    title: "3-D with size -1",
    inputs: [x, i32([3], [1, 0, 2]), i32([3], [2, -1, 3])],
    expected: [
      f32(
        [2, 5, 3],
        gatherStrided(x, [2, 5, 3], (o) => [o[0] + 1, o[1], o[2] + 2]),
      ),
    ],
  });
  cases.push({
    op: "Slice",
    title: "empty",
    inputs: [x, i32([3], [0, 0, 0]), i32([3], [0, 5, 6])],
    expected: [f32([0, 5, 6], [])],
  });
  cases.push({
    op: "StridedSlice",
    title: "negative stride, begin_mask, shrink",
    inputs: [x, i32([3], [0, -1, 1]), i32([3], [2, 0, 6]), i32([3], [1, -2, 2])],
    attrs: { begin_mask: 0b001, end_mask: 0, shrink_axis_mask: 0, ellipsis_mask: 0, new_axis_mask: 0 },
    expected: [
      f32(
        [2, 2, 3],
        gatherStrided(x, [2, 2, 3], (o) => [o[0], 4 - 2 * o[1], 1 + 2 * o[2]]),
      ),
    ],
  });
  cases.push({
    op: "StridedSlice",
    title: "shrink axis 0 (x[2])",
    inputs: [x, i32([1], [-2]), i32([1], [-1]), i32([1], [1])],
    attrs: { begin_mask: 0, end_mask: 0, shrink_axis_mask: 1, ellipsis_mask: 0, new_axis_mask: 0 },
    expected: [f32([5, 6], x.data.slice(60, 90))],
  });
  const params = f32([5, 3]);
  cases.push({
    op: "GatherV2",
    title: "axis 0",
    inputs: [params, i32([4], [4, 0, 0, 2]), i32([], [0])],
    expected: [
      f32(
        [4, 3],
        [4, 0, 0, 2].flatMap((i) => params.data.slice(i * 3, i * 3 + 3)),
      ),
    ],
  });
  cases.push({
    op: "GatherV2",
    title: "axis -1, 2-D indices",
    inputs: [params, i32([2, 2], [2, 1, 0, 2]), i32([], [-1])],
    expected: [
      f32(
        [5, 2, 2],
        [0, 1, 2, 3, 4].flatMap((r) => [2, 1, 0, 2].map((i) => params.data[r * 3 + i])),
      ),
    ],
  });
  cases.push({
    op: "GatherV2",
    title: "scalar index",
    inputs: [params, i32([], [3]), i32([], [0])],
    expected: [f32([3], params.data.slice(9, 12))],
  });
  cases.push({
    op: "GatherV2",
    title: "empty indices",
    inputs: [params, i32([0], []), i32([], [0])],
    expected: [f32([0, 3], [])],
  });
  for (const n of LENGTHS) {
    const fx = f32([n], values(n, -5, 5));
    cases.push({
      op: "Cast",
      title: `float32 -> int32 ${n}`,
      inputs: [fx],
      expected: [
        i32(
          [n],
          fx.data.map((v) => Math.trunc(v) | 0),
        ),
      ],
    });
    const ix = i32([n], values(n, -2, 2, true));
    cases.push({ op: "Cast", title: `int32 -> float32 ${n}`, inputs: [ix], expected: [f32([n], ix.data)] });
    cases.push({
      op: "Cast",
      title: `int32 -> bool ${n}`,
      inputs: [ix],
      expected: [{ dtype: "bool", shape: [n], data: ix.data.map((v) => (v !== 0 ? 1 : 0)) }],
    });
    cases.push({
      op: "Cast",
      title: `bool -> float32 ${n}`,
      inputs: [{ dtype: "bool", shape: [n], data: ix.data.map((v) => (v > 0 ? 1 : 0)) }],
      expected: [
        f32(
          [n],
          ix.data.map((v) => (v > 0 ? 1 : 0)),
        ),
      ],
    });
    cases.push({
      op: "Fill",
      title: `float32 ${n}`,
      inputs: [i32([1], [n]), f32([], [2.5])],
      expected: [f32([n], new Array(n).fill(2.5))],
    });
  }
  cases.push({ op: "Fill", title: "int32 scalar", inputs: [i32([0], []), i32([], [7])], expected: [i32([], [7])] });
  cases.push({ op: "Fill", title: "empty", inputs: [i32([2], [3, 0]), f32([], [1])], expected: [f32([3, 0], [])] });
  for (const shape of [
    [1, 1],
    [3, 5],
    [2, 3, 17],
    [0, 4],
  ]) {
    const v = f32(shape);
    const c = shape[shape.length - 1];
    const bias = f32([c]);
    cases.push({
      op: "BiasAdd",
      title: `[${shape}]`,
      inputs: [v, bias],
      attrs: { data_format: "NHWC" },
      expected: [
        f32(
          shape,
          v.data.map((x2, i) => x2 + bias.data[i % c]),
        ),
      ],
      tol: 1e-6,
    });
    const sums = new Array(c).fill(0);
    v.data.forEach((x2, i) => {
      sums[i % c] += x2;
    });
    cases.push({
      op: "BiasAddGrad",
      title: `[${shape}]`,
      inputs: [v],
      attrs: { data_format: "NHWC" },
      expected: [f32([c], sums)],
      tol: 1e-5,
    });
  }
  return cases;
}

export function trainingCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  for (const shape of [[], [3], [5], [17], [4, 250], [0]]) {
    const n = size(shape);
    const v = f32(shape);
    const g = f32(shape);
    const acc = f32(shape);
    cases.push({
      op: "ApplyGradientDescent",
      title: `[${shape}]`,
      inputs: [v, f32([], [0.1]), g],
      refs: { 0: "w" },
      expected: [
        f32(
          shape,
          v.data.map((x, i) => x - 0.1 * g.data[i]),
        ),
      ],
      tol: 1e-6,
    });
    for (const nesterov of [false, true]) {
      const a2 = acc.data.map((a, i) => a * 0.9 + g.data[i]);
      const w2 = v.data.map((x, i) => x - (nesterov ? g.data[i] * 0.01 + a2[i] * 0.9 * 0.01 : 0.01 * a2[i]));
      cases.push({
        op: "ApplyMomentum",
        title: `[${shape}]${nesterov ? " use_nesterov" : ""}`,
        inputs: [v, acc, f32([], [0.01]), g, f32([], [0.9])],
        attrs: { use_nesterov: nesterov },
        refs: { 0: "w", 1: "w/Momentum" },
        expected: [f32(shape, w2), f32(shape, a2)],
        tol: 1e-6,
      });
    }
    const m = f32(shape, values(n, -0.1, 0.1));
    const vv = f32(shape, values(n, 0, 0.1));
    const [b1, b2, lr, eps, b1p, b2p] = [0.9, 0.999, 0.001, 1e-8, 0.9 ** 3, 0.999 ** 3];
    const lrT = (lr * Math.sqrt(1 - b2p)) / (1 - b1p);
    const m2 = m.data.map((x, i) => x + (g.data[i] - x) * (1 - b1));
    const v2 = vv.data.map((x, i) => x + (g.data[i] * g.data[i] - x) * (1 - b2));
    const w2 = v.data.map((x, i) => x - (lrT * m2[i]) / (Math.sqrt(v2[i]) + eps));
    cases.push({
      op: "ApplyAdam",
      title: `[${shape}] step 3`,
      inputs: [
        v,
        m,
        vv,
        f32([], [b1p]),
        f32([], [b2p]),
        f32([], [lr]),
        f32([], [b1]),
        f32([], [b2]),
        f32([], [eps]),
        g,
      ],
      refs: { 0: "w", 1: "w/Adam", 2: "w/Adam_1" },
      expected: [f32(shape, w2), f32(shape, m2), f32(shape, v2)],
      tol: 1e-5,
    });
  }
  return cases;
}

const i64 = (shape: number[], data: number[]): CaseTensor => ({ dtype: "int64", shape, data });
const SHAPES: number[][] = [[], ...LENGTHS.map((n) => [n]), [4, 250], [2, 3, 5], [0], [0, 3]];

/** Assign, AssignAdd, AssignSub on a variable `v`, ZerosLike, OnesLike and BroadcastGradientArgs. */
export function stateCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  const refs = { 0: "v" };
  for (const shape of SHAPES) {
    for (const make of [f32, i32]) {
      const v = make(shape);
      const d = make(shape);
      const t = v.dtype;
      cases.push({ op: "Assign", title: `[${shape}] ${t}`, inputs: [v, d], refs, expected: [d] });
      const add = v.data.map((x, i) => x + d.data[i]);
      const sub = v.data.map((x, i) => x - d.data[i]);
      cases.push(
        { op: "AssignAdd", title: `[${shape}] ${t}`, inputs: [v, d], refs, expected: [{ ...v, data: add }], tol: 1e-6 },
        { op: "AssignSub", title: `[${shape}] ${t}`, inputs: [v, d], refs, expected: [{ ...v, data: sub }], tol: 1e-6 },
        { op: "ZerosLike", title: `[${shape}] ${t}`, inputs: [v], expected: [{ ...v, data: v.data.map(() => 0) }] },
        { op: "OnesLike", title: `[${shape}] ${t}`, inputs: [v], expected: [{ ...v, data: v.data.map(() => 1) }] },
      );
    }
  }
  const v3 = f32([3]);
  const d5 = f32([5]);
  cases.push(
    {
      op: "Assign",
      title: "validate_shape false takes the new shape",
      inputs: [v3, d5],
      attrs: { validate_shape: false },
      refs,
      expected: [d5],
    },
    {
      op: "Assign",
      title: "an uninitialized variable",
      inputs: [f32([0]), d5],
      refs,
      initialized: false,
      expected: [d5],
    },
    {
      op: "Assign",
      title: "shape mismatch",
      inputs: [v3, d5],
      refs,
      expected: [],
      throws: "Assign requires shapes of both tensors to match. lhs shape= [3] rhs shape= [5]",
    },
  );
  for (const op of ["AssignAdd", "AssignSub"]) {
    cases.push(
      {
        op,
        title: "an uninitialized variable",
        inputs: [f32([0]), d5],
        refs,
        initialized: false,
        expected: [],
        throws: "Attempting to use uninitialized value v",
      },
      {
        op,
        title: "shape mismatch",
        inputs: [v3, d5],
        refs,
        expected: [],
        throws: "Must have the same size and shape on both sides of the update: [3] vs [5]",
      },
    );
  }
  // bcast_ops.cc: the dims each side was broadcast along (where its dim is 1, both 1 included).
  const gradArgs = (a: number[], b: number[]): [number[], number[]] => {
    const r = Math.max(a.length, b.length);
    const pa = [...Array(r - a.length).fill(1), ...a];
    const pb = [...Array(r - b.length).fill(1), ...b];
    return [pa.flatMap((d, i) => (d === 1 ? [i] : [])), pb.flatMap((d, i) => (d === 1 ? [i] : []))];
  };
  const pairs: [number[], number[], string][] = [
    [[2, 3, 5], [5], "row broadcast"],
    [[], [3], "scalar"],
    [[], [], "both scalars"],
    [[3, 1], [1, 4], "outer product"],
    [[1, 1], [1], "both 1"],
    [[0, 3], [1, 3], "empty dim"],
    [[2, 1, 3, 1, 5, 2], [1, 4, 1, 6, 1, 2], "6-D"],
    [[7, 3], [7, 3], "same shape"],
  ];
  for (const [a, b, title] of pairs) {
    const [r0, r1] = gradArgs(a, b);
    for (const make of [i32, i64]) {
      const x = make([a.length], a);
      cases.push({
        op: "BroadcastGradientArgs",
        title: `${title} ${x.dtype}`,
        inputs: [x, make([b.length], b)],
        expected: [make([r0.length], r0), make([r1.length], r1)],
      });
    }
  }
  cases.push({
    op: "BroadcastGradientArgs",
    title: "incompatible shapes",
    inputs: [i32([2], [2, 3]), i32([1], [4])],
    expected: [],
    throws: "Incompatible shapes: [2,3] vs. [4]",
  });
  return cases;
}

/** xent_op.h / sparse_xent_op.h in float64: loss = sum(labels * (logsumexp - logits)), backprop = softmax - labels. */
function xentOracle(logits: number[][], labels: number[][]): [number[], number[]] {
  const loss: number[] = [];
  const backprop: number[] = [];
  logits.forEach((row, i) => {
    const m = Math.max(...row);
    const sum = row.reduce((acc, x) => acc + Math.exp(x - m), 0);
    const logSum = Math.log(sum);
    loss.push(row.reduce((acc, x, j) => acc + labels[i][j] * (logSum - (x - m)), 0));
    row.forEach((x, j) => backprop.push(Math.exp(x - m) / sum - labels[i][j]));
  });
  return [loss, backprop];
}

/** Rows of a [r, c] case tensor broadcast to [rows, cols]. */
function rows2d(t: CaseTensor, rows: number, cols: number): number[][] {
  const [r, c] = t.shape;
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => t.data[(r === 1 ? 0 : i) * c + (c === 1 ? 0 : j)]),
  );
}

/** SoftmaxCrossEntropyWithLogits (dense, with broadcasts) and SparseSoftmaxCrossEntropyWithLogits (int32, int64). */
export function xentCases(): KernelCase[] {
  const cases: KernelCase[] = [];
  const dense = (logitsShape: number[], labelsShape: number[], title: string) => {
    const rows = Math.max(logitsShape[0], labelsShape[0]);
    const cols = logitsShape[1] === 1 ? labelsShape[1] : logitsShape[1];
    const logits = f32(logitsShape, values(size(logitsShape), -4, 4));
    const labels = f32(labelsShape, values(size(labelsShape), 0, 1));
    const [loss, backprop] = xentOracle(rows2d(logits, rows, cols), rows2d(labels, rows, cols));
    cases.push({
      op: "SoftmaxCrossEntropyWithLogits",
      title,
      inputs: [logits, labels],
      expected: [f32([rows], loss), f32([rows, cols], backprop)],
      tol: 1e-5,
    });
  };
  for (const n of LENGTHS) dense([3, n], [3, n], `[3, ${n}]`);
  dense([1, 1], [1, 1], "[1, 1] (a scalar row)");
  dense([4, 17], [1, 17], "labels row broadcast");
  dense([1, 5], [3, 5], "logits row broadcast");
  dense([3, 6], [3, 1], "labels column broadcast");
  dense([0, 5], [0, 5], "empty batch");
  dense([2, 0], [2, 0], "no classes");
  cases.push({
    op: "SoftmaxCrossEntropyWithLogits",
    title: "not broadcastable",
    inputs: [f32([2, 3]), f32([2, 4])],
    expected: [],
    throws: "logits and labels must be broadcastable: logits_size=[2,3] labels_size=[2,4]",
  });
  for (const n of [...LENGTHS, 0]) {
    const rows = n === 0 ? 0 : 3;
    const cols = n === 0 ? 5 : n;
    const logits = f32([rows, cols], values(rows * cols, -4, 4));
    const ids = values(rows, 0, cols, true);
    const onehot = ids.map((k) => Array.from({ length: cols }, (_, j) => (j === k ? 1 : 0)));
    const [loss, backprop] = xentOracle(rows2d(logits, rows, cols), onehot);
    for (const make of [i32, i64]) {
      const labels = make([rows], ids);
      cases.push({
        op: "SparseSoftmaxCrossEntropyWithLogits",
        title: `[${rows}, ${cols}] ${labels.dtype} labels`,
        inputs: [logits, labels],
        expected: [f32([rows], loss), f32([rows, cols], backprop)],
        tol: 1e-5,
      });
    }
  }
  for (const make of [i32, i64]) {
    cases.push({
      op: "SparseSoftmaxCrossEntropyWithLogits",
      title: `label out of range, ${make === i32 ? "int32" : "int64"}`,
      inputs: [f32([3, 4]), make([3], [0, 5, 1])],
      expected: [],
      throws: "Received a label value of 5 which is outside the valid range of [0, 4).  Label values: 0 5 1",
    });
  }
  cases.push({
    op: "SparseSoftmaxCrossEntropyWithLogits",
    title: "negative label",
    inputs: [f32([2, 4]), i32([2], [-1, 2])],
    expected: [],
    throws: "Received a label value of -1 which is outside the valid range of [0, 4).  Label values: -1 2",
  });
  return cases;
}

/** Every family's table, named, in one order (the tables draw from one generator, so the order fixes their values). */
export function caseFamilies(): [string, KernelCase[]][] {
  return [
    ["elementwise", elementwiseCases()],
    ["unary", unaryCases()],
    ["reduce", reduceCases()],
    ["matmul", matMulCases()],
    ["conv", convCases()],
    ["array", arrayCases()],
    ["training", trainingCases()],
    ["state", stateCases()],
    ["xent", xentCases()],
  ];
}

/**
 * Asserts a backend's output against a case's expected tensor: dtype and shape exactly; float32 within `tol`
 * (absolute + relative, against the float32-rounded expectation; NaN and infinities exactly); other dtypes exactly.
 */
export function checkCase(
  actual: { dtype: { name: string }; shape: readonly number[]; data: unknown },
  expected: CaseTensor,
  tol: number,
): void {
  expect(actual.dtype.name).toBe(expected.dtype);
  expect(actual.shape).toEqual(expected.shape);
  const got = Array.from(actual.data as ArrayLike<number | bigint>, Number);
  if (expected.dtype !== "float32") {
    expect(got).toEqual(expected.data);
    return;
  }
  got.forEach((v, i) => {
    const e = Math.fround(expected.data[i]);
    if (Number.isNaN(e)) expect(v).toBeNaN();
    else if (!Number.isFinite(e)) expect(v).toBe(e);
    else expect(Math.abs(v - e), `element ${i}: ${v} vs ${e}`).toBeLessThanOrEqual(tol + tol * Math.abs(e));
  });
}
