// array_ops_test.py SequenceMaskTest and BooleanMaskTest (TF 1.15) in graph mode: values against numpy masking
// written out here, static shapes, TF's messages, and the graphs sequence_mask / boolean_mask build.
import { describe, expect, it } from "vitest";
import { seeded } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";
import { inGraph, names, run } from "../scopes/test-helpers";

describe("array_ops_test.py SequenceMaskTest", () => {
  const expected135 = [
    [true, false, false, false, false],
    [true, true, true, false, false],
    [true, true, false, false, false],
  ];

  it("testExceptions", () =>
    inGraph(() =>
      expect(() => tf.sequenceMask([10, 20], [10, 20])).toThrow("maxlen must be scalar for sequence_mask"),
    ));

  it("testOneDimensionalWithMaxlen: TF's graph under SequenceMask/", () =>
    inGraph((g) => {
      const res = tf.sequenceMask(tf.constant([1, 3, 2]), 5);
      expect(res.shape).toEqual([3, 5]);
      expect(run(res)).toEqual(expected135);
      expect(names(g)).toEqual([
        "Const:Const",
        "SequenceMask/Const:Const",
        "SequenceMask/Const_1:Const",
        "SequenceMask/Const_2:Const",
        "SequenceMask/Range:Range",
        "SequenceMask/ExpandDims/dim:Const",
        "SequenceMask/ExpandDims:ExpandDims",
        "SequenceMask/Cast:Cast",
        "SequenceMask/Less:Less",
      ]);
    }));

  it("testOneDimensionalDtypeWithoutMaxlen: float32, maxlen max(lengths)", () =>
    inGraph((g) => {
      const res = tf.sequenceMask(tf.constant([0, 1, 4]), { dtype: "float32" });
      expect(res.shape).toEqual([3, 4]);
      expect(res.dtype.name).toBe("float32");
      expect(run(res)).toEqual([
        [0, 0, 0, 0],
        [1, 0, 0, 0],
        [1, 1, 1, 1],
      ]);
      expect(names(g)).toEqual([
        "Const:Const",
        "SequenceMask/Const:Const",
        "SequenceMask/Max:Max",
        "SequenceMask/Const_1:Const",
        "SequenceMask/Maximum:Maximum",
        "SequenceMask/Const_2:Const",
        "SequenceMask/Const_3:Const",
        "SequenceMask/Range:Range",
        "SequenceMask/ExpandDims/dim:Const",
        "SequenceMask/ExpandDims:ExpandDims",
        "SequenceMask/Cast:Cast",
        "SequenceMask/Less:Less",
        "SequenceMask/Cast_1:Cast",
      ]);
    }));

  it("testOneDimensionalWithoutMaxlen", () =>
    inGraph(() => {
      const res = tf.sequenceMask(tf.constant([0, 1, 4]));
      expect(res.shape).toEqual([3, 4]);
      expect(run(res)).toEqual([
        [false, false, false, false],
        [true, false, false, false],
        [true, true, true, true],
      ]);
    }));

  it("testTwoDimensional", () =>
    inGraph(() => {
      const res = tf.sequenceMask(tf.constant([[1, 3, 2]]), 5);
      expect(res.shape).toEqual([1, 3, 5]);
      expect(run(res)).toEqual([expected135]);
      const f = tf.sequenceMask(
        tf.constant([
          [0, 1, 4],
          [1, 2, 3],
        ]),
        null,
        "float32",
      );
      expect(f.shape).toEqual([2, 3, 4]);
      expect(run(f)).toEqual([
        [
          [0, 0, 0, 0],
          [1, 0, 0, 0],
          [1, 1, 1, 1],
        ],
        [
          [1, 0, 0, 0],
          [1, 1, 0, 0],
          [1, 1, 1, 0],
        ],
      ]);
    }));

  it("testUnknownShape", () => inGraph(() => expect(tf.sequenceMask(tf.placeholder("int32")).shape).toBeNull()));

  it("testDtypes: int32 / int64 lengths and maxlen", () =>
    inGraph(() => {
      for (const [ld, md] of [
        ["int32", "int32"],
        ["int32", "int64"],
        ["int64", "int32"],
        ["int64", "int64"],
      ] as const) {
        const res = tf.sequenceMask(tf.constant([1, 3, 2], ld), tf.constant(5, md));
        expect(res.shape).toEqual([3, 5]);
        expect(run(res)).toEqual(expected135);
      }
    }));
});

describe("array_ops_test.py BooleanMaskTest", () => {
  const rng = seeded(42);
  const sizeOf = (s: number[]) => s.reduce((a, b) => a * b, 1);

  /** numpy: arr[mask] (axis 0), arr[:, mask] (axis 1), ... over row-major data; returns [values, shape]. */
  function npMask(arr: number[], shape: number[], mask: boolean[], maskShape: number[], axis: number) {
    const outer = sizeOf(shape.slice(0, axis));
    const inner = sizeOf(shape.slice(axis + maskShape.length));
    const kept = mask.flatMap((m, i) => (m ? [i] : []));
    const values: number[] = [];
    for (let o = 0; o < outer; o++) {
      for (const k of kept) {
        for (let i = 0; i < inner; i++) values.push(arr[(o * mask.length + k) * inner + i]);
      }
    }
    return { values, shape: [...shape.slice(0, axis), kept.length, ...shape.slice(axis + maskShape.length)] };
  }

  /** array_ops_test.py: CheckVersusNumpy */
  function checkVersusNumpy(ndimsMask: number, arrShape: number[], makeMask?: (n: number) => boolean[], axis?: number) {
    const make = makeMask ?? ((n: number) => Array.from({ length: n }, () => rng() < 0.5));
    const arr = Array.from({ length: sizeOf(arrShape) }, () => rng());
    const ax = axis ?? 0;
    const maskShape = arrShape.slice(ax, ax + ndimsMask);
    const mask = make(sizeOf(maskShape));
    const expected = npMask(arr, arrShape, mask, maskShape, ax);
    inGraph(() => {
      const masked = tf.booleanMask(
        new tf.NDArray("float64", arrShape, Float64Array.from(arr)),
        new tf.NDArray("bool", maskShape, Uint8Array.from(mask, Number)),
        { axis },
      );
      const leading = axis === undefined ? 1 : axis + 1;
      expect((masked.shape as number[]).slice(leading)).toEqual(expected.shape.slice(leading));
      const out = new tf.Session().run(masked);
      expect(out.shape).toEqual(expected.shape);
      expect(Array.from(out.data as Float64Array)).toEqual(expected.values);
    });
  }

  it("testMaskDim1ArrDim2Axis1 / testMaskDim2ArrDim2Axis1", () => {
    for (const s of [
      [1, 1],
      [2, 2],
      [2, 5],
    ]) {
      checkVersusNumpy(1, s, undefined, 1);
      checkVersusNumpy(2, s, undefined, 1);
    }
  });

  it("testMaskDim1ArrDim1", () => {
    for (const s of [[1], [2], [3], [10]]) checkVersusNumpy(1, s);
  });

  it("testMaskDim1ArrDim2 / testMaskDim2ArrDim2", () => {
    for (const s of [
      [1, 1],
      [2, 2],
      [2, 5],
    ]) {
      checkVersusNumpy(1, s);
      checkVersusNumpy(2, s);
    }
  });

  it("testMaskDim2ArrDim3", () => {
    for (const s of [
      [1, 1, 1],
      [1, 2, 2],
      [2, 2, 1],
    ]) {
      checkVersusNumpy(2, s);
    }
  });

  it("testEmptyInput2D / testEmptyInput1D", () =>
    inGraph(() => {
      const r = tf.booleanMask(tf.zeros([2, 0]), [true, false]);
      expect(r.shape).toEqual([null, 0]);
      expect(new tf.Session().run(r).shape).toEqual([1, 0]);
      const r1 = tf.booleanMask(tf.zeros([0]), tf.zeros([0], "bool"));
      expect(new tf.Session().run(r1).shape).toEqual([0]);
    }));

  it("testEmptyOutput", () => {
    for (let ndimsMask = 1; ndimsMask < 4; ndimsMask++) {
      for (let ndimsArr = ndimsMask; ndimsArr < ndimsMask + 3; ndimsArr++) {
        const shape = Array.from({ length: ndimsArr }, () => 1 + Math.floor(rng() * 4));
        checkVersusNumpy(ndimsMask, shape, (n) => new Array(n).fill(false));
      }
    }
  });

  it("testWorksWithDimensionsEqualToNoneDuringGraphBuild", () =>
    inGraph(() => {
      const phTensor = tf.placeholder("int32", null);
      const phMask = tf.placeholder("bool", [null]);
      const masked = tf.booleanMask(phTensor, phMask);
      const out = new tf.Session().run(
        masked,
        new Map<tf.Tensor, tf.NDArray>([
          [phTensor, new tf.NDArray("int32", [2, 2], Int32Array.from([1, 2, 3, 4]))],
          [phMask, new tf.NDArray("bool", [2], Uint8Array.from([0, 1]))],
        ]),
      );
      expect(out.toArray()).toEqual([[3, 4]]);
    }));

  it("testMaskDimensionsSetToNoneRaises / MoreDims / Scalar / DifferentShape", () =>
    inGraph(() => {
      expect(() => tf.booleanMask(tf.placeholder("int32", [null, 2]), tf.placeholder("bool", null))).toThrow(
        "Number of mask dimensions must be specified, even if some dimensions are None.  E.g. shape=[None] is ok, but shape=None is not.",
      );
      expect(() =>
        tf.booleanMask(
          [1, 2, 3, 4],
          [
            [true, true],
            [false, false],
          ],
        ),
      ).toThrow("Shapes (4,) and (2, 2) are incompatible");
      expect(() => tf.booleanMask(1, true)).toThrow("mask cannot be scalar.");
      expect(() =>
        tf.booleanMask(
          [
            [1, 2],
            [3, 4],
          ],
          [true, true, true],
        ),
      ).toThrow("Shapes (2,) and (3,) are incompatible");
    }));

  it("the graph under boolean_mask/", () =>
    inGraph((g) => {
      const r = tf.booleanMask(
        [
          [1, 2],
          [3, 4],
        ],
        [false, true],
      );
      expect(run(r)).toEqual([[3, 4]]);
      expect(r.op.name).toBe("boolean_mask/GatherV2");
      expect(names(g)).toEqual([
        "boolean_mask/tensor:Const",
        "boolean_mask/mask:Const",
        "boolean_mask/Shape:Const",
        "boolean_mask/strided_slice/stack:Const",
        "boolean_mask/strided_slice/stack_1:Const",
        "boolean_mask/strided_slice/stack_2:Const",
        "boolean_mask/strided_slice:StridedSlice",
        "boolean_mask/Prod/reduction_indices:Const",
        "boolean_mask/Prod:Prod",
        "boolean_mask/Shape_1:Const",
        "boolean_mask/strided_slice_1/stack:Const",
        "boolean_mask/strided_slice_1/stack_1:Const",
        "boolean_mask/strided_slice_1/stack_2:Const",
        "boolean_mask/strided_slice_1:StridedSlice",
        "boolean_mask/Shape_2:Const",
        "boolean_mask/strided_slice_2/stack:Const",
        "boolean_mask/strided_slice_2/stack_1:Const",
        "boolean_mask/strided_slice_2/stack_2:Const",
        "boolean_mask/strided_slice_2:StridedSlice",
        "boolean_mask/concat/values_1:Pack",
        "boolean_mask/concat/axis:Const",
        "boolean_mask/concat:ConcatV2",
        "boolean_mask/Reshape:Reshape",
        "boolean_mask/Reshape_1/shape:Const",
        "boolean_mask/Reshape_1:Reshape",
        "boolean_mask/Where:Where",
        "boolean_mask/Squeeze:Squeeze",
        "boolean_mask/GatherV2/axis:Const",
        "boolean_mask/GatherV2:GatherV2",
      ]);
    }));
});
