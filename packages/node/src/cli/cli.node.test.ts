// The scopeflow command as a user runs it: the built bin (dist/cli.js) spawned in the folder of the real TF files
// (tools/test-kit/fixtures/tf), exit codes and output asserted; a drifted graph made here (an extra outer scope).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { TF_FIXTURES_DIR } from "@scopeflow/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tf from "../index";

// Each test spawns node a few times (about 0.3 s each on an idle machine); a busy one needs more than vitest's 5 s.
const SPAWNING = { timeout: 60_000 };
const BIN = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
const FIXTURES = fileURLToPath(TF_FIXTURES_DIR);

/** Runs `scopeflow ...args` in the fixtures folder. */
function scopeflow(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: FIXTURES, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let temp = "";
/** model.py's layers under variableScope("model"), trained with Adam, its meta graph written by a Saver. */
let driftedMeta = "";

beforeAll(() => {
  temp = mkdtempSync(join(tmpdir(), "scopeflow-cli-"));
  driftedMeta = join(temp, "model.meta");
  const g = new tf.Graph();
  g.asDefault(() => {
    const x = tf.placeholder("float32", [null, 2], "x");
    const y = tf.variableScope("model", () => {
      const dense = (name: string, input: tf.Tensor, inputs: number, units: number) =>
        tf.variableScope(name, () =>
          tf.add(
            tf.matmul(input, tf.getVariable("kernel", [inputs, units])),
            tf.getVariable("bias", [units], { initializer: tf.initializers.zeros() }),
          ),
        );
      return dense("dense_1", dense("dense", x, 2, 4), 4, 1);
    });
    const step = tf.train.getOrCreateGlobalStep();
    new tf.train.AdamOptimizer(0.5).minimize(tf.reduceSum(y), { globalStep: step });
    new tf.train.Saver().exportMetaGraph(driftedMeta, { fileSystem: tf.io.nodeFs() });
  });
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("scopeflow: usage", SPAWNING, () => {
  it("--help prints the usage and exits 0, for the command and every subcommand", () => {
    const main = scopeflow("--help");
    expect(main.code).toBe(0);
    expect(main.stdout.split("\n")[0]).toBe("Usage: scopeflow <command> [options]");
    expect(main.stdout).toContain("Exit codes: 0 ok, 1 drift or a failed check, 2 a usage or file error.");
    for (const command of ["explain", "ckpt", "lock", "events", "graph"]) {
      const help = scopeflow(command, "--help");
      expect([command, help.code, help.stderr]).toEqual([command, 0, ""]);
      expect(help.stdout).toMatch(new RegExp(`^Usage: scopeflow ${command} `));
    }
    expect(scopeflow("ckpt", "doctor", "--help").stdout).toMatch(/^Usage: scopeflow ckpt ls/);
  });

  it("no command, an unknown command or option, missing arguments: exit 2 with the message and the usage", () => {
    const none = scopeflow();
    expect([none.code, none.stdout]).toEqual([2, ""]);
    expect(none.stderr.split("\n")[0]).toBe("Usage: scopeflow <command> [options]");
    const unknown = scopeflow("frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split("\n")[0]).toBe("scopeflow frobnicate: unknown command 'frobnicate'");
    // A command named after a prototype member is unknown too (its usage is not looked up through the prototype).
    const proto = scopeflow("constructor");
    expect([proto.code, proto.stderr.split("\n")[0]]).toEqual([
      2,
      "scopeflow constructor: unknown command 'constructor'",
    ]);
    expect(proto.stderr).toContain("Usage: scopeflow <command> [options]");
    const option = scopeflow("events", "--bogus", "x");
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^scopeflow events: Unknown option '--bogus'/);
    const missing = scopeflow("lock", "check", "graphdef_binary/model.pb");
    expect(missing.code).toBe(2);
    expect(missing.stderr.split("\n")[0]).toBe("scopeflow lock: missing arguments: <graph file> <lockfile>");
    expect(missing.stderr).toContain("Usage: scopeflow lock write <graph file> <lockfile>");
    expect(scopeflow("graph", "graphdef_binary/model.pb", "--depth", "0").stderr.split("\n")[0]).toBe(
      "scopeflow graph: --depth must be a whole number >= 1, got '0'",
    );
    expect(scopeflow("ckpt", "ls", "estimator_model_dir", "--html", "x").stderr.split("\n")[0]).toBe(
      "scopeflow ckpt: option --html does not apply here",
    );
  });

  it("file errors name the file: missing, corrupt, of an unknown kind, a folder without event files", () => {
    const cases: [string[], string][] = [
      [["explain", "nope.pb", "x"], "scopeflow explain: nope.pb: no such file or directory"],
      [
        ["ckpt", "ls", "estimator_model_dir/model.ckpt-9"],
        "scopeflow ckpt: estimator_model_dir/model.ckpt-9: no checkpoint here (neither a folder nor a prefix with a .index file)",
      ],
      [
        ["graph", "README.md"],
        "scopeflow graph: README.md: not a graph file scopeflow knows: pass a .pb (binary GraphDef), .pbtxt (text GraphDef), .meta (MetaGraphDef), an event file or a logdir",
      ],
      [
        ["events", "graphdef_binary"],
        "scopeflow events: graphdef_binary: no event file (a name holding 'tfevents') in this folder or below",
      ],
      [
        ["lock", "check", "graphdef_binary/model.pb", "none.lock.json"],
        "scopeflow lock: none.lock.json: no such file (write it first: scopeflow lock write <graph file> <lockfile>)",
      ],
    ];
    for (const [args, message] of cases) {
      const result = scopeflow(...args);
      expect([args, result.code, result.stderr.trimEnd(), result.stdout]).toEqual([args, 2, message, ""]);
    }
    const corrupt = join(temp, "corrupt.pb");
    writeFileSync(corrupt, "not a graph");
    const result = scopeflow("explain", corrupt, "x");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^scopeflow explain: DataLossError: .*${corrupt.replace(/[.]/g, "\\.")}`));
  });
});

describe("scopeflow ckpt", SPAWNING, () => {
  it("ls: the Estimator's checkpoint (a folder: its latest) with dtypes, shapes and sizes", () => {
    const result = scopeflow("ckpt", "ls", "estimator_model_dir");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n").slice(0, 5)).toEqual([
      "estimator_model_dir/model.ckpt-2000: 15 tensors, 220 bytes",
      "key                    dtype    shape  bytes",
      "beta1_power            float32  []         4",
      "beta2_power            float32  []         4",
      "dense/bias             float32  [4]       16",
    ]);
    expect(result.stdout.trimEnd().split("\n").at(-1)).toBe("global_step            int64    []         8");
    const json = JSON.parse(scopeflow("ckpt", "ls", "estimator_model_dir/model.ckpt-0", "--json").stdout);
    expect(json.prefix).toBe("estimator_model_dir/model.ckpt-0");
    expect(json.entries[5]).toEqual({ key: "dense/kernel", dtype: "float32", shape: [2, 4], size: 32 });
  });

  it("doctor: the Estimator's own meta graph restores as given (exit 0)", () => {
    const result = scopeflow("ckpt", "doctor", "estimator_model_dir/model.ckpt-2000.meta", "estimator_model_dir");
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd()).toBe(
      [
        "Graph: estimator_model_dir/model.ckpt-2000.meta (MetaGraphDef)",
        "Checkpoint estimator_model_dir/model.ckpt-2000: 15 keys; the var list restores 15 variables.",
        "Saver.restore works as given: every key is in the checkpoint with the same shape and dtype.",
      ].join("\n"),
    );
  });

  it("doctor: a graph under an extra outer scope against model.ckpt-2000: exit 1, the mapping proposed", () => {
    const result = scopeflow("ckpt", "doctor", driftedMeta, "estimator_model_dir/model.ckpt-2000");
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines.slice(1, 3)).toEqual([
      "Checkpoint estimator_model_dir/model.ckpt-2000: 15 keys; the var list restores 15 variables.",
      "Saver.restore fails: 12 keys not in the checkpoint.",
    ]);
    expect(lines).toContain('  outer scope "model/" added in the graph (12):');
    expect(lines).toContain("    dense_1/kernel/Adam_1 <- model/dense_1/kernel/Adam_1:0");
    const json = JSON.parse(scopeflow("ckpt", "doctor", driftedMeta, "estimator_model_dir", "--json").stdout);
    expect(json.ok).toBe(false);
    expect(json.proposedVarList["dense/kernel"]).toBe("model/dense/kernel:0");
    expect(json.proposedVarList.global_step).toBe("global_step:0");
    expect(json.leftovers).toEqual({ variables: [], checkpointKeys: [] });
  });
});

describe("scopeflow lock", SPAWNING, () => {
  it("write from the .meta, check against the event file's meta graph (same variables): exit 0", () => {
    const lockFile = join(temp, "locks", "names.lock.json");
    const write = scopeflow("lock", "write", "estimator_model_dir/model.ckpt-2000.meta", lockFile);
    expect([write.code, write.stdout.trimEnd()]).toEqual([
      0,
      `Wrote ${lockFile}: 15 variables of estimator_model_dir/model.ckpt-2000.meta.`,
    ]);
    const locked = JSON.parse(readFileSync(lockFile, "utf8")).variables as { name: string }[];
    expect(locked.find((v) => v.name === "dense/kernel:0")).toEqual({
      name: "dense/kernel:0",
      shape: [2, 4],
      dtype: "float32",
      trainable: true,
      collections: ["trainable_variables", "variables"],
    });
    const check = scopeflow("lock", "check", "estimator_model_dir", lockFile);
    expect([check.code, check.stdout.trimEnd()]).toEqual([0, `Name lock ${lockFile}: 15 variables, as locked.`]);
  });

  it("check after the refactor (an outer scope): exit 1, the diff and the renames", () => {
    const lockFile = join(temp, "estimator.lock.json");
    scopeflow("lock", "write", "estimator_model_dir/model.ckpt-2000.meta", lockFile);
    const check = scopeflow("lock", "check", driftedMeta, lockFile);
    expect(check.code).toBe(1);
    const lines = check.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(`Name lock ${lockFile}: 15 locked, 15 in the graph: 12 added, 12 removed, 0 changed.`);
    expect(lines).toContain("  + model/dense/kernel:0  [2,4] float32 trainable [trainable_variables, variables]");
    expect(lines).toContain("  - dense/kernel:0  [2,4] float32 trainable [trainable_variables, variables]");
    // global_step, beta1_power and beta2_power keep their names, collections and shapes (getOrCreateGlobalStep, like
    // the Estimator, puts global_step in GLOBAL_STEP too).
    expect(lines.filter((l) => l.startsWith("  ~ "))).toEqual([]);
    expect(lines).toContain(
      '  dense/kernel/Adam_1:0 -> model/dense/kernel/Adam_1:0  (outer scope "model/" added in the graph)',
    );
  });
});

describe("scopeflow events", SPAWNING, () => {
  it("every run of the fixtures folder: files, graphs, session logs, tags with last values and sparklines", () => {
    const result = scopeflow("events", ".");
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toContain(
      [
        "run estimator_model_dir: 27 events in 1 file",
        "  estimator_model_dir/events.out.tfevents.1567057356.leimao-evolvx (27 events)",
      ].join("\n"),
    );
    expect(out).toContain("  graphs: 2 graph_def (154, 293 nodes), 2 meta_graph_def");
    expect(out).toContain("  session logs: CHECKPOINT x2, START x1; last checkpoint model/model.ckpt at step 2000");
    expect(out).toContain("    loss             10 steps 1001..1901  last 8.276e-8  █▂▁▁▁▁▁▁▁▁");
    expect(out).toContain(
      [
        "  scalars (3):",
        "    bias_1    500 steps 0..499  last 10         ▁▃▄▆▆▇▇███████████████████████",
        "    loss_1    500 steps 0..499  last 0.0002595  █▄▂▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁",
        "    weight_1  500 steps 0..499  last 2.001      ▁▂▃▅▅▄▆▇██████████████████████",
      ].join("\n"),
    );
    expect(out).toContain(
      "    layer2/biases/layer2/biases    20 steps 0..950  last n=1 min=-0.02241 max=-0.02241 mean=-0.02241",
    );
    expect(out).toContain("run filewriter_graph_only: 2 events in 1 file");
    const one = scopeflow("events", "filewriter_graph_only/events.out.tfevents.1530861702.clarence-mac.local");
    expect(one.stdout.split("\n")[0]).toBe("run filewriter_graph_only: 2 events in 1 file");
  });
});

describe("scopeflow explain", SPAWNING, () => {
  it("a variable of the Estimator's meta graph: type, outputs, attrs, consumers, scopes, collections", () => {
    const result = scopeflow("explain", "estimator_model_dir/model.ckpt-2000.meta", "dense/kernel");
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split("\n")).toEqual([
      "dense/kernel  (op VariableV2, from the MetaGraphDef estimator_model_dir/model.ckpt-2000.meta)",
      "  device:   (none)",
      "  inputs:   (none)",
      "  outputs:  dense/kernel:0  float32_ref [2,4]",
      '  attrs:    _class=["loc:@dense/kernel"], container="", dtype=float32, shape=[2,4], shared_name=""',
      "  used by:  dense/kernel/Assign, dense/kernel/read, Adam/update_dense/kernel/ApplyAdam, report_uninitialized_variables/IsVariableInitialized_1, report_uninitialized_variables_1/IsVariableInitialized_1, save/SaveV2, save/Assign_5",
      "  scopes:   dense/ (32 ops)",
      "  variable: dense/kernel:0 [2,4] float32, trainable; collections trainable_variables, variables; checkpoint key dense/kernel",
      "",
      "dense/kernel (a VariableV2 op) is named by 1 rule:",
      '1. importGraphDef imported the op under no prefix; the rest of its name, "dense/kernel", is the one the GraphDef holds (how its writer named it is not recorded in a GraphDef).',
    ]);
  });

  it("a tensor of a binary GraphDef (imported: dtypes from the op table) and of a text GraphDef", () => {
    const pb = scopeflow("explain", "graphdef_binary/model.pb", "gradients/sub_grad/Reshape:0");
    expect(pb.code).toBe(0);
    expect(pb.stdout.split("\n").slice(0, 4)).toEqual([
      "gradients/sub_grad/Reshape:0  (output 0 of op gradients/sub_grad/Reshape, a Reshape; from the binary GraphDef graphdef_binary/model.pb)",
      "  device:   (none)",
      "  inputs:   gradients/sub_grad/Sum, gradients/sub_grad/Shape",
      "  outputs:  gradients/sub_grad/Reshape:0  float32 <unknown>",
    ]);
    expect(pb.stdout).toContain("  scopes:   gradients/ (66 ops) > gradients/sub_grad/ (11 ops)");
    const text = scopeflow("explain", "estimator_model_dir/graph.pbtxt", "dense/MatMul");
    expect(text.stdout.split("\n").slice(2, 5)).toEqual([
      "  inputs:   IteratorGetNext, dense/kernel/read",
      "  outputs:  dense/MatMul:0  float32 [?,4]",
      "  attrs:    T=float32, transpose_a=false, transpose_b=false",
    ]);
  });

  it("a name the graph lacks: exit 1 with the closest names; a logdir of several runs is a usage error", () => {
    const result = scopeflow("explain", "estimator_model_dir", "kernel");
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd()).toBe(
      'scopeflow explain: no op named "kernel" in estimator_model_dir/events.out.tfevents.1567057356.leimao-evolvx (293 ops); did you mean: dense/kernel, dense_1/kernel, dense/kernel/Adam, dense/kernel/read, dense/kernel/Adam_1, dense/kernel/Assign?',
    );
    const several = scopeflow("explain", ".", "x");
    expect(several.code).toBe(2);
    expect(several.stderr.split("\n")[0]).toBe(
      "scopeflow explain: . holds 4 event files with a graph; pass one of them:",
    );
  });
});

describe("scopeflow graph", SPAWNING, () => {
  it("prints the name-scope tree to --depth and the variables", () => {
    const result = scopeflow("graph", "graphdef_binary/model.pb", "--depth", "1");
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines.slice(0, 5)).toEqual([
      "graphdef_binary/model.pb: binary GraphDef, 109 ops, producer 26",
      "name scopes (to depth 1; --depth to change):",
      "  b/  (2 ops)",
      "  gradients/  (66 ops)",
      "  random_uniform/  (6 ops)",
    ]);
    expect(lines.slice(-3)).toEqual(["variables (2):", "  w:0  [1] float32", "  b:0  [1] float32"]);
  });

  it("--html writes one self-contained page: a view per name scope, the trees, no outside resources", () => {
    const out = join(temp, "graph.html");
    const result = scopeflow("graph", "name_scope_histograms", "--html", out);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(
        `^Wrote ${out.replace(/[.]/g, "\\.")}: 143 ops of name_scope_histograms/events\\.out\\.tfevents\\.1494075549\\.Morvan \\(event file \\(meta graph\\)\\), \\d+ KiB\\.`,
      ),
    );
    const html = readFileSync(out, "utf8");
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    // The top level as TensorBoard draws it: six scopes, inputs → layer1 → layer2 → loss → train.
    const top = html.slice(html.indexOf('id="view-top"'));
    const names = [...top.matchAll(/data-name="([^"]+)"/g)].map((m) => m[1]);
    expect(names.sort()).toEqual(["Merge", "inputs", "layer1", "layer2", "loss", "train"]);
    expect(top).toContain("<title>inputs → layer1</title>");
    expect(top).toContain("<title>layer2 → loss</title>");
    expect((html.match(/<section class="view/g) ?? []).length).toBe(72); // 71 name scopes and the top level
    expect(html).toContain("<code>W</code> [1,10] float32 <b>trainable</b>");
    expect(existsSync(out)).toBe(true);
  });
});
