// The snippets of the Stack Overflow thread "What's the difference of name scope and a variable scope in
// tensorflow?" (shared/seed/name-scope-vs-variable-scope.md), written as a TypeScript user would write them.
// Each check pairs the name scopeflow gives with the name the thread says TF prints.
import * as tf from "@scopeflow/node";
import { type Scope, scoping } from "./seed-scoping";

export interface Check {
  snippet: string;
  what: string;
  expected: string;
  actual: string;
  /** Set when the thread's code raises in TF 1.15: `actual` is then TF's error, which scopeflow must match. */
  note?: string;
}

/** Runs `body` on a fresh default graph, like a fresh Python process. */
function freshGraph<T>(body: () => T): T {
  return new tf.Graph().asDefault(body);
}

function errorOf(call: () => unknown): string {
  try {
    call();
    return "(no error)";
  } catch (error) {
    return String(error);
  }
}

export function runSeedSnippets(): Check[] {
  const checks: Check[] = [];
  const check = (snippet: string, what: string, expected: string, actual: string, note?: string) =>
    checks.push({ snippet, what, expected, actual, note });

  // 1. "name scope is ignored by tf.get_variable"
  freshGraph(() => {
    tf.nameScope("my_scope", () => {
      const v1 = tf.getVariable("var1", [1], { dtype: tf.float32 });
      const v2 = new tf.Variable(1, { name: "var2", dtype: tf.float32 });
      const a = tf.add(v1, v2);
      check("1 name_scope", "v1.name", "var1:0", v1.name);
      check("1 name_scope", "v2.name", "my_scope/var2:0", v2.name);
      check("1 name_scope", "a.name", "my_scope/Add:0", a.name);
    });
  });

  // 2. the same code in a variable scope
  freshGraph(() => {
    tf.variableScope("my_scope", () => {
      const v1 = tf.getVariable("var1", [1], { dtype: tf.float32 });
      const v2 = new tf.Variable(1, { name: "var2", dtype: tf.float32 });
      const a = tf.add(v1, v2);
      check("2 variable_scope", "v1.name", "my_scope/var1:0", v1.name);
      check("2 variable_scope", "v2.name", "my_scope/var2:0", v2.name);
      check("2 variable_scope", "a.name", "my_scope/Add:0", a.name);
    });
  });

  // 3. sharing a variable across name scopes
  freshGraph(() => {
    const v = tf.nameScope("foo", () => tf.variableScope("var_scope", () => tf.getVariable("var", [1])));
    const v1 = tf.nameScope("bar", () =>
      tf.variableScope("var_scope", { reuse: true }, () => tf.getVariable("var", [1])),
    );
    check("3 sharing", "v1 === v", "true", String(v1 === v));
    check("3 sharing", "v.name", "var_scope/var:0", v.name);
    check("3 sharing", "v1.name", "var_scope/var:0", v1.name);
  });

  // 4. nested name_scope('ns') and variable_scope('vs')
  freshGraph(() => {
    tf.nameScope("ns", () => {
      tf.variableScope("vs", () => {
        const v1 = tf.getVariable("v1", [1, 0]);
        const v2 = new tf.Variable([2, 0], { name: "v2" });
        check("4 nested", "v1.name", "vs/v1:0", v1.name);
        check("4 nested", "v2.name", "ns/vs/v2:0", v2.name);
        // v1 is float32 and v2 int32: in TF 1.15 `v1 + v2` raises instead of printing ns/vs/add:0.
        check(
          "4 nested",
          "v3 = v1 + v2",
          "TypeError: Input 'y' of 'AddV2' Op has type int32 that does not match type float32 of argument 'x'.",
          errorOf(() => v1.add(v2)),
          "the thread's v3.name = 'ns/vs/add:0' is never printed: TF 1.15 raises this error",
        );
      });
    });
  });

  // 5. scoping(fn, scope1, scope2, vals), run with variable_scope and with name_scope
  freshGraph(() => {
    const r1 = scoping(tf.variableScope as Scope, "scope_vars", "res", [1, 2, 3]);
    const r2 = scoping(tf.nameScope as Scope, "scope_name", "res", [1, 2, 3]);
    const expected1 = ["scope_vars", "scope_vars/a:0", "scope_vars/b:0", "scope_vars/c:0", "scope_vars/res/res:0"];
    const expected2 = ["scope_name", "scope_name/a:0", "b:0", "scope_name/c:0", "scope_name/res/res:0"];
    r1.names.forEach((name, i) => {
      check("5 scoping(variable_scope)", `name ${i}`, expected1[i], name);
    });
    r2.names.forEach((name, i) => {
      check("5 scoping(name_scope)", `name ${i}`, expected2[i], name);
    });
    const sess = new tf.Session();
    sess.run(tf.globalVariablesInitializer());
    const [d1, d2] = sess.run([r1.d, r2.d]) as tf.NDArray[];
    check("5 scoping", "sess.run([d1, d2])", "[5, 5]", `[${d1.item()}, ${d2.item()}]`);
  });

  // 6. op_scope and variable_op_scope (deprecated: they log TF's warning)
  freshGraph(() => {
    const mysum = (a: tf.Variable, b: tf.Variable, name?: string) =>
      tf.opScope([a, b], name, "mysum", () => {
        const v = tf.getVariable("v", 1);
        const v2 = new tf.Variable([0], { name: "v2" });
        check("6 op_scope", "v.name", "v:0", v.name);
        check("6 op_scope", "v2.name", "mysum/v2:0", v2.name);
        return tf.add(a, b);
      });
    const mysum2 = (a: tf.Variable, b: tf.Variable, name?: string) =>
      tf.variableOpScope([a, b], name, "mysum2", () => {
        const v = tf.getVariable("v", 1);
        const v2 = new tf.Variable([0], { name: "v2" });
        check("6 variable_op_scope", "v.name", "mysum2/v:0", v.name);
        check("6 variable_op_scope", "v2.name", "mysum2/v2:0", v2.name);
        return tf.add(a, b);
      });
    const op = mysum(new tf.Variable(1), new tf.Variable(2));
    const op2 = mysum2(new tf.Variable(1), new tf.Variable(2));
    check("6 op_scope", "op.name", "mysum/Add:0", op.name);
    check("6 variable_op_scope", "op2.name", "mysum2/Add:0", op2.name);
  });

  // 7. a name scope and a variable scope, both called "name_scope"
  freshGraph(() => {
    tf.nameScope("name_scope", () => {
      const v = tf.getVariable("v", [1]);
      const op = tf.add(v, v);
      const v2 = new tf.Variable([0], { name: "v2" });
      check("7 name_scope", "v.name", "v:0", v.name);
      check("7 name_scope", "op.name", "name_scope/Add:0", op.name);
      check("7 name_scope", "v2.name", "name_scope/v2:0", v2.name);
    });
  });
  freshGraph(() => {
    tf.variableScope("name_scope", () => {
      const v = tf.getVariable("v", [1]);
      const op = tf.add(v, v);
      const v2 = new tf.Variable([0], { name: "v2" });
      check("7 variable_scope", "v.name", "name_scope/v:0", v.name);
      check("7 variable_scope", "op.name", "name_scope/Add:0", op.name);
      check("7 variable_scope", "v2.name", "name_scope/v2:0", v2.name);
    });
  });

  // 8. variable_scope("foo") implicitly opens name_scope("foo")
  freshGraph(() => {
    const x = tf.variableScope("foo", () => tf.getVariable("v", [1]).add(1.0)); // 1.0 + v
    check("8 implicit name scope", "x.op.name", "foo/add", x.op.name);
  });

  // 9. a name scope inside a variable scope names ops, not variables
  freshGraph(() => {
    tf.variableScope("foo", () => {
      tf.nameScope("bar", () => {
        const v = tf.getVariable("v", [1]);
        const x = v.add(1.0); // 1.0 + v
        check("9 name scope in variable scope", "v.name", "foo/v:0", v.name);
        check("9 name scope in variable scope", "x.op.name", "foo/bar/add", x.op.name);
      });
    });
  });

  return checks;
}
