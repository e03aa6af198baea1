// Shared SIMD helpers for the kernels. Everything here is @inline: no calls, no allocation, no managed objects.

/** Lanes per v128 for 32-bit elements. */
export const LANES: i32 = 4;

/**
 * Vector exp for 4 f32 lanes, after Cephes `expf` as XNNPACK's f32-vexp kernels use it: clamp, split
 * x = n*ln2 + r with n = round(x*log2(e)) (ln2 in a hi/lo pair for precision), a degree-5 polynomial for e^r,
 * then scale by 2^n built directly in the exponent bits. Error is about 1-2 ulp in the normal range.
 */
// @ts-ignore: decorator
@inline export function vexp(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, f32x4.splat(-87.33654)), f32x4.splat(88.72284));
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(1.44269504088896341)));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  const y = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r), f32x4.splat(1.0));
  // 2^n: (n + 127) << 23 reinterpreted as f32; n is in [-126, 128], so 128 gives +inf as exp overflows.
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(y, scale);
}

/** Scalar exp with the same algorithm as `vexp`, so a SIMD loop and its tail agree bit for bit. */
// @ts-ignore: decorator
@inline export function sexp(x: f32): f32 {
  return f32x4.extract_lane(vexp(f32x4.splat(x)), 0);
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

