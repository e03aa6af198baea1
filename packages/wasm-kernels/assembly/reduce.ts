// Reductions over one axis group of a [outer, r, inner] view (the wrapper runs one pass per group of reduced axes,
// after merging adjacent axes), ArgMax, and Softmax/LogSoftmax over the last axis.
// Algorithm: for inner == 1 the reduced elements are contiguous: four independent v128 accumulators (16 floats per
// step, no single dependent chain, as in XNNPACK's f32-rsum), combined and reduced horizontally at the end. For
// inner > 1 each reduced row is folded into the output row with vector ops over inner (column reduction).
import { hsumF32, hsumI32, rowExpSum, rowRange } from "./common";

const SUM: i32 = 0;
const MAX: i32 = 1;
const MIN: i32 = 2;
const PROD: i32 = 3;

// @ts-ignore: decorator
@inline function identity<T>(op: i32): T {
  if (op == SUM) return <T>0;
  if (op == PROD) return <T>1;
  if (isFloat<T>()) return op == MAX ? <T>-Infinity : <T>Infinity;
  return op == MAX ? <T>i32.MIN_VALUE : <T>i32.MAX_VALUE;
}

// @ts-ignore: decorator
@inline function vcombine<T>(op: i32, x: v128, y: v128): v128 {
  if (op == SUM) return v128.add<T>(x, y);
  if (op == MAX) return v128.max<T>(x, y);
  if (op == MIN) return v128.min<T>(x, y);
  return v128.mul<T>(x, y);
}

// @ts-ignore: decorator
@inline function scombine<T>(op: i32, x: T, y: T): T {
  if (op == SUM) return x + y;
  if (op == PROD) return x * y;
  if (isFloat<T>()) return op == MAX ? <T>max<f32>(<f32>x, <f32>y) : <T>min<f32>(<f32>x, <f32>y);
  return op == MAX ? (x > y ? x : y) : x < y ? x : y;
}

// @ts-ignore: decorator
@inline function hcombine<T>(op: i32, v: v128): T {
  if (op == SUM) return isFloat<T>() ? <T>hsumF32(v) : <T>hsumI32(v);
  let r = v128.extract_lane<T>(v, 0);
  r = scombine<T>(op, r, v128.extract_lane<T>(v, 1));
  r = scombine<T>(op, r, v128.extract_lane<T>(v, 2));
  return scombine<T>(op, r, v128.extract_lane<T>(v, 3));
}

// @ts-ignore: decorator
@inline function reduce<T>(op: i32, x: usize, out: usize, outer: i32, r: i32, inner: i32): void {
  const init = identity<T>(op);
  const vinit = v128.splat<T>(init);
  if (inner == 1) {
    for (let o = 0; o < outer; o++) {
      const row = x + (<usize>(o * r) << 2);
      let a0 = vinit, a1 = vinit, a2 = vinit, a3 = vinit;
      let j = 0;
      for (; j + 16 <= r; j += 16) {
        const p = row + (<usize>j << 2);
        a0 = vcombine<T>(op, a0, v128.load(p));
        a1 = vcombine<T>(op, a1, v128.load(p, 16));
        a2 = vcombine<T>(op, a2, v128.load(p, 32));
        a3 = vcombine<T>(op, a3, v128.load(p, 48));
      }
      for (; j + 4 <= r; j += 4) a0 = vcombine<T>(op, a0, v128.load(row + (<usize>j << 2)));
      let acc = hcombine<T>(op, vcombine<T>(op, vcombine<T>(op, a0, a1), vcombine<T>(op, a2, a3)));
      for (; j < r; j++) acc = scombine<T>(op, acc, load<T>(row + (<usize>j << 2)));
      store<T>(out + (<usize>o << 2), acc);
    }
    return;
  }
  const rowBytes = <usize>inner << 2;
  for (let o = 0; o < outer; o++) {
    const dst = out + <usize>o * rowBytes;
    const src = x + <usize>(o * r) * rowBytes;
    let i = 0;
    for (; i + 4 <= inner; i += 4) {
      const off = <usize>i << 2;
      let acc = vinit;
      for (let j = 0; j < r; j++) acc = vcombine<T>(op, acc, v128.load(src + <usize>j * rowBytes + off));
      v128.store(dst + off, acc);
    }
    for (; i < inner; i++) {
      const off = <usize>i << 2;
      let acc = init;
      for (let j = 0; j < r; j++) acc = scombine<T>(op, acc, load<T>(src + <usize>j * rowBytes + off));
      store<T>(dst + off, acc);
    }
  }
}

export function sumF32(x: usize, out: usize, outer: i32, r: i32, inner: i32): void { reduce<f32>(SUM, x, out, outer, r, inner); }
export function maxF32(x: usize, out: usize, outer: i32, r: i32, inner: i32): void { reduce<f32>(MAX, x, out, outer, r, inner); }
export function minF32(x: usize, out: usize, outer: i32, r: i32, inner: i32): void { reduce<f32>(MIN, x, out, outer, r, inner); }
export function prodF32(x: usize, out: usize, outer: i32, r: i32, inner: i32): void { reduce<f32>(PROD, x, out, outer, r, inner); }
export function sumI32(x: usize, out: usize, outer: i32, r: i32, inner: i32): void { reduce<i32>(SUM, x, out, outer, r, inner); }
export function maxI32(x: usize, out: usize, outer: i32, r: i32, inner: i32): void { reduce<i32>(MAX, x, out, outer, r, inner); }
export function minI32(x: usize, out: usize, outer: i32, r: i32, inner: i32): void { reduce<i32>(MIN, x, out, outer, r, inner); }
export function prodI32(x: usize, out: usize, outer: i32, r: i32, inner: i32): void { reduce<i32>(PROD, x, out, outer, r, inner); }

/** out = x * s over n elements (Mean's final division, done once after all passes). */
export function scaleF32(x: usize, out: usize, n: i32, s: f32): void {
  const vs = f32x4.splat(s);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, f32x4.mul(v128.load(x + o), vs));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, load<f32>(x + o) * s);
  }
}

/**
 * ArgMax over the middle axis of [outer, r, inner]; the first maximum wins, as TF's ArgMax (Eigen's argmax).
 * Vector over inner: compare-and-select of value and index lanes. Writes i64 when `wide`, else i32.
 */
// @ts-ignore: decorator
@inline function argMax<T>(x: usize, out: usize, outer: i32, r: i32, inner: i32, wide: bool): void {
  const rowBytes = <usize>inner << 2;
  const shift: usize = wide ? 3 : 2;
  for (let o = 0; o < outer; o++) {
    const src = x + <usize>(o * r) * rowBytes;
    const dst = out + (<usize>(o * inner) << shift);
    let i = 0;
    for (; i + 4 <= inner; i += 4) {
      const off = <usize>i << 2;
      let best = v128.load(src + off);
      let bestIdx = i32x4.splat(0);
      for (let j = 1; j < r; j++) {
        const v = v128.load(src + <usize>j * rowBytes + off);
        const gt = v128.gt<T>(v, best);
        best = v128.bitselect(v, best, gt);
        bestIdx = v128.bitselect(i32x4.splat(j), bestIdx, gt);
      }
      for (let l = 0; l < 4; l++) {
        const idx = i32x4.extract_lane(bestIdx, 0);
        bestIdx = i32x4.shuffle(bestIdx, bestIdx, 1, 2, 3, 0);
        if (wide) store<i64>(dst + (<usize>(i + l) << 3), <i64>idx);
        else store<i32>(dst + (<usize>(i + l) << 2), idx);
      }
    }
    for (; i < inner; i++) {
      const off = <usize>i << 2;
      let best = load<T>(src + off);
      let bestIdx = 0;
      for (let j = 1; j < r; j++) {
        const v = load<T>(src + <usize>j * rowBytes + off);
        if (v > best) {
          best = v;
          bestIdx = j;
        }
      }
      if (wide) store<i64>(dst + (<usize>i << 3), <i64>bestIdx);
      else store<i32>(dst + (<usize>i << 2), bestIdx);
    }
  }
}

export function argMaxF32(x: usize, out: usize, outer: i32, r: i32, inner: i32, wide: bool): void { argMax<f32>(x, out, outer, r, inner, wide); }
export function argMaxI32(x: usize, out: usize, outer: i32, r: i32, inner: i32, wide: bool): void { argMax<i32>(x, out, outer, r, inner, wide); }

/**
 * Softmax / LogSoftmax over rows of `cols`, as TF's SoftmaxEigenImpl: subtract the row max, exponentiate, and
 * normalize by the sum (log variant: x - max - log(sum)). Three v128 passes per row, scalar tails: the max (and
 * min) pass and the exp-sum pass of common.ts (XNNPACK's f32-rmax and f32-raddstoreexpminusmax), then the scale.
 */
// @ts-ignore: decorator
@inline function softmax(x: usize, out: usize, rows: i32, cols: i32, log: bool): void {
  for (let rIdx = 0; rIdx < rows; rIdx++) {
    const src = x + (<usize>(rIdx * cols) << 2);
    const dst = out + (<usize>(rIdx * cols) << 2);
    const s = rowExpSum(src, dst, cols, rowRange(src, cols), log);
    const k = log ? Mathf.log(s) : <f32>1 / s;
    const vk = f32x4.splat(k);
    let j = 0;
    // 16 floats a step: with 4, V8's per-iteration loop overhead (stack check, compare, branch) outweighs the op.
    for (; j + 16 <= cols; j += 16) {
      const p = dst + (<usize>j << 2);
      const a = v128.load(p);
      const b = v128.load(p, 16);
      const c = v128.load(p, 32);
      const d = v128.load(p, 48);
      v128.store(p, log ? f32x4.sub(a, vk) : f32x4.mul(a, vk));
      v128.store(p, log ? f32x4.sub(b, vk) : f32x4.mul(b, vk), 16);
      v128.store(p, log ? f32x4.sub(c, vk) : f32x4.mul(c, vk), 32);
      v128.store(p, log ? f32x4.sub(d, vk) : f32x4.mul(d, vk), 48);
    }
    for (; j + 4 <= cols; j += 4) {
      const o = <usize>j << 2;
      const v = v128.load(dst + o);
      v128.store(dst + o, log ? f32x4.sub(v, vk) : f32x4.mul(v, vk));
    }
    for (; j < cols; j++) {
      const o = <usize>j << 2;
      const v = load<f32>(dst + o);
      store<f32>(dst + o, log ? v - k : v * k);
    }
  }
}

export function softmaxF32(x: usize, out: usize, rows: i32, cols: i32): void { softmax(x, out, rows, cols, false); }
export function logSoftmaxF32(x: usize, out: usize, rows: i32, cols: i32): void { softmax(x, out, rows, cols, true); }
