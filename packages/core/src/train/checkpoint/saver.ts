// python/training/saver.py: Saver (V2): save, restore, the checkpoint state and max_to_keep over the `save/` ops
// saver-builder.ts builds. Files go through the Session's FileSystem.
import { NotFoundError, OpError, ValueError } from "../../errors";
import { type Graph, getDefaultGraph, type TensorConvertible } from "../../framework/graph";
import { GraphKeys } from "../../framework/graph-keys";
import type { Operation } from "../../framework/operation";
import type { Tensor } from "../../framework/tensor";
import { encodeMetaGraphDef } from "../../graphdef/graphdef-codec";
import { exportMetaGraph } from "../../graphdef/meta-graph";
import type { FileSystem } from "../../io/file-system";
import { FileTransaction } from "../../io/replace-files";
import { useFileKernels } from "../../kernels/reference/file-kernels";
import type { MetaGraphDef, SaverDef } from "../../proto/types";
import type { Session } from "../../session/session";
import {
  checkpointExists,
  metaGraphFilename,
  removeCheckpoint,
  requireFileSystem,
  updateCheckpointState,
} from "./checkpoint-management";
import { buildSaverDef, type Saveable, saveSpecs, type VarList } from "./saver-builder";

export type { Saveable, VarList } from "./saver-builder";

export interface SaverOptions {
  /** How many recent checkpoints to keep (older ones are deleted); 0 or null keeps all. Default 5. */
  maxToKeep?: number | null;
  keepCheckpointEveryNHours?: number;
  /** The name scope of the `save/` ops (default "save", uniquified). */
  name?: string;
  /** An existing SaverDef (as importMetaGraph passes): no ops are built. */
  saverDef?: SaverDef;
  /** With no variables: a Saver that does nothing instead of an error. */
  allowEmpty?: boolean;
  /** The graph whose ops an existing `saverDef` names (default: the default graph). */
  graph?: Graph;
  /** saver.py: `sharded`: a shard per device, merged into one checkpoint (MergeV2Checkpoints). */
  sharded?: boolean;
}

export interface SaveOptions {
  /** Appended to the path as `-<step>`: a number, or a tensor/variable whose value the session reads. */
  globalStep?: number | bigint | Tensor | TensorConvertible;
  latestFilename?: string;
  metaGraphSuffix?: string;
  writeMetaGraph?: boolean;
  writeState?: boolean;
}

/** saver.py: Saver. */
export class Saver {
  readonly saverDef: SaverDef;
  readonly graph: Graph;
  private readonly empty: boolean;
  private last: string[] = [];

  constructor(varList?: VarList | null, options: SaverOptions = {}) {
    // The SaverDef's ops may be run directly (sess.run(saverDef.saveTensorName, ...)), not only through save/restore.
    useFileKernels();
    const maxToKeep = options.maxToKeep === undefined ? 5 : options.maxToKeep;
    if (options.saverDef) {
      this.graph = options.graph ?? getDefaultGraph();
      this.saverDef = { ...options.saverDef };
      this.empty = false;
      return;
    }
    const graph = getDefaultGraph();
    const list: VarList = varList ?? [
      ...graph.getCollection<Saveable>(GraphKeys.GLOBAL_VARIABLES),
      ...graph.getCollection<Saveable>(GraphKeys.SAVEABLE_OBJECTS),
    ];
    const entries = saveSpecs(list);
    if (entries.length === 0) {
      if (!options.allowEmpty) {
        // saver.py: Saver.build
        throw new ValueError("No variables to save");
      }
      this.graph = graph;
      this.saverDef = { maxToKeep: maxToKeep ?? 0, version: "V2" };
      this.empty = true;
      return;
    }
    this.graph = entries[0].variable.graph;
    this.saverDef = buildSaverDef(this.graph, entries, { ...options, maxToKeep });
    this.empty = false;
  }

  /** saver.py: Saver.last_checkpoints: the kept checkpoint prefixes, oldest first. */
  get lastCheckpoints(): string[] {
    return [...this.last];
  }

  /** saver.py: Saver.set_last_checkpoints */
  setLastCheckpoints(paths: readonly string[]): void {
    this.last = [...paths];
  }

  private fileSystemOf(sess: Session): FileSystem {
    return requireFileSystem(sess.fileSystem, "Saver (through its Session)");
  }

  /**
   * saver.py: Saver.save(sess, save_path, global_step=None, ...): runs `save/SaveV2`, then writes the `checkpoint`
   * state (paths relative to its folder), deletes checkpoints beyond max_to_keep and writes `<prefix>.meta`.
   * Returns the checkpoint prefix.
   */
  save(sess: Session, savePath: string, options: SaveOptions = {}): string | null {
    if (this.empty) return null;
    const fs = this.fileSystemOf(sess);
    const latestFilename = options.latestFilename ?? "checkpoint";
    let checkpointFile = savePath;
    if (options.globalStep !== undefined && options.globalStep !== null) {
      const step =
        typeof options.globalStep === "number" || typeof options.globalStep === "bigint"
          ? options.globalStep
          : (sess.run(options.globalStep as Tensor).item() as number | bigint);
      checkpointFile = `${savePath}-${step}`;
    } else if (fs.basename(savePath) === latestFilename) {
      // saver.py: Saver.save
      throw new ValueError(`'latest_filename' collides with 'save_path': '${latestFilename}' and '${savePath}'`);
    }
    const saveDir = fs.dirname(savePath);
    // One change for the bundle SaveV2 (or MergeV2Checkpoints) writes, the .meta and the `checkpoint` state: each
    // is only staged (the bundle while the save op runs), then all are renamed into place in that order, the state
    // file last (saver.py writes it before the .meta). A failure at any step puts the previous checkpoint at this
    // prefix back, .meta included, and leaves `checkpoint` as it was.
    const statePath = fs.join(saveDir, latestFilename);
    const tx = new FileTransaction(fs, (path) => path.startsWith(`${checkpointFile}.`) || path === statePath);
    const last = [...this.last];
    let expired: string[] = [];
    let modelCheckpointPath: string;
    try {
      modelCheckpointPath = tx.during(() => this.runSave(sess, fs, savePath, checkpointFile));
      if (options.writeMetaGraph ?? true) {
        const meta = encodeMetaGraphDef(this.exportMetaGraph());
        tx.stage([[metaGraphFilename(checkpointFile, options.metaGraphSuffix), meta]]);
      }
      if (options.writeState ?? true) {
        expired = this.recordLastCheckpoint(modelCheckpointPath);
        const all = this.last;
        tx.during(() => updateCheckpointState(saveDir, modelCheckpointPath, all, fs, latestFilename));
      }
      tx.commit();
    } catch (error) {
      tx.rollback();
      this.last = last;
      throw error;
    }
    tx.finish();
    // Old checkpoints are deleted only once `checkpoint` names this one.
    for (const oldest of expired) removeCheckpoint(oldest, fs, options.metaGraphSuffix);
    return modelCheckpointPath;
  }

  /** Runs the save tensor fed with `checkpointFile`; the prefix it returns. */
  private runSave(sess: Session, fs: FileSystem, savePath: string, checkpointFile: string): string {
    try {
      const result = sess.run(this.saverDef.saveTensorName as string, {
        [this.saverDef.filenameTensorName as string]: checkpointFile,
      });
      return new TextDecoder().decode(result?.item() as Uint8Array);
    } catch (error) {
      if (OpError.isInstance(error) && !fs.isDirectory(fs.dirname(savePath) || ".")) {
        // saver.py: Saver.save
        throw new ValueError(`Parent directory of ${savePath} doesn't exist, can't save.`);
      }
      throw error;
    }
  }

  /** saver.py: Saver._RecordLastCheckpoint; returns the prefixes beyond max_to_keep (_MaybeDeleteOldCheckpoints). */
  private recordLastCheckpoint(path: string): string[] {
    const maxToKeep = this.saverDef.maxToKeep ?? 0;
    if (!maxToKeep) return [];
    this.last = this.last.filter((p) => p !== path);
    this.last.push(path);
    return this.last.splice(0, Math.max(0, this.last.length - maxToKeep));
  }

  /**
   * saver.py: Saver.restore(sess, save_path): runs `save/restore_all` fed with the prefix. A key missing from the
   * checkpoint is a NotFoundError listing the missing keys and the ones there are.
   */
  restore(sess: Session, savePath: string): void {
    if (this.empty) return;
    if (savePath === null || savePath === undefined) {
      // saver.py: Saver.restore
      throw new ValueError("Can't load save_path when it is None.");
    }
    const fs = this.fileSystemOf(sess);
    if (!checkpointExists(savePath, fs)) {
      // saver.py: Saver.restore
      throw new ValueError(`The passed save_path is not a valid checkpoint: ${savePath}`);
    }
    try {
      sess.run(this.saverDef.restoreOpName as string, { [this.saverDef.filenameTensorName as string]: savePath });
    } catch (error) {
      if (NotFoundError.isInstance(error)) {
        // saver.py: _wrap_restore_error_with_msg
        throw new NotFoundError(
          `Restoring from checkpoint failed. This is most likely due to a Variable name or other graph key that is missing from the checkpoint. Please ensure that you have not altered the graph expected based on the checkpoint. Original error:\n\n${(error as Error).message}`,
        );
      }
      throw error;
    }
  }

  /** saver.py: Saver.export_meta_graph: this graph with its collections and this SaverDef. */
  exportMetaGraph(
    filename?: string | null,
    options: { fileSystem?: FileSystem; collectionList?: readonly string[]; asText?: boolean } = {},
  ): MetaGraphDef {
    return exportMetaGraph(filename, { ...options, graph: this.graph, saverDef: this.saverDef });
  }

  /** The operation `save/restore_all` (for `sess.run`). */
  get restoreOp(): Operation {
    return this.graph.getOperationByName(this.saverDef.restoreOpName as string);
  }
}
