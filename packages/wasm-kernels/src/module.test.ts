// The choice of build at ready(): the relaxed-SIMD probe agrees with validating the relaxed build itself, and the
// default URL names a build that instantiates and reports the instruction set it was compiled for.
import { loadBytes } from "@scopeflow/test-kit/load-bytes";
import { describe, expect, it } from "vitest";
import { bestInstructionSet, hasWasmRelaxedSimd, kernelsWasmUrl } from "./index";
import { instantiateKernels } from "./module";

/** The bytes of a build, in an ArrayBuffer (what WebAssembly.validate's BufferSource type asks for). */
const bytesOf = async (url: { href: string }) => new Uint8Array(await loadBytes(new URL(url.href)));

describe("kernels build selection", () => {
  it("the relaxed-SIMD probe says what validating kernels-relaxed.wasm says", async () => {
    const relaxed = await bytesOf(kernelsWasmUrl("relaxed-simd"));
    expect(hasWasmRelaxedSimd()).toBe(WebAssembly.validate(relaxed));
    expect(WebAssembly.validate(await bytesOf(kernelsWasmUrl("simd128")))).toBe(true);
  });

  it("names each build's file next to the package", () => {
    expect(kernelsWasmUrl("simd128").href).toMatch(/\/build\/kernels\.wasm$/);
    expect(kernelsWasmUrl("relaxed-simd").href).toMatch(/\/build\/kernels-relaxed\.wasm$/);
    expect(kernelsWasmUrl().href).toBe(kernelsWasmUrl(bestInstructionSet()).href);
  });

  it("instantiates the default build, which reports the instruction set chosen", async () => {
    const loaded = await instantiateKernels(await bytesOf(kernelsWasmUrl()));
    expect(loaded.instructionSet).toBe(hasWasmRelaxedSimd() ? "relaxed-simd" : "simd128");
  });
});
