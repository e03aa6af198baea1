// Unary elementwise ops and the activation gradients, over n contiguous elements.
// Algorithm: a v128 loop over 4 lanes, then a scalar tail; exp-based ops (Exp, Sigmoid) use XNNPACK's rr2-p5
// vector exp in common.ts (tail uses the same approximation, so results do not depend on an element's position).
// Tanh is Eigen's generic_fast_tanh_float (the rational approximation TF's CPU kernel uses), in SIMD.
// Log and Pow have no SIMD instruction and call Mathf (musl's algorithms) lane by lane in the same loop shape.
import { madd, sexp, vexp } from "./common";

const NEG: i32 = 0;
const SQUARE: i32 = 1;
const SQRT: i32 = 2;
const EXP: i32 = 3;
const LOG: i32 = 4;
const RELU: i32 = 5;
const SIGMOID: i32 = 6;
const TANH: i32 = 7;
const ABS: i32 = 8;
const RSQRT: i32 = 9;
const RECIPROCAL: i32 = 10;
const RELU6: i32 = 11;

/**
 * Eigen's generic_fast_tanh_float (MathFunctionsImpl.h): clamp to +-7.9053, a 13/6 rational polynomial in x, and
 * x itself below 0.0004 where the polynomial loses relative accuracy.
 */
// @ts-ignore: decorator
@inline function vtanh(a: v128): v128 {
  const x = f32x4.min(f32x4.max(a, f32x4.splat(-7.90531110763549805)), f32x4.splat(7.90531110763549805));
  const tiny = f32x4.lt(f32x4.abs(a), f32x4.splat(0.0004));
  const x2 = f32x4.mul(x, x);
  let p = madd(x2, f32x4.splat(-2.76076847742355e-16), f32x4.splat(2.00018790482477e-13));
  p = madd(x2, p, f32x4.splat(-8.60467152213735e-11));
  p = madd(x2, p, f32x4.splat(5.12229709037114e-8));
  p = madd(x2, p, f32x4.splat(1.48572235717979e-5));
  p = madd(x2, p, f32x4.splat(6.37261928875436e-4));
  p = madd(x2, p, f32x4.splat(4.89352455891786e-3));
  p = f32x4.mul(x, p);
  let q = madd(x2, f32x4.splat(1.19825839466702e-6), f32x4.splat(1.18534705686654e-4));
  q = madd(x2, q, f32x4.splat(2.26843463243900e-3));
  q = madd(x2, q, f32x4.splat(4.89352518554385e-3));
  return v128.bitselect(a, f32x4.div(p, q), tiny);
}

// @ts-ignore: decorator
@inline function sunary(op: i32, x: f32): f32 {
  if (op == NEG) return -x;
  if (op == SQUARE) return x * x;
  if (op == SQRT) return Mathf.sqrt(x);
  if (op == EXP) return sexp(x);
  if (op == LOG) return Mathf.log(x);
  if (op == RELU) return x < 0 ? <f32>0 : x; // std::max(x, 0), as the vector pmax
  if (op == SIGMOID) return <f32>1 / (<f32>1 + sexp(-x));
  if (op == TANH) return f32x4.extract_lane(vtanh(f32x4.splat(x)), 0);
  if (op == ABS) return Mathf.abs(x);
  if (op == RSQRT) return <f32>1 / Mathf.sqrt(x);
  if (op == RECIPROCAL) return <f32>1 / x;
  const r = x < 0 ? <f32>0 : x; // RELU6: std::min(std::max(x, 0), 6), as the vector pmin/pmax
  return <f32>6 < r ? <f32>6 : r;
}

// @ts-ignore: decorator
@inline function vunary(op: i32, x: v128): v128 {
  if (op == NEG) return f32x4.neg(x);
  if (op == SQUARE) return f32x4.mul(x, x);
  if (op == SQRT) return f32x4.sqrt(x);
  if (op == EXP) return vexp(x);
  // Eigen's pmax (_mm_max_ps(0, x): std::max(x, 0), NaN kept), one maxps; f32x4.max's NaN and -0 handling
  // costs V8 six more instructions per vector, which made Relu slower than Add.
  if (op == RELU) return f32x4.pmax(x, f32x4.splat(0));
  if (op == SIGMOID) return f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), vexp(f32x4.neg(x))));
  if (op == TANH) return vtanh(x);
  if (op == ABS) return f32x4.abs(x);
  if (op == RSQRT) return f32x4.div(f32x4.splat(1), f32x4.sqrt(x));
  if (op == RECIPROCAL) return f32x4.div(f32x4.splat(1), x);
  if (op == RELU6) return f32x4.pmin(f32x4.pmax(x, f32x4.splat(0)), f32x4.splat(6));
  // LOG: lane by lane.
  let r = f32x4.splat(sunary(op, f32x4.extract_lane(x, 0)));
  r = f32x4.replace_lane(r, 1, sunary(op, f32x4.extract_lane(x, 1)));
  r = f32x4.replace_lane(r, 2, sunary(op, f32x4.extract_lane(x, 2)));
  r = f32x4.replace_lane(r, 3, sunary(op, f32x4.extract_lane(x, 3)));
  return r;
}

// @ts-ignore: decorator
@inline function unary(op: i32, x: usize, out: usize, n: i32): void {
  let i = 0;
  // Four vectors an iteration: the cheap ops (Relu, Neg, Abs) are otherwise bound by the loop's own instructions.
  for (; i + 16 <= n; i += 16) {
    const o = <usize>i << 2;
    const a = vunary(op, v128.load(x + o));
    const b = vunary(op, v128.load(x + o, 16));
    const c = vunary(op, v128.load(x + o, 32));
    const d = vunary(op, v128.load(x + o, 48));
    v128.store(out + o, a);
    v128.store(out + o, b, 16);
    v128.store(out + o, c, 32);
    v128.store(out + o, d, 48);
  }
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, vunary(op, v128.load(x + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, sunary(op, load<f32>(x + o)));
  }
}

export function negF32(x: usize, out: usize, n: i32): void { unary(NEG, x, out, n); }
export function squareF32(x: usize, out: usize, n: i32): void { unary(SQUARE, x, out, n); }
export function sqrtF32(x: usize, out: usize, n: i32): void { unary(SQRT, x, out, n); }
export function expF32(x: usize, out: usize, n: i32): void { unary(EXP, x, out, n); }
export function logF32(x: usize, out: usize, n: i32): void { unary(LOG, x, out, n); }
export function reluF32(x: usize, out: usize, n: i32): void { unary(RELU, x, out, n); }
export function relu6F32(x: usize, out: usize, n: i32): void { unary(RELU6, x, out, n); }
export function sigmoidF32(x: usize, out: usize, n: i32): void { unary(SIGMOID, x, out, n); }
export function tanhF32(x: usize, out: usize, n: i32): void { unary(TANH, x, out, n); }
export function absF32(x: usize, out: usize, n: i32): void { unary(ABS, x, out, n); }
export function rsqrtF32(x: usize, out: usize, n: i32): void { unary(RSQRT, x, out, n); }
export function reciprocalF32(x: usize, out: usize, n: i32): void { unary(RECIPROCAL, x, out, n); }

// int32: Neg, Square, Abs (wrapping, as TF's int32 kernels).
// @ts-ignore: decorator
@inline function unaryI32(op: i32, x: usize, out: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const v = v128.load(x + o);
    v128.store(out + o, op == NEG ? i32x4.neg(v) : op == SQUARE ? i32x4.mul(v, v) : i32x4.abs(v));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const v = load<i32>(x + o);
    store<i32>(out + o, op == NEG ? -v : op == SQUARE ? v * v : (v < 0 ? -v : v));
  }
}

export function negI32(x: usize, out: usize, n: i32): void { unaryI32(NEG, x, out, n); }
export function squareI32(x: usize, out: usize, n: i32): void { unaryI32(SQUARE, x, out, n); }
export function absI32(x: usize, out: usize, n: i32): void { unaryI32(ABS, x, out, n); }

// Gradients, as TF's cwise_ops_gradients.h: ReluGrad(dy, x) = dy * (x > 0); SigmoidGrad(y, dy) = dy * y * (1 - y);
// TanhGrad(y, dy) = dy * (1 - y * y).
export function reluGradF32(dy: usize, x: usize, out: usize, n: i32): void {
  let i = 0;
  const zero = f32x4.splat(0);
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, v128.and(v128.load(dy + o), f32x4.gt(v128.load(x + o), zero)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, load<f32>(x + o) > 0 ? load<f32>(dy + o) : 0);
  }
}

export function sigmoidGradF32(y: usize, dy: usize, out: usize, n: i32): void {
  let i = 0;
  const one = f32x4.splat(1);
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const vy = v128.load(y + o);
    v128.store(out + o, f32x4.mul(v128.load(dy + o), f32x4.mul(vy, f32x4.sub(one, vy))));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const s = load<f32>(y + o);
    store<f32>(out + o, load<f32>(dy + o) * (s * (1 - s)));
  }
}

export function tanhGradF32(y: usize, dy: usize, out: usize, n: i32): void {
  let i = 0;
  const one = f32x4.splat(1);
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const vy = v128.load(y + o);
    v128.store(out + o, f32x4.mul(v128.load(dy + o), f32x4.sub(one, f32x4.mul(vy, vy))));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const t = load<f32>(y + o);
    store<f32>(out + o, load<f32>(dy + o) * (1 - t * t));
  }
}
