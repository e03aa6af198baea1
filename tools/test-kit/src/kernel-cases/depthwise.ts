// DepthwiseConv2dNative and its input / filter gradients (depthwise_conv_op.cc, depthwise_conv_grad_op.cc): direct
// NHWC loops over [KH, KW, C, M] filters, output channel c * M + q; multipliers 1 (the SIMD path) and above.
import { caseRandom, type KernelCase, size } from "./case-tensor";

/** Output size and leading padding of one spatial dim, as TF's GetWindowedOutputSize. */
function window(dim: number, k: number, s: number, padding: string): [number, number] {
  if (padding === "VALID") return [Math.max(Math.ceil((dim - k + 1) / s), 0), 0];
  const out = Math.ceil(dim / s);
  return [out, Math.floor(Math.max((out - 1) * s + k - dim, 0) / 2)];
}

export function depthwiseCases(): KernelCase[] {
  const { f32, i32 } = caseRandom(112);
  const cases: KernelCase[] = [];
  const setups: [number[], number[], number, string][] = [
    [[1, 5, 5, 1], [3, 3, 1, 1], 1, "SAME"],
    [[2, 7, 6, 3], [3, 2, 3, 2], 2, "SAME"],
    [[1, 6, 6, 5], [2, 2, 5, 1], 1, "VALID"],
    [[2, 5, 4, 17], [3, 3, 17, 1], 2, "SAME"],
    [[1, 9, 9, 4], [3, 3, 4, 3], 3, "VALID"],
    [[0, 4, 4, 2], [3, 3, 2, 2], 1, "SAME"],
  ];
  for (const [xs, fs, s, padding] of setups) {
    const [n, h, w, c] = xs;
    const [kh, kw, , m] = fs;
    const oc = c * m;
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
          for (let p = 0; p < kh; p++)
            for (let q = 0; q < kw; q++) {
              const ih = i * s - pt + p;
              const iw = j * s - pl + q;
              if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue;
              for (let ci = 0; ci < c; ci++)
                for (let k = 0; k < m; k++) {
                  const xi = ((b * h + ih) * w + iw) * c + ci;
                  const fi = ((p * kw + q) * c + ci) * m + k;
                  const yi = ((b * oh + i) * ow + j) * oc + ci * m + k;
                  y[yi] += x.data[xi] * f.data[fi];
                  dx[xi] += dy.data[yi] * f.data[fi];
                  df[fi] += dy.data[yi] * x.data[xi];
                }
            }
    const attrs = { strides: [1, s, s, 1], padding, data_format: "NHWC" };
    const title = `${xs.join("x")} * ${fs.join("x")} stride ${s} ${padding}`;
    cases.push(
      { op: "DepthwiseConv2dNative", title, inputs: [x, f], attrs, expected: [f32([n, oh, ow, oc], y)], tol: 1e-4 },
      {
        op: "DepthwiseConv2dNativeBackpropInput",
        title,
        inputs: [i32([4], xs), f, dy],
        attrs,
        expected: [f32(xs, dx)],
        tol: 1e-4,
      },
      {
        op: "DepthwiseConv2dNativeBackpropFilter",
        title,
        inputs: [x, i32([4], fs), dy],
        attrs,
        expected: [f32(fs, df)],
        tol: 1e-4,
      },
    );
  }
  const attrs = { strides: [1, 1, 1, 1], padding: "SAME", data_format: "NHWC" };
  cases.push(
    {
      op: "DepthwiseConv2dNative",
      title: "input and filter depths differ",
      inputs: [f32([1, 3, 3, 2]), f32([2, 2, 3, 1])],
      attrs,
      expected: [],
      throws: "input and filter must have the same depth: 2 vs 3",
    },
    {
      op: "DepthwiseConv2dNative",
      title: "unequal row and column strides",
      inputs: [f32([1, 3, 3, 2]), f32([2, 2, 2, 1])],
      attrs: { ...attrs, strides: [1, 1, 2, 1] },
      expected: [],
      throws: "Current implementation only supports equal length strides in the row and column dimensions.",
    },
    {
      op: "DepthwiseConv2dNative",
      title: "input of rank 3",
      inputs: [f32([3, 3, 2]), f32([2, 2, 2, 1])],
      attrs,
      expected: [],
      throws: "input must be 4-dimensional[3,3,2]",
    },
    {
      op: "DepthwiseConv2dNativeBackpropInput",
      title: "out_backprop rows differ",
      inputs: [i32([4], [1, 3, 3, 2]), f32([2, 2, 2, 1]), f32([1, 2, 3, 2])],
      attrs,
      expected: [],
      throws:
        "DepthwiseConv2DBackpropInput: Number of rows of out_backprop doesn't match computed: actual = 2, computed = 3",
    },
    {
      op: "DepthwiseConv2dNativeBackpropFilter",
      title: "out_backprop depth differs",
      inputs: [f32([1, 3, 3, 2]), i32([4], [2, 2, 2, 2]), f32([1, 3, 3, 2])],
      attrs,
      expected: [],
      throws: "DepthwiseConv2DBackpropFilter: depth_multiplier * in_depth not equal to out_depth",
    },
    {
      op: "DepthwiseConv2dNativeBackpropInput",
      title: "input_sizes of rank 2",
      inputs: [i32([2, 2], [1, 3, 3, 2]), f32([2, 2, 2, 1]), f32([1, 3, 3, 2])],
      attrs,
      expected: [],
      throws: "Conv2DBackpropInput: input_sizes input must be 1-dim, not 2",
    },
    {
      op: "DepthwiseConv2dNativeBackpropFilter",
      title: "a negative filter size",
      inputs: [f32([1, 3, 3, 2]), i32([4], [2, -2, 2, 1]), f32([1, 3, 3, 2])],
      attrs,
      expected: [],
      throws: "Dimension 1 of filter_sizes must be >= 0",
    },
  );
  return cases;
}
