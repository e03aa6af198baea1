// array_ops.py / constant_op.py: constant, placeholder, identity.
import { asDType, type DTypeLike } from "../framework/dtypes";
import { asShape, type ShapeLike } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import type { ArrayValue } from "../framework/tensor-value";
import { constantOp, convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";

export interface ConstantOptions {
  dtype?: DTypeLike;
  shape?: readonly number[];
  name?: string;
}

/** constant_op.py: constant(value, dtype=None, shape=None, name="Const") */
export function constant(value: ArrayValue, options: ConstantOptions | string = {}): Tensor {
  const opts = typeof options === "string" ? { name: options } : options;
  return constantOp(value, opts.dtype, opts.shape ?? null, opts.name ?? "Const");
}

/** array_ops.py: placeholder(dtype, shape=None, name=None); a null shape is unknown rank. */
export function placeholder(dtype: DTypeLike, shape?: ShapeLike, name?: string): Tensor {
  const type = asDType(dtype);
  const static_ = asShape(shape);
  return opScope(name, "Placeholder", [], (scope) =>
    createOp("Placeholder", [], {
      name: scope,
      attrs: { dtype: type, shape: { shape: static_ } },
      outputs: [{ dtype: type, shape: static_ }],
    }).outputs[0],
  );
}

/** array_ops.py: identity(input, name=None) */
export function identity(input: TensorLike, name?: string): Tensor {
  return opScope(name, "Identity", [input], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    return createOp("Identity", [x], { name: scope, attrs: { T: x.dtype }, outputs: [{ dtype: x.dtype, shape: x.shape }] })
      .outputs[0];
  });
}
