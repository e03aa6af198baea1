// Public API of src/scopes, re-exported by src/index.ts (getVariable and its options through src/variables).

export { opScope } from "./op-scope";
export { type MakeTemplateOptions, makeTemplate, Template, type TemplateFunction } from "./template";
export {
  getVariableScope,
  VariableScope,
  type VariableScopeOptions,
  variableOpScope,
  variableScope,
} from "./variable-scope";
export { AUTO_REUSE, type CustomGetter, type Getter, type Regularizer, type ReuseMode } from "./variable-store";
