// The ONNX writer, checked by the runtime that reads it: onnxruntime-web parses the bytes and computes the graph.
import * as ort from "onnxruntime-web";
import { describe, expect, it } from "vitest";
import { onnxModel } from "./model";

describe("onnxModel", () => {
  it("writes a model onnxruntime-web loads and runs: initializers, a fed input, int and ints attributes", async () => {
    const model = onnxModel({
      nodes: [
        { op: "Gemm", inputs: ["a", "b"], outputs: ["ab"], attrs: { transB: 1 } },
        { op: "Add", inputs: ["ab", "x"], outputs: ["sum"] },
        { op: "ReduceSum", inputs: ["sum", "axes"], outputs: ["y"], attrs: { keepdims: 0 } },
      ],
      initializers: [
        { name: "a", shape: [1, 2], data: new Float32Array([1, 2]) },
        { name: "b", shape: [2, 2], data: new Float32Array([3, 4, 5, 6]) }, // transposed: columns [3, 4], [5, 6]
        { name: "axes", shape: [1], data: { int64: [0] } },
      ],
      inputs: [{ name: "x", shape: [1, 2] }],
      outputs: [{ name: "y", shape: [2] }],
    });
    const session = await ort.InferenceSession.create(model, { executionProviders: ["wasm"] });
    const { y } = await session.run({ x: new ort.Tensor("float32", new Float32Array([10, 20]), [1, 2]) });
    expect(y!.dims).toEqual([2]);
    expect(Array.from(y!.data as Float32Array)).toEqual([1 * 3 + 2 * 4 + 10, 1 * 5 + 2 * 6 + 20]);
    await session.release();
  });

  it("holds an initializer larger than a JS array of its bytes could (16M floats)", () => {
    const n = 16 << 20;
    const bytes = onnxModel({
      nodes: [{ op: "Identity", inputs: ["big"], outputs: ["out"] }],
      initializers: [{ name: "big", shape: [n], data: new Float32Array(n) }],
      outputs: [{ name: "out", shape: [n] }],
    });
    expect(bytes.length).toBeGreaterThan(n * 4);
  });
});
