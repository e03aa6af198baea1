// Public API of src/tools, exported by src/index.ts as the `tools` namespace (`tf.tools.explainName`): scopeflow's
// scope tools (no TF equivalent). Other tools add their members with a line each here.

export { type ExplainStep, type Explanation, explainName, type StepKind } from "./explain-name";
export { captureCallSites, type LintFinding, type LintRule, lint, setStrict } from "./lint";
export { type ScopeNode, type ScopeTrees, scopeTrees } from "./scope-trees";
export {
  type SharingFinding,
  type SharingFindingKind,
  type SharingPlace,
  type SharingRow,
  sharingAudit,
} from "./sharing-audit";
export { type SlotInfo, type SlotRow, slotOwnership } from "./slot-ownership";
