// candidate_sampling_ops.cc: LogUniformCandidateSampler, UniformCandidateSampler, ComputeAccidentalHits.
import { float32, int32, int64 } from "../framework/dtypes";
import { defineOps, outputs } from "../framework/op-def";

const { fixed } = outputs;

const sampler = {
  inputs: ["true_classes"],
  attrs: {
    num_true: "int",
    num_sampled: "int",
    unique: "bool",
    range_max: "int",
    seed: "int",
    seed2: "int",
  },
  outputs: fixed(int64, float32, float32),
} as const;

export const candidateSamplingDefs = defineOps({
  LogUniformCandidateSampler: sampler,
  UniformCandidateSampler: sampler,
  ComputeAccidentalHits: {
    inputs: ["true_classes", "sampled_candidates"],
    attrs: { num_true: "int", seed: "int", seed2: "int" },
    outputs: fixed(int32, int64, float32),
  },
});
