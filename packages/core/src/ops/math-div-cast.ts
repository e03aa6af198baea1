// math_ops.py (TF 1.15): div_no_nan (tf.div_no_nan), and the deprecated casts to_float, to_int32, to_int64.
import { float32, int32, int64 } from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import { binaryOp } from "./elementwise";
import { cast } from "./math-ops";
import { checkDtypeAllowed } from "./nn-messages";
import { convertToTensor, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";

/** math_ops.cc: DivNoNan's T, in the order TF's message lists them. */
const DIV_NO_NAN_TYPES = ["float16", "float32", "float64", "complex64", "complex128"] as const;

/**
 * math_ops.py: div_no_nan(x, y, name=None): in scope `div_no_nan`, x and y converted (y to x's dtype), then a
 * `DivNoNan` named after the scope: x / y, and 0 where y is 0.
 */
export function divNoNan(x: TensorLike, y: TensorLike, name?: string): Tensor {
  return opScope(name, "div_no_nan", [x, y], (scope) => {
    const a = convertToTensor(x, { name: "x" });
    const b = convertToTensor(y, { name: "y", dtype: a.dtype });
    checkDtypeAllowed("x", a.dtype, DIV_NO_NAN_TYPES);
    return binaryOp(opDefs.DivNoNan.type, a, b, scope);
  });
}

/** math_ops.py: to_float(x, name="ToFloat"): `cast(x, tf.float32)`, a `Cast` named `ToFloat` (deprecated in TF). */
export function toFloat(x: TensorLike, name = "ToFloat"): Tensor {
  return cast(x, float32, name);
}

/** math_ops.py: to_int32(x, name="ToInt32"): `cast(x, tf.int32)`, a `Cast` named `ToInt32`. */
export function toInt32(x: TensorLike, name = "ToInt32"): Tensor {
  return cast(x, int32, name);
}

/** math_ops.py: to_int64(x, name="ToInt64"): `cast(x, tf.int64)`, a `Cast` named `ToInt64`. */
export function toInt64(x: TensorLike, name = "ToInt64"): Tensor {
  return cast(x, int64, name);
}
