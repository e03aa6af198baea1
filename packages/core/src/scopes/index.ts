// Public API of src/scopes, re-exported by src/index.ts.
export {
  AUTO_REUSE,
  VariableScope,
  variableScope,
  getVariableScope,
  variableOpScope,
  type VariableScopeOptions,
  type CustomGetter,
  type Getter,
  type Regularizer,
  type ReuseMode,
} from "./variable-scope";
export { opScope } from "./op-scope";
