// The one place that binds core's file calls to a runtime's FileSystem, so @scopeflow/node (the disk) and
// @scopeflow/browser (an in-memory file map) expose `tf.train`, `tf.summary`, `tf.io` and `tf.tools` needing no fs argument.

import type { Tensor } from "../framework/tensor";
import * as io from "../graphdef/tf-io";
import type { FileSystem } from "../io/file-system";
import type { MetaGraphDef } from "../proto/types";
import type { SummaryIteratorOptions } from "../summary/summary-iterator";
import * as summary from "../summary/tf-summary";
import * as tools from "../tools/index";
import * as train from "../train/index";
import * as savedModel from "../train/saved-model/index";
import type { Variable } from "../variables/variable";

/** `tf.train`, `tf.summary`, `tf.io` and `tf.tools` with every file call bound to `fs` (FileWriter is bound by the runtime). */
export function bindFileCalls(fs: FileSystem) {
  const writeGraph = (
    graphOrDef: Parameters<typeof train.writeGraph>[0],
    logdir: string,
    name: string,
    asText = true,
  ) => train.writeGraph(graphOrDef, logdir, name, asText, fs);
  const summaryIterator = (path: string, options?: SummaryIteratorOptions) =>
    summary.summaryIterator(path, fs, options);
  function checkpointDoctor(
    saverOrVarList: tools.GraphDoctorInput,
    checkpointPrefix: string,
  ): tools.CheckpointDoctorReport<Variable | Tensor>;
  function checkpointDoctor(metaGraphDef: MetaGraphDef, checkpointPrefix: string): tools.CheckpointDoctorReport<string>;
  function checkpointDoctor(input: tools.DoctorInput, checkpointPrefix: string): tools.CheckpointDoctorReport {
    return tools.checkpointDoctor(input as MetaGraphDef, checkpointPrefix, fs);
  }
  /** builder_impl.py: SavedModelBuilder(export_dir), its folder checked and created on `fs` now, as TF does. */
  class Builder extends savedModel.Builder {
    constructor(exportDir: string) {
      super(exportDir, fs);
    }
  }
  return {
    savedModel: {
      ...savedModel,
      Builder: Builder as typeof savedModel.Builder,
      simpleSave: (...args: Parameters<typeof savedModel.simpleSave>) =>
        savedModel.simpleSave(args[0], args[1], args[2], args[3], args[4], args[5] ?? fs),
    },
    train: {
      ...train,
      latestCheckpoint: (dir: string, latestFilename?: string) => train.latestCheckpoint(dir, fs, latestFilename),
      getCheckpointState: (dir: string, latestFilename?: string) => train.getCheckpointState(dir, fs, latestFilename),
      listVariables: (ckptDirOrFile: string) => train.listVariables(ckptDirOrFile, fs),
      loadVariable: (ckptDirOrFile: string, name: string) => train.loadVariable(ckptDirOrFile, name, fs),
      NewCheckpointReader: (filepattern: string) => train.NewCheckpointReader(filepattern, fs),
      initFromCheckpoint: (ckptDirOrFile: string, assignmentMap: train.AssignmentMap) =>
        train.initFromCheckpoint(ckptDirOrFile, assignmentMap, fs),
      writeGraph,
      exportMetaGraph: (filename?: string | null, options: Parameters<typeof train.exportMetaGraph>[1] = {}) =>
        train.exportMetaGraph(filename, { fileSystem: fs, ...options }),
      importMetaGraph: (
        fileOrDef: Parameters<typeof train.importMetaGraph>[0],
        options: Parameters<typeof train.importMetaGraph>[1] = {},
      ) => train.importMetaGraph(fileOrDef, { fileSystem: fs, ...options }),
      summaryIterator,
    },
    summary: { ...summary, summaryIterator },
    io: { ...io, writeGraph },
    tools: {
      ...tools,
      checkpointDoctor,
      checkpointEntries: (ckptDirOrPrefix: string) => tools.checkpointEntries(ckptDirOrPrefix, fs),
      writeNameLock: (path: string, graph?: tools.GraphOrDef) => tools.writeNameLock(path, graph, fs),
      checkNameLock: (path: string, graph?: tools.GraphOrDef) => tools.checkNameLock(path, graph, fs),
    },
  };
}

export type BoundFileCalls = ReturnType<typeof bindFileCalls>;
