// unique_op.cc: Unique over int32 or int64 keys: the distinct values in order of first appearance (y) and each
// element's position among them (idx). TF keeps a hash map from value to position; here an open-addressing table
// of `cap` (a power of two >= 2n) i32 slots, each 0 (empty) or 1 + a position in y, probed linearly from a
// Fibonacci hash of the key.
import { indexAt } from "./rows";

// @ts-ignore: decorator
@inline function slotOf(key: i64, mask: u32): u32 {
  return <u32>(<u64>(key * 0x9e3779b97f4a7c15) >> 32) & mask;
}

/** Writes y (room for n keys) and idx (int32, or int64 with `idxWide`); returns how many distinct keys y holds. */
export function uniqueInt(x: usize, n: i32, y: usize, idx: usize, table: usize, cap: i32, wide: bool, idxWide: bool): i32 {
  memory.fill(table, 0, <usize>cap << 2);
  const mask = <u32>cap - 1;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const key = indexAt(x, i, wide);
    let s = slotOf(key, mask);
    let at = -1;
    while (true) {
      const held = load<i32>(table + (<usize>s << 2));
      if (held == 0) break;
      if (indexAt(y, held - 1, wide) == key) {
        at = held - 1;
        break;
      }
      s = (s + 1) & mask;
    }
    if (at < 0) {
      at = count++;
      store<i32>(table + (<usize>s << 2), at + 1);
      if (wide) store<i64>(y + (<usize>at << 3), key);
      else store<i32>(y + (<usize>at << 2), <i32>key);
    }
    if (idxWide) store<i64>(idx + (<usize>i << 3), <i64>at);
    else store<i32>(idx + (<usize>i << 2), at);
  }
  return count;
}
