// Public API of src/ops, re-exported by src/index.ts.

export { broadcastTo, linspace, linspace as linSpace, roll } from "./array-extra-ops";
export { type BooleanMaskOptions, booleanMask, type SequenceMaskOptions, sequenceMask } from "./array-mask-ops";
export type { ConstantOptions, LikeOptions, ShapeOptions } from "./array-ops";
export {
  constant,
  expandDims,
  fill,
  identity,
  identityN,
  invertPermutation,
  ones,
  onesLike,
  placeholder,
  rank,
  reshape,
  setdiff1d,
  shape,
  size,
  squeeze,
  stopGradient,
  transpose,
  zeros,
  zerosLike,
} from "./array-ops";
export {
  type AssertCheckOptions,
  assertEqual,
  assertGreater,
  assertGreaterEqual,
  assertLess,
  assertLessEqual,
  assertNegative,
  assertNonNegative,
  assertPositive,
  assertRank,
  assertType,
} from "./check-ops";
export {
  type ClipByGlobalNormOptions,
  type ClipByNormOptions,
  clipByAverageNorm,
  clipByGlobalNorm,
  clipByNorm,
  clipByValue,
  globalNorm,
} from "./clip-ops";
export type { BranchFn, CondOptions, CondOutput, CondStructure } from "./cond";
export { cond } from "./cond";
export { type ConfusionMatrixOptions, confusionMatrix } from "./confusion-matrix";
export {
  Assert,
  type AssertOptions,
  type CaseOptions,
  case_ as case,
  type PredFnPair,
} from "./control-flow-case";
export * as debugging from "./debugging";
export type { FoldOptions, MapFnOptions, ScanOptions } from "./functional-ops";
export { foldl, mapFn, scan } from "./functional-ops";
export { gatherNd, scatterNd } from "./gather-scatter-nd-ops";
export { linalg } from "./linalg-index";
export { diagPart, type QrOptions, qr } from "./linalg-ops";
export {
  addCheckNumericsOps,
  checkNumerics,
  Print,
  type PrintOptions,
  verifyTensorAllFinite,
} from "./logging-ops";
export { divNoNan, toFloat, toInt32, toInt64 } from "./math-div-cast";
export { math } from "./math-index";
export type { CumsumOptions, MatMulOptions, RangeOptions } from "./math-ops";
export {
  abs,
  add,
  addN,
  addV2,
  cast,
  ceil,
  cos,
  cumprod,
  cumsum,
  divide,
  equal,
  exp,
  floor,
  floordiv,
  floormod,
  floormod as mod,
  greater,
  greaterEqual,
  less,
  lessEqual,
  log,
  log1p,
  logicalAnd,
  logicalNot,
  logicalOr,
  matmul,
  maximum,
  minimum,
  multiply,
  negative,
  notEqual,
  pow,
  range,
  realdiv,
  reciprocal,
  round,
  rsqrt,
  scalarMul,
  sign,
  sin,
  sqrt,
  square,
  squaredDifference,
  subtract,
  truediv,
  where,
} from "./math-ops";
export {
  acos,
  acosh,
  asin,
  asinh,
  atan,
  atan2,
  atanh,
  cosh,
  countNonzero,
  digamma,
  div,
  erf,
  erfc,
  expm1,
  floorDiv,
  isFiniteTensor as isFinite,
  isInf,
  isNan,
  lgamma,
  logSigmoid,
  type NormOrder,
  norm,
  polygamma,
  reduceLogsumexp,
  rint,
  sinh,
  tan,
  truncatediv,
  truncatemod,
  zeta,
} from "./math-special-ops";
export {
  diag,
  eye,
  matrixBandPart,
  matrixDiag,
  matrixDiagPart,
  matrixSetDiag,
  matrixTranspose,
  trace,
} from "./matrix-ops";
export * from "./nn-index";
export type { ArgOptions, Axis } from "./reduction-ops";
export {
  argmax,
  argmin,
  reduceAll,
  reduceAny,
  reduceMax,
  reduceMean,
  reduceMin,
  reduceProd,
  reduceSum,
} from "./reduction-ops";
export { type ReverseSequenceOptions, reverse, reverseSequence } from "./reverse-ops";
export {
  segmentMax,
  segmentMean,
  segmentMin,
  segmentProd,
  segmentSum,
  unsortedSegmentMax,
  unsortedSegmentMean,
  unsortedSegmentMin,
  unsortedSegmentProd,
  unsortedSegmentSqrtN,
} from "./segment-ops";
export type { GatherOptions, StridedSliceOptions } from "./slicing-ops";
export {
  concat,
  dynamicPartition,
  dynamicStitch,
  gather,
  pad,
  parallelDynamicStitch,
  slice,
  stack,
  stridedSlice,
  tile,
  unsortedSegmentSum,
  unstack,
} from "./slicing-ops";
export { argsort, type SortOptions, sort } from "./sort-ops";
export { depthToSpace, type SpaceDepthOptions, spaceToDepth } from "./space-depth-ops";
export { batchToSpaceNd, spaceToBatchNd } from "./space-to-batch-ops";
export { type SparseToDenseOptions, sparseToDense } from "./sparse-ops";
export { type ScatterOptions, scatterAdd, scatterSub, scatterUpdate, unique } from "./sparse-update-ops";
export type { OneHotOptions } from "./split-one-hot-ops";
export { oneHot, split } from "./split-one-hot-ops";
export type { TensorArrayOptions } from "./tensor-array";
export { TensorArray } from "./tensor-array";
export type { WhileLoopOptions } from "./while-loop";
export { whileLoop } from "./while-loop";
