// checkpoint_utils_test.py (TF 1.15) CheckpointsTest init_from_checkpoint cases, against the checkpoint TensorFlow
// wrote (estimator_model_dir/model.ckpt-2000: dense/kernel [2, 4], dense/bias [4], dense_1/..., global_step).
import { expectClose } from "@scopeflow/test-kit";
import { describe, expect, it } from "vitest";
import { fixture } from "../../graphdef/test-fixture";
import * as tf from "../../index";
import { memoryFs } from "../../io/memory-fs";
import { initFromCheckpoint } from "./init-from-checkpoint";

const EST = "estimator_model_dir/";
const KERNEL = [0.03589049, -1.07259, -0.1854141, 0.78352, 0.6175917, -0.1792978, 0.01616185, -0.0859901];
const BIAS = [-7.316306, 3.842671, 17.33366, 4.293669];

function estimatorFs() {
  const fs = memoryFs();
  fs.makeDirs("/model");
  for (const name of ["checkpoint", "model.ckpt-2000.index", "model.ckpt-2000.data-00000-of-00001"]) {
    fs.writeFileAtomic(`/model/${name}`, fixture(EST + name));
  }
  return fs;
}

const values = (sess: tf.Session, v: tf.Variable) => Array.from(sess.run(v).data as Float32Array);

describe("checkpoint_utils_test.py CheckpointsTest: init_from_checkpoint", () => {
  it("testInitFromCheckpoint: one to one by store name, and a Variable; TF's restore ops", () =>
    new tf.Graph().asDefault((g) => {
      const fs = estimatorFs();
      const myKernel = tf.variableScope("some_scope", () => tf.getVariable("my_kernel", { shape: [2, 4] }));
      const myBias = tf.getVariable("my_bias", { shape: [4] });
      initFromCheckpoint("/model", { "dense/kernel": "some_scope/my_kernel", "dense/bias": myBias }, fs);
      // Sorted by checkpoint name: dense/bias first.
      const restore = g.getOperationByName("checkpoint_initializer");
      expect([restore.type, restore.device]).toEqual(["RestoreV2", "/device:CPU:0"]);
      expect(restore.inputs.map((t) => t.name)).toEqual([
        "checkpoint_initializer/prefix:0",
        "checkpoint_initializer/tensor_names:0",
        "checkpoint_initializer/shape_and_slices:0",
      ]);
      expect(myBias.initializer.name).toBe("Assign");
      expect(myBias.initializer.inputs.map((t) => t.name)).toEqual(["my_bias:0", "checkpoint_initializer:0"]);
      expect(myKernel.initializer.inputs[1].name).toBe("checkpoint_initializer_1:0");
      expect(myKernel.initialValue.shape).toEqual([2, 4]);
      const sess = new tf.Session({ fileSystem: fs });
      sess.run(tf.globalVariablesInitializer());
      expectClose(values(sess, myKernel), KERNEL, 1e-6);
      expectClose(values(sess, myBias), BIAS, 1e-6);
    }));

  it("testInitFromCheckpoint: scope to scope ('dense/': 'some_scope/')", () =>
    new tf.Graph().asDefault(() => {
      const fs = estimatorFs();
      const [kernel, bias] = tf.variableScope("some_scope", () => [
        tf.getVariable("kernel", { shape: [2, 4] }),
        tf.getVariable("bias", { shape: [4] }),
      ]);
      initFromCheckpoint("/model/model.ckpt-2000", { "dense/": "some_scope/" }, fs);
      const sess = new tf.Session({ fileSystem: fs });
      sess.run(tf.globalVariablesInitializer());
      expectClose(values(sess, kernel), KERNEL, 1e-6);
      expectClose(values(sess, bias), BIAS, 1e-6);
    }));

  it("testInitFromCheckpoint: TF's errors (graph unchanged)", () =>
    new tf.Graph().asDefault((g) => {
      const fs = estimatorFs();
      tf.variableScope("some_scope", () => tf.getVariable("kernel", { shape: [2, 4] }));
      tf.getVariable("wrong", { shape: [3] });
      const before = g.getOperations().length;
      expect(() => initFromCheckpoint("/model", { "dense/kernel": "wrong" }, fs)).toThrow(
        "Shape of variable wrong:0 ((3,)) doesn't match with shape of tensor dense/kernel ([2, 4]) from checkpoint reader.",
      );
      expect(() => initFromCheckpoint("/model", { "no/such": "wrong" }, fs)).toThrow(
        /^Tensor no\/such is not found in \/model checkpoint \{'beta1_power': \[\], /,
      );
      expect(() => initFromCheckpoint("/model", { dense: "some_scope/" }, fs)).toThrow(
        "Assignment map with scope only name some_scope should map to scope only dense. Should be 'scope/': 'other_scope/'.",
      );
      expect(() => initFromCheckpoint("/model", { "nothing/": "some_scope/" }, fs)).toThrow(
        "Tensor nothing/kernel (kernel in nothing/) is not found in /model checkpoint",
      );
      expect(g.getOperations().length).toBe(before);
    }));
});
