// random_op.cc, philox_random.h, random_distributions.h: RandomUniform, RandomStandardNormal, TruncatedNormal
// with TF's Philox-4x32-10 generator and its float conversions, so a seeded graph gives TF's numbers.
import { NDArray } from "../../framework/ndarray";
import type { Kernel, KernelContext } from "../contract";

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/** 32x32 -> 64-bit product as [lo, hi] (philox_random.h: MultiplyHighLow). */
function mulHiLo(a: number, b: number): [number, number] {
  const p = BigInt(a) * BigInt(b);
  return [Number(p & 0xffffffffn), Number(p >> 32n)];
}

/** philox_random.h: PhiloxRandom, a counter-based generator: 4 uint32 per call, 10 rounds. */
export class Philox {
  readonly counter: Uint32Array;
  readonly key: Uint32Array;

  /** PhiloxRandom(seed_lo, seed_hi): the key from the op seed, the high counter words from seed2. */
  constructor(seed: bigint, seed2: bigint) {
    this.key = new Uint32Array([Number(seed & 0xffffffffn), Number((seed >> 32n) & 0xffffffffn)]);
    this.counter = new Uint32Array([0, 0, Number(seed2 & 0xffffffffn), Number((seed2 >> 32n) & 0xffffffffn)]);
  }

  static fromWords(counter: readonly number[], key: readonly number[]): Philox {
    const p = new Philox(0n, 0n);
    p.counter.set(counter);
    p.key.set(key);
    return p;
  }

  /** PhiloxRandom::Skip: advances the 128-bit counter by `count`. */
  skip(count: number): void {
    let carry = BigInt(count);
    for (let i = 0; i < 4 && carry > 0n; i++) {
      const sum = BigInt(this.counter[i]) + (carry & 0xffffffffn);
      this.counter[i] = Number(sum & 0xffffffffn);
      carry = (carry >> 32n) + (sum >> 32n);
    }
  }

  /** PhiloxRandom::operator(): the next 4 uint32 values. */
  next(): Uint32Array {
    let c = [this.counter[0], this.counter[1], this.counter[2], this.counter[3]];
    let k0 = this.key[0];
    let k1 = this.key[1];
    for (let round = 0; round < 10; round++) {
      const [lo0, hi0] = mulHiLo(M0, c[0]);
      const [lo1, hi1] = mulHiLo(M1, c[2]);
      c = [(hi1 ^ c[1] ^ k0) >>> 0, lo1, (hi0 ^ c[3] ^ k1) >>> 0, lo0];
      k0 = (k0 + W0) >>> 0;
      k1 = (k1 + W1) >>> 0;
    }
    this.skip(1);
    return new Uint32Array(c);
  }
}

/** random_distributions.h: Uint32ToFloat: 23 random mantissa bits, a float in [0, 1). */
export function uint32ToFloat(x: number): number {
  const bits = ((x & 0x7fffff) | (127 << 23)) >>> 0;
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, bits);
  return view.getFloat32(0) - 1.0;
}

/** random_distributions.h: Uint64ToDouble: 52 random mantissa bits, a double in [0, 1). */
export function uint64ToDouble(x0: number, x1: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, ((1023 << 20) | (x1 & 0xfffff)) >>> 0);
  view.setUint32(4, x0 >>> 0);
  return view.getFloat64(0) - 1.0;
}

const f32 = Math.fround;

/** random_distributions.h: BoxMullerFloat (in float arithmetic, as TF's CPU kernel computes it). */
function boxMullerFloat(x0: number, x1: number): [number, number] {
  const epsilon = f32(1.0e-7);
  let u1 = uint32ToFloat(x0);
  if (u1 < epsilon) u1 = epsilon;
  const v1 = f32(f32(2.0 * f32(Math.PI)) * uint32ToFloat(x1));
  const u2 = f32(Math.sqrt(f32(-2.0 * f32(Math.log(u1)))));
  return [f32(f32(Math.sin(v1)) * u2), f32(f32(Math.cos(v1)) * u2)];
}

/** random_distributions.h: BoxMullerDouble */
function boxMullerDouble(x0: number, x1: number, x2: number, x3: number): [number, number] {
  const epsilon = 1.0e-7;
  let u1 = uint64ToDouble(x0, x1);
  if (u1 < epsilon) u1 = epsilon;
  const v1 = 2 * Math.PI * uint64ToDouble(x2, x3);
  const u2 = Math.sqrt(-2.0 * Math.log(u1));
  return [Math.sin(v1) * u2, Math.cos(v1) * u2];
}

/**
 * guarded_philox_random.cc: GuardedPhiloxRandom::ReserveRandomOutputs: each run of the op starts where the
 * previous run of the same op in the same Session left off (TF keeps this in the kernel; scopeflow keeps it in the
 * Session's state under a private key).
 */
function reserve(ctx: KernelContext, count: number): Philox {
  const seed = BigInt(Number(ctx.attrs.seed ?? 0));
  const seed2 = BigInt(Number(ctx.attrs.seed2 ?? 0));
  // seed = seed2 = 0 means "random" in TF; scopeflow draws fresh seeds then.
  const nondeterministic = seed === 0n && seed2 === 0n;
  const gen = nondeterministic
    ? new Philox(BigInt(Math.floor(Math.random() * 2 ** 32)), BigInt(Math.floor(Math.random() * 2 ** 32)))
    : new Philox(seed, seed2);
  const stateKey = `\u0000philox:${ctx.opName}`;
  const used = ctx.variables.get(stateKey);
  const offset = used ? Number((used.data as Float64Array)[0]) : 0;
  gen.skip(offset);
  ctx.variables.set(stateKey, new NDArray("float64", [1], new Float64Array([offset + count * 256])));
  return gen;
}

function outputShape(inputs: NDArray[]): number[] {
  return Array.from(inputs[0].data as ArrayLike<number | bigint>, (d) => Number(d));
}

function fill(
  ctx: KernelContext,
  shape: number[],
  sample: (gen: Philox, out: number[]) => void,
  groupSize: number,
): NDArray {
  const dtype = ctx.outputDtypes[0];
  const out = new NDArray(dtype, shape);
  const n = out.size;
  const gen = reserve(ctx, n);
  const buf: number[] = [];
  for (let i = 0; i < n; i += groupSize) {
    buf.length = 0;
    sample(gen, buf);
    for (let j = 0; j < groupSize && i + j < n; j++) (out.data as Float32Array)[i + j] = buf[j];
  }
  return out;
}

/**
 * random_op.cc: PhiloxRandomOp<Distribution>: each Philox draw (4 uint32) becomes 4 float32 samples or 2 float64
 * samples, by the distribution's `float` and `double` rule.
 */
function philoxKernel(float: (r: Uint32Array) => number[], double: (r: Uint32Array) => number[]): Kernel {
  return (inputs, ctx) => {
    const isDouble = ctx.outputDtypes[0].name === "float64";
    const sample = isDouble ? double : float;
    return [fill(ctx, outputShape(inputs), (gen, out) => out.push(...sample(gen.next())), isDouble ? 2 : 4)];
  };
}

export const randomKernels = {
  /** random_op.cc: PhiloxRandomOp<UniformDistribution>: floats in [0, 1). */
  RandomUniform: philoxKernel(
    (r) => Array.from(r, uint32ToFloat),
    (r) => [uint64ToDouble(r[0], r[1]), uint64ToDouble(r[2], r[3])],
  ),
  /** random_op.cc: PhiloxRandomOp<NormalDistribution>: Box-Muller pairs. */
  RandomStandardNormal: philoxKernel(
    (r) => [...boxMullerFloat(r[0], r[1]), ...boxMullerFloat(r[2], r[3])],
    (r) => boxMullerDouble(r[0], r[1], r[2], r[3]),
  ),
  /**
   * random_op.cc: PhiloxRandomOp<TruncatedNormalDistribution>: normal samples with |x| < 2, drawn one uint32 at
   * a time; each group of 4 outputs has its own stream, 256 samples apart (kReservedSamplesPerOutput).
   */
  TruncatedNormal: (inputs, ctx) => {
    const shape = outputShape(inputs);
    const dtype = ctx.outputDtypes[0];
    const out = new NDArray(dtype, shape);
    const n = out.size;
    const base = reserve(ctx, n);
    const groupSize = 4;
    for (let g = 0; g * groupSize < n; g++) {
      const gen = Philox.fromWords(Array.from(base.counter), Array.from(base.key));
      gen.skip((g * groupSize * 256) / 4);
      let pending: number[] = [];
      const nextU32 = () => {
        if (pending.length === 0) pending = Array.from(gen.next());
        return pending.shift() as number;
      };
      let filled = 0;
      while (filled < groupSize) {
        const [a, b] = boxMullerFloat(nextU32(), nextU32());
        for (const f of [a, b]) {
          if (Math.abs(f) < 2.0 && filled < groupSize) {
            const index = g * groupSize + filled;
            if (index < n) (out.data as Float32Array)[index] = f;
            filled++;
          }
        }
      }
    }
    return [out];
  },
} satisfies Record<string, Kernel>;
