// array_grad.py (TF 1.15): _DiagGrad, _DiagPartGrad, _MatrixDiagGrad, _MatrixDiagPartGrad, _MatrixSetDiagGrad, _MatrixBandPartGrad.
import type { GradFn, GradTable } from "../gradients/grad-types";
import { zeros, zerosLike } from "./array-ops";
import { diagPart } from "./linalg-ops";
import { diag, matrixBandPart, matrixDiag, matrixDiagPart, matrixSetDiag } from "./matrix-ops";

const merge = (a: number | null, b: number | null | undefined) => a ?? b ?? null;

/** _MatrixSetDiagGrad: the gradient with its diagonal zeroed (a static diag shape), and that diagonal. */
const matrixSetDiagGrad: GradFn = (op, [grad]) => {
  const input = op.inputs[0].shape;
  const g = grad.shape;
  const inputShape = input && g ? input.map((d, i) => merge(d, g[i])) : (input ?? g);
  const diagShape = op.inputs[1].shape;
  if (inputShape === null || diagShape === null) {
    throw new Error("MatrixSetDiag's gradient needs the static shapes of input or grad, and of diagonal");
  }
  const batch = inputShape.slice(0, -2).map((d, i) => merge(d, diagShape[i]));
  const matrix = inputShape.slice(-2);
  if ([...batch, ...matrix].includes(null)) {
    throw new Error("MatrixSetDiag's gradient needs fully defined static shapes");
  }
  const shape = [...(batch as number[]), Math.min(...(matrix as number[]))];
  const gradInput = matrixSetDiag(grad, zeros(shape, grad.dtype));
  const gradDiag = matrixDiagPart(grad);
  return [gradInput, gradDiag];
};

export const matrixGrads: GradTable = {
  Diag: (_op, [grad]) => [diagPart(grad)],
  DiagPart: (_op, [grad]) => [diag(grad)],
  MatrixDiag: (_op, [grad]) => [matrixDiagPart(grad)],
  MatrixDiagPart: (op, [grad]) => {
    const s = op.inputs[0].shape;
    const m = s?.slice(-2);
    if (m && m[0] !== null && m[0] === m[1]) return [matrixDiag(grad)];
    return [matrixSetDiag(zerosLike(op.inputs[0]), grad)];
  },
  MatrixSetDiag: matrixSetDiagGrad,
  MatrixBandPart: (op, [grad]) => [matrixBandPart(grad, op.inputs[1], op.inputs[2]), null, null],
};
