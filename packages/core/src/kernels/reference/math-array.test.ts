// The shared conformance tables (@scopeflow/test-kit/kernel-cases) on the reference math and array kernels, plus
// run-time errors in TF's words and a property test of the broadcasting index against an independent shape rule.
import {
  arrayCases,
  elementwiseCases,
  type KernelCase,
  matMulCases,
  reduceCases,
  unaryCases,
} from "@scopeflow/test-kit/kernel-cases";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../errors";
import { asDType } from "../../framework/dtypes";
import { NDArray } from "../../framework/ndarray";
import type { Kernel, KernelContext } from "../contract";
import { caseArray } from "../test-case-array";
import { arrayKernels } from "./array";
import { mathKernels } from "./math";
import { broadcastIndex } from "./strided";

const kernels: Record<string, Kernel> = { ...mathKernels, ...arrayKernels };

function ctx(opType: string, attrs: Record<string, unknown> = {}, outputDtypes: string[] = []): KernelContext {
  return {
    opName: opType,
    opType,
    attrs: attrs as KernelContext["attrs"],
    outputDtypes: outputDtypes.map((d) => asDType(d as "float32")),
    refName: () => undefined,
    variables: { get: () => undefined, set: () => {} },
  };
}

function run(c: KernelCase): NDArray[] {
  return kernels[c.op](
    c.inputs.map(caseArray),
    ctx(
      c.op,
      c.attrs,
      c.expected.map((e) => e.dtype),
    ),
  );
}

const all = [...elementwiseCases(), ...unaryCases(), ...reduceCases(), ...matMulCases(), ...arrayCases()].filter(
  (c) => c.op in kernels,
);

describe("reference math/array kernels: conformance tables", () => {
  it("covers the math and array ops of the tables", () => {
    expect(new Set(all.map((c) => c.op)).size).toBeGreaterThan(30);
  });
  it.each(all.map((c) => [`${c.op}: ${c.title}`, c] as const))("%s", (_title, c) => {
    if (c.throws !== undefined) {
      expect(() => run(c)).toThrow(c.throws);
      return;
    }
    const outs = run(c);
    c.expected.forEach((e, i) => {
      expect(outs[i].shape).toEqual(e.shape);
      expect(outs[i].dtype.name).toBe(e.dtype);
      const got = Array.from(outs[i].data as ArrayLike<number | bigint>, Number);
      if (c.tol)
        got.forEach((v, k) =>
          expect(Math.abs(v - e.data[k])).toBeLessThanOrEqual(c.tol! + c.tol! * Math.abs(e.data[k])),
        );
      else expect(got).toEqual(e.data);
    });
  });
});

const f64 = (shape: number[], data: number[]) => new NDArray("float64", shape, new Float64Array(data));
const i32 = (shape: number[], data: number[]) => new NDArray("int32", shape, new Int32Array(data));

describe("reference kernels: values the tables do not cover", () => {
  it("int64 arithmetic is exact past 2^53", () => {
    const big = new NDArray("int64", [1], new BigInt64Array([2n ** 60n + 1n]));
    const [out] = kernels.AddV2([big, new NDArray("int64", [1], new BigInt64Array([1n]))], ctx("AddV2", {}, ["int64"]));
    expect((out.data as BigInt64Array)[0]).toBe(2n ** 60n + 2n);
  });
  it("FloorDiv / FloorMod round toward -inf as Python does", () => {
    const x = i32([4], [7, -7, 7, -7]);
    const y = i32([4], [2, 2, -2, -2]);
    expect(kernels.FloorDiv([x, y], ctx("FloorDiv", {}, ["int32"]))[0].toArray()).toEqual([3, -4, -4, 3]);
    expect(kernels.FloorMod([x, y], ctx("FloorMod", {}, ["int32"]))[0].toArray()).toEqual([1, 1, -1, -1]);
  });
  it("BroadcastGradientArgs lists the dims each side was broadcast along", () => {
    const [r0, r1] = kernels.BroadcastGradientArgs(
      [i32([3], [2, 3, 1]), i32([2], [1, 1])],
      ctx("BroadcastGradientArgs", {}, ["int32", "int32"]),
    );
    expect(r0.toArray()).toEqual([2]);
    expect(r1.toArray()).toEqual([0, 1, 2]);
  });
  it("Reshape infers -1; Tile, Pad, Pack, DynamicStitch, StridedSliceGrad", () => {
    const x = f64([2, 3], [1, 2, 3, 4, 5, 6]);
    expect(kernels.Reshape([x, i32([2], [-1, 2])], ctx("Reshape"))[0].shape).toEqual([3, 2]);
    expect(kernels.Tile([f64([2], [1, 2]), i32([1], [2])], ctx("Tile"))[0].toArray()).toEqual([1, 2, 1, 2]);
    expect(kernels.Pad([f64([1], [5]), i32([1, 2], [1, 2])], ctx("Pad"))[0].toArray()).toEqual([0, 5, 0, 0]);
    expect(kernels.Pack([f64([2], [1, 2]), f64([2], [3, 4])], ctx("Pack", { axis: 1, N: 2 }))[0].toArray()).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(
      kernels
        .DynamicStitch([i32([2], [0, 2]), i32([1], [1]), f64([2], [10, 30]), f64([1], [20])], ctx("DynamicStitch"))[0]
        .toArray(),
    ).toEqual([10, 20, 30]);
    const g = kernels.StridedSliceGrad(
      [i32([2], [2, 3]), i32([2], [0, 1]), i32([2], [0, 3]), i32([2], [1, 1]), f64([2, 2], [1, 2, 3, 4])],
      ctx("StridedSliceGrad", { begin_mask: 1, end_mask: 1 }),
    );
    expect(g[0].toArray()).toEqual([
      [0, 1, 2],
      [0, 3, 4],
    ]);
  });
  it("run-time errors say what TF says", () => {
    expect(() => kernels.AddV2([f64([2], [1, 2]), f64([3], [1, 2, 3])], ctx("AddV2"))).toThrow(
      "Incompatible shapes: [2] vs. [3]",
    );
    expect(() => kernels.Reshape([f64([2, 3], [1, 2, 3, 4, 5, 6]), i32([1], [4])], ctx("Reshape"))).toThrow(
      "Input to reshape is a tensor with 6 values, but the requested shape has 4",
    );
    expect(() => kernels.Reshape([f64([7], [1, 2, 3, 4, 5, 6, 7]), i32([2], [-1, 3])], ctx("Reshape"))).toThrow(
      "Input to reshape is a tensor with 7 values, but the requested shape requires a multiple of 3",
    );
    // reshape_op.h: ReshapeOp::ValidateSizes (before this check, [-1, -1] gave an array of shape [-3, -1])
    expect(() => kernels.Reshape([f64([2, 3], [1, 2, 3, 4, 5, 6]), i32([2], [-1, -1])], ctx("Reshape"))).toThrow(
      new InvalidArgumentError("Only one input size may be -1, not both 0 and 1\n\t [[{{node Reshape}}]]"),
    );
    expect(() => kernels.Reshape([f64([2, 3], [1, 2, 3, 4, 5, 6]), i32([3], [2, -1, -1])], ctx("Reshape"))).toThrow(
      "Only one input size may be -1, not both 1 and 2",
    );
    expect(() => kernels.Reshape([f64([2, 3], [1, 2, 3, 4, 5, 6]), i32([2], [-2, -3])], ctx("Reshape"))).toThrow(
      "Size 0 must be non-negative, not -2",
    );
    expect(() => kernels.GatherV2([f64([3], [1, 2, 3]), i32([2], [0, 5]), i32([], [0])], ctx("GatherV2"))).toThrow(
      "indices[1] = 5 is not in [0, 3)",
    );
    expect(() => kernels.Sum([f64([3], [1, 2, 3]), i32([1], [2])], ctx("Sum"))).toThrow(
      "Invalid reduction dimension (2 for input with 1 dimension(s)",
    );
    expect(() => kernels.FloorDiv([i32([1], [1]), i32([1], [0])], ctx("FloorDiv", {}, ["int32"]))).toThrow(
      "Integer division by zero",
    );
    expect(() =>
      kernels.MatMul([f64([2, 3], [1, 2, 3, 4, 5, 6]), f64([2, 3], [1, 2, 3, 4, 5, 6])], ctx("MatMul")),
    ).toThrow("Matrix size-incompatible: In[0]: [2,3], In[1]: [2,3]");
  });
});

describe("broadcasting (property)", () => {
  // An independent rule: numpy's, written per output coordinate rather than with strides.
  const dim = fc.integer({ min: 1, max: 3 });
  const shapes = fc
    .array(fc.tuple(dim, fc.boolean(), fc.boolean()), { maxLength: 4 })
    .chain((dims) =>
      fc.tuple(fc.constant(dims), fc.integer({ min: 0, max: dims.length }), fc.integer({ min: 0, max: dims.length })),
    );
  it("AddV2 matches element-by-element numpy broadcasting", () => {
    fc.assert(
      fc.property(shapes, ([dims, dropA, dropB]) => {
        const out = dims.map(([d]) => d);
        const a = dims.map(([d, one]) => (one ? 1 : d)).slice(dropA);
        const b = dims.map(([d, , one]) => (one ? 1 : d)).slice(dropB);
        const size = (s: number[]) => s.reduce((p, q) => p * q, 1);
        const xa = f64(
          a,
          Array.from({ length: size(a) }, (_, i) => i + 1),
        );
        const xb = f64(
          b,
          Array.from({ length: size(b) }, (_, i) => 100 * (i + 1)),
        );
        const [sum] = kernels.AddV2([xa, xb], ctx("AddV2"));
        const expectedShape = out.slice(Math.min(dropA, dropB)).map((_d, i, s) => {
          const ia = i - (s.length - a.length);
          const ib = i - (s.length - b.length);
          return Math.max(ia >= 0 ? a[ia] : 1, ib >= 0 ? b[ib] : 1);
        });
        expect(sum.shape).toEqual(expectedShape);
        const at = (arr: NDArray, coord: number[]) => {
          const c = coord.slice(coord.length - arr.rank).map((v, i) => (arr.shape[i] === 1 ? 0 : v));
          let flat = 0;
          c.forEach((v, i) => {
            flat = flat * arr.shape[i] + v;
          });
          return (arr.data as Float64Array)[flat];
        };
        for (let k = 0; k < sum.size; k++) {
          const coord: number[] = [];
          let rest = k;
          for (let d = expectedShape.length - 1; d >= 0; d--) {
            coord.unshift(rest % expectedShape[d]);
            rest = Math.floor(rest / expectedShape[d]);
          }
          expect((sum.data as Float64Array)[k]).toBe(at(xa, coord) + at(xb, coord));
        }
        expect(broadcastIndex(expectedShape, a).length).toBe(sum.size);
      }),
      { numRuns: 200 },
    );
  });
});
