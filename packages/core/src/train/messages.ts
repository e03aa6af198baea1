// optimizer.py, training_util.py: the errors the optimizers and the global step raise, word for word.
import { pyRepr } from "../errors";

/** Python's str() of a list of strings: ['a', "b'c"]. */
function pyList(items: string[]): string {
  return `[${items.map(pyRepr).join(", ")}]`;
}

export const messages = {
  /** optimizer.py: Optimizer.__init__ */
  nameRequired: () => "Must specify the optimizer name",
  /** optimizer.py: Optimizer.compute_gradients */
  noVariables: () => "No variables to optimize.",
  /** optimizer.py: Optimizer.apply_gradients */
  noVariablesProvided: () => "No variables provided.",
  /** optimizer.py: Optimizer.apply_gradients */
  noGradients: (variables: string[]) => `No gradients provided for any variable: (${pyList(variables)},).`,
  /** optimizer.py: Optimizer.minimize */
  noGradientsMinimize: (variables: string[], loss: string) =>
    `No gradients provided for any variable, check your graph for ops that do not support gradients, between variables ${pyList(variables)} and loss ${loss}.`,
  /** optimizer.py: Optimizer._assert_valid_dtypes */
  invalidType: (dtype: string, name: string) =>
    `Invalid type tf.${dtype} for ${name}, expected: [tf.float16, tf.bfloat16, tf.float32, tf.float64].`,
  /** optimizer.py: Optimizer.apply_gradients */
  gradientNotTensor: (grad: string) => `Gradient must be a Tensor, IndexedSlices, or None: ${grad}`,
  /** optimizer.py: _get_processor */
  noProcessor: (variable: string) => `Trying to optimize unsupported type ${variable}`,
  /** optimizer.py: Optimizer.compute_gradients */
  gateGradients: (value: unknown) =>
    `gate_gradients must be one of: Optimizer.GATE_NONE, Optimizer.GATE_OP, Optimizer.GATE_GRAPH.  Not ${String(value)}`,
  /** training_util.py: create_global_step */
  globalStepExists: () => '"global_step" already exists.',
  /** training_util.py: assert_global_step */
  globalStepNotVariable: (value: string) => `Existing "global_step" must be a Variable or Tensor: ${value}.`,
  /** training_util.py: assert_global_step */
  globalStepNotInteger: (value: string) => `Existing "global_step" does not have integer type: ${value}`,
  /** training_util.py: assert_global_step */
  globalStepNotScalar: (value: string) => `Existing "global_step" is not scalar: ${value}`,
  /** slot_creator.py: create_zeros_slot (a primary without a fully defined shape; scopeflow builds only static slots) */
  slotShapeUnknown: (variable: string) =>
    `Cannot create a slot for ${variable}: its shape is not fully defined; give the variable a static shape.`,
};

/** A number as Python's str(float) spells it in TF's messages (`0.0`, `-1.0`, `0.5`). */
export function pythonFloat(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

/** A number as Python's `%f` formats it (six decimals: `-0.100000`). */
export function pythonPercentF(value: number): string {
  return value.toFixed(6);
}
