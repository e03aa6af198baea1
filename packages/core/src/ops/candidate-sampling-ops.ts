// candidate_sampling_ops.py: log_uniform_candidate_sampler, uniform_candidate_sampler, compute_accidental_hits.

import { ValueError } from "../errors";
import { int64 } from "../framework/dtypes";
import { inferenceShapeString } from "../framework/shape";
import type { Tensor } from "../framework/tensor";
import { useCandidateSamplingKernels } from "../kernels/reference/candidate-sampling";
import { getSeed } from "../variables/random-seed";
import { convertToTensor, createOp, opScope, type TensorLike } from "./op-builder";
import { opDefs } from "./op-defs";

export interface CandidateSamplerOptions {
  seed?: number | null;
  name?: string;
}

/** `(sampled_candidates, true_expected_count, sampled_expected_count)`, as the samplers return. */
export type SampledValues = [Tensor, Tensor, Tensor];

type SamplerType = typeof opDefs.LogUniformCandidateSampler.type | typeof opDefs.UniformCandidateSampler.type;

function candidateSampler(
  type: SamplerType,
  trueClasses: TensorLike,
  numTrue: number,
  numSampled: number,
  unique: boolean,
  rangeMax: number,
  options: CandidateSamplerOptions,
): SampledValues {
  return opScope(options.name, type, [trueClasses], (scope, graph) => {
    const [seed, seed2] = getSeed(options.seed, graph);
    const t = convertToTensor(trueClasses, { name: "true_classes", dtype: int64 });
    const opName = scope.slice(0, -1);
    if (t.shape !== null) {
      if (t.shape.length !== 2) {
        // candidate_sampling_ops.cc: CandidateSamplerShapeFn (WithRank(c->input(0), 2))
        throw new ValueError(
          `Shape must be rank 2 but is rank ${t.shape.length} for '${opName}' (op: '${type}') with input shapes: ${inferenceShapeString(t.shape)}.`,
        );
      }
    }
    if (numSampled < 1 || numTrue < 1 || rangeMax < 1) {
      // candidate_sampling_ops.cc: attrs num_sampled, num_true, range_max >= 1
      throw new ValueError(
        `Value for attr '${numSampled < 1 ? "num_sampled" : numTrue < 1 ? "num_true" : "range_max"}' of ${numSampled < 1 ? numSampled : numTrue < 1 ? numTrue : rangeMax} must be at least minimum 1`,
      );
    }
    const batch = t.shape?.[0] ?? null;
    useCandidateSamplingKernels();
    const op = createOp(opDefs[type], [t], {
      name: scope,
      attrs: { num_true: numTrue, num_sampled: numSampled, unique, range_max: rangeMax, seed, seed2 },
      shapes: [[numSampled], [batch, numTrue], [numSampled]],
    });
    return [op.outputs[0], op.outputs[1], op.outputs[2]];
  });
}

/**
 * candidate_sampling_ops.py: log_uniform_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max,
 * seed=None, name=None): classes drawn from P(class) = (log(class + 2) - log(class + 1)) / log(range_max + 1).
 */
export function logUniformCandidateSampler(
  trueClasses: TensorLike,
  numTrue: number,
  numSampled: number,
  unique: boolean,
  rangeMax: number,
  options: CandidateSamplerOptions = {},
): SampledValues {
  const type = opDefs.LogUniformCandidateSampler.type;
  return candidateSampler(type, trueClasses, numTrue, numSampled, unique, rangeMax, options);
}

/** candidate_sampling_ops.py: uniform_candidate_sampler(...): classes drawn uniformly from [0, range_max). */
export function uniformCandidateSampler(
  trueClasses: TensorLike,
  numTrue: number,
  numSampled: number,
  unique: boolean,
  rangeMax: number,
  options: CandidateSamplerOptions = {},
): SampledValues {
  const type = opDefs.UniformCandidateSampler.type;
  return candidateSampler(type, trueClasses, numTrue, numSampled, unique, rangeMax, options);
}

/**
 * candidate_sampling_ops.py: compute_accidental_hits(true_classes, sampled_candidates, num_true, seed=None,
 * name=None): `[indices, ids, weights]`, the (row, sampled position) pairs where a sampled class is a true class,
 * with weight -FLOAT_MAX.
 */
export function computeAccidentalHits(
  trueClasses: TensorLike,
  sampledCandidates: TensorLike,
  numTrue: number,
  options: CandidateSamplerOptions = {},
): [Tensor, Tensor, Tensor] {
  const type = opDefs.ComputeAccidentalHits.type;
  return opScope(options.name, type, [trueClasses, sampledCandidates], (scope, graph) => {
    const [seed, seed2] = getSeed(options.seed, graph);
    const t = convertToTensor(trueClasses, { name: "true_classes", dtype: int64 });
    const s = convertToTensor(sampledCandidates, { name: "sampled_candidates", dtype: int64 });
    useCandidateSamplingKernels();
    const op = createOp(opDefs.ComputeAccidentalHits, [t, s], {
      name: scope,
      attrs: { num_true: numTrue, seed, seed2 },
      shapes: [[null], [null], [null]],
    });
    return [op.outputs[0], op.outputs[1], op.outputs[2]];
  });
}
