// scopeflow's scope tools (no TF equivalent): the sentences of tf.tools.explainName, one per step, in one place.
import { reuseText } from "../framework/lint-messages";
import type { ReuseValue } from "../framework/name-record";

const q = (s: string) => JSON.stringify(s);
const scope = (s: string) =>
  s && s !== "/" ? `name scope ${q(s.endsWith("/") ? s : `${s}/`)}` : "the root name scope";
const vscope = (s: string) => (s ? `variable scope ${q(s)}` : "the root variable scope");

/** Who set a reuse mode: the scope's own option, a captured scope object, reuseVariables(), or an outer scope. */
export interface ReuseOrigin {
  reuse: ReuseValue;
  inherited: boolean;
  setBy: string | null;
  how: "option" | "capturedScope" | "reuseVariables";
}

function reuseOrigin(o: ReuseOrigin): string {
  if (o.how === "capturedScope") return `carried by the captured scope object ${q(o.setBy ?? "")}`;
  if (o.how === "reuseVariables") return `set by reuseVariables() on ${vscope(o.setBy ?? "")}`;
  if (o.inherited) return `inherited from ${vscope(o.setBy ?? "")}`;
  return "set by this variable scope's own reuse option";
}

export const explainText = {
  header: (name: string, what: string, count: number) =>
    `${name} (${what}) is named by ${count === 1 ? "1 rule:" : `${count} rules, outermost first:`}`,
  tensorWhat: (index: number, type: string, op: string) => `output ${index} of the ${type} op ${op}`,
  variableWhat: (op: string, how: string) => `the variable ${op}, made by ${how}`,
  opWhat: (type: string) => `${/^[AEIOU]/.test(type) ? "an" : "a"} ${type} op`,

  nameScope: (requested: string, opened: string, byDefault: boolean) =>
    byDefault
      ? `A name scope given no name took its default name ${q(requested)} and opened ${scope(opened)}.`
      : `tf.nameScope(${q(requested)}) opened ${scope(opened)}.`,
  variableOwnScope: (requested: string, opened: string) =>
    `new tf.Variable named ${q(requested)} opened ${scope(opened)} for its own ops (initial value, Assign, read).`,
  absoluteNameScope: (requested: string) =>
    `tf.nameScope(${q(requested)}) re-entered ${scope(requested.slice(0, -1))} as it is: a name ending in "/" is used without being made unique.`,
  resetNameScope: () => "tf.nameScope(null) reset the name scope to the root.",
  getVariableReset: (name: string) =>
    `tf.getVariable(${q(name)}) resets the name scope to the root while it makes a variable, so the ops it makes besides the variable's own land at the root.`,
  originalNameScope: (nameScope: string, vs: string) =>
    `tf.nameScope(${q(nameScope)}) re-entered ${scope(nameScope.slice(0, -1))}, the originalNameScope of ${vscope(vs)}, as it is (a name ending in "/" is not made unique): the way to put ops back beside that scope's first ones.`,

  variableScope: (entry: "name" | "scope" | "defaultName", requested: string, vs: string, ns: string | null) => {
    const call =
      entry === "name"
        ? `tf.variableScope(${q(requested)})`
        : entry === "scope"
          ? `tf.variableScope(scope) with the captured scope ${q(requested)}`
          : `tf.variableScope(null, { defaultName: ${q(requested)} })`;
    const what =
      entry === "scope" ? `re-entered ${vscope(vs)} (a captured scope keeps its full name)` : `opened ${vscope(vs)}`;
    if (ns === null) return `${call} ${what} and no name scope.`;
    return `${call} ${what} and ${entry === "scope" ? "a new " : ""}${scope(ns)}.`;
  },
  auxiliaryNameScope: (vs: string, kept: string) =>
    `auxiliaryNameScope: false: ${vscope(vs)} opened no name scope of its own, so ops in it stay in ${scope(kept)}.`,

  uniquifiedName: (
    taken: string,
    result: string,
    takenBy: string | null,
    byKind: string | null,
    ci: boolean,
    what: string,
  ) => {
    const by =
      takenBy === null
        ? ""
        : ` (${ci ? "case-insensitively, " : ""}by ${byKind === "op" ? `the op ${q(takenBy)}` : scope(takenBy)})`;
    const n = Number(/_(\d+)$/.exec(result)?.[1] ?? 1);
    const also = n > 1 ? `, and so were the names up to ${q(`${taken}_${n - 1}`)}` : "";
    return `The name ${q(taken)} was already taken in the graph${by}${also}, so ${what} became ${q(result)}: TF1 makes each name unique by adding _1, _2, ... (counting names case-insensitively).`;
  },
  uniquifiedVariableName: (taken: string, result: string, takenBy: string | null) =>
    `The graph name ${q(taken)} was already taken${takenBy === null ? "" : ` (by ${q(takenBy)}, not made with tf.getVariable)`}, so the variable's op is ${q(result)}, although the variable store knows the variable as ${q(taken)}.`,
  uniquifiedVariableScope: (wanted: string, result: string) =>
    `The variable scope name ${q(wanted)} had been used before (a default name counts its uses), so this one is ${q(result)}.`,

  getVariable: (requested: string, made: string, vs: string, ignored: string | null, created: boolean) =>
    `tf.getVariable(${q(requested)}) ${created ? "made" : "returned"} the variable ${made}: getVariable names variables after the variable scope (${vs ? q(vs) : "the root, which adds no prefix"}), not the name scope` +
    (ignored === null ? "." : `, so the enclosing ${scope(ignored)} does not prefix it.`),
  reuseCreated: (o: ReuseOrigin) =>
    `With ${reuseText(o.reuse)} (${reuseOrigin(o)}), tf.getVariable made the variable because it did not exist yet.`,
  reuseEvent: (requested: string, vs: string, ns: string, o: ReuseOrigin) =>
    `Later, tf.getVariable(${q(requested)}) in ${vscope(vs)} with ${reuseText(o.reuse)} (${reuseOrigin(o)}) returned this same variable instead of making one` +
    (ns && ns !== vs ? `; the name scope there, ${q(`${ns}/`)}, plays no part.` : "."),

  newVariable: (requested: string, byDefault: boolean, name: string, ns: string) =>
    (byDefault
      ? `new tf.Variable() with no name took the default name "Variable"`
      : `new tf.Variable named ${q(requested)}`) +
    ` made the op ${name}${ns ? ` in ${scope(ns)} (tf.Variable follows name scopes, unlike tf.getVariable)` : ""}.`,
  opName: (type: string, requested: string, byDefault: boolean, name: string, ns: string) => {
    const given = byDefault
      ? `took its default name ${q(requested)} (no name was given)`
      : `was given the name ${q(requested)}`;
    const where = ns ? `, so in ${scope(ns)} it is ${name}` : `, so at the root it is ${name}`;
    const last = ns.split("/").at(-1);
    const doubled =
      ns && last === requested
        ? `; the repeated ${q(requested)} is the name scope's name followed by the op's own`
        : "";
    return `The ${type} op ${given}${where}${doubled}.`;
  },
  absoluteOpName: (type: string, requested: string) =>
    `The ${type} op was given the full name ${q(requested)}, used as it is (a name ending in "/" is not made unique).`,
  slot: (optimizer: string, slot: string, primary: string | null) =>
    primary === null
      ? `It is the non-slot variable ${q(slot)} of the ${optimizer} optimizer, a tf.Variable it makes once per graph.`
      : `It is the slot ${q(slot)} of ${primary}, made by the ${optimizer} optimizer (slot_creator: tf.variableScope(null, { defaultName: ${q(`${primary}/${optimizer}`)} }) and tf.getVariable("")).`,
  imported: (origin: string, prefix: string, rest: string, likely: readonly string[]) =>
    `${origin} imported the op under ${prefix ? scope(prefix.replace(/\/$/, "")) : "no prefix"}; the rest of its name${rest ? `, ${q(rest)},` : ""} is the one the GraphDef holds (how its writer named it is not recorded in a GraphDef).` +
    likely
      .map(
        (name) =>
          ` ${q(name)} is likely ${q(name.replace(/_\d+$/, ""))} made unique when its writer found that name taken.`,
      )
      .join(""),
  unrecorded: (name: string) => `No record of how ${name} was named (it was not made through this graph's scopes).`,
};
