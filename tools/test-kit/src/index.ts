// Shared test helpers. Imported by test files only (never by package runtime code).

/** Asserts two numeric arrays are equal within `tol` (absolute + relative), naming the first index that differs. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-5): void {
  if (actual.length !== expected.length) {
    throw new Error(`expectClose: length ${actual.length} differs from expected ${expected.length}`);
  }
  for (let i = 0; i < actual.length; i++) {
    const a = Number(actual[i]);
    const e = Number(expected[i]);
    if (Number.isNaN(e) && Number.isNaN(a)) continue;
    if (!(Math.abs(a - e) <= tol + tol * Math.abs(e))) {
      throw new Error(`expectClose: index ${i}: ${a} is not within ${tol} of ${e}`);
    }
  }
}

/** Folder of the real TensorFlow files (copied from shared/fixtures/tf, see its README.md). */
export const TF_FIXTURES_DIR = new URL("../fixtures/tf/", import.meta.url);

export { seeded, uniform } from "./random";
