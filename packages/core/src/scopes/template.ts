// template.py (TF 1.15): make_template and Template (graph mode): a function whose variables are created on the
// first call, in a variable scope made unique then (or at construction with createScopeNow), and reused after.
import { ValueError } from "../errors";
import { getDefaultGraph } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import type { Variable } from "../variables/variable";
import { pureUniqueVariableScope, type VariableScope, variableScope } from "./variable-scope";
import type { CustomGetter } from "./variable-store";

export interface MakeTemplateOptions {
  /** TF's `create_scope_now_`: capture the variable scope now rather than at the first call. */
  createScopeNow?: boolean;
  /** TF's `unique_name_`: the scope name, used as it is (not made unique). */
  uniqueName?: string | null;
  /** TF's `custom_getter_`: a custom getter for the template's variable scope. */
  customGetter?: CustomGetter | null;
}

/** The definition site, shown after a failing call's message as TF appends it ("originally defined at:"). */
function definitionTrace(): string {
  const lines = (new Error().stack ?? "").split("\n").slice(3);
  return lines.map((l) => `${l.trim()}\n`).join("");
}

/** template.py: Template (graph mode). */
export class Template<A extends unknown[] = any[], R = any> {
  readonly func: (...args: A) => R;
  private readonly _name: string;
  private readonly uniqueName: string | null;
  private readonly customGetter: CustomGetter | null;
  private readonly stacktrace: string;
  private _variableScope: VariableScope | null = null;
  private variablesCreated = false;
  private firstCall = true;

  constructor(name: string | null, func: (...args: A) => R, options: MakeTemplateOptions = {}) {
    this.func = func;
    this.stacktrace = definitionTrace();
    // template.py: Template.__init__
    if (name === null || name === undefined) throw new ValueError("name cannot be None.");
    this._name = name;
    this.uniqueName = options.uniqueName ?? null;
    this.customGetter = options.customGetter ?? null;
    if (options.createScopeNow) {
      this._variableScope = pureUniqueVariableScope(this._name, this.uniqueName, this.customGetter, (vs) => vs);
    }
  }

  /** template.py: Template._call_func: after the first call, no new trainable variable may appear. */
  private callFunc(args: A): R {
    const graph = getDefaultGraph();
    try {
      if (this.variablesCreated) {
        const trainableAtStart = graph.getCollection(GraphKeys.TRAINABLE_VARIABLES).length;
        const result = this.func(...args);
        const trainable = graph.getCollection(GraphKeys.TRAINABLE_VARIABLES) as Variable[];
        if (trainableAtStart !== trainable.length) {
          const created = trainable
            .slice(trainableAtStart)
            .map((v) => `<tf.Variable '${v.name}' shape=${shapeText(v)} dtype=${v.dtype.name}_ref>`);
          // template.py: Template._call_func
          throw new ValueError(
            `Trainable variable created when calling a template after the first time, perhaps you used tf.Variable when you meant tf.get_variable: [${created.join(", ")}]`,
          );
        }
        return result;
      }
      this.firstCall = false;
      try {
        const result = this.func(...args);
        this.variablesCreated = true;
        return result;
      } catch (error) {
        this.firstCall = true;
        throw error;
      }
    } catch (error) {
      // template.py: Template._call_func re-raises with the original definition appended.
      if (error instanceof Error) error.message = `${error.message}\n\noriginally defined at:\n${this.stacktrace}`;
      throw error;
    }
  }

  /** template.py: Template.__call__ */
  call(...args: A): R {
    const graph = getDefaultGraph();
    return graph.atomically(() => {
      const state = { scope: this._variableScope, created: this.variablesCreated, first: this.firstCall };
      graph.recordUndo(() => {
        this._variableScope = state.scope;
        this.variablesCreated = state.created;
        this.firstCall = state.first;
      });
      if (this._variableScope) {
        // Only reuse variables if not on first call.
        return variableScope(this._variableScope, { reuse: !this.firstCall }, () => this.callFunc(args));
      }
      return variableScope(this.uniqueName, { defaultName: this._name, customGetter: this.customGetter }, (vs) => {
        this._variableScope = vs;
        return this.callFunc(args);
      });
    });
  }

  get name(): string {
    return this._name;
  }
  get variableScope(): VariableScope | null {
    return this._variableScope;
  }
  /** template.py: Template.variable_scope_name: with a trailing `/` against partial matches. */
  get variableScopeName(): string | null {
    if (!this._variableScope) return null;
    const name = this._variableScope.name;
    return !name || name.endsWith("/") ? name : `${name}/`;
  }
  private collection(key: string): Variable[] {
    if (!this.variablesCreated) return [];
    return getDefaultGraph().getCollection(key, this.variableScopeName ?? undefined) as Variable[];
  }
  get globalVariables(): Variable[] {
    return this.collection(GraphKeys.GLOBAL_VARIABLES);
  }
  get localVariables(): Variable[] {
    return this.collection(GraphKeys.LOCAL_VARIABLES);
  }
  get trainableVariables(): Variable[] {
    return this.collection(GraphKeys.TRAINABLE_VARIABLES);
  }
  get nonTrainableVariables(): Variable[] {
    const trainable = new Set(this.trainableVariables);
    return this.globalVariables.filter((v) => !trainable.has(v));
  }
  get variables(): Variable[] {
    return [...this.globalVariables, ...this.localVariables];
  }
  get weights(): Variable[] {
    return this.variables;
  }
  get trainableWeights(): Variable[] {
    return this.trainableVariables;
  }
  get nonTrainableWeights(): Variable[] {
    return this.nonTrainableVariables;
  }
}

function shapeText(v: Variable): string {
  const s = v.shape;
  if (s === null) return "<unknown>";
  return `(${s.map((d) => (d === null ? "?" : String(d))).join(", ")}${s.length === 1 ? "," : ""})`;
}

/** What makeTemplate returns: the wrapped function, with the Template's properties (`variables`, `variableScope`, ...). */
export type TemplateFunction<A extends unknown[], R> = ((...args: A) => R) & {
  readonly template: Template<A, R>;
  readonly variableScope: VariableScope | null;
  readonly variableScopeName: string | null;
  readonly variables: Variable[];
  readonly globalVariables: Variable[];
  readonly localVariables: Variable[];
  readonly trainableVariables: Variable[];
  readonly nonTrainableVariables: Variable[];
  readonly weights: Variable[];
  readonly trainableWeights: Variable[];
  readonly nonTrainableWeights: Variable[];
  readonly func: (...args: A) => R;
};

const DELEGATED = [
  "variableScope",
  "variableScopeName",
  "variables",
  "globalVariables",
  "localVariables",
  "trainableVariables",
  "nonTrainableVariables",
  "weights",
  "trainableWeights",
  "nonTrainableWeights",
  "func",
] as const;

/**
 * template.py: make_template(name_, func_, create_scope_now_=False, unique_name_=None, custom_getter_=None):
 * `func` wrapped so that it creates its variables (with get_variable) on the first call and shares them after.
 * TF's `**kwargs` bound to func become a closure in JavaScript.
 */
export function makeTemplate<A extends unknown[], R>(
  nameOfTemplate: string | null,
  func: (...args: A) => R,
  options: MakeTemplateOptions = {},
): TemplateFunction<A, R> {
  const template = new Template(nameOfTemplate, func, options);
  const wrapped = (...args: A) => template.call(...args);
  Object.defineProperty(wrapped, "name", { value: template.name });
  Object.defineProperty(wrapped, "template", { value: template });
  for (const key of DELEGATED) Object.defineProperty(wrapped, key, { get: () => template[key] });
  return wrapped as TemplateFunction<A, R>;
}
