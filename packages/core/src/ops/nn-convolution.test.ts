// atrous_conv2d_test.py (AtrousConv2DTest.testAtrousConv2DForward), nn_ops.py's convolution / _WithSpaceToBatch op
// lists (the dilated graph as TF 1.15 builds it: a `filter_shape` Const, no Shape op), and keras Conv's dilated
// build (convolutional_test.py testDilatedConv2D's graph).
import { describe, expect, it } from "vitest";
import { seeded } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";

function inGraph<T>(body: (g: tf.Graph) => T): T {
  const g = new tf.Graph();
  return g.asDefault(() => body(g));
}

const opList = (g: tf.Graph, from = 0) =>
  g
    .getOperations()
    .slice(from)
    .map((op) => `${op.name}:${op.type}`);

const values = (count: number, seed: number) => Array.from({ length: count }, seeded(seed));

/** atrous_conv2d_test.py: _upsample_filters: rate - 1 zeros between the filter taps. */
function upsampleFilters(f: number[], shape: number[], rate: number): { values: number[]; shape: number[] } {
  const [kh, kw, cin, cout] = shape;
  const [uh, uw] = [kh + (kh - 1) * (rate - 1), kw + (kw - 1) * (rate - 1)];
  const out = new Array(uh * uw * cin * cout).fill(0);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let c = 0; c < cin * cout; c++)
        out[(i * rate * uw + j * rate) * cin * cout + c] = f[(i * kw + j) * cin * cout + c];
  return { values: out, shape: [uh, uw, cin, cout] };
}

describe("tf.nn.atrousConv2d / tf.nn.convolution (atrous_conv2d_test.py, nn_ops.py)", () => {
  it("testAtrousConv2DForward: equals conv2d with the upsampled filters, for rates 1..3 and both paddings", () =>
    inGraph(() => {
      const sess = new tf.Session();
      const [height, width, kh, kw] = [9, 8, 3, 2];
      const x = tf.constant(values(2 * height * width * 2, 1), { dtype: tf.float32, shape: [2, height, width, 2] });
      const fValues = values(kh * kw * 2 * 2, 2);
      const f = tf.constant(fValues, { dtype: tf.float32, shape: [kh, kw, 2, 2] });
      for (const rate of [1, 2, 3]) {
        for (const padding of ["SAME", "VALID"]) {
          const up = upsampleFilters(fValues, [kh, kw, 2, 2], rate);
          const fUp = tf.constant(up.values, { dtype: tf.float32, shape: up.shape });
          const y1 = tf.nn.atrousConv2d(x, f, rate, padding);
          const y2 = tf.nn.conv2d(x, fUp, [1, 1, 1, 1], padding);
          expect(y1.shape).toEqual(y2.shape);
          const [a, b] = sess.run([y1, y2]);
          const bv = Array.from(b.data as Float32Array);
          Array.from(a.data as Float32Array).forEach((v, i) => expect(v).toBeCloseTo(bv[i], 4));
        }
      }
    }));

  it("the dilated SAME graph as TF 1.15 builds it: dilation_rate, filter_shape and stack Consts, no Shape op", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [1, 8, 8, 2], "x");
      const f = tf.constant(values(3 * 3 * 2 * 3, 3), { dtype: tf.float32, shape: [3, 3, 2, 3], name: "filters" });
      const before = g.getOperations().length;
      const y = tf.nn.atrousConv2d(x, f, 2, "SAME");
      expect(y.name).toBe("convolution/BatchToSpaceND:0");
      expect(y.shape).toEqual([1, 8, 8, 3]);
      expect(opList(g, before)).toEqual([
        "convolution/dilation_rate:Const",
        "convolution/filter_shape:Const",
        "convolution/stack:Const",
        "convolution/required_space_to_batch_paddings/input_shape:Const",
        "convolution/required_space_to_batch_paddings/paddings:Const",
        "convolution/required_space_to_batch_paddings/crops:Const",
        "convolution/SpaceToBatchND/block_shape:Const",
        "convolution/SpaceToBatchND/paddings:Const",
        "convolution/SpaceToBatchND:SpaceToBatchND",
        "convolution:Conv2D",
        "convolution/BatchToSpaceND/block_shape:Const",
        "convolution/BatchToSpaceND/crops:Const",
        "convolution/BatchToSpaceND:BatchToSpaceND",
      ]);
      expect(
        Array.from((g.getOperationByName("convolution/filter_shape").attrs.value as tf.NDArray).data as Int32Array),
      ).toEqual([3, 3, 2, 3]);
    }));

  it("over unknown spatial dims: TF 1.15's in-graph required_space_to_batch_paddings, and the static graph's values", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [2, null, null, 2], "x");
      const f = tf.constant(values(3 * 3 * 2 * 3, 3), { dtype: tf.float32, shape: [3, 3, 2, 3], name: "filters" });
      const before = g.getOperations().length;
      const y = tf.nn.atrousConv2d(x, f, 2, "SAME");
      expect(y.name).toBe("convolution/BatchToSpaceND:0");
      expect(y.shape).toEqual([2, null, null, 3]);
      // The begin/end/strides Consts of each strided_slice (`strided_slice/stack`, ...) left out.
      const r = "convolution/required_space_to_batch_paddings";
      expect(opList(g, before).filter((n) => !/strided_slice(_\d+)?\/stack(_\d+)?:Const$/.test(n))).toEqual([
        "convolution/dilation_rate:Const",
        "convolution/filter_shape:Const",
        "convolution/stack:Const",
        "convolution/Shape:Shape",
        "convolution/strided_slice:StridedSlice",
        "convolution/strided_slice_1:StridedSlice",
        "convolution/stack_1:Pack",
        `${r}/strided_slice:StridedSlice`,
        `${r}/strided_slice_1:StridedSlice`,
        `${r}/add:AddV2`,
        `${r}/add_1:AddV2`,
        `${r}/mod:FloorMod`,
        `${r}/sub:Sub`,
        `${r}/mod_1:FloorMod`,
        `${r}/add_2:AddV2`,
        `${r}/strided_slice_2:StridedSlice`,
        `${r}/strided_slice_3:StridedSlice`,
        `${r}/strided_slice_4:StridedSlice`,
        `${r}/strided_slice_5:StridedSlice`,
        `${r}/paddings/0:Pack`,
        `${r}/paddings/1:Pack`,
        `${r}/paddings:Pack`,
        `${r}/strided_slice_6:StridedSlice`,
        `${r}/strided_slice_7:StridedSlice`,
        `${r}/crops/0/0:Const`,
        `${r}/crops/0:Pack`,
        `${r}/crops/1/0:Const`,
        `${r}/crops/1:Pack`,
        `${r}/crops:Pack`,
        "convolution/strided_slice_2:StridedSlice",
        "convolution/concat/concat_dim:Const",
        "convolution/concat:Identity",
        "convolution/strided_slice_3:StridedSlice",
        "convolution/concat_1/concat_dim:Const",
        "convolution/concat_1:Identity",
        "convolution/SpaceToBatchND/block_shape:Const",
        "convolution/SpaceToBatchND:SpaceToBatchND",
        "convolution:Conv2D",
        "convolution/BatchToSpaceND/block_shape:Const",
        "convolution/BatchToSpaceND:BatchToSpaceND",
      ]);
      // Odd sizes need the extra end padding (pad_end_extra) and its crop; both paddings give the static values.
      const sess = new tf.Session();
      for (const padding of ["SAME", "VALID"]) {
        const dynamic = tf.nn.atrousConv2d(x, f, 2, padding);
        const xs = tf.constant(values(2 * 9 * 7 * 2, 4), { dtype: tf.float32, shape: [2, 9, 7, 2] });
        const fixed = tf.nn.atrousConv2d(xs, f, 2, padding);
        const [a, b] = sess.run([dynamic, fixed], new Map([[x, sess.run(xs)]]));
        expect(a.shape).toEqual(b.shape);
        expect(Array.from(a.data as Float32Array)).toEqual(Array.from(b.data as Float32Array));
      }
    }));

  it("VALID builds no filter_shape; undilated is one Conv2D named convolution; TF's argument errors", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [1, 8, 8, 2], "x");
      const f = tf.zeros([3, 3, 2, 3]);
      let before = g.getOperations().length;
      tf.nn.convolution(x, f, "VALID", { dilationRate: [2, 2], name: "valid" });
      const names = opList(g, before);
      expect(names).toContain("valid/required_space_to_batch_paddings/base_paddings:Const");
      expect(names.some((n) => n.includes("filter_shape") || n.endsWith(":Shape"))).toBe(false);
      before = g.getOperations().length;
      const plain = tf.nn.convolution(x, f, "SAME");
      expect(opList(g, before)).toEqual(["convolution:Conv2D"]);
      expect(plain.shape).toEqual([1, 8, 8, 3]);
      expect(() => tf.nn.convolution(x, f, "SAME", { strides: [2, 2], dilationRate: [2, 2] })).toThrow(
        "strides > 1 not supported in conjunction with dilation_rate > 1",
      );
      expect(() => tf.nn.convolution(x, f, "SAME", { strides: [1, 1, 1] })).toThrow(
        "strides should be of length 1, 2 or 4 but was 3",
      );
      expect(() => tf.nn.convolution(x, tf.zeros([3, 3, 5, 3]), "SAME", { dilationRate: 2 })).toThrow(
        "number of input channels does not match corresponding dimension of filter, 2 != 5",
      );
    }));

  it("1-D: tf.nn.convolution over a rank-3 input runs conv1d, dilated too", () =>
    inGraph(() => {
      const x = tf.constant(values(10 * 2, 4), { dtype: tf.float32, shape: [1, 10, 2] });
      const fv = values(3 * 2, 5);
      const f = tf.constant(fv, { dtype: tf.float32, shape: [3, 2, 1] });
      const y = tf.nn.convolution(x, f, "VALID", { dilationRate: 2 });
      expect(y.shape).toEqual([1, 6, 1]);
      const xv = Array.from(new tf.Session().run(x).data as Float32Array);
      const got = Array.from(new tf.Session().run(y).data as Float32Array);
      got.forEach((v, t) => {
        let s = 0;
        for (let k = 0; k < 3; k++)
          for (let c = 0; c < 2; c++) s += xv[(t + 2 * k) * 2 + c] * Math.fround(fv[k * 2 + c]);
        expect(v).toBeCloseTo(s, 5);
      });
    }));
});

describe("tf.layers dilated Conv2D graph (keras Conv.build's nn_ops.Convolution)", () => {
  it("SAME: filter_shape and stack built once in build, not a Shape op per call", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [1, 8, 8, 2], "x");
      const layer = new tf.layers.Conv2D(3, 3, { dilationRate: 2, padding: "same" });
      layer.apply(x);
      const names = opList(g).filter((n) => !n.startsWith("conv2d/kernel") && !n.startsWith("conv2d/bias"));
      expect(names).toEqual([
        "x:Placeholder",
        "conv2d/dilation_rate:Const",
        "conv2d/filter_shape:Const",
        "conv2d/stack:Const",
        "conv2d/required_space_to_batch_paddings/input_shape:Const",
        "conv2d/required_space_to_batch_paddings/paddings:Const",
        "conv2d/required_space_to_batch_paddings/crops:Const",
        "conv2d/SpaceToBatchND/block_shape:Const",
        "conv2d/SpaceToBatchND/paddings:Const",
        "conv2d/SpaceToBatchND:SpaceToBatchND",
        "conv2d/Conv2D:Conv2D",
        "conv2d/BatchToSpaceND/block_shape:Const",
        "conv2d/BatchToSpaceND/crops:Const",
        "conv2d/BatchToSpaceND:BatchToSpaceND",
        "conv2d/BiasAdd:BiasAdd",
      ]);
      const before = g.getOperations().length;
      layer.apply(x);
      const second = opList(g, before);
      expect(
        second.some((n) => n.includes("filter_shape") || n.includes("dilation_rate") || n.endsWith("/stack:Const")),
      ).toBe(false);
      // base.py: a second call re-enters the layer's name scope `conv2d/`.
      expect(second[0]).toBe("conv2d/required_space_to_batch_paddings_1/input_shape:Const");
    }));

  it("VALID: no filter_shape, zero base_paddings", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [1, 8, 8, 2], "x");
      tf.layers.conv2d(x, 3, 3, { dilationRate: 2 });
      const names = opList(g);
      expect(names.some((n) => n.includes("filter_shape") || n.includes("Shape:"))).toBe(false);
      expect(names).toContain("conv2d/required_space_to_batch_paddings/base_paddings:Const");
    }));
});
