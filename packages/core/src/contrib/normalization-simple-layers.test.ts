// Ports of TF 1.15's contrib/layers/python/layers/normalization_test.py (InstanceNormTest, GroupNormTest) and
// layers_test.py (BiasAddTest, OneHotEncodingTest, SoftmaxTests, UnitNormTests, MaxOutTest), and encoders_test.py
// (EmbedSequenceTest).
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { graphSnapshot, inGraph, run } from "../scopes/test-helpers";

const layers = tf.contrib.layers;
const slim = tf.contrib.slim;
const uniform = (shape: number[], dtype: tf.DType = tf.float32, seed = 1) => tf.randomUniform(shape, { seed, dtype });
const byName = (name: string) => slim.getVariables(null, name);

/** Mean and (population) variance of `data` (row-major `shape`) over `axes`, per remaining index. */
function momentsOver(data: ArrayLike<number>, shape: number[], axes: number[]): { mean: number[]; variance: number[] } {
  const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const groups = new Map<number, number[]>();
  for (let flat = 0; flat < data.length; flat++) {
    let key = 0;
    for (const k of kept) key = key * shape[k] + (Math.floor(flat / strides[k]) % shape[k]);
    const list = groups.get(key) ?? [];
    list.push(data[flat]);
    groups.set(key, list);
  }
  const keys = [...groups.keys()].sort((a, b) => a - b);
  const mean = keys.map((k) => {
    const v = groups.get(k) as number[];
    return v.reduce((a, b) => a + b, 0) / v.length;
  });
  const variance = keys.map((k, i) => {
    const v = groups.get(k) as number[];
    return v.reduce((a, b) => a + (b - mean[i]) ** 2, 0) / v.length;
  });
  return { mean, variance };
}

function expectClose(actual: number[], expected: number, tol: number): void {
  for (const a of actual) expect(Math.abs(a - expected)).toBeLessThanOrEqual(tol + tol * Math.abs(expected));
}

describe("normalization_test.py InstanceNormTest", () => {
  it("testUnknownShape / testBadDataFormat / testParamsShapeNotFullyDefined (NCHW, NHWC)", () =>
    inGraph(() => {
      expect(() => layers.instanceNorm(tf.placeholder(tf.float32, null, "x"))).toThrow(
        "Inputs x:0 has undefined rank.",
      );
      const three = tf.placeholder(tf.float32, [2, 5, 5]);
      expect(() => layers.instanceNorm(three, { dataFormat: "NHCW" as "NHWC" })).toThrow(
        "data_format has to be either NCHW or NHWC.",
      );
      const nchw = tf.placeholder(tf.float32, [3, null, 4], "nchw");
      expect(() => layers.instanceNorm(nchw, { dataFormat: "NCHW" })).toThrow(
        "Inputs nchw:0 has undefined channels dimension (?,).",
      );
      const nhwc = tf.placeholder(tf.float32, [3, 4, null], "nhwc");
      expect(() => layers.instanceNorm(nhwc)).toThrow("undefined channels dimension");
    }));

  it("testCreateOp / testCreateOpFloat64 / testCreateOpNoScaleCenter", () =>
    inGraph(() => {
      const output = layers.instanceNorm(uniform([5, 3, 3, 3]));
      expect(output.op.name).toBe("InstanceNorm/instancenorm/add_1");
      expect(output.shape).toEqual([5, 3, 3, 3]);
      const f64 = layers.instanceNorm(uniform([5, 3, 3, 3], tf.float64));
      expect(f64.op.name.startsWith("InstanceNorm_1/instancenorm")).toBe(true);
      expect(f64.dtype).toBe(tf.float64);
    }));

  it("testCreateOpNoScaleCenter: no beta or gamma", () =>
    inGraph(() => {
      const output = layers.instanceNorm(uniform([5, 3, 3, 3], tf.float64), { center: false, scale: false });
      expect(output.op.name.startsWith("InstanceNorm/instancenorm")).toBe(true);
      expect([byName("beta").length, byName("gamma").length]).toEqual([0, 0]);
    }));

  it("testCreateVariables / testReuseVariables: InstanceNorm/beta and gamma, model variables, shared under reuse", () =>
    inGraph(() => {
      layers.instanceNorm(uniform([5, 3, 3, 3]), { center: true, scale: true });
      expect(byName("beta")[0].op.name).toBe("InstanceNorm/beta");
      expect(byName("gamma")[0].op.name).toBe("InstanceNorm/gamma");
      expect(slim.getModelVariables().map((v) => v.op.name)).toEqual(["InstanceNorm/beta", "InstanceNorm/gamma"]);
      const images = uniform([5, 3, 3, 3]);
      layers.instanceNorm(images, { scale: true, scope: "IN" });
      layers.instanceNorm(images, { scale: true, scope: "IN", reuse: true });
      expect(byName("IN/beta").length).toBe(1);
      expect(byName("IN/gamma").length).toBe(1);
    }));

  it("testValueCorrectWithReuseVars: the reused layer computes the same values", () =>
    inGraph(() => {
      const images = uniform([10, 3, 3, 3]);
      const train = layers.instanceNorm(images, { scope: "IN" });
      const evalOut = layers.instanceNorm(images, { scope: "IN", reuse: true });
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const [a, b] = sess.run([train, evalOut]);
      expect(Array.from(a.data as Float32Array)).toEqual(Array.from(b.data as Float32Array));
    }));

  for (const [shape, dataFormat, tol] of [
    [[10, 10, 10, 30], "NHWC", 1e-2],
    [[10, 10, 10, 30], "NCHW", 1e-2],
    [[1, 100, 100, 1], "NHWC", 1e-3],
    [[1, 100, 100, 1], "NCHW", 1e-3],
    [[2, 4, 5, 6, 10], "NHWC", 1e-2],
    [[2, 10, 4, 5, 6], "NCHW", 1e-2],
  ] as const) {
    it(`doOutputTest ${JSON.stringify(shape)} ${dataFormat}: each instance's mean 0 and variance 1`, () =>
      inGraph(() => {
        const axis = dataFormat === "NHWC" ? shape.length - 1 : 1;
        const reduced = shape.map((_, i) => i).filter((i) => i !== axis && i !== 0);
        for (const mu of [0, 100]) {
          for (const sigma of [1, 0.1]) {
            const inputs = uniform([...shape], tf.float32, 0)
              .mul(sigma)
              .add(mu);
            const out = layers.instanceNorm(inputs, { center: false, scale: false, dataFormat });
            const values = new tf.Session().run(out).data as Float32Array;
            expect(values.some(Number.isNaN)).toBe(false);
            const { mean, variance } = momentsOver(values, [...shape], reduced);
            expectClose(mean, 0, tol);
            expectClose(variance, 1, tol);
          }
        }
      }));
  }
});

describe("normalization_test.py GroupNormTest", () => {
  it("testInvalidGroupSize / testBadCommensurateGroup / testAxisIsBad / testNotMutuallyExclusiveAxis", () =>
    inGraph((g) => {
      const nchw = tf.placeholder(tf.float32, [5, 2, 10, 10]);
      const before = graphSnapshot(g);
      expect(() => layers.groupNorm(nchw, { groups: 10, reductionAxes: [-2, -1], channelsAxis: -3 })).toThrow(
        "Invalid groups 10 for 2 channels.",
      );
      // A failing layer leaves the graph as it was (its Shape op and the scope name included).
      expect(graphSnapshot(g)).toEqual(before);
      const four = tf.placeholder(tf.float32, [5, 4, 10, 10]);
      expect(() => layers.groupNorm(four, { groups: 3, reductionAxes: [-2, -1], channelsAxis: -3 })).toThrow(
        "4 channels is not commensurate with 3 groups.",
      );
      const small = tf.placeholder(tf.float32, [1, 2, 4, 5]);
      expect(() => layers.groupNorm(small, { channelsAxis: 5 })).toThrow("Axis is out of bounds.");
      expect(() => layers.groupNorm(small, { reductionAxes: [1, 5] })).toThrow("Axis is out of bounds.");
      const big = tf.placeholder(tf.float32, [10, 32, 32, 32]);
      for (const [channelsAxis, reductionAxes] of [
        [-2, [-2]],
        [1, [1, 3]],
        [-2, [2]],
      ] as const) {
        expect(() => layers.groupNorm(big, { channelsAxis, reductionAxes })).toThrow(
          "reduction_axis must be mutually exclusive with channels_axis",
        );
      }
    }));

  it("testUnknownShape / testParamsShapeNotFullyDefined (reduction axes, channels axis)", () =>
    inGraph(() => {
      expect(() => layers.groupNorm(tf.placeholder(tf.float32, null, "u"))).toThrow("Inputs u:0 has undefined rank.");
      expect(() => layers.groupNorm(tf.placeholder(tf.float32, [1, 32, null, 4], "r"))).toThrow(
        "Inputs r:0 has undefined dimensions 2.",
      );
      const c = tf.placeholder(tf.float32, [1, 3, 4, null], "c");
      expect(() => layers.groupNorm(c, { channelsAxis: -1, reductionAxes: [-3, -2] })).toThrow(
        "Inputs c:0 has undefined channel dimension: 3.",
      );
    }));

  it("testParamsShapeNotFullyDefinedBatchAxis: the batch size comes from the dynamic shape", () =>
    inGraph(() => {
      const inputs = tf.placeholder(tf.float32, [null, 3, 3, 8], "x");
      const output = layers.groupNorm(inputs, { channelsAxis: -1, reductionAxes: [-3, -2], groups: 4 });
      expect(output.shape).toEqual([null, 3, 3, 8]);
      // TF's graph: Shape and strided_slice outside the scope, the grouped Reshape too; GroupNorm/Reshape_2 back.
      expect(output.op.name).toBe("GroupNorm/Reshape_2");
      const reshapeIn = tf.getDefaultGraph().getOperationByName("Reshape");
      expect(reshapeIn.inputs[1].op.type).toBe("Pack");
      expect(reshapeIn.inputs[1].op.inputs[0].name).toBe("strided_slice:0");
      const feed = Array.from({ length: 2 * 72 }, (_, i) => Math.sin(i));
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const out = sess.run(
        output,
        new Map([[inputs, new tf.NDArray("float32", [2, 3, 3, 8], Float32Array.from(feed))]]),
      );
      expect(out.shape).toEqual([2, 3, 3, 8]);
    }));

  it("mean_close_to_zero builds TF's one-pass moments (sufficient_statistics, normalize)", () =>
    inGraph((g) => {
      layers.groupNorm(uniform([2, 3, 3, 4]), { groups: 2, meanCloseToZero: true });
      const names = g.getOperations().map((op) => op.name);
      expect(names).toContain("GroupNorm/sufficient_statistics/mean_ss");
      expect(names).toContain("GroupNorm/normalize/divisor");
      expect(names.some((n) => n.startsWith("GroupNorm/moments/"))).toBe(false);
    }));

  it("testCreateOp / testCreateOpFloat64 / testCreateOpNoScaleCenter", () =>
    inGraph(() => {
      const output = layers.groupNorm(uniform([5, 3, 3, 8]), { groups: 4, channelsAxis: -1, reductionAxes: [-3, -2] });
      expect(output.shape).toEqual([5, 3, 3, 8]);
      const f64 = layers.groupNorm(uniform([5, 3, 3, 20], tf.float64), { groups: 5 });
      expect(f64.dtype).toBe(tf.float64);
      expect(f64.shape).toEqual([5, 3, 3, 20]);
      const none = layers.groupNorm(uniform([5, 3, 3, 21]), { groups: 7, center: false, scale: false });
      expect(none.shape).toEqual([5, 3, 3, 21]);
      expect(byName("GroupNorm_2/beta").length + byName("GroupNorm_2/gamma").length).toBe(0);
    }));

  it("testCreateVariables_NHWC / _NCHW / testReuseVariables", () => {
    inGraph(() => {
      layers.groupNorm(uniform([5, 3, 3, 8]), { groups: 4, channelsAxis: -1, reductionAxes: [-3, -2] });
      expect(byName("beta")[0].op.name).toBe("GroupNorm/beta");
      expect(byName("gamma")[0].op.name).toBe("GroupNorm/gamma");
      expect(byName("beta")[0].shape).toEqual([8]);
    });
    inGraph(() => {
      layers.groupNorm(uniform([5, 8, 3, 3]), { groups: 4, channelsAxis: -3, reductionAxes: [-2, -1] });
      expect(byName("gamma")[0].op.name).toBe("GroupNorm/gamma");
      const images = uniform([5, 3, 3, 4]);
      layers.groupNorm(images, { groups: 2, scale: true, scope: "IN" });
      layers.groupNorm(images, { groups: 2, scale: true, scope: "IN", reuse: true });
      expect(byName("IN/beta").length).toBe(1);
      expect(byName("IN/gamma").length).toBe(1);
    });
  });

  for (const [shape, channelsAxis, reductionAxes, groups] of [
    [[10, 10, 10, 30], 3, [1, 2], 2],
    [[10, 10, 10, 30], -1, [-3, -2], 2],
    [[10, 10, 30], 2, [0, 1], 2],
    [[10, 10, 10, 30], 1, [2, 3], 2],
    [[10, 10, 30], -3, [-2, -1], 2],
    [[5, 100, 100, 1], 3, [1, 2], 1],
    [[1, 100, 100, 4], 1, [2, 3], 4],
    [[10, 700], 1, [], 7],
  ] as const) {
    it(`doOutputTest ${JSON.stringify(shape)} channels ${channelsAxis} reduce ${JSON.stringify(reductionAxes)}`, () =>
      inGraph(() => {
        const rank = shape.length;
        const ch = channelsAxis < 0 ? channelsAxis + rank : channelsAxis;
        const reduced = [ch + 1, ...reductionAxes.map((a) => (a < 0 ? a + rank : a)).map((a) => (a < ch ? a : a + 1))];
        const channels = shape[ch];
        const outputsShape = [...shape.slice(0, ch), groups, channels / groups, ...shape.slice(ch + 1)];
        // doOutputTest, and doOutputTestForMeanCloseToZero (one-pass moments, its own mu/sigma and tolerance).
        for (const [meanCloseToZero, mus, sigmas, tol] of [
          [false, [1, 100], [1, 0.1], 1e-2],
          [true, [1e-4, 1e-2, 1], [1e-2, 0.1, 1], 5e-2],
        ] as const) {
          for (const mu of mus) {
            for (const sigma of sigmas) {
              const inputs = tf
                .randomNormal([...shape], { seed: 0 })
                .mul(sigma)
                .add(mu);
              const out = layers.groupNorm(inputs, {
                groups,
                center: false,
                scale: false,
                channelsAxis,
                reductionAxes: [...reductionAxes],
                meanCloseToZero,
              });
              const values = new tf.Session().run(out).data as Float32Array;
              expect(values.some(Number.isNaN)).toBe(false);
              const { mean, variance } = momentsOver(values, outputsShape, reduced);
              expectClose(mean, 0, tol);
              expectClose(variance, 1, tol);
            }
          }
        }
      }));
  }
});

describe("layers_test.py BiasAddTest", () => {
  it("testCreate / testCreateWithActivation: BiasAdd/BiasAdd, BiasAdd_1/Relu", () =>
    inGraph(() => {
      const output = layers.biasAdd(uniform([5, 3, 3, 3]));
      expect(output.op.name).toBe("BiasAdd/BiasAdd");
      expect(output.shape).toEqual([5, 3, 3, 3]);
      const relu = layers.biasAdd(uniform([5, 3, 3, 3]), { activationFn: tf.nn.relu });
      expect(relu.op.name).toBe("BiasAdd_1/Relu");
      expect(slim.getModelVariables().map((v) => v.op.name)).toEqual(["BiasAdd/biases", "BiasAdd_1/biases"]);
    }));

  it("testCreateDimensions: biases sized by the last axis for ranks 2 to 4", () =>
    inGraph(() => {
      const shape = [5, 2, 3, 4];
      for (const d of [2, 3, 4]) {
        const inputShape = shape.slice(0, d);
        const output = layers.biasAdd(uniform(inputShape));
        expect(output.shape).toEqual(inputShape);
        expect(byName("biases").at(-1)?.shape).toEqual([inputShape.at(-1)]);
      }
    }));

  it("TF's errors: NCHW needs rank 4, the channel dimension must be known", () =>
    inGraph(() => {
      expect(() => layers.biasAdd(uniform([5, 3]), { dataFormat: "NCHW" })).toThrow(
        "Data format NCHW only supports 4D Tensor",
      );
      expect(() => layers.biasAdd(tf.placeholder(tf.float32, [2, null]))).toThrow(
        "`C` dimension must be known but is None",
      );
      expect(() => layers.biasAdd(tf.placeholder(tf.float32, null))).toThrow("Dims of shape must be known but is None");
    }));
});

describe("layers_test.py OneHotEncodingTest", () => {
  it("testOneHotEncodingCreate / testOneHotEncoding / testOneHotEncodingInt32", () =>
    inGraph(() => {
      const output = layers.oneHotEncoding([0, 1, 2], { numClasses: 3 });
      expect(output.op.name).toBe("OneHotEncoding/one_hot");
      expect(output.shape).toEqual([3, 3]);
      expect(output.op.inputs[0].op.type).toBe("Cast");
      expect(run(output)).toEqual([
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ]);
      const int32 = layers.oneHotEncoding(tf.constant([0, 1, 2], { dtype: tf.int32 }), 3);
      expect(int32.dtype).toBe(tf.float32);
      expect(run(int32)).toEqual(run(output));
    }));

  it("testCollectOutputs: the output collected with its scope as alias", () =>
    inGraph(() => {
      const output = layers.oneHotEncoding(tf.constant([0, 1, 2]), { numClasses: 3, outputsCollections: "outputs" });
      const [collected] = tf.getDefaultGraph().getCollection<tf.Tensor & { aliases?: string[] }>("outputs");
      expect(collected.aliases).toEqual(["OneHotEncoding"]);
      expect(collected).toBe(output);
    }));
});

describe("layers_test.py SoftmaxTests", () => {
  const low = 1 / (1 + Math.E);
  const high = Math.E / (1 + Math.E);
  const closeTo = (actual: unknown, expected: number[]) =>
    (actual as number[]).flat(3).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));

  it("testSoftmax2D", () =>
    inGraph(() => {
      const prediction = layers.softmax(
        tf.constant(
          [
            [0, 1],
            [1, 1],
            [1, 0],
          ],
          { dtype: tf.float32 },
        ),
      );
      expect(prediction.op.name).toBe("softmax/Reshape_1");
      closeTo(run(prediction), [low, high, 0.5, 0.5, high, low]);
    }));

  it("testSoftmax3D / testSoftmax3DUnknownSize", () =>
    inGraph(() => {
      const logits = Array.from({ length: 12 }, () => 1);
      logits[0] = 0;
      logits[9] = 0;
      const expected = Array.from({ length: 12 }, () => 0.5);
      [expected[0], expected[1], expected[8], expected[9]] = [low, high, high, low];
      const nd = new tf.NDArray("float32", [2, 3, 2], Float32Array.from(logits));
      closeTo(run(layers.softmax(tf.constant(nd))), expected);
      const ph = tf.placeholder(tf.float32, [null, null, 2]);
      const out = new tf.Session().run(layers.softmax(ph), new Map([[ph, nd]]));
      closeTo(out.toArray(), expected);
    }));

  it("testSoftmaxUndefinedNthDimension", () =>
    inGraph(() => {
      expect(() => layers.softmax(tf.placeholder(tf.float32))).toThrow("dims of shape must be known but is None");
    }));
});

describe("layers_test.py UnitNormTests", () => {
  it("testUnitNormWithRandomMatrix: unit length along each dim", () =>
    inGraph(() => {
      for (const dim of [0, 1, 2]) {
        tf.setRandomSeed(0);
        const output = layers.unitNorm(tf.randomUniform([2, 3, 3]), { dim, epsilon: 1e-6 });
        const norms = run(tf.sqrt(tf.reduceSum(tf.square(output), dim))) as number[][];
        for (const v of norms.flat()) expect(v).toBeCloseTo(1, 4);
      }
    }));

  it("testDimEqualToRankRaisesError / testUnknownRankRaisesError", () =>
    inGraph(() => {
      expect(() => layers.unitNorm(tf.randomUniform([2, 3, 3]), { dim: 3, epsilon: 1e-6 })).toThrow(
        "dim must be positive but smaller than the input rank.",
      );
      expect(() => layers.unitNorm(tf.placeholder(tf.float32), { dim: 2 })).toThrow("The input rank must be known.");
    }));

  it("testKnownRankUnknownDimsSucceeds, with TF's op names", () =>
    inGraph(() => {
      for (const dim of [0, 1, 2]) {
        const image = tf.placeholder(tf.float32, [null, null, 3]);
        const output = layers.unitNorm(image, dim, 1e-6);
        const norms = tf.sqrt(tf.reduceSum(tf.square(output), dim));
        const value = new tf.Session().run(
          norms,
          new Map([[image, new tf.NDArray("float32", [2, 3, 3], new Float32Array(18).fill(1))]]),
        );
        for (const v of value.data as Float32Array) expect(v).toBeCloseTo(1, 4);
      }
      const names = tf
        .getDefaultGraph()
        .getOperations()
        .map((op) => op.name)
        .filter((n) => n.startsWith("UnitNorm/"));
      expect(names).toContain("UnitNorm/add");
      expect(names).toContain("UnitNorm/Tile");
      expect(names).toContain("UnitNorm/div");
    }));
});

describe("layers_test.py MaxOutTest", () => {
  it("test_simple / test_fully_connected / test_nchw", () =>
    inGraph(() => {
      expect(layers.maxout(uniform([64, 10, 36]), { numUnits: 3 }).shape).toEqual([64, 10, 3]);
      const fc = layers.fullyConnected(uniform([64, 50]), 50);
      expect(layers.maxout(fc, { numUnits: 10 }).shape).toEqual([64, 10]);
      const conv = layers.conv2d(uniform([2, 10, 10, 3]), 10, 3, { padding: "SAME" });
      const out = layers.maxout(conv, { numUnits: 1 });
      expect(out.shape).toEqual([2, 10, 10, 1]);
      expect(out.op.name).toBe("MaxOut_2/Max");
    }));

  it("test_invalid_shape", () =>
    inGraph(() => {
      const conv = layers.conv2d(uniform([2, 20, 20, 3]), 3, 10);
      expect(() => layers.maxout(conv, { numUnits: 2 })).toThrow(
        "number of features(3) is not a multiple of num_units(2)",
      );
    }));

  it("unknown dimensions come from the dynamic shape (Shape, strided_slice, a packed Reshape shape)", () =>
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [null, 6], "x");
      const out = layers.maxout(x, 3);
      expect(out.shape).toEqual([null, 3]);
      const reshape = out.op.inputs[0].op;
      expect(reshape.name).toBe("MaxOut/Reshape");
      expect(reshape.inputs[1].op.inputs.map((t) => t.name)).toEqual([
        "MaxOut/strided_slice:0",
        "MaxOut/Reshape/shape/1:0",
        "MaxOut/Reshape/shape/2:0",
      ]);
      const value = new tf.Session().run(out, new Map([[x, [[1, 5, 2, 0, 3, 4]]]]));
      expect(value.toArray()).toEqual([[5, 2, 4]]);
    }));
});

describe("encoders_test.py EmbedSequenceTest and fully_connected partials", () => {
  it("testConstantEmbed-style: EmbedSequence/embeddings looked up by ids", () =>
    inGraph(() => {
      const ids = tf.constant([
        [0, 1],
        [2, 0],
      ]);
      const out = layers.embedSequence(ids, {
        vocabSize: 3,
        embedDim: 2,
        initializer: tf.constantInitializer([
          [1, 2],
          [3, 4],
          [5, 6],
        ]),
      });
      expect(byName("embeddings")[0].op.name).toBe("EmbedSequence/embeddings");
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(sess.run(out).toArray()).toEqual([
        [
          [1, 2],
          [3, 4],
        ],
        [
          [5, 6],
          [1, 2],
        ],
      ]);
      expect(() => layers.embedSequence(ids)).toThrow(
        "Must specify vocab size and embedding dimension when not reusing. Got vocab_size=None and embed_dim=None",
      );
    }));

  it("linear, relu, relu6 and elu are fully_connected with that activation", () =>
    inGraph(() => {
      const x = uniform([2, 4]);
      expect(layers.linear(x, 3).op.name).toBe("fully_connected/BiasAdd");
      expect(layers.relu(x, 3).op.name).toBe("fully_connected_1/Relu");
      expect(layers.relu6(x, 3).op.name).toBe("fully_connected_2/Relu6");
      expect(layers.elu(x, 3, { scope: "e" }).op.name).toBe("e/Elu");
    }));
});
