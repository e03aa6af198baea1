// Variable updates (assign_op.h, dense_update_ops.cc) and BroadcastGradientArgs (bcast_ops.cc, util/bcast.h).
// Assign is a byte copy into the variable's block; AssignAdd/AssignSub update it in place, as DenseUpdate's
// `params += update` / `params -= update` functors do. Each is one v128 pass with a scalar tail.

/** Assign: copies `bytes` bytes from `src` to `dst` (distinct or identical blocks), 16 at a time, then bytewise. */
export function assignBytes(dst: usize, src: usize, bytes: i32): void {
  if (dst == src) return;
  let i = 0;
  for (; i + 16 <= bytes; i += 16) v128.store(dst + <usize>i, v128.load(src + <usize>i));
  for (; i < bytes; i++) store<u8>(dst + <usize>i, load<u8>(src + <usize>i));
}

/** DenseUpdate<ADD|SUB>: v[i] += sign * delta[i], wrapping for int32 as Eigen's `+=` does. */
// @ts-ignore: decorator
@inline function update<T>(v: usize, delta: usize, n: i32, subtract: bool): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    const a = v128.load(v + o);
    const d = v128.load(delta + o);
    if (isFloat<T>()) v128.store(v + o, subtract ? f32x4.sub(a, d) : f32x4.add(a, d));
    else v128.store(v + o, subtract ? i32x4.sub(a, d) : i32x4.add(a, d));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    store<T>(v + o, subtract ? load<T>(v + o) - load<T>(delta + o) : load<T>(v + o) + load<T>(delta + o));
  }
}

export function assignAddF32(v: usize, delta: usize, n: i32): void { update<f32>(v, delta, n, false); }
export function assignSubF32(v: usize, delta: usize, n: i32): void { update<f32>(v, delta, n, true); }
export function assignAddI32(v: usize, delta: usize, n: i32): void { update<i32>(v, delta, n, false); }
export function assignSubI32(v: usize, delta: usize, n: i32): void { update<i32>(v, delta, n, true); }

/** DenseUpdate<ADD|SUB> on int64 (a global step's AssignAdd): two lanes per v128, wrapping. */
export function assignUpdateI64(v: usize, delta: usize, n: i32, subtract: bool): void {
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = (<usize>i) << 3;
    const a = v128.load(v + o);
    const d = v128.load(delta + o);
    v128.store(v + o, subtract ? i64x2.sub(a, d) : i64x2.add(a, d));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 3;
    store<i64>(v + o, subtract ? load<i64>(v + o) - load<i64>(delta + o) : load<i64>(v + o) + load<i64>(delta + o));
  }
}

/** Dim `i` of a shape vector of `n` int32 or int64 (`wide`) elements, right-aligned to `rank` (1 where absent). */
// @ts-ignore: decorator
@inline function dimAt(s: usize, n: i32, i: i32, rank: i32, wide: bool): i64 {
  const j = i - (rank - n);
  if (j < 0) return 1;
  return wide ? load<i64>(s + (<usize>j << 3)) : <i64>load<i32>(s + (<usize>j << 2));
}

/**
 * BroadcastGradientArgs as BCast computes its grad_x_reduce_idx / grad_y_reduce_idx: walking the right-aligned
 * dims of both shapes, output dim i is reduced for an input whose dim there is 1 (both 1 included), ascending.
 * Writes the two index lists (int32, or int64 with `wide`) at r0 and r1 and returns n0 | n1 << 16, or -1 when
 * the shapes are incompatible. Shape vectors are a handful of elements: a scalar loop is the whole algorithm.
 */
export function broadcastGradientArgs(a: usize, na: i32, b: usize, nb: i32, r0: usize, r1: usize, wide: bool): i32 {
  const rank = max<i32>(na, nb);
  const shift: usize = wide ? 3 : 2;
  let n0 = 0;
  let n1 = 0;
  for (let i = 0; i < rank; i++) {
    const da = dimAt(a, na, i, rank, wide);
    const db = dimAt(b, nb, i, rank, wide);
    if (da != db && da != 1 && db != 1) return -1;
    if (da == 1) {
      if (wide) store<i64>(r0 + (<usize>n0 << shift), <i64>i);
      else store<i32>(r0 + (<usize>n0 << shift), i);
      n0++;
    }
    if (db == 1) {
      if (wide) store<i64>(r1 + (<usize>n1 << shift), <i64>i);
      else store<i32>(r1 + (<usize>n1 << shift), i);
      n1++;
    }
  }
  return n0 | (n1 << 16);
}
