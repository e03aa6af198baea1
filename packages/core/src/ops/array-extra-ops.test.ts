// TF 1.15 tests in graph mode: kernel_tests/init_ops_test.py LinSpaceTest, kernel_tests/manip_ops_test.py (roll)
// RollTest, kernel_tests/broadcast_to_ops_test.py BroadcastToTest: values against numpy written out here, static
// shapes, TF's shape-function and kernel messages, and gradients against float64 central differences.
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import { expectClose, seeded } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";
import { inGraph, names, run } from "../scopes/test-helpers";

const sizeOf = (s: number[]) => s.reduce((a, b) => a * b, 1);
const strides = (s: number[]) => s.map((_, i) => sizeOf(s.slice(i + 1)));
const multi = (flat: number, s: number[]) => strides(s).map((st, i) => Math.floor(flat / st) % s[i]);

describe("init_ops_test.py LinSpaceTest", () => {
  const linSpace = (start: number, stop: number, num: number) =>
    inGraph(() => {
      const t = tf.linspace(start, stop, num, "linspace");
      expect(t.shape).toEqual([num]);
      expect(t.op.name).toBe("linspace");
      expect(t.op.type).toBe("LinSpace");
      return Array.from(new tf.Session().run(t).data as Float32Array);
    });

  it("testPositive", () => {
    expectClose(linSpace(1, 5, 1), [1], 1e-5);
    expectClose(linSpace(1, 5, 2), [1, 5], 1e-5);
    expectClose(linSpace(1, 5, 3), [1, 3, 5], 1e-5);
    expectClose(linSpace(1, 5, 4), [1, 7 / 3, 11 / 3, 5], 1e-5);
  });
  it("testNegative", () => {
    expectClose(linSpace(-1, -5, 1), [-1], 1e-5);
    expectClose(linSpace(-1, -5, 2), [-1, -5], 1e-5);
    expectClose(linSpace(-1, -5, 3), [-1, -3, -5], 1e-5);
    expectClose(linSpace(-1, -5, 4), [-1, -7 / 3, -11 / 3, -5], 1e-5);
  });
  it("testNegativeToPositive", () => {
    expectClose(linSpace(-1, 5, 1), [-1], 1e-5);
    expectClose(linSpace(-1, 5, 2), [-1, 5], 1e-5);
    expectClose(linSpace(-1, 5, 3), [-1, 2, 5], 1e-5);
    expectClose(linSpace(-1, 5, 4), [-1, 1, 3, 5], 1e-5);
  });
  it("testPoint", () => {
    for (const n of [1, 2, 3, 4]) expectClose(linSpace(5, 5, n), new Array(n).fill(5), 1e-5);
  });
  it("testEndpointsAreExact", () => {
    const ends = (xs: number[]) => [xs[0], xs[xs.length - 1]];
    expect(ends(linSpace(0, 1, 42))).toEqual([0, 1]);
    expect(ends(linSpace(-1, 0, 42))).toEqual([-1, 0]);
    expect(ends(linSpace(0.1, 0.2, 4))).toEqual([Math.fround(0.1), Math.fround(0.2)]);
    inGraph(() => {
      const t = tf.linspace(tf.constant(200, "float64"), tf.constant(34, "float64"), 61);
      const v = Array.from(new tf.Session().run(t).data as Float64Array);
      expect(ends(v)).toEqual([200, 34]);
    });
  });
  it("shape-function and kernel messages; not differentiable", () =>
    inGraph(() => {
      expect(() => tf.linspace(1, 5, 0)).toThrow(
        "Requires num > 0: 0 for 'LinSpace' (op: 'LinSpace') with input shapes: [], [], [] and with computed input tensors: input[2] = <0>.",
      );
      expect(() => tf.linspace([1, 2], 5, 3)).toThrow(
        "Shape must be rank 0 but is rank 1 for 'LinSpace' (op: 'LinSpace') with input shapes: [2], [], [].",
      );
      const num = tf.placeholder("int32", []);
      const t = tf.linspace(1, 5, num);
      expect(t.shape).toEqual([null]);
      expect(() => new tf.Session().run(t, new Map([[num, -2]]))).toThrow(
        "Requires num > 0: -2\n\t [[{{node LinSpace}}]]",
      );
      const start = tf.constant(1.5);
      expect(tf.gradients(tf.linspace(start, 5, 3), [start])).toEqual([null]);
    }));
});

describe("manip_ops_test.py RollTest", () => {
  const rng = seeded(11);

  /** np.roll(x, shift, axis) with per-axis shifts summed. */
  function npRoll(x: number[], shape: number[], shift: number | number[], axis: number | number[]) {
    const shifts = typeof shift === "number" ? [shift] : shift;
    const axes = typeof axis === "number" ? [axis] : axis;
    const sums = shape.map(() => 0);
    axes.forEach((a, i) => {
      sums[a < 0 ? a + shape.length : a] += shifts[i];
    });
    const st = strides(shape);
    const out = new Array<number>(x.length);
    x.forEach((v, flat) => {
      const idx = multi(flat, shape).map((d, i) => (((d + sums[i]) % shape[i]) + shape[i]) % shape[i]);
      out[idx.reduce((acc, d, i) => acc + d * st[i], 0)] = v;
    });
    return out;
  }

  function testAll(
    dtype: "int32" | "int64" | "float32" | "float64",
    shape: number[],
    shift: number | number[],
    axis: number | number[],
  ) {
    const n = sizeOf(shape);
    const x = Array.from({ length: n }, () =>
      dtype.startsWith("int") ? Math.floor(rng() * 200) - 100 : Math.fround(rng()),
    );
    inGraph(() => {
      const data =
        dtype === "int64"
          ? BigInt64Array.from(x.map(BigInt))
          : dtype === "int32"
            ? Int32Array.from(x)
            : dtype === "float32"
              ? Float32Array.from(x)
              : Float64Array.from(x);
      const r = tf.roll(new tf.NDArray(dtype, shape, data), shift, axis);
      expect(r.shape).toEqual(shape);
      expect(Array.from(new tf.Session().run(r).data as ArrayLike<number | bigint>, Number)).toEqual(
        npRoll(x, shape, shift, axis),
      );
    });
    if (dtype === "float32") {
      checkGradient(([t]) => tf.roll(t, shift, axis), [new tf.NDArray("float64", shape, Float64Array.from(x))], {
        tolerance: 1e-8,
      });
    }
  }

  it("testIntTypes", () => {
    for (const t of ["int32", "int64"] as const) {
      testAll(t, [5], 3, 0);
      testAll(t, [4, 4, 3], [1, -2, 3], [0, 1, 2]);
      testAll(t, [4, 2, 1, 3], [0, 1, -2], [1, 2, 3]);
    }
  });
  it("testFloatTypes", () => {
    for (const t of ["float32", "float64"] as const) {
      testAll(t, [5], 2, 0);
      testAll(t, [3, 4], [1, 2], [1, 0]);
      testAll(t, [1, 3, 4], [1, 0, -3], [0, 1, 2]);
    }
  });
  it("testNegativeAxis", () => {
    testAll("int32", [5], 3, -1);
    testAll("int32", [4, 4], 3, -2);
    inGraph(() =>
      expect(() => run(tf.roll(tf.zeros([4, 4], "int32"), 3, -10))).toThrow(
        "axis -8 is out of range\n\t [[{{node Roll}}]]",
      ),
    );
  });
  it("testInvalidInputShape / testRollInputMustVectorHigherRaises", () =>
    inGraph(() => {
      expect(() => tf.roll(7, 1, 0)).toThrow(
        "Shape must be at least rank 1 but is rank 0 for 'Roll' (op: 'Roll') with input shapes: [], [], [].",
      );
      const tensor = tf.placeholder("int32");
      expect(() => new tf.Session().run(tf.roll(tensor, 1, 0), new Map([[tensor, 7]]))).toThrow(
        "input must be 1-D or higher",
      );
    }));
  it("testInvalidAxisShape / testRollAxisMustBeScalarOrVectorRaises", () =>
    inGraph(() => {
      const t = [
        [1, 2],
        [3, 4],
      ];
      expect(() => tf.roll(t, [1], [[0, 1]])).toThrow("Shape must be at most rank 1 but is rank 2");
      const axis = tf.placeholder("int32");
      expect(() => new tf.Session().run(tf.roll(t, 1, axis), new Map([[axis, [[0, 1]]]]))).toThrow(
        "axis must be a scalar or a 1-D vector. Found: [1,2]",
      );
    }));
  it("testInvalidShiftShape / testRollShiftMustBeScalarOrVectorRaises", () =>
    inGraph(() => {
      const t = [
        [1, 2],
        [3, 4],
      ];
      expect(() => tf.roll(t, [[0, 1]], [1])).toThrow("Shape must be at most rank 1 but is rank 2");
      const shift = tf.placeholder("int32");
      expect(() => new tf.Session().run(tf.roll(t, shift, 1), new Map([[shift, [[0, 1]]]]))).toThrow(
        "shift must be a scalar or a 1-D vector. Found: [1,2]",
      );
    }));
  it("testInvalidShiftAndAxisNotEqualShape / testRollShiftAndAxisMustBeSameSizeRaises", () =>
    inGraph(() => {
      const t = [
        [1, 2],
        [3, 4],
      ];
      expect(() => tf.roll(t, [1], [0, 1])).toThrow(
        "Dimension 0 in both shapes must be equal, but are 1 and 2. Shapes are [1] and [2].",
      );
      const shift = tf.placeholder("int32");
      expect(() => new tf.Session().run(tf.roll(t, shift, [0, 1]), new Map([[shift, [1]]]))).toThrow(
        "shift and axis must have the same size",
      );
    }));
  it("testRollAxisOutOfRangeRaises", () =>
    inGraph(() => expect(() => run(tf.roll([1, 2], 1, 1))).toThrow("axis 1 is out of range")));
  it("_RollGrad: a Roll of Neg(shift) named under gradients/Roll_grad/", () =>
    inGraph((g) => {
      const x = tf.constant([1.5, 2.5, 3.5]);
      const [dx] = tf.gradients(tf.roll(x, 1, 0), [x], { gradYs: [tf.constant([1, 2, 3], "float32")] }) as tf.Tensor[];
      expect(run(dx)).toEqual([2, 3, 1]);
      expect(names(g).filter((n) => n.startsWith("gradients/Roll_grad/"))).toEqual([
        "gradients/Roll_grad/Neg:Neg",
        "gradients/Roll_grad/Roll:Roll",
      ]);
    }));
});

describe("broadcast_to_ops_test.py BroadcastToTest", () => {
  const rng = seeded(5);

  /** np.broadcast_to(x, out) over row-major data. */
  function npBroadcastTo(x: number[], inShape: number[], out: number[]) {
    const off = out.length - inShape.length;
    const st = strides(inShape);
    return Array.from(
      { length: sizeOf(out) },
      (_, flat) =>
        x[
          multi(flat, out)
            .slice(off)
            .reduce((acc, d, i) => acc + (inShape[i] === 1 ? 0 : d * st[i]), 0)
        ],
    );
  }

  function check(inShape: number[], out: number[]) {
    const x = Array.from({ length: sizeOf(inShape) }, () => Math.floor(rng() * 5));
    inGraph(() => {
      const v = tf.broadcastTo(new tf.NDArray("int32", inShape, Int32Array.from(x)), out);
      expect(v.shape).toEqual(out);
      expect(Array.from(new tf.Session().run(v).data as Int32Array)).toEqual(npBroadcastTo(x, inShape, out));
    });
  }

  it("testBroadcastToBasic / String / Bool", () =>
    inGraph((g) => {
      for (const dtype of ["uint8", "int8", "int16", "int32", "int64"] as const) {
        const v = tf.broadcastTo(tf.constant([1, 2, 3], dtype), [3, 3]);
        expect((run(v) as number[][]).map((r) => r.map(Number))).toEqual([
          [1, 2, 3],
          [1, 2, 3],
          [1, 2, 3],
        ]);
      }
      const decode = (rows: unknown) => (rows as Uint8Array[][]).map((r) => r.map((b) => new TextDecoder().decode(b)));
      expect(decode(run(tf.broadcastTo(tf.constant(["1", "2", "3"]), [3, 3])))).toEqual([
        ["1", "2", "3"],
        ["1", "2", "3"],
        ["1", "2", "3"],
      ]);
      expect(run(tf.broadcastTo(tf.constant([true, false, true]), [3, 3]))).toEqual([
        [true, false, true],
        [true, false, true],
        [true, false, true],
      ]);
      expect(names(g).slice(0, 3)).toEqual(["Const:Const", "BroadcastTo/shape:Const", "BroadcastTo:BroadcastTo"]);
    }));

  it("testBroadcastToShape: [2]*i to [2]*o", () => {
    for (let i = 1; i < 6; i++) for (let o = i; o < 6; o++) check(new Array(i).fill(2), new Array(o).fill(2));
  });
  it("testBroadcastToShapeInnerDim / LargerDim / LargerDim2 / Scalar", () => {
    check([2, 1, 3], [3, 5, 2, 4, 3]);
    check([2, 1, 3, 2, 2, 2], [1, 1, 1, 2, 5, 3, 2, 2, 2]);
    check([2, 1, 3, 2, 2, 2, 1, 1, 1], [1, 1, 1, 2, 5, 3, 2, 2, 2, 3, 3, 3]);
    check([], [3, 3]);
    check([], [2, 3, 4, 1, 1, 1]);
  });
  it("testBroadcastToShapeTypeAndInference: int32 and int64 shapes", () =>
    inGraph(() => {
      for (const dtype of ["int32", "int64"] as const) {
        const v = tf.broadcastTo(tf.constant([1, 2, 3]), tf.constant([3, 3], dtype));
        expect(v.shape).toEqual([3, 3]);
        expect(v.op.attrs.Tidx).toEqual(tf.asDType(dtype));
        expect(run(v)).toEqual([
          [1, 2, 3],
          [1, 2, 3],
          [1, 2, 3],
        ]);
      }
      expect(tf.broadcastTo([1, 2, 3], tf.placeholder("int32", [2])).shape).toEqual([null, 3]);
    }));
  it("testBroadcastToBadOutputShape: the kernel's message; the shape function's", () =>
    inGraph(() => {
      const s = tf.placeholder("int32", [2]);
      const v = tf.broadcastTo(tf.constant([0, 1]), s);
      expect(() => new tf.Session().run(v, new Map([[s, [2, 1]]]))).toThrow(
        "Unable to broadcast tensor of shape [2] to tensor of shape [2,1]\n\t [[{{node BroadcastTo}}]]",
      );
      expect(() => new tf.Session().run(v, new Map([[s, [2, 3]]]))).toThrow("Incompatible shapes: [2] vs. [2,3]");
      expect(() => tf.broadcastTo(tf.constant([0, 1]), [2, 1])).toThrow(
        "Dimensions must be equal, but are 2 and 1 for 'BroadcastTo_1' (op: 'BroadcastTo') with input shapes: [2], [2].",
      );
    }));

  const f64 = (shape: number[], values: number[]) => new tf.NDArray("float64", shape, Float64Array.from(values));
  const twice =
    (to: number[]) =>
    ([x]: tf.Tensor[]) =>
      tf.broadcastTo(x, to).mul(2);
  it("testGradientForScalar / WithSameRank / WithIncreasingRank / WithBroadcastAllDimensions", () => {
    checkGradient(twice([2, 4, 3]), [f64([], [1])], { tolerance: 1e-8 });
    checkGradient(twice([2, 5, 3]), [f64([2, 1, 3], [0, 1, 2, 3, 4, 5])], { tolerance: 1e-8 });
    checkGradient(twice([5, 2, 3]), [f64([2, 1], [1, 2])], { tolerance: 1e-8 });
    checkGradient(twice([5, 2, 3]), [f64([1], [1])], { tolerance: 1e-8 });
  });
  it("testGradientWithLargeDim", () => {
    const inShape = [2, 1, 3, 2, 2, 2, 1, 1, 1];
    checkGradient(
      twice([1, 1, 1, 2, 5, 3, 2, 2, 2, 3, 3, 3]),
      [
        f64(
          inShape,
          Array.from({ length: sizeOf(inShape) }, () => rng() - 0.5),
        ),
      ],
      { tolerance: 1e-6 },
    );
  });
  it("_BroadcastToGrad's names", () =>
    inGraph((g) => {
      const x = tf.constant([[1], [2]], "float32");
      tf.gradients(tf.broadcastTo(x, [2, 3]), [x]);
      expect(names(g).filter((n) => n.startsWith("gradients/BroadcastTo_grad/"))).toEqual([
        "gradients/BroadcastTo_grad/Shape:Const",
        "gradients/BroadcastTo_grad/BroadcastGradientArgs:BroadcastGradientArgs",
        "gradients/BroadcastTo_grad/Sum:Sum",
        "gradients/BroadcastTo_grad/Reshape:Reshape",
      ]);
    }));
});
