// SoftmaxCrossEntropyWithLogits and SparseSoftmaxCrossEntropyWithLogits over [rows, cols] float32, following
// xent_op.h (XentEigenImpl) and sparse_xent_op.h: per row, shifted = logits - max(logits); sum = sum(exp(shifted));
// loss = sum(labels * (log(sum) - shifted)) (sparse: log(sum) - shifted[label]); backprop = exp(shifted) / sum - labels.
// The max and exp-sum passes are the softmax kernel's (reduce.ts, after XNNPACK's f32-rmax and rr2-p5
// f32-raddstoreexpminusmax); exp(shifted) is stored in backprop, then one pass scales it and subtracts the labels.
import { hsumF32, rowExpSum, rowRange } from "./common";

/**
 * Dense: logits and labels are [rows, cols] with row strides (cols, or 0 for a row broadcast of a [1, cols] input).
 * Writes loss [rows] and backprop [rows, cols].
 */
export function softmaxXentF32(
  logits: usize,
  logitsRowStride: i32,
  labels: usize,
  labelsRowStride: i32,
  loss: usize,
  backprop: usize,
  rows: i32,
  cols: i32,
): void {
  for (let r = 0; r < rows; r++) {
    const x = logits + (<usize>(r * logitsRowStride) << 2);
    const y = labels + (<usize>(r * labelsRowStride) << 2);
    const bp = backprop + (<usize>(r * cols) << 2);
    const range = rowRange(x, cols);
    const m = f32x4.extract_lane(range, 0);
    const s = rowExpSum(x, bp, cols, range, false);
    const logSum = Mathf.log(s);
    const inv = <f32>1 / s;
    const vinv = f32x4.splat(inv);
    const vls = f32x4.splat(logSum);
    const vmax = f32x4.splat(m);
    let vl = f32x4.splat(0);
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const o = <usize>j << 2;
      const lab = v128.load(y + o);
      const shifted = f32x4.sub(v128.load(x + o), vmax);
      vl = f32x4.add(vl, f32x4.mul(lab, f32x4.sub(vls, shifted)));
      v128.store(bp + o, f32x4.sub(f32x4.mul(v128.load(bp + o), vinv), lab));
    }
    let l = hsumF32(vl);
    for (; j < cols; j++) {
      const o = <usize>j << 2;
      const lab = load<f32>(y + o);
      l += lab * (logSum - (load<f32>(x + o) - m));
      store<f32>(bp + o, load<f32>(bp + o) * inv - lab);
    }
    store<f32>(loss + (<usize>r << 2), l);
  }
}

/**
 * Sparse: labels are [rows] int32 or int64 (`wide`) class indices. Returns the first row whose label is outside
 * [0, cols) before writing anything (sparse_xent_op.cc: CheckInvalidLabelIndex), else -1 after writing loss and
 * backprop.
 */
export function sparseSoftmaxXentF32(logits: usize, labels: usize, loss: usize, backprop: usize, rows: i32, cols: i32, wide: bool): i32 {
  for (let r = 0; r < rows; r++) {
    const label = wide ? load<i64>(labels + (<usize>r << 3)) : <i64>load<i32>(labels + (<usize>r << 2));
    if (label < 0 || label >= <i64>cols) return r;
  }
  for (let r = 0; r < rows; r++) {
    const label = wide ? <i32>load<i64>(labels + (<usize>r << 3)) : load<i32>(labels + (<usize>r << 2));
    const x = logits + (<usize>(r * cols) << 2);
    const bp = backprop + (<usize>(r * cols) << 2);
    const range = rowRange(x, cols);
    const m = f32x4.extract_lane(range, 0);
    const s = rowExpSum(x, bp, cols, range, false);
    const inv = <f32>1 / s;
    const vinv = f32x4.splat(inv);
    let j = 0;
    for (; j + 4 <= cols; j += 4) {
      const o = <usize>j << 2;
      v128.store(bp + o, f32x4.mul(v128.load(bp + o), vinv));
    }
    for (; j < cols; j++) {
      const o = <usize>j << 2;
      store<f32>(bp + o, load<f32>(bp + o) * inv);
    }
    const at = bp + (<usize>label << 2);
    store<f32>(at, load<f32>(at) - 1);
    store<f32>(loss + (<usize>r << 2), Mathf.log(s) - (load<f32>(x + (<usize>label << 2)) - m));
  }
  return -1;
}

/** Expands a [rows, 1] column to [rows, cols] (a column-broadcast xent input), one v128 splat fill per row. */
export function broadcastColumnF32(src: usize, dst: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    const value = load<f32>(src + (<usize>r << 2));
    const v = f32x4.splat(value);
    const row = dst + (<usize>(r * cols) << 2);
    let j = 0;
    for (; j + 4 <= cols; j += 4) v128.store(row + (<usize>j << 2), v);
    for (; j < cols; j++) store<f32>(row + (<usize>j << 2), value);
  }
}
