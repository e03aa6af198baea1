// conv1d, conv2d_transpose and the 1-D pools as TF 1.15's nn_ops.py builds them: conv1d_test.py,
// conv2d_transpose_test.py (Conv2DTransposeTest), nn_test.py (MaxPoolTest / AvgPoolTest 1-D cases), and the keras
// Pooling1D graph (keras/layers/pooling.py, pooling_test.py Pooling1DTest shapes).
import { uniform } from "@scopeflow/test-kit";
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import * as tf from "../index";
import { graphSnapshot, inGraph, names } from "../scopes/test-helpers";
import { kerasPooling1d } from "./nn-keras-pooling";

const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const float64 = (shape: number[], seed: number) =>
  new tf.NDArray("float64", shape, Float64Array.from(uniform(size(shape), seed)));
const ones = (shape: number[]) => tf.constant(1, { shape, dtype: tf.float32 });
const values = (t: tf.Tensor) => Array.from(new tf.Session().run(t).data as Float32Array);

describe("nn_ops.py: conv1d (ExpandDims + Conv2D named conv1d + Squeeze)", () => {
  it("conv1d_test.py Conv1DTest.testBasic (float32, float64; stride 1 and 2, VALID)", () =>
    inGraph(() => {
      for (const dtype of [tf.float32, tf.float64]) {
        const x = tf.expandDims(tf.expandDims(tf.constant([1, 2, 3, 4], { dtype }), 0), 2);
        const filters = tf.expandDims(tf.expandDims(tf.constant([2, 1], { dtype }), 1), 2);
        for (const stride of [1, 2]) {
          const c = tf.nn.conv1d(x, filters, stride, "VALID");
          const output = Array.from(new tf.Session().run(tf.squeeze(c)).data as Float64Array);
          expect(output).toEqual(
            stride === 1 ? [2 * 1 + 1 * 2, 2 * 2 + 1 * 3, 2 * 3 + 1 * 4] : [2 * 1 + 1 * 2, 2 * 3 + 1 * 4],
          );
        }
      }
    }));

  it("names its ops as TF 1.15 does; the Conv2D carries [1, 1, stride, 1] (NWC) or [1, 1, 1, stride] (NCW)", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [null, 9, 3], "x");
      const f = tf.placeholder(tf.float32, [3, 3, 4], "f");
      const y = tf.nn.conv1d(x, f, 2, "SAME");
      expect(names(g).slice(2)).toEqual([
        "conv1d/ExpandDims/dim:Const",
        "conv1d/ExpandDims:ExpandDims",
        "conv1d/ExpandDims_1/dim:Const",
        "conv1d/ExpandDims_1:ExpandDims",
        "conv1d:Conv2D",
        "conv1d/Squeeze:Squeeze",
      ]);
      expect([y.name, y.shape]).toEqual(["conv1d/Squeeze:0", [null, 5, 4]]);
      expect(g.getOperationByName("conv1d").attrs).toMatchObject({
        strides: [1, 1, 2, 1],
        dilations: [1, 1, 1, 1],
        data_format: "NHWC",
        padding: "SAME",
        use_cudnn_on_gpu: true,
      });
      const ncw = tf.nn.conv1d(tf.placeholder(tf.float32, [2, 3, 9]), f, [2], "VALID", {
        dataFormat: "NCW",
        name: "c",
      });
      expect(ncw.shape).toEqual([2, 4, 4]);
      expect(g.getOperationByName("c").attrs).toMatchObject({ strides: [1, 1, 1, 2], data_format: "NCHW" });
      expect(g.getOperationByName("c/ExpandDims").attrs.Tdim).toBe(tf.int32);
      const before = graphSnapshot(g);
      expect(() => tf.nn.conv1d(x, f, 1, "SAME", { dataFormat: "NHCW" })).toThrow(
        new tf.errors.ValueError('data_format must be "NWC" or "NCW".'),
      );
      expect(() => tf.nn.conv1d(x, f, [1, 1], "SAME")).toThrow("stride should be of length 1, 1 or 3 but was 2");
      expect(graphSnapshot(g)).toEqual(before);
    }));

  it("its gradient (through Squeeze, Conv2D and ExpandDims) matches float64 central differences", () => {
    checkGradient(([x, f]) => tf.nn.conv1d(x, f, 2, "SAME"), [float64([2, 7, 3], 1), float64([3, 3, 2], 2)], {
      tolerance: 1e-7,
    });
  });
});

describe("nn_ops.py: conv2d_transpose (Conv2DTransposeTest, conv2d_transpose_test.py)", () => {
  const xShape = [2, 6, 4, 3];
  const fShape = [3, 3, 2, 3];

  it("testConv2DTransposeSingleStride", () =>
    inGraph(() => {
      const yShape = [2, 6, 4, 2];
      const value = values(tf.nn.conv2dTranspose(ones(xShape), ones(fShape), yShape, [1, 1, 1, 1], "SAME"));
      for (let n = 0; n < 2; n++)
        for (let k = 0; k < 2; k++)
          for (let w = 0; w < 4; w++)
            for (let h = 0; h < 6; h++) {
              let target = 4 * 3;
              const hIn = h > 0 && h < yShape[1] - 1;
              const wIn = w > 0 && w < yShape[2] - 1;
              if (hIn && wIn) target += 5 * 3;
              else if (hIn || wIn) target += 2 * 3;
              expect(value[((n * 6 + h) * 4 + w) * 2 + k]).toBe(target);
            }
    }));

  it("testConv2DTransposeSame", () =>
    inGraph(() => {
      const yShape = [2, 12, 8, 2];
      const value = values(
        tf.nn.conv2dTranspose(ones(xShape), ones(fShape), yShape, [1, 2, 2, 1], { padding: "SAME" }),
      );
      for (let n = 0; n < 2; n++)
        for (let k = 0; k < 2; k++)
          for (let w = 0; w < 8; w++)
            for (let h = 0; h < 12; h++) {
              let target = 3;
              const hIn = h % 2 === 0 && h > 0 && h < yShape[1] - 1;
              const wIn = w % 2 === 0 && w > 0 && w < yShape[2] - 1;
              if (hIn && wIn) target += 9;
              else if (hIn || wIn) target += 3;
              expect(value[((n * 12 + h) * 8 + w) * 2 + k]).toBe(target);
            }
    }));

  it("testConv2DTransposeValid", () =>
    inGraph(() => {
      const yShape = [2, 13, 9, 2];
      const value = values(tf.nn.conv2dTranspose(ones(xShape), ones(fShape), yShape, [1, 2, 2, 1], "VALID"));
      const [H, W] = [13, 9];
      const cache = new Float64Array(size(yShape));
      const at = (n: number, h: number, w: number, k: number) => ((n * H + h) * W + w) * 2 + k;
      const pad = 1;
      for (let n = 0; n < 2; n++)
        for (let k = 0; k < 2; k++) {
          for (let w = pad; w < W - pad; w++)
            for (let h = pad; h < H - pad; h++) {
              let target = 3;
              const hIn = h % 2 === 0 && h > pad && h < H - 1 - pad;
              const wIn = w % 2 === 0 && w > pad && w < W - 1 - pad;
              if (hIn && wIn) target += 9;
              else if (hIn || wIn) target += 3;
              cache[at(n, h, w, k)] = target;
            }
          // copy values in the border
          for (let h = 0; h < H; h++) {
            cache[at(n, h, 0, k)] = cache[at(n, h, 1, k)];
            cache[at(n, h, W - 1, k)] = cache[at(n, h, W - 2, k)];
          }
          for (let w = 0; w < W; w++) {
            cache[at(n, 0, w, k)] = cache[at(n, 1, w, k)];
            cache[at(n, H - 1, w, k)] = cache[at(n, H - 2, w, k)];
          }
        }
      expect(value).toEqual(Array.from(cache));
    }));

  it("testGradient (float64 central differences for value and filter)", () => {
    checkGradient(
      ([x, f]) => tf.nn.conv2dTranspose(x, f, [2, 12, 8, 2], [1, 2, 2, 1], "SAME"),
      [float64(xShape, 3), float64(fShape, 4)],
      { tolerance: 1e-7 },
    );
  });

  it("testConv2DTransposeShapeInference: the output shape from stack([shape(x)[0], 10, 5, 5])", () =>
    inGraph(() => {
      const x = new tf.Variable(tf.randomNormal([3, 10, 5, 1]));
      const f = tf.getVariable("f", { initializer: tf.truncatedNormal([3, 3, 5, 1], { mean: 0, stddev: 0.01 }) });
      const fShape = tf.stack([tf.stridedSlice(tf.shape(x), [0], [1], [1], { shrinkAxisMask: 1 }), 10, 5, 5]);
      const output = tf.nn.conv2dTranspose(x, f, fShape, [1, 1, 1, 1], "SAME");
      expect(output.shape).toEqual([3, 10, 5, 5]);
    }));

  it("builds a Conv2DBackpropInput named conv2d_transpose with input_sizes converted inside it", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [2, 6, 4, 3], "x");
      const f = tf.placeholder(tf.float32, [3, 3, 2, 3], "f");
      const y = tf.nn.conv2dTranspose(x, f, [2, 12, 8, 2], 2);
      expect(names(g).slice(2)).toEqual(["conv2d_transpose/input_sizes:Const", "conv2d_transpose:Conv2DBackpropInput"]);
      expect(y.op.inputs.map((t) => t.name)).toEqual(["conv2d_transpose/input_sizes:0", "f:0", "x:0"]);
      expect([y.shape, y.op.attrs]).toEqual([
        [2, 12, 8, 2],
        {
          T: tf.float32,
          strides: [1, 2, 2, 1],
          use_cudnn_on_gpu: true,
          padding: "SAME",
          explicit_paddings: [],
          data_format: "NHWC",
          dilations: [1, 1, 1, 1],
        },
      ]);
      const nchw = tf.nn.conv2dTranspose(tf.placeholder(tf.float32, [2, 3, 6, 4]), f, [2, 2, 12, 8], [2, 2], {
        dataFormat: "NCHW",
        name: "up",
      });
      expect([nchw.name, nchw.op.attrs.strides, nchw.op.attrs.data_format]).toEqual(["up:0", [1, 1, 2, 2], "NCHW"]);
      const before = graphSnapshot(g);
      expect(() => tf.nn.conv2dTranspose(x, f, [2, 12, 8], [1, 2, 2, 1])).toThrow(
        "Shape must be rank 4 but is rank 3 for 'conv2d_transpose_1' (op: 'Conv2DBackpropInput') with input shapes: [3], [3,3,2,3], [2,6,4,3] and with input tensors computed as partial shapes: input[0] = [2,12,8].",
      );
      expect(() => tf.nn.conv2dTranspose(x, f, [2, 12, 8, 2], [1, 2, 2])).toThrow(
        "strides should be of length 1, 2 or 4 but was 3",
      );
      expect(graphSnapshot(g)).toEqual(before);
    }));

  it("the mismatches TF 1.15 leaves to the kernel fail at run time with Conv2DBackpropInput's message", () =>
    inGraph(() => {
      const y = tf.nn.conv2dTranspose(ones([1, 3, 3, 2]), ones([3, 3, 2, 2]), [1, 7, 6, 2], [1, 2, 2, 1], "SAME");
      expect(() => new tf.Session().run(y)).toThrow(
        new tf.errors.InvalidArgumentError(
          "Conv2DCustomBackpropInput: Size of out_backprop doesn't match computed: actual = 3, computed = 4 spatial_dim: 1 input: 7 filter: 3 output: 3 stride: 2 dilation: 1\n\t [[{{node conv2d_transpose}}]]",
        ),
      );
      const z = tf.nn.conv2dTranspose(ones([1, 3, 3, 3]), ones([3, 3, 2, 2]), [1, 6, 6, 2], [1, 2, 2, 1], "SAME");
      expect(() => new tf.Session().run(z)).toThrow(
        "Conv2DCustomBackpropInput: filter and out_backprop must have the same out_depth",
      );
    }));
});

describe("nn_ops.py: max_pool1d / avg_pool1d (nn_test.py MaxPoolTest, AvgPoolTest)", () => {
  it("test1DTensor: ones [3, 6, 5], ksize 2, stride 2, SAME", () =>
    inGraph(() => {
      const x = ones([3, 6, 5]);
      for (const pool of [tf.nn.maxPool1d, tf.nn.avgPool1d]) {
        const y = pool(x, 2, 2, "SAME");
        expect(y.shape).toEqual([3, 3, 5]);
        expect(values(y)).toEqual(new Array(45).fill(1));
      }
    }));

  it("test1DNumpyWithGolden", () =>
    inGraph(() => {
      const x = tf.constant(
        [
          [[3], [6], [5]],
          [[1], [0], [1]],
        ],
        { dtype: tf.float64 },
      );
      const run = (t: tf.Tensor) => new tf.Session().run(t).toArray();
      expect(run(tf.nn.maxPool1d(x, 2, 1, "SAME"))).toEqual([
        [[6], [6], [5]],
        [[1], [1], [1]],
      ]);
      expect(run(tf.nn.avgPool1d(x, 2, 1, "SAME"))).toEqual([
        [[4.5], [5.5], [5.0]],
        [[0.5], [0.5], [1.0]],
      ]);
    }));

  it("names: MaxPool1d/ and AvgPool1D/ (TF's spellings), the pool named after its scope", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [2, 7, 3], "x");
      const m = tf.nn.maxPool1d(x, 3, 2, "VALID");
      const a = tf.nn.avgPool1d(x, [2], [1], "SAME", { name: "avg" });
      expect(names(g).slice(1)).toEqual([
        "MaxPool1d/ExpandDims/dim:Const",
        "MaxPool1d/ExpandDims:ExpandDims",
        "MaxPool1d:MaxPool",
        "MaxPool1d/Squeeze:Squeeze",
        "avg/ExpandDims/dim:Const",
        "avg/ExpandDims:ExpandDims",
        "avg:AvgPool",
        "avg/Squeeze:Squeeze",
      ]);
      expect([m.shape, a.shape]).toEqual([
        [2, 3, 3],
        [2, 7, 3],
      ]);
      expect(g.getOperationByName("MaxPool1d").attrs).toMatchObject({ ksize: [1, 1, 3, 1], strides: [1, 1, 2, 1] });
      const ncw = tf.nn.maxPool1d(tf.placeholder(tf.float32, [2, 3, 7]), 3, 2, "VALID", { dataFormat: "NCW" });
      expect(ncw.shape).toEqual([2, 3, 3]);
      expect(ncw.op.inputs[0].op.attrs).toMatchObject({ ksize: [1, 1, 1, 3], data_format: "NCHW" });
    }));

  it("gradients through the 1-D pools match float64 central differences", () => {
    const distinct = new tf.NDArray(
      "float64",
      [2, 7, 2],
      Float64Array.from({ length: 28 }, (_, i) => ((i * 11) % 28) / 28),
    );
    checkGradient(([x]) => tf.nn.maxPool1d(x, 3, 2, "SAME"), [distinct], { tolerance: 1e-7 });
    checkGradient(([x]) => tf.nn.avgPool1d(x, 3, 2, "SAME"), [float64([2, 7, 2], 5)], { tolerance: 1e-7 });
  });
});

describe("keras/layers/pooling.py Pooling1D.call (for the layer classes)", () => {
  it("builds ExpandDims, MaxPool / AvgPool, Squeeze in the caller's scope; channels_first transposes around the pool", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [3, 5, 4], "x");
      const y = tf.nameScope("max_pooling1d", () => kerasPooling1d(x, "max", 2, 2, "valid"));
      expect(names(g).slice(1)).toEqual([
        "max_pooling1d/ExpandDims/dim:Const",
        "max_pooling1d/ExpandDims:ExpandDims",
        "max_pooling1d/MaxPool:MaxPool",
        "max_pooling1d/Squeeze:Squeeze",
      ]);
      expect(y.shape).toEqual([3, 2, 4]);
      expect(y.op.inputs[0].op.attrs).toMatchObject({ ksize: [1, 2, 1, 1], strides: [1, 2, 1, 1], padding: "VALID" });
      const before = names(g).length;
      const z = tf.nameScope("average_pooling1d", () =>
        kerasPooling1d(tf.placeholder(tf.float32, [3, 2, 6], "c"), "avg", 2, 2, "valid", "channels_first"),
      );
      expect(names(g).slice(before + 1)).toEqual([
        "average_pooling1d/ExpandDims/dim:Const",
        "average_pooling1d/ExpandDims:ExpandDims",
        "average_pooling1d/transpose/perm:Const",
        "average_pooling1d/transpose:Transpose",
        "average_pooling1d/AvgPool:AvgPool",
        "average_pooling1d/transpose_1/perm:Const",
        "average_pooling1d/transpose_1:Transpose",
        "average_pooling1d/Squeeze:Squeeze",
      ]);
      expect(z.shape).toEqual([3, 2, 3]);
      expect(() => kerasPooling1d(x, "max", 2, 2, "causal")).toThrow("Invalid padding: causal");
    }));

  it("pooling_test.py Pooling1DTest shapes, and the same values as nn.max_pool1d / avg_pool1d", () =>
    inGraph(() => {
      const xv = float64([3, 5, 4], 6);
      const x = tf.constant(xv);
      for (const padding of ["valid", "same"])
        for (const stride of [1, 2]) {
          const k = kerasPooling1d(x, "max", 2, stride, padding);
          const n = tf.nn.maxPool1d(x, 2, stride, padding.toUpperCase());
          const ka = kerasPooling1d(x, "avg", 2, stride, padding);
          const na = tf.nn.avgPool1d(x, 2, stride, padding.toUpperCase());
          expect(k.shape).toEqual([3, padding === "same" ? Math.ceil(5 / stride) : Math.ceil(4 / stride), 4]);
          const [kv, nv, kav, nav] = new tf.Session().run([k, n, ka, na]);
          expect([kv.toArray(), kav.toArray()]).toEqual([nv.toArray(), nav.toArray()]);
        }
      const c = tf.constant(float64([3, 2, 6], 7));
      const cf = kerasPooling1d(c, "max", 2, 2, "valid", "channels_first");
      const expected = tf.nn.maxPool1d(c, 2, 2, "VALID", { dataFormat: "NCW" }).shape;
      expect([cf.shape, expected]).toEqual([
        [3, 2, 3],
        [3, 2, 3],
      ]);
      const viaNwc = tf.transpose(tf.nn.maxPool1d(tf.transpose(c, [0, 2, 1]), 2, 2, "VALID"), [0, 2, 1]);
      const [a, b] = new tf.Session().run([cf, viaNwc]);
      expect(a.toArray()).toEqual(b.toArray());
    }));
});
