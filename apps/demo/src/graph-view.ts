// The scope explorer and graph view: builds the seed's `scoping` program under both scope kinds, prints its
// name-scope tree (what TensorBoard groups by), and writes an SVG of the top level plus a TensorBoard logdir.
// Usage: node dist/graph-view.js [outDir]   (default: ./logs)
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as tf from "@scopeflow/node";
import { renderGraphSvg } from "./graph-view/graph-svg";
import { buildScopeTree, renderScopeTree } from "./graph-view/scope-tree";
import { type Scope, scoping } from "./seed-scoping";

const outDir = process.argv[2] ?? "logs";
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
console.log(`\nWrote ${svgPath} and a TensorBoard event file in ${outDir}/ (tensorboard --logdir ${outDir}).`);
