// variable_scope.py: get_variable, get_local_variable, no_regularizer; variables.py: global_variables,
// trainable_variables, local_variables, variables_initializer, global_variables_initializer.

import { ValueError } from "../errors";
import type { DTypeLike } from "../framework/dtypes";
import { asDType } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import type { Operation } from "../framework/operation";
import { group, noOp } from "../ops/control-flow-ops";
import { convertToTensor, type TensorLike } from "../ops/op-builder";
import { getVariableScope, type Regularizer, type ReuseMode } from "../scopes/variable-scope";
import { messages } from "./messages";
import type { Variable } from "./variable";
import { defaultVariableStore } from "./variable-store";

export interface GetVariableOptions {
  shape?: readonly (number | null)[] | null;
  dtype?: DTypeLike | null;
  /** An initializer (`tf.initializers.*`), a function of no arguments, or a value (number, array, Tensor). */
  initializer?: unknown;
  regularizer?: Regularizer | null;
  trainable?: boolean | null;
  collections?: readonly string[] | null;
  validateShape?: boolean;

  customGetter?: ((getter: any, name: string, ...rest: any[]) => any) | null;
  /** Only for custom getters that forward `reuse`; get_variable itself takes reuse from the scope. */
  reuse?: ReuseMode | null;
}

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
 * regularizer, dtype and custom getter. Returns what the (custom) getter returns, a Variable by default.
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
  return graph.atomically(() =>
    scope.getVariable(defaultVariableStore(graph), name, options, () => {
      // VariableScope.get_variable: an explicit dtype and an initializer value must agree (this converts the
      // value, as TF does, leaving a `Const` in the graph).
      const { dtype, initializer } = options;
      if (dtype && initializer !== null && initializer !== undefined && typeof initializer !== "function") {
        const initDtype = convertToTensor(initializer as TensorLike).dtype;
        const wanted = asDType(dtype);
        if (initDtype !== wanted) {
          // variable_scope.py: VariableScope.get_variable
          throw new ValueError(messages.initializerDtypeMismatch(initDtype, wanted));
        }
      }
    }),
  ) as Variable;
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

/** variables.py: global_variables(scope=None) */
export function globalVariables(scope?: string | null): Variable[] {
  return getDefaultGraph().getCollection<Variable>(GraphKeys.GLOBAL_VARIABLES, scope);
}
/** variables.py: trainable_variables(scope=None) */
export function trainableVariables(scope?: string | null): Variable[] {
  return getDefaultGraph().getCollection<Variable>(GraphKeys.TRAINABLE_VARIABLES, scope);
}
/** variables.py: local_variables(scope=None) */
export function localVariables(scope?: string | null): Variable[] {
  return getDefaultGraph().getCollection<Variable>(GraphKeys.LOCAL_VARIABLES, scope);
}

/** variables.py: variables_initializer(var_list, name="init"): a NoOp with a control input on each initializer. */
export function variablesInitializer(varList: readonly Variable[], name = "init"): Operation {
  if (varList.length > 0)
    return group(
      varList.map((v) => v.initializer),
      name,
    );
  return noOp(name);
}

/** variables.py: global_variables_initializer(): `variablesInitializer(globalVariables())`, a NoOp named `init`. */
export function globalVariablesInitializer(): Operation {
  return variablesInitializer(globalVariables());
}

/** variables.py: local_variables_initializer(): named `init` as well, as TF1 names it. */
export function localVariablesInitializer(): Operation {
  return variablesInitializer(localVariables());
}
