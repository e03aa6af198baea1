// TF 1.15's messages for variables (variables.py), in one place; the variable store's are in scopes/messages.ts.
import type { DType } from "../framework/dtypes";

export const messages = {
  /** variables.py: RefVariable._init_from_args */
  initialValueRequired: () => "initial_value must be specified.",
  initialValueShape: (tensor: string) => `initial_value must have a shape specified: ${tensor}`,
  /** variables.py: RefVariable._init_from_args (an initial value built inside a cond branch) */
  initialValueInControlFlow: (name: string) =>
    `Initializer for variable ${name} is from inside a control-flow construct, such as a loop or conditional. When creating a variable inside a loop or conditional, use a lambda as the initializer.`,
  collectionsNotList: (collections: unknown) =>
    `collections argument to Variable constructor must be a list, tuple, or set. Got ${String(collections)} of type ${typeof collections}`,
  /** variables.py: RefVariable._TensorConversionFunction */
  incompatibleConversion: (requested: DType, actual: DType) =>
    `Incompatible type conversion requested to type '${requested.name}' for variable of type '${actual.name}'`,
};
