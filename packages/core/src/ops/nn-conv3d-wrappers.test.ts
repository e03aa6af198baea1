// conv_ops_3d_test.py Conv3DTest (TF 1.15) through tf.nn.conv3d (nn_ops.py conv3d_v1, a Conv3D named `Conv3D`):
// testConv3D1x1x1Filter and testConv3D2x2x2Filter's values, the `filters` alias and TF's messages.
import { describe, expect, it } from "vitest";
import { expectClose } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
/** conv_ops_3d_test.py: _SetupValuesForDevice: values 1/n .. 1. */
const ramp = (shape: number[]) =>
  tf.constant(
    Array.from({ length: size(shape) }, (_, i) => (i + 1) / size(shape)),
    { dtype: "float64", shape },
  );

describe("tf.nn.conv3d (conv_ops_3d_test.py Conv3DTest)", () => {
  it("testConv3D1x1x1Filter", () =>
    inGraph(() => {
      const conv = tf.nn.conv3d(ramp([1, 2, 3, 1, 3]), ramp([1, 1, 1, 3, 3]), [1, 1, 1, 1, 1], "VALID");
      expect(conv.op.type).toBe("Conv3D");
      expect(conv.op.name).toBe("Conv3D");
      expect(conv.shape).toEqual([1, 2, 3, 1, 3]);
      expectClose(
        new tf.Session().run(conv).data as Float64Array,
        [
          0.18518519, 0.22222222, 0.25925926, 0.40740741, 0.5, 0.59259259, 0.62962963, 0.77777778, 0.92592593,
          0.85185185, 1.05555556, 1.25925926, 1.07407407, 1.33333333, 1.59259259, 1.2962963, 1.61111111, 1.92592593,
        ],
        1e-6,
      );
    }));

  it("testConv3D2x2x2Filter, filters given by name", () =>
    inGraph(() => {
      const conv = tf.nn.conv3d(ramp([1, 4, 2, 3, 3]), {
        filters: ramp([2, 2, 2, 3, 3]),
        strides: [1, 1, 1, 1, 1],
        padding: "VALID",
        name: "c3",
      });
      expect(conv.op.name).toBe("c3");
      expectClose(
        new tf.Session().run(conv).data as Float64Array,
        [
          3.77199074, 3.85069444, 3.92939815, 4.2650463, 4.35763889, 4.45023148, 6.73032407, 6.89236111, 7.05439815,
          7.22337963, 7.39930556, 7.57523148, 9.68865741, 9.93402778, 10.17939815, 10.18171296, 10.44097222,
          10.70023148,
        ],
        1e-6,
      );
    }));

  it("filter and filters both given; Conv3DShape's messages", () =>
    inGraph(() => {
      const x = ramp([1, 2, 2, 2, 1]);
      const f = ramp([1, 1, 1, 1, 1]);
      expect(() => tf.nn.conv3d(x, f, [1, 1, 1, 1, 1], "VALID", { filters: f })).toThrow(
        "Cannot specify both 'filter' and 'filters'",
      );
      expect(() => tf.nn.conv3d(x, f, [1, 1, 1, 1], "VALID")).toThrow(
        "Conv3D requires the stride attribute to contain 5 values, but got: 4",
      );
    }));
});
