// scatter_op.cc: ScatterUpdate, ScatterAdd, ScatterSub (ScatterFunctor<CPUDevice>): row `indices[i]` of the variable
// set to, increased by or decreased by row i of updates, in order (a repeated index applies each of its rows). The
// indices are checked first: one outside [0, rows) writes nothing and is reported by its position.
import { addRow, firstOutside, indexAt } from "./rows";

const UPDATE: i32 = 0;
const SUB: i32 = 2;

// @ts-ignore: decorator
@inline function scatter<T>(ref: usize, indices: usize, updates: usize, count: i32, rowSize: i32, rows: i32, wide: bool, mode: i32): i32 {
  const bad = firstOutside(indices, count, rows, wide);
  if (bad >= 0) return bad;
  const bytes = <usize>rowSize << 2;
  for (let i = 0; i < count; i++) {
    const dst = ref + <usize>indexAt(indices, i, wide) * bytes;
    const src = updates + <usize>i * bytes;
    if (mode == UPDATE) memory.copy(dst, src, bytes);
    else addRow<T>(dst, src, rowSize, mode == SUB);
  }
  return -1;
}

/** mode 0 update, 1 add, 2 sub. Returns -1, or the position of the first index outside [0, rows). */
export function scatterF32(ref: usize, indices: usize, updates: usize, count: i32, rowSize: i32, rows: i32, wide: bool, mode: i32): i32 {
  return scatter<f32>(ref, indices, updates, count, rowSize, rows, wide, mode);
}
export function scatterI32(ref: usize, indices: usize, updates: usize, count: i32, rowSize: i32, rows: i32, wide: bool, mode: i32): i32 {
  return scatter<i32>(ref, indices, updates, count, rowSize, rows, wide, mode);
}
