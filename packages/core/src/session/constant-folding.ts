// grappler's constant folding (constant_folding.cc), reduced to what a planned run needs: a step whose outputs are
// the same in every run a plan accepts is computed once, in the recorded run, and its outputs become constants of
// the plan. That holds for the shape ops (Shape, ShapeN, Size, Rank: their outputs depend only on input shapes, which
// a plan fixes) and for pure ops over constants (the shape arithmetic of gradients: BroadcastGradientArgs, Pack,
// Slice, ConcatV2, Prod, ...). Which steps fold is the planner's (bound-plan.ts); this module says which may.
import type { NDArray } from "../framework/ndarray";
import type { Operation } from "../framework/operation";
import { opDefs } from "../ops/op-defs";

/** "shapes": outputs depend only on the inputs' dtypes and shapes; "values": a pure function of the input values. */
export type FoldKind = "shapes" | "values";

const SHAPE_OPS: ReadonlySet<string> = new Set(
  [opDefs.Shape, opDefs.ShapeN, opDefs.Size, opDefs.Rank].map((d) => d.type),
);

/** Deterministic ops with no state that gradients and losses build shape arithmetic from. */
const PURE_OPS: ReadonlySet<string> = new Set(
  [
    opDefs.BroadcastGradientArgs,
    opDefs.Pack,
    opDefs.Unpack,
    opDefs.Add,
    opDefs.AddV2,
    opDefs.Sub,
    opDefs.Mul,
    opDefs.RealDiv,
    opDefs.FloorDiv,
    opDefs.FloorMod,
    opDefs.Maximum,
    opDefs.Minimum,
    opDefs.Neg,
    opDefs.ConcatV2,
    opDefs.Slice,
    opDefs.StridedSlice,
    opDefs.Reshape,
    opDefs.ExpandDims,
    opDefs.Squeeze,
    opDefs.Identity,
    opDefs.Fill,
    opDefs.Range,
    opDefs.Prod,
    opDefs.Sum,
    opDefs.Cast,
    opDefs.GatherV2,
    opDefs.DynamicStitch,
    opDefs.Tile,
    opDefs.Transpose,
    opDefs.ZerosLike,
    opDefs.OnesLike,
  ].map((d) => d.type),
);

/** How `op`'s outputs may fold, or undefined when they may not (stateful, random, control flow, files). */
export function foldKind(op: Operation): FoldKind | undefined {
  if (SHAPE_OPS.has(op.type)) return "shapes";
  if (PURE_OPS.has(op.type)) return "values";
  return undefined;
}

/** Outputs larger than this stay steps (constant_folding.cc's max_constant_size_in_bytes, scaled to shape data). */
const MAX_FOLDED_BYTES = 1 << 16;

/**
 * Host copies of a recorded step's outputs, for a plan to fold; undefined when an output is missing (dead), a string,
 * or too large to hold as a constant.
 */
export function snapshotOutputs(outputs: readonly (NDArray | undefined)[]): NDArray[] | undefined {
  let bytes = 0;
  for (const value of outputs) {
    if (value === undefined || value.dtype.name === "string") return undefined;
    bytes += value.size * value.dtype.size;
  }
  if (bytes > MAX_FOLDED_BYTES) return undefined;
  return outputs.map((value) => (value as NDArray).toHost());
}
