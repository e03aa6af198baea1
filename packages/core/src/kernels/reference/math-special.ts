// cwise_ops.h / cwise_op_*.cc: the trigonometric, hyperbolic and special-function kernels, the truncating and
// x-weighted binary kernels, and reduction_ops_euclidean_norm.cc, over the shared cwise and reduction loops.
import type { Kernel } from "../contract";
import { registerKernels } from "../lazy-kernel-registry";
import {
  type BinarySpec,
  binaryKernel,
  mapTable,
  nonZeroDivisor,
  type Reducer,
  reduceKernel,
  type UnarySpec,
  unaryKernel,
} from "./math";
import { digamma, erf, erfc, lgamma, polygamma, zeta } from "./special-functions";

/** cwise_ops.h: rint: round half to even (std::rint in the default rounding mode). */
function rint(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const UNARY = {
  Tan: { num: Math.tan },
  Asin: { num: Math.asin },
  Acos: { num: Math.acos },
  Atan: { num: Math.atan },
  Sinh: { num: Math.sinh },
  Cosh: { num: Math.cosh },
  Asinh: { num: Math.asinh },
  Acosh: { num: Math.acosh },
  Atanh: { num: Math.atanh },
  Erf: { num: erf },
  Erfc: { num: erfc },
  Lgamma: { num: lgamma },
  Digamma: { num: digamma },
  Expm1: { num: Math.expm1 },
  Rint: { num: rint },
} satisfies Record<string, UnarySpec>;

const BINARY = {
  Polygamma: { num: polygamma },
  Zeta: { num: zeta },
  Atan2: { num: Math.atan2 },
  // cwise_ops.h: truncate_div / truncate_mod: C++'s `/` and `%` (integers check the divisor, as safe_div does).
  TruncateDiv: {
    num: (a, b) => Math.trunc(a / b),
    int: (a, b) => Math.trunc(a / nonZeroDivisor(b)),
    big: (a, b) => a / nonZeroDivisor(b),
  },
  TruncateMod: {
    num: (a, b) => a % b,
    int: (a, b) => a % nonZeroDivisor(b),
    big: (a, b) => a % nonZeroDivisor(b),
  },
  // cwise_ops.h: xdivy / xlogy: 0 where x is 0, else x / y and x * log(y).
  Xdivy: { num: (x, y) => (x === 0 ? 0 : x / y) },
  Xlogy: { num: (x, y) => (x === 0 ? 0 : x * Math.log(y)) },
} satisfies Record<string, BinarySpec>;

/** reduction_ops_euclidean_norm.cc: sqrt of the sum of squares (integers truncate the root). */
const euclideanNorm: Reducer = {
  init: () => 0,
  step: (acc, v) => acc + v * v,
  finish: (acc, _n, dtype) => (dtype.isInteger ? Math.trunc(Math.sqrt(acc)) : Math.sqrt(acc)),
};

export const mathSpecialKernels = {
  ...mapTable(UNARY, unaryKernel),
  ...mapTable(BINARY, binaryKernel),
  EuclideanNorm: reduceKernel(euclideanNorm),
} satisfies Record<string, Kernel>;

/** Makes this family run in every Session (idempotent): the module that builds its ops calls it when loaded. */
export function useMathSpecialKernels(): void {
  registerKernels(mathSpecialKernels);
}
