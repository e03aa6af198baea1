// tensor_util.py: make_tensor_proto keeps a value given with a larger shape as that one value (`float_val: 0` for
// tf.zeros-style constants), writes full arrays as tensor_content, and an imported short list survives a round trip.
import { describe, expect, it } from "vitest";
import { decodeGraphDef } from "../graphdef/graphdef-codec";
import { importGraphDef } from "../graphdef/import-graph-def";
import * as tf from "../index";

const constValue = (g: tf.Graph, name: string) =>
  g.asGraphDef().node?.find((n) => n.name === name)?.attr?.value?.tensor;

describe("Const values in GraphDefs, as make_tensor_proto writes them", () => {
  it("one value with a larger shape stays one value; a full array is tensor_content; a scalar is one value", () => {
    const g = new tf.Graph();
    g.asDefault(() => {
      tf.constant(0, tf.float32, [2, 3], "zeros");
      tf.constant([1, 2, 3], tf.float32, null, "full");
      tf.constant(7, tf.int32, null, "scalar");
      tf.constant([[5]], tf.int64, [2, 2], "nested");
    });
    expect(constValue(g, "zeros")).toEqual({
      dtype: "DT_FLOAT",
      tensorShape: { dim: [{ size: 2 }, { size: 3 }] },
      floatVal: [0],
    });
    expect(constValue(g, "full")?.tensorContent?.length).toBe(12);
    expect(constValue(g, "full")?.floatVal ?? []).toEqual([]);
    expect(constValue(g, "scalar")?.intVal).toEqual([7]);
    expect(constValue(g, "nested")?.int64Val).toEqual([5]);
  });

  it("an imported short value list is exported as it came, and its array holds the repeated values", () => {
    const text = `node { name: "c" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
      attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 4 } } float_val: 1 float_val: 2 } } } }`;
    const g = new tf.Graph();
    g.asDefault(() => {
      importGraphDef(decodeGraphDef(text), { name: "" });
      expect((new tf.Session().run("c:0") as tf.NDArray).toArray()).toEqual([1, 2, 2, 2]);
    });
    expect(constValue(g, "c")?.floatVal).toEqual([1, 2]);
    expect(constValue(g, "c")?.tensorContent).toBeUndefined();
  });
});
