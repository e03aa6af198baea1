// Beyond TF1: the readable report of tools.checkpointDoctor (checkpoint-doctor.ts), in one place.
import { shapeDebugString } from "../framework/shape";
import type { CheckpointDoctorReport } from "./checkpoint-doctor";
import { describeRule } from "./name-matching";

const LISTED = 10;

/** Up to ten names, then how many more. */
export function listSome(names: readonly string[]): string {
  const shown = names.slice(0, LISTED).join(", ");
  return names.length > LISTED ? `${shown}, ... (${names.length - LISTED} more)` : shown;
}

/** Keys training writes (slots, Adam's beta powers, the global step): an inference graph never restores them. */
const TRAINING_STATE =
  /(^|\/)(beta[12]_power(_\d+)?|global_step)$|\/(Adam(_\d+)?|Momentum(_\d+)?|RMSProp(_\d+)?|Adagrad(_\d+)?|Ftrl(_\d+)?|Adadelta(_\d+)?|ProximalAdagrad(_\d+)?|AdagradDA(_\d+)?|ExponentialMovingAverage)$/;

type ReportFields = Omit<CheckpointDoctorReport, "text">;

export function doctorText(report: ReportFields, keyCount: number, entryCount: number): string {
  const lines: string[] = [];
  const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
  lines.push(
    `Checkpoint ${report.checkpoint}: ${plural(entryCount, "key")}; the var list restores ${plural(keyCount, "variable")}.`,
  );
  if (report.ok) {
    lines.push("Saver.restore works as given: every key is in the checkpoint with the same shape and dtype.");
  } else {
    const why = [
      report.missing.length ? `${plural(report.missing.length, "key")} not in the checkpoint` : "",
      report.shapeMismatches.length ? plural(report.shapeMismatches.length, "shape mismatch", "shape mismatches") : "",
      report.dtypeMismatches.length ? plural(report.dtypeMismatches.length, "dtype mismatch", "dtype mismatches") : "",
    ].filter(Boolean);
    lines.push(`Saver.restore fails: ${why.join(", ")}.`);
  }
  if (report.missing.length)
    lines.push(`  Not in the checkpoint (${report.missing.length}): ${listSome(report.missing)}`);
  if (report.unexpected.length) {
    lines.push(`  Checkpoint keys not restored (${report.unexpected.length}): ${listSome(report.unexpected)}`);
  }
  for (const m of report.shapeMismatches) {
    lines.push(
      `  Shape mismatch: ${m.key}: the variable ${m.variable} is ${shapeDebugString(m.graphShape)}, the checkpoint holds ${shapeDebugString(m.checkpointShape)}`,
    );
  }
  for (const m of report.dtypeMismatches) {
    lines.push(
      `  Dtype mismatch: ${m.key}: the variable ${m.variable} is ${m.graphDtype}, the checkpoint holds ${m.checkpointDtype}`,
    );
  }
  const renamed = report.matches.filter((m) => m.kind !== "exact");
  if (!report.ok || renamed.length > 0) {
    const paired = report.matches.length;
    lines.push(
      `Proposed var list: restores ${paired} of ${plural(keyCount, "variable")} from ${paired} of ${plural(entryCount, "checkpoint key")}.`,
    );
    const exact = report.matches.length - renamed.length;
    if (exact) lines.push(`  same name (${exact})`);
    const groups = new Map<string, typeof renamed>();
    for (const m of renamed) {
      const rule = describeRule(m.kind, m.from, m.to);
      if (!groups.has(rule)) groups.set(rule, []);
      groups.get(rule)?.push(m);
    }
    for (const [rule, members] of groups) {
      lines.push(`  ${rule} (${members.length}):`);
      for (const m of members) lines.push(`    ${m.checkpointKey} <- ${m.variable}`);
    }
  }
  const { variables, checkpointKeys } = report.leftovers;
  if (variables.length) {
    lines.push(`Variables left with their initial values (${variables.length}): ${variables.join(", ")}`);
  }
  if (checkpointKeys.length) {
    lines.push(`Checkpoint keys left unread (${checkpointKeys.length}): ${checkpointKeys.join(", ")}`);
    if (checkpointKeys.every((k) => TRAINING_STATE.test(k))) {
      lines.push(
        "  (all optimizer state: slots, beta powers and the global step, which a graph without that optimizer does not restore)",
      );
    }
  }
  if (!report.ok && report.matches.length > 0) {
    lines.push(`Restore with: new tf.train.Saver(report.proposedVarList).restore(sess, "${report.checkpoint}")`);
  }
  return lines.join("\n");
}
