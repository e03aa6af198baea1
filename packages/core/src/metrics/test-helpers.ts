// Shared by the tf.metrics tests (metrics_test.py's helpers): not part of the public API.
import { expect } from "vitest";
import * as tf from "../index";

export type Feeds = Map<tf.Tensor, unknown>;

/** Each TF test method runs in a fresh default graph (setUp: ops.reset_default_graph()). */
export const inGraph = (body: (g: tf.Graph) => void) => () => new tf.Graph().asDefault(body);

/** metrics_test.py: _assert_metric_variables: LOCAL_VARIABLES and METRIC_VARIABLES hold exactly these names. */
export function assertMetricVariables(expected: readonly string[]): void {
  const names = (vs: tf.Variable[]) => new Set(vs.map((v) => v.name));
  expect(names(tf.localVariables())).toEqual(new Set(expected));
  expect(names(tf.getDefaultGraph().getCollection<tf.Variable>(tf.GraphKeys.METRIC_VARIABLES))).toEqual(
    new Set(expected),
  );
}

/** metrics_test.py: _test_values(shape): 1, 2, 3, ... in `shape`. */
export function testValues(shape: number[]): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.constant(
    Array.from({ length: n }, (_, i) => i + 1),
    { shape, dtype: tf.float64 },
  );
}

/** A session with the local variables initialized (`variables.local_variables_initializer().run()`). */
export function initializedSession(): tf.Session {
  const sess = new tf.Session();
  sess.run(tf.localVariablesInitializer());
  return sess;
}

/** A scalar's value. */
export const scalar = (sess: tf.Session, t: tf.Tensor, feeds?: Feeds) =>
  Number((sess.run(t, feeds as never) as tf.NDArray).item());

/** An array's values, flat. */
export const flat = (sess: tf.Session, t: tf.Tensor, feeds?: Feeds) =>
  Array.from((sess.run(t, feeds as never) as tf.NDArray).data as ArrayLike<number>, Number);

/**
 * TF's tests dequeue one batch per update from a FIFOQueue filled with batches; scopeflow has no queues, so each
 * batch is fed to a placeholder of the queue's dtype and shape, one per run.
 */
export function batchFeeder(dtype: tf.DType, shape: number[]) {
  const placeholder = tf.placeholder(dtype, shape);
  const feed = (batch: unknown): Feeds => new Map([[placeholder, batch]]);
  return { placeholder, feed };
}
