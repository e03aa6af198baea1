// nn_ops.py (TF 1.15): in_top_k(predictions, targets, k, name=None): an `InTopKV2` (k an input) in scope `in_top_k`.
import { float32, int32, int64 } from "../framework/dtypes";
import { isTensorConvertible } from "../framework/graph";
import type { Shape } from "../framework/shape";
import { Tensor } from "../framework/tensor";
import { checkSameType } from "./elementwise";
import { checkDtypeAllowed, convertLike, dimsEqualMessage, rankMessage, shapeFnError } from "./nn-messages";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";

/**
 * nn_ops.py: in_top_k: whether each row's target class is among the k largest predictions. TF opens
 * `name_scope(name, "in_top_k")` and passes `name` on to gen_nn_ops.in_top_kv2, so the op is `in_top_k/InTopKV2`
 * by default and `<name>/<name>` when named.
 */
export function inTopK(predictions: TensorLike, targets: TensorLike, k: TensorLike, name?: string): Tensor {
  return opScope(name, "in_top_k", [], () =>
    opScope(name, opDefs.InTopKV2.type, [predictions, targets, k], (scope) => {
      const type = opDefs.InTopKV2.type;
      const given = predictions instanceof Tensor || isTensorConvertible(predictions);
      const p = convertToTensor(predictions, given ? {} : { name: "predictions", dtype: float32 });
      if (p.dtype !== float32) {
        // op_def_library.py: _apply_op_helper (an input of fixed type)
        throw new TypeError(
          `Input 'predictions' of '${type}' Op has type ${p.dtype.name} that does not match expected type of float32.`,
        );
      }
      const t = convertToTensor(targets, { name: "targets", preferredDtype: int32 });
      const kt = convertLike(k, "k", t.dtype);
      checkSameType(type, ["targets", "k"], [t, kt]);
      checkDtypeAllowed("targets", t.dtype, [int32.name, int64.name]);
      const opName = scope.slice(0, -1);
      // nn_ops.cc: InTopKV2's shape function: predictions rank 2, targets rank 1, their first dims merged.
      const ps = p.shape;
      const ts = t.shape;
      if (ps !== null && ps.length !== 2) throw shapeFnError(rankMessage(2, ps.length), opName, type, [p, t, kt]);
      if (ts !== null && ts.length !== 1) throw shapeFnError(rankMessage(1, ts.length), opName, type, [p, t, kt]);
      const a = ps?.[0] ?? null;
      const b = ts?.[0] ?? null;
      if (a !== null && b !== null && a !== b) throw shapeFnError(dimsEqualMessage(a, b), opName, type, [p, t, kt]);
      const out: Shape = [a ?? b];
      return createOp(opDefs.InTopKV2, [p, t, kt], { name: scope, attrs: { T: t.dtype }, shapes: [out] }).outputs[0];
    }),
  );
}
