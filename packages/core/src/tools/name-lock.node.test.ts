// tools.nameLock / writeNameLock / checkNameLock: graphs built here, the Estimator's MetaGraphDef and graphdef_binary's
// GraphDef (real TF files); the refactors that silently break checkpoints (an outer scope, a shape, trainable).
import { describe, expect, it } from "vitest";
import { NotFoundError, ValueError } from "../errors";
import { decodeGraphDef, decodeMetaGraphDef } from "../graphdef/graphdef-codec";
import { fixture } from "../graphdef/test-fixture";
import * as tf from "../index";
import { memoryFs } from "../io/memory-fs";
import { checkNameLock, nameLock, writeNameLock } from "./name-lock";

/** A small model: two getVariable layers, a local counter, Adam slots. */
function model(options: { outer?: string; units?: number; trainableBias?: boolean } = {}) {
  const g = new tf.Graph();
  g.asDefault(() => {
    const layers = () => {
      const w = tf.variableScope("dense", () => tf.getVariable("kernel", [2, options.units ?? 4]));
      const b = tf.variableScope("dense", () =>
        tf.getVariable("bias", [options.units ?? 4], { trainable: options.trainableBias ?? true }),
      );
      return tf.reduceSum(tf.add(tf.matmul(tf.ones([1, 2]), w), b));
    };
    const loss = options.outer ? tf.variableScope(options.outer, layers) : layers();
    tf.getLocalVariable("count", [], { dtype: "int32", initializer: tf.initializers.zeros() });
    new tf.train.AdamOptimizer(0.1).minimize(loss);
  });
  return g;
}

describe("tools.nameLock", () => {
  it("a graph's variables sorted by name, with shape, dtype, trainable and collections", () => {
    const lock = nameLock(model());
    expect(lock.version).toBe(1);
    expect(lock.variables.map((v) => v.name)).toEqual([
      "beta1_power:0",
      "beta2_power:0",
      "count:0",
      "dense/bias/Adam:0",
      "dense/bias/Adam_1:0",
      "dense/bias:0",
      "dense/kernel/Adam:0",
      "dense/kernel/Adam_1:0",
      "dense/kernel:0",
    ]);
    expect(lock.variables.find((v) => v.name === "dense/kernel:0")).toEqual({
      name: "dense/kernel:0",
      shape: [2, 4],
      dtype: "float32",
      trainable: true,
      collections: ["trainable_variables", "variables"],
    });
    expect(lock.variables.find((v) => v.name === "count:0")).toEqual({
      name: "count:0",
      shape: [],
      dtype: "int32",
      trainable: false,
      collections: ["local_variables"],
    });
    expect(tf.tools.nameLock === nameLock).toBe(true);
    expect(model().asDefault(() => nameLock())).toEqual(lock);
  });

  it("the Estimator's MetaGraphDef (TF 1.14): its collection_def gives the collections", () => {
    const lock = nameLock(decodeMetaGraphDef(fixture("estimator_model_dir/model.ckpt-2000.meta")));
    expect(lock.variables).toHaveLength(15);
    expect(lock.variables.filter((v) => v.trainable).map((v) => `${v.name} [${v.shape}]`)).toEqual([
      "dense/bias:0 [4]",
      "dense/kernel:0 [2,4]",
      "dense_1/bias:0 [1]",
      "dense_1/kernel:0 [4,1]",
    ]);
    expect(lock.variables.find((v) => v.name === "global_step:0")).toEqual({
      name: "global_step:0",
      shape: [],
      dtype: "int64",
      trainable: false,
      collections: ["global_step", "variables"],
    });
  });

  it("a GraphDef (graphdef_binary/model.pb) has no collections: variables only", () => {
    const lock = nameLock(decodeGraphDef(fixture("graphdef_binary/model.pb")));
    expect(lock.variables).toEqual([
      { name: "b:0", shape: [1], dtype: "float32", trainable: false, collections: [] },
      { name: "w:0", shape: [1], dtype: "float32", trainable: false, collections: [] },
    ]);
  });
});

describe("tools.writeNameLock and tools.checkNameLock", () => {
  it("writes JSON one variable a line (creating the folder); the same graph checks ok", () => {
    const fs = memoryFs();
    const g = new tf.Graph();
    g.asDefault(() => {
      tf.getVariable("w", [2, 3]);
      tf.getVariable("step", [], { dtype: "int64", trainable: false, initializer: tf.initializers.zeros() });
    });
    writeNameLock("/repo/locks/names.lock.json", g, fs);
    expect(new TextDecoder().decode(fs.readFile("/repo/locks/names.lock.json"))).toBe(
      [
        "{",
        '  "version": 1,',
        '  "variables": [',
        '    {"name":"step:0","shape":[],"dtype":"int64","trainable":false,"collections":["variables"]},',
        '    {"name":"w:0","shape":[2,3],"dtype":"float32","trainable":true,"collections":["trainable_variables","variables"]}',
        "  ]",
        "}",
        "",
      ].join("\n"),
    );
    const check = checkNameLock("/repo/locks/names.lock.json", g, fs);
    expect(check).toEqual({
      ok: true,
      added: [],
      removed: [],
      changed: [],
      renamed: [],
      text: "Name lock /repo/locks/names.lock.json: 2 variables, as locked.",
    });
  });

  it("an outer scope added by a refactor: every name removed and added, each rename named", () => {
    const fs = memoryFs();
    writeNameLock("/names.lock.json", model(), fs);
    const check = checkNameLock("/names.lock.json", model({ outer: "net" }), fs);
    expect(check.ok).toBe(false);
    expect(check.removed).toEqual([
      "dense/bias/Adam:0",
      "dense/bias/Adam_1:0",
      "dense/bias:0",
      "dense/kernel/Adam:0",
      "dense/kernel/Adam_1:0",
      "dense/kernel:0",
    ]);
    expect(check.added).toEqual(check.removed.map((n) => `net/${n}`));
    expect(check.changed).toEqual([]);
    expect(check.renamed[0]).toEqual({
      before: "dense/bias/Adam:0",
      after: "net/dense/bias/Adam:0",
      rule: 'outer scope "net/" added in the graph',
    });
    expect(check.text.split("\n")).toEqual([
      "Name lock /names.lock.json: 9 locked, 9 in the graph: 6 added, 6 removed, 0 changed.",
      "  + net/dense/bias/Adam:0  [4] float32 [variables]",
      "  + net/dense/bias/Adam_1:0  [4] float32 [variables]",
      "  + net/dense/bias:0  [4] float32 trainable [trainable_variables, variables]",
      "  + net/dense/kernel/Adam:0  [2,4] float32 [variables]",
      "  + net/dense/kernel/Adam_1:0  [2,4] float32 [variables]",
      "  + net/dense/kernel:0  [2,4] float32 trainable [trainable_variables, variables]",
      "  - dense/bias/Adam:0  [4] float32 [variables]",
      "  - dense/bias/Adam_1:0  [4] float32 [variables]",
      "  - dense/bias:0  [4] float32 trainable [trainable_variables, variables]",
      "  - dense/kernel/Adam:0  [2,4] float32 [variables]",
      "  - dense/kernel/Adam_1:0  [2,4] float32 [variables]",
      "  - dense/kernel:0  [2,4] float32 trainable [trainable_variables, variables]",
      "Renamed, by the look of it (checkpoints written before restore through tools.checkpointDoctor):",
      '  dense/bias/Adam:0 -> net/dense/bias/Adam:0  (outer scope "net/" added in the graph)',
      '  dense/bias/Adam_1:0 -> net/dense/bias/Adam_1:0  (outer scope "net/" added in the graph)',
      '  dense/bias:0 -> net/dense/bias:0  (outer scope "net/" added in the graph)',
      '  dense/kernel/Adam:0 -> net/dense/kernel/Adam:0  (outer scope "net/" added in the graph)',
      '  dense/kernel/Adam_1:0 -> net/dense/kernel/Adam_1:0  (outer scope "net/" added in the graph)',
      '  dense/kernel:0 -> net/dense/kernel:0  (outer scope "net/" added in the graph)',
      "If the change is intended, write the lock again (tools.writeNameLock, or scopeflow lock write).",
    ]);
  });

  it("a shape, trainable and the collections changed: one line per field", () => {
    const fs = memoryFs();
    writeNameLock("/names.lock.json", model(), fs);
    const check = checkNameLock("/names.lock.json", model({ units: 8, trainableBias: false }), fs);
    expect(check.added).toEqual([]);
    expect(check.removed).toEqual(["dense/bias/Adam:0", "dense/bias/Adam_1:0"]);
    expect(check.changed).toEqual([
      { name: "dense/bias:0", field: "shape", before: [4], after: [8] },
      { name: "dense/bias:0", field: "trainable", before: true, after: false },
      {
        name: "dense/bias:0",
        field: "collections",
        before: ["trainable_variables", "variables"],
        after: ["variables"],
      },
      { name: "dense/kernel/Adam:0", field: "shape", before: [2, 4], after: [2, 8] },
      { name: "dense/kernel/Adam_1:0", field: "shape", before: [2, 4], after: [2, 8] },
      { name: "dense/kernel:0", field: "shape", before: [2, 4], after: [2, 8] },
    ]);
    expect(check.text.split("\n").slice(0, 5)).toEqual([
      "Name lock /names.lock.json: 9 locked, 7 in the graph: 0 added, 2 removed, 4 changed.",
      "  - dense/bias/Adam:0  [4] float32 [variables]",
      "  - dense/bias/Adam_1:0  [4] float32 [variables]",
      "  ~ dense/bias:0  shape [4] -> [8]",
      "  ~ dense/bias:0  trainable true -> false",
    ]);
  });

  it("errors name the file: missing, not JSON, another version, a malformed entry", () => {
    const fs = memoryFs();
    const g = model();
    expect(() => checkNameLock("/none.json", g, fs)).toThrow(
      new NotFoundError("/none.json; No such file or directory"),
    );
    const put = (text: string) => fs.writeFileAtomic("/lock.json", new TextEncoder().encode(text));
    put("{ nope");
    expect(() => checkNameLock("/lock.json", g, fs)).toThrow(ValueError);
    expect(() => checkNameLock("/lock.json", g, fs)).toThrow(
      /^\/lock\.json is not a scopeflow name lock \(expected JSON \{"version": 1, "variables": \[\.\.\.\]\}\): /,
    );
    put('{"version": 2, "variables": []}');
    expect(() => checkNameLock("/lock.json", g, fs)).toThrow(
      "/lock.json: name lock version 2 is not supported (this scopeflow reads version 1); write it again with tools.writeNameLock",
    );
    put('{"version": 1, "variables": [{"name": "w:0", "shape": "2x3"}]}');
    expect(() => checkNameLock("/lock.json", g, fs)).toThrow(
      "/lock.json: variables[0] is not a locked variable ({ name, shape, dtype, trainable, collections })",
    );
    expect(() => writeNameLock("/x.json", g)).toThrow("tools.writeNameLock needs a file system");
  });
});
