// Ports of tensorflow/python/kernel_tests/variable_scope_test.py (TF 1.15), graph mode.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "./test-helpers";
import { defaultVariableStore } from "./variable-store";

const gv = (name: string, shape: number[] = []) => tf.getVariable(name, shape);
const ns = <T>(name: string | null, body: (s: string) => T) => tf.nameScope(name, body);
const vs = tf.variableScope;

describe("variable_scope_test.py VariableScopeTest", () => {
  it("variable_scope_test.py VariableScopeTest.testGetVar", () =>
    inGraph((g) => {
      const store = defaultVariableStore(g);
      const v = store.getVariable("v", { shape: [1], dtype: tf.float32 });
      const v1 = store.getVariable("v", { shape: [1], dtype: tf.float32 });
      expect(v1).toBe(v);
    }));

  it("variable_scope_test.py VariableScopeTest.testNameExists", () =>
    inGraph((g) => {
      const store = defaultVariableStore(g);
      const v = store.getVariable("v", { shape: [1], dtype: tf.float32 });
      expect(store.getVariable("v", { shape: [1], dtype: tf.float32 })).toBe(v);
      store.getVariable("w", { shape: [1], dtype: tf.float32, reuse: false });
      expect(() => store.getVariable("v", { shape: [1], dtype: tf.float32, reuse: false })).toThrow(
        "Variable v already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?",
      );
      store.getVariable("v", { shape: [1], dtype: tf.float32, reuse: true });
      expect(() => store.getVariable("u", { shape: [1], dtype: tf.float32, reuse: true })).toThrow(
        "Variable u does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?",
      );
    }));

  it("variable_scope_test.py VariableScopeTest.testNamelessStore", () =>
    inGraph((g) => {
      const store = defaultVariableStore(g);
      store.getVariable("v1", { shape: [2], dtype: tf.float32 });
      store.getVariable("v2", { shape: [2], dtype: tf.float32 });
      expect(store.variables().map((v) => v.name)).toEqual(["v1:0", "v2:0"]);
    }));

  it("variable_scope_test.py VariableScopeTest.testVarScopeInitializer (graph part)", () =>
    inGraph(() => {
      const init = tf.initializers.constant(0.3);
      vs("tower0", (tower) => {
        vs("foo", { initializer: init }, () => {
          const v = gv("v");
          expect(v.name).toBe("tower0/foo/v:0");
          expect(v.initialValue.op.name).toBe("tower0/foo/v/Initializer/Const");
          expect((v.initialValue.op.attrs.value as tf.NDArray).data[0]).toBeCloseTo(0.3);
        });
        vs(tower, { initializer: init }, () => {
          const w = gv("w");
          expect(w.initialValue.op.name).toBe("tower0/w/Initializer/Const");
        });
      });
    }));

  it("variable_scope_test.py VariableScopeTest.testVarScopeDType", () =>
    inGraph(() => {
      vs("tower2", (tower) => {
        vs("foo", { dtype: tf.float16 }, () => expect(gv("v").dtype).toBe(tf.float16));
        vs(tower, { dtype: tf.float16 }, () => expect(gv("w").dtype).toBe(tf.float16));
      });
    }));

  it("variable_scope_test.py VariableScopeTest.testInitFromNonTensorValue", () =>
    inGraph((g) => {
      const v = tf.getVariable("v4", { initializer: 4, dtype: tf.int32 });
      expect(v.dtype).toBe(tf.int32);
      expect(v.shape).toEqual([]);
      const w = tf.getVariable("w4", { initializer: new BigInt64Array([1n, 2n, 3n]), dtype: tf.int64 });
      expect(w.shape).toEqual([3]);
      expect(w.dtype).toBe(tf.int64);
      expect(() => tf.getVariable("x4", { initializer: {} as never })).toThrow(
        "Failed to convert object of type <class 'object'> to Tensor. Contents: {}. Consider casting elements to a supported type.",
      );
      // VariableScope.get_variable converted the values to check their dtype, as TF does.
      expect(
        g
          .getOperations()
          .filter((o) => o.name.startsWith("Const"))
          .map((o) => o.name),
      ).toEqual(["Const", "Const_1"]);
    }));

  it("variable_scope_test.py VariableScopeTest.testInitFromNonInitializer (graph part: zeros for int and bool types)", () =>
    inGraph(() => {
      const types = [tf.int8, tf.uint8, tf.int16, tf.uint16, tf.int32, tf.int64, tf.bool];
      types.forEach((dtype, i) => {
        const x = tf.getVariable(`xx${i}`, [3, 4], { dtype });
        const y = tf.getVariable(`yy${i}`, [3, 4], { dtype, initializer: tf.initializers.zeros({ dtype }) });
        expect(x.initialValue.op.name).toBe(`xx${i}/Initializer/zeros`);
        expect(y.initialValue.op.name).toBe(`yy${i}/Initializer/zeros`);
        expect(x.dtype).toBe(dtype);
      });
    }));

  it("variable_scope_test.py VariableScopeTest.testVarScopeRegularizer (graph part)", () =>
    inGraph(() => {
      const init = tf.initializers.constant(0.3);
      const regularizer1 = (v: tf.Variable) => v.value().add(0.1);
      const regularizer2 = (v: tf.Variable) => v.value().add(0.2);
      const losses = () => tf.getDefaultGraph().getCollection<tf.Tensor>(tf.GraphKeys.REGULARIZATION_LOSSES);
      vs("tower3", { regularizer: regularizer1 }, (tower) => {
        vs("foo", { initializer: init }, () => {
          gv("v");
          expect(losses().map((l) => l.name)).toEqual(["tower3/foo/v/Regularizer/add:0"]);
          expect(losses()[0].op.attrs._class).toEqual(["loc:@tower3/foo/v"]);
        });
        vs(tower, { initializer: init }, (scope) => {
          gv("u");
          scope.setRegularizer(regularizer2);
          gv("w");
          gv("x", []);
          tf.getVariable("x2", [], { regularizer: tf.noRegularizer });
          vs("baz", { regularizer: tf.noRegularizer }, () => gv("y"));
          scope.setRegularizer(tf.noRegularizer);
          gv("z");
          expect(losses().map((l) => l.name)).toEqual([
            "tower3/foo/v/Regularizer/add:0",
            "tower3/u/Regularizer/add:0",
            "tower3/w/Regularizer/add:0",
            "tower3/x/Regularizer/add:0",
          ]);
        });
        vs("foo", { reuse: true }, () => {
          gv("v");
          expect(losses().length).toBe(4); // no new loss for a reused variable
        });
      });
    }));

  it("variable_scope_test.py VariableScopeTest.testInitializeFromValue", () =>
    inGraph(() => {
      const init = tf.constant(0.1);
      const w = tf.getVariable("v", { initializer: init });
      expect(w.shape).toEqual([]);
      expect(w.initialValue).toBe(init);
      expect(() => tf.getVariable("u", [1], { initializer: init })).toThrow(
        "If initializer is a constant, do not specify shape.",
      );
      vs("foo", { initializer: init }, () => {
        const v = tf.getVariable("v");
        expect(v.name).toBe("foo/v:0");
        expect(v.initialValue).toBe(init);
      });
      const intInit = tf.constant(1, { dtype: tf.int32 });
      expect(tf.getVariable("t", { initializer: intInit }).dtype).toBe(tf.int32);
      expect(() => tf.getVariable("s", { initializer: intInit, dtype: tf.float64 })).toThrow(
        "Initializer type '<dtype: 'int32'>' and explicit dtype '<dtype: 'float64'>' don't match.",
      );
    }));

  it("variable_scope_test.py VariableScopeTest.testControlDeps (graph part: variables ignore control dependencies)", () =>
    inGraph((g) => {
      const v0 = tf.getVariable("v0", [1], { initializer: tf.initializers.constant(0) });
      g.controlDependencies([v0.value()], () => {
        const v1 = tf.getVariable("v1", [1], { initializer: tf.initializers.constant(1) });
        for (const op of [v1.op, v1.initializer, v1.value().op, v1.initialValue.op])
          expect(op.controlInputs).toEqual([]);
        // The control input is dropped where v0/read is already an input (ops.py: _control_dependencies_for_inputs).
        expect(v1.add(v0).op.controlInputs).toEqual([]);
        expect(tf.constant(1).op.controlInputs.map((o) => o.name)).toEqual(["v0/read"]);
      });
    }));

  it("variable_scope_test.py VariableScopeTest.testGetVariableScope", () =>
    inGraph(() => {
      const init = tf.initializers.constant(0.3);
      vs("bar", () => {
        expect(tf.getVariableScope().initializer).toBeNull();
        tf.getVariableScope().setInitializer(init);
        const v = gv("v");
        expect(v.initialValue.op.name).toBe("bar/v/Initializer/Const");
        tf.getVariableScope().reuseVariables();
        expect(() => tf.getVariable("w", [1])).toThrow("Variable bar/w does not exist");
      });
      expect(tf.getVariableScope().initializer).toBeNull();
    }));

  it("variable_scope_test.py VariableScopeTest.testVarScope", () =>
    inGraph(() => {
      const tower = vs("tower4", (t) => {
        expect(t.name).toBe("tower4");
        ns("scope", (sc) => expect(sc).toBe("tower4/scope/"));
        return t;
      });
      vs("tower5", () =>
        vs("bar", (bar) => {
          expect(bar.name).toBe("tower5/bar");
          ns("scope", (sc) => expect(sc).toBe("tower5/bar/scope/"));
        }),
      );
      vs("tower6", () =>
        vs(tower, { reuse: true }, (shared) => {
          expect(shared.name).toBe("tower4");
          ns("scope", (sc) => expect(sc).toBe("tower6/tower4/scope/"));
        }),
      );
    }));

  it("variable_scope_test.py VariableScopeTest.testVarScopeNameScope", () =>
    inGraph(() => {
      let tower!: tf.VariableScope;
      ns("testVarScopeNameScope1", () => {
        tower = vs("tower", (t) => {
          ns("scope2", (sc2) => expect(sc2).toBe("testVarScopeNameScope1/tower/scope2/"));
          return t;
        });
        vs(tower, () => ns("scope2", (sc2) => expect(sc2).toBe("testVarScopeNameScope1/tower_1/scope2/")));
        vs("tower", () => ns("scope2", (sc2) => expect(sc2).toBe("testVarScopeNameScope1/tower_2/scope2/")));
      });
      ns("testVarScopeNameScope2", () => {
        vs("tower", () => ns("scope2", (sc2) => expect(sc2).toBe("testVarScopeNameScope2/tower/scope2/")));
        vs(tower, () => ns("scope2", (sc2) => expect(sc2).toBe("testVarScopeNameScope2/tower_1/scope2/")));
      });
      const root = tf.getVariableScope();
      ns("testVarScopeNameScope3", () =>
        vs(root, () => ns("scope2", (sc2) => expect(sc2).toBe("testVarScopeNameScope3/scope2/"))),
      );
    }));

  it("variable_scope_test.py VariableScopeTest.testVarScopeOriginalNameScope", () =>
    inGraph(() => {
      const tower = ns("scope1", () =>
        vs("tower", (t) => {
          expect(t.originalNameScope).toBe("scope1/tower/");
          ns("scope2", (sc2) => expect(sc2).toBe("scope1/tower/scope2/"));
          return t;
        }),
      );
      ns("scope2", () => {
        vs(tower, (tower1) => {
          expect(tower1.originalNameScope).toBe("scope1/tower/");
          ns("foo", (sc2) => expect(sc2).toBe("scope2/tower/foo/"));
        });
        ns(tower.originalNameScope, () => ns("bar", (sc3) => expect(sc3).toBe("scope1/tower/bar/")));
      });
      ns("scope2", () =>
        vs(tower, () => ns(tower.originalNameScope, () => ns("bar", (sc3) => expect(sc3).toBe("scope1/tower/bar_1/")))),
      );
    }));

  it("variable_scope_test.py VariableScopeTest.testVarScopeObjectReuse", () =>
    inGraph(() => {
      let scope = vs("jump", { reuse: true }, (s) => s);
      vs(scope, (jump) => expect(jump.reuse).toBe(true));
      vs(scope, { reuse: true }, (jump) => expect(jump.reuse).toBe(true));
      vs(scope, { reuse: false }, (jump) => expect(jump.reuse).toBe(true)); // inherited, cannot be undone
      scope = vs("jump", { reuse: false }, (s) => s);
      vs(scope, (jump) => expect(jump.reuse).toBe(false));
      vs(scope, { reuse: true }, (jump) => expect(jump.reuse).toBe(true));
      vs(scope, { reuse: false }, (jump) => expect(jump.reuse).toBe(false));
    }));

  it("variable_scope_test.py VariableScopeTest.testVarScopeGetOrCreateReuse (graph part)", () =>
    inGraph(() => {
      const testValue = (value: number) => {
        const x = tf.constant(value, { dtype: tf.float32 });
        const a = vs("testVarScopeGetOrCreateReuse_bar", { reuse: tf.AUTO_REUSE }, () => {
          const v = tf.getVariable("var", []);
          tf.assign(v, x);
          return v;
        });
        const b = vs("testVarScopeGetOrCreateReuse_bar", { reuse: tf.AUTO_REUSE }, () => tf.getVariable("var", []));
        expect(b).toBe(a);
        expect(a.name).toBe("testVarScopeGetOrCreateReuse_bar/var:0");
      };
      testValue(42);
      testValue(13);
      testValue(17);
      expect(tf.globalVariables().length).toBe(1);
    }));

  it("variable_scope_test.py VariableScopeTest.testVarOpScope", () =>
    inGraph(() => {
      ns("testVarOpScope1", () => {
        vs("tower", { defaultName: "default", values: [] }, () => {
          expect(gv("w").name).toBe("tower/w:0");
          ns("testVarOpScope2", (sc2) => expect(sc2).toBe("testVarOpScope1/tower/testVarOpScope2/"));
        });
        vs("tower", { defaultName: "default", values: [] }, () => {
          expect(() => gv("w")).toThrow("Variable tower/w already exists, disallowed.");
          ns("testVarOpScope2", (sc2) => expect(sc2).toBe("testVarOpScope1/tower_1/testVarOpScope2/"));
        });
      });
      ns("testVarOpScope2", () => {
        vs(null, { defaultName: "default", values: [] }, () => {
          expect(gv("w").name).toBe("default/w:0");
          ns("testVarOpScope2", (sc2) => expect(sc2).toBe("testVarOpScope2/default/testVarOpScope2/"));
        });
        vs(null, { defaultName: "default", values: [] }, () => {
          expect(gv("w").name).toBe("default_1/w:0");
          ns("testVarOpScope2", (sc2) => expect(sc2).toBe("testVarOpScope2/default_1/testVarOpScope2/"));
        });
      });
    }));

  it("variable_scope_test.py VariableScopeTest.testVarOpScopeUniqueNamesInterleavedSubstringScopes", () =>
    inGraph(() => {
      const layerIn = (d: string) =>
        vs(null, { defaultName: d }, () => vs(null, { defaultName: "layer" }, () => gv("w").name));
      expect(layerIn("defaultScope1")).toBe("defaultScope1/layer/w:0");
      expect(layerIn("defaultScope1")).toBe("defaultScope1_1/layer/w:0");
      expect(layerIn("defaultScope")).toBe("defaultScope/layer/w:0");
      expect(layerIn("defaultScope1")).toBe("defaultScope1_2/layer/w:0");
    }));

  it("variable_scope_test.py VariableScopeTest.testVarOpScopeUniqueNamesWithJump", () =>
    inGraph(() => {
      vs("default", (def) => {
        expect(vs(null, { defaultName: "layer" }, () => gv("w").name)).toBe("default/layer/w:0");
        expect(vs(null, { defaultName: "layer" }, () => gv("w").name)).toBe("default/layer_1/w:0");
        vs(def, () => {});
        expect(vs(null, { defaultName: "layer" }, () => gv("w").name)).toBe("default/layer_2/w:0");
      });
    }));

  it("variable_scope_test.py VariableScopeTest.testVarOpScopeReuse", () =>
    inGraph(() => {
      let outer = vs("outer", (o) => {
        vs("tower", { defaultName: "default", values: [] }, () => {
          expect(gv("w").name).toBe("outer/tower/w:0");
          ns("scope2", (sc2) => expect(sc2).toBe("outer/tower/scope2/"));
        });
        vs(null, { defaultName: "default", values: [] }, () => {
          expect(gv("w").name).toBe("outer/default/w:0");
          ns("scope2", (sc2) => expect(sc2).toBe("outer/default/scope2/"));
        });
        return o;
      });
      outer = vs(outer, { reuse: true }, (o) => {
        vs("tower", { defaultName: "default", values: [] }, () => {
          expect(gv("w").name).toBe("outer/tower/w:0");
          ns("scope2", (sc2) => expect(sc2).toBe("outer_1/tower/scope2/"));
        });
        vs(null, { defaultName: "default", values: [] }, () => {
          expect(gv("w").name).toBe("outer/default/w:0");
          ns("scope2", (sc2) => expect(sc2).toBe("outer_1/default/scope2/"));
        });
        return o;
      });
    }));

  it("variable_scope_test.py VariableScopeTest.testVarScopeGetVar", () =>
    inGraph(() => {
      vs("root", () => {
        const [towerA, va] = vs("towerA", (t) => [t, tf.getVariable("v", [1])] as const);
        expect(va.name).toBe("root/towerA/v:0");
        vs(towerA, { reuse: true }, () => expect(tf.getVariable("v", [1])).toBe(va));
        vs("towerB", () => expect(tf.getVariable("v", [1]).name).toBe("root/towerB/v:0"));
        expect(() => vs("towerA", () => tf.getVariable("v", [1]))).toThrow(
          "Variable root/towerA/v already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?",
        );
        vs("towerA", { reuse: true }, () => expect(tf.getVariable("v", [1])).toBe(va));
        vs("foo", () =>
          vs("bar", () => {
            expect(tf.getVariable("v", [1]).name).toBe("root/foo/bar/v:0");
            vs(towerA, { reuse: true }, () => expect(tf.getVariable("v", [1])).toBe(va));
          }),
        );
        expect(() => vs(towerA, { reuse: true }, () => vs("baz", () => tf.getVariable("v", [1])))).toThrow(
          "Variable root/towerA/baz/v does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?",
        );
        expect(() => vs(towerA, { reuse: true }, () => tf.getVariable("v", [2]))).toThrow(
          "Trying to share variable root/towerA/v, but specified shape (2,) and found shape (1,).",
        );
        expect(() => vs(towerA, { reuse: true }, () => tf.getVariable("v", [1], { dtype: tf.int32 }))).toThrow(
          "Trying to share variable root/towerA/v, but specified dtype int32 and found dtype float32.",
        );
      });
    }));

  it("variable_scope_test.py VariableScopeTest.testVarScopeOuterScope", () =>
    inGraph(() => {
      const outer = vs("outer", (o) => o);
      vs(outer, () => {
        expect(gv("w").name).toBe("outer/w:0");
        ns("scope2", (sc2) => expect(sc2).toBe("outer_1/scope2/"));
        vs("default", () => {
          expect(gv("w").name).toBe("outer/default/w:0");
          ns("scope2", (sc2) => expect(sc2).toBe("outer_1/default/scope2/"));
        });
      });
      vs(outer, { reuse: true }, () => {
        expect(gv("w").name).toBe("outer/w:0");
        ns("scope2", (sc2) => expect(sc2).toBe("outer_2/scope2/"));
        vs("default", { reuse: true }, () => {
          expect(gv("w").name).toBe("outer/default/w:0");
          ns("scope2", (sc2) => expect(sc2).toBe("outer_2/default/scope2/"));
        });
      });
    }));

  it("variable_scope_test.py VariableScopeTest.testVarScopeNestedOuterScope", () =>
    inGraph(() => {
      vs("outer", (outer) => {
        vs(outer, () => {
          expect(gv("w").name).toBe("outer/w:0");
          ns("scope2", (sc2) => expect(sc2).toBe("outer/outer/scope2/"));
        });
        vs("default", () => {
          expect(gv("w").name).toBe("outer/default/w:0");
          ns("scope2", (sc2) => expect(sc2).toBe("outer/default/scope2/"));
        });
        vs(outer, { reuse: true }, () => {
          expect(gv("w").name).toBe("outer/w:0");
          ns("scope2", (sc2) => expect(sc2).toBe("outer/outer_1/scope2/"));
        });
        vs("default", { reuse: true }, () => {
          expect(gv("w").name).toBe("outer/default/w:0");
          ns("scope2", (sc2) => expect(sc2).toBe("outer/default_1/scope2/"));
        });
      });
    }));

  it("variable_scope_test.py VariableScopeTest.testVarOpScopeReuseParam", () =>
    inGraph(() => {
      const outer = vs("outer", (o) => {
        vs("tower", { defaultName: "default", values: [] }, () => expect(gv("w").name).toBe("outer/tower/w:0"));
        vs(null, { defaultName: "default", values: [] }, () => expect(gv("w").name).toBe("outer/default/w:0"));
        return o;
      });
      vs(outer, (o) => {
        vs("tower", { defaultName: "default", reuse: true }, () => {
          expect(gv("w").name).toBe("outer/tower/w:0");
          ns("scope2", (sc2) => expect(sc2).toBe("outer_1/tower/scope2/"));
        });
        o.reuseVariables();
        vs(null, { defaultName: "default", values: [] }, () => {
          expect(gv("w").name).toBe("outer/default/w:0");
          ns("scope2", (sc2) => expect(sc2).toBe("outer_1/default/scope2/"));
        });
      });
    }));

  it("variable_scope_test.py VariableScopeTest.testVarOpScopeReuseError", () =>
    inGraph(() => {
      expect(() => vs(null, { defaultName: "default", reuse: true }, () => gv("w"))).toThrow(
        "reuse=True cannot be used without a name_or_scope",
      );
    }));

  it("variable_scope_test.py VariableScopeTest.testVarOpScopeOuterScope", () =>
    inGraph(() => {
      const outer = vs("outer", (o) => o);
      vs(outer, { defaultName: "default", values: [] }, () => {
        expect(gv("w").name).toBe("outer/w:0");
        ns("scope2", (sc2) => expect(sc2).toBe("outer_1/scope2/"));
        vs(null, { defaultName: "default", values: [] }, () => {
          expect(gv("w").name).toBe("outer/default/w:0");
          ns("scope2", (sc2) => expect(sc2).toBe("outer_1/default/scope2/"));
        });
      });
      vs(outer, { defaultName: "default", reuse: true }, () => {
        expect(gv("w").name).toBe("outer/w:0");
        ns("scope2", (sc2) => expect(sc2).toBe("outer_2/scope2/"));
        outer.reuseVariables();
        vs(null, { defaultName: "default", values: [] }, () => {
          expect(gv("w").name).toBe("outer/default/w:0");
          ns("scope2", (sc2) => expect(sc2).toBe("outer_2/default/scope2/"));
        });
      });
    }));

  it("variable_scope_test.py VariableScopeTest.testVarOpScopeNestedOuterScope", () =>
    inGraph(() => {
      const outer = vs("outer", (o) => {
        vs(o, { defaultName: "default", values: [] }, () => {
          expect(gv("w").name).toBe("outer/w:0");
          ns("scope2", (sc2) => expect(sc2).toBe("outer/outer/scope2/"));
        });
        vs(null, { defaultName: "default", values: [] }, () => {
          expect(gv("w").name).toBe("outer/default/w:0");
          ns("scope2", (sc2) => expect(sc2).toBe("outer/default/scope2/"));
        });
        return o;
      });
      vs(outer, { defaultName: "default", reuse: true }, () => {
        expect(gv("w").name).toBe("outer/w:0");
        ns("scope2", (sc2) => expect(sc2).toBe("outer_1/scope2/"));
        vs(null, { defaultName: "default", values: [] }, () => {
          expect(gv("w").name).toBe("outer/default/w:0");
          ns("scope2", (sc2) => expect(sc2).toBe("outer_1/default/scope2/"));
        });
      });
    }));

  it("variable_scope_test.py VariableScopeTest.testBasicWhenAuxiliaryNameScopeIsFalse", () =>
    inGraph(() => {
      const scope = vs("scope", { auxiliaryNameScope: false }, (s) => {
        expect(s.originalNameScope).toBe("");
        expect(gv("w").name).toBe("scope/w:0");
        expect(tf.constant([], { name: "c" }).name).toBe("c:0");
        return s;
      });
      vs(scope, { auxiliaryNameScope: false }, () => {
        expect(scope.originalNameScope).toBe("");
        expect(gv("w1").name).toBe("scope/w1:0");
        expect(tf.constant([], { name: "c1" }).name).toBe("c1:0");
      });
      ns("scope", () => expect(tf.constant([], { name: "c" }).name).toBe("scope/c:0"));
      vs("outer", () => {
        const inner = vs("inner", { auxiliaryNameScope: false }, (s) => {
          expect(s.originalNameScope).toBe("outer/");
          expect(gv("w").name).toBe("outer/inner/w:0");
          expect(tf.constant([], { name: "c" }).name).toBe("outer/c:0");
          return s;
        });
        vs(inner, { auxiliaryNameScope: false }, (inner1) => {
          expect(inner1.originalNameScope).toBe("outer/");
          expect(gv("w1").name).toBe("outer/inner/w1:0");
          expect(tf.constant([], { name: "c1" }).name).toBe("outer/c1:0");
        });
        ns("inner", () => expect(tf.constant([], { name: "c" }).name).toBe("outer/inner/c:0"));
      });
    }));

  it("variable_scope_test.py VariableScopeTest.testCreatedByDefaultNameWhenAuxiliaryNameScopeIsFalse", () =>
    inGraph(() => {
      vs(null, { defaultName: "default", auxiliaryNameScope: false }, (s) => {
        expect(s.originalNameScope).toBe("");
        expect(gv("w").name).toBe("default/w:0");
        expect(tf.constant([], { name: "c" }).name).toBe("c:0");
      });
      ns("default", () => expect(tf.constant([], { name: "c" }).name).toBe("default/c:0"));
      vs("outer", () => {
        vs(null, { defaultName: "default", auxiliaryNameScope: false }, (inner) => {
          expect(inner.originalNameScope).toBe("outer/");
          expect(gv("w").name).toBe("outer/default/w:0");
          expect(tf.constant([], { name: "c" }).name).toBe("outer/c:0");
        });
        ns("default", () => expect(tf.constant([], { name: "c" }).name).toBe("outer/default/c:0"));
      });
    }));

  it("variable_scope_test.py VariableScopeTest.testReenterRootScopeWhenAuxiliaryNameScopeIsFalse", () =>
    inGraph(() => {
      const root = tf.getVariableScope();
      vs(root, { auxiliaryNameScope: false }, (s) => {
        expect(s.originalNameScope).toBe("");
        expect(gv("w").name).toBe("w:0");
        expect(tf.constant([], { name: "c" }).name).toBe("c:0");
      });
      vs("outer", () =>
        vs(root, { auxiliaryNameScope: false }, (inner) => {
          expect(inner.originalNameScope).toBe("");
          expect(gv("w1").name).toBe("w1:0");
          expect(tf.constant([], { name: "c1" }).name).toBe("outer/c1:0");
        }),
      );
    }));

  it("variable_scope_test.py VariableScopeTest.testAuxiliaryNameScopeIsInvalid", () =>
    inGraph(() => {
      const bad = "invalid" as unknown as boolean;
      const message = "The auxiliary_name_scope must be `True` or `False`, while get invalid";
      expect(() => vs(null, { defaultName: "scope", auxiliaryNameScope: bad }, () => {})).toThrow(message);
      expect(() => vs("scope", { auxiliaryNameScope: bad }, () => {})).toThrow(TypeError);
      const scope = vs("scope", (s) => s);
      expect(() => vs(scope, { auxiliaryNameScope: bad }, () => {})).toThrow(message);
    }));

  it("variable_scope_test.py VariableScopeTest.testReuseScopeWithoutNameScopeCollision", () =>
    inGraph(() => {
      const inner = vs("outer", () => vs("inner", (s) => s));
      vs(inner, { auxiliaryNameScope: false }, (scope) => {
        ns(scope.originalNameScope, () => {
          expect(gv("w").name).toBe("outer/inner/w:0");
          expect(tf.constant([], { name: "c" }).name).toBe("outer/inner/c:0");
        });
        ns("inner", () => expect(tf.constant([], { name: "c" }).name).toBe("inner/c:0"));
      });
      vs("another", () =>
        vs(inner, { auxiliaryNameScope: false }, (scope1) => {
          ns(scope1.originalNameScope, () => {
            expect(gv("w1").name).toBe("outer/inner/w1:0");
            expect(tf.constant([], { name: "c1" }).name).toBe("outer/inner/c1:0");
          });
          ns("inner", () => expect(tf.constant([], { name: "c" }).name).toBe("another/inner/c:0"));
        }),
      );
    }));

  it("variable_scope_test.py VariableScopeTest.testGetLocalVar", () =>
    inGraph(() => {
      const outer = vs("outer", (o) => o);
      const localVar = vs("outer", (o) =>
        vs(o, { defaultName: "default", values: [] }, () => tf.getLocalVariable("w", [], { collections: ["foo"] })),
      );
      expect(localVar.name).toBe("outer/w:0");
      expect(tf.getDefaultGraph().getCollection(tf.GraphKeys.LOCAL_VARIABLES)).toContain(localVar);
      expect(tf.getDefaultGraph().getCollection("foo")).toContain(localVar);
      expect(tf.trainableVariables()).not.toContain(localVar);
      expect(tf.localVariables()).toEqual([localVar]);
      vs(outer, { defaultName: "default", reuse: true }, () =>
        expect(tf.getLocalVariable("w", []).name).toBe("outer/w:0"),
      );
    }));

  it("variable_scope_test.py VariableScopeTest.testGetVarWithDevice (graph part: VariableV2 dtype attrs)", () =>
    inGraph((g) => {
      tf.getVariable("x", [100, 200]);
      tf.getVariable("y", { dtype: tf.int64, initializer: new BigInt64Array(73) });
      const vars = g.getOperations().filter((o) => o.type === "VariableV2");
      expect(vars.map((o) => [o.name, (o.attrs.dtype as tf.DType).name])).toEqual([
        ["x", "float32"],
        ["y", "int64"],
      ]);
    }));

  it("variable_scope_test.py VariableScopeTest.testGetCollection", () =>
    inGraph(() => {
      tf.getVariable("testGetCollection_a", []);
      tf.getVariable("testGetCollection_b", [], { trainable: false });
      vs("testGetCollection_foo_", (scope1) => {
        tf.getVariable("testGetCollection_a", []);
        tf.getVariable("testGetCollection_b", [], { trainable: false });
        expect(scope1.getCollection<tf.Variable>(tf.GraphKeys.TRAINABLE_VARIABLES).map((v) => v.name)).toEqual([
          "testGetCollection_foo_/testGetCollection_a:0",
        ]);
        expect(scope1.getCollection<tf.Variable>(tf.GraphKeys.GLOBAL_VARIABLES).map((v) => v.name)).toEqual([
          "testGetCollection_foo_/testGetCollection_a:0",
          "testGetCollection_foo_/testGetCollection_b:0",
        ]);
      });
      vs("testGetCollection_foo", (scope2) => {
        tf.getVariable("testGetCollection_a", []);
        tf.getVariable("testGetCollection_b", [], { trainable: false });
        expect(scope2.getCollection<tf.Variable>(tf.GraphKeys.TRAINABLE_VARIABLES).map((v) => v.name)).toEqual([
          "testGetCollection_foo/testGetCollection_a:0",
        ]);
      });
      const scope = tf.getVariableScope();
      expect(scope.getCollection<tf.Variable>(tf.GraphKeys.GLOBAL_VARIABLES).map((v) => v.name)).toEqual([
        "testGetCollection_a:0",
        "testGetCollection_b:0",
        "testGetCollection_foo_/testGetCollection_a:0",
        "testGetCollection_foo_/testGetCollection_b:0",
        "testGetCollection_foo/testGetCollection_a:0",
        "testGetCollection_foo/testGetCollection_b:0",
      ]);
      expect(scope.trainableVariables<tf.Variable>().map((v) => v.name)).toEqual([
        "testGetCollection_a:0",
        "testGetCollection_foo_/testGetCollection_a:0",
        "testGetCollection_foo/testGetCollection_a:0",
      ]);
    }));

  it("variable_scope_test.py VariableScopeTest.testGetTrainableVariablesWithGetVariable (without synchronization)", () =>
    inGraph(() => {
      tf.getVariable("testGetTrainableVariables_a", []);
      vs("testGetTrainableVariables_foo", (scope) => {
        tf.getVariable("testGetTrainableVariables_b", []);
        tf.getVariable("testGetTrainableVariables_c", [], { trainable: false });
        expect(scope.trainableVariables<tf.Variable>().map((v) => v.name)).toEqual([
          "testGetTrainableVariables_foo/testGetTrainableVariables_b:0",
        ]);
      });
    }));

  it("variable_scope_test.py VariableScopeTest.testGetTrainableVariablesWithVariable (without synchronization)", () =>
    inGraph(() => {
      new tf.Variable(1.0, { name: "testGetTrainableVariables_a" });
      vs("testGetTrainableVariables_foo", (scope) => {
        new tf.Variable(1.0, { name: "testGetTrainableVariables_b" });
        new tf.Variable(1.0, { name: "testGetTrainableVariables_c", trainable: false });
        expect(scope.trainableVariables<tf.Variable>().map((v) => v.name)).toEqual([
          "testGetTrainableVariables_foo/testGetTrainableVariables_b:0",
        ]);
      });
    }));

  it("variable_scope_test.py VariableScopeTest.testGetGlobalVariables", () =>
    inGraph(() => {
      tf.getVariable("testGetGlobalVariables_a", []);
      vs("testGetGlobalVariables_foo", (scope) => {
        tf.getVariable("testGetGlobalVariables_b", []);
        expect(scope.globalVariables<tf.Variable>().map((v) => v.name)).toEqual([
          "testGetGlobalVariables_foo/testGetGlobalVariables_b:0",
        ]);
      });
    }));

  it("variable_scope_test.py VariableScopeTest.testGetLocalVariables", () =>
    inGraph(() => {
      tf.getVariable("a", [], { collections: [tf.GraphKeys.LOCAL_VARIABLES] });
      vs("foo", (scope) => {
        tf.getVariable("b", [], { collections: [tf.GraphKeys.LOCAL_VARIABLES] });
        tf.getVariable("c", []);
        expect(scope.localVariables<tf.Variable>().map((v) => v.name)).toEqual(["foo/b:0"]);
      });
    }));

  it("variable_scope_test.py VariableScopeTest.testGetVariableWithRefDtype", () =>
    inGraph(() => {
      const v = tf.getVariable("v", [3, 4], { dtype: tf.float32 });
      expect(tf.getVariable("w", [5, 6], { dtype: v.dtype }).dtype).toBe(tf.float32);
    }));

  it("variable_scope_test.py VariableScopeTest.testGetVariableWithInitializerWhichTakesNoArgs", () =>
    inGraph((g) => {
      const v = tf.getVariable("foo", { initializer: () => [2] });
      expect(v.name).toBe("foo:0");
      expect(v.initialValue.name).toBe("foo/Initializer/initial_value:0");
      expect(g.getOperationByName("foo").attrs._class).toEqual(["loc:@foo"]);
    }));

  it("variable_scope_test.py VariableScopeTest.testGetVariableWithInitializerWhichTakesOptionalArgs", () =>
    inGraph(() => {
      const v = tf.getVariable("foo", { initializer: (_x = true) => [2] });
      expect(v.name).toBe("foo:0");
    }));

  it("variable_scope_test.py VariableScopeTest.testGetVariableWithInitializerWhichTakesUnprovidedArgsAndNoShape", () =>
    inGraph(() => {
      expect(() => tf.getVariable("foo", { initializer: (_x: unknown) => [2] })).toThrow(
        "The initializer passed is not valid. It should be a callable with no arguments and the shape should not be provided or an instance of `tf.keras.initializers.*' and `shape` should be fully defined.",
      );
      // get_variable without a shape falls to the same check (the default glorot initializer needs a shape).
      expect(() => tf.getVariable("bar")).toThrow("The initializer passed is not valid.");
    }));

  it("variable_scope_test.py VariableScopeTest.testTwoGraphs", () => {
    const g1 = new tf.Graph();
    const g2 = new tf.Graph();
    g1.asDefault(() => g2.asDefault(() => expect(() => vs("_", () => {})).toThrow("'_' is not a valid scope name")));
  });
});

describe("variable_scope_test.py VariableScopeWithCustomGetterTest", () => {
  it("variable_scope_test.py VariableScopeWithCustomGetterTest.testNonCallableGetterFails", () =>
    inGraph(() => {
      expect(() => vs("scope0", { customGetter: 3 as never }, () => tf.getVariable("name0"))).toThrow(
        "Passed a custom_getter which is not callable: 3",
      );
      expect(() => tf.getVariable("name0", { customGetter: 3 as never })).toThrow(
        "Passed a custom_getter which is not callable: 3",
      );
    }));

  it("variable_scope_test.py VariableScopeWithCustomGetterTest.testNoSideEffectsWithIdentityCustomGetter", () =>
    inGraph(() => {
      let called = 0;
      const customGetter: tf.CustomGetter = (getter, ...args) => {
        called += 1;
        return getter(...(args as [string]));
      };
      const [scope, v] = vs("scope", { customGetter }, (s) => [s, tf.getVariable("v", [1])] as const);
      const v2 = vs(scope, { reuse: true }, () => tf.getVariable("v", [1]));
      const [newScope, v3] = vs("new_scope", (s) => [s, tf.getVariable("v3", [1])] as const);
      const v4 = vs(newScope, { reuse: true, customGetter }, () => tf.getVariable("v3", [1]));
      expect(v2).toBe(v);
      expect(v4).toBe(v3);
      expect(called).toBe(3);
    }));

  it("variable_scope_test.py VariableScopeWithCustomGetterTest.testCustomGetterWithReuse", () =>
    inGraph(() => {
      const customGetter: tf.CustomGetter = (getter, name, kwargs) => {
        const variable = getter(name, kwargs);
        return tf.identity(variable, kwargs.reuse === true ? "reused" : "not_reused");
      };
      const [scope, v] = vs("scope", { customGetter }, (s) => [s, tf.getVariable("v", [1])] as const);
      const v2 = vs(scope, { reuse: true }, () => tf.getVariable("v", [1]));
      expect(v.name).toBe("not_reused:0");
      expect(v2.name).toBe("reused:0");
    }));

  it("variable_scope_test.py VariableScopeWithCustomGetterTest.testGetterThatCreatesTwoVariablesAndSumsThem", () =>
    inGraph(() => {
      const customGetter: tf.CustomGetter = (getter, name, kwargs) => {
        const g0 = getter(`${name}/0`, kwargs);
        const g1 = getter(`${name}/1`, kwargs);
        return ns("custom_getter", () => g0.add(g1));
      };
      const v = vs("scope", { customGetter }, () => tf.getVariable("v", [1, 2, 3])) as unknown as tf.Tensor;
      expect(v.shape).toEqual([1, 2, 3]);
      const trueVars = tf.trainableVariables();
      expect(trueVars.map((x) => x.name)).toEqual(["scope/v/0:0", "scope/v/1:0"]);
      expect(v.name).toBe("custom_getter/add:0");
    }));

  it("variable_scope_test.py VariableScopeWithCustomGetterTest.testNestedCustomGetters", () =>
    inGraph(() => {
      const sumGetter: tf.CustomGetter = (getter, name, kwargs) => {
        const g0 = getter(`${name}/sum_0`, kwargs);
        const g1 = getter(`${name}/sum_1`, kwargs);
        return ns("sum_getter", () => g0.add(g1));
      };
      const prodGetter: tf.CustomGetter = (getter, name, kwargs) => {
        const g0 = getter(`${name}/prod_0`, kwargs);
        const g1 = getter(`${name}/prod_1`, kwargs);
        return ns("prod_getter", () => g0.mul(g1));
      };
      const v = vs("prod_scope", { customGetter: prodGetter }, () =>
        vs("sum_scope", { customGetter: sumGetter }, () =>
          vs("inner_sum_scope", { customGetter: sumGetter }, () => tf.getVariable("v", [1, 2, 3])),
        ),
      ) as unknown as tf.Tensor;
      expect(v.shape).toEqual([1, 2, 3]);
      const template = (a: number, b: number, c: number) =>
        `prod_scope/sum_scope/inner_sum_scope/v/sum_${a}/sum_${b}/prod_${c}:0`;
      const expected: string[] = [];
      for (const a of [0, 1]) for (const b of [0, 1]) for (const c of [0, 1]) expected.push(template(a, b, c));
      expect(tf.trainableVariables().map((x) => x.name)).toEqual(expected);
    }));
});

describe("variable_scope_test.py VariableScopeMultithreadedTest (single-threaded analogue)", () => {
  it("variable_scope_test.py VariableScopeMultithreadedTest.testTwoThreadsDisjointScopeEntry", () =>
    inGraph(() => {
      vs("foo", () => expect(tf.getVariable("v", []).name).toBe("foo/v:0"));
      vs("foo", () => expect(() => tf.getVariable("v", [])).toThrow("Variable foo/v already exists, disallowed."));
    }));
});
