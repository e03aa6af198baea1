// scope tools (no TF equivalent): tf.tools.sharingAudit, where each variable was made and every getVariable that
// reused it (variable_scope.py: _VariableStore), with the sharing mistakes TF1 lets through.
import { type Graph, getDefaultGraph } from "../framework/graph";
import { GetVariableFrame, NameScopeFrame, nameRecordOf, type ReuseValue } from "../framework/name-record";
import type { Operation } from "../framework/operation";
import { shapeToString } from "../framework/shape";
import { opDefs } from "../ops/op-defs";
import { auditText } from "./tool-messages";

/** A call that made or reused a variable: its variable scope (and the name scope it ignored), reuse, and site. */
export interface SharingPlace {
  scope: string;
  nameScope: string;
  reuse: ReuseValue;
  site?: string;
}

export type SharingFindingKind = "nonSharing" | "autoReuse" | "variableInReuseScope";

export interface SharingFinding {
  kind: SharingFindingKind;
  message: string;
  related: string[];
}

export interface SharingRow {
  /** The variable's op name (`tower/w`), as checkpoints key it. */
  variable: string;
  createdBy: "getVariable" | "Variable" | "unknown";
  createdAt: SharingPlace;
  reusedAt: SharingPlace[];
  findings: SharingFinding[];
}

/**
 * tf.tools.sharingAudit(graph?): one row per variable, in creation order. Findings: variables that look like copies
 * of each other (`tower/w`, `tower_1/w`, one shape, never reused: likely meant to be shared), AUTO_REUSE picking up
 * an existing variable, and `new tf.Variable` inside a reuse scope (never shared).
 */
export function sharingAudit(graph: Graph = getDefaultGraph()): SharingRow[] {
  const record = nameRecordOf(graph);
  const optimizerMade = new Set(record.slots.map((s) => s.variable));
  const variables = graph.getOperations().filter((op) => op.type === opDefs.VariableV2.type);
  const rows = variables.map((op) => rowOf(graph, op));
  const byKey = new Map<string, SharingRow[]>();
  variables.forEach((op, i) => {
    if (optimizerMade.has(op)) return;
    const key = `${stripSuffixes(op.name)} ${shapeToString(op.outputs[0].shape)} ${op.outputs[0].dtype.name}`;
    const list = byKey.get(key) ?? [];
    list.push(rows[i]);
    byKey.set(key, list);
  });
  for (const group of byKey.values()) {
    if (group.length < 2 || group.some((r) => r.reusedAt.length > 0)) continue;
    const shape = shapeToString(variables[rows.indexOf(group[0])].outputs[0].shape);
    for (const row of group) {
      const related = group.filter((r) => r !== row).map((r) => r.variable);
      const message = auditText.nonSharing(row.variable, related, shape, row.createdBy === "Variable");
      row.findings.unshift({ kind: "nonSharing", message, related });
    }
  }
  return rows;
}

function rowOf(graph: Graph, op: Operation): SharingRow {
  const record = nameRecordOf(graph);
  const frame = record.ops.get(op);
  const getter =
    frame instanceof NameScopeFrame &&
    frame.parent instanceof NameScopeFrame &&
    frame.parent.parent instanceof GetVariableFrame
      ? frame.parent.parent
      : null;
  const created = record.newVariables.get(op);
  const dir = op.name.includes("/") ? op.name.slice(0, op.name.lastIndexOf("/")) : "";
  let createdBy: SharingRow["createdBy"] = "unknown";
  let createdAt: SharingPlace = { scope: dir, nameScope: dir, reuse: false };
  if (getter) {
    createdBy = "getVariable";
    createdAt = place(getter);
  } else if (created) {
    createdBy = "Variable";
    createdAt = withSite(
      { scope: created.variableScope, nameScope: created.nameScope, reuse: created.reuse },
      created.site,
    );
  }
  const reusedAt = (record.reuses.get(op) ?? []).map((e) => place(e.frame));
  const findings: SharingFinding[] = [];
  for (const at of reusedAt) {
    if (at.reuse !== "AUTO_REUSE") continue;
    findings.push({ kind: "autoReuse", message: auditText.autoReuse(op.name, at, createdAt), related: [] });
  }
  if (createdBy === "Variable" && createdAt.reuse !== false) {
    findings.push({
      kind: "variableInReuseScope",
      message: auditText.variableInReuseScope(op.name, createdAt),
      related: [],
    });
  }
  return { variable: op.name, createdBy, createdAt, reusedAt, findings };
}

function place(g: GetVariableFrame): SharingPlace {
  return withSite({ scope: g.variableScope, nameScope: g.nameScope, reuse: g.reuse }, g.site);
}

function withSite(p: SharingPlace, site: string | undefined): SharingPlace {
  return site ? { ...p, site } : p;
}

/** `tower_1/w_2` -> `tower/w`: the name with the suffixes uniquification and numbered copies add taken off. */
function stripSuffixes(name: string): string {
  return name
    .split("/")
    .map((part) => part.replace(/_\d+$/, ""))
    .join("/");
}
