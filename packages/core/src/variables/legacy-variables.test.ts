// variables_test.py (TF 1.15) IsInitializedTest / ObsoleteIsInitializedTest, and the deprecated top-level helpers
// (initialize_all_variables, all_variables, model_variables, ...) plus lookup_ops.tables_initializer's empty case.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

// A string tensor's elements are bytes, as TF's (b"v").
const strings = (a: tf.NDArray) => (a.toArray() as unknown as Uint8Array[]).map((b) => new TextDecoder().decode(b));

describe("variables_test.py IsInitializedTest (report_uninitialized_variables)", () => {
  it("testNoVars: an empty string tensor", () =>
    inGraph((g) => {
      const uninited = tf.reportUninitializedVariables();
      expect(uninited.dtype).toBe(tf.string);
      expect(uninited.op.name).toBe("report_uninitialized_variables/Const");
      expect(uninited.op.device).toBe("/device:CPU:0");
      expect(new tf.Session({ graph: g }).run(uninited).size).toBe(0);
    }));

  it("testAssertVariablesInitialized: names until global_variables_initializer runs", () =>
    inGraph((g) => {
      new tf.Variable([1, 2], { name: "v" });
      new tf.Variable([3, 4], { name: "w" });
      const uninited = tf.reportUninitializedVariables();
      const sess = new tf.Session({ graph: g });
      expect(strings(sess.run(uninited))).toEqual(["v", "w"]);
      sess.run(tf.globalVariablesInitializer());
      expect(sess.run(uninited).size).toBe(0);
    }));

  it("testVariableList: each initializer removes its variable", () =>
    inGraph((g) => {
      const v = new tf.Variable([1, 2], { name: "v" });
      const w = new tf.Variable([3, 4], { name: "w" });
      const uninited = tf.reportUninitializedVariables();
      const sess = new tf.Session({ graph: g });
      expect(strings(sess.run(uninited))).toEqual(["v", "w"]);
      sess.run(w.initializer);
      expect(strings(sess.run(uninited))).toEqual(["v"]);
      sess.run(v.initializer);
      expect(sess.run(uninited).size).toBe(0);
    }));

  it("testZeroSizeVarInitialized", () =>
    inGraph((g) => {
      const v = new tf.Variable(tf.zeros([0, 2]), { name: "v" });
      const uninited = tf.reportUninitializedVariables();
      const sess = new tf.Session({ graph: g });
      sess.run(v.initializer);
      expect(sess.run(uninited).size).toBe(0);
    }));

  it("builds TF's ops: IsVariableInitialized per variable, then boolean_mask on /cpu:0", () =>
    inGraph((g) => {
      new tf.Variable([1, 2], { name: "v" });
      new tf.Variable([3, 4], { name: "w" });
      const before = g.getOperations().length;
      const uninited = tf.reportUninitializedVariables([...tf.globalVariables()], "ready");
      const built = g.getOperations().slice(before);
      expect(built.map((op) => `${op.name}:${op.type}`)).toEqual([
        "ready/IsVariableInitialized:IsVariableInitialized",
        "ready/IsVariableInitialized_1:IsVariableInitialized",
        "ready/stack:Pack",
        "ready/LogicalNot:LogicalNot",
        "ready/Const:Const",
        "ready/boolean_mask/Shape:Const",
        "ready/boolean_mask/strided_slice/stack:Const",
        "ready/boolean_mask/strided_slice/stack_1:Const",
        "ready/boolean_mask/strided_slice/stack_2:Const",
        "ready/boolean_mask/strided_slice:StridedSlice",
        "ready/boolean_mask/Prod/reduction_indices:Const",
        "ready/boolean_mask/Prod:Prod",
        "ready/boolean_mask/Shape_1:Const",
        "ready/boolean_mask/strided_slice_1/stack:Const",
        "ready/boolean_mask/strided_slice_1/stack_1:Const",
        "ready/boolean_mask/strided_slice_1/stack_2:Const",
        "ready/boolean_mask/strided_slice_1:StridedSlice",
        "ready/boolean_mask/Shape_2:Const",
        "ready/boolean_mask/strided_slice_2/stack:Const",
        "ready/boolean_mask/strided_slice_2/stack_1:Const",
        "ready/boolean_mask/strided_slice_2/stack_2:Const",
        "ready/boolean_mask/strided_slice_2:StridedSlice",
        "ready/boolean_mask/concat/values_1:Pack",
        "ready/boolean_mask/concat/axis:Const",
        "ready/boolean_mask/concat:ConcatV2",
        "ready/boolean_mask/Reshape:Reshape",
        "ready/boolean_mask/Reshape_1/shape:Const",
        "ready/boolean_mask/Reshape_1:Reshape",
        "ready/boolean_mask/Where:Where",
        "ready/boolean_mask/Squeeze:Squeeze",
        "ready/boolean_mask/GatherV2/axis:Const",
        "ready/boolean_mask/GatherV2:GatherV2",
      ]);
      // IsVariableInitialized is colocated with its variable, not under the device scope.
      expect(built[0].device).toBe("");
      expect(built.slice(3).every((op) => op.device === "/device:CPU:0")).toBe(true);
      expect(uninited.shape).toEqual([null]);
    }));
});

describe("variables_test.py ObsoleteIsInitializedTest (assert_variables_initialized)", () => {
  it("testNoVars: None", () => inGraph(() => expect(tf.assertVariablesInitialized()).toBeNull()));

  it("testVariables: FailedPreconditionError until initialized; Rank ops colocated, stacked", () =>
    inGraph((g) => {
      const v = new tf.Variable([1, 2]);
      new tf.Variable([3, 4]);
      const inited = tf.assertVariablesInitialized()!;
      expect(inited.op.name).toBe("stack");
      expect(inited.op.inputs.map((t) => `${t.op.name}:${t.op.type}`)).toEqual(["Rank:Rank", "Rank_1:Rank"]);
      expect(inited.op.inputs[0].op.attrs._class).toEqual([`loc:@${v.op.name}`]);
      const sess = new tf.Session({ graph: g });
      expect(() => sess.run(inited)).toThrow(tf.errors.FailedPreconditionError);
      expect(() => sess.run(inited)).toThrow("Attempting to use uninitialized value");
      sess.run(tf.globalVariablesInitializer());
      expect(Array.from(sess.run(inited).data as Int32Array)).toEqual([1, 1]);
    }));

  it("testVariableList: only the listed variable", () =>
    inGraph((g) => {
      const v = new tf.Variable([1, 2]);
      const w = new tf.Variable([3, 4]);
      const inited = tf.assertVariablesInitialized([v])!;
      expect(inited.op.type).toBe("Rank");
      const sess = new tf.Session({ graph: g });
      expect(() => sess.run(inited.op)).toThrow("Attempting to use uninitialized value Variable");
      sess.run(w.initializer);
      expect(() => sess.run(inited.op)).toThrow("Attempting to use uninitialized value Variable");
      sess.run(v.initializer);
      expect(sess.run(inited.op)).toBeNull();
    }));
});

describe("deprecated top-level variable helpers (variables.py, lookup_ops.py)", () => {
  it("initialize_all_variables / initialize_variables / initialize_local_variables are named init", () =>
    inGraph((g) => {
      const v = new tf.Variable(1, { name: "v" });
      const l = new tf.Variable(2, { name: "l", collections: [tf.GraphKeys.LOCAL_VARIABLES] });
      const all = tf.initializeAllVariables();
      expect([all.name, all.type, all.controlInputs.map((op) => op.name)]).toEqual(["init", "NoOp", ["v/Assign"]]);
      const some = tf.initializeVariables([v, l], "mine");
      expect([some.name, some.controlInputs.map((op) => op.name)]).toEqual(["mine", ["v/Assign", "l/Assign"]]);
      const local = tf.initializeLocalVariables();
      expect([local.name, local.controlInputs.map((op) => op.name)]).toEqual(["init_1", ["l/Assign"]]);
      expect(tf.initializeVariables([]).type).toBe("NoOp");
      const sess = new tf.Session({ graph: g });
      sess.run([all, local]);
      expect(sess.run([v, l]).map((a) => a.item())).toEqual([1, 2]);
    }));

  it("all_variables, model_variables, moving_average_variables read their collections (scope filter)", () =>
    inGraph(() => {
      const a = tf.variableScope("a", () => new tf.Variable(1, { name: "x" }));
      const b = new tf.Variable(1, { name: "y", collections: [tf.GraphKeys.GLOBAL_VARIABLES, "model_variables"] });
      tf.addToCollection(tf.GraphKeys.MOVING_AVERAGE_VARIABLES, a);
      expect(tf.allVariables()).toEqual([a, b]);
      expect(tf.modelVariables()).toEqual([b]);
      expect(tf.modelVariables("a")).toEqual([]);
      expect(tf.movingAverageVariables()).toEqual([a]);
      expect(tf.movingAverageVariables("a/")).toEqual([a]);
    }));

  it("tables_initializer: a NoOp init_all_tables without tables, else a group of TABLE_INITIALIZERS", () =>
    inGraph(() => {
      const op = tf.tablesInitializer();
      expect([op.name, op.type, op.controlInputs]).toEqual(["init_all_tables", "NoOp", []]);
      const t = tf.noOp("table_init");
      tf.addToCollection(tf.GraphKeys.TABLE_INITIALIZERS, t);
      const grouped = tf.tablesInitializer("tables");
      expect([grouped.name, grouped.controlInputs]).toEqual(["tables", [t]]);
    }));
});
