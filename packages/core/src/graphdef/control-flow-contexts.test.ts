// meta_graph.py / control_flow_ops.py: the cond_context and while_context collections of a MetaGraphDef, as
// CondContextDef and WhileContextDef bytes (CondContext.to_proto, WhileContext.to_proto, _to_values_def).
import { describe, expect, it } from "vitest";
import * as tf from "../index";
import { decodeMessage } from "../proto/codec";
import type { CondContextDef, WhileContextDef } from "../proto/types";
import { inGraph } from "../scopes/test-helpers";
import { createMetaGraphDef } from "./meta-graph";

describe("control flow contexts in MetaGraphDef collections", () => {
  it("a cond's two CondContextDefs and a while loop's WhileContextDef, with a cond nested in the loop", () =>
    inGraph((g) => {
      const x = tf.constant(2, { name: "x" });
      const y = tf.constant(5, { name: "y" });
      tf.cond(
        tf.less(x, y),
        () => tf.multiply(x, 17),
        () => tf.add(y, 23),
      );
      const max = tf.constant(7, { name: "max" });
      tf.whileLoop(
        (i: tf.Tensor) => tf.less(i, 10),
        (i: tf.Tensor) =>
          tf.cond(
            tf.less(i, 3),
            () => tf.add(i, 1),
            () => tf.add(i, 2),
          ),
        [tf.constant(0, { name: "i0" })],
        { maximumIterations: max },
      );
      const meta = createMetaGraphDef({ graph: g });
      const conds = (meta.collectionDef?.cond_context?.bytesList?.value ?? []).map((b) =>
        decodeMessage<CondContextDef>("CondContextDef", b),
      );
      expect(conds.map((c) => [c.contextName, c.predName, c.pivotName, c.branch])).toEqual([
        ["cond/cond_text", "cond/pred_id:0", "cond/switch_t:0", 1],
        ["cond/cond_text_1", "cond/pred_id:0", "cond/switch_f:0", 0],
      ]);
      expect(conds[0].valuesDef.externalValues).toEqual({
        "cond/pred_id:0": "cond/pred_id:0",
        "x:0": "cond/Mul/Switch:1",
      });
      expect(conds[0].valuesDef.values).toEqual([...conds[0].valuesDef.values].sort());
      expect(conds[0].valuesDef.values).toContain("cond/Mul:0");
      const loops = (meta.collectionDef?.while_context?.bytesList?.value ?? []).map((b) =>
        decodeMessage<WhileContextDef>("WhileContextDef", b),
      );
      expect(loops).toHaveLength(1);
      const w = loops[0];
      expect([w.contextName, w.parallelIterations, w.backProp, w.swapMemory, w.maximumIterationsName]).toEqual([
        "while/while_context",
        10,
        true,
        false,
        "max:0",
      ]);
      expect([w.pivotName, w.pivotForPredName, w.pivotForBodyName]).toEqual([
        "while/LoopCond:0",
        "while/Merge:0",
        "while/Identity:0",
      ]);
      expect(w.loopExitNames).toEqual(["while/Exit:0", "while/Exit_1:0"]);
      expect(w.loopEnterNames).toEqual(["while/Enter:0", "while/Enter_1:0"]);
      expect(w.valuesDef.externalValues["max:0"]).toBe("while/Less/Enter:0");
      expect(w.nestedContexts.map((n) => n.condCtxt?.contextName)).toEqual([
        "while/cond/cond_text",
        "while/cond/cond_text_1",
      ]);
    }));

  it("export_scope: names relative to it, contexts outside it left out", () =>
    inGraph((g) => {
      tf.nameScope("outer", () =>
        tf.cond(
          tf.constant(true),
          () => tf.constant(1),
          () => tf.constant(2),
        ),
      );
      tf.cond(
        tf.constant(false),
        () => tf.constant(3),
        () => tf.constant(4),
      );
      const meta = createMetaGraphDef({ graph: g, exportScope: "outer" });
      const conds = (meta.collectionDef?.cond_context?.bytesList?.value ?? []).map((b) =>
        decodeMessage<CondContextDef>("CondContextDef", b),
      );
      expect(conds.map((c) => c.contextName)).toEqual(["cond/cond_text", "cond/cond_text_1"]);
    }));
});
