// contrib/slim/__init__.py (TF 1.15): `tf.contrib.slim`, the layers plus arg_scope and the model-variable helpers.

export { assertGlobalStep, createGlobalStep, getGlobalStep, getOrCreateGlobalStep } from "../train/training-util";
export {
  type AddArgScopeOptions,
  type ArgScope,
  addArgScope,
  argScope,
  argScopedArguments,
  currentArgScope,
  hasArgScope,
  keyOp,
} from "./arg-scope";
export * from "./contrib-layers";
// slim/__init__.py: `from ...framework.python.ops.variables import *`.
export * from "./framework-variables";
export { getModelVariables, getTrainableVariables, getVariables, modelVariable, variable } from "./variables";
