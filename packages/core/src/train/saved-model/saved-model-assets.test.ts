// saved_model_test.py (TF 1.15) asset cases: SavedModelV1Test testWritingAssetsToCollection,
// testLegacyInitOpWithNonEmptyCollection, testMainOpWithNonEmptyCollection; and SavedModelTest's testAssets*,
// testMultipleAssets, testDuplicateAssets, run through the v1 Builder (tf.saved_model.Builder), whose assets land in
// the `saved_model_assets` collection rather than asset_file_def (the same _maybe_save_assets and copying). Plus
// loader_impl.py's asset feeding: the init op sees the asset paths under the loaded directory. In-memory files, so
// it runs in Node and Chromium.
import { describe, expect, it } from "vitest";
import * as tf from "../../index";
import { memoryFs } from "../../io/memory-fs";
import { decodeMessage } from "../../proto/codec";
import type { MetaGraphDef } from "../../proto/types";

type Fs = ReturnType<typeof memoryFs>;
const TEMP = "/tmp/test";
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** SavedModelTestBase._init_and_validate_variable */
function initAndValidateVariable(sess: tf.Session, name: string, value: number) {
  const v = new tf.Variable(value, { name });
  sess.run(tf.globalVariablesInitializer());
  expect(sess.run(v.value()).toArray()).toBe(value);
}

/** SavedModelTestBase._build_asset_collection */
function buildAssetCollection(fs: Fs, fileName: string, contents: string, tensorName: string, subdir = "") {
  const parent = fs.join(TEMP, subdir);
  fs.makeDirs(parent);
  const path = fs.join(parent, fileName);
  fs.writeFileAtomic(path, new TextEncoder().encode(contents));
  tf.getDefaultGraph().addToCollection(tf.GraphKeys.ASSET_FILEPATHS, tf.constant(path, { name: tensorName }));
  return tf.getDefaultGraph().getCollection(tf.GraphKeys.ASSET_FILEPATHS) as tf.Tensor[];
}

/** The AssetFileDefs of the `saved_model_assets` collection (SavedModelV1Test._validate_asset_collection). */
function assetDefs(meta: MetaGraphDef): [string, string][] {
  return (meta.collectionDef?.[tf.savedModel.ASSETS_KEY]?.anyList?.value ?? []).map((any) => {
    expect(any.typeUrl).toBe("type.googleapis.com/tensorflow.AssetFileDef");
    const def = decodeMessage<{ filename: string; tensorInfo: { name: string } }>(
      "AssetFileDef",
      any.value as Uint8Array,
    );
    return [def.filename, def.tensorInfo.name];
  });
}

const assetText = (fs: Fs, exportDir: string, name: string) => text(fs.readFile(`${exportDir}/assets/${name}`));

/** Builds one MetaGraph with `build`'s assets, saves, and loads it back in a new graph. */
function saveAndLoad(fs: Fs, exportDir: string, build: () => tf.Tensor[]): MetaGraphDef {
  const builder = new tf.savedModel.Builder(exportDir, fs);
  const g = new tf.Graph();
  g.asDefault(() => {
    const sess = new tf.Session({ graph: g, fileSystem: fs });
    initAndValidateVariable(sess, "v", 42);
    builder.addMetaGraphAndVariables(sess, ["foo"], { assetsCollection: build() });
  });
  builder.save();
  const g2 = new tf.Graph();
  return g2.asDefault(() =>
    tf.savedModel.loader.load(new tf.Session({ graph: g2, fileSystem: fs }), ["foo"], exportDir),
  );
}

describe("SavedModel assets (builder_impl.py, loader_impl.py)", () => {
  it("testWritingAssetsToCollection: the asset copied, recorded in saved_model_assets; others ignored", () => {
    const fs = memoryFs();
    const meta = saveAndLoad(fs, "/export/assets_collection", () => {
      fs.makeDirs(TEMP);
      fs.writeFileAtomic(`${TEMP}/ignored.txt`, new TextEncoder().encode("will be ignored"));
      return buildAssetCollection(fs, "hello42.txt", "foo bar baz", "asset_file_tensor");
    });
    expect(assetDefs(meta)).toEqual([["hello42.txt", "asset_file_tensor:0"]]);
    expect(assetText(fs, "/export/assets_collection", "hello42.txt")).toBe("foo bar baz");
    expect(fs.listDir("/export/assets_collection/assets")).toEqual(["hello42.txt"]);
    expect(fs.listDir("/export/assets_collection")).toEqual(["assets", "saved_model.pb", "variables"]);
  });

  it("testAssetsNameCollisionDiffFile: a different file of the same name becomes hello42.txt_1", () => {
    const fs = memoryFs();
    const meta = saveAndLoad(fs, "/export/diff", () => {
      buildAssetCollection(fs, "hello42.txt", "foo bar bak", "asset_file_tensor", "1");
      return buildAssetCollection(fs, "hello42.txt", "foo bar baz", "asset_file_tensor_1", "2");
    });
    expect(assetDefs(meta)).toEqual([
      ["hello42.txt", "asset_file_tensor:0"],
      ["hello42.txt_1", "asset_file_tensor_1:0"],
    ]);
    expect(assetText(fs, "/export/diff", "hello42.txt")).toBe("foo bar bak");
    expect(assetText(fs, "/export/diff", "hello42.txt_1")).toBe("foo bar baz");
  });

  it("testAssetsNameCollisionSameFilepath and SameFile: one copy, both tensors recorded", () => {
    for (const [dir, subdirs] of [
      ["/export/same_path", ["", ""]],
      ["/export/same_file", ["1", "2"]],
    ] as const) {
      const fs = memoryFs();
      const meta = saveAndLoad(fs, dir, () => {
        buildAssetCollection(fs, "hello42.txt", "foo bar baz", "asset_file_tensor", subdirs[0]);
        return buildAssetCollection(fs, "hello42.txt", "foo bar baz", "asset_file_tensor_1", subdirs[1]);
      });
      expect(assetDefs(meta)).toEqual([
        ["hello42.txt", "asset_file_tensor:0"],
        ["hello42.txt", "asset_file_tensor_1:0"],
      ]);
      expect(fs.listDir(`${dir}/assets`)).toEqual(["hello42.txt"]);
      expect(assetText(fs, dir, "hello42.txt")).toBe("foo bar baz");
    }
  });

  it("testAssetsNameCollisionManyFiles: hello42.txt, hello42.txt_1 ... _4", () => {
    const fs = memoryFs();
    const meta = saveAndLoad(fs, "/export/many", () => {
      let list: tf.Tensor[] = [];
      for (let i = 0; i < 5; i++) {
        list = buildAssetCollection(fs, "hello42.txt", `foo bar baz ${i}`, `asset_file_tensor_${i}`, `${i}`);
      }
      return list;
    });
    const defs = assetDefs(meta);
    expect(defs[0]).toEqual(["hello42.txt", "asset_file_tensor_0:0"]);
    expect(assetText(fs, "/export/many", "hello42.txt")).toBe("foo bar baz 0");
    for (let i = 1; i < 5; i++) {
      expect(defs[i]).toEqual([`hello42.txt_${i}`, `asset_file_tensor_${i}:0`]);
      expect(assetText(fs, "/export/many", `hello42.txt_${i}`)).toBe(`foo bar baz ${i}`);
    }
  });

  it("testMultipleAssets and testDuplicateAssets: add_meta_graph's assets; a name already copied keeps the first", () => {
    for (const [dir, second, secondContents, expected] of [
      ["/export/multiple", "bar.txt", "content_bar", "content_bar"],
      ["/export/duplicate", "foo.txt", "content_bar", "content_foo"],
    ] as const) {
      const fs = memoryFs();
      const builder = new tf.savedModel.Builder(dir, fs);
      const g = new tf.Graph();
      g.asDefault(() => {
        const sess = new tf.Session({ graph: g, fileSystem: fs });
        initAndValidateVariable(sess, "v", 42);
        const assets = buildAssetCollection(fs, "foo.txt", "content_foo", "asset_file_tensor", "a");
        builder.addMetaGraphAndVariables(sess, ["foo"], { assetsCollection: assets });
      });
      const g2 = new tf.Graph();
      g2.asDefault(() => {
        const sess = new tf.Session({ graph: g2, fileSystem: fs });
        initAndValidateVariable(sess, "v", 42);
        const assets = buildAssetCollection(fs, second, secondContents, "asset_file_tensor", "b");
        builder.addMetaGraph(["bar"], { assetsCollection: assets });
      });
      builder.save();
      const load = (tags: string[]) => {
        const g3 = new tf.Graph();
        return g3.asDefault(() => tf.savedModel.loader.load(new tf.Session({ graph: g3, fileSystem: fs }), tags, dir));
      };
      expect(assetDefs(load(["foo"]))).toEqual([["foo.txt", "asset_file_tensor:0"]]);
      expect(assetText(fs, dir, "foo.txt")).toBe("content_foo");
      expect(assetDefs(load(["bar"]))).toEqual([[second, "asset_file_tensor:0"]]);
      expect(assetText(fs, dir, second)).toBe(expected);
    }
  });

  it("loader_impl.py run_init_ops: the main op is fed the asset paths under the loaded directory", () => {
    const fs = memoryFs();
    const builder = new tf.savedModel.Builder("/export/fed", fs);
    const g = new tf.Graph();
    g.asDefault(() => {
      const sess = new tf.Session({ graph: g, fileSystem: fs });
      const assets = buildAssetCollection(fs, "vocab.txt", "a\nb\n", "vocab_path");
      const path = new tf.Variable("", { name: "path", trainable: false });
      const init = tf.group([tf.assign(path, assets[0])], { name: "init_assets" });
      sess.run(tf.globalVariablesInitializer());
      builder.addMetaGraphAndVariables(sess, ["serve"], { assetsCollection: assets, mainOp: init });
    });
    builder.save();
    // The SavedModel moves: its assets are found where it is loaded from.
    for (const name of ["saved_model.pb", "variables/variables.index", "variables/variables.data-00000-of-00001"]) {
      fs.makeDirs(fs.dirname(`/moved/${name}`));
      fs.writeFileAtomic(`/moved/${name}`, fs.readFile(`/export/fed/${name}`));
    }
    fs.makeDirs("/moved/assets");
    fs.writeFileAtomic("/moved/assets/vocab.txt", fs.readFile("/export/fed/assets/vocab.txt"));
    const g2 = new tf.Graph();
    g2.asDefault(() => {
      const sess = new tf.Session({ graph: g2, fileSystem: fs });
      tf.savedModel.loader.load(sess, ["serve"], "/moved", { importScope: "m" });
      expect(text((sess.run("m/path:0") as tf.NDArray).toArray() as Uint8Array)).toBe("/moved/assets/vocab.txt");
      expect(text((sess.run("m/vocab_path:0") as tf.NDArray).toArray() as Uint8Array)).toBe(`${TEMP}/vocab.txt`);
    });
  });

  it("testLegacyInitOpWithNonEmptyCollection / testMainOpWithNonEmptyCollection: TF's ValueError", () => {
    for (const key of ["legacy_init_op", "saved_model_main_op"]) {
      const fs = memoryFs();
      const builder = new tf.savedModel.Builder(`/export/${key}`, fs);
      const g = new tf.Graph();
      g.asDefault(() => {
        const sess = new tf.Session({ graph: g, fileSystem: fs });
        const v1 = new tf.Variable(1, { name: "v1" });
        const v2 = new tf.Variable(42, { name: "v2", trainable: false, collections: [] });
        const initOp = tf.group([tf.assign(v2, v1)], { name: "init_op" });
        sess.run(tf.globalVariablesInitializer());
        tf.getDefaultGraph().addToCollection(key, tf.noOp());
        const message = `Graph already contains one or more main ops under the collection ${key}.`;
        expect(() => builder.addMetaGraphAndVariables(sess, ["foo"], { legacyInitOp: initOp })).toThrow(message);
        expect(() => builder.addMetaGraphAndVariables(sess, ["foo"], { mainOp: initOp })).toThrow(message);
        expect(() => builder.addMetaGraphAndVariables(sess, ["foo"], { mainOp: initOp })).toThrow(tf.errors.ValueError);
      });
    }
  });

  it("_asset_path_from_tensor: TF's TypeErrors for what is not a scalar string Const", () => {
    const fs = memoryFs();
    const g = new tf.Graph();
    g.asDefault(() => {
      const sess = new tf.Session({ graph: g, fileSystem: fs });
      const add = (assets: unknown[]) =>
        new tf.savedModel.Builder(`/export/bad${Math.random()}`, fs).addMetaGraphAndVariables(sess, ["foo"], {
          assetsCollection: assets as tf.Tensor[],
        });
      expect(() => add(["a.txt"])).toThrow("Asset path tensor must be a Tensor.");
      expect(() => add([tf.identity(tf.constant("a.txt"))])).toThrow("Asset path tensor must be of type constant.");
      expect(() => add([tf.constant(1)])).toThrow("Asset path tensor must be of dtype string.");
      expect(() => add([tf.constant(["a", "b"])])).toThrow("Asset path tensor must be a scalar.");
      expect(() => add([tf.constant("", { name: "empty" })])).toThrow(
        'Invalid asset filepath tensor Tensor("empty:0", shape=(), dtype=string)',
      );
    });
  });
});
