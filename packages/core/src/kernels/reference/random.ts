// random_op.cc, philox_random.h, random_distributions.h: RandomUniform, RandomUniformInt, RandomStandardNormal,
// TruncatedNormal with TF's Philox-4x32-10 generator and its conversions, so a seeded graph gives TF's numbers.
import { InvalidArgumentError } from "../../errors";
import { NDArray } from "../../framework/ndarray";
import type { Kernel, KernelContext } from "../contract";
import { dimsText } from "./strided";

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

function invalid(message: string, ctx: KernelContext): never {
  throw new InvalidArgumentError(`${message}\n\t [[{{node ${ctx.opName}}}]]`);
}

/** random_op.cc: AllocateOutputWithShape: the `shape` input as a shape, checked as OpKernel::MakeShape does. */
function outputShape(inputs: NDArray[], ctx: KernelContext): number[] {
  const shape = inputs[0];
  if (shape.rank !== 1) {
    // op_kernel.cc: OpKernel::MakeShape
    invalid(`shape must be a vector of {int32,int64}, got shape ${dimsText(shape.shape)}`, ctx);
  }
  const dims = Array.from(shape.data as ArrayLike<number | bigint>, (d) => Number(d));
  for (const d of dims) {
    // tensor_shape.cc: MakeShapeHelper
    if (d < 0) invalid(`Dimension ${d} must be >= 0`, ctx);
  }
  return dims;
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
    return [fill(ctx, outputShape(inputs, ctx), (gen, out) => out.push(...sample(gen.next())), isDouble ? 2 : 4)];
  };
}

/**
 * random_op.cc: RandomUniformIntOp, with random_distributions.h UniformDistribution<PhiloxRandom, int32 | int64>:
 * each sample is lo + (bits % (hi - lo)), the range and the sum taken modulo 2^32 or 2^64. int32 samples use one
 * uint32 each (4 per Philox draw), int64 samples two, the low word first (2 per draw). As in TF, the result is
 * slightly biased unless hi - lo is a power of two.
 */
const randomUniformInt: Kernel = (inputs, ctx) => {
  const [, minval, maxval] = inputs;
  // random_op.cc: RandomUniformIntOp::Compute (the checks below, in its order)
  if (minval.rank !== 0) invalid(`minval must be 0-D, got shape ${dimsText(minval.shape)}`, ctx);
  if (maxval.rank !== 0) invalid(`maxval must be 0-D, got shape ${dimsText(maxval.shape)}`, ctx);
  const out = new NDArray(ctx.outputDtypes[0], outputShape(inputs, ctx));
  const n = out.size;
  // An empty output returns before minval < maxval is checked: "zero impossible things are fine".
  if (n === 0) return [out];
  const lo = minval.data[0] as number | bigint;
  const hi = maxval.data[0] as number | bigint;
  if (!(lo < hi)) invalid(`Need minval < maxval, got ${lo} >= ${hi}`, ctx);
  const gen = reserve(ctx, n);
  if (out.dtype.name === "int64") {
    const data = out.data as BigInt64Array;
    const low = BigInt(lo);
    const range = BigInt.asUintN(64, BigInt(hi) - low);
    for (let i = 0; i < n; i += 2) {
      const r = gen.next();
      for (let j = 0; j < 2 && i + j < n; j++) {
        const bits = BigInt(r[2 * j]) | (BigInt(r[2 * j + 1]) << 32n);
        data[i + j] = BigInt.asIntN(64, low + (bits % range));
      }
    }
  } else {
    const data = out.data as Int32Array;
    const low = Number(lo);
    const range = (Number(hi) - low) >>> 0;
    for (let i = 0; i < n; i += 4) {
      const r = gen.next();
      // low + (r % range) < 2^33 is exact in a double; `| 0` wraps it to int32 as TF's int32 addition does.
      for (let j = 0; j < 4 && i + j < n; j++) data[i + j] = (low + (r[j] % range)) | 0;
    }
  }
  return [out];
};

export const randomKernels = {
  /** random_op.cc: PhiloxRandomOp<UniformDistribution>: floats in [0, 1). */
  RandomUniform: philoxKernel(
    (r) => Array.from(r, uint32ToFloat),
    (r) => [uint64ToDouble(r[0], r[1]), uint64ToDouble(r[2], r[3])],
  ),
  RandomUniformInt: randomUniformInt,
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
    const shape = outputShape(inputs, ctx);
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
