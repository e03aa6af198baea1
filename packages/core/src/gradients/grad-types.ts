// ops.py: RegisterGradient / NotDifferentiable: the shape of a gradient function, keyed by op type.
import type { IndexedSlices } from "../framework/indexed-slices";
import type { Operation } from "../framework/operation";
import type { Tensor } from "../framework/tensor";
import type { OpType } from "../ops/op-defs";

/**
 * A gradient function gets the forward op and the gradient of each of its outputs (zeros filled in by the walker
 * where nothing flows back into a float output; as in TF, a non-float output without a gradient gets `null`) and
 * returns one gradient per input: `null` where the input gets none, an IndexedSlices where TF's is one (GatherV2).
 * An IndexedSlices flowing into an op is densified before its GradFn runs (TF's GradFns convert it where they use
 * it), except for the ops of `passesIndexedSlices`, whose gradient is it.
 * It runs inside the name scope `gradients/<op name>_grad/`, so the ops it builds get TF1's names.
 */
export type GradFn = (op: Operation, grads: Tensor[]) => (Tensor | IndexedSlices | null)[];

/**
 * A family's gradient table, keyed by the op table's types: a GradFn per op type, or `null` for the op types TF
 * declares NotDifferentiable. A type absent from every table has no gradient (tf.gradients raises LookupError).
 */
export type GradTable = Readonly<Partial<Record<OpType, GradFn | null>>>;
