// The file ops' reference kernels (file-kernel-registry.ts) are registered by the code that builds or imports such
// ops. The tests run in order in one module instance: the first sees nothing registered.
import { describe, expect, it } from "vitest";
import { UnimplementedError } from "../../errors";
import { decodeSummary } from "../../formats/summary-builders";
import { string } from "../../framework/dtypes";
import { Graph } from "../../framework/graph";
import { importGraphDef } from "../../graphdef/import-graph-def";
import { constantOp, createOp } from "../../ops/op-builder";
import { opDefs } from "../../ops/op-defs";
import { Session } from "../../session/session";

/** A ScalarSummary made with createOp, as no public call makes one (the Session's summary op `loss`). */
function rawScalarSummary(graph: Graph) {
  return graph.asDefault(() => {
    const tags = constantOp("loss", string, null, "tags");
    const values = constantOp(0.5, "float32", null, "values");
    return createOp(opDefs.ScalarSummary, [tags, values], { name: "loss", attrs: { T: values.dtype }, shapes: [[]] })
      .outputs[0];
  });
}

function simpleValues(bytes: unknown): [string, number | undefined][] {
  return decodeSummary(bytes as Uint8Array).value.map((v) => [v.tag, v.simpleValue]);
}

describe("file kernels, registered by what builds or imports file ops", () => {
  it("a file op made another way, nothing registered: UnimplementedError naming the op and the calls that register", () => {
    const graph = new Graph();
    const summary = rawScalarSummary(graph);
    const run = () => new Session({ graph }).run(summary);
    expect(run).toThrow(UnimplementedError);
    expect(run).toThrow(
      "ScalarSummary 'loss' reads or writes a TF file format, whose codecs load with the code that builds or imports such ops (tf.summary's ops, tf.train.Saver's save and restore, tf.train.initFromCheckpoint, tf.importGraphDef, tf.train.importMetaGraph, tf.savedModel.loader.load); this graph got the op another way: call one of them first.",
    );
    // The failed run changed nothing: the graph still holds the op, and runs it once the kernels are registered.
    expect(graph.getOperations().map((op) => op.type)).toEqual(["Const", "Const", "ScalarSummary"]);
  });

  it("importGraphDef registers them: the imported summary op runs, and so does the raw one", () => {
    const source = new Graph();
    rawScalarSummary(source);
    const graph = new Graph();
    graph.asDefault(() => importGraphDef(source.asGraphDef(), { name: "" }));
    const sess = new Session({ graph });
    expect(simpleValues(sess.run("loss:0")?.item())).toEqual([["loss", 0.5]]);
    const other = new Graph();
    const raw = rawScalarSummary(other);
    expect(simpleValues(new Session({ graph: other }).run(raw).item())).toEqual([["loss", 0.5]]);
  });
});
