// scope tools (no TF equivalent): tf.tools.lint, setStrict and captureCallSites. The rules run inside the calls that
// break them (framework/scope-lint.ts); lint() returns what they found plus the checks only a whole graph allows.

import { setCaptureCallSites } from "../framework/call-site";
import { type Graph, getDefaultGraph } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import { lintMessages } from "../framework/lint-messages";
import { Operation } from "../framework/operation";
import { type LintFinding, recordedFindings, setStrictMode, unmetUpdateOps } from "../framework/scope-lint";

export type { LintRule } from "../framework/lint-messages";
export type { LintFinding } from "../framework/scope-lint";

/**
 * tf.tools.lint(graph?): the findings of the graph's calls so far (getVariable under a bare name scope, new
 * tf.Variable in a reuse scope, minimize under reuse: true, reuse: false under a reuse scope, a getCollection filter
 * matching a sibling scope), then UPDATE_OPS that no train op depends on.
 */
export function lint(graph: Graph = getDefaultGraph()): LintFinding[] {
  const findings = recordedFindings(graph).filter((f) => f.rule !== "updateOpsNotDependedOn");
  const trainOps = graph.getCollection(GraphKeys.TRAIN_OP).filter((op): op is Operation => op instanceof Operation);
  const unmet = unmetUpdateOps(graph, trainOps);
  if (unmet.length > 0) {
    const names = unmet.map((op) => op.name);
    findings.push({
      rule: "updateOpsNotDependedOn",
      message: lintMessages.updateOpsNotDependedOn(names),
      where: { name: names[0] },
    });
  }
  return findings;
}

/**
 * tf.tools.setStrict(on): each rule also reports as one console.warn(message) inside the offending call. What TF1
 * does (its names, its errors) does not change.
 */
export function setStrict(on: boolean): void {
  setStrictMode(on);
}

/**
 * tf.tools.captureCallSites(on): record the user's "file:line" for each scope, getVariable and op made from now on
 * (explainName steps, sharingAudit places and lint findings show it). Off by default: each capture takes a stack trace.
 */
export function captureCallSites(on: boolean): void {
  setCaptureCallSites(on);
}
