// partitioned_variables_test.py (PartitionerCreatorsTest fixed_size / min_max, PartitionedVariablesTestCase
// testVecConstantInit, testRandomInitUnevenPartitions-like shapes, testSomeErrors, testConcat), variable_scope's
// _get_partitioned_variable reuse and messages, and embedding_ops_test.py testSimpleShardedPartitionedVariable.
import { describe, expect, it } from "vitest";
import * as tf from "../index";

function inGraph<T>(body: (g: tf.Graph) => T): T {
  const g = new tf.Graph();
  return g.asDefault(() => body(g));
}

const parts = (v: unknown) => (v as tf.PartitionedVariable).getVariableList();

describe("get_variable with a partitioner (partitioned_variables_test.py)", () => {
  it("testFixedSizePartitioner: 5 parts of a (10, 10) variable, names root/v0/part_i, partitions (5, 1)", () =>
    inGraph(() => {
      const partitioner = tf.fixedSizePartitioner(5, 0);
      const v0 = tf.variableScope("root", { partitioner }, () =>
        tf.getVariable("v0", { dtype: tf.float32, shape: [10, 10] }),
      ) as unknown as tf.PartitionedVariable;
      expect(v0).toBeInstanceOf(tf.PartitionedVariable);
      expect(v0.name).toBe("root/v0");
      expect(v0.getPartitions()).toEqual([5, 1]);
      expect(parts(v0).map((p) => [p.op.name, p.shape])).toEqual(
        [0, 1, 2, 3, 4].map((i) => [`root/v0/part_${i}`, [2, 10]]),
      );
      expect(parts(v0)[3].saveSliceInfo).toEqual({
        fullName: "root/v0",
        fullShape: [10, 10],
        varOffset: [6, 0],
        varShape: [2, 10],
      });
      expect(tf.globalVariables().map((v) => v.op.name)).toEqual(parts(v0).map((p) => p.op.name));
      // fixed_size_partitioner: no more shards than rows.
      const few = tf.getVariable("few", { shape: [3, 4], partitioner: tf.fixedSizePartitioner(5) });
      expect(parts(few).map((p) => p.shape)).toEqual([
        [1, 4],
        [1, 4],
        [1, 4],
      ]);
    }));

  it("variable_scope's partitioner: inherited by sub-scopes and captured scopes, overridden per call", () =>
    inGraph(() => {
      const partitioner = tf.fixedSizePartitioner(2);
      const captured = tf.variableScope("outer", { partitioner }, (sc) => {
        expect(sc.partitioner).toBe(partitioner);
        const inner = tf.variableScope("inner", () => tf.getVariable("w", { shape: [4, 2] }));
        expect(parts(inner).map((p) => p.op.name)).toEqual(["outer/inner/w/part_0", "outer/inner/w/part_1"]);
        const three = tf.getVariable("u", { shape: [6], partitioner: tf.fixedSizePartitioner(3) });
        expect(parts(three).length).toBe(3);
        return sc;
      });
      const again = tf.variableScope(captured, () => tf.getVariable("v", { shape: [2, 2] }));
      expect(again).toBeInstanceOf(tf.PartitionedVariable);
      // Outside, get_variable makes one plain Variable.
      expect(tf.getVariable("plain", { shape: [4] })).toBeInstanceOf(tf.Variable);
    }));

  it("testMinMaxVariablePartitioner: partitions from the minimum slice size, max_partitions and the axis", () =>
    inGraph(() => {
      const cases: [number, number, number[], number[]][] = [
        [100, 2 << 10, [2048], [4]],
        [100, 256 << 10, [2048, 1024], [32, 1]],
        [16, 256 << 10, [2048, 1024], [16, 1]],
        // A variable smaller than one minimum slice stays whole.
        [100, 256 << 10, [10, 1024], [1, 1]],
      ];
      for (const [maxPartitions, minSliceSize, shape, expected] of cases) {
        const partitioner = tf.minMaxVariablePartitioner({ maxPartitions, minSliceSize });
        expect(partitioner(shape, tf.float32)).toEqual(expected);
      }
      expect(() => tf.minMaxVariablePartitioner({ axis: 2 })([4, 4], tf.float32)).toThrow(
        "Can not partition variable along axis 2 when shape is only 2",
      );
    }));

  it("testVecConstantInit / testConcat: a value initializer sliced per part; the concat equals the whole", () =>
    inGraph((g) => {
      const x = tf.getVariable("x", {
        initializer: tf.constant([1, 2, 3, 4, 5], { dtype: tf.float32 }),
        partitioner: tf.fixedSizePartitioner(2),
      }) as unknown as tf.PartitionedVariable;
      expect(parts(x).map((p) => p.shape)).toEqual([[3], [2]]);
      expect(g.getOperationByName("x/part_0/PartitionedInitializer/Slice").type).toBe("Slice");
      const c = tf.constant(1.0, { dtype: tf.float32 });
      const before = g.getOperations().length;
      const value = tf.controlDependencies([c], () => x.concatParts());
      expect(value.op.name).toBe("x");
      expect(value.op.inputs[0].op.name).toBe("x/ConcatPartitions/concat");
      // "var_x._concat() should get control dependencies from its scope."
      const concatOps = g.getOperations().slice(before);
      expect(concatOps.flatMap((op) => op.controlInputs)).toContain(c.op);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(sess.run(parts(x)[1]).toArray()).toEqual([4, 5]);
      expect(sess.run(value).toArray()).toEqual([1, 2, 3, 4, 5]);
      expect(sess.run(tf.multiply(x as never, 2)).toArray()).toEqual([2, 4, 6, 8, 10]);
    }));

  it("reuse: the same PartitionedVariable; TF's messages for the wrong reuse, shape and partitions", () =>
    inGraph(() => {
      const partitioner = tf.fixedSizePartitioner(2);
      const make = (reuse?: boolean | typeof tf.AUTO_REUSE, shape = [4, 3], p = partitioner) =>
        tf.variableScope("s", { reuse }, () => tf.getVariable("w", { shape, partitioner: p }));
      const w = make();
      expect(make(true)).toBe(w);
      expect(make(tf.AUTO_REUSE)).toBe(w);
      expect(() => make(false)).toThrow(
        "Partitioned variable with name s/w already exists. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?",
      );
      expect(() => make(true, [5, 3])).toThrow(
        "Trying to reuse partitioned variable s/w, but specified shape (5, 3) and found shape (4, 3).",
      );
      expect(() => make(true, [4, 3], tf.fixedSizePartitioner(4))).toThrow(
        "Trying to reuse partitioned variable s/w, but specified partitions [4, 1] and found partitions [2, 1].",
      );
      expect(() =>
        tf.variableScope("s", { reuse: true }, () => tf.getVariable("nope", { shape: [2], partitioner })),
      ).toThrow(
        "PartitionedVariable s/nope does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=False or reuse=tf.AUTO_REUSE in VarScope?",
      );
      tf.getVariable("plain", { shape: [4] });
      expect(() => tf.getVariable("plain", { shape: [4], partitioner })).toThrow(
        "A partitioner was provided, but an unpartitioned version of the variable was found: plain.",
      );
    }));

  it("glorot (VarianceScaling) over a partition takes its fans from the full shape, as init_ops.py does", () =>
    inGraph(() => {
      const init = tf.glorotUniformInitializer({ seed: 3 });
      const whole = init([1000, 10], tf.float32);
      const part = init([1000, 10], tf.float32, { fullShape: [1000, 10], varOffset: [0, 0] });
      const sliceOfFull = init([500, 10], tf.float32, { fullShape: [1000, 10], varOffset: [0, 0] });
      const sess = new tf.Session();
      const limit = Math.sqrt(6 / 1010);
      const max = (t: tf.Tensor) => Math.max(...Array.from(sess.run(t).data as Float32Array, Math.abs));
      expect(max(whole)).toBeLessThanOrEqual(limit);
      expect(max(part)).toBeLessThanOrEqual(limit);
      // Without the full shape the fans would be (500, 10): a limit of sqrt(6 / 510), about 0.108 > 0.077.
      expect(max(sliceOfFull)).toBeLessThanOrEqual(limit);
      expect(max(init([500, 10], tf.float32))).toBeGreaterThan(limit);
    }));

  it("testSomeErrors: TF's partitioner checks, graph unchanged after each", () =>
    inGraph((g) => {
      const before = g.getOperations().length;
      expect(() => tf.getVariable("a", { shape: [null, 2] as never, partitioner: tf.fixedSizePartitioner(2) })).toThrow(
        "Shape of a new partitioned variable must be fully defined, but instead was (?, 2).",
      );
      expect(() => tf.getVariable("b", { shape: [4, 4], partitioner: () => [2] })).toThrow(
        "Partitioner returned a partition list that does not match the Variable's rank: [2] vs. (4, 4)",
      );
      expect(() => tf.getVariable("c", { shape: [4, 4], partitioner: () => [0, 1] })).toThrow(
        "Partitioner returned zero partitions for some axes: [0, 1]",
      );
      expect(() => tf.getVariable("d", { shape: [4, 4], partitioner: () => [2, 2] })).toThrow(
        "Can only slice a variable along one dimension: shape: (4, 4), partitioning: [2, 2]",
      );
      expect(g.getOperations().length).toBe(before);
    }));

  it("testSimpleShardedPartitionedVariable: embedding_lookup over the PartitionedVariable's parts", () =>
    inGraph(() => {
      const values = [
        [1, 2],
        [3, 4],
        [5, 6],
        [7, 8],
      ];
      const p = tf.getVariable("p", {
        initializer: tf.constant(values, { dtype: tf.float32 }),
        partitioner: tf.minMaxVariablePartitioner({ maxPartitions: 2, minSliceSize: 1 }),
      }) as unknown as tf.PartitionedVariable;
      expect(p.getPartitions()).toEqual([2, 1]);
      const embedding = tf.nn.embeddingLookup(p, tf.constant([0, 3, 2], { dtype: tf.int32 }));
      expect(embedding.shape).toEqual([3, 2]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      // "mod": id 0 → part_0 row 0, id 3 → part_1 row 1, id 2 → part_0 row 1 (part_0 holds rows 0-1 of the value).
      expect(sess.run(embedding).toArray()).toEqual([
        [1, 2],
        [7, 8],
        [3, 4],
      ]);
    }));

  it("a default Saver saves the partitions as slices of the full variable (saver_test.py covers the round trip)", () =>
    inGraph(() => {
      tf.getVariable("big", { shape: [4], partitioner: tf.fixedSizePartitioner(2) });
      new tf.train.Saver();
      const graph = tf.getDefaultGraph();
      const strings = (name: string) =>
        ((graph.getOperationByName(name).getAttr("value") as tf.NDArray).toArray() as Uint8Array[]).map((s) =>
          new TextDecoder().decode(s),
        );
      expect(strings("save/SaveV2/tensor_names")).toEqual(["big", "big"]);
      expect(strings("save/SaveV2/shape_and_slices")).toEqual(["4 0,2", "4 2,2"]);
    }));
});
