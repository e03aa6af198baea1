// tf.tools.lint and tf.tools.setStrict: each rule with its message and fix; strict mode warns inside the offending
// call while TF1's names, results and errors stay as they are.
import { afterEach, describe, expect, it, vi } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

afterEach(() => {
  tf.tools.setStrict(false);
  tf.tools.captureCallSites(false);
  vi.restoreAllMocks();
});

const MESSAGES = {
  getVariableUnderNameScope:
    'tf.getVariable("var1") inside tf.nameScope("my_scope") is named var1, not my_scope/var1: getVariable ignores name scopes and prefixes only the variable scope\'s name (here the root, so none). To prefix the variable, open tf.variableScope("my_scope") instead of tf.nameScope("my_scope").',
  variableInReuseScope:
    'new tf.Variable() named tower_1/w inside variable scope "tower" (reuse: true) is a new variable, not a shared one: tf.Variable never reuses, whatever the scope\'s reuse. To share it, make it with tf.getVariable("w", ...) in that scope.',
  minimizeUnderReuse:
    'minimize() of the Adam optimizer inside variable scope "model" with reuse: true: the optimizer makes its slot variables (model/model/w/Adam) with tf.getVariable, which inherits reuse: true, so making them fails. Call minimize() outside the reuse scope (after the tf.variableScope(..., { reuse: true }) block).',
  reuseFalseIgnored:
    'tf.variableScope("inner", { reuse: false }) inside variable scope "outer" (reuse: true) still reuses: TF1 reads reuse=False as "inherit the enclosing reuse", so the scope keeps reuse: true and tf.getVariable will not create variables in it. To create new variables, open the scope outside the reuse scope.',
  collectionPrefixMatchesSibling:
    'getCollection("trainable_variables", "tower") also matches tower_1/w:0: the scope filter is a regular expression matched at the start of each name, so "tower" takes in every scope whose name starts with it. Write "tower/" to match the scope tower alone.',
  updateOpsNotDependedOn:
    "UPDATE_OPS holds 1 op (bn/update) that no train op depends on, so running the train op never runs it (batch-norm moving averages never update). Make the train op depend on it: tf.controlDependencies(graph.getCollection(tf.GraphKeys.UPDATE_OPS), () => optimizer.minimize(loss)).",
};

/** Each offending program, returning what TF1 gives back (a name, a value, or its error's text). */
const PROGRAMS = {
  getVariableUnderNameScope: () => tf.nameScope("my_scope", () => tf.getVariable("var1", [1]).name),
  variableInReuseScope: () => {
    tf.variableScope("tower", () => tf.getVariable("w", [1]));
    return tf.variableScope("tower", { reuse: true }, () => new tf.Variable([1], { name: "w" }).name);
  },
  minimizeUnderReuse: () => {
    tf.variableScope("model", () => tf.getVariable("w", [1]));
    return tf.variableScope("model", { reuse: true }, () => {
      const loss = tf.reduceSum(tf.getVariable("w", [1]));
      try {
        new tf.train.AdamOptimizer(0.1).minimize(loss);
        return "(no error)";
      } catch (error) {
        return String(error);
      }
    });
  },
  reuseFalseIgnored: () =>
    tf.variableScope("outer", { reuse: true }, () => tf.variableScope("inner", { reuse: false }, (s) => s.reuse)),
  collectionPrefixMatchesSibling: () => {
    tf.variableScope("tower", () => tf.getVariable("w", [1]));
    tf.variableScope("tower_1", () => tf.getVariable("w", [1]));
    return tf.trainableVariables("tower").map((v) => v.name);
  },
  updateOpsNotDependedOn: () => {
    const w = tf.getVariable("w", [1]);
    const update = tf.nameScope("bn", () => w.assignAdd([1], { name: "update" }));
    tf.getDefaultGraph().addToCollection(tf.GraphKeys.UPDATE_OPS, update.op);
    return new tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduceSum(w)).name;
  },
};

/** What TF1 does with each program (the same with and without strict mode). */
const TF_RESULTS = {
  getVariableUnderNameScope: "var1:0",
  variableInReuseScope: "tower_1/w:0",
  minimizeUnderReuse:
    "ValueError: Variable model/model/w/Adam/ does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?",
  reuseFalseIgnored: true,
  collectionPrefixMatchesSibling: ["tower/w:0", "tower_1/w:0"],
  updateOpsNotDependedOn: "GradientDescent",
};

const WHERE = {
  getVariableUnderNameScope: "var1",
  variableInReuseScope: "tower_1/w",
  minimizeUnderReuse: "model/model/w/Adam",
  reuseFalseIgnored: "inner",
  collectionPrefixMatchesSibling: "tower",
  updateOpsNotDependedOn: "bn/update",
};

const RULES = Object.keys(PROGRAMS) as (keyof typeof PROGRAMS)[];

describe("tf.tools.lint", () => {
  for (const rule of RULES) {
    it(`${rule}: the finding, its message and the fix`, () =>
      inGraph(() => {
        expect(PROGRAMS[rule]()).toEqual(TF_RESULTS[rule]);
        expect(tf.tools.lint()).toEqual([{ rule, message: MESSAGES[rule], where: { name: WHERE[rule] } }]);
      }));
  }

  it("the patterns done right give no finding", () =>
    inGraph((g) => {
      // getVariable in a variable scope inside a name scope (the seed's sharing example).
      tf.nameScope("foo", () => tf.variableScope("var_scope", () => tf.getVariable("var", [1])));
      // A scope's own name scope re-entered, and a getVariable at the root.
      const scope = tf.variableScope("block", (s) => s);
      tf.nameScope(scope.originalNameScope, () => tf.getVariable("x", [1]));
      // reuse: false where nothing is reused; a collection filter ending in "/".
      tf.variableScope("fresh", { reuse: false }, () => tf.getVariable("w", [1]));
      tf.variableScope("fresh_1", () => tf.getVariable("w", [1]));
      expect(tf.trainableVariables("fresh/").map((v) => v.name)).toEqual(["fresh/w:0"]);
      // minimize under AUTO_REUSE (the optimizer's beta1_power is a tf.Variable on purpose), with UPDATE_OPS depended on.
      const w = tf.getVariable("v", [1]);
      g.addToCollection(tf.GraphKeys.UPDATE_OPS, w.assignAdd([1]).op);
      tf.variableScope("train", { reuse: tf.AUTO_REUSE }, () =>
        tf.controlDependencies(g.getCollection(tf.GraphKeys.UPDATE_OPS), () =>
          new tf.train.AdamOptimizer(0.1).minimize(tf.reduceSum(w)),
        ),
      );
      expect(tf.tools.lint()).toEqual([]);
    }));

  it("UPDATE_OPS grouped with the train op after minimize() count as depended on", () =>
    inGraph((g) => {
      const w = tf.getVariable("w", [1]);
      const update = w.assignAdd([1]);
      g.addToCollection(tf.GraphKeys.UPDATE_OPS, update.op);
      const train = new tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduceSum(w));
      expect(tf.tools.lint().map((f) => f.rule)).toEqual(["updateOpsNotDependedOn"]);
      tf.group([train, update]);
      expect(tf.tools.lint()).toEqual([]);
    }));

  it("minimize() under a reuse inherited from an outer scope names that scope", () =>
    inGraph(() => {
      tf.variableScope("outer", () => tf.variableScope("inner", () => tf.getVariable("w", [1])));
      tf.variableScope("outer", { reuse: true }, () =>
        tf.variableScope("inner", () => {
          const loss = tf.reduceSum(tf.getVariable("w", [1]));
          expect(() => new tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)).toThrow(
            "Variable outer/inner/outer/inner/w/Momentum/ does not exist",
          );
        }),
      );
      expect(tf.tools.lint().map((f) => f.message)).toEqual([
        'minimize() of the Momentum optimizer inside variable scope "outer/inner" with reuse: true (inherited from variable scope "outer"): the optimizer makes its slot variables (outer/inner/outer/inner/w/Momentum) with tf.getVariable, which inherits reuse: true, so making them fails. Call minimize() outside the reuse scope (after the tf.variableScope(..., { reuse: true }) block).',
      ]);
    }));

  it("each finding once per place; with capture on, the call site in where.site and the message", () =>
    inGraph(() => {
      tf.variableScope(tf.getVariableScope(), { reuse: tf.AUTO_REUSE }, () => {
        for (let i = 0; i < 3; i++) tf.nameScope("loop", () => tf.getVariable("v", [1]));
      });
      expect(tf.tools.lint().map((f) => f.message)).toEqual([
        'tf.getVariable("v") inside tf.nameScope("loop") is named v, not loop/v: getVariable ignores name scopes and prefixes only the variable scope\'s name (here the root, so none). To prefix the variable, open tf.variableScope("loop") instead of tf.nameScope("loop").',
      ]);
      tf.tools.captureCallSites(true);
      const line = Number(new Error().stack?.match(/lint\.test\.ts:(\d+)/)?.[1]) + 1;
      tf.nameScope("other", () => tf.getVariable("u", [1]));
      const finding = tf.tools.lint()[1];
      expect(finding.where.site).toMatch(new RegExp(`lint\\.test\\.ts:${line}$`));
      expect(finding.message.endsWith(` (at ${finding.where.site})`)).toBe(true);
    }));

  it("findings are per graph", () => {
    inGraph(() => PROGRAMS.getVariableUnderNameScope());
    inGraph((g) => {
      expect(tf.tools.lint()).toEqual([]);
      expect(tf.tools.lint(g)).toEqual([]);
    });
  });
});

describe("tf.tools.setStrict", () => {
  for (const rule of RULES) {
    it(`${rule}: one console.warn(message) inside the offending call, TF1's result unchanged`, () =>
      inGraph(() => {
        const warnings: string[] = [];
        let inside = false;
        vi.spyOn(console, "warn").mockImplementation((message: unknown) => {
          if (inside) warnings.push(String(message));
        });
        tf.tools.setStrict(true);
        inside = true;
        const result = PROGRAMS[rule]();
        inside = false;
        expect(result).toEqual(TF_RESULTS[rule]);
        expect(warnings).toEqual([MESSAGES[rule]]);
      }));
  }

  it("warns at the offending call itself, before the calls after it", () =>
    inGraph(() => {
      const order: string[] = [];
      vi.spyOn(console, "warn").mockImplementation(() => order.push("warn"));
      tf.tools.setStrict(true);
      tf.nameScope("my_scope", () => {
        order.push("before");
        tf.getVariable("var1", [1]);
        order.push("after");
      });
      expect(order).toEqual(["before", "warn", "after"]);
    }));

  it("off again: no warnings, findings still kept for lint()", () =>
    inGraph(() => {
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      tf.tools.setStrict(true);
      tf.tools.setStrict(false);
      PROGRAMS.reuseFalseIgnored();
      expect(warn).not.toHaveBeenCalled();
      expect(tf.tools.lint().map((f) => f.rule)).toEqual(["reuseFalseIgnored"]);
    }));
});
