// The README's scope-tools examples (tf.tools), as a user writes them with @scopeflow/node. `pnpm --filter
// @scopeflow/demo run tools` prints their output; scope-tools-examples.test.ts checks the README shows that output.
import * as tf from "@scopeflow/node";

/** A node of tf.tools.scopeTrees (the runtimes export tf.tools as a value bound to their file system). */
type ScopeNode = ReturnType<typeof tf.tools.scopeTrees>["nameScopes"];

export function explainNameExample(): void {
  new tf.Graph().asDefault(() => {
    const [b, d] = tf.nameScope("scope_name", () => {
      const a = new tf.Variable(1, { name: "a" });
      const b = tf.getVariable("b", { initializer: 2 });
      const c = tf.constant(3, { name: "c" });
      return [b, tf.nameScope("res", () => tf.add(a.mul(b), c, "res"))] as const;
    });
    console.log(tf.tools.explainName(b).text);
    console.log(tf.tools.explainName(d).text);

    tf.variableScope("my_scope", () => tf.getVariable("w", [1]));
    const y = tf.variableScope("my_scope", { reuse: true }, () => tf.getVariable("w", [1]).add(1));
    console.log(tf.tools.explainName(y).text);
    console.log(
      tf.tools
        .explainName("my_scope/w:0")
        .steps.map((s) => s.kind)
        .join(", "),
    );
  });
}

export function scopeTreesExample(): void {
  new tf.Graph().asDefault(() => {
    const block = (reuse: boolean) =>
      tf.variableScope("x", { reuse }, () => tf.getVariable("w", [2], { initializer: tf.initializers.zeros() }).mul(2));
    block(false);
    block(true);
    const { nameScopes, variableScopes } = tf.tools.scopeTrees();
    const show = (node: ScopeNode, depth = 0): void => {
      const items = node.ops ?? node.variables ?? [];
      console.log(`${"  ".repeat(depth)}${node.name || "(root)"}  [${node.instances.join(", ")}]  ${items.join(" ")}`);
      for (const child of node.children) show(child, depth + 1);
    };
    show(nameScopes);
    show(variableScopes);
  });
}

export function sharingAuditExample(): void {
  new tf.Graph().asDefault(() => {
    const tower = (x: tf.Tensor) => tf.matmul(x, tf.getVariable("w", [2, 2]));
    const x = tf.placeholder(tf.float32, [1, 2], "x");
    tf.variableScope(null, { defaultName: "tower" }, () => tower(x)); // tower/w
    tf.variableScope(null, { defaultName: "tower" }, () => tower(x)); // tower_1/w: not shared
    tf.variableScope("shared", () => tower(x));
    tf.nameScope("gpu1", () => tf.variableScope("shared", { reuse: true }, () => tower(x)));
    tf.variableScope("net", { reuse: tf.AUTO_REUSE }, () => tf.getVariable("embedding", [4, 2]));
    tf.variableScope("net", { reuse: tf.AUTO_REUSE }, () => tf.getVariable("embedding", [4, 2]));
    tf.variableScope("shared", { reuse: true }, () => new tf.Variable([0, 0], { name: "bias" }));
    for (const row of tf.tools.sharingAudit()) {
      const reused = row.reusedAt.map((p) => `${p.scope} (name scope ${p.nameScope}, reuse ${p.reuse})`);
      console.log(
        `${row.variable}: made by ${row.createdBy} in "${row.createdAt.scope}"; reused: ${reused.join("; ") || "-"}`,
      );
      for (const f of row.findings) console.log(`  ${f.kind}: ${f.message}`);
    }
  });
}

export function lintExample(): void {
  new tf.Graph().asDefault((graph) => {
    tf.nameScope("encoder", () => tf.getVariable("kernel", [3, 3]));
    tf.variableScope("tower", () => tf.getVariable("w", [1]));
    tf.variableScope("tower_1", () => tf.getVariable("w", [1]));
    const towerVars = tf.trainableVariables("tower"); // also tower_1/w
    tf.variableScope("tower", { reuse: true }, () =>
      tf.variableScope("head", { reuse: false }, () => new tf.Variable([1], { name: "b" })),
    );
    const w = towerVars[0];
    graph.addToCollection(tf.GraphKeys.UPDATE_OPS, w.assignAdd([1], { name: "update_stats" }).op);
    tf.variableScope("tower", { reuse: true }, () => {
      try {
        new tf.train.AdamOptimizer(0.01).minimize(tf.reduceSum(w));
      } catch (error) {
        console.log(String(error));
      }
    });
    new tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduceSum(w));
    for (const f of tf.tools.lint()) console.log(`${f.rule} (${f.where.name}):\n  ${f.message}`);
  });
}

export function strictExample(): void {
  tf.tools.setStrict(true);
  new tf.Graph().asDefault(() => {
    const v = tf.nameScope("my_scope", () => tf.getVariable("var1", [1])); // console.warn(...) here
    console.log(v.name); // what TF1 does is unchanged
  });
  tf.tools.setStrict(false);
}

export function slotOwnershipExample(): void {
  new tf.Graph().asDefault(() => {
    const v = tf.getVariable("v", [3]);
    const loss = tf.reduceSum(tf.square(v));
    new tf.train.AdamOptimizer(0.1).minimize(loss);
    new tf.train.AdamOptimizer(0.1).minimize(loss); // the model code run a second time in the same graph
    const [row] = tf.tools.slotOwnership();
    console.log(row.slots.map((s) => `${s.name} (${s.optimizer} #${s.instance}, slot ${s.slot})`).join(", "));
    console.log(row.nonSlots.map((n) => n.name).join(", "));
    console.log(row.duplicates.join(", "));
    console.log(row.warnings[0]);
  });
}

/** The examples in README order, each with the console output it prints (console.log and console.warn, in order). */
export function runScopeToolExamples(): { name: string; output: string }[] {
  const examples = {
    explainName: explainNameExample,
    scopeTrees: scopeTreesExample,
    sharingAudit: sharingAuditExample,
    lint: lintExample,
    setStrict: strictExample,
    slotOwnership: slotOwnershipExample,
  };
  return Object.entries(examples).map(([name, example]) => ({ name, output: captureConsole(example) }));
}

function captureConsole(body: () => void): string {
  const lines: string[] = [];
  const { log, warn } = console;
  const keep = (...args: unknown[]) => {
    lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
  };
  console.log = keep;
  console.warn = (...args: unknown[]) => keep("[console.warn]", ...args);
  try {
    body();
  } finally {
    console.log = log;
    console.warn = warn;
  }
  return lines.join("\n");
}
