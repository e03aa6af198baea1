// control_flow_ops_py_test.py ControlFlowTest (graph mode, v1 control flow): gradients through tf.whileLoop: the
// gradient while loop TF builds (GradLoopState's counters and stacks), its values, and TF's errors.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

const run = (t: tf.Tensor | tf.IndexedSlices | null) => new tf.Session().run(t as tf.Tensor).toArray();

describe("gradients through tf.whileLoop (control_flow_grad.py, control_flow_state.py)", () => {
  it("testWhileGrad_Square: d(v^(2^5))/dv through a cond at v=2 is 1024", () =>
    inGraph(() => {
      const v = tf.constant(2.0, { dtype: tf.float32, name: "v" });
      let r = tf.whileLoop(
        (x: tf.Tensor) => tf.less(x, 100.0),
        (x: tf.Tensor) => tf.square(x),
        [v],
        { parallelIterations: 1 },
      );
      r = tf.cond(
        tf.less(1, 2),
        () => r,
        () => v,
      );
      const [grad] = tf.gradients(r, v);
      expect(run(grad)).toBeCloseTo(1024.0, 3);
    }));
});
