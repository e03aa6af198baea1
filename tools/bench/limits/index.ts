// Hand-written limits for tools/bench: the yardsticks scopeflow's kernels are measured against in the same run.
// Plain textbook wasm SIMD, written independently of packages/wasm-kernels (nothing imported or copied from it).
// Every function takes byte addresses in the imported memory, which the bench lays out (src/limits.ts); nothing
// here allocates. Built twice (asconfig.json): SIMD128, and relaxed SIMD, whose GEMM fuses with f32x4.relaxed_madd.

/** 1 in the relaxed-SIMD build, 0 in the SIMD128 one. */
export function relaxedSimd(): i32 {
  return ASC_FEATURE_RELAXED_SIMD ? 1 : 0;
}

// @ts-ignore: decorator
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

// ---- SGEMM C[m,n] = A[m,k] B[k,n], row-major, m % 4 == 0, n % 8 == 0 (the bench's shapes) ----
// GotoBLAS loop order: for each KC-deep slice of K, B's slice is packed into 8-wide column panels (kc x 8
// contiguous floats: one 8 KiB panel stays in L1 while MC rows of A stream past it); a 4x8 micro-kernel keeps
// 8 f32x4 accumulators, and per k loads 2 v128 of the panel and splat-loads 4 floats of A (no A packing: four
// row pointers step by 4 bytes). 4x8 leaves registers to spare on x64's 16 xmm; 6x8 would need all 16.

const KC: i32 = 256;
const MC: i32 = 64;

/** Floats of scratch `sgemm` needs for packed B: one KC slice of all n columns. */
export function sgemmScratch(k: i32, n: i32): i32 {
  return min(k, KC) * n;
}

/** Packs rows [p, p + kc) of B (row stride n floats) into n / 8 panels of kc x 8 floats at `dst`. */
function packB(b: usize, n: i32, p: i32, kc: i32, dst: usize): void {
  const ld = <usize>n << 2;
  for (let j = 0; j < n; j += 8) {
    let src = b + <usize>p * ld + (<usize>j << 2);
    for (let q = 0; q < kc; q++) {
      v128.store(dst, v128.load(src));
      v128.store(dst, v128.load(src, 16), 16);
      src += ld;
      dst += 32;
    }
  }
}

/** C[4 rows, 8 cols] (+)= A[4 rows, kc] x panel[kc, 8]; `acc` 0 starts from zero, 1 adds to C. */
// @ts-ignore: decorator
@inline function micro4x8(a: usize, lda: usize, panel: usize, kc: i32, c: usize, ldc: usize, acc: i32): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  if (acc) {
    c00 = v128.load(c); c01 = v128.load(c, 16);
    c10 = v128.load(c + ldc); c11 = v128.load(c + ldc, 16);
    c20 = v128.load(c + 2 * ldc); c21 = v128.load(c + 2 * ldc, 16);
    c30 = v128.load(c + 3 * ldc); c31 = v128.load(c + 3 * ldc, 16);
  }
  let a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda;
  let p = panel;
  for (let q = 0; q < kc; q++) {
    const b0 = v128.load(p);
    const b1 = v128.load(p, 16);
    let s = v128.load32_splat(a0);
    c00 = madd(s, b0, c00);
    c01 = madd(s, b1, c01);
    s = v128.load32_splat(a1);
    c10 = madd(s, b0, c10);
    c11 = madd(s, b1, c11);
    s = v128.load32_splat(a2);
    c20 = madd(s, b0, c20);
    c21 = madd(s, b1, c21);
    s = v128.load32_splat(a3);
    c30 = madd(s, b0, c30);
    c31 = madd(s, b1, c31);
    a0 += 4; a1 += 4; a2 += 4; a3 += 4;
    p += 32;
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c + ldc, c10); v128.store(c + ldc, c11, 16);
  v128.store(c + 2 * ldc, c20); v128.store(c + 2 * ldc, c21, 16);
  v128.store(c + 3 * ldc, c30); v128.store(c + 3 * ldc, c31, 16);
}

/** C = A B; `scratch` holds sgemmScratch(k, n) floats. */
export function sgemm(m: i32, k: i32, n: i32, a: usize, b: usize, c: usize, scratch: usize): void {
  const lda = <usize>k << 2;
  const ldc = <usize>n << 2;
  for (let p = 0; p < k; p += KC) {
    const kc = min(KC, k - p);
    packB(b, n, p, kc, scratch);
    const acc = p > 0 ? 1 : 0;
    for (let ic = 0; ic < m; ic += MC) {
      const mEnd = min(ic + MC, m);
      for (let j = 0; j < n; j += 8) {
        const panel = scratch + (<usize>j * kc << 2);
        for (let i = ic; i < mEnd; i += 4) {
          micro4x8(a + <usize>i * lda + (<usize>p << 2), lda, panel, kc, c + <usize>i * ldc + (<usize>j << 2), ldc, acc);
        }
      }
    }
  }
}

// ---- Streaming kernels: n a multiple of 16 floats ----

/** Sum of n floats: four f32x4 accumulators, 16 floats per iteration. */
export function reduceSum(x: usize, n: i32): f32 {
  let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
  const end = x + (<usize>n << 2);
  for (let p = x; p < end; p += 64) {
    s0 = f32x4.add(s0, v128.load(p));
    s1 = f32x4.add(s1, v128.load(p, 16));
    s2 = f32x4.add(s2, v128.load(p, 32));
    s3 = f32x4.add(s3, v128.load(p, 48));
  }
  const s = f32x4.add(f32x4.add(s0, s1), f32x4.add(s2, s3));
  return f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1) + f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3);
}

/** z = x + y over n floats, 16 per iteration. */
export function add(x: usize, y: usize, z: usize, n: i32): void {
  const bytes = <usize>n << 2;
  for (let o: usize = 0; o < bytes; o += 64) {
    v128.store(z + o, f32x4.add(v128.load(x + o), v128.load(y + o)));
    v128.store(z + o, f32x4.add(v128.load(x + o, 16), v128.load(y + o, 16)), 16);
    v128.store(z + o, f32x4.add(v128.load(x + o, 32), v128.load(y + o, 32)), 32);
    v128.store(z + o, f32x4.add(v128.load(x + o, 48), v128.load(y + o, 48)), 48);
  }
}

/** Copies `bytes` (a multiple of 64) from src to dst with v128 loads and stores, 64 bytes per iteration. */
export function copyV128(dst: usize, src: usize, bytes: usize): void {
  for (let o: usize = 0; o < bytes; o += 64) {
    v128.store(dst + o, v128.load(src + o));
    v128.store(dst + o, v128.load(src + o, 16), 16);
    v128.store(dst + o, v128.load(src + o, 32), 32);
    v128.store(dst + o, v128.load(src + o, 48), 48);
  }
}

/** The same copy with memory.copy (what V8 lowers to its own memmove). */
export function copyBulk(dst: usize, src: usize, bytes: usize): void {
  memory.copy(dst, src, bytes);
}
