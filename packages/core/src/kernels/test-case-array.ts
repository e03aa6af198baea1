// Test helper: a tensor of the shared conformance tables (@scopeflow/test-kit/kernel-cases) as a core NDArray.
import type { CaseTensor } from "@scopeflow/test-kit/kernel-cases";
import { NDArray } from "../framework/ndarray";

/** The case tensor's dtype, shape and values (int64 values as BigInt). */
export function caseArray(t: CaseTensor): NDArray {
  const a = new NDArray(t.dtype, t.shape);
  const data = a.data as { [i: number]: number | bigint };
  t.data.forEach((v, i) => {
    data[i] = t.dtype === "int64" ? BigInt(v) : v;
  });
  return a;
}
