// MatMul: C[m,n] = op(A)[m,k] * op(B)[k,n], op = identity or transpose, float32, row-major.
// Algorithm: GotoBLAS/BLIS blocking as in XNNPACK's f32-gemm wasmsimd kernels. B is packed in KC x NC blocks of
// NR-wide column panels, A in MC x KC blocks of MR-tall row panels; a 4x8 register-blocked micro-kernel keeps 8 v128
// accumulators and, per k, does 2 vector loads of B, 4 splat-loads of A and 8 `madd`s: 8 mul + 8 add in the SIMD128
// build (it has no FMA), 8 f32x4.relaxed_madd in the relaxed-SIMD build (see common.ts).
// 4x8 rather than XNNPACK's 6x8: V8 reserves one xmm as scratch, so 12 accumulators + 3 operands spill
// (measured on this machine at n=512: 6x8 30 GFLOP/s, 4x8 43 GFLOP/s).
// A transposed operand only changes how packing reads it, so all four transpose cases run the same micro-kernel.
// Ragged edges go through a zero-padded panel and a 4x8 tile buffer. Scratch (packed panels and the tile) comes
// from the caller: see matMulScratchF32.

import { madd } from "./common";

const MR: i32 = 4;
const NR: i32 = 8;
const KC: i32 = 256;
const MC: i32 = 96;
const NC: i32 = 1024;

/** Floats of scratch matMulF32 needs at `scratch`: packed A block, packed B block, one tile. */
export function matMulScratchF32(): i32 {
  return MC * KC + KC * NC + MR * NR;
}

/**
 * Transposes 4 rows of `kc` floats (row stride `ld` bytes, from `src`) into kc groups of 4 (one per column, at
 * `dst` + p * `stride`): four v128 loads, eight i32x4 shuffles and four stores per 4 columns, scalar for the tail.
 */
// @ts-ignore: decorator
@inline function transpose4(src: usize, ld: usize, kc: i32, dst: usize, stride: usize): void {
  let p = 0;
  for (; p + 4 <= kc; p += 4) {
    const o = <usize>p << 2;
    const r0 = v128.load(src + o);
    const r1 = v128.load(src + ld + o);
    const r2 = v128.load(src + 2 * ld + o);
    const r3 = v128.load(src + 3 * ld + o);
    const t0 = v128.shuffle<i32>(r0, r1, 0, 4, 1, 5);
    const t1 = v128.shuffle<i32>(r2, r3, 0, 4, 1, 5);
    const t2 = v128.shuffle<i32>(r0, r1, 2, 6, 3, 7);
    const t3 = v128.shuffle<i32>(r2, r3, 2, 6, 3, 7);
    const d = dst + <usize>p * stride;
    v128.store(d, v128.shuffle<i32>(t0, t1, 0, 1, 4, 5));
    v128.store(d + stride, v128.shuffle<i32>(t0, t1, 2, 3, 6, 7));
    v128.store(d + 2 * stride, v128.shuffle<i32>(t2, t3, 0, 1, 4, 5));
    v128.store(d + 3 * stride, v128.shuffle<i32>(t2, t3, 2, 3, 6, 7));
  }
  for (; p < kc; p++) {
    const o = <usize>p << 2;
    const d = dst + <usize>p * stride;
    for (let r = 0; r < 4; r++) store<f32>(d + (<usize>r << 2), load<f32>(src + <usize>r * ld + o));
  }
}

/** Packs rows [i0, i0+mc) x depth [p0, p0+kc) of op(A) into MR-tall panels, k-major within a panel, zero-padded. */
// @ts-ignore: decorator
@inline function packA(a: usize, m: i32, k: i32, transA: bool, i0: i32, mc: i32, p0: i32, kc: i32, dst: usize): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const rows = min(MR, mc - ir);
    const panel = dst + (<usize>(ir * kc) << 2);
    if (transA) {
      // A is stored [k, m]: the MR rows of one k are contiguous.
      for (let p = 0; p < kc; p++) {
        const src = a + (<usize>((p0 + p) * m + i0 + ir) << 2);
        const d = panel + (<usize>(p * MR) << 2);
        for (let r = 0; r < MR; r++) store<f32>(d + (<usize>r << 2), r < rows ? load<f32>(src + (<usize>r << 2)) : 0);
      }
    } else if (rows == MR) {
      // A is stored [m, k]: 4 rows x 4 k at a time, transposed in registers (4 loads, 8 shuffles, 4 stores).
      const src = a + (<usize>((i0 + ir) * k + p0) << 2);
      transpose4(src, <usize>k << 2, kc, panel, <usize>MR << 2);
    } else {
      // A ragged edge: walk each row along k (contiguous reads), write with stride MR.
      for (let r = 0; r < MR; r++) {
        const d = panel + (<usize>r << 2);
        if (r < rows) {
          const src = a + (<usize>((i0 + ir + r) * k + p0) << 2);
          for (let p = 0; p < kc; p++) store<f32>(d + (<usize>(p * MR) << 2), load<f32>(src + (<usize>p << 2)));
        } else {
          for (let p = 0; p < kc; p++) store<f32>(d + (<usize>(p * MR) << 2), 0);
        }
      }
    }
  }
}

/** Packs depth [p0, p0+kc) x columns [j0, j0+nc) of op(B) into NR-wide panels, k-major within a panel, zero-padded. */
// @ts-ignore: decorator
@inline function packB(b: usize, n: i32, k: i32, transB: bool, j0: i32, nc: i32, p0: i32, kc: i32, dst: usize): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = min(NR, nc - jr);
    const panel = dst + (<usize>(jr * kc) << 2);
    if (!transB && cols == NR) {
      // B is stored [k, n]: NR columns of one k are two contiguous vectors.
      for (let p = 0; p < kc; p++) {
        const src = b + (<usize>((p0 + p) * n + j0 + jr) << 2);
        const d = panel + (<usize>(p * NR) << 2);
        v128.store(d, v128.load(src));
        v128.store(d, v128.load(src, 16), 16);
      }
    } else if (!transB) {
      for (let p = 0; p < kc; p++) {
        const src = b + (<usize>((p0 + p) * n + j0 + jr) << 2);
        const d = panel + (<usize>(p * NR) << 2);
        for (let c = 0; c < NR; c++) store<f32>(d + (<usize>c << 2), c < cols ? load<f32>(src + (<usize>c << 2)) : 0);
      }
    } else if (cols == NR) {
      // B is stored [n, k]: each column is contiguous along k; two 4-column halves transposed in registers.
      const src = b + (<usize>((j0 + jr) * k + p0) << 2);
      const ld = <usize>k << 2;
      transpose4(src, ld, kc, panel, <usize>NR << 2);
      transpose4(src + 4 * ld, ld, kc, panel + 16, <usize>NR << 2);
    } else {
      // B ragged edge, stored [n, k]: each column is contiguous along k.
      for (let c = 0; c < NR; c++) {
        const d = panel + (<usize>c << 2);
        if (c < cols) {
          const src = b + (<usize>((j0 + jr + c) * k + p0) << 2);
          for (let p = 0; p < kc; p++) store<f32>(d + (<usize>(p * NR) << 2), load<f32>(src + (<usize>p << 2)));
        } else {
          for (let p = 0; p < kc; p++) store<f32>(d + (<usize>(p * NR) << 2), 0);
        }
      }
    }
  }
}

/** 4x8 micro-kernel over packed panels; stores to c (row stride ldc bytes), adding to it when `accumulate`. */
// @ts-ignore: decorator
@inline function micro4x8(pa: usize, pb: usize, kc: i32, c: usize, ldc: usize, accumulate: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa);
    c00 = madd(a, b0, c00);
    c01 = madd(a, b1, c01);
    a = v128.load32_splat(pa, 4);
    c10 = madd(a, b0, c10);
    c11 = madd(a, b1, c11);
    a = v128.load32_splat(pa, 8);
    c20 = madd(a, b0, c20);
    c21 = madd(a, b1, c21);
    a = v128.load32_splat(pa, 12);
    c30 = madd(a, b0, c30);
    c31 = madd(a, b1, c31);
    pa += 16;
    pb += 32;
  }
  if (accumulate) {
    c00 = f32x4.add(c00, v128.load(c)); c01 = f32x4.add(c01, v128.load(c, 16));
    c10 = f32x4.add(c10, v128.load(c + ldc)); c11 = f32x4.add(c11, v128.load(c + ldc, 16));
    c20 = f32x4.add(c20, v128.load(c + 2 * ldc)); c21 = f32x4.add(c21, v128.load(c + 2 * ldc, 16));
    c30 = f32x4.add(c30, v128.load(c + 3 * ldc)); c31 = f32x4.add(c31, v128.load(c + 3 * ldc, 16));
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c + ldc, c10); v128.store(c + ldc, c11, 16);
  v128.store(c + 2 * ldc, c20); v128.store(c + 2 * ldc, c21, 16);
  v128.store(c + 3 * ldc, c30); v128.store(c + 3 * ldc, c31, 16);
}

/**
 * C = op(A) * op(B). a: [m,k] (or [k,m] when transA), b: [k,n] (or [n,k] when transB), c: [m,n].
 * `scratch` holds matMulScratchF32() floats.
 */
export function matMulF32(a: usize, b: usize, c: usize, m: i32, n: i32, k: i32, transA: bool, transB: bool, scratch: usize): void {
  matMulRowsF32(a, b, c, m, n, k, transA, transB, scratch, 0, m);
}

/**
 * Rows [i0, i1) of C = op(A) * op(B), with matMulF32's arguments: what one thread of a split GEMM computes. Each
 * element's sum runs in the same order (the same KC blocks, the same micro-kernel lanes) whatever the range, so a
 * GEMM split by rows is bit-identical to one call. Every thread packs B into its own `scratch`.
 */
export function matMulRowsF32(a: usize, b: usize, c: usize, m: i32, n: i32, k: i32, transA: bool, transB: bool, scratch: usize, i0: i32, i1: i32): void {
  if (i1 <= i0 || n == 0) return;
  if (k == 0) {
    memory.fill(c + (<usize>(i0 * n) << 2), 0, <usize>((i1 - i0) * n) << 2);
    return;
  }
  const packedA = scratch;
  const packedB = scratch + (<usize>(MC * KC) << 2);
  const tile = packedB + (<usize>(KC * NC) << 2);
  const ldc = <usize>n << 2;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      const accumulate = pc > 0;
      packB(b, n, k, transB, jc, nc, pc, kc, packedB);
      for (let ic = i0; ic < i1; ic += MC) {
        const mc = min(MC, i1 - ic);
        packA(a, m, k, transA, ic, mc, pc, kc, packedA);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = min(NR, nc - jr);
          const pb = packedB + (<usize>(jr * kc) << 2);
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = min(MR, mc - ir);
            const pa = packedA + (<usize>(ir * kc) << 2);
            const cij = c + (<usize>((ic + ir) * n + jc + jr) << 2);
            if (mr == MR && nr == NR) {
              micro4x8(pa, pb, kc, cij, ldc, accumulate);
            } else {
              micro4x8(pa, pb, kc, tile, NR << 2, false);
              for (let r = 0; r < mr; r++) {
                for (let q = 0; q < nr; q++) {
                  const dst = cij + <usize>r * ldc + (<usize>q << 2);
                  const v = load<f32>(tile + (<usize>(r * NR + q) << 2));
                  store<f32>(dst, accumulate ? load<f32>(dst) + v : v);
                }
              }
            }
          }
        }
      }
    }
  }
}

/**
 * Batch entries [e0, e1) of a batch of GEMMs with matMulF32's arguments: entry e adds the byte offsets at
 * `offsets` + 12e (i32: into a, into b, into c) to the three pointers. What one thread of a batch split computes
 * when each GEMM is too small to split by rows.
 */
export function matMulBatchF32(a: usize, b: usize, c: usize, m: i32, n: i32, k: i32, transA: bool, transB: bool, scratch: usize, offsets: usize, e0: i32, e1: i32): void {
  for (let e = e0; e < e1; e++) {
    const o = offsets + <usize>e * 12;
    matMulRowsF32(a + <usize>load<i32>(o), b + <usize>load<i32>(o, 4), c + <usize>load<i32>(o, 8), m, n, k, transA, transB, scratch, 0, m);
  }
}
