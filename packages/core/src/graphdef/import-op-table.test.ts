// graph_constructor.cc (node_def_util.cc ValidateNodeDef) and the kernels of the op types TF's own graphs hold that
// scopeflow's builders do not make (Where, Assert, IsNan/IsInf/IsFinite, StringJoin, ShardedFilename,
// MergeV2Checkpoints): imported from text GraphDefs through the op table, then run.
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, ValueError } from "../errors";
import { writeTensorBundle } from "../formats/tensor-bundle";
import { float32 } from "../framework/dtypes";
import { NDArray } from "../framework/ndarray";
import * as tf from "../index";
import { memoryFs } from "../io/memory-fs";
import { opDefs } from "../ops/op-defs";
import { graphSnapshot } from "../scopes/test-helpers";
import { decodeGraphDef } from "./graphdef-codec";
import { importGraphDef } from "./import-graph-def";

const attr = (key: string, value: string) => `attr { key: "${key}" value { ${value} } }`;
const floats = (name: string, values: string[]) =>
  `node { name: "${name}" op: "Const" ${attr("dtype", "type: DT_FLOAT")} ${attr(
    "value",
    `tensor { dtype: DT_FLOAT tensor_shape { dim { size: ${values.length} } } ${values.map((v) => `float_val: ${v}`).join(" ")} }`,
  )} }`;
const scalar = (name: string, dtype: string, field: string) =>
  `node { name: "${name}" op: "Const" ${attr("dtype", `type: ${dtype}`)} ${attr("value", `tensor { dtype: ${dtype} tensor_shape { } ${field} }`)} }`;

/** Imports `text` into a fresh graph (no prefix) and runs `fetches` in a Session over `fs`. */
function importAndRun(text: string, fetches: string[], fs = memoryFs()): tf.NDArray[] {
  const g = new tf.Graph();
  return g.asDefault(() => {
    importGraphDef(decodeGraphDef(text), { name: "" });
    return new tf.Session({ fileSystem: fs }).run(fetches) as tf.NDArray[];
  });
}

describe("imported op types run on their reference kernels", () => {
  it("Where (where_op.cc): the int64 coordinates of the true elements", () => {
    const text = `node { name: "c" op: "Const" ${attr("dtype", "type: DT_BOOL")} ${attr(
      "value",
      "tensor { dtype: DT_BOOL tensor_shape { dim { size: 2 } dim { size: 3 } } bool_val: true bool_val: false bool_val: false bool_val: false bool_val: true bool_val: true }",
    )} }
      node { name: "w" op: "Where" input: "c" ${attr("T", "type: DT_BOOL")} }`;
    const [w] = importAndRun(text, ["w:0"]);
    expect(w.dtype.name).toBe("int64");
    expect(w.shape).toEqual([3, 2]);
    expect(Array.from(w.data as BigInt64Array, Number)).toEqual([0, 0, 1, 1, 1, 2]);
  });

  it("IsNan, IsInf, IsFinite (cwise_ops.h): bool per element", () => {
    const text = `${floats("x", ["1", "nan", "inf", "-inf"])}
      node { name: "nan" op: "IsNan" input: "x" ${attr("T", "type: DT_FLOAT")} }
      node { name: "inf" op: "IsInf" input: "x" ${attr("T", "type: DT_FLOAT")} }
      node { name: "fin" op: "IsFinite" input: "x" ${attr("T", "type: DT_FLOAT")} }`;
    const [nan, inf, fin] = importAndRun(text, ["nan:0", "inf:0", "fin:0"]);
    expect(nan.toArray()).toEqual([false, true, false, false]);
    expect(inf.toArray()).toEqual([false, false, true, true]);
    expect(fin.toArray()).toEqual([true, false, false, false]);
  });

  it("Assert (logging_ops.cc): passes on true, raises with the summarized data on false", () => {
    const graph = (ok: boolean) => `${scalar("c", "DT_BOOL", `bool_val: ${ok}`)} ${floats("d", ["1", "2", "3", "4"])}
      node { name: "a" op: "Assert" input: "c" input: "d" ${attr("T", "list { type: DT_FLOAT }")} ${attr("summarize", "i: 3")} }`;
    expect(importAndRun(graph(true), ["a"])).toEqual([null]);
    expect(() => importAndRun(graph(false), ["a"])).toThrow(InvalidArgumentError);
    expect(() => importAndRun(graph(false), ["a"])).toThrow("assertion failed: [1 2 3...]\n\t [[{{node a}}]]");
  });

  it("StringJoin and ShardedFilename, as a sharded Saver builds its temp file names", () => {
    const text = `${scalar("prefix", "DT_STRING", 'string_val: "model.ckpt"')} ${scalar("part", "DT_STRING", 'string_val: "_temp_1/part"')}
      node { name: "join" op: "StringJoin" input: "prefix" input: "part" ${attr("N", "i: 2")} ${attr("separator", 's: ""')} }
      ${scalar("shard", "DT_INT32", "int_val: 0")} ${scalar("shards", "DT_INT32", "int_val: 1")}
      node { name: "file" op: "ShardedFilename" input: "join" input: "shard" input: "shards" }`;
    const [file] = importAndRun(text, ["file:0"]);
    expect(new TextDecoder().decode(file.item() as Uint8Array)).toBe("model.ckpt_temp_1/part-00000-of-00001");
  });

  it("MergeV2Checkpoints (save_restore_v2_ops.cc): one shard's bundle renamed to the destination prefix", () => {
    const fs = memoryFs();
    fs.makeDirs("tmp");
    const bundle = writeTensorBundle(new Map([["v", new NDArray("float32", [1], new Float32Array([3]))]]));
    fs.writeFileAtomic("tmp/part.index", bundle.index);
    fs.writeFileAtomic("tmp/part.data-00000-of-00001", bundle.data);
    const text = `node { name: "from" op: "Const" ${attr("dtype", "type: DT_STRING")} ${attr(
      "value",
      'tensor { dtype: DT_STRING tensor_shape { dim { size: 1 } } string_val: "tmp/part" }',
    )} }
      ${scalar("to", "DT_STRING", 'string_val: "model.ckpt"')}
      node { name: "merge" op: "MergeV2Checkpoints" input: "from" input: "to" ${attr("delete_old_dirs", "b: true")} }`;
    importAndRun(text, ["merge"], fs);
    // MergeBundles: the index rewritten (same entries, one shard), the data file moved, the temp folder removed
    expect(Array.from(fs.readFile("model.ckpt.index"))).toEqual(Array.from(bundle.index));
    expect(Array.from(fs.readFile("model.ckpt.data-00000-of-00001"))).toEqual(Array.from(bundle.data));
    expect(fs.exists("tmp/part.index")).toBe(false);
    expect(fs.exists("tmp")).toBe(false);
  });
});

describe("the op table checks what a graph declares", () => {
  it("an imported node with an attr its op does not declare is TF's ValidateNodeDef error, and nothing is imported", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const before = graphSnapshot(g);
      const text = `${floats("x", ["1"])} node { name: "y" op: "Identity" input: "x" ${attr("T", "type: DT_FLOAT")} ${attr("foo", "i: 1")} }`;
      expect(() => importGraphDef(decodeGraphDef(text))).toThrow(ValueError);
      expect(() => importGraphDef(decodeGraphDef(text))).toThrow(
        "Node 'y': NodeDef mentions attr 'foo' not in Op<name=Identity>",
      );
      expect(graphSnapshot(g)).toEqual(before);
    });
  });

  it("createOp types outputs by the def's rule and rejects an undeclared attr or a wrong input count", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      const x = tf.constant([1, 2], float32);
      const op = g.createOp(opDefs.Shape, [x], { attrs: { T: float32 }, shapes: [[1]] });
      expect(op.outputs[0].dtype.name).toBe("int32");
      expect(op.outputs[0].shape).toEqual([1]);
      expect(() => g.createOp(opDefs.Identity, [x], { attrs: { T: float32, bogus: 1 } })).toThrow(
        "scopeflow: op type 'Identity' declares no attr 'bogus' (its table entry is incomplete)",
      );
      expect(() => g.createOp(opDefs.MatMul, [x], { attrs: { T: float32 } })).toThrow(
        "scopeflow: op type 'MatMul' takes 2 inputs, the builder gave 1",
      );
      expect(g.getOperations().map((o) => o.type)).toEqual(["Const", "Shape"]);
    });
  });

  it("an op type no table declares is created by name with explicit outputs (TF's create_op(op_type, dtypes))", () => {
    const g = new tf.Graph();
    const op = g.createOp("MyCustomOp", [], { outputs: [{ dtype: float32, shape: [3] }] });
    expect(op.type).toBe("MyCustomOp");
    expect(op.outputs[0].dtype).toBe(float32);
    expect(op.def.refInputs).toEqual([]);
  });

  it("ref inputs and variable outputs come from the table", () => {
    expect(opDefs.ApplyAdam.refInputs).toEqual([0, 1, 2]);
    expect(opDefs.Assign.refInputs).toEqual([0]);
    expect(opDefs.Assign.refOutput).toBe(true);
    expect(opDefs.VariableV2.isVariable).toBe(true);
    expect(opDefs.AddN.inputs).toEqual([{ name: "inputs", numberAttr: "N" }]);
  });
});
