// The one comparison every backend's conformance run uses.
import { expect } from "vitest";
import type { CaseTensor } from "./case-tensor";

/**
 * Asserts a backend's output against a case's expected tensor: dtype and shape exactly; float32 within `tol`
 * (absolute + relative, against the float32-rounded expectation; NaN and infinities exactly); other dtypes exactly.
 */
export function checkCase(
  actual: { dtype: { name: string }; shape: readonly number[]; data: unknown },
  expected: CaseTensor,
  tol: number,
): void {
  expect(actual.dtype.name).toBe(expected.dtype);
  expect(actual.shape).toEqual(expected.shape);
  const got = Array.from(actual.data as ArrayLike<number | bigint>, Number);
  if (expected.dtype !== "float32") {
    expect(got).toEqual(expected.data);
    return;
  }
  got.forEach((v, i) => {
    const e = Math.fround(expected.data[i]);
    if (Number.isNaN(e)) expect(v).toBeNaN();
    else if (!Number.isFinite(e)) expect(v).toBe(e);
    else expect(Math.abs(v - e), `element ${i}: ${v} vs ${e}`).toBeLessThanOrEqual(tol + tol * Math.abs(e));
  });
}
