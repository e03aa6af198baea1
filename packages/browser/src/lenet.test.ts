// slim's nets/lenet.py (tensorflow/models research/slim, for TF 1.x) built with tf.contrib.slim: lenet and
// lenet_arg_scope, trained a few steps with tf.losses.softmax_cross_entropy and Adam, dropout on, on the reference and
// the wasm backends (the same body for each), then saved with slim's checkpoint keys (`LeNet/conv1/weights`, ...) as
// TF 1.15 writes them. On wasm every numeric op of the step runs natively and the losses are the reference's.
import { expectClose } from "@scopeflow/test-kit";
import { loadBytes } from "@scopeflow/test-kit/load-bytes";
import * as tf from "@scopeflow/test-kit/platform";
import { createWasmKernels, defaultWasmUrl } from "@scopeflow/wasm-kernels";
import { beforeAll, describe, expect, it } from "vitest";
import { referenceFallbacks } from "./test-fallbacks";

const slim = tf.contrib.slim;

/** lenet.py: lenet(images, num_classes=10, is_training=False, dropout_keep_prob=0.5, scope='LeNet') */
function lenet(images: tf.Tensor, numClasses = 10, isTraining: boolean | tf.Tensor = false, dropoutKeepProb = 0.5) {
  const endPoints: Record<string, tf.Tensor> = {};
  const logits = tf.variableScope("LeNet", { defaultName: "LeNet", values: [images] }, () => {
    let net = (endPoints.conv1 = slim.conv2d(images, 32, [5, 5], { scope: "conv1" }));
    net = endPoints.pool1 = slim.maxPool2d(net, [2, 2], 2, { scope: "pool1" });
    net = endPoints.conv2 = slim.conv2d(net, 64, [5, 5], { scope: "conv2" });
    net = endPoints.pool2 = slim.maxPool2d(net, [2, 2], 2, { scope: "pool2" });
    net = endPoints.Flatten = slim.flatten(net);
    net = endPoints.fc3 = slim.fullyConnected(net, 1024, { scope: "fc3" });
    net = endPoints.dropout3 = slim.dropout(net, dropoutKeepProb, { isTraining, scope: "dropout3" });
    return (endPoints.Logits = slim.fullyConnected(net, numClasses, { activationFn: null, scope: "fc4" }));
  });
  endPoints.Predictions = tf.nn.softmax(logits, { name: "Predictions" } as never);
  return { logits, endPoints };
}

/** lenet.py: lenet_arg_scope(weight_decay=0.0) */
function lenetArgScope(weightDecay = 0.0) {
  return slim.argScope(
    [slim.conv2d, slim.fullyConnected],
    {
      weightsRegularizer: slim.l2Regularizer(weightDecay),
      weightsInitializer: tf.truncatedNormalInitializer({ stddev: 0.1 }),
      activationFn: tf.nn.relu,
    },
    (sc) => sc,
  );
}

type BackendName = "reference" | "wasm";

interface Trained {
  losses: number[];
  keys: string[];
  fallbacks: string[];
  fc4Biases: number[];
}

const logdir = `/tmp/scopeflow-lenet-${Date.now()}-${Math.random().toString(36).slice(2)}`;

async function trainLenet(backend: BackendName): Promise<Trained> {
  const wasm =
    backend === "wasm"
      ? await createWasmKernels(await loadBytes(new URL(defaultWasmUrl().href)), { NDArray: tf.NDArray })
      : undefined;
  const g = new tf.Graph();
  return g.asDefault(() => {
    tf.setRandomSeed(1);
    // 12x12 images (not MNIST's 28x28) keep the reference backend's few steps quick; the net is lenet.py's.
    const [batch, size] = [3, 12];
    const images = tf.placeholder(tf.float32, [batch, size, size, 1], "images");
    const labels = tf.placeholder(tf.float32, [batch, 10], "labels");
    const { logits, endPoints } = slim.argScope(lenetArgScope(0.0004), () => lenet(images, 10, true));

    expect(endPoints.conv1.op.name).toBe("LeNet/conv1/Relu");
    expect(endPoints.pool1.op.name).toBe("LeNet/pool1/MaxPool");
    expect(endPoints.conv2.shape).toEqual([batch, 6, 6, 64]);
    expect(endPoints.pool2.shape).toEqual([batch, 3, 3, 64]);
    expect(endPoints.Flatten.shape).toEqual([batch, 576]);
    expect(endPoints.fc3.op.name).toBe("LeNet/fc3/Relu");
    expect(endPoints.dropout3.op.name).toBe("LeNet/dropout3/dropout/mul_1");
    expect(logits.op.name).toBe("LeNet/fc4/BiasAdd");
    expect(logits.shape).toEqual([batch, 10]);
    const modelVars = slim.getModelVariables().map((v) => [v.op.name, v.shape]);
    expect(modelVars).toEqual([
      ["LeNet/conv1/weights", [5, 5, 1, 32]],
      ["LeNet/conv1/biases", [32]],
      ["LeNet/conv2/weights", [5, 5, 32, 64]],
      ["LeNet/conv2/biases", [64]],
      ["LeNet/fc3/weights", [576, 1024]],
      ["LeNet/fc3/biases", [1024]],
      ["LeNet/fc4/weights", [1024, 10]],
      ["LeNet/fc4/biases", [10]],
    ]);
    expect(tf.losses.getRegularizationLosses().map((t) => t.op.name)).toEqual([
      "LeNet/conv1/kernel/Regularizer/l2_regularizer",
      "LeNet/conv2/kernel/Regularizer/l2_regularizer",
      "LeNet/fc3/kernel/Regularizer/l2_regularizer",
      "LeNet/fc4/kernel/Regularizer/l2_regularizer",
    ]);

    tf.losses.softmaxCrossEntropy(labels, logits);
    const totalLoss = tf.losses.getTotalLoss();
    const globalStep = tf.train.getOrCreateGlobalStep();
    const trainOp = new tf.train.AdamOptimizer(1e-3).minimize(totalLoss, { globalStep });
    const fallbacks = wasm === undefined ? [] : referenceFallbacks(wasm, [totalLoss, trainOp], [images, labels]);

    // A fixed batch: each image lights one 4x4 patch, labelled by where it is.
    const imageValues = Array.from({ length: batch }, (_, b) =>
      Array.from({ length: size }, (_, y) =>
        Array.from({ length: size }, (_, x) => [Math.floor(y / 4) === b && Math.floor(x / 4) === b ? 1 : 0]),
      ),
    );
    const labelValues = Array.from({ length: batch }, (_, b) =>
      Array.from({ length: 10 }, (_, c) => (c === b ? 1 : 0)),
    );
    const feeds = new Map<tf.Tensor, tf.FeedValue>([
      [images, imageValues as never],
      [labels, labelValues as never],
    ]);
    const sess = new tf.Session({ backend });
    expect(sess.backend).toBe(backend);
    sess.run(tf.globalVariablesInitializer());
    const losses: number[] = [];
    for (let step = 0; step < 4; step++) {
      const [loss] = sess.run([totalLoss, trainOp], feeds);
      losses.push((loss as tf.NDArray).item() as number);
    }

    new tf.summary.FileWriter(`${logdir}/${backend}`).close(); // makes the directory, in either runtime
    const saver = new tf.train.Saver();
    const prefix = saver.save(sess, `${logdir}/${backend}/model.ckpt`, { globalStep, writeMetaGraph: false }) as string;
    expect(prefix).toBe(`${logdir}/${backend}/model.ckpt-4`);
    const keys = tf.train.listVariables(prefix).map(([name]) => name);
    const saved = tf.train.loadVariable(prefix, "LeNet/fc4/biases");
    const live = sess.run(slim.getModelVariables("LeNet/fc4", "biases")[0]) as tf.NDArray;
    expect(Array.from(saved.data as Float32Array)).toEqual(Array.from(live.data as Float32Array));
    return { losses, keys, fallbacks, fc4Biases: Array.from(live.data as Float32Array) };
  });
}

describe("slim nets/lenet.py on both backends", () => {
  const trained = new Map<BackendName, Trained>();
  beforeAll(async () => {
    await tf.ready();
  });

  it.each(["reference", "wasm"] as const)(
    "%s: builds LeNet with slim's names and shapes, trains with Adam and saves slim's checkpoint keys",
    async (backend) => {
      const run = await trainLenet(backend);
      trained.set(backend, run);
      expect(run.losses.every(Number.isFinite)).toBe(true);
      expect(run.losses[3]).toBeLessThan(run.losses[0]);
      for (const key of [
        "LeNet/conv1/weights",
        "LeNet/conv1/biases",
        "LeNet/conv1/weights/Adam",
        "LeNet/conv1/weights/Adam_1",
        "LeNet/conv2/weights",
        "LeNet/fc3/weights",
        "LeNet/fc4/biases",
        "beta1_power",
        "beta2_power",
        "global_step",
      ]) {
        expect(run.keys).toContain(key);
      }
      expect(run.keys.length).toBe(8 * 3 + 3);
    },
    120_000,
  );

  it("wasm runs every numeric op natively and matches the reference's losses", () => {
    const reference = trained.get("reference");
    const wasm = trained.get("wasm");
    if (reference === undefined || wasm === undefined) throw new Error("both backends' runs must have passed");
    // What the reference kernels still run: Const and VariableV2 (the executor evaluates constants once and reads
    // variables from its store) and shape metadata: flatten's target shape (Pack of int32 dims) and the conv
    // gradients' ShapeN. Dropout's RandomUniform is native, on the same Philox stream, so the dropout masks (and the
    // losses) are the reference's; so are the global step's int64 AssignAdd, the regularizers' L2Loss and the
    // loss's DivNoNan and Select.
    expect(wasm.fallbacks).toEqual(["Const()", "Pack(int32)", "ShapeN(float32,float32)", "VariableV2()"]);
    expectClose(wasm.losses, reference.losses, 1e-4);
    expectClose(wasm.fc4Biases, reference.fc4Biases, 1e-4);
    expect(wasm.keys).toEqual(reference.keys);
  });
});
