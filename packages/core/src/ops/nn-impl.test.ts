// nn_test.py L2NormalizeTest and MomentsTest, nn_batchnorm_test.py BatchNormalizationTest (TF 1.15) in graph mode:
// values against the numpy formulas, gradients against float64 central differences (on smaller inputs than TF's,
// each element costs two Session runs here), and the op names TF's composites build.
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import { expectClose, seeded } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";
import { inGraph, names } from "../scopes/test-helpers";

/** Row-major nested array of `shape` filled by `f(flatIndex)`. */
function filled(shape: number[], f: (i: number) => number): unknown {
  let k = 0;
  const build = (d: number): unknown =>
    d === shape.length ? f(k++) : Array.from({ length: shape[d] }, () => build(d + 1));
  return build(0);
}
const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Reduces `values` of `shape` over `axes` (kept as 1), giving a function of the flat input index. */
function reduceOver(values: number[], shape: number[], axes: number[], f: (xs: number[]) => number) {
  const strides = shape.map((_, i) => size(shape.slice(i + 1)));
  const key = (flat: number) =>
    shape.map((_, d) => (axes.includes(d) ? 0 : Math.floor(flat / strides[d]) % shape[d])).join(",");
  const groups = new Map<string, number[]>();
  values.forEach((v, i) => groups.set(key(i), [...(groups.get(key(i)) ?? []), v]));
  const reduced = new Map([...groups].map(([k, xs]) => [k, f(xs)]));
  return { at: (flat: number) => reduced.get(key(flat)) as number, values: [...reduced.values()] };
}

describe("nn_test.py L2NormalizeTest", () => {
  const xShape = [20, 7, 3];
  const next = seeded(1);
  const xNp = Array.from({ length: size(xShape) }, () => next());
  const l2Normalize = (axes: number[]) => {
    const norm = reduceOver(xNp, xShape, axes, (xs) => Math.sqrt(xs.reduce((a, v) => a + v * v, 0)));
    return xNp.map((v, i) => v / norm.at(i));
  };

  it("testL2Normalize: each axis", () =>
    inGraph(() => {
      for (let dim = 0; dim < xShape.length; dim++) {
        const x = tf.constant(filled(xShape, (i) => xNp[i]) as number[], { name: "x" });
        const y = tf.nn.l2Normalize(x, dim);
        expectClose(new tf.Session().run(y).data as Float32Array, l2Normalize([dim]), 1e-6);
      }
    }));

  it("testL2NormalizeDimArray", () =>
    inGraph(() => {
      const x = tf.constant(filled(xShape, (i) => xNp[i]) as number[], { name: "x" });
      expectClose(new tf.Session().run(tf.nn.l2Normalize(x, [1, 2])).data as Float32Array, l2Normalize([1, 2]), 1e-6);
    }));

  it("testL2NormalizeGradient: each axis (a [4, 3, 2] input)", () => {
    const shape = [4, 3, 2];
    const g = seeded(2);
    const x = filled(shape, () => g()) as number[];
    for (let dim = 0; dim < shape.length; dim++) {
      checkGradient(([t]) => tf.nn.l2Normalize(t, dim), [x], { tolerance: 1e-6 });
    }
  });

  it("names: Square, Sum, Maximum, Rsqrt and the Mul named `l2_normalize`; epsilon, dim, name", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [2, 3], "x");
      const y = tf.nn.l2Normalize(x, 1);
      expect(y.name).toBe("l2_normalize:0");
      expect(names(g)).toEqual([
        "x:Placeholder",
        "l2_normalize/Square:Square",
        "l2_normalize/Sum/reduction_indices:Const",
        "l2_normalize/Sum:Sum",
        "l2_normalize/Maximum/y:Const",
        "l2_normalize/Maximum:Maximum",
        "l2_normalize/Rsqrt:Rsqrt",
        "l2_normalize:Mul",
      ]);
      expect(g.getOperationByName("l2_normalize/Sum").attrs.keep_dims).toBe(true);
      const eps = (t: tf.Tensor) =>
        Number((g.getOperationByName(`${t.op.name}/Maximum/y`).attrs.value as tf.NDArray).item());
      expect(eps(y)).toBeCloseTo(1e-12, 20);
      const z = tf.nn.l2Normalize(x, { dim: 0, epsilon: 1e-4, name: "norm" });
      expect([z.name, eps(z)]).toEqual(["norm:0", Math.fround(1e-4)]);
      expect(tf.nn.l2Normalize(x, 0, 0.5, "pos").name).toBe("pos:0");
      expect(() => tf.nn.l2Normalize(x, 0, { dim: 1 })).toThrow("Cannot specify both 'dim' and 'axis'");
      // all axes when none is given
      const all = tf.nn.l2Normalize(tf.constant([3, 4], { dtype: tf.float32 }));
      expectClose(new tf.Session().run(all).data as Float32Array, [0.6, 0.8]);
    }));
});

describe("nn_test.py MomentsTest", () => {
  function doOutputTest(inputShape: number[], axes: number[], checkGradients = false) {
    const next = seeded(inputShape.length * 10 + axes.length);
    for (const mu of [0.0, 1.0, 1e3]) {
      for (const sigma of [1.0, 0.1]) {
        for (const keepDims of [true, false]) {
          const input = Array.from({ length: size(inputShape) }, () => next() * sigma + mu);
          const stored = Array.from(Float32Array.from(input));
          const meanOf = reduceOver(stored, inputShape, axes, (xs) => xs.reduce((a, b) => a + b, 0) / xs.length);
          const varOf = reduceOver(stored, inputShape, axes, (xs) => {
            const m = xs.reduce((a, b) => a + b, 0) / xs.length;
            return xs.reduce((a, v) => a + (v - m) * (v - m), 0) / xs.length;
          });
          inGraph(() => {
            const inputs = tf.constant(filled(inputShape, (i) => input[i]) as number[], { dtype: tf.float32 });
            const [mean, variance] = tf.nn.moments(inputs, axes, { keepDims });
            const kept = inputShape.map((d, i) => (axes.includes(i) ? 1 : d));
            expect(mean.shape).toEqual(keepDims ? kept : inputShape.filter((_, i) => !axes.includes(i)));
            const [m, v] = new tf.Session().run([mean, variance]) as tf.NDArray[];
            // TF's tolerance: rtol = atol = 1e-4.
            expectClose(m.data as Float32Array, meanOf.values, 1e-4);
            expectClose(v.data as Float32Array, varOf.values, 1e-4);
          });
          if (checkGradients && mu === 0 && sigma === 1) {
            const x = filled(inputShape, (i) => input[i]) as number[];
            checkGradient(([t]) => tf.nn.moments(t, axes, { keepDims })[0], [x]);
            checkGradient(([t]) => tf.nn.moments(t, axes, { keepDims })[1], [x]);
          }
        }
      }
    }
  }
  it("testOutputAndGradient2DInput0 ([4, 3] here)", () => doOutputTest([4, 3], [0], true));
  it("testOutputAndGradient2DInput01 ([4, 3] here)", () => doOutputTest([4, 3], [0, 1], true));
  it("testOutput2DInput0 / 1 / 01 ([10, 300])", () => {
    doOutputTest([10, 300], [0]);
    doOutputTest([10, 300], [1]);
    doOutputTest([10, 300], [0, 1]);
  });
  it("testOutput4DInput0 / 1 / 3 / 012 / 123 ([4, 5, 3, 6] here; TF's [10, 10, 10, 30] is slow in plain TS)", () => {
    for (const axes of [[0], [1], [3], [0, 1, 2], [1, 2, 3]]) doOutputTest([4, 5, 3, 6], axes);
  });

  it("names: mean, StopGradient, SquaredDifference, variance, Squeeze; positional shift/name/keepDims", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [4, 3], "x");
      const [mean, variance] = tf.nn.moments(x, [0]);
      expect([mean.name, variance.name, mean.shape, variance.shape]).toEqual([
        "moments/Squeeze:0",
        "moments/Squeeze_1:0",
        [3],
        [3],
      ]);
      expect(names(g)).toEqual([
        "x:Placeholder",
        "moments/mean/reduction_indices:Const",
        "moments/mean:Mean",
        "moments/StopGradient:StopGradient",
        "moments/SquaredDifference:SquaredDifference",
        "moments/variance/reduction_indices:Const",
        "moments/variance:Mean",
        "moments/Squeeze:Squeeze",
        "moments/Squeeze_1:Squeeze",
      ]);
      const [m2] = tf.nn.moments(x, [0, 1], null, "stats", true);
      expect([m2.name, m2.shape]).toEqual(["stats/mean:0", [1, 1]]);
      expect(tf.nn.moments(x, 1, { keepdims: true })[1].name).toBe("moments_1/variance:0");
      expect(() => tf.nn.moments(x, 0, { keepDims: true, keepdims: true })).toThrow(
        "Cannot specify both 'keep_dims' and 'keepdims'",
      );
    }));
});

describe("nn_batchnorm_test.py BatchNormalizationTest", () => {
  /** _npBatchNorm: (x - m) / sqrt(v + eps) * gamma + beta over the last axis. */
  function npBatchNorm(
    x: number[],
    depth: number,
    m: number[],
    v: number[],
    beta: number[] | null,
    gamma: number[] | null,
    eps: number,
  ) {
    return x.map((xv, i) => {
      const c = i % depth;
      const y = (xv - m[c]) / Math.sqrt(v[c] + eps);
      return y * (gamma ? gamma[c] : 1) + (beta ? beta[c] : 0);
    });
  }
  const xShape = [3, 5, 4, 2];
  const next = seeded(7);
  const xVal = Array.from({ length: size(xShape) }, () => next() * 2 - 1);
  const mVal = [next(), next()];
  const vVal = [next() + 0.1, next() + 0.1];
  const betaVal = [next(), next()];
  const gammaVal = [next() + 0.5, next() + 0.5];
  const eps = 0.001;

  it("testBatchNorm: values, with and without offset and scale (float32)", () =>
    inGraph(() => {
      const x = tf.constant(filled(xShape, (i) => xVal[i]) as number[], { dtype: tf.float32 });
      const c = (v: number[]) => tf.constant(v, { dtype: tf.float32 });
      for (const [beta, gamma] of [
        [betaVal, gammaVal],
        [null, gammaVal],
        [betaVal, null],
        [null, null],
      ]) {
        const y = tf.nn.batchNormalization(x, c(mVal), c(vVal), beta && c(beta), gamma && c(gamma), eps);
        expectClose(
          new tf.Session().run(y).data as Float32Array,
          npBatchNorm(xVal, 2, mVal, vVal, beta, gamma, eps),
          1e-5,
        );
      }
    }));

  it("gradients w.r.t. x, mean, variance, offset and scale (float64 central differences)", () => {
    const shape = [3, 2];
    const x = filled(shape, (i) => xVal[i]) as number[];
    checkGradient(
      ([t, m, v, b, s]) => tf.nn.batchNormalization(t, m, v, b, s, eps),
      [x, mVal, vVal, betaVal, gammaVal],
    );
    checkGradient(([t, m, v]) => tf.nn.batchNormalization(t, m, v, null, null, eps), [x, mVal, vVal]);
  });

  it("names: add, Rsqrt, mul, mul_1, mul_2, sub, add_1 (Neg without an offset)", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [4, 2], "x");
      const [m, v, b, s] = ["m", "v", "b", "s"].map((n) => tf.placeholder(tf.float32, [2], n));
      const y = tf.nn.batchNormalization(x, m, v, b, s, 0.001);
      expect(y.name).toBe("batchnorm/add_1:0");
      expect(names(g).slice(5)).toEqual([
        "batchnorm/add/y:Const",
        "batchnorm/add:AddV2",
        "batchnorm/Rsqrt:Rsqrt",
        "batchnorm/mul:Mul",
        "batchnorm/mul_1:Mul",
        "batchnorm/mul_2:Mul",
        "batchnorm/sub:Sub",
        "batchnorm/add_1:AddV2",
      ]);
      expect(g.getOperationByName("batchnorm/mul_1").inputs.map((t) => t.name)).toEqual(["x:0", "batchnorm/mul:0"]);
      expect(g.getOperationByName("batchnorm/sub").inputs.map((t) => t.name)).toEqual(["b:0", "batchnorm/mul_2:0"]);
      const z = tf.nn.batchNormalization(x, m, v, null, null, 0.001, "bn");
      expect(z.name).toBe("bn/add_1:0");
      expect(names(g).filter((n) => n.startsWith("bn/"))).toEqual([
        "bn/add/y:Const",
        "bn/add:AddV2",
        "bn/Rsqrt:Rsqrt",
        "bn/mul:Mul",
        "bn/Neg:Neg",
        "bn/mul_1:Mul",
        "bn/add_1:AddV2",
      ]);
    }));
});
