// TF 1.15's messages for variables and the variable store (variable_scope.py, variables.py), in one place.
import type { DType } from "../framework/dtypes";
import { type Shape, shapeToString } from "../framework/shape";

export const messages = {
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
  noDefaultInitializer: (name: string, dtype: DType) => `An initializer for variable ${name} of ${dtype} is required`,
  /** variable_scope.py: _VariableStore.get_variable */
  customGetterNotCallable: (getter: unknown) => `Passed a custom_getter which is not callable: ${String(getter)}`,
  /** variable_scope.py: VariableScope.get_variable */
  initializerDtypeMismatch: (initDtype: DType, dtype: DType) =>
    `Initializer type '${initDtype}' and explicit dtype '${dtype}' don't match.`,
  /** variables.py: RefVariable._init_from_args */
  initialValueRequired: () => "initial_value must be specified.",
  initialValueShape: (tensor: string) => `initial_value must have a shape specified: ${tensor}`,
  collectionsNotList: (collections: unknown) =>
    `collections argument to Variable constructor must be a list, tuple, or set. Got ${String(collections)} of type ${typeof collections}`,
  /** tensor_util.py: make_tensor_proto */
  notConvertible: (value: unknown) =>
    `Failed to convert object of type <class 'object'> to Tensor. Contents: ${JSON.stringify(value)}. Consider casting elements to a supported type.`,
  /** variables.py: RefVariable._TensorConversionFunction */
  incompatibleConversion: (requested: DType, actual: DType) =>
    `Incompatible type conversion requested to type '${requested.name}' for variable of type '${actual.name}'`,
};
