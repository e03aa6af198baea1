// The reference kernel table's completeness is a compile-time fact: `Kernels` is `Record<OpType, Kernel>`, so a
// table missing an op type (or naming one the op table does not declare) fails `tsc` (the typecheck task checks
// this file: each @ts-expect-error below must meet an error).
import { describe, expect, it } from "vitest";
import { opDefs } from "../ops/op-defs";
import type { Kernel, Kernels } from "./contract";
import { referenceKernels } from "./reference/index";

describe("the reference kernel table", () => {
  it("has a kernel for every op type of the op table, and none for another type", () => {
    const types = Object.keys(opDefs).sort();
    expect(Object.keys(referenceKernels).sort()).toEqual(types);
    expect(types.length).toBeGreaterThan(140);
  });

  it("does not compile without a kernel for an op type", () => {
    const { MatMul: dropped, ...incomplete } = referenceKernels;
    // @ts-expect-error: Property 'MatMul' is missing (an op type without a reference kernel).
    const table: Kernels = incomplete;
    expect(Object.hasOwn(table, "MatMul")).toBe(false);
    expect(typeof dropped).toBe("function");
  });

  it("does not compile with a kernel for a type the op table does not declare", () => {
    const extra: Kernel = () => [];
    // @ts-expect-error: 'NotAnOp' does not exist in type 'Kernels'.
    const table: Kernels = { ...referenceKernels, NotAnOp: extra };
    expect(Object.hasOwn(table, "NotAnOp")).toBe(true);
  });
});
