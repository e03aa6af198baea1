// Reductions over any set of axes (reduction_ops_common.h), ArgMax (argmax_op.cc), Softmax and LogSoftmax
// (softmax_op_functor.h): the ops wasm-kernels' reduce family holds.
import { type CaseTensor, caseRandom, type KernelCase, LENGTHS, ravel, size, unravel } from "./case-tensor";

function reduceOracle(x: CaseTensor, axes: number[], keep: boolean, f: (xs: number[]) => number): CaseTensor {
  const norm = axes.map((a) => (a < 0 ? a + x.shape.length : a));
  const outFull = x.shape.map((d, i) => (norm.includes(i) ? 1 : d));
  const groups: number[][] = Array.from({ length: size(outFull) }, () => []);
  x.data.forEach((v, k) => {
    const idx = unravel(k, x.shape).map((v2, i) => (norm.includes(i) ? 0 : v2));
    groups[ravel(idx, outFull)].push(v);
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
  const { values, f32, i32 } = caseRandom(103);
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
        const v = x.data[ravel([...idx.slice(0, ax), j, ...idx.slice(ax)], shape)];
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
  // The last case spans more than exp's denormal cutoff (x - max < -87.3 gives 0): the masked exp path.
  for (const [shape, title, spread] of [
    [[1], "one", 10],
    [[5], "vector 5", 10],
    [[3, 17], "rows of 17", 10],
    [[2, 1000], "rows of 1000", 10],
    [[0, 4], "empty", 10],
    [[3, 40], "rows of 40 spanning [-60, 60]", 60],
  ] as [number[], string, number][]) {
    const x = f32(shape, values(size(shape), -spread, spread));
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
