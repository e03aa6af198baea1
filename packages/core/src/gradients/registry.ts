// ops.py: the gradient registry (RegisterGradient, NotDifferentiable, get_gradient_function), one merged table.
// Each op family exports its GradTable; this is the one place they are merged.

import { KeyError } from "../errors";
import { callSite } from "../framework/call-site";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import { arrayExtraGrads } from "../ops/array-extra-ops";
import { arrayGrads } from "../ops/array-grad";
import { controlFlowGrads } from "../ops/control-flow-grad";
import { imageGrads } from "../ops/image-ops";
import { loggingGrads } from "../ops/logging-grad";
import { mathGrads } from "../ops/math-grad";
import { mathSpecialGrads } from "../ops/math-special-grad";
import { matrixGrads } from "../ops/matrix-grad";
import { nnGrads } from "../ops/nn-grad";
import { nnDepthwiseBatchNormGrads } from "../ops/nn-grad-depthwise-batch-norm";
import { nnExtraGrads } from "../ops/nn-selu-crelu";
import { type OpType, opDefs } from "../ops/op-defs";
import { reverseGrads } from "../ops/reverse-ops";
import { segmentGrads } from "../ops/segment-grad";
import { sortGrads } from "../ops/sort-ops";
import { spaceDepthGrads } from "../ops/space-depth-ops";
import { stateGrads } from "../ops/state-grad";
import { tensorArrayGrads } from "../ops/tensor-array-grad";
import type { GradFn, GradTable } from "./grad-types";
import { LookupError } from "./messages";

// A pure closure: a top-level spread would keep every gradient in a bundle that never calls tf.gradients.
const familyGrads: GradTable = /* @__PURE__ */ (() => ({
  ...mathGrads,
  ...mathSpecialGrads,
  ...matrixGrads,
  ...arrayGrads,
  ...nnGrads,
  ...nnDepthwiseBatchNormGrads,
  ...controlFlowGrads,
  ...stateGrads,
  ...reverseGrads,
  ...segmentGrads,
  ...tensorArrayGrads,
  ...imageGrads,
  ...loggingGrads,
  ...nnExtraGrads,
  ...sortGrads,
  ...arrayExtraGrads,
  ...spaceDepthGrads,
}))();

const registered = new Map<string, GradFn | null>();
/** Where each public registration was made, for TF's "Registering two gradient" message. */
const registeredAt = new Map<string, string>();

/**
 * ops.py: get_gradient_function: the GradFn for `opType`, `null` for a NotDifferentiable op type, `undefined` when
 * none is registered (the caller raises TF's LookupError).
 */
export function gradientFunctionFor(opType: string): GradFn | null | undefined {
  if (registered.has(opType)) return registered.get(opType);
  return Object.hasOwn(familyGrads, opType) ? familyGrads[opType as OpType] : undefined;
}

/**
 * ops.py: get_gradient_function(op): the GradFn of the op's `_gradient_op_type` attr (set under
 * Graph.gradientOverrideMap) or else of its type; `null` for an op without inputs.
 */
export function gradientFunctionOf(op: Operation): GradFn | null | undefined {
  if (op.inputs.length === 0) return null;
  const override = Object.hasOwn(op.attrs, "_gradient_op_type") ? op.attrs._gradient_op_type : undefined;
  return gradientFunctionFor(typeof override === "string" ? override : op.type);
}

/** ops.py: get_gradient_function(op), raising registry.py's LookupError for a type nothing registered. */
export function getGradientFunction(op: Operation): GradFn | null {
  const fn = gradientFunctionOf(op);
  if (fn === undefined) {
    const override = op.attrs._gradient_op_type;
    throw new LookupError(
      `gradient registry has no entry for: ${typeof override === "string" && Object.hasOwn(op.attrs, "_gradient_op_type") ? override : op.type}`,
    );
  }
  return fn;
}

/** A gradient function as TF1 code writes one: the op, then one gradient per output; one gradient or a list back. */
export type UserGradFn = (
  op: Operation,
  ...grads: Tensor[]
) => Tensor | IndexedSlicesLike | null | readonly (Tensor | IndexedSlicesLike | null)[];
type IndexedSlicesLike = ReturnType<GradFn>[number];

/** registry.py: Registry.register: a second registration of one name is a KeyError naming the first. */
export function registerOnce(opType: unknown, fn: GradFn | null, functionName: string): void {
  if (typeof opType !== "string") throw new TypeError("op_type must be a string");
  if (registered.has(opType) || Object.hasOwn(familyGrads, opType)) {
    const where = registeredAt.get(opType) ?? `${opType} gradient scopeflow`;
    throw new KeyError(`Registering two gradient with name '${opType}'! (Previous registration was in ${where})`);
  }
  registered.set(opType, fn);
  registeredAt.set(opType, `${functionName} ${callSite() ?? "<unknown>"}`);
}

/**
 * ops.py: RegisterGradient(op_type), the decorator: `tf.RegisterGradient("MyOp")((op, grad) => ...)` registers the
 * function (called as TF calls it: the op, then one gradient per output; a single gradient may be returned
 * unwrapped, as _AsList allows) and returns it. Registration is process-wide, as TF's registry is.
 */
export function RegisterGradient(opType: string): <F extends UserGradFn>(f: F) => F {
  if (typeof opType !== "string") throw new TypeError("op_type must be a string");
  return (f) => {
    registerOnce(
      opType,
      (op, grads) => {
        const result = f(op, ...grads);
        return Array.isArray(result) ? [...result] : [result as IndexedSlicesLike];
      },
      f.name || "<anonymous>",
    );
    return f;
  };
}

/** ops.py: no_gradient / NotDifferentiable / NoGradient(op_type): ops of this type have no gradient (`None`). */
export function NotDifferentiable(opType: string): void {
  registerOnce(opType, null, "NotDifferentiable");
}
export { NotDifferentiable as NoGradient, NotDifferentiable as noGradient };

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
