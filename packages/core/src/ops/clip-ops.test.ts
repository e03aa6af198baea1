// clip_ops_test.py (TF 1.15) ClipTest graph cases (IndexedSlices cases left out: no IndexedSlices yet), with names.
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import { expectClose } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";

function inGraph(body: (g: tf.Graph) => void): void {
  new tf.Graph().asDefault(body);
}
// Flat values (expectClose compares flat arrays), with the shape checked where it matters.
const run = (t: tf.Tensor): number[] => Array.from(new tf.Session().run(t).data as ArrayLike<number>);
const x23 = (values: number[], shape = [2, 3]) => tf.constant(values, tf.float32, shape);

describe("clip_ops_test.py ClipTest: clip_by_value", () => {
  it("testClipByValue", () =>
    inGraph(() => {
      const ans = tf.clipByValue(x23([-5.0, 2.0, 3.0, 4.0, 5.0, 6.0]), -4.4, 4.4);
      expectClose(run(ans), [-4.4, 2.0, 3.0, 4.0, 4.4, 4.4]);
      expect([ans.name, ans.op.type]).toEqual(["clip_by_value:0", "Maximum"]);
      expect(ans.op.inputs[0].name).toBe("clip_by_value/Minimum:0");
    }));

  it("testClipByValueBadShape", () =>
    inGraph(() => {
      const x = x23([-5.0, 2.0, 3.0, 4.0, 5.0, 6.0], [2, 3, 1]);
      const clip = tf.constant([1.0, 2.0], tf.float32);
      expect(() => tf.clipByValue(x, tf.negative(clip), clip)).toThrow(
        "Shapes (2, 3, 1) and (2, 3, 2) are not compatible",
      );
      expect(() => tf.clipByValue(x, 1.0, clip)).toThrow(tf.errors.ValueError);
    }));

  it("testClipByValueNonFinite", () =>
    inGraph(() => {
      const out = run(tf.clipByValue(tf.constant([Number.NaN, Infinity, -Infinity]), -4.0, 4.0));
      expect(Number.isNaN(out[0])).toBe(true);
      expect(out.slice(1)).toEqual([4, -4]);
    }));

  it("DISABLED_testClipByValueGradient (enabled here: finite differences)", () =>
    inGraph(() => {
      checkGradient(([x]) => tf.clipByValue(x, 0.5, 3.5), [[1.0, 2.0, 3.0, 4.0]]);
    }));
});

describe("clip_ops_test.py ClipTest: clip_by_norm", () => {
  const x = [-3.0, 0.0, 0.0, 4.0, 0.0, 0.0];
  it("testClipByNormClipped", () =>
    inGraph((g) => {
      const ans = tf.clipByNorm(x23(x), 4.0);
      expectClose(run(ans), [-2.4, 0.0, 0.0, 3.2, 0.0, 0.0]);
      expect([ans.name, ans.op.type]).toEqual(["clip_by_norm:0", "Identity"]);
      expect(
        ["clip_by_norm/Sum", "clip_by_norm/Greater", "clip_by_norm/Select", "clip_by_norm/Select_1"].map(
          (n) => g.getOperationByName(n).type,
        ),
      ).toEqual(["Sum", "Greater", "Select", "Select"]);
      expect(ans.op.inputs[0].name).toBe("clip_by_norm/truediv:0");
    }));

  it("testClipByNormGradientZeros", () =>
    inGraph(() => {
      const z = tf.zeros([3]);
      const b = tf.clipByNorm(z, 1.0);
      const [grad] = tf.gradients(b, z);
      expect(run(grad as tf.Tensor)).toEqual([1, 1, 1]);
    }));

  it("testClipByNormBadShape", () =>
    inGraph(() => {
      expect(() => tf.clipByNorm(x23(x, [2, 3, 1]), tf.constant([1.0, 2.0], tf.float32))).toThrow(
        "Shapes (2, 3, 1) and (2, 3, 2) are not compatible",
      );
    }));

  it("testClipByNormNotClipped / testClipByNormZero", () =>
    inGraph(() => {
      expectClose(run(tf.clipByNorm(x23(x), 6.0)), [-3.0, 0.0, 0.0, 4.0, 0.0, 0.0]);
      expectClose(run(tf.clipByNorm(x23([0, 0, 0, 0, 0, 0]), 6.0)), [0, 0, 0, 0, 0, 0]);
    }));

  it("testClipByNormClippedWithDim0 / Dim1 / NotClippedWithAxes", () =>
    inGraph(() => {
      const y = [-3.0, 0.0, 0.0, 4.0, 0.0, 3.0];
      expectClose(run(tf.clipByNorm(x23(y), 4.0, [0])), [-2.4, 0.0, 0.0, 3.2, 0.0, 3.0]);
      expectClose(run(tf.clipByNorm(x23(y), 4.0, { axes: [1] })), [-3.0, 0.0, 0.0, 3.2, 0.0, 2.4]);
      expectClose(run(tf.clipByNorm(x23(y), 6.0, [1])), [-3.0, 0.0, 0.0, 4.0, 0.0, 3.0]);
    }));
});

describe("clip_ops_test.py ClipTest: clip_by_global_norm", () => {
  const x0v = [-2.0, 0.0, 0.0, 4.0, 0.0, 0.0];
  it("testClipByGlobalNormClipped (names as TF)", () =>
    inGraph((g) => {
      const x0 = x23(x0v);
      const x1 = tf.constant([1.0, -2.0], tf.float32);
      const [ans, norm] = tf.clipByGlobalNorm([x0, x1], 4.0);
      const sess = new tf.Session();
      expectClose([sess.run(norm).item() as number], [5.0]);
      expectClose(run(ans[0] as tf.Tensor), [-1.6, 0.0, 0.0, 3.2, 0.0, 0.0]);
      expectClose(run(ans[1] as tf.Tensor), [0.8, -1.6]);
      expect(norm.name).toBe("global_norm/global_norm:0");
      expect(ans.map((t) => t?.name)).toEqual([
        "clip_by_global_norm/clip_by_global_norm/_0:0",
        "clip_by_global_norm/clip_by_global_norm/_1:0",
      ]);
      expect(g.getOperationByName("global_norm/L2Loss").attrs._class).toEqual([`loc:@${x0.op.name}`]);
      expect(g.getOperationByName("global_norm/L2Loss_1").type).toBe("L2Loss");
    }));

  it("testClipByGlobalNormClippedTensor / testClipByGlobalNormSupportsNone", () =>
    inGraph(() => {
      const x0 = x23(x0v);
      const x1 = tf.constant([1.0, -2.0], tf.float32);
      const [ans, norm] = tf.clipByGlobalNorm([x0, null, x1, null], tf.constant(4.0, tf.float32));
      expect([ans[1], ans[3]]).toEqual([null, null]);
      expectClose(run(norm), [5.0]);
      expectClose(run(ans[2] as tf.Tensor), [0.8, -1.6]);
    }));

  it("testClipByGlobalNormNotClipped / testClipByGlobalNormZero / Inf", () =>
    inGraph(() => {
      const [ans, norm] = tf.clipByGlobalNorm([x23(x0v), tf.constant([1.0, -2.0], tf.float32)], 6.0);
      expectClose(run(norm), [5.0]);
      expectClose(run(ans[1] as tf.Tensor), [1.0, -2.0]);
      const [zeros, zeroNorm] = tf.clipByGlobalNorm(
        [x23([0, 0, 0, 0, 0, 0]), tf.constant([0.0, 0.0], tf.float32)],
        6.0,
      );
      expectClose(run(zeroNorm), [0.0]);
      expectClose(run(zeros[1] as tf.Tensor), [0, 0]);
      const [inf] = tf.clipByGlobalNorm([tf.constant([Infinity, 1.0])], 6.0);
      expect(run(inf[0] as tf.Tensor).every(Number.isNaN)).toBe(true);
    }));

  it("t_list should be a sequence", () =>
    inGraph(() => {
      expect(() => tf.clipByGlobalNorm(tf.constant(1.0) as never, 1.0)).toThrow("t_list should be a sequence");
      expect(() => tf.globalNorm("ab" as never)).toThrow("t_list should be a sequence");
    }));
});

describe("clip_ops_test.py ClipTest: clip_by_average_norm", () => {
  it("testClipByAverageNormClipped / NotClipped / Zero", () =>
    inGraph(() => {
      const x = x23([-3.0, 0.0, 0.0, 4.0, 0.0, 0.0]);
      // Average norm of x = sqrt(3^2 + 4^2) / 6 = 0.83333333
      const ans = tf.clipByAverageNorm(x, 0.8);
      expectClose(run(ans), [-2.88, 0.0, 0.0, 3.84, 0.0, 0.0]);
      expect(ans.name).toBe("clip_by_average_norm:0");
      expectClose(run(tf.clipByAverageNorm(x, 0.9)), [-3.0, 0.0, 0.0, 4.0, 0.0, 0.0]);
    }));
});
