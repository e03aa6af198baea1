// saved_model/builder_impl.py, simple_save.py (TF 1.15): SavedModelBuilder.add_meta_graph_and_variables,
// add_meta_graph and save, writing `variables/variables.{index,data-00000-of-00001}`, the assets (`assets/`,
// saved_model/assets.ts) and `saved_model.pb` (or `.pbtxt`), each file whole.
import { AssertionError, ValueError } from "../../errors";
import { type Graph, getDefaultGraph } from "../../framework/graph";
import type { Tensor } from "../../framework/tensor";
import { createMetaGraphDef } from "../../graphdef/meta-graph";
import type { FileSystem } from "../../io/file-system";
import { encodeMessage } from "../../proto/codec";
import { printTextMessage } from "../../proto/text-format";
import type { MetaGraphDef, SavedModel } from "../../proto/types";
import type { Session } from "../../session/session";
import { requireFileSystem } from "../checkpoint/checkpoint-management";
import { Saver } from "../checkpoint/saver";
import { type AnyProto, ASSETS_KEY, assetFileDefAny, copyAssetsToDestinationDir, maybeSaveAssets } from "./assets";
import { predictSignatureDef, type SignatureDef, signatureConstants, tagConstants } from "./signature";

/** constants.py */
export const SAVED_MODEL_SCHEMA_VERSION = 1;
export const SAVED_MODEL_FILENAME_PB = "saved_model.pb";
export const SAVED_MODEL_FILENAME_PBTXT = "saved_model.pbtxt";
export const VARIABLES_DIRECTORY = "variables";
export const VARIABLES_FILENAME = "variables";
export const MAIN_OP_KEY = "saved_model_main_op";
export const LEGACY_INIT_OP_KEY = "legacy_init_op";

export interface AddMetaGraphOptions {
  signatureDefMap?: Record<string, SignatureDef>;
  /**
   * String Consts holding the paths of asset files (often the graph's `asset_filepaths` collection): each file is
   * copied into `assets/` and recorded (an AssetFileDef) in the `saved_model_assets` collection.
   */
  assetsCollection?: readonly Tensor[];
  /** An op run after restoring (`saved_model_main_op`), as TF's main_op. */
  mainOp?: { name: string };
  legacyInitOp?: { name: string };
  clearDevices?: boolean;
  saver?: Saver;
}

export type AddMetaGraphAndVariablesOptions = AddMetaGraphOptions;

/** builder_impl.py: _validate_tensor_info, over each signature's inputs and outputs. */
function validateSignatureDefMap(map: Record<string, SignatureDef>): void {
  for (const signature of Object.values(map)) {
    for (const info of [...Object.values(signature.inputs ?? {}), ...Object.values(signature.outputs ?? {})]) {
      if (!info.name && !info.cooSparse) {
        throw new AssertionError(
          "All TensorInfo protos used in the SignatureDefs must have the name and dtype fields set.",
        );
      }
    }
  }
}

/**
 * builder_impl.py: SavedModelBuilder(export_dir): a folder that must be missing or empty (it is created), then
 * `addMetaGraphAndVariables` once and `save`. The file system is the session's (node and browser bind one here).
 */
export class Builder {
  private readonly savedModel: { savedModelSchemaVersion: number; metaGraphs: MetaGraphDef[] } = {
    savedModelSchemaVersion: SAVED_MODEL_SCHEMA_VERSION,
    metaGraphs: [],
  };
  private hasSavedVariables = false;
  private fs: FileSystem | undefined;

  constructor(
    readonly exportDir: string,
    fileSystem?: FileSystem,
  ) {
    this.fs = fileSystem;
    if (fileSystem) this.prepareDir(fileSystem);
  }

  private prepareDir(fs: FileSystem): void {
    if (fs.exists(this.exportDir)) {
      if (fs.isDirectory(this.exportDir) && fs.listDir(this.exportDir).length > 0) {
        throw new AssertionError(
          `Export directory already exists, and isn't empty. Please choose a different export directory, or delete all the contents of the specified directory: ${this.exportDir}`,
        );
      }
    } else fs.makeDirs(this.exportDir);
  }

  private fileSystem(sess?: Session): FileSystem {
    if (!this.fs) {
      this.fs = requireFileSystem(sess?.fileSystem, "tf.savedModel.Builder");
      this.prepareDir(this.fs);
    }
    return this.fs;
  }

  /**
   * builder_impl.py: add_meta_graph_and_variables(sess, tags, signature_def_map=None, ...): saves the variables
   * to `variables/variables` (no checkpoint state, no .meta) and adds the graph's MetaGraphDef with `tags` and
   * the signatures.
   */
  addMetaGraphAndVariables(
    sess: Session,
    tags: readonly string[],
    options: AddMetaGraphAndVariablesOptions = {},
  ): void {
    if (this.hasSavedVariables) {
      throw new AssertionError(
        "Graph state including variables and assets has already been saved. Please invoke `add_meta_graph()` instead.",
      );
    }
    const signatureDefMap = options.signatureDefMap ?? {};
    validateSignatureDefMap(signatureDefMap);
    const fs = this.fileSystem(sess);
    const graph = sess.graph;
    this.addCollections(fs, graph, options);
    const variablesDir = fs.join(this.exportDir, VARIABLES_DIRECTORY);
    fs.makeDirs(variablesDir);
    const saver = options.saver ?? graph.asDefault(() => new Saver(null, { allowEmpty: true }));
    saver.save(sess, fs.join(variablesDir, VARIABLES_FILENAME), { writeMetaGraph: false, writeState: false });
    this.tagAndAddMetaGraph(graph, saver, tags, signatureDefMap, options.clearDevices);
    this.hasSavedVariables = true;
  }

  /**
   * builder_impl.py: add_meta_graph(tags, signature_def_map=None, assets_collection=None, ...): one more MetaGraphDef
   * of the (default) graph, sharing the variables already saved.
   */
  addMetaGraph(tags: readonly string[], options: AddMetaGraphOptions & { graph?: Graph } = {}): void {
    if (!this.hasSavedVariables) {
      throw new AssertionError(
        "Graph state including variables and assets has not been saved yet. Please invoke `add_meta_graph_and_variables()` first.",
      );
    }
    const signatureDefMap = options.signatureDefMap ?? {};
    validateSignatureDefMap(signatureDefMap);
    const graph = options.graph ?? getDefaultGraph();
    this.addCollections(this.fileSystem(), graph, options);
    const saver = options.saver ?? graph.asDefault(() => new Saver(null, { allowEmpty: true }));
    this.tagAndAddMetaGraph(graph, saver, tags, signatureDefMap, options.clearDevices);
  }

  /** builder_impl.py: SavedModelBuilder._add_collections: the assets, then the main op. */
  private addCollections(fs: FileSystem, graph: Graph, options: AddMetaGraphOptions): void {
    const mainOpArg = options.mainOp ?? options.legacyInitOp;
    // builder_impl.py: _maybe_add_main_op: a main or legacy init op already in the graph is an error (checked, and
    // the op looked up, before the assets are copied, so that a refused call leaves no files behind).
    if (mainOpArg) {
      for (const key of [MAIN_OP_KEY, LEGACY_INIT_OP_KEY]) {
        if (graph.getCollection(key).length > 0) {
          throw new ValueError(`Graph already contains one or more main ops under the collection ${key}.`);
        }
      }
    }
    const mainOp = mainOpArg ? graph.getOperationByName(mainOpArg.name) : null;
    // builder_impl.py: _save_and_write_assets
    const records: AnyProto[] = [];
    const filenameMap = maybeSaveAssets(
      fs,
      (filename, tensor) => records.push(assetFileDefAny(filename, tensor)),
      options.assetsCollection,
    );
    for (const record of records) graph.addToCollection(ASSETS_KEY, record);
    if (filenameMap.size > 0) copyAssetsToDestinationDir(fs, filenameMap, this.exportDir);
    if (mainOp) graph.addToCollection(MAIN_OP_KEY, mainOp);
  }

  /** builder_impl.py: saver.export_meta_graph then _tag_and_add_meta_graph. */
  private tagAndAddMetaGraph(
    graph: Graph,
    saver: Saver,
    tags: readonly string[],
    signatureDefMap: Record<string, SignatureDef>,
    clearDevices?: boolean,
  ): void {
    const meta = createMetaGraphDef({ graph, saverDef: saver.saverDef });
    if (clearDevices) for (const node of meta.graphDef?.node ?? []) node.device = "";
    meta.metaInfoDef = { ...meta.metaInfoDef, tags: [...tags] };
    if (Object.keys(signatureDefMap).length > 0) meta.signatureDef = { ...signatureDefMap };
    this.savedModel.metaGraphs.push(meta);
  }

  /** builder_impl.py: save(as_text=False): writes `saved_model.pb` (or `.pbtxt`) whole; returns its path. */
  save(options: { asText?: boolean } = {}): string {
    const fs = this.fileSystem();
    const model = this.savedModel as SavedModel;
    if (options.asText) {
      const path = fs.join(this.exportDir, SAVED_MODEL_FILENAME_PBTXT);
      fs.writeFileAtomic(path, new TextEncoder().encode(printTextMessage("SavedModel", model)));
      return path;
    }
    const path = fs.join(this.exportDir, SAVED_MODEL_FILENAME_PB);
    fs.writeFileAtomic(path, encodeMessage("SavedModel", model));
    return path;
  }
}

/**
 * simple_save.py: simple_save(session, export_dir, inputs, outputs, legacy_init_op=None): one MetaGraphDef tagged
 * `serve` with a predict signature under `serving_default`, devices cleared.
 */
export function simpleSave(
  sess: Session,
  exportDir: string,
  inputs: Record<string, Tensor>,
  outputs: Record<string, Tensor>,
  legacyInitOp?: { name: string },
  fileSystem?: FileSystem,
): void {
  const signatureDefMap = {
    [signatureConstants.DEFAULT_SERVING_SIGNATURE_DEF_KEY]: predictSignatureDef(inputs, outputs),
  };
  const b = new Builder(exportDir, fileSystem ?? requireFileSystem(sess.fileSystem, "tf.savedModel.simpleSave"));
  b.addMetaGraphAndVariables(sess, [tagConstants.SERVING], {
    signatureDefMap,
    mainOp: legacyInitOp,
    clearDevices: true,
  });
  b.save();
}
