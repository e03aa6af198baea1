// image_ops_test.py ResizeImagesTest and image_grad_test.py (ResizeNearestNeighborOpTest, ResizeBilinearOpTest),
// TF 1.15: tf.image.resizeImages / resizeBilinear / resizeNearestNeighbor values, shapes, dtypes, names, gradients.
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

const { BILINEAR, NEAREST_NEIGHBOR } = tf.image.ResizeMethod;
const METHODS = [BILINEAR, NEAREST_NEIGHBOR];
const TYPES = [tf.uint8, tf.int8, tf.uint16, tf.int16, tf.int32, tf.int64, tf.float32, tf.float64];
const DATA = [
  127, 127, 64, 64, 127, 127, 64, 64, 64, 64, 127, 127, 64, 64, 127, 127, 50, 50, 100, 100, 50, 50, 100, 100,
];

const image = (data: number[], shape: number[], dtype: tf.DType = tf.float32) => tf.constant(data, { dtype, shape });
const flat = (t: tf.Tensor, feeds?: Map<tf.Tensor, unknown>) =>
  Array.from(new tf.Session().run(t, feeds as never).data as ArrayLike<number | bigint>, Number);

function expectAllClose(actual: number[], expected: number[], atol = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i])).toBeLessThanOrEqual(atol));
}

describe("image_ops_test.py ResizeImagesTest", () => {
  it("testNoOp: the same static size returns the images unchanged, for every dtype and method", () =>
    inGraph(() => {
      for (const dtype of TYPES) {
        for (const method of METHODS) {
          const img = image(DATA, [1, 6, 4, 1], dtype);
          const y = tf.image.resizeImages(img, [6, 4], method);
          expect(y).toBe(img);
          expect(flat(tf.shape(y))).toEqual([1, 6, 4, 1]);
        }
        const single = image(DATA, [6, 4, 1], dtype);
        const y = tf.image.resizeImages(single, [6, 4], BILINEAR);
        expect(flat(tf.shape(y))).toEqual([6, 4, 1]);
        expectAllClose(flat(y), DATA);
      }
    }));

  it("testTensorArguments: a fed size, and TF's ValueErrors for sizes of the wrong shape or dtype", () =>
    inGraph(() => {
      const newSize = tf.placeholder(tf.int32, [2]);
      for (const method of METHODS) {
        const y = tf.image.resizeImages(image(DATA, [1, 6, 4, 1], tf.uint8), newSize, method);
        const feeds = new Map([[newSize, [6, 4]]]);
        expect(flat(tf.shape(y), feeds)).toEqual([1, 6, 4, 1]);
        expectAllClose(flat(y, feeds), DATA);
      }
      const single = image(DATA, [6, 4, 1], tf.uint8);
      const y = tf.image.resizeImages(single, newSize, BILINEAR);
      expect(flat(tf.shape(y), new Map([[newSize, [6, 4]]]))).toEqual([6, 4, 1]);
      const shapeError = "'size' must be a 1-D Tensor of 2 elements: new_height, new_width";
      expect(() => tf.image.resizeImages(single, tf.constant(4), BILINEAR)).toThrow(shapeError);
      expect(() => tf.image.resizeImages(single, tf.constant([4]), BILINEAR)).toThrow(shapeError);
      expect(() => tf.image.resizeImages(single, tf.constant([1, 2, 3]), BILINEAR)).toThrow(shapeError);
      const dtypeError = "'size' must be a 1-D int32 Tensor";
      expect(() => tf.image.resizeImages(single, tf.constant([6.5, 4]), BILINEAR)).toThrow(dtypeError);
      expect(() => tf.image.resizeImages(single, [6, 4.5], BILINEAR)).toThrow(dtypeError);
      expect(() => tf.image.resizeImages(single, [null as unknown as number, 4], BILINEAR)).toThrow(
        tf.errors.ValueError,
      );
    }));

  it("testReturnDtype: NEAREST_NEIGHBOR (and a no-op) keep the dtype, BILINEAR gives float32", () =>
    inGraph(() => {
      const targets = [
        [6, 4],
        [3, 2],
        [tf.placeholder(tf.int32), tf.placeholder(tf.int32)],
      ];
      for (const dtype of TYPES) {
        const img = tf.placeholder(dtype, [1, 6, 4, 1]);
        for (const method of METHODS) {
          targets.forEach((target, i) => {
            const y = tf.image.resizeImages(img, target, method);
            expect(y.dtype).toBe(method === NEAREST_NEIGHBOR || i === 0 ? dtype : tf.float32);
          });
        }
      }
    }));

  it("testSumTensor: a width computed by an Add still resolves to the no-op values", () =>
    inGraph(() => {
      const width = tf.add(tf.constant(1), tf.constant(3));
      for (const method of METHODS) {
        const y = tf.image.resizeImages(image(DATA, [1, 6, 4, 1], tf.uint8), [tf.constant(6), width], method);
        expect(flat(tf.shape(y))).toEqual([1, 6, 4, 1]);
        expectAllClose(flat(y), DATA);
      }
    }));

  it("testResizeDown: 6x4 to 3x2, 3-D and 4-D", () =>
    inGraph(() => {
      for (const shape of [
        [1, 6, 4, 1],
        [6, 4, 1],
      ]) {
        for (const dtype of TYPES) {
          for (const method of METHODS) {
            const y = tf.image.resizeImages(image(DATA, shape, dtype), [3, 2], method);
            expectAllClose(flat(y), [127, 64, 64, 127, 50, 100]);
          }
        }
      }
    }));

  it("testResizeUpAlignCornersFalse", () =>
    inGraph(() => {
      const expected = {
        [BILINEAR]: [
          64, 48, 32, 32, 48, 48, 48, 48, 32, 48, 64, 64, 41, 61.5, 82, 82, 50, 75, 100, 100, 50, 75, 100, 100,
        ],
        [NEAREST_NEIGHBOR]: [
          64, 64, 32, 32, 64, 64, 32, 32, 32, 32, 64, 64, 32, 32, 64, 64, 50, 50, 100, 100, 50, 50, 100, 100,
        ],
      };
      for (const dtype of TYPES) {
        for (const method of METHODS) {
          const img = image([64, 32, 32, 64, 50, 100], [1, 3, 2, 1], dtype);
          const y = tf.image.resizeImages(img, [6, 4], method, false);
          expectAllClose(flat(y), expected[method]);
        }
      }
    }));

  it("testResizeUpAlignCornersTrue", () =>
    inGraph(() => {
      const expected = {
        [BILINEAR]: [6, 5, 4, 3, 4.5, 4.5, 4.5, 4.5, 3, 4, 5, 6, 4.5, 5.5, 6.5, 7.5, 6, 7, 8, 9],
        [NEAREST_NEIGHBOR]: [6, 6, 3, 3, 3, 3, 6, 6, 3, 3, 6, 6, 6, 6, 9, 9, 6, 6, 9, 9],
      };
      for (const dtype of TYPES) {
        for (const method of METHODS) {
          const img = image([6, 3, 3, 6, 6, 9], [1, 3, 2, 1], dtype);
          const y = tf.image.resizeImages(img, [5, 4], { method, alignCorners: true });
          expectAllClose(flat(y), expected[method]);
        }
      }
    }));

  it("testShapeInference: single images, known and unknown batch sizes", () =>
    inGraph(() => {
      const cases: [(number | null)[], (number | null)[]][] = [
        [
          [50, 60, 3],
          [55, 66, 3],
        ],
        [
          [55, 66, 3],
          [55, 66, 3],
        ],
        [
          [59, 69, 3],
          [55, 66, 3],
        ],
        [
          [null, 60, 3],
          [55, 66, 3],
        ],
        [
          [55, null, 3],
          [55, 66, 3],
        ],
        [
          [null, null, 3],
          [55, 66, 3],
        ],
        [
          [50, 60, null],
          [55, 66, null],
        ],
        [
          [55, 66, null],
          [55, 66, null],
        ],
        [
          [null, null, null],
          [55, 66, null],
        ],
      ];
      for (const [pre, post] of cases) {
        expect(tf.image.resizeImages(tf.placeholder(tf.float32, pre), [55, 66]).shape).toEqual(post);
        expect(tf.image.resizeImages(tf.placeholder(tf.float32, [99, ...pre]), [55, 66]).shape).toEqual([99, ...post]);
        expect(tf.image.resizeImages(tf.placeholder(tf.float32, [null, ...pre]), [55, 66]).shape).toEqual([
          null,
          ...post,
        ]);
      }
    }));

  it("testNameScope: TF's graph under resize/ (ExpandDims, size, ResizeBilinear, Squeeze)", () =>
    inGraph((g) => {
      const single = tf.placeholder(tf.float32, [50, 60, 3]);
      const y = tf.image.resizeImages(single, [55, 66]);
      expect(y.op.name).toBe("resize/Squeeze");
      const names = g.getOperations().map((op) => `${op.name}:${op.type}`);
      expect(names).toEqual([
        "Placeholder:Placeholder",
        "resize/ExpandDims/dim:Const",
        "resize/ExpandDims:ExpandDims",
        "resize/size:Const",
        "resize/ResizeBilinear:ResizeBilinear",
        "resize/Squeeze:Squeeze",
      ]);
    }));

  it("testPreserveAspectRatio (NoOp, Smaller, Larger, MultipleImages): the output shape", () =>
    inGraph(() => {
      const shapeOf = (xShape: number[], target: number[], preserve: boolean) => {
        const x = tf.placeholder(tf.float32, xShape);
        return tf.image.resizeImages(x, target, { preserveAspectRatio: preserve }).shape;
      };
      expect(shapeOf([10, 100, 100, 10], [250, 250], false)).toEqual([10, 250, 250, 10]);
      const run = (xShape: number[], target: number[]) => {
        const size = xShape.reduce((a, b) => a * b, 1);
        const x = tf.constant(new tf.NDArray("float32", xShape, new Float32Array(size).fill(0.5)));
        return flat(tf.shape(tf.image.resizeImages(x, target, { preserveAspectRatio: true })));
      };
      expect(run([10, 10, 10], [10, 10])).toEqual([10, 10, 10]);
      expect(run([100, 100, 2], [75, 50])).toEqual([50, 50, 2]);
      expect(run([2, 100, 100, 2], [75, 50])).toEqual([2, 50, 50, 2]);
      expect(run([100, 100, 2], [150, 200])).toEqual([150, 150, 2]);
    }));

  it("half_pixel_centers with align_corners is the kernel's InvalidArgumentError", () =>
    inGraph(() => {
      const y = tf.image.resizeBilinear(image([1, 2, 3, 4], [1, 2, 2, 1]), [4, 4], {
        alignCorners: true,
        halfPixelCenters: true,
      });
      expect(() => flat(y)).toThrow("If half_pixel_centers is True, align_corners must be False.");
      expect(() => tf.image.resizeBilinear(image([1, 2], [2, 1]), [4, 4])).toThrow(
        "Shape must be rank 4 but is rank 2 for 'ResizeBilinear_1' (op: 'ResizeBilinear') with input shapes: [2,1], [2].",
      );
    }));

  it("half_pixel_centers: bilinear samples at pixel centres (TF 1.15 HalfPixelScaler)", () =>
    inGraph(() => {
      const y = tf.image.resizeBilinear(image([0, 4], [1, 1, 2, 1]), [1, 4], { halfPixelCenters: true });
      expectAllClose(flat(y), [0, 1, 3, 4]);
      const nn = tf.image.resizeNearestNeighbor(image([0, 4], [1, 1, 2, 1]), [1, 4], { halfPixelCenters: true });
      expectAllClose(flat(nn), [0, 0, 4, 4]);
    }));
});

describe("image_grad_test.py", () => {
  it("ResizeNearestNeighborOpTest testShapeIsCorrectAfterOp / ResizeBilinearOpTest testShapeIsCorrectAfterOp", () =>
    inGraph(() => {
      const x = image(
        Array.from({ length: 24 }, (_, i) => i),
        [1, 2, 3, 4],
      );
      expect(tf.image.resizeNearestNeighbor(x, [4, 6]).shape).toEqual([1, 4, 6, 4]);
      expect(tf.image.resizeBilinear(x, [4, 6]).shape).toEqual([1, 4, 6, 4]);
    }));

  it("testGradFromResizeToLargerInBothDims / ToSmaller: gradients match finite differences (float64)", () => {
    for (const [inShape, size] of [
      [
        [1, 2, 3, 1],
        [4, 6],
      ],
      [
        [1, 4, 6, 1],
        [2, 3],
      ],
    ] as const) {
      for (const alignCorners of [false, true]) {
        const count = (inShape as readonly number[]).reduce((a, b) => a * b, 1);
        const x = new tf.NDArray(
          "float64",
          [...inShape],
          Float64Array.from({ length: count }, (_, i) => Math.sin(i + 1)),
        );
        // ResizeBilinear's output is float32 whatever its input: the check reads it back as float64. It is linear in
        // the image, so a large finite-difference step is exact up to float32 rounding.
        checkGradient(([v]) => tf.cast(tf.image.resizeBilinear(v, [...size], { alignCorners }), tf.float64), [x], {
          delta: 0.1,
          tolerance: 1e-4,
        });
        checkGradient(([v]) => tf.image.resizeNearestNeighbor(v, [...size], { alignCorners }), [x]);
      }
    }
  });

  it("the gradient ops and names: ResizeNearestNeighborGrad with the static size, ResizeBilinearGrad", () =>
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [1, 2, 3, 1], "x");
      const [dnn] = tf.gradients(tf.image.resizeNearestNeighbor(x, [4, 6]), x);
      expect((dnn as tf.Tensor).name).toBe("gradients/ResizeNearestNeighbor_grad/ResizeNearestNeighborGrad:0");
      expect((dnn as tf.Tensor).op.inputs[1].name).toBe(
        "gradients/ResizeNearestNeighbor_grad/ResizeNearestNeighborGrad/size:0",
      );
      expect((dnn as tf.Tensor).shape).toEqual([1, 2, 3, 1]);
      const [dbl] = tf.gradients(tf.image.resizeBilinear(x, [4, 6]), x);
      expect((dbl as tf.Tensor).name).toBe("gradients_1/ResizeBilinear_grad/ResizeBilinearGrad:0");
      const ones = new Map([[x, new tf.NDArray("float32", [1, 2, 3, 1], new Float32Array(6).fill(1))]]);
      // Upsampling 2x3 to 4x6: every input pixel is read by four outputs (nearest) / weights summing to 4 (bilinear).
      expect(flat(dnn as tf.Tensor, ones)).toEqual([4, 4, 4, 4, 4, 4]);
      expect(flat(dbl as tf.Tensor, ones).reduce((a, b) => a + b, 0)).toBeCloseTo(24, 5);
    }));
});
