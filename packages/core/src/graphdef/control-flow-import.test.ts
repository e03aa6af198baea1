// saver_test.py MetaGraphTest (_testGradientSerDes: testNestedWhileLoopsSerDes, testNestedControlFlowSerDes,
// testNestedCondsSerDes) and meta_graph_test.py ScopedMetaGraphTest (testWhileLoopGradients,
// testImportWhileLoopInWhileLoop): a MetaGraph's while_context / cond_context collections rebuilt on import
// (CondContext / WhileContext.from_proto), so that tf.gradients through an imported loop or cond builds the same
// gradient graph, with the same values, as on the original graph.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import type { CondContext } from "../ops/cond-context";
import { WhileContext } from "../ops/while-context";
import { encodeMessage } from "../proto/codec";
import { importMetaGraph } from "../train/checkpoint/import-meta-graph";
import { createMetaGraphDef } from "./meta-graph";

const opNames = (g: tf.Graph) => g.getOperations().map((op) => `${op.name}:${op.type}`);

/** Names of a graph's ops made after the first `skip` (the gradient graph tf.gradients added). */
const addedSince = (g: tf.Graph, skip: number) => opNames(g).slice(skip);

interface Original {
  bytes: Uint8Array;
  varName: string;
  outputName: string;
  grad: number[] | number;
  gradOps: string[];
}

/** saver_test.py: _testGradientSerDes: builds `graphFn(var)`, exports it, and its gradient's value and ops. */
function buildOriginal(graphFn: (x: tf.Tensor) => tf.Tensor): Original {
  const g = new tf.Graph();
  return g.asDefault(() => {
    const v = new tf.Variable(tf.constant(0, { dtype: tf.float32 }));
    const output = graphFn(v.value());
    const bytes = encodeMessage("MetaGraphDef", createMetaGraphDef({ graph: g }));
    const before = g.getOperations().length;
    const [grad] = tf.gradients([output], [v.value()]);
    const gradOps = addedSince(g, before);
    const sess = new tf.Session({ graph: g });
    sess.run(tf.globalVariablesInitializer());
    const value = sess.run(grad as tf.Tensor).toArray() as number;
    return { bytes, varName: v.value().name, outputName: output.name, grad: value, gradOps };
  });
}

/** Imports the original's MetaGraph into a new graph and takes the same gradient there. */
function gradientOfImported(o: Original): { grad: number[] | number; gradOps: string[]; graph: tf.Graph } {
  const g = new tf.Graph();
  return g.asDefault(() => {
    importMetaGraph(o.bytes);
    const v = g.getTensorByName(o.varName);
    const output = g.getTensorByName(o.outputName);
    const before = g.getOperations().length;
    const [grad] = tf.gradients([output], [v]);
    const gradOps = addedSince(g, before);
    const sess = new tf.Session({ graph: g });
    sess.run(tf.globalVariablesInitializer());
    return { grad: sess.run(grad as tf.Tensor).toArray() as number, gradOps, graph: g };
  });
}

function expectSameGradient(graphFn: (x: tf.Tensor) => tf.Tensor): Original {
  const original = buildOriginal(graphFn);
  const imported = gradientOfImported(original);
  expect(imported.gradOps).toEqual(original.gradOps);
  expect(imported.grad).toEqual(original.grad);
  return original;
}

/** saver_test.py: _testWhileLoopAndGradientSerDes */
const whileLoopOf = (outerBody: (i: tf.Tensor, x: tf.Tensor) => unknown) => (x: tf.Tensor) =>
  (tf.whileLoop((i: tf.Tensor) => tf.less(i, 5), outerBody, [tf.constant(0), x]) as tf.Tensor[])[1];

describe("control flow contexts restored by importMetaGraph (from_proto)", () => {
  it("saver_test.py testNestedWhileLoopsSerDes: two nested loops", () => {
    const o = expectSameGradient(
      whileLoopOf((i, x) => {
        const r = (
          tf.whileLoop(
            (j: tf.Tensor) => tf.less(j, 3),
            (j: tf.Tensor, y: tf.Tensor) => [tf.add(j, 1), tf.add(y, x)],
            [tf.constant(0), tf.constant(0, { dtype: tf.float32 })],
          ) as tf.Tensor[]
        )[1];
        return [tf.add(i, 1), tf.add(x, r)];
      }),
    );
    // 5 iterations of x -> 4x: d/dx = 4^5.
    expect(o.grad).toBe(1024);
    expect(o.gradOps).toContain("gradients/while/while/Exit_1_grad/b_exit:Enter");
  });

  it("saver_test.py testNestedControlFlowSerDes: a while loop in a cond in a while loop", () => {
    const o = expectSameGradient(
      whileLoopOf((i, x) => {
        const condResult = tf.cond(
          tf.greater(i, 0),
          () =>
            (
              tf.whileLoop(
                (j: tf.Tensor) => tf.less(j, 3),
                (j: tf.Tensor, y: tf.Tensor) => [tf.add(j, 1), tf.add(y, x)],
                [tf.constant(0), tf.constant(0, { dtype: tf.float32 })],
              ) as tf.Tensor[]
            )[1],
          () => x,
        );
        return [tf.add(i, 1), condResult];
      }),
    );
    // x, then 3x four times: d/dx = 3^4.
    expect(o.grad).toBe(81);
  });

  it("saver_test.py testNestedCondsSerDes: conds in a cond", () => {
    const o = expectSameGradient((x) =>
      tf.cond(
        tf.greater(x, 0),
        () =>
          tf.cond(
            tf.greater(x, 3),
            () => tf.identity(x),
            () => tf.multiply(x, 2.0),
          ),
        () =>
          tf.cond(
            tf.less(x, -3),
            () => tf.constant(1, { dtype: tf.float32 }),
            () => tf.multiply(x, -1.0),
          ),
      ),
    );
    expect(o.grad).toBe(-1);
    expect(o.gradOps).toContain("gradients/cond/Merge_grad/cond_grad:Switch");
  });

  it("meta_graph_test.py testWhileLoopGradients: under an import scope, frame names follow the scope", () => {
    const source = new tf.Graph();
    const { meta, varName, outputName, expected } = source.asDefault(() => {
      const v = new tf.Variable(tf.constant(0, { dtype: tf.float32 }));
      const [, output] = tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 5),
        (i: tf.Tensor, x: tf.Tensor) => [tf.add(i, 1), tf.add(x, tf.cast(i, tf.float32))],
        [tf.constant(0), v.value()],
      ) as tf.Tensor[];
      const meta = createMetaGraphDef({ graph: source });
      const [grad] = tf.gradients([output], [v.value()]);
      const sess = new tf.Session({ graph: source });
      sess.run(tf.globalVariablesInitializer());
      return {
        meta,
        varName: v.value().name,
        outputName: output.name,
        expected: sess.run(grad as tf.Tensor).toArray(),
      };
    });
    const g = new tf.Graph();
    g.asDefault(() => {
      importMetaGraph(meta, { importScope: "import" });
      const [ctxt] = g.getCollection(tf.GraphKeys.WHILE_CONTEXT) as WhileContext[];
      expect(ctxt).toBeInstanceOf(WhileContext);
      expect(ctxt.name).toBe("import/while/while_context");
      expect(g.getOperationByName("import/while/Enter").attrs.frame_name).toBe("import/while/while_context");
      expect(g.getOperationByName("import/while/Exit_1").controlFlowContext).toBe(ctxt);
      expect(ctxt.loopExits.map((t) => t.name)).toEqual(["import/while/Exit:0", "import/while/Exit_1:0"]);
      // Re-exported under the scope, the context is the one exported.
      const again = createMetaGraphDef({ graph: g, exportScope: "import" });
      expect(again.collectionDef?.while_context).toEqual(meta.collectionDef?.while_context);
      const v = g.getTensorByName(`import/${varName}`);
      const output = g.getTensorByName(`import/${outputName}`);
      const [grad] = tf.gradients([output], [v]);
      expect(grad?.name).toBe("gradients/import/while/Enter_1_grad/Exit:0");
      const sess = new tf.Session({ graph: g });
      sess.run(tf.globalVariablesInitializer());
      expect(sess.run(grad as tf.Tensor).toArray()).toEqual(expected);
    });
  });

  it("the cond contexts of an imported cond, with their values and external values", () => {
    const source = new tf.Graph();
    const meta = source.asDefault(() => {
      const x = tf.constant(2, { name: "x" });
      tf.cond(
        tf.less(x, 5),
        () => tf.multiply(x, 17),
        () => tf.add(x, 23),
      );
      return createMetaGraphDef({ graph: source });
    });
    const g = new tf.Graph();
    g.asDefault(() => {
      importMetaGraph(meta);
      const conds = g.getCollection(tf.GraphKeys.COND_CONTEXT) as CondContext[];
      expect(conds.map((c) => [c.name, c.pred.name, c.pivot.name, c.branch])).toEqual([
        ["cond/cond_text", "cond/pred_id:0", "cond/switch_t:0", 1],
        ["cond/cond_text_1", "cond/pred_id:0", "cond/switch_f:0", 0],
      ]);
      expect(g.getOperationByName("cond/Mul").controlFlowContext).toBe(conds[0]);
      expect(g.getOperationByName("cond/Mul/Switch").controlFlowContext).toBe(conds[0]);
      expect(g.getOperationByName("cond/Add").controlFlowContext).toBe(conds[1]);
      expect(g.getOperationByName("cond/Merge").controlFlowContext).toBeNull();
      expect(createMetaGraphDef({ graph: g }).collectionDef?.cond_context).toEqual(meta.collectionDef?.cond_context);
    });
  });

  it("meta_graph_test.py testImportWhileLoopInWhileLoop (contexts only): the imported loop nests in the body's", () => {
    const source = new tf.Graph();
    const meta = source.asDefault(() => {
      tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 5),
        (i: tf.Tensor, x: tf.Tensor) => [tf.add(i, 1), tf.multiply(x, 2.0)],
        [tf.constant(0), tf.constant(1, { dtype: tf.float32 })],
      );
      return createMetaGraphDef({ graph: source });
    });
    const g = new tf.Graph();
    g.asDefault(() => {
      let imported: WhileContext | undefined;
      tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 2),
        (i: tf.Tensor) => {
          importMetaGraph(meta, { importScope: "inner" });
          imported = (g.getCollection(tf.GraphKeys.WHILE_CONTEXT) as WhileContext[]).at(-1);
          return tf.add(i, 1);
        },
        [tf.constant(0)],
        { name: "outer" },
      );
      const outer = g.getOperationByName("outer/LoopCond").controlFlowContext as WhileContext;
      expect(imported?.name).toBe("outer/inner/while/while_context");
      expect(imported?.outerContext).toBe(outer);
      expect(outer.nestedContexts).toContain(imported);
    });
  });

  it("dynamic_rnn (a BasicLSTMCell over TensorArrays) round-trips: the same gradient graph and values", () => {
    const source = new tf.Graph();
    const xs = [0, 1].map((b) => [0, 1, 2].map((t) => [0, 1].map((d) => Math.sin(1 + b * 6 + t * 2 + d))));
    const original = source.asDefault(() => {
      const x = tf.constant(xs, { dtype: tf.float32, name: "x" });
      const [outputs] = tf.variableScope("", { initializer: tf.randomUniformInitializer(-0.5, 0.5, { seed: 3 }) }, () =>
        tf.nn.dynamicRnn(new tf.nn.rnnCell.BasicLSTMCell(2), x, { dtype: tf.float32, sequenceLength: [2, 3] }),
      );
      const loss = tf.identity(tf.reduceSum(outputs as tf.Tensor), "loss");
      const sess = new tf.Session({ graph: source });
      sess.run(tf.globalVariablesInitializer());
      const meta = createMetaGraphDef({ graph: source });
      const values = tf.trainableVariables().map((v) => sess.run(v.value()).toArray());
      const before = source.getOperations().length;
      const grads = tf.gradients(loss, [...tf.trainableVariables().map((v) => v.value()), x]) as tf.Tensor[];
      return { meta, values, ops: addedSince(source, before), grads: sess.run(grads).map((a) => a.toArray()) };
    });
    const g = new tf.Graph();
    g.asDefault(() => {
      importMetaGraph(encodeMessage("MetaGraphDef", original.meta));
      const vars = tf.trainableVariables();
      expect(vars.map((v) => v.name)).toEqual(["rnn/basic_lstm_cell/kernel:0", "rnn/basic_lstm_cell/bias:0"]);
      const sess = new tf.Session({ graph: g });
      // The imported variables take the original's values.
      vars.forEach((v, i) => sess.run(tf.assign(v, original.values[i] as number[][])));
      const before = g.getOperations().length;
      const grads = tf.gradients(g.getTensorByName("loss:0"), [
        ...vars.map((v) => v.value()),
        g.getTensorByName("x:0"),
      ]) as tf.Tensor[];
      expect(addedSince(g, before)).toEqual(original.ops);
      expect(sess.run(grads).map((a) => a.toArray())).toEqual(original.grads);
    });
  });
});
