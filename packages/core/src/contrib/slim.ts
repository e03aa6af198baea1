// contrib/slim/__init__.py (TF 1.15): `tf.contrib.slim`, the layers plus arg_scope and the model-variable helpers.

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
export { getModelVariables, getTrainableVariables, getVariables, modelVariable, variable } from "./variables";
