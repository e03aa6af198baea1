// variables.py, init_ops.py, random_seed.py, state_ops.py in a Session; TF 1.15's errors and the atomic rollback
// of failing calls (variable_scope_test.py value cases that need a Session are here too).
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { graphSnapshot, inGraph } from "../scopes/test-helpers";
import { getSeed } from "./random-seed";

describe("variables.py RefVariable", () => {
  it("builds v, v/initial_value, v/Assign, v/read with TF's attrs", () =>
    inGraph((g) => {
      const v = new tf.Variable([1.5], { name: "v" });
      expect(String(v)).toBe("<tf.Variable 'v:0' shape=(1,) dtype=float32_ref>");
      expect(g.getOperations().map((o) => `${o.name}:${o.type}`)).toEqual([
        "v/initial_value:Const",
        "v:VariableV2",
        "v/Assign:Assign",
        "v/read:Identity",
      ]);
      expect(v.op.attrs).toMatchObject({ shape: { shape: [1] }, container: "", shared_name: "" });
      expect(v.initializer.attrs).toMatchObject({ use_locking: true, validate_shape: true, _class: ["loc:@v"] });
      expect(v.value().op.attrs._class).toEqual(["loc:@v"]);
      expect(v.value().name).toBe("v/read:0");
      expect(v.initializer.outputs[0].isRef).toBe(true);
      expect(new tf.Variable(2).name).toBe("Variable:0");
      expect(new tf.Variable(2, { name: "v" }).name).toBe("v_1:0");
    }));

  it("variable_scope_test.py VariableScopeTest.testVarScopeInitializer (values)", () =>
    inGraph(() => {
      const init = tf.initializers.constant(0.3);
      const [v, w] = tf.variableScope("tower0", (tower) => [
        tf.variableScope("foo", { initializer: init }, () => tf.getVariable("v", [])),
        tf.variableScope(tower, { initializer: init }, () => tf.getVariable("w", [])),
      ]);
      const sess = new tf.Session();
      sess.run(tf.variablesInitializer([v, w]));
      expect((sess.run(v.value()) as tf.NDArray).item()).toBeCloseTo(0.3);
      expect((sess.run(w.value()) as tf.NDArray).item()).toBeCloseTo(0.3);
    }));

  it("variable_scope_test.py VariableScopeTest.testStringDefaultInitializer (graph part) and testInitFromNonTensorValue (values)", () =>
    inGraph(() => {
      const s = tf.getVariable("string", [], { dtype: tf.string });
      expect(s.initialValue.op.name).toBe("string/Initializer/zeros");
      const v = tf.getVariable("v4", { initializer: 4, dtype: tf.int32 });
      const sess = new tf.Session();
      sess.run(tf.variablesInitializer([v]));
      expect((sess.run(v.value()) as tf.NDArray).item()).toBe(4);
    }));

  it("variable_scope_test.py VariableScopeTest.testControlDeps (values)", () =>
    inGraph((g) => {
      const v0 = tf.getVariable("v0", [1], { initializer: tf.initializers.constant(0) });
      const [v1, add] = g.controlDependencies([v0.value()], () => {
        const v1 = tf.getVariable("v1", [1], { initializer: tf.initializers.constant(1) });
        return [v1, v1.add(v0)] as const;
      });
      const sess = new tf.Session();
      expect(() => sess.run(v0)).toThrow("Attempting to use uninitialized value v0");
      sess.run(v1.initializer);
      expect((sess.run(v1) as tf.NDArray).toArray()).toEqual([1]);
      expect(() => sess.run(add)).toThrow("Attempting to use uninitialized value v0");
      sess.run(v0.initializer);
      expect((sess.run(add) as tf.NDArray).toArray()).toEqual([1]);
    }));

  it("assign, assignAdd, assignSub and isVariableInitialized", () =>
    inGraph(() => {
      const v = new tf.Variable([1, 2], { name: "v" });
      const a = v.assign([5, 6]);
      const add = v.assignAdd([1, 1]);
      const sub = tf.assignSub(v, [2, 2]);
      expect([a.name, add.name, sub.name]).toEqual(["Assign:0", "AssignAdd:0", "AssignSub:0"]);
      expect(a.op.attrs).toMatchObject({ use_locking: false, validate_shape: true, _class: ["loc:@v"] });
      expect(a.op.inputs[1].name).toBe("Assign/value:0");
      const init = tf.isVariableInitialized(v);
      const sess = new tf.Session();
      expect((sess.run(init) as tf.NDArray).item()).toBe(false);
      sess.run(tf.globalVariablesInitializer());
      expect((sess.run(init) as tf.NDArray).item()).toBe(true);
      sess.run(a);
      sess.run(add);
      expect((sess.run(v) as tf.NDArray).toArray()).toEqual([6, 7]);
      sess.run(sub);
      expect((sess.run(v.value()) as tf.NDArray).toArray()).toEqual([4, 5]);
      // Each Session has its own values.
      expect(() => new tf.Session().run(v)).toThrow("Attempting to use uninitialized value v");
    }));

  it("globalVariablesInitializer is a NoOp named init with a control input per initializer", () =>
    inGraph(() => {
      const a = tf.getVariable("a", [2]);
      const b = new tf.Variable(1, { name: "b" });
      const init = tf.globalVariablesInitializer();
      expect(init.name).toBe("init");
      expect(init.type).toBe("NoOp");
      expect(init.controlInputs).toEqual([a.initializer, b.initializer]);
      expect(tf.globalVariablesInitializer().name).toBe("init_1");
      expect(tf.variablesInitializer([]).name).toBe("init_2");
      expect(tf.group([a, b], "g").controlInputs.map((o) => o.name)).toEqual(["a", "b"]);
    }));
});

describe("init_ops.py initializers", () => {
  it("random_normal builds TF's ops inside v/Initializer/ (as the filewriter_scalars fixture's graph)", () =>
    inGraph((g) => {
      tf.getVariable("weight", [2, 3], { initializer: tf.initializers.randomNormal({ stddev: 0.5 }) });
      expect(
        g
          .getOperations()
          .map((o) => o.name)
          .slice(0, 6),
      ).toEqual([
        "weight/Initializer/random_normal/shape",
        "weight/Initializer/random_normal/mean",
        "weight/Initializer/random_normal/stddev",
        "weight/Initializer/random_normal/RandomStandardNormal",
        "weight/Initializer/random_normal/mul",
        "weight/Initializer/random_normal",
      ]);
      expect(g.getOperationByName("weight/Initializer/random_normal").type).toBe("Add");
    }));

  it("glorot uniform is the default for floats: limit sqrt(6 / (fan_in + fan_out))", () =>
    inGraph((g) => {
      tf.getVariable("w", [2, 3]);
      const max = g.getOperationByName("w/Initializer/random_uniform/max").attrs.value as tf.NDArray;
      const min = g.getOperationByName("w/Initializer/random_uniform/min").attrs.value as tf.NDArray;
      expect(max.item()).toBeCloseTo(Math.sqrt(6 / 5), 6);
      expect(min.item()).toBeCloseTo(-Math.sqrt(6 / 5), 6);
      const rnd = g.getOperationByName("w/Initializer/random_uniform/RandomUniform");
      expect(rnd.attrs).toMatchObject({ seed: 0, seed2: 0 });
    }));

  it("truncated normal, zeros, ones, constant and glorot normal", () =>
    inGraph(() => {
      const names = [
        tf.getVariable("t", [2], { initializer: tf.initializers.truncatedNormal() }),
        tf.getVariable("z", [2], { initializer: tf.initializers.zeros() }),
        tf.getVariable("o", [2], { initializer: tf.initializers.ones() }),
        tf.getVariable("c", [2], { initializer: tf.initializers.constant(3) }),
        tf.getVariable("gn", [2, 2], { initializer: tf.initializers.glorotNormal() }),
      ].map((v) => v.initialValue.op.name);
      expect(names).toEqual([
        "t/Initializer/truncated_normal",
        "z/Initializer/zeros",
        "o/Initializer/ones",
        "c/Initializer/Const",
        "gn/Initializer/truncated_normal",
      ]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect((sess.run("o:0") as tf.NDArray).toArray()).toEqual([1, 1]);
      expect((sess.run("c:0") as tf.NDArray).toArray()).toEqual([3, 3]);
      const t = (sess.run("t:0") as tf.NDArray).toArray() as number[];
      for (const x of t) expect(Math.abs(x)).toBeLessThan(2);
    }));

  it("VarianceScaling rejects what init_ops.py rejects", () => {
    expect(() => tf.initializers.varianceScaling({ scale: 0 })).toThrow("`scale` must be positive float.");
    expect(() =>
      inGraph(() => tf.getVariable("i", [2], { dtype: tf.int32, initializer: tf.initializers.glorotUniform() })),
    ).toThrow("Expected floating point type, got <dtype: 'int32'>.");
  });
});

describe("random_seed.py get_seed", () => {
  it("graph seed plus the op count, op seed alone, neither", () =>
    inGraph((g) => {
      expect(getSeed(null)).toEqual([0, 0]);
      expect(getSeed(5)).toEqual([87654321, 5]);
      tf.setRandomSeed(42);
      expect(g.seed).toBe(42);
      tf.constant(1);
      expect(getSeed(null)).toEqual([42, 1]);
      expect(getSeed(7)).toEqual([42, 7]);
      g.seed = 0;
      expect(getSeed(0)).toEqual([0, 2 ** 31 - 1]);
    }));

  it("a seeded graph is deterministic across graphs and sessions", () => {
    const build = () => {
      const g = new tf.Graph();
      return g.asDefault(() => {
        tf.setRandomSeed(1234);
        const v = tf.getVariable("v", [3, 4]);
        const n = tf.getVariable("n", [5], { initializer: tf.initializers.randomNormal() });
        const sess = new tf.Session({ graph: g });
        sess.run(tf.globalVariablesInitializer());
        return [
          (sess.run(v) as tf.NDArray).toArray(),
          (sess.run(n) as tf.NDArray).toArray(),
          v.initialValue.op.inputs[0].op.inputs[0].op.attrs.seed2,
        ];
      });
    };
    const first = build();
    expect(build()).toEqual(first);
    expect(first[2]).toBe(3); // the op count when RandomUniform asked for its seed (shape, min, max before it)
    const values = (first[0] as number[][]).flat();
    const limit = Math.sqrt(6 / 7);
    for (const x of values) expect(Math.abs(x)).toBeLessThanOrEqual(limit);
    expect(new Set(values).size).toBe(12);
  });

  it("running a random op again in the same Session continues its stream, as TF's kernel does", () =>
    inGraph(() => {
      tf.setRandomSeed(7);
      const r = tf.randomUniform([4]);
      const sess = new tf.Session();
      const a = (sess.run(r) as tf.NDArray).toArray();
      const b = (sess.run(r) as tf.NDArray).toArray();
      expect(a).not.toEqual(b);
      expect((new tf.Session().run(r) as tf.NDArray).toArray()).toEqual(a);
    }));
});

describe("errors leave the graph as it was", () => {
  const cases: [string, () => unknown, string][] = [
    [
      "existing variable without reuse",
      () => tf.variableScope("foo", () => tf.getVariable("v", [1])),
      "Variable foo/v already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?",
    ],
    [
      "missing variable with reuse=true",
      () => tf.variableScope("foo", { reuse: true }, () => [tf.constant(1), tf.getVariable("w", [1])]),
      "Variable foo/w does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?",
    ],
    [
      "shape mismatch on reuse",
      () => tf.variableScope("foo", { reuse: true }, () => tf.getVariable("v", [2])),
      "Trying to share variable foo/v, but specified shape (2,) and found shape (1,).",
    ],
    [
      "dtype mismatch on reuse",
      () => tf.variableScope("foo", { reuse: true }, () => tf.getVariable("v", [1], { dtype: tf.int32 })),
      "Trying to share variable foo/v, but specified dtype int32 and found dtype float32.",
    ],
    [
      "new variable without a shape",
      () => tf.variableScope("bar", () => tf.getVariable("v")),
      "The initializer passed is not valid. It should be a callable with no arguments and the shape should not be provided or an instance of `tf.keras.initializers.*' and `shape` should be fully defined.",
    ],
    [
      "reuse=true without a name",
      () => tf.variableScope(null, { defaultName: "d", reuse: true }, () => 1),
      "reuse=True cannot be used without a name_or_scope",
    ],
    [
      "invalid reuse",
      () => tf.variableScope("foo", { reuse: 1 as never }, () => 1),
      "The reuse parameter must be True or False or None.",
    ],
    [
      "invalid auxiliaryNameScope",
      () => tf.variableScope("foo", { auxiliaryNameScope: 0 as never }, () => 1),
      "The auxiliary_name_scope must be `True` or `False`, while get 0",
    ],
    [
      "no name and no default name",
      () => tf.variableScope(null, () => 1),
      "If default_name is None then name_or_scope is required",
    ],
    [
      "non-callable custom getter",
      () => tf.variableScope("cg", { customGetter: "x" as never }, () => [tf.constant(1), tf.getVariable("v", [1])]),
      "Passed a custom_getter which is not callable: x",
    ],
    [
      "a body that fails after creating variables",
      () =>
        tf.variableScope("partial", () => {
          tf.getVariable("a", [1]);
          tf.getVariable("a", [1]);
        }),
      "Variable partial/a already exists, disallowed.",
    ],
    [
      "a Promise-returning body",
      () => tf.variableScope("async_scope", async () => tf.getVariable("a", [1])),
      "The body of variableScope('async_scope') returned a Promise. Scope bodies must be synchronous",
    ],
    [
      "an initializer value whose dtype differs (a non-integer meeting an integer dtype)",
      () => tf.getVariable("s", { initializer: 1.5, dtype: tf.int32 }),
      "Initializer type '<dtype: 'float32'>' and explicit dtype '<dtype: 'int32'>' don't match.",
    ],
  ];
  for (const [what, call, message] of cases) {
    it(`${what}: ${message.slice(0, 60)}`, () =>
      inGraph((g) => {
        const v = tf.variableScope("foo", () => tf.getVariable("v", [1]));
        const before = graphSnapshot(g);
        const scopeBefore = tf.getVariableScope();
        expect(call).toThrow(message);
        expect(graphSnapshot(g)).toEqual(before);
        expect(tf.getVariableScope()).toBe(scopeBefore);
        expect(g.getNameScope()).toBe("");
        // The variable store and the var-scope counters are as they were too.
        expect(tf.variableScope("foo", { reuse: true }, () => tf.getVariable("v", [1]))).toBe(v);
        expect(tf.variableScope(null, { defaultName: "partial" }, (s) => s.name)).toBe("partial");
        expect(tf.variableScope("partial", () => tf.getVariable("a", [1]).name)).toBe("partial/a:0");
      }));
  }

  it("errors carry TF's class names", () =>
    inGraph(() => {
      const err = (() => {
        try {
          tf.variableScope("foo", { reuse: true }, () => tf.getVariable("nope", [1]));
        } catch (e) {
          return e as Error;
        }
      })();
      expect(String(err)).toBe(
        "ValueError: Variable foo/nope does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?",
      );
      expect(tf.errors.ValueError.isInstance(err)).toBe(true);
    }));

  it("resetDefaultGraph inside asDefault", () => {
    expect(() => new tf.Graph().asDefault(() => tf.resetDefaultGraph())).toThrow(
      "Do not use tf.reset_default_graph() to clear nested graphs. If you need a cleared graph, exit the nesting and create a new graph.",
    );
  });

  it("values from two graphs", () => {
    const a = new tf.Graph().asDefault(() => new tf.Variable(1, { name: "a" }));
    const b = new tf.Graph().asDefault(() => new tf.Variable(1, { name: "b" }));
    expect(() => tf.variableScope("s", { values: [a, b] }, () => 1)).toThrow(
      'Tensor("b:0", shape=(), dtype=int32_ref) must be from the same graph as Tensor("a:0", shape=(), dtype=int32_ref).',
    );
  });
});
