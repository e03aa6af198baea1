// Port of tensorflow/contrib/framework/python/ops/arg_scope_test.py (TF 1.15) ArgScopeTest, all cases: Python's
// keyword arguments are the trailing options object; `func1(0)` returns [args, kwargs] as TF's func1 does.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

const { addArgScope, argScope, argScopedArguments, keyOp } = tf.contrib.slim;

function split(args: unknown[]): [unknown[], Record<string, unknown>] {
  const last = args.at(-1);
  if (last !== null && typeof last === "object" && !Array.isArray(last)) {
    return [args.slice(0, -1), last as Record<string, unknown>];
  }
  return [args, {}];
}

const func1 = addArgScope(function func1(...args: unknown[]) {
  return split(args);
});
const func2 = addArgScope(function func2(...args: unknown[]) {
  return split(args);
});
/** Some cool doc string. */
const func3 = addArgScope(
  function func3(args: unknown, options: { a?: unknown; b?: unknown; c?: unknown } = {}) {
    return [args, options.a ?? null, options.b ?? 1, options.c ?? 2];
  },
  { kwargNames: ["a", "b", "c"] },
);

describe("arg_scope_test.py ArgScopeTest", () => {
  it("ArgScopeTest.testEmptyArgScope", () => {
    argScope([], (sc) => expect(sc).toEqual({}));
  });

  it("ArgScopeTest.testClearArgScope", () => {
    const func1Scope = { [keyOp(func1)]: { a: 1, b: null, c: [1] } };
    argScope([func1], { a: 1, b: null, c: [1] }, (sc1) => {
      expect(sc1).toEqual(func1Scope);
      argScope({}, (sc2) => expect(sc2).toEqual({}));
      argScope([], (current) => expect(current).toEqual(func1Scope));
    });
  });

  it("ArgScopeTest.testNonDecorated", () => {
    function myFunc(t: unknown, a: unknown = null) {
      return [t, a];
    }
    expect(() => argScope([myFunc], { a: 1 }, () => undefined)).toThrow(tf.errors.ValueError);
    expect(() => argScope([myFunc], { a: 1 }, () => undefined)).toThrow(
      "('%s is not decorated with @add_arg_scope', ('__main__', 'myFunc'))",
    );
  });

  it("ArgScopeTest.testUnexpectedArg", () => {
    expect(() => argScope([func3], { d: 1 }, () => func3(1))).toThrow(TypeError);
    expect(() => argScope([func3], { d: 1 }, () => func3(1))).toThrow("func3() got an unexpected keyword argument 'd'");
  });

  it("ArgScopeTest.testCurrentArgScope", () => {
    argScope([func1], { a: 1, b: null, c: [1] }, (scope) => {
      expect(scope).toEqual({ [keyOp(func1)]: { a: 1, b: null, c: [1] } });
    });
  });

  it("ArgScopeTest.testArgScopedArguments", () => {
    expect(argScopedArguments(func3)).toEqual(["a", "b", "c"]);
  });

  it("ArgScopeTest.testCurrentArgScopeNested", () => {
    const expected = { [keyOp(func1)]: { a: 1, b: null, c: [1] }, [keyOp(func2)]: { b: 2, d: [2] } };
    argScope([func1], { a: 1, b: null, c: [1] }, () => {
      argScope([func2], { b: 2, d: [2] }, (scope) => expect(scope).toEqual(expected));
    });
  });

  it("ArgScopeTest.testReuseArgScope", () => {
    const scope1 = argScope([func1], { a: 1, b: null, c: [1] }, (s) => s);
    argScope(scope1, (scope) => expect(scope).toEqual({ [keyOp(func1)]: { a: 1, b: null, c: [1] } }));
    expect(() => argScope(scope1, { a: 2 }, () => undefined)).toThrow(
      "When attempting to re-use a scope by suppling adictionary, kwargs must be empty.",
    );
    expect(() => argScope("func1" as never, () => undefined)).toThrow(
      "list_ops_or_scope must either be a list/tuple or reusedscope (i.e. dict)",
    );
  });

  it("ArgScopeTest.testReuseArgScopeNested", () => {
    const scope1Expected = { [keyOp(func1)]: { a: 1, b: null, c: [1] } };
    const scope2Expected = { ...scope1Expected, [keyOp(func2)]: { b: 2, d: [2] } };
    let scope2: tf.contrib.slim.ArgScope = {};
    const scope1 = argScope([func1], { a: 1, b: null, c: [1] }, (s1) => {
      scope2 = argScope([func2], { b: 2, d: [2] }, (s2) => s2);
      return s1;
    });
    argScope(scope1, () => argScope([], (current) => expect(current).toEqual(scope1Expected)));
    argScope(scope2, () => argScope([], (current) => expect(current).toEqual(scope2Expected)));
  });

  it("ArgScopeTest.testSimpleArgScope / testSimpleArgScopeWithTuple", () => {
    argScope([func1], { a: 1, b: null, c: [1] }, () => {
      const [args, kwargs] = func1(0);
      expect(args).toEqual([0]);
      expect(kwargs).toEqual({ a: 1, b: null, c: [1] });
    });
  });

  it("ArgScopeTest.testOverwriteArgScope", () => {
    argScope([func1], { a: 1, b: null, c: [1] }, () => {
      const [args, kwargs] = func1(0, { b: 2 });
      expect(args).toEqual([0]);
      expect(kwargs).toEqual({ a: 1, b: 2, c: [1] });
    });
  });

  it("ArgScopeTest.testNestedArgScope", () => {
    argScope([func1], { a: 1, b: null, c: [1] }, () => {
      expect(func1(0)).toEqual([[0], { a: 1, b: null, c: [1] }]);
      argScope([func1], { b: 2 }, () => {
        expect(func1(0)).toEqual([[0], { a: 1, b: 2, c: [1] }]);
      });
    });
  });

  it("ArgScopeTest.testNestedArgScopeObjectCreatedOutsideScopeOverridesArgScope", () => {
    const scopeObject = argScope([func1], { a: 1, b: null, c: [1] }, (sc) => sc);
    argScope([func1], { b: 2, d: 10 }, () => {
      argScope(scopeObject, () => {
        expect(func1(0)).toEqual([[0], { a: 1, b: null, c: [1] }]);
      });
    });
  });

  it("ArgScopeTest.testArgScopeObjectCreatedWithinScopeInheritsArgScope", () => {
    const getScopeObject = () => argScope([func1], { a: 1, b: null, c: [1] }, (sc) => sc);
    argScope([func1], { b: 2, d: 10 }, () => {
      argScope(getScopeObject(), () => {
        expect(func1(0)).toEqual([[0], { a: 1, b: null, c: [1], d: 10 }]);
      });
    });
  });

  it("ArgScopeTest.testSharedArgScope / testSharedArgScopeTuple", () => {
    argScope([func1, func2], { a: 1, b: null, c: [1] }, () => {
      expect(func1(0)).toEqual([[0], { a: 1, b: null, c: [1] }]);
      expect(func2(0)).toEqual([[0], { a: 1, b: null, c: [1] }]);
    });
  });

  it("ArgScopeTest.testPartiallySharedArgScope", () => {
    argScope([func1, func2], { a: 1, b: null }, () => {
      argScope([func1], { c: [1] }, () => {
        argScope([func2], { d: [2] }, () => {
          expect(func1(0)).toEqual([[0], { a: 1, b: null, c: [1] }]);
          expect(func2(1)).toEqual([[1], { a: 1, b: null, d: [2] }]);
        });
      });
    });
  });

  it("ArgScopeTest.testAddArgScopeRaceCondition", () => {
    const kwargs = ["a", "b", "c", "d", "e", "f", "g", "h"];
    for (let i = 0; i < 4; i++) {
      const func4 = addArgScope(function func4(_o: Record<string, unknown> = {}) {}, { kwargNames: kwargs });
      expect(argScopedArguments(func4)).toEqual(kwargs);
    }
  });

  it("ArgScopeTest.testDocString: the decorated function keeps its name", () => {
    expect(func3.name).toBe("func3");
  });

  it("the scope is popped when the body throws", () => {
    expect(() =>
      argScope([func1], { a: 1 }, () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(func1(0)).toEqual([[0], {}]);
  });
});

describe("slim arg_scope on layers (contrib/slim README)", () => {
  it("defaults apply to every listed layer, a call's own options win, positional and scoped clash as in Python", () =>
    inGraph((g) => {
      const slim = tf.contrib.slim;
      const images = tf.randomUniform([5, 8, 8, 3], { seed: 1 });
      slim.argScope(
        [slim.conv2d, slim.fullyConnected],
        { activationFn: tf.nn.tanh, weightsRegularizer: slim.l2Regularizer(0.0005) },
        () => {
          slim.argScope([slim.conv2d], { stride: 1, padding: "VALID" }, () => {
            const net = slim.conv2d(images, 4, [3, 3], { scope: "conv1" });
            expect(net.op.name).toBe("conv1/Tanh");
            expect(net.shape).toEqual([5, 6, 6, 4]);
            const same = slim.conv2d(net, 4, [3, 3], { padding: "SAME", scope: "conv2" });
            expect(same.shape).toEqual([5, 6, 6, 4]);
            expect(() => slim.conv2d(net, 4, [3, 3], 1, "SAME")).toThrow(
              "convolution2d() got multiple values for argument 'stride'",
            );
            const fc = slim.fullyConnected(slim.flatten(same), 10, { activationFn: null, scope: "fc" });
            expect(fc.op.name).toBe("fc/BiasAdd");
          });
        },
      );
      expect(g.getCollection<tf.Tensor>(tf.GraphKeys.REGULARIZATION_LOSSES).map((t) => t.op.name)).toEqual([
        "conv1/kernel/Regularizer/l2_regularizer",
        "conv2/kernel/Regularizer/l2_regularizer",
        "fc/kernel/Regularizer/l2_regularizer",
      ]);
      expect(() => slim.argScope([slim.conv2d], { weightDecay: 1 }, () => slim.conv2d(images, 4, [3, 3]))).toThrow(
        "convolution2d() got an unexpected keyword argument 'weightDecay'",
      );
    }));

  it("modelVariable and variable: collections, an arg-scoped option, getModelVariables by scope and suffix", () =>
    inGraph((g) => {
      const slim = tf.contrib.slim;
      const weights = slim.modelVariable("weights", {
        shape: [10, 10, 3, 3],
        initializer: tf.truncatedNormalInitializer({ stddev: 0.1 }),
        regularizer: slim.l2Regularizer(0.05),
      });
      expect(weights.op.name).toBe("weights");
      expect(weights.dtype).toBe(tf.float32);
      expect(slim.getModelVariables()).toEqual([weights]);
      expect(g.getCollection(tf.GraphKeys.GLOBAL_VARIABLES)).toEqual([weights]);
      expect(g.getCollection(tf.GraphKeys.TRAINABLE_VARIABLES)).toEqual([weights]);
      expect(g.getCollection<tf.Tensor>(tf.GraphKeys.REGULARIZATION_LOSSES)[0].op.name).toBe(
        "weights/Regularizer/l2_regularizer",
      );
      const local = tf.variableScope("A", () =>
        slim.variable("local", { shape: [2], initializer: tf.zerosInitializer(), collections: ["my_vars"] }),
      );
      expect(local.op.name).toBe("A/local");
      expect(g.getCollection("my_vars")).toEqual([local]);
      expect(g.getCollection(tf.GraphKeys.GLOBAL_VARIABLES)).toEqual([weights]);
      expect(slim.getModelVariables("A")).toEqual([]);
      slim.argScope([slim.modelVariable], { trainable: false }, () => {
        tf.variableScope("B", () => slim.modelVariable("biases", { shape: [3] }));
      });
      expect(slim.getModelVariables(null, "biases").map((v) => v.op.name)).toEqual(["B/biases"]);
      expect(slim.getTrainableVariables().map((v) => v.op.name)).toEqual(["weights", "A/local"]);
    }));
});
