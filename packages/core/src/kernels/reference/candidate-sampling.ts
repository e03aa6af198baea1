// candidate_sampler_ops.cc, range_sampler.cc (UniformSampler, LogUniformSampler, SampleBatchGetExpectedCountAvoid),
// simple_philox.h / exact_uniform_int.h: the candidate samplers over TF's Philox stream.
import { InvalidArgumentError } from "../../errors";
import { NDArray } from "../../framework/ndarray";
import type { Kernel, KernelContext } from "../contract";
import { registerKernels } from "../lazy-kernel-registry";
import { Philox, uint64ToDouble } from "./random";

function invalid(message: string, ctx: KernelContext): never {
  throw new InvalidArgumentError(`${message}\n\t [[{{node ${ctx.opName}}}]]`);
}

/** simple_philox.h: SimplePhilox over a SingleSampleAdapter (the 4 words of each Philox call, in order). */
class SimplePhilox {
  private buffer: Uint32Array = new Uint32Array(0);
  private used = 4;
  constructor(private readonly gen: Philox) {}
  rand32(): number {
    if (this.used === 4) {
      this.buffer = this.gen.next();
      this.used = 0;
    }
    return this.buffer[this.used++];
  }
  rand64(): bigint {
    const lo = this.rand32();
    const hi = this.rand32();
    return BigInt(lo) | (BigInt(hi) << 32n);
  }
  /** random_distributions: Uint64ToDouble of two words: a double in [0, 1). */
  randDouble(): number {
    const x0 = this.rand32();
    const x1 = this.rand32();
    return uint64ToDouble(x0, x1);
  }
  /** exact_uniform_int.h: ExactUniformInt over 64-bit words (a mask for powers of two, else rejection). */
  uniform64(n: number): number {
    const big = BigInt(n);
    if ((big & (big - 1n)) === 0n) return Number(this.rand64() & (big - 1n));
    const max = (1n << 64n) - 1n;
    const rem = ((max % big) + 1n) % big;
    for (;;) {
      const bits = this.rand64();
      if (bits >= rem) return Number(bits % big);
    }
  }
}

interface RangeSampler {
  range: number;
  sample(rnd: SimplePhilox): number;
  probability(value: number): number;
}

/** range_sampler.cc: UniformSampler */
function uniformSampler(range: number): RangeSampler {
  return { range, sample: (rnd) => rnd.uniform64(range), probability: () => 1 / range };
}

/** range_sampler.cc: LogUniformSampler: value = exp(rnd * log(range + 1)) - 1, P = log((v + 2) / (v + 1)) / log_range. */
function logUniformSampler(range: number): RangeSampler {
  const logRange = Math.log1p(range);
  return {
    range,
    sample: (rnd) => {
      const x = rnd.randDouble();
      const value = Math.trunc(Math.exp(x * logRange)) - 1;
      return value % range;
    },
    probability: (value) => Math.fround(Math.log((value + 2.0) / (value + 1.0)) / logRange),
  };
}

/** range_sampler.cc: ExpectedCountHelper: p * batch_size, or 1 - (1 - p)^num_tries when sampling was unique. */
function expectedCount(p: number, batchSize: number, numTries: number): number {
  if (numTries === batchSize) return Math.fround(p * batchSize);
  return Math.fround(-Math.expm1(numTries * Math.log1p(-p)));
}

/** guarded_philox_random.cc: ReserveSamples32(2048 * num_sampled), continuing across runs of this op. */
function reserve(ctx: KernelContext, samples32: number): Philox {
  const seed = BigInt(Number(ctx.attrs.seed ?? 0));
  const seed2 = BigInt(Number(ctx.attrs.seed2 ?? 0));
  const fresh = () => BigInt(Math.floor(Math.random() * 2 ** 32));
  const gen = seed === 0n && seed2 === 0n ? new Philox(fresh(), fresh()) : new Philox(seed, seed2);
  const stateKey = `\u0000philox:${ctx.opName}`;
  const used = ctx.variables.get(stateKey);
  const offset = used ? Number((used.data as Float64Array)[0]) : 0;
  gen.skip(offset);
  ctx.variables.set(stateKey, new NDArray("float64", [1], new Float64Array([offset + Math.ceil(samples32 / 4)])));
  return gen;
}

function samplerKernel(make: (range: number) => RangeSampler): Kernel {
  return (inputs, ctx) => {
    const [trueClasses] = inputs;
    const numTrue = Number(ctx.attrs.num_true);
    const numSampled = Number(ctx.attrs.num_sampled);
    const unique = ctx.attrs.unique === true;
    const rangeMax = Number(ctx.attrs.range_max);
    // candidate_sampler_ops.cc: BaseCandidateSamplerOp::Compute
    if (trueClasses.shape.length !== 2) invalid("true_classes must be a matrix", ctx);
    const batch = trueClasses.shape[0];
    if (trueClasses.shape[1] !== numTrue) {
      invalid(`true_classes must have num_true columns, expected: ${trueClasses.shape[1]} was: ${numTrue}`, ctx);
    }
    if (unique && numSampled > rangeMax) {
      // candidate_sampler_ops.cc: CHECK in the sampler (unique needs num_sampled <= range_max)
      invalid("Sampler's range is too small.", ctx);
    }
    const sampler = make(rangeMax);
    const rnd = new SimplePhilox(reserve(ctx, 2048 * numSampled));
    const sampled: number[] = [];
    let numTries = 0;
    if (unique) {
      const seen = new Set<number>();
      while (sampled.length < numSampled) {
        numTries++;
        const value = sampler.sample(rnd);
        if (!seen.has(value)) {
          seen.add(value);
          sampled.push(value);
        }
      }
    } else {
      for (let i = 0; i < numSampled; i++) sampled.push(sampler.sample(rnd));
      numTries = numSampled;
    }
    const candidates = new NDArray("int64", [numSampled], BigInt64Array.from(sampled.map(BigInt)));
    const sampledExpected = new NDArray(
      "float32",
      [numSampled],
      Float32Array.from(sampled.map((v) => expectedCount(sampler.probability(v), numSampled, numTries))),
    );
    const trueValues = Array.from(trueClasses.data as BigInt64Array, Number);
    const trueExpected = new NDArray(
      "float32",
      [batch, numTrue],
      Float32Array.from(trueValues.map((v) => expectedCount(sampler.probability(v), numSampled, numTries))),
    );
    return [candidates, trueExpected, sampledExpected];
  };
}

/** float.h: FLT_MAX */
const FLOAT_MAX = 3.4028234663852886e38;

export const candidateSamplingKernels = {
  LogUniformCandidateSampler: samplerKernel(logUniformSampler),
  UniformCandidateSampler: samplerKernel(uniformSampler),
  /**
   * candidate_sampler_ops.cc: ComputeAccidentalHitsOp: for each row i and sampled position j whose class is one of
   * row i's true classes: index i, id j, weight -FLOAT_MAX.
   */
  ComputeAccidentalHits: (inputs, ctx) => {
    const [trueClasses, sampled] = inputs;
    const numTrue = Number(ctx.attrs.num_true);
    if (trueClasses.shape.length !== 2 || trueClasses.shape[1] !== numTrue) {
      // candidate_sampler_ops.cc: ComputeAccidentalHitsOp::Compute
      invalid("true_candidates must be a batch_size * num_true matrix", ctx);
    }
    if (sampled.shape.length !== 1) {
      // candidate_sampler_ops.cc: ComputeAccidentalHitsOp::Compute
      invalid("sampled_candidates must be a vector, which is typically an output from CandidateSampler", ctx);
    }
    const batch = trueClasses.shape[0];
    const truth = Array.from(trueClasses.data as BigInt64Array, Number);
    const cands = Array.from(sampled.data as BigInt64Array, Number);
    // candidate_sampler_ops.cc: sampled_candidate_to_pos keeps a class's last position.
    const positions = new Map<number, number>();
    cands.forEach((c, j) => {
      positions.set(c, j);
    });
    const indices: number[] = [];
    const ids: number[] = [];
    for (let i = 0; i < batch; i++) {
      for (let k = 0; k < numTrue; k++) {
        const j = positions.get(truth[i * numTrue + k]);
        if (j !== undefined) {
          indices.push(i);
          ids.push(j);
        }
      }
    }
    return [
      new NDArray("int32", [indices.length], Int32Array.from(indices)),
      new NDArray("int64", [ids.length], BigInt64Array.from(ids.map(BigInt))),
      new NDArray("float32", [ids.length], new Float32Array(ids.length).fill(-FLOAT_MAX)),
    ];
  },
} satisfies Record<string, Kernel>;

/** Makes the candidate samplers and ComputeAccidentalHits run in every Session (idempotent): their builders call it. */
export function useCandidateSamplingKernels(): void {
  registerKernels(candidateSamplingKernels);
}
