// Public API of src/variables, re-exported by src/index.ts.
export { Variable, type VariableOptions, type InitialValue } from "./variable";
export {
  getVariable,
  getLocalVariable,
  noRegularizer,
  globalVariables,
  trainableVariables,
  localVariables,
  variablesInitializer,
  globalVariablesInitializer,
  localVariablesInitializer,
  type GetVariableOptions,
} from "./get-variable";
export { initializers, type Initializer } from "./initializers";
export { setRandomSeed, getSeed } from "./random-seed";
export { assign, assignAdd, assignSub, isVariableInitialized } from "../ops/state-ops";
export { noOp, group } from "../ops/control-flow-ops";
export { randomUniform, randomNormal, truncatedNormal } from "../ops/random-ops";
