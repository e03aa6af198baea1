// sparse_ops.py: sparse_to_dense (TF 1.15; deprecated there in favour of tf.sparse.to_dense, still what TF1 code and
// nn_impl.py's remove_accidental_hits build).
import { int32 } from "../framework/dtypes";
import type { Tensor } from "../framework/tensor";
import { useSparseKernels } from "../kernels/reference/sparse";
import { checkDtypeAllowed } from "./nn-messages";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { constantValueAsShape, shapeError } from "./shape-inference";

export interface SparseToDenseOptions {
  /** The value of every index not given (default 0). */
  defaultValue?: TensorLike;
  /** Check that the indices are in bounds, sorted and unique (default true). */
  validateIndices?: boolean;
  name?: string;
}

/**
 * sparse_ops.py: sparse_to_dense(sparse_indices, output_shape, sparse_values, default_value=0,
 * validate_indices=True, name=None): a dense tensor of `output_shape` holding `sparse_values` at `sparse_indices`.
 */
export function sparseToDense(
  sparseIndices: TensorLike,
  outputShape: TensorLike,
  sparseValues: TensorLike,
  options: SparseToDenseOptions = {},
): Tensor {
  return opScope(options.name, opDefs.SparseToDense.type, [sparseIndices, outputShape, sparseValues], (scope) => {
    const indices = convertToTensor(sparseIndices, { name: "sparse_indices", preferredDtype: int32 });
    const shapeT = convertToTensor(outputShape, { name: "output_shape", dtype: indices.dtype });
    const values = convertToTensor(sparseValues, { name: "sparse_values" });
    const fallback = convertToTensor(options.defaultValue ?? 0, { name: "default_value", dtype: values.dtype });
    checkDtypeAllowed("sparse_indices", indices.dtype, ["int32", "int64"]);
    const inputs = [indices, shapeT, values, fallback];
    if (shapeT.shape !== null && shapeT.shape.length !== 1) {
      // shape_inference.cc: MakeShapeFromShapeTensor (WithRank(input(1), 1))
      const message = `Shape must be rank 1 but is rank ${shapeT.shape.length}`;
      throw shapeError(message, scope.slice(0, -1), opDefs.SparseToDense.type, inputs);
    }
    useSparseKernels();
    return createOp(opDefs.SparseToDense, inputs, {
      name: scope,
      attrs: { validate_indices: options.validateIndices ?? true, T: values.dtype, Tindices: indices.dtype },
      shapes: [constantValueAsShape(shapeT)],
    }).outputs[0];
  });
}
