// Public API of src/variables, re-exported by src/index.ts.

export { controlDependencies, group, noOp } from "../ops/control-flow-ops";
export { randomNormal, randomUniform, truncatedNormal } from "../ops/random-ops";
export { assign, assignAdd, assignSub, isVariableInitialized } from "../ops/state-ops";
export {
  type GetVariableOptions,
  getLocalVariable,
  getVariable,
  globalVariables,
  globalVariablesInitializer,
  localVariables,
  localVariablesInitializer,
  noRegularizer,
  trainableVariables,
  variablesInitializer,
} from "./get-variable";
export { type Initializer, initializers } from "./initializers";
export { getSeed, setRandomSeed } from "./random-seed";
export { type InitialValue, Variable, type VariableOptions } from "./variable";
