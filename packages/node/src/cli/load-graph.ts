// The graph files the scopeflow command reads: a binary or text GraphDef (.pb, .pbtxt), a MetaGraphDef (.meta), an
// event file or a logdir (its last meta graph, else its last graph, as TensorBoard shows the last one).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { GraphDef, MetaGraphDef } from "@scopeflow/core/graphdef";
import * as tf from "../files";
import { FileError, readingFile, UsageError } from "./cli-errors";

export interface LoadedGraph {
  /** The file the graph came from. */
  path: string;
  /** What that file is: "binary GraphDef", "text GraphDef", "MetaGraphDef", "event file". */
  kind: string;
  graphDef: GraphDef;
  /** With a .meta, or an event file holding a meta graph: the collections and the SaverDef. */
  metaGraphDef?: MetaGraphDef;
}

/** Files whose name holds `tfevents` under `dir` (TensorBoard's rule for a run), sorted, relative paths. */
export function eventFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.includes("tfevents")) out.push(path);
    }
  };
  walk(dir);
  return out;
}

export function requireExists(path: string): void {
  if (!existsSync(path)) throw new FileError(path, "no such file or directory");
}

function decodeMeta(path: string, bytes: Uint8Array): MetaGraphDef {
  try {
    return tf.io.decodeMetaGraphDef(bytes, path);
  } catch (binaryError) {
    // A text MetaGraphDef (export_meta_graph(as_text=True)).
    const text = new TextDecoder().decode(bytes);
    if (/^\s*(meta_info_def|graph_def|saver_def|collection_def)\s*[{:]/m.test(text)) {
      return tf.io.decodeMetaGraphDef(text, path);
    }
    throw binaryError;
  }
}

/** The last meta graph (else the last graph) of an event file; null when it holds neither. */
function graphOfEventFile(path: string): LoadedGraph | null {
  let graph: Uint8Array | undefined;
  let meta: Uint8Array | undefined;
  for (const event of tf.train.summaryIterator(path)) {
    if (event.graphDef) graph = event.graphDef;
    if (event.metaGraphDef) meta = event.metaGraphDef;
  }
  if (meta) {
    const metaGraphDef = tf.io.decodeMetaGraphDef(meta, `${path} (meta_graph_def)`);
    return { path, kind: "event file (meta graph)", graphDef: metaGraphDef.graphDef ?? {}, metaGraphDef };
  }
  if (graph) return { path, kind: "event file (graph)", graphDef: tf.io.decodeGraphDef(graph, `${path} (graph_def)`) };
  return null;
}

/** Reads a graph from a .pb, .pbtxt, .meta, event file or logdir; errors name the file and what was expected. */
export function loadGraph(path: string): LoadedGraph {
  requireExists(path);
  if (statSync(path).isDirectory()) {
    const files = eventFilesUnder(path);
    const found = readingFile(path, () =>
      files.map((file) => readingFile(file, () => graphOfEventFile(file))).filter((g) => g !== null),
    );
    if (found.length === 0) {
      throw new FileError(
        path,
        files.length === 0
          ? "no event file (events.out.tfevents.*) in this folder; pass a .pb, .pbtxt, .meta or event file"
          : `no graph in its event files (${files.map((f) => relative(path, f)).join(", ")})`,
      );
    }
    if (found.length > 1) {
      throw new UsageError(
        `${path} holds ${found.length} event files with a graph; pass one of them:\n${found.map((g) => `  ${g.path}`).join("\n")}`,
      );
    }
    return found[0];
  }
  const name = path.split(/[\\/]/).at(-1) ?? path;
  return readingFile(path, () => {
    if (name.includes("tfevents")) {
      const graph = graphOfEventFile(path);
      if (!graph) throw new FileError(path, "this event file holds no graph_def or meta_graph_def");
      return graph;
    }
    const bytes = new Uint8Array(readFileSync(path));
    if (name.endsWith(".meta")) {
      const metaGraphDef = decodeMeta(path, bytes);
      return { path, kind: "MetaGraphDef", graphDef: metaGraphDef.graphDef ?? {}, metaGraphDef };
    }
    if (name.endsWith(".pbtxt") || name.endsWith(".txt")) {
      const text = new TextDecoder().decode(bytes);
      if (/^\s*(meta_info_def|graph_def)\s*\{/m.test(text)) {
        const metaGraphDef = tf.io.decodeMetaGraphDef(text, path);
        return { path, kind: "text MetaGraphDef", graphDef: metaGraphDef.graphDef ?? {}, metaGraphDef };
      }
      return { path, kind: "text GraphDef", graphDef: tf.io.decodeGraphDef(text, path) };
    }
    if (name.endsWith(".pb")) return { path, kind: "binary GraphDef", graphDef: tf.io.decodeGraphDef(bytes, path) };
    throw new FileError(
      path,
      "not a graph file scopeflow knows: pass a .pb (binary GraphDef), .pbtxt (text GraphDef), .meta (MetaGraphDef), an event file or a logdir",
    );
  });
}

/** The MetaGraphDef a tool should read: the file's own, or a bare GraphDef wrapped (no collections, no SaverDef). */
export function metaGraphOf(loaded: LoadedGraph): MetaGraphDef {
  return loaded.metaGraphDef ?? { graphDef: loaded.graphDef };
}
