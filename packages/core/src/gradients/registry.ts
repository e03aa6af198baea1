// ops.py: the gradient registry (RegisterGradient, NotDifferentiable, get_gradient_function), one merged table.
// Each op family exports its GradTable; this is the one place they are merged.
import { arrayExtraGrads } from "../ops/array-extra-ops";
import { arrayGrads } from "../ops/array-grad";
import { controlFlowGrads } from "../ops/control-flow-grad";
import { mathGrads } from "../ops/math-grad";
import { nnGrads } from "../ops/nn-grad";
import { nnDepthwiseBatchNormGrads } from "../ops/nn-grad-depthwise-batch-norm";
import { nnExtraGrads } from "../ops/nn-selu-crelu";
import { type OpType, opDefs } from "../ops/op-defs";
import { reverseGrads } from "../ops/reverse-ops";
import { sortGrads } from "../ops/sort-ops";
import { spaceDepthGrads } from "../ops/space-depth-ops";
import { stateGrads } from "../ops/state-grad";
import { tensorArrayGrads } from "../ops/tensor-array-grad";
import type { GradFn, GradTable } from "./grad-types";

// A pure closure: a top-level spread would keep every gradient in a bundle that never calls tf.gradients.
const familyGrads: GradTable = /* @__PURE__ */ (() => ({
  ...mathGrads,
  ...arrayGrads,
  ...nnGrads,
  ...nnDepthwiseBatchNormGrads,
  ...controlFlowGrads,
  ...stateGrads,
  ...reverseGrads,
  ...tensorArrayGrads,
  ...nnExtraGrads,
  ...sortGrads,
  ...arrayExtraGrads,
  ...spaceDepthGrads,
}))();

const registered = new Map<string, GradFn | null>();

/**
 * ops.py: get_gradient_function: the GradFn for `opType`, `null` for a NotDifferentiable op type, `undefined` when
 * none is registered (the caller raises TF's LookupError).
 */
export function gradientFunctionFor(opType: string): GradFn | null | undefined {
  if (registered.has(opType)) return registered.get(opType);
  return Object.hasOwn(familyGrads, opType) ? familyGrads[opType as OpType] : undefined;
}

/**
 * ops.py: RegisterGradient / NotDifferentiable for op types outside the family tables (tests, user ops).
 * Returns a function that takes the registration back.
 */
export function registerGradient(opType: string, fn: GradFn | null): () => void {
  const had = registered.has(opType);
  const previous = registered.get(opType);
  registered.set(opType, fn);
  return () => {
    if (had) registered.set(opType, previous ?? null);
    else registered.delete(opType);
  };
}

/** array_grad.py: _IdentityGrad and its kin return the gradient they get: an IndexedSlices stays one. */
const identityLike = new Set<string>([opDefs.Identity.type, opDefs.Snapshot.type]);

/** True for the op types whose gradient passes an IndexedSlices through unchanged. */
export function passesIndexedSlices(opType: string): boolean {
  return identityLike.has(opType);
}

/** control_flow_grad.py: _EnterGrad takes an IndexedSlices as it is (AddBackpropIndexedSlicesAccumulator). */
const takesIndexedSlices = new Set<string>([opDefs.Enter.type, opDefs.RefEnter.type]);

/** True for the op types whose GradFn is handed an IndexedSlices gradient rather than its dense tensor. */
export function acceptsIndexedSlices(opType: string): boolean {
  return takesIndexedSlices.has(opType);
}
