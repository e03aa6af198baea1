// op_def_library.py: _apply_op_helper's conversion of inputs that share one type attr, with API.md's "JS numbers"
// rule: a plain JS value takes the dtype of the operands it meets, in any position, when every element fits it.
import type { DType } from "../framework/dtypes";
import { isTensorConvertible } from "../framework/graph";
import { Tensor } from "../framework/tensor";
import {
  type ArrayValue,
  commonValueDType,
  fitsDType,
  isPlainValue,
  pyTypeName,
  pyValueRepr,
  toNDArray,
  valueDType,
} from "../framework/tensor-value";
import { convertToTensor, type TensorLike } from "./op-builder";

/** The dtype `value` carries (a Tensor, Variable, NDArray or typed array), or undefined for a plain JS value. */
export function carriedDType(value: TensorLike): DType | undefined {
  if (value instanceof Tensor) return value.dtype;
  if (isTensorConvertible(value)) return value.asTensor().dtype;
  if (isPlainValue(value)) return undefined;
  return valueDType(value as ArrayValue);
}

/**
 * The dtype that the plain values among one op's same-typed operands meet: the first dtype an operand carries,
 * wherever it stands (Python's `1.0 - x` converts 1.0 to x's dtype through `__rsub__`), else the dtype TF infers
 * for all the plain values together (`tf.add(1, 2.5)` is float32, as Python's `tf.add(1.0, 2.5)`).
 */
export function operandDType(values: readonly TensorLike[]): DType | undefined {
  for (const v of values) {
    const dtype = carriedDType(v);
    if (dtype) return dtype;
  }
  const plain = values.filter((v): v is ArrayValue => isPlainValue(v));
  return plain.length > 0 ? commonValueDType(plain) : undefined;
}

/**
 * Converts operands that must share a dtype, in order (`names[i]` names a value's `Const`): each plain value
 * takes `operandDType` when it fits (else the dtype TF infers for it), the others keep their own. Agreement is
 * the caller's to check, with its op's message.
 */
export function convertOperands(values: readonly TensorLike[], names: readonly (string | undefined)[]): Tensor[] {
  const meets = operandDType(values);
  return values.map((v, i) =>
    convertToTensor(v, { name: names[i], preferredDtype: isPlainValue(v) ? meets : undefined }),
  );
}

/**
 * A Python wrapper's `x = ops.convert_to_tensor(x, name=name)` when the values after x are then converted to x's
 * dtype: a plain x takes the dtype the others carry (`operandDType`) when it fits.
 */
export function convertLeading(values: readonly TensorLike[], name?: string): Tensor {
  const preferredDtype = isPlainValue(values[0]) ? operandDType(values) : undefined;
  return convertToTensor(values[0], { name, preferredDtype });
}

/**
 * _apply_op_helper for single inputs sharing the type attr T (`x`, `y` of a binary op): T is inferred from the
 * first input (a plain one takes `operandDType` when it fits). A later plain value that does not fit T is TF's
 * "Expected T passed to parameter" TypeError; a later tensor of another dtype its "does not match" TypeError.
 */
export function convertSameTypeInputs(
  opType: string,
  values: readonly TensorLike[],
  argNames: readonly string[],
  constNames: readonly string[] = argNames,
): Tensor[] {
  const first = convertLeading(values, constNames[0]);
  const dtype = first.dtype;
  const rest = values.slice(1).map((value, k) => {
    const name = argNames[k + 1];
    if (isPlainValue(value)) {
      if (!fitsDType(value, dtype)) {
        // op_def_library.py: _apply_op_helper (converting a non-Tensor to the inferred type raised a TypeError)
        throw new TypeError(
          `Expected ${dtype.name} passed to parameter '${name}' of op '${opType}', got ${pyValueRepr(value)} of type '${pyTypeName(value)}' instead. Error: ${conversionError(value, dtype)}`,
        );
      }
      return convertToTensor(value, { name: constNames[k + 1], dtype });
    }
    const t = convertToTensor(value, { name: constNames[k + 1] });
    if (t.dtype !== dtype) {
      // op_def_library.py: _apply_op_helper (a Tensor of another dtype: ValueError, re-raised as this TypeError)
      throw new TypeError(
        `Input '${name}' of '${opType}' Op has type ${t.dtype.name} that does not match type ${dtype.name} of argument '${argNames[0]}'.`,
      );
    }
    return t;
  });
  return [first, ...rest];
}

/**
 * _apply_op_helper for a list input `N * T` (AddN's `inputs`, ConcatV2's and Pack's `values`): T is the first
 * tensor's dtype, which plain values take when they fit; values of other dtypes are TF's TypeError listing the
 * dtype of each.
 */
export function convertInputList(
  opType: string,
  argName: string,
  values: readonly TensorLike[],
  names: readonly (string | undefined)[],
): Tensor[] {
  const tensors = convertOperands(values, names);
  if (tensors.some((t) => t.dtype !== tensors[0].dtype)) {
    // op_def_library.py: _apply_op_helper
    throw new TypeError(
      `Tensors in list passed to '${argName}' of '${opType}' Op have types [${tensors.map((t) => t.dtype.name).join(", ")}] that don't all match.`,
    );
  }
  return tensors;
}

/** tensor_util.py: _AssertCompatible's message for a plain value that is not of `dtype`. */
function conversionError(value: ArrayValue, dtype: DType): string {
  try {
    toNDArray(value, dtype);
  } catch (err) {
    return (err as Error).message;
  }
  return "";
}
