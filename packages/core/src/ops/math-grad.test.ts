// math_grad_test.py / array_grad_test.py in spirit: every differentiable math and array op checked against central
// finite differences in float64 (tools/test-kit checkGradient), and the names TF 1.15 gives the gradient ops.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import { registerGradient } from "../gradients/registry";
import * as tf from "../index";
import { arrayGrads } from "./array-grad";
import { mathGrads } from "./math-grad";

// The registry merges the family tables; registering them here keeps this test independent of that wiring.
const undo: (() => void)[] = [];
beforeAll(() => {
  for (const [type, fn] of Object.entries({ ...mathGrads, ...arrayGrads })) undo.push(registerGradient(type, fn));
});
afterAll(() => undo.forEach((u) => u()));

const m23 = [
  [0.5, -1.2, 2.0],
  [1.5, 0.3, -0.7],
];
const pos23 = [
  [0.5, 1.2, 2.0],
  [1.5, 0.3, 0.7],
];
const row3 = [0.4, -0.8, 1.1];

describe("gradient checks (float64, central differences)", () => {
  const cases: [string, (xs: tf.Tensor[]) => tf.Tensor, unknown[]][] = [
    ["Add (broadcast)", ([a, b]) => tf.add(a, b), [m23, row3]],
    ["AddV2 scalar", ([a, b]) => a.add(b), [m23, 2.5]],
    ["Sub (broadcast)", ([a, b]) => tf.subtract(a, b), [m23, [[1], [2]]]],
    ["Mul (broadcast)", ([a, b]) => tf.multiply(a, b), [m23, row3]],
    ["Mul (same shape)", ([a, b]) => tf.multiply(a, b), [m23, pos23]],
    ["RealDiv", ([a, b]) => tf.divide(a, b), [m23, [1.5, 2.0, -0.9]]],
    ["Pow", ([a, b]) => tf.pow(a, b), [pos23, [1.5, 2.0, -0.5]]],
    ["Maximum", ([a, b]) => tf.maximum(a, b), [m23, row3]],
    ["Minimum", ([a, b]) => tf.minimum(a, b), [m23, row3]],
    ["SquaredDifference", ([a, b]) => tf.squaredDifference(a, b), [m23, row3]],
    ["Neg", ([a]) => a.neg(), [m23]],
    ["Square", ([a]) => tf.square(a), [m23]],
    ["Sqrt", ([a]) => tf.sqrt(a), [pos23]],
    ["Rsqrt", ([a]) => tf.rsqrt(a), [pos23]],
    ["Exp", ([a]) => tf.exp(a), [m23]],
    ["Log", ([a]) => tf.log(a), [pos23]],
    ["Log1p", ([a]) => tf.log1p(a), [pos23]],
    ["Abs", ([a]) => tf.abs(a), [m23]],
    ["Reciprocal", ([a]) => tf.reciprocal(a), [pos23]],
    ["AddN", ([a, b]) => tf.addN([a, b, a]), [m23, pos23]],
    [
      "MatMul",
      ([a, b]) => tf.matmul(a, b),
      [
        m23,
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
      ],
    ],
    [
      "MatMul transposes",
      ([a, b]) => tf.matmul(a, b, { transposeA: true, transposeB: true }),
      [
        m23,
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
      ],
    ],
    ["Sum all", ([a]) => tf.reduceSum(a), [m23]],
    ["Sum axis -1 keepDims", ([a]) => tf.reduceSum(a, -1, true), [m23]],
    ["Mean all", ([a]) => tf.reduceMean(a), [m23]],
    ["Mean axis 0", ([a]) => tf.reduceMean(a, 0), [m23]],
    ["Max axis 1", ([a]) => tf.reduceMax(a, 1), [m23]],
    ["Min axis 0", ([a]) => tf.reduceMin(a, [0]), [m23]],
    ["Select", ([a, b]) => tf.where(tf.greater(a, 0), a, b), [m23, pos23]],
    ["Reshape", ([a]) => tf.reshape(a, [3, -1]), [m23]],
    ["Transpose", ([a]) => tf.transpose(a), [m23]],
    ["ConcatV2", ([a, b]) => tf.concat([a, b], -1), [m23, pos23]],
    ["Slice", ([a]) => tf.slice(a, [0, 1], [2, -1]), [m23]],
    [
      "StridedSlice x[:, 1]",
      ([a]) => tf.stridedSlice(a, [0, 1], [0, 2], [1, 1], { beginMask: 1, endMask: 1, shrinkAxisMask: 2 }),
      [m23],
    ],
    ["GatherV2", ([a]) => tf.gather(a, [1, 0, 1]), [m23]],
    ["Tile", ([a]) => tf.tile(a, [2, 1]), [m23]],
    ["ExpandDims / Squeeze", ([a]) => tf.squeeze(tf.expandDims(a, -1)), [m23]],
    ["Pack / Unpack", ([a, b]) => tf.stack([...tf.unstack(a), b], 1), [m23, row3]],
    [
      "Pad",
      ([a]) =>
        tf.pad(a, [
          [1, 0],
          [0, 2],
        ]),
      [m23],
    ],
    ["Identity", ([a]) => tf.identity(a), [m23]],
  ];
  it.each(cases)("%s", (_name, build, inputs) => {
    const report = checkGradient(build, inputs as never);
    expect(report.maxError).toBeLessThan(1e-6);
  });
  it("Cast: float64 -> float32 -> float64 (float32 rounding, so a coarser step)", () => {
    const report = checkGradient(([a]) => tf.cast(tf.cast(a, "float32"), "float64"), [[0.5, 0.25]], {
      delta: 1e-2,
      tolerance: 1e-5,
    });
    expect(report.maxError).toBeLessThan(1e-5);
  });
  it("StopGradient cuts the path: d/dx (x + stop_gradient(x)) is 1", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.placeholder(tf.float64, [2], "x");
      const [dx] = tf.gradients(tf.add(x, tf.stopGradient(x)), [x]);
      expect(new tf.Session().run(dx!, { "x:0": [1, 2] }).toArray()).toEqual([1, 1]);
    });
  });
});

function gradOps(g: tf.Graph): string[] {
  return g
    .getOperations()
    .filter((op) => op.name.startsWith("gradients/"))
    .map((op) => `${op.name}:${op.type}`);
}

describe("gradient op names (TF 1.15)", () => {
  it("math_grad.py _AddGrad with broadcasting: Shape, Shape_1, BroadcastGradientArgs, Sum, Reshape, Sum_1, Reshape_1", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.placeholder(tf.float32, [2, 3], "x");
      const b = tf.placeholder(tf.float32, [3], "b");
      const y = x.add(b);
      tf.gradients(y, [x, b]);
      expect(gradOps(g).filter((n) => n.startsWith("gradients/add_grad/"))).toEqual([
        "gradients/add_grad/Shape:Const",
        "gradients/add_grad/Shape_1:Const",
        "gradients/add_grad/BroadcastGradientArgs:BroadcastGradientArgs",
        "gradients/add_grad/Sum:Sum",
        "gradients/add_grad/Reshape:Reshape",
        "gradients/add_grad/Sum_1:Sum",
        "gradients/add_grad/Reshape_1:Reshape",
      ]);
    });
  });
  it("unknown dims use Shape ops; _MulGrad builds Mul before each Sum", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.placeholder(tf.float32, [null, 3], "x");
      const w = tf.placeholder(tf.float32, [3], "w");
      tf.gradients(tf.multiply(x, w), [x, w]);
      expect(gradOps(g).filter((n) => n.startsWith("gradients/Mul_grad/"))).toEqual([
        "gradients/Mul_grad/Shape:Shape",
        "gradients/Mul_grad/Shape_1:Const",
        "gradients/Mul_grad/BroadcastGradientArgs:BroadcastGradientArgs",
        "gradients/Mul_grad/Mul:Mul",
        "gradients/Mul_grad/Sum:Sum",
        "gradients/Mul_grad/Reshape:Reshape",
        "gradients/Mul_grad/Mul_1:Mul",
        "gradients/Mul_grad/Sum_1:Sum",
        "gradients/Mul_grad/Reshape_1:Reshape",
      ]);
    });
  });
  it("_MeanGrad over all dims: Reshape/shape, Reshape, Const, Tile, Const_1, truediv", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.placeholder(tf.float32, [2, 3], "x");
      tf.gradients(tf.reduceMean(x), [x]);
      expect(gradOps(g).filter((n) => n.startsWith("gradients/Mean_grad/"))).toEqual([
        "gradients/Mean_grad/Reshape/shape:Const",
        "gradients/Mean_grad/Reshape:Reshape",
        "gradients/Mean_grad/Const:Const",
        "gradients/Mean_grad/Tile:Tile",
        "gradients/Mean_grad/Const_1:Const",
        "gradients/Mean_grad/truediv:RealDiv",
      ]);
    });
  });
  it("_SquareGrad: Const, Mul, Mul_1 with a control dependency on the incoming gradient", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.placeholder(tf.float32, [2], "x");
      tf.gradients(tf.square(x), [x]);
      expect(gradOps(g).filter((n) => n.startsWith("gradients/Square_grad/"))).toEqual([
        "gradients/Square_grad/Const:Const",
        "gradients/Square_grad/Mul:Mul",
        "gradients/Square_grad/Mul_1:Mul",
      ]);
      expect(g.getOperationByName("gradients/Square_grad/Const").controlInputs.map((op) => op.name)).toEqual([
        "gradients/Fill",
      ]);
    });
  });
  it("_MatMulGrad: MatMul, MatMul_1 with TF's transposes", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const a = tf.placeholder(tf.float32, [2, 3], "a");
      const b = tf.placeholder(tf.float32, [3, 4], "b");
      tf.gradients(tf.matmul(a, b), [a, b]);
      const ga = g.getOperationByName("gradients/MatMul_grad/MatMul");
      const gb = g.getOperationByName("gradients/MatMul_grad/MatMul_1");
      expect([ga.attrs.transpose_a, ga.attrs.transpose_b, gb.attrs.transpose_a, gb.attrs.transpose_b]).toEqual([
        false,
        true,
        true,
        false,
      ]);
      expect(ga.outputs[0].shape).toEqual([2, 3]);
    });
  });
});
