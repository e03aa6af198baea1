// The onnxruntime-web peer: its wasm execution provider (SIMD, threaded build) on the ONNX form of a case, with a
// thread count fixed when the runtime first initializes, hence one process (Node) or page (Chromium) per count.
import type * as ort from "onnxruntime-web";
import type { CaseSpec } from "../cases";
import { onnxModel } from "../onnx/model";

export type Ort = typeof ort;

/** One session per case, run over its initializers (resident) and the case's feeds. */
export async function ortRun(
  runtime: Ort,
  onnx: Exclude<CaseSpec["onnx"], { none: string }>,
): Promise<{ run(): Promise<unknown>; dispose(): Promise<void> }> {
  // Graph optimizations off: constant folding would compute the op at load time from its initializers.
  const session = await runtime.InferenceSession.create(onnxModel(onnx.graph()), {
    executionProviders: ["wasm"],
    graphOptimizationLevel: "disabled",
  });
  const feeds = Object.fromEntries(
    Object.entries(onnx.feeds?.() ?? {}).map(([name, t]) => [name, new runtime.Tensor("float32", t.data, t.shape)]),
  );
  return {
    run: async () => {
      const outputs = await session.run(feeds);
      for (const t of Object.values(outputs)) t.dispose();
    },
    dispose: () => session.release(),
  };
}
