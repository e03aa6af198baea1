// TF 1.15's messages for variable scopes (variable_scope.py), plus scopeflow's own, in one place.

export const messages = {
  /** variable_scope.py: variable_scope.__init__ */
  nameOrDefaultRequired: () => "If default_name is None then name_or_scope is required",
  invalidReuse: () => "The reuse parameter must be True or False or None.",
  invalidAuxiliaryNameScope: (value: unknown) =>
    `The auxiliary_name_scope must be \`True\` or \`False\`, while get ${pyStr(value)}`,
  /** variable_scope.py: variable_scope._enter_scope_uncached */
  invalidNameOrScope: () => "VariableScope: name_or_scope must be a string or VariableScope.",
  reuseWithoutName: () => "reuse=True cannot be used without a name_or_scope",
  /** variable_scope.py: variable_op_scope / ops.py: op_scope (logged with console.warn) */
  variableOpScopeDeprecated: () =>
    "tf.variable_op_scope(values, name, default_name) is deprecated, use tf.variable_scope(name, default_name, values)",
  opScopeDeprecated: () =>
    "tf.op_scope(values, name, default_name) is deprecated, use tf.name_scope(name, default_name, values)",
};

/** Python's str() of a value, as TF's format() would print it. */
function pyStr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  return String(value);
}
