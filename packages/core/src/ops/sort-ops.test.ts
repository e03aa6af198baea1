// kernel_tests/topk_op_test.py TopKTest and ops/sort_ops_test.py SortTest (TF 1.15) in graph mode: values, indices,
// shapes, TF's messages, _TopKGrad's values; sort/argsort built on TopKV2 with sort_ops.py's names.
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import { seeded } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";
import { inGraph, names, run } from "../scopes/test-helpers";
import type { TensorLike } from "./op-builder";

const f32 = (shape: number[], values: number[]) => new tf.NDArray("float32", shape, Float32Array.from(values));

/** topk_op_test.py: _validateTopK (sorted): values close, indices equal, static shapes as expected. */
function validateTopK(
  inputs: TensorLike,
  k: TensorLike,
  expectedValues: number[][] | number[],
  expectedIndices: number[][] | number[],
  sorted = true,
) {
  inGraph(() => {
    const [values, indices] = tf.nn.topK(inputs, k, sorted);
    const sess = new tf.Session();
    const [v, i] = sess.run([values, indices]);
    const shapeOf = (a: unknown[]): number[] =>
      Array.isArray(a[0]) ? [a.length, (a[0] as unknown[]).length] : [a.length];
    expect(v.shape).toEqual(shapeOf(expectedValues));
    expect(indices.dtype.name).toBe("int32");
    if (sorted) {
      const expectedFlat = (expectedValues as number[]).flat();
      const actual = Array.from(v.data as ArrayLike<number>);
      expect(actual.every((x, j) => Math.abs(x - expectedFlat[j]) < 1e-6)).toBe(true);
      expect(i.toArray()).toEqual(expectedIndices);
    } else {
      const sortRows = (a: unknown) => (a as number[][]).map((r) => [...r].sort((p, q) => p - q));
      expect(sortRows(i.toArray())).toEqual(sortRows(expectedIndices));
    }
  });
}

/** A random permutation of `n` evenly spaced values in [lo, hi] (np.random.permutation(np.linspace(...))). */
function permutedLinspace(lo: number, hi: number, n: number, seed: number, round = false): number[] {
  const next = seeded(seed);
  const xs = Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  const vs = round ? xs.map(Math.trunc) : xs;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [vs[i], vs[j]] = [vs[j], vs[i]];
  }
  return vs;
}

/** numpy: argsort(-row, kind="mergesort") (stable) of each row. */
const stableDescending = (row: number[]) => row.map((_, i) => i).sort((a, b) => row[b] - row[a] || a - b);

describe("topk_op_test.py TopKTest", () => {
  it("testTop1", () =>
    validateTopK(
      [
        [0.1, 0.3, 0.2, 0.4],
        [0.1, 0.3, 0.3, 0.2],
      ],
      1,
      [[0.4], [0.3]],
      [[3], [1]],
    ));

  it("testTop2", () =>
    validateTopK(
      [
        [0.1, 0.3, 0.2, 0.4],
        [0.1, 0.3, 0.4, 0.2],
      ],
      2,
      [
        [0.4, 0.3],
        [0.4, 0.3],
      ],
      [
        [3, 1],
        [2, 1],
      ],
    ));

  it("testTop3: 5 of 6140 permuted float64 values", () => {
    const inputs = permutedLinspace(0, 100, 6140, 1);
    const order = stableDescending(inputs).slice(0, 5);
    validateTopK(
      new tf.NDArray("float64", [6140], Float64Array.from(inputs)),
      5,
      order.map((i) => inputs[i]),
      order,
    );
  });

  it("testTop1AllNan", () =>
    inGraph(() => {
      const [v, i] = tf.nn.topK(f32([2, 2], [Number.NaN, Number.NaN, Number.NaN, Number.NaN]), 1);
      expect((run(v) as number[][]).flat().every(Number.isNaN)).toBe(true);
      expect(run(i)).toEqual([[0], [0]]);
    }));

  for (const [label, n, k] of [
    ["_testLargeSort (10 x 500, k = n)", 500, 500],
    ["_testLargeTopK (10 x 500, k = n - 1)", 500, 499],
    ["_testMediumTopK (5 x 500, k = 50)", 500, 50],
  ] as const) {
    it(label, () => {
      const b = label.startsWith("_testMedium") ? 5 : 10;
      const inputs = permutedLinspace(0, 100, b * n, 2);
      const rows = Array.from({ length: b }, (_, r) => inputs.slice(r * n, (r + 1) * n));
      const idx = rows.map((row) => stableDescending(row).slice(0, k));
      validateTopK(
        f32([b, n], inputs),
        k,
        idx.map((ix, r) => ix.map((i) => Math.fround(rows[r][i]))),
        idx,
      );
    });
  }

  it("testStableSort: repeated int32 values, k in [1, 5, 50, 500]", () => {
    const [b, n] = [5, 500];
    const inputs = permutedLinspace(0, 3, b * n, 3, true);
    const rows = Array.from({ length: b }, (_, r) => inputs.slice(r * n, (r + 1) * n));
    for (const k of [1, 5, 50, 500]) {
      const idx = rows.map((row) => stableDescending(row).slice(0, k));
      validateTopK(
        new tf.NDArray("int32", [b, n], Int32Array.from(inputs)),
        k,
        idx.map((ix, r) => ix.map((i) => rows[r][i])),
        idx,
      );
    }
  });

  it("testTopAll", () =>
    validateTopK(
      [
        [0.1, 0.3, 0.2, 0.4],
        [0.1, 0.3, 0.3, 0.2],
      ],
      4,
      [
        [0.4, 0.3, 0.2, 0.1],
        [0.3, 0.3, 0.2, 0.1],
      ],
      [
        [3, 1, 2, 0],
        [1, 2, 3, 0],
      ],
    ));

  it("testTop3Unsorted", () =>
    validateTopK(
      [
        [0.1, 0.3, 0.2, 0.4],
        [0.1, 0.4, 0.3, 0.2],
      ],
      3,
      [
        [0.2, 0.3, 0.4],
        [0.2, 0.4, 0.3],
      ],
      [
        [2, 1, 3],
        [3, 1, 2],
      ],
      false,
    ));

  const vector = [3, 6, 15, 18, 6, 12, 1, 17, 3, 0, 4, 19, 1, 6];
  it("testTop3Vector", () => validateTopK(vector, 3, [19, 18, 17], [11, 3, 7]));
  it("testTensorK", () =>
    inGraph(() => {
      const [v, i] = tf.nn.topK(vector, tf.constant(3));
      expect(v.shape).toEqual([3]);
      expect(run(v)).toEqual([19, 18, 17]);
      expect(run(i)).toEqual([11, 3, 7]);
    }));

  it("testTop3ZeroRows", () =>
    inGraph(() => {
      const [v, i] = tf.nn.topK(tf.zeros([0, 10]), 3);
      expect(v.shape).toEqual([0, 3]);
      expect(new tf.Session().run(i).shape).toEqual([0, 3]);
    }));

  it("testKNegative: the kernel's message", () =>
    inGraph(() => {
      const k = tf.placeholder("int32");
      const [values] = tf.nn.topK(
        [
          [0.1, 0.2],
          [0.3, 0.4],
        ],
        k,
      );
      expect(values.shape).toEqual([2, null]);
      expect(() => new tf.Session().run(values, new Map([[k, -7]]))).toThrow(
        "Need k >= 0, got -7\n\t [[{{node TopKV2}}]]",
      );
    }));

  it("testKTooLarge: the shape function's ValueError", () =>
    inGraph((g) => {
      const inputs = [
        [0.1, 0.2],
        [0.3, 0.4],
      ];
      expect(() => tf.nn.topK(inputs, 4)).toThrow(
        "input must have last dimension >= k = 4 but is 2 for 'TopKV2' (op: 'TopKV2') with input shapes: [2,2], [] and with computed input tensors: input[1] = <4>.",
      );
      expect(g.getOperations().some((op) => op.type === "TopKV2")).toBe(false);
      expect(() => tf.nn.topK(5, 1)).toThrow("Shape must be at least rank 1 but is rank 0");
      expect(() => tf.nn.topK(["a"], 1)).toThrow(
        "Value passed to parameter 'input' has DataType string not in list of allowed values: float32, float64, int32",
      );
    }));

  it("testTopKGradients: values and TF's gradient graph", () =>
    inGraph((g) => {
      const inputs = tf.placeholder("float32", [2, 5]);
      const [values] = tf.nn.topK(inputs, 3);
      const [grad] = tf.gradients(values, [inputs], {
        gradYs: [
          tf.constant(
            [
              [1, 2, 3],
              [4, 5, 6],
            ],
            "float32",
          ),
        ],
      }) as tf.Tensor[];
      const out = new tf.Session().run(grad, new Map([[inputs, f32([2, 5], [2, -1, 1000, 3, 4, 1, 5, 2, 4, 3])]]));
      expect(out.toArray()).toEqual([
        [0, 0, 1, 3, 2],
        [0, 4, 0, 5, 6],
      ]);
      expect(grad.op.name).toBe("gradients/TopKV2_grad/Reshape_3");
      const gradOps = names(g).filter((n) => n.startsWith("gradients/TopKV2_grad/"));
      expect(gradOps).toContain("gradients/TopKV2_grad/ScatterNd:ScatterNd");
      expect(gradOps).toContain("gradients/TopKV2_grad/range:Range");
    }));

  it("gradient against central differences (float64)", () =>
    checkGradient(
      ([x]) => tf.nn.topK(x, 2)[0],
      [new tf.NDArray("float64", [2, 3], Float64Array.from([0.5, -1, 2, 3, 1.5, -2]))],
      {
        tolerance: 1e-8,
      },
    ));
});

describe("sort_ops_test.py SortTest", () => {
  const next = seeded(7);
  const values = Array.from({ length: 24 }, () => next());
  const x = () => f32([2, 3, 4], values);
  const npSort = (axis: number, descending: boolean, arg: boolean) => {
    const shape = [2, 3, 4];
    const strides = [12, 4, 1];
    const out = new Array<number>(24);
    for (let flat = 0; flat < 24; flat++) {
      const idx = shape.map((d, i) => Math.floor(flat / strides[i]) % d);
      if (idx[axis] !== 0) continue;
      const line = Array.from({ length: shape[axis] }, (_, j) => flat + j * strides[axis]);
      const order = line
        .map((_, j) => j)
        .sort((a, b) => (descending ? values[line[b]] - values[line[a]] : values[line[a]] - values[line[b]]));
      order.forEach((o, j) => {
        out[line[j]] = arg ? o : Math.fround(values[line[o]]);
      });
    }
    return out;
  };

  for (const axis of [0, 1, 2, -1]) {
    it(`testRandom / argsort: axis ${axis}, both directions`, () =>
      inGraph(() => {
        const a = axis < 0 ? axis + 3 : axis;
        for (const direction of ["ASCENDING", "DESCENDING"]) {
          const s = tf.sort(x(), axis, direction);
          const as = tf.argsort(x(), { axis, direction });
          expect(s.shape).toEqual([2, 3, 4]);
          expect(Array.from(new tf.Session().run(s).data as Float32Array)).toEqual(
            npSort(a, direction === "DESCENDING", false),
          );
          expect(Array.from(new tf.Session().run(as).data as Int32Array)).toEqual(
            npSort(a, direction === "DESCENDING", true),
          );
        }
      }));
  }

  it("names: sort/Neg, sort/TopKV2, sort/Neg_1; a transposition for an inner axis", () =>
    inGraph((g) => {
      const s = tf.sort([3, 1, 2]);
      expect(run(s)).toEqual([1, 2, 3]);
      expect(names(g)).toEqual([
        "sort/axis:Const",
        "sort/values:Const",
        "sort/Neg:Neg",
        "sort/Shape:Const",
        "sort/strided_slice/stack:Const",
        "sort/strided_slice/stack_1:Const",
        "sort/strided_slice/stack_2:Const",
        "sort/strided_slice:StridedSlice",
        "sort/Rank:Const",
        "sort/TopKV2:TopKV2",
        "sort/Neg_1:Neg",
      ]);
      const a = tf.argsort(
        [
          [3, 1],
          [2, 4],
        ],
        0,
        "DESCENDING",
      );
      expect(run(a)).toEqual([
        [0, 1],
        [1, 0],
      ]);
      expect(a.op.name).toBe("argsort/transpose_1");
      expect(g.getOperationByName("argsort/transposition")?.type).toBe("Const");
    }));

  it("testInvalidDirection and a non-constant axis", () =>
    inGraph(() => {
      expect(() => tf.sort([1, 2], -1, "Nope")).toThrow("Nope should be one of ASCENDING, DESCENDING");
      expect(() => tf.sort([1, 2], tf.placeholder("int32", []))).toThrow("axis must be a constant scalar");
    }));
});
