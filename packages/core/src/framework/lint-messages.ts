// scopeflow's own messages (no TF equivalent) for the patterns TF1 accepts silently that are nearly always bugs: what
// happened, the name at fault, and what to write instead. tf.tools.lint() returns them; setStrict(true) warns them.
import type { ReuseValue } from "./name-record";

/** The rules tf.tools.lint() checks. */
export type LintRule =
  | "getVariableUnderNameScope"
  | "variableInReuseScope"
  | "minimizeUnderReuse"
  | "reuseFalseIgnored"
  | "collectionPrefixMatchesSibling"
  | "updateOpsNotDependedOn";

/** A reuse mode as TypeScript code writes it. */
export function reuseText(reuse: ReuseValue): string {
  return reuse === "AUTO_REUSE" ? "reuse: tf.AUTO_REUSE" : `reuse: ${reuse}`;
}

const q = (s: string) => JSON.stringify(s);
const scopeText = (name: string) => (name ? `variable scope ${q(name)}` : "the root variable scope");

export const lintMessages = {
  getVariableUnderNameScope: (requested: string, fullName: string, nameScope: string, bare: string, vs: string) =>
    `tf.getVariable(${q(requested)}) inside tf.nameScope(${q(bare)}) is named ${fullName}, not ${nameScope}/${requested}: ` +
    `getVariable ignores name scopes and prefixes only the variable scope's name (${vs ? q(vs) : "here the root, so none"}). ` +
    `To prefix the variable, open tf.variableScope(${q(bare)}) instead of tf.nameScope(${q(bare)}).`,

  variableInReuseScope: (name: string, vs: string, reuse: ReuseValue) =>
    `new tf.Variable() named ${name} inside ${scopeText(vs)} (${reuseText(reuse)}) is a new variable, not a shared one: ` +
    `tf.Variable never reuses, whatever the scope's reuse. To share it, make it with tf.getVariable(${q(name.split("/").at(-1) ?? name)}, ...) in that scope.`,

  minimizeUnderReuse: (optimizer: string, vs: string, inheritedFrom: string | null, slot: string) =>
    `minimize() of the ${optimizer} optimizer inside ${scopeText(vs)} with reuse: true` +
    `${inheritedFrom !== null && inheritedFrom !== vs ? ` (inherited from ${scopeText(inheritedFrom)})` : ""}: ` +
    `the optimizer makes its slot variables (${slot}) with tf.getVariable, which inherits reuse: true, so making them fails. ` +
    "Call minimize() outside the reuse scope (after the tf.variableScope(..., { reuse: true }) block).",

  reuseFalseIgnored: (requested: string, outer: string, reuse: ReuseValue) =>
    `tf.variableScope(${q(requested)}, { reuse: false }) inside ${scopeText(outer)} (${reuseText(reuse)}) still reuses: ` +
    `TF1 reads reuse=False as "inherit the enclosing reuse", so the scope keeps ${reuseText(reuse)}` +
    `${reuse === true ? " and tf.getVariable will not create variables in it" : ""}. ` +
    "To create new variables, open the scope outside the reuse scope.",

  collectionPrefixMatchesSibling: (key: string, scope: string, matched: string) =>
    `getCollection(${q(key)}, ${q(scope)}) also matches ${matched}: the scope filter is a regular expression matched at ` +
    `the start of each name, so ${q(scope)} takes in every scope whose name starts with it. ` +
    `Write ${q(`${scope}/`)} to match the scope ${scope} alone.`,

  updateOpsNotDependedOn: (names: readonly string[]) =>
    `UPDATE_OPS holds ${names.length} op${names.length === 1 ? "" : "s"} (${names.join(", ")}) that no train op depends on, ` +
    `so running the train op never runs ${names.length === 1 ? "it" : "them"} (batch-norm moving averages never update). ` +
    `Make the train op depend on ${names.length === 1 ? "it" : "them"}: ` +
    "tf.controlDependencies(graph.getCollection(tf.GraphKeys.UPDATE_OPS), () => optimizer.minimize(loss)).",

  /** Appended to a message when call-site capture is on. */
  at: (site: string) => ` (at ${site})`,
};
