// learning_rate_decay_test.py (TF 1.15) graph cases: values at steps, op names, and TF's messages.
import { describe, expect, it } from "vitest";
import * as tf from "../index";

const close = (got: number, want: number, tol = 1e-6) => expect(Math.abs(got - want)).toBeLessThanOrEqual(tol);

function inGraph(body: (g: tf.Graph) => void): void {
  new tf.Graph().asDefault(body);
}

function value(t: tf.Tensor): number {
  return new tf.Session().run(t).item() as number;
}

describe("learning_rate_decay_test.py LRDecayTest", () => {
  it("testContinuous", () =>
    inGraph(() => {
      const lr = tf.train.exponentialDecay(0.05, 5, 10, 0.96);
      close(value(lr), 0.05 * 0.96 ** (5 / 10));
      // learning_rate_schedule.py: ExponentialDecay.__call__ names the result after its scope.
      expect([lr.name, lr.op.type]).toEqual(["ExponentialDecay:0", "Mul"]);
      expect(lr.op.inputs.map((t) => t.name)).toEqual([
        "ExponentialDecay/initial_learning_rate:0",
        "ExponentialDecay/Pow:0",
      ]);
      expect(lr.op.inputs[1].op.inputs.map((t) => t.name)).toEqual([
        "ExponentialDecay/Cast_1/x:0",
        "ExponentialDecay/truediv:0",
      ]);
    }));

  it("testVariables (staircase)", () =>
    inGraph(() => {
      const step = new tf.Variable(1);
      const assign1 = tf.assign(step, 1);
      const assign2 = tf.assign(step, 2);
      const assign100 = tf.assign(step, 100);
      const lr = tf.train.exponentialDecay(0.1, step, 3, 0.96, { staircase: true });
      expect(lr.op.inputs[1].op.inputs[1].op.type).toBe("Floor");
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      sess.run(assign1.op);
      close(sess.run(lr).item() as number, 0.1);
      sess.run(assign2.op);
      close(sess.run(lr).item() as number, 0.1);
      sess.run(assign100.op);
      close(sess.run(lr).item() as number, 0.1 * 0.96 ** Math.floor(100 / 3));
    }));

  it("testPiecewiseConstant", () =>
    inGraph((g) => {
      const x = new tf.Variable(-999);
      const lr = tf.train.piecewiseConstant(x, [100, 110, 120], [1.0, 0.1, 0.01, 0.001]);
      expect(lr.name).toBe("PiecewiseConstant/case/cond/Merge:0");
      expect(g.getOperationByName("PiecewiseConstant/case/Assert/AssertGuard/Assert").type).toBe("Assert");
      expect(g.getOperationByName("PiecewiseConstant/case/preds_c").type).toBe("Pack");
      expect(g.getOperationByName("PiecewiseConstant/and").type).toBe("LogicalAnd");
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      close(sess.run(lr).item() as number, 1.0);
      for (const [step, want] of [
        [100, 1.0],
        [105, 0.1],
        [110, 0.1],
        [120, 0.01],
        [999, 0.001],
      ]) {
        sess.run(tf.assign(x, step));
        close(sess.run(lr).item() as number, want);
      }
    }));

  it("testPiecewiseConstantEdgeCases", () =>
    inGraph(() => {
      // JS cannot write Python's -1.0 and 1.0: a non-integer boundary and a float32 tensor value stand in.
      const xInt = new tf.Variable(0, { dtype: tf.int32 });
      expect(() => tf.train.piecewiseConstant(xInt, [-1.5, 1.0], [1, 2, 3])).toThrow(
        "Boundaries (<dtype: 'float32'>) must have the same dtype as x (<dtype: 'int32'>).",
      );
      const x = new tf.Variable(0.0);
      expect(() => tf.train.piecewiseConstant(x, [-1.0, 1.0], [tf.constant(1.0, tf.float32), 2, 3])).toThrow(
        "Values must have elements all with the same dtype (<dtype: 'float32'> vs <dtype: 'int32'>).",
      );
      // Ref types are valid.
      const xRef = new tf.Variable(0.0).op.outputs[0];
      tf.train.piecewiseConstant(xRef, [1.0, 2.0], [1, 2, 3]);
      // int32 boundaries are cast for an int64 x.
      const x64 = new tf.Variable(0, { dtype: tf.int64 });
      const lr = tf.train.piecewiseConstant(x64, [1, 2, 3], [0.4, 0.5, 0.6, 0.7]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      close(sess.run(lr).item() as number, 0.4);
      for (const [step, want] of [
        [1, 0.4],
        [2, 0.5],
        [3, 0.6],
        [4, 0.7],
      ]) {
        sess.run(tf.assign(x64, step));
        close(sess.run(lr).item() as number, want);
      }
    }));
});

describe("learning_rate_decay_test.py LinearDecayTest, SqrtDecayTest, PolynomialDecayTest", () => {
  const lr = 0.05;
  const cases: [string, number, number, number, boolean, number][] = [
    ["LinearDecayTest.testHalfWay", 5, 0.0, 1, false, lr * 0.5],
    ["LinearDecayTest.testEnd", 10, 0.001, 1, false, 0.001],
    ["LinearDecayTest.testHalfWayWithEnd", 5, 0.001, 1, false, (lr + 0.001) * 0.5],
    ["LinearDecayTest.testBeyondEnd", 15, 0.001, 1, false, 0.001],
    ["LinearDecayTest.testBeyondEndWithCycle", 15, 0.001, 1, true, (lr - 0.001) * 0.25 + 0.001],
    ["SqrtDecayTest.testHalfWay", 5, 0.0, 0.5, false, lr * 0.5 ** 0.5],
    ["SqrtDecayTest.testEnd", 10, 0.001, 0.5, false, 0.001],
    ["SqrtDecayTest.testHalfWayWithEnd", 5, 0.001, 0.5, false, (lr - 0.001) * 0.5 ** 0.5 + 0.001],
    ["SqrtDecayTest.testBeyondEnd", 15, 0.001, 0.5, false, 0.001],
    ["SqrtDecayTest.testBeyondEndWithCycle", 15, 0.001, 0.5, true, (lr - 0.001) * 0.25 ** 0.5 + 0.001],
  ];
  for (const [title, step, end, power, cycle, want] of cases) {
    it(title, () =>
      inGraph(() => {
        const decayed = tf.train.polynomialDecay(lr, step, 10, { endLearningRate: end, power, cycle });
        close(value(decayed), want);
        expect([decayed.name, decayed.op.type]).toEqual(["PolynomialDecay:0", "Add"]);
      }),
    );
  }
  it("PolynomialDecayTest.testBeginWithCycle", () =>
    inGraph(() => {
      close(value(tf.train.polynomialDecay(0.001, 0, 10, { cycle: true })), 0.001);
    }));
});

describe("learning_rate_decay_test.py ExponentialDecayTest, InverseDecayTest (natural_exp, inverse_time)", () => {
  const k = 10;
  const rate = 0.96;
  const cases: [string, typeof tf.train.naturalExpDecay, boolean, (i: number) => number, string][] = [
    [
      "ExponentialDecayTest.testDecay",
      tf.train.naturalExpDecay,
      false,
      (i) => 0.1 * Math.exp((-i / k) * rate),
      "NaturalExpDecay:0",
    ],
    [
      "ExponentialDecayTest.testStaircase",
      tf.train.naturalExpDecay,
      true,
      (i) => 0.1 * Math.exp(-rate * Math.floor(i / k)),
      "NaturalExpDecay:0",
    ],
    [
      "InverseDecayTest.testDecay",
      tf.train.inverseTimeDecay,
      false,
      (i) => 0.1 / (1 + (i / k) * rate),
      "InverseTimeDecay:0",
    ],
    [
      "InverseDecayTest.testStaircase",
      tf.train.inverseTimeDecay,
      true,
      (i) => 0.1 / (1 + rate * Math.floor(i / k)),
      "InverseTimeDecay:0",
    ],
  ];
  for (const [title, fn, staircase, expected, name] of cases) {
    it(title, () =>
      inGraph(() => {
        const step = new tf.Variable(0);
        const decayed = fn(0.1, step, k, rate, { staircase });
        expect(decayed.name).toBe(name);
        const inc = tf.assignAdd(step, 1);
        const sess = new tf.Session();
        sess.run(tf.globalVariablesInitializer());
        for (let i = 0; i <= k; i++) {
          close(sess.run(decayed).item() as number, expected(i));
          sess.run(inc);
        }
      }),
    );
  }
});

describe("learning_rate_decay_test.py CosineDecayTest", () => {
  const npCosine = (step: number, decaySteps: number, alpha = 0) => {
    const fraction = Math.min(step, decaySteps) / decaySteps;
    return (1 - alpha) * 0.5 * (1 + Math.cos(Math.PI * fraction)) + alpha;
  };
  for (const [title, alpha] of [
    ["testDecay", 0],
    ["testAlpha", 0.1],
  ] as const) {
    it(title, () =>
      inGraph(() => {
        for (let step = 0; step < 1500; step += 250) {
          close(value(tf.train.cosineDecay(1.0, step, 1000, alpha)), npCosine(step, 1000, alpha), 2e-6);
        }
      }),
    );
  }
});

describe("control_flow_ops.py case", () => {
  it("validates pred_fn_pairs as TF does", () =>
    inGraph(() => {
      const t = tf.constant(1.0);
      expect(() => tf.case([[t, () => t]])).toThrow(`pred must be Tensor of type bool: ${t.name}`);
      expect(() => tf.case([[tf.constant(true), 3 as never]])).toThrow("fn for pred Const_1:0 must be callable.");
    }));

  it("no default: the last pair's fn, guarded", () =>
    inGraph(() => {
      const x = tf.placeholder(tf.int32, [], "x");
      const r = tf.case([
        [tf.less(x, 0), () => tf.constant(-1)],
        [tf.greaterEqual(x, 0), () => tf.constant(1)],
      ]) as tf.Tensor;
      const sess = new tf.Session();
      expect(sess.run(r, { "x:0": 5 }).item()).toBe(1);
      expect(sess.run(r, { "x:0": -5 }).item()).toBe(-1);
    }));
});

/** Runs `body` for steps 0, 250, ..., 1250 as the TF tests do (`for step in range(0, 1500, 250)`). */
function eachStep(body: (step: number) => void): void {
  for (let step = 0; step < 1500; step += 250) inGraph(() => body(step));
}

describe("learning_rate_decay_test.py CosineDecayRestartsTest", () => {
  /** CosineDecayRestartsTest.np_cosine_decay_restarts */
  function npCosineDecayRestarts(step: number, decaySteps: number, tMul = 2.0, mMul = 1.0, alpha = 0.0): number {
    let fac = 1.0;
    let s = step;
    let d = decaySteps;
    while (s >= d) {
      s -= d;
      d *= tMul;
      fac *= mMul;
    }
    const decay = fac * 0.5 * (1.0 + Math.cos((Math.PI * s) / d));
    return (1.0 - alpha) * decay + alpha;
  }

  it("testDecay", () =>
    eachStep((step) => {
      const lr = tf.train.cosineDecayRestarts(1.0, step, 1000);
      close(value(lr), npCosineDecayRestarts(step, 1000));
      expect([lr.name, lr.op.type]).toEqual(["SGDRDecay:0", "Mul"]);
    }));

  it("testAlpha", () =>
    eachStep((step) =>
      close(
        value(tf.train.cosineDecayRestarts(1.0, step, 1000, { alpha: 0.1 })),
        npCosineDecayRestarts(step, 1000, 2.0, 1.0, 0.1),
      ),
    ));

  it("testMMul", () =>
    eachStep((step) =>
      close(
        value(tf.train.cosineDecayRestarts(1.0, step, 1000, { mMul: 0.9 })),
        npCosineDecayRestarts(step, 1000, 2.0, 0.9),
      ),
    ));

  it("testTMul", () =>
    eachStep((step) =>
      close(
        value(tf.train.cosineDecayRestarts(1.0, step, 1000, { tMul: 1.0 })),
        npCosineDecayRestarts(step, 1000, 1.0),
      ),
    ));

  it("the graph: casts in TF's order, a cond on t_mul == 1, m_mul ** i_restart", () =>
    inGraph((g) => {
      tf.train.cosineDecayRestarts(1.0, 5, 1000, 2.0, 1.0, 0.0);
      const names = g.getOperations().map((op) => op.name);
      expect(names.slice(0, 2)).toEqual(["SGDRDecay/initial_learning_rate", "SGDRDecay/Cast/x"]);
      expect(names).toContain("SGDRDecay/cond/Floor");
      expect(names).toContain("SGDRDecay/pow");
      expect(g.getOperationByName("SGDRDecay/Equal").inputs[0].name).toBe("SGDRDecay/Cast_2:0");
    }));

  it("global_step is required (TF's ValueError)", () =>
    inGraph(() => {
      expect(() => tf.train.cosineDecayRestarts(1.0, null as unknown as number, 1000)).toThrow(
        "global_step is required for cosine_decay_restarts.",
      );
    }));
});

describe("learning_rate_decay_test.py LinearCosineDecayTest", () => {
  /** LinearCosineDecayTest.np_linear_cosine_decay */
  function npLinearCosineDecay(step: number, decaySteps: number, alpha = 0.0, beta = 0.001, numPeriods = 0.5): number {
    const s = Math.min(step, decaySteps);
    const linearDecayed = (decaySteps - s) / decaySteps;
    const fraction = (2.0 * numPeriods * s) / decaySteps;
    const cosineDecayed = 0.5 * (1.0 + Math.cos(Math.PI * fraction));
    return (alpha + linearDecayed) * cosineDecayed + beta;
  }

  it("testDefaultDecay", () =>
    eachStep((step) => {
      const lr = tf.train.linearCosineDecay(1.0, step, 1000);
      close(value(lr), npLinearCosineDecay(step, 1000));
      expect([lr.name, lr.op.type]).toEqual(["LinearCosineDecay:0", "Mul"]);
    }));

  it("testNonDefaultDecay", () =>
    eachStep((step) => {
      const lr = tf.train.linearCosineDecay(1.0, step, 1000, { alpha: 0.1, beta: 1e-4, numPeriods: 5 });
      close(value(lr), npLinearCosineDecay(step, 1000, 0.1, 1e-4, 5));
    }));
});

describe("learning_rate_decay_test.py NoisyLinearCosineDecayTest", () => {
  // The TF tests only evaluate (the noise cannot be tested deterministically); here the value is also bounded by
  // the noise-free schedule's terms and the graph holds the RandomStandardNormal.
  it("testDefaultNoisyLinearCosine", () =>
    eachStep((step) => {
      const lr = tf.train.noisyLinearCosineDecay(1.0, step, 1000);
      expect(Number.isFinite(value(lr))).toBe(true);
      expect(lr.name).toBe("NoisyLinearCosineDecay:0");
      expect(lr.graph.getOperationByName("NoisyLinearCosineDecay/random_normal/RandomStandardNormal").type).toBe(
        "RandomStandardNormal",
      );
    }));

  it("testNonDefaultNoisyLinearCosine", () =>
    eachStep((step) => {
      const lr = tf.train.noisyLinearCosineDecay(1.0, step, 1000, {
        initialVariance: 0.5,
        varianceDecay: 0.1,
        alpha: 0.1,
        beta: 1e-4,
        numPeriods: 5,
      });
      expect(Number.isFinite(value(lr))).toBe(true);
    }));

  it("zero initial variance leaves linear_cosine_decay's value", () =>
    eachStep((step) => {
      const noisy = tf.train.noisyLinearCosineDecay(1.0, step, 1000, { initialVariance: 0.0 });
      const plain = tf.train.linearCosineDecay(1.0, step, 1000);
      close(value(noisy), value(plain));
    }));
});
