// TF 1.15's messages for variable scopes and the variable store (variable_scope.py), plus scopeflow's own, in one place.
import type { DType } from "../framework/dtypes";
import { type Shape, shapeToString } from "../framework/shape";

export const messages = {
  /** variable_scope.py: _VariableStore._get_partitioned_variable and _call_partitioner */
  partitionedUnpartitionedExists: (name: string) =>
    `A partitioner was provided, but an unpartitioned version of the variable was found: ${name}.  Perhaps a variable of the same name was already created without partitioning?`,
  partitionedAlreadyExists: (name: string) =>
    `Partitioned variable with name ${name} already exists. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?`,
  partitionedShapeMismatch: (name: string, shape: Shape, found: Shape) =>
    `Trying to reuse partitioned variable ${name}, but specified shape ${shapeToString(shape)} and found shape ${shapeToString(found)}.`,
  partitionedDtypeMismatch: (name: string, dtype: DType, found: DType) =>
    `Trying to reuse partitioned variable ${name}, but specified dtype ${dtype.name} and found dtype ${found.name}.`,
  partitionedDoesNotExist: (name: string) =>
    `PartitionedVariable ${name} does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=False or reuse=tf.AUTO_REUSE in VarScope?`,
  partitionShapeNotDefined: (shape: Shape) =>
    `Shape of a new partitioned variable must be fully defined, but instead was ${shapeToString(shape)}.`,
  partitionRankZero: (shape: Shape) =>
    `A partitioned Variable must have rank at least 1, shape: ${shapeToString(shape)}`,
  partitionListRank: (slicing: readonly number[], shape: Shape) =>
    `Partitioner returned a partition list that does not match the Variable's rank: [${slicing.join(", ")}] vs. ${shapeToString(shape)}`,
  partitionZero: (slicing: readonly number[]) =>
    `Partitioner returned zero partitions for some axes: [${slicing.join(", ")}]`,
  partitionTwoAxes: (shape: Shape, slicing: readonly number[]) =>
    `Can only slice a variable along one dimension: shape: ${shapeToString(shape)}, partitioning: [${slicing.join(", ")}]`,
  /** variable_scope.py: variable_scope.__init__ */
  nameOrDefaultRequired: () => "If default_name is None then name_or_scope is required",
  invalidReuse: () => "The reuse parameter must be True or False or None.",
  invalidAuxiliaryNameScope: (value: unknown) =>
    `The auxiliary_name_scope must be \`True\` or \`False\`, while get ${pyStr(value)}`,
  /** variable_scope.py: variable_scope._enter_scope_uncached */
  invalidNameOrScope: () => "VariableScope: name_or_scope must be a string or VariableScope.",
  reuseWithoutName: () => "reuse=True cannot be used without a name_or_scope",
  /** variable_scope.py: VariableScope.get_variable */
  initializerDtypeMismatch: (initDtype: DType, dtype: DType) =>
    `Initializer type '${initDtype}' and explicit dtype '${dtype}' don't match.`,
  /** variable_scope.py: _VariableStore.get_variable */
  customGetterNotCallable: (getter: unknown) => `Passed a custom_getter which is not callable: ${String(getter)}`,
  /** variable_scope.py: _VariableStore._get_single_variable (1.15 appends "Originally defined at:" and a traceback). */
  alreadyExists: (name: string) =>
    `Variable ${name} already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?`,
  doesNotExist: (name: string) =>
    `Variable ${name} does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?`,
  shapeMismatch: (name: string, specified: Shape, found: Shape) =>
    `Trying to share variable ${name}, but specified shape ${shapeToString(specified)} and found shape ${shapeToString(found)}.`,
  dtypeMismatch: (name: string, specified: DType, found: DType) =>
    `Trying to share variable ${name}, but specified dtype ${specified.name} and found dtype ${found.name}.`,
  constantWithShape: () => "If initializer is a constant, do not specify shape.",
  invalidInitializer: () =>
    "The initializer passed is not valid. It should be a callable with no arguments and the shape should not be provided or an instance of `tf.keras.initializers.*' and `shape` should be fully defined.",
  /** variable_scope.py: _VariableStore._get_default_initializer */
  noDefaultInitializer: (name: string, dtype: DType) => `An initializer for variable ${name} of ${dtype} is required`,
  /** tensor_util.py: make_tensor_proto (an initializer value the store cannot convert) */
  notConvertible: (value: unknown) =>
    `Failed to convert object of type <class 'object'> to Tensor. Contents: ${JSON.stringify(value)}. Consider casting elements to a supported type.`,
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
