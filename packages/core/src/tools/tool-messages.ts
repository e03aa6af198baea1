// scope tools (no TF equivalent): the messages of sharingAudit and slotOwnership, in one place.
import { reuseText } from "../framework/lint-messages";
import type { SharingPlace } from "./sharing-audit";

const q = (s: string) => JSON.stringify(s);
const vscope = (s: string) => (s ? `variable scope ${q(s)}` : "the root variable scope");
const at = (p: SharingPlace) => (p.site ? ` at ${p.site}` : "");

export const auditText = {
  nonSharing: (name: string, others: readonly string[], shape: string, byVariable: boolean) =>
    `${name} and ${others.join(", ")} have the same shape ${shape} and name but for a _N suffix, and are separate variables: ` +
    "nothing reused them. If they should be one variable (towers sharing weights), " +
    (byVariable
      ? "make it with tf.getVariable (tf.Variable never shares) and open the later scopes with { reuse: true } or tf.AUTO_REUSE"
      : "open the later scopes with the same variable scope name and { reuse: true } (or tf.AUTO_REUSE)") +
    "; if they are separate on purpose, ignore this.",
  autoReuse: (name: string, reused: SharingPlace, created: SharingPlace) =>
    `tf.AUTO_REUSE in ${vscope(reused.scope)}${at(reused)} silently picked up the existing ${name} ` +
    `(made in ${vscope(created.scope)}${at(created)})` +
    (reused.site && created.site && reused.site !== created.site
      ? ": the two calls are different lines, so two pieces of code share one variable by name. Give them different scope names if they should not."
      : ". If this call should have its own variable, give its scope a different name."),
  variableInReuseScope: (name: string, created: SharingPlace) =>
    `${name} was made by new tf.Variable inside ${vscope(created.scope)} (${reuseText(created.reuse)})${at(created)}: ` +
    "tf.Variable never shares, so the scope's reuse does nothing for it. Use tf.getVariable to share it.",
};

export const slotText = {
  duplicates: (variable: string, optimizer: string, slots: readonly string[], nonSlots: readonly string[]) =>
    `${variable} has slots from more than one ${optimizer} optimizer: ${slots.join(", ")}` +
    `${nonSlots.length > 0 ? ` (and ${nonSlots.join(", ")})` : ""} come from another instance. ` +
    "Each optimizer keeps its own moments and a checkpoint saves them all; a second optimizer usually means minimize() " +
    "was called again on a new optimizer (or the model code ran twice in one graph). Create the optimizer once.",
};
