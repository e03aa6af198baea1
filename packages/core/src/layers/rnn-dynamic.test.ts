// Ports of tensorflow/python/kernel_tests/rnn_test.py RNNTest (TF 1.15) dynamic_rnn cases, plus graph-structure and
// value checks of dynamic_rnn / bidirectional_dynamic_rnn against static_rnn with the same cell and weights.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

const cells = tf.nn.rnnCell;

/** rnn_test.py: Plus1RNNCell: (output, new_state) = (input + 1, state + 1). */
class Plus1RNNCell extends cells.RNNCell {
  override get outputSize() {
    return 5;
  }
  override get stateSize() {
    return 5;
  }
  override call(input: tf.Tensor, state: tf.Tensor) {
    return [input.add(1), state.add(1)];
  }
}

const nodeNames = (g: tf.Graph) => (g.asGraphDef().node ?? []).map((n) => n.name);
const seeded = () => tf.randomUniformInitializer(-0.5, 0.5, { seed: 7 });
// [batch 2, time 4, depth 3] of distinct values.
const xs = Array.from({ length: 2 }, (_, b) =>
  Array.from({ length: 4 }, (_, t) => Array.from({ length: 3 }, (_, d) => Math.sin(1 + b * 12 + t * 3 + d))),
);

const close = (a: unknown, b: unknown) => {
  const fa = (a as number[]).flat(3) as number[];
  const fb = (b as number[]).flat(3) as number[];
  expect(fa.length).toBe(fb.length);
  fa.forEach((v, i) => expect(v).toBeCloseTo(fb[i] as number, 5));
};

describe("rnn_test.py RNNTest (dynamic_rnn)", () => {
  it("testInvalidSequenceLengthShape: 'must be a vector'", () =>
    inGraph(() => {
      const inputs = [tf.placeholder(tf.float32, [3, 4])];
      expect(() =>
        tf.nn.dynamicRnn(new Plus1RNNCell(), tf.stack(inputs), { dtype: tf.float32, sequenceLength: [[4]] }),
      ).toThrow("sequence_length must be a vector of length batch_size, but saw shape: (1, 1)");
    }));

  it("testBatchSizeFromInput: static and unknown batch sizes, with and without initial_state", () =>
    inGraph(() => {
      const cell = new Plus1RNNCell();
      let inputs = tf.placeholder(tf.float32, [3, 4, 5]);
      let [outputs, state] = tf.nn.dynamicRnn(cell, inputs, { dtype: tf.float32 });
      expect((outputs as tf.Tensor).shape?.[0]).toBe(3);
      expect((state as tf.Tensor).shape?.[0]).toBe(3);
      [outputs, state] = tf.nn.dynamicRnn(cell, inputs, { initialState: tf.placeholder(tf.float32, [3, 5]) });
      expect((outputs as tf.Tensor).shape?.[0]).toBe(3);
      expect((state as tf.Tensor).shape?.[0]).toBe(3);
      inputs = tf.placeholder(tf.float32, [null, 4, 5]);
      [outputs, state] = tf.nn.dynamicRnn(cell, inputs, { dtype: tf.float32 });
      expect((outputs as tf.Tensor).shape?.[0]).toBe(null);
      expect((state as tf.Tensor).shape?.[0]).toBe(null);
      [outputs, state] = tf.nn.dynamicRnn(cell, inputs, { initialState: tf.placeholder(tf.float32, [null, 5]) });
      expect((outputs as tf.Tensor).shape?.[0]).toBe(null);
      expect((state as tf.Tensor).shape?.[0]).toBe(null);
    }));

  it("testInvalidDtype: 'RNN cell only supports floating'", () =>
    inGraph(() => {
      expect(() => new cells.BasicRNNCell(2, { dtype: tf.int32 })).toThrow("RNN cell only supports floating");
    }));

  it("dynamic_rnn errors: no dtype, rank < 3, unknown depth (TF's messages)", () =>
    inGraph(() => {
      const cell = new cells.BasicRNNCell(2);
      expect(() => tf.nn.dynamicRnn(cell, tf.zeros([2, 3, 4]))).toThrow(
        "If there is no initial_state, you must give a dtype.",
      );
      expect(() => tf.nn.dynamicRnn(cell, tf.zeros([2, 3]), { dtype: tf.float32 })).toThrow(
        "Shape (3, 2) must have rank at least 3",
      );
      expect(() => tf.nn.dynamicRnn(cell, tf.placeholder(tf.float32, [2, 3, null]), { dtype: tf.float32 })).toThrow(
        "Input size (depth of inputs) must be accessible via shape inference, but saw value None.",
      );
      expect(() => tf.nn.dynamicRnn({} as never, tf.zeros([2, 3, 4]))).toThrow("is not an RNNCell");
    }));
});

describe("dynamic_rnn's graph (rnn.py: dynamic_rnn, _dynamic_rnn_loop)", () => {
  it("BasicLSTMCell: rnn/transpose, rnn/time, TensorArrays, rnn/while/basic_lstm_cell/..., rnn/transpose_1", () =>
    inGraph((g) => {
      const cell = new cells.BasicLSTMCell(3);
      const x = tf.placeholder(tf.float32, [2, 5, 4], "x");
      const [outputs, state] = tf.nn.dynamicRnn(cell, x, { dtype: tf.float32 });
      expect(tf.globalVariables().map((v) => v.name)).toEqual([
        "rnn/basic_lstm_cell/kernel:0",
        "rnn/basic_lstm_cell/bias:0",
      ]);
      const names = nodeNames(g);
      for (const n of [
        "rnn/transpose",
        "rnn/Shape",
        "rnn/strided_slice",
        "rnn/time",
        "rnn/TensorArray",
        "rnn/TensorArray_1",
        "rnn/TensorArrayUnstack/TensorArrayScatter/TensorArrayScatterV3",
        "rnn/Maximum",
        "rnn/Minimum",
        "rnn/while/Enter",
        "rnn/while/TensorArrayReadV3",
        "rnn/while/basic_lstm_cell/MatMul",
        "rnn/while/basic_lstm_cell/MatMul/Enter",
        "rnn/while/TensorArrayWrite/TensorArrayWriteV3",
        "rnn/while/Exit_4",
        "rnn/TensorArrayStack/TensorArrayGatherV3",
        "rnn/transpose_1",
      ]) {
        expect(names).toContain(n);
      }
      expect(g.getOperationByName("rnn/while/basic_lstm_cell/MatMul/Enter").inputs[0]?.name).toBe(
        "rnn/basic_lstm_cell/kernel/read:0",
      );
      expect(g.getOperationByName("rnn/TensorArray").attrs.tensor_array_name).toBe("rnn/dynamic_rnn/output_0");
      expect(g.getOperationByName("rnn/TensorArray_1").attrs.tensor_array_name).toBe("rnn/dynamic_rnn/input_0");
      expect(g.getOperationByName("rnn/while/Enter").attrs.parallel_iterations).toBe(32);
      expect((outputs as tf.Tensor).name).toBe("rnn/transpose_1:0");
      expect((outputs as tf.Tensor).shape).toEqual([2, 5, 3]);
      expect(state).toBeInstanceOf(cells.LSTMStateTuple);
      expect((state as tf.Tensor[]).map((s) => [s.name, s.shape])).toEqual([
        ["rnn/while/Exit_3:0", [2, 3]],
        ["rnn/while/Exit_4:0", [2, 3]],
      ]);
    }));

  it("sequence_length: rnn/sequence_length, rnn/CheckSeqLen after the Assert, rnn/while/GreaterEqual and Select", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [2, 5, 4], "x");
      tf.nn.dynamicRnn(new cells.BasicLSTMCell(3), x, { dtype: tf.float32, sequenceLength: [2, 5] });
      const check = g.getOperationByName("rnn/CheckSeqLen");
      expect(check.inputs[0]?.name).toBe("rnn/sequence_length:0");
      expect(check.controlInputs.map((o) => o.name)).toEqual(["rnn/Assert/Assert"]);
      expect(g.getOperationByName("rnn/while/GreaterEqual").inputs[1]?.op.inputs[0]?.name).toBe("rnn/CheckSeqLen:0");
      expect(g.getOperationByName("rnn/while/Select").type).toBe("Select");
      expect(g.getOperationByName("rnn/while/Select/Enter").inputs[0]?.name).toBe("rnn/zeros:0");
      expect(g.getOperationByName("rnn/Min").type).toBe("Min");
      expect(g.getOperationByName("rnn/Maximum").inputs[1]?.name).toBe("rnn/Max:0");
    }));

  it("MultiRNNCell: rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel; ops in rnn/while/rnn/multi_rnn_cell/...", () =>
    inGraph((g) => {
      const cell = new cells.MultiRNNCell([new cells.BasicLSTMCell(3), new cells.BasicLSTMCell(3)]);
      const [, state] = tf.nn.dynamicRnn(cell, tf.zeros([2, 3, 4]), { dtype: tf.float32 });
      expect(tf.globalVariables().map((v) => v.name)).toEqual([
        "rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel:0",
        "rnn/multi_rnn_cell/cell_0/basic_lstm_cell/bias:0",
        "rnn/multi_rnn_cell/cell_1/basic_lstm_cell/kernel:0",
        "rnn/multi_rnn_cell/cell_1/basic_lstm_cell/bias:0",
      ]);
      // MultiRNNCell (a plain RNNCell) re-enters the `rnn` variable scope inside `rnn/while/`, as in TF's graphs.
      expect(nodeNames(g)).toContain("rnn/while/rnn/multi_rnn_cell/cell_1/basic_lstm_cell/MatMul");
      expect((state as unknown[]).length).toBe(2);
      expect((state as unknown[])[1]).toBeInstanceOf(cells.LSTMStateTuple);
    }));
});

/** static_rnn over the same cell (its weights already built by dynamic_rnn), on `x` unstacked along time. */
function staticOf(cell: InstanceType<typeof cells.RNNCell>, x: tf.Tensor, sequenceLength?: number[]) {
  return tf.variableScope("rnn", { reuse: true }, () =>
    tf.nn.staticRnn(cell, tf.unstack(x, null, 1), { dtype: tf.float32, sequenceLength, scope: "static" }),
  );
}

describe("dynamic_rnn values equal static_rnn's (same cell, same weights)", () => {
  for (const seq of [undefined, [2, 4]]) {
    it(`BasicLSTMCell, sequence_length ${seq ? "[2, 4]" : "none"}: outputs and final LSTMStateTuple`, () =>
      inGraph(() => {
        const cell = new cells.BasicLSTMCell(3);
        const x = tf.constant(xs, { dtype: tf.float32 });
        const [dynOut, dynState] = tf.variableScope("", { initializer: seeded() }, () =>
          tf.nn.dynamicRnn(cell, x, { dtype: tf.float32, sequenceLength: seq }),
        );
        const [stOuts, stState] = staticOf(cell, x, seq);
        expect(tf.globalVariables()).toHaveLength(2);
        const sess = new tf.Session();
        sess.run(tf.globalVariablesInitializer());
        const [o, c, h, ...st] = sess.run([
          dynOut as tf.Tensor,
          ...(dynState as tf.Tensor[]),
          ...(stStats(stOuts, stState) as tf.Tensor[]),
        ]);
        const steps = st.slice(0, 4).map((s) => s.toArray() as number[][]);
        const out = o.toArray() as number[][][];
        // outputs[b][t] = static step t's row b
        close(
          out,
          [0, 1].map((b) => steps.map((s) => s[b])),
        );
        close(c.toArray(), st[4]?.toArray());
        close(h.toArray(), st[5]?.toArray());
        if (seq) {
          // Row 0 stops after 2 steps: zero outputs, state kept.
          expect(out[0]?.[2]).toEqual([0, 0, 0]);
          expect(out[0]?.[3]).toEqual([0, 0, 0]);
          close(h.toArray(), [out[0]?.[1], out[1]?.[3]]);
        }
      }));
  }

  it("time_major: outputs [time, batch, depth], no transposes", () =>
    inGraph((g) => {
      const cell = new cells.GRUCell(2);
      const x = tf.transpose(tf.constant(xs, { dtype: tf.float32 }), [1, 0, 2]);
      const [out, state] = tf.nn.dynamicRnn(cell, x, { dtype: tf.float32, timeMajor: true });
      expect((out as tf.Tensor).shape).toEqual([4, 2, 2]);
      expect(nodeNames(g).filter((n) => n.startsWith("rnn/transpose"))).toEqual([]);
      const [stOuts, stState] = tf.variableScope("rnn", { reuse: true }, () =>
        tf.nn.staticRnn(cell, tf.unstack(x), { dtype: tf.float32, scope: "s" }),
      );
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const [o, s, ...st] = sess.run([
        out as tf.Tensor,
        state as tf.Tensor,
        ...(stOuts as tf.Tensor[]),
        stState as tf.Tensor,
      ]);
      close(
        o.toArray(),
        st.slice(0, 4).map((t) => t.toArray()),
      );
      close(s.toArray(), st[4]?.toArray());
    }));
});

function stStats(outs: unknown, state: unknown): unknown[] {
  return [...(outs as tf.Tensor[]), ...(state as tf.Tensor[])];
}

describe("bidirectional_dynamic_rnn", () => {
  for (const seq of [undefined, [2, 4]]) {
    it(`names (bidirectional_rnn/fw/fw/while, bw/bw/while, ${seq ? "ReverseSequence" : "ReverseV2"}) and values vs reversed inputs`, () =>
      inGraph((g) => {
        const fw = new cells.BasicRNNCell(2);
        const bw = new cells.BasicRNNCell(2);
        const x = tf.constant(xs, { dtype: tf.float32 });
        const [[outFw, outBw], [stateFw, stateBw]] = tf.variableScope("", { initializer: seeded() }, () =>
          tf.nn.bidirectionalDynamicRnn(fw, bw, x, { dtype: tf.float32, sequenceLength: seq }),
        );
        expect(tf.globalVariables().map((v) => v.name)).toEqual([
          "bidirectional_rnn/fw/basic_rnn_cell/kernel:0",
          "bidirectional_rnn/fw/basic_rnn_cell/bias:0",
          "bidirectional_rnn/bw/basic_rnn_cell/kernel:0",
          "bidirectional_rnn/bw/basic_rnn_cell/bias:0",
        ]);
        const names = nodeNames(g);
        expect(names).toContain("bidirectional_rnn/fw/fw/while/basic_rnn_cell/MatMul");
        expect(names).toContain("bidirectional_rnn/bw/bw/while/basic_rnn_cell/MatMul");
        const rev = seq ? "ReverseSequence" : "ReverseV2";
        expect(g.getOperationByName(`bidirectional_rnn/bw/${rev}`).type).toBe(rev);
        expect((outBw as tf.Tensor).name).toBe(`${rev}:0`);
        expect((outFw as tf.Tensor).shape).toEqual([2, 4, 2]);
        expect((outBw as tf.Tensor).shape).toEqual([2, 4, 2]);
        // bw equals a plain dynamic_rnn of the same cell over each row reversed within its length.
        const lengths = seq ?? [4, 4];
        const reversed = xs.map((row, b) => [...row.slice(0, lengths[b]).reverse(), ...row.slice(lengths[b])]);
        const [refOut, refState] = tf.variableScope("bidirectional_rnn/bw", { reuse: true }, () =>
          tf.nn.dynamicRnn(bw, tf.constant(reversed, { dtype: tf.float32 }), {
            dtype: tf.float32,
            sequenceLength: seq,
            scope: "ref",
          }),
        );
        const sess = new tf.Session();
        sess.run(tf.globalVariablesInitializer());
        const [ob, sb, ro, rs, of, sf] = sess.run([
          outBw as tf.Tensor,
          stateBw as tf.Tensor,
          refOut as tf.Tensor,
          refState as tf.Tensor,
          outFw as tf.Tensor,
          stateFw as tf.Tensor,
        ]);
        const refRows = (ro.toArray() as number[][][]).map((row, b) => [
          ...row.slice(0, lengths[b]).reverse(),
          ...row.slice(lengths[b]),
        ]);
        close(ob.toArray(), refRows);
        close(sb.toArray(), rs.toArray());
        const fwRows = of.toArray() as number[][][];
        close(sf.toArray(), [fwRows[0]?.[(lengths[0] as number) - 1], fwRows[1]?.[3]]);
      }));
  }
});

describe("ReverseV2 / ReverseSequence kernels and gradients (array_ops.py reverse, reverse_sequence)", () => {
  it("reverse_sequence_op_test.py-style values; ReverseV2 along an axis", () =>
    inGraph(() => {
      const x = tf.constant([
        [1, 2, 3, 4],
        [5, 6, 7, 8],
        [9, 10, 11, 12],
      ]);
      const sess = new tf.Session();
      expect(sess.run(tf.reverseSequence(x, [1, 2, 4], { seqAxis: 1, batchAxis: 0 })).toArray()).toEqual([
        [1, 2, 3, 4],
        [6, 5, 7, 8],
        [12, 11, 10, 9],
      ]);
      expect(sess.run(tf.reverse(x, [1])).toArray()).toEqual([
        [4, 3, 2, 1],
        [8, 7, 6, 5],
        [12, 11, 10, 9],
      ]);
      expect(() => sess.run(tf.reverseSequence(x, [1, 2, 5], { seqAxis: 1 }))).toThrow("seq_lens(2) > input.dims(1)");
      expect(() => tf.reverseSequence(x, [1, 2], { seqAxis: 1 })).toThrow("Dimensions must be equal, but are 3 and 2");
    }));

  it("gradients: ReverseSequence's is a ReverseSequence, ReverseV2's a ReverseV2", () =>
    inGraph(() => {
      const x = tf.constant(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        { dtype: tf.float32 },
      );
      const w = tf.constant(
        [
          [1, 10, 100],
          [1000, 10000, 100000],
        ],
        { dtype: tf.float32 },
      );
      const y = tf.reduceSum(tf.multiply(tf.reverseSequence(x, [2, 3], { seqAxis: 1 }), w));
      const [gx] = tf.gradients(y, [x]);
      expect(gx?.op.type).toBe("ReverseSequence");
      const z = tf.reduceSum(tf.multiply(tf.reverse(x, [0]), w));
      const [gz] = tf.gradients(z, [x]);
      expect(gz?.op.type).toBe("ReverseV2");
      const sess = new tf.Session();
      expect(sess.run(gx as tf.Tensor).toArray()).toEqual([
        [10, 1, 100],
        [100000, 10000, 1000],
      ]);
      expect(sess.run(gz as tf.Tensor).toArray()).toEqual([
        [1000, 10000, 100000],
        [1, 10, 100],
      ]);
    }));
});

/** rnn_test.py: ScalarStateRNNCell: (output, new_state) = (input, state + 1) with an int32 scalar state. */
class ScalarStateRNNCell extends cells.RNNCell {
  override get outputSize() {
    return 1;
  }
  override get stateSize() {
    return [] as never;
  }
  override zeroState() {
    return tf.zeros([], tf.int32);
  }
  override call(input: tf.Tensor, state: tf.Tensor) {
    return [input, state.add(1)];
  }
}

describe("rnn_test.py RNNTest (dynamic_rnn values)", () => {
  it("testScalarStateIsAccepted", () =>
    inGraph(() => {
      const inputs = tf.placeholder(tf.float32, [1, 4, 1]);
      const [outputs, state] = tf.nn.dynamicRnn(new ScalarStateRNNCell(), inputs, {
        dtype: tf.float32,
        sequenceLength: [4],
      });
      const [o, s] = new tf.Session().run(
        [outputs as tf.Tensor, state as tf.Tensor],
        new Map([[inputs, [[[1], [2], [3], [4]]]]]) as never,
      );
      expect(o.toArray()).toEqual([[[1], [2], [3], [4]]]);
      expect(s.toArray()).toEqual(4);
    }));
});

describe("static_bidirectional_rnn with sequence_length (rnn.py: _reverse_seq via ReverseSequence)", () => {
  it("equals bidirectional_dynamic_rnn's [fw, bw] concatenated per step, with the same cells", () =>
    inGraph((g) => {
      const fw = new cells.BasicRNNCell(2);
      const bw = new cells.BasicRNNCell(2);
      const x = tf.constant(xs, { dtype: tf.float32 });
      const seq = [3, 4];
      const [[outFw, outBw], [stateFw, stateBw]] = tf.variableScope("", { initializer: seeded() }, () =>
        tf.nn.bidirectionalDynamicRnn(fw, bw, x, { dtype: tf.float32, sequenceLength: seq }),
      );
      const [outs, sFw, sBw] = tf.variableScope("bidirectional_rnn", { reuse: true }, () =>
        tf.nn.staticBidirectionalRnn(fw, bw, tf.unstack(x, null, 1), {
          dtype: tf.float32,
          sequenceLength: seq,
          scope: "static",
        }),
      );
      expect(g.getOperationByName("bidirectional_rnn_1/static/bw/ReverseSequence_1").type).toBe("ReverseSequence");
      expect(tf.globalVariables()).toHaveLength(4);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const [of, ob, sf, sb, ssf, ssb, ...steps] = sess.run([
        outFw as tf.Tensor,
        outBw as tf.Tensor,
        stateFw as tf.Tensor,
        stateBw as tf.Tensor,
        sFw as tf.Tensor,
        sBw as tf.Tensor,
        ...outs,
      ]);
      const f = of.toArray() as number[][][];
      const b = ob.toArray() as number[][][];
      close(
        steps.map((s) => s.toArray()),
        [0, 1, 2, 3].map((t) => [0, 1].map((r) => [...(f[r]?.[t] ?? []), ...(b[r]?.[t] ?? [])])),
      );
      close(sf.toArray(), ssf.toArray());
      close(sb.toArray(), ssb.toArray());
    }));
});
