// Row helpers of the index-driven kernels (segment.ts, scatter.ts, sparse-apply.ts): an index read as int32 or
// int64, and one row of 32-bit elements added to (or subtracted from) another, v128 then a scalar tail.

/** Index `i` of an int32 or int64 (`wide`) index vector, as i64. */
// @ts-ignore: decorator
@inline export function indexAt(indices: usize, i: i32, wide: bool): i64 {
  return wide ? load<i64>(indices + (<usize>i << 3)) : <i64>load<i32>(indices + (<usize>i << 2));
}

/** The position of the first index outside [0, limit), or -1 when all are inside. */
// @ts-ignore: decorator
@inline export function firstOutside(indices: usize, count: i32, limit: i64, wide: bool): i32 {
  for (let i = 0; i < count; i++) {
    const idx = indexAt(indices, i, wide);
    if (idx < 0 || idx >= limit) return i;
  }
  return -1;
}

/** dst[j] += src[j] (or -= with `subtract`) for j < n; int32 wraps as Eigen's `+=` does. */
// @ts-ignore: decorator
@inline export function addRow<T>(dst: usize, src: usize, n: i32, subtract: bool): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = (<usize>j) << 2;
    const a = v128.load(dst + o);
    const b = v128.load(src + o);
    if (isFloat<T>()) v128.store(dst + o, subtract ? f32x4.sub(a, b) : f32x4.add(a, b));
    else v128.store(dst + o, subtract ? i32x4.sub(a, b) : i32x4.add(a, b));
  }
  for (; j < n; j++) {
    const o = (<usize>j) << 2;
    store<T>(dst + o, subtract ? load<T>(dst + o) - load<T>(src + o) : load<T>(dst + o) + load<T>(src + o));
  }
}
