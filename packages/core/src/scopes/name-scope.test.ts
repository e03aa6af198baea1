// Ports of tensorflow/python/framework/ops_test.py (TF 1.15): NameStackTest, NameScopeTest, OpScopeTest.
import { describe, expect, it } from "vitest";
import * as tf from "../index";

const out = [{ dtype: tf.float32, shape: [] }];

describe("ops_test.py NameStackTest", () => {
  it("ops_test.py NameStackTest.testBasics", () => {
    const g = new tf.Graph();
    const u = (n: string, markAsUsed = true) => g.uniqueName(n, { markAsUsed });
    const pairs = (n: string, expected: string) => {
      expect(u(n, false)).toBe(expected);
      expect(u(n)).toBe(expected);
    };
    pairs("foo", "foo");
    pairs("foo", "foo_1");
    pairs("foo", "foo_2");
    pairs("foo_1", "foo_1_1");
    pairs("foo_1", "foo_1_2");
    pairs("foo_1_2", "foo_1_2_1");
    g.nameScope("bar", () => {
      pairs("foo", "bar/foo");
      pairs("foo", "bar/foo_1");
      g.nameScope(null, () => pairs("foo", "foo_3"));
      g.nameScope("baz", () => {
        pairs("foo", "bar/baz/foo");
        pairs("foo", "bar/baz/foo_1");
      });
      g.nameScope("baz", () => {
        pairs("foo", "bar/baz_1/foo");
        pairs("foo", "bar/baz_1/foo_1");
      });
    });
    g.nameScope("quux", () => pairs("foo", "quux/foo"));
    g.nameScope("bar", () => g.nameScope("baz", () => pairs("foo", "bar_1/baz/foo")));
    pairs("foo", "foo_4");
    pairs("bar", "bar_2");
  });

  it("ops_test.py NameStackTest.testNameAndVariableScope", () => {
    const g = new tf.Graph();
    g.asDefault(() =>
      g.nameScope("l0", () =>
        tf.variableScope("l1", () => {
          g.nameScope("l1", (scope) => {
            expect(scope).toBe("l0/l1/l1/");
            expect(g.uniqueName("foo", { markAsUsed: false })).toBe("l0/l1/l1/foo");
            expect(g.uniqueName("foo")).toBe("l0/l1/l1/foo");
          });
          g.nameScope("l2", (scope) => {
            expect(scope).toBe("l0/l1/l2/");
            expect(g.uniqueName("foo")).toBe("l0/l1/l2/foo");
          });
        }),
      ),
    );
  });

  it("ops_test.py NameStackTest.testOutOfOrderUniqueName", () => {
    const g = new tf.Graph();
    expect(["foo_2", "foo", "foo", "foo"].map((n) => g.uniqueName(n))).toEqual(["foo_2", "foo", "foo_1", "foo_3"]);
  });

  it("ops_test.py NameStackTest.testUniqueNameCaseInsensitivity", () => {
    const g = new tf.Graph();
    expect(g.uniqueName("foo")).toBe("foo");
    expect(g.uniqueName("Foo")).toBe("Foo_1");
    g.nameScope("bar", () => expect(g.uniqueName("foo")).toBe("bar/foo"));
    g.nameScope("Bar", () => expect(g.uniqueName("foo")).toBe("Bar_1/foo"));
  });

  it("ops_test.py NameStackTest.testInvalidNameRaisesError", () => {
    const g = new tf.Graph();
    g.nameScope("", () => {});
    g.nameScope("foo/", () => g.nameScope("_bar", () => {}));
    expect(() => g.nameScope("foo:0", () => {})).toThrow("'foo:0' is not a valid scope name");
    expect(() => g.nameScope("_bar", () => {})).toThrow("'_bar' is not a valid scope name");
  });
});

describe("ops_test.py NameScopeTest / GraphTest name scopes", () => {
  it("ops_test.py NameScopeTest.testNameScopeDefaultNameTypeError (a list passed as default_name)", () => {
    new tf.Graph().asDefault(() => {
      expect(() => tf.nameScope("a", [1] as never, null, () => 0)).toThrow(
        "`default_name` type (<class 'list'>) is not a string type. You likely meant to pass this into the `values` kwarg.",
      );
    });
  });

  it("ops_test.py NameScopeTest.testGetNameScope", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      tf.nameScope("scope1", () => {
        tf.nameScope("scope2", () => {
          tf.nameScope("scope3", () => expect(g.getNameScope()).toBe("scope1/scope2/scope3"));
          expect(g.getNameScope()).toBe("scope1/scope2");
        });
        expect(g.getNameScope()).toBe("scope1");
      });
      expect(g.getNameScope()).toBe("");
    });
  });

  it("ops_test.py NameScopeTest.testTwoGraphs", () => {
    const g1 = new tf.Graph();
    const g2 = new tf.Graph();
    g1.asDefault(() =>
      g2.asDefault(() => expect(() => tf.nameScope("_", () => {})).toThrow("'_' is not a valid scope name")),
    );
  });

  it("ops_test.py GraphTest name scopes with create_op (testNameScope in ops_test.py)", () => {
    const g = new tf.Graph();
    const op = (name?: string) => g.createOp("FloatOutput", [], { name, outputs: out }).name;
    g.nameScope("foo", (foo) => {
      expect(foo).toBe("foo/");
      g.nameScope("foo2", (foo2) => expect(foo2).toBe("foo/foo2/"));
      g.nameScope(null, (empty1) => {
        expect(empty1).toBe("");
        g.nameScope("foo3", (foo3) => expect(foo3).toBe("foo3/"));
      });
      g.nameScope("", (empty2) => expect(empty2).toBe(""));
    });
    expect(op()).toBe("FloatOutput");
    g.nameScope("bar", (scope) => {
      expect(op()).toBe("bar/FloatOutput");
      expect(op()).toBe("bar/FloatOutput_1");
      expect(op(scope)).toBe("bar");
    });
    g.nameScope("baz", (scope) => {
      g.nameScope("quux", () => expect(op()).toBe("baz/quux/FloatOutput"));
      g.nameScope(scope, () => {
        expect(op()).toBe("baz/FloatOutput");
        expect(op("trailing/")).toBe("trailing");
      });
    });
    g.nameScope("bar", () => expect(op()).toBe("bar_1/FloatOutput"));
    g.nameScope("bar/", () => expect(op()).toBe("bar/FloatOutput_2"));
  });
});

describe("ops_test.py OpScopeTest", () => {
  it("ops_test.py OpScopeTest.testNames", () => {
    new tf.Graph().asDefault(() => {
      tf.nameScope("foo", (foo) => {
        expect(foo).toBe("foo/");
        tf.nameScope("foo2", (foo2) => expect(foo2).toBe("foo/foo2/"));
        tf.nameScope(null, (empty1) => {
          expect(empty1).toBe("");
          tf.nameScope("foo3", (foo3) => expect(foo3).toBe("foo3/"));
        });
        tf.nameScope("", (empty2) => expect(empty2).toBe(""));
      });
      tf.nameScope("foo/", (outerFoo) => {
        expect(outerFoo).toBe("foo/");
        tf.nameScope("", (empty3) => expect(empty3).toBe(""));
        tf.nameScope("foo4", (foo4) => expect(foo4).toBe("foo/foo4/"));
        tf.nameScope("foo5//", (foo5) => {
          expect(foo5).toBe("foo5//");
          tf.nameScope("foo6", (foo6) => expect(foo6).toBe("foo5//foo6/"));
        });
        tf.nameScope("//", (foo8) => expect(foo8).toBe("//"));
        tf.nameScope("a//b/c", (foo9) => expect(foo9).toBe("foo/a//b/c/"));
      });
      tf.nameScope("a//b/c", (foo10) => expect(foo10).toBe("a//b/c/"));
    });
  });

  it("ops_test.py OpScopeTest.testNoScopeName", () => {
    const g0 = new tf.Graph();
    const values = [g0.createOp("A", [], { outputs: out }), g0.createOp("B", [], { outputs: out })];
    expect(() => tf.nameScope(null, null, values, () => {})).toThrow(
      "At least one of name (None) and default_name (None) must be provided.",
    );
  });

  it("ops_test.py OpScopeTest.testEmptyScopeName", () => {
    const g0 = new tf.Graph();
    const a = g0.createOp("A", [], { outputs: out });
    const b = g0.createOp("B", [], { outputs: out });
    tf.nameScope("", null, [a, b], (scope) => {
      expect(scope).toBe("");
      expect(tf.getDefaultGraph()).toBe(g0);
    });
    tf.nameScope("", "my_default_scope", [a, b], (scope) => {
      expect(scope).toBe("");
      expect(tf.getDefaultGraph()).toBe(g0);
    });
  });

  it("ops_test.py OpScopeTest.testDefaultScopeName", () => {
    const g0 = new tf.Graph();
    const a = g0.createOp("A", [], { outputs: out });
    const b = g0.createOp("B", [], { outputs: out });
    tf.nameScope("my_scope", "my_default_scope", [a, b], (scope) => {
      expect(scope).toBe("my_scope/");
      expect(tf.getDefaultGraph()).toBe(g0);
    });
    tf.nameScope(null, "my_default_scope", [a, b], (scope) => {
      expect(scope).toBe("my_default_scope/");
      expect(tf.getDefaultGraph()).toBe(g0);
    });
  });

  it("ops_test.py OpScopeTest.testVariable (_testGraphElements with a Variable)", () => {
    const g0 = new tf.Graph();
    const variable = g0.asDefault(() => new tf.Variable([1.0]));
    const a = g0.createOp("A", [], { outputs: out });
    const b = g0.createOp("B", [], { outputs: out });
    const elements = [a, variable, b];
    tf.nameScope("my_scope", null, elements, (scope) => {
      expect(scope).toBe("my_scope/");
      expect(tf.getDefaultGraph()).toBe(g0);
    });
    const g1 = new tf.Graph();
    const c = g1.createOp("A", [], { outputs: out });
    expect(() => tf.nameScope("my_scope", null, [...elements, c], () => {})).toThrow("must be from the same graph as");
    // variable_scope validates its values the same way.
    expect(() => tf.variableScope("my_scope", { values: [...elements, c] }, () => {})).toThrow(
      "must be from the same graph as",
    );
  });
});
