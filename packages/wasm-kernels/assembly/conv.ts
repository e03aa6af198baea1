// Conv2D (NHWC) helpers and pooling. Conv2D and its two gradients are matmuls around these: the wrapper runs
// im2col then matMulF32 (Conv2D), matMulF32 with a transposed operand (Conv2DBackpropFilter), or matMulF32 then
// col2im (Conv2DBackpropInput), as Caffe's and tfjs' im2col convolutions do. Padding follows TF's SAME/VALID rule,
// computed by the wrapper. Pools vectorize over channels (contiguous in NHWC): v128 over 4 channels, scalar tail.
//
// Geometry descriptor at `desc`: i32 [N, H, W, C, KH, KW, OH, OW, strideH, strideW, padTop, padLeft].

// @ts-ignore: decorator
@inline function g(desc: usize, i: i32): i32 {
  return load<i32>(desc + (<usize>i << 2));
}

/** cols[N*OH*OW, KH*KW*C]: each row the receptive field of one output pixel, zeros where it falls in padding. */
export function im2colF32(x: usize, cols: usize, desc: usize): void {
  im2colRowsF32(x, cols, desc, 0, g(desc, 0) * g(desc, 6) * g(desc, 7));
}

/** Rows [r0, r1) of im2colF32's cols (output pixels, n-major): one thread's share of a split im2col. */
export function im2colRowsF32(x: usize, cols: usize, desc: usize, r0: i32, r1: i32): void {
  const H = g(desc, 1), W = g(desc, 2), C = g(desc, 3), KH = g(desc, 4), KW = g(desc, 5);
  const OH = g(desc, 6), OW = g(desc, 7), SH = g(desc, 8), SW = g(desc, 9), PT = g(desc, 10), PL = g(desc, 11);
  const cb = <usize>C << 2;
  let dst = cols + <usize>r0 * <usize>(KH * KW) * cb;
  for (let r = r0; r < r1; r++) {
    const ow = r % OW;
    const oh = (r / OW) % OH;
    const n = r / (OW * OH);
    for (let kh = 0; kh < KH; kh++) {
      const ih = oh * SH - PT + kh;
      for (let kw = 0; kw < KW; kw++) {
        const iw = ow * SW - PL + kw;
        if (ih >= 0 && ih < H && iw >= 0 && iw < W) {
          memory.copy(dst, x + <usize>(((n * H + ih) * W + iw) * C) * 4, cb);
        } else {
          memory.fill(dst, 0, cb);
        }
        dst += cb;
      }
    }
  }
}

/** dx += scatter of cols rows back onto the input pixels they were read from (the adjoint of im2col). */
export function col2imF32(cols: usize, dx: usize, desc: usize): void {
  const N = g(desc, 0), H = g(desc, 1), W = g(desc, 2), C = g(desc, 3), KH = g(desc, 4), KW = g(desc, 5);
  const OH = g(desc, 6), OW = g(desc, 7), SH = g(desc, 8), SW = g(desc, 9), PT = g(desc, 10), PL = g(desc, 11);
  memory.fill(dx, 0, <usize>(N * H * W * C) << 2);
  let src = cols;
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * SH - PT + kh;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * SW - PL + kw;
            if (ih >= 0 && ih < H && iw >= 0 && iw < W) {
              const dst = dx + <usize>(((n * H + ih) * W + iw) * C) * 4;
              let c = 0;
              for (; c + 4 <= C; c += 4) {
                const o = <usize>c << 2;
                v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
              }
              for (; c < C; c++) {
                const o = <usize>c << 2;
                store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o));
              }
            }
            src += <usize>C << 2;
          }
        }
      }
    }
  }
}

/** MaxPool / AvgPool (TF's SpatialMaxPooling / SpatialAvgPooling): padding cells are skipped; Avg divides by the valid count. */
// @ts-ignore: decorator
@inline function pool(x: usize, out: usize, desc: usize, isMax: bool): void {
  const N = g(desc, 0), H = g(desc, 1), W = g(desc, 2), C = g(desc, 3), KH = g(desc, 4), KW = g(desc, 5);
  const OH = g(desc, 6), OW = g(desc, 7), SH = g(desc, 8), SW = g(desc, 9), PT = g(desc, 10), PL = g(desc, 11);
  const init: f32 = isMax ? -Infinity : 0;
  let dst = out;
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      const h0 = max(oh * SH - PT, 0), h1 = min(oh * SH - PT + KH, H);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = max(ow * SW - PL, 0), w1 = min(ow * SW - PL + KW, W);
        const scale: f32 = <f32>1 / <f32>max((h1 - h0) * (w1 - w0), 1);
        let c = 0;
        for (; c + 4 <= C; c += 4) {
          let acc = f32x4.splat(init);
          for (let ih = h0; ih < h1; ih++) {
            for (let iw = w0; iw < w1; iw++) {
              const v = v128.load(x + <usize>(((n * H + ih) * W + iw) * C + c) * 4);
              acc = isMax ? f32x4.max(acc, v) : f32x4.add(acc, v);
            }
          }
          v128.store(dst + (<usize>c << 2), isMax ? acc : f32x4.mul(acc, f32x4.splat(scale)));
        }
        for (; c < C; c++) {
          let acc = init;
          for (let ih = h0; ih < h1; ih++) {
            for (let iw = w0; iw < w1; iw++) {
              const v = load<f32>(x + <usize>(((n * H + ih) * W + iw) * C + c) * 4);
              acc = isMax ? max<f32>(acc, v) : acc + v;
            }
          }
          store<f32>(dst + (<usize>c << 2), isMax ? acc : acc * scale);
        }
        dst += <usize>C << 2;
      }
    }
  }
}

export function maxPoolF32(x: usize, out: usize, desc: usize): void { pool(x, out, desc, true); }
export function avgPoolF32(x: usize, out: usize, desc: usize): void { pool(x, out, desc, false); }

/**
 * MaxPoolGrad: each output gradient goes to the first maximum of its window in row-major order (TF's
 * SpatialMaxPoolWithArgMaxHelper: strict `>`). The search runs over 4 channels with value and offset lanes.
 */
export function maxPoolGradF32(x: usize, dy: usize, dx: usize, desc: usize): void {
  const N = g(desc, 0), H = g(desc, 1), W = g(desc, 2), C = g(desc, 3), KH = g(desc, 4), KW = g(desc, 5);
  const OH = g(desc, 6), OW = g(desc, 7), SH = g(desc, 8), SW = g(desc, 9), PT = g(desc, 10), PL = g(desc, 11);
  memory.fill(dx, 0, <usize>(N * H * W * C) << 2);
  let src = dy;
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      const h0 = max(oh * SH - PT, 0), h1 = min(oh * SH - PT + KH, H);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = max(ow * SW - PL, 0), w1 = min(ow * SW - PL + KW, W);
        if (h0 >= h1 || w0 >= w1) {
          src += <usize>C << 2;
          continue;
        }
        let c = 0;
        for (; c + 4 <= C; c += 4) {
          const first = ((n * H + h0) * W + w0) * C + c;
          let best = v128.load(x + (<usize>first << 2));
          let at = i32x4.add(i32x4.splat(first), i32x4(0, 1, 2, 3));
          for (let ih = h0; ih < h1; ih++) {
            for (let iw = w0; iw < w1; iw++) {
              const e = ((n * H + ih) * W + iw) * C + c;
              const v = v128.load(x + (<usize>e << 2));
              const gt = f32x4.gt(v, best);
              best = v128.bitselect(v, best, gt);
              at = v128.bitselect(i32x4.add(i32x4.splat(e), i32x4(0, 1, 2, 3)), at, gt);
            }
          }
          for (let l = 0; l < 4; l++) {
            const p = dx + (<usize>i32x4.extract_lane(at, 0) << 2);
            store<f32>(p, load<f32>(p) + load<f32>(src + (<usize>(c + l) << 2)));
            at = i32x4.shuffle(at, at, 1, 2, 3, 0);
          }
        }
        for (; c < C; c++) {
          let at = ((n * H + h0) * W + w0) * C + c;
          let best = load<f32>(x + (<usize>at << 2));
          for (let ih = h0; ih < h1; ih++) {
            for (let iw = w0; iw < w1; iw++) {
              const e = ((n * H + ih) * W + iw) * C + c;
              const v = load<f32>(x + (<usize>e << 2));
              if (v > best) {
                best = v;
                at = e;
              }
            }
          }
          const p = dx + (<usize>at << 2);
          store<f32>(p, load<f32>(p) + load<f32>(src + (<usize>c << 2)));
        }
        src += <usize>C << 2;
      }
    }
  }
}

/** AvgPoolGrad: each output gradient, divided by its window's valid count, is added to every valid input of the window. */
export function avgPoolGradF32(dy: usize, dx: usize, desc: usize): void {
  const N = g(desc, 0), H = g(desc, 1), W = g(desc, 2), C = g(desc, 3), KH = g(desc, 4), KW = g(desc, 5);
  const OH = g(desc, 6), OW = g(desc, 7), SH = g(desc, 8), SW = g(desc, 9), PT = g(desc, 10), PL = g(desc, 11);
  memory.fill(dx, 0, <usize>(N * H * W * C) << 2);
  let src = dy;
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      const h0 = max(oh * SH - PT, 0), h1 = min(oh * SH - PT + KH, H);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = max(ow * SW - PL, 0), w1 = min(ow * SW - PL + KW, W);
        const scale: f32 = <f32>1 / <f32>max((h1 - h0) * (w1 - w0), 1);
        for (let ih = h0; ih < h1; ih++) {
          for (let iw = w0; iw < w1; iw++) {
            const dst = dx + <usize>(((n * H + ih) * W + iw) * C) * 4;
            let c = 0;
            const vs = f32x4.splat(scale);
            for (; c + 4 <= C; c += 4) {
              const o = <usize>c << 2;
              v128.store(dst + o, f32x4.add(v128.load(dst + o), f32x4.mul(v128.load(src + o), vs)));
            }
            for (; c < C; c++) {
              const o = <usize>c << 2;
              store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o) * scale);
            }
          }
        }
        src += <usize>C << 2;
      }
    }
  }
}
