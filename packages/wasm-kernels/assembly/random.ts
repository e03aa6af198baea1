// random_op.cc: PhiloxRandomOp<UniformDistribution<float>> (RandomUniform, float32) with philox_random.h's
// Philox-4x32-10 and random_distributions.h's Uint32ToFloat: each draw of the 128-bit counter under the 64-bit key
// gives 4 uint32, each 23 random mantissa bits of a float in [1, 2) minus 1. The wrapper passes the counter after
// GuardedPhiloxRandom's reservation (the same words as the reference kernel's Philox), so both give TF's numbers.

const M0: u64 = 0xd2511f53;
const M1: u64 = 0xcd9e8d57;
const W0: u32 = 0x9e3779b9;
const W1: u32 = 0xbb67ae85;

/** Fills `n` floats from the counter (c0..c3, low word first) and key (k0, k1), one draw per 4 outputs. */
export function philoxUniformF32(out: usize, n: i32, c0: u32, c1: u32, c2: u32, c3: u32, k0: u32, k1: u32): void {
  const mantissa = i32x4.splat(0x7fffff);
  const one = f32x4.splat(1);
  for (let i = 0; i < n; i += 4) {
    let x0 = c0;
    let x1 = c1;
    let x2 = c2;
    let x3 = c3;
    let ka = k0;
    let kb = k1;
    for (let round = 0; round < 10; round++) {
      const p0 = M0 * <u64>x0;
      const p1 = M1 * <u64>x2;
      const y0 = (<u32>(p1 >> 32)) ^ x1 ^ ka;
      const y2 = (<u32>(p0 >> 32)) ^ x3 ^ kb;
      x1 = <u32>p1;
      x3 = <u32>p0;
      x0 = y0;
      x2 = y2;
      ka += W0;
      kb += W1;
    }
    // PhiloxRandom::SkipOne: the 128-bit counter plus one.
    if (++c0 == 0 && ++c1 == 0 && ++c2 == 0) ++c3;
    let bits = i32x4.splat(x0);
    bits = i32x4.replace_lane(bits, 1, x1);
    bits = i32x4.replace_lane(bits, 2, x2);
    bits = i32x4.replace_lane(bits, 3, x3);
    const f = f32x4.sub(v128.or(v128.and(bits, mantissa), one), one);
    const p = out + (<usize>i << 2);
    if (i + 4 <= n) {
      v128.store(p, f);
    } else {
      store<f32>(p, f32x4.extract_lane(f, 0));
      if (i + 1 < n) store<f32>(p + 4, f32x4.extract_lane(f, 1));
      if (i + 2 < n) store<f32>(p + 8, f32x4.extract_lane(f, 2));
    }
  }
}
