// array_ops.cc (TF 1.15): SpaceToDepth and DepthToSpace (block_size >= 2; data_format NHWC, NCHW or NCHW_VECT_C).
import { defineOps, outputs } from "../framework/op-def";

const { typeOf } = outputs;
const attrs = { T: "type", block_size: "int", data_format: "string" } as const;

export const spaceDepthDefs = defineOps({
  SpaceToDepth: { inputs: ["input"], attrs, outputs: typeOf("T") },
  DepthToSpace: { inputs: ["input"], attrs, outputs: typeOf("T") },
});
