// core/kernels/save_restore_v2_ops.cc (SaveV2, RestoreV2) over util/tensor_bundle (core's pure bundle codec), reading
// and writing through the Session's FileSystem; and array_ops.cc's PlaceholderWithDefault, which the Saver's
// filename tensor needs (it belongs with the array kernels; it lives here until that table has it).
import { InvalidArgumentError, NotFoundError, UnimplementedError } from "../../errors";
import { mergeCheckpoints } from "../../formats/checkpoint-merge";
import {
  type BundleSlice,
  dataFileName,
  indexFileName,
  TensorBundleReader,
  writeTensorBundle,
} from "../../formats/tensor-bundle";
import { restoreSliceOf, saveSliceOf } from "../../formats/tensor-slice-io";
import { cTypeName } from "../../framework/dtype-names";
import { string } from "../../framework/dtypes";
import { NDArray } from "../../framework/ndarray";
import type { FileSystem } from "../../io/file-system";
import { replaceFiles } from "../../io/replace-files";
import type { Kernel, KernelContext } from "../contract";

const decoder = new TextDecoder();

function fileSystemOf(ctx: KernelContext): FileSystem {
  if (!ctx.fileSystem) {
    throw new UnimplementedError(
      `${ctx.opType} '${ctx.opName}' needs a file system: create the Session with { fileSystem } (core alone has none; @scopeflow/node and @scopeflow/browser bind theirs).`,
    );
  }
  return ctx.fileSystem;
}

function strings(array: NDArray): string[] {
  return (array.data as Uint8Array[]).map((s) => decoder.decode(s));
}

/**
 * BundleWriter::Finish: both files are written under temporary names and renamed into place only when both are
 * whole; a failure at any step leaves any earlier checkpoint under the same prefix as it was (replaceFiles).
 */
export function writeBundleFiles(
  fs: FileSystem,
  prefix: string,
  tensors: Map<string, NDArray>,
  slices: readonly BundleSlice[] = [],
): void {
  const { index, data } = writeTensorBundle(tensors, slices);
  // BundleWriter::BundleWriter: CreateDir(Dirname(prefix)), one level (a sharded save's `<prefix>_temp_<uuid>`)
  const dir = fs.dirname(prefix);
  if (dir && !fs.isDirectory(dir) && fs.isDirectory(fs.dirname(dir) || ".")) fs.makeDirs(dir);
  replaceFiles(fs, [
    [dataFileName(prefix), data],
    [indexFileName(prefix), index],
  ]);
}

/** A reader over `<prefix>.index` and its data shards in `fs`; NotFoundError when there is no checkpoint there. */
export function openBundle(fs: FileSystem, prefix: string): TensorBundleReader {
  const index = indexFileName(prefix);
  if (!fs.exists(index)) {
    // tensor_bundle.cc: BundleReader (via checkpoint_reader.cc) for a prefix with no .index file
    throw new NotFoundError(
      `Unsuccessful TensorSliceReader constructor: Failed to find any matching files for ${prefix}`,
    );
  }
  return new TensorBundleReader(fs.readFile(index), (_, file) => fs.readFile(file), prefix);
}

export const ioKernels = {
  /** save_restore_v2_ops.cc: SaveV2Op: the named tensors to `<prefix>.index` + `<prefix>.data-00000-of-00001`. */
  SaveV2: (inputs, ctx) => {
    const [prefixArray, namesArray, slicesArray, ...tensors] = inputs;
    const prefix = strings(prefixArray)[0];
    const names = strings(namesArray);
    const specs = strings(slicesArray);
    if (names.length !== tensors.length) {
      // save_restore_v2_ops.cc: ValidateInputs
      throw new InvalidArgumentError(`Got ${tensors.length} tensors to save, but ${names.length} tensor names`);
    }
    const map = new Map<string, NDArray>();
    const slices: BundleSlice[] = [];
    for (const [i, name] of names.entries()) {
      if (specs[i]) slices.push(saveSliceOf(name, specs[i], tensors[i]));
      else map.set(name, tensors[i]);
    }
    writeBundleFiles(fileSystemOf(ctx), prefix, map, slices);
    return [];
  },
  /**
   * save_restore_v2_ops.cc: RestoreV2Op: each named tensor, its dtype checked against `dtypes`. Every missing key is
   * reported at once, with the keys the checkpoint does hold.
   */
  RestoreV2: (inputs, ctx) => {
    const [prefixArray, namesArray, slicesArray] = inputs;
    const prefix = strings(prefixArray)[0];
    const names = strings(namesArray);
    const specs = strings(slicesArray);
    const dtypes = (ctx.attrs.dtypes ?? []) as unknown as { name: string }[];
    const reader = openBundle(fileSystemOf(ctx), prefix);
    const missing = names.filter((n) => !reader.has(n));
    if (missing.length > 0) {
      // tensor_bundle.cc: BundleReader::GetBundleEntryProto ("Key ... not found in checkpoint"), for every missing key
      throw new NotFoundError(
        `Key ${missing[0]} not found in checkpoint ${prefix} (missing keys: ${missing.join(", ")}; the checkpoint holds: ${reader.keys().join(", ")})\n\t [[{{node ${ctx.opName}}}]]`,
      );
    }
    return names.map((name, i) => {
      const value = specs[i] ? restoreSliceOf(reader, name, specs[i]) : reader.lookup(name);
      const expected = dtypes[i];
      if (expected && expected.name !== value.dtype.name) {
        // tensor_bundle.cc: BundleReader::Lookup -> GetValue dtype check
        throw new InvalidArgumentError(
          `tensor_name = ${name}; expected dtype ${cTypeName(expected)} does not equal original dtype ${cTypeName(value.dtype)}\n\t [[{{node ${ctx.opName}}}]]`,
        );
      }
      return value;
    });
  },
  /** array_ops.cc: PlaceholderWithDefault: its input unless the tensor is fed (the Session then never runs it). */
  PlaceholderWithDefault: (inputs) => [inputs[0]],
  /** save_restore_v2_ops.cc: MergeV2Checkpoints: the shards' bundles become one under the destination prefix. */
  MergeV2Checkpoints: ([sources, destination], ctx) => {
    mergeCheckpoints(fileSystemOf(ctx), strings(sources), strings(destination)[0], ctx.attrs.delete_old_dirs === true);
    return [];
  },
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

const encoder = new TextEncoder();

function stringScalar(text: string): NDArray {
  return new NDArray(string, [], [encoder.encode(text)]);
}
