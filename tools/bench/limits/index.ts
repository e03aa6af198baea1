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
// contiguous floats: one 8 KiB panel stays in L1 while an MC x KC block of A streams past it), and each block of A
// into 4-row panels (kc x 4 interleaved floats: both operands read contiguously, and the power-of-two row strides
// of n = 512 or 1024 cannot alias in the cache). A 4x8 micro-kernel keeps 8 f32x4 accumulators and per k loads 2
// v128 of the B panel and splat-loads 4 floats of the A panel. 4x8 leaves registers to spare on x64's 16 xmm; 6x8
// would need all 16.

const KC: i32 = 256;
const MC: i32 = 64;

/** Floats of scratch `sgemm` needs: packed B (one KC slice of all n columns), then one packed MC x KC block of A. */
export function sgemmScratch(k: i32, n: i32): i32 {
  return min(k, KC) * n + MC * KC;
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

/** Packs rows [i, i + mc) x columns [p, p + kc) of A (row stride lda bytes) into mc / 4 panels of kc x 4 floats. */
function packA(a: usize, lda: usize, i: i32, mc: i32, p: i32, kc: i32, dst: usize): void {
  for (let r = 0; r < mc; r += 4) {
    const row = a + <usize>(i + r) * lda + (<usize>p << 2);
    for (let q = 0; q < kc; q++) {
      const src = row + (<usize>q << 2);
      store<f32>(dst, load<f32>(src));
      store<f32>(dst, load<f32>(src + lda), 4);
      store<f32>(dst, load<f32>(src + 2 * lda), 8);
      store<f32>(dst, load<f32>(src + 3 * lda), 12);
      dst += 16;
    }
  }
}

/** C[4 rows, 8 cols] (+)= Apanel[kc, 4] x Bpanel[kc, 8]; `acc` 0 starts from zero, 1 adds to C. */
// @ts-ignore: decorator
@inline function micro4x8(ap: usize, bp: usize, kc: i32, c: usize, ldc: usize, acc: i32): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  if (acc) {
    c00 = v128.load(c); c01 = v128.load(c, 16);
    c10 = v128.load(c + ldc); c11 = v128.load(c + ldc, 16);
    c20 = v128.load(c + 2 * ldc); c21 = v128.load(c + 2 * ldc, 16);
    c30 = v128.load(c + 3 * ldc); c31 = v128.load(c + 3 * ldc, 16);
  }
  for (let q = 0; q < kc; q++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let s = v128.load32_splat(ap);
    c00 = madd(s, b0, c00);
    c01 = madd(s, b1, c01);
    s = v128.load32_splat(ap, 4);
    c10 = madd(s, b0, c10);
    c11 = madd(s, b1, c11);
    s = v128.load32_splat(ap, 8);
    c20 = madd(s, b0, c20);
    c21 = madd(s, b1, c21);
    s = v128.load32_splat(ap, 12);
    c30 = madd(s, b0, c30);
    c31 = madd(s, b1, c31);
    ap += 16;
    bp += 32;
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
  const packedA = scratch + (<usize>min(k, KC) * n << 2);
  for (let p = 0; p < k; p += KC) {
    const kc = min(KC, k - p);
    packB(b, n, p, kc, scratch);
    const acc = p > 0 ? 1 : 0;
    for (let ic = 0; ic < m; ic += MC) {
      const mc = min(MC, m - ic);
      packA(a, lda, ic, mc, p, kc, packedA);
      for (let j = 0; j < n; j += 8) {
        const panel = scratch + (<usize>j * kc << 2);
        for (let r = 0; r < mc; r += 4) {
          micro4x8(packedA + (<usize>r * kc << 2), panel, kc, c + <usize>(ic + r) * ldc + (<usize>j << 2), ldc, acc);
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
