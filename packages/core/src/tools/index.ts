// tf.tools: the scope tools (beyond TF1). src/index.ts exports this module as the `tools` namespace; the runtimes
// bind its file calls (runtime/bind-file-calls.ts).

export {
  type CheckpointDoctorReport,
  checkpointDoctor,
  type DoctorInput,
  type DtypeMismatch,
  type GraphDoctorInput,
  type ProposedMatch,
  type ShapeMismatch,
} from "./checkpoint-doctor";
export { type CheckpointContents, type CheckpointEntry, checkpointEntries } from "./checkpoint-entries";
export { type GraphOrDef, type VariableRecord, variablesOf } from "./graph-variables";
export {
  checkNameLock,
  compareNameLocks,
  formatNameLock,
  type LockedVariable,
  type LockField,
  type NameLock,
  type NameLockChange,
  type NameLockCheck,
  nameLock,
  parseNameLock,
  writeNameLock,
} from "./name-lock";
export { type MatchKind, matchNames, type NamedEntry, type NameMatch, type NameMatching } from "./name-matching";
