// variable_scope.py: VariableScope, _VariableScopeStore, get_variable_scope, _pure_variable_scope, variable_scope,
// _get_unique_variable_scope, _maybe_wrap_custom_getter, variable_op_scope.
import { RuntimeError, ValueError } from "../errors";
import { asDType, type DType, type DTypeLike, float32 } from "../framework/dtypes";
import { type Graph, getDefaultGraph } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import { lintMessages } from "../framework/lint-messages";
import { type AuxiliaryNameScope, nameRecordOf, reuseValue, type VariableScopeEntry } from "../framework/name-record";
import { runScopeBody } from "../framework/scope-body";
import { checkGetVariable, reportLint } from "../framework/scope-lint";
import { fitsDType, isPlainValue, toNDArray } from "../framework/tensor-value";
import { convertToTensor, type TensorLike } from "../ops/op-builder";
import type { Partitioner } from "../variables/partitioned-variable";
import { graphFromInputs } from "./graph-from-inputs";
import { messages } from "./messages";
import {
  AUTO_REUSE,
  type CustomGetter,
  type GetterResult,
  type GetVariableOptions,
  type Regularizer,
  type ReuseMode,
  type VariableStore,
} from "./variable-store";

interface VariableScopeInit {
  name?: string;
  initializer?: unknown;
  regularizer?: Regularizer | null;
  customGetter?: CustomGetter | null;
  nameScope?: string;
  dtype?: DType;
  partitioner?: Partitioner | null;
}

/** variable_scope.py: VariableScope: the defaults get_variable uses inside a variable scope. */
export class VariableScope {
  private _reuse: ReuseMode;
  private _initializer: unknown;
  private _regularizer: Regularizer | null;
  private _customGetter: CustomGetter | null;
  private _dtype: DType;
  private _partitioner: Partitioner | null;
  readonly name: string;
  /** The name scope this variable scope opened when it was first entered ("" at the root, "a/b/"). */
  readonly originalNameScope: string;

  constructor(reuse: ReuseMode, init: VariableScopeInit = {}) {
    this._reuse = reuse;
    this.name = init.name ?? "";
    this._initializer = init.initializer ?? null;
    this._regularizer = init.regularizer ?? null;
    this._customGetter = init.customGetter ?? null;
    this.originalNameScope = init.nameScope ?? "";
    this._dtype = init.dtype ?? float32;
    this._partitioner = init.partitioner ?? null;
  }

  get reuse(): ReuseMode {
    return this._reuse;
  }
  get initializer(): unknown {
    return this._initializer;
  }
  get regularizer(): Regularizer | null {
    return this._regularizer;
  }
  get dtype(): DType {
    return this._dtype;
  }
  get customGetter(): CustomGetter | null {
    return this._customGetter;
  }
  get partitioner(): Partitioner | null {
    return this._partitioner;
  }

  /** VariableScope.reuse_variables */
  reuseVariables(): void {
    this._reuse = true;
  }
  setInitializer(initializer: unknown): void {
    this._initializer = initializer;
  }
  setDtype(dtype: DTypeLike): void {
    this._dtype = asDType(dtype);
  }
  setRegularizer(regularizer: Regularizer | null): void {
    this._regularizer = regularizer;
  }
  setCustomGetter(customGetter: CustomGetter | null): void {
    this._customGetter = customGetter;
  }
  setPartitioner(partitioner: Partitioner | null): void {
    this._partitioner = partitioner;
  }

  /** VariableScope.get_collection: the default graph's collection, filtered to this scope's variables. */
  getCollection<T = unknown>(key: string): T[] {
    const scope = this.name ? `${this.name}/` : "";
    return getDefaultGraph().getCollection<T>(key, scope);
  }
  trainableVariables<T = unknown>(): T[] {
    return this.getCollection<T>(GraphKeys.TRAINABLE_VARIABLES);
  }
  globalVariables<T = unknown>(): T[] {
    return this.getCollection<T>(GraphKeys.GLOBAL_VARIABLES);
  }
  localVariables<T = unknown>(): T[] {
    return this.getCollection<T>(GraphKeys.LOCAL_VARIABLES);
  }

  /**
   * VariableScope.get_variable: applies this scope's defaults and prefixes the name with the scope's. The name
   * scope is reset while the variable is made, since variable names depend only on the variable scope.
   */
  getVariable(varStore: VariableStore, name: string, options: GetVariableOptions = {}): GetterResult {
    const regularizer = options.regularizer ?? this._regularizer;
    const customGetter = options.customGetter ?? this._customGetter;
    const reuse = options.reuse ?? this._reuse;
    const partitioner = options.partitioner ?? this._partitioner;
    const fullName = this.name ? `${this.name}/${name}` : name;
    const graph = getDefaultGraph();
    const record = nameRecordOf(graph);
    const frame = record.enterGetVariable(name, fullName, this.name, reuse);
    try {
      checkGetVariable(graph, frame);
      return this.getVariableIgnoringNameScope(varStore, fullName, options, {
        regularizer,
        customGetter,
        reuse,
        partitioner,
      });
    } finally {
      record.exit(frame);
    }
  }

  private getVariableIgnoringNameScope(
    varStore: VariableStore,
    fullName: string,
    options: GetVariableOptions,
    resolved: Pick<GetVariableOptions, "regularizer" | "customGetter" | "reuse" | "partitioner">,
  ): GetterResult {
    const { regularizer, customGetter, reuse, partitioner } = resolved;
    return getDefaultGraph().nameScope(null, () => {
      const { dtype } = options;
      const wanted = dtype ? asDType(dtype) : undefined;
      let initializer = options.initializer;
      if (wanted && isInitialValue(initializer)) {
        // An explicit dtype and an initializer value must agree before the scope's defaults replace them. This
        // converts the value, as TF does, leaving a `Const` in the graph; a plain JS value takes the explicit
        // dtype when it fits (API.md "JS numbers"), so only a non-integer meeting an integer dtype, or a Tensor,
        // NDArray or typed array of another dtype, disagrees.
        const plain = isPlainValue(initializer);
        const initDtype = convertToTensor(initializer, { preferredDtype: plain ? wanted : undefined }).dtype;
        if (initDtype !== wanted) {
          // variable_scope.py: VariableScope.get_variable
          throw new ValueError(messages.initializerDtypeMismatch(initDtype, wanted));
        }
      }
      initializer ??= this._initializer;
      // The store makes a variable of the value's own dtype (TF's variable_dtype=None), so the value carries it.
      if (wanted && isPlainValue(initializer) && fitsDType(initializer, wanted)) {
        initializer = toNDArray(initializer, wanted);
      }
      return varStore.getVariable(fullName, {
        shape: options.shape,
        dtype: wanted ?? this._dtype,
        initializer,
        regularizer,
        reuse,
        trainable: options.trainable,
        collections: options.collections,
        validateShape: options.validateShape,
        customGetter,
        partitioner,
      });
    });
  }

  toString(): string {
    return `<tf.VariableScope '${this.name}'>`;
  }
}

/** An initializer given as a value (number, array, Tensor, ...), not as a function. */
function isInitialValue(initializer: unknown): initializer is TensorLike {
  return initializer !== null && initializer !== undefined && typeof initializer !== "function";
}

// ---- the per-graph scope store ------------------------------------------------------------------------------

/** variable_scope.py: _VariableScopeStore: the current scope and how often each scope name was opened. */
interface ScopeStore {
  current: VariableScope;
  counts: Map<string, number>;
}

const scopeStores = new WeakMap<Graph, ScopeStore>();

/** variable_scope.py: get_variable_scope_store (one per graph, as TF keeps it in a graph collection). */
export function scopeStoreOf(graph: Graph): ScopeStore {
  let store = scopeStores.get(graph);
  if (!store) {
    store = { current: new VariableScope(false), counts: new Map() };
    scopeStores.set(graph, store);
    nameRecordOf(graph).rootScope = store.current;
  }
  return store;
}

/** variable_scope.py: get_variable_scope: the current VariableScope of the default graph. */
export function getVariableScope(): VariableScope {
  return scopeStoreOf(getDefaultGraph()).current;
}

function openVariableScope(store: ScopeStore, name: string): void {
  store.counts.set(name, (store.counts.get(name) ?? 0) + 1);
}

function closeVariableSubscopes(store: ScopeStore, name: string): void {
  for (const key of store.counts.keys()) {
    if (key.startsWith(`${name}/`)) store.counts.set(key, 0);
  }
}

/** variable_scope.py: _get_unique_variable_scope(prefix) */
function uniqueVariableScope(store: ScopeStore, prefix: string): string {
  const current = store.current;
  const name = current.name ? `${current.name}/${prefix}` : prefix;
  if ((store.counts.get(name) ?? 0) === 0) return prefix;
  let idx = 1;
  while ((store.counts.get(`${name}_${idx}`) ?? 0) > 0) idx += 1;
  return `${prefix}_${idx}`;
}

/** variable_scope.py: _maybe_wrap_custom_getter: the new getter calls the outer one, which calls the true getter. */
function maybeWrapCustomGetter(customGetter: CustomGetter, oldGetter: CustomGetter | null): CustomGetter {
  if (!oldGetter) return customGetter;
  return (getter, name, ...rest) => customGetter((...inner) => oldGetter(getter, ...inner), name, ...rest);
}

// ---- variable_scope ----------------------------------------------------------------------------------------

export interface VariableScopeOptions {
  defaultName?: string | null;
  values?: readonly unknown[] | null;
  initializer?: unknown;
  regularizer?: Regularizer | null;
  reuse?: ReuseMode | null;
  dtype?: DTypeLike | null;
  customGetter?: CustomGetter | null;
  auxiliaryNameScope?: boolean;
  /** The partitioner get_variable uses inside the scope (inherited by sub-scopes). */
  partitioner?: Partitioner | null;
}

type Body<T> = (scope: VariableScope) => T;

interface PureOptions {
  reuse: ReuseMode | null;
  initializer?: unknown;
  regularizer?: Regularizer | null;
  customGetter?: CustomGetter | null;
  dtype: DType | null;
  partitioner?: Partitioner | null;
}

/**
 * `with tf.variable_scope(name_or_scope, ...) as scope:`. Opens a name scope (unless `auxiliaryNameScope` is
 * false) and a variable scope; re-entering a captured VariableScope keeps its name and opens a new name scope
 * named after its last component, as TF 1.15 does. The whole call is atomic: if the body throws, the graph keeps
 * no op, collection entry or name/scope counter from it.
 */
export function variableScope<T>(nameOrScope: string | VariableScope | null | undefined, body: Body<T>): T;
export function variableScope<T>(
  nameOrScope: string | VariableScope | null | undefined,
  options: VariableScopeOptions,
  body: Body<T>,
): T;
export function variableScope<T>(
  nameOrScope: string | VariableScope | null | undefined,
  optionsOrBody: VariableScopeOptions | Body<T>,
  maybeBody?: Body<T>,
): T {
  const options = typeof optionsOrBody === "function" ? {} : optionsOrBody;
  const body = (typeof optionsOrBody === "function" ? optionsOrBody : maybeBody) as Body<T>;
  const defaultName = options.defaultName ?? null;
  if (defaultName === null && (nameOrScope === null || nameOrScope === undefined)) {
    // variable_scope.py: variable_scope.__init__
    throw new TypeError(messages.nameOrDefaultRequired());
  }
  let reuse = options.reuse ?? null;
  if (reuse === false) reuse = null; // False means None: scopes always inherit reuse.
  if (!(reuse === true || reuse === null || reuse === AUTO_REUSE)) {
    // variable_scope.py: variable_scope.__init__
    throw new ValueError(messages.invalidReuse());
  }
  const graph = graphFromInputs(options.values ?? []);
  const auxiliaryNameScope = options.auxiliaryNameScope ?? true;
  if (typeof auxiliaryNameScope !== "boolean") {
    // variable_scope.py: variable_scope.__init__
    throw new TypeError(messages.invalidAuxiliaryNameScope(auxiliaryNameScope));
  }
  if (
    nameOrScope !== null &&
    nameOrScope !== undefined &&
    typeof nameOrScope !== "string" &&
    !(nameOrScope instanceof VariableScope)
  ) {
    // variable_scope.py: variable_scope._enter_scope_uncached
    throw new TypeError(messages.invalidNameOrScope());
  }
  if ((nameOrScope === null || nameOrScope === undefined) && reuse) {
    // variable_scope.py: variable_scope._enter_scope_uncached
    throw new ValueError(messages.reuseWithoutName());
  }
  if (options.reuse === false) checkReuseFalse(graph, nameOrScope ?? null, defaultName);
  const pure: PureOptions = {
    reuse,
    initializer: options.initializer,
    regularizer: options.regularizer,
    customGetter: options.customGetter,
    dtype: options.dtype ? asDType(options.dtype) : null,
    partitioner: options.partitioner,
  };
  const enter = () =>
    graph.atomically(() => enterUncached(graph, nameOrScope ?? null, defaultName, auxiliaryNameScope, pure, body));
  return graph === getDefaultGraph() ? enter() : graph.asDefault(enter);
}

/** scope tools: `reuse: false` under a reuse scope is read as None and changes nothing. */
function checkReuseFalse(graph: Graph, nameOrScope: string | VariableScope | null, defaultName: string | null): void {
  const outer = nameOrScope instanceof VariableScope ? nameOrScope : scopeStoreOf(graph).current;
  if (!outer.reuse) return;
  const requested = typeof nameOrScope === "string" ? nameOrScope : (nameOrScope?.name ?? defaultName ?? "");
  const message = lintMessages.reuseFalseIgnored(requested, outer.name, reuseValue(outer.reuse));
  reportLint(graph, "reuseFalseIgnored", requested, message);
}

/** How a variable scope was entered, for the scope tools' record. */
interface Entry {
  entry: VariableScopeEntry;
  requested: string;
  nameScope: AuxiliaryNameScope;
}

/** variable_scope.py: variable_scope._enter_scope_uncached */
function enterUncached<T>(
  graph: Graph,
  nameOrScope: string | VariableScope | null,
  defaultName: string | null,
  auxiliaryNameScope: boolean,
  pure: PureOptions,
  body: Body<T>,
): T {
  // Without an auxiliary name scope, the current name scope is re-entered (the root stays the root).
  let currentNameScope: string | null = null;
  if (!auxiliaryNameScope) {
    const nameScope = graph.getNameScope();
    currentNameScope = nameScope ? `${nameScope}/` : "";
  }
  const kept: AuxiliaryNameScope = currentNameScope === null ? "opened" : "kept";
  if (nameOrScope !== null) {
    const nameScope = typeof nameOrScope === "string" ? nameOrScope : (nameOrScope.name.split("/").at(-1) ?? "");
    const entry: VariableScopeEntry = typeof nameOrScope === "string" ? "name" : "scope";
    const requested = typeof nameOrScope === "string" ? nameOrScope : nameOrScope.name;
    if (nameScope || currentNameScope !== null) {
      return graph.nameScope(currentNameScope ?? nameScope, (entered) => {
        const oldNameScope = typeof nameOrScope === "string" ? entered : nameOrScope.originalNameScope;
        const how = { entry, requested, nameScope: kept };
        return pureVariableScope(graph, nameOrScope, pure, oldNameScope, how, body);
      });
    }
    // Only when entering the root variable scope.
    return pureVariableScope(graph, nameOrScope, pure, null, { entry, requested, nameScope: "none" }, body);
  }
  const prefix = defaultName as string;
  return graph.nameScope(currentNameScope ?? prefix, (entered) => {
    const unique = uniqueVariableScope(scopeStoreOf(graph), prefix);
    const how = { entry: "defaultName" as const, requested: prefix, nameScope: kept };
    return pureVariableScope(graph, unique, pure, entered, how, body);
  });
}

/** variable_scope.py: _pure_variable_scope: pushes the VariableScope (no name scope of its own). */
function pureVariableScope<T>(
  graph: Graph,
  nameOrScope: string | VariableScope,
  pure: PureOptions,
  oldNameScope: string | null,
  how: Entry,
  body: Body<T>,
): T {
  const store = scopeStoreOf(graph);
  const old = store.current;
  const countsBefore = new Map(store.counts);
  // If the call fails, the scope counters go back to what they were (Graph.atomically runs this).
  graph.recordUndo(() => {
    store.counts = countsBefore;
    store.current = old;
  });
  let scope: VariableScope;
  let newName: string;
  let oldSubscopes: Map<string, number> | null = null;
  if (nameOrScope instanceof VariableScope) {
    newName = nameOrScope.name;
    scope = new VariableScope(pure.reuse ? pure.reuse : nameOrScope.reuse, {
      name: newName,
      initializer: nameOrScope.initializer,
      regularizer: nameOrScope.regularizer,
      dtype: nameOrScope.dtype,
      customGetter: nameOrScope.customGetter,
      partitioner: nameOrScope.partitioner,
      nameScope: nameOrScope.originalNameScope,
    });
    applyOverrides(scope, pure, nameOrScope.customGetter);
    openVariableScope(store, newName);
    oldSubscopes = new Map(store.counts);
  } else {
    newName = old.name ? `${old.name}/${nameOrScope}` : nameOrScope;
    const reuse = pure.reuse || old.reuse; // reuse is inherited by sub-scopes
    scope = new VariableScope(reuse, {
      name: newName,
      initializer: old.initializer,
      regularizer: old.regularizer,
      dtype: old.dtype,
      customGetter: old.customGetter,
      partitioner: old.partitioner,
      nameScope: oldNameScope ?? nameOrScope,
    });
    applyOverrides(scope, pure, old.customGetter);
    openVariableScope(store, newName);
  }
  store.current = scope;
  const record = nameRecordOf(graph);
  const frame = record.enterVariableScope(how.entry, how.requested, scope, pure.reuse, how.nameScope);
  try {
    return runScopeBody(`variableScope('${newName}')`, body, scope);
  } finally {
    record.exit(frame);
    if (store.current !== scope) {
      // variable_scope.py: _pure_variable_scope.__exit__ (cannot happen with callback bodies)
      // biome-ignore lint/correctness/noUnsafeFinally: mirrors TF's nesting check
      throw new RuntimeError("Improper nesting of variable_scope.");
    }
    if (oldSubscopes) store.counts = oldSubscopes;
    else closeVariableSubscopes(store, newName);
    store.current = old;
  }
}

function applyOverrides(scope: VariableScope, pure: PureOptions, outerGetter: CustomGetter | null): void {
  if (pure.initializer !== null && pure.initializer !== undefined) scope.setInitializer(pure.initializer);
  if (pure.regularizer !== null && pure.regularizer !== undefined) scope.setRegularizer(pure.regularizer);
  if (pure.customGetter !== null && pure.customGetter !== undefined) {
    scope.setCustomGetter(maybeWrapCustomGetter(pure.customGetter, outerGetter));
  }
  if (pure.dtype) scope.setDtype(pure.dtype);
  if (pure.partitioner !== null && pure.partitioner !== undefined) scope.setPartitioner(pure.partitioner);
}

// ---- deprecated wrappers -----------------------------------------------------------------------------------

const warned = new Set<string>();
function warnOnce(key: string, text: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(text);
}

/**
 * variable_scope.py: variable_op_scope(values, name_or_scope, default_name=None, ...): deprecated; logs TF's
 * warning (once) and is `variableScope(nameOrScope, { defaultName, values, ... })`.
 */
export function variableOpScope<T>(
  values: readonly unknown[],
  nameOrScope: string | VariableScope | null | undefined,
  defaultName: string | null | undefined,
  optionsOrBody: Omit<VariableScopeOptions, "values" | "defaultName" | "auxiliaryNameScope"> | Body<T>,
  maybeBody?: Body<T>,
): T {
  warnOnce("variable_op_scope", messages.variableOpScopeDeprecated());
  const options = typeof optionsOrBody === "function" ? {} : optionsOrBody;
  const body = (typeof optionsOrBody === "function" ? optionsOrBody : maybeBody) as Body<T>;
  return variableScope(nameOrScope, { ...options, defaultName, values }, body);
}

export { warnOnce };

/**
 * template.py's `create_scope_now_`: `_pure_variable_scope(unique_name or _get_unique_variable_scope(prefix),
 * custom_getter=...)`, a variable scope with no name scope of its own, entered only to be captured.
 */
export function pureUniqueVariableScope<T>(
  prefix: string,
  uniqueName: string | null,
  customGetter: CustomGetter | null,
  body: Body<T>,
): T {
  const graph = getDefaultGraph();
  return graph.atomically(() => {
    const name = uniqueName ?? uniqueVariableScope(scopeStoreOf(graph), prefix);
    const pure: PureOptions = { reuse: null, customGetter, dtype: null };
    return pureVariableScope(graph, name, pure, null, { entry: "name", requested: name, nameScope: "none" }, body);
  });
}
