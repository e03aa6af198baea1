// ops.py: Graph.name_scope / unique_name and variable_scope.py: variable_scope / get_variable, as seen by scopeflow's
// scope tools (no TF equivalent): how each name was made, recorded when it is made, cheaply, so tf.tools can explain it.
import { callSite, callSitesCaptured } from "./call-site";
import type { Graph } from "./graph";
import type { Operation } from "./operation";

/** A reuse mode as the tools print it: TF's True/False, or AUTO_REUSE (a symbol in scopes/, a string here). */
export type ReuseValue = boolean | "AUTO_REUSE";

/** What the record needs of a VariableScope (scopes/ sits above framework/): its name and live reuse. */
export interface VariableScopeLike {
  readonly name: string;
  readonly reuse: unknown;
  readonly originalNameScope: string;
}

/** A name scope entered with Graph.nameScope (by tf.nameScope, an op builder, a variable scope, a Variable). */
export class NameScopeFrame {
  constructor(
    readonly parent: Frame | null,
    /** As asked: "foo" (new, uniquified), "a/foo/" (absolute re-entry), null or "" (reset to the root). */
    readonly requested: string | null,
    /** The name stack it opened, without the trailing slash ("" for the root). */
    readonly scope: string,
    /** True when `requested` is the default name (TF's `default_name`, an op type) because no name was given. */
    readonly byDefault: boolean,
    /** The full name that was taken when this scope was uniquified (`foo` when `foo_1` was opened). */
    readonly taken: string | undefined,
    readonly site: string | undefined,
  ) {}
}

/** How a variable scope was entered: by name, by a captured VariableScope object, or through defaultName. */
export type VariableScopeEntry = "name" | "scope" | "defaultName";

/** What a variable scope did with the name scope: opened its own, kept the current one (auxiliaryNameScope false), or none (the root scope object). */
export type AuxiliaryNameScope = "opened" | "kept" | "none";

/** A variable scope entered with tf.variableScope (its name scope, if it opened one, is its parent frame). */
export class VariableScopeFrame {
  constructor(
    readonly parent: Frame | null,
    readonly entry: VariableScopeEntry,
    /** The name given, the captured scope's name, or the default name. */
    readonly requested: string,
    /** The variable scope's full name. */
    readonly name: string,
    readonly scope: VariableScopeLike,
    /** The reuse option given to this call (null: none, or false, which TF reads as None). */
    readonly reuseArg: ReuseValue | null,
    /** The scope's reuse when it was entered. */
    readonly reuse: ReuseValue,
    readonly nameScope: AuxiliaryNameScope,
    readonly site: string | undefined,
  ) {}
}

/** A getVariable call: the variable scope's name is its prefix; the name scope (recorded here) is ignored. */
export class GetVariableFrame {
  constructor(
    readonly parent: Frame | null,
    readonly requested: string,
    readonly fullName: string,
    readonly variableScope: string,
    readonly reuse: ReuseValue,
    /** The name stack getVariable ignored ("a/b", "" at the root). */
    readonly nameScope: string,
    readonly site: string | undefined,
  ) {}
}

/** Code that makes ops under names it did not choose here (importGraphDef keeps a GraphDef's names). */
export class OriginFrame {
  constructor(
    readonly parent: Frame | null,
    readonly origin: string,
    readonly prefix: string,
  ) {}
}

export type Frame = NameScopeFrame | VariableScopeFrame | GetVariableFrame | OriginFrame;

/** An op that named itself in the current scope (`Const` named "c") rather than taking its name scope's name. */
export class OpEntry {
  constructor(
    readonly frame: Frame | null,
    readonly requested: string,
    readonly byDefault: boolean,
    readonly taken: string | undefined,
    readonly site: string | undefined,
  ) {}
}

/** A getVariable call that returned an existing variable. */
export interface ReuseEvent {
  frame: GetVariableFrame;
}

/** A `new tf.Variable`: the variable scope and reuse in effect when it was made (not through getVariable). */
export interface NewVariableEntry {
  variableScope: string;
  reuse: ReuseValue;
  nameScope: string;
  site: string | undefined;
}

/** A slot (`v/Adam`) or non-slot (`beta1_power`) variable an optimizer made. */
export interface SlotEntry {
  /** The primary variable's op, or null for a non-slot variable. */
  primary: Operation | null;
  variable: Operation;
  /** The slot's name ("m", "v", "momentum"), or the non-slot variable's ("beta1_power"). */
  slot: string;
  optimizerName: string;
  optimizer: object;
}

/** The per-graph record. Frames live as long as an op made inside them (or a variable reused under them). */
export class NameRecord {
  top: Frame | null = null;
  /** An op's own name scope frame (op builders), or an OpEntry for a name given in the current scope. */
  readonly ops = new WeakMap<Operation, Frame | OpEntry>();
  readonly reuses = new Map<Operation, ReuseEvent[]>();
  readonly newVariables = new WeakMap<Operation, NewVariableEntry>();
  readonly slots: SlotEntry[] = [];
  /** Each variable scope's originalNameScope ("foo/") and its name, to recognise a re-entry by it. */
  readonly originalNameScopes = new Map<string, string>();
  /** The root VariableScope, for the reuse in effect outside every variable scope. */
  rootScope: VariableScopeLike | null = null;
  /** Counters for the record's size (tests check it stays proportional to the graph). */
  frameCount = 0;
  opCount = 0;

  constructor(readonly graph: Graph) {}

  enterNameScope(requested: string | null, outer: string, scope: string, byDefault: boolean): NameScopeFrame {
    const relative = !!requested && !requested.endsWith("/");
    const wanted = relative ? (outer ? `${outer}/${requested}` : requested) : scope;
    const frame = new NameScopeFrame(
      this.top,
      requested,
      scope,
      byDefault,
      wanted === scope ? undefined : wanted,
      callSitesCaptured() ? callSite() : undefined,
    );
    return this.push(frame);
  }

  enterVariableScope(
    entry: VariableScopeEntry,
    requested: string,
    scope: VariableScopeLike,
    reuseArg: unknown,
    nameScope: AuxiliaryNameScope,
  ): VariableScopeFrame {
    const frame = new VariableScopeFrame(
      this.top,
      entry,
      requested,
      scope.name,
      scope,
      reuseArg === null || reuseArg === undefined || reuseArg === false ? null : reuseValue(reuseArg),
      reuseValue(scope.reuse),
      nameScope,
      callSitesCaptured() ? callSite() : undefined,
    );
    if (scope.originalNameScope) this.originalNameScopes.set(scope.originalNameScope, scope.name);
    return this.push(frame);
  }

  enterGetVariable(requested: string, fullName: string, variableScope: string, reuse: unknown): GetVariableFrame {
    const frame = new GetVariableFrame(
      this.top,
      requested,
      fullName,
      variableScope,
      reuseValue(reuse),
      this.graph.getNameScope(),
      callSitesCaptured() ? callSite() : undefined,
    );
    return this.push(frame);
  }

  /** `op` came whole from `origin` (an importGraphDef call): its name is the one a GraphDef held. */
  noteOrigin(op: Operation, origin: OriginFrame): void {
    const rec = this.ops.get(op);
    if (rec instanceof OpEntry)
      this.ops.set(op, new OpEntry(origin, rec.requested, rec.byDefault, rec.taken, rec.site));
  }

  private push<F extends Frame>(frame: F): F {
    this.frameCount++;
    this.top = frame;
    return frame;
  }

  /** Leaves `frame` (scopes exit in order, also when their body throws). */
  exit(frame: Frame): void {
    this.top = frame.parent;
  }

  /** Graph.createOp: `requested` is the name asked for, `name` the one the op got. */
  noteOp(op: Operation, requested: string, byDefault: boolean): void {
    this.opCount++;
    const top = this.top;
    if (top instanceof NameScopeFrame && requested === `${top.scope}/`) {
      this.ops.set(op, top);
      return;
    }
    const absolute = requested.endsWith("/");
    const outer = this.graph.getNameScope();
    const wanted = absolute ? op.name : outer ? `${outer}/${requested}` : requested;
    const site = callSitesCaptured() ? callSite() : undefined;
    this.ops.set(op, new OpEntry(top, requested, byDefault, wanted === op.name ? undefined : wanted, site));
  }

  /** variable_scope.py: _VariableStore._get_single_variable found `variable`: the current getVariable reused it. */
  noteReuse(variable: Operation): void {
    const frame = this.innermost(GetVariableFrame);
    if (!frame) return;
    let list = this.reuses.get(variable);
    if (!list) {
      list = [];
      this.reuses.set(variable, list);
    }
    const events = list;
    events.push({ frame });
    this.graph.recordUndo(() => events.pop());
  }

  /** The innermost frame of a kind on the stack. */
  innermost<F extends Frame>(kind: abstract new (...args: never[]) => F): F | null {
    for (let f = this.top; f; f = f.parent) if (f instanceof kind) return f;
    return null;
  }

  /** The variable scope in effect: the innermost one entered, else the root's. */
  currentVariableScope(): { name: string; reuse: ReuseValue } {
    const frame = this.innermost(VariableScopeFrame);
    const scope = frame?.scope ?? this.rootScope;
    return { name: scope?.name ?? "", reuse: reuseValue(scope?.reuse ?? false) };
  }

  /** The variable scope whose own reuse option is in effect (the innermost given one), or null. */
  reuseSetBy(): VariableScopeFrame | null {
    for (let f = this.top; f; f = f.parent) if (f instanceof VariableScopeFrame && f.reuseArg !== null) return f;
    return null;
  }

  /** True while a getVariable call is being served (its Variable is made by the store, not by `new tf.Variable`). */
  insideGetVariable(): boolean {
    for (let f = this.top; f; f = f.parent) {
      if (f instanceof GetVariableFrame) return true;
      if (f instanceof VariableScopeFrame) return false;
    }
    return false;
  }

  noteSlot(entry: SlotEntry): void {
    this.slots.push(entry);
    this.graph.recordUndo(() => this.slots.pop());
  }
}

export function reuseValue(reuse: unknown): ReuseValue {
  if (typeof reuse === "symbol") return "AUTO_REUSE";
  return reuse === true;
}

const records = new WeakMap<Graph, NameRecord>();

/** The record of `graph` (made on first use). */
export function nameRecordOf(graph: Graph): NameRecord {
  let record = records.get(graph);
  if (!record) {
    record = new NameRecord(graph);
    records.set(graph, record);
  }
  return record;
}
