// scope tools (no TF equivalent): explainName's walk over the name record, from an op out to the root: the name scopes
// and variable scopes (ops.py, variable_scope.py) that made its name, as steps.
import type { Graph } from "../framework/graph";
import {
  type Frame,
  GetVariableFrame,
  type NameRecord,
  NameScopeFrame,
  nameRecordOf,
  OpEntry,
  OriginFrame,
  type ReuseValue,
  VariableScopeFrame,
} from "../framework/name-record";
import type { Operation } from "../framework/operation";
import { opDefs } from "../ops/op-defs";
import type { ExplainStep, StepKind } from "./explain-name";
import { type ReuseOrigin, explainText as say } from "./explain-text";

/** Builds the steps innermost first, in groups that each read outermost first; result() turns them around. */
export class Walk {
  private readonly groups: ExplainStep[][] = [];
  madeByGetVariable = false;
  /** The op being explained (none for a name scope). */
  private subject: Operation | null = null;

  constructor(
    private readonly graph: Graph,
    private readonly record: NameRecord,
  ) {}

  result(): ExplainStep[] {
    return [...this.groups].reverse().flat();
  }

  private group(...steps: (ExplainStep | null)[]): void {
    this.groups.push(steps.filter((s): s is ExplainStep => s !== null));
  }

  op(op: Operation): void {
    this.subject = op;
    const rec = this.record.ops.get(op);
    const ns = op.name.includes("/") ? op.name.slice(0, op.name.lastIndexOf("/")) : "";
    if (rec === undefined) {
      this.group(step("unrecorded", { name: op.name }, say.unrecorded(op.name)));
      return;
    }
    if (rec instanceof OpEntry) {
      if (rec.requested.endsWith("/")) {
        const origin = findOrigin(rec.frame);
        if (origin) this.group(this.imported(origin));
        else
          this.group(
            step(
              "opName",
              opDetail(op, rec.requested, false, true),
              say.absoluteOpName(op.type, rec.requested),
              rec.site,
            ),
          );
        return;
      }
      const detail = opDetail(op, rec.requested, rec.byDefault, false);
      const text = say.opName(op.type, rec.requested, rec.byDefault, op.name, ns);
      this.group(step("opName", detail, text, rec.site), this.uniquified(rec.taken, op.name, "the op"));
      this.frames(rec.frame);
      return;
    }
    const frame = rec as NameScopeFrame;
    const getter = op.type === opDefs.VariableV2.type ? getVariableOf(frame) : null;
    if (getter) {
      this.madeByGetVariable = true;
      this.variableScopes(frame, getter);
      this.slot(op);
      return;
    }
    if (!frame.requested || frame.requested.endsWith("/")) {
      this.group(
        step(
          "opName",
          opDetail(op, frame.requested ?? "", false, true),
          say.absoluteOpName(op.type, frame.requested ?? ""),
          frame.site,
        ),
      );
      return;
    }
    if (op.type === opDefs.VariableV2.type) {
      const detail = { requested: frame.requested, byDefault: frame.byDefault, name: op.name };
      const text = say.newVariable(frame.requested, frame.byDefault, op.name, ns);
      this.group(
        step("variable", detail, text, frame.site),
        this.uniquified(frame.taken, op.name, "the variable's op"),
      );
    } else {
      const text = say.opName(op.type, frame.requested, frame.byDefault, op.name, ns);
      const detail = opDetail(op, frame.requested, frame.byDefault, false);
      this.group(step("opName", detail, text, frame.site), this.uniquified(frame.taken, op.name, "the op"));
    }
    this.frames(frame.parent);
    this.slot(op);
  }

  /**
   * An op importGraphDef made: its name past the prefix is the GraphDef's. Scopes and ops of the form `x_1` next to an
   * `x` are pointed out as likely made unique by the writer (no record says so).
   */
  private imported(origin: OriginFrame): ExplainStep {
    const rest = this.subject ? this.subject.name.slice(origin.prefix.length) : "";
    const parts = rest ? rest.split("/") : [];
    const likely: string[] = [];
    parts.forEach((part, i) => {
      const m = /^(.+)_\d+$/.exec(part);
      const base = m ? origin.prefix + [...parts.slice(0, i), m[1]].join("/") : null;
      if (base !== null && takerOf(this.graph, base) !== null)
        likely.push(origin.prefix + parts.slice(0, i + 1).join("/"));
    });
    const detail = { origin: origin.origin, prefix: origin.prefix, nameInGraphDef: rest, likelyUniquified: likely };
    return step("imported", detail, say.imported(origin.origin, origin.prefix, rest, likely));
  }

  /** An optimizer's slot or non-slot variable says so, outermost. */
  private slot(op: Operation): void {
    const entry = this.record.slots.find((e) => e.variable === op);
    if (!entry) return;
    const detail = { optimizer: entry.optimizerName, slot: entry.slot, primary: entry.primary?.name ?? null };
    this.groups.push([step("slot", detail, say.slot(entry.optimizerName, entry.slot, entry.primary?.name ?? null))]);
  }

  /** The name scopes (and the variable scopes that opened them) from `start` out to the root or an absolute name. */
  frames(start: Frame | null): void {
    let f = start;
    while (f) {
      if (f instanceof OriginFrame) {
        this.group(this.imported(f));
        return;
      }
      if (f instanceof GetVariableFrame) {
        f = f.parent;
        continue;
      }
      if (f instanceof VariableScopeFrame) {
        f = this.variableScope(f, false);
        continue;
      }
      if (!f.requested) {
        if (f.parent instanceof GetVariableFrame) {
          this.group(
            step("getVariable", { name: f.parent.requested, reset: true }, say.getVariableReset(f.parent.requested)),
          );
        } else this.group(step("nameScope", nsDetail(f, "reset"), say.resetNameScope(), f.site));
        return;
      }
      if (f.requested.endsWith("/")) {
        const vs = this.record.originalNameScopes.get(f.requested);
        if (vs !== undefined) {
          const detail = { nameScope: f.requested, variableScope: vs };
          this.group(step("originalNameScope", detail, say.originalNameScope(f.requested, vs), f.site));
        } else this.group(step("nameScope", nsDetail(f, "absolute"), say.absoluteNameScope(f.requested), f.site));
        return;
      }
      const owner = this.graph.findOperation(f.scope);
      if (owner?.type === opDefs.VariableV2.type && this.record.ops.get(owner) === f) {
        const detail = { ...nsDetail(f, "new"), by: "Variable" };
        this.group(step("nameScope", detail, say.variableOwnScope(f.requested, `${f.scope}/`), f.site));
        const getter = getVariableOf(f);
        if (getter) {
          this.variableScopes(f, getter);
          return;
        }
      } else {
        const text = say.nameScope(f.requested, `${f.scope}/`, f.byDefault);
        this.group(
          step("nameScope", nsDetail(f, "new"), text, f.site),
          this.uniquified(f.taken, f.scope, "this name scope"),
        );
      }
      f = f.parent;
    }
  }

  /** One variable scope entry with the name scope it opened (or kept); returns the frame to continue from. */
  private variableScope(v: VariableScopeFrame, forVariable: boolean): Frame | null {
    const opened = v.nameScope === "opened" ? (v.parent as NameScopeFrame) : null;
    const ns = opened ? `${opened.scope}/` : null;
    const detail = { entry: v.entry, requested: v.requested, variableScope: v.name, nameScope: ns, reuse: v.reuse };
    const main = step("variableScope", detail, say.variableScope(v.entry, v.requested, v.name, ns), v.site);
    const renamedNs = opened && !forVariable ? this.uniquified(opened.taken, opened.scope, "this name scope") : null;
    const wanted = v.entry === "defaultName" ? join(outerVariableScope(v), v.requested) : v.name;
    const renamedVs =
      wanted !== v.name
        ? step(
            "uniquified",
            { counter: "variableScope", requested: wanted, result: v.name },
            say.uniquifiedVariableScope(wanted, v.name),
          )
        : null;
    if (v.nameScope === "kept") {
      const kept = keptScope(v);
      const aux = step(
        "auxiliaryNameScope",
        { variableScope: v.name, nameScope: kept ? `${kept}/` : "" },
        say.auxiliaryNameScope(v.name, kept),
      );
      this.group(main, aux, renamedVs);
      return (v.parent as NameScopeFrame).parent;
    }
    this.group(main, renamedVs, renamedNs);
    return opened ? opened.parent : v.parent;
  }

  /** A getVariable variable: its name is the variable scope's plus the name asked for; name scopes play no part. */
  private variableScopes(frame: NameScopeFrame, getter: GetVariableFrame): void {
    const ignored = getter.nameScope && getter.nameScope !== getter.variableScope ? `${getter.nameScope}/` : null;
    const detail = {
      name: getter.requested,
      fullName: getter.fullName,
      variableScope: getter.variableScope,
      ignoredNameScope: ignored,
      created: true,
    };
    const made = step(
      "getVariable",
      detail,
      say.getVariable(getter.requested, frame.scope, getter.variableScope, ignored, true),
      getter.site,
    );
    const origin = getter.reuse === "AUTO_REUSE" ? reuseOriginOf(getter) : null;
    const reuse = origin
      ? step("reuse", { ...origin, event: "created", variableScope: getter.variableScope }, say.reuseCreated(origin))
      : null;
    const renamed =
      frame.taken !== undefined
        ? step(
            "uniquified",
            {
              counter: "name",
              requested: frame.taken,
              result: frame.scope,
              takenBy: takerOf(this.graph, frame.taken)?.name ?? null,
            },
            say.uniquifiedVariableName(frame.taken, frame.scope, takerOf(this.graph, frame.taken)?.name ?? null),
          )
        : null;
    this.group(reuse, made, renamed);
    for (let f = getter.parent; f; f = f.parent) {
      if (!(f instanceof VariableScopeFrame)) continue;
      this.variableScope(f, true);
      if (f.entry === "scope") break;
    }
  }

  /** The getVariable calls that later returned the variable `op`. */
  reuses(op: Operation): ExplainStep[] {
    return (this.record.reuses.get(op) ?? []).map(({ frame: g }) => {
      const origin = reuseOriginOf(g);
      const detail = {
        ...origin,
        event: "reused",
        variableScope: g.variableScope,
        nameScope: g.nameScope ? `${g.nameScope}/` : "",
      };
      return step("reuse", detail, say.reuseEvent(g.requested, g.variableScope, g.nameScope, origin), g.site);
    });
  }

  private uniquified(taken: string | undefined, result: string, what: string): ExplainStep | null {
    if (taken === undefined) return null;
    const by = takerOf(this.graph, taken);
    const ci = by !== null && by.name !== taken;
    const detail = { counter: "name", requested: taken, result, takenBy: by?.name ?? null, caseInsensitive: ci };
    return step("uniquified", detail, say.uniquifiedName(taken, result, by?.name ?? null, by?.kind ?? null, ci, what));
  }
}

function step(kind: StepKind, detail: Record<string, unknown>, text: string, site?: string): ExplainStep {
  return site ? { kind, detail, text, site } : { kind, detail, text };
}

function opDetail(op: Operation, requested: string, byDefault: boolean, absolute: boolean) {
  return { requested, byDefault, opType: op.type, name: op.name, absolute };
}

function nsDetail(f: NameScopeFrame, mode: "new" | "absolute" | "reset") {
  return { requested: f.requested, scope: f.scope ? `${f.scope}/` : "", mode, byDefault: f.byDefault };
}

function join(outer: string, name: string): string {
  return outer ? `${outer}/${name}` : name;
}

function findOrigin(f: Frame | null): OriginFrame | null {
  for (; f; f = f.parent) if (f instanceof OriginFrame) return f;
  return null;
}

/** The getVariable call whose reset name scope holds `frame` (a variable's own name scope), if any. */
function getVariableOf(frame: NameScopeFrame): GetVariableFrame | null {
  const reset = frame.parent;
  if (reset instanceof NameScopeFrame && !reset.requested && reset.parent instanceof GetVariableFrame)
    return reset.parent;
  return null;
}

/** The variable scope enclosing `v` when it was entered (the root's name is ""). */
function outerVariableScope(v: VariableScopeFrame): string {
  for (let f = v.parent; f; f = f.parent) if (f instanceof VariableScopeFrame) return f.name;
  return "";
}

/** The name scope a variable scope with auxiliaryNameScope false kept: the one of the frames outside it. */
function keptScope(v: VariableScopeFrame): string {
  const reentry = v.parent as NameScopeFrame;
  return reentry.scope;
}

/** Who set the reuse a getVariable call saw: its scope's option, a captured scope, reuseVariables(), or an outer scope. */
function reuseOriginOf(g: GetVariableFrame): ReuseOrigin {
  const scopes: VariableScopeFrame[] = [];
  for (let f = g.parent; f; f = f.parent) if (f instanceof VariableScopeFrame) scopes.push(f);
  const reuse: ReuseValue = g.reuse;
  const inner = scopes[0];
  if (!inner) return { reuse, inherited: false, setBy: "", how: "reuseVariables" };
  if (inner.reuse === false) return { reuse, inherited: false, setBy: inner.name, how: "reuseVariables" };
  if (inner.reuseArg !== null) return { reuse, inherited: false, setBy: inner.name, how: "option" };
  if (inner.entry === "scope") return { reuse, inherited: false, setBy: inner.name, how: "capturedScope" };
  for (const outer of scopes.slice(1)) {
    if (outer.reuseArg !== null) return { reuse, inherited: true, setBy: outer.name, how: "option" };
    if (outer.entry === "scope" && outer.reuse !== false)
      return { reuse, inherited: true, setBy: outer.name, how: "capturedScope" };
  }
  return { reuse, inherited: true, setBy: scopes.at(-1)?.name ?? "", how: "reuseVariables" };
}

/**
 * The op or name scope that took `name` first (TF compares names case-insensitively), or null: an op of that name or
 * under it, else a recorded name scope of that name that holds no op itself.
 */
export function takerOf(graph: Graph, name: string): { name: string; kind: "op" | "nameScope" } | null {
  const lower = name.toLowerCase();
  const ops = graph.getOperations();
  const same = graph.findOperation(name) ?? ops.find((op) => op.name.toLowerCase() === lower);
  if (same) return { name: same.name, kind: "op" };
  const inside = ops.find((op) => op.name.toLowerCase().startsWith(`${lower}/`));
  if (inside) return { name: inside.name.slice(0, name.length), kind: "nameScope" };
  const record = nameRecordOf(graph);
  const seen = new Set<Frame>();
  for (const op of ops) {
    const rec = record.ops.get(op);
    for (let f = rec instanceof OpEntry ? rec.frame : (rec ?? null); f && !seen.has(f); f = f.parent) {
      seen.add(f);
      if (f instanceof NameScopeFrame && f.scope.toLowerCase() === lower) return { name: f.scope, kind: "nameScope" };
    }
  }
  return null;
}
