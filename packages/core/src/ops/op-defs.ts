// The op table: every TF op type scopeflow builds, imports or runs, declared once in its family's *-defs.ts and
// merged here. OpType is derived from it; kernel and gradient tables are typed by it.
import type { OpDef } from "../framework/op-def";
import { arrayDefs } from "./array-defs";
import { arrayExtraDefs } from "./array-extra-defs";
import { basicDefs } from "./basic-defs";
import { candidateSamplingDefs } from "./candidate-sampling-defs";
import { controlFlowDefs } from "./control-flow-defs";
import { datasetDefs } from "./dataset-defs";
import { imageDefs } from "./image-defs";
import { ioDefs } from "./io-defs";
import { linalgDefs } from "./linalg-defs";
import { loggingDefs } from "./logging-defs";
import { mathDefs } from "./math-defs";
import { mathSpecialDefs } from "./math-special-defs";
import { matrixDefs } from "./matrix-defs";
import { nnDefs } from "./nn-defs";
import { nnExtraDefs } from "./nn-extra-defs";
import { optimizerUpdateDefs } from "./optimizer-update-defs";
import { reverseDefs } from "./reverse-defs";
import { segmentDefs } from "./segment-defs";
import { sortDefs } from "./sort-defs";
import { spaceDepthDefs } from "./space-depth-defs";
import { sparseDefs } from "./sparse-defs";
import { sparseUpdateDefs } from "./sparse-update-defs";
import { stackDefs } from "./stack-defs";
import { stateDefs } from "./state-defs";
import { tensorArrayDefs } from "./tensor-array-defs";

export const opDefs = {
  ...basicDefs,
  ...mathDefs,
  ...mathSpecialDefs,
  ...matrixDefs,
  ...arrayDefs,
  ...nnDefs,
  ...stateDefs,
  ...ioDefs,
  ...linalgDefs,
  ...controlFlowDefs,
  ...tensorArrayDefs,
  ...sparseUpdateDefs,
  ...candidateSamplingDefs,
  ...reverseDefs,
  ...segmentDefs,
  ...sparseDefs,
  ...stackDefs,
  ...datasetDefs,
  ...imageDefs,
  ...loggingDefs,
  ...optimizerUpdateDefs,
  ...nnExtraDefs,
  ...sortDefs,
  ...arrayExtraDefs,
  ...spaceDepthDefs,
};

export type OpType = keyof typeof opDefs;

/** The def of a TF op type, or undefined for a type scopeflow does not know (never through the prototype chain). */
export function opDefFor(type: string): OpDef | undefined {
  return Object.hasOwn(opDefs, type) ? opDefs[type as OpType] : undefined;
}
