// The snippets of the seed thread "What's the difference of name scope and a variable scope in tensorflow?"
// (shared/seed/name-scope-vs-variable-scope.md), as the playground's JavaScript: `tf` is @scopeflow/browser and
// `print(...)` writes to the output panel. apps/demo/src/seed-snippets.ts checks the same programs' names in Node.

export interface Snippet {
  id: string;
  title: string;
  code: string;
}

const scoping = `// Salvador Dali's answer: the same function under tf.variableScope and under tf.nameScope.
function scoping(fn, scope1, scope2, vals) {
  return fn(scope1, () => {
    const a = new tf.Variable(vals[0], { name: "a" });
    const b = tf.getVariable("b", { initializer: vals[1] });
    const c = tf.constant(vals[2], { name: "c" });
    const d = fn(scope2, () => tf.add(a.mul(b), c, "res"));
    return { names: [scope1, a.name, b.name, c.name, d.name], d };
  });
}

const r1 = scoping(tf.variableScope, "scope_vars", "res", [1, 2, 3]);
const r2 = scoping(tf.nameScope, "scope_name", "res", [1, 2, 3]);
print(r1.names.join("  "));
print(r2.names.join("  "));

const sess = new tf.Session();
sess.run(tf.globalVariablesInitializer());
print(sess.run([r1.d, r2.d]).map((x) => x.item()));
`;

export const SEED_SNIPPETS: Snippet[] = [
  { id: "scoping", title: "5. scoping(): variable_scope vs name_scope", code: scoping },
  {
    id: "name-scope",
    title: "1. name scope is ignored by getVariable",
    code: `tf.nameScope("my_scope", () => {
  const v1 = tf.getVariable("var1", [1], { dtype: tf.float32 });
  const v2 = new tf.Variable(1, { name: "var2", dtype: tf.float32 });
  const a = tf.add(v1, v2);
  print(v1.name, v2.name, a.name); // var1:0 my_scope/var2:0 my_scope/Add:0
});
`,
  },
  {
    id: "variable-scope",
    title: "2. the same code in a variable scope",
    code: `tf.variableScope("my_scope", () => {
  const v1 = tf.getVariable("var1", [1], { dtype: tf.float32 });
  const v2 = new tf.Variable(1, { name: "var2", dtype: tf.float32 });
  const a = tf.add(v1, v2);
  print(v1.name, v2.name, a.name); // my_scope/var1:0 my_scope/var2:0 my_scope/Add:0
});
`,
  },
  {
    id: "sharing",
    title: "3. sharing a variable across name scopes",
    code: `const v = tf.nameScope("foo", () => tf.variableScope("var_scope", () => tf.getVariable("var", [1])));
const v1 = tf.nameScope("bar", () =>
  tf.variableScope("var_scope", { reuse: true }, () => tf.getVariable("var", [1])),
);
print(v1 === v, v.name, v1.name); // true var_scope/var:0 var_scope/var:0
`,
  },
  {
    id: "nested",
    title: "4. nested name_scope and variable_scope (TF raises)",
    code: `tf.nameScope("ns", () => {
  tf.variableScope("vs", () => {
    const v1 = tf.getVariable("v1", [1, 0]);
    const v2 = new tf.Variable([2, 0], { name: "v2" });
    print(v1.name, v2.name); // vs/v1:0 ns/vs/v2:0
    // v1 is float32 and v2 int32: TF 1.15 raises here instead of printing ns/vs/add:0.
    const v3 = v1.add(v2);
    print(v3.name);
  });
});
`,
  },
  {
    id: "op-scope",
    title: "6. opScope and variableOpScope (deprecated)",
    code: `function mysum(a, b, name) {
  return tf.opScope([a, b], name, "mysum", () => {
    const v = tf.getVariable("v", 1);
    const v2 = new tf.Variable([0], { name: "v2" });
    print(v.name, v2.name); // v:0 mysum/v2:0
    return tf.add(a, b);
  });
}
function mysum2(a, b, name) {
  return tf.variableOpScope([a, b], name, "mysum2", () => {
    const v = tf.getVariable("v", 1);
    const v2 = new tf.Variable([0], { name: "v2" });
    print(v.name, v2.name); // mysum2/v:0 mysum2/v2:0
    return tf.add(a, b);
  });
}
const op = mysum(new tf.Variable(1), new tf.Variable(2));
const op2 = mysum2(new tf.Variable(1), new tf.Variable(2));
print(op.name, op2.name); // mysum/Add:0 mysum2/Add:0
`,
  },
  {
    id: "both-called-name-scope",
    title: "7. a name scope and a variable scope both called name_scope",
    code: `tf.nameScope("name_scope", () => {
  const v = tf.getVariable("v", [1]);
  const op = tf.add(v, v);
  const v2 = new tf.Variable([0], { name: "v2" });
  print(v.name, op.name, v2.name); // v:0 name_scope/Add:0 name_scope/v2:0
});
tf.variableScope("name_scope", () => {
  const v = tf.getVariable("v", [1]);
  const op = tf.add(v, v);
  const v2 = new tf.Variable([0], { name: "v2" });
  print(v.name, op.name, v2.name); // name_scope/v:0 name_scope_1/Add:0 name_scope_1/v2:0
});
`,
  },
  {
    id: "implicit-name-scope",
    title: "8. variableScope opens a name scope too",
    code: `const x = tf.variableScope("foo", () => tf.getVariable("v", [1]).add(1.0));
print(x.op.name); // foo/add
`,
  },
  {
    id: "name-scope-in-variable-scope",
    title: "9. a name scope inside a variable scope names ops, not variables",
    code: `tf.variableScope("foo", () => {
  tf.nameScope("bar", () => {
    const v = tf.getVariable("v", [1]);
    const x = v.add(1.0);
    print(v.name, x.op.name); // foo/v:0 foo/bar/add
  });
});
`,
  },
  {
    id: "towers",
    title: "towers: reuse, sharing audit and lint findings",
    code: `const x = tf.placeholder(tf.float32, [1, 2], "x");
const tower = (input) => tf.matmul(input, tf.getVariable("w", [2, 2]));
tf.variableScope(null, { defaultName: "tower" }, () => tower(x)); // tower/w
tf.variableScope(null, { defaultName: "tower" }, () => tower(x)); // tower_1/w: not shared
tf.variableScope("shared", () => tower(x));
tf.nameScope("gpu1", () => tf.variableScope("shared", { reuse: true }, () => tower(x)));
tf.nameScope("encoder", () => tf.getVariable("kernel", [3, 3])); // lint: getVariable under a name scope
const v = tf.getVariable("v", [3]);
const loss = tf.reduceSum(tf.square(v));
new tf.train.AdamOptimizer(0.1).minimize(loss);
new tf.train.AdamOptimizer(0.1).minimize(loss); // a second optimizer: duplicate slots
`,
  },
];
