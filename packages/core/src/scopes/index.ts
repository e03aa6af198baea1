// Public API of src/scopes, re-exported by src/index.ts.

export { opScope } from "./op-scope";
export {
  AUTO_REUSE,
  type CustomGetter,
  type Getter,
  getVariableScope,
  type Regularizer,
  type ReuseMode,
  VariableScope,
  type VariableScopeOptions,
  variableOpScope,
  variableScope,
} from "./variable-scope";
