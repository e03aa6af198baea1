// Shared SIMD helpers for the kernels. Everything here is @inline: no calls, no allocation, no managed objects.

/** Lanes per v128 for 32-bit elements. */
export const LANES: i32 = 4;

/**
 * a * b + c over 4 f32 lanes: one `f32x4.relaxed_madd` (fused on x64 with FMA and on arm64) in the build with
 * relaxed SIMD enabled, `f32x4.mul` then `f32x4.add` in the plain SIMD128 build. ASC_FEATURE_RELAXED_SIMD is a
 * compile-time constant, so each build keeps one branch: the kernels' sources stay one for both modules.
 */
// @ts-ignore: decorator
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** 1 in the module built with relaxed SIMD, 0 in the plain SIMD128 one: the wrapper reports which it loaded. */
export function relaxedSimd(): i32 {
  return ASC_FEATURE_RELAXED_SIMD ? 1 : 0;
}

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
/** Above this, e^x overflows to +inf. */
const EXP_MAX_INPUT: f32 = 88.72284;
// The same minimax polynomial in t = x*log2(e) - n (2^t on [-1/2, 1/2]): C_k * ln2^k, rounded to f32 once.
const EXP2_C1: f32 = 0.6931470036506653;
const EXP2_C2: f32 = 0.24022242426872253;
const EXP2_C3: f32 = 0.055507391691207886;
const EXP2_C4: f32 = 0.009671487845480442;
const EXP2_C5: f32 = 0.0013263088185340166;

// The constants as static data too, in the order of the K_ slots below.
const EXP_TABLE = memory.data<f32>([
  EXP_LOG2E, EXP_MAGIC_BIAS, EXP_MINUS_LN2_HI, EXP_MINUS_LN2_LO, EXP_C5, EXP_C4, EXP_C3, EXP_C2, EXP_C1,
  EXP_DENORM_CUTOFF, EXP_MAX_INPUT, 1, EXP2_C1, EXP2_C2, EXP2_C3, EXP2_C4, EXP2_C5,
]);
const K_LOG2E: i32 = 0;
const K_MAGIC_BIAS: i32 = 1;
const K_MINUS_LN2_HI: i32 = 2;
const K_MINUS_LN2_LO: i32 = 3;
const K_C5: i32 = 4;
const K_C4: i32 = 5;
const K_C3: i32 = 6;
const K_C2: i32 = 7;
const K_C1: i32 = 8;
const K_DENORM_CUTOFF: i32 = 9;
const K_MAX_INPUT: i32 = 10;
const K_ONE: i32 = 11;
const K_EXP2_C1: i32 = 12;
const K_EXP2_C2: i32 = 13;
const K_EXP2_C3: i32 = 14;
const K_EXP2_C4: i32 = 15;
const K_EXP2_C5: i32 = 16;

/**
 * Constant `value` (at `slot` of EXP_TABLE) as 4 lanes. The relaxed-SIMD build runs on V8 12+ (Node >= 22, recent
 * Chrome), which rematerializes a v128.const at every use inside a loop (a 64-bit immediate move, a movq and a
 * shuffle, on the ports the arithmetic needs: softmax 1.7 ms instead of 1.0): there the value is a splat load
 * from static data, one instruction on a load port. The SIMD128 build's main V8 (Node 20) keeps a v128.const in a
 * register across the loop, where the load costs ~4%: it keeps the const.
 */
// @ts-ignore: decorator
@inline function k(value: f32, slot: i32): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return v128.load32_splat(EXP_TABLE + (<usize>slot << 2));
  return f32x4.splat(value);
}

/**
 * Vector exp for 4 f32 lanes over the whole float range: x is clamped to [-87.34, 88.72] first, and 2^n is
 * applied last as (1 + t*p(t)) * 2^n, so that n = 128 (x near 88.72) gives +inf rather than inf * 0.
 */
// @ts-ignore: decorator
@inline export function vexp(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, k(EXP_DENORM_CUTOFF, K_DENORM_CUTOFF)), k(EXP_MAX_INPUT, K_MAX_INPUT));
  let n = madd(x, k(EXP_LOG2E, K_LOG2E), k(EXP_MAGIC_BIAS, K_MAGIC_BIAS));
  const s = i32x4.shl(n, 23);
  n = f32x4.sub(n, k(EXP_MAGIC_BIAS, K_MAGIC_BIAS));
  let t = madd(n, k(EXP_MINUS_LN2_HI, K_MINUS_LN2_HI), x);
  t = madd(n, k(EXP_MINUS_LN2_LO, K_MINUS_LN2_LO), t);
  let p = madd(k(EXP_C5, K_C5), t, k(EXP_C4, K_C4));
  p = madd(p, t, k(EXP_C3, K_C3));
  p = madd(p, t, k(EXP_C2, K_C2));
  p = madd(p, t, k(EXP_C1, K_C1));
  return f32x4.mul(madd(t, p, k(1, K_ONE)), s);
}

/**
 * e^x for x <= 0 (softmax's x - max), the range reduction done in base 2: with n = round(x*log2(e)) (the magic
 * bias again), t = x*log2(e) - n in [-1/2, 1/2] and e^x = 2^t * 2^n, 2^t by the rr2-p5 polynomial rescaled to t.
 * One product x*log2(e) replaces the hi/lo pair n*ln2 (3 fewer lane ops of ~20 in the SIMD128 build, 1 of ~12
 * with relaxed madd; softmax [1024,1000] 0.97 -> 0.79 ms and 0.69 -> 0.57 ms). Fused, t is exact; unfused, the
 * rounding of x*log2(e) adds a relative error of up to |x| * 2^-24, the size of the error the rounding of x - max
 * already carries through e^x (its condition number is |x|): softmax rows in [-20, 20] stay within 4e-6 of
 * float64, against 2.3e-6 with the hi/lo pair (the conformance tables allow 1e-5). f = t*s*p + s, and lanes
 * below the denormal cutoff are zeroed (the magic bias is only valid above it). `masked` false leaves the
 * zeroing out (2 instructions), for callers that know no lane is below the cutoff: then both give the same bits.
 */
// @ts-ignore: decorator
@inline export function vexpNonPositive(x: v128, masked: bool = true): v128 {
  const nb = madd(x, k(EXP_LOG2E, K_LOG2E), k(EXP_MAGIC_BIAS, K_MAGIC_BIAS));
  const s = i32x4.shl(nb, 23);
  // x*log2(e) + (bias - nb) = x*log2(e) - n: a second madd of the same product (one multiply when unfused).
  const t = madd(x, k(EXP_LOG2E, K_LOG2E), f32x4.sub(k(EXP_MAGIC_BIAS, K_MAGIC_BIAS), nb));
  let p = madd(k(EXP2_C5, K_EXP2_C5), t, k(EXP2_C4, K_EXP2_C4));
  p = madd(p, t, k(EXP2_C3, K_EXP2_C3));
  p = madd(p, t, k(EXP2_C2, K_EXP2_C2));
  p = madd(p, t, k(EXP2_C1, K_EXP2_C1));
  const f = madd(f32x4.mul(t, s), p, s);
  return masked ? v128.andnot(f, f32x4.lt(x, k(EXP_DENORM_CUTOFF, K_DENORM_CUTOFF))) : f;
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
 * Max (lane 0) and min (lane 1) of a row of `cols` floats, after XNNPACK's f32-rmax: two `f32x4.pmax` and two
 * `f32x4.pmin` accumulators (one maxps / minps each in V8, where f32x4.max needs NaN fix-ups; NaNs are skipped),
 * then the scalar tail. The min tells `rowExpSum` whether any x - max can fall below exp's denormal cutoff.
 */
// @ts-ignore: decorator
@inline export function rowRange(src: usize, cols: i32): v128 {
  let vm0 = f32x4.splat(-Infinity);
  let vm1 = vm0;
  let vn0 = f32x4.splat(Infinity);
  let vn1 = vn0;
  let j = 0;
  for (; j + 8 <= cols; j += 8) {
    const o = <usize>j << 2;
    const a = v128.load(src + o);
    const b = v128.load(src + o, 16);
    vm0 = f32x4.pmax(vm0, a);
    vm1 = f32x4.pmax(vm1, b);
    vn0 = f32x4.pmin(vn0, a);
    vn1 = f32x4.pmin(vn1, b);
  }
  for (; j + 4 <= cols; j += 4) {
    const a = v128.load(src + (<usize>j << 2));
    vm0 = f32x4.pmax(vm0, a);
    vn0 = f32x4.pmin(vn0, a);
  }
  const vm = f32x4.pmax(vm0, vm1);
  const vn = f32x4.pmin(vn0, vn1);
  let m = max<f32>(max<f32>(f32x4.extract_lane(vm, 0), f32x4.extract_lane(vm, 1)), max<f32>(f32x4.extract_lane(vm, 2), f32x4.extract_lane(vm, 3)));
  let lo = min<f32>(min<f32>(f32x4.extract_lane(vn, 0), f32x4.extract_lane(vn, 1)), min<f32>(f32x4.extract_lane(vn, 2), f32x4.extract_lane(vn, 3)));
  for (; j < cols; j++) {
    const v = load<f32>(src + (<usize>j << 2));
    m = max<f32>(m, v);
    lo = min<f32>(lo, v);
  }
  return f32x4.replace_lane(f32x4.splat(m), 1, lo);
}

// @ts-ignore: decorator
@inline function expSumPass(src: usize, dst: usize, cols: i32, m: f32, storeShifted: bool, masked: bool): f32 {
  const vmax = f32x4.splat(m);
  let vs0 = f32x4.splat(0);
  let vs1 = vs0;
  let j = 0;
  for (; j + 8 <= cols; j += 8) {
    const o = <usize>j << 2;
    const d0 = f32x4.sub(v128.load(src + o), vmax);
    const d1 = f32x4.sub(v128.load(src + o, 16), vmax);
    const e0 = vexpNonPositive(d0, masked);
    const e1 = vexpNonPositive(d1, masked);
    vs0 = f32x4.add(vs0, e0);
    vs1 = f32x4.add(vs1, e1);
    v128.store(dst + o, storeShifted ? d0 : e0);
    v128.store(dst + o, storeShifted ? d1 : e1, 16);
  }
  for (; j + 4 <= cols; j += 4) {
    const o = <usize>j << 2;
    const d = f32x4.sub(v128.load(src + o), vmax);
    const e = vexpNonPositive(d, masked);
    vs0 = f32x4.add(vs0, e);
    v128.store(dst + o, storeShifted ? d : e);
  }
  let s = hsumF32(f32x4.add(vs0, vs1));
  for (; j < cols; j++) {
    const o = <usize>j << 2;
    const d = load<f32>(src + o) - m;
    const e = sexpNonPositive(d);
    s += e;
    store<f32>(dst + o, storeShifted ? d : e);
  }
  return s;
}

// @ts-ignore: decorator
@inline function expSumPassX(src: usize, dst: usize, cols: i32, m: f32, storeShifted: bool, masked: bool): f32 { return 0; }
function expSumPassSU(src: usize, dst: usize, cols: i32, m: f32): f32 { return expSumPass(src, dst, cols, m, true, false); }
function expSumPassEU(src: usize, dst: usize, cols: i32, m: f32): f32 { return expSumPass(src, dst, cols, m, false, false); }
function expSumPassSM(src: usize, dst: usize, cols: i32, m: f32): f32 { return expSumPass(src, dst, cols, m, true, true); }
function expSumPassEM(src: usize, dst: usize, cols: i32, m: f32): f32 { return expSumPass(src, dst, cols, m, false, true); }

/**
 * The exp pass of softmax and the cross-entropies, after XNNPACK's f32-raddstoreexpminusmax (rr2-p5, two
 * accumulators): stores e^(x - m) (or x - m when `storeShifted`, for LogSoftmax) at dst and returns the sum of
 * e^(x - m). `range` is `rowRange(src, cols)`: when min - max is above the denormal cutoff, as it is for any row
 * of moderate spread, no lane needs zeroing and the loop runs without the mask (same bits, fewer instructions).
 */
// @ts-ignore: decorator
@inline export function rowExpSum(src: usize, dst: usize, cols: i32, range: v128, storeShifted: bool): f32 {
  const m = f32x4.extract_lane(range, 0);
  if (f32x4.extract_lane(range, 1) - m >= EXP_DENORM_CUTOFF) return storeShifted ? expSumPassSU(src, dst, cols, m) : expSumPassEU(src, dst, cols, m);
  return storeShifted ? expSumPassSM(src, dst, cols, m) : expSumPassEM(src, dst, cols, m);
}
