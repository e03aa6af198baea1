// SpaceToBatchND / BatchToSpaceND (the api_def examples of array_ops.cc) and the atrous path of
// nn_ops.py: with_space_to_batch as depthwise_conv2d / separable_conv2d build it for a rate above 1.
import { uniform } from "@scopeflow/test-kit";
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import { expectClose } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";
import { inGraph, names } from "../scopes/test-helpers";
import { batchToSpaceNd, spaceToBatchNd } from "./space-to-batch-ops";

const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const float64 = (shape: number[], seed: number) =>
  new tf.NDArray("float64", shape, Float64Array.from(uniform(size(shape), seed)));
const run = (t: tf.Tensor) => new tf.Session().run(t).toArray();
const iota = (shape: number[]) =>
  tf.constant(
    Array.from({ length: size(shape) }, (_, i) => i + 1),
    { shape, dtype: tf.float32 },
  );

/** A dilated depthwise convolution (stride 1): SAME pads (f - 1) * rate in total, floor of half before. */
function naiveAtrous(x: Float64Array, xs: number[], f: Float64Array, fs: number[], rate: number[], padding: string) {
  const [n, h, w, c] = xs;
  const [fh, fw, , m] = fs;
  const [eh, ew] = [(fh - 1) * rate[0], (fw - 1) * rate[1]];
  const [oh, ow] = padding === "SAME" ? [h, w] : [h - eh, w - ew];
  const [top, left] = padding === "SAME" ? [Math.floor(eh / 2), Math.floor(ew / 2)] : [0, 0];
  const out = new Float64Array(n * oh * ow * c * m);
  let o = 0;
  for (let b = 0; b < n; b++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++)
        for (let k = 0; k < c; k++)
          for (let q = 0; q < m; q++) {
            let sum = 0;
            for (let di = 0; di < fh; di++)
              for (let dj = 0; dj < fw; dj++) {
                const y = i + di * rate[0] - top;
                const z = j + dj * rate[1] - left;
                if (y >= 0 && y < h && z >= 0 && z < w) {
                  sum += x[((b * h + y) * w + z) * c + k] * f[((di * fw + dj) * c + k) * m + q];
                }
              }
            out[o++] = sum;
          }
  return { shape: [n, oh, ow, c * m], data: out };
}

describe("SpaceToBatchND / BatchToSpaceND (api_def_SpaceToBatchND.pbtxt examples)", () => {
  it("(1)-(4): SpaceToBatchND's values and shapes, and BatchToSpaceND back", () =>
    inGraph(() => {
      const cases: [number[], number[][], unknown][] = [
        [
          [1, 2, 2, 1],
          [
            [0, 0],
            [0, 0],
          ],
          [[[[1]]], [[[2]]], [[[3]]], [[[4]]]],
        ],
        [
          [1, 2, 2, 3],
          [
            [0, 0],
            [0, 0],
          ],
          [[[[1, 2, 3]]], [[[4, 5, 6]]], [[[7, 8, 9]]], [[[10, 11, 12]]]],
        ],
        [
          [1, 4, 4, 1],
          [
            [0, 0],
            [0, 0],
          ],
          [
            [
              [[1], [3]],
              [[9], [11]],
            ],
            [
              [[2], [4]],
              [[10], [12]],
            ],
            [
              [[5], [7]],
              [[13], [15]],
            ],
            [
              [[6], [8]],
              [[14], [16]],
            ],
          ],
        ],
        [
          [2, 2, 4, 1],
          [
            [0, 0],
            [2, 0],
          ],
          [
            [[[0], [1], [3]]],
            [[[0], [9], [11]]],
            [[[0], [2], [4]]],
            [[[0], [10], [12]]],
            [[[0], [5], [7]]],
            [[[0], [13], [15]]],
            [[[0], [6], [8]]],
            [[[0], [14], [16]]],
          ],
        ],
      ];
      for (const [shape, paddings, expected] of cases) {
        const x = iota(shape);
        const y = spaceToBatchNd(x, [2, 2], paddings);
        expect(y.shape).toEqual(
          (expected as unknown[][][][]).length === 8 ? [8, 1, 3, 1] : [4, shape[1] / 2, shape[2] / 2, shape[3]],
        );
        expect(run(y)).toEqual(expected);
        const back = batchToSpaceNd(y, [2, 2], paddings);
        expect(back.shape).toEqual(shape);
        expect(run(back)).toEqual(run(x));
      }
    }));

  it("builds TF's attrs and names and gives the shape functions' messages", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [null, 4, 6, 3], "x");
      const y = spaceToBatchNd(
        x,
        [2, 3],
        [
          [0, 0],
          [1, 2],
        ],
      );
      expect(names(g).slice(1)).toEqual([
        "SpaceToBatchND/block_shape:Const",
        "SpaceToBatchND/paddings:Const",
        "SpaceToBatchND:SpaceToBatchND",
      ]);
      expect([y.shape, y.op.attrs]).toEqual([
        [null, 2, 3, 3],
        { T: tf.float32, Tblock_shape: tf.int32, Tpaddings: tf.int32 },
      ]);
      expect(
        batchToSpaceNd(
          tf.placeholder(tf.float32, [12, 2, 3, 3]),
          [2, 3],
          [
            [0, 1],
            [1, 0],
          ],
        ).shape,
      ).toEqual([2, 3, 8, 3]);
      expect(() =>
        spaceToBatchNd(
          x,
          [2, 2],
          [
            [0, 0],
            [0, 1],
          ],
        ),
      ).toThrow(
        "Dimension size must be evenly divisible by 2 but is 7 for 'SpaceToBatchND_1' (op: 'SpaceToBatchND') with input shapes: [?,4,6,3], [2], [2,2] and with computed input tensors: input[1] = <2 2>, input[2] = <0 0 0 1>.",
      );
      expect(() =>
        batchToSpaceNd(
          tf.placeholder(tf.float32, [3, 2, 2, 1]),
          [2, 2],
          [
            [0, 0],
            [0, 0],
          ],
        ),
      ).toThrow(
        "Dimension size must be evenly divisible by 2 but is 3 for 'BatchToSpaceND_1' (op: 'BatchToSpaceND') with input shapes: [3,2,2,1], [2], [2,2] and with computed input tensors: input[1] = <2 2>, input[2] = <0 0 0 0>.",
      );
      expect(() => spaceToBatchNd(x, [2, 2], [[0, 0]])).toThrow(
        "Dimension 0 in both shapes must be equal, but are 1 and 2. Shapes are [1,2] and [2,2].",
      );
      expect(() =>
        spaceToBatchNd(
          x,
          [0, 2],
          [
            [0, 0],
            [0, 0],
          ],
        ),
      ).toThrow("block_shape must be positive");
    }));

  it("each is the other's gradient (array_grad.py), checked against float64 central differences", () => {
    checkGradient(
      ([x]) =>
        spaceToBatchNd(
          x,
          [2, 2],
          [
            [1, 0],
            [0, 1],
          ],
        ),
      [float64([2, 3, 3, 2], 1)],
      { tolerance: 1e-7 },
    );
    checkGradient(
      ([x]) =>
        batchToSpaceNd(
          x,
          [2, 1],
          [
            [1, 0],
            [0, 0],
          ],
        ),
      [float64([4, 2, 3, 1], 2)],
      { tolerance: 1e-7 },
    );
  });
});

describe("nn_ops.py: with_space_to_batch for a rate above 1 (depthwise_conv2d, separable_conv2d)", () => {
  it("depthwise_conv2d with rate [2, 2], SAME: TF 1.15's graph under depthwise/", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [2, 7, 6, 3], "x");
      const f = tf.placeholder(tf.float32, [3, 3, 3, 2], "f");
      const y = tf.nn.depthwiseConv2d(x, f, [1, 1, 1, 1], "SAME", { rate: [2, 2] });
      expect(names(g).slice(2)).toEqual([
        "depthwise/Shape:Const",
        "depthwise/dilation_rate:Const",
        "depthwise/stack:Const",
        "depthwise/required_space_to_batch_paddings/input_shape:Const",
        "depthwise/required_space_to_batch_paddings/paddings:Const",
        "depthwise/required_space_to_batch_paddings/crops:Const",
        "depthwise/SpaceToBatchND/block_shape:Const",
        "depthwise/SpaceToBatchND/paddings:Const",
        "depthwise/SpaceToBatchND:SpaceToBatchND",
        "depthwise:DepthwiseConv2dNative",
        "depthwise/BatchToSpaceND/block_shape:Const",
        "depthwise/BatchToSpaceND/crops:Const",
        "depthwise/BatchToSpaceND:BatchToSpaceND",
      ]);
      const constValue = (name: string) =>
        Array.from((g.getOperationByName(name).attrs.value as tf.NDArray).data as Int32Array);
      expect(constValue("depthwise/stack")).toEqual([2, 2, 2, 2]);
      expect(constValue("depthwise/SpaceToBatchND/paddings")).toEqual([2, 3, 2, 2]);
      expect(constValue("depthwise/BatchToSpaceND/crops")).toEqual([0, 1, 0, 0]);
      expect(g.getOperationByName("depthwise").attrs.padding).toBe("VALID");
      expect(y.shape).toEqual([2, 7, 6, 6]);
      const v = tf.nn.depthwiseConv2d(x, f, [1, 1, 1, 1], "VALID", { rate: [2, 1], name: "v" });
      expect(names(g).filter((n) => n.startsWith("v/required"))).toEqual([
        "v/required_space_to_batch_paddings/input_shape:Const",
        "v/required_space_to_batch_paddings/base_paddings:Const",
        "v/required_space_to_batch_paddings/paddings:Const",
        "v/required_space_to_batch_paddings/crops:Const",
      ]);
      expect(v.shape).toEqual([2, 3, 4, 6]);
      expect(() => tf.nn.depthwiseConv2d(x, f, [1, 1, 1, 1], "FULL", { rate: [2, 2] })).toThrow(
        "Invalid padding method 'FULL'",
      );
    }));

  for (const [rate, padding] of [
    [[2, 2], "SAME"],
    [[2, 3], "VALID"],
    [[3, 1], "SAME"],
  ] as const) {
    it(`depthwise_conv2d rate ${JSON.stringify(rate)} ${padding}: a dilated convolution's values and gradients`, () => {
      const xs = [2, 8, 7, 2];
      const fs = [3, 2, 2, 2];
      const xv = float64(xs, 3);
      const fv = float64(fs, 4);
      inGraph(() => {
        const y = tf.nn.depthwiseConv2d(tf.constant(xv), tf.constant(fv), [1, 1, 1, 1], padding, { rate: [...rate] });
        const expected = naiveAtrous(xv.data as Float64Array, xs, fv.data as Float64Array, fs, [...rate], padding);
        expect(y.shape).toEqual(expected.shape);
        expectClose(new tf.Session().run(y).data as Float64Array, expected.data, 1e-12);
      });
      checkGradient(([x, f]) => tf.nn.depthwiseConv2d(x, f, [1, 1, 1, 1], padding, { rate: [...rate] }), [xv, fv], {
        tolerance: 1e-7,
      });
    });
  }

  it("separable_conv2d with a rate: separable_conv2d/SpaceToBatchND, /depthwise, /BatchToSpaceND, then the Conv2D", () =>
    inGraph((g) => {
      const y = tf.nn.separableConv2d(
        tf.placeholder(tf.float32, [1, 9, 9, 2], "x"),
        tf.placeholder(tf.float32, [3, 3, 2, 1], "df"),
        tf.placeholder(tf.float32, [1, 1, 2, 4], "pf"),
        [1, 1, 1, 1],
        "SAME",
        { rate: [2, 2] },
      );
      const ops = names(g).filter(
        (n) => !n.includes("/block_shape") && !n.includes("required_space") && !n.endsWith(":Const"),
      );
      expect(ops.slice(3)).toEqual([
        "separable_conv2d/SpaceToBatchND:SpaceToBatchND",
        "separable_conv2d/depthwise:DepthwiseConv2dNative",
        "separable_conv2d/BatchToSpaceND:BatchToSpaceND",
        "separable_conv2d:Conv2D",
      ]);
      expect(y.shape).toEqual([1, 9, 9, 4]);
    }));

  it("a non-static spatial shape: the paddings computed in-graph give the static graph's values", () =>
    inGraph(() => {
      const xs = Array.from({ length: 2 * 7 * 6 * 3 }, (_, i) => Math.sin(i));
      const f = tf.constant(
        Array.from({ length: 27 }, (_, i) => Math.cos(i)),
        { dtype: tf.float32, shape: [3, 3, 3, 1] },
      );
      const known = tf.constant(xs, { dtype: tf.float32, shape: [2, 7, 6, 3] });
      const x = tf.placeholder(tf.float32, [null, null, 6, 3], "x");
      const dynamic = tf.nn.depthwiseConv2d(x, f, [1, 1, 1, 1], "SAME", { rate: [2, 2] });
      const fixed = tf.nn.depthwiseConv2d(known, f, [1, 1, 1, 1], "SAME", { rate: [2, 2] });
      expect(dynamic.shape).toEqual([null, null, null, 3]);
      const sess = new tf.Session();
      const [a, b] = sess.run([dynamic, fixed], new Map([[x, sess.run(known)]]));
      expect(a.shape).toEqual([2, 7, 6, 3]);
      expect(Array.from(a.data as Float32Array)).toEqual(Array.from(b.data as Float32Array));
    }));
});
