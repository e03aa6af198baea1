// contrib/framework/python/ops/variables.py (TF 1.15): variable, model_variable, get_variables, get_model_variables.
import type { DTypeLike } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import { getVariable } from "../scopes/get-variable";
import { getVariableScope, VariableScope } from "../scopes/variable-scope";
import type { GetterResult, GetVariableOptions, Regularizer } from "../scopes/variable-store";
import type { Variable } from "../variables/variable";
import { addArgScope } from "./arg-scope";

export interface ContribVariableOptions {
  shape?: readonly (number | null)[] | null;
  dtype?: DTypeLike | null;
  initializer?: unknown;
  regularizer?: Regularizer | null;
  trainable?: boolean;
  collections?: readonly string[] | null;
  /** Kept for TF's signature: placement is not simulated. */
  device?: string | null;
  /** The next getter (`getter(name, options)`), called in place of get_variable; it gets the scope's reuse. */
  customGetter?: ((name: string, options: GetVariableOptions) => GetterResult) | null;
}

const VARIABLE_KWARGS = [
  "shape",
  "dtype",
  "initializer",
  "regularizer",
  "trainable",
  "collections",
  "device",
  "customGetter",
];

/** variables.py: variable(name, shape=None, dtype=None, initializer=None, ...): get_variable in `collections`. */
function variableImpl(name: string, options: ContribVariableOptions = {}): Variable {
  // `list(set(collections))`: duplicates removed (TF's order is a set's; first occurrence here).
  const collections = [...new Set(options.collections ?? [GraphKeys.GLOBAL_VARIABLES])];
  const args: GetVariableOptions = {
    shape: options.shape ?? null,
    dtype: options.dtype ?? null,
    initializer: options.initializer ?? null,
    regularizer: options.regularizer ?? null,
    trainable: options.trainable ?? true,
    collections,
  };
  if (options.customGetter) {
    return options.customGetter(name, { ...args, reuse: getVariableScope().reuse }) as Variable;
  }
  return getVariable(name, args);
}

/** variables.py: model_variable(name, ...): a variable also in MODEL_VARIABLES (float32 unless given). */
function modelVariableImpl(name: string, options: ContribVariableOptions = {}): Variable {
  const collections = [...(options.collections ?? []), GraphKeys.GLOBAL_VARIABLES, GraphKeys.MODEL_VARIABLES];
  return variable(name, { ...options, dtype: options.dtype ?? "float32", collections });
}

/** `slim.variable(name, { shape?, dtype?, initializer?, regularizer?, trainable?, collections?, ... })` (arg-scoped). */
export const variable = /* @__PURE__ */ addArgScope(variableImpl, { name: "variable", kwargNames: VARIABLE_KWARGS });
/** `slim.modelVariable(name, { shape?, ... })`: in GLOBAL_VARIABLES and MODEL_VARIABLES (arg-scoped). */
export const modelVariable = /* @__PURE__ */ addArgScope(modelVariableImpl, {
  name: "model_variable",
  kwargNames: VARIABLE_KWARGS,
});

/** variables.py: get_variables(scope=None, suffix=None, collection=GLOBAL_VARIABLES) */
export function getVariables(
  scope: string | VariableScope | null = null,
  suffix: string | null = null,
  collection: string = GraphKeys.GLOBAL_VARIABLES,
): Variable[] {
  let filter = scope instanceof VariableScope ? scope.name : scope;
  if (suffix !== null) {
    const s = suffix.includes(":") ? suffix : `${suffix}:`;
    filter = `${filter ?? ""}.*${s}`;
  }
  return getDefaultGraph().getCollection(collection, filter ?? undefined) as Variable[];
}

/** variables.py: get_model_variables(scope=None, suffix=None) */
export function getModelVariables(
  scope: string | VariableScope | null = null,
  suffix: string | null = null,
): Variable[] {
  return getVariables(scope, suffix, GraphKeys.MODEL_VARIABLES);
}

/** variables.py: get_trainable_variables(scope=None, suffix=None) */
export function getTrainableVariables(
  scope: string | VariableScope | null = null,
  suffix: string | null = null,
): Variable[] {
  return getVariables(scope, suffix, GraphKeys.TRAINABLE_VARIABLES);
}
