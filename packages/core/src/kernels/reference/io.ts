// core/kernels/save_restore_v2_ops.cc (SaveV2, RestoreV2, MergeV2Checkpoints) over util/tensor_bundle (core's pure
// bundle codec), reading and writing through the Session's FileSystem. File kernels: the reference table holds them
// through file-kernel-registry.ts, so that only pages that build or import such ops ship the codecs.
import { InvalidArgumentError, NotFoundError, UnimplementedError } from "../../errors";
import { openBundle, writeBundleFiles } from "../../formats/bundle-files";
import { mergeCheckpoints } from "../../formats/checkpoint-merge";
import type { BundleSlice } from "../../formats/tensor-bundle";
import { restoreSliceOf, saveSliceOf } from "../../formats/tensor-slice-io";
import { cTypeName } from "../../framework/dtype-names";
import type { NDArray } from "../../framework/ndarray";
import type { FileSystem } from "../../io/file-system";
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
  /** save_restore_v2_ops.cc: MergeV2Checkpoints: the shards' bundles become one under the destination prefix. */
  MergeV2Checkpoints: ([sources, destination], ctx) => {
    mergeCheckpoints(fileSystemOf(ctx), strings(sources), strings(destination)[0], ctx.attrs.delete_old_dirs === true);
    return [];
  },
} satisfies Record<string, Kernel>;
