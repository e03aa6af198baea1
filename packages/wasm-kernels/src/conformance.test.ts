// Conformance: every case of the shared kernel tables through the wasm kernels, against the JS oracles.
import { dtypes, type KernelContext, NDArray } from "@scopeflow/core/kernels";
import {
  arrayCases,
  type CaseTensor,
  convCases,
  elementwiseCases,
  type KernelCase,
  matMulCases,
  reduceCases,
  trainingCases,
  unaryCases,
} from "@scopeflow/test-kit/kernel-cases";
import { loadBytes } from "@scopeflow/test-kit/load-bytes";
import { beforeAll, describe, expect, it } from "vitest";
import { createWasmKernels, type WasmKernels } from "./index";

let wasm: WasmKernels;
beforeAll(async () => {
  wasm = await createWasmKernels(await loadBytes(new URL("../build/kernels.wasm", import.meta.url)), { NDArray });
});

function toNDArray(t: CaseTensor): NDArray {
  const dtype = dtypes.asDType(t.dtype);
  const data = dtypes.allocData(dtype, t.data.length);
  t.data.forEach((v, i) => {
    (data as unknown[])[i] = t.dtype === "int64" ? BigInt(v) : v;
  });
  return new NDArray(dtype, t.shape, data);
}

function run(c: KernelCase): { outputs: NDArray[]; store: Map<string, NDArray> } {
  const kernel = wasm.kernels[c.op as keyof typeof wasm.kernels];
  if (!kernel) throw new Error(`no wasm kernel for ${c.op}`);
  const store = new Map<string, NDArray>();
  const ctx: KernelContext = {
    opName: `test/${c.op}`,
    opType: c.op,
    attrs: (c.attrs ?? {}) as KernelContext["attrs"],
    outputDtypes: c.expected.map((e) => dtypes.asDType(e.dtype)),
    refName: (i) => c.refs?.[i],
    variables: { get: (name) => store.get(name), set: (name, value) => void store.set(name, value) },
  };
  return { outputs: kernel(c.inputs.map(toNDArray), ctx), store };
}

/** The same case through the Session backend: inputs uploaded to the device, outputs read back, blocks released. */
function runResident(c: KernelCase): { outputs: NDArray[]; store: Map<string, NDArray> } {
  const { device, kernels } = wasm.backend;
  const kernel = kernels[c.op];
  if (!kernel) throw new Error(`no wasm backend kernel for ${c.op}`);
  const store = new Map<string, NDArray>();
  const inputs = c.inputs.map((t) => {
    const host = toNDArray(t);
    if (host.dtype.name === "string") return host;
    const onDevice = device.upload(host);
    device.retain(onDevice);
    return onDevice;
  });
  const ctx: KernelContext = {
    opName: `test/${c.op}`,
    opType: c.op,
    attrs: (c.attrs ?? {}) as KernelContext["attrs"],
    outputDtypes: c.expected.map((e) => dtypes.asDType(e.dtype)),
    refName: (i) => c.refs?.[i],
    variables: { get: (name) => store.get(name), set: (name, value) => void store.set(name, value.toHost()) },
  };
  const held = device.heldBlocks;
  const results = kernel(inputs, ctx);
  for (const r of results) r.device?.retain(r);
  const outputs = results.map((r) => r.toHost());
  for (const value of [...results, ...inputs]) value.device?.release(value);
  expect(device.heldBlocks, "device blocks left after the kernel").toBe(held - inputs.filter((x) => x.device).length);
  return { outputs, store };
}

function check(actual: NDArray, expected: CaseTensor, tol: number): void {
  expect(actual.dtype.name).toBe(expected.dtype);
  expect(actual.shape).toEqual(expected.shape);
  const got = Array.from(actual.data as ArrayLike<number | bigint>, Number);
  if (expected.dtype === "float32") {
    got.forEach((v, i) => {
      const e = Math.fround(expected.data[i]);
      if (Number.isNaN(e)) expect(v).toBeNaN();
      else if (!Number.isFinite(e)) expect(v).toBe(e);
      else expect(Math.abs(v - e), `element ${i}: ${v} vs ${e}`).toBeLessThanOrEqual(tol + tol * Math.abs(e));
    });
  } else {
    expect(got).toEqual(expected.data);
  }
}

const families: [string, KernelCase[]][] = [
  ["elementwise", elementwiseCases()],
  ["unary", unaryCases()],
  ["reduce", reduceCases()],
  ["matmul", matMulCases()],
  ["conv", convCases()],
  ["array", arrayCases()],
  ["training", trainingCases()],
];

for (const [family, cases] of families) {
  describe(family, () => {
    it.each(cases.map((c) => [`${c.op}: ${c.title}`, c] as const))("%s", (_, c) => {
      const { outputs, store } = run(c);
      check(outputs[0], c.expected[0], c.tol ?? 0);
      for (const [i, name] of Object.entries(c.refs ?? {})) {
        const slot = store.get(name);
        expect(slot, `variable ${name} written back`).toBeDefined();
        if (Number(i) > 0 && slot) check(slot, c.expected[Number(i)], c.tol ?? 0);
      }
    });
    it.each(cases.map((c) => [`${c.op}: ${c.title}`, c] as const))("resident: %s", (_, c) => {
      const { outputs, store } = runResident(c);
      check(outputs[0], c.expected[0], c.tol ?? 0);
      for (const [i, name] of Object.entries(c.refs ?? {})) {
        const slot = store.get(name);
        if (Number(i) > 0 && slot) check(slot, c.expected[Number(i)], c.tol ?? 0);
      }
    });
  });
}
