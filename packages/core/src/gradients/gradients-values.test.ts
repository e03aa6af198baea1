// gradients_test.py GradientsTest (graph mode): gradient values through the families' real gradient functions.
import { describe, expect, it } from "vitest";
import { checkGradient } from "../../../../tools/test-kit/src/gradient-check";
import * as tf from "../index";

function f64(value: number | number[] | number[][]): tf.Tensor {
  return tf.constant(value, { dtype: tf.float64 });
}

function run(fetches: (tf.Tensor | tf.IndexedSlices | null)[]): number[] {
  const sess = new tf.Session();
  return fetches.map((t) => (t === null ? Number.NaN : (sess.run(t as tf.Tensor).item() as number)));
}

describe("tf.gradients values (gradients_test.py GradientsTest)", () => {
  it("testBoundaryContinue: d(3 * 2x)/dx = 6 with x and y = 2x both in xs", () => {
    new tf.Graph().asDefault(() => {
      const x = f64(1.0);
      const y = x.mul(2.0);
      const z = y.mul(3.0);
      const grads = tf.gradients(z, [x, y]);
      expect(run(grads)).toEqual([6, 3]);
    });
  });

  it("testAggregationMethodAddN: y + y + ... (10 times) sums into AddN: dz/dx = 20, dz/dy = 10", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = f64(1.0);
      const y = x.mul(2.0);
      let z = y.add(y);
      for (let i = 0; i < 8; i++) z = z.add(y);
      const [dx, dy] = tf.gradients(z, [x, y]) as (tf.Tensor | null)[];
      expect(run([dx, dy])).toEqual([20, 10]);
      expect(dy?.op.type).toBe("AddN");
      expect(dy?.op.inputs.length).toBe(10);
    });
  });

  it("testDependentYs: gradients([y, y2], x) with y = x^2, y2 = y^4 is 17502 at x = 3", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = f64(3.0);
      const y = tf.square(x);
      const y1 = tf.square(y);
      const y2 = tf.square(y1);
      expect(run(tf.gradients([y, y2], x))).toEqual([17502]);
      expect(run(tf.gradients(y.add(y2), x))).toEqual([17502]);
      const z = tf.identity(y);
      const z2 = tf.identity(y2);
      expect(run(tf.gradients([z, z2], x))).toEqual([17502]);
    });
  });

  it("testPartialDerivatives: z = x + 2x gives [3, 1]; with stopGradients [x, y] it gives [1, 1]", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = f64(1.0);
      const y = x.mul(2);
      const z = x.add(y);
      expect(run(tf.gradients(z, [x, y]))).toEqual([3, 1]);
      expect(run(tf.gradients(z, [x, y], { stopGradients: [x, y] }))).toEqual([1, 1]);
    });
  });

  it("testStopGradients: stopGradients gives what tf.stopGradient in the graph gives", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const m = [
        f64([
          [0.5, -1],
          [2, 0.25],
        ]),
        f64([
          [1.5, 0.5],
          [-0.5, 1],
        ]),
        f64([
          [0.1, 0.2],
          [0.3, 0.4],
        ]),
      ];
      const build = (stop: string) => {
        const a0 = f64([
          [1, 2],
          [3, 4],
        ]);
        const a = stop.includes("a") ? tf.stopGradient(a0) : a0;
        const b0 = tf.matmul(m[0], a).add(m[2]);
        const b = stop.includes("b") ? tf.stopGradient(b0) : b0;
        const c = tf.matmul(m[1], a).add(tf.matmul(m[0], b));
        return { a, b, c };
      };
      const plain = build("");
      for (const stop of ["a", "b", "ab"]) {
        const stopped = build(stop);
        const viaOp = tf.gradients(stopped.c, [stopped.a, stopped.b]);
        const viaOption = tf.gradients(plain.c, [plain.a, plain.b], {
          stopGradients: [...stop].map((k) => plain[k as "a" | "b"]),
        });
        const sess = new tf.Session();
        viaOp.forEach((t, i) => {
          const other = viaOption[i];
          expect(t).not.toBeNull();
          expect(Array.from(sess.run(t as tf.Tensor).data as Float64Array)).toEqual(
            Array.from(sess.run(other as tf.Tensor).data as Float64Array),
          );
        });
      }
    });
  });

  it("checkGradient agrees with central differences through several ops and reports an unconnected input", () => {
    const report = checkGradient(
      ([a, b]) => tf.reduceSum(tf.square(tf.matmul(a, b)).mul(0.5), 1),
      [
        [
          [0.5, -1, 2],
          [1, 0.25, -0.5],
        ],
        [[1], [2], [-1]],
      ],
    );
    expect(report.maxError).toBeLessThan(1e-8);
    expect(report.unconnected).toEqual([false, false]);
    const partial = checkGradient(([a]) => tf.square(a), [[1, 2], [3]], { assert: false });
    expect(partial.unconnected).toEqual([false, true]);
    expect(partial.symbolic[1]).toEqual([0]);
    // d/da (stop(a^2) + a) is 1 symbolically but 1 + 2a numerically: the check names the worst element.
    expect(() => checkGradient(([a]) => tf.stopGradient(tf.square(a)).add(a), [[1, 2]])).toThrow(
      "checkGradient(AddV2): error 0.6660559440154482 exceeds 0.000001 at x0[1]: symbolic -0.994528557639569, numeric -4.97264278820353",
    );
  });
});
