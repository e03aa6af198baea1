// tf.tools.explainName on every name the seed thread prints (shared/seed/name-scope-vs-variable-scope.md): the
// rules of ops.py and variable_scope.py that made it, as steps and sentences.
import { afterEach, describe, expect, it, vi } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

const explain = (x: Parameters<typeof tf.tools.explainName>[0]) => tf.tools.explainName(x);
/** The steps as [kind, detail] pairs. */
const steps = (x: Parameters<typeof tf.tools.explainName>[0]) => explain(x).steps.map((s) => [s.kind, s.detail]);
const lines = (x: Parameters<typeof tf.tools.explainName>[0]) => explain(x).text.split("\n");

const ns = (requested: string, scope: string, byDefault = false) => [
  "nameScope",
  { requested, scope, mode: "new", byDefault },
];
const vs = (requested: string, nameScope: string, entry = "name", variableScope = requested) => [
  "variableScope",
  { entry, requested, variableScope, nameScope, reuse: false },
];
const getVar = (name: string, variableScope: string, ignoredNameScope: string | null) => [
  "getVariable",
  { name, fullName: variableScope ? `${variableScope}/${name}` : name, variableScope, ignoredNameScope, created: true },
];
const newVar = (requested: string, name: string) => ["variable", { requested, byDefault: false, name }];
const opName = (requested: string, opType: string, name: string, byDefault = true) => [
  "opName",
  { requested, byDefault, opType, name, absolute: false },
];

afterEach(() => vi.restoreAllMocks());

describe("explainName: the seed thread's names", () => {
  it("name_scope is ignored by tf.get_variable: var1:0, my_scope/var2:0, my_scope/Add:0", () =>
    inGraph(() =>
      tf.nameScope("my_scope", () => {
        const v1 = tf.getVariable("var1", [1], { dtype: tf.float32 });
        const v2 = new tf.Variable(1, { name: "var2", dtype: tf.float32 });
        const a = tf.add(v1, v2);
        expect(explain(v1).name).toBe("var1:0");
        expect(steps(v1)).toEqual([getVar("var1", "", "my_scope/")]);
        expect(lines(v1)).toEqual([
          "var1:0 (the variable var1, made by tf.getVariable) is named by 1 rule:",
          '1. tf.getVariable("var1") made the variable var1: getVariable names variables after the variable scope (the root, which adds no prefix), not the name scope, so the enclosing name scope "my_scope/" does not prefix it.',
        ]);
        expect(steps(v2)).toEqual([ns("my_scope", "my_scope/"), newVar("var2", "my_scope/var2")]);
        expect(lines(v2)).toEqual([
          "my_scope/var2:0 (the variable my_scope/var2, made by new tf.Variable) is named by 2 rules, outermost first:",
          '1. tf.nameScope("my_scope") opened name scope "my_scope/".',
          '2. new tf.Variable named "var2" made the op my_scope/var2 in name scope "my_scope/" (tf.Variable follows name scopes, unlike tf.getVariable).',
        ]);
        expect(steps(a)).toEqual([ns("my_scope", "my_scope/"), opName("Add", "Add", "my_scope/Add")]);
        expect(lines(a)).toEqual([
          "my_scope/Add:0 (output 0 of the Add op my_scope/Add) is named by 2 rules, outermost first:",
          '1. tf.nameScope("my_scope") opened name scope "my_scope/".',
          '2. The Add op took its default name "Add" (no name was given), so in name scope "my_scope/" it is my_scope/Add.',
        ]);
      }),
    ));

  it("variable_scope prefixes all three: my_scope/var1:0, my_scope/var2:0, my_scope/Add:0", () =>
    inGraph(() =>
      tf.variableScope("my_scope", () => {
        const v1 = tf.getVariable("var1", [1], { dtype: tf.float32 });
        const v2 = new tf.Variable(1, { name: "var2", dtype: tf.float32 });
        const a = tf.add(v1, v2);
        expect(steps(v1)).toEqual([vs("my_scope", "my_scope/"), getVar("var1", "my_scope", null)]);
        expect(lines(v1)).toEqual([
          "my_scope/var1:0 (the variable my_scope/var1, made by tf.getVariable) is named by 2 rules, outermost first:",
          '1. tf.variableScope("my_scope") opened variable scope "my_scope" and name scope "my_scope/".',
          '2. tf.getVariable("var1") made the variable my_scope/var1: getVariable names variables after the variable scope ("my_scope"), not the name scope.',
        ]);
        expect(steps(v2)).toEqual([vs("my_scope", "my_scope/"), newVar("var2", "my_scope/var2")]);
        expect(steps(a)).toEqual([vs("my_scope", "my_scope/"), opName("Add", "Add", "my_scope/Add")]);
      }),
    ));

  it("sharing across name scopes: var_scope/var:0, made under foo/ and reused under bar/", () =>
    inGraph(() => {
      const v = tf.nameScope("foo", () => tf.variableScope("var_scope", () => tf.getVariable("var", [1])));
      const v1 = tf.nameScope("bar", () =>
        tf.variableScope("var_scope", { reuse: true }, () => tf.getVariable("var", [1])),
      );
      expect(v1).toBe(v);
      expect(steps(v1)).toEqual([
        vs("var_scope", "foo/var_scope/"),
        getVar("var", "var_scope", "foo/var_scope/"),
        [
          "reuse",
          {
            reuse: true,
            inherited: false,
            setBy: "var_scope",
            how: "option",
            event: "reused",
            variableScope: "var_scope",
            nameScope: "bar/var_scope/",
          },
        ],
      ]);
      expect(lines(v1)).toEqual([
        "var_scope/var:0 (the variable var_scope/var, made by tf.getVariable) is named by 3 rules, outermost first:",
        '1. tf.variableScope("var_scope") opened variable scope "var_scope" and name scope "foo/var_scope/".',
        '2. tf.getVariable("var") made the variable var_scope/var: getVariable names variables after the variable scope ("var_scope"), not the name scope, so the enclosing name scope "foo/var_scope/" does not prefix it.',
        '3. Later, tf.getVariable("var") in variable scope "var_scope" with reuse: true (set by this variable scope\'s own reuse option) returned this same variable instead of making one; the name scope there, "bar/var_scope/", plays no part.',
      ]);
    }));

  it("nested name_scope('ns') and variable_scope('vs'): vs/v1:0, ns/vs/v2:0, ns/vs/add:0", () =>
    inGraph(() =>
      tf.nameScope("ns", () =>
        tf.variableScope("vs", () => {
          const v1 = tf.getVariable("v1", [1, 0]);
          const v2 = new tf.Variable([2, 0], { name: "v2" });
          const v3 = v1.add(tf.getVariable("v3", [1, 0])); // the thread's v1 + v2, with matching dtypes
          expect(steps(v1)).toEqual([vs("vs", "ns/vs/"), getVar("v1", "vs", "ns/vs/")]);
          expect(steps(v2)).toEqual([ns("ns", "ns/"), vs("vs", "ns/vs/"), newVar("v2", "ns/vs/v2")]);
          expect(steps(v3)).toEqual([ns("ns", "ns/"), vs("vs", "ns/vs/"), opName("add", "AddV2", "ns/vs/add")]);
          expect(lines(v2)[2]).toBe('2. tf.variableScope("vs") opened variable scope "vs" and name scope "ns/vs/".');
        }),
      ),
    ));

  it("scoping(tf.variable_scope, 'scope_vars', 'res'): scope_vars/a:0, b:0, c:0 and scope_vars/res/res:0", () =>
    inGraph(() => {
      const [a, b, c, d] = scoping(tf.variableScope as Scope, "scope_vars", "res");
      expect(steps(a)).toEqual([vs("scope_vars", "scope_vars/"), newVar("a", "scope_vars/a")]);
      expect(steps(b)).toEqual([vs("scope_vars", "scope_vars/"), getVar("b", "scope_vars", null)]);
      expect(steps(c)).toEqual([vs("scope_vars", "scope_vars/"), opName("c", "Const", "scope_vars/c", false)]);
      expect(steps(d)).toEqual([
        vs("scope_vars", "scope_vars/"),
        vs("res", "scope_vars/res/", "name", "scope_vars/res"),
        opName("res", "Add", "scope_vars/res/res", false),
      ]);
      expect(lines(d)).toEqual([
        "scope_vars/res/res:0 (output 0 of the Add op scope_vars/res/res) is named by 3 rules, outermost first:",
        '1. tf.variableScope("scope_vars") opened variable scope "scope_vars" and name scope "scope_vars/".',
        '2. tf.variableScope("res") opened variable scope "scope_vars/res" and name scope "scope_vars/res/".',
        '3. The Add op was given the name "res", so in name scope "scope_vars/res/" it is scope_vars/res/res; the repeated "res" is the name scope\'s name followed by the op\'s own.',
      ]);
    }));

  it("scoping(tf.name_scope, 'scope_name', 'res'): b:0 escapes scope_name/, scope_name/res/res:0 doubles", () =>
    inGraph(() => {
      const [a, b, c, d] = scoping(tf.nameScope as Scope, "scope_name", "res");
      expect(steps(a)).toEqual([ns("scope_name", "scope_name/"), newVar("a", "scope_name/a")]);
      expect(explain(b).name).toBe("b:0");
      expect(steps(b)).toEqual([getVar("b", "", "scope_name/")]);
      expect(lines(b)).toEqual([
        "b:0 (the variable b, made by tf.getVariable) is named by 1 rule:",
        '1. tf.getVariable("b") made the variable b: getVariable names variables after the variable scope (the root, which adds no prefix), not the name scope, so the enclosing name scope "scope_name/" does not prefix it.',
      ]);
      expect(steps(c)).toEqual([ns("scope_name", "scope_name/"), opName("c", "Const", "scope_name/c", false)]);
      expect(steps(d)).toEqual([
        ns("scope_name", "scope_name/"),
        ns("res", "scope_name/res/"),
        opName("res", "Add", "scope_name/res/res", false),
      ]);
      expect(lines(d)).toEqual([
        "scope_name/res/res:0 (output 0 of the Add op scope_name/res/res) is named by 3 rules, outermost first:",
        '1. tf.nameScope("scope_name") opened name scope "scope_name/".',
        '2. tf.nameScope("res") opened name scope "scope_name/res/".',
        '3. The Add op was given the name "res", so in name scope "scope_name/res/" it is scope_name/res/res; the repeated "res" is the name scope\'s name followed by the op\'s own.',
      ]);
      // The names work as strings too, as TF prints them.
      expect(explain("b:0").steps).toEqual(explain(b).steps);
      expect(explain("scope_name/res/res").name).toBe("scope_name/res/res");
    }));

  it("op_scope and variable_op_scope: v:0, mysum/v2:0, mysum/Add:0, mysum2/v:0, mysum2/v2:0, mysum2/Add:0", () =>
    inGraph(() => {
      vi.spyOn(console, "warn").mockImplementation(() => {}); // the deprecation warnings
      const made: tf.Variable[] = [];
      const mysum = (a: tf.Variable, b: tf.Variable) =>
        tf.opScope([a, b], undefined, "mysum", () => {
          made.push(tf.getVariable("v", 1), new tf.Variable([0], { name: "v2" }));
          return tf.add(a, b);
        });
      const mysum2 = (a: tf.Variable, b: tf.Variable) =>
        tf.variableOpScope([a, b], undefined, "mysum2", () => {
          made.push(tf.getVariable("v", 1), new tf.Variable([0], { name: "v2" }));
          return tf.add(a, b);
        });
      const op = mysum(new tf.Variable(1), new tf.Variable(2));
      const op2 = mysum2(new tf.Variable(1), new tf.Variable(2));
      const [v, v2, w, w2] = made;
      expect(steps(v)).toEqual([getVar("v", "", "mysum/")]);
      expect(steps(v2)).toEqual([ns("mysum", "mysum/", true), newVar("v2", "mysum/v2")]);
      expect(lines(v2)[1]).toBe(
        '1. A name scope given no name took its default name "mysum" and opened name scope "mysum/".',
      );
      expect(steps(op)).toEqual([ns("mysum", "mysum/", true), opName("Add", "Add", "mysum/Add")]);
      const mysum2Scope = vs("mysum2", "mysum2/", "defaultName");
      expect(steps(w)).toEqual([mysum2Scope, getVar("v", "mysum2", null)]);
      expect(lines(w)[1]).toBe(
        '1. tf.variableScope(null, { defaultName: "mysum2" }) opened variable scope "mysum2" and name scope "mysum2/".',
      );
      expect(steps(w2)).toEqual([mysum2Scope, newVar("v2", "mysum2/v2")]);
      expect(steps(op2)).toEqual([mysum2Scope, opName("Add", "Add", "mysum2/Add")]);
    }));

  it("a name scope and a variable scope both called 'name_scope'", () => {
    inGraph(() =>
      tf.nameScope("name_scope", () => {
        const v = tf.getVariable("v", [1]);
        expect(steps(v)).toEqual([getVar("v", "", "name_scope/")]);
        expect(steps(tf.add(v, v))).toEqual([ns("name_scope", "name_scope/"), opName("Add", "Add", "name_scope/Add")]);
        expect(steps(new tf.Variable([0], { name: "v2" }))).toEqual([
          ns("name_scope", "name_scope/"),
          newVar("v2", "name_scope/v2"),
        ]);
      }),
    );
    inGraph(() =>
      tf.variableScope("name_scope", () => {
        const v = tf.getVariable("v", [1]);
        expect(steps(v)).toEqual([vs("name_scope", "name_scope/"), getVar("v", "name_scope", null)]);
        expect(steps(tf.add(v, v))).toEqual([vs("name_scope", "name_scope/"), opName("Add", "Add", "name_scope/Add")]);
        expect(steps(new tf.Variable([0], { name: "v2" }))).toEqual([
          vs("name_scope", "name_scope/"),
          newVar("v2", "name_scope/v2"),
        ]);
      }),
    );
  });

  it("variable_scope('foo') implicitly opens name_scope('foo'): foo/add", () =>
    inGraph(() => {
      const x = tf.variableScope("foo", () => tf.getVariable("v", [1]).add(1.0));
      expect(explain(x.op).name).toBe("foo/add");
      expect(steps(x.op)).toEqual([vs("foo", "foo/"), opName("add", "AddV2", "foo/add")]);
      expect(lines(x.op)).toEqual([
        "foo/add (an AddV2 op) is named by 2 rules, outermost first:",
        '1. tf.variableScope("foo") opened variable scope "foo" and name scope "foo/".',
        '2. The AddV2 op took its default name "add" (no name was given), so in name scope "foo/" it is foo/add.',
      ]);
    }));

  it("a name scope inside a variable scope names ops, not variables: foo/v:0, foo/bar/add", () =>
    inGraph(() =>
      tf.variableScope("foo", () =>
        tf.nameScope("bar", () => {
          const v = tf.getVariable("v", [1]);
          const x = v.add(1.0);
          expect(steps(v)).toEqual([vs("foo", "foo/"), getVar("v", "foo", "foo/bar/")]);
          expect(lines(v)[2]).toBe(
            '2. tf.getVariable("v") made the variable foo/v: getVariable names variables after the variable scope ("foo"), not the name scope, so the enclosing name scope "foo/bar/" does not prefix it.',
          );
          expect(steps(x.op)).toEqual([
            vs("foo", "foo/"),
            ns("bar", "foo/bar/"),
            opName("add", "AddV2", "foo/bar/add"),
          ]);
        }),
      ),
    ));
});

type Scope = (name: string, body: () => unknown) => unknown;

/** The thread's scoping(fn, scope1, scope2, vals) with vals [1, 2, 3]: returns a, b, c, d. */
function scoping(fn: Scope, scope1: string, scope2: string) {
  return fn(scope1, () => {
    const a = new tf.Variable(1, { name: "a" });
    const b = tf.getVariable("b", { initializer: 2 });
    const c = tf.constant(3, { name: "c" });
    const d = fn(scope2, () => tf.add(a.mul(b), c, "res")) as tf.Tensor;
    return [a, b, c, d] as const;
  }) as readonly [tf.Variable, tf.Variable, tf.Tensor, tf.Tensor];
}
