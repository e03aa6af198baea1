// spacetobatch_op.cc / batchtospace_op.cc (SpaceToBatchFunctor<CPUDevice, T, M, B2S>): one walk over the rows of the
// batch-side tensor [B * prod(block), blocked dims (M), R] (R elements per row: the remaining dims). Row (bb, o) is
// input batch b = bb % B at block offset k = bb / B (row-major over block_shape), and maps to space position
// s_i = o_i * block_i + k_i - pad_i. SpaceToBatch (toBatch) copies that space row into the output, or zeros where s
// falls in the padding; BatchToSpace copies the input row to the space output where s survives the crops.
//
// Descriptor at `desc`: i32 [M, B, R, spaceDims[M], batchDims[M], block[M], padStart[M]] (dims of the blocked axes).

// @ts-ignore: decorator
@inline function d(desc: usize, table: i32, m: i32, i: i32): i32 {
  return load<i32>(desc + (<usize>(3 + table * m + i) << 2));
}

export function spaceBatch(space: usize, batch: usize, desc: usize, width: i32, toBatch: bool): void {
  const m = load<i32>(desc);
  const b0 = load<i32>(desc, 4);
  const r = load<i32>(desc, 8);
  const rowBytes = <usize>(r * width);
  let total: i32 = b0;
  for (let i = 0; i < m; i++) total *= d(desc, 2, m, i) * d(desc, 1, m, i);
  for (let row = 0; row < total; row++) {
    let rest = row;
    let spaceOffset: i32 = 0;
    let spaceStride: i32 = 1;
    let inside = true;
    // The batch-side batch index: the row index over the blocked dims (innermost fastest) divided out.
    let bb = row;
    for (let i = m - 1; i >= 0; i--) bb /= d(desc, 1, m, i);
    let k = bb / b0;
    const b = bb % b0;
    for (let i = m - 1; i >= 0; i--) {
      const bd = d(desc, 1, m, i);
      const o = rest % bd;
      rest /= bd;
      const blk = d(desc, 2, m, i);
      const ki = k % blk;
      k /= blk;
      const s = o * blk + ki - d(desc, 3, m, i);
      const sd = d(desc, 0, m, i);
      if (s < 0 || s >= sd) inside = false;
      spaceOffset += s * spaceStride;
      spaceStride *= sd;
    }
    const batchRow = batch + <usize>row * rowBytes;
    if (inside) {
      const spaceRow = space + <usize>(b * spaceStride + spaceOffset) * rowBytes;
      if (toBatch) memory.copy(batchRow, spaceRow, rowBytes);
      else memory.copy(spaceRow, batchRow, rowBytes);
    } else if (toBatch) {
      memory.fill(batchRow, 0, rowBytes);
    }
  }
}
