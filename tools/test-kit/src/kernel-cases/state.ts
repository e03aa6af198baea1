// Assign, AssignAdd, AssignSub on a ref variable (assign_op.h, dense_update_ops.cc) with TF's run-time errors;
// ZerosLike, OnesLike and BroadcastGradientArgs (bcast_ops.cc): the ops wasm-kernels' state family holds.
import { caseRandom, i64, type KernelCase, LENGTHS } from "./case-tensor";

const SHAPES: number[][] = [[], ...LENGTHS.map((n) => [n]), [4, 250], [2, 3, 5], [0], [0, 3]];

/** Assign, AssignAdd, AssignSub on a variable `v`, ZerosLike, OnesLike and BroadcastGradientArgs. */
export function stateCases(): KernelCase[] {
  const { f32, i32 } = caseRandom(108);
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
  // int64 (a global step): AssignAdd and AssignSub wrap at 2^64 as int64 does; values stay exact in a double here.
  for (const shape of [[], [3], [5]]) {
    const v = i64(shape, shape.length === 0 ? [41] : Array.from({ length: shape[0] }, (_, i) => 2 ** 40 + i));
    const d = i64(shape, shape.length === 0 ? [1] : Array.from({ length: shape[0] }, (_, i) => 3 - 2 * i));
    for (const [op, sign] of [
      ["AssignAdd", 1],
      ["AssignSub", -1],
    ] as const) {
      cases.push({
        op,
        title: `[${shape}] int64`,
        inputs: [v, d],
        refs,
        expected: [{ ...v, data: v.data.map((x, i) => x + sign * d.data[i]) }],
      });
    }
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
