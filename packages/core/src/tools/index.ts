// tf.tools: scopeflow's scope tools (no TF equivalent). src/index.ts exports this module as the `tools` namespace;
// the runtimes bind its file calls (runtime/bind-file-calls.ts).

export { type PrintSink, setPrintSink } from "../kernels/reference/logging";
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
export { type ExplainStep, type Explanation, explainName, type StepKind } from "./explain-name";
export { type GraphOrDef, type VariableRecord, variablesOf } from "./graph-variables";
export { captureCallSites, type LintFinding, type LintRule, lint, setStrict } from "./lint";
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
export { type ScopeNode, type ScopeTrees, scopeTrees } from "./scope-trees";
export {
  type SharingFinding,
  type SharingFindingKind,
  type SharingPlace,
  type SharingRow,
  sharingAudit,
} from "./sharing-audit";
export { type SlotInfo, type SlotRow, slotOwnership } from "./slot-ownership";
