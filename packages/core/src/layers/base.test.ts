// Ports of tensorflow/python/layers/base_test.py (TF 1.15) BaseLayerTest and DTypeTest, graph mode (keras-style,
// partitioned, eager, deepcopy and function-graph cases left out), plus two cases of the older base_test.py
// (testGetVariable, testFirstCallCanCreateVariablesButSecondCanNotWhenBuildEmpty) as TF 1.15's code runs them.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph, names } from "../scopes/test-helpers";

const zerosInit = () => tf.zerosInitializer();

class PrivateLayer extends tf.layers.Layer {
  override call(inputs: tf.Tensor) {
    return inputs;
  }
}

class IdentityLayer extends tf.layers.Layer {
  override call(inputs: unknown) {
    return inputs;
  }
}

function customerLayer(spec: tf.layers.InputSpecOptions | null) {
  class CustomerLayer extends tf.layers.Layer {
    constructor() {
      super();
      this.inputSpec = spec === null ? null : new tf.layers.InputSpec(spec);
    }
    override call(inputs: tf.Tensor) {
      return inputs;
    }
  }
  return new CustomerLayer();
}

describe("base_test.py BaseLayerTest", () => {
  it("base_test.py BaseLayerTest.testLayerProperties", () =>
    inGraph(() => {
      let layer = new tf.layers.Layer({ name: "my_layer" });
      expect(layer.variables).toEqual([]);
      expect(layer.trainableVariables).toEqual([]);
      expect(layer.nonTrainableVariables).toEqual([]);
      expect(layer.updates).toEqual([]);
      expect(layer.losses).toEqual([]);
      expect(layer.built).toBe(false);
      layer = new tf.layers.Layer({ name: "my_layer", trainable: false });
      expect(layer.trainable).toBe(false);
      expect(() => layer.scopeName).toThrow(
        'No name available for layer scope because the layer "my_layer" has not been used yet. The scope name  is determined the first time the layer instance is called. You must therefore call the layer before querying `scope_name`.',
      );
    }));

  it("base_test.py BaseLayerTest.testInt64Layer", () =>
    inGraph(() => {
      const layer = new tf.layers.Layer({ name: "my_layer", dtype: "int64" });
      const v = layer.addVariable("my_var", [2, 2]);
      expect(layer.name).toBe("my_layer");
      expect(v.dtype).toBe(tf.int64);
      expect(v.initialValue.op.name).toBe("my_layer/my_var/Initializer/zeros");
    }));

  it("base_test.py BaseLayerTest.testKerasStyleAddWeight (the tf.layers part)", () =>
    inGraph(() => {
      const variable = tf.nameScope("baz", () => {
        const oldStyleLayer = new tf.layers.Layer({ name: "my_layer" });
        return oldStyleLayer.addVariable("my_var", [2, 2], { initializer: zerosInit() });
      });
      expect(variable.name).toBe("my_layer/my_var:0");
    }));

  it("base_test.py BaseLayerTest.testAddWeight (graph mode, without synchronization)", () =>
    inGraph((g) => {
      const layer = new tf.layers.Layer({ name: "my_layer" });
      const variable = layer.addVariable("my_var", [2, 2], { initializer: zerosInit() });
      expect(variable.name).toBe("my_layer/my_var:0");
      expect(layer.variables).toEqual([variable]);
      expect(layer.trainableVariables).toEqual([variable]);
      expect(layer.nonTrainableVariables).toEqual([]);
      expect(layer.variables).toEqual(g.getCollection(tf.GraphKeys.TRAINABLE_VARIABLES));
      // layer.add_variable works outside build and call too.
      const variable2 = layer.addVariable("non_trainable_var", [2, 2], { initializer: zerosInit(), trainable: false });
      expect(layer.variables).toEqual([variable, variable2]);
      expect(layer.trainableVariables).toEqual([variable]);
      expect(layer.nonTrainableVariables).toEqual([variable2]);
      expect(g.getCollection(tf.GraphKeys.TRAINABLE_VARIABLES).length).toBe(1);
      const regularizer = (x: tf.Variable) => tf.reduceSum(x).mul(1e-3);
      layer.addVariable("reg_var", [2, 2], { initializer: zerosInit(), regularizer });
      expect(layer.losses.length).toBe(1);
      const [loss] = g.getCollection<tf.Tensor>(tf.GraphKeys.REGULARIZATION_LOSSES);
      expect(loss.name).toBe("my_layer/reg_var/Regularizer/mul:0");
    }));

  it("base_test.py BaseLayerTest.testCall", () =>
    inGraph(() => {
      class MyLayer extends tf.layers.Layer {
        override call(inputs: tf.Tensor) {
          return tf.square(inputs);
        }
      }
      const layer = new MyLayer({ name: "my_layer" });
      const outputs = layer.apply(tf.randomUniform([5], { seed: 1 }));
      expect(layer.built).toBe(true);
      expect(outputs.op.name).toBe("my_layer/Square");
    }));

  it("base_test.py BaseLayerTest.testScopeNaming", () =>
    inGraph(() => {
      const inputs = tf.randomUniform([5]);
      const scopeOf = (layer: tf.layers.Layer) => {
        layer.apply(inputs);
        return layer.scopeName;
      };
      expect(scopeOf(new PrivateLayer())).toBe("private_layer");
      expect(scopeOf(new PrivateLayer())).toBe("private_layer_1");
      expect(scopeOf(new PrivateLayer({ name: "my_layer" }))).toBe("my_layer");
      expect(scopeOf(new PrivateLayer({ name: "my_layer" }))).toBe("my_layer_1");
      expect(scopeOf(new PrivateLayer({ name: "my_layer" }))).toBe("my_layer_2");
      // Name scope shouldn't affect names.
      tf.nameScope("some_name_scope", () => {
        expect(scopeOf(new PrivateLayer())).toBe("private_layer_2");
        expect(scopeOf(new PrivateLayer({ name: "my_layer" }))).toBe("my_layer_3");
        expect(scopeOf(new PrivateLayer({ name: "other_layer" }))).toBe("other_layer");
      });
      // Variable scope gets added to scope names.
      tf.variableScope("var_scope", () => {
        expect(scopeOf(new PrivateLayer())).toBe("var_scope/private_layer");
        expect(scopeOf(new PrivateLayer({ name: "my_layer" }))).toBe("var_scope/my_layer");
        expect(scopeOf(new PrivateLayer({ name: "my_layer" }))).toBe("var_scope/my_layer_1");
      });
    }));

  it("base_test.py BaseLayerTest.testInputSpecNdimCheck", () =>
    inGraph(() => {
      expect(() => customerLayer({ ndim: 2 }).apply(tf.placeholder("int32"))).toThrow(
        "Input 0 of layer customer_layer_1 is incompatible with the layer: its rank is undefined, but the layer requires a defined rank.",
      );
      expect(() => customerLayer({ ndim: 2 }).apply(tf.constant([1]))).toThrow(
        "Input 0 of layer customer_layer_2 is incompatible with the layer: expected ndim=2, found ndim=1. Full shape received: [1]",
      );
      customerLayer({ ndim: 2 }).apply(tf.constant([[1], [2]]));
    }));

  it("base_test.py BaseLayerTest.testInputSpecMinNdimCheck", () =>
    inGraph(() => {
      expect(() => customerLayer({ minNdim: 2 }).apply(tf.placeholder("int32"))).toThrow("requires a defined rank");
      expect(() => customerLayer({ minNdim: 2 }).apply(tf.constant([1]))).toThrow(
        "Input 0 of layer customer_layer_2 is incompatible with the layer: : expected min_ndim=2, found ndim=1. Full shape received: [1]",
      );
      customerLayer({ minNdim: 2 }).apply(tf.constant([[1], [2]]));
      customerLayer({ minNdim: 2 }).apply(tf.constant([[[1], [2]]]));
    }));

  it("base_test.py BaseLayerTest.testInputSpecMaxNdimCheck", () =>
    inGraph(() => {
      expect(() => customerLayer({ maxNdim: 2 }).apply(tf.placeholder("int32"))).toThrow("requires a defined rank");
      expect(() => customerLayer({ maxNdim: 2 }).apply(tf.constant([[[1], [2]]]))).toThrow(
        "Input 0 of layer customer_layer_2 is incompatible with the layer: expected max_ndim=2, found ndim=3",
      );
      customerLayer({ maxNdim: 2 }).apply(tf.constant([1]));
      customerLayer({ maxNdim: 2 }).apply(tf.constant([[1], [2]]));
    }));

  it("base_test.py BaseLayerTest.testInputSpecDtypeCheck", () =>
    inGraph(() => {
      expect(() => customerLayer({ dtype: "float32" }).apply(tf.constant(1, { dtype: "int32" }))).toThrow(
        "Input 0 of layer customer_layer_1 is incompatible with the layer: expected dtype=float32, found dtype=<dtype: 'int32'>",
      );
      customerLayer({ dtype: "float32" }).apply(tf.constant(1.0, { dtype: "float32" }));
    }));

  it("base_test.py BaseLayerTest.testInputSpecAxesCheck", () =>
    inGraph(() => {
      expect(() => customerLayer({ axes: { [-1]: 2 } }).apply(tf.constant([1, 2, 3]))).toThrow(
        "Input 0 of layer customer_layer_1 is incompatible with the layer: expected axis -1 of input shape to have value 2 but received input with shape [3]",
      );
      customerLayer({ axes: { [-1]: 2 } }).apply(tf.constant([1, 2]));
      customerLayer({ axes: { [-1]: 2 } }).apply(
        tf.constant([
          [1, 2],
          [3, 4],
          [5, 6],
        ]),
      );
      expect(() => new tf.layers.InputSpec({ ndim: 2, axes: { 2: 3 } })).toThrow(
        "Axis 2 is greater than the maximum allowed value: 1",
      );
    }));

  it("base_test.py BaseLayerTest.testInputSpecShapeCheck", () =>
    inGraph(() => {
      expect(() => customerLayer({ shape: [null, 3] }).apply(tf.constant([[1, 2]]))).toThrow(
        "Input 0 is incompatible with layer customer_layer_1: expected shape=(None, 3), found shape=[1, 2]",
      );
      customerLayer({ shape: [null, 3] }).apply(
        tf.constant([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      );
    }));

  it("base_test.py BaseLayerTest.testNoInputSpec", () =>
    inGraph(() => {
      const layer = customerLayer(null);
      layer.apply(tf.constant(1));
      layer.apply(tf.placeholder("int32"));
      layer.apply(tf.placeholder("int32", [2, 3]));
      expect(() => {
        layer.inputSpec = "ndim=2" as never;
      }).toThrow("Layer input_spec must be an instance of InputSpec. Got: ndim=2");
    }));

  it("base_test.py BaseLayerTest.test_count_params", () =>
    inGraph(() => {
      let dense = new tf.layers.Dense(16);
      dense.build([null, 4]);
      expect(dense.countParams()).toBe(16 * 4 + 16);
      expect(dense.kernel.name).toBe("dense/kernel:0");
      dense = new tf.layers.Dense(16);
      expect(() => dense.countParams()).toThrow(
        "You tried to call `count_params` on dense_2, but the layer isn't built. You can build it manually via: `dense_2.build(batch_input_shape)`.",
      );
    }));

  it("base_test.py BaseLayerTest.testDictInputOutput", () =>
    inGraph(() => {
      class DictLayer extends tf.layers.Layer {
        override call(inputs: Record<string, tf.Tensor>) {
          return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`l${k}`, v]));
        }
      }
      const layer = new DictLayer();
      const i1 = tf.placeholder("int32");
      const i2 = tf.placeholder("float32");
      const result = layer.apply({ abel: i1, ogits: i2 });
      expect(new Set(Object.keys(result))).toEqual(new Set(["label", "logits"]));
      expect(result.label).toBe(i1);
      expect(layer.dtype).toBe(tf.int32);
    }));

  it("base_test.py BaseLayerTest.testActivityRegularizer", () =>
    inGraph(() => {
      const layer = new tf.layers.Layer({ activityRegularizer: (x: tf.Tensor) => tf.reduceSum(x) });
      const x = tf.placeholder("int32");
      layer.apply(x);
      expect(layer.getLossesFor(x).length).toBe(1);
      expect(layer.getLossesFor(null).length).toBe(0);
      // int32 / int32 is Python 3's truediv: both cast to float64.
      expect(layer.losses[0].dtype).toBe(tf.float64);
      expect(layer.losses[0].name).toBe("layer/ActivityRegularizer/truediv:0");
    }));

  it("base_test.py BaseLayerTest.testNameScopeIsConsistentWithVariableScope", () => {
    class MyLayer extends tf.layers.Layer {
      myVar!: tf.Variable;
      override build() {
        this.myVar = this.addVariable("my_var", [], { dtype: tf.float32 });
        this.built = true;
      }
      override call(inputs: tf.Tensor) {
        return tf.multiply(inputs, this.myVar, "my_op");
      }
    }
    const gen = (x: tf.Tensor, name?: string) => {
      const layer = new MyLayer({ name });
      return [layer, layer.apply(x)] as const;
    };
    const check = (layerNames: (string | undefined)[], expected: string[]) =>
      inGraph(() => {
        let x = tf.placeholder(tf.float32, [], "x");
        layerNames.forEach((name, i) => {
          const [layer, op] = gen(x, name);
          expect(layer.myVar.name).toBe(`${expected[i]}/my_var:0`);
          expect(op.name).toBe(`${expected[i]}/my_op:0`);
          x = op;
        });
      });
    // unnamed layer
    check([undefined, undefined, undefined], ["my_layer", "my_layer_1", "my_layer_2"]);
    // name starts from zero
    check(["name", "name_1", "name_2"], ["name", "name_1", "name_2"]);
    // name starts from one
    check(["name_1", "name_2", "name_3"], ["name_1", "name_2", "name_3"]);
  });

  it("base_test.py BaseLayerTest.testGetUpdateFor", () =>
    inGraph(() => {
      class MyLayer extends tf.layers.Layer {
        a!: tf.Variable;
        b!: tf.Variable;
        override build() {
          this.a = this.addVariable("a", [], { dtype: tf.float32, trainable: false });
          this.b = this.addVariable("b", [], { dtype: tf.float32, trainable: false });
          this.addUpdate(tf.assignAdd(this.a, 1, { name: "b_update" }));
          this.built = true;
        }
        override call(inputs: tf.Tensor) {
          this.addUpdate(tf.assignAdd(this.a, inputs, { name: "a_update" }), true);
          return inputs.add(1);
        }
      }
      const layer = new MyLayer();
      let inputs = tf.placeholder(tf.float32, [], "inputs");
      let intermediate = inputs.add(1);
      let outputs = layer.apply(intermediate);
      expect(layer.updates.length).toBe(2);
      expect(layer.getUpdatesFor(null).length).toBe(1);
      expect(layer.getUpdatesFor([inputs]).length).toBe(1);
      expect(layer.getUpdatesFor([intermediate]).length).toBe(1);
      expect(layer.getUpdatesFor([outputs]).length).toBe(0);
      expect(tf.getDefaultGraph().getCollection(tf.GraphKeys.UPDATE_OPS)).toEqual(layer.updates);
      // Call same layer on new input, creating one more conditional update
      inputs = tf.placeholder(tf.float32, [], "inputs");
      intermediate = inputs.add(1);
      outputs = layer.apply(intermediate);
      expect(layer.updates.length).toBe(3);
      expect(layer.getUpdatesFor(null).length).toBe(1);
      // Check that we are successfully filtering out irrelevant updates
      expect(layer.getUpdatesFor([inputs]).length).toBe(1);
      expect(layer.getUpdatesFor([intermediate]).length).toBe(1);
      expect(layer.getUpdatesFor([outputs]).length).toBe(0);
      expect(layer.updates.map((u) => u.name)).toEqual([
        "my_layer/b_update",
        "my_layer/a_update",
        "my_layer/a_update_1",
      ]);
    }));

  it("base_test.py BaseLayerTest.testGetLossesFor", () =>
    inGraph(() => {
      class MyLayer extends tf.layers.Layer {
        a!: tf.Variable;
        b!: tf.Variable;
        override build() {
          this.a = this.addVariable("a", [], { dtype: tf.float32, trainable: false });
          this.b = this.addVariable("b", [], { dtype: tf.float32, trainable: false });
          this.addLoss(this.a.value());
          this.built = true;
        }
        override call(inputs: tf.Tensor) {
          this.addLoss(inputs, true);
          return inputs.add(1);
        }
      }
      const layer = new MyLayer();
      let inputs = tf.placeholder(tf.float32, [], "inputs");
      let intermediate = inputs.add(1);
      let outputs = layer.apply(intermediate);
      expect(layer.losses.length).toBe(2);
      expect(layer.getLossesFor(null).length).toBe(1);
      expect(layer.getLossesFor([inputs]).length).toBe(1);
      expect(layer.getLossesFor([intermediate]).length).toBe(1);
      expect(layer.getLossesFor([outputs]).length).toBe(0);
      // Call same layer on new input, creating one more conditional loss
      inputs = tf.placeholder(tf.float32, [], "inputs");
      intermediate = inputs.add(1);
      outputs = layer.apply(intermediate);
      expect(layer.losses.length).toBe(3);
      expect(layer.getLossesFor(null).length).toBe(1);
      // Check that we are successfully filtering out irrelevant losses
      expect(layer.getLossesFor([inputs]).length).toBe(1);
      expect(layer.getLossesFor([intermediate]).length).toBe(1);
      expect(layer.getLossesFor([outputs]).length).toBe(0);
      expect(tf.getDefaultGraph().getCollection(tf.GraphKeys.REGULARIZATION_LOSSES)).toEqual(layer.losses);
    }));

  it("base_test.py (TF 1.4) BaseLayerTest.testGetVariable, as TF 1.15 runs it", () =>
    inGraph(() => {
      class MyLayer extends tf.layers.Layer {
        myVar!: tf.Variable;
        override build() {
          this.myVar = this.addVariable("my_var", [2, 2], { initializer: zerosInit() });
        }
        override call(inputs: tf.Tensor) {
          return inputs.mul(2);
        }
      }
      const layer = new MyLayer({ name: "my_layer" });
      const inputs = tf.randomUniform([5], { seed: 1 });
      layer.apply(inputs);
      layer.apply(inputs);
      expect(layer.variables.map((v) => v.name)).toEqual(["my_layer/my_var:0"]);
      // No scope: it is made at apply() time, as "<current scope>/base_name" (reuse=True: no default_name).
      let lazyLayer = new MyLayer({ _reuse: true });
      tf.variableScope("new_scope", () => {
        const existing = tf.variableScope("my_layer", () => tf.getVariable("my_var", [2, 2]));
        lazyLayer.apply(inputs);
        expect(lazyLayer.scopeName).toBe("new_scope/my_layer");
        // TF 1.15's keras add_weight tracks whatever get_variable returns (TF 1.4 tracked nothing here).
        expect(lazyLayer.variables).toEqual([existing]);
      });
      // With `scope` given to apply(), the layer's scope is that one.
      lazyLayer = new MyLayer({ _reuse: true });
      tf.variableScope("new_scope", (newScope) => {
        tf.getVariable("my_var", [2, 2]);
        lazyLayer.apply(inputs, { scope: newScope });
        expect(lazyLayer.scopeName).toBe("new_scope");
        expect(lazyLayer.variables.map((v) => v.name)).toEqual(["new_scope/my_var:0"]);
      });
    }));

  it("base_test.py (TF 1.4) testFirstCallCanCreateVariablesButSecondCanNotWhenBuildEmpty, as TF 1.15 runs it", () =>
    inGraph((g) => {
      // TF 1.15's _maybe_build marks the layer built before call(), so call() gets variables with reuse=True:
      // a variable first made in call() is the does-not-exist error, and the failed call leaves nothing behind.
      class MyLayer extends tf.layers.Layer {
        myVar!: tf.Variable;
        override build() {}
        override call(inputs: tf.Tensor) {
          this.myVar = this.addVariable("my_var", [2, 2]);
          return inputs.add(tf.square(this.myVar));
        }
      }
      const layer = new MyLayer({ name: "my_layer" });
      const inputs = tf.randomUniform([2], { seed: 1 });
      const before = names(g);
      expect(() => layer.apply(inputs)).toThrow(
        "Variable my_layer/my_var does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?",
      );
      expect(layer.built).toBe(false);
      expect(layer.variables).toEqual([]);
      expect(names(g)).toEqual(before);
    }));

  it("call returning null is TF's ValueError; a failing call leaves layer and graph unchanged", () =>
    inGraph((g) => {
      class NoneLayer extends tf.layers.Layer {
        override build() {
          this.addVariable("v", [1]);
        }
        override call() {
          return null;
        }
      }
      const layer = new NoneLayer();
      const x = tf.placeholder(tf.float32, [1], "x");
      const before = names(g);
      expect(() => layer.apply(x)).toThrow(
        "A layer's `call` method should return a Tensor or a list of Tensors, not None (layer: none_layer_1).",
      );
      expect(names(g)).toEqual(before);
      expect(layer.built).toBe(false);
      expect(layer.variables).toEqual([]);
      expect(tf.globalVariables()).toEqual([]);
      expect(() => layer.scopeName).toThrow("has not been used yet");
    }));
});

describe("base_test.py DTypeTest", () => {
  const c = (dtype: string) => tf.constant(1, { dtype: dtype as "float32" });

  it("base_test.py DTypeTest.test_dtype_inferred_from_input", () =>
    inGraph(() => {
      let layer = new IdentityLayer();
      expect(layer.dtype).toBeNull();
      layer.apply(c("float64"));
      expect(layer.dtype).toBe(tf.float64);
      // A number is converted as keras converts a Python float (scopeflow: non-integers are float32).
      layer = new IdentityLayer();
      layer.apply(1.5);
      expect(layer.dtype).toBe(tf.float32);
      layer = new IdentityLayer();
      layer.apply(c("int32"));
      expect(layer.dtype).toBe(tf.int32);
      // The layer dtype doesn't change when passed a new dtype.
      layer = new IdentityLayer();
      layer.apply(c("float64"));
      layer.apply(c("float16"));
      expect(layer.dtype).toBe(tf.float64);
      // The layer dtype is inferred from the first input.
      layer = new IdentityLayer();
      layer.apply([c("float32"), c("float64")]);
      expect(layer.dtype).toBe(tf.float32);
    }));

  it("base_test.py DTypeTest.test_passing_dtype_to_constructor", () =>
    inGraph(() => {
      let layer = new IdentityLayer({ dtype: "float64" });
      layer.apply(c("float32"));
      expect(layer.dtype).toBe(tf.float64);
      layer = new IdentityLayer({ dtype: "int32" });
      layer.apply(c("float32"));
      expect(layer.dtype).toBe(tf.int32);
      layer = new IdentityLayer({ dtype: tf.float64 });
      layer.apply(c("float32"));
      expect(layer.dtype).toBe(tf.float64);
    }));

  it("base_test.py DTypeTest.test_inputs_not_casted", () =>
    inGraph(() => {
      const layer = new IdentityLayer({ dtype: "float32" });
      expect(layer.apply(c("float64")).dtype).toBe(tf.float64);
    }));
});
