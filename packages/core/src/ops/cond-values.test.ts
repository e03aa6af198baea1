// control_flow_ops_py_test.py ControlFlowTest (testCond_*, outputs, refs, pruning) and control_flow_ops_test.py
// CondTest / DataTypesTest, graph mode: values of tf.cond, which branch ran, structures and strict mode.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";
import { createOp } from "./op-builder";
import { opDefs } from "./op-defs";

describe("tf.cond values (control_flow_ops_py_test.py ControlFlowTest)", () => {
  it("testCond_1 / testCond_2: the taken branch's value", () =>
    inGraph(() => {
      const x = tf.constant(10);
      const r1 = tf.cond(
        tf.less(1, 2),
        () => tf.add(x, 1),
        () => tf.subtract(x, 1),
      );
      const r2 = tf.cond(
        tf.less(1, 0),
        () => tf.add(x, 1),
        () => tf.subtract(x, 1),
      );
      expect(new tf.Session().run([r1, r2]).map((v) => v.item())).toEqual([11, 9]);
    }));

  it("testCond_3: a cond inside a branch (nested contexts, names under cond_1/cond)", () =>
    inGraph((g) => {
      const x = tf.constant(10);
      const pred = tf.less(1, 2);
      const fn1 = () => tf.add(x, 1);
      const fn2 = () => tf.subtract(x, 1);
      const r = tf.cond(pred, () => tf.add(tf.cond(pred, fn1, fn2), 1), fn2);
      expect(r.name).toBe("cond/Merge:0");
      expect(g.getOperationByName("cond/cond/Merge").type).toBe("Merge");
      // The inner cond's predicate comes into the outer true branch through a Switch.
      expect(g.getOperationByName("cond/cond/Switch").inputs.map((t) => t.name)).toEqual([
        "cond/cond/Switch/Switch:1",
        "cond/cond/Switch/Switch:1",
      ]);
      expect(new tf.Session().run(r).item()).toBe(12);
    }));

  it("testCondPruning: branches returning ops; only what the fetch needs runs", () =>
    inGraph(() => {
      const v1 = new tf.Variable(7, { name: "v1" });
      const v2 = new tf.Variable(7, { name: "v2" });
      const v3 = new tf.Variable(7, { name: "v3" });
      const pred = tf.greater(tf.constant(3), tf.constant(2));
      const r = tf.cond(
        pred,
        () => [tf.assign(v1, 1).op, tf.assign(v2, 2).op],
        () => [tf.assign(v3, 3).op, tf.constant(10).op],
      );
      expect(r.length).toBe(2);
      expect(r.map((t) => t.name)).toEqual(["cond/Merge:0", "cond/Merge_1:0"]);
      expect(r[1].op.inputs.map((t) => t.name)).toEqual(["cond/control_dependency_3:0", "cond/control_dependency_1:0"]);
      const dependency = r[1].op.inputs[1].op;
      expect(dependency.inputs.map((t) => t.name)).toEqual(["cond/switch_t:0"]);
      expect(dependency.controlInputs.map((op) => op.name)).toEqual(["cond/Assign_1"]);
      expect(dependency.attrs._class).toEqual(["loc:@cond/switch_t"]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(sess.run(r[1]).item()).toBe(true);
      expect(sess.run([v1.value(), v2.value(), v3.value()]).map((v) => v.item())).toEqual([7, 2, 7]);
    }));

  it("testCond_5: chained conds, each predicate a previous cond's output", () =>
    inGraph(() => {
      let alive = tf.constant(true, { name: "alive" });
      let count = tf.constant(0, { name: "count" });
      for (let i = 0; i < 10; i++) {
        const [a, c] = tf.cond(
          alive,
          (): [tf.Tensor, tf.Tensor] => [tf.less(i, 3), tf.add(count, 1)],
          () => [alive, count],
        );
        alive = a;
        count = c;
      }
      expect(new tf.Session().run(count).item()).toBe(4);
    }));

  it("testCond_6: a Variable returned by a branch reads through a Switch (cond/Switch_1)", () =>
    inGraph((g) => {
      const v1 = new tf.Variable([7]);
      const age = tf.constant(3);
      const r = tf.cond(
        tf.greater(age, 4),
        () => age,
        () => v1,
      );
      expect(g.getOperationByName("cond/Switch_2").inputs.map((t) => t.name)).toEqual([
        "Variable/read:0",
        "cond/pred_id:0",
      ]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(sess.run(r).toArray()).toEqual([7]);
    }));

  it("testCond_7 / testCondListOutput / testTupleOutput: arrays of outputs", () =>
    inGraph(() => {
      const x = tf.constant(10);
      const y = tf.constant(200);
      const pred = tf.less(1, 2);
      const r = tf.cond(
        pred,
        () => [tf.add(x, 1), tf.add(x, 2)],
        () => [y, y],
      );
      const list = tf.cond(
        pred,
        () => [tf.add(x, y), tf.add(x, y)],
        () => [y, y],
      );
      const sess = new tf.Session();
      expect(sess.run(r).map((v) => v.item())).toEqual([11, 12]);
      expect(sess.run(list).map((v) => v.item())).toEqual([210, 210]);
    }));

  it("testDictOutput / testEmbeddedDictOutput / testEmbeddedListOutput (strict)", () =>
    inGraph(() => {
      const x = tf.constant(10);
      const y = tf.constant(200);
      const pred = tf.less(1, 2);
      const dict = tf.cond(
        pred,
        () => ({ b: tf.add(x, y), a: tf.add(x, 1) }),
        () => ({ b: y, a: y }),
      );
      // nest.flatten takes dict values in sorted key order: `a` is merged first.
      expect([dict.a.name, dict.b.name]).toEqual(["cond/Merge:0", "cond/Merge_1:0"]);
      expect(Object.keys(dict)).toEqual(["b", "a"]);
      const embedded = tf.cond(
        pred,
        () => ({ a: { c: tf.add(x, y) }, b: { d: tf.add(x, y) } }),
        () => ({ a: { c: y }, b: { d: y } }),
      );
      const list = tf.cond(
        pred,
        () => [[tf.add(x, y), tf.add(x, y)]] as [[tf.Tensor, tf.Tensor]],
        () => [[y, y]] as [[tf.Tensor, tf.Tensor]],
        { strict: true },
      );
      const sess = new tf.Session();
      expect(sess.run(dict)).toMatchObject({ a: { data: Int32Array.of(11) }, b: { data: Int32Array.of(210) } });
      expect(sess.run(embedded).b.d.item()).toBe(210);
      expect(sess.run(list).map((row) => row.map((v) => v.item()))).toEqual([[210, 210]]);
    }));

  it("testCheckNestedOutputStruct: different dict keys are nest's ValueError", () =>
    inGraph(() => {
      const x = tf.constant(10);
      const y = tf.constant(200);
      expect(() =>
        tf.cond(
          tf.less(1, 2),
          () => ({ a: tf.add(x, y), b: tf.add(x, y) }) as Record<string, tf.Tensor>,
          () => ({ c: y, d: y }),
        ),
      ).toThrow(
        "The two structures don't have the same nested structure.\n\n" +
          "First structure: {'a': <tf.Tensor 'cond/Add:0' shape=() dtype=int32>, 'b': <tf.Tensor 'cond/Add_1:0' shape=() dtype=int32>}\n\n" +
          "Second structure: {'c': <tf.Tensor 'Const_1:0' shape=() dtype=int32>, 'd': <tf.Tensor 'Const_1:0' shape=() dtype=int32>}\n\n" +
          "More specifically: The two dictionaries don't have the same set of keys. First structure has keys ['a', 'b'], while second structure has keys ['c', 'd']\n" +
          "Entire first structure:\n{'a': ., 'b': .}\nEntire second structure:\n{'c': ., 'd': .}",
      );
    }));

  it("testCondRef: a raw VariableV2 output returned by the untaken branch (a RefSwitch) need not be initialized", () =>
    inGraph((g) => {
      const x = createOp(opDefs.VariableV2, [], {
        name: "x",
        attrs: { shape: { shape: [1] }, dtype: tf.float32, container: "", shared_name: "" },
        shapes: [[1]],
      }).outputs[0];
      const r = tf.cond(
        tf.constant(false),
        () => x,
        () => tf.constant([2.0], { dtype: "float32" }),
      );
      expect(g.getOperationByName("cond/Switch_1").type).toBe("RefSwitch");
      expect(g.getOperationByName("cond/Switch_1").outputs.map((t) => t.isRef)).toEqual([true, true]);
      expect(r.op.type).toBe("Merge");
      expect(new tf.Session().run(r).toArray()).toEqual([2]);
    }));

  it("testCondWithControl: an op in the branch with a control input from outside, not fetched, does not run", () =>
    inGraph(() => {
      const controlHolder = tf.placeholder("float32", [], "control_holder");
      const a = tf.constant(3);
      const r = tf.cond(
        tf.constant(true),
        () => {
          tf.controlDependencies([controlHolder], () => a.add(1));
          return a.add(2);
        },
        () => tf.constant(1),
      );
      expect(new tf.Session().run(r).item()).toBe(5);
    }));

  it("testCondSwitchIdentity: the untaken branch's failing Assert does not run; a no_op branch gives its pivot", () =>
    inGraph(() => {
      const pred = tf.constant(true);
      const r = tf.cond(
        pred,
        () => tf.noOp(),
        () =>
          createOp(opDefs.Assert, [tf.constant(false), tf.constant("Wrong branch!!!")], {
            name: "Assert/",
            attrs: { T: [tf.string], summarize: 3 },
          }),
      );
      expect(r.op.inputs.map((t) => t.name)).toEqual(["cond/control_dependency_1:0", "cond/control_dependency:0"]);
      expect(new tf.Session().run(r).item()).toBe(true);
    }));

  it("testCondFeedConstantPredicate / testCondFeedPlaceholderWithDefaultPredicate: a fed predicate picks the branch", () =>
    inGraph(() => {
      const value = tf.constant(37.0, { dtype: "float32" });
      const predicate = tf.constant(true);
      const result = tf.identity(
        tf.cond(
          predicate,
          () => tf.constant(0.0, { dtype: "float32" }),
          () => value,
        ),
      );
      const sess = new tf.Session();
      expect(sess.run(result, new Map([[predicate, false]])).item()).toBe(37);
      expect(sess.run(result, new Map([[predicate, true]])).item()).toBe(0);
      expect(sess.run(result).item()).toBe(0);
      const withDefault = createOp(opDefs.PlaceholderWithDefault, [tf.constant(true)], {
        attrs: { dtype: tf.bool, shape: { shape: [] } },
        shapes: [[]],
      }).outputs[0];
      const out = tf.identity(
        tf.cond(
          withDefault,
          () => tf.constant(0.0, { dtype: "float32" }),
          () => value,
        ),
      );
      expect(sess.run(out, new Map([[withDefault, false]])).item()).toBe(37);
      expect(sess.run(out, new Map([[withDefault, true]])).item()).toBe(0);
    }));

  it("only the taken branch runs: an assignAdd in each branch, and an uninitialized variable read in one", () =>
    inGraph((g) => {
      const p = tf.placeholder("bool", [], "p");
      const hitsTrue = new tf.Variable(0, { name: "hits_true" });
      const hitsFalse = new tf.Variable(0, { name: "hits_false" });
      const never = new tf.Variable(1, { name: "never_initialized" });
      const r = tf.cond(
        p,
        () => tf.assignAdd(hitsTrue, 1),
        // read_value() reads inside the branch, through a RefSwitch of the variable.
        () => tf.add(tf.assignAdd(hitsFalse, 10), never.readValue()),
      );
      expect(g.getOperationByName("cond/read").inputs.map((t) => t.name)).toEqual(["cond/read/Switch:0"]);
      expect(g.getOperationByName("cond/AssignAdd/Switch").type).toBe("RefSwitch");
      const sess = new tf.Session();
      sess.run(tf.variablesInitializer([hitsTrue, hitsFalse]));
      expect(sess.run(r, { "p:0": true }).item()).toBe(1);
      expect(sess.run(r, { "p:0": true }).item()).toBe(2);
      // executor.cc names the input as the NodeDef spells it: the RefSwitch output the read consumes.
      expect(() => sess.run(r, { "p:0": false })).toThrow(
        "Attempting to use uninitialized value cond/read/Switch\n\t [[{{node cond/read}}]]",
      );
      expect(sess.run([hitsTrue.value(), hitsFalse.value()]).map((v) => v.item())).toEqual([2, 10]);
      sess.run(never.initializer);
      expect(sess.run(r, { "p:0": false }).item()).toBe(21);
    }));
});

describe("tf.cond (control_flow_ops_test.py CondTest, DataTypesTest)", () => {
  it("CondTest.testCondModifyBoolPred: the true branch assigns the predicate's variable", () =>
    inGraph((g) => {
      const boolVar = tf.getVariable("bool_var", { dtype: tf.bool, initializer: true });
      const condOnBoolVar = tf.cond(
        boolVar,
        () => tf.assign(boolVar, false),
        () => true,
      );
      expect(g.getOperationByName("cond/Switch").inputs.map((t) => t.name)).toEqual(["bool_var:0", "bool_var/read:0"]);
      expect(g.getOperationByName("cond/Assign/Switch").type).toBe("RefSwitch");
      const sess = new tf.Session();
      sess.run(boolVar.initializer);
      expect(sess.run(condOnBoolVar).item()).toBe(false);
      expect(sess.run(condOnBoolVar).item()).toBe(true);
    }));

  it("CondTest.testCond_gradient (graph mode): the untaken branch's input gets 0", () =>
    inGraph(() => {
      const trueIn = tf.constant(1, { dtype: "float32" });
      const falseIn = tf.constant(5, { dtype: "float32" });
      const condTrue = tf.cond(
        tf.constant(true),
        () => tf.pow(trueIn, 2),
        () => tf.pow(falseIn, 2),
      );
      const condFalse = tf.cond(
        tf.constant(false),
        () => tf.pow(trueIn, 2),
        () => tf.pow(falseIn, 2),
      );
      const three = tf.constant(3, { dtype: "float32" });
      const gradsTrue = tf.gradients(condTrue, [trueIn, falseIn], { gradYs: three }) as tf.Tensor[];
      const gradsFalse = tf.gradients(condFalse, [trueIn, falseIn], { gradYs: three }) as tf.Tensor[];
      const sess = new tf.Session();
      expect(sess.run(gradsTrue).map((v) => v.item())).toEqual([6, 0]);
      expect(sess.run(gradsFalse).map((v) => v.item())).toEqual([0, 30]);
    }));

  /** DataTypesTest._testReturnValues with a fed bool placeholder (tf.case is not built yet). */
  function returnValues(
    fnTrue: () => unknown,
    fnFalse: () => unknown,
    options: { strict?: boolean; feeds?: Record<string, tf.FeedValue> } = {},
  ) {
    const condition = tf.placeholder("bool", null);
    const output = tf.cond(condition, fnTrue, fnFalse, { strict: options.strict as false }) as tf.Tensor;
    const sess = new tf.Session();
    sess.run(tf.globalVariablesInitializer());
    const at = (v: boolean) =>
      sess.run(
        output,
        new Map<tf.Tensor | string, tf.FeedValue>([[condition, v], ...Object.entries(options.feeds ?? {})]),
      );
    return { output, values: [at(true), at(false)] };
  }
  const plain = (v: unknown): unknown => (Array.isArray(v) ? v.map(plain) : v instanceof tf.NDArray ? v.toArray() : v);

  it("test_int / test_float / test_string / test_noop", () =>
    inGraph(() => {
      const ints = returnValues(
        () => 1,
        () => 2,
      );
      expect(ints.output.shape).toEqual([]);
      expect(ints.values.map(plain)).toEqual([1, 2]);
      const strictInts = returnValues(
        () => 1,
        () => 2,
        { strict: true },
      );
      expect(strictInts.values.map(plain)).toEqual([1, 2]);
      const floats = returnValues(
        () => 1.5,
        () => 2.5,
      );
      expect(floats.values.map(plain)).toEqual([1.5, 2.5]);
      const strings = returnValues(
        () => "abc",
        () => "xyz",
      );
      expect(strings.values.map((v) => new TextDecoder().decode(v.item() as Uint8Array))).toEqual(["abc", "xyz"]);
      const noop = returnValues(
        () => tf.noOp(),
        () => tf.noOp(),
      );
      expect(noop.output.shape).toBeNull();
      expect(noop.values.map(plain)).toEqual([true, false]);
    }));

  it("test_variable / test_list: Variables made inside a branch are outside its context (init_scope)", () =>
    inGraph((g) => {
      const vars = returnValues(
        () => new tf.Variable(3.0, { dtype: "float32" }),
        () => new tf.Variable(4.0, { dtype: "float32" }),
      );
      expect(vars.values.map(plain)).toEqual([3, 4]);
      expect(g.getOperationByName("cond/Variable").controlInputs).toEqual([]);
      expect(g.getOperationByName("cond/Variable").controlFlowContext).toBeNull();
      const list = returnValues(
        () => [tf.constant(1), 2, new tf.Variable(3.0, { dtype: "float32" })],
        () => [tf.constant(3), 4, new tf.Variable(5.0, { dtype: "float32" })],
      );
      expect(list.values.map(plain)).toEqual([
        [1, 2, 3],
        [3, 4, 5],
      ]);
    }));

  it("a Variable whose initial value was built in the branch is RefVariable's ValueError (a function is fine)", () =>
    inGraph(() => {
      const p = tf.placeholder("bool", [], "p");
      expect(() =>
        tf.cond(
          p,
          () => new tf.Variable(tf.zeros([2])),
          () => tf.ones([2]),
        ),
      ).toThrow(
        new tf.errors.ValueError(
          "Initializer for variable cond/Variable/ is from inside a control-flow construct, such as a loop or conditional. When creating a variable inside a loop or conditional, use a lambda as the initializer.",
        ),
      );
      const r = tf.cond(
        p,
        () => new tf.Variable(() => tf.zeros([2])),
        () => tf.ones([2]),
      );
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(sess.run(r, { "p:0": true }).toArray()).toEqual([0, 0]);
    }));

  it("test_none: a branch without a return value is a ValueError", () =>
    inGraph(() => {
      const p = tf.constant(true);
      expect(() =>
        tf.cond(
          p,
          () => undefined,
          () => tf.constant(1),
        ),
      ).toThrow(new tf.errors.ValueError("true_fn must have a return value."));
      expect(() =>
        tf.cond(
          p,
          () => tf.constant(1),
          () => null,
        ),
      ).toThrow(new tf.errors.ValueError("false_fn must have a return value."));
    }));

  it("test_tensors / test_tensors_unknown_shape / test_tensors_with_partially_specified_shapes", () =>
    inGraph(() => {
      for (const dtype of [tf.float32, tf.int32, tf.float64]) {
        const r = returnValues(
          () => [tf.zeros([2, 2], dtype), tf.ones([3, 3], dtype)],
          () => [tf.ones([2, 2], dtype), tf.zeros([3, 3], dtype)],
        );
        expect((r.output as unknown as tf.Tensor[]).map((t) => t.shape)).toEqual([
          [2, 2],
          [3, 3],
        ]);
        expect(r.values.map(plain)).toEqual([
          [
            tf.zeros([2, 2]).shape && [
              [0, 0],
              [0, 0],
            ],
            [
              [1, 1, 1],
              [1, 1, 1],
              [1, 1, 1],
            ],
          ],
          [
            [
              [1, 1],
              [1, 1],
            ],
            [
              [0, 0, 0],
              [0, 0, 0],
              [0, 0, 0],
            ],
          ],
        ]);
      }
      const a = tf.placeholder("int32", null, "a");
      const b = tf.placeholder("int32", null, "b");
      const unknown = returnValues(
        () => a,
        () => b,
        { feeds: { "a:0": [[0, 0]], "b:0": [[1, 1]] } },
      );
      expect(unknown.output.shape).toBeNull();
      expect(unknown.values.map(plain)).toEqual([[[0, 0]], [[1, 1]]]);
      const partial = (shape: (number | null)[][]) => shape.map((s, i) => tf.placeholder("float32", s, `p${i}`));
      const [t1, t2] = [partial([[null, 2], [null], [3, null]]), partial([[null, 2], [null], [3, null]])];
      const shaped = tf.cond(
        tf.placeholder("bool", null),
        () => t1,
        () => t2,
      );
      expect(shaped.map((t) => t.shape)).toEqual([[null, 2], [null], [3, null]]);
    }));

  it("test_non_strict / test_singleton_list / test_singleton_strict: singletons unpacked unless strict", () =>
    inGraph(() => {
      const fnTensor = () => tf.constant(1);
      const fnList = () => [tf.constant(2)];
      const loose = returnValues(fnTensor, fnList);
      expect(loose.output.shape).toEqual([]);
      expect(loose.values.map(plain)).toEqual([1, 2]);
      const lists = returnValues(fnList, () => [tf.constant(3)]);
      expect(lists.values.map(plain)).toEqual([2, 3]);
      const strict = tf.cond(tf.constant(true), fnList, () => [tf.constant(3)], { strict: true });
      expect(Array.isArray(strict) && strict.length).toBe(1);
      expect(() => tf.cond(tf.constant(true), fnTensor, fnList as never, { strict: true })).toThrow(
        'More specifically: Substructure "[<tf.Tensor \'cond_3/Const_1:0\' shape=() dtype=int32>]" is a sequence, while substructure "Tensor("cond_3/Const:0", shape=(), dtype=int32)" is not',
      );
      expect(() =>
        tf.cond(
          tf.constant(true),
          () => [tf.constant(1)],
          () => [],
          { strict: true },
        ),
      ).toThrow(
        "More specifically: The two structures don't have the same number of elements. First structure: [<tf.Tensor 'cond_3/Const:0' shape=() dtype=int32>]. Second structure: []\nEntire first structure:\n[.]\nEntire second structure:\n[]",
      );
      expect(() =>
        tf.cond(
          tf.constant(true),
          () => [],
          () => [],
        ),
      ).toThrow(new tf.errors.ValueError("true_fn and false_fn must return at least one result."));
    }));

  it("test_nested: arrays and objects nested, numbers converted in the branch", () =>
    inGraph(() => {
      const r = returnValues(
        () => [tf.constant(1), { a: tf.constant(2), b: [3, 4] }, tf.zeros([5, 5]), 6],
        () => [tf.constant(11), { a: tf.constant(12), b: [13, 14] }, tf.ones([5, 5]), 16],
      );
      const [t, f] = r.values as unknown as [tf.NDArray, { a: tf.NDArray; b: tf.NDArray[] }, tf.NDArray, tf.NDArray][];
      expect([t[0].item(), t[1].a.item(), t[1].b.map((v) => v.item()), t[3].item()]).toEqual([1, 2, [3, 4], 6]);
      expect([f[0].item(), f[1].a.item(), f[1].b.map((v) => v.item()), f[3].item()]).toEqual([11, 12, [13, 14], 16]);
      expect(Array.from(f[2].data as Float32Array).every((v) => v === 1)).toBe(true);
    }));

  it("mismatched dtypes are TF's ValueError", () =>
    inGraph(() => {
      expect(() =>
        tf.cond(
          tf.constant(true),
          () => tf.constant(1, { dtype: "float32" }),
          () => tf.constant(1),
        ),
      ).toThrow(new tf.errors.ValueError("Outputs of true_fn and false_fn must have the same type: float32, int32"));
    }));
});
