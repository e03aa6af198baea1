// Public API of src/variables, re-exported by src/index.ts. get_variable lives with the variable scopes
// (scopes/get-variable.ts, as in variable_scope.py) and is re-exported here, where it has always been exported.

export { controlDependencies, group, noOp } from "../ops/control-flow-ops";
export { randomNormal, randomUniform, truncatedNormal } from "../ops/random-ops";
export { assign, assignAdd, assignSub, isVariableInitialized } from "../ops/state-ops";
export { getLocalVariable, getVariable, noRegularizer } from "../scopes/get-variable";
export type { GetVariableOptions } from "../scopes/variable-store";
export { type Initializer, initializers } from "./initializers";
export {
  allVariables,
  assertVariablesInitialized,
  initializeAllVariables,
  initializeLocalVariables,
  initializeVariables,
  modelVariables,
  movingAverageVariables,
  reportUninitializedVariables,
  tablesInitializer,
} from "./legacy-variables";
export {
  fixedSizePartitioner,
  type MinMaxPartitionerOptions,
  minMaxVariablePartitioner,
  PartitionedVariable,
  type Partitioner,
  type SaveSliceInfo,
} from "./partitioned-variable";
export { getSeed, setRandomSeed } from "./random-seed";
export { type InitialValue, Variable, type VariableOptions } from "./variable";
export {
  globalVariables,
  globalVariablesInitializer,
  localVariables,
  localVariablesInitializer,
  trainableVariables,
  variablesInitializer,
} from "./variable-collections";
