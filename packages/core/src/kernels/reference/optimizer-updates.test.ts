// training_ops.cc (ApplyAdadelta, ApplyFtrl(V2), ApplyProximalGradientDescent, ApplyProximalAdagrad, ApplyAdagradDA
// and their SparseApply* ops): the reference kernels on rows of several elements (the optimizer tests use rows of
// one), float64, the variable store write-back, and TF's OP_REQUIRES messages.
import { describe, expect, it } from "vitest";
import { float32, float64, int32, int64 } from "../../framework/dtypes";
import { NDArray } from "../../framework/ndarray";
import type { KernelContext } from "../contract";
import { optimizerUpdateKernels as kernels } from "./optimizer-updates";

type OpType = keyof typeof kernels;

const f64 = (shape: number[], values: number[]) => new NDArray(float64, shape, Float64Array.from(values));
const f32 = (shape: number[], values: number[]) => new NDArray(float32, shape, Float32Array.from(values));
const s64 = (x: number) => f64([], [x]);
const i32 = (values: number[]) => new NDArray(int32, [values.length], Int32Array.from(values));
const step = (x: number) => new NDArray(int64, [], BigInt64Array.from([BigInt(x)]));

/** Runs `op` with refs 0..refs.length-1 named v0, v1, ... in a fresh store; the store after the run. */
function run(op: OpType, refs: NDArray[], inputs: NDArray[], uninitialized = false) {
  const store = new Map<string, NDArray>();
  if (!uninitialized) refs.forEach((r, i) => store.set(`v${i}`, r));
  const ctx: KernelContext = {
    opName: `test/${op}`,
    opType: op,
    attrs: { use_locking: false },
    outputDtypes: [refs[0].dtype],
    refName: (i) => (i < refs.length ? `v${i}` : undefined),
    variables: { get: (name) => store.get(name), set: (name, value) => void store.set(name, value) },
  };
  const out = kernels[op]([...refs, ...inputs], ctx)[0];
  return { out, values: refs.map((_, i) => Array.from((store.get(`v${i}`) as NDArray).data as Float64Array)) };
}

const close = (got: number[], want: number[]) => got.forEach((x, i) => expect(x).toBeCloseTo(want[i], 12));

describe("SparseApply* on rows of several elements (flat_outer_dims chips) match the dense update of those rows", () => {
  const var0 = [1, -2, 3, 0.5, 4, -1];
  const grad = [0.3, -0.2, 0.1];
  // Row 1 of a [2, 3] variable against the dense op on that row alone.
  const cases: [OpType, OpType, () => NDArray[], () => NDArray[], () => NDArray[], (dense: NDArray[]) => NDArray[]][] =
    [
      [
        "SparseApplyAdadelta",
        "ApplyAdadelta",
        () => [
          f64([2, 3], var0),
          f64([2, 3], [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]),
          f64([2, 3], [0.2, 0.1, 0, 0.3, 0.2, 0.1]),
        ],
        () => [s64(0.5), s64(0.9), s64(1e-6)],
        () => [f64([1, 3], grad), i32([1])],
        (scalars) => [...scalars, f64([3], grad)],
      ],
      [
        "SparseApplyProximalAdagrad",
        "ApplyProximalAdagrad",
        () => [f64([2, 3], var0), f64([2, 3], [0.1, 0.2, 0.3, 0.4, 0.5, 0.6])],
        () => [s64(0.5), s64(0.01), s64(0.2)],
        () => [f64([1, 3], grad), i32([1])],
        (scalars) => [...scalars, f64([3], grad)],
      ],
      [
        "SparseApplyProximalGradientDescent",
        "ApplyProximalGradientDescent",
        () => [f64([2, 3], var0)],
        () => [s64(0.5), s64(0.01), s64(0.2)],
        () => [f64([1, 3], grad), i32([1])],
        (scalars) => [...scalars, f64([3], grad)],
      ],
    ];
  for (const [sparseOp, denseOp, refs, scalars, sparseTail, denseTail] of cases) {
    it(`${sparseOp} row 1 of [2,3] = ${denseOp} on that row; row 0 untouched`, () => {
      const sparse = run(sparseOp, refs(), [...scalars(), ...sparseTail()]);
      const rows = refs().map((r) => f64([3], Array.from(r.data as Float64Array).slice(3)));
      const dense = run(denseOp, rows, denseTail(scalars()));
      sparse.values.forEach((v, k) => {
        expect(v.slice(0, 3)).toEqual(Array.from(refs()[k].data as Float64Array).slice(0, 3));
        close(v.slice(3), dense.values[k]);
      });
      expect(sparse.out.dtype).toBe(float64);
    });
  }

  for (const shrinkage of [false, true]) {
    const [sparseOp, denseOp]: [OpType, OpType] = shrinkage
      ? ["SparseApplyFtrlV2", "ApplyFtrlV2"]
      : ["SparseApplyFtrl", "ApplyFtrl"];
    for (const lrPower of [-0.5, -0.3]) {
      it(`${sparseOp} (lr_power ${lrPower}) row 1 of [2,3] = ${denseOp} on that row`, () => {
        const refs = () => [
          f64([2, 3], var0),
          f64([2, 3], [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]),
          f64([2, 3], [0.05, -0.02, 0.001, 0.2, -0.3, 0.0005]),
        ];
        const scalars = [s64(0.5), s64(0.2), s64(0.2), ...(shrinkage ? [s64(0.1)] : []), s64(lrPower)];
        const sparse = run(sparseOp, refs(), [f64([1, 3], grad), i32([1]), ...scalars]);
        const rows = refs().map((r) => f64([3], Array.from(r.data as Float64Array).slice(3)));
        const dense = run(denseOp, rows, [f64([3], grad), ...scalars]);
        sparse.values.forEach((v, k) => close(v.slice(3), dense.values[k]));
        // |linear| <= l1 (0.2) leaves var at 0: the third element's linear stays near 0.1, the first's passes 0.4.
        expect(dense.values[0][2]).toBe(0);
        expect(dense.values[0][0]).not.toBe(0);
      });
    }
  }

  it("SparseApplyAdagradDA: rows of 3 (|ga| / T - l1 form) and of 1 (|ga| - T * l1 form) agree with ApplyAdagradDA", () => {
    for (const l1 of [0, 0.01]) {
      const scalars = [s64(0.5), s64(l1), s64(0.2), step(3)];
      const refs = () => [
        f64([2, 3], var0),
        f64([2, 3], [0.1, -0.2, 0.3, 0.4, -0.5, 0.6]),
        f64([2, 3], [1, 1, 1, 2, 2, 2]),
      ];
      const sparse = run("SparseApplyAdagradDA", refs(), [f64([1, 3], grad), i32([1]), ...scalars]);
      const rows = refs().map((r) => f64([3], Array.from(r.data as Float64Array).slice(3)));
      const dense = run("ApplyAdagradDA", rows, [f64([3], grad), ...scalars]);
      sparse.values.forEach((v, k) => close(v.slice(3), dense.values[k]));
      const flat = refs().map((r) => f64([6], Array.from(r.data as Float64Array)));
      const sparse1 = run("SparseApplyAdagradDA", flat, [f64([3], grad), i32([3, 4, 5]), ...scalars]);
      sparse1.values.forEach((v, k) => close(v.slice(3), dense.values[k]));
    }
  });
});

describe("the kernels' OP_REQUIRES messages (training_ops.cc)", () => {
  const node = "\n\t [[{{node test/";
  it("ApplyFtrl: lr_power is not a scalar (no ': ' in TF's message)", () => {
    const refs = [f32([2], [1, 2]), f32([2], [0.1, 0.1]), f32([2], [0, 0])];
    const scalars = [f32([], [0.5]), f32([], [0]), f32([], [0]), f32([1], [-0.5])];
    expect(() => run("ApplyFtrl", refs, [f32([2], [1, 1]), ...scalars])).toThrow(
      `lr_power is not a scalar[1]${node}ApplyFtrl}}]]`,
    );
  });

  it("SparseApplyFtrl: lr_power is not a non-positive scalar; lr is not a positive scalar", () => {
    const refs = () => [f32([2, 1], [1, 2]), f32([2, 1], [0.1, 0.1]), f32([2, 1], [0, 0])];
    const tail = [f32([1, 1], [1]), i32([0])];
    expect(() => run("SparseApplyFtrl", refs(), [...tail, ...[0.5, 0, 0, 0.5].map((x) => f32([], [x]))])).toThrow(
      "lr_power is not a non-positive scalar: []",
    );
    expect(() => run("SparseApplyFtrl", refs(), [...tail, ...[0, 0, 0, -0.5].map((x) => f32([], [x]))])).toThrow(
      "lr is not a positive scalar: []",
    );
  });

  it("ApplyProximalGradientDescent: var and delta do not have the same shape", () => {
    const scalars = [0.1, 0, 0].map((x) => f32([], [x]));
    expect(() => run("ApplyProximalGradientDescent", [f32([2], [1, 2])], [...scalars, f32([3], [1, 1, 1])])).toThrow(
      "var and delta do not have the same shape[2] [3]",
    );
  });

  it("ApplyAdagradDA: global_step is not a scalar", () => {
    const refs = [f32([2], [1, 2]), f32([2], [0, 0]), f32([2], [0.1, 0.1])];
    const scalars = [0.1, 0, 0].map((x) => f32([], [x]));
    const steps = new NDArray(int64, [2], BigInt64Array.from([1n, 2n]));
    expect(() => run("ApplyAdagradDA", refs, [f32([2], [1, 1]), ...scalars, steps])).toThrow(
      "global_step is not a scalar: [2]",
    );
  });

  it("SparseApplyAdadelta: accum_grad in the shape message; index out of range; var and grad dims", () => {
    const scalars = [1, 0.95, 1e-6].map((x) => f32([], [x]));
    const v = f32([2, 2], [1, 2, 3, 4]);
    expect(() =>
      run("SparseApplyAdadelta", [v, f32([2], [0, 0]), v], [...scalars, f32([1, 2], [1, 1]), i32([0])]),
    ).toThrow("var and accum_grad do not have the same shape[2,2] [2]");
    expect(() => run("SparseApplyAdadelta", [v, v, v], [...scalars, f32([1, 2], [1, 1]), i32([2])])).toThrow(
      "Index 2 at offset 0 in indices is out of range",
    );
    expect(() => run("SparseApplyAdadelta", [v, v, v], [...scalars, f32([1, 3], [1, 1, 1]), i32([0])])).toThrow(
      "var and grad must match in dimension 1",
    );
    expect(() => run("SparseApplyAdadelta", [v, v, v], [...scalars, f32([2, 2], [1, 1, 1, 1]), i32([0])])).toThrow(
      "grad must be the same size as indices in the first dimension.",
    );
  });

  it("SparseApplyProximalGradientDescent: var must be at least 1 dimensional", () => {
    const scalars = [0.1, 0, 0].map((x) => f32([], [x]));
    expect(() =>
      run("SparseApplyProximalGradientDescent", [f32([], [1])], [...scalars, f32([1], [1]), i32([0])]),
    ).toThrow("var must be at least 1 dimensional");
  });

  it("ApplyProximalAdagrad: l1 regularization strength is not a non-negative scalar", () => {
    const scalars = [0.1, -1, 0].map((x) => f32([], [x]));
    expect(() => run("ApplyProximalAdagrad", [f32([1], [1]), f32([1], [0.1])], [...scalars, f32([1], [1])])).toThrow(
      "l1 regularization strength is not a non-negative scalar: []",
    );
  });

  it("an uninitialized variable: FailedPrecondition", () => {
    const scalars = [0.1, 0, 0].map((x) => f32([], [x]));
    expect(() => run("ApplyProximalGradientDescent", [f32([1], [1])], [...scalars, f32([1], [1])], true)).toThrow(
      "Attempting to use uninitialized variables: v0",
    );
  });
});
