// The scope explorer and graph view: builds the seed's `scoping` program under both scope kinds, prints its
// name-scope tree (what TensorBoard groups by), and writes an SVG of the top level plus a TensorBoard logdir.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as tf from "@scopeflow/node";
import { cliArgs, shownPath } from "./cli";
import { renderGraphSvg } from "./graph-view/graph-svg";
import { buildScopeTree, renderScopeTree } from "./graph-view/scope-tree";
import { type Scope, scoping } from "./seed-scoping";

const { positionals } = cliArgs({
  usage:
    "Usage: node dist/graph-view.js [outDir]\n\nPrints the name-scope tree of the seed's scoping program and writes its graph view\n" +
    "(graph.svg) and a TensorBoard event file to outDir (default: ./logs).",
  maxPositionals: 1,
});
const outDir = shownPath(positionals[0] ?? "logs");
const graph = new tf.Graph();
graph.asDefault(() => {
  scoping(tf.variableScope as Scope, "scope_vars", "res", [1, 2, 3]);
  scoping(tf.nameScope as Scope, "scope_name", "res", [1, 2, 3]);
  tf.globalVariablesInitializer();
});

const def = graph.asGraphDef();
const nodes = def.node ?? [];
console.log(`Scope tree of the seed's scoping graph (${nodes.length} ops):\n`);
console.log(renderScopeTree(buildScopeTree(nodes)));

mkdirSync(outDir, { recursive: true });
const svgPath = join(outDir, "graph.svg");
writeFileSync(svgPath, renderGraphSvg(nodes, "seed scoping graph"));
const writer = new tf.summary.FileWriter(outDir, graph);
writer.close();
console.log(`\nWrote ${svgPath}\nWrote ${shownPath(writer.getFilename())}\n(tensorboard --logdir ${outDir})`);
