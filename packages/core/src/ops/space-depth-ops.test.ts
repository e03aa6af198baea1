// kernel_tests/spacetodepth_op_test.py and depthtospace_op_test.py (TF 1.15) in graph mode (NHWC on CPU): values,
// static shapes, the shape functions' ValueErrors, and each op's gradient (the other op) against central differences.
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import * as tf from "../index";
import { inGraph, run } from "../scopes/test-helpers";

const x2x2 = [
  [
    [[1], [2], [5], [6]],
    [[3], [4], [7], [8]],
    [[9], [10], [13], [14]],
    [[11], [12], [15], [16]],
  ],
];
const out2x2 = [
  [
    [
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ],
    [
      [9, 10, 11, 12],
      [13, 14, 15, 16],
    ],
  ],
];

/** spacetodepth_op_test.py: _testOne (and depthtospace_op_test.py's, the other way round). */
function testOne(
  inputs: unknown,
  blockSize: number,
  outputs: unknown,
  dtype: "float32" | "float16" | "uint8" = "float32",
) {
  inGraph(() => {
    const x = tf.cast(tf.constant(inputs as number[]), dtype);
    const s2d = tf.spaceToDepth(x, blockSize);
    expect(run(s2d)).toEqual(outputs);
    expect(s2d.op.type).toBe("SpaceToDepth");
    const back = tf.depthToSpace(tf.cast(tf.constant(outputs as number[]), dtype), blockSize);
    expect(run(back)).toEqual(inputs);
  });
}

describe("spacetodepth_op_test.py / depthtospace_op_test.py", () => {
  it("testBasic: float32, float16, uint8", () => {
    for (const dtype of ["float32", "float16", "uint8"] as const) {
      testOne(
        [
          [
            [[1], [2]],
            [[3], [4]],
          ],
        ],
        2,
        [[[[1, 2, 3, 4]]]],
        dtype,
      );
    }
  });
  it("testLargerInput2x2", () => testOne(x2x2, 2, out2x2));
  it("testBatchSize2", () =>
    testOne([x2x2[0], x2x2[0].map((r) => r.map((p) => [p[0] + 16]))], 2, [
      out2x2[0],
      out2x2[0].map((r) => r.map((p) => p.map((v) => v + 16))),
    ]));
  it("testLargerInput4x4", () => testOne(x2x2, 4, [[[[1, 2, 5, 6, 3, 4, 7, 8, 9, 10, 13, 14, 11, 12, 15, 16]]]]));
  it("testDepthInterleaved", () =>
    testOne(
      [
        [
          [
            [1, 10],
            [2, 20],
          ],
          [
            [3, 30],
            [4, 40],
          ],
        ],
      ],
      2,
      [[[[1, 10, 2, 20, 3, 30, 4, 40]]]],
    ));

  it("testInputWrongDimMissingDepth / MissingBatch", () =>
    inGraph(() => {
      expect(() =>
        tf.spaceToDepth(
          [
            [
              [1, 2],
              [3, 4],
            ],
          ],
          2,
        ),
      ).toThrow(
        "Shape must be rank 4 but is rank 3 for 'SpaceToDepth' (op: 'SpaceToDepth') with input shapes: [1,2,2].",
      );
      expect(() =>
        tf.spaceToDepth(
          [
            [[1], [2]],
            [[3], [4]],
          ],
          2,
        ),
      ).toThrow("Shape must be rank 4 but is rank 3");
    }));

  it("testBlockSize0 / testBlockSizeOne / testBlockSizeLarger / not divisible", () =>
    inGraph(() => {
      const x = [
        [
          [[1], [2]],
          [[3], [4]],
        ],
      ];
      expect(() => tf.spaceToDepth(x, 0)).toThrow("Value for attr 'block_size' of 0 must be at least minimum 2");
      expect(() => tf.spaceToDepth(x, 1)).toThrow("Value for attr 'block_size' of 1 must be at least minimum 2");
      expect(() => tf.spaceToDepth(x, 10)).toThrow(
        "Dimension size must be evenly divisible by 10 but is 2 for 'SpaceToDepth' (op: 'SpaceToDepth') with input shapes: [1,2,2,1].",
      );
      expect(() =>
        tf.spaceToDepth(
          [
            [
              [[1], [2], [3]],
              [[3], [4], [7]],
            ],
          ],
          3,
        ),
      ).toThrow("Dimension size must be evenly divisible by 3 but is 2");
      expect(() => tf.depthToSpace([[[[1, 2, 3]]]], 2)).toThrow(
        "Dimension size must be evenly divisible by 4 but is 3",
      );
    }));

  it("testUnknownShape and the kernel's messages", () =>
    inGraph(() => {
      const p = tf.placeholder("float32");
      const t = tf.spaceToDepth(p, 4);
      expect(t.shape).toEqual([null, null, null, null]);
      expect(() => new tf.Session().run(t, new Map([[p, new tf.NDArray("float32", [1, 4, 6, 1])]]))).toThrow(
        "Image width 6 and height 4 should be divisible by block_size: 4",
      );
      const q = tf.placeholder("float32", [1, 1, 1, null]);
      expect(() =>
        new tf.Session().run(tf.depthToSpace(q, 2), new Map([[q, new tf.NDArray("float32", [1, 1, 1, 6])]])),
      ).toThrow("Input depth dimension 6 should be divisible by: 4");
      expect(() => run(tf.spaceToDepth(tf.zeros([1, 1, 4, 4]), 2, { dataFormat: "NCHW" }))).toThrow(
        "Only NHWC data_format supported on CPU. Got NCHW",
      );
      expect(tf.spaceToDepth(tf.zeros([1, 3, 4, 6]), 2, { dataFormat: "NCHW" }).shape).toEqual([1, 12, 2, 3]);
    }));

  it("SpaceToDepthGradientTest / DepthToSpaceGradientTest: testSmall, testBatchSize2, and TF's grad ops", () => {
    const values = (shape: number[]) =>
      new tf.NDArray(
        "float64",
        shape,
        Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i + 1)),
      );
    checkGradient(([x]) => tf.spaceToDepth(x, 2), [values([1, 4, 6, 3])], { tolerance: 1e-8 });
    checkGradient(([x]) => tf.spaceToDepth(x, 3), [values([2, 3, 6, 2])], { tolerance: 1e-8 });
    checkGradient(([x]) => tf.depthToSpace(x, 2), [values([1, 2, 3, 8])], { tolerance: 1e-8 });
    inGraph((g) => {
      const x = tf.zeros([1, 2, 2, 1]);
      tf.gradients(tf.spaceToDepth(x, 2), [x]);
      expect(g.getOperationByName("gradients/SpaceToDepth_grad/DepthToSpace")?.type).toBe("DepthToSpace");
    });
  });
});
