// util/tensor_bundle/tensor_bundle.cc: MergeBundles (what MergeV2Checkpoints runs): the bundles a sharded save wrote,
// one per device, become one checkpoint: their data files renamed to `<merged>.data-<i>-of-<n>` and one index whose
// entries name those shards; a partitioned tensor's full entries, one per bundle, become one with all the slices.
import { InvalidArgumentError } from "../errors";
import { compareBytes } from "../io/bytes";
import type { FileSystem } from "../io/file-system";
import { replaceFiles } from "../io/replace-files";
import { buildTable, readTable } from "../io/table";
import { decodeMessage, encodeMessage } from "../proto/codec";
import type { BundleEntryProto, BundleHeaderProto } from "../proto/types";
import { dataFileName, indexFileName, TENSOR_BUNDLE_VERSION } from "./tensor-bundle";

const decoder = new TextDecoder();

/** The merged index and which input data file becomes which shard of the merged checkpoint. */
interface MergeState {
  numShards: number;
  /** Input data file → merged shard id, in first-seen order (MergeState::shard_ids). */
  shardIds: Map<string, number>;
  entries: Map<string, { key: Uint8Array; entry: BundleEntryProto }>;
}

/** tensor_bundle.cc: MergeOneBundle */
function mergeOne(fs: FileSystem, prefix: string, state: MergeState): void {
  const file = indexFileName(prefix);
  const rows = readTable(fs.readFile(file), file);
  const header = decodeMessage<BundleHeaderProto>("BundleHeaderProto", rows[0]?.[1] ?? new Uint8Array(0), file);
  const numShards = header.numShards === 0 ? 1 : header.numShards;
  state.numShards += numShards;
  for (const [keyBytes, value] of rows.slice(1)) {
    const id = Array.from(keyBytes).join(",");
    const label = keyBytes[0] === 0 ? "(a slice key)" : decoder.decode(keyBytes);
    const existing = state.entries.get(id);
    if (existing && existing.entry.slices.length === 0) {
      throw new InvalidArgumentError(`Duplicate tensor keyed by ${label} encountered, when merging prefix: ${prefix}`);
    }
    const entry = decodeMessage<BundleEntryProto>("BundleEntryProto", value, `${file} (key ${label})`);
    if (existing) {
      if (entry.slices.length === 0) {
        throw new InvalidArgumentError(
          `Duplicate tensor keyed by ${label}; attempting to merge in a non-slice bundle entry`,
        );
      }
      existing.entry.slices.push(...entry.slices);
      continue;
    }
    const data = dataFileName(prefix, entry.shardId, numShards);
    if (!state.shardIds.has(data)) state.shardIds.set(data, state.shardIds.size);
    entry.shardId = state.shardIds.get(data) as number;
    state.entries.set(id, { key: keyBytes, entry });
  }
}

/**
 * tensor_bundle.cc: MergeBundles + save_restore_v2_ops.cc: MergeV2Checkpoints. The merged files replace any
 * checkpoint at `merged` as one change (replaceFiles) before the inputs are removed; with `deleteOldDirs` the
 * inputs' folders are removed too when the file system can (best effort, as TF).
 */
export function mergeCheckpoints(fs: FileSystem, prefixes: readonly string[], merged: string, deleteOldDirs: boolean) {
  if (prefixes.length === 1 && prefixes[0] === merged) return;
  const state: MergeState = { numShards: 0, shardIds: new Map(), entries: new Map() };
  for (const prefix of prefixes) mergeOne(fs, prefix, state);
  const header: Partial<BundleHeaderProto> = {
    numShards: state.numShards,
    endianness: "LITTLE",
    version: { producer: TENSOR_BUNDLE_VERSION },
  };
  const sorted = [...state.entries.values()].sort((a, b) => compareBytes(a.key, b.key));
  const index = buildTable([
    [new Uint8Array(0), encodeMessage("BundleHeaderProto", header)],
    ...sorted.map(({ key, entry }) => [key, encodeMessage("BundleEntryProto", entry)] as [Uint8Array, Uint8Array]),
  ]);
  const total = state.shardIds.size;
  const files: [string, Uint8Array][] = [...state.shardIds].map(([data, id]) => [
    dataFileName(merged, id, total),
    fs.readFile(data),
  ]);
  files.push([indexFileName(merged), index]);
  replaceFiles(fs, files);
  const written = new Set(files.map(([path]) => path));
  for (const input of [...state.shardIds.keys(), ...prefixes.map(indexFileName)]) {
    if (!written.has(input) && fs.exists(input)) fs.remove(input);
  }
  if (deleteOldDirs) {
    const mergedDir = fs.dirname(merged);
    for (const prefix of prefixes) {
      const dir = fs.dirname(prefix);
      if (dir === mergedDir || !fs.removeDir) continue;
      try {
        fs.removeDir(dir);
      } catch {
        // tensor_bundle's callers ignore it too: for a sharded save only the first delete goes through
      }
    }
  }
}
