// variables.py: global_variables, trainable_variables, local_variables, variables_initializer,
// global_variables_initializer, local_variables_initializer.
import { getDefaultGraph } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import type { Operation } from "../framework/operation";
import { group, noOp } from "../ops/control-flow-ops";
import type { Variable } from "./variable";

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
