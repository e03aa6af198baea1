// Public API of src/ops, re-exported by src/index.ts.
export {};
export * from "./nn-index";
export {
  abs, add, addN, addV2, cast, divide, equal, exp, floor, floordiv, floormod, greater, greaterEqual, less, lessEqual, log, log1p,
  logicalAnd, logicalNot, logicalOr, matmul, maximum, minimum, multiply, negative, notEqual, pow, range, realdiv, reciprocal,
  rsqrt, scalarMul, sign, sqrt, square, squaredDifference, subtract, truediv, where,
} from "./math-ops";
export type { MatMulOptions, RangeOptions } from "./math-ops";
export { argmax, argmin, reduceAll, reduceAny, reduceMax, reduceMean, reduceMin, reduceProd, reduceSum } from "./reduction-ops";
export type { ArgOptions, Axis } from "./reduction-ops";
export {
  constant, expandDims, fill, identity, invertPermutation, ones, onesLike, placeholder, rank, reshape, shape, size, squeeze,
  stopGradient, transpose, zeros, zerosLike,
} from "./array-ops";
export type { ConstantOptions, LikeOptions, ShapeOptions } from "./array-ops";
export { concat, gather, pad, slice, stack, stridedSlice, tile, unsortedSegmentSum, unstack } from "./slicing-ops";
export type { GatherOptions, StridedSliceOptions } from "./slicing-ops";
