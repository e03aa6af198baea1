// FusedBatchNormV3 and FusedBatchNormGradV3 over NHWC float32, viewed as [rest = N*H*W, depth] (fused_batch_norm_op.cc,
// CPU functors). Per-channel sums accumulate in f64 (two f64x2 lanes per 4 channels, as the reference's float64
// loops), so a large batch loses no precision; the per-element passes are f32x4 over 4 channels with a scalar tail.
// `scratch` holds 2 * depth f64 sums followed by 3 * depth f32 coefficients (the wrapper sizes it: 28 * depth bytes).

/**
 * Adds one row of `depth` values per channel into the f64 sums at `sums`: the row itself (mode 0), (row - center)^2
 * (mode 1) or (row - center) * weight (mode 2; `weight` a row too).
 */
// @ts-ignore: decorator
@inline function addRow(sums: usize, row: usize, center: usize, weight: usize, depth: i32, mode: i32): void {
  let c = 0;
  for (; c + 4 <= depth; c += 4) {
    const o = (<usize>c) << 2;
    let v = v128.load(row + o);
    if (mode >= 1) v = f32x4.sub(v, v128.load(center + o));
    if (mode == 1) v = f32x4.mul(v, v);
    if (mode == 2) v = f32x4.mul(v, v128.load(weight + o));
    const s = sums + ((<usize>c) << 3);
    v128.store(s, f64x2.add(v128.load(s), f64x2.promote_low_f32x4(v)));
    v128.store(s + 16, f64x2.add(v128.load(s + 16), f64x2.promote_low_f32x4(i8x16.shuffle(v, v, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7))));
  }
  for (; c < depth; c++) {
    const o = (<usize>c) << 2;
    let v = load<f32>(row + o);
    if (mode >= 1) v -= load<f32>(center + o);
    if (mode == 1) v *= v;
    if (mode == 2) v *= load<f32>(weight + o);
    const s = sums + ((<usize>c) << 3);
    store<f64>(s, load<f64>(s) + <f64>v);
  }
}

/** Per-channel sums over [rest, depth] into `sums`: of x (mode 0), (x - center)^2 (mode 1), (x - center) * w (mode 2). */
function channelSums(sums: usize, x: usize, center: usize, w: usize, rest: i32, depth: i32, mode: i32): void {
  memory.fill(sums, 0, (<usize>depth) << 3);
  const rowBytes = (<usize>depth) << 2;
  for (let i = 0; i < rest; i++) {
    const r = <usize>i * rowBytes;
    addRow(sums, x + r, center, w + r, depth, mode);
  }
}

/** y = (x - mean) * factor + offset per element of [rest, depth]. */
function normalize(y: usize, x: usize, mean: usize, factor: usize, offset: usize, rest: i32, depth: i32): void {
  const rowBytes = (<usize>depth) << 2;
  for (let i = 0; i < rest; i++) {
    const r = <usize>i * rowBytes;
    let c = 0;
    for (; c + 4 <= depth; c += 4) {
      const o = (<usize>c) << 2;
      const xc = f32x4.sub(v128.load(x + r + o), v128.load(mean + o));
      v128.store(y + r + o, f32x4.add(f32x4.mul(xc, v128.load(factor + o)), v128.load(offset + o)));
    }
    for (; c < depth; c++) {
      const o = (<usize>c) << 2;
      store<f32>(y + r + o, (load<f32>(x + r + o) - load<f32>(mean + o)) * load<f32>(factor + o) + load<f32>(offset + o));
    }
  }
}

/** out = ((a - b) - (x - m) * k) * f per element of [rest, depth], with per-channel vectors b, m, k, f. */
function backprop(
  out: usize,
  a: usize,
  x: usize,
  b: usize,
  m: usize,
  k: usize,
  f: usize,
  rest: i32,
  depth: i32,
): void {
  const rowBytes = (<usize>depth) << 2;
  for (let i = 0; i < rest; i++) {
    const r = <usize>i * rowBytes;
    let c = 0;
    for (; c + 4 <= depth; c += 4) {
      const o = (<usize>c) << 2;
      const d = f32x4.sub(v128.load(a + r + o), v128.load(b + o));
      const xc = f32x4.mul(f32x4.sub(v128.load(x + r + o), v128.load(m + o)), v128.load(k + o));
      v128.store(out + r + o, f32x4.mul(f32x4.sub(d, xc), v128.load(f + o)));
    }
    for (; c < depth; c++) {
      const o = (<usize>c) << 2;
      const d = load<f32>(a + r + o) - load<f32>(b + o);
      const xc = (load<f32>(x + r + o) - load<f32>(m + o)) * load<f32>(k + o);
      store<f32>(out + r + o, (d - xc) * load<f32>(f + o));
    }
  }
}

/**
 * FusedBatchNormV3. Training: batch mean, biased variance (reserve_space_1/2) and the Bessel-corrected batch
 * variance from x; inference: the given mean and variance pass through. y = (x - mean) * scale / sqrt(var + eps)
 * + offset; reserve_space_3 is the CPU's scalar 0.
 */
export function fusedBatchNormF32(
  x: usize,
  scale: usize,
  offset: usize,
  estMean: usize,
  estVariance: usize,
  y: usize,
  batchMean: usize,
  batchVariance: usize,
  savedMean: usize,
  savedVariance: usize,
  reserve3: usize,
  scratch: usize,
  rest: i32,
  depth: i32,
  epsilon: f32,
  training: bool,
): void {
  const sums = scratch;
  const factor = scratch + ((<usize>depth) << 4);
  if (training) {
    channelSums(sums, x, 0, 0, rest, depth, 0);
    for (let c = 0; c < depth; c++) {
      store<f32>(savedMean + ((<usize>c) << 2), <f32>(load<f64>(sums + ((<usize>c) << 3)) / <f64>rest));
    }
    channelSums(sums, x, savedMean, 0, rest, depth, 1);
    // Bessel's correction, with TF's guard for a single element per channel.
    const adjust = <f64>rest / <f64>(rest > 1 ? rest - 1 : 1);
    for (let c = 0; c < depth; c++) {
      const o = (<usize>c) << 2;
      const biased = load<f64>(sums + ((<usize>c) << 3)) / <f64>rest;
      store<f32>(savedVariance + o, <f32>biased);
      store<f32>(batchVariance + o, <f32>(biased * adjust));
    }
  } else {
    memory.copy(savedMean, estMean, (<usize>depth) << 2);
    memory.copy(savedVariance, estVariance, (<usize>depth) << 2);
    memory.copy(batchVariance, estVariance, (<usize>depth) << 2);
  }
  memory.copy(batchMean, savedMean, (<usize>depth) << 2);
  for (let c = 0; c < depth; c++) {
    const o = (<usize>c) << 2;
    const v = <f64>load<f32>(savedVariance + o) + <f64>epsilon;
    store<f32>(factor + o, <f32>(<f64>load<f32>(scale + o) / Math.sqrt(v)));
  }
  normalize(y, x, savedMean, factor, offset, rest, depth);
  store<f32>(reserve3, 0);
}

/**
 * FusedBatchNormGradV3 from the saved mean and variance (training: the batch's; inference: the population's).
 * offset_backprop = sum(dy); scale_backprop = sum(dy * (x - mean)) * rsqrt(var + eps); x_backprop in training is
 * scale * rsqrt * (dy - mean(dy) - (x - mean) * rsqrt^2 * mean(dy * (x - mean))), in inference dy * scale * rsqrt.
 * reserve_space_4/5 are scalar 0 placeholders.
 */
export function fusedBatchNormGradF32(
  dy: usize,
  x: usize,
  scale: usize,
  mean: usize,
  variance: usize,
  dx: usize,
  scaleBackprop: usize,
  offsetBackprop: usize,
  reserve4: usize,
  reserve5: usize,
  scratch: usize,
  rest: i32,
  depth: i32,
  epsilon: f32,
  training: bool,
): void {
  const sumDy = scratch;
  const sumDyXc = scratch + ((<usize>depth) << 3);
  const coef = scratch + ((<usize>depth) << 4);
  const dyMean = coef;
  const k = coef + ((<usize>depth) << 2);
  const f = coef + ((<usize>depth) << 3);
  channelSums(sumDy, dy, 0, 0, rest, depth, 0);
  channelSums(sumDyXc, x, mean, dy, rest, depth, 2);
  for (let c = 0; c < depth; c++) {
    const o = (<usize>c) << 2;
    const o8 = (<usize>c) << 3;
    const rsqrt = 1 / Math.sqrt(<f64>load<f32>(variance + o) + <f64>epsilon);
    const sDy = load<f64>(sumDy + o8);
    const sDyXc = load<f64>(sumDyXc + o8);
    store<f32>(offsetBackprop + o, <f32>sDy);
    store<f32>(scaleBackprop + o, <f32>(sDyXc * rsqrt));
    store<f32>(f + o, <f32>(<f64>load<f32>(scale + o) * rsqrt));
    store<f32>(dyMean + o, training ? <f32>(sDy / <f64>rest) : 0);
    store<f32>(k + o, training ? <f32>((rsqrt * rsqrt * sDyXc) / <f64>rest) : 0);
  }
  backprop(dx, dy, x, dyMean, mean, k, f, rest, depth);
  store<f32>(reserve4, 0);
  store<f32>(reserve5, 0);
}
