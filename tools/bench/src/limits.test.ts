// The hand-written limits compute what they claim (a yardstick that skips work would flatter nobody but itself):
// each build this runtime validates, from dist/limits/ (the package's build makes it before the tests run).
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import {
  addLimit,
  freshReadbackLimit,
  gemmLimit,
  type Limits,
  limitsFile,
  loadLimits,
  reduceSumLimit,
  touchedReadbackLimit,
  wasmCopyLimit,
} from "./peers/limits";
import { randomData } from "./random";

const bytesOf = (file: string) => readFile(new URL(`../dist/limits/${file}`, import.meta.url));

/** C = A B in float64, row-major. */
function naiveGemm(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) c[i * n + j]! += a[i * k + p]! * b[p * n + j]!;
  return c;
}

/** The inputs and output a limit run works on: the first allocations, in order, as the run laid them out. */
function floatsAt(lib: Limits, sizes: number[]): Float32Array[] {
  let at = 64;
  return sizes.map((size) => {
    const view = lib.floats(at, size);
    at += Math.ceil((size * 4) / 64) * 64;
    return view;
  });
}

for (const set of ["simd128", "relaxed-simd"] as const) {
  // Relaxed SIMD validates on Node >= 22 and in Chromium; Node 20 runs the SIMD128 build only.
  const runnable = WebAssembly.validate(await bytesOf(limitsFile(set)));
  describe(`hand-written limits, ${set} build`, () => {
    it.skipIf(!runnable)("SGEMM equals C = A B across KC slices (k > 256) and MC blocks (m > 64)", async () => {
      const lib = await loadLimits(bytesOf, set);
      expect(lib.instructionSet).toBe(set);
      for (const [m, k, n] of [
        [4, 1, 8],
        [68, 300, 24],
        [64, 64, 64],
      ] as const) {
        const run = gemmLimit(lib, m, k, n);
        run.run();
        const [a, b, c] = floatsAt(lib, [m * k, k * n, m * n]);
        expect(a).toEqual(randomData(m * k, 1));
        expect(b).toEqual(randomData(k * n, 2));
        const want = naiveGemm(a!, b!, m, k, n);
        for (let i = 0; i < m * n; i++) expect(c![i]).toBeCloseTo(want[i]!, 4);
      }
    });
    it.skipIf(!runnable)("reduce-sum, add and the copies move or combine every float", async () => {
      const lib = await loadLimits(bytesOf, set);
      const n = 4096;
      const sum = reduceSumLimit(lib, n).run() as number;
      expect(sum).toBeCloseTo(
        randomData(n, 1).reduce((s, v) => s + v, 0),
        3,
      );
      addLimit(lib, n).run();
      const [x, y, z] = floatsAt(lib, [n, n, n]);
      expect(z).toEqual(x!.map((v, i) => v + y![i]!));
      wasmCopyLimit(lib, n).run();
      const [src, dst] = floatsAt(lib, [n, n]);
      expect(dst).toEqual(src);
    });
  });
}

describe("readback floors", () => {
  it("copy the view over wasm memory into a fresh array, and into one touched array", async () => {
    const lib = await loadLimits(bytesOf, "simd128");
    const n = 1000;
    const fresh = freshReadbackLimit(lib, n);
    const copies = [fresh.run(), fresh.run()];
    expect(copies[0]).not.toBe(copies[1]);
    expect(copies[0]).toEqual(randomData(n, 1));
    const touched = touchedReadbackLimit(lib, n);
    expect(touched.run()).toBe(touched.run());
    expect(touched.run()).toEqual(randomData(n, 1));
  });
});
