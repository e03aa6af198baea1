// cwise_op_select.cc: Select (SelectOp) over 32-bit elements: out[k] = cond[k / inner] ? then[k] : else[k], where
// `inner` is 1 for an elementwise cond, the row size for a vector cond over the first dim (ComputeBroadcasting), and
// n for a scalar cond. An elementwise cond widens 4 bool bytes to a lane mask and picks with one v128.bitselect.
export function select32(cond: usize, x: usize, y: usize, out: usize, n: i32, inner: i32): void {
  let k = 0;
  if (inner == 1) {
    for (; k + 4 <= n; k += 4) {
      const b = v128.load32_zero(cond + <usize>k);
      const mask = i32x4.ne(i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(b)), i32x4.splat(0));
      const o = <usize>k << 2;
      v128.store(out + o, v128.bitselect(v128.load(x + o), v128.load(y + o), mask));
    }
    for (; k < n; k++) {
      const o = <usize>k << 2;
      store<i32>(out + o, load<u8>(cond + <usize>k) != 0 ? load<i32>(x + o) : load<i32>(y + o));
    }
    return;
  }
  const bytes = <usize>inner << 2;
  for (let r = 0; k < n; r++, k += inner) {
    const o = <usize>k << 2;
    memory.copy(out + o, (load<u8>(cond + <usize>r) != 0 ? x : y) + o, bytes);
  }
}

/** L2Loss (l2loss_op.cc): sum(x^2) / 2, over two v128 accumulators then a scalar tail. */
export function l2LossF32(x: usize, n: i32, out: usize): void {
  let a0 = f32x4.splat(0);
  let a1 = f32x4.splat(0);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const p = x + (<usize>i << 2);
    const v0 = v128.load(p);
    const v1 = v128.load(p, 16);
    a0 = f32x4.add(a0, f32x4.mul(v0, v0));
    a1 = f32x4.add(a1, f32x4.mul(v1, v1));
  }
  const a = f32x4.add(a0, a1);
  let sum = f32x4.extract_lane(a, 0) + f32x4.extract_lane(a, 1) + f32x4.extract_lane(a, 2) + f32x4.extract_lane(a, 3);
  for (; i < n; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    sum += v * v;
  }
  store<f32>(out, sum * 0.5);
}
