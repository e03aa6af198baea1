// Conformance: every case of the shared kernel tables through the wasm kernels, against the JS oracles, on each
// build this runtime validates (SIMD128 always, relaxed SIMD where WebAssembly.validate accepts it): both builds
// pass the same tables with the same tolerances. SCOPEFLOW_KERNELS_BUILD=<set> keeps one build (vitest.config.ts's
// relaxed-SIMD project on a Node that needs a flag for it).
import { dtypes, type KernelContext, NDArray, type OpKernel, runEager } from "@scopeflow/core/kernels";
import { type CaseTensor, caseFamilies, checkCase, type KernelCase } from "@scopeflow/test-kit/kernel-cases";
import { loadBytes } from "@scopeflow/test-kit/load-bytes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWasmKernels, hasWasmRelaxedSimd, type InstructionSet, kernelsWasmUrl, type WasmKernels } from "./index";
import { whyNoThreads } from "./threads";

function toNDArray(t: CaseTensor): NDArray {
  const dtype = dtypes.asDType(t.dtype);
  const data = dtypes.allocData(dtype, t.data.length);
  t.data.forEach((v, i) => {
    (data as unknown[])[i] = t.dtype === "int64" ? BigInt(v) : v;
  });
  return new NDArray(dtype, t.shape, data);
}

/** A kernel's context for case `c`: its variables live in `store`, written back through `toStore`. */
function caseContext(c: KernelCase, store: Map<string, NDArray>, toStore: (value: NDArray) => NDArray): KernelContext {
  return {
    opName: `test/${c.op}`,
    opType: c.op,
    attrs: (c.attrs ?? {}) as KernelContext["attrs"],
    outputDtypes: c.expected.map((e) => dtypes.asDType(e.dtype)),
    refName: (i) => c.refs?.[i],
    variables: { get: (name) => store.get(name), set: (name, value) => void store.set(name, toStore(value)) },
  };
}

/** The ref variables hold their input's value before the kernel runs, unless the case leaves them uninitialized. */
function seed(c: KernelCase, store: Map<string, NDArray>, inputs: NDArray[]): void {
  if (c.initialized === false) return;
  for (const [i, name] of Object.entries(c.refs ?? {})) store.set(name, inputs[Number(i)]);
}

function run(wasm: WasmKernels, c: KernelCase): { outputs: NDArray[]; store: Map<string, NDArray> } {
  const kernel = wasm.kernels[c.op as keyof typeof wasm.kernels];
  if (!kernel) throw new Error(`no wasm kernel for ${c.op}`);
  const store = new Map<string, NDArray>();
  const inputs = c.inputs.map(toNDArray);
  seed(c, store, inputs);
  const ctx = caseContext(c, store, (value) => value);
  return { outputs: kernel(inputs, ctx), store };
}

/** The same case through the Session backend: inputs uploaded to the device, outputs read back, blocks released. */
function runResident(wasm: WasmKernels, c: KernelCase): { outputs: NDArray[]; store: Map<string, NDArray> } {
  const { device, kernels } = wasm.backend;
  const kernel = kernels[c.op as keyof typeof kernels];
  if (!kernel) throw new Error(`no wasm backend kernel for ${c.op}`);
  const store = new Map<string, NDArray>();
  const inputs = c.inputs.map((t) => {
    const host = toNDArray(t);
    if (host.dtype.name === "string") return host;
    const onDevice = device.upload(host);
    device.retain(onDevice);
    return onDevice;
  });
  seed(c, store, inputs);
  const ctx = caseContext(c, store, (value) => value.toHost());
  const held = device.heldBlocks;
  let results: NDArray[];
  try {
    results = runEager(kernel, inputs, ctx);
  } catch (err) {
    for (const value of inputs) value.device?.release(value);
    expect(device.heldBlocks, "device blocks left after the kernel threw").toBe(
      held - inputs.filter((x) => x.device).length,
    );
    throw err;
  }
  for (const r of results) r.device?.retain(r);
  const outputs = results.map((r) => r.toHost());
  for (const value of [...results, ...inputs]) value.device?.release(value);
  expect(device.heldBlocks, "device blocks left after the kernel").toBe(held - inputs.filter((x) => x.device).length);
  return { outputs, store };
}

/**
 * The same case as a planned Session run fixes it: prepared once, bound to device inputs and device output blocks
 * (`bind`), run, read back. Undefined when the prepared call cannot be bound (no output specs, or `bind` declines).
 */
function runBound(wasm: WasmKernels, c: KernelCase): NDArray[] | undefined {
  const { device, kernels } = wasm.backend;
  const kernel = kernels[c.op as keyof typeof kernels];
  if (!kernel) throw new Error(`no wasm backend kernel for ${c.op}`);
  const inputs = c.inputs.map((t) => device.upload(toNDArray(t)));
  const held: NDArray[] = [...inputs];
  try {
    for (const x of inputs) device.retain(x);
    const hostInputs = c.inputs.map(toNDArray);
    const specs = inputs.map((x, i) =>
      kernel.valueInputs?.some((v) => v === i || v === i - inputs.length)
        ? hostInputs[i]
        : { dtype: x.dtype, shape: x.shape },
    );
    const prepared = kernel.prepare(
      specs,
      caseContext(c, new Map(), (value) => value),
    );
    try {
      if (prepared.outputs === undefined || prepared.bind === undefined) return undefined;
      const outputs = prepared.outputs.map((o) => device.upload(new NDArray(o.dtype, o.shape)));
      for (const o of outputs) device.retain(o);
      held.push(...outputs);
      const bound = prepared.bind(inputs, outputs);
      if (bound === undefined) return undefined;
      bound.run();
      bound.run();
      bound.release();
      return outputs.map((o) => o.toHost());
    } finally {
      prepared.release?.();
    }
  } finally {
    for (const value of held) device.release(value);
  }
}

/**
 * An update case as a planned Session run fixes it: prepared for the variables' values, bound over their own device
 * blocks with output 0 a view of var (`inPlace`), run once; returns the ref inputs' blocks read back, keyed by index.
 * Undefined when the call cannot be bound (an uninitialized variable, a change of shape, an empty variable).
 */
function runInPlace(wasm: WasmKernels, c: KernelCase): Map<number, NDArray> | undefined {
  const { device, kernels } = wasm.backend;
  const kernel = kernels[c.op as keyof typeof kernels] as OpKernel;
  expect(kernel.inPlace, `${c.op} declares in-place updates`).toBe(true);
  const inputs = c.inputs.map((t) => device.upload(toNDArray(t)));
  for (const x of inputs) device.retain(x);
  const held = device.heldBlocks;
  try {
    const store = new Map<string, NDArray>();
    seed(c, store, inputs);
    const prepared = kernel.prepare(
      inputs,
      caseContext(c, store, (value) => value),
    );
    try {
      if (prepared.outputs === undefined || prepared.bind === undefined) return undefined;
      expect(prepared.inPlace).toBe(true);
      const out = NDArray.onDevice(device, inputs[0].dtype, inputs[0].shape, inputs[0].byteOffset);
      const bound = prepared.bind(inputs, [out]);
      if (bound === undefined) return undefined;
      bound.run();
      bound.release();
      expect(device.heldBlocks, "an in-place update allocates no blocks").toBe(held);
      return new Map(Object.keys(c.refs ?? {}).map((i) => [Number(i), inputs[Number(i)].toHost()]));
    } finally {
      prepared.release?.();
    }
  } finally {
    for (const value of inputs) device.release(value);
  }
}

/** The first output; every ref variable in the store; every output of a multi-output op without refs. */
function check(c: KernelCase, outputs: NDArray[], store: Map<string, NDArray>): void {
  checkCase(outputs[0], c.expected[0], c.tol ?? 0);
  for (const [i, name] of Object.entries(c.refs ?? {})) {
    const slot = store.get(name);
    expect(slot, `variable ${name} written back`).toBeDefined();
    if (slot) checkCase(slot, c.expected[Number(i)], c.tol ?? 0);
  }
  if (c.refs === undefined) c.expected.forEach((e, i) => checkCase(outputs[i], e, c.tol ?? 0));
}

/**
 * Variable updates in the in-place prepare form: a planned step binds them over the variables' own blocks. The other
 * ref-updating kernels (Scatter*, SparseApply*) still run eagerly: their eager and resident modes cover them.
 */
const IN_PLACE_UPDATES = [
  "Assign",
  "AssignAdd",
  "AssignSub",
  "ApplyGradientDescent",
  "ApplyMomentum",
  "ApplyAdam",
  "ApplyAdagrad",
  "ApplyRMSProp",
  "ApplyCenteredRMSProp",
];

/** Kernels in the prepare form whose calls a planned run binds, unless an input is empty (then it runs eagerly). */
const MUST_BIND = [
  "Conv2D",
  "Conv2DBackpropInput",
  "Conv2DBackpropFilter",
  "MaxPool",
  "AvgPool",
  "MaxPoolGrad",
  "AvgPoolGrad",
  "DepthwiseConv2dNative",
  "DepthwiseConv2dNativeBackpropInput",
  "DepthwiseConv2dNativeBackpropFilter",
  "FusedBatchNormV3",
  "FusedBatchNormGradV3",
  "Tile",
  "MatMul",
  "Transpose",
  "Slice",
  "StridedSlice",
  "Cast",
  "Fill",
  "ConcatV2",
  "SoftmaxCrossEntropyWithLogits",
  "SparseSoftmaxCrossEntropyWithLogits",
];

const families = caseFamilies();
const only = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env
  .SCOPEFLOW_KERNELS_BUILD;
const builds = (["simd128", "relaxed-simd"] as const).filter(
  (set: InstructionSet) => (set === "simd128" || hasWasmRelaxedSimd()) && (only === undefined || only === set),
);

// Each build on one thread, and (where this runtime shares memory with workers) its threaded twin on 2 threads with
// every splittable kernel split however small, so that the split kernels pass the same tables.
const runs = builds.flatMap((build) => [
  { build, threads: 1 },
  ...(whyNoThreads() === undefined ? [{ build, threads: 2 }] : []),
]);

for (const { build, threads } of runs) {
  describe(threads === 1 ? build : `${build}, ${threads} threads`, () => {
    let wasm: WasmKernels;
    beforeAll(async () => {
      const bytes = await loadBytes(new URL(kernelsWasmUrl(build, threads > 1).href));
      wasm = await createWasmKernels(bytes, { NDArray, numThreads: threads, splitWork: 0 });
    });
    afterAll(() => wasm.dispose());

    it("runs the build it was asked for", () => {
      expect(wasm.exports.relaxedSimd()).toBe(build === "relaxed-simd" ? 1 : 0);
      expect(wasm.threads).toEqual({ numThreads: threads });
    });

    for (const [family, cases] of families) {
      describe(family, () => {
        it.each(cases.map((c) => [`${c.op}: ${c.title}`, c] as const))("%s", (_, c) => {
          if (c.throws !== undefined) {
            expect(() => run(wasm, c)).toThrow(c.throws);
            return;
          }
          const { outputs, store } = run(wasm, c);
          check(c, outputs, store);
        });
        it.each(cases.map((c) => [`${c.op}: ${c.title}`, c] as const))("resident: %s", (_, c) => {
          if (c.throws !== undefined) {
            expect(() => runResident(wasm, c)).toThrow(c.throws);
            return;
          }
          const { outputs, store } = runResident(wasm, c);
          check(c, outputs, store);
        });
        const updateCases = cases.filter((c) => c.throws === undefined && IN_PLACE_UPDATES.includes(c.op));
        it.each(updateCases.map((c) => [`${c.op}: ${c.title}`, c] as const))("bound in place: %s", (_, c) => {
          const updated = runInPlace(wasm, c);
          if (updated === undefined) {
            // Only a variable that is uninitialized, empty, or takes another shape runs eagerly.
            const [v, value] = c.inputs;
            const reshaped = c.op === "Assign" && v.shape.join(",") !== value.shape.join(",");
            expect(c.initialized === false || reshaped || v.data.length === 0).toBe(true);
            return;
          }
          for (const [i, value] of updated) checkCase(value, c.expected[i], c.tol ?? 0);
        });
        const boundCases = cases.filter((c) => c.throws === undefined && c.refs === undefined);
        it.each(boundCases.map((c) => [`${c.op}: ${c.title}`, c] as const))("bound: %s", (_, c) => {
          const outputs = runBound(wasm, c);
          if (outputs !== undefined) check(c, outputs, new Map());
          else if (MUST_BIND.includes(c.op)) expect(c.inputs.some((t) => t.data.length === 0)).toBe(true);
        });
      });
    }
  });
}
