// variables.py / lookup_ops.py (TF 1.15): the old top-level variable helpers TF1 programs still call:
// initialize_all_variables, initialize_variables, initialize_local_variables, all_variables, model_variables,
// moving_average_variables, assert_variables_initialized, report_uninitialized_variables, tables_initializer.
import { string } from "../framework/dtypes";
import { getDefaultGraph } from "../framework/graph";
import { GraphKeys } from "../framework/graph-keys";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import { booleanMask } from "../ops/array-mask-ops";
import { constant, rankInternal } from "../ops/array-ops";
import { group, noOp } from "../ops/control-flow-ops";
import { logicalNot } from "../ops/math-ops";
import { opDefs } from "../ops/op-defs";
import { stack } from "../ops/slicing-ops";
import { isVariableInitialized } from "../ops/state-ops";
import { device } from "../scopes/device";
import { nameScope } from "../scopes/name-scope";
import type { Variable } from "./variable";
import {
  globalVariables,
  globalVariablesInitializer,
  localVariables,
  localVariablesInitializer,
  variablesInitializer,
} from "./variable-collections";

/** Something whose initialization state can be checked: a Variable, or an old-style variable op's ref output. */
type VariableLike = Variable | Tensor;

/** variables.py: initialize_all_variables() (deprecated 2017-03-02): global_variables_initializer(), named `init`. */
export function initializeAllVariables(): Operation {
  return globalVariablesInitializer();
}

/** variables.py: initialize_variables(var_list, name="init") (deprecated): variables_initializer. */
export function initializeVariables(varList: readonly Variable[], name = "init"): Operation {
  return variablesInitializer(varList, name);
}

/** variables.py: initialize_local_variables() (deprecated): local_variables_initializer(). */
export function initializeLocalVariables(): Operation {
  return localVariablesInitializer();
}

/** variables.py: all_variables() (deprecated): global_variables(). */
export function allVariables(): Variable[] {
  return globalVariables();
}

/** variables.py: model_variables(scope=None): the MODEL_VARIABLES collection. */
export function modelVariables(scope?: string | null): Variable[] {
  return getDefaultGraph().getCollection<Variable>(GraphKeys.MODEL_VARIABLES, scope);
}

/** variables.py: moving_average_variables(scope=None): the MOVING_AVERAGE_VARIABLES collection. */
export function movingAverageVariables(scope?: string | null): Variable[] {
  return getDefaultGraph().getCollection<Variable>(GraphKeys.MOVING_AVERAGE_VARIABLES, scope);
}

/** The default var_list: global + local variables, else (old-style graphs) every variable op's output. */
function defaultVarList(): VariableLike[] {
  const list: VariableLike[] = [...globalVariables(), ...localVariables()];
  if (list.length > 0) return list;
  return getDefaultGraph()
    .getOperations()
    .filter((op) => op.type === opDefs.VariableV2.type)
    .map((op) => op.outputs[0]);
}

/** The `op` of a Variable or a ref tensor. */
const opOf = (v: VariableLike): Operation => v.op;

/**
 * variables.py: assert_variables_initialized(var_list=None): a `Rank` (optimize=False) of each variable, colocated
 * with it, stacked when more than one; running it fails on an uninitialized variable. `null` when there are none.
 */
export function assertVariablesInitialized(varList?: readonly VariableLike[] | null): Tensor | null {
  let list: readonly VariableLike[] = varList ?? [...globalVariables(), ...localVariables()];
  if (list.length === 0) list = defaultVarList();
  if (list.length === 0) return null;
  const graph = getDefaultGraph();
  const ranks = list.map((v) => graph.colocateWith(opOf(v), () => rankInternal(v, { optimize: false })));
  return ranks.length === 1 ? ranks[0] : stack(ranks);
}

/**
 * variables.py: report_uninitialized_variables(var_list=None, name="report_uninitialized_variables"): a 1-D
 * string tensor of the uninitialized variables' op names (on /cpu:0, as TF places it); empty when there are none.
 */
export function reportUninitializedVariables(
  varList?: readonly VariableLike[] | null,
  name = "report_uninitialized_variables",
): Tensor {
  const list: readonly VariableLike[] = varList ?? defaultVarList();
  return nameScope(name, () => {
    const initVars = list.map((v) => isVariableInitialized(v));
    return device("/cpu:0", () => {
      // An empty tensor, so that a ready check only needs the size of the result.
      if (list.length === 0) return constant([], { dtype: string });
      const variablesMask = logicalNot(stack(initVars));
      const variableNames = constant(list.map((v) => opOf(v).name));
      return booleanMask(variableNames, variablesMask);
    });
  });
}

/** lookup_ops.py: tables_initializer(name="init_all_tables"): groups TABLE_INITIALIZERS, a NoOp when empty. */
export function tablesInitializer(name = "init_all_tables"): Operation {
  const initializers = getDefaultGraph().getCollection<Operation>(GraphKeys.TABLE_INITIALIZERS);
  return initializers.length > 0 ? group(initializers, name) : noOp(name);
}
