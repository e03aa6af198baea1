// control_flow_ops_py_test.py ControlFlowTest testWhileGrad_ResourceVarSparseRead and
// testWhileGrad_MultiResourceVarSparseRead (scopeflow's variables are TF's RefVariables: `tf.gather` of the variable
// stands for ResourceVariable.sparse_read, whose gradient is the same IndexedSlices): a loop invariant's
// IndexedSlices gradient is accumulated sparse by WhileContext.AddBackpropIndexedSlicesAccumulator (`b_acc`).
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";
import { opDefs } from "./op-defs";

const f32 = (v: number | number[]) => tf.constant(v, { dtype: tf.float32 });

function evaluate(...ts: (tf.Tensor | tf.IndexedSlices)[]): unknown[] {
  const sess = new tf.Session();
  sess.run(tf.globalVariablesInitializer());
  return ts.map((t) => sess.run(tf.convertToTensor(t as tf.Tensor)).toArray());
}

describe("sparse accumulators of loop invariants (control_flow_ops.py AddBackpropIndexedSlicesAccumulator)", () => {
  it("testWhileGrad_ResourceVarSparseRead: an IndexedSlices gradient, [0, 12, 0, 12, 0]", () =>
    inGraph((g) => {
      const v = new tf.Variable(f32([1, 1, 1, 1, 1]));
      const r = (
        tf.whileLoop(
          (i: tf.Tensor) => tf.less(i, 3),
          (i: tf.Tensor, x: tf.Tensor) => [tf.add(i, 1), tf.multiply(x, tf.reduceSum(tf.gather(v, [1, 3])))],
          [tf.constant(0), f32(1)],
        ) as tf.Tensor[]
      )[1];
      const before = g.getOperations().length;
      const [grad] = tf.gradients(r, v.value());
      expect(grad).toBeInstanceOf(tf.IndexedSlices);
      const slices = grad as tf.IndexedSlices;
      expect([slices.indices.name, slices.values.name, slices.denseShape?.name]).toEqual([
        "gradients/while/GatherV2/Enter_grad/b_acc_7:0",
        "gradients/while/GatherV2/Enter_grad/b_acc_8:0",
        "gradients/while/GatherV2/Enter_grad/b_acc_9:0",
      ]);
      const accumulator = g
        .getOperations()
        .slice(before)
        .map((op) => `${op.name}:${op.type}`)
        .filter((n) => n.startsWith("gradients/while/GatherV2/Enter_grad/"));
      expect(accumulator).toEqual([
        "gradients/while/GatherV2/Enter_grad/b_acc:Const",
        "gradients/while/GatherV2/Enter_grad/Const:Const",
        "gradients/while/GatherV2/Enter_grad/Const_1:Const",
        "gradients/while/GatherV2/Enter_grad/b_acc_1:Enter",
        "gradients/while/GatherV2/Enter_grad/b_acc_2:Enter",
        "gradients/while/GatherV2/Enter_grad/b_acc_3:Enter",
        "gradients/while/GatherV2/Enter_grad/b_acc_4:Merge",
        "gradients/while/GatherV2/Enter_grad/b_acc_5:Merge",
        "gradients/while/GatherV2/Enter_grad/b_acc_6:Merge",
        "gradients/while/GatherV2/Enter_grad/Switch:Switch",
        "gradients/while/GatherV2/Enter_grad/Switch_1:Switch",
        "gradients/while/GatherV2/Enter_grad/Switch_2:Switch",
        "gradients/while/GatherV2/Enter_grad/concat/axis:Const",
        "gradients/while/GatherV2/Enter_grad/concat:ConcatV2",
        "gradients/while/GatherV2/Enter_grad/concat_1/axis:Const",
        "gradients/while/GatherV2/Enter_grad/concat_1:ConcatV2",
        "gradients/while/GatherV2/Enter_grad/Maximum:Maximum",
        "gradients/while/GatherV2/Enter_grad/NextIteration:NextIteration",
        "gradients/while/GatherV2/Enter_grad/NextIteration_1:NextIteration",
        "gradients/while/GatherV2/Enter_grad/NextIteration_2:NextIteration",
        "gradients/while/GatherV2/Enter_grad/b_acc_7:Exit",
        "gradients/while/GatherV2/Enter_grad/b_acc_8:Exit",
        "gradients/while/GatherV2/Enter_grad/b_acc_9:Exit",
      ]);
      const [dense, indices] = evaluate(slices, slices.indices);
      expect(dense).toEqual([0, 12, 0, 12, 0]);
      // The zero row the accumulator starts from, then each iteration's two slices.
      expect(indices).toEqual([0, 1, 3, 1, 3, 1, 3]);
    }));

  it("testWhileGrad_MultiResourceVarSparseRead: [0, 1, 0, 1, 0] and [3, 0, 0]", () =>
    inGraph(() => {
      const var1 = new tf.Variable(f32([1, 1, 1, 1, 1]));
      const var2 = new tf.Variable(f32([1, 1, 1]));
      const body = (i: tf.Tensor, _x1: tf.Tensor, x2: tf.Tensor, x3: tf.Tensor) => {
        const y1 = tf.gather(var1, [1, 3]);
        const y2 = tf.multiply(x2, 2);
        const y3 = tf.multiply(x3, tf.reduceSum(tf.gather(var2, [0])));
        return [tf.add(i, 1), y1, y2, y3];
      };
      const r = (
        tf.whileLoop((i: tf.Tensor) => tf.less(i, 3), body, [
          tf.constant(0),
          f32([0, 0]),
          f32(1),
          f32(1),
        ]) as tf.Tensor[]
      ).slice(1);
      const [g1, g2] = tf.gradients(r, [var1.value(), var2.value()]);
      expect(g1).toBeInstanceOf(tf.IndexedSlices);
      expect(g2).toBeInstanceOf(tf.IndexedSlices);
      expect(evaluate(g1 as tf.IndexedSlices, g2 as tf.IndexedSlices)).toEqual([
        [0, 1, 0, 1, 0],
        [3, 0, 0],
      ]);
    }));

  it("an embedding looked up in a loop: the variable's gradient stays IndexedSlices, values as the dense sum", () =>
    inGraph(() => {
      const emb = new tf.Variable(
        tf.constant(
          [
            [1, 2],
            [3, 4],
            [5, 6],
          ],
          { dtype: tf.float32 },
        ),
      );
      const ids = tf.constant([2, 0, 2]);
      const r = (
        tf.whileLoop(
          (i: tf.Tensor) => tf.less(i, 3),
          (i: tf.Tensor, acc: tf.Tensor) => [
            tf.add(i, 1),
            tf.add(acc, tf.multiply(tf.nn.embeddingLookup(emb, tf.gather(ids, i)), tf.cast(tf.add(i, 1), tf.float32))),
          ],
          [tf.constant(0), f32([0, 0])],
        ) as tf.Tensor[]
      )[1];
      const [grad] = tf.gradients(tf.reduceSum(r), emb.value());
      expect(grad).toBeInstanceOf(tf.IndexedSlices);
      // Row 2 is looked up at i = 0 and 2 (weights 1 and 3), row 0 at i = 1 (weight 2).
      expect(evaluate(grad as tf.IndexedSlices)).toEqual([
        [
          [2, 2],
          [0, 0],
          [4, 4],
        ],
      ]);
    }));

  it("GradientDescent on an embedding looked up in a loop: a sparse update (ScatterSub), TF's values", () =>
    inGraph((g) => {
      const emb = new tf.Variable(
        tf.constant(
          [
            [1, 2],
            [3, 4],
            [5, 6],
          ],
          { dtype: tf.float32 },
        ),
      );
      const ids = tf.constant([2, 0, 2]);
      const r = (
        tf.whileLoop(
          (i: tf.Tensor) => tf.less(i, 3),
          (i: tf.Tensor, acc: tf.Tensor) => [
            tf.add(i, 1),
            tf.add(acc, tf.multiply(tf.nn.embeddingLookup(emb, tf.gather(ids, i)), tf.cast(tf.add(i, 1), tf.float32))),
          ],
          [tf.constant(0), f32([0, 0])],
        ) as tf.Tensor[]
      )[1];
      const train = new tf.train.GradientDescentOptimizer(0.5).minimize(tf.reduceSum(r));
      expect(g.getOperations().some((op) => op.type === opDefs.ScatterSub.type)).toBe(true);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      sess.run(train);
      expect(sess.run(emb.value()).toArray()).toEqual([
        [0, 1],
        [3, 4],
        [3, 4],
      ]);
    }));
});
