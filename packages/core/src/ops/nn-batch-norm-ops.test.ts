// tf.nn.fusedBatchNorm: nn_fused_batchnorm_test.py (BatchNormalizationTest: training and inference values on the
// CPU shapes, gradients), nn_impl.py's graph (names, min_epsilon, empty Consts), common_shape_fns.cc's messages.
import { uniform } from "@scopeflow/test-kit";
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import { expectClose } from "../../../../tools/test-kit/src/index";
import { float64 as f64 } from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import * as tf from "../index";
import { graphSnapshot, inGraph, names } from "../scopes/test-helpers";
import { createOp } from "./op-builder";
import { opDefs } from "./op-defs";

const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const random = (shape: number[], seed: number, dtype: "float32" | "float64" = "float32") =>
  new tf.NDArray(
    dtype,
    shape,
    (dtype === "float32" ? Float32Array : Float64Array).from(uniform(size(shape), seed).map((v) => (v + 1) / 2)),
  );

/** Per-channel mean and biased variance of an NHWC array (nn_impl.moments over [0, 1, 2]), in float64. */
function moments(x: ArrayLike<number>, depth: number) {
  const rest = x.length / depth;
  const mean = new Float64Array(depth);
  const variance = new Float64Array(depth);
  for (let i = 0; i < x.length; i++) mean[i % depth] += x[i] / rest;
  for (let i = 0; i < x.length; i++) variance[i % depth] += (x[i] - mean[i % depth]) ** 2 / rest;
  return { mean, variance, rest };
}

/** nn_fused_batchnorm_test.py: _batch_norm: x * rsqrt(var + eps) * scale + (offset - mean * inv). */
function batchNorm(
  x: ArrayLike<number>,
  mean: ArrayLike<number>,
  variance: ArrayLike<number>,
  offset: ArrayLike<number>,
  scale: ArrayLike<number>,
  eps: number,
) {
  const depth = mean.length;
  return Float64Array.from(x, (v, i) => {
    const c = i % depth;
    const inv = scale[c] / Math.sqrt(variance[c] + eps);
    return v * inv + (offset[c] - mean[c] * inv);
  });
}

describe("nn_impl.py: fused_batch_norm builds one FusedBatchNormV3 (TF 1.15)", () => {
  it("training: x, scale, offset converted before any scope, empty float32 Consts for mean and variance", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [null, 4, 5, 3], "x");
      const [y, mean, variance] = tf.nn.fusedBatchNorm(x, [1.5, 2, 3], [0.5, 0, 0]);
      expect(names(g)).toEqual([
        "x:Placeholder",
        "scale:Const",
        "offset:Const",
        "Const:Const",
        "Const_1:Const",
        "FusedBatchNormV3:FusedBatchNormV3",
      ]);
      const op = y.op;
      expect(op.inputs.map((t) => [t.name, t.shape])).toEqual([
        ["x:0", [null, 4, 5, 3]],
        ["scale:0", [3]],
        ["offset:0", [3]],
        ["Const:0", [0]],
        ["Const_1:0", [0]],
      ]);
      expect(op.attrs).toEqual({
        T: tf.float32,
        U: tf.float32,
        epsilon: 0.001,
        data_format: "NHWC",
        is_training: true,
      });
      expect(op.outputs.map((t) => [t.name, t.dtype.name, t.shape])).toEqual([
        ["FusedBatchNormV3:0", "float32", [null, 4, 5, 3]],
        ["FusedBatchNormV3:1", "float32", [3]],
        ["FusedBatchNormV3:2", "float32", [3]],
        ["FusedBatchNormV3:3", "float32", [3]],
        ["FusedBatchNormV3:4", "float32", [3]],
        ["FusedBatchNormV3:5", "float32", null],
      ]);
      expect([mean, variance]).toEqual([op.outputs[1], op.outputs[2]]);
    }));

  it("inference: mean and variance positionally or by name; epsilon clamped to min_epsilon 1.001e-5; NCHW", () =>
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [2, 3, 4, 5], "x");
      const v = tf.placeholder(tf.float32, [3], "v");
      const [y] = tf.nn.fusedBatchNorm(x, v, v, v, v, { isTraining: false, dataFormat: "NCHW", name: "bn" });
      expect([y.name, y.shape, y.op.attrs.is_training, y.op.attrs.data_format]).toEqual([
        "bn:0",
        [2, 3, 4, 5],
        false,
        "NCHW",
      ]);
      const [z] = tf.nn.fusedBatchNorm(x, v, v, {
        mean: [0, 0, 0.5],
        variance: v,
        epsilon: 1e-7,
        isTraining: false,
        dataFormat: "NCHW",
      });
      expect(z.op.inputs[3].name).toBe("FusedBatchNormV3/mean:0");
      expect(z.op.attrs.epsilon).toBe(1.001e-5);
      expect(
        tf.nn.fusedBatchNorm(tf.placeholder(tf.float32, [1, 2, 2, 3]), v, v, { epsilon: 0.01 })[0].op.attrs.epsilon,
      ).toBe(0.01);
    }));

  it("raises TF's ValueError, TypeErrors and shape-function errors, leaving the graph as it was", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [2, 4, 4, 3], "x");
      const s = tf.placeholder(tf.float32, [3], "s");
      const before = graphSnapshot(g);
      expect(() => tf.nn.fusedBatchNorm(x, s, s, { mean: s, variance: s })).toThrow(
        new tf.errors.ValueError("Both 'mean' and 'variance' must be None if is_training is True."),
      );
      expect(() => tf.nn.fusedBatchNorm(tf.placeholder(tf.float64, [2, 4, 4, 3]), s, s)).toThrow(
        new TypeError(
          "Value passed to parameter 'x' has DataType float64 not in list of allowed values: float16, bfloat16, float32",
        ),
      );
      expect(() => tf.nn.fusedBatchNorm(x, tf.placeholder(tf.float64, [3]), s)).toThrow(
        "Value passed to parameter 'scale' has DataType float64 not in list of allowed values: float32",
      );
      expect(() => tf.nn.fusedBatchNorm(x, s, tf.placeholder(tf.float64, [3]))).toThrow(
        "Input 'offset' of 'FusedBatchNormV3' Op has type float64 that does not match type float32 of argument 'scale'.",
      );
      expect(() => tf.nn.fusedBatchNorm(tf.placeholder(tf.float32, [2, 4, 3]), s, s)).toThrow(
        "Shape must be rank 4 but is rank 3 for 'FusedBatchNormV3' (op: 'FusedBatchNormV3') with input shapes: [2,4,3], [3], [3], [0], [0].",
      );
      expect(() => tf.nn.fusedBatchNorm(x, tf.placeholder(tf.float32, [2]), s)).toThrow(
        "Dimensions must be equal, but are 3 and 2 for 'FusedBatchNormV3' (op: 'FusedBatchNormV3') with input shapes: [2,4,4,3], [2], [3], [0], [0].",
      );
      expect(() => tf.nn.fusedBatchNorm(x, s, s, { isTraining: false })).toThrow(
        "Dimensions must be equal, but are 3 and 0 for 'FusedBatchNormV3' (op: 'FusedBatchNormV3') with input shapes: [2,4,4,3], [3], [3], [0], [0].",
      );
      expect(() => tf.nn.fusedBatchNorm(x, s, s, { dataFormat: "NDHWC" })).toThrow(
        `Attr 'data_format' of 'FusedBatchNormV3' Op passed string 'NDHWC' not in: "NHWC", "NCHW".`,
      );
      const after = graphSnapshot(g);
      expect(after.ops.filter((n) => n !== "Placeholder" && !n.startsWith("Placeholder_"))).toEqual(before.ops);
      expect(after.nextConst).toBe(before.nextConst);
    }));
});

describe("nn_fused_batchnorm_test.py BatchNormalizationTest (CPU: NHWC, float32)", () => {
  const epsilon = 0.001;
  const training = (xShape: number[]) =>
    inGraph(() => {
      const depth = xShape[3];
      const xv = random(xShape, 1);
      const sv = random([depth], 2);
      const ov = random([depth], 3);
      const [y, mean, variance] = tf.nn.fusedBatchNorm(
        tf.constant(xv, { name: "x" }),
        tf.constant(sv),
        tf.constant(ov),
        {
          epsilon,
          isTraining: true,
        },
      );
      const [yv, mv, vv] = new tf.Session().run([y, mean, variance]);
      const ref = moments(xv.data as Float32Array, depth);
      expectClose(
        yv.data as Float32Array,
        batchNorm(
          xv.data as Float32Array,
          ref.mean,
          ref.variance,
          ov.data as Float32Array,
          sv.data as Float32Array,
          epsilon,
        ),
        1e-5,
      );
      expectClose(mv.data as Float32Array, ref.mean, 1e-6);
      // Bessel's correction: batch_variance is the sample variance, n / max(n - 1, 1) times the moments' one.
      const adjust = ref.rest / Math.max(ref.rest - 1, 1);
      expectClose(
        vv.data as Float32Array,
        ref.variance.map((v) => v * adjust),
        1e-6,
      );
    });
  const inference = (xShape: number[]) =>
    inGraph(() => {
      const depth = xShape[3];
      const [xv, sv, ov, mv, vv] = [random(xShape, 4), ...[5, 6, 7, 8].map((seed) => random([depth], seed))];
      const [y] = tf.nn.fusedBatchNorm(xv, sv, ov, mv, vv, { epsilon, isTraining: false });
      const out = new tf.Session().run(y);
      const expected = batchNorm(
        xv.data as Float32Array,
        mv.data as Float32Array,
        vv.data as Float32Array,
        ov.data as Float32Array,
        sv.data as Float32Array,
        epsilon,
      );
      expectClose(out.data as Float32Array, expected, 1e-5);
    });
  it("testTrainingShape1 [1, 1, 6, 1]", () => training([1, 1, 6, 1]));
  it("testTrainingShape2 [1, 1, 6, 2]", () => training([1, 1, 6, 2]));
  // testTrainingShape4 / testInferenceShape4's [27, 131, 127, 6], with H and W divided by 10 to keep the suite light.
  it("testTrainingShape4 [27, 13, 12, 6]", () => training([27, 13, 12, 6]));
  it("testInferenceShape1 [1, 1, 6, 1]", () => inference([1, 1, 6, 1]));
  it("testInferenceShape2 [1, 1, 6, 2]", () => inference([1, 1, 6, 2]));
  it("testInferenceShape4 [27, 13, 12, 6]", () => inference([27, 13, 12, 6]));

  it("a single element per channel: batch_variance divides by max(n - 1, 1)", () =>
    inGraph(() => {
      const [, mean, variance] = tf.nn.fusedBatchNorm(tf.constant([[[[2.5, -1]]]]), [1.5, 1], [0.5, 0]);
      const [mv, vv] = new tf.Session().run([mean, variance]);
      expect([Array.from(mv.data as Float32Array), Array.from(vv.data as Float32Array)]).toEqual([
        [2.5, -1],
        [0, 0],
      ]);
    }));
});

/**
 * FusedBatchNormV3 registers T in {half, bfloat16, float}, so tf.nn.fusedBatchNorm rejects float64 as TF does. The
 * float64 finite-difference checks build the op directly (the reference kernels compute in float64 for any dtype);
 * its gradient is built by nn_grad.py's _FusedBatchNormV3Grad as for float32.
 */
function fusedBatchNormF64(inputs: Tensor[], isTraining: boolean, dataFormat = "NHWC"): Tensor {
  const [x, scale, offset] = inputs;
  const empty = () => tf.constant(new tf.NDArray("float64", [0], new Float64Array(0)));
  const mean = isTraining ? empty() : inputs[3];
  const variance = isTraining ? empty() : inputs[4];
  const attrs = { T: f64, U: f64, epsilon: 0.001, data_format: dataFormat, is_training: isTraining };
  const c = scale.shape?.[0] ?? null;
  return createOp(opDefs.FusedBatchNormV3, [x, scale, offset, mean, variance], {
    attrs,
    shapes: [x.shape, [c], [c], [c], [c], null],
  }).outputs[0];
}

describe("_FusedBatchNormV3Grad (nn_grad.py) against float64 central differences", () => {
  const tol = { tolerance: 1e-6 };
  for (const xShape of [
    [1, 1, 6, 1],
    [1, 1, 6, 2],
    [2, 3, 2, 3],
  ]) {
    const depth = xShape[3];
    it(`testBatchNormGradShape: training, x ${JSON.stringify(xShape)} (x, scale, offset)`, () => {
      const report = checkGradient(
        (xs) => fusedBatchNormF64(xs, true),
        [random(xShape, 9, "float64"), random([depth], 10, "float64"), random([depth], 11, "float64")],
        tol,
      );
      expect(report.unconnected).toEqual([false, false, false]);
    });
    it(`testBatchNormGradShape: inference, x ${JSON.stringify(xShape)} (x, scale, offset; none for mean, variance)`, () => {
      const report = checkGradient(
        (xs) => fusedBatchNormF64(xs, false),
        [xShape, [depth], [depth], [depth], [depth]].map((s, i) => random(s, 12 + i, "float64")),
        { ...tol, assert: false },
      );
      expect(report.unconnected).toEqual([false, false, false, true, true]);
      // mean and variance get no gradient (None in TF); x, scale and offset match the central differences.
      for (let i = 0; i < 3; i++) expectClose(report.symbolic[i], report.numeric[i], 1e-6);
    });
  }

  it("names the gradient ops: training builds one FusedBatchNormGradV3 on the reserve spaces", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [2, 2, 2, 3], "x");
      const s = tf.placeholder(tf.float32, [3], "s");
      const [y] = tf.nn.fusedBatchNorm(x, s, s);
      const before = g.getOperations().length;
      const [dx, ds] = tf.gradients(y, [x, s]) as Tensor[];
      const grad = g.getOperationByName("gradients/FusedBatchNormV3_grad/FusedBatchNormGradV3");
      expect(
        names(g)
          .slice(before)
          .filter((n) => n.includes("_grad/")),
      ).toEqual(["gradients/FusedBatchNormV3_grad/FusedBatchNormGradV3:FusedBatchNormGradV3"]);
      expect(grad.inputs.map((t) => t.name)).toEqual([
        "gradients/Fill:0",
        "x:0",
        "s:0",
        "FusedBatchNormV3:3",
        "FusedBatchNormV3:4",
        "FusedBatchNormV3:5",
      ]);
      expect(grad.attrs).toEqual({
        T: tf.float32,
        U: tf.float32,
        epsilon: 0.001,
        data_format: "NHWC",
        is_training: true,
      });
      expect(grad.outputs.map((t) => t.shape)).toEqual([[2, 2, 2, 3], [3], [3], [0], [0]]);
      expect([dx.shape, ds.shape]).toEqual([[2, 2, 2, 3], [3]]);
    }));

  it("inference NCHW: x and the gradient transposed to NHWC around an NHWC FusedBatchNormGradV3", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [2, 3, 2, 2], "x");
      const s = tf.placeholder(tf.float32, [3], "s");
      const [y] = tf.nn.fusedBatchNorm(x, s, s, s, s, { isTraining: false, dataFormat: "NCHW" });
      const before = g.getOperations().length;
      const [dx] = tf.gradients(y, [x]) as Tensor[];
      expect(
        names(g)
          .slice(before)
          .filter((n) => n.includes("_grad/")),
      ).toEqual([
        "gradients/FusedBatchNormV3_grad/transpose/perm:Const",
        "gradients/FusedBatchNormV3_grad/transpose:Transpose",
        "gradients/FusedBatchNormV3_grad/transpose_1/perm:Const",
        "gradients/FusedBatchNormV3_grad/transpose_1:Transpose",
        "gradients/FusedBatchNormV3_grad/FusedBatchNormGradV3:FusedBatchNormGradV3",
        "gradients/FusedBatchNormV3_grad/transpose_2/perm:Const",
        "gradients/FusedBatchNormV3_grad/transpose_2:Transpose",
      ]);
      const grad = g.getOperationByName("gradients/FusedBatchNormV3_grad/FusedBatchNormGradV3");
      expect(grad.inputs.map((t) => t.name).slice(3)).toEqual(["s:0", "s:0", "FusedBatchNormV3:5"]);
      expect([grad.attrs.data_format, grad.attrs.is_training]).toEqual(["NHWC", false]);
      expect(grad.outputs.map((t) => t.shape)).toEqual([[2, 2, 2, 3], [3], [3], [3], [3]]);
      expect(dx.shape).toEqual([2, 3, 2, 2]);
    }));
});
