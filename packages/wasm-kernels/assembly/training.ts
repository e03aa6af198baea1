// Optimizer updates, in place on the variable and slot buffers, following TF's training_ops.cc formulas.
// Each is one v128 pass over n elements with a scalar tail; scalar hyper-parameters are splatted once. Momentum,
// Adagrad and RMSProp live in adaptive-apply.ts, where their dense and sparse (row) forms share one lane rule.

/** ApplyGradientDescent: var -= alpha * delta. */
export function applyGradientDescentF32(v: usize, alpha: f32, delta: usize, n: i32): void {
  const va = f32x4.splat(alpha);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(v + o, f32x4.sub(v128.load(v + o), f32x4.mul(va, v128.load(delta + o))));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    store<f32>(v + o, load<f32>(v + o) - alpha * load<f32>(delta + o));
  }
}

/**
 * ApplyAdam with lrT = lr * sqrt(1 - beta2^t) / (1 - beta1^t) computed by the caller:
 * m += (g - m) * (1 - beta1); v += (g * g - v) * (1 - beta2); var -= lrT * m / (sqrt(v) + epsilon),
 * or with use_nesterov var -= lrT * (m * beta1 + (1 - beta1) * g) / (sqrt(v) + epsilon).
 */
export function applyAdamF32(
  w: usize,
  m: usize,
  v: usize,
  lrT: f32,
  beta1: f32,
  beta2: f32,
  epsilon: f32,
  grad: usize,
  n: i32,
  nesterov: bool,
): void {
  const c1 = <f32>1 - beta1,
    c2 = <f32>1 - beta2;
  const vlr = f32x4.splat(lrT),
    vb1 = f32x4.splat(beta1),
    vc1 = f32x4.splat(c1),
    vc2 = f32x4.splat(c2),
    veps = f32x4.splat(epsilon);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    const g = v128.load(grad + o);
    let mm = v128.load(m + o);
    mm = f32x4.add(mm, f32x4.mul(f32x4.sub(g, mm), vc1));
    let vv = v128.load(v + o);
    vv = f32x4.add(vv, f32x4.mul(f32x4.sub(f32x4.mul(g, g), vv), vc2));
    v128.store(m + o, mm);
    v128.store(v + o, vv);
    const num = nesterov ? f32x4.add(f32x4.mul(mm, vb1), f32x4.mul(vc1, g)) : mm;
    const step = f32x4.div(f32x4.mul(vlr, num), f32x4.add(f32x4.sqrt(vv), veps));
    v128.store(w + o, f32x4.sub(v128.load(w + o), step));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    const g = load<f32>(grad + o);
    let mm = load<f32>(m + o);
    mm += (g - mm) * c1;
    let vv = load<f32>(v + o);
    vv += (g * g - vv) * c2;
    store<f32>(m + o, mm);
    store<f32>(v + o, vv);
    const num = nesterov ? mm * beta1 + c1 * g : mm;
    store<f32>(w + o, load<f32>(w + o) - (lrT * num) / (Mathf.sqrt(vv) + epsilon));
  }
}
