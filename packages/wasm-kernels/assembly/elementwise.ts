// Binary elementwise ops and comparisons with NumPy broadcasting.
// Algorithm: the wrapper collapses both operands' shapes to at most 4 dims with element strides (0 where an
// operand broadcasts), as Eigen's TensorBroadcasting and tfjs-backend-wasm's binary kernels do. The innermost
// dim picks one of four loops: both contiguous (same shape, row broadcast), one operand a scalar along it
// (scalar, column broadcast), or a strided scalar loop. Each contiguous loop is v128 over 4 lanes, then a scalar tail.
//
// Descriptor at `desc`: i32 [d0, d1, d2, d3, sa0, sa1, sa2, sa3, sb0, sb1, sb2, sb3] (strides in elements).

const ADD: i32 = 0;
const SUB: i32 = 1;
const MUL: i32 = 2;
const DIV: i32 = 3;
const MAX: i32 = 4;
const MIN: i32 = 5;
const POW: i32 = 6;
const SQDIFF: i32 = 7;
/** DivNoNan (cwise_op_div.cc): 0 where y is 0, else x / y. */
const DIVNONAN: i32 = 8;

const EQ: i32 = 0;
const NE: i32 = 1;
const LT: i32 = 2;
const LE: i32 = 3;
const GT: i32 = 4;
const GE: i32 = 5;

// @ts-ignore: decorator
@inline function powLanes(x: v128, y: v128): v128 {
  let r = f32x4.splat(Mathf.pow(f32x4.extract_lane(x, 0), f32x4.extract_lane(y, 0)));
  r = f32x4.replace_lane(r, 1, Mathf.pow(f32x4.extract_lane(x, 1), f32x4.extract_lane(y, 1)));
  r = f32x4.replace_lane(r, 2, Mathf.pow(f32x4.extract_lane(x, 2), f32x4.extract_lane(y, 2)));
  r = f32x4.replace_lane(r, 3, Mathf.pow(f32x4.extract_lane(x, 3), f32x4.extract_lane(y, 3)));
  return r;
}

// @ts-ignore: decorator
@inline function vop<T>(op: i32, x: v128, y: v128): v128 {
  if (op == ADD) return v128.add<T>(x, y);
  if (op == SUB) return v128.sub<T>(x, y);
  if (op == MUL) return v128.mul<T>(x, y);
  if (op == DIV) return v128.div<f32>(x, y);
  if (op == MAX) return v128.max<T>(x, y);
  if (op == MIN) return v128.min<T>(x, y);
  if (op == POW) return powLanes(x, y);
  if (op == DIVNONAN) return v128.andnot(f32x4.div(x, y), f32x4.eq(y, f32x4.splat(0)));
  const d = v128.sub<T>(x, y);
  return v128.mul<T>(d, d);
}

// @ts-ignore: decorator
@inline function sop<T>(op: i32, x: T, y: T): T {
  if (op == ADD) return x + y;
  if (op == SUB) return x - y;
  if (op == MUL) return x * y;
  if (op == DIV) return x / y;
  if (op == MAX) return isFloat<T>() ? <T>max<f32>(<f32>x, <f32>y) : (x > y ? x : y);
  if (op == MIN) return isFloat<T>() ? <T>min<f32>(<f32>x, <f32>y) : (x < y ? x : y);
  if (op == POW) return <T>Mathf.pow(<f32>x, <f32>y);
  if (op == DIVNONAN) return y == 0 ? <T>0 : x / y;
  const d = x - y;
  return d * d;
}

/** One innermost row of `n` elements: picks the loop by the operands' strides along it. */
// @ts-ignore: decorator
@inline function row<T>(op: i32, a: usize, b: usize, out: usize, n: i32, sa: i32, sb: i32): void {
  let i = 0;
  if (sa == 1 && sb == 1) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(out + o, vop<T>(op, v128.load(a + o), v128.load(b + o)));
    }
    for (; i < n; i++) {
      const o = <usize>i << 2;
      store<T>(out + o, sop<T>(op, load<T>(a + o), load<T>(b + o)));
    }
  } else if (sa == 1 && sb == 0) {
    const y = load<T>(b);
    const vy = v128.splat<T>(y);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(out + o, vop<T>(op, v128.load(a + o), vy));
    }
    for (; i < n; i++) {
      const o = <usize>i << 2;
      store<T>(out + o, sop<T>(op, load<T>(a + o), y));
    }
  } else if (sa == 0 && sb == 1) {
    const x = load<T>(a);
    const vx = v128.splat<T>(x);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(out + o, vop<T>(op, vx, v128.load(b + o)));
    }
    for (; i < n; i++) {
      const o = <usize>i << 2;
      store<T>(out + o, sop<T>(op, x, load<T>(b + o)));
    }
  } else {
    for (; i < n; i++) {
      store<T>(out + (<usize>i << 2), sop<T>(op, load<T>(a + (<usize>(i * sa) << 2)), load<T>(b + (<usize>(i * sb) << 2))));
    }
  }
}

// @ts-ignore: decorator
@inline function binary<T>(op: i32, a: usize, b: usize, out: usize, desc: usize): void {
  const d0 = load<i32>(desc, 0), d1 = load<i32>(desc, 4), d2 = load<i32>(desc, 8), d3 = load<i32>(desc, 12);
  const sa0 = load<i32>(desc, 16), sa1 = load<i32>(desc, 20), sa2 = load<i32>(desc, 24), sa3 = load<i32>(desc, 28);
  const sb0 = load<i32>(desc, 32), sb1 = load<i32>(desc, 36), sb2 = load<i32>(desc, 40), sb3 = load<i32>(desc, 44);
  let po = out;
  for (let i0 = 0; i0 < d0; i0++) {
    for (let i1 = 0; i1 < d1; i1++) {
      for (let i2 = 0; i2 < d2; i2++) {
        const pa = a + (<usize>(i0 * sa0 + i1 * sa1 + i2 * sa2) << 2);
        const pb = b + (<usize>(i0 * sb0 + i1 * sb1 + i2 * sb2) << 2);
        row<T>(op, pa, pb, po, d3, sa3, sb3);
        po += <usize>d3 << 2;
      }
    }
  }
}

export function addF32(a: usize, b: usize, out: usize, desc: usize): void { binary<f32>(ADD, a, b, out, desc); }
export function subF32(a: usize, b: usize, out: usize, desc: usize): void { binary<f32>(SUB, a, b, out, desc); }
export function mulF32(a: usize, b: usize, out: usize, desc: usize): void { binary<f32>(MUL, a, b, out, desc); }
export function realDivF32(a: usize, b: usize, out: usize, desc: usize): void { binary<f32>(DIV, a, b, out, desc); }
export function maximumF32(a: usize, b: usize, out: usize, desc: usize): void { binary<f32>(MAX, a, b, out, desc); }
export function minimumF32(a: usize, b: usize, out: usize, desc: usize): void { binary<f32>(MIN, a, b, out, desc); }
export function powF32(a: usize, b: usize, out: usize, desc: usize): void { binary<f32>(POW, a, b, out, desc); }
export function divNoNanF32(a: usize, b: usize, out: usize, desc: usize): void { binary<f32>(DIVNONAN, a, b, out, desc); }
export function squaredDifferenceF32(a: usize, b: usize, out: usize, desc: usize): void { binary<f32>(SQDIFF, a, b, out, desc); }
export function addI32(a: usize, b: usize, out: usize, desc: usize): void { binary<i32>(ADD, a, b, out, desc); }
export function subI32(a: usize, b: usize, out: usize, desc: usize): void { binary<i32>(SUB, a, b, out, desc); }
export function mulI32(a: usize, b: usize, out: usize, desc: usize): void { binary<i32>(MUL, a, b, out, desc); }
export function maximumI32(a: usize, b: usize, out: usize, desc: usize): void { binary<i32>(MAX, a, b, out, desc); }
export function minimumI32(a: usize, b: usize, out: usize, desc: usize): void { binary<i32>(MIN, a, b, out, desc); }
export function squaredDifferenceI32(a: usize, b: usize, out: usize, desc: usize): void { binary<i32>(SQDIFF, a, b, out, desc); }

// Comparisons write bool as one byte (0 or 1). The v128 loop compares 4 lanes into an all-ones mask,
// narrows i32 -> i16 -> i8 and stores the low 4 bytes masked to 1.

// @ts-ignore: decorator
@inline function vcmp<T>(op: i32, x: v128, y: v128): v128 {
  if (op == EQ) return v128.eq<T>(x, y);
  if (op == NE) return v128.ne<T>(x, y);
  if (op == LT) return v128.lt<T>(x, y);
  if (op == LE) return v128.le<T>(x, y);
  if (op == GT) return v128.gt<T>(x, y);
  return v128.ge<T>(x, y);
}

// @ts-ignore: decorator
@inline function scmp<T>(op: i32, x: T, y: T): u8 {
  if (op == EQ) return <u8>(x == y);
  if (op == NE) return <u8>(x != y);
  if (op == LT) return <u8>(x < y);
  if (op == LE) return <u8>(x <= y);
  if (op == GT) return <u8>(x > y);
  return <u8>(x >= y);
}

// @ts-ignore: decorator
@inline function storeMask4(out: usize, mask: v128): void {
  const m16 = i16x8.narrow_i32x4_s(mask, mask);
  const m8 = i8x16.narrow_i16x8_s(m16, m16);
  v128.store32_lane(out, v128.and(m8, i8x16.splat(1)), 0);
}

// @ts-ignore: decorator
@inline function compareRow<T>(op: i32, a: usize, b: usize, out: usize, n: i32, sa: i32, sb: i32): void {
  let i = 0;
  if (sa == 1 && sb == 1) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      storeMask4(out + <usize>i, vcmp<T>(op, v128.load(a + o), v128.load(b + o)));
    }
  } else if (sa == 1 && sb == 0) {
    const vy = v128.splat<T>(load<T>(b));
    for (; i + 4 <= n; i += 4) {
      storeMask4(out + <usize>i, vcmp<T>(op, v128.load(a + (<usize>i << 2)), vy));
    }
  } else if (sa == 0 && sb == 1) {
    const vx = v128.splat<T>(load<T>(a));
    for (; i + 4 <= n; i += 4) {
      storeMask4(out + <usize>i, vcmp<T>(op, vx, v128.load(b + (<usize>i << 2))));
    }
  }
  for (; i < n; i++) {
    store<u8>(out + <usize>i, scmp<T>(op, load<T>(a + (<usize>(i * sa) << 2)), load<T>(b + (<usize>(i * sb) << 2))));
  }
}

// @ts-ignore: decorator
@inline function compare<T>(op: i32, a: usize, b: usize, out: usize, desc: usize): void {
  const d0 = load<i32>(desc, 0), d1 = load<i32>(desc, 4), d2 = load<i32>(desc, 8), d3 = load<i32>(desc, 12);
  const sa0 = load<i32>(desc, 16), sa1 = load<i32>(desc, 20), sa2 = load<i32>(desc, 24), sa3 = load<i32>(desc, 28);
  const sb0 = load<i32>(desc, 32), sb1 = load<i32>(desc, 36), sb2 = load<i32>(desc, 40), sb3 = load<i32>(desc, 44);
  let po = out;
  for (let i0 = 0; i0 < d0; i0++) {
    for (let i1 = 0; i1 < d1; i1++) {
      for (let i2 = 0; i2 < d2; i2++) {
        const pa = a + (<usize>(i0 * sa0 + i1 * sa1 + i2 * sa2) << 2);
        const pb = b + (<usize>(i0 * sb0 + i1 * sb1 + i2 * sb2) << 2);
        compareRow<T>(op, pa, pb, po, d3, sa3, sb3);
        po += <usize>d3;
      }
    }
  }
}

export function equalF32(a: usize, b: usize, out: usize, desc: usize): void { compare<f32>(EQ, a, b, out, desc); }
export function notEqualF32(a: usize, b: usize, out: usize, desc: usize): void { compare<f32>(NE, a, b, out, desc); }
export function lessF32(a: usize, b: usize, out: usize, desc: usize): void { compare<f32>(LT, a, b, out, desc); }
export function lessEqualF32(a: usize, b: usize, out: usize, desc: usize): void { compare<f32>(LE, a, b, out, desc); }
export function greaterF32(a: usize, b: usize, out: usize, desc: usize): void { compare<f32>(GT, a, b, out, desc); }
export function greaterEqualF32(a: usize, b: usize, out: usize, desc: usize): void { compare<f32>(GE, a, b, out, desc); }
export function equalI32(a: usize, b: usize, out: usize, desc: usize): void { compare<i32>(EQ, a, b, out, desc); }
export function notEqualI32(a: usize, b: usize, out: usize, desc: usize): void { compare<i32>(NE, a, b, out, desc); }
export function lessI32(a: usize, b: usize, out: usize, desc: usize): void { compare<i32>(LT, a, b, out, desc); }
export function lessEqualI32(a: usize, b: usize, out: usize, desc: usize): void { compare<i32>(LE, a, b, out, desc); }
export function greaterI32(a: usize, b: usize, out: usize, desc: usize): void { compare<i32>(GT, a, b, out, desc); }
export function greaterEqualI32(a: usize, b: usize, out: usize, desc: usize): void { compare<i32>(GE, a, b, out, desc); }
