// DepthwiseConv2dNative and its two gradients (depthwise_conv_op.cc, depthwise_conv_grad_op.cc), NHWC, direct loops.
// Output channel o = c * M + q reads input channel c with filter [KH, KW, C, M] (flat over o per tap). All three
// walk the same (output pixel, in-bounds tap) pairs and differ in which of x, filter, y they accumulate into; with
// M = 1 the channels line up and the inner loop is f32x4 over 4 channels with a scalar tail.
//
// Descriptor at `desc`: i32 [N, H, W, C, KH, KW, OH, OW, strideH, strideW, padTop, padLeft, M].

// @ts-ignore: decorator
@inline function g(desc: usize, i: i32): i32 {
  return load<i32>(desc + (<usize>i << 2));
}

/** One tap: y[o] += x[o / M] * f[o] (mode 0), x[c] += sum_q y[c*M+q] * f[c*M+q] (1), f[o] += x[o / M] * y[o] (2). */
// @ts-ignore: decorator
@inline function tap(x: usize, f: usize, y: usize, C: i32, M: i32, mode: i32): void {
  if (M == 1) {
    let c = 0;
    for (; c + 4 <= C; c += 4) {
      const o = (<usize>c) << 2;
      if (mode == 0) v128.store(y + o, f32x4.add(v128.load(y + o), f32x4.mul(v128.load(x + o), v128.load(f + o))));
      else if (mode == 1) v128.store(x + o, f32x4.add(v128.load(x + o), f32x4.mul(v128.load(y + o), v128.load(f + o))));
      else v128.store(f + o, f32x4.add(v128.load(f + o), f32x4.mul(v128.load(x + o), v128.load(y + o))));
    }
    for (; c < C; c++) {
      const o = (<usize>c) << 2;
      if (mode == 0) store<f32>(y + o, load<f32>(y + o) + load<f32>(x + o) * load<f32>(f + o));
      else if (mode == 1) store<f32>(x + o, load<f32>(x + o) + load<f32>(y + o) * load<f32>(f + o));
      else store<f32>(f + o, load<f32>(f + o) + load<f32>(x + o) * load<f32>(y + o));
    }
    return;
  }
  for (let c = 0; c < C; c++) {
    const xc = x + ((<usize>c) << 2);
    let acc: f32 = 0;
    for (let q = 0; q < M; q++) {
      const o = (<usize>(c * M + q)) << 2;
      if (mode == 0) store<f32>(y + o, load<f32>(y + o) + load<f32>(xc) * load<f32>(f + o));
      else if (mode == 1) acc += load<f32>(y + o) * load<f32>(f + o);
      else store<f32>(f + o, load<f32>(f + o) + load<f32>(xc) * load<f32>(y + o));
    }
    if (mode == 1) store<f32>(xc, load<f32>(xc) + acc);
  }
}

/** Zeroes the accumulated operand, then walks every output pixel's in-bounds taps. */
function depthwise(x: usize, f: usize, y: usize, desc: usize, mode: i32): void {
  const N = g(desc, 0), H = g(desc, 1), W = g(desc, 2), C = g(desc, 3), KH = g(desc, 4), KW = g(desc, 5);
  const OH = g(desc, 6), OW = g(desc, 7), SH = g(desc, 8), SW = g(desc, 9), PT = g(desc, 10), PL = g(desc, 11);
  const M = g(desc, 12);
  const OC = C * M;
  if (mode == 0) memory.fill(y, 0, <usize>(N * OH * OW * OC) << 2);
  else if (mode == 1) memory.fill(x, 0, <usize>(N * H * W * C) << 2);
  else memory.fill(f, 0, <usize>(KH * KW * OC) << 2);
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const yp = y + (<usize>(((n * OH + oh) * OW + ow) * OC) << 2);
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * SH - PT + kh;
          if (ih < 0 || ih >= H) continue;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * SW - PL + kw;
            if (iw < 0 || iw >= W) continue;
            const xp = x + (<usize>(((n * H + ih) * W + iw) * C) << 2);
            const fp = f + (<usize>((kh * KW + kw) * OC) << 2);
            tap(xp, fp, yp, C, M, mode);
          }
        }
      }
    }
  }
}

/** DepthwiseConv2dNative: y from x and filter. */
export function depthwiseConv2dF32(x: usize, f: usize, y: usize, desc: usize): void {
  depthwise(x, f, y, desc, 0);
}

/** DepthwiseConv2dNativeBackpropInput: dx from filter and dy. */
export function depthwiseConv2dBackpropInputF32(f: usize, dy: usize, dx: usize, desc: usize): void {
  depthwise(dx, f, dy, desc, 1);
}

/** DepthwiseConv2dNativeBackpropFilter: dfilter from x and dy. */
export function depthwiseConv2dBackpropFilterF32(x: usize, dy: usize, df: usize, desc: usize): void {
  depthwise(x, df, dy, desc, 2);
}
