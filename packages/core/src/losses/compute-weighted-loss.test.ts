// losses_test.py (TF 1.15): ComputeWeightedLossTest and AddLossTest (graph mode); the Reduction keys, util.py's
// collection functions, and the exact graph TF 1.15 builds for mean_squared_error (node for node, as a TF GraphDef
// of `tf.losses.mean_squared_error(labels, predictions)` on [100, 1] float32 inputs lists them), with its gradient.
import { describe, expect, it } from "vitest";
import { expectClose } from "../../../../tools/test-kit/src/index";
import * as tf from "../index";

type Feeds = Map<tf.Tensor, unknown>;
const run = (t: tf.Tensor, feeds?: Feeds) => new tf.Session().run(t, feeds as never) as tf.NDArray;
const value = (t: tf.Tensor, feeds?: Feeds) => Number(run(t, feeds).item());
const inGraph = (body: (g: tf.Graph) => void) => () => new tf.Graph().asDefault(body);

/** ComputeWeightedLossTest.setUp: raw_losses[i][j][k] counts 0.0, 1.0, ... in row-major order. */
const RAW: number[][][] = [0, 1, 2].map((i) => [0, 1].map((j) => [0, 1, 2, 3].map((k) => i * 8 + j * 4 + k)));
const RAW_FLAT = RAW.flat(2);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** numpy broadcasting of a nested weights array over the [3, 2, 4] raw losses, flat. */
function broadcastToRaw(weights: number | number[][][]): number[] {
  if (typeof weights === "number") return RAW_FLAT.map(() => weights);
  const [a, b, c] = [weights.length, weights[0].length, weights[0][0].length];
  return RAW_FLAT.map((_, n) => {
    const [i, j, k] = [Math.floor(n / 8), Math.floor(n / 4) % 2, n % 4];
    return weights[a === 1 ? 0 : i][b === 1 ? 0 : j][c === 1 ? 0 : k];
  });
}

const ones = (d0: number, d1: number, d2: number) =>
  Array.from({ length: d0 }, () => Array.from({ length: d1 }, () => new Array<number>(d2).fill(1)));

function expectReduced(loss: tf.Tensor, reduction: tf.losses.ReductionKey, weights: number[], feeds?: Feeds) {
  const weighted = RAW_FLAT.map((l, i) => l * weights[i]);
  const out = run(loss, feeds);
  if (reduction === tf.losses.Reduction.NONE) return expectClose(out.data as Float32Array, weighted, 1e-6);
  const expected: Record<string, number> = {
    [tf.losses.Reduction.SUM]: sum(weighted),
    [tf.losses.Reduction.MEAN]: sum(weighted) / sum(weights),
    [tf.losses.Reduction.SUM_BY_NONZERO_WEIGHTS]: sum(weighted) / weights.filter((w) => w !== 0).length,
    [tf.losses.Reduction.SUM_OVER_BATCH_SIZE]: sum(weighted) / RAW_FLAT.length,
  };
  expectClose([Number(out.item())], [expected[reduction]], 1e-6);
}

describe("losses_test.py ComputeWeightedLossTest", () => {
  it("testUnweighted", () => {
    for (const reduction of tf.losses.Reduction.all()) {
      new tf.Graph().asDefault(() => {
        expect(tf.losses.getLosses()).toHaveLength(0);
        const weightsList = [
          undefined,
          ones(1, 1, 1),
          ones(1, 1, 4),
          ones(1, 2, 1),
          ones(1, 2, 4),
          ones(3, 1, 1),
          ones(3, 1, 4),
          ones(3, 2, 1),
          ones(3, 2, 4),
        ];
        const losses = weightsList.map((weights) => tf.losses.computeWeightedLoss(RAW, { weights, reduction }));
        expect(tf.losses.getLosses()).toHaveLength(9);
        for (const loss of losses) {
          if (reduction === tf.losses.Reduction.NONE) expectClose(run(loss).data as Float32Array, RAW_FLAT);
          else if (reduction === tf.losses.Reduction.SUM) expect(value(loss)).toBeCloseTo(sum(RAW_FLAT), 4);
          else expect(value(loss)).toBeCloseTo(mean(RAW_FLAT), 5);
        }
      });
    }
  });

  it("testUnweightedFromPlaceholder (weights' dynamic assert is not built: no tf.cond yet)", () => {
    for (const reduction of tf.losses.Reduction.all()) {
      new tf.Graph().asDefault((g) => {
        const raw = tf.placeholder(tf.float32);
        const feeds = new Map([[raw, RAW]]);
        const losses = [undefined, ones(1, 1, 1), ones(1, 1, 4)].map((weights) =>
          tf.losses.computeWeightedLoss(raw, { weights, reduction }),
        );
        expect(tf.losses.getLosses()).toHaveLength(3);
        // Unknown values rank: TF would build a tf.cond and an Assert named `assert_broadcastable`; scopeflow
        // builds the shapes and ranks it checks, and no Assert.
        expect(g.getOperations().some((o) => o.type === "Assert")).toBe(false);
        expect(g.getOperationByName("weighted_loss_1/assert_broadcastable/values/rank").type).toBe("Rank");
        for (const loss of losses) {
          if (reduction === tf.losses.Reduction.NONE) expectClose(run(loss, feeds).data as Float32Array, RAW_FLAT);
          else if (reduction === tf.losses.Reduction.SUM) expect(value(loss, feeds)).toBeCloseTo(sum(RAW_FLAT), 4);
          else expect(value(loss, feeds)).toBeCloseTo(mean(RAW_FLAT), 5);
        }
      });
    }
  });

  it(
    "testScalarWeight",
    inGraph(() => {
      const loss = tf.losses.computeWeightedLoss(RAW, 17.0);
      expect(tf.losses.getLosses()).toEqual([loss]);
      expect(value(loss)).toBeCloseTo(mean(RAW_FLAT.map((l) => 17 * l)), 3);
    }),
  );

  const invalid: [string, unknown, string][] = [
    [
      "testInvalidWeightTooManyDims",
      ones(2, 2, 2).map((a) => a.map((b) => [b, b])),
      "values.rank=3. weights.rank=4. values.shape=(3, 2, 4). weights.shape=(2, 2, 2, 2).",
    ],
    [
      "testInvalid3Weight",
      [17.0, 5.0, 2.0],
      "values.rank=3. weights.rank=1. values.shape=(3, 2, 4). weights.shape=(3,).",
    ],
    [
      "testInvalid3x1Weight",
      [[17.0], [5.0], [2.0]],
      "values.rank=3. weights.rank=2. values.shape=(3, 2, 4). weights.shape=(3, 1).",
    ],
    [
      "testInvalid3x2Weight",
      [
        [17.0, 3.0],
        [5.0, 31.0],
        [2.0, 7.0],
      ],
      "values.rank=3. weights.rank=2. values.shape=(3, 2, 4). weights.shape=(3, 2).",
    ],
    ["testInvalid1x2Weight", [17.0, 3.0], "values.rank=3. weights.rank=1. values.shape=(3, 2, 4). weights.shape=(2,)."],
    ["testInvalidScalar1DWeight", [17.0], "values.rank=3. weights.rank=1. values.shape=(3, 2, 4). weights.shape=(1,)."],
  ];
  for (const [title, weights, message] of invalid) {
    it(
      `${title} (the static check; the dynamic one needs tf.cond)`,
      inGraph((g) => {
        const before = g.getOperations().length;
        expect(() => tf.losses.computeWeightedLoss(RAW, weights as number[])).toThrow(
          `weights can not be broadcast to values. ${message}`,
        );
        expect([g.getOperations().length, tf.losses.getLosses().length]).toEqual([before, 0]);
      }),
    );
  }

  it(
    "testInvalidWeightMismatchedDim",
    inGraph(() => {
      const raw = tf.reshape(tf.constant(RAW, { dtype: tf.float32 }), [3, 2, 4, 1]);
      const weights = ones(3, 2, 4).map((a) => a.map((b) => b.map(() => [1, 1])));
      expect(() => tf.losses.computeWeightedLoss(raw, weights)).toThrow(
        "weights can not be broadcast to values. Mismatch at dim 3. values.shape=[3 2 4 1] weights.shape=[3 2 4 2].",
      );
    }),
  );

  const valid: [string, number[][][]][] = [
    ["test1x1x1Weight", [[[17.0]]]],
    ["test1x2x1Weight", [[[17.0], [3.0]]]],
    ["test1x1x4Weight", [[[17.0, 0.0, 2.0, 5.0]]]],
    ["test3x1x1Weight", [[[17.0]], [[5.0]], [[2.0]]]],
    [
      "test3x2x1Weight",
      [
        [[17.0], [3.0]],
        [[5.0], [31.0]],
        [[2.0], [7.0]],
      ],
    ],
    ["test3x1x4Weight", [[[17.0, 0.0, 2.0, 5.0]], [[5.0, 31.0, 17.0, 5.0]], [[7.0, 3.0, 11.0, 5.0]]]],
    [
      "test1x2x4Weight",
      [
        [
          [17.0, 0.0, 2.0, 5.0],
          [3.0, 13.0, 11.0, 2.0],
        ],
      ],
    ],
    [
      "test3x2x4Weight",
      [
        [
          [17.0, 0.0, 2.0, 5.0],
          [3.0, 13.0, 11.0, 2.0],
        ],
        [
          [5.0, 31.0, 17.0, 5.0],
          [13.0, 3.0, 0.0, 11.0],
        ],
        [
          [0.0, 3.0, 11.0, 5.0],
          [13.0, 11.0, 1.0, 7.0],
        ],
      ],
    ],
  ];
  for (const [title, weights] of valid) {
    it(title, () => {
      for (const reduction of tf.losses.Reduction.all()) {
        new tf.Graph().asDefault(() => {
          const loss = tf.losses.computeWeightedLoss(RAW, { weights, reduction });
          expect(tf.losses.getLosses()).toHaveLength(1);
          expectReduced(loss, reduction, broadcastToRaw(weights));
        });
      }
    });
  }
});

describe("losses_test.py AddLossTest", () => {
  it(
    "testNoCollectLossesBatch2",
    inGraph((g) => {
      const logits = tf.constant([
        [1.2, 0.4, -1.0, -1.1],
        [1.2, 0.4, -1.0, -1.1],
      ]);
      const labels = tf.constant(
        [
          [1.0, 0.0, 0.0, 1.0],
          [1.0, 0.0, 0.0, 1.0],
        ],
        { dtype: tf.float32 },
      );
      expect(tf.losses.getLosses()).toEqual([]);
      tf.losses.absoluteDifference(logits, labels, { lossCollection: null });
      tf.losses.logLoss(logits, labels, { lossCollection: null });
      tf.losses.meanSquaredError(logits, labels, { lossCollection: null });
      tf.losses.sigmoidCrossEntropy(logits, labels, { lossCollection: null });
      tf.losses.softmaxCrossEntropy(logits, labels, { lossCollection: null });
      expect(tf.losses.getLosses()).toEqual([]);
      expect(g.getAllCollectionKeys()).toEqual([]);
    }),
  );
});

describe("tf.losses: Reduction, collections and util.py", () => {
  it("Reduction: TF's keys, all(), validate()", () => {
    expect(tf.losses.Reduction.all()).toEqual([
      "none",
      "weighted_sum",
      "weighted_mean",
      "weighted_sum_over_batch_size",
      "weighted_sum_by_nonzero_weights",
      "weighted_sum_by_nonzero_weights",
    ]);
    expect(tf.losses.Reduction.SUM_OVER_NONZERO_WEIGHTS).toBe(tf.losses.Reduction.SUM_BY_NONZERO_WEIGHTS);
    expect(() => tf.losses.Reduction.validate("mean")).toThrow("Invalid Reduction Key mean.");
  });

  it(
    "an invalid reduction is TF's ValueError and leaves the graph unchanged",
    inGraph((g) => {
      const p = tf.constant([1, 2], { dtype: tf.float32 });
      const before = g.getOperations().length;
      expect(() => tf.losses.meanSquaredError(p, p, { reduction: "mean" as never })).toThrow(
        "Invalid Reduction Key mean.",
      );
      expect([g.getOperations().length, tf.losses.getLosses()]).toEqual([before, []]);
      // The scope name was not used up either.
      expect(tf.losses.meanSquaredError(p, p).op.name).toBe("mean_squared_error/value");
    }),
  );

  it(
    "positional arguments in TF's order, or by name; a parameter given both ways is Python's TypeError",
    inGraph(() => {
      const p = tf.constant([1, 2, 3], { dtype: tf.float32 });
      const l = tf.constant([0, 0, 0], { dtype: tf.float32 });
      const a = tf.losses.meanSquaredError(l, p, 2.0, "mse", "my_losses", tf.losses.Reduction.SUM);
      const b = tf.losses.meanSquaredError(l, p, 2.0, {
        scope: "mse2",
        lossCollection: "my_losses",
        reduction: "weighted_sum",
      });
      // Reduction.SUM: the loss is the Sum itself (the cast back to float32 is a no-op).
      expect([a.op.name, b.op.name]).toEqual(["mse/Sum", "mse2/Sum"]);
      expect([value(a), value(b)]).toEqual([28, 28]);
      expect(tf.losses.getLosses(null, "my_losses")).toEqual([a, b]);
      expect(tf.losses.getLosses({ scope: "mse2", lossCollection: "my_losses" })).toEqual([b]);
      expect(tf.losses.getLosses()).toEqual([]);
      expect(() => tf.losses.meanSquaredError(l, p, 2.0, { weights: 3.0 })).toThrow(
        "mean_squared_error() got multiple values for argument 'weights'",
      );
    }),
  );

  it(
    "addLoss, getLosses(scope), getRegularizationLoss(es), getTotalLoss: names and values",
    inGraph((g) => {
      const x = tf.constant([1, 2], { dtype: tf.float32 });
      tf.nameScope("tower", () => tf.losses.absoluteDifference(tf.zerosLike(x), x));
      tf.losses.meanSquaredError(tf.zerosLike(x), x);
      const external = tf.reduceSum(x, null, false, "external");
      tf.losses.addLoss(external);
      tf.losses.addLoss(external, null);
      expect(tf.losses.getLosses().map((t) => t.name)).toEqual([
        "tower/absolute_difference/value:0",
        "mean_squared_error/value:0",
        "external:0",
      ]);
      expect(tf.losses.getLosses("tower").map((t) => t.name)).toEqual(["tower/absolute_difference/value:0"]);
      // No regularization losses yet: a float32 Const 0.0.
      const zero = tf.losses.getRegularizationLoss();
      expect([zero.op.type, zero.name, zero.dtype, value(zero)]).toEqual(["Const", "Const_2:0", tf.float32, 0]);
      const reg = tf.multiply(x, x, "reg");
      g.addToCollection(tf.GraphKeys.REGULARIZATION_LOSSES, tf.reduceSum(reg, null, false, "reg_sum"));
      expect(tf.losses.getRegularizationLosses().map((t) => t.name)).toEqual(["reg_sum:0"]);
      // One regularization loss and a name: add_n's Identity.
      const regTotal = tf.losses.getRegularizationLoss();
      expect([regTotal.op.type, regTotal.name]).toEqual(["Identity", "total_regularization_loss:0"]);
      const total = tf.losses.getTotalLoss();
      expect([total.op.type, total.name, total.op.inputs.length]).toEqual(["AddN", "total_loss:0", 4]);
      expect(value(total)).toBeCloseTo(1.5 + 2.5 + 3 + 5, 5);
      const noReg = tf.losses.getTotalLoss(false, "no_reg");
      expect([noReg.name, value(noReg)]).toEqual(["no_reg:0", 7]);
      expect(tf.losses.getTotalLoss({ scope: "tower", name: "tower_total" }).name).toBe("tower_total:0");
    }),
  );

  it(
    "getTotalLoss with no loss is add_n's ValueError",
    inGraph(() => {
      expect(() => tf.losses.getTotalLoss()).toThrow(
        "inputs must be a list of at least one Tensor/IndexedSlices with the same dtype and shape",
      );
    }),
  );
});

describe("mean_squared_error's graph, as TF 1.15 builds it", () => {
  it(
    "node for node: assert_broadcastable, Cast/x, num_present, value (DivNoNan), with control inputs",
    inGraph((g) => {
      const predictions = tf.placeholder(tf.float32, [100, 1], "predictions");
      const labels = tf.placeholder(tf.float32, [100, 1], "Placeholder_1");
      const loss = tf.losses.meanSquaredError(labels, predictions);
      expect(loss.name).toBe("mean_squared_error/value:0");
      const m = "mean_squared_error";
      const ctrl = `^${m}/assert_broadcastable/static_scalar_check_success`;
      const inner = `^${m}/num_present/broadcast_weights/assert_broadcastable/static_scalar_check_success`;
      const nodes = g
        .getOperations()
        .filter((o) => o.name.startsWith(`${m}/`))
        .map((o) =>
          [
            o.name.slice(m.length + 1),
            o.type,
            ...o.inputs.map((t) => t.name),
            ...o.controlInputs.map((c) => `^${c.name}`),
          ]
            .join(" ")
            .replaceAll(`${m}/`, ""),
        );
      const c = ctrl.replace(`${m}/`, "");
      const i = inner.replace(`${m}/`, "");
      const bw = "num_present/broadcast_weights";
      expect(nodes).toEqual([
        "SquaredDifference SquaredDifference predictions:0 Placeholder_1:0",
        "assert_broadcastable/weights Const",
        "assert_broadcastable/weights/shape Const",
        "assert_broadcastable/weights/rank Const",
        "assert_broadcastable/values/shape Const",
        "assert_broadcastable/values/rank Const",
        "assert_broadcastable/static_scalar_check_success NoOp",
        `Cast/x Const ${c}`,
        "Mul Mul SquaredDifference:0 Cast/x:0",
        `Const Const ${c}`,
        "Sum Sum Mul:0 Const:0",
        `num_present/Equal/y Const ${c}`,
        "num_present/Equal Equal Cast/x:0 num_present/Equal/y:0",
        `num_present/zeros_like Const ${c}`,
        `num_present/ones_like/Shape Const ${c}`,
        `num_present/ones_like/Const Const ${c}`,
        "num_present/ones_like Fill num_present/ones_like/Shape:0 num_present/ones_like/Const:0",
        "num_present/Select Select num_present/Equal:0 num_present/zeros_like:0 num_present/ones_like:0",
        `${bw}/assert_broadcastable/weights/shape Const ${c}`,
        `${bw}/assert_broadcastable/weights/rank Const ${c}`,
        `${bw}/assert_broadcastable/values/shape Const ${c}`,
        `${bw}/assert_broadcastable/values/rank Const ${c}`,
        `${bw}/assert_broadcastable/static_scalar_check_success NoOp ${c}`,
        `${bw}/ones_like/Shape Const ${c} ${i}`,
        `${bw}/ones_like/Const Const ${c} ${i}`,
        `${bw}/ones_like Fill ${bw}/ones_like/Shape:0 ${bw}/ones_like/Const:0`,
        `${bw} Mul num_present/Select:0 ${bw}/ones_like:0`,
        `num_present/Const Const ${c}`,
        `num_present Sum ${bw}:0 num_present/Const:0`,
        `Const_1 Const ${c}`,
        "Sum_1 Sum Sum:0 Const_1:0",
        "value DivNoNan Sum_1:0 num_present:0",
      ]);
      expect(g.getCollection(tf.GraphKeys.LOSSES)).toEqual([loss]);
    }),
  );

  it(
    "its gradient: DivNoNan's (value_grad/div_no_nan, Neg, div_no_nan_1, div_no_nan_2, mul) and the values",
    inGraph((g) => {
      const predictions = tf.placeholder(tf.float32, [4, 1], "predictions");
      const labels = tf.placeholder(tf.float32, [4, 1], "labels");
      const loss = tf.losses.meanSquaredError(labels, predictions);
      const [grad] = tf.gradients(loss, [predictions]);
      const v = "gradients/mean_squared_error/value_grad";
      const nodes = g
        .getOperations()
        .filter((o) => o.name.startsWith(`${v}/`) && !o.name.includes("/tuple/"))
        .map(
          (o) =>
            `${o.name.slice(v.length + 1)} ${o.type} ${o.inputs.map((t) => t.name.replace(`${v}/`, "")).join(" ")}`,
        );
      expect(nodes).toEqual([
        "Shape Const ",
        "Shape_1 Const ",
        "BroadcastGradientArgs BroadcastGradientArgs Shape:0 Shape_1:0",
        "div_no_nan DivNoNan gradients/Fill:0 mean_squared_error/num_present:0",
        "Sum Sum div_no_nan:0 BroadcastGradientArgs:0",
        "Reshape Reshape Sum:0 Shape:0",
        "Neg Neg mean_squared_error/Sum_1:0",
        "div_no_nan_1 DivNoNan Neg:0 mean_squared_error/num_present:0",
        "div_no_nan_2 DivNoNan div_no_nan_1:0 mean_squared_error/num_present:0",
        "mul Mul gradients/Fill:0 div_no_nan_2:0",
        "Sum_1 Sum mul:0 BroadcastGradientArgs:1",
        "Reshape_1 Reshape Sum_1:0 Shape_1:0",
      ]);
      const p = [[1], [2], [3], [4]];
      const l = [[0], [0], [1], [1]];
      const feeds = new Map<tf.Tensor, unknown>([
        [predictions, p],
        [labels, l],
      ]);
      // d/dp mean((p - l)^2) = 2 (p - l) / n
      expectClose(run(grad as tf.Tensor, feeds).data as Float32Array, [0.5, 1, 1, 1.5], 1e-6);
      expect(value(loss, feeds)).toBeCloseTo((1 + 4 + 4 + 9) / 4, 5);
    }),
  );
});
