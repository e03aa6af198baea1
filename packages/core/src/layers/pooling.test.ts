// Ports of tensorflow/python/layers/pooling_test.py (TF 1.15) PoolingTest, graph mode; 3-D pooling is not ported.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { graphSnapshot, inGraph, names, run } from "../scopes/test-helpers";

const images = (shape: number[]) => tf.randomUniform(shape, { seed: 1 });

describe("pooling_test.py PoolingTest", () => {
  it("testInvalidDataFormat / testInvalidStrides / testInvalidPoolSize", () =>
    inGraph((g) => {
      const x = images([5, 7, 9, 3]);
      const before = graphSnapshot(g);
      expect(() => tf.layers.maxPooling2d(x, 3, 2, { dataFormat: "invalid" })).toThrow(
        'The `data_format` argument must be one of "channels_first", "channels_last". Received: invalid',
      );
      expect(() => tf.layers.maxPooling2d(x, 3, [1, 2, 3])).toThrow(
        "The `strides` argument must be a tuple of 2 integers. Received: (1, 2, 3)",
      );
      expect(() => tf.layers.maxPooling2d(x, 3, null as unknown as number)).toThrow(
        "Argument `strides` must not be None.",
      );
      expect(() => tf.layers.maxPooling2d(x, [1, 2, 3], 2)).toThrow(
        "The `pool_size` argument must be a tuple of 2 integers. Received: (1, 2, 3)",
      );
      expect(() => tf.layers.maxPooling2d(x, null as unknown as number, 2)).toThrow(
        "The `pool_size` argument must be a tuple of 2 integers. Received: null",
      );
      expect(graphSnapshot(g)).toEqual(before);
    }));

  it("testCreateMaxPooling2D / testCreateAveragePooling2D", () =>
    inGraph((g) => {
      const x = images([5, 7, 9, 4]);
      const out = new tf.layers.MaxPooling2D([2, 2], 2).apply(x);
      expect(out.shape).toEqual([5, 3, 4, 4]);
      expect(out.op.name).toBe("max_pooling2d/MaxPool");
      const avg = new tf.layers.AveragePooling2D([2, 2], 2).apply(x);
      expect(avg.shape).toEqual([5, 3, 4, 4]);
      expect(avg.op.name).toBe("average_pooling2d/AvgPool");
      expect(names(g).filter((n) => n.includes("pooling"))).toEqual([
        "max_pooling2d/MaxPool:MaxPool",
        "average_pooling2d/AvgPool:AvgPool",
      ]);
    }));

  it("testCreateMaxPooling2DChannelsFirst / testCreateAveragePooling2DChannelsFirst(WithNoneBatch)", () =>
    inGraph(() => {
      const x = images([5, 2, 7, 9]);
      let out = new tf.layers.MaxPooling2D([2, 2], 1, { dataFormat: "channels_first" }).apply(x);
      expect(out.shape).toEqual([5, 2, 6, 8]);
      expect(out.op.getAttr("data_format")).toBe("NCHW");
      out = new tf.layers.AveragePooling2D([2, 2], [1, 1], { padding: "valid", dataFormat: "channels_first" }).apply(x);
      expect(out.shape).toEqual([5, 2, 6, 8]);
      const p = tf.placeholder("float32", [null, 2, 7, 9]);
      out = tf.layers.averagePooling2d(p, [2, 2], [1, 1], { padding: "valid", dataFormat: "channels_first" });
      expect(out.shape).toEqual([null, 2, 6, 8]);
    }));

  it("testCreateMaxPooling1D / testCreateAveragePooling1D (+ ChannelsFirst)", () =>
    inGraph((g) => {
      const [width, channels] = [7, 3];
      const x = images([5, width, channels]);
      let out = new tf.layers.MaxPooling1D(2, 2).apply(x);
      expect(out.shape).toEqual([5, Math.floor(width / 2), channels]);
      expect(out.op.name).toBe("max_pooling1d/Squeeze");
      expect(g.getOperationByName("max_pooling1d/MaxPool").type).toBe("MaxPool");
      out = new tf.layers.AveragePooling1D(2, 2).apply(x);
      expect(out.shape).toEqual([5, Math.floor(width / 2), channels]);
      const xf = images([5, channels, width]);
      out = new tf.layers.MaxPooling1D(2, 2, { dataFormat: "channels_first" }).apply(xf);
      expect(out.shape).toEqual([5, channels, Math.floor(width / 2)]);
      out = new tf.layers.AveragePooling1D(2, 2, { dataFormat: "channels_first" }).apply(xf);
      expect(out.shape).toEqual([5, channels, Math.floor(width / 2)]);
    }));

  it("testCreateMaxPooling2DIntegerPoolSize / testMaxPooling2DPaddingSame / testCreatePooling2DWithStrides", () =>
    inGraph(() => {
      const x = images([5, 7, 9, 4]);
      expect(new tf.layers.MaxPooling2D(2, 2).apply(x).shape).toEqual([5, 3, 4, 4]);
      expect(new tf.layers.MaxPooling2D([7, 9], 2, { padding: "same" }).apply(x).shape).toEqual([5, 4, 5, 4]);
      const y = images([5, 6, 6, 4]);
      expect(new tf.layers.MaxPooling2D([2, 2], 1, { padding: "same" }).apply(y).shape).toEqual([5, 6, 6, 4]);
      expect(new tf.layers.MaxPooling2D([2, 2], 2, { padding: "same" }).apply(y).shape).toEqual([5, 3, 3, 4]);
      expect(new tf.layers.MaxPooling2D([2, 2], [1, 2], { padding: "same" }).apply(y).shape).toEqual([5, 6, 3, 4]);
    }));

  it("values: max and average pooling of a 4x4 ramp", () =>
    inGraph(() => {
      const x = tf.reshape(tf.cast(tf.range(16), "float32"), [1, 4, 4, 1]);
      expect(run(tf.layers.maxPooling2d(x, 2, 2))).toEqual([
        [
          [[5], [7]],
          [[13], [15]],
        ],
      ]);
      expect(run(tf.layers.averagePooling2d(x, 2, 2))).toEqual([
        [
          [[2.5], [4.5]],
          [[10.5], [12.5]],
        ],
      ]);
      const s = tf.reshape(tf.cast(tf.range(6), "float32"), [1, 6, 1]);
      expect(run(tf.layers.maxPooling1d(s, 2, 2, { name: "mp" }))).toEqual([[[1], [3], [5]]]);
    }));
});
