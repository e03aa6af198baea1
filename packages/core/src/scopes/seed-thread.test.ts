// The Stack Overflow thread in /work/shared/seed/name-scope-vs-variable-scope.md: every snippet, with the names
// the thread says TF prints (TF 1.15 semantics; variable_scope.py, ops.py).
import { describe, expect, it, vi } from "vitest";
import * as tf from "../index";
import { inGraph } from "./test-helpers";

describe("seed thread: name scope vs variable scope", () => {
  it("name_scope is ignored by tf.get_variable", () =>
    inGraph(() => {
      const [v1, v2, a] = tf.nameScope("my_scope", () => {
        const v1 = tf.getVariable("var1", [1], { dtype: tf.float32 });
        const v2 = new tf.Variable(1, { name: "var2", dtype: tf.float32 });
        return [v1, v2, tf.add(v1, v2)] as const;
      });
      expect([v1.name, v2.name, a.name]).toEqual(["var1:0", "my_scope/var2:0", "my_scope/Add:0"]);
    }));

  it("variable_scope prefixes get_variable, Variable and ops", () =>
    inGraph(() => {
      const [v1, v2, a] = tf.variableScope("my_scope", () => {
        const v1 = tf.getVariable("var1", [1], { dtype: tf.float32 });
        const v2 = new tf.Variable(1, { name: "var2", dtype: tf.float32 });
        return [v1, v2, tf.add(v1, v2)] as const;
      });
      expect([v1.name, v2.name, a.name]).toEqual(["my_scope/var1:0", "my_scope/var2:0", "my_scope/Add:0"]);
    }));

  it("sharing across name scopes", () =>
    inGraph(() => {
      const v = tf.nameScope("foo", () => tf.variableScope("var_scope", () => tf.getVariable("var", [1])));
      const v1 = tf.nameScope("bar", () =>
        tf.variableScope("var_scope", { reuse: true }, () => tf.getVariable("var", [1])),
      );
      expect(v1).toBe(v);
      expect([v.name, v1.name]).toEqual(["var_scope/var:0", "var_scope/var:0"]);
    }));

  it("nested name_scope and variable_scope (v1 + v2 of float32 and int32 raises TypeError in TF 1.15)", () =>
    inGraph(() => {
      tf.nameScope("ns", () =>
        tf.variableScope("vs", () => {
          const v1 = tf.getVariable("v1", [1, 0]);
          const v2 = new tf.Variable([2, 0], { name: "v2" });
          expect(v1.name).toBe("vs/v1:0");
          expect(v2.name).toBe("ns/vs/v2:0");
          expect(() => v1.add(v2)).toThrow(
            "Input 'y' of 'AddV2' Op has type int32 that does not match type float32 of argument 'x'.", // binary_op_wrapper converts y with dtype_hint
          );
          // With matching types the op is ns/vs/add, as the thread says.
          expect(v1.add(tf.getVariable("v3", [1, 0])).name).toBe("ns/vs/add:0");
        }),
      );
    }));

  it("scoping(fn, scope1, scope2, vals) with variable_scope and name_scope", () =>
    inGraph(() => {
      const scoping = (
        fn: typeof tf.variableScope | typeof tf.nameScope,
        scope1: string,
        scope2: string,
        vals: number[],
      ) =>
        (fn as (n: string, body: () => string[]) => string[])(scope1, () => {
          const a = new tf.Variable(vals[0], { name: "a" });
          const b = tf.getVariable("b", { initializer: vals[1] });
          const c = tf.constant(vals[2], { name: "c" });
          const d = (fn as (n: string, body: () => tf.Tensor) => tf.Tensor)(scope2, () => tf.add(a.mul(b), c, "res"));
          return [scope1, a.name, b.name, c.name, d.name];
        });
      expect(scoping(tf.variableScope, "scope_vars", "res", [1, 2, 3])).toEqual([
        "scope_vars",
        "scope_vars/a:0",
        "scope_vars/b:0",
        "scope_vars/c:0",
        "scope_vars/res/res:0",
      ]);
      expect(scoping(tf.nameScope, "scope_name", "res", [1, 2, 3])).toEqual([
        "scope_name",
        "scope_name/a:0",
        "b:0",
        "scope_name/c:0",
        "scope_name/res/res:0",
      ]);
    }));

  it("op_scope / variable_op_scope (deprecated; log TF's warning)", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const g = new tf.Graph();
    g.asDefault(() => {
      const mysum = (a: tf.Variable, b: tf.Variable, name?: string) =>
        tf.opScope([a, b], name, "mysum", () => {
          const v = tf.getVariable("v", 1);
          const v2 = new tf.Variable([0], { name: "v2" });
          expect(v.name).toBe("v:0");
          expect(v2.name).toBe("mysum/v2:0");
          return tf.add(a, b);
        });
      const mysum2 = (a: tf.Variable, b: tf.Variable, name?: string) =>
        tf.variableOpScope([a, b], name, "mysum2", () => {
          const v = tf.getVariable("v", 1);
          const v2 = new tf.Variable([0], { name: "v2" });
          expect(v.name).toBe("mysum2/v:0");
          expect(v2.name).toBe("mysum2/v2:0");
          return tf.add(a, b);
        });
      const op = mysum(new tf.Variable(1), new tf.Variable(2));
      const op2 = mysum2(new tf.Variable(1), new tf.Variable(2));
      expect(op.name).toBe("mysum/Add:0");
      expect(op2.name).toBe("mysum2/Add:0");
    });
    const texts = warn.mock.calls.map((c) => String(c[0]));
    warn.mockRestore();
    // Each warning is logged once per process; in this file both calls above are the first.
    expect(texts).toEqual([
      "tf.op_scope(values, name, default_name) is deprecated, use tf.name_scope(name, default_name, values)",
      "tf.variable_op_scope(values, name, default_name) is deprecated, use tf.variable_scope(name, default_name, values)",
    ]);
  });

  it("op_scope uses the graph of its values", () => {
    const g = new tf.Graph();
    const a = g.asDefault(() => new tf.Variable(1));
    const graphInside = tf.opScope([a], null, "mysum", () => tf.getDefaultGraph());
    expect(graphInside).toBe(g);
    const scope = tf.variableOpScope([a], null, "mysum2", (s) => [s.name, tf.getDefaultGraph()] as const);
    expect(scope).toEqual(["mysum2", g]);
  });

  it("name_scope vs variable_scope named name_scope", () => {
    new tf.Graph().asDefault(() =>
      tf.nameScope("name_scope", () => {
        const v = tf.getVariable("v", [1]);
        const op = tf.add(v, v);
        const v2 = new tf.Variable([0], { name: "v2" });
        expect([v.name, op.name, v2.name]).toEqual(["v:0", "name_scope/Add:0", "name_scope/v2:0"]);
      }),
    );
    new tf.Graph().asDefault(() =>
      tf.variableScope("name_scope", () => {
        const v = tf.getVariable("v", [1]);
        const op = tf.add(v, v);
        const v2 = new tf.Variable([0], { name: "v2" });
        expect([v.name, op.name, v2.name]).toEqual(["name_scope/v:0", "name_scope/Add:0", "name_scope/v2:0"]);
      }),
    );
  });

  it("variable_scope opens a name scope for ops", () =>
    inGraph(() => {
      const x = tf.variableScope("foo", () => tf.getVariable("v", [1]).add(1.0));
      expect(x.op.name).toBe("foo/add");
    }));

  it("a name scope inside a variable scope affects ops only", () =>
    inGraph(() => {
      tf.variableScope("foo", () =>
        tf.nameScope("bar", () => {
          const v = tf.getVariable("v", [1]);
          const x = v.add(1.0);
          expect(v.name).toBe("foo/v:0");
          expect(x.op.name).toBe("foo/bar/add");
        }),
      );
    }));
});
