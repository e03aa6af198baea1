// The rarely used kernel families of builder-kernel-stand-ins.ts are registered by the builders that make their ops.
// The tests run in order in one module instance: the first sees nothing registered.
import { describe, expect, it } from "vitest";
import { UnimplementedError } from "../../errors";
import { Graph } from "../../framework/graph";
import { gatherNd } from "../../ops/gather-scatter-nd-ops";
import { constantOp, createOp } from "../../ops/op-builder";
import { opDefs } from "../../ops/op-defs";
import { Session } from "../../session/session";

/** A GatherNd made with createOp, not through tf.gatherNd: nothing registers its kernel. */
function rawGatherNd(graph: Graph) {
  return graph.asDefault(() => {
    const params = constantOp([10, 20, 30], "float32", null, "params");
    const indices = constantOp([[2], [0]], "int32", null, "indices");
    return createOp(opDefs.GatherNd, [params, indices], {
      name: "picked",
      attrs: { Tparams: params.dtype, Tindices: indices.dtype },
      shapes: [[2]],
    }).outputs[0];
  });
}

describe("builder-registered kernels", () => {
  it("an op made another way, nothing registered: UnimplementedError naming the op and what registers it", () => {
    const graph = new Graph();
    const picked = rawGatherNd(graph);
    const run = () => new Session({ graph }).run(picked);
    expect(run).toThrow(UnimplementedError);
    expect(run).toThrow(
      "GatherNd 'picked' has its kernel loaded by the code that builds such ops (the tf function that makes it, tf.importGraphDef, tf.train.importMetaGraph, tf.savedModel.loader.load); this graph got the op another way: call one of them first.",
    );
    expect(graph.getOperations().map((op) => op.type)).toEqual(["Const", "Const", "GatherNd"]);
  });

  it("tf.gatherNd registers the family: its op runs, and so does the raw one", () => {
    const graph = new Graph();
    const y = graph.asDefault(() =>
      gatherNd(
        [
          [1, 2],
          [3, 4],
        ],
        [[1, 0]],
      ),
    );
    expect(Array.from(new Session({ graph }).run(y).data as Float32Array)).toEqual([3]);
    const other = new Graph();
    const picked = rawGatherNd(other);
    expect(Array.from(new Session({ graph: other }).run(picked).data as Float32Array)).toEqual([30, 10]);
  });
});
