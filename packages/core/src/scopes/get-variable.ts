// variable_scope.py: get_variable, get_local_variable, no_regularizer (module level: the current scope and the
// default graph's store).
import { getDefaultGraph } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import type { Variable } from "../variables/variable";
import { getVariableScope } from "./variable-scope";
import { defaultVariableStore, type GetVariableOptions } from "./variable-store";

/** A shape as get_variable takes it: a list of dims, or one number for a single dimension (TensorShape(1)). */
export type ShapeArg = readonly (number | null)[] | number | null;

function parseArgs(
  shapeOrOptions: ShapeArg | GetVariableOptions | undefined,
  options: GetVariableOptions | undefined,
): GetVariableOptions {
  if (typeof shapeOrOptions === "number") return { ...(options ?? {}), shape: [shapeOrOptions] };
  if (Array.isArray(shapeOrOptions) || shapeOrOptions === null)
    return { ...(options ?? {}), shape: shapeOrOptions as readonly number[] | null };
  return { ...((shapeOrOptions as GetVariableOptions | undefined) ?? {}), ...(options ?? {}) };
}

/**
 * variable_scope.py: get_variable(name, shape=None, dtype=None, initializer=None, ...): gets the variable
 * `scope/name` from the variable store, or creates it, following the current variable scope's reuse, initializer,
 * regularizer, dtype and custom getter. Atomic: if it throws, the graph keeps nothing from the call.
 */
export function getVariable(name: string, shape?: ShapeArg, options?: GetVariableOptions): Variable;
export function getVariable(name: string, options: GetVariableOptions): Variable;
export function getVariable(
  name: string,
  shapeOrOptions?: ShapeArg | GetVariableOptions,
  maybeOptions?: GetVariableOptions,
): Variable {
  const options = parseArgs(shapeOrOptions, maybeOptions);
  const graph = getDefaultGraph();
  const scope = getVariableScope();
  // Typed as TF1 code uses it; a custom getter may return a Tensor in its place (a cast, a sum).
  return graph.atomically(() => scope.getVariable(defaultVariableStore(graph), name, options)) as Variable;
}

/** variable_scope.py: get_local_variable: like get_variable, in LOCAL_VARIABLES and not trainable. */
export function getLocalVariable(name: string, shape?: ShapeArg, options?: GetVariableOptions): Variable;
export function getLocalVariable(name: string, options: GetVariableOptions): Variable;
export function getLocalVariable(
  name: string,
  shapeOrOptions?: ShapeArg | GetVariableOptions,
  maybeOptions?: GetVariableOptions,
): Variable {
  const options = parseArgs(shapeOrOptions, maybeOptions);
  const collections = options.collections
    ? [...options.collections, GraphKeys.LOCAL_VARIABLES]
    : [GraphKeys.LOCAL_VARIABLES];
  return getVariable(name, { ...options, trainable: false, collections });
}

/** variable_scope.py: no_regularizer: turns regularization off for a variable or a scope. */
export function noRegularizer(_variable: unknown): null {
  return null;
}
