// logging_ops.py, array_grad.py (TF 1.15): the gradients of Print (passes the input's gradient through, none for
// the data) and CheckNumerics (checks the gradient too).
import type { GradTable } from "../gradients/grad-types";
import { checkNumerics } from "./logging-ops";

export const loggingGrads: GradTable = {
  // logging_ops.py: _PrintGrad
  Print: (op, grads) => [grads[0], ...op.inputs.slice(1).map(() => null)],
  // array_grad.py: _CheckNumericsGrad
  CheckNumerics: (op, grads) => [
    checkNumerics(
      grads[0],
      `Not a number (NaN) or infinity (Inf) values detected in gradient. ${String(op.attrs.message)}`,
    ),
  ],
};
