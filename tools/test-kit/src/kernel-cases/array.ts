// Transpose, ConcatV2, Slice, StridedSlice, GatherV2 (array_ops.cc kernels), Cast (cast_op.cc), Fill (constant_op.cc),
// BiasAdd and BiasAddGrad (bias_op.cc): the ops wasm-kernels' array family holds.
import { type CaseTensor, caseRandom, gatherStrided, type KernelCase, LENGTHS, size } from "./case-tensor";

/** `x` transposed by `perm`: output dim i is input dim perm[i]. */
function permuted(x: CaseTensor, perm: number[]): CaseTensor {
  const shape = perm.map((p) => x.shape[p]);
  const data = gatherStrided(x, shape, (o) => {
    const src: number[] = [];
    perm.forEach((p, i) => {
      src[p] = o[i];
    });
    return src;
  });
  return { dtype: x.dtype, shape, data };
}

export function arrayCases(): KernelCase[] {
  const { values, f32, i32 } = caseRandom(106);
  const cases: KernelCase[] = [];
  const transposes: { shape: number[]; perm: number[] }[] = [
    { shape: [3, 17], perm: [1, 0] },
    { shape: [2, 3, 4], perm: [2, 0, 1] },
    { shape: [2, 3, 4, 5], perm: [0, 3, 1, 2] },
    { shape: [], perm: [] },
    { shape: [0, 4], perm: [1, 0] },
    { shape: [1000], perm: [0] },
  ];
  for (const { shape, perm } of transposes) {
    const x = f32(shape);
    const p = i32([perm.length], perm);
    cases.push({ op: "Transpose", title: `[${shape}] perm [${perm}]`, inputs: [x, p], expected: [permuted(x, perm)] });
    const ix = i32(shape);
    cases.push({
      op: "Transpose",
      title: `[${shape}] perm [${perm}] int32`,
      inputs: [ix, p],
      expected: [permuted(ix, perm)],
    });
  }
  const concats: { shapes: number[][]; axis: number }[] = [
    {
      shapes: [
        [2, 3],
        [2, 5],
      ],
      axis: 1,
    },
    {
      shapes: [
        [2, 3],
        [4, 3],
        [1, 3],
      ],
      axis: 0,
    },
    {
      shapes: [
        [2, 3, 4],
        [2, 1, 4],
      ],
      axis: -2,
    },
    { shapes: [[3], [0], [17]], axis: 0 },
    {
      shapes: [
        [0, 2],
        [0, 3],
      ],
      axis: -1,
    },
  ];
  for (const { shapes, axis } of concats) {
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
    const positive = ix.data.map((v) => (v > 0 ? 1 : 0));
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
      inputs: [{ dtype: "bool", shape: [n], data: positive }],
      expected: [f32([n], positive)],
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
    const attrs = { data_format: "NHWC" };
    const added = v.data.map((x2, i) => x2 + bias.data[i % c]);
    cases.push({
      op: "BiasAdd",
      title: `[${shape}]`,
      inputs: [v, bias],
      attrs,
      expected: [f32(shape, added)],
      tol: 1e-6,
    });
    const sums = new Array(c).fill(0);
    v.data.forEach((x2, i) => {
      sums[i % c] += x2;
    });
    cases.push({ op: "BiasAddGrad", title: `[${shape}]`, inputs: [v], attrs, expected: [f32([c], sums)], tol: 1e-5 });
  }
  cases.push(...tileCases(i32), ...expandDimsCases(f32, i32));
  return cases;
}

/** Tile (tile_ops.cc): every output index reads input index o % shape, per dim. */
function tileCases(i32: (shape: number[], data?: number[]) => CaseTensor): KernelCase[] {
  const cases: KernelCase[] = [];
  const setups: [number[], number[]][] = [
    [[], []],
    [[3], [4]],
    [
      [2, 3],
      [1, 1],
    ],
    [
      [2, 3],
      [3, 2],
    ],
    [
      [2, 1, 5],
      [2, 17, 1],
    ],
    [
      [1, 2, 2, 3],
      [2, 1, 3, 2],
    ],
    [
      [2, 0],
      [2, 3],
    ],
    [
      [2, 3],
      [0, 2],
    ],
  ];
  for (const [shape, multiples] of setups) {
    const x = i32(shape);
    const out = shape.map((d, i) => d * multiples[i]);
    const data = Array.from({ length: size(out) }, (_, flat) => {
      let rest = flat;
      let src = 0;
      let stride = 1;
      for (let d = out.length - 1; d >= 0; d--) {
        src += ((rest % out[d]) % shape[d]) * stride;
        rest = Math.floor(rest / out[d]);
        stride *= shape[d];
      }
      return x.data[src];
    });
    cases.push({
      op: "Tile",
      title: `[${shape}] x [${multiples}]`,
      inputs: [x, i32([multiples.length], multiples)],
      expected: [i32(out, data)],
    });
  }
  cases.push(
    {
      op: "Tile",
      title: "multiples of the wrong length",
      inputs: [i32([2, 3]), i32([1], [2])],
      expected: [],
      throws: "Expected multiples argument to be a vector of length 2 but got length 1",
    },
    {
      op: "Tile",
      title: "a negative multiple",
      inputs: [i32([2, 3]), i32([2], [1, -2])],
      expected: [],
      throws: "Expected multiples[1] >= 0, but got -2",
    },
  );
  return cases;
}

/** ExpandDims and Squeeze (array_ops.cc): the same elements, a 1 inserted at dim in [-rank-1, rank] or removed. */
function expandDimsCases(
  f32: (shape: number[], data?: number[]) => CaseTensor,
  i32: (shape: number[], data?: number[]) => CaseTensor,
): KernelCase[] {
  const x = f32([2, 3]);
  const cases: KernelCase[] = [
    [0, [1, 2, 3]],
    [2, [2, 3, 1]],
    [-1, [2, 3, 1]],
    [-3, [1, 2, 3]],
  ].map(([dim, shape]) => ({
    op: "ExpandDims",
    title: `[2,3] at ${dim}`,
    inputs: [x, i32([], [dim as number])],
    expected: [f32(shape as number[], x.data)],
  }));
  for (const [dims, shape] of [
    [[], [2, 3]],
    [
      [0, 3],
      [2, 3],
    ],
    [[-1], [1, 2, 3]],
  ] as const) {
    const y = f32([1, 2, 3, 1], x.data);
    cases.push({
      op: "Squeeze",
      title: `[1,2,3,1] squeeze_dims [${dims}]`,
      inputs: [y],
      attrs: { squeeze_dims: dims },
      expected: [f32([...shape], x.data)],
    });
  }
  cases.push(
    {
      op: "Squeeze",
      title: "a dim of size 2",
      inputs: [f32([1, 2, 3, 1], x.data)],
      attrs: { squeeze_dims: [1] },
      expected: [],
      throws: "Can not squeeze dim[1], expected a dimension of 1, got 2",
    },
    {
      op: "Squeeze",
      title: "a dim out of range",
      inputs: [f32([1, 2, 3, 1], x.data)],
      attrs: { squeeze_dims: [4] },
      expected: [],
      throws: "Tried to squeeze dim index 4 for tensor with 4 dimensions.",
    },
  );
  cases.push({
    op: "ExpandDims",
    title: "dim out of range",
    inputs: [x, i32([], [3])],
    expected: [],
    throws: "Tried to expand dim index 3 for tensor with 2 dimensions.",
  });
  return cases;
}
