// gradient_checker.py: compute_gradient_error's idea — the symbolic gradient against central finite differences —
// reduced to one scalar: L(x) = sum(y(x) * w) for a fixed random weight w, so one tf.gradients call (grad_ys = w)
// gives dL/dx, and 2 runs per element of x give the numeric estimate.
// Core is imported from its sources (not the built package) so that the Graph, Tensor and Session classes are the
// same module instances the calling test uses.
import type { Tensor } from "../../../packages/core/src/framework/tensor";
import { type ArrayValue, toNDArray } from "../../../packages/core/src/framework/tensor-value";
import * as tf from "../../../packages/core/src/index";
import { seeded } from "./random";

export type GradientInput = ArrayValue | tf.NDArray;

export interface GradientCheckOptions {
  /** Finite-difference step (default 1e-5; the graph runs in float64). */
  delta?: number;
  /** Largest allowed error, measured as |symbolic - numeric| / (1 + |numeric|) (default 1e-6). */
  tolerance?: number;
  /** Seed of the weight w (default 1). */
  seed?: number;
  /** Throw when the error exceeds `tolerance` (default true); the report is returned either way otherwise. */
  assert?: boolean;
  /** Named in the failure message (default: the type of y's op). */
  name?: string;
}

export interface GradientCheckReport {
  /** max over every x and element of |symbolic - numeric| / (1 + |numeric|). */
  maxError: number;
  /** Per x: dL/dx from tf.gradients (zeros where tf.gradients gave null), flat, row-major. */
  symbolic: number[][];
  /** Per x: the central-difference estimate, flat, row-major. */
  numeric: number[][];
  /** Per x: whether tf.gradients returned null (not connected). */
  unconnected: boolean[];
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Builds `buildY(xs)` in a fresh graph with float64 placeholders `x0, x1, ...` fed `xValues`, and compares
 * tf.gradients of L = sum(y * w) with central finite differences. Returns the report; throws (by default) when
 * the error exceeds the tolerance, naming the input and element.
 */
export function checkGradient(
  buildY: (xs: Tensor[]) => Tensor,
  xValues: readonly GradientInput[],
  options: GradientCheckOptions = {},
): GradientCheckReport {
  const delta = options.delta ?? 1e-5;
  const tolerance = options.tolerance ?? 1e-6;
  const values = xValues.map((v) => toNDArray(v, "float64"));
  const graph = new tf.Graph();
  return graph.asDefault(() => {
    const xs = values.map((v, i) => tf.placeholder(tf.float64, v.shape, `x${i}`));
    const y = buildY(xs);
    if (y.dtype !== tf.float64) {
      throw new Error(`checkGradient: y (${y.name}) is ${y.dtype.name}; gradient checks run in float64`);
    }
    const sess = new tf.Session({ graph });
    const feeds = (vals: tf.NDArray[]) => new Map<Tensor, tf.NDArray>(xs.map((x, i) => [x, vals[i]]));
    const y0 = sess.run(y, feeds(values));
    const next = seeded(options.seed ?? 1);
    const w = Float64Array.from({ length: y0.size }, () => 2 * next() - 1);
    const weight = tf.constant(new tf.NDArray("float64", y0.shape, w), { name: "w" });
    // An IndexedSlices gradient (a gather's) is compared densified, as TF's gradient_checker does.
    const grads = tf
      .gradients(y, xs, { gradYs: [weight] })
      .map((g) => (g instanceof tf.IndexedSlices ? tf.convertToTensor(g) : g));
    const connected = grads.filter((g): g is Tensor => g !== null);
    const symbolicValues = connected.length > 0 ? sess.run(connected, feeds(values)) : [];
    let k = 0;
    const symbolic = grads.map((g, i) =>
      g === null ? new Array<number>(values[i].size).fill(0) : Array.from(symbolicValues[k++].data as Float64Array),
    );
    const loss = (vals: tf.NDArray[]) => dot(sess.run(y, feeds(vals)).data as Float64Array, w);
    const numeric = values.map((v, i) => {
      const out: number[] = [];
      for (let j = 0; j < v.size; j++) {
        const plus = (v.data as Float64Array).slice();
        const minus = (v.data as Float64Array).slice();
        plus[j] += delta;
        minus[j] -= delta;
        const at = (data: Float64Array) =>
          values.map((u, m) => (m === i ? new tf.NDArray("float64", v.shape, data) : u));
        out.push((loss(at(plus)) - loss(at(minus))) / (2 * delta));
      }
      return out;
    });
    let maxError = 0;
    let worst = "";
    symbolic.forEach((s, i) => {
      s.forEach((sv, j) => {
        const error = Math.abs(sv - numeric[i][j]) / (1 + Math.abs(numeric[i][j]));
        if (error > maxError || Number.isNaN(error)) {
          maxError = Number.isNaN(error) ? Number.POSITIVE_INFINITY : error;
          worst = `x${i}[${j}]: symbolic ${sv}, numeric ${numeric[i][j]}`;
        }
      });
    });
    sess.close();
    if ((options.assert ?? true) && maxError > tolerance) {
      throw new Error(
        `checkGradient(${options.name ?? y.op.type}): error ${maxError} exceeds ${tolerance} at ${worst}`,
      );
    }
    return { maxError, symbolic, numeric, unconnected: grads.map((g) => g === null) };
  });
}
