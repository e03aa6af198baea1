// Data movement for 32-bit elements (float32 and int32 share these: they only move bits).
// Transpose and Slice/StridedSlice are one strided gather: out is walked in row-major order while an odometer of
// input offsets advances by per-dim element strides (a permuted stride for Transpose, stride * step for StridedSlice),
// as Eigen's TensorShuffling and TensorStridingSlicing evaluate. A unit innermost stride becomes memory.copy.
//
// Descriptor at `desc`: i32 [rank, offset, shape[0..rank), stride[0..rank), counter[0..rank)] where counter is
// scratch the kernel writes (the wrapper owns it; the kernel allocates nothing).

// @ts-ignore: decorator
@inline function stridedCopy(x: usize, out: usize, desc: usize): void {
  const rank = load<i32>(desc);
  const shape = desc + 8;
  const stride = shape + (<usize>rank << 2);
  const counter = stride + (<usize>rank << 2);
  let total: i32 = 1;
  for (let d = 0; d < rank; d++) {
    total *= load<i32>(shape + (<usize>d << 2));
    store<i32>(counter + (<usize>d << 2), 0);
  }
  if (total == 0) return;
  if (rank == 0) {
    store<i32>(out, load<i32>(x + (<usize>load<i32>(desc, 4) << 2)));
    return;
  }
  const last = rank - 1;
  const n = load<i32>(shape + (<usize>last << 2));
  const s = load<i32>(stride + (<usize>last << 2));
  let offset = load<i32>(desc, 4);
  let dst = out;
  const rows = total / n;
  for (let rIdx = 0; rIdx < rows; rIdx++) {
    const src = x + (<usize>offset << 2);
    if (s == 1) {
      memory.copy(dst, src, <usize>n << 2);
    } else {
      let i = 0;
      // Four independent gathers per step; the store is a single v128.
      for (; i + 4 <= n; i += 4) {
        let v = i32x4.splat(load<i32>(src + (<usize>(i * s) << 2)));
        v = i32x4.replace_lane(v, 1, load<i32>(src + (<usize>((i + 1) * s) << 2)));
        v = i32x4.replace_lane(v, 2, load<i32>(src + (<usize>((i + 2) * s) << 2)));
        v = i32x4.replace_lane(v, 3, load<i32>(src + (<usize>((i + 3) * s) << 2)));
        v128.store(dst + (<usize>i << 2), v);
      }
      for (; i < n; i++) store<i32>(dst + (<usize>i << 2), load<i32>(src + (<usize>(i * s) << 2)));
    }
    dst += <usize>n << 2;
    // Advance the odometer over dims [0, last).
    for (let d = last - 1; d >= 0; d--) {
      const cp = counter + (<usize>d << 2);
      const c = load<i32>(cp) + 1;
      const sd = load<i32>(stride + (<usize>d << 2));
      if (c < load<i32>(shape + (<usize>d << 2))) {
        store<i32>(cp, c);
        offset += sd;
        break;
      }
      store<i32>(cp, 0);
      offset -= sd * (c - 1);
    }
  }
}

export function transposeF32(x: usize, out: usize, desc: usize): void { stridedCopy(x, out, desc); }
export function transposeI32(x: usize, out: usize, desc: usize): void { stridedCopy(x, out, desc); }
export function stridedSliceF32(x: usize, out: usize, desc: usize): void { stridedCopy(x, out, desc); }
export function stridedSliceI32(x: usize, out: usize, desc: usize): void { stridedCopy(x, out, desc); }

/**
 * ConcatV2, one input at a time: copies `outer` chunks of `chunk` elements from x into out, whose rows are
 * `outRow` elements long, starting at element `at` of each row (TF's ConcatCPU: memcpy per row).
 */
// @ts-ignore: decorator
@inline function concatInto(x: usize, out: usize, outer: i32, chunk: i32, outRow: i32, at: i32): void {
  const bytes = <usize>chunk << 2;
  for (let o = 0; o < outer; o++) {
    memory.copy(out + (<usize>(o * outRow + at) << 2), x + <usize>o * bytes, bytes);
  }
}

export function concatF32(x: usize, out: usize, outer: i32, chunk: i32, outRow: i32, at: i32): void { concatInto(x, out, outer, chunk, outRow, at); }
export function concatI32(x: usize, out: usize, outer: i32, chunk: i32, outRow: i32, at: i32): void { concatInto(x, out, outer, chunk, outRow, at); }

/**
 * GatherV2 over [outer, axisDim, inner] params with `count` int32 indices (TF's GatherFunctorCPU: memcpy of each
 * selected slice). Returns -1 when every index is in [0, axisDim), else the position of the first bad index
 * (checked before anything is written).
 */
// @ts-ignore: decorator
@inline function gather(params: usize, indices: usize, out: usize, outer: i32, axisDim: i32, count: i32, inner: i32): i32 {
  for (let i = 0; i < count; i++) {
    const idx = load<i32>(indices + (<usize>i << 2));
    if (<u32>idx >= <u32>axisDim) return i;
  }
  const bytes = <usize>inner << 2;
  let dst = out;
  for (let o = 0; o < outer; o++) {
    const base = params + <usize>(o * axisDim) * bytes;
    for (let i = 0; i < count; i++) {
      memory.copy(dst, base + <usize>load<i32>(indices + (<usize>i << 2)) * bytes, bytes);
      dst += bytes;
    }
  }
  return -1;
}

export function gatherV2F32(params: usize, indices: usize, out: usize, outer: i32, axisDim: i32, count: i32, inner: i32): i32 {
  return gather(params, indices, out, outer, axisDim, count, inner);
}
export function gatherV2I32(params: usize, indices: usize, out: usize, outer: i32, axisDim: i32, count: i32, inner: i32): i32 {
  return gather(params, indices, out, outer, axisDim, count, inner);
}

/** Fill: v128 splat stores, then a scalar tail. */
// @ts-ignore: decorator
@inline function fill32(out: usize, n: i32, v: v128): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(out + (<usize>i << 2), v);
  for (; i < n; i++) store<i32>(out + (<usize>i << 2), i32x4.extract_lane(v, 0));
}

export function fillF32(out: usize, n: i32, value: f32): void { fill32(out, n, f32x4.splat(value)); }
export function fillI32(out: usize, n: i32, value: i32): void { fill32(out, n, i32x4.splat(value)); }

// Cast, as TF's CastOp (static_cast): float -> int32 truncates toward zero (saturating here, where C++ is
// undefined), int32 -> float rounds to nearest, anything -> bool is `!= 0`, bool -> number is 0 or 1.
export function castF32ToI32(x: usize, out: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, i32x4.trunc_sat_f32x4_s(v128.load(x + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<i32>(out + o, i32x4.extract_lane(i32x4.trunc_sat_f32x4_s(f32x4.splat(load<f32>(x + o))), 0));
  }
}

export function castI32ToF32(x: usize, out: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, f32x4.convert_i32x4_s(v128.load(x + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, <f32>load<i32>(x + o));
  }
}

/** 32-bit lanes to bool bytes: `isFloat` compares as f32 (so -0 is false), else as i32. */
// @ts-ignore: decorator
@inline function castToBool(x: usize, out: usize, n: i32, isFloat: bool): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    const m = isFloat ? f32x4.ne(v, f32x4.splat(0)) : i32x4.ne(v, i32x4.splat(0));
    const m16 = i16x8.narrow_i32x4_s(m, m);
    v128.store32_lane(out + <usize>i, v128.and(i8x16.narrow_i16x8_s(m16, m16), i8x16.splat(1)), 0);
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<u8>(out + <usize>i, isFloat ? <u8>(load<f32>(x + o) != 0) : <u8>(load<i32>(x + o) != 0));
  }
}

export function castF32ToBool(x: usize, out: usize, n: i32): void { castToBool(x, out, n, true); }
export function castI32ToBool(x: usize, out: usize, n: i32): void { castToBool(x, out, n, false); }

/** bool bytes to 32-bit lanes: widen 4 bytes to 4 i32 lanes; as f32 when `isFloat`. */
// @ts-ignore: decorator
@inline function castFromBool(x: usize, out: usize, n: i32, isFloat: bool): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const b = v128.load32_zero(x + <usize>i);
    const w = i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(b));
    const nz = i32x4.ne(w, i32x4.splat(0));
    v128.store(out + (<usize>i << 2), v128.and(nz, isFloat ? f32x4.splat(1) : i32x4.splat(1)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const on = load<u8>(x + <usize>i) != 0;
    if (isFloat) store<f32>(out + o, on ? 1 : 0);
    else store<i32>(out + o, on ? 1 : 0);
  }
}

export function castBoolToF32(x: usize, out: usize, n: i32): void { castFromBool(x, out, n, true); }
export function castBoolToI32(x: usize, out: usize, n: i32): void { castFromBool(x, out, n, false); }
