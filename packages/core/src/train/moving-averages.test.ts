// Ports of tensorflow/python/training/moving_averages_test.py (TF 1.15) MovingAveragesTest and
// ExponentialMovingAverageTest, graph mode.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";
import { assignMovingAverage, weightedMovingAverage } from "./moving-averages";

const close = (a: unknown, b: number | number[], digits = 5) => {
  const xs = Array.isArray(a) ? (a as number[]) : [a as number];
  const ys = Array.isArray(b) ? b : [b];
  expect(xs.length).toBe(ys.length);
  xs.forEach((x, i) => expect(x).toBeCloseTo(ys[i] as number, digits));
};
const evaluate = (sess: tf.Session, t: tf.Tensor | tf.Variable) => sess.run(t as tf.Tensor).toArray();

describe("moving_averages_test.py MovingAveragesTest", () => {
  it("MovingAveragesTest.testAssignMovingAverageWithoutZeroDebias", () =>
    inGraph(() => {
      const v = new tf.Variable([10.0, 11.0], { dtype: tf.float32 });
      const val = tf.constant([1.0, 2.0], tf.float32);
      const assign = assignMovingAverage(v, val, 0.25, { zeroDebias: false });
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      close(evaluate(sess, v), [10, 11]);
      sess.run(assign.op);
      close(evaluate(sess, v), [10.0 * 0.25 + 1.0 * (1.0 - 0.25), 11.0 * 0.25 + 2.0 * (1.0 - 0.25)]);
      expect(assign.op.name).toBe("AssignMovingAvg");
      expect(assign.op.type).toBe("AssignSub");
      expect(assign.op.inputs[1]?.op.name).toBe("AssignMovingAvg/mul");
      expect(tf.getDefaultGraph().getOperationByName("AssignMovingAvg/decay")?.type).toBe("Const");
    }));

  it("MovingAveragesTest.testAssignMovingAverage (zero debias)", () =>
    inGraph(() => {
      const v = new tf.Variable([0.0, 0.0], { dtype: tf.float32 });
      const val = tf.constant([1.0, 2.0], tf.float32);
      const assign = assignMovingAverage(v, val, 0.25);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      close(evaluate(sess, v), [0, 0]);
      sess.run(assign.op);
      close(evaluate(sess, v), [(1.0 * (1.0 - 0.25)) / (1 - 0.25), (2.0 * (1.0 - 0.25)) / (1 - 0.25)]);
      expect(assign.op.name).toBe("AssignMovingAvg");
      expect(assign.op.type).toBe("Assign");
      expect(tf.globalVariables().map((x) => x.name)).toEqual([
        "Variable:0",
        // Variable names follow the variable scope (the root here), not the AssignMovingAvg name scope.
        "Variable/biased:0",
        "Variable/local_step:0",
      ]);
    }));

  it("MovingAveragesTest.testAssignMovingAverageNewNamingMultipleCalls", () =>
    inGraph(() => {
      const vs1 = tf.variableScope("scope1", (vs1) => {
        tf.variableScope("scope2", () => {
          const v = new tf.Variable(1.0, { name: "Var", dtype: tf.float32 });
          assignMovingAverage(v, 0.0, 0.99);
          assignMovingAverage(v, 0.0, 0.99);
        });
        return vs1;
      });
      expect(new Set(vs1.globalVariables().map((v) => (v as tf.Variable).name))).toEqual(
        new Set([
          "scope1/scope2/Var:0",
          "scope1/scope2/scope1/scope2/Var/biased:0",
          "scope1/scope2/scope1/scope2/Var/local_step:0",
          "scope1/scope2/scope1/scope2/Var/biased_1:0",
          "scope1/scope2/scope1/scope2/Var/local_step_1:0",
        ]),
      );
    }));

  it("MovingAveragesTest.testAssignMovingAverageNewNamingMultipleCallsWithReuse", () =>
    inGraph(() => {
      const vs1 = tf.variableScope("scope1", (vs1) => {
        const v = tf.getVariable("Var", []);
        assignMovingAverage(v as tf.Variable, 0.0, 0.99);
        assignMovingAverage(v as tf.Variable, 0.0, 0.99);
        return vs1;
      });
      tf.variableScope(vs1, { reuse: true }, () => {
        const v = tf.getVariable("Var", []);
        assignMovingAverage(v as tf.Variable, 0.0, 0.99);
        assignMovingAverage(v as tf.Variable, 0.0, 0.99);
      });
    }));

  it("MovingAveragesTest.testWeightedMovingAverage", () =>
    inGraph(() => {
      const decay = 0.5;
      const weight = tf.placeholder(tf.float32, []);
      const val = tf.placeholder(tf.float32, []);
      const wma = weightedMovingAverage(val, decay, weight);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      const [val1, weight1] = [3.0, 4.0];
      let out = sess
        .run(
          wma,
          new Map([
            [val, val1],
            [weight, weight1],
          ]),
        )
        .item() as number;
      const numerator1 = val1 * weight1 * (1.0 - decay);
      const denominator1 = weight1 * (1.0 - decay);
      close(out, numerator1 / denominator1);
      const [val2, weight2] = [11.0, 22.0];
      out = sess
        .run(
          wma,
          new Map([
            [val, val2],
            [weight, weight2],
          ]),
        )
        .item() as number;
      const numerator2 = numerator1 * decay + val2 * weight2 * (1.0 - decay);
      const denominator2 = denominator1 * decay + weight2 * (1.0 - decay);
      close(out, numerator2 / denominator2);
      // truediv(..., name=scope.name) inside the scope's own name scope.
      expect(wma.op.name).toBe("WeightedMovingAvg/WeightedMovingAvg");
    }));
});

const repeat = (value: number, dim: number): number | number[] => (dim === 1 ? value : Array(dim).fill(value));

/** moving_averages_test.py: ExponentialMovingAverageTest._CheckDecay */
function checkDecay(ema: tf.train.ExponentialMovingAverage, actualDecay: number, dim: number, zeroDebias: boolean) {
  const scale = (dk: number, steps: number) => (zeroDebias ? 1 - dk ** steps : 1);
  const tens = repeat(10.0, dim);
  const thirties = repeat(30.0, dim);
  const var0 = new tf.Variable(tens, { name: "v0", dtype: tf.float32 });
  const var1 = new tf.Variable(thirties, { name: "v1", dtype: tf.float32 });
  const sess = new tf.Session();
  sess.run(tf.globalVariablesInitializer());
  const tensor2 = var0.add(var1);
  const update = ema.apply([var0, var1, tensor2]);
  const avg0 = ema.average(var0) as tf.Variable;
  const avg1 = ema.average(var1) as tf.Variable;
  const avg2 = ema.average(tensor2) as tf.Variable;
  expect(new Set(tf.getDefaultGraph().getCollection(tf.GraphKeys.MOVING_AVERAGE_VARIABLES))).toEqual(
    new Set([var0, var1]),
  );
  for (const a of [avg0, avg1, avg2]) expect(tf.trainableVariables()).not.toContain(a);
  sess.run(tf.globalVariablesInitializer());
  expect(avg0.name).toBe("v0/ExponentialMovingAverage:0");
  expect(avg1.name).toBe("v1/ExponentialMovingAverage:0");
  expect(avg2.name).toBe("add/ExponentialMovingAverage:0");
  close(evaluate(sess, var0), tens);
  close(evaluate(sess, var1), thirties);
  close(evaluate(sess, tensor2), repeat(40, dim));
  close(evaluate(sess, avg0), tens);
  close(evaluate(sess, avg1), thirties);
  close(evaluate(sess, avg2), repeat(0, dim));
  sess.run(update);
  const dk = actualDecay;
  close(evaluate(sess, avg0), repeat(10.0 * dk + 10.0 * (1 - dk), dim), 4);
  close(evaluate(sess, avg1), repeat(30.0 * dk + 30.0 * (1 - dk), dim), 4);
  close(evaluate(sess, avg2), repeat((0.0 * dk + (10.0 + 30.0) * (1 - dk)) / scale(dk, 1), dim), 4);
  sess.run(update);
  close(evaluate(sess, avg0), repeat((10.0 * dk + 10.0 * (1 - dk)) * dk + 10.0 * (1 - dk), dim), 4);
  close(evaluate(sess, avg1), repeat((30.0 * dk + 30.0 * (1 - dk)) * dk + 30.0 * (1 - dk), dim), 4);
  close(
    evaluate(sess, avg2),
    repeat(((0.0 * dk + (10.0 + 30.0) * (1 - dk)) * dk + (10.0 + 30.0) * (1 - dk)) / scale(dk, 2), dim),
    4,
  );
  expect(update.name).toBe("ExponentialMovingAverage");
  expect(update.type).toBe("NoOp");
}

describe("moving_averages_test.py ExponentialMovingAverageTest", () => {
  for (const [title, numUpdates, zeroDebias, dim, dk] of [
    ["testAverageVariablesNoNumUpdates_Scalar", null, false, 1, 0.25],
    ["testAverageVariablesNoNumUpdates_Scalar_Debias", null, true, 1, 0.25],
    ["testAverageVariablesNoNumUpdates_Vector", null, false, 5, 0.25],
    ["testAverageVariablesNoNumUpdates_Vector_Debias", null, true, 5, 0.25],
    ["testAverageVariablesNumUpdates_Scalar", 1, false, 1, 0.181818],
    ["testAverageVariablesNumUpdates_Scalar_Debias", 1, true, 1, 0.181818],
    ["testAverageVariablesNumUpdates_Vector", 1, false, 5, 0.181818],
    ["testAverageVariablesNumUpdates_Vector_Debias", 1, true, 5, 0.181818],
  ] as const) {
    it(`ExponentialMovingAverageTest.${title}`, () =>
      inGraph(() => {
        const ema = new tf.train.ExponentialMovingAverage(0.25, { numUpdates, zeroDebias });
        checkDecay(ema, dk, dim, zeroDebias);
      }));
  }

  it("ExponentialMovingAverageTest: num_updates ops (num_updates Cast, add/x, truediv, Minimum)", () =>
    inGraph((g) => {
      const v = new tf.Variable(1.0, { name: "v", dtype: tf.float32 });
      new tf.train.ExponentialMovingAverage(0.25, { numUpdates: 1 }).apply([v]);
      for (const [name, type] of [
        ["ExponentialMovingAverage/decay", "Const"],
        ["ExponentialMovingAverage/num_updates", "Cast"],
        ["ExponentialMovingAverage/add", "AddV2"],
        ["ExponentialMovingAverage/truediv", "RealDiv"],
        ["ExponentialMovingAverage/Minimum", "Minimum"],
        ["ExponentialMovingAverage/AssignMovingAvg", "AssignSub"],
        ["ExponentialMovingAverage/AssignMovingAvg/sub", "Sub"],
        ["IsVariableInitialized", "IsVariableInitialized"],
      ] as const) {
        expect(g.getOperationByName(name)?.type).toBe(type);
      }
      const avg = g.getOperationByName("v/ExponentialMovingAverage");
      expect(avg?.attrs._class).toEqual(["loc:@v"]);
    }));

  it("ExponentialMovingAverageTest.testAverageVariablesWithControlDeps", () =>
    inGraph(() => {
      const v0 = new tf.Variable(0, { name: "v0" });
      const addToV0 = v0.assignAdd(1);
      const v1 = new tf.Variable([10.0], { name: "v1", dtype: tf.float32 });
      const assignToV1 = v1.assign([20.0]);
      const ema = new tf.train.ExponentialMovingAverage(0.25);
      const emaOp = tf.controlDependencies([addToV0], () => ema.apply([v1]));
      const v1Avg = ema.average(v1) as tf.Variable;
      expect(v1Avg.initializer.controlInputs).toEqual([]);
      expect(v1Avg.value().op.controlInputs).toEqual([]);
      const sess = new tf.Session();
      sess.run(v1Avg.initializer);
      sess.run(v0.initializer);
      expect(evaluate(sess, v1Avg)).toEqual([10]);
      sess.run(v1.initializer);
      sess.run(assignToV1);
      sess.run(emaOp);
      expect(evaluate(sess, v0)).toBe(1);
      expect(evaluate(sess, v1Avg)).toEqual([17.5]);
    }));

  it("ExponentialMovingAverageTest.testBasicEager (graph mode)", () =>
    inGraph(() => {
      const v0 = new tf.Variable(1.0, { dtype: tf.float32 });
      const v1 = new tf.Variable(2.0, { dtype: tf.float32 });
      const ema = new tf.train.ExponentialMovingAverage(0.25);
      const op = ema.apply([v0, v1]);
      const sess = new tf.Session();
      sess.run(tf.globalVariablesInitializer());
      sess.run(op);
      sess.run(v0.assign(2.0));
      sess.run(v1.assign(4.0));
      sess.run(ema.apply([v0, v1]));
      expect(evaluate(sess, ema.average(v0) as tf.Variable)).toBe(1.75);
      expect(evaluate(sess, ema.average(v1) as tf.Variable)).toBe(3.5);
    }));

  for (const zeroDebias of [true, false]) {
    it(`ExponentialMovingAverageTest.testAverageVariablesNames${zeroDebias ? "" : "NoDebias"}`, () =>
      inGraph(() => {
        const v0 = new tf.Variable(10.0, { name: "v0", dtype: tf.float32 });
        const v1 = new tf.Variable(30.0, { name: "v1", dtype: tf.float32 });
        const v2 = new tf.Variable(20.0, { name: "v2", trainable: false, dtype: tf.float32 });
        const tensor2 = v0.add(v1);
        const ema = new tf.train.ExponentialMovingAverage(0.25, { zeroDebias, name: "foo" });
        expect(ema.name).toBe("foo");
        expect(ema.averageName(v0)).toBe("v0/foo");
        expect(ema.averageName(v1)).toBe("v1/foo");
        expect(ema.averageName(tensor2)).toBe("add/foo");
        ema.apply([v0, v1, tensor2]);
        const varsToRestore = ema.variablesToRestore();
        const expected = [ema.averageName(v0), ema.averageName(v1), ema.averageName(tensor2), v2.op.name];
        if (zeroDebias) expected.push(`${ema.averageName(tensor2)}/biased`, `${ema.averageName(tensor2)}/local_step`);
        expect(Object.keys(varsToRestore).sort()).toEqual(expected.sort());
        expect(ema.average(v0)?.op.name).toBe(ema.averageName(v0));
        expect(ema.average(v1)?.op.name).toBe(ema.averageName(v1));
        expect(ema.average(tensor2)?.op.name).toBe(ema.averageName(tensor2));
      }));

    it(`ExponentialMovingAverageTest.testAverageVariablesNamesRespectScope${zeroDebias ? "" : "NoDebias"}`, () =>
      inGraph(() => {
        const [v0, v1, v2, tensor2] = tf.variableScope("scope1", () => {
          const v0 = new tf.Variable(10.0, { name: "v0", dtype: tf.float32 });
          const v1 = new tf.Variable(30.0, { name: "v1", dtype: tf.float32 });
          const v2 = new tf.Variable(20.0, { name: "v2", trainable: false, dtype: tf.float32 });
          return [v0, v1, v2, v0.add(v1)] as const;
        });
        tf.variableScope("scope2", () => {
          const ema = new tf.train.ExponentialMovingAverage(0.25, { zeroDebias, name: "foo" });
          expect(ema.averageName(v0)).toBe("scope2/scope1/v0/foo");
          expect(ema.averageName(v1)).toBe("scope2/scope1/v1/foo");
          expect(ema.averageName(tensor2)).toBe("scope2/scope1/add/foo");
          ema.apply([v0, v1, tensor2]);
          const varsToRestore = ema.variablesToRestore();
          const expected = [ema.averageName(v0), ema.averageName(v1), ema.averageName(tensor2), v2.op.name];
          if (zeroDebias) {
            const sc = "scope2/";
            expected.push(`${sc}${ema.averageName(tensor2)}/biased`, `${sc}${ema.averageName(tensor2)}/local_step`);
          }
          expect(Object.keys(varsToRestore).sort()).toEqual(expected.sort());
          expect(ema.average(v0)?.op.name).toBe(ema.averageName(v0));
          expect(ema.average(v1)?.op.name).toBe(ema.averageName(v1));
          expect(ema.average(tensor2)?.op.name).toBe(ema.averageName(tensor2));
        });
      }));
  }

  it("ExponentialMovingAverageTest.testSubsetAverageVariablesNames", () =>
    inGraph(() => {
      const v0 = new tf.Variable(10.0, { name: "v0", dtype: tf.float32 });
      const v1 = new tf.Variable(30.0, { name: "v1", dtype: tf.float32 });
      const v2 = new tf.Variable(20.0, { name: "v2", trainable: false, dtype: tf.float32 });
      const tensor2 = v0.add(v1);
      const ema = new tf.train.ExponentialMovingAverage(0.25, { name: "foo_avg" });
      expect(ema.averageName(v0)).toBe("v0/foo_avg");
      expect(ema.averageName(v1)).toBe("v1/foo_avg");
      expect(ema.averageName(tensor2)).toBe("add/foo_avg");
      const varsToRestore = ema.variablesToRestore([v0, tensor2]);
      expect(Object.keys(varsToRestore).sort()).toEqual(
        [ema.averageName(v0), ema.averageName(tensor2), v1.op.name, v2.op.name].sort(),
      );
      ema.apply([v0, v1, tensor2]);
      expect(ema.average(v0)?.op.name).toBe(ema.averageName(v0));
      expect(ema.average(v1)?.op.name).toBe(ema.averageName(v1));
      expect(ema.average(tensor2)?.op.name).toBe(ema.averageName(tensor2));
    }));

  it("ExponentialMovingAverageTest.testAverageVariablesDeviceAssignment (the colocation part: no tf.device here)", () =>
    inGraph(() => {
      const v0 = new tf.Variable(10.0, { name: "v0", dtype: tf.float32 });
      const tensor2 = v0.add(v0);
      const ema = new tf.train.ExponentialMovingAverage(0.25, { name: "foo_avg" });
      ema.apply([v0, tensor2]);
      expect(ema.average(v0)?.op.attrs._class).toEqual(["loc:@v0"]);
      // Not colocated with the Tensor's op: only the variable's own group (variables.py's attr_scope).
      expect(ema.average(tensor2)?.op.attrs._class).toEqual(["loc:@add/foo_avg"]);
    }));

  it("ExponentialMovingAverage + Saver: variablesToRestore restores the averages into the variables", () =>
    inGraph(() => {
      const v = new tf.Variable(10.0, { name: "v", dtype: tf.float32 });
      const ema = new tf.train.ExponentialMovingAverage(0.5);
      const update = ema.apply([v]);
      expect(ema.variablesToRestore()).toEqual({ "v/ExponentialMovingAverage": v });
      expect(Object.keys(ema.variablesToRestore()).length).toBe(1);
      expect(update.type).toBe("NoOp");
    }));
});
