// contrib/framework/python/ops/variables_test.py (TF 1.15): LocalVariableTest, GlobalVariableTest, GlobalStepTest,
// VariablesTest (get_variables_to_restore, get_unique_variable), GetVariablesBySuffixTest, GetVariablesByNameTest,
// GetVariableFullNameTest, AssignFromValues(Fn)Test, AssignFromCheckpoint(Fn)Test, FilterVariablesTest.
import { describe, expect, it, vi } from "vitest";
import * as tf from "../index";
import { memoryFs } from "../io/memory-fs";
import { inGraph } from "../scopes/test-helpers";

const fw = tf.contrib.framework;
const vs = (name: string, body: () => void) => tf.variableScope(name, body);

describe("variables_test.py LocalVariableTest / GlobalVariableTest", () => {
  it("test_local_variable: uninitialized until variables_initializer runs", () =>
    inGraph((g) => {
      expect(tf.localVariables()).toEqual([]);
      fw.localVariable(42);
      fw.localVariable(43);
      const variables = tf.localVariables();
      expect(variables.length).toBe(2);
      const sess = new tf.Session({ graph: g });
      expect(() => sess.run(variables)).toThrow(tf.errors.FailedPreconditionError);
      sess.run(tf.variablesInitializer(variables));
      expect(sess.run(variables).map((a) => a.item())).toEqual([42, 43]);
    }));

  it("testLocalVariableNameAndShape / NotInAllVariables / NotInVariablesToRestore / GetLocalVariablesReturnsTransients", () =>
    inGraph(() => {
      let a: tf.Variable | undefined;
      let b: tf.Variable | undefined;
      vs("A", () => {
        a = fw.localVariable([1, 1, 1, 1, 1], true, "a");
        expect(a.op.name).toBe("A/a");
        expect(a.shape).toEqual([5]);
        expect(fw.getLocalVariables()).toEqual([a]);
      });
      vs("B", () => {
        b = fw.localVariable(0);
      });
      expect(tf.globalVariables()).toEqual([]);
      expect(fw.getVariablesToRestore()).toEqual([]);
      expect(fw.getVariables("A")).toEqual([]);
      expect([fw.getLocalVariables("A"), fw.getLocalVariables("B")]).toEqual([[a], [b]]);
      expect(a!.trainable).toBe(false);
    }));

  it("test_global_variable / testGlobalVariableInVariablesToRestore / testGetVariablesReturnsThem", () =>
    inGraph((g) => {
      let a: tf.Variable | undefined;
      vs("A", () => {
        a = fw.globalVariable([1, 1, 1, 1, 1], true, "a");
      });
      const b = fw.globalVariable(43);
      expect(a!.op.name).toBe("A/a");
      expect(tf.localVariables()).toEqual([]);
      expect(fw.getVariablesToRestore()).toEqual([a, b]);
      expect(fw.getVariables("A")).toEqual([a]);
      expect(fw.getLocalVariables("A")).toEqual([]);
      expect(tf.trainableVariables()).toEqual([]);
      expect(() => new tf.Session({ graph: g }).run(b)).toThrow("Attempting to use uninitialized value Variable");
    }));
});

describe("variables_test.py GlobalStepTest (the deprecated contrib spellings of tf.train's)", () => {
  it("test_create_global_step / test_get_or_create_global_step / assert_or_get_global_step", () =>
    inGraph(() => {
      expect(fw.getGlobalStep()).toBeNull();
      const step = fw.createGlobalStep();
      expect([step.name, step.dtype, step.shape]).toEqual(["global_step:0", tf.int64, []]);
      expect(() => fw.createGlobalStep()).toThrow("already exists");
      expect(fw.getOrCreateGlobalStep()).toBe(step);
      expect(fw.assertOrGetGlobalStep()).toBe(step);
      expect(() => fw.assertOrGetGlobalStep(null, tf.constant(1.5) as never)).toThrow("does not have integer type");
    }));
});

describe("variables_test.py VariablesTest", () => {
  const ab = () => {
    let a: tf.Variable | undefined;
    let b: tf.Variable | undefined;
    vs("A", () => {
      a = fw.variable("a", { shape: [5] });
    });
    vs("B", () => {
      b = fw.variable("a", { shape: [5] });
    });
    return [a!, b!];
  };

  it("testGetVariablesToRestore / Include / Exclude / WrongInclude", () =>
    inGraph(() => {
      const [a, b] = ab();
      expect(fw.getVariablesToRestore()).toEqual([a, b]);
      expect(fw.getVariablesToRestore(["A"])).toEqual([a]);
      expect(fw.getVariablesToRestore(null, ["B"])).toEqual([a]);
      expect(fw.getVariablesToRestore(["a"])).toEqual([]);
      expect(() => fw.getVariablesToRestore("A" as never)).toThrow(
        new TypeError("include is provided but is not a list or a tuple."),
      );
      expect(() => fw.getVariablesToRestore(null, "B" as never)).toThrow(
        new TypeError("exclude is provided but is not a list or a tuple."),
      );
    }));

  it("testGetMixedVariablesToRestore / testExcludeGetMixedVariablesToRestore", () =>
    inGraph(() => {
      const out: tf.Variable[] = [];
      vs("A", () => out.push(fw.variable("a", { shape: [5] }), fw.variable("b", { shape: [5] })));
      vs("B", () => out.push(fw.variable("c", { shape: [5] }), fw.variable("d", { shape: [5] })));
      const [a, b, c, d] = out;
      expect(fw.getVariablesToRestore(["A/a", "B/c"])).toEqual([a, c]);
      expect(fw.getVariablesToRestore(null, ["A/a", "B/c"])).toEqual([b, d]);
    }));

  it("testGetVariableWithSingleVar / WithDistractors / ThrowsExceptionWithNoMatch / WithChildrenButNoMatch", () => {
    inGraph(() => {
      let a: tf.Variable | undefined;
      vs("parent", () => {
        a = fw.variable("child", { shape: [5] });
        vs("child", () => {
          fw.variable("grandchild1", { shape: [7] });
          fw.variable("grandchild2", { shape: [9] });
        });
      });
      expect(fw.getUniqueVariable("parent/child")).toBe(a);
      expect(() => fw.getUniqueVariable("cant_find_me")).toThrow(
        new tf.errors.ValueError("Couldn't find variable cant_find_me"),
      );
    });
    inGraph(() => {
      vs("parent/child", () => {
        fw.variable("grandchild1", { shape: [7] });
        fw.variable("grandchild2", { shape: [9] });
      });
      expect(() => fw.getUniqueVariable("parent/child")).toThrow(
        new tf.errors.ValueError("Variable parent/child does not uniquely identify a variable"),
      );
    });
  });
});

describe("variables_test.py GetVariablesBySuffixTest / GetVariablesByNameTest", () => {
  const build = () => {
    const out: tf.Variable[] = [];
    vs("A", () => out.push(fw.variable("a", { shape: [5] }), fw.variable("fooa", { shape: [5] })));
    vs("B", () => out.push(fw.variable("a", { shape: [5] })));
    return out;
  };
  it("testGetVariableWithScope (suffix)", () =>
    inGraph(() => {
      const [a, fooa, a2] = build();
      expect(fw.getVariablesBySuffix("a")).toEqual([a, fooa, a2]);
      expect(fw.getVariablesBySuffix("/a")).toEqual([a, a2]);
      expect(fw.getVariablesBySuffix("a", "A")).toEqual([a, fooa]);
    }));
  it("testGetVariableWithScope (name) / testGetVariableWithoutScope", () => {
    inGraph(() => {
      const [a, fooa, a2] = build();
      expect(fw.getVariablesByName("a")).toEqual([a, a2]);
      expect(fw.getVariablesByName("fooa")).toEqual([fooa]);
      expect(fw.getVariablesByName("/a")).toEqual([]);
      expect(fw.getVariablesByName("a", "A")).toEqual([a]);
    });
    inGraph(() => {
      const a = fw.variable("a", { shape: [5] });
      const fooa = fw.variable("fooa", { shape: [5] });
      const ba = fw.variable("B/a", { shape: [5] });
      expect(fw.getVariablesByName("a")).toEqual([a, ba]);
      expect(fw.getVariablesByName("fooa")).toEqual([fooa]);
      expect(fw.getVariablesBySuffix("a")).toEqual([a, fooa, ba]);
    });
  });
});

describe("variables_test.py GetVariableFullNameTest", () => {
  it("testVariable / testPartitionedVariable", () =>
    inGraph(() => {
      const v = fw.variable("my_var0", { shape: [] });
      expect(fw.getVariableFullName(v)).toBe("my_var0");
      const parts = tf.getVariable("my_var1", [2, 2], {
        partitioner: tf.fixedSizePartitioner(2),
      }) as unknown as Iterable<tf.Variable>;
      const names = [...parts].map((p) => [p.op.name, fw.getVariableFullName(p)]);
      expect(names).toEqual([
        ["my_var1/part_0", "my_var1"],
        ["my_var1/part_1", "my_var1"],
      ]);
    }));
});

describe("variables_test.py AssignFromValuesTest / AssignFromValuesFnTest", () => {
  const init0 = [[[1], [3], [9]]];
  const init1 = [[[2, 4]], [[6, 8]]];
  for (const fn of [false, true]) {
    it(`testWithScopes (${fn ? "assign_from_values_fn" : "assign_from_values"})`, () =>
      inGraph((g) => {
        const initializer = tf.initializers.truncatedNormal({ stddev: 0.1 });
        let var0: tf.Variable | undefined;
        let var1: tf.Variable | undefined;
        vs("my_model/my_layer0", () => {
          var0 = fw.variable("my_var0", { shape: [1, 3, 1], initializer });
        });
        vs("my_model/my_layer1", () => {
          var1 = fw.variable("my_var1", { shape: [2, 1, 2], initializer });
        });
        // Flat values are reshaped to the variable's shape, as numpy's reshape.
        const values = { "my_model/my_layer0/my_var0": init0, "my_model/my_layer1/my_var1": [2, 4, 6, 8] };
        const sess = new tf.Session({ graph: g });
        if (fn) {
          const initFn = fw.assignFromValuesFn(values);
          sess.run(tf.globalVariablesInitializer());
          initFn(sess);
        } else {
          const [assignOp, feeds] = fw.assignFromValues(values);
          expect([...feeds.keys()].map((p) => p.op.name)).toEqual([
            "placeholder/my_model/my_layer0/my_var0",
            "placeholder/my_model/my_layer1/my_var1",
          ]);
          sess.run(tf.globalVariablesInitializer());
          sess.run(assignOp, feeds);
        }
        expect(sess.run([var0!, var1!]).map((a) => a.toArray())).toEqual([init0, init1]);
      }));
  }

  it("a name that finds no variable, or several without an exact one; a value of the wrong size", () =>
    inGraph(() => {
      vs("a", () => {
        fw.variable("x", { shape: [3] });
        fw.variable("y", { shape: [3] });
      });
      expect(() => fw.assignFromValues({ nope: [1] })).toThrow(new tf.errors.ValueError("Variable nope wasn't found"));
      expect(() => fw.assignFromValues({ a: [1] })).toThrow(
        new tf.errors.ValueError("Variable a doesn't uniquely identify a variable"),
      );
      expect(() => fw.assignFromValues({ "a/x": [1, 2] })).toThrow(
        new tf.errors.ValueError("cannot reshape array of size 2 into shape (3,)"),
      );
    }));
});

describe("variables_test.py AssignFromCheckpointTest / AssignFromCheckpointFnTest", () => {
  /** create_checkpoint_from_values: a Saver checkpoint of plain variables named by the keys. */
  function checkpointOf(values: Record<string, unknown>, fs: ReturnType<typeof memoryFs>, prefix: string): string {
    const g = new tf.Graph();
    return g.asDefault(() => {
      const vars = Object.entries(values).map(([name, v]) => new tf.Variable(v as number, { name, dtype: tf.float32 }));
      const saver = new tf.train.Saver(vars);
      const sess = new tf.Session({ graph: g, fileSystem: fs });
      sess.run(tf.variablesInitializer(vars));
      return saver.save(sess, prefix) as string;
    });
  }

  it("testLoadExistingVariables / testRaisesValueErrorIfAVariableIsntFound", () => {
    const fs = memoryFs();
    const modelPath = checkpointOf({ v0: 10, v1: 20 }, fs, "/m/load_existing_variables");
    inGraph((g) => {
      const var0 = fw.variable("my_var0", { shape: [] });
      const var1 = fw.variable("my_var1", { shape: [] });
      const [op, feeds] = fw.assignFromCheckpoint(modelPath, { v0: var0, v1: var1 }, false, fs);
      const sess = new tf.Session({ graph: g });
      sess.run(tf.globalVariablesInitializer());
      sess.run(op, feeds);
      expect(sess.run([var0, var1]).map((a) => a.item())).toEqual([10, 20]);
      expect(() => fw.assignFromCheckpoint(modelPath, { v0_fake: var0, v1: var1 }, false, fs)).toThrow(
        new tf.errors.ValueError("Checkpoint is missing variable [v0_fake]"),
      );
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      const [skipping] = fw.assignFromCheckpoint(modelPath, { v0_fake: var0, v1: var1 }, true, fs);
      expect(warn.mock.calls).toEqual([["Checkpoint is missing variable [v0_fake]"]]);
      warn.mockRestore();
      expect(skipping.controlInputs.length).toBe(1);
      expect(() => fw.assignFromCheckpoint(modelPath, { v0: fw.variable("wide", { shape: [2] }) }, false, fs)).toThrow(
        new tf.errors.ValueError("Total size of new array must be unchanged for v0 lh_shape: [()], rh_shape: [(2,)]"),
      );
    });
  });

  it("testLoadPartitionedVariables: parts get their slices, a full variable the whole value", () => {
    const fs = memoryFs();
    const init0 = [
      [10, 11],
      [12, 13],
    ];
    const modelPath = checkpointOf({ var0: init0 }, fs, "/m/load_partitioned_variables");
    inGraph((g) => {
      const var0 = tf.getVariable("var0", [2, 2], {
        partitioner: tf.fixedSizePartitioner(2),
      }) as unknown as Iterable<tf.Variable>;
      const var0full = fw.variable("var0full", { shape: [2, 2] });
      const [op, feeds] = fw.assignFromCheckpoint(modelPath, { var0: [...var0, var0full] }, false, fs);
      const sess = new tf.Session({ graph: g });
      sess.run(tf.globalVariablesInitializer());
      sess.run(op, feeds);
      expect(sess.run(tf.identity(var0 as unknown as tf.Tensor)).toArray()).toEqual(init0);
      expect(sess.run(var0full).toArray()).toEqual(init0);
    });
  });

  it("AssignFromCheckpointFnTest: restores with a Saver; missing ones ignored or an error; empty var_list", () => {
    const fs = memoryFs();
    const modelPath = checkpointOf({ v0: 10, v1: 20 }, fs, "/m/fn");
    inGraph((g) => {
      const v0 = fw.variable("v0", { shape: [] });
      const v1 = fw.variable("v1", { shape: [] });
      const extra = fw.variable("v2", { shape: [] });
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      const initFn = fw.assignFromCheckpointFn(modelPath, [v0, v1, extra], true, fs)!;
      const sess = new tf.Session({ graph: g, fileSystem: fs });
      sess.run(tf.globalVariablesInitializer());
      initFn(sess);
      expect(sess.run([v0, v1]).map((a) => a.item())).toEqual([10, 20]);
      expect(fw.assignFromCheckpointFn(modelPath, { nope: extra }, true, fs)).toBeNull();
      expect(warn.mock.calls).toEqual([
        ["Variable v2 missing in checkpoint /m/fn"],
        ["Variable nope missing in checkpoint /m/fn"],
        ["No Variables to restore"],
      ]);
      warn.mockRestore();
      expect(() => fw.assignFromCheckpointFn(modelPath, [], false, fs)).toThrow(
        new tf.errors.ValueError("var_list cannot be empty"),
      );
    });
  });
});

describe("variables_test.py FilterVariablesTest", () => {
  it("include, exclude, re.search vs re.match", () =>
    inGraph(() => {
      const out: tf.Variable[] = [];
      vs("A", () => out.push(fw.variable("weights", { shape: [] }), fw.variable("biases", { shape: [] })));
      vs("B/Conv", () => out.push(fw.variable("weights", { shape: [] })));
      const [aw, ab, cw] = out;
      expect(fw.filterVariables(out)).toEqual(out);
      expect(fw.filterVariables(out, ["Conv"])).toEqual([cw]);
      expect(fw.filterVariables(out, ["Conv"], null, false)).toEqual([]);
      expect(fw.filterVariables(out, ["A", "B"], null, false)).toEqual(out);
      expect(fw.filterVariables(out, null, ["biases"])).toEqual([aw, cw]);
      expect(fw.filterVariables(out, ["weights"], ["Conv"])).toEqual([aw]);
      expect(tf.contrib.slim.filterVariables(out, ["bias"])).toEqual([ab]);
    }));
});
