// `scopeflow graph <graph file> [--html out.html] [--depth n]`: the name-scope tree and variables as text, or a
// self-contained HTML page with a graph view.
import { existsSync, statSync } from "node:fs";
import { dirname } from "node:path";
import * as tf from "../files";
import { EXIT_OK, FileError, type Output, readingFile } from "./cli-errors";
import { graphHtml } from "./graph-html";
import { loadGraph, metaGraphOf } from "./load-graph";
import { buildScopeTree, opsText, scopeTreeText } from "./scope-tree";

export function graphCommand(file: string, options: { html?: string; depth: number }, io: Output): number {
  const loaded = loadGraph(file);
  const nodes = loaded.graphDef.node ?? [];
  if (options.html) {
    const out = options.html;
    const dir = dirname(out);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new FileError(out, `folder ${dir} does not exist`);
    const html = graphHtml(loaded);
    readingFile(out, () => tf.io.nodeFs().writeFileAtomic(out, new TextEncoder().encode(html)));
    io.out(
      `Wrote ${out}: ${opsText(nodes.length)} of ${loaded.path} (${loaded.kind}), ${Math.round(html.length / 1024)} KiB.`,
    );
    return EXIT_OK;
  }
  const producer = loaded.graphDef.versions?.producer;
  const lines = [
    `${loaded.path}: ${loaded.kind}, ${opsText(nodes.length)}${producer !== undefined ? `, producer ${producer}` : ""}`,
    `name scopes (to depth ${options.depth}; --depth to change):`,
    scopeTreeText(buildScopeTree(nodes), options.depth),
  ];
  const variables = tf.tools.variablesOf(metaGraphOf(loaded));
  if (variables.length) {
    lines.push(`variables (${variables.length}):`);
    for (const v of variables) {
      const shape = v.shape === null ? "<unknown>" : `[${v.shape.map((d) => d ?? "?").join(",")}]`;
      lines.push(`  ${v.name}  ${shape} ${v.dtype}${v.trainable ? " trainable" : ""}`);
    }
  }
  io.out(lines.join("\n"));
  return EXIT_OK;
}
