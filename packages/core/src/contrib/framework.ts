// contrib/framework/__init__.py (TF 1.15): `tf.contrib.framework`, the arg_scope tools, the variable helpers of
// contrib/framework/python/ops/variables.py and its (deprecated) global-step functions, which are tf.train's.

export {
  assertGlobalStep,
  createGlobalStep,
  getGlobalStep,
  getOrCreateGlobalStep,
} from "../train/training-util";
export {
  addArgScope,
  argScope,
  argScopedArguments,
  currentArgScope,
  hasArgScope,
} from "./arg-scope";
export * from "./framework-variables";
export { getModelVariables, getTrainableVariables, getVariables, modelVariable, variable } from "./variables";
