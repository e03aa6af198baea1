// The shared conformance tables (@scopeflow/test-kit/kernel-cases), every family, through the reference backend's
// merged kernel table as the Session picks kernels (kernelFor): the oracle the wasm backend is held to.
import { caseFamilies, checkCase, type KernelCase } from "@scopeflow/test-kit/kernel-cases";
import { describe, expect, it } from "vitest";
import { asDType } from "../framework/dtypes";
import type { NDArray } from "../framework/ndarray";
import { getBackend, kernelFor, nativeOpTypes } from "./backend-registry";
import { type KernelContext, lookupKernel, runEager } from "./contract";
import { referenceBackend } from "./reference/index";
import { useBuilderKernels } from "./reference/use-builder-kernels";
import { caseArray } from "./test-case-array";

// The cases run kernels without building their ops: register the families their builders load.
useBuilderKernels();

function run(c: KernelCase): { outputs: NDArray[]; store: Map<string, NDArray> } {
  const inputs = c.inputs.map(caseArray);
  const attrs = (c.attrs ?? {}) as KernelContext["attrs"];
  const kernel = kernelFor(
    c.op,
    `test/${c.op}`,
    referenceBackend,
    inputs.map((x) => x.dtype),
    attrs,
  );
  const store = new Map<string, NDArray>();
  c.inputs.forEach((_, i) => {
    const name = c.refs?.[i];
    if (name !== undefined && c.initialized !== false) store.set(name, inputs[i]);
  });
  const ctx: KernelContext = {
    opName: `test/${c.op}`,
    opType: c.op,
    attrs,
    outputDtypes: c.expected.map((e) => asDType(e.dtype)),
    refName: (i) => c.refs?.[i],
    variables: { get: (name) => store.get(name), set: (name, value) => void store.set(name, value) },
  };
  return { outputs: runEager(kernel, inputs, ctx), store };
}

describe("reference backend", () => {
  it("is the backend of core alone", () => {
    expect(getBackend()).toBe("reference");
    expect(nativeOpTypes()).toEqual(Object.keys(referenceBackend.kernels).sort());
  });
});

const families = caseFamilies();

const missing = [...new Set(families.flatMap(([, cases]) => cases.map((c) => c.op)))].filter(
  (op) => lookupKernel(referenceBackend.kernels, op) === undefined,
);

describe("reference backend coverage", () => {
  it("has a kernel for every op of the conformance tables", () => {
    expect(missing).toEqual([]);
  });
});

for (const [family, cases] of families) {
  describe(`reference backend conformance: ${family}`, () => {
    it.each(cases.filter((c) => !missing.includes(c.op)).map((c) => [`${c.op}: ${c.title}`, c] as const))(
      "%s",
      (_, c) => {
        if (c.throws !== undefined) {
          expect(() => run(c)).toThrow(c.throws);
          return;
        }
        const { outputs, store } = run(c);
        checkCase(outputs[0], c.expected[0], c.tol ?? 0);
        for (const [i, name] of Object.entries(c.refs ?? {})) {
          checkCase(store.get(name) as NDArray, c.expected[Number(i)], c.tol ?? 0);
        }
        // An op of several outputs without refs (SoftmaxCrossEntropyWithLogits' loss and backprop): each of them.
        if (c.refs === undefined) c.expected.forEach((e, i) => checkCase(outputs[i], e, c.tol ?? 0));
      },
    );
  });
}
