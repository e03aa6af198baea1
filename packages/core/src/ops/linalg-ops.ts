// gen_linalg_ops.py: qr (linalg_ops.cc QrShapeFn), and gen_array_ops.py: diag_part (array_ops.cc DiagPart shape fn).
import { float16, float32, float64 } from "../framework/dtypes";
import type { Shape } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { useLinalgKernels } from "../kernels/reference/linalg";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";
import { shapeError } from "./shape-inference";

export interface QrOptions {
  fullMatrices?: boolean;
  name?: string;
}

/** gen_linalg_ops.py: qr(input, full_matrices=False, name=None): a `Qr` with outputs q and r. */
export function qr(input: TensorLike, options: QrOptions = {}): [Tensor, Tensor] {
  const full = options.fullMatrices ?? false;
  return opScope(options.name, opDefs.Qr.type, [input], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    if (![float16, float32, float64].includes(x.dtype)) {
      // op_def_library.py: _SatisfiesTypeConstraint
      throw new TypeError(
        `Value passed to parameter 'input' has DataType ${x.dtype.name} not in list of allowed values: float64, float32, float16, complex64, complex128`,
      );
    }
    let q: Shape = null;
    let r: Shape = null;
    const s = x.shape;
    if (s !== null) {
      if (s.length < 2) {
        // linalg_ops.cc: QrShapeFn (WithRankAtLeast)
        throw shapeError(`Shape must be at least rank 2 but is rank ${s.length}`, scope.slice(0, -1), opDefs.Qr.type, [
          x,
        ]);
      }
      const batch = s.slice(0, -2);
      const [m, n] = s.slice(-2);
      const p = m === null || n === null ? null : Math.min(m, n);
      q = full ? [...batch, m, m] : [...batch, m, p];
      r = full ? [...batch, m, n] : [...batch, p, n];
    }
    useLinalgKernels();
    const op = createOp(opDefs.Qr, [x], { name: scope, attrs: { full_matrices: full, T: x.dtype }, shapes: [q, r] });
    return [op.outputs[0], op.outputs[1]];
  });
}

/** gen_array_ops.py: diag_part(input, name=None): a `DiagPart`, `out[i] = input[i, i]` for rank 2k inputs. */
export function diagPart(input: TensorLike, name?: string): Tensor {
  return opScope(name, opDefs.DiagPart.type, [input], (scope) => {
    const x = convertToTensor(input, { name: "input" });
    const s = x.shape;
    let shape: Shape = null;
    if (s !== null) {
      const opName = scope.slice(0, -1);
      if (s.length % 2 !== 0 || s.length === 0) {
        // array_ops.cc: DiagPart shape function
        throw shapeError(
          `Input must have even and non-zero rank, input rank is ${s.length}`,
          opName,
          opDefs.DiagPart.type,
          [x],
        );
      }
      const mid = s.length / 2;
      shape = s.slice(0, mid).map((d, i) => {
        const e = s[i + mid];
        if (d !== null && e !== null && d !== e) {
          // array_ops.cc: DiagPart shape function (Merge)
          throw shapeError(`Dimensions must be equal, but are ${d} and ${e}`, opName, opDefs.DiagPart.type, [x]);
        }
        return d ?? e;
      });
    }
    useLinalgKernels();
    return createOp(opDefs.DiagPart, [x], { name: scope, attrs: { T: x.dtype }, shapes: [shape] }).outputs[0];
  });
}
