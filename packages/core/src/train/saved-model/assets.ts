// saved_model/builder_impl.py (_maybe_save_assets, get_asset_filename_to_add, _asset_path_from_tensor,
// _add_asset_to_collection, copy_assets_to_destination_dir) and loader_impl.py (get_asset_tensors): a SavedModel's
// assets are files copied into `assets/`, each recorded as an AssetFileDef naming the string Const that held its
// path; the loader feeds those tensors the paths under the loaded directory when it runs the init op.
import { ValueError } from "../../errors";
import { Tensor } from "../../framework/tensor";
import type { FileSystem } from "../../io/file-system";
import { setOwn } from "../../io/own-keys";
import { opDefs } from "../../ops/op-defs";
import { decodeMessage, encodeMessage } from "../../proto/codec";
import type { MetaGraphDef } from "../../proto/types";

/** constants.py */
export const ASSETS_DIRECTORY = "assets";
export const ASSETS_KEY = "saved_model_assets";

/** An AssetFileDef (meta_graph.proto). */
export interface AssetFileDef {
  filename?: string;
  tensorInfo?: { name?: string };
}

/** A google.protobuf.Any, as a CollectionDef's any_list holds it. */
export interface AnyProto {
  typeUrl: string;
  value: Uint8Array;
}

const ASSET_FILE_DEF_TYPE_URL = "type.googleapis.com/tensorflow.AssetFileDef";

/** builder_impl.py: _asset_path_from_tensor: the path a scalar string Const holds. */
export function assetPathFromTensor(pathTensor: unknown): string {
  if (!(pathTensor instanceof Tensor)) throw new TypeError("Asset path tensor must be a Tensor.");
  if (pathTensor.op.def !== opDefs.Const) throw new TypeError("Asset path tensor must be of type constant.");
  if (pathTensor.dtype.name !== "string") throw new TypeError("Asset path tensor must be of dtype string.");
  const value = pathTensor.op.attrs.value as { size: number; item(): unknown };
  if (value.size !== 1) throw new TypeError("Asset path tensor must be a scalar.");
  return new TextDecoder().decode(value.item() as Uint8Array);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * builder_impl.py: get_asset_filename_to_add: the file's basename, suffixed `_1`, `_2`, ... when another file with
 * different contents already took it.
 */
export function getAssetFilenameToAdd(fs: FileSystem, assetPath: string, filenameMap: ReadonlyMap<string, string>) {
  const filename = fs.basename(assetPath);
  const other = filenameMap.get(filename);
  if (other === undefined || other === assetPath) return filename;
  if (sameBytes(fs.readFile(assetPath), fs.readFile(other))) return filename;
  // builder_impl.py: _get_unique_asset_filename
  let i = 1;
  let unique = filename;
  while (filenameMap.has(unique)) {
    unique = `${filename}_${i}`;
    i += 1;
  }
  return unique;
}

/** builder_impl.py: _add_asset_to_collection's AssetFileDef packed in an Any. */
export function assetFileDefAny(filename: string, assetTensor: Tensor): AnyProto {
  const def: AssetFileDef = { filename, tensorInfo: { name: assetTensor.name } };
  return { typeUrl: ASSET_FILE_DEF_TYPE_URL, value: encodeMessage("AssetFileDef", def) };
}

/**
 * builder_impl.py: _maybe_save_assets(write_fn, assets_to_add): calls `write` with each asset's filename and
 * tensor (duplicates included: each tensor is recorded); returns filename -> source path.
 */
export function maybeSaveAssets(
  fs: FileSystem,
  write: (filename: string, tensor: Tensor) => void,
  assets: readonly unknown[] | undefined,
): Map<string, string> {
  const filenameMap = new Map<string, string>();
  for (const assetTensor of assets ?? []) {
    const source = assetPathFromTensor(assetTensor);
    if (!source) throw new ValueError(`Invalid asset filepath tensor ${String(assetTensor)}`);
    const filename = getAssetFilenameToAdd(fs, source, filenameMap);
    write(filename, assetTensor as Tensor);
    filenameMap.set(filename, source);
  }
  return filenameMap;
}

/**
 * builder_impl.py: copy_assets_to_destination_dir: each asset copied (whole) into `<exportDir>/assets/`, unless a
 * file of that name is already there (an asset shared by several MetaGraphs is copied the first time).
 */
export function copyAssetsToDestinationDir(
  fs: FileSystem,
  filenameMap: ReadonlyMap<string, string>,
  exportDir: string,
) {
  const assetsDir = fs.join(exportDir, ASSETS_DIRECTORY);
  fs.makeDirs(assetsDir);
  for (const [basename, source] of filenameMap) {
    const destination = fs.join(assetsDir, basename);
    if (!fs.exists(destination)) fs.writeFileAtomic(destination, fs.readFile(source));
  }
}

/** The AssetFileDefs of a MetaGraphDef: its asset_file_def field, else its saved_model_assets collection. */
export function assetFileDefs(meta: MetaGraphDef): AssetFileDef[] {
  if (meta.assetFileDef && meta.assetFileDef.length > 0) return meta.assetFileDef;
  const collection = meta.collectionDef?.[ASSETS_KEY];
  if (collection === undefined || !Object.hasOwn(meta.collectionDef ?? {}, ASSETS_KEY)) return [];
  return (collection.anyList?.value ?? []).map((any) =>
    decodeMessage<AssetFileDef>("AssetFileDef", any.value ?? new Uint8Array(), `collection '${ASSETS_KEY}'`),
  );
}

/**
 * loader_impl.py: get_asset_tensors(export_dir, meta_graph_def_to_load, import_scope=None): asset tensor name ->
 * the path of its file under `<exportDir>/assets/`.
 */
export function getAssetTensors(
  fs: FileSystem,
  exportDir: string,
  meta: MetaGraphDef,
  importScope?: string,
): Record<string, string> {
  const assetsDir = fs.join(exportDir, ASSETS_DIRECTORY);
  const tensors: Record<string, string> = {};
  for (const def of assetFileDefs(meta)) {
    let name = def.tensorInfo?.name ?? "";
    if (importScope) name = `${importScope}/${name}`;
    setOwn(tensors, name, fs.join(assetsDir, def.filename ?? ""));
  }
  return tensors;
}
