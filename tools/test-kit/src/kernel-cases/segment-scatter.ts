// UnsortedSegmentSum (segment_reduction_ops_test.py UnsortedSegmentTest), ScatterUpdate/Add/Sub
// (scatter_ops_test.py ScatterTest), Unique (unique_op_test.py) and the SparseApply* updates (training_ops.cc, as
// adagrad_test.py / momentum_test.py / rmsprop_test.py drive them): the ops of an embedding's sparse gradient path.
import { type CaseDType, type CaseTensor, caseRandom, i64, type KernelCase, LENGTHS, size } from "./case-tensor";

/** segment_reduction_ops_test.py: SegmentReductionHelper._input: 1..n in `shape`. */
const arange = (dtype: CaseDType, shape: number[]): CaseTensor => ({
  dtype,
  shape,
  data: Array.from({ length: size(shape) }, (_, i) => i + 1),
});

/** _segmentReduce with np.add: rows of `x` summed into `segments` rows; negative ids dropped. */
function segmentSum(x: CaseTensor, ids: number[], segments: number): CaseTensor {
  const chunk = size(x.shape.slice(idsRank(x, ids)));
  const out = new Array(segments * chunk).fill(0);
  ids.forEach((s, i) => {
    if (s < 0) return;
    for (let j = 0; j < chunk; j++) out[s * chunk + j] += x.data[i * chunk + j];
  });
  return { dtype: x.dtype, shape: [segments, ...x.shape.slice(idsRank(x, ids))], data: out };
}

/** The rank of the ids whose flat count is `ids.length`: the leading dims of `x` that multiply to it. */
function idsRank(x: CaseTensor, ids: number[]): number {
  let n = 1;
  for (let r = 0; r <= x.shape.length; r++) {
    if (n === ids.length) return r;
    n *= x.shape[r];
  }
  throw new Error(`ids of length ${ids.length} do not lead ${x.shape}`);
}

function segmentCases(): KernelCase[] {
  const { f32 } = caseRandom(111);
  const cases: KernelCase[] = [];
  const indicesFlat = [0, 4, 0, 8, 3, 8, 4, 7, 7, 3];
  const idsShapes = [[10], [5, 2]];
  // testValues (np.add / unsorted_segment_sum) and testNumSegmentsTypes: 1..n data, num_segments 12 (int32, int64).
  for (const idsShape of idsShapes) {
    for (const dtype of ["float32", "int32"] as const) {
      const x = arange(dtype, [...idsShape, 2]);
      for (const numType of ["int32", "int64"] as const) {
        cases.push({
          op: "UnsortedSegmentSum",
          title: `testValues ids [${idsShape}] ${dtype} num_segments ${numType}`,
          inputs: [
            x,
            { dtype: "int32", shape: idsShape, data: indicesFlat },
            { dtype: numType, shape: [], data: [12] },
          ],
          expected: [segmentSum(x, indicesFlat, 12)],
        });
      }
      // testDropNegatives: the 8s replaced by -1, rows 8.. of the answer zero.
      const dropped = indicesFlat.map((i) => (i === 8 ? -1 : i));
      cases.push({
        op: "UnsortedSegmentSum",
        title: `testDropNegatives ids [${idsShape}] ${dtype}`,
        inputs: [x, i64(idsShape, dropped), { dtype: "int32", shape: [], data: [12] }],
        expected: [segmentSum(x, dropped, 12)],
      });
    }
  }
  // testEmptySecondDimension: data [2, 0], ids int32 and int64.
  for (const make of [
    (d: number[]) => ({ dtype: "int32" as const, shape: [2], data: d }),
    (d: number[]) => i64([2], d),
  ]) {
    const ids = make([0, 1]);
    cases.push({
      op: "UnsortedSegmentSum",
      title: `testEmptySecondDimension ${ids.dtype} ids`,
      inputs: [f32([2, 0]), ids, { dtype: "int32", shape: [], data: [2] }],
      expected: [f32([2, 0])],
    });
  }
  // Rows that hit both a SIMD loop and its tail; repeated ids accumulate; an empty id list gives zeros.
  for (const n of LENGTHS) {
    const x = f32([6, n]);
    const ids = [2, 0, 2, 4, 0, 2];
    cases.push({
      op: "UnsortedSegmentSum",
      title: `rows of ${n}`,
      inputs: [x, { dtype: "int32", shape: [6], data: ids }, { dtype: "int32", shape: [], data: [5] }],
      expected: [segmentSum(x, ids, 5)],
      tol: 1e-6,
    });
  }
  cases.push({
    op: "UnsortedSegmentSum",
    title: "no ids: zeros",
    inputs: [f32([0, 3]), { dtype: "int32", shape: [0], data: [] }, { dtype: "int32", shape: [], data: [4] }],
    expected: [f32([4, 3], new Array(12).fill(0))],
  });
  // testBadIndices: segment_ids [[2]] and [[7]] for num_segments 2.
  for (const bad of [2, 7]) {
    cases.push({
      op: "UnsortedSegmentSum",
      title: `testBadIndices ${bad}`,
      inputs: [
        { dtype: "int32", shape: [1, 1], data: [17] },
        { dtype: "int32", shape: [1, 1], data: [bad] },
        { dtype: "int32", shape: [], data: [2] },
      ],
      expected: [],
      throws: `segment_ids[0,0] = ${bad} is out of range [0, 2)`,
    });
  }
  return cases;
}

/** scatter_ops_test.py: _NumpyUpdate / _NumpyAdd / _NumpySub, row by row in index order. */
function numpyScatter(op: string, old: CaseTensor, indices: number[], updates: CaseTensor): CaseTensor {
  const rowSize = size(old.shape.slice(1));
  const data = [...old.data];
  indices.forEach((r, k) => {
    for (let j = 0; j < rowSize; j++) {
      const u = updates.data[k * rowSize + j];
      const at = r * rowSize + j;
      data[at] = op === "ScatterUpdate" ? u : op === "ScatterAdd" ? data[at] + u : data[at] - u;
    }
  });
  return { ...old, data: old.dtype === "int32" ? data.map((v) => v | 0) : data.map(Math.fround) };
}

function scatterCases(): KernelCase[] {
  const { values, f32, i32 } = caseRandom(112);
  const cases: KernelCase[] = [];
  const refs = { 0: "ref" };
  // _VariableRankTest: indices without repeats (and, for add and sub, testRepeatIndices*), every indices and extra
  // shape, float32 and int32 values, int32 and int64 indices. TF's scalar-updates variants are not ported: the
  // kernels, as the reference, take updates of shape indices.shape + params.shape[1:].
  for (const op of ["ScatterUpdate", "ScatterAdd", "ScatterSub"]) {
    for (const repeat of op === "ScatterUpdate" ? [false] : [false, true]) {
      for (const indicesShape of [[], [2], [3, 7], [3, 4, 7]]) {
        for (const extra of [[], [5], [5, 9]]) {
          const n = size(indicesShape);
          const firstDim = 3 * n;
          // A shuffle of 0..firstDim, its first n; with repeats, half of them then repeats of that half.
          const perm = Array.from({ length: firstDim }, (_, i) => i);
          const r = values(firstDim, 0, 1);
          perm.sort((a, b) => r[a] - r[b]);
          let indices = perm.slice(0, n);
          if (repeat && n > 1) {
            const half = indices.slice(0, Math.floor(n / 2));
            const picks = values(n - half.length, 0, half.length, true);
            indices = [...half, ...picks.map((p) => half[p])];
          }
          for (const vtype of ["float32", "int32"] as const) {
            const make = vtype === "float32" ? f32 : i32;
            const old = make([firstDim, ...extra]);
            const updates = make([...indicesShape, ...extra]);
            for (const itype of ["int32", "int64"] as const) {
              cases.push({
                op,
                title: `${repeat ? "testRepeatIndices" : "testVariableRank"} indices [${indicesShape}] extra [${extra}] ${vtype} ${itype}`,
                inputs: [old, { dtype: itype, shape: indicesShape, data: indices }, updates],
                refs,
                expected: [numpyScatter(op, old, indices, updates)],
                tol: 1e-6,
              });
            }
          }
        }
      }
    }
    // testScatterOutOfRangeCpu
    const params = f32([6], [1, 2, 3, 4, 5, 6]);
    const updates = f32([3], [-3, -4, -5]);
    cases.push(
      {
        op,
        title: "testScatterOutOfRangeCpu: in range",
        inputs: [params, i64([3], [2, 0, 5]), updates],
        refs,
        expected: [numpyScatter(op, params, [2, 0, 5], updates)],
      },
      {
        op,
        title: "testScatterOutOfRangeCpu: -1",
        inputs: [params, i64([3], [-1, 0, 5]), updates],
        refs,
        expected: [],
        throws: "indices[0] = -1 is not in [0, 6)",
      },
      {
        op,
        title: "testScatterOutOfRangeCpu: 6",
        inputs: [params, i64([3], [2, 0, 6]), updates],
        refs,
        expected: [],
        throws: "indices[2] = 6 is not in [0, 6)",
      },
      {
        op,
        title: "an uninitialized variable",
        inputs: [params, i64([3], [2, 0, 5]), updates],
        refs,
        initialized: false,
        expected: [],
        throws: "Attempting to use uninitialized value ref",
      },
    );
  }
  return cases;
}

/** unique_op_test.py: testInt32 / testInt64 (y in order of first appearance, x == y[idx]). */
function uniqueCases(): KernelCase[] {
  const { values } = caseRandom(113);
  const cases: KernelCase[] = [];
  const unique = (x: number[]) => {
    const y: number[] = [];
    const idx = x.map((v) => {
      let at = y.indexOf(v);
      if (at < 0) at = y.push(v) - 1;
      return at;
    });
    return { y, idx };
  };
  for (const n of [0, 1, 7, 100, 7000]) {
    const x = values(n, 0, n < 100 ? 5 : 200, true);
    const { y, idx } = unique(x);
    for (const [xtype, itype] of [
      ["int32", "int32"],
      ["int64", "int32"],
      ["int32", "int64"],
    ] as const) {
      cases.push({
        op: "Unique",
        title: `${n} values ${xtype}, out_idx ${itype}`,
        inputs: [{ dtype: xtype, shape: [n], data: x }],
        attrs: { out_idx: itype },
        expected: [
          { dtype: xtype, shape: [y.length], data: y },
          { dtype: itype, shape: [n], data: idx },
        ],
      });
    }
  }
  cases.push({
    op: "Unique",
    title: "negative and large keys",
    inputs: [{ dtype: "int32", shape: [6], data: [-5, 2 ** 31 - 1, -5, -(2 ** 31), 0, 2 ** 31 - 1] }],
    expected: [
      { dtype: "int32", shape: [4], data: [-5, 2 ** 31 - 1, -(2 ** 31), 0] },
      { dtype: "int32", shape: [6], data: [0, 1, 0, 2, 3, 1] },
    ],
  });
  cases.push({
    op: "Unique",
    title: "a matrix",
    inputs: [{ dtype: "int32", shape: [2, 2], data: [1, 2, 3, 4] }],
    expected: [],
    throws: "unique expects a 1D vector.",
  });
  return cases;
}

type Rule = (w: number[], s: number[][], g: number, i: number, h: number[]) => void;

const f = Math.fround;
/** training_ops.cc's rules, in float32 steps as the kernels compute them. */
const RULES: Record<string, { slots: string[]; scalars: number[]; rule: Rule; attrs?: Record<string, unknown> }> = {
  SparseApplyAdagrad: {
    slots: ["accum"],
    scalars: [0.1],
    rule: (w, [a], g, i, [lr]) => {
      a[i] = f(a[i] + f(g * g));
      w[i] = f(w[i] - f(f(lr * g) / f(Math.sqrt(a[i]))));
    },
  },
  SparseApplyMomentum: {
    slots: ["accum"],
    scalars: [0.1],
    rule: (w, [a], g, i, [lr]) => {
      a[i] = f(f(a[i] * f(0.9)) + g);
      w[i] = f(w[i] - f(lr * a[i]));
    },
  },
  SparseApplyRMSProp: {
    slots: ["ms", "mom"],
    scalars: [0.01, 0.9, 0.5, 1e-3],
    rule: (w, [ms, mom], g, i, [lr, rho, momentum, eps]) => {
      ms[i] = f(ms[i] + f(f(f(g * g) - ms[i]) * f(1 - rho)));
      mom[i] = f(f(mom[i] * momentum) + f(f(lr * g) / f(Math.sqrt(f(ms[i] + eps)))));
      w[i] = f(w[i] - mom[i]);
    },
  },
  SparseApplyCenteredRMSProp: {
    slots: ["mg", "ms", "mom"],
    scalars: [0.01, 0.9, 0.5, 1e-3],
    rule: (w, [mg, ms, mom], g, i, [lr, rho, momentum, eps]) => {
      mg[i] = f(mg[i] + f(f(g - mg[i]) * f(1 - rho)));
      ms[i] = f(ms[i] + f(f(f(g * g) - ms[i]) * f(1 - rho)));
      mom[i] = f(f(mom[i] * momentum) + f(f(lr * g) / f(Math.sqrt(f(f(ms[i] - f(mg[i] * mg[i])) + eps)))));
      w[i] = f(w[i] - mom[i]);
    },
  },
};

function sparseApplyCases(): KernelCase[] {
  const { values, f32 } = caseRandom(114);
  const cases: KernelCase[] = [];
  for (const [op, { slots, scalars, rule }] of Object.entries(RULES)) {
    for (const row of [1, 3, 4, 17]) {
      for (const itype of ["int32", "int64"] as const) {
        const rows = 6;
        const indices = [4, 0, 2];
        const v = f32([rows, row]);
        // Accumulators stay positive (Adagrad's sqrt; RMSProp's ms).
        const slotValues = slots.map((name) =>
          f32([rows, row], values(rows * row, name === "mom" || name === "mg" ? -0.5 : 0.1, 1)),
        );
        const grad = f32([indices.length, row]);
        const w = [...v.data];
        const s = slotValues.map((t) => [...t.data]);
        indices.forEach((r, k) => {
          for (let j = 0; j < row; j++) rule(w, s, grad.data[k * row + j], r * row + j, scalars);
        });
        const scalarInputs = scalars.map((x) => f32([], [x]));
        const ix: CaseTensor = { dtype: itype, shape: [3], data: indices };
        const inputs =
          op === "SparseApplyMomentum"
            ? [v, ...slotValues, scalarInputs[0], grad, ix, f32([], [0.9])]
            : [v, ...slotValues, ...scalarInputs, grad, ix];
        const refs: Record<number, string> = { 0: "var" };
        slots.forEach((name, k) => {
          refs[k + 1] = `var/${name}`;
        });
        cases.push({
          op,
          title: `rows of ${row} ${itype} indices`,
          inputs,
          refs,
          expected: [f32([rows, row], w), ...s.map((d) => f32([rows, row], d))],
          tol: 1e-5,
        });
        if (row === 3 && itype === "int32") {
          const bad: CaseTensor = { dtype: itype, shape: [3], data: [4, 6, 2] };
          cases.push({
            op,
            title: "an index out of range",
            inputs: inputs.map((t) => (t === ix ? bad : t)),
            refs,
            expected: [],
            throws: "Index 6 at offset 1 in indices is out of range",
          });
          cases.push({
            op,
            title: "grad rows and indices differ",
            inputs: inputs.map((t) => (t === grad ? f32([2, row]) : t)),
            refs,
            expected: [],
            throws: "grad must be the same size as indices in the first dimension.",
          });
        }
      }
    }
  }
  return cases;
}

/** The dense ApplyAdagrad, ApplyRMSProp, ApplyCenteredRMSProp: the same rules over every element. */
function denseApplyCases(): KernelCase[] {
  const { values, f32 } = caseRandom(117);
  const cases: KernelCase[] = [];
  for (const [sparseOp, { slots, scalars, rule }] of Object.entries(RULES)) {
    if (sparseOp === "SparseApplyMomentum") continue;
    const op = sparseOp.replace("SparseApply", "Apply");
    for (const shape of [[], [3], [4], [17], [4, 250], [0]]) {
      const n = size(shape);
      const v = f32(shape);
      const slotValues = slots.map((name) => f32(shape, values(n, name === "mom" || name === "mg" ? -0.5 : 0.1, 1)));
      const grad = f32(shape);
      const w = [...v.data];
      const st = slotValues.map((t) => [...t.data]);
      for (let i = 0; i < n; i++) rule(w, st, grad.data[i], i, scalars);
      const refs: Record<number, string> = { 0: "var" };
      slots.forEach((name, k) => {
        refs[k + 1] = `var/${name}`;
      });
      cases.push({
        op,
        title: `[${shape}]`,
        inputs: [v, ...slotValues, ...scalars.map((x) => f32([], [x])), grad],
        refs,
        expected: [f32(shape, w), ...st.map((d) => f32(shape, d))],
        tol: 1e-5,
      });
    }
  }
  return cases;
}

export function segmentScatterCases(): KernelCase[] {
  return [...segmentCases(), ...scatterCases(), ...uniqueCases(), ...sparseApplyCases(), ...denseApplyCases()];
}
