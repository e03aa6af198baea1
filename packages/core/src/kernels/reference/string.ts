// String kernels the Saver's graph uses: save_restore_v2_ops.cc's ShardedFilename and string_join_op.cc's
// StringJoin. No file format: they stay in every page's reference table.
import { string } from "../../framework/dtypes";
import { NDArray } from "../../framework/ndarray";
import type { Kernel } from "../contract";

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** The elements of a string tensor, decoded as UTF-8. */
export function strings(array: NDArray): string[] {
  return (array.data as Uint8Array[]).map((s) => decoder.decode(s));
}

function stringScalar(text: string): NDArray {
  return new NDArray(string, [], [encoder.encode(text)]);
}

export const stringKernels = {
  /** save_restore_v2_ops.cc: ShardedFilenameOp: `<basename>-<shard, 5 digits>-of-<num_shards, 5 digits>`. */
  ShardedFilename: ([basename, shard, numShards]) => {
    const pad = (n: NDArray) => String(Number(n.data[0])).padStart(5, "0");
    return [stringScalar(`${strings(basename)[0]}-${pad(shard)}-of-${pad(numShards)}`)];
  },
  /** string_join_op.cc: StringJoinOp: elementwise join with `separator` (scalars broadcast). */
  StringJoin: (inputs, ctx) => {
    const separator = typeof ctx.attrs.separator === "string" ? ctx.attrs.separator : "";
    const shaped = inputs.find((t) => t.shape.length > 0);
    const size = shaped?.size ?? 1;
    const out: Uint8Array[] = [];
    for (let i = 0; i < size; i++) {
      out.push(encoder.encode(inputs.map((t) => strings(t)[t.shape.length > 0 ? i : 0]).join(separator)));
    }
    return [new NDArray(string, shaped?.shape ?? [], out)];
  },
} satisfies Record<string, Kernel>;
