// conv_ops_3d_test.py (Conv3DTest, NDHWC on CPU, float32 and float64) through tf.nn.convolution on 5-D inputs, which
// builds a Conv3D as TF 1.15's convolution_internal does; _Conv3DGrad checked numerically; Conv3DShape's messages.
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import { seeded } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";

function inGraph<T>(body: (g: tf.Graph) => T): T {
  const g = new tf.Graph();
  return g.asDefault(() => body(g));
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** conv_ops_3d_test.py: _SetupValuesForDevice / _VerifyValues: inputs 1/n .. 1, stride an int or three ints. */
function verifyValues(
  tensorInSizes: number[],
  filterInSizes: number[],
  stride: number | number[],
  padding: string,
  expected: number[],
): void {
  inGraph((g) => {
    for (const dtype of [tf.float64, tf.float32]) {
      const [nt, nf] = [size(tensorInSizes), size(filterInSizes)];
      const t1 = tf.constant(
        Array.from({ length: nt }, (_, i) => (i + 1) / nt),
        { dtype, shape: tensorInSizes },
      );
      const t2 = tf.constant(
        Array.from({ length: nf }, (_, i) => (i + 1) / nf),
        { dtype, shape: filterInSizes },
      );
      const strides = typeof stride === "number" ? [stride, stride, stride] : stride;
      const before = g.getOperations().length;
      const conv = tf.nn.convolution(t1, t2, padding, { strides });
      expect(
        g
          .getOperations()
          .slice(before)
          .map((op) => op.type),
      ).toEqual(["Conv3D"]);
      expect(conv.op.attrs.strides).toEqual([1, ...strides, 1]);
      const value = new tf.Session().run(conv);
      expect(value.shape).toEqual(conv.shape);
      const actual = Array.from(value.data as Float32Array | Float64Array);
      expect(actual.length).toBe(expected.length);
      actual.forEach((v, i) =>
        expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1e-6 + 1e-6 * Math.abs(expected[i])),
      );
    }
  });
}

describe("Conv3D (conv_ops_3d_test.py Conv3DTest)", () => {
  it("testConv3D1x1x1Filter", () => {
    const expected = [
      0.18518519, 0.22222222, 0.25925926, 0.40740741, 0.5, 0.59259259, 0.62962963, 0.77777778, 0.92592593, 0.85185185,
      1.05555556, 1.25925926, 1.07407407, 1.33333333, 1.59259259, 1.2962963, 1.61111111, 1.92592593,
    ];
    verifyValues([1, 2, 3, 1, 3], [1, 1, 1, 3, 3], 1, "VALID", expected);
    verifyValues([1, 2, 1, 3, 3], [1, 1, 1, 3, 3], 1, "VALID", expected);
    verifyValues([1, 1, 2, 3, 3], [1, 1, 1, 3, 3], 1, "VALID", expected);
  });

  it("testConv3D2x2x2Filter", () =>
    verifyValues(
      [1, 4, 2, 3, 3],
      [2, 2, 2, 3, 3],
      1,
      "VALID",
      [
        3.77199074, 3.85069444, 3.92939815, 4.2650463, 4.35763889, 4.45023148, 6.73032407, 6.89236111, 7.05439815,
        7.22337963, 7.39930556, 7.57523148, 9.68865741, 9.93402778, 10.17939815, 10.18171296, 10.44097222, 10.70023148,
      ],
    ));

  it("testConv3DStrides", () =>
    verifyValues(
      [1, 5, 8, 7, 1],
      [1, 2, 3, 1, 1],
      [2, 3, 1],
      "SAME",
      [
        0.06071429, 0.08988095, 0.10238095, 0.11488095, 0.12738095, 0.13988095, 0.08452381, 0.26071429, 0.35238095,
        0.36488095, 0.37738095, 0.38988095, 0.40238095, 0.23452381, 0.46071429, 0.61488095, 0.62738095, 0.63988095,
        0.65238095, 0.66488095, 0.38452381, 1.12738095, 1.48988095, 1.50238095, 1.51488095, 1.52738095, 1.53988095,
        0.88452381, 1.32738095, 1.75238095, 1.76488095, 1.77738095, 1.78988095, 1.80238095, 1.03452381, 1.52738095,
        2.01488095, 2.02738095, 2.03988095, 2.05238095, 2.06488095, 1.18452381, 2.19404762, 2.88988095, 2.90238095,
        2.91488095, 2.92738095, 2.93988095, 1.68452381, 2.39404762, 3.15238095, 3.16488095, 3.17738095, 3.18988095,
        3.20238095, 1.83452381, 2.59404762, 3.41488095, 3.42738095, 3.43988095, 3.45238095, 3.46488095, 1.98452381,
      ],
    ));

  it("testConv3D2x2x2FilterStride2", () =>
    verifyValues(
      [1, 4, 2, 3, 3],
      [2, 2, 2, 3, 3],
      2,
      "VALID",
      [3.77199074, 3.85069444, 3.92939815, 9.68865741, 9.93402778, 10.17939815],
    ));

  it("testConv3DStride3", () =>
    verifyValues(
      [1, 6, 7, 8, 2],
      [3, 2, 1, 2, 3],
      3,
      "VALID",
      [
        1.51140873, 1.57167659, 1.63194444, 1.56349206, 1.62673611, 1.68998016, 1.6155754, 1.68179563, 1.74801587,
        1.9280754, 2.01215278, 2.09623016, 1.98015873, 2.0672123, 2.15426587, 2.03224206, 2.12227183, 2.21230159,
        4.4280754, 4.65500992, 4.88194444, 4.48015873, 4.71006944, 4.93998016, 4.53224206, 4.76512897, 4.99801587,
        4.84474206, 5.09548611, 5.34623016, 4.8968254, 5.15054563, 5.40426587, 4.94890873, 5.20560516, 5.46230159,
      ],
    ));

  it("testConv3D2x2x2FilterStride2Same", () =>
    verifyValues(
      [1, 4, 2, 3, 3],
      [2, 2, 2, 3, 3],
      2,
      "SAME",
      [
        3.77199074, 3.85069444, 3.92939815, 2.0162037, 2.06597222, 2.11574074, 9.68865741, 9.93402778, 10.17939815,
        4.59953704, 4.73263889, 4.86574074,
      ],
    ));

  it("testKernelSmallerThanStride", () => {
    const small = [0.03703704, 0.11111111, 0.25925926, 0.33333333, 0.7037037, 0.77777778, 0.92592593, 1];
    verifyValues([1, 3, 3, 3, 1], [1, 1, 1, 1, 1], 2, "SAME", small);
    verifyValues([1, 3, 3, 3, 1], [1, 1, 1, 1, 1], 2, "VALID", small);
    verifyValues(
      [1, 7, 7, 7, 1],
      [2, 2, 2, 1, 1],
      3,
      "SAME",
      [
        0.54081633, 0.58017493, 0.28061224, 0.81632653, 0.85568513, 0.40306122, 0.41873178, 0.4340379, 0.19642857,
        2.46938776, 2.50874636, 1.1377551, 2.74489796, 2.78425656, 1.26020408, 1.16873178, 1.1840379, 0.51785714,
        1.09511662, 1.10604956, 0.44642857, 1.17164723, 1.18258017, 0.47704082, 0.3691691, 0.37244898, 0.125,
      ],
    );
  });

  it("testKernelSizeMatchesInputSize", () =>
    verifyValues([1, 2, 1, 2, 1], [2, 1, 2, 1, 2], 1, "VALID", [1.5625, 1.875]));

  it("_ConstructAndTestGradient: _Conv3DGrad builds Conv3DBackpropInputV2 / FilterV2 that match finite differences", () => {
    const next = seeded(31);
    const values = (shape: number[]) => {
      const n = size(shape);
      return new tf.NDArray(
        tf.float64,
        shape,
        Float64Array.from({ length: n }, () => next() * 2 - 1),
      );
    };
    for (const [padding, strides] of [
      ["VALID", [1, 1, 1]],
      ["SAME", [2, 1, 2]],
    ] as const) {
      checkGradient(
        ([x, f]) => {
          const y = tf.nn.convolution(x, f, padding, { strides: [...strides] });
          const g = y.graph;
          const [dx, df] = tf.gradients(y, [x, f]) as tf.Tensor[];
          expect([dx.op.type, df.op.type]).toEqual(["Conv3DBackpropInputV2", "Conv3DBackpropFilterV2"]);
          // array_ops.shape of a fully known shape is a Const (shape_internal's optimize=True); no ShapeN as Conv2D's.
          expect(dx.op.inputs[0].op.type).toBe("Const");
          expect(g.getOperations().some((op) => op.type === "ShapeN")).toBe(false);
          return y;
        },
        [values([2, 4, 3, 5, 2]), values([2, 2, 3, 2, 3])],
        { tolerance: 1e-7 },
      );
    }
  });

  it("Conv3DShape: TF's messages for a depth mismatch and for ranks", () =>
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [1, 4, 4, 4, 3], "x");
      expect(() => tf.nn.convolution(x, tf.zeros([2, 2, 2, 2, 1]), "VALID")).toThrow(
        "Dimensions must be equal, but are 3 and 2 for 'convolution' (op: 'Conv3D') with input shapes: [1,4,4,4,3], [2,2,2,2,1].",
      );
      expect(() => tf.nn.convolution(x, tf.zeros([5, 2, 2, 3, 1]), "VALID")).toThrow(
        "Negative dimension size caused by subtracting 5 from 4 for 'convolution' (op: 'Conv3D') with input shapes: [1,4,4,4,3], [5,2,2,3,1].",
      );
      const y = tf.nn.convolution(x, tf.zeros([2, 2, 2, 3, 6]), "SAME", { strides: [2, 1, 3] });
      expect(y.shape).toEqual([1, 2, 4, 2, 6]);
      expect(y.op.attrs.data_format).toBe("NDHWC");
      expect(y.op.attrs.dilations).toEqual([1, 1, 1, 1, 1]);
    }));

  it("a dilated 3-D convolution goes through SpaceToBatchND with a Conv3D inside (nn_ops.py Convolution)", () =>
    inGraph(() => {
      const xs = Array.from({ length: 1 * 5 * 6 * 4 * 2 }, (_, i) => Math.sin(i));
      const x = tf.constant(xs, { dtype: tf.float32, shape: [1, 5, 6, 4, 2] });
      const f = tf.constant(
        Array.from({ length: 2 * 2 * 2 * 2 }, (_, i) => Math.cos(i)),
        { dtype: tf.float32, shape: [2, 2, 2, 2, 1] },
      );
      const y = tf.nn.convolution(x, f, "VALID", { dilationRate: [2, 1, 1] });
      expect(y.op.type).toBe("BatchToSpaceND");
      expect(y.op.inputs[0].op.type).toBe("Conv3D");
      expect(y.shape).toEqual([1, 3, 5, 3, 1]);
      // The dilated filter by hand: taps 2 apart along depth.
      const out = new tf.Session().run(y).data as Float32Array;
      const fv = Array.from({ length: 16 }, (_, i) => Math.fround(Math.cos(i)));
      const xv = xs.map(Math.fround);
      let at = 0;
      for (let d = 0; d < 3; d++)
        for (let h = 0; h < 5; h++)
          for (let w = 0; w < 3; w++) {
            let sum = 0;
            for (let kd = 0; kd < 2; kd++)
              for (let kh = 0; kh < 2; kh++)
                for (let kw = 0; kw < 2; kw++)
                  for (let c = 0; c < 2; c++)
                    sum +=
                      xv[(((d + 2 * kd) * 6 + h + kh) * 4 + w + kw) * 2 + c] * fv[((kd * 2 + kh) * 2 + kw) * 2 + c];
            expect(out[at++]).toBeCloseTo(sum, 4);
          }
    }));
});
