// TF 1.15 tests ported in graph mode: nn_test.py ZeroFractionTest, LogPoissonLossTest, CReluTest; relu_op_test.py
// SeluTest; nn_batchnorm_test.py SufficientStatisticsTest, NormalizeMomentsTest, MomentsTest (weighted);
// nn_xent_test.py WeightedCrossEntropyTest; nn_test.py's relu_layer / xw_plus_b use. Values against numpy formulas
// written out here, gradients against float64 central differences, and the op names TF's composites build.
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import { expectClose, seeded } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";
import { inGraph, names, run } from "../scopes/test-helpers";

const flat = (t: tf.Tensor) => Array.from(new tf.Session({ graph: t.graph }).run(t).data as ArrayLike<number>);
const randn = (n: number, seed: number) => {
  const next = seeded(seed);
  return Array.from({ length: n }, () => {
    const u = Math.max(next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  });
};
const randint = (n: number, lo: number, hi: number, seed: number) => {
  const next = seeded(seed);
  return Array.from({ length: n }, () => lo + Math.floor(next() * (hi - lo)));
};
const nd = (dtype: "float32" | "float64", shape: number[], values: number[]) =>
  new tf.NDArray(dtype, shape, dtype === "float64" ? Float64Array.from(values) : Float32Array.from(values));

describe("nn_test.py ZeroFractionTest", () => {
  it("testZeroFraction: a [5, 17] 0/1 tensor; TF's graph under zero_fraction/", () =>
    inGraph((g) => {
      const xs = randint(85, 0, 2, 3);
      const y = tf.nn.zeroFraction(tf.constant(nd("float32", [5, 17], xs)));
      expect(run(y)).toBeCloseTo(xs.filter((v) => v === 0).length / 85, 7);
      expect(y.op.name).toBe("zero_fraction/fraction");
      expect(y.dtype.name).toBe("float32");
      const ops = names(g);
      for (const op of [
        "zero_fraction/Size:Const", // size_internal(optimize=True): a static size is a Const
        "zero_fraction/LessEqual:LessEqual",
        "zero_fraction/cond/count_nonzero/zeros:Const",
        "zero_fraction/cond/count_nonzero/NotEqual:NotEqual",
        "zero_fraction/cond/count_nonzero/nonzero_count:Sum",
        "zero_fraction/counts_to_fraction/sub:Sub",
        "zero_fraction/counts_to_fraction/truediv:RealDiv",
        "zero_fraction/fraction:Identity",
      ]) {
        expect(ops).toContain(op);
      }
    }));

  it("testZeroFractionEmpty: NaN", () => inGraph(() => expect(run(tf.nn.zeroFraction(tf.zeros([0])))).toBeNaN()));
});

describe("nn_test.py LogPoissonLossTest", () => {
  const x = randn(50, 5);
  const z = randint(50, 0, 5, 6);
  const lpl = (full: boolean) =>
    x.map((xv, i) => {
      const zv = z[i];
      const base = Math.exp(xv) - zv * xv;
      return full && zv > 1 ? base + zv * Math.log(zv) - zv + 0.5 * Math.log(2 * Math.PI * zv) : base;
    });

  it("testLogPoissonLoss: with and without Stirling's approximation", () =>
    inGraph((g) => {
      const y = tf.nn.logPoissonLoss(nd("float32", [5, 10], z), nd("float32", [5, 10], x), false);
      const yFull = tf.nn.logPoissonLoss(nd("float32", [5, 10], z), nd("float32", [5, 10], x), {
        computeFullLoss: true,
      });
      expectClose(flat(y), lpl(false), 1e-3);
      expectClose(flat(yFull), lpl(true), 1e-3);
      expect(y.op.name).toBe("log_poisson_loss/sub");
      expect(yFull.op.name).toBe("log_poisson_loss_1/add_1");
      expect(names(g).filter((n) => n.startsWith("log_poisson_loss_1/"))).toEqual([
        "log_poisson_loss_1/log_input:Const",
        "log_poisson_loss_1/targets:Const",
        "log_poisson_loss_1/Exp:Exp",
        "log_poisson_loss_1/mul:Mul",
        "log_poisson_loss_1/sub:Sub",
        "log_poisson_loss_1/Const:Const",
        "log_poisson_loss_1/Const_1:Const",
        "log_poisson_loss_1/Log:Log",
        "log_poisson_loss_1/mul_1:Mul",
        "log_poisson_loss_1/sub_1:Sub",
        "log_poisson_loss_1/mul_2:Mul",
        "log_poisson_loss_1/Log_1:Log",
        "log_poisson_loss_1/mul_3:Mul",
        "log_poisson_loss_1/add:AddV2",
        "log_poisson_loss_1/zeros_like:Const",
        "log_poisson_loss_1/ones_like/Shape:Const",
        "log_poisson_loss_1/ones_like/Const:Const",
        "log_poisson_loss_1/ones_like:Fill",
        "log_poisson_loss_1/GreaterEqual:GreaterEqual",
        "log_poisson_loss_1/LessEqual:LessEqual",
        "log_poisson_loss_1/LogicalAnd:LogicalAnd",
        "log_poisson_loss_1/Select:Select",
        "log_poisson_loss_1/add_1:AddV2",
      ]);
    }));

  it("testGradient (a [2, 5] input)", () => {
    const zs = nd("float64", [2, 5], z.slice(0, 10));
    const xs = nd("float64", [2, 5], x.slice(0, 10));
    checkGradient(([a]) => tf.nn.logPoissonLoss(zs, a), [xs], { tolerance: 1e-6 });
    checkGradient(([a]) => tf.nn.logPoissonLoss(zs, a, true), [xs], { tolerance: 1e-6 });
  });

  it("mismatched shapes: TF's ValueError", () =>
    inGraph(() =>
      expect(() => tf.nn.logPoissonLoss([1.5, 2, 3], [1.5, 2])).toThrow(
        "log_input and targets must have the same shape ((2,) vs (3,))",
      ),
    ));
});

describe("nn_test.py CReluTest", () => {
  it("test: [3, 4] input, concatenated on the last axis; CRelu and CRelu/Relu", () =>
    inGraph((g) => {
      const x = randn(12, 7);
      const y = tf.nn.crelu(nd("float32", [3, 4], x));
      const expected = [0, 1, 2].flatMap((r) => {
        const row = x.slice(r * 4, r * 4 + 4);
        return [...row.map((v) => Math.max(v, 0)), ...row.map((v) => Math.max(-v, 0))];
      });
      expect(y.shape).toEqual([3, 8]);
      expectClose(flat(y), expected, 1e-6);
      expect(names(g)).toEqual([
        "CRelu/features:Const",
        "CRelu/Neg:Neg",
        "CRelu/axis:Const",
        "CRelu:ConcatV2",
        "CRelu/Relu:Relu",
      ]);
    }));

  it("testCreluAxis: axis 0", () =>
    inGraph(() => {
      const y = tf.nn.crelu([[1, -2]], { axis: 0, name: "c" });
      expect(y.op.name).toBe("c/Relu");
      expect(run(y)).toEqual([
        [1, 0],
        [0, 2],
      ]);
    }));
});

describe("relu_op_test.py SeluTest", () => {
  const scale = 1.0507009873554805;
  const scaleAlpha = 1.7580993408473768;
  const npSelu = (v: number) => (v < 0 ? scaleAlpha * Math.expm1(v) : scale * v);

  it("testNumbers: float32 and float64", () =>
    inGraph(() => {
      const xs = [-9, 7, -5, 3, -1, 1, -3, 5, -7, 9];
      for (const dtype of ["float32", "float64"] as const) {
        const y = tf.nn.selu(nd(dtype, [2, 5], xs));
        expect(y.op.type).toBe("Selu");
        expectClose(flat(y), xs.map(npSelu), dtype === "float32" ? 1e-6 : 1e-12);
      }
      expect(() => tf.nn.selu(tf.constant([1, 2]))).toThrow(
        "Value passed to parameter 'features' has DataType int32 not in list of allowed values: float16, bfloat16, float32, float64",
      );
    }));

  const x = nd("float64", [2, 5], [-0.9, -0.7, -0.5, -0.3, -0.1, 0.1, 0.3, 0.5, 0.7, 0.9]);
  it("testGradientFloat64: SeluGrad named gradients/Selu_grad/SeluGrad", () => {
    checkGradient(([a]) => tf.nn.selu(a), [x], { tolerance: 1e-6 });
    inGraph(() => {
      const a = tf.constant(x);
      const [g] = tf.gradients(tf.nn.selu(a), [a]) as tf.Tensor[];
      expect(g.op.name).toBe("gradients/Selu_grad/SeluGrad");
    });
  });

  it("testGradGradFloat64: d(sum(dy/dx))/dx", () =>
    // relu_op_test.py: testGradGradFloat32 compares the second derivative to central differences of the first.
    checkGradient(([a]) => tf.reduceSum(tf.gradients(tf.nn.selu(a), [a])[0] as tf.Tensor), [x], {
      tolerance: 1e-4,
    }));
});

describe("nn_batchnorm_test.py SufficientStatisticsTest / NormalizeMomentsTest", () => {
  const xShape = [2, 3, 4];
  const xs = randn(24, 9);
  const shiftVals = [0.5, -0.25, 1, 0];

  /** numpy: the count, sum(x - shift), sum((x - shift)^2) over axes [0, 1], shift per last dim. */
  const npStats = (shifted: boolean) => {
    const m = [0, 0, 0, 0];
    const v = [0, 0, 0, 0];
    xs.forEach((val, i) => {
      const c = i % 4;
      const d = val - (shifted ? shiftVals[c] : 0);
      m[c] += d;
      v[c] += d * d;
    });
    return { count: 6, m, v };
  };

  for (const shifted of [false, true]) {
    for (const known of [true, false]) {
      it(`_testSuffStats: shift ${shifted}, known shape ${known}`, () =>
        inGraph(() => {
          const x = known ? tf.constant(nd("float32", xShape, xs)) : tf.placeholder("float32", null, "x");
          const shift = shifted ? tf.constant(shiftVals) : null;
          const [count, m, v, s] = tf.nn.sufficientStatistics(x, [0, 1], shift);
          expect(count.op.name).toBe(known ? "sufficient_statistics/Const" : "sufficient_statistics/count");
          expect(m.op.name).toBe("sufficient_statistics/mean_ss");
          expect(v.op.name).toBe("sufficient_statistics/var_ss");
          expect(s === null).toBe(!shifted);
          const feed = known ? undefined : [[x, nd("float32", xShape, xs)] as [tf.Tensor, tf.NDArray]];
          const sess = new tf.Session();
          const [cv, mv, vv] = sess.run([count, m, v], feed ? new Map(feed) : undefined);
          const expected = npStats(shifted);
          expect(cv.data[0]).toBe(expected.count);
          expectClose(mv.data as Float32Array, expected.m, 1e-4);
          expectClose(vv.data as Float32Array, expected.v, 1e-4);
          const [mean, variance] = tf.nn.normalizeMoments(count, m, v, s);
          expect(mean.op.name).toBe("normalize/mean");
          expect(variance.op.name).toBe("normalize/variance");
          const [meanV, varV] = sess.run([mean, variance], feed ? new Map(feed) : undefined);
          const trueMean = [0, 1, 2, 3].map((c) => xs.filter((_, i) => i % 4 === c).reduce((a, b) => a + b) / 6);
          const trueVar = [0, 1, 2, 3].map(
            (c) => xs.filter((_, i) => i % 4 === c).reduce((a, b) => a + (b - trueMean[c]) ** 2, 0) / 6,
          );
          expectClose(meanV.data as Float32Array, trueMean, 1e-5);
          expectClose(varV.data as Float32Array, trueVar, 1e-5);
        }));
    }
  }

  it("keepdims keeps the reduced axes", () =>
    inGraph(() => {
      const [, m] = tf.nn.sufficientStatistics(tf.constant(nd("float32", xShape, xs)), [0, 1], { keepdims: true });
      expect(m.shape).toEqual([1, 1, 4]);
    }));
});

describe("nn_batchnorm_test.py MomentsTest (weighted_moments)", () => {
  it("_unweighted/weighted: frequency weights broadcast against x; TF's names", () =>
    inGraph((g) => {
      const xs = randn(12, 11);
      const ws = [1, 2, 0.5];
      const [mean, variance] = tf.nn.weightedMoments(nd("float64", [4, 3], xs), [0], nd("float64", [1, 3], ws));
      const col = (c: number) => [0, 1, 2, 3].map((r) => xs[r * 3 + c]);
      // Per column the weight is constant, so the weighted moments equal the plain ones.
      const eMean = [0, 1, 2].map((c) => col(c).reduce((a, b) => a + b) / 4);
      const eVar = [0, 1, 2].map((c) => col(c).reduce((a, b) => a + (b - eMean[c]) ** 2, 0) / 4);
      expectClose(flat(mean), eMean, 1e-12);
      expectClose(flat(variance), eVar, 1e-12);
      expect(mean.shape).toEqual([3]);
      const ops = names(g);
      for (const op of [
        "weighted_moments/weighted_input_sum:Sum",
        "weighted_moments/zeros_like:Const",
        "weighted_moments/sum_of_weights:Sum",
        "weighted_moments/inv_weight_sum:Reciprocal",
        "weighted_moments/weighted_distsq:Sum",
        "weighted_moments/Squeeze:Squeeze",
      ]) {
        expect(ops).toContain(op);
      }
      const [m2] = tf.nn.weightedMoments(
        nd("float64", [2, 2], [1, 2, 3, 4]),
        [0, 1],
        [
          [1, 3],
          [0, 0],
        ],
        {
          keepDims: true,
        },
      );
      expect(m2.shape).toEqual([1, 1]);
      expectClose(flat(m2), [(1 + 6) / 4], 1e-12);
    }));
});

describe("nn_xent_test.py WeightedCrossEntropyTest", () => {
  const npWce = (x: number, z: number, q: number) => {
    const l = 1 + (q - 1) * z;
    return (1 - z) * x + l * (Math.log1p(Math.exp(-Math.abs(x))) + Math.max(-x, 0));
  };
  const logits = [-100, -2, -2, 0, 2, 2, 2, 100];
  const targets = [0, 0, 1, 0, 0, 1, 0.5, 1];

  it("testOutput / testOutputMultiDim: values and the logistic_loss graph", () =>
    inGraph((g) => {
      const loss = tf.nn.weightedCrossEntropyWithLogits(
        tf.constant(targets, "float32"),
        nd("float32", [8], logits),
        2.5,
      );
      expectClose(
        flat(loss),
        logits.map((x, i) => npWce(x, targets[i], 2.5)),
        1e-5,
      );
      expect(loss.op.name).toBe("logistic_loss");
      expect(loss.op.type).toBe("Add");
      expect(names(g)).toEqual([
        "Const:Const",
        "logistic_loss/logits:Const",
        "logistic_loss/mul/x:Const",
        "logistic_loss/mul:Mul",
        "logistic_loss/add/x:Const",
        "logistic_loss/add:AddV2",
        "logistic_loss/sub/x:Const",
        "logistic_loss/sub:Sub",
        "logistic_loss/mul_1:Mul",
        "logistic_loss/Abs:Abs",
        "logistic_loss/Neg:Neg",
        "logistic_loss/Exp:Exp",
        "logistic_loss/Log1p:Log1p",
        "logistic_loss/Neg_1:Neg",
        "logistic_loss/Relu:Relu",
        "logistic_loss/add_1:AddV2",
        "logistic_loss/mul_2:Mul",
        "logistic_loss:Add",
      ]);
      const multi = tf.nn.weightedCrossEntropyWithLogits({
        targets: nd("float32", [2, 4], targets),
        logits: nd("float32", [2, 4], logits),
        posWeight: tf.constant(0.5),
        name: "w",
      });
      expect(multi.shape).toEqual([2, 4]);
      expectClose(
        flat(multi),
        logits.map((x, i) => npWce(x, targets[i], 0.5)),
        1e-5,
      );
    }));

  it("testGradient", () =>
    checkGradient(
      ([x]) => tf.nn.weightedCrossEntropyWithLogits(nd("float64", [2, 4], targets), x, 2),
      [nd("float64", [2, 4], [-1.5, -0.4, 0.3, 0.8, 1.7, -2.2, 0.1, 1.1])],
      { tolerance: 1e-7 },
    ));

  it("testShapeError and both labels and targets", () =>
    inGraph(() => {
      expect(() => tf.nn.weightedCrossEntropyWithLogits([1.5, 2, 3], [1.5, 2], 2)).toThrow(
        "logits and labels must have the same shape ((2,) vs (3,))",
      );
      expect(() =>
        tf.nn.weightedCrossEntropyWithLogits({ labels: [1], targets: [1], logits: [1], posWeight: 1 }),
      ).toThrow("Cannot specify both 'targets' and 'labels'");
    }));
});

describe("nn_impl.py relu_layer / nn_ops.py xw_plus_b", () => {
  it("values and names", () =>
    inGraph((g) => {
      // Python's float literals: float32 constants.
      const x = nd("float32", [2, 2], [1, -2, 3, 4]);
      const w = nd("float32", [2, 3], [1, 0, -1, 0, 1, 1]);
      const b = nd("float32", [3], [0.5, -10, 0]);
      const xw = tf.nn.xwPlusB(x, w, b);
      const rl = tf.nn.reluLayer(x, w, b);
      expect(run(xw)).toEqual([
        [1.5, -12, -3],
        [3.5, -6, 1],
      ]);
      expect(run(rl)).toEqual([
        [1.5, 0, 0],
        [3.5, 0, 1],
      ]);
      expect(names(g)).toEqual([
        "xw_plus_b/x:Const",
        "xw_plus_b/weights:Const",
        "xw_plus_b/biases:Const",
        "xw_plus_b/MatMul:MatMul",
        "xw_plus_b:BiasAdd",
        "relu_layer/x:Const",
        "relu_layer/weights:Const",
        "relu_layer/biases:Const",
        "relu_layer/MatMul:MatMul",
        "relu_layer/BiasAdd:BiasAdd",
        "relu_layer:Relu",
      ]);
    }));
});
