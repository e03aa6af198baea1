// Threads: the split kernels give the same bits on 1, 2 and 3 threads (output rows are split, never a sum), the pool
// can be resized and stopped over the same memory, and a runtime or build that cannot share memory stays on one
// thread and says why. Node runs the threads; a Chromium page that is not cross-origin isolated (the vitest
// browser server sends no COOP/COEP headers) checks the one-thread fallback and its reason.
import { dtypes, type KernelContext, NDArray } from "@scopeflow/core/kernels";
import { uniform } from "@scopeflow/test-kit";
import { loadBytes } from "@scopeflow/test-kit/load-bytes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWasmKernels, type InstructionSet, kernelsWasmUrl, type WasmKernels } from "./index";
import { whyNoThreads } from "./threads";

const f32 = dtypes.asDType("float32");
const i32 = dtypes.asDType("int32");

function context(opType: string, attrs: Record<string, unknown> = {}, out = f32): KernelContext {
  return {
    opName: `test/${opType}`,
    opType,
    attrs: attrs as KernelContext["attrs"],
    outputDtypes: [out],
    refName: () => undefined,
    variables: { get: () => undefined, set: () => undefined },
  };
}

const floats = (shape: number[], seed: number) =>
  new NDArray(
    f32,
    shape,
    Float32Array.from(
      uniform(
        shape.reduce((a, b) => a * b, 1),
        seed,
      ),
    ),
  );
const ints = (values: number[]) => new NDArray(i32, [values.length], Int32Array.from(values));

interface SplitCase {
  title: string;
  op: string;
  attrs?: Record<string, unknown>;
  inputs: () => NDArray[];
  /** The output dtype when not float32 (comparisons). */
  out?: dtypes.DType;
}

const conv = { strides: [1, 1, 1, 1], padding: "SAME" };
const strided = { strides: [1, 2, 2, 1], padding: "VALID" };
const CASES: SplitCase[] = [
  ...[false, true].flatMap((ta) =>
    [false, true].map((tb) => ({
      title: `MatMul 37x29 * 29x53${ta ? " transpose_a" : ""}${tb ? " transpose_b" : ""}`,
      op: "MatMul",
      attrs: { transpose_a: ta, transpose_b: tb },
      inputs: () => [floats(ta ? [29, 37] : [37, 29], 1), floats(tb ? [53, 29] : [29, 53], 2)],
    })),
  ),
  {
    title: "MatMul 130x300 * 300x70 (two KC blocks, two MC blocks)",
    op: "MatMul",
    inputs: () => [floats([130, 300], 3), floats([300, 70], 4)],
  },
  {
    title: "BatchMatMulV2 [3,37,29] * [29,53]",
    op: "BatchMatMulV2",
    inputs: () => [floats([3, 37, 29], 5), floats([29, 53], 6)],
  },
  {
    title: "BatchMatMulV2 [6,3,29] * [6,29,11] (GEMMs too short to split by rows: split by batch entry)",
    op: "BatchMatMulV2",
    inputs: () => [floats([6, 3, 29], 35), floats([6, 29, 11], 36)],
  },
  {
    title: "Conv2D 2x13x11x5, 3x3x5x7 SAME",
    op: "Conv2D",
    attrs: conv,
    inputs: () => [floats([2, 13, 11, 5], 7), floats([3, 3, 5, 7], 8)],
  },
  {
    title: "Conv2D 2x13x11x5, 3x3x5x7 VALID stride 2",
    op: "Conv2D",
    attrs: strided,
    inputs: () => [floats([2, 13, 11, 5], 9), floats([3, 3, 5, 7], 10)],
  },
  {
    title: "Conv2DBackpropInput 2x13x11x5, 3x3x5x7 SAME",
    op: "Conv2DBackpropInput",
    attrs: conv,
    inputs: () => [ints([2, 13, 11, 5]), floats([3, 3, 5, 7], 11), floats([2, 13, 11, 7], 12)],
  },
  {
    title: "Conv2DBackpropFilter 2x13x11x5, 3x3x5x7 VALID stride 2",
    op: "Conv2DBackpropFilter",
    attrs: strided,
    inputs: () => [floats([2, 13, 11, 5], 13), ints([3, 3, 5, 7]), floats([2, 6, 5, 7], 14)],
  },
  { title: "Add [1000] + [1000]", op: "AddV2", inputs: () => [floats([1000], 15), floats([1000], 16)] },
  { title: "Mul [37,53] * [53] (broadcast)", op: "Mul", inputs: () => [floats([37, 53], 17), floats([53], 18)] },
  {
    title: "Sub [5,1,7] - [1,6,7] (broadcast)",
    op: "Sub",
    inputs: () => [floats([5, 1, 7], 19), floats([1, 6, 7], 20)],
  },
  {
    title: "Less [1000] < [1000] (bool output)",
    op: "Less",
    inputs: () => [floats([1000], 21), floats([1000], 22)],
    out: dtypes.asDType("bool"),
  },
  { title: "Relu [1001]", op: "Relu", inputs: () => [floats([1001], 23)] },
  { title: "ReluGrad [1001]", op: "ReluGrad", inputs: () => [floats([1001], 24), floats([1001], 25)] },
  {
    title: "Sum [37,53] over axis 1",
    op: "Sum",
    attrs: { keep_dims: false },
    inputs: () => [floats([37, 53], 26), ints([1])],
  },
  {
    title: "Max [37,53,3] over axis 1",
    op: "Max",
    attrs: { keep_dims: false },
    inputs: () => [floats([37, 53, 3], 27), ints([1])],
  },
  { title: "Softmax [37,53]", op: "Softmax", inputs: () => [floats([37, 53], 28)] },
  {
    title: "ApplyGradientDescent [1001]",
    op: "ApplyGradientDescent",
    inputs: () => [floats([1001], 29), new NDArray(f32, [], Float32Array.of(0.3)), floats([1001], 30)],
  },
  {
    title: "ApplyAdam [1001]",
    op: "ApplyAdam",
    inputs: () => [
      floats([1001], 31),
      floats([1001], 32),
      new NDArray(f32, [1001], Float32Array.from(uniform(1001, 33), Math.abs)),
      ...[0.9, 0.999, 0.01, 0.9, 0.999, 1e-7].map((v) => new NDArray(f32, [], Float32Array.of(v))),
      floats([1001], 34),
    ],
  },
];

function runCase(wasm: WasmKernels, c: SplitCase): Uint32Array {
  const kernel = wasm.kernels[c.op as keyof typeof wasm.kernels];
  const [out] = kernel(c.inputs(), context(c.op, c.attrs, c.out));
  const data = out.data as Float32Array | Uint8Array;
  return data instanceof Uint8Array
    ? Uint32Array.from(data)
    : new Uint32Array(data.buffer, data.byteOffset, data.length);
}

const load = async (set: InstructionSet, threaded: boolean) => loadBytes(new URL(kernelsWasmUrl(set, threaded).href));

describe.runIf(whyNoThreads() === undefined)("split kernels", () => {
  const pools: WasmKernels[] = [];
  let one: WasmKernels;
  beforeAll(async () => {
    one = await createWasmKernels(await load("simd128", false), { NDArray });
    for (const numThreads of [2, 3]) {
      pools.push(await createWasmKernels(await load("simd128", true), { NDArray, numThreads, splitWork: 0 }));
    }
  });
  afterAll(async () => {
    for (const wasm of pools) await wasm.dispose();
  });

  it("run on the threads asked for, over shared memory", () => {
    expect(one.threads).toEqual({ numThreads: 1 });
    expect(one.build).toEqual({ instructionSet: "simd128", shared: false });
    expect(pools.map((w) => w.threads.numThreads)).toEqual([2, 3]);
    expect(pools[0].build).toEqual({ instructionSet: "simd128", shared: true });
  });

  it.each(CASES.map((c) => [c.title, c] as const))("%s: the same bits on 1, 2 and 3 threads", (_, c) => {
    const expected = runCase(one, c);
    for (const wasm of pools) {
      const before = wasm.splitCalls;
      expect(runCase(wasm, c)).toEqual(expected);
      expect(wasm.splitCalls, "calls split across threads").toBeGreaterThan(before);
    }
    expect(one.splitCalls).toBe(0);
  });

  it("resizes the pool over the same memory and stops it", async () => {
    const wasm = pools[0];
    const c = CASES[4];
    const before = runCase(wasm, c);
    expect(await wasm.setThreads(1)).toEqual({ numThreads: 1 });
    expect(runCase(wasm, c)).toEqual(before);
    expect(await wasm.setThreads(2)).toEqual({ numThreads: 2 });
    expect(runCase(wasm, c)).toEqual(before);
    await wasm.dispose();
    expect(wasm.threads).toEqual({ numThreads: 1 });
    expect(runCase(wasm, c)).toEqual(before);
  });

  it("a build without shared memory stays on one thread and says why", async () => {
    const plain = await createWasmKernels(await load("simd128", false), { NDArray, numThreads: 2 });
    expect(plain.threads.numThreads).toBe(1);
    expect(plain.threads.reason).toMatch(/memory is not shared/);
  });
});

describe.runIf(whyNoThreads() !== undefined)("one thread where memory cannot be shared", () => {
  it("names the reason and runs the plain build on one thread", async () => {
    const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
    if (isolated === false) expect(whyNoThreads()).toMatch(/not cross-origin isolated/);
    const wasm = await createWasmKernels(await load("simd128", false), { NDArray, numThreads: 2 });
    expect(wasm.threads.numThreads).toBe(1);
    expect(wasm.threads.reason).toBe(whyNoThreads());
    expect(Array.from(runCase(wasm, CASES[0])).length).toBe(37 * 53);
  });
});
