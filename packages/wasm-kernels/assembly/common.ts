// Shared SIMD helpers for the kernels. Everything here is @inline: no calls, no allocation, no managed objects.

/** Lanes per v128 for 32-bit elements. */
export const LANES: i32 = 4;

// exp after XNNPACK's rr2-p5 kernels (src/f32-raddstoreexpminusmax/wasmsimd-rr2-p5.c.in, src/f32-vexp): the range
// reduction x = n*ln2 + t takes n = round(x*log2(e)) by adding a magic bias (1.5*2^23 + 127), whose low mantissa
// bits then hold n + 127, so 2^n is those bits shifted into the exponent; ln2 is subtracted as a hi/lo pair, and
// e^t is a degree-5 minimax polynomial. This avoids f32x4.nearest and i32x4.trunc_sat_f32x4_s, which V8 lowers to
// long sequences on x64. Error about 1-2 ulp in the normal range. Constants are XNNPACK's hex floats in decimal.
const EXP_LOG2E: f32 = 1.4426950216293335; // 0x1.715476p+0
const EXP_MAGIC_BIAS: f32 = 12583039.0; // 0x1.8000FEp23
const EXP_MINUS_LN2_HI: f32 = -0.693145751953125; // -0x1.62E400p-1
const EXP_MINUS_LN2_LO: f32 = -1.428606765330187e-6; // -0x1.7F7D1Cp-20
const EXP_C5: f32 = 0.008289290592074394; // 0x1.0F9F9Cp-7
const EXP_C4: f32 = 0.04189782217144966; // 0x1.573A1Ap-5
const EXP_C3: f32 = 0.16667652130126953; // 0x1.555A80p-3
const EXP_C2: f32 = 0.4999915063381195; // 0x1.FFFDC6p-2
const EXP_C1: f32 = 0.9999997019767761; // 0x1.FFFFF6p-1
/** Below this, e^x is denormal or 0 (XNNPACK's vdenorm_cutoff, -0x1.5D589Ep6). */
const EXP_DENORM_CUTOFF: f32 = -87.33654022216797;

/**
 * Vector exp for 4 f32 lanes over the whole float range: x is clamped to [-87.34, 88.72] first, and 2^n is
 * applied last as (1 + t*p(t)) * 2^n, so that n = 128 (x near 88.72) gives +inf rather than inf * 0.
 */
// @ts-ignore: decorator
@inline export function vexp(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, f32x4.splat(EXP_DENORM_CUTOFF)), f32x4.splat(88.72284));
  let n = f32x4.add(f32x4.mul(x, f32x4.splat(EXP_LOG2E)), f32x4.splat(EXP_MAGIC_BIAS));
  const s = i32x4.shl(n, 23);
  n = f32x4.sub(n, f32x4.splat(EXP_MAGIC_BIAS));
  let t = f32x4.add(f32x4.mul(n, f32x4.splat(EXP_MINUS_LN2_HI)), x);
  t = f32x4.add(f32x4.mul(n, f32x4.splat(EXP_MINUS_LN2_LO)), t);
  let p = f32x4.add(f32x4.mul(f32x4.splat(EXP_C5), t), f32x4.splat(EXP_C4));
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(EXP_C3));
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(EXP_C2));
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(EXP_C1));
  return f32x4.mul(f32x4.add(f32x4.mul(t, p), f32x4.splat(1)), s);
}

/**
 * e^x for x <= 0 (softmax's x - max), exactly as XNNPACK's f32-raddstoreexpminusmax: f = t*s*p + s, and lanes
 * below the denormal cutoff are zeroed instead of clamped.
 */
// @ts-ignore: decorator
@inline export function vexpNonPositive(x: v128): v128 {
  let n = f32x4.add(f32x4.mul(x, f32x4.splat(EXP_LOG2E)), f32x4.splat(EXP_MAGIC_BIAS));
  const s = i32x4.shl(n, 23);
  n = f32x4.sub(n, f32x4.splat(EXP_MAGIC_BIAS));
  let t = f32x4.add(f32x4.mul(n, f32x4.splat(EXP_MINUS_LN2_HI)), x);
  t = f32x4.add(f32x4.mul(n, f32x4.splat(EXP_MINUS_LN2_LO)), t);
  let p = f32x4.add(f32x4.mul(f32x4.splat(EXP_C5), t), f32x4.splat(EXP_C4));
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(EXP_C3));
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(EXP_C2));
  p = f32x4.add(f32x4.mul(p, t), f32x4.splat(EXP_C1));
  t = f32x4.mul(t, s);
  const f = f32x4.add(f32x4.mul(t, p), s);
  return v128.andnot(f, f32x4.lt(x, f32x4.splat(EXP_DENORM_CUTOFF)));
}

/** Scalar exp with the same algorithm as `vexp`, so a SIMD loop and its tail agree bit for bit. */
// @ts-ignore: decorator
@inline export function sexp(x: f32): f32 {
  return f32x4.extract_lane(vexp(f32x4.splat(x)), 0);
}

/** Scalar `vexpNonPositive`, for the tails of softmax rows. */
// @ts-ignore: decorator
@inline export function sexpNonPositive(x: f32): f32 {
  return f32x4.extract_lane(vexpNonPositive(f32x4.splat(x)), 0);
}

/** Horizontal sum of 4 f32 lanes. */
// @ts-ignore: decorator
@inline export function hsumF32(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/** Horizontal sum of 4 i32 lanes (wrapping, as TF's int32 sums do). */
// @ts-ignore: decorator
@inline export function hsumI32(v: v128): i32 {
  return i32x4.extract_lane(v, 0) + i32x4.extract_lane(v, 1) + i32x4.extract_lane(v, 2) + i32x4.extract_lane(v, 3);
}

/**
 * Max of a row of `cols` floats after XNNPACK's f32-rmax: two `f32x4.pmax` accumulators (one maxps in V8, where
 * f32x4.max needs NaN fix-ups), then the scalar tail. Softmax and the cross-entropies share it.
 */
// @ts-ignore: decorator
@inline export function rowMax(src: usize, cols: i32): f32 {
  let vm0 = f32x4.splat(-Infinity);
  let vm1 = vm0;
  let j = 0;
  for (; j + 8 <= cols; j += 8) {
    const o = <usize>j << 2;
    vm0 = f32x4.pmax(vm0, v128.load(src + o));
    vm1 = f32x4.pmax(vm1, v128.load(src + o, 16));
  }
  for (; j + 4 <= cols; j += 4) vm0 = f32x4.pmax(vm0, v128.load(src + (<usize>j << 2)));
  const vm = f32x4.pmax(vm0, vm1);
  let m = max<f32>(max<f32>(f32x4.extract_lane(vm, 0), f32x4.extract_lane(vm, 1)), max<f32>(f32x4.extract_lane(vm, 2), f32x4.extract_lane(vm, 3)));
  for (; j < cols; j++) m = max<f32>(m, load<f32>(src + (<usize>j << 2)));
  return m;
}
