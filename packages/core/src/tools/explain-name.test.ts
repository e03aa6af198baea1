// tf.tools.explainName beyond the seed: re-entered scopes, captured scope objects, auxiliaryNameScope, originalNameScope,
// case-insensitive counters, reuse and where it came from, slots, imports, call sites, and the record's cost.
import { afterEach, describe, expect, it } from "vitest";
import { type Frame, nameRecordOf, OpEntry } from "../framework/name-record";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

const explain = (x: Parameters<typeof tf.tools.explainName>[0]) => tf.tools.explainName(x);
const steps = (x: Parameters<typeof tf.tools.explainName>[0]) => explain(x).steps.map((s) => [s.kind, s.detail]);
const kinds = (x: Parameters<typeof tf.tools.explainName>[0]) => explain(x).steps.map((s) => s.kind);
const texts = (x: Parameters<typeof tf.tools.explainName>[0]) => explain(x).steps.map((s) => s.text);

afterEach(() => tf.tools.captureCallSites(false));

describe("explainName: scopes entered again", () => {
  it("variableScope('my_scope') twice: ops go to my_scope_1/, variables stay in my_scope", () =>
    inGraph(() => {
      tf.variableScope("my_scope", () => tf.getVariable("w", [1]));
      const x = tf.variableScope("my_scope", { reuse: true }, () => tf.getVariable("w", [1]).add(1));
      expect(x.name).toBe("my_scope_1/add:0");
      expect(steps(x)).toEqual([
        [
          "variableScope",
          { entry: "name", requested: "my_scope", variableScope: "my_scope", nameScope: "my_scope_1/", reuse: true },
        ],
        [
          "uniquified",
          { counter: "name", requested: "my_scope", result: "my_scope_1", takenBy: "my_scope", caseInsensitive: false },
        ],
        ["opName", { requested: "add", byDefault: true, opType: "AddV2", name: "my_scope_1/add", absolute: false }],
      ]);
      expect(texts(x).slice(0, 2)).toEqual([
        'tf.variableScope("my_scope") opened variable scope "my_scope" and name scope "my_scope_1/".',
        'The name "my_scope" was already taken in the graph (by name scope "my_scope/"), so this name scope became "my_scope_1": TF1 makes each name unique by adding _1, _2, ... (counting names case-insensitively).',
      ]);
      // The scope itself, by its name.
      const scope = explain("my_scope_1/");
      expect(scope.name).toBe("my_scope_1/");
      expect(scope.steps.map((s) => s.kind)).toEqual(["variableScope", "uniquified"]);
      expect(scope.text.split("\n")[0]).toBe("my_scope_1/ (a name scope) is named by 2 rules, outermost first:");
    }));

  it("a captured VariableScope keeps its name and opens a new name scope after its last component", () =>
    inGraph(() => {
      const captured = tf.variableScope("outer", () => tf.variableScope("cap", (s) => s));
      const [w, y] = tf.variableScope(captured, () => {
        const w = tf.getVariable("w", [1]);
        return [w, w.mul(2)] as const;
      });
      expect([w.name, y.name]).toEqual(["outer/cap/w:0", "cap/mul:0"]);
      expect(steps(y)[0]).toEqual([
        "variableScope",
        { entry: "scope", requested: "outer/cap", variableScope: "outer/cap", nameScope: "cap/", reuse: false },
      ]);
      expect(texts(y)[0]).toBe(
        'tf.variableScope(scope) with the captured scope "outer/cap" re-entered variable scope "outer/cap" (a captured scope keeps its full name) and a new name scope "cap/".',
      );
      // The variable's name comes from the captured scope alone: the walk stops there.
      expect(kinds(w)).toEqual(["variableScope", "getVariable"]);
    }));

  it("auxiliaryNameScope: false keeps the enclosing name scope", () =>
    inGraph(() => {
      const c = tf.variableScope("outer", () =>
        tf.variableScope("inner", { auxiliaryNameScope: false }, () => tf.constant(1, { name: "c" })),
      );
      expect(c.name).toBe("outer/c:0");
      expect(steps(c)).toEqual([
        [
          "variableScope",
          { entry: "name", requested: "outer", variableScope: "outer", nameScope: "outer/", reuse: false },
        ],
        [
          "variableScope",
          { entry: "name", requested: "inner", variableScope: "outer/inner", nameScope: null, reuse: false },
        ],
        ["auxiliaryNameScope", { variableScope: "outer/inner", nameScope: "outer/" }],
        ["opName", { requested: "c", byDefault: false, opType: "Const", name: "outer/c", absolute: false }],
      ]);
      expect(texts(c)[2]).toBe(
        'auxiliaryNameScope: false: variable scope "outer/inner" opened no name scope of its own, so ops in it stay in name scope "outer/".',
      );
    }));

  it("re-entering a scope's originalNameScope puts ops back beside its first ones", () =>
    inGraph(() => {
      const scope = tf.variableScope("block", (s) => {
        tf.constant(0, { name: "first" });
        return s;
      });
      const again = tf.variableScope(scope, () =>
        tf.nameScope(scope.originalNameScope, () => tf.constant(1, { name: "k" })),
      );
      expect(again.name).toBe("block/k:0");
      expect(steps(again)).toEqual([
        ["originalNameScope", { nameScope: "block/", variableScope: "block" }],
        ["opName", { requested: "k", byDefault: false, opType: "Const", name: "block/k", absolute: false }],
      ]);
      expect(texts(again)[0]).toBe(
        'tf.nameScope("block/") re-entered name scope "block/", the originalNameScope of variable scope "block", as it is (a name ending in "/" is not made unique): the way to put ops back beside that scope\'s first ones.',
      );
      // Any other absolute name scope.
      const other = tf.nameScope("a/b/", () => tf.constant(2, { name: "z" }));
      expect(steps(other)[0]).toEqual([
        "nameScope",
        { requested: "a/b/", scope: "a/b/", mode: "absolute", byDefault: false },
      ]);
    }));

  it("a default-named variable scope counts its uses apart from the name scope counter", () =>
    inGraph(() => {
      tf.constant(0, { name: "d" }); // takes the graph name "d", not the variable scope name
      const [w, op] = tf.variableScope(null, { defaultName: "d" }, () => {
        const w = tf.getVariable("w", [1]);
        return [w, w.add(1)] as const;
      });
      expect([w.name, op.name]).toEqual(["d/w:0", "d_1/add:0"]);
      expect(steps(op).slice(0, 2)).toEqual([
        [
          "variableScope",
          { entry: "defaultName", requested: "d", variableScope: "d", nameScope: "d_1/", reuse: false },
        ],
        ["uniquified", { counter: "name", requested: "d", result: "d_1", takenBy: "d", caseInsensitive: false }],
      ]);
      expect(texts(op)[1]).toContain('(by the op "d")');
      const w2 = tf.variableScope(null, { defaultName: "d" }, () => tf.getVariable("w", [1]));
      expect(w2.name).toBe("d_1/w:0");
      expect(steps(w2)).toEqual([
        [
          "variableScope",
          { entry: "defaultName", requested: "d", variableScope: "d_1", nameScope: "d_2/", reuse: false },
        ],
        ["uniquified", { counter: "variableScope", requested: "d", result: "d_1" }],
        [
          "getVariable",
          { name: "w", fullName: "d_1/w", variableScope: "d_1", ignoredNameScope: "d_2/", created: true },
        ],
      ]);
      expect(texts(w2)[1]).toBe(
        'The variable scope name "d" had been used before (a default name counts its uses), so this one is "d_1".',
      );
    }));
});

describe("explainName: unique names", () => {
  it("counts case-insensitively and skips suffixes already taken", () =>
    inGraph(() => {
      tf.constant(0, { name: "Foo" });
      const foo = tf.constant(0, { name: "foo" });
      expect(foo.name).toBe("foo_1:0");
      expect(steps(foo)[1]).toEqual([
        "uniquified",
        { counter: "name", requested: "foo", result: "foo_1", takenBy: "Foo", caseInsensitive: true },
      ]);
      expect(texts(foo)[1]).toBe(
        'The name "foo" was already taken in the graph (case-insensitively, by the op "Foo"), so the op became "foo_1": TF1 makes each name unique by adding _1, _2, ... (counting names case-insensitively).',
      );
      tf.constant(0, { name: "x" });
      tf.constant(0, { name: "x_1" });
      const x = tf.constant(0, { name: "x" });
      expect(x.name).toBe("x_2:0");
      expect(texts(x)[1]).toContain('(by the op "x"), and so were the names up to "x_1", so the op became "x_2"');
    }));

  it("getVariable after a tf.Variable of the same name: the op is w_1, the store knows w", () =>
    inGraph(() => {
      new tf.Variable(0, { name: "w" });
      const w = tf.getVariable("w", [1]);
      expect(w.name).toBe("w_1:0");
      expect(steps(w)).toEqual([
        ["getVariable", { name: "w", fullName: "w", variableScope: "", ignoredNameScope: null, created: true }],
        ["uniquified", { counter: "name", requested: "w", result: "w_1", takenBy: "w" }],
      ]);
      expect(texts(w)[1]).toBe(
        'The graph name "w" was already taken (by "w", not made with tf.getVariable), so the variable\'s op is "w_1", although the variable store knows the variable as "w".',
      );
    }));
});

describe("explainName: reuse", () => {
  it("AUTO_REUSE inherited from an outer scope: made, then picked up", () =>
    inGraph(() => {
      const make = () =>
        tf.variableScope("model", { reuse: tf.AUTO_REUSE }, () =>
          tf.variableScope("layer", () => tf.getVariable("k", [1])),
        );
      const k = make();
      make();
      expect(steps(k)).toEqual([
        [
          "variableScope",
          { entry: "name", requested: "model", variableScope: "model", nameScope: "model/", reuse: "AUTO_REUSE" },
        ],
        [
          "variableScope",
          {
            entry: "name",
            requested: "layer",
            variableScope: "model/layer",
            nameScope: "model/layer/",
            reuse: "AUTO_REUSE",
          },
        ],
        [
          "reuse",
          {
            reuse: "AUTO_REUSE",
            inherited: true,
            setBy: "model",
            how: "option",
            event: "created",
            variableScope: "model/layer",
          },
        ],
        [
          "getVariable",
          { name: "k", fullName: "model/layer/k", variableScope: "model/layer", ignoredNameScope: null, created: true },
        ],
        [
          "reuse",
          {
            reuse: "AUTO_REUSE",
            inherited: true,
            setBy: "model",
            how: "option",
            event: "reused",
            variableScope: "model/layer",
            nameScope: "model_1/layer/",
          },
        ],
      ]);
      expect(texts(k)[2]).toBe(
        'With reuse: tf.AUTO_REUSE (inherited from variable scope "model"), tf.getVariable made the variable because it did not exist yet.',
      );
      expect(texts(k)[4]).toBe(
        'Later, tf.getVariable("k") in variable scope "model/layer" with reuse: tf.AUTO_REUSE (inherited from variable scope "model") returned this same variable instead of making one; the name scope there, "model_1/layer/", plays no part.',
      );
    }));

  it("reuse set by reuseVariables() and carried by a captured scope", () =>
    inGraph(() => {
      const scope = tf.variableScope("s", (s) => {
        tf.getVariable("v", [1]);
        s.reuseVariables();
        tf.getVariable("v", [1]);
        return s;
      });
      const v = tf.variableScope(scope, () => tf.getVariable("v", [1]));
      const reuses = explain(v).steps.filter((s) => s.kind === "reuse");
      expect(reuses.map((s) => [s.detail.how, s.detail.setBy, s.detail.inherited])).toEqual([
        ["reuseVariables", "s", false],
        ["capturedScope", "s", false],
      ]);
      expect(reuses.map((s) => s.text)).toEqual([
        'Later, tf.getVariable("v") in variable scope "s" with reuse: true (set by reuseVariables() on variable scope "s") returned this same variable instead of making one.',
        'Later, tf.getVariable("v") in variable scope "s" with reuse: true (carried by the captured scope object "s") returned this same variable instead of making one; the name scope there, "s_1/", plays no part.',
      ]);
    }));
});

describe("explainName: variables' own ops, slots and imports", () => {
  it("a variable's read op is named inside the variable's own name scope", () =>
    inGraph(() => {
      const v = tf.variableScope("scope", () => tf.getVariable("w", [1]));
      expect(kinds("scope/w/read:0")).toEqual(["variableScope", "getVariable", "nameScope", "opName"]);
      expect(texts("scope/w/read:0")[2]).toBe(
        'new tf.Variable named "scope/w" opened name scope "scope/w/" for its own ops (initial value, Assign, read).',
      );
      expect(explain(v.value()).text.split("\n")[0]).toBe(
        "scope/w/read:0 (output 0 of the Identity op scope/w/read) is named by 4 rules, outermost first:",
      );
    }));

  it("an optimizer's slots and non-slot variables say whose they are", () =>
    inGraph(() => {
      const v = tf.getVariable("v", [2]);
      new tf.train.AdamOptimizer(0.1).minimize(tf.reduceSum(v));
      expect(steps("v/Adam_1:0")).toEqual([
        ["slot", { optimizer: "Adam", slot: "v", primary: "v" }],
        [
          "variableScope",
          {
            entry: "defaultName",
            requested: "v/Adam",
            variableScope: "v/Adam_1",
            nameScope: "v/Adam_1/",
            reuse: false,
          },
        ],
        ["uniquified", { counter: "variableScope", requested: "v/Adam", result: "v/Adam_1" }],
        [
          "getVariable",
          { name: "", fullName: "v/Adam_1/", variableScope: "v/Adam_1", ignoredNameScope: null, created: true },
        ],
      ]);
      expect(texts("v/Adam_1:0")[0]).toBe(
        'It is the slot "v" of v, made by the Adam optimizer (slot_creator: tf.variableScope(null, { defaultName: "v/Adam" }) and tf.getVariable("")).',
      );
      expect(kinds("beta1_power")).toEqual(["slot", "variable"]);
      expect(texts("beta1_power")[0]).toBe(
        'It is the non-slot variable "beta1_power" of the Adam optimizer, a tf.Variable it makes once per graph.',
      );
    }));

  it("an imported op: its name is the GraphDef's, under the import prefix; x_1 beside x is pointed out", () =>
    inGraph((g) => {
      const source = new tf.Graph();
      source.asDefault(() => {
        tf.nameScope("net", () => tf.constant(1, { name: "c" }));
        tf.nameScope("net", () => tf.constant(1, { name: "c" }));
      });
      tf.importGraphDef(source.asGraphDef());
      expect(steps("import/net/c")).toEqual([
        ["imported", { origin: "importGraphDef", prefix: "import/", nameInGraphDef: "net/c", likelyUniquified: [] }],
      ]);
      expect(texts("import/net/c")[0]).toBe(
        'importGraphDef imported the op under name scope "import/"; the rest of its name, "net/c", is the one the GraphDef holds (how its writer named it is not recorded in a GraphDef).',
      );
      expect(steps(g.getOperationByName("import/net_1/c"))[0][1]).toMatchObject({ likelyUniquified: ["import/net_1"] });
      expect(texts("import/net_1/c")[0]).toContain(
        '"import/net_1" is likely "import/net" made unique when its writer found that name taken.',
      );
    }));

  it("a MetaGraph imported with no prefix", () =>
    inGraph(() => {
      const source = new tf.Graph();
      source.asDefault(() => tf.variableScope("dense", () => tf.getVariable("kernel", [2, 2])));
      const meta = tf.train.exportMetaGraph(undefined, { graph: source });
      tf.train.importMetaGraph(meta);
      expect(steps("dense/kernel")).toEqual([
        ["imported", { origin: "importGraphDef", prefix: "", nameInGraphDef: "dense/kernel", likelyUniquified: [] }],
      ]);
      expect(texts("dense/kernel")[0]).toMatch(/^importGraphDef imported the op under no prefix; the rest of its name/);
    }));
});

describe("explainName: call sites, cost and bad input", () => {
  it("call sites are recorded only when capture is on, as file:line of the user's call", () =>
    inGraph(() => {
      const off = tf.variableScope("a", () => tf.getVariable("w", [1]));
      expect(explain(off).steps.every((s) => s.site === undefined)).toBe(true);
      tf.tools.captureCallSites(true);
      const line = Number(new Error().stack?.match(/explain-name\.test\.ts:(\d+)/)?.[1]) + 1;
      const on = tf.variableScope("b", () => tf.getVariable("w", [1]));
      const sites = explain(on).steps.map((s) => s.site);
      expect(sites).toHaveLength(2);
      for (const site of sites) expect(site).toMatch(new RegExp(`explain-name\\.test\\.ts:${line}$`));
      expect(explain(on).text).toContain(`(at ${sites[0]})`);
    }));

  it("an op named by an absolute name (group's NoOp, such as `init`) carries its call site too", () =>
    inGraph(() => {
      tf.getVariable("w", [1]);
      tf.tools.captureCallSites(true);
      const line = Number(new Error().stack?.match(/explain-name\.test\.ts:(\d+)/)?.[1]) + 1;
      const init = tf.globalVariablesInitializer();
      const steps = explain(init).steps;
      expect(steps.map((s) => s.kind)).toEqual(["opName"]);
      expect(steps[0].site).toMatch(new RegExp(`explain-name\\.test\\.ts:${line}$`));
    }));

  it("without capture, building a graph takes no stack trace", () =>
    inGraph(() => {
      const holder = Error as { prepareStackTrace?: (e: Error, frames: unknown[]) => unknown };
      const original = holder.prepareStackTrace;
      let traces = 0;
      holder.prepareStackTrace = (e, frames) => {
        traces++;
        return original ? original(e, frames) : `${e}`;
      };
      try {
        tf.variableScope("m", () => tf.matmul(tf.getVariable("w", [2, 2]), tf.getVariable("u", [2, 2])));
        expect(traces).toBe(0);
        tf.tools.captureCallSites(true);
        tf.variableScope("n", () => tf.getVariable("w", [2, 2]));
        expect(traces).toBeGreaterThan(0);
      } finally {
        holder.prepareStackTrace = original;
      }
    }));

  it("the record stays proportional to the graph: one entry per op, the frames they hold, one event per reuse", () =>
    inGraph((g) => {
      const build = () =>
        tf.variableScope("layer", { reuse: tf.AUTO_REUSE }, () => {
          const w = tf.getVariable("w", [2, 2]);
          tf.nameScope("block", () => tf.matmul(w, w).add(1));
        });
      build();
      const record = nameRecordOf(g);
      const [ops1, frames1] = [g.getOperations().length, record.frameCount];
      for (let i = 1; i < 50; i++) build();
      const ops = g.getOperations().length;
      expect(record.opCount).toBe(ops);
      // Each later call makes 3 ops (MatMul, add/y, add) and enters 7 frames: the same every time.
      expect(ops - ops1).toBe(49 * 3);
      expect(record.frameCount - frames1).toBe(49 * 7);
      expect(record.reuses.get(g.getOperationByName("layer/w"))).toHaveLength(49);
      // What stays alive: the frames the ops and the reuse events hold, a bounded number per op or event.
      const held = new Set<Frame>();
      const hold = (start: Frame | null) => {
        for (let f = start; f && !held.has(f); f = f.parent) held.add(f);
      };
      for (const op of g.getOperations()) {
        const rec = record.ops.get(op);
        hold(rec instanceof OpEntry ? rec.frame : (rec ?? null));
      }
      for (const event of record.reuses.get(g.getOperationByName("layer/w")) ?? []) hold(event.frame);
      expect(held.size).toBeLessThanOrEqual(ops + 4 * 49);
      expect(record.top).toBeNull();
    }));

  it("a failing scope body leaves the record's stack where it was", () =>
    inGraph((g) => {
      expect(() =>
        tf.variableScope("a", () => tf.nameScope("b", () => tf.getVariable("v", [1], { initializer: 1 }))),
      ).toThrow("If initializer is a constant, do not specify shape.");
      expect(nameRecordOf(g).top).toBeNull();
    }));

  it("bad input: the graph's own lookup errors, and a TypeError for what is no graph element", () =>
    inGraph(() => {
      expect(() => explain("nope:0")).toThrow(
        "The name 'nope:0' refers to a Tensor which does not exist. The operation, 'nope', does not exist in the graph.",
      );
      expect(() => explain("nope/")).toThrow('explainName: no op of the graph is in the name scope "nope/".');
      expect(() => explain(42 as unknown as string)).toThrow(
        "explainName takes a Tensor, Operation, Variable or name, not 42.",
      );
    }));
});
