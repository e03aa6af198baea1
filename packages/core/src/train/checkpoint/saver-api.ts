// tf.train's file calls (saver.py, checkpoint_management.py, checkpoint_utils.py, graph_io.py, summary_iterator.py),
// gathered for src/train/index.ts.

export { exportMetaGraph } from "../../graphdef/meta-graph";
export { writeGraph } from "../../graphdef/write-graph";
export { summaryIterator } from "../../summary/summary-iterator";
export {
  checkpointExists,
  getCheckpointState,
  latestCheckpoint,
  listVariables,
  loadVariable,
  metaGraphFilename,
  removeCheckpoint,
  updateCheckpointState,
} from "./checkpoint-management";
export { CheckpointReader, NewCheckpointReader } from "./checkpoint-reader";
export { type ImportMetaGraphOptions, importMetaGraph } from "./import-meta-graph";
export { type AssignmentMap, initFromCheckpoint } from "./init-from-checkpoint";
export { type SaveOptions, Saver, type SaverOptions, type VarList } from "./saver";
