// Conv2D and its input / filter gradients (conv_ops.cc, conv_grad_*_ops.cc), MaxPool, AvgPool and their gradients
// (maxpooling_op.cc, avgpooling_op.cc): direct NHWC loops over HWIO filters.
import { caseRandom, type KernelCase, size } from "./case-tensor";

/** Output size and leading padding of one spatial dim, as TF's GetWindowedOutputSize. */
function window(dim: number, k: number, s: number, padding: string): [number, number] {
  if (padding === "VALID") return [Math.max(Math.ceil((dim - k + 1) / s), 0), 0];
  const out = Math.ceil(dim / s);
  return [out, Math.floor(Math.max((out - 1) * s + k - dim, 0) / 2)];
}

export function convCases(): KernelCase[] {
  const { values, f32, i32 } = caseRandom(105);
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
