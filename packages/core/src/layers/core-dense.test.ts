// Ports of tensorflow/python/layers/core_test.py (TF 1.15) DenseTest, graph mode, plus the ops TF 1.15 builds for
// Dense (MatMul or Tensordot, BiasAdd, the activation) and variable sharing through tf.AUTO_REUSE.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { graphSnapshot, inGraph, names, run } from "../scopes/test-helpers";
import { defaultVariableStore } from "../scopes/variable-store";

/** core_test.py: _get_variable_dict_from_varstore: the store's variables by name, sorted. */
function varDict(g: tf.Graph): Map<string, tf.Variable> {
  const entries = defaultVariableStore(g)
    .variables()
    .map((v) => [v.op.name, v] as const);
  return new Map([...entries].sort(([a], [b]) => (a < b ? -1 : 1)));
}

const uniform = (shape: number[]) => tf.randomUniform(shape, { seed: 1 });
const l1e3 = (x: tf.Tensor | tf.Variable) => tf.reduceSum(x).mul(1e-3);
const trainables = (g: tf.Graph) => g.getCollection(tf.GraphKeys.TRAINABLE_VARIABLES);

describe("core_test.py DenseTest", () => {
  it("core_test.py DenseTest.testDenseProperties", () =>
    inGraph(() => {
      let dense = new tf.layers.Dense(2, { activation: tf.nn.relu, name: "my_dense" });
      expect(dense.units).toBe(2);
      expect(dense.activation).toBe(tf.nn.relu);
      expect(dense.kernelRegularizer).toBeNull();
      expect(dense.biasRegularizer).toBeNull();
      expect(dense.activityRegularizer).toBeNull();
      expect(dense.useBias).toBe(true);
      // Test auto-naming: one-based per graph (keras backend.unique_object_name, zero_based=False).
      dense = new tf.layers.Dense(2, tf.nn.relu);
      dense.apply(tf.randomUniform([5, 2]));
      expect(dense.name).toBe("dense_1");
      dense = new tf.layers.Dense(2, tf.nn.relu);
      dense.apply(tf.randomUniform([5, 2]));
      expect(dense.name).toBe("dense_2");
    }));

  it("core_test.py DenseTest.testVariableInput", () =>
    inGraph(() => {
      const v = tf.getVariable("X", [1, 1], { initializer: tf.zerosInitializer() });
      const x = new tf.layers.Dense(1).apply(v);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(sess.run(x).toArray()).toEqual([[0]]);
      expect(x.op.inputs[0].op.inputs[0].name).toBe("X/read:0");
    }));

  it("core_test.py DenseTest.testCall", () =>
    inGraph((g) => {
      const dense = new tf.layers.Dense(2, { activation: tf.nn.relu, name: "my_dense" });
      const outputs = dense.apply(uniform([5, 4]));
      expect(outputs.shape).toEqual([5, 2]);
      expect(dense.variables).toEqual([dense.kernel, dense.bias]);
      expect(dense.trainableVariables).toEqual([dense.kernel, dense.bias]);
      expect(dense.nonTrainableVariables).toEqual([]);
      expect(trainables(g).length).toBe(2);
      expect(dense.kernel.name).toBe("my_dense/kernel:0");
      expect(dense.bias?.name).toBe("my_dense/bias:0");
    }));

  it("core_test.py DenseTest.testCallTensorDot", () =>
    inGraph(() => {
      const dense = new tf.layers.Dense(2, { activation: tf.nn.relu, name: "my_dense" });
      const outputs = dense.apply(uniform([5, 4, 3]));
      expect(outputs.shape).toEqual([5, 4, 2]);
    }));

  it("core_test.py DenseTest.testNoBias", () =>
    inGraph((g) => {
      const dense = new tf.layers.Dense(2, { useBias: false, name: "my_dense" });
      dense.apply(uniform([5, 2]));
      expect(dense.variables).toEqual([dense.kernel]);
      expect(dense.trainableVariables).toEqual([dense.kernel]);
      expect(dense.nonTrainableVariables).toEqual([]);
      expect(trainables(g).length).toBe(1);
      expect(dense.kernel.name).toBe("my_dense/kernel:0");
      expect(dense.bias).toBeNull();
    }));

  it("core_test.py DenseTest.testNonTrainable", () =>
    inGraph((g) => {
      const dense = new tf.layers.Dense(2, { trainable: false, name: "my_dense" });
      dense.apply(uniform([5, 2]));
      expect(dense.variables).toEqual([dense.kernel, dense.bias]);
      expect(dense.nonTrainableVariables).toEqual([dense.kernel, dense.bias]);
      expect(dense.trainableVariables).toEqual([]);
      expect(trainables(g).length).toBe(0);
    }));

  it("core_test.py DenseTest.testOutputShape", () =>
    inGraph(() => {
      const dense = new tf.layers.Dense(7, { activation: tf.nn.relu, name: "my_dense" });
      expect(dense.apply(uniform([5, 3])).shape).toEqual([5, 7]);
      expect(dense.apply(uniform([5, 2, 3])).shape).toEqual([5, 2, 7]);
      expect(dense.apply(uniform([1, 2, 4, 3])).shape).toEqual([1, 2, 4, 7]);
    }));

  it("core_test.py DenseTest.testCallOnPlaceHolder", () =>
    inGraph(() => {
      let inputs = tf.placeholder(tf.float32);
      expect(() => new tf.layers.Dense(4, { name: "my_dense" }).apply(inputs)).toThrow(
        "Input 0 of layer my_dense is incompatible with the layer: its rank is undefined, but the layer requires a defined rank.",
      );
      inputs = tf.placeholder(tf.float32, [null, null]);
      expect(() => new tf.layers.Dense(4, { name: "my_dense" }).apply(inputs)).toThrow(
        "The last dimension of the inputs to `Dense` should be defined. Found `None`.",
      );
      inputs = tf.placeholder(tf.float32, [null, null, null]);
      expect(() => new tf.layers.Dense(4, { name: "my_dense" }).apply(inputs)).toThrow(tf.errors.ValueError);
      inputs = tf.placeholder(tf.float32, [null, 3]);
      expect(new tf.layers.Dense(4, { name: "my_dense" }).apply(inputs).shape).toEqual([null, 4]);
      inputs = tf.placeholder(tf.float32, [null, null, 3]);
      expect(new tf.layers.Dense(4, { name: "my_dense" }).apply(inputs).shape).toEqual([null, null, 4]);
    }));

  it("core_test.py DenseTest.testActivation", () =>
    inGraph(() => {
      let outputs = new tf.layers.Dense(2, { activation: tf.nn.relu, name: "dense1" }).apply(uniform([5, 3]));
      expect(outputs.op.name).toBe("dense1/Relu");
      outputs = new tf.layers.Dense(2, { name: "dense2" }).apply(uniform([5, 3]));
      expect(outputs.op.name).toBe("dense2/BiasAdd");
    }));

  it("core_test.py DenseTest.testActivityRegularizer", () =>
    inGraph((g) => {
      const dense = new tf.layers.Dense(2, { name: "my_dense", activityRegularizer: l1e3 });
      dense.apply(uniform([5, 3]));
      const lossKeys = g.getCollection(tf.GraphKeys.REGULARIZATION_LOSSES);
      expect(lossKeys.length).toBe(1);
      expect(dense.losses).toEqual(lossKeys);
      // base_layer.py: _handle_activity_regularization: the loss over the batch size, in `ActivityRegularizer`.
      expect((lossKeys[0] as tf.Tensor).name).toBe("my_dense/ActivityRegularizer/truediv:0");
      expect(names(g).filter((n) => n.startsWith("my_dense/ActivityRegularizer/"))).toEqual([
        "my_dense/ActivityRegularizer/Const:Const",
        "my_dense/ActivityRegularizer/Sum:Sum",
        "my_dense/ActivityRegularizer/mul/y:Const",
        "my_dense/ActivityRegularizer/mul:Mul",
        "my_dense/ActivityRegularizer/Shape:Const",
        "my_dense/ActivityRegularizer/strided_slice/stack:Const",
        "my_dense/ActivityRegularizer/strided_slice/stack_1:Const",
        "my_dense/ActivityRegularizer/strided_slice/stack_2:Const",
        "my_dense/ActivityRegularizer/strided_slice:StridedSlice",
        "my_dense/ActivityRegularizer/Cast:Cast",
        "my_dense/ActivityRegularizer/truediv:RealDiv",
      ]);
    }));

  it("core_test.py DenseTest.testKernelRegularizer", () =>
    inGraph((g) => {
      const dense = new tf.layers.Dense(2, { name: "my_dense", kernelRegularizer: l1e3 });
      dense.apply(uniform([5, 3]));
      const lossKeys = g.getCollection<tf.Tensor>(tf.GraphKeys.REGULARIZATION_LOSSES);
      expect(lossKeys.length).toBe(1);
      expect(lossKeys[0].name).toBe("my_dense/kernel/Regularizer/mul:0");
      const sess = new tf.Session();
      sess.run(dense.variables.map((v) => v.initializer));
      // layer.losses calls the regularizer again: new ops, the same value.
      const [fromLayer] = dense.losses;
      expect(fromLayer.name).toBe("kernel/Regularizer/mul:0");
      expect(sess.run(fromLayer).item()).toBeCloseTo(sess.run(lossKeys[0]).item() as number, 6);
    }));

  it("core_test.py DenseTest.testKernelRegularizerWithReuse", () =>
    inGraph((g) => {
      const inputs = uniform([5, 3]);
      tf.layers.dense(inputs, 2, { name: "my_dense", kernelRegularizer: l1e3 });
      expect(g.getCollection(tf.GraphKeys.REGULARIZATION_LOSSES).length).toBe(1);
      tf.layers.dense(inputs, 2, { name: "my_dense", kernelRegularizer: l1e3, reuse: true });
      expect(g.getCollection(tf.GraphKeys.REGULARIZATION_LOSSES).length).toBe(1);
    }));

  it("core_test.py DenseTest.testBiasRegularizer", () =>
    inGraph((g) => {
      const dense = new tf.layers.Dense(2, { name: "my_dense", biasRegularizer: l1e3 });
      dense.apply(uniform([5, 3]));
      const lossKeys = g.getCollection<tf.Tensor>(tf.GraphKeys.REGULARIZATION_LOSSES);
      expect(lossKeys.length).toBe(1);
      expect(lossKeys[0].name).toBe("my_dense/bias/Regularizer/mul:0");
      const sess = new tf.Session();
      sess.run(dense.variables.map((v) => v.initializer));
      expect(sess.run(dense.losses).map((a) => a.item())).toEqual(sess.run(lossKeys).map((a) => a.item()));
    }));

  it("core_test.py DenseTest.testFunctionalDense", () =>
    inGraph((g) => {
      const outputs = tf.layers.dense(uniform([5, 3]), 2, { activation: tf.nn.relu, name: "my_dense" });
      expect(trainables(g).length).toBe(2);
      expect(outputs.op.name).toBe("my_dense/Relu");
    }));

  it("core_test.py DenseTest.testFunctionalDenseTwice", () =>
    inGraph((g) => {
      const inputs = uniform([5, 3]);
      tf.layers.dense(inputs, 2);
      const vars1 = varDict(g);
      tf.layers.dense(inputs, 2);
      const vars2 = varDict(g);
      expect(vars1.size).toBe(2);
      expect(vars2.size).toBe(4);
      expect([...vars2.keys()]).toEqual(["dense/bias", "dense/kernel", "dense_1/bias", "dense_1/kernel"]);
    }));

  it("core_test.py DenseTest.testFunctionalDenseTwiceReuse", () =>
    inGraph((g) => {
      const inputs = uniform([5, 3]);
      const first = tf.layers.dense(inputs, 2, { name: "my_dense" });
      const vars1 = tf.trainableVariables();
      const second = tf.layers.dense(inputs, 2, { name: "my_dense", reuse: true });
      const vars2 = tf.trainableVariables();
      expect(vars2).toEqual(vars1);
      // The second layer object opens its own name scope (my_dense_1/) but reads my_dense's variables.
      expect(first.op.name).toBe("my_dense/BiasAdd");
      expect(second.op.name).toBe("my_dense_1/BiasAdd");
      expect(second.op.inputs[0].op.inputs[1].name).toBe("my_dense/kernel/read:0");
      expect(varDict(g).size).toBe(2);
    }));

  it("core_test.py DenseTest.testFunctionalDenseTwiceReuseFromScope", () =>
    inGraph(() => {
      let inputs: tf.Tensor | undefined;
      const vars1 = tf.variableScope("scope", () => {
        inputs = uniform([5, 3]);
        tf.layers.dense(inputs, 2, { name: "my_dense" });
        return tf.trainableVariables();
      });
      const vars2 = tf.variableScope("scope", { reuse: true }, () => {
        tf.layers.dense(inputs!, 2, { name: "my_dense" });
        return tf.trainableVariables();
      });
      expect(vars2).toEqual(vars1);
      expect(vars1.map((v) => v.name)).toEqual(["scope/my_dense/kernel:0", "scope/my_dense/bias:0"]);
    }));

  it("core_test.py DenseTest.testFunctionalDenseInitializerFromScope", () =>
    inGraph((g) => {
      tf.variableScope("scope", { initializer: tf.onesInitializer() }, () => {
        tf.layers.dense(uniform([5, 3]), 2);
      });
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const weights = varDict(g);
      expect(weights.size).toBe(2);
      // The kernel takes the scope's initializer; the bias keeps its own (zeros).
      expect(sess.run(weights.get("scope/dense/kernel")!.readValue()).toArray()).toEqual([
        [1, 1],
        [1, 1],
        [1, 1],
      ]);
      expect(sess.run(weights.get("scope/dense/bias")!.readValue()).toArray()).toEqual([0, 0]);
    }));

  it("core_test.py DenseTest.testFunctionalDenseWithCustomGetter", () =>
    inGraph(() => {
      let called = 0;
      const customGetter: tf.CustomGetter = (getter, name, ...rest) => {
        called += 1;
        return getter(name, ...rest);
      };
      tf.variableScope("test", { customGetter }, () => {
        tf.layers.dense(uniform([5, 3]), 2);
      });
      expect(called).toBe(2);
    }));

  it("core_test.py DenseTest.testFunctionalDenseInScope", () =>
    inGraph((g) => {
      tf.variableScope("test", () => {
        tf.layers.dense(uniform([5, 3]), 2, { name: "my_dense" });
        expect(varDict(g).get("test/my_dense/kernel")?.name).toBe("test/my_dense/kernel:0");
      });
      tf.variableScope("test1", (scope) => {
        const out = tf.layers.dense(uniform([5, 3]), 2, { name: scope });
        expect(varDict(g).get("test1/kernel")?.name).toBe("test1/kernel:0");
        // A VariableScope as name: its variables in that scope, ops in the name scope it first opened.
        expect(out.op.name).toBe("test1/BiasAdd");
      });
      tf.variableScope("test2", () => {
        tf.layers.dense(uniform([5, 3]), 2);
        expect(varDict(g).get("test2/dense/kernel")?.name).toBe("test2/dense/kernel:0");
      });
    }));

  it("core_test.py DenseTest.testComputeOutputShape", () =>
    inGraph(() => {
      const dense = new tf.layers.Dense(2, { activation: tf.nn.relu, name: "dense1" });
      expect(() => dense.computeOutputShape(null)).toThrow(
        "The innermost dimension of input_shape must be defined, but saw: <unknown>",
      );
      expect(() => dense.computeOutputShape([])).toThrow("Shape () must have rank at least 2");
      expect(() => dense.computeOutputShape([1])).toThrow("Shape (1,) must have rank at least 2");
      expect(() => dense.computeOutputShape([null, null])).toThrow(
        "The innermost dimension of input_shape must be defined, but saw: (?, ?)",
      );
      expect(dense.computeOutputShape([null, 3])).toEqual([null, 2]);
      expect(dense.computeOutputShape([null, 4, 3])).toEqual([null, 4, 2]);
    }));

  it("core_test.py DenseTest.testConstraints", () =>
    inGraph(() => {
      const kConstraint = (x: tf.Tensor) => x.div(tf.reduceSum(x));
      const bConstraint = (x: tf.Tensor) => x.div(tf.reduceMax(x));
      const dense = new tf.layers.Dense(2, { kernelConstraint: kConstraint, biasConstraint: bConstraint });
      dense.apply(uniform([5, 3]));
      expect(dense.kernelConstraint).toBe(kConstraint);
      expect(dense.biasConstraint).toBe(bConstraint);
    }));
});

describe("tf.layers.dense: TF 1.15's graph", () => {
  it("rank 2: MatMul and BiasAdd under the layer's scope; values", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [null, 3], "x");
      const y = tf.layers.dense(x, 2, {
        kernelInitializer: tf.constantInitializer([1, 2, 3, 4, 5, 6]),
        biasInitializer: tf.constantInitializer(0.5),
      });
      expect(names(g).slice(-2)).toEqual(["dense/MatMul:MatMul", "dense/BiasAdd:BiasAdd"]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      // [[1, 1, 1]] @ [[1, 2], [3, 4], [5, 6]] + 0.5
      expect(sess.run(y, { "x:0": [[1, 1, 1]] }).toArray()).toEqual([[9.5, 12.5]]);
    }));

  it("rank 3, fully defined: a static Tensordot (Transpose, Reshape, MatMul, Reshape named Tensordot)", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [2, 2, 3], "x");
      const y = tf.layers.dense(x, 2, { kernelInitializer: tf.constantInitializer([1, 0, 0, 1, 1, 1]) });
      expect(y.shape).toEqual([2, 2, 2]);
      expect(
        names(g).filter((n) => n.startsWith("dense/") && !n.startsWith("dense/kernel") && !n.startsWith("dense/bias")),
      ).toEqual([
        "dense/Tensordot/transpose/perm:Const",
        "dense/Tensordot/transpose:Transpose",
        "dense/Tensordot/Reshape/shape:Const",
        "dense/Tensordot/Reshape:Reshape",
        "dense/Tensordot/transpose_1/perm:Const",
        "dense/Tensordot/transpose_1:Transpose",
        "dense/Tensordot/Reshape_1/shape:Const",
        "dense/Tensordot/Reshape_1:Reshape",
        "dense/Tensordot/MatMul:MatMul",
        "dense/Tensordot/shape:Const",
        "dense/Tensordot:Reshape",
        "dense/BiasAdd:BiasAdd",
      ]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const v = [
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        [
          [0, 1, 0],
          [2, 0, 1],
        ],
      ];
      expect(sess.run(y, { "x:0": v }).toArray()).toEqual([
        [
          [4, 5],
          [10, 11],
        ],
        [
          [0, 1],
          [3, 1],
        ],
      ]);
    }));

  it("rank 3, partly known: Shape, GatherV2, Prod, concat and stack; the static shape set after", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [null, null, 3], "x");
      const y = tf.layers.dense(x, 4);
      expect(y.shape).toEqual([null, null, 4]);
      expect(names(g).filter((n) => n.startsWith("dense/Tensordot"))).toEqual([
        "dense/Tensordot/axes:Const",
        "dense/Tensordot/free:Const",
        "dense/Tensordot/Shape:Shape",
        "dense/Tensordot/GatherV2/axis:Const",
        "dense/Tensordot/GatherV2:GatherV2",
        "dense/Tensordot/GatherV2_1/axis:Const",
        "dense/Tensordot/GatherV2_1:GatherV2",
        "dense/Tensordot/Const:Const",
        "dense/Tensordot/Prod:Prod",
        "dense/Tensordot/Const_1:Const",
        "dense/Tensordot/Prod_1:Prod",
        "dense/Tensordot/concat/axis:Const",
        "dense/Tensordot/concat:ConcatV2",
        "dense/Tensordot/stack:Pack",
        "dense/Tensordot/transpose:Transpose",
        "dense/Tensordot/Reshape:Reshape",
        "dense/Tensordot/transpose_1/perm:Const",
        "dense/Tensordot/transpose_1:Transpose",
        "dense/Tensordot/Reshape_1/shape:Const",
        "dense/Tensordot/Reshape_1:Reshape",
        "dense/Tensordot/MatMul:MatMul",
        "dense/Tensordot/Const_2:Const",
        "dense/Tensordot/concat_1/axis:Const",
        "dense/Tensordot/concat_1:ConcatV2",
        "dense/Tensordot:Reshape",
      ]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      expect(
        sess.run(y, { "x:0": Array.from({ length: 2 }, () => Array.from({ length: 5 }, () => [1, 2, 3])) }).shape,
      ).toEqual([2, 5, 4]);
    }));

  it("a second call of the same layer reuses its variables; its ops get _1 names in the layer's name scope", () =>
    inGraph((g) => {
      const layer = new tf.layers.Dense(2);
      const a = layer.apply(tf.placeholder(tf.float32, [null, 3], "a"));
      const b = layer.apply(tf.placeholder(tf.float32, [null, 3], "b"));
      expect(a.op.name).toBe("dense/BiasAdd");
      expect(b.op.name).toBe("dense/BiasAdd_1");
      expect(b.op.inputs[0].op.name).toBe("dense/MatMul_1");
      expect(layer.variables.map((v) => v.name)).toEqual(["dense/kernel:0", "dense/bias:0"]);
      expect(tf.globalVariables().length).toBe(2);
      expect(() => layer.apply(tf.placeholder(tf.float32, [null, 4], "c"))).toThrow(
        "Input 0 of layer dense_1 is incompatible with the layer: expected axis -1 of input shape to have value 3 but received input with shape [None, 4]",
      );
      expect(g.getOperations().at(-1)?.name).toBe("c");
    }));

  it("tf.layers.dense under variableScope('s', { reuse: tf.AUTO_REUSE }) twice shares s/dense/kernel", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [null, 3], "x");
      const build = () => tf.variableScope("s", { reuse: tf.AUTO_REUSE }, () => tf.layers.dense(x, 2));
      const y1 = build();
      const y2 = build();
      expect(tf.globalVariables().map((v) => v.name)).toEqual(["s/dense/kernel:0", "s/dense/bias:0"]);
      expect(y1.op.name).toBe("s/dense/BiasAdd");
      expect(y2.op.name).toBe("s_1/dense/BiasAdd");
      expect(y2.op.inputs[0].op.inputs[1].name).toBe("s/dense/kernel/read:0");
      expect(varDict(g).size).toBe(2);
    }));

  it("tf.layers.dense(..., { name, reuse: tf.AUTO_REUSE }) creates once, then shares", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [null, 3], "x");
      const y1 = tf.layers.dense(x, 2, { name: "fc", reuse: tf.AUTO_REUSE });
      const y2 = tf.layers.dense(x, 2, { name: "fc", reuse: tf.AUTO_REUSE });
      expect([...varDict(g).keys()]).toEqual(["fc/bias", "fc/kernel"]);
      expect([y1.op.name, y2.op.name]).toEqual(["fc/BiasAdd", "fc_1/BiasAdd"]);
      // Unnamed layers with AUTO_REUSE all take the scope `dense` (layers/base.py: _set_scope without default_name).
      const layer = new tf.layers.Dense(2, { _reuse: tf.AUTO_REUSE });
      const layer2 = new tf.layers.Dense(2, { _reuse: tf.AUTO_REUSE });
      layer.apply(x);
      layer2.apply(x);
      expect(layer2.kernel).toBe(layer.kernel);
      expect([layer.name, layer2.name, layer.scopeName, layer2.scopeName]).toEqual([
        "dense_1",
        "dense_2",
        "dense",
        "dense",
      ]);
    }));

  it("reuse: true without the variable is TF's error, and the graph is left unchanged", () =>
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [null, 3], "x");
      const before = graphSnapshot(g);
      expect(() => tf.layers.dense(x, 2, { name: "nope", reuse: true })).toThrow(
        "Variable nope/kernel does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?",
      );
      expect(graphSnapshot(g)).toEqual(before);
      expect(tf.layers.dense(x, 2, { name: "nope" }).op.name).toBe("nope/BiasAdd");
    }));

  it("a second dense with the same name and no reuse is TF's error", () =>
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [null, 3], "x");
      tf.layers.dense(x, 2, { name: "fc" });
      expect(() => tf.layers.dense(x, 2, { name: "fc" })).toThrow(
        "Variable fc/kernel already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?",
      );
    }));

  it("Dense on an integer input is TF's TypeError; a float64 input makes float64 weights", () =>
    inGraph(() => {
      expect(() => tf.layers.dense(tf.placeholder(tf.int32, [null, 2]), 2)).toThrow(
        "Unable to build `Dense` layer with non-floating point dtype <dtype: 'int32'>",
      );
      const layer = new tf.layers.Dense(3);
      const y = layer.apply(tf.placeholder(tf.float64, [2, 2]));
      expect(y.dtype).toBe(tf.float64);
      expect(layer.dtype).toBe(tf.float64);
      expect(layer.kernel.dtype).toBe(tf.float64);
      expect(run(tf.constant(1))).toBe(1);
    }));

  it("a number array input becomes a Const outside the layer's scope", () =>
    inGraph(() => {
      const y = tf.layers.dense(
        [
          [1.5, 2],
          [3, 4],
        ],
        1,
      );
      expect(y.op.inputs[0].op.inputs[0].name).toBe("Const:0");
      expect(y.shape).toEqual([2, 1]);
    }));
});
