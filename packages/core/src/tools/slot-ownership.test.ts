// tf.tools.slotOwnership: each variable's slots (slot_creator.py) and non-slot variables, and a second optimizer's copies.
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { inGraph } from "../scopes/test-helpers";

describe("tf.tools.slotOwnership", () => {
  it("one Adam: v/Adam (m) and v/Adam_1 (v), beta1_power and beta2_power, no duplicates", () =>
    inGraph(() => {
      const v = tf.getVariable("v", [3]);
      const w = tf.getVariable("w", [2]);
      new tf.train.AdamOptimizer(0.1).minimize(tf.reduceSum(v).add(tf.reduceSum(w)));
      const nonSlots = [
        { name: "beta1_power", optimizer: "Adam", instance: 1 },
        { name: "beta2_power", optimizer: "Adam", instance: 1 },
      ];
      expect(tf.tools.slotOwnership()).toEqual([
        {
          variable: "v",
          slots: [
            { name: "v/Adam", slot: "m", optimizer: "Adam", instance: 1 },
            { name: "v/Adam_1", slot: "v", optimizer: "Adam", instance: 1 },
          ],
          nonSlots,
          duplicates: [],
          warnings: [],
        },
        {
          variable: "w",
          slots: [
            { name: "w/Adam", slot: "m", optimizer: "Adam", instance: 1 },
            { name: "w/Adam_1", slot: "v", optimizer: "Adam", instance: 1 },
          ],
          nonSlots,
          duplicates: [],
          warnings: [],
        },
      ]);
    }));

  it("two Adams on the same variable: v/Adam_2, v/Adam_3 and beta1_power_1 are the second one's", () =>
    inGraph(() => {
      const v = tf.getVariable("v", [3]);
      const loss = tf.reduceSum(v);
      new tf.train.AdamOptimizer(0.1).minimize(loss);
      new tf.train.AdamOptimizer(0.1).minimize(loss); // the model code run again, say
      const [row] = tf.tools.slotOwnership();
      expect(row.slots.map((s) => [s.name, s.slot, s.instance])).toEqual([
        ["v/Adam", "m", 1],
        ["v/Adam_1", "v", 1],
        ["v/Adam_2", "m", 2],
        ["v/Adam_3", "v", 2],
      ]);
      expect(row.nonSlots.map((n) => [n.name, n.instance])).toEqual([
        ["beta1_power", 1],
        ["beta2_power", 1],
        ["beta1_power_1", 2],
        ["beta2_power_1", 2],
      ]);
      expect(row.duplicates).toEqual(["v/Adam_2", "v/Adam_3"]);
      expect(row.warnings).toEqual([
        "v has slots from more than one Adam optimizer: v/Adam_2, v/Adam_3 (and beta1_power_1, beta2_power_1) come from another instance. Each optimizer keeps its own moments and a checkpoint saves them all; a second optimizer usually means minimize() was called again on a new optimizer (or the model code ran twice in one graph). Create the optimizer once.",
      ]);
    }));

  it("one optimizer called twice makes its slots once; Momentum's slot is v/Momentum", () =>
    inGraph(() => {
      const v = tf.getVariable("v", [3]);
      const opt = new tf.train.MomentumOptimizer(0.1, 0.9);
      opt.minimize(tf.reduceSum(v));
      opt.minimize(tf.reduceSum(v).mul(2));
      expect(tf.tools.slotOwnership()).toEqual([
        {
          variable: "v",
          slots: [{ name: "v/Momentum", slot: "momentum", optimizer: "Momentum", instance: 1 }],
          nonSlots: [],
          duplicates: [],
          warnings: [],
        },
      ]);
    }));

  it("two different optimizers on one variable are not duplicates of each other", () =>
    inGraph(() => {
      const v = tf.getVariable("v", [3]);
      new tf.train.MomentumOptimizer(0.1, 0.9).minimize(tf.reduceSum(v));
      new tf.train.AdamOptimizer(0.1).minimize(tf.reduceSum(v));
      const [row] = tf.tools.slotOwnership();
      expect(row.slots.map((s) => [s.name, s.optimizer, s.instance])).toEqual([
        ["v/Momentum", "Momentum", 1],
        ["v/Adam", "Adam", 2],
        ["v/Adam_1", "Adam", 2],
      ]);
      expect(row.duplicates).toEqual([]);
      expect(tf.tools.slotOwnership(new tf.Graph())).toEqual([]);
    }));
});
