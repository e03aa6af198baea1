// Property tests (fast-check): random nestings of nameScope/variableScope restore the name stack and the
// variable-scope stack, and the op names they generate never collide (ops.py unique_name, variable_scope.py).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as tf from "../index";

type Step =
  | { kind: "name"; name: string; children: Step[] }
  | { kind: "var"; name: string | null; reuse: boolean; children: Step[] }
  | { kind: "op"; name: string }
  | { kind: "throw" };

const scopeName = fc.constantFrom("a", "b", "A", "a_1", "x.y", "s-1");
const step: fc.Memo<Step> = fc.memo(
  (depth): fc.Arbitrary<Step> =>
    depth <= 1
      ? fc.oneof(
          fc.record({ kind: fc.constant("op" as const), name: scopeName }),
          fc.constant({ kind: "throw" as const }),
        )
      : fc.oneof(
          fc.record({ kind: fc.constant("op" as const), name: scopeName }),
          fc.record({
            kind: fc.constant("name" as const),
            name: scopeName,
            children: fc.array(step(depth - 1), { maxLength: 3 }),
          }),
          fc.record({
            kind: fc.constant("var" as const),
            name: fc.option(scopeName, { nil: null }),
            reuse: fc.boolean(),
            children: fc.array(step(depth - 1), { maxLength: 3 }),
          }),
        ),
);

function runSteps(steps: Step[], g: tf.Graph, created: string[]): void {
  for (const s of steps) {
    const nameBefore = g.getNameScope();
    const scopeBefore = tf.getVariableScope();
    try {
      if (s.kind === "op") created.push(g.createOp("NoOp", [], { name: s.name, outputs: [] }).name);
      else if (s.kind === "throw") throw new Error("body failed");
      else if (s.kind === "name") tf.nameScope(s.name, () => runSteps(s.children, g, created));
      else
        tf.variableScope(s.name, { defaultName: "d", reuse: s.reuse && s.name !== null ? tf.AUTO_REUSE : null }, () =>
          runSteps(s.children, g, created),
        );
    } catch (error) {
      if ((error as Error).message !== "body failed") throw error;
      // A failed scope keeps none of its ops.
      created.splice(0, created.length, ...created.filter((n) => g.findOperation(n)));
    }
    expect(g.getNameScope()).toBe(nameBefore);
    expect(tf.getVariableScope()).toBe(scopeBefore);
  }
}

describe("scope stacks (property)", () => {
  it("any nesting of entered and exited scopes restores the name stack and the var-scope stack; names never collide", () => {
    fc.assert(
      fc.property(fc.array(step(4), { maxLength: 6 }), (steps) => {
        const g = new tf.Graph();
        g.asDefault(() => {
          const created: string[] = [];
          const root = tf.getVariableScope();
          runSteps(steps, g, created);
          expect(g.getNameScope()).toBe("");
          expect(tf.getVariableScope()).toBe(root);
          const names = g.getOperations().map((o) => o.name);
          expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("variables created in random scopes get unique names and are found again with reuse", () => {
    // Names differ beyond case: TF's unique_name is case-insensitive, so "A/a" would push "a/a" to "a/a_1".
    const lower = fc.constantFrom("a", "b", "a_1", "x.y", "s-1");
    fc.assert(
      fc.property(fc.array(fc.tuple(lower, lower), { minLength: 1, maxLength: 8 }), (pairs) => {
        new tf.Graph().asDefault(() => {
          const made = new Map<string, tf.Variable>();
          for (const [scope, name] of pairs) {
            const v = tf.variableScope(scope, { reuse: tf.AUTO_REUSE }, () => tf.getVariable(name, [1]));
            expect(v.name).toBe(`${scope}/${name}:0`);
            const key = `${scope}/${name}`;
            if (made.has(key)) expect(v).toBe(made.get(key));
            made.set(key, v);
          }
          expect(tf.globalVariables().length).toBe(made.size);
        });
      }),
      { numRuns: 200 },
    );
  });
});
