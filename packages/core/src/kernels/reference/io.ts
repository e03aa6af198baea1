// core/kernels/save_restore_v2_ops.cc (SaveV2, RestoreV2, MergeV2Checkpoints) over util/tensor_bundle (core's pure
// bundle codec), reading and writing through the Session's FileSystem. File kernels: the reference table holds them
// through file-kernel-registry.ts, so that only pages that build or import such ops ship the codecs.
import { InvalidArgumentError, NotFoundError, UnimplementedError } from "../../errors";
import { openBundle, writeBundleFiles } from "../../formats/bundle-files";
import { dataFileName, indexFileName } from "../../formats/tensor-bundle";
import { cTypeName } from "../../framework/dtype-names";
import type { NDArray } from "../../framework/ndarray";
import type { FileSystem } from "../../io/file-system";
import { replaceFiles } from "../../io/replace-files";
import type { Kernel, KernelContext } from "../contract";
import { strings } from "./string";

function fileSystemOf(ctx: KernelContext): FileSystem {
  if (!ctx.fileSystem) {
    throw new UnimplementedError(
      `${ctx.opType} '${ctx.opName}' needs a file system: create the Session with { fileSystem } (core alone has none; @scopeflow/node and @scopeflow/browser bind theirs).`,
    );
  }
  return ctx.fileSystem;
}

function checkSlices(ctx: KernelContext, slices: string[]): void {
  const sliced = slices.find((s) => s !== "");
  if (sliced !== undefined) {
    throw new UnimplementedError(
      `${ctx.opType} '${ctx.opName}': partitioned variables (shape_and_slices "${sliced}") are not supported`,
    );
  }
}

export const ioKernels = {
  /** save_restore_v2_ops.cc: SaveV2Op: the named tensors to `<prefix>.index` + `<prefix>.data-00000-of-00001`. */
  SaveV2: (inputs, ctx) => {
    const [prefixArray, namesArray, slicesArray, ...tensors] = inputs;
    const prefix = strings(prefixArray)[0];
    const names = strings(namesArray);
    checkSlices(ctx, strings(slicesArray));
    if (names.length !== tensors.length) {
      // save_restore_v2_ops.cc: ValidateInputs
      throw new InvalidArgumentError(`Got ${tensors.length} tensors to save, but ${names.length} tensor names`);
    }
    const map = new Map<string, NDArray>();
    for (const [i, name] of names.entries()) map.set(name, tensors[i]);
    writeBundleFiles(fileSystemOf(ctx), prefix, map);
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
    checkSlices(ctx, strings(slicesArray));
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
      const value = reader.lookup(name);
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
  /**
   * save_restore_v2_ops.cc: MergeV2Checkpoints: the shards' bundles become one under the destination prefix. A
   * single-shard bundle (all scopeflow writes) is renamed into place; merging several shards is not supported.
   */
  MergeV2Checkpoints: ([sources, destination], ctx) => {
    const prefixes = strings(sources);
    const target = strings(destination)[0];
    if (prefixes.length !== 1) {
      throw new UnimplementedError(
        `${ctx.opType} '${ctx.opName}': merging ${prefixes.length} checkpoint shards is not supported (one shard is)`,
      );
    }
    const fs = fileSystemOf(ctx);
    if (prefixes[0] !== target) {
      // One change, as SaveV2's own files (an earlier checkpoint at `target` survives a failure), then the shard goes.
      const shard = [dataFileName(prefixes[0]), indexFileName(prefixes[0])];
      replaceFiles(fs, [
        [dataFileName(target), fs.readFile(shard[0])],
        [indexFileName(target), fs.readFile(shard[1])],
      ]);
      for (const file of shard) fs.remove(file);
    }
    return [];
  },
} satisfies Record<string, Kernel>;
