// control_flow_ops_py_test.py ControlFlowTest (Switch/Merge built by hand) and executor.cc's dead-tensor rules as a
// Session runs them: the untaken Switch output is dead, ops reading it do not run, a dead control input makes its
// consumer dead (not a Merge's, nor a ControlTrigger's), a dead fetch is TF's Retval error.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import {
  merge,
  refIdentity,
  refSwitch,
  switch_,
  switchRefOrTensor,
  withDependencies,
} from "../ops/control-flow-switch";
import { createOp } from "../ops/op-builder";
import { opDefs } from "../ops/op-defs";
import { inGraph } from "../scopes/test-helpers";

const data = () => tf.constant([1, 2, 3, 4, 5, 6], { name: "data" });

describe("Switch and Merge (control_flow_ops_py_test.py ControlFlowTest)", () => {
  it("testSwitchDeadBranch: fetching the dead output is InvalidArgumentError 'Retval[0] does not have value'", () =>
    inGraph(() => {
      const ports = tf.convertToTensor(true, { name: "ports" });
      const [f, t] = switch_(data(), ports);
      expect([f.name, t.name]).toEqual(["Switch:0", "Switch:1"]);
      const deadBranch = tf.identity(f);
      const sess = new tf.Session();
      let caught: unknown;
      try {
        sess.run(deadBranch);
      } catch (error) {
        caught = error;
      }
      expect(tf.errors.InvalidArgumentError.isInstance(caught)).toBe(true);
      expect(String(caught)).toBe("InvalidArgumentError: Retval[0] does not have value");
      expect(sess.run(t).toArray()).toEqual([1, 2, 3, 4, 5, 6]);
      // The index is the fetch's place among the run's tensor names, sorted (direct_session.cc).
      expect(() => sess.run([t, deadBranch])).toThrow("Retval[0] does not have value");
      expect(() => sess.run([tf.identity(t, "z_live"), deadBranch])).toThrow("Retval[0] does not have value");
      expect(() => sess.run([tf.identity(t, "A_live"), deadBranch])).toThrow("Retval[1] does not have value");
    }));

  it("testSwitchMergeLess / testSwitchMergeAddIdentity / testSwitchMergeAddMul", () =>
    inGraph(() => {
      const lessOp = tf.less(tf.convertToTensor(0), tf.convertToTensor(1));
      const m1 = merge(switch_(data(), lessOp))[0];
      const portsFalse = tf.convertToTensor(false, { name: "ports" });
      const [f1, t1] = switch_(data(), portsFalse);
      const m2 = merge([tf.add(f1, tf.constant(1)), tf.identity(t1)]);
      const portsTrue = tf.convertToTensor(true, { name: "ports" });
      const [f2, t2] = switch_(data(), portsTrue);
      const m3 = merge([tf.add(f2, tf.constant(1)), tf.multiply(t2, tf.constant(5))])[0];
      const sess = new tf.Session();
      expect(sess.run(m1).toArray()).toEqual([1, 2, 3, 4, 5, 6]);
      const [value, index] = sess.run(m2);
      expect(value.toArray()).toEqual([2, 3, 4, 5, 6, 7]);
      expect([index.dtype.name, index.shape, index.item()]).toEqual(["int32", [], 0]);
      expect(sess.run(m3).toArray()).toEqual([5, 10, 15, 20, 25, 30]);
    }));

  it("testRefSwitch: an assign through a RefSwitch output writes the variable", () =>
    inGraph(() => {
      const v = new tf.Variable(7, { name: "v" });
      const p = tf.constant(true);
      const v1 = switchRefOrTensor(v.asGraphElement(), p);
      expect(v1[1].op.type).toBe("RefSwitch");
      expect(v1[1].op.attrs._class).toEqual(["loc:@v"]);
      const v2 = tf.assign(v1[1], 9);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(sess.run(v2).item()).toBe(9);
      expect(sess.run(v.value()).item()).toBe(9);
    }));

  it("testUninitializedRefIdentity: both RefSwitch outputs of an uninitialized variable; only the live side is read", () =>
    inGraph(() => {
      const v = createOp(opDefs.VariableV2, [], {
        name: "v",
        attrs: { shape: { shape: [1] }, dtype: tf.float32, container: "", shared_name: "" },
        shapes: [[1]],
      }).outputs[0];
      const inited = tf.isVariableInitialized(v);
      const [vF, vT] = refSwitch(v, inited);
      // Both are uninitialized references; the identity on the live side does not read them.
      const vFOp = refIdentity(vF);
      const vTOp = refIdentity(vT);
      expect([vFOp.op.type, vFOp.isRef]).toEqual(["RefIdentity", true]);
      const assignV = tf.controlDependencies([vFOp], () => tf.assign(v, tf.constant([1.0], { dtype: "float32" })));
      const origV = tf.controlDependencies([vTOp], () => tf.identity(v));
      const merged = merge([assignV, origV]);
      const sess = new tf.Session();
      // Uninitialized: the false side assigns; initialized: the true side reads.
      expect(sess.run(merged).map((a) => a.toArray())).toEqual([[1], 0]);
      expect(sess.run(merged).map((a) => a.toArray())).toEqual([[1], 1]);
    }));

  it("an op with a dead control input is dead; a Merge and a ControlTrigger with one still run", () =>
    inGraph(() => {
      const [f, t] = switch_(data(), tf.constant(true));
      const deadPivot = tf.identity(f, "dead_pivot");
      const underDead = tf.controlDependencies([deadPivot], () => tf.constant(5, { name: "under_dead" }));
      const mergedWithDeadControl = tf.controlDependencies([deadPivot], () => merge([t, t], "merge_after_dead")[0]);
      const trigger = createOp(opDefs.ControlTrigger, [], { name: "trigger", controlInputs: [deadPivot.op] });
      const afterTrigger = tf.controlDependencies([trigger], () => tf.constant(8, { name: "after_trigger" }));
      const sess = new tf.Session();
      expect(() => sess.run(underDead)).toThrow("Retval[0] does not have value");
      expect(sess.run(merge([underDead, t])[0]).toArray()).toEqual([1, 2, 3, 4, 5, 6]);
      expect(sess.run(mergedWithDeadControl).toArray()).toEqual([1, 2, 3, 4, 5, 6]);
      expect(sess.run(afterTrigger).item()).toBe(8);
      expect(sess.run(trigger)).toBeNull();
    }));

  it("a Merge whose inputs are all dead is dead; a fetched dead op (not a tensor) is no error", () =>
    inGraph(() => {
      const [f] = switch_(data(), tf.constant(true));
      const allDead = merge([tf.identity(f), tf.add(f, 1)]);
      const deadOp = tf.controlDependencies([f.op], () => tf.identity(f).op);
      const sess = new tf.Session();
      expect(() => sess.run(allDead[0])).toThrow("Retval[0] does not have value");
      expect(() => sess.run(allDead[1])).toThrow("Retval[0] does not have value");
      expect(sess.run(deadOp)).toBeNull();
    }));

  it("SwitchTestCase.testGradientThroughSingleBranchOutsideOfContext", () =>
    inGraph(() => {
      const x = tf.constant(2, { dtype: "float32" });
      const s = tf.constant(true);
      const [xFalse, xTrue] = switch_(x, s);
      const gradXTrue = tf.gradients(xTrue, x)[0] as tf.Tensor;
      const gradXFalse = tf.gradients(xFalse, x)[0] as tf.Tensor;
      const sess = new tf.Session();
      expect(sess.run(gradXTrue).item()).toBe(1);
      expect(sess.run(gradXFalse).item()).toBe(0);
    }));

  it("the predicate must be a bool scalar (op_def_library, SwitchShape, SwitchOp::Compute)", () =>
    inGraph(() => {
      expect(() => switch_(data(), tf.constant(1))).toThrow(
        new TypeError("Input 'pred' of 'Switch' Op has type int32 that does not match expected type of bool."),
      );
      expect(() => switch_(data(), tf.constant([true]))).toThrow(
        new tf.errors.ValueError(
          "Shape must be rank 0 but is rank 1 for 'Switch' (op: 'Switch') with input shapes: [6], [1].",
        ),
      );
      const p = tf.placeholder("bool", null, "p");
      const [, t] = switch_(data(), p);
      expect(() => new tf.Session().run(t, { "p:0": [true, false] })).toThrow(
        "The second input must be a scalar, but it has shape [2]",
      );
      expect(() => merge([tf.constant(1), null])).toThrow(
        "At least one of the merge inputs is None: [<tf.Tensor 'Const_2:0' shape=() dtype=int32>, None]",
      );
      expect(() => merge([tf.constant(1), tf.constant(1.5)])).toThrow(
        new TypeError(
          "Tensors in list passed to 'inputs' of 'Merge' Op have types [int32, float32] that don't all match.",
        ),
      );
      expect(() => refSwitch(tf.constant(1), tf.constant(true))).toThrow(
        "'RefSwitch' Op requires that input 'data' be a mutable tensor (e.g.: a tf.Variable)",
      );
    }));
});

describe("with_dependencies (control_flow_ops_test.py)", () => {
  it("ShapeTestCase.testShape / WithDependenciesTestCase.testTupleDependencies: an Identity after the dependencies", () =>
    inGraph(() => {
      const tensor = tf.constant([1.0, 2.0], { dtype: "float32" });
      expect(withDependencies([tf.constant(1.0)], tensor).shape).toEqual([2]);
      const counter = tf.getVariable("my_counter", [], { initializer: tf.initializers.zeros() });
      const incrementCounter = tf.assignAdd(counter, 1);
      const constWithDep = withDependencies([incrementCounter, tf.constant(42)], tf.constant(7));
      expect(constWithDep.name).toBe("control_dependency_1:0");
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(sess.run(counter.value()).item()).toBe(0);
      expect(sess.run(constWithDep).item()).toBe(7);
      expect(sess.run(counter.value()).item()).toBe(1);
    }));
});
