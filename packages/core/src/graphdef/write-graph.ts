// python/framework/graph_io.py: write_graph(graph_or_graph_def, logdir, name, as_text=True).
import type { Graph } from "../framework/graph";
import type { FileSystem } from "../io/file-system";
import type { GraphDef } from "../proto/types";
import { encodeGraphDef } from "./graphdef-codec";

/**
 * graph_io.py: write_graph: the GraphDef (of a Graph, without `_output_shapes`) to `logdir/name`, text by default,
 * creating `logdir`; returns the path. The file is written whole.
 */
export function writeGraph(
  graphOrDef: Graph | GraphDef,
  logdir: string,
  name: string,
  asText = true,
  fs?: FileSystem,
): string {
  if (!fs) throw new TypeError("writeGraph needs a file system in core (node and browser bind theirs)");
  const def =
    typeof (graphOrDef as Graph).asGraphDef === "function"
      ? (graphOrDef as Graph).asGraphDef()
      : (graphOrDef as GraphDef);
  if (!fs.isDirectory(logdir)) fs.makeDirs(logdir);
  const path = fs.join(logdir, name);
  const bytes = asText ? new TextEncoder().encode(encodeGraphDef(def, { asText: true })) : encodeGraphDef(def);
  fs.writeFileAtomic(path, bytes);
  return path;
}
