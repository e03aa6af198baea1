// `scopeflow ckpt ls <prefix|dir>` (checkpoint_utils.list_variables, with dtypes and sizes) and
// `scopeflow ckpt doctor <graph file> <prefix|dir>` (tf.tools.checkpointDoctor on the file's MetaGraphDef).
import { existsSync } from "node:fs";
import * as tf from "../files";
import { EXIT_DRIFT, EXIT_OK, FileError, type Output, readingFile } from "./cli-errors";
import { loadGraph, metaGraphOf } from "./load-graph";

/** Column text: left-aligned columns, the last ones right-aligned where `right` says so. */
export function table(rows: string[][], right: boolean[] = []): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => (right[i] ? cell.padStart(widths[i]) : i === r.length - 1 ? cell : cell.padEnd(widths[i])))
        .join("  "),
    )
    .join("\n");
}

function checkpointExists(prefixOrDir: string): void {
  if (!existsSync(prefixOrDir) && !existsSync(`${prefixOrDir}.index`)) {
    throw new FileError(prefixOrDir, "no checkpoint here (neither a folder nor a prefix with a .index file)");
  }
}

export function ckptLsCommand(prefixOrDir: string, json: boolean, io: Output): number {
  checkpointExists(prefixOrDir);
  const { prefix, entries } = readingFile(prefixOrDir, () => tf.tools.checkpointEntries(prefixOrDir));
  if (json) {
    io.out(JSON.stringify({ prefix, entries }, null, 2));
    return EXIT_OK;
  }
  const bytes = entries.reduce((sum, e) => sum + e.size, 0);
  const rows = [
    ["key", "dtype", "shape", "bytes"],
    ...entries.map((e) => [e.key, e.dtype, `[${e.shape.join(",")}]`, String(e.size)]),
  ];
  io.out(`${prefix}: ${entries.length} tensors, ${bytes} bytes\n${table(rows, [false, false, false, true])}`);
  return EXIT_OK;
}

export function ckptDoctorCommand(graphFile: string, prefixOrDir: string, json: boolean, io: Output): number {
  const loaded = loadGraph(graphFile);
  checkpointExists(prefixOrDir);
  const report = readingFile(prefixOrDir, () => tf.tools.checkpointDoctor(metaGraphOf(loaded), prefixOrDir));
  if (json) {
    const { text: _text, ...fields } = report;
    io.out(JSON.stringify(fields, null, 2));
  } else {
    io.out(`Graph: ${loaded.path} (${loaded.kind})\n${report.text}`);
  }
  return report.ok ? EXIT_OK : EXIT_DRIFT;
}
