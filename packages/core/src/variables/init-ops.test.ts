// Ports of tensorflow/python/kernel_tests/init_ops_test.py (TF 1.15), graph mode, through TF1's top-level spellings
// (tf.zerosInitializer, tf.randomNormalInitializer, ...): ConstantInitializersTest, RandomNormal-, TruncatedNormal-,
// RandomUniform-, VarianceScalingInitializationTest and OrthogonalInitializerTest; plus the ops Orthogonal builds.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph, names, run } from "../scopes/test-helpers";

/** init_ops_test.py: identicaltest: each initializer run in its own graph; equal within 1e-15. */
function identical(init1: tf.Initializer, init2: tf.Initializer, shape = [100]): boolean {
  const a = (run(inGraph(() => init1(shape))) as number[]).flat(3);
  const b = (run(inGraph(() => init2(shape))) as number[]).flat(3);
  return a.every((v, i) => Math.abs(v - b[i]) <= 1e-15 + 1e-15 * Math.abs(b[i]));
}

/** init_ops_test.py: duplicated_initializer: two calls in one graph with a graph seed. */
function duplicated(init: tf.Initializer, graphSeed: number, shape = [100]): boolean {
  return inGraph(() => {
    tf.setRandomSeed(graphSeed);
    const a = (run(init(shape)) as number[]).flat(3);
    const b = (run(init(shape)) as number[]).flat(3);
    return a.every((v, i) => Math.abs(v - b[i]) <= 1e-15 + 1e-15 * Math.abs(b[i]));
  });
}

const varValue = (name: string, shape: number[], options: tf.GetVariableOptions) =>
  inGraph(() => {
    const x = tf.getVariable(name, shape, options);
    const sess = new tf.Session();
    sess.run(x.initializer);
    return { value: sess.run(x.value()).toArray(), dtype: x.dtype };
  });

describe("init_ops_test.py ConstantInitializersTest", () => {
  it("init_ops_test.py ConstantInitializersTest.testZerosInitializer / testOnesInitializer", () => {
    expect(varValue("x", [2, 3], { initializer: tf.zerosInitializer() }).value).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(varValue("x", [2, 3], { initializer: tf.onesInitializer() }).value).toEqual([
      [1, 1, 1],
      [1, 1, 1],
    ]);
  });

  it("init_ops_test.py ConstantInitializersTest.testConstantZero/One/IntInitializer", () => {
    expect(varValue("x", [2, 3], { initializer: tf.constantInitializer(0.0) }).value).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(varValue("x", [2, 3], { initializer: tf.constantInitializer(1.0) }).value).toEqual([
      [1, 1, 1],
      [1, 1, 1],
    ]);
    const int = varValue("x", [2, 3], { dtype: tf.int32, initializer: tf.constantInitializer(7) });
    expect(int.dtype).toBe(tf.int32);
    expect(int.value).toEqual([
      [7, 7, 7],
      [7, 7, 7],
    ]);
  });

  it("init_ops_test.py ConstantInitializersTest.testConstantTupleInitializer / testNDimConstantInitializer", () => {
    expect(varValue("x", [3], { dtype: tf.int32, initializer: tf.constantInitializer([10, 20, 30]) }).value).toEqual([
      10, 20, 30,
    ]);
    const init = tf.constantInitializer([0, 1, 2, 3, 4, 5], tf.int32);
    expect(varValue("list", [2, 3], { initializer: init }).value).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    const nested = tf.constantInitializer(
      [
        [0, 1, 2],
        [3, 4, 5],
      ],
      { dtype: tf.int32 },
    );
    expect(varValue("2D-ndarray", [2, 3], { initializer: nested }).value).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
  });

  it("init_ops_test.py ConstantInitializersTest.testInvalidValueTypeForConstantInitializerCausesTypeError", () =>
    inGraph(() => {
      const c = tf.constant([1.0, 2.0, 3.0]);
      expect(() => tf.constantInitializer(c as never, tf.float32)).toThrow(
        "Invalid type for initial value: <class 'tensorflow.python.framework.ops.Tensor'> (expected Python scalar, list or tuple of values, or numpy.ndarray).",
      );
      const v = new tf.Variable([3.0, 2.0, 1.0]);
      expect(() => tf.constantInitializer(v as never, tf.float32)).toThrow(
        /Invalid type for initial value: .*Variable/,
      );
    }));
});

describe("init_ops_test.py random initializers", () => {
  for (const [title, make] of [
    ["RandomNormalInitializationTest", tf.randomNormalInitializer],
    ["TruncatedNormalInitializationTest", tf.truncatedNormalInitializer],
  ] as const) {
    it(`init_ops_test.py ${title}.testInitializerIdentical / testInitializerDifferent / testDuplicatedInitializer`, () => {
      for (const dtype of [tf.float32, tf.float64]) {
        expect(identical(make(0.0, 1.0, 1, dtype), make(0.0, 1.0, { seed: 1, dtype }))).toBe(true);
        expect(identical(make(0.0, 1.0, { seed: 1, dtype }), make(0.0, 1.0, { seed: 2, dtype }))).toBe(false);
      }
      expect(duplicated(make(0.0, 1.0), 1)).toBe(false);
    });

    it(`init_ops_test.py ${title}.testInvalidDataType`, () => {
      expect(() => make(0.0, 1.0, { dtype: tf.string })).toThrow(
        "Expected floating point type, got <dtype: 'string'>.",
      );
    });
  }

  it("init_ops_test.py RandomUniformInitializationTest (identical, different, duplicated)", () => {
    for (const dtype of [tf.float32, tf.float64, tf.int64]) {
      expect(
        identical(tf.randomUniformInitializer(0, 7, 1, dtype), tf.randomUniformInitializer(0, 7, { seed: 1, dtype })),
      ).toBe(true);
    }
    for (const dtype of [tf.float32, tf.float64, tf.int32, tf.int64]) {
      expect(identical(tf.randomUniformInitializer(0, 7, 1, dtype), tf.randomUniformInitializer(0, 7, 2, dtype))).toBe(
        false,
      );
    }
    expect(duplicated(tf.randomUniformInitializer(0.0, 1.0), 1)).toBe(false);
  });

  it("init_ops_test.py VarianceScalingInitializationTest: each distribution's mean and variance", () => {
    for (const distribution of ["truncated_normal", "normal", "untruncated_normal", "uniform"] as const) {
      const init = tf.varianceScalingInitializer({ distribution });
      const x = (run(inGraph(() => init([100, 100]))) as number[][]).flat();
      const mean = x.reduce((a, b) => a + b, 0) / x.length;
      const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length;
      expect(Math.abs(mean)).toBeLessThan(1e-2);
      expect(Math.abs(variance - 1 / 100)).toBeLessThan(1e-2);
    }
    expect(() => tf.varianceScalingInitializer(1.0, "fan_in", "uniform", null, tf.int32)).toThrow(
      "Expected floating point type, got <dtype: 'int32'>.",
    );
  });

  it("spellings: positional in TF's order or by name; tf.glorotUniformInitializer is get_variable's default", () =>
    inGraph((g) => {
      expect(tf.randomNormalInitializer(0, 0.02).config).toMatchObject({ mean: 0, stddev: 0.02, seed: null });
      expect(tf.truncatedNormalInitializer({ stddev: 0.1 }).config).toMatchObject({ mean: 0, stddev: 0.1 });
      expect(tf.varianceScalingInitializer(2.0, { mode: "fan_avg" }).config).toMatchObject({
        scale: 2,
        mode: "fan_avg",
        distribution: "truncated_normal",
      });
      expect(tf.glorotNormalInitializer(3).config).toMatchObject({ seed: 3, mode: "fan_avg" });
      expect(tf.zerosInitializer(tf.int32).config).toEqual({ dtype: tf.int32 });
      tf.getVariable("a", [2, 3], { initializer: tf.glorotUniformInitializer() });
      tf.getVariable("b", [2, 3]);
      const ops = (v: string) =>
        names(g)
          .filter((n) => n.startsWith(`${v}/Initializer/`))
          .map((n) => n.slice(v.length));
      expect(ops("a")).toEqual(ops("b"));
      expect(ops("a")).toContain("/Initializer/random_uniform/RandomUniform:RandomUniform");
    }));
});

describe("init_ops_test.py OrthogonalInitializerTest", () => {
  const matmulT = (t: number[][], transposeFirst: boolean) => {
    const rows = t.length;
    const cols = t[0].length;
    const n = transposeFirst ? cols : rows;
    return Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => {
        let s = 0;
        if (transposeFirst) for (let k = 0; k < rows; k++) s += t[k][i] * t[k][j];
        else for (let k = 0; k < cols; k++) s += t[i][k] * t[j][k];
        return s;
      }),
    );
  };

  it("init_ops_test.py OrthogonalInitializerTest.testInitializerIdentical / Different / Duplicated", () => {
    for (const dtype of [tf.float32, tf.float64]) {
      expect(
        identical(tf.orthogonalInitializer({ seed: 1, dtype }), tf.orthogonalInitializer(1.0, 1, dtype), [10, 10]),
      ).toBe(true);
      expect(
        identical(tf.orthogonalInitializer({ seed: 1, dtype }), tf.orthogonalInitializer({ seed: 2, dtype }), [10, 10]),
      ).toBe(false);
    }
    expect(duplicated(tf.orthogonalInitializer(), 1, [10, 10])).toBe(false);
  });

  it("init_ops_test.py OrthogonalInitializerTest.testInvalidDataType / testInvalidShape", () =>
    inGraph(() => {
      expect(() => tf.orthogonalInitializer({ dtype: tf.string })).toThrow(
        "Expected floating point type, got <dtype: 'string'>.",
      );
      expect(() => tf.orthogonalInitializer()([5])).toThrow(
        "The tensor to initialize must be at least two-dimensional",
      );
    }));

  it("init_ops_test.py OrthogonalInitializerTest.testGain", () => {
    for (const dtype of [tf.float32, tf.float64]) {
      const t1 = (run(inGraph(() => tf.orthogonalInitializer({ seed: 1, dtype })([10, 10]))) as number[][]).flat();
      const t2 = (
        run(inGraph(() => tf.orthogonalInitializer({ gain: 3.14, seed: 1, dtype })([10, 10]))) as number[][]
      ).flat();
      t1.forEach((v, i) => expect(v).toBeCloseTo(t2[i] / 3.14, 5));
    }
  });

  it("init_ops_test.py OrthogonalInitializerTest.testShapesValues", () => {
    for (const dtype of [tf.float32, tf.float64]) {
      for (const shape of [
        [10, 10],
        [10, 9, 8],
        [100, 5, 5],
        [50, 40],
        [40, 50],
      ]) {
        const tol = dtype === tf.float32 ? 1e-5 : 1e-12;
        const value = inGraph(() => new tf.Session().run(tf.orthogonalInitializer({ dtype })(shape)));
        expect(value.shape).toEqual(shape);
        const cols = shape[shape.length - 1];
        const data = Array.from(value.data as Float32Array);
        const t = Array.from({ length: data.length / cols }, (_, i) => data.slice(i * cols, (i + 1) * cols));
        const gram = matmulT(t, t.length > cols);
        gram.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - (i === j ? 1 : 0))).toBeLessThan(tol * 10)));
      }
    }
  });

  it("the ops init_ops.Orthogonal builds inside the variable's Initializer scope", () =>
    inGraph((g) => {
      tf.getVariable("w", [3, 5], { initializer: tf.orthogonalInitializer(2.0, 7) });
      expect(names(g).filter((n) => n.startsWith("w/Initializer/"))).toEqual([
        "w/Initializer/random_normal/shape:Const",
        "w/Initializer/random_normal/mean:Const",
        "w/Initializer/random_normal/stddev:Const",
        "w/Initializer/random_normal/RandomStandardNormal:RandomStandardNormal",
        "w/Initializer/random_normal/mul:Mul",
        "w/Initializer/random_normal:Add",
        "w/Initializer/Qr:Qr",
        "w/Initializer/DiagPart:DiagPart",
        "w/Initializer/Sign:Sign",
        "w/Initializer/mul:Mul",
        "w/Initializer/matrix_transpose/transpose/perm:Const",
        "w/Initializer/matrix_transpose/transpose:Transpose",
        "w/Initializer/Reshape/shape:Const",
        "w/Initializer/Reshape:Reshape",
        "w/Initializer/mul_1/x:Const",
        "w/Initializer/mul_1:Mul",
      ]);
      const qr = g.getOperationByName("w/Initializer/Qr");
      expect(qr.attrs.full_matrices).toBe(false);
      expect(qr.outputs.map((o) => o.shape)).toEqual([
        [5, 3],
        [3, 3],
      ]);
      expect(tf.initializers.orthogonal({ gain: 2 }).className).toBe("Orthogonal");
    }));
});

describe("tf.initializers he/lecun (init_ops.py he_normal, he_uniform, lecun_normal, lecun_uniform)", () => {
  it("are VarianceScaling with TF's scale, mode and distribution; samples within their bounds", () =>
    new tf.Graph().asDefault(() => {
      const cases: [tf.Initializer, number, string, number][] = [
        [tf.initializers.heNormal({ seed: 1 }), 2.0, "truncated_normal", 2],
        [tf.initializers.heUniform({ seed: 2 }), 2.0, "uniform", 6],
        [tf.initializers.lecunNormal({ seed: 3 }), 1.0, "truncated_normal", 1],
        [tf.initializers.lecunUniform({ seed: 4 }), 1.0, "uniform", 3],
      ];
      const sess = new tf.Session();
      const fanIn = 200;
      for (const [init, scale, distribution, k] of cases) {
        expect(init.className).toBe("VarianceScaling");
        expect(init.config).toMatchObject({ scale, mode: "fan_in", distribution });
        const values = Array.from(sess.run(init([fanIn, 300], tf.float32)).data as Float32Array);
        const std = Math.sqrt(values.reduce((a, v) => a + v * v, 0) / values.length);
        if (distribution === "uniform") {
          // limit sqrt(3 * scale / fan_in): he 6/fan_in, lecun 3/fan_in; the std of U(-l, l) is l / sqrt(3).
          const limit = Math.sqrt(k / fanIn);
          expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(limit);
          expect(Math.abs(std - limit / Math.sqrt(3))).toBeLessThan(0.02 * limit);
        } else {
          // truncated at two stddevs of sqrt(scale / fan_in) / 0.8796..., whose std is sqrt(scale / fan_in).
          expect(Math.abs(std - Math.sqrt(k / fanIn))).toBeLessThan(0.03 * Math.sqrt(k / fanIn));
        }
      }
    }));
});
