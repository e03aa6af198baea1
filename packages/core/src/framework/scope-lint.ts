// scopeflow's scope lint (no TF equivalent): the checks that run inside the offending call (getVariable, variableScope,
// new tf.Variable, getCollection, minimize). Findings are kept per graph for tf.tools.lint(); strict mode also warns.

import { callSite, callSitesCaptured } from "./call-site";
import type { Graph } from "./graph";
import { GraphKeys } from "./graph-keys";
import { type LintRule, lintMessages } from "./lint-messages";
import { GetVariableFrame, NameScopeFrame, nameRecordOf, VariableScopeFrame } from "./name-record";
import { Operation } from "./operation";
import { Tensor } from "./tensor";

export interface LintFinding {
  rule: LintRule;
  message: string;
  where: { name: string; site?: string };
}

let strict = false;

/** tf.tools.setStrict: each finding is also a console.warn(message) inside the call that caused it. */
export function setStrictMode(on: boolean): void {
  strict = on;
}

export function strictMode(): boolean {
  return strict;
}

const findingsByGraph = new WeakMap<Graph, LintFinding[]>();
/** Depth of library code making variables on purpose (an optimizer's beta1_power): no findings there. */
const quietGraphs = new WeakMap<Graph, number>();

/** The findings recorded in `graph`'s calls so far, each once per rule, name and call site. */
export function recordedFindings(graph: Graph): LintFinding[] {
  return [...(findingsByGraph.get(graph) ?? [])];
}

/** Runs `body` without findings: scopeflow's own code doing on purpose what the rules flag in user code. */
export function withoutLint<T>(graph: Graph, body: () => T): T {
  quietGraphs.set(graph, (quietGraphs.get(graph) ?? 0) + 1);
  try {
    return body();
  } finally {
    quietGraphs.set(graph, (quietGraphs.get(graph) ?? 1) - 1);
  }
}

/** Records a finding (kept even if the call then fails) and, in strict mode, warns it. */
export function reportLint(graph: Graph, rule: LintRule, name: string, message: string, site?: string): void {
  if ((quietGraphs.get(graph) ?? 0) > 0) return;
  const where = site ?? (callSitesCaptured() ? callSite() : undefined);
  const finding: LintFinding = {
    rule,
    message: where ? message + lintMessages.at(where) : message,
    where: where ? { name, site: where } : { name },
  };
  let list = findingsByGraph.get(graph);
  if (!list) {
    list = [];
    findingsByGraph.set(graph, list);
  }
  // Once per rule, name and call site: a loop repeating the mistake is one finding (strict mode warns each time).
  if (!list.some((f) => f.rule === rule && f.where.name === name && f.where.site === finding.where.site)) {
    list.push(finding);
  }
  if (strict) console.warn(finding.message);
}

/** tf.getVariable inside a name scope that no variable scope opened: that name scope does not prefix the variable. */
export function checkGetVariable(graph: Graph, frame: GetVariableFrame): void {
  let bare: NameScopeFrame | null = null;
  for (let f = frame.parent; f; f = f.parent) {
    if (f instanceof VariableScopeFrame || f instanceof GetVariableFrame) break;
    if (!(f instanceof NameScopeFrame)) continue;
    if (!f.requested || f.requested.endsWith("/")) break;
    bare ??= f;
  }
  if (!bare || !frame.nameScope) return;
  const message = lintMessages.getVariableUnderNameScope(
    frame.requested,
    frame.fullName,
    frame.nameScope,
    bare.requested as string,
    frame.variableScope,
  );
  reportLint(graph, "getVariableUnderNameScope", frame.fullName, message, frame.site);
}

/** `new tf.Variable` (not through getVariable): notes its scope and reuse; inside a reuse scope it is a finding. */
export function noteNewVariable(graph: Graph, variable: Operation): void {
  const record = nameRecordOf(graph);
  if (record.insideGetVariable()) return;
  const { name, reuse } = record.currentVariableScope();
  const site = callSitesCaptured() ? callSite() : undefined;
  record.newVariables.set(variable, { variableScope: name, reuse, nameScope: graph.getNameScope(), site });
  if (reuse !== false) {
    reportLint(
      graph,
      "variableInReuseScope",
      variable.name,
      lintMessages.variableInReuseScope(variable.name, name, reuse),
      site,
    );
  }
}

/** Graph.getCollection(key, scope): a filter that also takes in a sibling scope (`tower` matching `tower_1/w:0`). */
export function checkCollectionFilter(graph: Graph, key: string, scope: string, regex: RegExp, names: string[]): void {
  if (!scope || scope.endsWith("/")) return;
  for (const name of names) {
    const matched = regex.exec(name)?.[0] ?? "";
    const rest = name.slice(matched.length);
    if (rest === "" || rest.startsWith("/") || rest.startsWith(":") || matched.endsWith("/")) continue;
    reportLint(
      graph,
      "collectionPrefixMatchesSibling",
      scope,
      lintMessages.collectionPrefixMatchesSibling(key, scope, name),
    );
    return;
  }
}

/** The ops of UPDATE_OPS that no train op (nor anything depending on a train op) depends on. */
export function unmetUpdateOps(graph: Graph, trainOps: readonly Operation[]): Operation[] {
  const updates = graph
    .getCollection(GraphKeys.UPDATE_OPS)
    .map((u) => (u instanceof Tensor ? u.op : u))
    .filter((u): u is Operation => u instanceof Operation);
  if (updates.length === 0 || trainOps.length === 0) return [];
  // Roots: the train ops and every op downstream of one (a tf.group(train, updates) counts).
  const roots = new Set<Operation>(trainOps);
  for (const op of graph.getOperations()) {
    if ([...op.inputs.map((t) => t.op), ...op.controlInputs].some((i) => roots.has(i))) roots.add(op);
  }
  const reached = new Set<Operation>();
  const stack = [...roots];
  while (stack.length > 0) {
    const op = stack.pop() as Operation;
    if (reached.has(op)) continue;
    reached.add(op);
    for (const t of op.inputs) stack.push(t.op);
    stack.push(...op.controlInputs);
  }
  return updates.filter((u) => !reached.has(u));
}

/** Strict mode, inside minimize(): UPDATE_OPS the new train op does not depend on. */
export function checkUpdateOps(graph: Graph, trainOp: Operation): void {
  if (!strict) return;
  const unmet = unmetUpdateOps(graph, [trainOp]);
  if (unmet.length === 0) return;
  const names = unmet.map((o) => o.name);
  reportLint(graph, "updateOpsNotDependedOn", names[0], lintMessages.updateOpsNotDependedOn(names));
}
