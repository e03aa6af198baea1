// Split (split_op.cc): equal parts along an axis, negative axes, int32, an empty part, and the two errors.
import { type CaseTensor, caseRandom, gatherStrided, type KernelCase } from "./case-tensor";

/** Part `k` of `n` of `x` along `axis`. */
function part(x: CaseTensor, axis: number, n: number, k: number): CaseTensor {
  const shape = [...x.shape];
  shape[axis] = x.shape[axis] / n;
  const data = gatherStrided(x, shape, (o) => o.map((v, d) => (d === axis ? v + k * shape[axis] : v)));
  return { dtype: x.dtype, shape, data };
}

export function splitCases(): KernelCase[] {
  const { f32, i32 } = caseRandom(117);
  const cases: KernelCase[] = [];
  const splits: { shape: number[]; axis: number; n: number; int?: boolean }[] = [
    { shape: [3, 16], axis: 1, n: 4 },
    { shape: [6, 5], axis: 0, n: 3 },
    { shape: [2, 3, 8], axis: -1, n: 2 },
    { shape: [2, 4, 3], axis: 1, n: 4, int: true },
    { shape: [1000], axis: 0, n: 1 },
    { shape: [2, 24], axis: 1, n: 12 },
    { shape: [0, 4], axis: 1, n: 2 },
  ];
  for (const { shape, axis, n, int } of splits) {
    const x = int ? i32(shape) : f32(shape);
    const ax = axis < 0 ? axis + shape.length : axis;
    cases.push({
      op: "Split",
      title: `[${shape}] axis ${axis} into ${n}${int ? " int32" : ""}`,
      inputs: [i32([], [axis]), x],
      attrs: { num_split: n },
      expected: Array.from({ length: n }, (_, k) => part(x, ax, n, k)),
    });
  }
  const x = f32([2, 5]);
  cases.push(
    {
      op: "Split",
      title: "a dimension the parts do not divide",
      inputs: [i32([], [-1]), x],
      attrs: { num_split: 2 },
      expected: [],
      throws:
        "Number of ways to split should evenly divide the split dimension, but got split_dim 1 (size = 5) and num_split 2",
    },
    {
      op: "Split",
      title: "an axis out of range",
      inputs: [i32([], [2]), x],
      attrs: { num_split: 1 },
      expected: [],
      throws: "-input rank(-2) <= split_dim < input rank (2), but got 2",
    },
  );
  return cases;
}
