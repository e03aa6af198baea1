// tf.debugging (TF 1.15's debugging namespace): the check_ops asserts and Assert under their tf.debugging names.

export {
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
export { Assert } from "./control-flow-case";
export { checkNumerics } from "./logging-ops";
