// training_ops.cc: ApplyMomentum, ApplyAdagrad, Apply(Centered)RMSProp over whole buffers, and SparseApplyAdagrad,
// SparseApplyMomentum, SparseApplyRMSProp, SparseApplyCenteredRMSProp: the same lane rules applied to the variable
// (and slot) rows `indices` names, with grad's rows in order. Indices are checked first: one outside [0, rows)
// writes nothing and is reported by its position. Each row is v128 over 4 lanes; its tail runs the same lane math on
// one lane, so a tail element equals a SIMD one bit for bit.
import { firstOutside, indexAt } from "./rows";

// @ts-ignore: decorator
@inline function ld(p: usize, full: bool): v128 {
  return full ? v128.load(p) : f32x4.splat(load<f32>(p));
}

// @ts-ignore: decorator
@inline function st(p: usize, x: v128, full: bool): void {
  if (full) v128.store(p, x);
  else store<f32>(p, f32x4.extract_lane(x, 0));
}

/** ApplyAdagrad: accum += grad^2 (with update_slots); var -= lr * grad / sqrt(accum). */
// @ts-ignore: decorator
@inline function adagrad(v: usize, a: usize, g: usize, lr: v128, updateSlots: bool, full: bool): void {
  const gv = ld(g, full);
  let acc = ld(a, full);
  if (updateSlots) {
    acc = f32x4.add(acc, f32x4.mul(gv, gv));
    st(a, acc, full);
  }
  st(v, f32x4.sub(ld(v, full), f32x4.div(f32x4.mul(lr, gv), f32x4.sqrt(acc))), full);
}

/** ApplyMomentum: accum = accum * momentum + grad; var -= lr * accum, or (Nesterov) grad * lr + accum * momentum * lr. */
// @ts-ignore: decorator
@inline function momentum(v: usize, a: usize, g: usize, lr: v128, mom: v128, nesterov: bool, full: bool): void {
  const gv = ld(g, full);
  const acc = f32x4.add(f32x4.mul(ld(a, full), mom), gv);
  st(a, acc, full);
  const step = nesterov ? f32x4.add(f32x4.mul(gv, lr), f32x4.mul(f32x4.mul(acc, mom), lr)) : f32x4.mul(lr, acc);
  st(v, f32x4.sub(ld(v, full), step), full);
}

/**
 * ApplyRMSProp: ms += (grad^2 - ms) * (1 - rho); mom = mom * momentum + lr * grad / sqrt(ms + epsilon); var -= mom.
 * Centered (mg != 0): mg += (grad - mg) * (1 - rho), and ms - mg^2 under the root.
 */
// @ts-ignore: decorator
@inline function rmsProp(v: usize, mg: usize, ms: usize, mo: usize, g: usize, lr: v128, oneMinusRho: v128, mom: v128, eps: v128, full: bool): void {
  const gv = ld(g, full);
  const msv = f32x4.add(ld(ms, full), f32x4.mul(f32x4.sub(f32x4.mul(gv, gv), ld(ms, full)), oneMinusRho));
  st(ms, msv, full);
  let denom = f32x4.add(msv, eps);
  if (mg != 0) {
    const mgv = f32x4.add(ld(mg, full), f32x4.mul(f32x4.sub(gv, ld(mg, full)), oneMinusRho));
    st(mg, mgv, full);
    denom = f32x4.add(f32x4.sub(msv, f32x4.mul(mgv, mgv)), eps);
  }
  const m = f32x4.add(f32x4.mul(ld(mo, full), mom), f32x4.div(f32x4.mul(lr, gv), f32x4.sqrt(denom)));
  st(mo, m, full);
  st(v, f32x4.sub(ld(v, full), m), full);
}

// One row of n elements per rule: v128 steps, then the same lane math on one lane for the tail.

// @ts-ignore: decorator
@inline function adagradRow(v: usize, a: usize, g: usize, n: i32, lr: v128, updateSlots: bool): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = <usize>j << 2;
    adagrad(v + o, a + o, g + o, lr, updateSlots, true);
  }
  for (; j < n; j++) {
    const o = <usize>j << 2;
    adagrad(v + o, a + o, g + o, lr, updateSlots, false);
  }
}

// @ts-ignore: decorator
@inline function momentumRow(v: usize, a: usize, g: usize, n: i32, lr: v128, mom: v128, nesterov: bool): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = <usize>j << 2;
    momentum(v + o, a + o, g + o, lr, mom, nesterov, true);
  }
  for (; j < n; j++) {
    const o = <usize>j << 2;
    momentum(v + o, a + o, g + o, lr, mom, nesterov, false);
  }
}

// @ts-ignore: decorator
@inline function rmsPropRow(v: usize, mg: usize, ms: usize, mo: usize, g: usize, n: i32, lr: v128, oneMinusRho: v128, mom: v128, eps: v128): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = <usize>j << 2;
    rmsProp(v + o, mg == 0 ? <usize>0 : mg + o, ms + o, mo + o, g + o, lr, oneMinusRho, mom, eps, true);
  }
  for (; j < n; j++) {
    const o = <usize>j << 2;
    rmsProp(v + o, mg == 0 ? <usize>0 : mg + o, ms + o, mo + o, g + o, lr, oneMinusRho, mom, eps, false);
  }
}

/** ApplyMomentum over all n elements (attr use_nesterov). */
export function applyMomentumF32(v: usize, accum: usize, lr: f32, grad: usize, momentum: f32, n: i32, nesterov: bool): void {
  momentumRow(v, accum, grad, n, f32x4.splat(lr), f32x4.splat(momentum), nesterov);
}

/** ApplyAdagrad over all n elements (attr update_slots). */
export function applyAdagradF32(v: usize, accum: usize, lr: f32, grad: usize, n: i32, updateSlots: bool): void {
  adagradRow(v, accum, grad, n, f32x4.splat(lr), updateSlots);
}

/** ApplyRMSProp, or ApplyCenteredRMSProp (`centered`; mg unused otherwise), over all n elements. */
export function applyRMSPropF32(v: usize, mg: usize, ms: usize, mom: usize, lr: f32, rho: f32, momentum: f32, epsilon: f32, grad: usize, n: i32, centered: bool): void {
  rmsPropRow(v, centered ? mg : 0, ms, mom, grad, n, f32x4.splat(lr), f32x4.splat(<f32>1 - rho), f32x4.splat(momentum), f32x4.splat(epsilon));
}

/** Returns -1, or the position of the first index outside [0, rows) (nothing written then). */
export function sparseApplyAdagradF32(v: usize, accum: usize, lr: f32, grad: usize, indices: usize, count: i32, rowSize: i32, rows: i32, wide: bool, updateSlots: bool): i32 {
  const bad = firstOutside(indices, count, rows, wide);
  if (bad >= 0) return bad;
  const vlr = f32x4.splat(lr);
  const bytes = <usize>rowSize << 2;
  for (let i = 0; i < count; i++) {
    const r = <usize>indexAt(indices, i, wide) * bytes;
    adagradRow(v + r, accum + r, grad + <usize>i * bytes, rowSize, vlr, updateSlots);
  }
  return -1;
}

export function sparseApplyMomentumF32(v: usize, accum: usize, lr: f32, grad: usize, indices: usize, mom: f32, count: i32, rowSize: i32, rows: i32, wide: bool, nesterov: bool): i32 {
  const bad = firstOutside(indices, count, rows, wide);
  if (bad >= 0) return bad;
  const vlr = f32x4.splat(lr);
  const vm = f32x4.splat(mom);
  const bytes = <usize>rowSize << 2;
  for (let i = 0; i < count; i++) {
    const r = <usize>indexAt(indices, i, wide) * bytes;
    momentumRow(v + r, accum + r, grad + <usize>i * bytes, rowSize, vlr, vm, nesterov);
  }
  return -1;
}

/** SparseApplyRMSProp, or SparseApplyCenteredRMSProp when `mg` is not 0. */
export function sparseApplyRMSPropF32(v: usize, mg: usize, ms: usize, mo: usize, lr: f32, rho: f32, mom: f32, eps: f32, grad: usize, indices: usize, count: i32, rowSize: i32, rows: i32, wide: bool): i32 {
  const bad = firstOutside(indices, count, rows, wide);
  if (bad >= 0) return bad;
  const vlr = f32x4.splat(lr);
  const vr = f32x4.splat(<f32>1 - rho);
  const vm = f32x4.splat(mom);
  const ve = f32x4.splat(eps);
  const bytes = <usize>rowSize << 2;
  for (let i = 0; i < count; i++) {
    const r = <usize>indexAt(indices, i, wide) * bytes;
    rmsPropRow(v + r, mg == 0 ? <usize>0 : mg + r, ms + r, mo + r, grad + <usize>i * bytes, rowSize, vlr, vr, vm, ve);
  }
  return -1;
}
