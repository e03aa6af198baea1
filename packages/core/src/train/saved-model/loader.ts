// saved_model/loader_impl.py (TF 1.15): load(sess, tags, export_dir): the MetaGraphDef whose tag set matches,
// imported into the session's graph, its variables restored from `variables/variables`, its main op run.
import { RuntimeError } from "../../errors";
import type { FileSystem } from "../../io/file-system";
import { decodeMessage } from "../../proto/codec";
import { parseTextMessage } from "../../proto/text-format";
import type { MetaGraphDef, SavedModel } from "../../proto/types";
import type { Session } from "../../session/session";
import { requireFileSystem } from "../checkpoint/checkpoint-management";
import { importMetaGraph } from "../checkpoint/import-meta-graph";
import { getAssetTensors } from "./assets";
import {
  LEGACY_INIT_OP_KEY,
  MAIN_OP_KEY,
  SAVED_MODEL_FILENAME_PB,
  SAVED_MODEL_FILENAME_PBTXT,
  VARIABLES_DIRECTORY,
  VARIABLES_FILENAME,
} from "./builder";

/** Python's str() of a list of strings: `['serve']`. */
const pyList = (xs: readonly string[]) => `[${xs.map((x) => `'${x}'`).join(", ")}]`;

/** loader_impl.py: parse_saved_model(export_dir): the `.pbtxt` if present, else the `.pb`. */
export function parseSavedModel(exportDir: string, fs: FileSystem): SavedModel {
  const txt = fs.join(exportDir, SAVED_MODEL_FILENAME_PBTXT);
  const pb = fs.join(exportDir, SAVED_MODEL_FILENAME_PB);
  if (fs.exists(txt))
    return parseTextMessage<SavedModel>("SavedModel", new TextDecoder().decode(fs.readFile(txt)), txt);
  if (fs.exists(pb)) return decodeMessage<SavedModel>("SavedModel", fs.readFile(pb), pb);
  // loader_impl.py: parse_saved_model raises IOError
  throw new Error(
    `SavedModel file does not exist at: ${exportDir}/{${SAVED_MODEL_FILENAME_PBTXT}|${SAVED_MODEL_FILENAME_PB}}`,
  );
}

export interface LoadOptions {
  importScope?: string;
}

/**
 * loader_impl.py: load(sess, tags, export_dir, import_scope=None): imports the MetaGraphDef tagged exactly `tags`
 * into `sess.graph`, restores the variables and runs the main op (or legacy init op). Returns the MetaGraphDef.
 */
export function load(
  sess: Session,
  tags: readonly string[],
  exportDir: string,
  options: LoadOptions = {},
): MetaGraphDef {
  const fs = requireFileSystem(sess.fileSystem, "tf.savedModel.loader.load");
  const model = parseSavedModel(exportDir, fs);
  const wanted = new Set(tags);
  const metaGraphs = model.metaGraphs ?? [];
  const meta = metaGraphs.find((m) => {
    const have = new Set(m.metaInfoDef?.tags ?? []);
    return have.size === wanted.size && [...wanted].every((t) => have.has(t));
  });
  if (!meta) {
    // loader_impl.py: SavedModelLoader.get_meta_graph_def_from_tags
    const available = metaGraphs.map((m) => pyList(m.metaInfoDef?.tags ?? []));
    throw new RuntimeError(
      `MetaGraphDef associated with tags ${pyList(tags).slice(1, -1)} could not be found in SavedModel. To inspect available tag-sets in the SavedModel, please use the SavedModel CLI: \`saved_model_cli\`\navailable_tags: [${available.join(", ")}]`,
    );
  }
  const graph = sess.graph;
  const saver = importMetaGraph(meta, { graph, importScope: options.importScope, fileSystem: fs });
  if (saver) saver.restore(sess, fs.join(exportDir, VARIABLES_DIRECTORY, VARIABLES_FILENAME));
  // loader_impl.py: get_init_op: the main op, else the legacy init op.
  // loader_impl.py: run_init_ops: the asset tensors fed the paths of the files under this directory's assets/.
  const assetTensors = getAssetTensors(fs, exportDir, meta, options.importScope);
  for (const key of [MAIN_OP_KEY, LEGACY_INIT_OP_KEY]) {
    const ops = graph.getCollection(key);
    if (ops.length > 0) {
      sess.run([ops[0]] as never, assetTensors);
      break;
    }
  }
  return meta;
}
